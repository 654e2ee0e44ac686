"""``site.data``: the ``_data`` folder read as Jekyll 4.3's DataReader reads it.

Which file wins a key is part of the output, so the order is Jekyll's: in each folder, the
``*.yaml`` files, then ``*.yml``, ``*.json``, ``*.csv``, ``*.tsv`` (each group sorted bytewise; the
extensions are matched case-sensitively), then the sub-folders, each replacing what an earlier
entry put under the same key. Keys are sanitised file names (``my file.yml`` → ``my_file``).
YAML and JSON go through the one Psych-compatible loader (Jekyll reads JSON with Psych too, so
``1e5`` in a JSON file is the string ``"1e5"``). CSV and TSV become arrays of hashes as Ruby's
``CSV.read(headers: true)`` makes them: an empty unquoted field is ``nil``, a quoted one ``""``,
a repeated header keeps its first column, a blank line is a row of ``nil``.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.reading.frontmatter import load_yaml
from postforge.reading.frontmatter import resolve_plain
from postforge.regexes import LazyPattern

__all__ = ["parse_csv", "read_data", "read_data_file", "sanitize_filename"]

_EXTENSIONS = ("yaml", "yml", "json", "csv", "tsv")
_BOM = "\ufeff"
#: Ruby's ``[^\w\s-]`` is ASCII, its ``\b`` Unicode-aware
_UNSAFE = LazyPattern(r"[^A-Za-z0-9_ \t\n\v\f\r-]+|(?:(?<=^)|(?<=\b[ \t\n\v\f\r]))[ \t\n\v\f\r]+(?=$|[ \t\n\v\f\r]?\b)")
_SPACES = LazyPattern(r"[ \t\n\v\f\r]+")
# ``csv_converters``' patterns, left to ``re``'s cache to compile when first used: few sites
# convert CSV fields, and compiling them with the module cost every start ~0.5 ms
_RUBY_INTEGER = (
    r"[ \t\n\v\f\r]*[-+]?(?:0[bB][01]+(?:_[01]+)*|0[oO]?[0-7]+(?:_[0-7]+)*|0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*"
    r"|0[dD][0-9]+(?:_[0-9]+)*|[1-9][0-9]*(?:_[0-9]+)*|0)[ \t\n\v\f\r]*"
)
_RUBY_FLOAT = (
    r"[ \t\n\v\f\r]*[-+]?(?:[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?|\.[0-9]+(?:_[0-9]+)*)"
    r"(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?[ \t\n\v\f\r]*"
)
_CSV_DATE = r"(?:\w+,?\s+)?\w+\s+\d{1,2},?\s+\d{2,4}|\d{4}-\d{2}-\d{2}"
_CSV_DATE_TIME = r"\d{4}-\d{2}-\d{2}(?:[T\s]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?(?:[+-]\d{2}(?::\d{2})|Z)?)?)?"


def sanitize_filename(name: str) -> str:
    """DataReader#sanitize_filename: drop non-word characters and stray spaces, spaces to ``_``."""
    return _SPACES.sub("_", _UNSAFE.sub("", name))


def read_data(data_dir: Path, config: dict | None = None) -> dict:
    """``site.data`` from ``data_dir`` (``{}`` when it does not exist).

    ``config`` supplies ``encoding`` and the ``csv_reader``/``tsv_reader`` options
    (``csv_converters``, ``headers``, ``encoding``). Symlinks are followed, as Jekyll does outside
    safe mode.
    """
    content: dict = {}
    _read_into(Path(data_dir), content, config or {}, Path(data_dir))
    return content


def _read_into(folder: Path, data: dict, config: dict, root: Path) -> None:
    if not folder.is_dir():
        return
    names = sorted((entry.name for entry in folder.iterdir() if not entry.name.startswith(".")), key=_ruby_order)
    for ext in _EXTENSIONS:
        for name in names:
            if name.endswith("." + ext) and len(name) > len(ext) + 1:
                _read_entry(folder / name, data, config, root)
    for name in names:
        if (folder / name).is_dir():
            _read_entry(folder / name, data, config, root)


def _ruby_order(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")


def _read_entry(path: Path, data: dict, config: dict, root: Path) -> None:
    if path.is_dir():
        data[sanitize_filename(path.name)] = nested = {}
        _read_into(path, nested, config, root)
    else:
        stem = path.name.rsplit(".", 1)[0] if "." in path.name[1:] else path.name
        data[sanitize_filename(stem)] = read_data_file(path, config, _display(path, root))


def _display(path: Path, root: Path) -> str:
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def read_data_file(path: Path, config: dict | None = None, display: str | None = None) -> Any:
    """One data file's value: CSV/TSV by extension, anything else as YAML (JSON included)."""
    config = config or {}
    display = display or str(path)
    ext = path.suffix.lower()
    if ext in (".csv", ".tsv"):
        reader = config.get("csv_reader" if ext == ".csv" else "tsv_reader") or {}
        text = _read_text(path, reader.get("encoding", config.get("encoding", "utf-8")), display, bom=False)
        return parse_csv(
            text,
            display,
            separator="\t" if ext == ".tsv" else ",",
            headers=reader.get("headers", True),
            converters=list(reader.get("csv_converters") or []),
        )
    text = _read_text(path, config.get("encoding", "utf-8"), display, bom=True)
    try:
        return load_yaml(text, display)
    except PostforgeError:
        if ext != ".json":
            raise
        try:
            return json.loads(text, parse_float=resolve_plain, parse_int=resolve_plain)
        except ValueError:
            pass
        raise


def _read_text(path: Path, encoding: Any, display: str, bom: bool) -> str:
    """Jekyll reads YAML with ``bom|utf-8`` (BOM dropped); CSV with the bare encoding (BOM kept)."""
    name = str(encoding or "utf-8")
    if name.lower().startswith("bom|"):
        name, bom = name[4:], True
    try:
        text = path.read_bytes().decode(name)
    except LookupError:
        raise PostforgeError(f"unknown encoding {name!r}", Location(display)) from None
    except UnicodeDecodeError as error:
        raise PostforgeError(f"invalid {name}: {error.reason}", Location(display)) from None
    if bom and name.lower().replace("_", "-").startswith("utf-") and text.startswith(_BOM):
        text = text[1:]
    return text


def parse_csv(
    text: str,
    path: str,
    *,
    separator: str = ",",
    headers: Any = True,
    converters: list[str] | None = None,
) -> list:
    """``CSV.read(...).map(&:to_hash)`` on ``text``: hashes by header, or arrays when ``headers`` is false."""
    rows = _csv_rows(text, path, separator)
    if not headers:
        header = None
    elif isinstance(headers, list):
        header = list(headers)
    elif isinstance(headers, str):
        header = _csv_rows(headers, path, separator)[0]
    elif rows:
        header, rows = rows[0], rows[1:]
    else:
        return []
    convert = _converter([str(name) for name in converters or []])
    if convert is not None:
        rows = [[convert(field) if isinstance(field, str) else field for field in row] for row in rows]
    if header is None:
        return rows
    out = []
    for row in rows:
        record: dict = {}
        keys = header + [None] * max(0, len(row) - len(header))
        for index, key in enumerate(keys):
            if key not in record:
                record[key] = row[index] if index < len(row) else None
        out.append(record)
    return out


def _csv_rows(text: str, path: str, sep: str) -> list[list[str | None]]:
    """Ruby CSV's strict RFC 4180 reading; the row separator is the first line ending found."""
    newline = re.search(r"\r\n|\n|\r", text)
    row_sep = newline.group(0) if newline else "\n"
    rows: list[list[str | None]] = []
    pos, line, size = 0, 1, len(text)
    while pos < size:
        row: list[str | None] = []
        if text.startswith(row_sep, pos):
            rows.append(row)
            pos, line = pos + len(row_sep), line + 1
            continue
        while True:
            field, pos, line = _csv_field(text, pos, line, sep, row_sep, path)
            row.append(field)
            if pos >= size:
                break
            if text.startswith(sep, pos):
                pos += len(sep)
                continue
            pos, line = pos + len(row_sep), line + 1
            break
        rows.append(row)
    return rows


def _csv_field(text: str, pos: int, line: int, sep: str, row_sep: str, path: str) -> tuple[str | None, int, int]:
    """One field from ``pos``: (value, where its separator starts, line there); ``None`` when empty."""
    size = len(text)
    if pos < size and text[pos] == '"':
        start_line, parts = line, []
        pos += 1
        while True:
            end = text.find('"', pos)
            if end == -1:
                raise _csv_error(f"Unclosed quoted field in line {start_line}.", path, text, start_line)
            parts.append(text[pos:end])
            pos = end + 1
            if text.startswith('"', pos):
                parts.append('"')
                pos += 1
                continue
            break
        value = "".join(parts)
        line += value.count(row_sep) if row_sep != "\r\n" else value.count("\r\n")
        if pos < size and not text.startswith(sep, pos) and not text.startswith(row_sep, pos):
            raise _csv_error(f"Any value after quoted field isn't allowed in line {line}.", path, text, line)
        return value, pos, line
    ends = [found for found in (text.find(sep, pos), text.find(row_sep, pos)) if found != -1]
    end = min(ends) if ends else size
    value = text[pos:end]
    if '"' in value:
        raise _csv_error(f"Illegal quoting in line {line}.", path, text, line)
    if "\r" in value or "\n" in value:
        raise _csv_error(f"Unquoted fields do not allow new line in line {line}.", path, text, line)
    return (value or None), end, line


def _csv_error(message: str, path: str, text: str, line: int) -> PostforgeError:
    lines = text.splitlines()
    line_text = lines[line - 1] if 0 < line <= len(lines) else None
    return PostforgeError(f"malformed CSV: {message}", Location(path, line, None, line_text))


def _converter(names: list[str]) -> Any:
    """Ruby CSV's built-in field converters, applied in order until one changes the field."""
    chain: list[Any] = []
    for name in names:
        if name in ("numeric", "all"):
            if name == "all":
                chain.append(_to_date_time)
            chain.extend([_to_integer, _to_float])
        else:
            chain.append({"integer": _to_integer, "float": _to_float, "date": _to_date, "date_time": _to_date_time}.get(name))
    chain = [step for step in chain if step is not None]
    if not chain:
        return None

    def convert(field: str) -> Any:
        for step in chain:
            value = step(field)
            if value is not field:
                return value
        return field

    return convert


def _to_integer(field: str) -> Any:
    if not re.fullmatch(_RUBY_INTEGER, field):
        return field
    digits = field.strip().replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-").lower()
    for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16), ("0d", 10)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    if len(digits) > 1 and digits.startswith("0"):
        return sign * int(digits[1:], 8)
    return sign * int(digits)


def _to_float(field: str) -> Any:
    if not re.fullmatch(_RUBY_FLOAT, field):
        return field
    return float(field.strip().replace("_", ""))


def _to_date(field: str) -> Any:
    stripped = field.strip()
    if not re.fullmatch(_CSV_DATE, stripped):
        return field
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
            return _dt.date.fromisoformat(stripped)
        return _dt.datetime.strptime(re.sub(r",", "", stripped), "%B %d %Y").date()
    except ValueError:
        return field


def _to_date_time(field: str) -> Any:
    stripped = field.strip()
    if not re.fullmatch(_CSV_DATE_TIME, stripped):
        return field
    try:
        moment = _dt.datetime.fromisoformat(stripped.replace("Z", "+00:00"))
    except ValueError:
        return field
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.timezone.utc)
