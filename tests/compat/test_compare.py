"""The comparison's own tests: normalise forgives layout, never content; compare_trees reports it.

``normalise`` decides what "the same as Jekyll" means for the whole compat suite, so each rule is
shown both ways: what it must ignore (attribute order, whitespace between tags and inside tags,
line endings) and, next to it, the real differences it must still see (text, attribute values,
a missing element or attribute, whitespace that renders, whitespace inside ``<pre>``, bytes of a
binary file).
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _load_compare():
    """compare.py by path, under a name no other test directory can clash with."""
    name = "_postforge_compat_compare"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "compare.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


compare = _load_compare()


@dataclass(frozen=True)
class Pair:
    description: str
    path: str
    jekyll: bytes
    ours: bytes
    same: bool


PAIRS = [
    # ignored: attribute order, whitespace in and between tags, line endings
    Pair("attribute order", "a.html", b'<a href="/x" class="k" id="i">x</a>', b'<a id="i" class="k" href="/x">x</a>', True),
    Pair("attribute order in xml", "feed.xml", b'<link rel="self" href="/f"/>', b'<link href="/f" rel="self"/>', True),
    Pair("attribute name case only for the sort", "a.html", b'<p B="1" a="2">', b'<p a="2" B="1">', True),
    Pair("spaces between attributes", "a.html", b'<img  src="a.png"\n     alt="A">', b'<img src="a.png" alt="A">', True),
    Pair("self-closing slash spacing", "a.html", b"<br/><hr  />", b"<br /><hr />", True),
    Pair("spaces around =", "a.html", b'<td style = "x">', b'<td style="x">', True),
    Pair("whitespace between block tags", "a.html", b"<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>", b"<ul>\n<li>a</li> <li>b</li>\n\n</ul>", True),
    Pair("whitespace kind between tags", "a.html", b"</p>\t\t<p>", b"</p>\n<p>", True),
    Pair("whitespace after a comment", "a.html", b"<!-- c -->\n\n<p>x</p>", b"<!-- c --> <p>x</p>", True),
    Pair("whitespace after the doctype", "a.html", b"<!DOCTYPE html>\n<html>", b"<!DOCTYPE html>   <html>", True),
    Pair("CRLF line endings in html", "a.html", b"<p>a\r\nb</p>\r\n", b"<p>a\nb</p>\n", True),
    Pair("CR line endings in css", "s.css", b"a{}\rb{}\r", b"a{}\nb{}\n", True),
    Pair("CRLF in json", "d.json", b'{"a": 1}\r\n', b'{"a": 1}\n', True),
    Pair("identical binary", "i.png", b"\x89PNG\r\n\x1a\n", b"\x89PNG\r\n\x1a\n", True),
    # seen: every real difference
    Pair("text change", "a.html", b"<p>Eigenvalues</p>", b"<p>Eigenvectors</p>", False),
    Pair("text whitespace inside a paragraph", "a.html", b"<p>a  b</p>", b"<p>a b</p>", False),
    Pair("text trimmed inside an element", "a.html", b"<p>a\n</p>", b"<p>a</p>", False),
    Pair("attribute value change", "a.html", b'<a href="/2023/x.html">', b'<a href="/2023/y.html">', False),
    Pair("attribute value order of classes", "a.html", b'<p class="a b">', b'<p class="b a">', False),
    Pair("missing attribute", "a.html", b'<img src="a.png" alt="A">', b'<img src="a.png">', False),
    Pair("extra boolean attribute", "a.html", b"<input disabled>", b"<input disabled checked>", False),
    Pair("missing element", "a.html", b"<ul><li>a</li><li>b</li></ul>", b"<ul><li>a</li></ul>", False),
    Pair("element name", "a.html", b"<em>x</em>", b"<i>x</i>", False),
    Pair("void tag without slash", "a.html", b"<br />", b"<br>", False),
    Pair("whitespace against none between inline tags", "a.html", b"<b>a</b> <i>b</i>", b"<b>a</b><i>b</i>", False),
    Pair("whitespace inside pre", "a.html", b"<pre><span>a</span>\n<span>b</span></pre>", b"<pre><span>a</span> <span>b</span></pre>", False),
    Pair("whitespace inside nested pre", "a.html", b"<pre><code>\n  <b>x</b></code></pre>", b"<pre><code>\n<b>x</b></code></pre>", False),
    Pair("whitespace inside script", "a.html", b"<script>  var a;  </script>", b"<script> var a; </script>", False),
    Pair("whitespace inside style", "a.html", b"<style>\n a{} \n</style>", b"<style>\na{}\n</style>", False),
    Pair("comment text", "a.html", b"<!--more-->", b"<!-- more -->", False),
    Pair("entity against character", "a.html", b"<p>&amp;</p>", b"<p>&#38;</p>", False),
    Pair("quote style kept", "a.html", b"<p a='x'>", b'<p a="x">', False),
    Pair("css content", "s.css", b".card { padding: 16px; }\n", b".card { padding: 1rem; }\n", False),
    Pair("css whitespace is not html", "s.css", b"a {  }\n", b"a { }\n", False),
    Pair("text file final newline", "urls.txt", b"/a/\n", b"/a/", False),
    Pair("binary CRLF kept", "all-bytes.bin", b"\x00\r\n\x01", b"\x00\n\x01", False),
    Pair("binary png byte", "chart.png", b"\x89PNG\r\n\x1a\n\x00", b"\x89PNG\r\n\x1a\n\x01", False),
    Pair("unknown suffix compared exactly", "notes", b"a\r\n", b"a\n", False),
]


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.description for pair in PAIRS])
def test_normalise_ignores_layout_not_content(pair: Pair) -> None:
    left = compare.normalise(pair.path, pair.jekyll)
    right = compare.normalise(pair.path, pair.ours)
    assert (left == right) is pair.same, (left, right)


@dataclass(frozen=True)
class Exact:
    description: str
    path: str
    given: bytes
    expect: bytes


EXACT = [
    Exact("a small page", "index.html",
          b'<!DOCTYPE html>\r\n<html lang="en">\n  <body  id=main class="x">\n    <p>Hi  there</p>   <br/>\n</body></html>\n',
          b'<!DOCTYPE html>\n<html lang="en">\n<body class="x" id=main>\n<p>Hi  there</p>\n<br />\n</body></html>\n'),
    Exact("rouge code block keeps its lines", "post.html",
          b'<pre class="highlight"><code><span class="k">def</span>\n  <span class="n">f</span></code></pre>\n<p>after</p>',
          b'<pre class="highlight"><code><span class="k">def</span>\n  <span class="n">f</span></code></pre>\n<p>after</p>'),
    Exact("script raw text is not parsed", "a.html",
          b'<script>if (a <b && c> d) {}</script>  <p z="1" a="2">',
          b'<script>if (a <b && c> d) {}</script>\n<p a="2" z="1">'),
    Exact("a lone < in text is text", "a.html", b"<p>5 < 3</p> <p>x</p>", b"<p>5 < 3</p>\n<p>x</p>"),
    Exact("duplicate attributes keep their order", "a.html", b'<p b="2" a="1" b="1">', b'<p a="1" b="2" b="1">'),
    Exact("end tag spacing", "a.html", b"<p>x</p >", b"<p>x</p>"),
    Exact("cdata kept", "feed.xml", b"<c><![CDATA[ <b  a='1'> ]]></c>", b"<c><![CDATA[ <b  a='1'> ]]></c>"),
    Exact("invalid utf-8 html is left alone apart from line endings", "a.html", b"<p b=1 a=2>\xff\r\n", b"<p b=1 a=2>\xff\n"),
    Exact("leading and trailing whitespace of the file kept", "a.html", b"\n <p>x</p> \n", b"\n <p>x</p> \n"),
    Exact("binary untouched", "f.woff2", b"wOF2\r\n\r", b"wOF2\r\n\r"),
]


@pytest.mark.parametrize("case", EXACT, ids=[case.description for case in EXACT])
def test_normalise_output(case: Exact) -> None:
    assert compare.normalise(case.path, case.given) == case.expect


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def test_compare_trees_equivalent(tmp_path: Path) -> None:
    expected = _tree(tmp_path / "jekyll", {"index.html": b'<p a="1" b="2">x</p>\n', "img/a.png": b"\x89PNG"})
    actual = _tree(tmp_path / "ours", {"index.html": b'<p b="2"  a="1">x</p>\r\n', "img/a.png": b"\x89PNG"})
    assert compare.compare_trees(expected, actual, {}) == []
    assert compare.count_equivalent(expected, actual) == (2, 2)


def test_compare_trees_reports_each_file(tmp_path: Path) -> None:
    expected = _tree(
        tmp_path / "jekyll",
        {
            "index.html": b"<h1>Notes</h1>\n<p>Vectors</p>\n",
            "gone.html": b"<p>only in jekyll</p>",
            "img/a.png": b"\x89PNG\x00\x01",
            "same.css": b"a{}\n",
        },
    )
    actual = _tree(
        tmp_path / "ours",
        {
            "index.html": b"<h1>Notes</h1>\n<p>Matrices</p>\n",
            "new.html": b"<p>only in postforge</p>",
            "img/a.png": b"\x89PNG\x00\x02",
            "same.css": b"a{}\n",
        },
    )
    problems = compare.compare_trees(expected, actual, {})
    assert [problem.splitlines()[0] for problem in problems] == [
        "missing: gone.html",
        "differs: img/a.png (binary: 6 bytes expected, 6 built; first difference at byte 5)",
        "differs: index.html",
        "extra: new.html",
    ]
    diff = problems[2]
    assert "--- jekyll/index.html" in diff and "+++ postforge/index.html" in diff
    assert "    -<p>Vectors</p>" in diff and "    +<p>Matrices</p>" in diff
    assert compare.count_equivalent(expected, actual) == (1, 4)


def test_compare_trees_known_and_stale(tmp_path: Path) -> None:
    expected = _tree(tmp_path / "jekyll", {"a.html": b"<p>x</p>", "b.html": b"<p>y</p>"})
    actual = _tree(tmp_path / "ours", {"a.html": b"<p>X</p>", "b.html": b"<p>y</p>"})
    known = {"a.html": "kramdown typography", "b.html": "fixed since", "c.html": "never built"}
    assert compare.compare_trees(expected, actual, known) == [
        "stale known difference: b.html (fixed since): remove it from the list",
        "stale known difference: c.html (never built): remove it from the list",
    ]


def test_compare_trees_long_diff_is_cut(tmp_path: Path) -> None:
    expected = _tree(tmp_path / "jekyll", {"list.txt": b"".join(b"line %d\n" % i for i in range(200))})
    actual = _tree(tmp_path / "ours", {"list.txt": b"".join(b"LINE %d\n" % i for i in range(200))})
    (problem,) = compare.compare_trees(expected, actual, {})
    lines = problem.splitlines()
    assert lines[0] == "differs: list.txt"
    assert len(lines) == 1 + compare.DIFF_LINES + 1
    assert lines[-1].startswith("    ... (") and lines[-1].endswith("more diff lines)")


def test_compare_trees_final_newline_is_shown(tmp_path: Path) -> None:
    expected = _tree(tmp_path / "jekyll", {"urls.txt": b"/a/\n"})
    actual = _tree(tmp_path / "ours", {"urls.txt": b"/a/"})
    (problem,) = compare.compare_trees(expected, actual, {})
    assert problem.startswith("differs: urls.txt\n")
    assert "'/a/\\n'" in problem and "'/a/'" in problem


def test_compare_trees_missing_actual_tree(tmp_path: Path) -> None:
    expected = _tree(tmp_path / "jekyll", {"index.html": b"<p>x</p>"})
    assert compare.compare_trees(expected, tmp_path / "never-built", {}) == ["missing: index.html"]
    assert compare.count_equivalent(expected, tmp_path / "never-built") == (0, 1)
