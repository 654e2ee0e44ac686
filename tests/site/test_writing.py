"""The site writer (``postforge.writing``): swap-in, keep_files, unchanged files, refusals.

Jekyll's behaviour these tests hold us to was observed with Jekyll 4.3.1 (``jekyll build`` on a
real site, see ``test_keep_files_as_jekyll``): ``keep_files`` is a prefix match, the parents of
kept files stay, and a static file is copied with its mode and its source's mtime cut to whole
seconds.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

import pytest

from postforge.errors import PostforgeError
from postforge.log import logger
from postforge.writing import OutputFile
from postforge.writing import check_destination
from postforge.writing import is_kept
from postforge.writing import split_relative_path
from postforge.writing import write_site


def snapshot(root: Path) -> dict[str, tuple]:
    """Everything about a tree a user could notice: kind, bytes or link target, mode, mtime, inode."""
    tree: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = os.lstat(path)
            rel = path.relative_to(root).as_posix()
            if stat.S_ISLNK(st.st_mode):
                tree[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(st.st_mode):
                tree[rel] = ("dir", stat.S_IMODE(st.st_mode), st.st_mtime_ns)
            else:
                tree[rel] = ("file", path.read_bytes(), stat.S_IMODE(st.st_mode), st.st_mtime_ns, st.st_ino)
    return tree


def files_of(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def make_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "src"
    source.mkdir()
    return source, tmp_path / "out" / "_site"


# -- pure helpers --------------------------------------------------------------------------------

SPLIT_CASES = [
    ("index.html", ("index.html",)),
    ("blog/2024/01/post.html", ("blog", "2024", "01", "post.html")),
    ("a//b.html", ("a", "b.html")),
    ("./a/./b.html", ("a", "b.html")),
    ("..hidden/x", ("..hidden", "x")),
    ("a/...", ("a", "...")),
    ("/index.html", "absolute path"),
    ("\\windows", "absolute path"),
    ("../etc/passwd", "'..' in path"),
    ("a/../../x", "'..' in path"),
    ("a/..", "'..' in path"),
    ("", "empty path"),
    (".", "empty path"),
    ("about/", "path names a directory"),
    ("a\0b", "NUL byte in path"),
]


@pytest.mark.parametrize(("relative", "expected"), SPLIT_CASES)
def test_split_relative_path(relative: str, expected: tuple | str) -> None:
    if isinstance(expected, tuple):
        assert split_relative_path(relative) == expected
    else:
        with pytest.raises(PostforgeError, match="outside the destination") as info:
            split_relative_path(relative)
        assert expected in str(info.value)


KEEP_CASES = [
    # Jekyll's keep_file_regex: \A<dest>/(k1|k2), a literal prefix, no boundary
    (".git", [".git", ".svn"], True),
    (".git/objects/ab", [".git", ".svn"], True),
    (".gitignore", [".git", ".svn"], True),
    (".github/workflows/x.yml", [".git", ".svn"], True),  # a prefix, so Jekyll keeps it too
    (".svn", [".git", ".svn"], True),
    ("svn", [".git", ".svn"], False),
    ("keepmex", ["keepme"], True),
    ("assets/k.css", ["assets/k.css"], True),
    ("assets", ["assets/k.css"], False),
    ("assets/o.css", ["assets/k.css"], False),
    ("x.html", [], False),
    ("x.html", [""], True),
    ("a.b", ["a.b"], True),
    ("axb", ["a.b"], False),
]


@pytest.mark.parametrize(("relative", "keep", "expected"), KEEP_CASES)
def test_is_kept(relative: str, keep: list[str], expected: bool) -> None:
    assert is_kept(relative, keep) is expected


def test_output_file_needs_exactly_one_body(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        OutputFile("a.html")
    with pytest.raises(ValueError):
        OutputFile("a.html", content="x", source_path=tmp_path)


@pytest.mark.parametrize(
    ("source", "destination", "refused"),
    [
        ("site", "site", True),
        ("site", ".", True),  # the destination contains the source
        ("site/inner", "site", True),
        ("site", "site/_site", False),
        ("site", "elsewhere/_site", False),
        ("site", "sitex", False),
        ("site", "site/../site", True),
    ],
)
def test_check_destination(tmp_path: Path, source: str, destination: str, refused: bool) -> None:
    (tmp_path / source).mkdir(parents=True)
    if refused:
        with pytest.raises(PostforgeError, match="Destination directory cannot be or contain the Source"):
            check_destination(tmp_path / source, tmp_path / destination)
    else:
        check_destination(tmp_path / source, tmp_path / destination)


def test_check_destination_sees_through_symlinks(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "site")
    with pytest.raises(PostforgeError):
        check_destination(tmp_path / "site", tmp_path / "alias")


# -- writing ---------------------------------------------------------------------------------------


def test_writes_a_new_destination(site: tuple[Path, Path]) -> None:
    source, dest = site
    (source / "logo.png").write_bytes(b"\x89PNG\0\1")
    stats = write_site(
        dest,
        [
            OutputFile("index.html", "<p>héllo</p>\n"),
            OutputFile("blog/2024/post.html", b"bytes\r\n"),
            OutputFile("logo.png", source_path=source / "logo.png"),
        ],
        keep_files=[".git", ".svn"],
        source=source,
    )
    assert files_of(dest) == {
        "blog/2024/post.html": b"bytes\r\n",
        "index.html": "<p>héllo</p>\n".encode(),
        "logo.png": b"\x89PNG\0\1",
    }
    assert (stats.written, stats.unchanged, stats.kept, stats.removed) == (3, 0, 0, 0)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o777 & ~umask
    assert stat.S_IMODE((dest / "index.html").stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in dest.parent.iterdir()) == ["_site"]  # no temporary left


def test_old_files_not_written_again_are_removed(site: tuple[Path, Path]) -> None:
    source, dest = site
    make_tree(dest, {"old.html": "old", "gone/deep.html": "x", "index.html": "before"})
    stats = write_site(dest, [OutputFile("index.html", "after")], keep_files=[], source=source)
    assert files_of(dest) == {"index.html": b"after"}
    assert not (dest / "gone").exists()
    assert (stats.written, stats.removed) == (1, 2)


@pytest.mark.parametrize("in_place", [False, True], ids=["beside", "in-place"])
def test_failure_mid_write_leaves_old_site_identical(site: tuple[Path, Path], in_place: bool) -> None:
    source, dest = site
    make_tree(dest, {"index.html": "old index", "a/b.html": "old b", ".git/HEAD": "ref"})
    (dest / "link").symlink_to("a")
    before = snapshot(dest)

    def outputs() -> Iterator[OutputFile]:
        yield OutputFile("index.html", "new index")
        yield OutputFile("a/b.html", "old b")  # unchanged: linked from the old site
        yield OutputFile("c.html", "new c")
        raise PostforgeError("render failed half-way")

    with pytest.raises(PostforgeError, match="render failed half-way"):
        write_site(dest, outputs(), keep_files=[".git"], source=source, in_place=in_place)
    assert snapshot(dest) == before
    assert sorted(p.name for p in dest.parent.iterdir()) == ["_site"]


@pytest.mark.parametrize("in_place", [False, True], ids=["beside", "in-place"])
def test_write_error_leaves_old_site_identical(site: tuple[Path, Path], in_place: bool) -> None:
    source, dest = site
    make_tree(dest, {"index.html": "old"})
    before = snapshot(dest)
    outputs = [OutputFile("a", "file"), OutputFile("a/b.html", "needs a to be a folder")]
    with pytest.raises(PostforgeError, match="a is also written as a file"):
        write_site(dest, outputs, keep_files=[], source=source, in_place=in_place)
    assert snapshot(dest) == before
    assert sorted(p.name for p in dest.parent.iterdir()) == ["_site"]


def test_in_place_strategy_writes_the_same_site(site: tuple[Path, Path]) -> None:
    source, dest = site
    make_tree(dest, {"old.html": "old", ".git/HEAD": "ref", "same.html": "same"})
    inode = (dest / "same.html").stat().st_ino
    stats = write_site(
        dest,
        [OutputFile("index.html", "new"), OutputFile("same.html", "same")],
        keep_files=[".git"],
        source=source,
        in_place=True,
    )
    assert files_of(dest) == {".git/HEAD": b"ref", "index.html": b"new", "same.html": b"same"}
    assert (dest / "same.html").stat().st_ino == inode
    assert (stats.written, stats.unchanged, stats.kept, stats.removed) == (1, 1, 2, 1)


def test_keep_files_as_jekyll(site: tuple[Path, Path]) -> None:
    # The same site built by Jekyll 4.3.1 (keep_files: [".git", "keepme", "assets/k.css"]) left
    # exactly: .git/, .gitignore, assets/k.css, keepme/a, keepmex, x.txt.
    source, dest = site
    (source / "x.txt").write_text("hi\n")
    make_tree(
        dest,
        {
            ".gitignore": "k",
            "keepme/a": "k",
            "keepmex": "k",
            "old.html": "o",
            "assets/o.css": "o",
            "assets/k.css": "k",
        },
    )
    (dest / ".git").mkdir()
    stats = write_site(
        dest,
        [OutputFile("x.txt", source_path=source / "x.txt")],
        keep_files=[".git", "keepme", "assets/k.css"],
        source=source,
    )
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == [
        ".git",
        ".gitignore",
        "assets",
        "assets/k.css",
        "keepme",
        "keepme/a",
        "keepmex",
        "x.txt",
    ]
    assert stats.removed == 2
    assert stats.kept == 6  # .git, .gitignore, assets/k.css, keepme, keepme/a, keepmex


def test_keep_files_lose_to_what_the_build_writes(site: tuple[Path, Path]) -> None:
    source, dest = site
    make_tree(dest, {"keep.html": "old", "keepdir": "a file where the build needs a folder", "keepers/x": "k"})
    write_site(
        dest,
        [OutputFile("keep.html", "new"), OutputFile("keepdir/index.html", "new dir"), OutputFile("keepers/y", "y")],
        keep_files=["keep"],
        source=source,
    )
    assert files_of(dest) == {
        "keep.html": b"new",
        "keepdir/index.html": b"new dir",
        "keepers/x": b"k",
        "keepers/y": b"y",
    }


def test_kept_symlinks_stay_symlinks(site: tuple[Path, Path], tmp_path: Path) -> None:
    source, dest = site
    outside = tmp_path / "outside"
    outside.mkdir()
    dest.mkdir(parents=True)
    (dest / "shared").symlink_to(outside)
    write_site(dest, [OutputFile("index.html", "x")], keep_files=["shared"], source=source)
    assert os.readlink(dest / "shared") == str(outside)
    assert list(outside.iterdir()) == []


def test_unchanged_files_keep_their_mtime_and_inode(site: tuple[Path, Path]) -> None:
    source, dest = site
    write_site(dest, [OutputFile("same.html", "same"), OutputFile("edit.html", "v1")], keep_files=[], source=source)
    old_time = 1_000_000_000
    for name in ("same.html", "edit.html"):
        os.utime(dest / name, (old_time, old_time))
    same_inode = (dest / "same.html").stat().st_ino
    stats = write_site(dest, [OutputFile("same.html", "same"), OutputFile("edit.html", "v2")], keep_files=[], source=source)
    assert (stats.written, stats.unchanged) == (1, 1)
    assert (dest / "same.html").stat().st_mtime == old_time
    assert (dest / "same.html").stat().st_ino == same_inode
    assert (dest / "edit.html").read_text() == "v2"
    assert (dest / "edit.html").stat().st_mtime > old_time


def test_same_size_different_bytes_is_rewritten(site: tuple[Path, Path]) -> None:
    source, dest = site
    make_tree(dest, {"a.html": "abc"})
    stats = write_site(dest, [OutputFile("a.html", "abd")], keep_files=[], source=source)
    assert (dest / "a.html").read_text() == "abd"
    assert stats.unchanged == 0


def test_static_file_mode_and_mtime_as_jekyll(site: tuple[Path, Path]) -> None:
    # Jekyll 4.3.1 copied a 0755 file touched at 2020-01-02 03:04:05.678 to a 0755 file dated
    # 03:04:05.000: File.utime(mtime.to_i, mtime.to_i, dest).
    source, dest = site
    script = source / "run.sh"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    os.utime(script, ns=(1577934245_678000000, 1577934245_678000000))
    write_site(dest, [OutputFile("run.sh", source_path=script)], keep_files=[], source=source)
    copied = (dest / "run.sh").stat()
    assert copied.st_mtime_ns == 1577934245_000000000
    assert copied.st_atime_ns == 1577934245_000000000
    assert stat.S_IMODE(copied.st_mode) == 0o755 & ~_umask()

    inode = copied.st_ino
    stats = write_site(dest, [OutputFile("run.sh", source_path=script)], keep_files=[], source=source)
    assert (stats.written, stats.unchanged) == (0, 1)
    assert (dest / "run.sh").stat().st_ino == inode

    os.utime(script, (1700000000, 1700000000))  # touched: same bytes, new mtime, as Jekyll would copy
    stats = write_site(dest, [OutputFile("run.sh", source_path=script)], keep_files=[], source=source)
    assert stats.written == 1
    assert (dest / "run.sh").stat().st_mtime == 1700000000


def test_rewriting_a_linked_file_never_writes_through_to_the_old_site(site: tuple[Path, Path]) -> None:
    # A file written twice (a conflict) after being hard-linked from the old site must not be
    # truncated through the link: the old file stays as it was.
    source, dest = site
    make_tree(dest, {"a.html": "same"})
    old_inode = (dest / "a.html").stat().st_ino

    def outputs() -> Iterator[OutputFile]:
        yield OutputFile("a.html", "same", origin="a.md")
        yield OutputFile("a.html", "other", origin="b.md")
        raise PostforgeError("stop")

    with pytest.raises(PostforgeError):
        write_site(dest, outputs(), keep_files=[], source=source)
    assert (dest / "a.html").read_text() == "same"
    assert (dest / "a.html").stat().st_ino == old_inode


def test_conflicts_last_wins_with_jekylls_warning(site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    source, dest = site
    logger.level = "info"
    stats = write_site(
        dest,
        [OutputFile("a.html", "from a", origin="a.md"), OutputFile("a.html", "from b", origin="b.md")],
        keep_files=[],
        source=source,
    )
    assert (dest / "a.html").read_text() == "from b"
    assert stats.conflicts == {"a.html": ["a.md", "b.md"]}
    assert stats.written == 1
    assert capsys.readouterr().err.splitlines() == [
        "          Conflict: The following destination is shared by multiple files.",
        "                    The written file may end up with unexpected contents.",
        f"                    {dest.resolve() / 'a.html'}",
        "                     - a.md",
        "                     - b.md",
        "                    ",
    ]


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/escape.html", "a/../../escape.html"])
def test_refuses_to_write_outside(site: tuple[Path, Path], bad: str) -> None:
    source, dest = site
    make_tree(dest, {"index.html": "old"})
    before = snapshot(dest)
    with pytest.raises(PostforgeError, match="outside the destination"):
        write_site(dest, [OutputFile("ok.html", "x"), OutputFile(bad, "evil")], keep_files=[], source=source)
    assert snapshot(dest) == before
    assert sorted(p.name for p in dest.parent.iterdir()) == ["_site"]
    assert not (dest.parent / "escape.html").exists()


def test_symlink_in_old_site_is_not_written_through(site: tuple[Path, Path], tmp_path: Path) -> None:
    source, dest = site
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "page.html").write_text("outside")
    dest.mkdir(parents=True)
    (dest / "blog").symlink_to(outside)
    for keep in ([], ["blog"]):
        write_site(dest, [OutputFile("blog/page.html", "inside")], keep_files=keep, source=source)
        assert not (dest / "blog").is_symlink()
        assert (dest / "blog" / "page.html").read_text() == "inside"
        assert (outside / "page.html").read_text() == "outside"
        (dest / "blog" / "page.html").unlink()
        (dest / "blog").rmdir()
        (dest / "blog").symlink_to(outside)


@pytest.mark.parametrize("where", ["same", "parent"])
def test_destination_equal_to_or_containing_source_is_refused(tmp_path: Path, where: str) -> None:
    source = tmp_path / "site"
    make_tree(source, {"index.md": "keep me"})
    dest = source if where == "same" else tmp_path
    before = snapshot(tmp_path)
    with pytest.raises(PostforgeError, match="Destination directory cannot be or contain the Source directory"):
        write_site(dest, [OutputFile("index.html", "x")], keep_files=[], source=source)
    assert snapshot(tmp_path) == before


def test_destination_that_is_a_file_is_refused(site: tuple[Path, Path]) -> None:
    source, dest = site
    dest.parent.mkdir(parents=True)
    dest.write_text("not a folder")
    with pytest.raises(PostforgeError, match="is not a directory"):
        write_site(dest, [OutputFile("index.html", "x")], keep_files=[], source=source)
    assert dest.read_text() == "not a folder"


def test_symlinked_destination_stays_a_symlink(site: tuple[Path, Path], tmp_path: Path) -> None:
    source, dest = site
    real = tmp_path / "real_site"
    make_tree(real, {"old.html": "old"})
    dest.parent.mkdir(parents=True)
    dest.symlink_to(real)
    write_site(dest, [OutputFile("index.html", "new")], keep_files=[], source=source)
    assert dest.is_symlink()
    assert files_of(real) == {"index.html": b"new"}


def test_progress_is_called_per_file(site: tuple[Path, Path]) -> None:
    source, dest = site
    seen: list[str] = []
    write_site(
        dest,
        [OutputFile("a.html", "a"), OutputFile("b.html", "b")],
        keep_files=[],
        source=source,
        progress=lambda item: seen.append(item.relative_path),
    )
    assert seen == ["a.html", "b.html"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_swap_without_renameat2(site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # Where the kernel or libc has no renameat2, the old site is renamed away and the new one in.
    import postforge.writing as writing

    monkeypatch.setattr(writing, "_renameat2", lambda: None)
    source, dest = site
    make_tree(dest, {"old.html": "old", ".git/HEAD": "ref"})
    write_site(dest, [OutputFile("index.html", "new")], keep_files=[".git"], source=source)
    assert files_of(dest) == {".git/HEAD": b"ref", "index.html": b"new"}
    assert sorted(p.name for p in dest.parent.iterdir()) == ["_site"]
