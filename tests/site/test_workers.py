"""Worker processes never outlive the build that forked them.

``multiprocessing.Pool`` can fork a replacement worker from its bookkeeping thread while the
pool is being terminated (Ctrl-C in the middle of a build); such a worker waits for tasks that
never come. Every worker asks the kernel to end it when whoever forked it is gone.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

PROGRAM = """
import multiprocessing, os, signal, sys, time
from postforge.workers import worker_signals
pool = multiprocessing.get_context("fork").Pool(2, initializer=worker_signals)
first = [process.pid for process in pool._pool]
for pid in first:  # one of them holds the task queue's lock: it stays taken
    os.kill(pid, signal.SIGKILL)
deadline = time.monotonic() + 10
while time.monotonic() < deadline and len([p for p in pool._pool if p.pid not in first]) < 2:
    time.sleep(0.02)  # the pool's own thread forks replacements, which wait on that lock
time.sleep(0.2)
print(" ".join(str(p.pid) for p in pool._pool if p.pid not in first), flush=True)
os._exit(0)  # gone without stopping its pool
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_worker_ends_when_its_parent_is_gone(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    output, errors = tmp_path / "pids", tmp_path / "errors"
    with output.open("w") as out, errors.open("w") as err:  # files: a worker left behind would hold a pipe open
        done = subprocess.run([sys.executable, "-c", PROGRAM], stdout=out, stderr=err, env=env, timeout=60)
    assert done.returncode == 0, errors.read_text()
    workers = [int(pid) for pid in output.read_text().split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    leftover = [pid for pid in workers if _alive(pid)]
    for pid in leftover:
        os.kill(pid, 9)
    assert leftover == []


def test_forking_keeps_a_builds_freeze_and_gives_back_its_own() -> None:
    """Unfreezing is all or nothing: a render that forks workers inside a build that froze its
    site must leave the build's freeze in place; alone, it gives back what it froze."""
    from postforge.render.parallel import render_in_workers
    from postforge.render.units import UnitResult

    def render(item: str) -> UnitResult:
        return UnitResult(item, item, item)

    gc.unfreeze()
    try:
        assert [index for index, _ in render_in_workers(list("abcdefgh"), render, 2)] == list(range(8))
        assert gc.get_freeze_count() == 0
        gc.freeze()
        frozen = gc.get_freeze_count()
        assert [index for index, _ in render_in_workers(list("abcdefgh"), render, 2)] == list(range(8))
        assert gc.get_freeze_count() >= frozen > 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_render_workers_freeze_what_they_inherit_and_the_caller_may_say_it_froze() -> None:
    """The workers freeze what they inherit themselves (the parent, not freezing before the fork,
    does not count what a freeze holds then); ``frozen`` spares the parent that count later."""
    from postforge.render.parallel import render_in_workers
    from postforge.render.units import UnitResult

    def render(item: str) -> UnitResult:
        return UnitResult(item, str(gc.get_freeze_count() > 0), item)

    gc.unfreeze()
    try:
        results = [result for _, result in render_in_workers(list("abcdefgh"), render, 2)]
        assert [result.content for result in results] == ["True"] * 8
        assert gc.get_freeze_count() == 0
        assert [index for index, _ in render_in_workers(list("abcdefgh"), render, 2, frozen=True)] == list(range(8))
        assert gc.get_freeze_count() > 0  # the caller's to give back
        gc.unfreeze()
        assert [index for index, _ in render_in_workers(list("abcdefgh"), render, 2, frozen=False)] == list(range(8))
        assert gc.get_freeze_count() == 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("keep", [True, False])
def test_collection_paused_gives_the_collector_back_as_it_was(enabled: bool, keep: bool) -> None:
    """Off inside; after, as it was before; with ``keep`` what was made inside is frozen."""
    from postforge.workers import collection_paused

    gc.unfreeze()
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with collection_paused(keep=keep):
            assert not gc.isenabled()
            made = [[n] for n in range(100)]
        assert gc.isenabled() is enabled
        assert (gc.get_freeze_count() >= len(made)) is keep
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def test_workers_told_to_stop_skip_what_is_left(tmp_path: Path) -> None:
    """A render that stops taking results early lets the workers settle (they skip the rest)
    before they are terminated: killed while sending a result, one kept the result queue's lock
    and the pool's shutdown waited for it forever."""
    from postforge.render.parallel import render_in_workers
    from postforge.render.units import UnitResult

    log = tmp_path / "rendered"

    def render(item: str) -> UnitResult:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(item + "\n")
        time.sleep(0.01)
        return UnitResult(item, item * 2000, item * 2000)  # results big enough to fill the pipe

    items = [str(number) for number in range(400)]
    results = render_in_workers(items, render, 2)
    assert next(results)[0] == 0
    started = time.monotonic()
    results.close()
    assert time.monotonic() - started < 5
    assert len(log.read_text(encoding="utf-8").split()) < len(items)  # the rest was skipped
