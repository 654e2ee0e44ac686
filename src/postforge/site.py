"""A Jekyll site, built: configuration in, ``_site`` out, in Jekyll's phases.

``Site`` owns the configuration, the Liquid environment, the converters and the theme; ``build``
runs read → URLs and relations → render (collections, then pages, as Jekyll orders them) →
write (into a temporary folder swapped in at the end). Every failure before the swap leaves the
old ``_site`` as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Callable
from typing import Iterator

from postforge.config import deep_merge
from postforge.config import load_config
from postforge.liquid import Environment
from postforge.liquid import FileSystemLoader
from postforge.liquid.filters.ruby_time import local_zone
from postforge.model.documents import Convertible
from postforge.model.documents import Page
from postforge.model.drops import SiteDrop
from postforge.model.urls import assign_urls
from postforge.model.urls import destination_for
from postforge.model.urls import page_url
from postforge.plugins import Plugins
from postforge.reading.data import read_data
from postforge.reading.defaults import FrontMatterDefaults
from postforge.reading.documents import SiteContent
from postforge.reading.documents import parse_date
from postforge.reading.documents import read_site
from postforge.render.converters import Converters
from postforge.render.converters import MarkdownConverter
from postforge.render.converters import SassConverter
from postforge.render.links import SiteLinks
from postforge.render.pipeline import Renderer
from postforge.themes import resolve_theme
from postforge.writing import OutputFile
from postforge.writing import WriteStats
from postforge.writing import write_site

__all__ = ["Site", "BuildResult", "build"]


@dataclass
class BuildResult:
    """What a build made, for the summary line and for tests."""

    pages: int
    posts: int
    files: int
    seconds: float
    stats: WriteStats | None
    warnings: list[str]
    #: the folder the site was written to
    destination: Path | None = None


@contextmanager
def _timezone(name: str | None) -> Iterator[None]:
    """Jekyll sets ``TZ`` from ``timezone:`` for the whole build; so do we, and restore it after."""
    if not name:
        yield
        return
    old = os.environ.get("TZ")
    os.environ["TZ"] = str(name)
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


class Site:
    """One site's configuration and machinery; ``build()`` may be called more than once."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.source = Path(config["source"]).resolve()
        self.destination = Path(config["destination"]).resolve()
        self.theme_root = resolve_theme(config.get("theme"), self.source)
        includes = [self.source / config.get("includes_dir", "_includes")]
        if self.theme_root is not None:
            includes.append(self.theme_root / "_includes")
        liquid = config.get("liquid") or {}
        self.env = Environment(
            loader=FileSystemLoader(self.source, includes),
            error_mode=str(liquid.get("error_mode", "warn")),
            strict_variables=bool(liquid.get("strict_variables", False)),
            strict_filters=bool(liquid.get("strict_filters", False)),
        )
        # set before any plugin sees the site, so every hook finds them
        #: warnings collected during the last build
        self.warnings: list[str] = []
        #: front matter defaults, for pages plugins generate
        self.defaults = FrontMatterDefaults(config.get("defaults") or [], config.get("collections_dir") or "")
        #: what was read, during and after a build
        self.content: SiteContent | None = None
        #: keys plugins add to ``site`` in templates (``site.triage``, ``site.glossary`` …)
        self.liquid_site: dict[str, Any] = {}
        #: the site's plugins (``plugins:`` entry points and ``_plugins/*.py``)
        self.plugins = Plugins(config, self.source)
        self.plugins.call("register_liquid", env=self.env, site=self)
        environment = os.environ.get("JEKYLL_ENV", "development")
        self.sass = SassConverter(config, self.source, self.theme_root, environment)
        extra = [c for result in self.plugins.call("register_converters", site=self) for c in result]
        self.converters = Converters([*extra, MarkdownConverter(config), self.sass])
        self.plugins.call("site_after_init", site=self)

    def new_page(self, relative_path: str, data: dict[str, Any], content: str = "") -> Page:
        """A page a plugin generates (Jekyll's ``PageWithoutAFile``): URL from ``permalink`` or path."""
        ext = os.path.splitext(relative_path)[1] or ".html"
        page = Page("", relative_path, dict(data), content, 0, output_ext=self.converters.output_ext(ext))
        page.source_content = content
        page.defaults = self.defaults.for_path(relative_path, "pages")
        page.url = page_url(page, str(self.config.get("permalink") or "date"))
        return page

    def site_time(self) -> dt.datetime:
        if self.config.get("time"):
            return parse_date(self.config["time"], "_config.yml", "configuration")
        return dt.datetime.now(local_zone())

    # -- phases ----------------------------------------------------------------------------------

    def read(self, site_time: dt.datetime) -> SiteContent:
        content = read_site(
            self.source, self.config, site_time=site_time, output_ext=self.converters.output_ext,
            theme_root=self.theme_root,
        )
        data_dirs = [self.source / self.config.get("data_dir", "_data")]
        if self.theme_root is not None:
            data_dirs.insert(0, self.theme_root / "_data")
        data: dict[str, Any] = {}
        for folder in data_dirs:
            data = deep_merge(data, read_data(folder, self.config))
        content.data = self.config["data"] if self.config.get("data") is not None else data
        assign_urls(content, self.config)
        _link_neighbours(content)
        self.content = content
        self.plugins.call("site_post_read", site=self)
        # one generator at a time, as Jekyll runs them: each sees the pages the ones before it made
        for pages in self.plugins.each("generate", site=self):
            content.pages.extend(pages)
        return content

    def render(self, content: SiteContent, site_time: dt.datetime) -> Renderer:
        renderer: Renderer
        site_drop = SiteDrop(content, self.config, site_time, lambda excerpt: renderer.render_excerpt(excerpt))
        site_drop.extra = self.liquid_site
        links = SiteLinks(content, self.env)

        def registers(item: Convertible) -> dict[str, Any]:
            page_dir = os.path.dirname(item.relative_path)
            return {
                "site_links": links,
                "page_dir": page_dir,
                "markdownify": self.converters.for_ext(".md").convert,
                "site_config": self.config,
            }

        plugins = self.plugins

        def pre_render(item: Convertible, payload: dict[str, Any]) -> None:
            plugins.call("document_pre_render", item.relative_path, site=self, document=item, payload=payload)

        def post_convert(item: Convertible, html: str) -> str:
            return plugins.transform("document_post_convert", "html", html, item.relative_path, site=self, document=item)

        def post_render(item: Convertible, output: str) -> str:
            return plugins.transform(
                "document_post_render", "output", output, item.relative_path, site=self, document=item
            )

        renderer = Renderer(
            self.env, self.converters, content.layouts, site_drop,
            environment_name=os.environ.get("JEKYLL_ENV", "development"), registers=registers,
            pre_render=pre_render if plugins.has("document_pre_render") else None,
            post_convert=post_convert if plugins.has("document_post_convert") else None,
            post_render=post_render if plugins.has("document_post_render") else None,
        )
        for collection in content.collections.values():
            for doc in collection.docs:
                renderer.render(doc)
        for page in content.pages:
            renderer.render(page)
        self.plugins.call("site_post_render", site=self)
        return renderer

    def outputs(self, content: SiteContent) -> Iterator[OutputFile]:
        for collection in content.collections.values():
            if not collection.output:
                continue
            for doc in collection.docs:
                if doc.write and doc.output is not None:
                    yield OutputFile(destination_for(doc), doc.output, origin=doc.relative_path)
        for page in content.pages:
            if page.output is not None:
                path = destination_for(page)
                yield OutputFile(path, page.output, origin=page.relative_path)
                source_map = self.sass.maps.get(page.source_path)
                if source_map is not None:
                    yield OutputFile(path + ".map", source_map, origin=page.relative_path)
        for static in content.static_files:
            if not static.write or static.data.get("published", True) is False:
                continue
            yield OutputFile(static.url.lstrip("/"), source_path=Path(static.source_path), origin=static.relative_path)

    def build(self, progress: Callable[[OutputFile], None] | None = None) -> BuildResult:
        started = time.perf_counter()
        with _timezone(self.config.get("timezone")):
            site_time = self.site_time()
            content = self.read(site_time)
            self.render(content, site_time)
            files = list(self.outputs(content))
        stats = write_site(
            self.destination, files, keep_files=list(self.config.get("keep_files") or []), source=self.source,
            progress=progress,
        )
        self.plugins.call("site_post_write", site=self)
        posts = sum(1 for f in files if f.origin and "_posts/" in f.origin)
        pages = sum(1 for f in files if f.content is not None) - posts
        statics = sum(1 for f in files if f.content is None)
        return BuildResult(pages, posts, statics, time.perf_counter() - started, stats, self.warnings, self.destination)


def _link_neighbours(content: SiteContent) -> None:
    """``previous``/``next`` within each collection, and a post's ten most recent others."""
    for collection in content.collections.values():
        docs = collection.docs
        for index, doc in enumerate(docs):
            doc.previous = docs[index - 1] if index > 0 else None
            doc.next = docs[index + 1] if index + 1 < len(docs) else None
    posts = content.posts.docs
    recent = list(reversed(posts[-11:]))
    for collection in content.collections.values():
        for doc in collection.docs:
            doc.related = [p for p in recent if p is not doc][:10] if len(posts) > 1 else []


def build(
    source: Path | str = ".",
    destination: Path | str | None = None,
    *,
    config_files: list[Path] | None = None,
    overrides: dict[str, Any] | None = None,
    progress: Callable[[OutputFile], None] | None = None,
    **options: Any,
) -> BuildResult:
    """Build the site at ``source`` into ``destination`` (default: ``_site`` in the working folder, as Jekyll)."""
    overrides = dict(overrides or {})
    overrides.update(options)
    overrides["source"] = str(Path(source).resolve())
    if destination is not None:
        overrides["destination"] = str(Path(destination).resolve())
    config = load_config(Path(source), config_files or None, overrides)
    return Site(config).build(progress)

