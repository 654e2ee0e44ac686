"""The date filters' shortcuts for model times give what Ruby's rules give, in every zone.

``date`` and ``date_to_xmlschema`` remember what they made of an aware time by the object
itself (keyed by format, or by the local zone it is moved into), and compiled plans write
four-digit years from a table: these compare each shortcut with the general machine.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from postforge.liquid.filters.dates import _jekyll_time
from postforge.liquid.filters.dates import date
from postforge.liquid.filters.dates import date_to_xmlschema
from postforge.liquid.filters.strftime import _general_strftime
from postforge.liquid.filters.strftime import strftime

UTC = dt.timezone.utc
ZONES = ["UTC", "America/New_York", "Asia/Kathmandu", "XYZ+5:30"]
TIMES = [
    dt.datetime(2024, 3, 5, 7, 8, 9, tzinfo=zoneinfo.ZoneInfo("UTC")),
    dt.datetime(2024, 11, 3, 1, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"), fold=1),
    dt.datetime(1800, 6, 1, 12, 0, tzinfo=UTC),  # New York's zone then had an offset with seconds
    dt.datetime(5, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=3))),
    dt.datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=dt.timezone(dt.timedelta(hours=-2, minutes=-30), "X")),
]
FORMATS = ["%Y-%m-%d", "%B %-d, %Y", "%FT%T%:z", "%c %Z %z", "%-m/%-d/%y %I:%M %p", "%G-W%V-%u %j %s"]


def _general_xmlschema(moment: dt.datetime) -> str:
    return _general_strftime(_jekyll_time(moment), "%FT%T%:z")


@pytest.mark.parametrize("moment", TIMES, ids=str)
def test_xmlschema_of_one_time_follows_the_zone(moment: dt.datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same object under each zone in turn, then the first again: remembered per zone
    for tz in ZONES + ZONES[:1]:
        monkeypatch.setenv("TZ", tz)
        expected = _general_xmlschema(moment)
        assert date_to_xmlschema(moment) == expected, tz
        assert date_to_xmlschema(moment) == expected, tz


@pytest.mark.parametrize("moment", TIMES, ids=str)
def test_date_of_a_remembered_time_is_ruby_strftime(moment: dt.datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    for tz in ZONES[:2]:
        monkeypatch.setenv("TZ", tz)
        for fmt in FORMATS:
            expected = _general_strftime(moment, fmt)
            assert date(moment, fmt) == expected, fmt
            assert date(moment, fmt) == expected, fmt


def test_equal_times_in_other_zones_keep_their_own_text() -> None:
    first = dt.datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    other = first.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=45)))
    assert first == other
    assert date(first, "%H:%M %z") == "12:00 +0000"
    assert date(other, "%H:%M %z") == "17:45 +0545"
    assert date(dt.date(2024, 3, 5), "%Y %Z") == "2024 +00:00"


@pytest.mark.parametrize("year", [1, 5, 99, 999, 1000, 2024, 9999])
def test_plans_pad_years_to_four_digits(year: int) -> None:
    for value in (dt.datetime(year, 2, 3, 4, 5, 6, tzinfo=UTC), dt.date(year, 2, 3)):
        for fmt in ("%Y", "%F", "%Y-%m-%d", "%B %-d, %Y", "%-Y|%Y"):
            assert strftime(value, fmt) == _general_strftime(value, fmt), (value, fmt)
    assert strftime(dt.date(year, 2, 3), "%Y") == f"{year:04d}"
