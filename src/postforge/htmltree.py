"""A small, lossless tree of an HTML fragment, for plugins that edit converted pages.

``parse`` keeps every tag's source text, so ``serialize(parse(html)) == html`` byte for byte;
plugins change only what they touch (an ``id`` here, a link around a word there). Elements know
their children and parent, text nodes their text. Unclosed elements end where their parent ends,
and void elements (``<br>``, ``<img>``) have no children.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from dataclasses import field
from typing import Iterator

__all__ = ["Element", "Text", "parse", "serialize", "iter_text", "text_content", "VOID"]

#: elements that never have content
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: elements whose content is raw text, never parsed as tags
RAW_TEXT = frozenset({"script", "style", "textarea", "title"})

_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?>|</?[A-Za-z][^>]*>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*?)(/?)>", re.S)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


@dataclass(eq=False)
class Text:
    """Character data (or a comment/doctype, with ``raw`` set), as written in the source."""

    text: str
    raw: bool = False
    parent: Element | None = None


@dataclass(eq=False)
class Element:
    """An element: its name, its start and end tag as written, its children."""

    name: str
    start_tag: str = ""
    end_tag: str = ""
    children: list[Element | Text] = field(default_factory=list)
    parent: Element | None = None

    @property
    def attrs(self) -> dict[str, str]:
        """The attributes, entity-decoded (read-only view of the start tag)."""
        match = _TAG.match(self.start_tag)
        if not match:
            return {}
        found = {}
        for name, dq, sq, bare in _ATTR.findall(match.group(3)):
            value = dq if dq or not (sq or bare) else (sq or bare)
            found[name.lower()] = html.unescape(value)
        return found

    def set_attr(self, name: str, value: str) -> None:
        """Set one attribute, keeping the rest of the start tag as written."""
        quoted = html.escape(value, quote=True)
        pattern = re.compile(rf"""(\s){re.escape(name)}\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)""", re.I)
        if pattern.search(self.start_tag):
            self.start_tag = pattern.sub(lambda m: f'{m.group(1)}{name}="{quoted}"', self.start_tag, count=1)
            return
        end = -2 if self.start_tag.endswith("/>") else -1
        self.start_tag = f'{self.start_tag[:end].rstrip()} {name}="{quoted}"{self.start_tag[end:]}'

    def add_class(self, name: str) -> None:
        classes = self.attrs.get("class", "").split()
        if name not in classes:
            self.set_attr("class", " ".join([*classes, name]))

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def append(self, child: Element | Text) -> None:
        child.parent = self
        self.children.append(child)

    def insert(self, index: int, child: Element | Text) -> None:
        child.parent = self
        self.children.insert(index, child)


def parse(source: str) -> Element:
    """Parse an HTML fragment into a root element named ``#root``."""
    root = Element("#root")
    stack = [root]
    pos = 0
    raw_until: str | None = None
    for match in _TOKEN.finditer(source):
        token = match.group(0)
        if raw_until is not None:
            if not token.lower().startswith(f"</{raw_until}"):
                continue
        if match.start() > pos:
            stack[-1].append(Text(source[pos : match.start()]))
        pos = match.end()
        tag = _TAG.match(token)
        if tag is None:
            stack[-1].append(Text(token, raw=True))
            continue
        closing, name, _attrs, self_closing = tag.groups()
        name = name.lower()
        if closing:
            raw_until = None
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].name == name:
                    stack[depth].end_tag = token
                    del stack[depth:]
                    break
            else:
                stack[-1].append(Text(token, raw=True))
            continue
        element = Element(name, token)
        stack[-1].append(element)
        if name in VOID or self_closing:
            continue
        stack.append(element)
        if name in RAW_TEXT:
            raw_until = name
    if pos < len(source):
        stack[-1].append(Text(source[pos:]))
    return root


def serialize(node: Element | Text) -> str:
    """The HTML of ``node``: for an unchanged tree, exactly the parsed source."""
    if isinstance(node, Text):
        return node.text
    inner = "".join(serialize(child) for child in node.children)
    if node.name == "#root":
        return inner
    return node.start_tag + inner + node.end_tag


def iter_text(node: Element, skip: frozenset[str] = frozenset()) -> Iterator[Text]:
    """Every text node below ``node`` outside elements named in ``skip``."""
    for child in node.children:
        if isinstance(child, Text):
            if not child.raw:
                yield child
        elif child.name not in skip:
            yield from iter_text(child, skip)


def text_content(node: Element | Text) -> str:
    """The decoded text of a node, as a reader sees it."""
    if isinstance(node, Text):
        return "" if node.raw else html.unescape(node.text)
    return "".join(text_content(child) for child in node.children)
