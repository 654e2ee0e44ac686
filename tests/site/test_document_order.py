"""Documents in Jekyll's order: :func:`sort_documents` against glibc's merge sort of ``Document#<=>``.

Ruby sorts with glibc's merge sort; where every document has a date the order is that of
``(date, path)`` and postforge sorts with Python's own sort. Both must give the same list, for
every mix of dates: equal, in other time zones, missing (then the merge sort runs), and dates
that cannot be compared.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from postforge.liquid.filters.arrays import glibc_msort
from postforge.model.documents import Document
from postforge.model.documents import compare_documents
from postforge.reading.documents import sort_documents

UTC = dt.timezone.utc
EAST = dt.timezone(dt.timedelta(hours=5))
DAY = dt.datetime(2024, 3, 1, 12, tzinfo=UTC)


def _doc(path: str, date: object) -> Document:
    data = {} if date is None else {"date": date}
    return Document(source_path="/s/" + path, relative_path=path, data=data, content="")


def _dates(kind: str, rng: random.Random) -> object:
    if kind == "distinct":
        return DAY + dt.timedelta(hours=rng.randrange(10_000))
    if kind == "ties":
        return DAY + dt.timedelta(days=rng.randrange(3))
    if kind == "zones":  # the same instants, written in two zones: equal dates
        return (DAY + dt.timedelta(hours=rng.randrange(4))).astimezone(rng.choice([UTC, EAST]))
    if kind == "some missing":
        return None if rng.random() < 0.3 else DAY + dt.timedelta(days=rng.randrange(3))
    if kind == "all missing":
        return None
    raise AssertionError(kind)


KINDS = ["distinct", "ties", "zones", "some missing", "all missing"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("size", [0, 1, 2, 7, 64, 301])
def test_the_order_is_the_merge_sorts(kind: str, size: int) -> None:
    rng = random.Random(f"{kind}-{size}")
    for _ in range(5):
        paths = rng.sample(range(10 * size + 10), size)
        docs = [_doc(f"_posts/{n:04d}-p.md", _dates(kind, rng)) for n in paths]
        expected = glibc_msort(docs, compare_documents)
        assert [d.relative_path for d in sort_documents(docs)] == [d.relative_path for d in expected]


def test_dates_that_cannot_be_compared_fail_as_in_the_merge_sort() -> None:
    docs = [_doc("_posts/a.md", DAY), _doc("_posts/b.md", dt.datetime(2024, 1, 1))]  # aware and naive
    with pytest.raises(TypeError):
        glibc_msort(docs, compare_documents)
    with pytest.raises(TypeError):
        sort_documents(docs)
