"""What the start-up and read-phase work (issue 9) changed, checked against the rules they stand for.

- ``psych``: the quick path's test for printable text is the complement of YAML's printable class;
- ``permalink``: templates cut once at their placeholders fill in as the regex substitution did;
- ``liquid.ast``: the written-out node classes behave as the dataclasses they replaced;
- importing the command line leaves Pygments, the checker and entry-point lookup unloaded.
"""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pytest

from postforge import psych
from postforge.errors import PostforgeError
from postforge.liquid import ast
from postforge.model import permalink

_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff\n]")


def test_not_simple_text_is_the_complement_of_printable() -> None:
    for code in range(0x110000):
        char = chr(code)
        assert (psych._NOT_SIMPLE_TEXT.search(char) is None) == bool(_PRINTABLE.fullmatch(char)), hex(code)


def _regex_substitute(template: str, placeholders: dict[str, str]) -> str:
    """The substitution as it was written before templates were cut once (the reference)."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        chomped = name.endswith("_")
        key = name[:-1] if chomped else name
        if key in placeholders:
            value = placeholders[key]
        elif key in permalink._EMPTY_DROP_KEYS:
            value = ""
        else:
            keys = f"{key} or {key}" if chomped else key
            raise PostforgeError(f"The URL template doesn't have {keys} keys. Check your permalink template!")
        return match.group(0).replace(":" + key, permalink.escape_path(value or ""), 1)

    return permalink._DROP_PLACEHOLDER.sub(replace, template)


TEMPLATES = [
    "", "/", "plain", "/:year/:month/:day/:title/", "/:categories/:year/:month/:day/:title:output_ext",
    "/:title_/x", "/:title__", ":_", "/:year:month:day", "/a:titleb/", "/:Title/", "/:nope/", "/:title/:nope_/",
    "/:collection/:path:output_ext", "/:slug.html", "/::title", "/:title/:title/", "/:empty/", "/:spaced/",
]
PLACEHOLDERS = {
    "year": "2024", "month": "01", "day": "02", "title": "Hello-World", "categories": "a/b", "output_ext": ".html",
    "collection": "posts", "path": "/_posts/x", "slug": "hello world", "empty": None, "spaced": "a b?c#d", "": "root",
}


@pytest.mark.parametrize("template", TEMPLATES)
def test_cut_templates_substitute_as_the_regex_did(template: str) -> None:
    values = permalink.DocumentPlaceholders(PLACEHOLDERS)
    try:
        expected = _regex_substitute(template, values)
    except PostforgeError as error:
        with pytest.raises(PostforgeError) as raised:
            permalink._substitute_drop(template, values)
        assert str(raised.value) == str(error)
        return
    assert permalink._substitute_drop(template, values) == expected
    assert permalink._substitute_drop(template, values) == expected  # cached the second time


@pytest.mark.parametrize("url", ["/a//b", "//", "/a/b/", "a/../b", "/./x", "///x///"])
def test_sanitize_url(url: str) -> None:
    slow = re.sub(r"/{2,}", "/", ("/" + url).replace("..", "/").replace("./", ""))
    assert permalink.sanitize_url(url) == slow


def test_placeholder_names_are_fresh_sets() -> None:
    first = permalink.placeholder_names("/:year/:title_/")
    first.add("changed")
    assert permalink.placeholder_names("/:year/:title_/") == {"year", "title"}


def test_expressions_are_frozen_hashable_values() -> None:
    lookup = ast.Lookup("page", ((ast.Literal("title"), False),))
    same = ast.Lookup("page", ((ast.Literal("title"), False),))
    assert lookup == same and hash(lookup) == hash(same) and lookup != ast.Lookup("site")
    assert ast.Literal(1) != ast.Compare(None, ast.Literal(1))
    assert repr(ast.Compare("==", ast.Literal(1))) == "Compare(op='==', left=Literal(value=1), right=None)"
    with pytest.raises(FrozenInstanceError):
        lookup.root = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(lookup)) == lookup == copy.deepcopy(lookup)
    assert ast.FilterCall("upcase") == ast.FilterCall("upcase", (), ())


def test_statements_are_mutable_and_unhashable() -> None:
    node = ast.For(3, "item", ast.Lookup("items"), [], name="item-items")
    node.limit = ast.Literal(2)
    assert node == ast.For(3, "item", ast.Lookup("items"), [], limit=ast.Literal(2), name="item-items")
    assert ast.Case(1, ast.Literal(1)).whens == [] and ast.TableRow(1, "r", ast.Literal(1), []).attrs == {}
    assert ast.Break(1) != ast.Continue(1) and ast.Break(1) == ast.Break(1)
    assert repr(ast.Text(0, "x")) == "Text(start=0, text='x')"
    assert ast.Text.__match_args__ == ("start", "text")
    with pytest.raises(TypeError):
        hash(ast.Text(0, "x"))
    with pytest.raises(AttributeError):
        ast.Text(0, "x").other = 1  # type: ignore[attr-defined]


def test_importing_the_command_line_leaves_rare_modules_unloaded() -> None:
    code = (
        "import sys, postforge.cli\n"
        "print(sorted(m for m in ('pygments', 'importlib.metadata', 'postforge.check', 'postforge.psych_loader'"
        ") if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_library_versions_import_no_library() -> None:
    """The -I state names the libraries by their files: none is imported for it."""
    code = ("import sys; from postforge.incremental.state import library_versions; v = library_versions(); "
            "print(len(v), [m for m in ('pygments', 'yaml', 'sass') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == "5 []"
