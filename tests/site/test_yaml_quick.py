"""The quick reading of simple front matter gives what libyaml and Psych's rules give.

``load_yaml`` reads ``key: value`` lines itself when that is all a text holds (most front
matter), and leaves everything else to the parser. Each generated text here is read both ways:
where the quick path answers, its answer must be the parser's, value for value and type for type
(``True`` is not ``1``, a zone's name counts); and it must answer for the ordinary shapes.
"""

from __future__ import annotations

import random

import pytest

from postforge import psych
from yaml_compare import parsed as _parsed
from yaml_compare import same as _same


@pytest.fixture(autouse=True, params=["UTC", "America/New_York"])
def _zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", request.param)


SCALARS = [
    "post", "Hello, world", "a [b] {c}", "yes", "No", "on", "OFF", "y", "n", "true", "False", "null", "~", "Null",
    "10", "010", "0x1F", "0b101", "1_000", "1,000", "-5", "+5", "1.5", "1e5", "1.0e+5", ".5", ".inf", "-.inf",
    ".NaN", "10:30", "1:02:03", "1:30.5", "2024-01-31", "2024-02-30", "2024-1-2", "2008-01-01 06:00:00 +0000",
    "2008-01-01 06:00:00 -0530", "2008-01-01 06:00:00 -00:30", "2008-01-01 06:00:00 +14:60", "2008-01-01 24:00:00 +0000",
    "2016-12-31 23:59:60 +0000", "2024-02-30 10:00:00 +0100", "2008-01-01T06:00:00Z", "2008-01-01 06:00:00.123456789 +0200",
    "2008-01-01 06:00:00", "2008-1-1 6:00:00 +01", ":symbol", "a: b", "a #b", "a#b", "trailing:", "http://x.org/a?b=c",
    "C++", "café", "日本語", "emoji 🎉", "tab\there", "-dash", "?q", "!tag x", "&anchor x", "*alias", "|", ">", "%x",
    "@at", "`tick", "'single'", '"double"', '"esc\\"aped"', "'it''s'", '"unclosed', "'unclosed", "x\u2028y", "x\x85y",
    "\ufeffbom", "", " ",
]
LISTS = ["[a, b, c]", "[]", "[ ]", "[tag-00, tag-01]", "[AWS Lambda, S3]", "[1, yes, 2024-01-01]", "[a,,b]", "[a, b,]",
         "[a, [b]]", "[a: b]", "['q', r]", "[x", "[c++, .net]", "[a b , c]"]
ORDINARY_KEYS = ["title", "date", "tags", "layout", "permalink", "_private", "a-b", "Key2"]
KEYS = ["title", "date", "tags", "layout", "permalink", "yes", "on", "null", "y", "_private", "a-b", "Key2", "<<", "1a"]


def _texts() -> list[str]:
    rng = random.Random(11)
    texts = []
    for _ in range(2500):
        lines = []
        ordinary = rng.random() < 0.5
        pool = SCALARS[:44] + LISTS[:6] if ordinary else SCALARS + LISTS
        keys = rng.sample(ORDINARY_KEYS, 5) if ordinary else [rng.choice(KEYS) for _ in range(5)]
        for key in keys[:rng.randint(1, 5)]:
            value = rng.choice(pool) if rng.random() < 0.9 else ""
            spacing = rng.choice([" ", "  ", " ", ""]) if value else rng.choice(["", " "])
            lines.append(f"{key}:{spacing}{value}{rng.choice(['', '', ' '])}")
            if rng.random() < 0.05:
                lines.append(rng.choice(["", "# a comment", "  nested: 1", "- item", "---", "key : spaced"]))
        start = rng.choice(["", "", "---\n", "---  \n", "--- a: 1\n", "---\n---\n", "--- !tag\n"])
        texts.append(start + "\n".join(lines) + rng.choice(["\n", "", "\n\n"]))
    return texts


def test_the_quick_path_agrees_with_the_parser() -> None:
    answered = 0
    for text in _texts():
        quick = psych._simple_mapping(text)
        if quick is None:
            continue
        answered += 1
        parsed = _parsed(text)
        assert _same(quick, parsed), (text, quick, parsed)
    assert answered > 300  # the comparison covers many texts


@pytest.mark.parametrize(
    "text",
    [
        'title: "Post 0: slow excerpt"\ndate: 2008-01-01 06:00:00 +0000\ntags: [tag-00, tag-01]\ncategories: [cat-0]\nlayout: post\n',
        "layout: default\ntitle: About\n",
        "---\nlayout: post\ntitle: \"As Jekyll passes it: with the start marker\"\ntags: [a, b]\n",
        "title: 'Quoted'\npermalink: /about/\npublished: false\n",
    ],
)
def test_ordinary_front_matter_takes_the_quick_path(text: str) -> None:
    quick = psych._simple_mapping(text)
    assert quick is not None and _same(quick, _parsed(text))


@pytest.mark.parametrize(
    "text",
    ["a: 1\na: 2\n", "a:\n  b: 1\n", "# comment\na: 1\n", "a: &x 1\nb: *x\n", "a: !str 1\n", "a: |\n  text\n",
     "a: :sym\n", "a:\tb\n", "- a\n- b\n", "a: 1\r\n"],
)
def test_other_shapes_go_to_the_parser(text: str) -> None:
    assert psych._simple_mapping(text) is None


def test_a_zoned_time_keeps_its_fields_and_offset() -> None:
    for value in ["2008-01-01 06:00:00 +0000", "2023-10-29 02:30:00 +0100", "2008-01-01 06:00:00 -00:30",
                  "2008-01-01 06:00:00 -0530", "2008-01-01 06:00:00 -05:30", "2008-01-01 06:00:00 +1245", "2024-02-29 23:59:59 -1200", "2024-02-30 10:00:00 +0100", "2008-01-01 24:00:00 +0000"]:
        quick = psych.resolve_plain(value)
        general = psych.resolve_plain(value.replace(" ", "T", 1))  # the same time through the general rules
        assert _same(quick, general), value


def _empty_texts() -> list[str]:
    pieces = ["", "\n", "\n\n", "---", "--- ", "---  ", "----", "--- x", "---\t", " ", "\t", "# c", "...", "\r\n", "~"]
    rng = random.Random(5)
    return [*pieces, *("".join(rng.choice(pieces) + rng.choice(["", "\n"]) for _ in range(rng.randint(1, 4)))
                       for _ in range(400))]


def test_an_empty_document_is_read_without_the_parser_as_the_parser_reads_it() -> None:
    # ``---``/``---`` front matter (a feed's, a sitemap's) must not load PyYAML to come out null
    answered = 0
    for text in _empty_texts():
        if psych._EMPTY_DOCUMENT.fullmatch(text) is not None:
            answered += 1
            assert psych.load_yaml(text, "x") is None and _parsed(text) is None, repr(text)
    assert answered > 40
    for text in ["---\n", "", "\n\n---  \n\n"]:
        assert psych._EMPTY_DOCUMENT.fullmatch(text) is not None


def test_fractional_seconds_are_truncated_to_nanoseconds() -> None:
    # the digits past the ninth are dropped, as Psych's Rational arithmetic truncates them
    for digits, nanoseconds in [("5", 500_000_000), ("000000001", 1), ("1234567891", 123_456_789),
                                ("999999999999", 999_999_999), ("0000000009", 0), ("000001", 1000)]:
        moment = psych.resolve_plain(f"2008-01-01T06:00:00.{digits}Z")
        assert moment.microsecond * 1000 + getattr(moment, "extra_ns", 0) == nanoseconds, digits
