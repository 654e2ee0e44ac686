"""The page re-serialisation jekyll-mentions and jemoji share, against Nokogiri itself.

``NOKOGIRI`` pairs each fragment with what ``Nokogiri::HTML::DocumentFragment.parse(fragment).to_html``
gave (Nokogiri 1.13.10 on libxml2 2.9.14, Debian's, the version html-pipeline runs with beside the
oracle's Jekyll); the postforge side parses with ``postforge.htmltree`` and serialises with
``html_pipeline.serialize``.
"""

from __future__ import annotations

import pytest

from postforge.htmltree import Text
from postforge.htmltree import parse
from postforge.plugins.html_pipeline import replace_text
from postforge.plugins.html_pipeline import serialize
from postforge.plugins.html_pipeline import split_body
from postforge.plugins.html_pipeline import text_html

NOKOGIRI = [
    ('<p>a &copy; &nbsp; &quot;x&quot; &#39;y&#39; &lt;t&gt; &amp; ü</p>',
     '<p>a © \xa0 "x" \'y\' &lt;t&gt; &amp; ü</p>'),
    ('<p><a href=\'/x?a=1&amp;b=2\' title="it\'s &quot;q&quot;">l</a></p>',
     '<p><a href="/x?a=1&amp;b=2" title="it\'s &quot;q&quot;">l</a></p>'),
    ('<a href="/tags/élan x">e</a><img src="é.png" alt="é &amp; x"/>',
     '<a href="/tags/%C3%A9lan%20x">e</a><img src="%C3%A9.png" alt="é &amp; x">'),
    ('<ul><li>a</li><li><p>b</p><p>c</p></li></ul>',
     '<ul>\n<li>a</li>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n</ul>'),
    ('<div><p>x</p><p>y</p></div>',
     '<div>\n<p>x</p>\n<p>y</p>\n</div>'),
    ('<table><tr><td>1</td></tr></table>',
     '<table><tr><td>1</td></tr></table>'),
    ('<input type="checkbox" checked="checked" disabled="disabled"><option selected>x</option>',
     '<input type="checkbox" checked disabled><option selected>x</option>'),
    ('<svg viewBox="0 0 1 1"><path d="M0"/></svg>',
     '<svg viewbox="0 0 1 1"><path d="M0"></path></svg>'),
    ('<section><div>a</div><div>b</div></section>',
     '<section><div>a</div>\n<div>b</div></section>'),
    ('<!-- c --><p>x</p>\n<script>if (a < b && c) {}</script><style>a > b {}</style>',
     '<!-- c --><p>x</p>\n<script>if (a < b && c) {}</script><style>a > b {}</style>'),
    ('<pre><code>a\n&lt;b&gt;</code></pre>',
     '<pre><code>a\n&lt;b&gt;</code></pre>'),
    ('<div class="highlight"><pre class="highlight"><code><span class="n">x</span></code></pre></div>',
     '<div class="highlight"><pre class="highlight"><code><span class="n">x</span></code></pre></div>'),
    ('<p>x<br />y</p><hr /><p>z</p>',
     '<p>x<br>y</p><hr><p>z</p>'),
    ('<blockquote><p>q</p></blockquote><dl><dt>a</dt><dd>b</dd></dl>',
     '<blockquote><p>q</p></blockquote><dl>\n<dt>a</dt>\n<dd>b</dd>\n</dl>'),
    ('<h2 id="x">T</h2><sup id="fnref:1"><a href="#fn:1" class="footnote" rel="footnote" role="doc-noteref">1</a></sup>',
     '<h2 id="x">T</h2><sup id="fnref:1"><a href="#fn:1" class="footnote" rel="footnote" role="doc-noteref">1</a></sup>'),
    ('<td>x</td>',
     '<td>x</td>'),
    ('<li><a>1</a></li>',
     '<li><a>1</a></li>'),
    ('<div><span>1</span><span>2</span></div>',
     '<div>\n<span>1</span><span>2</span>\n</div>'),
    ('<ol><li>a</li></ol><p>after</p>',
     '<ol><li>a</li></ol><p>after</p>'),
    ('<p>a</p>\n<p>b</p>',
     '<p>a</p>\n<p>b</p>'),
    ('<div><a>1</a><a>2</a></div>',
     '<div>\n<a>1</a><a>2</a>\n</div>'),
    ('<em>x</em><strong>y</strong>',
     '<em>x</em><strong>y</strong>'),
    ('<p><em>x</em><strong>y</strong></p>',
     '<p><em>x</em><strong>y</strong></p>'),
    ('<button disabled>b</button><details open><summary>s</summary></details>',
     '<button disabled>b</button><details open><summary>s</summary></details>'),
    ('<a href="mailto:a@b.c">m</a> <a href="#x y">h</a>',
     '<a href="mailto:a@b.c">m</a> <a href="#x%20y">h</a>'),
    ('<iframe src="https://x.org/a b" allowfullscreen></iframe>',
     '<iframe src="https://x.org/a%20b" allowfullscreen></iframe>'),
    ('<p>\xa0</p>',
     '<p>\xa0</p>'),
    ('<div>text<p>in</p></div>',
     '<div>text<p>in</p>\n</div>'),
    ('<table>\n  <thead>\n    <tr>\n      <th>a</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td>1</td>\n    </tr>\n  </tbody>\n</table>\n',
     '<table>\n  <thead>\n    <tr>\n      <th>a</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td>1</td>\n    </tr>\n  </tbody>\n</table>\n'),
    ('<ul>\n  <li>a</li>\n</ul>\n<p>x</p>\n',
     '<ul>\n  <li>a</li>\n</ul>\n<p>x</p>\n'),
    ('<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1">\n      <p>n <a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n',
     '<div class="footnotes" role="doc-endnotes">\n  <ol>\n    <li id="fn:1">\n      <p>n <a href="#fnref:1" class="reversefootnote" role="doc-backlink">↩</a></p>\n    </li>\n  </ol>\n</div>\n'),
    ('<p>a \'b\' "c"</p><span title=\'say "hi"\'>x</span><span title="a&#13;b">y</span>',
     '<p>a \'b\' "c"</p><span title=\'say "hi"\'>x</span><span title="a\rb">y</span>'),
    ('<p>text</p>\n<h2 id="a">A</h2>\n<pre><code>x\n</code></pre>\n<img src="x.png" alt="x" />\n',
     '<p>text</p>\n<h2 id="a">A</h2>\n<pre><code>x\n</code></pre>\n<img src="x.png" alt="x">\n'),
    ('\n  <main>\n<p>x</p>\n  </main>\n  <footer>f</footer>\n',
     '\n  <main>\n<p>x</p>\n  </main>\n  <footer>f</footer>\n'),
    ('<a href="  /lead">l</a><a href="a[1]$b\'c">m</a><img src="data:image/png;base64,AB+/=">',
     '<a href="/lead">l</a><a href="a%5B1%5D%24b\'c">m</a><img src="data:image/png;base64,AB+/=">'),
    ('<p>&#64;user &#x40;x &unknown; &amp;amp;</p>',
     '<p>@user @x &amp;unknown; &amp;amp;</p>'),
    ('<ul><li></li><li>x</li></ul><dl><dd></dd></dl><select><option></option></select><p></p><div></div>',
     '<ul>\n<li>\n<li>x</li>\n</ul><dl><dd></dd></dl><select><option></option></select><p></p><div></div>'),
    ('<p>a\rb</p>',
     '<p>a\rb</p>'),
    ('<!-- first --><div><!-- c --><p>x</p></div>',
     '<!-- first --><div>\n<!-- c --><p>x</p>\n</div>'),
    ('<ul>\n<li><p>a</p>\n<ul><li>b</li></ul></li>\n</ul>',
     '<ul>\n<li>\n<p>a</p>\n<ul><li>b</li></ul>\n</li>\n</ul>'),
    ('<p>&nbsp;&mdash;&hellip;&#8217;</p>',
     '<p>\xa0—…’</p>'),
    ('<h1>T</h1><h2>U</h2><hr/><p>v</p>',
     '<h1>T</h1><h2>U</h2><hr><p>v</p>'),
]


@pytest.mark.parametrize("fragment, expect", NOKOGIRI)
def test_serialize_as_nokogiri(fragment: str, expect: str) -> None:
    assert serialize(parse(fragment)) == expect


@pytest.mark.parametrize(
    "page, expect",
    [
        ("<p>no body</p>", ("", "<p>no body</p>", "")),
        ("<html><body>\n  <p>x</p>\n</body></html>", ("<html><body>\n  ", "<p>x</p>\n", "</body></html>")),
        ('<body\n class="a">x</body>', ('<body\n class="a">', "x", "</body>")),
        ("<body>x", ("<body>", "x", "")),
        ("<bodyguard>", ("<bodyguard>", "", "")),
        ("text <body", ("text <body", "", "")),
    ],
)
def test_split_body(page: str, expect: tuple[str, str, str]) -> None:
    assert split_body(page) == expect


@pytest.mark.parametrize(
    "source, expect",
    [("a &amp; b", "a &amp; b"), ("&copy; &lt;x&gt;", "© &lt;x&gt;"), ("&#64;me", "@me"), ("5 > 3", "5 &gt; 3")],
)
def test_text_html(source: str, expect: str) -> None:
    assert text_html(Text(source)) == expect


def test_replace_text_skips_elements_and_splices_markup() -> None:
    root = parse("<p>a <code>a</code> <b>a</b></p><pre>a</pre>")

    def change(node: Text) -> str | None:
        return node.text.replace("a", "<i>A</i>") if "a" in node.text else None

    assert replace_text(root, frozenset({"code", "pre"}), change)
    assert serialize(root) == "<p><i>A</i> <code>a</code> <b><i>A</i></b></p><pre>a</pre>"
    assert not replace_text(parse("<p>b</p>"), frozenset(), change)
