"""Summaries through blocks (reads many units share, summarized once) are the summaries the reads
make one by one: whatever the blocks learned, whichever unit owns part of one, sets or lists."""

from __future__ import annotations

import random
from typing import Any

import pytest

from postforge.render import units
from postforge.render.tracking import EXTRA
from postforge.render.tracking import INCLUDE
from postforge.render.tracking import LAYOUT
from postforge.render.tracking import SITE

from test_bookkeeping import fields
from test_bookkeeping import reference_summary

POSTS = [f"d:_posts/2020-01-{day:02d}-p{day}.md" for day in range(1, 29)]
PAGES = ["p:index.html|/", "p:feed.xml|/feed.xml", "p:about.md|/about/"]
SHARED = ([(LAYOUT, "default"), (LAYOUT, "post"), (INCLUDE, "sidebar.html"), (SITE, "posts"), (EXTRA, "seo")]
          + [(post, key) for post in POSTS[-10:] for key in ("url", "title", "date")])
RARE = [(POSTS[3], "content"), (PAGES[1], "output"), ("c:posts", "*str"), ("c:posts", "docs"), (EXTRA, "github"),
        (INCLUDE, ("relative", "docs", "part.md")), (POSTS[5], "*str"), ("s:/logo.png", "name"),
        (PAGES[2], 3), (POSTS[7], ("tuple", "key")), (LAYOUT, None)]


def _unit(rng: random.Random, rid: str, index: int) -> set[Any]:
    reads = {(rid, key) for key in ("title", "date", "url", "next", "previous", "tags")}
    if rng.random() < 0.9:
        reads.update(SHARED)
    else:  # most of the sidebar, not all of it
        reads.update(rng.sample(SHARED, len(SHARED) - 3))
    neighbours = [POSTS[(index + step) % len(POSTS)] for step in (-1, 1)]
    reads.update((post, key) for post in neighbours for key in ("url", "title"))
    if rng.random() < 0.2:
        reads.update(rng.sample(RARE, rng.randint(1, 4)))
    return reads


@pytest.mark.parametrize("seed", range(6))
def test_summaries_through_blocks_are_the_reads_one_by_one(seed: int) -> None:
    rng = random.Random(seed)
    units._BLOCKS.clear()
    units._LAST[:] = [None, None]
    used = 0
    for step in range(200):
        index = rng.randrange(len(POSTS) + len(PAGES))
        rid = POSTS[index] if index < len(POSTS) else PAGES[index - len(POSTS)]
        reads = _unit(rng, rid, index)
        expected = reference_summary(rid, reads)
        if units._block_and_rest(rid, reads)[0] is not None:
            used += 1
        for form in (reads, frozenset(reads), list(reads)):
            summary = units.summarize(rid, form)
            assert fields(summary) == expected, (step, type(form))
            without = units.summarize(rid, form, ids=False)
            assert without.ids is None and fields(without)[1:] == expected[1:]
            assert all(type(part) is frozenset for part in fields(summary)[1:5])
    assert used > 100  # the blocks were used, not only learned


def test_a_block_is_not_used_by_a_unit_that_owns_part_of_it() -> None:
    units._BLOCKS.clear()
    units._LAST[:] = [None, None]
    first, second, owner = POSTS[0], POSTS[1], POSTS[-1]
    for rid in (first, second):
        units.summarize(rid, {(rid, "title"), *SHARED})
    assert units._BLOCKS and owner in units._BLOCKS[0].owners
    reads = {(owner, "title"), (owner, "url"), *SHARED}
    assert units._block_and_rest(owner, reads)[0] is None
    assert fields(units.summarize(owner, reads)) == reference_summary(owner, reads)
    # the block is summarized with its own reads only: another unit's additions are its own
    other = POSTS[2]
    reads = {(other, "title"), *SHARED, (POSTS[4], "content"), (EXTRA, "more"), ("c:posts", "*str")}
    assert units._block_and_rest(other, reads)[0] is not None
    assert fields(units.summarize(other, reads)) == reference_summary(other, reads)
