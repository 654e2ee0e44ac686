"""Archive pages (``postforge.plugins.archives``) as the jekyll-archives gem makes them, and our overviews.

Jekyll's answers: ``JEKYLL_ARCHIVES`` is what Jekyll 4.3.1 with jekyll-archives 2.2.1 (Debian's
``ruby-jekyll-archives``) wrote for ``ORACLE_SITE``, through ``../shared/oracle/site.sh``;
``test_the_table_is_what_jekyll_writes`` asks Jekyll again when the gem is installed (run
``python tests/plugins/test_archives.py`` to print a fresh table). The slugs in ``SLUGS`` come
from Jekyll's ``slugify`` filter (``oracle/liquid.rb``), which is the ``Utils.slugify`` the gem
calls. Where postforge differs on purpose (default URLs ``/tags/:name/``, tags and categories on
by default, names with one slug sharing a page, overview pages) the module's docstring says so,
and the tests below check our behaviour.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from postforge.config import load_config
from postforge.errors import PostforgeError
from postforge.model.documents import Document
from postforge.plugins.archives import DEFAULTS
from postforge.plugins.archives import archive_settings
from postforge.plugins.archives import archive_slug
from postforge.plugins.archives import archive_url
from postforge.plugins.archives import enabled
from postforge.plugins.archives import group_posts
from postforge.plugins.archives import output_path
from postforge.plugins.archives import plan_archives
from postforge.plugins.archives import plan_overviews
from postforge.site import Site
from postforge.site import build

ROOT = Path(__file__).resolve().parents[2]
ORACLE = ROOT.parent / "shared" / "oracle"

# -- Jekyll's answers -----------------------------------------------------------------------------

DUMP = (
    "type={{ page.type }}|title={{ page.title }}|date={{ page.date }}|path={{ page.path }}|url={{ page.url }}"
    "|permalink={{ page.permalink }}|layout={{ page.layout }}"
    "|posts={% for p in page.posts %}{{ p.title }},{% endfor %}|archives={{ site.archives | size }}\n"
)
ORACLE_SITE = {
    "_config.yml": (
        "plugins: [jekyll-archives]\ntimezone: UTC\ntime: 2024-06-01 00:00:00 +0000\n"
        "jekyll-archives:\n  enabled: all\n  layouts: {year: dates, month: dates, day: dates}\n"
        "  permalinks: {tag: /tag/:name/, category: /category/:name/}\n"
    ),
    "_layouts/archive.html": DUMP,
    "_layouts/dates.html": "dates " + DUMP,
    "_posts/2023-05-01-one.md": (
        "---\ntitle: One\ntags: [AWS Dev Ops, Café, 日本語, C++]\ncategories: [Study Notes]\n---\none\n"
    ),
    "_posts/2023-05-03-two.md": "---\ntitle: Two\ntags: [aws, lambda]\ncategory: posts\n---\ntwo\n",
    "_posts/2024-01-01-three.md": "---\ntitle: Three\ntags: lambda aws\n---\nthree\n",
    "notes/_posts/2023-05-01-four.md": "---\ntitle: Four\ntags: [lambda, \"2023\"]\n---\nfour\n",
    "index.html": "---\n---\n{% for a in site.archives %}{{ a.type }} {{ a.title }} {{ a.url }}\n{% endfor %}",
}


def _line(path: str, kind: str, title: str, date: str, url: str, layout: str, posts: str) -> str:
    prefix = "dates " if layout == "dates" else ""
    return (
        f"{prefix}type={kind}|title={title}|date={date}|path={path}|url={url}|permalink=|layout={layout}"
        f"|posts={posts}|archives=17\n"
    )


# each archive Jekyll wrote: (its file = page.path, page.type, title, date, url, layout, post titles)
_JEKYLL_ROWS = [
    ("tag/aws-dev-ops/index.html", "tag", "AWS Dev Ops", "", "/tag/aws-dev-ops/", "archive", "One,"),
    ("tag/café/index.html", "tag", "Café", "", "/tag/caf%C3%A9/", "archive", "One,"),
    ("tag/日本語/index.html", "tag", "日本語", "", "/tag/%E6%97%A5%E6%9C%AC%E8%AA%9E/", "archive", "One,"),
    ("tag/c/index.html", "tag", "C++", "", "/tag/c/", "archive", "One,"),
    ("tag/lambda/index.html", "tag", "lambda", "", "/tag/lambda/", "archive", "Three,Two,Four,"),
    ("tag/2023/index.html", "tag", "2023", "", "/tag/2023/", "archive", "Four,"),
    ("tag/aws/index.html", "tag", "aws", "", "/tag/aws/", "archive", "Three,Two,"),
    ("category/study-notes/index.html", "category", "Study Notes", "", "/category/study-notes/", "archive", "One,"),
    ("category/notes/index.html", "category", "notes", "", "/category/notes/", "archive", "Four,"),
    ("category/posts/index.html", "category", "posts", "", "/category/posts/", "archive", "Two,"),
    ("2023/index.html", "year", "", "2023-01-01", "/2023/", "dates", "Two,Four,One,"),
    ("2023/05/index.html", "month", "", "2023-05-01", "/2023/05/", "dates", "Two,Four,One,"),
    ("2023/05/03/index.html", "day", "", "2023-05-03", "/2023/05/03/", "dates", "Two,"),
    ("2023/05/01/index.html", "day", "", "2023-05-01", "/2023/05/01/", "dates", "Four,One,"),
    ("2024/index.html", "year", "", "2024-01-01", "/2024/", "dates", "Three,"),
    ("2024/01/index.html", "month", "", "2024-01-01", "/2024/01/", "dates", "Three,"),
    ("2024/01/01/index.html", "day", "", "2024-01-01", "/2024/01/01/", "dates", "Three,"),
]
JEKYLL_ARCHIVES = {
    # site.archives in the gem's order: tags, categories, then each year with its months and days
    "index.html": "".join(f"{row[1]} {row[2]} {row[4]}\n" for row in _JEKYLL_ROWS),
    **{row[0]: _line(*row) for row in _JEKYLL_ROWS},
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _index_pages(site: Path) -> dict[str, str]:
    """Every ``index.html`` written (the archives and the home page), by path."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("index.html"))}


def _jekyll_archives_installed() -> bool:
    if shutil.which("gem") is None or not (ORACLE / "site.sh").is_file():
        return False
    found = subprocess.run(["gem", "list", "-i", "^jekyll-archives$"], capture_output=True, text=True)
    return found.stdout.strip() == "true"


def test_same_archive_pages_as_jekyll_archives(tmp_path: Path) -> None:
    source = _write(tmp_path / "src", ORACLE_SITE)
    result = build(source, tmp_path / "_site")
    assert _index_pages(tmp_path / "_site") == JEKYLL_ARCHIVES
    assert result.warnings == []


@pytest.mark.skipif(not _jekyll_archives_installed(), reason="Jekyll with jekyll-archives is not installed")
def test_the_table_is_what_jekyll_writes(tmp_path: Path) -> None:
    source = _write(tmp_path / "src", ORACLE_SITE)
    subprocess.run([str(ORACLE / "site.sh"), str(source), str(tmp_path / "jekyll")], check=True, capture_output=True)
    assert _index_pages(tmp_path / "jekyll") == JEKYLL_ARCHIVES


# -- the pure parts -------------------------------------------------------------------------------

# (name, slug_mode, Jekyll's slug)
SLUGS = [
    ("AWS Dev Ops", None, "aws-dev-ops"),
    ("aws-dev-ops", None, "aws-dev-ops"),
    ("AWS", None, "aws"),
    ("Café", None, "café"),
    ("日本語", None, "日本語"),
    ("Ελληνικά", None, "ελληνικά"),
    ("Ünïcödé Tag", None, "ünïcödé-tag"),
    ("C++", None, "c"),
    ("  spaced  out ", None, "spaced-out"),
    ("under_score", None, "under-score"),
    ("S3 & EC2", None, "s3-ec2"),
    ("don't", None, "don-t"),
    ("a.b/c", None, "a-b-c"),
    ("2023", None, "2023"),
    ("++", None, ""),
    ("C++", "pretty", "c++"),
    ("under_score", "raw", "under_score"),
    ("S3 & EC2", "raw", "s3-&-ec2"),
    ("Café", "ascii", "caf"),
    ("Café", "latin", "cafe"),
    ("Ünïcödé Tag", "latin", "unicode-tag"),
    ("AWS Dev Ops", "none", "aws dev ops"),
]


@pytest.mark.parametrize("name, mode, slug", SLUGS)
def test_slug(name: str, mode: str | None, slug: str) -> None:
    assert archive_slug(name, mode) == slug


@pytest.mark.parametrize(
    "template, placeholders, url",
    [
        ("/tags/:name/", {"name": "aws", "type": "tag"}, "/tags/aws/"),
        ("/tags/:name/", {"name": "café", "type": "tag"}, "/tags/caf%C3%A9/"),
        ("/tags/:name/", {"name": "日本語", "type": "tag"}, "/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/"),
        ("/tags/:name/", {"name": "aws dev ops", "type": "tag"}, "/tags/aws%20dev%20ops/"),
        ("/tag-:name.html", {"name": "aws", "type": "tag"}, "/tag-aws.html"),
        ("/:type/:name/", {"name": "aws", "type": "category"}, "/category/aws/"),
        ("archive/:name", {"name": "aws", "type": "tag"}, "/archive/aws"),
        ("/x//:name/", {"name": "aws", "type": "tag"}, "/x/aws/"),
        ("/:year/:month/", {"year": "2023", "month": "05", "type": "month"}, "/2023/05/"),
        ("/archives/:year-:month/", {"year": "2023", "month": "05", "type": "month"}, "/archives/2023-05/"),
        ("/:year/:month/:day/", {"year": "2024", "month": "01", "day": "09", "type": "day"}, "/2024/01/09/"),
        ("/tags/", {"type": "tags"}, "/tags/"),
        ("/:type/", {"type": "categories"}, "/categories/"),
    ],
)
def test_archive_url(template: str, placeholders: dict[str, Any], url: str) -> None:
    assert archive_url(template, placeholders) == url


@pytest.mark.parametrize("template", [None, False, 7])
def test_a_template_that_is_not_text_fails_the_build(template: Any) -> None:
    with pytest.raises(PostforgeError, match="jekyll-archives: permalink template"):
        archive_url(template, {"name": "aws", "type": "tag"})


@pytest.mark.parametrize(
    "url, path",
    [
        ("/tags/aws/", "tags/aws/index.html"),
        ("/tags/caf%C3%A9/", "tags/café/index.html"),
        ("/tags/aws%20dev%20ops/", "tags/aws dev ops/index.html"),
        ("/tag-aws.html", "tag-aws.html"),
        ("/tags/aws", "tags/aws"),
        ("/", "index.html"),
    ],
)
def test_output_path(url: str, path: str) -> None:
    assert output_path(url) == path


@pytest.mark.parametrize(
    "value, kind, expected",
    [
        (True, "day", True),
        ("all", "tags", True),
        (["tags"], "tags", True),
        (["tags"], "categories", False),
        (["year", "month"], "day", False),
        ([], "tags", False),
        ("tags", "tags", False),  # the gem reads only true, "all" and lists
        (None, "tags", False),
        (False, "tags", False),
    ],
)
def test_enabled(value: Any, kind: str, expected: bool) -> None:
    assert enabled({"enabled": value}, kind) is expected


@pytest.mark.parametrize(
    "config, expected",
    [
        ({}, DEFAULTS),
        ({"jekyll-archives": {}}, DEFAULTS),
        ({"jekyll-archives": {"enabled": ["year"]}}, {**DEFAULTS, "enabled": ["year"]}),
        ({"jekyll-archives": {"enabled": None}}, DEFAULTS),  # None never wins a merge, as in Jekyll
        (
            {"jekyll-archives": {"permalinks": {"tag": "/t/:name/"}}},
            {**DEFAULTS, "permalinks": {**DEFAULTS["permalinks"], "tag": "/t/:name/"}},
        ),
        (
            {"jekyll-archives": {"layouts": {"tag": "tag-page"}}},
            {**DEFAULTS, "layouts": {**DEFAULTS["layouts"], "tag": "tag-page"}},
        ),
        ({"jekyll-archives": ["apples", "oranges"]}, None),
        ({"jekyll-archives": None}, None),
    ],
)
def test_archive_settings(config: dict[str, Any], expected: dict[str, Any] | None) -> None:
    assert archive_settings(config) == expected


def _post(relative_path: str, date: str, **data: Any) -> Document:
    when = dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc)
    return Document("/site/" + relative_path, relative_path, {"date": when, "title": relative_path, **data}, "")


# oldest first, as site.posts.docs
POSTS = [
    _post("_posts/2022-12-31-a.md", "2022-12-31T23:00:00", tags=["AWS", "Lambda"], categories=["Notes"]),
    _post("_posts/2023-05-01-b.md", "2023-05-01T10:00:00", tags=["aws", "AWS Dev Ops"], categories=[]),
    _post("notes/_posts/2023-05-01-c.md", "2023-05-01T10:00:00", tags=["lambda", "lambda"], categories=["notes"]),
    _post("_posts/2023-05-02-d.md", "2023-05-02T08:00:00", tags=["aws-dev-ops", "日本語", 2023], categories=["Notes"]),
]


def _titles(posts: list[Document]) -> list[str]:
    return [post.relative_path.rsplit("-", 1)[1][:-3] for post in posts]


def test_group_posts_keeps_first_seen_order_and_lists_newest_first() -> None:
    groups = group_posts(POSTS, lambda post: [str(tag) for tag in post.data["tags"]])
    assert {name: _titles(posts) for name, posts in groups.items()} == {
        "AWS": ["a"],
        "Lambda": ["a"],
        "aws": ["b"],
        "AWS Dev Ops": ["b"],
        "lambda": ["c"],  # listed twice in the post, there once
        "aws-dev-ops": ["d"],
        "日本語": ["d"],
        "2023": ["d"],
    }
    # same date: the later path is the newer post, as Jekyll's Document#<=> orders them
    by_year = group_posts(reversed(POSTS), lambda post: [post.date.strftime("%Y")])
    assert {year: _titles(posts) for year, posts in by_year.items()} == {"2023": ["d", "c", "b"], "2022": ["a"]}


@pytest.mark.parametrize(
    "own, expected",
    [
        (
            {},
            [
                ("tag", "AWS", "/tags/aws/", ["b", "a"]),
                ("tag", "Lambda", "/tags/lambda/", ["c", "a"]),
                ("tag", "AWS Dev Ops", "/tags/aws-dev-ops/", ["d", "b"]),
                ("tag", "日本語", "/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/", ["d"]),
                ("tag", "2023", "/tags/2023/", ["d"]),
                ("category", "Notes", "/categories/notes/", ["d", "c", "a"]),
            ],
        ),
        (
            {"enabled": ["categories"], "permalinks": {"category": "/:type/:name.html"}},
            [("category", "Notes", "/category/notes.html", ["d", "c", "a"])],
        ),
        (
            {"enabled": ["year", "month"]},
            [
                ("year", None, "/2022/", ["a"]),
                ("month", None, "/2022/12/", ["a"]),
                ("year", None, "/2023/", ["d", "c", "b"]),
                ("month", None, "/2023/05/", ["d", "c", "b"]),
            ],
        ),
        (
            {"enabled": ["day"], "permalinks": {"day": "/on/:year-:month-:day/"}},
            [
                ("day", None, "/on/2022-12-31/", ["a"]),
                ("day", None, "/on/2023-05-02/", ["d"]),
                ("day", None, "/on/2023-05-01/", ["c", "b"]),
            ],
        ),
        (
            {"enabled": ["tags"], "slug_mode": "raw"},
            [
                ("tag", "AWS", "/tags/aws/", ["b", "a"]),
                ("tag", "Lambda", "/tags/lambda/", ["c", "a"]),
                ("tag", "AWS Dev Ops", "/tags/aws-dev-ops/", ["d", "b"]),
                ("tag", "日本語", "/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/", ["d"]),
                ("tag", "2023", "/tags/2023/", ["d"]),
            ],
        ),
        ({"enabled": []}, []),
    ],
)
def test_plan_archives(own: dict[str, Any], expected: list[tuple[str, str | None, str, list[str]]]) -> None:
    archives = plan_archives(archive_settings({"jekyll-archives": own}), POSTS)  # type: ignore[arg-type]
    assert [(a.type, a.title, a.url, _titles(a.posts)) for a in archives] == expected


def test_plan_archives_dates_and_paths() -> None:
    settings = archive_settings({"jekyll-archives": {"enabled": "all", "layouts": {"day": "day-page"}}})
    archives = {a.url: a for a in plan_archives(settings, POSTS)}  # type: ignore[arg-type]
    assert archives["/2023/"].date == dt.date(2023, 1, 1)
    assert archives["/2023/05/"].date == dt.date(2023, 5, 1)
    assert archives["/2023/05/02/"].date == dt.date(2023, 5, 2)
    assert archives["/2023/05/02/"].layout == "day-page"
    assert archives["/2023/"].layout == "archive"
    assert archives["/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/"].path == "tags/日本語/index.html"
    assert archives["/tags/aws/"].slug == "aws"


def test_a_name_without_a_slug_gets_no_page_and_a_warning() -> None:
    warnings: list[str] = []
    posts = [_post("_posts/2023-01-01-x.md", "2023-01-01T00:00:00", tags=["++", "ok"])]
    archives = plan_archives(archive_settings({}), posts, warnings.append)  # type: ignore[arg-type]
    assert [a.title for a in archives] == ["ok"]
    assert warnings == ["tag '++' has no letter or digit to make a URL of; no archive page for it"]


@pytest.mark.parametrize(
    "own, expected",
    [
        (
            {},
            [
                ("tags", "Tags", "/tags/", "taxonomy", ["2023", "AWS", "AWS Dev Ops", "Lambda", "日本語"]),
                ("categories", "Categories", "/categories/", "taxonomy", ["Notes"]),
            ],
        ),
        (
            {
                "enabled": ["tags"],
                "permalinks": {"tags": "/topics/"},
                "layouts": {"tags": "topics"},
                "titles": {"tags": "Topics"},
            },
            [("tags", "Topics", "/topics/", "topics", ["2023", "AWS", "AWS Dev Ops", "Lambda", "日本語"])],
        ),
        ({"permalinks": {"tags": False, "categories": False}}, []),
        ({"enabled": ["year"]}, []),
    ],
)
def test_plan_overviews(own: dict[str, Any], expected: list[tuple[str, str, str, str, list[str]]]) -> None:
    settings = archive_settings({"jekyll-archives": own})
    overviews = plan_overviews(settings, plan_archives(settings, POSTS))  # type: ignore[arg-type]
    assert [(o.type, o.title, o.url, o.layout, [t.title for t in o.terms]) for o in overviews] == expected


# -- whole sites ----------------------------------------------------------------------------------

THEMED = {
    "_config.yml": "plugins: [jekyll-archives]\ntheme: default\ntimezone: UTC\ntitle: Notes\n",
    "index.md": "---\nlayout: home\n---\n",
    "_posts/2023-01-01-first.md": "---\nlayout: post\ntitle: First\ntags: [AWS Dev Ops, Café, 日本語]\n"
    "category: Study Notes\n---\nOne.\n",
    "_posts/2023-02-01-second.md": "---\nlayout: post\ntitle: Second\ntags: [aws-dev-ops, AWS, lambda]\n"
    "category: posts\n---\nTwo.\n",
    "_posts/2023-03-01-third.md": "---\nlayout: post\ntitle: Third\ntags: [aws, lambda]\ncategories: [posts]\n---\nThree.\n",
}


def _main(html: str) -> str:
    return html.split('<main id="content"', 1)[1].split("</main>", 1)[0]


def _links(html: str, css_class: str) -> list[tuple[str, str]]:
    return re.findall(rf'<a class="{css_class}" href="([^"]*)">([^<]*)</a>', _main(html))


def test_a_page_per_tag_and_category_with_the_bundled_theme(tmp_path: Path) -> None:
    source = _write(tmp_path / "src", THEMED)
    site = tmp_path / "_site"
    result = build(source, site)
    assert result.warnings == []
    archives = {path for path in _index_pages(site) if path.startswith(("tags/", "categories/"))}
    assert archives == {
        "tags/index.html",
        "tags/aws-dev-ops/index.html",  # "AWS Dev Ops" and "aws-dev-ops" share their slug, so one page
        "tags/café/index.html",
        "tags/日本語/index.html",
        "tags/aws/index.html",  # "AWS" and "aws" too
        "tags/lambda/index.html",
        "categories/index.html",
        "categories/study-notes/index.html",
        "categories/posts/index.html",
    }
    aws = (site / "tags/aws/index.html").read_text(encoding="utf-8")
    assert "<title>AWS | Notes</title>" in aws  # titled as first written
    third_second = [("/posts/2023/03/01/third.html", "Third"), ("/posts/2023/02/01/second.html", "Second")]
    assert _links(aws, "post-link") == third_second
    devops = (site / "tags/aws-dev-ops/index.html").read_text(encoding="utf-8")
    assert '<h1 class="page-heading">AWS Dev Ops</h1>' in devops
    assert _links(devops, "post-link") == [
        ("/posts/2023/02/01/second.html", "Second"),
        ("/study%20notes/2023/01/01/first.html", "First"),
    ]
    cafe = (site / "tags/café/index.html").read_text(encoding="utf-8")
    assert "<title>Café | Notes</title>" in cafe
    posts = (site / "categories/posts/index.html").read_text(encoding="utf-8")
    assert _links(posts, "post-link") == third_second
    # the theme's links from a post reach these pages
    first = (site / "study notes/2023/01/01/first.html").read_text(encoding="utf-8")
    assert 'href="/tags/caf%C3%A9/"' in first
    assert 'href="/categories/study-notes/"' in first


def _counts(html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<a class="post-link" href="([^"]*)">([^<]*)</a>\s*<span class="taxonomy-count" data-count="(\d+)">',
        _main(html),
    )


def test_overview_pages_list_every_name_with_its_count(tmp_path: Path) -> None:
    source = _write(tmp_path / "src", THEMED)
    site = tmp_path / "_site"
    build(source, site)
    tags = (site / "tags/index.html").read_text(encoding="utf-8")
    assert "<title>Tags | Notes</title>" in tags
    assert _counts(tags) == [
        ("/tags/aws/", "AWS", "2"),
        ("/tags/aws-dev-ops/", "AWS Dev Ops", "2"),
        ("/tags/caf%C3%A9/", "Café", "1"),
        ("/tags/lambda/", "lambda", "2"),
        ("/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/", "日本語", "1"),
    ]
    assert "2 posts" in tags and "1 post<" in tags
    categories = (site / "categories/index.html").read_text(encoding="utf-8")
    assert _counts(categories) == [
        ("/categories/posts/", "posts", "2"),
        ("/categories/study-notes/", "Study Notes", "1"),
    ]
    # overviews are in the header's menu; the archives themselves are not
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]*)"', nav) == ["/tags/", "/categories/"]


CUSTOM_LAYOUT = (
    "{{ page.type }}|{{ page.title }}|{{ page.url }}|{{ page.path }}"
    "|{% for p in page.posts %}{{ p.title }}@{{ p.url }};{% endfor %}"
)
TERMS_LAYOUT = (
    "{{ page.type }}|{{ page.title }}|{% for t in page.terms %}{{ t.name }}={{ t.slug }}={{ t.url }}={{ t.count }}"
    "={{ t.posts | map: 'title' | join: '+' }}={{ t.archive.url }};{% endfor %}"
)


def test_custom_permalinks_layouts_and_titles(tmp_path: Path) -> None:
    files = dict(THEMED)
    files["_config.yml"] = (
        "plugins: [archives]\ntimezone: UTC\n"
        "jekyll-archives:\n  enabled: [tags]\n  layout: plain\n"
        "  layouts: {tags: terms}\n"
        "  permalinks: {tag: '/topics/:name.html', tags: /topics/}\n"
        "  titles: {tags: Topics}\n"
    )
    files["_layouts/plain.html"] = CUSTOM_LAYOUT
    files["_layouts/terms.html"] = TERMS_LAYOUT
    files["_layouts/post.html"] = "{{ content }}"
    files["_layouts/home.html"] = "{{ content }}"
    site = tmp_path / "_site"
    build(_write(tmp_path / "src", files), site)
    assert not (site / "categories").exists()
    assert (site / "topics/lambda.html").read_text(encoding="utf-8") == (
        "tag|lambda|/topics/lambda.html|topics/lambda.html|"
        "Third@/posts/2023/03/01/third.html;Second@/posts/2023/02/01/second.html;"
    )
    japanese = (site / "topics/日本語.html").read_text(encoding="utf-8")
    assert japanese.startswith("tag|日本語|/topics/%E6%97%A5%E6%9C%AC%E8%AA%9E.html|topics/日本語.html|")
    assert (site / "topics/index.html").read_text(encoding="utf-8") == (
        "tags|Topics|"
        "AWS=aws=/topics/aws.html=2=Third+Second=/topics/aws.html;"
        "AWS Dev Ops=aws-dev-ops=/topics/aws-dev-ops.html=2=Second+First=/topics/aws-dev-ops.html;"
        "Café=café=/topics/caf%C3%A9.html=1=First=/topics/caf%C3%A9.html;"
        "lambda=lambda=/topics/lambda.html=2=Third+Second=/topics/lambda.html;"
        "日本語=日本語=/topics/%E6%97%A5%E6%9C%AC%E8%AA%9E.html=1=First=/topics/%E6%97%A5%E6%9C%AC%E8%AA%9E.html;"
    )


def test_site_pages_see_the_archives(tmp_path: Path) -> None:
    files = dict(ORACLE_SITE)
    files["_config.yml"] = "plugins: [jekyll-archives]\ntimezone: UTC\njekyll-archives: {enabled: [categories]}\n"
    files["_layouts/taxonomy.html"] = "{{ page.terms | size }}"
    files["list.html"] = (
        "---\n---\n{% assign cats = site.pages | where: 'type', 'category' %}"
        "{% for c in cats %}{{ c.title }}:{{ c.posts | map: 'title' | join: '+' }};{% endfor %}"
        "|{% for a in site.archives %}{{ a.url }} {% endfor %}"
    )
    site = tmp_path / "_site"
    build(_write(tmp_path / "src", files), site)
    assert (site / "list.html").read_text(encoding="utf-8") == (
        "Study Notes:One;notes:Four;posts:Two;|/categories/study-notes/ /categories/notes/ /categories/posts/ "
    )
    assert (site / "categories/index.html").read_text(encoding="utf-8") == "3"


@pytest.mark.parametrize(
    "layouts, warnings",
    [
        ("", []),  # the default layout, missing: the site has a theme of its own
        (
            "layouts: {categories: cats}",
            ["Archives: no layout 'cats' for the categories overview /categories/; not made"],
        ),
    ],
)
def test_a_page_of_the_site_keeps_its_url_and_a_missing_layout_skips_an_overview(
    tmp_path: Path, layouts: str, warnings: list[str]
) -> None:
    files = dict(ORACLE_SITE)
    files["_config.yml"] = f"plugins: [jekyll-archives]\ntimezone: UTC\njekyll-archives: {{{layouts}}}\n"
    files["tags.html"] = "---\npermalink: /tags/\n---\nmy own tag list"
    site = tmp_path / "_site"
    result = build(_write(tmp_path / "src", files), site)
    assert (site / "tags/index.html").read_text(encoding="utf-8") == "my own tag list"
    assert (site / "tags/lambda/index.html").is_file()
    assert (site / "categories/posts/index.html").is_file()
    assert not (site / "categories/index.html").exists()
    assert result.warnings == warnings


@pytest.mark.parametrize("value", ["[apples, oranges]", ""])
def test_a_config_that_is_not_a_hash_makes_no_archives(tmp_path: Path, value: str) -> None:
    files = dict(ORACLE_SITE)
    files["_config.yml"] = f"plugins: [jekyll-archives]\njekyll-archives: {value}\n"
    site = tmp_path / "_site"
    result = build(_write(tmp_path / "src", files), site)
    assert not (site / "tags").exists() and not (site / "tag").exists()
    assert len(result.warnings) == 1 and result.warnings[0].startswith("Archives: Expected a hash but got")


def test_a_site_built_twice_gets_its_archives_twice(tmp_path: Path) -> None:
    source = _write(tmp_path / "src", ORACLE_SITE)
    config = load_config(source, None, {"source": str(source), "destination": str(tmp_path / "_site")})
    site = Site(config)
    site.build()
    (tmp_path / "_site" / "tag/lambda/index.html").unlink()
    site.build()
    assert _index_pages(tmp_path / "_site") == JEKYLL_ARCHIVES


def test_no_plugin_no_archives(tmp_path: Path) -> None:
    files = dict(ORACLE_SITE)
    files["_config.yml"] = "timezone: UTC\n"
    site = tmp_path / "_site"
    build(_write(tmp_path / "src", files), site)
    assert set(_index_pages(site)) == {"index.html"}


def test_the_example_site_has_a_page_per_tag_and_category(tmp_path: Path) -> None:
    site = tmp_path / "_site"
    # only this plugin: the example site's others have their own tests
    build(ROOT, site, overrides={"plugins": ["jekyll-archives"]})
    tags = ["lambda", "aws", "devops", "aws-dev-ops-pro", "aws-solutions-arch-pro"]
    for tag in tags:
        html = (site / "tags" / tag / "index.html").read_text(encoding="utf-8")
        assert f'<h1 class="page-heading">{tag}</h1>' in html
        assert _links(html, "post-link") == [("/posts/2023/05/01/aws-lambda.html", "AWS - Lambda")]
    posts = (site / "categories/posts/index.html").read_text(encoding="utf-8")
    assert _links(posts, "post-link") == [("/posts/2023/05/01/aws-lambda.html", "AWS - Lambda")]
    overview = (site / "tags/index.html").read_text(encoding="utf-8")
    assert _counts(overview) == [(f"/tags/{tag}/", tag, "1") for tag in sorted(tags)]
    categories = (site / "categories/index.html").read_text(encoding="utf-8")
    assert _counts(categories) == [("/categories/posts/", "posts", "1")]
    written = {p for p in _index_pages(site) if p.startswith(("tags/", "categories/"))}
    assert written == {f"tags/{tag}/index.html" for tag in tags} | {
        "tags/index.html", "categories/index.html", "categories/posts/index.html",
    }


if __name__ == "__main__":  # print Jekyll's table afresh (needs Jekyll and jekyll-archives)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        source = _write(Path(folder) / "src", ORACLE_SITE)
        subprocess.run([str(ORACLE / "site.sh"), str(source), str(Path(folder) / "jekyll")], check=True)
        json.dump(_index_pages(Path(folder) / "jekyll"), sys.stdout, ensure_ascii=False, indent=1)
