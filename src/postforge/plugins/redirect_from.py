"""jekyll-redirect-from: ``redirect_from`` makes pages that send old URLs to a page's new one, and
``redirect_to`` turns a page into such a redirect; ``/redirects.json`` maps every old URL to its target.

The gem's behaviour, as version 0.16.0 has it:

* every written document (posts first, then the other collections) and every page is looked at,
  its ``redirect_from`` (a string or a list; front matter defaults count) giving one page per entry,
  at that path (a leading slash added; ``/old`` is written as ``old.html``, ``/old/`` as
  ``old/index.html``), with ``sitemap: false``, ``layout: redirect`` and ``page.redirect.from``/``to``;
* ``redirect_to`` (a string, or the first non-null entry of a list) replaces the page's data with the
  same keys and empties its body, so it renders as the redirect layout at its own URL;
* targets that do not start with ``http://`` or ``https://`` go through ``absolute_url``, so they carry
  ``url`` and ``baseurl``; the paths redirected from do not;
* the ``redirect`` layout is the site's (or theme's) ``_layouts/redirect.html`` when there is one, else
  the gem's page, which ``templates/jekyll-redirect-from.html`` reproduces byte for byte;
* ``redirects.json`` is written unless ``redirect_from: {json: false}`` or the source has a file of
  that name (even an excluded one).

Jekyll runs this generator at priority ``normal``: before readme-index (``low``) and the ``lowest``
ones (default-layout, titles, relative links, sitemap), so it is ``tryfirst`` here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from postforge.hooks import hookimpl
from postforge.liquid.filters.jekyll_urls import absolute_url
from postforge.model.documents import Layout
from postforge.plugins._ghpages import UrlContext
from postforge.plugins._ghpages import docs_to_write
from postforge.plugins._ghpages import option
from postforge.plugins._ghpages import page_value

__all__ = [
    "redirect_from_paths",
    "redirect_to_target",
    "ensure_leading_slash",
    "redirect_target",
    "redirect_data",
    "redirects_json",
    "wants_json",
    "template",
    "generate",
]

_HTTP = re.compile(r"^https?://", re.M)


def redirect_from_paths(value: Any) -> list[Any]:
    """``redirect_from`` as a list: a list without its nulls, a single value as a list of one."""
    if isinstance(value, list):
        return [item for item in value if item is not None]
    return [] if value is None else [value]


def redirect_to_target(value: Any) -> Any:
    """``redirect_to``: the value, or a list's first non-null entry."""
    if isinstance(value, list):
        return next((item for item in value if item is not None), None)
    return value


def ensure_leading_slash(path: str) -> str:
    return path if not path or path.startswith("/") else "/" + path


def redirect_target(config: dict[str, Any], to: Any) -> str:
    """Where a redirect sends the reader: a full http(s) URL as written, anything else made absolute."""
    text = str(to)
    if _HTTP.search(text):
        return text
    return str(absolute_url(UrlContext(config), text))


def redirect_data(config: dict[str, Any], source: Any, to: Any) -> dict[str, Any]:
    """The front matter of a redirect page from ``source`` (a path on this site) to ``to``."""
    origin = ensure_leading_slash(str(source))
    return {
        "sitemap": False,
        "layout": "redirect",
        "permalink": origin,
        "redirect": {"from": origin, "to": redirect_target(config, to)},
    }


def redirects_json(redirects: dict[str, str]) -> str:
    """``Hash#to_json``: compact, non-ASCII kept as it is, ``/`` not escaped."""
    return json.dumps(redirects, ensure_ascii=False, separators=(",", ":"))


def wants_json(config: dict[str, Any], source_has_file: bool) -> bool:
    """Whether to write ``/redirects.json``: unless switched off or the site has its own."""
    return option(config, "redirect_from", "json") is not False and not source_has_file


@lru_cache(maxsize=None)
def template() -> str:
    """The Liquid source of the gem's redirect page."""
    return resources.files("postforge.plugins").joinpath("templates/jekyll-redirect-from.html").read_text("utf-8")


@hookimpl(tryfirst=True)
def generate(site: Any) -> list[Any]:
    content = site.content
    config = site.config
    if "redirect" not in content.layouts:
        content.layouts["redirect"] = Layout("redirect", "_layouts/redirect.html", template(), {})
    redirects: dict[str, str] = {}
    new_pages = []
    for item in [*docs_to_write(site), *content.pages]:
        for source in redirect_from_paths(page_value(item, "redirect_from")):
            page = site.new_page("redirect.html", redirect_data(config, source, item.url), "")
            new_pages.append(page)
            redirects[page.data["redirect"]["from"]] = page.data["redirect"]["to"]
        target = redirect_to_target(page_value(item, "redirect_to"))
        if target is not None:
            data = redirect_data(config, item.url, target)
            item.data.update(data)
            item.content = ""
            redirects[data["redirect"]["from"]] = data["redirect"]["to"]
    if wants_json(config, (site.source / "redirects.json").exists()):
        new_pages.append(site.new_page("redirects.json", {"layout": None}, redirects_json(redirects)))
    return new_pages
