"""jekyll-feed: which feeds a configuration asks for, ``{% feed_meta %}``, and real builds.

The feeds' exact bytes are checked against Jekyll with the gem in tests/compat/sites/plugin-feed and
plugin-feed-options; the one exact feed here is Jekyll's output for the same tiny site.
"""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

import pytest

from postforge.errors import PostforgeError
from postforge.liquid import Environment
from postforge.plugins.feed import compact_template
from postforge.plugins.feed import feed_collections
from postforge.plugins.feed import feed_meta_link
from postforge.plugins.feed import feed_path
from postforge.plugins.feed import feed_specs
from postforge.plugins.feed import register_liquid
from postforge.plugins.feed import tag_feed_specs
from postforge.site import build

ATOM = "{http://www.w3.org/2005/Atom}"


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Build as the oracle built: production, in UTC (``tzset`` makes the zone count)."""
    monkeypatch.setenv("JEKYLL_ENV", "production")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# -- the configuration ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, expect",
    [
        ({}, {"posts": {"path": None, "categories": []}}),
        (
            {"path": "/atom.xml", "categories": ["a", "b", "a"]},
            {"posts": {"path": "/atom.xml", "categories": ["a", "b"]}},
        ),
        ({"categories": "news"}, {"posts": {"path": None, "categories": ["news"]}}),
        ({"collections": ["notes"]}, {"notes": {"categories": []}, "posts": {"path": None, "categories": []}}),
        (
            {
                "collections": {"notes": {"path": "/n.xml", "categories": ["x"]}, "posts": {"path": "/p.xml"}},
                "path": "/top.xml",
            },
            {"notes": {"path": "/n.xml", "categories": ["x"]}, "posts": {"path": "/p.xml", "categories": []}},
        ),
        ({"collections": {"notes": None}}, {"notes": {"categories": []}, "posts": {"path": None, "categories": []}}),
        ({"collections": "notes"}, {"posts": {"path": None, "categories": []}}),
    ],
)
def test_feed_collections(options: dict, expect: dict) -> None:
    assert feed_collections(options) == expect


@pytest.mark.parametrize(
    "collections, collection, category, expect",
    [
        ({}, "posts", None, "/feed.xml"),
        ({"posts": {"path": "/atom.xml"}}, "posts", None, "/atom.xml"),
        ({"posts": {"path": "/atom.xml"}}, "posts", "news", "/feed/news.xml"),
        ({}, "notes", None, "/feed/notes.xml"),
        ({"notes": {"path": "/n.atom"}}, "notes", None, "/n.atom"),
        ({"notes": {"path": "/n.atom"}}, "notes", "soup", "/feed/notes/soup.xml"),
    ],
)
def test_feed_path(collections: dict, collection: str, category: str | None, expect: str) -> None:
    assert feed_path(collections, collection, category) == expect


@pytest.mark.parametrize(
    "tags, site_tags, expect",
    [
        (None, ["a"], []),
        (True, [], []),
        (True, ["a", "b c", "c++", "d_1"], ["/feed/by_tag/a.xml", "/feed/by_tag/d_1.xml"]),
        ({"except": ["a"]}, ["a", "b"], ["/feed/by_tag/b.xml"]),
        ({"only": ["b", "zz"], "path": "/t/"}, ["a", "b"], ["/t/b.xml", "/t/zz.xml"]),
        ({"only": "b"}, ["a", "b"], ["/feed/by_tag/b.xml"]),
        ({"only": ["a", "a"]}, ["a"], ["/feed/by_tag/a.xml"]),
    ],
)
def test_tag_feed_specs(tags: object, site_tags: list, expect: list) -> None:
    assert [spec[0] for spec in tag_feed_specs({"tags": tags}, site_tags)] == expect


def test_feed_specs_list_categories_before_their_collection() -> None:
    config = {"feed": {"categories": ["news"], "collections": {"notes": {"categories": ["x"]}}, "tags": True}}
    assert feed_specs(config, ["t"]) == [
        ("/feed/notes/x.xml", "notes", "x", None),
        ("/feed/notes.xml", "notes", None, None),
        ("/feed/news.xml", "posts", "news", None),
        ("/feed.xml", "posts", None, None),
        ("/feed/by_tag/t.xml", "posts", None, "t"),
    ]
    assert feed_specs({"feed": True}, []) == [("/feed.xml", "posts", None, None)]


@pytest.mark.parametrize(
    "config, expect",
    [
        ({}, '<link type="application/atom+xml" rel="alternate" href="/feed.xml" />'),
        ({"title": "A & B"}, '<link type="application/atom+xml" rel="alternate" href="/feed.xml" title="A &amp; B" />'),
        ({"name": "N"}, '<link type="application/atom+xml" rel="alternate" href="/feed.xml" title="N" />'),
        ({"title": False, "name": "N"},
         '<link type="application/atom+xml" rel="alternate" href="/feed.xml" title="N" />'),
        ({"title": "", "name": "N"}, '<link type="application/atom+xml" rel="alternate" href="/feed.xml" title="" />'),
        ({"title": "It's \"<x>\""}, '<link type="application/atom+xml" rel="alternate" href="/feed.xml" '
                                     'title="It&apos;s &quot;&lt;x&gt;&quot;" />'),
        ({"title": 42}, '<link type="application/atom+xml" rel="alternate" href="/feed.xml" title="42" />'),
    ],
)
def test_feed_meta_link(config: dict, expect: str) -> None:
    assert feed_meta_link(config, "/feed.xml") == expect


@pytest.mark.parametrize(
    "site, expect",
    [
        ({}, 'href="/feed.xml"'),
        ({"url": "https://x.org", "baseurl": "/b"}, 'href="https://x.org/b/feed.xml"'),
        ({"url": "https://x.org", "feed": {"path": "atom.xml"}}, 'href="https://x.org/atom.xml"'),
        ({"feed": {"path": "/a/b.xml"}, "title": "T"}, 'href="/a/b.xml" title="T"'),
    ],
)
def test_feed_meta_tag(site: dict, expect: str) -> None:
    env = Environment()
    register_liquid(env)
    output = env.from_string("{% feed_meta %}").render({"site": site}, {"site_config": site})
    assert expect in output and output.startswith("<link ") and output.endswith(" />")


@pytest.mark.parametrize(
    "source, expect",
    [
        ("<a>\n  <b>{{ x }}</b>\n</a>\n", "<a><b>{{ x }}</b></a>"),
        ("{% if x %}\n  text\n{% endif %}", "{% if x %}text\n{% endif %}"),
        ('<a {% if x %}b="1"{% endif %}>', '<a {% if x %}b="1"{% endif %}>'),
        ("{% if x %} kept{% endif %}", "{% if x %} kept{% endif %}"),
    ],
)
def test_compact_template(source: str, expect: str) -> None:
    assert compact_template(source) == expect


# -- real builds ----------------------------------------------------------------------------------

TINY = {
    "_config.yml": "plugins: [jekyll-feed]\ntitle: Tiny\ntime: 2024-01-01 00:00:00 +0000\n",
    "_posts/2023-05-06-one.html": "---\ntitle: One & only\ntags: [x]\n---\n<p>Hello.</p>\n",
}

#: what Jekyll 4.3.1 with jekyll-feed 0.17.0 writes for TINY
TINY_FEED = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" ><generator '
    'uri="https://jekyllrb.com/" version="4.3.1">Jekyll</generator><link href="/feed.xml" rel="self" '
    'type="application/atom+xml" /><link href="/" rel="alternate" type="text/html" /><updated>'
    "2024-01-01T00:00:00+00:00</updated><id>/feed.xml</id><title type=\"html\">Tiny</title><entry><title "
    'type="html">One &amp;amp; only</title><link href="/2023/05/06/one.html" rel="alternate" type="text/html" '
    'title="One &amp;amp; only" /><published>2023-05-06T00:00:00+00:00</published><updated>'
    "2023-05-06T00:00:00+00:00</updated><id>/2023/05/06/one</id><content type=\"html\" "
    'xml:base="/2023/05/06/one.html"><![CDATA[<p>Hello.</p>]]></content><author><name></name></author>'
    '<category term="x" /><summary type="html"><![CDATA[Hello.]]></summary></entry></feed>'
)


def test_tiny_feed_is_jekylls(tmp_path: Path, production: None) -> None:
    build(_write(tmp_path / "src", TINY), tmp_path / "out")
    assert (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8") == TINY_FEED


@pytest.mark.parametrize("key, name", [("plugins", "feed"), ("plugins", "jekyll-feed"), ("gems", "jekyll-feed")])
def test_enabled_by_gem_name_short_name_and_old_key(tmp_path: Path, production: None, key: str, name: str) -> None:
    files = dict(TINY, **{"_config.yml": f"{key}: [{name}]\ntitle: Tiny\ntime: 2024-01-01 00:00:00 +0000\n"})
    build(_write(tmp_path / "src", files), tmp_path / "out")
    assert (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8") == TINY_FEED


def test_feed_is_valid_atom_and_limited(tmp_path: Path, production: None) -> None:
    files = {"_config.yml": "plugins: [jekyll-feed]\nurl: https://x.org\nfeed:\n  posts_limit: 3\n"}
    for day in range(1, 6):
        files[f"_posts/2023-01-0{day}-p{day}.md"] = f"---\ntitle: P{day} <&> \"q\"\n---\nBody ]]> {day}\n"
    build(_write(tmp_path / "src", files), tmp_path / "out")
    root = ET.fromstring((tmp_path / "out" / "feed.xml").read_bytes())
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ['P5 &lt;&amp;&gt; “q”', 'P4 &lt;&amp;&gt; “q”', 'P3 &lt;&amp;&gt; “q”']


def test_stylesheet_and_site_owned_feeds(tmp_path: Path, production: None) -> None:
    files = dict(TINY)
    files["_config.yml"] = "plugins: [jekyll-feed]\nfeed:\n  categories: [news, mine]\n"
    files["feed.xslt.xml"] = "<xsl/>\n"
    files["feed/mine.xml"] = "<mine/>\n"
    build(_write(tmp_path / "src", files), tmp_path / "out")
    out = tmp_path / "out"
    assert '<?xml-stylesheet type="text/xml" href="/feed.xslt.xml"?>' in (out / "feed.xml").read_text()
    assert (out / "feed/news.xml").is_file()
    assert (out / "feed/mine.xml").read_text() == "<mine/>\n"


@pytest.mark.parametrize("environment, written", [("development", False), ("production", True)])
def test_disable_in_development(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environment: str, written: bool
) -> None:
    monkeypatch.setenv("JEKYLL_ENV", environment)
    files = dict(TINY, **{"_config.yml": "plugins: [jekyll-feed]\nfeed:\n  disable_in_development: true\n"})
    build(_write(tmp_path / "src", files), tmp_path / "out")
    assert (tmp_path / "out" / "feed.xml").is_file() is written


def test_tag_without_posts_fails_as_in_jekyll(tmp_path: Path, production: None) -> None:
    """``tags: {only: [nope]}`` with no post tagged ``nope``: Jekyll stops with this Liquid error."""
    files = dict(TINY, **{"_config.yml": "plugins: [jekyll-feed]\nfeed:\n  tags:\n    only: [nope]\n"})
    with pytest.raises(PostforgeError, match="Cannot sort a null object"):
        build(_write(tmp_path / "src", files), tmp_path / "out")


def test_unknown_plugin_is_a_warning_not_a_failure(
    tmp_path: Path, production: None, capsys: pytest.CaptureFixture[str]
) -> None:
    files = dict(TINY, **{"_config.yml": "plugins: [jekyll-feed, jekyll-no-such-plugin]\ntitle: Tiny\n"})
    build(_write(tmp_path / "src", files), tmp_path / "out")
    assert (tmp_path / "out" / "feed.xml").is_file()
    warning = "'jekyll-no-such-plugin' is listed in plugins: but no installed package provides it"
    assert warning in capsys.readouterr().err


def test_feed_pages_stay_out_of_the_sitemap(tmp_path: Path, production: None) -> None:
    files = dict(TINY, **{"_config.yml": "plugins: [jekyll-feed, jekyll-sitemap]\nfeed:\n  categories: [x]\n"})
    build(_write(tmp_path / "src", files), tmp_path / "out")
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text()
    assert "one.html" in sitemap and "feed" not in sitemap
    assert os.path.isfile(tmp_path / "out" / "feed" / "x.xml")


def test_feed_meta_tag_reads_site_without_the_config_register() -> None:
    env = Environment()
    register_liquid(env)
    site = {"title": "T", "url": "https://x.org", "feed": {"path": "/a.xml"}}
    assert env.from_string("{% feed_meta %}").render({"site": site}) == (
        '<link type="application/atom+xml" rel="alternate" href="https://x.org/a.xml" title="T" />'
    )
