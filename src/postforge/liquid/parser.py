"""Tokens → Liquid syntax tree, with Liquid 5's block rules, whitespace control and blank bodies.

The parser owns the generic parts: text and output tokens, dispatching ``{% name %}`` to the tag
registry (``name → parse function``), closing blocks, and errors that say where a block *opened*.
Tag parse functions (in :mod:`postforge.liquid.tags`) read their markup and call
:meth:`Parser.parse_block` for their bodies; each returns ``(node or None, blank)``.

A block whose bodies hold only whitespace and "blank" tags (assign, capture, comment) renders no
whitespace at all in Liquid; control-flow tags call :func:`strip_blank_text` to do the same.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from typing import Callable

from postforge.errors import Location
from postforge.liquid import expressions
from postforge.liquid.ast import Expr
from postforge.liquid.ast import Node
from postforge.liquid.ast import Output
from postforge.liquid.ast import Text
from postforge.liquid.errors import LiquidSyntaxError
from postforge.liquid.lexer import OUTPUT
from postforge.liquid.lexer import TAG
from postforge.liquid.lexer import TEXT
from postforge.liquid.lexer import Token
from postforge.liquid.lexer import lstrip
from postforge.liquid.lexer import rstrip
from postforge.liquid.lexer import tokenize
from postforge.regexes import LazyPattern

if TYPE_CHECKING:
    from postforge.liquid.environment import Environment

__all__ = ["Parser", "TagParser", "strip_blank_text"]

TagParser = Callable[["Parser", Token, str, str], "tuple[Node | None, bool]"]

_FULL_TAG = re.compile(r"\A\{%-?(\s*)(#|\w+)(\s*)(.*?)-?%\}\Z", re.S)
_FULL_OUTPUT = re.compile(r"\A\{\{-?(.*?)-?\}\}\Z", re.S)
_LIQUID_LINE = LazyPattern(r"\A\s*(#|\w+)\s*(.*?)\Z", re.S)
_WHITESPACE = re.compile(r"\A\s*\Z")
_RAW_END = LazyPattern(r"\A(.*)\{%\s*(\w+)\s*(.*)?%\}\Z", re.S)


def strip_blank_text(body: list[Node]) -> None:
    """Liquid's ``remove_blank_strings``: drop the text of a blank control-flow body."""
    body[:] = [node for node in body if not isinstance(node, Text)]


class _End:
    """What stopped :meth:`Parser.parse_body`: a tag the body does not own, or the end."""

    __slots__ = ("name", "markup", "token")

    def __init__(self, name: str | None, markup: str, token: Token | None) -> None:
        self.name = name
        self.markup = markup
        self.token = token


class Parser:
    """Parses one template source for an :class:`~postforge.liquid.environment.Environment`."""

    def __init__(
        self,
        env: Environment,
        source: str,
        name: str | None = None,
        line_offset: int = 0,
        tokens: list[Token] | None = None,
        liquid_tag: bool = False,
    ) -> None:
        self.env = env
        self.source = source
        self.name = name
        self.line_offset = line_offset
        self.tokens = tokens if tokens is not None else tokenize(source)
        self.pos = 0
        self.mode = env.error_mode
        #: warnings the lax fallback produced (``warn`` mode), as Jekyll prints them
        self.warnings: list[str] = []
        self._trim_next = False
        self._liquid_tag = liquid_tag

    # -- errors and expressions ------------------------------------------------------------------

    def error(self, message: str, token: Token | None) -> LiquidSyntaxError:
        offset = token.start if token is not None else len(self.source)
        location = Location.from_offset(self.name, self.source, offset, self.line_offset)
        return LiquidSyntaxError(message, location)

    def warn(self, token: Token, quoted: str) -> Callable[[str], None]:
        """A warning sink for the lax fallback, worded as Jekyll prints Liquid's warnings."""

        def warn(message: str) -> None:
            line = Location.from_offset(self.name, self.source, token.start, self.line_offset).line
            self.warnings.append(f'Liquid syntax error (line {line}): {message} in "{quoted}"')

        return warn

    def _parse(self, func: Callable[..., Expr], markup: str, token: Token, quoted: str) -> Expr:
        try:
            return func(markup, self.mode, self.warn(token, quoted))
        except expressions.ExpressionSyntaxError as error:
            raise self.error(str(error), token) from None

    def expression(self, markup: str, token: Token) -> Expr:
        """A single value (no filters), in the template's error mode."""
        return self._parse(expressions.parse_expression, markup, token, markup.strip())

    def output(self, markup: str, token: Token) -> Expr:
        """A value with a filter chain, as in ``{{ }}``, ``assign`` and ``echo``."""
        return self._parse(expressions.parse_output, markup, token, "{{" + markup + "}}")

    def condition(self, markup: str, token: Token) -> Expr:
        return self._parse(expressions.parse_condition, markup, token, markup.strip())

    # -- bodies ----------------------------------------------------------------------------------

    def parse(self) -> list[Node]:
        """The whole template."""
        body, _blank, end = self.parse_body()
        if end.name is not None:
            raise self._unknown(end, None)
        return body

    def parse_block(
        self,
        block_name: str,
        opener: Token,
        delimiters: tuple[str, ...] = (),
        ignore_unknown: bool = False,
    ) -> tuple[list[Node], bool, str, str, Token]:
        """A block body up to ``end<name>`` or one of ``delimiters`` (``else``, ``when`` …).

        Returns the body, whether it is blank, and the name, markup and token that ended it.
        """
        closer = "end" + block_name
        nodes: list[Node] = []
        blank = True
        while True:
            body, body_blank, end = self.parse_body()
            nodes.extend(body)
            blank = blank and body_blank
            if end.name is None:
                raise self.error(f"'{block_name}' tag was never closed", opener)
            if end.name == closer or end.name in delimiters:
                assert end.token is not None
                return nodes, blank, end.name, end.markup, end.token
            if not ignore_unknown:
                raise self._unknown(end, block_name)

    def _unknown(self, end: _End, block_name: str | None) -> LiquidSyntaxError:
        name = end.name or ""
        if block_name is None:
            if name in ("else", "elsif", "when") or name.startswith("end"):
                return self.error(f"Unexpected outer '{name}' tag", end.token)
            return self.error(f"Unknown tag '{name}'", end.token)
        if name == "else":
            return self.error(f"{block_name} tag does not expect 'else' tag", end.token)
        if name.startswith("end"):
            return self.error(
                f"'{name}' is not a valid delimiter for {block_name} tags. use end{block_name}", end.token
            )
        return self.error(f"Unknown tag '{name}'", end.token)

    def parse_body(self) -> tuple[list[Node], bool, _End]:
        """Nodes up to the first tag that no registered parser claims (or the end of input)."""
        nodes: list[Node] = []
        blank = True
        tags = self.env.tags
        tokens = self.tokens
        while self.pos < len(tokens):
            token = tokens[self.pos]
            self.pos += 1
            kind = token.kind
            if kind is TEXT:
                text = token.value
                if self._trim_next:
                    text = lstrip(text)
                    self._trim_next = False
                if text:
                    nodes.append(Text(token.start, text))
                    if blank and not _WHITESPACE.match(text):
                        blank = False
                continue
            self._whitespace(token, nodes)
            if kind is OUTPUT:
                match = _FULL_OUTPUT.match(token.value)
                if match is None:
                    raise self.error(
                        f"Variable '{token.value}' was not properly terminated with regexp: /\\}}\\}}/", token
                    )
                nodes.append(Output(token.start, self.output(match.group(1), token)))
                blank = False
                continue
            if self._liquid_tag:
                match = _LIQUID_LINE.match(token.value)
                name, markup = (match.group(1), match.group(2)) if match else ("", token.value)
            else:
                match = _FULL_TAG.match(token.value)
                if match is None:
                    raise self.error(f"Tag '{token.value}' was not properly terminated with regexp: /%\\}}/", token)
                name, markup = match.group(2), match.group(4)
            if name == "liquid" and not self._liquid_tag:
                body, body_blank = self._liquid_tag_body(token, markup)
                nodes.extend(body)
                blank = blank and body_blank
                continue
            parse_tag = tags.get(name)
            if parse_tag is None:
                return nodes, blank, _End(name, markup, token)
            node, node_blank = parse_tag(self, token, name, markup)
            if node is not None:
                nodes.append(node)
            blank = blank and node_blank
        return nodes, blank, _End(None, "", None)

    def _whitespace(self, token: Token, nodes: list[Node]) -> None:
        if token.strip_left and nodes and isinstance(nodes[-1], Text):
            nodes[-1].text = rstrip(nodes[-1].text)
        self._trim_next = token.strip_right

    def _liquid_tag_body(self, token: Token, markup: str) -> tuple[list[Node], bool]:
        """``{% liquid %}``: one tag per line, parsed by a sub-parser over synthetic tokens."""
        match = _FULL_TAG.match(token.value)
        base = token.start + (match.start(4) if match else 0)
        lines = []
        offset = base
        for line in markup.split("\n"):
            if line.strip():
                lines.append(Token(TAG, line, offset))
            offset += len(line) + 1
        sub = Parser(self.env, self.source, self.name, self.line_offset, lines, liquid_tag=True)
        sub.mode = self.mode
        body, blank, end = sub.parse_body()
        self.warnings.extend(sub.warnings)
        if end.name is not None or (end.token is not None):
            raise sub.error(f"Unknown tag '{end.name}', tag 'liquid' does not expect it", end.token)
        return body, blank

    def sub_parse(self, markup: str, start: int) -> list[Node]:
        """Parse Liquid found inside a tag's markup (``{% include {{ name }}.html %}``)."""
        tokens = tokenize(markup)
        for token in tokens:
            token.start = start
        sub = Parser(self.env, self.source, self.name, self.line_offset, tokens)
        sub.mode = self.mode
        return sub.parse()

    def take_raw(self, opener: Token, block_name: str) -> str:
        """Everything up to ``{% end<name> %}`` as text, for ``raw``.

        As in Liquid 5.4, the closing tag is recognised without whitespace control (``{%- endraw``
        does not close), and text before it inside the same token belongs to the body.
        """
        closer = "end" + block_name
        parts = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            match = _RAW_END.match(token.value) if token.kind is not TEXT else None
            if match and match.group(2) == closer:
                parts.append(match.group(1))
                return "".join(parts)
            parts.append(token.value)
        raise self.error(f"'{block_name}' tag was never closed", opener)
