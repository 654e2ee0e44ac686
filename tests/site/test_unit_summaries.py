"""The bookkeeping shortcuts a render worker takes per unit give what the full paths give.

A build that keeps no dependency graph (not incremental) summarizes reads without their ids
(``test_bookkeeping`` compares those with the reference); the digests keep a few recurring values (fingerprint key names, neighbours' item ids) and
hash long texts with SHA-1. The references are those of ``test_bookkeeping``.
"""

from __future__ import annotations

from array import array

import pytest

from postforge.config import load_config
from postforge.model.documents import Document
from postforge.pickling import dumps
from postforge.pickling import loads
from postforge.render import fingerprints
from postforge.render import units
from postforge.render.tracking import Recorder
from postforge.render.tracking import item_id
from postforge.site import Site
from postforge.site import all_documents

from test_bookkeeping import COMPAT
from test_bookkeeping import READS
from test_bookkeeping import fields
from test_bookkeeping import reference_digest
from test_bookkeeping import reference_fingerprint
from test_bookkeeping import reference_summary
from test_bookkeeping import utc  # noqa: F401 - a fixture


def test_empty_parts_are_empty_frozensets() -> None:
    summary = units.summarize(*READS[2])
    for part in fields(summary)[1:5]:
        assert type(part) is frozenset and part == frozenset()


@pytest.mark.parametrize("incremental", [False, True])
@pytest.mark.parametrize("name", ["excerpts", "plugin-feed", "collections", "layouts-includes"])
def test_units_rendered_with_and_without_fingerprints(name: str, incremental: bool, utc: None) -> None:
    """Only an incremental build's units (the ones with fingerprints) carry ids; the rest is the same."""
    source = COMPAT / name / "src"
    site = Site(load_config(source, None, {"source": str(source), "jobs": 1}))
    site_time = site.site_time()
    content = site.read(site_time)
    site.finish_read(content)
    session = site.render_session(content, site_time, recorder=Recorder(), jobs=1, fingerprints=incremental)
    session.units.hooks = True  # keep every unit's reads
    for item in [*all_documents(content), *content.pages]:
        session.render_one(item)
    assert session.results
    for rid, result in session.results.items():
        expected = reference_summary(rid, result.reads)
        if incremental:
            assert fields(result.summary) == expected
            assert type(result.summary.ids) is array
        else:
            assert result.summary.ids is None and result.fingerprint is None and result.made is None
            assert fields(result.summary)[1:] == expected[1:]
        assert loads(dumps(result)) == result


def test_fingerprints_past_the_caches_bounds() -> None:
    """More front matter keys and neighbours than the caches keep: each fingerprint is still the reference."""
    docs = [Document(f"/s/_posts/2024-01-01-p{n}.md", f"_posts/2024-01-01-p{n}.md",
                     {f"key{n}": n, f"other{n % 7}": "x" * (n % 300), "title": f"P{n}"}, "body " * n)
            for n in range(fingerprints._RECURRING_MOST + 200)]
    for before, after in zip(docs, docs[1:]):
        before.next, after.previous = after, before
    for doc in docs[::-1]:
        assert fingerprints.item_fingerprint(doc) == reference_fingerprint(doc), item_id(doc)
    assert len(fingerprints._DATA_KEYS) <= fingerprints._RECURRING_MOST
    assert len(fingerprints._NEIGHBOURS) <= 64


@pytest.mark.parametrize("size", [30, 31, 32, 33, 126, 127, 128, 129, 254, 255, 256, 257, 300, 1999, 2000, 2001, 5000])
@pytest.mark.parametrize("fill", ["a", "é", "✓", "\U0001F600"])
def test_digests_either_side_of_the_long_text_bound(size: int, fill: str) -> None:
    """A text's digest is BLAKE2b up to 256 bytes of canonical form, SHA-1 past it, wherever a
    many-byte character falls."""
    text = "x" * (size - 1) + fill
    for value in (text, "x" + text, [text], {"k": text}, ("t", text)):
        assert fingerprints.digest(value) == reference_digest(value)
    assert fingerprints.hash_text("s" + text) == fingerprints.digest(text)
