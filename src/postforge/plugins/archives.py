"""Tag, category and date archive pages, configured as the jekyll-archives gem is, plus overviews.

``plugins: [jekyll-archives]`` (or ``archives``) turns it on; ``jekyll-archives:`` in
``_config.yml`` takes the gem's keys: ``enabled`` (``all``/``true`` or a list of ``tags``,
``categories``, ``year``, ``month``, ``day``), ``layout``, ``layouts`` and ``permalinks`` (both
keyed by ``tag``, ``category``, ``year``, ``month``, ``day``), ``slug_mode`` (the gem's newer
releases). Each archive page
has the gem's ``page.type``, ``page.title`` (the name as written; nil for dates), ``page.date``
(dates only), ``page.posts`` (newest first), ``page.path`` and ``page.url``, and ``site.archives``
lists them all. Slugs are Jekyll's ``Utils.slugify`` (spaces and punctuation become ``-``, case
folds, other scripts' letters stay and are percent-escaped in the URL).

Where postforge differs from the gem, on purpose:

* Without ``enabled`` (no ``jekyll-archives:`` at all, say) tag and category archives are on,
  since listing the plugin is the request for them; the gem's default is none. Their default
  URLs are ``/tags/:name/`` and ``/categories/:name/`` (the gem's: ``/tag/:name/``,
  ``/category/:name/``), the ones the bundled theme links to.
* Overview pages: ``/tags/`` and ``/categories/`` (``page.type`` ``tags``/``categories``,
  ``page.terms``: ``name``, ``slug``, ``url``, ``count``, ``posts``, ``archive``, A to Z), layout
  ``taxonomy`` and titles ``Tags``/``Categories``; set through ``permalinks``, ``layouts`` and
  ``titles`` under the keys ``tags`` and ``categories`` (a ``false`` permalink: no overview). An
  overview is skipped when a page of the site already has its URL, or its layout is missing
  (a warning only when the layout was named in ``layouts``: a site with a theme of its own
  did not ask for overviews).
* Names whose slugs meet (``AWS`` and ``aws``, ``AWS Dev Ops`` and ``aws-dev-ops``) share one
  page, titled as first written; the gem writes a page each to the same file, the last one
  winning. A name with no letter or digit (no slug) gets no page, and a warning.
* A tag YAML reads as a number is taken as its text (the gem gives it no slug).
* Archive pages carry ``nav_exclude: true`` so menus built from ``site.pages`` skip them.
* ``page.name`` is ``index.html`` and ``page.dir`` the folder, as for any page (the gem: ``index``, nil).
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Callable
from typing import Iterable

from postforge.config import deep_merge
from postforge.errors import PostforgeError
from postforge.hooks import hookimpl
from postforge.liquid.filters.jekyll_text import slugify_text
from postforge.liquid.values import to_s
from postforge.log import logger
from postforge.model.documents import Document
from postforge.model.documents import compare_documents
from postforge.model.permalink import render_url
from postforge.model.permalink import unescape_path

__all__ = [
    "DEFAULTS", "Archive", "Overview", "archive_settings", "enabled", "archive_slug", "archive_url",
    "output_path", "group_posts", "plan_archives", "plan_overviews", "generate", "document_pre_render",
]

DEFAULTS: dict[str, Any] = {
    "enabled": ["tags", "categories"],
    "layout": "archive",
    "layouts": {"tags": "taxonomy", "categories": "taxonomy"},
    "permalinks": {
        "year": "/:year/",
        "month": "/:year/:month/",
        "day": "/:year/:month/:day/",
        "tag": "/tags/:name/",
        "category": "/categories/:name/",
        "tags": "/tags/",
        "categories": "/categories/",
    },
    "titles": {"tags": "Tags", "categories": "Categories"},
    "slug_mode": None,
}

#: the archive type of each ``enabled`` name, and the overview type that lists its archives
_NAMED = {"tags": ("tag", "tags"), "categories": ("category", "categories")}
_DATES = (("year", "%Y"), ("month", "%m"), ("day", "%d"))


@dataclass
class Archive:
    """One archive page to make: jekyll-archives' ``Archive``."""

    type: str
    title: str | None
    date: dt.date | None
    slug: str | None
    url: str
    path: str
    layout: str
    posts: list[Document] = field(default_factory=list)


@dataclass
class Overview:
    """A page listing every archive of one type (``/tags/``)."""

    type: str
    title: str
    url: str
    path: str
    layout: str
    terms: list[Archive]


def archive_settings(config: dict[str, Any]) -> dict[str, Any] | None:
    """``jekyll-archives:`` over :data:`DEFAULTS`; ``None`` when it is there but not a hash."""
    if "jekyll-archives" not in config:
        return deep_merge(DEFAULTS, {})
    own = config["jekyll-archives"]
    if not isinstance(own, dict):
        return None
    return deep_merge(DEFAULTS, own)


def enabled(settings: dict[str, Any], kind: str) -> bool:
    """The gem's ``enabled?``: ``true`` or ``all`` for every kind, else membership of the list."""
    value = settings.get("enabled")
    if value is True or value == "all":
        return True
    return isinstance(value, list) and kind in value


def archive_slug(name: str, mode: Any = None) -> str:
    """``Utils.slugify(name, mode)``: what a tag or category is called in its URL."""
    return slugify_text(name, mode) or ""


def archive_url(template: Any, placeholders: dict[str, Any]) -> str:
    """``Jekyll::URL`` on a hash of placeholders (``name``/``type`` or ``year``…``type``)."""
    try:
        return render_url(template, placeholders)
    except PostforgeError as error:
        raise PostforgeError(f"jekyll-archives: permalink template {template!r} is invalid: {error}") from error


def output_path(url: str) -> str:
    """The written file, as the gem's ``relative_path``: unescaped, ``index.html`` for a folder."""
    path = unescape_path(url).lstrip("/")
    return path + "index.html" if url.endswith("/") else path


def group_posts(posts: Iterable[Document], keys: Callable[[Document], Iterable[str]]) -> dict[str, list[Document]]:
    """Posts by each of their keys, keys in the order first met, each list newest first.

    This is Jekyll's ``post_attr_hash`` (``sort!.reverse!`` on every list), which the gem uses
    for tags and categories, and its date hashes.
    """
    groups: dict[str, list[Document]] = {}
    for post in posts:
        for key in dict.fromkeys(keys(post)):
            groups.setdefault(key, []).append(post)
    return {key: _newest_first(members) for key, members in groups.items()}


def _newest_first(posts: Iterable[Document]) -> list[Document]:
    return sorted(posts, key=functools.cmp_to_key(compare_documents), reverse=True)


def _names(attribute: str) -> Callable[[Document], list[str]]:
    return lambda post: [to_s(name) for name in post.data.get(attribute) or []]


def _named_archives(
    settings: dict[str, Any], posts: list[Document], kind: str, warn: Callable[[str], None]
) -> list[Archive]:
    archive_type, _ = _NAMED[kind]
    template = (settings.get("permalinks") or {}).get(archive_type)
    layout = _layout(settings, archive_type)
    by_url: dict[str, Archive] = {}
    for name, members in group_posts(posts, _names(kind)).items():
        slug = archive_slug(name, settings.get("slug_mode"))
        if not slug:
            warn(f"{archive_type} '{name}' has no letter or digit to make a URL of; no archive page for it")
            continue
        url = archive_url(template, {"name": slug, "type": archive_type})
        known = by_url.get(url)
        if known is None:
            by_url[url] = Archive(archive_type, name, None, slug, url, output_path(url), layout, members)
        else:
            known.posts = _newest_first({id(post): post for post in [*known.posts, *members]}.values())
    return list(by_url.values())


def _date_archives(settings: dict[str, Any], posts: list[Document]) -> list[Archive]:
    wanted = [kind for kind, _ in _DATES if enabled(settings, kind)]
    if not wanted:
        return []
    templates = settings.get("permalinks") or {}
    archives: list[Archive] = []

    def walk(members: list[Document], depth: int, parts: dict[str, str]) -> None:
        if depth == len(_DATES):
            return
        kind, fmt = _DATES[depth]
        for value, group in group_posts(members, lambda post: [post.date.strftime(fmt)]).items():
            here = {**parts, kind: value}
            if kind in wanted:
                url = archive_url(templates.get(kind), {**here, "type": kind})
                numbers = [int(here.get(k, "1")) for k in ("year", "month", "day")]
                archives.append(
                    Archive(kind, None, dt.date(*numbers), None, url, output_path(url), _layout(settings, kind), group)
                )
            walk(group, depth + 1, here)

    walk(posts, 0, {})
    return archives


def _layout(settings: dict[str, Any], kind: str) -> str:
    return str((settings.get("layouts") or {}).get(kind) or settings.get("layout"))


def plan_archives(
    settings: dict[str, Any], posts: list[Document], warn: Callable[[str], None] = lambda message: None
) -> list[Archive]:
    """Every archive page, in the gem's order: tags, categories, then years with their months and days.

    ``posts`` is the site's posts, oldest first (Jekyll's ``site.posts.docs``).
    """
    archives: list[Archive] = []
    for kind in _NAMED:
        if enabled(settings, kind):
            archives.extend(_named_archives(settings, posts, kind, warn))
    archives.extend(_date_archives(settings, posts))
    return archives


def plan_overviews(settings: dict[str, Any], archives: list[Archive]) -> list[Overview]:
    """The ``/tags/`` and ``/categories/`` pages of the enabled kinds, each listing its archives A to Z."""
    overviews = []
    for kind, (archive_type, overview_type) in _NAMED.items():
        template = (settings.get("permalinks") or {}).get(overview_type)
        if not enabled(settings, kind) or not template:
            continue
        terms = sorted(
            (archive for archive in archives if archive.type == archive_type),
            key=lambda archive: (str(archive.title).casefold(), str(archive.title)),
        )
        url = archive_url(template, {"type": overview_type})
        title = to_s((settings.get("titles") or {}).get(overview_type) or overview_type.title())
        overviews.append(Overview(overview_type, title, url, output_path(url), _layout(settings, overview_type), terms))
    return overviews


# -- hooks ----------------------------------------------------------------------------------------


@dataclass
class _Built:
    """What one build generated: pages whose data holds posts still to be made drops."""

    archives: list[tuple[Any, Archive]]
    overviews: list[tuple[Any, Overview]]
    site_drop: Any = None


#: per site, the pages of its latest ``generate`` (a build may run more than once)
_BUILT: weakref.WeakKeyDictionary[Any, _Built] = weakref.WeakKeyDictionary()


def _warn(site: Any, message: str) -> None:
    logger.warn("Archives:", message)
    site.warnings.append(f"Archives: {message}")


def _new_page(site: Any, path: str, url: str, data: dict[str, Any]) -> Any:
    page = site.new_page(path, data)
    page.url = url
    return page


@hookimpl
def generate(site: Any) -> list[Any] | None:
    settings = archive_settings(site.config)
    if settings is None:
        _warn(site, f"Expected a hash but got {site.config.get('jekyll-archives')!r}; no archives for this site.")
        return None
    archives = plan_archives(settings, list(site.content.posts.docs), lambda message: _warn(site, message))
    built = _Built([], [])
    for archive in archives:
        data: dict[str, Any] = {"layout": archive.layout, "type": archive.type, "posts": archive.posts}
        if archive.title is not None:
            data["title"] = archive.title
        if archive.date is not None:
            data["date"] = archive.date
        data["nav_exclude"] = True
        built.archives.append((_new_page(site, archive.path, archive.url, data), archive))
    taken = {page.url for page in site.content.pages}
    for overview in plan_overviews(settings, archives):
        if overview.url in taken:
            continue
        if overview.layout not in site.content.layouts:
            message = f"no layout '{overview.layout}' for the {overview.type} overview {overview.url}; not made"
            if overview.layout == DEFAULTS["layouts"][overview.type]:
                logger.debug("Archives:", message)  # a theme of its own without ours: not asked for
            else:
                _warn(site, message)
            continue
        data = {"layout": overview.layout, "type": overview.type, "title": overview.title, "terms": []}
        built.overviews.append((_new_page(site, overview.path, overview.url, data), overview))
    _BUILT[site] = built
    site.liquid_site["archives"] = [page for page, _ in built.archives]
    return [page for page, _ in [*built.archives, *built.overviews]]


@hookimpl
def document_pre_render(site: Any, payload: dict[str, Any]) -> None:
    """Posts become the drops templates read once the site's drop exists: at the first render."""
    built = _BUILT.get(site)
    site_drop = payload.get("site")
    if built is None or site_drop is None or built.site_drop is site_drop:
        return
    built.site_drop = site_drop
    drop = site_drop.drop
    pages = {id(archive): page for page, archive in built.archives}
    for page, archive in built.archives:
        page.data["posts"] = [drop(post) for post in archive.posts]
    for page, overview in built.overviews:
        page.data["terms"] = [
            {
                "name": term.title,
                "slug": term.slug,
                "url": term.url,
                "count": len(term.posts),
                "posts": [drop(post) for post in term.posts],
                "archive": drop(pages[id(term)]),
            }
            for term in overview.terms
        ]
    site.liquid_site["archives"] = [drop(page) for page, _ in built.archives]
