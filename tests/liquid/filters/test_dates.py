"""Liquid's ``date`` filter and Jekyll's date filters, with Time.parse underneath, as Jekyll 4.3 renders them.

Every expectation came from the Jekyll oracle (``liquid.rb``, ``TZ=UTC``; the New York table from a
site with ``timezone: America/New_York``), rendering ``{{ t | filter: args }}`` with ``t`` the
case's value; the time objects stand for a YAML date (``D_DAY``), a YAML UTC time (``T_UTC``), a
YAML time with an offset (``T_FIXED``) and ``site.time`` (``T_SITE``). Where the filter gives its
input back, the expectation is that input (Liquid printed it unchanged). The ``Time.parse`` table
came from Ruby 3.1's ``Time.parse(text, now)`` with the ``NOW`` below.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any
from typing import Callable

import pytest

from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters.dates import FILTERS
from postforge.liquid.filters.dates import date
from postforge.liquid.filters.dates import date_to_long_string
from postforge.liquid.filters.dates import date_to_rfc822
from postforge.liquid.filters.dates import date_to_string
from postforge.liquid.filters.dates import date_to_xmlschema
from postforge.liquid.filters.dates import register
from postforge.liquid.filters.dates import to_date
from postforge.liquid.filters.strftime import strftime
from postforge.liquid.filters.ruby_time import time_parse

from filter_cases import Case
from filter_cases import check
from filter_cases import check_call
from filter_cases import check_register
from filter_cases import ids
from filter_cases import render


D_DAY = dt.date(2024, 3, 5)
T_UTC = dt.datetime(2024, 3, 5, 7, 8, 9, tzinfo=dt.timezone.utc)
T_FIXED = dt.datetime(2024, 12, 31, 22, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=-2), ""))
T_SITE = dt.datetime(2024, 3, 5, 5, 8, 9, tzinfo=zoneinfo.ZoneInfo("UTC"))
F_ALL = "%Y-%m-%d %H:%M:%S %z %Z"


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")


DATE_CASES = [
    Case(
        'ISO 8601 string keeps its offset',
        '2024-03-05T07:08:09+02:00',
        (F_ALL,),
        {},
        '2024-03-05 07:08:09 +0200 ',
    ),
    Case('Z string is a UTC time', '2024-03-05T07:08:09Z', (F_ALL,), {}, '2024-03-05 07:08:09 +0000 UTC'),
    Case(
        'string without offset is local time',
        '2024-03-05 07:08:09',
        (F_ALL,),
        {},
        '2024-03-05 07:08:09 +0000 UTC',
    ),
    Case('date only', '2024-03-05', (F_ALL,), {}, '2024-03-05 00:00:00 +0000 UTC'),
    Case('RFC 822 string', 'Tue, 05 Mar 2024 07:08:09 -0500', (F_ALL,), {}, '2024-03-05 07:08:09 -0500 '),
    Case('RFC 822 zone name', 'Tue, 05 Mar 2024 07:08:09 PST', (F_ALL,), {}, '2024-03-05 07:08:09 -0800 '),
    Case(
        'zone names Ruby does not know are ignored',
        '2024-03-05 07:08 CET',
        (F_ALL,),
        {},
        '2024-03-05 07:08:00 +0000 UTC',
    ),
    Case('US month name', 'March 5, 2024', ('%b %-d, %Y',), {}, 'Mar 5, 2024'),
    Case('European day month year', '5 march 2024', ('%F',), {}, '2024-03-05'),
    Case('abbreviated month with dot', 'Mar. 5th 2024', ('%F',), {}, '2024-03-05'),
    Case('upper case string', 'TUESDAY 5 MARCH 2024 10PM', (F_ALL,), {}, '2024-03-05 22:00:00 +0000 UTC'),
    Case('dotted European date', '5.3.2024', ('%F',), {}, '2024-03-05'),
    Case('slashes read year first or month day year', '03/05/2024', ('%F',), {}, '2024-05-03'),
    Case('slashes with two digit year', '24/03/05', ('%F',), {}, '2024-03-05'),
    Case('basic ISO with T and Z', '20240305T070809Z', (F_ALL,), {}, '2024-03-05 07:08:09 +0000 UTC'),
    Case('ordinal date', '2024-065', ('%F %j',), {}, '2024-03-05 065'),
    Case('Japanese era', 'R6.03.05', ('%F',), {}, '2024-03-05'),
    Case('two digit year 69 is 1969', '69-01-02', ('%F',), {}, '1969-01-02'),
    Case('two digit year 68 is 2068', '68-01-02', ('%F',), {}, '2068-01-02'),
    Case('fractional seconds', '2024-03-05T07:08:09.123456+01:00', ('%L %6N %3N',), {}, '123 123456 123'),
    Case(
        'nine fraction digits keep nanoseconds',
        '2024-01-01T00:00:00.987654321+05:30',
        ('%N|%3N|%12N|%L',),
        {},
        '987654321|987|987654321000|987',
    ),
    Case('12-hour clock with am/pm', '2024-03-05 10:30 pm', ('%H:%M %p',), {}, '22:30 PM'),
    Case("time only takes today's date", '10:30pm', ('%H:%M:%S',), {}, '22:30:00'),
    Case('month only is its first day', 'March', ('%m-%d %H:%M',), {}, '03-01 00:00'),
    Case('day only takes this month', 'the 5th', ('%d %H:%M',), {}, '05 00:00'),
    Case('February 30 rolls into March', '2024-02-30', ('%F',), {}, '2024-03-01'),
    Case('April 31 rolls into May', '2024-04-31', ('%F',), {}, '2024-05-01'),
    Case('24:00 is midnight next day', '2024-03-05 24:00', ('%F %T',), {}, '2024-03-06 00:00:00'),
    Case('leap second rolls over', '2024-03-05 10:00:60', ('%F %T',), {}, '2024-03-05 10:01:00'),
    Case('month 13 is not a date', '2024-13-01', ('%F',), {}, '2024-13-01'),
    Case('day 32 is not a date', '2024-01-32', ('%F',), {}, '2024-01-32'),
    Case('minute 60 is not a date', '2024-01-01 10:60', ('%F',), {}, '2024-01-01 10:60'),
    Case('weekday alone is not a date', 'Tuesday', ('%F',), {}, 'Tuesday'),
    Case('week date is not a time', '2024-W10-2', ('%F',), {}, '2024-W10-2'),
    Case('unparsable string returned unchanged', 'hello <b>world</b>', ('%Y',), {}, 'hello <b>world</b>'),
    Case('unicode text around a date', 'été 2024-03-05 ☀', ('%F',), {}, '2024-03-05'),
    Case('leading and trailing spaces', '  2024-03-05  ', ('%F',), {}, '2024-03-05'),
    Case(
        'longer than 128 characters is not parsed',
        '2024-03-05 ' + 'x' * 120,
        ('%Y',),
        {},
        '2024-03-05 ' + 'x' * 120,
    ),
    Case('digits string is Unix seconds', '1709615289', (F_ALL,), {}, '2024-03-05 05:08:09 +0000 UTC'),
    Case('leading zeros in Unix seconds', '000000060', ('%T',), {}, '00:01:00'),
    Case('integer is Unix seconds', 1709615289, (F_ALL,), {}, '2024-03-05 05:08:09 +0000 UTC'),
    Case('zero is the epoch', 0, ('%F %T',), {}, '1970-01-01 00:00:00'),
    Case('negative integer is before the epoch', -1, ('%F %T',), {}, '1969-12-31 23:59:59'),
    Case('negative number string is not seconds', '-1', ('%F %T',), {}, '-1'),
    Case('float returned unchanged', 1.5, ('%Y',), {}, 1.5),
    Case('boolean returned unchanged', True, ('%Y',), {}, True),
    Case('array returned unchanged', ['2024-03-05'], ('%Y',), {}, ['2024-03-05']),
    Case('hash returned unchanged', {'a': 1}, ('%Y',), {}, {'a': 1}),
    Case('nil stays nil', None, ('%Y',), {}, None),
    Case('empty string stays empty', '', ('%Y',), {}, ''),
    Case('empty format returns input', '2024-03-05T07:08:09+02:00', ('',), {}, '2024-03-05T07:08:09+02:00'),
    Case('nil format returns input', '2024-03-05T07:08:09+02:00', (None,), {}, '2024-03-05T07:08:09+02:00'),
    Case('numeric format is its text', '2024-03-05T07:08:09+02:00', (5,), {}, '5'),
    Case(
        'keyword argument becomes a hash format',
        '2024-03-05T07:08:09+02:00',
        (),
        {'format': '%Y'},
        '{"format"=>"2024"}',
    ),
    Case(
        'HTML in the format is not escaped',
        '2024-03-05T07:08:09+02:00',
        ('<time>%Y</time> & co',),
        {},
        '<time>2024</time> & co',
    ),
    Case(
        'flags and widths',
        '2024-03-05T07:08:09+02:00',
        ('%-d %e %^b %#B %10A %_5m %:z %-I%P',),
        {},
        '5  5 MAR MARCH    Tuesday     3 +02:00 7am',
    ),
    Case(
        'invalid format raises',
        '2024-03-05T07:08:09+02:00',
        ('%Y %',),
        {},
        LiquidArgumentError('invalid format: %Y %'),
    ),
    Case(
        'missing format raises',
        '2024-03-05T07:08:09+02:00',
        (),
        {},
        LiquidArgumentError('wrong number of arguments (given 1, expected 2)'),
    ),
    Case(
        'extra argument raises',
        '2024-03-05T07:08:09+02:00',
        ('%Y', 'x',),
        {},
        LiquidArgumentError('wrong number of arguments (given 3, expected 2)'),
    ),
    Case('date object', D_DAY, (F_ALL + ' %s',), {}, '2024-03-05 00:00:00 +0000 +00:00 1709596800'),
    Case('date object allows a trailing %', D_DAY, ('%d%',), {}, '05%'),
    Case('UTC time object', T_UTC, (F_ALL + ' %-z',), {}, '2024-03-05 07:08:09 +0000 UTC -0000'),
    Case('fixed offset time object', T_FIXED, (F_ALL,), {}, '2024-12-31 22:08:09 -0200 '),
    Case('local time object', T_SITE, (F_ALL,), {}, '2024-03-05 05:08:09 +0000 UTC'),
    Case(
        'string that parses to a huge hour raises',
        '5312024065pm',
        ('%Y',),
        {},
        LiquidArgumentError("integer 5312024065 too big to convert to `int'"),
    ),
]


@pytest.mark.parametrize("case", DATE_CASES, ids=ids(DATE_CASES))
def test_date(case: Case) -> None:
    check_call(date, case)


XMLSCHEMA_CASES = [
    Case(
        'offset string converted to local time',
        '2024-03-05T07:08:09+02:00',
        (),
        {},
        '2024-03-05T05:08:09+00:00',
    ),
    Case('UTC string is local time too', '2024-03-05T07:08:09Z', (), {}, '2024-03-05T07:08:09+00:00'),
    Case('date string', '2024-03-05', (), {}, '2024-03-05T00:00:00+00:00'),
    Case('Unix seconds', 1709615289, (), {}, '2024-03-05T05:08:09+00:00'),
    Case('date object is local midnight', D_DAY, (), {}, '2024-03-05T00:00:00+00:00'),
    Case('fixed offset time object', T_FIXED, (), {}, '2025-01-01T00:08:09+00:00'),
    Case('nil stays nil', None, (), {}, None),
    Case('empty string stays empty', '', (), {}, ''),
    Case(
        'unparsable string raises',
        'garbage',
        (),
        {},
        LiquidArgumentError('Invalid Date: \'"garbage"\' is not a valid datetime.'),
    ),
    Case(
        'empty array raises',
        [],
        (),
        {},
        LiquidArgumentError("Invalid Date: '[]' is not a valid datetime."),
    ),
    Case('float raises', 1.5, (), {}, LiquidArgumentError("Invalid Date: '1.5' is not a valid datetime.")),
    Case(
        'extra argument raises',
        '2024-03-05T07:08:09+02:00',
        ('x',),
        {},
        LiquidArgumentError('wrong number of arguments (given 2, expected 1)'),
    ),
]


@pytest.mark.parametrize("case", XMLSCHEMA_CASES, ids=ids(XMLSCHEMA_CASES))
def test_date_to_xmlschema(case: Case) -> None:
    check_call(date_to_xmlschema, case)


RFC822_CASES = [
    Case(
        'offset string converted to local time',
        '2024-03-05T07:08:09+02:00',
        (),
        {},
        'Tue, 05 Mar 2024 05:08:09 +0000',
    ),
    Case('UTC string is local time too', '2024-03-05T07:08:09Z', (), {}, 'Tue, 05 Mar 2024 07:08:09 +0000'),
    Case('date string', '2024-03-05', (), {}, 'Tue, 05 Mar 2024 00:00:00 +0000'),
    Case('Unix seconds', 1709615289, (), {}, 'Tue, 05 Mar 2024 05:08:09 +0000'),
    Case('date object is local midnight', D_DAY, (), {}, 'Tue, 05 Mar 2024 00:00:00 +0000'),
    Case('fixed offset time object', T_FIXED, (), {}, 'Wed, 01 Jan 2025 00:08:09 +0000'),
    Case('nil stays nil', None, (), {}, None),
    Case('empty string stays empty', '', (), {}, ''),
    Case(
        'unparsable string raises',
        'garbage',
        (),
        {},
        LiquidArgumentError('Invalid Date: \'"garbage"\' is not a valid datetime.'),
    ),
    Case(
        'empty array raises',
        [],
        (),
        {},
        LiquidArgumentError("Invalid Date: '[]' is not a valid datetime."),
    ),
    Case('float raises', 1.5, (), {}, LiquidArgumentError("Invalid Date: '1.5' is not a valid datetime.")),
    Case(
        'extra argument raises',
        '2024-03-05T07:08:09+02:00',
        ('x',),
        {},
        LiquidArgumentError('wrong number of arguments (given 2, expected 1)'),
    ),
]


@pytest.mark.parametrize("case", RFC822_CASES, ids=ids(RFC822_CASES))
def test_date_to_rfc822(case: Case) -> None:
    check_call(date_to_rfc822, case)


STRING_CASES = [
    Case('default style', '2024-03-05T07:08:09+02:00', (), {}, '05 Mar 2024'),
    Case('ordinal', '2024-03-01', ('ordinal',), {}, '1st Mar 2024'),
    Case('ordinal US', '2024-03-02', ('ordinal', 'US',), {}, 'Mar 2nd, 2024'),
    Case('ordinal 3rd', '2024-03-23', ('ordinal',), {}, '23rd Mar 2024'),
    Case('ordinal 11th to 13th', '2024-03-12', ('ordinal', 'US',), {}, 'Mar 12th, 2024'),
    Case('US without ordinal is the default', '2024-03-05', (None, 'US',), {}, '05 Mar 2024'),
    Case('style names are case sensitive', '2024-03-21', ('Ordinal', 'us',), {}, '21 Mar 2024'),
    Case('ordinal lowercase us is UK style', '2024-03-22', ('ordinal', 'us',), {}, '22nd Mar 2024'),
    Case('keyword argument is a hash, not a style', '2024-03-05', (), {'type': 'ordinal'}, '05 Mar 2024'),
    Case('date object', D_DAY, ('ordinal', 'US',), {}, 'Mar 5th, 2024'),
    Case('nil stays nil', None, (), {}, None),
    Case(
        'unparsable string raises',
        'not a date',
        (),
        {},
        LiquidArgumentError('Invalid Date: \'"not a date"\' is not a valid datetime.'),
    ),
    Case(
        'too many arguments raise',
        '2024-03-05T07:08:09+02:00',
        ('ordinal', 'US', 'x',),
        {},
        LiquidArgumentError('wrong number of arguments (given 4, expected 1..3)'),
    ),
]


@pytest.mark.parametrize("case", STRING_CASES, ids=ids(STRING_CASES))
def test_date_to_string(case: Case) -> None:
    check_call(date_to_string, case)


LONG_STRING_CASES = [
    Case('default style', '2024-03-05T07:08:09+02:00', (), {}, '05 March 2024'),
    Case('ordinal', '2024-03-01', ('ordinal',), {}, '1st March 2024'),
    Case('ordinal US', '2024-03-02', ('ordinal', 'US',), {}, 'March 2nd, 2024'),
    Case('ordinal 3rd', '2024-03-23', ('ordinal',), {}, '23rd March 2024'),
    Case('ordinal 11th to 13th', '2024-03-12', ('ordinal', 'US',), {}, 'March 12th, 2024'),
    Case('US without ordinal is the default', '2024-03-05', (None, 'US',), {}, '05 March 2024'),
    Case('style names are case sensitive', '2024-03-21', ('Ordinal', 'us',), {}, '21 March 2024'),
    Case('ordinal lowercase us is UK style', '2024-03-22', ('ordinal', 'us',), {}, '22nd March 2024'),
    Case('keyword argument is a hash, not a style', '2024-03-05', (), {'type': 'ordinal'}, '05 March 2024'),
    Case('date object', D_DAY, ('ordinal', 'US',), {}, 'March 5th, 2024'),
    Case('nil stays nil', None, (), {}, None),
    Case(
        'unparsable string raises',
        'not a date',
        (),
        {},
        LiquidArgumentError('Invalid Date: \'"not a date"\' is not a valid datetime.'),
    ),
    Case(
        'too many arguments raise',
        '2024-03-05T07:08:09+02:00',
        ('ordinal', 'US', 'x',),
        {},
        LiquidArgumentError('wrong number of arguments (given 4, expected 1..3)'),
    ),
]


@pytest.mark.parametrize("case", LONG_STRING_CASES, ids=ids(LONG_STRING_CASES))
def test_date_to_long_string(case: Case) -> None:
    check_call(date_to_long_string, case)


#: Jekyll sets TZ from ``timezone:``; every filter then works in that zone
NEW_YORK_CASES = [
    (
        date,
        Case(
            'string without offset is New York time',
            '2024-03-05 07:08:09',
            (F_ALL,),
            {},
            '2024-03-05 07:08:09 -0500 EST',
        ),
    ),
    (
        date,
        Case(
            'summer time',
            '2024-07-05 07:08:09',
            (F_ALL,),
            {},
            '2024-07-05 07:08:09 -0400 EDT',
        ),
    ),
    (
        date,
        Case(
            'Unix seconds in New York',
            1709615289,
            (F_ALL,),
            {},
            '2024-03-05 00:08:09 -0500 EST',
        ),
    ),
    (
        date,
        Case(
            "EST is the local zone's own name",
            '2024-07-05 07:08 EST',
            (F_ALL,),
            {},
            '2024-07-05 07:08:00 -0500 ',
        ),
    ),
    (
        date,
        Case(
            'repeated hour picks standard time',
            '2024-11-03 01:30',
            (F_ALL,),
            {},
            '2024-11-03 01:30:00 -0500 EST',
        ),
    ),
    (
        date,
        Case(
            'skipped hour moves forward',
            '2024-03-10 02:30',
            (F_ALL,),
            {},
            '2024-03-10 03:30:00 -0400 EDT',
        ),
    ),
    (
        date_to_xmlschema,
        Case(
            'xmlschema converts to New York',
            '2024-03-05T07:08:09Z',
            (),
            {},
            '2024-03-05T02:08:09-05:00',
        ),
    ),
    (date_to_xmlschema, Case('date object is New York midnight', D_DAY, (), {}, '2024-03-05T00:00:00-05:00')),
    (
        date_to_rfc822,
        Case(
            'rfc822 converts to New York',
            '2024-07-05T07:08:09+02:00',
            (),
            {},
            'Fri, 05 Jul 2024 01:08:09 -0400',
        ),
    ),
    (
        date_to_string,
        Case(
            'date_to_string can change the day',
            '2024-03-05T02:00:00Z',
            ('ordinal', 'US',),
            {},
            'Mar 4th, 2024',
        ),
    ),
]


@pytest.mark.parametrize(
    "function, case", NEW_YORK_CASES, ids=[case.description for _, case in NEW_YORK_CASES]
)
def test_site_timezone(function: Callable[..., Any], case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    check_call(function, case)


NOW = dt.datetime(2021, 6, 15, 12, 34, 56, 654321, tzinfo=zoneinfo.ZoneInfo("UTC"))

TIME_PARSE_CASES = [
    Case('time only fills today', '10:30', (), {}, '2021-06-15 10:30:00.000000 +0000 [UTC]'),
    Case('seconds given', '10:30:15', (), {}, '2021-06-15 10:30:15.000000 +0000 [UTC]'),
    Case(
        'fraction keeps the rest of the date from now',
        '10:30:15.25',
        (),
        {},
        '2021-06-15 10:30:15.250000 +0000 [UTC]',
    ),
    Case('month only', 'march', (), {}, '2021-03-01 00:00:00.000000 +0000 [UTC]'),
    Case('month and day take this year', 'june 20', (), {}, '2021-06-20 00:00:00.000000 +0000 [UTC]'),
    Case('day number only', '12', (), {}, '2021-06-12 00:00:00.000000 +0000 [UTC]'),
    Case('ordinal day only', 'the 20th', (), {}, '2021-06-20 00:00:00.000000 +0000 [UTC]'),
    Case('hour with pm', '10pm', (), {}, '2021-06-15 22:00:00.000000 +0000 [UTC]'),
    Case('noon and midnight', '12am', (), {}, '2021-06-15 00:00:00.000000 +0000 [UTC]'),
    Case('ordinal date', '2024-065', (), {}, '2024-03-05 00:00:00.000000 +0000 [UTC]'),
    Case('day of year 366 of a common year', '2023-366', (), {}, ValueError),
    Case('day of year only', '-200', (), {}, '2021-07-19 00:00:00.000000 +0000 [UTC]'),
    Case(
        'offset and no date fills from now at that offset',
        '23:00 +05:00',
        (),
        {},
        '2021-06-15 23:00:00.000000 +0500 []',
    ),
    Case('zone letter', '10:00 a', (), {}, '2021-06-15 10:00:00.000000 +0100 []'),
    Case('military time zone Z', '10:00 z', (), {}, '2021-06-15 10:00:00.000000 +0000 [UTC]'),
    Case('RFC 2822', 'Tue, 05 Mar 2024 07:08:09 -0500', (), {}, '2024-03-05 07:08:09.000000 -0500 []'),
    Case('httpdate', 'Tue, 05 Mar 2024 07:08:09 GMT', (), {}, '2024-03-05 07:08:09.000000 +0000 [UTC]'),
    Case('asctime', 'Tue Mar  5 07:08:09 2024', (), {}, '2024-03-05 07:08:09.000000 +0000 [UTC]'),
    Case('ISO week date has no time information', '2024-W10-2', (), {}, ValueError),
    Case('no time information', 'hello', (), {}, ValueError),
    Case('month 13', '2024-13-01', (), {}, ValueError),
    Case('too long', '2024-03-05 ' + 'y' * 118, (), {}, ValueError),
]


@pytest.mark.parametrize("case", TIME_PARSE_CASES, ids=ids(TIME_PARSE_CASES))
def test_time_parse(case: Case) -> None:
    check(lambda: strftime(time_parse(case.value, NOW), "%F %T.%6N %z [%Z]"), case.expect)


@pytest.mark.parametrize("word", ["now", "today", "NOW", "Today"])
def test_now_and_today_are_the_current_time(word: str) -> None:
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    moment = to_date(word)
    after = dt.datetime.now(dt.timezone.utc)
    assert isinstance(moment, dt.datetime)
    assert before <= moment <= after
    assert strftime(moment, "%Z") == "UTC"


def test_registers_every_filter() -> None:
    check_register(register, FILTERS)
    assert sorted(FILTERS) == [
        "date",
        "date_to_long_string",
        "date_to_rfc822",
        "date_to_string",
        "date_to_xmlschema",
    ]


#: whole templates through the engine: value is the data, args are (template, TZ)
RENDER_CASES = [
    Case(
        "flags in a format",
        {"t": "2024-03-05T07:08:09+02:00"},
        ('{{ t | date: "%-d %e %^b" }}', "UTC"),
        {},
        "5  5 MAR",
    ),
    Case(
        "every filter on one string",
        {"t": "2024-03-05T07:08:09+02:00"},
        (
            '{{ t | date: "%b %-d, %Y" }} | {{ t | date_to_xmlschema }} | {{ t | date_to_rfc822 }} | '
            '{{ t | date_to_string: "ordinal", "US" }} | {{ t | date_to_long_string }}',
            "UTC",
        ),
        {},
        "Mar 5, 2024 | 2024-03-05T05:08:09+00:00 | Tue, 05 Mar 2024 05:08:09 +0000 | Mar 5th, 2024"
        " | 05 March 2024",
    ),
    Case(
        "page date with a 12-hour clock",
        {"page": {"date": "2024-12-31 23:05:00"}},
        ('{{ page.date | date: "%A, %B %-d %Y at %l:%M %P" }}', "UTC"),
        {},
        "Tuesday, December 31 2024 at 11:05 pm",
    ),
    Case(
        "result feeds another filter",
        {"t": "2024-03-05"},
        ('{% assign y = t | date: "%Y" | plus: 1 %}{{ y }}', "UTC"),
        {},
        "2025",
    ),
    Case(
        "undefined variable prints nothing",
        {},
        ('[{{ nope | date: "%Y" }}][{{ nope | date_to_xmlschema }}]', "UTC"),
        {},
        "[][]",
    ),
    Case(
        "format from a variable",
        {"t": 1709615289, "f": "%F %T %Z"},
        ("{{ t | date: f }}", "UTC"),
        {},
        "2024-03-05 05:08:09 UTC",
    ),
    Case(
        "unparsable input flows on",
        {"t": "not a date"},
        ('{{ t | date: "%Y" | append: "!" }}', "UTC"),
        {},
        "not a date!",
    ),
    Case(
        "site timezone",
        {"t": "2024-07-05 07:08:09"},
        ('{{ t | date: "%Y-%m-%d %H:%M %Z" }}', "Europe/Berlin"),
        {},
        "2024-07-05 07:08 CEST",
    ),
]


@pytest.mark.parametrize("case", RENDER_CASES, ids=ids(RENDER_CASES))
def test_render(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    template, zone = case.args
    monkeypatch.setenv("TZ", zone)
    assert render(template, case.value) == case.expect


@pytest.mark.parametrize(
    "template, message",
    [
        ('{{ t | date: "%Y %" }}', "invalid format: %Y %"),
        ("{{ t | date }}", "wrong number of arguments (given 1, expected 2)"),
        ("{{ 'garbage' | date_to_xmlschema }}", "Invalid Date: '\"garbage\"' is not a valid datetime."),
    ],
)
def test_render_errors(template: str, message: str) -> None:
    check(lambda: render(template, {"t": "2024-03-05"}), LiquidArgumentError(message))
