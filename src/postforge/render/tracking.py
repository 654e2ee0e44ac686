"""What each rendered page read: drops, layouts, includes and links that record every lookup.

Incremental builds (``-I``) and the parallel renderer need to know, for every page and document
rendered, what its output depends on. Templates reach the site only through the drops of
:mod:`postforge.model.drops`, so subclasses of those drops here note each key read, as
``(item id, key)`` pairs, into the :class:`Recorder`'s current unit: ``("d:_posts/x.md",
"title")`` for a post's title, ``("S", "posts")`` for the list ``site.posts``, ``("L", "post")``
for a layout used, ``("I", "sidebar.html")`` for an include. A key is recorded as the drop
names it; :mod:`postforge.incremental.fingerprints` maps it to the model values behind it.

Nothing here changes what a template sees: every value comes from the drops' own code.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any
from typing import Callable
from typing import Iterable
from typing import Iterator

from postforge.model.documents import Collection
from postforge.model.documents import Document
from postforge.model.documents import Excerpt
from postforge.model.documents import Page
from postforge.model.documents import StaticFile
from postforge.model.documents import item_id
from postforge.model.drops import CollectionDrop
from postforge.model.drops import DocumentDrop
from postforge.model.drops import ExcerptDrop
from postforge.model.drops import PageDrop
from postforge.model.drops import SiteDrop
from postforge.model.drops import StaticFileDrop
from postforge.model.drops import _Cache
from postforge.render.links import SiteLinks

__all__ = [
    "Recorder",
    "IncludeMemo",
    "TrackingSiteDrop",
    "TrackingLayouts",
    "TrackingLinks",
    "track_includes",
    "item_id",
    "SITE",
    "EXTRA",
    "LAYOUT",
    "INCLUDE",
]

#: item ids of what is not a page, document or file
SITE = "S"
EXTRA = "X"
LAYOUT = "L"
INCLUDE = "I"

#: reading these of another document gives what its render made, so the order of renders shows
RENDERED_KEYS = frozenset({"content", "output", "*str"})

Read = tuple[str, Any]


class Recorder:
    """The reads of the unit (page or document) being rendered, and of excerpts rendered on the way.

    ``current`` is the set reads go into (None: nothing is recorded). An excerpt renders once,
    inside whichever unit reads it first; its reads are kept so that every later reader of the
    same excerpt inherits them too. ``restore`` (incremental builds) renders a document that was
    not rendered in this build the moment a template asks for its content or output.
    """

    def __init__(self) -> None:
        self.current: set[Read] | None = None
        #: item id → reads made while rendering that document's excerpt
        self.excerpt_reads: dict[str, frozenset[Read]] = {}
        #: item ids of the excerpts rendered, in order
        self.rendered_excerpts: list[str] = []
        #: called with a document whose rendered content is asked for but not there yet
        self.restore: Callable[[Document], None] | None = None
        #: one tuple per distinct read, shared by every unit that makes it (smaller to pickle)
        self.pairs: dict[Read, Read] = {}

    @contextmanager
    def unit(self) -> Iterator[set[Read]]:
        """Record into a fresh set for the duration; the outer unit's set comes back after."""
        outer = self.current
        reads: set[Read] = set()
        self.current = reads
        try:
            yield reads
        finally:
            self.current = outer

    @contextmanager
    def paused(self) -> Iterator[None]:
        outer = self.current
        self.current = None
        try:
            yield
        finally:
            self.current = outer

    def read(self, rid: str, key: Any) -> None:
        current = self.current
        if current is not None:
            pair = (rid, key)
            current.add(self.pairs.setdefault(pair, pair))

    def merge(self, reads: Iterable[Read]) -> None:
        if self.current is not None:
            self.current.update(reads)


class TrackingCache(_Cache):
    """One recording drop per model object, and excerpts whose reads are remembered."""

    def __init__(self, render_excerpt: Callable[[Excerpt], str], recorder: Recorder) -> None:
        super().__init__(render_excerpt)
        self.recorder = recorder

    def new_drop(self, obj: Any) -> Any:
        if isinstance(obj, Document):
            return TDocumentDrop(obj, self)
        if isinstance(obj, Page):
            return TPageDrop(obj, self)
        if isinstance(obj, StaticFile):
            return TStaticFileDrop(obj, self.recorder)
        if isinstance(obj, Collection):
            return TCollectionDrop(obj, self)
        if isinstance(obj, Excerpt):
            return TExcerptDrop(obj, self)
        return None

    def excerpt_text(self, excerpt: Excerpt | None, data_excerpt: Any) -> Any:
        if excerpt is None:
            return data_excerpt
        recorder = self.recorder
        rid = item_id(excerpt.doc)
        if excerpt.output is None:
            with recorder.unit() as reads:
                excerpt.output = self.render_excerpt(excerpt)
            recorder.excerpt_reads[rid] = frozenset(reads)
            recorder.rendered_excerpts.append(rid)
        recorder.merge(recorder.excerpt_reads.get(rid, ()))
        return excerpt.output


def _restore(cache: TrackingCache, doc: Document) -> None:
    restore = cache.recorder.restore
    if restore is not None and not doc.converted:
        restore(doc)


def _pair(known: dict[Any, Read], recorder: Recorder, rid: str, key: Any) -> Read:
    """The interned ``(rid, key)`` read, remembered by the drop so its next read of ``key`` builds
    no tuple (templates read a post's url, title and date on every page that lists it).

    An unhashable key raises ``TypeError`` here exactly as interning it did before.
    """
    pair = (rid, key)
    pair = known[key] = recorder.pairs.setdefault(pair, pair)
    return pair


class TDocumentDrop(DocumentDrop):
    """A document's drop that notes each key read."""

    __slots__ = ("rid", "recorder", "known")

    def __init__(self, doc: Document, cache: TrackingCache) -> None:
        super().__init__(doc, cache)
        self.rid = item_id(doc)
        self.recorder = cache.recorder
        #: key → its interned read
        self.known: dict[Any, Read] = {}

    def liquid_get(self, key: Any) -> Any:
        current = self.recorder.current
        if current is not None:
            # not a try: a unit's own drop is new, so a dozen first reads a unit would each raise
            pair = self.known.get(key)
            if pair is None:
                pair = _pair(self.known, self.recorder, self.rid, key)
            current.add(pair)
        # the keys a listing row, a post's page and its links read, answered here as
        # DocumentDrop answers them: one call less
        doc = self.doc
        if key == "url":
            return doc.url
        if key == "title":
            return doc.data.get("title")
        if key == "date":
            return doc.date
        if key == "next":
            return self.cache.drop(doc.next)
        if key == "previous":
            return self.cache.drop(doc.previous)
        if key == "categories" or key == "tags":
            return doc.data.get(key)
        if key == "content" or key == "output":
            _restore(self.cache, doc)
        return _document_get(self, key)

    def liquid_has(self, key: Any) -> bool:
        self.cache.recorder.read(self.rid, key)
        return DocumentDrop.liquid_has(self, key)

    def liquid_keys(self) -> Iterable[str]:
        self.cache.recorder.read(self.rid, "*keys")
        return DocumentDrop.liquid_keys(self)

    def liquid_str(self) -> str:
        self.cache.recorder.read(self.rid, "*str")
        _restore(self.cache, self.doc)
        return DocumentDrop.liquid_str(self)


_document_get = DocumentDrop.liquid_get


class TExcerptDrop(ExcerptDrop):
    """``post.excerpt`` as a drop: its keys are the document's; printed, it is the excerpt."""

    __slots__ = ("rid",)

    def __init__(self, excerpt: Excerpt, cache: TrackingCache) -> None:
        super().__init__(excerpt, cache)
        self.rid = item_id(excerpt.doc)

    def liquid_get(self, key: Any) -> Any:
        self.cache.recorder.read(self.rid, key)
        if key == "content" or key == "output":
            _restore(self.cache, self.doc)
        return ExcerptDrop.liquid_get(self, key)

    def liquid_has(self, key: Any) -> bool:
        self.cache.recorder.read(self.rid, key)
        return ExcerptDrop.liquid_has(self, key)

    def liquid_keys(self) -> Iterable[str]:
        self.cache.recorder.read(self.rid, "*keys")
        return ExcerptDrop.liquid_keys(self)

    def liquid_str(self) -> str:
        self.cache.recorder.read(self.rid, "excerpt")
        return ExcerptDrop.liquid_str(self)


class TPageDrop(PageDrop):
    """A page's drop that notes each key read."""

    __slots__ = ("rid",)

    def __init__(self, page: Page, cache: TrackingCache, snapshot: str | None = None) -> None:
        super().__init__(page, cache, snapshot)
        self.rid = item_id(page)

    def liquid_get(self, key: Any) -> Any:
        self.cache.recorder.read(self.rid, key)
        return PageDrop.liquid_get(self, key)

    def liquid_has(self, key: Any) -> bool:
        self.cache.recorder.read(self.rid, key)
        return PageDrop.liquid_has(self, key)

    def liquid_keys(self) -> Iterable[str]:
        self.cache.recorder.read(self.rid, "*keys")
        return PageDrop.liquid_keys(self)


class TStaticFileDrop(StaticFileDrop):
    """A static file's drop that notes each key read."""

    __slots__ = ("rid", "recorder")

    def __init__(self, file: StaticFile, recorder: Recorder) -> None:
        super().__init__(file)
        self.rid = item_id(file)
        self.recorder = recorder

    def liquid_get(self, key: Any) -> Any:
        self.recorder.read(self.rid, key)
        return StaticFileDrop.liquid_get(self, key)

    def liquid_has(self, key: Any) -> bool:
        self.recorder.read(self.rid, key)
        return StaticFileDrop.liquid_has(self, key)

    def liquid_keys(self) -> Iterable[str]:
        self.recorder.read(self.rid, "*keys")
        return StaticFileDrop.liquid_keys(self)


class TCollectionDrop(CollectionDrop):
    """``site.collections`` entries: their lists of documents and files are what may change."""

    __slots__ = ("rid",)

    def __init__(self, collection: Collection, cache: TrackingCache) -> None:
        super().__init__(collection, cache)
        self.rid = item_id(collection)

    def liquid_get(self, key: Any) -> Any:
        self.cache.recorder.read(self.rid, key)
        return CollectionDrop.liquid_get(self, key)

    def liquid_str(self) -> str:
        self.cache.recorder.read(self.rid, "*str")
        for doc in self.collection.docs:
            _restore(self.cache, doc)
        return CollectionDrop.liquid_str(self)


#: ``site`` keys computed from the model, read as ``(SITE, key)``; everything else but collections
#: comes from the configuration
_SITE_READS = frozenset(
    {"posts", "pages", "html_pages", "static_files", "tags", "categories", "data", "time", "documents", "collections",
     "related_posts"}
)


class TrackingSiteDrop(SiteDrop):
    """``site`` with recording drops: ``site.posts`` is the read ``("S", "posts")`` …

    Configuration keys are not recorded: a configuration change rebuilds everything anyway.
    """

    __slots__ = ("recorder", "known")

    def __init__(self, content: Any, config: dict[str, Any], time: Any, render_excerpt: Any, recorder: Recorder) -> None:
        super().__init__(content, config, time, render_excerpt)
        self.recorder = recorder
        self.cache = TrackingCache(render_excerpt, recorder)
        #: key → its interned read, for the keys of :data:`_SITE_READS`
        self.known: dict[str, Read] = {}

    def page_payload(self, obj: Any) -> Any:
        if isinstance(obj, Page):
            return TPageDrop(obj, self.cache, obj.content)  # type: ignore[arg-type]
        return self.cache.drop(obj)

    def liquid_get(self, key: Any) -> Any:
        if isinstance(key, str):
            if key in self.extra:
                self.recorder.read(EXTRA, key)
            elif key in _SITE_READS:
                current = self.recorder.current
                if current is not None:
                    try:
                        pair = self.known[key]
                    except KeyError:
                        pair = _pair(self.known, self.recorder, SITE, key)
                    current.add(pair)
            elif key in self.content.collections:
                if key != "posts":
                    self.recorder.read(SITE, "collection:" + key)
            else:
                # a configuration key (``site.baseurl`` on every relative_url): nothing to note,
                # and SiteDrop's answer is the configuration's
                return self.config.get(key)
        return SiteDrop.liquid_get(self, key)

    def liquid_has(self, key: Any) -> bool:
        if isinstance(key, str) and key in self.extra:
            self.recorder.read(EXTRA, key)
        return SiteDrop.liquid_has(self, key)


class TrackingLayouts(dict):  # type: ignore[type-arg]
    """The layouts by name, noting each one a render looks up."""

    def __init__(self, layouts: dict[str, Any], recorder: Recorder) -> None:
        super().__init__(layouts)
        self.recorder = recorder

    def get(self, name: Any, default: Any = None) -> Any:
        self.recorder.read(LAYOUT, name)
        return dict.get(self, name, default)


class TrackingLinks(SiteLinks):
    """``{% link %}`` and ``{% post_url %}`` depend on every file's path and URL: one read for all."""

    def __init__(self, content: Any, env: Any, recorder: Recorder) -> None:
        super().__init__(content, env)
        self.recorder = recorder

    def __call__(self, kind: str, target: str, ctx: Any) -> str:
        self.recorder.read(SITE, "links")
        return super().__call__(kind, target, ctx)


_UNSEEN = object()


class IncludeMemo:
    """Includes rendered once per process and build, for every page that includes them.

    An include whose output depends on ``site`` alone (``Template.free_names``: a sidebar of the
    newest posts, a footer) gives every page the same text, if what it reads of the site stays
    the same while the build renders. Its first render shows what it read: another document's
    rendered content or output (those change as documents render), ``site.related_posts`` (the
    page's own) or a plugin's ``site`` value (which its hooks may change) make it render anew on
    every page, as without the memo. Otherwise later pages take its text and record its reads as
    their own, so every page's recorded reads are what its own render would have recorded; the
    names of the ``for`` loops it ran are set as its render set them (for an ``offset:
    continue`` after it).

    Only for a build whose plugins run nothing between renders (no document hooks, no
    ``site_post_render_documents``): a hook may change what a kept text showed.
    """

    def __init__(self, recorder: Recorder, site: Any) -> None:
        self.recorder = recorder
        self.site = site
        #: template → (text, reads, loop offsets), or None: rendered on every page
        self.kept: dict[Any, tuple[str, frozenset[Read], dict[str, int]] | None] = {}

    def __call__(self, template: Any, ctx: Any, scope: dict[str, Any], render: Callable[[], str]) -> str:
        kept = self.kept.get(template, _UNSEEN)
        if kept is None or "site" in scope or ctx.get("site") is not self.site:  # (a page's own ``site``)
            return render()
        if kept is not _UNSEEN:
            text, reads, offsets = kept  # type: ignore[misc]
            self.recorder.merge(reads)
            if offsets:
                ctx.for_offsets.update(offsets)
            return text  # type: ignore[no-any-return]
        if not template.free_names <= {"site"}:
            self.kept[template] = None
            return render()
        outer_offsets = ctx.for_offsets
        ctx.for_offsets = {}  # (the include never reads them: it has no ``offset: continue``)
        try:
            with self.recorder.unit() as reads:
                text = render()
        finally:
            offsets, ctx.for_offsets = ctx.for_offsets, outer_offsets
            outer_offsets.update(offsets)
        self.recorder.merge(reads)
        steady = not any(key in RENDERED_KEYS or owner == EXTRA for owner, key in reads)
        self.kept[template] = (text, frozenset(reads), offsets) if steady and (SITE, "related_posts") not in reads else None
        return text


def track_includes(env: Any, recorder: Recorder) -> None:
    """Make ``env`` note every include a render uses (``include_relative`` by its folder too).

    The environment caches compiled includes by name, so the lookup, not the file read, is
    what is recorded: it happens on every use.
    """
    lookup = type(env).get_include

    def get_include(file: str, ctx: Any, relative: bool) -> Any:
        template = lookup(env, file, ctx, relative)
        if relative:
            folder = ctx.registers.get("page_dir")
            recorder.read(INCLUDE, ("relative", folder or "", file))
        else:
            recorder.read(INCLUDE, file)
        return template

    env.get_include = get_include
