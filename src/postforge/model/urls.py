"""Every page's, document's and static file's URL, and the file it is written to.

The rules live in :mod:`postforge.model.permalink` as pure functions; this module applies them to
what was read: which permalink wins (front matter, defaults, the collection's, the site's style),
the output extension a permalink forces, and where each URL lands in ``_site``.
"""

from __future__ import annotations

import os
from typing import Any

from postforge.model import permalink
from postforge.model.documents import Collection
from postforge.model.documents import Convertible
from postforge.model.documents import Document
from postforge.model.documents import Page
from postforge.model.documents import StaticFile

__all__ = ["assign_urls", "destination_for", "page_url", "document_url", "static_url"]


def _page_dir(relative_path: str) -> str:
    folder = os.path.dirname(relative_path)
    return "/" + folder if folder else ""


def page_url(page: Page, style: str) -> str:
    """A page's URL; sets its output extension when the permalink forces one."""
    link = page.data.get("permalink", page.defaults.get("permalink"))
    forced = permalink.permalink_output_ext(link)
    if forced:
        page.output_ext = forced
    placeholders = permalink.page_placeholders(
        dir=_page_dir(page.relative_path), name=page.name, output_ext=page.output_ext
    )
    return permalink.url_for(style, placeholders, "page", permalink=link)


def document_url(doc: Document, collection: Collection, style: str, collections_dir: str = "") -> str:
    """A post's, draft's or collection document's URL."""
    link = doc.data.get("permalink")
    forced = permalink.permalink_output_ext(link)
    if forced:
        doc.output_ext = forced
    relative = doc.relative_path
    if collections_dir and relative.startswith(collections_dir.rstrip("/") + "/"):
        relative = relative[len(collections_dir.rstrip("/")) + 1 :]
    kind = "draft" if doc.draft else ("post" if collection.label == "posts" else "document")
    template = permalink.template_for(
        style, kind, permalink=link, collection_permalink=collection.metadata.get("permalink")
    )
    placeholders = permalink.document_placeholders(
        relative_path=relative,
        collection=collection.label,
        date=doc.date,
        output_ext=doc.output_ext,
        slug=doc.data.get("slug"),
        categories=doc.data.get("categories") or [],
        relative_directory=f"_{collection.label}",
        needed=permalink.placeholder_names(template),
    )
    return permalink.url_for(
        style, placeholders, kind, permalink=link, collection_permalink=collection.metadata.get("permalink")
    )


def static_url(static: StaticFile, collection: Collection | None, style: str) -> str:
    """Jekyll's ``StaticFile#url``: the path without its extension, templated in a collection."""
    ext = permalink.ruby_extname(static.relative_path)
    cleaned = static.relative_path[: len(static.relative_path) - len(ext)] if ext else static.relative_path
    cleaned = cleaned.rstrip(".")
    if collection is None:
        base = cleaned
    else:
        cleaned = cleaned.replace(collection.relative_directory, "", 1).lstrip("/")
        cleaned = "/" + cleaned if not cleaned.startswith("/") else cleaned
        template = collection.metadata.get("permalink") or permalink.style_template(style, "collection")
        placeholders = {
            "collection": collection.label,
            "path": cleaned,
            "output_ext": "",
            "name": static.basename,
            "title": "",
        }
        base = permalink.render_url(template, placeholders)
    base = base.rstrip("/") if base.endswith("/") else base
    base = base if base.startswith("/") else "/" + base
    return base + ext


def assign_urls(content: Any, config: dict[str, Any], done: Any = frozenset()) -> None:
    """Give everything read its URL (and output extension), as Jekyll computes them.

    ``done`` holds the ``id`` of documents whose URL is set already (worker processes that read
    them computed it)."""
    style = str(config.get("permalink") or "date")
    collections_dir = str(config.get("collections_dir") or "")
    for page in content.pages:
        page.url = page_url(page, style)
    for collection in content.collections.values():
        for doc in collection.docs:
            if id(doc) not in done:
                doc.url = document_url(doc, collection, style, collections_dir)
        for static in collection.files:
            static.url = static_url(static, collection, style)
    for static in content.static_files:
        if static.collection is None:
            static.url = static_url(static, None, style)


def destination_for(item: Convertible) -> str:
    """Where ``item``'s output is written, relative to the destination."""
    kind = "page" if isinstance(item, Page) else "document"
    return permalink.destination_path(item.url, item.output_ext, kind)
