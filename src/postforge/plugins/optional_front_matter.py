"""jekyll-optional-front-matter: Markdown files without front matter become pages, as they do on
GitHub Pages, instead of being copied as they are.

The gem's rules (version 0.3.2):

* every Markdown static file of the site (not a collection's; theme assets included) becomes a page,
  read as Jekyll reads a page, so front matter defaults apply;
* files named README, LICENSE, LICENCE, COPYING, CODE_OF_CONDUCT, CONTRIBUTING, ISSUE_TEMPLATE or
  PULL_REQUEST_TEMPLATE (any case, any Markdown extension) are left alone, unless ``include:``
  names them; readme-index deals with READMEs;
* the original is still copied too (``/notes.md`` beside ``/notes.html``) unless
  ``optional_front_matter: {remove_originals: true}``;
* ``optional_front_matter: {enabled: false}`` or ``require_front_matter: true`` turns it off.

Jekyll runs this generator at priority ``normal``, before readme-index (``low``) and the ``lowest``
ones (default layout, titles from headings, relative links), which all see its pages: ``tryfirst``.
"""

from __future__ import annotations

import os
from typing import Any

from postforge.hooks import hookimpl
from postforge.model.documents import StaticFile
from postforge.plugins._ghpages import is_markdown
from postforge.plugins._ghpages import option
from postforge.plugins._ghpages import page_from_file
from postforge.plugins._ghpages import site_static_files
from postforge.reading.walker import EntryFilter

__all__ = ["FILENAME_BLACKLIST", "is_blacklisted", "enabled", "remove_originals", "candidates", "generate"]

#: names (without extension, compared in upper case) that stay static files
FILENAME_BLACKLIST = frozenset(
    {
        "README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT", "CONTRIBUTING", "ISSUE_TEMPLATE",
        "PULL_REQUEST_TEMPLATE",
    }
)


def _basename(relative_path: str) -> str:
    """``Page#basename``: the name without its extension and any dots before it."""
    name = os.path.basename(relative_path)
    ext = os.path.splitext(name)[1]
    return name[: len(name) - len(ext)].rstrip(".")


def is_blacklisted(relative_path: str, included: bool) -> bool:
    """Whether the file stays static: a README-like name the site's ``include:`` does not name."""
    return not included and _basename(relative_path).upper() in FILENAME_BLACKLIST


def enabled(config: dict[str, Any]) -> bool:
    if config.get("require_front_matter"):
        return False
    return option(config, "optional_front_matter", "enabled") is not False


def remove_originals(config: dict[str, Any]) -> bool:
    if config.get("require_front_matter"):
        return True
    return option(config, "optional_front_matter", "remove_originals") is True


def candidates(site: Any) -> list[StaticFile]:
    """The static files that become pages, in the site's order."""
    config = site.config
    include = config.get("include")
    whitelist = EntryFilter(site.source, include, []) if isinstance(include, list) else None
    chosen = []
    for file in site_static_files(site):
        if not is_markdown(config, file.extname):
            continue
        included = whitelist is not None and whitelist.included(file.relative_path.lstrip("/"))
        if not is_blacklisted(file.relative_path, included):
            chosen.append(file)
    return chosen


@hookimpl(tryfirst=True)
def generate(site: Any) -> list[Any] | None:
    if not enabled(site.config):
        return None
    files = candidates(site)
    pages = [page_from_file(site, file.source_path, file.relative_path.lstrip("/")) for file in files]
    if remove_originals(site.config):
        gone = {id(file) for file in files}
        site.content.static_files[:] = [file for file in site.content.static_files if id(file) not in gone]
    return pages
