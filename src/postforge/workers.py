"""What every forked worker process does first (the render workers and the reading workers), and
how the garbage collector is kept out of the way of a build: around forks, and while a build
makes many objects that live on."""

from __future__ import annotations

import ctypes
import gc
import os
import signal
from contextlib import contextmanager
from typing import Any
from typing import Iterator

__all__ = ["worker_signals", "freeze_for_fork", "thaw", "collection_paused", "can_fork", "default_jobs", "configured_jobs"]


def freeze_for_fork() -> bool:
    """Hide what is alive from the collector before forking (it would touch, and so copy, every
    object in every worker). True when the caller must :func:`thaw` it afterwards; False when an
    outer freeze (a build's) holds objects already: unfreezing is all or nothing, and undoing
    the build's too left the parent collecting its whole heap again (0.2 s of the pages phase
    of a cold build of 10,000 posts, making 10,000 drops)."""
    owned = gc.get_freeze_count() == 0
    gc.freeze()
    return owned


def thaw(owned: bool) -> None:
    """Undo :func:`freeze_for_fork` where it was the outermost freeze."""
    if owned:
        gc.unfreeze()


@contextmanager
def collection_paused(*, keep: bool = False) -> Iterator[None]:
    """No automatic collection inside; ``keep``: what was made inside lives on, frozen.

    The collector runs every 700 new container objects and walks the young ones, and now and
    then every object not frozen. For work that makes many objects and few cycles that is wasted:

    - what lives to the end of a build (the site as read, the results taken from workers) was
      walked again and again while it grew (at 10,000 posts: 60 ms of the read, 130 ms of
      taking results, in the process every worker waits for). Made with ``keep``, it is frozen
      at the end, and no collection walks it again (the build unfreezes it when it ends, as
      it does the rest of what it froze);
    - a render worker's chunk frees what it made by reference counting once its results are
      pickled; walking the results meanwhile cost the worker 4% of its time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()


def worker_signals() -> None:
    """In a forked worker: the parent's signal handlers are not the worker's (``serve`` turns
    SIGTERM into KeyboardInterrupt); Ctrl-C is the parent's to handle, SIGTERM just ends it.

    A worker also ends when whoever forked it is gone: ``Pool`` can fork a replacement worker
    from its bookkeeping thread while it is being terminated (Ctrl-C in the middle of a build),
    and that worker would wait for tasks forever once the build has stopped (Linux's
    ``PR_SET_PDEATHSIG``: SIGTERM when the forking thread exits)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    if _set_parent_death_signal(signal.SIGTERM) and os.getppid() != parent:
        os._exit(0)  # the parent went before the signal was asked for


def _set_parent_death_signal(signum: int) -> bool:
    """``prctl(PR_SET_PDEATHSIG, signum)`` where the C library has it (Linux); False elsewhere."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    """Workers are forked (they start with the parent's site): not on Windows."""
    return hasattr(os, "fork")


def default_jobs() -> int:
    """All the cores this process may use (one where processes cannot be forked)."""
    if not can_fork():
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def configured_jobs(config: dict[str, Any]) -> int:
    """Worker processes for rendering documents: ``jobs:`` (``-j``), else every core."""
    value = config.get("jobs")
    if value is None or value == "":
        return default_jobs()
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        from postforge.errors import Location
        from postforge.errors import PostforgeError

        raise PostforgeError(f"jobs: expected a number of processes, not {value!r}", Location("_config.yml"))
    return (int(value) if can_fork() else 1) if int(value) > 0 else default_jobs()
