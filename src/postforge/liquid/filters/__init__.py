"""Liquid filter families: Liquid's standard filters and the ones Jekyll adds.

A filter is a plain function ``f(input, *args, **kwargs)``; Liquid's ``key: value`` arguments arrive
as keyword arguments. A filter that needs the render context (the site's ``baseurl``, a
``where_exp`` expression) is marked with :func:`with_context` and receives the
:class:`~postforge.liquid.runtime.RenderContext` first. Filters raise
:class:`~postforge.liquid.errors.LiquidArgumentError` for bad input, never return error text.

Each family module defines ``FILTERS`` (name → function) and ``register(env)``.
"""

from __future__ import annotations

from typing import Callable
from typing import TypeVar

__all__ = ["with_context", "FAMILY_MODULES"]

F = TypeVar("F", bound=Callable)

#: family modules registered, in this order, by every Environment (later names win, as Jekyll's
#: filters override Liquid's ``where`` and ``sort``)
FAMILY_MODULES = (
    "strings",
    "arrays",
    "math",
    "dates",
    "jekyll_urls",
    "jekyll_text",
    "jekyll_arrays",
)


def with_context(func: F) -> F:
    """Mark ``func`` as a filter whose first argument is the render context."""
    func.liquid_context = True  # type: ignore[attr-defined]
    return func
