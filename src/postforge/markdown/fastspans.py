"""A paragraph's spans written straight to HTML when they are the common kinds, without tokens.

Most paragraphs of a blog post are text with a few ``*emphasis*``, ``**strong**``, ``code``,
``[links](url)``, quotes and dashes.  The general path builds a token per span, walks them and
renders each through the renderer's dispatch: several Python calls per span.  Here the same
scan runs (the span parser's own trigger pattern finds where a span may start, so the text
between spans is exactly the text the general path leaves as text), each span is recognised
the way its kramdown parser takes it in the simple case (one word of plain emphasis, a link
with plain text and a ``(url)``) and written at once.  At the first span of any other kind or
shape the result is None and the caller runs the general path: a fast path never guesses.

It applies only where the HTML cannot depend on anything but the text: the built-in span
rules and renderers (no plugin rule or renderer of its own in place), the converter's own
options (no ``{::options /}`` in the document), no abbreviations defined, no hook run between
the walk and rendering, and no CJK line-break removal.  `FastSpans.for_document` checks this
once per document.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Callable

from postforge.markdown import patterns as p
from postforge.markdown.inlines import KramdownInlineParser
from postforge.markdown.links import LINK_STOP
from postforge.markdown.links import SIMPLE_URL
from postforge.markdown.patterns import LazyPattern
from postforge.markdown.renderer import KramdownRenderer
from postforge.markdown.renderer import escape_html
from postforge.markdown.spanscan import SMART_QUOTE_RULES
from postforge.markdown.spanscan import TRIGGERS
from postforge.markdown.spanscan import trigger_pattern

__all__ = ["FastSpans"]

_WS = " \t\n\x0b\f\r"
_RUBY_WS = " \t\n\x0b\f\r\x00"
_TEXT_ESCAPE = LazyPattern(r"&(?:[A-Za-z_:][-A-Za-z0-9_.:]*;|#[0-9]+;|#x[0-9a-fA-F]+;)|[<>&]")
_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_BACKTICKS = LazyPattern(r"`+")
_SYMBOL = LazyPattern(r"---|--|\.\.\.")
_SYMBOL_NAMES = {"---": "mdash", "--": "ndash", "...": "hellip"}
_QUOTE_KIND = {('"', "r"): "rdquo", ("'", "r"): "rsquo", ('"', "l"): "ldquo", ("'", "l"): "lsquo"}
#: span rules whose triggers the fast path knows (the built-in ones and those of the bundled
#: plugins): with any other rule in place, a span could start where this module does not look
_KNOWN_TRIGGERS = {**TRIGGERS, "footnote_marker": (("[", None, 0),), "span_extensions": (("{", None, 0),)}
#: the bundled plugins' span patterns (the fast path leaves the places they match to the general one)
_PLUGIN_PATTERNS = {"footnote_marker": rf"\[\^{p.ALD_ID_NAME}\]", "span_extensions": r"\{:"}
#: the span rules whose parsers are mirrored here
_WRITTEN = ("emphasis", "codespan", "link", "smart_quotes", "typographic_syms")
#: the renderers whose output is written here
_RENDERERS = ("text", "emphasis", "strong", "codespan", "link", "smart_quote", "typographic_sym",
              "spans_html")


def _escape_match(match: re.Match[str]) -> str:
    text = match.group(0)
    return _ESCAPES.get(text, text)


def _text(text: str) -> str:
    """Text as the renderer writes it (`KramdownRenderer.render_text` without CJK handling)."""
    if "<" in text or ">" in text or "&" in text:
        return _TEXT_ESCAPE.sub(_escape_match, text)
    return text


def _alpha_before(src: str, pos: int) -> bool:
    if pos == 0:
        return False
    c = src[pos - 1]
    return c.isalpha() or (c == "-" and pos >= 2 and src[pos - 2].isalpha())


def _branch_search(inline: KramdownInlineParser, prefilter: re.Pattern[str]) -> Callable[..., Any]:
    """A ``search`` finding what `prefilter` finds, quicker where characters trigger only with a
    condition (``.`` before ``..``, ``-`` before ``-``: most sentences have some).

    The trigger pattern is a character class, then the condition of the character it took,
    found by trying each character's lookbehind in turn.  Here each character is a branch of
    its own (a ``.``, then its lookahead): the regex engine still skips to the branches' first
    characters at once, and at one tries only its branch.  Same triggers, same positions.
    """
    triggers = [t for name in inline.rules for t in inline._triggers.get(name, ())]
    if trigger_pattern(triggers)[0].pattern != prefilter.pattern:
        return prefilter.search  # (triggers of rules this module does not know: as they are)
    conditions: dict[str, set[str | None]] = {}
    for char, condition, _ in triggers:
        conditions.setdefault(char, set()).add(condition)
    branches = [re.escape(char) if None in kinds else f"{re.escape(char)}(?:{'|'.join(sorted(kinds))})"
                for char, kinds in sorted(conditions.items())]
    return re.compile("|".join(branches)).search


class FastSpans:
    """The fast path of one Markdown object: its span parser's triggers and renderer's HTML."""

    def __init__(self, md: Any) -> None:
        self.md = md
        #: the span scanner the trigger patterns were read from: `register` replaces it, and the
        #: rules are checked again then
        self._seen: Any = None
        self._usable = False
        self._find: Callable[..., Any] | None = None
        self._link_find: Callable[..., Any] | None = None
        self._lookback: dict[str, int] = {}
        self._link_lookback: dict[str, int] = {}
        #: the renderer's functions for `_RENDERERS` when they were last found the built-in ones
        self._builtin_renderers: tuple[Any, ...] = ()

    def _prepare(self) -> bool:
        """Read the span parser's trigger patterns; False when a rule is in place that the fast
        path does not know (its name, pattern, triggers or, for the spans written here, its
        parser function differ from the built-in ones)."""
        inline = self.md.inline
        scanner = inline._scanners.get((None, None))
        if scanner is not None and scanner is self._seen:
            return self._usable
        self._usable = False
        self._seen = scanner = scanner or inline._scanner(None, None)
        if type(inline) is not KramdownInlineParser or not self._rules_known(inline):
            return False
        _, prefilter, _, lookback = scanner
        _, link_prefilter, _, link_lookback = (inline._scanners.get((LINK_STOP, None))
                                               or inline._scanner(LINK_STOP, None, "]!["))
        if prefilter is None or link_prefilter is None:
            return False
        self._find, self._lookback = _branch_search(inline, prefilter), lookback
        self._link_find, self._link_lookback = link_prefilter.search, link_lookback
        self._usable = True
        return True

    @staticmethod
    def _rules_known(inline: KramdownInlineParser) -> bool:
        rules = inline.rules
        # `&` and `<` always start a span: text between spans has none, and writing it escapes
        # at most a ``>``, character by character
        if "html_entity" not in rules or "span_html" not in rules:
            return False
        builtin = KramdownInlineParser(inline.options).specification
        for name in rules:
            if inline._triggers.get(name) != _KNOWN_TRIGGERS.get(name, ()):
                return False
            if inline.specification.get(name) != builtin.get(name, _PLUGIN_PATTERNS.get(name)):
                return False
        return all(inline._methods[name] == getattr(inline, "parse_" + name)
                   for name in _WRITTEN if name in rules)

    def for_document(self, state: Any) -> Callable[[str], str | None] | None:
        """`spans_html` when this document's spans may take the fast path, else None."""
        md = self.md
        env = state.env
        if env.get("inline_options") or env.get("abbrev_defs") or md.after_inline_hooks:
            return None
        renderer = md.renderer
        if type(renderer) is not KramdownRenderer or renderer._cjk:
            return None
        renderers = renderer._renderers
        # (the renderers found built-in are kept: the same ones again need no second look)
        current = tuple(map(renderers.get, _RENDERERS))
        if current != self._builtin_renderers:
            if any(found != getattr(renderer, "render_" + name) for found, name in zip(current, _RENDERERS)):
                return None
            self._builtin_renderers = current
        if not self._prepare():
            return None
        return self.spans_html

    def spans_html(self, s: str) -> str | None:
        """The HTML of `s`'s spans, or None when one of them is not of the kinds written here.

        Emphasis, code in single backticks and links, the spans of most paragraphs, are written
        in the loop itself: a method call per span costs as much as the span's own checks.
        """
        find = self._find
        lookback = self._lookback
        link_find = self._link_find
        link_lookback = self._link_lookback
        # without ``< > &`` anywhere, no text needs escaping (most paragraphs), nor does code
        clean = not ("<" in s or ">" in s or "&" in s)
        code_open = self.md.renderer._code.bare_open if clean else None
        out: list[str] = []
        append = out.append
        end = len(s)
        pos = 0
        while True:
            trigger = find(s, pos)
            if trigger is None:
                if pos < end:
                    append(s[pos:] if clean else _text(s[pos:]))
                return "".join(out)
            at = trigger.start()
            c = s[at]
            if c == '"' or c == "'":
                # the smart-quote rule, tried from the character before (its look-back)
                start = at - 1 if at > pos else at
                if start > pos:
                    append(s[pos:start] if clean else _text(s[pos:start]))
                pos = self._smart_quote(s, start, out)
                continue
            if lookback and c in lookback:
                return None
            if at > pos:
                append(s[pos:at] if clean else _text(s[pos:at]))
            if c == "*" or c == "_":
                # `emphasis.parse_emphasis` where its content is plain text up to the closing marker
                after = at + 1
                double = after < end and s[after] == c
                if double:
                    after += 1
                if (c == "_" and _alpha_before(s, at)) or (after < end and s[after] in _WS):
                    append(s[at:after])
                    pos = after
                    continue
                trigger = find(s, after)
                if trigger is None:
                    return None
                close = trigger.start()
                if lookback and s[close] in lookback:
                    return None
                delim = s[at:after]
                size = after - at
                if not (close > after and s.startswith(delim, close) and s[close - 1] not in _WS
                        and (double or not (s.startswith(delim + c, close) and not s.startswith(c, close + 2)))
                        and (c != "_" or not (close + size < end and s[close + size].isalnum()))):
                    return None
                text = s[after:close] if clean else _text(s[after:close])
                append(f"<strong>{text}</strong>" if double else f"<em>{text}</em>")
                pos = close + size
                continue
            if c == "`":
                after = at + 1
                if after < end and s[after] == "`":
                    pos = self._codespan(s, at, out)
                    continue
                # `_codespan` for a single backtick (code written as it is: the text has no ``< > &``)
                if (at == 0 or s[at - 1] in _WS) and after < end and s[after] in _WS:
                    append("`")
                    pos = after
                    continue
                close = s.find("`", after)
                if close < 0:
                    append("`")
                    pos = after
                    continue
                if code_open is not None:
                    append(f"{code_open}{s[after:close]}</code>")
                else:
                    append(self.md.renderer._code.span(s[after:close], None))
                pos = close + 1
                continue
            if c == "[":
                # `links.parse_link` for ``[plain text](url)``: no reference, title or angle brackets
                if at + 1 >= end or s[at + 1] == "^":
                    return None
                trigger = link_find(s, at + 1)
                if trigger is None:
                    return None
                close = trigger.start()
                if s[close] != "]" or (link_lookback and s[close] in link_lookback):
                    return None
                url = SIMPLE_URL.match(s, close + 1)
                if url is None or s.startswith("(<", close + 1):
                    return None
                href = url.group(1).strip(_RUBY_WS)
                if not clean or '"' in href:
                    href = escape_html(href, "attribute")
                append(f'<a href="{href}">{s[at + 1:close] if clean else _text(s[at + 1:close])}</a>')
                pos = url.end()
                continue
            if c == "-" or c == ".":
                pos = self._symbol(s, at, out)
            else:
                return None
            if pos < 0:
                return None

    def _codespan(self, s: str, start: int, out: list[str]) -> int:
        """`KramdownInlineParser.parse_codespan`."""
        delim = _BACKTICKS.match(s, start).group(0)
        after = start + len(delim)
        simple = len(delim) == 1
        if simple and (start == 0 or s[start - 1] in _WS) and after < len(s) and s[after] in _WS:
            out.append(delim)
            return after
        close = s.find(delim, after)
        if close < 0:
            out.append(delim)
            return after
        text = s[after:close]
        if not simple:
            if text[:1] == " ":
                text = text[1:]
            if text[-1:] == " ":
                text = text[:-1]
        out.append(self.md.renderer._code.span(text, None))
        return close + len(delim)

    def _smart_quote(self, s: str, start: int, out: list[str]) -> int:
        """`KramdownInlineParser.parse_smart_quotes` at `start`."""
        pattern, substitutions = SMART_QUOTE_RULES
        match = pattern.match(s, start)
        quotes = self.md.renderer._quote_html
        for subst in substitutions[match.lastgroup]:
            if isinstance(subst, int):
                text = match.group(subst)
                if text:
                    out.append(_text(text))
            else:
                if isinstance(subst, tuple):
                    subst = _QUOTE_KIND[(match.group(subst[1]), subst[0])]
                out.append(quotes[subst])
        return match.end()

    def _symbol(self, s: str, start: int, out: list[str]) -> int:
        """`KramdownInlineParser.parse_typographic_syms` for dashes and an ellipsis."""
        match = _SYMBOL.match(s, start)
        if match is None:
            return -1
        renderer = self.md.renderer
        name = _SYMBOL_NAMES[match.group(0)]
        if name in renderer._symbols:
            out.append(escape_html(renderer._symbols[name], "text"))
        else:
            out.append(renderer._symbol_html[name])
        return match.end()
