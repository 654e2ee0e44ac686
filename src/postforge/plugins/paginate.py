"""jekyll-paginate (v1): ``paginate: N`` splits ``site.posts`` over copies of an ``index.html``.

The template page is the ``index.html`` deepest in the folder of ``paginate_path`` (or above it);
page 1 is that page itself, pages 2… are copies at ``paginate_path`` with ``:num`` filled in. Each
gets Jekyll's ``paginator`` (page, per_page, posts, total_posts, total_pages, previous/next page and
path). Posts with ``hidden: true`` are left out, as the gem leaves them out.
"""

from __future__ import annotations

import copy
import math
import os
from dataclasses import dataclass
from typing import Any

from postforge.hooks import hookimpl
from postforge.model.documents import Document
from postforge.model.documents import Page

__all__ = ["Pager", "paginate_path", "is_candidate", "generate"]


def _leading_slash(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def paginate_path(config: dict[str, Any], number: int | None, first_url: str | None) -> str | None:
    """The URL of page ``number``: the template's own URL for page 1, else ``paginate_path``."""
    if number is None:
        return None
    if number <= 1:
        return first_url
    return _leading_slash(str(config.get("paginate_path") or "/page:num").replace(":num", str(number), 1))


def is_candidate(config: dict[str, Any], page: Page) -> bool:
    """The gem's ``pagination_candidate?``: an ``index.html`` in the folder of the paginate path or above."""
    if page.name != "index.html":
        return False
    source = os.path.abspath(str(config.get("source", ".")))
    page_dir = os.path.dirname(os.path.normpath(os.path.join(source, page.path.lstrip("/"))))
    target = os.path.dirname(os.path.normpath(os.path.join(source, str(config.get("paginate_path") or "/page:num").lstrip("/"))))
    parent = os.path.dirname(source)
    while target != os.path.dirname(target) and target != parent:
        if page_dir == target:
            return True
        target = os.path.dirname(target)
    return False


@dataclass
class Pager:
    """One page's ``paginator``."""

    page: int
    per_page: int
    posts: list[Document]
    total_posts: int
    total_pages: int
    previous_page: int | None
    previous_page_path: str | None
    next_page: int | None
    next_page_path: str | None

    def to_liquid(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "per_page": self.per_page,
            "posts": self.posts,
            "total_posts": self.total_posts,
            "total_pages": self.total_pages,
            "previous_page": self.previous_page,
            "previous_page_path": self.previous_page_path,
            "next_page": self.next_page,
            "next_page_path": self.next_page_path,
        }


def pagers(config: dict[str, Any], posts: list[Document], first_url: str) -> list[Pager]:
    """Every page's pager for ``posts`` (newest first)."""
    per_page = int(config.get("paginate") or 0)
    if per_page <= 0:
        return []
    total = math.ceil(len(posts) / per_page)
    result = []
    for number in range(1, total + 1):
        start = (number - 1) * per_page
        previous = number - 1 if number != 1 else None
        following = number + 1 if number != total else None
        result.append(
            Pager(
                number, per_page, posts[start : start + per_page], len(posts), total, previous,
                paginate_path(config, previous, first_url), following, paginate_path(config, following, first_url),
            )
        )
    return result


@hookimpl(trylast=True)
def generate(site: Any) -> list[Page] | None:
    config = site.config
    if config.get("paginate") is None or not site.content.pages:
        return None
    candidates = [page for page in site.content.pages if is_candidate(config, page)]
    if not candidates:
        site.warnings.append(
            "Pagination: Pagination is enabled, but I couldn't find an index.html page to use as the "
            "pagination template. Skipping pagination."
        )
        return None
    template = max(candidates, key=lambda page: len(page.path))
    posts = [post for post in reversed(site.content.posts.docs) if not post.data.get("hidden")]
    new_pages = []
    for pager in pagers(config, posts, template.url):
        if pager.page == 1:
            template.paginator = pager.to_liquid()
            continue
        page = copy.copy(template)
        page.data = dict(template.data)
        page.paginator = pager.to_liquid()
        page.url = str(paginate_path(config, pager.page, template.url)).rstrip("/") + "/"
        new_pages.append(page)
    return new_pages
