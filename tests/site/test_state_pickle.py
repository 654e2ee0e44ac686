"""The dependency graph as stored: read ids go out as bytes and come back as the same numbers."""

from __future__ import annotations

from array import array

import pytest

from postforge.incremental.state import Graph
from postforge.incremental.state import Unit
from postforge.pickling import dumps
from postforge.pickling import loads


@pytest.mark.parametrize("ids", [[], [0], [1, 2**63, 2**64 - 1], list(range(0, 2**64 - 1, 2**58))])
def test_a_graph_comes_back_as_it_was_stored(ids: list[int]) -> None:
    graph = Graph()
    graph.units["d:_posts/a.md"] = Unit("d", array("Q", ids), ("a/index.html",), b"fp", {"~output": 7},
                                        None, False, True)
    graph.units["p:index.html|/"] = Unit("p", array("Q", sorted(ids)[:1]), (), b"", {})
    graph.templates = {("L", "post")}
    again = loads(dumps(graph))
    assert again == graph
    for rid, unit in again.units.items():
        assert type(unit.reads) is array and unit.reads.typecode == "Q"
        assert unit.reads.tolist() == graph.units[rid].reads.tolist()
