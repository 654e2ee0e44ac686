"""Syntax highlighting's public API: Jekyll 4.3's Rouge 3.30 and kramdown 2.4 HTML, made with Pygments.

Rouge borrowed Pygments' token vocabulary and short CSS class names, so a Pygments token stream can
be rendered the way Rouge renders its own: adjacent tokens of one class merged into one span, plain
text left unwrapped, only ``& < >`` escaped.  The lexers themselves differ.  Per-language
"flavours" (`rules`) retag, split and glue Pygments' tokens where Rouge's lexer systematically
classifies a kind of token differently; console and docker, whose Rouge lexers are simple and
common, get small lexers of their own (`lexers`).  What remains different is recorded in the tests.

The package's parts: `lexers` (which lexer a language name means), `rules` (Rouge's token classes),
`html` (the markup Jekyll and kramdown write) and `styles` (stylesheets for it).
"""

from __future__ import annotations

from postforge.highlight.html import HIGHLIGHT_SYNTAX
from postforge.highlight.html import RougeHtmlFormatter
from postforge.highlight.html import highlight_block
from postforge.highlight.html import highlight_span
from postforge.highlight.html import highlight_tag
from postforge.highlight.html import parse_highlight_markup
from postforge.highlight.html import render_spans
from postforge.highlight.lexers import ROUGE_TAGS
from postforge.highlight.lexers import RougeConsoleLexer
from postforge.highlight.lexers import RougeDockerLexer
from postforge.highlight.lexers import pygments_lexer
from postforge.highlight.lexers import rouge_tag
from postforge.highlight.rules import Tokens
from postforge.highlight.rules import rouge_tokens
from postforge.highlight.styles import RougeGithubStyle
from postforge.highlight.styles import highlight_css

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
