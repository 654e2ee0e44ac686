"""Jekyll's array filters against the answers of the real Jekyll 4.3.1.

Every expected value below was produced by the oracle (``shared/oracle/liquid.rb``): each table
case was rendered as ``{{ v | filter: a0, a1 | jsonify }}`` with the case's value and arguments as
data, and the template cases exactly as written. Results are compared by their JSON form, so
``1``, ``1.0`` and ``true`` stay different.
"""

from __future__ import annotations

from typing import Any

import pytest

from postforge.liquid.drops import MappingDrop
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.errors import LiquidError
from postforge.liquid.errors import LiquidRenderError
from postforge.liquid.errors import LiquidSyntaxError
from postforge.liquid.filters import jekyll_arrays
from postforge.liquid.values import BLANK
from postforge.liquid.values import EMPTY
from postforge.liquid.values import LiquidRange

from filter_cases import Case
from filter_cases import Render
from filter_cases import check_call
from filter_cases import check_render
from filter_cases import ids
from filter_cases import render
from filter_cases import table_params
from filter_cases import typed


MIX = [
    {"n": "int", "v": 1},
    {"n": "str", "v": "1"},
    {"n": "missing"},
    {"n": "nil", "v": None},
    {"n": "array", "v": [1, "2"]},
    {"n": "zero-padded", "v": "01"},
    {"n": "spaced", "v": " 5 "},
    {"n": "float", "v": 1.5},
    {"n": "float-str", "v": "1.50"},
    {"n": "true", "v": True},
    {"n": "empty-str", "v": ""},
    {"n": "empty-array", "v": []},
    {"n": "html", "v": "<b>é</b>"},
    {"n": "one-point-oh", "v": 1.0},
]
AUTH = [
    {"n": "a", "author": {"name": "Al"}},
    {"n": "b", "author": "Al"},
    {"n": "c"},
    {"n": "d", "author": None},
    {"n": "e", "author": {"name": ["Al", "Bo"]}},
]
GROUPS = [
    {"n": "a", "g": 1},
    {"n": "b", "g": "1"},
    {"n": "c"},
    {"n": "d", "g": None},
    {"n": "e", "g": ["x", "y"]},
    {"n": "f", "g": "01"},
    {"n": "g", "g": 1.0},
    {"n": "h", "g": "1.50"},
    {"n": "i", "g": True},
    {"n": "j", "g": {"k": "v"}},
    {"n": "k", "g": ""},
    {"n": "l", "g": 1.5},
    {"n": "m", "g": "<b>é</b>"},
]
SORTABLE = [{"x": "10"}, {"x": "9"}, {"x": None}, {"x": "b"}, {"x": 2}, {}, {"x": "1.5"}, {"x": True}, {"x": "A"}]
FOUR = [1, 2, 3, 4]
POSTS = [
    {"n": "a", "g": 1, "t": ["x"], "d": "2024-05-01"},
    {"n": "b", "g": "1", "t": ["y"], "d": "2023-01-02"},
    {"n": "c", "t": [], "d": "2024-12-31"},
    {"n": "d", "g": 3},
    {"n": "e", "g": 2.0, "t": "xyz"},
]
NUMS = [1, 2, 3, 4, 5]


WHERE = [
    Case(
        "integer target matches 1, '1', arrays holding 1 and '01'",
        MIX,
        ('v', 1),
        {},
        [{'n': 'int', 'v': 1}, {'n': 'str', 'v': '1'}, {'n': 'array', 'v': [1, '2']}, {'n': 'zero-padded', 'v': '01'}],
    ),
    Case(
        'string target compares as text',
        MIX,
        ('v', '1'),
        {},
        [{'n': 'int', 'v': 1}, {'n': 'str', 'v': '1'}, {'n': 'array', 'v': [1, '2']}, {'n': 'zero-padded', 'v': '01'}],
    ),
    Case(
        'nil target matches nil and missing',
        MIX,
        ('v', None),
        {},
        [{'n': 'missing'}, {'n': 'nil', 'v': None}],
    ),
    Case("'' matches only the empty string", MIX, ('v', ''), {}, [{'n': 'empty-str', 'v': ''}]),
    Case('array property matches any element', MIX, ('v', 2), {}, [{'n': 'array', 'v': [1, '2']}]),
    Case("'01' never matches: the property became 1", MIX, ('v', '01'), {}, []),
    Case('integer-like strings are stripped', MIX, ('v', 5), {}, [{'n': 'spaced', 'v': ' 5 '}]),
    Case(
        "float target matches 1.5 and '1.50'",
        MIX,
        ('v', 1.5),
        {},
        [{'n': 'float', 'v': 1.5}, {'n': 'float-str', 'v': '1.50'}],
    ),
    Case('float 1.0 prints as 1.0', MIX, ('v', 1.0), {}, [{'n': 'one-point-oh', 'v': 1.0}]),
    Case('true matches as text', MIX, ('v', True), {}, [{'n': 'true', 'v': True}]),
    Case("'true' matches true", MIX, ('v', 'true'), {}, [{'n': 'true', 'v': True}]),
    Case('html and unicode compare as text', MIX, ('v', '<b>é</b>'), {}, [{'n': 'html', 'v': '<b>é</b>'}]),
    Case('no match', MIX, ('v', 'zz'), {}, []),
    Case(
        "empty matches nil, missing, '' and []",
        MIX,
        ('v', EMPTY),
        {},
        [{'n': 'missing'}, {'n': 'nil', 'v': None}, {'n': 'empty-str', 'v': ''}, {'n': 'empty-array', 'v': []}],
    ),
    Case(
        'blank behaves like empty',
        MIX,
        ('v', BLANK),
        {},
        [{'n': 'missing'}, {'n': 'nil', 'v': None}, {'n': 'empty-str', 'v': ''}, {'n': 'empty-array', 'v': []}],
    ),
    Case('nil property returns the input', [{'v': 1}], (None, 1), {}, [{'v': 1}]),
    Case('false property returns the input', [{'v': 1}], (False, 1), {}, [{'v': 1}]),
    Case('array target returns the input', [{'v': 1}, {'v': 2}], ('v', [1]), {}, [{'v': 1}, {'v': 2}]),
    Case('hash target returns the input', [{'v': 1}, {'v': 2}], ('v', {'a': 1}), {}, [{'v': 1}, {'v': 2}]),
    Case('string input is returned', 'abc', ('v', 1), {}, 'abc'),
    Case('nil input is returned', None, ('v', 1), {}, None),
    Case('integer input is returned', 5, ('v', 1), {}, 5),
    Case('empty array', [], ('v', 1), {}, []),
    Case(
        'hash input searches its values',
        {'k1': {'v': 'x'}, 'k2': {'v': 'y'}},
        ('v', 'x'),
        {},
        [{'v': 'x'}],
    ),
    Case(
        'dotted property walks nested hashes',
        AUTH,
        ('author.name', 'Al'),
        {},
        [{'n': 'a', 'author': {'name': 'Al'}}, {'n': 'e', 'author': {'name': ['Al', 'Bo']}}],
    ),
    Case(
        'dotted property: array leaf matches any element',
        AUTH,
        ('author.name', 'Bo'),
        {},
        [{'n': 'e', 'author': {'name': ['Al', 'Bo']}}],
    ),
    Case(
        'dotted property through a string gives nil',
        AUTH,
        ('author.name', None),
        {},
        [{'n': 'b', 'author': 'Al'}],
    ),
    Case(
        'dotted property through nil gives false',
        AUTH,
        ('author.name', False),
        {},
        [{'n': 'c'}, {'n': 'd', 'author': None}],
    ),
    Case(
        'dotted property through an integer fails',
        [{'author': 5}],
        ('author.name', 'Al'),
        {},
        LiquidRenderError('no implicit conversion of String into Integer'),
    ),
    Case('size is a plain key, not the hash size', [{'x': 1}, {'size': 1}], ('size', 1), {}, [{'size': 1}]),
    Case('non-string property is read as text', [{'1': 'a'}, {'2': 'a'}], (1, 'a'), {}, [{'1': 'a'}]),
    Case('string items: substring search', ['xy', 'ab', 'axe'], ('x', 'x'), {}, ['xy', 'axe']),
    Case('nil item fails', [None], ('v', 1), {}, LiquidRenderError("undefined method `[]' for nil:NilClass")),
    Case(
        'integer item fails',
        [1],
        ('v', 1),
        {},
        LiquidRenderError('no implicit conversion of String into Integer'),
    ),
    Case(
        'array item fails',
        [[1]],
        ('v', 1),
        {},
        LiquidRenderError('no implicit conversion of String into Integer'),
    ),
    Case(
        'true item fails',
        [True],
        ('v', 1),
        {},
        LiquidRenderError("undefined method `[]' for true:TrueClass"),
    ),
    Case('float item fails', [1.5], ('v', 1), {}, LiquidRenderError("undefined method `[]' for 1.5:Float")),
    Case(
        'negative integer-like string',
        [{'v': '-3'}, {'v': -3}, {'v': '- 3'}],
        ('v', -3),
        {},
        [{'v': '-3'}, {'v': -3}],
    ),
    Case(
        'nested array property compares inspected',
        [{'v': [['a']]}, {'v': ['a']}],
        ('v', '["a"]'),
        {},
        [{'v': [['a']]}],
    ),
    Case('hash property compares its pairs', [{'v': {'a': 1}}], ('v', '["a", 1]'), {}, [{'v': {'a': 1}}]),
    Case(
        'large integer strings',
        [{'v': '123456789012345678901234567890'}],
        ('v', 123456789012345678901234567890),
        {},
        [{'v': '123456789012345678901234567890'}],
    ),
]

FIND = [
    Case('first match', MIX, ('v', 1), {}, {'n': 'int', 'v': 1}),
    Case('no match is nil', MIX, ('v', 'zz'), {}, None),
    Case('nil target finds missing', MIX, ('v', None), {}, {'n': 'missing'}),
    Case('empty target', MIX[5:], ('v', EMPTY), {}, {'n': 'empty-str', 'v': ''}),
    Case('nil property returns the input', [{'g': 1}], (None, 1), {}, [{'g': 1}]),
    Case('array target returns the input', [{'g': 1}], ('g', [1]), {}, [{'g': 1}]),
    Case('string input is returned', 'str', ('g', 1), {}, 'str'),
    Case('nil input', None, ('g', 1), {}, None),
    Case('hash input searches its values', {'x': {'g': 1}, 'y': {'g': 2}}, ('g', 2), {}, {'g': 2}),
    Case('array property', [{'g': ['x', 'y']}], ('g', 'y'), {}, {'g': ['x', 'y']}),
    Case('empty array', [], ('g', 1), {}, None),
    Case('dotted property', AUTH, ('author.name', 'Bo'), {}, {'n': 'e', 'author': {'name': ['Al', 'Bo']}}),
    Case(
        'nil item fails',
        [{'g': 2}, None],
        ('g', 1),
        {},
        LiquidRenderError("undefined method `[]' for nil:NilClass"),
    ),
]

GROUP_BY = [
    Case(
        'names are text, in order of first appearance',
        GROUPS,
        ('g',),
        {},
        [{'name': '1', 'items': [{'n': 'a', 'g': 1}, {'n': 'b', 'g': '1'}, {'n': 'f', 'g': '01'}], 'size': 3}, {'name': '', 'items': [{'n': 'c'}, {'n': 'd', 'g': None}, {'n': 'k', 'g': ''}], 'size': 3}, {'name': '["x", "y"]', 'items': [{'n': 'e', 'g': ['x', 'y']}], 'size': 1}, {'name': '1.0', 'items': [{'n': 'g', 'g': 1.0}], 'size': 1}, {'name': '1.5', 'items': [{'n': 'h', 'g': '1.50'}, {'n': 'l', 'g': 1.5}], 'size': 2}, {'name': 'true', 'items': [{'n': 'i', 'g': True}], 'size': 1}, {'name': '{"k"=>"v"}', 'items': [{'n': 'j', 'g': {'k': 'v'}}], 'size': 1}, {'name': '<b>é</b>', 'items': [{'n': 'm', 'g': '<b>é</b>'}], 'size': 1}],
    ),
    Case(
        'string values',
        [{'t': 'x'}, {'t': 'y'}, {'t': 'x'}],
        ('t',),
        {},
        [{'name': 'x', 'items': [{'t': 'x'}, {'t': 'x'}], 'size': 2}, {'name': 'y', 'items': [{'t': 'y'}], 'size': 1}],
    ),
    Case('empty array', [], ('g',), {}, []),
    Case('string input is returned', 'str', ('g',), {}, 'str'),
    Case('nil input is returned', None, ('g',), {}, None),
    Case('integer input is returned', 5, ('g',), {}, 5),
    Case(
        'hash input fails on its pairs',
        {'x': {'g': 1}},
        ('g',),
        {},
        LiquidRenderError('no implicit conversion of String into Integer'),
    ),
    Case(
        "nil property groups everything under ''",
        [{'g': 1}, {'h': 2}],
        (None,),
        {},
        [{'name': '', 'items': [{'g': 1}, {'h': 2}], 'size': 2}],
    ),
    Case(
        'dotted property; missing parent groups as false',
        [{'g': {'h': 2}}, {'x': 1}],
        ('g.h',),
        {},
        [{'name': '2', 'items': [{'g': {'h': 2}}], 'size': 1}, {'name': 'false', 'items': [{'x': 1}], 'size': 1}],
    ),
    Case(
        'dotted property through an integer fails',
        [{'g': 3}],
        ('g.h',),
        {},
        LiquidRenderError('no implicit conversion of String into Integer'),
    ),
    Case(
        'string items group by substring',
        ['ab', 'b', 'c'],
        ('b',),
        {},
        [{'name': 'b', 'items': ['ab', 'b'], 'size': 2}, {'name': '', 'items': ['c'], 'size': 1}],
    ),
    Case('nil item fails', [None], ('g',), {}, LiquidRenderError("undefined method `[]' for nil:NilClass")),
]

SORT = [
    Case('integers and floats', [3, 1, 2.5, -1], (), {}, [-1, 1, 2.5, 3]),
    Case('strings sort by bytes', ['b', 'B', 'a', 'é', 'Z', ''], (), {}, ['', 'B', 'Z', 'a', 'b', 'é']),
    Case(
        'integer then string fails',
        [1, 'a'],
        (),
        {},
        LiquidArgumentError('comparison of Integer with String failed'),
    ),
    Case(
        'string then integer fails',
        ['a', 1],
        (),
        {},
        LiquidArgumentError('comparison of String with 1 failed'),
    ),
    Case('nil fails', [1, None], (), {}, LiquidArgumentError('comparison of Integer with nil failed')),
    Case('nil first fails', [None, 1], (), {}, LiquidArgumentError('comparison of NilClass with 1 failed')),
    Case('float and nil', [1.5, None], (), {}, LiquidArgumentError('comparison of Float with nil failed')),
    Case(
        'hashes fail',
        [{'a': 1}, {'b': 1}],
        (),
        {},
        LiquidArgumentError('comparison of Hash with Hash failed'),
    ),
    Case('equal hashes compare equal', [{'a': 1}, {'a': 1}], (), {}, [{'a': 1}, {'a': 1}]),
    Case(
        'booleans fail',
        [True, False],
        (),
        {},
        LiquidArgumentError('comparison of TrueClass with false failed'),
    ),
    Case('arrays sort element by element', [[2, 1], [1, 3], [1]], (), {}, [[1], [1, 3], [2, 1]]),
    Case(
        'arrays with incomparable elements fail',
        [[1, 'a'], [1, 2]],
        (),
        {},
        LiquidArgumentError('comparison of Array with Array failed'),
    ),
    Case(
        'failing pair follows the merge order',
        [5, 4, 3, 2, 1, None, 'x'],
        (),
        {},
        LiquidArgumentError('comparison of NilClass with String failed'),
    ),
    Case(
        'failing pair in the left half',
        [5, 4, 'b', 2, 1, 6, 'x', 9],
        (),
        {},
        LiquidArgumentError('comparison of String with 2 failed'),
    ),
    Case('hash input sorts its pairs', {'b': 1, 'a': 2}, (), {}, [['a', 2], ['b', 1]]),
    Case('string input fails', 'cba', (), {}, LiquidRenderError('undefined method `sort\' for "cba":String')),
    Case('integer input fails', 5, (), {}, LiquidRenderError("undefined method `sort' for 5:Integer")),
    Case('nil input fails', None, (), {}, LiquidArgumentError('Cannot sort a null object.')),
    Case(
        'nil input fails with a property',
        None,
        ('x',),
        {},
        LiquidArgumentError('Cannot sort a null object.'),
    ),
    Case('empty array', [], (), {}, []),
    Case(
        'by property: numbers in strings, nils first',
        SORTABLE,
        ('x',),
        {},
        [{'x': None}, {}, {'x': '1.5'}, {'x': 2}, {'x': '9'}, {'x': '10'}, {'x': 'A'}, {'x': 'b'}, {'x': True}],
    ),
    Case(
        'by property: nils last',
        SORTABLE,
        ('x', 'last'),
        {},
        [{'x': '1.5'}, {'x': 2}, {'x': '9'}, {'x': '10'}, {'x': 'A'}, {'x': 'b'}, {'x': True}, {'x': None}, {}],
    ),
    Case(
        'by property: nils first explicitly',
        SORTABLE,
        ('x', 'first'),
        {},
        [{'x': None}, {}, {'x': '1.5'}, {'x': 2}, {'x': '9'}, {'x': '10'}, {'x': 'A'}, {'x': 'b'}, {'x': True}],
    ),
    Case(
        'invalid nils order',
        [],
        ('x', 'middle'),
        {},
        LiquidArgumentError("Invalid nils order: 'middle' is not a valid nils order. It must be 'first' or 'last'."),
    ),
    Case(
        'nil nils order is invalid',
        [{'x': 1}],
        ('x', None),
        {},
        LiquidArgumentError("Invalid nils order: '' is not a valid nils order. It must be 'first' or 'last'."),
    ),
    Case('nil property ignores the nils order', [2, 1], (None, 'middle'), {}, [1, 2]),
    Case(
        'by property: arrays compare element-wise',
        [{'x': None, 'i': 1}, {'i': 2}, {'x': [2], 'i': 3}, {'x': [1, 5], 'i': 4}],
        ('x',),
        {},
        [{'x': None, 'i': 1}, {'i': 2}, {'x': [1, 5], 'i': 4}, {'x': [2], 'i': 3}],
    ),
    Case(
        'by property: stable for equal keys',
        [{'k': 1, 'i': 0}, {'k': 0, 'i': 1}, {'k': 2, 'i': 2}, {'k': 0, 'i': 3}, {'k': 1, 'i': 4}, {'k': 2, 'i': 5}, {'k': 0, 'i': 6}, {'k': 1, 'i': 7}, {'k': 3, 'i': 8}, {'k': 0, 'i': 9}, {'k': 1, 'i': 10}, {'k': 2, 'i': 11}],
        ('k',),
        {},
        [{'k': 0, 'i': 1}, {'k': 0, 'i': 3}, {'k': 0, 'i': 6}, {'k': 0, 'i': 9}, {'k': 1, 'i': 0}, {'k': 1, 'i': 4}, {'k': 1, 'i': 7}, {'k': 1, 'i': 10}, {'k': 2, 'i': 2}, {'k': 2, 'i': 5}, {'k': 2, 'i': 11}, {'k': 3, 'i': 8}],
    ),
    Case(
        'by property: intransitive mixed keys',
        [{'x': 10}, {'x': 9}, {'x': '8a'}, {'x': '10b'}, {'x': 7}, {'x': 'z'}, {'x': 1.5}, {'x': '07'}],
        ('x',),
        {},
        [{'x': 1.5}, {'x': '10b'}, {'x': 7}, {'x': '07'}, {'x': '8a'}, {'x': 9}, {'x': 10}, {'x': 'z'}],
    ),
    Case(
        'by property: dotted, through an integer fails',
        [{'a': {'b': 2}}, {'a': {'b': 1}}, {'a': 3}, {}],
        ('a.b',),
        {},
        LiquidRenderError('no implicit conversion of String into Integer'),
    ),
    Case(
        'by property: dotted; a string parent gives nil, a missing one false',
        [{'a': {'b': 2}, 'i': 1}, {'a': {'b': 1}, 'i': 2}, {'a': 's', 'i': 3}, {'i': 4}, {'a': {'b': '0'}, 'i': 5}],
        ('a.b',),
        {},
        [{'a': 's', 'i': 3}, {'a': {'b': '0'}, 'i': 5}, {'a': {'b': 1}, 'i': 2}, {'a': {'b': 2}, 'i': 1}, {'i': 4}],
    ),
    Case(
        'by property: dotted, nils last',
        [{'a': {'b': 2}, 'i': 1}, {'a': {'b': 1}, 'i': 2}, {'a': 's', 'i': 3}, {'i': 4}, {'a': {'b': '0'}, 'i': 5}],
        ('a.b', 'last'),
        {},
        [{'a': {'b': '0'}, 'i': 5}, {'a': {'b': 1}, 'i': 2}, {'a': {'b': 2}, 'i': 1}, {'i': 4}, {'a': 's', 'i': 3}],
    ),
    Case(
        'by property: hash input fails',
        {'a': {'x': 1}},
        ('x',),
        {},
        LiquidRenderError('no implicit conversion of String into Integer'),
    ),
    Case(
        'by property: string input fails',
        'cba',
        ('x',),
        {},
        LiquidRenderError('undefined method `map\' for "cba":String'),
    ),
    Case(
        'by property: unicode and html strings',
        [{'t': 'é'}, {'t': '<b>'}, {'t': 'e'}, {'t': 'E'}],
        ('t',),
        {},
        [{'t': '<b>'}, {'t': 'E'}, {'t': 'e'}, {'t': 'é'}],
    ),
    Case(
        'by property: integer and string compare as text',
        [{'x': 10}, {'x': 'A'}, {'x': 2}, {'x': '1'}],
        ('x',),
        {},
        [{'x': '1'}, {'x': 2}, {'x': 10}, {'x': 'A'}],
    ),
]

POP = [
    Case('pop one', FOUR, (), {}, [1, 2, 3]),
    Case('pop two', FOUR, (2,), {}, [1, 2]),
    Case("pop '2'", FOUR, ('2',), {}, [1, 2]),
    Case('pop more than there are', FOUR, (9,), {}, []),
    Case('pop zero', FOUR, (0,), {}, [1, 2, 3, 4]),
    Case('pop negative fails', FOUR, (-1,), {}, LiquidArgumentError('negative array size')),
    Case('pop float count fails', FOUR, (1.5,), {}, LiquidArgumentError('invalid integer')),
    Case("pop '1.5' fails", FOUR, ('1.5',), {}, LiquidArgumentError('invalid integer')),
    Case('pop word fails', FOUR, ('x',), {}, LiquidArgumentError('invalid integer')),
    Case('pop nil fails', FOUR, (None,), {}, LiquidArgumentError('invalid integer')),
    Case('pop padded count', FOUR, (' 2 ',), {}, [1, 2]),
    Case('pop hex count', FOUR, ('0x2',), {}, [1, 2]),
    Case('pop octal count', FOUR, ('010',), {}, []),
    Case('pop binary count', FOUR, ('0b1',), {}, [1, 2, 3]),
    Case('pop true fails', FOUR, (True,), {}, LiquidArgumentError('invalid integer')),
    Case('empty array', [], (), {}, []),
    Case('hash is returned', {'x': 1}, (), {}, {'x': 1}),
    Case('string is returned', 'str', (), {}, 'str'),
    Case('nil is returned', None, (), {}, None),
]

SHIFT = [
    Case('shift one', FOUR, (), {}, [2, 3, 4]),
    Case('shift three', FOUR, (3,), {}, [4]),
    Case('shift negative fails', FOUR, (-2,), {}, LiquidArgumentError('negative array size')),
    Case('shift word fails', FOUR, ('z',), {}, LiquidArgumentError('invalid integer')),
    Case('string is returned', 'str', (), {}, 'str'),
    Case('empty array', [], (5,), {}, []),
]

PUSH = [
    Case('push a value', FOUR, (5,), {}, [1, 2, 3, 4, 5]),
    Case('push an array nests it', FOUR, ([1, 2],), {}, [1, 2, 3, 4, [1, 2]]),
    Case('push nil', FOUR, (None,), {}, [1, 2, 3, 4, None]),
    Case('string is returned', 'str', (1,), {}, 'str'),
    Case('hash is returned', {'x': 1}, (1,), {}, {'x': 1}),
    Case('push onto empty', [], ('<b>é</b>',), {}, ['<b>é</b>']),
]

UNSHIFT = [
    Case('unshift a value', FOUR, (0,), {}, [0, 1, 2, 3, 4]),
    Case('unshift html', FOUR, ('<b>',), {}, ['<b>', 1, 2, 3, 4]),
    Case('nil is returned', None, (0,), {}, None),
    Case('unshift an array', [], ([],), {}, [[]]),
]

TO_INTEGER = [
    Case('true', True, (), {}, 1),
    Case('false', False, (), {}, 0),
    Case('leading digits', '12abc', (), {}, 12),
    Case('leading space and sign', ' -3', (), {}, -3),
    Case('float truncates', 3.99, (), {}, 3),
    Case('negative float truncates', -3.99, (), {}, -3),
    Case('nil', None, (), {}, 0),
    Case('underscores', '1_000', (), {}, 1000),
    Case('hex is not read', '0x1A', (), {}, 0),
    Case('word', 'abc', (), {}, 0),
    Case('exponent stops', '1e3', (), {}, 1),
    Case('arabic digits are not digits', '١٢', (), {}, 0),
    Case('plus sign', '+5', (), {}, 5),
    Case('decimal string', '3.7', (), {}, 3),
    Case('double underscore stops', '1__0', (), {}, 1),
    Case('integer', 42, (), {}, 42),
    Case('array fails', [1, 2], (), {}, LiquidRenderError("undefined method `to_i' for [1, 2]:Array")),
    Case('hash fails', {'x': 1}, (), {}, LiquidRenderError('undefined method `to_i\' for {"x"=>1}:Hash')),
    Case('big integer string', '123456789012345678901234567890', (), {}, 123456789012345678901234567890),
    Case('empty string', '', (), {}, 0),
]

SAMPLE = [
    Case('empty array gives nil', [], (), {}, None),
    Case('empty array with a count gives []', [], (2,), {}, []),
    Case('single item', [7], (), {}, 7),
    Case('count larger than the array', [7], (5,), {}, [7]),
    Case('count zero', [1, 2, 3], (0,), {}, []),
    Case('negative count fails', [1, 2, 3], (-1,), {}, LiquidArgumentError('negative sample number')),
    Case('unreadable count means one', [7], ('x',), {}, 7),
    Case('nil count means one', [7], (None,), {}, 7),
    Case('float count means one', [7], (2.5,), {}, 7),
    Case('string is returned', 'abc', (), {}, 'abc'),
    Case('nil is returned', None, (), {}, None),
    Case('hash is returned', {'x': 1}, (), {}, {'x': 1}),
    Case("count '2' of equal items", [3, 3, 3], ('2',), {}, [3, 3]),
]

TABLES = {
    "where": WHERE,
    "find": FIND,
    "group_by": GROUP_BY,
    "sort": SORT,
    "pop": POP,
    "shift": SHIFT,
    "push": PUSH,
    "unshift": UNSHIFT,
    "to_integer": TO_INTEGER,
    "sample": SAMPLE,
}

RENDERS = [
    Render(
        "where_exp: equality is Liquid's, so '1' is not 1",
        "{{ p | where_exp: 'i', 'i.g == 1' | map: 'n' | join }}",
        {"p": POSTS},
        'a',
    ),
    Render(
        'where_exp: contains and or',
        '{{ p | where_exp: \'i\', \'i.t contains "x" or i.g == 3\' | map: \'n\' | join }}',
        {"p": POSTS},
        'a d e',
    ),
    Render(
        'where_exp: a bare value is truthiness',
        "{{ p | where_exp: 'i', 'i.g' | map: 'n' | join }}",
        {"p": POSTS},
        'a b d e',
    ),
    Render(
        'where_exp: and/or group from the right',
        '{{ p | where_exp: \'i\', \'i.g == 1 and i.n == "b" or i.n == "a"\' | map: \'n\' | join }}',
        {"p": POSTS},
        'a',
    ),
    Render(
        'where_exp: outer variables are visible',
        "{{ n | where_exp: 'i', 'i >= lim' | join: ',' }}",
        {'n': NUMS, 'lim': 3},
        '3,4,5',
    ),
    Render(
        'where_exp: the item variable is scoped',
        "{{ n | where_exp: 'i', 'i > 2' | join: ',' }}|{{ i }}",
        {'n': NUMS, 'i': 'outer'},
        '3,4,5|outer',
    ),
    Render(
        'where_exp: ranges',
        "{% assign r = (1..5) %}{{ r | where_exp: 'i', 'i > 2' | join: ',' }}",
        {},
        '3,4,5',
    ),
    Render(
        'where_exp: hash input searches its values',
        "{{ h | where_exp: 'i', 'i.g == 2' | map: 'n' | join }}",
        {'h': {'x': {'g': 1, 'n': 'p'}, 'y': {'g': 2, 'n': 'q'}}},
        'q',
    ),
    Render('where_exp: nil input', "[{{ x | where_exp: 'i', 'i' }}]", {}, '[]'),
    Render('where_exp: string input', "{{ 'abc' | where_exp: 'i', 'i' }}", {}, 'abc'),
    Render('where_exp: empty array', "{{ e | where_exp: 'i', 'i' | size }}", {'e': []}, '0'),
    Render(
        'where_exp: strings compare with strings',
        '{{ p | where_exp: \'i\', \'i.d > "2024-01-01"\' | map: \'n\' | join }}',
        {"p": POSTS[:3]},
        'a c',
    ),
    Render(
        'where_exp: html in the condition',
        '{{ p | where_exp: \'i\', \'i.n == "<b>é</b>"\' | size }}',
        {'p': [{'n': '<b>é</b>'}, {'n': 'b'}]},
        '1',
    ),
    Render(
        "where_exp: nil, false, 0 and ''",
        "{{ e | where_exp: 'i', 'i' | join: ',' }}",
        {'e': [1, None, False, 0, '']},
        '1,0,',
    ),
    Render(
        "where_exp: size and first are Liquid's",
        "{{ e | where_exp: 'x', 'x.size > 1' | size }}|{{ f | where_exp: 'x', 'x.first == 1' | size }}",
        {'e': ['ab', 'a', [1, 2]], 'f': [[1, 2], [2, 1]]},
        '2|1',
    ),
    Render(
        'where_exp: comparing a string with a number fails',
        "{{ p | where_exp: 'i', 'i.g > 1' | size }}",
        {"p": POSTS},
        LiquidArgumentError('comparison of String with 1 failed'),
    ),
    Render(
        'where_exp: a non-string expression fails',
        "{{ n | where_exp: 'i', 5 | size }}",
        {'n': NUMS},
        LiquidRenderError('no implicit conversion of Integer into String'),
    ),
    Render(
        'where_exp: a nil expression fails',
        "{{ n | where_exp: 'i', nil | size }}",
        {'n': NUMS},
        LiquidRenderError('no implicit conversion of nil into String'),
    ),
    Render(
        'where_exp: a non-string variable binds nothing',
        "{{ n | where_exp: 5, 'x' | size }}",
        {'n': NUMS, 'x': 1},
        '5',
    ),
    Render('find_exp: first match', "{{ n | find_exp: 'x', 'x > 1' }}", {'n': NUMS}, '2'),
    Render('find_exp: no match is nil', "[{{ n | find_exp: 'x', 'x > 9' }}]", {'n': NUMS}, '[]'),
    Render(
        'find_exp: hash input',
        "{{ h | find_exp: 'x', 'x.g == 2' | map: 'n' }}",
        {'h': {'x': {'g': 1, 'n': 'p'}, 'y': {'g': 2, 'n': 'q'}}},
        'q',
    ),
    Render('find_exp: string input is returned', "{{ 's' | find_exp: 'x', 'x' }}", {}, 's'),
    Render(
        'find_exp: a non-string expression fails',
        "{{ n | find_exp: 'x', true }}",
        {'n': NUMS},
        LiquidRenderError('no implicit conversion of true into String'),
    ),
    Render(
        'group_by_exp: names keep their type',
        "{% assign g = n | group_by_exp: 'i', 'i | modulo: 2' %}{% for x in g %}[{{ x.name | plus: 10 }}:{{ x.items | join: ',' }}:{{ x.size }}]{% endfor %}",
        {'n': NUMS},
        '[11:1,3,5:3][10:2,4:2]',
    ),
    Render(
        "group_by_exp: 1, 1.0 and '1' are different groups",
        "{% assign g = p | group_by_exp: 'i', 'i.g' %}{% for x in g %}[{{ x.name }}:{{ x.items | map: 'n' | join }}]{% endfor %}",
        {'p': [{'n': 'a', 'g': 1}, {'n': 'b', 'g': '1'}, {'n': 'c', 'g': 1.0}, {'n': 'd'}, {'n': 'e', 'g': 1}, {'n': 'f', 'g': [1]}, {'n': 'g', 'g': [1]}]},
        '[1:a e][1:b][1.0:c][:d][1:f g]',
    ),
    Render(
        'group_by_exp: filters in the expression',
        "{% assign g = p | group_by_exp: 'i', 'i.d | slice: 0, 4' %}{% for x in g %}[{{ x.name }}:{{ x.items | map: 'n' | join }}]{% endfor %}",
        {"p": POSTS},
        '[2024:a c][2023:b][:d e]',
    ),
    Render(
        'group_by_exp: floats',
        "{% assign g = n | group_by_exp: 'i', 'i | divided_by: 2.0' %}{% for x in g %}[{{ x.name }}]{% endfor %}",
        {'n': [1, 2, 3]},
        '[0.5][1.0][1.5]',
    ),
    Render(
        'group_by_exp: ranges',
        "{% assign r = (1..4) %}{% assign g = r | group_by_exp: 'i', 'i | modulo: 2' %}{% for x in g %}[{{ x.name }}:{{ x.items | join: ',' }}]{% endfor %}",
        {},
        '[1:1,3][0:2,4]',
    ),
    Render(
        'group_by_exp: the item variable is scoped',
        "{% assign g = n | group_by_exp: 'i', 'i' %}{{ g.size }}|{{ i }}",
        {'n': NUMS, 'i': 'outer'},
        '5|outer',
    ),
    Render(
        'group_by_exp: empty array',
        "{% assign g = e | group_by_exp: 'i', 'i' %}{{ g.size }}",
        {'e': []},
        '0',
    ),
    Render('group_by_exp: nil input', "{% assign g = x | group_by_exp: 'i', 'i' %}[{{ g }}]", {}, '[]'),
    Render(
        'group_by_exp: string input is returned',
        "{% assign g = 'str' | group_by_exp: 'i', 'i' %}{{ g }}",
        {},
        'str',
    ),
    Render(
        'group_by_exp: hash input groups its pairs',
        "{% assign g = h | group_by_exp: 'i', 'i.first' %}{% for x in g %}[{{ x.name }}:{{ x.size }}]{% endfor %}",
        {'h': {'a': 1, 'b': 2}},
        '[a:1][b:1]',
    ),
    Render(
        'group_by_exp: an empty expression is nil',
        "{% assign g = n | group_by_exp: 'i', '' %}{% for x in g %}[{{ x.name }}:{{ x.size }}]{% endfor %}",
        {'n': NUMS},
        '[:5]',
    ),
    Render(
        'group_by_exp: a nil expression fails',
        "{% assign g = n | group_by_exp: 'i', nil %}",
        {'n': NUMS},
        LiquidRenderError('no implicit conversion of nil into String'),
    ),
    Render(
        'group_by_exp: extra words are ignored (lax)',
        "{% assign g = n | group_by_exp: 'i', 'i 1 2' %}{{ g.size }}",
        {'n': [1, 2]},
        '2',
    ),
    Render(
        'group_by: names and sizes in a loop',
        "{% assign g = p | group_by: 'g' %}{% for x in g %}[{{ x.name }}:{{ x.size }}:{{ x.items | map: 'n' | join }}]{% endfor %}",
        {"p": POSTS},
        '[1:2:a b][:1:c][3:1:d][2.0:1:e]',
    ),
    Render('where: empty literal', "{{ p | where: 't', empty | map: 'n' | join }}", {"p": POSTS}, 'c d'),
    Render(
        'where: dotted property',
        "{{ p | where: 'a.name', 'Al' | map: 'n' | join }}",
        {'p': [{'n': 'x', 'a': {'name': 'Al'}}, {'n': 'y', 'a': 'Al'}]},
        'x',
    ),
    Render(
        'sort: by property with nils last',
        "{{ p | sort: 'g', 'last' | map: 'n' | join }}",
        {"p": POSTS},
        'a b e d c',
    ),
    Render('sort: nil fails', '{{ x | sort }}', {}, LiquidArgumentError('Cannot sort a null object.')),
    Render(
        'push and pop do not change the array',
        "{{ n | pop | push: 9 | shift | unshift: 0 | join: ',' }}|{{ n | join: ',' }}",
        {'n': NUMS},
        '0,2,3,4,9|1,2,3,4,5',
    ),
    Render('sample: every item once', "{{ n | sample: 5 | sort | join: ',' }}", {'n': NUMS}, '1,2,3,4,5'),
    Render('to_integer', "{{ '12abc' | to_integer | plus: 1 }}", {}, '13'),
]

#: Jekyll parses where_exp/find_exp conditions strictly, with an empty literal equal to nothing
STRICT_CONDITIONS = [
    Render(
        "where_exp: empty is never equal (Jekyll's expression literal)",
        "{{ e | where_exp: 'x', 'x != empty' | size }}",
        {'e': [[], '']},
        '2',
    ),
    Render(
        'where_exp: conditions are parsed strictly: filters',
        "{{ p | where_exp: 'i', 'i.g | plus: 1 == 2' | size }}",
        {"p": POSTS},
        LiquidSyntaxError('Expected end_of_string but found pipe'),
    ),
    Render(
        'where_exp: conditions are parsed strictly: missing operand',
        "{{ p | where_exp: 'i', 'i.g ==' | size }}",
        {"p": POSTS},
        LiquidSyntaxError('[:end_of_string] is not a valid expression'),
    ),
    Render(
        'where_exp: conditions are parsed strictly: trailing words',
        "{{ p | where_exp: 'i', 'i.g == 1 junk' | size }}",
        {"p": POSTS},
        LiquidSyntaxError('Expected end_of_string but found id'),
    ),
    Render(
        'find_exp: a bad condition fails even on an empty array',
        "{{ e | find_exp: 'x', 'x ==' }}",
        {'e': []},
        LiquidSyntaxError('[:end_of_string] is not a valid expression'),
    ),
]

@pytest.mark.parametrize("name, case", table_params(TABLES))
def test_filter_table(name: str, case: Case) -> None:
    check_call(jekyll_arrays.FILTERS[name], case, typed)


def test_filters_do_not_change_their_input() -> None:
    items = [{"x": "2"}, {"x": "1"}]
    before = typed(items)
    jekyll_arrays.sort(items, "x")
    jekyll_arrays.pop(items)
    jekyll_arrays.push(items, 1)
    jekyll_arrays.shift(items)
    jekyll_arrays.unshift(items, 1)
    jekyll_arrays.where(items, "x", 1)
    jekyll_arrays.group_by(items, "x")
    assert typed(items) == before


# Jekyll's pages are drops; the oracle answered for a site whose site.pages held about.md
# (``title: A``, ``size: 3``, ``author: {name: Al}``) and then index.md (no title).
PAGES = [
    MappingDrop({"name": "about.md", "url": "/about.html", "title": "A", "size": 3, "author": {"name": "Al"}}),
    MappingDrop({"name": "index.md", "url": "/", "title": None}),
]


@pytest.mark.parametrize(
    "description, call, expect",
    [
        ("where on a drop key", lambda: jekyll_arrays.where(PAGES, "title", "A"), ["/about.html"]),
        ("size is front matter, not a method", lambda: jekyll_arrays.where(PAGES, "size", 3), ["/about.html"]),
        ("dotted through a drop", lambda: jekyll_arrays.where(PAGES, "author.name", "Al"), ["/about.html"]),
        ("sort, nils first", lambda: jekyll_arrays.sort(PAGES, "title"), ["/", "/about.html"]),
        ("sort, nils last", lambda: jekyll_arrays.sort(PAGES, "title", "last"), ["/about.html", "/"]),
        ("find nil", lambda: [jekyll_arrays.find(PAGES, "title", None)], ["/"]),
    ],
)
def test_drop_items(description: str, call: Any, expect: list[str]) -> None:
    assert [page.liquid_get("url") for page in call()] == expect


def test_group_by_drop_items() -> None:
    assert [group["name"] for group in jekyll_arrays.group_by(PAGES, "title")] == ["A", ""]


def test_range_items_fail_as_integers_do() -> None:
    # oracle: {% assign r = (1..4) %}{{ r | group_by: 'x' }} -> TypeError
    with pytest.raises(LiquidRenderError) as info:
        jekyll_arrays.group_by(LiquidRange(1, 4), "x")
    assert info.value.message == "no implicit conversion of String into Integer"


def test_sample_picks_distinct_items() -> None:
    for _ in range(20):
        picked = jekyll_arrays.sample(NUMS, 2)
        assert len(picked) == 2 and len(set(picked)) == 2 and set(picked) <= set(NUMS)
        assert jekyll_arrays.sample(NUMS) in NUMS
    assert sorted(jekyll_arrays.sample(NUMS, 9)) == NUMS


def test_exp_filters_take_the_context() -> None:
    for name in ("where_exp", "find_exp", "group_by_exp"):
        assert getattr(jekyll_arrays.FILTERS[name], "liquid_context", False)


@pytest.mark.parametrize("case", RENDERS, ids=ids(RENDERS))
def test_render(case: Render) -> None:
    check_render(case)


@pytest.mark.parametrize("case", STRICT_CONDITIONS, ids=ids(STRICT_CONDITIONS))
def test_render_strict_conditions(case: Render) -> None:
    check_render(case)


def test_render_errors_carry_the_template_location() -> None:
    with pytest.raises(LiquidError) as info:
        render("\n{{ x | sort }}", {})
    assert (info.value.filename, info.value.lineno) == ("t.html", 2)


@pytest.mark.parametrize("filter_name", ["where_exp", "find_exp"])
def test_empty_condition_is_a_syntax_error_even_without_items(filter_name: str) -> None:
    # oracle: Liquid::SyntaxError "[:end_of_string] is not a valid expression" (the message is the engine's)
    with pytest.raises(LiquidSyntaxError):
        render("{{ e | " + filter_name + ": 'x', '' }}", {"e": []})
