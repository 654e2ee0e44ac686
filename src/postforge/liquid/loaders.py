"""Where include files come from: an in-memory dict, or ``_includes`` folders on disk.

A loader answers ``get_source(file, relative_to)`` with ``(source, name)``; ``name`` is how errors
name the file. Disk loaders never read outside their folders: Jekyll's file-name rules reject
``..`` and odd characters, and the resolved path must stay inside the folder it was found in.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.errors import LiquidFileSystemError

__all__ = ["DictLoader", "FileSystemLoader", "validate_include_name"]

_VALID_NAME = re.compile(r"^[\w/.\-()+~#@]+$")
_INVALID_SEQUENCE = re.compile(r"[./]{2,}")


def validate_include_name(file: str, tag: str = "include") -> None:
    """Jekyll's rule: include names use a safe alphabet and never ``..`` or ``//``."""
    if _INVALID_SEQUENCE.search(file) or not _VALID_NAME.match(file):
        raise LiquidArgumentError(
            f"Invalid syntax for {tag} tag. File contains invalid characters or sequences: {file}"
        )


def _not_found(file: str, dirs: list[str]) -> LiquidFileSystemError:
    shown = "[" + ", ".join(f'"{d}"' for d in dirs) + "]"
    return LiquidFileSystemError(
        f"Could not locate the included file '{file}' in any of {shown}. Ensure it exists in one of "
        "those directories and, if it is a symlink, does not point outside your site source."
    )


class DictLoader:
    """Includes held in memory, ``{"card.html": "<b>{{ include.t }}</b>"}``."""

    def __init__(self, partials: dict[str, str] | None = None, relative: dict[str, str] | None = None) -> None:
        self.partials = dict(partials or {})
        #: files for ``include_relative``, by path relative to the site root
        self.relative = dict(relative or {})

    def get_source(self, file: str, relative_to: str | None = None) -> tuple[str, str]:
        if relative_to is not None:
            path = os.path.normpath(os.path.join(relative_to, file)).lstrip("./") if relative_to else file
            if path in self.relative:
                return self.relative[path], path
            raise _not_found(file, [relative_to or "."])
        if file in self.partials:
            return self.partials[file], f"_includes/{file}"
        raise _not_found(file, ["_includes"])


class FileSystemLoader:
    """Includes from folders searched in order (the site's ``_includes``, then the theme's)."""

    def __init__(self, root: str | os.PathLike[str], include_dirs: list[str | os.PathLike[str]]) -> None:
        self.root = Path(root).resolve()
        self.include_dirs = [Path(d).resolve() for d in include_dirs]

    def _name(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def get_source(self, file: str, relative_to: str | None = None) -> tuple[str, str]:
        dirs = [self.root / relative_to] if relative_to is not None else self.include_dirs
        for folder in dirs:
            path = (folder / file).resolve()
            if path.is_file() and (folder.resolve() in path.parents):
                return path.read_text(encoding="utf-8"), self._name(path)
        raise _not_found(file, [self._name(d) for d in dirs])
