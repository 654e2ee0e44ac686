"""Ruby's Time#strftime and Date#strftime: every conversion, flag and width, as Ruby 3.1 prints them.

Expected values were printed by Ruby 3.1 (``Time#strftime``/``Date#strftime`` under ``TZ=UTC``, and
``TZ=America/New_York`` for the New York time), the same Ruby the Jekyll oracle runs.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from postforge.liquid.filters.ruby_time import local_zone
from postforge.liquid.filters.strftime import StrftimeError
from postforge.liquid.filters.strftime import strftime

from filter_cases import Case
from filter_cases import check_call
from filter_cases import ids


def _fixed(hours: int = 0, minutes: int = 0, seconds: int = 0) -> dt.timezone:
    """A Ruby fixed-offset zone (no name, so %Z prints nothing)."""
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes, seconds=seconds), "")


T_FIXED = dt.datetime(2024, 3, 5, 7, 8, 9, 123456, tzinfo=_fixed(2))
T_UTC = dt.datetime(2024, 12, 30, 17, 5, 3, tzinfo=dt.timezone.utc)
T_LOCAL = dt.datetime(2021, 1, 3, 0, 0, 0)  # naive: local time, TZ=UTC here
T_NEG = dt.datetime(2023, 1, 1, 23, 59, 59, 999999, tzinfo=_fixed(minutes=-30))
T_SECS = dt.datetime(2024, 7, 4, 12, 0, 0, tzinfo=_fixed(5, 45, 30))
T_NEW_YORK = dt.datetime(2024, 1, 15, 21, 30, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
D_DAY = dt.date(2024, 3, 5)
D_NEW_YEAR = dt.date(2027, 1, 1)


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")


CASES = [
    Case("abbreviated weekday", T_FIXED, ("%a",), {}, "Tue"),
    Case("full weekday", T_FIXED, ("%A",), {}, "Tuesday"),
    Case("abbreviated month", T_FIXED, ("%b",), {}, "Mar"),
    Case("full month", T_FIXED, ("%B",), {}, "March"),
    Case("%h is %b", T_FIXED, ("%h",), {}, "Mar"),
    Case("%c date and time", T_FIXED, ("%c",), {}, "Tue Mar  5 07:08:09 2024"),
    Case("century", T_FIXED, ("%C",), {}, "20"),
    Case("day zero padded", T_FIXED, ("%d",), {}, "05"),
    Case("%D", T_FIXED, ("%D",), {}, "03/05/24"),
    Case("day space padded", T_FIXED, ("%e",), {}, " 5"),
    Case("%F", T_FIXED, ("%F",), {}, "2024-03-05"),
    Case("ISO year and week year", T_UTC, ("%G %g %V",), {}, "2025 25 01"),
    Case("ISO week 1 of next year in December", T_UTC, ("%Y-W%V-%u",), {}, "2024-W01-1"),
    Case("ISO week 53 of previous year in January", T_LOCAL, ("%G-W%V-%u %U %W",), {}, "2020-W53-7 01 00"),
    Case("hours", T_UTC, ("%H %I %k %l",), {}, "17 05 17  5"),
    Case("midnight is 12 AM", T_LOCAL, ("%I %l %p %P",), {}, "12 12 AM am"),
    Case("day of year", T_FIXED, ("%j",), {}, "065"),
    Case("milliseconds truncate", T_NEG, ("%L",), {}, "999"),
    Case("nanoseconds", T_FIXED, ("%N",), {}, "123456000"),
    Case("%3N %6N %12N widths", T_FIXED, ("%3N|%6N|%12N|%1L|%5L",), {}, "123|123456|123456000000|1|12345"),
    Case("month minute second", T_FIXED, ("%m %M %S",), {}, "03 08 09"),
    Case("newline and tab", T_FIXED, ("a%nb%tc",), {}, "a\nb\tc"),
    Case("AM PM", T_UTC, ("%p %P",), {}, "PM pm"),
    Case("%r %R %T %X %x", T_UTC, ("%r|%R|%T|%X|%x",), {}, "05:05:03 PM|17:05|17:05:03|17:05:03|12/30/24"),
    Case("epoch seconds", T_FIXED, ("%s",), {}, "1709615289"),
    Case("epoch of a local time", T_LOCAL, ("%s",), {}, "1609632000"),
    Case("weekday numbers", T_LOCAL, ("%u %w",), {}, "7 0"),
    Case("week numbers", T_FIXED, ("%U %W",), {}, "09 10"),
    Case("years", T_FIXED, ("%y %Y",), {}, "24 2024"),
    Case("offset forms", T_FIXED, ("%z %:z %::z %:::z",), {}, "+0200 +02:00 +02:00:00 +02"),
    Case(
        "negative offset under an hour",
        T_NEG,
        ("%z %:z %::z %:::z %_z",),
        {},
        "-0030 -00:30 -00:30:00 -00:30  -030",
    ),
    Case("offset with seconds", T_SECS, ("%z %:z %::z %:::z",), {}, "+0545 +05:45 +05:45:30 +05:45:30"),
    Case("fixed offset has no zone name", T_FIXED, ("[%Z]",), {}, "[]"),
    Case("UTC zone name", T_UTC, ("%Z %z",), {}, "UTC +0000"),
    Case("local zone name", T_LOCAL, ("%Z %z",), {}, "UTC +0000"),
    Case("New York winter", T_NEW_YORK, ("%Z %z %H",), {}, "EST -0500 21"),
    Case("literal percent", T_FIXED, ("100%%",), {}, "100%"),
    Case("VMS date", T_FIXED, ("%v",), {}, " 5-MAR-2024"),
    Case(
        "- removes padding",
        T_FIXED,
        ("%-d %-m %-H %-I %-M %-S %-j %-y %-e %-l",),
        {},
        "5 3 7 7 8 9 65 24 5 7",
    ),
    Case("_ pads with spaces", T_FIXED, ("%_d %_m %_H %_j %_y",), {}, " 5  3  7  65 24"),
    Case("0 pads with zeros", T_FIXED, ("%0e %0k %0l",), {}, "05 07 07"),
    Case(
        "^ upcases",
        T_FIXED,
        ("%^a %^A %^b %^B %^p %^P %^c",),
        {},
        "TUE TUESDAY MAR MARCH AM AM TUE MAR  5 07:08:09 2024",
    ),
    Case("# swaps case", T_FIXED, ("%#a %#A %#b %#B %#p %#P",), {}, "TUE TUESDAY MAR MARCH am AM"),
    Case("# lowercases the zone", T_UTC, ("%#Z %^Z",), {}, "utc UTC"),
    Case(
        "width pads names with spaces",
        T_FIXED,
        ("[%10A][%10B][%10p]",),
        {},
        "[   Tuesday][     March][        AM]",
    ),
    Case("width with 0 pads names with zeros", T_FIXED, ("%010A",), {}, "000Tuesday"),
    Case(
        "width on numbers",
        T_FIXED,
        ("[%3d][%5Y][%-5Y][%_5Y][%5C][%4s]",),
        {},
        "[005][02024][2024][ 2024][00020][1709615289]",
    ),
    Case(
        "width on %z",
        T_FIXED,
        ("[%10z][%_10z][%-10z][%10:z]",),
        {},
        "[+000000200][      +200][+000000200][+000002:00]",
    ),
    Case(
        "width on composites",
        T_FIXED,
        ("[%10T][%010T][%-12R][%^10x]",),
        {},
        "[  07:08:09][0007:08:09][       07:08][  03/05/24]",
    ),
    Case("width on %% and %n", T_FIXED, ("[%5%][%-5%][%3n]",), {}, "[    %][%][  \n]"),
    Case("- with width keeps no padding", T_FIXED, ("[%-10A][%-5d]",), {}, "[Tuesday][5]"),
    Case("UTC with - prints -0000", T_UTC, ("%-z %-:z",), {}, "-0000 -00:00"),
    Case("flag after width is literal", T_FIXED, ("%5-d",), {}, "%5-d"),
    Case(
        "E and O modifiers are ignored",
        T_FIXED,
        ("%Ey %EY %Ec %Od %OH",),
        {},
        "24 2024 Tue Mar  5 07:08:09 2024 05 07",
    ),
    Case("E and O with other letters are literal", T_FIXED, ("%Eb %OY %E",), {}, "%Eb %OY %E"),
    Case("unknown conversions are copied", T_FIXED, ("%Q %+ %i %10q %-!",), {}, "%Q %+ %i %10q %-!"),
    Case("colons without z are literal", T_FIXED, ("%:y %::",), {}, "%:y %::"),
    Case("unicode text is kept", T_FIXED, ("Dé %Y 日",), {}, "Dé 2024 日"),
    Case("HTML is not escaped", T_FIXED, ("<b>%Y</b> & %d",), {}, "<b>2024</b> & 05"),
    Case("empty format", T_FIXED, ("",), {}, ""),
    Case("trailing % raises", T_FIXED, ("%Y%",), {}, StrftimeError),
    Case("trailing flag raises", T_FIXED, ("%-",), {}, StrftimeError),
    Case("trailing width raises", T_FIXED, ("%10",), {}, StrftimeError),
    Case("%:% raises", T_FIXED, ("%:%",), {}, StrftimeError),
    Case("date: time fields are zero", D_DAY, ("%H:%M:%S.%L %p %I",), {}, "00:00:00.000 AM 12"),
    Case("date: %z and %Z", D_DAY, ("%z %:z [%Z] %#Z",), {}, "+0000 +00:00 [+00:00] +00:00"),
    Case("date: %s and %Q", D_DAY, ("%s %Q",), {}, "1709596800 1709596800000"),
    Case("date: %+", D_DAY, ("%+",), {}, "Tue Mar  5 00:00:00 +00:00 2024"),
    Case("date: trailing % is literal", D_DAY, ("100%",), {}, "100%"),
    Case("date: trailing flag is literal", D_DAY, ("%Y %-",), {}, "2024 %-"),
    Case("date: ISO week of 1 January", D_NEW_YEAR, ("%G-W%V-%u %U %W %j",), {}, "2026-W53-5 00 00 001"),
    Case(
        "date: flags and widths",
        D_DAY,
        ("%-d|%_m|%^b|%#A|%10A|%05e|%-10z|%_10Z",),
        {},
        "5| 3|MAR|TUESDAY|   Tuesday|00005|+000000000|    +00:00",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_strftime(case: Case) -> None:
    check_call(strftime, case, match="invalid format")


ZONE_CASES = [
    Case("TZ names an IANA zone", "America/New_York", (), {}, "EST -0500"),
    Case("TZ with a leading colon", ":Asia/Kolkata", (), {}, "IST +0530"),
    Case("empty TZ is UTC", "", (), {}, "UTC +0000"),
    Case("unknown TZ is read as a POSIX rule", "Nowhere/Special", (), {}, "Nowhere +0000"),
    Case("POSIX rule with an offset west of UTC", "XYZ+5:30", (), {}, "XYZ -0530"),
    Case("POSIX rule with a quoted name", "<+03>-3", (), {}, "+03 +0300"),
    Case("zone file path", ":/usr/share/zoneinfo/Asia/Tokyo", (), {}, "JST +0900"),
]


@pytest.mark.parametrize("case", ZONE_CASES, ids=ids(ZONE_CASES))
def test_local_zone_follows_tz(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", case.value)
    assert strftime(dt.datetime(2024, 1, 15, 12, 0), "%Z %z") == case.expect
    assert strftime(dt.datetime(2024, 1, 15, 12, 0, tzinfo=local_zone()), "%z") == case.expect[-5:]
