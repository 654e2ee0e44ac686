"""Liquid 5.4's string filters (``postforge.liquid.filters.strings``) as Jekyll 4.3.1 runs them.

Every expected value below is Jekyll's answer, not ours: each case was rendered by
``shared/oracle/liquid.rb`` as ``{{ input | filter: args | jsonify }}`` (``inspect`` for NaN and
Infinity), with the input and arguments passed as page data.
"""

from __future__ import annotations


import pytest

from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters.strings import FILTERS
from postforge.liquid.filters.strings import register
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
    'append': [
        Case('string', 'abc', ('def',), {}, 'abcdef'),
        Case('nil input', None, ('x',), {}, 'x'),
        Case('nil argument', 'a', (None,), {}, 'a'),
        Case('integers', 1, (2,), {}, '12'),
        Case('floats print as Ruby floats', 1.5, (2.0,), {}, '1.52.0'),
        Case('array input prints inspected', [1, [2, 'a']], ('x',), {}, '[1, [2, "a"]]x'),
        Case('hash input prints inspected', {'a': None}, ('x',), {}, '{"a"=>nil}x'),
        Case('booleans', True, (False,), {}, 'truefalse'),
        Case('range input', LiquidRange(1, 3), ('!',), {}, '1..3!'),
    ],
    'prepend': [
        Case('html', 'abc', ('<b>',), {}, '<b>abc'),
        Case('both nil', None, (None,), {}, ''),
        Case('number input', 3, ('n',), {}, 'n3'),
    ],
    'capitalize': [
        Case('rest is lowercased', 'hello WORLD', (), {}, 'Hello world'),
        Case('sharp s titlecases to Ss', 'ßa', (), {}, 'Ssa'),
        Case('accented', 'élan VITAL', (), {}, 'Élan vital'),
        Case('nil', None, (), {}, ''),
        Case('leading digit', '1abc', (), {}, '1abc'),
        Case('final capital sigma', 'ΟΔΟΣ', (), {}, 'Οδοσ'),
    ],
    'downcase': [
        Case('unicode, no final sigma', 'ΣΑΣ ÀÉ İ', (), {}, 'σασ àé i̇'),
        Case('array input', ['A', 'B'], (), {}, '["a", "b"]'),
        Case('nil', None, (), {}, ''),
    ],
    'upcase': [
        Case('sharp s and ligatures', 'straße ŉ ﬁ', (), {}, 'STRASSE ʼN FI'),
        Case('float', 1.5, (), {}, '1.5'),
        Case('hash', {'a': 1}, (), {}, '{"A"=>1}'),
    ],
    'escape': [
        Case(
            'all five characters',
            '<a href=\'x\'>&amp;</a>"',
            (),
            {},
            '&lt;a href=&#39;x&#39;&gt;&amp;amp;&lt;/a&gt;&quot;',
        ),
        Case('nil stays nil', None, (), {}, None),
        Case('number', 5, (), {}, '5'),
        Case('array input inspected', ['<a>'], (), {}, '[&quot;&lt;a&gt;&quot;]'),
    ],
    'h': [
        Case('alias of escape', 'Tom & <Jerry>', (), {}, 'Tom &amp; &lt;Jerry&gt;'),
    ],
    'escape_once': [
        Case(
            'entities kept',
            '&amp; &lt; & &#39; &#x27; &copy; <b>"\'',
            (),
            {},
            '&amp; &lt; &amp; &#39; &amp;#x27; &copy; &lt;b&gt;&quot;&#39;',
        ),
        Case('nil becomes empty', None, (), {}, ''),
    ],
    'strip': [
        Case('ascii whitespace and NUL', ' \t\n a b \r\x0b\x0c\x00', (), {}, 'a b'),
        Case('no-break and ideographic spaces stay', '\xa0a\u3000', (), {}, '\xa0a\u3000'),
        Case('nil', None, (), {}, ''),
    ],
    'lstrip': [
        Case('left only', '\x00 \n a b \n', (), {}, 'a b \n'),
    ],
    'rstrip': [
        Case('right only', ' \t a b \t\x00', (), {}, ' \t a b'),
    ],
    'strip_html': [
        Case('tags', '<p>Hi <b>there</b></p>', (), {}, 'Hi there'),
        Case(
            'script, style and comments with content',
            '<script>x</script>a<style>y</style>b<!-- c -->d',
            (),
            {},
            'abd',
        ),
        Case('upper-case script keeps its text', '<SCRIPT>x</SCRIPT>', (), {}, 'x'),
        Case('tag over lines', '<a\nhref=x>t</a>', (), {}, 't'),
        Case('comparison signs', 'a < b > c', (), {}, 'a  c'),
        Case('unclosed tag', 'x <p', (), {}, 'x <p'),
        Case('multiline script', "<script type='a'>\nif (a < b) {}\n</script>ok", (), {}, 'ok'),
        Case('nil', None, (), {}, ''),
    ],
    'strip_newlines': [
        Case('lf and crlf, lone cr stays', 'a\nb\r\nc\rd', (), {}, 'abc\rd'),
        Case('nil', None, (), {}, ''),
    ],
    'newline_to_br': [
        Case('lf and crlf, lone cr stays', 'a\nb\r\nc\rd', (), {}, 'a<br />\nb<br />\nc\rd'),
        Case('number', 12, (), {}, '12'),
    ],
    'remove': [
        Case('every occurrence', 'a-b-c', ('-',), {}, 'abc'),
        Case('nil argument removes nothing', 'abc', (None,), {}, 'abc'),
        Case('number argument', 1213, (1,), {}, '23'),
    ],
    'remove_first': [
        Case('first only', 'a-b-c', ('-',), {}, 'ab-c'),
    ],
    'remove_last': [
        Case('last only', 'a-b-c', ('-',), {}, 'a-bc'),
        Case('absent', 'abc', ('x',), {}, 'abc'),
    ],
    'replace': [
        Case('every occurrence', 'a-b-c', ('-', '+'), {}, 'a+b+c'),
        Case('missing replacement is empty', 'a-b', ('-',), {}, 'ab'),
        Case(
            'backreferences in replacement',
            'abcb',
            ('b', "[\\&|\\0|\\`|\\'|\\\\|\\1|\\q]"),
            {},
            'a[b|b|a|cb|\\||\\q]c[b|b|abc||\\||\\q]',
        ),
        Case('empty pattern', 'abc', ('', '-'), {}, '-a-b-c-'),
        Case('empty pattern with backreference', 'ab', ('', '<\\&>'), {}, '<>a<>b<>'),
        Case('integers', 1212, (1, 3), {}, '3232'),
        Case('nil input', None, ('a', 'b'), {}, ''),
    ],
    'replace_first': [
        Case('first only', 'a-b-c', ('-', '+'), {}, 'a+b-c'),
        Case('backreference', 'abcb', ('b', '[\\&]'), {}, 'a[b]cb'),
        Case('empty pattern', 'abc', ('', '-'), {}, '-abc'),
    ],
    'replace_last': [
        Case('last only', 'a-b-c', ('-', '+'), {}, 'a-b+c'),
        Case('replacement taken literally', 'abcb', ('b', '[\\&]'), {}, 'abc[\\&]'),
        Case('empty pattern appends', 'abc', ('', '-'), {}, 'abc-'),
        Case('absent', 'abc', ('x', 'y'), {}, 'abc'),
    ],
    'slice': [
        Case('one character', 'hello', (1,), {}, 'e'),
        Case('with length', 'hello', (1, 3), {}, 'ell'),
        Case('negative offset', 'hello', (-3, 2), {}, 'll'),
        Case('offset at end', 'hello', (5,), {}, ''),
        Case('offset past end', 'hello', (10,), {}, ''),
        Case('negative past start', 'hello', (-10,), {}, ''),
        Case('negative length', 'hello', (1, -1), {}, ''),
        Case('length past end', 'hello', (3, 99), {}, 'lo'),
        Case('string integers', 'hello', ('1', '2'), {}, 'el'),
        Case('hex string integer', 'hello', ('0x2',), {}, 'l'),
        Case('padded octal string integer', 'abcdefghijk', (' 010 ',), {}, 'i'),
        Case('binary string integer', 'hello', ('0b11',), {}, 'l'),
        Case('underscored string integer', 'abcdefghijklmn', ('1_2',), {}, 'm'),
        Case(
            'leading zero with 8 is invalid',
            'abcdefghijk',
            ('08',),
            {},
            LiquidArgumentError('invalid integer'),
        ),
        Case('full-width digit is invalid', 'hello', ('１',), {}, LiquidArgumentError('invalid integer')),
        Case('float offset is invalid', 'hello', (1.5,), {}, LiquidArgumentError('invalid integer')),
        Case('word offset is invalid', 'hello', ('one',), {}, LiquidArgumentError('invalid integer')),
        Case('nil offset is invalid', 'hello', (None,), {}, LiquidArgumentError('invalid integer')),
        Case('nil length means one', 'hello', (0, None), {}, 'h'),
        Case('unicode', 'héllo wörld', (7, 3), {}, 'örl'),
        Case('array', [1, 2, 3, 4], (1, 2), {}, [2, 3]),
        Case('array negative', [1, 2, 3, 4], (-1,), {}, [4]),
        Case('array past end', [1, 2, 3, 4], (9,), {}, []),
        Case('array not flattened', [[1, 2], 3], (0,), {}, [[1, 2]]),
        Case('hash input sliced as text', {'a': 1}, (0, 4), {}, '{"a"'),
        Case('nil input', None, (0,), {}, ''),
        Case('range input sliced as text', LiquidRange(1, 3), (1, 2), {}, '..'),
    ],
    'split': [
        Case('trailing empties dropped, leading kept', ',a,b,,c,,', (',',), {}, ['', 'a', 'b', '', 'c']),
        Case('single space splits on runs of whitespace', ' a  b\tc\n d ', (' ',), {}, ['a', 'b', 'c', 'd']),
        Case('NUL and no-break space are not whitespace', 'a\x00b\xa0c d', (' ',), {}, ['a\x00b\xa0c', 'd']),
        Case('two spaces are literal', 'a  b c', ('  ',), {}, ['a', 'b c']),
        Case('empty pattern gives characters', 'héllo', ('',), {}, ['h', 'é', 'l', 'l', 'o']),
        Case('nil pattern gives characters', 'abc', (None,), {}, ['a', 'b', 'c']),
        Case('empty input', '', (',',), {}, []),
        Case('nil input', None, (',',), {}, []),
        Case('number pattern', 'a1b1', (1,), {}, ['a', 'b']),
        Case('no match', 'abc', ('x',), {}, ['abc']),
        Case('only separators', ',,,', (',',), {}, []),
    ],
    'truncate': [
        Case('to 20', 'Ground control to Major Tom.', (20,), {}, 'Ground control to...'),
        Case('shorter than ellipsis', 'Ground control to Major Tom.', (2,), {}, '...'),
        Case('custom ellipsis', 'Ground control to Major Tom.', (15, '--'), {}, 'Ground contro--'),
        Case('no ellipsis', 'Ground control to Major Tom.', (15, ''), {}, 'Ground control '),
        Case('nil ellipsis is empty', 'Ground control to Major Tom.', (5, None), {}, 'Groun'),
        Case('fits', 'short', (5,), {}, 'short'),
        Case(
            'default length 50',
            'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
            (),
            {},
            'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...',
        ),
        Case('string length', 'abcdefgh', ('5',), {}, 'ab...'),
        Case('negative length', 'abc', (-1,), {}, '...'),
        Case('word length is invalid', 'abc', ('abc',), {}, LiquidArgumentError('invalid integer')),
        Case('nil stays nil', None, (5,), {}, None),
        Case('unicode counts characters', 'héllo wörld', (8,), {}, 'héllo...'),
        Case('number input', 123456, (4, '~'), {}, '123~'),
    ],
    'truncatewords': [
        Case('three words', 'Ground control to Major Tom.', (3,), {}, 'Ground control to...'),
        Case('custom ellipsis', 'Ground control to Major Tom.', (3, '--'), {}, 'Ground control to--'),
        Case('zero means one', 'Ground control to Major Tom.', (0,), {}, 'Ground...'),
        Case('negative means one', 'a b c', (-5,), {}, 'a...'),
        Case('whitespace collapses to single spaces', 'a\tb\n\nc d', (2,), {}, 'a b...'),
        Case('fewer words returns input unchanged', '  a  b  ', (5,), {}, '  a  b  '),
        Case('trailing space counts as a word', 'one two ', (2,), {}, 'one two...'),
        Case('exact word count', 'one two', (2,), {}, 'one two'),
        Case('default 15', 'a b c d e f g h i j k l m n o p q', (), {}, 'a b c d e f g h i j k l m n o...'),
        Case('string count', 'a b c', ('2',), {}, 'a b...'),
        Case('bad count', 'a b c', ('x',), {}, LiquidArgumentError('invalid integer')),
        Case('nil stays nil', None, (2,), {}, None),
        Case("largest count Ruby's split accepts", 'a b', (2147483646,), {}, 'a b'),
        Case(
            "count too big for Ruby's split",
            'a b',
            (2147483647,),
            {},
            LiquidArgumentError('integer 2147483647 too big for truncatewords'),
        ),
        Case(
            'NUL and ideographic space are not separators',
            '\x00a\x00 b c\u3000d',
            (1,),
            {},
            '\x00a\x00...',
        ),
    ],
    'url_encode': [
        Case('email', 'john@liquid.com', (), {}, 'john%40liquid.com'),
        Case('reserved, unicode and space', "a b&c=d/é~*'()", (), {}, 'a+b%26c%3Dd%2F%C3%A9~%2A%27%28%29'),
        Case('nil stays nil', None, (), {}, None),
        Case('number', 12.5, (), {}, '12.5'),
    ],
    'url_decode': [
        Case('plus and percent', '%27Stop%21%27+said+Fred', (), {}, "'Stop!' said Fred"),
        Case('bad escapes left alone', '%zz%4', (), {}, '%zz%4'),
        Case('utf-8 bytes', '%E2%82%AC', (), {}, '€'),
        Case('invalid utf-8', '%FF', (), {}, LiquidArgumentError('invalid byte sequence in UTF-8')),
        Case('nil stays nil', None, (), {}, None),
    ],
    'base64_encode': [
        Case('ascii', 'one two three', (), {}, 'b25lIHR3byB0aHJlZQ=='),
        Case('unicode', 'é', (), {}, 'w6k='),
        Case('nil is empty', None, (), {}, ''),
        Case('number', 123, (), {}, 'MTIz'),
        Case('url-unsafe output', '<<???>>', (), {}, 'PDw/Pz8+Pg=='),
    ],
    'base64_decode': [
        Case('ascii', 'b25lIHR3byB0aHJlZQ==', (), {}, 'one two three'),
        Case('unicode', 'w6k=', (), {}, 'é'),
        Case(
            'invalid characters',
            'invalid!',
            (),
            {},
            LiquidArgumentError('invalid base64 provided to base64_decode'),
        ),
        Case(
            'missing padding',
            'YQ',
            (),
            {},
            LiquidArgumentError('invalid base64 provided to base64_decode'),
        ),
        Case('stray bits', 'YR==', (), {}, LiquidArgumentError('invalid base64 provided to base64_decode')),
        Case(
            'newline not allowed',
            'YQ==\n',
            (),
            {},
            LiquidArgumentError('invalid base64 provided to base64_decode'),
        ),
        Case('empty', '', (), {}, ''),
        Case(
            'url-safe alphabet rejected',
            'PDw_Pz8-Pg==',
            (),
            {},
            LiquidArgumentError('invalid base64 provided to base64_decode'),
        ),
    ],
    'base64_url_safe_encode': [
        Case('uses - and _', '<<???>>', (), {}, 'PDw_Pz8-Pg=='),
        Case('keeps padding', 'a', (), {}, 'YQ=='),
    ],
    'base64_url_safe_decode': [
        Case('padded', 'PDw_Pz8-Pg==', (), {}, '<<???>>'),
        Case('unpadded', 'PDw_Pz8-Pg', (), {}, '<<???>>'),
        Case('standard alphabet also accepted', 'PDw/Pz8+Pg==', (), {}, '<<???>>'),
        Case('short unpadded', 'YQ', (), {}, 'a'),
        Case(
            'invalid',
            'a',
            (),
            {},
            LiquidArgumentError('invalid base64 provided to base64_url_safe_decode'),
        ),
    ],
    'default': [
        Case('nil', None, ('x',), {}, 'x'),
        Case('false', False, ('x',), {}, 'x'),
        Case('empty string', '', ('x',), {}, 'x'),
        Case('empty array', [], ('x',), {}, 'x'),
        Case('empty hash', {}, ('x',), {}, 'x'),
        Case('zero is kept', 0, ('x',), {}, 0),
        Case('blank string is kept', ' ', ('x',), {}, ' '),
        Case('value kept', 'a', ('x',), {}, 'a'),
        Case('no argument gives empty string', None, (), {}, ''),
        Case('allow_false keeps false', False, ('x',), {'allow_false': True}, False),
        Case('allow_false still replaces nil', None, ('x',), {'allow_false': True}, 'x'),
        Case('allow_false still replaces empty', '', ('x',), {'allow_false': True}, 'x'),
        Case('allow_false false', False, ('x',), {'allow_false': False}, 'x'),
        Case('allow_false truthy string', False, ('x',), {'allow_false': 'no'}, False),
        Case('default can be any value', None, ([1, 2],), {}, [1, 2]),
        Case('other keywords are ignored', False, ('x',), {'foo': 1}, 'x'),
        Case('options hash passed positionally', False, ('x', {'allow_false': True}), {}, False),
        Case('non-hash third argument is ignored', False, ('x', True), {}, 'x'),
    ],
    'size': [
        Case('string characters', 'héllo', (), {}, 5),
        Case('array not flattened', [1, [2, 3]], (), {}, 2),
        Case('hash', {'a': 1, 'b': 2}, (), {}, 2),
        Case('integer is 8 bytes', 5, (), {}, 8),
        Case('bignum bytes', 18446744073709551616, (), {}, 9),
        Case('float has no size', 1.5, (), {}, 0),
        Case('nil', None, (), {}, 0),
        Case('true', True, (), {}, 0),
        Case('empty string', '', (), {}, 0),
        Case('range', LiquidRange(1, 5), (), {}, 5),
    ],
}

#: whole templates, through the engine, with the filters chained as a site would
RENDERS = [
    Render(
        'truncatewords then upcase',
        '{{ "Ground control to Major Tom." | truncatewords: 3 | upcase }}',
        {},
        'GROUND CONTROL TO...',
    ),
    Render(
        'default then escape',
        '{{ title | default: "Untitled <new>" | escape }}|{{ missing | default: "x" }}',
        {'title': ''},
        'Untitled &lt;new&gt;|x',
    ),
    Render('url round trip', '{{ "a b&c" | url_encode }}|{{ "%41+b" | url_decode }}', {}, 'a+b%26c|A b'),
    Render('split then size', '{{ t | split: " " | size }}', {'t': '  one two\tthree '}, '3'),
    Render(
        'slice and string size',
        '{{ "hello" | slice: -3, 2 }}{{ "héllo" | size }}{{ 5 | size }}',
        {},
        'll58',
    ),
    Render(
        'allow_false keyword',
        '{{ x | default: "d", allow_false: true }}-{{ x | default: "d" }}',
        {'x': False},
        'false-d',
    ),
    Render(
        'replace chain',
        '{{ "a-b-c" | replace: "-", "+" | remove_first: "+" | append: "!" | prepend: nil }}',
        {},
        'ab+c!',
    ),
    Render(
        'array input printed by a string filter',
        '{{ list | append: "" }}',
        {'list': [1, 'a', None]},
        '[1, "a", nil]',
    ),
    Render(
        'strip_html of content',
        '{{ html | strip_html | strip_newlines | strip }}',
        {'html': '<p>Hi\n<b>there</b></p>\n<script>x()</script>'},
        'Hithere',
    ),
    Render('invalid integer', '{{ "abc" | truncate: "x" }}', {}, LiquidArgumentError('invalid integer')),
    Render(
        'empty and blank literals as input',
        "[{{ empty | size }}][{{ blank | append: 'x' }}][{{ empty | upcase }}]",
        {},
        '[0][x][]',
    ),
]

#: the filters of this family in Liquid 5.4's ``standardfilters.rb``
NAMES = {
    'append',
    'base64_decode',
    'base64_encode',
    'base64_url_safe_decode',
    'base64_url_safe_encode',
    'capitalize',
    'default',
    'downcase',
    'escape',
    'escape_once',
    'h',
    'lstrip',
    'newline_to_br',
    'prepend',
    'remove',
    'remove_first',
    'remove_last',
    'replace',
    'replace_first',
    'replace_last',
    'rstrip',
    'size',
    'slice',
    'split',
    'strip',
    'strip_html',
    'strip_newlines',
    'truncate',
    'truncatewords',
    'upcase',
    'url_decode',
    'url_encode',
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
