"""Running one golden case through postforge and judging it: shared by the test and the report.

A case passes when ``markdownify(markdown, config)`` equals Jekyll's HTML after
``tests/compat/compare.py``'s ``normalise`` for an ``.html`` file, the same rule the site
comparison suite applies to whole pages, so "passes here" and "the page matches" mean one thing.
``config`` is what the build hands the converter: the case's ``_config.yml`` keys deep-merged
into Jekyll's defaults (``postforge.config``), as the oracle merged them for Jekyll.

The cases the converter does not match yet are listed in ``pending.txt`` (one name a line,
``#`` comments), rewritten by ``report.py --write-pending``; understood, lasting differences
belong in ``XFAIL`` in ``test_markdown_golden.py`` with their reason instead.
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "PENDING_FILE",
    "PENDING_REASON",
    "Outcome",
    "convert",
    "load_pending",
    "normalised",
    "run_case",
    "sibling",
    "site_config",
    "write_pending",
]

HERE = Path(__file__).resolve().parent
PENDING_FILE = HERE / "pending.txt"
PENDING_REASON = "pending: issue 4's converter does not match Jekyll here yet (pending.txt)"


def sibling(name: str):
    """A module of this directory by path, under a name no other test directory can clash with.

    pytest imports test directories without packages by basename, so a plain ``import corpus``
    could pick up another directory's ``corpus``; the test, the report and this module all load
    their neighbours through here, and so share one copy of each.
    """
    key = f"_postforge_markdown_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


corpus = sibling("corpus")


def _load_compare():
    """tests/compat/compare.py by path, under the name its own tests give it."""
    name = "_postforge_compat_compare"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE.parent / "compat" / "compare.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def normalised(html: str) -> str:
    """The HTML as the site comparison sees it (attributes sorted, inter-tag whitespace folded)."""
    return _load_compare().normalise("page.html", html.encode("utf-8")).decode("utf-8")


def site_config(case_config: dict[str, Any] | None) -> dict[str, Any]:
    """Jekyll's defaults with the case's keys deep-merged in, as ``Jekyll.configuration`` does."""
    from postforge.config import DEFAULTS
    from postforge.config import deep_merge

    return deep_merge(copy.deepcopy(DEFAULTS), case_config or {})


def convert(case: Any) -> str:
    """postforge's HTML for the case."""
    from postforge.markdown import markdownify

    return markdownify(case.markdown, site_config(case.config))


@dataclass(frozen=True)
class Outcome:
    """One case's result: Jekyll's HTML (None if missing/stale), ours, and the verdict."""

    case: Any  # corpus.Case
    expected: str | None
    actual: str | None
    error: str | None
    jekyll_error: str | None
    passed: bool


def run_case(case: Any) -> Outcome:
    """Convert and judge one case; an exception in the converter is a failure, not a crash."""
    entry = corpus.load_expected_cached(case.section).get(case.name)
    expected = corpus.expected_output(case, entry)
    jekyll_error = entry.error if entry is not None and expected is not None else None
    try:
        actual = convert(case)
    except Exception as exc:  # noqa: BLE001 - the report must survive any converter bug
        passed = jekyll_error is not None
        return Outcome(case, expected, None, f"{type(exc).__name__}: {exc}", jekyll_error, passed)
    passed = expected is not None and jekyll_error is None and normalised(actual) == normalised(expected)
    return Outcome(case, expected, actual, None, jekyll_error, passed)


def load_pending() -> dict[str, str]:
    """The names in pending.txt, each with :data:`PENDING_REASON`."""
    if not PENDING_FILE.exists():
        return {}
    names = []
    for line in PENDING_FILE.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.append(name)
    return dict.fromkeys(names, PENDING_REASON)


def write_pending(names: list[tuple[str, str]]) -> None:
    """Rewrite pending.txt: (section, name) pairs, grouped under a comment per section."""
    lines = [
        "# Golden cases postforge's converter does not match yet: expected failures (strict).",
        "# Rewritten by `python tests/markdown/report.py --write-pending`; shrink it, never grow it by hand.",
    ]
    section = None
    for case_section, name in sorted(names):
        if case_section != section:
            lines.append(f"# {case_section}")
            section = case_section
        lines.append(name)
    PENDING_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
