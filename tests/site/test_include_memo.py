"""Includes rendered once per build (``IncludeMemo``) give every page what its own render would.

A blog whose layout includes a sidebar of the newest posts (kept), a footer with the site's
description in Markdown (kept), the post's related posts (its own: not kept), the first words of
the newest posts' content (changes as posts render: not kept), a counter (changes the context: not
kept), a list of posts that a later ``offset: continue`` resumes, and the sidebar again inside a
loop. Built with ``-I`` (the memo, with one worker and with two) it must be byte for byte the site
a build without it gives; and what the memo kept is what it may keep.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from postforge.liquid.drops import Drop
from postforge.liquid.environment import Environment
from postforge.liquid.runtime import RenderContext
from postforge.render.tracking import IncludeMemo
from postforge.render.tracking import Recorder
from postforge.site import build

LAYOUT = """\
<html><body>{{ content }}
{% include sidebar.html %}
{% include footer.html %}
{% include related.html %}
{% include newest_content.html %}
{% include counter.html %}{% include counter.html %}
{% include first_three.html %}|{% for post in site.posts offset: continue limit: 2 %}{{ post.title }};{% endfor %}
{% for i in (1..2) %}{% include sidebar.html %}{% endfor %}
</body></html>
"""
INCLUDES = {
    "sidebar.html": '<aside>{% for post in site.posts limit: 4 %}<a href="{{ post.url | relative_url }}">'
                    '{{ post.title | escape }}</a> {{ post.date | date: "%Y-%m-%d" }}{% endfor %}</aside>\n',
    "footer.html": "<footer>{{ site.title }}: {{ site.description | markdownify }}</footer>\n",
    "related.html": "<ul>{% for post in site.related_posts limit: 2 %}<li>{{ post.title }}</li>{% endfor %}</ul>\n",
    "newest_content.html": "{% for post in site.posts limit: 2 %}[{{ post.content | strip_html | truncate: 30 }}]"
                           "{% endfor %}\n",
    "counter.html": "({% increment shown %})",
    "first_three.html": "{% for post in site.posts limit: 3 %}{{ post.title }};{% endfor %}",
}


def _site(root: Path) -> Path:
    source = root / "source"
    (source / "_layouts").mkdir(parents=True)
    (source / "_includes").mkdir()
    (source / "_posts").mkdir()
    (source / "_config.yml").write_text(
        "title: Memo\ndescription: A *short* note\ntime: 2024-06-01 12:00:00 +0000\ntimezone: UTC\n"
    )
    (source / "_layouts" / "default.html").write_text(LAYOUT)
    for name, text in INCLUDES.items():
        (source / "_includes" / name).write_text(text)
    for number in range(12):
        (source / "_posts" / f"2024-01-{number + 1:02d}-post-{number}.md").write_text(
            f"---\ntitle: Post {number}\nlayout: default\n---\nThe body of post {number}, *rendered*.\n"
        )
    (source / "about.md").write_text("---\ntitle: About\nlayout: default\n---\nAbout this blog.\n")
    return source


def _same_trees(left: Path, right: Path) -> None:
    files = sorted(p.relative_to(left) for p in left.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(right) for p in right.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(left, right, [str(f) for f in files], shallow=False)
    assert (mismatch, errors) == ([], [])


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_with_the_memo_is_the_build_without_it(tmp_path: Path, jobs: int) -> None:
    source = _site(tmp_path)
    build(source, tmp_path / "plain", jobs=1)  # (no recorder: no memo)
    build(source, tmp_path / "memo", overrides={"incremental": True}, jobs=jobs)
    _same_trees(tmp_path / "plain", tmp_path / "memo")
    page = (tmp_path / "memo" / "2024" / "01" / "05" / "post-4.html").read_text()
    assert "Post 11;Post 10;Post 9;|Post 8;Post 7;" in page  # the loop after the kept include resumed
    assert "(0)(1)" in page
    assert page.count("<aside>") == 3


def _render(env: Environment, memo: IncludeMemo, recorder: Recorder, data: dict[str, object]) -> tuple[str, set]:
    with recorder.unit() as reads:
        text = env.from_string("{% include part.html %}").render(data, {"include_memo": memo})
    return text, reads


def test_the_memo_keeps_a_render_and_gives_later_pages_its_reads() -> None:
    recorder = Recorder()

    class Site(Drop):  # (reads go to the recorder, as the site's tracking drop's do)
        def __init__(self) -> None:
            self.title = "T"

        def liquid_get(self, key: str) -> object:
            recorder.read("S", key)
            return getattr(self, key, None)

    site = Site()
    env = Environment(partials={"part.html": "{{ site.title }}!"})
    memo = IncludeMemo(recorder, site)
    first, first_reads = _render(env, memo, recorder, {"site": site})
    site.title = "changed, which a steady build never does"
    second, second_reads = _render(env, memo, recorder, {"site": site})
    assert first == second == "T!"  # the second is the kept text
    assert second_reads == first_reads == {("S", "title")}
    other = {"site": {"title": "another site"}}  # not the site the memo is for: rendered
    assert _render(env, memo, recorder, other)[0] == "another site!"


@pytest.mark.parametrize("read", [("d:_posts/x.md", "content"), ("p:about.md", "output"), ("S", "related_posts"),
                                  ("X", "plugin_value")])
def test_an_include_that_read_what_changes_while_rendering_is_rendered_every_time(read: tuple[str, str]) -> None:
    recorder = Recorder()
    env = Environment()
    site = {"x": 1}
    template = env.from_string("{{ site.x }}", "part.html")
    memo = IncludeMemo(recorder, site)
    renders: list[str] = []

    def render() -> str:
        recorder.read(*read)
        renders.append(str(len(renders)))
        return renders[-1]

    texts = [memo(template, RenderContext(env, {"site": site}), {}, render) for _ in range(3)]
    assert texts == ["0", "1", "2"]


def test_a_caller_loop_variable_named_site_is_not_the_site() -> None:
    recorder = Recorder()
    env = Environment()
    site = {"x": 1}
    template = env.from_string("{{ site.x }}", "part.html")
    memo = IncludeMemo(recorder, site)
    texts = [memo(template, RenderContext(env, {"site": site}), {"site": n}, lambda n=n: str(n)) for n in range(2)]
    assert texts == ["0", "1"]
