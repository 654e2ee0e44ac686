"""Incremental builds (``postforge build -I``): what changed, what depends on it, and the state kept.

:func:`build_incremental` is the entry point (:mod:`.build`); :mod:`.state` is what is kept in
``<source>/.postforge-cache/``, :mod:`.scan` finds changed source files, :mod:`.model` reads
them into the last build's model, :mod:`.graph` records and queries what each page read,
:mod:`.restore` brings back units not rendered, :mod:`.output` writes what changed.
"""

from __future__ import annotations

import os
from typing import Any

__all__ = ["CACHE_DIR", "IncrementalResult", "build_incremental", "kept_model"]

#: the folder of the state, in the source (here, where a light module finds it: :mod:`.state`
#: and :mod:`.preconvert` use it)
CACHE_DIR = ".postforge-cache"


def kept_model(source: str | os.PathLike[str]) -> bool:
    """Whether the last ``-I`` build in ``source`` kept its model: then the next one patches it,
    reading few files (asked before anything heavier is imported: :mod:`postforge.program`)."""
    return os.path.exists(os.path.join(source, CACHE_DIR, "model.pickle"))


def __getattr__(name: str) -> Any:
    # Found when first asked for (PEP 562): importing :mod:`.scan` or :mod:`.markdown` alone
    # does not load the whole build (the process that converts Markdown early needs only those).
    if name not in ("IncrementalResult", "build_incremental"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from postforge.incremental import build

    value = globals()[name] = getattr(build, name)
    return value
