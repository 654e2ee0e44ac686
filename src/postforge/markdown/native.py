"""``html_to_native``: HTML elements turned into the Markdown elements they stand for.

With the option on, kramdown converts each HTML element it parses (block or span) right away:
``<em>``/``<i>`` become emphasis, ``<b>``/``<strong>`` strong emphasis (unless their text starts
or ends with a space), ``<a href>`` links, ``<h1>``–``<h6>`` headers, ``<p>``, lists, quotes,
rules and simple tables their kinds, ``<code>`` and ``<pre>`` code spans and blocks, and
``<script type="math/tex">`` math; whitespace runs in the text become single spaces, entities
are read, text around block children is wrapped in paragraphs, and whitespace between them
goes.  Anything else stays an HTML element whose content is converted in turn.
"""

from __future__ import annotations

import re
from typing import Any

from postforge.markdown import patterns as p
from postforge.markdown.elements import BLOCK_ELEMENTS
from postforge.markdown.elements import CONTENT_MODEL
from postforge.markdown.elements import SPAN_ELEMENTS
from postforge.markdown.patterns import LazyPattern
from postforge.markdown.typography import find_entity

__all__ = ["to_native"]

Token = dict[str, Any]
_WS = " \t\n\x0b\f\r"
_WS_RUN = LazyPattern(r"[ \t\n\x0b\f\r]+")
_ENTITY = LazyPattern(p.HTML_ENTITY)
_REMOVE_TEXT = frozenset("html head hgroup ol ul dl table colgroup tbody thead tfoot tr select optgroup".split())
_WRAP_TEXT = frozenset("body section nav article aside header footer address div li dd blockquote figure "
                       "figcaption fieldset form".split())
_REMOVE_WHITESPACE = frozenset("body section nav article aside header footer address div li dd blockquote "
                               "figure figcaption td th fieldset form".split())
_STRIP = frozenset("address article aside blockquote body caption dd div dl dt fieldset figcaption form "
                   "footer header h1 h2 h3 h4 h5 h6 legend li nav p section td th".split())
#: elements that become a Markdown element of their own, and the token type they become
_SIMPLE = {"em": "emphasis", "strong": "strong", "blockquote": "block_quote", "hr": "thematic_break",
           "br": "linebreak", "img": "image", "p": "paragraph", "thead": "table_head", "tbody": "table_body",
           "tfoot": "table_foot", "tr": "table_row", "td": "table_cell", "th": "th",
           "ul": "list", "ol": "list", "li": "list_item", "dl": "dl", "dt": "dt", "dd": "dd"}
_EMPHASIS = {"em": "emphasis", "i": "emphasis", "strong": "strong", "b": "strong"}
_QUOTES = frozenset(("lsquo", "rsquo", "ldquo", "rdquo"))
_SYMBOLS = frozenset(("mdash", "ndash", "hellip", "laquo", "raquo"))
_BLOCK_TYPES = frozenset(("blank_line", "paragraph", "heading", "block_quote", "block_code", "list", "list_item",
                          "dl", "dt", "dd", "table", "table_cell", "thematic_break"))
_HIGHLIGHTER_CLASS = LazyPattern(r"[ \t\n\x0b\f\r]+\bhighlighter-\w+\b|\bhighlighter-\w+\b[ \t\n\x0b\f\r]*")
#: kramdown's element names for the token types a comment can sit in
_KRAMDOWN_NAMES = {"paragraph": "p", "emphasis": "em", "link": "a", "list_item": "li", "table_cell": "td",
                   "block_quote": "blockquote", "heading": "h1", "block_code": "pre", "codespan": "code"}
_SYMBOL_CHARS = {"mdash": "—", "ndash": "–", "hellip": "…", "laquo": "«", "raquo": "»",
                 "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”"}


def _is_block(token: Token) -> bool:
    if token["type"] in ("html_element", "xml_comment", "xml_pi", "math"):
        return token.get("category") == "block"
    return token["type"] in _BLOCK_TYPES


def _text_of(token: Token) -> str:
    """kramdown's ``extract_text``: the text children, recursively (unparsed text does not count)."""
    own = token["raw"] if token["type"] == "text" else ""
    return own + "".join(_text_of(child) for child in token.get("children") or ())


def _process_text(raw: str, preserve: bool) -> list[Token]:
    """Text with whitespace runs as one space (unless preserved), entities as entity tokens."""
    if not preserve:
        raw = _WS_RUN.sub(" ", raw)
    result: list[Token] = []
    pos = 0
    while pos < len(raw):
        match = _ENTITY.search(raw, pos)
        if match is None:
            result.append({"type": "text", "raw": raw[pos:]})
            break
        result.append({"type": "text", "raw": raw[pos:match.start()]})
        name, decimal, hexa = match.groups()
        if name in _QUOTES:
            result.append({"type": "smart_quote", "raw": name})
        elif name in _SYMBOLS:
            result.append({"type": "typographic_sym", "raw": name})
        else:
            try:
                key = name if name is not None else int(decimal or hexa, 10 if decimal else 16)
                code, entity_name = find_entity(key)
            except (KeyError, ValueError):
                result.append({"type": "entity", "code": 38, "name": "amp"})
                pos = match.start() + 1
                continue
            result.append({"type": "entity", "code": code, "name": entity_name, "original": match.group(0)})
        pos = match.end()
    return result


def _set_basics(token: Token, kind: str, **options: Any) -> None:
    for key in ("tag", "category", "content_model", "is_closed"):
        token.pop(key, None)
    token["type"] = kind
    token.update(options)


def to_native(token: Token, preserve: bool = False, convert: bool = True, parent: Token | None = None) -> None:
    """Convert an HTML element token (and what it holds) in place, as kramdown's ElementConverter."""
    kind = token["type"]
    if kind in ("xml_comment", "xml_pi"):
        ptype = "div" if parent is None else parent.get("tag") if parent["type"] == "html_element" \
            else _KRAMDOWN_NAMES.get(parent["type"], parent["type"])
        token["category"] = "span" if CONTENT_MODEL.get(ptype or "", "raw") == "span" else "block"
        return
    if kind != "html_element":
        return
    if "text" in token:  # a body still to be span-parsed is a child the checks below must see
        text = token.pop("text")
        token["children"] = [{"type": "raw_text", "text": text}] if text else []
    tag = token["tag"]
    special = _CONVERTERS.get(tag) if convert else None
    if special is not None:
        special(token)
        return
    if convert and tag in _REMOVE_TEXT:
        token["children"] = [c for c in token["children"] if c["type"] != "text"]
    if convert and tag in _SIMPLE:
        _set_basics(token, _SIMPLE[tag])
        if tag in ("ul", "ol"):
            token["ordered"] = tag == "ol"
        _children(token, convert, preserve)
    else:
        _html_element(token, convert, preserve)
    if convert:
        if tag in _STRIP:
            _strip(token)
        if tag in _REMOVE_WHITESPACE:
            _remove_whitespace(token)
        if tag in _WRAP_TEXT:
            _wrap_text(token)


def _children(token: Token, convert: bool = True, preserve: bool = False) -> None:
    children: list[Token] = []
    for child in token.get("children") or ():
        if child["type"] == "text":
            children.extend(_process_text(child["raw"], preserve or not convert))
        else:
            to_native(child, preserve, convert, token)
            children.append(child)
    token["children"] = children


def _html_element(token: Token, convert: bool = True, preserve: bool = False) -> None:
    tag = token["tag"]
    token["category"] = "span" if tag in SPAN_ELEMENTS else "block"
    token["content_model"] = CONTENT_MODEL.get(tag, "raw") if convert else "raw"
    token.pop("is_closed", None)
    _children(token, convert, preserve)


def _strip(token: Token) -> None:
    children = token.get("children")
    if children and children[0]["type"] == "text":
        children[0]["raw"] = children[0]["raw"].lstrip(_WS + "\x00")
    if children and children[-1]["type"] == "text":
        children[-1]["raw"] = children[-1]["raw"].rstrip(_WS + "\x00")


def _remove_whitespace(token: Token) -> None:
    children = token.get("children") or []
    last = len(children) - 1
    token["children"] = [c for i, c in enumerate(children) if not (
        c["type"] == "text" and not c["raw"].strip(_WS + "\x00")
        and (i == 0 or i == last or (_is_block(children[i - 1]) and _is_block(children[i + 1]))))]


def _wrap_text(token: Token) -> None:
    wrapped: list[Token] = []
    open_paragraph = False
    for child in token.get("children") or ():
        if not _is_block(child) or child["type"] == "text":
            if not open_paragraph:
                wrapped.append({"type": "paragraph", "transparent": True, "children": []})
                open_paragraph = True
            wrapped[-1]["children"].append(child)
        else:
            wrapped.append(child)
            open_paragraph = False
    token["children"] = wrapped


def _convert_a(token: Token) -> None:
    if token["attrs"].get("href") is not None:
        _set_basics(token, "link")
        _children(token)
    else:
        _html_element(token, False)


def _convert_emphasis(token: Token) -> None:
    text = _text_of(token)
    if text and (text[0] in _WS or text[-1] in _WS):
        _html_element(token, False)
    else:
        _set_basics(token, _EMPHASIS[token["tag"]])
        _children(token)


def _convert_header(token: Token) -> None:
    level = int(token["tag"][1])
    _set_basics(token, "heading", level=level, raw_text=_text_of(token))
    _children(token)


def _convert_code(token: Token) -> None:
    tag = token["tag"]
    parts = _process_text(_text_of(token), True)
    text = ""
    for part in parts:
        if part["type"] == "text":
            text += part["raw"]
        elif part["type"] == "entity":
            text += chr(part["code"])
        else:
            text += _SYMBOL_CHARS[part["raw"]]
    attrs = token["attrs"]
    children = token.get("children") or []
    if tag == "code":
        _set_basics(token, "codespan")
        if attrs.get("class") is not None:
            attrs["class"] = _HIGHLIGHTER_CLASS.sub("", attrs["class"])
    else:
        _set_basics(token, "block_code")
        if len(children) == 1 and children[0].get("tag") == "code":
            match = re.search(r"\blanguage-\S+", (children[0].get("attrs") or {}).get("class") or "")
            if match:
                attrs["class"] = f"{match.group(0)} {attrs.get('class') or ''}".rstrip()
    token["raw"] = text
    token.pop("children", None)


def _convert_textarea(token: Token) -> None:
    _html_element(token, True, True)


def _convert_script(token: Token) -> None:
    if not re.search(r"\bmath/tex\b", str(token["attrs"].get("type") or "")):
        _html_element(token)
        return
    category = "block" if re.search(r"mode=display", token["attrs"].get("type") or "") else "span"
    children = token.get("children") or []
    value = children[0]["raw"] if children else ""
    value = re.sub(r"\A(?:%\s*)?<!\[CDATA\[\n?(.*?)(?:\s%)?\]\]>\Z", r"\1", value, flags=re.S)
    del token["attrs"]["type"]
    _set_basics(token, "math", category=category, raw=value)
    token.pop("children", None)


_CONVERTERS = {"a": _convert_a, "em": _convert_emphasis, "i": _convert_emphasis, "b": _convert_emphasis,
               "strong": _convert_emphasis, "textarea": _convert_textarea, "code": _convert_code,
               "pre": _convert_code, "script": _convert_script,
               **{f"h{n}": _convert_header for n in range(1, 7)}}


class _NotSimple(Exception):
    """One of kramdown's ``is_simple_table`` checks failed."""


def _cells(row: Token) -> list[Token]:
    return [c for c in row.get("children") or () if c.get("tag") in ("th", "td")]


def _check_cells(token: Token) -> None:
    def phrasing(node: Token) -> bool:
        return all((c["type"] == "text" or c.get("tag") not in BLOCK_ELEMENTS) and phrasing(c)
                   for c in node.get("children") or ())

    if token.get("tag") in ("th", "td"):
        if not phrasing(token):
            raise _NotSimple
    else:
        for child in token.get("children") or ():
            _check_cells(child)


def _rows(token: Token) -> list[Token]:
    if token.get("tag") == "tr":
        return [token]
    return [row for child in token.get("children") or () for row in _rows(child)]


def _alignment(row: Token) -> list[str]:
    found = []
    for cell in _cells(row):
        style = str(cell["attrs"].get("style") or "")
        match = re.search(r"text-align:\s+(center|left|right|justify|inherit)", style)
        if match and match.group(1) in ("justify", "inherit"):
            raise _NotSimple
        found.append(match.group(1) if match else "default")
    return found


def _rows_of(token: Token, tag: str) -> bool:
    return all((r.get("tag") == "tr" or r["type"] == "text")
               and all(c.get("tag") == tag or c["type"] == "text" for c in r.get("children") or ())
               for r in token.get("children") or ())


def _simple_table(table: Token) -> bool:
    """kramdown's ``is_simple_table``: phrasing cells, one cell count and alignment, head/body shape."""
    try:
        _check_cells(table)
        rows = _rows(table)
        count = 0
        for row in rows:
            cells = len(_cells(row))
            if cells != count:
                count = cells if count == 0 else -1
        if count == -1:
            return False
        alignment = None
        for row in rows:
            current = _alignment(row)
            if alignment is None:
                alignment = current
            elif alignment != current:
                return False
    except _NotSimple:
        return False
    sections = table.get("children") or []
    return _rows_of(table, "td") or (all(
        s["type"] == "text" or (s.get("tag") == "thead" and _rows_of(s, "th"))
        or (s.get("tag") in ("tfoot", "tbody") and _rows_of(s, "td")) for s in sections)
        and any(s.get("tag") == "tbody" for s in sections))


def _convert_table(token: Token) -> None:
    if not _simple_table(token):
        _html_element(token, False)
        return
    token["children"] = [c for c in token["children"] if c["type"] != "text"]
    _children(token)
    _set_basics(token, "table")
    alignment: list[str] = []

    def align(node: Token) -> None:
        nonlocal alignment
        if node["type"] == "table_row":
            alignment = []
            for cell in node["children"]:
                style = (cell.get("attrs") or {}).get("style")
                if style is None:
                    alignment.append("default")
                    continue
                found = re.search(r"(?:;\s*)?text-align:\s+(center|left|right)", style)
                if found:
                    style = style[:found.start()] + style[found.end():]
                    cell["attrs"]["style"] = style
                if not style.strip():
                    del cell["attrs"]["style"]
                alignment.append(found.group(1) if found else "default")
        else:
            for child in node.get("children") or ():
                align(child)

    align(token)
    token["alignment"] = alignment
    token["children"] = [c for c in token["children"] if c["type"] != "html_element"]

    def plain_cells(node: Token) -> None:
        if node["type"] == "th":
            node["type"] = "table_cell"
        for child in node.get("children") or ():
            plain_cells(child)

    plain_cells(token)
    if token["children"] and token["children"][0]["type"] == "table_row":
        token["children"] = [{"type": "table_body", "children": token["children"]}]


_CONVERTERS["table"] = _convert_table
