"""Code blocks and spans as kramdown writes them, under ``syntax_highlighter_opts``.

Highlighting itself is `postforge.highlight` (Rouge's classes and wrappers on Pygments).  This
module decides, as kramdown's Rouge adapter does, whether a block or span is highlighted at all
(``syntax_highlighter`` other than ``rouge``, ``disable``, no language and no ``default_lang``,
plain text without ``guess_lang``), which language applies (``default_lang``), and adjusts the
wrapper for ``css_class`` and ``line_numbers``; ``span:`` and ``block:`` sub-hashes override the
shared options for their kind.  Unhighlighted code is ``<pre><code class="language-x">``.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Mapping

from postforge.highlight import highlight_block
from postforge.highlight import highlight_span
from postforge.markdown.patterns import LazyPattern

__all__ = ["CodeWriter"]

_LANGUAGE = LazyPattern(r"\blanguage-(\S+)")
_PLAINTEXT = frozenset(("plaintext", "text"))
_PLAIN_SPAN_OPEN = '<code class="language-plaintext highlighter-rouge">'
_WRAP_OPEN = '<div class="highlight"><pre class="highlight"><code>'
_WRAP_CLOSE = "</code></pre></div>"
_WS_RUN = LazyPattern(r"(^[ \t]+)|([ \t]+$)|([ \t]+)", re.M)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _keys(options: Mapping[Any, Any]) -> dict[str, Any]:
    """kramdown's key normalisation: ``"default_lang"`` and ``":default_lang"`` are one key."""
    return {(str(k)[1:] if str(k).startswith(":") else str(k)): v for k, v in options.items()}


def _show_whitespace(body: str) -> str:
    def mark(match: re.Match[str]) -> str:
        suffix = "-l" if match.group(1) else "-r" if match.group(2) else ""
        return "".join(f'<span class="ws-tab{suffix}">\t</span>' if c == "\t"
                       else f'<span class="ws-space{suffix}">&#8901;</span>' for c in match.group(0))
    return _WS_RUN.sub(mark, body)


class CodeWriter:
    """Code blocks and spans for one set of kramdown options."""

    def __init__(self, options: Mapping[str, Any], attributes: Any) -> None:
        self.attributes = attributes
        self.block_opts: dict[str, Any] | None = None
        self.span_opts: dict[str, Any] | None = None
        if options.get("syntax_highlighter") == "rouge":
            shared = _keys(options.get("syntax_highlighter_opts") or {})
            span = _keys(shared.pop("span", None) or {})
            block = _keys(shared.pop("block", None) or {})
            self.span_opts = {**shared, **span, "wrap": False}
            self.block_opts = {**shared, **block}
        #: the language of a code span without attributes (most of them), decided once
        self._bare_span = self._language(self.span_opts, None)
        #: how `span` opens a code span without attributes when it writes the code as it is
        #: (escaped), or None when such a span is highlighted
        self.bare_open: str | None = ("<code>" if self._bare_span is None
                                      else _PLAIN_SPAN_OPEN if self._bare_span == "plaintext" else None)

    def _language(self, opts: Mapping[str, Any] | None, lang: str | None) -> str | None:
        """The language to highlight in, or None when kramdown leaves the code alone."""
        if opts is None or opts.get("disable"):
            return None
        lang = lang or opts.get("default_lang")
        if not lang:
            return "plaintext" if opts.get("guess_lang") else None
        if lang.split("?", 1)[0].lower() in _PLAINTEXT and not opts.get("guess_lang"):
            return None
        return lang

    def block(self, code: str, lang: str | None, attrs: dict[str, Any] | None, indent: int) -> str:
        """A code block (``lang``: the fence's info string, None for indented code)."""
        attrs = dict(attrs or {})
        match = _LANGUAGE.search(attrs.get("class") or "")
        wanted = self._language(self.block_opts, lang or (match.group(1) if match else None))
        if wanted is None:
            return self._plain_block(code, attrs, indent)
        opts = self.block_opts or {}
        if (wanted == "plaintext" and not attrs and not lang and not opts.get("line_numbers")
                and opts.get("css_class") in (None, "highlight")):
            # Rouge's plain-text lexer leaves the text as it is: no need to lex it
            pad = " " * indent
            return (f'{pad}<div class="language-plaintext highlighter-rouge">{_WRAP_OPEN}'
                    f"{_escape(code)}{_WRAP_CLOSE}{pad}</div>\n")
        html = highlight_block(code, wanted if not (lang or match) else lang, attrs, indent)
        if opts.get("line_numbers") and _WRAP_OPEN in html:
            head, _, rest = html.partition(_WRAP_OPEN)
            inner, _, tail = rest.rpartition(_WRAP_CLOSE)
            html = head + _WRAP_OPEN + self._table(inner) + _WRAP_CLOSE + tail
        css = opts.get("css_class")
        if css and css != "highlight":
            html = html.replace('<pre class="highlight">', f'<pre class="{css}">', 1)
        return html

    def _table(self, inner: str) -> str:
        lines = inner.count("\n")
        if not inner.endswith("\n"):
            lines += 1
            inner += "\n"
        gutter = "".join(f"{n}\n" for n in range(1, lines + 1))
        return ('<table class="rouge-table"><tbody><tr><td class="rouge-gutter gl">'
                f'<pre class="lineno">{gutter}</pre></td><td class="rouge-code"><pre>{inner}</pre></td>'
                "</tr></tbody></table>")

    def _plain_block(self, code: str, attrs: dict[str, Any], indent: int) -> str:
        lang = None
        match = _LANGUAGE.search(attrs.get("class") or "")
        if match:
            lang = match.group(1)
            attrs["class"] = _LANGUAGE.sub("", attrs["class"], count=1).strip()
            if not attrs["class"]:
                del attrs["class"]
        body = _escape(code)
        body = body[:-1] if body.endswith("\n") else body
        if re.search(r"\bshow-whitespaces\b", attrs.get("class") or ""):
            body = _show_whitespace(body)
        code_attrs = {"class": f"language-{lang}"} if lang else {}
        return (f"{' ' * indent}<pre{self.attributes(attrs)}><code{self.attributes(code_attrs)}>"
                f"{body}\n</code></pre>\n")

    def span(self, code: str, attrs: dict[str, Any] | None) -> str:
        """A code span (a ``language-x`` class, from an attribute list, picks the language)."""
        if not attrs and self.bare_open is not None:
            return f"{self.bare_open}{_escape(code)}</code>"
        match = _LANGUAGE.search((attrs or {}).get("class") or "")
        wanted = self._language(self.span_opts, match.group(1) if match else None)
        if wanted is None:
            return f"<code{self.attributes(attrs)}>{_escape(code)}</code>"
        if wanted == "plaintext" and not attrs:
            return f'<code class="language-plaintext highlighter-rouge">{_escape(code)}</code>'
        return highlight_span(code, None if match else wanted, attrs)
