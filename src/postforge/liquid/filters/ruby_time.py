"""Ruby's ``Time`` as Liquid and Jekyll build it: local zone from ``TZ``, ``Time.utc``/``local``/``parse``.

Ruby reads local time from ``TZ`` (Jekyll sets it from the site's ``timezone:``), builds times with
``Time.utc``/``Time.local`` (which fold April 31 into May 1 and refuse month 13), and parses strings
with ``time.rb``'s ``Time.parse``: :mod:`.date_parse` names the fields, the current time fills the
leading ones left out, and a zone counts only when it is a numeric offset, an RFC 822 name or the
local zone's own abbreviation (``CET`` is ignored; ``EST`` is not). Times come back as aware
``datetime`` objects in the conventions :mod:`.strftime` reads (``timezone.utc`` for UTC, an unnamed
``timezone`` for a fixed offset, the local ``tzinfo`` otherwise).

Failures raise :class:`ValueError` where Ruby raises ``ArgumentError``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
import zoneinfo
from typing import Any

from postforge.liquid.filters.date_parse import date_parse
from postforge.liquid.values import inspect
from postforge.regexes import LazyPattern

__all__ = ["local_zone", "time_parse", "ruby_time_utc", "ruby_time_local", "PreciseTime"]

#: a POSIX ``TZ`` rule's standard-time part: ``EST5``, ``<+03>-3``, ``XYZ+5:30``
_POSIX_TZ = LazyPattern(
    r"(?:<([^>]*)>|([A-Za-z]{3,}))(([+-]?)([0-9]{1,2})(?::([0-9]{1,2})(?::([0-9]{1,2}))?)?)?"
)


def local_zone() -> _dt.tzinfo:
    """The zone Ruby calls local time: ``TZ`` when set (Jekyll sets it from ``timezone:``)."""
    return _zone_for(os.environ.get("TZ"))


@functools.lru_cache(maxsize=32)
def _zone_for(name: str | None) -> _dt.tzinfo:
    """glibc's reading of ``TZ``: a zone file, else a POSIX ``NAME[offset]`` rule, else UTC.

    Unset means /etc/localtime; empty means UTC. A POSIX rule's daylight part is not modelled.
    """
    if name is None:
        return _zone_file("/etc/localtime") or zoneinfo.ZoneInfo("UTC")
    key = name[1:] if name.startswith(":") else name
    if not key:
        return zoneinfo.ZoneInfo("UTC")
    if key.startswith("/"):
        found = _zone_file(key)
        if found is not None:
            return found
    else:
        try:
            return zoneinfo.ZoneInfo(key)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass
    match = _POSIX_TZ.match(key)
    if not match:
        return _dt.timezone(_dt.timedelta(0), "")
    label = match.group(1) or match.group(2)
    if not match.group(3):
        return _dt.timezone(_dt.timedelta(0), label)
    hours, minutes, seconds = (int(part or 0) for part in match.group(5, 6, 7))
    west = _dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return _dt.timezone(west if match.group(4) == "-" else -west, label)


def _zone_file(path: str) -> _dt.tzinfo | None:
    try:
        with open(path, "rb") as handle:
            return zoneinfo.ZoneInfo.from_file(handle, key=path)
    except (OSError, ValueError):
        return None


_ZONE_OFFSET = {
    "UTC": 0, "Z": 0, "UT": 0, "GMT": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "I": 9, "K": 10, "L": 11,
    "M": 12, "N": -1, "O": -2, "P": -3, "Q": -4, "R": -5, "S": -6, "T": -7, "U": -8, "V": -9,
    "W": -10, "X": -11, "Y": -12,
}  # fmt: skip
_TIME_FIELDS = ("year", "yday", "mon", "mday", "hour", "min", "sec", "sec_fraction")
_NUMERIC_ZONE = LazyPattern(r"([+-])([0-9]{2})(:?)([0-9]{2})(?:\3([0-9]{2}))?")
_UTC_ZONE = LazyPattern(r"-00:00|-0000|-00|UTC|Z|UT", re.IGNORECASE)


def _zone_offset(zone: str, year: int) -> int | None:
    """``Time.zone_offset``: numeric offsets, RFC 822 names, or the local zone's abbreviations."""
    zone = zone.upper()
    match = _NUMERIC_ZONE.fullmatch(zone)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        return sign * ((int(match.group(2)) * 60 + int(match.group(4))) * 60 + int(match.group(5) or 0))
    if re.fullmatch(r"[+-][0-9]{2}", zone):
        return int(zone) * 3600
    if zone in _ZONE_OFFSET:
        return _ZONE_OFFSET[zone] * 3600
    for month in (1, 7):
        try:
            probe = ruby_time_local(year, month, 1, 0, 0, 0, 0)
        except (ValueError, OverflowError):
            return None
        if (probe.tzname() or "").upper() == zone:
            return round(probe.utcoffset().total_seconds())  # type: ignore[union-attr]
    return None


def _month_days(year: int, mon: int) -> int:
    leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
    return (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[mon - 1]


def _month_days_or_none(year: int, mon: int) -> int | None:
    """``month_days`` with Ruby's array indexing: nil past December, counted back below 1."""
    if not -11 <= mon <= 12:
        return None
    return _month_days(year, (mon - 1) % 12 + 1)


def _apply_offset(fields: list[int], off: int) -> list[int]:
    """``time.rb``'s ``apply_offset``: wall-clock fields at ``off`` moved to UTC, month-naively."""
    year, mon, day, hour, minute, sec = fields
    if off < 0:
        off, rest = divmod(-off, 60)
        if rest:
            carry, sec = divmod(sec + rest, 60)
            off += carry
        off, rest = divmod(off, 60)
        if rest:
            carry, minute = divmod(minute + rest, 60)
            off += carry
        off, rest = divmod(off, 24)
        if rest:
            carry, hour = divmod(hour + rest, 24)
            off += carry
        if off:
            day += off
            days = _month_days_or_none(year, mon)
            if days is not None and days < day:
                mon += 1
                if mon > 12:
                    mon, year = 1, year + 1
                day = 1
    elif off > 0:
        off, rest = divmod(off, 60)
        if rest:
            carry, sec = divmod(sec - rest, 60)
            off -= carry
        off, rest = divmod(off, 60)
        if rest:
            carry, minute = divmod(minute - rest, 60)
            off -= carry
        off, rest = divmod(off, 24)
        if rest:
            carry, hour = divmod(hour - rest, 24)
            off -= carry
        if off:
            day -= off
            if day < 1:
                mon -= 1
                if mon < 1:
                    year, mon = year - 1, 12
                day = _month_days_or_none(year, mon) or day
    return [year, mon, day, hour, minute, sec]


def _checked_fields(year: int, mon: int, day: int, hour: int, minute: int, sec: int) -> _dt.datetime:
    """``Time.utc``'s argument checks and month-end folding, as a naive wall-clock time."""
    for value, bits in ((mon, 4), (day, 5), (hour, 5), (minute, 6), (sec, 6)):
        if not 0 <= value < 2**bits:
            raise ValueError("argument out of range")
    if mon == 2 and day > _month_days(year, 2):
        day -= _month_days(year, 2)
        mon = 3
    elif mon in (4, 6, 9, 11) and day == 31:
        mon, day = mon + 1, 1
    for name, value, low, high in (
        ("mon", mon, 1, 12),
        ("mday", day, 1, 31),
        ("hour", hour, 0, 24),
        ("min", minute, 0, 0 if hour == 24 else 59),
        ("sec", sec, 0, 0 if hour == 24 else 60),
    ):
        if not low <= value <= high:
            raise ValueError(f"{name} out of range")
    base = _dt.datetime(year, mon, day)
    return base + _dt.timedelta(hours=hour, minutes=minute, seconds=sec)


def ruby_time_utc(
    year: int, mon: int, day: int, hour: int, minute: int, sec: int, usec: int
) -> _dt.datetime:
    """``Time.utc(...)``: a UTC time, month ends folded forward, out-of-range fields refused."""
    wall = _checked_fields(year, mon, day, hour, minute, sec)
    return (wall + _dt.timedelta(microseconds=usec)).replace(tzinfo=_dt.timezone.utc)


def ruby_time_local(
    year: int, mon: int, day: int, hour: int, minute: int, sec: int, usec: int
) -> _dt.datetime:
    """``Time.local(...)``: the same wall clock read in the local zone."""
    wall = _checked_fields(year, mon, day, hour, minute, sec) + _dt.timedelta(microseconds=usec)
    zone = local_zone()
    first = wall.replace(tzinfo=zone)
    later = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != later.utcoffset():
        # a repeated wall clock means the later (standard-time) instant; a skipped one, the earlier rule
        moved = later.astimezone(_dt.timezone.utc).astimezone(zone)
        if moved.replace(tzinfo=None, fold=0) == wall:
            return moved
    return first.astimezone(_dt.timezone.utc).astimezone(zone)


def _force_zone(moment: _dt.datetime, zone: str, off: int | None) -> _dt.datetime:
    """``force_zone!``: UTC names stay UTC; otherwise local time if it has the offset, else fixed."""
    if _UTC_ZONE.fullmatch(zone):
        return moment
    if off is None:
        off = _zone_offset(zone, moment.year)
    local = moment.astimezone(local_zone())
    if off is None or local.utcoffset() == _dt.timedelta(seconds=off):
        return local
    return moment.astimezone(_dt.timezone(_dt.timedelta(seconds=off), ""))


class PreciseTime(_dt.datetime):
    """A time that keeps the nanoseconds past the microsecond that Ruby's ``Time`` keeps (``%N``)."""

    #: nanoseconds beyond ``microsecond`` (0-999); :mod:`.strftime` adds them to ``%N``/``%L``
    extra_ns = 0

    @classmethod
    def of(cls, moment: _dt.datetime, nanoseconds: int) -> PreciseTime:
        precise = cls.combine(moment.date(), moment.timetz())
        precise.extra_ns = nanoseconds
        return precise


def time_parse(text: str, now: _dt.datetime | None = None) -> _dt.datetime:
    """Ruby's ``Time.parse(text)``; missing leading fields come from ``now`` (default: now)."""
    h = date_parse(text, True)
    if now is None:
        now = _dt.datetime.now(local_zone())
    fields = {key: h.get(key) for key in _TIME_FIELDS}
    moment = _make_time(text, fields, h.get("zone"), now)
    fraction = fields["sec_fraction"]
    nanoseconds = int(fraction * 1_000_000_000) % 1000 if fraction is not None else 0
    return PreciseTime.of(moment, nanoseconds) if nanoseconds else moment


def _make_time(text: str, f: dict[str, Any], zone: str | None, now: _dt.datetime) -> _dt.datetime:
    if all(value is None for value in f.values()):
        raise ValueError(f"no time information in {inspect(text)}")
    year = f["year"]
    off_year = year if year is not None else now.year
    off = _zone_offset(zone, off_year) if zone else None
    yday = f["yday"]
    if yday is not None:
        if not 1 <= yday <= 366:
            raise ValueError(f"yday {yday} out of range")
        mon, day = divmod(yday - 1, 31)
        mon, day = mon + 1, day + 1
        first = _make_time(text, {**f, "yday": None, "mon": mon, "mday": day}, zone, now)
        diff = yday - first.timetuple().tm_yday
        if diff == 0:
            return first
        day += diff
        if day > 28 and day > _month_days(off_year, mon):
            day -= _month_days(off_year, mon)
            mon += 1
            if mon > 12:
                raise ValueError(f"yday {yday} out of range")
        return _make_time(text, {**f, "yday": None, "mon": mon, "mday": day}, zone, now)
    if off is not None:
        if now.utcoffset() != _dt.timedelta(seconds=off):
            now = now.astimezone(_dt.timezone(_dt.timedelta(seconds=off), ""))
    else:
        now = now.astimezone(local_zone())
    usec = None
    if f["sec_fraction"] is not None:
        usec = int(f["sec_fraction"] * 1000000)
    values = [year, f["mon"], f["mday"], f["hour"], f["min"], f["sec"]]
    from_now = [now.year, now.month, now.day, now.hour, now.minute, now.second]
    for index, value in enumerate(values):
        if value is not None:
            break
        values[index] = from_now[index]
    else:
        if usec is None:
            usec = now.microsecond
    defaults = [1970, 1, 1, 0, 0, 0]
    values = [default if value is None else value for value, default in zip(values, defaults)]
    if usec is None:
        usec = 0
    if values[0] != off_year:
        off = _zone_offset(zone, values[0]) if zone else None
    if off is not None:
        utc = ruby_time_utc(*_apply_offset(values, off), usec)
        return _force_zone(utc, zone or "", off)
    return ruby_time_local(*values, usec)
