"""kramdown's abbreviations: ``*[SQS]: Simple Queue Service`` marks every "SQS" of the text.

A definition line defines the abbreviation for the whole document (also above it, and inside
footnotes); an IAL line after it gives the ``<abbr>`` more attributes.  kramdown replaces, in each
text element, every occurrence that starts the text or a line, or follows a non-word character,
and is not followed by a word character (ASCII words, as Ruby's ``\\w``); longer abbreviations
win.  Code spans, attributes and raw HTML are not text, so they keep the letters as they are.
Text elements end at smart quotes, entities and typographic symbols, so ``It's`` never matches.
The replacement happens here while text is written: same elements, same result.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Match

from postforge.markdown import patterns as p
from postforge.markdown.attributes import update_attr_with_ial
from postforge.markdown.patterns import LazyPattern

__all__ = ["plugin", "parse_abbrev_definition", "abbreviation_patterns", "split_abbreviations"]

Token = dict[str, Any]

_DEFINITION = LazyPattern(rf"{p.OPT_SPACE}\*\[(.+?)\]:(.*?)\n")
_RUBY_WS = " \t\n\x0b\f\r\x00"
_NON_WORD_OR_START = LazyPattern(r"[^A-Za-z0-9_]|^", re.M)
_PATTERNS_KEY = "abbrev_patterns"


def parse_abbrev_definition(block: Any, m: Match[str], state: Any) -> int | None:
    """kramdown's ``parse_abbrev_definition``: the text, and an end-of-block marker for its IAL."""
    match = _DEFINITION.match(state.src, state.cursor)
    if match is None:
        return None
    key = match.group(1)
    eob = {"type": "eob", "kind": "abbrev_def"}
    state.append_token(eob)
    env = state.env
    env.setdefault("abbrev_defs", {})[key] = match.group(2).strip(_RUBY_WS)
    env.setdefault("abbrev_attr", {})[key] = eob
    env.pop(_PATTERNS_KEY, None)
    return match.end()


def abbreviation_patterns(keys: Any) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """kramdown's regexps: any abbreviation, where one may start, and one right at a position.

    The third stands for Ruby's ``^``, which a string scanner also matches where it stands.
    """
    ordered = sorted(keys, key=len, reverse=True)
    union = "|".join(re.escape(key) for key in ordered)
    return (re.compile(union),
            re.compile(rf"(?=(?:[^A-Za-z0-9_]|^)(?:{union})(?![A-Za-z0-9_]))", re.M),
            re.compile(rf"(?:{union})(?![A-Za-z0-9_])"))


def split_abbreviations(text: str, first: re.Pattern[str], last: re.Pattern[str],
                        here: re.Pattern[str]) -> list[tuple[str, bool]]:
    """`text` cut into ``(piece, is_abbreviation)`` the way kramdown's scanner cuts it."""
    if first.search(text) is None:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    pos = 0
    while True:
        if here.match(text, pos):
            start = pos
        else:
            found = last.search(text, pos)
            if found is None:
                break
            start = found.start()
        abbr = first.match(text, start)
        if abbr is None:
            lead = _NON_WORD_OR_START.match(text, start)
            start = lead.end()
            abbr = first.match(text, start)
        pieces.append((text[pos:start], False))
        pieces.append((abbr.group(0), True))
        pos = abbr.end()
    pieces.append((text[pos:], False))
    return pieces


def _attributes(env: Any, key: str) -> dict[str, Any]:
    eob = env["abbrev_attr"][key]
    if "attrs" in eob:
        attrs = dict(eob["attrs"])
    else:
        attrs = {}
        update_attr_with_ial(attrs, eob.get("ial") or {}, env.get("alds"))
    title = env["abbrev_defs"][key]
    if title:
        attrs["title"] = title
    return attrs


def plugin(md: Any) -> None:
    """Abbreviation definitions, and ``<abbr>`` around their occurrences in text."""
    md.block.register("abbrev_definition", rf"{p.OPT_SPACE}\*\[", parse_abbrev_definition,
                      before="eob_marker", start_chars=r"[ *]")
    renderer = md.renderer
    render_text = renderer.method("text")

    def render_text_with_abbreviations(renderer: Any, token: Token, indent: int) -> str:
        state = renderer.state
        if state is None or not state.env.get("abbrev_defs"):
            return render_text(token, indent)
        env = state.env
        defs = env["abbrev_defs"]
        parent = renderer.stack[-1] if renderer.stack else None
        if parent is not None and parent.get("content_model") == "raw":
            return render_text(token, indent)
        patterns = env.get(_PATTERNS_KEY)
        if patterns is None:
            patterns = env[_PATTERNS_KEY] = abbreviation_patterns(defs)
        pieces = split_abbreviations(token["raw"], *patterns)
        if len(pieces) == 1:
            return render_text(token, indent)
        out = []
        for piece, is_abbreviation in pieces:
            if is_abbreviation:
                out.append(renderer.span_html("abbr", _attributes(env, piece), piece))
            elif piece:
                out.append(render_text({"type": "text", "raw": piece}, indent))
        return "".join(out)

    renderer.register("text", render_text_with_abbreviations)
    with_abbreviations = renderer.method("text")

    def choose_text_renderer(md: Any, state: Any) -> None:
        """Most documents define no abbreviation: their text is written without the lookups.

        Definitions are block-level, so they are all known once the blocks are parsed."""
        renderers = md.renderer._renderers
        current = renderers["text"]
        if current is with_abbreviations or current is render_text:
            renderers["text"] = with_abbreviations if state.env.get("abbrev_defs") else render_text

    md.before_render_hooks.append(choose_text_renderer)
