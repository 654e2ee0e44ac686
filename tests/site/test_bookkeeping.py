"""Digests, fingerprints and read summaries are exactly what they were before their fast paths.

An incremental build compares them with what the last build stored, so a digest that changed
for the same value would re-render everything (or, worse, a summary that lost a read would
skip a page). The numbers below were taken from the straightforward implementation (kept here
as the reference: ``repr`` of the canonical form, one BLAKE2b, or SHA-1 past 256 bytes, one pass
over the reads); the real reads come from rendering the compat sites.
"""

from __future__ import annotations

import collections
import copy
import datetime as dt
import decimal
import fractions
import hashlib
import os
import threading
import time
import zoneinfo
from array import array
from pathlib import Path
from typing import Any
from typing import Iterator

import pytest

from postforge.config import load_config
from postforge.liquid.drops import Drop
from postforge.model.documents import Collection
from postforge.model.documents import Document
from postforge.model.documents import Excerpt
from postforge.model.documents import Page
from postforge.model.documents import StaticFile
from postforge.model.drops import CollectionDrop
from postforge.model.drops import DocumentDrop
from postforge.model.drops import ExcerptDrop
from postforge.model.drops import PageDrop
from postforge.model.drops import StaticFileDrop
from postforge.model.drops import _Cache
from postforge.pickling import dumps
from postforge.pickling import loads
from postforge.render import fingerprints
from postforge.render import units
from postforge.render.tracking import EXTRA
from postforge.render.tracking import INCLUDE
from postforge.render.tracking import LAYOUT
from postforge.render.tracking import RENDERED_KEYS
from postforge.render.tracking import Recorder
from postforge.render.tracking import item_id
from postforge.site import Site
from postforge.site import all_documents

COMPAT = Path(__file__).resolve().parents[2] / "tests" / "compat" / "sites"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
with open("/usr/share/zoneinfo/UTC", "rb") as _handle:
    LOCAL = zoneinfo.ZoneInfo.from_file(_handle, key="/etc/localtime")


# -- the reference: the implementation the fast paths replaced ------------------------------------

def reference_hash(text: str) -> int:
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= 256:
        return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")
    return int.from_bytes(hashlib.sha1(data).digest()[:8], "little")


def reference_plain(value: Any) -> Any:
    kind = type(value)
    if kind in fingerprints._PRIMITIVES:
        return value
    if kind is list or kind is tuple:
        return kind(reference_plain(item) for item in value)
    if kind is dict:
        return {reference_plain(key): reference_plain(item) for key, item in value.items()}
    if isinstance(value, fingerprints._MODEL):
        return fingerprints._Ref((item_id(value),))
    if isinstance(value, Drop):
        for attribute in ("excerpt", "doc", "page", "file", "collection"):
            target = getattr(value, attribute, None)
            if isinstance(target, fingerprints._MODEL):
                return fingerprints._Ref((item_id(target) + ("#excerpt" if attribute == "excerpt" else ""),))
        return fingerprints._Ref(("opaque",))
    if isinstance(value, (set, frozenset)):
        return ("set", sorted(repr(reference_plain(item)) for item in value))
    if isinstance(value, dict):
        return {reference_plain(key): reference_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [reference_plain(item) for item in value]
    text = repr(value)
    if " at 0x" in text:
        return fingerprints._Ref(("opaque",))
    return (type(value).__name__, text)


def reference_digest(value: Any) -> int:
    return reference_hash(repr(reference_plain(value)) if type(value) is not str else "s" + value)


def reference_fingerprint(item: Any) -> dict[str, int]:
    d = reference_digest
    if isinstance(item, Document):
        fp = {"=" + str(key): d(value) for key, value in item.data.items()}
        fp["~url"] = d(item.url)
        fp["~ext"] = d(item.output_ext)
        fp["~date"] = d(item.date)
        fp["~body"] = d(item.content)
        fp["~excerpt"] = d(item.excerpt.content if item.excerpt is not None else None)
        fp["~write"] = d(item.write)
        fp["~keys"] = d(tuple(map(str, item.data.keys())))
        fp["~next"] = d(item_id(item.next) if item.next is not None else None)
        fp["~previous"] = d(item_id(item.previous) if item.previous is not None else None)
        return fp
    fp = {}
    defaults = item.defaults or {}
    for key in dict.fromkeys([*defaults.keys(), *item.data.keys()]):
        if key in item.data:
            value = item.data[key]
            default = defaults.get(key)
            if isinstance(value, dict) and isinstance(default, dict):
                value = (default, value)
        else:
            value = defaults[key]
        fp["=" + str(key)] = d(value)
    fp["~url"] = d(item.url)
    fp["~ext"] = d(item.output_ext)
    fp["~body"] = d(item.content)
    fp["~excerpt"] = d(item.excerpt.content if item.excerpt is not None else None)
    fp["~keys"] = d((tuple(map(str, defaults.keys())), tuple(map(str, item.data.keys()))))
    fp["~paginator"] = d(item.paginator)
    return fp


def reference_summary(rid: str, reads: Any) -> tuple[Any, ...]:
    ids: set[int] = set()
    other_keys, rendered, extras, templates = set(), set(), set(), set()
    collection_output = False
    for pair in reads:
        owner, key = pair
        if owner == rid:
            continue
        ids.add(reference_hash(f"{owner}\x00{key!r}"))
        kind = owner[:2]
        if kind == "d:" or kind == "p:":
            other_keys.add(key)
            if key in RENDERED_KEYS:
                rendered.add(owner)
            ids.add(reference_hash(f"{owner}\x00{chr(0) + 'any'!r}"))
        elif owner == EXTRA:
            extras.add(key)
        elif owner == LAYOUT or owner == INCLUDE:
            templates.add(pair)
        elif kind == "c:" and key == "*str":
            collection_output = True
    return (array("Q", sorted(ids)), frozenset(other_keys), frozenset(rendered), frozenset(extras),
            frozenset(templates), collection_output)


def fields(summary: units.ReadSummary) -> tuple[Any, ...]:
    return (summary.ids, summary.other_keys, summary.rendered, summary.extras, summary.templates,
            summary.collection_output)


# -- a table of values ----------------------------------------------------------------------------

class Shown:
    """An object of no known kind whose ``repr`` is stable."""

    def __repr__(self) -> str:
        return "Shown(1, 'two')"


class Name(str):
    pass


class Items(list):  # type: ignore[type-arg]
    pass


Pair = collections.namedtuple("Pair", "left right")

POST = Document("/s/_posts/2024-01-01-a.md", "_posts/2024-01-01-a.md", {"title": "A", "tags": ["x", "y"]}, "body")
OTHER = Document("/s/_posts/2024-01-02-b.md", "_posts/2024-01-02-b.md", {"title": "B"}, "body")
PAGE = Page("/s/about.md", "about.md", {"title": "About"}, "text", url="/about/")
STATIC = StaticFile("/s/logo.png", "/logo.png", url="/logo.png")
POSTS = Collection("posts", {"output": True}, "_posts", "/s/_posts", docs=[POST, OTHER])
EXCERPT = Excerpt(POST, "the start")
CACHE = _Cache(lambda excerpt: "")
LONG = "long text, " * 400
LONG_WIDE = "ünïcödé ≠ ascii " * 300


def values() -> list[tuple[str, Any]]:
    return [
        ("str", "text"),
        ("empty str", ""),
        ("short str", "post"),
        ("unicode str", "naïve café ✓"),
        ("surrogate str", "bad \udcff byte"),
        ("long str", LONG),
        ("long unicode str", LONG_WIDE),
        ("str 32", "x" * 32),
        ("str 33", "x" * 33),
        ("str 255", "x" * 255),
        ("str 256", "x" * 256),
        ("wide str 256 bytes", "é" * 128),
        ("list 254", ["y" * 250]),
        ("list 257", ["y" * 253]),
        ("bytes", b"raw \x00 bytes"),
        ("int", 42),
        ("zero", 0),
        ("negative", -7),
        ("big int", 2**70 + 3),
        ("float", 1.5),
        ("float int", 1.0),
        ("nan", float("nan")),
        ("inf", float("-inf")),
        ("true", True),
        ("false", False),
        ("none", None),
        ("date", dt.date(2024, 2, 29)),
        ("naive datetime", dt.datetime(2024, 1, 1, 12, 30, 5, 123)),
        ("utc datetime", dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone.utc)),
        ("offset datetime", dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))),
        ("named offset", dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=-3), "BRT"))),
        ("zone datetime", dt.datetime(2024, 7, 1, 8, tzinfo=PARIS)),
        ("fold datetime", dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=PARIS)),
        ("file zone datetime", dt.datetime(2008, 1, 3, 23, 0, tzinfo=LOCAL)),
        ("time", dt.time(7, 8, 9)),
        ("timedelta", dt.timedelta(days=1, seconds=5)),
        ("decimal", decimal.Decimal("1.10")),
        ("fraction", fractions.Fraction(1, 3)),
        ("list of str", ["tag-05", "tag-07", "tag-20"]),
        ("list of one", ["cat-5"]),
        ("empty list", []),
        ("empty tuple", ()),
        ("tuple of one", ("only",)),
        ("tuple of keys", ("title", "date", "tags", "layout")),
        ("mixed list", [1, "a", 2.5, None, True, dt.date(2020, 1, 1)]),
        ("nested list", [[1, 2], ("a", ["b"]), {"c": 3}]),
        ("dict", {"a": 1, "b": "two"}),
        ("dict order", {"b": "two", "a": 1}),
        ("dict int keys", {1: "x", 2.5: "y", None: "z"}),
        ("nested dict", {"nav": [{"name": "Home", "url": "/"}, {"name": "About", "url": "/about/"}]}),
        ("set", {3, 1, 2}),
        ("frozenset", frozenset({"b", "a"})),
        ("set of tuples", {("a", 1), ("b", 2)}),
        ("list of sets", [{1}, frozenset({"x", "y"})]),
        ("document", POST),
        ("page", PAGE),
        ("static file", STATIC),
        ("collection", POSTS),
        ("excerpt", EXCERPT),
        ("documents", [POST, OTHER]),
        ("in a dict", {"posts": [POST], "page": PAGE}),
        ("paired", (POSTS, {"files": [STATIC]})),
        ("document drop", DocumentDrop(POST, CACHE)),
        ("excerpt drop", ExcerptDrop(EXCERPT, CACHE)),
        ("page drop", PageDrop(PAGE, CACHE)),
        ("static drop", StaticFileDrop(STATIC)),
        ("collection drop", CollectionDrop(POSTS, CACHE)),
        ("drops", [DocumentDrop(OTHER, CACHE), PageDrop(PAGE, CACHE)]),
        ("shown", Shown()),
        ("shown in list", [Shown(), 1]),
        ("str subclass", Name("name")),
        ("list subclass", Items([1, "a"])),
        ("namedtuple", Pair(1, "b")),
        ("ordered dict", collections.OrderedDict([("b", 1), ("a", [2])])),
        ("dict of subclass", {Name("k"): Items([Shown()])}),
    ]


DIGESTS = {
    'str': 16599838464745313651,
    'empty str': 16027976456189790694,
    'short str': 3895233473788547627,
    'unicode str': 7494368696836404902,
    'surrogate str': 13811579025987068343,
    'long str': 2922403074035636586,
    'long unicode str': 7348665756861326456,
    'str 32': 7479812844206048130,
    'str 33': 9799167386921923360,
    'str 255': 8882529009288400304,
    'str 256': 2258218220920298346,
    'wide str 256 bytes': 15319408715567116591,
    'list 254': 6029906988542232732,
    'list 257': 11406826261312040063,
    'bytes': 5469551988538899943,
    'int': 8820412187630416983,
    'zero': 8493733112532773764,
    'negative': 1742748123310498148,
    'big int': 2903126253938332803,
    'float': 3831814941423113338,
    'float int': 4786086276877044158,
    'nan': 9819198178501587171,
    'inf': 16929049630444586827,
    'true': 9443733400513997869,
    'false': 7752882598625489546,
    'none': 25992921519320915,
    'date': 12142700935434605860,
    'naive datetime': 2576296345704955061,
    'utc datetime': 2837459918752433460,
    'offset datetime': 2579773609308397295,
    'named offset': 12841609401452740884,
    'zone datetime': 11320574779131498675,
    'fold datetime': 10038667482728942050,
    'file zone datetime': 6392151799821716856,
    'time': 257495735241407417,
    'timedelta': 10808720153493023638,
    'decimal': 9331783939271099027,
    'fraction': 15396693345996558296,
    'list of str': 7130946566502984990,
    'list of one': 15050043827653546225,
    'empty list': 14368017890445460849,
    'empty tuple': 5694367389426422167,
    'tuple of one': 122972626043102554,
    'tuple of keys': 16547863039026409477,
    'mixed list': 17033159435545303383,
    'nested list': 17439060674325781341,
    'dict': 14839045595906543246,
    'dict order': 5595308785353980679,
    'dict int keys': 13185770117984446438,
    'nested dict': 11342674895611502711,
    'set': 1896764432508377429,
    'frozenset': 10997145323659101047,
    'set of tuples': 7529083603534490923,
    'list of sets': 3562484483319221109,
    'document': 4192918013693880833,
    'page': 3481530376164846833,
    'static file': 12260780521745877287,
    'collection': 4543764356184792760,
    'excerpt': 4192918013693880833,
    'documents': 5555536055811052280,
    'in a dict': 18107264255555581925,
    'paired': 16546960208902885050,
    'document drop': 4192918013693880833,
    'excerpt drop': 2662140328577015214,
    'page drop': 3481530376164846833,
    'static drop': 12260780521745877287,
    'collection drop': 4543764356184792760,
    'drops': 10744561452777214396,
    'shown': 14887141850687257323,
    'shown in list': 575988970721647984,
    'str subclass': 9894262306709497915,
    'list subclass': 13963493416124208211,
    'namedtuple': 2533311815355192893,
    'ordered dict': 15656670082282070710,
    'dict of subclass': 10494103453175809525,
}


@pytest.mark.parametrize(("label", "value"), values(), ids=[label for label, _ in values()])
def test_a_digest_is_what_it_was(label: str, value: Any) -> None:
    assert fingerprints.digest(value) == reference_digest(value)
    assert fingerprints.digest(value) == DIGESTS[label]


def test_digests_of_long_texts_while_other_threads_run() -> None:
    """With other threads, long texts go to hashlib in parts; the digest is the same."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert threading.active_count() > 1
        assert fingerprints.digest(LONG) == DIGESTS["long str"]
        assert fingerprints.digest(LONG_WIDE) == DIGESTS["long unicode str"]
        assert fingerprints.hash_text(LONG) == reference_hash(LONG)
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("value", [object(), [object()], {"x": lambda: 1}, DocumentDrop.__new__(DocumentDrop)])
def test_a_value_with_no_stable_form_digests_differently_every_time(value: Any) -> None:
    assert fingerprints.digest(value) != fingerprints.digest(value)


@pytest.mark.parametrize("text", ["", "a", "d:_posts/a.md\x00'title'", LONG, LONG_WIDE, "bad \udcff byte"])
def test_hash_text(text: str) -> None:
    assert fingerprints.hash_text(text) == reference_hash(text)


READ_HASHES = {
    ('d:_posts/a.md', 'title'): 9594922187325928490,
    ('S', 'posts'): 46673878477578842,
    ('I', ('relative', 'docs', 'part.md')): 16019142062765539075,
    ('p:about.md|/about/', 3): 10677678961979897787,
    ('X', 'seo'): 15085432694987028483,
    ('L', None): 1971628880156182043,
    ('d:ünï.md', 'tïtle'): 3070244224545345498,
    ('c:posts', '*str'): 15719328153641158539,
    ('s:/logo.png', 'modified_time'): 18141897006098272391,
}


@pytest.mark.parametrize(("owner", "key"), list(READ_HASHES), ids=repr)
def test_read_and_owner_hashes_are_what_they_were(owner: str, key: Any) -> None:
    assert units.read_hash(owner, key) == READ_HASHES[(owner, key)]
    assert units.read_hash(owner, key) == reference_hash(f"{owner}\x00{key!r}")
    assert units.owner_hash(owner) == reference_hash(f"{owner}\x00{chr(0) + 'any'!r}")


# -- fingerprints ---------------------------------------------------------------------------------

def items() -> list[tuple[str, Any]]:
    dated = Document("/s/_posts/2024-03-01-c.md", "_posts/2024-03-01-c.md",
                     {"title": "C", "date": dt.datetime(2024, 3, 1, 9, tzinfo=PARIS), "tags": ["a"], "draft": False},
                     "the body " * 300, url="/2024/03/01/c.html")
    dated.excerpt = Excerpt(dated, "the body")
    dated.next, dated.previous = POST, OTHER
    undated = Document("/s/_cards/x.md", "_cards/x.md", {"title": "X"}, "card", collection="cards",
                       default_date=dt.datetime(2020, 5, 5, tzinfo=dt.timezone.utc), write=False)
    odd_keys = Document("/s/_posts/2024-03-02-d.md", "_posts/2024-03-02-d.md",
                        {1: "one", "date": dt.date(2024, 3, 2), Name("date"): "shadow", "": None}, "")
    false_date = Document("/s/_posts/2024-03-03-e.md", "_posts/2024-03-03-e.md", {"date": ""}, "e",
                          default_date=dt.datetime(2024, 3, 3))
    page = Page("/s/index.html", "index.html", {"layout": "home", "sub": {"a": 1}, "title": "Home"}, "{{ x }}",
                url="/")
    page.defaults = {"layout": "default", "sub": {"b": 2}, "author": "me"}
    page.paginator = {"page": 1, "posts": [POST, OTHER], "next_page_path": "/page2/"}
    page.excerpt = Excerpt(page, "first")
    return [("post", POST), ("dated", dated), ("undated", undated), ("odd keys", odd_keys),
            ("false date", false_date), ("page", page), ("plain page", PAGE)]


FINGERPRINTS: dict[str, dict[str, int]] = {
    'post': {
        '=title': 7198606086701559625, '=tags': 1436330367641168696, '~url': 16027976456189790694,
        '~ext': 8637019029472156198, '~date': 25992921519320915, '~body': 18047748757061056800,
        '~excerpt': 25992921519320915, '~write': 9443733400513997869, '~keys': 7174841409611739937,
        '~next': 25992921519320915, '~previous': 25992921519320915,
    },
    'dated': {
        '=title': 13365168099191852923, '=date': 18431842961833383533, '=tags': 17868546782001508088,
        '=draft': 7752882598625489546, '~url': 7527742037866249563, '~ext': 8637019029472156198,
        '~date': 18431842961833383533, '~body': 13952965869217427308, '~excerpt': 5109114502827163121,
        '~write': 9443733400513997869, '~keys': 2367499354794665714, '~next': 16765320538792126427,
        '~previous': 8157758297982926472,
    },
    'undated': {
        '=title': 3195126636384221681, '~url': 16027976456189790694, '~ext': 8637019029472156198,
        '~date': 6410012635964759113, '~body': 8901989060284316133, '~excerpt': 25992921519320915,
        '~write': 7752882598625489546, '~keys': 15544420288895819631, '~next': 25992921519320915,
        '~previous': 25992921519320915,
    },
    'odd keys': {
        '=1': 7103556456999068561, '=date': 12330237185650700813, '=': 25992921519320915,
        '~url': 16027976456189790694, '~ext': 8637019029472156198, '~date': 12330237185650700813,
        '~body': 16027976456189790694, '~excerpt': 25992921519320915, '~write': 9443733400513997869,
        '~keys': 6019154832330237508, '~next': 25992921519320915, '~previous': 25992921519320915,
    },
    'false date': {
        '=date': 16027976456189790694, '~url': 16027976456189790694, '~ext': 8637019029472156198,
        '~date': 6189067533832056065, '~body': 15263188435160606597, '~excerpt': 25992921519320915,
        '~write': 9443733400513997869, '~keys': 3328282844502536136, '~next': 25992921519320915,
        '~previous': 25992921519320915,
    },
    'page': {
        '=layout': 9977070645756620203, '=sub': 5588082742129154767, '=author': 9307838088156567368,
        '=title': 7077825543719959699, '~url': 7633769808593992752, '~ext': 8637019029472156198,
        '~body': 4808322733537905096, '~excerpt': 2365010252154902097, '~keys': 12326841085929333592,
        '~paginator': 15554200143350061146,
    },
    'plain page': {
        '=title': 4640496096157549369, '~url': 246758393956062661, '~ext': 8637019029472156198,
        '~body': 16599838464745313651, '~excerpt': 25992921519320915, '~keys': 348634561639104078,
        '~paginator': 25992921519320915,
    },
}


@pytest.mark.parametrize(("label", "item"), items(), ids=[label for label, _ in items()])
def test_a_fingerprint_is_what_it_was(label: str, item: Any) -> None:
    fp = fingerprints.item_fingerprint(item)
    assert fp == reference_fingerprint(item)
    assert list(fp) == list(reference_fingerprint(item))
    assert fp == FINGERPRINTS[label]


def test_a_date_with_no_stable_form_is_digested_for_each_key() -> None:
    doc = Document("/s/_posts/2024-03-04-f.md", "_posts/2024-03-04-f.md", {"date": object()}, "f")
    fp = fingerprints.document_fingerprint(doc)
    assert fp["=date"] != fp["~date"]


def test_a_static_fingerprint() -> None:
    stat = os.stat_result((0o100644, 1, 2, 1, 0, 0, 1234, 0, 0, 0))
    fp = fingerprints.static_fingerprint(StaticFile("/s/a.png", "/a.png", data={"x": 1}, url="/a.png"), stat)
    assert fp == {"=x": reference_digest(1), "~url": reference_digest(("/a.png", True)),
                  "~mtime": reference_digest((stat.st_mtime_ns, 1234, 0o100644)), "~keys": reference_digest(("x",))}


# -- summaries ------------------------------------------------------------------------------------

ME = "d:_posts/2008-01-04-post-00006.md"
READS = [
    # a post of the benchmark site: its own keys, its neighbours', the sidebar's ten newest posts
    (ME, frozenset([("I", "sidebar.html"), ("L", "default"), ("L", "post"), ("S", "posts"),
                    ("d:_posts/2008-01-03-post-00005.md", "title"), ("d:_posts/2008-01-03-post-00005.md", "url"),
                    (ME, "categories"), (ME, "date"), (ME, "next"), (ME, "previous"), (ME, "tags"), (ME, "title"),
                    ("d:_posts/2008-01-05-post-00007.md", "title"), ("d:_posts/2008-01-05-post-00007.md", "url")]
                   + [(f"d:_posts/2009-06-2{day}-post-0099{day}.md", key) for day in range(10)
                      for key in ("date", "title", "url")])),
    # a feed: every post's content, its own page keys, a plugin key, a collection printed whole
    ("p:feed.xml|/feed.xml", frozenset([("p:feed.xml|/feed.xml", "title"), ("d:_posts/a.md", "content"),
                                        ("d:_posts/b.md", "output"), ("d:_posts/b.md", "*str"),
                                        ("d:_posts/b.md", "url"),
                                        ("X", "github"), ("X", "seo"), ("c:posts", "*str"), ("c:posts", "docs"),
                                        ("S", "time"), ("S", "links"), ("s:/logo.png", "name"),
                                        ("I", ("relative", "docs", "part.md")), ("I", "head.html"), ("L", None),
                                        ("p:about.md|/about/", "*keys"), ("p:about.md|/about/", 3),
                                        ("d:_posts/a.md", ("tuple", "key")), ("S", "collection:cards")])),
    # a page reading only itself
    ("p:about.md|/about/", frozenset([("p:about.md|/about/", "title"), ("p:about.md|/about/", "content")])),
    # nothing
    ("d:_posts/a.md", frozenset()),
    # a unit that is not a page or document (not made by the renderer, but summarize takes it)
    ("S", frozenset([("S", "posts"), ("S", "time"), ("d:_posts/a.md", "title"), ("L", "x")])),
]

SUMMARIES: list[tuple[Any, ...]] = [
    ([
      46673878477578842, 144318097048816046, 338565658356379329, 575266912831873008, 1042978421128690396,
      1132695451961574938, 1160289151339855992, 1173377700732454265, 1411756779273000692,
      1617426685159096949, 1623767615308155126, 2330518220830181913, 2932170817649757731,
      2991167887937108314, 3064821287219872830, 3184044553447414796, 3187834821617477100,
      3220427880282218498, 3774246900738279628, 3828346422414852783, 3953667161471462177,
      3976424118795476086, 4180006808800809984, 6850605842713116205, 7349890511810251245,
      7363558081786232446, 7570900477263279251, 8201864185700336934, 9443633668509964113,
      9581226842325910729, 9942722813464339951, 10453403616255525596, 11289710102762826755,
      11635105296463326086, 11832942550650591064, 12600494041088881674, 13626685277477977300,
      14037668784583994435, 14174298366829418730, 14537660488260306819, 14624228433252357856,
      15173680883804044661, 15722211715200734180, 15935003434484433069, 17094743616832885456,
      17474139615140813053, 17845370801506794620, 18025959917163604229, 18043286362308339540,
      18118225382467636476
     ],
     frozenset(['date', 'title', 'url']), frozenset(), frozenset(),
     frozenset([('I', 'sidebar.html'), ('L', 'default'), ('L', 'post')]), False),
    ([
      1148563443326782121, 1931028116111554594, 1971628880156182043, 3136628082225888230,
      3526261042198932080, 5241438762507955621, 5893474207526941534, 6061256015237815195,
      7784422134850492781, 8257397124119565622, 10677678961979897787, 11216099185933410662,
      11418727329672340873, 15085432694987028483, 15719328153641158539, 15848938201975670747,
      16019142062765539075, 17036989128693781179, 17347651764694924279, 17400896285543142502,
      17503753854371120137
     ],
     frozenset(['*keys', '*str', 'content', 'output', 'url', ('tuple', 'key'), 3]),
     frozenset(['d:_posts/a.md', 'd:_posts/b.md']), frozenset(['github', 'seo']),
     frozenset([('I', 'head.html'), ('I', ('relative', 'docs', 'part.md')), ('L', None)]), True),
    ([],
     frozenset(), frozenset(), frozenset(),
     frozenset(), False),
    ([],
     frozenset(), frozenset(), frozenset(),
     frozenset(), False),
    ([1973693116842163000, 6061256015237815195, 9594922187325928490],
     frozenset(['title']), frozenset(), frozenset(),
     frozenset([('L', 'x')]), False),
]


@pytest.mark.parametrize("index", range(len(READS)))
def test_a_summary_is_what_it_was(index: int) -> None:
    rid, reads = READS[index]
    for warm in (False, True):  # reads seen for the first time, and again
        if not warm:
            units._HASHES.clear()
            units._KINDS.clear()
        summary = units.summarize(rid, reads)
        assert fields(summary) == reference_summary(rid, reads)
        assert summary.ids.tolist() == SUMMARIES[index][0]
        assert fields(summary)[1:] == SUMMARIES[index][1:]
        without = units.summarize(rid, reads, ids=False)  # (a build that keeps no graph)
        assert without.ids is None and fields(without)[1:] == SUMMARIES[index][1:]
        assert loads(dumps(without)) == without
    assert fields(units.summarize(rid, set(reads))) == fields(summary)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The compat sites as the oracle built them; both variables restored after (a later test in
    this process, ``serve``'s, depends on JEKYLL_ENV)."""
    monkeypatch.setenv("JEKYLL_ENV", "production")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("name", ["excerpts", "index-listings", "layouts-includes", "liquid-heavy", "plugin-paginate",
                                  "plugin-feed", "collections", "data-files", "static-files", "page-variables"])
def test_summaries_and_fingerprints_of_real_renders(name: str, utc: None) -> None:
    source = COMPAT / name / "src"
    config = load_config(source, None, {"source": str(source), "jobs": 1})
    site = Site(config)
    site_time = site.site_time()
    content = site.read(site_time)
    site.finish_read(content)
    session = site.render_session(content, site_time, recorder=Recorder(), jobs=1, fingerprints=True)
    session.units.hooks = True  # keep every unit's reads
    expected = {}
    for item in [*all_documents(content), *content.pages]:
        expected[item_id(item)] = reference_fingerprint(item)
        session.render_one(item)
    assert session.results
    for rid, result in session.results.items():
        assert fields(result.summary) == reference_summary(rid, result.reads)
        assert loads(result.fingerprint) == expected[rid]
        assert dumps(loads(result.fingerprint)) == result.fingerprint  # the bytes the graph kept before
        assert result.made is not None and "~output" not in result.made  # (the parent takes it where read)
        again = loads(dumps(result))
        assert again == result and fields(again.summary) == fields(result.summary)
        assert type(again.summary.ids) is array and again.summary.ids.typecode == "Q"


def test_results_pickle_and_copy_as_they_are() -> None:
    summary = units.summarize(*READS[1])
    result = units.UnitResult("d:_posts/a.md", "<p>x</p>", None, {"k": [1]}, ("gone",), True, READS[1][1],
                              {"d:_posts/b.md": ("<p>b</p>", frozenset({("S", "time")}))}, {"=k": 1}, {"~output": 2},
                              summary)
    for again in (loads(dumps(result)), copy.copy(result), copy.deepcopy(result)):
        assert again == result
        assert type(again.summary.ids) is array and again.summary.ids == summary.ids
    empty = units.ReadSummary(array("Q"), frozenset(), frozenset(), frozenset(), frozenset())
    assert loads(dumps(empty)) == empty
    assert loads(dumps(units.UnitResult("p:x|/", "", "out"))) == units.UnitResult("p:x|/", "", "out")
    # a summary without ids (a build that is not incremental) travels inside the result as well
    plain = units.UnitResult("d:_posts/a.md", "c", "o", reads=frozenset(),
                             summary=units.summarize(*READS[1], ids=False))
    again = loads(dumps(plain))
    assert again == plain and again.summary.ids is None and again.reads == frozenset()
