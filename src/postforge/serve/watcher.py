"""Watching the source with watchdog: which changes count, and bursts of them folded into one rebuild.

An editor saving one file makes several events (vim writes ``4913`` to probe the folder, then a
swap file, then renames; many editors write a temporary file and rename it over the old one), and
a build writes hundreds of files into the destination. So every event path goes through
:class:`ChangeFilter`, which drops the destination and the build's staging folders, editor
temporary files, hidden files and what ``exclude`` leaves out (as the reader would); paths that
remain go into a :class:`Debouncer`, which hands out one batch when the events have been quiet
for a moment (``quiet``), or after ``max_wait`` of a continuous stream (``git checkout``).

The theme's folder always counts, even when ``exclude`` names it (this repository excludes
``themes``, where its own theme lives). A configuration file is reported as such: the caller
reloads the configuration and rebuilds everything.

``--force-polling`` uses watchdog's ``PollingObserver`` for file systems that deliver no events
(WSL's ``/mnt``, some Docker volumes, network shares).
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from typing import Callable
from typing import Iterable

from watchdog.events import FileSystemEvent
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch
from watchdog.observers.polling import PollingObserver

from postforge.reading.walker import EntryFilter

__all__ = [
    "CONFIG",
    "IGNORED",
    "SITE",
    "ChangeFilter",
    "Debouncer",
    "SourceWatcher",
    "config_candidates",
    "is_editor_temp",
]

#: what a changed path is to the preview
IGNORED = "ignored"
SITE = "site"
CONFIG = "config"

_TEMP_PATTERNS = re.compile(
    r"""(
        .*~                      # emacs, gedit, vim backups
      | \.\#.*                   # emacs lock files
      | \#.*\#                   # emacs auto-save
      | \..+\.sw[a-p]x?          # vim swap files (.name.swp, .swo, … .swpx)
      | .*\.kate-swp             # kate
      | \.goutputstream-.*       # gedit / GIO atomic writes
      | .*___jb_(tmp|old)___     # JetBrains safe write
      | .*\.crswap               # Chromium's file system access
      | sed[A-Za-z0-9]{6}        # sed -i
      | \.DS_Store | Thumbs\.db | desktop\.ini
    )\Z""",
    re.VERBOSE,
)

#: the build's staging and trash folders (``writing.py``): ``.<dest>.postforge-tmp-XXXX`` and friends
_STAGING = re.compile(r"(^|\.)postforge-(tmp|old)-")

_WATCHED_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed"})


def is_editor_temp(name: str) -> bool:
    """Whether a file name is an editor's (or a tool's) temporary file rather than the writer's file.

    vim probes a folder with ``4913`` (then 5036, 5159, … while those exist) before writing.
    """
    if name.isdigit() and int(name) >= 4913 and (int(name) - 4913) % 123 == 0:
        return True
    return _TEMP_PATTERNS.match(name) is not None


def config_candidates(source: Path, config_files: Iterable[Path] | None) -> set[str]:
    """The absolute paths whose change means "reload the configuration".

    Without ``--config``, Jekyll's lookup order means creating ``_config.yml`` beside a
    ``_config.toml`` changes which one is read, so all three names count.
    """
    if config_files:
        return {os.path.abspath(path) for path in config_files}
    return {os.path.abspath(source / f"_config.{ext}") for ext in ("yml", "yaml", "toml")}


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class ChangeFilter:
    """Decides what a changed path means: :data:`IGNORED`, :data:`SITE` or :data:`CONFIG`."""

    def __init__(
        self,
        source: Path,
        destination: Path,
        *,
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        config_files: Iterable[str] = (),
        theme_root: Path | None = None,
    ) -> None:
        self.source = os.path.abspath(source)
        self._destinations = {os.path.abspath(destination), os.path.realpath(destination)}
        self._entries = EntryFilter(Path(self.source), include, exclude)
        self._config_files = {os.path.abspath(path) for path in config_files}
        self._theme = os.path.abspath(theme_root) if theme_root is not None else None

    @classmethod
    def for_config(cls, config: dict, config_files: Iterable[str], theme_root: Path | None) -> ChangeFilter:
        """The filter for a loaded configuration (``source``, ``destination``, ``include``, ``exclude``)."""
        return cls(
            Path(config["source"]),
            Path(config["destination"]),
            include=config.get("include") or (),
            exclude=config.get("exclude") or (),
            config_files=config_files,
            theme_root=theme_root,
        )

    def classify(self, path: str) -> str:
        path = os.path.abspath(path)
        name = os.path.basename(path)
        if any(_under(path, destination) for destination in self._destinations):
            return IGNORED
        if is_editor_temp(name) or any(_STAGING.search(part) for part in path.split(os.sep)):
            return IGNORED
        if path in self._config_files:
            return CONFIG
        if self._theme is not None and _under(path, self._theme):
            relative = os.path.relpath(path, self._theme)
            return IGNORED if relative.startswith(".") or f"{os.sep}." in relative else SITE
        if not _under(path, self.source) or path == self.source:
            return IGNORED
        relative = os.path.relpath(path, self.source)
        included = self._entries.included(relative)
        if included:
            return SITE
        if self._entries.excluded(relative):
            return IGNORED
        if any(part.startswith(".") for part in relative.split(os.sep)):
            return IGNORED
        return SITE


class Debouncer:
    """Collects changed paths from watcher threads; :meth:`next_batch` hands them out a burst at a time."""

    def __init__(self, quiet: float = 0.1, max_wait: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.quiet = quiet
        self.max_wait = max_wait
        self._clock = clock
        self._condition = threading.Condition()
        self._pending: set[str] = set()
        self._first = 0.0
        self._last = 0.0
        self._closed = False

    def put(self, path: str) -> None:
        with self._condition:
            now = self._clock()
            if not self._pending:
                self._first = now
            self._pending.add(path)
            self._last = now
            self._condition.notify_all()

    def close(self) -> None:
        """Wake any waiter for good: :meth:`next_batch` returns None from now on once drained."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed

    def next_batch(self, timeout: float | None = None) -> frozenset[str] | None:
        """The next burst of paths, once quiet; None after ``timeout`` seconds with no event, or when closed."""
        with self._condition:
            deadline = None if timeout is None else self._clock() + timeout
            while not self._pending:
                if self._closed:
                    return None
                remaining = None if deadline is None else deadline - self._clock()
                if remaining is not None and remaining <= 0:
                    return None
                self._condition.wait(remaining)
            while not self._closed:
                end = min(self._last + self.quiet, self._first + self.max_wait)
                remaining = end - self._clock()
                if remaining <= 0:
                    break
                self._condition.wait(remaining)
            batch = frozenset(self._pending)
            self._pending.clear()
            return batch


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: SourceWatcher) -> None:
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _WATCHED_EVENTS:
            return  # opened / closed without writing: the build reading the sources
        if event.is_directory and event.event_type in ("modified", "closed"):
            return  # a folder's mtime moves whenever a file in it changes; the file's own event counts
        source = os.fsdecode(event.src_path)
        if event.is_directory and event.event_type in ("deleted", "moved"):
            self._watcher.forget(source)
        self._watcher.notice(source)
        if event.event_type == "moved":
            destination = os.fsdecode(event.dest_path)
            self._watcher.notice(destination)
            if event.is_directory:
                self._watcher.adopt(destination)
        elif event.is_directory and event.event_type == "created":
            self._watcher.adopt(source)


class SourceWatcher:
    """watchdog observing the source (and the theme, when it lives elsewhere), feeding a sink.

    The destination and the build's staging folders are never watched, not merely filtered: a
    build creates, swaps and deletes whole trees there, and an inotify watch over them costs a
    watch per folder per build (and trips watchdog up when a watched tree is swapped). So a
    folder that holds the destination is watched on its own, without recursion, and each of its
    other sub-folders recursively; folders the filter ignores (``.git``, ``node_modules``,
    excluded ones) are not watched at all. A folder that appears later in a folder watched
    without recursion is adopted when it appears.

    ``change_filter`` may be replaced while running (after the configuration changed); the sink
    receives the paths the filter does not ignore.
    """

    def __init__(
        self,
        roots: Iterable[Path],
        change_filter: ChangeFilter,
        sink: Callable[[str], None],
        *,
        files: Iterable[Path] = (),
        keep_out: Iterable[Path] = (),
        polling: bool = False,
        poll_interval: float = 0.5,
    ) -> None:
        self.change_filter = change_filter
        self._sink = sink
        self._roots = sorted({os.path.abspath(root) for root in roots if Path(root).is_dir()})
        self._keep_out = {os.path.abspath(p) for p in keep_out} | {os.path.realpath(p) for p in keep_out}
        self.polling = polling
        self._observer = PollingObserver(timeout=poll_interval) if polling else Observer()
        self._handler = _Handler(self)
        self._lock = threading.Lock()
        #: folder → its watch; folders watched without recursion are in ``_flat``
        self._watches: dict[str, ObservedWatch] = {}
        self._flat: set[str] = set()
        for root in self._roots:
            self._plan(root, top=True)
        # a --config file outside the watched folders: its folder, not recursively
        for folder in sorted({os.path.dirname(os.path.abspath(f)) for f in files}):
            if os.path.isdir(folder) and not any(_under(folder, root) for root in self._roots):
                self._schedule(folder, recursive=False)

    @property
    def watched(self) -> dict[str, bool]:
        """Each watched folder, and whether its watch is recursive."""
        with self._lock:
            return {folder: folder not in self._flat for folder in self._watches}

    def _others_inside(self, folder: str) -> bool:
        """Whether something that must not be covered by a recursive watch lies strictly inside ``folder``."""
        inside = [p for p in self._keep_out if p != folder and _under(p, folder)]
        inside += [r for r in self._roots if r != folder and _under(r, folder)]
        return bool(inside)

    def _plan(self, folder: str, top: bool = False) -> None:
        if not top and (folder in self._keep_out or folder in self._roots or self.change_filter.classify(folder) == IGNORED):
            return
        if not top and not self._others_inside(folder):
            self._schedule(folder, recursive=True)
            return
        self._schedule(folder, recursive=False)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                self._plan(entry.path)

    def _schedule(self, folder: str, *, recursive: bool) -> None:
        with self._lock:
            if folder in self._watches:
                return
            try:
                self._watches[folder] = self._observer.schedule(self._handler, folder, recursive=recursive)
            except OSError:  # gone already
                return
            if not recursive:
                self._flat.add(folder)

    def adopt(self, folder: str) -> None:
        """A folder appeared: watch it if it lies directly in a folder watched without recursion.

        Files may have been written into it before its watch began, so what it holds by then is
        reported as changed too.
        """
        if os.path.dirname(folder) not in self._flat or not os.path.isdir(folder):
            return
        self._plan(folder)
        for parent, folders, names in os.walk(folder):
            folders[:] = [name for name in folders if self.change_filter.classify(os.path.join(parent, name)) != IGNORED]
            for name in names:
                self.notice(os.path.join(parent, name))

    def forget(self, folder: str) -> None:
        """A watched folder went away: drop its watch."""
        with self._lock:
            watch = self._watches.pop(folder, None)
            self._flat.discard(folder)
        if watch is not None:
            try:
                self._observer.unschedule(watch)
            except (KeyError, OSError):
                pass

    def notice(self, path: str) -> None:
        if self.change_filter.classify(path) != IGNORED:
            self._sink(path)

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout=5)
