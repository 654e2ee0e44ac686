"""What the process converting a first ``-I`` build's Markdown early runs, once it has the options.

A module of its own, everything it needs imported at its top: the ``postforge`` program forks
that process before it has parsed its command line (:mod:`postforge.program`), and the process
imports this while the parent parses, so that it has nothing left to load when the options come
(:func:`postforge.incremental.preconvert.wait_early`). It is never imported by a build itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from postforge.config import build_config
from postforge.incremental import kept_model
from postforge.incremental.markdown import CachedConverter
from postforge.incremental.markdown import MarkdownCache
from postforge.incremental.markdown import markdown_salt
from postforge.incremental.preconvert import convert_bodies
from postforge.incremental.scan import scan_sources
from postforge.incremental.state import cache_dir
from postforge.reading.walker import MIN_DOCUMENTS
from postforge.reading.walker import candidates
from postforge.render.converters import MarkdownConverter
from postforge.themes import resolve_theme
from postforge.workers import configured_jobs

__all__ = ["convert_early"]


def convert_early(source: Any, destination: Any, config_files: list[Path] | None, overrides: dict[str, Any],
                  build: str, stop: int) -> None:
    """Load the configuration ``postforge.site.build`` would, and convert its collections' bodies
    into this build's cache shards until ``stop`` says to stop, unless the build will not use them."""
    config = build_config(source, destination, config_files, overrides)
    root = Path(config["source"])
    cache = cache_dir(root)
    if not config.get("incremental") or config.get("disable_disk_cache") or configured_jobs(config) < 2:
        return
    if kept_model(root):
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
    convert_bodies(shards, lambda ext: converter if markdown.matches(ext) else None, str(root),
                   [relative for relative, _label, _draft in keys], stop)
