"""kramdown's definition lists: a paragraph's lines become terms when a ``: definition`` follows.

A line starting ``:`` right after a paragraph (or after it and one empty line) turns each line
of that paragraph into a ``<dt>`` and starts a ``<dd>``; the definition is measured and continued
like a list item (indented lines, or lazy lines right after text).  Its first paragraph is
written without ``<p>`` unless a blank line came before the definition (or the terms and the
first definition were apart); when more blocks follow in the same definition, that paragraph's
text ends with a line break.  A definition list right after another (a blank line between at
most) joins it.  ``{: …}`` at the start of a term or a definition gives it attributes; a
``{:auto_ids}`` (or ``{:auto_ids-prefix}``) reference on the list gives every term an id.

Tokens: ``dl`` (its ``ial`` is the one the paragraph had) holding ``dt`` (``text``, then
``children`` and ``raw_text`` after the walk) and ``dd`` (block ``children``) tokens.
"""

from __future__ import annotations

from typing import Any
from typing import Match

from postforge.markdown import patterns as p
from postforge.markdown.attributes import REFS
from postforge.markdown.attributes import parse_attribute_list
from postforge.markdown.ids import kramdown_slug
from postforge.markdown.lists import item_patterns
from postforge.markdown.lists import marker_pattern
from postforge.markdown.lists import parse_first_list_line
from postforge.markdown.patterns import LazyPattern

__all__ = ["plugin", "parse_definition_list", "strip_item_ial", "term_id"]

Token = dict[str, Any]

_START = LazyPattern(p.DEFINITION_LIST_START)
_EOB = LazyPattern(p.EOB_MARKER)
_BLANK = LazyPattern(p.BLANK_LINE)
_ITEM_IAL = LazyPattern(p.LIST_ITEM_IAL)
_LEADING_TABS = LazyPattern(r"\t+")
_AUTO_IDS = LazyPattern(r"auto_ids(?:-([A-Za-z0-9_-]+))?")


def strip_item_ial(text: str) -> tuple[str, dict[str, Any] | None]:
    """An item's leading ``{: …}`` taken off its first line: the rest and the attributes."""
    match = _ITEM_IAL.match(text)
    if match is None:
        return text, None
    return text[:match.start()] + text[match.end():], parse_attribute_list(match.group(1))


def term_id(refs: list[str], raw_text: str) -> str | None:
    """The id an ``auto_ids`` reference on the list gives a term (kramdown's ``convert_dt``)."""
    for ref in refs:
        match = _AUTO_IDS.match(ref)
        if match:
            return f"{match.group(1) or ''}{kramdown_slug(raw_text)}".lstrip(" \t\n\x0b\f\r\x00")
    return None


def _terms_before(tokens: list[Token]) -> bool:
    """Whether the blocks so far end in a paragraph, or a paragraph and one empty line."""
    if not tokens or (len(tokens) == 1 and tokens[-1]["type"] != "paragraph"):
        return False
    last = tokens[-1]
    if last["type"] == "paragraph":
        return "text" in last
    return (len(tokens) >= 2 and last["type"] == "blank_line" and last.get("raw") == "\n"
            and tokens[-2]["type"] == "paragraph" and "text" in tokens[-2])


def parse_definition_list(block: Any, m: Match[str], state: Any) -> int | None:
    """kramdown's ``parse_definition_list``."""
    tokens = state.tokens
    if not _terms_before(tokens):
        return None
    first_as_para = False
    para = tokens.pop()
    if para["type"] == "blank_line":
        para = tokens.pop()
        first_as_para = True
    state.block_ial = None
    dl: Token = {"type": "dl", "children": []}
    for term in para["text"].split("\n"):
        term, ial = strip_item_ial(term)
        dt: Token = {"type": "dt", "text": term, "raw_text": term}
        if ial is not None:
            dt["ial"] = ial
        dl["children"].append(dt)
    if para.get("ial") is not None:
        dl["ial"] = para["ial"]

    src, pos, end = state.src, state.cursor, state.cursor_max
    start_re = _START
    content_re = lazy_re = indent_re = None
    items: list[tuple[Token, list[str]]] = []
    last_is_blank = False
    while pos < end:
        match = start_re.match(src, pos)
        if match:
            pos = match.end()
            value, indentation = parse_first_list_line(len(match.group(1)), match.group(2))
            content_re, lazy_re, indent_re = item_patterns(indentation)
            item: Token = {"type": "dd", "children": []}
            value, ial = strip_item_ial(value)
            if ial is not None:
                item["ial"] = ial
            items.append((item, [value, first_as_para]))
            dl["children"].append(item)
            start_re = marker_pattern("dl", indentation)
            first_as_para = last_is_blank = False
            continue
        if _EOB.match(src, pos):
            break
        match = content_re.match(src, pos) or (None if last_is_blank else lazy_re.match(src, pos))
        if match:
            pos = match.end()
            line = match.group(0)
            tabs = _LEADING_TABS.match(line)
            if tabs:
                line = " " * 4 * len(tabs.group(0)) + line[tabs.end():]
            found = indent_re.match(line)
            if found:
                line = line[found.end():]
            items[-1][1][0] += line
            first_as_para = last_is_blank = False
            continue
        match = _BLANK.match(src, pos)
        if not match:
            break
        pos = match.end()
        items[-1][1][0] += match.group(0)
        first_as_para = last_is_blank = True

    last = None
    for item, (value, as_para) in items:
        children = block.parse_blocks(state, value, item["children"])
        if not children:
            continue
        last = children.pop() if children[-1]["type"] == "blank_line" else None
        if children and children[0]["type"] == "paragraph" and not as_para:
            if len(children) > 1:
                children[0]["text"] += "\n"
            children[0]["transparent"] = True

    if tokens and tokens[-1]["type"] == "dl":
        tokens[-1]["children"].extend(dl["children"])
    elif len(tokens) >= 2 and tokens[-1]["type"] == "blank_line" and tokens[-2]["type"] == "dl":
        tokens.pop()
        tokens[-1]["children"].extend(dl["children"])
    else:
        tokens.append(dl)
    if last is not None:
        tokens.append(last)
    return pos


def render_dl(renderer: Any, token: Token, indent: int) -> str:
    """``<dl>`` with its terms and definitions a level deeper."""
    return renderer.indented_block_html("dl", token.get("attrs"), renderer.inner(token, indent), indent)


def render_dt(renderer: Any, token: Token, indent: int) -> str:
    """``<dt>``, with the id an ``auto_ids`` reference on its list asks for (unless it has one)."""
    attrs = token.get("attrs")
    parent = renderer.stack[-1] if renderer.stack else None
    refs = ((parent or {}).get("ial") or {}).get(REFS)
    if refs and not (attrs or {}).get("id"):
        ident = term_id(refs, token.get("raw_text", ""))
        if ident is not None:
            attrs = dict(attrs or {})
            attrs["id"] = ident
    return renderer.block_html("dt", attrs, renderer.inner(token, indent), indent)


def render_dd(renderer: Any, token: Token, indent: int) -> str:
    """``<dd>`` laid out as kramdown lays out ``<li>`` (inline when it starts transparent)."""
    return renderer.item_html(token, indent, "dd")


def plugin(md: Any) -> None:
    """Definition lists, tried where kramdown tries them (after lists, before HTML blocks)."""
    md.block.register("definition_list", p.DEFINITION_LIST_START, parse_definition_list,
                      before="block_html", start_chars=r"[ :]")
    md.renderer.register("dl", render_dl)
    md.renderer.register("dt", render_dt)
    md.renderer.register("dd", render_dd)
