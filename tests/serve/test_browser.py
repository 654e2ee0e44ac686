"""End to end in a real headless Chromium: what a writer sees while editing, with no action in the browser.

``postforge serve -l`` runs as a real process; Debian's ``chromium`` (installed by ``.ci/run``)
is driven by Playwright, which downloads no browser of its own. The page is opened once; then
only files on disk change: a Sass partial (the stylesheet swaps and the page is not reloaded),
the post's Markdown (the page shows the new text), its front matter broken (the overlay names
the file and line over the last good page) and fixed (the overlay goes, the new text shows).
Every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from serve_support import BLOG
from serve_support import POST_URL
from serve_support import OutputReader
from serve_support import server_port
from serve_support import spawn_serve
from serve_support import write_files

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WAIT_MS = 15_000
POST = "_posts/2024-01-02-hello.md"

#: runs before the page's own scripts on every load: marks when LiveReload has connected
CONNECT_PROBE = "document.addEventListener('LiveReloadConnect', () => { window.__livereloadConnected = true; });"


def _browser_or_skip():
    """Playwright and Debian's Chromium; in CI (``CI`` set) their absence is a failure, not a skip."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return sync_playwright


def test_the_browser_follows_the_writer(tmp_path: Path) -> None:
    sync_playwright = _browser_or_skip()
    source = tmp_path / "blog"
    write_files(source, BLOG)
    process = spawn_serve(["-P", "0", "-l", "--livereload-port", "0", "-d", str(tmp_path / "out")], cwd=source)
    reader = OutputReader(process)
    try:
        port = server_port(reader)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
                args=CHROMIUM_ARGS,
            )
            try:
                page = browser.new_page()
                page.set_default_timeout(WAIT_MS)
                page.add_init_script(CONNECT_PROBE)

                def connected() -> None:
                    page.wait_for_function("window.__livereloadConnected === true", timeout=WAIT_MS)

                page.goto(f"http://127.0.0.1:{port}{POST_URL}")
                assert "First version of the post." in page.inner_text("body")
                connected()

                # a stylesheet change: the new colour applies and the page is the same page
                page.evaluate("window.__samePage = true")
                (source / "_sass/colors.scss").write_text("$accent: rgb(255, 0, 0);\n", encoding="utf-8")
                page.wait_for_function(
                    "getComputedStyle(document.querySelector('h1')).color === 'rgb(255, 0, 0)'", timeout=WAIT_MS
                )
                assert page.evaluate("window.__samePage") is True

                # the Markdown changes: the page shows the new text by itself
                (source / POST).write_text(BLOG[POST].replace("First version", "Second version"), encoding="utf-8")
                page.wait_for_function("document.body.innerText.includes('Second version of the post.')", timeout=WAIT_MS)
                connected()

                # broken front matter: the overlay, over the last good page
                (source / POST).write_text("---\nlayout: default\ntitle: [unclosed\n---\n# Hello\n", encoding="utf-8")
                overlay = page.wait_for_selector("#postforge-error-overlay", state="visible", timeout=WAIT_MS)
                message = overlay.inner_text()
                assert "_posts/2024-01-02-hello.md:3" in message
                assert "title: [unclosed" in message
                assert "Second version of the post." in page.inner_text("body")
                connected()

                # fixed: the overlay goes and the page comes back with the new text
                (source / POST).write_text(BLOG[POST].replace("First version", "Third version"), encoding="utf-8")
                page.wait_for_function(
                    "!document.getElementById('postforge-error-overlay')"
                    " && document.body.innerText.includes('Third version of the post.')",
                    timeout=WAIT_MS,
                )
            finally:
                browser.close()
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    output = reader.text()
    assert "LiveReload: Browser connected" in output
    assert "Error:" in output and "_posts/2024-01-02-hello.md:3" in output
