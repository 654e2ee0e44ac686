"""Writing the built site: the only module that creates, replaces or deletes files in the destination.

Jekyll cleans the destination and then writes into it, so a build that fails half-way leaves a
half-written site. Here the new site is built in a temporary directory beside the destination
(``.<name>.postforge-tmp-XXXX``) and swapped in only when every file is written: with Linux's
``renameat2(RENAME_EXCHANGE)`` where it exists (no moment without a site), else by renaming the old
one away and the new one in. On any failure the old destination is untouched and the temporary
directory is removed.

When the destination cannot be swapped (it is a mount point, or its parent is not writable) the
new site is built in ``<dest>/.postforge-tmp-XXXX`` instead and moved in entry by entry: still
nothing is touched until every file is written, but the final moves are not one step.

What Jekyll does that is kept:

* ``keep_files`` (``cleaner.rb``): an old path is kept when its path relative to the destination
  *starts with* one of the strings (``.git`` keeps ``.gitignore`` too), unless the build writes a
  file at that path or needs a directory there; the parents of kept files stay.
* a static file is copied with its source's mode and with its mtime set to the source's, in whole
  seconds (``StaticFile#write`` does ``File.utime(mtime.to_i, ...)``);
* two files with one destination: the last one wins, with Jekyll's "Conflict:" warning;
* the destination may not be, or contain, the source (``Site#ensure_not_in_dest``).

What is added: a file whose bytes did not change is not rewritten. The old file is hard-linked
into the new tree (``os.link``; ``shutil.copy2`` where links fail), so it keeps its inode and
mtime and ``rsync``/HTTP caches see nothing new. For a static file "unchanged" also needs the
old copy to carry the source's mode and whole-second mtime, so the result is always what a fresh
copy would give.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Callable
from typing import Iterable
from typing import Iterator

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.log import logger

__all__ = [
    "OutputFile",
    "WriteStats",
    "check_destination",
    "is_kept",
    "make_staging_beside",
    "current_umask",
    "split_relative_path",
    "write_site",
]

_CHUNK = 1 << 16
_STAGING_PREFIX = ".postforge-"


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site: rendered ``content``, or a static file copied from ``source_path``."""

    #: where it goes, relative to the destination, ``/``-separated (``blog/index.html``)
    relative_path: str
    #: the rendered text (written as UTF-8) or bytes
    content: str | bytes | None = None
    #: a static file to copy byte for byte
    source_path: Path | None = None
    #: the source file it came from, relative to the site source, for messages
    origin: str | None = None

    def __post_init__(self) -> None:
        if (self.content is None) == (self.source_path is None):
            raise ValueError("an OutputFile needs exactly one of content and source_path")


@dataclass
class WriteStats:
    """What a write did, for the summary and for tests."""

    destination: Path
    #: files whose bytes are new or changed
    written: int = 0
    #: files with the same bytes as before: the old file was kept, mtime and all
    unchanged: int = 0
    #: old files and directories carried over by ``keep_files``
    kept: int = 0
    #: old files neither written again nor kept
    removed: int = 0
    #: destination path → origins, for paths more than one file was written to
    conflicts: dict[str, list[str]] = field(default_factory=dict)


def split_relative_path(relative_path: str) -> tuple[str, ...]:
    """The parts of a path inside the destination; refuses anything that could leave it.

    ``.`` and empty parts (``a//b``) are dropped; ``..``, absolute paths, NUL bytes and paths that
    name a directory (trailing ``/``) are refused: a caller producing them has a bug, and Jekyll's
    own URLs never contain ``..`` (``URL#sanitize_url``).
    """
    problem = None
    if not relative_path:
        problem = "empty path"
    elif relative_path.startswith(("/", "\\")):
        problem = "absolute path"
    elif "\0" in relative_path:
        problem = "NUL byte in path"
    elif relative_path.endswith("/"):
        problem = "path names a directory"
    parts = tuple(p for p in relative_path.split("/") if p not in ("", "."))
    if problem is None and ".." in parts:
        problem = "'..' in path"
    if problem is None and not parts:
        problem = "empty path"
    if problem is not None:
        raise PostforgeError(f"refusing to write {relative_path!r} outside the destination: {problem}")
    return parts


def is_kept(relative_path: str, keep_files: Iterable[str]) -> bool:
    """Jekyll's ``keep_file_regex``: a literal *prefix* match of the path relative to the destination."""
    return any(relative_path.startswith(keep) for keep in keep_files)


def check_destination(source: Path, destination: Path) -> None:
    """Refuse a destination that is the source or one of its ancestors (it would be wiped)."""
    source_paths = {Path(os.path.abspath(source)), Path(os.path.realpath(source))}
    dest_paths = {Path(os.path.abspath(destination)), Path(os.path.realpath(destination))}
    for path in source_paths:
        if dest_paths & {path, *path.parents}:
            raise PostforgeError(
                "Destination directory cannot be or contain the Source directory.",
                Location(str(destination)),
            )


def write_site(
    destination: Path,
    files: Iterable[OutputFile],
    *,
    keep_files: list[str],
    source: Path,
    progress: Callable[[OutputFile], None] | None = None,
    in_place: bool | None = None,
) -> WriteStats:
    """Write ``files`` as the whole content of ``destination``, replacing what was there.

    ``files`` may be a lazy iterable that renders as it goes: an exception from it (or from
    writing) leaves the old destination exactly as it was. ``progress`` is called after each file.
    ``in_place`` forces (True) or forbids (False) building inside the destination instead of
    beside it; None chooses: beside it, unless it is a mount point or its parent is read-only.
    """
    check_destination(source, destination)
    destination = Path(destination)
    # A symlinked destination stays a symlink: the swap happens where it points.
    target = Path(os.path.realpath(destination))
    if target.exists() and not target.is_dir():
        raise PostforgeError(f"the destination {destination} is not a directory", Location(str(destination)))
    umask = current_umask()
    stats = WriteStats(destination=destination)
    with _os_errors("prepare the site in", destination):
        if in_place is None:
            in_place = target.is_dir() and os.path.ismount(target)
        staging = None if in_place else make_staging_beside(target)
        if staging is None:
            target.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX + "tmp-", dir=target))
            in_place = True
    try:
        with _os_errors("read the old site in", destination):
            os.chmod(staging, stat.S_IMODE(os.stat(target).st_mode) if target.is_dir() else 0o777 & ~umask)
            old = _index_old(target, skip_staging=in_place)
        # Errors from ``files`` (rendering) pass through as they are.
        produced = _write_files(staging, target, old, files, stats, umask, progress)
        with _os_errors("carry kept files into", destination):
            carried = _carry_kept(staging, target, old, produced, keep_files)
        stats.kept = len(carried)
        stats.removed = sum(
            1
            for rel, st in old.items()
            if not stat.S_ISDIR(st.st_mode) and rel not in produced and rel not in carried
        )
        with _os_errors("replace the site in", destination):
            if in_place:
                _move_in(staging, target)
            else:
                _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for path, origins in stats.conflicts.items():
        _warn_conflict(destination, path, origins)
    return stats


@contextmanager
def _os_errors(doing: str, destination: Path) -> Iterator[None]:
    """Turn an OSError of ours into a PostforgeError naming the destination."""
    try:
        yield
    except OSError as error:
        raise PostforgeError(
            f"cannot {doing} {destination}: {error.strerror or error}", Location(str(destination))
        ) from error


# -- the old destination ------------------------------------------------------------------------


def _index_old(root: Path, *, skip_staging: bool) -> dict[str, os.stat_result]:
    """Every entry under ``root`` by relative path, parents first, symlinks not followed."""
    index: dict[str, os.stat_result] = {}
    if not root.is_dir():
        return index

    def walk(directory: str, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if skip_staging and not prefix and entry.name.startswith(_STAGING_PREFIX):
                    continue
                rel = prefix + entry.name
                st = entry.stat(follow_symlinks=False)
                index[rel] = st
                if stat.S_ISDIR(st.st_mode):
                    walk(entry.path, rel + "/")

    walk(str(root), "")
    return index


def _same_bytes(path: Path | str, data: bytes) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(data) + 1) == data


def _same_files(first: Path | str, second: Path | str) -> bool:
    with open(first, "rb") as a, open(second, "rb") as b:
        while True:
            chunk = a.read(_CHUNK)
            if chunk != b.read(_CHUNK):
                return False
            if not chunk:
                return True


def _reuse(old_path: str, new_path: str) -> None:
    """Put the old file in the new tree as it is: a hard link, or a copy with its mtime."""
    try:
        os.link(old_path, new_path, follow_symlinks=False)
    except OSError:
        shutil.copy2(old_path, new_path, follow_symlinks=False)


# -- writing the new tree -----------------------------------------------------------------------


def _write_files(
    staging: Path,
    target: Path,
    old: dict[str, os.stat_result],
    files: Iterable[OutputFile],
    stats: WriteStats,
    umask: int,
    progress: Callable[[OutputFile], None] | None,
) -> dict[str, str | None]:
    """Write every file into ``staging``; returns destination path → origin."""
    produced: dict[str, str | None] = {}
    reused: dict[str, bool] = {}
    folders: set[str] = set()
    for item in files:
        parts = split_relative_path(item.relative_path)
        rel = "/".join(parts)
        path = _prepare_parent(staging, parts, item, folders)
        if rel in produced:
            stats.conflicts.setdefault(rel, [produced[rel] or rel]).append(item.origin or rel)
            os.unlink(path)  # never truncate: it may be a hard link into the old site
        produced[rel] = item.origin
        try:
            reused[rel] = _write_one(item, path, str(target / rel), old.get(rel), umask)
        except OSError as error:
            raise PostforgeError(
                f"cannot write {rel}: {error.strerror or error}", Location(item.origin or rel)
            ) from error
        if progress is not None:
            progress(item)
    stats.unchanged = sum(reused.values())
    stats.written = len(reused) - stats.unchanged
    return produced


def _prepare_parent(staging: Path, parts: tuple[str, ...], item: OutputFile, folders: set[str]) -> str:
    """Make the parent directories of a new file, refusing to pass through anything but a directory.

    ``folders`` remembers the directories already made, so a big site costs one ``mkdir`` per
    folder rather than an ``lstat`` per path part per file.
    """
    directory = str(staging)
    for name in parts[:-1]:
        directory = os.path.join(directory, name)
        if directory in folders:
            continue
        folders.add(directory)
        try:
            mode = os.lstat(directory).st_mode
        except FileNotFoundError:
            os.mkdir(directory)
            continue
        if not stat.S_ISDIR(mode):
            where = os.path.relpath(directory, staging).replace(os.sep, "/")
            raise PostforgeError(
                f"cannot write {'/'.join(parts)}: {where} is also written as a file",
                Location(item.origin or "/".join(parts)),
            )
    return os.path.join(directory, parts[-1])


def _write_one(item: OutputFile, path: str, old_path: str, old: os.stat_result | None, umask: int) -> bool:
    """Write one file into the staging tree; True when the old file could be reused."""
    old_is_file = old is not None and stat.S_ISREG(old.st_mode)
    if item.source_path is not None:
        src = os.stat(item.source_path)
        mode = stat.S_IMODE(src.st_mode) & ~umask
        mtime = src.st_mtime_ns // 1_000_000_000
        if (
            old_is_file
            and old.st_size == src.st_size
            and old.st_mtime_ns == mtime * 1_000_000_000
            and stat.S_IMODE(old.st_mode) == mode
            and _same_files(old_path, item.source_path)
        ):
            _reuse(old_path, path)
            return True
        shutil.copyfile(item.source_path, path)
        os.chmod(path, mode)
        os.utime(path, (mtime, mtime))
        return False
    data = item.content.encode("utf-8") if isinstance(item.content, str) else item.content
    if old_is_file and old.st_size == len(data) and _same_bytes(old_path, data):
        _reuse(old_path, path)
        return True
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return False


# -- keep_files -----------------------------------------------------------------------------------


def _carry_kept(
    staging: Path,
    target: Path,
    old: dict[str, os.stat_result],
    produced: dict[str, str | None],
    keep_files: list[str],
) -> set[str]:
    """Copy kept old entries into the new tree (as links); returns the paths carried over.

    Runs after every new file is written, so no write can pass through a kept symlink. What the
    build wrote wins: a kept path the build writes, or one under a path the build wrote as a
    file, or a kept file where the build made a directory, is not carried.
    """
    carried: set[str] = set()
    if not keep_files:
        return carried
    for rel, st in old.items():
        if not is_kept(rel, keep_files) or rel in produced:
            continue
        if not _kept_parents_ready(staging, rel):
            continue
        new_path = staging / rel
        if os.path.lexists(new_path):
            continue  # a directory the build made: a kept directory merges into it
        old_path = str(target / rel)
        if stat.S_ISDIR(st.st_mode):
            os.mkdir(new_path)
            shutil.copystat(old_path, new_path, follow_symlinks=False)
        elif stat.S_ISLNK(st.st_mode):
            os.symlink(os.readlink(old_path), new_path)
        elif stat.S_ISREG(st.st_mode):
            _reuse(old_path, str(new_path))
        else:
            continue  # sockets, fifos: not site content
        carried.add(rel)
    return carried


def _kept_parents_ready(staging: Path, rel: str) -> bool:
    """Make the parents of a kept entry (Jekyll's ``keep_dirs``); False when a file is in the way."""
    directory = staging
    for name in rel.split("/")[:-1]:
        directory = directory / name
        if os.path.islink(directory):
            return False
        if not directory.exists():
            directory.mkdir()
        elif not directory.is_dir():
            return False
    return True


# -- swapping it in -------------------------------------------------------------------------------


def make_staging_beside(target: Path) -> Path | None:
    """``.<name>.postforge-tmp-XXXX`` next to the destination, or None where that is not allowed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.postforge-tmp-", dir=target.parent))
    except PermissionError:
        return None


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` where ``target`` is; the old tree is deleted afterwards."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old site
        return
    head, _, tail = staging.name.rpartition(".postforge-tmp-")
    trash = staging.with_name(f"{head}.postforge-old-{tail}")
    os.rename(target, trash)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(trash, target)
        raise
    shutil.rmtree(trash, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Linux ``renameat2(RENAME_EXCHANGE)``: swap two paths in one step; False where unsupported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    at_fdcwd = -100
    rename_exchange = 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """libc's ``renameat2``, or None (not Linux, or a libc older than glibc 2.28).

    Looked up first among the symbols the running program has loaded (``dlopen(NULL)``), libc's
    included: every build into an existing destination swaps, and searching for the library by
    name costs ~6 ms (``ctypes.util`` imports subprocess, and runs ``ldconfig -p``).
    """
    try:
        function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except OSError:
        function = None
    if function is None:
        from ctypes.util import find_library  # only where the program's own symbols lack it

        try:
            function = getattr(ctypes.CDLL(find_library("c"), use_errno=True), "renameat2", None)
        except OSError:
            return None
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def _move_in(staging: Path, target: Path) -> None:
    """The in-place fallback: move the old entries aside, the new ones up, then delete the old."""
    trash = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX + "old-", dir=target))
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for name in sorted(os.listdir(target)):
            if name.startswith(_STAGING_PREFIX):
                continue
            os.rename(target / name, trash / name)
            moved_out.append(name)
        for name in sorted(os.listdir(staging)):
            os.rename(staging / name, target / name)
            moved_in.append(name)
    except BaseException:
        for name in moved_in:
            os.rename(target / name, staging / name)
        for name in moved_out:
            os.rename(trash / name, target / name)
        os.rmdir(trash)
        raise
    os.rmdir(staging)
    shutil.rmtree(trash, ignore_errors=True)


# -- small helpers ----------------------------------------------------------------------------------


def current_umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _warn_conflict(destination: Path, path: str, origins: list[str]) -> None:
    """Jekyll's ``Doctor.conflicting_urls`` warning, word for word."""
    logger.warn("Conflict:", "The following destination is shared by multiple files.")
    logger.warn("", "The written file may end up with unexpected contents.")
    logger.warn("", str(Path(os.path.abspath(destination)) / path))
    for origin in origins:
        logger.warn("", f" - {origin}")
    logger.warn("")
