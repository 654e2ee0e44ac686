"""Front matter and YAML as Jekyll 4.3 reads them: where front matter starts and ends, and Psych's types.

Jekyll decides a file has front matter from its first raw line (``---`` and optional spaces), then
cuts the front matter out of the BOM-stripped text with one regex, and loads it with
``Psych.safe_load`` (Date and Time permitted, aliases allowed). Psych resolves plain scalars with its
own YAML 1.1 rules, which differ from PyYAML's in ways a site's output shows: ``10:30`` is the
integer 37800, ``1e5`` and ``y`` stay strings, ``1,000`` is 1000, ``nUlL`` is nil, and a timestamp
without a zone is read as UTC and shown in local time. :func:`resolve_plain` ports that logic;
:class:`PsychLoader` wires it into PyYAML (libyaml's parser when available: Psych uses libyaml, so
the same documents parse and the same messages come out).
"""

from __future__ import annotations

import os
import re
from typing import Any

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.psych import load_yaml
from postforge.psych import resolve_plain
from postforge.psych import ruby_class

__all__ = [
    "FrontMatterError",
    "PsychLoader",
    "has_front_matter",
    "load_yaml",
    "read_text",
    "resolve_plain",
    "split_body",
    "split_front_matter",
]

#: Jekyll's Document::YAML_FRONT_MATTER_REGEXP with Ruby's ASCII ``\s`` and line-wise ``^``/``$``
_FRONT_MATTER = re.compile(
    r"\A(---[ \t\r\n\f\v]*\n.*?\n?)^((?:---|\.\.\.)[ \t\r\n\f\v]*$\n?)", re.DOTALL | re.MULTILINE
)
#: Utils.has_yaml_header? reads only the first raw line, so ``\s*`` cannot reach the next one
_HEADER = re.compile(rb"\A---[ \t\r\f\v]*\n")

_BOM = "\ufeff"


def read_text(path: str) -> str:
    """A source file's text as Jekyll reads it (``bom|utf-8``, line ends kept as written).

    The bytes are read with ``os.read`` and decoded at once: a text-mode file object with its
    incremental decoder took twice as long (11.5 against 6 us for a benchmark post), once for
    every document of a site. Invalid UTF-8 raises ``UnicodeDecodeError`` as ``open`` would.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(fd)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    return data.decode("utf-8-sig")


def has_front_matter(raw: bytes | str) -> bool:
    """Whether Jekyll treats a file as having front matter (a page/document, not a static file).

    The test runs on raw bytes, so a file that starts with a BOM has none: Jekyll copies it as is.
    """
    if isinstance(raw, str):
        raw = raw[:64].encode("utf-8", "surrogatepass")
    return _HEADER.match(raw[:4096]) is not None


class FrontMatterError(PostforgeError):
    """Front matter Jekyll could not use; carries the body, since Jekyll often goes on without it.

    Jekyll 4.3: malformed YAML (or a ``:symbol``) in a page or document is a warning unless
    ``strict_front_matter`` is set, the page keeping empty data (a document, its defaults) and the
    body after the front matter; front matter that is not a mapping fails the build for a page,
    and is an error message but not a failure for a document.
    """

    def __init__(self, message: str, location: Location | None, body: str, line_offset: int, kind: str) -> None:
        super().__init__(message, location)
        #: the text after the closing ``---``, as Jekyll keeps it
        self.body = body
        #: lines before ``body`` in the file
        self.line_offset = line_offset
        #: ``"yaml"`` (syntax error or disallowed class) or ``"not_mapping"``
        self.kind = kind


def _split(text: str) -> tuple[str | None, str, int]:
    """(front matter text, body, where the body starts) of a text without its BOM; (None, the
    text, 0) where no front matter block opens and closes it."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text, 0
    return match.group(1), text[match.end():], match.end()


def _opens(text: str) -> bool:
    """Whether a ``---`` line opens the text (a block that never closes leaves the data empty)."""
    return _HEADER.match(text[:4096].encode("utf-8", "surrogatepass")) is not None


def split_body(text: str) -> tuple[str | None, str]:
    """(front matter text, body) as :func:`split_front_matter` cuts them, the YAML not parsed:
    front matter None where the text has none, ``""`` where a ``---`` line opens it but no block
    closes. For a look at the body where the data is seldom needed."""
    if text.startswith(_BOM):
        text = text[1:]
    front, body, _end = _split(text)
    if front is None and _opens(text):
        front = ""
    return front, body


def split_front_matter(text: str, path: str) -> tuple[dict | None, str, int]:
    """Split a file's text into (front matter, body, lines before the body).

    The data is ``None`` when the text does not open with a ``---`` line, ``{}`` when it does but
    the front matter is empty or never closed (Jekyll then keeps the whole text as the body). A
    leading BOM is dropped as Jekyll's ``bom|utf-8`` read drops it. Blank lines right after the
    closing ``---`` belong to the delimiter in Jekyll's regex, so they are not part of the body.
    Unusable front matter raises :class:`FrontMatterError`.
    """
    if text.startswith(_BOM):
        text = text[1:]
    front, body, end = _split(text)
    if front is None:
        return ({} if _opens(text) else None), text, 0
    line_offset = text.count("\n", 0, end)
    try:
        data = load_yaml(front, path)
    except PostforgeError as error:
        location = error.location
        if location is not None and location.line is not None:
            file_line = Location.from_line(path, text, location.line)
            location = Location(path, location.line, location.column, (file_line.line_text or "").rstrip("\r"))
        raise FrontMatterError(error.message, location, body, line_offset, "yaml") from None
    if data is None or data is False:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"invalid YAML front matter: expected a mapping, got {ruby_class(data)}",
            Location.from_line(path, text, 2),
            body,
            line_offset,
            "not_mapping",
        )
    return data, body, line_offset


def __getattr__(name: str) -> Any:
    """``PsychLoader`` is re-exported lazily: importing it loads PyYAML (see :mod:`postforge.psych`)."""
    if name == "PsychLoader":
        from postforge.psych_loader import PsychLoader

        return PsychLoader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
