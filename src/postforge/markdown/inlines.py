"""kramdown's span level on mistune: emphasis, code, links, HTML, entities, typography, escapes.

kramdown parses spans by recursive descent: at each position where a span parser's start
pattern matches (tried in kramdown's order), that parser runs, and emphasis, links and HTML
elements parse their content with a *stop* pattern (``*``, ``]``, ``</span>``) that ends them when
a condition holds.  That is not CommonMark's delimiter algorithm, and the results differ
(``*a **b* c**``, intraword ``_``, a backtick after a space), so this parser keeps kramdown's
method.  The start patterns form mistune's scanner regex (with the stop pattern first while an
element is open); it is tried only where a match can start, at the trigger characters
`postforge.markdown.spanscan` finds, so text without any (most headers and list items) is
one quick search.

Plugin surface: ``md.inline.register(name, pattern, func, before=rule)`` with
``func(inline, m, state) -> int | None``: ``state.pos == m.start()``; append tokens to
``state.tokens`` (the children of ``state.tree``; ``state.stack`` holds its ancestors), use
``inline.add_text(state, text)`` for text, ``inline.parse_spans(state, token, stop, cond)`` for
nested content; return the end position, or None to have one character taken as text.  Pass
``register(..., start_chars=...)`` when the pattern does not start with a literal character,
or the scanner has to try every position of the text.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Callable
from typing import Iterable
from typing import Match
from typing import MutableMapping

from mistune.core import InlineState
from mistune.core import Parser
from mistune.inline_parser import InlineParser

from postforge.markdown import emphasis
from postforge.markdown import html
from postforge.markdown import links
from postforge.markdown import patterns as p
from postforge.markdown.links import parse_autolink
from postforge.markdown.patterns import LazyPattern
from postforge.markdown.spanscan import SMART_QUOTE_RULES
from postforge.markdown.spanscan import TRIGGERS
from postforge.markdown.spanscan import first_char
from postforge.markdown.spanscan import trigger_pattern
from postforge.markdown.typography import find_entity

__all__ = ["KramdownInlineParser", "KramdownInlineState"]

Token = dict[str, Any]
_WS = " \t\n\x0b\f\r"
_RUBY_WS = " \t\n\x0b\f\r\x00"
_SYMS = {"---": "mdash", "--": "ndash", "...": "hellip", "<< ": "laquo_space", " >>": "raquo_space",
         "<<": "laquo", ">>": "raquo"}
_ENTITY = LazyPattern(p.HTML_ENTITY)
_MATH = LazyPattern(r"\$\$(.*?)\$\$", re.S)
_EVERY_RULE = (None, None)  # the scanner key of a text's top level: no stop pattern, all rules
_QUOTE_KIND = {('"', "r"): "rdquo", ("'", "r"): "rsquo", ('"', "l"): "ldquo", ("'", "l"): "lsquo"}
_LT, _GT = (60, "lt"), (62, "gt")


class KramdownInlineState(InlineState):
    """mistune's inline state as kramdown's span environment: source, position, current element."""

    # mistune's own span parsers use these; kramdown's never change them (class defaults spare
    # setting them for each of the many small texts a document has)
    in_image = False
    in_link = False
    depth = 0
    last_link = None
    _delimiters = None
    brackets: tuple = ()

    def __init__(self, env: MutableMapping[str, Any]) -> None:
        self.env = env
        self.src = ""
        self.tokens: list[Token] = []
        self.pos = 0
        #: the element whose children are being parsed, and its ancestors
        self.tree: Token | None = None
        self.stack: list[Token] = []


class KramdownInlineParser(InlineParser):
    """kramdown's (or kramdown-parser-gfm's) span parsers as mistune rules."""

    state_cls = KramdownInlineState

    def __init__(self, options: dict[str, Any]) -> None:
        Parser.__init__(self)
        self.options = options
        self.max_nested_level = 1000
        gfm = str(options.get("input", "GFM")).lower() == "gfm"
        quirks = options.get("gfm_quirks") or ()
        spec = {
            "emphasis": r"\*\*?|__?",
            "codespan": r"`+",
            "autolink": r"<(?:(?:mailto|https?|ftps?):.+?|[\w\-.]+?@[\w\-.]+?)>",
            "span_html": rf"<(?:{p.UNAME}|!--|/)",
            "link": r"!?\[(?=[^^])",
            "smart_quotes": r"[^\\]?[\"']",
            "inline_math": r"\$\$(?s:.*?)\$\$",
            "html_entity": r"&(?:[A-Za-z0-9_:][-A-Za-z0-9_.:]*;|#[0-9]+;|#x[0-9a-fA-F]+;)",
            "typographic_syms": r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>",
            "line_break": r"(?:  |\\\\)(?=\n)",
            "escaped_chars": (p.ESCAPED_CHARS_GFM if gfm else p.ESCAPED_CHARS)[:2] + (
                p.ESCAPED_CHARS_GFM if gfm else p.ESCAPED_CHARS)[3:-1],
        }
        if gfm:
            spec["strikethrough_gfm"] = rf"~~(?![{_WS}~])(?s:.*?)[^{_WS}~]~~"
            if options.get("hard_wrap"):
                del spec["line_break"]
            if "no_auto_typographic" in quirks:
                del spec["typographic_syms"]
        self.specification = spec
        self.rules = list(spec)
        self._methods = {name: getattr(self, "parse_" + name) for name in spec}
        self._scanners: dict[tuple, tuple[re.Pattern[str], re.Pattern[str] | None,
                                          re.Pattern[str], dict[str, int]]] = {}
        self._triggers = dict(TRIGGERS)

    def register(self, name: str, pattern: str | None, func: Any, before: str | None = None,
                 *, start_chars: str | Iterable[str] | None = None) -> None:
        """Add a span rule; `start_chars` are the characters its matches start with (else guessed)."""
        Parser.register(self, name, pattern, func, before=before)
        if start_chars is None and pattern:
            start_chars = first_char(pattern)
        if start_chars:
            self._triggers[name] = tuple((c, None, 0) for c in start_chars)
        else:
            self._triggers.pop(name, None)
        self._scanners.clear()

    # ----- driving
    def __call__(self, s: str, env: MutableMapping[str, Any]) -> list[Token]:
        """The span tokens of `s` (kramdown's ``parse_spans`` of a raw text element)."""
        scanner, prefilter, _, lookback = self._scanners.get(_EVERY_RULE) or self._scanner(None, None)
        trigger = prefilter.search(s) if prefilter is not None else None
        if trigger is None and prefilter is not None:
            return [{"type": "text", "raw": s}] if s else []  # no span starts anywhere: all text
        state = self.state_cls(env)
        state.src = s
        root: Token = {"type": "raw_text", "children": []}
        if prefilter is None:
            self.parse_spans(state, root)
            return root["children"]
        # `parse_spans` without a stop pattern, as one loop: most texts with spans are paragraphs
        tokens = root["children"]
        state.tree, state.tokens = root, tokens
        methods = self._methods
        size = len(s)
        match_at = scanner.match
        find = prefilter.search
        pos = 0
        while pos < size:
            # the scanner's leftmost match from pos, tried only at and just before triggers
            match = None
            tried = pos
            while True:
                if trigger is None:
                    trigger = find(s, tried)
                    if trigger is None:
                        break
                at = trigger.start()
                trigger = None
                start = at - lookback.get(s[at], 0) if lookback else at
                if start < tried:
                    start = tried
                while start <= at:
                    match = match_at(s, start)
                    if match is not None:
                        break
                    start += 1
                if match is not None:
                    break
                tried = at + 1
            if match is None:
                text = s[pos:]
                if tokens and tokens[-1]["type"] == "text":
                    tokens[-1]["raw"] += text
                else:
                    tokens.append({"type": "text", "raw": text})
                pos = size
                break
            start = match.start()
            if start > pos:
                text = s[pos:start]
                if tokens and tokens[-1]["type"] == "text":
                    tokens[-1]["raw"] += text
                else:
                    tokens.append({"type": "text", "raw": text})
                pos = start
            state.pos = pos
            end = methods[match.lastgroup](match, state)
            if end is None:
                self.add_text(state, s[state.pos], tokens)
                pos = state.pos + 1
            else:
                pos = end
        state.pos = pos
        return tokens

    def spans(self, s: str, env: MutableMapping[str, Any], rules: Iterable[str]) -> list[Token]:
        """`s` parsed with only `rules` (tables look for code spans and HTML this way)."""
        state = self.state_cls(env)
        state.src = s
        root: Token = {"type": "raw_text", "children": []}
        self.parse_spans(state, root, rules=tuple(rules))
        return root["children"]

    def _scanner(self, stop: re.Pattern[str] | None, rules: tuple[str, ...] | None,
                 stop_chars: str | None = None) -> tuple[re.Pattern[str], re.Pattern[str] | None,
                                                         re.Pattern[str], dict[str, int]]:
        """The joined start patterns (stop pattern first), the pattern of their triggers, the
        start patterns without the stop pattern, and the triggers' look-backs (`trigger_pattern`)."""
        key = (stop, rules)
        found = self._scanners.get(key)
        if found is None:
            names = rules if rules is not None else self.rules
            parts = [f"(?P<{name}>{self.specification[name]})" for name in names]
            triggers: list[tuple[str, str | None, int]] | None = \
                [t for name in names for t in self._triggers[name]] \
                if all(name in self._triggers for name in names) else None
            if stop is not None:
                flags = "i" if stop.flags & re.I else ""
                parts.insert(0, f"(?P<_stop>(?{flags}s:{stop.pattern}))")
                stop_first = stop_chars or first_char(stop.pattern)
                if stop_first and triggers is not None:
                    triggers.extend((c, None, 0) for c in stop_first)
                else:
                    triggers = None
            prefilter, lookback = (None, {}) if triggers is None else trigger_pattern(triggers)
            scanner = re.compile("|".join(parts))
            plain = self._scanner(None, rules)[0] if stop is not None else scanner
            found = self._scanners[key] = (scanner, prefilter, plain, lookback)
        return found

    def parse_spans(self, state: KramdownInlineState, el: Token, stop: re.Pattern[str] | None = None,
                    cond: Callable[[], bool] | None = None, rules: tuple[str, ...] | None = None,
                    stop_chars: str | None = None, *, declined: int = -1) -> bool:
        """Parse spans into ``el["children"]`` until the end, or until `stop` matches and `cond` agrees.

        `stop_chars` are the characters a match of `stop` can start with (guessed when it starts
        with a literal character; without them the scanner tries every position); `declined` is
        a position where `cond` was asked already and said no.
        """
        saved_tree, saved_tokens = state.tree, state.tokens
        if saved_tree is not None:
            state.stack.append(saved_tree)
        state.tree, state.tokens = el, el["children"]
        scanner, prefilter, plain, lookback = self._scanners.get((stop, rules)) \
            or self._scanner(stop, rules, stop_chars)
        methods, src, found = self._methods, state.src, False
        size = len(src)
        match_at = scanner.match
        find = prefilter.search if prefilter is not None else None
        pos = state.pos
        try:
            while pos < size:
                # the scanner's leftmost match from pos, tried only at and just before triggers
                if find is None:
                    match = scanner.search(src, pos)
                else:
                    match = None
                    tried = pos
                    while True:
                        trigger = find(src, tried)
                        if trigger is None:
                            break
                        at = trigger.start()
                        start = at - lookback.get(src[at], 0) if lookback else at
                        if start < tried:
                            start = tried
                        while start <= at:
                            match = match_at(src, start)
                            if match is not None:
                                break
                            start += 1
                        if match is not None:
                            break
                        tried = at + 1
                if match is None:
                    if stop is None:
                        self.add_text(state, src[pos:])
                        pos = size
                    break
                start = match.start()
                if start > pos:
                    self.add_text(state, src[pos:start])
                    pos = start
                name = match.lastgroup
                if name == "_stop":
                    state.pos = pos
                    if pos != declined and (cond is None or cond()):
                        found = True
                        break
                    match = plain.match(src, pos)
                    if match is None:
                        self.add_text(state, src[pos])
                        pos += 1
                        continue
                    name = match.lastgroup
                state.pos = pos
                end = methods[name](match, state)
                if end is None:
                    self.add_text(state, src[state.pos])
                    pos = state.pos + 1
                else:
                    pos = end
        finally:
            state.pos = pos
            state.tree, state.tokens = saved_tree, saved_tokens
            if saved_tree is not None:
                state.stack.pop()
        return found

    def parse_plain_spans(self, state: KramdownInlineState, el: Token, stop: re.Pattern[str],
                          cond: Callable[[], bool], stop_chars: str | None = None) -> bool:
        """`parse_spans` for an element whose content is usually plain text (``*word*``, ``[text]``).

        When the first place any span could start is where `stop` matches, and `cond` agrees
        there, the content is that text: no scan loop is needed.  Otherwise `parse_spans` runs
        (`cond` is asked once per stop either way: it may count, as a link's brackets do).
        """
        pos = state.pos
        at = self.quick_stop(state, stop, stop_chars)
        if at >= 0:
            if at > pos:
                el["children"].append({"type": "text", "raw": state.src[pos:at]})
            state.pos = at
            if cond():
                return True
            # go on as parse_spans would after `cond` declined (it may count what it saw)
            return self.parse_spans(state, el, stop, cond, stop_chars=stop_chars, declined=at)
        return self.parse_spans(state, el, stop, cond, stop_chars=stop_chars)

    def quick_stop(self, state: KramdownInlineState, stop: re.Pattern[str], stop_chars: str | None) -> int:
        """Where `stop` matches if that is the first place from ``state.pos`` any span could
        start (the text before it is then plain), else -1; nothing is changed.

        Elements whose content is one word (``*word*``, ``[text]``) test this before they set up
        a scan of their content.
        """
        at = self.first_trigger(state, stop, stop_chars)
        if at < 0:
            return -1
        match = self._scanners[(stop, None)][0].match(state.src, at)
        return at if match is not None and match.lastgroup == "_stop" else -1

    def first_trigger(self, state: KramdownInlineState, stop: re.Pattern[str], stop_chars: str | None) -> int:
        """The first place from ``state.pos`` where a span, or `stop`, could start, else -1 (also
        when a match could start a little before it).  `stop` matches there when the text there
        is what it looks for (its alternative comes first)."""
        _, prefilter, _, lookback = self._scanners.get((stop, None)) or self._scanner(stop, None, stop_chars)
        if prefilter is None:
            return -1
        src = state.src
        trigger = prefilter.search(src, state.pos)
        if trigger is None:
            return -1
        at = trigger.start()
        if lookback and src[at] in lookback:
            return -1
        return at

    def add_text(self, state: KramdownInlineState, text: str, tokens: list[Token] | None = None) -> None:
        """Append text, joining it to a text token just before."""
        if tokens is None:
            tokens = state.tokens
        if tokens and tokens[-1]["type"] == "text":
            tokens[-1]["raw"] += text
        elif text:
            tokens.append({"type": "text", "raw": text})

    def within(self, state: KramdownInlineState, *types: str) -> bool:
        """Whether the element being parsed, or one around it, is of one of `types`."""
        tree = state.tree
        if tree is not None and tree["type"] in types:
            return True
        stack = state.stack
        return bool(stack) and any(t["type"] in types for t in stack)

    # ----- the span parsers, in kramdown's order (some are functions of modules of their own)
    parse_emphasis = emphasis.parse_emphasis

    def parse_codespan(self, m: Match[str], state: KramdownInlineState) -> int:
        src, start = state.src, state.pos
        delim = m.group(0)
        after = start + len(delim)
        simple = len(delim) == 1
        if simple and (start == 0 or src[start - 1] in _WS) and after < len(src) and src[after] in _WS:
            self.add_text(state, delim)
            return after
        close = src.find(delim, after)
        if close < 0:
            self.add_text(state, delim)
            return after
        text = src[after:close]
        if not simple:
            if text[:1] == " ":
                text = text[1:]
            if text[-1:] == " ":
                text = text[:-1]
        state.tokens.append({"type": "codespan", "raw": text})
        return close + len(delim)

    def parse_autolink(self, m: Match[str], state: KramdownInlineState) -> int:
        return parse_autolink(self, m, state)

    parse_span_html = html.parse_span_html

    parse_link = links.parse_link

    def parse_smart_quotes(self, m: Match[str], state: KramdownInlineState) -> int:
        pattern, substitutions = SMART_QUOTE_RULES
        match = pattern.match(state.src, state.pos)
        if match is None:  # pragma: no cover - the last rules match wherever the start pattern does
            return None
        for subst in substitutions[match.lastgroup]:
            if isinstance(subst, int):
                self.add_text(state, match.group(subst))
            else:
                if isinstance(subst, tuple):
                    subst = _QUOTE_KIND[(match.group(subst[1]), subst[0])]
                state.tokens.append({"type": "smart_quote", "raw": subst})
        return match.end()

    def parse_inline_math(self, m: Match[str], state: KramdownInlineState) -> int:
        match = _MATH.match(state.src, state.pos)
        state.tokens.append({"type": "math", "raw": match.group(1).strip(_RUBY_WS), "category": "span"})
        return match.end()

    def parse_html_entity(self, m: Match[str], state: KramdownInlineState) -> int:
        match = _ENTITY.match(state.src, state.pos)
        name, decimal, hexa = match.groups()
        try:
            key: str | int = name if name is not None else int(decimal or hexa, 10 if decimal else 16)
            code, entity_name = find_entity(key)
            state.tokens.append({"type": "entity", "code": code, "name": entity_name,
                                 "original": match.group(0)})
        except (KeyError, ValueError):
            state.tokens.append({"type": "entity", "code": 38, "name": "amp"})
            self.add_text(state, match.group(0)[1:])
        return match.end()

    def parse_typographic_syms(self, m: Match[str], state: KramdownInlineState) -> int:
        text = m.group(0)
        if text in ("\\<<", "\\>>"):
            entity = _LT if text == "\\<<" else _GT
            for _ in range(2):
                state.tokens.append({"type": "entity", "code": entity[0], "name": entity[1]})
        else:
            state.tokens.append({"type": "typographic_sym", "raw": _SYMS[text]})
        return m.end()

    def parse_line_break(self, m: Match[str], state: KramdownInlineState) -> int:
        state.tokens.append({"type": "linebreak"})
        return m.end()

    def parse_escaped_chars(self, m: Match[str], state: KramdownInlineState) -> int:
        self.add_text(state, m.group(0)[1])
        return m.end()

    def parse_strikethrough_gfm(self, m: Match[str], state: KramdownInlineState) -> int:
        el: Token = {"type": "html_element", "tag": "del", "attrs": {}, "category": "span", "children": []}
        state.tokens.append(el)
        inner = self.state_cls(state.env)
        inner.src = m.group(0)[2:-2]
        self.parse_spans(inner, el)
        return m.end()
