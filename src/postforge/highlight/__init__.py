"""Syntax highlighting's public API: Jekyll 4.3's Rouge 3.30 and kramdown 2.4 HTML, made with Pygments.

Rouge borrowed Pygments' token vocabulary and short CSS class names, so a Pygments token stream can
be rendered the way Rouge renders its own: adjacent tokens of one class merged into one span, plain
text left unwrapped, only ``& < >`` escaped.  The lexers themselves differ.  Per-language
"flavours" (`rules`) retag, split and glue Pygments' tokens where Rouge's lexer systematically
classifies a kind of token differently; console and docker, whose Rouge lexers are simple and
common, get small lexers of their own (`lexers`).  What remains different is recorded in the tests.

The package's parts: `lexers` (which lexer a language name means), `rules` (Rouge's token classes),
`html` (the markup Jekyll and kramdown write), `formatter` (that markup as a Pygments formatter)
and `styles` (stylesheets for it).

The Markdown and Liquid engines import `html`'s functions when they load, so every build does;
Pygments loads only when something is highlighted, and the names below that are built on it
(lexers, rules, styles, the formatter) are imported on first use (:func:`__getattr__`).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from postforge.highlight.html import HIGHLIGHT_SYNTAX
from postforge.highlight.html import highlight_block
from postforge.highlight.html import highlight_span
from postforge.highlight.html import highlight_tag
from postforge.highlight.html import parse_highlight_markup
from postforge.highlight.html import render_spans

__all__ = [
    "HIGHLIGHT_SYNTAX",
    "ROUGE_TAGS",
    "RougeConsoleLexer",
    "RougeDockerLexer",
    "RougeGithubStyle",
    "RougeHtmlFormatter",
    "Tokens",
    "highlight_block",
    "highlight_css",
    "highlight_span",
    "highlight_tag",
    "parse_highlight_markup",
    "pygments_lexer",
    "render_spans",
    "rouge_tag",
    "rouge_tokens",
]

#: names whose modules import Pygments → the module that defines each
_LAZY = {
    "ROUGE_TAGS": "lexers",
    "RougeConsoleLexer": "lexers",
    "RougeDockerLexer": "lexers",
    "pygments_lexer": "lexers",
    "rouge_tag": "lexers",
    "Tokens": "rules",
    "rouge_tokens": "rules",
    "RougeHtmlFormatter": "formatter",
    "RougeGithubStyle": "styles",
    "highlight_css": "styles",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
