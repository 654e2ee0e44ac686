"""One build's rendering: collection documents (across processes when asked), then pages.

The order is Jekyll's: every collection's documents, then every page; a page sees every
document rendered. :class:`RenderSession` renders a list of documents with ``jobs`` worker
processes (:mod:`postforge.render.parallel`) or in this one, and pages here, in order.

When no plugin hook runs between or around renders, the workers also render the pages once
every document is handed out, ahead of their turn. A worker has only its own share of the
documents rendered, so such a page is taken only when its reads show it looked at no rendered
content or output of another page or document: then what it read is the same in any process,
and so is its output. Any other page is rendered here, in its turn.
With a :class:`~postforge.render.units.UnitRenderer` it keeps each unit's
:class:`~postforge.render.units.UnitResult` (what it read, what its hooks changed), which
incremental builds store.
"""

from __future__ import annotations

from typing import Any
from typing import Callable
from typing import Sequence

from postforge.model.documents import Convertible
from postforge.model.documents import Document
from postforge.render.parallel import first_unsafe
from postforge.render.parallel import render_in_workers
from postforge.render.pipeline import Renderer
from postforge.render.tracking import item_id
from postforge.render.units import UnitRenderer
from postforge.render.units import UnitResult
from postforge.render.units import apply_result

__all__ = ["RenderSession"]


class RenderSession:
    """Renders documents and pages through one :class:`Renderer`, recording units if asked."""

    def __init__(
        self,
        renderer: Renderer,
        units: UnitRenderer | None = None,
        *,
        jobs: int = 1,
        site_state: Callable[[], Any] | None = None,
        find_excerpt: Callable[[str], Any] | None = None,
    ) -> None:
        self.renderer = renderer
        self.units = units
        self.jobs = jobs
        self.site_state = site_state
        #: item id → excerpt, for excerpts workers rendered
        self.find_excerpt = find_excerpt or (lambda rid: None)
        #: item id → result, for every unit rendered with a unit renderer
        self.results: dict[str, UnitResult] = {}
        #: how many documents worker results were taken for (the rest rendered here)
        self.from_workers = 0
        #: called with each unit once it is rendered (here or in a worker), e.g. to write it, and its
        #: result (None without a unit renderer)
        self.on_rendered: Callable[[Convertible, UnitResult | None], None] | None = None
        #: called in a worker with each unit it rendered, to write its outputs there; what it
        #: returns is the result's ``written``
        self.write_in_workers: Callable[[Convertible], tuple[Any, ...]] | None = None
        #: called in a worker after each chunk of documents (to save what it learnt)
        self.after_chunk: Callable[[], None] | None = None
        #: whether workers may render pages ahead of their turn (no hook could tell the difference)
        self.pages_early = False
        #: item id → a page's result from a worker, taken in :meth:`render_pages` when safe
        self.early: dict[str, UnitResult] = {}
        #: how many pages worker results were taken for
        self.pages_from_workers = 0
        #: whether the caller holds a :func:`gc.freeze` over the whole render (None: unknown, the
        #: workers' render finds out, at a cost per object frozen)
        self.frozen: bool | None = None
        #: called once, as late as can be before the first document renders (here, or in workers
        #: forked next), e.g. to load what a process converted meanwhile
        self.before_render: Callable[[], None] | None = None

    def render_one(self, item: Convertible) -> None:
        result = None
        if self.units is None:
            self.renderer.render(item)
        else:
            result = self.units(item)
            self.results[result.rid] = result
        if self.on_rendered is not None:
            self.on_rendered(item, result)

    def render_documents(self, docs: Sequence[Document], pages: Sequence[Convertible] = ()) -> None:
        """Render ``docs`` in order, as one process would, using worker processes when it pays.

        ``pages`` are the pages :meth:`render_pages` will render next, which the workers may
        render ahead (see the module's docstring)."""
        start = 0
        if self.units is not None and self.jobs > 1 and len(docs) >= 2 * self.jobs:
            ahead = [page for page in pages if not self._side_outputs(page)] if self.pages_early else []
            start = self._render_in_workers(docs, ahead)
        else:
            self._ready()
        for doc in docs[start:]:
            self.render_one(doc)

    def _ready(self) -> None:
        ready, self.before_render = self.before_render, None
        if ready is not None:
            ready()

    def _side_outputs(self, item: Convertible) -> bool:
        """Whether converting ``item`` leaves something besides its result on the converter (a
        Sass source map), which a worker's result would not bring back."""
        return bool(getattr(self.renderer.converters.for_ext(item.ext), "side_outputs", False))

    def _render_in_workers(self, docs: Sequence[Document], pages: Sequence[Convertible]) -> int:
        """Take worker results while they are safe; returns how many were taken."""
        assert self.units is not None
        recorder = self.units.recorder
        positions = _Positions(docs)
        changed: dict[str, frozenset[str]] = {}
        hooked: set[str] = set()
        taken = 0
        self.renderer.prepare()
        self._ready()
        results = render_in_workers(docs, self.units, self.jobs, site_state=self.site_state,
                                    after_chunk=self.after_chunk, write=self.write_in_workers, then=pages,
                                    frozen=self.frozen)
        try:
            for index, result in results:
                if index >= len(docs):
                    if result is None:
                        break
                    self.early[result.rid] = result
                    continue
                if result is None or first_unsafe(index, result, positions, changed, hooked):
                    break
                apply_result(docs[index], result, recorder, self.find_excerpt)
                if result.hook_data or result.hook_removed:
                    changed[result.rid] = frozenset(result.hook_data) | frozenset(result.hook_removed)
                    hooked |= changed[result.rid]
                self.results[result.rid] = result
                taken = index + 1
                if self.on_rendered is not None:
                    self.on_rendered(docs[index], result)
        finally:
            results.close()
        self.from_workers = taken
        return taken

    def render_pages(self, pages: Sequence[Convertible], *, record: bool = True) -> None:
        """Render ``pages`` in order (recorded as units unless ``record`` is false), taking a
        worker's result for a page where it is safe."""
        early, self.early = self.early, {}
        for page in pages:
            result = early.pop(item_id(page), None) if early else None
            if result is not None and _taken_early(result):
                assert self.units is not None
                apply_result(page, result, self.units.recorder, self.find_excerpt)
                self.pages_from_workers += 1
                if record:
                    self.results[result.rid] = result
                if self.on_rendered is not None:
                    self.on_rendered(page, result)
            elif record:
                self.render_one(page)
            else:
                self.renderer.render(page)
                if self.on_rendered is not None:
                    self.on_rendered(page, None)


class _Positions(dict):  # type: ignore[type-arg]
    """Document id → index, made when first asked: only a result that read another document
    asks, and making it before the workers are forked held them up (1 ms at 1,000 posts)."""

    def __init__(self, docs: Sequence[Document]) -> None:
        super().__init__()
        self.docs: Sequence[Document] | None = docs

    def get(self, rid: str, default: int | None = None) -> int | None:  # type: ignore[override]
        if self.docs is not None:
            self.update({item_id(doc): index for index, doc in enumerate(self.docs)})
            self.docs = None
        return dict.get(self, rid, default)


def _taken_early(result: UnitResult) -> bool:
    """Whether a page a worker rendered ahead of its turn shows the same as one rendered here:
    it read nothing another render makes (content, output) and no hook changed anything."""
    summary = result.summary
    return (
        result.reads is not None and summary is not None and not summary.rendered
        and not summary.collection_output and not result.pre_render_changed
        and not result.hook_data and not result.hook_removed
    )
