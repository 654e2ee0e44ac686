"""``site.data`` as Jekyll 4.3 reads ``_data``: formats, which file wins a key, key names, CSV rules.

Each case's expected JSON is what Jekyll 4.3.1 printed for ``{{ site.data | jsonify }}`` with the
same files (``../shared/oracle/liquid.rb`` with ``files``), key order included.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import pytest

from postforge.errors import PostforgeError
from postforge.reading.data import read_data
from postforge.reading.data import sanitize_filename


@dataclass
class Case:
    description: str
    #: files under the site source, written to disk as UTF-8
    files: dict[str, str]
    #: Jekyll's ``{{ site.data | jsonify }}``
    expected: str
    config: dict[str, Any] = field(default_factory=dict)


def _as_json(value: Any) -> Any:
    """What jsonify shows: nil keys as "", dates as their ``to_s``."""
    if isinstance(value, dict):
        return {("" if key is None else str(key)): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return str(value)
    return value


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


CASES = [
    Case(
        'yaml scalars and structures',
        {'_data/site.yml': 'title: T\nn: 10:30\nd: 2024-01-05\nl: [1, 1.5, yes, ~, 1e5]\nh: {a: {b: c}}\n'},
        '{"site":{"title":"T","n":37800,"d":"2024-01-05","l":[1,1.5,true,null,"1e5"],"h":{"a":{"b":"c"}}}}',
    ),
    Case(
        'json read as YAML',
        {'_data/j.json': '{\n\t"a": 1,\n\t"b": [1e5, 1.5E+3, true, null, "x"],\n\t"c": {"d": "2024-01-05"}\n}\n'},
        '{"j":{"a":1,"b":["1e5",1500.0,true,null,"x"],"c":{"d":"2024-01-05"}}}',
    ),
    Case(
        'extension order: tsv wins',
        {'_data/a.yaml': 'v: yaml', '_data/a.yml': 'v: yml', '_data/a.json': '{"v": "json"}', '_data/a.csv': 'v\ncsv\n', '_data/a.tsv': 'v\ntsv\n'},
        '{"a":[{"v":"tsv"}]}',
    ),
    Case(
        'yml over yaml, json over yml',
        {'_data/a.yaml': 'v: yaml', '_data/a.yml': 'v: yml', '_data/b.yml': 'v: yml', '_data/b.json': '{"v": "json"}'},
        '{"a":{"v":"yml"},"b":{"v":"json"}}',
    ),
    Case(
        'folder wins over file',
        {'_data/b.yml': 'v: file', '_data/b/x.yml': 'v: folder'},
        '{"b":{"x":{"v":"folder"}}}',
    ),
    Case(
        'nested folders',
        {'_data/a/b/c.yml': 'v: 1', '_data/a/d.json': '[1, 2]', '_data/a/e.csv': 'k,v\n1,2\n'},
        '{"a":{"d":[1,2],"e":[{"k":"1","v":"2"}],"b":{"c":{"v":1}}}}',
    ),
    Case(
        'key names sanitised',
        {'_data/my file.yml': '1', '_data/my-data.yml': '2', '_data/d.d/x.yml': '3', '_data/été.yml': '4', '_data/ lead.yml': '5', '_data/a (1).yml': '6'},
        '{"lead":5,"a_1":6,"my_file":1,"my-data":2,"t":4,"dd":{"x":3}}',
    ),
    Case(
        'sanitised collision: later sorted wins',
        {'_data/my file.yml': '1', '_data/my_file.yml': '2'},
        '{"my_file":2}',
    ),
    Case(
        'ignored: hidden, upper-case ext, other ext',
        {'_data/.hidden.yml': 'h', '_data/n.YML': 'up', '_data/t.txt': 'x', '_data/k.yml': 'kept'},
        '{"k":"kept"}',
    ),
    Case(
        'empty and comment-only files are nil',
        {'_data/e.yml': '', '_data/f.yml': '# c\n'},
        '{"e":null,"f":null}',
    ),
    Case(
        'csv: nil, quoted empty, extra and missing fields',
        {'_data/c.csv': 'a,b,\n1,,x\n"","q ""x"""\n\n1,2,3,4\n'},
        '{"c":[{"a":"1","b":null,"":"x"},{"a":"","b":"q \\"x\\"","":null},{"a":null,"b":null,"":null},{"a":"1","b":"2","":"3"}]}',
    ),
    Case(
        'csv: duplicate header keeps first, BOM kept',
        {'_data/c.csv': '\ufeffa,a,b\n1,2,3\n'},
        '{"c":[{"\ufeffa":"1","a":"2","b":"3"}]}',
    ),
    Case(
        'csv: crlf and quoted newline',
        {'_data/c.csv': 'a,b\r\n"x\r\ny",2\r\n'},
        '{"c":[{"a":"x\\r\\ny","b":"2"}]}',
    ),
    Case(
        'tsv',
        {'_data/t.tsv': 'a\tb\n1\t"2\t3"\n'},
        '{"t":[{"a":"1","b":"2\\t3"}]}',
    ),
    Case(
        'csv headers false',
        {'_data/c.csv': 'a,b\n1,\n'},
        '{"c":[["a","b"],["1",null]]}',
        {'csv_reader': {'headers': False}},
    ),
    Case(
        'csv numeric converters',
        {'_data/c.csv': 'a,b,c,d,e\n1,1.5,0x1A,1_000,x\n'},
        '{"c":[{"a":1,"b":1.5,"c":26,"d":1000,"e":"x"}]}',
        {'csv_reader': {'csv_converters': ['numeric']}},
    ),
    Case(
        'tsv reader options separate',
        {'_data/c.csv': 'a\n1\n', '_data/t.tsv': 'a\n1\n'},
        '{"c":[{"a":"1"}],"t":[{"a":1}]}',
        {'tsv_reader': {'csv_converters': ['integer']}},
    ),
    Case(
        'BOM dropped in YAML',
        {'_data/b.yml': '\ufeffa: 1\n'},
        '{"b":{"a":1}}',
    ),
    Case(
        'merge keys and anchors',
        {'_data/m.yml': 'base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n'},
        '{"m":{"base":{"x":1,"y":2},"d":{"x":1,"y":3}}}',
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.description for c in CASES])
def test_read_data(case: Case, tmp_path: Path) -> None:
    _write(tmp_path, case.files)
    got = _as_json(read_data(tmp_path / "_data", case.config))
    expected = json.loads(case.expected)
    assert got == expected
    assert json.dumps(got) == json.dumps(expected), "key order differs"


def test_missing_data_dir_is_empty(tmp_path: Path) -> None:
    assert read_data(tmp_path / "_data") == {}


def test_dates_stay_dates(tmp_path: Path) -> None:
    _write(tmp_path, {"_data/d.yml": "day: 2024-01-05\nat: 2024-01-05 10:00:00 +02:00\n"})
    data = read_data(tmp_path / "_data")["d"]
    assert data["day"] == dt.date(2024, 1, 5)
    assert data["at"] == dt.datetime(2024, 1, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))


# (file name without extension, the key Jekyll derives) from DataReader#sanitize_filename
SANITIZE_CASES = [
    ("my file", "my_file"), ("my  file", "my_file"), (" lead", "lead"), ("trail ", "trail_"),
    ("a - b", "a_-_b"), ("a-b", "a-b"), ("été", "t"), ("naïve name", "nave_name"), ("a.b", "ab"),
    ("a  b", "a_b"), ("a b  c", "a_b_c"), (" ", ""), ("x y!z", "x_yz"), ("ü ü", "_"), ("a\tb", "a_b"),
    ("_a _b", "_a__b"), ("a (1)", "a_1"), ("a (1) b", "a_1_b"), ("日本 語", "_"), ("a -", "a_-"),
    ("- a", "-_a"), ("a - - b", "a_-_-_b"), ("a  -  b", "a_-_b"), ("é  b", "_b"), ("a  é", "a_"),
    ("b  é  c", "b_c"), ("1  é", "1_"),
]


@pytest.mark.parametrize(("name", "key"), SANITIZE_CASES)
def test_sanitize_filename(name: str, key: str) -> None:
    assert sanitize_filename(name) == key


# (file, text, message start, line, column, source line); Jekyll fails the build on each
ERROR_CASES = [
    (
        "_data/a.yml", "a: 1\nb: [1\nc: 2\n",
        "YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence started at line 2 column 4",
        3, 2, "c: 2",
    ),
    (
        "_data/a.json", '{"a": 1,,}',
        "YAML syntax error: did not find expected node content while parsing a flow node",
        1, 9, '{"a": 1,,}',
    ),
    ("_data/sub/a.yml", "a: :x\n", "Tried to load unspecified class: Symbol", 1, 4, "a: :x"),
    ("_data/a.csv", 'a,b\n1,x"y\n', "malformed CSV: Illegal quoting in line 2.", 2, None, '1,x"y'),
    ("_data/a.csv", 'a,b\n"1,2\n', "malformed CSV: Unclosed quoted field in line 2.", 2, None, '"1,2'),
    ("_data/a.csv", 'a,b\n"1"x,2\n', "malformed CSV: Any value after quoted field isn't allowed in line 2.", 2, None, '"1"x,2'),
]


@pytest.mark.parametrize(("name", "text", "message", "line", "column", "line_text"), ERROR_CASES)
def test_data_errors(name: str, text: str, message: str, line: int, column: int | None, line_text: str, tmp_path: Path) -> None:
    _write(tmp_path, {name: text})
    with pytest.raises(PostforgeError) as caught:
        read_data(tmp_path / "_data")
    error = caught.value
    assert error.message.startswith(message)
    assert (error.location.path, error.location.line, error.location.column) == (name, line, column)
    assert error.location.line_text == line_text
