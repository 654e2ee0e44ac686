"""Names a template resolves once and keeps, and ``relative_url`` given the ``site`` the template
resolved: each checked against the code compiled without them, on a table of templates.

The compiler keeps what a name (``page``, ``site``) resolves to in a local until a statement may
change it (assign, capture, include, increment, a plugin tag or link), and calls
``relative_url_in_site(value, site)`` instead of ``relative_url(ctx, value)``. Every row renders
twice, with and without both, and must give the same text or the same error, with the same drop
reads in the same order.
"""

from __future__ import annotations

from typing import Any

import pytest

from postforge.liquid import Environment
from postforge.liquid.compiler import Compiler
from postforge.liquid.drops import Drop
from postforge.liquid.drops import MappingDrop
from postforge.liquid.errors import LiquidError
from postforge.liquid.filters import jekyll_urls
from postforge.liquid.filters import with_context
from postforge.liquid.runtime import RenderContext


class LogDrop(Drop):
    """A drop that notes every key read, in one log shared by all drops of a render."""

    __slots__ = ("label", "values", "log")

    def __init__(self, label: str, values: dict[str, Any], log: list[tuple[str, Any]]) -> None:
        self.label = label
        self.values = values
        self.log = log

    def liquid_get(self, key: Any) -> Any:
        self.log.append((self.label, key))
        return self.values.get(key) if isinstance(key, str) else None

    def liquid_has(self, key: Any) -> bool:
        self.log.append((self.label, "?" + str(key)))
        return key in self.values

    def liquid_keys(self) -> Any:
        return self.values.keys()


def _data(log: list[tuple[str, Any]]) -> dict[str, Any]:
    other = LogDrop("other", {"title": "O", "url": "/o/"}, log)
    return {
        "page": LogDrop("page", {"title": "T", "url": "/p/", "next": other}, log),
        "other": other,
        "site": LogDrop("site", {"baseurl": "/blog", "title": "S", "url": "https://x.org"}, log),
        "other_site": {"baseurl": "/else"},
        "sites": [{"baseurl": "/one"}, LogDrop("s2", {"baseurl": "/two"}, log)],
        "list": [LogDrop("a", {"title": "T", "url": "/a/"}, log), LogDrop("b", {"title": "B", "url": "b"}, log)],
        "n": 5,
        "name": "url.html",
    }


PARTIALS = {
    "assign.html": "{% assign page = other %}",
    "url.html": "[{{ '/i' | relative_url }}{{ site.baseurl }}]",
    "title.html": "({{ page.title }})",
    "stop.html": "{% break %}",
}

#: (description, template)
TEMPLATES = [
    ("page read many times", "{{ page.title }}{{ page.url }}{{ page.next.title }}{% if page.next %}{{ page.url }}{% endif %}"),
    ("assign between", "{{ page.title }}{% assign page = other %}{{ page.title }}{{ page.url }}"),
    ("assign of another name keeps page",
     "{{ page.title }}{% assign x = page.next %}{{ page.title }}{% assign page = x %}{{ page.title }}{{ x.title }}"),
    ("capture of another name keeps page", "{{ page.title }}{% capture x %}{{ page.url }}{% endcapture %}{{ x }}{{ page.title }}"),
    ("increment of a kept name", "{{ n }}{{ n }}{% increment n %}{{ n }}{% increment m %}{{ n }}{{ m }}{{ m }}"),
    ("assign in a branch", "{{ page.title }}{% if page %}{% assign page = other %}{% endif %}{{ page.title }}"),
    ("capture between", "{{ page.title }}{% capture page %}x{% endcapture %}{{ page }}{{ page.title }}"),
    ("assign inside a capture", "{{ page.title }}{% capture c %}{% assign page = other %}{% endcapture %}{{ page.title }}"),
    ("include that assigns", "{{ page.title }}{% include assign.html %}{{ page.title }}{{ page.url }}"),
    ("dynamic include", "{{ site.title }}{% include {{ name }} %}{{ site.title }}"),
    ("loop variable named page, include reads it",
     "{{ page.title }}{% for page in list %}{% include title.html %}{{ page.title }}{% endfor %}{{ page.title }}"),
    ("assign in a loop", "{% for x in list %}{{ page.title }}{% assign page = x %}{{ page.url }}{% endfor %}{{ page.title }}"),
    ("increment and decrement", "{{ n }}{% increment n %}{{ n }}{% decrement n %}{{ n }}{{ n }}"),
    ("break from an include", "{% for x in list %}{{ page.title }}{% include stop.html %}{{ page.url }}{% endfor %}{{ page.title }}"),
    ("case on a kept name", "{% case page.title %}{% when 'T' %}{{ page.title }}{% assign page = other %}{% endcase %}{{ page.title }}"),
    ("where_exp between", "{{ page.title }}{{ list | where_exp: 'page', 'page.title == \"T\"' | size }}{{ page.title }}"),
    ("tablerow cells", "{{ page.title }}{% tablerow x in list %}{{ page.title }}{{ x.title }}{% endtablerow %}{{ page.title }}"),
    ("plugin tag that assigns", "{{ page.title }}{% setpage %}{{ page.title }}"),
    ("plugin context filter that assigns", "{{ page.title }}{{ 1 | setpage }}{{ page.title }}"),
    ("link tag whose resolver assigns", "{{ page.title }}{% link x.md %}{{ page.title }}"),
    ("relative_url many times", "{{ '/a' | relative_url }}{{ page.url | relative_url }}{{ page | relative_url }}{{ site.title }}"),
    ("relative_url of absolute and nil", "{{ 'http://x.org/a' | relative_url }}{{ nothing | relative_url }}{{ 5 | relative_url }}"),
    ("relative_url after site is assigned", "{{ '/a' | relative_url }}{% assign site = other_site %}{{ '/a' | relative_url }}"),
    ("relative_url in a loop whose variable is site",
     "{% for site in sites %}{{ '/a' | relative_url }}{{ site.baseurl }}{% endfor %}"),
    ("relative_url in an include inside a loop whose variable is site",
     "{% for site in sites %}{% include url.html %}{% endfor %}{{ '/b' | relative_url }}"),
    ("relative_url with an argument fails", "{{ site.title }}{{ '/a' | relative_url: 1 }}"),
    ("relative_url of a malformed URL fails", "{{ site.title }}{{ 'http://a b' | relative_url }}"),
    ("relative_url chained", "{{ '/a' | append: page.url | relative_url | relative_url }}"),
    ("undefined names", "{{ page.title }}{{ nope.x }}{{ nope.y }}{{ '/a' | relative_url }}"),
]


def _setpage_tag(ctx: RenderContext, markup: str) -> str:
    ctx.assigns["page"] = ctx.get("other")
    return ""


@with_context
def _setpage_filter(ctx: RenderContext, value: Any) -> Any:
    ctx.assigns["page"] = ctx.get("other")
    return value


def _resolver(kind: str, target: str, ctx: RenderContext) -> str:
    ctx.assigns["page"] = ctx.get("other")
    return "/link/"


def _env(strict: bool) -> Environment:
    env = Environment(partials=PARTIALS, strict_variables=strict)
    env.add_tag("setpage", _setpage_tag)
    env.add_filter("setpage", _setpage_filter)
    return env


def _render(env: Environment, source: str) -> tuple[Any, list[tuple[str, Any]]]:
    log: list[tuple[str, Any]] = []
    try:
        out: Any = env.from_string(source).render(_data(log), {"site_links": _resolver})
    except LiquidError as error:
        out = (type(error).__name__, str(error))
    return out, log


def _plain_compiler(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compile as before: nothing kept, ``relative_url`` called with the context."""
    monkeypatch.setattr(Compiler, "_hoist", lambda self: self._kept)
    monkeypatch.setattr(Compiler, "_given_variable", _as_context_filter)


def _as_context_filter(self: Compiler, value: Any, name: str, variant: str) -> Any:
    from jinja2 import nodes as j

    node = j.Filter(value, "relative_url", [self._ctx()], [], None, None)
    node.liquid_context = True
    return node


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict_variables"])
@pytest.mark.parametrize(("description", "source"), TEMPLATES, ids=[row[0] for row in TEMPLATES])
def test_kept_names_render_as_resolved_each_time(description: str, source: str, strict: bool,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    got = _render(_env(strict), source)
    with monkeypatch.context() as patch:
        _plain_compiler(patch)
        expected = _render(_env(strict), source)
    assert got == expected


def test_kept_name_is_resolved_once() -> None:
    env = Environment()
    code = env.compile_to_python("{{ page.a }}{{ page.b }}{% assign x = 1 %}{{ page.c }}{{ '/' | relative_url }}")
    # each of the three uses reads the local, resolving only when it is empty
    assert code.count("_lg1 if _lg1 is not missing else (_lg1 := ") == 3
    assert code.count("'page')") == 3
    assert "relative_url_in_site" in code
    # ``assign x`` empties nothing kept (only ``x`` resolves otherwise after it); ``assign page`` does
    assert code.count("_lg1 = missing") == 1
    code = env.compile_to_python("{{ page.a }}{% assign page = 1 %}{{ page.b }}{% include x %}{{ page.c }}")
    assert code.count("_lg1 = missing") == 3


def test_nothing_kept_with_a_context_filter_that_may_assign() -> None:
    env = _env(False)
    code = env.compile_to_python("{{ page.a }}{{ 1 | setpage }}{{ page.b }}")
    assert "_lg" not in code


class _Base(MappingDrop):
    def __repr__(self) -> str:
        return f"drop{dict(self._data)}"


URLS = ["/a/b/", "about", "", "/", "//cdn/x.js", "http://x.org/a", "mailto:a@b.c", "a b/é?x=1#f", "/a/../b",
        "/a?x=%2b+%2B", "http://a b", "http://x:abc", "C:/x", None, 5, 1.5, True, ["a"], {"k": 1},
        MappingDrop({"url": "/drop/"}), MappingDrop({"url": "http://abs.org/"}), MappingDrop({"title": "no url"})]
SITES = [{"baseurl": "/blog"}, {"baseurl": "blog/"}, {"baseurl": ""}, {"baseurl": None}, {"baseurl": 7},
         {"baseurl": "/é b/"}, {}, None, ["x"], "text", _Base({"baseurl": "/drop"}), _Base({})]


def _outcome(call: Any) -> Any:
    try:
        return ("ok", call())
    except Exception as error:  # noqa: BLE001 - the same failure is what is compared
        return (type(error).__name__, str(error))


@pytest.mark.parametrize("site", SITES, ids=repr)
def test_relative_url_in_site_answers_as_relative_url(site: Any) -> None:
    ctx = RenderContext(Environment(), {"site": site})
    for url in URLS:
        for _ in range(2):  # the second call answers from what the first remembered
            expected = _outcome(lambda: jekyll_urls.relative_url(ctx, url))
            assert _outcome(lambda: jekyll_urls.relative_url_in_site(url, site)) == expected, url
        assert _outcome(lambda: jekyll_urls.relative_url(ctx, url)) == expected, url


def test_relative_url_in_site_reads_as_relative_url() -> None:
    for url in ["/a", "http://x.org", None, 3]:
        plain: list[tuple[str, Any]] = []
        given: list[tuple[str, Any]] = []
        site_plain = LogDrop("site", {"baseurl": "/b"}, plain)
        site_given = LogDrop("site", {"baseurl": "/b"}, given)
        ctx = RenderContext(Environment(), {"site": site_plain})
        assert jekyll_urls.relative_url(ctx, url) == jekyll_urls.relative_url_in_site(url, site_given)
        assert plain == given
    value_plain: list[tuple[str, Any]] = []
    value_given: list[tuple[str, Any]] = []
    ctx = RenderContext(Environment(), {"site": LogDrop("site", {"baseurl": "/b"}, value_plain)})
    jekyll_urls.relative_url(ctx, LogDrop("doc", {"url": "/d"}, value_plain))
    jekyll_urls.relative_url_in_site(LogDrop("doc", {"url": "/d"}, value_given), LogDrop("site", {"baseurl": "/b"}, value_given))
    assert value_plain == value_given == [("doc", "?url"), ("doc", "url"), ("site", "baseurl")]
