"""Every code example in ``docs/*.md`` and ``README.md`` runs, and its shown output is what it prints.

The convention, written for authors at the top of ``docs/README.md``:

* A fenced block runs by its language (the first word of its info string): ``liquid`` renders with
  ``postforge.liquid.Environment``; ``yaml`` is read as a site's ``_config.yml`` by
  ``postforge.config.load_config`` and a tiny site is built with it (a GitHub Actions workflow, a
  mapping of ``jobs:``, is checked by actionlint instead); ``python`` is executed in an
  empty temporary folder; ``sh``/``console``/``shell``/``bash`` run the ``postforge`` commands they
  contain in a site made by ``postforge new``; ``markdown`` goes through ``markdownify`` (front
  matter split off first); ``toml`` and ``json`` are parsed.
* A block whose info string has ``output`` as its second word (```` ```html output ````) is the
  expected output of the runnable block above it: the rendered Liquid, the converted Markdown or
  what the Python printed, compared exactly apart from leading and trailing blank space.
* HTML comments on the lines just before a fence (blank lines between are allowed) set options:
  ``<!-- not-run: why -->`` skips the block; ``<!-- file: PATH -->`` writes the block into the
  document's example site at PATH instead of running it (a starter site, made on first use;
  ``_includes/…`` files are also the includes of later ``liquid`` blocks); ``<!-- site -->`` renders a
  ``liquid`` block as a page of that site, built by ``postforge build``, so ``site``, ``page``,
  ``link``, ``post_url`` and plugin tags work; ``<!-- data: {YAML flow mapping} -->`` gives a
  ``liquid`` block its variables.
* Blocks in other languages (``text``, ``html`` without ``output``, none) are shown, not run.

In ``sh`` blocks only ``postforge`` commands (and ``cd``) run, each of which must succeed: ``pip``
would install from the network, ``postforge serve`` starts a server that never returns, ``git``,
``rsync`` and the rest act outside the example; those are skipped, and the test says so in its
skip reasons. ``KEY=value`` prefixes set the environment of the command.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import pytest

from postforge.config import load_config
from postforge.liquid import Environment
from postforge.markdown import markdownify
from postforge.psych import load_yaml
from postforge.reading.frontmatter import split_front_matter
from postforge.scaffold import new_site
from postforge.site import build

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
DOCS = sorted((REPO / "docs").glob("*.md")) + [REPO / "README.md"]

RUNNABLE = {"liquid", "yaml", "yml", "python", "sh", "shell", "bash", "console", "markdown", "md", "toml", "json"}
SHELLS = {"sh", "shell", "bash", "console"}

#: fewer examples than this running means the convention broke somewhere (a ratchet: raise it as docs grow)
MIN_RUN = 45

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
_DIRECTIVE = re.compile(r"^\s*<!--\s*(?P<name>[a-z-]+)\s*(?::\s*(?P<value>.*?))?\s*-->\s*$")


@dataclass
class Block:
    doc: Path
    line: int
    lang: str
    info: list[str]
    text: str
    options: dict[str, str] = field(default_factory=dict)
    expected: str | None = None

    @property
    def id(self) -> str:
        name = self.doc.relative_to(REPO).as_posix() if self.doc.is_relative_to(REPO) else self.doc.name
        return f"{name}:{self.line}:{self.lang or 'plain'}"

    @property
    def runs(self) -> bool:
        return self.lang in RUNNABLE and "not-run" not in self.options and "output" not in self.info


def parse_blocks(doc: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, with their directives; output blocks joined to their block."""
    lines = doc.read_text(encoding="utf-8").split("\n")
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].split()
        body = []
        end = index + 1
        while end < len(lines):
            stripped = lines[end].strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                break
            body.append(lines[end][len(indent):] if lines[end].startswith(indent) else lines[end].lstrip())
            end += 1
        options = {}
        before = index - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        while before >= 0 and (directive := _DIRECTIVE.match(lines[before])):
            options[directive["name"]] = directive["value"] or ""
            before -= 1
        lang = info[0].lower() if info else ""
        blocks.append(Block(doc, index + 1, lang, [word.lower() for word in info], "\n".join(body) + "\n", options))
        index = end + 1
    for position, block in enumerate(blocks):
        if "output" in block.info[1:2]:
            owner = next((b for b in reversed(blocks[:position]) if b.runs), None)
            assert owner is not None, f"{block.id}: an output block with no runnable block before it"
            assert owner.expected is None, f"{block.id}: {owner.id} has two output blocks"
            owner.expected = block.text
    return blocks


ALL_BLOCKS = [block for doc in DOCS for block in parse_blocks(doc)]


# -- running one block ---------------------------------------------------------------------------------


class DocSite:
    """The example site of one document: a starter site, plus the ``file:`` blocks before a block."""

    def __init__(self, root: Path, blocks: list[Block]) -> None:
        self.path = root / "site"
        new_site(self.path)
        self.includes: dict[str, str] = {}
        for block in blocks:
            relative = block.options["file"].strip()
            target = self.path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
            if relative.startswith("_includes/"):
                self.includes[relative[len("_includes/"):]] = block.text


def _doc_site(block: Block, tmp_path: Path) -> DocSite:
    earlier = [b for b in ALL_BLOCKS if b.doc == block.doc and b.line < block.line and "file" in b.options]
    return DocSite(tmp_path, earlier)


def _compare(block: Block, actual: str) -> None:
    if block.expected is not None:
        assert actual.strip() == block.expected.strip(), f"{block.id}: the output differs from the doc's"


def run_liquid(block: Block, tmp_path: Path) -> None:
    if "site" in block.options:
        site = _doc_site(block, tmp_path)
        (site.path / "docs-example.html").write_text("---\n---\n" + block.text, encoding="utf-8")
        build(site.path, tmp_path / "_site", overrides={"quiet": True, "jobs": 1})
        _compare(block, (tmp_path / "_site" / "docs-example.html").read_text(encoding="utf-8"))
        return
    includes = _doc_site(block, tmp_path).includes if any(
        "file" in b.options for b in ALL_BLOCKS if b.doc == block.doc and b.line < block.line) else {}
    env = Environment(partials=includes)
    data = load_yaml(block.options["data"], "data") if "data" in block.options else {}
    config = load_config(tmp_path, None, {})
    rendered = env.from_string(block.text, block.id).render(
        dict(data or {}), registers={"markdownify": lambda text: markdownify(text, config)}
    )
    _compare(block, rendered)


def _is_workflow(data: Any) -> bool:
    """A GitHub Actions workflow: ``jobs:`` holding jobs (``runs-on``, ``uses`` or ``steps``)."""
    jobs = data.get("jobs") if isinstance(data, dict) else None
    return isinstance(jobs, dict) and bool(jobs) and all(
        isinstance(job, dict) and {"runs-on", "uses", "steps"} & set(job) for job in jobs.values()
    )


def run_workflow(block: Block, tmp_path: Path) -> None:
    """A workflow is not a site's configuration: actionlint checks it (parsed only without actionlint)."""
    workflow = tmp_path / ".github" / "workflows" / "docs.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(block.text, encoding="utf-8")
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        return
    result = subprocess.run([actionlint, "-no-color", str(workflow)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, f"{block.id}: actionlint:\n{result.stdout}{result.stderr}"


def run_yaml(block: Block, tmp_path: Path) -> None:
    if _is_workflow(load_yaml(block.text, block.id)):
        run_workflow(block, tmp_path)
        return
    site = tmp_path / "tiny"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text(block.text, encoding="utf-8")
    (site / "index.md").write_text("---\ntitle: Home\n---\n# Home\n\nA tiny site.\n", encoding="utf-8")
    (site / "_posts" / "2024-01-02-hello.md").write_text("---\ntitle: Hello\n---\nHello, *world*.\n", encoding="utf-8")
    config = load_config(site)
    assert isinstance(config, dict)
    result = build(site, tmp_path / "_site", overrides={"quiet": True, "jobs": 1})
    assert (tmp_path / "_site" / "index.html").is_file(), result


def run_python(block: Block, tmp_path: Path) -> None:
    printed = io.StringIO()
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(block.text, block.id, "exec"), {"__name__": "__docs__"})  # noqa: S102 - the docs' own code
    finally:
        os.chdir(here)
    _compare(block, printed.getvalue())


#: commands a shell example may contain that the test does not run, and why
NOT_RUN_COMMANDS = {
    "pip": "installs from the network",
    "git": "acts on a repository",
    "rsync": "copies to another machine",
    "pytest": "would run the test suite inside itself",
    "open": "opens a browser",
    "curl": "reaches the network",
}


def _commands(block: Block) -> list[str]:
    lines = block.text.split("\n")
    if block.lang == "console":
        lines = [line[2:] for line in lines if line.startswith("$ ")]
    joined = "\n".join(lines).replace("\\\n", " ")
    commands = []
    for line in joined.split("\n"):
        for part in re.split(r"\s*(?:&&|;|\|\|)\s*", line):
            words = shlex.split(part, comments=True)
            if words:
                commands.append(words)
    return commands


def run_shell(block: Block, tmp_path: Path) -> None:
    site = _doc_site(block, tmp_path)
    cwd = site.path
    skipped = []
    ran = 0
    for words in _commands(block):
        env = dict(os.environ)
        while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
            key, _, value = words.pop(0).partition("=")
            env[key] = value
        if not words:
            continue
        program, args = words[0], words[1:]
        if program == "cd":
            cwd = (cwd / args[0]).resolve()
            continue
        if program in ("python", "python3") and args[:2] == ["-m", "postforge"]:
            program, args = "postforge", args[2:]
        if program in ("python", "python3") and args[:1] == ["-m"] and len(args) > 1:
            program, args = args[1], args[2:]
        if program != "postforge":
            skipped.append(f"{program}: {NOT_RUN_COMMANDS.get(program, 'not a postforge command')}")
            continue
        if args[:1] in (["serve"], ["s"], ["server"]):
            skipped.append("postforge serve: starts a server that runs until stopped")
            continue
        result = subprocess.run([sys.executable, "-m", "postforge", *args], cwd=cwd, env=env,
                                capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, f"{block.id}: postforge {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        ran += 1
    if not ran:
        pytest.skip(f"no postforge command to run here ({'; '.join(skipped)})")


def run_markdown(block: Block, tmp_path: Path) -> None:
    data, body, _ = split_front_matter(block.text, block.id)
    config = load_config(tmp_path, None, {})
    _compare(block, markdownify(body if data is not None else block.text, config))


def run_data(block: Block, tmp_path: Path) -> None:
    if block.lang == "toml":
        tomllib.loads(block.text)
    else:
        json.loads(block.text)


RUNNERS = {
    "liquid": run_liquid, "yaml": run_yaml, "yml": run_yaml, "python": run_python, "markdown": run_markdown,
    "md": run_markdown, "toml": run_data, "json": run_data, **{shell: run_shell for shell in SHELLS},
}


# -- the tests -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("block", [b for b in ALL_BLOCKS if b.runs and "file" not in b.options], ids=lambda b: b.id)
def test_example_runs(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JEKYLL_ENV", raising=False)
    RUNNERS[block.lang](block, tmp_path)


def test_the_examples_are_counted() -> None:
    ran = [b for b in ALL_BLOCKS if b.runs and "file" not in b.options]
    files = [b for b in ALL_BLOCKS if b.runs and "file" in b.options]
    skipped = [b for b in ALL_BLOCKS if "not-run" in b.options]
    shown = [b for b in ALL_BLOCKS if b.lang not in RUNNABLE and "output" not in b.info]
    summary = (f"{len(ALL_BLOCKS)} blocks: {len(ran)} run, {len(files)} site files, {len(skipped)} not-run, "
               f"{len(shown)} shown only")
    assert len(ran) >= MIN_RUN, summary
    for block in skipped:
        assert block.options["not-run"].strip(), f"{block.id}: say why it is not run"


def test_the_index_links_every_doc() -> None:
    index = (REPO / "docs" / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([\w.-]+\.md)(?:#[\w-]*)?\)", index))
    missing = sorted(doc.name for doc in (REPO / "docs").glob("*.md") if doc.name != "README.md" and doc.name not in linked)
    assert not missing, f"docs/README.md does not link: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.relative_to(REPO).as_posix())
def test_relative_links_resolve(doc: Path) -> None:
    text = re.sub(r"(?ms)^(`{3,}|~{3,}).*?^\1", "", doc.read_text(encoding="utf-8"))
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:|#", target):
            continue
        path = target.split("#", 1)[0]
        if not (doc.parent / path).exists():
            broken.append(target)
    assert not broken, f"{doc.name}: links to missing files: {broken}"


def test_an_output_block_checks_what_it_follows(tmp_path: Path) -> None:
    """The convention itself: a wrong expected output fails, a right one passes."""
    doc = tmp_path / "doc.md"
    doc.write_text("```liquid\n{{ 'a' | upcase }}\n```\n\n```text output\nB\n```\n\n"
                   "<!-- not-run: shown only -->\n```python\nraise SystemExit\n```\n", encoding="utf-8")
    first, _, last = parse_blocks(doc)
    assert first.expected == "B\n" and not last.runs and last.options == {"not-run": "shown only"}
    with pytest.raises(AssertionError, match="differs"):
        run_liquid(first, tmp_path)
    first.expected = "A\n"
    run_liquid(first, tmp_path)


def _used(blocks: list[Block], pattern: str) -> set[str]:
    """Names used in the run examples (a Python example may show a tag failing, as ``render`` does)."""
    return {name for block in blocks if block.lang in ("liquid", "python") and block.runs
            for name in re.findall(pattern, block.text)}


def test_every_filter_and_tag_has_a_run_example_in_liquid_md() -> None:
    blocks = [b for b in ALL_BLOCKS if b.doc.name == "liquid.md"]
    env = Environment()
    filters = _used(blocks, r"\|\s*([a-z_0-9]+)")
    tags = _used(blocks, r"\{%-?\s*([a-z_#]+)") | _used(blocks, r"(?m)^\s*(echo|assign|cycle|increment)\b")
    plugin_tags = {"seo", "feed_meta"}
    assert not sorted(set(env.filters) - filters), "filters without a run example in docs/liquid.md"
    assert not sorted((set(env.tags) | plugin_tags) - tags), "tags without a run example in docs/liquid.md"


def test_every_config_default_is_documented() -> None:
    from postforge.config import DEFAULTS

    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    keys = set(DEFAULTS) | {f"kramdown.{key}" for key in DEFAULTS["kramdown"]} | {f"liquid.{k}" for k in DEFAULTS["liquid"]}
    missing = sorted(key for key in keys if not re.search(rf"`{re.escape(key.split('.')[-1])}[`:]", text))
    assert not missing, f"docs/configuration.md does not name: {missing}"


def test_every_command_and_flag_is_documented() -> None:
    import click

    from postforge.cli import main

    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for name, command in main.commands.items():
        if f"postforge {name}" not in text:
            missing.append(name)
        for param in command.params:
            if isinstance(param, click.Option):
                missing += [f"{name} {opt}" for opt in param.opts + param.secondary_opts if f"`{opt}" not in text]
    assert not missing, f"docs/cli.md does not name: {missing}"
