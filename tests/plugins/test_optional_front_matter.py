"""jekyll-optional-front-matter: which files become pages, its switches, and builds.

Whole sites are checked against the real gem (0.3.2) in
tests/compat/sites/plugin-optional-front-matter (originals kept, ``include:`` lifting the README
rule, defaults, a BOM before front matter), plugin-optional-front-matter-remove
(``remove_originals``) and plugin-github-pages-content (with readme-index and the others). The
``require_front_matter`` build was checked once against the gem with the oracle's site.sh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from postforge.plugins.optional_front_matter import enabled
from postforge.plugins.optional_front_matter import is_blacklisted
from postforge.plugins.optional_front_matter import remove_originals
from postforge.site import build


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "path, included, expect",
    [
        ("/README.md", False, True),
        ("/docs/readme.markdown", False, True),
        ("/LICENSE.md", False, True),
        ("/LICENCE.md", False, True),
        ("/COPYING.md", False, True),
        ("/code_of_conduct.md", False, True),
        ("/CONTRIBUTING.md", False, True),
        ("/.github/ISSUE_TEMPLATE.md", False, True),
        ("/PULL_REQUEST_TEMPLATE.md", False, True),
        ("/CONTRIBUTING.md", True, False),
        ("/README..md", False, True),
        ("/README-old.md", False, False),
        ("/notes.md", False, False),
        ("/readme/index.md", False, False),
    ],
)
def test_is_blacklisted(path: str, included: bool, expect: bool) -> None:
    assert is_blacklisted(path, included) is expect


@pytest.mark.parametrize(
    "config, is_enabled, removes",
    [
        ({}, True, False),
        ({"optional_front_matter": {"enabled": False}}, False, False),
        ({"optional_front_matter": {"enabled": None}}, True, False),
        ({"optional_front_matter": {"remove_originals": True}}, True, True),
        ({"optional_front_matter": {"remove_originals": "yes"}}, True, False),
        ({"require_front_matter": True}, False, True),
        ({"optional_front_matter": True}, True, False),
    ],
)
def test_switches(config: dict[str, Any], is_enabled: bool, removes: bool) -> None:
    assert enabled(config) is is_enabled
    assert remove_originals(config) is removes


def _files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    "config, expect",
    [
        ("plugins: [optional-front-matter]\n", ["README.md", "notes.html", "notes.md", "page.html"]),
        (
            "plugins: [optional-front-matter]\noptional_front_matter: {remove_originals: true}\n",
            ["README.md", "notes.html", "page.html"],
        ),
        (
            "plugins: [optional-front-matter]\noptional_front_matter: {enabled: false}\n",
            ["README.md", "notes.md", "page.html"],
        ),
        ("plugins: [optional-front-matter]\nrequire_front_matter: true\n", ["README.md", "notes.md", "page.html"]),
        ("plugins: []\n", ["README.md", "notes.md", "page.html"]),
    ],
)
def test_builds(tmp_path: Path, config: str, expect: list[str]) -> None:
    source = _write(
        tmp_path / "src",
        {
            "_config.yml": config,
            "notes.md": "# Notes\n",
            "README.md": "# Read me\n",
            "page.md": "---\n---\nPage\n",
        },
    )
    build(source, tmp_path / "site")
    assert _files(tmp_path / "site") == expect


def test_page_is_rendered_with_liquid_and_defaults(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "src",
        {
            "_config.yml": "plugins: [jekyll-optional-front-matter]\ntitle: T\n"
            "defaults:\n  - scope: {path: \"\"}\n    values: {layout: wrap}\n",
            "_layouts/wrap.html": "<main>{{ content }}</main>",
            "notes/today.md": "Hello from {{ site.title }} at {{ page.url }}.\n",
        },
    )
    build(source, tmp_path / "site")
    notes = tmp_path / "site" / "notes"
    assert (notes / "today.html").read_text() == "<main><p>Hello from T at /notes/today.html.</p>\n</main>"
    assert (notes / "today.md").read_text() == "Hello from {{ site.title }} at {{ page.url }}.\n"
