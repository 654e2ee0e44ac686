"""Which changes trigger a rebuild, and how bursts of them fold into one: real files, real watchdog.

The ignore rules are checked on a table of paths in a real source folder; the debouncer on real
threads and clocks; the watcher by making real changes (an editor's save dance, the build's
writes, editor temporary files) and waiting, with a bound, for the batches it hands out.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from postforge.config import load_config
from postforge.serve.watcher import CONFIG
from postforge.serve.watcher import IGNORED
from postforge.serve.watcher import SITE
from postforge.serve.watcher import ChangeFilter
from postforge.serve.watcher import Debouncer
from postforge.serve.watcher import SourceWatcher
from postforge.serve.watcher import config_candidates
from postforge.serve.watcher import is_editor_temp
from postforge.writing import OutputFile
from postforge.writing import write_site


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("post.md", False),
        ("post.md~", True),
        (".#post.md", True),
        ("#post.md#", True),
        (".post.md.swp", True),
        (".post.md.swo", True),
        (".post.md.swpx", True),
        ("post.swp", False),  # vim's swap files are hidden; a visible one is the writer's
        ("4913", True),
        ("5036", True),
        ("4914", False),
        ("2024", False),
        ("index.html.kate-swp", True),
        (".goutputstream-ABC123", True),
        ("post.md___jb_tmp___", True),
        ("post.md___jb_old___", True),
        ("post.md.crswap", True),
        ("sedAb12Cd", True),
        ("sediment", False),
        (".DS_Store", True),
        ("style.scss", False),
    ],
)
def test_is_editor_temp(name: str, expected: bool) -> None:
    assert is_editor_temp(name) is expected


@pytest.fixture
def site(tmp_path: Path) -> Path:
    source = tmp_path / "site"
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text("exclude: [themes, '*.log', drafts/private]\n", encoding="utf-8")
    return source


CLASSIFY_CASES = [
    ("_posts/2024-01-01-a.md", SITE),
    ("index.md", SITE),
    ("assets/css/style.scss", SITE),
    ("_sass/_base.scss", SITE),
    ("_data/nav.yml", SITE),
    (".htaccess", SITE),  # include: [.htaccess] is Jekyll's default
    ("_config.yml", CONFIG),
    ("_config.toml", CONFIG),
    ("_site", IGNORED),
    ("_site/index.html", IGNORED),
    ("._site.postforge-tmp-abc123/index.html", IGNORED),
    ("._site.postforge-old-abc123", IGNORED),
    (".git/index", IGNORED),
    (".jekyll-cache/Jekyll/x", IGNORED),
    ("_posts/.2024-01-01-a.md.swp", IGNORED),
    ("_posts/2024-01-01-a.md~", IGNORED),
    ("_posts/4913", IGNORED),
    ("node_modules/pkg/index.js", IGNORED),  # Jekyll's default excludes
    ("vendor/bundle/gem.rb", IGNORED),
    ("build.log", IGNORED),
    ("drafts/private/notes.md", IGNORED),
    ("drafts/public.md", SITE),
    ("themes/default/_layouts/post.html", SITE),  # the theme counts though `exclude` names it
    ("themes/default/_layouts/.post.html.swp", IGNORED),
    ("themes/default/.git/HEAD", IGNORED),
    ("", IGNORED),
]


@pytest.mark.parametrize(("relative", "expected"), CLASSIFY_CASES)
def test_classify(site: Path, relative: str, expected: str) -> None:
    config = load_config(site, None, {"source": str(site), "destination": str(site / "_site")})
    change_filter = ChangeFilter.for_config(config, config_candidates(site, None), site / "themes" / "default")
    assert change_filter.classify(str(site / relative) if relative else str(site)) == expected


def test_classify_outside_the_source_and_named_config_files(tmp_path: Path) -> None:
    source = tmp_path / "site"
    source.mkdir()
    named = tmp_path / "conf" / "dev.yml"
    change_filter = ChangeFilter(source, tmp_path / "out", config_files=config_candidates(source, [named]))
    assert change_filter.classify(str(named)) == CONFIG
    assert change_filter.classify(str(source / "_config.yml")) == SITE  # not read: --config names another
    assert change_filter.classify(str(tmp_path / "conf" / "other.yml")) == IGNORED
    assert change_filter.classify(str(tmp_path / "out" / "index.html")) == IGNORED


# -- the debouncer ------------------------------------------------------------------------------


def _put_later(debouncer: Debouncer, paths: list[str], gap: float, delay: float = 0.0) -> threading.Thread:
    def run() -> None:
        time.sleep(delay)
        for path in paths:
            debouncer.put(path)
            time.sleep(gap)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_burst_is_one_batch() -> None:
    debouncer = Debouncer(quiet=0.3, max_wait=3.0)
    _put_later(debouncer, ["a", "b", "a", "c", "b"], gap=0.01)
    assert debouncer.next_batch(timeout=5) == frozenset({"a", "b", "c"})
    assert debouncer.next_batch(timeout=0.2) is None


def test_bursts_apart_are_separate_batches() -> None:
    debouncer = Debouncer(quiet=0.05, max_wait=2.0)
    _put_later(debouncer, ["a"], gap=0.0)
    _put_later(debouncer, ["b"], gap=0.0, delay=0.5)
    assert debouncer.next_batch(timeout=5) == frozenset({"a"})
    assert debouncer.next_batch(timeout=5) == frozenset({"b"})


def test_a_stream_that_never_quiets_is_cut_at_max_wait() -> None:
    debouncer = Debouncer(quiet=0.1, max_wait=0.2)
    writer = _put_later(debouncer, [f"f{i}" for i in range(40)], gap=0.02)
    started = time.monotonic()
    first = debouncer.next_batch(timeout=5)
    waited = time.monotonic() - started
    assert first and len(first) < 40
    assert waited < 0.6
    writer.join()
    rest = set()
    while (batch := debouncer.next_batch(timeout=0.3)) is not None:
        rest |= batch
    assert first | rest == {f"f{i}" for i in range(40)}


def test_timeout_and_close() -> None:
    debouncer = Debouncer(quiet=0.05)
    assert debouncer.next_batch(timeout=0.05) is None
    waiter_result: list[object] = []
    waiter = threading.Thread(target=lambda: waiter_result.append(debouncer.next_batch()), daemon=True)
    waiter.start()
    time.sleep(0.05)
    debouncer.close()
    waiter.join(timeout=2)
    assert waiter_result == [None]


# -- watchdog on real files ---------------------------------------------------------------------


def _collect(debouncer: Debouncer, window: float) -> set[str]:
    """Everything the debouncer hands out until ``window`` seconds pass with nothing."""
    found: set[str] = set()
    while (batch := debouncer.next_batch(timeout=window)) is not None:
        found |= batch
    return found


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
def test_an_editor_save_is_one_change_and_noise_is_ignored(site: Path, polling: bool) -> None:
    post = site / "_posts" / "2024-01-01-a.md"
    post.write_text("---\n---\nv1\n", encoding="utf-8")
    (site / "_site").mkdir()
    config = load_config(site, None, {"source": str(site), "destination": str(site / "_site")})
    debouncer = Debouncer(quiet=0.3 if polling else 0.1, max_wait=3.0)
    watcher = SourceWatcher(
        [site], ChangeFilter.for_config(config, config_candidates(site, None), None), debouncer.put,
        polling=polling, poll_interval=0.1,
    )
    watcher.start()
    try:
        time.sleep(0.2)
        # vim's save: probe file, swap file, backup by rename, write, drop the backup
        probe = site / "_posts" / "4913"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
        swap = site / "_posts" / ".2024-01-01-a.md.swp"
        swap.write_bytes(b"swap")
        os.rename(post, site / "_posts" / "2024-01-01-a.md~")
        post.write_text("---\n---\nv2\n", encoding="utf-8")
        (site / "_posts" / "2024-01-01-a.md~").unlink()
        swap.unlink()
        # what the build and other tools write
        (site / "_site" / "index.html").write_text("built", encoding="utf-8")
        (site / ".jekyll-cache").mkdir()
        (site / ".jekyll-cache" / "x").write_text("cache", encoding="utf-8")
        (site / "build.log").write_text("log", encoding="utf-8")
        first = debouncer.next_batch(timeout=5)
        assert first is not None
        assert first | _collect(debouncer, 0.6 if polling else 0.3) == {str(post)}
    finally:
        watcher.stop()


def test_only_ignored_changes_hand_out_nothing(site: Path) -> None:
    (site / "_site").mkdir()
    config = load_config(site, None, {"source": str(site), "destination": str(site / "_site")})
    debouncer = Debouncer(quiet=0.05)
    watcher = SourceWatcher([site], ChangeFilter.for_config(config, config_candidates(site, None), None), debouncer.put)
    watcher.start()
    try:
        time.sleep(0.1)
        for index in range(20):
            (site / "_site" / f"page{index}.html").write_text("x", encoding="utf-8")
        (site / "_posts" / ".x.md.swp").write_text("x", encoding="utf-8")
        (site / ".git").mkdir()
        (site / ".git" / "index").write_text("x", encoding="utf-8")
        assert debouncer.next_batch(timeout=0.5) is None
    finally:
        watcher.stop()


def test_a_config_file_outside_the_source_is_watched(tmp_path: Path) -> None:
    source = tmp_path / "site"
    source.mkdir()
    named = tmp_path / "conf" / "dev.yml"
    named.parent.mkdir()
    named.write_text("title: a\n", encoding="utf-8")
    debouncer = Debouncer(quiet=0.05)
    change_filter = ChangeFilter(source, tmp_path / "out", config_files=config_candidates(source, [named]))
    watcher = SourceWatcher([source], change_filter, debouncer.put, files=[named])
    watcher.start()
    try:
        time.sleep(0.1)
        named.write_text("title: b\n", encoding="utf-8")
        (tmp_path / "conf" / "unrelated.yml").write_text("x", encoding="utf-8")
        assert debouncer.next_batch(timeout=5) == frozenset({str(named)})
    finally:
        watcher.stop()


def test_the_destination_and_staging_folders_are_never_watched(site: Path) -> None:
    for folder in ("_site/old", ".git/objects", "node_modules/pkg", "themes/default/_layouts", "_posts/2024"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    theme = site / "themes" / "default"
    config = load_config(site, None, {"source": str(site), "destination": str(site / "_site")})
    debouncer = Debouncer(quiet=0.05)
    watcher = SourceWatcher(
        [site, theme], ChangeFilter.for_config(config, config_candidates(site, None), theme), debouncer.put,
        keep_out=[site / "_site"],
    )
    assert watcher.watched == {
        str(site): False,
        str(site / "_posts"): True,
        str(theme): False,
        str(theme / "_layouts"): True,
    }
    watcher.start()
    try:
        time.sleep(0.1)
        # three real builds: staging folder beside _site, swapped in
        for version in range(3):
            files = [OutputFile(f"{d}/index.html", f"v{version}") for d in ("a", "b/c", "d/e/f")]
            write_site(site / "_site", files, keep_files=[], source=site)
        assert debouncer.next_batch(timeout=0.4) is None
        # a folder made later is adopted, and what is written into it counts
        (site / "photos").mkdir()
        time.sleep(0.2)
        (site / "photos" / "cat.jpg").write_bytes(b"jpg")
        (theme / "_layouts" / "post.html").write_text("{{ content }}", encoding="utf-8")
        found = _collect(debouncer, 0.3)
        assert {str(site / "photos" / "cat.jpg"), str(theme / "_layouts" / "post.html")} <= found
        assert watcher.watched.get(str(site / "photos")) is True
    finally:
        watcher.stop()
