"""Ruby's ``Date._parse``: which year, month, day, hour… a free-form date string names.

Liquid's ``date`` filter and Jekyll's date filters read strings with ``Time.parse``, which rests on
this heuristic and so accepts far more than ISO 8601: ``March 5, 2024``, ``5.3.2024``,
``Tue, 05 Mar 2024``, ``10pm``, ``20240305T0708``, ``R6.03.05``… Which strings parse, and to what,
is part of a site's output, so this is a port of ``date_parse.c`` (date 3.2, as Ruby 3.1 ships
it): the same scanners tried in the same order, each blanking out what it consumed, with Onigmo's
regex semantics (ASCII digit and space classes, Unicode word boundaries).

Failures raise :class:`ValueError` where Ruby raises ``ArgumentError``, :class:`OverflowError`
where it raises ``RangeError``.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any
from typing import Callable

from postforge.regexes import LazyPattern

__all__ = ["date_parse", "PARSE_LIMIT"]

#: Date._parse refuses longer strings (date 3.2.1+, CVE-2021-41817)
PARSE_LIMIT = 128

_ABBR_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_ABBR_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS_RE = "|".join(_ABBR_DAYS)
_MONTHS_RE = "|".join(_ABBR_MONTHS)
_ERA = r"(c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.))"


class _Onigmo:
    """An Onigmo pattern, translated and compiled on its first use.

    Parsing a date this way is a rare path (front matter dates and Jekyll's own formats have quick
    ones), and compiling these patterns when the module loads cost every build ~3 ms.
    """

    __slots__ = ("source", "ignore_case", "_compiled")

    def __init__(self, source: str, ignore_case: bool) -> None:
        self.source = source
        self.ignore_case = ignore_case
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _translate(self.source, self.ignore_case)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled().match(text)


def _rx(pattern: str, ignore_case: bool = True) -> _Onigmo:
    return _Onigmo(pattern, ignore_case)


def _translate(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """Compile an Onigmo pattern: ``\\d`` and ``\\s`` are ASCII there, ``\\b`` and letters are not."""
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            esc = pattern[i + 1]
            if esc == "d":
                out.append("0-9" if in_class else "[0-9]")
            elif esc == "D":
                out.append("[^0-9]")
            elif esc == "s":
                out.append(r" \t\n\v\f\r" if in_class else r"[ \t\n\v\f\r]")
            elif esc == "S":
                out.append(r"[^ \t\n\v\f\r]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                out.append("\\]")
                i += 1
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    return re.compile("".join(out), re.IGNORECASE if ignore_case else 0)


_ALPHA = r"[^\W\d_]"  # [[:alpha:]]

_NOT_DATE_CHAR = LazyPattern(r"(?:[^\w\-+',./:@\[\]]|_)+")
_DAY = _rx(rf"\b({_DAYS_RE})[^-/\d\s]*")
_TIME = _rx(
    r"("
    r"(?:\d+\s*:\s*\d+(?:\s*:\s*\d+(?:[,.]\d*)?)?|\d+\s*h(?:\s*\d+m?(?:\s*\d+s?)?)?)"
    r"(?:\s*[ap](?:m\b|\.m\.))?"
    r"|\d+\s*[ap](?:m\b|\.m\.)"
    r")"
    r"(?:\s*("
    r"(?:gmt|utc?)?[-+]\d+(?:[,.:]\d+(?::\d+)?)?"
    rf"|(?-i:(?:{_ALPHA}|[.\s])+)(?:standard|daylight)\stime\b"
    rf"|(?-i:{_ALPHA}+)(?:\sdst)?\b"
    r"))?"
)
_TIME2 = _rx(
    r"\A(\d+)h?(?:\s*:?\s*(\d+)m?(?:\s*:?\s*(\d+)(?:[,.](\d+))?s?)?)?(?:\s*([ap])(?:m\b|\.m\.))?"
)
_EU = _rx(
    rf"('?\d+)[^-\d\s]*\s*({_MONTHS_RE})[^-\d\s']*"
    rf"(?:\s*{_ERA}?\s*('?-?\d+(?:(?:st|nd|rd|th)\b)?))?"
)
_US = _rx(
    rf"\b({_MONTHS_RE})[^-\d\s']*\s*('?\d+)[^-\d\s']*"
    rf"(?:\s*,?\s*{_ERA}?\s*('?-?\d+))?"
)
_ISO = _rx(r"('?[-+]?\d+)-(\d+)-('?-?\d+)", ignore_case=False)
_JIS = _rx(r"\b([mtshr])(\d+)\.(\d+)\.(\d+)")
_VMS11 = _rx(rf"('?-?\d+)-({_MONTHS_RE})[^-/.]*-('?-?\d+)")
_VMS12 = _rx(rf"\b({_MONTHS_RE})[^-/.]*-('?-?\d+)(?:-('?-?\d+))?")
_SLA = _rx(r"('?-?\d+)/\s*('?\d+)(?:\D\s*('?-?\d+))?")
_DOT = _rx(r"('?-?\d+)\.\s*('?\d+)\.\s*('?-?\d+)")
_ISO21 = _rx(r"\b(\d{2}|\d{4})?-?w(\d{2})(?:-?(\d))?\b")
_ISO22 = _rx(r"-w-(\d)\b")
_ISO23 = _rx(r"--(\d{2})?-(\d{2})\b", ignore_case=False)
_ISO24 = _rx(r"--(\d{2})(\d{2})?\b", ignore_case=False)
_ISO25_NOT = _rx(r"[,.](\d{2}|\d{4})-\d{3}\b", ignore_case=False)
_ISO25 = _rx(r"\b(\d{2}|\d{4})-(\d{3})\b", ignore_case=False)
_ISO26_NOT = _rx(r"\d-\d{3}\b", ignore_case=False)
_ISO26 = _rx(r"\b-(\d{3})\b", ignore_case=False)
_YEAR = _rx(r"'(\d+)\b", ignore_case=False)
_MON = _rx(rf"\b({_MONTHS_RE})\S*")
_MDAY = _rx(r"(\d+)(st|nd|rd|th)\b")
_DDD = _rx(
    r"([-+]?)(\d{2,14})(?:\s*t?\s*(\d{2,6})?(?:[,.](\d*))?)?"
    r"(?:\s*(z\b|[-+]\d{1,4}\b|\[[-+]?\d[^\]]*\]))?"
)
_BC = _rx(r"\b(bc\b|bce\b|b\.c\.|b\.c\.e\.)")
_FRAG = _rx(r"\A\s*(\d{1,2})\s*\Z")

_INT_MAX = 2**31 - 1
_GENGO = {"m": 1867, "t": 1911, "s": 1925, "h": 1988, "r": 2018}

_ALPHA_C = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGIT_C = frozenset("0123456789")


class _Str:
    """The string ``date__parse`` works on: each scanner that matches blanks out what it used."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def has(self, alpha: bool = False, digit: bool = False, char: str = "") -> bool:
        text = self.text
        if alpha and not any(ch in _ALPHA_C for ch in text):
            return False
        if digit and not any(ch in _DIGIT_C for ch in text):
            return False
        return all(ch in text for ch in char)

    def sub(self, pattern: _Onigmo, callback: Callable[[re.Match[str], dict], Any], h: dict) -> bool:
        match = pattern.search(self.text)
        if not match:
            return False
        self.text = self.text[: match.start()] + " " + self.text[match.end() :]
        callback(match, h)
        return True


def _num(text: str | None) -> int:
    """``String#to_i`` on a scanner's digits (optionally signed)."""
    match = re.match(r"[-+]?[0-9]+", text or "")
    return int(match.group()) if match else 0


def _mon_num(text: str) -> int:
    head = text[:3].lower()
    return _ABBR_MONTHS.index(head) + 1 if head in _ABBR_MONTHS else 13


def _digits_from(text: str, signed: bool) -> tuple[int, int, int] | None:
    """Where the number in a scanner field starts (after junk), its sign end, and its digits end."""
    i = 0
    while i < len(text) and not (signed and text[i] in "+-") and text[i] not in _DIGIT_C:
        i += 1
    if i >= len(text):
        return None
    start = i
    if text[i] in "+-":
        i += 1
    body = i
    while i < len(text) and text[i] in _DIGIT_C:
        i += 1
    return start, body, i


def _s3e(h: dict, y: str | None, m: Any, d: str | None, bc: bool) -> None:
    """Decide which of three numbers is the year, month and day (``s3e`` in date_parse.c)."""
    if m is not None and not isinstance(m, str):
        m = str(m)
    comp: bool | None = None
    if y is not None and m is not None and d is None:
        y, m, d = d, y, m
    if y is None:
        if d is not None and len(d) > 2:
            y, d = d, None
        if d is not None and d[:1] == "'":
            y, d = d, None
    if y is not None:
        span = _digits_from(y, signed=True)
        if span is not None:
            start, body, end = span
            if end < len(y):
                y, d = d, y[start:end]
    if m is not None and (m[:1] == "'" or len(m) > 2):
        y, m, d = m, d, y
    if d is not None and (d[:1] == "'" or len(d) > 2):
        y, d = d, y
    if y is not None:
        span = _digits_from(y, signed=True)
        if span is not None:
            start, body, end = span
            if body > start:
                comp = False
            if end - body > 2:
                comp = False
            h["year"] = _num(y[start:end]) if end > body else 0
    if bc:
        h["_bc"] = True
    if m is not None:
        span = _digits_from(m, signed=False)
        if span is not None:
            h["mon"] = int(m[span[1] : span[2]])
    if d is not None:
        span = _digits_from(d, signed=False)
        if span is not None:
            h["mday"] = int(d[span[1] : span[2]])
    if comp is not None:
        h["_comp"] = comp


def _is_bc(era: str | None) -> bool:
    return era is not None and era[:1] in "bB"


def _day_cb(m: re.Match[str], h: dict) -> None:
    h["wday"] = _ABBR_DAYS.index(m.group(1)[:3].lower())


def _time_cb(m: re.Match[str], h: dict) -> None:
    if m.group(2) is not None:
        h["zone"] = m.group(2)
    inner = _TIME2.match(m.group(1))
    if not inner:
        return
    hour = int(inner.group(1))
    if inner.group(5) is not None:
        if hour > _INT_MAX:  # NUM2INT
            raise OverflowError(f"integer {hour} too big to convert to `int'")
        hour = hour % 12 + (12 if inner.group(5) in "pP" else 0)
    h["hour"] = hour
    if inner.group(2) is not None:
        h["min"] = int(inner.group(2))
    if inner.group(3) is not None:
        h["sec"] = int(inner.group(3))
    if inner.group(4) is not None:
        h["sec_fraction"] = Fraction(int(inner.group(4)), 10 ** len(inner.group(4)))


def _eu_cb(m: re.Match[str], h: dict) -> None:
    _s3e(h, m.group(4), _mon_num(m.group(2)), m.group(1), _is_bc(m.group(3)))


def _us_cb(m: re.Match[str], h: dict) -> None:
    _s3e(h, m.group(4), _mon_num(m.group(1)), m.group(2), _is_bc(m.group(3)))


def _iso_cb(m: re.Match[str], h: dict) -> None:
    _s3e(h, m.group(1), m.group(2), m.group(3), False)


def _jis_cb(m: re.Match[str], h: dict) -> None:
    h["year"] = int(m.group(2)) + _GENGO[m.group(1).lower()]
    h["mon"] = int(m.group(3))
    h["mday"] = int(m.group(4))


def _vms11_cb(m: re.Match[str], h: dict) -> None:
    _s3e(h, m.group(3), _mon_num(m.group(2)), m.group(1), False)


def _vms12_cb(m: re.Match[str], h: dict) -> None:
    _s3e(h, m.group(3), _mon_num(m.group(1)), m.group(2), False)


def _iso21_cb(m: re.Match[str], h: dict) -> None:
    if m.group(1) is not None:
        h["cwyear"] = int(m.group(1))
    h["cweek"] = int(m.group(2))
    if m.group(3) is not None:
        h["cwday"] = int(m.group(3))


def _iso22_cb(m: re.Match[str], h: dict) -> None:
    h["cwday"] = int(m.group(1))


def _iso23_cb(m: re.Match[str], h: dict) -> None:
    if m.group(1) is not None:
        h["mon"] = int(m.group(1))
    h["mday"] = int(m.group(2))


def _iso24_cb(m: re.Match[str], h: dict) -> None:
    h["mon"] = int(m.group(1))
    if m.group(2) is not None:
        h["mday"] = int(m.group(2))


def _iso25_cb(m: re.Match[str], h: dict) -> None:
    h["year"] = int(m.group(1))
    h["yday"] = int(m.group(2))


def _iso26_cb(m: re.Match[str], h: dict) -> None:
    h["yday"] = int(m.group(1))


def _iso2(s: _Str, h: dict) -> bool:
    if s.sub(_ISO21, _iso21_cb, h) or s.sub(_ISO22, _iso22_cb, h):
        return True
    if s.sub(_ISO23, _iso23_cb, h) or s.sub(_ISO24, _iso24_cb, h):
        return True
    if not _ISO25_NOT.search(s.text) and s.sub(_ISO25, _iso25_cb, h):
        return True
    return not _ISO26_NOT.search(s.text) and s.sub(_ISO26, _iso26_cb, h)


def _ddd_cb(m: re.Match[str], h: dict) -> None:
    sign, s2, s3, s4, s5 = m.groups()
    neg = sign == "-"
    l2 = len(s2)
    time_only = s3 is None and s4 is not None

    def two(pos: int, width: int = 2) -> int:
        return int(s2[pos : pos + width])

    if l2 in (2, 4, 6, 8, 10, 12, 14) and time_only:
        fields = ("sec", "min", "hour", "mday", "mon")
        for index, name in enumerate(fields[: min(l2 // 2, 5)]):
            h[name] = two(l2 - 2 * (index + 1))
        if l2 == 12:
            h["year"] = -two(0) if neg else two(0)
        if l2 == 14:
            h["year"] = -two(0, 4) if neg else two(0, 4)
            h["_comp"] = False
    elif l2 == 2:
        h["mday"] = two(0)
    elif l2 == 4:
        h["mon"], h["mday"] = two(0), two(2)
    elif l2 == 6:
        h["year"] = -two(0) if neg else two(0)
        h["mon"], h["mday"] = two(2), two(4)
    elif l2 in (8, 10, 12, 14):
        h["year"] = -two(0, 4) if neg else two(0, 4)
        h["mon"], h["mday"] = two(4), two(6)
        for pos, name in ((8, "hour"), (10, "min"), (12, "sec")):
            if l2 > pos:
                h[name] = two(pos)
        h["_comp"] = False
    elif l2 == 3:
        if time_only:
            h["sec"], h["min"] = two(1), two(0, 1)
        else:
            h["yday"] = two(0, 3)
    elif l2 == 5:
        if time_only:
            h["sec"], h["min"], h["hour"] = two(3), two(1), two(0, 1)
        else:
            h["year"] = -two(0) if neg else two(0)
            h["yday"] = two(2, 3)
    elif l2 == 7:
        if time_only:
            h["sec"], h["min"], h["hour"], h["mday"] = two(5), two(3), two(1), two(0, 1)
        else:
            h["year"] = -two(0, 4) if neg else two(0, 4)
            h["yday"] = two(4, 3)
    if s3 is not None and len(s3) in (2, 4, 6):
        l3 = len(s3)
        if s4 is not None:
            h["sec"] = int(s3[l3 - 2 :])
            if l3 >= 4:
                h["min"] = int(s3[l3 - 4 : l3 - 2])
            if l3 >= 6:
                h["hour"] = int(s3[:2])
        else:
            h["hour"] = int(s3[:2])
            if l3 >= 4:
                h["min"] = int(s3[2:4])
            if l3 >= 6:
                h["sec"] = int(s3[4:6])
    if s4 is not None:
        h["sec_fraction"] = Fraction(_num(s4), 10 ** len(s4))
    if s5 is not None:
        h["zone"] = s5
        if s5.startswith("["):
            inner = s5[1:-1]
            h["zone"] = inner.split(":", 1)[1] if ":" in inner else inner


def _year_cb(m: re.Match[str], h: dict) -> None:
    h["year"] = int(m.group(1))


def _mon_cb(m: re.Match[str], h: dict) -> None:
    h["mon"] = _mon_num(m.group(1))


def _mday_cb(m: re.Match[str], h: dict) -> None:
    h["mday"] = int(m.group(1))


def _bc_cb(m: re.Match[str], h: dict) -> None:
    h["_bc"] = True


def _frag_cb(m: re.Match[str], h: dict) -> None:
    n = int(m.group(1))
    if "hour" in h and "mday" not in h and 1 <= n <= 31:
        h["mday"] = n
    if "mday" in h and "hour" not in h and 0 <= n <= 24:
        h["hour"] = n


def date_parse(text: str, comp: bool = True) -> dict[str, Any]:
    """Ruby's ``Date._parse``: the fields a string names (no ``offset``; Time.parse ignores it)."""
    if len(text) > PARSE_LIMIT:
        raise ValueError(f"string length ({len(text)}) exceeds the limit {PARSE_LIMIT}")
    s = _Str(_NOT_DATE_CHAR.sub(" ", text))
    h: dict[str, Any] = {"_comp": comp}
    if s.has(alpha=True):
        s.sub(_DAY, _day_cb, h)
    if s.has(digit=True):
        s.sub(_TIME, _time_cb, h)
    _parse_date_part(s, h)
    if s.has(alpha=True):
        s.sub(_BC, _bc_cb, h)
    if s.has(digit=True):
        s.sub(_FRAG, _frag_cb, h)
    if h.pop("_bc", False):
        for key in ("cwyear", "year"):
            if key in h:
                h[key] = -h[key] + 1
    if h.pop("_comp"):
        for key in ("cwyear", "year"):
            if key in h and 0 <= h[key] <= 99:
                h[key] += 1900 if h[key] >= 69 else 2000
    return h


def _parse_date_part(s: _Str, h: dict) -> None:
    """The date scanners, first match wins (the ``goto ok`` chain)."""
    if s.has(alpha=True, digit=True) and (s.sub(_EU, _eu_cb, h) or s.sub(_US, _us_cb, h)):
        return
    if s.has(digit=True, char="-") and s.sub(_ISO, _iso_cb, h):
        return
    if s.has(digit=True, char=".") and s.sub(_JIS, _jis_cb, h):
        return
    if s.has(alpha=True, digit=True, char="-"):
        if s.sub(_VMS11, _vms11_cb, h) or s.sub(_VMS12, _vms12_cb, h):
            return
    if s.has(digit=True, char="/") and s.sub(_SLA, _iso_cb, h):
        return
    if s.has(digit=True, char=".") and s.sub(_DOT, _iso_cb, h):
        return
    if s.has(digit=True) and _iso2(s, h):
        return
    if s.has(digit=True) and s.sub(_YEAR, _year_cb, h):
        return
    if s.has(alpha=True) and s.sub(_MON, _mon_cb, h):
        return
    if s.has(digit=True) and s.sub(_MDAY, _mday_cb, h):
        return
    if s.has(digit=True):
        s.sub(_DDD, _ddd_cb, h)
