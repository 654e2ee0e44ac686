"""The LiveReload protocol (official-7) that tells browsers to reload: handshake, ``reload``, livereload.js.

A page served with LiveReload on loads ``livereload.js`` from the LiveReload port (35729, as
``jekyll serve``) and opens a WebSocket to ``/livereload`` there. The client speaks first:
``{"command": "hello", "protocols": [...]}``; we answer with our own hello naming official-7,
and from then on send ``{"command": "reload", "path": ..., "liveCSS": ...}``. The client reloads
the page unless ``liveCSS`` is on and ``path`` ends in ``.css``: then it swaps only the matching
stylesheet (every stylesheet when none matches), keeping the page, its scroll and its state.

The browser side is the ``livereload`` package's ``vendors/livereload.js``; the server side is
written here on tornado (which that package brings), because the package's own server class
keeps its clients in class attributes and drives its own polling watcher, which postforge
replaces with watchdog. The script tag is added to HTML by ``server.py`` as it is served.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import livereload
from tornado import ioloop
from tornado import web
from tornado import websocket

from postforge.log import logger

__all__ = [
    "DEFAULT_PORT",
    "PROTOCOL_7",
    "LiveReloadHub",
    "answer",
    "livereload_application",
    "livereload_js",
    "reload_message",
    "script_tag",
]

#: the LiveReload port browser extensions and ``jekyll serve`` use
DEFAULT_PORT = 35729
PROTOCOL_7 = "http://livereload.com/protocols/official-7"
SERVER_NAME = "postforge"


@lru_cache(maxsize=1)
def livereload_js() -> bytes:
    """The client script the ``livereload`` package ships."""
    return (Path(livereload.__file__).parent / "vendors" / "livereload.js").read_bytes()


def script_tag(port: int) -> str:
    """The snippet put into served HTML: loads livereload.js from the LiveReload port of the page's own host.

    The host is taken from the page's address at run time (``localhost`` and ``127.0.0.1`` are
    different origins to a browser); livereload.js reads host and port back from its ``src``.
    """
    return (
        "<script>(function(){var s=document.createElement('script');"
        "s.src=location.protocol+'//'+(location.hostname||'localhost')+"
        f"':{port}/livereload.js?snipver=1&port={port}';"
        "document.head.appendChild(s);})();</script>"
    )


def reload_message(path: str, live_css: bool = True) -> dict[str, Any]:
    """The ``reload`` command for ``path`` (a URL path); ``live_css`` lets a ``.css`` path swap in place."""
    return {"command": "reload", "path": path, "liveCSS": live_css, "liveImg": True}


def answer(text: str) -> dict[str, Any] | None:
    """The reply to one message from a browser: a hello for its hello, nothing for anything else.

    Anything that is not a JSON object with a ``command`` is ignored: the protocol has no
    error message, and a browser that cannot agree on official-7 gives up by itself.
    """
    try:
        message = json.loads(text)
    except ValueError:
        return None
    if not isinstance(message, dict) or message.get("command") != "hello":
        return None
    return {"command": "hello", "protocols": [PROTOCOL_7], "serverName": SERVER_NAME}


class LiveReloadHub:
    """The browsers that completed the handshake; :meth:`reload` may be called from any thread."""

    def __init__(self) -> None:
        self._sockets: set[LiveReloadSocket] = set()
        self._loop: ioloop.IOLoop | None = None

    def attach(self, loop: ioloop.IOLoop) -> None:
        """The loop the sockets live on (messages are sent from it)."""
        self._loop = loop

    @property
    def clients(self) -> int:
        return len(self._sockets)

    def add(self, socket: LiveReloadSocket) -> None:
        if not self._sockets:
            logger.info("LiveReload:", "Browser connected")
        self._sockets.add(socket)

    def discard(self, socket: LiveReloadSocket) -> None:
        self._sockets.discard(socket)

    def reload(self, path: str, live_css: bool = True) -> None:
        """Tell every connected browser to reload ``path``."""
        if self._loop is None:
            return
        text = json.dumps(reload_message(path, live_css))
        logger.debug("LiveReload:", f"Reloading URL {path!r}")
        self._loop.add_callback(self._send, text)

    def _send(self, text: str) -> None:
        for socket in list(self._sockets):
            try:
                socket.write_message(text)
            except websocket.WebSocketClosedError:
                self._sockets.discard(socket)


class LiveReloadSocket(websocket.WebSocketHandler):
    """One browser's connection on ``/livereload``."""

    def initialize(self, hub: LiveReloadHub) -> None:
        self._hub = hub

    def check_origin(self, origin: str) -> bool:
        # Pages come from the site's port (another origin); the socket only ever sends "reload".
        return True

    def on_message(self, message: str | bytes) -> None:
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
        reply = answer(text)
        if reply is not None:
            self.write_message(json.dumps(reply))
            self._hub.add(self)

    def on_close(self) -> None:
        self._hub.discard(self)


class LiveReloadScript(web.RequestHandler):
    """``/livereload.js`` on the LiveReload port."""

    def get(self) -> None:
        self.set_header("Content-Type", "application/javascript; charset=utf-8")
        self.write(livereload_js())


class _OnlyLiveReload(web.RequestHandler):
    def get(self, *args: Any) -> None:
        self.set_status(400)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.write("This port only serves livereload.js over HTTP.\n")


def livereload_application(hub: LiveReloadHub) -> web.Application:
    """The LiveReload port: the WebSocket, the client script, and a 400 for anything else (as Jekyll)."""
    return web.Application(
        [
            (r"/livereload", LiveReloadSocket, {"hub": hub}),
            (r"/livereload\.js", LiveReloadScript),
            (r"/.*", _OnlyLiveReload),
        ],
        log_function=lambda handler: None,
    )
