"""The quick path's remembered values and shortcuts give what the parser gives, first time and after.

``_simple_value`` remembers plain values and flow-list items by their text, and sends a value that
starts with a digit and has the shape of a post's date straight to the time parser. Each case here
is read by the quick path twice (the second time from what it remembered), in two zones, after the
same text was seen in the other shape, and compared with the parser.
"""

from __future__ import annotations

import time

import pytest

from postforge import psych
from yaml_compare import parsed as _parsed
from yaml_compare import same as _same


PLAIN = [
    "post", "default", "cat-0", "a [b] {c}", "Hello, world", "café", "x?y", "a b", "yes", "No", "null", "~", "10",
    "010", "0x1F", "1_000", "1,000", "1.5", "10:30", "2024-01-31", "2024-02-30", "2008-01-01 06:00:00",
    "2008-01-01T06:00:00Z", "a:b", "C++", "_x", "9lives", "2008", "20080101",
]
ZONED = [
    "2008-01-01 06:00:00 +0000", "2008-01-01 06:00:00 -0530", "2008-01-01 06:00:00 -05:30", "2008-01-01 06:00:00 -00:30",
    "2008-01-01 06:00:00 +14:60", "2008-01-01 24:00:00 +0000", "2008-01-01 23:60:00 +0000", "2016-12-31 23:59:60 +0000",
    "2024-02-30 10:00:00 +0100", "2024-02-29 23:59:59 -1200", "0000-01-01 00:00:00 +0000", "9999-12-31 23:59:59 -2359",
    "2008-13-01 06:00:00 +0000", "2008-00-10 06:00:00 +0000", "2008-01-00 06:00:00 +0000",
]
ITEMS = ["a", "tag-00", "AWS Lambda", "1", "yes", "null", "2024-01-01", "c++", ".net", "a [b]", "café", "x?y", "a:b", "_"]
SPACES = ["", " ", "  ", "\xa0", "\u3000", "\u2003", "\u202f"]


def _cases() -> list[str]:
    cases = [f"v: {value}\n" for value in PLAIN + ZONED]
    for item in ITEMS:
        for before in SPACES:
            for after in SPACES[:4]:
                cases.append(f"tags: [{before}{item}{after}]\n")
                cases.append(f"tags: [x,{before}{item}{after}, y]\n")
    cases += [f"tags: [{space}]\n" for space in SPACES] + ["tags: []\n", "tags: [a,,b]\n", "tags: [a, b,]\n"]
    cases += [f"v: {space}{value}{space}\n" for space in SPACES[1:] for value in ("post", "2008-01-01 06:00:00 +0000")]
    cases += [f"v: [{value}]\n" for value in PLAIN] + [f"v: {item}\n" for item in ITEMS]
    cases += ["v:post\n", "v:\n", "v: \n", "v:  x  \n", "v: x\nv: y\n", " v: x\n", "v :x\n", "1v: x\n", "yes: x\n"]
    return cases


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata"])
def test_every_case_agrees_with_the_parser_first_time_and_remembered(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        answered = 0
        for _ in range(2):  # the second pass reads what the first remembered
            for text in _cases():
                quick = psych._simple_mapping(text)
                if quick is None:
                    continue
                answered += 1
                assert _same(quick, _parsed(text)), (zone, text, quick, _parsed(text))
        assert answered > 200
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_remembered_list_is_a_new_list_each_time() -> None:
    first = psych._simple_mapping("tags: [a, b]\n")
    second = psych._simple_mapping("tags: [a, b]\n")
    assert first == second == {"tags": ["a", "b"]}
    assert first is not None and second is not None and first["tags"] is not second["tags"]


def test_unicode_spaces_around_a_list_item_are_part_of_it() -> None:
    """YAML strips only spaces (and tabs) around a flow item; ``str.strip()`` took NBSP too."""
    for text in ("tags: [\xa0a]\n", "tags: [a\u3000]\n", "tags: [\u3000]\n"):
        quick = psych._simple_mapping(text)
        assert quick is None or _same(quick, _parsed(text)), text


def test_the_date_shortcut_is_resolve_plain() -> None:
    for value in ZONED:
        match = psych._ZONED_TIME.fullmatch(value)
        assert match is not None, value
        assert _same(psych._simple_value(value), psych.resolve_plain(value)), value
