"""The quick paths of a listing row (``post.url | relative_url``, ``post.title | escape``,
``post.date | date: …``, a ``for`` without ``forloop``), each checked against the general rule it
stands for, on a table of cases: the first call takes the general path, later ones the quick one.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest

from postforge.liquid.environment import Environment
from postforge.liquid.filters import dates
from postforge.liquid.filters import strings
from postforge.liquid.filters.ruby_time import PreciseTime
from postforge.liquid.filters.strftime import strftime
from postforge.liquid.runtime import RenderContext

UTC = dt.timezone.utc
PARIS = zoneinfo.ZoneInfo("Europe/Paris")

MOMENTS = [
    dt.datetime(2024, 3, 5, 7, 8, 9, tzinfo=UTC),
    dt.datetime(2024, 10, 27, 2, 30, tzinfo=PARIS),
    dt.datetime(2024, 10, 27, 2, 30, tzinfo=PARIS, fold=1),
    dt.datetime(2024, 3, 5, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5), "EST")),
    dt.datetime(2024, 3, 5, 7, 8, 9),  # naive: depends on TZ, never remembered
    dt.date(2024, 3, 5),
    PreciseTime.of(dt.datetime(2024, 3, 5, 7, 8, 9, 123456, tzinfo=UTC), 789),
    "2024-03-05 07:08:09 +0100",
    "not a date",
    "",
    None,
    1709622489,
]
FORMATS = ["%Y-%m-%d", "%B %-d, %Y", "%FT%T%:z", "%N %L %s", "%Z %z", ""]


def _general_date(value: Any, fmt: str) -> Any:
    if not fmt:
        return value
    moment = value if isinstance(value, dt.date) else dates.to_date(value)
    return value if moment is None else strftime(moment, fmt)


@pytest.mark.parametrize("value", MOMENTS, ids=repr)
def test_date_remembered_equals_general(value: Any) -> None:
    for fmt in FORMATS:
        expected = _general_date(value, fmt)
        for _ in range(3):
            assert dates.date(value, fmt) == expected


def test_date_of_naive_time_follows_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    naive = dt.datetime(2024, 3, 5, 7, 8, 9)
    seen = {}
    for zone in ("UTC", "Asia/Tokyo", "UTC"):
        monkeypatch.setenv("TZ", zone)
        seen[zone] = dates.date(naive, "%s %z")
        assert seen[zone] == strftime(naive, "%s %z")
    assert id(naive) not in dates._BY_MOMENT


def test_date_with_more_arguments_is_not_remembered() -> None:
    moment = dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)
    with pytest.raises(Exception):
        dates.date(moment, "%Y", "extra")
    assert dates.date(moment, "%Y") == "2001"


@pytest.mark.parametrize("value", [m for m in MOMENTS if isinstance(m, dt.date)], ids=repr)
def test_xmlschema_remembered_follows_tz(value: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for zone in ("UTC", "America/New_York", "Asia/Kolkata", "UTC", "America/New_York"):
        monkeypatch.setenv("TZ", zone)
        expected = dates._strftime(dates._jekyll_time(value), "%FT%T%:z")
        for _ in range(2):
            assert dates.date_to_xmlschema(value) == expected


def test_remembered_moments_are_kept_alive() -> None:
    """An entry holds its object, so no other object can come to have its id."""
    for index in range(50):
        moment = dt.datetime(2000, 1, 1, tzinfo=UTC) + dt.timedelta(days=index)
        assert dates.date(moment, "%Y-%m-%d") == moment.strftime("%Y-%m-%d")
        entry = dates._BY_MOMENT[id(moment)]
        assert entry[0] is moment


ESCAPES = ["plain", "<b>&amp;</b>", "it's \"quoted\"", "", "é & ü", "x" * 300, 12, 1.5, None, ["a<", "b"], True]


@pytest.mark.parametrize("value", ESCAPES, ids=repr)
def test_escape_remembered_equals_general(value: Any) -> None:
    if value is None:
        expected = None
    else:
        text = value if type(value) is str else strings.ruby_to_s(value)
        expected = (
            text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#39;")
        )
    for _ in range(3):
        assert strings.escape(value) == expected


class _Site(dict):  # type: ignore[type-arg]
    """A ``site`` whose baseurl can change between renders, as in one process serving two sites."""


URLS = ["/a/b/", "a b/é", "/x/../y", "http://EXAMPLE.com:80/p", "//cdn/x", "", "/", "mailto:me@x", "index.html"]
BASEURLS = [None, "", "/blog", "/blog/", "/b l", 7]


@pytest.mark.parametrize("baseurl", BASEURLS, ids=repr)
def test_relative_url_remembered_equals_general(baseurl: Any) -> None:
    from postforge.liquid.filters import jekyll_urls

    env = Environment()
    ctx = RenderContext(env, {"site": {"baseurl": baseurl}})
    for url in URLS:
        expected = url if jekyll_urls._has_scheme(url) else jekyll_urls._relative_path(baseurl, url)
        for _ in range(3):
            assert jekyll_urls.relative_url(ctx, url) == expected
            assert jekyll_urls._relative(ctx, url) == expected
    # the same paths under another baseurl right after: nothing of the first one is kept
    other = RenderContext(env, {"site": {"baseurl": "/other"}})
    for url in URLS:
        expected = url if jekyll_urls._has_scheme(url) else jekyll_urls._relative_path("/other", url)
        assert jekyll_urls.relative_url(other, url) == expected


LOOPS = [
    ("{% for x in a %}{{ x }}{% endfor %}", "123"),
    ("{% for x in a %}{{ forloop.index }}{{ x }}{% endfor %}", "112233"),
    ("{% for x in a limit: 2 %}{{ x }}{% else %}none{% endfor %}", "12"),
    ("{% for x in e %}{{ x }}{% else %}none{% endfor %}", "none"),
    ("{% for x in a %}{% for y in a %}{{ forloop.parentloop.index }}{% endfor %}{% endfor %}", "111222333"),
    ("{% for x in a %}{% for y in a %}{{ y }}{% endfor %}|{% endfor %}", "123|123|123|"),
    ("{% for x in a %}{% if x == 2 %}{% break %}{% endif %}{{ x }}{% endfor %}", "1"),
    ("{% for x in a %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}{% endfor %}", "13"),
    ("{% for x in a %}{% include row.html %}{% endfor %}", "1/3;2/3;3/3;"),
    ("{% for x in a %}{% tablerow y in a cols: 2 %}{{ y }}{% endtablerow %}{% endfor %}",
     ('<tr class="row1">\n<td class="col1">1</td><td class="col2">2</td></tr>\n<tr class="row2">'
      '<td class="col1">3</td></tr>\n') * 3),
    ("{% for x in a offset: continue limit: 1 %}{{ x }}{% endfor %}{% for x in a offset: continue %}{{ x }}{% endfor %}",
     "123"),
    ("{% for x in a reversed %}{{ x }}{% endfor %}", "321"),
]


@pytest.mark.parametrize("source,expected", LOOPS)
def test_loops_with_and_without_forloop(source: str, expected: str) -> None:
    env = Environment(partials={"row.html": "{{ x }}/{{ forloop.length }};"})
    assert env.from_string(source).render({"a": [1, 2, 3], "e": []}) == expected


PRINTED = [("{{ a }}", "x"), ("{{ n }}", "1"), ("{{ f }}", "1.5"), ("{{ l }}", "12"), ("{{ h }}", '{"k"=>1}'),
           ("{{ z }}", ""), ("{{ t }}", "true"), ("{{ s }}", "sub"), ("{{ a | append: n }}", "x1"),
           ("{% capture c %}{{ n }}{{ a }}{% endcapture %}{{ c }}", "1x")]


class _Sub(str):
    pass


@pytest.mark.parametrize("source,expected", PRINTED)
def test_printed_values(source: str, expected: str) -> None:
    data = {"a": "x", "n": 1, "f": 1.5, "l": [1, "2"], "h": {"k": 1}, "z": None, "t": True, "s": _Sub("sub")}
    out = Environment().from_string(source).render(data)
    assert out == expected and type(out) is str
