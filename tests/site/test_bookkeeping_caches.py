"""The caches and inlined paths of fingerprints and summaries give the reference's numbers.

Which lists are remembered, the key names' digests, the ids kept as Latin-1 strings: each is a
shortcut to the same number, checked here on the edges where it could go wrong (first sight and
second, past a cache's bound, keys that are not plain strings, ids whose bytes are not ASCII).
"""

from __future__ import annotations

import datetime as dt
from array import array
from typing import Any

import pytest

from postforge.model.documents import Document
from postforge.model.documents import StaticFile
from postforge.pickling import dumps
from postforge.render import fingerprints
from postforge.render import units

from test_bookkeeping import fields
from test_bookkeeping import reference_digest
from test_bookkeeping import reference_fingerprint
from test_bookkeeping import reference_hash
from test_bookkeeping import reference_summary


class Tag(str):
    """A string subclass: not a plain string, so never remembered as one."""

    def __str__(self) -> str:
        return "tag:" + str.__str__(self)


SHORT_LISTS = [
    [], (), ["a"], ("a",), ["a", "b"], ("a", "b"), ["a", "b", "c"], ("a", "b", "c", "d", "e"),
    ["x" * 40, "y"], [Tag("a")], ["a", 1], [1, 2], ["a", None], [True], [["a"]], ["é", "✓"],
]


@pytest.mark.parametrize("value", SHORT_LISTS, ids=repr)
def test_short_lists_digest_as_the_reference_seen_once_or_again(value: Any) -> None:
    fingerprints._RECURRING.clear()
    first = fingerprints.digest(value)
    again = fingerprints.digest(value)
    assert first == again == reference_digest(value)


def test_a_list_and_a_tuple_of_the_same_strings_keep_their_own_digests() -> None:
    fingerprints._RECURRING.clear()
    assert fingerprints.digest(["a", "b"]) == reference_digest(["a", "b"])
    assert fingerprints.digest(("a", "b")) == reference_digest(("a", "b"))
    assert fingerprints.digest(["a", "b"]) != fingerprints.digest(("a", "b"))
    assert fingerprints.digest("['a', 'b']") == reference_digest("['a', 'b']")


def _doc(n: int, data: dict[Any, Any], body: str = "body") -> Document:
    return Document(f"/s/_posts/2024-01-01-p{n}.md", f"_posts/2024-01-01-p{n}.md", data, body,
                    url=f"/2024/01/01/p{n}/")


@pytest.mark.parametrize("data", [
    {"title": "T", "date": dt.datetime(2024, 1, 1, 12, 0), "tags": ["a", "b", "c"]},
    {1: "one", "title": "T", True: "yes", None: "none"},
    {Tag("title"): "T", "date": dt.date(2024, 1, 1)},
    {"date": None, "title": "x" * 300, "categories": ("a",)},
    {},
], ids=["plain", "non-string keys", "string subclass key", "no date", "empty"])
def test_document_fingerprints_whatever_the_keys(data: dict[Any, Any]) -> None:
    doc = _doc(0, data, "body " * 500)
    assert fingerprints.document_fingerprint(doc) == reference_fingerprint(doc)
    # the same keys again (the names' digest remembered) and in the same order as the reference
    assert list(fingerprints.document_fingerprint(doc).items()) == list(reference_fingerprint(doc).items())


def test_key_names_past_the_cache_bound() -> None:
    docs = [_doc(n, {f"key{n}": n, "title": "T"}) for n in range(600)]
    for doc in docs + docs[::-1]:
        assert fingerprints.document_fingerprint(doc) == reference_fingerprint(doc)
    assert len(fingerprints._KEYS) <= 256
    # and the pickled form (what the graph keeps) is the reference's
    assert dumps(fingerprints.document_fingerprint(docs[0])) == dumps(reference_fingerprint(docs[0]))


@pytest.mark.parametrize("size", [0, 1, 255, 256, 257, 2000, 2001, 5000])
def test_hash_bytes_is_hash_text(size: int) -> None:
    text = "é" * (size // 2) + "a" * (size % 2)
    assert int.from_bytes(fingerprints.hash_bytes(text), "little") == fingerprints.hash_text(text)
    assert fingerprints.hash_text(text) == reference_hash(text)


def test_summary_ids_are_the_read_hashes_in_order() -> None:
    """Ids kept as Latin-1 strings sort and join as the numbers (many have bytes past ASCII)."""
    reads = {(f"d:_posts/p{n}.md", key) for n in range(300) for key in ("title", "url", "content")}
    reads |= {("S", "posts"), ("L", "default"), ("X", "extra"), ("c:posts", "*str"), ("d:me.md", "title")}
    units._HASHES.clear()
    units._BLOCKS.clear()
    units._LAST[:] = [None, None]
    expected = reference_summary("d:me.md", reads)
    assert any(number >> 63 for number in expected[0])
    for _ in range(3):  # first sight (learnt), again (known), and with the reads as a block
        summary = units.summarize("d:me.md", reads)
        assert type(summary.ids) is array and summary.ids.typecode == "Q"
        assert fields(summary) == expected
    assert units._BLOCKS


def test_static_fingerprints_with_many_keys() -> None:
    d = reference_digest
    for n in range(3):
        static = StaticFile(f"/s/assets/f{n}.png", f"/assets/f{n}.png", data={"a": 1, "b": [n], "c": "x", 7: None},
                            url=f"/assets/f{n}.png")
        fp = fingerprints.static_fingerprint(static)
        assert fp["~keys"] == d(("a", "b", "c", "7"))
        assert fp == {"=a": d(1), "=b": d([n]), "=c": d("x"), "=7": d(None), "~url": d((static.url, True)),
                      "~keys": d(("a", "b", "c", "7"))}
