"""Jekyll 4.3's array and hash filters: where, find, sort, group_by, their ``_exp`` forms, push/pop.

These override Liquid's own ``where`` and ``sort``, and their rules are Jekyll's, not Liquid's:
a property is read with a plain ``item[property]`` (so ``where: "size", 2`` never sees an array's
size), dotted paths walk nested hashes, and integer- or float-looking strings become numbers before
they are compared, grouped or sorted (``"01"`` groups as ``"1"``). ``where`` compares by ``to_s``,
so ``1`` matches ``"1"``. Sorting reproduces the merge sort that Ruby gets from glibc's
``qsort_r``: stable, and failing on the same pair (hence with the same message) as Jekyll when two
values cannot be compared. The ``_exp`` filters hand their expression to the render context, so the
condition and filter syntax are the engine's.
"""

from __future__ import annotations

import datetime as _dt
import math
import random
import re
from decimal import Decimal
from typing import Any
from typing import Callable
from typing import Iterator

from postforge.liquid.drops import Drop
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.errors import LiquidRenderError
from postforge.liquid.filters import leaves_context
from postforge.liquid.filters import varies
from postforge.liquid.filters import with_context
from postforge.liquid.filters.arrays import as_aware
from postforge.liquid.filters.arrays import eql_key
from postforge.liquid.filters.arrays import glibc_msort
from postforge.liquid.filters.arrays import join as liquid_join
from postforge.liquid.filters.arrays import ruby_spaceship
from postforge.liquid.filters.strings import ruby_to_s
from postforge.liquid.values import to_integer as _liquid_to_integer
from postforge.liquid.values import BlankLiteral
from postforge.liquid.values import EmptyLiteral
from postforge.liquid.values import LiquidRange
from postforge.liquid.values import inspect
from postforge.liquid.values import ruby_to_i
from postforge.liquid.values import to_liquid
from postforge.liquid.values import type_name

__all__ = [
    "FILTERS", "register", "where", "where_exp", "find", "find_exp", "group_by", "group_by_exp",
    "sort", "push", "pop", "shift", "unshift", "sample", "to_integer",
]

# Jekyll's parse_sort_input patterns; Ruby's \s and \d are ASCII-only
_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z", re.ASCII)
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z", re.ASCII)
_FIXNUM_MIN = -(2**62)
_FIXNUM_MAX = 2**62 - 1


# --- Ruby object model, as far as these filters can observe it ---------------------------------


def _ruby_class(value: Any) -> str:
    """The class name Ruby puts first in ``comparison of X with Y failed`` and NoMethodError."""
    if value is None:
        return "NilClass"
    if isinstance(value, bool):
        return "TrueClass" if value else "FalseClass"
    return type_name(value)


def _is_immediate(value: Any) -> bool:
    """Ruby's special constants and floats, which its error messages show by value, not class."""
    if value is None or isinstance(value, (bool, float, Decimal)):
        return True
    return isinstance(value, int) and _FIXNUM_MIN <= value <= _FIXNUM_MAX


def _no_method(method: str, receiver: Any) -> LiquidRenderError:
    """Ruby's NoMethodError, which Jekyll lets through as a render error."""
    return LiquidRenderError(f"undefined method `{method}' for {inspect(receiver)}:{_ruby_class(receiver)}")


def _enumerable(value: Any) -> list | None:
    """The items Ruby's Enumerable methods see, or ``None`` when the value is not Enumerable.

    A hash (and a Jekyll drop, which is Enumerable over its keys) yields ``[key, value]`` pairs.
    """
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, dict):
        return [[key, item] for key, item in value.items()]
    if isinstance(value, (LiquidRange, Drop)):
        return list(value)
    return None


def _collection(value: Any) -> list | None:
    """What ``where`` and ``find`` search: a hash's values, or any other Enumerable's items."""
    if isinstance(value, dict):
        return list(value.values())
    return _enumerable(value)


def _ruby_array(value: Any) -> list:
    """``Kernel#Array``: nil is ``[]``, arrays stay, hashes and drops become pairs."""
    if value is None:
        return []
    items = _enumerable(value)
    return items if items is not None else [value]


def _expression_source(expression: Any) -> str:
    """Jekyll parses the expression as a string; anything else fails as Ruby's implicit conversion."""
    if not isinstance(expression, str):
        raise LiquidRenderError(f"no implicit conversion of {type_name(expression)} into String")
    return expression


def _bindings(variable: Any, item: Any) -> dict[str, Any]:
    """The scope an ``_exp`` expression sees; a non-string name binds nothing it could refer to."""
    return {variable: item} if isinstance(variable, str) else {}


# --- Jekyll's item_property ----------------------------------------------------------------------


def _responds_to_subscript(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    return isinstance(value, (dict, list, tuple, str, int, Drop))


def _subscript(value: Any, key: str) -> Any:
    """``value[key]`` with a String key, as Ruby answers it for each kind of value."""
    if isinstance(value, dict):
        return value.get(key)
    if isinstance(value, Drop):
        return value.liquid_get(key)
    if isinstance(value, str):
        return key if key in value else None  # String#[](str) is a substring search
    if _responds_to_subscript(value):  # Array#[] and Integer#[] want an integer index
        raise LiquidRenderError("no implicit conversion of String into Integer")
    raise _no_method("[]", value)


def _dotted_keys(property_name: str) -> list[str]:
    """``String#split(".")``, which drops trailing empty fields."""
    keys = property_name.split(".")
    while keys and keys[-1] == "":
        keys.pop()
    return keys


def _parse_sort_input(value: Any) -> Any:
    """Numbers written as strings become numbers, so that ``"10"`` sorts after ``"9"``."""
    if isinstance(value, str):
        if _INTEGER_LIKE.match(value):
            return ruby_to_i(value)
        if _FLOAT_LIKE.match(value):
            return float(value.strip())
    elif isinstance(value, Decimal):
        return float(value)
    return value


def _item_property(item: Any, property_name: Any) -> Any:
    """Jekyll's ``item_property``: ``item[property]``, or a walk down ``a.b.c`` that stops at false.

    Jekyll reads ``item[property]`` directly (not Liquid's ``item.property``), so ``size``,
    ``first`` and ``last`` are ordinary keys here; that is why this is not the runtime's lookup.
    """
    key = ruby_to_s(property_name)
    data = to_liquid(item)
    if "." not in key:
        value = _subscript(data, key)
    else:
        value = data
        for part in _dotted_keys(key):
            value = _subscript(value, part) if _responds_to_subscript(value) else False
    return _parse_sort_input(value)


def _property_matches(prop: Any, target: Any) -> bool:
    """Jekyll's ``compare_property_vs_target``: nil only matches nil, the rest compare as text."""
    if target is None:
        return prop is None
    if isinstance(target, (EmptyLiteral, BlankLiteral)):
        if isinstance(prop, str):
            return prop == ""
        # Array#join: with no separator, Liquid's flattening join gives the same text
        return liquid_join(_ruby_array(prop), "") == ""
    text = ruby_to_s(target)
    if isinstance(prop, str):
        return prop == text
    return any(ruby_to_s(each) == text for each in _ruby_array(prop))


# --- the filters ---------------------------------------------------------------------------------


def _matching(input: Any, property: Any, value: Any) -> Iterator[Any] | None:
    """The items ``where`` keeps, lazily; ``None`` when Jekyll hands the input back unchanged."""
    if property is None or property is False or isinstance(value, (list, tuple, dict)):
        return None
    items = _collection(input)
    if items is None:
        return None
    return (item for item in items if _property_matches(_item_property(item, property), value))


def where(input: Any, property: Any, value: Any) -> Any:
    """The items whose ``property`` matches ``value`` (as text; arrays match on any element)."""
    found = _matching(input, property, value)
    return input if found is None else list(found)


def find(input: Any, property: Any, value: Any) -> Any:
    """The first item ``where`` would keep, or nil."""
    found = _matching(input, property, value)
    return input if found is None else next(found, None)


def _holding(ctx: Any, input: Any, variable: Any, expression: Any) -> Iterator[Any] | None:
    """The items for which the condition holds, lazily; ``None`` when the input is not Enumerable."""
    items = _collection(input)
    if items is None:
        return None
    source = _expression_source(expression)
    ctx.env.condition(source)  # Jekyll parses first: a bad condition fails even with no items
    return (item for item in items if ctx.condition(source, _bindings(variable, item)))


@with_context
@leaves_context
def where_exp(ctx: Any, input: Any, variable: Any, expression: Any) -> Any:
    """The items for which ``expression`` holds with the item bound to ``variable``."""
    found = _holding(ctx, input, variable, expression)
    return input if found is None else list(found)


@with_context
@leaves_context
def find_exp(ctx: Any, input: Any, variable: Any, expression: Any) -> Any:
    """The first item for which ``expression`` holds, or nil."""
    found = _holding(ctx, input, variable, expression)
    return input if found is None else next(found, None)


def _grouped(items: list, name_of: Callable[[Any], Any], key_of: Callable[[Any], Any]) -> list[dict]:
    """``[{"name", "items", "size"}]`` in order of first appearance; names equal by ``key_of``."""
    groups: dict[Any, tuple[Any, list]] = {}
    for item in items:
        name = name_of(item)
        groups.setdefault(key_of(name), (name, []))[1].append(item)
    return [{"name": name, "items": members, "size": len(members)} for name, members in groups.values()]


def group_by(input: Any, property: Any) -> Any:
    """Groups in order of first appearance; names are always strings."""
    items = _enumerable(input)
    if items is None:
        return input
    return _grouped(items, lambda item: ruby_to_s(_item_property(item, property)), lambda name: name)


@with_context
@leaves_context
def group_by_exp(ctx: Any, input: Any, variable: Any, expression: Any) -> Any:
    """Groups named by the value of ``expression`` (a Liquid expression with filters), kept raw."""
    items = _enumerable(input)
    if items is None:
        return input
    source = _expression_source(expression)
    ctx.env.expression(source)
    return _grouped(items, lambda item: ctx.evaluate(source, _bindings(variable, item)), eql_key)


def _natural_compare(left: Any, right: Any) -> int:
    result = ruby_spaceship(left, right)
    if result is None:
        shown = inspect(right) if _is_immediate(right) else _ruby_class(right)
        raise LiquidArgumentError(f"comparison of {_ruby_class(left)} with {shown} failed")
    return result


def sort(input: Any, property: Any = None, nils: Any = "first") -> list:
    """Sort values, or items by a property with nils ``"first"`` (the default) or ``"last"``.

    Property values that cannot be compared (a number and a string) fall back to comparing as
    text, so sorting by a property never fails; sorting plain values of mixed kinds does.
    """
    if input is None:
        raise LiquidArgumentError("Cannot sort a null object.")
    if property is None:
        items = _enumerable(input)
        if items is None:
            raise _no_method("sort", input)
        return glibc_msort(items, _natural_compare)
    if nils == "first" and isinstance(nils, str):
        order = -1
    elif nils == "last" and isinstance(nils, str):
        order = 1
    else:
        raise LiquidArgumentError(
            f"Invalid nils order: '{ruby_to_s(nils)}' is not a valid nils order. "
            "It must be 'first' or 'last'."
        )
    items = _enumerable(input)
    if items is None:
        raise _no_method("map", input)

    def compare(left: tuple[Any, Any], right: tuple[Any, Any]) -> int:
        a, b = left[0], right[0]
        if a is not None and b is None:
            return -order
        if a is None and b is not None:
            return order
        result = ruby_spaceship(a, b)
        return result if result is not None else ruby_spaceship(ruby_to_s(a), ruby_to_s(b))

    keyed = [(_item_property(item, property), item) for item in items]
    return [item for _, item in glibc_msort(keyed, compare)]


def _count(num: Any, message: str) -> int:
    count = _liquid_to_integer(num)
    if count < 0:
        raise LiquidArgumentError(message)
    return count


def pop(array: Any, num: Any = 1) -> Any:
    """A copy without the last ``num`` items; anything but an array comes back unchanged."""
    if not isinstance(array, (list, tuple)):
        return array
    count = _count(num, "negative array size")
    return list(array[: max(len(array) - count, 0)])


def shift(array: Any, num: Any = 1) -> Any:
    """A copy without the first ``num`` items; anything but an array comes back unchanged."""
    if not isinstance(array, (list, tuple)):
        return array
    count = _count(num, "negative array size")
    return list(array[count:])


def push(array: Any, input: Any) -> Any:
    """A copy with ``input`` appended (an array is appended as one item)."""
    if not isinstance(array, (list, tuple)):
        return array
    return [*array, input]


def unshift(array: Any, input: Any) -> Any:
    """A copy with ``input`` prepended."""
    if not isinstance(array, (list, tuple)):
        return array
    return [input, *array]


@varies
def sample(input: Any, num: Any = 1) -> Any:
    """One random item (nil for an empty array), or a list of up to ``num`` distinct items.

    A count Liquid cannot read as an integer means one item, as Jekyll rescues that error.
    """
    if not isinstance(input, (list, tuple)):
        return input
    try:
        count = _liquid_to_integer(num)
    except LiquidArgumentError:
        count = 1
    if count == 1:
        return random.choice(input) if input else None
    if count < 0:
        raise LiquidArgumentError("negative sample number")
    return random.sample(list(input), min(count, len(input)))


def to_integer(input: Any) -> int:
    """Ruby's ``to_i`` (``"12abc"`` is 12, ``3.9`` is 3, nil is 0), with true as 1 and false as 0."""
    if input is True:
        return 1
    if input is False:
        return 0
    if input is None:
        return 0
    if isinstance(input, int):
        return int(input)
    if isinstance(input, (float, Decimal)):
        if math.isnan(input):
            raise LiquidRenderError("NaN")
        if math.isinf(input):
            raise LiquidRenderError("Infinity" if input > 0 else "-Infinity")
        return int(input)
    if isinstance(input, str):
        return ruby_to_i(input)
    if isinstance(input, _dt.datetime):
        return math.floor(as_aware(input).timestamp())
    raise _no_method("to_i", input)


FILTERS: dict[str, Callable[..., Any]] = {
    "where": where,
    "where_exp": where_exp,
    "find": find,
    "find_exp": find_exp,
    "group_by": group_by,
    "group_by_exp": group_by_exp,
    "sort": sort,
    "push": push,
    "pop": pop,
    "shift": shift,
    "unshift": unshift,
    "sample": sample,
    "to_integer": to_integer,
}


def register(env: Any) -> None:
    env.add_filters(FILTERS)
