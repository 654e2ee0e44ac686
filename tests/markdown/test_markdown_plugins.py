"""kramdown's extensions (`postforge.markdown.plugins`): their pure helpers, and Jekyll's HTML.

The helper tables pin down the pieces each plugin is made of (how an abbreviation scan cuts a
text, the markup of a footnote marker and its back-links, the shape of a TOC, what an attribute
list line does to the blocks before it).  The end-to-end table holds edge cases of each
extension beyond the golden corpus; every expected HTML string is what Jekyll 4.3.1 returned for
the input (``../shared/oracle/markdown.rb``; ``python tests/markdown/test_markdown_plugins.py``
asks it again and prints the cases whose answer changed).  They are compared like the corpus:
equal after the site comparison's ``normalise``.

(The module is not ``test_plugins.py``: ``tests/plugins/`` tests the site plugins, and pytest
without packages cannot collect two test modules of one basename.)
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from typing import NamedTuple

import pytest

from postforge.markdown import create_markdown
from postforge.markdown import markdownify
from postforge.markdown.blocks import KramdownBlockState
from postforge.markdown.document import KramdownMarkdown
from postforge.markdown.options import kramdown_options
from postforge.markdown.plugins import PLUGINS
from postforge.markdown.plugins import abbr
from postforge.markdown.plugins import deflist
from postforge.markdown.plugins import footnotes
from postforge.markdown.plugins import ial
from postforge.markdown.plugins import toc

HERE = Path(__file__).resolve().parent
ORACLE = HERE.parents[2] / "shared" / "oracle" / "markdown.rb"


def _normalised(html: str) -> str:
    """The HTML as the site comparison sees it (``tests/compat/compare.py``, loaded by path)."""
    name = "_postforge_compat_compare"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, HERE.parent / "compat" / "compare.py")
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module.normalise("page.html", html.encode("utf-8")).decode("utf-8")


# ----- abbreviations: kramdown's scan of one text element

KEYS = ["SQS", "C++", "C", "A.B", "AB", "-CD"]


@pytest.mark.parametrize(("text", "expected"), [
    ("plain text", [("plain text", False)]),
    ("SQS", [("", False), ("SQS", True), ("", False)]),
    ("aSQS SQSx SQS_", [("aSQS SQSx SQS_", False)]),
    ("(SQS).", [("(", False), ("SQS", True), (").", False)]),
    ("x\nSQS", [("x\n", False), ("SQS", True), ("", False)]),
    ("éSQS", [("é", False), ("SQS", True), ("", False)]),
    ("C++ and C", [("", False), ("C++", True), (" and ", False), ("C", True), ("", False)]),
    # the lookahead accepts "C" before "+y", then the longest abbreviation is taken
    ("C++y", [("", False), ("C++", True), ("y", False)]),
    ("xC++", [("xC++", False)]),
    ("A.B", [("", False), ("A.B", True), ("", False)]),
    # a string scanner's ^ matches where it stands: right after an abbreviation
    ("AB-CD", [("", False), ("AB", True), ("", False), ("-CD", True), ("", False)]),
    ("AB -CD", [("", False), ("AB", True), (" ", False), ("-CD", True), ("", False)]),
])
def test_split_abbreviations(text: str, expected: list[tuple[str, bool]]) -> None:
    assert abbr.split_abbreviations(text, *abbr.abbreviation_patterns(KEYS)) == expected


# ----- footnotes: a marker and the back-links of its note

@pytest.mark.parametrize(("args", "expected"), [
    (("1", 1, 0), '<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>'),
    (("note", 3, 2), '<sup id="fnref:note:2" role="doc-noteref"><a href="#fn:note" class="footnote" '
                     'rel="footnote">3</a></sup>'),
])
def test_footnote_marker_html(args: tuple[str, int, int], expected: str) -> None:
    assert footnotes.footnote_marker_html(*args) == expected


@pytest.mark.parametrize(("args", "expected"), [
    (("1", 0, "&#8617;", "\xa0", True),
     '\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a>'),
    (("1", 0, "&#8617;", "\xa0", False),
     '<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a>'),
    (("x", 2, "back", "&#160;", False),
     '<a href="#fnref:x" class="reversefootnote" role="doc-backlink">back</a>'
     '&#160;<a href="#fnref:x:1" class="reversefootnote" role="doc-backlink">back<sup>2</sup></a>'
     '&#160;<a href="#fnref:x:2" class="reversefootnote" role="doc-backlink">back<sup>3</sup></a>'),
])
def test_backlinks_html(args: tuple[Any, ...], expected: str) -> None:
    assert footnotes.backlinks_html(*args) == expected


# ----- table of contents: nesting by level, entry content

def _shape(token: dict[str, Any]) -> list[Any]:
    """A TOC tree as nested lists of link targets."""
    shape: list[Any] = []
    for item in token["children"]:
        href = item["children"][0]["children"][0]["attrs"]["href"]
        shape.append(href if len(item["children"]) == 1 else [href, _shape(item["children"][1])])
    return shape


@pytest.mark.parametrize(("levels", "expected"), [
    ([], []),
    ([1, 2, 3, 2, 1], [["#h0", [["#h1", ["#h2"]], "#h3"]], "#h4"]),
    ([3, 1], ["#h0", "#h1"]),
    ([1, 3, 2, 1, 4], [["#h0", ["#h1", "#h2"]], ["#h3", ["#h4"]]]),
    ([2, 2, 2], ["#h0", "#h1", "#h2"]),
])
def test_toc_tree_nesting(levels: list[int], expected: list[Any]) -> None:
    headers = [(level, f"h{index}", [{"type": "text", "raw": "x"}]) for index, level in enumerate(levels)]
    assert _shape(toc.toc_tree(headers, False, None)) == expected


@pytest.mark.parametrize(("attrs", "ordered", "expected_attrs", "entry_id"), [
    (None, False, {"id": "markdown-toc"}, "markdown-toc-a"),
    ({"class": "c", "id": "mine"}, True, {"class": "c", "id": "mine"}, "mine-a"),
    ({"id": ""}, False, {"id": ""}, "-a"),
])
def test_toc_tree_list_attributes(attrs: dict | None, ordered: bool, expected_attrs: dict,
                                  entry_id: str) -> None:
    tree = toc.toc_tree([(1, "a", [])], ordered, attrs)
    assert (tree["ordered"], tree["attrs"]) == (ordered, expected_attrs)
    assert tree["children"][0]["children"][0]["children"][0]["attrs"] == {"href": "#a", "id": entry_id}


def test_toc_entry_children_drop_footnotes_and_unwrap_links() -> None:
    text = {"type": "text", "raw": "t"}
    link = {"type": "link", "attrs": {"href": "x"}, "children": [
        {"type": "emphasis", "children": [text, {"type": "footnote", "name": "1"}]}]}
    children = [text, link, {"type": "footnote", "name": "2"}]
    assert toc.toc_entry_children(children) == [text, {"type": "emphasis", "children": [text]}]
    assert link["children"][0]["children"][1]["type"] == "footnote"  # the header keeps its own


# ----- definition lists: item attributes and term ids

@pytest.mark.parametrize(("text", "expected"), [
    ("term", ("term", None)),
    ("{: .x #y} term", ("term", {"class": "x", "id": "y"})),
    ("  {:.x}term\n", ("term\n", {"class": "x"})),
    ("term {: .x}", ("term {: .x}", None)),
    ("{:x: .y} term", ("{:x: .y} term", None)),
])
def test_strip_item_ial(text: str, expected: tuple[str, dict | None]) -> None:
    assert deflist.strip_item_ial(text) == expected


@pytest.mark.parametrize(("refs", "raw_text", "expected"), [
    ([], "Term", None),
    (["other"], "Term", None),
    (["auto_ids"], "First Term!", "first-term"),
    (["x", "auto_ids-pre-"], "2nd term", "pre-nd-term"),
    (["auto_ids"], "123", ""),
])
def test_term_id(refs: list[str], raw_text: str, expected: str | None) -> None:
    assert deflist.term_id(refs, raw_text) == expected


# ----- attribute lists: what a block IAL line does, what an extension leaves

def _state(tokens: list[dict[str, Any]], pending: dict | None = None) -> KramdownBlockState:
    state = KramdownBlockState()
    state.tokens = tokens
    state.block_ial = pending
    return state


@pytest.mark.parametrize(("before", "pending", "more", "after", "after_pending"), [
    ([], None, False, [], {"class": "a"}),
    ([{"type": "paragraph"}], None, False,
     [{"type": "paragraph", "ial": {"class": "a"}}, {"type": "eob", "kind": "ial"}], None),
    ([{"type": "paragraph"}], None, True, [{"type": "paragraph", "ial": {"class": "a"}}], None),
    ([{"type": "heading", "ial": {"class": "z"}}], None, True,
     [{"type": "heading", "ial": {"class": "z a"}}], None),
    ([{"type": "paragraph"}, {"type": "blank_line"}], None, False,
     [{"type": "paragraph"}, {"type": "blank_line"}], {"class": "a"}),
    ([{"type": "eob", "kind": "ial"}], {"id": "i"}, False, [{"type": "eob", "kind": "ial"}],
     {"id": "i", "class": "a"}),
    ([{"type": "eob", "kind": "abbrev_def"}], None, False,
     [{"type": "eob", "kind": "abbrev_def", "ial": {"class": "a"}}, {"type": "eob", "kind": "ial"}], None),
])
def test_attach_block_ial(before: list, pending: dict | None, more: bool, after: list,
                          after_pending: dict | None) -> None:
    state = _state(before, pending)
    ial.attach_block_ial(state, " .a", more)
    assert (state.tokens, state.block_ial) == (after, after_pending)


@pytest.mark.parametrize(("args", "expected"), [
    (("comment", {}, "c", "block"), [{"type": "comment", "raw": "c", "category": "block"}]),
    (("comment", {}, None, "span"), []),
    (("nomarkdown", {}, "<b>", "span"), [{"type": "raw", "raw": "<b>", "category": "span", "formats": []}]),
    (("nomarkdown", {"type": "html latex "}, "x", "block"),
     [{"type": "raw", "raw": "x", "category": "block", "formats": ["html", "latex"]}]),
    (("options", {"auto_ids": "false"}, None, "block"), [{"type": "eob", "kind": "extension"}]),
    (("options", {}, None, "span"), []),
    (("bogus", {}, "x", "block"), None),
])
def test_extension_tokens(args: tuple[Any, ...], expected: list | None) -> None:
    assert ial.extension_tokens(*args) == expected


def test_options_extension_is_recorded() -> None:
    _, state = create_markdown(None).parse('{::options auto_ids="false" template="t" nope="1" /}\n')
    assert dict(state.env["inline_options"]) == {"auto_ids": False}


# ----- each plugin stands alone: its syntax works, the others' stays text (or what the core reads)

@pytest.mark.parametrize(("plugin", "markdown", "expected"), [
    (footnotes.plugin, "a[^1]\n\n[^1]: n\n*[a]: x\n",
     '<p>a<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n'
     '<p>*[a]: x</p>\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n'
     '    <li id="fn:1" role="doc-endnote">\n'
     '      <p>n\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n'
     '    </li>\n  </ol>\n</div>\n'),
    (abbr.plugin, "a b\n{: .x}\n\n*[a]: x\n", '<p><abbr title="x">a</abbr> b\n{: .x}</p>\n\n'),
    (deflist.plugin, "T\n: d\n{: .x}\n", "<dl>\n  <dt>T</dt>\n  <dd>d</dd>\n</dl>\n<p>{: .x}</p>\n"),
    (ial.plugin, "T\n{: .x}\n: d\n", '<p class="x">T</p>\n<p>: d</p>\n'),
])
def test_plugin_alone(plugin: Any, markdown: str, expected: str) -> None:
    md = KramdownMarkdown(kramdown_options(None), [plugin])
    assert md(markdown) == expected


def test_plugins_are_listed_in_application_order() -> None:
    assert PLUGINS == (deflist.plugin, footnotes.plugin, abbr.plugin, ial.plugin, toc.plugin)


def test_documents_share_no_footnote_or_toc_state() -> None:
    md = create_markdown(None)
    first = md("* x\n{:toc}\n\n# A[^1]\n\n[^1]: n\n")
    second = md("b[^2]\n\n[^2]: m\n")
    assert 'rel="footnote">1</a>' in second and 'id="fn:1"' not in second
    assert md("* x\n{:toc}\n\n# A[^1]\n\n[^1]: n\n") == first


# ----- Jekyll's HTML for edge cases of every extension

class Case(NamedTuple):
    name: str
    markdown: str
    kramdown: dict[str, Any] | None  # the case's ``kramdown:`` settings
    html: str  # Jekyll 4.3.1's answer


CASES = [
    Case('abbr-word-boundaries',
         'Use SQS, SQSx, aSQS and SQS. Not `SQS`; [SQS](http://x "SQS").\n\n*[SQS]: Simple Queue Service\n',
         None,
         '<p>Use <abbr title="Simple Queue Service">SQS</abbr>, SQSx, aSQS and <abbr title="Simple Queue Service">SQS</abbr>. Not <code class="language-plaintext highlighter-rouge">SQS</code>; <a href="http://x" title="SQS"><abbr title="Simple Queue Service">SQS</abbr></a>.</p>\n\n'),
    Case('abbr-longest-first-and-symbols',
         '*[A.B]: dotted\n*[C++]: plus\n*[C]: see\n\nA.B and C++ and C and xC++ and C++y.\n',
         None,
         '\n<p><abbr title="dotted">A.B</abbr> and <abbr title="plus">C++</abbr> and <abbr title="see">C</abbr> and xC++ and <abbr title="plus">C++</abbr>y.</p>\n'),
    Case('abbr-definition-inside-paragraph',
         'para\n*[X]: not a definition\n\nX here\n',
         None,
         '<p>para\n*[X]: not a definition</p>\n\n<p>X here</p>\n'),
    Case('abbr-split-by-smart-quote',
         "*[It's]: quote\n\nIt's here.\n",
         None,
         '\n<p>It’s here.</p>\n'),
    Case('abbr-right-after-abbr',
         '*[AB]: ab\n*[-CD]: cd\n\nAB-CD and AB -CD\n',
         None,
         '\n<p><abbr title="ab">AB</abbr><abbr title="cd">-CD</abbr> and <abbr title="ab">AB</abbr> <abbr title="cd">-CD</abbr></p>\n'),
    Case('abbr-raw-span-html',
         '*[SQS]: x\n\n<span>SQS</span> and <code>SQS</code> SQS\n',
         None,
         '\n<p><span><abbr title="x">SQS</abbr></span> and <code>SQS</code> <abbr title="x">SQS</abbr></p>\n'),
    Case('abbr-value-written-raw',
         '*[A&B]: amp\n\nA&B\n',
         None,
         '\n<p><abbr title="amp">A&B</abbr></p>\n'),
    Case('abbr-pending-ial',
         '{: .x}\n*[SQS]: x\n\nSQS\n',
         None,
         '\n<p><abbr class="x" title="x">SQS</abbr></p>\n'),
    Case('abbr-title-escaped',
         '*[HTML]: Hyper "Text" <Markup> &amp;\n*[W3C]:\n\nHTML by W3C.\n',
         None,
         '\n<p><abbr title="Hyper &quot;Text&quot; &lt;Markup&gt; &amp;">HTML</abbr> by <abbr>W3C</abbr>.</p>\n'),
    Case('ial-ends-paragraph',
         'para one\n{: .a #b key="v"}\npara two\n',
         None,
         '<p class="a" id="b" key="v">para one</p>\n<p>para two</p>\n'),
    Case('ial-lost-on-blank-line',
         '{: .lost}\n\npara\n',
         None,
         '\n<p>para</p>\n'),
    Case('ial-stacked-lines',
         'para\n{: .one}\n{: .two}\n',
         None,
         '<p class="one two">para</p>\n'),
    Case('ial-pending-merges',
         '{: .a}\n{: .b}\npara\n{: .c}\n',
         None,
         '<p class="a b c">para</p>\n'),
    Case('ial-after-ald-is-pending',
         'para\n{: .a}\n{:r: .b}\n{: r}\n',
         None,
         '<p class="a">para</p>\n'),
    Case('ial-on-link-definition',
         '[foo]: http://x\n{: .lnk}\n\n[a][foo]\n',
         None,
         '\n<p><a class="lnk" href="http://x">a</a></p>\n'),
    Case('ial-brace-in-value-is-text',
         'para\n{: title="a \\"q\\" }" data-x=\'y\'}\n',
         None,
         '<p>para\n{: title=”a "q" }” data-x=’y’}</p>\n'),
    Case('ial-last-id-wins',
         'para\n{: #a #b .c.d#e}\n',
         None,
         '<p id="e" class="c d">para</p>\n'),
    Case('ald-defined-later',
         'para\n{: later}\n\n{:later: .lat title="T"}\n',
         None,
         '<p class="lat" title="T">para</p>\n\n'),
    Case('ald-chain',
         '{:a: b .x}\n{:b: .y #z}\n\npara\n{: a}\n',
         None,
         '\n<p class="y x" id="z">para</p>\n'),
    Case('ald-redefined-merges',
         '{:ald: .a}\n{:ald: .b}\npara\n{: ald}\n',
         None,
         '<p class="a b">para</p>\n'),
    Case('span-ial-kinds',
         '*em*{: .x}{: .y} and "q"{: .z} and `c`{:.language-ruby} and [l](x){: #i}\n',
         None,
         '<p><em class="x y">em</em> and “q” and <code class="language-ruby highlighter-rouge"><span class="n">c</span></code> and <a href="x" id="i">l</a></p>\n'),
    Case('span-ial-after-text',
         'text{: .nope} here\n',
         None,
         '<p>text{: .nope} here</p>\n'),
    Case('span-ial-after-strike-and-html',
         '~~del~~{: .d} <span>x</span>{: .s}\n',
         None,
         '<p><del class="d">del</del> <span class="s">x</span></p>\n'),
    Case('span-ial-after-reference-link',
         '[ref][r]{: .c}\n\n[r]: http://r\n',
         None,
         '<p><a href="http://r" class="c">ref</a></p>\n\n'),
    Case('extension-span',
         'a {::comment}hidden{:/comment} b {::nomarkdown}<b>raw</b>{:/nomarkdown} c {::nomarkdown}x{:/} d\n',
         None,
         '<p>a <!-- hidden --> b <b>raw</b> c x d</p>\n'),
    Case('extension-block',
         '{::comment}\nblock comment\n{:/comment}\n\n{::nomarkdown type="latex"}\n\\latex\n{:/nomarkdown}\n\n{::nomarkdown}\n<div>raw *html*</div>\n{:/}\n',
         None,
         '<!-- block comment -->\n\n\n<div>raw *html*</div>\n'),
    Case('extension-unknown-or-stray',
         '{::bogus}x{:/bogus}\n\npara {::bogus}x{:/bogus} {:/comment} end\n\n{:/}\n',
         None,
         '<p>{::bogus}x{:/bogus}</p>\n\n<p>para {::bogus}x{:/bogus} {:/comment} end</p>\n\n<p>{:/}</p>\n'),
    Case('fn-lazy-line-ends-definition',
         'x[^1]\n\n[^1]: first\nlazy second\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<p>lazy second</p>\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>first\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-lazy-line-after-indented',
         'x[^1]\n\n[^1]: first\n\n    second para\nlazy\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>first</p>\n\n      <p>second para\nlazy\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-names',
         'x[^1] y[^a-b] z[^a b] w[^é]\n\n[^1]: one\n[^a-b]: two\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> y<sup id="fnref:a-b" role="doc-noteref"><a href="#fn:a-b" class="footnote" rel="footnote">2</a></sup> z[^a b] w[^é]</p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>one\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n    <li id="fn:a-b" role="doc-endnote">\n      <p>two\xa0<a href="#fnref:a-b" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-empty-definition',
         'x[^1]\n\n[^1]:\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n\n      <p><a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-last-definition-wins',
         'x[^1]\n\n[^1]: a\n[^1]: b\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>b\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-three-references',
         'x[^1] and [^1] and [^1]\n\n[^1]: note\n\n    * list\n    * in note\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> and <sup id="fnref:1:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> and <sup id="fnref:1:2" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>note</p>\n\n      <ul>\n        <li>list</li>\n        <li>in note</li>\n      </ul>\n      <p><a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a>\xa0<a href="#fnref:1:1" class="reversefootnote" role="doc-backlink">&#8617;<sup>2</sup></a>\xa0<a href="#fnref:1:2" class="reversefootnote" role="doc-backlink">&#8617;<sup>3</sup></a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-code-block-last',
         'x[^1]\n\n[^1]:\n    ```\n    code\n    ```\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n\n      <div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight"><code>code\n</code></pre></div>      </div>\n      <p><a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-definition-continues-paragraph',
         'para[^1]\n[^1]: not a definition\n',
         None,
         '<p>para[^1]\n[^1]: not a definition</p>\n'),
    Case('fn-in-link-text',
         'x[^1] [link[^1]](http://x)\n\n[^1]: a\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> [link<sup id="fnref:1:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>](http://x)</p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>a\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a>\xa0<a href="#fnref:1:1" class="reversefootnote" role="doc-backlink">&#8617;<sup>2</sup></a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-location-list',
         '* TOC\n{:toc}\n\n# A[^1]\n\n## B\n\n* x\n{:footnotes}\n\n[^1]: n\n',
         None,
         '<ul id="markdown-toc">\n  <li><a href="#a" id="markdown-toc-a">A</a>    <ul>\n      <li><a href="#b" id="markdown-toc-b">B</a></li>\n    </ul>\n  </li>\n</ul>\n\n<h1 id="a">A<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></h1>\n\n<h2 id="b">B</h2>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>n\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n\n'),
    Case('fn-location-without-notes',
         '* a\n{:footnotes}\n\nno notes\n',
         None,
         '\n<p>no notes</p>\n'),
    Case('fn-toc-wins-same-list',
         '* a\n{:toc}\n{:footnotes}\n\n# H[^1]\n\n[^1]: n\n',
         None,
         '<ul id="markdown-toc">\n  <li><a href="#h" id="markdown-toc-h">H</a></li>\n</ul>\n\n<h1 id="h">H<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></h1>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>n\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-heading-in-note',
         'x[^1]\n\n[^1]: a\n\n    # head\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>a</p>\n\n      <h1 id="head">head</h1>\n      <p><a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-backlink-inline-in-quote',
         'x[^1] y[^1]\n\n[^1]: note\n\n    > quote last\n',
         {'footnote_backlink_inline': True},
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> y<sup id="fnref:1:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>note</p>\n\n      <blockquote>\n        <p>quote last\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a>\xa0<a href="#fnref:1:1" class="reversefootnote" role="doc-backlink">&#8617;<sup>2</sup></a></p>\n      </blockquote>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-backlink-empty-code-last',
         'x[^1]\n\n[^1]:\n    ```\n    code\n    ```\n',
         {'footnote_backlink': ''},
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n\n      <div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight"><code>code\n</code></pre></div>      </div>\n      <p></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-backlink-escaped',
         'x[^1]\n\n[^1]: a\n',
         {'footnote_backlink': '<back>', 'footnote_prefix': 'p-'},
         '<p>x<sup id="fnref:p-1" role="doc-noteref"><a href="#fn:p-1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:p-1" role="doc-endnote">\n      <p>a\xa0<a href="#fnref:p-1" class="reversefootnote" role="doc-backlink">&lt;back&gt;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-nbsp-numeric',
         'x[^1]\n\n[^1]: a\n',
         {'entity_output': 'numeric', 'footnote_nr': '5'},
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">5</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol start="5">\n    <li id="fn:1" role="doc-endnote">\n      <p>a&#160;<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('dl-lazy-term-line',
         'T\n: d\nT2\n: d2\n',
         None,
         '<dl>\n  <dt>T</dt>\n  <dd>d\nT2</dd>\n  <dd>d2</dd>\n</dl>\n'),
    Case('dl-first-as-para',
         'Term one\nTerm two\n: def\n\n: second\n',
         None,
         '<dl>\n  <dt>Term one</dt>\n  <dt>Term two</dt>\n  <dd>def</dd>\n  <dd>\n    <p>second</p>\n  </dd>\n</dl>\n'),
    Case('dl-transparent-then-blocks',
         'Term\n: def two\n\n  with paragraph\n:   code?\n\n        indented code\n',
         None,
         '<dl>\n  <dt>Term</dt>\n  <dd>def two\n\n    <p>with paragraph</p>\n  </dd>\n  <dd>code?\n\n    <div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight"><code>indented code\n</code></pre></div>    </div>\n  </dd>\n</dl>\n'),
    Case('dl-joins-after-blank',
         'T\n: d\n\nT2\n: d2\n\npara\n',
         None,
         '<dl>\n  <dt>T</dt>\n  <dd>d</dd>\n  <dt>T2</dt>\n  <dd>d2</dd>\n</dl>\n\n<p>para</p>\n'),
    Case('dl-item-ials',
         '{: .x} T\n: {: .y} d\n{: .z}\n',
         None,
         '<dl class="z">\n  <dt class="x">T</dt>\n  <dd class="y">d</dd>\n</dl>\n'),
    Case('dl-auto-ids',
         '{:auto_ids}\nFirst term\nSecond *term*\n: d\n\nT\n: d\n{:auto_ids-pre-}\n',
         None,
         '<dl>\n  <dt id="first-term">First term</dt>\n  <dt id="second-term">Second <em>term</em></dt>\n  <dd>d</dd>\n  <dt id="t">T</dt>\n  <dd>d</dd>\n</dl>\n'),
    Case('dl-eob-marker',
         'T\n: d\n^\nT2\n: d2\n',
         None,
         '<dl>\n  <dt>T</dt>\n  <dd>d</dd>\n</dl>\n<dl>\n  <dt>T2</dt>\n  <dd>d2</dd>\n</dl>\n'),
    Case('dl-two-blank-lines',
         'T\n: d\n\n\n: d2 after two blanks\n',
         None,
         '<dl>\n  <dt>T</dt>\n  <dd>d</dd>\n  <dd>\n    <p>d2 after two blanks</p>\n  </dd>\n</dl>\n'),
    Case('dl-in-list-and-quote',
         '* item\n\n  T\n  : d\n\n> T\n> : d\n',
         None,
         '<ul>\n  <li>\n    <p>item</p>\n\n    <dl>\n      <dt>T</dt>\n      <dd>d</dd>\n    </dl>\n  </li>\n</ul>\n\n<blockquote>\n  <dl>\n    <dt>T</dt>\n    <dd>d</dd>\n  </dl>\n</blockquote>\n'),
    Case('dl-header-is-not-a-term',
         '# H\n: d\n\npara\n\n: no term\n',
         None,
         '<h1 id="h">H</h1>\n<p>: d</p>\n\n<dl>\n  <dt>para</dt>\n  <dd>\n    <p>no term</p>\n  </dd>\n</dl>\n'),
    Case('toc-levels-jumping',
         '* x\n{:toc}\n\n# A\n### C\n## B\n# D\n#### E\n',
         None,
         '<ul id="markdown-toc">\n  <li><a href="#a" id="markdown-toc-a">A</a>    <ul>\n      <li><a href="#c" id="markdown-toc-c">C</a></li>\n      <li><a href="#b" id="markdown-toc-b">B</a></li>\n    </ul>\n  </li>\n  <li><a href="#d" id="markdown-toc-d">D</a>    <ul>\n      <li><a href="#e" id="markdown-toc-e">E</a></li>\n    </ul>\n  </li>\n</ul>\n\n<h1 id="a">A</h1>\n<h3 id="c">C</h3>\n<h2 id="b">B</h2>\n<h1 id="d">D</h1>\n<h4 id="e">E</h4>\n'),
    Case('toc-entry-content',
         '* x\n{:toc}\n\n# Head `code` "q" <span>h</span> &amp; [l](x) n[^1]\n\n[^1]: n\n',
         None,
         '<ul id="markdown-toc">\n  <li><a href="#head-code-q-h--l-n" id="markdown-toc-head-code-q-h--l-n">Head <code class="language-plaintext highlighter-rouge">code</code> “q” <span>h</span> &amp; l n</a></li>\n</ul>\n\n<h1 id="head-code-q-h--l-n">Head <code class="language-plaintext highlighter-rouge">code</code> “q” <span>h</span> &amp; <a href="x">l</a> n<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></h1>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>n\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('toc-nested-blocks-and-html',
         '<div markdown="1">\n# Html heading\n</div>\n\n* x\n{:toc}\n\n> # In quote\n\n* # In list\n',
         None,
         '<div>\n  <h1 id="html-heading">Html heading</h1>\n</div>\n\n<ul id="markdown-toc">\n  <li><a href="#html-heading" id="markdown-toc-html-heading">Html heading</a></li>\n  <li><a href="#in-quote" id="markdown-toc-in-quote">In quote</a></li>\n  <li><a href="#in-list" id="markdown-toc-in-list">In list</a></li>\n</ul>\n\n<blockquote>\n  <h1 id="in-quote">In quote</h1>\n</blockquote>\n\n<ul>\n  <li>\n    <h1 id="in-list">In list</h1>\n  </li>\n</ul>\n'),
    Case('toc-abbr-in-entry',
         '* x\n{:toc}\n\n# *SQS*\n\n*[SQS]: Simple\n',
         None,
         '<ul id="markdown-toc">\n  <li><a href="#sqs" id="markdown-toc-sqs"><em><abbr title="Simple">SQS</abbr></em></a></li>\n</ul>\n\n<h1 id="sqs"><em><abbr title="Simple">SQS</abbr></em></h1>\n\n'),
    Case('toc-empty',
         '* x\n{:toc}\n',
         None,
         ''),
    Case('toc-second-list-plain',
         '* a\n{:toc}\n\n* b\n{:toc}\n\n# H\n',
         None,
         '<ul id="markdown-toc">\n  <li><a href="#h" id="markdown-toc-h">H</a></li>\n</ul>\n\n<ul>\n  <li>b</li>\n</ul>\n\n<h1 id="h">H</h1>\n'),
    Case('toc-levels-option',
         '* x\n{:toc}\n\n# A\n## B\n### C\n',
         {'toc_levels': '2..3'},
         '<ul id="markdown-toc">\n  <li><a href="#b" id="markdown-toc-b">B</a>    <ul>\n      <li><a href="#c" id="markdown-toc-c">C</a></li>\n    </ul>\n  </li>\n</ul>\n\n<h1 id="a">A</h1>\n<h2 id="b">B</h2>\n<h3 id="c">C</h3>\n'),
    Case('toc-heading-in-footnote',
         '* x\n{:toc}\n\n# A[^1]\n\n[^1]: note\n\n    # Heading in footnote\n',
         None,
         '<ul id="markdown-toc">\n  <li><a href="#a" id="markdown-toc-a">A</a></li>\n  <li><a href="#heading-in-footnote" id="markdown-toc-heading-in-footnote">Heading in footnote</a></li>\n</ul>\n\n<h1 id="a">A<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></h1>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>note</p>\n\n      <h1 id="heading-in-footnote">Heading in footnote</h1>\n      <p><a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-self-and-nested-references',
         'x[^1]\n\n[^1]: see [^1] and [^2]\n[^2]: two [^1]\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>see <sup id="fnref:1:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> and <sup id="fnref:2" role="doc-noteref"><a href="#fn:2" class="footnote" rel="footnote">2</a></sup>\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n    <li id="fn:2" role="doc-endnote">\n      <p>two <sup id="fnref:1:2" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>\xa0<a href="#fnref:2" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-definition-list-in-note',
         'x[^a]\n\n[^a]: T\n    : d\n',
         None,
         '<p>x<sup id="fnref:a" role="doc-noteref"><a href="#fn:a" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:a" role="doc-endnote">\n      <dl>\n        <dt>T</dt>\n        <dd>d</dd>\n      </dl>\n      <p><a href="#fnref:a" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-ial-after-marker',
         'x[^a]{: .c}\n\n[^a]: n\n',
         None,
         '<p>x<sup id="fnref:a" role="doc-noteref"><a href="#fn:a" class="footnote" rel="footnote">1</a></sup></p>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:a" role="doc-endnote">\n      <p>n\xa0<a href="#fnref:a" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('fn-abbr-defined-in-note',
         'x[^1]\n\n[^1]: text\n    *[ABB]: in note\n\nABB\n',
         None,
         '<p>x<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>\n\n<p>ABB</p>\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>text\n*[ABB]: in note\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('span-ial-image-in-link',
         '[![i](a.png){: .in}](http://x){: .out}\n',
         None,
         '<p><a href="http://x" class="out"><img src="a.png" alt="i" class="in" /></a></p>\n'),
    Case('ial-after-extension-is-pending',
         '{::comment}x{:/comment}\n{: .after}\npara\n',
         None,
         '<p class="after"><!-- x --></p>\n<p>para</p>\n'),
    Case('abbr-and-footnote-in-table',
         '| a | SQS |\n|---|---|\n| SQS[^1] | b |\n\n*[SQS]: s\n[^1]: n\n',
         None,
         '<table>\n  <thead>\n    <tr>\n      <th>a</th>\n      <th><abbr title="s">SQS</abbr></th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td><abbr title="s">SQS</abbr><sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></td>\n      <td>b</td>\n    </tr>\n  </tbody>\n</table>\n\n<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1" role="doc-endnote">\n      <p>n\xa0<a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n'),
    Case('toc-code-and-raw-html-headers',
         '* x\n{:toc}\n\n# `code` only\n\n# <em>raw</em> html\n',
         None,
         '<ul id="markdown-toc">\n  <li><a href="#code-only" id="markdown-toc-code-only"><code class="language-plaintext highlighter-rouge">code</code> only</a></li>\n  <li><a href="#raw-html" id="markdown-toc-raw-html"><em>raw</em> html</a></li>\n</ul>\n\n<h1 id="code-only"><code class="language-plaintext highlighter-rouge">code</code> only</h1>\n\n<h1 id="raw-html"><em>raw</em> html</h1>\n'),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_jekyll_html(case: Case) -> None:
    config = {"kramdown": case.kramdown} if case.kramdown else None
    assert _normalised(markdownify(case.markdown, config)) == _normalised(case.html)


def test_case_names_are_unique() -> None:
    assert len({case.name for case in CASES}) == len(CASES)


def main() -> int:
    """Ask Jekyll again (needs Ruby and Jekyll 4.3.1) and print the cases whose answer changed."""
    items = [{"markdown": case.markdown, "config": {"kramdown": case.kramdown} if case.kramdown else None}
             for case in CASES]
    result = subprocess.run([str(ORACLE)], input=json.dumps(items), capture_output=True, text=True, check=True)
    changed = 0
    for case, answer in zip(CASES, json.loads(result.stdout)):
        if answer != case.html:
            changed += 1
            print(f"{case.name}: {answer!r}")
    print(f"{changed} of {len(CASES)} answers changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
