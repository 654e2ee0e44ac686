"""The incremental build's memory of the last build, under ``<source>/.postforge-cache/``.

Three files, so a rebuild with nothing changed reads only the small one:

``state.pickle``
    which postforge, configuration and environment made the build (:func:`header`), every
    source file's mtime and size, and every output's size and mtime as written;
``graph.pickle``
    per rendered unit (page or document): what it read, its outputs, its fingerprint, what its
    hooks set; the fingerprints of site-wide values, templates and plugin keys;
``model.pickle``
    the site as read (before plugins and rendering), so changed files are read into it alone.

A state whose header differs from the current one (another postforge, a code change, another
configuration or ``JEKYLL_ENV``/``TZ``, other plugins) is not used, and neither is one that
does not load: the build is then a full one. Files are written to temporary names and renamed.
"""

from __future__ import annotations

import functools
import gc
import importlib
import importlib.util
import os
import sys
from array import array
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from postforge import __version__
from postforge.incremental import CACHE_DIR
from postforge.render.fingerprints import digest
from postforge.pickling import dumps
from postforge.pickling import loads

__all__ = [
    "CACHE_DIR", "FORMAT", "Quick", "Graph", "Unit", "header", "code_digest", "library_versions", "load", "save",
    "cache_dir",
]

#: bumped whenever what is stored changes meaning
FORMAT = 5
#: configuration keys that change how postforge runs, not what it makes
RUN_KEYS = frozenset({"incremental", "jobs", "quiet", "verbose", "watch", "livereload", "livereload_port", "open_url",
                      "skip_initial_build", "force_polling", "detach", "host", "port", "show_dir_listing",
                      "profile"})


@dataclass
class Unit:
    """One rendered page or document, as the next build needs it."""

    #: ``"d"``: a collection document (rendered before pages); ``"p"``: a page
    phase: str
    #: hashes of what it read of *other* items and of the site (:func:`~postforge.render.units.read_hash`)
    reads: array  # type: ignore[type-arg]
    #: the destination paths it wrote
    outputs: tuple[str, ...]
    #: its fingerprint before rendering, pickled (read only for the units that may have changed)
    fingerprint: bytes
    #: fingerprint keys of what rendering made: hook-set data keys, ``~converted``, ``~output``
    made: dict[str, int]
    #: the data its hooks set (pickled ``(values, removed keys)``), replayed when not rendered
    hook_data: bytes | None = None
    #: rendered again on every build (its pre-render hook changed its data; it read a plugin
    #: value that changes while pages render)
    volatile: bool = False
    #: it read what another unit's render made, so it depends on the order of renders
    ordered: bool = False


@dataclass
class Quick:
    """What a rebuild reads first: enough to see that nothing changed."""

    header: dict[str, Any]
    #: absolute source path → (mtime_ns, size)
    files: dict[str, tuple[int, int]]
    #: destination path → (size, mtime_ns) as written
    outputs: dict[str, tuple[int, int]]
    #: destination folder → mtime_ns after the build (a foreign file changes it)
    folders: dict[str, int]
    #: source files read but not published (their publishing may change with time)
    skipped: frozenset[str] = frozenset()
    #: without ``time:`` in the configuration, the output changes with the clock
    #: (something read ``site.time``, or a document has no date of its own)
    clock: bool = False
    #: (pages, posts, static files), for the summary of a build that found nothing to do
    counts: tuple[int, int, int] = (0, 0, 0)
    #: the kept model (``model.pickle`` carries the same token), and the source files changed
    #: since it was saved: a rebuild reads them into it again
    model: str = ""
    dirty: frozenset[str] = frozenset()


@dataclass
class Graph:
    """What each unit depends on, and the fingerprints to compare with.

    Units are pickled as plain tuples: ten thousand dataclass instances take several times
    longer to load, and a rebuild loads them all.
    """

    units: dict[str, Unit] = field(default_factory=dict)
    #: every layout and include any unit used, as ``("L", name)`` / ``("I", file)``
    templates: set[tuple[str, Any]] = field(default_factory=set)
    #: site-wide fingerprints: listings, data, time, links; templates as ("L"/"I", name)
    site: dict[Any, int] = field(default_factory=dict)
    #: plugin ``site.*`` keys → (fingerprint, stable through the render)
    extras: dict[str, tuple[int, bool]] = field(default_factory=dict)
    #: static files: item id → fingerprint, and their outputs
    statics: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    #: destination path → the unit (or static file) that wrote it
    output_of: dict[str, str] = field(default_factory=dict)
    #: a destination path was written by more than one unit
    conflicts: bool = False
    #: each collection's documents in order (their neighbours change when it does)
    orders: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["units"] = {rid: astuple_unit(unit) for rid, unit in self.units.items()}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["units"] = {rid: Unit(phase, _ids(reads), *rest) for rid, (phase, reads, *rest) in state["units"].items()}
        self.__dict__.update(state)


def astuple_unit(unit: Unit) -> tuple[Any, ...]:
    """A unit as stored: its read ids as the bytes of little-endian numbers (an array pickles
    through a reconstructor call each: 10,000 units took 74 ms to pickle, as bytes 20 ms)."""
    reads = unit.reads
    if _BIG_ENDIAN:
        reads = array("Q", reads)
        reads.byteswap()
    return (unit.phase, reads.tobytes(), unit.outputs, unit.fingerprint, unit.made, unit.hook_data, unit.volatile,
            unit.ordered)


_BIG_ENDIAN = sys.byteorder == "big"


def _ids(stored: bytes) -> array:  # type: ignore[type-arg]
    ids = array("Q", stored)
    if _BIG_ENDIAN:
        ids.byteswap()
    return ids


def code_digest(site_plugins: Path | None) -> int:
    """Postforge's own files and the site's ``_plugins``: a change means nothing cached holds."""
    entries = list(_package_files())
    if site_plugins is not None and site_plugins.is_dir():
        entries.extend(_files(site_plugins))
    return digest(entries)


@functools.cache
def _package_files() -> tuple[tuple[str, int, int], ...]:
    """Postforge's own files, walked once per process (a build asks for the Markdown cache's salt
    and for its state's header; the code running is what was loaded then, whatever the disk says later)."""
    return tuple(_files(Path(__file__).resolve().parent.parent))


def _files(folder: Path) -> list[tuple[str, int, int]]:
    """(path, mtime_ns, size) of the source files under ``folder``, in a stable order."""
    entries = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            st = os.stat(os.path.join(root, name))
            entries.append((os.path.join(root, name), st.st_mtime_ns, st.st_size))
    return entries


def _module_files(modules: list[tuple[str, Any]]) -> list[tuple[str, str, int, int]]:
    """The plugins' module files with their mtimes and sizes (a changed plugin changes the build)."""
    found = []
    for name, module in modules:
        path = getattr(module, "__file__", None)
        if path and os.path.exists(path):
            st = os.stat(path)
            found.append((name, path, st.st_mtime_ns, st.st_size))
        else:
            found.append((name, repr(module), 0, 0))
    return found


def library_versions() -> tuple[str, ...]:
    """The libraries whose output ends up in the site (an upgrade changes pages), each as its
    main file's path, mtime and size: found without importing them (a build that highlights
    nothing never imports Pygments; importing it and PyYAML and libsass for their version
    numbers was 23 ms of every -I build), and an upgrade rewrites that file."""
    versions = []
    for name in ("jinja2", "mistune", "pygments", "yaml", "sass"):
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            st = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            st = None
        versions.append(f"{name} {origin} {st.st_mtime_ns} {st.st_size}" if st is not None else f"{name} -")
    return tuple(versions)


def header(config: dict[str, Any], plugins: list[tuple[str, Any]], theme_root: Path | None) -> dict[str, Any]:
    """What must be the same for the last build's state to hold."""
    settings = {key: value for key, value in config.items() if key not in RUN_KEYS}
    plugins_dir = Path(config["source"]) / str(config.get("plugins_dir") or "_plugins")
    return {
        "format": FORMAT,
        "version": __version__,
        "python": sys.version,
        "libraries": library_versions(),
        "code": code_digest(None if config.get("safe") else plugins_dir),
        "config": digest(settings),
        "environment": (os.environ.get("JEKYLL_ENV", "development"), os.environ.get("TZ")),
        "plugins": _module_files(plugins),
        "theme": str(theme_root) if theme_root else None,
    }


def cache_dir(source: Path) -> Path:
    return Path(source) / CACHE_DIR


def _read(path: Path) -> Any:
    """Unpickle a part; the collector is off meanwhile (it would scan the growing heap again and
    again while hundreds of thousands of objects are made: three times slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a cache that does not load is no cache
        return None
    finally:
        if enabled:
            gc.enable()


def load(source: Path, part: str) -> Any:
    """``quick``, ``graph`` or ``model`` from the cache, or None."""
    return _read(cache_dir(source) / f"{part}.pickle")


def save(source: Path, part: str, value: Any, *, raw: bool = False) -> None:
    """Write one part (``raw``: already pickled bytes), atomically."""
    folder = cache_dir(source)
    folder.mkdir(exist_ok=True)
    target = folder / f"{part}.pickle"
    temp = folder / f".{part}.{os.getpid()}.tmp"
    temp.write_bytes(value if raw else dumps(value))
    os.replace(temp, target)


def forget(source: Path, *, keep_model: bool = False) -> None:
    """Remove the state files, so an interrupted save leaves no state that could be trusted.

    The model may stay: it is used only with the ``quick`` state that names it."""
    for part in ("quick", "graph") if keep_model else ("quick", "graph", "model"):
        try:
            (cache_dir(source) / f"{part}.pickle").unlink()
        except FileNotFoundError:
            pass
