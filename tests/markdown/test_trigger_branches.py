"""The paragraph fast path's trigger search finds what the span parser's trigger pattern finds.

`fastspans` searches with one branch per trigger character (`_branch_search`) instead of the
span parser's character class and lookbehinds; both must find the same positions from any
start, with the built-in rules, with a rule registered by a plugin, and with a space trigger.
"""

from __future__ import annotations

import itertools
import random

import pytest

from postforge.markdown import create_markdown
from postforge.markdown.fastspans import _branch_search

PIECES = ["a", " ", "  ", "\n", "  \n", ".", "..", "...", "-", "--", "!", "![", "$", "$$", ">", ">>", "~",
          "~~", "<", "<<", "\\", "\\<<", "*", "_", "`", "[", "]", "{", "&", '"', "'", "é", "«", "|", ":"]


def _texts() -> list[str]:
    rnd = random.Random(9)
    texts = ["".join(pair) for pair in itertools.product(PIECES, repeat=2)]
    texts += ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 30))) for _ in range(3000)]
    return texts


def _positions(search, text: str) -> list[int]:
    return [-1 if (found := search(text, start)) is None else found.start() for start in range(len(text) + 1)]


@pytest.mark.parametrize("setup", ["builtin", "plugin_rule", "space_trigger", "kramdown_input"])
def test_branch_search_finds_the_trigger_pattern_positions(setup: str) -> None:
    md = create_markdown({"kramdown": {"input": "kramdown"}} if setup == "kramdown_input" else None)
    inline = md.inline
    if setup == "plugin_rule":
        inline.register("percent", r"%%", lambda parser, m, state: None, before="emphasis")
    elif setup == "space_trigger":
        inline.register("spacey", r" %", lambda parser, m, state: None, before="emphasis", start_chars=" ")
    _, prefilter, _, _ = inline._scanner(None, None)
    search = _branch_search(inline, prefilter)
    for text in _texts():
        assert _positions(search, text) == _positions(prefilter.search, text), repr(text)


def test_unknown_triggers_keep_the_trigger_pattern() -> None:
    md = create_markdown()
    inline = md.inline
    _, prefilter, _, _ = inline._scanner(None, None)
    inline._triggers["emphasis"] = (("*", None, 0),)  # no longer what made the prefilter
    assert _branch_search(inline, prefilter) == prefilter.search
