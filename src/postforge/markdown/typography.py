"""Kramdown's SmartyPants typography: smart quotes, dashes, ellipses, guillemets and entities.

Jekyll's ``smartify`` filter runs kramdown with its SmartyPants parser: a document that only knows
HTML blocks and lines of text, whose text understands just smart quotes, HTML entities,
typographic symbols and inline HTML, written back out by kramdown's HTML converter. The output is
therefore not just the text with quotes curled: HTML is re-serialised (``<br>`` becomes
``<br />``, attributes get double quotes), stray ``<``/``&`` are escaped, and text inside
``<code>``, ``<pre>`` or unknown tags is left alone. This module reproduces that pipeline step by
step, because the quote rules depend on what the scanner has consumed before them; the Markdown
converter reuses :func:`entity_to_str` and the quote rules for its own text spans.
"""

from __future__ import annotations

import html.entities
import re
from typing import Any
from typing import Callable
from typing import Mapping
from typing import Sequence

from postforge.markdown.patterns import LazyPattern

__all__ = ["smartify", "entity_to_str", "find_entity", "SMART_QUOTES", "SQ_RULES"]

#: kramdown's default ``smart_quotes`` option: left/right single, left/right double
SMART_QUOTES = ("lsquo", "rsquo", "ldquo", "rdquo")

# kramdown's entity table is HTML 4's, plus apos and vellip, with four code points that differ
_NAMED = dict(html.entities.name2codepoint)
_NAMED.update({"apos": 39, "vellip": 8942, "rceil": 8968, "lceil": 8969, "rang": 9001, "lang": 9002})
_CODE_NAMES = {code: name for name, code in _NAMED.items()}
# numeric references 128-159 are read as Windows-1252, as browsers do (filled on the first
# numeric reference: the codec's import and the loop cost every import ~0.25 ms)
_CP1252: dict[int, int] = {}


def _cp1252() -> dict[int, int]:
    if not _CP1252:
        for code in range(128, 160):
            try:
                _CP1252[code] = ord(bytes([code]).decode("cp1252"))
            except UnicodeDecodeError:
                pass
    return _CP1252


_ESCAPE_MAP = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}

# Ruby's \s, \S and \w are ASCII-only; Python's would match Unicode, so they are spelled out
_S = r"[ \t\n\x0b\f\r]"
_NS = r"[^ \t\n\x0b\f\r]"
_W = r"[A-Za-z0-9_]"
_NCNAME = r"[^\W\d][-\w.]*"
_UNAME = rf"(?:{_NCNAME}:)?{_NCNAME}"
_REFERENCE = r"&(?:[A-Za-z0-9_:][-A-Za-z0-9_.:]*;|#[0-9]+;|#x[0-9a-fA-F]+;)"

_TAG = (
    rf"<(?=(?P<name>{_UNAME}))(?P=name){_S}*"
    rf"(?P<attrs>(?=(?P<a>(?:{_S}+{_UNAME}(?:{_S}*={_S}*(?:\w+|(?P<q>[\"']).*?(?P=q)))?)*))(?P=a))"
    rf"{_S}*(?P<close>/)?>"
)
_TAG_RE = LazyPattern(_TAG, re.S)
_BLOCK_TAG_RE = LazyPattern(" {0,3}" + _TAG, re.S)
_CLOSE_RE = LazyPattern(rf"</({_UNAME}){_S}*>", re.S)
_BLOCK_CLOSE_RE = LazyPattern(rf" {{0,3}}</({_UNAME}){_S}*>", re.S)
_COMMENT_RE = LazyPattern(r"<!--(.*?)-->", re.S)
_INSTRUCTION_RE = LazyPattern(r"<\?(.*?)\?>", re.S)
_ATTRIBUTE_RE = LazyPattern(rf"{_S}*({_UNAME})(?:{_S}*={_S}*(?:(\w+)|([\"'])(.*?)\3))?", re.S)
_ENTITY_RE = LazyPattern(r"&([A-Za-z0-9_:][-A-Za-z0-9_.:]*);|&#([0-9]+);|&#x([0-9a-fA-F]+);")
_BLOCK_START = LazyPattern(rf" {{0,3}}<(?:{_UNAME}|!--|/)")
_SPAN_HTML_START = LazyPattern(rf"<(?:{_UNAME}|!--|/)")
_RAW_START = LazyPattern(rf"(?=<(?:{_UNAME}|/|!--|\?))")
_TRAILING_WS = LazyPattern(r"[ \t]*\n")
_LINE = LazyPattern(r".*\n")
_TEXT_ESCAPE = LazyPattern(_REFERENCE + "|[<>&]")
_ATTR_ESCAPE = LazyPattern(_REFERENCE + "|[<>&\"]")

_PUNCT = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
_CLOSE_CHAR = r"[^ \\\t\r\n\[{(-]"
#: kramdown's quote rules, tried in order at a quote (or the character before it): the regex and
#: what each group becomes (an int: that group's text; a name: a quote, ``*1``/``*2`` decided by
#: which quote character that group holds).  Lazy: only ``smartify`` tries them one by one; the
#: Markdown converter uses them joined (`postforge.markdown.spanscan`), which reads their sources.
SQ_RULES: tuple[tuple[LazyPattern, tuple], ...] = (
    (LazyPattern(rf"([\"'])(?=[_*]{{1,2}}{_NS})"), ("lquote1",)),
    (LazyPattern(rf"([\"'])(?={_PUNCT}(?!\.\.)\B)"), ("rquote1",)),
    (LazyPattern(rf"({_S}?)\"'(?={_W})"), (1, "ldquo", "lsquo")),
    (LazyPattern(rf"({_S}?)'\"(?={_W})"), (1, "lsquo", "ldquo")),
    (LazyPattern(rf"({_S}?)'(?=[0-9][0-9]s)"), (1, "rsquo")),
    (LazyPattern(rf"({_S})([\"'])(?={_W})"), (1, "lquote2")),
    (LazyPattern(rf"({_CLOSE_CHAR})([\"'])"), (1, "rquote2")),
    (LazyPattern(r"([\"'])(?=[ \t\n\x0b\f\r]|s\b|\n|\Z)"), ("rquote1",)),
    (LazyPattern(r"(.?)'", re.S), (1, "lsquo")),
    (LazyPattern(r"(.?)\"", re.S), (1, "ldquo")),
)
_SQ_START = LazyPattern(r"[^\\]?[\"']")
_QUOTE_KIND = {('"', "r"): "rdquo", ("'", "r"): "rsquo", ('"', "l"): "ldquo", ("'", "l"): "lsquo"}
_QUOTE_INDEX = {"lsquo": 0, "rsquo": 1, "ldquo": 2, "rdquo": 3}

_SYMS = {"---": "mdash", "--": "ndash", "...": "hellip", "\\<<": "<<", "\\>>": ">>",
         "<< ": "laquo_space", " >>": "raquo_space", "<<": "laquo", ">>": "raquo"}
_SYMS_RE = LazyPattern("|".join(re.escape(key) for key in _SYMS))
_SYM_ENTITIES = {"mdash": ("mdash",), "ndash": ("ndash",), "hellip": ("hellip",),
                 "laquo_space": ("laquo", "nbsp"), "raquo_space": ("nbsp", "raquo"),
                 "laquo": ("laquo",), "raquo": ("raquo",)}

_SPAN_START = r"[^\\]?[\"']|&|--|\.\.\.|(?:\\| )?(?:<<|>>)|<"
_SPAN_START_RE = LazyPattern(f"(?={_SPAN_START})")

_CONTENT_MODEL = {name: "block" for name in (
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption "
    "footer form header hgroup iframe li main map menu nav noscript object section summary td"
).split()}
_CONTENT_MODEL.update({name: "span" for name in (
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt"
).split()})
_CONTENT_MODEL.update({name: "raw" for name in
                       "script style math option textarea pre code kbd samp var".split()})
_SPAN_ELEMENTS = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split())
_BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li "
    "main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split())
_NO_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split())
_KNOWN = _SPAN_ELEMENTS | _BLOCK_ELEMENTS | _NO_BODY | frozenset(_CONTENT_MODEL)
_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}


def find_entity(key: str | int) -> tuple[int, str | None]:
    """kramdown's entity lookup: ``(code point, name)``; unknown names raise ``KeyError``."""
    if isinstance(key, int):
        code = _cp1252().get(key, key) if 128 <= key < 160 else key
        return code, _CODE_NAMES.get(code)
    return _NAMED[key], key


def entity_to_str(code: int, name: str | None, original: str | None = None,
                  entity_output: str = "as_char") -> str:
    """How kramdown writes an entity: the character itself, except the ones HTML must escape."""
    try:
        char = chr(code) if not 0xD800 <= code <= 0xDFFF else None
    except (ValueError, OverflowError):
        char = None
    if entity_output == "as_char" and char is not None and (char == '"' or char not in _ESCAPE_MAP):
        return char
    if entity_output in ("as_input", "as_char") and original:
        return original
    if (entity_output == "symbolic" or char in _ESCAPE_MAP) and name:
        return f"&{name};"
    return f"&#{code};"


class _El:
    """A node of kramdown's element tree (text, entity, smart_quote, html_element …)."""

    __slots__ = ("type", "value", "attr", "children", "category", "content_model", "is_closed", "original")

    def __init__(self, type_: str, value: Any = None, attr: dict | None = None,
                 category: str | None = None, original: str | None = None) -> None:
        self.type, self.value, self.attr, self.category = type_, value, attr or {}, category
        self.children: list[_El] = []
        self.content_model: str | None = None
        self.is_closed = False
        self.original = original


class _Scanner:
    """Ruby's StringScanner, where anchored patterns match at the scan position."""

    __slots__ = ("s", "pos")

    def __init__(self, s: str) -> None:
        self.s, self.pos = s, 0

    def eos(self) -> bool:
        return self.pos >= len(self.s)

    def check(self, rx: re.Pattern) -> re.Match | None:
        return rx.match(self.s, self.pos)

    def scan(self, rx: re.Pattern) -> re.Match | None:
        match = rx.match(self.s, self.pos)
        if match:
            self.pos = match.end()
        return match

    def scan_until(self, rx: re.Pattern) -> str | None:
        match = rx.search(self.s, self.pos)
        if not match:
            return None
        text, self.pos = self.s[self.pos:match.end()], match.end()
        return text

    def getch(self) -> str:
        self.pos += 1
        return self.s[self.pos - 1:self.pos]

    def take_rest(self) -> str:
        rest, self.pos = self.s[self.pos:], len(self.s)
        return rest


class _StopBlocks(Exception):
    """A block-level closing tag ended the HTML element being parsed."""


def _add_text(text: str, tree: _El, type_: str) -> None:
    last = tree.children[-1] if tree.children else None
    if last is not None and last.type == type_:
        last.value += text
    elif text:
        tree.children.append(_El(type_, text))


def _parse_attributes(text: str, lowercase: bool) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for match in _ATTRIBUTE_RE.finditer(text):
        name = match.group(1).lower() if lowercase else match.group(1)
        value = match.group(2) if match.group(2) is not None else match.group(4)
        attrs[name] = value if value is not None else ""
    return attrs


class _Parser:
    """kramdown's SmartyPants parser: HTML blocks and text lines, then spans inside the text."""

    def __init__(self, source: str) -> None:
        self.src = _Scanner(source)
        self.tree = _El("root")
        self.text_type = "raw_text"
        self.root = self.tree
        self.span_parsers: list[tuple[re.Pattern, Callable[[], None]]] = [
            (_SQ_START, self._smart_quotes),
            (_ENTITY_RE, self._entity),
            (_SYMS_RE, self._typographic_sym),
            (_SPAN_HTML_START, self._span_html),
        ]

    # ----- block level
    def parse_blocks(self, el: _El) -> bool:
        saved, self.tree = self.tree, el
        try:
            while not self.src.eos():
                if not (self.src.check(_BLOCK_START) and self._block_html()):
                    line = self.src.scan(_LINE)
                    _add_text(line.group(0) if line else self.src.take_rest(), self.tree, self.text_type)
            return False
        except _StopBlocks:
            return True
        finally:
            self.tree = saved

    def _block_html(self) -> bool:
        src = self.src
        comment = src.scan(_COMMENT_RE)
        if comment:
            self.tree.children.append(_El("xml_comment", comment.group(0), category="block"))
            src.scan(_TRAILING_WS)
            return True
        tag = src.check(_BLOCK_TAG_RE)
        if tag and tag.group("name").lower() not in _SPAN_ELEMENTS:
            src.pos = tag.end()
            self._html_start_tag(tag)
            return True
        close = src.check(_BLOCK_CLOSE_RE)
        if close and close.group(1).lower() not in _SPAN_ELEMENTS:
            if self.tree.type == "html_element" and self.tree.value == close.group(1).lower():
                src.pos = close.end()
                raise _StopBlocks
        return False

    def _html_start_tag(self, tag: re.Match) -> None:
        name = tag.group("name")
        if name.lower() in _KNOWN:
            name = name.lower()
        closed = tag.group("close") is not None
        el = _El("html_element", name, _parse_attributes(tag.group("attrs"), name in _KNOWN),
                 category="block")
        self.tree.children.append(el)
        if not closed and name in _NO_BODY:
            closed = True
        if name in ("script", "style"):
            self._body_until_end_tag(el, "raw")
            self._kramdown_html_tag(el, False, False)
        else:
            self._kramdown_html_tag(el, closed, True)

    def _kramdown_html_tag(self, el: _El, closed: bool, handle_body: bool) -> None:
        model = "raw"  # Jekyll leaves parse_block_html off
        wanted = _MARKDOWN_ATTR.get(el.attr.pop("markdown", None))
        if wanted:
            model = _CONTENT_MODEL.get(el.value, "raw") if wanted == "default" else wanted
        if model == "block":
            self.src.scan(_TRAILING_WS)
        el.content_model = model
        el.is_closed = closed
        if closed or not handle_body:
            return
        if model == "block":
            self.parse_blocks(el)
        elif model == "span":
            self._body_until_end_tag(el, self.text_type)
        else:
            self._raw_html(el)
        if not (self.tree.type == "html_element" and self.tree.content_model == "raw"):
            self.src.scan(_TRAILING_WS)

    def _body_until_end_tag(self, el: _El, text_type: str) -> None:
        body = self.src.scan_until(re.compile(rf"(?=</{re.escape(el.value)}{_S}*>)", re.I | re.S))
        _add_text(self.src.take_rest() if body is None else body, el, text_type)
        self.src.scan(_CLOSE_RE)

    def _raw_html(self, el: _El) -> None:
        saved, self.tree = self.tree, el
        src, done = self.src, False
        while not src.eos() and not done:
            text = src.scan_until(_RAW_START)
            if text is None:
                _add_text(self.src.take_rest(), el, "text")
                break
            _add_text(text, el, "text")
            match = src.scan(_COMMENT_RE) or src.scan(_INSTRUCTION_RE)
            if match:
                kind = "xml_comment" if match.group(0).startswith("<!") else "xml_pi"
                el.children.append(_El(kind, match.group(0), category="block"))
            elif match := src.scan(_TAG_RE):
                self._html_start_tag(match)
            elif match := src.scan(_CLOSE_RE):
                name = match.group(1)
                if el.value == (name.lower() if el.value in _KNOWN else name):
                    done = True
                else:
                    _add_text(match.group(0), el, "text")
            else:
                _add_text(src.getch(), el, "text")
        self.tree = saved

    # ----- span level
    def update_tree(self, element: _El) -> None:
        children: list[_El] = []
        for child in element.children:
            if child.type == "raw_text":
                self.src = _Scanner(child.value)
                self.text_type = "text"
                child.children = []
                self.parse_spans(child)
                children.extend(child.children)
            else:
                self.update_tree(child)
                children.append(child)
        element.children = children

    def parse_spans(self, el: _El, stop: re.Pattern | None = None, html_only: bool = False) -> bool:
        saved, self.tree = self.tree, el
        parsers = self.span_parsers[3:] if html_only else self.span_parsers
        used = _SPAN_START_RE
        if stop is not None:
            inner = f"(?{'i' if stop.flags & re.I else ''}s:{stop.pattern})"
            used = re.compile(f"(?={inner}|(?:{'<' if html_only else _SPAN_START}))")
        src, found = self.src, False
        while not src.eos() and not found:
            text = src.scan_until(used)
            if text is None:
                if stop is None:
                    _add_text(self.src.take_rest(), el, self.text_type)
                break
            _add_text(text, el, self.text_type)
            if stop is not None and src.check(stop):
                found = True
                break
            for start_re, method in parsers:
                if src.check(start_re):
                    method()
                    break
            else:
                _add_text(src.getch(), el, self.text_type)
        self.tree = saved
        return found

    def _smart_quotes(self) -> None:
        # the last two rules match wherever the start pattern did, so one always does
        match, substs = next((m, substs) for rule, substs in SQ_RULES if (m := self.src.scan(rule)))
        for subst in substs:
            if isinstance(subst, int):
                _add_text(match.group(subst), self.tree, self.text_type)
            else:
                if subst[-1] in "12":
                    subst = _QUOTE_KIND[(match.group(int(subst[-1])), subst[0])]
                self.tree.children.append(_El("smart_quote", subst))

    def _entity(self) -> None:
        match = self.src.scan(_ENTITY_RE)
        name, decimal, hexa = match.groups()
        try:
            key: str | int = name if name is not None else int(decimal if decimal else hexa,
                                                              10 if decimal else 16)
            code, entity_name = find_entity(key)
            self.tree.children.append(_El("entity", (code, entity_name), original=match.group(0)))
        except KeyError:
            self.tree.children.append(_El("entity", (38, "amp")))
            _add_text(match.group(0)[1:], self.tree, self.text_type)

    def _typographic_sym(self) -> None:
        match = self.src.scan(_SYMS_RE)
        value = _SYMS[match.group(0)]
        if value in ("<<", ">>"):  # an escaped guillemet is two plain entities
            entity = (60, "lt") if value == "<<" else (62, "gt")
            self.tree.children += [_El("entity", entity), _El("entity", entity)]
        else:
            self.tree.children.append(_El("typographic_sym", value))

    def _span_html(self) -> None:
        src = self.src
        if match := src.scan(_COMMENT_RE):
            self.tree.children.append(_El("xml_comment", match.group(0), category="span"))
        elif match := src.scan(_CLOSE_RE):
            _add_text(match.group(0), self.tree, self.text_type)
        elif match := src.scan(_TAG_RE):
            self._span_tag(match)
        else:
            _add_text(src.getch(), self.tree, self.text_type)

    def _span_tag(self, match: re.Match) -> None:
        tag = match.group("name")
        if tag.lower() in _KNOWN:
            tag = tag.lower()
        if tag in _BLOCK_ELEMENTS:
            _add_text(match.group(0), self.tree, self.text_type)
            return
        attrs = _parse_attributes(match.group("attrs"), tag in _KNOWN)
        attrs = {key: re.sub(r"\n+", " ", value) for key, value in attrs.items()}
        parsing = _CONTENT_MODEL.get(tag, "raw") != "raw" and self.tree.content_model != "raw"
        wanted = _MARKDOWN_ATTR.get(attrs.pop("markdown", None))
        if wanted == "span":
            parsing = True
        elif wanted == "default":
            parsing = _CONTENT_MODEL.get(tag, "raw") != "raw"
        elif wanted == "raw":
            parsing = False
        el = _El("html_element", tag, attrs, category="span")
        el.content_model = "span" if parsing else "raw"
        el.is_closed = match.group("close") is not None
        self.tree.children.append(el)
        if el.is_closed or tag in _NO_BODY:
            return
        stop = re.compile(rf"</{re.escape(tag)}{_S}*>", re.S | (re.I if tag in _KNOWN else 0))
        if self.parse_spans(el, stop, html_only=not parsing):
            self.src.scan(stop)
        else:
            _add_text(self.src.take_rest(), el, self.text_type)


def _escape(pattern: re.Pattern, text: str) -> str:
    """kramdown's ``escape_html``: ``< > &`` (and ``"`` in attributes), but not entity references."""
    return pattern.sub(lambda m: _ESCAPE_MAP.get(m.group(0), m.group(0)), text)


class _Converter:
    """kramdown's HTML converter, for the element types the SmartyPants parser produces."""

    def __init__(self, smart_quotes: Sequence[str | int], symbols: Mapping[str, str],
                 entity_output: str) -> None:
        self.quotes = [find_entity(key) for key in smart_quotes]
        self.symbols = symbols
        self.entity_output = entity_output

    def inner(self, el: _El, indent: int) -> str:
        return "".join(self.convert(child, indent + 2, el) for child in el.children)

    def convert(self, el: _El, indent: int, parent: _El) -> str:
        kind = el.type
        if kind == "text":
            return _escape(_TEXT_ESCAPE, el.value)
        if kind == "smart_quote":
            return entity_to_str(*self.quotes[_QUOTE_INDEX[el.value]],
                                 entity_output=self.entity_output)
        if kind == "entity":
            return entity_to_str(*el.value, original=el.original, entity_output=self.entity_output)
        if kind == "typographic_sym":
            if el.value in self.symbols:
                return _escape(_TEXT_ESCAPE, self.symbols[el.value])
            return "".join(entity_to_str(*find_entity(name), entity_output=self.entity_output)
                           for name in _SYM_ENTITIES[el.value])
        if kind == "raw":
            return el.value
        parent_raw = parent.type == "html_element" and parent.content_model == "raw"
        if kind in ("xml_comment", "xml_pi"):
            if el.category == "block" and not parent_raw:
                return " " * indent + el.value + "\n"
            return el.value
        return self._html_element(el, indent, parent_raw)

    def _html_element(self, el: _El, indent: int, parent_raw: bool) -> str:
        body = self.inner(el, indent)
        attrs = "".join(f' {key}="{_escape(_ATTR_ESCAPE, value)}"' for key, value in el.attr.items()
                        if not (key == "id" and not value.strip()))
        if el.category == "span":
            if not body and el.value in _NO_BODY:
                return f"<{el.value}{attrs} />"
            return f"<{el.value}{attrs}>{body}</{el.value}>"
        out = "" if parent_raw else " " * indent
        out += f"<{el.value}{attrs}"
        if el.is_closed and el.content_model == "raw":
            out += " />"
        elif body and el.content_model != "block":
            out += f">{body}</{el.value}>"
        elif body:
            out += f">\n{_chomp(body)}\n{' ' * indent}</{el.value}>"
        elif el.value in _NO_BODY:
            out += " />"
        else:
            out += f"></{el.value}>"
        return out if parent_raw else out + "\n"


def _chomp(text: str) -> str:
    """Ruby's ``chomp``; line ends are already ``\\n`` by the time it is called."""
    return text[:-1] if text.endswith("\n") else text


def smartify(text: str, *, smart_quotes: Sequence[str | int] = SMART_QUOTES,
             typographic_symbols: Mapping[str, str] | None = None,
             entity_output: str = "as_char") -> str:
    """Jekyll's ``smartify``: ``"it's -- ok..."`` becomes ``“it’s – ok…”``, HTML re-serialised.

    ``smart_quotes``, ``typographic_symbols`` and ``entity_output`` are the kramdown options of
    the same names (from the site's ``kramdown:`` configuration).
    """
    parser = _Parser(_chomp(re.sub(r"\r\n?", "\n", text)) + "\n")
    parser.parse_blocks(parser.root)
    parser.update_tree(parser.root)
    converter = _Converter(smart_quotes, typographic_symbols or {}, entity_output)
    return _chomp(converter.inner(parser.root, -2))
