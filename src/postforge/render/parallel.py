"""Rendering documents across processes: forked workers, results back in document order.

After the read phase the parent forks ``jobs`` workers (Linux's ``fork``: they start with the
parent's site, plugins and compiled templates, nothing is pickled on the way in). The documents
are cut into contiguous chunks, handed out in order, so each worker renders its chunks in
increasing document order; a worker sends back one :class:`~postforge.render.units.UnitResult`
per document (pickled with :mod:`postforge.pickling`). The parent applies them in
document order.

A worker cannot see what other workers rendered. In one process, document N sees the documents
before it rendered (content converted, hook data set) and the ones after it not yet; so a
result is only taken when its reads show it did not look at another earlier document's rendered
state (``content``, ``output``, or a data key the hooks changed), and the site-wide plugin keys
(``site.liquid_site``) were not changed by the worker. From the first document that fails
this (or that failed to render, or whose result could not be pickled) on, the parent renders
the rest itself, in order, exactly as a one-process build does: the output is the same for
any number of jobs.
"""

from __future__ import annotations

import gc
import mmap
from typing import Any
from typing import Callable
from typing import Iterator
from typing import Sequence

from postforge.forking import Team
from postforge.render.fingerprints import digest
from postforge.pickling import dumps
from postforge.pickling import loads
from postforge.workers import can_fork
from postforge.workers import collection_paused
from postforge.workers import default_jobs
from postforge.workers import worker_signals
from postforge.render.tracking import RENDERED_KEYS
from postforge.render.units import UnitResult

__all__ = ["can_fork", "default_jobs", "worker_signals", "chunk_ranges", "render_in_workers", "first_unsafe"]

# what the forked workers render: set in the parent just before the fork
_TASK: dict[str, Any] = {}
#: how long a build that stops taking worker results waits for the workers to end on their own
DRAIN_SECONDS = 10.0
_STOP: list[Any] = []


def chunk_ranges(count: int, jobs: int, per_job: int = 4, most: int = 96) -> list[tuple[int, int]]:
    """Contiguous ``(start, stop)`` ranges covering ``range(count)``: at least ``per_job`` per
    worker, so a worker that finishes early takes another while a slow one works, and none
    longer than ``most``, so results (and their writing) start early and the last chunk, which
    only the parent can finish, is short."""
    if count <= 0:
        return []
    chunks = max(1, min(count, jobs * per_job), -(-count // most))
    size, extra = divmod(count, chunks)
    ranges, start = [], 0
    for index in range(chunks):
        stop = start + size + (1 if index < extra else 0)
        ranges.append((start, stop))
        start = stop
    return ranges


def _site_state() -> int:
    state = _TASK.get("site_state")
    return digest(state()) if state is not None else 0


def _render_task(task: int) -> bytes:
    """In a worker: render chunk ``task``'s documents; a failure ends the chunk with None."""
    with collection_paused():  # (until the results are pickled and gone)
        return _render_range(*_TASK["chunks"][task])


def _render_range(start: int, stop: int) -> bytes:
    items: Sequence[Any] = _TASK["items"]
    render: Callable[[Any], UnitResult] = _TASK["render"]
    write: Callable[[Any], tuple[Any, ...]] | None = _TASK.get("write")
    stopping = _TASK["stop"]
    if stopping[0]:  # the parent takes nothing more: what is left is skipped
        return dumps((start, None))
    before = _site_state()
    results: list[UnitResult | None] = []
    for index in range(start, stop):
        if stopping[0]:
            break
        try:
            result = render(items[index])
            if write is not None:
                result.written = write(items[index])
            results.append(result)
        except BaseException:  # noqa: BLE001 - the parent renders it again and reports the error
            results.append(None)
            break
    after = _TASK.get("after_chunk")
    if after is not None:
        try:
            after()
        except Exception:  # noqa: BLE001 - a cache that cannot be written is no failure
            pass
    if _site_state() != before:
        return dumps((start, None))
    try:
        return dumps((start, results))
    except Exception:  # noqa: BLE001 - unpicklable hook data: the parent renders these itself
        return dumps((start, None))


def render_in_workers(
    items: Sequence[Any],
    render: Callable[[Any], UnitResult],
    jobs: int,
    *,
    site_state: Callable[[], Any] | None = None,
    after_chunk: Callable[[], None] | None = None,
    write: Callable[[Any], tuple[Any, ...]] | None = None,
    then: Sequence[Any] = (),
    frozen: bool | None = None,
) -> Iterator[tuple[int, UnitResult | None]]:
    """Yield ``(index, result)`` for ``items`` in order, rendered by ``jobs`` forked workers.

    ``result`` is None for the first item the workers could not give a usable result for;
    iteration stops there and the caller renders the rest. Closing the iterator early stops
    the workers. ``then`` are rendered after every item was handed out (indexes go on from
    ``len(items)``), one or a few per chunk: pages, which are few but long. ``frozen``: whether
    the caller holds a :func:`gc.freeze` (a build's) until after this (None: find out).
    """
    count = len(items)
    stopping = _stop_flag()
    _TASK.update(items=[*items, *then] if then else items, render=render, site_state=site_state,
                 after_chunk=after_chunk, write=write, stop=stopping)
    chunks = chunk_ranges(count, jobs)
    chunks += [(count + start, count + stop) for start, stop in chunk_ranges(len(then), jobs, most=2)]
    _TASK["chunks"] = chunks
    gc.collect()
    team = Team(len(chunks), jobs, _render_task, _start_worker, decode=loads)
    # whether a freeze (a build's) holds objects already, so that what is frozen here is given
    # back only if not: counting them walks each one (5 ms at 1,000 posts), done while the
    # workers render rather than before they are forked
    owned = gc.get_freeze_count() == 0 if frozen is None else not frozen
    settle = True
    try:
        with collection_paused(keep=True):  # the results taken live as long as the build
            for task, chunk in team.results():
                if chunk is None:  # lost with a worker that ended
                    yield chunks[task][0], None
                    return
                start, results = chunk
                if results is None:
                    yield start, None
                    return
                for offset, result in enumerate(results):
                    yield start + offset, result
                    if result is None:
                        return
    except GeneratorExit:  # stopped early
        raise
    except BaseException:  # an error: the workers are killed at once
        settle = False
        raise
    finally:
        stopping[0] = 1
        # stopped early (not by an error): the workers skip what is left and end on their own
        team.close(wait=DRAIN_SECONDS if settle else 0)
        if owned:
            gc.unfreeze()
        _TASK.clear()


def _start_worker() -> None:
    """First in each worker: what it inherited is frozen there, so its collector never walks
    (and so copies) the parent's objects. Freezing moves the collector's lists whole, at no
    cost per object, which the parent, freezing before the fork, paid for in counting what a
    freeze held already (:func:`~postforge.workers.freeze_for_fork`)."""
    worker_signals()
    gc.freeze()


def _stop_flag() -> mmap.mmap:
    """A byte shared with the workers forked next (an anonymous shared mapping), cleared: set,
    they skip what is left. One per process, kept (objects made for one render and freed after
    it would leave a build's ``gc.freeze`` smaller than it was)."""
    if not _STOP:
        _STOP.append(mmap.mmap(-1, 1))
    flag = _STOP[0]
    flag[0] = 0
    return flag


def first_unsafe(index: int, result: UnitResult, positions: dict[str, int], changed: dict[str, frozenset[str]],
                 hooked: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether document ``index``'s worker result may differ from a one-process render.

    ``positions`` maps document ids to their index; ``changed`` holds, for the documents already
    taken, the data keys their hooks changed, and ``hooked`` all those keys together.
    """
    if result.reads is None:
        return True
    summary = result.summary
    if summary is not None:
        if summary.rendered and any(positions.get(owner, index) < index for owner in summary.rendered):
            return True
        if not changed or not summary.other_keys & (set(hooked) | {"*keys", "excerpt"}):
            return False
    own = result.rid
    for rid, key in result.reads:
        if rid == own:
            continue
        position = positions.get(rid)
        if position is None or position >= index:
            continue
        if key in RENDERED_KEYS:
            return True
        keys = changed.get(rid)
        if keys and (key in keys or key == "*keys" or key == "excerpt"):
            return True
    return False
