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

__all__ = ["with_context", "leaves_context", "reads_site", "varies", "given_variable", "FAMILY_MODULES"]

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


def leaves_context(func: F) -> F:
    """Mark a :func:`with_context` filter that leaves the context's variables as it found them
    (it reads them, or pushes a scope and pops it again): the compiler may then keep a value a
    template resolved before the filter ran (``page``, ``site``) instead of resolving it again.
    A context filter without the mark (a plugin's) makes the compiler resolve every name anew."""
    func.liquid_leaves_context = True  # type: ignore[attr-defined]
    return func


def reads_site(func: F) -> F:
    """Mark a :func:`with_context` filter whose only use of the context is the site: the variable
    ``site`` and the registers the host sets alike for every page (``markdownify``). Its answer
    then depends on its arguments and the site alone, as a plain filter's on its arguments
    (:func:`postforge.liquid.analysis.free_names`)."""
    func.liquid_reads_site = True  # type: ignore[attr-defined]
    return func


def varies(func: F) -> F:
    """Mark a filter whose answer may differ between two calls with the same arguments (``sample``):
    no render that calls it can stand for another."""
    func.liquid_varies = True  # type: ignore[attr-defined]
    return func


def given_variable(name: str, variant: Callable) -> Callable[[F], F]:
    """Mark a context filter whose only use of the context is reading the variable ``name``
    (``relative_url`` reads ``site``): where a template calls it with no arguments, the compiled
    code may call ``variant(input, value_of_name)`` instead, ``variant`` being a module-level
    function that answers exactly as the filter does, reading the given value where the
    filter would have resolved the name (see ``Compiler._given_variable``)."""

    def mark(func: F) -> F:
        func.liquid_given = (name, f"{variant.__module__}.{variant.__qualname__}")  # type: ignore[attr-defined]
        return func

    return mark
