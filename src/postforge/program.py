"""The ``postforge`` program: ``build`` forks its Markdown converter before it imports anything.

A first ``-I`` build converts post bodies in a second process while it reads the site
(:mod:`postforge.incremental.preconvert`). Forked once the command line was parsed, that process
started after the ~40 ms the program spends importing click and its own modules, with the other
core idle all that time. Forked first, it imports what converting needs meanwhile, then waits
for the build's options (:func:`~postforge.incremental.preconvert.start_early` sends them, or
ends it where the build will not use it). Only ``build`` forks it, and only with a core to spare.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

from postforge.incremental import kept_model  # (a light package: its other names load on first use)

__all__ = ["run", "fork_quiet"]


def run() -> None:
    """``postforge``: the command line (:func:`postforge.cli.run`), with a converter forked first."""
    args = sys.argv[1:]
    # (a build that patches a kept model reads few files: a fork would only cost it, 20 ms)
    waiting = _fork_converter() if args[:1] == ["build"] and not kept_model(_source(args[1:])) else None
    from postforge.cli import run as cli_run

    if waiting is not None:
        from postforge.incremental.preconvert import expect_early

        expect_early(*waiting)
    cli_run()


def _quiet() -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def _source(args: list[str]) -> str:
    """The site folder ``build`` is given (``-s``/``--source``, else the working folder), read
    from its arguments before they are parsed: a guess, which can only make a fork needless or
    missed (the converter gets its options from the parsed command line)."""
    source = "."
    for index, arg in enumerate(args):
        if arg in ("-s", "--source") and index + 1 < len(args):
            source = args[index + 1]
        elif arg.startswith("--source="):
            source = arg[len("--source="):]
        elif arg.startswith("-s") and len(arg) > 2:
            source = arg[2:]
    return source


def _fork_converter() -> tuple[int, int, str] | None:
    """(pid, the end of its pipe to write to, the build's name for its cache shards), or None."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return None
    build = os.urandom(6).hex()

    def converter(wait: int) -> None:
        from postforge.incremental.preconvert import wait_early

        wait_early(wait, build)

    pid, send = fork_quiet(converter)
    return pid, send, build


def fork_quiet(work: Callable[[int], None]) -> tuple[int, int]:
    """A child running ``work(read end of a new pipe)``, its output to /dev/null at once (a parent
    that ends sooner must not wait for its output's end; what it would print would repeat what
    the build prints): (its pid, the pipe's write end). The child never returns."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            os.close(write_end)
            _quiet()
            work(read_end)
        except BaseException:  # noqa: BLE001 - whatever happens here, the build goes on without it
            status = 1
        finally:
            os._exit(status)
    os.close(read_end)
    return pid, write_end
