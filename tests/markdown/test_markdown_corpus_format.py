"""The golden corpus's file format: what a case file means, and that answers round-trip exactly.

The corpus is only as good as its reader: a tab read as spaces, a trailing space lost, a config
applied to the wrong example, or an answer kept after its case changed would each make the
golden test compare the wrong things. Each rule of ``corpus.py`` is shown here by a table.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FENCE = "`" * 32


def _load_corpus():
    key = "_postforge_markdown_corpus"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, HERE / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()


def example(name: str, *lines: str, config: str | None = None) -> str:
    head = f"config: {config}\n" if config else ""
    return head + f"{FENCE} example {name}\n" + "".join(line + "\n" for line in lines) + FENCE + "\n"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("plain\n", "plain\n"),
        ("a→b\n", "a\tb\n"),
        ("line␣␣\n", "line  \n"),
        ("→␣x␣\n", "\t x \n"),
        ("", ""),
    ],
)
def test_decode_example(written: str, meant: str) -> None:
    assert corpus.decode_example(written) == meant


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<p>a</p>\n", "<p>a</p>\n"),
        ("<pre><code>a\tb\n</code></pre>\n", "<pre><code>a→b\n</code></pre>\n"),
        ("<code>x  \ny</code>\n", "<code>x␣␣\ny</code>\n"),
        ("<p>a   <br />\nb</p>\n", "<p>a   <br />\nb</p>\n"),  # inner spaces stay spaces
        ("\n", "\n"),
        ("", ""),
    ],
)
def test_encode_output_round_trips(html: str, shown: str) -> None:
    assert corpus.encode_output(html) == shown
    assert corpus.decode_example(shown) == html


@pytest.mark.parametrize("html", ["<p>→</p>\n", "<p>␣</p>\n", "<p>no newline</p>"])
def test_encode_output_refuses_what_it_cannot_show(html: str) -> None:
    with pytest.raises(corpus.CorpusError):
        corpus.encode_output(html)


def test_case_file_examples_and_configs() -> None:
    text = (
        "# prose is ignored\n\n"
        + example("one", "a␣␣", "b")
        + "\nmore prose\n"
        + example("two", "# h", config="{kramdown: {auto_id_prefix: 'x-'}}")
        + example("three")
    )
    cases = corpus.parse_case_file(text, "demo")
    assert [(case.name, case.markdown, case.config) for case in cases] == [
        ("one", "a  \nb\n", None),
        ("two", "# h\n", {"kramdown": {"auto_id_prefix": "x-"}}),
        ("three", "", None),  # a config applies to the next example only
    ]
    assert cases[0].oracle_item() == "a  \nb\n"
    assert cases[1].oracle_item() == {"markdown": "# h\n", "config": {"kramdown": {"auto_id_prefix": "x-"}}}
    assert cases[1].line == 10  # the opening fence, for error messages and editors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"{FENCE} example Bad_Name\n{FENCE}\n", "bad name"),
        (f"{FENCE} example open\nnever closed\n", "never closed"),
        (f"{FENCE} example a\n{FENCE} example b\n{FENCE}\n", "not closed before line 2"),
        (f"{FENCE}\n{FENCE}\n", "example NAME"),
        ("config: {a: 1}\nconfig: {b: 2}\n" + example("x"), "second config"),
        ("config: {a: 1}\n", "no example after it"),
        ("config: [1, 2]\n" + example("x"), "mapping"),
        ("config: {a: [}\n" + example("x"), "not YAML"),
    ],
)
def test_case_file_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(corpus.CorpusError, match=message) as info:
        corpus.parse_case_file(text, "demo")
    assert "cases/demo.txt:" in str(info.value)


def test_names_are_unique_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(example("same", "x"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(example("same", "y"), encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match="already in a"):
        corpus.load_cases(cases_dir=tmp_path)


def test_load_cases_selects_sections(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(example("one", "x"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(example("two", "y"), encoding="utf-8")
    assert list(corpus.load_cases(["b"], cases_dir=tmp_path)) == ["b"]
    assert list(corpus.load_cases(cases_dir=tmp_path)) == ["a", "b"]


def test_expected_file_round_trip(tmp_path: Path) -> None:
    """Lone '.' lines on either side, tabs, trailing spaces, configs and errors all survive."""
    text = (
        example("dot", "x", ".", "y")
        + example("tab", "→code", config="{kramdown: {hard_wrap: true}}")
        + example("boom", "z")
    )
    cases = corpus.parse_case_file(text, "demo")
    answers = ["<p>x\n.\ny</p>\n", "<pre>\tcode  \n.\n</pre>\n", {"error": "RuntimeError: no"}]
    (tmp_path / "demo.txt").write_text(corpus.render_expected_file("demo", cases, answers), encoding="utf-8")
    expected = corpus.load_expected("demo", expected_dir=tmp_path)
    assert [corpus.expected_output(case, expected[case.name]) for case in cases] == [
        answers[0],
        answers[1],
        "",
    ]
    assert [expected[case.name].error for case in cases] == [None, None, "RuntimeError: no"]


@pytest.mark.parametrize(
    ("edited", "config"),
    [
        ("changed input", None),  # the case's text was edited after regenerating
        ("same", {"kramdown": {"hard_wrap": True}}),  # its config was
    ],
)
def test_stale_answers_are_not_used(edited: str, config: dict | None) -> None:
    original = corpus.parse_case_file(example("c", "same"), "demo")
    rendered = corpus.render_expected_file("demo", original, ["<p>same</p>\n"])
    entry = corpus.parse_expected_file(rendered, "demo")["c"]
    assert corpus.expected_output(original[0], entry) == "<p>same</p>\n"
    changed = corpus.Case("demo", "c", edited + "\n", config, 1)
    assert corpus.expected_output(changed, entry) is None
    assert corpus.expected_output(original[0], None) is None


def test_load_expected_of_a_missing_section_is_empty(tmp_path: Path) -> None:
    assert corpus.load_expected("nothing", expected_dir=tmp_path) == {}
