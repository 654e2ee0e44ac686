"""kramdown's lists: how items are measured, what continues them, and when an item gets a ``<p>``.

kramdown measures an item's content column from the text after the marker (``*   a`` indents
its content by 4), collects following lines that are indented that far (or lazy lines right
after text), and cuts a nested list into its own chunk.  Each item's text is then parsed as
blocks.  Its first paragraph is written without ``<p>`` ("transparent") unless a blank line
follows it inside the item, with exceptions for the last item that decide on what the earlier
items did.  A trailing blank line of the last item moves out of the list.  With GFM input,
``[ ]``/``[x]`` at the start of an item make a task list.

`parse_first_list_line` and `item_patterns` are shared with the definition-list plugin (kramdown's
``dd`` is measured the same way).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING
from typing import Any
from typing import Match

from postforge.markdown import patterns as p
from postforge.markdown.attributes import parse_attribute_list
from postforge.markdown.patterns import LazyPattern

if TYPE_CHECKING:
    from mistune.core import BlockState

__all__ = ["parse_list", "parse_first_list_line", "item_patterns", "marker_pattern"]

_UL = re.compile(p.LIST_START_UL)
_OL = LazyPattern(p.LIST_START_OL)
_LIST_START = LazyPattern(p.LIST_START)
_HR = re.compile(p.HR_START)
_EOB = LazyPattern(p.EOB_MARKER)
_BLANK = re.compile(p.BLANK_LINE)
_ITEM_IAL = LazyPattern(p.LIST_ITEM_IAL)
_ITEM_IAL_CHECK = LazyPattern(p.LIST_ITEM_IAL_CHECK)
_LEADING_TAB = LazyPattern(r" *\t")
_SPACES_TABS = LazyPattern(r"( *)(\t+)")
_LEADING_SPACES = LazyPattern(r" *")
_LEADING_WS = LazyPattern(r"[ \t\n\x0b\f\r]*")
_LEADING_TABS = LazyPattern(r"\t+")
_BOX_UNCHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
_BOX_CHECKED = ('<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" '
                'checked="checked" />')
_TASK_OPEN = LazyPattern(r"\A[ \t\n\x0b\f\r]*\[ \][ \t\n\x0b\f\r]+")
_TASK_DONE = LazyPattern(r"\A[ \t\n\x0b\f\r]*\[[xX]\][ \t\n\x0b\f\r]+")
_MARKERS = {"ul": r"[+*-]", "ol": r"\d+\.", "dl": ":"}
_LIST_FIRST = frozenset(" +*-0123456789")
#: what keeps an item's text (after its spaces) off the quick way through `parse_first_list_line`
_NOT_PLAIN = frozenset(("", "{", "\n", "\x0b", "\f", "\r"))
#: an item line `parse_list` takes the short way (`_simple_items`): a marker at the line start,
#: spaces, and text starting with a printable ASCII character that starts neither a list nor an
#: IAL, without tabs (the marker, the spaces, the text with its line end); the ordered lists'
#: pattern, needed less often, is compiled on its first use
_SIMPLE_ITEM = {
    "ul": re.compile(r"([+*-])( +)((?![{+*\-0-9])[!-~][^\t\n]*\n)"),
    "ol": LazyPattern(r"(\d+\.)( +)((?![{+*\-0-9])[!-~][^\t\n]*\n)"),
}


@lru_cache(maxsize=None)
def marker_pattern(kind: str, indentation: int) -> re.Pattern[str]:
    """The marker of a following item (``ul``, ``ol`` or ``dl``) for content at `indentation`."""
    spaces = "{0}" if indentation <= 1 else "{0,%d}" % min(indentation - 1, 3)
    return re.compile(rf"( {spaces}{_MARKERS[kind]})({p.PATTERN_TAIL})")


@lru_cache(maxsize=None)
def item_patterns(indentation: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """An item's continuation line, lazy line and indentation to strip, for content at `indentation`.

    Compiled on first use (`LazyPattern`): a list of one-line items followed by a blank line
    and an unindented line, the most common, never needs them (`parse_list` looks at the
    line's first character first), and the lazy line's HTML names cost ~0.5 ms to compile.
    """
    tabs, spaces = divmod(indentation, 4)
    content = LazyPattern(rf"(?:(?:\t| {{4}}){{{tabs}}} {{{spaces}}}|(?:\t| {{4}}){{{tabs + 1}}})"
                          rf".*{p.NS}.*\n")
    lazy = LazyPattern(rf"(?! {{0,{min(indentation, 3)}}}(?:{p.IAL_BLOCK}|{p.LAZY_END_HTML_STOP}"
                       rf"|{p.LAZY_END_HTML_START})).*{p.NS}.*\n")
    indent = LazyPattern(f" {{{indentation}}}")
    return content, lazy, indent  # type: ignore[return-value]


def parse_first_list_line(indentation: int, content: str) -> tuple[str, int]:
    """The text of an item's first line and the column its content starts at (tabs expanded)."""
    if "\t" not in content:
        # most items: spaces, then text that is neither an IAL nor a line end
        text = content.lstrip(" ")
        if text[:1] not in _NOT_PLAIN:
            return text, indentation + len(content) - len(text)
    if _ITEM_IAL_CHECK.match(content):
        indentation = 4
    else:
        while _LEADING_TAB.match(content):
            spaces = len(_LEADING_SPACES.match(content).group(0)) + indentation

            def expand(match: Match[str], spaces: int = spaces) -> str:
                return match.group(1) + " " * (4 - spaces % 4 + (len(match.group(2)) - 1) * 4)

            content = _SPACES_TABS.sub(expand, content, count=1)
        indentation += len(_LEADING_SPACES.match(content).group(0))
    return content[_LEADING_WS.match(content).end():], indentation


def parse_list(block: Any, m: Match[str], state: BlockState) -> int:
    """kramdown's ``parse_list`` (with GFM's task lists)."""
    src, pos, end = state.src, state.cursor, state.cursor_max
    kind = "ul" if _UL.match(src, pos) else "ol"
    start_re = _UL if kind == "ul" else _OL
    token: dict[str, Any] = {"type": "list", "ordered": kind == "ol", "children": []}
    # an item's text in pieces, its lines kept apart and joined once (long items stay linear)
    items: list[tuple[dict[str, Any], list[list[str]]]] = []
    chunks: list[list[str]] = []
    content_re = lazy_re = indent_re = None
    indentation = 0
    eob_found = nested_list_found = last_is_blank = False
    pos, indentation = _simple_items(src, pos, end, kind, token, items)
    if items:
        # the state the loop below would be in after these items
        chunks = items[-1][1]
        content_re, lazy_re, indent_re = item_patterns(indentation)
        start_re = marker_pattern(kind, indentation)
    while pos < end:
        if last_is_blank and _HR.match(src, pos):
            break
        if src[pos] == "^":
            match = _EOB.match(src, pos)
            if match:
                pos, eob_found = match.end(), True
                break
        match = start_re.match(src, pos)
        if match:
            pos = match.end()
            if not items:
                token["first_list_marker"] = match.group(1).strip()
            value, indentation = parse_first_list_line(len(match.group(1)), match.group(2))
            content_re, lazy_re, indent_re = item_patterns(indentation)
            item: dict[str, Any] = {"type": "list_item", "children": []}
            ial = _ITEM_IAL.search(value) if "{:" in value else None  # quick: most items have none
            if ial and (ial.start() == 0 or value[ial.start() - 1] == "\n"):
                item["ial"] = parse_attribute_list(ial.group(1))
                value = value[:ial.start()] + value[ial.end():]
            start_re = marker_pattern(kind, indentation)
            # (a list starts with a space, a marker or a digit, which may be beyond ASCII: most
            # item texts start otherwise)
            first = value[:1]
            nested_list_found = (first in _LIST_FIRST or not first.isascii()) \
                and _LIST_START.match(value) is not None
            last_is_blank = False
            chunks = [[value]]
            items.append((item, chunks))
            continue
        # (content at a column > 0 starts with a space or tab; a lazy line is not empty)
        first = src[pos]
        match = (content_re.match(src, pos) if first == " " or first == "\t" or indentation <= 0 else None) \
            or (None if last_is_blank or first == "\n" else lazy_re.match(src, pos))
        if match:
            pos = match.end()
            line = match.group(0)
            tabs = _LEADING_TABS.match(line)
            if tabs:
                line = " " * 4 * len(tabs.group(0)) + line[tabs.end():]
            found = indent_re.match(line)
            if found:
                line = line[found.end():]
            if not nested_list_found and found and _LIST_START.match(line):
                chunks.append([])
                nested_list_found = True
            elif nested_list_found and not found and _LIST_START.match(line):
                line = " " * (indentation + 4) + line
            chunks[-1].append(line)
            last_is_blank = False
            continue
        match = _BLANK.match(src, pos)
        if not match:
            break
        pos = match.end()
        nested_list_found = last_is_blank = True
        chunks[-1].append(match.group(0))

    state.append_token(token)
    last = None
    for index, (item, item_chunks) in enumerate(items):
        children = item["children"]
        for chunk in item_chunks:
            block.parse_blocks(state, "".join(chunk), children)
        token["children"].append(item)
        if not children:
            continue
        first = children[0]
        if (first["type"] == "paragraph" and len(children) >= 2 and children[1]["type"] == "eob"
                and first.get("ial")):
            del children[1]
        is_last = index == len(items) - 1
        if first["type"] == "paragraph" and (
                len(children) < 2 or children[1]["type"] != "blank_line"
                or (is_last and len(children) == 2 and not eob_found)) and (
                not is_last or len(items) == 1 or any(
                    not it["children"] or it["children"][0]["type"] != "paragraph"
                    or it["children"][0].get("transparent") for it, _ in items[:-1])):
            if len(children) > 1 and children[1]["type"] != "blank_line":
                _end_with_newline(first)
            first["transparent"] = True
        last = children.pop() if children[-1]["type"] == "blank_line" else None
    if last is not None and not eob_found:
        state.tokens.append(last)
    if block.gfm:
        _task_list(token)
    return pos


def _simple_items(src: str, pos: int, end: int, kind: str, token: dict[str, Any],
                  items: list[tuple[dict[str, Any], list[list[str]]]]) -> tuple[int, int]:
    """The list's first items while they are simple lines (`_SIMPLE_ITEM`): the position after
    them and the last one's content column.

    Each is what `parse_list`'s loop makes of such a line (it starts an item whatever the item
    before it: the next-marker pattern allows a marker at the line start): the marker's length
    plus the spaces is the content column, the text is the item's only line, there is no IAL
    (no ``{:`` in it) and no nested list.  The loop goes on from the first other line.
    """
    simple = _SIMPLE_ITEM[kind].match
    indentation = 0
    while pos < end:
        match = simple(src, pos)
        if match is None:
            break
        marker, spaces, value = match.groups()
        if "{:" in value:
            break
        if not items:
            token["first_list_marker"] = marker
        indentation = len(marker) + len(spaces)
        items.append(({"type": "list_item", "children": []}, [[value]]))
        pos = match.end()
    return pos, indentation


def _end_with_newline(paragraph: dict[str, Any]) -> None:
    """Add a line break to the first text of a paragraph (one made from HTML holds spans)."""
    if "text" in paragraph:
        paragraph["text"] += "\n"
        return
    children = paragraph.get("children")
    if children and children[0]["type"] in ("text", "raw_text"):
        children[0]["raw" if children[0]["type"] == "text" else "text"] += "\n"


def _task_list(token: dict[str, Any]) -> None:
    """GFM: an item starting ``[ ]`` or ``[x]`` gets a checkbox; the list and later items a class."""
    is_task_list = False
    for item in token["children"]:
        children = item["children"]
        if not children or children[0]["type"] != "paragraph" or "text" not in children[0]:
            continue
        text = children[0]["text"]
        if "[" not in text:  # no box: most items
            opened = done = 0
        else:
            text, opened = _TASK_OPEN.subn(_BOX_UNCHECKED, text, count=1)
            text, done = _TASK_DONE.subn(_BOX_CHECKED, text, count=1)
            children[0]["text"] = text
        is_task_list = is_task_list or bool(opened or done)
        if is_task_list:
            item.setdefault("attrs", {})["class"] = "task-list-item"
    if is_task_list:
        token.setdefault("attrs", {})["class"] = "task-list"
