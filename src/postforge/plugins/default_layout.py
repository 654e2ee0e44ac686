"""jekyll-default-layout: Markdown pages and posts that name no layout get one, so a site of plain
Markdown files still gets its theme's look.

The gem's choice (version 0.1.5), for Markdown pages and posts (not other collections' documents)
whose front matter and front matter defaults have no ``layout`` key at all:

* the page at ``/`` gets ``home``, if the site or its theme has that layout;
* else a page gets ``page``, a post ``post``, if it exists;
* else ``default`` if it exists, else the key is set to nothing (no layout).

``layout: null`` counts as naming a layout (none). Jekyll runs it at priority ``lowest``, after the
generators that turn files into pages (optional front matter, readme index), so those get a layout
too: ``trylast`` here.
"""

from __future__ import annotations

from typing import Any
from typing import Collection

from postforge.hooks import hookimpl
from postforge.model.documents import Page
from postforge.plugins._ghpages import is_markdown

__all__ = ["layout_for", "layout_specified", "generate"]


def layout_for(kind: str, url: str, layouts: Collection[str]) -> str | None:
    """The layout the gem picks for a ``"page"`` or ``"post"`` at ``url``, given the site's layouts."""
    if url == "/" and "home" in layouts:
        return "home"
    if kind == "page" and "page" in layouts:
        return "page"
    if kind == "post" and "post" in layouts:
        return "post"
    return "default" if "default" in layouts else None


def layout_specified(item: Any) -> bool:
    """Whether ``layout`` is a key of the item's Liquid data: front matter or, for a page, defaults
    (a document's data already holds its defaults)."""
    return "layout" in item.data or (isinstance(item, Page) and "layout" in item.defaults)


@hookimpl(trylast=True)
def generate(site: Any) -> None:
    content = site.content
    for item in [*content.pages, *content.posts.docs]:
        if is_markdown(site.config, item.ext) and not layout_specified(item):
            kind = "page" if isinstance(item, Page) else "post"
            item.data["layout"] = layout_for(kind, item.url, content.layouts)
