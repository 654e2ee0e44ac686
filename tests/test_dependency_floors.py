"""The support matrix pyproject.toml declares: dependency floors and Python 3.10 to 3.13, each tested.

* ``constraints-floor.txt`` pins every runtime dependency at pyproject.toml's ``>=`` floor; the two
  must agree (a fast test), and the running environment must meet the floors.
* With the floors installed from PyPI into a fresh virtual environment (and the wheel built from
  this checkout), postforge builds two sites, the repository's example site and a starter site with
  the built-in plugins and highlighted code, to the same bytes as the running environment does,
  and the engine's own tests (Liquid, Markdown, highlighting: the code the floors matter to) pass.
* On every other supported Python found on the machine (pyenv's, or ``pythonX.Y`` on PATH), a fresh
  virtual environment with the wheel and the newest dependencies builds the same two sites to the
  same bytes. A Python that is not installed is skipped, saying so.

These tests download from PyPI (CI reaches it; pip's cache makes later runs quick) and take tens of
seconds each; without network access they skip rather than fail. The running interpreter itself is
covered by the whole suite.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from packaging_support import REPO
from packaging_support import build_dists
from packaging_support import clean_environment
from packaging_support import run
from packaging_support import venv_python

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

CONSTRAINTS = REPO / "constraints-floor.txt"
OTHER_PYTHONS = [v for v in ("3.10", "3.12", "3.13") if v != f"{sys.version_info[0]}.{sys.version_info[1]}"]

#: a fixed site.time, so two builds of one source are byte for byte comparable
SITE_TIME = "2024-06-01 12:00:00 +0000"

#: what pip prints when PyPI cannot be reached (then the test skips: it cannot say anything)
_OFFLINE = re.compile(r"NewConnectionError|Network is unreachable|Temporary failure in name resolution|"
                      r"Could not fetch URL|No matching distribution found for (?:Jinja2|pytest)")

#: known failures on one Python, by version: strict, so a fix turns them into an XPASS to remove
KNOWN_PYTHON_FAILURES: dict[str, str] = {}


def _floors() -> dict[str, Version]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue  # e.g. tomli, needed on Python 3.10 only
        lower = [spec for spec in requirement.specifier if spec.operator == ">="]
        assert len(lower) == 1, f"{line!r}: every dependency needs exactly one >= floor"
        floors[requirement.name.lower()] = Version(lower[0].version)
    return floors


def _pins() -> dict[str, Version]:
    pins = {}
    for raw in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{line!r}: constraints-floor.txt pins with =="
        pins[requirement.name.lower()] = Version(spec.version)
    return pins


def test_the_constraints_pin_exactly_the_declared_floors() -> None:
    assert _pins() == _floors()


def test_the_running_environment_meets_the_floors() -> None:
    below = {name: (metadata.version(name), str(floor)) for name, floor in _floors().items()
             if Version(metadata.version(name)) < floor}
    assert not below


# -- fresh environments ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dists(tmp_path_factory.mktemp("dists"))[1]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Two site sources and what the running environment builds from each: name → (source, _site)."""
    root = tmp_path_factory.mktemp("sites")
    example = root / "example"
    example.mkdir()
    for name in ("_config.yml", "index.html", "_posts", "_includes", "_data", "_layouts"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, example / name)
        elif source.is_file():
            shutil.copy2(source, example / name)
    starter = root / "starter"
    run([sys.executable, "-m", "postforge", "new", str(starter)])
    (starter / "_posts" / "2024-01-02-queues.md").write_text(
        "---\nlayout: post\ntitle: Queues\ntags: [sqs]\n---\n"
        "- message reappears? the visibility timeout expired\n\nAWS Lambda reads from SQS.\n\n"
        "```python\nimport boto3\nsqs = boto3.client(\"sqs\")  # the client\n```\n",
        encoding="utf-8",
    )
    with (starter / "_config.yml").open("a", encoding="utf-8") as config:
        config.write("\nplugins: [jekyll-archives, triage, glossary, jekyll-feed, jekyll-seo-tag, jekyll-sitemap]\n")
    built = {}
    for name, source in (("example", example), ("starter", starter)):
        (source / "_time.yml").write_text(f"time: {SITE_TIME}\ntimezone: UTC\n", encoding="utf-8")
        destination = root / f"{name}-reference"
        _build([sys.executable, "-m", "postforge"], source, destination, dict(os.environ))
        built[name] = (source, destination)
    return built


def _build(postforge: list[str], source: Path, destination: Path, env: dict[str, str]) -> None:
    run([*postforge, "build", "-q", "-s", str(source), "-d", str(destination),
         "--config", f"{source / '_config.yml'},{source / '_time.yml'}"], env=env, cwd=source)


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; a source map's ``sources`` name where the theme is installed, so they are left out."""
    tree = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".map":
                source_map = json.loads(data)
                source_map["sources"] = [Path(name).name for name in source_map.get("sources", [])]
                data = json.dumps(source_map, sort_keys=True).encode("utf-8")
            tree[path.relative_to(folder).as_posix()] = data
    return tree


def _assert_same_sites(postforge: list[str], env: dict[str, str], sites: dict[str, tuple[Path, Path]],
                       work: Path) -> None:
    for name, (source, reference) in sites.items():
        destination = work / f"{name}-site"
        _build(postforge, source, destination, env)
        expected, got = _tree(reference), _tree(destination)
        assert sorted(got) == sorted(expected), name
        differing = [path for path in expected if got[path] != expected[path]]
        assert not differing, f"{name}: these files differ from the running environment's build: {differing}"


def _pip_install(python: Path, args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
                            capture_output=True, text=True, env=env, timeout=900, check=False)
    if result.returncode != 0:
        if _OFFLINE.search(result.stderr + result.stdout):
            pytest.skip(f"PyPI is not reachable from here: {result.stderr.strip().splitlines()[-1]}")
        raise AssertionError(f"pip install {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def _fresh_venv(python: str, venv: Path) -> tuple[Path, dict[str, str]]:
    run([python, "-m", "venv", str(venv)], timeout=300)
    return venv_python(venv), clean_environment(venv)


def test_the_floors_build_the_same_sites_and_pass_the_engine_tests(
    wheel: Path, sites: dict[str, tuple[Path, Path]], tmp_path: Path,
) -> None:
    python, env = _fresh_venv(sys.executable, tmp_path / "venv")
    floors = _pins()  # test_the_constraints_pin_exactly_the_declared_floors ties them to pyproject.toml
    _pip_install(python, ["-c", str(CONSTRAINTS), *floors, "pytest"], env)
    _pip_install(python, ["--no-deps", str(wheel)], env)
    listed = run([str(python), "-m", "pip", "list", "--format=freeze"], env=env).stdout
    installed = {Requirement(line).name.lower(): Version(line.split("==")[1]) for line in listed.split() if "==" in line}
    assert {name: installed.get(name) for name in floors} == floors

    _assert_same_sites([str(python), "-m", "postforge"], env, sites, tmp_path)

    # the engine's tests, run by the floors (postforge imported from the venv's wheel, not the checkout)
    result = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "tests/liquid", "tests/markdown", "tests/test_highlight.py", "tests/plugins/test_jemoji.py"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def _find_python(version: str) -> str | None:
    """An interpreter of ``version``: pyenv's (shims may point elsewhere), else ``pythonX.Y`` on PATH."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    candidates = sorted(glob.glob(os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}")))
    on_path = shutil.which(f"python{version}")
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        probe = subprocess.run([candidate, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True, check=False)
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


@pytest.mark.parametrize(
    "version",
    [pytest.param(v, marks=[pytest.mark.xfail(reason=KNOWN_PYTHON_FAILURES[v], strict=True)]
                  if v in KNOWN_PYTHON_FAILURES else []) for v in OTHER_PYTHONS],
)
def test_another_supported_python_builds_the_same_sites(
    version: str, wheel: Path, sites: dict[str, tuple[Path, Path]], tmp_path: Path,
) -> None:
    found = _find_python(version)
    if found is None:
        pytest.skip(f"Python {version} is not installed here")
    python, env = _fresh_venv(found, tmp_path / "venv")
    _pip_install(python, [str(wheel)], env)
    _assert_same_sites([str(python), "-m", "postforge"], env, sites, tmp_path)
