"""jemoji: emoji names, image URLs, and which text becomes an image.

Debian has no jemoji package, so there is no golden site: the expectations come from reading
jemoji 0.13.0's source (lib/jemoji.rb: the body split, ``emoji.src``/``emoji.asset``,
``ASSET_HOST_URL``, ``https://github.githubassets.com`` + ``/images/icons/emoji``, ``align``
dropped), html-pipeline 2.14's EmojiFilter (the ``<img>`` attributes and their order, ``pre``/
``code``/``tt`` skipped, names between colons) and gemoji's ``image_filename`` (``unicode/`` + the
code points without ``fe0f``/``200d``, ``NAME.png`` for GitHub's own images). The page is written
back through Nokogiri as for jekyll-mentions, checked against Nokogiri in test_html_pipeline.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postforge.plugins.jemoji import asset_path
from postforge.plugins.jemoji import emoji_files
from postforge.plugins.jemoji import emoji_url
from postforge.plugins.jemoji import emojify
from postforge.plugins.jemoji import image_tag
from postforge.plugins.jemoji import is_emojiable
from postforge.plugins.jemoji import src_root
from postforge.site import build

ROOT = "https://github.githubassets.com"
PATH = "/images/icons/emoji/:file_name"
SMILE = (
    '<img class="emoji" title=":smile:" alt=":smile:" '
    'src="https://github.githubassets.com/images/icons/emoji/unicode/1f604.png" height="20" width="20">'
)


@pytest.mark.parametrize(
    "name, file",
    [
        ("smile", "unicode/1f604.png"),
        ("+1", "unicode/1f44d.png"),
        ("thumbsup", "unicode/1f44d.png"),
        ("-1", "unicode/1f44e.png"),
        ("copyright", "unicode/00a9.png"),
        ("hash", "unicode/0023-20e3.png"),
        ("man_technologist", "unicode/1f468-1f4bb.png"),
        ("e-mail", "unicode/1f4e7.png"),
        ("octocat", "octocat.png"),
        ("shipit", "shipit.png"),
        ("squirrel", "shipit.png"),
    ],
)
def test_emoji_files(name: str, file: str) -> None:
    assert emoji_files()[name] == file


def test_emoji_files_are_gemojis_many_names() -> None:
    assert len(emoji_files()) > 1800
    assert "nope" not in emoji_files()


@pytest.mark.parametrize(
    "config, environ, root, path",
    [
        ({}, {}, ROOT, PATH),
        ({}, {"ASSET_HOST_URL": "https://assets.ghe.corp/"}, "https://assets.ghe.corp", PATH),
        ({}, {"ASSET_HOST_URL": ""}, ROOT, PATH),
        ({"emoji": {"src": "https://example.com/asset"}}, {}, "https://example.com/asset", "/emoji/:file_name"),
        ({"emoji": {"src": "https://example.com/asset", "asset": "/images/png/"}}, {"ASSET_HOST_URL": "https://x"},
         "https://example.com/asset", "/images/png/:file_name"),
        ({"emoji": {"asset": "/ignored"}}, {}, ROOT, PATH),
        ({"emoji": "not a hash"}, {}, ROOT, PATH),
    ],
)
def test_src_root_and_asset_path(config: dict, environ: dict, root: str, path: str) -> None:
    assert (src_root(config, environ), asset_path(config)) == (root, path)


@pytest.mark.parametrize(
    "root, path, expect",
    [
        (ROOT, PATH, "https://github.githubassets.com/images/icons/emoji/unicode/1f604.png"),
        ("http://mine.club/", "/emoji/:file_name", "http://mine.club/emoji/unicode/1f604.png"),
        ("http://mine.club", "emoji/:file_name", "http://mine.club/emoji/unicode/1f604.png"),
        ("", "/emoji/:file_name", "/emoji/unicode/1f604.png"),
    ],
)
def test_emoji_url(root: str, path: str, expect: str) -> None:
    assert emoji_url("smile", root, path) == expect


def test_image_tag() -> None:
    assert image_tag("smile", ROOT, PATH) == SMILE


@pytest.mark.parametrize(
    "kind, write, output_ext, permalink, expect",
    [
        ("page", True, ".html", None, True),
        ("page", True, ".xml", None, False),
        ("page", True, ".json", "/api/", True),
        ("document", True, ".html", None, True),
        ("document", False, ".html", None, False),
        ("document", False, ".html", "/hidden/", True),
    ],
)
def test_is_emojiable(kind: str, write: bool, output_ext: str, permalink: object, expect: bool) -> None:
    assert is_emojiable(kind, write, output_ext, permalink) is expect


@pytest.mark.parametrize(
    "output, expect",
    [
        ("<p>no emoji: :nope: 10:30<br /></p>", None),
        ("<p>:smile:<br /></p>", f"<p>{SMILE}<br></p>"),
        ("<p>a:smile:b ::smile:: :smile::smile:</p>", f"<p>a{SMILE}b :{SMILE}: {SMILE}{SMILE}</p>"),
        ("<p>&lt;b&gt; :smile: &amp;</p>", f"<p>&lt;b&gt; {SMILE} &amp;</p>"),
        # found in code only: not replaced, but the gem still writes the page back through Nokogiri
        ("<p><code>:smile:</code><br /></p>", "<p><code>:smile:</code><br></p>"),
        ("<pre><code>:smile:</code></pre><tt>:smile:</tt>", "<pre><code>:smile:</code></pre><tt>:smile:</tt>"),
        ("<head><title>:smile:</title></head><body>\n<p>x<br /></p></body>",
         "<head><title>:smile:</title></head><body>\n<p>x<br></p></body>"),
        ('<body class="a">\n<p>:+1:</p>\n</body>',
         '<body class="a">\n<p><img class="emoji" title=":+1:" alt=":+1:" '
         'src="https://github.githubassets.com/images/icons/emoji/unicode/1f44d.png" height="20" width="20">'
         '</p>\n</body>'),
    ],
)
def test_emojify(output: str, expect: str | None) -> None:
    assert emojify(output, ROOT, PATH) == expect


def test_site_build(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text("plugins: [jemoji]\nemoji:\n  src: https://cdn.example\n")
    (source / "index.md").write_text("---\n---\nShip it :shipit: and `:smile:`\n")
    (source / "notes.txt").write_text("---\n---\nplain :smile:\n")
    (source / "_posts" / "2024-01-01-hi.md").write_text("---\n---\n:tada:\n")
    build(source, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text()
    assert (
        '<img class="emoji" title=":shipit:" alt=":shipit:" src="https://cdn.example/emoji/shipit.png" '
        'height="20" width="20">' in index
    )
    assert "<code class=\"language-plaintext highlighter-rouge\">:smile:</code>" in index
    assert (tmp_path / "site" / "notes.txt").read_text() == "plain :smile:\n"
    post = (tmp_path / "site" / "2024" / "01" / "01" / "hi.html").read_text()
    assert 'src="https://cdn.example/emoji/unicode/1f389.png"' in post
