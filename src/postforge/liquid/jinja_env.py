"""The Jinja2 environment that compiled Liquid runs in: no autoescape, no constant folding.

Constant folding is off because Liquid filters are not pure in Jinja's sense (``date: "now"``,
``sample``) and compiled code may be cached across builds. Filters marked ``with_context`` are
wrapped so the generated code passes Jinja's context, from which the wrapper takes ours.
"""

from __future__ import annotations

from typing import Any
from typing import Callable

import jinja2

__all__ = ["LiquidJinjaEnvironment", "wrap_filter"]

CTX = "_lctx"


class LiquidJinjaEnvironment(jinja2.Environment):
    """A bare Jinja environment: only the code generator and runtime are used."""

    def __init__(self) -> None:
        super().__init__(autoescape=False, optimized=False, cache_size=0, auto_reload=False)
        self.filters = {}
        self.tests = {}
        self.globals = {}


def wrap_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a ``with_context`` filter our render context as its first argument."""
    if not getattr(func, "liquid_context", False):
        return func

    @jinja2.pass_context
    def call_with_context(jinja_context: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
        return func(jinja_context.parent[CTX], value, *args, **kwargs)

    call_with_context.__name__ = getattr(func, "__name__", "filter")
    return call_with_context
