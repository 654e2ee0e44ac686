"""What the serve tests share: writing sites, running a real preview, real HTTP, bounded waits."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Callable
from typing import Iterator

from tornado import websocket

from postforge.serve import Preview
from postforge.serve.reload import PROTOCOL_7

SRC = Path(__file__).resolve().parents[2] / "src"

#: a small blog: a layout with <head>, a post, a page, a stylesheet from Sass, a 404 page
BLOG = {
    "_config.yml": "title: Test blog\ntimezone: UTC\n",
    "_layouts/default.html": (
        "<!DOCTYPE html>\n<html>\n<head>\n<title>{{ page.title }}</title>\n"
        "<link rel=\"stylesheet\" href=\"{{ '/assets/style.css' | relative_url }}\">\n</head>\n"
        "<body>\n{{ content }}\n</body>\n</html>\n"
    ),
    "_sass/colors.scss": "$accent: rgb(0, 0, 255);\n",
    "assets/style.scss": "---\n---\n@import 'colors';\nh1 { color: $accent; }\n",
    "_posts/2024-01-02-hello.md": "---\nlayout: default\ntitle: Hello\n---\n# Hello\n\nFirst version of the post.\n",
    "about.md": "---\nlayout: default\ntitle: About\n---\nAbout this blog.\n",
    "404.html": "---\nlayout: default\ntitle: Lost\n---\n<p>Nothing here (site 404 page).</p>\n",
    "index.html": "---\nlayout: default\ntitle: Home\n---\n{% for post in site.posts %}<a href=\"{{ post.url | relative_url }}\">{{ post.title }}</a>{% endfor %}\n",
}

POST_URL = "/2024/01/02/hello.html"


def write_files(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def wait_until(predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.02) -> Any:
    """Poll ``predicate`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {predicate}")
        time.sleep(interval)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(port: int, path: str, method: str = "GET", host: str = "127.0.0.1") -> Response:
    """One real HTTP request, the path sent exactly as given (no normalising, no redirects followed)."""
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request(method, path)
        answer = connection.getresponse()
        body = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, body)
    finally:
        connection.close()


def fetch(url: str) -> str:
    """GET with urllib (redirects followed), the body as text; 4xx bodies too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


@contextmanager
def running(source: Path, **overrides: Any) -> Iterator[Preview]:
    """A real preview on free ports, its rebuild loop on a thread, closed afterwards."""
    settings = {"port": 0, "destination": str(source / "_site")}
    if overrides.get("livereload"):
        settings["livereload_port"] = 0
    settings.update(overrides)
    preview = Preview(source, overrides=settings)
    preview.start()
    worker = threading.Thread(target=preview.run_forever, daemon=True)
    worker.start()
    try:
        yield preview
    finally:
        preview.close()
        worker.join(timeout=10)


def spawn_serve(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """``python -m postforge serve ARGS`` as a real process, its output on a pipe."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(SRC) + os.pathsep + environment.get("PYTHONPATH", "")
    environment["PYTHONUNBUFFERED"] = "1"
    environment.update(env or {})
    return subprocess.Popen(
        [sys.executable, "-m", "postforge", "serve", *args],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


class OutputReader:
    """Reads a process's output on a thread, so tests can wait for a line without blocking."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._process = process
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        def find() -> str | None:
            for line in self.lines:
                if text in line:
                    return line
            if self._process.poll() is not None and not self._thread.is_alive():
                raise AssertionError(f"process ended before {text!r}:\n" + "\n".join(self.lines))
            return None

        return wait_until(find, timeout)

    def text(self) -> str:
        """All the output, once the process has ended."""
        self._thread.join(timeout=10)
        return "\n".join(self.lines)

    def so_far(self) -> str:
        return "\n".join(self.lines)


def server_port(reader: OutputReader) -> int:
    """The port from the ``Server address:`` line (the server was started on port 0)."""
    line = reader.wait_for("Server address:")
    return int(line.rsplit(":", 1)[1].split("/")[0])


class LiveReloadListener:
    """A LiveReload client on a thread of its own: does the handshake, then records every message."""

    def __init__(self, port: int) -> None:
        self.messages: list[dict[str, Any]] = []
        self._port = port
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._listen(),), daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise AssertionError("the LiveReload handshake did not complete")

    async def _listen(self) -> None:
        self._connection = await websocket.websocket_connect(f"ws://127.0.0.1:{self._port}/livereload")
        self._connection.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL_7]}))
        hello = json.loads(await self._connection.read_message())
        assert hello["command"] == "hello"
        self._ready.set()
        while (text := await self._connection.read_message()) is not None:
            self.messages.append(json.loads(text))

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        wait_until(lambda: len(self.messages) >= count, timeout)
        return self.messages[:count]

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._connection.close)
        self._thread.join(timeout=5)
