"""Incremental writing: the destination updated in place, file by file, only where bytes changed.

:mod:`postforge.writing` rebuilds the whole site in a staging folder and swaps it in. An
incremental build (``-I``) knows which outputs it rendered again and which went away, so it
changes the destination where it stands. :class:`Update` takes outputs while the build is still
rendering (so writing overlaps rendering) and *stages* each one: a file whose bytes are the same
as the one in place is left alone (its mtime stays, for rsync and uploads); any other is written
to a temporary name beside its target (``.postforge-new-NAME``), by several threads at once.
Nothing a reader of the site sees changes until :meth:`Update.commit`, called once every render
succeeded: the temporary files are renamed over their targets (a reader never sees half a file),
outputs no longer produced are deleted with the folders they leave empty and, when asked,
anything else found in the folders is removed as a full build would (``keep_files`` kept).
:meth:`Update.abort` removes what was staged. Folders a new output needs are made while staging.

A destination that does not exist yet (the first ``-I`` build, or one after ``_site`` was removed)
has nothing to compare or keep: the update then writes final names into a staging folder beside
it, as the full build's writer does, and the commit renames that folder into place. One rename
instead of one per file, and still no half-built site for a reader to see.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from typing import Iterable

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.writing import OutputFile
from postforge.writing import check_destination
from postforge.writing import current_umask
from postforge.writing import is_kept
from postforge.writing import make_staging_beside
from postforge.writing import split_relative_path
from postforge.writers import Job
from postforge.writers import WriterThreads

__all__ = ["UpdateStats", "Update", "FreshWriter", "update_site", "stat_outputs", "folders_above", "STAGING_PREFIX"]

#: temporary files and folders of the writers; never site content
STAGING_PREFIX = ".postforge-"
_TEMP = ".postforge-new-"
#: threads writing files at once (more contend with the render workers for the same cores)
WRITERS = 2


@dataclass
class UpdateStats:
    """What an in-place update did."""

    destination: Path
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    #: relative path → (size, mtime_ns) of every file written or checked, after the update
    identities: dict[str, tuple[int, int]] = field(default_factory=dict)


def _same_content(path: str, data: bytes, st: os.stat_result) -> bool:
    if st.st_size != len(data):
        return False
    with open(path, "rb") as handle:
        return handle.read(len(data) + 1) == data


def _same_file(path: str, source: str) -> bool:
    with open(path, "rb") as first, open(source, "rb") as second:
        while True:
            chunk = first.read(1 << 16)
            if chunk != second.read(1 << 16):
                return False
            if not chunk:
                return True


class _Blocked(Exception):
    """Something other than a folder is where a folder must be, or a folder where a file must be:
    replacing it would change the site before the commit, so the output waits for it."""

    def __init__(self, item: OutputFile | None = None) -> None:
        super().__init__(item.relative_path if item is not None else "")
        self.item = item


@dataclass
class _Staged:
    relative: str
    path: str
    #: the temporary file written, or None when the file in place already has these bytes
    temp: str | None
    item: OutputFile
    #: (size, mtime_ns) of the file the path will hold
    identity: tuple[int, int] = (0, 0)


class Update:
    """An in-place update of ``destination``, staged while the build renders."""

    def __init__(self, destination: Path, *, source: Path, keep_files: list[str]) -> None:
        check_destination(source, destination)
        self.destination = Path(destination)
        self.root = os.path.realpath(destination)
        if os.path.lexists(self.root) and not os.path.isdir(self.root):
            raise PostforgeError(f"the destination {destination} is not a directory", Location(str(destination)))
        self.keep_files = keep_files
        self.umask = current_umask()
        self._pool = WriterThreads(WRITERS)
        #: relative path → its staging: a job of the writer threads, or a file a worker wrote
        self._jobs: dict[str, Job[_Staged] | _Staged] = {}
        self._lock = threading.Lock()
        self._folders: set[str] = set()
        #: folders this update made (removed again by abort)
        self._made: list[str] = []
        self._blocked: list[OutputFile] = []
        #: where the whole site is written when the destination does not exist yet (renamed in by commit)
        self._fresh: str | None = None
        if not os.path.lexists(self.root):
            try:
                staging = make_staging_beside(Path(self.root))
                if staging is not None:
                    os.chmod(staging, 0o777 & ~self.umask)  # a new folder's mode, not mkdtemp's 0o700
            except OSError as error:
                raise PostforgeError(
                    f"cannot make the destination {destination}: {error.strerror or error}", Location(str(destination))
                ) from error
            if staging is not None:
                self._fresh = str(staging)
                self._folders.add(self._fresh)
        if self._fresh is None and not os.path.isdir(self.root):
            try:
                os.makedirs(self.root)
            except OSError as error:
                raise PostforgeError(
                    f"cannot make the destination {destination}: {error.strerror or error}", Location(str(destination))
                ) from error
            self._made.append(self.root)

    @property
    def created(self) -> bool:
        """Whether this update makes the destination: nothing was there to sweep or compare."""
        return self._fresh is not None or self.root in self._made

    # -- staging ---------------------------------------------------------------------------------

    def put(self, item: OutputFile) -> None:
        """Stage one output (a later one for the same path replaces it)."""
        parts = split_relative_path(item.relative_path)
        relative = "/".join(parts)
        earlier = self._jobs.get(relative)
        if earlier is not None:
            self._discard(earlier)
        self._jobs[relative] = self._pool.submit(self._stage, item, parts)

    def adopt(self, item: OutputFile, relative: str, identity: tuple[int, int]) -> bool:
        """Take ``item`` as staged by a render worker through :meth:`fresh_writer`: the file is
        in the staging folder at ``relative`` (its path as :meth:`FreshWriter.write` made it),
        with ``identity``. False when this update staged the path itself already: the caller
        then puts it, which replaces that file as a later output does."""
        if self._fresh is None or relative in self._jobs:
            return False
        self._jobs[relative] = _Staged(relative, self.root + "/" + relative, self._fresh + "/" + relative, item, identity)
        return True

    def fresh_writer(self) -> FreshWriter | None:
        """Where the destination is new, a writer a forked render worker can stage outputs with
        directly (then :meth:`adopt` takes them here); None otherwise."""
        return FreshWriter(self._fresh) if self._fresh is not None else None

    def _discard(self, job: Job[_Staged] | _Staged) -> None:
        try:
            staged = _outcome(job)
        except (_Blocked, OSError, PostforgeError):
            return
        if staged.temp is not None:
            _unlink(staged.temp)

    def _folder(self, path: str) -> None:
        with self._lock:
            if path in self._folders:
                return
        try:
            os.mkdir(path)
            made = True
        except FileExistsError:
            made = False
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                raise _Blocked() from None
        with self._lock:
            self._folders.add(path)
            if made:
                self._made.append(path)

    def _stage(self, item: OutputFile, parts: tuple[str, ...]) -> _Staged:
        """Write ``item`` under a temporary name beside its target, unless the file there has
        these bytes; into a new destination, under its final name in the staging folder."""
        fresh = self._fresh is not None
        directory = self._fresh if fresh else self.root
        assert directory is not None
        try:
            for name in parts[:-1]:
                directory = os.path.join(directory, name)
                self._folder(directory)
        except _Blocked:
            raise _Blocked(item) from None
        path = os.path.join(directory, parts[-1])
        relative = "/".join(parts)
        if fresh:  # nothing to compare with; where the file will be after the commit's rename
            if os.path.isdir(path) and not os.path.islink(path):
                raise _Blocked(item)
            old, target, temp = None, os.path.join(self.root, *parts), path
        else:
            try:
                old = os.lstat(path)
            except FileNotFoundError:
                old = None
            if old is not None and stat.S_ISDIR(old.st_mode):
                raise _Blocked(item)
            target, temp = path, os.path.join(directory, _TEMP + parts[-1])
        regular = old is not None and stat.S_ISREG(old.st_mode)
        try:
            if item.source_path is not None:
                src = os.stat(item.source_path)
                mode = stat.S_IMODE(src.st_mode) & ~self.umask
                mtime = src.st_mtime_ns // 1_000_000_000
                if (
                    regular and old.st_size == src.st_size and old.st_mtime_ns == mtime * 1_000_000_000
                    and stat.S_IMODE(old.st_mode) == mode and _same_file(path, str(item.source_path))
                ):
                    return _Staged(relative, target, None, item, (old.st_size, old.st_mtime_ns))
                shutil.copyfile(item.source_path, temp)
                os.chmod(temp, mode)
                os.utime(temp, (mtime, mtime))
                return _Staged(relative, target, temp, item, (src.st_size, mtime * 1_000_000_000))
            data = item.content.encode("utf-8") if isinstance(item.content, str) else item.content
            assert data is not None
            if regular and _same_content(path, data, old):
                return _Staged(relative, target, None, item, (old.st_size, old.st_mtime_ns))
            handle = _create(temp)  # made with 0o666 less the umask, as the full build's writer makes files
            with handle:
                handle.write(data)
                handle.flush()
                written = os.fstat(handle.fileno())
        except OSError as error:
            raise PostforgeError(
                f"cannot write {relative}: {error.strerror or error}", Location(item.origin or relative)
            ) from error
        return _Staged(relative, target, temp, item, (written.st_size, written.st_mtime_ns))

    # -- the end ---------------------------------------------------------------------------------

    def commit(self, removed: Iterable[str] = (), *, expected: set[str] | None = None,
               sweep: Iterable[str] = ()) -> UpdateStats:
        """Put every staged file in place, delete ``removed``, clear ``sweep`` folders of strays.

        ``expected`` is every path the site now has; folders in ``sweep`` (``""``: the top) lose
        any other entry a full build would not leave (``keep_files``, temporary names excepted).
        """
        stats = UpdateStats(destination=self.destination)
        staged: list[_Staged] = []
        try:
            for job in self._jobs.values():
                try:
                    staged.append(_outcome(job))
                except _Blocked as blocked:
                    assert blocked.item is not None
                    self._blocked.append(blocked.item)
            fresh = self._fresh is not None
            for relative in removed if not fresh else ():
                if _remove(self.root, relative, self.keep_files):
                    stats.removed += 1
            for entry in staged:
                if entry.temp is not None:
                    if not fresh:
                        os.replace(entry.temp, entry.path)
                    stats.written += 1
                else:
                    stats.unchanged += 1
            for item in self._blocked:  # what stood in their way is old site content: replace it now
                parts = split_relative_path(item.relative_path)
                _clear_way(self._fresh or self.root, parts)
                entry = self._stage(item, parts)
                if entry.temp is not None and not fresh:
                    os.replace(entry.temp, entry.path)
                staged.append(entry)  # identity is the staged file's: a rename keeps size and mtime
                stats.written += 1
            for entry in staged:
                stats.identities[entry.relative] = entry.identity
            if expected is not None and not self.created:  # a folder made now holds only ours
                for folder in sweep:
                    stats.removed += _sweep(self.root, folder, expected, self.keep_files)
            if self._fresh is not None:
                os.rename(self._fresh, self.root)  # onto nothing, or an empty folder made meanwhile
                self._fresh = None
        except OSError as error:
            raise PostforgeError(
                f"cannot update the site in {self.destination}: {error.strerror or error}",
                Location(str(self.destination)),
            ) from error
        finally:
            self._pool.shutdown(wait=True)
        return stats

    def abort(self) -> None:
        """Remove what was staged: temporary files, and the folders made for them if empty."""
        if self._fresh is not None:
            self._pool.shutdown(wait=True, cancel=True)
            shutil.rmtree(self._fresh, ignore_errors=True)
            self._fresh = None
            return
        for job in self._jobs.values():
            self._discard(job)
        self._pool.shutdown(wait=True)
        for folder in sorted(self._made, key=len, reverse=True):
            try:
                os.rmdir(folder)
            except OSError:
                continue


def _outcome(job: Job[_Staged] | _Staged) -> _Staged:
    return job if type(job) is _Staged else job.result()  # type: ignore[union-attr]


class FreshWriter:
    """Writes outputs into a new destination's staging folder from a forked render worker.

    The worker writes a unit's files as soon as it rendered them, so the parent neither writes
    them nor waits for its writer threads at the end. Only what cannot collide is written: a file
    is made only where nothing is (``O_EXCL``), a folder only where none is; anything else
    (two outputs for one path, a file where a folder must be, an error) is left to the parent,
    which stages it as usual, replacing what a worker wrote there. The parent also writes again
    every unit whose worker result it does not take."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.made: set[str] = set()

    def write(self, relative_path: str, content: str | bytes) -> tuple[str, tuple[int, int]] | None:
        """Stage one output: its path as written (normalised) and (size, mtime_ns), or None when
        it was not written."""
        try:
            parts = split_relative_path(relative_path)
            directory = self.root
            made = self.made
            for name in parts[:-1]:
                directory = os.path.join(directory, name)
                if directory not in made:
                    try:
                        os.mkdir(directory)
                    except FileExistsError:
                        if not stat.S_ISDIR(os.lstat(directory).st_mode):
                            return None
                    made.add(directory)
            data = content.encode("utf-8") if isinstance(content, str) else content
            handle = os.open(os.path.join(directory, parts[-1]), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                             0o666)  # 0o666 less the umask, as every writer makes files
        except (OSError, PostforgeError):
            return None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            written = os.fstat(handle)
        except OSError:
            os.close(handle)
            _unlink(os.path.join(directory, parts[-1]))
            return None
        os.close(handle)
        relative = "/".join(parts)
        return relative_path if relative == relative_path else relative, (written.st_size, written.st_mtime_ns)


def _create(path: str) -> Any:
    """A new file at ``path`` (a temporary file a killed build left there is replaced)."""
    try:
        return open(path, "xb")
    except FileExistsError:
        os.unlink(path)
        return open(path, "xb")


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _clear_way(root: str, parts: tuple[str, ...]) -> None:
    """Replace a file standing where a folder must be, and a folder standing where the file goes."""
    directory = root
    for name in parts[:-1]:
        directory = os.path.join(directory, name)
        try:
            mode = os.lstat(directory).st_mode
        except FileNotFoundError:
            os.mkdir(directory)
            continue
        if not stat.S_ISDIR(mode):
            os.unlink(directory)
            os.mkdir(directory)
    path = os.path.join(directory, parts[-1])
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)


def _remove(root: str, relative: str, keep_files: list[str]) -> bool:
    """Delete an output that is no longer produced, and the folders it leaves empty."""
    path = os.path.join(root, relative)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(st.st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)
    parts = relative.split("/")[:-1]
    while parts:
        folder = "/".join(parts)
        if is_kept(folder, keep_files):
            break
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:
            break
        parts.pop()
    return True


def update_site(
    destination: Path,
    files: Iterable[OutputFile],
    removed: Iterable[str],
    *,
    keep_files: list[str],
    source: Path,
    expected: set[str] | None = None,
    sweep: Iterable[str] = (),
) -> UpdateStats:
    """Write ``files`` into ``destination`` where they differ; delete the ``removed`` paths."""
    update = Update(destination, source=source, keep_files=keep_files)
    try:
        for item in files:
            update.put(item)
        return update.commit(removed, expected=expected, sweep=sweep)
    except BaseException:
        update.abort()
        raise


def folders_above(paths: Iterable[str]) -> set[str]:
    """Every folder above the given paths."""
    found: set[str] = set()
    for path in paths:
        parts = path.split("/")[:-1]
        while parts:
            folder = "/".join(parts)
            if folder in found:
                break
            found.add(folder)
            parts.pop()
    return found


def _sweep(root: str, folder: str, expected: set[str], keep_files: list[str], folders: set[str] | None = None) -> int:
    """Remove what a full build would not have in ``folder`` (recursively); returns how many."""
    if folders is None:
        folders = folders_above(expected)
    removed = 0
    directory = os.path.join(root, folder) if folder else root
    try:
        entries = list(os.scandir(directory))
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for entry in entries:
        relative = f"{folder}/{entry.name}" if folder else entry.name
        if entry.name.startswith(_TEMP) or (not folder and entry.name.startswith(STAGING_PREFIX)):
            continue
        if is_kept(relative, keep_files):
            continue
        if entry.is_dir(follow_symlinks=False):
            removed += _sweep(root, relative, expected, keep_files, folders)
            if relative not in folders:
                try:
                    os.rmdir(entry.path)
                except OSError:
                    continue
            continue
        if relative not in expected:
            os.unlink(entry.path)
            removed += 1
    return removed


def stat_outputs(destination: Path, identities: dict[str, tuple[int, int]]) -> list[str]:
    """The outputs whose file is missing or is not the one last written (size or mtime differ)."""
    prefix = os.path.realpath(destination).rstrip(os.sep) + os.sep  # (joined by hand: a third of each check)
    differ = []
    for relative, (size, mtime) in identities.items():
        try:
            st = os.stat(prefix + relative)
        except OSError:
            differ.append(relative)
            continue
        if st.st_size != size or st.st_mtime_ns != mtime:
            differ.append(relative)
    return differ
