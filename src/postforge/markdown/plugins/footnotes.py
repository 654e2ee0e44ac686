"""kramdown's footnotes: ``[^name]`` markers, ``[^name]: …`` definitions and the endnotes block.

A definition is a block whose body is its first line plus the indented lines after it, parsed as
blocks wherever it stands; a marker whose name has a definition becomes a ``footnote`` token,
any other ``[^…]`` stays text.  Numbers are given while the HTML is written, in the order markers
are met (``footnote_nr`` first): a repeated marker reuses its number and gets the id
``fnref:name:1``, ``:2`` ….  When the document is written, each used footnote becomes an
``<li id="fn:name">`` in ``<div class="footnotes" role="doc-endnotes">`` at the end (or where a
list carrying ``{:footnotes}`` stood), its back-links (``footnote_backlink``, ``&#8617;`` by
default, with a ``<sup>`` count for repeats) appended to its last paragraph after a no-break
space, or in a paragraph of their own.  Markers inside a footnote get numbers as it is written,
so their notes follow it.

Data: ``state.env["footnotes"]`` maps a name to ``{"content": tokens, "eob": token}`` (what the
parser read); the writing keeps its counters under :data:`OUTPUT_KEY` in the same ``env``.
"""

from __future__ import annotations

import copy
import re
from typing import Any
from typing import Match

from postforge.markdown import patterns as p
from postforge.markdown.attributes import REFS
from postforge.markdown.patterns import LazyPattern
from postforge.markdown.plugins.toc import TOC_KEY
from postforge.markdown.renderer import escape_html

__all__ = ["plugin", "parse_footnote_definition", "parse_footnote_marker", "footnote_marker_html",
           "backlinks_html", "footnote_content", "OUTPUT_KEY", "PLACEHOLDER"]

Token = dict[str, Any]

#: where in ``state.env`` the writer keeps the footnotes it has numbered
OUTPUT_KEY = "footnote_output"
#: what a ``{:footnotes}`` list is written as until the endnotes replace it
PLACEHOLDER = "\x00kramdown-footnotes\x00"

_DEFINITION = LazyPattern(rf"{p.OPT_SPACE}\[\^({p.ALD_ID_NAME})\]:{p.S}*?(.*?\n{p.CODEBLOCK_MATCH})")
_INDENT = LazyPattern(r"^(?:\t| {4})", re.M)
_MARKER = LazyPattern(rf"\[\^({p.ALD_ID_NAME})\]")
_BACKLINK = '{}<a href="#fnref:{}" class="reversefootnote" role="doc-backlink">{}</a>'
_BACKLINK_HOSTS = ("paragraph", "heading")


def parse_footnote_definition(block: Any, m: Match[str], state: Any) -> int | None:
    """kramdown's ``parse_footnote_definition``: the body is parsed now, kept in ``env``."""
    match = _DEFINITION.match(state.src, state.cursor)
    if match is None:
        return None
    content = block.parse_blocks(state, _INDENT.sub("", match.group(2)))
    eob = {"type": "eob", "kind": "footnote_def"}
    state.append_token(eob)
    state.env.setdefault("footnotes", {})[match.group(1)] = {"content": content, "eob": eob}
    return match.end()


def parse_footnote_marker(inline: Any, m: Match[str], state: Any) -> int:
    """kramdown's ``parse_footnote_marker``: a ``footnote`` token, or text without a definition."""
    match = _MARKER.match(state.src, state.pos)
    name = match.group(1)
    if name in (state.env.get("footnotes") or {}):
        state.tokens.append({"type": "footnote", "name": name})
    else:
        inline.add_text(state, match.group(0))
    return match.end()


def footnote_marker_html(name: str, number: int, repeat: int) -> str:
    """The ``<sup>`` of a marker: the `repeat`-th reuse of footnote `name` (0: the first use)."""
    suffix = f":{repeat}" if repeat else ""
    return (f'<sup id="fnref:{name}{suffix}" role="doc-noteref">'
            f'<a href="#fn:{name}" class="footnote" rel="footnote">{number}</a></sup>')


def backlinks_html(name: str, repeat: int, text: str, nbsp: str, inline: bool) -> str:
    """The back-links of footnote `name` used ``repeat + 1`` times; `text` is already escaped."""
    links = [_BACKLINK.format(nbsp if inline else "", name, text)]
    links.extend(_BACKLINK.format(nbsp, f"{name}:{index}", f"{text}<sup>{index + 1}</sup>")
                 for index in range(1, repeat + 1))
    return "".join(links)


def _output(renderer: Any) -> dict[str, Any]:
    """This document's numbering state (kept in its env, so documents never share it)."""
    env = renderer.state.env
    data = env.get(OUTPUT_KEY)
    if data is None:
        start = int(renderer.options.get("footnote_nr", 1))
        data = env[OUTPUT_KEY] = {"start": start, "counter": start, "notes": [], "by_name": {},
                                  "location": False}
    return data


def render_footnote(renderer: Any, token: Token, indent: int) -> str:
    """kramdown's ``convert_footnote``: number on first use, count the repeats."""
    data = _output(renderer)
    name = str(renderer.options.get("footnote_prefix") or "") + token["name"]
    note = data["by_name"].get(name)
    if note is not None:
        note["repeat"] += 1
        return footnote_marker_html(name, note["number"], note["repeat"])
    definition = renderer.state.env["footnotes"][token["name"]]
    note = {"name": name, "definition": definition, "number": data["counter"], "repeat": 0}
    data["counter"] += 1
    data["notes"].append(note)
    data["by_name"][name] = note
    return footnote_marker_html(name, note["number"], 0)


def _backlink_paragraph(children: list[Token], always: bool) -> Token | None:
    """The paragraph (or header) the back-links go into, as kramdown looks for it."""
    if not (children and children[-1]["type"] == "paragraph") and not always:
        return None
    parent = children
    while parent and parent[-1]["type"] not in _BACKLINK_HOSTS:
        parent = parent[-1].get("children") or []
    return parent[-1] if parent else None


def footnote_content(md: Any, renderer: Any, state: Any) -> str:
    """kramdown's ``footnote_content``: the endnotes block for the footnotes used ('' if none)."""
    data = state.env.get(OUTPUT_KEY)
    if not data or not data["notes"]:
        return ""
    options = renderer.options
    backlink = str(options.get("footnote_backlink", "&#8617;"))
    text = escape_html(backlink, "text")
    always = bool(options.get("footnote_backlink_inline"))
    nbsp = renderer.entity(160, "nbsp")
    items = []
    index = 0
    while index < len(data["notes"]):
        note = data["notes"][index]
        definition = note["definition"]
        if not definition.get("walked"):
            definition["content"] = md.update_tree(definition["content"], state)
            definition["walked"] = True
        children = copy.deepcopy(definition["content"])
        host = _backlink_paragraph(children, always)
        inline = host is not None
        if host is None:
            host = {"type": "paragraph", "children": []}
            children.append(host)
        if backlink:
            html = backlinks_html(note["name"], note["repeat"], text, nbsp, inline)
            host.setdefault("children", []).append({"type": "raw", "raw": html})
        item = {"type": "list_item", "attrs": {"id": f"fn:{note['name']}", "role": "doc-endnote"},
                "children": children}
        items.append(renderer.render(item, 4))
        index += 1
    attrs = {"start": data["start"]} if data["start"] != 1 else None
    listing = renderer.indented_block_html("ol", attrs, "".join(items), 2)
    return renderer.indented_block_html("div", {"class": "footnotes", "role": "doc-endnotes"}, listing, 0)


def plugin(md: Any) -> None:
    """Footnote definitions and markers, the marker's HTML and the endnotes block."""
    md.block.register("footnote_definition", rf"{p.OPT_SPACE}\[\^{p.ALD_ID_NAME}\]:",
                      parse_footnote_definition, before="link_definition",
                      start_chars=r"[ \[]")
    md.inline.register("footnote_marker", rf"\[\^{p.ALD_ID_NAME}\]", parse_footnote_marker,
                       before="link")
    renderer = md.renderer
    renderer.register("footnote", render_footnote)
    render_list = renderer.method("list")

    def render_list_or_location(renderer: Any, token: Token, indent: int) -> str:
        refs = (token.get("ial") or {}).get(REFS) or ()
        if "footnotes" in refs and not ("toc" in refs and TOC_KEY not in renderer.state.env):
            data = _output(renderer)
            if not data["location"]:
                data["location"] = True
                return PLACEHOLDER
        return render_list(token, indent)

    def write_endnotes(renderer: Any, html: str, state: Any) -> str:
        data = state.env.get(OUTPUT_KEY)
        content = footnote_content(md, renderer, state)
        if data and data["location"]:
            return html.replace(PLACEHOLDER, content, 1)
        return html + content

    renderer.register("list", render_list_or_location)
    renderer.finalizers.insert(0, write_endnotes)
