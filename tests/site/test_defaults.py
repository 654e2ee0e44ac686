"""Front matter defaults: scope matching and precedence as Jekyll 4.3 applies them.

The expected values were read from Jekyll 4.3.1: each case's ``defaults:`` in a ``_config.yml``,
each path a page or document (built with ``--drafts``) printing ``{{ page[k] | jsonify }}`` for
the keys the sets use, with ``../shared/oracle/site.sh``. A ``date`` a post takes from its file
name is left out: defaults are what is asked here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from postforge.errors import PostforgeError
from postforge.reading.defaults import FrontMatterDefaults
from postforge.reading.defaults import glob_to_regex

ALL_KINDS = """
  - scope: {path: ""}
    values: {a: root, nested: {x: 0}}
  - scope: {path: "", type: posts}
    values: {a: posts-all}
  - scope: {path: "about"}
    values: {b: about-prefix}
  - scope: {path: "/docs"}
    values: {c: slash-docs-never}
  - scope: {path: "docs"}
    values: {d: docs, nested: {x: 1, y: 1}}
  - scope: {path: "docs/sub", type: pages}
    values: {d: docs-sub, nested: {y: 2}}
  - scope: {path: "docs/*.md"}
    values: {e: glob}
  - scope: {type: drafts}
    values: {f: drafts-never}
  - scope: {type: draft}
    values: {f: draft-never}
  - scope: {path: "docs/s*"}
    values: {g: glob-dir}
  - scope: {path: "_posts"}
    values: {b: posts-path}
  - scope: {path: "_drafts"}
    values: {c: drafts-path}
"""

PRECEDENCE = """
  - {scope: {path: docs, type: pages}, values: {a: typed}}
  - {scope: {path: docs}, values: {a: untyped, b: first}}
  - {scope: {path: docs}, values: {b: second}}
  - {scope: {path: docs}, values: {c: untyped}}
  - {scope: {path: docs, type: pages}, values: {c: typed-later}}
"""

UNSCOPED_FIRST = """
  - {values: {a: unscoped, b: unscoped}}
  - {scope: {path: docs}, values: {a: docs}}
  - {scope: {type: page}, values: {b: page-renamed}}
  - {scope: {type: post}, values: {c: post-renamed}}
  - {scope: {path: ""}, values: 5}
  - {scope: {path: ""}, values: {date: "2020-05-05 10:00"}}
"""

COLLECTIONS_DIR = """
  - {scope: {path: "cols/_posts"}, values: {a: coll-prefixed}}
  - {scope: {path: "_posts/2020*"}, values: {b: unprefixed-glob-never}}
  - {scope: {path: "cols/_posts/*"}, values: {c: prefixed-glob}}
  - {scope: {path: "_posts"}, values: {d: unprefixed}}
  - {scope: {path: "", type: recipes}, values: {e: recipes}}
"""

GLOBS = """
  - {scope: {path: "{docs,blog}/*.html"}, values: {a: braces}}
  - {scope: {path: "**/deep.html"}, values: {b: double-star}}
  - {scope: {path: "*"}, values: {c: star}}
  - {scope: {path: "docs/?.html"}, values: {d: no-star-so-a-literal-prefix}}
"""

MAY_5 = dt.datetime(2020, 5, 5, 10, tzinfo=dt.timezone.utc)

# (defaults YAML, collections_dir, path as the reader passes it, type, expected defaults)
CASES = [
    (ALL_KINDS, "", "about.html", "pages", {"a": "root", "b": "about-prefix", "nested": {"x": 0}}),
    (ALL_KINDS, "", "about-us.html", "pages", {"a": "root", "b": "about-prefix", "nested": {"x": 0}}),
    (ALL_KINDS, "", "docs/a.md", "pages", {"a": "root", "d": "docs", "e": "glob", "nested": {"x": 1, "y": 1}}),
    (ALL_KINDS, "", "docs/b.html", "pages", {"a": "root", "d": "docs", "nested": {"x": 1, "y": 1}}),
    (ALL_KINDS, "", "docs/sub/c.md", "pages", {"a": "root", "d": "docs-sub", "g": "glob-dir", "nested": {"x": 1, "y": 2}}),
    (ALL_KINDS, "", "x/docs/e.html", "pages", {"a": "root", "nested": {"x": 0}}),
    (ALL_KINDS, "", "_posts/2020-01-01-p.md", "posts", {"a": "posts-all", "b": "posts-path", "nested": {"x": 0}}),
    # drafts are documents of the posts collection: their type is posts, never drafts
    (ALL_KINDS, "", "_drafts/dr.md", "posts", {"a": "posts-all", "c": "drafts-path", "nested": {"x": 0}}),
    (ALL_KINDS, "", "assets/x.png", None, {"a": "root", "nested": {"x": 0}}),
    ("\n  - {scope: {path: docs}, values: {a: docs}}\n  - {scope: {path: ''}, values: {a: root, b: root}}\n",
     "", "docs/b.html", "pages", {"a": "docs", "b": "root"}),
    ("\n  - {scope: {path: docs}, values: {a: docs}}\n  - {scope: {path: ''}, values: {a: root, b: root}}\n",
     "", "about.html", "pages", {"a": "root", "b": "root"}),
    (PRECEDENCE, "", "docs/b.html", "pages", {"a": "typed", "b": "first", "c": "typed-later"}),
    (UNSCOPED_FIRST, "", "docs/b.html", "pages", {"a": "docs", "b": "unscoped", "date": MAY_5}),
    (UNSCOPED_FIRST, "", "about.html", "pages", {"a": "unscoped", "b": "page-renamed", "date": MAY_5}),
    (UNSCOPED_FIRST, "", "_posts/2020-01-01-p.md", "posts", {"a": "unscoped", "b": "unscoped", "c": "post-renamed", "date": MAY_5}),
    (COLLECTIONS_DIR, "cols", "_posts/2020-01-01-p.md", "posts", {"a": "coll-prefixed", "c": "prefixed-glob", "d": "unprefixed"}),
    (COLLECTIONS_DIR, "cols", "_recipes/r.md", "recipes", {"e": "recipes"}),
    (GLOBS, "", "docs/b.html", "pages", {"a": "braces", "c": "star"}),
    (GLOBS, "", "blog/x/deep.html", "pages", {"b": "double-star", "c": "star"}),
    (GLOBS, "", "deep.html", "pages", {"b": "double-star", "c": "star"}),
    (GLOBS, "", "about.html", "pages", {"c": "star"}),
]


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")


def _defaults(text: str, tmp_path: Path, collections_dir: str = "") -> FrontMatterDefaults:
    """The sets as a site's _config.yml gives them (read from disk with the site's YAML loader)."""
    from postforge.config import load_config

    (tmp_path / "_config.yml").write_text("defaults:" + text + (f"collections_dir: {collections_dir}\n" if collections_dir else ""))
    config = load_config(tmp_path)
    return FrontMatterDefaults(config["defaults"], config["collections_dir"])


@pytest.mark.parametrize(("sets", "collections_dir", "path", "kind", "expected"), CASES)
def test_for_path(sets: str, collections_dir: str, path: str, kind: str | None, expected: dict, tmp_path: Path) -> None:
    assert _defaults(sets, tmp_path, collections_dir).for_path(path, kind) == expected


def test_results_are_copies(tmp_path: Path) -> None:
    defaults = _defaults(ALL_KINDS, tmp_path)
    first = defaults.for_path("docs/b.html", "pages")
    first["nested"]["x"] = 99
    assert defaults.for_path("docs/b.html", "pages")["nested"] == {"x": 1, "y": 1}


# (setting, path, type, find's value): the single most specific set that has the key
FIND_CASES = [
    ("nested", "docs/sub/c.md", "pages", {"y": 2}),
    ("a", "_posts/2020-01-01-p.md", "posts", "posts-all"),
    ("d", "about.html", "pages", None),
]


@pytest.mark.parametrize(("setting", "path", "kind", "expected"), FIND_CASES)
def test_find(setting: str, path: str, kind: str, expected: object, tmp_path: Path) -> None:
    assert _defaults(ALL_KINDS, tmp_path).find(path, kind, setting) == expected


# (pattern, path, whether Dir.glob would list it)
GLOB_CASES = [
    ("docs/*", "docs/a.md", True),
    ("docs/*", "docs/.hidden", False),
    ("docs/*", "docs/sub/a.md", False),
    ("**/a.md", "a.md", True),
    ("**/a.md", "x/y/a.md", True),
    ("**/a.md", ".git/a.md", False),
    ("{a,b}/*.md", "b/x.md", True),
    ("{a,b}/*.md", "c/x.md", False),
    ("doc?/x", "docs/x", True),
    ("[ab]*", "about", True),
    ("[!ab]*", "about", False),
    ("a**b", "axxb", True),
    ("docs/*/", "docs/sub/", True),
]


@pytest.mark.parametrize(("pattern", "path", "expected"), GLOB_CASES)
def test_glob_to_regex(pattern: str, path: str, expected: bool) -> None:
    assert bool(glob_to_regex(pattern).fullmatch(path)) is expected


# (defaults YAML, path, message start); Jekyll 4.3 fails the build on each
ERROR_CASES = [
    (
        "\n  - {scope: {path: docs}, values: {a: 1}}\n  - {values: {a: 2}}\n",
        "docs/x.html",
        "front matter defaults: a set without a scope cannot follow",
    ),
    ("\n  - {scope: , values: {a: 2}}\n", "x.html", "front matter defaults: 'scope' should be a hash"),
    ("\n  - {scope: {path: ''}, values: {date: 2020-05-05}}\n", "x.html", "Invalid date datetime.date(2020, 5, 5)"),
    ("\n  - {scope: {path: ''}, values: {date: 'not a date'}}\n", "x.html", "Invalid date 'not a date'"),
]


@pytest.mark.parametrize(("sets", "path", "message"), ERROR_CASES)
def test_errors(sets: str, path: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(PostforgeError) as caught:
        _defaults(sets, tmp_path).for_path(path, "pages")
    assert caught.value.message.startswith(message)
    assert caught.value.location.path == "_config.yml"


def test_an_unscoped_set_first_is_fine(tmp_path: Path) -> None:
    defaults = _defaults("\n  - {values: {a: 2, b: 3}}\n  - {scope: {path: docs}, values: {a: 1}}\n", tmp_path)
    assert defaults.for_path("docs/x.html", "pages") == {"a": 1, "b": 3}
    assert defaults.for_path("y.html", "pages") == {"a": 2, "b": 3}


def test_yaml_sets_need_no_config(tmp_path: Path) -> None:
    sets = yaml.safe_load("- {scope: {path: docs}, values: {layout: doc}}")
    assert FrontMatterDefaults(sets, "").for_path("docs/a.md", "pages") == {"layout": "doc"}
