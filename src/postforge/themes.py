"""Themes: which folder ``theme: NAME`` means, and which of its folders a build reads.

Jekyll themes are gems; a theme gem is a folder with ``_layouts``, ``_includes``, ``_sass``,
``assets``, ``_data`` and maybe ``_config.yml``. We have no gems, so ``theme: NAME`` is looked up as
a folder: the site's own ``themes/NAME`` first (a theme copied into the site, or a gem unpacked
there), then the themes shipped inside postforge (``postforge/themes/NAME``, package data; in a
source checkout, the repository's ``themes/``). What a build takes from the theme is Jekyll's:

* layouts and includes: the site's ``layouts_dir``/``includes_dir`` first, the theme's after, so
  a site file overrides the theme file of the same name (layouts by name without extension);
* Sass: the theme's ``_sass`` is the last load path (`postforge.render.sass.sass_load_paths`);
* assets: theme files under ``assets/`` join the site unless the site has the same path;
* data: the theme's ``_data`` deep-merged under the site's;
* ``_config.yml``: merged under the site's configuration, keys Jekyll has defaults for dropped.

Like Jekyll, a theme folder that is a symlink leaving the theme is ignored.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from typing import Mapping

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.log import logger

__all__ = [
    "THEME_FOLDERS",
    "bundled_theme_roots",
    "resolve_theme",
    "search_dirs",
    "theme_config_file",
    "theme_dirs",
]

#: the folders Jekyll 4.3 reads from a theme (``Jekyll::Theme``'s *_path methods)
THEME_FOLDERS = ("_layouts", "_includes", "_sass", "assets", "_data")

_HERE = Path(__file__).resolve().parent


def bundled_theme_roots() -> list[Path]:
    """Where postforge's own themes live: the package data, then (in a source checkout only,
    where the package data is not built) the repository's ``themes/``."""
    roots = [_HERE / "themes"]
    checkout = _HERE.parent.parent
    if _HERE.parent.name == "src" and (checkout / "pyproject.toml").is_file():
        roots.append(checkout / "themes")
    return roots


def _valid_name(name: str) -> bool:
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name


def resolve_theme(name: str | None, source: Path, *, location: Location | None = None
                  ) -> Path | None:
    """The folder of theme ``name``: ``<source>/themes/NAME``, else a bundled theme.

    None means no theme (also for a name that is not a string: Jekyll warns and goes on). Jekyll lower-cases and strips the name (gem names); we try it as
    written first, so ``themes/MyTheme`` is found on case-sensitive file systems. A theme found
    nowhere is an error naming where we looked; ``location`` is where ``theme:`` was set
    (``_config.yml`` unless told).
    """
    if name is None:
        return None
    where = location or Location("_config.yml")
    if not isinstance(name, str):
        # Jekyll warns and builds without a theme.
        logger.warn("Theme:", "value of 'theme' in config should be String to use gem-based "
                    f"themes, but got {type(name).__name__}", where)
        return None
    written = name.strip()
    if not _valid_name(written):
        raise PostforgeError(f"theme {name!r} is not a theme name: a folder name is expected", where)
    names = list(dict.fromkeys([written, written.lower()]))
    roots = [Path(source) / "themes", *bundled_theme_roots()]
    for root in roots:
        for candidate in names:
            folder = root / candidate
            if folder.is_dir():
                return folder.resolve()
    looked = ", ".join(str(root / written) for root in roots)
    raise PostforgeError(f"theme '{written}' not found: looked in {looked}", where)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def theme_dirs(theme_root: Path | None) -> dict[str, Path]:
    """The theme's folders that exist, by name (``_layouts``, ``_includes``, ``_sass``,
    ``assets``, ``_data``), symlinks resolved; one whose real path leaves the theme is left out,
    as Jekyll does."""
    if theme_root is None:
        return {}
    root = os.path.realpath(theme_root)
    found: dict[str, Path] = {}
    for folder in THEME_FOLDERS:
        real = os.path.realpath(os.path.join(root, folder))
        if _inside(real, root) and os.path.isdir(real):
            found[folder] = Path(real)
    return found


def theme_config_file(theme_root: Path | None) -> Path | None:
    """The theme's ``_config.yml`` Jekyll would merge under the site's: a regular file, not a
    symlink (Jekyll refuses those even outside safe mode)."""
    if theme_root is None:
        return None
    path = Path(theme_root) / "_config.yml"
    return path if path.is_file() and not path.is_symlink() else None


def _source_dir(source: Path, configured: Any, default: str) -> Path:
    """Jekyll's ``in_source_dir``: a configured folder kept inside the source."""
    value = default if configured is None else str(configured)
    base = os.path.abspath(source)
    clean = os.path.normpath(os.path.join(os.sep, value))
    if _inside(clean, base):
        return Path(clean)
    return Path(base + clean) if clean != os.sep else Path(base)


def search_dirs(source: Path, config: Mapping[str, Any], theme_root: Path | None
                ) -> dict[str, list[Path]]:
    """For ``_layouts``, ``_includes`` and ``_data``: the site's folder then the theme's, the
    earlier winning a name both have (for data, the theme's is merged first and the site's over
    it). The site's folders are listed whether or not they exist."""
    theme = theme_dirs(theme_root)
    result: dict[str, list[Path]] = {}
    for key, option in (("_layouts", "layouts_dir"), ("_includes", "includes_dir"),
                        ("_data", "data_dir")):
        dirs = [_source_dir(source, config.get(option), key)]
        if key in theme:
            dirs.append(theme[key])
        result[key] = dirs
    return result
