"""Live preview latency: from saving a post to the browser showing the new page, with ``postforge serve -l``.

    python benchmarks/serve_bench.py [--repeat 9] [--posts 1000]

Two sites, each copied or generated into a temporary folder (nothing is written into the
repository): the example site at the repository root, and a generated site of ``--posts`` posts
using the bundled ``default`` theme. For each, ``postforge serve -l`` runs as a real process and a
real headless Chromium (Debian's ``chromium``, driven by Playwright, the ``test`` extra) opens a
post. Each round writes new text into the post's Markdown and measures until the page in the
browser contains it (debounce + rebuild + LiveReload message + page load). The medians are
printed, with the server's own rebuild time (its ``...done in`` lines) for comparison.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from postforge.config import load_config
from postforge.site import Site

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
#: what the repository root holds that is not the example site
NOT_THE_SITE = {"src", "tests", "docs", "benchmarks", "_site", "README.md", "pyproject.toml"}
CONNECT_PROBE = "document.addEventListener('LiveReloadConnect', () => { window.__livereloadConnected = true; });"
DONE = re.compile(r"\.\.\.done in ([0-9.]+) seconds")


def copy_example_site(target: Path) -> tuple[Path, str]:
    """The repository's own site (its posts, includes, theme), and its first post."""
    target.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name.startswith(".") or entry.name in NOT_THE_SITE or entry.name.endswith(".egg-info"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, target / entry.name)
    post = sorted((target / "_posts").glob("*.md"))[0]
    return target, str(post.relative_to(target))


def generate_site(target: Path, posts: int) -> tuple[Path, str]:
    """A blog of ``posts`` posts on the bundled default theme; returns it and the post to edit."""
    (target / "_posts").mkdir(parents=True)
    (target / "_config.yml").write_text(
        "title: Generated\ntheme: default\npermalink: /:year/:month/:day/:title.html\ntimezone: UTC\n", encoding="utf-8"
    )
    (target / "index.md").write_text("---\nlayout: home\n---\n", encoding="utf-8")
    for number in range(posts):
        day = f"2020-{1 + number % 12:02d}-{1 + number % 28:02d}"
        body = "\n\n".join(
            f"Paragraph {p} of post {number}, with *emphasis*, `code` and a [link](https://example.com/{p})."
            for p in range(6)
        )
        (target / "_posts" / f"{day}-post-{number}.md").write_text(
            f"---\nlayout: post\ntitle: Post {number}\ntags: [t{number % 7}, t{number % 5}]\n---\n"
            f"## Heading {number}\n\n{body}\n\n- one\n- two\n",
            encoding="utf-8",
        )
    return target, "_posts/2020-01-01-post-0.md"


class Server:
    """``postforge serve -l`` on free ports, its output collected on a thread."""

    def __init__(self, source: Path, destination: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "postforge", "serve", "-P", "0", "-l", "--livereload-port", "0", "-d", str(destination)],
            cwd=source, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.port = int(self._wait_for("Server address:").rsplit(":", 1)[1].split("/")[0])

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def _wait_for(self, text: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if text in line:
                    return line
            if self.process.poll() is not None:
                raise SystemExit("postforge serve stopped:\n" + "\n".join(self.lines))
            time.sleep(0.02)
        raise SystemExit(f"no {text!r} after {timeout} s")

    def rebuild_times(self) -> list[float]:
        return [float(m.group(1)) for line in self.lines if (m := DONE.search(line))]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)


def measure(name: str, source: Path, post: str, post_url: str, repeat: int, browser) -> dict[str, float]:
    destination = source.parent / f"{source.name}-out"
    started = time.perf_counter()
    server = Server(source, destination)
    first_build = time.perf_counter() - started
    latencies: list[float] = []
    try:
        page = browser.new_page()
        page.add_init_script(CONNECT_PROBE)
        page.goto(f"http://127.0.0.1:{server.port}{post_url}")
        original = (source / post).read_text(encoding="utf-8")
        for round_number in range(repeat + 1):
            page.wait_for_function("window.__livereloadConnected === true", timeout=30_000)
            marker = f"Edited in round {round_number} at {time.time_ns()}"
            saved = time.perf_counter()
            (source / post).write_text(original + f"\n{marker}\n", encoding="utf-8")
            page.wait_for_function(f"document.body.innerText.includes({marker!r})", polling=5, timeout=30_000)
            if round_number:  # the first round warms caches up
                latencies.append(time.perf_counter() - saved)
        page.close()
    finally:
        server.stop()
    rebuilds = server.rebuild_times()[1:]
    return {
        "posts": len(list((source / "_posts").glob("*.md"))),
        "start": first_build,
        "latency": statistics.median(latencies),
        "latency_min": min(latencies),
        "latency_max": max(latencies),
        "rebuild": statistics.median(rebuilds) if rebuilds else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="measured saves per site (after one warm-up)")
    parser.add_argument("--posts", type=int, default=1000, help="posts in the generated site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            example, example_post = copy_example_site(Path(folder) / "example")
            generated, generated_post = generate_site(Path(folder) / "generated", args.posts)
            sites = [
                ("example site (repo root)", example, example_post, post_url(example, example_post)),
                (f"generated, {args.posts} posts", generated, generated_post, post_url(generated, generated_post)),
            ]
            print(f"save → browser shows the new page; median of {args.repeat} saves after one warm-up\n")
            print(f"{'site':<28}{'posts':>6}{'serve ready':>13}{'rebuild':>10}{'save→page':>11}{'(min–max)':>16}")
            for name, source, post, url in sites:
                result = measure(name, source, post, url, args.repeat, browser)
                spread = f"{result['latency_min'] * 1000:.0f}–{result['latency_max'] * 1000:.0f} ms"
                print(
                    f"{name:<28}{result['posts']:>6}{result['start']:>11.2f} s{result['rebuild'] * 1000:>7.0f} ms"
                    f"{result['latency'] * 1000:>8.0f} ms{spread:>16}"
                )
        finally:
            browser.close()


def post_url(source: Path, post: str) -> str:
    """The URL the site gives the post at ``post`` (read, not rendered), with the baseurl."""
    config = load_config(source, None, {"source": str(source), "destination": str(source.parent / "unused")})
    site = Site(config)
    content = site.read(site.site_time())
    for doc in content.posts.docs:
        if doc.relative_path == post:
            return (config.get("baseurl") or "").rstrip("/") + doc.url
    raise SystemExit(f"no post {post} in {source}")


if __name__ == "__main__":
    main()
