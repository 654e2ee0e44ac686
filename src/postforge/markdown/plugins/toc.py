"""kramdown's table of contents: the first list carrying ``{:toc}`` becomes the document's TOC.

The list is written as a placeholder; once the whole document (endnotes included) is written,
the headers kramdown collected (those with an id, at a level of ``toc_levels``, without the class
``no_toc``) replace it as nested lists of the same kind: ``<ul id="markdown-toc">`` (or the id
and classes the list's IAL gave it), each entry ``<a href="#id" id="markdown-toc-id">`` holding a
copy of the header's content without its footnote markers and with its links unwrapped.  A
header deeper than the one before opens a nested list under it; a shallower or equal one closes
lists until it finds a shallower parent.  With no header to list, the list is written as nothing.
"""

from __future__ import annotations

from typing import Any
from typing import Iterable

from postforge.markdown.attributes import REFS

__all__ = ["plugin", "toc_tree", "toc_entry_children", "TOC_KEY", "PLACEHOLDER"]

Token = dict[str, Any]

#: where in ``state.env`` the list taken for the TOC is kept (kramdown's ``@toc_code``)
TOC_KEY = "toc"
#: what the ``{:toc}`` list is written as until the TOC replaces it
PLACEHOLDER = "\x00kramdown-toc\x00"


def toc_entry_children(children: Iterable[Token]) -> list[Token]:
    """A header's content for its TOC entry: a copy, footnote markers dropped, links unwrapped."""
    out: list[Token] = []
    for child in children:
        kind = child["type"]
        if kind == "footnote":
            continue
        copied = dict(child)
        if child.get("children"):
            copied["children"] = toc_entry_children(child["children"])
        if kind == "link":
            out.extend(copied.get("children") or [])
        else:
            out.append(copied)
    return out


def toc_tree(headers: Iterable[tuple[int, str, list[Token]]], ordered: bool,
             attrs: dict[str, Any] | None) -> Token:
    """kramdown's ``generate_toc_tree``: the TOC as list tokens, nested by header level."""
    attrs = dict(attrs or {})
    if attrs.get("id") is None:
        attrs["id"] = "markdown-toc"
    sections: Token = {"type": "list", "ordered": ordered, "attrs": attrs, "children": []}
    stack: list[Token] = []
    for level, ident, children in headers:
        link = {"type": "link", "attrs": {"href": f"#{ident}", "id": f"{attrs['id']}-{ident}"},
                "children": toc_entry_children(children)}
        item: Token = {"type": "list_item", "level": level, "children": [
            {"type": "paragraph", "transparent": True, "children": [link]},
            {"type": "list", "ordered": ordered, "children": []},
        ]}
        while True:
            if not stack:
                sections["children"].append(item)
                stack.append(item)
                break
            if stack[-1]["level"] < level:
                stack[-1]["children"][-1]["children"].append(item)
                stack.append(item)
                break
            _drop_empty_sublist(stack.pop())
    while stack:
        _drop_empty_sublist(stack.pop())
    return sections


def _drop_empty_sublist(item: Token) -> None:
    if not item["children"][-1]["children"]:
        item["children"].pop()


def plugin(md: Any) -> None:
    """``{:toc}``: a placeholder for the first list asking for it, filled once all is written."""
    renderer = md.renderer
    render_list = renderer.method("list")

    def render_list_or_placeholder(renderer: Any, token: Token, indent: int) -> str:
        env = renderer.state.env
        if TOC_KEY not in env and "toc" in ((token.get("ial") or {}).get(REFS) or ()):
            env[TOC_KEY] = (bool(token.get("ordered")), dict(token.get("attrs") or {}))
            return PLACEHOLDER
        return render_list(token, indent)

    def write_toc(renderer: Any, html: str, state: Any) -> str:
        code = state.env.get(TOC_KEY)
        if code is None:
            return html
        tree = toc_tree(renderer.toc, *code)
        text = renderer.render(tree, 0) if tree["children"] else ""
        return html.replace(PLACEHOLDER, text, 1)

    renderer.register("list", render_list_or_placeholder)
    renderer.finalizers.append(write_toc)
