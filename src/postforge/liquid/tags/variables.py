"""Tags that set or print variables: assign, capture, increment, decrement, echo."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from postforge.liquid.ast import Assign
from postforge.liquid.ast import Capture
from postforge.liquid.ast import Counter
from postforge.liquid.ast import Node
from postforge.liquid.ast import Output
from postforge.liquid.lexer import Token
from postforge.regexes import LazyPattern

if TYPE_CHECKING:
    from postforge.liquid.parser import Parser

__all__ = ["TAGS"]

_SIGNATURE = r"(?:\(?[\w\-.\[\]]\)?)+"
_ASSIGN = LazyPattern(rf"({_SIGNATURE})\s*=\s*(.*)\s*", re.S | re.ASCII)
_CAPTURE = LazyPattern(rf"({_SIGNATURE})", re.ASCII)


def parse_assign(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    match = _ASSIGN.search(markup)
    if match is None:
        raise parser.error("Syntax Error in 'assign' - Valid syntax: assign [var] = [source]", token)
    return Assign(token.start, match.group(1), parser.output(match.group(2), token)), True


def parse_capture(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    match = _CAPTURE.search(markup)
    if match is None:
        raise parser.error("Syntax Error in 'capture' - Valid syntax: capture [var]", token)
    body, _blank, *_ = parser.parse_block(name, token)
    return Capture(token.start, match.group(1), body), True


def parse_counter(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    return Counter(token.start, markup.strip(), 1 if name == "increment" else -1), False


def parse_echo(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    return Output(token.start, parser.output(markup, token)), False


TAGS = {
    "assign": parse_assign,
    "capture": parse_capture,
    "increment": parse_counter,
    "decrement": parse_counter,
    "echo": parse_echo,
}
