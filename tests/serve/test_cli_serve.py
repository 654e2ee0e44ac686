"""``postforge serve`` as a user runs it: a real process, real signals, real ports.

Ctrl-C (SIGINT) and ``kill`` (SIGTERM) must stop the server with status 0 and leave no staging
folder behind, even when they land in the middle of a rebuild. Flags map to the configuration
keys ``jekyll serve`` sets (``commands/serve.rb``).
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from postforge.cli import main
from postforge.cli import serve_overrides

from serve_support import BLOG
from serve_support import OutputReader
from serve_support import request
from serve_support import server_port
from serve_support import spawn_serve
from serve_support import wait_until
from serve_support import write_files

BASE_OPTIONS: dict[str, Any] = {
    "source": None, "destination": None, "config": (), "drafts": False, "future": False, "unpublished": False,
    "baseurl": None, "limit_posts": None, "host": None, "port": None, "livereload": False,
    "livereload_port": None, "open_url": False, "watch": None, "skip_initial_build": False,
    "force_polling": False, "disable_disk_cache": False, "strict_front_matter": False,
    "quiet": False, "verbose": False,
}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, {}),
        ({"host": "0.0.0.0", "port": 4001}, {"host": "0.0.0.0", "port": 4001}),
        ({"livereload": True, "livereload_port": 35730}, {"livereload": True, "livereload_port": 35730}),
        ({"watch": False}, {"watch": False}),
        ({"watch": True}, {"watch": True}),
        ({"open_url": True, "skip_initial_build": True}, {"open_url": True, "skip_initial_build": True}),
        ({"force_polling": True}, {"force_polling": True}),
        ({"drafts": True, "future": True, "baseurl": "/blog"}, {"show_drafts": True, "future": True, "baseurl": "/blog"}),
        ({"port": 0}, {"port": 0}),
    ],
)
def test_serve_overrides(given: dict[str, Any], expected: dict[str, Any]) -> None:
    assert serve_overrides({**BASE_OPTIONS, **given}) == expected


def test_serve_is_a_command_with_jekylls_aliases() -> None:
    for name in ("serve", "s", "server"):
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0
        for flag in ("--host", "--port", "--livereload", "--livereload-port", "--open-url", "--no-watch",
                     "--skip-initial-build", "--drafts", "--future", "--baseurl", "--config", "--force-polling"):
            assert flag in result.output


def _leftovers(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if "postforge-tmp" in p.name or "postforge-old" in p.name]


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    source = tmp_path / "blog"
    write_files(source, BLOG)
    return source


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_a_signal_stops_it_cleanly(blog: Path, tmp_path: Path, signum: int) -> None:
    process = spawn_serve(["-P", "0", "-l", "--livereload-port", "0"], cwd=blog)
    reader = OutputReader(process)
    try:
        port = server_port(reader)
        assert request(port, "/").status == 200
        process.send_signal(signum)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert "Shutting down" in reader.text()
    assert "Traceback" not in reader.text()
    assert _leftovers(tmp_path) == []
    assert (blog / "_site" / "index.html").is_file()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_ctrl_c_in_the_middle_of_rebuilds_leaves_no_staging_folder(tmp_path: Path) -> None:
    source = tmp_path / "big"
    files = dict(BLOG)
    for number in range(400):
        files[f"_posts/2023-01-{1 + number % 28:02d}-post-{number}.md"] = f"---\nlayout: default\ntitle: P{number}\n---\nText {number}\n"
    write_files(source, files)
    process = spawn_serve(["-P", "0", "-d", str(tmp_path / "out")], cwd=source)
    reader = OutputReader(process)
    try:
        server_port(reader)
        post = source / "_posts" / "2023-01-01-post-0.md"
        for version in range(3):
            post.write_text(f"---\nlayout: default\ntitle: P0\n---\nVersion {version}\n", encoding="utf-8")
            wait_until(lambda: sum("Regenerating:" in line for line in reader.lines) > version, 15)
        # the third rebuild has just started: interrupt it
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert _leftovers(tmp_path) == []
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_port_in_use_is_an_error_naming_it(blog: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = spawn_serve(["-P", str(port)], cwd=blog)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in output


def test_livereload_port_needs_livereload(blog: Path) -> None:
    process = spawn_serve(["-P", "0", "--livereload-port", "0"], cwd=blog)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "--livereload-port requires the --livereload option." in output


def test_open_url_opens_the_site_in_the_browser(blog: Path, tmp_path: Path) -> None:
    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.py"
    script.write_text(f"import sys\nopen({str(record)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    process = spawn_serve(
        ["-P", "0", "-o", "--no-watch", "--baseurl", "/blog"], cwd=blog, env={"BROWSER": f"{sys.executable} {script} %s"}
    )
    reader = OutputReader(process)
    try:
        port = server_port(reader)
        wait_until(record.exists)
        assert wait_until(lambda: record.read_text(encoding="utf-8")) == f"http://127.0.0.1:{port}/blog/"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


def test_skip_initial_build_serves_what_is_there(blog: Path) -> None:
    (blog / "_site").mkdir()
    (blog / "_site" / "index.html").write_text("<p>an old build</p>", encoding="utf-8")
    process = spawn_serve(["-P", "0", "--skip-initial-build", "--no-watch"], cwd=blog)
    reader = OutputReader(process)
    try:
        port = server_port(reader)
        assert request(port, "/").text == "<p>an old build</p>"
        assert "Auto-regeneration: disabled" in reader.so_far()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


def test_without_watching_a_failing_first_build_is_an_error(blog: Path) -> None:
    (blog / "_posts/2024-01-02-hello.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    process = spawn_serve(["-P", "0", "--no-watch"], cwd=blog)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "_posts/2024-01-02-hello.md:2" in output


def test_incremental_rebuilds_give_a_full_builds_site(blog: Path, tmp_path: Path) -> None:
    """``serve -I``: each rebuild renders only what the change reaches, and the site served is
    byte for byte what a full build of the changed source gives."""
    from postforge.site import build

    for number in range(2, 9):
        (blog / "_posts" / f"2024-01-{number + 1:02d}-post-{number}.md").write_text(
            f"---\nlayout: default\ntitle: Post {number}\n---\nText {number}.\n", encoding="utf-8")
    process = spawn_serve(["-P", "0", "-I", "-d", str(tmp_path / "out")], cwd=blog)
    reader = OutputReader(process)
    try:
        port = server_port(reader)
        post = blog / "_posts" / "2024-01-05-post-4.md"
        post.write_text("---\nlayout: default\ntitle: Renamed four\n---\nText 4, edited.\n", encoding="utf-8")
        wait_until(lambda: "...done" in reader.text(), 20)
        assert "Renamed four" in request(port, "/").text
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)
    build(blog, tmp_path / "full")
    served = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    full = {p.relative_to(tmp_path / "full"): p.read_bytes() for p in (tmp_path / "full").rglob("*") if p.is_file()}
    assert served == full
    assert (blog / ".postforge-cache").is_dir()


def test_an_interrupt_dropped_where_it_landed_still_stops_the_preview(blog: Path) -> None:
    """Python prints and drops an exception raised in its callbacks around ``fork``: a Ctrl-C that
    lands there (a rebuild starting its workers) must still stop the preview."""
    from postforge.serve import Preview
    from postforge.serve import _interrupts_stop

    preview = Preview(blog, overrides={"port": 0, "destination": str(blog / "_site")})
    preview.start()
    try:
        with _interrupts_stop(preview):
            handler = signal.getsignal(signal.SIGINT)
            assert callable(handler)
            try:
                handler(signal.SIGINT, None)  # raised inside such a callback, and dropped there
            except KeyboardInterrupt:
                pass
            outcome: list[str] = []

            def loop() -> None:
                try:
                    preview.run_forever()
                    outcome.append("ran on until closed")
                except KeyboardInterrupt:
                    outcome.append("stopped")

            worker = threading.Thread(target=loop, daemon=True)
            worker.start()
            worker.join(timeout=5)
            assert outcome == ["stopped"]
    finally:
        preview.close()
