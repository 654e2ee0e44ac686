"""The writer threads of ``-I`` builds (``postforge.writers``): results in order, errors where the
result is asked for, shutting down waits for what runs and cancels what waits."""

from __future__ import annotations

import threading

import pytest

from postforge.writers import Cancelled
from postforge.writers import WriterThreads


def test_jobs_give_their_results_and_errors() -> None:
    threads = WriterThreads(2)
    jobs = [threads.submit(pow, 2, n) for n in range(50)]
    failing = threads.submit(int, "not a number")
    assert [job.result() for job in jobs] == [2**n for n in range(50)]
    with pytest.raises(ValueError, match="not a number"):
        failing.result()
    with pytest.raises(ValueError):  # asked again: the same answer
        failing.result()
    threads.shutdown()


def test_no_more_threads_than_asked_and_none_before_a_job() -> None:
    before = threading.active_count()
    threads = WriterThreads(3)
    assert threading.active_count() == before
    seen: set[str] = set()
    release = threading.Event()

    def note() -> None:
        seen.add(threading.current_thread().name + str(threading.get_ident()))
        release.wait(5)

    jobs = [threads.submit(note) for _ in range(10)]
    assert threading.active_count() <= before + 3
    release.set()
    for job in jobs:
        job.result()
    assert 1 <= len(seen) <= 3
    threads.shutdown()
    assert threading.active_count() == before


@pytest.mark.parametrize("cancel", [False, True])
def test_shutting_down_waits_for_running_jobs_and_cancels_waiting_ones(cancel: bool) -> None:
    threads = WriterThreads(1)
    started, release = threading.Event(), threading.Event()
    ran: list[int] = []

    def first() -> int:
        started.set()
        release.wait(5)
        ran.append(1)
        return 1

    running = threads.submit(first)
    waiting = threads.submit(ran.append, 2)
    started.wait(5)
    workers = list(threads._threads)
    threads.shutdown(wait=False, cancel=cancel)  # while the first job runs, the second waits
    release.set()
    assert running.result() == 1
    if cancel:
        with pytest.raises(Cancelled):
            waiting.result()
        assert ran == [1]
    else:
        assert waiting.result() is None
        assert ran == [1, 2]
    for worker in workers:
        worker.join(5)
        assert not worker.is_alive()
