"""What the gems' HTML::Pipeline filters do to a whole page, shared by jekyll-mentions and jemoji.

Both gems edit a finished page: they cut out what lies between ``<body …>`` and ``</body>`` (the
whole output when there is no ``<body``), change its text nodes, and write the fragment back
through Nokogiri. That last step rewrites markup they did not touch: libxml2's HTML serializer
drops the slash of void tags (``<br />`` → ``<br>``), decodes entities (``&copy;`` → ``©``) and
escapes only ``&``, ``<``, ``>``, minimises boolean attributes, percent-escapes URL attributes,
quotes values its own way, and adds newlines inside and after HTML 4 block elements. A page the
gems touched reads differently from one they did not, so postforge writes the same bytes: the
fragment is parsed losslessly (``postforge.htmltree``) and serialised here by libxml2 2.9's rules,
as Nokogiri 1.13 applies them (checked against it in tests/plugins/test_html_pipeline.py).

Not reproduced: libxml2's parser repairs of broken markup (a ``<div>`` inside a ``<p>``, stray
end tags, HTML 5 void elements it does not know) and attribute names it lowercases in SVG.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from postforge.htmltree import Element
from postforge.htmltree import Text
from postforge.htmltree import parse

__all__ = ["BODY_OPEN", "split_body", "serialize", "text_html", "replace_text"]

#: the gems' ``%r!<body(.*?)>\s*!m``: the opening tag and the whitespace after it stay as written
BODY_OPEN = re.compile(r"<body(.*?)>\s*", re.S)

#: libxml2's HTML 4 elements that are neither inline nor unknown: they get newlines around them
_BLOCK = frozenset(
    "address area base blockquote body caption center col colgroup dd dir div dl dt fieldset form frame "
    "frameset h1 h2 h3 h4 h5 h6 head hr html isindex legend li link menu meta noframes noscript ol optgroup "
    "option p param pre style table tbody td tfoot th thead title tr ul".split()
)
#: elements libxml2 writes without an end tag
_EMPTY = frozenset("area base basefont br col frame hr img input isindex link meta param".split())
#: attributes libxml2 writes as a bare name
_BOOLEAN = frozenset("checked compact declare defer disabled ismap multiple nohref noresize noshade nowrap "
                     "readonly selected".split())
#: contents written as they are
_RAW = frozenset({"script", "style"})
_URI_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()@/:=?;#%&,+<>")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_TAG_HEAD = re.compile(r"<[A-Za-z][A-Za-z0-9:-]*")


def split_body(output: str) -> tuple[str, str, str]:
    """``(before, body, after)`` as the gems partition a page: up to and after ``<body …>``."""
    if "<body" not in output:
        return "", output, ""
    match = BODY_OPEN.search(output)
    if match is None:
        return output, "", ""
    body, closing, rest = output[match.end():].partition("</body>")
    return output[: match.end()], body, closing + rest


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_html(text: Text) -> str:
    """A text node as libxml2 writes it: entities decoded, then only ``& < >`` escaped."""
    return _escape(html.unescape(text.text))


def _uri_escape(value: str) -> str:
    return "".join(chr(byte) if byte in _URI_SAFE else f"%{byte:02X}" for byte in value.encode("utf-8"))


def _quoted(value: str) -> str:
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def _attributes(element: Element) -> str:
    head = _TAG_HEAD.match(element.start_tag)
    source = element.start_tag[head.end() if head else 0 :].removesuffix(">")  # a lone "/" is no attribute
    seen: set[str] = set()
    parts = []
    for match in _ATTR.finditer(source):
        name = match.group(1).lower()
        if name in seen:
            continue
        seen.add(name)
        if "=" not in match.group(0) or name in _BOOLEAN:
            parts.append(name)
            continue
        raw = next((group for group in match.groups()[1:] if group is not None), "")
        value = _escape(html.unescape(raw))
        if name in ("href", "action", "src") or (name == "name" and element.name == "a"):
            value = _uri_escape(value.lstrip(" \t\n\r"))
        parts.append(f"{name}={_quoted(value)}")
    return "".join(" " + part for part in parts)


def _is_text(node: Element | Text | None) -> bool:
    return isinstance(node, Text) and not (node.raw and node.text.startswith("<"))


def _children(element: Element) -> list[Element | Text]:
    """The children libxml2 keeps: stray end tags are dropped."""
    return [child for child in element.children if not (isinstance(child, Text) and child.text.startswith("</"))]


def _dump(node: Element | Text, out: list[str], next_sibling: Element | Text | None, parent: Element) -> None:
    if isinstance(node, Text):
        out.append(node.text if node.raw or parent.name in _RAW else text_html(node))
        return
    name = node.name
    children = _children(node)
    block = name in _BLOCK and not name.startswith("p")
    out.append(f"<{name}{_attributes(node)}>")
    if children:
        if block and len(children) > 1 and not _is_text(children[0]):
            out.append("\n")
        for index, child in enumerate(children):
            _dump(child, out, children[index + 1] if index + 1 < len(children) else None, node)
        if block and len(children) > 1 and not _is_text(children[-1]):
            out.append("\n")
        out.append(f"</{name}>")
    elif name not in _EMPTY and name != "li":
        out.append(f"</{name}>")
    if (
        name in _BLOCK and next_sibling is not None and not _is_text(next_sibling)
        and parent.name != "#root" and not parent.name.startswith("p")
    ):
        out.append("\n")


def serialize(root: Element) -> str:
    """A parsed fragment as Nokogiri's ``to_html`` writes it (top-level nodes one after another)."""
    out: list[str] = []
    children = _children(root)
    for index, child in enumerate(children):
        _dump(child, out, children[index + 1] if index + 1 < len(children) else None, root)
    return "".join(out)


def replace_text(root: Element, skip: frozenset[str], change: Callable[[Text], str | None]) -> bool:
    """Replace each text node outside ``skip`` for which ``change`` gives new HTML; True if any did."""
    changed = False
    stack: list[Element] = [root]
    while stack:
        element = stack.pop()
        if element.name in skip or element.name in _RAW:
            continue
        for index in range(len(element.children) - 1, -1, -1):
            child = element.children[index]
            if isinstance(child, Element):
                stack.append(child)
                continue
            if child.raw:
                continue
            new_html = change(child)
            if new_html is None:
                continue
            nodes = parse(new_html).children
            for node in nodes:
                node.parent = element
            element.children[index : index + 1] = nodes
            changed = True
    return changed
