"""Loop tags: for (limit, offset, reversed, else), tablerow, cycle, break and continue."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from postforge.liquid import expressions
from postforge.liquid.ast import Break
from postforge.liquid.ast import Continue
from postforge.liquid.ast import Cycle
from postforge.liquid.ast import Expr
from postforge.liquid.ast import For
from postforge.liquid.ast import Lookup
from postforge.liquid.ast import Node
from postforge.liquid.ast import TableRow
from postforge.liquid.expressions import QUOTED_FRAGMENT
from postforge.liquid.expressions import ExpressionParser
from postforge.liquid.expressions import ExpressionSyntaxError
from postforge.liquid.lexer import Token
from postforge.liquid.parser import strip_blank_text
from postforge.regexes import LazyPattern

if TYPE_CHECKING:
    from postforge.liquid.parser import Parser

__all__ = ["TAGS"]

_FOR_LAX = LazyPattern(rf"\A((?:\(?[\w\-.\[\]]\)?)+)\s+in\s+({QUOTED_FRAGMENT}+)\s*(reversed)?", re.S | re.ASCII)
_ATTRIBUTES = LazyPattern(rf"(\w[\w-]*)\s*:\s*({QUOTED_FRAGMENT})", re.ASCII)
_TABLEROW = LazyPattern(rf"(\w+)\s+in\s+({QUOTED_FRAGMENT}+)", re.S | re.ASCII)
_CYCLE_NAMED = LazyPattern(rf"\A({QUOTED_FRAGMENT})\s*:\s*(.*)", re.S | re.ASCII)
_CYCLE_SIMPLE = LazyPattern(rf"\A{QUOTED_FRAGMENT}+", re.ASCII)
_CYCLE_VALUE = LazyPattern(rf"\s*({QUOTED_FRAGMENT})\s*", re.ASCII)
_FOR_SYNTAX = "Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]"


def _is_continue(expr: Expr | None) -> bool:
    return isinstance(expr, Lookup) and expr.root == "continue" and not expr.keys


def _strict_for(markup: str) -> tuple[str, Expr, str, bool, dict[str, Expr]]:
    parser = ExpressionParser(markup)
    var = parser.consume("id")
    if not parser.id_if("in"):
        raise ExpressionSyntaxError("For loops require an 'in' clause")
    collection, collection_text = parser.expression_text()
    reverse = parser.id_if("reversed")
    attrs: dict[str, Expr] = {}
    while parser.look("id") and parser.look("colon", 1):
        if parser.id_if("limit"):
            key = "limit"
        elif parser.id_if("offset"):
            key = "offset"
        else:
            raise ExpressionSyntaxError("Invalid attribute in for loop. Valid attributes are limit and offset")
        parser.consume("colon")
        attrs[key] = parser.expression()
    parser.end()
    return var, collection, collection_text, reverse, attrs


def _lax_for(parser: Parser, markup: str, token: Token) -> tuple[str, Expr, str, bool, dict[str, Expr]]:
    match = _FOR_LAX.match(markup)
    if match is None:
        raise parser.error(_FOR_SYNTAX, token)
    attrs = {key: expressions.lax_expression(value) for key, value in _ATTRIBUTES.findall(markup)}
    return match.group(1), expressions.lax_expression(match.group(2)), match.group(2), bool(match.group(3)), attrs


def parse_for(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    if parser.mode == "lax":
        parts = _lax_for(parser, markup, token)
    else:
        try:
            parts = _strict_for(markup)
        except ExpressionSyntaxError as error:
            if parser.mode == "strict":
                raise parser.error(str(error), token) from None
            parser.warn(token, markup.strip())(str(error))
            parts = _lax_for(parser, markup, token)
    var, collection, collection_markup, reverse, attrs = parts
    node = For(token.start, var, collection, [], name=f"{var}-{collection_markup}")
    node.limit = attrs.get("limit")
    offset = attrs.get("offset")
    if _is_continue(offset):
        node.offset_continue = True
    else:
        node.offset = offset
    node.reversed = reverse
    body, blank, end, _markup, _end_token = parser.parse_block(name, token, ("else",))
    node.body = body
    if end == "else":
        else_body, else_blank, *_ = parser.parse_block(name, token)
        node.else_body = else_body
        blank = blank and else_blank
    if blank:
        strip_blank_text(node.body)
        if node.else_body is not None:
            strip_blank_text(node.else_body)
    return node, blank


def parse_tablerow(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    match = _TABLEROW.search(markup)
    if match is None:
        raise parser.error(
            "Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3", token
        )
    attrs = {key: parser.expression(value, token) for key, value in _ATTRIBUTES.findall(markup)}
    collection = parser.expression(match.group(2), token)
    body, blank, *_ = parser.parse_block(name, token)
    node = TableRow(token.start, match.group(1), collection, body, attrs, name=f"{match.group(1)}-{match.group(2)}")
    return node, blank


def parse_cycle(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    named = _CYCLE_NAMED.match(markup)
    if named:
        group: Expr | None = parser.expression(named.group(1), token)
        values_markup = named.group(2)
    elif _CYCLE_SIMPLE.match(markup):
        group = None
        values_markup = markup
    else:
        raise parser.error("Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 ...]", token)
    raw_values = []
    for piece in values_markup.split(","):
        match = _CYCLE_VALUE.match(piece)
        if match:
            raw_values.append(match.group(1))
    values = [parser.expression(value, token) for value in raw_values]
    return Cycle(token.start, group, values, key=repr(values)), False


def parse_break(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    return (Break(token.start) if name == "break" else Continue(token.start)), False


TAGS = {
    "for": parse_for,
    "tablerow": parse_tablerow,
    "cycle": parse_cycle,
    "break": parse_break,
    "continue": parse_break,
}
