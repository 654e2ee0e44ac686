"""jekyll-sitemap: which static files it lists, when it leaves the site's own files alone, and builds.

Whole sitemaps are checked against Jekyll in tests/compat/sites/plugin-sitemap and
plugin-github-pages. Static files are dated by their modification time, which a checkout does not
keep, so they are checked here, with pinned times, against what Jekyll wrote for the same site.
"""

from __future__ import annotations

import calendar
import os
import time
from pathlib import Path
from typing import Iterator

import pytest

from postforge.model.documents import StaticFile
from postforge.plugins.sitemap import missing_outputs
from postforge.plugins.sitemap import sitemap_static_files
from postforge.plugins.sitemap import template
from postforge.site import build


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _utc(text: str) -> int:
    return calendar.timegm(tuple(int(part) for part in text.replace("-", " ").replace(":", " ").split()) + (0, 0, 0))


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Build as the oracle built: production, in UTC (``tzset`` makes the zone count)."""
    monkeypatch.setenv("JEKYLL_ENV", "production")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "names, expect",
    [
        (["/a.pdf", "/b.html", "/c.htm", "/d.xhtml"], ["/a.pdf", "/b.html", "/c.htm", "/d.xhtml"]),
        (["/a.PDF", "/b.HTML", "/logo.png", "/data.json", "/notes.txt"], []),
        (["/x/index.html", "/y/readme.md", "/z.pdf.zip"], ["/x/index.html"]),
        ([], []),
    ],
)
def test_sitemap_static_files(names: list[str], expect: list[str]) -> None:
    files = [StaticFile("/nowhere" + name, name) for name in names]
    assert [file.relative_path for file in sitemap_static_files(files)] == expect


@pytest.mark.parametrize(
    "urls, expect",
    [
        ([], ["sitemap.xml", "robots.txt"]),
        (["/", "/about/"], ["sitemap.xml", "robots.txt"]),
        (["/robots.txt"], ["sitemap.xml"]),
        (["/sitemap.xml", "/robots.txt"], []),
        (["/blog/sitemap.xml", "/sitemap.xml/"], ["sitemap.xml", "robots.txt"]),
    ],
)
def test_missing_outputs(urls: list[str], expect: list[str]) -> None:
    assert missing_outputs(urls) == expect


def test_templates_are_package_data() -> None:
    assert template("robots.txt") == 'Sitemap: {{ "sitemap.xml" | absolute_url }}\n'
    assert "<urlset" in template("sitemap.xml")


SITE = {
    "_config.yml": "plugins: [jekyll-sitemap]\nurl: https://s.example\ntime: 2024-01-01 00:00:00 +0000\n",
    "docs/guide.pdf": "%PDF\n",
    "docs/page.html": "<p>static</p>\n",
    "docs/note.txt": "x",
    "index.html": "---\n---\nhome\n",
    "_posts/2023-05-06-a.md": "---\ntitle: A\n---\nA\n",
}

#: Jekyll 4.3.1 with jekyll-sitemap 1.4.0 on SITE, the two static files' times pinned as below
SITE_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 '
    'http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    "<url>\n<loc>https://s.example/2023/05/06/a.html</loc>\n<lastmod>2023-05-06T00:00:00+00:00</lastmod>\n</url>\n"
    "<url>\n<loc>https://s.example/</loc>\n</url>\n"
    "<url>\n<loc>https://s.example/docs/guide.pdf</loc>\n<lastmod>2023-04-05T06:07:08+00:00</lastmod>\n</url>\n"
    "<url>\n<loc>https://s.example/docs/page.html</loc>\n<lastmod>2022-01-02T03:04:05+00:00</lastmod>\n</url>\n"
    "</urlset>\n"
)


def test_static_files_dated_by_modification_time(tmp_path: Path, production: None) -> None:
    source = _write(tmp_path / "src", SITE)
    for name, moment in (("docs/guide.pdf", "2023-04-05 06:07:08"), ("docs/page.html", "2022-01-02 03:04:05")):
        os.utime(source / name, (_utc(moment), _utc(moment)))
    build(source, tmp_path / "out")
    assert (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8") == SITE_SITEMAP
    assert (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8") == "Sitemap: https://s.example/sitemap.xml\n"


def test_short_name_stylesheet_and_opting_out(tmp_path: Path, production: None) -> None:
    files = dict(SITE)
    files["_config.yml"] = (
        "plugins: [sitemap]\nbaseurl: /b\ndefaults:\n  - scope: {path: docs}\n    values: {sitemap: false}\n"
    )
    files["sitemap.xsl"] = "<xsl/>\n"
    files["hidden.md"] = "---\nsitemap: false\n---\nhidden\n"
    files["404.md"] = "---\npermalink: /404.html\n---\nmissing\n"
    build(_write(tmp_path / "src", files), tmp_path / "out")
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert '<?xml-stylesheet type="text/xsl" href="/b/sitemap.xsl"?>\n<urlset' in sitemap
    assert [line for line in sitemap.splitlines() if line.startswith("<loc>")] == [
        "<loc>/b/2023/05/06/a.html</loc>",
        "<loc>/b/</loc>",
    ]
    assert (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8") == "Sitemap: /b/sitemap.xml\n"


def test_site_owned_sitemap_and_robots_are_kept(tmp_path: Path, production: None) -> None:
    files = dict(SITE)
    files["robots.txt"] = "User-agent: *\n"
    files["sitemap.xml"] = "---\nlayout: null\n---\n<urlset>{{ site.posts.size }}</urlset>\n"
    build(_write(tmp_path / "src", files), tmp_path / "out")
    assert (tmp_path / "out" / "robots.txt").read_text() == "User-agent: *\n"
    assert (tmp_path / "out" / "sitemap.xml").read_text() == "<urlset>1</urlset>\n"
