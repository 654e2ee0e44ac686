"""Reading many documents across processes: front matter, dates, slugs and URLs, computed at once.

Reading 10,000 posts is mostly per-file work: parse the YAML front matter, merge the defaults,
parse the dates, compute the URL. As the reader starts, :class:`Prefetch` forks ``jobs``
workers that run the reader's own :meth:`~postforge.reading.documents.Reader.read_document`
(and :func:`~postforge.model.urls.document_url`) on the files that look like posts or
collection documents, in order; :class:`PrefetchedReader` hands the reader those documents as
it comes to them, instead of reading the files itself. Everything else (which files are read, publishing, sorting,
pages, static files) is the reader's, unchanged, so the site read is the same.
"""

from __future__ import annotations

import os
from typing import Any

from postforge.pickling import dumps
from postforge.pickling import loads
from postforge.model.documents import Collection
from postforge.model.documents import Document
from postforge.model.urls import document_url
from postforge.reading.documents import Reader
from postforge.reading.frontmatter import has_front_matter
from postforge.reading.walker import MIN_DOCUMENTS
from postforge.reading.walker import Key
from postforge.reading.walker import candidates
from postforge.workers import freeze_for_fork
from postforge.workers import thaw
from postforge.workers import worker_signals

__all__ = ["MIN_DOCUMENTS", "MIN_JOBS", "candidates", "Prefetch", "PrefetchedReader", "read_prefetched"]

#: with fewer jobs (cores) one process reads faster. The parent walks the site and unpickles
#: what the workers read (about 30 us a document, against 100 us to read one itself), so it
#: needs a core of its own: on 2 cores, reading 10,000 benchmark posts in workers made a cold
#: build take 11.5 s of CPU and 6.49 s, against 10.5 s and 6.31 s reading them in one process
#: (1,000 posts: 0.89 against 0.85 s; medians of alternating runs, tmpfs).
MIN_JOBS = 3

_TASK: dict[str, Any] = {}


def _read_share(keys: list[Key]) -> bytes:
    reader: Reader = _TASK["reader"]
    collections: dict[str, Collection] = _TASK["collections"]
    style = str(reader.config.get("permalink") or "date")
    collections_dir = str(reader.config.get("collections_dir") or "")
    read: list[tuple[Key, Document | None]] = []
    for key in keys:
        relative, label, draft = key
        full = os.path.join(str(reader.source), relative)
        try:
            if label != "posts":
                with open(full, "rb") as handle:
                    if not has_front_matter(handle.read(4096)):
                        read.append((key, None))
                        continue
            doc = reader.read_document(full, relative, collections[label], draft=draft)
            doc.url = document_url(doc, collections[label], style, collections_dir)
        except Exception:  # noqa: BLE001 - the reader reads it again in order and reports the error
            doc = None
        read.append((key, doc))
    # a caching reader remembers the front matter it parsed: that goes back too
    parsed = getattr(reader, "parsed", None)
    learnt = {}
    if isinstance(parsed, dict):
        for relative, _label, _draft in keys:
            full = os.path.join(str(reader.source), relative)
            if full in parsed:
                learnt[full] = parsed.pop(full)
    try:
        return dumps((read, learnt))
    except Exception:  # noqa: BLE001 - something unpicklable in front matter: the reader reads them
        return dumps(([], {}))


class Prefetch:
    """Documents being read by worker processes, handed out as the reader asks for them.

    The workers read the candidates in order, in small chunks, while this process walks the
    site: :meth:`get` waits only for the chunk holding the document asked for."""

    CHUNK = 64

    def __init__(self, reader: Reader, keys: list[Key], jobs: int) -> None:
        self.keys = set(keys)
        self.found: dict[Key, Document] = {}
        #: front matter a caching reader parsed in the workers
        self.parsed: dict[str, Any] = {}
        reader._make_collections()
        _TASK.update(reader=reader, collections=dict(reader.content.collections))
        self._owned = freeze_for_fork()
        import multiprocessing  # (here: most builds never read with workers, and it costs ~8 ms to import)

        self._pool = multiprocessing.get_context("fork").Pool(jobs, initializer=worker_signals)
        reader.content.collections.clear()
        chunks = [keys[start:start + self.CHUNK] for start in range(0, len(keys), self.CHUNK)]
        self._results = self._pool.imap(_read_share, chunks)

    def _next(self) -> bool:
        try:
            chunk = next(self._results)
        except StopIteration:
            return False
        share, learnt = loads(chunk)
        self.parsed.update(learnt)
        for key, doc in share:
            if doc is not None:
                self.found[key] = doc
        return True

    def get(self, key: Key) -> Document | None:
        if key not in self.keys:
            return None
        while key not in self.found and self._next():
            pass
        self.keys.discard(key)
        return self.found.pop(key, None)

    def close(self) -> None:
        """Take what is left (a caching reader keeps its front matter) and stop the workers."""
        while self._next():
            pass
        self._pool.terminate()
        self._pool.join()
        thaw(self._owned)
        _TASK.clear()


class PrefetchedReader(Reader):
    """A reader handed documents read beforehand by a :class:`Prefetch`; it reads any other itself.

    ``used`` holds the ids of the documents it handed out (their URLs are computed already)."""

    prefetch: Prefetch | None = None
    used: set[int] = set()

    def read_document(self, full: str, relative: str, collection: Collection, draft: bool = False) -> Document:
        doc = self.prefetch.get((relative, collection.label, draft)) if self.prefetch is not None else None
        if doc is not None and doc.source_path == full:
            self.used.add(id(doc))
            return doc
        return super().read_document(full, relative, collection, draft)


def read_prefetched(reader: type[Reader], keys: list[Key], jobs: int, **arguments: Any) -> tuple[Any, set[int]]:
    """Read the site with ``reader`` while workers read the documents ``keys`` name.

    Returns what was read and the ids of the documents whose URLs the workers computed. A caching
    reader (one with a ``parsed`` table) gets the front matter the workers parsed."""
    bases = (PrefetchedReader,) if reader is Reader else (reader, PrefetchedReader)
    instance = type("PrefetchingReader", bases, {"used": set()})(**arguments)
    instance.prefetch = Prefetch(instance, keys, jobs)
    try:
        content = instance.read()
    finally:
        instance.prefetch.close()
    learnt = getattr(instance, "parsed", None)
    if isinstance(learnt, dict):
        for path, entry in instance.prefetch.parsed.items():
            learnt.setdefault(path, entry)
    return content, instance.used
