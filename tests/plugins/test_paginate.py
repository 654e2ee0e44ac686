"""jekyll-paginate v1: which index.html paginates, and each page's paginator (the gem's rules).

Whole-site behaviour is checked against Jekyll in tests/compat/sites/plugin-paginate.
"""

from __future__ import annotations

import pytest

from postforge.model.documents import Page
from postforge.plugins.paginate import is_candidate
from postforge.plugins.paginate import pagers
from postforge.plugins.paginate import paginate_path


def _page(path: str) -> Page:
    return Page("", path, {}, "")


@pytest.mark.parametrize(
    "paginate, path, expect",
    [
        ("/page:num", "index.html", True),
        ("/page:num/", "index.html", True),
        ("/blog/page:num/", "blog/index.html", True),
        ("/blog/page:num/", "index.html", True),
        ("/blog/page:num/", "other/index.html", False),
        ("/blog/page:num/", "blog/about.html", False),
        ("/page:num", "blog/index.html", False),
        ("/a/b/page:num", "a/index.html", True),
    ],
)
def test_candidate(paginate: str, path: str, expect: bool) -> None:
    assert is_candidate({"source": "/site", "paginate_path": paginate}, _page(path)) is expect


@pytest.mark.parametrize(
    "fmt, number, expect",
    [("/page:num", 2, "/page2"), ("blog/page:num/", 3, "/blog/page3/"), ("/page:num", 1, "/"), ("/page:num", None, None)],
)
def test_paginate_path(fmt: str, number: int | None, expect: str | None) -> None:
    assert paginate_path({"paginate_path": fmt}, number, "/") == expect


def test_pagers_split_posts_and_link_neighbours() -> None:
    posts = list(range(7))
    result = pagers({"paginate": 3, "paginate_path": "/p:num/"}, posts, "/")  # type: ignore[arg-type]
    assert [p.posts for p in result] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [(p.previous_page, p.next_page) for p in result] == [(None, 2), (1, 3), (2, None)]
    assert [(p.previous_page_path, p.next_page_path) for p in result] == [(None, "/p2/"), ("/", "/p3/"), ("/p2/", None)]
    assert {(p.total_pages, p.total_posts, p.per_page) for p in result} == {(3, 7, 3)}
