"""YAML as Jekyll's Psych reads it: libyaml's parser, Psych's scalar rules and types, located errors.

Psych resolves plain scalars with its own YAML 1.1 rules, which differ from PyYAML's in ways a
site's output shows: ``10:30`` is the integer 37800, ``1e5`` and ``y`` stay strings, ``1,000`` is
1000, ``nUlL`` is nil, and a timestamp without a zone is read as UTC and shown in local time.
:func:`resolve_plain` ports that logic; :class:`PsychLoader` wires it into PyYAML (libyaml's parser
when available: Psych uses libyaml, so the same documents parse and the same messages come out).
Configuration, front matter and data files all load through :func:`load_yaml`.

PyYAML itself is imported on the first document the quick path (:func:`_simple_mapping`) cannot
read: a site whose front matter and configuration are all plain ``key: value`` lines (or empty,
as a feed's ``---``/``---`` is) never loads it.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.liquid.filters.ruby_time import PreciseTime
from postforge.liquid.filters.ruby_time import local_zone
from postforge.liquid.filters.ruby_time import ruby_time_utc
from postforge.regexes import LazyPattern

__all__ = ["PsychLoader", "load_yaml", "resolve_plain", "ruby_class"]

_BOM = "\ufeff"

# Psych::ScalarScanner's patterns; Ruby's \d and \s are ASCII, [[:alpha:]] is Unicode letters.
_STRINGY = re.compile(r"[^0-9.:\-]?(?:[^\W\d_]|[_ \t\n\v\f\r!@#$%^&*(){}<>|/\\~;=])+")
_TIME = LazyPattern(
    r"-?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t\n\v\f\r]+)[0-9]{1,2}:[0-9][0-9]:[0-9][0-9]"
    r"(?:\.[0-9]*)?(?:[ \t\n\v\f\r]*(?:Z|[-+][0-9]{1,2}:?(?:[0-9][0-9])?))?"
)
_DATE = LazyPattern(r"[0-9]{4}-(?:1[012]|0[0-9]|[0-9])-(?:[12][0-9]|3[01]|0[0-9]|[0-9])")
_SEXAGESIMAL_INT = LazyPattern(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}")
_SEXAGESIMAL_FLOAT = LazyPattern(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}\.[0-9_]*")
_FLOAT = LazyPattern(r"[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?")
_INTEGER = LazyPattern(
    r"[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+"
)
# patterns of the sexagesimal parts (``10:30``), rare: ``re``'s cache compiles them when first used
_RUBY_TO_I = r"[ \t\n\v\f\r]*([-+]?[0-9]+(?:_[0-9]+)*)"
_RUBY_TO_F = r"[ \t\n\v\f\r]*([-+]?[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?)"


def load_yaml(text: str, path: str | None, line_offset: int = 0) -> Any:
    """``Psych.safe_load(text, permitted_classes: [Date, Time], aliases: true)`` in Python types.

    Only the first document is read, as Psych does. Errors name ``path`` and the line counted from
    the top of the file (``line_offset`` lines precede ``text``).
    """
    if text.startswith(_BOM):
        text = text[1:]
    simple = _simple_mapping(text)
    if simple is not None:
        return simple
    if _EMPTY_DOCUMENT.fullmatch(text) is not None:
        return None  # what the parser reads there; ``---`` front matter is common (feeds, sitemaps)
    import yaml
    from postforge.psych_loader import DisallowedClass
    from postforge.psych_loader import PsychLoader

    loader = PsychLoader(text)
    try:
        if not loader.check_node():
            return None
        return loader.construct_document(loader.get_node())
    except yaml.MarkedYAMLError as error:
        raise _yaml_error(error, text, path, line_offset) from None
    except DisallowedClass as error:
        raise PostforgeError(str(error), _location(text, path, error.mark, line_offset)) from None
    except yaml.YAMLError as error:
        raise PostforgeError(f"YAML error: {error}", Location(path)) from None
    finally:
        loader.dispose()


# -- the common case, without the parser ---------------------------------------------------------
#
# Front matter is nearly always a few ``key: value`` lines: plain words, a quoted title, a date, a
# flow list of tags. Such a mapping is read here with the same scalar rules (``resolve_plain``) in
# a fifth of the parser's time; anything else at all (nesting, comments, anchors, escapes, tabs,
# other characters than these) returns None and goes to the parser, which also reports errors.

#: a text with no content: blank lines, or a lone start marker (``---\n---`` front matter). The
#: parser reads it as null; answered here, it does not cost a build PyYAML's import (~10 ms).
_EMPTY_DOCUMENT = re.compile(r"\n*(?:--- *\n*)?")
_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')
_SINGLE_QUOTED = LazyPattern(r"'([^']*)'")
_FLOW_ITEM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9 ._/+-]*")
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
# a character other than the printable ones of a line, as YAML 1.1 allows them unescaped (no
# tabs, no NEL or line/paragraph separators, no byte-order mark), "\n" apart: the complement of
# [\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff\n], written
# this way because that class took ~3 ms to compile on every start (test_yaml_quick checks both)
_NOT_SIMPLE_TEXT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _simple_mapping(text: str) -> dict[str, Any] | None:
    """``key: value`` lines read as the parser would read them, or None for anything else.

    A line is ``KEY:`` alone or ``KEY:`` and spaces and a value, trailing spaces dropped (no
    regex with a lazy group: that took a fifth of the time here). A key seen before is known to
    have the simple shape and to be a plain string.
    """
    if _NOT_SIMPLE_TEXT.search(text):
        return None
    lines = text.split("\n")
    if lines[0].startswith("---"):  # the document start marker front matter opens with
        if lines[0].rstrip(" ") != "---":
            return None
        lines[0] = ""
    found: dict[str, Any] = {}
    plain_keys = _PLAIN_KEYS
    for line in lines:
        if not line:
            continue
        key, colon, rest = line.partition(":")
        if not colon or key in found:
            return None
        try:
            if key not in plain_keys:
                if _SIMPLE_KEY.fullmatch(key) is None or resolve_plain(key) != key:
                    return None
                if len(plain_keys) < 1024:
                    plain_keys.add(key)
            if not rest:
                found[key] = None
            elif rest[0] != " ":
                return None  # ``key:value`` is one plain scalar, not a pair
            else:
                found[key] = _simple_value(rest.strip(" "))
        except (_NotSimple, ValueError, OverflowError):
            return None
    return found or None


#: keys seen to be plain strings (every post repeats ``title``, ``date``, ``tags``…); a key of
#: the simple shape is never a time, so this does not depend on the zone
_PLAIN_KEYS: set[str] = set()

#: plain values, and flow-list items as split (spaces kept), already resolved: every post repeats
#: its layout, its categories, most of its tags. Only values that depend on the text alone (not
#: a time: that depends on the local zone) and are immutable. Two tables, since each holds only
#: texts that passed its own shape's checks (``a [b]`` is a plain value, not a list item).
_PLAIN_VALUES: dict[str, Any] = {}
_FLOW_ITEMS: dict[str, Any] = {}
_RESOLVED_TYPES = (str, int, bool, type(None))
_UNSEEN = object()


class _NotSimple(Exception):
    pass


def _simple_value(value: str) -> Any:
    if not value:
        return None
    first = value[0]
    if first == '"' or first == "'":
        quoted = (_DOUBLE_QUOTED if first == '"' else _SINGLE_QUOTED).fullmatch(value)
        if quoted is None:
            raise _NotSimple()
        return quoted.group(1)
    if first == "[":
        if value[-1] != "]":
            raise _NotSimple()
        inner = value[1:-1]
        if not inner.strip(" "):
            return []
        items = []
        for piece in inner.split(","):
            item = _FLOW_ITEMS.get(piece, _UNSEEN)
            if item is _UNSEEN:
                text = piece.strip(" ")  # the spaces YAML allows there, and only those
                if _FLOW_ITEM.fullmatch(text) is None:
                    raise _NotSimple()
                item = resolve_plain(text)
                if type(item) in _RESOLVED_TYPES and len(_FLOW_ITEMS) < 4096:
                    _FLOW_ITEMS[piece] = item
            items.append(item)
        return items
    if "0" <= first <= "9":
        zoned = _ZONED_TIME.fullmatch(value)
        if zoned is not None:
            # what resolve_plain gives (such a value is a time by Psych's rules), one regex less
            try:
                return _parse_time(value, zoned)
            except (ValueError, OverflowError):
                return value
    result = _PLAIN_VALUES.get(value, _UNSEEN)
    if result is not _UNSEEN:
        return result
    if first in _PLAIN_START or "#" in value or ": " in value or value[-1] == ":":
        raise _NotSimple()
    result = resolve_plain(value)
    if type(result) in _RESOLVED_TYPES and len(_PLAIN_VALUES) < 4096:
        _PLAIN_VALUES[value] = result
    return result


def _location(text: str, path: str | None, mark: Any, line_offset: int) -> Location:
    """A libyaml mark (0-based, within ``text``) as a file location with the offending line."""
    if mark is None:
        return Location(path)
    lines = text.split("\n")
    line_text = lines[mark.line] if mark.line < len(lines) else None
    if line_text is not None:
        line_text = line_text.rstrip("\r")
    return Location(path, mark.line + 1 + line_offset, mark.column + 1, line_text)


def _yaml_error(error: Any, text: str, path: str | None, line_offset: int) -> PostforgeError:
    """Psych's wording (``problem context``), placed where libyaml stopped.

    When it stopped at the end of the text (an unclosed ``[`` or quote), the place that matters is
    where the unclosed thing began, which is what Psych reports; otherwise the problem's place is
    the better one (Psych reports the enclosing mapping's start, often far above).
    """
    problem = error.problem or "invalid YAML"
    message = f"YAML syntax error: {problem}"
    problem_mark, context_mark = error.problem_mark, error.context_mark
    if error.context:
        message += f" {error.context}"
    at_end = problem_mark is None or problem_mark.index >= len(text.rstrip())
    mark = context_mark if at_end and context_mark is not None else problem_mark or context_mark
    if error.context and context_mark is not None and mark is not None and (
        (mark.line, mark.column) != (context_mark.line, context_mark.column)
    ):
        message += f" started at line {context_mark.line + 1 + line_offset} column {context_mark.column + 1}"
    if at_end:
        message += " (reached the end of the YAML)"
    return PostforgeError(message, _location(text, path, mark, line_offset))


def ruby_class(value: Any) -> str:
    names = {str: "String", int: "Integer", float: "Float", bool: "TrueClass", list: "Array"}
    if value is True or value is False:
        return "TrueClass" if value else "FalseClass"
    return names.get(type(value), type(value).__name__)


def resolve_plain(value: str) -> Any:
    """Psych::ScalarScanner#tokenize: the Ruby value of an untagged, unquoted scalar.

    Raises ``ValueError`` for ``:symbol`` scalars, which safe_load refuses.
    """
    if not value:
        return None
    if _STRINGY.match(value) or "\n" in value:
        if len(value) > 5:
            return value
        lowered = value.lower()
        if lowered[:1] not in ("y", "t", "o", "n", "f", "~"):
            return value
        if value == "~" or lowered == "null":
            return None
        if lowered in ("yes", "true", "on"):
            return True
        if lowered in ("no", "false", "off"):
            return False
        return value
    if _TIME.fullmatch(value):
        try:
            return _parse_time(value)
        except (ValueError, OverflowError):
            return value
    if _DATE.fullmatch(value):
        try:
            return _dt.date(int(value[:4]), int(value[5:].split("-")[0]), int(value.rsplit("-", 1)[1]))
        except ValueError:
            return value
    lowered = value.lower()
    if lowered in (".inf", "+.inf"):
        return float("inf")
    if lowered == "-.inf":
        return float("-inf")
    if lowered == ".nan":
        return float("nan")
    if len(value) > 1 and value[0] == ":":
        raise ValueError("Symbol")
    if _SEXAGESIMAL_INT.fullmatch(value):
        return _sexagesimal(value, _ruby_to_i)
    if _SEXAGESIMAL_FLOAT.fullmatch(value):
        return _sexagesimal(value, _ruby_to_f)
    if _FLOAT.fullmatch(value):
        if value.lstrip("+-") == ".":
            return value
        return float(re.sub(r"[,_]|\.([Ee]|$)", r"\1", value))
    if _INTEGER.fullmatch(value):
        try:
            return _ruby_integer(value.replace(",", "").replace("_", ""))
        except ValueError:
            return value
    return value


def _ruby_to_i(text: str) -> int:
    match = re.match(_RUBY_TO_I, text)
    return int(match.group(1).replace("_", "")) if match else 0


def _ruby_to_f(text: str) -> float:
    match = re.match(_RUBY_TO_F, text)
    return float(match.group(1).replace("_", "")) if match else 0.0


def _sexagesimal(value: str, convert: Any) -> Any:
    """Psych weights the parts 60**|i-2|, so ``10:30`` is 10 hours 30 minutes in seconds."""
    total = convert("0")
    for index, part in enumerate(value.split(":")):
        total += convert(part) * 60 ** abs(index - 2)
    return total


def _ruby_integer(text: str) -> int:
    """``Kernel#Integer`` on a digits string: ``0b``, ``0x`` and a leading ``0`` (octal) prefixes."""
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits[:2].lower() == "0b":
        return sign * int(digits[2:], 2)
    if digits[:2].lower() == "0x":
        return sign * int(digits[2:], 16)
    if len(digits) > 1 and digits[0] == "0":
        return sign * int(digits[1:], 8)
    return sign * int(digits, 10)


_ZONED_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) ([-+][0-9]{2}):?([0-9]{2})")


#: the fixed-offset zones of parsed times, by offset in seconds (immutable, so shared)
_OFFSET_ZONES: dict[int, _dt.timezone] = {}
#: the same zones by the offset as written (``+0000``, ``-05:30``)
_ZONES_BY_TEXT: dict[str, _dt.timezone] = {}
_FROM_ISO = _dt.datetime.fromisoformat


def _parse_time(value: str, zoned: re.Match[str] | None = None) -> _dt.datetime:
    """Psych's parse_time: ``Z`` is UTC, an offset is kept, no zone means UTC shown as local time.

    ``zoned`` is ``_ZONED_TIME``'s match of ``value`` when the caller has made it already.
    """
    if zoned is None:
        zoned = _ZONED_TIME.fullmatch(value)
    if zoned is not None and value[11:13] < "24" and value[14] < "6" and value[17] < "6":
        # the shape nearly every post's date has: its fields as written, at its offset (two-digit
        # fields compare as their numbers do); ``fromisoformat`` reads the fields in a third of
        # the time of eight ``int`` calls, and rejects the same days past a month's end
        try:
            zone = _ZONES_BY_TEXT.get(value[20:])
            if zone is None:
                hours, minutes = int(zoned.group(7)), int(zoned.group(8))
                offset = hours * 3600
                offset += -minutes * 60 if offset < 0 else minutes * 60
                zone = _OFFSET_ZONES.get(offset)
                if zone is None:
                    zone = _dt.timezone(_dt.timedelta(seconds=offset), "")
                    if len(_OFFSET_ZONES) < 256:
                        _OFFSET_ZONES[offset] = zone
                if len(_ZONES_BY_TEXT) < 256:
                    _ZONES_BY_TEXT[value[20:]] = zone
            wall = _FROM_ISO(value[:19])
            return _dt.datetime(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, 0, zone)
        except ValueError:
            pass  # a day past the month's end, an offset past a day: the rules below
    date_part, time_part = re.split(r"[ tT]", value, maxsplit=1)
    year, month, day = (int(x) for x in re.match(r"(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", date_part).groups())
    found = re.search(r"([0-9]+:[0-9]+:[0-9]+)(?:\.([0-9]*))?[ \t\n\v\f\r]*(Z|[-+][0-9]+(:[0-9][0-9])?)?", time_part)
    hour, minute, sec = (int(x) for x in found.group(1).split(":"))
    # the fraction's first nine digits are its nanoseconds, the rest truncated as Psych does
    # (digits, not ``Fraction``: reading YAML then needs neither its module nor decimal's)
    nanoseconds = int(found.group(2)[:9].ljust(9, "0")) if found.group(2) else 0
    usec, extra_ns = divmod(nanoseconds, 1000)
    moment = ruby_time_utc(year, month, day, hour, minute, sec, usec)
    zone = found.group(3)
    if zone is None:
        moment = moment.astimezone(local_zone())
    elif zone != "Z":
        parts = re.match(r"([+\-]?[0-9]{1,2}):?([0-9]{1,2})?$", zone)
        if parts is None:
            raise ValueError(f"bad zone {zone}")
        hours = int(parts.group(1))
        minutes = int(parts.group(2) or 0)
        # Psych signs the minutes by the hours' sign, so "-00:30" comes out as +00:30
        offset = hours * 3600
        offset += -minutes * 60 if offset < 0 else minutes * 60
        wall = moment.replace(tzinfo=None)
        moment = wall.replace(tzinfo=_dt.timezone(_dt.timedelta(seconds=offset), ""))
    return PreciseTime.of(moment, extra_ns) if extra_ns else moment


def __getattr__(name: str) -> Any:
    """``PsychLoader``, still importable from here, is loaded (with PyYAML) when first asked for."""
    if name == "PsychLoader":
        from postforge.psych_loader import PsychLoader

        return PsychLoader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
