"""The compiled strftime plans print exactly what the general state machine prints.

``strftime`` takes the compiled path for the formats it can compile and the general machine for
the rest; these tests run both on every conversion letter, with and without flags, widths and
modifiers, against values chosen for their edges (zones, DST folds, offsets under an hour and
with seconds, naive local times under several ``TZ``, dates, years 1 to 9999, nanoseconds), and
require the same text or the same error.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest

from postforge.liquid.filters import strftime_plan
from postforge.liquid.filters.ruby_time import PreciseTime
from postforge.liquid.filters.strftime import _general_strftime
from postforge.liquid.filters.strftime import strftime
from postforge.liquid.filters.strftime_plan import DATE_PLANS
from postforge.liquid.filters.strftime_plan import TIME_PLANS
from postforge.liquid.filters.strftime_plan import compile_plan

UTC = dt.timezone.utc
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
LONDON = zoneinfo.ZoneInfo("Europe/London")
DUBLIN = zoneinfo.ZoneInfo("Europe/Dublin")  # negative DST in the zone data
LORD_HOWE = zoneinfo.ZoneInfo("Australia/Lord_Howe")  # 30-minute DST
KATHMANDU = zoneinfo.ZoneInfo("Asia/Kathmandu")


def _offset(hours: int = 0, minutes: int = 0, seconds: int = 0, name: str | None = "") -> dt.timezone:
    delta = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return dt.timezone(delta) if name is None else dt.timezone(delta, name)


ZONES: list[dt.tzinfo] = [
    UTC,
    _offset(0),  # an unnamed zero offset: not UTC, %Z prints nothing
    _offset(5, 45),
    _offset(-0, -30),
    _offset(5, 45, 30),
    _offset(-5, -30, -15),
    _offset(-12),
    _offset(14),
    _offset(2, name=None),  # Python's generated name "UTC+02:00"
    _offset(-3, name="BRT"),
    _offset(0, name="GMT"),
    NEW_YORK,
    LONDON,
    DUBLIN,
    LORD_HOWE,
    KATHMANDU,
]

WALL_TIMES = [
    dt.datetime(2024, 3, 5, 7, 8, 9, 123456),
    dt.datetime(2024, 12, 30, 17, 5, 3),
    dt.datetime(2021, 1, 3, 0, 0, 0),
    dt.datetime(2023, 1, 1, 23, 59, 59, 999999),
    dt.datetime(2024, 2, 29, 12, 0, 0),
    dt.datetime(2026, 12, 31, 11, 59, 59, 1),
    dt.datetime(1970, 1, 1, 0, 0, 0),
    dt.datetime(1969, 12, 31, 23, 59, 59),
]

#: wall times around DST changes, each with fold 0 and 1
DST_TIMES = [
    dt.datetime(2024, 3, 10, 2, 30),  # New York gap
    dt.datetime(2024, 11, 3, 1, 30),  # New York overlap
    dt.datetime(2024, 3, 31, 1, 30),  # London gap
    dt.datetime(2024, 10, 27, 1, 30),  # London overlap
    dt.datetime(2024, 4, 7, 1, 45),  # Lord Howe overlap (30 minutes)
]


def _values() -> list[Any]:
    values: list[Any] = []
    for wall in WALL_TIMES:
        values.append(wall)  # naive: local time
        values.extend(wall.replace(tzinfo=zone) for zone in ZONES)
    for wall in DST_TIMES:
        for fold in (0, 1):
            values.append(wall.replace(fold=fold))
            values.extend(wall.replace(tzinfo=zone, fold=fold) for zone in (NEW_YORK, LONDON, LORD_HOWE))
    for year in (1, 999, 9999):
        values.append(dt.datetime(year, 1, 1, 0, 0, 0, tzinfo=_offset(5, 45)))
        values.append(dt.datetime(year, 12, 31, 23, 59, 59, 999999, tzinfo=_offset(-0, -30)))
        values.append(dt.datetime(year, 6, 15, 12, 0, 0))
        values.append(dt.datetime(year, 7, 1, 13, 0, 0, tzinfo=UTC))
        values.extend((dt.date(year, 1, 1), dt.date(year, 12, 31)))
    base = dt.datetime(2024, 3, 5, 7, 8, 9, 123456, tzinfo=UTC)
    for nanoseconds in (1, 999):
        values.append(PreciseTime.of(base, nanoseconds))
        values.append(PreciseTime.of(base.replace(microsecond=999999, tzinfo=None), nanoseconds))
    values.extend(dt.date(2024, 1, day) for day in range(1, 8))
    values.extend([dt.date(2027, 1, 1), dt.date(2020, 12, 31), dt.date(2024, 2, 29), dt.date(1970, 1, 1)])
    return values


VALUES = _values()

LETTERS = "aAbBcCdDeFgGhHIjklLmMnNpPqQrRsStTuUvVwWxXyYzZ%+i!"
VARIANTS = ["%{}", "%-{}", "%_{}", "%0{}", "%^{}", "%#{}", "%3{}", "%10{}", "%-10{}", "%_5{}", "%05{}", "%1{}",
            "%E{}", "%O{}", "%:{}", "%::{}", "%-:{}"]
SPECIAL = [
    "%:z", "%::z", "%:::z", "%::::z", "%_z", "%-z", "%-:z", "%_:z", "%10:z", "%#Z", "%^Z", "%10Z",
    "%-N", "%3N", "%12N", "%1L", "%-L", "%-%", "%5%", "%-n", "%Ey", "%Ec", "%EY", "%Od", "%OH", "%Eb",
    "%", "%Y%", "%-", "%10", "%:", "%:%", "%E", "%5-d", "%--d", "%-_d", "%^#B", "%#p", "%#P", "%^p",
    "%Q", "%-Q", "%+", "%^+", "%10+", "%v", "%-v",
]
BLOG = [
    "%B %-d, %Y", "%FT%T%:z", "%Y-%m-%d", "%b %-d, %Y", "%a, %d %b %Y %T %z", "%d %B %Y", "%Y/%m/%d",
    "%A, %B %e, %Y at %l:%M %p", "%-m/%-d/%y %-I:%M %P", "%Y-%m-%dT%H:%M:%S.%L%z", "%s.%N", "%j %U %W %V %G %g",
    "%Y-%m-%d %H:%M:%S %z", "%c | %x | %X | %D | %r | %R", "[%Z] %::z %:::z", "{{ %Y }} {%d}", "100%% done%n",
    "", "no conversions", "%%Y", "%-Y %-y %-C %-G %-g %-j %-s %-u %-w %-U %-W %-V",
    "%-H %-k %-I %-l %-M %-S %-e %-d %-m", "Dé %Y 日", "%u%w%C%y",
]
FORMATS = [variant.format(c) for c in LETTERS for variant in VARIANTS] + SPECIAL + BLOG


def _outcome(function: Any, value: Any, fmt: str) -> tuple[str, str]:
    try:
        return "ok", function(value, fmt)
    except Exception as error:  # noqa: BLE001 - the error itself is what is compared
        return type(error).__name__, str(error)


#: (index in VALUES, TZ): every value under UTC, naive ones (local time) under other zones too
RUNS = [(index, "UTC") for index in range(len(VALUES))] + [
    (index, tz)
    for tz in ("America/New_York", "Asia/Kathmandu", "XYZ+5:30", "<+03>-3")
    for index, value in enumerate(VALUES)
    if isinstance(value, dt.datetime) and value.tzinfo is None
]


@pytest.mark.parametrize(("index", "tz"), RUNS)
def test_plans_match_the_general_machine(index: int, tz: str, monkeypatch: pytest.MonkeyPatch) -> None:
    value = VALUES[index]
    monkeypatch.setenv("TZ", tz)
    for fmt in FORMATS:
        assert _outcome(strftime, value, fmt) == _outcome(_general_strftime, value, fmt), (value, fmt)


def test_blog_formats_are_compiled() -> None:
    """The comparison above is only worth something if the fast path is taken."""
    for fmt in BLOG:
        assert compile_plan(fmt, False) is not None, fmt
        assert compile_plan(fmt, True) is not None, fmt
    compiled = [fmt for fmt in FORMATS if compile_plan(fmt, False) is not None]
    assert len(compiled) > 80


@pytest.mark.parametrize(
    "fmt", ["%Y%", "%-", "%10d", "%^B", "%E", "%::::z", "%-z", "%v", "%N%3N", "%Q"]
)
def test_unusual_formats_use_the_general_machine(fmt: str) -> None:
    assert compile_plan(fmt, False) is None


def test_date_only_conversions() -> None:
    """``%Q`` and ``%+`` exist in Date#strftime only; Time#strftime copies them as written."""
    assert compile_plan("%Q %+", True) is not None
    expect = "1709596800000|1709596800000|Tue Mar  5 00:00:00 +00:00 2024"
    assert strftime(dt.date(2024, 3, 5), "%Q|%-Q|%+") == expect
    assert strftime(dt.datetime(2024, 3, 5, tzinfo=UTC), "%Q|%+") == "%Q|%+"


def test_naive_times_read_tz_at_each_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan compiled under one ``TZ`` still reads the local zone when called."""
    moment = dt.datetime(2024, 1, 15, 12, 0)
    monkeypatch.setenv("TZ", "UTC")
    assert strftime(moment, "%FT%T%:z %Z") == "2024-01-15T12:00:00+00:00 UTC"
    monkeypatch.setenv("TZ", "America/New_York")
    assert strftime(moment, "%FT%T%:z %Z") == "2024-01-15T12:00:00-05:00 EST"


def test_other_tzinfo_types_use_the_general_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    class Shifted(dt.tzinfo):
        def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta:
            return dt.timedelta(hours=1)

        def tzname(self, moment: dt.datetime | None) -> str:
            return "SHF"

        def dst(self, moment: dt.datetime | None) -> dt.timedelta:
            return dt.timedelta(0)

    moment = dt.datetime(2024, 1, 15, 12, 0, tzinfo=Shifted())
    calls: list[str] = []
    general = _general_strftime

    def spy(value: Any, fmt: str) -> str:
        calls.append(fmt)
        return general(value, fmt)

    monkeypatch.setattr("postforge.liquid.filters.strftime._general_strftime", spy)
    assert strftime(moment, "%FT%T%:z %Z") == "2024-01-15T12:00:00+01:00 SHF"
    assert calls == ["%FT%T%:z %Z"]


def test_plan_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strftime_plan, "_MAX_PLANS", len(TIME_PLANS))
    fmt = "%Y never seen before %m"
    assert strftime(dt.datetime(2024, 3, 5, tzinfo=UTC), fmt) == "2024 never seen before 03"
    assert fmt not in TIME_PLANS
    assert fmt not in DATE_PLANS
