"""kramdown's attribute lists and extensions: block IALs, span IALs, ALDs and ``{::name}`` tags.

kramdown writes HTML attributes into the text with ``{: .class #id key="value" ref}``:

* a **block IAL** on a line of its own goes to the block just before it (a paragraph, header,
  list, quote, code block, table, rule …, or the end-of-block marker of a link, abbreviation or
  footnote definition), or, after a blank line or at the start, waits for the block that comes
  next (``state.block_ial``, applied by the block state's ``append_token``);
* a **span IAL** right after an emphasis, link, image, code span … goes to that element; after
  plain text it is text itself;
* an **ALD** ``{:name: …}`` defines attributes that IALs pull in by naming it, wherever in the
  document it is defined (the tree walk resolves names once everything is parsed);
* the **extensions** ``{::comment}…{:/comment}``, ``{::nomarkdown}…{:/}`` and
  ``{::options … /}`` are recognised by the same rule, as in kramdown.

The attribute syntax itself is `postforge.markdown.attributes` (lists and definition terms read
``{: …}`` at the start of an item too); this module places it.  Attributes end up in a token's
``ial`` (with the ALD names under ``REFS``) and, for spans, directly in its ``attrs``; the walk
merges a block's ``ial`` into its ``attrs``.  ``{::options key="value" /}`` sets kramdown options
for the document: the known ones (``template`` excepted) go to ``state.env["inline_options"]``,
which parses them as they arrive and which the parsers and the renderer consult.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Match

from postforge.markdown import patterns as p
from postforge.markdown.attributes import parse_attribute_list
from postforge.markdown.attributes import update_attr_with_ial
from postforge.markdown.attributes import update_ial_with_ial
from postforge.markdown.options import KRAMDOWN_DEFAULTS
from postforge.markdown.patterns import LazyPattern

__all__ = ["plugin", "parse_block_extensions", "parse_span_extensions", "attach_block_ial",
           "extension_tokens", "ATTACHABLE_EOB"]

Token = dict[str, Any]

#: end-of-block markers a following block IAL still belongs to (kramdown's list)
ATTACHABLE_EOB = frozenset(("link_def", "abbrev_def", "footnote_def"))

_EXT_START = rf"\{{::({p.W}+)(?:{p.S}({p.ALD_ANY_CHARS}*?)|)(/)?\}}"
_EXT_STOP = rf"\{{:/({p.ALD_ID_NAME})?\}}"
_ALD = LazyPattern(p.ALD_START)
_IAL_BLOCK = LazyPattern(p.IAL_BLOCK_START)
_EXT_BLOCK = LazyPattern(p.EXT_BLOCK_START)
_EXT_SPAN = LazyPattern(rf"{_EXT_START}|{_EXT_STOP}")
_IAL_SPAN = LazyPattern(rf"\{{:({p.ALD_ANY_CHARS}+)\}}")
_TYPE_SPLIT = LazyPattern(r"[ \t\n\x0b\f\r]+")
_NOT_INLINE = frozenset(("template", "forbidden_inline_options"))


def _extension_tag(match: Match[str]) -> tuple[str, dict[str, Any], bool] | None:
    """Name, options and self-closing flag of a ``{::name …}`` start tag (None for a stop tag)."""
    name, options, closed = match.group(1), match.group(2), match.group(3)
    if name is None:
        return None
    return name, parse_attribute_list(options or ""), closed is not None


def extension_tokens(name: str, options: dict[str, Any], body: str | None,
                      category: str) -> list[Token] | None:
    """kramdown's ``handle_extension``: the tokens an extension leaves, None if it is unknown."""
    if name == "comment":
        return [] if body is None else [{"type": "comment", "raw": body, "category": category}]
    if name == "nomarkdown":
        if body is None:
            return []
        formats = _TYPE_SPLIT.split(str(options.get("type") or ""))
        while formats and not formats[-1]:
            formats.pop()
        return [{"type": "raw", "raw": body, "category": category, "formats": formats}]
    if name == "options":
        return [{"type": "eob", "kind": "extension"}] if category == "block" else []
    return None


def _record_options(env: Any, name: str, options: dict[str, Any]) -> None:
    """Keep what ``{::options}`` asked for (kramdown's ``@root.options[:options]``)."""
    if name == "options":
        wanted = env.setdefault("inline_options", {})
        for key, value in options.items():
            if key in KRAMDOWN_DEFAULTS and key not in _NOT_INLINE:
                wanted[key] = value


def attach_block_ial(state: Any, text: str, more_follows: bool) -> None:
    """Give the attributes of a block IAL line to the block before it, or keep them for the next.

    kramdown attaches to the last element unless that is a blank line or an end-of-block marker
    (except those of link, abbreviation and footnote definitions); it then ends the block with an
    end-of-block marker, unless another IAL line follows.
    """
    last = state.tokens[-1] if state.tokens else None
    if (last is not None and last["type"] != "blank_line"
            and (last["type"] != "eob" or last.get("kind") in ATTACHABLE_EOB)):
        ial = last.get("ial")
        if ial is None:
            ial = last["ial"] = {}
        parse_attribute_list(text, ial)
        if not more_follows:
            state.tokens.append({"type": "eob", "kind": "ial"})
    else:
        if state.block_ial is None:
            state.block_ial = {}
        parse_attribute_list(text, state.block_ial)


def parse_block_extensions(block: Any, m: Match[str], state: Any) -> int | None:
    """kramdown's ``parse_block_extensions``: an ALD, an extension tag or a block IAL line."""
    src, pos = state.src, state.cursor
    match = _ALD.match(src, pos)
    if match:
        alds = state.env.setdefault("alds", {})
        parse_attribute_list(match.group(2), alds.setdefault(match.group(1), {}))
        state.append_token({"type": "eob", "kind": "ald"})
        return match.end()
    match = _EXT_BLOCK.match(src, pos)
    if match:
        return _block_extension(match, state)
    match = _IAL_BLOCK.match(src, pos)
    if match:
        attach_block_ial(state, match.group(1), _IAL_BLOCK.match(src, match.end()) is not None)
        return match.end()
    return None


def _block_extension(match: Match[str], state: Any) -> int | None:
    tag = _extension_tag(match)
    if tag is None:
        return None  # a stray stop tag: kramdown warns and reads the line as text
    name, options, closed = tag
    end, body = match.end(), None
    if not closed:
        stop = re.compile(rf"^{p.OPT_SPACE}\{{:/({re.escape(name)})?\}} *?\n", re.M)
        found = stop.search(state.src, end)
        if found is None:
            return None
        body = state.src[end:found.start()]
        body = body[:-1] if body.endswith("\n") else body
        end = found.end()
    tokens = extension_tokens(name, options, body, "block")
    if tokens is None:
        return None
    _record_options(state.env, name, options)
    for token in tokens:
        if token["type"] == "eob":
            state.append_token(token)
        else:
            state.tokens.append(token)
    return end


def parse_span_extensions(inline: Any, m: Match[str], state: Any) -> int | None:
    """kramdown's ``parse_span_extensions``: an extension tag, or an IAL for the element before."""
    src, pos = state.src, state.pos
    match = _EXT_SPAN.match(src, pos)
    if match:
        return _span_extension(match, state)
    match = _IAL_SPAN.match(src, pos)
    if match is None:
        return None
    last = state.tokens[-1] if state.tokens else None
    if last is None or last["type"] == "text":
        return None  # "Found span IAL after text": the brace is text
    attrs = parse_attribute_list(match.group(1))
    ial = last.get("ial")
    if ial is None:
        ial = last["ial"] = {}
    update_ial_with_ial(ial, attrs)
    update_attr_with_ial(last.setdefault("attrs", {}), attrs, state.env.get("alds"))
    return match.end()


def _span_extension(match: Match[str], state: Any) -> int | None:
    tag = _extension_tag(match)
    if tag is None:
        return None
    name, options, closed = tag
    end, body = match.end(), None
    if not closed:
        stop = re.compile(rf"\{{:/({re.escape(name)})?\}}")
        found = stop.search(state.src, end)
        if found is None:
            return None
        body, end = state.src[end:found.start()], found.end()
    tokens = extension_tokens(name, options, body, "span")
    if tokens is None:
        return None
    _record_options(state.env, name, options)
    state.tokens.extend(tokens)
    return end


def plugin(md: Any) -> None:
    """Attribute lists, ALDs and extension tags, at kramdown's places among the parsers."""
    md.block.register("block_extensions", p.BLOCK_EXTENSIONS_START, parse_block_extensions,
                      before="eob_marker", start_chars=r"[ {]")
    md.inline.register("span_extensions", r"\{:", parse_span_extensions, before="html_entity")
