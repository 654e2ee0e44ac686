"""A Jekyll site, built: configuration in, ``_site`` out, in Jekyll's phases.

``Site`` owns the configuration, the Liquid environment, the converters and the theme; ``build``
runs read → URLs and relations → render (collections, then pages, as Jekyll orders them) →
write (into a temporary folder swapped in at the end). Every failure before the swap leaves the
old ``_site`` as it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Callable
from typing import Iterator

from postforge.config import deep_merge
from postforge.config import build_config
from postforge.hooks import DOCUMENT_HOOKS
from postforge.incremental import build_incremental
from postforge.incremental.markdown import CachedConverter
from postforge.incremental.markdown import MarkdownCache
from postforge.incremental.markdown import markdown_salt
from postforge.liquid import Environment
from postforge.liquid import FileSystemLoader
from postforge.liquid.filters.ruby_time import local_zone
from postforge.model.documents import Convertible
from postforge.model.documents import Document
from postforge.model.documents import Page
from postforge.model.drops import SiteDrop
from postforge.model.urls import assign_urls
from postforge.model.urls import destination_for
from postforge.model.urls import page_url
from postforge.plugins import Plugins
from postforge.reading.data import read_data
from postforge.reading.defaults import FrontMatterDefaults
from postforge.reading import prefetch as prefetching
from postforge.reading.documents import Reader
from postforge.reading.documents import SiteContent
from postforge.reading.documents import parse_date
from postforge.reading.prefetch import candidates
from postforge.reading.prefetch import read_prefetched
from postforge.render.converters import Converters
from postforge.render.converters import MarkdownConverter
from postforge.render.converters import SassConverter
from postforge.render.links import SiteLinks
from postforge.render.pipeline import Renderer
from postforge.render.session import RenderSession
from postforge.render.tracking import IncludeMemo
from postforge.render.tracking import Recorder
from postforge.render.tracking import TrackingLayouts
from postforge.render.tracking import TrackingLinks
from postforge.render.tracking import TrackingSiteDrop
from postforge.render.tracking import item_id
from postforge.render.tracking import track_includes
from postforge.render.units import UnitRenderer
from postforge.themes import resolve_theme
from postforge.writing import OutputFile
from postforge.writing import WriteStats
from postforge.writing import write_site
from postforge.workers import collection_paused
from postforge.workers import configured_jobs

__all__ = ["Site", "BuildResult", "build", "all_documents"]


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
    #: built with ``-I``: only what changed was rendered and written
    incremental: bool = False
    #: with ``-I``: every file the build's outputs are (None when nothing changed)
    paths: list[str] | None = None
    #: with ``-I``: how many pages and documents were rendered
    rendered: int | None = None


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


@contextmanager
def _collector_spared() -> Iterator[None]:
    """Objects frozen during a build (:func:`gc.freeze`) are collectable again after it."""
    try:
        yield
    finally:
        gc.unfreeze()


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
            # incremental builds keep compiled templates with their state
            cache_dir=self.source / ".postforge-cache"
            if config.get("incremental") and not config.get("disable_disk_cache") else None,
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
        markdown: Any = MarkdownConverter(config)
        #: converted Markdown kept across incremental builds (None otherwise)
        self.markdown_cache: MarkdownCache | None = None
        if config.get("incremental") and not config.get("disable_disk_cache"):
            self.markdown_cache = MarkdownCache(self.source / ".postforge-cache" / "markdown", markdown_salt(config))
            markdown = CachedConverter(markdown, self.markdown_cache)
        self.converters = Converters([*extra, markdown, self.sass])
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
        return self.finish_read(self.read_source(site_time))

    def read_source(self, site_time: dt.datetime, reader: type[Reader] = Reader,
                    files: list[str] | None = None) -> SiteContent:
        """The source as read, with URLs: what plugins and rendering start from.

        A site of many documents has them read by worker processes first (``jobs``); ``files``
        (every source file, when known) saves looking for them."""
        jobs = self.jobs()
        keys = []
        if jobs >= prefetching.MIN_JOBS:
            keys = candidates(str(self.source), self.config, files or _source_files(self.source, self.destination))
        arguments = {"source": self.source, "config": self.config, "site_time": site_time,
                     "output_ext": self.converters.output_ext, "theme_root": self.theme_root}
        done: set[int] = set()
        if keys and len(keys) >= prefetching.MIN_DOCUMENTS:
            content, done = read_prefetched(reader, keys, jobs, **arguments)
        else:
            content = reader(**arguments).read()
        content.data = self.read_data()
        assign_urls(content, self.config, done)
        return content

    def read_data(self) -> dict[str, Any]:
        """``site.data``: the theme's ``_data`` under the site's, or ``data:`` from the configuration."""
        data_dirs = [self.source / self.config.get("data_dir", "_data")]
        if self.theme_root is not None:
            data_dirs.insert(0, self.theme_root / "_data")
        data: dict[str, Any] = {}
        for folder in data_dirs:
            data = deep_merge(data, read_data(folder, self.config))
        return self.config["data"] if self.config.get("data") is not None else data

    def finish_read(self, content: SiteContent) -> SiteContent:
        """Neighbours and related posts, then the plugins' ``site_post_read`` and generators."""
        _link_neighbours(content)
        self.content = content
        self.plugins.call("site_post_read", site=self)
        # one generator at a time, as Jekyll runs them: each sees the pages the ones before it made
        for pages in self.plugins.each("generate", site=self):
            content.pages.extend(pages)
        return content

    def jobs(self) -> int:
        """Worker processes for rendering documents: ``jobs:`` (``-j``), else every core."""
        return configured_jobs(self.config)

    def render_session(
        self,
        content: SiteContent,
        site_time: dt.datetime,
        *,
        recorder: Recorder | None = None,
        jobs: int = 1,
        fingerprints: bool = False,
    ) -> RenderSession:
        """The renderer for one build; with a ``recorder``, every template read is recorded."""
        renderer: Renderer

        def render_excerpt(excerpt: Any) -> str:
            return renderer.render_excerpt(excerpt)

        layouts: dict[str, Any] = content.layouts
        if recorder is None:
            site_drop = SiteDrop(content, self.config, site_time, render_excerpt)
            links = SiteLinks(content, self.env)
        else:
            site_drop = TrackingSiteDrop(content, self.config, site_time, render_excerpt, recorder)
            links = TrackingLinks(content, self.env, recorder)
            layouts = TrackingLayouts(content.layouts, recorder)
            track_includes(self.env, recorder)
        site_drop.extra = self.liquid_site
        plugins = self.plugins
        hooks = any(plugins.has(name) for name in DOCUMENT_HOOKS)
        # no plugin code runs between two renders: what one render read of the site, the next reads alike
        steady = not hooks and not plugins.has("site_post_render_documents")
        # (an include kept is known by the reads recorded: only where they are)
        memo = IncludeMemo(recorder, site_drop) if recorder is not None and steady else None

        def registers(item: Convertible) -> dict[str, Any]:
            page_dir = os.path.dirname(item.relative_path)
            return {
                "site_links": links,
                "page_dir": page_dir,
                "markdownify": self.converters.for_ext(".md").convert,
                "site_config": self.config,
                "include_memo": memo,
            }

        def pre_render(item: Convertible, payload: dict[str, Any]) -> None:
            plugins.call("document_pre_render", item.relative_path, site=self, document=item, payload=payload)

        def post_convert(item: Convertible, html: str) -> str:
            return plugins.transform("document_post_convert", "html", html, item.relative_path, site=self, document=item)

        def post_render(item: Convertible, output: str) -> str:
            return plugins.transform(
                "document_post_render", "output", output, item.relative_path, site=self, document=item
            )

        units = None
        excerpts: dict[str, Any] = {}

        def find_excerpt(rid: str) -> Any:
            if not excerpts:
                excerpts.update(_excerpts_by_id(content))
            return excerpts.get(rid)

        if recorder is not None:
            units = UnitRenderer(
                lambda item: renderer.render(item), recorder, hooks=hooks, fingerprints=fingerprints,
                find_excerpt=find_excerpt,
            )
        pre = pre_render if plugins.has("document_pre_render") else None
        if pre is not None and units is not None:
            pre = units.wrap_pre_render(pre)
        renderer = Renderer(
            self.env, self.converters, layouts, site_drop,
            environment_name=os.environ.get("JEKYLL_ENV", "development"), registers=registers,
            pre_render=pre,
            post_convert=post_convert if plugins.has("document_post_convert") else None,
            post_render=post_render if plugins.has("document_post_render") else None,
        )
        session = RenderSession(renderer, units, jobs=jobs, site_state=lambda: self.liquid_site, find_excerpt=find_excerpt)
        session.pages_early = steady
        return session

    def render(self, content: SiteContent, site_time: dt.datetime) -> Renderer:
        """Documents (in worker processes when ``jobs`` allows), then pages, with the site hooks."""
        jobs = self.jobs()
        documents = all_documents(content)
        parallel = jobs > 1 and len(documents) >= 2 * jobs
        session = self.render_session(content, site_time, recorder=Recorder() if parallel else None, jobs=jobs)
        session.render_documents(documents, content.pages)
        self.plugins.call("site_post_render_documents", site=self)
        session.render_pages(content.pages, record=False)
        self.plugins.call("site_post_render", site=self)
        return session.renderer

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
        if self.config.get("incremental"):
            return self._build_incremental()
        started = time.perf_counter()
        with _timezone(self.config.get("timezone")), _collector_spared():
            site_time = self.site_time()
            with collection_paused(keep=True):  # the site lives to the end of the build
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


    def _build_incremental(self) -> BuildResult:
        """``-I``: only what changed is read, rendered and written (:mod:`postforge.incremental`)."""
        started = time.perf_counter()
        with _timezone(self.config.get("timezone")):
            result = build_incremental(self)
        if result.content is not None:
            self.plugins.call("site_post_write", site=self)
        stats = WriteStats(self.destination, written=result.written, unchanged=result.unchanged, removed=result.removed)
        pages, posts, statics = result.counts
        seconds = time.perf_counter() - started
        return BuildResult(
            pages, posts, statics, seconds, stats, self.warnings, self.destination, incremental=True, paths=result.paths,
            rendered=result.rendered,
        )


def _source_files(source: Path, destination: Path) -> list[str]:
    """Every file of the source tree but the destination's and hidden folders' (candidates to read)."""
    found = []
    skip = os.path.realpath(destination)
    for root, dirs, names in os.walk(source):
        dirs[:] = [d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) != skip]
        found.extend(os.path.join(root, name) for name in names)
    return found


def all_documents(content: SiteContent) -> list[Document]:
    """Every collection's documents, in the order Jekyll renders them."""
    return [doc for collection in content.collections.values() for doc in collection.docs]


def _excerpts_by_id(content: SiteContent) -> dict[str, Any]:
    found = {}
    for doc in all_documents(content):
        if doc.excerpt is not None:
            found[item_id(doc)] = doc.excerpt
    for page in content.pages:
        if page.excerpt is not None:
            found[item_id(page)] = page.excerpt
    return found


def _link_neighbours(content: SiteContent) -> None:
    """``previous``/``next`` within each collection, and a post's ten most recent others."""
    for collection in content.collections.values():
        docs = collection.docs
        for index, doc in enumerate(docs):
            doc.previous = docs[index - 1] if index > 0 else None
            doc.next = docs[index + 1] if index + 1 < len(docs) else None
    posts = content.posts.docs
    recent = list(reversed(posts[-11:]))
    others = recent[:10] if len(posts) > 1 else []
    in_recent = {id(post) for post in recent}
    for collection in content.collections.values():
        for doc in collection.docs:
            if id(doc) in in_recent:
                doc.related = [p for p in recent if p is not doc][:10] if len(posts) > 1 else []
            else:
                doc.related = others[:]


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
    return Site(build_config(source, destination, config_files, {**(overrides or {}), **options})).build(progress)

