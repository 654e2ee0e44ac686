"""The date filters: Liquid's ``date`` and Jekyll's four ``date_to_*`` filters.

Both families first turn their input into a time the way Liquid's ``Utils.to_date`` does: times
and dates pass through, ``"now"``/``"today"`` is the current time, digits (and integers) are Unix
seconds, any other string goes through Ruby's ``Time.parse`` (see :mod:`.ruby_time`) and whatever
fails to parse becomes nil. Liquid's ``date`` then gives back its input unchanged when that
conversion fails; Jekyll's filters raise "Invalid Date" instead and first move the time into the
local zone (``Time#localtime``), so their output never keeps a string's own offset.

Ruby methods have fixed arities and Liquid turns ``key: value`` arguments into one trailing Hash,
so each filter counts its arguments as Ruby would and reports the same ``wrong number of
arguments`` message.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import Any

from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters.ruby_time import local_zone
from postforge.liquid.filters.ruby_time import ruby_time_local
from postforge.liquid.filters.ruby_time import time_parse
from postforge.liquid.filters.strftime import StrftimeError
from postforge.liquid.filters.strftime import strftime
from postforge.liquid.values import inspect
from postforge.liquid.values import to_s

__all__ = [
    "FILTERS",
    "register",
    "to_date",
    "date",
    "date_to_xmlschema",
    "date_to_rfc822",
    "date_to_string",
    "date_to_long_string",
]

_UNIX_SECONDS = re.compile(r"[0-9]+")


class _Missing:
    """An argument the template did not pass (distinct from an explicit nil)."""

    __slots__ = ()


_MISSING: Any = _Missing()


def _ruby_args(low: int, high: int, args: tuple[Any, ...], options: dict[str, Any]) -> list[Any]:
    """The arguments a Ruby filter receives: positionals, then the keyword Hash if any.

    ``low``/``high`` count the input too, as Ruby's arity message does.
    """
    given = [arg for arg in args if arg is not _MISSING]
    if options:
        given.append(dict(options))
    count = len(given) + 1
    if not low <= count <= high:
        expected = str(low) if low == high else f"{low}..{high}"
        raise LiquidArgumentError(f"wrong number of arguments (given {count}, expected {expected})")
    return given


def _ruby_to_s(value: Any) -> str:
    """Ruby's ``to_s`` (an Array's is its ``inspect``, unlike what ``{{ }}`` prints)."""
    if isinstance(value, (list, tuple)):
        return inspect(list(value))
    return to_s(value)


def to_date(value: Any, now: _dt.datetime | None = None) -> _dt.date | None:
    """Liquid's ``Utils.to_date``: a time or date for ``value``, or ``None`` when it is not one.

    ``now`` stands in for the current time (``"now"``, and fields a string leaves out).
    """
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        if not value:
            return None
        value = value.lower()
        if value in ("now", "today"):
            return now if now is not None else _dt.datetime.now(local_zone())
        if _UNIX_SECONDS.fullmatch(value):
            return _time_at(int(value))
        try:
            return time_parse(value, now)
        except ValueError:
            return None
        except OverflowError as error:  # Ruby's RangeError is not rescued by to_date
            raise LiquidArgumentError(str(error)) from None
    if isinstance(value, int) and not isinstance(value, bool):
        return _time_at(value)
    return None


def _time_at(seconds: int) -> _dt.datetime | None:
    """``Time.at(seconds)`` in local time (``None`` beyond what ``datetime`` can hold)."""
    try:
        return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).astimezone(local_zone())
    except (OverflowError, OSError, ValueError):
        return None


def date(input: Any, format: Any = _MISSING, /, *rest: Any, **options: Any) -> Any:
    """``{{ value | date: "%b %-d, %Y" }}``: Ruby's strftime on the value as a time.

    An empty or nil format, or a value that is not a time, gives the input back unchanged.
    """
    if type(format) is str and not rest and not options:
        remembered = _BY_MOMENT.get(id(input))
        if remembered is not None and remembered[0] is input:
            found = remembered[1].get(format)
            if found is not None:
                return found
        text = format
    else:
        (fmt,) = _ruby_args(2, 2, (format, *rest), options)
        text = _ruby_to_s(fmt)
        remembered = _NOT_REMEMBERED
    if not text:
        return input
    kind = type(input)
    if ((kind is _dt.datetime and input.tzinfo is not None) or kind is _dt.date) and remembered is not _NOT_REMEMBERED:
        # a time or date of the model, formatted again on every page that lists its post:
        # remembered by the object itself, which costs no key to build. Only exact types,
        # times with a zone: nothing but the value and the format decides the text. Such a
        # value never goes through :func:`_strftime`'s table as well: its identity already
        # finds it again, and that table's key (the value's hash, its zone's) cost more than
        # formatting a first time
        found = _format(input, text)
        _remember(input, remembered, text, found)
        return found
    moment = input if isinstance(input, _dt.date) else to_date(input)
    if moment is None:
        return input
    return _strftime(moment, text)


#: id of a time or date → (that object, format → what ``date`` made of it); the object is kept
#: alive by its entry, so no other object can come to have its id while the entry is here
_BY_MOMENT: dict[int, tuple[Any, dict[Any, str]]] = {}
#: ``date`` was called with arguments Ruby counts (not one format string): nothing remembered
_NOT_REMEMBERED: tuple[Any, dict[Any, str]] = (None, {})


def _remember(moment: Any, remembered: tuple[Any, dict[Any, str]] | None, key: Any, text: str) -> None:
    if remembered is None or remembered[0] is not moment:
        if len(_BY_MOMENT) >= 1 << 15:
            _BY_MOMENT.clear()  # a long ``serve`` session: the times of older builds go
        remembered = _BY_MOMENT[id(moment)] = (moment, {})
    remembered[1][key] = text


#: formatted times by everything the result depends on (a blog formats its ten newest posts'
#: dates on every page: ten values, a hundred thousand calls)
_FORMATTED: dict[tuple[Any, ...], str] = {}


def _strftime(moment: _dt.date, fmt: str) -> str:
    # The moment itself is in the key, not its isoformat(): a datetime caches its hash, and the
    # same post's date is formatted on every page. Two keys match only with equal zones (so
    # equal moments have equal wall times and offsets), the same fold, type and nanoseconds.
    if isinstance(moment, _dt.datetime):
        zone = moment.tzinfo
        key: tuple[Any, ...] = (fmt, type(moment), moment, moment.fold, zone,
                                getattr(moment, "extra_ns", 0), os.environ.get("TZ") if zone is None else None)
    else:
        key = (fmt, type(moment), moment)
    found = _FORMATTED.get(key)
    if found is not None:
        return found
    found = _format(moment, fmt)
    if len(_FORMATTED) < 1 << 16:
        _FORMATTED[key] = found
    return found


def _format(moment: _dt.date, fmt: str) -> str:
    """Ruby's strftime, its "invalid format" as Liquid reports it."""
    try:
        return strftime(moment, fmt)
    except StrftimeError as error:
        raise LiquidArgumentError(str(error)) from None


def _jekyll_time(input: Any) -> _dt.datetime:
    """Jekyll's ``time(input)``: ``to_date``, then ``to_time.localtime``, or "Invalid Date"."""
    moment = to_date(input)
    if moment is None:
        raise LiquidArgumentError(f"Invalid Date: '{inspect(input)}' is not a valid datetime.")
    if not isinstance(moment, _dt.datetime):
        return ruby_time_local(moment.year, moment.month, moment.day, 0, 0, 0, 0)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=local_zone())
    return moment.astimezone(local_zone())


def date_to_xmlschema(input: Any, /, *rest: Any, **options: Any) -> Any:
    """``2024-03-05T07:08:09+00:00`` in the site's zone (``Time#xmlschema``)."""
    if rest or options:
        _ruby_args(1, 1, rest, options)
    elif type(input) is _dt.datetime and input.tzinfo is not None:
        # a post's date, on its own page and in feeds: remembered as ``date`` remembers, by
        # the object and the local zone it is moved into (that zone is the key: no format
        # string equals a tzinfo). What ``_jekyll_time`` does to such a time is this one move.
        zone = local_zone()
        remembered = _BY_MOMENT.get(id(input))
        if remembered is not None and remembered[0] is input:
            found = remembered[1].get(zone)
            if found is not None:
                return found
        found = _format(input.astimezone(zone), "%FT%T%:z")
        _remember(input, remembered, zone, found)
        return found
    if not isinstance(input, _dt.date) and not _ruby_to_s(input):  # a date's to_s is never empty
        return input
    return _strftime(_jekyll_time(input), "%FT%T%:z")


def date_to_rfc822(input: Any, /, *rest: Any, **options: Any) -> Any:
    """``Tue, 05 Mar 2024 07:08:09 +0000`` in the site's zone (``Time#rfc822``)."""
    if rest or options:
        _ruby_args(1, 1, rest, options)
    if not isinstance(input, _dt.date) and not _ruby_to_s(input):  # a date's to_s is never empty
        return input
    return _strftime(_jekyll_time(input), "%a, %d %b %Y %T %z")


def date_to_string(
    input: Any, type: Any = _MISSING, style: Any = _MISSING, /, *rest: Any, **options: Any
) -> Any:
    """``05 Mar 2024``; ``"ordinal"`` gives ``5th Mar 2024``, and with ``"US"`` ``Mar 5th, 2024``."""
    args = _ruby_args(1, 3, (type, style, *rest), options)
    return _stringify(input, "%b", *args)


def date_to_long_string(
    input: Any, type: Any = _MISSING, style: Any = _MISSING, /, *rest: Any, **options: Any
) -> Any:
    """``05 March 2024``, with the same ``"ordinal"`` and ``"US"`` styles as :func:`date_to_string`."""
    args = _ruby_args(1, 3, (type, style, *rest), options)
    return _stringify(input, "%B", *args)


def _stringify(input: Any, month: str, type: Any = None, style: Any = None) -> Any:
    if not isinstance(input, _dt.date) and not _ruby_to_s(input):
        return input
    moment = _jekyll_time(input)
    if type == "ordinal" and isinstance(type, str):
        day = moment.day
        ordinal_day = f"{day}{_ordinal(day)}"
        if style == "US" and isinstance(style, str):
            return _strftime(moment, f"{month} {ordinal_day}, %Y")
        return _strftime(moment, f"{ordinal_day} {month} %Y")
    return _strftime(moment, f"%d {month} %Y")


def _ordinal(number: int) -> str:
    if 11 <= number <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


FILTERS = {
    "date": date,
    "date_to_xmlschema": date_to_xmlschema,
    "date_to_rfc822": date_to_rfc822,
    "date_to_string": date_to_string,
    "date_to_long_string": date_to_long_string,
}


def register(env: Any) -> None:
    env.add_filters(FILTERS)
