"""One page or document rendered as a *unit*: its results and what it read, in one picklable record.

A worker process renders documents and sends these back; an incremental build stores them.
What a unit's render changed on the model is exactly: the document's ``content`` (converted),
``converted``, ``output``, its excerpt's output, and the ``data`` keys that plugin hooks set
(the hook contract, :mod:`postforge.hooks`, allows nothing else). :func:`apply_result` makes
those changes on another copy of the model, so the parent ends as if it had rendered the
document itself.
"""

from __future__ import annotations

import pickle
import sys
from array import array
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Callable
from typing import Iterable

from postforge.model.documents import Convertible
from postforge.render.fingerprints import digest
from postforge.render.fingerprints import hash_bytes
from postforge.render.fingerprints import hash_text
from postforge.render.fingerprints import item_fingerprint
from postforge.render.tracking import EXTRA
from postforge.render.tracking import INCLUDE
from postforge.render.tracking import LAYOUT
from postforge.render.tracking import RENDERED_KEYS
from postforge.render.tracking import Read
from postforge.render.tracking import Recorder
from postforge.render.tracking import item_id

__all__ = ["UnitResult", "UnitRenderer", "ReadSummary", "apply_result", "summarize", "read_hash", "owner_hash",
           "rendered_made", "has_rendered_made"]

_MISSING = object()
_pickle_dumps = pickle.dumps
_PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass
class UnitResult:
    """What rendering one page or document produced and read."""

    rid: str
    content: str
    output: str | None
    #: data keys the hooks set or changed, with their new values
    hook_data: dict[str, Any] = field(default_factory=dict)
    #: data keys the hooks removed
    hook_removed: tuple[str, ...] = ()
    #: a ``document_pre_render`` hook changed the unit's data (from what, nobody can tell)
    pre_render_changed: bool = False
    #: what the render read, as ``(item id, drop key)`` pairs (None when not recorded)
    reads: frozenset[Read] | None = None
    #: excerpts of other documents rendered on the way: item id → (output, their reads)
    excerpts: dict[str, tuple[str, frozenset[Read]]] = field(default_factory=dict)
    #: the fingerprint before rendering, pickled as the dependency graph keeps it (incremental
    #: builds: a worker pickles it, where the parent, which only stores it, would)
    fingerprint: bytes | None = None
    #: fingerprints of what the render made (incremental builds): the hooks' changes (``=KEY``),
    #: and ``~converted``, ``~output`` once some unit is known to read them (:func:`rendered_made`)
    made: dict[str, int] | None = None
    #: the reads as an incremental build keeps them (:func:`summarize`; incremental builds)
    summary: ReadSummary | None = None
    #: what a worker wrote of the unit's outputs itself: (destination path, the path as written,
    #: (size, mtime_ns)) each
    written: tuple[tuple[str, str, tuple[int, int]], ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # Workers pickle one per unit: the values in order, without the field names of ``__dict__``,
        # and the summary's among them (one object and one call fewer to pickle, per unit)
        summary = self.summary
        if type(summary) is ReadSummary and type(self) is UnitResult:
            ids = summary.ids
            if ids is None or (type(ids) is array and ids.typecode == "Q"):
                return _unit_result, (self.rid, self.content, self.output, self.hook_data, self.hook_removed,
                                      self.pre_render_changed, self.reads, self.excerpts, self.fingerprint,
                                      self.made, self.written, None if ids is None else ids.tobytes(),
                                      summary.other_keys, summary.rendered, summary.extras, summary.templates,
                                      summary.collection_output)
        return type(self), (self.rid, self.content, self.output, self.hook_data, self.hook_removed,
                            self.pre_render_changed, self.reads, self.excerpts, self.fingerprint, self.made,
                            summary, self.written)


@dataclass
class ReadSummary:
    """What a unit read, in the compact form the dependency graph keeps.

    ``ids`` are stable 64-bit hashes (:func:`read_hash`) of each read of another item or of the
    site, and of each other item read at all (:func:`owner_hash`, so that a deleted item finds
    its readers): None where no dependency graph is kept (a build that is not incremental), so
    that nothing takes an absent list for an empty one. The rest answers, without going through
    every read, whether the unit depends on the order of renders."""

    ids: array | None  # type: ignore[type-arg]
    #: drop keys read from other pages and documents
    other_keys: frozenset[str]
    #: other pages and documents whose rendered content or output was read
    rendered: frozenset[str]
    #: plugin ``site.*`` keys read
    extras: frozenset[str]
    #: layouts and includes used, as ``(kind, name)``
    templates: frozenset[tuple[str, Any]]
    #: it printed a whole collection (every document's output)
    collection_output: bool = False

    def __reduce__(self) -> tuple[Any, ...]:
        ids = self.ids
        if type(ids) is array and ids.typecode == "Q" and type(self) is ReadSummary:
            # the numbers as one string of bytes: an array pickles through a reconstructor call
            return _summary, (ids.tobytes(), self.other_keys, self.rendered, self.extras, self.templates,
                              self.collection_output)
        return type(self), (ids, self.other_keys, self.rendered, self.extras, self.templates,
                            self.collection_output)


def _summary(ids: bytes, *rest: Any) -> ReadSummary:
    """A :class:`ReadSummary` from its pickled form (a worker's, so the same machine's byte order)."""
    return ReadSummary(array("Q", ids), *rest)


def _unit_result(rid: str, content: str, output: str | None, hook_data: dict[str, Any], hook_removed: tuple[str, ...],
                 pre_render_changed: bool, reads: frozenset[Read] | None, excerpts: dict[str, Any],
                 fingerprint: bytes | None, made: dict[str, int] | None, written: tuple[Any, ...], ids: bytes | None,
                 other_keys: frozenset[str], rendered: frozenset[str], extras: frozenset[str],
                 templates: frozenset[Read], collection_output: bool) -> UnitResult:
    """A :class:`UnitResult` and its summary from their pickled form (a worker's)."""
    summary = ReadSummary(None if ids is None else array("Q", ids), other_keys, rendered, extras, templates,
                          collection_output)
    return UnitResult(rid, content, output, hook_data, hook_removed, pre_render_changed, reads, excerpts, fingerprint,
                      made, summary, written)


def read_hash(owner: str, key: Any) -> int:
    """A stable 64-bit id of the read ``(owner, key)``."""
    return hash_text(_read_text(owner, key))


def _read_text(owner: str, key: Any) -> str:
    """What :func:`read_hash` digests."""
    return f"{owner}\x00{key!r}"


def owner_hash(owner: str) -> int:
    """A stable 64-bit id standing for "read anything of ``owner``"."""
    return read_hash(owner, "\x00any")


#: what :func:`summarize` does with a read, by the kind of its owner
_ITEM = 0  # another page or document
_RENDERED = 1  # another page or document's rendered content or output
_SITE = 2
_EXTRA = 3
_TEMPLATE = 4
_COLLECTION_OUTPUT = 5

#: read → (its hash, the owner's hash or None, what it is), and item id → the owner's hash. Hashes
#: are kept as the 8 big-endian bytes of the number, decoded as Latin-1: such strings sort as the
#: numbers do (and faster than bytes: the sort compares them without a call each), and join into
#: the summary's array without a conversion per number.
_HASHES: dict[Any, Any] = {}
_LITTLE = sys.byteorder == "little"
#: the empty sets most summaries hold, one object (in this Python an empty frozenset is a new object
#: each time, for the collector to scan while the result is kept)
_EMPTY: frozenset[Any] = frozenset()


def _sortable(text: str) -> str:
    """The number ``hash_text(text)`` gives (``read_hash``'s of the read whose text it is), as
    :data:`_HASHES` keeps it."""
    return hash_bytes(text)[::-1].decode("latin-1")


def _classify(owner: str, key: Any) -> int:
    kind = owner[:2]
    if kind == "d:" or kind == "p:":
        return _RENDERED if key in RENDERED_KEYS else _ITEM
    if owner == EXTRA:
        return _EXTRA
    if owner == LAYOUT or owner == INCLUDE:
        return _TEMPLATE
    if kind == "c:" and key == "*str":
        return _COLLECTION_OUTPUT
    return _SITE


def _learn(pair: Read) -> tuple[str, str | None, int]:
    owner, key = pair
    kind = _classify(owner, key)
    whole = None
    if kind <= _RENDERED:
        whole = _HASHES.get(owner)
        if whole is None:
            whole = _HASHES[owner] = _sortable(_read_text(owner, "\x00any"))  # (owner_hash's)
    entry = _HASHES[pair] = (_sortable(_read_text(owner, key)), whole, kind)
    return entry


#: read → (None, None, what it is), for summaries without ids (a read first seen is not hashed)
_KINDS: dict[Any, Any] = {}


def _learn_kind(pair: Read) -> tuple[None, None, int]:
    entry = _KINDS[pair] = (None, None, _classify(*pair))
    return entry


def _gather(rid: str, reads: Iterable[Read], found: set[str] | None, other_keys: set[Any], rendered: set[str],
            extras: set[Any], templates: set[Read]) -> bool:
    """Add the reads of items other than ``rid`` to the parts of a summary (``found``: the ids, None
    when not kept); whether one of them printed a whole collection. One lookup per read, what to
    do with it decided when it was first seen."""
    collection_output = False
    if found is not None:
        known, learn, add_id = _HASHES.get, _learn, found.add
    else:
        known, learn, add_id = _KINDS.get, _learn_kind, None
    add_key = other_keys.add
    for pair in reads:
        if pair[0] == rid:
            continue
        entry = known(pair) or learn(pair)
        kind = entry[2]
        if kind <= _RENDERED:
            if add_id is not None:
                add_id(entry[0])
                add_id(entry[1])
            add_key(pair[1])
            if kind:
                rendered.add(pair[0])
            continue
        if add_id is not None:
            add_id(entry[0])
        if kind == _TEMPLATE:
            templates.add(pair)
        elif kind == _EXTRA:
            extras.add(pair[1])
        elif kind == _COLLECTION_OUTPUT:
            collection_output = True
    return collection_output


class _Block:
    """Reads many units make alike (a sidebar's ten newest posts, the layouts), summarized once.

    A summary is a union over the reads, so a unit whose reads include a block's, and that owns
    none of them, has the block's summary as part of its own: only the rest is gone through."""

    __slots__ = ("pairs", "owners", "ids", "sorted_ids", "other_keys", "rendered", "extras", "templates",
                 "collection_output")

    def __init__(self, pairs: frozenset[Read]) -> None:
        self.pairs = pairs
        self.owners = frozenset(pair[0] for pair in pairs)
        found: set[str] = set()
        other_keys: set[Any] = set()
        rendered: set[str] = set()
        extras: set[Any] = set()
        templates: set[Read] = set()
        # no unit is the item "": every read counts
        self.collection_output = _gather("", pairs, found, other_keys, rendered, extras, templates)
        self.ids = frozenset(found)
        self.sorted_ids = sorted(found)
        self.other_keys = frozenset(other_keys) if other_keys else _EMPTY
        self.rendered = frozenset(rendered) if rendered else _EMPTY
        self.extras = frozenset(extras) if extras else _EMPTY
        self.templates = frozenset(templates) if templates else _EMPTY


#: blocks, the one last used first
_BLOCKS: list[_Block] = []
_BLOCKS_MOST = 8
#: fewer reads in common are not worth a block (checking it costs about what it saves)
_BLOCK_LEAST = 8
#: (unit id, reads) of the last unit summarized without a block, whose reads a next such unit may share
_LAST: list[Any] = [None, None]


def _block_and_rest(rid: str, reads: set[Read] | frozenset[Read]) -> tuple[_Block | None, Any]:
    """A block whose reads ``reads`` has all of, and that owns none of them (or None), with the
    reads it leaves."""
    blocks = _BLOCKS
    if not blocks:
        return None, reads
    # Most often the block last used is the one: the reads it leaves, taken at once, say whether
    # it is in them all (a subset leaves exactly its size fewer) without a test of its own.
    # Set operations reuse the hashes the sets keep: no read is hashed again.
    block = blocks[0]
    rest = reads - block.pairs
    if len(rest) == len(reads) - len(block.pairs) and rid not in block.owners:
        return block, rest
    for index in range(1, len(blocks)):
        block = blocks[index]
        if block.pairs <= reads and rid not in block.owners:
            blocks.insert(0, blocks.pop(index))
            return block, reads - block.pairs
    return None, reads


def _learn_block(rid: str, reads: set[Read] | frozenset[Read]) -> None:
    """Keep what this unit read in common with the last unit summarized without a block, if enough."""
    last_rid, last = _LAST
    _LAST[0], _LAST[1] = rid, reads
    if last is None:
        return
    common = reads & last
    if len(common) < _BLOCK_LEAST:
        return
    pairs = frozenset(pair for pair in common if pair[0] != rid and pair[0] != last_rid)
    if len(pairs) >= _BLOCK_LEAST:
        _BLOCKS[:] = [_Block(pairs), *_BLOCKS[:_BLOCKS_MOST - 1]]


def _joined(part: set[Any], whole: frozenset[Any]) -> frozenset[Any]:
    """``whole`` with ``part`` added (``whole`` itself, most often: the block read those too)."""
    if not part or part <= whole:
        return whole
    return whole | part


def summarize(rid: str, reads: Iterable[Read], *, ids: bool = True) -> ReadSummary:
    """The compact form of a unit's reads (the unit's own keys left out: its fingerprint covers them).

    ``ids=False``: without the ids (None), which only an incremental build's dependency graph
    keeps; a parallel build asks of a unit's reads only whether it depends on the order of
    renders, and hashing and sorting the ids is most of a summary's cost."""
    # Workers summarize every unit, most of whose reads the unit before made too (a sidebar):
    # those are a block, summarized once, and only the other reads are gone through here.
    found: set[str] | None = set() if ids else None
    other_keys: set[Any] = set()
    rendered: set[str] = set()
    extras: set[Any] = set()
    templates: set[Read] = set()
    block = None
    kind = type(reads)
    if kind is set or kind is frozenset:
        block, rest = _block_and_rest(rid, reads)  # type: ignore[arg-type]
        if block is None:
            collection_output = _gather(rid, reads, found, other_keys, rendered, extras, templates)
            if len(reads) >= _BLOCK_LEAST:  # type: ignore[arg-type]
                _learn_block(rid, reads)  # type: ignore[arg-type]
        else:
            collection_output = (_gather(rid, rest, found, other_keys, rendered, extras, templates)
                                 or block.collection_output)
    else:
        collection_output = _gather(rid, reads, found, other_keys, rendered, extras, templates)
    numbers = None
    if found is not None:
        if block is None:
            ordered = sorted(found)
        else:
            # the block's ids are in order already: the few others are merged into them
            found -= block.ids
            ordered = sorted(block.sorted_ids + list(found)) if found else block.sorted_ids
        numbers = array("Q", "".join(ordered).encode("latin-1"))
        if _LITTLE:
            numbers.byteswap()
    if block is not None:
        return ReadSummary(numbers, _joined(other_keys, block.other_keys), _joined(rendered, block.rendered),
                           _joined(extras, block.extras), _joined(templates, block.templates), collection_output)
    return ReadSummary(numbers, frozenset(other_keys) if other_keys else _EMPTY,
                       frozenset(rendered) if rendered else _EMPTY, frozenset(extras) if extras else _EMPTY,
                       frozenset(templates) if templates else _EMPTY, collection_output)


class UnitRenderer:
    """Renders units through a :class:`~postforge.render.pipeline.Renderer`, recording them.

    ``hooks`` says whether plugin hooks run per document (then data is compared before and
    after, to find what they changed); ``fingerprints`` whether to take each unit's fingerprint
    first (incremental builds).
    """

    def __init__(self, render: Callable[[Convertible], Any], recorder: Recorder, *, hooks: bool,
                 fingerprints: bool, find_excerpt: Callable[[str], Any]) -> None:
        self.render = render
        self.recorder = recorder
        self.find_excerpt = find_excerpt
        self.hooks = hooks
        self.fingerprints = fingerprints
        #: set by the pre-render wrapper when a pre-render hook changed the unit's data
        self.pre_render_changed = False

    def wrap_pre_render(self, pre_render: Callable[[Convertible, dict[str, Any]], None]) -> Callable[..., None]:
        """A ``document_pre_render`` caller that notices changes to the unit's data."""

        def call(item: Convertible, payload: dict[str, Any]) -> None:
            before = _data_digest(item.data)
            pre_render(item, payload)
            if _data_digest(item.data) != before:
                self.pre_render_changed = True

        return call

    def __call__(self, item: Convertible) -> UnitResult:
        fingerprints = self.fingerprints
        # a fingerprint is a dict of strings to numbers: the plain pickler makes the same bytes as
        # :func:`postforge.pickling.dumps`, without a pickler made per unit
        fingerprint = _pickle_dumps(item_fingerprint(item), _PROTOCOL) if fingerprints else None
        hooks = self.hooks
        before = {key: digest(value) for key, value in item.data.items()} if hooks else None
        recorder = self.recorder
        rendered_excerpts = recorder.rendered_excerpts
        first_excerpt = len(rendered_excerpts)
        self.pre_render_changed = False
        # what ``recorder.unit()`` does, without a generator made per unit (a microsecond each)
        outer = recorder.current
        reads: set[Read] = set()
        recorder.current = reads
        try:
            self.render(item)
        finally:
            recorder.current = outer
        rid = item_id(item)
        content = item.content
        output = item.output
        excerpts: dict[str, tuple[str, frozenset[Read]]] = {}
        if len(rendered_excerpts) > first_excerpt:
            for other in rendered_excerpts[first_excerpt:]:
                excerpt = self.find_excerpt(other)
                if excerpt is not None and excerpt.output is not None:
                    excerpts[other] = (excerpt.output, recorder.excerpt_reads.get(other, frozenset()))
        hook_data: dict[str, Any] = {}
        hook_removed: tuple[str, ...] = ()
        if before is not None:
            data = item.data
            hook_data = {k: v for k, v in data.items() if before.get(k, _MISSING) != digest(v)}
            hook_removed = tuple(k for k in before if k not in data)
        made = None
        if fingerprints:
            # (what it rendered is digested later, and only where another unit reads it)
            made = {"=" + str(key): digest(value) for key, value in hook_data.items()}
            for key in hook_removed:
                made["=" + str(key)] = digest("\0removed")
        # Without hooks no unit's data can change, so whether another unit read such a change is
        # never asked: the summary says all that is needed, and the reads (a worker's largest part
        # of a result after the text) need not be pickled and kept.
        kept = frozenset(reads) if hooks else _EMPTY
        # the graph an incremental build (the one that takes fingerprints) keeps needs the ids
        summary = summarize(rid, kept if hooks else reads, ids=fingerprints)
        return UnitResult(rid, content, output, hook_data, hook_removed, self.pre_render_changed, kept, excerpts,
                          fingerprint, made, summary)


def rendered_made(item: Convertible) -> dict[str, int]:
    """The digests of what ``item``'s render made that another unit can read: its converted
    ``content`` and its ``output``.

    Taken in the parent, for the few units some other unit reads them of (a feed's newest posts),
    not by the render workers for every unit: an incremental build compares them for a unit
    rendered again only where the last build kept them (see ``incremental.build``), and keeps
    them for a unit read so (``graph.record_units``)."""
    return {"~converted": digest(item.content), "~output": digest(item.output)}


def has_rendered_made(made: dict[str, int] | None) -> bool:
    """Whether ``made`` holds :func:`rendered_made`'s digests: some unit read what it rendered."""
    return made is not None and "~converted" in made


def _data_digest(data: dict[str, Any]) -> int:
    return digest(list(data.items()))


def apply_result(item: Convertible, result: UnitResult, recorder: Recorder | None,
                 find_excerpt: Callable[[str], Any] | None = None) -> None:
    """Make on ``item`` (this process's copy) the changes its render made in another process."""
    item.content = result.content
    item.converted = True
    item.output = result.output
    if result.hook_data or result.hook_removed:
        for key in result.hook_removed:
            item.data.pop(key, None)
        item.data.update(result.hook_data)
    if find_excerpt is not None:
        for rid, (output, reads) in result.excerpts.items():
            excerpt = find_excerpt(rid)
            if excerpt is not None and excerpt.output is None:
                excerpt.output = output
                if recorder is not None:
                    recorder.excerpt_reads.setdefault(rid, reads)
