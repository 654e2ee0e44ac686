"""kramdown's block rules and HTML layout, case by case, exactly as Jekyll 4.3.1 writes them.

The golden corpus (``test_markdown_golden.py``) compares normalised HTML; these cases compare the
converter's output byte for byte, for the rules the core implements: paragraph ends and lazy
lines, header ids, list item paragraphs and nesting, quotes, code, tables, HTML blocks, and the
options that change the output.  Every expected string is what
``../shared/oracle/markdown.rb`` (Jekyll's own Markdown converter) returned for the case's input
and ``kramdown:`` settings; to add a case, ask the oracle and paste its answer.  The other tables
test the pure helpers (ids, attribute lists, option parsing, escaping) and the renderer's hooks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from postforge.highlight import highlight_block
from postforge.highlight import highlight_span
from postforge.markdown import create_markdown
from postforge.markdown import markdownify
from postforge.markdown.attributes import REFS
from postforge.markdown.attributes import parse_attribute_list
from postforge.markdown.attributes import update_attr_with_ial
from postforge.markdown.code import CodeWriter
from postforge.markdown.ids import IdGenerator
from postforge.markdown.ids import gfm_slug
from postforge.markdown.ids import kramdown_slug
from postforge.markdown.options import kramdown_options
from postforge.markdown.renderer import KramdownRenderer
from postforge.markdown.renderer import escape_html


@dataclass(frozen=True)
class Case:
    name: str
    markdown: str
    kramdown: dict[str, Any] | None
    expect: str


CASES = [
    Case('para-lazy-lines', 'one\ntwo\n  three\n', None,
         '<p>one\ntwo\n  three</p>\n'),
    Case('para-two-spaces-break', 'one  \ntwo\n', None,
         '<p>one<br />\ntwo</p>\n'),
    Case('para-backslash-break', 'one\\\ntwo\n', None,
         '<p>one<br />\ntwo</p>\n'),
    Case('para-blank-lines-kept-once', 'a\n\n\n\nb\n', None,
         '<p>a</p>\n\n<p>b</p>\n'),
    Case('para-list-interrupts', 'text\n- item\n', None,
         '<p>text</p>\n<ul>\n  <li>item</li>\n</ul>\n'),
    Case('para-list-no-interrupt-kramdown', 'text\n- item\n', {'input': 'kramdown'},
         '<p>text\n- item</p>\n'),
    Case('para-header-interrupts', 'text\n# Head\n', None,
         '<p>text</p>\n<h1 id="head">Head</h1>\n'),
    Case('para-quote-interrupts', 'text\n> quote\n', None,
         '<p>text</p>\n<blockquote>\n  <p>quote</p>\n</blockquote>\n'),
    Case('para-fence-interrupts', 'text\n```\ncode\n```\n', None,
         ('<p>text</p>\n'
          '<div class="language-plaintext highlighter-rouge"><div class'
          '="highlight"><pre class="highlight"><code>code\n'
          '</code></pre></div></div>\n')),
    Case('para-indented-stays-text', 'text\n    more\n', None,
         '<p>text\n    more</p>\n'),
    Case('hard-wrap-on', 'one\ntwo\n', {'hard_wrap': True},
         '<p>one<br />\ntwo</p>\n'),
    Case('atx-closing-hashes', '## Title ##\n', None,
         '<h2 id="title">Title</h2>\n'),
    Case('atx-needs-space-gfm', '#Title\n', None,
         '<p>#Title</p>\n'),
    Case('atx-explicit-id', '# Title {#my-id}\n', None,
         '<h1 id="my-id">Title</h1>\n'),
    Case('atx-duplicate-ids', '# Same\n# Same\n# Same\n', None,
         '<h1 id="same">Same</h1>\n<h1 id="same-1">Same</h1>\n<h1 id="same-2">Same</h1>\n'),
    Case('atx-id-symbols', '## Lambda@edge -- "fast" & cheap\n', None,
         '<h2 id="lambdaedge--fast--cheap">Lambda@edge – “fast” &amp; cheap</h2>\n'),
    Case('atx-id-prefix', '# Intro\n', {'auto_id_prefix': 'sec-'},
         '<h1 id="sec-intro">Intro</h1>\n'),
    Case('atx-no-auto-ids', '# Intro\n', {'auto_ids': False},
         '<h1>Intro</h1>\n'),
    Case('atx-kramdown-ids', '# 1. Intro & *More*\n# 1. Intro & *More*\n', {'input': 'kramdown'},
         ('<h1 id="intro--more">1. Intro &amp; <em>More</em></h1>\n'
          '<p># 1. Intro &amp; <em>More</em></p>\n')),
    Case('setext-levels', 'Big\n===\n\nSmall\n---\n', None,
         '<h1 id="big">Big</h1>\n\n<h2 id="small">Small</h2>\n'),
    Case('setext-needs-boundary', 'para\nline\n---\n', None,
         '<p>para\nline\n—</p>\n'),
    Case('header-offset', '# One\n###### Six\n', {'header_offset': 1},
         '<h2 id="one">One</h2>\n<h6 id="six">Six</h6>\n'),
    Case('hr-forms', '***\n\n- - -\n\n___\n', None,
         '<hr />\n\n<hr />\n\n<hr />\n'),
    Case('list-tight', '- a\n- b\n', None,
         '<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n'),
    Case('list-blank-before-last', '- a\n- b\n\n- c\n', None,
         '<ul>\n  <li>a</li>\n  <li>\n    <p>b</p>\n  </li>\n  <li>c</li>\n</ul>\n'),
    Case('list-item-two-paragraphs', '- a\n\n  b\n- c\n', None,
         ('<ul>\n'
          '  <li>\n'
          '    <p>a</p>\n'
          '\n'
          '    <p>b</p>\n'
          '  </li>\n'
          '  <li>\n'
          '    <p>c</p>\n'
          '  </li>\n'
          '</ul>\n')),
    Case('list-trailing-blank-moves-out', '- a\n- b\n\nafter\n', None,
         '<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n\n<p>after</p>\n'),
    Case('list-nested-by-content-column', '- a\n  - b\n    - c\n', None,
         ('<ul>\n'
          '  <li>a\n'
          '    <ul>\n'
          '      <li>b\n'
          '        <ul>\n'
          '          <li>c</li>\n'
          '        </ul>\n'
          '      </li>\n'
          '    </ul>\n'
          '  </li>\n'
          '</ul>\n')),
    Case('list-nested-wide-marker', '*   a\n    * b\n', None,
         '<ul>\n  <li>a\n    <ul>\n      <li>b</li>\n    </ul>\n  </li>\n</ul>\n'),
    Case('list-lazy-line', '- a\nlazy\n- b\n', None,
         '<ul>\n  <li>a\nlazy</li>\n  <li>b</li>\n</ul>\n'),
    Case('list-ordered-numbers-ignored', '3. a\n7. b\n', None,
         '<ol>\n  <li>a</li>\n  <li>b</li>\n</ol>\n'),
    Case('list-marker-change-same-list', '- a\n* b\n+ c\n', None,
         '<ul>\n  <li>a</li>\n  <li>b</li>\n  <li>c</li>\n</ul>\n'),
    Case('list-ordered-after-bullets', '- a\n1. b\n', None,
         '<ul>\n  <li>a\n    <ol>\n      <li>b</li>\n    </ol>\n  </li>\n</ul>\n'),
    Case('list-code-in-item', '- a\n\n      code\n', None,
         ('<ul>\n'
          '  <li>\n'
          '    <p>a</p>\n'
          '\n'
          '    <div class="language-plaintext highlighter-rouge"><div c'
          'lass="highlight"><pre class="highlight"><code>code\n'
          '</code></pre></div>    </div>\n'
          '  </li>\n'
          '</ul>\n')),
    Case('list-tab-indent', '-\ta\n\tb\n', None,
         '<ul>\n  <li>a\nb</li>\n</ul>\n'),
    Case('list-task', '- [ ] open\n- [x] done\n- plain\n', None,
         ('<ul class="task-list">\n'
          '  <li class="task-list-item"><input type="checkbox" class="t'
          'ask-list-item-checkbox" disabled="disabled" />open</li>\n'
          '  <li class="task-list-item"><input type="checkbox" class="t'
          'ask-list-item-checkbox" disabled="disabled" checked="checked" />done</li>\n'
          '  <li class="task-list-item">plain</li>\n'
          '</ul>\n')),
    Case('list-hr-ends-after-blank', '- a\n\n* * *\n', None,
         '<ul>\n  <li>a</li>\n</ul>\n\n<hr />\n'),
    Case('list-eob-marker', '- a\n^\n- b\n', None,
         '<ul>\n  <li>a</li>\n</ul>\n<ul>\n  <li>b</li>\n</ul>\n'),
    Case('quote-nested', '> a\n> > b\n', None,
         '<blockquote>\n  <p>a</p>\n  <blockquote>\n    <p>b</p>\n  </blockquote>\n</blockquote>\n'),
    Case('quote-lazy', '> a\nb\n', None,
         '<blockquote>\n  <p>a\nb</p>\n</blockquote>\n'),
    Case('quote-with-list-and-code', '> - x\n>\n>     code\n', None,
         ('<blockquote>\n'
          '  <ul>\n'
          '    <li>\n'
          '      <p>x</p>\n'
          '\n'
          '      <p>code</p>\n'
          '    </li>\n'
          '  </ul>\n'
          '</blockquote>\n')),
    Case('code-indented-lazy-join', '    code\nlazy\n', None,
         ('<div class="language-plaintext highlighter-rouge"><div class'
          '="highlight"><pre class="highlight"><code>code lazy\n'
          '</code></pre></div></div>\n')),
    Case('code-indented-blank-inside', '    a\n\n    b\n', None,
         ('<div class="language-plaintext highlighter-rouge"><div class'
          '="highlight"><pre class="highlight"><code>a\n'
          '\n'
          'b\n'
          '</code></pre></div></div>\n')),
    Case('code-fenced-lang', '```ruby\nputs 1\n```\n', None,
         ('<div class="language-ruby highlighter-rouge"><div class="hig'
          'hlight"><pre class="highlight"><code><span class="nb">puts</span> <span class="mi">1</span>\n'
          '</code></pre></div></div>\n')),
    Case('code-fenced-tilde-query', '~~~ js?x=1\nvar a;\n~~~\n', None,
         ('<div class="language-js highlighter-rouge"><div class="highl'
          'ight"><pre class="highlight"><code><span class="kd">var</spa'
          'n> <span class="nx">a</span><span class="p">;</span>\n'
          '</code></pre></div></div>\n')),
    Case('code-fenced-unknown-lang', '```nosuchlang\n<x>\n```\n', None,
         '<pre><code class="language-nosuchlang">&lt;x&gt;\n</code></pre>\n'),
    Case('code-fenced-in-list', '- a\n\n  ```\n  b\n  ```\n', None,
         ('<ul>\n'
          '  <li>\n'
          '    <p>a</p>\n'
          '\n'
          '    <div class="language-plaintext highlighter-rouge"><div c'
          'lass="highlight"><pre class="highlight"><code>b\n'
          '</code></pre></div>    </div>\n'
          '  </li>\n'
          '</ul>\n')),
    Case('code-span-highlight-off',
         '`x` and\n\n```ruby\ny\n```\n',
         {'syntax_highlighter_opts': {'disable': True}},
         '<p><code>x</code> and</p>\n\n<pre><code class="language-ruby">y\n</code></pre>\n'),
    Case('code-line-numbers',
         '```ruby\na\n```\n',
         {'syntax_highlighter_opts': {'block': {'line_numbers': True}}},
         ('<div class="language-ruby highlighter-rouge"><div class="hig'
          'hlight"><pre class="highlight"><code><table class="rouge-tab'
          'le"><tbody><tr><td class="rouge-gutter gl"><pre class="lineno">1\n'
          '</pre></td><td class="rouge-code"><pre><span class="n">a</span>\n'
          '</pre></td></tr></tbody></table></code></pre></div></div>\n')),
    Case('table-align', '| l | c | r | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n', None,
         ('<table>\n'
          '  <thead>\n'
          '    <tr>\n'
          '      <th style="text-align: left">l</th>\n'
          '      <th style="text-align: center">c</th>\n'
          '      <th style="text-align: right">r</th>\n'
          '      <th>d</th>\n'
          '    </tr>\n'
          '  </thead>\n'
          '  <tbody>\n'
          '    <tr>\n'
          '      <td style="text-align: left">1</td>\n'
          '      <td style="text-align: center">2</td>\n'
          '      <td style="text-align: right">3</td>\n'
          '      <td>4</td>\n'
          '    </tr>\n'
          '  </tbody>\n'
          '</table>\n')),
    Case('table-no-header', '| a | b |\n| c | d |\n', None,
         ('<table>\n'
          '  <tbody>\n'
          '    <tr>\n'
          '      <td>a</td>\n'
          '      <td>b</td>\n'
          '    </tr>\n'
          '    <tr>\n'
          '      <td>c</td>\n'
          '      <td>d</td>\n'
          '    </tr>\n'
          '  </tbody>\n'
          '</table>\n')),
    Case('table-footer-and-bodies', '| h |\n|---|\n| 1 |\n|---|\n| 2 |\n|===|\n| f |\n', None,
         ('<table>\n'
          '  <thead>\n'
          '    <tr>\n'
          '      <th>h</th>\n'
          '    </tr>\n'
          '  </thead>\n'
          '  <tbody>\n'
          '    <tr>\n'
          '      <td>1</td>\n'
          '    </tr>\n'
          '  </tbody>\n'
          '  <tbody>\n'
          '    <tr>\n'
          '      <td>2</td>\n'
          '    </tr>\n'
          '  </tbody>\n'
          '  <tfoot>\n'
          '    <tr>\n'
          '      <td>f</td>\n'
          '    </tr>\n'
          '  </tfoot>\n'
          '</table>\n')),
    Case('table-pipe-in-code', '| `a|b` | c |\n|---|---|\n| 1 | 2 |\n', None,
         ('<table>\n'
          '  <thead>\n'
          '    <tr>\n'
          '      <th><code class="language-plaintext highlighter-rouge">a|b</code></th>\n'
          '      <th>c</th>\n'
          '    </tr>\n'
          '  </thead>\n'
          '  <tbody>\n'
          '    <tr>\n'
          '      <td>1</td>\n'
          '      <td>2</td>\n'
          '    </tr>\n'
          '  </tbody>\n'
          '</table>\n')),
    Case('table-short-row-padded', '| a | b |\n|---|---|\n| 1 |\n', None,
         ('<table>\n'
          '  <thead>\n'
          '    <tr>\n'
          '      <th>a</th>\n'
          '      <th>b</th>\n'
          '    </tr>\n'
          '  </thead>\n'
          '  <tbody>\n'
          '    <tr>\n'
          '      <td>1</td>\n'
          '      <td>\xa0</td>\n'
          '    </tr>\n'
          '  </tbody>\n'
          '</table>\n')),
    Case('table-needs-boundary', 'text\n| a |\n|---|\n', None,
         '<p>text\n| a |\n|—|</p>\n'),
    Case('html-block-raw', "<div class='x'>\n*a* & b\n</div>\n\npara\n", None,
         '<div class="x">\n*a* &amp; b\n</div>\n\n<p>para</p>\n'),
    Case('html-block-markdown', '<div markdown="1">\n*a*\n</div>\n', None,
         '<div>\n  <p><em>a</em></p>\n</div>\n'),
    Case('html-block-markdown-span', '<div markdown="span">*a*\n</div>\n', None,
         '<div><em>a</em>\n</div>\n'),
    Case('html-block-parse-option', '<div>\n*a*\n</div>\n', {'parse_block_html': True},
         '<div>\n  <p><em>a</em></p>\n</div>\n'),
    Case('html-comment-block', '<!-- note -->\n\npara\n', None,
         '<!-- note -->\n\n<p>para</p>\n'),
    Case('html-span-element', 'a <span class=x>*b*</span> <kbd>*c*</kbd>\n', None,
         '<p>a <span class="x"><em>b</em></span> <kbd>*c*</kbd></p>\n'),
    Case('html-span-parse-off', 'a <span>*b*</span>\n', {'parse_span_html': False},
         '<p>a <span>*b*</span></p>\n'),
    Case('html-script-raw', '<script>if (a < b) {}</script>\n', None,
         '<script>if (a < b) {}</script>\n\n'),
    Case('entities-as-char', '&copy; &lt; &#8212; &quot; &nosuch;\n', None,
         '<p>© &lt; — " &amp;nosuch;</p>\n'),
    Case('entities-numeric', '&copy; "q" --\n', {'entity_output': 'numeric'},
         '<p>&#169; &#8220;q&#8221; &#8211;</p>\n'),
    Case('entities-symbolic', '&copy; "q" --\n', {'entity_output': 'symbolic'},
         '<p>&copy; &ldquo;q&rdquo; &ndash;</p>\n'),
    Case('smart-quotes-custom', '"a" \'b\'\n', {'smart_quotes': 'lsaquo,rsaquo,laquo,raquo'},
         '<p>«a» ‹b›</p>\n'),
    Case('typographic-symbols-option',
         'a -- b ... c\n',
         {'typographic_symbols': {'ndash': '--', 'hellip': '...'}},
         '<p>a -- b ... c</p>\n'),
    Case('typography-no-auto', 'a -- b ... << c >>\n', {'gfm_quirks': 'paragraph_end,no_auto_typographic'},
         '<p>a -- b ... &lt;&lt; c &gt;&gt;</p>\n'),
    Case('math-block-and-span', '$$x < 1$$\n\na $$y$$ b\n', None,
         '\\[x &lt; 1\\]\n\n<p>a \\(y\\) b</p>\n'),
    Case('math-engine-off', '$$x$$\n\na $$y$$\n', {'math_engine': None},
         '<div class="kdmath">$$\nx\n$$</div>\n\n<p>a <span class="kdmath">$y$</span></p>\n'),
    Case('emphasis-kramdown-rules', 'snake_case_word *a **b** c* a*b*\n', None,
         '<p>snake_case_word <em>a <strong>b</strong> c</em> a<em>b</em></p>\n'),
    Case('links-and-refs', '[a](u "t") [b][r] ![i](p.png)\n\n[r]: http://r.example \'R\'\n', None,
         ('<p><a href="u" title="t">a</a> <a href="http://r.example" ti'
          'tle="R">b</a> <img src="p.png" alt="i" /></p>\n'
          '\n')),
    Case('autolinks', '<http://x.y> <a@b.c>\n', None,
         '<p><a href="http://x.y">http://x.y</a> <a href="mailto:a@b.c">a@b.c</a></p>\n'),
    Case('strikethrough', '~~gone~~ and ~~ not ~~\n', None,
         '<p><del>gone</del> and ~~ not ~~</p>\n'),
    Case('escapes-gfm', '\\~\\~ \\* \\| \\\\\n', None,
         '<p>~~ * | \\</p>\n'),
    Case('cjk-line-breaks', '中文\n字\n', {'remove_line_breaks_for_cjk': True},
         '<p>中文字</p>\n'),
    Case('native-emphasis-and-links',
         'a <b>x</b> <i> y</i> <a href="u">l</a> <code>x &amp; y</code>\n',
         {'html_to_native': True},
         ('<p>a <strong>x</strong> <i> y</i> <a href="u">l</a> <code cl'
          'ass="language-plaintext highlighter-rouge">x &amp; y</code></p>\n')),
    Case('native-simple-table',
         '<table><tr><td style="text-align: right">a</td></tr></table>\n',
         {'html_to_native': True},
         ('<table>\n'
          '  <tbody>\n'
          '    <tr>\n'
          '      <td style="text-align: right">a</td>\n'
          '    </tr>\n'
          '  </tbody>\n'
          '</table>\n')),
    Case('native-list-and-wrapped-text',
         '<div>\ntext <b>bold</b>\n<ul>\n<li>one</li>\n</ul>\n</div>\n',
         {'html_to_native': True},
         '<div>\ntext <strong>bold</strong>   <ul>\n    <li>one</li>\n  </ul>\n</div>\n'),
    Case('native-paragraph-takes-following-text', '<p>a</p>l\n', {'html_to_native': True},
         '<p>al</p>\n'),
    Case('inline-options-tag',
         '# Head\n\n{::options auto_ids="false" entity_output="numeric" /}\n\n"q" &copy;\n',
         None,
         '<h1>Head</h1>\n\n<p>&#8220;q&#8221; &#169;</p>\n'),
    Case('stray-line-kept-as-text', ' \tx\n\n- a\n \tb\n', None,
         ' \tx\n\n<ul>\n  <li>a\n \tb</li>\n</ul>\n'),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_html_is_jekylls(case: Case) -> None:
    config = {"kramdown": case.kramdown} if case.kramdown is not None else None
    assert markdownify(case.markdown, config) == case.expect


@pytest.mark.parametrize("text, expect", [
    ("Lambda@edge", "lambdaedge"),
    ("Hi \u201cyou\u201d", "hi-you"),
    ("A -- B", "a----b"),
    ("\u00c9t\u00e9 d\u2019hiver", "\u00e9t\u00e9-dhiver"),
    ("snake_case 42", "snake_case-42"),
    ("tab\there", "tab-here"),
    ("\u00ab\u00a0x\u00a0\u00bb", "x"),
    ("", ""),
])
def test_gfm_slug(text: str, expect: str) -> None:
    assert gfm_slug(text) == expect


@pytest.mark.parametrize("text, expect", [
    ("1. Intro & More", "intro--more"),
    ("Hello World", "hello-world"),
    ("123", ""),
    ("\u00c9t\u00e9", "t"),
    ("a_b-c", "ab-c"),
])
def test_kramdown_slug(text: str, expect: str) -> None:
    assert kramdown_slug(text) == expect


def test_id_counters_count_duplicates_per_kind() -> None:
    ids = IdGenerator({"auto_id_prefix": "p-"})
    assert [ids.gfm_id("A"), ids.gfm_id("A"), ids.gfm_id("a-1")] == ["p-a", "p-a-1", "p-a-1"]
    assert [ids.kramdown_id("A"), ids.kramdown_id("A"), ids.kramdown_id("9")] == ["p-a", "p-a-1", "p-section"]
    ids.reset()
    assert ids.gfm_id("A") == "p-a"


@pytest.mark.parametrize("text, expect", [
    ('.a .b #x key="v"', {"class": "a b", "id": "x", "key": "v"}),
    ("#x.y", {"id": "x", "class": "y"}),
    ("ref other", {REFS: ["ref", "other"]}),
    ("k='it\\'s'", {"k": "it's"}),
    (" : ", {}),
    ("", {}),
])
def test_parse_attribute_list(text: str, expect: dict[str, Any]) -> None:
    assert parse_attribute_list(text) == expect


def test_update_attr_with_ial_applies_alds_first() -> None:
    attrs = {"class": "start"}
    update_attr_with_ial(attrs, {REFS: ["base"], "class": "own", "id": "x"},
                         {"base": {"class": "from-ald", "title": "t"}})
    assert attrs == {"class": "start from-ald own", "title": "t", "id": "x"}


@pytest.mark.parametrize("given, key, expect", [
    ({}, "input", "GFM"),
    ({}, "hard_wrap", False),
    ({}, "smart_quotes", ["lsquo", "rsquo", "ldquo", "rdquo"]),
    ({"smart_quotes": "apos,apos,quot,quot"}, "smart_quotes", ["apos", "apos", "quot", "quot"]),
    ({"smart_quotes": "8216,8217,8220,8221"}, "smart_quotes", [8216, 8217, 8220, 8221]),
    ({"toc_levels": "2..3"}, "toc_levels", [2, 3]),
    ({"toc_levels": "1,3,3"}, "toc_levels", [1, 3]),
    ({"entity_output": ":numeric"}, "entity_output", "numeric"),
    ({"math_engine": "nil"}, "math_engine", None),
    ({"auto_ids": "false"}, "auto_ids", False),
    ({"auto_ids": "no"}, "auto_ids", True),
    ({"header_offset": "2"}, "header_offset", 2),
    ({"gfm_quirks": "paragraph_end,no_auto_typographic"}, "gfm_quirks", ["paragraph_end", "no_auto_typographic"]),
    ({"typographic_symbols": {"hellip": "..."}}, "typographic_symbols", {"hellip": "..."}),
    ({}, "syntax_highlighter", "rouge"),
    ({}, "syntax_highlighter_opts", {"default_lang": "plaintext", "guess_lang": True}),
])
def test_kramdown_options(given: dict[str, Any], key: str, expect: Any) -> None:
    assert kramdown_options({"kramdown": given})[key] == expect


def test_highlighter_comes_from_the_site_setting() -> None:
    assert kramdown_options({"highlighter": "none"})["syntax_highlighter"] == "none"


@pytest.mark.parametrize("text, kind, expect", [
    ('a < b & "c"', "all", 'a &lt; b &amp; "c"'),
    ("&amp; &copy; & <", "text", "&amp; &copy; &amp; &lt;"),
    ('say "hi" &#8212;', "attribute", "say &quot;hi&quot; &#8212;"),
    ("plain", "text", "plain"),
])
def test_escape_html(text: str, kind: str, expect: str) -> None:
    assert escape_html(text, kind) == expect


@pytest.mark.parametrize("code", ["a<b & c\n", "\tx\n\n", "", "\u00e9\u4e2d", "no newline"])
def test_plain_text_code_is_what_the_highlighter_writes(code: str) -> None:
    """Code without a language skips the lexer; the result must be the highlighter's."""
    writer = CodeWriter(kramdown_options({}), KramdownRenderer(kramdown_options({})).html_attributes)
    assert writer.span(code, None) == highlight_span(code)
    assert writer.block(code, None, None, 2) == highlight_block(code, None, None, 2)


def test_renderer_hooks_wrap_builtins_collect_headers_and_finalize() -> None:
    md = create_markdown()
    seen: list[tuple[int, str]] = []
    heading = md.renderer.method("heading")

    def loud_heading(renderer: Any, token: dict[str, Any], indent: int) -> str:
        return heading(token, indent).upper()

    def finalize(renderer: Any, html: str, state: Any) -> str:
        seen.extend((level, ident) for level, ident, _ in renderer.toc)
        return html + f"<!-- {len(state.env['link_defs'])} link -->\n"

    md.renderer.register("heading", loud_heading)
    md.renderer.finalizers.append(finalize)
    html = md("# One\n\n## Two {#t}\n\n[x]: http://x\n")
    assert html == '<H1 ID="ONE">ONE</H1>\n\n<H2 ID="T">TWO</H2>\n\n<!-- 1 link -->\n'
    assert seen == [(1, "one"), (2, "t")]


def test_after_inline_hooks_see_span_tokens() -> None:
    md = create_markdown()
    found: list[str] = []
    md.after_inline_hooks.append(
        lambda md, state: found.extend(child["type"] for child in state.tokens[0]["children"]))
    md("*a* `b`\n")
    assert found == ["emphasis", "text", "codespan"]


def test_update_tree_walks_tokens_kept_outside_the_document() -> None:
    md = create_markdown()
    state = md.block.state_cls()
    tokens = md.update_tree([{"type": "paragraph", "text": "*a*"}, {"type": "eob", "kind": None},
                             {"type": "blank_line", "raw": "\n"}, {"type": "blank_line", "raw": "\n"}], state)
    assert [token["type"] for token in tokens] == ["paragraph", "blank_line"]
    assert tokens[0]["children"][0]["type"] == "emphasis"


def test_conversions_share_nothing_between_configurations() -> None:
    assert markdownify("# A\n", {"kramdown": {"auto_id_prefix": "x-"}}) == '<h1 id="x-a">A</h1>\n'
    assert markdownify("# A\n") == '<h1 id="a">A</h1>\n'
    assert markdownify("# A\n# A\n") == '<h1 id="a">A</h1>\n<h1 id="a-1">A</h1>\n'


def test_a_conversion_can_run_inside_another() -> None:
    md = create_markdown()
    inner: list[str] = []
    md.after_inline_hooks.append(lambda md, state: inner.append(markdownify("*x*")))
    assert md("- a\n") == "<ul>\n  <li>a</li>\n</ul>\n"
    assert inner == ["<p><em>x</em></p>\n"]
