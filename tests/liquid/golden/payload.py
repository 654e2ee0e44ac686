"""The golden runner's stand-in for Jekyll's render payload: ``site``, ``jekyll``, ``page`` and the rest.

The oracle (``shared/oracle/liquid.rb``) renders each case with the payload of a fresh, empty
``Jekyll::Site``: its site drop answers every configuration key (Jekyll's defaults deep-merged with
the case's ``config``) plus empty posts, pages, collections, data and so on; ``page`` is a virtual
``index.html`` whose ``content`` is the template itself. This module builds the same thing from
plain values so that the golden cases compare the Liquid engine alone, not the site layer.
The defaults below are what Jekyll 4.3.1 reports for ``{{ site | jsonify }}`` on such a site,
minus the temporary source and destination paths (no case prints them).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from postforge.liquid.drops import Drop

__all__ = ["JEKYLL_DEFAULTS", "build_payload", "site_config", "liquid_options"]

#: Jekyll 4.3.1's configuration defaults as the site drop shows them, with the oracle's overrides
#: (quiet, disable_disk_cache) applied
JEKYLL_DEFAULTS: dict[str, Any] = {
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "safe": False,
    "include": [".htaccess"],
    "exclude": [
        ".sass-cache",
        ".jekyll-cache",
        "gemfiles",
        "Gemfile",
        "Gemfile.lock",
        "node_modules",
        "vendor/bundle/",
        "vendor/cache/",
        "vendor/gems/",
        "vendor/ruby/",
    ],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "detach": False,
    "port": "4000",
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": True,
    "verbose": False,
    "defaults": [],
    "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
    "disable_disk_cache": True,
}


class JekyllDrop(Drop):
    """``jekyll``: prints as its Ruby class name, as Jekyll's JekyllDrop does."""

    __slots__ = ()

    _DATA = {"version": "4.3.1", "environment": "production"}

    def liquid_get(self, key: Any) -> Any:
        return self._DATA.get(key) if isinstance(key, str) else None

    def liquid_keys(self):
        return self._DATA.keys()

    def liquid_str(self) -> str:
        return "Jekyll::Drops::JekyllDrop"


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Jekyll's ``Utils.deep_merge_hashes``: nested hashes merge, everything else replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def site_config(config: dict[str, Any] | None) -> dict[str, Any]:
    """The site configuration a case runs under: Jekyll's defaults, then the case's keys."""
    return _deep_merge(copy.deepcopy(JEKYLL_DEFAULTS), config or {})


def liquid_options(config: dict[str, Any] | None) -> dict[str, Any]:
    """The Environment options Jekyll takes from ``liquid:`` (error mode, strictness)."""
    liquid = site_config(config)["liquid"]
    return {
        "error_mode": liquid.get("error_mode") or "warn",
        "strict_variables": bool(liquid.get("strict_variables")),
        "strict_filters": bool(liquid.get("strict_filters")),
    }


def _site_time(value: Any) -> dt.datetime:
    """``site.time``: the configured time (as Jekyll parses it, shown in UTC), else now.

    The oracle runs with TZ=UTC, so Jekyll prints every time converted to +0000.
    """
    if value is None:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    text = str(value).strip()
    for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.timezone.utc)
        return parsed.astimezone(dt.timezone.utc)
    raise ValueError(f"unsupported site time in a golden case: {text!r}")


def _site(config: dict[str, Any] | None) -> dict[str, Any]:
    """The site drop of an empty site: documents and listings first, then every config key."""
    settings = site_config(config)
    posts_collection = {
        "label": "posts",
        "docs": [],
        "files": [],
        "relative_directory": "_posts",
        "output": True,
        "permalink": "/:categories/:year/:month/:day/:title:output_ext",
    }
    site: dict[str, Any] = {
        "html_pages": [],
        "time": _site_time(settings.get("time")),
        "pages": [],
        "collections": [posts_collection],
        "categories": {},
        "documents": [],
        "related_posts": None,
        "posts": [],
        "data": {},
        "config": None,
        "static_files": [],
        "tags": {},
    }
    for key, value in settings.items():
        if key not in site:
            site[key] = value
    return site


def build_payload(template: str, data: dict[str, Any] | None, config: dict[str, Any] | None) -> dict[str, Any]:
    """Everything a case's template sees at the top level, as the oracle builds it."""
    payload: dict[str, Any] = {
        "site": _site(config),
        "jekyll": JekyllDrop(),
        "page": {
            "content": template,
            "dir": "/",
            "excerpt": None,
            "name": "index.html",
            "path": "index.html",
            "url": "/",
        },
        "paginator": None,
        "highlighter_prefix": None,
        "highlighter_suffix": None,
    }
    payload.update(copy.deepcopy(data or {}))
    return payload
