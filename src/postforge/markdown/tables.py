"""kramdown's tables: rows split on unescaped pipes outside code spans, separator lines, alignment.

A table starts after a block boundary with a line containing a pipe and must end at one.  A
separator line (``|:--|--:|``) after the first rows makes them the header and gives the column
alignments; later separator lines start new bodies, and an ``=`` line a footer.  Cells are
split on ``|`` but not inside code spans or after a backslash, short rows are padded with empty
cells, and a table whose pipes all sit inside code spans or HTML is not a table at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any
from typing import Match

from postforge.markdown.patterns import LazyPattern

if TYPE_CHECKING:
    from mistune.core import BlockState

__all__ = ["parse_table"]

_PIPE_CHECK = r"(?:\||.*?[^\\\n]\|)"
_LINE = LazyPattern(_PIPE_CHECK + r".*?\n")
_SEP_LINE = LazyPattern(r"([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n")
_HSEP_ALIGN = LazyPattern(r"[ \t]?(:?)-+(:?)[ \t]?")
_FSEP_LINE = LazyPattern(r"[+|: \t=]*?=[+|: \t=]*?[ \t]*\n")
_ROW_LINE = LazyPattern(r"(.*?)[ \t]*\n")
_LEADING_PIPE = LazyPattern(r"[ \t\n\x0b\f\r]*\|")
_CODE_HTML = LazyPattern(r"(<code.*?>.*?</code>)")
_CELL_SPLIT = LazyPattern(r"(?<!\\)\|")
_PIPE_LINE = LazyPattern(_PIPE_CHECK)
_BACKTICKS = LazyPattern(r"`+")
_RUBY_WS = " \t\n\x0b\f\r\x00"
_SECTION = {"thead": "table_head", "tbody": "table_body", "tfoot": "table_foot"}


def _ruby_lines(text: str) -> list[str]:
    """Ruby's ``split("\\n")``: trailing empty fields dropped."""
    lines = text.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _append(cells: list[str], text: str) -> None:
    if cells:
        cells[-1] += text
    else:
        cells.append(text)


def _row_cells(block: Any, text: str, env: Any) -> list[str]:
    """One row's cell texts: pipes inside code spans (or ``<code>`` elements) do not split."""
    cells: list[str] = []
    for index, piece in enumerate(_CODE_HTML.split(text)):
        if index % 2:
            _append(cells, piece)
            continue
        for token in block.inline.spans(piece, env, ("codespan",)):
            if token["type"] == "codespan":
                code = token["raw"]
                delim = max(_BACKTICKS.findall(code), default="") + "`"
                pad = " " if len(delim) > 1 else ""
                _append(cells, f"{delim}{pad}{code}{pad}{delim}")
            else:
                first, *rest = [t.replace("\\|", "|") for t in _CELL_SPLIT.split(token["raw"])]
                _append(cells, first)
                cells.extend(rest)
    return cells


def _pipes_outside_code(block: Any, text: str, env: Any) -> bool:
    """Whether every line break of the table text has a pipe that is not inside code or HTML."""
    pipe_on_line = False
    for token in block.inline.spans(text, env, ("codespan", "span_html")):
        kind = token["type"]
        value = token.get("raw") if kind != "html_element" else token["tag"]
        if not value:
            continue
        lines = _ruby_lines(value)
        if kind == "codespan":
            if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                break
            if len(lines) == 2 and pipe_on_line:
                pipe_on_line = False
        else:
            if len(lines) > 1 and not pipe_on_line and not _PIPE_LINE.match(lines[0]):
                break
            pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or bool(
                lines and _PIPE_LINE.match(lines[-1]))
    return pipe_on_line


def parse_table(block: Any, m: Match[str], state: BlockState) -> int | None:
    """kramdown's ``parse_table``."""
    if not block.after_block_boundary(state):
        return None
    src, start = state.src, state.cursor
    table: dict[str, Any] = {"type": "table", "alignment": [], "children": []}
    if state.block_ial is not None:
        table["ial"], state.block_ial = state.block_ial, None
    first = _LINE.match(src, start)
    leading_pipe = bool(first and _LEADING_PIPE.match(first.group(0)))
    pos = start
    sep = _SEP_LINE.match(src, pos)
    if sep:
        pos = sep.end()
    rows: list[dict[str, Any]] = []
    has_footer = False
    columns = 0
    aligned = False

    def add_container(kind: str, force: bool) -> None:
        nonlocal rows
        if not has_footer or kind != "tbody" or force:
            table["children"].append({"type": _SECTION[kind], "children": rows})
            rows = []

    while pos < state.cursor_max:
        if not _LINE.match(src, pos):
            break
        if match := _SEP_LINE.match(src, pos):
            pos = match.end()
            if not rows:
                pass
            elif not aligned and not has_footer:
                add_container("thead", False)
                table["alignment"] = [
                    "default" if not left and not right else "left" if not right
                    else "right" if not left else "center"
                    for left, right in _HSEP_ALIGN.findall(match.group(1))]
                aligned = bool(table["alignment"])
            else:
                add_container("tbody", False)
        elif match := _FSEP_LINE.match(src, pos):
            pos = match.end()
            if rows:
                add_container("tbody", True)
            has_footer = True
        elif match := _ROW_LINE.match(src, pos):
            pos = match.end()
            cells = _row_cells(block, match.group(1), state.env)
            if leading_pipe and cells and not cells[0].strip(_RUBY_WS):
                cells.pop(0)
            if cells and not cells[-1].strip(_RUBY_WS):
                cells.pop()
            rows.append({"type": "table_row", "children": [
                {"type": "table_cell", "text": cell.strip(_RUBY_WS)} for cell in cells]})
            columns = max(columns, len(cells))
        else:
            break
    if not block.before_block_boundary(state, pos):
        return None
    if not _pipes_outside_code(block, src[start:pos - 1], state.env):
        return None
    if rows:
        add_container("tfoot" if has_footer else "tbody", False)
    if not any(section["type"] == "table_body" for section in table["children"]):
        return None
    for section in table["children"]:
        for row in section["children"]:
            row["children"].extend({"type": "table_cell", "children": []}
                                   for _ in range(columns - len(row["children"])))
    alignment = table["alignment"][:columns]
    table["alignment"] = alignment + ["default"] * (columns - len(alignment))
    state.tokens.append(table)
    return pos
