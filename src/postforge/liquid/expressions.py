"""Liquid expressions: literals, ranges, lookups, filter chains and conditions → :mod:`ast` values.

Two parsers, as in Liquid 5. The strict one reads a token stream and rejects anything off-grammar.
The lax one is Liquid's regex-based reading, which takes the first thing that looks like a value
and ignores the rest. Jekyll's default mode, ``warn``, tries strict first and falls back to lax,
recording a warning; ``strict`` raises; ``lax`` never complains.
"""

from __future__ import annotations

import re
from typing import Callable

from postforge.liquid.ast import And
from postforge.liquid.ast import Compare
from postforge.liquid.ast import Expr
from postforge.liquid.ast import FilterCall
from postforge.liquid.ast import Filtered
from postforge.liquid.ast import Literal
from postforge.liquid.ast import Lookup
from postforge.liquid.ast import Or
from postforge.liquid.ast import RangeExpr
from postforge.liquid.values import BLANK
from postforge.liquid.values import EMPTY
from postforge.liquid.values import UNMATCHABLE
from postforge.regexes import LazyPattern

__all__ = [
    "ExpressionSyntaxError",
    "parse_expression",
    "parse_output",
    "parse_condition",
    "lax_expression",
    "QUOTED_FRAGMENT",
    "ExpressionParser",
    "with_mode",
]


class ExpressionSyntaxError(Exception):
    """Raised by the strict parser; the caller decides whether to warn, fall back or fail."""


COMMANDS = frozenset({"size", "first", "last"})
LITERALS = {
    "nil": None,
    "null": None,
    "": None,
    "true": True,
    "false": False,
    "empty": EMPTY,
    "blank": BLANK,
}

# -- strict --------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<comparison>==|!=|<>|<=?|>=?|contains(?=\s))
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<id>[a-zA-Z_][\w-]*\??)
      | (?P<dotdot>\.\.)
      | (?P<special>[|.:,\[\]()?-])
    )""",
    re.X | re.ASCII,
)
_SPECIALS = {
    "|": "pipe",
    ".": "dot",
    ":": "colon",
    ",": "comma",
    "[": "open_square",
    "]": "close_square",
    "(": "open_round",
    ")": "close_round",
    "?": "question",
    "-": "dash",
}


def _lex(markup: str) -> list[tuple[str, str]]:
    tokens = []
    pos = 0
    end = len(markup)
    while True:
        while pos < end and markup[pos].isspace():
            pos += 1
        if pos >= end:
            break
        match = _TOKEN.match(markup, pos)
        if match is None:
            raise ExpressionSyntaxError(f"Unexpected character {markup[pos]}")
        kind = match.lastgroup
        text = match.group(kind)
        if kind == "special":
            kind = _SPECIALS[text]
        tokens.append((kind, text))
        pos = match.end()
    tokens.append(("end_of_string", ""))
    return tokens


class ExpressionParser:
    """Liquid's strict parser over one tag's or output's markup."""

    def __init__(self, markup: str) -> None:
        self.tokens = _lex(markup)
        self.pos = 0

    def look(self, kind: str, ahead: int = 0) -> bool:
        index = self.pos + ahead
        return index < len(self.tokens) and self.tokens[index][0] == kind

    def consume(self, kind: str | None = None) -> str:
        token_kind, text = self.tokens[self.pos]
        if kind is not None and token_kind != kind:
            raise ExpressionSyntaxError(f"Expected {kind} but found {token_kind}")
        self.pos += 1
        return text

    def consume_if(self, kind: str) -> str | None:
        if self.tokens[self.pos][0] == kind:
            return self.consume()
        return None

    def id_if(self, word: str) -> bool:
        kind, text = self.tokens[self.pos]
        if kind == "id" and text == word:
            self.pos += 1
            return True
        return False

    def expression_text(self) -> tuple[Expr, str]:
        """An expression and its markup as Liquid's parser spells it (tokens joined, no spaces)."""
        start = self.pos
        expr = self.expression()
        return expr, "".join(text for _kind, text in self.tokens[start : self.pos])

    def expression(self) -> Expr:
        kind, text = self.tokens[self.pos]
        if kind == "id":
            self.pos += 1
            keys = self._lookups()
            if not keys and text in LITERALS:
                return Literal(LITERALS[text])
            return Lookup(text, keys)
        if kind == "open_square":
            self.pos += 1
            root = self.expression()
            self.consume("close_square")
            return Lookup(root, self._lookups())
        if kind == "string":
            self.pos += 1
            return Literal(text[1:-1])
        if kind == "number":
            self.pos += 1
            return Literal(float(text) if "." in text else int(text))
        if kind == "open_round":
            self.pos += 1
            first = self.expression()
            self.consume("dotdot")
            last = self.expression()
            self.consume("close_round")
            return RangeExpr(first, last)
        shown = f'[:{kind}, "{text}"]' if kind != "end_of_string" else "[:end_of_string]"
        raise ExpressionSyntaxError(f"{shown} is not a valid expression")

    def _lookups(self) -> tuple[tuple[Expr, bool], ...]:
        keys: list[tuple[Expr, bool]] = []
        while True:
            if self.look("open_square"):
                self.pos += 1
                keys.append((self.expression(), False))
                self.consume("close_square")
            elif self.look("dot"):
                self.pos += 1
                name = self.consume("id")
                keys.append((Literal(name), name in COMMANDS))
            else:
                return tuple(keys)

    def filters(self, expr: Expr) -> Expr:
        calls = []
        while self.consume_if("pipe") is not None:
            name = self.consume("id")
            args: list[Expr] = []
            kwargs: list[tuple[str, Expr]] = []
            if self.consume_if("colon") is not None:
                while True:
                    if self.look("id") and self.look("colon", 1):
                        key = self.consume()
                        self.consume()
                        kwargs.append((key, self.expression()))
                    else:
                        args.append(self.expression())
                    if self.consume_if("comma") is None:
                        break
            calls.append(FilterCall(name, tuple(args), tuple(kwargs)))
        return Filtered(expr, tuple(calls)) if calls else expr

    def comparison(self) -> Expr:
        left = self.expression()
        op = self.consume_if("comparison")
        if op is None:
            return Compare(None, left)
        return Compare(op, left, self.expression())

    def condition(self) -> Expr:
        """``a and b or c`` groups right to left: ``a and (b or c)``."""
        left = self.comparison()
        if self.id_if("and"):
            return And(left, self.condition())
        if self.id_if("or"):
            return Or(left, self.condition())
        return left

    def end(self) -> None:
        self.consume("end_of_string")


def strict_output(markup: str) -> Expr:
    parser = ExpressionParser(markup)
    if parser.look("end_of_string"):
        return Literal(None)
    expr = parser.filters(parser.expression())
    parser.end()
    return expr


def strict_expression(markup: str) -> Expr:
    parser = ExpressionParser(markup)
    expr = parser.expression()
    parser.end()
    return expr


def strict_condition(markup: str) -> Expr:
    parser = ExpressionParser(markup)
    expr = parser.condition()
    parser.end()
    return expr


def _unmatchable_literals(expr: Expr) -> Expr:
    if isinstance(expr, Literal) and (expr.value is EMPTY or expr.value is BLANK):
        return Literal(UNMATCHABLE)
    if isinstance(expr, Compare):
        right = _unmatchable_literals(expr.right) if expr.right is not None else None
        return Compare(expr.op, _unmatchable_literals(expr.left), right)
    if isinstance(expr, (And, Or)):
        return type(expr)(_unmatchable_literals(expr.left), _unmatchable_literals(expr.right))
    return expr


def jekyll_condition(markup: str) -> Expr:
    """A ``where_exp`` condition: always strict, and ``empty``/``blank`` match nothing."""
    return _unmatchable_literals(strict_condition(markup))


# -- lax -----------------------------------------------------------------------------------------

_QUOTED_STRING = r"""(?:"[^"]*"|'[^']*')"""
QUOTED_FRAGMENT = rf"""(?:{_QUOTED_STRING}|(?:[^\s,|'"]|{_QUOTED_STRING})+)"""
_MARKUP_WITH_QUOTED_FRAGMENT = LazyPattern(rf"({QUOTED_FRAGMENT})(.*)", re.S | re.ASCII)
_FILTER_MARKUP = LazyPattern(r"\|\s*(.*)", re.S | re.ASCII)
_FILTER_PARSER = LazyPattern(rf"(?:\s+|{QUOTED_FRAGMENT}|,)+", re.ASCII)
_FILTER_ARGS = LazyPattern(rf"(?::|,)\s*((?:\w+\s*:\s*)?{QUOTED_FRAGMENT})", re.ASCII)
_KWARG = LazyPattern(r"\A(\w+)\s*:\s*(.*)\Z", re.S | re.ASCII)
_INTEGER = LazyPattern(r"\A(-?\d+)\Z", re.ASCII)
_RANGE = LazyPattern(r"\A\(\s*(\S+?)\s*\.\.\s*(\S+)\s*\)\Z", re.ASCII)
_FLOAT = LazyPattern(r"\A(-?\d[\d.]+)\Z", re.ASCII)
_WORD = LazyPattern(r"[\w-]+\??", re.ASCII)
_EXPRESSIONS_AND_OPERATORS = LazyPattern(
    rf"(?:\b(?:\s?and\s?|\s?or\s?)\b|(?:\s*(?!\b(?:\s?and\s?|\s?or\s?)\b)(?:{QUOTED_FRAGMENT}|\S+)\s*)+)",
    re.ASCII,
)
_CONDITION = LazyPattern(rf"({QUOTED_FRAGMENT})\s*([=!<>a-z_]+)?\s*({QUOTED_FRAGMENT})?", re.ASCII)


def _float_prefix(text: str) -> float:
    match = re.match(r"-?\d+(?:\.\d+)?", text)
    return float(match.group(0)) if match else 0.0


def lax_expression(markup: str) -> Expr:
    """Liquid's ``Expression.parse``: literal, range, number or variable lookup."""
    markup = markup.strip()
    if markup in LITERALS:
        return Literal(LITERALS[markup])
    if len(markup) >= 2 and markup[0] == markup[-1] and markup[0] in "\"'":
        return Literal(markup[1:-1])
    if _INTEGER.match(markup):
        return Literal(int(markup))
    match = _RANGE.match(markup)
    if match:
        return RangeExpr(lax_expression(match.group(1)), lax_expression(match.group(2)))
    if _FLOAT.match(markup):
        return Literal(_float_prefix(markup))
    return _lax_lookup(markup)


def _scan_lookups(markup: str) -> list[str]:
    """``markup.scan(/\\[(?>[^\\[\\]]+|\\g<0>)*\\]|[\\w-]+\\??/)``: bracket groups nest."""
    parts = []
    pos = 0
    while pos < len(markup):
        char = markup[pos]
        if char == "[":
            depth = 0
            end = pos
            while end < len(markup):
                if markup[end] == "[":
                    depth += 1
                elif markup[end] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                end += 1
            if depth == 0:
                parts.append(markup[pos : end + 1])
                pos = end + 1
                continue
            pos += 1
            continue
        match = _WORD.match(markup, pos)
        if match:
            parts.append(match.group(0))
            pos = match.end()
        else:
            pos += 1
    return parts


def _lax_lookup(markup: str) -> Expr:
    parts = _scan_lookups(markup)
    if not parts:
        return Literal(None)
    head, rest = parts[0], parts[1:]
    root: str | Expr = head
    if head.startswith("[") and head.endswith("]"):
        root = lax_expression(head[1:-1])
    keys = []
    for part in rest:
        if part.startswith("[") and part.endswith("]"):
            keys.append((lax_expression(part[1:-1]), False))
        else:
            keys.append((Literal(part), part in COMMANDS))
    return Lookup(root, tuple(keys))


def lax_output(markup: str) -> Expr:
    """Liquid's ``Variable#lax_parse``."""
    match = _MARKUP_WITH_QUOTED_FRAGMENT.search(markup)
    if match is None:
        return Literal(None)
    expr = lax_expression(match.group(1))
    filter_match = _FILTER_MARKUP.search(match.group(2))
    if filter_match is None:
        return expr
    calls = []
    for piece in _FILTER_PARSER.findall(filter_match.group(1)):
        name_match = re.search(r"\w+", piece, re.ASCII)
        if name_match is None:
            continue
        args: list[Expr] = []
        kwargs: list[tuple[str, Expr]] = []
        for arg in _FILTER_ARGS.findall(piece):
            kw = _KWARG.match(arg)
            if kw:
                kwargs.append((kw.group(1), lax_expression(kw.group(2))))
            else:
                args.append(lax_expression(arg))
        calls.append(FilterCall(name_match.group(0), tuple(args), tuple(kwargs)))
    return Filtered(expr, tuple(calls)) if calls else expr


def lax_condition(markup: str) -> Expr:
    """Liquid's lax ``if`` parsing: comparisons joined by and/or, grouped right to left."""
    pieces = _EXPRESSIONS_AND_OPERATORS.findall(markup)
    if not pieces:
        raise ExpressionSyntaxError("Syntax Error in tag 'if' - Valid syntax: if [expression]")
    condition = _lax_comparison(pieces.pop())
    while len(pieces) >= 2:
        operator = pieces.pop().strip()
        left = _lax_comparison(pieces.pop())
        condition = And(left, condition) if operator == "and" else Or(left, condition)
    return condition


def _lax_comparison(markup: str) -> Expr:
    match = _CONDITION.search(markup)
    if match is None:
        raise ExpressionSyntaxError("Syntax Error in tag 'if' - Valid syntax: if [expression]")
    left = lax_expression(match.group(1))
    op = match.group(2)
    if op is None:
        return Compare(None, left)
    right = lax_expression(match.group(3)) if match.group(3) is not None else Literal(None)
    return Compare(op, left, right)


# -- mode dispatch -------------------------------------------------------------------------------


def with_mode(
    strict: Callable[[str], Expr],
    lax: Callable[[str], Expr],
    markup: str,
    mode: str,
    warn: Callable[[str], None],
) -> Expr:
    """Parse ``markup`` as ``mode`` says: strict raises, warn falls back to lax with a warning."""
    if mode == "lax":
        return lax(markup)
    try:
        return strict(markup)
    except ExpressionSyntaxError as error:
        if mode == "strict":
            raise
        warn(str(error))
        return lax(markup)


def parse_output(markup: str, mode: str = "warn", warn: Callable[[str], None] = lambda m: None) -> Expr:
    return with_mode(strict_output, lax_output, markup, mode, warn)


def parse_expression(markup: str, mode: str = "warn", warn: Callable[[str], None] = lambda m: None) -> Expr:
    return with_mode(strict_expression, lax_expression, markup, mode, warn)


def parse_condition(markup: str, mode: str = "warn", warn: Callable[[str], None] = lambda m: None) -> Expr:
    return with_mode(strict_condition, lax_condition, markup, mode, warn)
