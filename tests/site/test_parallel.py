"""Rendering across processes gives the same site as one process: byte for byte, on every site.

``-j 2`` forks two workers for the collection documents; ``-j 1`` renders everything in this
process. The example site (the repository, with the triage and glossary plugins) and every
site of the Jekyll comparison suite must come out identical. A site of many posts with the
triage and glossary plugins checks that the workers' results were really used, and sites whose
posts read each other's rendered content check the fall back to rendering in order.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any
from typing import Iterator

import pytest

from postforge import site as site_module
from postforge.config import load_config
from postforge.reading import prefetch as prefetching
from postforge.render.parallel import chunk_ranges
from postforge.render.tracking import Recorder
from postforge.render.tracking import item_id
from postforge.site import Site
from postforge.site import all_documents
from postforge.site import build
from site_files import tree
from site_files import write_site

ROOT = Path(__file__).resolve().parents[2]
COMPAT = ROOT / "tests" / "compat" / "sites"
SITES = [ROOT] + sorted(path for path in COMPAT.glob("*/src"))


@pytest.fixture(autouse=True)
def oracle_environment() -> Iterator[None]:
    """The compat sites are built as the oracle built them: production, UTC."""
    saved = {key: os.environ.get(key) for key in ("JEKYLL_ENV", "TZ")}
    os.environ.update({"JEKYLL_ENV": "production", "TZ": "UTC"})
    time.tzset()
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    time.tzset()


def built(source: Path, destination: Path, jobs: int) -> dict[str, bytes]:
    build(source, destination, overrides={"jobs": jobs})
    return tree(destination)


@pytest.mark.parametrize("source", SITES, ids=lambda path: "example" if path == ROOT else path.parent.name)
def test_one_and_two_jobs_build_the_same_site(source: Path, tmp_path: Path) -> None:
    one = built(source, tmp_path / "one", 1)
    two = built(source, tmp_path / "two", 2)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


@pytest.mark.parametrize("source", SITES, ids=lambda path: "example" if path == ROOT else path.parent.name)
def test_a_first_incremental_build_is_the_same_with_workers_writing(source: Path, tmp_path: Path) -> None:
    """Into a new destination the workers write their units' files themselves (``inplace.FreshWriter``)."""
    built = {}
    for jobs in (1, 2):
        copy = tmp_path / f"src{jobs}"  # the cache goes into the source: a copy of it, each build its own
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("_site", ".postforge-cache", ".git", ".venv"))
        build(copy, tmp_path / f"out{jobs}", overrides={"jobs": jobs, "incremental": True})
        built[jobs] = tree(tmp_path / f"out{jobs}")
    assert sorted(built[1]) == sorted(built[2])
    assert [name for name in built[1] if built[1][name] != built[2][name]] == []


def test_a_first_incremental_build_records_the_same_state_with_workers_writing(tmp_path: Path) -> None:
    """What the parent takes from the files a worker wrote (their paths, the units owning them)
    is what it records when it writes them itself; the build is recorded as in one process."""
    from postforge.incremental import state as store

    files = _posts(12, "Post DAY.\n")
    files["_posts/2024-01-03-p3.md"] = "---\ntitle: P3\npermalink: /same/\n---\nP3\n"
    files["_posts/2024-01-09-p9.md"] = "---\ntitle: P9\npermalink: /same/\n---\nP9\n"
    files["index.html"] = "---\n---\n{% for post in site.posts %}{{ post.url }}{% endfor %}\n"
    recorded = []
    for jobs in (1, 2):
        source = write_site(tmp_path / f"src{jobs}", {"_config.yml": "time: 2024-06-01\n", **files})
        build(source, tmp_path / "out", overrides={"jobs": jobs, "incremental": True})
        shutil.rmtree(tmp_path / "out")
        graph, quick = store.load(source, "graph"), store.load(source, "quick")
        recorded.append(({rid: unit.outputs for rid, unit in graph.units.items()}, graph.output_of, graph.conflicts,
                         {path: size for path, (size, _) in quick.outputs.items()}, sorted(quick.folders), quick.counts))
    assert recorded[1] == recorded[0]
    assert recorded[0][1]["same/index.html"] == "d:_posts/2024-01-09-p9.md"


def test_outputs_that_collide_are_written_as_in_one_process(tmp_path: Path) -> None:
    """Two posts on one URL (the later wins), a page whose file stands where another needs a folder."""
    files = _posts(12, "Post DAY.\n")
    for day in (3, 9):
        files[f"_posts/2024-01-{day:02d}-p{day}.md"] = f"---\ntitle: P{day}\npermalink: /same/\n---\nP{day}\n"
    files["_posts/2024-01-05-p5.md"] = "---\ntitle: P5\npermalink: /folder\n---\nfile\n"
    files["_posts/2024-01-07-p7.md"] = "---\ntitle: P7\npermalink: /folder/inner/\n---\ninner\n"
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\n", **files})
    outputs = []
    for jobs, incremental in ((1, False), (1, True), (2, True)):
        shutil.rmtree(source / ".postforge-cache", ignore_errors=True)
        destination = tmp_path / f"out{jobs}{incremental}"
        build(source, destination, overrides={"jobs": jobs, "incremental": incremental})
        outputs.append(tree(destination))
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]
    assert "P9" in outputs[0]["same/index.html"].decode()


@pytest.mark.parametrize("incremental", [False, True])
def test_a_sass_pages_source_map_is_written_with_workers(incremental: bool, tmp_path: Path) -> None:
    """The map stays on the converter of the process that compiled it: workers leave Sass pages alone."""
    source = write_site(tmp_path / "src", {
        "_config.yml": "time: 2024-06-01\n", "_sass/colors.scss": "$c: red;\n",
        "assets/style.scss": "---\n---\n@import 'colors';\nbody { color: $c; }\n", **_posts(12, "Post DAY.\n"),
    })
    outputs = []
    for jobs in (1, 2):
        shutil.rmtree(source / ".postforge-cache", ignore_errors=True)
        build(source, tmp_path / f"out{jobs}", overrides={"jobs": jobs, "incremental": incremental})
        outputs.append(tree(tmp_path / f"out{jobs}"))
    assert "assets/style.css.map" in outputs[0] and outputs[1] == outputs[0]


@pytest.mark.parametrize("name", ["posts-permalinks", "collections", "drafts-future-unpublished", "front-matter-defaults",
                                  "categories-tags", "excerpts"])
def test_documents_read_by_workers_are_the_documents_read_here(name: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    source = COMPAT / name / "src"
    one = built(source, tmp_path / "one", 1)
    monkeypatch.setattr(prefetching, "MIN_DOCUMENTS", 1)
    monkeypatch.setattr(prefetching, "MIN_JOBS", 2)
    calls = []

    def read_prefetched(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[2])
        return prefetching.read_prefetched(*args, **kwargs)

    monkeypatch.setattr(site_module, "read_prefetched", read_prefetched)
    assert built(source, tmp_path / "two", 2) == one
    assert calls == [2]  # the workers did read them


def test_one_process_reads_on_two_cores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers reading pay only where the parent, which unpickles what they read, has a core of its own."""
    monkeypatch.setattr(prefetching, "MIN_DOCUMENTS", 1)
    monkeypatch.setattr(site_module, "read_prefetched", None)  # calling it fails the build
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\n", **_posts(12, "Post DAY.\n")})
    assert built(source, tmp_path / "two", 2) == built(source, tmp_path / "one", 1)


def _posts(count: int, body: str) -> dict[str, str]:
    return {
        f"_posts/2024-01-{day:02d}-p{day}.md": f"---\ntitle: P{day}\n---\n{body.replace('DAY', str(day))}"
        for day in range(1, count + 1)
    }


def _session(source: Path, jobs: int) -> tuple[Any, Any, list[Any]]:
    config = load_config(source, None, {"source": str(source), "jobs": jobs})
    site = Site(config)
    site_time = site.site_time()
    content = site.read(site_time)
    return site.render_session(content, site_time, recorder=Recorder(), jobs=jobs), content, all_documents(content)


def _failures(source: Path, tmp_path: Path) -> tuple[str, str]:
    """The messages a build of ``source`` fails with in one process and with two workers."""
    messages = []
    for jobs in (1, 2):
        with pytest.raises(Exception) as failure:
            build(source, tmp_path / f"out{jobs}", overrides={"jobs": jobs})
        messages.append(str(failure.value))
    return messages[0], messages[1]


def _render_documents(source: Path, jobs: int) -> tuple[int, int]:
    """(documents taken from workers, documents in all) for a parallel render of ``source``."""
    session, _content, documents = _session(source, jobs)
    session.render_documents(documents)
    return session.from_workers, len(documents)


def _pages_taken(source: Path, jobs: int) -> list[str]:
    """The pages whose worker result was taken in a parallel render of ``source``."""
    session, content, documents = _session(source, jobs)
    session.render_documents(documents, content.pages)
    ahead = dict(session.early)
    session.render_pages(content.pages)
    taken = [page.relative_path for page in content.pages if session.results[item_id(page)] is ahead.get(item_id(page))]
    assert session.pages_from_workers == len(taken)
    return taken


def test_pages_that_read_no_rendered_content_come_from_the_workers(tmp_path: Path) -> None:
    listing = "{% for p in site.posts %}<a href='{{ p.url }}'>{{ p.title }}</a> {{ p.date | date: '%Y' }}{% endfor %}"
    files = {
        "_config.yml": "time: 2024-06-01\n",
        **_posts(12, "Post DAY.\n"),
        "a-list.html": "---\ntitle: List\n---\n" + listing,
        "b-feed.xml": "---\n---\n{% for p in site.posts %}{{ p.content }}{% endfor %}",
        "c-excerpts.html": "---\n---\n{% for p in site.posts %}{{ p.excerpt }}{% endfor %}",
        "d-pages.html": "---\n---\n{% for p in site.pages %}{{ p.title }}{{ p.content | size }};{% endfor %}",
        "e-list.html": "---\n---\n" + listing,
    }
    source = write_site(tmp_path / "src", files)
    assert _pages_taken(source, 2) == ["a-list.html", "c-excerpts.html", "e-list.html"]
    assert built(source, tmp_path / "one", 1) == built(source, tmp_path / "two", 2)


def test_a_failing_page_fails_as_in_one_process(tmp_path: Path) -> None:
    files = {"_config.yml": "time: 2024-06-01\n", **_posts(12, "Post DAY.\n"),
             "bad.html": "---\n---\n{{ site.posts.size | divided_by: 0 }}\n"}
    source = write_site(tmp_path / "src", files)
    one, two = _failures(source, tmp_path)
    assert one == two and "bad.html" in one


def test_worker_results_are_used_with_the_triage_and_glossary_plugins(tmp_path: Path) -> None:
    files = {
        "_config.yml": "theme: default\nplugins: [triage, glossary]\ntime: 2024-06-01\n",
        "notes.md": "---\nlayout: page\ntitle: Notes\n---\npage? answer about Lambda\n",
        **_posts(20, "- why Lambda DAY? because SQS\n- other? EC2 answer\n\nText about S3.\n"),
    }
    source = write_site(tmp_path / "src", files)
    assert _render_documents(source, 2) == (20, 20)
    one = built(source, tmp_path / "one", 1)
    two = built(source, tmp_path / "two", 2)
    assert one == two
    assert b"triage-why-lambda-20" in one["triage.json"] and b"/2024/01/01/p1.html" in one["glossary.json"]


def test_a_post_reading_earlier_posts_content_is_rendered_in_order(tmp_path: Path) -> None:
    reading = "{% for p in site.posts %}[{{ p.title }}:{{ p.content | size }}]{% endfor %}\n"
    files = {"_config.yml": "time: 2024-06-01\n", **_posts(12, "Post DAY body.\n\n" + reading)}
    source = write_site(tmp_path / "src", files)
    taken, total = _render_documents(source, 2)
    assert total == 12 and taken < total
    assert built(source, tmp_path / "one", 1) == built(source, tmp_path / "two", 2)


def test_a_failing_post_fails_as_in_one_process(tmp_path: Path) -> None:
    files = {"_config.yml": "time: 2024-06-01\n", **_posts(12, "Post DAY.\n")}
    files["_posts/2024-01-07-p7.md"] = "---\ntitle: P7\n---\n{{ 1 | divided_by: 0 }}\n"
    source = write_site(tmp_path / "src", files)
    one, two = _failures(source, tmp_path)
    assert one == two and "p7.md" in one


@pytest.mark.parametrize(
    ("count", "jobs", "expect"),
    [
        (0, 2, []),
        (1, 2, [(0, 1)]),
        (5, 1, [(0, 2), (2, 3), (3, 4), (4, 5)]),
        (10, 2, [(0, 2), (2, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10)]),
        (200, 2, [(0, 25), (25, 50), (50, 75), (75, 100), (100, 125), (125, 150), (150, 175), (175, 200)]),
        (1000, 2, [(0, 91), *((start, start + 91) for start in range(91, 910, 91)), (910, 1000)]),
    ],
)
def test_chunk_ranges(count: int, jobs: int, expect: list[tuple[int, int]]) -> None:
    assert chunk_ranges(count, jobs) == list(expect)


@pytest.mark.parametrize(("count", "jobs"), [(1, 1), (7, 3), (96, 2), (97, 2), (10_000, 2), (10_001, 8)])
def test_chunks_cover_everything_once_and_stay_short(count: int, jobs: int) -> None:
    ranges = chunk_ranges(count, jobs)
    assert [index for start, stop in ranges for index in range(start, stop)] == list(range(count))
    assert max(stop - start for start, stop in ranges) <= 96


def test_layouts_compiled_before_the_fork_fail_where_they_are_used(tmp_path: Path) -> None:
    config = "time: 2024-06-01\ndefaults: [{scope: {path: ''}, values: {layout: post}}]\n"
    files = {"_config.yml": config, **_posts(12, "Post DAY.\n"),
             "_layouts/unused.html": "{% if true %}never closed\n",
             "_layouts/post.html": "<p>{{ content }}</p>{% for x in site.posts %}\n"}
    source = write_site(tmp_path / "src", files)
    one, two = _failures(source, tmp_path)
    assert one == two and "_layouts/post.html" in one
    (source / "_layouts" / "post.html").write_text("<p>{{ content }}</p>\n", encoding="utf-8")
    assert built(source, tmp_path / "one", 1) == built(source, tmp_path / "two", 2)  # the unused one is no error
