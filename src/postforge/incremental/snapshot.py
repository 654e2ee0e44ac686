"""Saving the model as read, in a forked child, while the build goes on rendering.

Pickling the read site of 10,000 posts takes a noticeable part of a second. The model is
pristine right after reading (before plugins and renders change it), so a child forked at that
moment keeps it; the parent renames the child's file into place only when the build succeeded
(:meth:`Snapshot.commit`).

The child waits to pickle until the parent lets it go (:meth:`Snapshot.release`): while the
render workers run, every core is theirs, and a third process pickling beside them slows the
build by what it takes. Once they are done, the parent's last steps leave a core free.
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
    """A model kept by a child process, written when released (or, without ``fork``, already written)."""

    def __init__(self, pid: int | None, temp: Path, target: Path, ok: bool = True, go: int | None = None) -> None:
        self.pid = pid
        self.temp = temp
        self.target = target
        self.ok = ok
        #: the pipe end whose byte lets the child write (None: it was let go, or never waits)
        self._go = go

    @classmethod
    def fork(cls, folder: Path, value: Any, name: str = "model") -> Snapshot:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{name}.{os.getpid()}.tmp"
        target = folder / f"{name}.pickle"
        if not hasattr(os, "fork"):
            return cls(None, temp, target, _write(temp, value))
        wait, go = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: write when let go, and leave at once, running no cleanup of the parent's
            ok = False
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                os.close(go)
                if os.read(wait, 1):  # nothing read: the parent ended without a word
                    gc.disable()  # it only pickles, and leaves: the collector would walk the pickle's objects
                    ok = _write(temp, value)
            finally:
                os._exit(0 if ok else 1)
        os.close(wait)
        return cls(pid, temp, target, go=go)

    def release(self) -> None:
        """Let the child write the model now (the render is done: a core is free for it)."""
        if self._go is not None:
            try:
                os.write(self._go, b"w")
            finally:
                os.close(self._go)
                self._go = None

    def _wait(self) -> bool:
        if self.pid is not None:
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            self.ok = self.ok and os.waitstatus_to_exitcode(status) == 0
        return self.ok

    def commit(self) -> bool:
        """Wait for the child; put the model in place. False when it could not be written."""
        self.release()
        if self._wait():
            os.replace(self.temp, self.target)
            return True
        self.discard()
        return False

    def discard(self) -> None:
        if self._go is not None:
            # a child still waiting is ended: render workers forked since hold the pipe open too
            os.close(self._go)
            self._go = None
            if self.pid is not None:
                os.kill(self.pid, signal.SIGTERM)
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
