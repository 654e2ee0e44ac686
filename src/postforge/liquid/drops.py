"""The drop protocol: objects a template reads key by key, computing each value only when asked.

The site layer exposes pages, posts and the site itself as drops, so ``{{ page.title }}`` never
forces ``page.content`` to render. A drop answers :meth:`Drop.liquid_get` for one key at a time;
everything else (printing, ``jsonify``, ``contains``, iteration) has a default built on
:meth:`Drop.liquid_keys`.
"""

from __future__ import annotations

from typing import Any
from typing import Iterable

__all__ = ["Drop", "MappingDrop"]


class Drop:
    """Base class of lazily evaluated template objects."""

    __slots__ = ()

    def liquid_get(self, key: Any) -> Any:
        """The value of ``drop.key`` / ``drop[key]``; ``None`` when there is none."""
        return None

    def liquid_has(self, key: Any) -> bool:
        """Whether ``key`` exists (``key?`` in Ruby); the default asks :meth:`liquid_keys`."""
        return key in self.liquid_keys()

    def liquid_keys(self) -> Iterable[str]:
        """The keys ``jsonify``, ``inspect`` and iteration see."""
        return ()

    def to_dict(self) -> dict[str, Any]:
        """A plain hash of every key (Ruby's ``to_h``), for ``jsonify`` and ``inspect``."""
        return {key: self.liquid_get(key) for key in self.liquid_keys()}

    def liquid_str(self) -> str | None:
        """What ``{{ drop }}`` prints, or ``None`` for Jekyll's default: the hash, inspected."""
        return None

    def to_number(self) -> Any:
        return None

    def is_empty(self) -> bool | None:
        return None

    def size(self) -> int | None:
        return None

    def contains(self, item: Any) -> bool:
        return self.liquid_has(item)

    def equals(self, other: Any) -> bool:
        return self is other

    def __iter__(self):
        return iter([key, self.liquid_get(key)] for key in self.liquid_keys())


class MappingDrop(Drop):
    """A drop over a dict of values and zero-argument callables (computed once, on first read)."""

    __slots__ = ("_data", "_computed")

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self._computed: dict[str, Any] = {}

    def liquid_get(self, key: Any) -> Any:
        try:
            return self._computed[key]
        except (KeyError, TypeError):
            pass
        value = self._data.get(key) if isinstance(key, str) else None
        if callable(value):
            value = value()
            self._computed[key] = value
        return value

    def liquid_has(self, key: Any) -> bool:
        return key in self._data

    def liquid_keys(self) -> Iterable[str]:
        return self._data.keys()
