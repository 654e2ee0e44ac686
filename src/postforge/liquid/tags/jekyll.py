"""The tags Jekyll adds: include, include_relative, highlight, link and post_url."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from postforge.highlight import parse_highlight_markup
from postforge.liquid.ast import Highlight
from postforge.liquid.ast import Include
from postforge.liquid.ast import Literal
from postforge.liquid.ast import Node
from postforge.liquid.ast import SiteLink
from postforge.liquid.lexer import Token
from postforge.regexes import LazyPattern

if TYPE_CHECKING:
    from postforge.liquid.parser import Parser

__all__ = ["TAGS", "INCLUDE_PARAM", "VARIABLE_FILE"]

#: ``name="value"``, ``name='value'`` or ``name=variable.path``
INCLUDE_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))""",
    re.ASCII,
)
#: an include whose file name holds ``{{ variable }}``
VARIABLE_FILE = re.compile(r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S | re.ASCII)
_FULL_PARAMS = LazyPattern(rf"\A\s*(?:{INCLUDE_PARAM.pattern}(?=\s|\Z)\s*)*\Z", re.ASCII)


def parse_include(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    markup = markup.strip()
    matched = VARIABLE_FILE.match(markup)
    if matched:
        file, params_markup = matched.group("variable").strip(), matched.group("params").strip()
    else:
        pieces = markup.split(None, 1)
        file = pieces[0] if pieces else ""
        params_markup = pieces[1] if len(pieces) > 1 else None
    params = None
    if params_markup is not None:
        if not _FULL_PARAMS.match(params_markup):
            raise parser.error(
                f"Invalid syntax for {name} tag: {params_markup}  Valid syntax: "
                f"{{% {name} file.ext param='value' param2='value' %}}",
                token,
            )
        params = []
        for match in INCLUDE_PARAM.finditer(params_markup):
            key, double, single, variable = match.groups()
            if double is not None:
                value = Literal(double.replace('\\"', '"'))
            elif single is not None:
                value = Literal(single.replace("\\'", "'"))
            else:
                value = parser.expression(variable, token)
            params.append((key, value))
    node = Include(token.start, file, matched is not None, params, relative=name == "include_relative")
    return node, False


def parse_highlight(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    parsed = parse_highlight_markup(markup)
    if parsed is None:
        raise parser.error(
            f"Syntax Error in tag 'highlight' while parsing the following markup: {markup.strip()} "
            "Valid syntax: highlight <lang> [linenos]",
            token,
        )
    body, *_ = parser.parse_block(name, token)
    return Highlight(token.start, parsed[0], parsed[1], body), False


def parse_link(parser: Parser, token: Token, name: str, markup: str) -> tuple[Node, bool]:
    return SiteLink(token.start, name, markup.strip()), False


TAGS = {
    "include": parse_include,
    "include_relative": parse_include,
    "highlight": parse_highlight,
    "link": parse_link,
    "post_url": parse_link,
}
