"""``_config.yml``'s ``sass:`` keys as jekyll-sass-converter 2.2 reads them (see :mod:`postforge.render.sass`).

Apart from the compiler: every build reads these settings, and only a site with Sass pages
imports the compiler's module (:class:`postforge.render.converters.SassConverter`).
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any
from typing import Mapping

__all__ = [
    "DEFAULT_STYLE",
    "SASS_STYLES",
    "sass_dir",
    "sass_load_paths",
    "sass_settings",
    "sass_style",
    "sourcemap_enabled",
]

#: the styles jekyll-sass-converter accepts; anything else means its default, ``compact``
SASS_STYLES = ("nested", "expanded", "compact", "compressed")
#: jekyll-sass-converter's style where none (or an unknown one) is set
DEFAULT_STYLE = "compact"


def _sass_config(config: Mapping[str, Any]) -> Mapping[str, Any]:
    sass = config.get("sass")
    return sass if isinstance(sass, Mapping) else {}


def _truthy(value: Any) -> bool:
    """Ruby's truth: everything but nil and false."""
    return value is not None and value is not False


def _ruby_to_s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def sass_style(config: Mapping[str, Any]) -> str:
    """``sass.style``, a leading colon dropped (``:compressed``); unknown values mean compact."""
    style = _ruby_to_s(_sass_config(config).get("style"))
    style = style[1:] if style.startswith(":") else style
    return style if style in SASS_STYLES else DEFAULT_STYLE


def sass_dir(config: Mapping[str, Any]) -> str:
    """``sass.sass_dir``, ``_sass`` when unset or empty."""
    value = _ruby_to_s(_sass_config(config).get("sass_dir"))
    return value or "_sass"


def sourcemap_enabled(config: Mapping[str, Any], environment: str = "development") -> bool:
    """Whether Jekyll writes ``.css.map``: ``sass.sourcemap`` is ``always`` unless set to ``never``,
    or to ``development`` outside that environment. (Jekyll crashes on a boolean; we read false
    as never.)"""
    option = _sass_config(config).get("sourcemap", "always")
    if option is False or option == "never" or option == ":never":
        return False
    if option in ("development", ":development"):
        return environment == "development"
    return True


def _sanitized_path(base: str, questionable: str) -> str:
    """Jekyll's sanitized_path: ``questionable`` forced inside ``base`` (absolute paths too)."""
    if questionable == base:
        return base
    clean = "/" + questionable if questionable.startswith("~") else questionable
    clean = os.path.normpath(os.path.join("/", clean)).replace("\\", "/")
    clean = "/" + clean.lstrip("/")
    if clean == base or clean.startswith(base.rstrip("/") + "/"):
        return clean
    return base.rstrip("/") + clean


def sass_load_paths(config: Mapping[str, Any], source: Path, theme_root: Path | None = None
                    ) -> list[Path]:
    """Where ``@import`` looks after the importing file's folder, in Jekyll's order: the user's
    ``sass.load_paths`` (globs, relative to the source), the ``sass_dir``, the theme's ``_sass``;
    duplicates and paths that are not directories dropped."""
    options = _sass_config(config)
    safe = _truthy(config.get("safe"))
    base = str(Path(source).resolve())
    user = options.get("load_paths")
    if user is None:
        user_paths: list[str] = []
    elif isinstance(user, (list, tuple)):
        user_paths = [_ruby_to_s(path) for path in user]
    else:
        user_paths = [_ruby_to_s(user)]
    own = _sanitized_path(base, sass_dir(config))
    own = own[len(base) + 1:] if own.startswith(base + "/") else own
    paths = [*user_paths, own]
    if safe:
        paths = [_sanitized_path(base, path) for path in paths]
    expanded: list[str] = []
    for pattern in paths:
        for match in sorted(glob.glob(pattern, root_dir=base, recursive=True)):
            full = os.path.normpath(os.path.join(base, match))
            expanded.append(_sanitized_path(base, full) if safe else full)
    result = list(dict.fromkeys(expanded))
    if theme_root is not None:
        theme_sass = Path(theme_root) / "_sass"
        if theme_sass.is_dir():
            result.append(str(theme_sass.resolve()))
    return [Path(path) for path in result if os.path.isdir(path)]


def sass_settings(config: Mapping[str, Any], source: Path, theme_root: Path | None = None,
                  environment: str = "development") -> dict[str, Any]:
    """The keyword arguments of `compile_sass` that ``_config.yml`` decides, as Jekyll reads it
    (``safe: true`` ignores the keys sassc would take straight from ``sass:``)."""
    options = _sass_config(config)
    safe = _truthy(config.get("safe"))
    precision = options.get("precision")
    return {
        "load_paths": sass_load_paths(config, source, theme_root),
        "style": sass_style(config),
        "sourcemap": sourcemap_enabled(config, environment),
        "add_charset": _truthy(options.get("add_charset")),
        "line_comments": not safe and _truthy(options.get("line_comments")),
        "embed_source_map": not safe and _truthy(options.get("source_map_embed")),
        "precision": precision if not safe and type(precision) is int else None,
    }
