"""Converted Markdown kept across incremental builds, by the digest of the text converted.

A layout or include change renders every document again, but their bodies convert to the same
HTML: :class:`CachedConverter` wraps the Markdown converter and answers a text it converted
before from ``.postforge-cache/markdown/``. Every process that converts (the build, or a worker
rendering documents) appends what it used to a shard file of its own (:meth:`MarkdownCache.flush`);
the shards are read together, lazily, the first time a text is looked up. A build that rendered
every document has written every entry still in use, so it removes the older shards
(:meth:`MarkdownCache.compact`). Entries are keyed by the configuration and postforge's code as
well (the cache's ``salt``), so another configuration never sees them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from postforge.pickling import dumps
from postforge.pickling import loads

__all__ = ["MarkdownCache", "CachedConverter", "markdown_salt"]


def markdown_salt(config: dict[str, Any]) -> str:
    """What the cache's entries are valid for besides their text: postforge's code, the libraries
    and the settings (Markdown's, and the rest: a plugin listed or not is a setting too)."""
    from postforge import __version__
    from postforge.incremental.state import RUN_KEYS
    from postforge.incremental.state import code_digest
    from postforge.incremental.state import library_versions
    from postforge.render.fingerprints import digest

    settings = {key: value for key, value in config.items() if key not in RUN_KEYS}
    return f"{__version__}:{code_digest(None)}:{library_versions()}:{digest(settings)}"


class MarkdownCache:
    """Text digest → HTML, shared by the shards under ``folder``."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt.encode("utf-8")
        self._known: dict[bytes, str] | None = None
        #: entries this process used since its last flush
        self._used: dict[bytes, str] = {}
        #: names the shards of this build start with (compact keeps those)
        self.build = os.urandom(6).hex()
        self._count = 0
        #: keys found in this build's own shards (another process of the build wrote them already)
        self._written: set[bytes] = set()

    def key(self, text: str) -> bytes:
        # The text's SHA-1 (here twice as fast as a keyed BLAKE2b on a post's body: every document
        # asks, in the workers and in the process converting ahead). The salt need not be in it:
        # a cache reads only the shards written with its own salt.
        return hashlib.sha1(text.encode("utf-8", "surrogatepass"), usedforsecurity=False).digest()[:16]

    def _load(self) -> dict[bytes, str]:
        if self._known is None:
            self._known = {}
            try:
                names = sorted(os.listdir(self.folder))
            except FileNotFoundError:
                names = []
            for name in names:
                if not name.endswith(".pickle"):
                    continue
                try:
                    salt, entries = loads((self.folder / name).read_bytes())
                except Exception:  # noqa: BLE001 - a broken shard is no shard
                    continue
                if salt == self.salt:
                    self._known.update(entries)
                    if name.startswith(self.build + "-"):
                        self._written.update(entries)
        return self._known

    def reload(self) -> None:
        """Read the shards now, those another process of this build wrote included (a process
        forked afterwards finds them loaded)."""
        self._known = None
        self._load()

    def get(self, key: bytes) -> str | None:
        found = self._load().get(key)
        if found is not None and key not in self._written:
            self._used[key] = found
        return found

    def put(self, key: bytes, html: str) -> None:
        self._load()[key] = html
        self._used[key] = html

    def flush(self) -> None:
        """Write what this process used since the last flush to a shard of its own."""
        if not self._used:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._count += 1
        target = self.folder / f"{self.build}-{os.getpid()}-{self._count}.pickle"
        temp = target.with_suffix(".tmp")
        temp.write_bytes(dumps((self.salt, self._used)))
        os.replace(temp, target)
        self._used = {}

    def compact(self) -> None:
        """After a build that rendered everything: remove the shards other builds wrote."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return
        for name in names:
            if not name.startswith(self.build + "-"):
                try:
                    os.unlink(self.folder / name)
                except OSError:
                    continue


class CachedConverter:
    """The Markdown converter, answering texts it converted before from a :class:`MarkdownCache`."""

    def __init__(self, converter: Any, cache: MarkdownCache) -> None:
        self.converter = converter
        self.cache = cache

    def matches(self, ext: str) -> bool:
        return self.converter.matches(ext)

    def output_ext(self, ext: str) -> str:
        return self.converter.output_ext(ext)

    def convert(self, text: str) -> str:
        key = self.cache.key(text)
        found = self.cache.get(key)
        if found is None:
            found = self.converter.convert(text)
            self.cache.put(key, found)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.converter, name)
