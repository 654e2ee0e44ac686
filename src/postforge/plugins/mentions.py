"""jekyll-mentions: ``@name`` in a page becomes a link to that GitHub profile.

As jekyll-mentions 1.6 (with html-pipeline 2.14's MentionFilter) does it, on the finished page:
only the ``<body>`` when there is one, only text outside ``pre``, ``code``, ``a``, ``style`` and
``script``, and only pages that are HTML (``.html`` output or a permalink ending in ``/``) and
do not say ``jekyll-mentions: false``. A name is a word character then word characters and
dashes (``@hubot``, ``@a-b``); it must not follow a word character (``me@example.com`` stays)
nor be followed by ``/``; ``@mention``, ``@mentions``, ``@mentioned`` and ``@mentioning`` stay
text. Links are ``<a href='BASE/name' class='user-mention'>@name</a>``, written back through
Nokogiri as the gem does (see :mod:`postforge.plugins.html_pipeline`).

The base URL is ``https://github.com`` (``SSL`` and ``GITHUB_HOSTNAME`` set another, as on GitHub
Enterprise), or ``jekyll-mentions: URL`` / ``jekyll-mentions: {base_url: URL}`` in the site's
configuration or, replacing it, a page's front matter.
"""

from __future__ import annotations

import os
import re
from typing import Any

from postforge.errors import PostforgeError
from postforge.hooks import hookimpl
from postforge.htmltree import Text
from postforge.htmltree import parse
from postforge.plugins.html_pipeline import serialize
from postforge.plugins.html_pipeline import split_body
from postforge.plugins.html_pipeline import replace_text
from postforge.plugins.html_pipeline import text_html

__all__ = ["GITHUB_DOT_COM", "MENTION", "mention_base", "is_mentionable", "link_mentions", "mentionify"]

GITHUB_DOT_COM = "https://github.com"

#: html-pipeline's MentionPatterns for jekyll-mentions' ``[\w][\w-]*`` (its atomic group becomes
#: ``(?![\w-])``); Ruby's ``\w`` is ASCII, and ``^``/``$`` are line anchors
MENTION = re.compile(
    r"(?:^|\W)@(\w[\w-]*)(?![\w-])(?!/)(?=\.+[ \t\W]|\.+$|[^0-9a-zA-Z_.]|$)", re.ASCII | re.IGNORECASE | re.MULTILINE
)
#: names that would point at GitHub's page about mentions, which the gem does not link
_MENTION_WORDS = frozenset({"mention", "mentions", "mentioned", "mentioning"})
_IGNORED_PARENTS = frozenset({"pre", "code", "a", "style", "script"})


def _default_base(environ: dict[str, str]) -> str:
    ssl, host = environ.get("SSL", ""), environ.get("GITHUB_HOSTNAME", "")
    if ssl and host:
        return ("https://" if ssl == "true" else "http://") + host.rstrip("/")
    return GITHUB_DOT_COM


def mention_base(config: dict[str, Any], data: dict[str, Any], environ: dict[str, str] | None = None) -> str:
    """The profile URL base: the page's ``jekyll-mentions`` if it has one, else the site's."""
    setting = data["jekyll-mentions"] if "jekyll-mentions" in data else config.get("jekyll-mentions")
    default = _default_base(dict(os.environ) if environ is None else environ)
    if setting is None:
        return default
    if isinstance(setting, str):
        return setting
    if isinstance(setting, dict):
        return str(setting.get("base_url", default))
    raise PostforgeError(
        "Your jekyll-mentions config has to either be a string or a hash. "
        f"It's a {type(setting).__name__} right now."
    )


def is_mentionable(kind: str, write: bool, output_ext: str, permalink: Any, data: dict[str, Any]) -> bool:
    """Pages, and documents that are written, whose output is HTML; not with ``jekyll-mentions: false``."""
    html = output_ext == ".html" or (isinstance(permalink, str) and permalink.endswith("/"))
    return (kind == "page" or write) and html and data.get("jekyll-mentions") is not False


def link_mentions(text: str, base: str) -> str:
    """Every mention in one text node's HTML made a link."""
    url = base if re.search(r"[/~]\Z", base) else base + "/"

    def link(match: re.Match[str]) -> str:
        login = match.group(1)
        if login.lower() in _MENTION_WORDS:
            return match.group(0)
        return match.group(0).replace(f"@{login}", f"<a href='{url}{login}' class='user-mention'>@{login}</a>", 1)

    return MENTION.sub(link, text)


def mentionify(output: str, base: str) -> str | None:
    """The page with its mentions linked, or None when the gem would leave it as it is."""
    if "@" not in output:
        return None
    before, body, after = split_body(output)
    if not MENTION.search(body):
        return None

    def change(node: Text) -> str | None:
        source = text_html(node)
        if "@" not in source:
            return None
        linked = link_mentions(source, base)
        return linked if linked != source else None

    root = parse(body)
    replace_text(root, _IGNORED_PARENTS, change)
    return before + serialize(root) + after


@hookimpl
def document_post_render(site: Any, document: Any, output: str) -> str | None:
    data = document.data
    write = document.kind == "page" or bool(getattr(document, "write", False))
    if not is_mentionable(document.kind, write, document.output_ext, data.get("permalink"), data):
        return None
    return mentionify(output, mention_base(site.config, data))
