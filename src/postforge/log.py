"""Console output: log levels, Jekyll's topic-aligned lines, the TTY progress line, the build summary.

Lines look like Jekyll's (``Jekyll::LogAdapter``): the topic and a space right-justified in 20
columns, then the message with runs of whitespace squashed to one space. Like Jekyll, debug and
info go to stdout, warnings and errors to stderr, and ``-q`` (level ``error``) beats ``-V``
(``debug``). Unlike Jekyll, a warning about a file names it as ``path:line:col`` first, and colour
is used only when the stream is a terminal (and ``NO_COLOR`` is unset).

The streams are looked up when a line is written, not when the logger is made, so a logger made at
import time still writes where ``sys.stdout`` points later (click's test runner swaps it).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable
from typing import TextIO

from postforge.errors import Location
from postforge.regexes import LazyPattern

__all__ = [
    "LEVELS",
    "Logger",
    "Progress",
    "format_line",
    "format_summary",
    "logger",
    "plural",
]

#: level names, Jekyll's, with the numbers Ruby's Logger gives them
LEVELS = {"debug": 0, "info": 1, "warn": 2, "error": 3}

#: Jekyll's topic column: ``"#{topic} ".rjust(20)``
TOPIC_WIDTH = 20

_WHITESPACE = LazyPattern(r"\s+")
_YELLOW = "\x1b[33m"
_RED = "\x1b[31m"
_RESET = "\x1b[0m"
_ERASE_LINE = "\r\x1b[K"


def plural(count: int, noun: str) -> str:
    """``1 page``, ``2 pages``: every noun the summary uses takes a plain ``s``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_summary(pages: int, posts: int, files: int, seconds: float) -> str:
    """The one line a build ends with; ``files`` are the static files copied."""
    counts = f"{plural(pages, 'page')}, {plural(posts, 'post')} and {plural(files, 'file')}"
    return f"Wrote {counts} in {seconds:.2f} s"


def format_line(topic: str, message: str = "", location: Location | None = None) -> str:
    """One log line in Jekyll's layout; a location goes first in the message, as ``path:line:col:``."""
    text = _WHITESPACE.sub(" ", str(message))
    if location is not None:
        text = f"{location}: {text}" if text else str(location)
    return f"{topic} ".rjust(TOPIC_WIDTH) + text


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed stream
        return False


def _wants_color(stream: TextIO) -> bool:
    return _is_tty(stream) and "NO_COLOR" not in os.environ


class Progress:
    """A live count (and bar, when the total is known) on one terminal line.

    It writes nothing at all unless its stream is a terminal: piped or captured output must stay
    clean. Redraws are throttled to ``min_interval`` seconds so that counting thousands of files
    costs nothing noticeable. The site calls :meth:`start` once per phase and :meth:`advance` per
    item; the logger calls :meth:`clear` and :meth:`redraw` around every line it prints, so log
    lines never interleave with the progress line.
    """

    BAR_WIDTH = 24

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        min_interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._enabled = enabled
        self.min_interval = min_interval
        self._clock = clock
        #: the current phase ("Rendering", "Writing"), or None before start/after finish
        self.phase: str | None = None
        self.done = 0
        self.total: int | None = None
        self._last_draw = float("-inf")
        self._drawn = False

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stderr

    @property
    def enabled(self) -> bool:
        """Explicitly set, or: is the stream a terminal?"""
        if self._enabled is not None:
            return self._enabled
        return _is_tty(self.stream)

    def start(self, phase: str, total: int | None = None) -> None:
        """Begin counting a new phase; ``total`` adds a bar and ``done/total``."""
        self.phase = phase
        self.total = total
        self.done = 0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw(force=self.total is not None and self.done >= self.total)

    def __call__(self, item: object = None) -> None:
        """Count one item: the progress object is the ``progress`` callback ``write_site`` takes."""
        if self.phase is None:
            self.start("Writing")
        self.advance()

    def render_line(self) -> str:
        """The text of the progress line (without control codes)."""
        if self.phase is None:
            return ""
        if not self.total:
            return f"{self.phase}... {self.done}"
        filled = min(self.BAR_WIDTH, self.BAR_WIDTH * self.done // self.total)
        bar = "#" * filled + "-" * (self.BAR_WIDTH - filled)
        return f"{self.phase} [{bar}] {self.done}/{self.total}"

    def clear(self) -> None:
        """Erase the progress line, if one is showing."""
        if self._drawn:
            self._emit(_ERASE_LINE)
            self._drawn = False

    def redraw(self) -> None:
        """Show the progress line again after :meth:`clear`."""
        self._draw(force=True)

    def finish(self) -> None:
        """Erase the line and stop; a later :meth:`start` begins again."""
        self.clear()
        self.phase = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.finish()

    def _draw(self, *, force: bool = False) -> None:
        if self.phase is None or not self.enabled:
            return
        now = self._clock()
        if not force and now - self._last_draw < self.min_interval:
            return
        self._last_draw = now
        self._emit(_ERASE_LINE + self.render_line())
        self._drawn = True

    def _emit(self, text: str) -> None:
        stream = self.stream
        stream.write(text)
        stream.flush()


class Logger:
    """Jekyll's LogAdapter: levels, topic-aligned lines, stdout for info and stderr for trouble."""

    def __init__(self, level: str = "info", *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.level = level
        self._stdout = stdout
        self._stderr = stderr
        #: the progress line to keep out of the way of log lines, if any
        self.progress: Progress | None = None
        #: how many warnings were given (printed or not); continuation lines (no topic) don't count
        self.warning_count = 0

    @property
    def level(self) -> str:
        return self._level

    @level.setter
    def level(self, level: str) -> None:
        if level not in LEVELS:
            raise ValueError(f"unknown log level {level!r}; expected one of {', '.join(LEVELS)}")
        self._level = level

    def adjust_verbosity(self, *, quiet: bool = False, verbose: bool = False) -> None:
        """``-q`` and ``-V``; quiet always wins, as in Jekyll."""
        if quiet:
            self.level = "error"
        elif verbose:
            self.level = "debug"

    def enabled_for(self, level: str) -> bool:
        return LEVELS[self.level] <= LEVELS[level]

    def debug(self, topic: str, message: str = "", location: Location | None = None) -> None:
        self._write("debug", topic, message, location)

    def info(self, topic: str, message: str = "", location: Location | None = None) -> None:
        self._write("info", topic, message, location)

    def warn(self, topic: str, message: str = "", location: Location | None = None) -> None:
        if topic:
            self.warning_count += 1
        self._write("warn", topic, message, location)

    def error(self, topic: str, message: str = "", location: Location | None = None) -> None:
        self._write("error", topic, message, location)

    def stream_for(self, level: str) -> TextIO:
        """stdout for debug and info, stderr for warn and error (Jekyll's Stevenson)."""
        if LEVELS[level] > LEVELS["info"]:
            return self._stderr if self._stderr is not None else sys.stderr
        return self._stdout if self._stdout is not None else sys.stdout

    def _write(self, level: str, topic: str, message: str, location: Location | None) -> None:
        if not self.enabled_for(level):
            return
        line = format_line(topic, message, location)
        stream = self.stream_for(level)
        if _wants_color(stream) and level in ("warn", "error"):
            line = (_YELLOW if level == "warn" else _RED) + line + _RESET
        progress = self.progress
        if progress is not None:
            progress.clear()
        stream.write(line + "\n")
        stream.flush()
        if progress is not None:
            progress.redraw()


#: the process-wide logger, as ``Jekyll.logger`` is
logger = Logger()
