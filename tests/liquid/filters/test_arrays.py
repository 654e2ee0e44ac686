"""Liquid 5.4's array filters (``postforge.liquid.filters.arrays``) as Jekyll 4.3.1 runs them.

Every expected value below is Jekyll's answer, not ours: each case was rendered by
``shared/oracle/liquid.rb`` as ``{{ input | filter: args | jsonify }}`` (``inspect`` for NaN and
Infinity), with the input and arguments passed as page data.
``sort`` and ``where`` are shadowed by Jekyll's own filters, so their cases were rendered by plain
Liquid 5.4 (the ``liquid`` gem Jekyll loads) instead.
"""

from __future__ import annotations


import pytest

from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters.arrays import FILTERS
from postforge.liquid.filters.arrays import register
from postforge.liquid.values import LiquidRange

from filter_cases import Case
from filter_cases import Render
from filter_cases import check_filter
from filter_cases import check_register
from filter_cases import check_render
from filter_cases import ids
from filter_cases import table_params


#: filter name -> cases
CASES: dict[str, list[Case]] = {
    'join': [
        Case('default glue is a space', [1, 2, 3], (), {}, '1 2 3'),
        Case('custom glue', ['a', 'b'], (' - ',), {}, 'a - b'),
        Case('nested arrays flatten', [[1, [2]], 3], ('-',), {}, '1-2-3'),
        Case('nil, float and boolean items', [None, 'a', 1.5, True], (',',), {}, ',a,1.5,true'),
        Case('hash item prints inspected', [{'a': 1}], (), {}, '{"a"=>1}'),
        Case('hash input', {'a': 1}, (',',), {}, '{"a"=>1}'),
        Case('string input', 'abc', ('-',), {}, 'abc'),
        Case('nil input', None, (), {}, ''),
        Case('nil glue', [1, 2], (None,), {}, '12'),
        Case('number glue', [1, 2], (0,), {}, '102'),
        Case('range', LiquidRange(1, 4), ('+',), {}, '1+2+3+4'),
        Case('unicode glue', ['a', 'b'], (' · ',), {}, 'a · b'),
    ],
    'first': [
        Case('array', [1, 2], (), {}, 1),
        Case('empty array', [], (), {}, None),
        Case('not flattened', [[1, 2], 3], (), {}, [1, 2]),
        Case('string has no first', 'abc', (), {}, None),
        Case('hash gives its first pair', {'a': 1, 'b': 2}, (), {}, ['a', 1]),
        Case('empty hash', {}, (), {}, None),
        Case('nil', None, (), {}, None),
        Case('number', 5, (), {}, None),
        Case('range', LiquidRange(2, 4), (), {}, 2),
    ],
    'last': [
        Case('array', [1, 2], (), {}, 2),
        Case('empty array', [], (), {}, None),
        Case('string has no last', 'abc', (), {}, None),
        Case('hash has no last', {'a': 1}, (), {}, None),
        Case('range', LiquidRange(2, 4), (), {}, 4),
    ],
    'concat': [
        Case('argument not flattened', [1, 2], ([3, [4]],), {}, [1, 2, 3, [4]]),
        Case('input flattened', [[1, [2]]], ([3],), {}, [1, 2, 3]),
        Case('nil input', None, ([1],), {}, [1]),
        Case('string input', 'a', (['b'],), {}, ['a', 'b']),
        Case('hash input', {'a': 1}, ([2],), {}, [{'a': 1}, 2]),
        Case(
            'string argument',
            [1],
            ('x',),
            {},
            LiquidArgumentError('concat filter requires an array argument'),
        ),
        Case(
            'nil argument',
            [1],
            (None,),
            {},
            LiquidArgumentError('concat filter requires an array argument'),
        ),
        Case(
            'hash argument',
            [1],
            ({'a': 1},),
            {},
            LiquidArgumentError('concat filter requires an array argument'),
        ),
    ],
    'map': [
        Case(
            'property of hashes',
            [{'name': 'b', 'age': 30}, {'name': 'A', 'age': None}, {'name': 'c', 'age': 25}, {'age': 1}],
            ('name',),
            {},
            ['b', 'A', 'c', None],
        ),
        Case('hash input', {'a': 1}, ('a',), {}, [1]),
        Case('string items answer substrings', ['abc', 'xbz', 'q'], ('b',), {}, ['b', 'b', None]),
        Case(
            'integer items cannot take a name',
            [1, 2],
            ('a',),
            {},
            LiquidArgumentError("cannot select the property 'a'"),
        ),
        Case('nil, float and boolean items map to nil', [None, 1.5, True], ('a',), {}, [None, None, None]),
        Case('to_liquid returns the items', [{'a': 1}, 2], ('to_liquid',), {}, [{'a': 1}, 2]),
        Case('nested arrays flatten', [[{'a': 1}], [{'a': 2}]], ('a',), {}, [1, 2]),
        Case('empty', [], ('a',), {}, []),
        Case('nil input', None, ('a',), {}, []),
        Case('integer property on hashes', [{'1': 'x'}], (1,), {}, [None]),
        Case('integer property on strings', ['abc'], (1,), {}, ['b']),
        Case('integer property on integers is a bit', [5, 4], (0,), {}, [1, 0]),
        Case('nil property on hashes', [{'a': 1}], (None,), {}, [None]),
        Case(
            'nil property on strings',
            ['abc'],
            (None,),
            {},
            LiquidArgumentError("cannot select the property ''"),
        ),
        Case(
            'range items are integers',
            LiquidRange(1, 3),
            ('a',),
            {},
            LiquidArgumentError("cannot select the property 'a'"),
        ),
        Case('unicode keys', [{'名前': '太郎'}], ('名前',), {}, ['太郎']),
    ],
    'reverse': [
        Case('flattened', [1, [2, 3]], (), {}, [3, 2, 1]),
        Case('string', 'abc', (), {}, ['abc']),
        Case('nil', None, (), {}, []),
        Case('hash', {'a': 1}, (), {}, [{'a': 1}]),
        Case('range', LiquidRange(1, 3), (), {}, [3, 2, 1]),
    ],
    'sort': [
        Case('numbers', [3, 1, 2.5], (), {}, [1, 2.5, 3]),
        Case('strings are case sensitive', ['b', 'a', 'C', 'é'], (), {}, ['C', 'a', 'b', 'é']),
        Case('nils last', [2, None, 1.5, None, 3], (), {}, [1.5, 2, 3, None, None]),
        Case(
            'mixed types',
            [1, 'a'],
            (),
            {},
            LiquidArgumentError('cannot sort values of incompatible types'),
        ),
        Case(
            'true and false',
            [True, False],
            (),
            {},
            LiquidArgumentError('cannot sort values of incompatible types'),
        ),
        Case('equal hashes', [{'a': 1}, {'a': 1}], (), {}, [{'a': 1}, {'a': 1}]),
        Case(
            'different hashes',
            [{'a': 1}, {'a': 2}],
            (),
            {},
            LiquidArgumentError('cannot sort values of incompatible types'),
        ),
        Case('empty', [], (), {}, []),
        Case('nil input', None, (), {}, []),
        Case('string input', 'cba', (), {}, ['cba']),
        Case('flattened', [[3], [1, 2]], (), {}, [1, 2, 3]),
        Case(
            'by property, nils last',
            [{'name': 'b', 'age': 30}, {'name': 'A', 'age': None}, {'name': 'c', 'age': 25}, {'age': 1}],
            ('age',),
            {},
            [{'age': 1}, {'name': 'c', 'age': 25}, {'name': 'b', 'age': 30}, {'name': 'A', 'age': None}],
        ),
        Case(
            'by property, ties keep order',
            [{'k': 1, 'i': 0}, {'k': 0, 'i': 1}, {'k': 1, 'i': 2}, {'k': 0, 'i': 3}],
            ('k',),
            {},
            [{'k': 0, 'i': 1}, {'k': 0, 'i': 3}, {'k': 1, 'i': 0}, {'k': 1, 'i': 2}],
        ),
        Case(
            'property of integers',
            [1, 2],
            ('a',),
            {},
            LiquidArgumentError("cannot select the property 'a'"),
        ),
        Case('property of a float item', [{'a': 1}, 1.5], ('a',), {}, None),
        Case('single item is not compared', [1], ('a',), {}, [1]),
        Case(
            'property with mixed types',
            [{'a': 1}, {'a': 'x'}],
            ('a',),
            {},
            LiquidArgumentError('cannot sort values of incompatible types'),
        ),
    ],
    'sort_natural': [
        Case('case-insensitive', ['b', 'a', 'C', 'B'], (), {}, ['a', 'b', 'B', 'C']),
        Case(
            'numbers compare as text, nils last',
            ['b', None, 10, 9, 'a', None],
            (),
            {},
            [10, 9, 'a', 'b', None, None],
        ),
        Case('non-ascii letters are not folded', ['é', 'E', 'e', 'É'], (), {}, ['E', 'e', 'É', 'é']),
        Case(
            'by property',
            [{'name': 'b', 'age': 30}, {'name': 'A', 'age': None}, {'name': 'c', 'age': 25}, {'age': 1}],
            ('name',),
            {},
            [{'name': 'A', 'age': None}, {'name': 'b', 'age': 30}, {'name': 'c', 'age': 25}, {'age': 1}],
        ),
        Case(
            'ties keep order',
            [{'k': 'a', 'i': 0}, {'k': 'A', 'i': 1}, {'k': 'a', 'i': 2}],
            ('k',),
            {},
            [{'k': 'a', 'i': 0}, {'k': 'A', 'i': 1}, {'k': 'a', 'i': 2}],
        ),
        Case(
            'items without the property reverse',
            [{'i': 0}, {'i': 1}, {'i': 2}, {'k': 'A', 'i': 3}],
            ('k',),
            {},
            [{'k': 'A', 'i': 3}, {'i': 2}, {'i': 1}, {'i': 0}],
        ),
        Case(
            'missing properties interleaved',
            [{'i': 0}, {'k': 'b'}, {'i': 1}, {'k': 'a'}, {'i': 2}, {'i': 3}, {'k': 'C'}, {'i': 4}],
            ('k',),
            {},
            [{'k': 'a'}, {'k': 'b'}, {'k': 'C'}, {'i': 4}, {'i': 3}, {'i': 2}, {'i': 1}, {'i': 0}],
        ),
        Case(
            'property of integers',
            [1, 2],
            ('a',),
            {},
            LiquidArgumentError("cannot select the property 'a'"),
        ),
        Case('property of a float item', [1, 2.5], ('a',), {}, None),
        Case('empty', [], ('a',), {}, []),
        Case('hash input', {'a': 1}, (), {}, [{'a': 1}]),
    ],
    'where': [
        Case('equal values', [{'a': 1}, {'a': 2}, {'a': 1.0}], ('a', 1), {}, [{'a': 1}, {'a': 1.0}]),
        Case('string does not equal number', [{'a': 1}, {'a': '1'}], ('a', '1'), {}, [{'a': '1'}]),
        Case(
            'truthy without target',
            [{'a': 0}, {'a': None}, {'a': False}, {'b': 1}, {'a': ''}],
            ('a',),
            {},
            [{'a': 0}, {'a': ''}],
        ),
        Case('false target', [{'a': False}, {'a': None}], ('a', False), {}, [{'a': False}]),
        Case('empty', [], ('a', 1), {}, []),
        Case('nil input', None, ('a', 1), {}, []),
        Case('hash input', {'a': 1}, ('a', 1), {}, [{'a': 1}]),
        Case('string items', ['abc', 'x'], ('b',), {}, ['abc']),
        Case('float item makes the result nil', [{'a': 1}, 1.5], ('a', 1), {}, None),
        Case(
            'integer item',
            [{'a': 1}, 2],
            ('a', 1),
            {},
            LiquidArgumentError("cannot select the property 'a'"),
        ),
    ],
    'uniq': [
        Case('eql semantics', [1, 1.0, '1', 1, None, None, True], (), {}, [1, 1.0, '1', None, True]),
        Case('flattened', [[1, 2], [2]], (), {}, [1, 2]),
        Case('equal hashes', [{'a': 1, 'b': 2}, {'b': 2, 'a': 1}], (), {}, [{'a': 1, 'b': 2}]),
        Case(
            'by property',
            [{'a': 1, 'i': 0}, {'a': 1, 'i': 1}, {'a': 2}, {'b': 3}, {'b': 4}],
            ('a',),
            {},
            [{'a': 1, 'i': 0}, {'a': 2}, {'b': 3}],
        ),
        Case('empty with property', [], ('a',), {}, []),
        Case('nil item with property', [{'a': 1}, None], ('a',), {}, None),
        Case(
            'integer item with property',
            [{'a': 1}, 3],
            ('a',),
            {},
            LiquidArgumentError("cannot select the property 'a'"),
        ),
        Case('nil input', None, (), {}, []),
        Case('string input', 'abc', (), {}, ['abc']),
    ],
    'compact': [
        Case('flattened, then nils removed', [1, None, 2, [None, 3]], (), {}, [1, 2, 3]),
        Case(
            'by property',
            [{'a': 1}, {'a': None}, {'b': 2}, {'a': False}],
            ('a',),
            {},
            [{'a': 1}, {'a': False}],
        ),
        Case('nil item with property', [{'a': 1}, None], ('a',), {}, None),
        Case('empty with property', [], ('a',), {}, []),
        Case('nil input', None, (), {}, []),
    ],
}

#: whole templates, through the engine, with the filters chained as a site would
RENDERS = [
    Render(
        'map then join',
        '{{ items | map: "name" | join: ", " }}',
        {'items': [{'name': 'b'}, {'name': 'a'}, {'x': 1}]},
        'b, a, ',
    ),
    Render(
        'sort_natural then map',
        '{{ items | sort_natural: "name" | map: "name" | join: "," }}',
        {'items': [{'name': 'b'}, {'name': 'A'}, {'name': 'c'}]},
        'A,b,c',
    ),
    Render('split reverse join', '{{ "c,b,a" | split: "," | reverse | join }}', {}, 'a b c'),
    Render(
        'concat uniq compact',
        '{{ a | concat: b | uniq | compact | join: "-" }}',
        {'a': [1, None, 2], 'b': [2, 3, None]},
        '1-2-3',
    ),
    Render('range reverse', '{{ (1..4) | reverse | join: "," }}', {}, '4,3,2,1'),
    Render(
        'first and last',
        '{{ a | first }}{{ a | last }}{{ "abc" | first }}|{{ h | first }}',
        {'a': [1, 2, 3], 'h': {'k': 'v'}},
        '13|kv',
    ),
    Render(
        'map on integers',
        '{{ a | map: "x" }}',
        {'a': [1, 2]},
        LiquidArgumentError("cannot select the property 'x'"),
    ),
    Render(
        'empty literal as input',
        '[{{ empty | join: "," }}][{{ blank | reverse | size }}][{{ empty | first }}]',
        {},
        '[][1][]',
    ),
    Render(
        'concat with a string',
        '{{ a | concat: "x" }}',
        {'a': [1, 2]},
        LiquidArgumentError('concat filter requires an array argument'),
    ),
]

#: the filters of this family in Liquid 5.4's ``standardfilters.rb``
NAMES = {
    'compact',
    'concat',
    'first',
    'join',
    'last',
    'map',
    'reverse',
    'sort',
    'sort_natural',
    'uniq',
    'where',
}


@pytest.mark.parametrize("name, case", table_params(CASES))
def test_filter(name: str, case: Case) -> None:
    check_filter(FILTERS[name], case)


@pytest.mark.parametrize("case", RENDERS, ids=ids(RENDERS))
def test_render(case: Render) -> None:
    check_render(case)


def test_family_is_complete() -> None:
    assert set(FILTERS) == NAMES
    assert set(CASES) == NAMES


def test_register_adds_every_filter() -> None:
    check_register(register, FILTERS)
