"""Liquid syntax tree → Jinja2 node tree, which Jinja2 turns into Python code.

We emit :mod:`jinja2.nodes` directly (never Jinja source text), with every node carrying its Liquid
line, so Jinja's debug info maps a failing line of generated code back to the Liquid line.
Liquid semantics that Jinja lacks are calls to :mod:`postforge.liquid.runtime` and
:mod:`postforge.liquid.values` functions, imported once per module by ``ImportedName``.

A template's own ``for`` variables become Python locals; any other name is resolved through the
render context, because includes and ``assign`` make Liquid's scoping dynamic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from jinja2 import nodes as j

from postforge.liquid import ast
from postforge.liquid import values
from postforge.liquid.lexer import LineIndex

if TYPE_CHECKING:
    from postforge.liquid.environment import Environment
    from postforge.liquid.parser import Parser

__all__ = ["Compiler"]

_RT = "postforge.liquid.runtime."
_VAL = "postforge.liquid.values."
CTX = "_lctx"


def _call(func: str, *args: j.Expr, kwargs: list[j.Keyword] | None = None) -> j.Call:
    return j.Call(j.ImportedName(func), list(args), kwargs or [], None, None)


def drop_get(value: j.Expr, key: str | int) -> j.Call:
    """``lookup(value, key)`` for a literal key, which the code generator writes as a drop's own
    ``liquid_get`` when ``value`` is a drop (see ``LiquidCodeGenerator.visit_Call``); the third
    argument only brings ``Drop`` into the module's imports and is never passed."""
    call = _call(_RT + "lookup", value, j.Const(key), j.ImportedName("postforge.liquid.drops.Drop"))
    call.liquid_drop_get = True
    return call


_SENTINELS = {id(values.EMPTY): "EMPTY", id(values.BLANK): "BLANK", id(values.UNMATCHABLE): "UNMATCHABLE"}


def _const(value: Any) -> j.Expr:
    sentinel = _SENTINELS.get(id(value))
    if sentinel is not None:
        return j.ImportedName(_VAL + sentinel)
    return j.Const(value)


def _loads(body: list[j.Node], name: str) -> bool:
    """Whether compiled ``body`` reads the local ``name`` anywhere (nested loops, includes and
    tags are handed the locals they may see as ``Name`` nodes too)."""
    return any(found.name == name for stmt in body for found in stmt.find_all(j.Name))


def may_interrupt(node: ast.Node) -> bool:
    """Whether rendering ``node`` can leave a ``break``/``continue`` pending for its body."""
    kind = type(node)
    if kind is ast.Break or kind is ast.Continue or kind is ast.Include:
        return True
    if kind is ast.If:
        bodies = [body for _cond, body in node.branches] + [node.else_body or []]
    elif kind is ast.Case:
        bodies = [body for _values, body in node.whens]
    elif kind in (ast.Capture, ast.IfChanged, ast.Highlight, ast.TableRow):
        bodies = [node.body]
    elif kind is ast.CustomTag:
        bodies = [node.body or []]
    else:
        return False  # a for loop takes the interrupts of its own body
    return any(may_interrupt(child) for body in bodies for child in body)


#: statements after which a name may resolve to something else: they assign, push scopes for an
#: include (which may assign too), count, or hand the context to code of the host or a plugin
_CHANGES_NAMES = (ast.Assign, ast.Capture, ast.Include, ast.Counter, ast.CustomTag, ast.SiteLink)
#: of those, the ones that change only what their own ``name`` resolves to
_SETS_ONE_NAME = (ast.Assign, ast.Capture, ast.Counter)


class Compiler:
    """Compiles one parsed template; ``parser`` supplies source, name and error reporting."""

    def __init__(self, env: Environment, parser: Parser) -> None:
        self.env = env
        self.parser = parser
        self.lines = LineIndex(parser.source)
        #: lexically enclosing loop variables: Liquid name → Jinja local name
        self.scopes: list[dict[str, str]] = []
        self._counter = 0
        #: name → the ``resolve`` calls that read it (see :meth:`_hoist`)
        self._resolves: dict[str, list[j.Call]] = {}
        #: name → the local that keeps what it resolved to, filled in by :meth:`_hoist` (the
        #: reset statements, made before it, hold this same dict)
        self._kept: dict[str, str] = {}
        #: False once the template holds something the kept values cannot be trusted across
        self._can_keep = True

    def fresh(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}_{self._counter}"

    # -- templates and bodies --------------------------------------------------------------------

    def template(self, body: list[ast.Node]) -> j.Template:
        scope = j.Scope(self.body(body), lineno=1)
        scope.liquid_root = True  # see LiquidCodeGenerator.visit_Scope
        scope.liquid_kept = self._hoist()
        tree = j.Template([scope], lineno=1)
        tree.set_environment(self.env.jinja)
        return tree

    def _hoist(self) -> dict[str, str]:
        """Let a name the template resolves more than once be resolved once, kept in a local.

        ``{{ page.title }}`` … ``{{ page.date }}`` … resolve ``page`` again each time; what
        :meth:`RenderContext.get` answers changes only when scopes, assigns or counters do,
        which only the statements :data:`_CHANGES_NAMES` lists do (and a context filter not
        marked ``leaves_context``, or a ``tablerow`` cell, a function of its own: then nothing
        is kept). The local is filled on first use (an undefined variable still fails where it
        did) and emptied after each such statement: ``assign``, ``capture`` and ``increment``
        empty the one of the name they set, the others all of them.
        """
        if not self._can_keep:
            return self._kept
        for name, calls in self._resolves.items():
            if len(calls) > 1:
                self._kept[name] = local = f"_lg{len(self._kept) + 1}"
                for call in calls:
                    call.liquid_kept = local
        return self._kept

    def _reset_kept(self, node: ast.Node, line: int) -> j.Node:
        """Forget kept values (see :meth:`_hoist`) after a statement that may change names."""
        stmt = j.ExprStmt(j.Const(None), lineno=line)
        # see LiquidCodeGenerator.visit_ExprStmt
        stmt.liquid_reset = (self._kept, node.name if isinstance(node, _SETS_ONE_NAME) else None)
        return stmt

    def expression_template(self, expr: ast.Expr | j.Expr) -> j.Template:
        """A template that stores one expression's value in ``result`` (for ``where_exp``…)."""
        value = expr if isinstance(expr, j.Expr) else self.expr(expr)
        tree = j.Template([j.Assign(j.Name("result", "store"), value)], lineno=1)
        tree.set_lineno(1)
        tree.set_environment(self.env.jinja)
        return tree

    def body(self, nodes: list[ast.Node], loop_body: bool = False) -> list[j.Node]:
        """Compile a body; after a node that may ``break``/``continue``, honour the interrupt.

        Liquid's interrupts are dynamic (a ``break`` in an include ends the caller's loop; outside
        a loop it ends the template), so ``break`` sets a flag in the render context. In a loop
        body the flag is taken and turned into Python's ``break``/``continue``; elsewhere the rest
        of the body runs only while no interrupt is pending.
        """
        out: list[j.Node] = []
        pending: list[j.Expr] = []
        pending_line = 1
        for index, node in enumerate(nodes):
            line = self.lines.line(node.start)
            if isinstance(node, ast.Text):
                if not node.text:
                    continue  # all whitespace a ``-`` took: nothing to write
                if not pending:
                    pending_line = line
                pending.append(j.TemplateData(node.text))
                continue
            if isinstance(node, ast.Output):
                if not pending:
                    pending_line = line
                pending.append(self.output_value(node.expr, line))
                continue
            if pending:
                out.append(j.Output(pending, lineno=pending_line))
                pending = []
            visit = getattr(self, "visit_" + type(node).__name__)
            for stmt in visit(node):
                stmt.set_lineno(line)
                out.append(stmt)
            if type(node) in _CHANGES_NAMES:
                out.append(self._reset_kept(node, line))
            if may_interrupt(node):
                rest = nodes[index + 1 :]
                out.extend(self._after_interrupt(rest, loop_body, line))
                return out
        if pending:
            out.append(j.Output(pending, lineno=pending_line))
        return out

    def _after_interrupt(self, rest: list[ast.Node], loop_body: bool, line: int) -> list[j.Node]:
        if loop_body:
            kind = self.fresh("interrupt")
            stmts: list[j.Node] = [
                j.Assign(j.Name(kind, "store"), _call(_RT + "take_interrupt", self._ctx())),
                j.If(
                    j.Compare(j.Name(kind, "load"), [j.Operand("eq", j.Const("break"))]),
                    [j.Break()],
                    [j.If(j.Compare(j.Name(kind, "load"), [j.Operand("eq", j.Const("continue"))]), [j.Continue()], [], [])],
                    [],
                ),
            ]
            for stmt in stmts:
                stmt.set_lineno(line)
            return stmts + self.body(rest, loop_body=True)
        if not rest:
            return []
        guard = j.If(j.Not(_call(_RT + "interrupted", self._ctx())), self.body(rest), [], [])
        guard.set_lineno(line)
        return [guard]

    def output_value(self, expr: ast.Expr, line: int) -> j.Expr:
        if isinstance(expr, ast.Literal):
            return j.TemplateData(values.to_s(expr.value))
        value = _call(_VAL + "to_s", self.expr(expr))
        value.liquid_printed = True  # see LiquidCodeGenerator.visit_Call
        value.set_lineno(line)
        return value

    def capture_into(self, body: list[ast.Node]) -> tuple[list[j.Node], j.Name]:
        """Render ``body`` into a fresh local; return the statements and a load of it."""
        name = self.fresh("cap")
        return [j.AssignBlock(j.Name(name, "store"), None, self.body(body))], j.Name(name, "load")

    def _ctx(self) -> j.Name:
        return j.Name(CTX, "load")

    def _scope_dict(self) -> j.Dict:
        items = {}
        for scope in self.scopes:
            items.update(scope)
        return j.Dict([j.Pair(j.Const(key), j.Name(local, "load")) for key, local in items.items()])

    # -- statements ------------------------------------------------------------------------------

    def visit_Assign(self, node: ast.Assign) -> list[j.Node]:
        return [j.ExprStmt(_call(_RT + "assign", self._ctx(), j.Const(node.name), self.expr(node.expr)))]

    def visit_Capture(self, node: ast.Capture) -> list[j.Node]:
        stmts, value = self.capture_into(node.body)
        return [*stmts, j.ExprStmt(_call(_RT + "assign", self._ctx(), j.Const(node.name), value))]

    def visit_If(self, node: ast.If) -> list[j.Node]:
        first_cond, first_body = node.branches[0]
        test = self.condition(first_cond)
        if node.negate_first:
            test = j.Not(test)
        elifs = [j.If(self.condition(cond), self.body(body), [], []) for cond, body in node.branches[1:]]
        else_ = self.body(node.else_body) if node.else_body else []
        return [j.If(test, self.body(first_body), elifs, else_)]

    def visit_Case(self, node: ast.Case) -> list[j.Node]:
        subject = self.fresh("case")
        matched = self.fresh("matched")
        stmts: list[j.Node] = [
            j.Assign(j.Name(subject, "store"), self.expr(node.subject)),
            j.Assign(j.Name(matched, "store"), j.Const(False)),
        ]
        for values_, body in node.whens:
            if values_ is None:
                stmts.append(j.If(j.Not(j.Name(matched, "load")), self.body(body), [], []))
                continue
            # Liquid makes a block per value, so ``when 1, 1`` renders its body twice
            for value in values_:
                test = _call(_VAL + "liquid_eq", j.Name(subject, "load"), self.expr(value))
                stmts.append(j.If(test, [j.Assign(j.Name(matched, "store"), j.Const(True)), *self.body(body)], [], []))
        return stmts

    def visit_For(self, node: ast.For) -> list[j.Node]:
        var = self.fresh("v")
        loop = self.fresh("loop")
        parent = self._lookup_local("forloop")
        items = _call(
            _RT + "for_items",
            self._ctx(),
            self.expr(node.collection),
            self.expr(node.limit) if node.limit is not None else j.Const(None),
            self.expr(node.offset) if node.offset is not None else j.Const(None),
            j.Const(node.offset_continue),
            j.Const(node.reversed),
            j.Const(node.name),
        )
        self.scopes.append({node.var: var, "forloop": loop})
        body = self.body(node.body, loop_body=True)
        self.scopes.pop()
        else_ = self.body(node.else_body) if node.else_body else []
        if not _loads(body, loop):
            # nothing in the body can reach ``forloop`` (no use, no include or nested loop that
            # is handed it): the items alone, without a ForLoop advanced for every row
            return [j.For(j.Name(var, "store"), items, body, else_, None, False)]
        pairs = _call(
            _RT + "loop_pairs",
            items,
            j.Const(node.name),
            j.Name(parent, "load") if parent else j.Const(None),
        )
        target = j.Tuple([j.Name(var, "store"), j.Name(loop, "store")], "store")
        return [j.For(target, pairs, body, else_, None, False)]

    def visit_TableRow(self, node: ast.TableRow) -> list[j.Node]:
        self._can_keep = False  # its cells are a function: a kept local would be its own there
        var = self.fresh("v")
        loop = self.fresh("row")
        macro = self.fresh("cell")
        self.scopes.append({node.var: var, "tablerowloop": loop})
        body = self.body(node.body)
        self.scopes.pop()
        attrs = j.Dict([j.Pair(j.Const(key), self.expr(value)) for key, value in node.attrs.items()])
        return [
            j.Macro(macro, [j.Name(var, "param"), j.Name(loop, "param")], [], body),
            j.Output(
                [
                    _call(
                        _RT + "tablerow",
                        self._ctx(),
                        self.expr(node.collection),
                        attrs,
                        j.Const(node.name),
                        j.Name(macro, "load"),
                    )
                ]
            ),
        ]

    def visit_Break(self, node: ast.Break) -> list[j.Node]:
        return [j.ExprStmt(_call(_RT + "interrupt", self._ctx(), j.Const("break")))]

    def visit_Continue(self, node: ast.Continue) -> list[j.Node]:
        return [j.ExprStmt(_call(_RT + "interrupt", self._ctx(), j.Const("continue")))]

    def visit_Cycle(self, node: ast.Cycle) -> list[j.Node]:
        group = self.expr(node.group) if node.group is not None else j.Const(node.key)
        values_ = j.List([self.expr(value) for value in node.values])
        return [j.Output([_call(_RT + "cycle", self._ctx(), group, values_)])]

    def visit_Counter(self, node: ast.Counter) -> list[j.Node]:
        return [j.Output([_call(_RT + "counter", self._ctx(), j.Const(node.name), j.Const(node.step))])]

    def visit_IfChanged(self, node: ast.IfChanged) -> list[j.Node]:
        stmts, value = self.capture_into(node.body)
        return [*stmts, j.Output([_call(_RT + "ifchanged", self._ctx(), value)])]

    def visit_Include(self, node: ast.Include) -> list[j.Node]:
        stmts: list[j.Node] = []
        if node.dynamic:
            sub = self.parser.sub_parse(node.file, node.start)
            stmts, file = self.capture_into(sub)
        else:
            file = j.Const(node.file)
        params: j.Expr = j.Const(None)
        if node.params is not None:
            params = j.Dict([j.Pair(j.Const(key), self.expr(value)) for key, value in node.params])
        call = _call(_RT + "include", self._ctx(), file, params, self._scope_dict(), j.Const(node.relative))
        return [*stmts, j.Output([call])]

    def visit_Highlight(self, node: ast.Highlight) -> list[j.Node]:
        stmts, code = self.capture_into(node.body)
        call = _call(_RT + "highlight", self._ctx(), code, j.Const(node.lang), j.Const(node.options))
        return [*stmts, j.Output([call])]

    def visit_SiteLink(self, node: ast.SiteLink) -> list[j.Node]:
        stmts: list[j.Node] = []
        target: j.Expr = j.Const(node.target)
        if node.kind == "link" and ("{{" in node.target or "{%" in node.target):
            stmts, target = self.capture_into(self.parser.sub_parse(node.target, node.start))
        return [*stmts, j.Output([_call(_RT + "site_link", self._ctx(), j.Const(node.kind), target)])]

    def visit_CustomTag(self, node: ast.CustomTag) -> list[j.Node]:
        stmts: list[j.Node] = []
        body: j.Expr = j.Const(None)
        if node.body is not None:
            stmts, body = self.capture_into(node.body)
        call = _call(
            _RT + "custom_tag", self._ctx(), j.Const(node.name), j.Const(node.markup), body, self._scope_dict()
        )
        return [*stmts, j.Output([call])]

    def visit_RaiseError(self, node: ast.RaiseError) -> list[j.Node]:
        return [j.ExprStmt(_call(_RT + "fail", j.Const(node.error), j.Const(node.message)))]

    # -- expressions -----------------------------------------------------------------------------

    def _lookup_local(self, name: str) -> str | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def expr(self, expr: ast.Expr) -> j.Expr:
        kind = type(expr)
        if kind is ast.Literal:
            return _const(expr.value)
        if kind is ast.Lookup:
            return self.lookup(expr)
        if kind is ast.Filtered:
            return self.filtered(expr)
        if kind is ast.RangeExpr:
            start, stop = expr.start, expr.stop
            if isinstance(start, ast.Literal) and isinstance(stop, ast.Literal):
                # Liquid converts literal ends once, at parse time, with Ruby's to_i
                first, last = values.literal_to_i(start.value), values.literal_to_i(stop.value)
                return _call(_VAL + "LiquidRange", j.Const(first), j.Const(last))
            return _call(_RT + "make_range", self.expr(start), self.expr(stop))
        return self.condition(expr)

    def lookup(self, expr: ast.Lookup) -> j.Expr:
        root = expr.root
        if isinstance(root, str):
            local = self._lookup_local(root)
            if local:
                value: j.Expr = j.Name(local, "load")
            else:
                value = _call(_RT + "resolve", self._ctx(), j.Const(root))
                self._resolves.setdefault(root, []).append(value)
        else:
            value = _call(_RT + "resolve", self._ctx(), _call(_VAL + "to_s", self.expr(root)))
        static = [key.value for key, is_command in expr.keys if isinstance(key, ast.Literal) and not is_command]
        readable = len(static) <= 3 and all(type(key) in (str, int) for key in static)
        if len(static) == len(expr.keys) > 1 and (self.env.strict_variables or not readable):
            # one call for a longer path (or keys no drop read takes): fewer Jinja nodes to
            # compile. Up to three keys, each key is a drop read of its own (``page.next.url``
            # on every post): no call to walk the path, no loop
            getter = "lookup_path_strict" if self.env.strict_variables else "lookup_path"
            return _call(_RT + getter, value, j.Const(tuple(static)))
        for key, is_command in expr.keys:
            if is_command:
                value = _call(_RT + "lookup_command", value, self.expr(key))
            elif self.env.strict_variables:
                value = _call(_RT + "lookup_strict", value, self.expr(key))
            elif isinstance(key, ast.Literal) and type(key.value) in (str, int):
                value = drop_get(value, key.value)
            else:
                value = _call(_RT + "lookup", value, self.expr(key))
        return value

    def filtered(self, expr: ast.Filtered) -> j.Expr:
        value = self.expr(expr.expr)
        for call in expr.filters:
            if call.name not in self.env.filters:
                if self.env.strict_filters:
                    value = _call(_RT + "undefined_filter", j.Const(call.name))
                continue
            args = [self.expr(arg) for arg in call.args]
            if call.kwargs:
                # Liquid hands ``key: value`` arguments to a filter as one trailing hash
                args.append(j.Dict([j.Pair(j.Const(key), self.expr(arg)) for key, arg in call.kwargs]))
            func = self.env.filters[call.name]
            given = getattr(func, "liquid_given", None)
            if given is not None and not args and not self.env.strict_variables:
                value = self._given_variable(value, *given)
                continue
            if getattr(func, "liquid_context", False):
                if not getattr(func, "liquid_leaves_context", False):
                    self._can_keep = False
                # called with our render context directly (see LiquidCodeGenerator.visit_Filter)
                value = j.Filter(value, call.name, [self._ctx(), *args], [], None, None)
                value.liquid_context = True
            else:
                value = j.Filter(value, call.name, args, [], None, None)
        return value

    def _given_variable(self, value: j.Expr, name: str, variant: str) -> j.Expr:
        """``variant(value, <name>)``: a context filter that reads one variable (``relative_url``
        reads ``site``), given the variable as the template resolves it, which it may keep (see
        :meth:`_hoist`). Only without ``strict_variables``, where resolving a name has no effect
        and cannot fail, so resolving it before the call, or where the filter would not have,
        changes nothing. The name is the context's, never a loop variable of this template, as
        the filter itself would have resolved it."""
        resolved = _call(_RT + "resolve", self._ctx(), j.Const(name))
        self._resolves.setdefault(name, []).append(resolved)
        return _call(variant, value, resolved)

    def condition(self, expr: ast.Expr) -> j.Expr:
        kind = type(expr)
        if kind is ast.And:
            return j.And(self.condition(expr.left), self.condition(expr.right))
        if kind is ast.Or:
            return j.Or(self.condition(expr.left), self.condition(expr.right))
        if kind is not ast.Compare:
            return _call(_VAL + "truthy", self.expr(expr))
        left = self.expr(expr.left)
        op = expr.op
        if op is None:
            return _call(_VAL + "truthy", left)
        right = self.expr(expr.right) if expr.right is not None else j.Const(None)
        if op == "==":
            return _call(_VAL + "liquid_eq", left, right)
        if op in ("!=", "<>"):
            return j.Not(_call(_VAL + "liquid_eq", left, right))
        if op == "contains":
            return _call(_VAL + "liquid_contains", left, right)
        if op not in ("<", ">", "<=", ">="):
            return _call(_RT + "unknown_operator", j.Const(op))
        return _call(_VAL + "liquid_compare", j.Const(op), left, right)
