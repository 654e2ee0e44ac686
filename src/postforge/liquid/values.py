"""Ruby value semantics for Liquid data held in Python objects.

Liquid's behaviour is Ruby's: how ``nil``, arrays, hashes and floats print, what ``==`` and ``<``
mean across types, how a string becomes a number. Templates hold plain Python values (``None``,
``bool``, ``int``, ``float``, ``Decimal``, ``str``, ``list``, ``dict``, ``datetime``/``date``) and
:class:`~postforge.liquid.drops.Drop` objects; these pure functions give them Ruby's meaning. Filters
and the compiled templates' runtime both rely on them, so there is one definition of each rule.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from postforge.liquid.drops import Drop
from postforge.liquid.errors import LiquidArgumentError
from postforge.regexes import LazyPattern

__all__ = [
    "LiquidRange",
    "EmptyLiteral",
    "BlankLiteral",
    "EMPTY",
    "BLANK",
    "UNMATCHABLE",
    "truthy",
    "to_s",
    "inspect",
    "float_to_s",
    "time_to_s",
    "to_number",
    "to_integer",
    "range_end",
    "literal_to_i",
    "ruby_to_i",
    "ruby_to_f",
    "from_number",
    "liquid_eq",
    "liquid_compare",
    "liquid_contains",
    "liquid_size",
    "is_empty",
    "is_blank",
    "type_name",
    "to_liquid",
]


class LiquidRange:
    """A Ruby ``Range`` of integers, ``(1..5)``: iterates inclusively and prints as ``1..5``."""

    __slots__ = ("start", "stop")

    def __init__(self, start: int, stop: int) -> None:
        self.start = start
        self.stop = stop

    def __iter__(self):
        return iter(range(self.start, self.stop + 1))

    def __len__(self) -> int:
        return max(0, self.stop - self.start + 1)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LiquidRange) and (self.start, self.stop) == (other.start, other.stop)

    def __hash__(self) -> int:
        return hash((self.start, self.stop))

    def __repr__(self) -> str:
        return f"{self.start}..{self.stop}"

    def to_list(self) -> list[int]:
        return list(range(self.start, self.stop + 1))


class _MethodLiteral:
    """``empty`` and ``blank``: compare equal to values for which the Ruby predicate holds."""

    __slots__ = ()
    method = ""

    def __repr__(self) -> str:
        return self.method


class EmptyLiteral(_MethodLiteral):
    __slots__ = ()
    method = "empty"


class BlankLiteral(_MethodLiteral):
    __slots__ = ()
    method = "blank"


EMPTY = EmptyLiteral()
BLANK = BlankLiteral()


class _Unmatchable:
    """What ``empty``/``blank`` are in Jekyll's ``where_exp``: a value equal to nothing."""

    __slots__ = ()

    def __repr__(self) -> str:
        return ""


#: the value of ``empty`` and ``blank`` inside ``where_exp`` and ``find_exp`` conditions
UNMATCHABLE = _Unmatchable()


def truthy(value: Any) -> bool:
    """Only ``nil`` and ``false`` are falsy in Liquid."""
    return value is not None and value is not False


_FLOAT_EXP = LazyPattern(r"^(-?)(\d)(?:\.(\d+))?e([+-])(\d+)$")


def float_to_s(value: float) -> str:
    """Ruby's ``Float#to_s``: ``1.0``, ``1.0e+20``, ``1.0e-05``, ``Infinity``, ``NaN``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    exponent = math.floor(math.log10(abs(value)))
    text = repr(value)
    if -4 <= exponent < 15:
        if "e" in text:  # Python switches to exponents earlier than Ruby does
            text = format(Decimal(text), "f")
        if "." not in text:
            text += ".0"
        return text
    digits = "{:e}".format(Decimal(repr(value))).replace("E", "e")
    match = _FLOAT_EXP.match(digits)
    if not match:  # pragma: no cover - Decimal always formats as d.ddde±x
        return text
    sign, lead, frac, esign, exp = match.groups()
    frac = (frac or "0").rstrip("0") or "0"
    return f"{sign}{lead}.{frac}e{esign}{int(exp):02d}"


def _decimal_to_s(value: Decimal) -> str:
    """BigDecimal results are turned back into floats by Liquid before they are printed."""
    return float_to_s(float(value))


def time_to_s(value: _dt.datetime) -> str:
    """Ruby's ``Time#to_s``: ``2024-01-02 03:04:05 +0000``."""
    offset = value.strftime("%z") or "+0000"
    return value.strftime("%Y-%m-%d %H:%M:%S ") + offset


def to_s(value: Any) -> str:
    """What ``{{ value }}`` prints: Ruby's ``to_s``, arrays joined, ``nil`` as nothing."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, (list, tuple)):
        return "".join(to_s(item) for item in value)
    if isinstance(value, dict):
        return inspect(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Drop):
        text = value.liquid_str()
        return text if text is not None else inspect(value.to_dict())
    if isinstance(value, _dt.datetime):
        return time_to_s(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _decimal_to_s(value)
    if isinstance(value, LiquidRange):
        return repr(value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, _MethodLiteral):
        return ""
    return str(value)


_RUBY_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\f": "\\f",
    "\v": "\\v",
    "\a": "\\a",
    "\b": "\\b",
    "\x1b": "\\e",
    "#": "#",
}


#: Unicode categories Ruby's ``inspect`` escapes (besides C0 controls and DEL)
_UNPRINTABLE = frozenset({"Zl", "Zp", "Cn", "Cs"})


def _inspect_str(value: str) -> str:
    out = []
    for i, char in enumerate(value):
        if char in _RUBY_ESCAPES:
            if char == "#":
                nxt = value[i + 1 : i + 2]
                out.append("\\#" if nxt in ("{", "$", "@") else "#")
            else:
                out.append(_RUBY_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F or unicodedata.category(char) in _UNPRINTABLE:
            code = ord(char)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\u{{{code:X}}}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def inspect(value: Any) -> str:
    """Ruby's ``inspect`` (Ruby 3.1): ``{"a"=>1, "b"=>nil}``, ``[1, "x"]``, ``nil``."""
    if value is None:
        return "nil"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _inspect_str(value)
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, Decimal):
        return _decimal_to_s(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{inspect(k)}=>{inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Drop):
        text = value.liquid_str()
        return text if text is not None else inspect(value.to_dict())
    if isinstance(value, _dt.datetime):
        return time_to_s(value)
    if isinstance(value, _dt.date):
        return value.strftime("#<Date: %Y-%m-%d>")
    if isinstance(value, LiquidRange):
        return repr(value)
    return repr(value)


_LEADING_INT = LazyPattern(r"\s*([+-]?\d+(?:_\d+)*)", re.ASCII)
_LEADING_FLOAT = LazyPattern(r"\s*([+-]?\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+)?)", re.ASCII)
_DECIMAL_STRING = LazyPattern(r"\A-?\d+\.\d+\Z", re.ASCII)
_RUBY_SPACE = " \t\n\v\f\r\0"


def ruby_to_i(text: str) -> int:
    """Ruby's ``String#to_i``: the leading integer, or 0 (``"12abc"`` → 12)."""
    match = _LEADING_INT.match(text)
    return int(match.group(1).replace("_", "")) if match else 0


def ruby_to_f(text: str) -> float:
    """Ruby's ``String#to_f``: the leading number, or 0.0."""
    match = _LEADING_FLOAT.match(text)
    return float(match.group(1).replace("_", "")) if match else 0.0


def to_number(value: Any) -> int | Decimal:
    """Liquid's ``Utils.to_number``: ints stay ints, floats and ``"1.5"`` become exact decimals.

    Liquid computes with BigDecimal so that ``1.1 | plus: 2.2`` is ``3.3``; :func:`from_number`
    turns a result back into the float Liquid prints.
    """
    if type(value) is int:
        return value
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return value  # type: ignore[return-value]
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        stripped = value.strip(_RUBY_SPACE)
        if _DECIMAL_STRING.match(stripped):
            try:
                return Decimal(stripped)
            except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
                return 0
        return ruby_to_i(value)
    if isinstance(value, Drop):
        number = value.to_number()
        return number if number is not None else 0
    return 0


def from_number(value: Any) -> Any:
    """Liquid turns BigDecimal results back into Floats."""
    if isinstance(value, Decimal):
        return float(value)
    return value


_RUBY_INTEGER = LazyPattern(
    r"[ \t\n\v\f\r]*([+-]?)"
    r"(?:0[xX]([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)"
    r"|0[bB]([01]+(?:_[01]+)*)"
    r"|0[oO_]?([0-7]+(?:_[0-7]+)*)"
    r"|0[dD](\d+(?:_\d+)*)"
    r"|(\d+(?:_\d+)*))"
    r"[ \t\n\v\f\r]*",
    re.ASCII,
)


def to_integer(value: Any) -> int:
    """Liquid's ``Utils.to_integer``: ``Integer(value.to_s)``, so ``"0x1A"`` is 26 and ``1.5`` fails."""
    if type(value) is int:
        return value
    text = inspect(list(value)) if isinstance(value, (list, tuple)) else to_s(value)
    match = _RUBY_INTEGER.fullmatch(text)
    if not match:
        raise LiquidArgumentError("invalid integer")
    sign, hexa, binary, octal, dec, plain = match.groups()
    if hexa is not None:
        number = int(hexa.replace("_", ""), 16)
    elif binary is not None:
        number = int(binary.replace("_", ""), 2)
    elif octal is not None:
        number = int(octal.replace("_", ""), 8)
    elif dec is not None:
        number = int(dec.replace("_", ""))
    elif len(plain) > 1 and plain.startswith("0"):
        raise LiquidArgumentError("invalid integer")  # a leading 0 means octal, and this is not
    else:
        number = int(plain.replace("_", ""))
    return -number if sign == "-" else number


def literal_to_i(value: Any) -> int:
    """Ruby's ``to_i`` on a literal range end: floats truncate, strings read a leading integer."""
    if isinstance(value, bool):
        return to_integer(value)
    if isinstance(value, (int, float, Decimal)):
        return int(value)
    if value is None:
        return 0
    if isinstance(value, str):
        return ruby_to_i(value)
    return to_integer(value)


def range_end(value: Any) -> int:
    """How ``(a..b)`` reads its ends: integers as they are, nil and strings by ``to_i``."""
    if type(value) is int:
        return value
    if value is None:
        return 0
    if isinstance(value, str):
        return ruby_to_i(value)
    return to_integer(value)


def type_name(value: Any) -> str:
    """The Ruby class name Liquid's messages use (``comparison of Integer with String failed``)."""
    if value is None:
        return "nil"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, (float, Decimal)):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, (list, tuple)):
        return "Array"
    if isinstance(value, dict):
        return "Hash"
    if isinstance(value, _dt.datetime):
        return "Time"
    if isinstance(value, _dt.date):
        return "Date"
    if isinstance(value, LiquidRange):
        return "Range"
    return type(value).__name__


def is_empty(value: Any) -> bool | None:
    """Ruby's ``empty?``, or ``None`` when the value has no such method."""
    if isinstance(value, (str, list, tuple, dict)):
        return len(value) == 0
    if isinstance(value, Drop):
        return value.is_empty()
    return None


def is_blank(value: Any) -> bool | None:
    """``blank?``: plain Ruby, as Jekyll runs Liquid, has it on nothing, so it is always ``None``."""
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def liquid_eq(left: Any, right: Any) -> bool:
    """Liquid's ``==``: Ruby equality, with ``empty``/``blank`` calling the predicate."""
    if isinstance(left, _MethodLiteral):
        left, right = right, left
    if isinstance(right, _MethodLiteral):
        if isinstance(left, _MethodLiteral):
            return False  # neither literal has an empty? method of its own
        result = is_empty(left) if right is EMPTY else is_blank(left)
        return bool(result)
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if left is None or right is None:
        return left is right
    if _is_number(left) and _is_number(right):
        return left == right
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if isinstance(left, Drop) or isinstance(right, Drop):
        return left is right or (isinstance(left, Drop) and left.equals(right))
    if type(left) is not type(right) and not (
        isinstance(left, (list, tuple)) and isinstance(right, (list, tuple))
    ):
        if isinstance(left, (_dt.date, _dt.datetime)) and isinstance(right, (_dt.date, _dt.datetime)):
            return left == right
        return False
    if isinstance(left, (list, tuple)):
        return len(left) == len(right) and all(liquid_eq(a, b) for a, b in zip(left, right))
    return bool(left == right)


_COMPARABLE = (str, int, float, Decimal, _dt.datetime, _dt.date)


def liquid_compare(op: str, left: Any, right: Any) -> bool:
    """Liquid's ``<``, ``>``, ``<=``, ``>=``: Ruby's ``Comparable``, an error across types.

    A value that has no ordering (``nil``, arrays, hashes) makes the condition false; two
    orderable values of different kinds raise, as Ruby does.
    """
    if isinstance(left, bool) or isinstance(right, bool):
        return False
    if not isinstance(left, _COMPARABLE) or not isinstance(right, _COMPARABLE):
        return False
    if _is_number(left) and _is_number(right):
        if isinstance(left, Decimal) or isinstance(right, Decimal):
            left, right = _exact(left), _exact(right)
    elif isinstance(left, str) != isinstance(right, str) or _is_number(left) != _is_number(right):
        raise TypeError(f"comparison of {type_name(left)} with {_comparison_operand(right)} failed")
    try:
        if op == "<":
            return left < right
        if op == ">":
            return left > right
        if op == "<=":
            return left <= right
        return left >= right
    except TypeError:
        raise TypeError(f"comparison of {type_name(left)} with {_comparison_operand(right)} failed") from None


def _exact(number: Any) -> Any:
    return Decimal(repr(number)) if isinstance(number, float) else number


def _comparison_operand(value: Any) -> str:
    """Ruby names the right operand by class, except literals it shows by value."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return to_s(from_number(value))
    if value is None:
        return "nil"
    return type_name(value)


def liquid_contains(left: Any, right: Any) -> bool:
    """Liquid's ``contains``: substring on strings, membership on arrays, key on hashes."""
    if left is None or right is None:
        return False
    if isinstance(left, str):
        return to_s(right) in left
    if isinstance(left, (list, tuple)):
        return any(liquid_eq(item, right) for item in left)
    if isinstance(left, dict):
        return right in left
    if isinstance(left, Drop):
        return left.contains(right)
    if isinstance(left, LiquidRange):
        return any(liquid_eq(item, right) for item in left)
    return False


def liquid_size(value: Any) -> int | None:
    """What ``.size`` and ``| size`` give: length of strings, arrays and hashes (8 for integers)."""
    if isinstance(value, (str, list, tuple, dict, LiquidRange)):
        return len(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return 8
    if isinstance(value, Drop):
        return value.size()
    return None


def to_liquid(value: Any) -> Any:
    """Values as templates see them: tuples become arrays; everything else is already Liquid."""
    if isinstance(value, tuple):
        return list(value)
    return value
