"""Which files of the source tree belong to the site: Jekyll's ``EntryFilter`` rules.

Names starting with ``.``, ``_``, ``#`` or ``~`` and backups ending in ``~`` are special and left
out unless ``include`` names them; ``exclude`` patterns match as Jekyll matches them (glob, or a
plain prefix of the path relative to the source); symlinks are followed only when they stay
inside the source.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Any
from typing import Iterable

from postforge.model.documents import DATE_FILENAME
from postforge.model.documents import DATELESS_FILENAME

__all__ = ["EntryFilter", "Key", "MIN_DOCUMENTS", "candidates"]

#: (relative path, collection label, draft)
Key = tuple[str, str, bool]
#: below this many candidate documents, one process reads them faster than forking workers
#: (:mod:`postforge.reading.prefetch`), and converting their Markdown ahead is not worth a process
MIN_DOCUMENTS = 400


def _globbing(pattern: str) -> bool:
    """Whether ``pattern`` has glob characters: one without matches as a glob only itself."""
    return "*" in pattern or "?" in pattern or "[" in pattern


def _glob_regex(patterns: list[str]) -> re.Pattern[str] | None:
    """One regex matching what any of ``patterns`` that glob matches with ``fnmatch.fnmatchcase``
    (None when none globs: the others match only themselves, which the callers test as names)."""
    globbing = [pattern for pattern in patterns if _globbing(pattern)]
    if not globbing:
        return None
    return re.compile("|".join(fnmatch.translate(pattern) for pattern in globbing))


class _Patterns:
    """A list of patterns joined to the source, as the three tests ``glob_include?`` makes."""

    __slots__ = ("prefixes", "globs", "folders")

    def __init__(self, with_source: list[str]) -> None:
        self.prefixes = tuple(with_source)
        # (a pattern without glob characters globs only itself, which the prefix test covers)
        self.globs = _glob_regex(with_source)
        self.folders = frozenset(pattern for pattern in with_source if pattern.endswith("/"))

_SPECIAL_LEADING = (".", "_", "#", "~")


class EntryFilter:
    """Decides which directory entries the reader sees."""

    def __init__(self, source: Path, include: Iterable[str], exclude: Iterable[str], safe: bool = False) -> None:
        self.source = Path(source)
        self.include = [str(p) for p in include or ()]
        include_set = set(self.include)
        self.exclude = [str(p) for p in exclude or () if str(p) not in include_set]
        self.safe = safe
        self._source = str(self.source)
        #: the source with a separator after it: ``os.path.join(source, relative)`` by concatenation
        self._source_prefix = os.path.join(self._source, "")
        self._source_real = os.path.realpath(self.source)
        # Every file of the site is checked against both lists: each list becomes, once, a
        # tuple of prefixes, one regex of its globs and a set of its folder names.
        self._include = _Patterns([os.path.join(self._source, p) for p in self.include])
        self._exclude = _Patterns([os.path.join(self._source, p) for p in self.exclude])
        self._include_globs = _glob_regex(self.include)
        self._include_names = frozenset(pattern for pattern in self.include if not _globbing(pattern))

    def _glob_include(self, patterns: _Patterns, relative: str) -> bool:
        """Jekyll's ``glob_include?``: a pattern (joined to the source) that globs, prefixes or,
        ending in ``/``, names the entry as a directory."""
        if not patterns.prefixes:
            return False
        entry = self._source_prefix + relative
        globs = patterns.globs
        if entry.startswith(patterns.prefixes) or (globs is not None and globs.match(entry)):
            return True
        return entry + "/" in patterns.folders and os.path.isdir(entry)

    def included(self, relative: str) -> bool:
        if not self.include:
            return False
        # each pattern as a glob of the path or of the name: names first, a regex for the rest
        name = os.path.basename(relative)
        names = self._include_names
        if relative in names or name in names:
            return True
        globs = self._include_globs
        if globs is not None and (globs.match(relative) or globs.match(name)):
            return True
        return self._glob_include(self._include, relative)

    def excluded(self, relative: str) -> bool:
        return self._glob_include(self._exclude, relative)

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
        full = os.path.join(self._source, relative)
        if os.path.islink(full) and (self.safe or self._outside_source(full)):
            return False
        if included:
            return True
        return not (self.special(relative) or relative.endswith("~"))

    def entries(self, directory: str) -> list[str]:
        """Kept entry names of ``directory`` (relative to the source), sorted by name."""
        base = os.path.join(self._source, directory)
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
        base = os.path.join(self._source, directory)
        # (paths are joined by concatenation: what os.path.join makes of these, at a tenth of the cost)
        above = os.path.join(directory, "") if directory else ""

        def kept(rel: str) -> bool:
            relative = above + rel
            included = self.included(rel) or self.included(relative)
            if self.excluded(relative) and not included:
                return False
            if included:
                return True
            return not (self.special(rel) or rel.endswith("~"))

        def visit(sub: str) -> None:
            # scandir: the entry types come with the listing, no stat per file
            try:
                with os.scandir(os.path.join(base, sub)) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except FileNotFoundError:
                return
            for entry in entries:
                rel = sub + os.sep + entry.name if sub else entry.name
                if entry.is_symlink() and (self.safe or self._outside_source(entry.path)):
                    continue
                if not kept(rel):
                    continue
                if entry.is_dir():
                    visit(rel)
                else:
                    found.append(rel)

        visit("")
        return found


def candidates(source: str, config: dict[str, Any], paths: list[str]) -> list[Key]:
    """The files the reader will (probably) read as documents: posts in any ``_posts`` folder,
    drafts when shown, and the files of each collection's folder."""
    collections_dir = str(config.get("collections_dir") or "")
    labels = [label for label in (config.get("collections") or {}) if label not in ("posts", "data")]
    folders = {(os.path.join(collections_dir, f"_{label}") if collections_dir else f"_{label}"): label
               for label in labels}
    found: list[Key] = []
    prefix = source.rstrip(os.sep) + os.sep
    for path in paths:
        if not path.startswith(prefix):
            continue
        relative = path[len(prefix):].replace(os.sep, "/")
        parts = relative.split("/")
        for special, draft, matcher in (("_posts", False, DATE_FILENAME), ("_drafts", True, DATELESS_FILENAME)):
            if special in parts[:-1] and (not draft or config.get("show_drafts")):
                inside = "/".join(parts[parts.index(special) + 1:])
                if matcher.match(inside):
                    found.append((relative, "posts", draft))
                break
        else:
            for folder, label in folders.items():
                if relative.startswith(folder + "/"):
                    found.append((relative, label, False))
                    break
    return sorted(found)
