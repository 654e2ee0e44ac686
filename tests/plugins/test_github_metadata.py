"""jekyll-github-metadata offline: the repository, the Pages URLs, the fallbacks, site.github.

``github_metadata_oracle.json`` holds the values Debian's jekyll-github-metadata 2.15.0 gave,
with no network, for repositories under several GitHub Pages environments (dotcom, enterprise,
subdomain isolation, user and project sites, trailing slashes); a whole production build is
compared in tests/compat/sites/plugin-github-metadata. Which repository is found, the ``github:``
merge and ``build_revision`` follow the gem's source (repository_finder.rb,
site_github_munger.rb, metadata_drop.rb).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from postforge.plugins.github_metadata import OWNER_KEYS
from postforge.plugins.github_metadata import GitHubDrop
from postforge.plugins.github_metadata import Pages
from postforge.plugins.github_metadata import edit_link
from postforge.plugins.github_metadata import find_nwo
from postforge.plugins.github_metadata import github_payload
from postforge.plugins.github_metadata import github_values
from postforge.plugins.github_metadata import site_fallbacks
from postforge.site import build

ORACLE = json.loads((Path(__file__).parent / "github_metadata_oracle.json").read_text())


@pytest.mark.parametrize("case", ORACLE["cases"], ids=[f"{c['nwo']}-{c['env']}" for c in ORACLE["cases"]])
def test_values_as_the_gem(case: dict) -> None:
    values = github_values(case["nwo"], Pages(case["env"]))
    assert {key: values[key] for key in case["values"]} == case["values"]


def test_values_only_the_api_knows() -> None:
    values = github_values("octo/site", Pages({}))
    assert values["public_repositories"] == []
    assert (values["contributors"], values["releases"], values["latest_release"]) == (False, False, False)
    assert values["owner"] == dict.fromkeys(OWNER_KEYS)
    assert values["project_tagline"] is values["issues_url"] is values["license"] is None
    assert values["versions"] == {}
    assert list(values) == sorted(values)


def test_values_without_a_repository() -> None:
    values = github_values(None, Pages({"JEKYLL_ENV": "production"}))
    assert values["environment"] == "production" and "repository_url" not in values


def _git_checkout(path: Path, remote: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    subprocess.run(["git", "-C", str(path), "remote", "add", "origin", remote], check=True)
    return path


@pytest.mark.parametrize(
    "environ, config, remote, expect",
    [
        ({"PAGES_REPO_NWO": "env/repo"}, {"repository": "conf/repo"}, "git@github.com:git/repo.git", "env/repo"),
        ({}, {"repository": "conf/repo"}, "git@github.com:git/repo.git", "conf/repo"),
        ({}, {"repository": "no-slash"}, "git@github.com:git/repo.git", "git/repo"),
        ({}, {}, "https://github.com/git/my.site.git", "git/my.site"),
        ({"JEKYLL_ENV": "test"}, {}, "git@github.com:git/repo", "git/repo"),
        ({"JEKYLL_ENV": "production"}, {}, "git@github.com:git/repo.git", None),
        ({}, {}, "https://gitlab.com/git/repo.git", None),
        ({"PAGES_GITHUB_HOSTNAME": "ghe.corp"}, {}, "git@ghe.corp:team/docs.git", "team/docs"),
    ],
)
def test_find_nwo(tmp_path: Path, environ: dict, config: dict, remote: str, expect: str | None) -> None:
    checkout = _git_checkout(tmp_path / "checkout", remote)
    assert find_nwo(environ, config, checkout, Pages(environ)) == expect


def test_find_nwo_outside_a_checkout(tmp_path: Path) -> None:
    assert find_nwo({}, {}, tmp_path, Pages({})) is None


@pytest.mark.parametrize(
    "config, environ, nwo, expect",
    [
        ({}, {}, "octo/site", {"title": "site"}),
        ({}, {"PAGES_ENV": "dotcom"}, "octo/octo.github.io", {"title": "octo"}),
        ({"title": "Mine"}, {}, "octo/site", {}),
        ({"title": False}, {}, "octo/site", {"title": "site"}),
        ({"name": "Named"}, {}, "octo/site", {}),
        ({}, {"JEKYLL_ENV": "production"}, "octo/site",
         {"title": "site", "url": "https://github.com", "baseurl": "/pages/octo/site"}),
        ({"url": "https://mine.example", "baseurl": "/"}, {"PAGES_ENV": "dotcom", "PAGE_BUILD_ID": "7"}, "octo/site",
         {"title": "site", "baseurl": "/site"}),
        ({"url": "", "baseurl": ""}, {"JEKYLL_ENV": "production"}, "octo/site", {"title": "site"}),
        ({}, {"JEKYLL_ENV": "production"}, None, {}),
    ],
)
def test_site_fallbacks(config: dict, environ: dict, nwo: str | None, expect: dict) -> None:
    pages = Pages(environ)
    assert site_fallbacks(config, github_values(nwo, pages), pages) == expect


@pytest.mark.parametrize(
    "github, path, text, expect",
    [
        ({"repository_url": "https://github.com/o/r", "source": {"branch": "gh-pages", "path": "/"}}, "about.md", None,
         "https://github.com/o/r/edit/gh-pages/about.md"),
        ({"repository_url": "https://github.com/o/r/", "source": {"branch": "main", "path": "/docs"}},
         "/a b.md", "Edit",
         '<a href="https://github.com/o/r/edit/main/docs/a%20b.md">Edit</a>'),
        ({"repository_url": "https://github.com/o/r", "source": {"branch": "main"}}, "a.md", None, ""),
        (None, "a.md", "Edit", ""),
    ],
)
def test_edit_link(github: dict | None, path: str, text: str | None, expect: str) -> None:
    assert edit_link(github, path, text) == expect


def test_payload_merges_a_github_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEKYLL_BUILD_REVISION", "abc123")
    values = github_values("octo/site", Pages({}))
    drop = github_payload(values, {"extra": 1, "source": {"branch": "main"}}, ".")
    assert isinstance(drop, GitHubDrop)
    assert drop.liquid_get("extra") == 1
    assert drop.liquid_get("source") == {"branch": "main", "path": "/"}
    assert drop.liquid_get("build_revision") == "abc123"
    assert drop.liquid_get("repository_nwo") == "octo/site"
    assert json.loads(drop.liquid_str())["repository_name"] == "site"
    assert github_payload(values, "replaced", ".") == "replaced"


def test_site_build_from_the_git_remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PAGES_REPO_NWO", "PAGES_ENV", "JEKYLL_ENV", "PAGE_BUILD_ID", "JEKYLL_BUILD_REVISION"):
        monkeypatch.delenv(name, raising=False)
    source = _git_checkout(tmp_path / "src", "git@github.com:octo/notes.git")
    (source / "_config.yml").write_text("plugins: [github-metadata]\n")
    (source / "index.html").write_text(
        "---\n---\n{{ site.title }}|{{ site.github.repository_url }}|{{ site.github.environment }}|"
        "{{ site.github.url }}|{{ site.github.public_repositories | size }}|{% github_edit_link %}\n"
    )
    build(source, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == (
        "notes|https://github.com/octo/notes|development|https://github.com/pages/octo/notes|0|"
        "https://github.com/octo/notes/edit/gh-pages/index.html\n"
    )


def test_site_build_without_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PAGES_REPO_NWO", raising=False)
    monkeypatch.setenv("JEKYLL_ENV", "production")
    source = tmp_path / "src"
    source.mkdir()
    (source / "_config.yml").write_text("plugins: [jekyll-github-metadata]\ntitle: Kept\n")
    template = "{{ site.title }}|{{ site.github.repository_url }}|{{ site.github.hostname }}"
    (source / "index.html").write_text(f"---\n---\n{template}\n")
    build(source, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "Kept||github.com\n"
    assert "No repo name found" in capsys.readouterr().err
