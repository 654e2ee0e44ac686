"""The pure pieces of incremental builds, by tables: digests, fingerprint keys, changed files,
the kind of a changed file, the documents worth reading in workers; and the Markdown cache."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from postforge.incremental.markdown import CachedConverter
from postforge.incremental.markdown import MarkdownCache
from postforge.incremental.scan import Places
from postforge.incremental.scan import diff_files
from postforge.model.documents import Document
from postforge.model.documents import Page
from postforge.reading.prefetch import candidates
from postforge.render.converters import MarkdownConverter
from postforge.render.fingerprints import digest
from postforge.render.fingerprints import document_fingerprint
from postforge.render.fingerprints import drop_keys
from postforge.render.fingerprints import page_fingerprint

UTC = dt.timezone.utc
POST = Document("/s/_posts/2024-01-01-a.md", "_posts/2024-01-01-a.md", {"title": "A"}, "body")
OTHER = Document("/s/_posts/2024-01-02-b.md", "_posts/2024-01-02-b.md", {"title": "A"}, "body")


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("text", "text", True),
        ("1", 1, False),
        (1, 1.0, False),
        (True, 1, False),
        (None, "", False),
        ([1, 2], [1, 2], True),
        ([1, 2], [2, 1], False),
        ([1, 2], (1, 2), False),
        ({"a": 1, "b": 2}, {"a": 1, "b": 2}, True),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, False),  # templates see the order (jsonify, for loops)
        ({1, 2, 3}, {3, 2, 1}, True),
        (dt.datetime(2024, 1, 1, tzinfo=UTC), dt.datetime(2024, 1, 1, tzinfo=UTC), True),
        (dt.datetime(2024, 1, 1, 12, tzinfo=UTC), dt.datetime(2024, 1, 1, 13, tzinfo=dt.timezone(dt.timedelta(hours=1))),
         False),  # the same instant, shown differently
        (dt.date(2024, 1, 1), dt.datetime(2024, 1, 1), False),
        ([POST], [POST], True),
        ([POST], [OTHER], False),
        ({"posts": [POST]}, {"posts": [POST]}, True),
    ],
)
def test_digest(left: Any, right: Any, same: bool) -> None:
    assert (digest(left) == digest(right)) is same


def test_a_value_with_no_stable_form_never_digests_the_same() -> None:
    thing = object()
    assert digest([thing]) != digest([thing])


def test_a_value_with_no_stable_form_digests_differently_in_the_next_build() -> None:
    """Two builds making the same calls must not agree on it (the next build would think it unchanged)."""
    script = "from postforge.render.fingerprints import digest; print(digest([object()]))"
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] != runs[1]


def test_document_fingerprint_keys() -> None:
    fingerprint = document_fingerprint(POST)
    assert {"=title", "~url", "~date", "~body", "~excerpt", "~next", "~previous", "~keys"} <= fingerprint.keys()
    changed = Document(POST.source_path, POST.relative_path, {"title": "B"}, "body")
    differ = {key for key, value in document_fingerprint(changed).items() if fingerprint.get(key) != value}
    assert differ == {"=title"}


def test_page_fingerprint_merges_defaults_as_the_drop_does() -> None:
    page = Page("/s/a.md", "a.md", {"layout": "page"}, "text")
    page.defaults = {"layout": "default", "author": "me"}
    fingerprint = page_fingerprint(page)
    assert fingerprint["=layout"] == digest("page") and fingerprint["=author"] == digest("me")


@pytest.mark.parametrize(
    ("rid", "key", "expect"),
    [
        ("d:_posts/a.md", "=title", ("title",)),
        ("d:_posts/a.md", "~url", ("url", "id")),
        ("d:_posts/a.md", "=slug", ("slug", "id")),
        ("d:_posts/a.md", "~converted", ("content", "*str")),
        ("d:_posts/a.md", "~body", ("content", "output", "*str", "excerpt")),
        ("d:_posts/a.md", "~next", ("next",)),
        ("p:about.md|/about/", "~url", ("url", "dir")),
        ("p:about.md|/about/", "=tag", ("tag",)),
        ("s:/logo.png", "~mtime", ("modified_time",)),
        ("d:_posts/a.md", "~write", ("*write",)),
    ],
)
def test_drop_keys(rid: str, key: str, expect: tuple[str, ...]) -> None:
    assert drop_keys(rid, key) == expect


@pytest.mark.parametrize(
    ("old", "new", "expect"),
    [
        ({}, {}, (set(), set(), set())),
        ({"a": (1, 1)}, {"a": (1, 1)}, (set(), set(), set())),
        ({"a": (1, 1)}, {"a": (2, 1)}, (set(), set(), {"a"})),
        ({"a": (1, 1)}, {"a": (1, 2), "b": (1, 1)}, ({"b"}, set(), {"a"})),
        ({"a": (1, 1), "b": (1, 1)}, {"b": (1, 1)}, (set(), {"a"}, set())),
    ],
)
def test_diff_files(old: dict, new: dict, expect: tuple[set, set, set]) -> None:
    changes = diff_files(old, new)
    assert (changes.added, changes.removed, changes.modified) == expect
    assert bool(changes) is any(expect)


PLACES = Places(layouts=("/s/_layouts",), includes=("/s/_includes",), data=("/s/_data", "/t/_data"),
                sass=("/s/_sass",), config=("/s/_config.yml",))


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/s/_layouts/post.html", "layout"),
        ("/s/_includes/nav/top.html", "include"),
        ("/t/_data/x.yml", "data"),
        ("/s/_sass/_base.scss", "sass"),
        ("/s/_partial.scss", "sass"),
        ("/s/_config.yml", "config"),
        ("/s/_posts/2024-01-01-a.md", "other"),
        ("/s/_layoutsx/a.html", "other"),
    ],
)
def test_the_kind_of_a_changed_file(path: str, kind: str) -> None:
    assert PLACES.kind(path) == kind


@pytest.mark.parametrize(
    ("config", "paths", "expect"),
    [
        ({}, ["/s/_posts/2024-01-01-a.md", "/s/_posts/notes.txt", "/s/about.md"], [("_posts/2024-01-01-a.md", "posts", False)]),
        ({}, ["/s/blog/_posts/2024-01-01-a.md"], [("blog/_posts/2024-01-01-a.md", "posts", False)]),
        ({}, ["/s/_drafts/idea.md"], []),
        ({"show_drafts": True}, ["/s/_drafts/idea.md"], [("_drafts/idea.md", "posts", True)]),
        ({"collections": {"cards": {}}}, ["/s/_cards/c.md", "/s/_cardsx/c.md"], [("_cards/c.md", "cards", False)]),
        ({"collections_dir": "my", "collections": {"cards": {}}}, ["/s/my/_cards/c.md"], [("my/_cards/c.md", "cards", False)]),
        ({}, ["/elsewhere/_posts/2024-01-01-a.md"], []),
    ],
)
def test_candidates_for_reading_in_workers(config: dict, paths: list[str], expect: list) -> None:
    assert candidates("/s", config, paths) == expect


def test_candidates_are_in_reading_order(tmp_path: Path) -> None:
    paths = [f"/s/_posts/2024-01-{day:02d}-p.md" for day in (3, 1, 2)]
    assert [key[0] for key in candidates("/s", {}, paths)] == [f"_posts/2024-01-{d:02d}-p.md" for d in (1, 2, 3)]


def test_converted_markdown_is_kept_by_text_and_configuration(tmp_path: Path) -> None:
    folder = tmp_path / "markdown"
    first = MarkdownCache(folder, "settings-a")
    converter = CachedConverter(MarkdownConverter({}), first)
    html = converter.convert("*hello*\n")
    assert html == MarkdownConverter({}).convert("*hello*\n")
    first.flush()
    shards = sorted(p.name for p in folder.iterdir())
    assert len(shards) == 1
    again = MarkdownCache(folder, "settings-a")
    assert again.get(again.key("*hello*\n")) == html
    other = MarkdownCache(folder, "settings-b")  # another configuration never sees them
    assert other.get(other.key("*hello*\n")) is None
    other.put(other.key("x\n"), "<p>x</p>\n")
    other.flush()
    other.compact()  # a build that converted everything keeps only its own shards
    assert sorted(p.name for p in folder.iterdir()) != shards and len(list(folder.iterdir())) == 1
