"""The forked team of workers: tasks handed out through one pipe, results back in task order.

Real processes and pipes: tasks of uneven length must come back in order; more task numbers
than the pipe takes at once must all be handed out; a worker that dies with a task loses it,
which shows in order after the tasks before it; closing early leaves no process behind.
"""

from __future__ import annotations

import os
import pickle
import random
import time

from postforge.forking import Team


def _pids_alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        alive.append(pid)
    return alive


def _nothing() -> None:
    pass


def test_results_come_back_in_task_order() -> None:
    delays = [random.Random(n).random() / 200 for n in range(60)]

    def work(task: int) -> bytes:
        time.sleep(delays[task])
        return f"{task}:{os.getpid()};".encode() * (1 + task * 500)  # some larger than a pipe's buffer

    team = Team(60, 3, work, _nothing)
    try:
        got = list(team.results())
    finally:
        team.close(wait=5)
    assert [task for task, _ in got] == list(range(60))
    heads = [data.split(b";")[0].decode().split(":") for _, data in got]
    assert [int(task) for task, _ in heads] == list(range(60))
    assert len({pid for _, pid in heads}) >= 2  # shared out, not taken by one worker


def test_more_task_numbers_than_one_write_of_the_pipe_takes() -> None:
    team = Team(20_000, 2, lambda task: b"%d" % task, _nothing)
    try:
        got = list(team.results())
    finally:
        team.close(wait=5)
    assert got == [(task, b"%d" % task) for task in range(20_000)]


def test_a_task_lost_with_its_worker_shows_in_order() -> None:
    def work(task: int) -> bytes:
        if task == 7:
            os._exit(3)  # the worker dies with task 7
        return b"ok"

    team = Team(30, 2, work, _nothing)
    try:
        got = list(team.results())
    finally:
        team.close(wait=5)
    assert got == [(task, b"ok") for task in range(7)] + [(7, None)]


def test_closing_early_leaves_no_worker() -> None:
    team = Team(1000, 2, lambda task: (time.sleep(0.005), b"x" * 100_000)[1], _nothing)
    pids = team.pids
    results = team.results()
    assert next(results)[0] == 0
    started = time.monotonic()
    team.close(wait=0)
    assert time.monotonic() - started < 5
    assert _pids_alive(pids) == []


def test_results_larger_than_a_pipe_arrive_whole_and_result_pipes_are_widened() -> None:
    """A result pipe is asked to hold a whole chunk's results (1 MB, where the system allows it):
    the worker writes a chunk at once and goes on; results larger than that still arrive whole."""
    import fcntl

    from postforge import forking

    sizes = [900_000, 3_000_000, 10]

    def work(task: int) -> bytes:
        return bytes([task]) * sizes[task]

    team = Team(len(sizes), 1, work, _nothing)
    try:
        results = list(team.results())
    finally:
        team.close(wait=5)
    assert [(task, len(message), set(message)) for task, message in results] == [
        (task, size, {task}) for task, size in enumerate(sizes)]
    limit = "/proc/sys/fs/pipe-max-size"
    if hasattr(fcntl, "F_GETPIPE_SZ") and os.path.exists(limit):
        with open(limit) as handle:
            allowed = os.geteuid() == 0 or int(handle.read()) >= forking._PIPE_SIZE
        read, write = os.pipe()
        try:
            forking._widen(write)
            assert (fcntl.fcntl(write, fcntl.F_GETPIPE_SZ) == forking._PIPE_SIZE) is allowed
        finally:
            os.close(read)
            os.close(write)


def test_messages_decoded_as_they_arrive_out_of_order_stay_whole() -> None:
    """Every message is read into one buffer reused for the next: a decoder that makes new objects
    (``pickle.loads``) gives each task its own result, however the messages' sizes and arrival
    order vary (a message kept for its turn was decoded when it came, before the buffer was reused)."""
    sizes = [random.Random(n).choice([10, 5_000, 400_000, 1_500_000]) for n in range(40)]
    delays = [random.Random(-n).random() / 100 for n in range(40)]

    def work(task: int) -> bytes:
        time.sleep(delays[task])
        return pickle.dumps((task, bytes([task]) * sizes[task]))

    team = Team(len(sizes), 3, work, _nothing, decode=pickle.loads)
    try:
        results = list(team.results())
    finally:
        team.close(wait=5)
    assert [task for task, _ in results] == list(range(40))
    assert all(decoded[0] == task and decoded[1] == bytes([task]) * sizes[task] for task, decoded in results)
