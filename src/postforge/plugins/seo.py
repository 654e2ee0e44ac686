"""jekyll-seo-tag: ``{% seo %}`` writes a page's title, description, canonical URL, Open Graph and
Twitter meta tags and schema.org JSON-LD.

The output format is jekyll-seo-tag 2.8.0's, byte for byte. The values are worked out here, by pure
functions that follow the gem's rules (titles ``Page | Site``, descriptions from ``description`` or
the excerpt, authors from ``author``/``authors``/``site.author`` and ``_data/authors``, images
from ``image`` or its ``path``/``facebook``/``twitter``, ``seo:`` and ``social:`` overrides, logo,
pagination's "Page N of M for "), and laid out by our own Liquid template,
``templates/jekyll-seo-tag.html``, written from the gem's behaviour. Every text value goes through
the gem's chain: ``markdownify``, ``strip_html``, ``normalize_whitespace``, ``escape_once``.
``{% seo title=false %}`` leaves out the ``<title>`` element.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from postforge.hooks import hookimpl
from postforge.liquid.filters.dates import date_to_xmlschema
from postforge.liquid.filters.jekyll_text import markdownify
from postforge.liquid.filters.jekyll_text import normalize_whitespace
from postforge.liquid.filters.jekyll_text import ruby_json
from postforge.liquid.filters.jekyll_urls import absolute_url
from postforge.liquid.filters.jekyll_urls import uri_escape
from postforge.liquid.filters.strings import escape_once
from postforge.liquid.filters.strings import strip_html
from postforge.liquid.runtime import lookup
from postforge.render.pipeline import JEKYLL_VERSION

__all__ = [
    "VERSION",
    "Filters",
    "format_string",
    "is_absolute_url",
    "is_homepage_or_about",
    "page_number_prefix",
    "resolve_author",
    "author_twitter",
    "image_hash",
    "seo_title",
    "json_ld",
    "seo_values",
    "template",
]

#: the gem version the output claims to come from (its HTML comment says so)
VERSION = "2.8.0"
TITLE_SEPARATOR = " | "
DEFAULT_PAGINATOR_MESSAGE = "Page %<current>s of %<total>s for "
_HOMEPAGE_OR_ABOUT = re.compile(r"^/(about/)?(index.html?)?$", re.M)
_SCHEME = re.compile(r"([^:/?#]+):")
_VALID_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*\Z")
_FORMAT_REFERENCE = re.compile(r"%%|%<(\w+)>[sd]|%\{(\w+)\}")


def _truthy(value: Any) -> bool:
    """Ruby's truth: everything but nil and false (``""`` and ``0`` are true)."""
    return value is not None and value is not False


def _first(*values: Any) -> Any:
    """Ruby's ``a || b || c``."""
    for value in values:
        if _truthy(value):
            return value
    return values[-1] if values else None


class Filters:
    """The Jekyll filters the gem calls from Ruby, bound to the render context they need."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx

    def markdownify(self, value: Any) -> str:
        return markdownify(self.ctx, value)

    def absolute_url(self, value: Any) -> Any:
        return absolute_url(self.ctx, value)

    def uri_escape(self, value: Any) -> Any:
        return uri_escape(value)

    def date_to_xmlschema(self, value: Any) -> Any:
        return date_to_xmlschema(value)


def format_string(value: Any, filters: Filters) -> str | None:
    """A title or description as it appears in the tags: Markdown rendered, then plain, escaped once."""
    if value is None:
        return None
    text = escape_once(normalize_whitespace(strip_html(filters.markdownify(value))))
    return text or None


def is_absolute_url(text: Any) -> bool | None:
    """Addressable's ``absolute?``: True with a scheme, False without, None when it cannot parse."""
    if not _truthy(text):
        return None
    match = _SCHEME.match(str(text))
    if match is None:
        return False
    return True if _VALID_SCHEME.match(match.group(1)) else None


def is_homepage_or_about(url: Any) -> bool:
    return isinstance(url, str) and _HOMEPAGE_OR_ABOUT.search(url) is not None


def page_number_prefix(paginator: Any, message: Any) -> str | None:
    """``Page 2 of 5 for `` on the second and later pages of a paginated index."""
    current = lookup(paginator, "page") if _truthy(paginator) else None
    if not _truthy(current) or not isinstance(current, (int, float)) or current <= 1:
        return None
    values = {"current": current, "total": lookup(paginator, "total_pages")}
    template = str(message) if _truthy(message) else DEFAULT_PAGINATOR_MESSAGE

    def fill(match: re.Match[str]) -> str:
        if match.group(0) == "%%":
            return "%"
        value = values.get(match.group(1) or match.group(2))
        return "" if value is None else str(value)

    return _FORMAT_REFERENCE.sub(fill, template)


def resolve_author(page: Any, site: Any) -> dict[str, Any]:
    """The page's author as a hash: ``author``, else the first of ``authors``, else the site's.

    A name given as a string is looked up in ``site.data.authors`` for more details (which may
    override the name); anything that is neither hash nor string gives no author.
    """
    authors = lookup(page, "authors")
    sources = [lookup(page, "author"), authors[0] if isinstance(authors, list) and authors else None]
    if not isinstance(authors, list):
        sources.pop()
    sources.append(lookup(site, "author"))
    found = next((source for source in sources if source is not None and source != ""), None)
    if isinstance(found, dict):
        return found
    if isinstance(found, str):
        details = lookup(lookup(site, "data"), "authors")
        extra = details.get(found) if isinstance(details, dict) else None
        return {"name": found, **(extra if isinstance(extra, dict) else {})}
    return {}


def author_twitter(author: dict[str, Any]) -> str | None:
    """The author's Twitter handle without its ``@`` (the name stands in for a missing handle)."""
    handle = _first(author.get("twitter"), author.get("name"))
    if not isinstance(handle, str):
        return None
    return re.sub(r"^@", "", handle, count=1, flags=re.M)


def image_hash(image: Any) -> dict[str, Any]:
    """``image: x.png`` or ``image: {path, height, width, alt, facebook, twitter}``, as one hash."""
    if isinstance(image, dict):
        return {"path": None, **image}
    if isinstance(image, str):
        return {"path": image}
    return {"path": None}


def _image(page: Any, filters: Filters) -> dict[str, Any] | None:
    """The page's image with its ``path`` an escaped absolute URL; None without one."""
    meta = image_hash(lookup(page, "image"))
    raw = _first(meta.get("path"), meta.get("facebook"), meta.get("twitter"))
    if not _truthy(raw):
        return None
    url = filters.absolute_url(raw) if isinstance(raw, str) and is_absolute_url(raw) is False else raw
    if not _truthy(url):
        return None
    return {**meta, "path": filters.uri_escape(url)}


def seo_title(
    page_title: str | None, site_title: str | None, tagline: str | None, description: str | None
) -> str | None:
    """``Page | Site``; on the page that has the site's title, ``Site | tagline or description``
    (when the site has a description at all)."""
    if site_title and page_title != site_title:
        return f"{page_title}{TITLE_SEPARATOR}{site_title}"
    if description and site_title:
        return f"{site_title}{TITLE_SEPARATOR}{tagline or description}"
    return page_title or site_title


def json_ld(values: dict[str, Any], author: dict[str, Any], image: dict[str, Any] | None, logo: Any) -> str:
    """The schema.org JSON-LD object: keys sorted, empty ones left out, as the gem serialises it."""
    author_type = author.get("type")
    json_author = None
    if _truthy(author.get("name")) and not (_truthy(author_type) and author_type not in ("Organization", "Person")):
        json_author = {"@type": author_type if _truthy(author_type) else "Person", "name": author["name"]}
        if _truthy(author.get("url")):
            json_author["url"] = author["url"]
    json_image: Any = None
    if image is not None:
        if len(image) == 1:
            json_image = image["path"]
        else:
            json_image = {key: value for key, value in image.items() if key != "path"}
            json_image["url"] = image["path"]
            json_image["@type"] = "imageObject"
    publisher = None
    if _truthy(logo):
        publisher = {"@type": "Organization", "logo": {"@type": "ImageObject", "url": logo}}
        if _truthy(author.get("name")):
            publisher["name"] = author["name"]
    main_entity = None
    if values["type"] in ("BlogPosting", "CreativeWork"):
        main_entity = {"@type": "WebPage", "@id": values["canonical_url"]}
    data = {
        "@context": "https://schema.org",
        "@type": values["type"],
        "author": json_author,
        "dateModified": values["date_modified"],
        "datePublished": values["date_published"],
        "description": values["description"],
        "headline": values["page_title"],
        "image": json_image,
        "mainEntityOfPage": main_entity,
        "name": values["name"],
        "publisher": publisher,
        "sameAs": values["links"],
        "url": values["canonical_url"],
    }
    return ruby_json({key: data[key] for key in sorted(data) if data[key] is not None})


def _page_type(page_seo: dict[str, Any], home: bool, date: Any) -> Any:
    if _truthy(page_seo.get("type")):
        return page_seo["type"]
    return "WebSite" if home else "BlogPosting" if _truthy(date) else "WebPage"


def seo_values(page: Any, site: Any, markup: str, paginator: Any, filters: Filters) -> dict[str, Any]:
    """Everything ``{% seo %}`` prints for ``page``, as the template's ``seo_tag``."""
    fmt = lambda value: format_string(value, filters)  # noqa: E731 - the gem's one-word helper
    page_seo = lookup(page, "seo")
    page_seo = page_seo if isinstance(page_seo, dict) else {}
    social = lookup(site, "social")
    social = social if isinstance(social, dict) else {}
    url = lookup(page, "url")
    home = is_homepage_or_about(url)

    site_title = fmt(_first(lookup(site, "title"), lookup(site, "name")))
    site_description = fmt(lookup(site, "description"))
    page_title = fmt(lookup(page, "title")) or site_title
    title = seo_title(page_title, site_title, fmt(lookup(site, "tagline")), site_description)
    prefix = page_number_prefix(paginator, lookup(site, "seo_paginator_message"))
    if prefix is not None and title is not None:
        title = prefix + title

    seo_name = fmt(page_seo["name"]) if _truthy(page_seo.get("name")) else None
    if seo_name:
        name: str | None = seo_name
    elif not home:
        name = None
    elif _truthy(social.get("name")):
        name = fmt(social["name"])
    else:
        name = site_title

    date = lookup(page, "date")
    modified = _first(page_seo.get("date_modified"), lookup(page, "last_modified_at"), date)
    canonical = lookup(page, "canonical_url")
    if canonical is None or canonical == "":
        absolute = filters.absolute_url(url)
        canonical = re.sub(r"/index\.html$", "/", "" if absolute is None else str(absolute), flags=re.M)
    logo = lookup(site, "logo")
    if _truthy(logo):
        logo = filters.uri_escape(logo if is_absolute_url(logo) else filters.absolute_url(logo))
    lang = _first(lookup(page, "lang"), lookup(site, "lang"), "en_US")
    locale = _first(lookup(page, "locale"), lookup(site, "locale"), lang)

    author = resolve_author(page, site)
    image = _image(page, filters)
    values: dict[str, Any] = {
        "version": VERSION,
        "title": title,
        "show_title": _truthy(title) and re.search("title=false", markup, re.I) is None,
        "page_title": page_title,
        "site_title": site_title,
        "description": fmt(_first(lookup(page, "description"), lookup(page, "excerpt"))) or site_description,
        "author": {"name": author.get("name"), "twitter": author_twitter(author)},
        "image": image,
        "page_locale": str(locale).replace("-", "_"),
        "canonical_url": canonical,
        "name": name,
        "type": _page_type(page_seo, home, date),
        "links": _first(page_seo.get("links"), social.get("links") if home else None),
        "date_modified": filters.date_to_xmlschema(modified) if _truthy(modified) else None,
        "date_published": filters.date_to_xmlschema(date) if _truthy(date) else None,
    }
    values["json_ld"] = json_ld(values, author, image, logo)
    return values


@lru_cache(maxsize=None)
def template() -> str:
    return resources.files("postforge.plugins").joinpath("templates/jekyll-seo-tag.html").read_text("utf-8")


def _render_seo(ctx: Any, markup: str) -> str:
    page = ctx.globals.get("page")
    site = ctx.globals.get("site")
    paginator = ctx.get("paginator")
    data = {
        "site": site,
        "page": page,
        "paginator": paginator,
        "jekyll": ctx.globals.get("jekyll") or {"version": JEKYLL_VERSION},
        "seo_tag": seo_values(page, site, markup, paginator, Filters(ctx)),
    }
    return ctx.env.from_string(template(), name="jekyll-seo-tag").render(data, ctx.registers)


@hookimpl
def register_liquid(env: Any) -> None:
    env.add_tag("seo", _render_seo)
