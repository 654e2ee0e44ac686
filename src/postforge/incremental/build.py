"""``postforge build -I``: render again only what changed since the last incremental build.

1. Compare the source files' mtimes and sizes, and the destination's files and folders, with
   the last build's (:mod:`.state`). Nothing changed: done, nothing is written.
2. The model: the last build's, with the changed files read into it (:mod:`.model`), or a full
   read when files were added or removed (the front matter of unchanged files is not parsed).
3. Which units (pages, documents) render: those whose own fingerprint changed, those that read
   something that changed (a field of a post, a listing such as ``site.posts``, a layout or
   include, ``site.data``, a plugin's ``site.*`` value), those whose output was damaged, and
   the few that must render every time (:mod:`.graph`). Documents first; what their render
   made (content, output, hook data) decides which pages follow. A unit that read another
   unit's rendered output makes, when it must render, the build render everything (documents)
   or every page; so does anything the graph cannot vouch for (no state, unknown plugins, a
   destination written twice).
4. Units not rendered get back what their hooks set last time (:mod:`.restore`).
5. The destination is updated in place (:mod:`postforge.inplace`): changed files only.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from postforge.incremental import state as store
from postforge.incremental.graph import Changed
from postforge.incremental.graph import affected
from postforge.incremental.graph import extras_fingerprints
from postforge.incremental.graph import reads_any
from postforge.incremental.graph import record_units
from postforge.incremental.graph import site_fingerprints
from postforge.incremental.graph import template_fingerprint
from postforge.incremental.graph import unit_fingerprint
from postforge.incremental.model import caching_reader
from postforge.incremental.model import move_site_time
from postforge.incremental.model import patch_model
from postforge.incremental.model import skipped_files
from postforge.incremental.output import OutputWriter
from postforge.incremental.preconvert import Preconverter
from postforge.incremental.preconvert import adopt_early
from postforge.incremental.restore import NeedsFullBuild
from postforge.incremental.restore import Restorer
from postforge.incremental.scan import Changes
from postforge.incremental.scan import diff_files
from postforge.incremental.scan import places_for
from postforge.incremental.scan import scan_sources
from postforge.incremental.snapshot import Snapshot
from postforge.inplace import stat_outputs
from postforge.reading import prefetch as prefetching
from postforge.reading.prefetch import candidates
from postforge.render.parallel import can_fork
from postforge.render.fingerprints import item_fingerprint
from postforge.render.tracking import EXTRA
from postforge.render.tracking import INCLUDE
from postforge.render.tracking import LAYOUT
from postforge.render.tracking import Recorder
from postforge.render.tracking import item_id
from postforge.render.units import has_rendered_made
from postforge.render.units import rendered_made
from postforge.workers import collection_paused

__all__ = ["IncrementalResult", "build_incremental", "SAFE_PLUGINS"]

#: built-in plugins whose hooks keep the contract the graph relies on
SAFE_PLUGINS = frozenset(
    f"postforge.plugins.{name}" for name in (
        "archives", "avatar", "default_layout", "feed", "github_metadata", "glossary", "jemoji", "mentions",
        "optional_front_matter", "paginate", "readme_index", "redirect_from", "relative_links", "seo", "sitemap",
        "titles_from_headings", "triage",
    )
)
#: files read into the kept model before it is saved again whole (each rebuild reads them again)
DIRTY_LIMIT = 64
#: plugins whose generators change items from other items: every document is compared each build
CROSS_ITEM_PLUGINS = frozenset({"postforge.plugins.relative_links"})


@dataclass
class IncrementalResult:
    """What an incremental build did."""

    content: Any = None
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    rendered: int = 0
    full: bool = False
    #: (pages, posts, static files) the site has
    counts: tuple[int, int, int] = (0, 0, 0)
    #: every output path the site has now (None when nothing was built)
    paths: list[str] | None = None


@dataclass
class _Run:
    """One incremental build's inputs, as found before rendering."""

    site: Any
    quick: store.Quick | None
    graph: store.Graph | None
    changes: Changes
    damaged: list[str]
    moved: list[str]
    full_read: bool
    #: a Sass partial changed: every Sass page compiles again (what it imports is not recorded)
    sass: bool = False
    #: the process converting Markdown since the read began, stopped just before the render
    converting: Preconverter | None = None
    #: the model as read, written by its process once the documents are rendered
    snapshot: Snapshot | None = None


def _plugins(site: Any) -> tuple[bool, bool]:
    """(every plugin is one the graph can vouch for, one of them changes items from others)."""
    modules = [getattr(module, "__name__", "") for _name, module in site.plugins.manager.list_name_plugin()]
    return all(name in SAFE_PLUGINS for name in modules), any(name in CROSS_ITEM_PLUGINS for name in modules)


def _moved_folders(destination: Path, folders: dict[str, int]) -> list[str]:
    """Destination folders whose entries changed since the build (a file added there, say)."""
    moved = []
    root = str(destination)
    prefix = root.rstrip(os.sep) + os.sep  # (joined by hand: os.path.join was a third of each check)
    for folder, mtime in folders.items():
        try:
            if os.stat(prefix + folder if folder else root).st_mtime_ns != mtime:
                moved.append(folder)
        except OSError:
            moved.append(folder)
    return moved


def build_incremental(site: Any) -> IncrementalResult:
    """Build ``site`` incrementally (with nothing changed, nothing is read or written)."""
    config, source, destination = site.config, site.source, site.destination
    cache = store.cache_dir(source)
    header = store.header(config, site.plugins.manager.list_name_plugin(), site.theme_root)
    quick = store.load(source, "quick")
    if quick is not None and quick.header != header:
        quick = None
    files = scan_sources(source, config, site.theme_root, skip=[destination, cache])
    changes = diff_files(quick.files if quick else {}, files)
    damaged: list[str] = []
    moved: list[str] = []
    if quick is not None:
        damaged = stat_outputs(destination, quick.outputs)
        moved = _moved_folders(destination, quick.folders)
        if not changes and not damaged and not moved and not quick.clock:
            return IncrementalResult(counts=quick.counts)
    # what they hold lives to the end of the build: frozen as it is loaded, or the collector's
    # next pass walks all of it (at 10,000 posts a million objects: 30 ms)
    with collection_paused(keep=True):
        graph = store.load(source, "graph") if quick is not None else None
        model = store.load(source, "model") if graph is not None else None
    if model is not None and (not isinstance(model, tuple) or model[3] != quick.model):
        model = None
    site_time = site.site_time()
    gc.freeze()  # what was loaded lives to the end: the collector need not walk it again and again
    try:
        return _build(site, files, header, quick, graph, model, changes, damaged, moved, site_time, force_full=False)
    except NeedsFullBuild:
        return _build(site, files, header, quick, graph, None, changes, damaged, moved, site_time, force_full=True)
    finally:
        gc.unfreeze()


def _places(site: Any) -> Any:
    return places_for(site.source, site.config, site.theme_root, list(site.sass.settings.get("load_paths") or []),
                      [str(site.source / "_config.yml")])


def _read(site: Any, model: Any, changes: Changes, quick: store.Quick | None, site_time: Any,
          files: dict[str, tuple[int, int]]) -> tuple[Any, Any, bool, Preconverter | None]:
    """The model for this build: the last one patched, or a full read. (content, reader, full read?,
    the process converting Markdown meanwhile, still running: the render stops it as late as it can)"""
    config, source = site.config, site.source
    memo = model[1] if model is not None else {}
    reader_class = caching_reader(memo, files)
    pinned = bool(config.get("time"))
    if model is not None and quick is not None and not changes.added and not changes.removed and not (
        quick.skipped and not pinned
    ):
        content, _memo, old_time, _token = model
        move_site_time(content, old_time, site_time)
        reader = reader_class(source, config, site_time=site_time, output_ext=site.converters.output_ext,
                              theme_root=site.theme_root)
        places = _places(site)
        # the model is the one of the last full read: files changed since then are read into it
        replaced = patch_model(content, changes.modified | quick.dirty, places.kind, reader, config, site.read_data,
                               str(site.theme_root) if site.theme_root else None)
        if replaced is not None:
            reader_class.parsed = {**memo, **reader_class.parsed}
            return content, reader_class, False, None
        reader_class = caching_reader(memo, files)
    converting = _preconverter(site, files)
    try:
        with collection_paused(keep=True):  # what is read lives to the end of the build
            content = site.read_source(site_time, reader=reader_class, files=list(files))
    except BaseException:
        if converting is not None:
            converting.finish()
        raise
    return content, reader_class, True, converting


def _preconverter(site: Any, files: dict[str, tuple[int, int]]) -> Preconverter | None:
    """A process converting Markdown while this one reads everything, where a core is free for it:
    the one the program started early, or a new one."""
    early = adopt_early(site)
    keys = []
    if site.markdown_cache is not None and site.jobs() >= 2 and can_fork():
        keys = candidates(str(site.source), site.config, list(files))
    if len(keys) < prefetching.MIN_DOCUMENTS:
        if early is not None:
            early.finish()
        return None
    return early or Preconverter.start(site, [relative for relative, _label, _draft in keys])


def _build(site: Any, files: dict[str, tuple[int, int]], header: dict[str, Any], quick: store.Quick | None,
           graph: store.Graph | None, model: Any, changes: Changes, damaged: list[str], moved: list[str],
           site_time: Any, *, force_full: bool) -> IncrementalResult:
    source = site.source
    content, reader_class, full_read, converting = _read(site, model, changes, quick, site_time, files)
    try:
        skipped = quick.skipped if not full_read and quick is not None else skipped_files(reader_class, content)
        dirty = frozenset() if full_read or quick is None else quick.dirty | changes.modified
        snapshot = token = None
        if full_read or len(dirty) > DIRTY_LIMIT:
            token, dirty = os.urandom(8).hex(), frozenset()
            snapshot = Snapshot.fork(store.cache_dir(source), (content, reader_class.parsed, site_time, token))
        # (asked only where the graph may spare pages: without one, every page renders anyway)
        sass = graph is not None and not force_full and any(_places(site).kind(path) == "sass" for path in changes.all)
        run = _Run(site, quick, None if force_full else graph, changes, damaged, moved, full_read, sass, converting,
                   snapshot)
        try:
            result, new_graph, outputs, folders = _render_and_write(run, content, site_time)
        except BaseException:
            if snapshot is not None:
                snapshot.discard()
            raise
    finally:
        if converting is not None:  # (the render stopped it, unless something failed before)
            converting.finish()
    if site.markdown_cache is not None:
        site.markdown_cache.flush()
        if result.full:  # every document converted: the shards of this build hold all that is in use
            site.markdown_cache.compact()
    store.forget(source, keep_model=snapshot is None)
    if snapshot is not None and not snapshot.commit():
        return result
    pinned = bool(site.config.get("time"))
    clock = not pinned and (bool(skipped) or _reads_time(new_graph) or _undated(content))
    store.save(source, "graph", new_graph)
    store.save(source, "quick", store.Quick(
        header, files, outputs, folders, skipped, clock=clock, counts=result.counts,
        model=token if token is not None else quick.model if quick is not None else "", dirty=dirty,
    ))
    return result


def _reads_time(graph: store.Graph) -> bool:
    return reads_any(graph, "S", "time")


def _undated(content: Any) -> bool:
    return any(
        doc.data.get("date") is None and not doc.draft for c in content.collections.values() for doc in c.docs
    )


def _render_and_write(run: _Run, content: Any, site_time: Any) -> tuple[IncrementalResult, store.Graph, Any, Any]:
    site = run.site
    site.finish_read(content)
    gc.freeze()  # the site lives to the end of the build (build_incremental unfreezes)
    recorder = Recorder()
    session = site.render_session(content, site_time, recorder=recorder, jobs=site.jobs(), fingerprints=True)
    session.frozen = True  # (the freeze above: the workers' render need not count what it holds)
    if site.markdown_cache is not None:
        session.after_chunk = site.markdown_cache.flush
    if run.converting is not None:  # converting while the parent prepares, up to the workers' fork
        session.before_render = run.converting.finish
    writer = OutputWriter(site)
    session.on_rendered = writer.rendered
    if writer.fresh is not None:  # a new destination: the render workers write their units' files
        session.write_in_workers = writer.in_worker
    try:
        return _render(run, content, site_time, session, writer, recorder)
    except BaseException:
        writer.abort()
        raise


def _render(run: _Run, content: Any, site_time: Any, session: Any, writer: OutputWriter,
            recorder: Recorder) -> tuple[IncrementalResult, store.Graph, Any, Any]:
    site, graph = run.site, run.graph
    safe, cross = _plugins(site)
    docs = [doc for collection in content.collections.values() for doc in collection.docs]
    pages = list(content.pages)
    items = {item_id(item): item for item in [*docs, *pages]}
    doc_ids = [item_id(doc) for doc in docs]
    page_ids = [item_id(page) for page in pages]
    new_site = site_fingerprints(content, site_time)
    extras_read = extras_fingerprints(site.liquid_site)
    full = graph is None or graph.conflicts or not safe
    changed = Changed()
    damaged_units = {graph.output_of.get(path) for path in run.damaged} if graph is not None else set()
    restorer = Restorer(session, None if full else graph, recorder)
    if full:
        render_docs = set(doc_ids)
    else:
        assert graph is not None
        _site_changes(changed, graph, new_site, extras_read, content, site)
        changed.items.update(rid for rid in graph.units if rid not in items)
        render_docs = {rid for rid in doc_ids if rid not in graph.units}
        for rid in _candidates(content, graph, run.changes, run.full_read or cross):
            unit = graph.units.get(rid)
            if unit is None or changed.fingerprint(rid, unit_fingerprint(unit), item_fingerprint(items[rid])):
                render_docs.add(rid)
        render_docs |= affected(graph, changed, "d")
        render_docs |= {rid for rid, unit in graph.units.items() if unit.phase == "d" and unit.volatile}
        render_docs |= {rid for rid in damaged_units if rid}
        render_docs &= set(doc_ids)
        if any(graph.units[rid].ordered for rid in render_docs if rid in graph.units):
            raise NeedsFullBuild("a document to render read another one's rendered content")
        restorer.replay([doc for doc, rid in zip(docs, doc_ids) if rid not in render_docs])
    session.render_documents([doc for doc, rid in zip(docs, doc_ids) if rid in render_docs], pages if full else ())
    if run.snapshot is not None:  # the workers are done: what is left here leaves a core to the snapshot
        run.snapshot.release()
    restorer.pages = True
    site.plugins.call("site_post_render_documents", site=site)
    if full:
        render_pages = set(page_ids)
    else:
        assert graph is not None
        for rid in render_docs:
            unit, result = graph.units.get(rid), session.results.get(rid)
            if unit is not None and result is not None:
                if has_rendered_made(unit.made):  # another unit read what it made: has that changed?
                    result.made = {**(result.made or {}), **rendered_made(items[rid])}
                changed.fingerprint(rid, unit.made, result.made)
        _extras_changes(changed, graph, extras_fingerprints(site.liquid_site))
        render_pages = {rid for rid in page_ids if rid not in graph.units}
        for page, rid in zip(pages, page_ids):
            unit = graph.units.get(rid)
            if unit is not None and changed.fingerprint(rid, unit_fingerprint(unit), item_fingerprint(page)):
                render_pages.add(rid)
        render_pages |= affected(graph, changed, "p")
        render_pages |= {rid for rid, unit in graph.units.items() if unit.phase == "p" and unit.volatile}
        render_pages |= {rid for rid in damaged_units if rid}
        if run.sass:
            render_pages |= {rid for page, rid in zip(pages, page_ids) if page.ext.lower() in (".scss", ".sass")}
        render_pages &= set(page_ids)
        if any(graph.units[rid].ordered for rid in render_pages if rid in graph.units):
            render_pages = set(page_ids)
        restorer.replay([page for page, rid in zip(pages, page_ids) if rid not in render_pages])
    session.render_pages([page for page, rid in zip(pages, page_ids) if rid in render_pages])
    site.plugins.call("site_post_render", site=site)
    extras_end = extras_fingerprints(site.liquid_site)
    unstable = {key for key in extras_read.keys() | extras_end.keys() if extras_read.get(key) != extras_end.get(key)}
    new_graph = graph if graph is not None and not full else store.Graph()
    for rid in [rid for rid in new_graph.units if rid not in items]:
        del new_graph.units[rid]
    phases = {rid: ("d" if rid.startswith("d:") else "p") for rid in session.results}
    written = writer.finish(content, run, session, new_graph, full)
    record_units(new_graph, session.results, phases, written.by_unit, unstable, lambda rid: rendered_made(items[rid]))
    new_graph.site = {**new_site, **{pair: template_fingerprint(pair, content.layouts, site.env)
                                     for pair in new_graph.templates}}
    new_graph.extras = {key: (value, key not in unstable) for key, value in extras_end.items()}
    new_graph.orders = {label: tuple(item_id(d) for d in c.docs) for label, c in content.collections.items()}
    result = IncrementalResult(
        content=content, written=written.stats.written, unchanged=written.stats.unchanged,
        removed=written.stats.removed, rendered=len(session.results), full=full, counts=written.counts(),
        paths=sorted(written.origins),
    )
    return result, new_graph, written.identities, written.folders


def _site_changes(changed: Changed, graph: store.Graph, new_site: dict[Any, int], extras: dict[str, int],
                  content: Any, site: Any) -> None:
    """Listings, ``site.data``, time, links, templates and plugin values that changed."""
    changed.site({k: v for k, v in graph.site.items() if not _template(k)}, new_site)
    for pair in graph.templates:
        if template_fingerprint(pair, content.layouts, site.env) != graph.site.get(pair):
            changed.pairs.add(pair)
    _extras_changes(changed, graph, extras)


def _template(key: Any) -> bool:
    return isinstance(key, tuple) and len(key) == 2 and key[0] in (LAYOUT, INCLUDE)


def _extras_changes(changed: Changed, graph: store.Graph, extras: dict[str, int]) -> None:
    for key in graph.extras.keys() | extras.keys():
        old = graph.extras.get(key)
        if old is None or (old[1] and extras.get(key) != old[0]):
            changed.pairs.add((EXTRA, key))


def _neighbours(order: tuple[str, ...]) -> dict[str, tuple[str | None, str | None]]:
    return {
        rid: (order[index - 1] if index else None, order[index + 1] if index + 1 < len(order) else None)
        for index, rid in enumerate(order)
    }


def _candidates(content: Any, graph: store.Graph, changes: Changes, everything: bool) -> set[str]:
    """The documents whose fingerprint may have changed: re-read ones, and ones with new neighbours."""
    found: set[str] = set()
    changed_paths = changes.all
    for label, collection in content.collections.items():
        order = tuple(item_id(doc) for doc in collection.docs)
        if everything:
            found.update(order)
            continue
        found.update(rid for rid, doc in zip(order, collection.docs) if doc.source_path in changed_paths)
        old = graph.orders.get(label)
        if old != order:
            before = _neighbours(old or ())
            found.update(rid for rid, around in _neighbours(order).items() if before.get(rid) != around)
    return found
