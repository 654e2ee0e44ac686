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

A first ``-I`` build (no model kept: it reads everything) starts that process earlier still.
The ``postforge`` program forks it before it imports anything (:mod:`postforge.program`); the
process imports the configuration loader, the scan and the Markdown converter
(:mod:`postforge.incremental.early`) while the program parses its command line, then waits:
:func:`start_early`, called once the options are known and before the program imports the
template engine and the rest of the build (a tenth of a second on one core), hands them over,
or ends it where no model is kept. (Called without such a process, as a library caller does,
:func:`start_early` forks one itself.) The build takes it over where it would have forked its
own (:func:`adopt_early`), or stops it.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import select
import signal
from pathlib import Path
from typing import Any
from typing import Callable

from postforge.forking import read_exactly
from postforge.incremental import kept_model
from postforge.program import fork_quiet
from postforge.psych import load_yaml
from postforge.reading.frontmatter import read_text
from postforge.reading.frontmatter import split_body
from postforge.workers import worker_signals

__all__ = ["Preconverter", "start_early", "expect_early", "wait_early", "adopt_early", "stop_early", "convert_bodies"]

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

    def child(stop: int) -> None:
        worker_signals()
        work(stop)

    return fork_quiet(child)


def _end(pid: int, stop_write: int, *, stop: bool = True) -> None:
    if stop:
        try:
            os.write(stop_write, b"x")
        except OSError:  # it has already ended
            pass
    os.waitpid(pid, 0)
    os.close(stop_write)  # (an end of file it would also take as the word to stop)


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
    convert_bodies(site.markdown_cache, site.converters.for_ext, str(site.source), paths, stop)


def convert_bodies(cache: Any, converter_for: Callable[[str], Any], source: str, paths: list[str], stop: int) -> None:
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
#: the same, of a process :mod:`postforge.program` forked that waits for :func:`start_early`
_WAITING: list[tuple[int, int, str]] = []
#: what precedes the options on the pipe to a waiting process (anything else: it is not needed)
_OPTIONS = b"o"


def start_early(source: Any, destination: Any, config_files: list[Path] | None, overrides: dict[str, Any]) -> None:
    """Fork the process that converts a first ``-I`` build's Markdown, before the build is set up.

    The arguments are those :func:`postforge.site.build` gets. The child loads the same
    configuration and ends at once unless the build will read every document itself with
    workers to render them: incremental, no model kept from a last build, more than one job, no
    plugins of the site's own (a ``_plugins`` file could change how Markdown converts), and
    enough documents. Only for the ``postforge`` program, which has no other threads yet."""
    options = (source, destination, config_files, overrides)
    if _WAITING:  # forked by the program before it parsed its command line: told now
        pid, stop, build = _WAITING.pop()
        if _EARLY or kept_model(Path(source)):
            _kill(pid, stop)
            return
        data = pickle.dumps(options)
        os.write(stop, _OPTIONS + len(data).to_bytes(4, "little") + data)  # (a pipe takes this at once)
        _EARLY.append((pid, stop, build))
        return
    if _EARLY or not hasattr(os, "fork") or kept_model(Path(source)):
        return
    build = os.urandom(6).hex()
    pid, stop = _fork(lambda stop_read: _convert_early(options, build, stop_read))
    _EARLY.append((pid, stop, build))


def expect_early(pid: int, stop: int, build: str) -> None:
    """Note the converter :mod:`postforge.program` forked, waiting for :func:`start_early` to say
    what to convert: ``stop`` is its pipe's end, where the options go and later the word to stop."""
    _WAITING.append((pid, stop, build))


def wait_early(stop: int, build: str) -> None:
    """In the converter :mod:`postforge.program` forked: import what converting needs, then wait
    for the options (or the end of the pipe: the program ended without using it), then convert."""
    worker_signals()
    import postforge.incremental.early  # noqa: F401 - loaded now, while the parent parses its command line

    if os.read(stop, 1) != _OPTIONS:
        return
    size = read_exactly(stop, 4)
    options = read_exactly(stop, int.from_bytes(size, "little")) if size is not None else None
    if options is not None:
        _convert_early(pickle.loads(options), build, stop)


def _convert_early(options: tuple[Any, ...], build: str, stop: int) -> None:
    from postforge.incremental.early import convert_early  # (in the child: see wait_early)

    convert_early(*options, build, stop)


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
    while _EARLY or _WAITING:
        pid, stop, _build = (_EARLY or _WAITING).pop()
        _kill(pid, stop)


def _kill(pid: int, stop: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:  # it has ended
        pass
    _end(pid, stop, stop=False)

