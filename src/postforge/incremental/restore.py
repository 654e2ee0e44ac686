"""Units an incremental build does not render, brought back to what the last build made of them.

A page or document that is not rendered again keeps its output file, but other units may read
it: the ``data`` its plugin hooks set (``page.triage``, ``page.glossary``, which the sheets
and site-wide lists are built from) is replayed from the graph (:meth:`Restorer.replay`), and
when a template asks for its rendered content or output, it is rendered on the spot, from its
own data as read (:meth:`Restorer.render_now`), as a full build would have rendered it.
"""

from __future__ import annotations

from typing import Any

from postforge.pickling import loads
from postforge.render.tracking import Recorder
from postforge.render.tracking import item_id

__all__ = ["Restorer", "NeedsFullBuild"]

_MISSING = object()


class NeedsFullBuild(BaseException):
    """A unit not rendered is needed in a state only a render in Jekyll's order can give.

    A ``BaseException``, so that it passes through the Liquid engine's error handling."""


class Restorer:
    """Replays hook data into units not rendered, and renders one when its content is read."""

    def __init__(self, session: Any, graph: Any, recorder: Recorder) -> None:
        self.session = session
        self.graph = graph
        #: item id → the values replayed keys had before (restored before a render on the spot)
        self.saved: dict[str, dict[str, Any]] = {}
        #: documents are all rendered: one read now is as a full build shows it to pages
        self.pages = False
        if graph is not None:  # a full build renders everything in order: nothing to restore
            recorder.restore = self.render_now

    def replay(self, items: list[Any]) -> None:
        """Give each unit not rendered the data its hooks set in the last build."""
        if self.graph is None:
            return
        for item in items:
            rid = item_id(item)
            unit = self.graph.units.get(rid)
            if unit is None or unit.hook_data is None:
                continue
            values, removed = loads(unit.hook_data)
            data = item.data
            self.saved[rid] = {key: data.get(key, _MISSING) for key in [*values, *removed]}
            for key in removed:
                data.pop(key, None)
            data.update(values)

    def render_now(self, doc: Any) -> None:
        """A template reads a document's content or output that this build did not render."""
        rid = item_id(doc)
        if rid in self.session.results or doc.converted:
            return
        unit = self.graph.units.get(rid) if self.graph is not None else None
        if not self.pages or (unit is not None and unit.ordered):
            raise NeedsFullBuild(rid)
        for key, value in self.saved.pop(rid, {}).items():
            if value is _MISSING:
                doc.data.pop(key, None)
            else:
                doc.data[key] = value
        site_drop = self.session.renderer.site
        current = site_drop.current
        try:
            self.session.render_one(doc)
        finally:
            site_drop.current = current
