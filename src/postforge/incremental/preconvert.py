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
"""

from __future__ import annotations

import datetime as dt
import os
import select
from typing import Any

from postforge.incremental.markdown import CachedConverter
from postforge.reading.documents import Reader
from postforge.reading.frontmatter import read_text
from postforge.reading.frontmatter import split_front_matter
from postforge.workers import worker_signals

__all__ = ["Preconverter"]

#: texts converted between two shards written
_FLUSH_EVERY = 64


class Preconverter:
    """A forked process converting the Markdown of ``paths`` (relative to the source) until told to stop."""

    def __init__(self, site: Any, paths: list[str]) -> None:
        self.cache = site.markdown_cache
        stop_read, self._stop = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            status = 0
            try:
                os.close(self._stop)
                _quiet()
                worker_signals()
                _convert_all(site, paths, stop_read)
            except BaseException:  # noqa: BLE001 - whatever happens here, the build goes on without it
                status = 1
            finally:
                os._exit(status)
        os.close(stop_read)

    def finish(self, *, stop: bool = True) -> None:
        """Stop the process (it writes what it converted; ``stop=False``: let it convert
        everything) and load the cache, shards and all."""
        if stop:
            try:
                os.write(self._stop, b"x")
            except OSError:  # it has already ended
                pass
        os.waitpid(self.pid, 0)
        os.close(self._stop)  # (an end of file it would also take as the word to stop)
        self.cache.reload()


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
    cache = site.markdown_cache
    converted = 0
    for relative in paths:
        if select.select([stop], [], [], 0)[0]:
            break
        converter = site.converters.for_ext(os.path.splitext(relative)[1])
        if not isinstance(converter, CachedConverter):
            continue
        body = _body(os.path.join(str(site.source), relative), relative)
        if body is None:
            continue
        converter.convert(body)
        converted += 1
        if converted % _FLUSH_EVERY == 0:
            cache.flush()
    cache.flush()


def _body(full: str, relative: str) -> str | None:
    """The body a document converts, where no Liquid runs on it first. (Excerpts convert only
    where a template shows them: converting every one here would mostly be wasted.)"""
    try:
        data, body, _offset = split_front_matter(read_text(full), relative)
    except Exception:  # noqa: BLE001 - the reader reports it
        return None
    if data is None or (data.get("render_with_liquid") is not False and ("{{" in body or "{%" in body)):
        return None
    return body
