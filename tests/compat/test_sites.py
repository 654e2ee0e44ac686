"""The Jekyll comparison suite: postforge must build each site in ``sites/`` as Jekyll 4.3.1 did.

Every ``sites/<name>/src/`` is a small site aimed at one area (permalinks, collections, data
files, Sass, ...). ``sites/<name>/expected/`` is what the real Jekyll built from it
(``regenerate.sh``; never edited). Here postforge builds the same source through its public API,
``postforge.site.build``, under the oracle's conditions (``JEKYLL_ENV=production``, ``TZ=UTC``),
and ``compare.compare_trees`` must find every file equivalent (``compare.normalise`` says what
that means: only attribute order, whitespace between tags and line endings are forgiven).

Known, understood differences go in ``KNOWN_DIFFERENCES``, keyed ``"<site>/<path in expected>"``,
each with its reason; an entry that stops differing fails the test until it is removed.
``test_equivalent_file_count`` prints how many of Jekyll's files postforge matches in all.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

HERE = Path(__file__).resolve().parent
SITES_DIR = HERE / "sites"
SITES = sorted(path.parent.name for path in SITES_DIR.glob("*/src"))


def _load_compare():
    """compare.py by path, under a name no other test directory can clash with."""
    name = "_postforge_compat_compare"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "compare.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


compare = _load_compare()

#: "<site>/<path relative to expected/>" -> why postforge's file differs from Jekyll's there
KNOWN_DIFFERENCES: dict[str, str] = {
    "markdown-basics/2023/09/11/code-in-notes.html": "Python highlighting: Rouge classes the alias after "
    "'import numpy as' as a plain name (n), Pygments as a namespace (nn)",
}

#: the environment the oracle's site.sh builds with
ORACLE_ENVIRONMENT = {"JEKYLL_ENV": "production", "TZ": "UTC"}


def known_for(site: str) -> dict[str, str]:
    """The known differences of one site, keyed by path within its ``expected/``."""
    prefix = site + "/"
    return {key[len(prefix):]: reason for key, reason in KNOWN_DIFFERENCES.items() if key.startswith(prefix)}


@contextlib.contextmanager
def oracle_environment() -> Iterator[None]:
    """Build as site.sh does: production environment, UTC; restore the process after."""
    saved = {key: os.environ.get(key) for key in ORACLE_ENVIRONMENT}
    os.environ.update(ORACLE_ENVIRONMENT)
    time.tzset()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        time.tzset()


class Builds:
    """Each site built once per test session; a build's exception is kept to be re-raised."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.results: dict[str, Path | BaseException] = {}

    def get(self, site: str) -> Path:
        """The destination postforge built ``site`` into (raises what the build raised)."""
        if site not in self.results:
            destination = self.root / site / "_site"
            try:
                from postforge.site import build

                with oracle_environment():
                    build(SITES_DIR / site / "src", destination)
                self.results[site] = destination
            except Exception as error:  # noqa: BLE001 - re-raised by every test that needs it
                self.results[site] = error
        result = self.results[site]
        if isinstance(result, BaseException):
            raise result
        return result


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory.mktemp("compat"))


def test_known_differences_name_real_sites() -> None:
    unknown = sorted(key for key in KNOWN_DIFFERENCES if key.split("/", 1)[0] not in SITES)
    assert not unknown, f"KNOWN_DIFFERENCES entries for sites that do not exist: {unknown}"
    unexplained = sorted(key for key, reason in KNOWN_DIFFERENCES.items() if not reason.strip())
    assert not unexplained, f"KNOWN_DIFFERENCES entries without a reason: {unexplained}"


def test_every_site_has_a_golden() -> None:
    assert len(SITES) >= 14
    missing = [site for site in SITES if not (SITES_DIR / site / "expected").is_dir()]
    assert not missing, f"run tests/compat/regenerate.sh: no golden expected/ for {missing}"


@pytest.mark.parametrize("site", SITES)
def test_site_matches_jekyll(site: str, builds: Builds) -> None:
    actual = builds.get(site)
    problems = compare.compare_trees(SITES_DIR / site / "expected", actual, known_for(site))
    assert not problems, f"{site}: {len(problems)} file(s) differ from Jekyll's\n\n" + "\n\n".join(problems)


def test_equivalent_file_count(builds: Builds, capsys: pytest.CaptureFixture[str]) -> None:
    """Not a gate: the tally for the closing note (a site that fails to build counts 0)."""
    lines = []
    same_total = files_total = 0
    for site in SITES:
        golden = SITES_DIR / site / "expected"
        try:
            same, total = compare.count_equivalent(golden, builds.get(site))
            note = ""
        except Exception as error:  # noqa: BLE001 - counted as nothing built
            same, total = 0, compare.count_equivalent(golden, golden)[1]
            note = f"  (build failed: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})"
        same_total += same
        files_total += total
        lines.append(f"  {site:36} {same:3}/{total:<3}{note}")
    summary = f"compat: {same_total} of {files_total} Jekyll output files equivalent across {len(SITES)} sites"
    with capsys.disabled():
        print("\n" + "\n".join(lines) + "\n" + summary)
    assert files_total > 0
