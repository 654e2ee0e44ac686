"""jekyll-feed: an Atom feed of the site's posts at ``/feed.xml``, and ``{% feed_meta %}``.

The output format is jekyll-feed 0.17.0's, byte for byte: the same feeds at the same paths, each
rendered from ``templates/jekyll-feed.xml`` (our own Liquid, written from the gem's behaviour) as
an ordinary page, after the posts, so entries carry their converted ``content``. Which feeds exist
is decided here, in pure functions over the ``feed:`` configuration:

* ``/feed.xml`` (or ``feed.path``) for posts; ``feed.categories`` adds ``/feed/<category>.xml``;
* ``feed.collections`` (a list, or a hash of ``{path, categories}``) adds ``/feed/<label>.xml``
  and ``/feed/<label>/<category>.xml``;
* ``feed.tags`` adds ``/feed/by_tag/<tag>.xml`` for tags of plain word characters
  (``only``, ``except``, ``path`` as the gem reads them);
* a feed whose file exists in the source is the site's own and is not generated;
* ``feed.disable_in_development`` skips everything when ``JEKYLL_ENV`` is ``development``;
* a ``feed.xslt.xml`` in the source is linked as the feed's stylesheet (the gem never writes one).

Feeds are generated last (the gem's ``priority :lowest``) and carry ``sitemap: false``.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from postforge.hooks import hookimpl
from postforge.liquid.filters.jekyll_text import xml_escape
from postforge.liquid.filters.jekyll_urls import absolute_url
from postforge.liquid.runtime import lookup
from postforge.log import logger

__all__ = [
    "FeedSpec",
    "feed_collections",
    "feed_path",
    "feed_specs",
    "tag_feed_specs",
    "feed_meta_link",
    "compact_template",
    "feed_template",
]

#: a feed to generate: (path in the site, collection label, category or None, tag or None)
FeedSpec = tuple[str, str, Any, Any]

#: tags that get a feed: the gem keeps feed paths to ASCII word characters
_TAG_NAME = re.compile(r"[a-zA-Z0-9_]+")

#: a line break and the indentation after a tag or Liquid markup: layout, not content
_LAYOUT_WHITESPACE = re.compile(r"(?<=[>}])[ \t\r\f\v]*\n\s*")


def _options(config: dict[str, Any]) -> dict[str, Any]:
    feed = config.get("feed")
    return feed if isinstance(feed, dict) else {}


def feed_collections(options: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{label: {"path": ..., "categories": [...]}}`` for every collection with a feed.

    ``collections`` may be a list of labels or a hash of settings; ``posts`` is always there, and
    takes the top-level ``path`` and ``categories`` unless its own entry sets them.
    """
    given = options.get("collections")
    if isinstance(given, list):
        found: dict[str, dict[str, Any]] = {str(label): {} for label in given}
    elif isinstance(given, dict):
        found = {str(label): dict(meta) if isinstance(meta, dict) else {} for label, meta in given.items()}
    else:
        found = {}
    posts = found.setdefault("posts", {})
    if posts.get("path") is None:
        posts["path"] = options.get("path")
    if posts.get("categories") is None:
        posts["categories"] = options.get("categories")
    for meta in found.values():
        categories = meta.get("categories") or []
        if not isinstance(categories, list):
            categories = [categories]
        meta["categories"] = list(dict.fromkeys(categories))
    return found


def feed_path(collections: dict[str, dict[str, Any]], collection: str = "posts", category: Any = None) -> str:
    """Where a feed goes: ``/feed.xml``, ``/feed/<category>.xml``, ``/feed/<label>[/<category>].xml``."""
    prefix = "/feed" if collection == "posts" else f"/feed/{collection}"
    if category is not None:
        return f"{prefix}/{category}.xml"
    return str((collections.get(collection) or {}).get("path") or f"{prefix}.xml")


def tag_feed_specs(options: dict[str, Any], site_tags: list[Any]) -> list[FeedSpec]:
    """The per-tag feeds (``feed.tags``), for ``site_tags`` in the order the site lists them."""
    setting = options.get("tags")
    if not setting or not site_tags:
        return []
    settings = setting if isinstance(setting, dict) else {}
    excluded = settings.get("except") or []
    only = settings.get("only") or site_tags
    if not isinstance(only, list):
        only = [only]
    folder = str(settings.get("path") or "/feed/by_tag/")
    specs = []
    for tag in dict.fromkeys(only):
        if tag in excluded or not isinstance(tag, str) or not _TAG_NAME.fullmatch(tag):
            continue
        specs.append((f"{folder}{tag}.xml", "posts", None, tag))
    return specs


def feed_specs(config: dict[str, Any], site_tags: list[Any]) -> list[FeedSpec]:
    """Every feed the configuration asks for, in the gem's order (categories before their collection)."""
    options = _options(config)
    collections = feed_collections(options)
    specs: list[FeedSpec] = []
    for label, meta in collections.items():
        for category in [*meta["categories"], None]:
            specs.append((feed_path(collections, label, category), label, category, None))
    return specs + tag_feed_specs(options, site_tags)


def feed_meta_link(config: dict[str, Any], href: str) -> str:
    """``{% feed_meta %}``: the ``<link>`` that points browsers and readers at the feed."""
    attributes = {"type": "application/atom+xml", "rel": "alternate", "href": href}
    title = config.get("title")
    if title is None or title is False:
        title = config.get("name")
    if title is not None and title is not False:
        attributes["title"] = title
    return "<link " + " ".join(f'{name}="{xml_escape(value)}"' for name, value in attributes.items()) + " />"


def compact_template(source: str) -> str:
    """Drop the line breaks and indentation that follow ``>`` or ``}``: the feed is one line."""
    return _LAYOUT_WHITESPACE.sub("", source)


@lru_cache(maxsize=None)
def feed_template() -> str:
    text = resources.files("postforge.plugins").joinpath("templates/jekyll-feed.xml").read_text("utf-8")
    return compact_template(text)


# -- hooks -----------------------------------------------------------------------------------------


def _render_feed_meta(ctx: Any, markup: str) -> str:
    config = ctx.registers.get("site_config")
    if config is None:
        site = ctx.globals.get("site")
        config = {key: lookup(site, key) for key in ("title", "name", "feed")}
    path = _options(config).get("path") or "feed.xml"
    return feed_meta_link(config, absolute_url(ctx, path))


@hookimpl
def register_liquid(env: Any) -> None:
    env.add_tag("feed_meta", _render_feed_meta)


def _site_tags(site: Any) -> list[Any]:
    tags: list[Any] = []
    for post in site.content.posts.docs:
        for tag in post.data.get("tags") or []:
            if tag not in tags:
                tags.append(tag)
    return tags


@hookimpl(trylast=True)
def generate(site: Any) -> list[Any] | None:
    options = _options(site.config)
    if options.get("disable_in_development") and os.environ.get("JEKYLL_ENV", "development") == "development":
        logger.info("Jekyll Feed:", "Skipping feed generation in development")
        return None
    source = Path(site.source)
    stylesheet = (source / "feed.xslt.xml").exists()
    pages = []
    for path, collection, category, tag in feed_specs(site.config, _site_tags(site)):
        if (source / path.lstrip("/")).exists():
            continue
        data = {
            "layout": None, "sitemap": False, "xsl": stylesheet,
            "collection": collection, "category": category, "tags": tag,
        }
        pages.append(site.new_page(path.lstrip("/"), data, feed_template()))
    return pages
