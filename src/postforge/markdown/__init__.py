"""Markdown conversion as Jekyll does it with kramdown: one function, ``markdownify(text, config)``.

``markdownify`` returns the HTML Jekyll 4.3 (kramdown 2.4, kramdown-parser-gfm 1.1, Rouge)
returns for the same text and ``kramdown:`` settings.  It runs on mistune 3: kramdown's grammar
is `patterns`; its block parsers are mistune rules in `blocks` (with `lists`, `tables` and
`html`), its span parsers in `inlines` (with `links`); `native` is ``html_to_native``;
`document` is one document's life (blocks, the tree walk, rendering); `renderer` writes
kramdown's HTML (code through `code`, ids from `ids`); `options` reads the ``kramdown:`` hash.
Extensions (footnotes, abbreviations, attribute lists, ``{:toc}``, definition lists) are the
modules of `postforge.markdown.plugins`, each a ``plugin(md)``; all of them are applied.  One
Markdown object is built per distinct ``kramdown`` configuration and reused (`create_markdown`
builds a fresh one, for callers that add extensions of their own)."""

from __future__ import annotations

import copy
import importlib
import sys
from typing import Any
from typing import Callable
from typing import Mapping

from postforge.markdown.document import KramdownMarkdown
from postforge.markdown.ids import gfm_slug
from postforge.markdown.options import kramdown_options
from postforge.markdown.options import options_key

__all__ = ["markdownify", "create_markdown", "header_id", "extension_plugins"]

_CACHE: dict[str, KramdownMarkdown] = {}
#: the configuration the last conversion used and its cache key (see `_key`)
_LAST: list[Any] = [None, None, None, None, None]
_CACHE_SIZE = 16
_DEEP_LIMIT = 20000
_PLUGINS: list[tuple[Callable[[KramdownMarkdown], None], ...]] = []


def extension_plugins() -> tuple[Callable[[KramdownMarkdown], None], ...]:
    """The ``plugin`` functions of `postforge.markdown.plugins`, in the package's order.

    The package may list them as ``PLUGINS``; otherwise every module with a ``plugin`` function
    counts, in name order.  Found once, on first use (plugins import this package's modules).
    """
    if not _PLUGINS:
        try:
            package = importlib.import_module("postforge.markdown.plugins")
        except ModuleNotFoundError:
            found: tuple = ()
        else:
            listed = getattr(package, "PLUGINS", None)
            if listed is not None:
                found = tuple(listed)
            else:
                import pkgutil  # (only here: the package lists its plugins, and pkgutil costs 0.3 ms)

                modules = sorted(info.name for info in pkgutil.iter_modules(package.__path__)
                                 if not info.name.startswith("_"))
                found = tuple(getattr(importlib.import_module(f"{package.__name__}.{name}"), "plugin")
                              for name in modules
                              if callable(getattr(importlib.import_module(f"{package.__name__}.{name}"),
                                                  "plugin", None)))
        _PLUGINS.append(found)
    return _PLUGINS[0]


def create_markdown(config: Mapping[str, Any] | None = None) -> KramdownMarkdown:
    """A new Markdown object for a Jekyll configuration (its ``kramdown:`` hash and highlighter)."""
    return KramdownMarkdown(kramdown_options(config), extension_plugins())


def markdownify(text: str, config: Mapping[str, Any] | None = None) -> str:
    """Convert Markdown to HTML exactly as Jekyll's kramdown converter would for `config`."""
    markdown = _markdown(config)
    if markdown.busy:  # a conversion inside a conversion (a plugin's): a Markdown object of its own
        markdown = create_markdown(config)
    markdown.busy = True
    try:
        return str(markdown(text))
    except RecursionError:
        return _convert_deeply_nested(text, config)
    finally:
        markdown.busy = False


def _markdown(config: Mapping[str, Any] | None) -> KramdownMarkdown:
    """The cached Markdown object for `config` (made on first use)."""
    key = _key(config)
    markdown = _CACHE.get(key)
    if markdown is None:
        markdown = create_markdown(config)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = markdown
    return markdown


def _key(config: Mapping[str, Any] | None) -> str:
    """`options_key` of `config`, remembered for the configuration used last.

    A build converts every document with one configuration object, and its key takes longer
    than many a short document's conversion: the key is reused while the configuration is the
    same object with a ``kramdown`` hash equal to a copy taken then (its values of the same
    types, so ``1`` and ``true`` differ): a hash changed in place gets a new key.
    """
    last = _LAST
    if config is not None and config is last[0]:
        kramdown = config.get("kramdown")
        snapshot = last[1]
        # (equal hashes hold the same names: each value's type, in the snapshot's name order)
        if (type(kramdown) is dict and type(snapshot) is dict and kramdown == snapshot
                and list(map(type, map(kramdown.__getitem__, snapshot))) == last[4]
                and config.get("highlighter") == last[2]):
            return last[3]
    key = options_key(config)
    kramdown = config.get("kramdown") if config is not None else None
    try:
        snapshot = copy.deepcopy(kramdown) if type(kramdown) is dict else None
    except Exception:  # a value that cannot be copied: no reuse
        snapshot = None
    highlighter = config.get("highlighter") if config is not None else None
    if type(highlighter) is not str and highlighter is not None:
        snapshot = None  # compared with ``==`` above: plain strings only
    types = list(map(type, snapshot.values())) if snapshot is not None else None
    last[:] = [config if snapshot is not None else None, snapshot, highlighter, key, types]
    return key


def _convert_deeply_nested(text: str, config: Mapping[str, Any] | None) -> str:
    """Convert again with room for kramdown's nesting depth (hundreds of quotes or HTML elements).

    The parsers recurse per nesting level, as kramdown's do; Ruby's deeper stack takes what
    Python's default limit does not, so the limit is raised for this one conversion only.
    """
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _DEEP_LIMIT))
    try:
        return str(create_markdown(config)(text))
    finally:
        sys.setrecursionlimit(limit)


def header_id(text: str, prefix: str = "") -> str:
    """The id GFM input gives the first header reading `text` (``Lambda@edge`` → ``lambdaedge``)."""
    return prefix + gfm_slug(text)
