"""jekyll-seo-tag: the rules behind each value ``{% seo %}`` prints, then the tag against Jekyll.

The tag's output for whole sites (posts, pages, images, authors, ``seo:`` overrides, pagination)
is checked byte for byte in tests/compat/sites/plugin-seo, plugin-seo-minimal and
plugin-github-pages. ``ORACLE`` here is what Jekyll's liquid.rb oracle (Jekyll 4.3.1,
jekyll-seo-tag 2.8.0) rendered for ``{% seo %}`` on its virtual ``index.html`` page.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from postforge.config import DEFAULTS
from postforge.config import deep_merge
from postforge.liquid import Environment
from postforge.liquid import RenderContext
from postforge.plugins.seo import Filters
from postforge.plugins.seo import author_twitter
from postforge.plugins.seo import format_string
from postforge.plugins.seo import image_hash
from postforge.plugins.seo import is_absolute_url
from postforge.plugins.seo import is_homepage_or_about
from postforge.plugins.seo import json_ld
from postforge.plugins.seo import page_number_prefix
from postforge.plugins.seo import register_liquid
from postforge.plugins.seo import resolve_author
from postforge.plugins.seo import seo_title
from postforge.plugins.seo import seo_values
from postforge.render.converters import MarkdownConverter
from postforge.site import build

#: liquid.rb's page while it renders a template
VIRTUAL_PAGE = {"content": "", "dir": "/", "excerpt": None, "name": "index.html", "path": "index.html", "url": "/"}


def _context(site: dict) -> RenderContext:
    config = deep_merge(copy.deepcopy(DEFAULTS), site)
    registers = {"markdownify": MarkdownConverter(config).convert, "site_config": config}
    return RenderContext(Environment(), {"site": config}, registers)


def _filters(site: dict | None = None) -> Filters:
    return Filters(_context(site or {}))


# -- the rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expect",
    [
        (None, None),
        ("", None),
        ("Plain", "Plain"),
        ("A & B", "A &amp; B"),
        ("A &amp; B", "A &amp; B"),
        ('Say "hi" -- now...', "Say “hi” – now…"),
        ("*Emphasis* and <b>bold</b>", "Emphasis and bold"),
        ("two\n\nparagraphs   here", "two paragraphs here"),
        (2024, "2024"),
    ],
)
def test_format_string(value: object, expect: str | None) -> None:
    assert format_string(value, _filters()) == expect


@pytest.mark.parametrize(
    "text, expect",
    [
        ("https://x.org/a.png", True),
        ("mailto:a@b.c", True),
        ("/a.png", False),
        ("a.png", False),
        ("//cdn.example/a.png", False),
        ("10:30", None),
        ("", False),
        (None, None),
    ],
)
def test_is_absolute_url(text: object, expect: bool | None) -> None:
    assert is_absolute_url(text) is expect


@pytest.mark.parametrize(
    "url, expect",
    [
        ("/", True), ("/index.html", True), ("/index.htm", True), ("/about/", True), ("/about/index.html", True),
        ("/about.html", False), ("/blog/", False), ("/page2/", False), ("/about/team/", False), (None, False),
    ],
)
def test_is_homepage_or_about(url: str | None, expect: bool) -> None:
    assert is_homepage_or_about(url) is expect


@pytest.mark.parametrize(
    "paginator, message, expect",
    [
        (None, None, None),
        ({"page": 1, "total_pages": 3}, None, None),
        ({"page": 2, "total_pages": 3}, None, "Page 2 of 3 for "),
        ({"page": 3, "total_pages": 3}, "%<current>s/%<total>s: ", "3/3: "),
        ({"page": 2, "total_pages": 5}, "%{current} of %{total} (100%%) ", "2 of 5 (100%) "),
        ({"page": None, "total_pages": 5}, None, None),
    ],
)
def test_page_number_prefix(paginator: dict | None, message: str | None, expect: str | None) -> None:
    assert page_number_prefix(paginator, message) == expect


AUTHORS = {"ada": {"name": "Ada Lovelace", "twitter": "@ada"}, "grace": {"twitter": "gh"}, "bad": "not a hash"}


@pytest.mark.parametrize(
    "page, site_author, expect",
    [
        ({}, None, {}),
        ({}, "Site Person", {"name": "Site Person"}),
        ({"author": "ada"}, "Site Person", {"name": "Ada Lovelace", "twitter": "@ada"}),
        ({"author": "grace"}, None, {"name": "grace", "twitter": "gh"}),
        ({"author": "bad"}, None, {"name": "bad"}),
        ({"author": ""}, "Site Person", {"name": "Site Person"}),
        ({"authors": ["ada", "grace"]}, None, {"name": "Ada Lovelace", "twitter": "@ada"}),
        ({"authors": []}, "Site Person", {"name": "Site Person"}),
        ({"authors": "ada"}, None, {}),
        ({"author": {"name": "Org", "type": "Organization"}}, "Site Person", {"name": "Org", "type": "Organization"}),
        ({"author": False}, "Site Person", {}),
        ({"author": 42}, None, {}),
    ],
)
def test_resolve_author(page: dict, site_author: object, expect: dict) -> None:
    site = {"author": site_author, "data": {"authors": AUTHORS}}
    assert resolve_author(page, site) == expect


@pytest.mark.parametrize(
    "author, expect",
    [
        ({}, None), ({"name": "Jane Doe"}, "Jane Doe"), ({"name": "J", "twitter": "@jd"}, "jd"),
        ({"twitter": "jd@x"}, "jd@x"), ({"name": {"first": "J"}}, None), ({"twitter": False, "name": "@n"}, "n"),
    ],
)
def test_author_twitter(author: dict, expect: str | None) -> None:
    assert author_twitter(author) == expect


@pytest.mark.parametrize(
    "image, expect",
    [
        (None, {"path": None}),
        ("/a.png", {"path": "/a.png"}),
        ({"path": "/a.png", "height": 1}, {"path": "/a.png", "height": 1}),
        ({"height": 1, "twitter": "/t.png"}, {"path": None, "height": 1, "twitter": "/t.png"}),
        (42, {"path": None}),
    ],
)
def test_image_hash(image: object, expect: dict) -> None:
    assert image_hash(image) == expect
    assert next(iter(image_hash(image))) == "path"


@pytest.mark.parametrize(
    "page_title, site_title, tagline, description, expect",
    [
        ("Post", "Site", None, None, "Post | Site"),
        ("Site", "Site", None, "About it", "Site | About it"),
        ("Site", "Site", "Tagline", "About it", "Site | Tagline"),
        ("Site", "Site", "Tagline", None, "Site"),
        ("Post", None, None, "About it", "Post"),
        (None, None, None, None, None),
    ],
)
def test_seo_title(page_title: str | None, site_title: str | None, tagline: str | None,
                   description: str | None, expect: str | None) -> None:
    assert seo_title(page_title, site_title, tagline, description) == expect


def _ld(**overrides: object) -> dict:
    values = {"type": "WebPage", "canonical_url": "https://x.org/p", "date_modified": None, "date_published": None,
              "description": None, "page_title": "P", "name": None, "links": None}
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    "values, author, image, logo, expect",
    [
        (_ld(), {}, None, None,
         {"@context": "https://schema.org", "@type": "WebPage", "headline": "P", "url": "https://x.org/p"}),
        (_ld(type="BlogPosting"), {"name": "A", "url": "https://a.org"}, {"path": "https://x.org/i.png"}, None,
         {"@context": "https://schema.org", "@type": "BlogPosting", "author": {"@type": "Person", "name": "A",
          "url": "https://a.org"}, "headline": "P", "image": "https://x.org/i.png",
          "mainEntityOfPage": {"@type": "WebPage", "@id": "https://x.org/p"}, "url": "https://x.org/p"}),
        (_ld(type="CreativeWork"), {"name": "Bot", "type": "Machine"}, {"path": "u", "alt": "a"}, "https://x.org/l.png",
         {"@context": "https://schema.org", "@type": "CreativeWork", "headline": "P",
          "image": {"alt": "a", "url": "u", "@type": "imageObject"},
          "mainEntityOfPage": {"@type": "WebPage", "@id": "https://x.org/p"},
          "publisher": {"@type": "Organization", "logo": {"@type": "ImageObject", "url": "https://x.org/l.png"},
                        "name": "Bot"}, "url": "https://x.org/p"}),
        (_ld(links=["https://a", "https://b"], name="N"), {"type": "Organization"}, None, None,
         {"@context": "https://schema.org", "@type": "WebPage", "headline": "P", "name": "N",
          "sameAs": ["https://a", "https://b"], "url": "https://x.org/p"}),
    ],
)
def test_json_ld(values: dict, author: dict, image: dict | None, logo: str | None, expect: dict) -> None:
    text = json_ld(values, author, image, logo)
    assert json.loads(text) == expect
    assert list(json.loads(text)) == sorted(expect)  # keys sorted, as the gem writes them
    if isinstance(expect.get("image"), dict):  # the image's own keys keep the gem's order
        assert list(json.loads(text)["image"]) == list(expect["image"])


def test_seo_values_for_a_post() -> None:
    site = {"title": "Site", "url": "https://x.org", "description": "About", "author": "ada",
            "data": {"authors": AUTHORS}}
    page = {"title": "Hello", "url": "/2023/01/02/hello.html", "date": dt.datetime(2023, 1, 2, tzinfo=dt.timezone.utc),
            "excerpt": "<p>First words.</p>\n", "image": "/img/a b.png",
            "last_modified_at": "2023-02-03 04:05:06 +0000"}
    values = seo_values(page, site, "", None, _filters(site))
    assert values["title"] == "Hello | Site" and values["show_title"] is True
    assert values["description"] == "First words."
    assert values["author"] == {"name": "Ada Lovelace", "twitter": "ada"}
    assert values["image"] == {"path": "https://x.org/img/a%20b.png"}
    assert values["canonical_url"] == "https://x.org/2023/01/02/hello.html"
    assert (values["type"], values["name"], values["page_locale"]) == ("BlogPosting", None, "en_US")
    dates = (values["date_published"], values["date_modified"])
    assert dates == ("2023-01-02T00:00:00+00:00", "2023-02-03T04:05:06+00:00")
    assert seo_values(page, site, "title=FALSE", None, _filters(site))["show_title"] is False


# -- the tag against Jekyll -----------------------------------------------------------------------

_HEAD = '<!-- Begin Jekyll SEO tag v2.8.0 -->\n'
_GENERATOR = '<meta name="generator" content="Jekyll v4.3.1" />\n'
_TAIL = '<!-- End Jekyll SEO tag -->\n'

ORACLE = [
    (
        {"title": "Tiny & Co", "description": 'Small "things".', "url": "https://tiny.example"}, None, "{% seo %}",
        _HEAD + "<title>Tiny &amp; Co | Small “things”.</title>\n" + _GENERATOR
        + '<meta property="og:title" content="Tiny &amp; Co" />\n<meta property="og:locale" content="en_US" />\n'
        '<meta name="description" content="Small “things”." />\n'
        '<meta property="og:description" content="Small “things”." />\n'
        '<link rel="canonical" href="https://tiny.example/" />\n'
        '<meta property="og:url" content="https://tiny.example/" />\n'
        '<meta property="og:site_name" content="Tiny &amp; Co" />\n<meta property="og:type" content="website" />\n'
        '<meta name="twitter:card" content="summary" />\n<meta property="twitter:title" content="Tiny &amp; Co" />\n'
        '<script type="application/ld+json">\n{"@context":"https://schema.org","@type":"WebSite","description":'
        '"Small “things”.","headline":"Tiny &amp; Co","name":"Tiny &amp; Co","url":"https://tiny.example/"}</script>\n'
        + _TAIL,
    ),
    (
        {"title": "Tiny & Co", "url": "https://tiny.example"}, None, "{% seo title=false %}",
        _HEAD + _GENERATOR
        + '<meta property="og:title" content="Tiny &amp; Co" />\n<meta property="og:locale" content="en_US" />\n'
        '<link rel="canonical" href="https://tiny.example/" />\n'
        '<meta property="og:url" content="https://tiny.example/" />\n'
        '<meta property="og:site_name" content="Tiny &amp; Co" />\n<meta property="og:type" content="website" />\n'
        '<meta name="twitter:card" content="summary" />\n<meta property="twitter:title" content="Tiny &amp; Co" />\n'
        '<script type="application/ld+json">\n{"@context":"https://schema.org","@type":"WebSite","headline":'
        '"Tiny &amp; Co","name":"Tiny &amp; Co","url":"https://tiny.example/"}</script>\n' + _TAIL,
    ),
    (
        {"title": "Paged", "seo_paginator_message": "%<current>s/%<total>s: "},
        {"page": 2, "total_pages": 4, "previous_page": 1, "previous_page_path": "/", "next_page": 3,
         "next_page_path": "/page3/"},
        "{% seo %}",
        _HEAD + "<title>2/4: Paged</title>\n" + _GENERATOR
        + '<meta property="og:title" content="Paged" />\n<meta property="og:locale" content="en_US" />\n'
        '<meta property="og:site_name" content="Paged" />\n<meta property="og:type" content="website" />\n'
        '<link rel="prev" href="/" />\n<link rel="next" href="/page3/" />\n'
        '<meta name="twitter:card" content="summary" />\n<meta property="twitter:title" content="Paged" />\n'
        '<script type="application/ld+json">\n{"@context":"https://schema.org","@type":"WebSite","headline":"Paged",'
        '"name":"Paged","url":"/"}</script>\n' + _TAIL,
    ),
    (
        {"name": "Named", "webmaster_verifications": {"google": "g"}, "google_site_verification": "ignored",
         "facebook": {"app_id": 7}, "logo": "https://cdn.example/logo.png",
         "author": {"name": "Org", "type": "Organization"}},
        None, "{% seo %}",
        _HEAD + "<title>Named</title>\n" + _GENERATOR
        + '<meta property="og:title" content="Named" />\n<meta name="author" content="Org" />\n'
        '<meta property="og:locale" content="en_US" />\n<meta property="og:site_name" content="Named" />\n'
        '<meta property="og:type" content="website" />\n<meta name="twitter:card" content="summary" />\n'
        '<meta property="twitter:title" content="Named" />\n<meta property="fb:app_id" content="7" />\n'
        '<meta name="google-site-verification" content="g" />\n'
        '<script type="application/ld+json">\n{"@context":"https://schema.org","@type":"WebSite","author":'
        '{"@type":"Organization","name":"Org"},"headline":"Named","name":"Named","publisher":{"@type":"Organization",'
        '"logo":{"@type":"ImageObject","url":"https://cdn.example/logo.png"},"name":"Org"},"url":"/"}</script>\n' + _TAIL,
    ),
    (
        {}, None, "{% seo %}",
        _HEAD + _GENERATOR + '<meta property="og:locale" content="en_US" />\n<meta property="og:type" content="website" />\n'
        '<meta name="twitter:card" content="summary" />\n'
        '<script type="application/ld+json">\n{"@context":"https://schema.org","@type":"WebSite","url":"/"}</script>\n'
        + _TAIL,
    ),
]


@pytest.mark.parametrize("site, paginator, source, expect", ORACLE)
def test_tag_renders_as_jekyll(site: dict, paginator: dict | None, source: str, expect: str) -> None:
    ctx = _context(site)
    env = ctx.env
    register_liquid(env)
    data = {"site": ctx.globals["site"], "page": dict(VIRTUAL_PAGE, content=source), "paginator": paginator,
            "jekyll": {"version": "4.3.1"}}
    assert env.from_string(source).render(data, ctx.registers) == expect


def test_tag_in_a_built_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEKYLL_ENV", "production")
    source = tmp_path / "src"
    (source / "_layouts").mkdir(parents=True)
    (source / "_config.yml").write_text("plugins: [seo]\ntitle: Built\nurl: https://b.example\n")
    (source / "_layouts/default.html").write_text("<head>{% seo title=false %}</head>{{ content }}")
    (source / "index.md").write_text("---\nlayout: default\ntitle: Home page\ndescription: The *best* page.\n---\nHi\n")
    build(source, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<title>" not in html
    assert '<meta name="description" content="The best page." />' in html
    assert '<link rel="canonical" href="https://b.example/" />' in html
    assert '"@type":"WebSite"' in html and '"name":"Built"' in html
