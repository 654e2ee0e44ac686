"""Liquid 5.4's math filters, computed as Liquid computes them: integers, or BigDecimal then Float.

Liquid turns each operand into a number with ``Utils.to_number`` (a float or a ``"1.5"`` string
becomes an exact BigDecimal, anything else an integer via ``to_i``), does the arithmetic in Ruby,
and hands a BigDecimal result back as a Float. So ``1.1 | plus: 2.2`` is ``3.3``, ``7 | divided_by:
2`` is ``3`` (floored), and integer division by zero is an error while decimal division by zero is
``Infinity``. Python's ``Decimal`` plays BigDecimal, with Ruby's floored modulo and half-up rounding.
"""

from __future__ import annotations

import decimal
import math
import operator
from decimal import Decimal
from typing import Any

from postforge.liquid.errors import LiquidRenderError
from postforge.liquid.errors import LiquidZeroDivisionError
from postforge.liquid.values import from_number
from postforge.liquid.values import to_number

__all__ = ["FILTERS", "register", "LiquidFloatDomainError"]


class LiquidFloatDomainError(LiquidRenderError):
    """``ceil``/``floor``/``round`` of NaN or Infinity (Liquid::FloatDomainError)."""


#: BigDecimal adds, subtracts and multiplies exactly; enough digits that Decimal does too
_EXACT = decimal.Context(
    prec=1000, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[decimal.InvalidOperation]
)
#: division: far more digits than a Float keeps, so the final ``to_f`` rounds as Ruby's does
_DIVISION = decimal.Context(
    prec=60, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[decimal.InvalidOperation]
)

_ZERO_DIVISION = "divided by 0"
#: the operations that mean the same for Ruby's Integer and Float as for Python's int and float
_RING = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _as_decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def _special(value: Any) -> bool:
    """NaN and Infinity floats stay floats (BigDecimal's own NaN and Infinity)."""
    return isinstance(value, float)


def _float_operation(left: Any, right: Any, operation: str) -> float:
    """Arithmetic with BigDecimal's NaN or Infinity on one side: the result is a Float."""
    a, b = float(left), float(right)
    if operation in _RING:
        return _RING[operation](a, b)
    if b == 0:
        if operation == "%":
            raise LiquidZeroDivisionError(_ZERO_DIVISION)
        return _divide_by_zero(a, b)
    if operation == "/":
        return a / b
    if math.isnan(a) or math.isnan(b) or math.isinf(a):
        return math.nan
    return a  # a finite number modulo an infinite one is itself, whatever the signs


def _divide_by_zero(dividend: float, divisor: float) -> float:
    if dividend == 0 or dividend != dividend:
        return math.nan
    negative = (dividend < 0) != (math.copysign(1.0, divisor) < 0)
    return -math.inf if negative else math.inf


def _apply(input_value: Any, operand: Any, operation: str) -> Any:
    left = to_number(input_value)
    right = to_number(operand)
    if _special(left) or _special(right):
        return _float_operation(left, right, operation)
    if _is_int(left) and _is_int(right):
        if operation in _RING:
            return _RING[operation](left, right)
        if right == 0:
            raise LiquidZeroDivisionError(_ZERO_DIVISION)
        return left // right if operation == "/" else left % right
    a, b = _as_decimal(left), _as_decimal(right)
    if operation == "+":
        result = _EXACT.add(a, b)
    elif operation == "-":
        result = _EXACT.subtract(a, b)
    elif operation == "*":
        result = _EXACT.multiply(a, b)
    elif b.is_zero():
        if operation == "%":
            raise LiquidZeroDivisionError(_ZERO_DIVISION)
        return _divide_by_zero(float(a), -0.0 if b.is_signed() else 0.0)
    elif operation == "/":
        result = _DIVISION.divide(a, b)
    else:
        result = _EXACT.remainder(a, b)
        if result and result.is_signed() != b.is_signed():
            result = _EXACT.add(result, b)  # Ruby's modulo takes the divisor's sign
    return from_number(result)


def plus(value: Any, operand: Any) -> Any:
    return _apply(value, operand, "+")


def minus(value: Any, operand: Any) -> Any:
    return _apply(value, operand, "-")


def times(value: Any, operand: Any) -> Any:
    return _apply(value, operand, "*")


def divided_by(value: Any, operand: Any) -> Any:
    """Integers divide with floor (``-7 / 2`` is ``-4``); a decimal by zero is ``Infinity``."""
    return _apply(value, operand, "/")


def modulo(value: Any, operand: Any) -> Any:
    return _apply(value, operand, "%")


def abs_(value: Any) -> Any:
    return from_number(abs(to_number(value)))


def _to_int(number: Any) -> int:
    """``BigDecimal#to_i``: NaN and Infinity have no integer value."""
    if isinstance(number, float) and (math.isnan(number) or math.isinf(number)):
        raise LiquidFloatDomainError(f"Computation results in {_special_name(number)}")
    return int(number)


def _special_name(number: float) -> str:
    if math.isnan(number):
        return "'NaN' (Not a Number)"
    return "'Infinity'" if number > 0 else "'-Infinity'"


def ceil(value: Any) -> int:
    number = to_number(value)
    return _to_int(number) if _special(number) else math.ceil(number)


def floor(value: Any) -> int:
    number = to_number(value)
    return _to_int(number) if _special(number) else math.floor(number)


def _round_integer(number: int, digits: int) -> int:
    """``Integer#round(digits)``: nothing to do for ``digits >= 0``, half away from zero otherwise."""
    if digits >= 0:
        return number
    unit = 10 ** (-digits)
    quotient, remainder = divmod(abs(number), unit)
    if remainder * 2 >= unit:
        quotient += 1
    result = quotient * unit
    return -result if number < 0 else result


def round_(value: Any, digits: Any = 0) -> Any:
    """``BigDecimal#round(n)`` (half away from zero) gives an Integer for ``n < 1``, a Float otherwise."""
    number = to_number(value)
    places_number = to_number(digits)
    places = _to_int(places_number)
    if _is_int(number):
        return _round_integer(number, places)
    if _special(number):
        return _to_int(number) if places < 1 else number
    if -number.as_tuple().exponent <= places:
        rounded = number  # already has no more than ``places`` decimals
    else:
        exponent = Decimal(1).scaleb(-places)
        rounded = number.quantize(exponent, rounding=decimal.ROUND_HALF_UP, context=_EXACT)
    if places < 1:
        return int(rounded)
    return from_number(rounded)


def at_least(value: Any, minimum: Any) -> Any:
    floor_value = to_number(minimum)
    result = to_number(value)
    if floor_value > result:
        result = floor_value
    return from_number(result)


def at_most(value: Any, maximum: Any) -> Any:
    ceiling = to_number(maximum)
    result = to_number(value)
    if ceiling < result:
        result = ceiling
    return from_number(result)


FILTERS = {
    "abs": abs_,
    "ceil": ceil,
    "floor": floor,
    "round": round_,
    "plus": plus,
    "minus": minus,
    "times": times,
    "divided_by": divided_by,
    "modulo": modulo,
    "at_least": at_least,
    "at_most": at_most,
}


def register(env: Any) -> None:
    env.add_filters(FILTERS)
