"""The command line (``postforge.cli``) and the starter site (``postforge.scaffold``).

Flag names and the config keys they set are Jekyll 4.3.1's (``command.rb#add_build_options``):
``--drafts`` sets ``show_drafts``, and only the flags given are set. The build function is
injected through click's ``obj`` so that the mapping can be checked without building; one test
runs the real ``python -m postforge build`` in a subprocess.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import postforge
from postforge.cli import format_error
from postforge.cli import main
from postforge.cli import overrides_from_options
from postforge.cli import split_config_files
from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.log import Progress
from postforge.log import logger
from postforge.scaffold import new_site
from postforge.scaffold import starter_files

SRC = Path(__file__).resolve().parents[1] / "src"


@dataclass
class Result:
    pages: int
    posts: int
    files: int


class RecordingBuild:
    """Stands in for ``postforge.site.build``: records its arguments, returns or raises."""

    def __init__(self, result: Any = None, error: BaseException | None = None) -> None:
        self.calls: list[tuple[Path, Path | None, dict[str, Any]]] = []
        self.result = result if result is not None else Result(2, 1, 3)
        self.error = error

    def __call__(self, source: Path, destination: Path | None, **kwargs: Any) -> Any:
        self.calls.append((source, destination, kwargs))
        if self.error is not None:
            raise self.error
        return self.result


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    yield tmp_path
    logger.level = "info"


def run(args: list[str], build: RecordingBuild | None = None) -> Any:
    return CliRunner().invoke(main, args, obj={"build": build} if build is not None else None)


# -- flags → overrides -----------------------------------------------------------------------------

FLAG_CASES = [
    ([], {}, [], "."),
    (["-s", "site"], {"source": "site"}, [], "site"),
    (["--source", "site"], {"source": "site"}, [], "site"),
    (["-d", "out"], {"destination": "out"}, [], "."),
    (["--destination", "out/_site"], {"destination": "out/_site"}, [], "."),
    (["--config", "a.yml,b.yml", "--config", "c.yml"], {}, ["a.yml", "b.yml", "c.yml"], "."),
    (["--config", "_config.yml,,_dev.yml"], {}, ["_config.yml", "_dev.yml"], "."),
    (["-D"], {"show_drafts": True}, [], "."),
    (["--drafts"], {"show_drafts": True}, [], "."),
    (["--future"], {"future": True}, [], "."),
    (["--unpublished"], {"unpublished": True}, [], "."),
    (["--baseurl", "/blog"], {"baseurl": "/blog"}, [], "."),
    (["-b", ""], {"baseurl": ""}, [], "."),
    (["--limit_posts", "3"], {"limit_posts": 3}, [], "."),
    (["--limit-posts", "0"], {"limit_posts": 0}, [], "."),
    (["--disable-disk-cache"], {"disable_disk_cache": True}, [], "."),
    (["--strict_front_matter"], {"strict_front_matter": True}, [], "."),
    (["-q"], {"quiet": True}, [], "."),
    (["--quiet"], {"quiet": True}, [], "."),
    (["-V"], {"verbose": True}, [], "."),
    (["--verbose"], {"verbose": True}, [], "."),
    (["--trace"], {}, [], "."),
    (
        ["-s", "site", "-d", "out", "-D", "--future", "--unpublished", "-b", "/x", "--limit_posts", "1"],
        {
            "source": "site",
            "destination": "out",
            "show_drafts": True,
            "future": True,
            "unpublished": True,
            "baseurl": "/x",
            "limit_posts": 1,
        },
        [],
        "site",
    ),
]


@pytest.mark.parametrize(("args", "overrides", "config_files", "source"), FLAG_CASES)
def test_build_flags_become_jekylls_overrides(
    in_tmp: Path, args: list[str], overrides: dict, config_files: list[str], source: str
) -> None:
    build = RecordingBuild()
    result = run(["build", *args], build)
    assert result.exit_code == 0, result.output
    [(got_source, got_destination, kwargs)] = build.calls
    assert kwargs["overrides"] == overrides
    assert kwargs["config_files"] == [Path(name) for name in config_files]
    assert got_source == Path(source)
    assert got_destination == (Path(overrides["destination"]) if "destination" in overrides else None)
    assert isinstance(kwargs["progress"], Progress)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, {}),
        ({"drafts": False, "future": None, "baseurl": None}, {}),
        ({"drafts": True}, {"show_drafts": True}),
        ({"source": Path("a/b")}, {"source": "a/b"}),
        ({"limit_posts": 0}, {"limit_posts": 0}),
        ({"baseurl": ""}, {"baseurl": ""}),
        ({"config": ("x.yml",), "trace": True}, {}),
    ],
)
def test_overrides_from_options(options: dict, expected: dict) -> None:
    assert overrides_from_options(options) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [((), []), (("a.yml",), ["a.yml"]), (("a.yml,b.toml", "c.yml"), ["a.yml", "b.toml", "c.yml"]), ((",",), [])],
)
def test_split_config_files(values: tuple, expected: list[str]) -> None:
    assert split_config_files(values) == [Path(v) for v in expected]


def test_b_is_an_alias_of_build(in_tmp: Path) -> None:
    build = RecordingBuild()
    assert run(["b", "--future"], build).exit_code == 0
    assert build.calls[0][2]["overrides"] == {"future": True}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit_posts", "-1"], "-1 is not in the range x>=0"),
        (["--limit_posts", "two"], "'two' is not a valid integer"),
        (["-s", "missing"], "Directory 'missing' does not exist"),
        (["--nope"], "--nope"),  # click words this error differently across versions
    ],
)
def test_bad_flags_are_usage_errors(in_tmp: Path, args: list[str], message: str) -> None:
    build = RecordingBuild()
    result = run(["build", *args], build)
    assert result.exit_code == 2
    assert message in result.stderr
    assert build.calls == []


# -- output and errors -----------------------------------------------------------------------------


def test_build_prints_jekylls_header_and_the_summary(in_tmp: Path) -> None:
    result = run(["build", "-s", "site", "-d", "out"], RecordingBuild(Result(2, 1, 3)))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        f"            Source: {(in_tmp / 'site').resolve()}",
        f"       Destination: {(in_tmp / 'out').resolve()}",
        "      Generating... ",
    ]
    assert re.fullmatch(r" {20}Wrote 2 pages, 1 post and 3 files in \d+\.\d\d s", lines[3])
    assert result.stderr == ""


def test_quiet_build_prints_nothing(in_tmp: Path) -> None:
    result = run(["build", "-q"], RecordingBuild())
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_verbose_build_prints_debug_lines(in_tmp: Path) -> None:
    result = run(["build", "-V"], RecordingBuild())
    assert "  Logging at level: debug" in result.stdout
    assert f" Postforge Version: {postforge.__version__}" in result.stdout


def test_postforge_error_is_described_on_stderr(in_tmp: Path) -> None:
    error = PostforgeError("Liquid syntax error: Unknown tag 'nope'", Location("_posts/a.md", 5, 4, "oh {% nope %}"))
    result = run(["build"], RecordingBuild(error=error))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "_posts/a.md:5:4: Liquid syntax error: Unknown tag 'nope'",
        "5 | oh {% nope %}",
        "       ^",
    ]


def test_trace_shows_the_real_exception(in_tmp: Path) -> None:
    error = PostforgeError("boom", Location("a.md", 1))
    result = run(["build", "--trace"], RecordingBuild(error=error))
    assert result.exit_code == 1
    assert result.exception is error


def test_unexpected_error_is_one_line_and_a_hint(in_tmp: Path) -> None:
    result = run(["build"], RecordingBuild(error=RuntimeError("boom")))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "RuntimeError: boom",
        "This is a bug in postforge; run again with --trace for the traceback.",
    ]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PostforgeError("no location"), "no location"),
        (PostforgeError("m", Location("a.md", 3, 2)), "a.md:3:2: m"),
        (PostforgeError("m", Location("a.md", 1, 3, "abcd")), "a.md:1:3: m\n1 | abcd\n      ^"),
        (PostforgeError("m", Location("a.md", 2, None, "line")), "a.md:2: m\n2 | line"),
        (KeyError("k"), "KeyError: 'k'\nThis is a bug in postforge; run again with --trace for the traceback."),
    ],
)
def test_format_error(error: BaseException, expected: str) -> None:
    assert format_error(error) == expected


@pytest.mark.parametrize("flag", ["--version", "-v"])
def test_version(flag: str) -> None:
    result = run([flag])
    assert result.exit_code == 0
    assert result.stdout == f"postforge {postforge.__version__}\n"


# -- new -----------------------------------------------------------------------------------------------


def test_new_writes_the_starter(in_tmp: Path) -> None:
    result = run(["new", "blog"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"New postforge site installed in {(in_tmp / 'blog').resolve()}.\n"
    today = datetime.now().strftime("%Y-%m-%d")
    assert sorted(p.relative_to(in_tmp / "blog").as_posix() for p in (in_tmp / "blog").rglob("*") if p.is_file()) == [
        ".github/workflows/pages.yml",
        ".gitignore",
        "_config.yml",
        f"_posts/{today}-welcome-to-postforge.md",
        "about.md",
        "index.md",
    ]


def test_new_refuses_a_folder_that_is_not_empty(in_tmp: Path) -> None:
    (in_tmp / "blog").mkdir()
    (in_tmp / "blog" / "index.md").write_text("mine")
    result = run(["new", "blog"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{(in_tmp / 'blog').resolve()} exists and is not empty. Ensure it is empty or else try again "
        "with `--force` to proceed and overwrite any files."
    )
    assert (in_tmp / "blog" / "index.md").read_text() == "mine"
    assert sorted(p.name for p in (in_tmp / "blog").iterdir()) == ["index.md"]

    forced = run(["new", "blog", "--force"])
    assert forced.exit_code == 0
    assert (in_tmp / "blog" / "index.md").read_text().startswith("---\n")


def test_new_accepts_a_folder_with_only_hidden_entries(in_tmp: Path) -> None:
    # Jekyll checks Dir["path/**/*"], which skips dotfiles: `new .` works in a fresh git checkout.
    (in_tmp / "blog" / ".git").mkdir(parents=True)
    assert run(["new", "blog"]).exit_code == 0
    assert (in_tmp / "blog" / "_config.yml").is_file()


def test_new_refuses_a_file(in_tmp: Path) -> None:
    (in_tmp / "blog").write_text("x")
    result = run(["new", "blog"])
    assert result.exit_code == 1
    assert "exists and is not a folder" in result.stderr


def test_starter_files_are_dated() -> None:
    now = datetime(2024, 3, 5, 14, 30, 0, tzinfo=timezone(timedelta(hours=1)))
    files = starter_files(now)
    post = files["_posts/2024-03-05-welcome-to-postforge.md"].decode()
    assert "\ndate: 2024-03-05 14:30:00 +0100\n" in post
    assert not any(name.startswith("_posts/0000") for name in files)
    assert all(b"0000-00-00" not in data for data in files.values())


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1]) or {}


def test_starter_uses_the_bundled_theme_and_its_layouts(tmp_path: Path) -> None:
    written = new_site(tmp_path / "s", now=datetime(2024, 3, 5, tzinfo=timezone.utc))
    assert len(written) == 6
    config = yaml.safe_load((tmp_path / "s" / "_config.yml").read_text())
    assert config["theme"] == "default"
    assert front_matter((tmp_path / "s" / "index.md").read_text())["layout"] == "home"
    assert front_matter((tmp_path / "s" / "about.md").read_text()) == {"layout": "page", "title": "About", "permalink": "/about/"}
    post = front_matter((tmp_path / "s" / "_posts" / "2024-03-05-welcome-to-postforge.md").read_text())
    assert post["layout"] == "post"
    assert "_site/" in (tmp_path / "s" / ".gitignore").read_text().splitlines()


# -- the real thing ------------------------------------------------------------------------------


def test_python_m_postforge_build_on_a_broken_site(tmp_path: Path) -> None:
    source = tmp_path / "site"
    source.mkdir()
    (source / "index.md").write_text("---\ntitle: Home\n---\nfine\n{% nope %}\n")
    destination = tmp_path / "_site"
    destination.mkdir()
    (destination / "old.html").write_text("old")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    process = subprocess.run(
        [sys.executable, "-m", "postforge", "build", "-s", str(source), "-d", str(destination)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert process.returncode == 1, process.stderr
    errors = [line for line in process.stderr.splitlines() if re.match(r"index\.md:5(:\d+)?: .*nope", line)]
    assert len(errors) == 1, process.stderr
    assert "Traceback" not in process.stderr
    assert (destination / "old.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site", "site"]


def _program(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m postforge ARGS``: the program as users run it (its quick exit included)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    env.pop("PYTHONUNBUFFERED", None)  # a pipe is block-buffered: what is not flushed is lost
    return subprocess.run([sys.executable, "-m", "postforge", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


def test_the_program_exits_with_the_commands_status_after_the_exit_functions(tmp_path: Path) -> None:
    source = tmp_path / "site"
    (source / "_plugins").mkdir(parents=True)
    (source / "index.md").write_text("---\ntitle: Home\n---\nHello\n")
    # a site plugin that leaves a note when the process exits: exit functions must still run
    (source / "_plugins" / "note.py").write_text(
        "import atexit\nimport pathlib\n"
        f"atexit.register(pathlib.Path({str(tmp_path / 'note.txt')!r}).write_text, 'exited')\n"
    )
    built = _program(["build", "-s", str(source), "-d", str(tmp_path / "out")], tmp_path)
    assert built.returncode == 0, built.stderr
    assert "Hello" in (tmp_path / "out" / "index.html").read_text()
    assert (tmp_path / "note.txt").read_text() == "exited"
    assert built.stdout.splitlines()[-1].split() == ["Output:", str(tmp_path / "out")]  # flushed before the exit
    assert _program(["--version"], tmp_path).returncode == 0
    assert _program(["build", "--no-such-flag"], tmp_path).returncode == 2
    (source / "index.md").write_text("---\ntitle: [unclosed\n---\nHello\n")
    failed = _program(["build", "-s", str(source), "-d", str(tmp_path / "out")], tmp_path)
    assert failed.returncode == 1 and "index.md" in failed.stderr
