"""The ``postforge`` program forks its Markdown converter before it imports anything
(``postforge.program``), and hands it the options once the command line is parsed.

Real processes: a converter forked first, given the options, is the one the build takes over
(its shards are the build's, the site is a one-process build's); told it is not needed (a kept
model), or left without a word when the program ends, it ends having converted nothing. The
site folder the program looks at before parsing is a table of argument lists.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from postforge import program
from postforge.incremental import preconvert
from postforge.incremental.preconvert import expect_early
from postforge.incremental.preconvert import start_early
from postforge.incremental.preconvert import stop_early
from postforge.reading import walker
from postforge.site import build
from site_files import tree
from site_files import write_site
from test_preconvert import one_converter_for_all


def _posts(count: int) -> dict[str, str]:
    return {f"_posts/2024-01-{day:02d}-p{day}.md": f"---\ntitle: P{day}\n---\nPost *{day}*.\n" for day in range(1, count + 1)}


def _shards(source: Path) -> list[str]:
    folder = source / ".postforge-cache" / "markdown"
    return sorted(os.listdir(folder)) if folder.is_dir() else []


@pytest.mark.parametrize(
    ("args", "source"),
    [
        ([], "."),
        (["-s", "site"], "site"),
        (["--source", "site"], "site"),
        (["--source=site"], "site"),
        (["-ssite"], "site"),
        (["-q", "-I", "-s", "/a/b", "-d", "out"], "/a/b"),
        (["-s"], "."),
    ],
)
def test_the_site_folder_is_read_from_the_arguments(args: list[str], source: str) -> None:
    assert program._source(args) == source


def test_a_converter_forked_first_is_the_one_the_build_takes_over(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    one_converter_for_all(monkeypatch)
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\nincremental: true\n", **_posts(20)})
    waiting = program._fork_converter()
    assert waiting is not None
    expect_early(*waiting)
    time.sleep(0.05)
    assert _shards(source) == []  # it waits for the options
    start_early(source, tmp_path / "early", None, {"jobs": 2})
    build(source, tmp_path / "early", overrides={"jobs": 2})
    stop_early()
    build(source, tmp_path / "plain", overrides={"jobs": 1, "incremental": False})
    assert tree(tmp_path / "early") == tree(tmp_path / "plain")
    names = _shards(source)
    assert {name.split("-")[1] for name in names} == {str(waiting[0])}  # all converted by the process forked first
    assert not preconvert._EARLY and not preconvert._WAITING


def test_a_converter_not_needed_ends_without_converting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(walker, "MIN_DOCUMENTS", 1)
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\n", **_posts(5)})
    build(source, tmp_path / "before", overrides={"jobs": 2, "incremental": True})  # a model is kept
    before = _shards(source)
    waiting = program._fork_converter()
    assert waiting is not None
    expect_early(*waiting)
    start_early(source, tmp_path / "out", None, {"jobs": 2, "incremental": True})
    assert not preconvert._EARLY and not preconvert._WAITING
    with pytest.raises(ChildProcessError):
        os.waitpid(waiting[0], 0)  # ended, and reaped
    assert _shards(source) == before


def test_a_converter_left_without_options_ends_with_the_pipe(tmp_path: Path) -> None:
    waiting = program._fork_converter()
    assert waiting is not None
    pid, send, _build = waiting
    os.close(send)  # (what the program's end does)
    started = time.monotonic()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert time.monotonic() - started < 10


def test_the_program_builds_as_the_command_line_says(tmp_path: Path) -> None:
    """``python -m postforge build`` through the program, a converter forked first: the site of a
    plain build, and no process left behind to hold the output open."""
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\n", **_posts(12)})
    done = subprocess.run([sys.executable, "-m", "postforge", "build", "-q", "-I", "-j", "2", "-s", str(source),
                           "-d", str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    build(source, tmp_path / "plain", overrides={"jobs": 1, "incremental": False})
    assert tree(tmp_path / "out") == tree(tmp_path / "plain")
