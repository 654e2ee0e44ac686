"""Compiled strftime formats: the fast path of :mod:`.strftime` for the formats sites use.

A blog formats every post's date with the same few formats (``%B %-d, %Y``, ``%FT%T%:z``,
``%Y-%m-%d``), and walking Ruby's conversion state machine for each call cost several times
Python's own ``datetime.strftime``. A format is therefore compiled once into a one-line
function, ``lambda v: f"{_MONTHS[v.month]}{_t0}{v.day}{_t1}{v.year:04d}"``, generated as source:
one f-string of the value's fields, two-digit fields read from tables. That is about half the
time of a ``str.format`` template with attribute fields and a third of a loop over per-piece
functions. The format's own text is never part of the generated source (each run of it is a
variable of the plan), so no format can change what the code does.

Only conversions whose Ruby output is simple are compiled: a bare letter, ``-`` on a number,
``%:z``/``%::z``/``%:::z`` and the composites made of those. A format with anything else (other
flags, widths, ``%E``/``%O``, unknown conversions, a trailing ``%``) compiles to ``None`` and is
formatted entirely by the general machine in :mod:`.strftime`, so its behaviour, errors
included, cannot differ.

:class:`Fields`, the broken-down time the general machine reads, is here beside the getters
that read the same values for plans, so that the two readings can be compared side by side;
with the tables both paths share, it keeps this module from importing :mod:`.strftime`.
"""

from __future__ import annotations

import datetime as _dt
import zoneinfo
from typing import Any
from typing import Callable

from postforge.liquid.filters.ruby_time import local_zone

__all__ = ["COMPOSITES", "DATE_PLANS", "DAYS", "Fields", "MONTHS", "PLAIN_ZONES", "TIME_PLANS", "offset_tail",
           "zone_name"]

DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_ZERO = _dt.timedelta(0)
_SECOND = _dt.timedelta(seconds=1)
#: ``date(1970, 1, 1).toordinal()``
_EPOCH_DAY = 719163

#: conversions that are other formats (``%c`` is ``%a %b %e %H:%M:%S %Y``)
COMPOSITES = {
    "c": "%a %b %e %H:%M:%S %Y",
    "x": "%m/%d/%y",
    "D": "%m/%d/%y",
    "X": "%H:%M:%S",
    "T": "%H:%M:%S",
    "r": "%I:%M:%S %p",
    "R": "%H:%M",
    "F": "%Y-%m-%d",
}

#: a compiled format: the value in, Ruby's text out
Plan = Callable[[_dt.date], str]


def zone_name(moment: _dt.datetime) -> str | None:
    """Ruby's ``Time#zone``: nil for a fixed offset, else the abbreviation."""
    tzinfo = moment.tzinfo
    if tzinfo is _dt.timezone.utc:
        return "UTC"
    name = moment.tzname()
    if isinstance(tzinfo, _dt.timezone) and (not name or _generated(moment, name)):
        return None
    return name or None


def _generated(moment: _dt.datetime, name: str) -> bool:
    """Whether ``name`` is the ``UTC+hh:mm`` Python makes up for an unnamed offset."""
    delta = moment.utcoffset()
    return bool(delta) and name == _dt.timezone(delta).tzname(None)  # type: ignore[arg-type]


def offset_tail(rest: int, colons: int) -> str:
    """Minutes and seconds of ``%z`` after the hours, per the number of colons."""
    if colons == 3 and rest == 0:
        return ""
    text = (":" if colons >= 1 else "") + f"{rest // 60:02d}"
    rest %= 60
    if colons == 3 and rest == 0:
        return text
    if colons >= 2:
        text += f":{rest:02d}"
    return text


def _offset_text(offset: int, colons: int) -> str:
    """``%z`` with no flag or width: sign, two-digit hours, then the tail (``-00:30`` keeps its sign)."""
    aoff = abs(offset)
    return ("-" if offset < 0 else "+") + f"{aoff // 3600:02d}" + offset_tail(aoff % 3600, colons)


class Fields:
    """The broken-down time Ruby's strftime reads (``struct vtm``/``tmx``).

    The day of the year, the epoch seconds, the ISO week and the zone name are worked out only
    when a conversion asks for them: most formats (``%Y-%m-%d``, ``%B %-d, %Y``) never do, and
    computing them took half the time of a whole ``strftime``.
    """

    __slots__ = ("year", "mon", "mday", "hour", "min", "sec", "nsec", "wday", "offset", "gmt", "date_mode",
                 "_moment", "_zone", "_yday", "_epoch", "_iso")

    def __init__(self, value: _dt.date) -> None:
        self.date_mode = not isinstance(value, _dt.datetime)
        if self.date_mode:
            moment = _dt.datetime(value.year, value.month, value.day, tzinfo=_dt.timezone.utc)
            self.offset = 0
            self._zone: str | None = "+00:00"
            self.gmt = False
        else:
            moment = value if value.tzinfo is not None else value.replace(tzinfo=local_zone())
            delta = moment.utcoffset() or _dt.timedelta(0)
            self.offset = round(delta.total_seconds())
            self.gmt = moment.tzinfo is _dt.timezone.utc
            self._zone = _UNSET  # type: ignore[assignment]
        self._moment = moment
        self.year = moment.year
        self.mon = moment.month
        self.mday = moment.day
        self.hour = moment.hour
        self.min = moment.minute
        self.sec = moment.second
        self.nsec = moment.microsecond * 1000 + getattr(value, "extra_ns", 0)
        self.wday = moment.isoweekday() % 7
        self._yday = self._epoch = self._iso = None

    @property
    def zone(self) -> str | None:
        if self._zone is _UNSET:
            self._zone = zone_name(self._moment)
        return self._zone

    @property
    def yday(self) -> int:
        if self._yday is None:
            self._yday = self._moment.timetuple().tm_yday
        return self._yday

    @property
    def epoch(self) -> int:
        if self._epoch is None:
            self._epoch = (self._moment - _EPOCH) // _SECOND
        return self._epoch

    iso_year = property(lambda self: self._iso_calendar()[0])
    iso_week = property(lambda self: self._iso_calendar()[1])

    def _iso_calendar(self) -> tuple[int, int, int]:
        if self._iso is None:
            self._iso = tuple(self._moment.isocalendar())
        return self._iso


#: a zone name not yet looked up (``None`` is Ruby's nil zone)
_UNSET: Any = object()


# -- what generated plans call: the values an attribute does not give directly ----------------


def _moment(value: _dt.datetime) -> _dt.datetime:
    """The value as an aware time: a naive one is local time, in the zone ``TZ`` names now."""
    return value if value.tzinfo is not None else value.replace(tzinfo=local_zone())


def _offset_getter(colons: int) -> Callable[[_dt.datetime], str]:
    """``%z`` with ``colons`` colons, its text kept per ``utcoffset()`` (a site has a few offsets)."""
    texts: dict[_dt.timedelta | None, str] = {}

    def offset(value: _dt.datetime) -> str:
        delta = value.utcoffset() if value.tzinfo is not None else _moment(value).utcoffset()
        text = texts.get(delta)
        if text is None:
            text = _offset_text(round((delta or _ZERO).total_seconds()), colons)
            if len(texts) < 256:
                texts[delta] = text
        return text

    return offset


class _Years(dict):  # type: ignore[type-arg]
    """Four-digit years, made on first use: ``{year:04d}`` parses its spec on every call,
    and took as long as the rest of a ``%Y-%m-%d`` together."""

    def __missing__(self, year: int) -> str:
        text = self[year] = f"{year:04d}"
        return text


def _time_zone(value: _dt.datetime) -> str:
    return zone_name(_moment(value)) or ""


def _time_epoch(value: _dt.datetime) -> int:
    return (_moment(value) - _EPOCH) // _SECOND


def _date_epoch(value: _dt.date) -> int:
    return (value.toordinal() - _EPOCH_DAY) * 86400


def _nsec(value: _dt.datetime) -> int:
    return value.microsecond * 1000 + getattr(value, "extra_ns", 0)


def _yday(value: _dt.date) -> int:
    return value.toordinal() - _dt.date(value.year, 1, 1).toordinal() + 1


def _week_from_sunday(value: _dt.date) -> int:
    return max(0, (_yday(value) - 1 + 7 - value.isoweekday() % 7) // 7)


def _week_from_monday(value: _dt.date) -> int:
    return max(0, (_yday(value) - 1 + 7 - value.weekday()) // 7)


#: what a plan's code may name besides ``v`` (the value) and its literal text ``_t0``, ``_t1``…
_NAMESPACE: dict[str, Any] = {
    "__builtins__": {},
    "_TWO": tuple(f"{n:02d}" for n in range(100)),
    "_SPACED": tuple(f"{n:2d}" for n in range(100)),
    "_MONTHS": ("",) + MONTHS,
    "_MONTH_ABBRS": ("",) + tuple(name[:3] for name in MONTHS),
    # by ``date.weekday()``: Monday first
    "_WEEKDAYS": DAYS[1:] + DAYS[:1],
    "_WEEKDAY_ABBRS": tuple(name[:3] for name in DAYS[1:] + DAYS[:1]),
    "_MERIDIANS": ("AM",) * 12 + ("PM",) * 12,
    "_MERIDIANS_LOWER": ("am",) * 12 + ("pm",) * 12,
    "_HOURS12": (12,) + tuple(range(1, 13)) + tuple(range(1, 12)),
    "_YEARS": _Years(),
    "_time_zone": _time_zone,
    "_time_epoch": _time_epoch,
    "_date_epoch": _date_epoch,
    "_nsec": _nsec,
    "_yday": _yday,
    "_week_from_sunday": _week_from_sunday,
    "_week_from_monday": _week_from_monday,
    "_z": _offset_getter(0),
    "_z1": _offset_getter(1),
    "_z2": _offset_getter(2),
    "_z3": _offset_getter(3),
}

#: numeric conversions: the number as an expression of ``v`` for a time and for a date (an int is
#: the constant a date has for a time field, ``None`` a conversion the mode lacks), and Ruby's
#: default padding and width as a format spec. Datetime years are 1-9999: Ruby's five-digit
#: width for negative years never applies, and ``%C`` and the two-digit fields stay below 100.
_NUMBERS: dict[str, tuple[str | None, str | int, str]] = {
    "Y": ("v.year", "v.year", "04d"),
    "C": ("v.year // 100", "v.year // 100", "02d"),
    "y": ("v.year % 100", "v.year % 100", "02d"),
    "m": ("v.month", "v.month", "02d"),
    "d": ("v.day", "v.day", "02d"),
    "e": ("v.day", "v.day", "2d"),
    "j": ("_yday(v)", "_yday(v)", "03d"),
    "H": ("v.hour", 0, "02d"),
    "k": ("v.hour", 0, "2d"),
    "I": ("_HOURS12[v.hour]", 12, "02d"),
    "l": ("_HOURS12[v.hour]", 12, "2d"),
    "M": ("v.minute", 0, "02d"),
    "S": ("v.second", 0, "02d"),
    "s": ("_time_epoch(v)", "_date_epoch(v)", "d"),
    "w": ("v.isoweekday() % 7", "v.isoweekday() % 7", "d"),
    "u": ("v.isoweekday()", "v.isoweekday()", "d"),
    "U": ("_week_from_sunday(v)", "_week_from_sunday(v)", "02d"),
    "W": ("_week_from_monday(v)", "_week_from_monday(v)", "02d"),
    "V": ("v.isocalendar()[1]", "v.isocalendar()[1]", "02d"),
    "G": ("v.isocalendar()[0]", "v.isocalendar()[0]", "04d"),
    "g": ("v.isocalendar()[0] % 100", "v.isocalendar()[0] % 100", "02d"),
    # Date#strftime's milliseconds since the epoch; Time#strftime copies ``%Q`` as written
    "Q": (None, "_date_epoch(v) * 1000", "d"),
}

class _Text(str):
    """The constant text a conversion prints for every ``date`` (not an expression)."""


#: text conversions: an expression of ``v`` for a time, and for a date (or its constant text)
_WORDS: dict[str, tuple[str, str]] = {
    "A": ("_WEEKDAYS[v.weekday()]", "_WEEKDAYS[v.weekday()]"),
    "a": ("_WEEKDAY_ABBRS[v.weekday()]", "_WEEKDAY_ABBRS[v.weekday()]"),
    "B": ("_MONTHS[v.month]", "_MONTHS[v.month]"),
    "b": ("_MONTH_ABBRS[v.month]", "_MONTH_ABBRS[v.month]"),
    "h": ("_MONTH_ABBRS[v.month]", "_MONTH_ABBRS[v.month]"),
    "p": ("_MERIDIANS[v.hour]", _Text("AM")),
    "P": ("_MERIDIANS_LOWER[v.hour]", _Text("am")),
    "Z": ("_time_zone(v)", _Text("+00:00")),
    "L": ("f'{_nsec(v) // 1000000:03d}'", _Text("000")),
    "N": ("f'{_nsec(v):09d}'", _Text("000000000")),
    "z": ("_z(v)", _Text(_offset_text(0, 0))),
    ":z": ("_z1(v)", _Text(_offset_text(0, 1))),
    "::z": ("_z2(v)", _Text(_offset_text(0, 2))),
    ":::z": ("_z3(v)", _Text(_offset_text(0, 3))),
}

_LITERALS = {"%": "%", "n": "\n", "t": "\t"}


class _Builder:
    """The source of one f-string of ``v``, and the literal text it names.

    A format's own text never enters the source: each run of it is a variable (``_t0``…) of
    the plan's namespace, so no format can change what the generated code does.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.texts: list[str] = []
        self.pending: list[str] = []

    def text(self, text: str) -> None:
        if text:
            self.pending.append(text)

    def field(self, expr: str) -> None:
        self._flush()
        self.parts.append("{" + expr + "}")

    def number(self, expr: str | int, spec: str) -> None:
        if isinstance(expr, int):
            self.text(format(expr, spec))
        elif spec == "02d":
            self.field(f"_TWO[{expr}]")
        elif expr == "v.year" and spec == "04d":
            self.field("_YEARS[v.year]")
        elif spec == "2d":
            self.field(f"_SPACED[{expr}]")
        else:
            self.field(f"{expr}:{spec}" if spec else expr)

    def word(self, expr: str) -> None:
        if isinstance(expr, _Text):
            self.text(str(expr))
        else:
            self.field(expr)

    def _flush(self) -> None:
        if self.pending:
            self.parts.append("{_t" + str(len(self.texts)) + "}")
            self.texts.append("".join(self.pending))
            self.pending = []

    def plan(self) -> Plan:
        self._flush()
        namespace = dict(_NAMESPACE)
        namespace.update((f"_t{index}", text) for index, text in enumerate(self.texts))
        source = 'lambda v: f"' + "".join(self.parts) + '"'
        return eval(compile(source, "<strftime plan>", "eval"), namespace)


def compile_plan(fmt: str, date_mode: bool) -> Plan | None:
    """The fast form of ``fmt`` for a ``datetime`` (or, ``date_mode``, a ``date``), else ``None``.

    ``None`` means some conversion needs the general machine; the whole format then goes there.
    """
    builder = _Builder()
    if not _compile_into(builder, fmt, date_mode):
        return None
    return builder.plan()


def _compile_into(builder: _Builder, fmt: str, date_mode: bool) -> bool:
    pos = 0
    end = len(fmt)
    pick = 1 if date_mode else 0
    while pos < end:
        pct = fmt.find("%", pos)
        if pct < 0:
            builder.text(fmt[pos:])
            break
        builder.text(fmt[pos:pct])
        c = fmt[pct + 1 : pct + 2]
        pos = pct + 2
        if c == "-" and fmt[pos : pos + 1] in _NUMBERS:
            # Ruby's "-" drops the padding of a number: its plain decimal digits
            c = fmt[pos]
            pos += 1
            spec = ""
        elif c in _NUMBERS:
            spec = _NUMBERS[c][2]
        elif c in _WORDS:
            builder.word(_WORDS[c][pick])
            continue
        elif c == ":":
            rest = fmt[pct + 1 :]
            colons = len(rest) - len(rest.lstrip(":"))
            key = fmt[pct + 1 : pct + 2 + colons]
            if colons > 3 or key not in _WORDS:
                return False
            builder.word(_WORDS[key][pick])
            pos = pct + 2 + colons
            continue
        elif c in _LITERALS:
            builder.text(_LITERALS[c])
            continue
        elif c in COMPOSITES or (c == "+" and date_mode):
            if not _compile_into(builder, COMPOSITES.get(c, "%a %b %e %H:%M:%S %Z %Y"), date_mode):
                return False
            continue
        else:
            return False
        expr = _NUMBERS[c][pick]
        if expr is None:
            return False
        builder.number(expr, spec)
    return True


class _Plans(dict):  # type: ignore[type-arg]
    """Compiled formats by format string, compiled on first use (``None``: use the general machine).

    A dict subclass with ``__missing__`` keeps a hit one C-level subscript in ``strftime``.
    """

    def __init__(self, date_mode: bool) -> None:
        super().__init__()
        self.date_mode = date_mode

    def __missing__(self, fmt: str) -> Plan | None:
        plan = compile_plan(fmt, self.date_mode)
        # a site has a handful of formats; a template building them from data is not kept
        if len(self) < _MAX_PLANS:
            self[fmt] = plan
        return plan


_MAX_PLANS = 4096
#: formats compiled for ``datetime`` values (Time#strftime) and for ``date`` values (Date#strftime)
TIME_PLANS = _Plans(False)
DATE_PLANS = _Plans(True)
#: tzinfo types whose offsets and names the plans read exactly as :class:`Fields` does
PLAIN_ZONES = (_dt.timezone, zoneinfo.ZoneInfo)
