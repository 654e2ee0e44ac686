"""The dependency graph: what each unit read, recorded after a build and queried by the next.

After a build, :func:`record_units` turns the render results into :class:`~.state.Unit`
records: the reads of other items and of the site, as stable hashes of ``(item id, drop key)``
pairs (:func:`~postforge.render.units.read_hash`, computed by the worker that rendered the unit);
whether the unit depends on the order of renders; its fingerprint. The next build finds what
changed as such pairs (:class:`Changed`) and :func:`affected` returns the units that read any.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Callable
from typing import Iterable

from postforge.render.fingerprints import digest
from postforge.render.fingerprints import hash_text
from postforge.render.fingerprints import drop_keys
from postforge.pickling import dumps
from postforge.pickling import loads
from postforge.render.tracking import LAYOUT
from postforge.render.tracking import SITE
from postforge.render.tracking import item_id
from postforge.render.units import ReadSummary
from postforge.render.units import UnitResult
from postforge.render.units import has_rendered_made
from postforge.render.units import owner_hash
from postforge.render.units import read_hash
from postforge.render.units import summarize
from postforge.incremental.state import Graph
from postforge.incremental.state import Unit

__all__ = ["site_fingerprints", "template_fingerprint", "extras_fingerprints", "record_units", "Changed", "affected"]


def _text_digest(parts: Iterable[str]) -> int:
    """A digest of strings in order (ids, paths, URLs: no value contains the separators)."""
    return hash_text("\x00".join(parts))


def _ids(items: Iterable[Any]) -> int:
    return _text_digest(item_id(item) for item in items)


def site_fingerprints(content: Any, site_time: Any) -> dict[Any, int]:
    """The site-wide values templates read (``site.posts``, ``site.tags`` …), as the drop shows them."""
    posts = content.posts.docs
    post_ids = [item_id(post) for post in posts]
    by: dict[str, dict[str, list[str]]] = {"tags": {}, "categories": {}}
    for post, rid in zip(posts, post_ids):
        for attribute, index in by.items():
            for name in post.data.get(attribute) or ():
                index.setdefault(str(name), []).append(rid)
    fp: dict[Any, int] = {
        "posts": _text_digest(post_ids),
        "tags": _text_digest(name + "\x01" + "\x00".join(ids) for name, ids in by["tags"].items()),
        "categories": _text_digest(name + "\x01" + "\x00".join(ids) for name, ids in by["categories"].items()),
        "pages": _ids(content.pages),
        "html_pages": _ids(p for p in content.pages if p.is_html or p.url.endswith("/")),
        "static_files": _ids(content.static_files),
        "documents": _ids(content.documents()),
        "collections": digest(sorted(content.collections)),
        "data": digest(content.data),
        "time": digest(site_time),
        "related_posts": _text_digest(post_ids[-11:]),
        "links": _text_digest(
            [f"{p.relative_path}\x01{p.url}" for p in content.pages]
            + [f"{f.relative_path}\x01{f.url}" for f in content.static_files]
            + [f"{d.relative_path}\x01{d.url}" for c in content.collections.values() if c.output for d in c.docs]
        ),
    }
    for label, collection in content.collections.items():
        fp["collection:" + label] = _ids(collection.docs)
        fp[("c", label, "docs")] = fp["collection:" + label]
        fp[("c", label, "files")] = _ids(collection.files)
    return fp


def template_fingerprint(key: tuple[str, Any], layouts: dict[str, Any], env: Any) -> int:
    """A layout (``("L", name)``) or include (``("I", file)``) as it would be used now."""
    kind, name = key
    if kind == LAYOUT:
        layout = layouts.get(str(name)) if name is not None else None
        if layout is None:
            return digest(None)
        return digest((layout.path, layout.content, layout.data, layout.line_offset))
    try:
        if isinstance(name, tuple):
            _, folder, file = name
            return digest(env.loader.get_source(file, folder))
        return digest(env.loader.get_source(name, None))
    except Exception as error:  # noqa: BLE001 - a missing include is a state too
        return digest(("missing", type(error).__name__))


def extras_fingerprints(extras: dict[str, Any]) -> dict[str, int]:
    return {key: digest(value) for key, value in extras.items()}


def _hook_keys(results: dict[str, UnitResult], graph: Graph) -> dict[str, set[str]]:
    """For each unit whose hooks changed its data (this build or, if not rendered, the last), those keys."""
    found: dict[str, set[str]] = {}
    for rid, result in results.items():
        keys = set(result.hook_data) | set(result.hook_removed)
        if keys:
            found[rid] = {str(k) for k in keys}
    for rid, unit in graph.units.items():
        if rid not in results and unit.made:
            keys = {key[1:] for key in unit.made if key.startswith("=")}
            if keys:
                found[rid] = keys
    return found


def _ordered(rid: str, phase: str, result: UnitResult, summary: ReadSummary, hooked: dict[str, set[str]],
             all_hooked: set[str]) -> bool:
    """Whether the unit read what another unit's render made (so the order of renders shows)."""
    if not summary.rendered and not all_hooked:  # (most units: nothing else to look at)
        return False
    counts = (lambda owner: True) if phase == "d" else (lambda owner: owner.startswith("p:"))
    if any(counts(owner) for owner in summary.rendered):
        return True
    if not all_hooked or not (summary.other_keys & (all_hooked | {"*keys", "excerpt"})):
        return False
    for owner, key in result.reads or ():
        keys = hooked.get(owner)
        if owner != rid and keys and counts(owner) and (key in keys or key in ("*keys", "excerpt")):
            return True
    return False


def record_units(
    graph: Graph,
    results: dict[str, UnitResult],
    phases: dict[str, str],
    outputs: dict[str, tuple[str, ...]],
    unstable: set[str],
    made_of: Callable[[str], dict[str, int]],
) -> None:
    """Store the units rendered (their ``results``) in ``graph``, replacing their old records.

    ``made_of(rid)``: the digests of what unit ``rid``'s render made (``units.rendered_made``),
    kept for the units another unit reads them of: one rendered now, or one whose last record
    kept them (a unit not rendered again still reads what it read)."""
    hooked = _hook_keys(results, graph)
    all_hooked = set().union(*hooked.values()) if hooked else set()
    summaries = {rid: result.summary if result.summary is not None else summarize(rid, result.reads or frozenset())
                 for rid, result in results.items()}
    read = set().union(*(summary.rendered for summary in summaries.values()))
    for rid, result in results.items():
        phase = phases[rid]
        summary = summaries[rid]
        made = result.made or {}
        if not has_rendered_made(made):
            old = graph.units.get(rid)
            if rid in read or (old is not None and has_rendered_made(old.made)):
                made = {**made, **made_of(rid)}
        volatile = result.pre_render_changed or summary.collection_output or bool(summary.extras & unstable)
        hook = None
        if result.hook_data or result.hook_removed:
            try:
                hook = dumps((result.hook_data, result.hook_removed))
            except Exception:  # noqa: BLE001 - cannot be replayed: render it every time
                volatile = True
        graph.templates |= summary.templates
        graph.units[rid] = Unit(
            phase=phase,
            reads=summary.ids,
            outputs=outputs.get(rid, ()),
            fingerprint=result.fingerprint if result.fingerprint is not None else dumps({}),
            made=made,
            hook_data=hook,
            volatile=volatile,
            ordered=_ordered(rid, phase, result, summary, hooked, all_hooked),
        )


@dataclass
class Changed:
    """What changed, as the ``(item id, drop key)`` pairs templates read."""

    pairs: set[tuple[str, Any]] = field(default_factory=set)
    #: items gone or new: every key of theirs changed
    items: set[str] = field(default_factory=set)

    def fingerprint(self, rid: str, old: dict[str, int] | None, new: dict[str, int] | None) -> bool:
        """Add the pairs a fingerprint change shows; True when anything differs."""
        if old == new:
            return False
        if old is None or new is None:
            self.items.add(rid)
            return True
        for key in old.keys() | new.keys():
            if old.get(key) != new.get(key):
                for drop_key in drop_keys(rid, key):
                    self.pairs.add((rid, drop_key))
        return True

    def site(self, old: dict[Any, int], new: dict[Any, int]) -> None:
        for key in old.keys() | new.keys():
            if old.get(key) != new.get(key):
                if isinstance(key, tuple) and key[0] == "c":
                    self.pairs.add(("c:" + key[1], key[2]))
                else:
                    self.pairs.add((SITE, key))


def affected(graph: Graph, changed: Changed, phase: str) -> set[str]:
    """The units of ``phase`` that read anything in ``changed``."""
    wanted = {read_hash(owner, key) for owner, key in changed.pairs} | {owner_hash(rid) for rid in changed.items}
    if not wanted:
        return set()
    return {rid for rid, unit in graph.units.items() if unit.phase == phase and not wanted.isdisjoint(unit.reads)}


def reads_any(graph: Graph, owner: str, key: Any) -> bool:
    """Whether any unit read ``(owner, key)``."""
    number = read_hash(owner, key)
    return any(number in unit.reads for unit in graph.units.values())


def unit_fingerprint(unit: Unit) -> dict[str, int]:
    return loads(unit.fingerprint)


__all__ += ["unit_fingerprint", "reads_any"]
