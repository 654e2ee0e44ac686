"""Bad input: one located error line, exit status 1, and the last good ``_site`` left as it was.

Each case is a site with one fault, built by the real command line into a destination that
already holds a site; the test checks the message names the file and line, and that every
byte of the old site is still there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from postforge.cli import main


@dataclass
class Case:
    description: str
    #: relative path → text of the site's files
    files: dict[str, str]
    #: what the error line must match: file:line[:col]: message
    pattern: str


GOOD = {
    "_config.yml": "title: ok\n",
    "_layouts/default.html": "<main>{{ content }}</main>\n",
    "index.md": "---\nlayout: default\n---\n# Hi\n",
}

CASES = [
    Case(
        "malformed front matter",
        {"_posts/2024-01-02-broken.md": "---\ntitle: [unclosed\nlayout: default\n---\nbody\n"},
        r"_posts/2024-01-02-broken\.md:\d+(:\d+)?: ",
    ),
    Case(
        "unknown layout",
        {"about.md": "---\ntitle: About\nlayout: nosuch\n---\nText\n"},
        r"about\.md:3:\d+: unknown layout 'nosuch'",
    ),
    Case(
        "bad Liquid tag",
        {"notes.md": "---\ntitle: Notes\n---\nline one\n\n{% endfro %}\n"},
        r"notes\.md:6:1: .*endfro",
    ),
    Case(
        "error inside a layout",
        {"_layouts/default.html": "<main>\n{{ content | divided_by: 0 }}</main>\n"},
        r"_layouts/default\.html:2: divided by 0",
    ),
    Case(
        "malformed _config.yml",
        {"_config.yml": "title: ok\nexclude: [a, b\n"},
        r"(\S*/)?_config\.yml:\d+:\d+: YAML syntax error",
    ),
]


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.description for c in CASES])
def test_bad_input_fails_cleanly(tmp_path: Path, case: Case) -> None:
    source = tmp_path / "site"
    destination = tmp_path / "out"
    _write(source, GOOD)
    runner = CliRunner()
    first = runner.invoke(main, ["build", "-s", str(source), "-d", str(destination), "-q"])
    assert first.exit_code == 0, first.output
    before = _snapshot(destination)
    assert "index.html" in before

    _write(source, case.files)
    result = runner.invoke(main, ["build", "-s", str(source), "-d", str(destination)])

    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if re.match(case.pattern, line)]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    assert _snapshot(destination) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]
