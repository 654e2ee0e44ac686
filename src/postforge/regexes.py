"""Regexes compiled on their first use, not when their module is imported.

Every build imports the Liquid engine, the Markdown converter, the YAML reader and the rest, but
most sites never reach most of their rarer paths (Liquid's lax parsing, ``strip_html``, sexagesimal
YAML numbers, highlighted code …). Compiled at import, the 77 module patterns a build of the
benchmark blog never used cost its parent 10.5 ms before any work, on the path every other step
waits for. A pattern a build does use is compiled where it is first used: before the render
workers fork, it is theirs too.
"""

from __future__ import annotations

import re

__all__ = ["LazyPattern"]


class LazyPattern:
    """A regex compiled on its first use instead of at import.

    The first attribute looked up compiles the pattern and stores its methods on the holder, so
    later calls find them directly (no ``__getattr__``). Used as a compiled pattern's methods
    and attributes are (``LAZY.match(text)``), not where ``re`` functions take a pattern.
    """

    _METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
                "scanner", "pattern", "flags", "groups", "groupindex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        #: what it compiles: (pattern, flags), readable without compiling it
        self.source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self.source)
        self.__dict__.update((method, getattr(compiled, method)) for method in self._METHODS)
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)

    def __copy__(self) -> LazyPattern:
        return self

    def __deepcopy__(self, memo: dict) -> LazyPattern:
        return self

    def __repr__(self) -> str:
        return f"LazyPattern({self.source[0]!r}, {self.source[1]!r})"
