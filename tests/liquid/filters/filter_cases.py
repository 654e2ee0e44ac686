"""The table machinery every Liquid filter test shares: the ``Case`` row and the ways to run one.

Each family's tests are tables of rows whose ``expect`` came from the Jekyll oracle. A row runs
against its filter directly (a filter marked ``with_context`` gets a stand-in render context) or as
a whole template through the engine; ``expect`` is the answer, or the error Jekyll raised. Families
differ only in how an answer is compared, so the comparison is a ``view`` applied to both sides:
``repr`` (tells ``1`` from ``1.0`` and ``true`` from ``1``, and makes NaN equal to itself),
:func:`typed` (the same through JSON, keeping key order), ``values.to_s`` (what ``{{ }}``
prints), or none (plain ``==``).

This is a helper module, not a test module, so pytest does not rewrite its asserts: each one says
what differed itself.
"""

from __future__ import annotations

import copy
import json
from typing import Any
from typing import Callable
from typing import NamedTuple

import pytest

from postforge.liquid import Environment

__all__ = [
    "Case", "Render", "SiteContext", "ids", "table_params", "call", "typed", "check", "check_call",
    "check_filter", "render", "check_render", "check_register",
]


class Case(NamedTuple):
    """``filter(value, *args, **kwargs)`` answers ``expect``.

    ``expect`` may be an exception instance (the filter raises that type with that message) or an
    exception class (the filter raises that type). ``site`` is the ``_config.yml`` a filter that
    reads the site sees.
    """

    description: str
    value: Any
    args: tuple | list
    kwargs: dict
    expect: Any
    site: dict | None = None


class Render(NamedTuple):
    """``template`` rendered with ``data`` prints ``expect``, or raises it (an exception instance)."""

    description: str
    template: str
    data: dict
    expect: Any


class SiteContext:
    """What filters that read the site see of a render context: the ``site`` variable, registers."""

    def __init__(self, site: dict[str, Any] | None = None, registers: dict[str, Any] | None = None) -> None:
        self.site = site if site is not None else {}
        self.registers = registers if registers is not None else {}

    def get(self, name: str, default: Any = None) -> Any:
        return self.site if name == "site" else default


def ids(rows: list) -> list[str]:
    return [row.description for row in rows]


def table_params(tables: dict[str, list[Case]]) -> list:
    """``(filter name, case)`` parameters for tables keyed by filter name, with readable ids."""
    return [
        pytest.param(name, case, id=f"{name}: {case.description}")
        for name, cases in tables.items()
        for case in cases
    ]


def call(func: Callable[..., Any], case: Case) -> Any:
    if getattr(func, "liquid_context", False):
        return func(SiteContext(case.site), case.value, *case.args, **case.kwargs)
    return func(case.value, *case.args, **case.kwargs)


def typed(value: Any) -> str:
    """The JSON form, which tells ``1``, ``1.0`` and ``true`` apart and keeps key order."""
    return json.dumps(value, ensure_ascii=False)


def _same(value: Any) -> Any:
    return value


def check(
    run: Callable[[], Any],
    expect: Any,
    view: Callable[[Any], Any] = _same,
    match: str | None = None,
) -> None:
    """Run ``run()`` and hold it to ``expect``: an error (see :class:`Case`) or ``view``-equal answer."""
    if isinstance(expect, BaseException):
        with pytest.raises(type(expect)) as info:
            run()
        assert info.value.message == expect.message, f"message {info.value.message!r} != {expect.message!r}"
    elif isinstance(expect, type) and issubclass(expect, BaseException):
        with pytest.raises(expect, match=match):
            run()
    else:
        got, want = view(run()), view(expect)
        assert got == want, f"{got!r} != {want!r}"


def check_call(
    func: Callable[..., Any],
    case: Case,
    view: Callable[[Any], Any] = _same,
    match: str | None = None,
) -> None:
    check(lambda: call(func, case), case.expect, view, match)


def check_filter(func: Callable[..., Any], case: Case) -> None:
    """A Liquid family's row, compared by ``repr``; the filter must leave its input as it was."""
    before = copy.deepcopy(case.value)
    check_call(func, case, repr)
    assert repr(case.value) == repr(before), "the filter changed its input"


def render(template: str, data: dict, name: str = "t.html") -> str:
    """``template`` through a fresh engine, with a copy of ``data`` that filters cannot spoil."""
    return Environment().from_string(template, name=name).render(copy.deepcopy(data))


def check_render(case: Render) -> None:
    check(lambda: render(case.template, case.data), case.expect)


def check_register(register: Callable[[Any], None], filters: dict[str, Any]) -> None:
    """``register(env)`` adds exactly the family's ``FILTERS``."""
    env = Environment()
    env.filters.clear()
    register(env)
    assert env.filters == filters
