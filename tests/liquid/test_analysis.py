"""``free_names``: the variables a template's output depends on, or None where it may depend on more.

A table of template → expected answer. None wherever a render could differ with the same values of
the variables named: the template changes its context, calls code not Liquid's or Jekyll's own, a
filter whose answers vary, or one that reads the page through its context.
"""

from __future__ import annotations

import pytest

from postforge.liquid import Environment
from postforge.liquid.analysis import free_names

SITE = frozenset({"site"})

CASES = [
    ("text only", "<p>plain</p>", frozenset()),
    ("a sidebar of the newest posts",
     '{% for post in site.posts limit: 10 %}<a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a>'
     '{{ post.date | date: "%Y" }}{% endfor %}', SITE),
    ("a loop variable is the template's own", "{% for x in (1..3) %}{{ x }}{{ forloop.index }}{% endfor %}",
     frozenset()),
    ("a loop variable outside its loop is a name", "{% for x in (1..3) %}{% endfor %}{{ x }}", frozenset({"x"})),
    ("forloop outside a loop is the caller's", "{{ forloop.index }}", frozenset({"forloop"})),
    ("tablerow binds its variable and tablerowloop",
     "{% tablerow p in site.pages cols: n %}{{ p.title }}{{ tablerowloop.col }}{% endtablerow %}",
     frozenset({"site", "n"})),
    ("names in conditions, keys and arguments",
     "{% if page.x == site.y %}{{ a[b] | append: c }}{% elsif d %}{% else %}{{ e.f }}{% endif %}",
     frozenset({"page", "site", "a", "b", "c", "d", "e"})),
    ("case and when", "{% case page.kind %}{% when site.k, 'x' %}1{% else %}2{% endcase %}",
     frozenset({"page", "site"})),
    ("limit and offset are evaluated outside the loop", "{% for p in list limit: n offset: m %}{% endfor %}",
     frozenset({"list", "n", "m"})),
    ("a break inside its own loop", "{% for p in site.posts %}{% break %}{% endfor %}", SITE),
    ("a break outside any loop stops the caller's", "{% if x %}{% break %}{% endif %}", None),
    ("a continue in a tablerow reaches the caller", "{% tablerow p in l %}{% continue %}{% endtablerow %}", None),
    ("filters that read only the site name it", "{{ '/x/' | absolute_url }}{{ 'a' | markdownify }}", SITE),
    ("assign changes the context", "{% assign x = 1 %}", None),
    ("capture changes the context", "{% capture x %}a{% endcapture %}", None),
    ("a counter changes the context", "{% increment n %}", None),
    ("cycle keeps state in the context", "{% cycle 'a', 'b' %}", None),
    ("ifchanged keeps state in the context", "{% ifchanged %}a{% endifchanged %}", None),
    ("an include may do anything", "{% include other.html %}", None),
    ("offset: continue reads the context", "{% for p in site.posts offset: continue %}{% endfor %}", None),
    ("a filter whose answers vary", "{{ site.posts | sample }}", None),
    ("a filter reading the page through the context", '{{ site.posts | where_exp: "p", "p.url == page.url" }}',
     None),
    ("an unknown filter", "{{ site.title | no_such_filter }}", None),
    ("highlight reads the context's prefix", "{% highlight ruby %}x{% endhighlight %}", None),
    ("a plain link reads the site", "{% link about.md %}", SITE),
    ("a link built from Liquid", "{% link {{ page.target }} %}", None),
]


@pytest.mark.parametrize(("description", "source", "expected"), CASES, ids=[case[0] for case in CASES])
def test_free_names(description: str, source: str, expected: frozenset[str] | None) -> None:
    env = Environment()
    tree = env.parse(source).tree
    assert free_names(tree, env.filters, env.builtin_filters) == expected


def test_a_filter_a_plugin_replaced_is_not_trusted() -> None:
    env = Environment()
    env.add_filter("escape", lambda value: value)
    tree = env.parse("{{ site.title | escape }}").tree
    assert free_names(tree, env.filters, env.builtin_filters) is None


def test_compiled_templates_carry_their_names_through_the_disk_cache(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = "{% for post in site.posts limit: 2 %}{{ post.title }}{% endfor %}"
    first = Environment(cache_dir=tmp_path).from_string(source, "sidebar.html")
    again = Environment(cache_dir=tmp_path).from_string(source, "sidebar.html")  # (read from the cache)
    assert first.free_names == again.free_names == SITE
    assert Environment(cache_dir=tmp_path).from_string("{% assign a = 1 %}", "x.html").free_names is None
    assert Environment().from_string("no markup").free_names == frozenset()
