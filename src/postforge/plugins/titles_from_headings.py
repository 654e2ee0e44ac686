"""jekyll-titles-from-headings: a Markdown page without a title takes the text of its first heading,
so plain Markdown files get proper ``<title>``s and listings.

The gem's rules (version 0.5.3):

* the heading must open the file (blank lines before it are allowed): ``#``, ``##`` or ``###`` and
  the rest of the line (closing hashes included, as the gem's pattern keeps them), or a Setext
  heading (a line underlined with ``=`` or ``-``);
* the title is that text through Markdown, HTML tags removed, whitespace squeezed, footnote marks
  dropped: ``*Hello* & bye`` becomes ``Hello &amp; bye``, as the gem's filters leave it;
* pages whose front matter or defaults give a ``title`` keep it; with
  ``titles_from_headings: {collections: true}`` every written Markdown document is handled too, and
  a document's title (even one from its front matter) is replaced when a heading is found;
* ``strip_title: true`` (in the configuration, or per page in front matter, which wins) removes the
  heading from the body and trims it; a post's excerpt is then taken again;
* ``titles_from_headings: {enabled: false}`` turns it off.

Jekyll runs it at priority ``lowest``, after the generators that turn files into pages: ``trylast``.
"""

from __future__ import annotations

import re
from typing import Any

from postforge.hooks import hookimpl
from postforge.liquid.filters.jekyll_text import normalize_whitespace
from postforge.liquid.filters.strings import strip_html
from postforge.markdown import markdownify
from postforge.model.documents import Page
from postforge.plugins._ghpages import docs_to_write
from postforge.plugins._ghpages import is_markdown
from postforge.plugins._ghpages import option
from postforge.plugins._ghpages import page_value
from postforge.plugins._ghpages import renew_excerpt

__all__ = ["TITLE", "heading_text", "strip_markup", "strip_heading", "wants_strip", "generate"]

#: the first heading of a text: an ATX one (group 1) or a Setext one (group 2)
TITLE = re.compile(r"\A\s*(?:#{1,3}\s+(.*)(?:\s+#{1,3})?|(.*)\r?\n[-=]+\s*)$", re.M | re.ASCII)
_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
_RUBY_WHITESPACE = "\0\t\n\v\f\r "


def heading_text(text: str) -> str | None:
    """The raw text of the heading ``text`` opens with, or ``None``."""
    match = TITLE.search(text)
    if match is None:
        return None
    return match.group(1) if match.group(1) is not None else match.group(2)


def strip_markup(text: str, config: dict[str, Any]) -> str:
    """Heading Markdown to title text: ``markdownify | strip_html | normalize_whitespace``, then
    footnote marks removed."""
    return _FOOTNOTE.sub("", normalize_whitespace(strip_html(markdownify(text, config))))


def strip_heading(text: str) -> str:
    """The body without its opening heading, trimmed as Ruby's ``strip`` trims."""
    return TITLE.sub("", text, count=1).strip(_RUBY_WHITESPACE)


def wants_strip(data: dict[str, Any], config: dict[str, Any]) -> bool:
    """``strip_title`` from the front matter when it has the key, else from the configuration."""
    if "strip_title" in data:
        return data["strip_title"] is True
    return option(config, "titles_from_headings", "strip_title") is True


@hookimpl(trylast=True)
def generate(site: Any) -> None:
    config = site.config
    if option(config, "titles_from_headings", "enabled") is False:
        return
    content = site.content
    documents = [*content.pages]
    if option(config, "titles_from_headings", "collections") is True:
        documents += docs_to_write(site)
    for document in documents:
        if not is_markdown(config, document.ext):
            continue
        # a document's title may be inferred from its file name, so only a page's title counts
        if isinstance(document, Page) and page_value(document, "title") is not None:
            continue
        heading = heading_text(document.content or "")
        if heading is not None:
            document.data["title"] = strip_markup(heading, config)
        else:
            document.data["title"] = page_value(document, "title")
        if wants_strip(document.data, config):
            document.content = strip_heading(document.content or "")
            is_post = document.kind == "document" and document.collection == "posts"
            if is_post and _excerpt_separator(document, config):
                renew_excerpt(document, config)


def _excerpt_separator(document: Any, config: dict[str, Any]) -> str:
    separator = document.data.get("excerpt_separator")
    return str(config.get("excerpt_separator", "\n\n") if separator is None else separator)
