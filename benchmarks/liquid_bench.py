"""Liquid render throughput: postforge against python-liquid, in one run, on layout-like templates.

    python benchmarks/liquid_bench.py [--repeat 30]

Both engines render the same templates with the same data: a blog index looping over 100 posts
(filters, conditions, an include per post), a post layout, and a tag cloud. Render and compile
times are measured separately; medians of ``--repeat`` rounds are printed with the ratio.
python-liquid is the ``bench`` extra (``pip install -e '.[bench]'``); without it only postforge runs.
"""

from __future__ import annotations

import argparse
import re
import datetime as dt
import statistics
import time
from typing import Any
from typing import Callable

from postforge.liquid import Environment

INCLUDES = {
    "post-card.html": (
        '<article class="card">\n'
        '  <h2><a href="{{ card.url | relative_url }}">{{ card.title | escape }}</a></h2>\n'
        '  <time>{{ card.date | date: "%b %-d, %Y" }}</time>\n'
        "  {% if card.tags.size > 0 %}<ul>{% for t in card.tags %}"
        '<li class="{% cycle "odd", "even" %}">{{ t | downcase }}</li>{% endfor %}</ul>{% endif %}\n'
        "  <p>{{ card.excerpt | strip_html | truncatewords: 20 }}</p>\n"
        "</article>\n"
    ),
}

TEMPLATES = {
    "index": (
        "<h1>{{ site.title | upcase }}</h1>\n"
        "{% assign posts = site.posts | where: \"published\", true %}\n"
        "{% for post in posts limit: 100 %}"
        "{% assign card = post %}{% include post-card.html %}"
        "{% if forloop.index == 10 %}<hr>{% endif %}"
        "{% endfor %}\n"
        "<p>{{ posts | size }} posts, last {{ posts.first.date | date: \"%Y-%m-%d\" }}</p>\n"
    ),
    "post": (
        "<!doctype html><html><head><title>{{ page.title }} | {{ site.title }}</title></head><body>\n"
        "{% capture crumbs %}{% for c in page.categories %}<a href=\"/{{ c | slugify }}/\">{{ c }}</a>"
        "{% unless forloop.last %} / {% endunless %}{% endfor %}{% endcapture %}{{ crumbs }}\n"
        "<main>{{ content }}</main>\n"
        "{% for post in site.posts limit: 10 %}{% if post.url != page.url %}"
        "<li><a href=\"{{ post.url }}\">{{ post.title | escape }}</a></li>{% endif %}{% endfor %}\n"
        "</body></html>\n"
    ),
    "tags": (
        "{% for tag in site.tag_names %}{% assign n = site.tag_counts[tag] %}"
        "{% case n %}{% when 0 %}{% when 1 %}<span class=\"one\">{{ tag }}</span>"
        "{% else %}<span class=\"{% if n > 5 %}big{% else %}small{% endif %}\">{{ tag | append: \" (\" "
        "| append: n | append: \")\" }}</span>{% endcase %}{% endfor %}\n"
    ),
}


def make_data() -> dict[str, Any]:
    tags = [f"tag{i}" for i in range(40)]
    posts = []
    for i in range(100):
        posts.append(
            {
                "title": f"Post <number> {i}",
                "url": f"/posts/2024/01/{i:02d}/post-{i}.html",
                "date": dt.datetime(2024, 1, 1) + dt.timedelta(days=i),
                "tags": tags[i % 7 : i % 7 + 3],
                "categories": ["notes", "aws"],
                "published": i % 10 != 3,
                "excerpt": "<p>" + " ".join(f"word{j}" for j in range(40)) + "</p>",
            }
        )
    site = {
        "title": "Study notes",
        "baseurl": "",
        "url": "https://example.org",
        "posts": posts,
        "tag_names": tags,
        "tag_counts": {t: (i * 3) % 11 for i, t in enumerate(tags)},
    }
    page = dict(posts[5], content="<p>" + "text " * 500 + "</p>")
    return {"site": site, "page": page, "content": page["content"]}


def median_time(func: Callable[[], Any], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_postforge(data: dict[str, Any], repeat: int) -> tuple[float, float]:
    def compile_all() -> dict[str, Any]:
        env = Environment(partials=INCLUDES)
        return {name: env.from_string(src, name=name) for name, src in TEMPLATES.items()}

    compile_time = median_time(compile_all, max(3, repeat // 5)) / len(TEMPLATES)
    templates = compile_all()
    render_time = median_time(lambda: [t.render(data) for t in templates.values()], repeat)
    return render_time, compile_time


def bench_python_liquid(data: dict[str, Any], repeat: int) -> tuple[float, float] | None:
    try:
        import liquid
    except ImportError:
        return None
    from liquid import DictLoader

    def compile_all() -> dict[str, Any]:
        env = liquid.Environment(loader=DictLoader(INCLUDES))
        env.add_filter("relative_url", lambda value: value)
        env.add_filter("slugify", lambda value: str(value).lower().replace(" ", "-"))
        # python-liquid wants the include name quoted; the templates are otherwise the same
        quoted = {name: re.sub(r"{% include (\S+) %}", r"{% include '\1' %}", src) for name, src in TEMPLATES.items()}
        return {name: env.from_string(src) for name, src in quoted.items()}

    compile_time = median_time(compile_all, max(3, repeat // 5)) / len(TEMPLATES)
    templates = compile_all()
    render_time = median_time(lambda: [t.render(**data) for t in templates.values()], repeat)
    return render_time, compile_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    data = make_data()
    ours = bench_postforge(data, args.repeat)
    theirs = bench_python_liquid(data, args.repeat)
    print(f"postforge      render {ours[0] * 1000:8.2f} ms/round   compile {ours[1] * 1000:7.2f} ms/template")
    if theirs is None:
        print("python-liquid  not installed (pip install -e '.[bench]')")
        return
    print(f"python-liquid  render {theirs[0] * 1000:8.2f} ms/round   compile {theirs[1] * 1000:7.2f} ms/template")
    print(f"render throughput ratio (postforge / python-liquid): {theirs[0] / ours[0]:.2f}x")


if __name__ == "__main__":
    main()
