"""jekyll-mentions: which ``@names`` become links, where to, and on which pages.

Whole pages (layouts, code, links, scripts, ``jekyll-mentions:`` in front matter) are compared
with Jekyll 4.3.1 and the jekyll-mentions 1.6.0 gem in tests/compat/sites/plugin-mentions; the
tables here follow html-pipeline 2.14's MentionFilter, whose pattern and links the gem uses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postforge.errors import PostforgeError
from postforge.plugins.mentions import is_mentionable
from postforge.plugins.mentions import link_mentions
from postforge.plugins.mentions import mention_base
from postforge.plugins.mentions import mentionify
from postforge.site import build

GH = "https://github.com"
#: a mention once Nokogiri has written it back (double quotes)
LINKED = '<a href="https://github.com/hubot" class="user-mention">@hubot</a>'


def _link(name: str, base: str = GH + "/") -> str:
    return f"<a href='{base}{name}' class='user-mention'>@{name}</a>"


@pytest.mark.parametrize(
    "text, base, expect",
    [
        ("hi @hubot!", GH, f"hi {_link('hubot')}!"),
        ("@hubot", GH, _link("hubot")),
        ("line\n@hubot", GH, f"line\n{_link('hubot')}"),
        ("@a-b and @Octo_Cat-2", GH, f"{_link('a-b')} and {_link('Octo_Cat-2')}"),
        ("me@example.com", GH, "me@example.com"),
        ("9@nine", GH, "9@nine"),
        ("é@accent", GH, f"é{_link('accent')}"),
        ("@org/team", GH, "@org/team"),
        ("end @dotted.", GH, f"end {_link('dotted')}."),
        ("@many... ok", GH, f"{_link('many')}... ok"),
        ("@dotted.name", GH, "@dotted.name"),
        ("@-dash", GH, "@-dash"),
        ("(@paren)", GH, f"({_link('paren')})"),
        ("@mention @Mentioned @mentions @mentioning", GH, "@mention @Mentioned @mentions @mentioning"),
        ("@mentionsomething", GH, _link("mentionsomething")),
        ("@a,@b", GH, f"{_link('a')},{_link('b')}"),
        ("&amp;@amp", GH, f"&amp;{_link('amp')}"),
        ("@x", "https://social.example/users/", _link("x", "https://social.example/users/")),
        ("@x", "https://host/~", _link("x", "https://host/~")),
        ("@x", "https://git.example.org", _link("x", "https://git.example.org/")),
    ],
)
def test_link_mentions(text: str, base: str, expect: str) -> None:
    assert link_mentions(text, base) == expect


@pytest.mark.parametrize(
    "config, data, environ, expect",
    [
        ({}, {}, {}, GH),
        ({}, {}, {"SSL": "true", "GITHUB_HOSTNAME": "ghe.corp/"}, "https://ghe.corp"),
        ({}, {}, {"SSL": "false", "GITHUB_HOSTNAME": "ghe.corp"}, "http://ghe.corp"),
        ({}, {}, {"GITHUB_HOSTNAME": "ghe.corp"}, GH),
        ({"jekyll-mentions": "https://gitlab.com"}, {}, {}, "https://gitlab.com"),
        ({"jekyll-mentions": {"base_url": "https://a.example"}}, {}, {}, "https://a.example"),
        ({"jekyll-mentions": {"other": 1}}, {}, {}, GH),
        ({"jekyll-mentions": "https://site"}, {"jekyll-mentions": "https://page"}, {}, "https://page"),
        ({"jekyll-mentions": "https://site"}, {"jekyll-mentions": None}, {}, GH),
        ({"jekyll-mentions": "https://site"}, {"title": "x"}, {}, "https://site"),
    ],
)
def test_mention_base(config: dict, data: dict, environ: dict, expect: str) -> None:
    assert mention_base(config, data, environ) == expect


def test_mention_base_refuses_other_values() -> None:
    with pytest.raises(PostforgeError, match="has to either be a string or a hash. It's a int"):
        mention_base({"jekyll-mentions": 3}, {}, {})


@pytest.mark.parametrize(
    "kind, write, output_ext, permalink, data, expect",
    [
        ("page", True, ".html", None, {}, True),
        ("page", True, ".xml", None, {}, False),
        ("page", True, ".txt", "/notes/", {}, True),
        ("document", True, ".html", None, {}, True),
        ("document", False, ".html", None, {}, False),
        ("page", True, ".html", None, {"jekyll-mentions": False}, False),
        ("page", True, ".html", None, {"jekyll-mentions": {"base_url": "x"}}, True),
    ],
)
def test_is_mentionable(kind: str, write: bool, output_ext: str, permalink: object, data: dict, expect: bool) -> None:
    assert is_mentionable(kind, write, output_ext, permalink, data) is expect


@pytest.mark.parametrize(
    "output, expect",
    [
        ("<p>no at sign<br /></p>", None),
        ("<p>me@example.com<br /></p>", None),
        # a mention pattern anywhere in the body makes the gem re-serialise it, links or not
        ("<p>@mention<br /></p>", "<p>@mention<br></p>"),
        ("<p><code>@code</code><br /></p>", "<p><code>@code</code><br></p>"),
        ("<title>@head</title><body>\n<p>x</p></body>", None),
        ("<head><title>@head</title></head><body>\n<ul><li>by @hubot</li></ul>\n</body>",
         f'<head><title>@head</title></head><body>\n<ul><li>by {LINKED}\n</li></ul>\n</body>'),
        ("<ul>\n<li>by @hubot</li>\n</ul>", f"<ul>\n<li>by {LINKED}\n</li>\n</ul>"),
        ("<p><a href='/x'>@linked</a> <script>'@s'</script> @hubot</p>",
         f'<p><a href="/x">@linked</a> <script>\'@s\'</script> {LINKED}</p>'),
    ],
)
def test_mentionify(output: str, expect: str | None) -> None:
    assert mentionify(output, GH) == expect


def test_site_build(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "_layouts").mkdir(parents=True)
    (source / "_config.yml").write_text("plugins: [mentions]\njekyll-mentions: https://gitlab.example\n")
    layout = "<html><body>\n{{ content }}<footer>by @author</footer>\n</body></html>\n"
    (source / "_layouts" / "default.html").write_text(layout)
    (source / "index.md").write_text("---\nlayout: default\n---\nHello @reader, see `@code`.\n")
    (source / "quiet.md").write_text("---\nlayout: default\njekyll-mentions: false\n---\nHello @reader.\n")
    build(source, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text()
    assert '<a href="https://gitlab.example/reader" class="user-mention">@reader</a>' in index
    assert '<a href="https://gitlab.example/author" class="user-mention">@author</a>' in index
    assert "<code class=\"language-plaintext highlighter-rouge\">@code</code>" in index
    quiet = (tmp_path / "site" / "quiet.html").read_text()
    assert "user-mention" not in quiet and "Hello @reader." in quiet
