"""A compiled Liquid template, and the mapping of Python failures back to Liquid lines.

Rendering runs Jinja-generated Python. When it fails, the traceback's frames that belong to
compiled templates (their code objects are named ``<liquid:NAME>``) give, through Jinja's debug
info, the Liquid line of the failure and the chain of includes that led there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from postforge.errors import Location
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.errors import LiquidError
from postforge.liquid.errors import LiquidRenderError
from postforge.liquid.errors import LiquidZeroDivisionError
from postforge.liquid.runtime import RenderContext
from postforge.regexes import LazyPattern

if TYPE_CHECKING:
    from postforge.liquid.environment import Environment

__all__ = ["Template", "code_filename"]

_PREFIX = "<liquid:"


def code_filename(key: str) -> str:
    """The ``co_filename`` of a compiled template, by which tracebacks are mapped back."""
    return f"{_PREFIX}{key}>"


class Template:
    """One compiled template: ``render(data)`` gives the text Jekyll would."""

    __slots__ = ("env", "name", "source", "line_offset", "warnings", "free_names", "_root", "_jinja", "_static")

    def __init__(
        self,
        env: Environment,
        name: str | None,
        source: str,
        line_offset: int = 0,
        jinja_template: Any = None,
        warnings: list[str] | None = None,
        free_names: frozenset[str] | None = None,
    ) -> None:
        self.env = env
        #: the path errors name (``_layouts/post.html``)
        self.name = name
        self.source = source
        #: lines before ``source`` in its file (front matter), added to reported line numbers
        self.line_offset = line_offset
        #: Liquid's lax-parsing warnings (``warn`` mode), Jekyll-worded
        self.warnings = warnings or []
        #: the variables its output depends on, None where it may depend on more
        #: (:func:`postforge.liquid.analysis.free_names`); a text without markup depends on none
        self.free_names = free_names if jinja_template is not None else frozenset()
        self._jinja = jinja_template
        self._root = jinja_template.root_render_func if jinja_template is not None else None
        #: a template without markup renders as its source, without the engine
        self._static = jinja_template is None

    @property
    def is_static(self) -> bool:
        return self._static

    def render(self, data: dict[str, Any] | None = None, registers: dict[str, Any] | None = None) -> str:
        """Render with ``data`` as the top-level variables; errors carry file, line and includes."""
        if self._static:
            return self.source
        ctx = RenderContext(self.env, data if data is not None else {}, registers)
        return self.render_with(ctx)

    def render_with(self, ctx: RenderContext) -> str:
        # the compiled code takes ``ctx`` as its context: no Jinja context is made, and nothing
        # holds ``ctx`` after the render, so no cycle is left for the collector
        try:
            return "".join(self._root(ctx))
        except Exception as error:  # noqa: BLE001 - every failure becomes a located LiquidError
            raise self.env.locate_error(error, self) from error

    def render_into(self, ctx: RenderContext) -> str:
        """Render inside another template's render (an include): same context, same scopes."""
        if self._static:
            return self.source
        return "".join(self._root(ctx))

    def get_line(self, code_line: int) -> int:
        return self._jinja.get_corresponding_lineno(code_line)

    def location(self, line: int) -> Location:
        return Location.from_line(self.name, self.source, line, self.line_offset)


_TAKES = LazyPattern(r"\w+\(\) takes (?:from (\d+) to (\d+)|(\d+)) positional arguments? but (\d+) (?:was|were) given")
_MISSING = LazyPattern(r"\w+\(\) missing \d+ required positional arguments?")


def _ruby_arity_message(message: str) -> str:
    """Python's arity ``TypeError`` in Ruby's words, as Liquid reports a filter's bad arguments."""
    match = _TAKES.match(message)
    if match:
        low, high, exact, given = match.groups()
        expected = exact if exact is not None else f"{low}..{high}"
        return f"wrong number of arguments (given {given}, expected {expected})"
    if _MISSING.match(message):
        return "wrong number of arguments (too few)"
    return message


def as_liquid_error(error: BaseException) -> LiquidError:
    """Turn a Python failure inside a render into the Liquid error Jekyll would report."""
    if isinstance(error, LiquidError):
        return error
    if isinstance(error, ZeroDivisionError):
        return LiquidZeroDivisionError("divided by 0")
    if isinstance(error, TypeError):
        return LiquidArgumentError(_ruby_arity_message(str(error)))
    if isinstance(error, ValueError):
        return LiquidArgumentError(str(error))
    if isinstance(error, RecursionError):
        return LiquidRenderError("Nesting too deep")
    return LiquidRenderError(f"{type(error).__name__}: {error}")
