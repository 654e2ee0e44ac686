"""The compiled fast path for ``x.key`` with a literal key, and the cases where it declines.

The code generator writes ``x.key`` as the drop's own ``liquid_get`` when ``x`` is a drop, and as
``lookup`` for anything else; ``lookup_path`` (``a.b.c``) reads drops the same way. Each row
here renders through the compiled code and must print what ``runtime.lookup`` gives for the same
value and key, whichever path the value takes.
"""

from __future__ import annotations

from typing import Any

import pytest

from postforge.liquid import Environment
from postforge.liquid.drops import Drop
from postforge.liquid.drops import MappingDrop
from postforge.liquid.runtime import lookup
from postforge.liquid.runtime import lookup_path
from postforge.liquid.values import LiquidRange
from postforge.liquid.values import to_s


class TitleDrop(Drop):
    __slots__ = ("reads",)

    def __init__(self) -> None:
        self.reads: list[Any] = []

    def liquid_get(self, key: Any) -> Any:
        self.reads.append(key)
        return {"title": "T", 0: "zero", "tags": ("a", "b"), "next": None}.get(key)


class DictDrop(dict, Drop):  # type: ignore[misc]
    """A dict that is also a drop: lookup asks the drop (its type is not ``dict`` itself)."""

    def liquid_get(self, key: Any) -> Any:
        return f"drop:{key}"


class DictSub(dict):  # type: ignore[type-arg]
    pass


#: (description, value, key): the fast path takes the drops, declines every other row
ROWS = [
    ("drop, str key", TitleDrop(), "title"),
    ("drop, int key", TitleDrop(), 0),
    ("drop, missing key", TitleDrop(), "nope"),
    ("drop, tuple value", TitleDrop(), "tags"),
    ("mapping drop", MappingDrop({"title": lambda: "M"}), "title"),
    ("dict and drop", DictDrop(title="dict"), "title"),
    ("dict", {"title": "D"}, "title"),
    ("dict, tuple value becomes an array", {"title": ("x", "y")}, "title"),
    ("dict, int key", {0: "i"}, 0),
    ("dict subclass", DictSub(title="S"), "title"),
    ("list, int key", ["a", "b"], 1),
    ("list, negative index", ["a", "b"], -1),
    ("list, index out of range", ["a"], 5),
    ("list, str key", ["a"], "title"),
    ("tuple, int key", ("a", "b"), 0),
    ("range, int key", LiquidRange(1, 3), 2),
    ("nil", None, "title"),
    ("string", "text", "title"),
    ("string, int key", "text", 0),
    ("integer", 5, "title"),
    ("boolean", True, 0),
]


def _source(key: Any) -> str:
    return "{{ x." + key + " }}" if isinstance(key, str) else "{{ x[" + str(key) + "] }}"


@pytest.mark.parametrize(("description", "value", "key"), ROWS, ids=[row[0] for row in ROWS])
def test_literal_key_reads_as_lookup(description: str, value: Any, key: Any) -> None:
    env = Environment()
    assert env.from_string(_source(key)).render({"x": value}) == to_s(lookup(value, key))


@pytest.mark.parametrize(("description", "value", "key"), ROWS, ids=[row[0] for row in ROWS])
def test_nested_literal_keys_read_as_lookups(description: str, value: Any, key: Any) -> None:
    """``a.x.key`` (``lookup_path``) and ``a[x][key]``-style chains of single reads."""
    env = Environment()
    data = {"a": {"x": value}}
    expect = to_s(lookup(lookup(lookup(data, "a"), "x"), key))
    path = "{{ a.x." + key + " }}" if isinstance(key, str) else "{{ a.x[" + str(key) + "] }}"
    assert env.from_string(path).render(data) == expect
    assert lookup_path(data["a"], ("x", key)) == lookup(value, key)


def test_each_read_asks_the_drop_once() -> None:
    drop = TitleDrop()
    env = Environment()
    assert env.from_string("{{ x.title }}{{ x[0] }}{% if x.next %}n{% endif %}").render({"x": drop}) == "Tzero"
    assert drop.reads == ["title", 0, "next"]


def test_fast_path_only_for_literal_keys() -> None:
    env = Environment()
    assert ".liquid_get('title')" in env.compile_to_python("{{ x.title }}")
    assert ".liquid_get(" not in env.compile_to_python("{{ x[k] }}")
    assert ".liquid_get(" not in env.compile_to_python("{{ x.size }}")  # a command: lookup_command
    strict = Environment(strict_variables=True)
    assert ".liquid_get(" not in strict.compile_to_python("{{ x.title }}")


def test_variable_key_and_nested_reads() -> None:
    env = Environment()
    data = {"x": TitleDrop(), "k": "title", "rows": [{"p": TitleDrop()}, {"p": {"title": "plain"}}]}
    template = "{{ x[k] }}|{% for r in rows %}{{ r.p.title }},{{ r['p'].title }};{% endfor %}"
    assert env.from_string(template).render(data) == "T|T,T;plain,plain;"


def test_strict_variables_still_fail_on_a_missing_key() -> None:
    env = Environment(strict_variables=True)
    with pytest.raises(Exception, match="undefined variable nope"):
        env.from_string("{{ x.nope }}").render({"x": {"title": "D"}})
