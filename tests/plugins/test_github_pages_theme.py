"""A GitHub Pages theme's common calls, all together, build without an error (issue 6).

The site is what themes such as minima, cayman or primer do: a head include with ``{% seo %}``
and ``{% feed_meta %}``, a paginated index walking ``paginator.posts``, ``site.github`` for the
repository link and the edit link, a cached sidebar include, author avatars, emoji and
``@mentions`` in posts, with ``plugins:`` naming every gem by its Jekyll name. Each plugin's own
output is compared with Jekyll's in tests/compat/sites/plugin-*; here they must work side by side,
and each must have left its mark on the pages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postforge.site import build

CONFIG = """\
title: Field Notes
description: Notes from the field.
url: https://octo.github.io
baseurl: /field-notes
repository: octo/field-notes
author: octo
time: 2024-01-01 00:00:00 +0000
paginate: 2
paginate_path: /page:num/
plugins:
  - jekyll-feed
  - jekyll-seo-tag
  - jekyll-sitemap
  - jekyll-paginate
  - jekyll-include-cache
  - jekyll-avatar
  - jemoji
  - jekyll-mentions
  - jekyll-github-metadata
"""

HEAD = """\
<meta charset="utf-8">
{% seo %}
{% feed_meta %}
"""

SIDEBAR = """\
<aside class="sidebar">
  {% avatar user=site.author size=32 %}
  <a href="{{ site.github.repository_url }}">{{ site.github.repository_nwo }} on GitHub</a>
</aside>
"""

DEFAULT = """\
<!DOCTYPE html>
<html lang="en">
<head>
{% include head.html %}
</head>
<body>
{% include_cached sidebar.html %}
<main>
{{ content }}
</main>
<footer>{% github_edit_link "Edit this page" %} · built by @octo :sparkles:</footer>
</body>
</html>
"""

INDEX = """\
---
layout: default
---
<ul class="posts">
{% for post in paginator.posts %}  <li><a href="{{ post.url | relative_url }}">{{ post.title }}</a></li>
{% endfor %}</ul>
<nav>Page {{ paginator.page }} of {{ paginator.total_pages }}{% if paginator.next_page %}
<a href="{{ paginator.next_page_path | relative_url }}">Older</a>{% endif %}</nav>
"""


def _post(day: int, body: str) -> str:
    return f"---\nlayout: default\ntitle: Note {day}\n---\n{body}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    saved = {key: os.environ.pop(key, None) for key in ("PAGES_REPO_NWO", "PAGES_ENV", "JEKYLL_ENV", "PAGE_BUILD_ID")}
    try:
        root = tmp_path_factory.mktemp("theme")
        source = root / "src"
        for folder in ("_layouts", "_includes", "_posts"):
            (source / folder).mkdir(parents=True)
        (source / "_config.yml").write_text(CONFIG)
        (source / "_includes" / "head.html").write_text(HEAD)
        (source / "_includes" / "sidebar.html").write_text(SIDEBAR)
        (source / "_layouts" / "default.html").write_text(DEFAULT)
        (source / "index.html").write_text(INDEX)
        first = _post(1, "Thanks @hubot :+1:, and `@code :smile:` stays.")
        (source / "_posts" / "2023-03-01-first.md").write_text(first)
        (source / "_posts" / "2023-03-02-second.md").write_text(_post(2, "A :rocket: launch."))
        (source / "_posts" / "2023-03-03-third.md").write_text(_post(3, "Reviewed by @defunkt."))
        build(source, root / "site")
        return root / "site"
    finally:
        for key, value in saved.items():
            if value is not None:
                os.environ[key] = value


def test_head_calls(site: Path) -> None:
    index = (site / "index.html").read_text()
    assert "<title>Field Notes | Notes from the field.</title>" in index
    assert '<link rel="canonical" href="https://octo.github.io/field-notes/" />' in index
    assert '<link type="application/atom+xml" rel="alternate" href="https://octo.github.io/field-notes/feed.xml" ' \
        'title="Field Notes" />' in index


def test_paginator(site: Path) -> None:
    index = (site / "index.html").read_text()
    assert '<a href="/field-notes/2023/03/03/third.html">Note 3</a>' in index
    assert "Page 1 of 2" in index and '<a href="/field-notes/page2/">Older</a>' in index
    page2 = (site / "page2" / "index.html").read_text()
    assert '<a href="/field-notes/2023/03/01/first.html">Note 1</a>' in page2
    assert "<title>Page 2 of 2 for Field Notes | Notes from the field.</title>" in page2


def test_site_github_and_cached_sidebar(site: Path) -> None:
    for page in ("index.html", "2023/03/02/second.html"):
        output = (site / page).read_text()
        assert '<a href="https://github.com/octo/field-notes">octo/field-notes on GitHub</a>' in output
        assert 'alt="octo" width="32" height="32"' in output
    post = (site / "2023" / "03" / "02" / "second.html").read_text()
    assert (
        '<a href="https://github.com/octo/field-notes/edit/gh-pages/_posts/2023-03-02-second.md">Edit this page</a>'
        in post
    )


def test_emoji_and_mentions(site: Path) -> None:
    first = (site / "2023" / "03" / "01" / "first.html").read_text()
    assert '<a href="https://github.com/hubot" class="user-mention">@hubot</a>' in first
    assert 'title=":+1:" alt=":+1:" src="https://github.githubassets.com/images/icons/emoji/unicode/1f44d.png"' in first
    assert "@code :smile:</code>" in first
    assert '<a href="https://github.com/octo" class="user-mention">@octo</a>' in first
    assert 'title=":sparkles:"' in first
    second = (site / "2023" / "03" / "02" / "second.html").read_text()
    assert 'src="https://github.githubassets.com/images/icons/emoji/unicode/1f680.png"' in second


def test_feed_and_sitemap(site: Path) -> None:
    feed = (site / "feed.xml").read_text()
    assert "<title type=\"html\">Note 3</title>" in feed
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://octo.github.io/field-notes/2023/03/01/first.html</loc>" in sitemap
