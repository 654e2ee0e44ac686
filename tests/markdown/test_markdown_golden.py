"""The Markdown golden corpus: ``markdownify`` must give Jekyll 4.3.1's HTML for every case.

Each case in ``cases/<section>.txt`` was converted by the real Jekyll (``regenerate.py``, through
Jekyll's own Markdown converter: kramdown 2.4 with GFM input, Rouge); its answer is in
``expected/<section>.txt``. Here the same text and ``_config.yml`` keys go through
``postforge.markdown.markdownify`` with the configuration a build would hand it, and the two must
be equal after the site comparison's ``normalise`` (``golden.py`` says why that rule).

Expected failures are strict, so a case that starts passing must leave its list:

* ``XFAIL`` below: understood, lasting differences, each with its reason;
* ``pending.txt``: what the converter does not match yet, rewritten by
  ``python tests/markdown/report.py --write-pending``.

This file is not named ``test_golden.py`` because ``tests/liquid/golden`` has one: without
packages pytest imports test modules by basename, and two of one name stop the collection.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent


def _load_golden():
    """golden.py by path, under the name it gives its own siblings."""
    key = "_postforge_markdown_golden"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, HERE / "golden.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


golden = _load_golden()
corpus = golden.corpus

#: case name -> why postforge's HTML differs from Jekyll's there, for good (strict xfail:
#: remove the entry once the case passes). Not-yet-done cases go in pending.txt instead.
XFAIL: dict[str, str] = {}

#: the corpus is the issue's evidence: at least this many cases, in at least these sections
MIN_CASES = 450
SECTIONS = {
    "abbreviations", "attributes", "blockquotes", "code", "commonmark", "definition_lists",
    "emphasis", "escapes_entities", "fenced_code", "footnotes", "gfm_inline", "header_ids",
    "horizontal_rules", "html", "links_images", "lists", "options", "paragraphs", "study_notes",
    "tables", "toc", "typography",
}

CASES = [case for cases in corpus.load_cases().values() for case in cases]


def _expected(case: Any) -> str | None:
    """Jekyll's HTML for the case, or None when it is missing or stale."""
    return corpus.expected_output(case, corpus.load_expected_cached(case.section).get(case.name))


def _params():
    expected_failures = {**golden.load_pending(), **XFAIL}
    for case in CASES:
        marks = []
        if case.name in expected_failures:
            marks.append(pytest.mark.xfail(reason=expected_failures[case.name], strict=True))
        yield pytest.param(case, id=f"{case.section}/{case.name}", marks=marks)


def test_corpus_size() -> None:
    """At least MIN_CASES cases, every section present, every case answered by Jekyll."""
    assert len(CASES) >= MIN_CASES
    assert SECTIONS <= {case.section for case in CASES}
    unanswered = [case.name for case in CASES if _expected(case) is None]
    assert not unanswered, f"run tests/markdown/regenerate.py: no or stale answer for {unanswered[:10]}"


def test_expected_files_match_cases() -> None:
    """No expected block without its case: a renamed or deleted case leaves nothing behind."""
    names_by_section: dict[str, set[str]] = {}
    for case in CASES:
        names_by_section.setdefault(case.section, set()).add(case.name)
    for path in sorted(corpus.EXPECTED_DIR.glob("*.txt")):
        stale = set(corpus.load_expected_cached(path.stem)) - names_by_section.get(path.stem, set())
        assert not stale, f"{path.name}: stale entries {sorted(stale)[:10]}; run regenerate.py"


def test_expected_failure_names_exist() -> None:
    """Every XFAIL and pending.txt name is a real case, and no name is in both."""
    names = {case.name for case in CASES}
    pending = golden.load_pending()
    assert not set(XFAIL) - names
    assert not set(pending) - names, "pending.txt names cases that do not exist"
    assert not set(XFAIL) & set(pending)


def test_seed_post_is_in_the_corpus() -> None:
    """The issue's example post, ../shared/seed/aws-lambda.md, is a case of its own."""
    assert any(case.name == "notes-aws-lambda-seed-body" for case in CASES)


@pytest.mark.parametrize("case", list(_params()))
def test_golden(case: Any) -> None:
    expected = _expected(case)
    assert expected is not None, "no or stale expected HTML: run tests/markdown/regenerate.py"
    if corpus.load_expected_cached(case.section)[case.name].error:
        with pytest.raises(Exception):
            golden.convert(case)
        return
    assert golden.normalised(golden.convert(case)) == golden.normalised(expected)
