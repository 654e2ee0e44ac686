"""``postforge check``: what a reader of the published site would trip over, found before publishing.

It reads the *built* site (the destination folder), not the source, because what is published is
what themes, layouts, Markdown and every plugin made together: a link written correctly in a post
can still break in a layout, an anchor can be renamed by a plugin, a theme can forget
``relative_url``. URLs are resolved as GitHub Pages serves the folder: below ``baseurl`` only,
``/dir/`` → ``dir/index.html``, ``/dir`` → (a redirect to) ``/dir/``, ``/about`` → ``about.html``,
percent-decoded, case-sensitive.

Checked, in every ``.html``/``.htm``/``.xhtml`` file: links (``a``, ``area``, ``iframe``, ``link``
rels that name pages, a ``meta`` refresh), their ``#fragment`` on the same page and on other pages
(an ``id`` anywhere, or an ``a name``; ``#top`` and an empty fragment always work, as in browsers),
assets (``img`` ``src``/``srcset``, ``source``, ``video``/``audio``/``track``, ``script``,
stylesheets, icons, the manifest, SVG ``use``, and ``url(...)`` in ``<style>``, ``style=`` and the
site's ``.css`` files), and a non-empty ``<title>``. With the glossary plugin, the terms of the
site's ``_data/glossary.yml`` missing from the built ``/glossary.json`` are never used.

Not checked: links to other hosts, ``mailto:``, ``tel:`` and other schemes (there is no network
here, and a check that depends on other people's servers fails at random); a fragment into a
non-HTML file (``icons.svg#x``, ``doc.pdf#page=2``); links inside XML files (feeds, the sitemap).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from dataclasses import dataclass
from dataclasses import field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from typing import Iterable
from urllib.parse import quote
from urllib.parse import unquote
from urllib.parse import urljoin
from urllib.parse import urlsplit

from postforge.plugins.glossary import load_terms
from postforge.reading.data import read_data_file

__all__ = [
    "DefinedTerm",
    "Problem",
    "check_site",
    "defined_glossary_terms",
    "format_problem",
    "glossary_json_url",
    "normalize_baseurl",
    "resolve_path",
]

#: files read as pages
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
#: what a directory URL serves, first found wins (GitHub Pages)
DIRECTORY_INDEX = ("index.html", "index.htm", "index.xhtml")
#: the order the data reader lets a later extension replace an earlier one under the same key
DATA_EXTENSIONS = ("yaml", "yml", "json", "csv", "tsv")

#: element → (attribute, what it names); "page" is a link, anything else an asset
_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "a": (("href", "page"),),
    "area": (("href", "page"),),
    "iframe": (("src", "page"),),
    "img": (("src", "image"), ("srcset", "image")),
    "source": (("src", "media file"), ("srcset", "image")),
    "video": (("src", "video"), ("poster", "image")),
    "audio": (("src", "audio file"),),
    "track": (("src", "text track"),),
    "embed": (("src", "embedded file"),),
    "object": (("data", "embedded file"),),
    "script": (("src", "script"),),
    "use": (("href", "image"), ("xlink:href", "image")),
    "image": (("href", "image"), ("xlink:href", "image")),
}
#: ``<link rel>`` → what its href names; rels not listed name pages (canonical, alternate, prev…)
_LINK_RELS = {
    "stylesheet": "stylesheet", "icon": "icon", "apple-touch-icon": "icon",
    "apple-touch-icon-precomposed": "icon", "mask-icon": "icon", "manifest": "manifest",
    "preload": "asset", "prefetch": "asset", "modulepreload": "script",
}
#: rels that name hosts, not documents
_HOST_RELS = frozenset({"preconnect", "dns-prefetch"})

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_SOURCE_MAP = re.compile(r"/\*[#@]\s*sourceMappingURL=(\S+)\s*\*/")
_REFRESH_URL = re.compile(r"""url\s*=\s*['"]?([^'"\s]+)""", re.I)


@dataclass(frozen=True)
class Problem:
    """One fault: where it is (a built file, or the glossary data in the source), what, and the target as written."""

    path: Path
    line: int
    kind: str  # link, anchor, asset, title, glossary
    message: str
    target: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} ({self.target})"


@dataclass(frozen=True)
class DefinedTerm:
    """A term of the site's glossary data, and where it is defined (for the report's ``file:line``)."""

    term: str
    slug: str
    path: Path
    line: int = 1


@dataclass
class _Reference:
    line: int
    what: str  # "page" or the asset's name
    url: str
    css: bool = False  # from CSS: a fragment-only url() names an SVG paint server, not an anchor


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    references: list[_Reference] = field(default_factory=list)
    title: str | None = None
    title_line: int = 1
    base: str | None = None


def normalize_baseurl(baseurl: Any) -> str:
    """``blog/`` and ``/blog/`` mean ``/blog``; nothing, ``/`` and ``""`` mean the root."""
    text = str(baseurl or "").strip().strip("/")
    return "/" + text if text else ""


def resolve_path(files: set[str], path: str) -> str | None:
    """The file (relative, ``/``-separated) a decoded site path names, as GitHub Pages finds it."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    name = "/".join(parts)
    folder = name + "/" if name else ""
    if path.endswith("/") or not name:
        return next((folder + index for index in DIRECTORY_INDEX if folder + index in files), None)
    if name in files:
        return name
    for candidate in [*(folder + index for index in DIRECTORY_INDEX), name + ".html"]:
        if candidate in files:  # a folder redirects to its slashed form; /about serves about.html
            return candidate
    return None


# -- reading one page ----------------------------------------------------------------------------


def _srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` (each candidate: a URL, then descriptors up to a comma)."""
    urls = []
    for candidate in re.finditer(r"[\s,]*([^\s,][^\s]*)([^,]*)", value):
        url = candidate.group(1)
        if url.endswith(","):
            url = url.rstrip(",")
        if url:
            urls.append(url)
    return urls


def _css_references(text: str, first_line: int, what: str = "asset") -> list[_Reference]:
    """``url(...)`` and ``@import`` targets in CSS, with their lines; comments blanked, lines kept."""
    found = []
    for match in _SOURCE_MAP.finditer(text):
        found.append(_Reference(first_line + text.count("\n", 0, match.start()), "source map", match.group(1), True))
    blanked = _CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    for match in _CSS_URL.finditer(blanked):
        url = next((group for group in match.groups() if group is not None), "")
        kind = "stylesheet" if match.group(0).startswith("@") else what
        found.append(_Reference(first_line + blanked.count("\n", 0, match.start()), kind, url, True))
    return found


class _Scanner(HTMLParser):
    """One pass over a page: its ids, its references with their lines, its title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._svg = 0
        self._in_title = False
        self._title_parts: list[str] = []
        self._style_line: int | None = None

    def _line(self, attribute: str) -> int:
        """The line of ``attribute`` in the tag just read (a tag may span lines)."""
        line = self.getpos()[0]
        text = self.get_starttag_text() or ""
        match = re.search(rf"\s{re.escape(attribute)}\s*=", text, re.I)
        return line + (text.count("\n", 0, match.start() + 1) if match else 0)

    def _add(self, attribute: str, what: str, value: str | None) -> None:
        if value is None:
            return
        line = self._line(attribute)
        urls = _srcset_urls(value) if attribute == "srcset" else [value]
        self.page.references.extend(_Reference(line, what, url) for url in urls)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in reversed(attrs)}  # the first of a repeated attribute wins
        if values.get("id"):
            self.page.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"] or "")
        if tag == "svg":
            self._svg += 1
        for attribute, what in _REFERENCES.get(tag, ()):
            self._add(attribute, what, values.get(attribute))
        if tag == "link":
            rels = (values.get("rel") or "").lower().split()
            if not _HOST_RELS.intersection(rels):
                what = next((_LINK_RELS[rel] for rel in rels if rel in _LINK_RELS), "page")
                self._add("href", what, values.get("href"))
        elif tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content") or "")
            if match:
                self.page.references.append(_Reference(self._line("content"), "page", match.group(1)))
        elif tag == "base" and values.get("href") and self.page.base is None:
            self.page.base = values["href"]
        elif tag == "title" and not self._svg and self.page.title is None:
            self._in_title = True
            self.page.title_line = self.getpos()[0]
        elif tag == "style":
            self._style_line = self.getpos()[0]
        if values.get("style"):
            self.page.references.extend(_css_references(values["style"] or "", self._line("style"), "image"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg:
            self._svg -= 1
        elif tag == "title" and self._in_title:
            self._in_title = False
            self.page.title = "".join(self._title_parts)
        elif tag == "style":
            self._style_line = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        elif self._style_line is not None:
            self.page.references.extend(_css_references(data, self.getpos()[0], "image"))

    def close(self) -> None:
        super().close()
        if self._in_title:  # an unclosed title still names the page
            self.page.title = "".join(self._title_parts)


def scan_html(text: str) -> _Page:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.page


# -- the whole site ------------------------------------------------------------------------------


class _Site:
    """The destination's files, its pages once read, and how a URL written on a page resolves."""

    def __init__(self, destination: Path, baseurl: str, url: str) -> None:
        self.root = destination
        self.base = normalize_baseurl(baseurl)
        own = urlsplit(str(url or "").strip())
        self.host = own.netloc.lower() if own.scheme in ("http", "https") else ""
        self.files: set[str] = set()
        for folder, _dirs, names in os.walk(destination):
            relative = Path(folder).relative_to(destination).as_posix()
            prefix = "" if relative == "." else relative + "/"
            self.files.update(prefix + name for name in names)
        self.pages: dict[str, _Page] = {}

    def page(self, name: str) -> _Page:
        if name not in self.pages:
            text = (self.root / name).read_bytes().decode("utf-8", errors="replace")
            self.pages[name] = scan_html(text)
        return self.pages[name]

    def locate(self, url: str, document: str, base: str | None) -> tuple[str, str] | None:
        """``url`` written in ``document`` as (site path below baseurl, fragment); None for other hosts and schemes.

        A path outside ``baseurl`` comes back as ``("", path)`` — the site cannot serve it.
        """
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("", "http", "https") or not self.host or parts.netloc.lower() != self.host:
                return None
            absolute = parts.path or "/"
        else:
            here = self.base + "/" + quote(document)  # the file name as its URL spells it
            if base is not None:
                base_parts = urlsplit(base)
                if base_parts.scheme or base_parts.netloc:
                    if not self.host or base_parts.netloc.lower() != self.host:
                        return None
                here = urljoin(here, base_parts.path or "/")
            absolute = urlsplit(urljoin(here, url)).path
        absolute = posixpath.normpath(absolute) + ("/" if absolute.endswith("/") and absolute != "/" else "")
        if self.base and absolute != self.base and not absolute.startswith(self.base + "/"):
            return "", absolute
        return absolute[len(self.base):] or "/", parts.fragment


def _anchor_exists(page: _Page, fragment: str) -> bool:
    if not fragment or fragment.startswith(":~:") or fragment in page.ids:
        return True
    decoded = unquote(fragment)
    return decoded in page.ids or decoded.lower() == "top"


def _check_reference(site: _Site, name: str, page: _Page, ref: _Reference) -> Problem | None:
    where = site.root / name
    url = ref.url.strip()
    noun = "link" if ref.what == "page" else ref.what
    if not url or (ref.css and url.startswith("#")):
        return None
    if url.startswith("#") and page.base is None:
        if _anchor_exists(page, url[1:]):
            return None
        return Problem(where, ref.line, "anchor", f"missing anchor #{unquote(url[1:])} on this page", ref.url)
    located = site.locate(url, name, page.base)
    if located is None:
        return None
    path, fragment = located
    if not path:
        message = f"{noun} outside the site's baseurl {site.base}"
        return Problem(where, ref.line, "link" if ref.what == "page" else "asset", message, ref.url)
    target = resolve_path(site.files, unquote(path))
    if target is None:
        if ref.what == "page":
            return Problem(where, ref.line, "link", "broken link", ref.url)
        return Problem(where, ref.line, "asset", f"missing {ref.what}", ref.url)
    if fragment and target.endswith(HTML_EXTENSIONS) and not _anchor_exists(site.page(target), fragment):
        place = "this page" if target == name else target
        return Problem(where, ref.line, "anchor", f"missing anchor #{unquote(fragment)} on {place}", ref.url)
    return None


def _check_glossary(site: _Site, terms: Iterable[DefinedTerm], json_url: str) -> list[Problem]:
    terms = list(terms)
    json_path = site.root / json_url.lstrip("/")
    if not terms or not json_path.is_file():
        return []  # no glossary plugin in the build: nothing records what was used
    try:
        used = {str(entry.get("slug")) for entry in json.loads(json_path.read_text(encoding="utf-8"))["terms"]}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return [Problem(json_path, 1, "glossary", f"unreadable glossary index: {error}", json_url)]
    return [
        Problem(term.path, term.line, "glossary", f"glossary term '{term.term}' is never used", term.slug)
        for term in terms
        if term.slug not in used
    ]


def check_site(
    destination: Path | str,
    *,
    baseurl: str = "",
    glossary_terms: Iterable[DefinedTerm] = (),
    url: str = "",
    glossary_json: str = "/glossary.json",
) -> list[Problem]:
    """Every problem of the built site at ``destination``, by file and line.

    ``url`` is the site's own address (``_config.yml``'s ``url``): absolute links to it are checked
    like relative ones. ``glossary_json`` is where the glossary plugin wrote its index, below the
    destination.
    """
    site = _Site(Path(destination), baseurl, url)
    problems: list[Problem] = []
    for name in sorted(site.files):
        if name.endswith(HTML_EXTENSIONS):
            page = site.page(name)
            if page.title is None or not page.title.strip():
                what = "page has no <title>" if page.title is None else "page has an empty <title>"
                problems.append(Problem(site.root / name, page.title_line, "title", what, site.base + "/" + name))
        elif name.endswith(".css"):
            text = (site.root / name).read_bytes().decode("utf-8", errors="replace")
            page = _Page(references=_css_references(text, 1))
            site.pages[name] = page
        else:
            continue
        for ref in page.references:
            problem = _check_reference(site, name, page, ref)
            if problem is not None:
                problems.append(problem)
    problems.extend(_check_glossary(site, glossary_terms, glossary_json))
    return problems


# -- from the source: the glossary's terms and index -----------------------------------------


def glossary_json_url(config: dict[str, Any]) -> str:
    """Where the glossary plugin writes its index, from its ``permalink`` (``/glossary/`` → ``/glossary.json``)."""
    options = config.get("glossary")
    permalink = str((options if isinstance(options, dict) else {}).get("permalink") or "/glossary/")
    return permalink.rstrip("/").removesuffix(".html") + ".json"


def _term_line(lines: list[str], name: str, start: int) -> int:
    """The line defining ``name``: ``term: NAME``, a ``NAME:`` key, a JSON ``"term": "NAME"``, or a CSV row."""
    quoted = re.escape(name)
    patterns = [
        rf"""(?:^|[\s{{,"'-])term["']?\s*:\s*["']?{quoted}["']?\s*(?:[,}}#]|$)""",
        rf"""^\s*["']?{quoted}["']?\s*:""",
        rf"""(?:^|[,\t"]){quoted}(?:[,\t"]|$)""",
    ]
    for pattern in patterns:
        expression = re.compile(pattern)
        for index in [*range(start, len(lines)), *range(0, start)]:
            if expression.search(lines[index]):
                return index + 1
    return 1


def defined_glossary_terms(source: Path, config: dict[str, Any]) -> list[DefinedTerm]:
    """The terms of the site's glossary data (``<data_dir>/glossary.yml`` or .yaml/.json/.csv/.tsv).

    Read by the plugin's own ``load_terms``, so a term's slug is the one ``/glossary.json`` lists.
    """
    if config.get("glossary") is False:
        return []
    folder = Path(source) / str(config.get("data_dir") or "_data")
    files = [folder / f"glossary.{ext}" for ext in DATA_EXTENSIONS if (folder / f"glossary.{ext}").is_file()]
    if not files:
        return []
    path = files[-1]  # a later extension replaces an earlier one, as in site.data
    display = f"{folder.name}/{path.name}"
    terms = load_terms(read_data_file(path, config, display), display)
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    found: list[DefinedTerm] = []
    start = 0
    for term in terms:
        line = _term_line(lines, term.term, start)
        start = line  # entries are in file order: look after the last one first
        found.append(DefinedTerm(term.term, term.slug, path, line))
    return found


def format_problem(problem: Problem, relative_to: Path | None = None) -> str:
    """``file:line: message (target)``, the file relative to ``relative_to`` when it lies below it."""
    path = str(problem.path)
    if relative_to is not None:
        try:
            relative = os.path.relpath(problem.path, relative_to)
        except ValueError:  # another drive
            relative = ".."
        if not relative.startswith(".."):
            path = relative
    return f"{path}:{problem.line}: {problem.message} ({problem.target})"
