"""Markdown converted (and layouts compiled) while the site is read, on the core reading leaves idle.

A full ``-I`` build reads the whole site in one process before anything renders (on two cores,
forking readers costs more than it saves: ``reading.prefetch``), so the other core waits. A post
body without Liquid markup converts to the same HTML whatever the rest of the site holds, so a
forked process reads the collections' files on its own and converts those bodies into the
Markdown cache (:mod:`postforge.incremental.markdown`), as shards of this build. When reading
ends it is told to stop; the parent loads what it wrote before the render workers fork, and they
find those texts converted. The cache is keyed by the exact text and the configuration: a text
the render converts differently (the output of Liquid that front matter defaults turned off, say)
is simply not found, and nothing the process does can change a page.

A first ``-I`` build (no model kept: it reads everything) starts that process earlier still:
:func:`start_early`, called by the ``postforge`` program once it has its options and before it
imports the template engine and the rest of the build (a tenth of a second on one core), forks
it with only the configuration loader, the scan and the Markdown converter to import. The build
takes it over where it would have forked its own (:func:`adopt_early`), or stops it.
"""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
from pathlib import Path
from typing import Any
from typing import Callable

from postforge.incremental import CACHE_DIR
from postforge.psych import load_yaml
from postforge.reading.frontmatter import read_text
from postforge.reading.frontmatter import split_body
from postforge.workers import worker_signals

__all__ = ["Preconverter", "start_early", "adopt_early", "stop_early"]

#: texts converted between two shards written
_FLUSH_EVERY = 64


class Preconverter:
    """A forked process converting the Markdown of ``paths`` (relative to the source) until told to stop."""

    def __init__(self, cache: Any, pid: int, stop: int) -> None:
        self.cache = cache
        self.pid: int | None = pid
        self._stop = stop

    @classmethod
    def start(cls, site: Any, paths: list[str]) -> Preconverter:
        return cls(site.markdown_cache, *_fork(lambda stop: _convert_all(site, paths, stop)))

    def finish(self, *, stop: bool = True) -> None:
        """Stop the process (it writes what it converted; ``stop=False``: let it convert
        everything) and load the cache, shards and all. Once: later calls do nothing."""
        if self.pid is None:
            return
        _end(self.pid, self._stop, stop=stop)
        self.pid = None
        self.cache.reload()


def _fork(work: Callable[[int], None]) -> tuple[int, int]:
    """A child running ``work(stop)``, where ``stop`` becomes readable when it is to stop (a byte,
    or the end of file when this process ends): (its pid, the end to write that byte to)."""
    stop_read, stop_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(stop_write)
            _quiet()
            worker_signals()
            work(stop_read)
        except BaseException:  # noqa: BLE001 - whatever happens here, the build goes on without it
            status = 1
        finally:
            os._exit(status)
    os.close(stop_read)
    return pid, stop_write


def _end(pid: int, stop_write: int, *, stop: bool = True) -> None:
    if stop:
        try:
            os.write(stop_write, b"x")
        except OSError:  # it has already ended
            pass
    os.waitpid(pid, 0)
    os.close(stop_write)  # (an end of file it would also take as the word to stop)


def _quiet() -> None:
    """Whatever a converter prints would repeat what the render prints: the process says nothing."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def _compile_layouts(site: Any) -> None:
    """The layouts, compiled into the template cache (the disk cache of ``-I`` builds), where the
    parent finds them when it compiles them before forking the render workers
    (``Renderer.prepare``): 20 ms of a 1,000-post build's parent, done here while it reads. A
    layout a plugin changed is compiled there as it is; one that does not compile is reported
    there."""
    if site.env.cache_dir is None:
        return
    from postforge.reading.documents import Reader  # (loaded already in the parent this is forked from)

    reader = Reader(site.source, site.config, site_time=dt.datetime.now(dt.timezone.utc),
                    output_ext=site.converters.output_ext, theme_root=site.theme_root)
    reader.read_layouts()
    for layout in reader.content.layouts.values():
        try:
            site.env.from_string(layout.content, name=layout.path, line_offset=layout.line_offset)
        except Exception:  # noqa: BLE001 - the parent compiles it and reports what is wrong
            continue


def _convert_all(site: Any, paths: list[str], stop: int) -> None:
    _compile_layouts(site)
    _convert(site.markdown_cache, site.converters.for_ext, str(site.source), paths, stop)


def _convert(cache: Any, converter_for: Callable[[str], Any], source: str, paths: list[str], stop: int) -> None:
    from postforge.incremental.markdown import CachedConverter  # (see start_early: a child imports it)

    converted = 0
    for relative in paths:
        if select.select([stop], [], [], 0)[0]:
            break
        converter = converter_for(os.path.splitext(relative)[1])
        if not isinstance(converter, CachedConverter):
            continue
        body = _body(os.path.join(source, relative), relative)
        if body is None:
            continue
        converter.convert(body)
        converted += 1
        if converted % _FLUSH_EVERY == 0:
            cache.flush()
    cache.flush()


def _body(full: str, relative: str) -> str | None:
    """The body a document converts, where no Liquid runs on it first. (Excerpts convert only
    where a template shows them: converting every one here would mostly be wasted.) The front
    matter is parsed only for a body with Liquid markup, which converts as it is only where
    ``render_with_liquid: false`` says so."""
    try:
        front, body = split_body(read_text(full))
        if front is None:
            return None
        if "{{" in body or "{%" in body:
            data = load_yaml(front, relative)
            if not isinstance(data, dict) or data.get("render_with_liquid") is not False:
                return None
    except Exception:  # noqa: BLE001 - the reader reports it
        return None
    return body


# -- started early -------------------------------------------------------------------------------

#: (pid, the end to write "stop" to, the build's name for its cache shards) of the early process
_EARLY: list[tuple[int, int, str]] = []


def start_early(source: Any, destination: Any, config_files: list[Path] | None, overrides: dict[str, Any]) -> None:
    """Fork the process that converts a first ``-I`` build's Markdown, before the build is set up.

    The arguments are those :func:`postforge.site.build` gets. The child loads the same
    configuration and ends at once unless the build will read every document itself with
    workers to render them: incremental, no model kept from a last build, more than one job, no
    plugins of the site's own (a ``_plugins`` file could change how Markdown converts), and
    enough documents. Only for the ``postforge`` program, which has no other threads yet."""
    if _EARLY or not hasattr(os, "fork") or _kept_model(Path(source)):
        return
    build = os.urandom(6).hex()
    pid, stop = _fork(lambda stop_read: _convert_early(source, destination, config_files, overrides, build,
                                                       stop_read))
    _EARLY.append((pid, stop, build))


def adopt_early(site: Any) -> Preconverter | None:
    """The early process as ``site``'s preconverter (its shards become this build's), if one runs."""
    if not _EARLY or site.markdown_cache is None:
        return None
    pid, stop, build = _EARLY.pop()
    site.markdown_cache.build = build
    return Preconverter(site.markdown_cache, pid, stop)


def stop_early() -> None:
    """End the early process where the build did not take it over, at once: it has most often
    found it had nothing to do and is ending anyway, and a build that took less time than its
    imports need not wait for them. (What it converted stays in the cache, valid for its text
    and configuration; a shard it was writing is a temporary file the next full build removes.)"""
    while _EARLY:
        pid, stop, _build = _EARLY.pop()
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:  # it has ended
            pass
        _end(pid, stop, stop=False)


def _kept_model(source: Path) -> bool:
    """Whether the last ``-I`` build kept its model: then this one patches it, reading few files."""
    return (source / CACHE_DIR / "model.pickle").exists()


def _convert_early(source: Any, destination: Any, config_files: list[Path] | None, overrides: dict[str, Any],
                   build: str, stop: int) -> None:
    from postforge.config import build_config
    from postforge.incremental.markdown import CachedConverter
    from postforge.incremental.markdown import MarkdownCache
    from postforge.incremental.markdown import markdown_salt
    from postforge.incremental.scan import scan_sources
    from postforge.incremental.state import cache_dir
    from postforge.reading.walker import MIN_DOCUMENTS
    from postforge.reading.walker import candidates
    from postforge.render.converters import MarkdownConverter
    from postforge.themes import resolve_theme
    from postforge.workers import configured_jobs

    config = build_config(source, destination, config_files, overrides)
    root = Path(config["source"])
    cache = cache_dir(root)
    if not config.get("incremental") or config.get("disable_disk_cache") or configured_jobs(config) < 2:
        return
    if _kept_model(root):
        return
    if not config.get("safe") and any((root / str(config.get("plugins_dir") or "_plugins")).glob("*.py")):
        return
    files = scan_sources(root, config, resolve_theme(config.get("theme"), root),
                         skip=[Path(config["destination"]), cache])
    keys = candidates(str(root), config, list(files))
    if len(keys) < MIN_DOCUMENTS:
        return
    markdown = MarkdownConverter(config)  # (it fills in kramdown's defaults, which the salt covers)
    shards = MarkdownCache(cache / "markdown", markdown_salt(config))
    shards.build = build
    converter = CachedConverter(markdown, shards)
    _convert(shards, lambda ext: converter if markdown.matches(ext) else None, str(root),
             [relative for relative, _label, _draft in keys], stop)
