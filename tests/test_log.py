"""Console output (``postforge.log``): Jekyll's line layout, levels, the summary, the TTY-only progress.

The expected lines in ``LINE_CASES`` are copied from what ``jekyll build`` 4.3.1 printed (colour
codes removed), e.g. ``    Liquid Warning: Liquid syntax error (line 1): ...`` and the blank
continuation line of 20 spaces that ends a "Conflict:" warning.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from postforge.errors import Location
from postforge.log import Logger
from postforge.log import Progress
from postforge.log import format_line
from postforge.log import format_summary
from postforge.log import plural

SUMMARY_CASES = [
    ((12, 3, 5, 0.42), "Wrote 12 pages, 3 posts and 5 files in 0.42 s"),
    ((1, 1, 1, 1.0), "Wrote 1 page, 1 post and 1 file in 1.00 s"),
    ((0, 0, 0, 0.004), "Wrote 0 pages, 0 posts and 0 files in 0.00 s"),
    ((2, 0, 1, 12.3456), "Wrote 2 pages, 0 posts and 1 file in 12.35 s"),
]


@pytest.mark.parametrize(("args", "expected"), SUMMARY_CASES)
def test_format_summary(args: tuple, expected: str) -> None:
    assert format_summary(*args) == expected


@pytest.mark.parametrize(("count", "expected"), [(0, "0 posts"), (1, "1 post"), (2, "2 posts")])
def test_plural(count: int, expected: str) -> None:
    assert plural(count, "post") == expected


LINE_CASES = [
    (("Source:", "/tmp/jk/s"), "            Source: /tmp/jk/s"),
    (("Generating...",), "      Generating... "),
    (("Conflict:", "The following destination is shared by multiple files."),
     "          Conflict: The following destination is shared by multiple files."),
    (("",), " " * 20),
    (("", " - a.md"), "                     - a.md"),
    (("Liquid Warning:", 'Liquid syntax error (line 1): Expected id but found end_of_string in "{{ x | }}" in a.md'),
     '    Liquid Warning: Liquid syntax error (line 1): Expected id but found end_of_string in "{{ x | }}" in a.md'),
    # Jekyll squashes whitespace in messages; a topic longer than the column is not cut
    (("Deprecation:", "one\n   two\tthree"), "       Deprecation: one two three"),
    (("A topic longer than twenty:", "x"), "A topic longer than twenty: x"),
]


@pytest.mark.parametrize(("args", "expected"), LINE_CASES)
def test_format_line_as_jekyll(args: tuple, expected: str) -> None:
    assert format_line(*args) == expected


LOCATION_CASES = [
    (Location("_posts/2024-01-01-a.md", 4, 7), "Unknown filter 'nope'", "    Liquid Warning: _posts/2024-01-01-a.md:4:7: Unknown filter 'nope'"),
    (Location("about.md", 3), "x", "    Liquid Warning: about.md:3: x"),
    (Location(None, 2, 1), "x", "    Liquid Warning: <string>:2:1: x"),
]


@pytest.mark.parametrize(("location", "message", "expected"), LOCATION_CASES)
def test_warnings_name_file_and_line(location: Location, message: str, expected: str) -> None:
    assert format_line("Liquid Warning:", message, location) == expected


def make_logger(level: str = "info") -> tuple[Logger, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Logger(level, stdout=out, stderr=err), out, err


def test_info_goes_to_stdout_and_warnings_to_stderr() -> None:
    log, out, err = make_logger()
    log.info("Source:", "/site")
    log.warn("Build Warning:", "Layout 'nope' requested in a.md does not exist.", Location("a.md", 2))
    log.error("Error:", "boom")
    log.debug("Rendering:", "a.md")
    assert out.getvalue() == "            Source: /site\n"
    assert err.getvalue() == (
        "     Build Warning: a.md:2: Layout 'nope' requested in a.md does not exist.\n"
        "             Error: boom\n"
    )
    assert log.warning_count == 1


@pytest.mark.parametrize(
    ("quiet", "verbose", "level"),
    [(False, False, "info"), (True, False, "error"), (False, True, "debug"), (True, True, "error")],
)
def test_quiet_wins_over_verbose(quiet: bool, verbose: bool, level: str) -> None:
    log, _, _ = make_logger()
    log.adjust_verbosity(quiet=quiet, verbose=verbose)
    assert log.level == level


def test_quiet_prints_errors_only() -> None:
    log, out, err = make_logger()
    log.adjust_verbosity(quiet=True)
    log.info("Source:", "x")
    log.warn("Warning:", "x")
    log.error("Error:", "shown")
    assert out.getvalue() == ""
    assert err.getvalue() == "             Error: shown\n"


def test_verbose_prints_debug() -> None:
    log, out, _ = make_logger()
    log.adjust_verbosity(verbose=True)
    log.debug("Rendering:", "a.md")
    assert out.getvalue() == "         Rendering: a.md\n"


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError):
        Logger("loud")


def test_no_progress_output_when_not_a_tty() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    assert not progress.enabled
    progress.start("Rendering", 3)
    for _ in range(3):
        progress.advance()
    progress("written.html")
    progress.clear()
    progress.redraw()
    progress.finish()
    assert stream.getvalue() == ""


def test_no_progress_output_into_a_file(tmp_path: Path) -> None:
    with open(tmp_path / "log.txt", "w") as stream:
        with Progress(stream) as progress:
            progress.start("Writing")
            progress.advance(5)
    assert (tmp_path / "log.txt").read_text() == ""


PROGRESS_LINE_CASES = [
    ("Rendering", 40, 0, "Rendering [------------------------] 0/40"),
    ("Rendering", 40, 10, "Rendering [######------------------] 10/40"),
    ("Rendering", 40, 40, "Rendering [########################] 40/40"),
    ("Writing", None, 7, "Writing... 7"),
    ("Writing", 0, 0, "Writing... 0"),
]


@pytest.mark.parametrize(("phase", "total", "done", "expected"), PROGRESS_LINE_CASES)
def test_progress_line(phase: str, total: int | None, done: int, expected: str) -> None:
    progress = Progress(io.StringIO())
    progress.start(phase, total)
    progress.advance(done)
    assert progress.render_line() == expected


def read_pty(master: int) -> str:
    chunks = []
    os.set_blocking(master, False)
    while True:
        try:
            chunk = os.read(master, 4096)
        except (BlockingIOError, OSError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode()


def test_progress_on_a_terminal_and_log_lines_around_it() -> None:
    master, slave = os.openpty()
    with os.fdopen(slave, "w") as terminal:
        assert terminal.isatty()
        progress = Progress(terminal, min_interval=0)
        log = Logger(stdout=terminal, stderr=terminal)
        log.progress = progress
        progress.start("Rendering", 2)
        progress.advance()
        log.info("Note:", "between")
        progress.advance()
        progress.finish()
        output = read_pty(master)
    os.close(master)
    erase = "\r\x1b[K"
    assert output.replace("\r\n", "\n") == (
        f"{erase}Rendering [------------------------] 0/2"
        f"{erase}Rendering [############------------] 1/2"
        f"{erase}              Note: between\n"
        f"{erase}Rendering [############------------] 1/2"
        f"{erase}Rendering [########################] 2/2"
        f"{erase}"
    )


def test_progress_redraws_are_throttled() -> None:
    master, slave = os.openpty()
    now = [0.0]
    with os.fdopen(slave, "w") as terminal:
        progress = Progress(terminal, min_interval=1.0, clock=lambda: now[0])
        progress.start("Writing")
        for _ in range(100):
            progress.advance()
        now[0] = 2.0
        progress.advance()
        output = read_pty(master)
    os.close(master)
    assert output == "\r\x1b[KWriting... 0\r\x1b[KWriting... 101"
