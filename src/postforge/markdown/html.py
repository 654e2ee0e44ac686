"""Raw HTML in kramdown: HTML blocks parsed into elements, their bodies, and ``markdown="1"``.

kramdown does not pass block HTML through verbatim: it parses the tags into an element tree
(attributes re-quoted with ``"``, names of known elements lower-cased, text escaped), keeps the
body as raw text by default (Jekyll leaves ``parse_block_html`` off), parses it as Markdown blocks
or spans when the tag says ``markdown="1"``/``"block"``/``"span"``, and ends an element at its
matching closing tag.  A closing tag that ends the element whose content is being parsed as
blocks stops that parse (`StopBlockParsing`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from typing import Any
from typing import Match

from postforge.markdown import patterns as p
from postforge.markdown.elements import BLOCK_ELEMENTS
from postforge.markdown.elements import CONTENT_MODEL
from postforge.markdown.elements import KNOWN
from postforge.markdown.elements import MARKDOWN_ATTR
from postforge.markdown.elements import NO_BODY
from postforge.markdown.elements import SPAN_ELEMENTS
from postforge.markdown.native import to_native
from postforge.markdown.patterns import LazyPattern

if TYPE_CHECKING:
    from mistune.core import BlockState

__all__ = ["parse_block_html", "parse_span_html", "parse_html_attributes", "element_name", "StopBlockParsing"]

_COMMENT = re.compile(p.HTML_COMMENT, re.S)
_INSTRUCTION = LazyPattern(p.HTML_INSTRUCTION, re.S)
_TAG = LazyPattern(p.HTML_TAG, re.S)
_BLOCK_TAG = LazyPattern(p.OPT_SPACE + p.HTML_TAG, re.S)
_CLOSE = LazyPattern(p.HTML_TAG_CLOSE, re.S)
_BLOCK_CLOSE = LazyPattern(p.OPT_SPACE + p.HTML_TAG_CLOSE, re.S)
_ATTRIBUTE = LazyPattern(p.HTML_ATTRIBUTE, re.S)
_TRAILING_WS = re.compile(p.TRAILING_WHITESPACE)
_NEWLINES = LazyPattern(r"\n+")
_RAW_START = LazyPattern(rf"<(?:{p.UNAME}|/|!--|\?)")


class StopBlockParsing(Exception):
    """A closing tag ended the HTML element whose content is being parsed (kramdown's throw)."""


def element_name(name: str) -> str:
    """A tag name as kramdown keeps it: lower-cased when it names a known HTML element."""
    lower = name.lower()
    return lower if lower in KNOWN else name


def parse_html_attributes(text: str, lowercase: bool = True) -> dict[str, str]:
    """The attributes written in a start tag, values unquoted, in order (a repeat overwrites)."""
    attrs: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower() if lowercase else match.group(1)
        value = match.group(2) if match.group(2) is not None else match.group(4)
        attrs[name] = value if value is not None else ""
    return attrs


def parse_block_html(block: Any, m: Match[str], state: BlockState) -> int | None:
    """kramdown's ``parse_block_html``: a comment, a block-level start tag, or a closing tag."""
    src, pos = state.src, state.cursor
    comment = _COMMENT.match(src, pos)
    if comment:
        state.tokens.append({"type": "xml_comment", "raw": comment.group(0), "category": "block"})
        trailing = _TRAILING_WS.match(src, comment.end())
        return trailing.end() if trailing else comment.end()
    tag = _BLOCK_TAG.match(src, pos)
    if tag and tag.group("name").lower() not in SPAN_ELEMENTS:
        state.cursor = tag.end()
        _start_tag(block, state, tag, state.tokens)
        if state.env["options"].get("html_to_native"):
            to_native(state.tokens[-1])
        return state.cursor
    close = _BLOCK_CLOSE.match(src, pos)
    if close and close.group(1).lower() not in SPAN_ELEMENTS:
        container = state.container
        if container is not None and container["type"] == "html_element" \
                and container["tag"] == close.group(1).lower():
            state.cursor = close.end()
            raise StopBlockParsing
    return None


def _start_tag(block: Any, state: BlockState, tag: Match[str], siblings: list, parent: Any = None) -> None:
    """kramdown's ``handle_html_start_tag`` followed by ``handle_kramdown_html_tag``."""
    name = element_name(tag.group("name"))
    closed = tag.group("close") is not None
    token: dict[str, Any] = {"type": "html_element", "tag": name, "category": "block", "children": [],
                             "attrs": parse_html_attributes(tag.group("attrs"), name in KNOWN)}
    siblings.append(token)
    if not closed and name in NO_BODY:
        closed = True
    if name in ("script", "style"):
        _body_until_end_tag(state, token, name, "raw")
        _html_tag(block, state, token, False, False, parent)
    else:
        _html_tag(block, state, token, closed, True, parent)


def _html_tag(block: Any, state: BlockState, token: dict[str, Any], closed: bool,
              handle_body: bool, parent: Any) -> None:
    if state.block_ial is not None:
        token["ial"], state.block_ial = state.block_ial, None
    in_raw = parent is not None and parent.get("content_model") == "raw"
    model = "raw"
    if not in_raw and state.env["options"].get("parse_block_html"):
        model = CONTENT_MODEL.get(token["tag"], "raw")
    wanted = MARKDOWN_ATTR.get(token["attrs"].pop("markdown", None))
    if wanted:
        model = CONTENT_MODEL.get(token["tag"], "raw") if wanted == "default" else wanted
    if model == "block":
        _skip_trailing(state)
    token["content_model"] = model
    token["is_closed"] = closed
    if closed or not handle_body:
        return
    if model == "block":
        child = state.child_state(state.src)
        child.cursor = state.cursor
        child.container = token
        child.tokens = token["children"]
        block.parse(child)
        state.cursor = child.cursor
    elif model == "span":
        _body_until_end_tag(state, token, token["tag"], "text")
    else:
        _raw_html(block, state, token)
    if not in_raw:
        _skip_trailing(state)


def _skip_trailing(state: BlockState) -> None:
    trailing = _TRAILING_WS.match(state.src, state.cursor)
    if trailing:
        state.cursor = trailing.end()


def _body_until_end_tag(state: BlockState, token: dict[str, Any], name: str, kind: str) -> None:
    """The body up to ``</name>`` as one text (``raw``: output verbatim; ``text``: span-parsed)."""
    src = state.src
    end = re.compile(rf"</{re.escape(name)}{p.S}*>", re.I | re.S).search(src, state.cursor)
    body = src[state.cursor:end.start() if end else len(src)]
    if kind == "raw":
        if body:
            token["children"].append({"type": "raw", "raw": body})
    else:
        token["text"] = body
    state.cursor = end.end() if end else len(src)


def _raw_html(block: Any, state: BlockState, token: dict[str, Any]) -> None:
    """kramdown's ``parse_raw_html``: text and nested tags up to the element's closing tag."""
    src, children = state.src, token["children"]
    while state.cursor < len(src):
        start = _RAW_START.search(src, state.cursor)
        if start is None:
            _add_text(children, src[state.cursor:])
            state.cursor = len(src)
            return
        _add_text(children, src[state.cursor:start.start()])
        pos = state.cursor = start.start()
        match = _COMMENT.match(src, pos) or _INSTRUCTION.match(src, pos)
        if match:
            kind = "xml_comment" if match.group(0).startswith("<!") else "xml_pi"
            children.append({"type": kind, "raw": match.group(0), "category": "block"})
            state.cursor = match.end()
        elif match := _TAG.match(src, pos):
            state.cursor = match.end()
            _start_tag(block, state, match, children, token)
        elif match := _CLOSE.match(src, pos):
            state.cursor = match.end()
            name = match.group(1)
            if token["tag"] == (name.lower() if token["tag"] in KNOWN else name):
                return
            _add_text(children, match.group(0))
        else:
            _add_text(children, src[pos])
            state.cursor = pos + 1


def _add_text(children: list, text: str) -> None:
    if not text:
        return
    if children and children[-1]["type"] == "text":
        children[-1]["raw"] += text
    else:
        children.append({"type": "text", "raw": text})


def parse_span_html(inline: Any, m: Match[str], state: Any) -> int | None:
    """kramdown's ``parse_span_html``: a comment, a closing tag (text), or an element with its body."""
    src, pos = state.src, state.pos
    if match := _COMMENT.match(src, pos):
        state.tokens.append({"type": "xml_comment", "raw": match.group(0), "category": "span"})
        return match.end()
    if match := _CLOSE.match(src, pos):
        inline.add_text(state, match.group(0))
        return match.end()
    match = _TAG.match(src, pos)
    if match is None:
        return None
    name = element_name(match.group("name"))
    if name in BLOCK_ELEMENTS:
        inline.add_text(state, match.group(0))
        return match.end()
    attrs = {k: _NEWLINES.sub(" ", v) if v else v
             for k, v in parse_html_attributes(match.group("attrs"), name in KNOWN).items()}
    model = CONTENT_MODEL.get(name, "raw")
    tree = state.tree or {}
    parsing = False if model == "raw" or tree.get("content_model") == "raw" else \
        bool(state.env["options"].get("parse_span_html", True))
    wanted = MARKDOWN_ATTR.get(attrs.pop("markdown", None))
    if wanted == "span":
        parsing = True
    elif wanted == "default":
        parsing = model != "raw"
    elif wanted == "raw":
        parsing = False
    closed = match.group("close") is not None
    el: dict[str, Any] = {"type": "html_element", "tag": name, "attrs": attrs, "category": "span",
                 "content_model": "span" if parsing else "raw", "is_closed": closed, "children": []}
    state.tokens.append(el)
    state.pos = match.end()
    if not closed and name not in NO_BODY:
        stop = re.compile(rf"</{re.escape(name)}{p.S}*>", re.S | (re.I if name in KNOWN else 0))
        if inline.parse_spans(state, el, stop, rules=None if parsing else ("span_html",)):
            state.pos = stop.match(src, state.pos).end()
        else:
            inline.add_text(state, src[state.pos:], el["children"])
            state.pos = len(src)
    if state.env["options"].get("html_to_native"):
        to_native(el)
    return state.pos
