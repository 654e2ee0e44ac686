"""The model snapshot: a forked child keeps the model as it was and writes it only when let go.

Real processes and files: the value written is the one at the fork, not what the parent changed
after; nothing is written before ``release``; a discarded snapshot leaves no file and no process.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from postforge.incremental.snapshot import Snapshot


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_model_as_forked_is_written_only_once_released(tmp_path: Path) -> None:
    model = {"posts": ["a", "b"]}
    snapshot = Snapshot.fork(tmp_path, model)
    model["posts"].append("changed after the fork")
    time.sleep(0.05)
    assert not snapshot.temp.exists()  # it waits for the word
    assert snapshot.pid is not None and _alive(snapshot.pid)
    snapshot.release()
    assert snapshot.commit()
    assert not snapshot.temp.exists()
    assert pickle.loads(snapshot.target.read_bytes()) == {"posts": ["a", "b"]}


def test_commit_lets_a_waiting_child_go(tmp_path: Path) -> None:
    snapshot = Snapshot.fork(tmp_path, [1, 2, 3], name="graph")
    assert snapshot.commit()
    assert pickle.loads((tmp_path / "graph.pickle").read_bytes()) == [1, 2, 3]


def test_a_discarded_snapshot_leaves_no_file_and_no_process(tmp_path: Path) -> None:
    snapshot = Snapshot.fork(tmp_path, {"x": 1})
    pid = snapshot.pid
    assert pid is not None
    # a process forked later (a render worker) holds the pipe open: discarding must not wait on it
    holder = os.fork()
    if holder == 0:
        time.sleep(5)
        os._exit(0)
    try:
        started = time.monotonic()
        snapshot.discard()
        assert time.monotonic() - started < 2
        assert not _alive(pid)
        assert list(tmp_path.iterdir()) == []
    finally:
        os.kill(holder, 9)
        os.waitpid(holder, 0)
