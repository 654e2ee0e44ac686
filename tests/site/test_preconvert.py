"""Markdown converted while the site is read (``incremental.preconvert``): only what the render
would convert the same way, found by the render workers, and a site equal to a one-process build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postforge.config import load_config
from postforge.incremental import preconvert
from postforge.incremental.preconvert import Preconverter
from postforge.incremental.preconvert import start_early
from postforge.incremental.preconvert import stop_early
from postforge.markdown import markdownify
from postforge.pickling import loads
from postforge.reading import prefetch as prefetching
from postforge.reading import walker
from postforge.site import Site
from postforge.site import build
from site_files import tree
from site_files import write_site


def _posts(count: int) -> dict[str, str]:
    return {f"_posts/2024-01-{day:02d}-p{day}.md": f"---\ntitle: P{day}\n---\nPost *{day}*.\n\nMore of {day}.\n"
            for day in range(1, count + 1)}


def _shards(source: Path) -> list[dict[bytes, str]]:
    folder = source / ".postforge-cache" / "markdown"
    return [loads((folder / name).read_bytes())[1] for name in sorted(os.listdir(folder))]


def test_bodies_without_liquid_are_converted_into_the_cache(tmp_path: Path) -> None:
    files = {
        "_posts/2024-01-01-plain.md": "---\ntitle: Plain\n---\nSome *text*.\n",
        "_posts/2024-01-02-liquid.md": "---\ntitle: Liquid\n---\n{{ page.title }} *text*.\n",
        "_posts/2024-01-03-raw.md": "---\nrender_with_liquid: false\n---\nRaw {{ braces }} *text*.\n",
        "_posts/2024-01-04-none.md": "No front matter *text*.\n",
        "_posts/2024-01-05-page.html": "---\n---\n<p>not Markdown</p>\n",
    }
    source = write_site(tmp_path / "src", files)
    site = Site(load_config(source, None, {"source": str(source), "incremental": True}))
    assert site.markdown_cache is not None
    converting = Preconverter.start(site, sorted(files))
    converting.finish(stop=False)
    converted = {html for shard in _shards(source) for html in shard.values()}
    config = site.converters.for_ext(".md").config
    assert converted == {markdownify("Some *text*.\n", config), markdownify("Raw {{ braces }} *text*.\n", config)}
    cache = site.markdown_cache
    assert cache.get(cache.key("Some *text*.\n")) == markdownify("Some *text*.\n", config)


@pytest.mark.parametrize("stop", [True, False])
def test_the_build_is_the_same_and_converts_each_body_once(stop: bool, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped when reading ends, or left to convert everything first: the workers find what it
    converted and do not write it again."""
    monkeypatch.setattr(prefetching, "MIN_DOCUMENTS", 1)
    finish = Preconverter.finish
    monkeypatch.setattr(Preconverter, "finish", lambda self: finish(self, stop=stop))
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\n", **_posts(28)})
    build(source, tmp_path / "incremental", overrides={"jobs": 2, "incremental": True})
    build(source, tmp_path / "plain", overrides={"jobs": 1})
    assert tree(tmp_path / "incremental") == tree(tmp_path / "plain")
    keys = [key for shard in _shards(source) for key in shard]
    assert len(keys) == len(set(keys))
    if not stop:
        assert len(keys) == 28  # the bodies, all converted before the render (excerpts are not shown)



def test_layouts_compiled_while_reading_are_the_parents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The process compiles the layouts into the template cache; the parent, compiling them
    before it forks, loads them from there instead of compiling again. A layout that does not
    compile is left to the parent, which reports it."""
    files = {
        "_layouts/default.html": "---\n---\n<main>{{ content }}</main>{% for p in site.posts %}{{ p.title }}{% endfor %}\n",
        "_layouts/post.html": "---\nlayout: default\n---\n<h1>{{ page.title | escape }}</h1>{{ content }}\n",
        "_layouts/broken.html": "---\n---\n{% if %}\n",
        "_layouts/plain.html": "---\n---\nno markup\n",
    }
    source = write_site(tmp_path / "src", {**files, **_posts(3)})
    site = Site(load_config(source, None, {"source": str(source), "incremental": True}))
    converting = Preconverter.start(site, sorted(_posts(3)))
    converting.finish(stop=False)
    cached = list((source / ".postforge-cache" / "liquid").rglob("*.pyc"))
    assert len(cached) == 2  # default and post: the broken one failed, the plain one needs no engine
    parse = type(site.env).parse
    monkeypatch.setattr(type(site.env), "parse", lambda *a, **k: pytest.fail("compiled again"))
    for name in ("default", "post"):
        text = (source / "_layouts" / f"{name}.html").read_text().split("---\n", 2)[2]
        template = site.env.from_string(text, name=f"_layouts/{name}.html", line_offset=2 if name == "default" else 3)
        assert template.render({"content": "x", "page": {"title": "<T>"}, "site": {"posts": []}})
    monkeypatch.setattr(type(site.env), "parse", parse)
    with pytest.raises(Exception, match="if"):
        site.env.from_string("{% if %}\n", name="_layouts/broken.html", line_offset=2)


def _shard_names(source: Path) -> list[str]:
    return sorted(os.listdir(source / ".postforge-cache" / "markdown"))


def one_converter_for_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any number of documents is enough; the build must take over the early process, not fork
    its own; and that process converts every body before the render (so the workers convert none)."""
    monkeypatch.setattr(walker, "MIN_DOCUMENTS", 1)
    monkeypatch.setattr(prefetching, "MIN_DOCUMENTS", 1)
    monkeypatch.setattr(Preconverter, "start", lambda *a: pytest.fail("a second process was forked"))
    finish = Preconverter.finish
    monkeypatch.setattr(Preconverter, "finish", lambda self: finish(self, stop=False))


def test_a_first_build_takes_over_the_process_started_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``postforge build -I`` forks the converting process before it sets the build up; the
    build uses that one (no second is forked), its shards are the build's own, and the site is
    the same as a one-process build's."""
    one_converter_for_all(monkeypatch)
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\nincremental: true\n", **_posts(28)})
    start_early(source, tmp_path / "early", None, {"jobs": 2})
    build(source, tmp_path / "early", overrides={"jobs": 2})
    build(source, tmp_path / "plain", overrides={"jobs": 1, "incremental": False})
    assert tree(tmp_path / "early") == tree(tmp_path / "plain")
    stop_early()  # (what the program does after a build: here, nothing is left to stop)
    names = _shard_names(source)
    assert len({name.split("-")[0] for name in names}) == 1  # one build's
    assert len({name.split("-")[1] for name in names}) == 1  # one process's: the workers found all converted
    keys = [key for shard in _shards(source) for key in shard]
    assert len(keys) == len(set(keys)) == 28
    assert not preconvert._EARLY


@pytest.mark.parametrize("why", ["not incremental", "model kept", "one job", "site plugins", "few documents"])
def test_the_process_started_early_ends_without_converting(why: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the build will not read and render every document with workers, the early process
    ends on its own, having converted nothing."""
    if why != "few documents":
        monkeypatch.setattr(walker, "MIN_DOCUMENTS", 1)
    files = {"_config.yml": "time: 2024-06-01\n", **_posts(5)}
    if why == "site plugins":
        files["_plugins/noop.py"] = "# a site plugin could change how Markdown converts\n"
    source = write_site(tmp_path / "src", files)
    overrides = {"jobs": 1 if why == "one job" else 2, "incremental": why != "not incremental"}
    if why == "model kept":
        build(source, tmp_path / "before", overrides=overrides)
    before = _shard_names(source) if (source / ".postforge-cache" / "markdown").is_dir() else []
    start_early(source, tmp_path / "out", None, overrides)
    if why == "model kept":  # seen before forking: nothing is started
        assert not preconvert._EARLY
    else:
        pid, stop, _build = preconvert._EARLY.pop()
        preconvert._end(pid, stop, stop=False)  # not told to stop: it ends on its own, or converts all
    after = _shard_names(source) if (source / ".postforge-cache" / "markdown").is_dir() else []
    assert after == before


def test_the_process_converts_until_the_render_begins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It is stopped (and what it converted loaded) after the parent has prepared the render, just
    before the workers fork, not when reading ends; and once only."""
    from postforge.render.pipeline import Renderer

    monkeypatch.setattr(prefetching, "MIN_DOCUMENTS", 1)
    monkeypatch.setattr(walker, "MIN_DOCUMENTS", 1)
    events: list[str] = []
    prepare, finish = Renderer.prepare, Preconverter.finish
    monkeypatch.setattr(Renderer, "prepare", lambda self: (events.append("prepare"), prepare(self))[1])
    monkeypatch.setattr(Preconverter, "finish",
                        lambda self, **kw: (events.append("finish" if self.pid else "again"), finish(self, **kw))[1])
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\n", **_posts(12)})
    build(source, tmp_path / "out", overrides={"jobs": 2, "incremental": True})
    assert events[:3] == ["prepare", "finish", "again"]
    build(source, tmp_path / "plain", overrides={"jobs": 1})
    assert tree(tmp_path / "out") == tree(tmp_path / "plain")


def test_the_program_ends_an_early_process_it_did_not_adopt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that did not take the early process over (here: none ran) ends it, at once."""
    monkeypatch.setattr(walker, "MIN_DOCUMENTS", 1)
    source = write_site(tmp_path / "src", {"_config.yml": "time: 2024-06-01\n", **_posts(5)})
    start_early(source, tmp_path / "out", None, {"jobs": 2, "incremental": True})
    pid = preconvert._EARLY[0][0]
    stop_early()
    assert not preconvert._EARLY
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # ended, and reaped
