"""Jekyll's text filters: slugify, xml_escape, jsonify, inspect, word counts, smartify, Sass, Markdown.

Most of these call a Ruby method on the input, so the input's Ruby semantics leak through:
``xml_escape`` and ``smartify`` use ``to_s`` (an array prints as its ``inspect``), ``slugify`` and
``number_of_words`` only work on strings (anything else is Ruby's NoMethodError, which fails the
build), and ``jsonify`` prints floats the way Ruby does. The typography of ``smartify`` lives in
:mod:`postforge.markdown.typography`, which the Markdown converter shares.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
import unicodedata
from decimal import Decimal
from typing import Any

from postforge.liquid.drops import Drop
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters import leaves_context
from postforge.liquid.filters import reads_site
from postforge.liquid.filters import with_context
from postforge.liquid.runtime import lookup
from postforge.liquid.filters.strings import ruby_to_s
from postforge.liquid.values import LiquidRange
from postforge.liquid.values import float_to_s
from postforge.liquid.values import inspect as ruby_inspect
from postforge.liquid.values import time_to_s
from postforge.markdown import typography
from postforge.regexes import LazyPattern

__all__ = [
    "FILTERS",
    "register",
    "xml_escape",
    "slugify",
    "slugify_text",
    "number_of_words",
    "array_to_sentence_string",
    "normalize_whitespace",
    "jsonify",
    "ruby_json",
    "inspect",
    "smartify",
    "markdownify",
    "sassify",
    "scssify",
]

_XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
_XML_RE = re.compile("[&<>\"']")
# Ruby's \s is ASCII whitespace; Python's would also take NBSP, U+3000 and friends
_RUBY_SPACE = "[ \t\n\x0b\f\r]"
_RUBY_SPACES = LazyPattern(_RUBY_SPACE + "+")
_WORD = LazyPattern(r"[^ \t\n\x0b\f\r]+")
_RUBY_STRIP = " \t\n\x0b\f\r\0"


def _no_method(method: str, value: Any) -> LiquidArgumentError:
    """Ruby's NoMethodError message, for filters that call a String method on a non-string."""
    if value is None or isinstance(value, bool):
        described = {None: "nil:NilClass", True: "true:TrueClass", False: "false:FalseClass"}[value]
    else:
        kind = {int: "Integer", float: "Float", Decimal: "Float", list: "Array", tuple: "Array",
                dict: "Hash"}.get(type(value), type(value).__name__)
        described = f"{ruby_inspect(value)}:{kind}"
    return LiquidArgumentError(f"undefined method `{method}' for {described}")


def xml_escape(value: Any) -> str:
    """``to_s`` with ``& < > " '`` escaped, for XML attributes and feeds."""
    return _XML_RE.sub(lambda m: _XML_ESCAPES[m.group(0)], ruby_to_s(value))


# ----- slugify ------------------------------------------------------------------------------------

_SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEEP = frozenset("._~!$&'()+,;=@")
_ASCII_REPLACE = LazyPattern("[^A-Za-z0-9]+")
#: runs of what an ASCII text's default and pretty slugs replace
_ASCII_RUNS = _ASCII_REPLACE
_ASCII_PRETTY_RUNS = re.compile("[^A-Za-z0-9._~!$&'()+,;=@]+")
# I18n.transliterate's default approximations (U+00C0-U+017E); everything else non-ASCII is "?"
_LATIN_FROM = ("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖė"
               "ĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž")
_LATIN_TO = ("AAAAAACEEEEIIIIDNOOOOOxOUUUUYaaaaaaceeeeiiiidnoooooouuuuyyAaAaAaCcCcCcCcDdDdEeEeEe"
             "EeEeGgGgGgGgHhHhIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz")
_LATIN = dict(zip(_LATIN_FROM, _LATIN_TO))
_LATIN.update({"Æ": "AE", "Þ": "Th", "ß": "ss", "æ": "ae", "þ": "th", "Ĳ": "IJ", "ĳ": "ij",
               "ŉ": "'n", "Ŋ": "NG", "ŋ": "ng", "Œ": "OE", "œ": "oe"})


def _downcase(text: str) -> str:
    """Ruby's ``downcase``: full Unicode lowercasing, but no final-sigma rule."""
    return "".join(char.lower() for char in text)


def _is_slug_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def _replace_runs(text: str, keep) -> str:
    out: list[str] = []
    in_run = False
    for char in text:
        if keep(char):
            out.append(char)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


def slugify_text(text: str | None, mode: Any = None, cased: bool = False) -> str | None:
    """Jekyll's ``Utils.slugify``, used by the filter and by permalinks (which pass ``cased``)."""
    if mode is None:
        mode = "default"
    if text is None:
        return None
    if not isinstance(text, str):
        raise _no_method("gsub", text)
    if mode not in _SLUG_MODES:
        return text if cased else _downcase(text)
    if mode == "latin":
        text = "".join(char if ord(char) < 128 else _LATIN.get(char, "?") for char in text)
    if (mode == "default" or mode == "pretty") and text.isascii():
        # the same runs, found by one regex: in ASCII the slug characters (letters, marks and
        # decimal digits) are [A-Za-z0-9], and runs of the rest become one "-" that is never
        # next to a line break (tests/liquid/filters/test_slugify_quick.py checks it against the loop)
        slug = (_ASCII_PRETTY_RUNS if mode == "pretty" else _ASCII_RUNS).sub("-", text)
        if slug[:1] == "-":
            slug = slug[1:]
        if slug[-1:] == "-":
            slug = slug[:-1]
        return slug if cased else slug.lower()
    if mode == "raw":
        slug = _RUBY_SPACES.sub("-", text)
    elif mode == "ascii":
        slug = _ASCII_REPLACE.sub("-", text)
    elif mode == "pretty":
        slug = _replace_runs(text, lambda c: c in _PRETTY_KEEP or _is_slug_char(c))
    else:
        slug = _replace_runs(text, _is_slug_char)
    slug = re.sub(r"^-|-$", "", slug, flags=re.M)
    return slug if cased else _downcase(slug)


def slugify(value: Any, mode: Any = None) -> str | None:
    """A URL-safe slug of a title; ``mode`` is none, raw, default, pretty, ascii or latin."""
    return slugify_text(value, mode)


# ----- counting and joining -----------------------------------------------------------------------

_CJK_RANGES = (
    # Han
    (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007),
    (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF), (0x4E00, 0x9FFC), (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9), (0x16FF0, 0x16FF1), (0x20000, 0x2A6DD), (0x2A700, 0x2B734),
    (0x2B740, 0x2B81D), (0x2B820, 0x2CEA1), (0x2CEB0, 0x2EBE0), (0x2F800, 0x2FA1D),
    (0x30000, 0x3134A),
    # Katakana
    (0x30A1, 0x30FA), (0x30FD, 0x30FF), (0x31F0, 0x31FF), (0x32D0, 0x32FE), (0x3300, 0x3357),
    (0xFF66, 0xFF6F), (0xFF71, 0xFF9D), (0x1B000, 0x1B000), (0x1B164, 0x1B167),
    # Hiragana
    (0x3041, 0x3096), (0x309D, 0x309F), (0x1B001, 0x1B11E), (0x1B150, 0x1B152), (0x1F200, 0x1F200),
    # Hangul
    (0x1100, 0x11FF), (0x302E, 0x302F), (0x3131, 0x318E), (0x3200, 0x321E), (0x3260, 0x327E),
    (0xA960, 0xA97C), (0xAC00, 0xD7A3), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xFFA0, 0xFFBE),
    (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF), (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC),
)
# \p{Han}\p{Katakana}\p{Hiragana}\p{Hangul} as Ruby 3.1 (Unicode 13) defines those scripts
#: (one CJK character, a run of anything else but spaces), compiled on first use: these classes
#: cost ~4 ms to compile, and only number_of_words with a mode needs them
_CJK_PATTERNS: tuple[re.Pattern[str], re.Pattern[str]] | None = None


def _cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    global _CJK_PATTERNS
    if _CJK_PATTERNS is None:
        cjk_class = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _CJK_RANGES)
        _CJK_PATTERNS = (re.compile(f"[{cjk_class}]"), re.compile(f"[^{cjk_class} \t\n\x0b\f\r]+"))
    return _CJK_PATTERNS


def number_of_words(value: Any, mode: Any = None) -> int:
    """Words split on whitespace; with ``"cjk"`` each CJK character counts as a word, and
    ``"auto"`` does that only when the text has any."""
    if not isinstance(value, str):
        raise _no_method("scan" if mode in ("cjk", "auto") else "split", value)
    if mode == "cjk":
        cjk_char, non_cjk_word = _cjk_patterns()
        return len(cjk_char.findall(value)) + len(non_cjk_word.findall(value))
    if mode == "auto":
        cjk_char, non_cjk_word = _cjk_patterns()
        cjk = len(cjk_char.findall(value))
        return len(_WORD.findall(value)) if cjk == 0 else cjk + len(non_cjk_word.findall(value))
    return len(_WORD.findall(value))


def _ruby_join(items: Any, separator: str) -> str:
    """Ruby's ``Array#join``: nested arrays are joined with the same separator, nil is empty."""
    parts = []
    for item in items:
        if isinstance(item, (list, tuple)):
            parts.append(_ruby_join(item, separator))
        else:
            parts.append(ruby_to_s(item))
    return separator.join(parts)


def array_to_sentence_string(value: Any, connector: Any = "and") -> str:
    """``["a", "b", "c"]`` → ``"a, b, and c"``: a list in prose, with an Oxford comma."""
    word = ruby_to_s(connector)
    if isinstance(value, dict):
        # a Hash has a length, but value[0] is a key lookup and value[0...-1] is nil
        length = len(value)
        if length == 0:
            return ""
        if length == 1:
            return ruby_to_s(value.get(0))
        if length == 2:
            return f"{ruby_to_s(value.get(0))} {word} {ruby_to_s(value.get(1))}"
        raise _no_method("join", None)
    if not isinstance(value, (list, tuple, str)):
        raise _no_method("length", value)
    if len(value) == 0:
        return ""
    if len(value) == 1:
        return ruby_to_s(value[0])
    if len(value) == 2:
        return f"{ruby_to_s(value[0])} {word} {ruby_to_s(value[1])}"
    if isinstance(value, str):
        raise _no_method("join", value[:-1])
    return f"{_ruby_join(value[:-1], ', ')}, {word} {ruby_to_s(value[-1])}"


def normalize_whitespace(value: Any) -> str:
    """Every run of whitespace becomes one space; the ends are trimmed."""
    return _RUBY_SPACES.sub(" ", ruby_to_s(value)).strip(_RUBY_STRIP)


# ----- JSON and inspect ---------------------------------------------------------------------------

def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def ruby_json(value: Any, indent: str | None = None, _depth: int = 0) -> str:
    """Ruby's ``to_json`` (or ``JSON.pretty_generate`` with ``indent``) of a Liquid value.

    Floats print as Ruby prints them (``1.0e+20``), drops as their ``to_dict()``, times as
    their ``to_s``; non-ASCII text is written as is, not ``\\u``-escaped.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, (float, Decimal)):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            raise LiquidArgumentError(f"{float_to_s(number)} not allowed in JSON")
        return float_to_s(number)
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, Drop):
        return ruby_json(value.to_dict(), indent, _depth)
    if isinstance(value, _dt.datetime):
        return _json_string(time_to_s(value))
    if isinstance(value, _dt.date):
        return _json_string(value.isoformat())
    if isinstance(value, LiquidRange):
        return _json_string(repr(value))
    if isinstance(value, (list, tuple)):
        items = [ruby_json(item, indent, _depth + 1) for item in value]
        return _json_container("[", "]", items, indent, _depth)
    if isinstance(value, dict):
        colon = ": " if indent is not None else ":"
        items = [f"{_json_string(ruby_to_s(key))}{colon}{ruby_json(item, indent, _depth + 1)}"
                 for key, item in value.items()]
        return _json_container("{", "}", items, indent, _depth)
    return _json_string(ruby_to_s(value))


def _json_container(opening: str, closing: str, items: list[str], indent: str | None, depth: int) -> str:
    if indent is None:
        return opening + ",".join(items) + closing
    if not items:  # Ruby's generator still writes the newlines of an empty container
        return opening + ("\n\n" if opening == "[" else "\n") + indent * depth + closing
    inner = "\n" + indent * (depth + 1)
    return opening + inner + ("," + inner).join(items) + "\n" + indent * depth + closing


def jsonify(value: Any) -> str:
    """The value as JSON, the way Jekyll's ``as_liquid(input).to_json`` writes it."""
    return ruby_json(value)


def inspect(value: Any) -> str:
    """Ruby's ``inspect``, XML-escaped; Jekyll's drops inspect as pretty-printed JSON."""
    if isinstance(value, Drop):
        return xml_escape(ruby_json(value, indent="  "))
    return xml_escape(ruby_inspect(value))


# ----- converters ---------------------------------------------------------------------------------

def _site_setting(ctx: Any, key: str) -> Any:
    return lookup(ctx.get("site"), key)


def _kramdown_options(ctx: Any) -> dict[str, Any]:
    """The SmartyPants options Jekyll passes from the site's ``kramdown:`` configuration."""
    config = _site_setting(ctx, "kramdown")
    options: dict[str, Any] = {}
    if config is None:
        return options
    quotes = lookup(config, "smart_quotes")
    if isinstance(quotes, str):
        quotes = [part.strip() for part in quotes.split(",")]
    if isinstance(quotes, list) and len(quotes) == 4:
        options["smart_quotes"] = [int(q) if re.fullmatch(r"[0-9]+", str(q)) else str(q) for q in quotes]
    symbols = lookup(config, "typographic_symbols")
    if isinstance(symbols, dict):
        options["typographic_symbols"] = {str(k): ruby_to_s(v) for k, v in symbols.items()}
    output = lookup(config, "entity_output")
    if isinstance(output, str) and output.lstrip(":") in ("as_char", "as_input", "numeric", "symbolic"):
        options["entity_output"] = output.lstrip(":")
    return options


@with_context
@leaves_context
@reads_site
def smartify(ctx: Any, value: Any) -> str:
    """Curly quotes, dashes and ellipses, as kramdown's SmartyPants parser makes them."""
    try:
        return typography.smartify(ruby_to_s(value), **_kramdown_options(ctx))
    except KeyError as error:
        raise LiquidArgumentError(f"Can't handle generic non-integer character reference {error}") from None


def _plain_markdown(text: str) -> str:
    paragraphs = [part.strip("\n") for part in re.split(r"\n[ \t]*\n", text) if part.strip()]
    return "\n\n".join(f"<p>{part}</p>" for part in paragraphs) + "\n"


@with_context
@leaves_context
@reads_site
def markdownify(ctx: Any, value: Any) -> str:
    """Markdown to HTML with the site's converter (the ``markdownify`` register)."""
    text = ruby_to_s(value)
    convert = (getattr(ctx, "registers", None) or {}).get("markdownify")
    if convert is not None:
        return convert(text)
    return _plain_markdown(text)


_SASS_STYLES = ("nested", "expanded", "compact", "compressed")


def _sass_load_paths(ctx: Any, config: Any) -> list[str]:
    """Where ``@import`` looks, as jekyll-sass-converter sets it: ``sass.load_paths`` and
    ``sass.sass_dir`` (``_sass``), inside ``site.source``."""
    source = _site_setting(ctx, "source")
    if not isinstance(source, str) or not source:
        return []
    extra = lookup(config, "load_paths")
    paths = [ruby_to_s(p) for p in (extra if isinstance(extra, list) else [extra] if extra else [])]
    sass_dir = ruby_to_s(lookup(config, "sass_dir")) or "_sass"
    root = os.path.abspath(source)
    resolved = []
    for path in [*paths, sass_dir]:
        if not (os.path.isabs(path) and os.path.abspath(path).startswith(root)):
            path = os.path.join(root, path.lstrip("/"))
        resolved.append(path)
    return resolved


def _sass(ctx: Any, value: Any, indented: bool) -> str:
    if not isinstance(value, str):
        raise _no_method("empty?", value)
    if not value:
        return ""
    import sass  # libsass, as jekyll-sass-converter's default sassc implementation

    config = _site_setting(ctx, "sass")
    style = ruby_to_s(lookup(config, "style")).lstrip(":")
    if style not in _SASS_STYLES:
        style = "compact"
    try:
        css = sass.compile(string=value, indented=indented, output_style=style,
                           include_paths=_sass_load_paths(ctx, config))
    except sass.CompileError as error:
        raise LiquidArgumentError(str(error)) from None
    return css[1:] if css.startswith("\ufeff") else css


@with_context
@leaves_context
@reads_site
def sassify(ctx: Any, value: Any) -> str:
    """Indented-syntax Sass to CSS, in the site's ``sass.style`` (compact by default)."""
    return _sass(ctx, value, indented=True)


@with_context
@leaves_context
@reads_site
def scssify(ctx: Any, value: Any) -> str:
    """SCSS to CSS, in the site's ``sass.style`` (compact by default)."""
    return _sass(ctx, value, indented=False)


FILTERS = {
    "xml_escape": xml_escape,
    "slugify": slugify,
    "number_of_words": number_of_words,
    "array_to_sentence_string": array_to_sentence_string,
    "normalize_whitespace": normalize_whitespace,
    "jsonify": jsonify,
    "inspect": inspect,
    "smartify": smartify,
    "markdownify": markdownify,
    "sassify": sassify,
    "scssify": scssify,
}


def register(env: Any) -> None:
    env.add_filters(FILTERS)
