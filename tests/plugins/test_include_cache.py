"""jekyll-include-cache: ``{% include_cached %}`` reads as ``include`` and renders once per key.

Whole sites (first rendered page wins, parameters by value, dynamic names, data lists) are
compared with Jekyll 4.3.1 and the jekyll-include-cache 0.2.1 gem in
tests/compat/sites/plugin-include-cache; here, the markup, the key, the cache's lifetime.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postforge.config import load_config
from postforge.liquid import Environment
from postforge.liquid.errors import LiquidError
from postforge.plugins.include_cache import cache_key
from postforge.plugins.include_cache import parse_markup
from postforge.plugins.include_cache import register_liquid
from postforge.site import Site


@pytest.mark.parametrize(
    "markup, expect",
    [
        ("card.html", ("card.html", False, None)),
        ("  card.html  ", ("card.html", False, None)),
        ('card.html title="Hi" body=page.summary',
         ("card.html", False, (("title", "Hi", None), ("body", None, "page.summary")))),
        ("card.html t='it''s'", None),
        ("card.html t='single \"q\"'", ("card.html", False, (("t", 'single "q"', None),))),
        ('card.html t="say \\"hi\\""', ("card.html", False, (("t", 'say "hi"', None),))),
        ("{{ page.inc }} n=1", ("{{ page.inc }}", True, (("n", None, "1"),))),
        ("nav-{{ lang }}.html", ("nav-{{ lang }}.html", True, None)),
    ],
)
def test_parse_markup(markup: str, expect: tuple | None) -> None:
    if expect is None:
        with pytest.raises(LiquidError, match="Invalid syntax for include tag"):
            parse_markup(markup)
    else:
        assert parse_markup(markup) == expect


def test_parse_markup_refuses_bare_words() -> None:
    with pytest.raises(LiquidError, match="Invalid syntax for include tag: title"):
        parse_markup("card.html title")


class Thing:
    """An object that is not a plain value (as a page or post is): it counts by identity."""


THING = Thing()


@pytest.mark.parametrize(
    "left, right, same",
    [
        (("a.html", None), ("a.html", None), True),
        (("a.html", None), ("b.html", None), False),
        (("a.html", None), ("a.html", {}), False),
        (("a.html", {"x": 1, "y": "2"}), ("a.html", {"y": "2", "x": 1}), True),
        (("a.html", {"x": 1}), ("a.html", {"x": "1"}), False),
        (("a.html", {"x": 1}), ("a.html", {"x": 1.0}), False),
        (("a.html", {"x": 1}), ("a.html", {"x": True}), False),
        (("a.html", {"x": [1, {"k": "v"}]}), ("a.html", {"x": [1, {"k": "v"}]}), True),
        (("a.html", {"x": {"a": 1, "b": 2}}), ("a.html", {"x": {"b": 2, "a": 1}}), True),
        (("a.html", {"x": THING}), ("a.html", {"x": THING}), True),
        (("a.html", {"x": THING}), ("a.html", {"x": Thing()}), False),
    ],
)
def test_cache_key(left: tuple, right: tuple, same: bool) -> None:
    assert (cache_key(*left) == cache_key(*right)) is same
    if same:
        assert hash(cache_key(*left)) == hash(cache_key(*right))


def _env(partials: dict[str, str]) -> Environment:
    env = Environment(partials=partials)
    register_liquid(env=env)
    return env


@pytest.mark.parametrize(
    "template, data, expect",
    [
        ('{% include_cached card.html t="a" %}', {}, "[a]"),
        ('{% include_cached card.html t=who %}', {"who": "b"}, "[b]"),
        ("{% include_cached card.html %}", {}, "[]"),
        ('{% include_cached {{ name }} t="c" %}', {"name": "card.html"}, "[c]"),
        ('{% include_cached card.html t="x" %}{% include card.html t="y" %}', {}, "[x][y]"),
    ],
)
def test_renders_as_include(template: str, data: dict, expect: str) -> None:
    assert _env({"card.html": "[{{ include.t }}]"}).from_string(template).render(data) == expect


def test_same_key_renders_once() -> None:
    env = _env({"stamp.html": "<{{ page.title }}>", "card.html": "[{{ include.t }}{{ page.title }}]"})
    template = env.from_string('{% include_cached stamp.html %}{% include_cached card.html t="1" %}')
    assert template.render({"page": {"title": "first"}}) == "<first>[1first]"
    assert template.render({"page": {"title": "second"}}) == "<first>[1first]"
    other = env.from_string('{% include_cached card.html t="2" %}{% include stamp.html %}')
    assert other.render({"page": {"title": "third"}}) == "[2third]<third>"


def test_each_build_starts_with_an_empty_cache(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "_includes").mkdir(parents=True)
    (source / "_config.yml").write_text("plugins: [include-cache]\n")
    (source / "_includes" / "note.html").write_text("{{ site.data.note.text }}")
    (source / "_data").mkdir()
    (source / "_data" / "note.yml").write_text("text: before\n")
    (source / "a.html").write_text("---\n---\n{% include_cached note.html %}")
    config = load_config(source, None, {"source": str(source), "destination": str(tmp_path / "site")})
    site = Site(config)
    site.build()
    assert (tmp_path / "site" / "a.html").read_text() == "before"
    (source / "_data" / "note.yml").write_text("text: after\n")
    site.build()
    assert (tmp_path / "site" / "a.html").read_text() == "after"


def test_missing_file_is_an_include_error(tmp_path: Path) -> None:
    env = _env({})
    with pytest.raises(LiquidError):
        env.from_string("{% include_cached nope.html %}").render({})
