"""The lossless HTML tree: parse then serialize gives the source back; edits touch only themselves."""

from __future__ import annotations

import pytest

from postforge.htmltree import Element
from postforge.htmltree import iter_text
from postforge.htmltree import parse
from postforge.htmltree import serialize
from postforge.htmltree import text_content

ROUND_TRIP = [
    "<p>Hello <em>world</em></p>\n",
    '<ul>\n  <li>a<ul><li>b</li></ul></li>\n</ul>',
    "<p>unclosed <b>bold",
    "text </div> stray close",
    '<img src="a.png" alt="x"><br /><hr>',
    "<!-- comment <p> --><!DOCTYPE html><?xml x?>",
    "<script>if (a < b) { x = '</p>' }</script><p>after</p>",
    '<a href="?q=1&amp;b=2" title=\'single\'>link</a>',
    "<pre><code>  indented\n    code &lt;b&gt;</code></pre>",
    "",
    "plain text only",
]


@pytest.mark.parametrize("source", ROUND_TRIP)
def test_round_trip_is_exact(source: str) -> None:
    assert serialize(parse(source)) == source


def test_structure_and_attributes() -> None:
    root = parse('<ul><li class="a" data-x=\'1\'>q?<ul><li>ans</li></ul></li></ul>')
    items = [e for e in root.iter() if e.name == "li"]
    assert len(items) == 2
    assert items[0].attrs == {"class": "a", "data-x": "1"}
    assert items[1].parent is not None and items[1].parent.parent is items[0]
    assert text_content(items[0]) == "q?ans"


def test_edits_change_only_the_start_tag() -> None:
    root = parse('<p class="lead">Question? answer</p>\n<p>rest</p>')
    first = next(e for e in root.iter() if e.name == "p")
    first.set_attr("id", "triage-question")
    first.add_class("triage-q")
    assert serialize(root) == '<p class="lead triage-q" id="triage-question">Question? answer</p>\n<p>rest</p>'


def test_iter_text_skips_named_elements() -> None:
    root = parse("<p>API Gateway <code>API</code> <a href='#'>SQS</a> end</p>")
    texts = [t.text for t in iter_text(root, frozenset({"code", "a"}))]
    assert texts == ["API Gateway ", " ", " end"]


def test_built_elements_serialize() -> None:
    root = parse("<p>x</p>")
    link = Element("a", '<a href="#g">', "</a>")
    link.append(parse("SQS").children[0])
    root.children[0].append(link)
    assert serialize(root) == '<p>x<a href="#g">SQS</a></p>'
