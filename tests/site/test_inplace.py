"""The in-place writer of incremental builds: staged while rendering, put in place on commit.

Unchanged bytes keep their file (inode and mtime); changed ones are replaced whole; outputs no
longer produced go, with the folders they empty; strays in swept folders go, ``keep_files``
stay; nothing a reader sees changes before the commit, and an abort leaves the site as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postforge.errors import PostforgeError
from postforge.inplace import Update
from postforge.inplace import stat_outputs
from postforge.inplace import update_site
from postforge.writing import OutputFile
from site_files import tree


def _identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


@pytest.fixture
def new_site(tmp_path: Path) -> tuple[Path, Path]:
    """A source folder, and a destination that does not exist yet."""
    source = tmp_path / "src"
    source.mkdir()
    return source, tmp_path / "_site"


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "src"
    source.mkdir()
    destination = tmp_path / "_site"
    update_site(destination, [
        OutputFile("index.html", "home"),
        OutputFile("a/b/page.html", "page"),
        OutputFile("old/gone.html", "gone"),
    ], [], keep_files=[], source=source)
    return source, destination


def test_only_changed_bytes_are_written(site: tuple[Path, Path]) -> None:
    source, destination = site
    kept = _identity(destination / "index.html")
    stats = update_site(destination, [OutputFile("index.html", "home"), OutputFile("a/b/page.html", "new page"),
                                      OutputFile("c/new.html", "new")], ["old/gone.html"],
                        keep_files=[], source=source)
    assert tree(destination) == {"a/b/page.html": b"new page", "c/new.html": b"new", "index.html": b"home"}
    assert _identity(destination / "index.html") == kept
    assert not (destination / "old").exists()  # the emptied folder went too
    assert (stats.written, stats.unchanged, stats.removed) == (2, 1, 1)
    assert set(stats.identities) == {"index.html", "a/b/page.html", "c/new.html"}


def test_nothing_changes_before_the_commit_and_an_abort_leaves_the_site(site: tuple[Path, Path]) -> None:
    source, destination = site
    before = tree(destination)
    update = Update(destination, source=source, keep_files=[])
    update.put(OutputFile("index.html", "changed"))
    update.put(OutputFile("d/e/f.html", "new"))
    update._pool.shutdown(wait=True)  # every file staged
    assert {k: v for k, v in tree(destination).items() if "/.postforge-new-" not in "/" + k} == before
    update.abort()
    assert tree(destination) == before and not (destination / "d").exists()


def test_sweeping_removes_strays_but_keeps_kept_files(site: tuple[Path, Path]) -> None:
    source, destination = site
    (destination / "a" / "stray.html").write_text("stray", encoding="utf-8")
    (destination / ".git").mkdir()
    (destination / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    expected = {"index.html", "a/b/page.html", "old/gone.html"}
    stats = update_site(destination, [], [], keep_files=[".git"], source=source, expected=expected, sweep=[""])
    assert stats.removed == 1
    assert not (destination / "a" / "stray.html").exists() and (destination / ".git" / "HEAD").exists()


def test_a_file_where_a_folder_must_go_is_replaced_at_the_commit(site: tuple[Path, Path]) -> None:
    source, destination = site
    update_site(destination, [OutputFile("index.html/inner.html", "inner"), OutputFile("a/b", "file now")],
                ["index.html", "a/b/page.html"], keep_files=[], source=source)
    assert tree(destination) == {"a/b": b"file now", "index.html/inner.html": b"inner", "old/gone.html": b"gone"}


def test_a_static_file_keeps_its_mode_and_whole_second_mtime(tmp_path: Path, site: tuple[Path, Path]) -> None:
    source, destination = site
    image = source / "logo.png"
    image.write_bytes(b"\x89PNG")
    os.chmod(image, 0o640)
    os.utime(image, ns=(1_700_000_000_500_000_000, 1_700_000_000_500_000_000))
    update_site(destination, [OutputFile("logo.png", source_path=image)], [], keep_files=[], source=source)
    copied = (destination / "logo.png").stat()
    assert copied.st_mtime_ns == 1_700_000_000_000_000_000 and copied.st_mode & 0o777 == 0o640 & ~_umask()
    before = _identity(destination / "logo.png")
    update_site(destination, [OutputFile("logo.png", source_path=image)], [], keep_files=[], source=source)
    assert _identity(destination / "logo.png") == before


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_paths_outside_the_destination_are_refused(site: tuple[Path, Path]) -> None:
    source, destination = site
    with pytest.raises(PostforgeError):
        update_site(destination, [OutputFile("../escape.html", "x")], [], keep_files=[], source=source)


def test_stat_outputs_finds_missing_and_changed_files(site: tuple[Path, Path]) -> None:
    source, destination = site
    stats = update_site(destination, [OutputFile("index.html", "home"), OutputFile("a/b/page.html", "page")], [],
                        keep_files=[], source=source)
    assert stat_outputs(destination, stats.identities) == []
    (destination / "index.html").write_text("edited by hand", encoding="utf-8")
    (destination / "a" / "b" / "page.html").unlink()
    assert sorted(stat_outputs(destination, stats.identities)) == ["a/b/page.html", "index.html"]


def test_a_new_destination_appears_whole_at_the_commit(tmp_path: Path) -> None:
    source, destination = tmp_path / "src", tmp_path / "out" / "_site"
    source.mkdir()
    image = source / "logo.png"
    image.write_bytes(b"\x89PNG")
    update = Update(destination, source=source, keep_files=[])
    update.put(OutputFile("index.html", "first"))
    update.put(OutputFile("a/b/page.html", "page"))
    update.put(OutputFile("index.html", "second"))  # a later output for the same path wins
    update.put(OutputFile("logo.png", source_path=image))
    update._pool.shutdown(wait=True)  # every file staged
    assert not destination.exists()  # nothing half-built to see before the commit
    stats = update.commit([], expected={"index.html", "a/b/page.html", "logo.png"}, sweep=[""])
    assert tree(destination) == {"a/b/page.html": b"page", "index.html": b"second", "logo.png": b"\x89PNG"}
    assert (stats.written, stats.unchanged, stats.removed) == (3, 0, 0)
    assert stat_outputs(destination, stats.identities) == []
    assert sorted(p.name for p in destination.parent.iterdir()) == ["_site"]  # no staging folder left


def test_an_aborted_new_destination_leaves_nothing(tmp_path: Path, new_site: tuple[Path, Path]) -> None:
    source, destination = new_site
    update = Update(destination, source=source, keep_files=[])
    update.put(OutputFile("a/page.html", "page"))
    update.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]


def test_a_new_destination_made_empty_meanwhile_is_filled(new_site: tuple[Path, Path]) -> None:
    source, destination = new_site
    update = Update(destination, source=source, keep_files=[])
    update.put(OutputFile("index.html", "home"))
    destination.mkdir()
    update.commit([])
    assert tree(destination) == {"index.html": b"home"}


def test_a_new_destination_has_a_new_folders_mode(new_site: tuple[Path, Path]) -> None:
    source, destination = new_site
    update_site(destination, [OutputFile("index.html", "home")], [], keep_files=[], source=source)
    assert destination.stat().st_mode & 0o777 == 0o777 & ~_umask()  # not the temporary folder's 0o700


def _written_by_worker(update: Update, output: OutputFile) -> bool:
    """What a render worker and then the parent do with one output (both in this process here)."""
    writer = update.fresh_writer()
    assert writer is not None
    found = writer.write(output.relative_path, output.content or "")
    if found is None or not update.adopt(output, *found):
        update.put(output)
        return False
    return True


def test_outputs_written_by_workers_are_taken_as_staged(new_site: tuple[Path, Path]) -> None:
    source, destination = new_site
    update = Update(destination, source=source, keep_files=[])
    assert _written_by_worker(update, OutputFile("a/b/one.html", "one"))
    assert _written_by_worker(update, OutputFile("a/two.html", "two"))
    assert _written_by_worker(update, OutputFile("./c//three.html", "three"))  # kept as c/three.html
    update.put(OutputFile("same.html", "earlier, by the parent"))
    update._jobs["same.html"].result()  # type: ignore[union-attr]  # written: the worker finds a file there
    # the path is the parent's already: not taken, put again, and the later output wins
    assert not _written_by_worker(update, OutputFile("same.html", "later"))
    assert _written_by_worker(update, OutputFile("then.html", "by a worker"))
    update.put(OutputFile("then.html", "later, by the parent"))  # replaces what the worker wrote
    stats = update.commit([])
    assert tree(destination) == {"a/b/one.html": b"one", "a/two.html": b"two", "c/three.html": b"three",
                                 "same.html": b"later", "then.html": b"later, by the parent"}
    assert stat_outputs(destination, stats.identities) == []
    assert (destination / "a" / "b").stat().st_mode & 0o777 == 0o777 & ~_umask()
    assert (destination / "a" / "two.html").stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_a_worker_writes_nothing_where_something_stands(tmp_path: Path, new_site: tuple[Path, Path]) -> None:
    source, destination = new_site
    update = Update(destination, source=source, keep_files=[])
    writer = update.fresh_writer()
    assert writer is not None
    assert writer.write("a", "a file") is not None
    assert writer.write("a", "again") is None  # a file is there
    assert writer.write("a/inner.html", "x") is None  # a file where a folder must be
    assert writer.write("b/c.html", "c") is not None
    assert writer.write("b", "x") is None  # a folder where the file would go
    assert writer.write("../out.html", "x") is None  # outside: the parent refuses it with an error
    update.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]


def test_only_a_new_destination_has_a_worker_writer(site: tuple[Path, Path]) -> None:
    source, destination = site
    update = Update(destination, source=source, keep_files=[])
    assert update.fresh_writer() is None and not update.adopt(OutputFile("x.html", "x"), "x.html", (1, 1))
    update.abort()
