"""Serving the built site: which file a URL finds, content types, 404, baseurl, no escape, HTML decorations.

The resolution and content-type tables are what ``jekyll serve`` (4.3.1, WEBrick) answered for
the same tree, except where GitHub Pages differs and the issue asks for GitHub Pages: ``/about``
serves ``about.html`` even when a folder ``about/`` without an index exists (Jekyll redirects to
``/about/``), and no folder is ever listed. Every rule is then checked again through a real
server on a free port with real HTTP requests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.serve.reload import script_tag
from postforge.serve.server import content_type
from postforge.serve.server import error_overlay
from postforge.serve.server import inject_livereload
from postforge.serve.server import inject_overlay
from postforge.serve.server import normalize_baseurl
from postforge.serve.server import resolve
from postforge.serve.server import source_excerpt

from serve_support import request
from serve_support import running

#: the destination every resolution case runs against
TREE = {
    "index.html": "<html><head><title>home</title></head><body>home page</body></html>",
    "about.html": "<html><head><title>about</title></head><body>about page</body></html>",
    "about/other.html": "other page",
    "dir/index.html": "<html><head></head><body>dir index</body></html>",
    "page.xhtml": "<html xmlns='http://www.w3.org/1999/xhtml'><head></head><body>xhtml</body></html>",
    "404.html": "<html><head></head><body>the site's own 404 page</body></html>",
    "café.html": "accented",
    "space name.html": "spaced",
    ".htaccess": "secret config",
    "assets/a.css": "h1{}",
    "assets/a.js": "var a;",
    "assets/a.svg": "<svg/>",
    "assets/a.json": "{}",
    "assets/noext": "bytes",
}

#: request path, baseurl, status, file served (relative to the destination) or redirect target
RESOLVE_CASES = [
    ("/", "", 200, "index.html"),
    ("/index.html", "", 200, "index.html"),
    ("/about", "", 200, "about.html"),
    ("/about.html", "", 200, "about.html"),
    ("/about/other", "", 200, "about/other.html"),
    ("/about/", "", 404, None),
    ("/dir", "", 301, "/dir/"),
    ("/dir/", "", 200, "dir/index.html"),
    ("/dir/index", "", 200, "dir/index.html"),
    ("/dir//index.html", "", 200, "dir/index.html"),
    ("/page", "", 200, "page.xhtml"),
    ("/%61bout.html", "", 200, "about.html"),
    ("/caf%C3%A9", "", 200, "café.html"),
    ("/space%20name.html", "", 200, "space name.html"),
    ("/nope", "", 404, None),
    ("/index.html/", "", 404, None),
    ("/.htaccess", "", 404, None),
    ("/%ff", "", 404, None),
    ("/a%00b", "", 400, None),
    ("/../secret.txt", "", 400, None),
    ("/%2e%2e/secret.txt", "", 400, None),
    ("/dir/..%2f..%2fsecret.txt", "", 400, None),
    ("/link-out", "", 404, None),
    ("/linkdir-out/secret.txt", "", 404, None),
    ("/linkdir-out/", "", 404, None),
    ("/link-in", "", 200, "link-in"),
    ("/blog/about", "/blog", 200, "about.html"),
    ("/blog/", "/blog", 200, "index.html"),
    ("/blog", "/blog", 301, "/blog/"),
    ("/", "/blog", 301, "/blog/"),
    ("/blog/dir", "blog/", 301, "/blog/dir/"),
    ("/about", "/blog", 404, None),
    ("/blogger/about", "/blog", 404, None),
]

#: file name → Content-Type, as ``jekyll serve`` sent them
TYPE_CASES = [
    ("index.html", "text/html; charset=utf-8"),
    ("a.css", "text/css; charset=utf-8"),
    ("a.js", "application/javascript; charset=utf-8"),
    ("a.json", "application/json; charset=utf-8"),
    ("a.map", "application/json; charset=utf-8"),
    ("a.webmanifest", "application/manifest+json; charset=utf-8"),
    ("a.xml", "application/xml"),
    ("a.xhtml", "application/xhtml+xml"),
    ("a.svg", "image/svg+xml"),
    ("a.png", "image/png"),
    ("A.PNG", "image/png"),
    ("a.ico", "image/vnd.microsoft.icon"),
    ("a.woff2", "font/woff2"),
    ("a.txt", "text/plain; charset=utf-8"),
    ("a.md", "text/markdown; charset=utf-8"),
    ("a.yml", "text/yaml; charset=utf-8"),
    ("a.pdf", "application/pdf"),
    ("a.rss", "application/rss+xml"),
    ("a.atom", "application/atom+xml"),
    ("a.wasm", "application/wasm"),
    ("noext", "application/octet-stream"),
]


def make_tree(root: Path, outside: Path) -> None:
    for relative, text in TREE.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text("outside the destination", encoding="utf-8")
    (root.parent / "secret.txt").write_text("beside the destination", encoding="utf-8")
    os.symlink(outside / "secret.txt", root / "link-out")
    os.symlink(outside, root / "linkdir-out")
    os.symlink(root / "about.html", root / "link-in")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("served")
    make_tree(base / "_site", base / "outside")
    return base / "_site"


@pytest.mark.parametrize(("path", "baseurl", "status", "target"), RESOLVE_CASES)
def test_resolve(tree: Path, path: str, baseurl: str, status: int, target: str | None) -> None:
    found = resolve(tree, path, baseurl)
    assert found.status == status
    if status == 200:
        assert found.path == Path(os.path.realpath(tree)) / target
    elif status == 301:
        assert found.location == target
    else:
        assert found.path is None


@pytest.mark.parametrize(("name", "expected"), TYPE_CASES)
def test_content_type(name: str, expected: str) -> None:
    assert content_type(name) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ""), ("", ""), ("/", ""), ("/blog", "/blog"), ("blog/", "/blog"), ("/a/b/", "/a/b")],
)
def test_normalize_baseurl(value: str | None, expected: str) -> None:
    assert normalize_baseurl(value) == expected


S = b"<script>lr</script>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<html><head><title>x</title></head><body>b</body></html>",
         b"<html><head>" + S + b"<title>x</title></head><body>b</body></html>"),
        (b'<HTML><HEAD lang="en"><title>x</title></HEAD></HTML>',
         b'<HTML><HEAD lang="en">' + S + b"<title>x</title></HEAD></HTML>"),
        (b"<header>h</header><body>b</body>", b"<header>h</header><body>b" + S + b"</body>"),
        (b"<head></head><head></head>", b"<head>" + S + b"</head><head></head>"),
        (b"<p>a fragment</p>", b"<p>a fragment</p>" + S),
    ],
)
def test_inject_livereload(body: bytes, expected: bytes) -> None:
    assert inject_livereload(body, S) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<body>a</body>", b"<body>a<o></body>"),
        (b"<body>a</BODY >x</body >", b"<body>a</BODY >x<o></body >"),
        (b"no body", b"no body<o>"),
    ],
)
def test_inject_overlay(body: bytes, expected: bytes) -> None:
    assert inject_overlay(body, b"<o>") == expected


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("a\nb\nc\nd\ne\nf", 3, [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")]),
        ("a\nb\nc", 1, [(1, "a"), (2, "b"), (3, "c")]),
        ("a\nb\nc", 3, [(1, "a"), (2, "b"), (3, "c")]),
        ("a\nb", 9, []),
        ("a", 0, []),
    ],
)
def test_source_excerpt(text: str, line: int, expected: list[tuple[int, str]]) -> None:
    assert source_excerpt(text, line) == expected


def test_error_overlay_names_file_line_and_source(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "p.md").write_text("---\ntitle: [x <b>\n---\nbody\n", encoding="utf-8")
    error = PostforgeError("YAML syntax error", Location("_posts/p.md", 2, 8, "title: [x <b>"))
    overlay = error_overlay(error, tmp_path)
    assert 'id="postforge-error-overlay"' in overlay
    assert "_posts/p.md:2:8: YAML syntax error" in overlay
    assert "_posts/p.md, line 2" in overlay
    assert "title: [x &lt;b&gt;" in overlay  # escaped, never markup
    assert "<b>" not in overlay


# -- through a real server ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """A preview serving a hand-made destination (no build, no watching), LiveReload on."""
    base = tmp_path_factory.mktemp("http")
    make_tree(base / "_site", base / "outside")
    (base / "src").mkdir()
    overrides = {"destination": str(base / "_site"), "skip_initial_build": True, "watch": False, "livereload": True}
    with running(base / "src", **overrides) as preview:
        yield preview


@pytest.fixture(scope="module")
def blog_server(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("http-baseurl")
    make_tree(base / "_site", base / "outside")
    (base / "src").mkdir()
    overrides = {"destination": str(base / "_site"), "skip_initial_build": True, "watch": False, "baseurl": "/blog"}
    with running(base / "src", **overrides) as preview:
        yield preview


@pytest.mark.parametrize(("path", "baseurl", "status", "target"), RESOLVE_CASES)
def test_http_serving_rules(server, blog_server, path: str, baseurl: str, status: int, target: str | None) -> None:
    preview = blog_server if baseurl else server
    response = request(preview.port, path)
    assert response.status == status
    if status == 200:
        expected = (Path(preview.state.destination) / target).read_bytes()
        script = script_tag(preview.livereload_port).encode() if preview.livereload_port else b"-"
        assert response.body.replace(script, b"") == expected
    elif status == 301:
        assert response.headers["location"] == target
    elif status == 404:
        assert "the site's own 404 page" in response.text
        assert response.headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/assets/a.css", "text/css; charset=utf-8"),
        ("/assets/a.js", "application/javascript; charset=utf-8"),
        ("/assets/a.svg", "image/svg+xml"),
        ("/assets/a.json", "application/json; charset=utf-8"),
        ("/assets/noext", "application/octet-stream"),
        ("/page", "application/xhtml+xml"),
    ],
)
def test_http_content_types(server, path: str, expected: str) -> None:
    response = request(server.port, path)
    assert response.status == 200
    assert response.headers["content-type"] == expected
    assert "no-store" in response.headers["cache-control"]
    assert int(response.headers["content-length"]) == len(response.body)


def test_redirect_keeps_the_query(server) -> None:
    response = request(server.port, "/dir?x=1")
    assert (response.status, response.headers["location"]) == (301, "/dir/?x=1")


def test_head_has_the_headers_and_no_body(server) -> None:
    get = request(server.port, "/about")
    head = request(server.port, "/about", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["content-length"] == get.headers["content-length"]


def test_livereload_script_goes_into_html_responses_only(server) -> None:
    script = script_tag(server.livereload_port)
    page = request(server.port, "/about")
    assert page.text.startswith("<html><head>" + script + "<title>about</title>")
    missing = request(server.port, "/nope")
    assert script in missing.text  # the 404 page is HTML too: creating the page reloads it
    for path in ("/assets/a.css", "/assets/a.js", "/page"):
        assert b"livereload" not in request(server.port, path).body
    on_disk = [p.read_bytes() for p in Path(server.state.destination).rglob("*") if p.is_file()]
    assert on_disk and not any(b"livereload" in data for data in on_disk)


def test_default_404_page_when_the_site_has_none(tmp_path: Path) -> None:
    (tmp_path / "_site").mkdir()
    (tmp_path / "src").mkdir()
    overrides = {"destination": str(tmp_path / "_site"), "skip_initial_build": True, "watch": False}
    with running(tmp_path / "src", **overrides) as preview:
        response = request(preview.port, "/anything")
    assert response.status == 404
    assert "404 Not Found" in response.text


def test_binds_to_127_0_0_1_by_default(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    overrides = {"destination": str(tmp_path / "_site"), "skip_initial_build": True, "watch": False}
    with running(tmp_path / "src", **overrides) as preview:
        assert preview.host == "127.0.0.1"
        assert preview.address == f"http://127.0.0.1:{preview.port}/"
        assert preview.config["url"] == f"http://localhost:{preview.port}"
