"""Forked workers taking numbered tasks from one pipe, each sending its results back on its own.

``multiprocessing.Pool`` served the render workers first, and cost the parent more than it did
for them. Its worker-maintenance thread watches the result pipe too, so it spun while a large
result was being read (0.2 s of CPU in a cold build of 10,000 posts, taken from the workers on
a two-core machine); every result was pickled again around the bytes the worker had already
made; and its shared queues are locks that a worker killed at the wrong moment keeps for ever
(a build once hung that way, until the pool was made to wait for idle workers before killing them).

Here nothing is shared but two kinds of pipe:

- the *task pipe*, read by every worker, holds the task numbers as 4-byte records. A pipe hands
  each reader whole records (every write is a multiple of 4 bytes and at most ``PIPE_BUF``,
  which the kernel writes at once, and every read asks for 4), so a worker that is free takes
  the next task without asking the parent and without a lock. When the parent has written all
  the numbers it closes its end: a worker that finds the pipe empty and closed is done.
- each worker's *result pipe* carries ``(task number, bytes)`` messages; the parent waits on all
  of them and hands results out in task order. A worker that ends without sending a task it had
  taken shows as the end of its pipe; the task is reported lost once no worker is left.

A worker killed anywhere holds nothing another process needs.
"""

from __future__ import annotations

import os
import select
import selectors
import signal
import struct
import sys
import time
from typing import Any
from typing import Callable
from typing import Iterator

try:
    import fcntl
except ImportError:  # (Windows, where workers are not forked anyway)
    fcntl = None  # type: ignore[assignment]

__all__ = ["Team", "read_exactly"]

_RECORD = struct.Struct("=I")
#: a result message's header: its task number and the length of what follows
_HEADER = struct.Struct("=IQ")
#: how much of the task pipe is written at once: whole records, written by the kernel all or nothing
_PIECE = (getattr(select, "PIPE_BUF", 512) // _RECORD.size) * _RECORD.size


class Team:
    """``jobs`` workers forked now, running ``work(task number) -> bytes`` for tasks ``0 .. count - 1``.

    ``start`` runs first in each worker (signals and the like). Iterate :meth:`results` for
    ``(task, decode(what work returned), or None)`` in task order (None: the task was lost with
    its worker, and nothing after it is given); always :meth:`close`. ``decode`` is given each
    message as it arrives, as a view of a buffer every message is read into in turn (a fresh
    buffer per message cost the parent of a 1,000-post build 5-10 ms, in memory made and
    cleared), so it must not keep the view: ``bytes`` (the default) copies it, ``pickle.loads``
    makes new objects.
    """

    def __init__(self, count: int, jobs: int, work: Callable[[int], bytes], start: Callable[[], None],
                 decode: Callable[[memoryview], Any] = bytes) -> None:
        self.count = count
        self._decode = decode
        #: where messages are read, grown to the largest so far
        self._buffer = bytearray()
        self._pending = b"".join(_RECORD.pack(task) for task in range(count))
        tasks_read, self._tasks = os.pipe()
        self._workers: dict[int, int] = {}  # result pipe fd → the worker's pid
        _flush_std_streams()  # (what is buffered now would be written again by every worker)
        for _ in range(jobs):
            results_read, results_write = os.pipe()
            _widen(results_write)
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                status = 1
                try:
                    os.close(results_read)
                    os.close(self._tasks)
                    for fd in self._workers:
                        os.close(fd)
                    start()
                    _serve(tasks_read, results_write, work)
                    status = 0
                finally:
                    _flush_std_streams()
                    os._exit(status)
            os.close(results_write)
            self._workers[results_read] = pid
        os.close(tasks_read)
        os.set_blocking(self._tasks, False)
        self._selector = selectors.DefaultSelector()
        for fd in self._workers:
            self._selector.register(fd, selectors.EVENT_READ)
        self._exited: list[int] = []
        self._feed()
        if self._tasks != -1:
            self._selector.register(self._tasks, selectors.EVENT_WRITE)

    @property
    def pids(self) -> list[int]:
        """The workers not known to have ended."""
        return list(self._workers.values())

    def results(self) -> Iterator[tuple[int, Any]]:
        waiting: dict[int, Any] = {}
        for task in range(self.count):
            while task not in waiting:
                if not self._workers:
                    yield task, None
                    return
                self._receive(waiting)
            yield task, waiting.pop(task)

    def close(self, *, wait: float) -> None:
        """End the workers: told to stop beforehand, they are given ``wait`` seconds to finish
        (what they send meanwhile is dropped), then killed; 0 kills them at once."""
        self._close_tasks()
        deadline = time.monotonic() + wait
        while self._workers and wait > 0 and time.monotonic() < deadline:
            self._receive({}, timeout=max(0.0, deadline - time.monotonic()))
        for fd, pid in list(self._workers.items()):
            _kill(pid)
            self._drop(fd)
        for pid in self._exited:
            _reap(pid)
        self._exited.clear()
        self._selector.close()

    def _receive(self, into: dict[int, Any], timeout: float | None = None) -> None:
        for key, _events in self._selector.select(timeout):
            if key.fd == self._tasks:
                self._feed()
                continue
            header = self._read(key.fd, _HEADER.size)
            task, size = _HEADER.unpack(header) if header is not None else (0, 0)
            message = self._read(key.fd, size) if header is not None else None
            if message is None:  # the worker is gone
                self._drop(key.fd)
                continue
            into[task] = self._decode(message)

    def _read(self, fd: int, size: int) -> memoryview | None:
        """``size`` bytes from ``fd`` into the buffer (a view of them); None where the pipe ends first."""
        if len(self._buffer) < size:
            self._buffer = bytearray(size)  # (a new one: a view of the old may still be held)
        message = memoryview(self._buffer)[:size]
        return message if _fill(fd, message) else None

    def _feed(self) -> None:
        """Write what the task pipe takes now (each piece at once or not at all)."""
        while self._pending:
            piece = self._pending[:_PIECE]
            try:
                os.write(self._tasks, piece)
            except BlockingIOError:
                return
            self._pending = self._pending[len(piece):]
        self._close_tasks()

    def _close_tasks(self) -> None:
        if self._tasks != -1:
            if self._tasks in self._selector.get_map():
                self._selector.unregister(self._tasks)
            os.close(self._tasks)
            self._tasks = -1
            self._pending = b""

    def _drop(self, fd: int) -> None:
        pid = self._workers.pop(fd)
        self._selector.unregister(fd)
        os.close(fd)
        self._exited.append(pid)


def _serve(tasks: int, results: int, work: Callable[[int], bytes]) -> None:
    while True:
        record = os.read(tasks, _RECORD.size)
        if not record:  # no task left
            return
        task = _RECORD.unpack(record)[0]
        message = work(task)
        _write_all(results, _HEADER.pack(task, len(message)))
        _write_all(results, message)


#: what a result pipe is asked to hold: a chunk's results (~1 MB for 96 benchmark posts) then go
#: in at once, and the worker goes on rendering instead of waiting for the parent to take 64 KB at a
#: time (Linux allows unprivileged processes up to /proc/sys/fs/pipe-max-size, 1 MB by default)
_PIPE_SIZE = 1 << 20


def _widen(fd: int) -> None:
    """Ask for a pipe of :data:`_PIPE_SIZE` where the system allows it (Linux); else keep it as it is."""
    setter = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setter is None:
        return
    try:
        fcntl.fcntl(fd, setter, _PIPE_SIZE)
    except OSError:  # above the limit, or not a pipe the system can grow
        pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_exactly(fd: int, size: int) -> bytearray | None:
    """``size`` bytes from ``fd``; None where the pipe ends first."""
    buffer = bytearray(size)
    return buffer if _fill(fd, memoryview(buffer)) else None


def _fill(fd: int, view: memoryview) -> bool:
    """Read ``fd`` into all of ``view``; False where the pipe ends first."""
    while view:
        got = os.readv(fd, [view])
        if not got:
            return False
        view = view[got:]
    return True


def _flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
