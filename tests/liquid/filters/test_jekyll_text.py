"""Jekyll's text filters (and smartify's typography) against tables produced by Jekyll 4.3.1.

Every ``expect`` is what the oracle (``shared/oracle/liquid.rb``) printed for
``{{ value | filter: args }}``, with the case's ``site`` as ``_config.yml``; an exception type
means Jekyll failed the render. Filters are called directly; filters that read the site get a
small stand-in context that answers ``ctx.get("site")`` and has ``registers``.
"""

from __future__ import annotations

from typing import Any

import pytest

from postforge.liquid.drops import MappingDrop
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters import jekyll_text
from postforge.liquid.values import to_s
from postforge.markdown.typography import smartify as typography_smartify

from filter_cases import Case
from filter_cases import SiteContext
from filter_cases import check
from filter_cases import check_call
from filter_cases import ids
from filter_cases import render


# the _config.yml of the cases that need one
KRAMDOWN_ASCII_QUOTES = {
    "kramdown": {"smart_quotes": "apos,apos,quot,quot", "typographic_symbols": {"hellip": "...", "ndash": "&"}}
}
KRAMDOWN_NUMERIC = {"kramdown": {"entity_output": "numeric"}}
KRAMDOWN_SYMBOLIC = {"kramdown": {"entity_output": "symbolic"}}
KRAMDOWN_AS_INPUT = {"kramdown": {"entity_output": "as_input"}}
KRAMDOWN_CODEPOINT_QUOTES = {"kramdown": {"smart_quotes": [171, 187, "bdquo", "ldquo"]}}
SASS_COMPRESSED = {"sass": {"style": "compressed"}}
SASS_EXPANDED = {"sass": {"style": ":expanded"}}
SASS_NESTED = {"sass": {"style": "nested"}}
SASS_BOGUS = {"sass": {"style": "bogus"}}

SLUGIFY = [
    Case("default", "The _config.yml file", [], {}, "the-config-yml-file"),
    Case("nil mode is default", "The _config.yml file", [None], {}, "the-config-yml-file"),
    Case("pretty", "The _config.yml file", ["pretty"], {}, "the-_config.yml-file"),
    Case("raw", "  Hello   World!! _x_ ", ["raw"], {}, "hello-world!!-_x_"),
    Case("ascii", "Ça va, Élodie? Straße Æon ŁÓDŹ 日本", ["ascii"], {}, "a-va-lodie-stra-e-on-d"),
    Case("latin transliterates", "Ça va, Élodie? Straße Æon ŁÓDŹ 日本", ["latin"], {}, "ca-va-elodie-strasse-aeon-lodz"),
    Case("none only downcases", "Ça va, Élodie? Straße Æon ŁÓDŹ 日本", ["none"], {}, "ça va, élodie? straße æon łódź 日本"),
    Case("unknown mode only downcases", "Ça Va", ["bogus"], {}, "ça va"),
    Case("numeric mode only downcases", "Ça Va", [5], {}, "ça va"),
    Case("default keeps unicode letters", "Ça va, Élodie? Straße Æon ŁÓDŹ 日本", [], {}, "ça-va-élodie-straße-æon-łódź-日本"),
    Case("pretty keeps URL-safe punctuation", "a.b_c~d!e$f&g'h(i)j+k,l;m=n@o/p?q#r", ["pretty"], {}, "a.b_c~d!e$f&g'h(i)j+k,l;m=n@o-p-q-r"),
    Case("CJK and emoji", "日本語のタイトル 😀 émoji", [], {}, "日本語のタイトル-émoji"),
    Case("one hyphen trimmed each end", "--a--", [], {}, "a"),
    Case("raw keeps a hyphen after the trimmed one", " -x- ", ["raw"], {}, "-x-"),
    Case("Turkish dotted I and final sigma", "İSTANBUL ΣΊΣΥΦΟΣ", [], {}, "i̇stanbul-σίσυφοσ"),
    Case("combining marks and digits", "áb x² ٣", [], {}, "áb-x-٣"),
    Case("latin: combining marks become hyphens", "áb x² ٣", ["latin"], {}, "a-b-x"),
    Case("only punctuation", "!!!", [], {}, ""),
    Case("single hyphen", "-", [], {}, ""),
    Case("empty", "", [], {}, ""),
    Case("HTML", '<h1>Hello & "World"</h1>', [], {}, "h1-hello-world-h1"),
    Case("HTML pretty", '<h1>Hello & "World"</h1>', ["pretty"], {}, "h1-hello-&-world-h1"),
    Case("NBSP and ideographic space", "x\xa0y\u3000z", ["raw"], {}, "x\xa0y\u3000z"),
    Case("Greek", "Ὀδυσσεύς", [], {}, "ὀδυσσεύς"),
    Case("Arabic", "عربي", ["latin"], {}, ""),
    Case("titlecase digraph", "ǅemal ǈ", [], {}, "ǆemal-ǉ"),
    Case("C++ & C#", "C++ & C#", ["pretty"], {}, "c++-&-c"),
    Case("date-like title", "2024-01-01 post", ["ascii"], {}, "2024-01-01-post"),
    Case("nil", None, [], {}, ""),
    # Jekyll: NoMethodError: undefined method `gsub' for 5:Integer
    Case("integer fails", 5, [], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `gsub' for ["a b"]:Array
    Case("array fails", ["a b"], [], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `gsub' for true:TrueClass
    Case("boolean fails", True, [], {}, LiquidArgumentError),
    # Jekyll: Liquid::ArgumentError: Liquid error (line 1): wrong number of arguments (given 3, expected
    # (called directly it is Python's TypeError; the engine reports that as a LiquidArgumentError)
    Case("cased argument is not accepted", "The _config.yml file", ["pretty", True], {}, TypeError),
]

XML_ESCAPE = [
    Case("quotes, apostrophes, tags", 'a <b> & "c" \'d\'\n', [], {}, "a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\n"),
    Case("nil", None, [], {}, ""),
    Case("integer", 5, [], {}, "5"),
    Case("large float", 1e+20, [], {}, "1.0e+20"),
    Case("boolean", False, [], {}, "false"),
    Case("array is inspected", ["a", "<b>"], [], {}, "[&quot;a&quot;, &quot;&lt;b&gt;&quot;]"),
    Case("hash is inspected", {"a": "<x>"}, [], {}, "{&quot;a&quot;=&gt;&quot;&lt;x&gt;&quot;}"),
    Case("entities are escaped again", "&amp; &#39;", [], {}, "&amp;amp; &amp;#39;"),
    Case("unicode and bell", "é ☃ 😀 \x07", [], {}, "é ☃ 😀 \x07"),
]

NORMALIZE_WHITESPACE = [
    Case("mixed whitespace", "  a \t\n b  ", [], {}, "a b"),
    Case("NBSP is not whitespace", "\xa0a\xa0", [], {}, "\xa0a\xa0"),
    Case("vertical tab and form feed", "a\x0bb\x0cc\rd", [], {}, "a b c d"),
    Case("NUL trimmed at the ends", "\x00 a \x00", [], {}, "a"),
    Case("nil", None, [], {}, ""),
    Case("float", 1e+20, [], {}, "1.0e+20"),
    Case("array", ["a", "<b>"], [], {}, '["a", "<b>"]'),
]

NUMBER_OF_WORDS = [
    Case("plain", "a b  c\n d", [], {}, "4"),
    Case("empty", "", [], {}, "0"),
    Case("blank", "   ", [], {}, "0"),
    Case("CJK without mode", "日本語の文章です hello world", [], {}, "3"),
    Case("CJK mode", "日本語の文章です hello world", ["cjk"], {}, "10"),
    Case("auto mode with CJK", "한국어 텍스트 and カタカナ", ["auto"], {}, "11"),
    Case("auto mode without CJK", "don't-stop x", ["auto"], {}, "2"),
    Case("unknown mode", "日本 x", ["bogus"], {}, "2"),
    Case("NBSP and ideographic space do not split", "a\xa0b\u3000c", [], {}, "1"),
    Case("cjk mode, no CJK", "a\xa0b\u3000c", ["cjk"], {}, "1"),
    Case("supplementary Han", "𠀀𠀁 a", ["cjk"], {}, "3"),
    Case("halfwidth katakana", "ｶﾀｶﾅ ﾋﾗ", ["cjk"], {}, "6"),
    Case("iteration marks", "々〆〇", ["cjk"], {}, "3"),
    Case("CJK punctuation is not CJK", "\u3000、。", ["auto"], {}, "1"),
    Case("HTML counts as words", "<p>Hello <b>world</b></p>", [], {}, "2"),
    # Jekyll: NoMethodError: undefined method `split' for nil:NilClass
    Case("nil fails", None, [], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `scan' for 5:Integer
    Case("integer fails", 5, ["cjk"], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `scan' for ["a b", "c"]:Array
    Case("array fails", ["a b", "c"], ["auto"], {}, LiquidArgumentError),
]

ARRAY_TO_SENTENCE_STRING = [
    Case("empty", [], [], {}, ""),
    Case("one", ["a"], [], {}, "a"),
    Case("two", ["a", "b"], [], {}, "a and b"),
    Case("three", ["a", "b", "c"], [], {}, "a, b, and c"),
    Case("three with or", ["a", "b", "c"], ["or"], {}, "a, b, or c"),
    Case("nil and float elements", [1, None, 2.5], [], {}, "1, , and 2.5"),
    Case("nested arrays are joined", [["x", "y"], "z", "w"], [], {}, "x, y, z, and w"),
    Case("last nested array is inspected", ["a", ["b", ["c"]]], [], {}, 'a and ["b", ["c"]]'),
    Case("hash element", [{"k": 1}, "q"], [], {}, '{"k"=>1} and q'),
    Case("booleans", [True, False], [], {}, "true and false"),
    Case("HTML is not escaped", ["<b>", "&"], [], {}, "<b> and &"),
    Case("nil connector", ["a", "b", "c"], [None], {}, "a, b,  c"),
    Case("numeric connector", ["a", "b"], [5], {}, "a 5 b"),
    Case("array connector", ["a", "b"], [["&", "+"]], {}, 'a ["&", "+"] b'),
    Case("two-character string", "ab", [], {}, "a and b"),
    # Jekyll: NoMethodError: undefined method `join' for "ab":String
    Case("longer string fails", "abc", [], {}, LiquidArgumentError),
    Case("empty hash", {}, [], {}, ""),
    Case("two-key hash", {"a": 1, "b": 2}, [], {}, " and "),
    # Jekyll: NoMethodError: undefined method `join' for nil:NilClass
    Case("three-key hash fails", {"a": 1, "b": 2, "c": 3}, [], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `length' for nil:NilClass
    Case("nil fails", None, [], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `length' for 5:Integer
    Case("integer fails", 5, [], {}, LiquidArgumentError),
]

JSONIFY = [
    Case("nested hash", {"a": [1, 2.0, None, True], "b": {"c": "d"}}, [], {}, '{"a":[1,2.0,null,true],"b":{"c":"d"}}'),
    Case("floats as Ruby prints them", [1e-05, 1e+16, 123456789.12345679, -0.0, 2.5e-07, 0.1, 1e+100], [], {}, "[1.0e-05,1.0e+16,123456789.12345679,-0.0,2.5e-07,0.1,1.0e+100]"),
    Case("escapes", '☃"\\/\x1f\x7f', [], {}, '"☃\\"\\\\/\\u001f\x7f"'),
    Case("HTML is not escaped", "<script>&", [], {}, '"<script>&"'),
    Case("line separator is not escaped", "\u2028", [], {}, '"\u2028"'),
    Case("empty containers", [[], {}], [], {}, "[[],{}]"),
    Case("nil", None, [], {}, "null"),
    Case("string", 'a <b> & "c" \'d\'\n', [], {}, '"a <b> & \\"c\\" \'d\'\\n"'),
    Case("big integer", 12345678901234567890, [], {}, "12345678901234567890"),
    Case("integer-like key", {"1": 2}, [], {}, '{"1":2}'),
    Case(
        "floats from 1e15 print with an exponent",
        [1000000000000000.0, 1234567890123456.0, 123456789012345.0],
        [],
        {},
        "[1.0e+15,1.234567890123456e+15,123456789012345.0]",
    ),
]

INSPECT = [
    Case("string", 'a <b> & "c" \'d\'\n', [], {}, "&quot;a &lt;b&gt; &amp; \\&quot;c\\&quot; &apos;d&apos;\\n&quot;"),
    Case("nil", None, [], {}, "nil"),
    Case("float", 1e+20, [], {}, "1.0e+20"),
    Case("array", ["a", "<b>"], [], {}, "[&quot;a&quot;, &quot;&lt;b&gt;&quot;]"),
    Case("hash", {"a": "<x>"}, [], {}, "{&quot;a&quot;=&gt;&quot;&lt;x&gt;&quot;}"),
    Case("nested", [None, [1, 2.5]], [], {}, "[nil, [1, 2.5]]"),
    Case("empty string", "", [], {}, "&quot;&quot;"),
    Case("unicode", "é ☃ 😀", [], {}, "&quot;é ☃ 😀&quot;"),
    Case("bell", "\x07", [], {}, "&quot;\\a&quot;"),
    Case("interpolation-like", "#{x} #$y", [], {}, "&quot;\\#{x} \\#$y&quot;"),
    Case("control characters print as \\u escapes", "\x01\x7f\u2028", [], {}, "&quot;\\u0001\\u007F\\u2028&quot;"),
]

SMARTIFY = [
    Case("quotes, apostrophe, dashes, ellipsis", '"Hello" it\'s -- a --- test...', [], {}, "“Hello” it’s – a — test…"),
    Case("decade abbreviations", "'80s and the '90s", [], {}, "’80s and the ’90s"),
    Case("closing quote after inline HTML", '<em>"x"</em>\'s', [], {}, "<em>“x”</em>’s"),
    Case("bare <, > and & are escaped", "a & b < c > d", [], {}, "a &amp; b &lt; c &gt; d"),
    Case("entities: named, numeric, hex, unknown", "&amp; &copy; &#169; &#xA9; &bogus;", [], {}, "&amp; © © © &amp;bogus;"),
    Case("guillemets and escaped <<", "<< a >> <<b>> \\<< x", [], {}, "«\xa0a\xa0» «b» &lt;&lt; x"),
    Case("nested quotes", 'He said, "\'Quoted\' words"', [], {}, "He said, “‘Quoted’ words”"),
    Case("block HTML is raw, attributes re-quoted", "<p class='a'>'x'</p>", [], {}, '<p class="a">\'x\'</p>'),
    Case("blank lines kept, trailing newline chomped", "x\n\n\ny\n", [], {}, "x\n\n\ny"),
    Case("block comment ends its line", '<!-- "c" --> "d"', [], {}, '<!-- "c" -->\n “d”'),
    Case("quotes inside a link", '<a href="x">\'y\'</a>', [], {}, '<a href="x">‘y’</a>'),
    Case("empty", "", [], {}, ""),
    Case("lone double quote", '"', [], {}, "”"),
    Case("void tag re-serialised", '<br>"q"', [], {}, "<br />“q”"),
    Case("script body is raw", '<script>"a"</script>', [], {}, '<script>"a"</script>\n'),
    Case("no Markdown emphasis", '**"x"**', [], {}, "**”x”**"),
    Case("backslash does not escape a quote", '\\"x\\"', [], {}, "\\“x\\”"),
    Case("unclosed span tag is closed", '<b>unclosed "x"', [], {}, "<b>unclosed “x”\n</b>"),
    Case("stray closing tag is text", '</b> "x"', [], {}, "&lt;/b&gt; “x”"),
    Case("code is raw", '<code>"x"</code>', [], {}, '<code>"x"</code>'),
    Case("pre block then text", '<pre>"x"</pre> "y"', [], {}, '<pre>"x"</pre>\n “y”'),
    Case("block void tag keeps its newline", '<hr>\n"x"', [], {}, "<hr />\n\n“x”"),
    Case("block tag inside text is escaped", "a <div>x</div> b", [], {}, "a &lt;div&gt;x&lt;/div&gt; b"),
    Case("markdown=1 parses the block", '<div markdown="1">\n"x"\n</div>\n\'y\'', [], {}, "<div>\n“x”\n</div>\n‘y’"),
    Case("unknown tag at line start is raw block", '<foo>"x"</foo>', [], {}, '<foo>"x"</foo>'),
    Case("uppercase span tag and attribute", 'x <EM CLASS=y>"x"</EM>', [], {}, 'x <em class="y">“x”</em>'),
    Case("special entities stay encoded", "&#60; &#38; &#34; &#150; &LT; &nbsp;x &apos; &rang;", [], {}, '&#60; &#38; " – &amp;LT; \xa0x \' 〈'),
    Case("CR and CRLF normalised", "a\r\nb\rc", [], {}, "a\nb\nc"),
    Case("attribute quotes escaped", '<img src=x alt=\'a "b"\'>', [], {}, '<img src="x" alt="a &quot;b&quot;" />'),
    Case("comment inside raw block", "<div>a<!-- c -->b</div>", [], {}, "<div>a<!-- c -->b</div>"),
    Case("dash runs", "x -- y --- z ---- w", [], {}, "x – y — z —- w"),
    Case("quotes after brackets", '"(x)" [\'y\'] {\'z\'}', [], {}, "“(x)” [‘y’] {‘z’}"),
    Case("curly quotes untouched", "“already” ‘curly’", [], {}, "“already” ‘curly’"),
    Case("quotes around CJK", '日"本"', [], {}, "日”本”"),
    Case("existing apostrophe and diaeresis", 'don’t "naïve" café\'s', [], {}, "don’t “naïve” café’s"),
    Case("markdown=0 span is raw", 'x <span markdown="0">\'x\'</span>', [], {}, "x <span>'x'</span>"),
    Case("nested block HTML is raw", "<div>\n  <div>'x'</div>\n</div>", [], {}, "<div>\n  <div>'x'</div>\n</div>"),
    Case("nil", None, [], {}, ""),
    Case("float", 1.5, [], {}, "1.5"),
    Case("array is inspected", ['"a"', "b"], [], {}, "[“\\“a\\””, “b”]"),
    Case("hash is inspected", {"a": "'b'"}, [], {}, "{“a”=&gt;”‘b’”}"),
    Case("kramdown smart_quotes and typographic_symbols", '"a" -- b...', [], {}, '"a" &amp; b...', site=KRAMDOWN_ASCII_QUOTES),
    Case("entity_output numeric", '"a" -- b... &copy; &lt;', [], {}, "&#8220;a&#8221; &#8211; b&#8230; &#169; &lt;", site=KRAMDOWN_NUMERIC),
    Case("entity_output symbolic", '"a" -- b... &copy; &lt;', [], {}, "&ldquo;a&rdquo; &ndash; b&hellip; &copy; &lt;", site=KRAMDOWN_SYMBOLIC),
    Case("entity_output as_input", '"a" -- b... &copy; &#169; &lt;', [], {}, "&#8220;a&#8221; &#8211; b&#8230; &copy; &#169; &lt;", site=KRAMDOWN_AS_INPUT),
    Case("smart_quotes as code points", '\'a\' "b"', [], {}, "«a» „b“", site=KRAMDOWN_CODEPOINT_QUOTES),
]

SASSIFY = [
    Case("nested rules", "a\n  b: c\n  d\n    e: f", [], {}, "a { b: c; }\n\na d { e: f; }\n"),
    Case("variables", "$x: 1px\na\n  b: $x", [], {}, "a { b: 1px; }\n"),
    Case("empty", "", [], {}, ""),
    # Jekyll: Liquid::ArgumentError: Liquid error (line 1): Error: Invalid CSS after "a { b: c;": expect
    Case("SCSS syntax fails", "a { b: c", [], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `empty?' for nil:NilClass
    Case("nil fails", None, [], {}, LiquidArgumentError),
    Case("non-ASCII content", 'a\n  content: "é"', [], {}, '@charset "UTF-8";\na { content: "é"; }\n'),
    Case("compressed style", "a\n  b: c\n  d\n    e: f", [], {}, "a{b:c}a d{e:f}\n", site=SASS_COMPRESSED),
    Case("nested style", "a\n  b: c\n  d\n    e: f", [], {}, "a {\n  b: c; }\n  a d {\n    e: f; }\n", site=SASS_NESTED),
]

SCSSIFY = [
    Case("nested rules", "a { b: c; d { e: f } }", [], {}, "a { b: c; }\n\na d { e: f; }\n"),
    Case("arithmetic and comment", "/* c */\na{b:1+2}", [], {}, "/* c */\na { b: 3; }\n"),
    Case("empty", "", [], {}, ""),
    # Jekyll: Liquid::ArgumentError: Liquid error (line 1): Error: Invalid CSS after "a { b: c": expecte
    Case("syntax error", "a { b: c", [], {}, LiquidArgumentError),
    # Jekyll: Liquid::ArgumentError: Liquid error (line 1): Error: Invalid CSS after "a": expected 1 sel
    Case("indented syntax fails", "a\n  b: c\n  d\n    e: f", [], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `empty?' for 5:Integer
    Case("integer fails", 5, [], {}, LiquidArgumentError),
    Case("non-ASCII gets a charset", 'a{content:"é"}', [], {}, '@charset "UTF-8";\na { content: "é"; }\n'),
    Case("compressed drops the BOM", 'a{content:"é"}', [], {}, 'a{content:"é"}\n', site=SASS_COMPRESSED),
    Case("expanded with a leading colon", "a{b:c; d{e:f}}", [], {}, "a {\n  b: c;\n}\n\na d {\n  e: f;\n}\n", site=SASS_EXPANDED),
    Case("unknown style is compact", "a{b:c; d{e:f}}", [], {}, "a { b: c; }\n\na d { e: f; }\n", site=SASS_BOGUS),
    # Jekyll: Liquid::ArgumentError: Liquid error (line 1): Error: File to import not found or unreadabl
    Case("missing import", '@import "x";', [], {}, LiquidArgumentError),
]

@pytest.mark.parametrize("case", SLUGIFY, ids=ids(SLUGIFY))
def test_slugify(case: Case) -> None:
    check_call(jekyll_text.slugify, case, to_s)


@pytest.mark.parametrize("case", XML_ESCAPE, ids=ids(XML_ESCAPE))
def test_xml_escape(case: Case) -> None:
    check_call(jekyll_text.xml_escape, case, to_s)


@pytest.mark.parametrize("case", NORMALIZE_WHITESPACE, ids=ids(NORMALIZE_WHITESPACE))
def test_normalize_whitespace(case: Case) -> None:
    check_call(jekyll_text.normalize_whitespace, case, to_s)


@pytest.mark.parametrize("case", NUMBER_OF_WORDS, ids=ids(NUMBER_OF_WORDS))
def test_number_of_words(case: Case) -> None:
    check_call(jekyll_text.number_of_words, case, to_s)


@pytest.mark.parametrize("case", ARRAY_TO_SENTENCE_STRING, ids=ids(ARRAY_TO_SENTENCE_STRING))
def test_array_to_sentence_string(case: Case) -> None:
    check_call(jekyll_text.array_to_sentence_string, case, to_s)


@pytest.mark.parametrize("case", JSONIFY, ids=ids(JSONIFY))
def test_jsonify(case: Case) -> None:
    check_call(jekyll_text.jsonify, case, to_s)


@pytest.mark.parametrize("case", INSPECT, ids=ids(INSPECT))
def test_inspect(case: Case) -> None:
    check_call(jekyll_text.inspect, case, to_s)


@pytest.mark.parametrize("case", SMARTIFY, ids=ids(SMARTIFY))
def test_smartify(case: Case) -> None:
    check_call(jekyll_text.smartify, case, to_s)


@pytest.mark.parametrize("case", SASSIFY, ids=ids(SASSIFY))
def test_sassify(case: Case) -> None:
    check_call(jekyll_text.sassify, case, to_s)


@pytest.mark.parametrize("case", SCSSIFY, ids=ids(SCSSIFY))
def test_scssify(case: Case) -> None:
    check_call(jekyll_text.scssify, case, to_s)


def test_typography_module_is_the_filter_without_context() -> None:
    for case in SMARTIFY:
        if case.site is None and isinstance(case.value, str):
            assert typography_smartify(case.value) == case.expect, case.description


def test_unicode_beyond_utf8_keeps_the_reference() -> None:
    # Jekyll writes invalid UTF-8 for these (its output cannot even be read back); we keep the text
    assert typography_smartify("&#xD800; &#1114112;") == "&#xD800; &#1114112;"


def test_slugify_cased_for_permalinks() -> None:
    # Utils.slugify(..., cased: true), as Jekyll's docs show it and permalinks use it
    assert jekyll_text.slugify_text("The _config.yml file", "pretty", cased=True) == "The-_config.yml-file"
    assert jekyll_text.slugify_text("Ça Va", "none", cased=True) == "Ça Va"
    assert jekyll_text.slugify_text("Ça Va", "latin", cased=True) == "Ca-Va"


def test_drops_are_their_hash() -> None:
    drop = MappingDrop({"title": "<A & B>", "tags": ["x", 1.5, None], "meta": {}, "list": [], "n": {"k": True}})
    # the oracle's jsonify of the same hash
    assert jekyll_text.jsonify(drop) == '{"title":"<A & B>","tags":["x",1.5,null],"meta":{},"list":[],"n":{"k":true}}'
    # Ruby's JSON.pretty_generate of the same hash, XML-escaped: Jekyll's Drop#inspect
    assert jekyll_text.inspect(drop) == (
        "{\n  &quot;title&quot;: &quot;&lt;A &amp; B&gt;&quot;,\n  &quot;tags&quot;: [\n    &quot;x&quot;,\n"
        "    1.5,\n    null\n  ],\n  &quot;meta&quot;: {\n  },\n  &quot;list&quot;: [\n\n  ],\n"
        "  &quot;n&quot;: {\n    &quot;k&quot;: true\n  }\n}"
    )


def test_markdownify_uses_the_site_converter() -> None:
    ctx = SiteContext(registers={"markdownify": lambda text: f"<converted>{text}</converted>"})
    assert jekyll_text.markdownify(ctx, ["a", None]) == '<converted>["a", nil]</converted>'


def test_markdownify_fallback_wraps_paragraphs() -> None:
    # the oracle's kramdown gives the same for these plain inputs
    assert jekyll_text.markdownify(SiteContext(), "a\nb") == "<p>a\nb</p>\n"
    assert jekyll_text.markdownify(SiteContext(), None) == "\n"
    assert jekyll_text.markdownify(SiteContext(), 5) == "<p>5</p>\n"


def test_scss_imports_from_the_sites_sass_dirs(tmp_path: Any) -> None:
    # the oracle, with these files in the site source, printed the same
    (tmp_path / "_sass").mkdir()
    (tmp_path / "_sass" / "_vars.scss").write_text("$c: blue;\n")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "_more.scss").write_text("$d: 2px;\n")
    ctx = SiteContext({"source": str(tmp_path)})
    assert jekyll_text.scssify(ctx, '@import "vars"; a{color:$c}') == "a { color: blue; }\n"
    ctx = SiteContext({"source": str(tmp_path), "sass": {"load_paths": ["vendor"]}})
    assert jekyll_text.scssify(ctx, '@import "more"; a{b:$d}') == "a { b: 2px; }\n"


def test_filters_are_registered() -> None:
    assert set(jekyll_text.FILTERS) == {
        "xml_escape", "slugify", "number_of_words", "array_to_sentence_string", "normalize_whitespace",
        "jsonify", "inspect", "smartify", "markdownify", "sassify", "scssify",
    }
    assert "to_integer" not in jekyll_text.FILTERS


END_TO_END = [
    # (template, data, site, expected output from the oracle with that site config)
    (
        '{{ page.title | slugify: "pretty" }}|{{ page.title | smartify }}|{{ page.title | xml_escape }}|'
        "{{ page.title | jsonify }}",
        {"page": {"title": "It's \"new\" -- <b>café</b>"}},
        {},
        "it's-new-b-café-b|It’s “new” – <b>café</b>|It&apos;s &quot;new&quot; -- &lt;b&gt;café&lt;/b&gt;|"
        '"It\'s \\"new\\" -- <b>café</b>"',
    ),
    (
        '{% assign w = t | number_of_words: "auto" %}{{ w | plus: 1 }}|{{ l | array_to_sentence_string: "or" }}|'
        "{{ l | jsonify }}|{{ t | normalize_whitespace }}",
        {"t": " 日本 and  more ", "l": [1, "two", 3.5]},
        {},
        '5|1, two, or 3.5|[1,"two",3.5]|日本 and more',
    ),
    (
        "{{ s | scssify }}{{ s | scssify | size }}",
        {"s": "$c: red;\na { color: $c; b { x: 1px } }"},
        {"sass": {"style": "compressed"}},
        "a{color:red}a b{x:1px}\n23",
    ),
]


@pytest.mark.parametrize("template,data,site,expect", END_TO_END)
def test_end_to_end(template: str, data: dict[str, Any], site: dict[str, Any], expect: str) -> None:
    assert render(template, {"site": site, **data}) == expect


@pytest.mark.parametrize(
    "template,data",
    [
        ('{{ t | slugify: "pretty", true }}', {"t": "x"}),  # Jekyll: wrong number of arguments
        ("{{ t | number_of_words }}", {"t": 5}),  # Jekyll: undefined method `split' for 5:Integer
    ],
)
def test_end_to_end_errors(template: str, data: dict[str, Any]) -> None:
    check(lambda: render(template, data), LiquidArgumentError)
