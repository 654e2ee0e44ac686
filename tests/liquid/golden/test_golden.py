"""The Liquid golden corpus: postforge must render every case exactly as Jekyll 4.3.1 did.

Each case in ``cases/<topic>.json`` was rendered by the real Jekyll (``regenerate.py``); its answer
is in ``expected/<topic>.json``. Here the same template, data, includes and configuration go
through ``postforge.liquid.Environment`` with the payload Jekyll would have built (``payload.py``),
and the output must match byte for byte. Where Jekyll raised, postforge must raise the matching
:class:`~postforge.liquid.errors.LiquidError` subclass. Known, understood differences are listed
in ``XFAIL`` with their reason; the marks are strict, so a case that starts passing must leave
the list.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest

from postforge.liquid import errors as liquid_errors

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
EXPECTED_DIR = HERE / "expected"


def _load_payload_module():
    """payload.py by path, so that its name cannot clash with another test directory's module."""
    spec = importlib.util.spec_from_file_location("_postforge_golden_payload", HERE / "payload.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


payload = _load_payload_module()

#: case name -> why postforge's output (or error) differs from Jekyll's there (strict xfail:
#: remove the entry once the case passes)
XFAIL: dict[str, str] = {
    "lookup-nested-index": "Liquid 5.4 renders a[b[0]] as nil (a nested bracket lookup inside a bracket); "
    "postforge evaluates the inner lookup, as a[b.first] does in both",
    **dict.fromkeys(
        ["f-markdownify", "f-markdownify-inline"],
        "markdownify is the host's kramdown-compatible converter (ctx.registers['markdownify']); "
        "a bare Environment only wraps the text in a paragraph",
    ),
}

#: case name -> why postforge's parse warnings differ from Jekyll's there (same rules)
XFAIL_WARNINGS: dict[str, str] = {}

#: the Ruby class of an oracle error -> the postforge error that must be raised for it;
#: Ruby classes outside Liquid's family (TypeError, NoMethodError, Jekyll's include ArgumentError)
#: are Jekyll crashing on bad input, where any LiquidError is the right answer for postforge
ERROR_CLASSES: dict[str, type[Exception]] = {
    "Liquid::SyntaxError": liquid_errors.LiquidSyntaxError,
    "Liquid::ArgumentError": liquid_errors.LiquidArgumentError,
    "Liquid::ZeroDivisionError": liquid_errors.LiquidZeroDivisionError,
    "Liquid::FileSystemError": liquid_errors.LiquidFileSystemError,
    "Liquid::UndefinedVariable": liquid_errors.UndefinedVariable,
    "Liquid::UndefinedFilter": liquid_errors.UndefinedFilter,
    "IOError": liquid_errors.LiquidFileSystemError,
}


def _load_corpus() -> list[tuple[str, dict[str, Any], dict[str, Any] | None]]:
    """(topic, case, expected result or None) for every case, in file order."""
    corpus = []
    for path in sorted(CASES_DIR.glob("*.json")):
        topic = path.stem
        expected_path = EXPECTED_DIR / path.name
        expected = json.loads(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else {}
        for case in json.loads(path.read_text(encoding="utf-8")):
            corpus.append((topic, case, expected.get(case["name"])))
    return corpus


CORPUS = _load_corpus()


def _params(xfail: dict[str, str]):
    for topic, case, expected in CORPUS:
        marks = []
        if case["name"] in xfail:
            marks.append(pytest.mark.xfail(reason=xfail[case["name"]], strict=True))
        yield pytest.param(topic, case, expected, id=f"{topic}/{case['name']}", marks=marks)


def expected_error_class(error: str) -> type[Exception]:
    """The postforge class for an oracle ``"Class: message"`` error."""
    ruby_class = error.split(": ", 1)[0]
    return ERROR_CLASSES.get(ruby_class, liquid_errors.LiquidError)


def make_environment(case: dict[str, Any]):
    """A fresh Environment with the case's includes and Jekyll's ``liquid:`` options."""
    from postforge.liquid import Environment

    return Environment(partials=case.get("includes") or {}, **payload.liquid_options(case.get("config")))


@contextlib.contextmanager
def oracle_timezone(config: dict[str, Any] | None):
    """TZ as the oracle sets it per case: UTC, or the case's ``timezone`` (Jekyll exports it to TZ)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = (config or {}).get("timezone") or "UTC"
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved


def render_case(case: dict[str, Any]) -> str:
    """Render a case the way the oracle does, with postforge's engine."""
    config = case.get("config")
    with oracle_timezone(config):
        template = make_environment(case).from_string(case["template"], name="index.html")
        return template.render(payload.build_payload(case["template"], case.get("data"), config))


def test_corpus_size() -> None:
    """The corpus is the contract: at least 350 cases, every one with Jekyll's answer."""
    assert len(CORPUS) >= 350
    missing = [case["name"] for _, case, expected in CORPUS if expected is None]
    assert not missing, f"run regenerate.py: no expected result for {missing[:10]}"


def test_expected_files_match_cases() -> None:
    """No stale golden entries: every expected name is a case of the same topic."""
    names_by_topic: dict[str, set[str]] = {}
    for topic, case, _ in CORPUS:
        names_by_topic.setdefault(topic, set()).add(case["name"])
    for path in sorted(EXPECTED_DIR.glob("*.json")):
        stale = set(json.loads(path.read_text(encoding="utf-8"))) - names_by_topic.get(path.stem, set())
        assert not stale, f"{path.name}: stale entries {sorted(stale)[:10]}; run regenerate.py"


def test_xfail_names_exist() -> None:
    """Every XFAIL entry names a real case (a renamed case must not leave a dead entry)."""
    names = {case["name"] for _, case, _ in CORPUS}
    assert not (set(XFAIL) | set(XFAIL_WARNINGS)) - names


@pytest.mark.parametrize(("topic", "case", "expected"), list(_params(XFAIL)))
def test_golden(topic: str, case: dict[str, Any], expected: dict[str, Any] | None) -> None:
    assert expected is not None, "no expected result: run regenerate.py"
    if "error" in expected:
        wanted = expected_error_class(expected["error"])
        with pytest.raises(liquid_errors.LiquidError) as info:
            render_case(case)
        assert isinstance(info.value, wanted), (
            f"Jekyll raised {expected['error']!r}; postforge raised {type(info.value).__name__}: {info.value}"
        )
        return
    assert render_case(case) == expected["output"]


@pytest.mark.parametrize(("topic", "case", "expected"), list(_params(XFAIL_WARNINGS)))
def test_golden_warnings(topic: str, case: dict[str, Any], expected: dict[str, Any] | None) -> None:
    """Warn mode (Jekyll's default) reports lax syntax as Jekyll words it, and nothing else."""
    assert expected is not None, "no expected result: run regenerate.py"
    try:
        template = make_environment(case).from_string(case["template"], name="index.html")
    except liquid_errors.LiquidError:
        return  # a parse failure is test_golden's business
    assert template.warnings == expected.get("warnings", [])
