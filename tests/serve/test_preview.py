"""A whole preview session in process: save → rebuild → served, failures as an overlay, config reloads.

Each test runs a real :class:`Preview` (real build, watchdog, HTTP and LiveReload on free
ports) over a small blog in ``tmp_path``, changes files on disk and waits, with a bound, for
what a browser would get: the served HTML and the LiveReload messages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postforge.serve import css_only
from postforge.serve import reload_targets

from serve_support import BLOG
from serve_support import POST_URL
from serve_support import LiveReloadListener
from serve_support import fetch
from serve_support import request
from serve_support import running
from serve_support import wait_until
from serve_support import write_files

POST = "_posts/2024-01-02-hello.md"
BROKEN = "---\nlayout: default\ntitle: [unclosed\n---\n# Hello\n"


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["_sass/colors.scss"], True),
        (["assets/style.scss", "assets/extra.CSS", "_sass/a.sass"], True),
        (["_sass/colors.scss", "_posts/2024-01-02-hello.md"], False),
        (["_layouts/default.html"], False),
        ([], False),
    ],
)
def test_css_only(paths: list[str], expected: bool) -> None:
    assert css_only(paths) is expected


OUTPUTS = [
    ("index.html", "index.html"),
    ("2024/01/02/hello.html", "_posts/2024-01-02-hello.md"),
    ("assets/style.css", "assets/style.scss"),
    ("assets/style.css.map", "assets/style.scss"),
    ("assets/plain.css", "/assets/plain.css"),
]


@pytest.mark.parametrize(
    ("changed", "baseurl", "live_css", "expected"),
    [
        (["_sass/colors.scss"], "", True, [("/assets/style.css", True), ("/assets/plain.css", True)]),
        (["_sass/colors.scss"], "/blog", True, [("/blog/assets/style.css", True), ("/blog/assets/plain.css", True)]),
        (["_posts/2024-01-02-hello.md"], "", False, [("/2024/01/02/hello.html", False)]),
        (["_layouts/default.html"], "blog", False, [("/blog/", False)]),
        (["assets/style.scss"], "", False, [("/", False)]),  # while failing: reload the page
    ],
)
def test_reload_targets(changed: list[str], baseurl: str, live_css: bool, expected: list[tuple[str, bool]]) -> None:
    assert reload_targets(changed, OUTPUTS, baseurl, live_css=live_css) == expected


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    source = tmp_path / "blog"
    write_files(source, BLOG)
    return source


def _page(preview, path: str = POST_URL) -> str:
    return fetch(f"http://127.0.0.1:{preview.port}{path}")


def test_a_saved_post_is_rebuilt_and_the_browsers_reload(blog: Path) -> None:
    with running(blog, livereload=True) as preview:
        assert "First version" in _page(preview)
        listener = LiveReloadListener(preview.livereload_port)
        try:
            (blog / POST).write_text(BLOG[POST].replace("First version", "Second version"), encoding="utf-8")
            wait_until(lambda: "Second version" in _page(preview))
            [message] = listener.wait_for(1)
            assert message["command"] == "reload"
            assert message["path"] == POST_URL
            assert message["liveCSS"] is False
        finally:
            listener.close()
        assert preview.builds == 2


def test_a_stylesheet_change_swaps_the_css_without_a_page_reload(blog: Path) -> None:
    with running(blog, livereload=True) as preview:
        listener = LiveReloadListener(preview.livereload_port)
        try:
            (blog / "_sass/colors.scss").write_text("$accent: rgb(255, 0, 0);\n", encoding="utf-8")
            wait_until(lambda: "red" in _page(preview, "/assets/style.css") or "#f00" in _page(preview, "/assets/style.css"))
            [message] = listener.wait_for(1)
            assert (message["path"], message["liveCSS"]) == ("/assets/style.css", True)
        finally:
            listener.close()


def test_a_failed_rebuild_keeps_the_last_good_page_and_shows_the_overlay(blog: Path) -> None:
    with running(blog, livereload=True) as preview:
        listener = LiveReloadListener(preview.livereload_port)
        try:
            (blog / POST).write_text(BROKEN, encoding="utf-8")
            page = wait_until(lambda: (text := _page(preview)) and "postforge-error-overlay" in text and text)
            assert "First version" in page  # the last good page, still served
            assert "_posts/2024-01-02-hello.md:3" in page  # file and line
            assert "title: [unclosed" in page  # the source line
            assert "postforge-error-overlay" in _page(preview, "/about")  # on every HTML page
            assert "postforge-error-overlay" not in _page(preview, "/assets/style.css")
            [failed] = listener.wait_for(1)
            assert failed["liveCSS"] is False
            on_disk = (Path(preview.state.destination) / POST_URL.lstrip("/")).read_text(encoding="utf-8")
            assert "overlay" not in on_disk and "First version" in on_disk
            # the fix clears it and reloads
            (blog / POST).write_text(BLOG[POST].replace("First version", "Fixed version"), encoding="utf-8")
            wait_until(lambda: (text := _page(preview)) and "Fixed version" in text and "overlay" not in text)
            fixed = listener.wait_for(2)[1]
            assert (fixed["path"], fixed["liveCSS"]) == (POST_URL, False)
        finally:
            listener.close()


def test_a_css_fix_after_a_failure_reloads_the_whole_page(blog: Path) -> None:
    with running(blog, livereload=True) as preview:
        listener = LiveReloadListener(preview.livereload_port)
        try:
            (blog / "_sass/colors.scss").write_text("$accent: rgb(0, 0, 255;\n", encoding="utf-8")
            wait_until(lambda: "postforge-error-overlay" in _page(preview))
            (blog / "_sass/colors.scss").write_text("$accent: rgb(0, 128, 0);\n", encoding="utf-8")
            wait_until(lambda: "postforge-error-overlay" not in _page(preview))
            messages = listener.wait_for(2)
            assert [m["liveCSS"] for m in messages] == [False, False]
        finally:
            listener.close()


def test_a_config_change_reloads_the_configuration_and_rebuilds_everything(blog: Path) -> None:
    with running(blog) as preview:
        assert "<title>Home</title>" in _page(preview, "/")
        (blog / "_config.yml").write_text("title: Test blog\ntimezone: UTC\nbaseurl: /notes\n", encoding="utf-8")
        wait_until(lambda: request(preview.port, "/notes/").status == 200)
        assert 'href="/notes/assets/style.css"' in _page(preview, "/notes/")
        assert request(preview.port, "/about").status == 404
        assert preview.address.endswith("/notes/")
        # a broken configuration: the overlay, and the old configuration stays in force
        (blog / "_config.yml").write_text("title: [broken\n", encoding="utf-8")
        page = wait_until(lambda: (text := _page(preview, "/notes/")) and "postforge-error-overlay" in text and text)
        assert "_config.yml:1" in page
        assert request(preview.port, "/notes/about").status == 200
        # saving a post meanwhile does not hide the broken configuration
        attempts = preview.attempts
        (blog / POST).write_text(BLOG[POST].replace("First version", "Edited"), encoding="utf-8")
        wait_until(lambda: preview.attempts > attempts and preview.state.overlay)
        assert "_config.yml:1" in preview.state.overlay
        assert "postforge-error-overlay" in _page(preview, "/notes/")
        # fixed: the new configuration and the edited post
        (blog / "_config.yml").write_text("title: Renamed\ntimezone: UTC\nbaseurl: /notes\n", encoding="utf-8")
        page = wait_until(lambda: (text := _page(preview, f"/notes{POST_URL}")) and "Edited" in text and "overlay" not in text and text)
        assert "<title>Hello</title>" in page
        assert preview.config["title"] == "Renamed"


def test_a_failing_first_build_serves_the_overlay_until_fixed(blog: Path) -> None:
    (blog / POST).write_text(BROKEN, encoding="utf-8")
    with running(blog) as preview:
        missing = request(preview.port, "/")
        assert missing.status == 404
        assert "postforge-error-overlay" in missing.text
        (blog / POST).write_text(BLOG[POST], encoding="utf-8")
        wait_until(lambda: (text := _page(preview)) and "First version" in text and "overlay" not in text)


def test_no_watch_serves_without_rebuilding(blog: Path) -> None:
    with running(blog, watch=False) as preview:
        assert preview.watcher is None
        (blog / POST).write_text(BLOG[POST].replace("First version", "Unseen"), encoding="utf-8")
        assert preview.debouncer.next_batch(timeout=0.3) is None
        assert "First version" in _page(preview)
