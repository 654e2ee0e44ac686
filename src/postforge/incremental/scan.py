"""Which source files exist, with their mtimes and sizes, and what kind of file each changed one is.

The scan covers what the reader may read: the source tree without the destination, the cache,
the top-level entries ``exclude`` leaves out and names Jekyll hides (``.x``, ``#x``, ``x~``)
unless ``include`` lists them; and the theme's folders. It is a superset on purpose: a change to
a file the site never reads costs a slower rebuild, never a wrong one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from postforge.reading.walker import EntryFilter

__all__ = ["scan_sources", "Changes", "diff_files", "Places", "places_for"]

_HIDDEN_LEADING = (".", "#")


def scan_sources(source: Path, config: dict[str, Any], theme_root: Path | None, skip: list[Path]) -> dict[str, tuple[int, int]]:
    """Absolute path → (mtime_ns, size) of every file the site could read."""
    found: dict[str, tuple[int, int]] = {}
    skipped = {os.path.realpath(path) for path in skip}
    filter_ = EntryFilter(source, config.get("include") or [], config.get("exclude") or [], bool(config.get("safe")))
    seen: set[str] = set()

    def walk(directory: str, relative: str) -> None:
        real = os.path.realpath(directory)
        if real in seen or real in skipped:
            return
        seen.add(real)
        try:
            entries = list(os.scandir(directory))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            rel = f"{relative}/{name}" if relative else name
            if name.startswith(_HIDDEN_LEADING) or name.endswith("~"):
                if not filter_.included(rel):
                    continue
            elif not relative and not name.startswith("_") and filter_.excluded(rel):
                continue
            try:
                if entry.is_dir():
                    walk(entry.path, rel)
                    continue
                st = entry.stat()
            except OSError:
                continue
            found[entry.path] = (st.st_mtime_ns, st.st_size)

    walk(str(source), "")
    if theme_root is not None:
        for folder in ("_layouts", "_includes", "_sass", "_data", "assets"):
            if (theme_root / folder).is_dir():
                walk(str(theme_root / folder), folder)
    return found


@dataclass
class Changes:
    """Source files added, removed and modified since the last build."""

    added: set[str]
    removed: set[str]
    modified: set[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.modified)

    @property
    def all(self) -> set[str]:
        return self.added | self.removed | self.modified


def diff_files(old: dict[str, tuple[int, int]], new: dict[str, tuple[int, int]]) -> Changes:
    added = new.keys() - old.keys()
    removed = old.keys() - new.keys()
    modified = {path for path, identity in new.items() if path not in added and old[path] != identity}
    return Changes(set(added), set(removed), modified)


@dataclass
class Places:
    """Where the site's special folders are, to tell what kind of file a changed path is."""

    layouts: tuple[str, ...]
    includes: tuple[str, ...]
    data: tuple[str, ...]
    sass: tuple[str, ...]
    config: tuple[str, ...]

    def kind(self, path: str) -> str:
        """``layout``, ``include``, ``data``, ``sass``, ``config`` or ``other``."""
        for kind, folders in (("layout", self.layouts), ("include", self.includes), ("data", self.data),
                              ("sass", self.sass)):
            if any(path.startswith(folder + os.sep) for folder in folders):
                return kind
        if path in self.config:
            return "config"
        if path.endswith((".scss", ".sass")) and os.path.basename(path).startswith("_"):
            return "sass"
        return "other"


def places_for(source: Path, config: dict[str, Any], theme_root: Path | None, sass_paths: list[str],
               config_files: list[str]) -> Places:
    roots = [str(source)] + ([str(theme_root)] if theme_root is not None else [])

    def under(key: str, default: str) -> tuple[str, ...]:
        name = str(config.get(key) or default)
        return tuple(os.path.join(root, name) for root in roots)

    return Places(
        layouts=under("layouts_dir", "_layouts"),
        includes=under("includes_dir", "_includes"),
        data=under("data_dir", "_data"),
        sass=tuple(os.path.realpath(path) for path in sass_paths) + under("sass_dir", "_sass"),
        config=tuple(str(Path(path).resolve()) for path in config_files),
    )
