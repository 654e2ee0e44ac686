"""A YAML time as a post's date: its fraction dropped only when it has one, the same result.

``parse_date`` drops a time's fraction and converts it to the local zone by UTC. It used to call
``replace`` always; the result must be the same datetime, zone and fold, for times around
daylight-saving changes, in the local zone itself with either fold, with fractions, odd offsets
and at the ends of the year range.
"""

from __future__ import annotations

import datetime as dt
import random
import time

import pytest

from postforge.liquid.filters.ruby_time import local_zone
from postforge.reading.documents import parse_date


def _times() -> list[dt.datetime]:
    rng = random.Random(5)
    offsets = [0, 3600, -18000, -19800, 19800, 45900, -43200, 50400, 1800, -1800]
    times = []
    for _ in range(400):
        zone = dt.timezone(dt.timedelta(seconds=rng.choice(offsets)), rng.choice(["", "X"]))
        times.append(dt.datetime(rng.randint(1000, 9999), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                 rng.randint(0, 59), rng.randint(0, 59), rng.choice([0, 0, 1, 999999]), tzinfo=zone))
    # the hours around 2023's changes in New York and Berlin, at several offsets
    for day, hour in ((dt.date(2023, 3, 12), 6), (dt.date(2023, 11, 5), 5), (dt.date(2023, 3, 26), 0), (dt.date(2023, 10, 29), 0)):
        for minutes in range(0, 240, 15):
            base = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=minutes)
            times.append(base)
            times.append(base.astimezone(dt.timezone(dt.timedelta(hours=-5), "")))
    times.append(dt.datetime(9999, 12, 31, 23, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5), "")))
    times.append(dt.datetime(1000, 1, 1, 0, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=5), "")))
    return times


def _local_times() -> list[dt.datetime]:
    """Times in the local zone (as a time written without an offset reads), with either fold."""
    zone = local_zone()
    return [dt.datetime(2023, month, day, hour, 30, 0, micro, tzinfo=zone, fold=fold)
            for month, day in ((3, 12), (3, 26), (11, 5), (10, 29), (6, 1)) for hour in (0, 1, 2, 3)
            for micro in (0, 5) for fold in (0, 1)]


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "EST5", ""])
def test_the_date_is_what_replace_and_two_conversions_gave(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        for value in _times() + _local_times():
            try:
                expected = value.replace(microsecond=0).astimezone(dt.timezone.utc).astimezone(local_zone())
            except (OverflowError, ValueError):
                with pytest.raises(Exception):  # noqa: B017 - the same failure, reported as Jekyll words it
                    parse_date(value, "_posts/x.md", "front matter")
                continue
            got = parse_date(value, "_posts/x.md", "front matter")
            assert (got, got.tzinfo, got.utcoffset(), got.tzname(), got.fold) == (
                expected, expected.tzinfo, expected.utcoffset(), expected.tzname(), expected.fold), value
    finally:
        monkeypatch.undo()
        time.tzset()
