"""The block parser's short ways give what its general ways give, and decline where they must.

Three short ways are checked here, each against the general way it stands in for, on tables
of inputs made to reach the places where the two could part:

* a list's first items, while each is a simple line (``_simple_items``): the general loop must
  take over at the first line that is not one (tabs, IALs, nested markers, indentation, lazy and
  continued lines, other markers, non-ASCII text);
* a nested text of one line, or one line and empty lines, parsed as a paragraph (and a blank
  line) without a nested parse (``parse_blocks``);
* a paragraph's lines found with ``str.find`` and the end pattern at each line start, in place
  of the paragraph regex (``parse_paragraph``).
"""

from __future__ import annotations

import copy
import itertools

import pytest

from postforge.markdown import create_markdown
from postforge.markdown import lists

#: item lines: the first ones take the short way, the others must leave it to the general loop
ITEM_LINES = [
    "- a", "* b *c*", "+ d", "-  two", "-   three", "-    four", "-     five", "1. one", "22. two",
    # the short way declines these
    "-\ttab", "- \ttab", "- a\tb", "- {: .c} x", "- a {:.b}", "- {x}", "- 1. nested", "- - nested",
    "- * nested", "- + nested", "- 7 seven", "- é", "- ٣. x", "٣. x", " - one in", "   - three in",
    "- ", "-", "-a", "1.a", "1.\ta", "- \x00x", "- \x0bx", "- [ ] task", "- [x] done", "- a|b", "- ^",
]
#: what may follow an item line
FOLLOWERS = ["", "\n", "\n\n", "  cont", "    code", "\tcont", "lazy", "^", "{: .x}", "---", "\n- after",
             "\n  cont", "\n\n  cont", "<div>", "# h", "> q", "\n^\n- x"]


def _without_short_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lists, "_simple_items", lambda src, pos, end, kind, token, items: (pos, 0))


def _tokens(md, text: str) -> list:
    """The block tokens of `text` (before the tree walk), as ``md.parse`` leaves them for it."""
    state = md.block.state_cls()
    state.env["options"] = dict(md.options)
    state.process(text)
    md.block.parse(state)
    return copy.deepcopy(state.tokens)


@pytest.mark.parametrize("config", [{}, {"kramdown": {"input": "kramdown"}}])
def test_simple_items_give_what_the_item_loop_gives(config: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = []
    for first, second, follower in itertools.product(ITEM_LINES[:9] + ITEM_LINES[9:20:3],
                                                     ITEM_LINES, FOLLOWERS):
        texts.append(f"{first}\n{second}\n{follower}\n" if follower else f"{first}\n{second}\n")
    texts += [f"{line}\n{follower}\n" for line, follower in itertools.product(ITEM_LINES, FOLLOWERS)]
    md = create_markdown(config)
    fast = [(_tokens(md, text), md(text)) for text in texts]
    _without_short_way(monkeypatch)
    general = create_markdown(config)
    for text, (tokens, html) in zip(texts, fast):
        assert tokens == _tokens(general, text), repr(text)
        assert html == general(text), repr(text)


@pytest.mark.parametrize("line", ["- {: .c} x", "-\ttab", "- 1. nested", "- é", " - one in", "- ", "-a"])
def test_the_short_way_takes_no_item_it_must_decline(line: str) -> None:
    items: list = []
    token: dict = {}
    src = line + "\n- next\n"
    assert lists._simple_items(src, 0, len(src), "ul", token, items) == (0, 0)
    assert items == [] and token == {}


def test_the_short_way_stops_at_the_first_other_line() -> None:
    items: list = []
    token: dict = {}
    src = "- a\n-   b\n- {: .c} x\n- d\n"
    pos, indentation = lists._simple_items(src, 0, len(src), "ul", token, items)
    assert (pos, indentation) == (src.index("- {:"), 4)
    assert [chunks for _, chunks in items] == [[["a\n"]], [["b\n"]]]
    assert token == {"first_list_marker": "-"}


#: nested texts: one line (with and without empty lines after it), and what is not that
NESTED = ["a\n", "a\n\n", "a\n\n\n", "a | b\n\n", "-a\n\n", "# h\n\n", "a\n \n", "a\n\t\n", "a\n\nb\n",
          "a\nb\n", " a\n\n", "\ta\n\n", "é\n\n", "{: .x}\n\n", "a  \n\n", "a\\\n\n", "\n\n", "a", "a\n\n "]


@pytest.mark.parametrize("config", [{}, {"kramdown": {"input": "kramdown"}}])
@pytest.mark.parametrize("text", NESTED)
def test_a_nested_line_is_parsed_as_the_nested_parse_would(text: str, config: dict) -> None:
    block = create_markdown(config).block
    state = block.state_cls()
    quick = block.parse_blocks(state, text, [])
    child = state.child_state(text)
    block.parse(child)
    assert quick == child.tokens


PARAGRAPHS = ["a\n", "a\nb\n", "a\nb\n\nc\n", "a\n  \nb\n", "a\n- b\n", "a\n# b\n", "a\n> b\n",
              "a\n^\nb\n", "a\n{: .x}\nb\n", "a\n: d\n", "a\n<div>\n", "a\n</div>\n", "a\n<span>\n",
              "a\n```\n", "a\n1. b\n", "a\nb", "a\n\x0b\nb\n", "a  \nb\n", "a\n    b\n"]


@pytest.mark.parametrize("config", [{}, {"kramdown": {"input": "kramdown"}},
                                    {"kramdown": {"gfm_quirks": []}}])
def test_paragraph_lines_end_where_the_paragraph_pattern_ends_them(config: dict) -> None:
    block = create_markdown(config).block
    for text in PARAGRAPHS:
        state = block.state_cls()
        state.process(text)
        end = block.parse_paragraph(None, state)
        assert end == block._paragraph.match(text).end(), repr(text)
        assert state.tokens[-1]["text"] == block._paragraph.match(text).group(0).strip(" \t\n\x0b\f\r\x00")
