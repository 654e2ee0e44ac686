"""What a template's output can depend on, read from its syntax tree before it is ever rendered.

A template that changes nothing in its render context and calls no code but Liquid's and Jekyll's
own filters renders, from the same values of the variables it names, the same text. A host can
then render it once for many pages: a sidebar that names only ``site`` (the ten newest posts) is
the same on every page of a build, as long as what it reads of the site is the same. Which
variables those are is what :func:`free_names` finds; whether their values stay the same is the
host's to know (see ``postforge.render.tracking.IncludeMemo``).
"""

from __future__ import annotations

from typing import Any
from typing import Callable
from typing import Iterable
from typing import Mapping

from postforge.liquid import ast

__all__ = ["free_names"]


class _Dependent(Exception):
    """The template's output may depend on more than the values of the variables it names."""


def free_names(
    tree: Iterable[ast.Node], filters: Mapping[str, Callable[..., Any]], builtin: Mapping[str, Callable[..., Any]]
) -> frozenset[str] | None:
    """The variables ``tree`` reads that it does not bind itself (its loop variables), or None
    where its output may depend on more than their values.

    None for a template that changes its context or reads it beyond variables: ``assign``,
    ``capture``, counters, ``cycle``, ``ifchanged``, ``include``, ``highlight``, plugin tags, a
    ``for`` that resumes with ``offset: continue``, a ``break`` or ``continue`` outside its own
    loops (it would stop its caller's), a ``link`` built from Liquid. None also where it calls
    a filter other than the ``builtin`` one of that name in ``filters``, one whose answers
    vary, or one that reads its context beyond the site (``where_exp``). Filters that read
    only the site (``relative_url``) count as naming ``site``.
    """
    walker = _Walker(filters, builtin)
    try:
        walker.body(tree, frozenset(), 0)
    except _Dependent:
        return None
    return frozenset(walker.names)


class _Walker:
    def __init__(self, filters: Mapping[str, Callable[..., Any]], builtin: Mapping[str, Callable[..., Any]]) -> None:
        self.filters = filters
        self.builtin = builtin
        self.names: set[str] = set()

    def body(self, nodes: Iterable[ast.Node], bound: frozenset[str], loops: int) -> None:
        for node in nodes:
            self.node(node, bound, loops)

    def node(self, node: ast.Node, bound: frozenset[str], loops: int) -> None:
        kind = type(node)
        if kind is ast.Text or kind is ast.RaiseError:
            return
        if kind is ast.Output:
            self.expr(node.expr, bound)
        elif kind is ast.If:
            for condition, body in node.branches:
                self.expr(condition, bound)
                self.body(body, bound, loops)
            self.body(node.else_body or (), bound, loops)
        elif kind is ast.Case:
            self.expr(node.subject, bound)
            for values, body in node.whens:
                for value in values or ():
                    self.expr(value, bound)
                self.body(body, bound, loops)
        elif kind is ast.For:
            if node.offset_continue:
                raise _Dependent
            for value in (node.collection, node.limit, node.offset):
                if value is not None:
                    self.expr(value, bound)
            self.body(node.body, bound | {node.var, "forloop"}, loops + 1)
            self.body(node.else_body or (), bound, loops)
        elif kind is ast.TableRow:
            self.expr(node.collection, bound)
            for value in node.attrs.values():
                if value is not None:
                    self.expr(value, bound)
            # (its body's break is not counted as its own: the compiler lets it reach outside)
            self.body(node.body, bound | {node.var, "tablerowloop"}, loops)
        elif kind is ast.Break or kind is ast.Continue:
            if not loops:
                raise _Dependent
        elif kind is ast.SiteLink:
            if "{{" in node.target or "{%" in node.target:
                raise _Dependent
            self.names.add("site")  # (resolved against the site's files, made relative to its baseurl)
        else:
            raise _Dependent

    def expr(self, expr: Any, bound: frozenset[str]) -> None:
        kind = type(expr)
        if kind is ast.Literal:
            return
        if kind is ast.Lookup:
            if not isinstance(expr.root, str):
                raise _Dependent  # ``[name]``: any variable at all
            if expr.root not in bound:
                self.names.add(expr.root)
            for key, _command in expr.keys:
                self.expr(key, bound)
        elif kind is ast.Filtered:
            self.expr(expr.expr, bound)
            for call in expr.filters:
                self.filter(call, bound)
        elif kind is ast.RangeExpr:
            self.expr(expr.start, bound)
            self.expr(expr.stop, bound)
        elif kind is ast.Compare or kind is ast.And or kind is ast.Or:
            self.expr(expr.left, bound)
            if expr.right is not None:
                self.expr(expr.right, bound)
        else:
            raise _Dependent

    def filter(self, call: ast.FilterCall, bound: frozenset[str]) -> None:
        func = self.filters.get(call.name)
        if func is None or func is not self.builtin.get(call.name) or getattr(func, "liquid_varies", False):
            raise _Dependent
        if getattr(func, "liquid_context", False):
            if not getattr(func, "liquid_reads_site", False):
                raise _Dependent
            self.names.add("site")
        for arg in call.args:
            self.expr(arg, bound)
        for _name, value in call.kwargs:
            self.expr(value, bound)
