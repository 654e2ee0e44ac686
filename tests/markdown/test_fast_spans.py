"""A paragraph's spans written at once (`postforge.markdown.fastspans`) are what the general way writes.

The fast path answers for text with plain emphasis, code, ``[text](url)`` links, smart quotes
and dashes, and hands every other paragraph to the general path.  These tests convert texts
made of those pieces and of the ones around which the two could part, with the fast path and
without it, and check that it does answer for the common shapes (a path that always declined
would pass the comparison and speed nothing up).
"""

from __future__ import annotations

import itertools
import random

import pytest

from postforge.markdown import create_markdown
from postforge.markdown.fastspans import FastSpans

PIECES = ["word", " ", "  ", "*", "**", "***", "_", "__", "`", "``", "[", "]", "(", ")", "'", '"', "-", "--",
          "---", ".", "...", ">", ">>", "<", "&", "&amp;", "!", "![", "\n", "  \n", "{:", "^", "7", "s", "\t",
          "~~", "$$", "\\", "*em*", "**st**", "_u_", "`c`", "[t](u)", "[t](<u>)", "[t][r]", "'s", "n't",
          '"q"', "é", "(http://e.com/?a=1&b=2)", "\x00"]
CONFIGS = [{}, {"kramdown": {"input": "kramdown"}}, {"kramdown": {"hard_wrap": True}},
           {"kramdown": {"smart_quotes": ["apos", "apos", "quot", "quot"]}},
           {"kramdown": {"typographic_symbols": {"hellip": "...", "mdash": "<->"}}},
           {"kramdown": {"entity_output": "numeric"}},
           {"kramdown": {"syntax_highlighter_opts": {"span": {"default_lang": "ruby"}}}},
           # (code spans written as bare ``<code>``: `CodeWriter.bare_open` other than the default's)
           {"kramdown": {"syntax_highlighter": "none"}},
           {"kramdown": {"remove_line_breaks_for_cjk": True}}]
COMMON = ["Text with *emphasis*, `code` and [a link](https://example.com/a).",
          "It's a \"quote\" -- and more... **strong** _under_ done.",
          "A > B and `a < b & c` with [x](/p?a=1)."]


def _convert(config: dict, text: str, fast: bool) -> str:
    md = create_markdown(config)
    if not fast:
        md._fast_spans.for_document = lambda state: None
    return str(md(text))


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        texts.append(rng.choice(["", "", "- ", "> ", "1. ", "*[A]: b\n\n", "{::options auto_ids=\"false\" /}\n"])
                     + text)
    return texts


@pytest.mark.parametrize("config", CONFIGS)
def test_fast_spans_write_what_the_general_path_writes(config: dict) -> None:
    fast, slow = create_markdown(config), create_markdown(config)
    slow._fast_spans.for_document = lambda state: None
    for text in COMMON + _texts(len(str(config)), 1500):
        assert str(fast(text)) == str(slow(text)), text


def test_every_pair_of_pieces() -> None:
    fast, slow = create_markdown({}), create_markdown({})
    slow._fast_spans.for_document = lambda state: None
    for a, b in itertools.product(PIECES, repeat=2):
        for text in (f"x{a}{b}y", f"{a}w{b}", f"*{a}*{b}", f"[{a}]({b})"):
            assert str(fast(text)) == str(slow(text)), text


def test_common_paragraphs_take_the_fast_path() -> None:
    md = create_markdown({})
    answered = []
    spans_html = FastSpans.spans_html

    def counting(self: FastSpans, text: str) -> str | None:
        html = spans_html(self, text)
        answered.append(html is not None)
        return html

    FastSpans.spans_html = counting  # type: ignore[method-assign]
    try:
        for text in COMMON:
            md(text)
    finally:
        FastSpans.spans_html = spans_html  # type: ignore[method-assign]
    assert answered == [True] * len(COMMON)


def test_an_unknown_span_rule_or_renderer_turns_the_fast_path_off() -> None:
    md = create_markdown({})
    md.inline.register("at_sign", r"@", lambda inline, m, state: None, before="link")
    assert md._fast_spans._prepare() is False
    md = create_markdown({})
    assert md._fast_spans._prepare() is True
    md.inline.register("emphasis", r"\*\*?|__?", lambda inline, m, state: None)
    assert md._fast_spans._prepare() is False
    md = create_markdown({})
    md.renderer.register("emphasis", lambda renderer, token, indent: "EM")
    assert str(md("a *b* c")) == "<p>a EM c</p>\n"
