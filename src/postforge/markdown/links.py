"""kramdown's links: inline ``[text](url "title")``, references ``[text][id]``, images, autolinks.

The text in brackets is parsed as spans up to its matching ``]`` (images inside count as closed
brackets); then come a reference id, a parenthesised URL (parentheses may nest; an ``<url>`` may
hold spaces) with an optional quoted title, or nothing (a shortcut reference).  A reference
whose id has no definition leaves the ``[`` as text and parsing goes on after it.  A link
definition's attribute list applies to the links that use it.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Match

from postforge.markdown import patterns as p
from postforge.markdown.attributes import update_attr_with_ial
from postforge.markdown.patterns import LazyPattern

__all__ = ["parse_link", "parse_autolink", "normalize_link_id", "LINK_STOP", "SIMPLE_URL"]

Token = dict[str, Any]
_RUBY_WS = " \t\n\x0b\f\r\x00"
_AUTOLINK = LazyPattern(r"<((mailto|https?|ftps?):.+?|[\w\-.]+?@[\w\-.]+?)>")
_LINK_STOP = re.compile(r"(\])|!?\[")
#: where a link's text may end (the stop pattern of its span scan; `fastspans` scans with it too)
LINK_STOP = _LINK_STOP
_LINK_ID = LazyPattern(rf"{p.S}*?\[([^\]]+)?\]")
_LINK_ANGLE = LazyPattern(r"\(<(.*?)>")
#: a parenthesis, or whitespace before a quote (a title); a character class first is quick to find
_LINK_PAREN_STOP = LazyPattern(r"[() \t\n\x0b\f\r](?:(?<=[()])|(?=['\"]))")
_SIMPLE_URL = re.compile(r"\(([^() \t\n\x0b\f\r]*)\)")
SIMPLE_URL = _SIMPLE_URL
_LINK_TITLE = LazyPattern(rf"{p.S}*?([\"'])(.+?)\1{p.S}*?\)", re.S)
_ESCAPED = LazyPattern(p.ESCAPED_CHARS)
_WS_RUN = LazyPattern(r"[ \t\n\x0b\f\r]+")


def normalize_link_id(text: str) -> str:
    """kramdown's link id: whitespace runs become one space, lower-cased."""
    return _WS_RUN.sub(" ", text).lower()


def parse_autolink(inline: Any, m: Match[str], state: Any) -> int:
    """kramdown's ``<http://…>`` and ``<name@host>``."""
    match = _AUTOLINK.match(state.src, state.pos)
    target = match.group(1)
    href = target if match.group(2) else "mailto:" + target
    text = target[7:] if target.startswith("mailto:") else target
    state.tokens.append({"type": "link", "attrs": {"href": href},
                         "children": [{"type": "text", "raw": text}]})
    return match.end()


def parse_link(inline: Any, m: Match[str], state: Any) -> int:
    """kramdown's ``parse_link``: inline and reference links and images."""
    src, start = state.src, state.pos
    opener = m.group(0)
    saved = inner_start = start + len(opener)
    kind = "image" if opener.startswith("!") else "link"
    tree = state.tree
    if kind == "link" and ((tree is not None and tree["type"] in ("image", "link"))
                           or (state.stack and inline.within(state, "image", "link"))):
        inline.add_text(state, opener)
        return saved
    el: Token = {"type": kind, "children": []}
    state.pos = inner_start
    at = inline.first_trigger(state, _LINK_STOP, "]![")
    if at >= 0 and src[at] == "]":  # plain text up to the first "]": it closes the brackets
        if at > inner_start:
            el["children"].append({"type": "text", "raw": src[inner_start:at]})
        state.pos = at
    elif not _parse_link_text(inline, state, el):
        inline.add_text(state, opener)
        return saved
    alt_text = _unescape(src[inner_start:state.pos])
    pos = state.pos + 1
    inline_url = src.startswith("(", pos)  # then no reference id can follow: spare the regex
    ident = None if inline_url else _LINK_ID.match(src, pos)
    if ident or not inline_url:
        if ident:
            pos = ident.end()
        link_id = normalize_link_id(ident.group(1) if ident and ident.group(1) else alt_text)
        definition = (state.env.get("link_defs") or {}).get(link_id)
        if definition is None:
            inline.add_text(state, opener)
            return saved
        url, title, eob = definition
        _add_link(state, el, url, title, alt_text, eob.get("ial") if eob else None)
        return pos
    angle = None
    if src.startswith("(<", pos):
        angle = _LINK_ANGLE.match(src, pos)
    else:
        simple = _SIMPLE_URL.match(src, pos)
        if simple:  # ``(url)``: what the loop below finds for a URL without spaces and parentheses
            _add_link(state, el, simple.group(1).strip(_RUBY_WS), None, alt_text)
            return simple.end()
    if angle:
        url, pos = angle.group(1), angle.end()
        if src.startswith(")", pos):
            _add_link(state, el, url, None, alt_text)
            return pos + 1
    else:
        url_start, depth = pos, 0
        while stop := _LINK_PAREN_STOP.search(src, pos):
            pos = stop.end()
            char = src[pos - 1]
            if char == ")":
                depth -= 1
                if depth == 0:
                    break
            elif char == "(":
                depth += 1
            else:
                break
        url = src[url_start + 1:pos - 1].strip(_RUBY_WS)
        if depth == 0:
            _add_link(state, el, url, None, alt_text)
            return pos
    title = _LINK_TITLE.match(src, pos)
    if title is None:
        inline.add_text(state, opener)
        return saved
    _add_link(state, el, url, title.group(2), alt_text)
    return title.end()


def _parse_link_text(inline: Any, state: Any, el: Token) -> bool:
    """The spans in brackets up to the matching ``]`` (images inside count as closed brackets)."""
    src = state.src
    count = 1

    def cond() -> bool:
        nonlocal count
        count += -1 if _LINK_STOP.match(src, state.pos).group(1) else 1
        return count - sum(1 for c in el["children"] if c["type"] == "image") == 0

    return inline.parse_plain_spans(state, el, _LINK_STOP, cond, stop_chars="]![")


def _add_link(state: Any, el: Token, href: str, title: str | None,
              alt_text: str, ial: dict[str, Any] | None = None) -> None:
    attrs: dict[str, Any] = {}
    if ial:
        el["ial"] = ial
        update_attr_with_ial(attrs, ial, state.env.get("alds"))
    if el["type"] == "link":
        attrs["href"] = href
    else:
        attrs["src"] = href
        attrs["alt"] = alt_text
        el["children"] = []
    if title is not None:
        attrs["title"] = title
    el["attrs"] = attrs
    state.tokens.append(el)


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPED.sub(r"\1", text)
