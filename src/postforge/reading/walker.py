"""Which files of the source tree belong to the site: Jekyll's ``EntryFilter`` rules.

Names starting with ``.``, ``_``, ``#`` or ``~`` and backups ending in ``~`` are special and left
out unless ``include`` names them; ``exclude`` patterns match as Jekyll matches them (glob, or a
plain prefix of the path relative to the source); symlinks are followed only when they stay
inside the source.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable

__all__ = ["EntryFilter"]

_SPECIAL_LEADING = (".", "_", "#", "~")


class EntryFilter:
    """Decides which directory entries the reader sees."""

    def __init__(self, source: Path, include: Iterable[str], exclude: Iterable[str], safe: bool = False) -> None:
        self.source = Path(source)
        self.include = [str(p) for p in include or ()]
        include_set = set(self.include)
        self.exclude = [str(p) for p in exclude or () if str(p) not in include_set]
        self.safe = safe
        self._source_real = os.path.realpath(self.source)

    def _glob_include(self, patterns: list[str], relative: str) -> bool:
        entry = os.path.join(str(self.source), relative)
        is_dir = os.path.isdir(entry)
        for pattern in patterns:
            with_source = os.path.join(str(self.source), pattern)
            if fnmatch.fnmatchcase(entry, with_source) or entry.startswith(with_source):
                return True
            if is_dir and with_source == entry + "/":
                return True
        return False

    def included(self, relative: str) -> bool:
        name = os.path.basename(relative)
        return any(fnmatch.fnmatchcase(relative, p) or fnmatch.fnmatchcase(name, p) for p in self.include) or (
            self._glob_include(self.include, relative)
        )

    def excluded(self, relative: str) -> bool:
        return self._glob_include(self.exclude, relative)

    def special(self, relative: str) -> bool:
        return os.path.basename(relative).startswith(_SPECIAL_LEADING) or relative.startswith(_SPECIAL_LEADING)

    def _outside_source(self, path: str) -> bool:
        real = os.path.realpath(path)
        return not (real == self._source_real or real.startswith(self._source_real + os.sep))

    def keep(self, relative: str) -> bool:
        """Whether the entry at ``relative`` (to the source) is part of the site."""
        if relative.endswith("."):
            return False
        included = self.included(relative)
        if self.excluded(relative) and not included:
            return False
        full = os.path.join(str(self.source), relative)
        if os.path.islink(full) and (self.safe or self._outside_source(full)):
            return False
        if included:
            return True
        return not (self.special(relative) or relative.endswith("~"))

    def entries(self, directory: str) -> list[str]:
        """Kept entry names of ``directory`` (relative to the source), sorted by name."""
        base = os.path.join(str(self.source), directory)
        try:
            names = sorted(os.listdir(base))
        except FileNotFoundError:
            return []
        return [n for n in names if self.keep(os.path.join(directory, n) if directory else n)]

    def walk_files(self, directory: str) -> list[str]:
        """Every kept file below ``directory`` (paths relative to it), as a collection reads them.

        Jekyll globs ``**/*`` under the collection folder and drops entries whose path or name
        starts with a special character, unless ``include`` names them.
        """
        found: list[str] = []
        base = os.path.join(str(self.source), directory)

        def kept(rel: str) -> bool:
            relative = os.path.join(directory, rel)
            included = self.included(rel) or self.included(relative)
            if self.excluded(relative) and not included:
                return False
            if included:
                return True
            return not (self.special(rel) or rel.endswith("~"))

        def visit(sub: str) -> None:
            try:
                names = sorted(os.listdir(os.path.join(base, sub)))
            except FileNotFoundError:
                return
            for name in names:
                rel = os.path.join(sub, name) if sub else name
                full = os.path.join(base, rel)
                if os.path.islink(full) and (self.safe or self._outside_source(full)):
                    continue
                if not kept(rel):
                    continue
                if os.path.isdir(full):
                    visit(rel)
                else:
                    found.append(rel)

        visit("")
        return found
