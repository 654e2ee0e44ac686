"""Rouge's HTML as a Pygments formatter, for code that drives Pygments itself.

Apart from `html` so that loading `html` (which every build does) does not load Pygments.
"""

from __future__ import annotations

from typing import IO
from typing import Iterable

from pygments.formatters.html import HtmlFormatter
from pygments.token import _TokenType

from postforge.highlight.html import render_spans
from postforge.highlight.rules import to_rouge

__all__ = ["RougeHtmlFormatter"]


class RougeHtmlFormatter(HtmlFormatter):
    """Pygments' HTML formatter writing Rouge's span stream (``Rouge::Formatters::HTML``).

    A subclass so ``get_style_defs`` describes exactly the classes written, and so that
    ``pygments.highlight(code, lexer, RougeHtmlFormatter(tag="ruby"))`` works; `tag` names the
    Rouge lexer whose flavour applies.
    """

    def __init__(self, tag: str = "plaintext", **options: object) -> None:
        super().__init__(nowrap=True, **options)
        self.tag = tag

    def format_unencoded(self, tokensource: Iterable[tuple[_TokenType, str]], outfile: IO[str]) -> None:
        outfile.write(render_spans(to_rouge(tokensource, self.tag)))

