"""The site as read, kept between builds: changed files are read into the last build's model alone.

A full read of 10,000 posts parses 10,000 front matters and computes 10,000 URLs. When only
existing files changed, :func:`patch_model` takes the last build's model (as read, before any
plugin ran) and reads just those files again, through the reader's own methods, so each changed
page or document comes out exactly as a full read makes it. Anything it cannot do that way
(a file added or removed, a page that became a static file, a post no longer published, an
unknown file) makes it give up, and the build reads everything; that read
(:class:`CachingReader`) still skips the YAML of files whose mtime and size did not change.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any
from typing import Callable

from postforge.model.documents import Document
from postforge.model.documents import Page
from postforge.model.documents import StaticFile
from postforge.model.urls import document_url
from postforge.model.urls import page_url
from postforge.reading.documents import Reader
from postforge.reading.documents import SiteContent
from postforge.reading.documents import _sort_collection
from postforge.reading.documents import sort_documents
from postforge.reading.frontmatter import has_front_matter
from postforge.reading.frontmatter import read_text
from postforge.reading.frontmatter import split_front_matter

__all__ = ["CachingReader", "caching_reader", "patch_model"]

FrontMatterMemo = dict[str, tuple[int, int, Any, int, int]]


class CachingReader(Reader):
    """The reader, with parsed front matter remembered by file identity.

    ``memo`` (path → mtime_ns, size, data, body start, line offset) is what the last build parsed;
    ``parsed`` collects this read's, to be saved. ``documents`` are the files read as pages or
    documents (published or not). ``scanned`` (path → mtime_ns, size) is what this build's scan
    found: a file parsed anew is recorded with that, taken before it was read (a file changed in
    between is then seen as changed next time), without a second ``stat``.
    """

    memo: FrontMatterMemo = {}
    parsed: FrontMatterMemo = {}
    documents: set[str] = set()
    scanned: dict[str, tuple[int, int]] = {}

    def _read(self, full: str, relative: str) -> tuple[dict[str, Any], str, int]:
        known = self.memo.get(full)
        if known is not None:
            st = os.stat(full)  # (the identity the old parse is taken on must be the file's now)
            if known[0] == st.st_mtime_ns and known[1] == st.st_size:
                text = read_text(full)
                _, _, data, start, offset = known
                self.parsed[full] = known
                return (data or {}), text[start:], offset
        identity = self.scanned.get(full)
        if identity is None:
            st = os.stat(full)
            identity = (st.st_mtime_ns, st.st_size)
        text = read_text(full)
        data, body, offset = split_front_matter(text, relative)
        self.parsed[full] = (identity[0], identity[1], data, len(text) - len(body), offset)
        return (data or {}), body, offset

    def read_page(self, full: str, relative: str) -> Page:
        self.documents.add(full)
        return super().read_page(full, relative)

    def read_document(self, full: str, relative: str, collection: Any, draft: bool = False) -> Document:
        self.documents.add(full)
        return super().read_document(full, relative, collection, draft)


def caching_reader(memo: FrontMatterMemo, scanned: dict[str, tuple[int, int]] | None = None) -> type[CachingReader]:
    """A reader class remembering into fresh tables, starting from the last build's ``memo``
    (``scanned``: the identities this build's scan found)."""
    return type("BuildReader", (CachingReader,), {"memo": memo, "parsed": {}, "documents": set(),
                                                   "scanned": scanned or {}})


def skipped_files(reader: type[CachingReader], content: SiteContent) -> frozenset[str]:
    """Pages and documents read but not in the site (unpublished, future, beyond ``limit_posts``)."""
    kept = {page.source_path for page in content.pages}
    kept.update(doc.source_path for c in content.collections.values() for doc in c.docs)
    return frozenset(reader.documents - kept)


def _index(content: SiteContent) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for page in content.pages:
        found[page.source_path] = page
    for collection in content.collections.values():
        for doc in collection.docs:
            found[doc.source_path] = doc
    for static in content.static_files:
        found.setdefault(static.source_path, static)
    return found


def _has_front_matter(path: str) -> bool:
    with open(path, "rb") as handle:
        return has_front_matter(handle.read(4096))


class _GiveUp(Exception):
    """The change is not one a patch can make exactly."""


def patch_model(
    content: SiteContent,
    modified: set[str],
    kind_of: Callable[[str], str],
    reader: Reader,
    config: dict[str, Any],
    read_data: Callable[[], dict[str, Any]],
    theme_root: str | None,
) -> list[Any] | None:
    """Read the ``modified`` files into ``content``; the items replaced, or None to read everything."""
    if config.get("limit_posts"):
        return None
    index = _index(content)
    replaced: list[Any] = []
    layouts = data = False
    try:
        for path in sorted(modified):
            kind = kind_of(path)
            if kind == "layout":
                layouts = True
            elif kind == "data":
                data = True
            elif kind in ("include", "sass", "config"):
                continue
            else:
                item = index.get(path)
                if item is None:
                    return None
                replaced.extend(_reread(content, item, reader, config, theme_root))
    except (_GiveUp, OSError):
        return None
    if layouts:
        reader.read_layouts()
        content.layouts = reader.content.layouts
    if data:
        content.data = read_data()
    return replaced


def _reread(content: SiteContent, item: Any, reader: Reader, config: dict[str, Any], theme_root: str | None) -> list[Any]:
    style = str(config.get("permalink") or "date")
    if isinstance(item, StaticFile):
        if _has_front_matter(item.source_path):
            raise _GiveUp
        return []
    if not _has_front_matter(item.source_path) and not (isinstance(item, Document) and item.collection == "posts"):
        raise _GiveUp
    if isinstance(item, Page):
        page = reader.read_page(item.source_path, item.relative_path)
        in_theme = theme_root is not None and item.source_path.startswith(theme_root + os.sep)
        if not in_theme and not reader.publishable(page):
            raise _GiveUp
        page.url = page_url(page, style)
        content.pages[content.pages.index(item)] = page
        return [page]
    collection = content.collections[item.collection]
    doc = reader.read_document(item.source_path, item.relative_path, collection, draft=item.draft)
    if collection.label == "posts":
        if not reader.publishable(doc):
            raise _GiveUp
    else:
        if not config.get("unpublished") and doc.data.get("published") is False:
            raise _GiveUp
        doc.write = collection.output and reader.publishable(doc)
    collection.docs[collection.docs.index(item)] = doc
    if collection.label == "posts":
        if doc.data.get("date") != item.data.get("date"):
            collection.docs = sort_documents(collection.docs)
    elif collection.metadata.get("order") is not None or collection.metadata.get("sort_by") is not None or (
        doc.data.get("date") != item.data.get("date")
    ):
        _sort_collection(collection)
    doc.url = document_url(doc, collection, style, str(config.get("collections_dir") or ""))
    return [doc]


def move_site_time(content: SiteContent, old: dt.datetime, new: dt.datetime) -> None:
    """Documents without a date take the site's time: give them the new one."""
    if old == new:
        return
    for collection in content.collections.values():
        for doc in collection.docs:
            if not doc.draft and doc.default_date == old:
                doc.default_date = new
