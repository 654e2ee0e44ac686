"""The LiveReload protocol: the handshake and ``reload`` commands over a real WebSocket, and livereload.js.

The messages are those of the protocol livereload.js 2.x (the ``livereload`` package's copy)
parses: a ``hello`` naming official-7 answers the browser's hello, ``reload`` carries ``path``
and ``liveCSS``; ``jekyll serve`` sends the same.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from tornado import websocket

from postforge.serve.reload import PROTOCOL_7
from postforge.serve.reload import answer
from postforge.serve.reload import livereload_js
from postforge.serve.reload import reload_message
from postforge.serve.reload import script_tag

from serve_support import request
from serve_support import running

HELLO = {"command": "hello", "protocols": [PROTOCOL_7], "serverName": "postforge"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (json.dumps({"command": "hello", "protocols": [PROTOCOL_7]}), HELLO),
        (json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-6"]}), HELLO),
        (json.dumps({"command": "info", "url": "http://localhost:4000/", "plugins": {}}), None),
        (json.dumps(["refresh", {}]), None),
        ("not json", None),
    ],
)
def test_answer(text: str, expected: dict[str, Any] | None) -> None:
    assert answer(text) == expected


@pytest.mark.parametrize(
    ("path", "live_css", "expected"),
    [
        ("/assets/style.css", True, {"command": "reload", "path": "/assets/style.css", "liveCSS": True, "liveImg": True}),
        ("/blog/", False, {"command": "reload", "path": "/blog/", "liveCSS": False, "liveImg": True}),
    ],
)
def test_reload_message(path: str, live_css: bool, expected: dict[str, Any]) -> None:
    assert reload_message(path, live_css) == expected


def test_script_tag_loads_livereload_js_from_the_livereload_port() -> None:
    tag = script_tag(35729)
    assert tag.startswith("<script>") and tag.endswith("</script>")
    # livereload.js finds its own tag by this shape and reads host and port from it
    assert ":35729/livereload.js?snipver=1&port=35729" in tag


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("lr")
    (base / "_site").mkdir()
    overrides = {"destination": str(base / "_site"), "skip_initial_build": True, "livereload": True}
    with running(base, **overrides) as running_preview:
        yield running_preview


async def _handshake_then_receive(port: int, trigger) -> list[dict[str, Any]]:
    connection = await websocket.websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    try:
        connection.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL_7]}))
        hello = json.loads(await asyncio.wait_for(connection.read_message(), 5))
        connection.write_message(json.dumps({"command": "info", "url": "http://x/", "plugins": {}}))
        trigger()
        first = json.loads(await asyncio.wait_for(connection.read_message(), 5))
        return [hello, first]
    finally:
        connection.close()


def test_handshake_then_reload_over_a_real_websocket(preview) -> None:
    def trigger() -> None:
        preview.hub.reload("/assets/style.css", True)

    hello, reload = asyncio.run(_handshake_then_receive(preview.livereload_port, trigger))
    assert hello == HELLO
    assert reload == reload_message("/assets/style.css", True)


def test_livereload_port_serves_the_script_and_nothing_else(preview) -> None:
    script = request(preview.livereload_port, "/livereload.js?snipver=1&port=1")
    assert script.status == 200
    assert script.headers["content-type"].startswith("application/javascript")
    assert script.body == livereload_js()
    assert b"official-7" in script.body
    other = request(preview.livereload_port, "/index.html")
    assert other.status == 400


def test_livereload_js_is_the_packages_own() -> None:
    import livereload

    vendored = Path(livereload.__file__).parent / "vendors" / "livereload.js"
    assert livereload_js() == vendored.read_bytes()
