"""What the GitHub Pages content plugins share: their option lookup, Markdown extensions, the
``site`` the URL filters need, and turning a file without front matter into a page.

The gems each repeat these few lines; keeping one copy here means the reading of a file as a page
(the step optional-front-matter and readme-index both take) cannot drift from one plugin to the
other. It is not a plugin itself: it has no hooks and no entry point.
"""

from __future__ import annotations

import os
from typing import Any

from postforge.liquid.values import to_s
from postforge.model.documents import Document
from postforge.model.documents import Excerpt
from postforge.model.documents import Page
from postforge.model.documents import StaticFile
from postforge.model.excerpts import extract_excerpt
from postforge.model.urls import page_url
from postforge.reading.frontmatter import FrontMatterError
from postforge.reading.frontmatter import split_front_matter

__all__ = [
    "option",
    "markdown_extensions",
    "is_markdown",
    "UrlContext",
    "site_static_files",
    "docs_to_write",
    "page_from_file",
    "page_value",
    "renew_excerpt",
]


def option(config: dict[str, Any], section: str, key: str) -> Any:
    """``site.config[section][key]``, or ``None`` when the section is missing or not a mapping
    (the gems would crash on a scalar; a warning-free ``None`` keeps the build going)."""
    value = config.get(section)
    return value.get(key) if isinstance(value, dict) else None


def markdown_extensions(config: dict[str, Any]) -> frozenset[str]:
    """The extensions Jekyll's Markdown converter claims (``markdown_ext``), with their dots."""
    exts = str(config.get("markdown_ext", "markdown,mkdown,mkdn,mkd,md"))
    return frozenset("." + ext.strip().lower() for ext in exts.split(",") if ext.strip())


def is_markdown(config: dict[str, Any], ext: str) -> bool:
    """``markdown_converter.matches(ext)``: case-insensitive, as the converter compares."""
    return ext.lower() in markdown_extensions(config)


class UrlContext:
    """The little ``context`` Jekyll's URL filters need outside a template: just ``site``."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.registers: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        return self.config if name == "site" else None


def site_static_files(site: Any) -> list[StaticFile]:
    """Jekyll's ``site.static_files``: ours also hold collections' files, which Jekyll keeps apart."""
    return [file for file in site.content.static_files if file.collection is None]


def docs_to_write(site: Any) -> list[Document]:
    """Jekyll's ``site.docs_to_write`` (documents only): every written document, posts first."""
    return [
        doc for collection in site.content.collections.values() if collection.output
        for doc in collection.docs if doc.write
    ]


def page_value(item: Page | Document, key: str) -> Any:
    """``item.to_liquid[key]`` for plain data: a page's front matter over its defaults."""
    if key in item.data or not isinstance(item, Page):
        return item.data.get(key)
    return item.defaults.get(key)


def page_from_file(site: Any, source_path: str, relative_path: str, data: dict[str, Any] | None = None) -> Page:
    """``Jekyll::Page.new`` on a file that was read as static: its front matter if it has any
    (a BOM hides it from the static test but not from the page reader), else the whole text."""
    try:
        with open(source_path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        with open(source_path, encoding="utf-8", errors="replace", newline="") as handle:
            text = handle.read()
    try:
        front, body, offset = split_front_matter(text, relative_path)
    except FrontMatterError as error:
        front, body, offset = {}, error.body, error.line_offset
    page_data = dict(front or {})
    page_data.update(data or {})
    ext = os.path.splitext(relative_path)[1]
    page = Page(source_path, relative_path, page_data, body, offset, output_ext=site.converters.output_ext(ext))
    page.source_content = body
    page.defaults = site.defaults.for_path(relative_path, "pages")
    page.url = page_url(page, str(site.config.get("permalink") or "date"))
    return page


def renew_excerpt(document: Document, config: dict[str, Any]) -> None:
    """``data["excerpt"] = Jekyll::Excerpt.new(document)``: the excerpt taken again from the
    document's changed text (a front matter ``excerpt`` is replaced as well, as the gems do)."""
    separator = document.data.get("excerpt_separator")
    separator = to_s(config.get("excerpt_separator", "\n\n") if separator is None else separator)
    document.excerpt = Excerpt(document, extract_excerpt(document.content, separator))
    document.data["excerpt"] = None
