"""The benchmark blog of issue 9, written twice: as a Jekyll site and as the equivalent Hugo site.

    python benchmarks/site_gen.py --posts 1000 OUT   # writes OUT/jekyll and OUT/hugo

``site_bench.py`` uses it; it is a module of its own so the site can be generated and looked at
(or built by hand) without timing anything.  Both sites hold the same posts (same titles, dates,
tags, categories and Markdown bodies) and the same pages, so a build time measures the tool and
not the content:

- every post, with its tags, categories, previous/next links and the sidebar;
- a sidebar of the 10 most recent posts on every HTML page (rendered per page: Jekyll has no
  cache for includes, so the Hugo partial is a plain ``partial``, not ``partialCached``);
- an index of the 20 newest posts with their excerpts (the first paragraph, cut at
  ``<!--more-->`` in both tools);
- one page per tag (40) and per category (8) listing its posts, newest first;
- an Atom feed of the 20 newest posts with their full content at ``/feed.xml``.

The Jekyll site needs no gem or plugin: tag and category pages are ordinary pages written here,
one per tag, whose layout reads ``site.tags[page.tag]``; the feed is a Liquid page.  The Hugo
site uses taxonomies for the same pages, a custom ``Atom`` output format for the feed, and turns
off every page kind the Jekyll site does not have (section lists, taxonomy lists, RSS, sitemap,
robots.txt, 404), so both write the same set of pages.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
from pathlib import Path

TAGS = [f"tag-{number:02d}" for number in range(40)]
CATEGORIES = [f"cat-{number}" for number in range(8)]
TAGS_PER_POST = 3
START = dt.datetime(2008, 1, 1, 6, 0, 0)
#: posts are 13 hours apart: distinct times (a stable order) and several posts on some days
STEP = dt.timedelta(hours=13)
WORDS = (
    "static site generator build layout template liquid markdown post page feed tag category "
    "sidebar cache render index archive theme include front matter permalink excerpt content "
    "python ruby go fast slow memory disk parallel process thread output source draft collection"
).split()

JEKYLL_CONFIG = """\
title: Benchmark blog
url: "https://example.com"
baseurl: ""
timezone: UTC
permalink: /:year/:month/:day/:title/
excerpt_separator: "<!--more-->"
markdown: kramdown
"""

JEKYLL_DEFAULT = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ page.title | escape }} | {{ site.title | escape }}</title>
<link rel="alternate" type="application/atom+xml" href="{{ '/feed.xml' | relative_url }}">
</head>
<body>
<header><a href="{{ '/' | relative_url }}">{{ site.title | escape }}</a></header>
<main>
{{ content }}
</main>
{% include sidebar.html %}
</body>
</html>
"""

JEKYLL_SIDEBAR = """\
<aside>
<h2>Recent posts</h2>
<ul>
{%- for post in site.posts limit: 10 %}
<li><a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a> <time>{{ post.date | date: "%Y-%m-%d" }}</time></li>
{%- endfor %}
</ul>
</aside>
"""

JEKYLL_POST = """\
---
layout: default
---
<article>
<h1>{{ page.title | escape }}</h1>
<p><time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: "%B %-d, %Y" }}</time></p>
<p>Categories:{% for category in page.categories %} <a href="{{ '/categories/' | append: category | append: '/' | relative_url }}">{{ category }}</a>{% endfor %}</p>
<p>Tags:{% for tag in page.tags %} <a href="{{ '/tags/' | append: tag | append: '/' | relative_url }}">{{ tag }}</a>{% endfor %}</p>
{{ content }}
</article>
<nav>
{%- if page.previous %}
<a rel="prev" href="{{ page.previous.url | relative_url }}">{{ page.previous.title | escape }}</a>
{%- endif %}
{%- if page.next %}
<a rel="next" href="{{ page.next.url | relative_url }}">{{ page.next.title | escape }}</a>
{%- endif %}
</nav>
"""

JEKYLL_LISTING = """\
---
layout: default
---
<h1>{{ page.title | escape }}</h1>
<ul>
{%- for post in site.@KIND@[page.@KEY@] %}
<li><a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a> <time>{{ post.date | date: "%Y-%m-%d" }}</time></li>
{%- endfor %}
</ul>
"""

JEKYLL_INDEX = """\
---
layout: default
title: Home
---
{%- for post in site.posts limit: 20 %}
<article>
<h2><a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></h2>
<p><time>{{ post.date | date: "%B %-d, %Y" }}</time></p>
{{ post.excerpt }}
</article>
{%- endfor %}
"""

JEKYLL_FEED = """\
---
---
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>{{ site.title | xml_escape }}</title>
<link href="{{ '/feed.xml' | absolute_url }}" rel="self"/>
<link href="{{ '/' | absolute_url }}"/>
<updated>{{ site.posts.first.date | date_to_xmlschema }}</updated>
<id>{{ '/' | absolute_url }}</id>
{%- for post in site.posts limit: 20 %}
<entry>
<title>{{ post.title | xml_escape }}</title>
<link href="{{ post.url | absolute_url }}"/>
<updated>{{ post.date | date_to_xmlschema }}</updated>
<id>{{ post.url | absolute_url }}</id>
<content type="html">{{ post.content | xml_escape }}</content>
</entry>
{%- endfor %}
</feed>
"""

HUGO_CONFIG = """\
baseURL = "https://example.com/"
title = "Benchmark blog"
timeZone = "UTC"
disableKinds = ["section", "taxonomy", "RSS", "sitemap", "robotsTXT", "404"]
ignoreErrors = ["error-disable-taxonomy"]

[taxonomies]
tag = "tags"
category = "categories"

[permalinks]
posts = "/:year/:month/:day/:slug/"

[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[outputFormats.Atom]
mediaType = "application/atom+xml"
baseName = "feed"
isPlainText = true

[outputs]
home = ["HTML", "Atom"]

[markup.goldmark.renderer]
unsafe = true
"""

HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ site.Title }}</title>
<link rel="alternate" type="application/atom+xml" href="{{ "feed.xml" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
{{ partial "sidebar.html" . }}
</body>
</html>
"""

HUGO_SIDEBAR = """\
<aside>
<h2>Recent posts</h2>
<ul>
{{- range first 10 site.RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{- end }}
</ul>
</aside>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time></p>
<p>Categories:{{ range .GetTerms "categories" }} <a href="{{ .RelPermalink }}">{{ .Name }}</a>{{ end }}</p>
<p>Tags:{{ range .GetTerms "tags" }} <a href="{{ .RelPermalink }}">{{ .Name }}</a>{{ end }}</p>
{{ .Content }}
</article>
<nav>
{{- with .Prev }}
<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>
{{- end }}
{{- with .Next }}
<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>
{{- end }}
</nav>
{{ end }}
"""

HUGO_TERM = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{- end }}
</ul>
{{ end }}
"""

HUGO_INDEX = """\
{{ define "main" }}
{{- range first 20 site.RegularPages }}
<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time>{{ .Date.Format "January 2, 2006" }}</time></p>
{{ .Summary }}
</article>
{{- end }}
{{ end }}
"""

HUGO_FEED = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>{{ site.Title | htmlEscape }}</title>
<link href="{{ "feed.xml" | absURL }}" rel="self"/>
<link href="{{ "/" | absURL }}"/>
<updated>{{ (index site.RegularPages 0).Date.Format "2006-01-02T15:04:05Z07:00" }}</updated>
<id>{{ "/" | absURL }}</id>
{{- range first 20 site.RegularPages }}
<entry>
<title>{{ .Title | htmlEscape }}</title>
<link href="{{ .Permalink }}"/>
<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated>
<id>{{ .Permalink }}</id>
<content type="html">{{ .Content | htmlEscape }}</content>
</entry>
{{- end }}
</feed>
"""


class Post:
    """One post, shared by both sites so their content is the same."""

    def __init__(self, number: int, rng: random.Random) -> None:
        self.number = number
        self.slug = f"post-{number:05d}"
        self.date = START + STEP * number
        self.title = f"Post {number}: {' '.join(rng.choice(WORDS) for _ in range(4))}"
        # the first tag cycles, so from 40 posts on every tag page has posts (Hugo skips empty terms)
        first = TAGS[number % len(TAGS)]
        self.tags = sorted([first] + rng.sample([tag for tag in TAGS if tag != first], TAGS_PER_POST - 1))
        self.categories = [CATEGORIES[number % len(CATEGORIES)]]
        self.body = _body(number, rng)

    def front_matter(self, hugo: bool) -> str:
        """YAML both tools read; Hugo needs the slug, Jekyll takes it from the file name."""
        date = self.date.strftime("%Y-%m-%dT%H:%M:%SZ" if hugo else "%Y-%m-%d %H:%M:%S +0000")
        lines = [
            "---",
            f'title: "{self.title}"',
            f"date: {date}",
            f"tags: [{', '.join(self.tags)}]",
            f"categories: [{', '.join(self.categories)}]",
        ]
        lines.append(f"slug: {self.slug}" if hugo else "layout: post")
        return "\n".join(lines) + "\n---\n"

    def jekyll_path(self) -> str:
        return f"_posts/{self.date.strftime('%Y-%m-%d')}-{self.slug}.md"

    def hugo_path(self) -> str:
        return f"content/posts/{self.slug}.md"


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, number: int, index: int) -> str:
    sentences = [_sentence(rng, rng.randint(8, 16)) for _ in range(4)]
    sentences[1] = sentences[1][:-1] + f" with *emphasis* and `code {index}`."
    sentences[2] = sentences[2][:-1] + f" and [a link](https://example.com/{number}/{index})."
    return " ".join(sentences)


def _body(number: int, rng: random.Random) -> str:
    """About 350 words: an excerpt paragraph, a heading, paragraphs and a list."""
    parts = [_paragraph(rng, number, 0), "<!--more-->", f"## Part one of post {number}"]
    parts += [_paragraph(rng, number, index) for index in range(1, 4)]
    parts.append("\n".join(f"- {_sentence(rng, 6)}" for _ in range(4)))
    parts.append("## Part two")
    parts += [_paragraph(rng, number, index) for index in range(4, 6)]
    return "\n\n".join(parts) + "\n"


def make_posts(count: int, seed: int = 9) -> list[Post]:
    rng = random.Random(seed)
    return [Post(number, rng) for number in range(count)]


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_jekyll(root: Path, posts: list[Post]) -> None:
    """The Jekyll site (postforge builds this one too)."""
    _write(root, "_config.yml", JEKYLL_CONFIG)
    _write(root, "_layouts/default.html", JEKYLL_DEFAULT)
    _write(root, "_layouts/post.html", JEKYLL_POST)
    _write(root, "_layouts/tag.html", JEKYLL_LISTING.replace("@KIND@", "tags").replace("@KEY@", "tag"))
    _write(root, "_layouts/category.html", JEKYLL_LISTING.replace("@KIND@", "categories").replace("@KEY@", "category"))
    _write(root, "_includes/sidebar.html", JEKYLL_SIDEBAR)
    _write(root, "index.html", JEKYLL_INDEX)
    _write(root, "feed.xml", JEKYLL_FEED)
    for kind, key, names in (("tags", "tag", TAGS), ("categories", "category", CATEGORIES)):
        for name in names:
            front = f'layout: {key}\n{key}: {name}\ntitle: "{key.title()}: {name}"\npermalink: /{kind}/{name}/'
            _write(root, f"{kind}/{name}.html", f"---\n{front}\n---\n")
    for post in posts:
        _write(root, post.jekyll_path(), post.front_matter(hugo=False) + post.body)


def write_hugo(root: Path, posts: list[Post]) -> None:
    """The same site for Hugo."""
    _write(root, "config.toml", HUGO_CONFIG)
    _write(root, "layouts/_default/baseof.html", HUGO_BASEOF)
    _write(root, "layouts/_default/single.html", HUGO_SINGLE)
    _write(root, "layouts/_default/term.html", HUGO_TERM)
    _write(root, "layouts/index.html", HUGO_INDEX)
    _write(root, "layouts/index.atom.xml", HUGO_FEED)
    _write(root, "layouts/partials/sidebar.html", HUGO_SIDEBAR)
    for post in posts:
        _write(root, post.hugo_path(), post.front_matter(hugo=True) + post.body)


def edit_post(root: Path, post: Post, round_number: int, hugo: bool) -> None:
    """A new title and one more paragraph for a post, as a writer would make them.

    The shared ``Post`` is not changed, so every tool's copy gets the same edit in each round.
    """
    edited = copy.copy(post)
    edited.title = f"Post {post.number}: edited in round {round_number}"
    edited.body = post.body + f"\nA paragraph added in round {round_number}.\n"
    _write(root, post.hugo_path() if hugo else post.jekyll_path(), edited.front_matter(hugo) + edited.body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    posts = make_posts(args.posts)
    write_jekyll(args.out / "jekyll", posts)
    write_hugo(args.out / "hugo", posts)
    print(f"wrote {args.out / 'jekyll'} and {args.out / 'hugo'} ({args.posts} posts)")


if __name__ == "__main__":
    main()
