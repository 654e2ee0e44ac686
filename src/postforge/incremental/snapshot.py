"""Saving the model as read, in a forked child, while the build goes on rendering.

Pickling the read site of 10,000 posts takes a noticeable part of a second. The model is
pristine right after reading (before plugins and renders change it), so a child forked at that
moment pickles it into a temporary file while the parent renders; the parent renames the file
into place only when the build succeeded (:meth:`Snapshot.commit`).
"""

from __future__ import annotations

import gc
import os
import signal
from pathlib import Path
from typing import Any

from postforge.pickling import dumps

__all__ = ["Snapshot"]


class Snapshot:
    """A model being written by a child process (or, without ``fork``, already written)."""

    def __init__(self, pid: int | None, temp: Path, target: Path, ok: bool = True) -> None:
        self.pid = pid
        self.temp = temp
        self.target = target
        self.ok = ok

    @classmethod
    def fork(cls, folder: Path, value: Any, name: str = "model") -> Snapshot:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{name}.{os.getpid()}.tmp"
        target = folder / f"{name}.pickle"
        if not hasattr(os, "fork"):
            return cls(None, temp, target, _write(temp, value))
        pid = os.fork()
        if pid == 0:  # the child: write and leave at once, running no cleanup of the parent's
            ok = False
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                gc.disable()  # it only pickles, and leaves: the collector would walk the pickle's objects
                ok = _write(temp, value)
            finally:
                os._exit(0 if ok else 1)
        return cls(pid, temp, target)

    def _wait(self) -> bool:
        if self.pid is not None:
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            self.ok = self.ok and os.waitstatus_to_exitcode(status) == 0
        return self.ok

    def commit(self) -> bool:
        """Wait for the child; put the model in place. False when it could not be written."""
        if self._wait():
            os.replace(self.temp, self.target)
            return True
        self.discard()
        return False

    def discard(self) -> None:
        self._wait()
        try:
            self.temp.unlink()
        except FileNotFoundError:
            pass


def _write(temp: Path, value: Any) -> bool:
    try:
        temp.write_bytes(dumps(value))
        return True
    except Exception:  # noqa: BLE001 - an unpicklable model: no snapshot, a full read next time
        return False
