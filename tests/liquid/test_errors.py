"""Error messages: file, line (from the top of the file), column, the source line, include chain.

A table of templates and the exact one-line message plus excerpt each must produce.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

import pytest

from postforge.liquid import Environment
from postforge.liquid import LiquidArgumentError
from postforge.liquid import LiquidError
from postforge.liquid import LiquidFileSystemError
from postforge.liquid import LiquidSyntaxError
from postforge.liquid import LiquidZeroDivisionError
from postforge.liquid import UndefinedFilter
from postforge.liquid import UndefinedVariable


@dataclass
class Case:
    description: str
    template: str
    error: type[LiquidError]
    #: what ``describe()`` prints: the one-line message, the source line, the caret
    expect: str
    line_offset: int = 3
    partials: dict[str, str] = field(default_factory=dict)
    options: dict[str, object] = field(default_factory=dict)


CASES = [
    Case(
        "misspelt end tag names the block it is in",
        "a\n{% for x in y %}\n  {% endfro %}",
        LiquidSyntaxError,
        "_layouts/post.html:6:3: 'endfro' is not a valid delimiter for for tags. use endfor\n"
        "6 |   {% endfro %}\n"
        "      ^",
    ),
    Case(
        "unclosed block is reported where it opens",
        "a\n\n  {% if x %}\nno end\n",
        LiquidSyntaxError,
        "_layouts/post.html:6:3: 'if' tag was never closed\n6 |   {% if x %}\n      ^",
    ),
    Case(
        "unknown tag",
        "{% nope %}",
        LiquidSyntaxError,
        "_layouts/post.html:4:1: Unknown tag 'nope'\n4 | {% nope %}\n    ^",
    ),
    Case(
        "unterminated output",
        "ok\n  {{ x }",
        LiquidSyntaxError,
        "_layouts/post.html:5:3: Variable '{{ x }' was not properly terminated with regexp: /\\}\\}/\n"
        "5 |   {{ x }\n"
        "      ^",
    ),
    Case(
        "strict mode rejects what warn mode reads laxly",
        "{{ a b }}",
        LiquidSyntaxError,
        "_layouts/post.html:4:1: Expected end_of_string but found id\n4 | {{ a b }}\n    ^",
        options={"error_mode": "strict"},
    ),
    Case(
        "render error names the line",
        "\n{{ 1 | divided_by: 0 }}",
        LiquidZeroDivisionError,
        "_layouts/post.html:5: divided by 0\n5 | {{ 1 | divided_by: 0 }}",
    ),
    Case(
        "error inside an include names the include chain",
        "x\n{% include outer.html %}",
        LiquidZeroDivisionError,
        "_includes/bad.html:2: divided by 0 (included from _includes/outer.html:2 <- _layouts/post.html:5)\n"
        "2 | {{ 1 | modulo: 0 }}",
        partials={"outer.html": "o\n{% include bad.html %}", "bad.html": "b\n{{ 1 | modulo: 0 }}"},
    ),
    Case(
        "comparison across types",
        "{% if 1 < 'a' %}{% endif %}",
        LiquidArgumentError,
        "_layouts/post.html:4: comparison of Integer with String failed\n4 | {% if 1 < 'a' %}{% endif %}",
    ),
    Case(
        "wrong number of filter arguments, in Ruby's words",
        "{{ 'a' | upcase: 1 }}",
        LiquidArgumentError,
        "_layouts/post.html:4: wrong number of arguments (given 2, expected 1)\n4 | {{ 'a' | upcase: 1 }}",
    ),
    Case(
        "missing include",
        "{% include nope.html %}",
        LiquidFileSystemError,
        "_layouts/post.html:4: Could not locate the included file 'nope.html' in any of [\"_includes\"]. "
        "Ensure it exists in one of those directories and, if it is a symlink, does not point outside your "
        "site source.\n4 | {% include nope.html %}",
    ),
    Case(
        "strict variables",
        "{{ page.title }}\n{{ nope }}",
        UndefinedVariable,
        "_layouts/post.html:5: undefined variable nope\n5 | {{ nope }}",
        options={"strict_variables": True},
    ),
    Case(
        "strict filters",
        "{{ 1 | nofilter }}",
        UndefinedFilter,
        "_layouts/post.html:4: undefined filter nofilter\n4 | {{ 1 | nofilter }}",
        options={"strict_filters": True},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.description for c in CASES])
def test_error_message(case: Case) -> None:
    env = Environment(partials=case.partials, **case.options)  # type: ignore[arg-type]
    with pytest.raises(case.error) as info:
        env.from_string(case.template, name="_layouts/post.html", line_offset=case.line_offset).render(
            {"page": {"title": "T"}}
        )
    assert info.value.describe() == case.expect


def test_lax_mode_renders_what_strict_rejects() -> None:
    assert Environment(error_mode="lax").from_string("{{ a b }}").render({"a": "A"}) == "A"


def test_warn_mode_records_jekylls_warning() -> None:
    template = Environment().from_string("{{ a b }}", name="t.html")
    assert template.render({"a": "A"}) == "A"
    assert template.warnings == ['Liquid syntax error (line 1): Expected end_of_string but found id in "{{ a b }}"']
