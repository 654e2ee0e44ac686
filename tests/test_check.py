"""``postforge check``: sites with known faults are built for real, and each fault is reported at its file and line.

Three kinds of site: one built by ``postforge.site.build`` from a source with planted faults (links,
anchors — triage and glossary ones too —, assets, titles, an unused glossary term); hand-written
HTML folders for the URL rules GitHub Pages applies; and the repository's example site, which
must be clean (with and without a ``baseurl``). The command itself runs in a real subprocess.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from postforge.check import DefinedTerm
from postforge.check import Problem
from postforge.check import check_site
from postforge.check import defined_glossary_terms
from postforge.check import format_problem
from postforge.check import glossary_json_url
from postforge.check import resolve_path
from postforge.cli import main
from postforge.config import load_config
from postforge.site import build

ROOT = Path(__file__).resolve().parent.parent

LAYOUT = """\
<!DOCTYPE html>
<html>
<head>
<title>{{ page.title }}</title>
<link rel="stylesheet" href="{{ '/assets/site.css' | relative_url }}">
</head>
<body>
{{ content }}
</body>
</html>
"""

GLOSSARY_LAYOUT = """\
<!DOCTYPE html>
<html><head><title>Glossary</title></head>
<body><dl>
{% for entry in page.entries %}<dt id="{{ entry.slug }}">{{ entry.term }}</dt>
{% endfor %}</dl></body></html>
"""

INDEX = """\
---
layout: default
title: Home
---
[about](/about/)

[missing page](/nope/)

[bad anchor](/about/#team)

[good anchor](/about/#contact)

[triage ok](/2024/01/02/notes.html#triage-what-is-a-widget)

[triage bad](/2024/01/02/notes.html#triage-what-is-a-gizmo)

[glossary ok](/glossary/#widget)

[glossary bad](/glossary/#doohickey)

![logo](/images/logo.png)

<img alt="" srcset="/images/a.png 1x, /images/b.png 2x">

<script src="/js/missing.js"></script>

[same page](#nowhere)

[external](https://example.org/x) [mail](mailto:someone@example.org) [phone](tel:+100) [top](#top)
"""

GLOSSARY_DATA = """\
# the site's own terms
- term: Widget
  definition: A small part.
- term: Gizmo
  aliases: [gizmos]
  definition: Never mentioned anywhere.
"""

CSS = """\
body { background: url("bg.png"); }
/* url(commented-out.png) is not a reference */
.hero { background-image: url(gone.png); }
"""


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    """The line of the built file where ``needle`` first appears (what the report must point at)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in {path}")


def _found(problems: list[Problem], site: Path) -> set[tuple[str, int, str, str]]:
    return {(p.path.relative_to(site).as_posix(), p.line, p.kind, p.target) for p in problems}


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real build of a site with one of each fault; returns (source, destination)."""
    root = tmp_path_factory.mktemp("faulty")
    source = root / "src"
    _write(source, {
        "_config.yml": "title: Faults\nplugins: [triage, glossary]\nglossary: {builtin: false}\n",
        "_layouts/default.html": LAYOUT,
        "_layouts/glossary.html": GLOSSARY_LAYOUT,
        "_data/glossary.yml": GLOSSARY_DATA,
        "index.md": INDEX,
        "about.md": "---\nlayout: default\ntitle: About\npermalink: /about/\n---\n## Contact\n\nWrite.\n",
        "_posts/2024-01-02-notes.md": "---\nlayout: default\ntitle: Notes\n---\n- What is a widget? A Widget is a small part.\n",
        "untitled.html": "---\n---\n<p>No head at all.</p>\n",
        "empty-title.html": "---\nlayout: default\n---\n<p>The title is empty.</p>\n",
        "assets/site.css": CSS,
        "assets/bg.png": b"\x89PNG\r\n",
        "images/a.png": b"\x89PNG\r\n",
    })
    destination = root / "_site"
    build(source, destination)
    return source, destination


def _faulty_problems(faulty: tuple[Path, Path]) -> list[Problem]:
    source, destination = faulty
    config = load_config(source, None, {"destination": str(destination)})
    return check_site(destination, baseurl="", glossary_terms=defined_glossary_terms(source, config))


def test_each_planted_fault_is_reported_at_its_file_and_line(faulty: tuple[Path, Path]) -> None:
    source, site = faulty
    index = site / "index.html"
    problems = _faulty_problems(faulty)
    expected = {
        ("index.html", _line(index, 'href="/nope/"'), "link", "/nope/"),
        ("index.html", _line(index, 'href="/about/#team"'), "anchor", "/about/#team"),
        ("index.html", _line(index, "#triage-what-is-a-gizmo"), "anchor", "/2024/01/02/notes.html#triage-what-is-a-gizmo"),
        ("index.html", _line(index, "#doohickey"), "anchor", "/glossary/#doohickey"),
        ("index.html", _line(index, "/images/logo.png"), "asset", "/images/logo.png"),
        ("index.html", _line(index, "/images/b.png"), "asset", "/images/b.png"),
        ("index.html", _line(index, "/js/missing.js"), "asset", "/js/missing.js"),
        ("index.html", _line(index, 'href="#nowhere"'), "anchor", "#nowhere"),
        ("assets/site.css", 3, "asset", "gone.png"),
        ("untitled.html", 1, "title", "/untitled.html"),
        ("empty-title.html", 4, "title", "/empty-title.html"),
    }
    found = _found([p for p in problems if p.kind != "glossary"], site)
    assert found == expected
    unused = [p for p in problems if p.kind == "glossary"]
    assert unused == [Problem(source / "_data" / "glossary.yml", 4, "glossary", "glossary term 'Gizmo' is never used", "gizmo")]


def test_messages_say_what_is_wrong(faulty: tuple[Path, Path]) -> None:
    _source, site = faulty
    messages = {p.target: p.message for p in _faulty_problems(faulty)}
    assert messages["/nope/"] == "broken link"
    assert messages["/about/#team"] == "missing anchor #team on about/index.html"
    assert messages["#nowhere"] == "missing anchor #nowhere on this page"
    assert messages["/images/logo.png"] == "missing image"
    assert messages["/js/missing.js"] == "missing script"
    assert messages["/untitled.html"] == "page has no <title>"
    assert messages["/empty-title.html"] == "page has an empty <title>"
    line = _line(site / "index.html", "/nope/")
    problem = next(p for p in _faulty_problems(faulty) if p.target == "/nope/")
    assert format_problem(problem, site.parent) == f"_site/index.html:{line}: broken link (/nope/)"


def test_the_command_reports_the_faults_and_exits_1(faulty: tuple[Path, Path]) -> None:
    source, site = faulty
    result = subprocess.run(
        [sys.executable, "-m", "postforge", "check", "-s", "src", "-d", "_site"],
        cwd=source.parent, capture_output=True, text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if re.match(r"\S+:\d+: ", line)]  # info lines share stdout
    assert f"_site/index.html:{_line(site / 'index.html', '/nope/')}: broken link (/nope/)" in lines
    assert "src/_data/glossary.yml:4: glossary term 'Gizmo' is never used (gizmo)" in lines
    assert "_site/assets/site.css:3: missing asset (gone.png)" in lines
    assert len(lines) == 12
    assert "12 problems found." in result.stdout + result.stderr
    quiet = subprocess.run(
        [sys.executable, "-m", "postforge", "check", "-q", "-s", "src", "-d", "_site"],
        cwd=source.parent, capture_output=True, text=True, timeout=60,
    )
    assert quiet.returncode == 1
    assert quiet.stdout.splitlines() == lines
    assert "problems found" not in quiet.stdout + quiet.stderr


# -- hand-written sites: GitHub Pages' URL rules ----------------------------------------------------


def page(body: str, title: str = "T") -> str:
    return f"<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body>\n{body}\n</body></html>\n"


def test_urls_resolve_as_github_pages_serves_them() -> None:
    files = {"index.html", "about.html", "docs/index.html", "docs/guide.html", "files/my file.pdf", "feed.xml"}
    assert resolve_path(files, "/") == "index.html"
    assert resolve_path(files, "/about") == "about.html"
    assert resolve_path(files, "/about.html") == "about.html"
    assert resolve_path(files, "/about/") is None  # no about/index.html
    assert resolve_path(files, "/docs/") == "docs/index.html"
    assert resolve_path(files, "/docs") == "docs/index.html"  # GitHub Pages redirects to /docs/
    assert resolve_path(files, "/docs/guide") == "docs/guide.html"
    assert resolve_path(files, "/files/my file.pdf") == "files/my file.pdf"
    assert resolve_path(files, "/feed.xml") == "feed.xml"
    assert resolve_path(files, "/Feed.xml") is None  # case-sensitive, as Pages is
    assert resolve_path(files, "/../index.html") is None


def test_relative_encoded_and_query_links_resolve(tmp_path: Path) -> None:
    _write(tmp_path, {
        "index.html": page('<a href="docs/">d</a> <a href="docs">d</a> <a href="about?x=1#team">a</a>\n'
                          '<a href="files/my%20file.pdf">f</a> <a href="files/my file.pdf#page=2">f</a>'),
        "about.html": page('<h2 id="team">Team</h2> <a name="legacy"></a> <a href="./">home</a>'),
        "docs/index.html": page('<a href="../about.html#legacy">a</a> <a href="guide">g</a> <a href="../../../about">up</a>'),
        "docs/guide.html": page('<a href="/about#team">a</a> <a href="#">top</a> <a href="#TOP">top</a> <a href="">self</a>'),
        "files/my file.pdf": b"%PDF-1.4\n",
    })
    assert check_site(tmp_path) == []


def test_baseurl_is_honoured(tmp_path: Path) -> None:
    _write(tmp_path, {
        "index.html": page('<a href="/blog/about/">ok</a>\n<a href="/about/">forgot relative_url</a>\n'
                          '<img src="/logo.png" alt="">\n<a href="../../outside">up</a>'),
        "about/index.html": page("about"),
        "logo.png": b"\x89PNG\r\n",
    })
    problems = check_site(tmp_path, baseurl="/blog/")
    assert _found(problems, tmp_path) == {
        ("index.html", 5, "link", "/about/"),
        ("index.html", 6, "asset", "/logo.png"),
        ("index.html", 7, "link", "../../outside"),  # /outside, from /blog/index.html
    }
    assert {p.message for p in problems} == {"link outside the site's baseurl /blog", "image outside the site's baseurl /blog"}
    assert _found(check_site(tmp_path, baseurl=""), tmp_path) == {
        ("index.html", 4, "link", "/blog/about/"),
        ("index.html", 7, "link", "../../outside"),  # above the root, a browser stays at /
    }


def test_links_to_the_sites_own_host_are_checked_and_other_hosts_are_not(tmp_path: Path) -> None:
    _write(tmp_path, {
        "index.html": page(
            '<link rel="canonical" href="https://example.com/gone.html">\n'
            '<a href="https://example.com/">home</a> <a href="//example.com/index.html">home</a>\n'
            '<a href="https://other.example/gone.html">x</a> <a href="mailto:a@example.com">m</a>\n'
            '<a href="tel:+1">t</a> <a href="javascript:void(0)">j</a> <img src="data:image/png;base64,AA" alt="">\n'
            '<link rel="preconnect" href="https://fonts.example"> <link rel="dns-prefetch" href="//cdn.example">'
        ),
    })
    problems = check_site(tmp_path, url="https://example.com")
    assert _found(problems, tmp_path) == {("index.html", 4, "link", "https://example.com/gone.html")}
    assert check_site(tmp_path) == []  # without the site's url, every absolute link is another host's


def test_every_kind_of_asset_reference(tmp_path: Path) -> None:
    body = """<link rel="stylesheet" href="/css/gone.css">
<link rel="icon" href="/favicon.ico">
<link rel="manifest" href="/site.webmanifest">
<script src="/js/here.js"></script>
<img
  alt="multi-line tag"
  src="/img/gone.png">
<picture><source srcset="/img/here.webp 1x,/img/gone.webp 2x" type="image/webp"></picture>
<video src="/media/gone.mp4" poster="/img/here.webp"></video>
<svg><use href="/icons.svg#x"></use><title>an svg title is not the page's</title></svg>
<p style="background: url('/img/gone-bg.png')">styled</p>
<style>
.a { background: url(/img/here.webp); }
.b { background: url(/img/gone-style.png); }
.c { fill: url(#gradient); }
</style>
<meta http-equiv="refresh" content="0; url=/moved/">"""
    _write(tmp_path, {
        "index.html": page(body),
        "js/here.js": "",
        "img/here.webp": b"RIFF",
        "icons.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "main.css": "/*# sourceMappingURL=main.css.map */\n@import 'gone-import.css';\n",
    })
    found = _found(check_site(tmp_path), tmp_path)
    assert found == {
        ("index.html", 4, "asset", "/css/gone.css"),
        ("index.html", 5, "asset", "/favicon.ico"),
        ("index.html", 6, "asset", "/site.webmanifest"),
        ("index.html", 10, "asset", "/img/gone.png"),  # the line of src=, not of <img
        ("index.html", 11, "asset", "/img/gone.webp"),
        ("index.html", 12, "asset", "/media/gone.mp4"),
        ("index.html", 14, "asset", "/img/gone-bg.png"),
        ("index.html", 17, "asset", "/img/gone-style.png"),
        ("index.html", 20, "link", "/moved/"),
        ("main.css", 1, "asset", "main.css.map"),
        ("main.css", 2, "asset", "gone-import.css"),
    }


def test_titles_only_count_in_the_document(tmp_path: Path) -> None:
    _write(tmp_path, {
        "a.html": "<!DOCTYPE html>\n<html><head>\n</head><body><svg><title>icon</title></svg></body></html>\n",
        "b.html": page("x", title="  "),
        "c.html": page("x", title="&amp;"),
    })
    assert _found(check_site(tmp_path), tmp_path) == {("a.html", 1, "title", "/a.html"), ("b.html", 2, "title", "/b.html")}


def test_anchors_across_pages_decode_percent_escapes(tmp_path: Path) -> None:
    _write(tmp_path, {
        "a.html": page('<a href="b.html#caf%C3%A9">ok</a>\n<a href="b.html#menu">gone</a>\n<a href="b#café">ok</a>'),
        "b.html": page('<h2 id="café">Café</h2>'),
    })
    problems = check_site(tmp_path)
    assert [(p.line, p.message) for p in problems] == [(5, "missing anchor #menu on b.html")]


# -- the glossary's data ---------------------------------------------------------------------------


def test_defined_terms_are_located_in_yaml_json_and_mapping_forms(tmp_path: Path) -> None:
    _write(tmp_path / "yml", {"_data/glossary.yml": GLOSSARY_DATA})
    _write(tmp_path / "json", {"_data/glossary.json": '[\n  {"term": "Widget"},\n  {"term": "Gizmo", "aliases": ["gizmos"]}\n]\n'})
    _write(tmp_path / "map", {"_data/glossary.yml": "Widget: A small part.\nGizmo:\n  definition: Never used.\n"})
    _write(tmp_path / "off", {"_data/glossary.yml": GLOSSARY_DATA})
    for name, lines in {"yml": [2, 4], "json": [2, 3], "map": [1, 2]}.items():
        terms = defined_glossary_terms(tmp_path / name, {})
        suffix = "json" if name == "json" else "yml"
        path = tmp_path / name / "_data" / f"glossary.{suffix}"
        assert terms == [DefinedTerm("Widget", "widget", path, lines[0]), DefinedTerm("Gizmo", "gizmo", path, lines[1])]
    assert defined_glossary_terms(tmp_path / "off", {"glossary": False}) == []
    assert defined_glossary_terms(tmp_path / "yml", {"data_dir": "other"}) == []


def test_the_glossary_index_url_follows_the_plugins_permalink() -> None:
    assert glossary_json_url({}) == "/glossary.json"
    assert glossary_json_url({"glossary": {"permalink": "/terms/"}}) == "/terms.json"
    assert glossary_json_url({"glossary": {"permalink": "/terms.html"}}) == "/terms.json"


def test_without_the_glossary_plugin_terms_are_not_judged(tmp_path: Path) -> None:
    _write(tmp_path, {"index.html": page("x")})
    terms = [DefinedTerm("Gizmo", "gizmo", tmp_path / "glossary.yml", 2)]
    assert check_site(tmp_path, glossary_terms=terms) == []
    _write(tmp_path, {"glossary.json": '{"terms": [{"slug": "widget"}]}'})
    assert [p.target for p in check_site(tmp_path, glossary_terms=terms)] == ["gizmo"]


# -- the example site --------------------------------------------------------------------------------


@pytest.mark.parametrize("baseurl", ["", "/notes"])
def test_the_example_site_is_clean(tmp_path: Path, baseurl: str, monkeypatch: pytest.MonkeyPatch) -> None:
    destination = tmp_path / "_site"
    build(ROOT, destination, overrides={"baseurl": baseurl})
    monkeypatch.chdir(tmp_path)
    args = ["check", "-s", str(ROOT), "-d", str(destination)] + (["-b", baseurl] if baseurl else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.output


def test_a_missing_destination_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "-s", str(tmp_path), "-d", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no built site at" in result.output
