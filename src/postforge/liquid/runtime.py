"""What compiled templates call while they render: variable scopes, lookups, loops, includes.

Liquid's scoping is dynamic: an include sees the loop variables of the template that included it,
and ``assign`` always writes to the outermost scope. The compiler keeps a template's own loop
variables in Python locals (fast) and hands them to includes as a pushed scope; everything else
is resolved here, in :class:`RenderContext`: pushed scopes, then assigns, then counters, then the
data the template was rendered with.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from typing import Any
from typing import Iterator

from postforge.liquid.drops import Drop
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.errors import LiquidError
from postforge.liquid.errors import LiquidFileSystemError
from postforge.liquid.errors import UndefinedFilter
from postforge.liquid.errors import UndefinedVariable
from postforge.liquid.values import LiquidRange
from postforge.liquid.values import liquid_size
from postforge.liquid.values import range_end
from postforge.liquid.values import to_integer
from postforge.liquid.values import to_s

if TYPE_CHECKING:
    from postforge.liquid.environment import Environment

__all__ = [
    "RenderContext",
    "ForLoop",
    "lookup",
    "lookup_command",
    "resolve",
    "make_range",
    "for_items",
    "loop_pairs",
]

_MISSING = object()


class RenderContext:
    """The state of one render: data, assigns, scopes, counters and the host's registers."""

    __slots__ = (
        "env",
        "globals",
        "assigns",
        "scopes",
        "counters",
        "registers",
        "cycles",
        "for_offsets",
        "ifchanged",
        "include_stack",
        "interrupt",
        "strict_variables",
    )

    def __init__(self, env: Environment, data: dict[str, Any], registers: dict[str, Any] | None = None) -> None:
        self.env = env
        #: the data the template was rendered with (``site``, ``page`` …)
        self.globals = data
        #: what ``assign`` and ``capture`` set: the outermost scope
        self.assigns: dict[str, Any] = {}
        #: pushed scopes, innermost last: include params, a caller's loop variables
        self.scopes: list[dict[str, Any]] = []
        #: ``increment``/``decrement`` state
        self.counters: dict[str, Any] = {}
        #: services the host provides (``site_links``, ``markdownify``, ``page_path`` …)
        self.registers: dict[str, Any] = registers if registers is not None else {}
        self.cycles: dict[Any, int] = {}
        self.for_offsets: dict[str, int] = {}
        self.ifchanged: str | None = None
        #: names of the includes being rendered, outermost first
        self.include_stack: list[str] = []
        #: a pending ``break``/``continue`` (Liquid's interrupt stack, one deep)
        self.interrupt: str | None = None
        self.strict_variables = env.strict_variables

    @property
    def eval_ctx(self) -> Any:
        """Jinja's evaluation context, which compiled captures and ``tablerow`` cells ask for:
        a template's code is handed this object as its Jinja ``context`` (see ``jinja_env``)."""
        return self.env.jinja.liquid_eval_ctx

    # -- variables -------------------------------------------------------------------------------

    def get(self, name: str, default: Any = None) -> Any:
        """Liquid's variable lookup; ``default`` (nil) when nothing defines ``name``."""
        scopes = self.scopes
        if scopes:
            # an include's one scope (its caller's loop variables) first, without an iterator
            scope = scopes[-1]
            if name in scope:
                return scope[name]
            if len(scopes) > 1:
                for scope in reversed(scopes):
                    if name in scope:
                        return scope[name]
        # ``in`` on the two plain dicts (usually empty in a layout) costs no method call
        assigns = self.assigns
        if assigns and name in assigns:
            return assigns[name]
        counters = self.counters
        if counters and name in counters:
            return counters[name]
        value = self.globals.get(name, _MISSING)
        if value is not _MISSING:
            return value
        if self.strict_variables:
            raise UndefinedVariable(f"undefined variable {name}")
        return default

    def evaluate(self, source: str, bindings: dict[str, Any] | None = None) -> Any:
        """Evaluate a Liquid expression with filters (``item.date | date: "%Y"``) in this context."""
        return self.env.expression(source)(self, bindings or {})

    def condition(self, source: str, bindings: dict[str, Any] | None = None) -> bool:
        """Evaluate a Liquid condition (``item.year > 2010 and item.draft != true``)."""
        return bool(self.env.condition(source)(self, bindings or {}))

    def push(self, scope: dict[str, Any]) -> None:
        self.scopes.append(scope)

    def pop(self) -> None:
        self.scopes.pop()


#: ``resolve(ctx, name)`` in compiled code: the method itself, one Python call per variable, not two
resolve = RenderContext.get


def assign(ctx: RenderContext, name: str, value: Any) -> None:
    ctx.assigns[name] = value


def lookup(obj: Any, key: Any) -> Any:
    """``obj[key]`` as Liquid reads it: hash keys, integer array indexes, drop keys; else nil."""
    kind = type(obj)
    if kind is dict:
        try:
            value = obj.get(key)
        except TypeError:  # a hash or array as a key: Ruby finds nothing, Python cannot hash it
            return None
        return list(value) if type(value) is tuple else value
    if kind is list or kind is tuple:
        if type(key) is int:
            try:
                return obj[key]
            except IndexError:
                return None
        return None
    if isinstance(obj, Drop):
        return obj.liquid_get(key)
    if isinstance(obj, dict):
        return obj.get(key)
    if isinstance(obj, LiquidRange) and type(key) is int:
        items = obj.to_list()
        return items[key] if -len(items) <= key < len(items) else None
    return None


def lookup_path(obj: Any, keys: tuple[Any, ...]) -> Any:
    """``obj.a.b.c`` in one call."""
    for key in keys:
        if type(obj) is dict and type(key) is str:
            obj = obj.get(key)
            if type(obj) is tuple:
                obj = list(obj)
        elif isinstance(obj, Drop):
            obj = obj.liquid_get(key)  # what lookup would do, without the call
        else:
            obj = lookup(obj, key)
    return obj


def lookup_path_strict(obj: Any, keys: tuple[Any, ...]) -> Any:
    for key in keys:
        obj = lookup_strict(obj, key)
    return obj


def lookup_strict(obj: Any, key: Any) -> Any:
    """:func:`lookup` for ``strict_variables``: a missing key is an error, not nil."""
    if isinstance(obj, dict):
        if key not in obj:
            raise UndefinedVariable(f"undefined variable {key}")
    elif isinstance(obj, Drop):
        if not obj.liquid_has(key):
            raise UndefinedVariable(f"undefined variable {key}")
    elif not (isinstance(obj, (list, tuple, LiquidRange)) and type(key) is int):
        raise UndefinedVariable(f"undefined variable {key}")
    return lookup(obj, key)


def lookup_command(obj: Any, key: str) -> Any:
    """``obj.size``/``obj.first``/``obj.last``: a hash's own key first, then the Ruby method."""
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        if key == "size":
            return len(obj)
        if key == "first":
            for pair in obj.items():
                return list(pair)
        return None
    if isinstance(obj, Drop):
        value = obj.liquid_get(key)
        if value is None and key == "size":
            return obj.size()
        return value
    if key == "size":
        return liquid_size(obj)
    if isinstance(obj, (list, tuple, LiquidRange)):
        items = obj if not isinstance(obj, LiquidRange) else obj.to_list()
        if not items:
            return None
        return items[0] if key == "first" else items[-1]
    return None


def make_range(start: Any, stop: Any) -> LiquidRange:
    return LiquidRange(range_end(start), range_end(stop))


# -- loops ---------------------------------------------------------------------------------------


class ForLoop(Drop):
    """``forloop``: where the loop is, as Liquid's ForloopDrop reports it."""

    __slots__ = ("name", "length", "index0", "parentloop")

    def __init__(self, name: str, length: int, parentloop: Any) -> None:
        self.name = name
        self.length = length
        self.index0 = 0
        self.parentloop = parentloop

    def liquid_get(self, key: Any) -> Any:
        i = self.index0
        if key == "index":
            return i + 1
        if key == "index0":
            return i
        if key == "rindex":
            return self.length - i
        if key == "rindex0":
            return self.length - i - 1
        if key == "first":
            return i == 0
        if key == "last":
            return i == self.length - 1
        if key == "length":
            return self.length
        if key == "parentloop":
            return self.parentloop
        if key == "name":
            return self.name
        return None

    def liquid_keys(self) -> tuple[str, ...]:
        return ("name", "length", "index", "index0", "rindex", "rindex0", "first", "last", "parentloop")

    def liquid_str(self) -> str:
        return "Liquid::ForloopDrop"


def _as_sequence(collection: Any) -> list[Any]:
    if type(collection) is list:
        return collection
    if collection is None or collection is False or collection is True:
        return []
    if isinstance(collection, str):
        return [collection] if collection else []
    if isinstance(collection, dict):
        return [[key, value] for key, value in collection.items()]
    if isinstance(collection, (list, tuple, LiquidRange)):
        return list(collection)
    if isinstance(collection, Drop):
        return list(collection)
    return []




def for_items(
    ctx: RenderContext,
    collection: Any,
    limit: Any,
    offset: Any,
    offset_continue: bool,
    reverse: bool,
    name: str,
) -> list[Any]:
    """The slice of ``collection`` a ``for`` tag visits (limit, offset, reversed, continue)."""
    if offset_continue:
        start = ctx.for_offsets.get(name, 0)
    else:
        start = 0 if offset is None else to_integer(offset)
    items = _as_sequence(collection)
    stop = None if limit is None else to_integer(limit) + start
    if start != 0 or stop is not None:
        start = max(start, 0)
        items = items[start:stop] if stop is None or stop > start else []
    if reverse:
        items = items[::-1]
    ctx.for_offsets[name] = start + len(items)
    return items


def loop_pairs(items: list[Any], name: str, parentloop: Any) -> Iterator[tuple[Any, ForLoop]]:
    """Yield ``(item, forloop)`` with one ``forloop`` object advanced in place."""
    loop = ForLoop(name, len(items), parentloop)
    for index, item in enumerate(items):
        loop.index0 = index
        yield item, loop


def tablerow(ctx: RenderContext, collection: Any, attrs: dict[str, Any], name: str, render_cell: Any) -> str:
    """``tablerow``: Liquid's exact ``<tr class="rowN">``/``<td class="colN">`` layout."""
    if not isinstance(collection, (list, tuple, dict, LiquidRange, Drop)):
        return ""
    items = _as_sequence(collection)
    offset = to_integer(attrs["offset"]) if attrs.get("offset") is not None else 0
    limit = attrs.get("limit")
    stop = None if limit is None else to_integer(limit) + offset
    items = items[offset:stop]
    cols = attrs.get("cols")
    cols = to_integer(cols) if cols is not None else None
    length = len(items)
    out = ['<tr class="row1">\n']
    row = 1
    col = 0
    for index, item in enumerate(items):
        col += 1
        loop = TableRowLoop(length, index, col, row, cols)
        out.append(f'<td class="col{col}">')
        if ctx.interrupt is None:
            out.append(render_cell(item, loop))
        out.append("</td>")
        if cols is not None and col == cols and index != length - 1:
            col = 0
            row += 1
            out.append(f'</tr>\n<tr class="row{row}">')
    out.append("</tr>\n")
    return "".join(out)


class TableRowLoop(Drop):
    """``tablerowloop``: forloop's keys plus col, col0, col_first, col_last, row."""

    __slots__ = ("length", "index0", "col", "row", "cols")

    def __init__(self, length: int, index0: int, col: int, row: int, cols: int | None) -> None:
        self.length, self.index0, self.col, self.row, self.cols = length, index0, col, row, cols

    def liquid_get(self, key: Any) -> Any:
        i = self.index0
        values = {
            "length": self.length,
            "index": i + 1,
            "index0": i,
            "rindex": self.length - i,
            "rindex0": self.length - i - 1,
            "first": i == 0,
            "last": i == self.length - 1,
            "col": self.col,
            "col0": self.col - 1,
            "col_first": self.col == 1,
            "col_last": self.col == (self.cols if self.cols is not None else self.length),
            "row": self.row,
        }
        return values.get(key)


# -- small tags ----------------------------------------------------------------------------------


def cycle(ctx: RenderContext, group: Any, values: list[Any]) -> str:
    position = ctx.cycles.get(group, 0)
    value = values[position] if position < len(values) else None
    position += 1
    ctx.cycles[group] = 0 if position >= len(values) else position
    return to_s(value)


def counter(ctx: RenderContext, name: str, step: int) -> str:
    value = ctx.counters.get(name, _MISSING)
    if value is _MISSING:
        value = ctx.globals.get(name) or 0
    if step > 0:
        ctx.counters[name] = value + 1
        return to_s(value)
    value -= 1
    ctx.counters[name] = value
    return to_s(value)


def ifchanged(ctx: RenderContext, output: str) -> str:
    if output != ctx.ifchanged:
        ctx.ifchanged = output
        return output
    return ""


def fail(kind: str, message: str) -> None:
    if kind == "filesystem":
        raise LiquidFileSystemError(message)
    if kind == "filter":
        raise UndefinedFilter(message)
    raise LiquidError(message)


# -- includes and host services ------------------------------------------------------------------


def include(
    ctx: RenderContext,
    file: str,
    params: dict[str, Any] | None,
    scope: dict[str, Any],
    relative: bool,
) -> str:
    """Render an include with the caller's loop variables and ``include`` params in scope.

    An include without parameters whose output depends on variables alone (``free_names``) goes
    through the host's ``include_memo`` register, if it set one: ``memo(template, ctx, scope,
    render)`` answers with the text ``render()`` gives, which it may have kept from another page.
    """
    template = ctx.env.get_include(file, ctx, relative)
    if params is None and template.free_names is not None and not relative:
        memo = ctx.registers.get("include_memo")
        if memo is not None:
            # (a partial, not a lambda: no closure cells for every name this function uses)
            return memo(template, ctx, scope, partial(_render_include, ctx, template, file, scope))  # type: ignore[no-any-return]
    elif params is not None:
        scope["include"] = params
    return _render_include(ctx, template, file, scope)


def _render_include(ctx: RenderContext, template: Any, file: str, scope: dict[str, Any]) -> str:
    # an include outside loops, without parameters (a sidebar), pushes no scope: an empty one
    # would answer no name, only make every lookup in the include pass it by
    pushed = bool(scope)
    if pushed:
        ctx.scopes.append(scope)
    ctx.include_stack.append(template.name or file)
    try:
        return template.render_into(ctx)
    finally:
        ctx.include_stack.pop()
        if pushed:
            ctx.scopes.pop()


def highlight(ctx: RenderContext, code: str, lang: str, options: dict[str, Any]) -> str:
    highlighter = ctx.registers.get("highlight_tag") or ctx.env.highlight_tag
    prefix = to_s(ctx.get("highlighter_prefix"))
    suffix = to_s(ctx.get("highlighter_suffix"))
    code = code.strip("\r\n") if code else code
    return prefix + highlighter(code, lang, options) + suffix


def site_link(ctx: RenderContext, kind: str, target: str) -> str:
    resolver = ctx.registers.get("site_links")
    if resolver is None:
        raise LiquidArgumentError(f"'{kind}' needs a site: nothing can resolve '{target.strip()}' here")
    return resolver(kind, target.strip(), ctx)


def custom_tag(ctx: RenderContext, name: str, markup: str, body: str | None, scope: dict[str, Any]) -> str:
    """A plugin tag, seeing the loop variables around it as Liquid tags see their context."""
    render = ctx.env.custom_tags[name]
    ctx.scopes.append(scope)
    try:
        result = render(ctx, markup) if body is None else render(ctx, markup, body)
    finally:
        ctx.scopes.pop()
    return to_s(result)


def interrupt(ctx: RenderContext, kind: str) -> None:
    ctx.interrupt = kind


def interrupted(ctx: RenderContext) -> bool:
    return ctx.interrupt is not None


def take_interrupt(ctx: RenderContext) -> str | None:
    kind = ctx.interrupt
    ctx.interrupt = None
    return kind


def unknown_operator(op: str) -> bool:
    """Lax parsing accepts any operator; Liquid fails only when the condition is evaluated."""
    raise LiquidArgumentError(f"Unknown operator {op}")


def undefined_filter(name: str) -> None:
    raise UndefinedFilter(f"undefined filter {name}")
