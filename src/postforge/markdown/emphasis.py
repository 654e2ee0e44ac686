"""kramdown's emphasis: ``*em*``, ``**strong**`` and their ``_`` forms, parsed by kramdown's rules.

An opening marker must not be followed by whitespace (nor, for ``_``, follow a letter); the
content is parsed as spans up to a closing marker that follows no whitespace and, for ``_``, is
not followed by a letter or digit; ``**`` that finds no closing ``**`` may still open ``*``
emphasis.  Emphasis does not nest in emphasis of the same kind.  Most emphasis is one word or a
few: its content is plain text up to the closing marker, which is checked before a scan of the
content is set up.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Match

__all__ = ["parse_emphasis"]

Token = dict[str, Any]
_WS = " \t\n\x0b\f\r"
_EMPHASIS_STOP = {marker: re.compile(re.escape(marker)) for marker in ("*", "**", "_", "__")}


def parse_emphasis(inline: Any, m: Match[str], state: Any) -> int:
    """kramdown's ``parse_emphasis``: ``*em*``, ``**strong**`` (or ``_``), with kramdown's rules for
    where a marker may open and close."""
    src, start = state.src, state.pos
    delim = m.group(0)
    element = "strong" if len(delim) == 2 else "emphasis"
    char = delim[0]
    after = start + len(delim)
    tree = state.tree  # (`inline.within`, asked only when there is more than the element itself)
    if ((char == "_" and _alpha_before(src, start)) or (after < len(src) and src[after] in _WS)
            or (tree is not None and tree["type"] == element)
            or (state.stack and inline.within(state, element))):
        inline.add_text(state, delim)
        return after

    state.pos = after
    found, el = _emphasis_body(inline, state, char, delim, element)
    marker = delim
    if not found and element == "strong" and (state.tree or {}).get("type") != "emphasis":
        state.pos = start + 1
        found, el = _emphasis_body(inline, state, char, char, "emphasis")
        marker = char
    if found:
        state.tokens.append(el)
        return state.pos + len(marker)
    inline.add_text(state, delim)
    return after


def _emphasis_body(inline: Any, state: Any, char: str, marker: str, kind: str) -> tuple[bool, Token]:
    """The spans up to a closing `marker` kramdown accepts, as an element of `kind`."""
    src = state.src
    el: Token = {"type": kind, "children": []}
    double = marker * 2
    size = len(marker)
    stop = _EMPHASIS_STOP[marker]
    pos = state.pos
    at = inline.first_trigger(state, stop, char)
    # `cond` below where the content is plain text up to the closing marker (most emphasis)
    if at > pos and src.startswith(marker, at) and src[at - 1] not in _WS \
            and (kind != "emphasis" or not (src.startswith(double, at)
                                            and not src.startswith(marker, at + 2 * size))) \
            and (char != "_" or not (at + size < len(src) and src[at + size].isalnum())):
        el["children"].append({"type": "text", "raw": src[pos:at]})
        state.pos = at
        return True, el

    def cond() -> bool:
        pos = state.pos
        return ((pos == 0 or src[pos - 1] not in _WS)
                and (kind != "emphasis" or not (src.startswith(double, pos)
                                                and not src.startswith(marker, pos + 2 * size)))
                and (char != "_" or not (pos + size < len(src)
                                         and src.startswith(marker, pos)
                                         and src[pos + size].isalnum()))
                and bool(el["children"]))

    return inline.parse_plain_spans(state, el, stop, cond, stop_chars=char), el


def _alpha_before(src: str, pos: int) -> bool:
    """kramdown's ``/[[:alpha:]]-?[[:alpha:]]*\\z/`` on the text before `pos`."""
    if pos == 0:
        return False
    c = src[pos - 1]
    return c.isalpha() or (c == "-" and pos >= 2 and src[pos - 2].isalpha())
