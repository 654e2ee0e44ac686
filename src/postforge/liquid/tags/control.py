"""Branching tags: if, unless, case/when, ifchanged, and the tags that render nothing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from postforge.liquid.ast import Case
from postforge.liquid.ast import Expr
from postforge.liquid.ast import If
from postforge.liquid.ast import IfChanged
from postforge.liquid.ast import Node
from postforge.liquid.ast import RaiseError
from postforge.liquid.ast import Text
from postforge.liquid.expressions import QUOTED_FRAGMENT
from postforge.liquid.lexer import Token
from postforge.liquid.parser import strip_blank_text
from postforge.regexes import LazyPattern

if TYPE_CHECKING:
    from postforge.liquid.parser import Parser

__all__ = ["TAGS"]

_WHEN = LazyPattern(rf"({QUOTED_FRAGMENT})(?:(?:\s+or\s+|\s*,\s*)({QUOTED_FRAGMENT}.*))?", re.S | re.ASCII)
_RENDER = LazyPattern(r"\s*(?:\"[^\"]*\"|'[^']*')", re.ASCII)
_COMMENT_LINE = LazyPattern(r"\n\s*[^#\s]", re.ASCII)


def parse_if(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    branches: list[tuple[Expr, list[Node]]] = []
    else_body: list[Node] | None = None
    blank = True
    condition: Expr | None = parser.condition(markup, token)
    while True:
        body, body_blank, end, end_markup, end_token = parser.parse_block(name, token, ("elsif", "else"))
        blank = blank and body_blank
        if condition is not None:
            branches.append((condition, body))
        elif else_body is None:
            else_body = body
        if end == "end" + name:
            break
        condition = parser.condition(end_markup, end_token) if end == "elsif" else None
        if else_body is not None and condition is not None:
            condition = None  # branches after an else can never render
    if blank:
        for _cond, body in branches:
            strip_blank_text(body)
        if else_body is not None:
            strip_blank_text(else_body)
    return If(token.start, branches, else_body, negate_first=name == "unless"), blank


def _when_values(parser: Parser, markup: str, token: Token) -> list[Expr]:
    values = []
    while True:
        match = _WHEN.match(markup)
        if match is None:
            raise parser.error(
                "Syntax Error in tag 'case' - Valid when condition: {% when [condition] [or condition2...] %}",
                token,
            )
        values.append(parser.expression(match.group(1), token))
        markup = match.group(2)
        if not markup:
            return values


def parse_case(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    match = re.match(rf"\s*({QUOTED_FRAGMENT})", markup, re.ASCII)
    if match is None:
        raise parser.error("Syntax Error in tag 'case' - Valid syntax: case [condition]", token)
    node = Case(token.start, parser.expression(match.group(1), token))
    blank = True
    # text before the first when is parsed and thrown away, as Liquid does
    _body, _blank, end, end_markup, end_token = parser.parse_block(name, token, ("when", "else"))
    while end != "endcase":
        values = _when_values(parser, end_markup, end_token) if end == "when" else None
        body, body_blank, next_end, next_markup, next_token = parser.parse_block(name, token, ("when", "else"))
        blank = blank and body_blank
        node.whens.append((values, body))
        end, end_markup, end_token = next_end, next_markup, next_token
    if blank:
        for _values, body in node.whens:
            strip_blank_text(body)
    return node, blank


def parse_ifchanged(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    body, blank, *_ = parser.parse_block(name, token)
    return IfChanged(token.start, body), blank


def parse_comment(parser: Parser, token: Token, name: str, markup: str) -> tuple[None, bool]:
    parser.parse_block(name, token, ignore_unknown=True)
    return None, True


def parse_inline_comment(parser: Parser, token: Token, name: str, markup: str) -> tuple[None, bool]:
    if _COMMENT_LINE.search(markup):
        raise parser.error(
            "Syntax error in tag '#' - Each line of comments must be prefixed by the '#' character", token
        )
    return None, True


def parse_raw(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node | None, bool]:
    if markup.strip():
        raise parser.error(f"Syntax Error in '{name}' - Valid syntax: {name}", token)
    text = parser.take_raw(token, name)
    return (Text(token.start, text) if text else None), not text


def parse_render(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    """Jekyll gives Liquid no file system, so ``render`` always fails there: so it does here."""
    if not _RENDER.match(markup):
        raise parser.error("Syntax error in tag 'render' - Template name must be a quoted string", token)
    return RaiseError(token.start, "filesystem", "This liquid context does not allow includes."), False


TAGS = {
    "if": parse_if,
    "unless": parse_if,
    "case": parse_case,
    "ifchanged": parse_ifchanged,
    "comment": parse_comment,
    "#": parse_inline_comment,
    "raw": parse_raw,
    "render": parse_render,
}
