"""kramdown's block level on mistune: the block parsers, their order, and paragraph boundaries.

kramdown tries its block parsers in a fixed order at the start of each line and the first whose
start pattern matches *and* accepts the text wins; when a parser declines, the next one is
tried.  Here the start patterns form mistune's single scanner regex (in kramdown's order), one
per first character of a line, of the rules that can match there; a rule function that returns
None hands the position on to the rules after it.  kramdown's rules
differ from CommonMark's in ways readers notice: a paragraph runs on until a blank line (or, with
GFM's ``paragraph_end`` quirk, a list, header, quote or fence start), indented code swallows the
unindented lines that follow it, setext and ATX headers need a block boundary before them, and
list items are measured from the text after the marker (see `lists`).

Plugin surface: ``md.block.register(name, pattern, func, before=rule, start_chars="[ *]")``
with ``func(block, m, state) -> int | None`` (``state.cursor == m.start()``; return the end
position, or None to let later rules try; `start_chars`, a character class, are the characters
a line the pattern matches can start with: without it the rule is tried on every line).
``state.append_token(token)`` applies a pending block IAL (``state.block_ial``) as kramdown's
``new_block_el`` does; ``block.parse_blocks(state, text)`` parses nested blocks and returns their
tokens; ``block.after_block_boundary(state)`` and ``block.before_block_boundary(state, pos)``
are kramdown's boundary tests; ``block.inline`` is the span parser (tables need its code spans);
``state.env`` is shared by the whole document.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Match

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.core import Parser

from postforge.markdown import patterns as p
from postforge.markdown.html import StopBlockParsing
from postforge.markdown.html import parse_block_html
from postforge.markdown.links import normalize_link_id
from postforge.markdown.lists import parse_list
from postforge.markdown.patterns import LazyPattern
from postforge.markdown.tables import parse_table

__all__ = ["KramdownBlockParser", "KramdownBlockState", "StopBlockParsing"]

_RUBY_WS = " \t\n\x0b\f\r\x00"
_CODEBLOCK_RE = LazyPattern(p.CODEBLOCK_MATCH)
_CODE_LAZY_JOIN = LazyPattern(r"\n( {0,3}[^ \t\n\x0b\f\r])")
_CODE_INDENT = LazyPattern(r"^(?:\t| {4})", re.M)
_QUOTE_BODY = p.paragraph_re(p.LAZY_END, lazy=True)
_QUOTE_MARKER = LazyPattern(r"^ {0,3}> ?", re.M)
#: lazy, and tried only on headers ending in ``}``: its name classes cost ~4 ms to compile, and
#: few headers carry an id
_HEADER_ID = LazyPattern(p.HEADER_ID)
_ATX_GFM = re.compile(p.ATX_HEADER_START_GFM)
_ATX = LazyPattern(p.ATX_HEADER_START)
_ATX_TRAIL_GFM = re.compile(r"[\t ]#+\Z")
_ATX_TRAIL = LazyPattern(r"(?<!\\)#+\Z")
_SETEXT = LazyPattern(p.SETEXT_HEADER_START)
_FENCED_GFM = LazyPattern(p.FENCED_CODEBLOCK_MATCH_GFM, re.M | re.S)
_FENCED = LazyPattern(p.FENCED_CODEBLOCK_MATCH, re.M | re.S)
_LINK_DEF = LazyPattern(p.LINK_DEFINITION_START)
_LINK_DEF_BAD = LazyPattern(r"[ \t]+[\"']")
_MATH = LazyPattern(p.BLOCK_MATH_START, re.S)
_MATH_ESCAPE = LazyPattern(r" {0,3}\\")
_BOUNDARY = LazyPattern(p.BLOCK_BOUNDARY)
_LINE = LazyPattern(r".*\n")
#: the first characters of a line where each rule's start pattern can match (a regex for one
#: character; a rule not listed may match anywhere).  Most lines start with a letter, where only
#: the paragraph, setext header and table rules can match: the scanner for a line tries only the
#: rules its first character allows, instead of every rule in turn.
_LINE_STARTS = {
    "blank_line": r"[ \t\n\x0b\f\r]", "codeblock": r"[ \t]", "codeblock_fenced": r"[ ~`]",
    "blockquote": r"[ >]", "atx_header": r"#", "horizontal_rule": r"[ *_-]", "list": r"[ +*\d-]",
    "block_html": r"[ <]", "block_math": r"[ \\$]", "link_definition": r"[ \[]", "eob_marker": r"\^",
}
#: rules that may start anywhere but need something of the line: a ``|`` in it (tables), or a
#: next line starting with ``-`` or ``=`` (setext headers); tested where the line starts with a
#: non-space, so that the line is the text up to the first line break
_GATED = {"setext_header": 2, "table": 1}
_WHITESPACE = " \t\n\x0b\f\r"
#: in place of a scanner: the line is a paragraph's first line, or a blank line
_DIRECT = "paragraph"
_BLANK = "blank_line"
_BLANK_RUN = re.compile(p.BLANK_LINE)


class KramdownBlockState(BlockState):
    """mistune's block state plus kramdown's pending block IAL and the element being filled."""

    def __init__(self, parent: Any | None = None) -> None:
        super().__init__(parent)
        #: an IAL written on its own line, waiting for the next block element
        self.block_ial: dict[str, Any] | None = None
        #: the token whose children this state collects (None for the document and plain nesting)
        self.container: dict[str, Any] | None = None

    def append_token(self, token: dict[str, Any]) -> None:
        """Add a block element, giving it the pending block IAL (kramdown's ``new_block_el``)."""
        if self.block_ial is not None:
            token["ial"] = self.block_ial
            self.block_ial = None
        self.tokens.append(token)


class KramdownBlockParser(BlockParser):
    """kramdown's (or kramdown-parser-gfm's) block parsers as mistune rules."""

    state_cls = KramdownBlockState

    def __init__(self, options: dict[str, Any]) -> None:
        Parser.__init__(self)
        self.options = options
        self.max_nested_level = 1000
        self.gfm = str(options.get("input", "GFM")).lower() == "gfm"
        quirks = options.get("gfm_quirks") or ()
        paragraph_end_quirk = self.gfm and "paragraph_end" in quirks
        self.paragraph_end = p.PARAGRAPH_END_GFM if paragraph_end_quirk else p.PARAGRAPH_END
        #: (lazy: `parse_paragraph` needs it only for a text without a final line end, not seen)
        self._paragraph = p.paragraph_re(self.paragraph_end, lazy=True)
        #: where a paragraph ends: `_paragraph`'s lookahead, tried at each line start (the lines
        #: themselves are found with ``str.find``, far quicker than the regex's ``[^\n]*``)
        self._paragraph_stop = re.compile(self.paragraph_end, re.M).match
        self._atx_quirk = paragraph_end_quirk
        self.inline: Any = None
        spec = {
            "blank_line": p.BLANK_LINE,
            "codeblock": p.INDENT,
            "codeblock_fenced": p.FENCED_CODEBLOCK_START_GFM if self.gfm else p.FENCED_CODEBLOCK_START,
            "blockquote": p.BLOCKQUOTE_START,
            "atx_header": r"#{1,6}[\t ]+.*\n" if self.gfm else r"#{1,6}[\t ]*[^ \t].*\n",
            "horizontal_rule": p.HR_START,
            "list": p.LIST_START,
            "block_html": p.HTML_BLOCK_START,
            "setext_header": rf"{p.OPT_SPACE}[^ \t].*\n[-=]+[ \t\r\f\x0b]*\n",
            "block_math": p.OPT_SPACE + r"\\?\$\$",
            # the lookahead makes a line without a pipe (most lines) fail fast
            "table": rf"{p.OPT_SPACE}(?={p.NS})(?:\||(?=.*\|).*?[^\\\n]\|)[^\n]*\n",
            "link_definition": rf"{p.OPT_SPACE}\[[^\n\]]+\]:",
            "eob_marker": p.EOB_MARKER,
            "paragraph": p.PARAGRAPH_START,
        }
        # the joined scanner only finds the rule; each rule re-matches its full pattern
        self.specification = spec
        self.rules = list(spec)
        self._methods = {name: getattr(self, "parse_" + name) for name in spec}
        self._rest: dict[tuple[str, ...], list[str]] = {}
        self._starts = {name: re.compile(chars) for name, chars in _LINE_STARTS.items()}
        #: per first character of a line: whether the gates count, and the scanner per gate value
        self._line_scanners: dict[str, tuple[bool, list[LazyPattern | str | None]]] = {}
        #: the line scanners by their rules (`_deferred_sc`)
        self._deferred: dict[str, LazyPattern] = {}

    def register(self, name: str, pattern: str | None, func: Any, before: str | None = None,
                 *, start_chars: str | None = None) -> None:
        """Add a block rule; `start_chars` (a regex character class such as ``"[ *]"``) are the
        characters a line where its pattern matches can start with (else any)."""
        super().register(name, pattern, func, before=before)
        if start_chars:
            self._starts[name] = re.compile(start_chars)
        else:
            self._starts.pop(name, None)
        self._line_scanners.clear()
        self._deferred.clear()

    def _deferred_sc(self, rules: list[str]) -> LazyPattern:
        """`compile_sc` of `rules`, compiled on its first match.

        A character's scanners are made for all four gate values at once, but most lines take
        the first (no ``|``, no ``-``/``=`` line after): the other three, ~150 us each to
        compile, would cost every converting process a few ms for lines it never meets.
        """
        key = "|".join(rules)
        found = self._deferred.get(key)
        if found is None:
            source = "|".join(f"(?P<{name}>{self.specification[name]})" for name in rules)
            found = self._deferred[key] = LazyPattern(source, self.sc_flag)
        return found

    def _line_scanner(self, char: str) -> tuple[bool, list[LazyPattern | str | None]]:
        """The scanners for lines starting with `char`, indexed by the gates' bits (`_GATED`)."""
        starts = self._starts
        names = [name for name in self.rules if name not in starts or starts[name].match(char)]
        gated = char not in _WHITESPACE and any(name in _GATED for name in names)
        # a line starting with a non-space that only the paragraph rule can take is one: its
        # pattern (a non-space, then the line) matches, so the rule runs without the scanner
        direct = type(self).parse_paragraph is KramdownBlockParser.parse_paragraph \
            and self._methods.get("paragraph") == self.parse_paragraph
        scanners: list[LazyPattern | str | None] = []
        if (char == "\n" and names and names[0] == "blank_line"
                and self._methods.get("blank_line") == self.parse_blank_line
                and type(self).parse_blank_line is KramdownBlockParser.parse_blank_line):
            # the first rule for an empty line is the blank-line rule, and it matches there
            found = self._line_scanners[char] = (False, [_BLANK])
            return found
        for bits in range(4 if gated else 1):
            kept = [name for name in names if not gated or name not in _GATED or _GATED[name] & bits]
            if gated and direct and kept == ["paragraph"]:
                scanners.append(_DIRECT)
            else:
                scanners.append(self._deferred_sc(kept) if kept else None)
        found = self._line_scanners[char] = (gated, scanners)
        return found

    # ----- driving
    def parse(self, state: BlockState, rules: list[str] | None = None) -> bool:
        """Parse blocks from ``state.cursor``; True when a closing HTML tag stopped the parse."""
        if rules:
            return self._parse_with(state, rules)
        rules = self.rules
        src = state.src
        line_scanners = self._line_scanners
        try:
            while state.cursor < state.cursor_max:
                cursor = state.cursor
                char = src[cursor]
                gated, scanners = line_scanners.get(char) or self._line_scanner(char)
                if gated:
                    line_end = src.find("\n", cursor)
                    if line_end < 0:
                        scanner = scanners[3]
                    else:
                        scanner = scanners[(2 if src.startswith(("-", "="), line_end + 1) else 0)
                                           | (1 if src.find("|", cursor, line_end) >= 0 else 0)]
                else:
                    scanner = scanners[0]
                if scanner is _DIRECT:
                    state.cursor = self.parse_paragraph(None, state)
                    continue
                if scanner is _BLANK:  # `parse_blank_line`, without the scanner and the call
                    end = _BLANK_RUN.match(src, cursor).end()
                    tokens = state.tokens
                    last = tokens[-1] if tokens else None
                    if last and last["type"] == "blank_line":
                        last["raw"] += src[cursor:end]
                    else:
                        state.append_token({"type": "blank_line", "raw": src[cursor:end]})
                    state.cursor = end
                    continue
                self._take(state, scanner.match(src, cursor) if scanner is not None else None, rules)
        except StopBlockParsing:
            return True
        return False

    def _parse_with(self, state: BlockState, rules: list[str]) -> bool:
        """`parse` with the given rules only, each line tried against all of them."""
        scanner = self.compile_sc(rules)
        src = state.src
        try:
            while state.cursor < state.cursor_max:
                self._take(state, scanner.match(src, state.cursor), rules)
        except StopBlockParsing:
            return True
        return False

    def _take(self, state: BlockState, match: Any, rules: list[str]) -> None:
        """The line taken by the rule ``match`` names or, where a rule declines it, by the next of
        ``rules`` that matches; a stray line when none does."""
        while match is not None:
            end = self._methods[match.lastgroup](match, state)
            if end is not None:
                state.cursor = end
                return
            rest = self._rules_after(rules, match.lastgroup)
            match = self.compile_sc(rest).match(state.src, state.cursor) if rest else None
        self._stray_line(state)

    def _rules_after(self, rules: list[str], name: str) -> list[str]:
        key = (*rules, "|", name)
        rest = self._rest.get(key)
        if rest is None:
            rest = self._rest[key] = rules[rules.index(name) + 1:]
        return rest

    def _stray_line(self, state: BlockState) -> None:
        """No parser took the line: kramdown keeps it as text of the enclosing element."""
        line = _LINE.match(state.src, state.cursor)
        text = line.group(0) if line else state.src[state.cursor:]
        state.cursor += len(text) or 1
        last = state.last_token()
        if last and last["type"] == "raw_text":
            last["text"] += text
        else:
            state.tokens.append({"type": "raw_text", "text": text})

    def parse_blocks(self, state: BlockState, text: str, tokens: list | None = None) -> list:
        """Parse `text` as nested blocks (kramdown's ``parse_blocks(el, text)``) into `tokens`."""
        line_end = text.find("\n") if not tokens else -1
        if line_end > 0 and (line_end == len(text) - 1 or line_end == len(text.rstrip("\n"))):
            # one line (a list item's text, mostly), perhaps with empty lines after it (the last
            # item's): when the line can only be a paragraph, it is one without a nested parse,
            # and the empty lines one blank line, as `parse` would make them
            gated, scanners = self._line_scanners.get(text[0]) or self._line_scanner(text[0])
            if gated and scanners[1 if "|" in text else 0] is _DIRECT:
                rest = line_end + 1
                if rest == len(text):
                    found = tokens if tokens is not None else []
                    found.append({"type": "paragraph", "text": text.rstrip(_RUBY_WS).lstrip(_RUBY_WS)})
                    return found
                if (self._line_scanners.get("\n") or self._line_scanner("\n"))[1][0] is _BLANK:
                    found = tokens if tokens is not None else []
                    found.append({"type": "paragraph", "text": text[:rest].rstrip(_RUBY_WS).lstrip(_RUBY_WS)})
                    found.append({"type": "blank_line", "raw": text[rest:]})
                    return found
        child = state.child_state(text)
        if tokens is not None:
            child.tokens = tokens
        self.parse(child)
        return child.tokens

    def after_block_boundary(self, state: BlockState) -> bool:
        last = state.tokens[-1] if state.tokens else None
        return (last is None or last["type"] == "blank_line"
                or (last["type"] == "eob" and last.get("kind") is None) or state.block_ial is not None)

    def before_block_boundary(self, state: BlockState, pos: int) -> bool:
        return _BOUNDARY.match(state.src, pos) is not None

    # ----- the rules, in kramdown's order
    def parse_blank_line(self, m: Match[str], state: BlockState) -> int:
        last = state.tokens[-1] if state.tokens else None
        if last and last["type"] == "blank_line":
            last["raw"] += m.group(0)
        else:
            state.append_token({"type": "blank_line", "raw": m.group(0)})
        return m.end()

    def parse_codeblock(self, m: Match[str], state: BlockState) -> int | None:
        match = _CODEBLOCK_RE.match(state.src, state.cursor)
        if not match or match.end() == state.cursor:
            return None
        data = _CODE_INDENT.sub("", _CODE_LAZY_JOIN.sub(r" \1", match.group(0)))
        state.append_token({"type": "block_code", "raw": data})
        return match.end()

    def parse_codeblock_fenced(self, m: Match[str], state: BlockState) -> int | None:
        match = (_FENCED_GFM if self.gfm else _FENCED).match(state.src, state.cursor)
        if not match:
            return None
        token: dict[str, Any] = {"type": "block_code", "raw": match.group("code"), "fenced": True}
        lang = (match.group("info") or "").strip(_RUBY_WS)
        if lang:
            token["lang"] = lang
            token["attrs"] = {"class": "language-" + match.group("lang")}
        state.append_token(token)
        return match.end()

    def parse_blockquote(self, m: Match[str], state: BlockState) -> int:
        match = _QUOTE_BODY.match(state.src, state.cursor)
        token = {"type": "block_quote", "children": []}
        state.append_token(token)
        self.parse_blocks(state, _QUOTE_MARKER.sub("", match.group(0)), token["children"])
        return match.end()

    def parse_atx_header(self, m: Match[str], state: BlockState) -> int | None:
        match = (_ATX_GFM if self.gfm else _ATX).match(state.src, state.cursor)
        if not self._atx_quirk and not self.after_block_boundary(state):
            return None
        text, ident = _header_contents(match.group("contents"))
        trail = _ATX_TRAIL_GFM if self._atx_quirk else _ATX_TRAIL
        stripped = trail.sub("", text, count=1)
        if stripped != text:
            text = stripped.rstrip(_RUBY_WS)
        if not text:
            return None
        return self._add_header(state, len(match.group("level")), text, ident, match.end())

    def parse_horizontal_rule(self, m: Match[str], state: BlockState) -> int:
        state.append_token({"type": "thematic_break"})
        return m.end()

    def parse_list(self, m: Match[str], state: BlockState) -> int | None:
        return parse_list(self, m, state)

    def parse_block_html(self, m: Match[str], state: BlockState) -> int | None:
        return parse_block_html(self, m, state)

    def parse_setext_header(self, m: Match[str], state: BlockState) -> int | None:
        if not self.after_block_boundary(state):
            return None
        match = _SETEXT.match(state.src, state.cursor)
        text, ident = _header_contents(match.group("contents"))
        if not text:
            return None
        return self._add_header(state, 2 if match.group("level") == "-" else 1, text, ident, match.end())

    def parse_block_math(self, m: Match[str], state: BlockState) -> int | None:
        match = _MATH.match(state.src, state.cursor)
        if not match or not self.after_block_boundary(state):
            return None
        if match.group(1):
            if match.group(3):
                state.cursor = _MATH_ESCAPE.match(state.src, state.cursor).end()
            return None
        if not self.before_block_boundary(state, match.end()):
            return None
        state.append_token({"type": "math", "raw": match.group(2).strip(_RUBY_WS), "category": "block"})
        return match.end()

    def parse_table(self, m: Match[str], state: BlockState) -> int | None:
        return parse_table(self, m, state)

    def parse_link_definition(self, m: Match[str], state: BlockState) -> int | None:
        match = _LINK_DEF.match(state.src, state.cursor)
        if not match or _LINK_DEF_BAD.search(match.group(3) or ""):
            return None
        url = match.group(2) if match.group(2) is not None else match.group(3)
        token = {"type": "eob", "kind": "link_def"}
        state.append_token(token)
        link_defs = state.env.setdefault("link_defs", {})
        link_defs[normalize_link_id(match.group(1))] = (url, match.group(5), token)
        return match.end()

    def parse_eob_marker(self, m: Match[str], state: BlockState) -> int:
        state.append_token({"type": "eob", "kind": None})
        return m.end()

    def parse_paragraph(self, m: Match[str] | None, state: BlockState) -> int:
        pos = state.cursor
        src = state.src
        # `_paragraph`'s match: the first line, then each line where `_paragraph_stop` fails
        find = src.find
        stop = self._paragraph_stop
        end = find("\n", pos) + 1
        if not end:  # (not seen: every text parsed as blocks ends with a line end)
            end = self._paragraph.match(src, pos).end()
        # (a blank line or the end stops it too, as the first alternatives of `_paragraph_stop`
        # say: most paragraphs end there, and the test is quicker than the regex's)
        size = len(src)
        while end < size and src[end] != "\n" and not stop(src, end):
            line_end = find("\n", end)
            if line_end < 0:
                break
            end = line_end + 1
        text = src[pos:end].rstrip(_RUBY_WS)
        last = state.tokens[-1] if state.tokens else None
        if last and last["type"] == "paragraph":
            # a paragraph made of an HTML <p> (html_to_native) holds spans: the text follows them
            joiner = "  \n" if state.src[pos - 3:pos] == "  \n" else "\n"
            children = last.get("children")
            if "text" in last:
                last["text"] += joiner + text
            elif children and children[-1]["type"] == "raw_text":
                children[-1]["text"] += joiner + text
            else:
                last.setdefault("children", []).append({"type": "raw_text", "text": text})
        else:
            state.append_token({"type": "paragraph", "text": text.lstrip(_RUBY_WS)})
        return end

    def _add_header(self, state: BlockState, level: int, text: str, ident: str | None, end: int) -> int:
        token: dict[str, Any] = {"type": "heading", "level": level, "text": text, "raw_text": text}
        if ident:
            token["attrs"] = {"id": ident}
        state.append_token(token)
        return end


def _header_contents(text: str) -> tuple[str, str | None]:
    """A header's text and its ``{#id}``, both as kramdown cuts them."""
    text = text.rstrip(_RUBY_WS)
    if text.endswith("}"):
        match = _HEADER_ID.search(text)
        if match:
            return text[:match.start()].rstrip(_RUBY_WS), match.group("id")
    return text, None
