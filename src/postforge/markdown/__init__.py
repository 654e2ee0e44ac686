"""Markdown conversion as Jekyll does it with kramdown: one function, ``markdownify(text, config)``.

This first converter is mistune with kramdown's header ids, Rouge-style code blocks and spans, and
kramdown's typography applied to text; the kramdown-exact converter replaces its insides behind
the same function.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import mistune
from mistune.renderers.html import HTMLRenderer

from postforge.highlight import highlight_block
from postforge.highlight import highlight_span
from postforge.markdown.typography import smartify

__all__ = ["markdownify", "header_id"]


def header_id(text: str, prefix: str = "") -> str:
    """kramdown's ``auto_ids``: letters, digits, spaces, ``-`` and ``_`` kept; spaces become ``-``."""
    plain = re.sub(r"<[^>]+>", "", text)
    plain = unicodedata.normalize("NFC", plain)
    chars = []
    for char in plain:
        if char.isascii() and (char.isalnum() or char in " -_"):
            chars.append(char.lower() if char.isalpha() else char)
    result = "".join(chars).replace(" ", "-")
    result = re.sub(r"^[^a-zA-Z]+", "", result)
    return prefix + (result or "section")


class _KramdownishRenderer(HTMLRenderer):
    """HTML as kramdown writes it where mistune's default differs."""

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__(escape=False)
        self.options = options
        self.ids: dict[str, int] = {}

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        base = header_id(text, str(self.options.get("auto_id_prefix", "")))
        count = self.ids.get(base, 0)
        self.ids[base] = count + 1
        ident = base if count == 0 else f"{base}-{count}"
        return f'<h{level} id="{ident}">{text}</h{level}>\n'

    def block_code(self, code: str, info: str | None = None) -> str:
        lang = info.split()[0] if info else None
        return highlight_block(code, lang)

    def codespan(self, text: str) -> str:
        return highlight_span(text)

    def text(self, text: str) -> str:
        return smartify(mistune.escape(text, quote=False)) if self.options.get("smart", True) else mistune.escape(text)

    def thematic_break(self) -> str:
        return "<hr />\n"

    def linebreak(self) -> str:
        return "<br />\n"


def markdownify(text: str, config: dict[str, Any] | None = None) -> str:
    """Convert Markdown to HTML with the ``kramdown:`` options of a Jekyll configuration."""
    kramdown = dict((config or {}).get("kramdown") or {})
    renderer = _KramdownishRenderer(kramdown)
    markdown = mistune.create_markdown(
        renderer=renderer,
        plugins=["table", "strikethrough", "footnotes", "def_list", "url", "task_lists"],
    )
    return str(markdown(text))
