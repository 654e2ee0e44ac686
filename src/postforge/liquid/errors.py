"""The Liquid error family: syntax errors found while parsing, render errors raised while rendering.

Each error knows the template it came from (``filename``), the 1-based ``lineno`` counted from the
top of the file (front matter included when the caller says how many lines it had), the column
where known, and the chain of includes it was raised through.
"""

from __future__ import annotations

from postforge.errors import Location
from postforge.errors import PostforgeError

__all__ = [
    "LiquidError",
    "LiquidSyntaxError",
    "LiquidRenderError",
    "LiquidArgumentError",
    "LiquidZeroDivisionError",
    "LiquidFileSystemError",
    "UndefinedVariable",
    "UndefinedFilter",
]


class LiquidError(PostforgeError):
    """Base of every Liquid error; ``filename``/``lineno``/``column`` mirror the location."""

    #: Jekyll's word for this kind of error, used in messages ("Liquid syntax error")
    kind = "Liquid error"

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message, location)
        #: include files this error was raised through, outermost first
        self.include_chain: list[str] = []

    @property
    def filename(self) -> str | None:
        return self.location.path if self.location else None

    @property
    def lineno(self) -> int | None:
        return self.location.line if self.location else None

    @property
    def column(self) -> int | None:
        return self.location.column if self.location else None

    def __str__(self) -> str:
        text = super().__str__()
        if self.include_chain:
            text += " (included from " + " <- ".join(reversed(self.include_chain)) + ")"
        return text


class LiquidSyntaxError(LiquidError):
    """The template cannot be parsed: unknown tag, unclosed block, bad expression."""

    kind = "Liquid syntax error"


class LiquidRenderError(LiquidError):
    """Rendering failed: a filter got bad arguments, an include is missing, strict mode tripped."""


class LiquidArgumentError(LiquidRenderError):
    """A filter or tag got arguments it cannot use (Liquid::ArgumentError)."""


class LiquidZeroDivisionError(LiquidRenderError):
    """``divided_by: 0`` or ``modulo: 0`` on integers (Liquid::ZeroDivisionError)."""


class LiquidFileSystemError(LiquidRenderError):
    """An include or render names a file that does not exist or may not be read."""


class UndefinedVariable(LiquidRenderError):
    """Strict variables: a template read a variable that is not defined."""


class UndefinedFilter(LiquidRenderError):
    """Strict filters: a template used a filter that is not registered."""
