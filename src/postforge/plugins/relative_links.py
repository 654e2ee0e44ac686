"""jekyll-relative-links: Markdown links to source files (``[Setup](setup.md)``) become links to
the URLs those files are built at, so a repository's Markdown reads the same on GitHub and on the site.

What version 0.7.0 of the gem does, reproduced here:

* the Markdown pages are rewritten (and the written documents of every collection too, with
  ``relative_links: {collections: true}``), their source text before Liquid, unless
  ``relative_links: {enabled: false}``, or the file matches a glob of ``relative_links: {exclude: []}``;
* inline links ``[text](path#fragment "title")`` and reference definitions ``[id]: path`` are
  found by the gem's own regular expressions (whose quirks come along: a rewritten definition gets a
  newline in front, and the whitespace before it is taken in), wherever they stand, code included;
* a path is resolved against the file's folder (or the site root for ``/path``), percent-decoded,
  and looked up among pages, static files and written documents by source path; a match is replaced
  by ``relative_url`` of its URL (``baseurl`` included), anything else (fragments, URLs with a
  scheme, files that do not exist) is left as written;
* a rewritten document's excerpt is taken again from the new text.

Jekyll runs it at priority ``lowest``, after the generators that add pages (optional front matter,
readme index), so those pages are both rewritten and link targets: ``trylast`` here.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from typing import Any
from typing import Callable
from typing import Iterable

from postforge.hooks import hookimpl
from postforge.liquid.filters.jekyll_urls import relative_url
from postforge.plugins._ghpages import UrlContext
from postforge.plugins._ghpages import docs_to_write
from postforge.plugins._ghpages import is_markdown
from postforge.plugins._ghpages import option
from postforge.plugins._ghpages import renew_excerpt
from postforge.reading.walker import EntryFilter

__all__ = ["LINK", "is_absolute_url", "path_from_root", "rewrite_links", "link_targets", "generate"]

_TEXT = r"(.*?)"
_FRAGMENT = r"(#.+?|)?"
# the second alternative opens with a double quote and closes with a single one, as the gem's does
_TITLE = r"""(\s+"(?:\\"|[^"])*(?<!\\)"|\s+"(?:\\'|[^'])*(?<!\\)')?"""
_INLINE = rf"\[{_TEXT}\]\(([^)]+?){_FRAGMENT}{_TITLE}\)"
_REFERENCE = rf"^\s*?\[{_TEXT}\]: (.+?){_FRAGMENT}{_TITLE}\s*?$"
#: an inline link (groups 2-5: text, path, fragment, title) or a reference definition (6-9)
LINK = re.compile(rf"({_INLINE}|{_REFERENCE})", re.M | re.ASCII)

_SCHEME = re.compile(r"([^:/?#]+):")
_VALID_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9.+\-]*\Z")
# a stand-in for the working folder the gem expands paths against and strips again
_ROOT = "/\x00root"


def is_absolute_url(text: str) -> bool:
    """``Addressable::URI.parse(text).absolute?``: a valid scheme before the first ``:``."""
    match = _SCHEME.match(text)
    return bool(match and _VALID_SCHEME.match(match.group(1)))


def path_from_root(path: str, folder: str) -> str:
    """``path`` relative to the site source: against ``folder`` (the linking file's), or the root
    for ``/path``; ``..`` beyond the root leaves something no file has."""
    absolute = path.startswith("/")
    path = path[1:] if absolute else path
    base = _ROOT if absolute or folder in ("", ".") else posixpath.join(_ROOT, folder)
    expanded = posixpath.normpath(posixpath.join(base, path))
    return expanded[len(_ROOT) + 1 :] if expanded.startswith(_ROOT + "/") else expanded


def rewrite_links(text: str, folder: str, url_for: Callable[[str], str | None]) -> str:
    """Every link in ``text`` whose path ``url_for`` knows, rewritten; ``url_for`` is given the
    path from the source root, percent-decoded (``+`` is a space, as ``CGI.unescape`` has it)."""

    def replace(match: re.Match[str]) -> str:
        inline = match.group(2) is not None
        label, path, fragment, title = match.group(*((2, 3, 4, 5) if inline else (6, 7, 8, 9)))
        if path.startswith("#") or is_absolute_url(path):
            return match.group(0)
        url = url_for(urllib.parse.unquote_plus(path_from_root(path, folder)))
        if url is None:
            return match.group(0)
        url += fragment or ""
        if inline:
            return f"[{label}]({url}{title or ''})"
        return f"\n[{label}]: {url}{title or ''}"

    return LINK.sub(replace, text)


def link_targets(pages: Iterable[Any], files: Iterable[Any], docs: Iterable[Any]) -> dict[str, str]:
    """Source path (no leading slash) → URL; the first of a path wins, pages before static files."""
    targets: dict[str, str] = {}
    for item in [*pages, *files, *docs]:
        path = item.relative_path[1:] if item.relative_path.startswith("/") else item.relative_path
        targets.setdefault(path, item.url)
    return targets


def _excluded(site: Any, patterns: Any, relative_path: str) -> bool:
    if not patterns:
        return False
    patterns = patterns if isinstance(patterns, list) else [patterns]
    return EntryFilter(site.source, [], [str(p) for p in patterns]).excluded(relative_path)


@hookimpl(trylast=True)
def generate(site: Any) -> None:
    config = site.config
    if option(config, "relative_links", "enabled") is False:
        return
    content = site.content
    written = docs_to_write(site)
    # Jekyll's site.static_files, then the collections' files that are written (in docs_to_write)
    files = [
        f for f in content.static_files
        if f.collection is None or (f.write and f.data.get("published", True) is not False)
    ]
    targets = link_targets(content.pages, files, written)
    context = UrlContext(config)

    def url_for(path: str) -> str | None:
        url = targets.get(path)
        return None if url is None else str(relative_url(context, url))

    documents = [*content.pages, *(written if option(config, "relative_links", "collections") is True else [])]
    exclude = option(config, "relative_links", "exclude")
    for document in documents:
        if not is_markdown(config, document.ext) or _excluded(site, exclude, document.relative_path):
            continue
        document.content = rewrite_links(document.content, posixpath.dirname(document.relative_path), url_for)
        if document.kind == "document" and (document.excerpt is not None or document.data.get("excerpt")):
            renew_excerpt(document, config)
