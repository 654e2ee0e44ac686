"""kramdown's HTML output: every byte of layout Jekyll 4.3's kramdown 2.4 converter writes.

kramdown indents block elements by two spaces per nesting level (``<li>`` inside ``<ul>``, a
``<p>`` inside a ``<blockquote>``), writes a blank line wherever the source had one between
blocks, ``<hr />`` and ``<br />``, escapes ``< > &`` in text but leaves entity references alone,
and prints entities, smart quotes and typographic symbols according to ``entity_output``.  The
renderer walks the token tree top-down with the current indentation, which is why it is not
mistune's ``HTMLRenderer`` (that one renders children before it knows their depth).

Token protocol (what the parsers produce and plugins may produce)
----------------------------------------------------------------
A token is a dict with a ``type``.  Optional keys common to all: ``attrs`` (the element's HTML
attributes, in output order), ``ial`` (an attribute list attached to it: attribute names to
values, plus ALD names under ``attributes.REFS``; the tree walk merges a block's ``ial`` into its
``attrs``, a span's is merged where it is parsed), and one of
``children`` (tokens), ``text`` (source text still to be span-parsed: the walk turns it into
``children``) or ``raw`` (a literal value).  Block types: ``blank_line``, ``eob`` (``kind``:
None for a ``^`` line, else what ended the block: ``link_def``, ``ial``, ``ald``,
``footnote_def``, ``abbrev_def``, ``extension``), ``paragraph`` (``transparent``: written without
``<p>``), ``heading`` (``level``, ``raw_text``), ``block_code`` (``raw``, ``lang``),
``block_quote``, ``thematic_break``, ``list`` (``ordered``), ``list_item``, ``table``
(``alignment``) with ``table_head``/``table_body``/``table_foot``/``table_row``/``table_cell``,
``math``, ``raw`` (``formats``), ``comment``, and ``raw_text`` (a line no block parser took:
the walk turns it into spans of the enclosing element).  Span types: ``text``, ``codespan``, ``emphasis``,
``strong``, ``link``, ``image``, ``linebreak``, ``entity`` (``code``, ``name``, ``original``),
``smart_quote`` and ``typographic_sym`` (``raw`` is the kramdown name: ``ldquo``, ``mdash`` …),
``spans_html`` (``raw``: the HTML of a paragraph's spans, written by `fastspans`, as is).
Both levels: ``html_element`` (``tag``, ``category`` block/span, ``content_model``,
``is_closed``), ``xml_comment`` and ``xml_pi`` (``raw``, ``category``).

Hooks for plugins (``plugin(md)`` receives the Markdown object; ``md.renderer`` is this class)
------------------------------------------------------------------------------------------------
* ``renderer.register(name, func)``: render tokens of type ``name`` with
  ``func(renderer, token, indent) -> str``; it replaces a built-in renderer of that name, and
  ``renderer.method(name)`` returns the current one (``(token, indent) -> str``) for wrapping.
* ``renderer.finalizers``: ``func(renderer, html, state) -> html`` run in order once the whole
  document is written (kramdown's footnotes and ``{:toc}`` placeholders are filled here).
* ``renderer.toc``: the document's headers as ``(level, id, children)``, in order, as kramdown
  collects them for the TOC (toc_levels and ``.no_toc`` applied); complete when finalizers run.
* ``renderer.state``: the block state of the document being written (``state.env`` holds what
  the parsers collected: ``link_defs``, ``alds``, ``footnotes`` …); ``renderer.options``: the
  kramdown options for this document (with what its ``{::options /}`` tags set).
* Helpers: ``inner(token, indent)``, ``render(token, indent)``, ``html_attributes(attrs)``,
  ``escape_html(text, kind)``, ``entity(code, name, original)``, ``block_html(tag, attrs, body,
  indent)``, ``indented_block_html(...)``, ``span_html(tag, attrs, body)``, ``item_html(token,
  indent, tag)`` (kramdown's ``<li>``/``<dd>`` layout), ``generate_id(text)`` (kramdown's
  ``auto_ids`` with its duplicate counter), ``stack`` (the parent tokens of what is rendered).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any
from typing import Callable
from typing import Mapping

from mistune.core import BaseRenderer
from mistune.core import BlockState

from postforge.markdown.code import CodeWriter
from postforge.markdown.ids import IdGenerator
from postforge.markdown.patterns import LazyPattern
from postforge.markdown.patterns import REFERENCE
from postforge.markdown.typography import entity_to_str
from postforge.markdown.typography import find_entity

__all__ = ["KramdownRenderer", "escape_html"]

Token = dict[str, Any]
RenderFunc = Callable[[Token, int], str]

_ESCAPE_MAP = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
#: (``attribute`` is lazy: few attribute values hold a character to escape)
_ESCAPE_RE = {
    "all": LazyPattern(r"[<>&]"),
    "text": LazyPattern(REFERENCE + r"|[<>&]"),
    "attribute": LazyPattern(REFERENCE + r'|[<>&"]'),
}
_TEXT_ESCAPE = _ESCAPE_RE["text"]
_CJK = r"\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_BREAK = LazyPattern(rf"([{_CJK}]+)\n([{_CJK}]+)")
_NO_TOC = LazyPattern(r"\bno_toc\b")
_NO_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split())
_SYMBOL_ENTITIES = {"mdash": ("mdash",), "ndash": ("ndash",), "hellip": ("hellip",),
                    "laquo_space": ("laquo", "nbsp"), "raquo_space": ("nbsp", "raquo"),
                    "laquo": ("laquo",), "raquo": ("raquo",)}
_QUOTE_INDEX = {"lsquo": 0, "rsquo": 1, "ldquo": 2, "rdquo": 3}
_NBSP = (160, "nbsp")


def escape_html(text: str, kind: str = "all") -> str:
    """kramdown's ``escape_html``: ``< > &`` (``"`` too in attributes); ``text`` and ``attribute``
    leave entity references such as ``&amp;`` as written."""
    if "<" not in text and ">" not in text and "&" not in text and '"' not in text:
        return text  # four substring tests are far quicker than a regex scan
    return _ESCAPE_RE[kind].sub(_escape_match, text)


def _escape_match(match: re.Match[str]) -> str:
    text = match.group(0)
    return _ESCAPE_MAP.get(text, text)


class KramdownRenderer(BaseRenderer):
    """Tokens to HTML laid out as kramdown's HTML converter lays it out."""

    NAME = "html"
    #: built-in render methods, by token type
    BUILTINS = (
        "blank_line", "eob", "text", "paragraph", "heading", "block_code", "block_quote",
        "thematic_break", "list", "list_item", "table", "table_head", "table_body", "table_foot",
        "table_row", "table_cell", "html_element", "xml_comment", "xml_pi", "comment", "raw",
        "math", "linebreak", "link", "image", "codespan", "emphasis", "strong", "entity",
        "smart_quote", "typographic_sym", "spans_html",
    )

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__()
        self._renderers: dict[str, RenderFunc] = {name: getattr(self, "render_" + name)
                                                  for name in self.BUILTINS}
        self.finalizers: list[Callable[[KramdownRenderer, str, BlockState], str]] = []
        #: whether `inner` may write text itself: the built-in text renderer is in place, no CJK rule
        self._quick_text = False
        self._builtin_text = self._renderers["text"]
        #: whether `inner` may write a ``spans_html`` child itself (its built-in renderer is in place)
        self._quick_spans = False
        self._builtin_spans = self._renderers["spans_html"]
        #: whether `inner` may write a paragraph of one ``spans_html`` child itself (the built-in
        #: paragraph renderer is in place, and writes it through the built-in helpers)
        self._quick_paragraphs = False
        self._builtin_paragraph = self._renderers["paragraph"]
        cls = type(self)
        self._own_paragraphs = all(getattr(cls, name) is getattr(KramdownRenderer, name)
                                   for name in ("render_paragraph", "block_html", "inner"))
        self.stack: list[Token] = []
        self.toc: list[tuple[int, str, list[Token]]] = []
        self.state: BlockState | None = None
        self._configure(options)

    def _configure(self, options: Mapping[str, Any]) -> None:
        """Read the options the output depends on (again, when a document sets its own)."""
        self.options = options
        self.entity_output = str(options.get("entity_output", "as_char"))
        self._quotes = [find_entity(key) for key in options["smart_quotes"]]
        self._symbols: dict[str, str] = dict(options.get("typographic_symbols") or {})
        # quotes and symbols are written the same way all through a document: once here
        self._quote_html = {name: self.entity(*self._quotes[index]) for name, index in _QUOTE_INDEX.items()}
        self._symbol_html = {name: "".join(self.entity(*find_entity(entity)) for entity in entities)
                             for name, entities in _SYMBOL_ENTITIES.items()}
        self._toc_levels = frozenset(options["toc_levels"])
        self._cjk = bool(options.get("remove_line_breaks_for_cjk"))
        self._ids = IdGenerator(options)
        self._code = CodeWriter(options, self.html_attributes)
        self._mathjax = options.get("math_engine") == "mathjax"
        self._auto_ids = options.get("auto_ids")
        self._header_offset = int(options.get("header_offset") or 0)

    # ----- registry
    def register(self, name: str, method: Callable[..., str]) -> None:
        """Render tokens of type `name` with ``method(renderer, token, indent)``."""
        self._renderers[name] = partial(method, self)

    def method(self, name: str) -> RenderFunc:
        """The current render function for `name`, to wrap it in a plugin."""
        return self._renderers[name]

    # ----- driving
    def __call__(self, tokens: Any, state: BlockState) -> str:
        self.stack, self.toc, self.state = [], [], state
        self._ids.reset()
        base = self.options
        if state.env.get("inline_options"):
            self._configure({**base, **state.env["inline_options"]})
        self._quick_text = self._renderers["text"] == self._builtin_text and not self._cjk
        self._quick_spans = self._renderers["spans_html"] == self._builtin_spans
        self._quick_paragraphs = (self._quick_spans and self._own_paragraphs
                                  and self._renderers["paragraph"] == self._builtin_paragraph)
        try:
            html = self.inner({"type": "root", "children": tokens}, -2)
            for finalize in self.finalizers:
                html = finalize(self, html, state)
        finally:
            self._quick_text = self._quick_spans = self._quick_paragraphs = False
            if self.options is not base:
                self._configure(base)
        return html

    def render(self, token: Token, indent: int) -> str:
        """One token at `indent` spaces."""
        return self._renderers[token["type"]](token, indent)

    def inner(self, token: Token, indent: int) -> str:
        """The children of `token`, one nesting level deeper."""
        children = token["children"]
        if len(children) == 1:
            kind = children[0]["type"]
            if kind == "text" and self._quick_text:
                text = children[0]["raw"]  # one text (a header, a list item, emphasis, a link)
                if "<" in text or ">" in text or "&" in text:
                    text = _TEXT_ESCAPE.sub(_escape_match, text)
                return text
            if kind == "spans_html" and self._quick_spans:
                return children[0]["raw"]  # a paragraph's spans, written by `fastspans`
            if kind == "paragraph" and self._quick_paragraphs and children[0].get("transparent"):
                # a list item's text: what the loop below writes for it, without the loop
                spans = children[0]["children"]
                if len(spans) == 1 and spans[0]["type"] == "spans_html":
                    return spans[0]["raw"]
        indent += 2
        stack = self.stack
        stack.append(token)
        renderers = self._renderers
        try:
            if not self._quick_text:
                return "".join([renderers[child["type"]](child, indent) for child in token["children"]])
            # text written here, as `render_text` writes it (most children are text), and a
            # paragraph whose spans `fastspans` wrote as `render_paragraph` writes it
            quick_paragraphs = self._quick_paragraphs
            out = []
            for child in token["children"]:
                kind = child["type"]
                if kind == "text":
                    text = child["raw"]
                    if "<" in text or ">" in text or "&" in text:
                        text = _TEXT_ESCAPE.sub(_escape_match, text)
                    out.append(text)
                elif kind == "paragraph" and quick_paragraphs:
                    spans = child["children"]
                    if len(spans) == 1 and spans[0]["type"] == "spans_html":
                        if child.get("transparent"):
                            out.append(spans[0]["raw"])
                            continue
                        if not child.get("attrs"):
                            out.append(f"{' ' * indent}<p>{spans[0]['raw']}</p>\n")
                            continue
                    out.append(renderers[kind](child, indent))
                else:
                    out.append(renderers[kind](child, indent))
            return "".join(out)
        except KeyError as error:
            kinds = {child["type"] for child in token["children"]}
            if error.args and error.args[0] in kinds and error.args[0] not in renderers:
                raise ValueError(f"kramdown has no HTML for {error.args[0]!r} elements") from None
            raise
        finally:
            stack.pop()

    # ----- formatting helpers
    def html_attributes(self, attrs: dict[str, Any] | None) -> str:
        """`` k="v"`` for each attribute; None values and an empty ``id`` are left out."""
        if not attrs:
            return ""
        out = ""
        for k, v in attrs.items():
            if v is None:
                continue
            v = str(v)
            if k == "id" and not v.strip():
                continue
            out += f' {k}="{escape_html(v, "attribute")}"'
        return out

    escape_html = staticmethod(escape_html)

    def entity(self, code: int, name: str | None, original: str | None = None) -> str:
        """An entity as ``entity_output`` says (``as_char``: the character unless it must be escaped)."""
        return entity_to_str(code, name, original, self.entity_output)

    # (most elements have no attributes: the helper is called only for those that do)
    def span_html(self, tag: str, attrs: dict[str, Any] | None, body: str) -> str:
        return f"<{tag}{self.html_attributes(attrs) if attrs else ''}>{body}</{tag}>"

    def block_html(self, tag: str, attrs: dict[str, Any] | None, body: str, indent: int) -> str:
        return f"{' ' * indent}<{tag}{self.html_attributes(attrs) if attrs else ''}>{body}</{tag}>\n"

    def indented_block_html(self, tag: str, attrs: dict[str, Any] | None, body: str, indent: int) -> str:
        pad = " " * indent
        return f"{pad}<{tag}{self.html_attributes(attrs) if attrs else ''}>\n{body}{pad}</{tag}>\n"

    def item_html(self, token: Token, indent: int, tag: str) -> str:
        """kramdown's ``<li>``/``<dd>``: inline when it starts with a transparent paragraph."""
        pad = " " * indent
        attrs = token.get("attrs")
        out = f"{pad}<{tag}{self.html_attributes(attrs) if attrs else ''}>"
        body = self.inner(token, indent)
        children = token["children"]
        if not children or (children[0]["type"] == "paragraph" and children[0].get("transparent")):
            out += body + (pad if body.endswith("\n") else "")
        else:
            out += "\n" + body + pad
        return out + f"</{tag}>\n"

    def generate_id(self, text: str) -> str:
        """kramdown's ``auto_ids`` for `text`, counting duplicates within this document."""
        return self._ids.kramdown_id(text)

    def _parent_raw(self) -> bool:
        parent = self.stack[-1] if self.stack else None
        return bool(parent and parent["type"] == "html_element" and parent.get("content_model") == "raw")

    # ----- block elements
    def render_blank_line(self, token: Token, indent: int) -> str:
        return "\n"

    def render_eob(self, token: Token, indent: int) -> str:
        return ""

    def render_paragraph(self, token: Token, indent: int) -> str:
        if token.get("transparent"):
            return self.inner(token, indent)
        children = token["children"]
        if (len(children) == 1 and children[0]["type"] == "image"
                and "standalone" in ((children[0].get("ial") or {}).get("refs") or ())):
            return self._standalone_image(token, indent)
        return self.block_html("p", token.get("attrs"), self.inner(token, indent), indent)

    def _standalone_image(self, token: Token, indent: int) -> str:
        figure = dict(token.get("attrs") or {})
        image = dict(token["children"][0].get("attrs") or {})
        for key in ("class", "id"):
            if key in image and key not in figure:
                figure[key] = image.pop(key)
        pad = " " * (indent + 2)
        body = (f"{pad}<img{self.html_attributes(image)} />\n"
                f"{pad}<figcaption>{image.get('alt')}</figcaption>\n")
        return self.indented_block_html("figure", figure, body, indent)

    def render_heading(self, token: Token, indent: int) -> str:
        attrs = dict(token.get("attrs") or {})
        if self._auto_ids and attrs.get("id") is None:
            attrs["id"] = self.generate_id(token.get("raw_text", ""))
        level = token["level"]
        classes = (token.get("attrs") or {}).get("class")
        if (attrs.get("id") is not None and level in self._toc_levels
                and not (classes and _NO_TOC.search(classes))):
            self.toc.append((level, attrs["id"], token["children"]))
        level = max(min(level + self._header_offset, 6), 1)
        return self.block_html(f"h{level}", attrs, self.inner(token, indent), indent)

    def render_block_code(self, token: Token, indent: int) -> str:
        return self._code.block(token["raw"], token.get("lang"), token.get("attrs"), indent)

    def render_block_quote(self, token: Token, indent: int) -> str:
        return self.indented_block_html("blockquote", token.get("attrs"), self.inner(token, indent), indent)

    def render_thematic_break(self, token: Token, indent: int) -> str:
        return f"{' ' * indent}<hr{self.html_attributes(token.get('attrs'))} />\n"

    def render_list(self, token: Token, indent: int) -> str:
        tag = "ol" if token.get("ordered") else "ul"
        return self.indented_block_html(tag, token.get("attrs"), self.inner(token, indent), indent)

    def render_list_item(self, token: Token, indent: int) -> str:
        return self.item_html(token, indent, "li")

    def render_table(self, token: Token, indent: int) -> str:
        tag = {"table": "table", "table_head": "thead", "table_body": "tbody",
               "table_foot": "tfoot", "table_row": "tr"}[token["type"]]
        return self.indented_block_html(tag, token.get("attrs"), self.inner(token, indent), indent)

    render_table_head = render_table_body = render_table_foot = render_table_row = render_table

    def render_table_cell(self, token: Token, indent: int) -> str:
        body = self.inner(token, indent)
        row, section, table = self.stack[-1], self.stack[-2], self.stack[-3]
        tag = "th" if section["type"] == "table_head" else "td"
        attrs = token.get("attrs")
        column = next(i for i, cell in enumerate(row["children"]) if cell is token)
        alignment = table["alignment"][column]
        if alignment != "default":
            attrs = dict(attrs or {})
            attrs["style"] = (f"{attrs['style']}; " if "style" in attrs else "") + f"text-align: {alignment}"
        return self.block_html(tag, attrs, body or self.entity(*_NBSP), indent)

    def render_html_element(self, token: Token, indent: int) -> str:
        body = self.inner(token, indent)
        tag, attrs = token["tag"], self.html_attributes(token.get("attrs"))
        if token.get("category") == "span":
            if not body and tag in _NO_BODY:
                return f"<{tag}{attrs} />"
            return f"<{tag}{attrs}>{body}</{tag}>"
        parent_raw = self._parent_raw()
        out = "" if parent_raw else " " * indent
        out += f"<{tag}{attrs}"
        model = token.get("content_model")
        if token.get("is_closed") and model == "raw":
            out += " />"
        elif body and model != "block":
            out += f">{body}</{tag}>"
        elif body:
            out += f">\n{body[:-1] if body.endswith(chr(10)) else body}\n{' ' * indent}</{tag}>"
        elif tag in _NO_BODY:
            out += " />"
        else:
            out += f"></{tag}>"
        return out if parent_raw else out + "\n"

    def render_xml_comment(self, token: Token, indent: int) -> str:
        if token.get("category") == "block" and not self._parent_raw():
            return " " * indent + token["raw"] + "\n"
        return token["raw"]

    render_xml_pi = render_xml_comment

    def render_comment(self, token: Token, indent: int) -> str:
        if token.get("category") == "block":
            return f"{' ' * indent}<!-- {token['raw']} -->\n"
        return f"<!-- {token['raw']} -->"

    def render_raw(self, token: Token, indent: int) -> str:
        formats = token.get("formats")
        if not formats or "html" in formats:
            return token["raw"] + ("\n" if token.get("category") == "block" else "")
        return ""

    def render_math(self, token: Token, indent: int) -> str:
        block = token.get("category") == "block"
        attrs = token.get("attrs")
        if not self._mathjax:
            attrs = dict(attrs or {})
            attrs["class"] = f"{attrs.get('class') or ''} kdmath".lstrip()
            if block:
                return self.block_html("div", attrs, f"$$\n{token['raw']}\n$$", indent)
            return self.span_html("span", attrs, f"${token['raw']}$")
        value = escape_html(token["raw"])
        if not attrs:
            return f"\\[{value}\\]\n" if block else f"\\({value}\\)"
        if block:
            return self.block_html("div", attrs, f"\\[{value}\\]\n", indent)
        return self.span_html("span", attrs, f"${token['raw']}$")

    # ----- span elements
    def render_text(self, token: Token, indent: int) -> str:
        text = token["raw"]
        if "<" in text or ">" in text or "&" in text:
            text = _TEXT_ESCAPE.sub(_escape_match, text)
        if self._cjk:
            while True:
                text, count = _CJK_BREAK.subn(r"\1\2", text)
                if not count:
                    break
        return text

    def render_spans_html(self, token: Token, indent: int) -> str:
        return token["raw"]

    def render_linebreak(self, token: Token, indent: int) -> str:
        return "<br />"

    def render_link(self, token: Token, indent: int) -> str:
        return self.span_html("a", token.get("attrs"), self.inner(token, indent))

    def render_image(self, token: Token, indent: int) -> str:
        return f"<img{self.html_attributes(token.get('attrs'))} />"

    def render_codespan(self, token: Token, indent: int) -> str:
        return self._code.span(token["raw"], token.get("attrs"))

    def render_emphasis(self, token: Token, indent: int) -> str:
        return self.span_html("em", token.get("attrs"), self.inner(token, indent))

    def render_strong(self, token: Token, indent: int) -> str:
        return self.span_html("strong", token.get("attrs"), self.inner(token, indent))

    def render_entity(self, token: Token, indent: int) -> str:
        return self.entity(token["code"], token.get("name"), token.get("original"))

    def render_smart_quote(self, token: Token, indent: int) -> str:
        return self._quote_html[token["raw"]]

    def render_typographic_sym(self, token: Token, indent: int) -> str:
        name = token["raw"]
        if name in self._symbols:
            return escape_html(self._symbols[name], "text")
        return self._symbol_html[name]
