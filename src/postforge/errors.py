"""The one error base: every failure a user sees names a file, a line and a column.

Location is computed only when something fails, from the source text and an offset, so the
hot path carries nothing but integers.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Location", "PostforgeError"]


@dataclass(frozen=True)
class Location:
    """Where in a source file something went wrong (1-based line and column)."""

    #: path as the user knows it, relative to the site source (``_layouts/post.html``)
    path: str | None
    #: 1-based line number, counted from the top of the file
    line: int | None = None
    #: 1-based column, or ``None`` when only the line is known
    column: int | None = None
    #: the text of the offending line, without its newline
    line_text: str | None = None

    @classmethod
    def from_offset(cls, path: str | None, source: str, offset: int, line_offset: int = 0) -> Location:
        """Locate character ``offset`` of ``source``; ``line_offset`` lines precede the source."""
        offset = max(0, min(offset, len(source)))
        line_start = source.rfind("\n", 0, offset) + 1
        line_end = source.find("\n", offset)
        if line_end == -1:
            line_end = len(source)
        line = source.count("\n", 0, offset) + 1 + line_offset
        return cls(path, line, offset - line_start + 1, source[line_start:line_end])

    @classmethod
    def from_line(cls, path: str | None, source: str | None, line: int, line_offset: int = 0) -> Location:
        """Locate a whole line (1-based within ``source``)."""
        text = None
        if source is not None:
            lines = source.split("\n")
            if 0 < line <= len(lines):
                text = lines[line - 1]
        return cls(path, line + line_offset, None, text)

    def __str__(self) -> str:
        parts = [self.path or "<string>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class PostforgeError(Exception):
    """Base of every error postforge reports to a user.

    ``str(error)`` is the one-line form ``path:line:col: message``; :meth:`describe` adds the
    source line and a caret under the column.
    """

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        #: what went wrong, without the location
        self.message = message
        #: where, when known
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"

    def describe(self) -> str:
        """The one-line message, then the offending source line with a caret."""
        text = str(self)
        loc = self.location
        if loc is None or loc.line_text is None:
            return text
        gutter = f"{loc.line} | "
        lines = [text, gutter + loc.line_text]
        if loc.column is not None:
            lines.append(" " * (len(gutter) + loc.column - 1) + "^")
        return "\n".join(lines)
