"""jekyll-relative-links: link rewriting by tables, and builds for the switches.

The ``rewrite_links`` table's expectations were made by Ruby: the gem's own ``LINK_REGEX`` (0.7.0)
applied with ``gsub`` and the gem's path rules (``File.expand_path``, ``CGI.unescape``,
``Addressable``'s ``absolute?``) to the same texts and targets. Whole sites are checked against the
real gem in tests/compat/sites/plugin-relative-links (pages, static files, posts and collection
documents as targets, ``collections: true``, ``exclude``, baseurl, excerpts) and
plugin-github-pages-content (with the plugins that make pages from Markdown files).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from postforge.plugins.relative_links import is_absolute_url
from postforge.plugins.relative_links import link_targets
from postforge.plugins.relative_links import path_from_root
from postforge.plugins.relative_links import rewrite_links
from postforge.site import build

TARGETS = {"b.md": "/b.html", "sub/c.md": "/sub/c/", "b c.md": "/b%20c.html"}


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "text, folder, expect",
    [
        ('[a](b.md)', '', '[a](/b.html)'),
        ('[a](b.md#frag)', '', '[a](/b.html#frag)'),
        ('[a](b.md "T")', '', '[a](/b.html "T")'),
        ("[a](b.md#f 'x')", '', "[a](/b.html#f 'x')"),
        ('[a](b.md "say \\"hi\\"")', '', '[a](/b.html "say \\"hi\\"")'),
        ('[a](sub/c.md)', '', '[a](/sub/c/)'),
        ('[a](../b.md)', 'sub', '[a](/b.html)'),
        ('[a](/b.md)', 'sub', '[a](/b.html)'),
        ('[a](./b.md)', '', '[a](/b.html)'),
        ('[a](b%20c.md)', '', '[a](/b%20c.html)'),
        ('[a](b+c.md)', '', '[a](/b%20c.html)'),
        ('[a](missing.md)', '', '[a](missing.md)'),
        ('[a](#b.md)', '', '[a](#b.md)'),
        ('[a](http://x/b.md)', '', '[a](http://x/b.md)'),
        ('[a](mailto:b.md)', '', '[a](mailto:b.md)'),
        ('[a](../../b.md)', 'sub', '[a](../../b.md)'),
        ('[ref]: b.md', '', '\n[ref]: /b.html'),
        ('[ref]: b.md "Title"  ', '', '\n[ref]: /b.html "Title"'),
        ('text\n\n  [ref]: b.md#x\nmore', '', 'text\n\n[ref]: /b.html#x\nmore'),
        ('[a](b.md) and [c](sub/c.md) and [d](nope.md)', '', '[a](/b.html) and [c](/sub/c/) and [d](nope.md)'),
        ('![img](b.md)', '', '![img](/b.html)'),
        ('[a]( b.md)', '', '[a]( b.md)'),
        ('[multi\nline](b.md)', '', '[multi\nline](b.md)'),
        ('`[a](b.md)`', '', '`[a](/b.html)`'),
        ('[a](b.md)[c](b.md#y)', '', '[a](/b.html)[c](/b.html#y)'),
    ],
)
def test_rewrite_links(text: str, folder: str, expect: str) -> None:
    assert rewrite_links(text, folder, TARGETS.get) == expect


@pytest.mark.parametrize(
    "text, expect",
    [
        ("https://example.com/a.md", True),
        ("mailto:someone@example.com", True),
        ("git+ssh://host/repo", True),
        ("docs/guide.md", False),
        ("/docs/guide.md", False),
        ("//cdn.example.com/a.md", False),
        ("#top", False),
        ("1abc:x", False),
        ("docs/a:b.md", False),
    ],
)
def test_is_absolute_url(text: str, expect: bool) -> None:
    assert is_absolute_url(text) is expect


@pytest.mark.parametrize(
    "path, folder, expect",
    [
        ("guide.md", "", "guide.md"),
        ("guide.md", ".", "guide.md"),
        ("guide.md", "docs", "docs/guide.md"),
        ("../index.md", "docs", "index.md"),
        ("/index.md", "docs/deep", "index.md"),
        ("./a/../b.md", "docs", "docs/b.md"),
        ("a//b.md", "", "a/b.md"),
    ],
)
def test_path_from_root(path: str, folder: str, expect: str) -> None:
    assert path_from_root(path, folder) == expect


def test_path_beyond_the_root_matches_nothing() -> None:
    assert path_from_root("../../index.md", "docs") not in ("index.md", "../index.md")


def test_link_targets_pages_before_static_files() -> None:
    page = SimpleNamespace(relative_path="notes.md", url="/notes.html")
    original = SimpleNamespace(relative_path="/notes.md", url="/notes.md")
    static = SimpleNamespace(relative_path="/logo.png", url="/logo.png")
    doc = SimpleNamespace(relative_path="_posts/2024-01-01-a.md", url="/2024/01/01/a.html")
    assert link_targets([page], [original, static], [doc]) == {
        "notes.md": "/notes.html",
        "logo.png": "/logo.png",
        "_posts/2024-01-01-a.md": "/2024/01/01/a.html",
    }


SITE = {
    "_layouts/default.html": "{{ content }}",
    "index.md": "---\nlayout: default\n---\n[guide](guide.md)\n",
    "guide.md": "---\nlayout: default\n---\n# Guide\n",
    "_posts/2024-01-02-post.md": "---\nlayout: default\n---\n[guide](../guide.md)\n",
}


@pytest.mark.parametrize(
    "config, index_link, post_link",
    [
        ("", '<a href="/guide.html">', '<a href="../guide.md">'),
        ("relative_links: {collections: true}\n", '<a href="/guide.html">', '<a href="/guide.html">'),
        ("relative_links: {enabled: false, collections: true}\n", '<a href="guide.md">', '<a href="../guide.md">'),
        ("relative_links: {exclude: [index.md]}\n", '<a href="guide.md">', '<a href="../guide.md">'),
        ("baseurl: /b\n", '<a href="/b/guide.html">', '<a href="../guide.md">'),
    ],
)
def test_switches(tmp_path: Path, config: str, index_link: str, post_link: str) -> None:
    source = _write(tmp_path / "src", {**SITE, "_config.yml": "plugins: [relative-links]\n" + config})
    build(source, tmp_path / "site")
    assert index_link in (tmp_path / "site" / "index.html").read_text()
    assert post_link in (tmp_path / "site" / "2024" / "01" / "02" / "post.html").read_text()
