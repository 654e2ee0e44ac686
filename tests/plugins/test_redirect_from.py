"""jekyll-redirect-from: the pure parts by tables, and builds for what the comparison sites do not show.

Whole sites are checked against Jekyll 0.16.0 of the gem in tests/compat/sites/plugin-redirect-from
(the gem's own redirect page, redirects.json, url and baseurl, pages, posts, collection documents),
plugin-redirect-from-custom (the site's own layout and redirects.json) and plugin-github-pages-content.
The builds here (``json: false``, ``redirect_from`` given by front matter defaults) were checked once
against the real gem with the oracle's site.sh; their expectations are what it wrote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from postforge.plugins.redirect_from import ensure_leading_slash
from postforge.plugins.redirect_from import redirect_data
from postforge.plugins.redirect_from import redirect_from_paths
from postforge.plugins.redirect_from import redirect_target
from postforge.plugins.redirect_from import redirect_to_target
from postforge.plugins.redirect_from import redirects_json
from postforge.plugins.redirect_from import template
from postforge.plugins.redirect_from import wants_json
from postforge.site import build


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "value, expect",
    [
        (None, []),
        ("/old/", ["/old/"]),
        (["/a/", None, "b.html"], ["/a/", "b.html"]),
        ([], []),
        ([None], []),
        (7, [7]),
    ],
)
def test_redirect_from_paths(value: Any, expect: list[Any]) -> None:
    assert redirect_from_paths(value) == expect


@pytest.mark.parametrize(
    "value, expect",
    [
        (None, None),
        ("/new/", "/new/"),
        ([None, "/first/", "/second/"], "/first/"),
        ([], None),
        ([None], None),
    ],
)
def test_redirect_to_target(value: Any, expect: Any) -> None:
    assert redirect_to_target(value) == expect


@pytest.mark.parametrize(
    "path, expect",
    [("old", "/old"), ("/old", "/old"), ("", ""), ("old/page.html", "/old/page.html"), ("über/", "/über/")],
)
def test_ensure_leading_slash(path: str, expect: str) -> None:
    assert ensure_leading_slash(path) == expect


@pytest.mark.parametrize(
    "config, to, expect",
    [
        ({}, "/people/", "/people/"),
        ({}, "about/", "/about/"),
        ({}, "../guide/", "/guide/"),
        ({"baseurl": "/b"}, "/x.html", "/b/x.html"),
        (
            {"url": "https://example.org", "baseurl": "/handbook"},
            "/people/team/",
            "https://example.org/handbook/people/team/",
        ),
        # a url ending in a slash doubles it, as Jekyll's absolute_url does
        ({"url": "https://example.org/"}, "/x/", "https://example.org//x/"),
        # full http(s) URLs are kept as written, other schemes pass absolute_url unchanged
        ({"url": "https://example.org"}, "http://archive.example.net/gone", "http://archive.example.net/gone"),
        ({"url": "https://example.org"}, "https://elsewhere.example.com/", "https://elsewhere.example.com/"),
        ({"url": "https://example.org"}, "ftp://files.example.org/a", "ftp://files.example.org/a"),
    ],
)
def test_redirect_target(config: dict[str, Any], to: str, expect: str) -> None:
    assert redirect_target(config, to) == expect


def test_redirect_data_keys_in_the_gems_order() -> None:
    data = redirect_data({"url": "https://e.org"}, "old", "/new/")
    assert list(data) == ["sitemap", "layout", "permalink", "redirect"]
    assert data == {
        "sitemap": False,
        "layout": "redirect",
        "permalink": "/old",
        "redirect": {"from": "/old", "to": "https://e.org/new/"},
    }


@pytest.mark.parametrize(
    "redirects, expect",
    [
        ({}, "{}"),
        ({"/a/": "/b/"}, '{"/a/":"/b/"}'),
        ({"/über/": "https://e.org/x", "/q": 'say "hi"'}, '{"/über/":"https://e.org/x","/q":"say \\"hi\\""}'),
    ],
)
def test_redirects_json(redirects: dict[str, str], expect: str) -> None:
    assert redirects_json(redirects) == expect


@pytest.mark.parametrize(
    "config, has_file, expect",
    [
        ({}, False, True),
        ({}, True, False),
        ({"redirect_from": {"json": False}}, False, False),
        ({"redirect_from": {"json": True}}, False, True),
        ({"redirect_from": {"json": None}}, False, True),
        ({"redirect_from": "not a mapping"}, False, True),
    ],
)
def test_wants_json(config: dict[str, Any], has_file: bool, expect: bool) -> None:
    assert wants_json(config, has_file) is expect


def test_template_is_package_data() -> None:
    assert "Click here if you are not redirected." in template()
    assert template().count("page.redirect.to") == 1


def test_json_off_and_redirects_from_defaults(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "src",
        {
            "_config.yml": "plugins: [redirect-from]\nredirect_from: {json: false}\n"
            "defaults:\n  - scope: {path: old}\n    values: {redirect_from: /legacy/}\n",
            "old/page.md": "---\ntitle: Old\n---\nold\n",
        },
    )
    build(source, tmp_path / "site")
    site = tmp_path / "site"
    assert not (site / "redirects.json").exists()
    redirect = (site / "legacy" / "index.html").read_text()
    assert '<link rel="canonical" href="/old/page.html">' in redirect
    assert redirect.startswith("<!DOCTYPE html>\n<html lang=\"en-US\">\n")


def test_redirect_to_replaces_the_page_and_is_listed(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "src",
        {
            "_config.yml": "plugins: [jekyll-redirect-from]\nurl: https://e.org\n",
            "_layouts/default.html": "LAYOUT {{ content }}",
            "moved.md": "---\nlayout: default\nredirect_to: [null, /there/]\n---\nHidden text.\n",
            "there.md": "---\nlayout: default\npermalink: /there/\n---\nHere.\n",
        },
    )
    build(source, tmp_path / "site")
    moved = (tmp_path / "site" / "moved.html").read_text()
    assert "Hidden text" not in moved and "LAYOUT" not in moved
    assert 'content="0; url=https://e.org/there/"' in moved
    redirects = json.loads((tmp_path / "site" / "redirects.json").read_text())
    assert redirects == {"/moved.html": "https://e.org/there/"}
