"""jekyll-readme-index: which files are READMEs, which folders have an index, and builds.

Whole sites are checked against the real gem (0.3.0) in tests/compat/sites/plugin-readme-index
(the root, two READMEs in one folder, index.html/index.xml/a page at the folder's URL),
plugin-readme-index-options (``with_frontmatter``, ``remove_originals``) and
plugin-github-pages-content (after optional-front-matter, so an ``index.md`` without front matter
is an index). ``enabled: false`` was checked once against the gem with the oracle's site.sh.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postforge.plugins.readme_index import dir_has_index
from postforge.plugins.readme_index import index_permalink
from postforge.plugins.readme_index import readme_pattern
from postforge.site import build


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "path, expect",
    [
        ("/README.md", True),
        ("/docs/readme.markdown", True),
        ("/docs/ReadMe.MKD", True),
        ("/README.mkdown", True),
        ("/README.txt", False),
        ("/README", False),
        ("/myreadme.md", False),
        ("/README.md.bak", False),
        ("/README-old.md", False),
        ("README.md", False),
    ],
)
def test_readme_pattern(path: str, expect: bool) -> None:
    assert bool(readme_pattern({}).search(path)) is expect


def test_readme_pattern_follows_markdown_ext() -> None:
    pattern = readme_pattern({"markdown_ext": "md,txt"})
    assert pattern.search("/README.txt") and not pattern.search("/README.markdown")


@pytest.mark.parametrize(
    "url, expect",
    [
        ("/README.md", "//"),
        ("/docs/README.md", "/docs/"),
        ("/a/b/README.html", "/a/b/"),
        ("/docs/", "//"),
        ("/a/b/", "/a/"),
    ],
)
def test_index_permalink(url: str, expect: str) -> None:
    assert index_permalink(url) == expect


@pytest.mark.parametrize(
    "folder, urls, expect",
    [
        ("//", ["/"], True),
        ("//", ["/index.html"], True),
        ("//", ["/README.md", "/about.html"], False),
        ("/docs/", ["/docs/"], True),
        ("/docs/", ["/docs/INDEX.HTM"], True),
        ("/docs/", ["/docs/index.xhtml"], True),
        ("/docs/", ["/docs/index.xml"], True),
        ("/docs/", ["/docs/index.md"], False),
        ("/docs/", ["/docs/index.json"], False),
        ("/docs/", ["/docs/sub/"], False),
        ("/docs/", ["/DOCS/"], True),
        ("/docs/", ["/docs/index.html.bak"], False),
    ],
)
def test_dir_has_index(folder: str, urls: list[str], expect: bool) -> None:
    assert dir_has_index(folder, urls) is expect


def _files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    "config, expect",
    [
        ("plugins: [readme-index]\n", ["README.md", "docs/README.md", "docs/index.html", "index.html"]),
        ("plugins: [readme-index]\nreadme_index: {remove_originals: true}\n", ["docs/index.html", "index.html"]),
        ("plugins: [readme-index]\nreadme_index: {enabled: false}\n", ["README.md", "docs/README.md"]),
    ],
)
def test_builds(tmp_path: Path, config: str, expect: list[str]) -> None:
    source = _write(tmp_path / "src", {"_config.yml": config, "README.md": "# Top\n", "docs/README.md": "Docs\n"})
    build(source, tmp_path / "site")
    assert _files(tmp_path / "site") == expect
    if "index.html" in expect:
        assert (tmp_path / "site" / "index.html").read_text() == '<h1 id="top">Top</h1>\n'
