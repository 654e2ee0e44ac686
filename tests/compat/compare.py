"""Compares a postforge build with Jekyll's golden ``expected/`` site: what counts as the same output.

Two outputs are the same when their bytes are equal after :func:`normalise`, which undoes only
differences that cannot change what a browser or a feed reader sees:

* **line endings** in text files (``\\r\\n`` and ``\\r`` become ``\\n``): a checkout may convert
  them (git's ``autocrlf``), so they say nothing about the build;
* in HTML and XML, **the order of attributes within a tag** (sorted by name, stable for
  duplicates) and **the whitespace inside a tag** (``<br/>``, ``<br  />`` and ``<br />`` are one
  tag; ``a = "x"`` is ``a="x"``); attribute names, values and their quotes are kept as written;
* in HTML and XML, **a run of whitespace that is all there is between two tags** becomes one
  newline, outside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``, where whitespace is
  content. Whitespace between tags renders as one space however long it is, so only its length
  and kind are dropped: whitespace against no whitespace (``</b> <i>`` against ``</b><i>``) still
  differs, and so does every character of text, comments and raw elements.

Nothing else is touched: no text is dropped or trimmed, no attribute removed, no entity decoded,
no case folded. Files that are not text (images, archives, fonts, anything not in
:data:`TEXT_SUFFIXES`) are compared byte for byte, so a static file must be copied exactly.

:func:`compare_trees` walks both trees and gives one readable entry per differing, missing or
extra file, with a short unified diff of the normalised text; ``known`` maps a relative path to
the reason it is allowed to differ, and a known entry that no longer differs is reported too, so
the list of known differences stays true.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from pathlib import PurePosixPath

__all__ = [
    "MARKUP_SUFFIXES",
    "TEXT_SUFFIXES",
    "compare_trees",
    "count_equivalent",
    "normalise",
]

#: suffixes whose files are HTML or XML: attributes are sorted and inter-tag whitespace collapsed
MARKUP_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".atom", ".rss"})

#: suffixes of other text files: only their line endings are normalised
TEXT_SUFFIXES = MARKUP_SUFFIXES | frozenset(
    {
        ".css", ".js", ".json", ".map", ".txt", ".md", ".markdown", ".scss", ".sass", ".csv",
        ".tsv", ".yml", ".yaml", ".svg", ".webmanifest", ".ics",
    }
)

#: lines of unified diff shown per differing file before the rest is summarised
DIFF_LINES = 40

#: elements whose content is kept exactly: whitespace in them is content, not layout
_PRESERVE = frozenset({"pre", "textarea", "script", "style"})

#: elements whose content is raw text (no tags inside), read up to their end tag as is
_RAW_TEXT = frozenset({"script", "style", "textarea"})

_ATTRIBUTE = r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""

#: one piece of markup: a comment, a declaration or processing instruction, or a tag
_MARKUP = re.compile(
    r"""
    (?P<comment><!--.*?-->)
    | (?P<cdata><!\[CDATA\[.*?\]\]>)
    | (?P<declaration><![^>]*>|<\?.*?\?>)
    | <(?P<end>/)?(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>(?:\s+""" + _ATTRIBUTE + r""")*)\s*(?P<close>/)?\s*>
    """,
    re.S | re.X,
)

_ATTRIBUTE_PARTS = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")

_WHITESPACE_ONLY = re.compile(r"[ \t\n\f\r]+\Z")


def normalise(path: str | PurePosixPath | Path, content: bytes) -> bytes:
    """``content`` of the output file at ``path`` in the form two equivalent outputs share.

    Only the suffix of ``path`` matters: markup files get :func:`_normalise_markup`, other text
    files their line endings, everything else comes back unchanged (see the module docstring
    for why each step cannot hide a real difference).
    """
    suffix = PurePosixPath(str(path)).suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        return content
    content = content.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if suffix not in MARKUP_SUFFIXES:
        return content
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return content
    return _normalise_markup(text).encode("utf-8")


def _normalise_markup(text: str) -> str:
    """Rebuild every tag with sorted attributes; collapse whitespace-only runs between markup."""
    out: list[str] = []
    position = 0
    preserving: list[str] = []  # open elements whose whitespace is content (innermost last)
    previous_was_markup = False
    length = len(text)
    while position < length:
        match = _MARKUP.search(text, position)
        start = match.start() if match else length
        if start > position:
            between = text[position:start]
            if previous_was_markup and match and not preserving and _WHITESPACE_ONLY.match(between):
                out.append("\n")
            else:
                out.append(between)
        if not match:
            break
        name = (match.group("name") or "").lower()
        if name:
            out.append(_rebuild_tag(match))
            if match.group("end"):
                if name in preserving:
                    del preserving[len(preserving) - 1 - preserving[::-1].index(name)]
            elif name in _PRESERVE and not match.group("close"):
                if name in _RAW_TEXT:
                    end = re.compile(r"</" + re.escape(name) + r"\s*>", re.I).search(text, match.end())
                    raw_end = end.start() if end else length
                    out.append(text[match.end():raw_end])
                    position = raw_end
                    previous_was_markup = False
                    continue
                preserving.append(name)
        else:
            out.append(match.group(0))
        position = match.end()
        previous_was_markup = True
    return "".join(out)


def _rebuild_tag(match: re.Match[str]) -> str:
    """The tag with single spaces, ``name=value`` attributes sorted by name, and `` />``."""
    attributes = [
        (name, f"{name}={value}" if value else name)
        for name, value in _ATTRIBUTE_PARTS.findall(match.group("attrs") or "")
    ]
    attributes.sort(key=lambda pair: pair[0].lower())
    parts = ["<", "/" if match.group("end") else "", match.group("name")]
    if attributes:
        parts.append(" " + " ".join(text for _, text in attributes))
    if match.group("close"):
        parts.append(" /")
    parts.append(">")
    return "".join(parts)


def _files(root: Path) -> dict[str, Path]:
    """Every file under ``root`` by its POSIX path relative to ``root``."""
    if not root.is_dir():
        return {}
    return {path.relative_to(root).as_posix(): path for path in root.rglob("*") if path.is_file()}


def _describe(relative: str, expected: bytes, actual: bytes) -> str:
    """A short unified diff of the normalised texts, or a byte summary for binary files."""
    try:
        expected_text = expected.decode("utf-8")
        actual_text = actual.decode("utf-8")
    except UnicodeDecodeError:
        offset = next(
            (index for index, (a, b) in enumerate(zip(expected, actual)) if a != b),
            min(len(expected), len(actual)),
        )
        return (
            f"differs: {relative} (binary: {len(expected)} bytes expected, {len(actual)} built; "
            f"first difference at byte {offset})"
        )
    diff = list(
        difflib.unified_diff(
            expected_text.splitlines(),
            actual_text.splitlines(),
            fromfile=f"jekyll/{relative}",
            tofile=f"postforge/{relative}",
            n=2,
            lineterm="",
        )
    )
    if not diff:  # only a final newline or the like: show the ends, where it must be
        diff = [f"- ...{expected_text[-60:]!r}", f"+ ...{actual_text[-60:]!r}"]
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more diff lines)"]
    return f"differs: {relative}\n" + "\n".join("    " + line for line in diff)


def compare_trees(expected: Path, actual: Path, known: dict[str, str]) -> list[str]:
    """One entry per file that is not the same in ``actual`` as in Jekyll's ``expected`` tree.

    Entries, in path order: ``missing: PATH`` (Jekyll wrote it, postforge did not),
    ``extra: PATH`` (the reverse), ``differs: PATH`` with a unified diff of the normalised
    contents, and ``stale known difference: PATH`` when a path in ``known`` (relative to the
    trees, ``/``-separated) is in fact the same, or exists in neither tree. Paths in ``known``
    are otherwise left out. An empty list means the trees are equivalent.
    """
    expected_files = _files(Path(expected))
    actual_files = _files(Path(actual))
    problems: list[str] = []
    for relative in sorted(set(expected_files) | set(actual_files) | set(known)):
        in_expected = relative in expected_files
        in_actual = relative in actual_files
        if in_expected and in_actual:
            expected_bytes = normalise(relative, expected_files[relative].read_bytes())
            actual_bytes = normalise(relative, actual_files[relative].read_bytes())
            problem = None if expected_bytes == actual_bytes else _describe(relative, expected_bytes, actual_bytes)
        elif in_expected:
            problem = f"missing: {relative}"
        elif in_actual:
            problem = f"extra: {relative}"
        else:
            problem = None
        if relative in known:
            if problem is None:
                problems.append(f"stale known difference: {relative} ({known[relative]}): remove it from the list")
            continue
        if problem is not None:
            problems.append(problem)
    return problems


def count_equivalent(expected: Path, actual: Path) -> tuple[int, int]:
    """``(same, total)``: how many of Jekyll's files postforge built equivalently, of how many."""
    expected_files = _files(Path(expected))
    actual_files = _files(Path(actual))
    same = sum(
        1
        for relative, path in expected_files.items()
        if relative in actual_files
        and normalise(relative, path.read_bytes()) == normalise(relative, actual_files[relative].read_bytes())
    )
    return same, len(expected_files)
