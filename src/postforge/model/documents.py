"""What a site is made of, as read: pages, collection documents (posts among them), static files, layouts.

These are Jekyll's objects with Jekyll's data rules: how front matter, defaults, the file name
and the folders above ``_posts`` combine into ``date``, ``slug``, ``title``, ``categories`` and
``tags``. Rendering fills in ``content`` (converted) and ``output`` (in its layouts); nothing
here renders or writes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from postforge.regexes import LazyPattern

__all__ = [
    "item_id",
    "Layout",
    "StaticFile",
    "Page",
    "Document",
    "Collection",
    "DATE_FILENAME",
    "DATELESS_FILENAME",
    "HTML_EXTENSIONS",
    "deep_merge",
    "compare_documents",
    "titleize_slug",
    "pluralized_list",
]

DATE_FILENAME = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
DATELESS_FILENAME = LazyPattern(r"^(?:.+/)*(.*)(\.[^.]+)$")
HTML_EXTENSIONS = (".html", ".xhtml", ".htm")


def deep_merge(base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """Jekyll's ``Utils.deep_merge_hashes``: a new hash, ``other`` winning, hashes merged inside."""
    merged = dict(base)
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def titleize_slug(slug: str) -> str:
    """``my-first-post`` → ``My First Post`` (Ruby's ``capitalize`` lowercases the rest)."""
    return " ".join(part[:1].upper() + part[1:].lower() for part in slug.split("-"))


def pluralized_list(data: dict[str, Any], singular: str, plural: str) -> list[Any]:
    """Jekyll's ``pluralized_array_from_hash``: ``category: x`` wins over ``categories: "a b"``."""
    if singular in data:
        value = data[singular]
    elif plural in data:
        value = data[plural]
        if isinstance(value, str):
            value = value.split()
        elif isinstance(value, list):
            value = [item for item in value if item is not None]
        else:
            value = None
    else:
        value = None
    items: list[Any] = []

    def flatten(item: Any) -> None:
        if isinstance(item, list):
            for sub in item:
                flatten(sub)
        elif item is not None:
            items.append(item)

    flatten(value)
    return items


@dataclass(eq=False)
class Layout:
    """A layout from ``_layouts`` (the site's or the theme's)."""

    #: name as front matter refers to it (``post``, ``sub/wide``)
    name: str
    #: path as errors name it (``_layouts/post.html``)
    path: str
    content: str
    data: dict[str, Any]
    #: lines before ``content`` in the file (front matter)
    line_offset: int = 0


@dataclass(eq=False)
class StaticFile:
    """A file copied as it is."""

    #: absolute path of the source file
    source_path: str
    #: ``/assets/logo.png``: Jekyll's ``relative_path`` of a static file (leading slash)
    relative_path: str
    #: the collection the file belongs to, if any
    collection: str | None = None
    #: front matter defaults that apply to the file (Jekyll gives static files those)
    data: dict[str, Any] = field(default_factory=dict)
    #: URL; the writer puts the file at this path
    url: str = ""
    write: bool = True

    @property
    def name(self) -> str:
        return os.path.basename(self.relative_path)

    @property
    def extname(self) -> str:
        return os.path.splitext(self.name)[1]

    @property
    def basename(self) -> str:
        return os.path.splitext(self.name)[0]

    @property
    def modified_time(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(os.stat(self.source_path).st_mtime).astimezone()


@dataclass(eq=False)
class Convertible:
    """What pages and documents share: source text, data, and the results of rendering."""

    #: absolute path of the source file ("" for generated pages)
    source_path: str
    #: path relative to the site source, as Jekyll's ``relative_path``
    relative_path: str
    data: dict[str, Any]
    #: the body: as read, then converted by rendering
    content: str
    #: lines before the body in the file (front matter), so errors count from the top
    line_offset: int = 0
    url: str = ""
    #: the extension of the written file (``.html`` for Markdown)
    output_ext: str = ".html"
    #: the fully rendered text, set by rendering
    output: str | None = None
    #: whether the body has been through Liquid and the converter yet
    converted: bool = False
    #: the raw source body (``content`` is replaced by its conversion when rendered)
    source_content: str = ""
    #: ``page.excerpt``: an :class:`Excerpt` for documents (and pages with ``page_excerpts``)
    excerpt: Excerpt | None = None

    @property
    def ext(self) -> str:
        return os.path.splitext(self.relative_path)[1]

    @property
    def name(self) -> str:
        return os.path.basename(self.relative_path)

    @property
    def basename_without_ext(self) -> str:
        return os.path.splitext(self.name)[0]

    @property
    def layout(self) -> Any:
        return self.data.get("layout")

    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        return "{%" in self.content or "{{" in self.content

    def place_in_layout(self) -> bool:
        return self.output_ext not in (".css",) and self.data.get("layout") != "none"

    @property
    def is_html(self) -> bool:
        return self.output_ext in HTML_EXTENSIONS


@dataclass(eq=False)
class Page(Convertible):
    """A file outside collections with front matter (or a page a plugin generated)."""

    kind = "page"
    #: front matter defaults for this page (Jekyll merges them in only when rendering)
    defaults: dict[str, Any] = field(default_factory=dict)
    #: ``paginator`` for a paginated index (set by the paginate plugin)
    paginator: dict[str, Any] | None = None

    @property
    def dir(self) -> str:
        """Jekyll's ``page.dir``: the URL's folder, or the URL itself when it ends in ``/``."""
        if self.url.endswith("/"):
            return self.url
        value = os.path.dirname(self.url)
        return value if value.endswith("/") else value + "/"

    @property
    def path(self) -> str:
        return self.data.get("path", self.relative_path)

    @property
    def basename(self) -> str:
        return self.basename_without_ext

    @property
    def is_index(self) -> bool:
        return self.basename == "index"


@dataclass(eq=False)
class Document(Convertible):
    """A file in a collection: a post, a draft, or a document of a custom collection."""

    kind = "document"
    #: the collection label (``posts`` for posts and drafts)
    collection: str = "posts"
    draft: bool = False
    #: neighbours in the collection's order, set after sorting
    previous: Document | None = None
    next: Document | None = None
    #: the site's related posts for a post, set by the site
    related: list[Document] | None = None
    write: bool = True

    #: the date Jekyll gives a document without one when it is first read (site time, or a
    #: draft's modification time); ``data`` holds no ``date`` until then, which matters to sorting
    default_date: Any = None

    @property
    def date(self) -> Any:
        return self.data.get("date") or self.default_date

    @property
    def id(self) -> str:
        # Ruby's File.dirname ignores a trailing slash: "/a/b/" → "/a"
        folder = os.path.dirname(self.url.rstrip("/")) or "/"
        return os.path.join(folder, str(self.data.get("slug") or self.basename_without_ext))


def compare_documents(left: Document, right: Document) -> int:
    """Jekyll's ``Document#<=>``: by date, then path; a missing date compares by path alone."""
    a, b = left.data.get("date"), right.data.get("date")
    if a is not None and b is not None and a != b:
        return -1 if a < b else 1
    return (left.relative_path > right.relative_path) - (left.relative_path < right.relative_path)


@dataclass(eq=False)
class Excerpt:
    """``page.excerpt``: the start of a document, rendered (Liquid, converter, no layout) when read."""

    doc: Convertible
    #: the source text of the excerpt
    content: str
    output: str | None = None

    @property
    def data(self) -> dict[str, Any]:
        data = dict(self.doc.data)
        data.pop("layout", None)
        data.pop("excerpt", None)
        return data


@dataclass(eq=False)
class Collection:
    """A collection from ``collections:`` (``posts`` is one)."""

    label: str
    #: the collection's configuration (``output``, ``permalink``, ``sort_by`` …)
    metadata: dict[str, Any]
    #: ``_label`` under ``collections_dir``
    relative_directory: str
    #: absolute folder
    directory: str
    docs: list[Document] = field(default_factory=list)
    files: list[StaticFile] = field(default_factory=list)

    @property
    def output(self) -> bool:
        return bool(self.metadata.get("output", False))


def item_id(obj: Any) -> str:
    """A stable name for a model object across builds: kind and path (and URL for pages, since
    pagination makes several pages of one file)."""
    if isinstance(obj, Document):
        return "d:" + obj.relative_path
    if isinstance(obj, Page):
        return "p:" + obj.relative_path + "|" + obj.url
    if isinstance(obj, StaticFile):
        return "s:" + obj.relative_path
    if isinstance(obj, Collection):
        return "c:" + obj.label
    if isinstance(obj, Excerpt):
        return item_id(obj.doc)
    return "?:" + type(obj).__name__
