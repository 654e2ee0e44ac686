"""jekyll-include-cache: ``{% include_cached file.html param=x %}`` renders an include once per build.

The tag takes what ``{% include %}`` takes (a file name, ``{{ variable }}`` in it, ``key="value"``,
``key='value'`` and ``key=variable`` parameters) and gives what it gives the first time a file is
included with a given set of parameter values; after that, the same file with the same values
gives the same text without rendering again, as jekyll-include-cache 0.2 does. So an include that
reads anything but its parameters (``page.title``) shows what it showed where it first rendered:
posts and other documents render before pages, in order. The cache is emptied at the start of
every build.

Parameter values count by content (strings, numbers, lists, hashes), except pages, posts and other
objects, which count by identity, as the gem keys Jekyll's drops by object id.
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from typing import Any

from postforge.hooks import hookimpl
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.runtime import include
from postforge.liquid.tags.jekyll import INCLUDE_PARAM
from postforge.liquid.tags.jekyll import VARIABLE_FILE

__all__ = ["Param", "IncludeCall", "parse_markup", "cache_key", "render_include_cached"]

#: key → rendered text, one cache per Liquid environment (so per site)
_CACHES: weakref.WeakKeyDictionary[Any, dict[Any, str]] = weakref.WeakKeyDictionary()
_ALL_PARAMS = re.compile(rf"\A\s*(?:{INCLUDE_PARAM.pattern}(?=\s|\Z)\s*)*\Z", re.ASCII)

#: a parameter: its name and either its literal text or the Liquid expression giving its value
Param = tuple[str, "str | None", "str | None"]
#: a parsed tag: the file name (Liquid markup when the flag says so) and its parameters, if any
IncludeCall = tuple[str, bool, "tuple[Param, ...] | None"]


@lru_cache(maxsize=1024)
def parse_markup(markup: str) -> IncludeCall:
    """The file and parameters of an ``include_cached`` tag, read as Jekyll reads an include's."""
    markup = markup.strip()
    matched = VARIABLE_FILE.match(markup)
    if matched:
        file, rest = matched.group("variable").strip(), matched.group("params").strip()
    else:
        pieces = markup.split(None, 1)
        file = pieces[0] if pieces else ""
        rest = pieces[1].strip() if len(pieces) > 1 else ""
    if not rest:
        return file, matched is not None, None
    if not _ALL_PARAMS.match(rest):
        raise LiquidArgumentError(
            f"Invalid syntax for include tag: {rest}  Valid syntax: {{% include_cached file.ext param='value' %}}"
        )
    params = []
    for found in INCLUDE_PARAM.finditer(rest):
        key, double, single, variable = found.groups()
        if double is not None:
            params.append((key, double.replace('\\"', '"'), None))
        elif single is not None:
            params.append((key, single.replace("\\'", "'"), None))
        else:
            params.append((key, None, variable))
    return file, matched is not None, tuple(params)


class _Same:
    """An object that counts by identity in a key, and is kept alive so its id is never reused."""

    __slots__ = ("obj",)

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.obj is self.obj


def _freeze(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return (type(value).__name__, value)
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_freeze(item) for item in value))
    if type(value) is dict:
        return ("hash", frozenset((_freeze(key), _freeze(item)) for key, item in value.items()))
    return _Same(value)


def cache_key(file: str, params: dict[str, Any] | None) -> Any:
    """The file with its parameters' values, in name order (the gem sorts them too)."""
    if params is None:
        return (file, None)
    return (file, tuple(sorted(((name, _freeze(value)) for name, value in params.items()), key=lambda p: p[0])))


def render_include_cached(ctx: Any, markup: str) -> str:
    file, dynamic, parsed = parse_markup(markup)
    if dynamic:
        file = ctx.env.from_string(file).render_into(ctx).strip()
    params = None
    if parsed is not None:
        params = {name: ctx.evaluate(expression) if expression else literal for name, literal, expression in parsed}
    cache = _CACHES.setdefault(ctx.env, {})
    key = cache_key(file, params)
    text = cache.get(key)
    if text is None:
        text = include(ctx, file, params, {}, False)
        cache[key] = text
    return text


@hookimpl
def register_liquid(env: Any) -> None:
    env.add_tag("include_cached", render_include_cached)


@hookimpl
def site_post_read(site: Any) -> None:
    # the gem empties its cache when the site starts to render: every build starts afresh
    _CACHES.pop(site.env, None)
