"""Liquid 5.4's string filters (and ``size``, ``slice``, ``default``), with Ruby's string semantics.

Every filter first turns its input into a string the way Ruby's ``to_s`` does (arrays print as
``[1, "a"]``, hashes as ``{"a"=>1}``, ``nil`` as nothing), because that, not Python's ``str``, is
what Jekyll sites see. Ruby's notion of whitespace (ASCII only, plus NUL for ``strip``), its
``String#split`` rules and its ``gsub`` replacement escapes are reproduced here by hand.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from typing import Any

from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.values import BlankLiteral
from postforge.liquid.values import EmptyLiteral
from postforge.liquid.values import inspect
from postforge.liquid.values import is_empty
from postforge.liquid.values import liquid_size
from postforge.liquid.values import to_integer
from postforge.liquid.values import to_s
from postforge.regexes import LazyPattern

__all__ = ["FILTERS", "register", "ruby_to_s", "to_integer", "awk_split", "ruby_split"]

#: Ruby's ``String#split(" ")`` and ``strip`` whitespace: ASCII only, never U+00A0 or U+3000
_WHITESPACE = " \t\n\v\f\r"
_STRIP_CHARS = _WHITESPACE + "\0"
_FIXNUM_MIN = -(2**62)
_FIXNUM_MAX = 2**62 - 1
_C_INT_MAX = 2**31 - 1

_HTML_ESCAPE = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE_ONCE_RE = LazyPattern(r"[\"><']|&(?!(?:[a-zA-Z]+|#\d+);)", re.ASCII)
_STRIP_HTML_BLOCKS = LazyPattern(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.DOTALL)
_STRIP_HTML_TAGS = LazyPattern(r"<.*?>", re.DOTALL)
_NEWLINE = LazyPattern(r"\r?\n")
_REPLACEMENT_ESCAPE = LazyPattern(r"\\(.)", re.DOTALL)


def ruby_to_s(value: Any) -> str:
    """``value.to_s`` as a filter sees it: unlike ``{{ }}`` output, an array prints inspected."""
    if type(value) is str:
        return value
    if isinstance(value, (list, tuple)):
        return inspect(list(value))
    if isinstance(value, (EmptyLiteral, BlankLiteral)):
        return ""  # the ``empty`` and ``blank`` literals print as nothing
    return to_s(value)


def awk_split(text: str, limit: int | None = None) -> list[str]:
    """Ruby's ``text.split(" ", limit)``: fields between runs of ASCII whitespace.

    With a limit the last field keeps the rest of the string, and a trailing run of whitespace
    leaves an empty last field, which ``truncatewords`` counts as a word.
    """
    fields: list[str] = []
    begin = 0
    skipping = True
    count = 1
    pos = 0
    length = len(text)
    while pos < length:
        char = text[pos]
        pos += 1
        if skipping:
            if char in _WHITESPACE:
                begin = pos
            else:
                skipping = False
                if limit is not None and limit <= count:
                    break
        elif char in _WHITESPACE:
            fields.append(text[begin : pos - 1])
            skipping = True
            begin = pos
            if limit is not None:
                count += 1
    if length and (limit is not None or length > begin):
        fields.append(text[begin:])
    if limit is None:
        _drop_trailing_empties(fields)
    return fields


def ruby_split(text: str, separator: str) -> list[str]:
    """Ruby's ``String#split`` with a string separator and no limit."""
    if separator == " ":
        return awk_split(text)
    if not text:
        return []
    fields = list(text) if separator == "" else text.split(separator)
    _drop_trailing_empties(fields)
    return fields


def _drop_trailing_empties(fields: list[str]) -> None:
    while fields and fields[-1] == "":
        fields.pop()


def _ruby_lower(text: str) -> str:
    # Python lowercases a word-final capital sigma to "ς"; Ruby never does.
    return text.replace("\u03a3", "\u03c3").lower()


def _expand_replacement(replacement: str, source: str, start: int, end: int) -> str:
    """Ruby's ``sub``/``gsub`` replacement escapes: ``\\&``/``\\0`` the match, ``\\\\`` a backslash."""
    if "\\" not in replacement:
        return replacement

    def expand(match: re.Match[str]) -> str:
        char = match.group(1)
        if char in "&0":
            return source[start:end]
        if char == "`":
            return source[:start]
        if char == "'":
            return source[end:]
        if char == "\\":
            return "\\"
        if char in "123456789":
            return ""  # a plain string pattern has no groups
        if char == "k" and replacement[match.end() : match.end() + 1] == "<":
            raise LiquidArgumentError("undefined group name reference")
        return match.group(0)

    return _REPLACEMENT_ESCAPE.sub(expand, replacement)


def _gsub(text: str, pattern: str, replacement: str, count: int = 0) -> str:
    """``text.gsub(pattern, replacement)`` (or ``sub`` when ``count`` is 1) for a literal pattern."""
    if "\\" not in replacement:
        return text.replace(pattern, replacement, count or -1)
    out = []
    pos = 0
    done = 0
    while pos <= len(text):
        found = text.find(pattern, pos)
        if found < 0 or (count and done >= count):
            break
        end = found + len(pattern)
        out.append(text[pos:found])
        out.append(_expand_replacement(replacement, text, found, end))
        done += 1
        if pattern:
            pos = end
        else:  # an empty pattern matches before every character and at the end
            if found < len(text):
                out.append(text[found])
            pos = found + 1
    out.append(text[pos:])
    return "".join(out)


def _integer_size(value: int) -> int:
    """Ruby's ``Integer#size``: 8 bytes for a fixnum, the bytes of its magnitude for a bignum."""
    if _FIXNUM_MIN <= value <= _FIXNUM_MAX:
        return 8
    return (abs(value).bit_length() + 7) // 8


def size(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return _integer_size(value)
    result = liquid_size(value)
    return result if result is not None else 0


def downcase(value: Any) -> str:
    return _ruby_lower(ruby_to_s(value))


def upcase(value: Any) -> str:
    return ruby_to_s(value).upper()


def capitalize(value: Any) -> str:
    text = ruby_to_s(value)
    return text[:1].title() + _ruby_lower(text[1:])


#: escaped short strings by their text: a listing escapes the same post titles on every page
_ESCAPED: dict[str, str] = {}


def escape(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is str:
        found = _ESCAPED.get(value)
        if found is not None:
            return found
        text = value
    else:
        text = ruby_to_s(value)
    # five C-level replaces beat a regex with a Python callback; ``&`` goes first so the
    # entities the others insert are not escaped again (the result is CGI.escapeHTML's)
    found = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace(
        "'", "&#39;"
    )
    if text is value and len(text) <= 256:
        if len(_ESCAPED) >= 1 << 16:
            _ESCAPED.clear()
        _ESCAPED[text] = found
    return found


def escape_once(value: Any) -> str:
    return _ESCAPE_ONCE_RE.sub(lambda m: _HTML_ESCAPE[m.group(0)], ruby_to_s(value))


def url_encode(value: Any) -> str | None:
    if value is None:
        return None
    return urllib.parse.quote_plus(ruby_to_s(value), safe="")


def url_decode(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return urllib.parse.unquote_plus(ruby_to_s(value), errors="strict")
    except UnicodeDecodeError:
        raise LiquidArgumentError("invalid byte sequence in UTF-8") from None


def _decoded_text(data: bytes) -> str:
    # Ruby hands back raw bytes; a str can only hold them as text, so bad UTF-8 is replaced.
    return data.decode("utf-8", errors="replace")


def _strict_decode64(text: str, filter_name: str) -> str:
    """Ruby's ``Base64.strict_decode64``: padded, no whitespace, no stray bits."""
    try:
        if len(text) % 4:
            raise ValueError
        data = base64.b64decode(text.encode("ascii"), validate=True)
        if base64.b64encode(data).decode("ascii") != text:
            raise ValueError  # non-zero bits after the last byte
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise LiquidArgumentError(f"invalid base64 provided to {filter_name}") from None
    return _decoded_text(data)


def base64_encode(value: Any) -> str:
    return base64.b64encode(ruby_to_s(value).encode("utf-8")).decode("ascii")


def base64_decode(value: Any) -> str:
    return _strict_decode64(ruby_to_s(value), "base64_decode")


def base64_url_safe_encode(value: Any) -> str:
    return base64.urlsafe_b64encode(ruby_to_s(value).encode("utf-8")).decode("ascii")


def base64_url_safe_decode(value: Any) -> str:
    text = ruby_to_s(value)
    if not text.endswith("=") and len(text) % 4:
        text = text.ljust((len(text) + 3) & ~3, "=")
    text = text.replace("-", "+").replace("_", "/")
    return _strict_decode64(text, "base64_url_safe_decode")


def slice_(value: Any, offset: Any, length: Any = None) -> Any:
    """Ruby's ``slice(offset, length)`` on an array, or on the input's string form."""
    start = to_integer(offset)
    count = to_integer(length) if length is not None and length is not False else 1
    if isinstance(value, (list, tuple)):
        items = list(value)
        return _ruby_slice(items, start, count) or []
    text = ruby_to_s(value)
    return "".join(_ruby_slice(list(text), start, count) or [])


def _ruby_slice(items: list, start: int, count: int) -> list | None:
    size_ = len(items)
    if start < 0:
        start += size_
    if start < 0 or start > size_ or count < 0:
        return None
    return items[start : start + count]


def truncate(value: Any, length: Any = 50, ellipsis: Any = "...") -> str | None:
    if value is None:
        return None
    text = ruby_to_s(value)
    limit = to_integer(length)
    tail = ruby_to_s(ellipsis)
    keep = max(limit - len(tail), 0)
    return text[:keep] + tail if len(text) > limit else text


def truncatewords(value: Any, words: Any = 15, ellipsis: Any = "...") -> str | None:
    if value is None:
        return None
    text = ruby_to_s(value)
    count = to_integer(words)
    if count <= 0:
        count = 1
    if count + 1 > _C_INT_MAX:  # Ruby's split takes its limit as a C int
        raise LiquidArgumentError(f"integer {count} too big for truncatewords")
    wordlist = awk_split(text, count + 1)
    if len(wordlist) <= count:
        return text
    wordlist.pop()
    return " ".join(wordlist) + ruby_to_s(ellipsis)


def split(value: Any, pattern: Any) -> list[str]:
    return ruby_split(ruby_to_s(value), ruby_to_s(pattern))


def strip(value: Any) -> str:
    return ruby_to_s(value).strip(_STRIP_CHARS)


def lstrip(value: Any) -> str:
    return ruby_to_s(value).lstrip(_STRIP_CHARS)


def rstrip(value: Any) -> str:
    return ruby_to_s(value).rstrip(_STRIP_CHARS)


def strip_html(value: Any) -> str:
    return _STRIP_HTML_TAGS.sub("", _STRIP_HTML_BLOCKS.sub("", ruby_to_s(value)))


def strip_newlines(value: Any) -> str:
    return _NEWLINE.sub("", ruby_to_s(value))


def newline_to_br(value: Any) -> str:
    return _NEWLINE.sub("<br />\n", ruby_to_s(value))


def replace(value: Any, string: Any, replacement: Any = "") -> str:
    return _gsub(ruby_to_s(value), ruby_to_s(string), ruby_to_s(replacement))


def replace_first(value: Any, string: Any, replacement: Any = "") -> str:
    return _gsub(ruby_to_s(value), ruby_to_s(string), ruby_to_s(replacement), count=1)


def replace_last(value: Any, string: Any, replacement: Any) -> str:
    """Replaces by index, not through ``sub``: backslashes in the replacement stay literal."""
    text = ruby_to_s(value)
    pattern = ruby_to_s(string)
    start = text.rfind(pattern)
    if start < 0:
        return text
    return text[:start] + ruby_to_s(replacement) + text[start + len(pattern) :]


def remove(value: Any, string: Any) -> str:
    return replace(value, string, "")


def remove_first(value: Any, string: Any) -> str:
    return replace_first(value, string, "")


def remove_last(value: Any, string: Any) -> str:
    return replace_last(value, string, "")


def append(value: Any, string: Any) -> str:
    if type(value) is str and type(string) is str:
        return value + string
    return ruby_to_s(value) + ruby_to_s(string)


def prepend(value: Any, string: Any) -> str:
    return ruby_to_s(string) + ruby_to_s(value)


def default(value: Any, default_value: Any = "", options: Any = None, **keywords: Any) -> Any:
    """``allow_false: true`` keeps ``false`` but still replaces ``nil`` and empty values.

    Liquid hands every ``key: value`` argument over as one options hash (passed here as keywords,
    or positionally as a hash); only ``allow_false`` means anything, the rest is ignored.
    """
    if keywords:
        options = keywords
    allow_false = options.get("allow_false") if isinstance(options, dict) else None
    if allow_false is not None and allow_false is not False:
        missing = value is None
    else:
        missing = value is None or value is False
    if missing or is_empty(value):
        return default_value
    return value


FILTERS = {
    "size": size,
    "downcase": downcase,
    "upcase": upcase,
    "capitalize": capitalize,
    "escape": escape,
    "h": escape,
    "escape_once": escape_once,
    "url_encode": url_encode,
    "url_decode": url_decode,
    "base64_encode": base64_encode,
    "base64_decode": base64_decode,
    "base64_url_safe_encode": base64_url_safe_encode,
    "base64_url_safe_decode": base64_url_safe_decode,
    "slice": slice_,
    "truncate": truncate,
    "truncatewords": truncatewords,
    "split": split,
    "strip": strip,
    "lstrip": lstrip,
    "rstrip": rstrip,
    "strip_html": strip_html,
    "strip_newlines": strip_newlines,
    "newline_to_br": newline_to_br,
    "replace": replace,
    "replace_first": replace_first,
    "replace_last": replace_last,
    "remove": remove,
    "remove_first": remove_first,
    "remove_last": remove_last,
    "append": append,
    "prepend": prepend,
    "default": default,
}


def register(env: Any) -> None:
    env.add_filters(FILTERS)
