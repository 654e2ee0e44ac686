"""jekyll-titles-from-headings: headings found, titles cleaned, bodies stripped, and builds.

The ``heading_text``/``strip_heading`` table was made by Ruby with the gem's own ``TITLE_REGEX``
(0.5.3): ``match`` and ``gsub(...).strip`` on the same texts. The ``strip_markup`` table is what
Jekyll's ``markdownify | strip_html | normalize_whitespace`` gave (the oracle's liquid.rb), footnote
marks then removed as the gem removes them. Whole sites are checked against the real gem in
tests/compat/sites/plugin-titles-from-headings (``strip_title``, ``collections``, defaults, excerpts)
and plugin-github-pages-content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from postforge.plugins.titles_from_headings import heading_text
from postforge.plugins.titles_from_headings import strip_heading
from postforge.plugins.titles_from_headings import strip_markup
from postforge.plugins.titles_from_headings import wants_strip
from postforge.site import build


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "text, heading, stripped",
    [
        ('# Title\nBody', 'Title', 'Body'),
        ('## Two ##\nBody', 'Two ##', 'Body'),
        ('### Three\n', 'Three', ''),
        ('#### Four\nBody', None, '#### Four\nBody'),
        ('#No space\n', None, '#No space'),
        ('\n\n  # Indented after blanks\nBody', 'Indented after blanks', 'Body'),
        ('Setext\n======\nBody', 'Setext', 'Body'),
        ('Setext dash\n---\n\nBody', 'Setext dash', 'Body'),
        ('Para\n- item', None, 'Para\n- item'),
        ('Text first\n\n# Late', None, 'Text first\n\n# Late'),
        ('', None, ''),
        ('#\nnext line\nBody', 'next line', 'Body'),
        ('# Title\r\nBody\r\n', 'Title\r', 'Body'),
        ('Only text', None, 'Only text'),
        ('#  \nBody', 'Body', ''),
        ('Two\nlines\n===\n', None, 'Two\nlines\n==='),
    ],
)
def test_heading_text_and_strip_heading(text: str, heading: str | None, stripped: str) -> None:
    assert heading_text(text) == heading
    assert strip_heading(text) == stripped


@pytest.mark.parametrize(
    "heading, title",
    [
        ('Hello', 'Hello'),
        ('Hello *world*', 'Hello world'),
        ('A & B', 'A &amp; B'),
        ('`code` and **bold**', 'code and bold'),
        ('[link](https://x.y) text', 'link text'),
        ('Note[^1]', 'Note'),
        ('It\'s "quoted"', 'It’s “quoted”'),
        ('Title ##', 'Title ##'),
        ('<b>html</b> tag', 'html tag'),
        ('a  --  b', 'a – b'),
        ('  spaced   out  ', 'spaced out'),
        ('Fish &amp; chips', 'Fish &amp; chips'),
        ('Über 9000', 'Über 9000'),
        ('', ''),
        ('x < y', 'x &lt; y'),
    ],
)
def test_strip_markup(heading: str, title: str) -> None:
    assert strip_markup(heading, {}) == title


@pytest.mark.parametrize(
    "data, config, expect",
    [
        ({}, {}, False),
        ({}, {"titles_from_headings": {"strip_title": True}}, True),
        ({"strip_title": False}, {"titles_from_headings": {"strip_title": True}}, False),
        ({"strip_title": True}, {}, True),
        ({"strip_title": None}, {"titles_from_headings": {"strip_title": True}}, False),
        ({"strip_title": "yes"}, {}, False),
        ({}, {"titles_from_headings": {"strip_title": "true"}}, False),
    ],
)
def test_wants_strip(data: dict[str, Any], config: dict[str, Any], expect: bool) -> None:
    assert wants_strip(data, config) is expect


SITE = {
    "_layouts/default.html": "[{{ page.title }}] {{ content }}",
    "page.md": "---\nlayout: default\n---\n# From *heading*\nBody\n",
    "_posts/2024-01-02-my-post.md": "---\nlayout: default\ntitle: Front\n---\n# Post heading\nBody\n",
}


@pytest.mark.parametrize(
    "config, page, post",
    [
        (
            "plugins: [titles-from-headings]\n",
            '[From heading] <h1 id="from-heading">From <em>heading</em></h1>\n<p>Body</p>\n',
            '[Front] <h1 id="post-heading">Post heading</h1>\n<p>Body</p>\n',
        ),
        (
            "plugins: [titles-from-headings]\ntitles_from_headings: {collections: true, strip_title: true}\n",
            "[From heading] <p>Body</p>\n",
            "[Post heading] <p>Body</p>\n",
        ),
        (
            "plugins: [titles-from-headings]\ntitles_from_headings: {enabled: false, collections: true}\n",
            '[] <h1 id="from-heading">From <em>heading</em></h1>\n<p>Body</p>\n',
            '[Front] <h1 id="post-heading">Post heading</h1>\n<p>Body</p>\n',
        ),
    ],
)
def test_builds(tmp_path: Path, config: str, page: str, post: str) -> None:
    source = _write(tmp_path / "src", {**SITE, "_config.yml": config})
    build(source, tmp_path / "site")
    assert (tmp_path / "site" / "page.html").read_text() == page
    assert (tmp_path / "site" / "2024" / "01" / "02" / "my-post.html").read_text() == post
