"""The preview's HTTP side: which file a URL names, its content type, and the HTML decorations.

Serving follows GitHub Pages (and ``jekyll serve``'s servlet): ``/about`` finds ``about.html``,
``/dir`` redirects to ``/dir/``, ``/dir/`` finds ``dir/index.html``, anything missing gets the
site's own ``404.html`` with status 404, and only the part of the URL below ``baseurl`` names a
file. A URL can never reach outside the destination: ``..`` segments are refused (after
percent-decoding, so ``%2e%2e`` too) and the real path of every file served, symlinks resolved,
must lie inside the real destination. Content types are Jekyll's (its ``mime.types``), with
``; charset=utf-8`` where its servlet adds one.

HTML is decorated as it is served, never on disk: the LiveReload script goes in after ``<head>``,
and while the last rebuild is failing an overlay naming the error goes in before ``</body>``.
The handler runs on a tornado IOLoop in a thread of its own (:class:`LoopThread`) so that
rebuilds, which run on the main thread, never block a request.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import fnmatch
import html
import mimetypes
import os
import re
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Callable
from urllib.parse import unquote

from tornado import httpserver
from tornado import ioloop
from tornado import netutil
from tornado import web

from postforge.errors import PostforgeError
from postforge.log import logger

__all__ = [
    "DIRECTORY_INDEX",
    "LoopThread",
    "Resolution",
    "ServeState",
    "bind",
    "content_type",
    "error_overlay",
    "inject_livereload",
    "inject_overlay",
    "normalize_baseurl",
    "resolve",
    "site_application",
    "source_excerpt",
]

#: index files a directory URL finds, in Jekyll's order (``Serve::DIRECTORY_INDEX``)
DIRECTORY_INDEX = ("index.htm", "index.html", "index.rhtml", "index.xht", "index.xhtml", "index.cgi", "index.xml", "index.json")

#: names never served (WEBrick's ``NondisclosureName`` as Jekyll sets it)
_HIDDEN = (".ht*", "~*")

#: extension → type, from Jekyll 4.3's ``mime.types`` (the common web ones; the rest from Python's table)
_TYPES = {
    "html": "text/html", "htm": "text/html", "shtml": "text/html",
    "css": "text/css", "js": "application/javascript", "mjs": "application/javascript",
    "json": "application/json", "map": "application/json", "jsonld": "application/ld+json",
    "geojson": "application/geo+json", "webmanifest": "application/manifest+json",
    "xml": "application/xml", "xsl": "application/xml", "xsd": "application/xml", "rng": "application/xml",
    "xhtml": "application/xhtml+xml", "xht": "application/xhtml+xml",
    "atom": "application/atom+xml", "rss": "application/rss+xml", "gpx": "application/gpx+xml",
    "svg": "image/svg+xml", "svgz": "image/svg+xml", "png": "image/png", "apng": "image/apng",
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "gif": "image/gif",
    "webp": "image/webp", "avif": "image/avif", "bmp": "image/bmp", "tif": "image/tiff",
    "tiff": "image/tiff", "heic": "image/heic", "ico": "image/vnd.microsoft.icon",
    "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    "txt": "text/plain", "text": "text/plain", "log": "text/plain", "conf": "text/plain", "ini": "text/plain",
    "md": "text/markdown", "markdown": "text/markdown", "mkd": "text/x-markdown",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "ics": "text/calendar", "vtt": "text/vtt",
    "yml": "text/yaml", "yaml": "text/yaml", "scss": "text/x-scss", "jsx": "text/jsx",
    "pdf": "application/pdf", "wasm": "application/wasm", "zip": "application/zip",
    "gz": "application/gzip", "tar": "application/x-tar", "epub": "application/epub+zip",
    "mp3": "audio/mp3", "m4a": "audio/mp4", "ogg": "audio/ogg", "oga": "audio/ogg", "opus": "audio/ogg",
    "wav": "audio/wav", "flac": "audio/x-flac", "weba": "audio/webm",
    "mp4": "video/mp4", "m4v": "video/x-m4v", "webm": "video/webm", "ogv": "video/ogg", "mov": "video/quicktime",
}

#: the types Jekyll's servlet gives a charset (``mime_types_charset.json``) beyond ``text/*``
_CHARSET_TYPES = ("application/javascript", "application/json", "application/manifest+json")

_PYTHON_TYPES = mimetypes.MimeTypes(filenames=())

#: Jekyll's servlet headers: a preview must never be served from a cache
_NO_CACHE = "private, max-age=0, proxy-revalidate, no-store, no-cache, must-revalidate"

_HEAD_OPEN = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.IGNORECASE)

_DEFAULT_404 = (
    b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404 Not Found</title></head>\n"
    b"<body><h1>404 Not Found</h1><p>The site has no page at this address.</p></body></html>\n"
)


# -- which file a URL names (pure but for the file system it looks at) -------------------------


@dataclass(frozen=True)
class Resolution:
    """What a request path comes to: a file to send, a redirect, or an error status."""

    status: int
    #: the file to send (200)
    path: Path | None = None
    #: where to go instead (301), an absolute path without the query
    location: str | None = None


def normalize_baseurl(baseurl: Any) -> str:
    """``blog/`` and ``/blog/`` mean ``/blog``; nothing, ``/`` and ``""`` mean the root."""
    text = str(baseurl or "").strip().strip("/")
    return "/" + text if text else ""


def _inside(root_real: str, path: Path) -> bool:
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _file(root_real: str, path: Path) -> bool:
    return path.is_file() and _inside(root_real, path)


def resolve(root: Path, request_path: str, baseurl: str = "") -> Resolution:
    """The file ``request_path`` (as sent, percent-encoded, no query) names below ``root``.

    GitHub Pages' order: the file itself; a directory that has an index redirects to its
    slashed form, whose index is served; then ``NAME.html`` (and ``.xhtml``, as Jekyll looks).
    """
    baseurl = normalize_baseurl(baseurl)
    if baseurl:
        if request_path in ("/", baseurl):
            return Resolution(301, location=baseurl + "/")
        if not request_path.startswith(baseurl + "/"):
            return Resolution(404)
        request_path = request_path[len(baseurl):]
    try:
        decoded = unquote(request_path, errors="strict")
    except UnicodeDecodeError:
        return Resolution(404)
    if "\0" in decoded or not decoded.startswith("/"):
        return Resolution(400)
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if ".." in parts:
        return Resolution(400)
    if any(fnmatch.fnmatchcase(part, pattern) for part in parts for pattern in _HIDDEN):
        return Resolution(404)
    root_real = os.path.realpath(root)
    path = Path(root_real, *parts)
    if decoded.endswith("/"):
        if not path.is_dir() or not _inside(root_real, path):
            return Resolution(404)
        for name in DIRECTORY_INDEX:
            if _file(root_real, path / name):
                return Resolution(200, path / name)
        return Resolution(404)
    if not parts:
        return Resolution(404)
    if _file(root_real, path):
        return Resolution(200, path)
    if path.is_dir() and _inside(root_real, path) and any((path / name).is_file() for name in DIRECTORY_INDEX):
        return Resolution(301, location=baseurl + request_path + "/")
    for ext in (".html", ".xhtml"):
        candidate = path.with_name(path.name + ext)
        if _file(root_real, candidate):
            return Resolution(200, candidate)
    return Resolution(404)


def content_type(name: str, encoding: str = "utf-8") -> str:
    """The Content-Type Jekyll's server gives a file of this name."""
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    kind = (_TYPES.get(ext) or _PYTHON_TYPES.guess_type("x." + ext)[0]) if ext else None
    kind = kind or "application/octet-stream"
    if kind.startswith("text/") or kind in _CHARSET_TYPES:
        return f"{kind}; charset={encoding}"
    return kind


# -- decorating HTML as it is served -------------------------------------------------------------


def inject_livereload(body: bytes, script: bytes) -> bytes:
    """The LiveReload script right after ``<head …>`` (not ``<header>``), else before ``</body>``, else last."""
    match = _HEAD_OPEN.search(body)
    if match is not None:
        return body[: match.end()] + script + body[match.end():]
    return inject_overlay(body, script)


def inject_overlay(body: bytes, overlay: bytes) -> bytes:
    """``overlay`` before the last ``</body>``, or at the end of a page that has none."""
    matches = list(_BODY_CLOSE.finditer(body))
    if not matches:
        return body + overlay
    at = matches[-1].start()
    return body[:at] + overlay + body[at:]


def source_excerpt(text: str, line: int, context: int = 2) -> list[tuple[int, str]]:
    """The lines around 1-based ``line``, numbered: what the overlay shows of the failing file."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return []
    first = max(1, line - context)
    last = min(len(lines), line + context)
    return [(number, lines[number - 1]) for number in range(first, last + 1)]


def _describe(error: BaseException) -> str:
    if isinstance(error, PostforgeError):
        return error.describe()
    return f"{type(error).__name__}: {error}\nThis is a bug in postforge; run again with --trace for the traceback."


def error_overlay(error: BaseException, source: Path) -> str:
    """The overlay a failed rebuild puts on every page: the error as the terminal shows it, and the file around it."""
    parts = [
        '<div id="postforge-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;'
        "overflow:auto;background:rgba(20,20,20,.94);color:#eee;font:14px/1.5 ui-monospace,monospace;"
        'padding:2em">',
        '<h2 style="color:#ff6b6b;margin:0 0 1em;font:bold 18px sans-serif">postforge: the site could not be rebuilt</h2>',
        f'<pre class="postforge-error-message" style="white-space:pre-wrap;margin:0 0 1em">{html.escape(_describe(error))}</pre>',
    ]
    location = getattr(error, "location", None)
    if location is not None and location.path and location.line:
        try:
            text = (source / location.path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        rows = []
        for number, line in source_excerpt(text, location.line):
            mark = "background:#5a1e1e;" if number == location.line else ""
            rows.append(f'<span style="{mark}display:block">{number:>5} | {html.escape(line)}</span>')
        if rows:
            parts.append(
                f'<p style="margin:0">{html.escape(str(location.path))}, line {location.line}</p>'
                f'<pre class="postforge-error-source" style="margin:0;padding:.5em 0;background:#000">{"".join(rows)}</pre>'
            )
    parts.append('<p style="color:#aaa">Fix the file and save: the page reloads by itself.</p></div>')
    return "".join(parts)


# -- the tornado side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ServeState:
    """What the handler serves; replaced whole (never mutated) by the thread that rebuilds."""

    destination: Path
    baseurl: str = ""
    encoding: str = "utf-8"
    #: the LiveReload ``<script>``, or None when LiveReload is off
    script: str | None = None
    #: the error overlay while the last build failed, else None
    overlay: str | None = None


class SiteHandler(web.RequestHandler):
    """Every GET and HEAD on the site's port."""

    def initialize(self, state: Callable[[], ServeState]) -> None:
        self._state = state

    def compute_etag(self) -> None:
        return None

    def get(self, *args: Any) -> None:
        self._respond(include_body=True)

    def head(self, *args: Any) -> None:
        self._respond(include_body=False)

    def _respond(self, include_body: bool) -> None:
        state = self._state()
        found = resolve(state.destination, self.request.path, state.baseurl)
        if found.status == 301:
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(found.location + query, permanent=True)
            return
        body: bytes | None = None
        name = ""
        status = found.status
        if found.path is not None:
            try:
                body = found.path.read_bytes()
                name = found.path.name
            except OSError:  # vanished between resolving and reading: a rebuild swapped it away
                status = 404
        if body is None:
            body, name = self._error_page(state, status)
        kind = content_type(name, state.encoding)
        if kind.startswith("text/html"):
            if state.script:
                body = inject_livereload(body, state.script.encode("utf-8"))
            if state.overlay:
                body = inject_overlay(body, state.overlay.encode("utf-8"))
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", _NO_CACHE)
        self.set_header("Content-Length", str(len(body)))
        if include_body:
            self.write(body)
        self.finish()

    @staticmethod
    def _error_page(state: ServeState, status: int) -> tuple[bytes, str]:
        if status == 404:
            page = resolve(state.destination, state.baseurl + "/404.html", state.baseurl)
            if page.path is not None:
                try:
                    return page.path.read_bytes(), "404.html"
                except OSError:
                    pass
            return _DEFAULT_404, "404.html"
        return b"<!DOCTYPE html>\n<html><body><h1>400 Bad Request</h1></body></html>\n", "400.html"


def _log_request(handler: web.RequestHandler) -> None:
    request = handler.request
    logger.debug("Request:", f"{handler.get_status()} {request.method} {request.uri}")


def site_application(state: Callable[[], ServeState]) -> web.Application:
    """The site's application: one handler for every path; ``state`` is read once per request."""
    return web.Application([(r"/.*", SiteHandler, {"state": state})], log_function=_log_request)


def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for ``host:port`` (port 0: a free one); a port in use is the user's problem."""
    try:
        return netutil.bind_sockets(port, address=host)
    except OSError as error:
        raise PostforgeError(f"cannot listen on {host}:{port}: {error.strerror or error} (choose another with --port)") from error


def bound_port(sockets: list[socket.socket]) -> int:
    """The port the sockets listen on (the one the system chose, for port 0)."""
    return int(sockets[0].getsockname()[1])


class LoopThread:
    """A tornado IOLoop on a daemon thread: the HTTP and LiveReload servers live there.

    Sockets are bound by the caller (so a port in use fails on the caller's thread); every
    tornado object is made on the loop's thread, as tornado requires.
    """

    def __init__(self) -> None:
        self.loop: ioloop.IOLoop | None = None
        self._servers: list[httpserver.HTTPServer] = []
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="postforge-serve", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._ready.wait()

    def _run(self) -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        self.loop = ioloop.IOLoop.current()
        self.loop.add_callback(self._ready.set)
        self.loop.start()
        self.loop.close(all_fds=True)

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run ``function`` on the loop's thread and wait for its result."""
        if self.loop is None:
            raise RuntimeError("the loop thread is not running")
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()

        def run() -> None:
            try:
                future.set_result(function(*args))
            except BaseException as error:  # noqa: BLE001 - handed to the caller
                future.set_exception(error)

        self.loop.add_callback(run)
        return future.result()

    def serve(self, application: web.Application, sockets: list[socket.socket]) -> None:
        def start() -> None:
            server = httpserver.HTTPServer(application)
            server.add_sockets(sockets)
            self._servers.append(server)

        self.call(start)

    def stop(self) -> None:
        """Close the servers and their sockets, stop the loop, and wait for the thread."""
        if self.loop is None or not self._thread.is_alive():
            return

        def close() -> None:
            for server in self._servers:
                server.stop()
            self._servers.clear()

        self.call(close)
        self.loop.add_callback(self.loop.stop)
        self._thread.join(timeout=5)
