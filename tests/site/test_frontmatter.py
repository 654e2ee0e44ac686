"""Front matter and YAML as Jekyll 4.3 reads them.

Every expectation was produced by Jekyll 4.3.1 (Psych 4.0.3 on libyaml): split cases by building
each text as a page with ``../shared/oracle/site.sh`` and a layout printing ``{{ page | jsonify }}``;
scalar cases with ``Jekyll::Utils.safe_load_yaml`` (Jekyll's own loader) under ``TZ=UTC`` and
``TZ=America/New_York``.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from postforge.errors import PostforgeError
from postforge.reading.frontmatter import FrontMatterError
from postforge.reading.frontmatter import has_front_matter
from postforge.reading.frontmatter import read_text
from postforge.reading.frontmatter import load_yaml
from postforge.reading.frontmatter import resolve_plain
from postforge.reading.frontmatter import split_front_matter

UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle runs with TZ=UTC; a timestamp without a zone is shown in local time."""
    monkeypatch.setenv("TZ", "UTC")


# (description, file text, front matter, body, lines before the body)
SPLIT_CASES = [
    ("plain", "---\na: 1\n---\nbody", {"a": 1}, "body", 3),
    ("CRLF", "---\r\na: 1\r\n---\r\nbody\r\n", {"a": 1}, "body\r\n", 3),
    ("closed by ...", "---\na: 1\n...\nbody", {"a": 1}, "body", 3),
    ("trailing spaces on both delimiters", "---   \na: 1\n---  \nbody", {"a": 1}, "body", 3),
    ("tab after the opening ---", "---\t\na: 1\n---\nbody", {"a": 1}, "body", 3),
    ("blank lines after the closing --- are eaten", "---\na: 1\n---\n\n  \n\nbody\n\nmore", {"a": 1}, "body\n\nmore", 6),
    ("empty front matter", "---\n---\nbody", {}, "body", 2),
    ("delimiters only", "---\n---", {}, "", 1),
    ("comment only", "---\n# nothing\n---\nbody", {}, "body", 3),
    ("blank first line", "---\n\na: 1\n---\nbody", {"a": 1}, "body", 4),
    ("an indented --- does not close", "---\na: |\n  x\n  ---\n  y\n---\nbody", {"a": "x\n---\ny\n"}, "body", 6),
    ("the first closing line wins", "---\na: 1\n--- \nb: 2\n---\nbody", {"a": 1}, "b: 2\n---\nbody", 3),
    ("no newline after the closing ---", "---\na: 1\n---", {"a": 1}, "", 2),
    ("a BOM is dropped (a post is read this way)", "\ufeff---\na: 1\n---\nbody", {"a": 1}, "body", 3),
    ("never closed: empty data, the whole text is the body", "---\na: 1\nbody", {}, "---\na: 1\nbody", 0),
    ("not front matter: four dashes", "----\na: 1\n---\nbody", None, "----\na: 1\n---\nbody", 0),
    ("not front matter: a leading space", " ---\na: 1\n---\nbody", None, " ---\na: 1\n---\nbody", 0),
    ("not front matter: text after ---", "--- a: 1\n---\nbody", None, "--- a: 1\n---\nbody", 0),
    ("no front matter at all", "just text\n", None, "just text\n", 0),
    (
        "Psych types",
        "---\nd: 2024-01-05\nt: 2024-01-05 10:00:00\nz: 2024-01-05 10:00:00 +02:00\nu: 2024-01-05T10:00:00Z\n"
        "b: yes\nn: 10:30\nf: 1.5\ns: '10:30'\nnil: ~\nlist: [a, 1, on]\n---\nbody",
        {
            "d": dt.date(2024, 1, 5),
            "t": dt.datetime(2024, 1, 5, 10, tzinfo=UTC),
            "z": dt.datetime(2024, 1, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "u": dt.datetime(2024, 1, 5, 10, tzinfo=UTC),
            "b": True,
            "n": 37800,
            "f": 1.5,
            "s": "10:30",
            "nil": None,
            "list": ["a", 1, True],
        },
        "body",
        12,
    ),
]


@pytest.mark.parametrize(("description", "text", "data", "body", "lines"), SPLIT_CASES, ids=[c[0] for c in SPLIT_CASES])
def test_split_front_matter(description: str, text: str, data: dict | None, body: str, lines: int) -> None:
    assert split_front_matter(text, "page.html") == (data, body, lines)


# (raw first bytes of a file, whether Jekyll reads it as a page rather than copying it)
HEADER_CASES = [
    (b"---\na: 1\n---\n", True),
    (b"--- \r\n---\r\n", True),
    (b"---\n", True),
    (b"---", False),
    (b"\xef\xbb\xbf---\na: 1\n---\n", False),
    (b"----\n", False),
    (b" ---\n", False),
    (b"--- x\n", False),
    (b"", False),
]


@pytest.mark.parametrize(("raw", "expected"), HEADER_CASES)
def test_has_front_matter(raw: bytes, expected: bool, tmp_path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(raw)
    assert has_front_matter(path.read_bytes()) is expected


# (plain scalar, the value Psych gives, as Python) from Jekyll::Utils.safe_load_yaml
SCALAR_CASES = [
    ("yes", True), ("Yes", True), ("yEs", True), ("no", False), ("on", True), ("Off", False),
    ("y", "y"), ("n", "n"), ("true", True), ("tRuE", True), ("false", False),
    ("null", None), ("nUlL", None), ("Null", None), ("~", None), ("", None),
    ("1", 1), ("-1", -1), ("+1", 1), ("00", 0), ("08", "08"), ("0777", 511), ("0b101", 5),
    ("0x1F", 31), ("-0x1f", -31), ("1,000", 1000), ("1_000", 1000), ("1,,0", "1,,0"), ("0o17", "0o17"),
    ("-0", 0), ("0_1", 1),
    ("1.5", 1.5), ("1.", 1.0), ("-1.5", -1.5), (".5", 0.5), ("0.", 0.0), ("+0.5", 0.5),
    ("1_000.5", 1000.5), ("1,000.5", 1000.5), ("1.5e+3", 1500.0),
    ("1e5", "1e5"), ("1.5e3", "1.5e3"), ("1E+2", "1E+2"), ("12e3", "12e3"),
    (".inf", math.inf), ("-.inf", -math.inf), ("+.inf", math.inf), (".", "."),
    ("10:30", 37800), ("1:30:00", 5400), ("1:30.5", 5430.0), ("-1:30", -1800),
    ("2024-01-05", dt.date(2024, 1, 5)), ("2024-1-5", dt.date(2024, 1, 5)),
    ("2023-02-30", "2023-02-30"), ("2024-13-01", "2024-13-01"),
    ("a1", "a1"), ("1abc", "1abc"), ("nulls", "nulls"), ("yess", "yess"), ("=", "="), ("é", "é"),
    ("true dat", "true dat"), ("0x", "0x"), ("0b2", "0b2"), ("--", "--"), ("+", "+"), ("1.2.3", "1.2.3"),
]


@pytest.mark.parametrize(("scalar", "expected"), SCALAR_CASES, ids=[repr(c[0]) for c in SCALAR_CASES])
def test_plain_scalars_resolve_as_psych(scalar: str, expected: object) -> None:
    value = load_yaml(f"v: {scalar}", "x.yml")["v"]
    assert value == expected
    assert type(value) is type(expected)


def test_nan() -> None:
    assert math.isnan(resolve_plain(".NaN"))


NEW_YORK = "America/New_York"

# (timestamp, TZ, the time Psych gives as UTC offset + wall clock)
TIME_CASES = [
    ("2024-01-01 10:00:00", NEW_YORK, "2024-01-01 05:00:00 -0500"),  # no zone: read as UTC, shown local
    ("2024-01-01T10:00:00Z", NEW_YORK, "2024-01-01 10:00:00 +0000"),
    ("2024-01-01 10:00:00 +02:00", NEW_YORK, "2024-01-01 10:00:00 +0200"),
    ("2024-01-01 10:00:00 -0530", NEW_YORK, "2024-01-01 10:00:00 -0530"),
    ("2024-01-01 10:00:00 +2", NEW_YORK, "2024-01-01 10:00:00 +0200"),
    ("2024-01-01 10:00:00 Z", NEW_YORK, "2024-01-01 10:00:00 +0000"),
    ("2024-01-01t10:00:00", NEW_YORK, "2024-01-01 05:00:00 -0500"),
    ("2024-01-01  10:00:00", NEW_YORK, "2024-01-01 05:00:00 -0500"),
    ("2024-02-31 10:00:00", NEW_YORK, "2024-03-02 05:00:00 -0500"),  # Time.utc folds Feb 31
    ("2024-01-01 24:00:00", NEW_YORK, "2024-01-01 19:00:00 -0500"),
    ("2024-01-01 10:00:60", NEW_YORK, "2024-01-01 05:01:00 -0500"),
    ("2024-01-01 10:00:00.123456789", NEW_YORK, "2024-01-01 05:00:00.123456 -0500"),
    ("2024-07-01 10:00:00", "UTC", "2024-07-01 10:00:00 +0000"),
]


@pytest.mark.parametrize(("scalar", "zone", "expected"), TIME_CASES)
def test_timestamps(scalar: str, zone: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    value = load_yaml(f"v: {scalar}", "x.yml")["v"]
    assert isinstance(value, dt.datetime) and value.tzinfo is not None
    fmt = "%Y-%m-%d %H:%M:%S.%f %z" if "." in expected else "%Y-%m-%d %H:%M:%S %z"
    assert value.strftime(fmt) == expected


# (YAML document, Python value) for tags, keys, aliases and documents
DOCUMENT_CASES = [
    ("yes: 1\n2: a\n~: b\n2024-01-01: d\n1.5: f", {True: 1, 2: "a", None: "b", dt.date(2024, 1, 1): "d", 1.5: "f"}),
    (
        "a: !!str 12\nb: !!int '12'\nc: !!float 1\nd: !!float '1'\ne: !foo bar\nf: !!binary aGVsbG8=\n"
        "g: !!timestamp 2024-01-01\nh: !!bool yes\ni: !!null ''\nj: !!str\nk: '12'\nl: \"yes\"",
        {"a": "12", "b": 12, "c": 1.0, "d": 1.0, "e": "bar", "f": "hello", "g": dt.date(2024, 1, 1), "h": True,
         "i": None, "j": "", "k": "12", "l": "yes"},
    ),
    ("a: !foo {x: 1}\nb: !bar [1, 2]\n", {"a": {"x": 1}, "b": [1, 2]}),
    (
        "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\ne:\n  <<: [*b, {z: 1}]\n",
        {"base": {"x": 1, "y": 2}, "d": {"x": 1, "y": 3}, "e": {"z": 1, "x": 1, "y": 2}},
    ),
    ("a: 1\n---\nb: 2", {"a": 1}),
    ("", None),
    ("# c\n", None),
    ("---\n", None),
    ("foo", "foo"),
    ("- a\n- b", ["a", "b"]),
    ("a: 1\na: 2", {"a": 2}),
    ('{"a":1, "b":[1,2.5,1e5,true,null,"x"]}', {"a": 1, "b": [1, 2.5, "1e5", True, None, "x"]}),
    ('{\n\t"a": 1\n}', {"a": 1}),
    ("a: |\n  x\n  y\nb: >\n  p\n  q\n", {"a": "x\ny\n", "b": "p q\n"}),
    ("a: b\n  c\n\n  d", {"a": "b c\nd"}),
    ("a: 0.1\nb: 1e-5\nc: 1.0e-5", {"a": 0.1, "b": "1e-5", "c": 1.0e-5}),
]


@pytest.mark.parametrize(("text", "expected"), DOCUMENT_CASES)
def test_documents(text: str, expected: object) -> None:
    value = load_yaml(text, "x.yml")
    assert value == expected
    if isinstance(expected, dict):
        assert list(value) == list(expected)


# (tagged value, Psych's safe_load result, or the class it refuses) from Jekyll::Utils.safe_load_yaml
TAG_CASES = [
    ("!ruby/array [1]", [1], None),
    ("!ruby/hash {x: 1}", {"x": 1}, None),
    ("!ruby/string foo", "foo", None),
    ("!str foo", "foo", None),
    ("!ruby/object:Foo bar", "bar", None),
    ("!!omap [{x: 1}]", {"x": 1}, None),
    ("!ruby/regexp /x/", None, "Regexp"),
    ("!ruby/range 1..2", None, "Range"),
    ("!ruby/hash:Foo {x: 1}", None, "Foo"),
    ("!!set {x, y}", None, "Psych::Set"),
    ("!ruby/struct:Foo {x: 1}", None, "Foo"),
    ("!ruby/exception {x: 1}", None, "Exception"),
    ("!ruby/sym foo", None, "Symbol"),
    (":\"quoted\"", None, "Symbol"),
]


@pytest.mark.parametrize(("tagged", "expected", "refused"), TAG_CASES)
def test_tags(tagged: str, expected: object, refused: str | None) -> None:
    if refused is None:
        assert load_yaml(f"a: {tagged}", "x.yml") == {"a": expected}
        return
    with pytest.raises(PostforgeError) as caught:
        load_yaml(f"a: {tagged}", "x.yml")
    assert caught.value.message == f"Tried to load unspecified class: {refused}"
    assert (caught.value.location.line, caught.value.location.column) == (1, 4)


# (file text, message start, line, column, source line, kind): places count the --- line
ERROR_CASES = [
    (
        "---\ntitle: x\nnav: [a, b\nfoo: 1\n---\nbody",
        "YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence started at line 3 column 6",
        4, 4, "foo: 1", "yaml",
    ),
    (
        "---\na: [1\n---\nbody",
        "YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence (reached the end",
        2, 4, "a: [1", "yaml",
    ),
    ("---\na: b: c\n---\nbody", "YAML syntax error: mapping values are not allowed in this context", 2, 5, "a: b: c", "yaml"),
    (
        "---\na: 1\n---x\nb: 2\n---\nbody",
        "YAML syntax error: could not find expected ':' while scanning a simple key",
        4, 1, "b: 2", "yaml",
    ),
    ("---\ntitle: :sym\n---\nbody", "Tried to load unspecified class: Symbol", 2, 8, "title: :sym", "yaml"),
    ("---\nt: !ruby/object:Foo {x: 1}\n---\nbody", "Tried to load unspecified class: Foo", 2, 4, "t: !ruby/object:Foo {x: 1}", "yaml"),
    ("---\n- x\n- y\n---\nbody", "invalid YAML front matter: expected a mapping, got Array", 2, None, "- x", "not_mapping"),
    ("---\nfoo\n---\nbody", "invalid YAML front matter: expected a mapping, got String", 2, None, "foo", "not_mapping"),
]


@pytest.mark.parametrize(("text", "message", "line", "column", "line_text", "kind"), ERROR_CASES)
def test_front_matter_errors(text: str, message: str, line: int, column: int | None, line_text: str, kind: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(text, "_posts/2024-01-01-x.md")
    error = caught.value
    assert error.message.startswith(message)
    assert error.location.path == "_posts/2024-01-01-x.md"
    assert (error.location.line, error.location.column, error.location.line_text) == (line, column, line_text)
    assert error.kind == kind
    # Jekyll keeps going (unless strict_front_matter) with the text after the closing ---
    assert error.body == "body"


def test_load_yaml_error_counts_preceding_lines() -> None:
    with pytest.raises(PostforgeError) as caught:
        load_yaml("a: 1\nb: c: d\n", "_data/x.yml", line_offset=10)
    location = caught.value.location
    assert (location.path, location.line, location.column, location.line_text) == ("_data/x.yml", 12, 5, "b: c: d")
    assert caught.value.describe().endswith("12 | b: c: d\n         ^")


@pytest.mark.parametrize(
    "raw",
    [
        b"", b"plain", b"\xef\xbb\xbf---\ntitle: BOM\n---\nbody", b"crlf\r\nline\r\n", b"cr\ronly\r",
        "caf\u00e9 \u2028 \U0001f600".encode(), b"x" * (1 << 17) + b"\xc3\xa9" + b"y" * 10,
    ],
    ids=["empty", "plain", "bom", "crlf", "cr", "unicode", "longer-than-one-read"],
)
def test_read_text_is_text_mode_open(raw: bytes, tmp_path) -> None:
    path = tmp_path / "f.md"
    path.write_bytes(raw)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert read_text(str(path)) == handle.read()


def test_read_text_refuses_invalid_utf8(tmp_path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(b"ok \xff bad")
    with pytest.raises(UnicodeDecodeError):
        read_text(str(path))
