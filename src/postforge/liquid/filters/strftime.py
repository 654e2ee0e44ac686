"""Ruby's ``Time#strftime`` and ``Date#strftime`` in the C locale.

Liquid's ``date`` filter hands its format straight to Ruby, so every flag (``-`` ``_`` ``0`` ``^``
``#``), width, colon form of ``%z`` and oddity (unknown conversions copied verbatim, a format that
ends inside a conversion raising "invalid format") is part of what templates print. Python's
``time.strftime`` follows the platform's C library instead, so this is a port of the state machine
in Ruby 3.1's ``strftime.c``; a ``datetime.date`` is formatted by the slightly different one in
``date_strftime.c`` (``%Z`` is ``+00:00``, ``%+`` and ``%Q`` exist, nothing raises).

How Ruby's three kinds of ``Time`` map onto ``datetime``: ``tzinfo is timezone.utc`` is a UTC time
(``%Z`` prints ``UTC``); a ``timezone`` with an empty or generated name is a fixed offset (``%Z``
prints nothing); any other tzinfo (a ``ZoneInfo``, a named ``timezone``) is a zone with names.
A naive datetime is local time, in the zone :func:`~.ruby_time.local_zone` reads from ``TZ`` as Ruby does.
"""

from __future__ import annotations

import datetime as _dt

from postforge.liquid.filters.strftime_plan import COMPOSITES
from postforge.liquid.filters.strftime_plan import DATE_PLANS
from postforge.liquid.filters.strftime_plan import DAYS
from postforge.liquid.filters.strftime_plan import Fields
from postforge.liquid.filters.strftime_plan import MONTHS
from postforge.liquid.filters.strftime_plan import PLAIN_ZONES
from postforge.liquid.filters.strftime_plan import TIME_PLANS
from postforge.liquid.filters.strftime_plan import offset_tail
from postforge.regexes import LazyPattern

__all__ = ["strftime", "StrftimeError"]

_DIGITS = LazyPattern(r"[0-9]+")
_INT_MAX = 2**31 - 1


class StrftimeError(ValueError):
    """Ruby's ``ArgumentError: invalid format: ...`` (a format ending inside a conversion)."""


def strftime(value: _dt.date, fmt: str) -> str:
    """Format ``value`` exactly as Ruby's ``strftime`` does (a ``date`` as ``Date#strftime``).

    Raises :class:`StrftimeError` where Ruby's ``Time#strftime`` raises ``ArgumentError``.
    """
    # the compiled fast path (see strftime_plan) only for the values it was checked against:
    # datetimes in Python's own zones or naive, and plain dates
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or type(value.tzinfo) in PLAIN_ZONES:
            plan = TIME_PLANS[fmt]
            if plan is not None:
                return plan(value)
    elif type(value) is _dt.date:
        plan = DATE_PLANS[fmt]
        if plan is not None:
            return plan(value)
    return _general_strftime(value, fmt)


def _general_strftime(value: _dt.date, fmt: str) -> str:
    """Ruby's state machine on every conversion: the reference the compiled plans must match."""
    fields = Fields(value)
    if fields.date_mode:
        return _format(fmt, fields, _DateSpec)
    return _format(fmt, fields, _TimeSpec)


def _format(fmt: str, fields: Fields, spec: type[_Spec]) -> str:
    out: list[str] = []
    pos = 0
    end = len(fmt)
    while pos < end:
        pct = fmt.find("%", pos)
        if pct < 0:
            out.append(fmt[pos:])
            break
        out.append(fmt[pos:pct])
        text, pos = spec(fmt, pct, fields).run()
        out.append(text)
    return "".join(out)


class _Spec:
    """One ``%...`` conversion: flags and width gathered, then the conversion applied.

    The subclasses hold the two C implementations' differences (hooks ``at_end``, ``zone_text``,
    ``composite``, ``zone_offset``, ``colon``, ``width``); the shared shape is Ruby's ``again:``
    loop, where ``self.k`` is the index of the character being examined.
    """

    #: characters after ``%E`` / ``%O`` that make the modifier a no-op
    e_ok = "cCxXyY"
    o_ok = "deHkIlmMSuUVwWy"
    vms = "%e-%^b-%4Y"

    # the state of a conversion before any flag: class defaults, so that creating a spec (one
    # per conversion of every date printed) sets only the four attributes below
    precision = -1
    left = False
    upper = False
    lower = False
    chcase = False
    padding = ""
    colons = 0
    locale = False

    def __init__(self, fmt: str, start: int, fields: Fields) -> None:
        self.fmt = fmt
        self.start = start
        self.k = start
        self.f = fields

    # -- pieces shared by both implementations ---------------------------------------------

    def unknown(self) -> tuple[str, int]:
        """Copy the conversion as written, up to the current character."""
        return self.fmt[self.start : self.k + 1], self.k + 1

    def fill(self, width: int) -> str:
        if not self.left and self.precision > width:
            return (self.padding or " ") * (self.precision - width)
        return ""

    def case(self, text: str) -> str:
        if self.upper and not self.lower:
            return _ascii_upper(text)
        if self.lower and not self.upper:
            return _ascii_lower(text)
        return text

    def word(self, text: str) -> tuple[str, int]:
        if not text:
            return "", self.k + 1
        return self.fill(len(text)) + self.case(text), self.k + 1

    def number(self, def_pad: str, def_prec: int, value: int) -> tuple[str, int]:
        precision = 1 if self.left else def_prec if self.precision <= 0 else self.precision
        if self.padding == "0" or (not self.padding and def_pad == "0"):
            return f"{value:0{precision}d}", self.k + 1
        return f"{value:{precision}d}", self.k + 1

    def subsec(self, digits: int) -> tuple[str, int]:
        precision = self.precision if self.precision > 0 else digits
        nsec = self.f.nsec
        if precision > 9:
            return f"{nsec:09d}" + "0" * (precision - 9), self.k + 1
        return f"{nsec // 10 ** (9 - precision):0{precision}d}", self.k + 1

    def case_letter(self) -> None:
        """``#`` on names means upper case."""
        if self.chcase:
            self.lower = self.chcase = False
            self.upper = True

    # -- the conversion loop -------------------------------------------------------------

    def run(self) -> tuple[str, int]:
        fmt = self.fmt
        f = self.f
        while True:
            self.k += 1
            if self.k >= len(fmt):
                return self.at_end()
            c = fmt[self.k]
            # the branches test disjoint characters, so their order is only a matter of speed:
            # the numeric conversions dates are mostly made of come first
            number = _NUMBERS.get(c)
            if number is not None:
                pad, prec, getter = number
                return self.number(pad, prec, getter(f))
            if c == "Y" or c == "G":
                year = f.year if c == "Y" else f.iso_year
                return self.number("0", 4 if year >= 0 else 5, year)
            if c == "%":
                return self.fill(1) + "%", self.k + 1
            if c in "aA":
                self.case_letter()
                name = DAYS[f.wday]
                return self.word(name[:3] if c == "a" else name)
            if c in "bhB":
                self.case_letter()
                name = MONTHS[f.mon - 1]
                return self.word(name if c == "B" else name[:3])
            if c in "pP":
                if (c == "p" and self.chcase) or (c == "P" and not (self.chcase or self.upper)):
                    self.upper = self.chcase = False
                    self.lower = True
                return self.word("AM" if f.hour < 12 else "PM")
            if c == "Z":
                if self.chcase:
                    self.upper = self.chcase = False
                    self.lower = True
                return self.word(self.zone_text())
            if c in "nt":
                return self.fill(1) + ("\n" if c == "n" else "\t"), self.k + 1
            if c in COMPOSITES:
                return self.composite(COMPOSITES[c])
            if c == "v":
                return self.composite(self.vms)
            if c == "L":
                return self.subsec(3)
            if c == "N":
                return self.subsec(9)
            if c == "z":
                return self.zone_offset()
            if c == "E" or c == "O":
                if not self.modifier(c):
                    return self.unknown()
                continue
            if c == ":":
                if not self.colon():
                    return self.unknown()
                continue
            if c in "-^#_":
                if self.flag_blocked():
                    return self.unknown()
                self.flag(c)
                continue
            if c in "0123456789":
                if not self.width(c):
                    return self.unknown()
                continue
            extra = self.extra(c)
            if extra is not None:
                return extra
            return self.unknown()

    def modifier(self, c: str) -> bool:
        """``%E``/``%O`` are no-ops before the conversions POSIX allows them on."""
        self.locale = True
        allowed = self.e_ok if c == "E" else self.o_ok
        nxt = self.fmt[self.k + 1 : self.k + 2]
        return bool(nxt) and nxt in allowed

    def flag_blocked(self) -> bool:
        return self.precision > 0

    def flag(self, c: str) -> None:
        if c == "-":
            self.left = True
        elif c == "^":
            self.upper = True
        elif c == "#":
            self.chcase = True
        else:
            self.padding = " "

    def extra(self, c: str) -> tuple[str, int] | None:
        return None


class _TimeSpec(_Spec):
    """``Time#strftime`` (Ruby's ``strftime.c``)."""

    def at_end(self) -> tuple[str, int]:
        raise StrftimeError("invalid format: " + self.fmt)

    def flag(self, c: str) -> None:
        super().flag(c)
        if c == "-":
            self.padding = ""
            self.precision = 0

    def zone_text(self) -> str:
        if self.f.gmt:
            return "UTC"
        return self.f.zone or ""

    def composite(self, sub: str) -> tuple[str, int]:
        text = self.case(_format(sub, self.f, _TimeSpec))
        if self.precision > len(text):
            text = (self.padding or " ") * (self.precision - len(text)) + text
        return text, self.k + 1

    def colon(self) -> bool:
        fmt = self.fmt
        colons = 1
        while colons <= 3:
            if self.k + colons >= len(fmt):
                return False
            if fmt[self.k + colons] == "z":
                break
            if fmt[self.k + colons] != ":":
                return False
            colons += 1
        self.colons = colons
        self.k += colons - 1
        return True

    def width(self, c: str) -> bool:
        if c == "0":
            self.padding = "0"
        match = _DIGITS.match(self.fmt, self.k)
        assert match is not None
        value = int(match.group())
        if value > _INT_MAX:
            return False
        self.precision = value
        self.k = match.end() - 1
        return True

    def zone_offset(self) -> tuple[str, int]:
        if self.colons > 3:
            self.k -= 1
            return self.unknown()
        off = 0 if self.f.gmt else self.f.offset
        # UTC with ``-`` prints -0000: RFC 2822's "offset unknown"
        sign = -1 if off < 0 or (self.f.gmt and self.left) else 1
        off = abs(off)
        precision = self.precision
        colons = self.colons
        if colons == 0:
            precision = 2 if precision <= 5 else precision - 3
        elif colons == 1:
            precision = 2 if precision <= 6 else precision - 4
        elif colons == 2:
            precision = 2 if precision <= 9 else precision - 7
        elif off % 3600 == 0:
            precision = 2 if precision <= 3 else precision - 1
        elif off % 60 == 0:
            precision = 2 if precision <= 6 else precision - 4
        else:
            precision = 2 if precision <= 9 else precision - 7
        hours = sign * (off // 3600)
        if self.padding == " ":
            head = f"{hours:+{precision + 1}d}"
            if sign < 0 and off < 3600:
                head = head[:-2] + "-" + head[-1:]
        else:
            head = ("-" if hours < 0 else "+") + f"{abs(hours):0{precision}d}"
            if sign < 0 and off < 3600:
                head = "-" + head[1:]
        return head + offset_tail(off % 3600, colons), self.k + 1


class _DateSpec(_Spec):
    """``Date#strftime`` (the date library's ``date_strftime.c``)."""

    def at_end(self) -> tuple[str, int]:
        self.k -= 1
        return self.unknown()

    def flag_blocked(self) -> bool:
        return self.precision > 0 or self.locale or self.colons > 0

    def zone_text(self) -> str:
        return self.f.zone or ""

    def composite(self, sub: str) -> tuple[str, int]:
        text = _format(sub, self.f, _DateSpec)
        if self.upper:
            text = _ascii_upper(text)
        if not self.left and self.precision > len(text):
            text = (self.padding or " ") * (self.precision - len(text)) + text
        return text, self.k + 1

    def colon(self) -> bool:
        fmt = self.fmt
        run = len(fmt[self.k :]) - len(fmt[self.k :].lstrip(":"))
        if fmt[self.k + run : self.k + run + 1] == "z":
            self.colons = run
            self.k += run - 1
            return True
        self.colons = max(self.colons, 1)
        return False

    def width(self, c: str) -> bool:
        if c == "0":
            if self.flag_blocked():
                return False
            self.padding = "0"
        match = _DIGITS.match(self.fmt, self.k)
        assert match is not None
        self.precision = int(match.group())
        self.k = match.end() - 1
        return True

    def extra(self, c: str) -> tuple[str, int] | None:
        if c == "Q":
            return self.number("0", 1, self.f.epoch * 1000)
        if c == "+":
            return self.composite("%a %b %e %H:%M:%S %Z %Y")
        return None

    def zone_offset(self) -> tuple[str, int]:
        off = self.f.offset
        aoff = abs(off)
        hl = 1 if aoff // 3600 < 10 else 2
        hw = 1 if self.left and hl == 1 else 2
        precision = self.precision
        colons = self.colons
        if colons == 0:
            precision = hw if precision <= 3 + hw else precision - 3
        elif colons == 1:
            precision = hw if precision <= 4 + hw else precision - 4
        elif colons == 2:
            precision = hw if precision <= 7 + hw else precision - 7
        elif colons == 3:
            if aoff % 3600 == 0:
                precision = hw if precision <= 1 + hw else precision - 1
            elif aoff % 60 == 0:
                precision = hw if precision <= 4 + hw else precision - 4
            else:
                precision = hw if precision <= 7 + hw else precision - 7
        else:
            self.k -= 1
            return self.unknown()
        head = ""
        if self.padding == " " and precision > hl:
            head = " " * (precision - hl)
            precision = hl
        head += ("-" if off < 0 else "+") + f"{aoff // 3600:0{precision}d}"
        return head + offset_tail(aoff % 3600, colons), self.k + 1


def _ascii_upper(text: str) -> str:
    return "".join(ch.upper() if "a" <= ch <= "z" else ch for ch in text)


def _ascii_lower(text: str) -> str:
    return "".join(ch.lower() if "A" <= ch <= "Z" else ch for ch in text)


def _hour12(f: Fields) -> int:
    return 12 if f.hour % 12 == 0 else f.hour % 12


def _week_number(f: Fields, first_weekday: int) -> int:
    wday = f.wday
    if first_weekday == 1:
        wday = 6 if wday == 0 else wday - 1
    return max(0, (f.yday - 1 + 7 - wday) // 7)


#: numeric conversions: default padding, default width, value
_NUMBERS = {
    "d": ("0", 2, lambda f: f.mday),
    "e": (" ", 2, lambda f: f.mday),
    "H": ("0", 2, lambda f: f.hour),
    "k": (" ", 2, lambda f: f.hour),
    "I": ("0", 2, _hour12),
    "l": (" ", 2, _hour12),
    "j": ("0", 3, lambda f: f.yday),
    "m": ("0", 2, lambda f: f.mon),
    "M": ("0", 2, lambda f: f.min),
    "S": ("0", 2, lambda f: f.sec),
    "s": ("0", 1, lambda f: f.epoch),
    "U": ("0", 2, lambda f: _week_number(f, 0)),
    "W": ("0", 2, lambda f: _week_number(f, 1)),
    "w": ("0", 1, lambda f: f.wday),
    "u": ("0", 1, lambda f: f.wday or 7),
    "V": ("0", 2, lambda f: f.iso_week),
    "y": ("0", 2, lambda f: f.year % 100),
    "g": ("0", 2, lambda f: f.iso_year % 100),
    "C": ("0", 2, lambda f: f.year // 100),
}
