"""What every forked worker process does first (the render workers and the reading workers), and
what the parent does around forking them."""

from __future__ import annotations

import ctypes
import gc
import os
import signal

__all__ = ["worker_signals", "freeze_for_fork", "thaw"]


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
