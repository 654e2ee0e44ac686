"""Reading time: how long each post takes to read, as a filter, a tag, a badge and a page of its own.

A site enables it by saving this file as ``_plugins/reading_time.py``; a package enables it by
listing the module under the ``postforge.plugins`` entry point group. Settings, all optional::

    reading_time:
      words_per_minute: 200
      permalink: /reading/
"""

from __future__ import annotations

import math
import re
from html import escape
from typing import Any

from postforge.hooks import hookimpl

__all__ = ["minutes", "settings"]

DEFAULTS = {"words_per_minute": 200, "permalink": "/reading/"}
WORD = re.compile(r"\w[\w'’-]*")
MARKUP = re.compile(r"<[^>]*>")

# the generated page is ordinary Liquid, so a site can restyle it through its layout
READING_LIST = """\
<p>Reading every post takes {{ site.reading_minutes }} min.</p>
<ol class="reading-list">
{%- for post in site.posts %}
  <li><a href="{{ post.url | relative_url }}">{{ post.title }}</a> ({{ post.minutes }} min)</li>
{%- endfor %}
</ol>
"""


# -- the pure core: plain functions, tested by a table ---------------------------------------------


def settings(config: dict[str, Any]) -> dict[str, Any]:
    """The site's ``reading_time:`` over the defaults; a value that is not a mapping is ignored."""
    value = config.get("reading_time")
    return {**DEFAULTS, **(value if isinstance(value, dict) else {})}


def minutes(text: str, words_per_minute: int) -> int:
    """Whole minutes to read ``text``, at least one; HTML tags are not words."""
    words = len(WORD.findall(MARKUP.sub(" ", text)))
    return max(1, math.ceil(words / words_per_minute))


# -- the hooks: thin, each hands its arguments to the core -------------------------------------------


@hookimpl
def register_liquid(env, site):
    pace = int(settings(site.config)["words_per_minute"])
    # {{ page.content | reading_time }} → "2 min read"
    env.add_filter("reading_time", lambda text: f"{minutes(str(text or ''), pace)} min read")

    # {% aside "Tip" %}…{% endaside %}: a block tag; its markup is a Liquid expression
    def aside(ctx, markup, body):
        title = ctx.evaluate(markup) if markup.strip() else "Note"
        return f'<aside class="aside"><strong>{escape(str(title))}</strong> {body.strip()}</aside>'

    env.add_tag("aside", aside, block=True)


@hookimpl
def site_post_read(site):
    # every post knows its reading time before anything renders, so any page can list them
    pace = int(settings(site.config)["words_per_minute"])
    for post in site.content.posts.docs:
        post.data["minutes"] = minutes(post.content, pace)
    site.liquid_site["reading_minutes"] = sum(post.data["minutes"] for post in site.content.posts.docs)


@hookimpl
def generate(site):
    data = {"title": "Reading time", "layout": "default", "permalink": settings(site.config)["permalink"]}
    return [site.new_page("reading.html", data, READING_LIST)]


@hookimpl
def document_post_convert(document, html):
    # a badge above each post's body, inside its layout
    if document.kind == "document" and document.collection == "posts":
        return f'<p class="reading-time">{document.data["minutes"]} min read</p>\n{html}'
    return None
