"""Pickling the site model across processes and builds, time zones included.

Dates carry the zone Ruby calls local time (:func:`postforge.liquid.filters.ruby_time.local_zone`),
which for an unset ``TZ`` is read from ``/etc/localtime``: a ``ZoneInfo`` made from a file, which
the standard pickler refuses. Such zones are pickled by their path and read again on loading,
so worker results and the incremental cache hold the same dates the build made.
"""

from __future__ import annotations

import functools
import io
import pickle
import zoneinfo
from typing import Any

from postforge.liquid.filters.ruby_time import local_zone

__all__ = ["dumps", "loads"]


@functools.lru_cache(maxsize=16)
def _zone_file(path: str) -> Any:
    local = local_zone()
    if getattr(local, "key", None) == path:
        return local
    with open(path, "rb") as handle:
        return zoneinfo.ZoneInfo.from_file(handle, key=path)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, zoneinfo.ZoneInfo):
            key = obj.key
            if isinstance(key, str) and key.startswith("/"):
                return _zone_file, (key,)
        return NotImplemented


def dumps(value: Any) -> bytes:
    """``pickle.dumps`` that also takes zones read from files."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    return pickle.loads(data)
