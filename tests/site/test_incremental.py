"""``postforge build -I`` gives the site a full build gives, rewriting only the files that changed.

A blog of 40 posts (sidebar of the 10 newest on every page, an index of 20 with excerpts, tag and
category pages, a feed with full content, previous/next links, ``site.data`` in the layout) is
built with ``-I``; then, after each kind of change (a post's body, a post's title, a layout, an
include, ``_data``, ``_config.yml``, a new post, a deleted post), it is built with ``-I`` again.
Each time the destination must be byte for byte what a build from scratch of the changed source
gives, and every file whose bytes did not change must still be the very file the last build left
(same inode and mtime), while the pages showing what changed were written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from postforge.site import build

POSTS = 40
TAGS = ["alpha", "beta", "gamma", "delta", "epsilon"]

DEFAULT = """\
<!DOCTYPE html>
<html><head><title>{{ page.title }} | {{ site.title }}</title></head>
<body>
<nav>{% for item in site.data.nav %}<a href="{{ item.url }}">{{ item.name }}</a>{% endfor %}</nav>
{{ content }}
{% include sidebar.html %}
</body></html>
"""
POST = """\
---
layout: default
---
<article><h1>{{ page.title }}</h1><p>{{ page.date | date: "%Y-%m-%d" }} {{ page.tags | join: ", " }}</p>
{{ content }}</article>
<nav>{% if page.previous %}<a rel="prev" href="{{ page.previous.url }}">{{ page.previous.title }}</a>{% endif %}
{% if page.next %}<a rel="next" href="{{ page.next.url }}">{{ page.next.title }}</a>{% endif %}</nav>
"""
LISTING = """\
---
layout: default
---
<h1>{{ page.title }}</h1><ul>{% for post in site.tags[page.tag] %}<li><a href="{{ post.url }}">{{ post.title }}</a></li>{% endfor %}</ul>
"""
SIDEBAR = '<aside><ul>{% for post in site.posts limit: 10 %}<li><a href="{{ post.url }}">{{ post.title }}</a></li>{% endfor %}</ul></aside>\n'
INDEX = """\
---
layout: default
title: Home
---
{% for post in site.posts limit: 20 %}<h2><a href="{{ post.url }}">{{ post.title }}</a></h2>{{ post.excerpt }}{% endfor %}
"""
FEED = """\
---
---
<feed>{% for post in site.posts limit: 20 %}<entry><title>{{ post.title | xml_escape }}</title>
<content>{{ post.content | xml_escape }}</content></entry>{% endfor %}</feed>
"""
CONFIG = "title: Incremental\ntime: 2024-06-01 12:00:00 +0000\ntimezone: UTC\npermalink: /:year/:month/:day/:title/\n"


def _post(number: int, title: str | None = None, extra: str = "") -> str:
    tags = ", ".join(TAGS[i % len(TAGS)] for i in (number, number + 2))
    return (
        f"---\ntitle: \"{title or f'Post {number}'}\"\ntags: [{tags}]\nlayout: post\n---\n"
        f"The opening paragraph of post {number}.\n\nThe rest of post {number}, with *emphasis*.\n{extra}"
    )


def _post_path(number: int) -> str:
    return f"_posts/2024-{1 + number // 28:02d}-{1 + number % 28:02d}-post-{number}.md"


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    _write(root, "_config.yml", CONFIG)
    _write(root, "_layouts/default.html", DEFAULT)
    _write(root, "_layouts/post.html", POST)
    _write(root, "_layouts/tag.html", LISTING)
    _write(root, "_includes/sidebar.html", SIDEBAR)
    _write(root, "_data/nav.yml", "- name: Home\n  url: /\n- name: Feed\n  url: /feed.xml\n")
    _write(root, "index.html", INDEX)
    _write(root, "feed.xml", FEED)
    _write(root, "about.md", "---\nlayout: default\ntitle: About\n---\nAbout this blog.\n")
    _write(root, "assets/style.css", "body { color: black; }\n")
    for tag in TAGS:
        _write(root, f"tags/{tag}.html", f"---\nlayout: tag\ntag: {tag}\ntitle: Tag {tag}\n---\n")
    for number in range(POSTS):
        _write(root, _post_path(number), _post(number))
    return root


def _tree(root: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file: its bytes, inode and mtime (a rewritten file has a new inode or mtime)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(root).as_posix()] = (path.read_bytes(), stat.st_ino, stat.st_mtime_ns)
    return found


class Site:
    """The site under test: its incremental builds and full reference builds."""

    def __init__(self, source: Path, tmp_path: Path) -> None:
        self.source = source
        self.destination = tmp_path / "_site"
        self.reference = tmp_path / "reference"
        self.builds = 0
        #: pages and documents the last incremental build rendered
        self.rendered: int | None = None

    def incremental(self) -> dict[str, tuple[bytes, int, int]]:
        self.rendered = build(self.source, self.destination, overrides={"incremental": True}).rendered
        return _tree(self.destination)

    def check(self, change: str) -> set[str]:
        """Build with -I after a change; return the files rewritten. The site must equal a full build."""
        before = _tree(self.destination)
        after = self.incremental()
        self.builds += 1
        # beside the source, so paths relative to it (a theme's in a source map) are the same
        copy = self.source.parent / f"reference-{self.builds}"
        shutil.copytree(self.source, copy, ignore=shutil.ignore_patterns(".postforge-cache"))
        build(copy, self.reference / f"{self.builds}-out")
        expected = _tree(self.reference / f"{self.builds}-out")
        assert sorted(after) == sorted(expected), change
        assert [name for name in after if after[name][0] != expected[name][0]] == [], change
        for name, (data, inode, mtime) in after.items():
            old = before.get(name)
            if old is not None and old[0] == data:
                assert (inode, mtime) == old[1:], f"{change}: {name} was rewritten with the same bytes"
        return {name for name in after if before.get(name) != after[name]} | (before.keys() - after.keys())


def _post_page(number: int) -> str:
    return f"2024/{1 + number // 28:02d}/{1 + number % 28:02d}/post-{number}/index.html"


def _tags_of(number: int) -> set[str]:
    return {f"tags/{TAGS[i % len(TAGS)]}/index.html" for i in (number, number + 2)}


@pytest.fixture
def site(source: Path, tmp_path: Path) -> Site:
    built = Site(source, tmp_path)
    built.check("first build")
    assert (source / ".postforge-cache" / "quick.pickle").is_file()
    return built


def test_nothing_changed_rewrites_nothing(site: Site) -> None:
    assert site.check("no change") == set()
    assert site.rendered == 0


def test_a_post_body(site: Site) -> None:
    number = 15
    _write(site.source, _post_path(number), _post(number, extra="\nA new closing line.\n"))
    assert site.check("post body") == {_post_page(number)}
    assert site.rendered == 1  # not in the feed, and the index shows only its first paragraph


def test_a_recent_post_title(site: Site) -> None:
    number = POSTS - 3
    _write(site.source, _post_path(number), _post(number, title="A better title"))
    rewritten = site.check("post title")
    # every page with the sidebar, the index and feed, the neighbours and the post's tag pages
    assert {_post_page(number), _post_page(number - 1), _post_page(number + 1), "index.html", "feed.xml",
            "about/index.html"} | _tags_of(number) <= rewritten
    assert "assets/style.css" not in rewritten


def test_an_old_post_title(site: Site) -> None:
    number = 4
    _write(site.source, _post_path(number), _post(number, title="Renamed"))
    assert site.check("old post title") == {_post_page(n) for n in (3, 4, 5)} | _tags_of(number)
    assert site.rendered == 5


def test_a_layout(site: Site) -> None:
    _write(site.source, "_layouts/tag.html", LISTING.replace("<h1>", "<h1 class=tag>"))
    assert site.check("layout") == {f"tags/{tag}/index.html" for tag in TAGS}
    assert site.rendered == len(TAGS)


def test_an_include(site: Site) -> None:
    _write(site.source, "_includes/sidebar.html", SIDEBAR.replace("<aside>", "<aside class=recent>"))
    rewritten = site.check("include")
    assert len(rewritten) == POSTS + len(TAGS) + 2 and "feed.xml" not in rewritten


def test_data(site: Site) -> None:
    _write(site.source, "_data/nav.yml", "- name: Home\n  url: /\n")
    assert "feed.xml" not in site.check("_data") and "index.html" in _tree(site.destination)


def test_the_configuration(site: Site) -> None:
    _write(site.source, "_config.yml", CONFIG.replace("title: Incremental", "title: Renamed"))
    rewritten = site.check("_config.yml")
    assert "index.html" in rewritten and "feed.xml" not in rewritten and "assets/style.css" not in rewritten


def test_a_new_post(site: Site) -> None:
    _write(site.source, "_posts/2024-03-01-newest.md", "---\ntitle: Newest\ntags: [beta]\nlayout: post\n---\nNew.\n")
    rewritten = site.check("new post")
    assert {"2024/03/01/newest/index.html", "index.html", "feed.xml", "tags/beta/index.html"} <= rewritten


def test_a_deleted_post(site: Site) -> None:
    (site.source / _post_path(20)).unlink()
    rewritten = site.check("deleted post")
    assert _post_page(20) in rewritten and not (site.destination / _post_page(20)).exists()
    assert {_post_page(19), _post_page(21)} <= rewritten


def test_changes_in_a_row(site: Site) -> None:
    for number in (39, 38, 12):
        _write(site.source, _post_path(number), _post(number, title=f"Title {number} again"))
        site.check(f"title of {number}")
    (site.source / "about.md").unlink()
    site.check("deleted page")
    _write(site.source, "assets/style.css", "body { color: blue; }\n")
    assert site.check("static file") == {"assets/style.css"}


def test_a_damaged_destination_is_repaired(site: Site) -> None:
    (site.destination / "index.html").write_text("broken", encoding="utf-8")
    (site.destination / "about" / "index.html").unlink()
    (site.destination / "tags" / "stray.html").write_text("not ours", encoding="utf-8")
    build(site.source, site.destination, overrides={"incremental": True})
    assert "broken" not in (site.destination / "index.html").read_text(encoding="utf-8")
    assert (site.destination / "about" / "index.html").is_file()
    assert not (site.destination / "tags" / "stray.html").exists()


def test_a_cache_from_other_settings_is_not_trusted(site: Site) -> None:
    quick = site.source / ".postforge-cache" / "quick.pickle"
    quick.write_bytes(b"not a pickle")
    assert site.check("unreadable cache") == set()
    os.utime(site.source / "_config.yml")
    assert site.check("configuration file touched") == set()


def _small_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        _write(root, name, text)
    return root


def test_a_sass_partial(tmp_path: Path) -> None:
    source = _small_site(tmp_path / "src", {
        "_config.yml": "time: 2024-06-01\n",
        "_sass/_colors.scss": "$ink: #333;\n",
        "assets/main.scss": "---\n---\n@import \"colors\";\nbody { color: $ink; }\n",
        "index.md": "---\n---\nHello.\n",
    })
    site = Site(source, tmp_path)
    site.check("first build")
    _write(source, "_sass/_colors.scss", "$ink: #111;\n")
    rewritten = site.check("sass partial")
    assert "assets/main.css" in rewritten and "index.html" not in rewritten


def test_posts_that_read_each_others_content(tmp_path: Path) -> None:
    reading = "{% for post in site.posts %}[{{ post.title }} {{ post.content | size }}]{% endfor %}\n"
    files = {"_config.yml": CONFIG, "_layouts/post.html": "{{ content }}<aside>" + reading + "</aside>"}
    for number in range(12):
        files[_post_path(number)] = _post(number)
    source = _small_site(tmp_path / "src", files)
    site = Site(source, tmp_path)
    site.check("first build")
    _write(source, _post_path(5), _post(5, extra="\nLonger now.\n"))
    assert _post_page(5) in site.check("a post others read")
    _write(source, _post_path(6), _post(6, title="Six"))
    site.check("a title others read")


def test_a_post_whose_converted_content_changes_with_data_and_a_page_that_shows_it(tmp_path: Path) -> None:
    """The post's body is the same; what its Liquid makes of ``site.data`` is not. A page that shows
    the post's content (and reads no data itself) must follow, through what the post's render made;
    one that shows another post's content, which did not change, need not be written again. When
    the post renders again to the same content, the page is not rendered at all."""
    files = {
        "_config.yml": CONFIG,
        "_data/word.yml": "value: first\n",
        "_posts/2024-01-01-liquid.md": "---\ntitle: Liquid\n---\nThe word is {{ site.data.word.value }}.\n",
        "_posts/2024-01-02-plain.md": "---\ntitle: Plain\n---\nNo Liquid here.\n",
        "shows.html": "---\n---\n{% for post in site.posts %}{% if post.title == 'Liquid' %}{{ post.content }}"
                      "{% endif %}{% endfor %}\n",
        "other.html": "---\n---\n{% for post in site.posts %}{% if post.title == 'Plain' %}{{ post.content }}"
                      "{% endif %}{% endfor %}\n",
    }
    source = _small_site(tmp_path / "src", files)
    site = Site(source, tmp_path)
    site.check("first build")
    _write(source, "_data/word.yml", "value: second\n")
    rewritten = site.check("the data the post's Liquid reads")
    assert "shows/index.html" in rewritten and "other/index.html" not in rewritten
    assert "second" in (site.destination / "shows" / "index.html").read_text()
    _write(source, "_data/word.yml", "value: second\nunused: 1\n")
    assert site.check("data the post reads, its content the same") == set()
    assert site.rendered == 1  # the post, whose content is the same: the page that shows it is not rendered


def test_the_triage_and_glossary_plugins(tmp_path: Path) -> None:
    files = {"_config.yml": "theme: default\nplugins: [triage, glossary]\ntime: 2024-06-01\n",
             "notes.md": "---\nlayout: page\ntitle: Notes\n---\n- page question? answer about S3\n"}
    for number in range(12):
        files[_post_path(number)] = (
            f"---\ntitle: Post {number}\nlayout: post\n---\n- why Lambda {number}? because SQS\n\nText about EC2.\n"
        )
    source = _small_site(tmp_path / "src", files)
    site = Site(source, tmp_path)
    site.check("first build")
    _write(source, _post_path(3), "---\ntitle: Post 3\nlayout: post\n---\n- why DynamoDB? because it scales\n")
    rewritten = site.check("a note changed")
    assert {"triage.json", "glossary.json", "triage/index.html", "glossary/index.html"} <= rewritten
    _write(source, _post_path(4), "---\ntitle: Renamed four\nlayout: post\n---\n- why Lambda 4? because SQS\n")
    assert "triage.json" in site.check("a title on the sheet")


def test_converted_markdown_is_kept_for_this_configuration_only(site: Site) -> None:
    # a layout change renders every post again: their Markdown comes from the cache, unchanged
    cache = site.source / ".postforge-cache" / "markdown"
    assert any(cache.iterdir())
    _write(site.source, _post_path(3), _post(3, extra='\n## A "quoted" heading\n'))
    _write(site.source, "_layouts/post.html", POST.replace("<article>", "<article class=post>"))
    site.check("layout, Markdown from the cache")
    # kramdown settings change the HTML of unchanged posts: the old configuration's entries must not be used
    _write(site.source, "_config.yml", CONFIG + "kramdown:\n  auto_ids: false\n  smart_quotes: apos,apos,quot,quot\n")
    site.check("kramdown settings")
    assert 'id="a-quoted-heading"' not in (site.destination / _post_page(3)).read_text(encoding="utf-8")


def test_a_markdown_cache_answers_only_its_own_salt(tmp_path: Path) -> None:
    from postforge.incremental.markdown import MarkdownCache

    first = MarkdownCache(tmp_path / "markdown", "postforge 1.0 / settings A")
    first.put(first.key("*hi*"), "<p><em>hi</em></p>\n")
    first.flush()
    same = MarkdownCache(tmp_path / "markdown", "postforge 1.0 / settings A")
    assert same.get(same.key("*hi*")) == "<p><em>hi</em></p>\n"
    for salt in ("postforge 1.1 / settings A", "postforge 1.0 / settings B"):
        other = MarkdownCache(tmp_path / "markdown", salt)
        assert other.get(other.key("*hi*")) is None
    (tmp_path / "markdown" / "broken.pickle").write_bytes(b"not a pickle")
    assert MarkdownCache(tmp_path / "markdown", "postforge 1.0 / settings A").get(same.key("*hi*")) is not None


def test_files_parsed_anew_are_recorded_with_the_identity_the_scan_found(tmp_path: Path) -> None:
    """A file read without an old parse is recorded with the scan's (mtime, size), taken before it
    was read, not stat'ed again; an old parse is reused only for the file's own identity now."""
    from postforge.incremental.model import caching_reader

    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\nbody\n", encoding="utf-8")
    full = str(path)
    fresh = caching_reader({}, {full: (1, 2)})
    data, body, offset = fresh._read(fresh.__new__(fresh), full, "a.md")
    assert (data, body, offset) == ({"title": "A"}, "body\n", 3)
    assert fresh.parsed[full][:2] == (1, 2)
    stale = caching_reader({full: (1, 2, {"title": "old"}, 0, 0)}, {full: (1, 2)})
    data, body, _ = stale._read(stale.__new__(stale), full, "a.md")
    assert data == {"title": "A"}  # parsed again: (1, 2) is not the file's identity now
    assert stale.parsed[full][:2] == (1, 2)  # recorded as scanned: the next build reads it again
