"""What an incremental build writes: the outputs of the units it rendered, changed static files,
and the removal of outputs no longer produced, through :func:`postforge.inplace.update_site`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from postforge.inplace import Update
from postforge.inplace import folders_above
from postforge.inplace import UpdateStats
from postforge.model.documents import Document
from postforge.model.urls import destination_for
from postforge.render.fingerprints import static_fingerprint
from postforge.pickling import dumps
from postforge.render.tracking import item_id
from postforge.writing import OutputFile
from postforge.writing import _warn_conflict

__all__ = ["Written", "OutputWriter", "outputs_of"]


@dataclass
class Written:
    stats: UpdateStats
    #: unit id → the destination paths it wrote
    by_unit: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: destination path → origin (source path), for every output the site has now
    origins: dict[str, str | None] = field(default_factory=dict)
    #: destination path → the unit or static file that wrote it
    owners: dict[str, str] = field(default_factory=dict)
    #: destination path → (size, mtime_ns)
    identities: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: destination folder → mtime_ns
    folders: dict[str, int] = field(default_factory=dict)

    def counts(self) -> tuple[int, int, int]:
        """(pages, posts, static files) the site has, as the build summary counts them."""
        posts = sum(1 for origin in self.origins.values() if origin and "_posts/" in origin)
        statics = sum(1 for path in self.origins if self.owners.get(path, "").startswith("s:"))
        return len(self.origins) - posts - statics, posts, statics


def outputs_of(site: Any, item: Any) -> list[OutputFile]:
    """The files one rendered page or document writes, as :meth:`Site.outputs` lists them."""
    if isinstance(item, Document):
        collection = site.content.collections.get(item.collection)
        if collection is None or not collection.output or not item.write or item.output is None:
            return []
        return [OutputFile(destination_for(item), item.output, origin=item.relative_path)]
    if item.output is None:
        return []
    path = destination_for(item)
    files = [OutputFile(path, item.output, origin=item.relative_path)]
    source_map = site.sass.maps.get(item.source_path)
    if source_map is not None:
        files.append(OutputFile(path + ".map", source_map, origin=item.relative_path))
    return files


def _ancestors(paths: Any) -> set[str]:
    """The folders above ``paths``, the destination itself (``""``) included."""
    return folders_above(paths) | {""}


class OutputWriter:
    """Writes outputs as units finish rendering; :meth:`finish` puts the rest in and commits."""

    def __init__(self, site: Any) -> None:
        self.site = site
        self.update = Update(site.destination, source=site.source, keep_files=list(site.config.get("keep_files") or []))
        #: destination path → the content staged for it (what a plugin changes later is staged again)
        self.sent: dict[str, Any] = {}

        #: where the destination is new: stages outputs from the render workers (see :meth:`in_worker`)
        self.fresh = self.update.fresh_writer()
        #: unit id → (its output, its output files) as staged when it was rendered
        self.produced: dict[str, tuple[Any, list[OutputFile]]] = {}
        #: id(unit) → (the unit, its id, its output, its output files, their paths), so that
        #: :meth:`finish` neither names the unit nor lists its paths again (the unit is held:
        #: its ``id`` stays its own)
        self.by_item: dict[int, tuple[Any, str, Any, list[OutputFile], tuple[str, ...]]] = {}

    def rendered(self, item: Any, result: Any = None) -> None:
        """Stage ``item``'s outputs, or take them as its render worker wrote them."""
        written = result.written if result is not None else None
        if written and len(written) == 1 and isinstance(item, Document):
            # a document has one output at most: the worker wrote it, so it is that file (the
            # worker's model is this one, forked; its render changed neither URL nor extension)
            produced = [OutputFile(written[0][0], item.output, origin=item.relative_path)]
        else:
            produced = outputs_of(self.site, item)
        found_at = {given: rest for given, *rest in written} if written else None
        for output in produced:
            found = found_at.get(output.relative_path) if found_at else None
            if found is None or not self.update.adopt(output, *found):
                self.update.put(output)
            self.sent[output.relative_path] = output.content
        self._keep(item, result.rid if result is not None else item_id(item), produced,
                   tuple(output.relative_path for output in produced))

    def _keep(self, item: Any, rid: str, produced: list[OutputFile], paths: tuple[str, ...]) -> None:
        self.produced[rid] = (item.output, produced)
        self.by_item[id(item)] = (item, rid, item.output, produced, paths)

    def outputs(self, item: Any, rid: str) -> list[OutputFile]:
        """:func:`outputs_of` ``item``, as :meth:`rendered` found them while its output is the same."""
        known = self.produced.get(rid)
        return known[1] if known is not None and known[0] is item.output else outputs_of(self.site, item)

    def in_worker(self, item: Any) -> tuple[tuple[str, str, tuple[int, int]], ...]:
        """In a render worker: write ``item``'s outputs into the new destination's staging folder
        (what could not be written is left for :meth:`rendered` to stage)."""
        assert self.fresh is not None
        written = []
        for output in outputs_of(self.site, item):
            found = self.fresh.write(output.relative_path, output.content)
            if found is not None:
                written.append((output.relative_path, *found))
        return tuple(written)

    def abort(self) -> None:
        self.update.abort()

    def finish(self, content: Any, run: Any, session: Any, graph: Any, full: bool) -> Written:
        """Stage what is left, commit; update ``graph``'s static files and output owners."""
        return _finish(self, content, run, session, graph, full)


def _finish(writer: OutputWriter, content: Any, run: Any, session: Any, graph: Any, full: bool) -> Written:
    site = writer.site
    old_graph, quick = run.graph, run.quick
    damaged = set(run.damaged)
    files: list[OutputFile] = []
    owners: dict[str, str] = {}
    origins: dict[str, str | None] = {}
    by_unit: dict[str, tuple[str, ...]] = {}
    conflicts: dict[str, list[str]] = {}

    def claim(path: str, rid: str, origin: str | None) -> None:
        if path in owners and owners[path] != rid:
            conflicts.setdefault(path, [origins[path] or path]).append(origin or path)
        owners[path] = rid
        origins[path] = origin

    items = [doc for c in content.collections.values() for doc in c.docs] + list(content.pages)
    by_item = writer.by_item
    for item in items:
        known = by_item.get(id(item))
        # a document as it was rendered (its id is its path, which no render changes)
        if known is not None and known[0] is item and isinstance(item, Document) and (
                item.output is not None and known[2] is item.output):
            _, rid, _, produced, paths = known
            files.extend(produced)
            by_unit[rid] = paths
            for output in produced:
                claim(output.relative_path, rid, output.origin)
            continue
        rid = item_id(item)
        if rid in session.results or item.output is not None:
            produced = writer.outputs(item, rid)
            files.extend(produced)
            by_unit[rid] = tuple(f.relative_path for f in produced)
            for output in produced:
                claim(output.relative_path, rid, output.origin)
        elif old_graph is not None and rid in old_graph.units:
            by_unit[rid] = old_graph.units[rid].outputs
            for path in by_unit[rid]:
                claim(path, rid, item.relative_path)
    statics: dict[str, tuple[bytes, str]] = {}
    for static in content.static_files:
        if not static.write or static.data.get("published", True) is False:
            continue
        rid = item_id(static)
        path = static.url.lstrip("/")
        fingerprint = dumps(static_fingerprint(static, os.stat(static.source_path)))
        statics[rid] = (fingerprint, path)
        old = old_graph.statics.get(rid) if old_graph is not None else None
        if full or old != (fingerprint, path) or path in damaged:
            files.append(OutputFile(path, source_path=static.source_path, origin=static.relative_path))
        claim(path, rid, static.relative_path)
    previous = set(quick.outputs) if quick is not None else set()
    removed = sorted(previous - owners.keys())
    sweep = [""] if quick is None or full else sorted(run.moved)
    last = {output.relative_path: output for output in files}  # two outputs on one path: the later one wins
    for output in last.values():
        if output.source_path is not None or writer.sent.get(output.relative_path) is not output.content:
            writer.update.put(output)
    stats = writer.update.commit(removed, expected=set(owners), sweep=sweep)
    for path, names in conflicts.items():
        _warn_conflict(site.destination, path, names)
    identities = {path: quick.outputs[path] for path in owners if quick is not None and path in quick.outputs}
    identities.update(stats.identities)
    root = os.path.join(str(site.destination), "")  # (paths below it by concatenation: 25,000 of them)
    for path in owners.keys() - identities.keys():
        st = os.stat(root + path)
        identities[path] = (st.st_size, st.st_mtime_ns)
    now = _ancestors(owners)
    folders = {f: m for f, m in quick.folders.items() if f in now} if quick is not None and not full else {}
    if folders:
        stale = (_ancestors([f.relative_path for f in files] + removed) | set(run.moved) | (now - folders.keys())) & now
    else:  # (nothing known: every folder is stale)
        stale = now
    for folder in stale:
        try:
            folders[folder] = os.stat(root + folder).st_mtime_ns
        except OSError:
            folders.pop(folder, None)
    graph.statics = statics
    graph.output_of = owners
    graph.conflicts = bool(conflicts)
    return Written(stats, by_unit, origins, owners, identities, folders)
