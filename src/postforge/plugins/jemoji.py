"""jemoji: ``:smile:`` in a page becomes GitHub's emoji image.

As jemoji 0.13 (with html-pipeline 2.14's EmojiFilter and gemoji) does it, on the finished page:
when the page holds any emoji name between colons, its ``<body>`` (the whole page when there is
none) is written back through Nokogiri (:mod:`postforge.plugins.html_pipeline`) with every name
in text outside ``pre``, ``code`` and ``tt`` replaced by::

    <img class="emoji" title=":smile:" alt=":smile:"
      src="https://github.githubassets.com/images/icons/emoji/unicode/1f604.png" height="20" width="20">

(one line in the output)

Pages whose output is ``.html`` (posts and documents only when they are written) and pages with
a permalink ending in ``/`` are emojified. The image root is ``emoji.src`` from the configuration
(``emoji.asset`` then gives the path below it, else ``/emoji``), else ``ASSET_HOST_URL`` from the
environment (as on GitHub Enterprise), else ``https://github.githubassets.com`` with
``/images/icons/emoji``.

The names and file names are gemoji's: they come from pymdown-extensions' copy of gemoji's
database (``pymdownx.gemoji_db``, a dependency for this reason), plus GitHub's own images that
database leaves out (``:octocat:``, ``:shipit:`` …). Nothing is fetched: the URLs point at GitHub's
images as the gem's do. Unlike the gem, text escaped in the source (``&lt;b&gt;``) stays escaped
in a text node that also holds an emoji; the gem re-parses it as markup.
"""

from __future__ import annotations

import html
import os
import re
from functools import lru_cache
from typing import Any

from postforge.hooks import hookimpl
from postforge.htmltree import Text
from postforge.htmltree import parse
from postforge.plugins.html_pipeline import replace_text
from postforge.plugins.html_pipeline import serialize
from postforge.plugins.html_pipeline import split_body
from postforge.plugins.html_pipeline import text_html

__all__ = [
    "GITHUB_ASSET_HOST",
    "CUSTOM_EMOJI",
    "emoji_files",
    "emoji_pattern",
    "src_root",
    "asset_path",
    "emoji_url",
    "image_tag",
    "is_emojiable",
    "emojify",
]

GITHUB_ASSET_HOST = "https://github.githubassets.com"
#: gemoji's images that are not Unicode emoji, named after their first alias (``squirrel`` is ``shipit``)
CUSTOM_EMOJI = {
    **{name: f"{name}.png" for name in (
        "atom", "basecamp", "basecampy", "bowtie", "dependabot", "electron", "feelsgood", "finnadie",
        "fishsticks", "goberserk", "godmode", "hurtrealbad", "neckbeard", "octocat", "rage1", "rage2", "rage3",
        "rage4", "shipit", "suspect", "trollface",
    )},
    "squirrel": "shipit.png",
}
_IGNORED_PARENTS = frozenset({"pre", "code", "tt"})


@lru_cache(maxsize=None)
def emoji_files() -> dict[str, str]:
    """Every emoji name (aliases too) → its image file below the emoji folder (``unicode/1f604.png``)."""
    from pymdownx import gemoji_db  # a large table: read only by sites that use jemoji

    files = {key.strip(":"): f"unicode/{info['unicode']}.png" for key, info in gemoji_db.emoji.items()}
    for alias, name in gemoji_db.aliases.items():
        files[alias.strip(":")] = files[name.strip(":")]
    files.update(CUSTOM_EMOJI)
    return files


@lru_cache(maxsize=None)
def emoji_pattern() -> re.Pattern[str]:
    """html-pipeline's pattern: any known name between colons, names tried in sorted order."""
    return re.compile(":(" + "|".join(re.escape(name) for name in sorted(emoji_files())) + "):")


def _emoji_config(config: dict[str, Any]) -> dict[str, Any]:
    value = config.get("emoji")
    return value if isinstance(value, dict) else {}


def src_root(config: dict[str, Any], environ: dict[str, str] | None = None) -> str:
    """Where the images live: ``emoji.src``, ``ASSET_HOST_URL``, or GitHub's asset host."""
    settings = _emoji_config(config)
    if "src" in settings:
        return str(settings["src"])
    host = (os.environ if environ is None else environ).get("ASSET_HOST_URL", "")
    return host.rstrip("/") if host else GITHUB_ASSET_HOST


def asset_path(config: dict[str, Any]) -> str:
    """The path below the root, with ``:file_name`` for the image's file."""
    settings = _emoji_config(config)
    if "src" not in settings:
        return "/images/icons/emoji/:file_name"
    if "asset" in settings:
        return str(settings["asset"]).rstrip("/") + "/:file_name"
    return "/emoji/:file_name"


def _file_join(left: str, right: str) -> str:
    """Ruby's ``File.join`` of two parts: one ``/`` where they meet."""
    if not left:
        return right
    if left.endswith("/"):
        return left + right.lstrip("/")
    return left + right if right.startswith("/") else f"{left}/{right}"


def emoji_url(name: str, root: str, path: str) -> str:
    return _file_join(root, path.replace(":file_name", emoji_files()[name]))


def image_tag(name: str, root: str, path: str) -> str:
    return (
        f'<img class="emoji" title=":{name}:" alt=":{name}:" src="{emoji_url(name, root, path)}" '
        'height="20" width="20">'
    )


def is_emojiable(kind: str, write: bool, output_ext: str, permalink: Any) -> bool:
    """The gem's test, precedence included: ``(page or written) and .html``, or a ``/`` permalink."""
    return ((kind == "page" or write) and output_ext == ".html") or (
        isinstance(permalink, str) and permalink.endswith("/")
    )


def emojify(output: str, root: str, path: str) -> str | None:
    """The page with its emoji as images, or None when the gem leaves it alone."""
    pattern = emoji_pattern()
    if not pattern.search(output):
        return None
    before, body, after = split_body(output)

    def change(node: Text) -> str | None:
        decoded = html.unescape(node.text)
        if ":" not in decoded or not pattern.search(decoded):
            return None
        return pattern.sub(lambda match: image_tag(match.group(1), root, path), text_html(node))

    tree = parse(body)
    replace_text(tree, _IGNORED_PARENTS, change)
    return before + serialize(tree) + after


@hookimpl
def document_post_render(site: Any, document: Any, output: str) -> str | None:
    write = document.kind == "page" or bool(getattr(document, "write", False))
    if not is_emojiable(document.kind, write, document.output_ext, document.data.get("permalink")):
        return None
    return emojify(output, src_root(site.config), asset_path(site.config))
