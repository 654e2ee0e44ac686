"""jekyll-default-layout: the layout chosen for each kind of item, and builds.

Whole sites are checked against the real gem (0.1.5) in tests/compat/sites/plugin-default-layout
(home, page, post; layouts from front matter, defaults and ``null`` kept; HTML files and other
collections left alone), plugin-default-layout-fallback (only ``default``) and
plugin-github-pages-content (pages made by optional-front-matter and readme-index). The gem sets
the key to nothing when no layout fits; that is what the last build shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from postforge.model.documents import Document
from postforge.model.documents import Page
from postforge.plugins.default_layout import layout_for
from postforge.plugins.default_layout import layout_specified
from postforge.site import build


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


ALL = ("home", "page", "post", "default")


@pytest.mark.parametrize(
    "kind, url, layouts, expect",
    [
        ("page", "/", ALL, "home"),
        ("page", "/about.html", ALL, "page"),
        ("page", "/sub/", ALL, "page"),
        ("post", "/2024/01/01/a.html", ALL, "post"),
        ("post", "/", ALL, "home"),
        ("page", "/", ("page", "default"), "page"),
        ("post", "/x.html", ("page", "default"), "default"),
        ("page", "/x.html", ("post", "default"), "default"),
        ("page", "/x.html", ("home",), None),
        ("page", "/", (), None),
    ],
)
def test_layout_for(kind: str, url: str, layouts: tuple[str, ...], expect: str | None) -> None:
    assert layout_for(kind, url, layouts) == expect


@pytest.mark.parametrize(
    "item, expect",
    [
        (Page("", "a.md", {}, ""), False),
        (Page("", "a.md", {"layout": None}, ""), True),
        (Page("", "a.md", {"layout": "x"}, ""), True),
        (Page("", "a.md", {}, "", defaults={"layout": "wide"}), True),
        (Page("", "a.md", {"title": "t"}, "", defaults={"title": "u"}), False),
        (Document("", "_posts/2024-01-01-a.md", {}, ""), False),
        (Document("", "_posts/2024-01-01-a.md", {"layout": "post"}, ""), True),
    ],
)
def test_layout_specified(item: Any, expect: bool) -> None:
    assert layout_specified(item) is expect


def test_no_fitting_layout_leaves_the_page_bare(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "src",
        {
            "_config.yml": "plugins: [default-layout]\n",
            "_layouts/wide.html": "WIDE {{ content }}",
            "index.md": "---\n---\nHome\n",
            "_posts/2024-01-02-a.md": "---\n---\nPost\n",
        },
    )
    build(source, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "<p>Home</p>\n"
    assert (tmp_path / "site" / "2024" / "01" / "02" / "a.html").read_text() == "<p>Post</p>\n"


def test_theme_layouts_count(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "src",
        {
            "_config.yml": "plugins: [jekyll-default-layout]\ntheme: mytheme\n",
            "themes/mytheme/_layouts/page.html": "THEME PAGE {{ content }}",
            "about.md": "---\n---\nAbout\n",
        },
    )
    build(source, tmp_path / "site")
    assert (tmp_path / "site" / "about.html").read_text() == "THEME PAGE <p>About</p>\n"
