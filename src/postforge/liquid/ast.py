"""The Liquid syntax tree: what the parser builds and the compiler turns into Jinja2 nodes.

Every statement keeps ``start``, its offset in the source, so compiled code and errors point at
Liquid lines. Expressions are small immutable values; ``Lookup`` keeps Liquid's distinction
between ``a.size`` (a command, tried after the key) and ``a["size"]`` (a key only).

The classes behave as the dataclasses they were (``frozen=True, slots=True`` expressions, plain
``slots=True`` statements: the same constructors, ``==``, ``hash`` and ``repr``) but are written
out: making 27 dataclasses was 9 ms of every start, a twentieth of importing postforge. Two bases
hold what they share, each class lists its ``_fields`` in constructor order.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any
from typing import Union

__all__ = [
    "Expr",
    "Literal",
    "RangeExpr",
    "Lookup",
    "FilterCall",
    "Filtered",
    "Compare",
    "And",
    "Or",
    "Node",
    "Text",
    "Output",
    "Assign",
    "Capture",
    "If",
    "Case",
    "For",
    "TableRow",
    "Break",
    "Continue",
    "Cycle",
    "Counter",
    "IfChanged",
    "Include",
    "Highlight",
    "SiteLink",
    "CustomTag",
    "RaiseError",
]

_set = object.__setattr__


class _Fields:
    """``==`` between instances of one class, field by field, and a dataclass-style ``repr``."""

    __slots__ = ()
    #: the fields, in constructor order
    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__match_args__ = cls._fields

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), self._values()


# -- expressions ---------------------------------------------------------------------------------


class _Value(_Fields):
    """An immutable expression: hashable, and its fields cannot be set after construction."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


class Literal(_Value):
    __slots__ = _fields = ("value",)

    def __init__(self, value: Any) -> None:
        _set(self, "value", value)


class RangeExpr(_Value):
    __slots__ = _fields = ("start", "stop")

    def __init__(self, start: Expr, stop: Expr) -> None:
        _set(self, "start", start)
        _set(self, "stop", stop)


class Lookup(_Value):
    """``root.key[expr]...``; ``root`` is a name, or an expression for ``[expr]`` at the start.

    ``keys``: (key expression, is_command) pairs; commands are bare ``size``/``first``/``last``
    after a dot.
    """

    __slots__ = _fields = ("root", "keys")

    def __init__(self, root: str | Expr, keys: tuple[tuple[Expr, bool], ...] = ()) -> None:
        _set(self, "root", root)
        _set(self, "keys", keys)


class FilterCall(_Value):
    __slots__ = _fields = ("name", "args", "kwargs")

    def __init__(self, name: str, args: tuple[Expr, ...] = (), kwargs: tuple[tuple[str, Expr], ...] = ()) -> None:
        _set(self, "name", name)
        _set(self, "args", args)
        _set(self, "kwargs", kwargs)


class Filtered(_Value):
    __slots__ = _fields = ("expr", "filters")

    def __init__(self, expr: Expr, filters: tuple[FilterCall, ...]) -> None:
        _set(self, "expr", expr)
        _set(self, "filters", filters)


class Compare(_Value):
    """``left op right``; ``op`` is ``None`` for a bare value tested for truthiness."""

    __slots__ = _fields = ("op", "left", "right")

    def __init__(self, op: str | None, left: Expr, right: Expr | None = None) -> None:
        _set(self, "op", op)
        _set(self, "left", left)
        _set(self, "right", right)


class And(_Value):
    __slots__ = _fields = ("left", "right")

    def __init__(self, left: Expr, right: Expr) -> None:
        _set(self, "left", left)
        _set(self, "right", right)


class Or(_Value):
    __slots__ = _fields = ("left", "right")

    def __init__(self, left: Expr, right: Expr) -> None:
        _set(self, "left", left)
        _set(self, "right", right)


Expr = Union[Literal, RangeExpr, Lookup, Filtered, Compare, And, Or]


# -- statements ----------------------------------------------------------------------------------


class Node(_Fields):
    """A statement: mutable (tags fill theirs in as they parse), so compared but not hashable."""

    __slots__ = _fields = ("start",)
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, start: int) -> None:
        self.start = start


class Text(Node):
    __slots__ = ("text",)
    _fields = ("start", "text")

    def __init__(self, start: int, text: str) -> None:
        self.start = start
        self.text = text


class Output(Node):
    __slots__ = ("expr",)
    _fields = ("start", "expr")

    def __init__(self, start: int, expr: Expr) -> None:
        self.start = start
        self.expr = expr


class Assign(Node):
    __slots__ = ("name", "expr")
    _fields = ("start", "name", "expr")

    def __init__(self, start: int, name: str, expr: Expr) -> None:
        self.start = start
        self.name = name
        self.expr = expr


class Capture(Node):
    __slots__ = ("name", "body")
    _fields = ("start", "name", "body")

    def __init__(self, start: int, name: str, body: list[Node]) -> None:
        self.start = start
        self.name = name
        self.body = body


class If(Node):
    """``branches``: (condition, body) in order; ``unless`` negates its first condition."""

    __slots__ = ("branches", "else_body", "negate_first")
    _fields = ("start", "branches", "else_body", "negate_first")

    def __init__(self, start: int, branches: list[tuple[Expr, list[Node]]], else_body: list[Node] | None = None,
                 negate_first: bool = False) -> None:
        self.start = start
        self.branches = branches
        self.else_body = else_body
        self.negate_first = negate_first


class Case(Node):
    """``whens``: (values, body) in source order; values ``None`` marks an ``else`` block."""

    __slots__ = ("subject", "whens")
    _fields = ("start", "subject", "whens")

    def __init__(self, start: int, subject: Expr, whens: list[tuple[list[Expr] | None, list[Node]]] | None = None
                 ) -> None:
        self.start = start
        self.subject = subject
        self.whens = [] if whens is None else whens


class For(Node):
    """``offset_continue``: ``offset:continue`` resumes where the last loop of the same name
    stopped; ``name``: ``var-collection markup``, the key Liquid uses for it."""

    __slots__ = ("var", "collection", "body", "else_body", "limit", "offset", "offset_continue", "reversed", "name")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, var: str, collection: Expr, body: list[Node], else_body: list[Node] | None = None,
                 limit: Expr | None = None, offset: Expr | None = None, offset_continue: bool = False,
                 reversed: bool = False, name: str = "") -> None:
        self.start = start
        self.var = var
        self.collection = collection
        self.body = body
        self.else_body = else_body
        self.limit = limit
        self.offset = offset
        self.offset_continue = offset_continue
        self.reversed = reversed
        self.name = name


class TableRow(Node):
    __slots__ = ("var", "collection", "body", "attrs", "name")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, var: str, collection: Expr, body: list[Node], attrs: dict[str, Expr] | None = None,
                 name: str = "") -> None:
        self.start = start
        self.var = var
        self.collection = collection
        self.body = body
        self.attrs = {} if attrs is None else attrs
        self.name = name


class Break(Node):
    __slots__ = ()


class Continue(Node):
    __slots__ = ()


class Cycle(Node):
    """``key``: the implicit group name of an unnamed cycle (its values' markup)."""

    __slots__ = ("group", "values", "key")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, group: Expr | None, values: list[Expr], key: str) -> None:
        self.start = start
        self.group = group
        self.values = values
        self.key = key


class Counter(Node):
    """``increment`` (step +1, prints before) or ``decrement`` (step -1, prints after)."""

    __slots__ = ("name", "step")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, name: str, step: int) -> None:
        self.start = start
        self.name = name
        self.step = step


class IfChanged(Node):
    __slots__ = ("body",)
    _fields = ("start", "body")

    def __init__(self, start: int, body: list[Node]) -> None:
        self.start = start
        self.body = body


class Include(Node):
    """Jekyll's ``include``/``include_relative``: file is literal text or Liquid to render.

    ``dynamic``: the file name holds ``{{ }}`` and is rendered at render time; ``params``: (name,
    value) pairs, ``None`` when the tag has none (``include`` is then not set).
    """

    __slots__ = ("file", "dynamic", "params", "relative")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, file: str, dynamic: bool, params: list[tuple[str, Expr]] | None,
                 relative: bool = False) -> None:
        self.start = start
        self.file = file
        self.dynamic = dynamic
        self.params = params
        self.relative = relative


class Highlight(Node):
    """Jekyll's ``highlight`` block: its body is Liquid, rendered before it is highlighted."""

    __slots__ = ("lang", "options", "body")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, lang: str, options: dict[str, Any], body: list[Node]) -> None:
        self.start = start
        self.lang = lang
        self.options = options
        self.body = body


class SiteLink(Node):
    """Jekyll's ``link`` and ``post_url``: resolved by the host's resolver at render time."""

    __slots__ = ("kind", "target")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, kind: str, target: str) -> None:
        self.start = start
        self.kind = kind
        self.target = target


class CustomTag(Node):
    """A tag a plugin registered: its function renders markup (and body text) at render time."""

    __slots__ = ("name", "markup", "body")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, name: str, markup: str, body: list[Node] | None = None) -> None:
        self.start = start
        self.name = name
        self.markup = markup
        self.body = body


class RaiseError(Node):
    """A construct that always fails when rendered (``render`` in Jekyll, which has no file system)."""

    __slots__ = ("error", "message")
    _fields = ("start", *__slots__)

    def __init__(self, start: int, error: str, message: str) -> None:
        self.start = start
        self.error = error
        self.message = message
