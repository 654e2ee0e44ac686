"""jekyll-sitemap: ``/sitemap.xml`` listing the site's pages, and ``/robots.txt`` pointing at it.

The output format is jekyll-sitemap 1.4.0's, byte for byte, rendered from our own Liquid templates
(``templates/jekyll-sitemap.xml`` and ``templates/jekyll-sitemap-robots.txt``, written from the
gem's behaviour) as ordinary pages, so they see every page and document once all are read. What
the sitemap holds is the gem's choice:

* documents of every collection whose ``output`` is not false, with ``<lastmod>`` from
  ``last_modified_at`` or ``date`` (collection documents without a date get ``site.time``);
* HTML pages (generated ones included), without ``<lastmod>`` unless ``last_modified_at`` is set,
  never ``/404.html``;
* static files ending in ``.htm``, ``.html``, ``.xhtml`` or ``.pdf`` (case-sensitive, as the gem
  compares), dated by their modification time;
* anything with ``sitemap: false`` (front matter or defaults) is left out; ``/index.html`` in a
  URL becomes ``/``.

A site that has its own ``/sitemap.xml`` or ``/robots.txt`` (a page or static file at that URL)
keeps it. A ``sitemap.xsl`` in the source is linked as the sitemap's stylesheet.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any
from typing import Iterable

from postforge.hooks import hookimpl
from postforge.model.drops import StaticFileDrop

__all__ = ["INCLUDED_EXTENSIONS", "sitemap_static_files", "missing_outputs", "template"]

#: the static files a sitemap lists, by extension (the gem's ``INCLUDED_EXTENSIONS``)
INCLUDED_EXTENSIONS = (".htm", ".html", ".xhtml", ".pdf")

#: the two files the plugin writes, and their templates
_TEMPLATES = {"sitemap.xml": "jekyll-sitemap.xml", "robots.txt": "jekyll-sitemap-robots.txt"}


def sitemap_static_files(files: Iterable[Any]) -> list[Any]:
    """The static files worth a sitemap entry: web pages and PDFs, in the site's order."""
    return [file for file in files if file.extname in INCLUDED_EXTENSIONS]


def missing_outputs(urls: Iterable[str]) -> list[str]:
    """Which of ``sitemap.xml`` and ``robots.txt`` to generate, given the URLs the site already has."""
    taken = set(urls)
    return [name for name in _TEMPLATES if f"/{name}" not in taken]


@lru_cache(maxsize=None)
def template(name: str) -> str:
    """The Liquid source of ``sitemap.xml`` or ``robots.txt``."""
    return resources.files("postforge.plugins").joinpath(f"templates/{_TEMPLATES[name]}").read_text("utf-8")


@hookimpl(trylast=True)
def generate(site: Any) -> list[Any]:
    content = site.content
    urls = [page.url for page in content.pages] + [file.url for file in content.static_files]
    pages = []
    for name in missing_outputs(urls):
        data: dict[str, Any] = {"layout": None}
        if name == "sitemap.xml":
            data["static_files"] = [StaticFileDrop(file) for file in sitemap_static_files(content.static_files)]
            data["xsl"] = any(url == "/sitemap.xsl" for url in urls)
        pages.append(site.new_page(name, data, template(name)))
    return pages
