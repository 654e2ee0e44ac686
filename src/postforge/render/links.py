"""``{% link %}`` and ``{% post_url %}``: a site file or post found by path, as a relative URL."""

from __future__ import annotations

import re
from typing import Any

from postforge.liquid import Environment
from postforge.liquid import LiquidArgumentError
from postforge.liquid.runtime import RenderContext
from postforge.regexes import LazyPattern

__all__ = ["SiteLinks"]

_POST_NAME = LazyPattern(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


class SiteLinks:
    """The resolver the Liquid tags call through ``ctx.registers["site_links"]``."""

    def __init__(self, content: Any, env: Environment) -> None:
        self.content = content
        self.env = env

    def __call__(self, kind: str, target: str, ctx: RenderContext) -> str:
        url = self.post_url(target) if kind == "post_url" else self.link(target)
        relative_url = self.env.filters["relative_url"]
        return relative_url(ctx, url)

    def _site_files(self) -> Any:
        yield from self.content.pages
        yield from self.content.static_files
        for collection in self.content.collections.values():
            if collection.output:
                yield from collection.docs

    def link(self, relative_path: str) -> str:
        with_slash = "/" + relative_path.lstrip("/")
        for item in self._site_files():
            if item.relative_path in (relative_path, with_slash):
                return item.url
        raise LiquidArgumentError(
            f"Could not find document '{relative_path}' in tag 'link'. "
            "Make sure the document exists and the path is correct."
        )

    def post_url(self, name: str) -> str:
        match = _POST_NAME.match(name.lstrip("/"))
        if match is None:
            raise LiquidArgumentError(f"'{name}' does not contain valid date and/or title.")
        path, date, slug = match.group(1) or "", match.group(2), match.group(3)
        basename = f"{re.escape(date)}-{re.escape(slug)}\\.[^.]+"
        pattern = re.compile(rf"^_posts/{re.escape(path)}{basename}|^{re.escape(path)}_posts/?{basename}")
        for post in self.content.posts.docs:
            if pattern.match(post.relative_path):
                return post.url
        raise LiquidArgumentError(
            f"Could not find post \"{name}\" in tag 'post_url'. Make sure the post exists and the name is correct."
        )
