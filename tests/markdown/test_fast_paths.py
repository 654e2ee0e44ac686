"""The converter's shortcuts for common text give what the general way gives.

Posts are small, so the converter takes quick ways through the common cases: a line is tried
only against the block rules its first character allows (a letter's line is a paragraph without
the scanner), a list item of one line is a paragraph without a nested parse, text is written
without the abbreviation lookups in documents that define none, and a one-word emphasis or link
text is taken without a scan of its content.  Each test here compares a shortcut with the
general way, on inputs made to reach the places where the two could part.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

import pytest

from postforge.markdown import create_markdown
from postforge.markdown import markdownify
from postforge.markdown.blocks import KramdownBlockParser
from postforge.markdown.blocks import KramdownBlockState


def _load_golden():
    """golden.py by path, under the name it gives its own siblings (as the golden test loads it)."""
    key = "_postforge_markdown_golden"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, Path(__file__).resolve().parent / "golden.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


golden = _load_golden()
#: first characters of lines: every character a block rule starts with, and ordinary ones
FIRSTS = list(" \t\n\x0b\f\r#*_-+=>~`<[{:^$\\|!1٣a") + ["é", "\x00"]
#: what may follow on the line, and the line after it
RESTS = ["", " ", "  ", "   ", "    ", "\t", "*", "-", "=", "|", "[x]:", "^", "$$", "<div>", "{: .c}",
         "```", "~~~", "# h", "1. a", "* a", ": d", "a | b", "[^1]: n", "*[A]: b", "{::comment}"]
NEXTS = ["", "---\n", "===\n", "text\n", "\n", "| a\n"]


@pytest.mark.parametrize("config", [{}, {"kramdown": {"input": "kramdown"}},
                                    {"kramdown": {"gfm_quirks": []}}])
def test_line_dispatch_finds_the_rule_the_full_scanner_finds(config: dict) -> None:
    block = create_markdown(config).block
    full = block.compile_sc()
    for first, rest, after in itertools.product(FIRSTS, RESTS, NEXTS):
        src = f"{first}{rest}\n{after}"
        expected = full.match(src)
        gated, scanners = block._line_scanner(src[0])
        line_end = src.find("\n")
        bits = 3 if line_end < 0 else ((2 if src.startswith(("-", "="), line_end + 1) else 0)
                                       | (1 if "|" in src[:line_end] else 0))
        scanner = scanners[bits] if gated else scanners[0]
        if isinstance(scanner, str):  # the rule runs without the scanner
            assert expected is not None and expected.lastgroup == scanner, repr(src)
        else:
            found = scanner.match(src) if scanner is not None else None
            assert (found and found.lastgroup) == (expected and expected.lastgroup), repr(src)


def test_a_rule_without_start_characters_is_tried_on_every_line() -> None:
    seen: list[str] = []

    def spy(block: KramdownBlockParser, m, state: KramdownBlockState) -> None:
        seen.append(state.src[state.cursor])
        return None

    md = create_markdown()
    md.block.register("spy", r"(?=.)", spy, before="paragraph")
    assert md("a\n\n# h\n- i\n") == markdownify("a\n\n# h\n- i\n")
    assert seen == ["a", "i"]  # (the header and the list rules come first on their lines)
    seen.clear()
    md.block.register("spy", r"(?=.)", spy, before="paragraph", start_chars="[#]")
    assert md("a\n\n#h\n- i\n") == markdownify("a\n\n#h\n- i\n")
    assert seen == ["#"]


def test_a_list_item_of_one_line_is_parsed_as_its_text_alone_would_be() -> None:
    for text in ["- a\n- b | c\n- d\n  ---\n", "- a\n\n- `b`\n", "* [ ] x\n* [x] y\n", "1. a\n2. b\n",
                 "- a\n  b\n- c\n", "- {: .x}\n- é\n", "- a\n    - b\n"]:
        md = create_markdown()
        block = md.block
        single = block.parse_blocks(block.state_cls(), "a\n")
        state = block.state_cls()
        state.env = {}
        child = state.child_state("a\n")
        block.parse(child)
        assert single == child.tokens
        assert md(text) == markdownify(text)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_documents_with_and_without_abbreviations_in_any_order(order: tuple[int, ...]) -> None:
    docs = ["*[HTML]: Hyper\n\nSome HTML here.\n", "No HTML defined.\n",
            "*[CSS]: Sheets\n\nCSS and HTML.\n"]
    md = create_markdown()
    for index in order:
        assert md(docs[index]) == create_markdown()(docs[index])


def test_a_document_with_its_own_id_options_leaves_the_next_one_alone() -> None:
    md = create_markdown()
    first = md('{::options auto_id_prefix="p-" /}\n\n# Head\n\n# Head\n')
    second = md("# Head\n\n# Head\n")
    assert 'id="p-head"' in first and 'id="p-head-1"' in first
    assert second == create_markdown()("# Head\n\n# Head\n")
    assert 'id="head"' in second and 'id="head-1"' in second


def _general(config: dict | None = None):
    """A converter that takes none of the shortcuts: rules re-registered as plain functions,
    no quick look for a span's closing marker, text written by a renderer of its own."""
    md = create_markdown(config)
    for name in ("paragraph", "blank_line"):
        method = getattr(KramdownBlockParser, "parse_" + name)
        md.block.register(name, None, method)
    md.inline.first_trigger = lambda state, stop, stop_chars: -1
    render_text = md.renderer.method("text")
    md.renderer.register("text", lambda renderer, token, indent: render_text(token, indent))
    md.before_render_hooks.clear()  # the abbreviation plugin's choice of text renderer
    return md


TEXTS = [
    "[a](<b c>) [d](e f) [g](h(i)) [j](k \"t\") [l](<m>n) [o]() [p](q)r [s](\x00t)",
    "*a* *a * * a* *a*b *a**b* **a** **a* _a_b_ a_b_ _a_ __a__ ***a*** *a **b** c*",
    "[a *b* c](d) [*a*](b) [a [b] c](d) [![i](s)](l) [a\\]b](c) [a]: x\n\n[a] [a][] [b][a]",
    "x *a\nb* `c` [d\ne](f) a & b < c > d &amp; *<b>*",
    "para\n\n\n  \n\t\nnext\n- a\n- b | c\n- d\n  ---\n\n1. x\n2. y\n\nz\n===\n",
    "*[HTML]: Hyper\n\nHTML *HTML* [HTML](x)\n- HTML\n",
    # paragraphs written by `inner` at once: with attributes, transparent ones, nested, empty
    "a *b*\n{: .c}\n\n- x `y`\n- z\n\n  w\n\n> q `c`\n>\n> r\n{: #i}\n\n* a\n\n* b\n\n{: .d}\n- e\n",
    "<div markdown=\"1\">\na *b*\n\nc\n</div>\n\nterm\n: def *x*\n\n: more\n\n[^1]\n\n[^1]: note *n*\n",
]


@pytest.mark.parametrize("config", [{}, {"kramdown": {"input": "kramdown", "hard_wrap": True}}])
@pytest.mark.parametrize("text", TEXTS)
def test_the_shortcuts_give_what_the_general_way_gives(text: str, config: dict) -> None:
    assert create_markdown(config)(text) == _general(config)(text)


def test_the_shortcuts_give_what_the_general_way_gives_on_the_corpus() -> None:
    fast: dict = {}
    general: dict = {}
    for cases in golden.corpus.load_cases().values():
        for case in cases:
            config = golden.site_config(case.config)
            key = repr(config)
            fast_md = fast.setdefault(key, create_markdown(config))
            general_md = general.setdefault(key, _general(config))
            assert fast_md(case.markdown) == general_md(case.markdown), case.name



def test_a_paragraph_renderer_of_a_plugin_writes_every_paragraph() -> None:
    md = create_markdown({})
    render_paragraph = md.renderer.method("paragraph")
    md.renderer.register("paragraph", lambda renderer, token, indent: "[" + render_paragraph(token, indent) + "]")
    assert md("a *b*\n\n- c\n- d\n") == "[<p>a <em>b</em></p>\n]\n<ul>\n  <li>[c]</li>\n  <li>[d]</li>\n</ul>\n"
