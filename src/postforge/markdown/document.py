"""One kramdown document's life on mistune: blocks, then spans and attributes, then HTML.

kramdown parses all blocks first, then walks the tree once (``update_tree``): each raw text is
span-parsed, runs of blank lines merge, end-of-block markers go, attribute lists become HTML
attributes (so an ALD defined at the bottom applies above), and header texts are kept for ids.
The GFM parser then gives headers their ids in document order and turns backslash line ends
into ``<br />`` (everything but the inside of HTML elements).  Both walks are one here.

Hooks beyond mistune's (``before_parse_hooks``, ``before_render_hooks``, ``after_render_hooks``):
``after_inline_hooks`` run after the walk, before rendering (``func(md, state)``), and
``md.update_tree(tokens, state)`` walks tokens a plugin keeps outside the document (footnote
bodies) the way kramdown walks them: spans and attributes, but no GFM ids or line breaks.
"""

from __future__ import annotations

from typing import Any
from typing import Callable
from typing import Iterable

from mistune.core import BlockState
from mistune.markdown import Markdown

from postforge.markdown.attributes import update_attr_with_ial
from postforge.markdown.blocks import KramdownBlockParser
from postforge.markdown.fastspans import FastSpans
from postforge.markdown.ids import IdGenerator
from postforge.markdown.inlines import KramdownInlineParser
from postforge.markdown.options import InlineOptions
from postforge.markdown.renderer import KramdownRenderer

__all__ = ["KramdownMarkdown", "adapt_source", "raw_text"]

Token = dict[str, Any]
_SYMBOL_TEXT = {"laquo_space": "«\u00a0", "raquo_space": "\u00a0»", "mdash": "—", "ndash": "–",
                "hellip": "…", "laquo": "«", "raquo": "»"}
_QUOTE_TEXT = {"lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”"}
_SPAN_CATEGORY = frozenset(("text", "codespan", "emphasis", "strong", "link", "image", "linebreak",
                            "entity", "smart_quote", "typographic_sym", "math", "html_element",
                            "xml_comment", "xml_pi", "footnote", "abbreviation", "raw"))


def adapt_source(text: str) -> str:
    """kramdown's source normalisation: ``\\n`` line ends, and a final line break (kramdown chomps
    one and adds one: the text is kept as it is when it ends with one)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def raw_text(tokens: Iterable[Token], gfm: bool = True) -> str:
    """A header's text as kramdown reads it for ids (GFM: quotes, dashes, entities as characters)."""
    parts: list[str] = []
    for token in tokens:
        kind = token["type"]
        if kind == "text" or (gfm and kind in ("codespan", "math")):
            parts.append(token["raw"])
        elif gfm and kind == "entity":
            parts.append(chr(token["code"]))
        elif gfm and kind == "smart_quote":
            parts.append(_QUOTE_TEXT[token["raw"]])
        elif gfm and kind == "typographic_sym":
            parts.append(_SYMBOL_TEXT[token["raw"]])
        elif token.get("children"):
            parts.append(raw_text(token["children"], gfm))
    return "".join(parts)


class KramdownMarkdown(Markdown):
    """mistune's Markdown object with kramdown's parsers, tree walk and renderer."""

    def __init__(self, options: dict[str, Any],
                 plugins: Iterable[Callable[[KramdownMarkdown], None]] = ()) -> None:
        block = KramdownBlockParser(options)
        inline = KramdownInlineParser(options)
        block.inline = inline
        super().__init__(renderer=KramdownRenderer(options), block=block, inline=inline)
        #: kramdown's options (see `postforge.markdown.options`)
        self.options = options
        self.gfm = block.gfm
        self.after_inline_hooks: list[Callable[[KramdownMarkdown, BlockState], None]] = []
        self._stripping = self.gfm or bool(options.get("auto_id_stripping"))
        self._break = "\n" if options.get("hard_wrap") else "\\\n"
        self._gfm_ids = IdGenerator(options)
        self._fast_spans = FastSpans(self)
        #: this document's fast path for paragraph spans (`FastSpans.for_document`), or None
        self._fast: Callable[[str], str | None] | None = None
        #: True while a document is being converted (the parsers keep per-document state)
        self.busy = False
        for plugin in plugins:
            plugin(self)

    def parse(self, s: str, state: BlockState | None = None) -> tuple[Any, BlockState]:
        if state is None:
            state = self.block.state_cls()
        # the document's options: the converter's, and what its ``{::options /}`` tags set
        merged = state.env["options"] = dict(self.options)
        state.env["inline_options"] = InlineOptions(merged)
        state.process(adapt_source(s))
        for hook in self.before_parse_hooks:
            hook(self, state)
        self.block.parse(state)
        for hook in self.before_render_hooks:
            hook(self, state)
        headers: list[tuple[Token, str]] | None = [] if self.gfm else None
        self._fast = self._fast_spans.for_document(state)
        try:
            state.tokens = self._walk(state.tokens, state, headers, root=True)
        finally:
            self._fast = None
        if headers:
            self._gfm_headers(headers, state.env["options"], bool(state.env["inline_options"]))
        for after in self.after_inline_hooks:
            after(self, state)
        result: Any = self.renderer(state.tokens, state)
        for hook3 in self.after_render_hooks:
            result = hook3(self, result, state)
        return result, state

    def update_tree(self, tokens: list[Token], state: BlockState) -> list[Token]:
        """kramdown's ``update_tree`` on tokens outside the document (returns the new list)."""
        return self._walk(tokens, state, None, in_html=True)

    def _gfm_headers(self, headers: list[tuple[Token, str]], options: Any, own_options: bool = True) -> None:
        """GFM's header pass: ids in document order, or line breaks for a header that has an id.

        `own_options`: whether the document set options of its own (``{::options /}``).
        """
        if own_options:
            ids = IdGenerator(options)
        else:
            ids = self._gfm_ids  # the converter's options: one generator, counters reset
            ids.reset()
        auto_ids = bool(options.get("auto_ids"))
        for token, source in headers:
            if auto_ids and "id" not in (token.get("attrs") or {}):
                token.setdefault("attrs", {})["id"] = ids.gfm_id(token["raw_text"])
            elif self._break in source:
                _split_breaks(token["children"], self._break, True)

    def _walk(self, tokens: list[Token], state: BlockState, headers: list[tuple[Token, str]] | None,
              in_html: bool = False, root: bool = False) -> list[Token]:
        out: list[Token] = []
        last_blank = None
        env = state.env
        inline = self.inline.__call__
        # GFM's line breaks are looked for only where the text has one (see `_spans`)
        mark = self._break if self.gfm else None
        fast = self._fast if not in_html else None
        for index, token in enumerate(tokens):
            kind = token["type"]
            if kind == "blank_line":
                if last_blank is not None:
                    last_blank["raw"] += token["raw"]
                else:
                    last_blank = token
                    out.append(token)
                continue
            if kind == "raw_text":
                # stray text joins the parent's spans; only a block parent's last text drops a final break
                last = not root and all(t["type"] == "eob" for t in tokens[index + 1:])
                out.extend(self._spans(token["text"], env, in_html, False, last))
                last_blank = None
                continue
            if kind == "eob":
                continue
            last_blank = None
            nested_html = in_html or kind == "html_element"
            source = ""
            if "text" in token:
                source = token.pop("text")
                html = None
                if fast is not None and kind == "paragraph" and (mark is None or mark not in source):
                    # (`fastspans`: the HTML at once, or None where the general path is needed)
                    html = fast(source)
                if html is not None:
                    token["children"] = [{"type": "spans_html", "raw": html}] if html else []
                else:
                    children = token["children"] = inline(source, env)
                    if mark is not None and not nested_html and kind != "heading" and mark in source:
                        _split_breaks(children, mark, True)
            else:
                children = token.get("children")
                if children and not (len(children) == 1 and fast is not None and not nested_html
                                     and self._one_paragraph(children[0], fast, mark)):
                    token["children"] = self._walk(children, state, headers, nested_html)
            if token.get("ial"):
                update_attr_with_ial(token.setdefault("attrs", {}), token["ial"], env.get("alds"))
            if kind == "heading":
                if self._stripping:
                    token["raw_text"] = raw_text(token["children"], self.gfm)
                if headers is not None and not in_html:
                    headers.append((token, source))
            elif kind == "dt":
                token["raw_text"] = raw_text(token["children"], self.gfm)
            out.append(token)
        return out

    @staticmethod
    def _one_paragraph(token: Token, fast: Callable[[str], str | None], mark: str | None) -> bool:
        """Whether `token`, the only child of its parent (a list item's text, mostly), was a
        paragraph that the fast path wrote: what `_walk` makes of it, without a walk of its own."""
        if token["type"] != "paragraph" or token.get("ial"):
            return False
        source = token.get("text")
        if source is None or (mark is not None and mark in source):
            return False
        html = fast(source)
        if html is None:
            return False
        del token["text"]
        token["children"] = [{"type": "spans_html", "raw": html}] if html else []
        return True

    def _spans(self, text: str, env: Any, in_html: bool, heading: bool, block: bool = True) -> list[Token]:
        children = self.inline(text, env)
        if self.gfm and not in_html and self._break in text:
            if heading:
                return children  # split later, only if the header keeps an id of its own
            _split_breaks(children, self._break, block)
        return children


def _split_breaks(children: list[Token], mark: str, block: bool) -> None:
    """GFM's ``update_elements``: text with a hard line break becomes text, ``<br />``, text."""
    index = 0
    while index < len(children):
        child = children[index]
        kind = child["type"]
        if kind == "text" and mark in child["raw"]:
            lines = child["raw"].split(mark)
            omit_last = not lines[-1] and block and index == len(children) - 1
            pieces: list[Token] = []
            for number, line in enumerate(lines):
                pieces.append({"type": "text", "raw": ("\n" + line) if number else line})
                if number < len(lines) - 2 or (number == len(lines) - 2 and not omit_last):
                    pieces.append({"type": "linebreak"})
            children[index:index + 1] = pieces
            index += len(pieces)
            continue
        if kind != "html_element" and child.get("children"):
            _split_breaks(child["children"], mark, kind not in _SPAN_CATEGORY)
        index += 1
