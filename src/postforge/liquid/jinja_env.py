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
from types import MappingProxyType
from typing import Any
from typing import Callable
from typing import Mapping

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.compiler import Frame
from jinja2.idtracking import VAR_LOAD_ALIAS
from jinja2.idtracking import VAR_LOAD_RESOLVE
from jinja2.idtracking import VAR_LOAD_UNDEFINED
from jinja2.runtime import Context

__all__ = ["LiquidContext", "LiquidJinjaEnvironment", "wrap_filter"]

CTX = "_lctx"
_LOOP_VARS = "_loop_vars = {}"


class LiquidCodeGenerator(CodeGenerator):
    """Jinja's generator, calling imported helpers directly and trusting their ``str`` output.

    Shapes of its own, on nodes the compiler marks (Jinja allows no node types of its own): a
    printed value (``liquid_printed`` on the ``to_s`` call) is converted only when it is not a
    ``str`` already, as most are; a ``with_context`` filter (``liquid_context`` on the ``Filter``
    node, our render context as its first argument) calls the filter function itself rather
    than the wrapper Jinja's calling convention needs; a literal-key read (``liquid_drop_get``)
    asks a drop directly; a template's body (``liquid_root`` on its ``Scope``) writes into one
    list and yields it joined; and ``_lctx`` is used without a check for a missing name.

    A template's root function takes our RenderContext itself as Jinja's ``context``; a name
    the compiler keeps (``liquid_kept`` on a ``resolve`` call) is read from a local filled on
    first use and emptied by a reset statement (``liquid_reset`` on an ``ExprStmt``).
    """

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        # A template's root function (its body is our ``liquid_root`` scope) is called with the
        # RenderContext itself in Jinja's ``context`` parameter: a render makes no Jinja context
        # and the body reads ours as a plain local. Expression templates (``where_exp``) keep
        # Jinja's context, where their ``result`` is stored.
        self.liquid_direct = any(getattr(child, "liquid_root", False) for child in node.body)
        super().visit_Template(node, frame)

    def write_commons(self) -> None:
        if not getattr(self, "liquid_direct", False):
            super().write_commons()
            return
        # Jinja's preamble without ``resolve``: the one name it would resolve is ``_lctx``,
        # which is ``context`` here (see :meth:`enter_frame`)
        self.writeline("undefined = environment.undefined")
        self.writeline("concat = environment.concat")
        self.writeline("cond_expr_undefined = Undefined")
        self.writeline("if 0: yield None")

    def enter_frame(self, frame: Frame) -> None:
        if not getattr(self, "liquid_direct", False):
            super().enter_frame(frame)
            return
        # Jinja's frame set-up, without a context to resolve names in: ``_lctx`` is ``context``
        undefs = []
        for target, (action, param) in frame.symbols.loads.items():
            if action == VAR_LOAD_RESOLVE:
                # any other name (a local that a branch may not have set yet) was never in the
                # Jinja context either: ``resolve`` gave ``missing`` for it
                self.writeline(f"{target} = context" if param == CTX else f"{target} = missing")
            elif action == VAR_LOAD_ALIAS:
                self.writeline(f"{target} = {param}")
            elif action == VAR_LOAD_UNDEFINED:
                undefs.append(target)
        if undefs:
            self.writeline(f"{' = '.join(undefs)} = missing")

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

    def visit_Scope(self, node: nodes.Scope, frame: Frame) -> None:
        if not getattr(node, "liquid_root", False):
            super().visit_Scope(node, frame)
            return
        # A template's body writes into one list (``extend`` of a tuple per run of outputs)
        # and the generator yields once: a ``yield`` per piece costs a generator resume each,
        # and a loop row of five pieces is one call instead of five resumes.
        scope_frame = frame.inner()
        scope_frame.symbols.analyze_node(node)
        self.enter_frame(scope_frame)
        self.buffer(scope_frame)
        kept = getattr(node, "liquid_kept", None)
        if kept:
            self.writeline(" = ".join(kept.values()) + " = missing")
        if node.find(nodes.For) is not None:
            # Jinja gives every loop iteration a new ``_loop_vars`` dict, which only code that
            # goes through ``context.call`` reads, and Liquid's never does: one dict serves the
            # whole render (see :meth:`writeline`), the few names Jinja writes there unread
            self.writeline(_LOOP_VARS)
            self.liquid_shared_loop_vars = True
        self.blockvisit(node.body, scope_frame)
        self.writeline(f"yield concat({scope_frame.buffer})")
        self.leave_frame(scope_frame)

    def writeline(self, x: str, node: nodes.Node | None = None, extra: int = 0) -> None:
        if x == _LOOP_VARS and getattr(self, "liquid_shared_loop_vars", False):
            x = "pass"
        super().writeline(x, node, extra)

    def visit_ExprStmt(self, node: nodes.ExprStmt, frame: Frame) -> None:
        reset = getattr(node, "liquid_reset", None)
        if reset is None:
            super().visit_ExprStmt(node, frame)
            return
        # after a statement that may change what names resolve to: kept values are forgotten
        # (those of every name, or of the one name the statement set)
        kept, name = reset
        forgotten = list(kept.values()) if name is None else [kept[name]] if name in kept else []
        self.newline(node)
        self.write(" = ".join(forgotten) + " = missing" if forgotten else "pass")

    def visit_Name(self, node: nodes.Name, frame: Frame) -> None:
        if node.name == CTX and node.ctx == "load":
            # every render puts our context there: no check for a missing name at each use
            self.write(frame.symbols.ref(CTX))
            return
        super().visit_Name(node, frame)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        if not isinstance(node.node, nodes.ImportedName) or node.dyn_args or node.dyn_kwargs:
            super().visit_Call(node, frame, forward_caller)
            return
        kept = getattr(node, "liquid_kept", None)
        if kept is not None:
            # a name resolved once and kept in a local until something may change it
            self.write(f"({kept} if {kept} is not missing else ({kept} := ")
            self._direct_call(node, frame)
            self.write("))")
            return
        if getattr(node, "liquid_printed", False):
            # ``to_s(value)`` only when ``value`` is not a str: the test costs less than the call
            self.write("(_s if type(_s := ")
            self.visit(node.args[0], frame)
            self.write(") is str else ")
            self.visit(node.node, frame)
            self.write("(_s))")
            return
        if getattr(node, "liquid_drop_get", False):
            # ``lookup(value, key)`` with a literal key: a drop (page, post, site) answers
            # through its own method, without the call to ``lookup`` that would find it one
            value, key, drop = node.args
            self.write("(_o.liquid_get(")
            self.visit(key, frame)
            self.write(") if isinstance(_o := ")
            self.visit(value, frame)
            self.write(", ")
            self.visit(drop, frame)
            self.write(") else ")
            self.visit(node.node, frame)
            self.write("(_o, ")
            self.visit(key, frame)
            self.write("))")
            return
        self._direct_call(node, frame)

    def _direct_call(self, node: nodes.Call, frame: Frame) -> None:
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
        #: the one evaluation context of every render (see :class:`LiquidContext`)
        self.liquid_eval_ctx = nodes.EvalContext(self, None)


class LiquidContext(Context):
    """The Jinja context of one expression's evaluation (each ``where_exp`` item makes one; a
    template's render makes none), as ``new_context(env, None, {}, {CTX: ctx})`` makes it but
    without its general path (globals merged, locals, blocks copied), at less than half the cost."""

    #: nothing a compiled Liquid template runs writes these: one of each for every context
    name = None
    globals_keys: frozenset[str] = frozenset()
    blocks: Mapping[str, Any] = MappingProxyType({})

    def __init__(self, environment: Any, ctx: Any) -> None:
        self.parent = {CTX: ctx}
        self.vars = {}
        self.environment = environment
        # no ``{% autoescape %}`` exists in Liquid to change it: the environment's one serves all
        self.eval_ctx = environment.liquid_eval_ctx
        self.exported_vars = set()


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
