"""Liquid 5.4's math filters (``postforge.liquid.filters.math``) as Jekyll 4.3.1 runs them.

Every expected value below is Jekyll's answer, not ours: each case was rendered by
``shared/oracle/liquid.rb`` as ``{{ input | filter: args | jsonify }}`` (``inspect`` for NaN and
Infinity), with the input and arguments passed as page data.
"""

from __future__ import annotations

import math

import pytest

from postforge.liquid.filters.math import LiquidFloatDomainError
from postforge.liquid.errors import LiquidZeroDivisionError
from postforge.liquid.filters.math import FILTERS
from postforge.liquid.filters.math import register

from filter_cases import Case
from filter_cases import Render
from filter_cases import check_call
from filter_cases import check_filter
from filter_cases import check_register
from filter_cases import check_render
from filter_cases import ids
from filter_cases import table_params


#: filter name -> cases
CASES: dict[str, list[Case]] = {
    'plus': [
        Case('integers', 1, (2,), {}, 3),
        Case('decimal floats are exact', 1.1, (2.2,), {}, 3.3),
        Case('decimal strings', '1.1', ('2',), {}, 3.1),
        Case('padded decimal string', ' 1.5 ', (1,), {}, 2.5),
        Case('exponent string reads its integer part', '1e3', (1,), {}, 2),
        Case('non-numeric string is zero', 'abc', ('1',), {}, 1),
        Case('array is zero', [1], (1,), {}, 1),
        Case('nil and nil', None, (None,), {}, 0),
        Case('true is zero', True, (1,), {}, 1),
        Case('bignum', 10000000000000000000000, (1,), {}, 10000000000000000000001),
        Case('float with exponent', 1e+20, (1,), {}, 1e+20),
        Case('integer result from floats stays float', 1.5, (1.5,), {}, 3.0),
        Case('infinity', math.inf, (1,), {}, math.inf),
        Case('nan', math.nan, (1,), {}, math.nan),
    ],
    'minus': [
        Case('infinity minus infinity', math.inf, (math.inf,), {}, math.nan),
        Case('integers', 5, (7,), {}, -2),
        Case('decimal', 1, (0.9,), {}, 0.1),
        Case('strings', '10', ('3',), {}, 7),
    ],
    'times': [
        Case('infinity times zero', math.inf, (0,), {}, math.nan),
        Case('negative infinity', -math.inf, (2.5,), {}, -math.inf),
        Case('integers', 3, (4,), {}, 12),
        Case('decimal', 3, (0.1,), {}, 0.3),
        Case('decimal squared', 1.1, (1.1,), {}, 1.21),
        Case('large float', 1e+20, (10,), {}, 1e+21),
        Case('tiny floats', 0.1, (1e-10,), {}, 1e-11),
        Case('strings', '2', ('3',), {}, 6),
    ],
    'divided_by': [
        Case('integer division', 7, (2,), {}, 3),
        Case('integer division floors', -7, (2,), {}, -4),
        Case('float divisor', 7, (2.0,), {}, 3.5),
        Case('one third', 1, (3.0,), {}, 0.3333333333333333),
        Case('two thirds', 2, (3.0,), {}, 0.6666666666666666),
        Case('float by integer', 10.0, (3,), {}, 3.3333333333333335),
        Case('integer by zero', 5, (0,), {}, LiquidZeroDivisionError('divided by 0')),
        Case('integer by zero string', 5, ('0',), {}, LiquidZeroDivisionError('divided by 0')),
        Case('float by zero is infinity', 1.5, (0,), {}, math.inf),
        Case('integer by float zero is infinity', 5, (0.0,), {}, math.inf),
        Case('negative by float zero', -5, (0.0,), {}, -math.inf),
        Case('zero by float zero is nan', 0, (0.0,), {}, math.nan),
        Case('nil by integer', None, (2,), {}, 0),
        Case('infinity by integer', math.inf, (2,), {}, math.inf),
        Case('integer by infinity', 2, (math.inf,), {}, 0.0),
        Case('infinity by infinity', math.inf, (math.inf,), {}, math.nan),
        Case('infinity by zero', math.inf, (0,), {}, math.inf),
    ],
    'modulo': [
        Case('integers', 7, (3,), {}, 1),
        Case('negative dividend takes divisor sign', -7, (3,), {}, 2),
        Case('negative divisor', 7, (-3,), {}, -2),
        Case('float', -5.5, (2,), {}, 0.5),
        Case('float with negative divisor', 7.5, (-2,), {}, -0.5),
        Case('exact decimal', 0.3, (0.1,), {}, 0.0),
        Case('integer by zero', 5, (0,), {}, LiquidZeroDivisionError('divided by 0')),
        Case('integer by float zero', 5, (0.0,), {}, LiquidZeroDivisionError('divided by 0')),
        Case('float by zero', 1.5, (0,), {}, LiquidZeroDivisionError('divided by 0')),
        Case('infinity by integer', math.inf, (2,), {}, math.nan),
        Case('integer by infinity', 2, (math.inf,), {}, 2.0),
        Case('negative integer by infinity', -2, (math.inf,), {}, -2.0),
        Case('integer by negative infinity', 2, (-math.inf,), {}, 2.0),
        Case('nan by integer', math.nan, (2,), {}, math.nan),
    ],
    'abs': [
        Case('negative integer', -3, (), {}, 3),
        Case('decimal string', '-3.5', (), {}, 3.5),
        Case('word', 'x', (), {}, 0),
        Case('nil', None, (), {}, 0),
        Case('float', -0.25, (), {}, 0.25),
        Case('negative infinity', -math.inf, (), {}, math.inf),
    ],
    'ceil': [
        Case('decimal string', '1.2', (), {}, 2),
        Case('negative float', -1.8, (), {}, -1),
        Case('integer', 1, (), {}, 1),
        Case('word', 'abc', (), {}, 0),
        Case('large float', 1e+20, (), {}, 100000000000000000000),
        Case('infinity', math.inf, (), {}, LiquidFloatDomainError("Computation results in 'Infinity'")),
    ],
    'floor': [
        Case('negative float', -1.2, (), {}, -2),
        Case('float', 1.9, (), {}, 1),
        Case('integer string', '7', (), {}, 7),
        Case('nan', math.nan, (), {}, LiquidFloatDomainError("Computation results in 'NaN' (Not a Number)")),
    ],
    'round': [
        Case('half up', 2.5, (), {}, 3),
        Case('negative half away from zero', -2.5, (), {}, -3),
        Case('decimal half up, not binary', 2.675, (2,), {}, 2.68),
        Case('1.005 to two places', 1.005, (2,), {}, 1.01),
        Case('decimal string', '2.5', (), {}, 3),
        Case('word', 'abc', (), {}, 0),
        Case('integer with places stays integer', 5, (2,), {}, 5),
        Case('integer', 5, (), {}, 5),
        Case('float with places stays float', 5.0, (2,), {}, 5.0),
        Case('places as string', 3.75, ('1',), {}, 3.8),
        Case('zero places as string gives integer', 3.7, ('0',), {}, 4),
        Case('nil places gives integer', 3.7, (None,), {}, 4),
        Case('fractional places truncate', 3.75, (1.5,), {}, 3.8),
        Case('places below one truncate to zero', 3.7, (0.4,), {}, 4),
        Case('float zero places', 3.7, (0.0,), {}, 4),
        Case('negative places on float gives integer', 1234.5, (-2,), {}, 1200),
        Case('negative places on integer', 25, (-1,), {}, 30),
        Case('negative places on negative integer', -25, (-1,), {}, -30),
        Case('integer with fractional places', 15, (1.5,), {}, 15),
        Case('many places', 3.14159, (100,), {}, 3.14159),
        Case('infinity with places', math.inf, (2,), {}, math.inf),
        Case('infinity', math.inf, (), {}, LiquidFloatDomainError("Computation results in 'Infinity'")),
        Case(
            'infinite places',
            2.5,
            (math.inf,),
            {},
            LiquidFloatDomainError("Computation results in 'Infinity'"),
        ),
        Case('nan', math.nan, (), {}, LiquidFloatDomainError("Computation results in 'NaN' (Not a Number)")),
        Case('nan with places', math.nan, (2,), {}, math.nan),
        Case(
            'negative infinity with negative places',
            -math.inf,
            (-1,),
            {},
            LiquidFloatDomainError("Computation results in '-Infinity'"),
        ),
    ],
    'at_least': [
        Case('raised to float', 4, (5.0,), {}, 5.0),
        Case('equal keeps integer', 5, (5.0,), {}, 5),
        Case('strings compare as numbers', '10', ('9',), {}, 10),
        Case('nil and nil', None, (None,), {}, 0),
        Case('negative infinity', -math.inf, (0,), {}, 0),
    ],
    'at_most': [
        Case('lowered to integer', 5.5, (5,), {}, 5),
        Case('word is zero', 'abc', ('3',), {}, 0),
        Case('kept', 2, (3,), {}, 2),
    ],
}

#: whole templates, through the engine, with the filters chained as a site would
RENDERS = [
    Render(
        'integer and float division',
        '{{ 10 | divided_by: 4 }} {{ 10 | divided_by: 4.0 }} {{ 10.0 | times: 3 }}',
        {},
        '2 2.5 30.0',
    ),
    Render(
        'rounding',
        '{{ 2.675 | round: 2 }} {{ 4.5 | round }} {{ "3.9" | floor }} {{ 3.1 | ceil }}',
        {},
        '2.68 5 3 4',
    ),
    Render(
        'modulo and clamps',
        '{{ -7 | modulo: 3 }} {{ 1 | at_least: 1.5 }} {{ 9 | at_most: "4" }}',
        {},
        '2 1.5 4',
    ),
    Render(
        'exact decimals print as floats',
        '{{ 0.1 | plus: 0.2 }} {{ x | times: 10 }} {{ 3 | minus: 0.5 | abs }}',
        {'x': 1e+20},
        '0.3 1.0e+21 2.5',
    ),
    Render(
        'float division by zero',
        '{{ 1.5 | divided_by: 0 }} {{ -1 | divided_by: 0.0 }}',
        {},
        'Infinity -Infinity',
    ),
    Render('integer division by zero', '{{ 5 | modulo: 0 }}', {}, LiquidZeroDivisionError('divided by 0')),
    Render(
        'floor of infinity',
        '{{ 1.5 | divided_by: 0 | floor }}',
        {},
        LiquidFloatDomainError("Computation results in 'Infinity'"),
    ),
]

#: the filters of this family in Liquid 5.4's ``standardfilters.rb``
NAMES = {
    'abs',
    'at_least',
    'at_most',
    'ceil',
    'divided_by',
    'floor',
    'minus',
    'modulo',
    'plus',
    'round',
    'times',
}


@pytest.mark.parametrize("name, case", table_params(CASES))
def test_filter(name: str, case: Case) -> None:
    check_filter(FILTERS[name], case)


@pytest.mark.parametrize("case", RENDERS, ids=ids(RENDERS))
def test_render(case: Render) -> None:
    check_render(case)


#: Ruby reads numbers from strings with ASCII digits and ASCII whitespace only, where Python's
#: ``\d``, ``\s`` and ``str.strip`` are Unicode-wide
UNICODE_NUMBERS = [
    ("plus", Case("full-width digit is not a number", "\uff11", (0,), {}, 0)),
    ("plus", Case("no-break space before an integer", "\u00a05", (0,), {}, 0)),
    ("plus", Case("ideographic space before an integer", "\u3000 5", (0,), {}, 0)),
    ("plus", Case("no-break space after a decimal", "5.5\u00a0", (0,), {}, 5)),
]


@pytest.mark.parametrize("name, case", UNICODE_NUMBERS, ids=lambda item: getattr(item, "description", item))
def test_unicode_numbers(name: str, case: Case) -> None:
    check_call(FILTERS[name], case, repr)


def test_family_is_complete() -> None:
    assert set(FILTERS) == NAMES
    assert set(CASES) == NAMES


def test_register_adds_every_filter() -> None:
    check_register(register, FILTERS)
