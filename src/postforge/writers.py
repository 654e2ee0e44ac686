"""A few threads running submitted calls: the file writers of ``-I`` builds (:mod:`postforge.inplace`).

``concurrent.futures.ThreadPoolExecutor`` does this, but importing it (with ``logging``, ``queue``,
``traceback`` and the regexes they compile) took a first ``-I`` build 5-7 ms on the one core it
runs on before the render workers fork. The writers need only this part of it: submit a call, wait
for its result (or its exception), and shut down, waiting for what runs and cancelling what waits.
"""

from __future__ import annotations

import threading
from queue import SimpleQueue
from typing import Any
from typing import Callable
from typing import Generic
from typing import TypeVar

__all__ = ["Cancelled", "Job", "WriterThreads"]

T = TypeVar("T")


class Cancelled(Exception):
    """What :meth:`Job.result` raises for a call the threads were shut down before running."""


class Job(Generic[T]):
    """One submitted call. Its lock is held until the call has run: :meth:`result` waits on it (a
    lock costs less to make than the condition a ``Future`` keeps)."""

    __slots__ = ("_call", "_done", "_value", "_error")

    def __init__(self, call: Callable[[], T]) -> None:
        self._call: Callable[[], T] | None = call
        self._done = threading.Lock()
        self._done.acquire()
        self._value: T | None = None
        self._error: BaseException | None = None

    def _run(self) -> None:
        call, self._call = self._call, None
        try:
            if call is None:
                raise Cancelled()
            self._value = call()
        except BaseException as error:  # noqa: BLE001 - handed to whoever asks for the result
            self._error = error
        finally:
            self._done.release()

    def result(self) -> T:
        """The call's value, once it has run; its exception raised here if it raised one."""
        with self._done:
            pass
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


class WriterThreads:
    """Up to ``most`` threads taking jobs in the order they were submitted; each is started when
    a job is submitted and fewer are running (a build that submits nothing starts none)."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._queue: SimpleQueue[Job[Any] | None] = SimpleQueue()
        self._threads: list[threading.Thread] = []

    def submit(self, call: Callable[..., T], *args: Any) -> Job[T]:
        job: Job[T] = Job(lambda: call(*args))
        self._queue.put(job)
        if len(self._threads) < self.most:
            thread = threading.Thread(target=self._work, name="postforge-writer", daemon=True)
            thread.start()
            self._threads.append(thread)
        return job

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            job._run()  # noqa: SLF001 - the job's own runner

    def shutdown(self, *, wait: bool = True, cancel: bool = False) -> None:
        """Stop the threads once the jobs submitted are done (``cancel``: the ones not started
        are not run; asking for their result raises :class:`Cancelled`)."""
        if cancel:
            while not self._queue.empty():
                job = self._queue.get_nowait()
                if job is not None:
                    job._call = None  # noqa: SLF001 - it ends as cancelled
                    job._run()  # noqa: SLF001
        for _ in self._threads:
            self._queue.put(None)
        if wait:
            for thread in self._threads:
                thread.join()
        self._threads = []
