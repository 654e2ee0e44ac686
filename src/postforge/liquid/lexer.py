"""Liquid markup → tokens: text, ``{{ output }}`` and ``{% tag %}``, each with its source offset.

Splitting follows Liquid 5: a tag runs from ``{%`` to the first ``%}``, an output from ``{{`` to the
first ``}}`` (or a lone ``}``, which the parser then reports as unterminated). Whitespace control
(``{%-``, ``-%}``, ``{{-``, ``-}}``) is applied here, to the neighbouring text tokens, exactly as
Liquid strips them: ASCII whitespace, newlines included.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Token", "TEXT", "OUTPUT", "TAG", "tokenize", "LineIndex"]

TEXT = "text"
OUTPUT = "output"
TAG = "tag"

_SPLIT = re.compile(r"(\{%.*?%\}|\{\{.*?\}\}?|\{%|\{\{)", re.S)
_RSTRIP = " \t\n\v\f\r\0"
_LSTRIP = " \t\n\v\f\r"


@dataclass(slots=True)
class Token:
    """One piece of the source; ``raw`` is the exact source text, ``value`` what the parser reads."""

    kind: str
    #: for text: the text after whitespace control; for tags and outputs: the whole raw token
    value: str
    #: offset of the token's first character in the source
    start: int
    #: whether the token asks to strip whitespace on its left / right
    strip_left: bool = False
    strip_right: bool = False


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens; text tokens are not yet whitespace-stripped (see :func:`trim`)."""
    tokens: list[Token] = []
    pos = 0
    for piece in _SPLIT.split(source):
        if piece:
            if piece.startswith("{%"):
                kind = TAG
            elif piece.startswith("{{"):
                kind = OUTPUT
            else:
                kind = TEXT
            token = Token(kind, piece, pos)
            if kind is not TEXT:
                token.strip_left = piece[2:3] == "-"
                token.strip_right = len(piece) > 4 and piece[-3] == "-"
            tokens.append(token)
        pos += len(piece)
    return tokens


def rstrip(text: str) -> str:
    """Ruby's ``String#rstrip``."""
    return text.rstrip(_RSTRIP)


def lstrip(text: str) -> str:
    """Ruby's ``String#lstrip``."""
    return text.lstrip(_LSTRIP)


class LineIndex:
    """Maps source offsets to 1-based line numbers with one bisect."""

    __slots__ = ("_starts",)

    def __init__(self, source: str) -> None:
        starts = [0]
        find = source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    def line(self, offset: int) -> int:
        return bisect_right(self._starts, offset)

    def column(self, offset: int) -> int:
        return offset - self._starts[self.line(offset) - 1] + 1
