"""jekyll-readme-index: a folder's README becomes its index page when the folder has none, as on
GitHub, where a repository's README is what its folder shows.

The gem's rules (version 0.3.0):

* a README is a static file (no front matter) named ``README`` with a Markdown extension, any case;
  it becomes a page at its folder's URL (``/docs/README.md`` → ``/docs/``) when no page or static file
  of the site is at ``/docs/`` or ``/docs/index.html`` (``.htm``, ``.xhtml``, ``.xml``), checked as each
  README is turned, so a folder gets one index only;
* the original is still copied unless ``readme_index: {remove_originals: true}``;
* ``readme_index: {with_frontmatter: true}`` moves READMEs that have front matter (already pages) to
  their folder's URL too, under the same condition;
* ``readme_index: {enabled: false}`` turns it off.

Jekyll runs it at priority ``low``: after optional-front-matter (``normal``), so an ``index.md``
without front matter is an index and a README does not replace it, and before default-layout and
titles-from-headings (``lowest``), which then give the README page its layout and title. Here it is
a plain hook, between those marked ``tryfirst`` and ``trylast``.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any
from typing import Iterable

from postforge.hooks import hookimpl
from postforge.model.urls import page_url
from postforge.plugins._ghpages import markdown_extensions
from postforge.plugins._ghpages import option
from postforge.plugins._ghpages import page_from_file
from postforge.plugins._ghpages import site_static_files

__all__ = ["readme_pattern", "dir_has_index", "index_permalink", "generate"]


def readme_pattern(config: dict[str, Any]) -> re.Pattern[str]:
    """Matches a path (with its leading slash) that names a README with a Markdown extension."""
    exts = "|".join(re.escape(ext) for ext in sorted(markdown_extensions(config)))
    return re.compile(rf"/readme({exts})$", re.I | re.M)


def index_permalink(url: str) -> str:
    """``File.dirname(url) + "/"``, as the gem writes it: ``/docs/README.md`` → ``/docs/``, and
    ``/README.md`` → ``//`` (the URL is ``/``). Ruby's dirname ignores a trailing slash, so a page
    already at ``/docs/`` gives ``//``."""
    stripped = url.rstrip("/") or "/"
    return posixpath.dirname(stripped) + "/"


def dir_has_index(folder_url: str, urls: Iterable[str]) -> bool:
    """Whether anything is at the folder ``folder_url`` (``/docs/``; ``//`` is the root) or at its
    ``index.html`` (``.htm``, ``.xhtml``, ``.xml``; any case)."""
    prefix = folder_url.rstrip("/") + "/"
    pattern = re.compile(rf"^{re.escape(prefix)}(?:$|index\.(html?|xhtml|xml)$)", re.I | re.M)
    return any(pattern.search(url) for url in urls)


@hookimpl
def generate(site: Any) -> list[Any] | None:
    config = site.config
    if option(config, "readme_index", "enabled") is False:
        return None
    content = site.content
    readme = readme_pattern(config)
    cleanup = option(config, "readme_index", "remove_originals") is True
    style = str(config.get("permalink") or "date")
    new_pages: list[Any] = []

    def urls() -> list[str]:
        return [page.url for page in [*content.pages, *new_pages]] + [f.url for f in site_static_files(site)]

    for file in [f for f in site_static_files(site) if readme.search(f.relative_path)]:
        permalink = index_permalink(file.url)
        if dir_has_index(permalink, urls()):
            continue
        relative = file.relative_path.lstrip("/")
        new_pages.append(page_from_file(site, file.source_path, relative, {"permalink": permalink}))
        if cleanup:
            content.static_files.remove(file)
    if option(config, "readme_index", "with_frontmatter") is True:
        for page in [p for p in [*content.pages, *new_pages] if readme.search("/" + str(p.path))]:
            permalink = index_permalink(page.url)
            if dir_has_index(permalink, urls()):
                continue
            page.data["permalink"] = permalink
            page.url = page_url(page, style)
    return new_pages
