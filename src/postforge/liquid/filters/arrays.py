"""Liquid 5.4's array filters: join, first, last, concat, map, reverse, sort, sort_natural, where,
uniq, compact.

Liquid walks its input through an ``InputIterator``: arrays are flattened, a hash is a one-item
array, ``nil`` is empty, a scalar is a one-item array. Property access is Ruby's ``item[property]``,
which means a string item answers with a substring and an integer item with a bit, and sorting is
glibc's merge sort (what Ruby's ``Array#sort`` calls on Linux), so that ties and ``nil`` items come
out in Jekyll's order. Jekyll replaces ``where`` and ``sort`` with its own versions
(``jekyll_arrays``); Liquid's are kept here for completeness.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any
from typing import Callable

from postforge.liquid.drops import Drop
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters.strings import ruby_to_s
from postforge.liquid.values import BlankLiteral
from postforge.liquid.values import EmptyLiteral
from postforge.liquid.values import LiquidRange
from postforge.liquid.values import liquid_eq
from postforge.liquid.values import truthy

__all__ = [
    "FILTERS", "register", "input_items", "ruby_index", "ruby_spaceship", "glibc_msort", "eql_key",
    "as_aware",
]


class _NoIndexMethod(Exception):
    """The item has no ``[]`` method (Ruby's NoMethodError): some filters then return ``nil``."""


class _IndexTypeError(Exception):
    """``item[property]`` raised Ruby's TypeError: Liquid reports the property."""


def input_items(value: Any) -> list:
    """The items Liquid's ``InputIterator`` yields for ``value``."""
    if isinstance(value, (list, tuple)):
        return _flatten(value)
    if isinstance(value, dict):
        return [value]
    if isinstance(value, LiquidRange):
        return value.to_list()
    if isinstance(value, Drop):
        # Jekyll's drops are Enumerable over their keys
        return list(value.liquid_keys())
    if value is None:
        return []
    return [value]


def _flatten(items: Any) -> list:
    out: list = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _property_error(prop: Any) -> LiquidArgumentError:
    return LiquidArgumentError(f"cannot select the property '{ruby_to_s(prop)}'")


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _index_number(prop: Any) -> int:
    """Ruby's implicit integer conversion for ``[]``: integers and floats, nothing else."""
    if _is_integer(prop):
        return prop
    if isinstance(prop, (float, Decimal)):
        return int(prop)
    raise _IndexTypeError


def _hash_get(mapping: dict, key: Any) -> Any:
    """``hash[key]`` with Ruby's ``eql?``: ``1``, ``1.0`` and ``true`` are different keys."""
    if type(key) is str:
        return mapping.get(key)
    for candidate, value in mapping.items():
        if type(candidate) is type(key) and candidate == key:
            return value
    return None


def ruby_index(item: Any, prop: Any) -> Any:
    """Ruby's ``item[prop]``; raises ``_NoIndexMethod`` or ``_IndexTypeError`` as Ruby would."""
    if isinstance(item, dict):
        return _hash_get(item, prop)
    if isinstance(item, Drop):
        return item.liquid_get(prop)
    if isinstance(item, str):
        if isinstance(prop, str):
            return prop if prop in item else None
        index = _index_number(prop)
        if index < 0:
            index += len(item)
        return item[index] if 0 <= index < len(item) else None
    if _is_integer(item):
        index = _index_number(prop)
        return (item >> index) & 1 if index >= 0 else 0
    if isinstance(item, (list, tuple)):
        index = _index_number(prop)
        if index < 0:
            index += len(item)
        return item[index] if 0 <= index < len(item) else None
    raise _NoIndexMethod


def _has_index(item: Any) -> bool:
    return isinstance(item, (dict, Drop, str, list, tuple)) or _is_integer(item)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def as_aware(value: _dt.datetime) -> _dt.datetime:
    """A naive time taken as UTC, so that it orders and hashes against aware ones by its instant."""
    return value if value.tzinfo is not None else value.replace(tzinfo=_dt.timezone.utc)


def _sign(left: Any, right: Any) -> int:
    return (left > right) - (left < right)


def ruby_spaceship(left: Any, right: Any) -> int | None:
    """Ruby's ``left <=> right``: -1, 0 or 1, or ``None`` when the two cannot be ordered."""
    if _is_number(left) and _is_number(right):
        if any(isinstance(x, (float, Decimal)) and x != x for x in (left, right)):
            return None  # NaN
        return _sign(left, right)
    if isinstance(left, str) and isinstance(right, str):
        return _sign(left, right)  # code point order is UTF-8 byte order
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        for a, b in zip(left, right):
            result = ruby_spaceship(a, b)
            if result != 0:
                return result
        return _sign(len(left), len(right))
    if isinstance(left, _dt.datetime) and isinstance(right, _dt.datetime):
        return _sign(as_aware(left), as_aware(right))
    if (
        isinstance(left, _dt.date)
        and isinstance(right, _dt.date)
        and not isinstance(left, _dt.datetime)
        and not isinstance(right, _dt.datetime)
    ):
        return _sign(left, right)
    # Object#<=>: equal objects are 0, anything else cannot be compared
    return 0 if left is right or liquid_eq(left, right) else None


def glibc_msort(items: list, compare: Callable[[Any, Any], int]) -> list:
    """glibc's ``qsort_r`` merge sort, which Ruby's ``Array#sort`` uses: same comparisons, same ties.

    The order matters because Liquid's comparators are not always consistent (two ``nil`` values
    compare as "greater" both ways), so only the same algorithm gives the same result.
    """
    if len(items) <= 1:
        return list(items)
    half = len(items) // 2
    left = glibc_msort(items[:half], compare)
    right = glibc_msort(items[half:], compare)
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if compare(left[i], right[j]) <= 0:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def _nil_safe_compare(left: Any, right: Any) -> int:
    result = ruby_spaceship(left, right)
    if result is not None:
        return result
    if left is None:
        return 1
    if right is None:
        return -1
    raise LiquidArgumentError("cannot sort values of incompatible types")


def _casecmp_key(value: Any) -> str:
    # Ruby's casecmp folds ASCII letters only; code point order is UTF-8 byte order
    return ruby_to_s(value).translate(_ASCII_LOWER)


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def _nil_safe_casecmp(left: Any, right: Any) -> int:
    if left is not None and right is not None:
        a, b = _casecmp_key(left), _casecmp_key(right)
        return (a > b) - (a < b)
    return 1 if left is None else -1


def _sort_with(value: Any, prop: Any, compare: Callable[[Any, Any], int]) -> list | None:
    items = input_items(value)
    if not items:
        return []
    if prop is None:
        return glibc_msort(items, compare)
    if not all(_has_index(item) for item in items):
        return None

    def by_property(a: Any, b: Any) -> int:
        try:
            return compare(ruby_index(a, prop), ruby_index(b, prop))
        except _IndexTypeError:
            raise _property_error(prop) from None

    return glibc_msort(items, by_property)


def sort(value: Any, prop: Any = None) -> list | None:
    """Liquid's ``sort`` (Jekyll registers its own over it): ``nil`` last, mixed types an error."""
    return _sort_with(value, prop, _nil_safe_compare)


def sort_natural(value: Any, prop: Any = None) -> list | None:
    """Case-insensitive for ASCII letters only, comparing every item as its string form."""
    return _sort_with(value, prop, _nil_safe_casecmp)


def _property_values(items: list, prop: Any) -> list | None:
    """``item[prop]`` for each item, in order; ``None`` when an item has no ``[]`` at all."""
    values = []
    for item in items:
        try:
            values.append(ruby_index(item, prop))
        except _IndexTypeError:
            raise _property_error(prop) from None
        except _NoIndexMethod:
            return None
    return values


def _ruby_equal(left: Any, right: Any) -> bool:
    if isinstance(right, (EmptyLiteral, BlankLiteral)) or isinstance(left, (EmptyLiteral, BlankLiteral)):
        return left is right
    return liquid_eq(left, right)


def where(value: Any, prop: Any, target: Any = None) -> list | None:
    """Liquid's ``where`` (Jekyll registers its own over it); without a target, keeps truthy values."""
    items = input_items(value)
    if not items:
        return []
    values = _property_values(items, prop)
    if values is None:
        return None
    if target is None:
        return [item for item, found in zip(items, values) if truthy(found)]
    return [item for item, found in zip(items, values) if _ruby_equal(found, target)]


def eql_key(value: Any) -> Any:
    """A Python key equal exactly when Ruby's ``eql?`` holds: ``1``, ``1.0`` and ``true`` differ."""
    if value is None or isinstance(value, bool):
        return ("const", value)
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, (float, Decimal)):
        number = float(value)
        return ("float", number) if number == number else ("nan", id(value))
    if isinstance(value, str):
        return ("str", value)
    if isinstance(value, (list, tuple)):
        return ("array", tuple(eql_key(item) for item in value))
    if isinstance(value, dict):
        return ("hash", frozenset((eql_key(k), eql_key(v)) for k, v in value.items()))
    if isinstance(value, _dt.datetime):
        return ("time", as_aware(value))
    if isinstance(value, _dt.date):
        return ("date", value)
    if isinstance(value, LiquidRange):
        return ("range", value.start, value.stop)
    return ("object", id(value))


def _uniq_by(items: list, keys: list) -> list:
    seen = set()
    out = []
    for item, key in zip(items, keys):
        marker = eql_key(key)
        if marker not in seen:
            seen.add(marker)
            out.append(item)
    return out


def uniq(value: Any, prop: Any = None) -> list | None:
    items = input_items(value)
    if prop is None:
        return _uniq_by(items, items)
    if not items:
        return []
    values = _property_values(items, prop)
    if values is None:
        return None
    return _uniq_by(items, values)


def compact(value: Any, prop: Any = None) -> list | None:
    items = input_items(value)
    if prop is None:
        return [item for item in items if item is not None]
    if not items:
        return []
    values = _property_values(items, prop)
    if values is None:
        return None
    return [item for item, found in zip(items, values) if found is not None]


def map_(value: Any, prop: Any) -> list:
    """An item without ``[]`` (``nil``, a float) maps to ``nil``; ``"to_liquid"`` maps to the item."""
    out = []
    for item in input_items(value):
        if prop == "to_liquid":
            out.append(item)
            continue
        try:
            out.append(ruby_index(item, prop))
        except _IndexTypeError:
            raise _property_error(prop) from None
        except _NoIndexMethod:
            out.append(None)
    return out


def join(value: Any, glue: Any = " ") -> str:
    return ruby_to_s(glue).join(ruby_to_s(item) for item in input_items(value))


def reverse(value: Any) -> list:
    return input_items(value)[::-1]


def concat(value: Any, array: Any) -> list:
    if not isinstance(array, (list, tuple)):
        raise LiquidArgumentError("concat filter requires an array argument")
    return input_items(value) + list(array)


def first(value: Any) -> Any:
    """Ruby's ``first``: arrays, hashes (a ``[key, value]`` pair), ranges, drops; strings have none."""
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    if isinstance(value, dict):
        for key, item in value.items():
            return [key, item]
        return None
    if isinstance(value, LiquidRange):
        return value.start
    if isinstance(value, Drop):
        for key in value.liquid_keys():
            return [key, value.liquid_get(key)]
        return None
    return None


def last(value: Any) -> Any:
    """Only arrays and ranges have ``last`` in Ruby: a hash or a string gives ``nil``."""
    if isinstance(value, (list, tuple)):
        return value[-1] if value else None
    if isinstance(value, LiquidRange):
        return value.stop
    return None


FILTERS = {
    "join": join,
    "first": first,
    "last": last,
    "concat": concat,
    "map": map_,
    "reverse": reverse,
    "sort": sort,
    "sort_natural": sort_natural,
    "where": where,
    "uniq": uniq,
    "compact": compact,
}


def register(env: Any) -> None:
    env.add_filters(FILTERS)
