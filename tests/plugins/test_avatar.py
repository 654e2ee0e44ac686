"""jekyll-avatar: ``{% avatar %}`` against the gem, and the rules behind each attribute.

``avatar_oracle.json`` holds what Jekyll 4.3.1 with Debian's jekyll-avatar 0.8 rendered for each
template (shared/oracle/liquid.rb), once as is and once with ``PAGES_AVATARS_URL`` set; whole
pages are compared in tests/compat/sites/plugin-avatar.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postforge.liquid import Environment
from postforge.plugins.avatar import avatar_size
from postforge.plugins.avatar import avatar_tag
from postforge.plugins.avatar import avatar_url
from postforge.plugins.avatar import register_liquid
from postforge.plugins.avatar import user_variable
from postforge.plugins.avatar import username
from postforge.site import build

ORACLE = json.loads((Path(__file__).parent / "avatar_oracle.json").read_text())


def _render(template: str, data: dict) -> str:
    env = Environment()
    register_liquid(env=env)
    return env.from_string(template).render(data)


@pytest.mark.parametrize("case", ORACLE["cases"], ids=[case["template"] for case in ORACLE["cases"]])
def test_tag_as_the_gem(case: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGES_AVATARS_URL", raising=False)
    assert _render(case["template"], case["data"]) == case["output"]
    monkeypatch.setenv("PAGES_AVATARS_URL", ORACLE["host"])
    assert _render(case["template"], case["data"]) == case["output_with_host"]


@pytest.mark.parametrize(
    "markup, size, variable",
    [
        ("hubot", "40", None),
        ("hubot size=24", "24", None),
        ("hubot SIZE=64", "64", None),
        ("hubot size=big", "40", None),
        ("user=page.author size=10", "10", "page.author"),
        ("user=site.data.team.lead", "40", "site.data.team.lead"),
        ("{{ page.author }} size=20", "20", None),
        ("hubot resize=30", "40", None),
    ],
)
def test_markup(markup: str, size: str, variable: str | None) -> None:
    assert (avatar_size(markup), user_variable(markup)) == (size, variable)


@pytest.mark.parametrize(
    "rendered, variable, value, expect",
    [
        ("hubot size=40", None, None, "hubot"),
        ("@hubot", None, None, "hubot"),
        ("  spaced   size=30", None, None, "spaced"),
        ("a@b", None, None, "a@b"),
        ("", None, None, ""),
        ("user=x", "x", "octocat", "octocat"),
        ("user=x", "x", None, "x"),
        ("user=x", "x", False, "x"),
        ("user=x", "x", 42, "42"),
    ],
)
def test_username(rendered: str, variable: str | None, value: object, expect: str) -> None:
    assert username(rendered, variable, lambda name: value) == expect


@pytest.mark.parametrize(
    "user, size, scale, host, expect",
    [
        ("hubot", "40", 1, "", "https://avatars3.githubusercontent.com/hubot?v=3&s=40"),
        ("hubot", "40", 3, "", "https://avatars3.githubusercontent.com/hubot?v=3&s=120"),
        ("hubot", "24", 2, "", "https://avatars0.githubusercontent.com/hubot?v=3&s=48"),
        ("hubot", "40", 1, "https://a.example", "https://a.example/hubot?v=3&s=40"),
        ("hubot", "40", 2, "https://a.example/x/", "https://a.example/x/hubot?v=3&s=80"),
    ],
)
def test_avatar_url(user: str, size: str, scale: int, host: str, expect: str) -> None:
    assert avatar_url(user, size, scale, host) == expect


def test_avatar_tag_classes() -> None:
    assert 'class="avatar avatar-small"' in avatar_tag("a", "47", False)
    assert 'class="avatar"' in avatar_tag("a", "48", False)
    lazy = avatar_tag("a", "40", True)
    assert ' src="" data-src="' in lazy and "data-srcset=" in lazy and " srcset=" not in lazy


def test_site_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGES_AVATARS_URL", raising=False)
    source = tmp_path / "src"
    source.mkdir()
    (source / "_config.yml").write_text("plugins: [avatar]\nauthor: parkr\n")
    (source / "index.html").write_text("---\n---\n{% avatar user=site.author size=60 %}\n")
    build(source, tmp_path / "site")
    output = (tmp_path / "site" / "index.html").read_text()
    assert output.startswith('<img class="avatar" alt="parkr" width="60" height="60" data-proofer-ignore="true" ')
    assert 'src="https://avatars' in output
