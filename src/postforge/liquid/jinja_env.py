"""The Jinja2 environment that compiled Liquid runs in: no autoescape, no constant folding.

Constant folding is off because Liquid filters are not pure in Jinja's sense (``date: "now"``,
``sample``) and compiled code may be cached across builds. Filters marked ``with_context`` are
wrapped so the generated code passes Jinja's context, from which the wrapper takes ours.

The code generator is Jinja's with two calls removed from the hot path (profiled on
``benchmarks/liquid_bench.py``: ``Context.call`` was 60% of render time): our runtime helpers
are called directly rather than through ``context.call``, and output that is already a string
(every helper returns one) is not passed through ``str()`` again.
"""

from __future__ import annotations

import inspect
from typing import Any
from typing import Callable

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.compiler import Frame

__all__ = ["LiquidJinjaEnvironment", "wrap_filter"]

CTX = "_lctx"


class LiquidCodeGenerator(CodeGenerator):
    """Jinja's generator, calling imported helpers directly and trusting their ``str`` output.

    Two shapes of its own, both for the rows of listing loops, on nodes the compiler marks
    (Jinja allows no node types of its own): a printed value (``liquid_printed`` on the
    ``to_s`` call) is converted only when it is not a ``str`` already, as most are; and a
    ``with_context`` filter (``liquid_context`` on the ``Filter`` node, our render context as
    its first argument) calls the filter function itself rather than the wrapper Jinja's
    calling convention needs. One Python call less each.
    """

    def pull_dependencies(self, nodes_: Any) -> None:
        super().pull_dependencies(nodes_)
        raw = getattr(self, "raw_filters", None)
        if raw is None:
            raw = self.raw_filters = {}
        for node in nodes_:
            for found in node.find_all(nodes.Filter):
                if getattr(found, "liquid_context", False) and found.name not in raw:
                    raw[found.name] = ident = self.temporary_identifier()
                    wrapper = self.filters[found.name]
                    # a filter missing at render time keeps Jinja's stub, which raises when called
                    self.writeline(f"{ident} = getattr({wrapper}, 'liquid_raw', {wrapper})")

    def visit_Filter(self, node: nodes.Filter, frame: Frame) -> None:
        if not getattr(node, "liquid_context", False) or node.node is None:
            super().visit_Filter(node, frame)
            return
        self.write(f"{self.raw_filters[node.name]}(")
        self.visit(node.args[0], frame)
        self.write(", ")
        self.visit(node.node, frame)
        for arg in node.args[1:]:
            self.write(", ")
            self.visit(arg, frame)
        self.write(")")

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        if not isinstance(node.node, nodes.ImportedName) or node.dyn_args or node.dyn_kwargs:
            super().visit_Call(node, frame, forward_caller)
            return
        if getattr(node, "liquid_printed", False):
            # ``to_s(value)`` only when ``value`` is not a str: the test costs less than the call
            self.write("(_s if type(_s := ")
            self.visit(node.args[0], frame)
            self.write(") is str else ")
            self.visit(node.node, frame)
            self.write("(_s))")
            return
        self.visit(node.node, frame)
        self.write("(")
        for index, arg in enumerate([*node.args, *node.kwargs]):
            if index:
                self.write(", ")
            self.visit(arg, frame)
        self.write(")")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        pass

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        pass


class LiquidJinjaEnvironment(jinja2.Environment):
    """A bare Jinja environment: only the code generator and runtime are used."""

    code_generator_class = LiquidCodeGenerator

    def __init__(self) -> None:
        super().__init__(autoescape=False, optimized=False, cache_size=0, auto_reload=False)
        self.filters = {}
        self.tests = {}
        self.globals = {}


def wrap_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a ``with_context`` filter our render context as its first argument."""
    if not getattr(func, "liquid_context", False):
        return func
    code = getattr(func, "__code__", None)
    if (
        code is not None
        and code.co_argcount == 2
        and not code.co_kwonlyargcount
        and not code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS)
        and not getattr(func, "__defaults__", None)
    ):
        # ``relative_url`` and its kind take the input alone: no packing of empty ``*args`` and
        # ``**kwargs`` on every call. Extra arguments fail with the same counts (2 expected).

        @jinja2.pass_context
        def call_with_input(jinja_context: Any, value: Any) -> Any:
            return func(jinja_context.parent[CTX], value)

        # Python names the function in an arity TypeError; templates must see the filter's name
        call_with_input.__name__ = call_with_input.__qualname__ = getattr(func, "__name__", "filter")
        call_with_input.liquid_raw = func  # type: ignore[attr-defined]
        return call_with_input

    @jinja2.pass_context
    def call_with_context(jinja_context: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
        return func(jinja_context.parent[CTX], value, *args, **kwargs)

    call_with_context.__name__ = getattr(func, "__name__", "filter")
    call_with_context.liquid_raw = func  # type: ignore[attr-defined]
    return call_with_context
