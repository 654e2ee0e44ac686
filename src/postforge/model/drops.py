"""The site as templates see it: ``site``, ``page``, documents, static files, collections.

Each drop answers one key at a time from the model, so a template that reads ``page.title``
never touches ``page.content``; the keys, their order and their values are Jekyll's drops'
(``DocumentDrop``, ``SiteDrop``, ``StaticFileDrop``, ``CollectionDrop``) and ``Page#to_liquid``.
Excerpts render on first read through a callback the render layer provides.
"""

from __future__ import annotations

from typing import Any
from typing import Callable
from typing import Iterable

from postforge.liquid.drops import Drop
from postforge.model.documents import Collection
from postforge.model.documents import Document
from postforge.model.documents import Excerpt
from postforge.model.documents import Page
from postforge.model.documents import StaticFile
from postforge.model.documents import deep_merge

__all__ = ["SiteDrop", "DocumentDrop", "PageDrop", "StaticFileDrop", "CollectionDrop", "ExcerptDrop", "to_liquid"]

#: renders an excerpt when a template first reads it (set by the render layer)
ExcerptRenderer = Callable[[Excerpt], str]


class _Cache:
    """One drop per model object per build, so identity checks and caches hold."""

    def __init__(self, render_excerpt: ExcerptRenderer) -> None:
        self.render_excerpt = render_excerpt
        self.drops: dict[int, Drop] = {}

    def drop(self, obj: Any) -> Any:
        if obj is None:
            return None
        found = self.drops.get(id(obj))
        if found is not None:
            return found
        made = self.new_drop(obj)
        if made is None:
            return obj
        self.drops[id(obj)] = made
        return made

    def new_drop(self, obj: Any) -> Drop | None:
        """The drop showing ``obj`` (None: it is shown as it is)."""
        if isinstance(obj, Document):
            return DocumentDrop(obj, self)
        if isinstance(obj, Page):
            return PageDrop(obj, self)
        if isinstance(obj, StaticFile):
            return StaticFileDrop(obj)
        if isinstance(obj, Collection):
            return CollectionDrop(obj, self)
        if isinstance(obj, Excerpt):
            return ExcerptDrop(obj, self)
        return None

    def excerpt_text(self, excerpt: Excerpt | None, data_excerpt: Any) -> Any:
        if excerpt is None:
            return data_excerpt
        if excerpt.output is None:
            excerpt.output = self.render_excerpt(excerpt)
        return excerpt.output


def to_liquid(obj: Any, cache: _Cache) -> Any:
    return cache.drop(obj)


_MODEL_TYPES = (Document, Page, StaticFile, Collection, Excerpt)


def _data_value(value: Any, cache: _Cache) -> Any:
    """A front matter value as templates see it: model objects a plugin stored there become drops."""
    if isinstance(value, _MODEL_TYPES):
        return cache.drop(value)
    if isinstance(value, list) and value and isinstance(value[0], _MODEL_TYPES):
        return [cache.drop(item) for item in value]
    return value


class DocumentDrop(Drop):
    """A collection document (post) as Jekyll's ``DocumentDrop`` shows it."""

    __slots__ = ("doc", "cache")
    #: the drop's own keys, in Jekyll's order, before the front matter keys
    METHODS = ("collection", "excerpt", "name", "next", "previous", "content", "output", "id", "relative_path",
               "url", "date", "title", "categories", "tags", "path")

    def __init__(self, doc: Document, cache: _Cache) -> None:
        self.doc = doc
        self.cache = cache

    def liquid_get(self, key: Any) -> Any:
        doc = self.doc
        if key == "content":
            return doc.content
        if key == "url":
            return doc.url
        if key == "title":
            return doc.data.get("title")
        if key == "date":
            return doc.date
        if key == "excerpt":
            text = self.cache.excerpt_text(doc.excerpt, doc.data.get("excerpt"))
            return "" if text is None else text
        if key == "path" or key == "relative_path":
            return doc.data.get("path", doc.relative_path) if key == "path" else doc.relative_path
        if key == "collection":
            return doc.collection
        if key == "id":
            return doc.id
        if key == "output":
            return doc.output
        if key == "name":
            return doc.data.get("name", doc.name)
        if key == "next":
            return self.cache.drop(doc.next)
        if key == "previous":
            return self.cache.drop(doc.previous)
        if key in ("categories", "tags"):
            return doc.data.get(key)
        return _data_value(doc.data.get(key), self.cache) if isinstance(key, str) else None

    def liquid_has(self, key: Any) -> bool:
        return key in self.METHODS or key in self.doc.data

    def liquid_keys(self) -> Iterable[str]:
        return list(dict.fromkeys([*self.METHODS, *self.doc.data.keys()]))

    def equals(self, other: Any) -> bool:
        return isinstance(other, DocumentDrop) and other.doc is self.doc

    def liquid_str(self) -> str:
        return self.doc.output or self.doc.content or "NO CONTENT"


class ExcerptDrop(DocumentDrop):
    """``post.excerpt`` when it is a drop: prints as the rendered excerpt."""

    __slots__ = ("excerpt",)

    def __init__(self, excerpt: Excerpt, cache: _Cache) -> None:
        super().__init__(excerpt.doc, cache)  # type: ignore[arg-type]
        self.excerpt = excerpt

    def liquid_str(self) -> str:
        return self.cache.excerpt_text(self.excerpt, None) or ""


class PageDrop(Drop):
    """A page as ``Page#to_liquid`` makes it: defaults, then front matter, then page attributes.

    Jekyll's ``page`` while a page renders is a hash taken before rendering, so its ``content``
    stays the source even in layouts: ``snapshot`` keeps that content.
    """

    __slots__ = ("page", "cache", "snapshot")
    ATTRIBUTES = ("content", "dir", "excerpt", "name", "path", "url")

    def __init__(self, page: Page, cache: _Cache, snapshot: str | None = None) -> None:
        self.page = page
        self.cache = cache
        self.snapshot = snapshot

    def liquid_get(self, key: Any) -> Any:
        page = self.page
        if key == "content":
            return page.content if self.snapshot is None else self.snapshot
        if key == "url":
            return page.url
        if key == "dir":
            return page.dir
        if key == "name":
            return page.name
        if key == "path":
            return page.path
        if key == "excerpt":
            return self.cache.excerpt_text(page.excerpt, page.data.get("excerpt"))
        if not isinstance(key, str):
            return None
        if key in page.data:
            value = page.data[key]
            default = page.defaults.get(key)
            if isinstance(value, dict) and isinstance(default, dict):
                return deep_merge(default, value)
            return _data_value(value, self.cache)
        return page.defaults.get(key)

    def liquid_has(self, key: Any) -> bool:
        return key in self.ATTRIBUTES or key in self.page.data or key in self.page.defaults

    def liquid_keys(self) -> Iterable[str]:
        return list(dict.fromkeys([*self.page.defaults.keys(), *self.page.data.keys(), *self.ATTRIBUTES]))

    def equals(self, other: Any) -> bool:
        return isinstance(other, PageDrop) and other.page is self.page

    def liquid_str(self) -> str | None:
        return None


class StaticFileDrop(Drop):
    """``site.static_files`` entries: name, path, modified_time, basename, extname, collection."""

    __slots__ = ("file",)
    METHODS = ("name", "extname", "modified_time", "basename", "path", "collection")

    def __init__(self, file: StaticFile) -> None:
        self.file = file

    def liquid_get(self, key: Any) -> Any:
        file = self.file
        if key == "path":
            return file.relative_path
        if key == "collection":
            return file.collection
        if key in ("name", "extname", "modified_time", "basename"):
            return getattr(file, key)
        return file.data.get(key) if isinstance(key, str) else None

    def liquid_has(self, key: Any) -> bool:
        return key in self.METHODS or key in self.file.data

    def liquid_keys(self) -> Iterable[str]:
        return list(dict.fromkeys([*self.METHODS, *self.file.data.keys()]))


class CollectionDrop(Drop):
    """An entry of ``site.collections``."""

    __slots__ = ("collection", "cache")
    METHODS = ("label", "docs", "files", "directory", "relative_directory", "output")

    def __init__(self, collection: Collection, cache: _Cache) -> None:
        self.collection = collection
        self.cache = cache

    def liquid_get(self, key: Any) -> Any:
        collection = self.collection
        if key == "label":
            return collection.label
        if key == "docs":
            return [self.cache.drop(doc) for doc in collection.docs]
        if key == "files":
            return [self.cache.drop(f) for f in collection.files]
        if key == "directory":
            return collection.directory
        if key == "relative_directory":
            return collection.relative_directory
        if key == "output":
            return collection.output
        return collection.metadata.get(key) if isinstance(key, str) else None

    def liquid_has(self, key: Any) -> bool:
        return key in self.METHODS or key in self.collection.metadata

    def liquid_keys(self) -> Iterable[str]:
        return list(dict.fromkeys([*self.METHODS, *self.collection.metadata.keys()]))

    def liquid_str(self) -> str:
        return "".join(doc.output or doc.content or "" for doc in self.collection.docs)


#: ``site`` keys computed from the model rather than read from the configuration
_SITE_COMPUTED = frozenset({"posts", "pages", "html_pages", "static_files", "tags", "categories", "data", "time",
                            "documents", "collections", "related_posts"})


class SiteDrop(Drop):
    """``site``: the configuration's keys, plus posts, pages, tags, categories, data, time …"""

    __slots__ = ("content", "config", "time", "cache", "current", "_memo", "extra")

    def __init__(self, content: Any, config: dict[str, Any], time: Any, render_excerpt: ExcerptRenderer) -> None:
        self.content = content
        self.config = config
        self.time = time
        self.cache = _Cache(render_excerpt)
        #: the document being rendered (for ``site.related_posts``)
        self.current: Any = None
        self._memo: dict[str, Any] = {}
        #: keys plugins add (``site.triage``, ``site.github`` …)
        self.extra: dict[str, Any] = {}

    def drop(self, obj: Any) -> Any:
        return self.cache.drop(obj)

    def page_payload(self, obj: Any) -> Any:
        """``page`` for the item being rendered: a snapshot for pages, the live drop otherwise."""
        if isinstance(obj, Page):
            return PageDrop(obj, self.cache, obj.content)
        return self.cache.drop(obj)

    def _memoized(self, key: str, make: Callable[[], Any]) -> Any:
        memo = self._memo
        if key in memo:
            return memo[key]
        value = memo[key] = make()
        return value

    def _posts_newest_first(self) -> list[Drop]:
        # read on every page with a list of recent posts: the memo first, without a function made
        posts = self._memo.get("posts")
        if posts is not None:
            return posts  # type: ignore[no-any-return]
        drop = self.cache.drop
        return self._memoized("posts", lambda: [drop(d) for d in reversed(self.content.posts.docs)])

    def _by(self, attribute: str) -> dict[str, list[Drop]]:
        def make() -> dict[str, list[Drop]]:
            index: dict[str, list[Document]] = {}
            for post in self.content.posts.docs:
                for name in post.data.get(attribute) or []:
                    index.setdefault(name, []).append(post)
            drop = self.cache.drop
            return {name: [drop(p) for p in reversed(posts)] for name, posts in index.items()}

        return self._memoized(attribute, make)

    def liquid_get(self, key: Any) -> Any:
        if not isinstance(key, str):
            return None
        if key in self.extra:
            return self.extra[key]
        if key not in _SITE_COMPUTED and key not in self.content.collections:
            return self.config.get(key)  # site.baseurl, site.title …: read on every page, many times
        if key == "posts":
            return self._posts_newest_first()
        if key == "pages":
            return self._memoized("pages", lambda: [self.drop(p) for p in self.content.pages])
        if key == "html_pages":
            return self._memoized(
                "html_pages",
                lambda: [self.drop(p) for p in self.content.pages if p.is_html or p.url.endswith("/")],
            )
        if key == "static_files":
            return self._memoized("static_files", lambda: [self.drop(f) for f in self.content.static_files])
        if key == "tags":
            return self._by("tags")
        if key == "categories":
            return self._by("categories")
        if key == "data":
            return self.content.data
        if key == "time":
            return self.time
        if key == "documents":
            return self._memoized("documents", lambda: [self.drop(d) for d in self.content.documents()])
        if key == "collections":
            return self._memoized(
                "collections",
                lambda: [self.drop(c) for _label, c in sorted(self.content.collections.items())],
            )
        if key == "related_posts":
            current = self.current
            if isinstance(current, Document) and current.related is not None:
                return [self.drop(p) for p in current.related]
            return None
        if key in self.content.collections and key != "posts":
            return [self.drop(d) for d in self.content.collections[key].docs]
        return self.config.get(key)

    def liquid_has(self, key: Any) -> bool:
        return key in self.extra or key in self.config or key in (
            "posts", "pages", "html_pages", "static_files", "tags", "categories", "data", "time", "documents",
            "collections", "related_posts",
        )

    def liquid_keys(self) -> Iterable[str]:
        return list(self.config.keys())
