"""The Liquid syntax tree: what the parser builds and the compiler turns into Jinja2 nodes.

Every statement keeps ``start``, its offset in the source, so compiled code and errors point at
Liquid lines. Expressions are small immutable values; ``Lookup`` keeps Liquid's distinction
between ``a.size`` (a command, tried after the key) and ``a["size"]`` (a key only).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
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


# -- expressions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    value: Any


@dataclass(frozen=True, slots=True)
class RangeExpr:
    start: "Expr"
    stop: "Expr"


@dataclass(frozen=True, slots=True)
class Lookup:
    """``root.key[expr]...``; ``root`` is a name, or an expression for ``[expr]`` at the start."""

    root: Union[str, "Expr"]
    #: (key expression, is_command): commands are bare ``size``/``first``/``last`` after a dot
    keys: tuple[tuple["Expr", bool], ...] = ()


@dataclass(frozen=True, slots=True)
class FilterCall:
    name: str
    args: tuple["Expr", ...] = ()
    kwargs: tuple[tuple[str, "Expr"], ...] = ()


@dataclass(frozen=True, slots=True)
class Filtered:
    expr: "Expr"
    filters: tuple[FilterCall, ...]


@dataclass(frozen=True, slots=True)
class Compare:
    """``left op right``; ``op`` is ``None`` for a bare value tested for truthiness."""

    op: str | None
    left: "Expr"
    right: "Expr | None" = None


@dataclass(frozen=True, slots=True)
class And:
    left: "Expr"
    right: "Expr"


@dataclass(frozen=True, slots=True)
class Or:
    left: "Expr"
    right: "Expr"


Expr = Union[Literal, RangeExpr, Lookup, Filtered, Compare, And, Or]


# -- statements ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Node:
    start: int


@dataclass(slots=True)
class Text(Node):
    text: str


@dataclass(slots=True)
class Output(Node):
    expr: Expr


@dataclass(slots=True)
class Assign(Node):
    name: str
    expr: Expr


@dataclass(slots=True)
class Capture(Node):
    name: str
    body: list[Node]


@dataclass(slots=True)
class If(Node):
    #: (condition, body) in order; ``unless`` negates its first condition
    branches: list[tuple[Expr, list[Node]]]
    else_body: list[Node] | None = None
    negate_first: bool = False


@dataclass(slots=True)
class Case(Node):
    subject: Expr
    #: (values, body) in source order; values ``None`` marks an ``else`` block
    whens: list[tuple[list[Expr] | None, list[Node]]] = field(default_factory=list)


@dataclass(slots=True)
class For(Node):
    var: str
    collection: Expr
    body: list[Node]
    else_body: list[Node] | None = None
    limit: Expr | None = None
    offset: Expr | None = None
    #: ``offset:continue`` resumes where the last loop of the same name stopped
    offset_continue: bool = False
    reversed: bool = False
    #: ``var-collection markup``, the key Liquid uses for offset:continue
    name: str = ""


@dataclass(slots=True)
class TableRow(Node):
    var: str
    collection: Expr
    body: list[Node]
    attrs: dict[str, Expr] = field(default_factory=dict)
    name: str = ""


@dataclass(slots=True)
class Break(Node):
    pass


@dataclass(slots=True)
class Continue(Node):
    pass


@dataclass(slots=True)
class Cycle(Node):
    group: Expr | None
    values: list[Expr]
    #: the implicit group name of an unnamed cycle (its values' markup)
    key: str


@dataclass(slots=True)
class Counter(Node):
    """``increment`` (step +1, prints before) or ``decrement`` (step -1, prints after)."""

    name: str
    step: int


@dataclass(slots=True)
class IfChanged(Node):
    body: list[Node]


@dataclass(slots=True)
class Include(Node):
    """Jekyll's ``include``/``include_relative``: file is literal text or Liquid to render."""

    file: str
    #: the file name holds ``{{ }}`` and is rendered at render time
    dynamic: bool
    #: (name, value) params, ``None`` when the tag has none (``include`` is then not set)
    params: list[tuple[str, Expr]] | None
    relative: bool = False


@dataclass(slots=True)
class Highlight(Node):
    """Jekyll's ``highlight`` block: its body is Liquid, rendered before it is highlighted."""

    lang: str
    options: dict[str, Any]
    body: list[Node]


@dataclass(slots=True)
class SiteLink(Node):
    """Jekyll's ``link`` and ``post_url``: resolved by the host's resolver at render time."""

    kind: str
    target: str


@dataclass(slots=True)
class CustomTag(Node):
    """A tag a plugin registered: its function renders markup (and body text) at render time."""

    name: str
    markup: str
    body: list[Node] | None = None


@dataclass(slots=True)
class RaiseError(Node):
    """A construct that always fails when rendered (``render`` in Jekyll, which has no file system)."""

    error: str
    message: str
