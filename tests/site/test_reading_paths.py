"""The reader's quick paths give what the general rules give.

Reading 10,000 posts spends its time in a few places a quick path now skips: the date a file name
or a YAML time gives (``parse_date`` without Ruby's general ``Time.parse``), and the include and
exclude patterns checked for every file (``EntryFilter``). Each quick path is checked here against
the general one it stands for, on the inputs it takes and on the ones it must hand on.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import time
from pathlib import Path

import pytest

from postforge.errors import PostforgeError
from postforge.liquid.filters.ruby_time import local_zone
from postforge.liquid.filters.ruby_time import time_parse
from postforge.reading import documents
from postforge.reading.documents import parse_date
from postforge.reading.walker import EntryFilter


@pytest.fixture(params=["UTC", "Europe/Berlin", "America/New_York", "Pacific/Chatham"])
def zone(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Run in the zone named (as ``timezone:`` in ``_config.yml`` would set it)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def _general(text: str) -> dt.datetime | None:
    try:
        return time_parse(text).astimezone(local_zone())
    except (ValueError, OverflowError):
        return None


def _dates() -> list[str]:
    """Days and Ruby-printed times, valid and not, near the zones' daylight-saving changes."""
    rng = random.Random(9)
    texts = []
    for _ in range(1500):
        year = rng.choice([1, 999, 1969, 1970, 2000, 2024, 9999, rng.randint(1000, 2100)])
        month, day = rng.randint(0, 13), rng.randint(0, 32)
        texts.append(f"{year:04d}-{month:02d}-{day:02d}")
        hour, minute, second = rng.choice([0, 2, 23, 24, rng.randint(0, 25)]), rng.randint(0, 61), rng.randint(0, 61)
        sign, hours, minutes = rng.choice("+-"), rng.choice([0, 1, 5, 13, 14, 23, 24, 99]), rng.choice([0, 30, 45, 60])
        texts.append(f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}:{second:02d} {sign}{hours:02d}{minutes:02d}")
    for day in ("2023-03-26", "2023-10-29", "2023-03-12", "2023-11-05", "2023-04-02", "2023-09-24"):
        texts.append(day)
        for hour, offset in itertools.product(range(4), ("+0000", "+0100", "-0500", "+1345")):
            texts.append(f"{day} {hour:02d}:30:00 {offset}")
    return texts


def test_quick_dates_equal_time_parse(zone: str) -> None:
    quick_ones = 0
    for text in _dates():
        quick = documents._plain_time(text)
        if quick is None:
            continue
        quick_ones += 1
        general = _general(text)
        assert general is not None, text
        assert (quick, quick.tzinfo, quick.fold, type(quick)) == (general, general.tzinfo, general.fold, type(general)), text
        assert quick.replace(tzinfo=None) == general.replace(tzinfo=None), text
    assert quick_ones > 1000  # most inputs take the quick path: the comparison above is not empty


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-30",  # past the month's end: Ruby folds it into March
        "2024-01-01 24:00:00 +0000",
        "2016-12-31 23:59:60 +0000",  # a leap second
        "2024-01-01 10:00:00 +2400",
        "2024-01-01T10:00:00Z",
        "2024-01-01 10:00:00.5 +0100",
        "2024-1-2",
        "Jan 5 2024",
    ],
)
def test_other_shapes_take_the_general_path(value: str, zone: str) -> None:
    assert documents._plain_time(value) is None
    general = _general(value)
    if general is None:
        with pytest.raises(PostforgeError, match="does not have a valid date"):
            parse_date(value, "_posts/x.md", "front matter")
    else:
        assert parse_date(value, "_posts/x.md", "front matter") == general


def test_a_yaml_time_reads_back_to_the_same_instant(zone: str) -> None:
    moment = dt.datetime(2023, 10, 29, 2, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    read = parse_date(moment, "_posts/x.md", "front matter")
    # (timestamps: Python never finds a time in a repeated hour equal to one in another zone)
    assert read.timestamp() == moment.replace(microsecond=0).timestamp()
    assert read.tzinfo is local_zone()


# -- include and exclude -------------------------------------------------------------------------

_FILES = [
    "a.md", "_b.md", ".c", "#d", "e~", "Gemfile", "Gemfile.lock", ".htaccess", ".well-known/x",
    "vendor/bundle/x.md", "vendor/y.md", "node_modules/z.js", "docs/_private/p.md", "docs/pub.md",
    "docs/.hidden", "sub/dir/f.txt", "sub/dirx/g.txt", "_posts/2020-01-01-a.md", "_posts/_draft.md",
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    for name in _FILES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    (root / "inside").symlink_to(root / "docs")
    (root / "outside").symlink_to(tmp_path_factory.mktemp("elsewhere"))
    return root


# (include, exclude) → the files below the source the site keeps
_CASES = [
    ([], [], ["a.md", "docs/pub.md", "Gemfile", "Gemfile.lock", "inside/pub.md", "node_modules/z.js",
              "sub/dir/f.txt", "sub/dirx/g.txt", "vendor/bundle/x.md", "vendor/y.md"]),
    ([], ["vendor/bundle/", "node_modules", "Gemfile"],
     ["a.md", "docs/pub.md", "inside/pub.md", "sub/dir/f.txt", "sub/dirx/g.txt", "vendor/y.md"]),
    ([], ["sub/dir/"], ["a.md", "docs/pub.md", "Gemfile", "Gemfile.lock", "inside/pub.md", "node_modules/z.js",
                        "sub/dirx/g.txt", "vendor/bundle/x.md", "vendor/y.md"]),
    ([], ["sub/dir"], ["a.md", "docs/pub.md", "Gemfile", "Gemfile.lock", "inside/pub.md", "node_modules/z.js",
                       "vendor/bundle/x.md", "vendor/y.md"]),
    ([], ["*.md", "**/*.txt"], ["Gemfile", "Gemfile.lock", "node_modules/z.js"]),
    ([".htaccess", ".well-known", "_b.md"], ["vendor", "docs"],
     [".htaccess", ".well-known/x", "Gemfile", "Gemfile.lock", "_b.md", "a.md", "inside/pub.md", "node_modules/z.js",
      "sub/dir/f.txt", "sub/dirx/g.txt"]),
    # names and globs mixed in each list (names are tested as names, globs by one regex)
    (["_b*", ".htaccess", "_private"], ["*.lock", "vendor/"],
     [".htaccess", "Gemfile", "_b.md", "a.md", "docs/_private/p.md", "docs/pub.md", "inside/_private/p.md",
      "inside/pub.md", "node_modules/z.js", "sub/dir/f.txt", "sub/dirx/g.txt"]),
    (["?c", "e~"], ["sub/dir*", "Gemfile"],
     [".c", "a.md", "docs/pub.md", "e~", "inside/pub.md", "node_modules/z.js", "vendor/bundle/x.md", "vendor/y.md"]),
]


def _kept_files(entries: EntryFilter, root: Path, folder: str = "") -> list[str]:
    kept = []
    for name in entries.entries(folder):
        relative = f"{folder}/{name}" if folder else name
        if (root / relative).is_dir():
            kept.extend(_kept_files(entries, root, relative))
        else:
            kept.append(relative)
    return kept


@pytest.mark.parametrize(("include", "exclude", "expected"), _CASES)
def test_entries_kept(tree: Path, include: list[str], exclude: list[str], expected: list[str]) -> None:
    entries = EntryFilter(tree, include, exclude)
    assert sorted(_kept_files(entries, tree)) == sorted(expected)


@pytest.mark.parametrize(("include", "exclude", "expected"), _CASES)
def test_collection_walk_agrees_with_the_entries(tree: Path, include: list[str], exclude: list[str],
                                                  expected: list[str]) -> None:
    entries = EntryFilter(tree, include, exclude)
    for folder in ("docs", "sub", "vendor"):
        below = sorted(path[len(folder) + 1:] for path in expected if path.startswith(folder + "/"))
        assert sorted(entries.walk_files(folder)) == below


def test_safe_mode_drops_every_symlink(tree: Path) -> None:
    assert "inside" not in EntryFilter(tree, [], [], safe=True).entries("")
    assert "inside" in EntryFilter(tree, [], []).entries("")
    assert "outside" not in EntryFilter(tree, [], []).entries("")


def test_plain_permalink_date_fields_print_as_strftime() -> None:
    from postforge.liquid.filters.strftime import strftime
    from postforge.model.permalink import _PLAIN_DATE_FIELDS
    from postforge.model.permalink import _DATE_FORMATS

    moments = [dt.date(1, 1, 1), dt.date(999, 12, 31), dt.date(2024, 2, 29), dt.date(9999, 12, 31),
               dt.datetime(2023, 10, 29, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=-11)))]
    for name, field in _PLAIN_DATE_FIELDS.items():
        for moment in moments:
            assert field(moment) == strftime(moment, _DATE_FORMATS[name]), (name, moment)


def test_yaml_times_read_as_ruby_prints_and_parses_them(zone: str) -> None:
    from postforge.liquid.values import to_s

    rng = random.Random(5)
    for _ in range(1500):
        offset = dt.timedelta(minutes=rng.choice([0, 60, -300, 330, 765, -720, 840]))
        # a fixed offset (a time written with one), or the local zone (a time written without)
        zone_info = dt.timezone(offset, rng.choice(["", "UTC"])) if rng.random() < 0.6 else local_zone()
        moment = dt.datetime(rng.choice([1000, 1970, 2023, 2024, 9999]), rng.choice([3, 10, 11, rng.randint(1, 12)]),
                             rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                             rng.randint(0, 999999), tzinfo=zone_info, fold=rng.randint(0, 1))
        try:
            expected = _general(to_s(moment))
        except OverflowError:
            continue
        if expected is None:
            continue
        read = parse_date(moment, "_posts/x.md", "front matter")
        assert (read.timestamp(), read.replace(tzinfo=None), read.tzinfo, read.fold, type(read)) == (
            expected.timestamp(), expected.replace(tzinfo=None), expected.tzinfo, expected.fold, type(expected)), moment
