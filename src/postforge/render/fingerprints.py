"""Fingerprints of what templates can read: per item and key, a 64-bit digest stable across processes.

An incremental build compares these with the last build's to find what changed. A page,
document or static file has one digest per *fingerprint key*: ``=title`` for the front matter
value ``title``, ``~url`` for its URL, ``~body`` for the text it renders from, ``~converted``
and ``~output`` for what rendering made of it … The drops record reads by their own keys
(``url``, ``id``, ``excerpt``); :func:`drop_keys` says which of those a fingerprint key feeds,
so a changed ``=slug`` finds the pages that read a post's ``slug`` or its ``id``.

Values are digested through a canonical form: model objects (a paginator's posts, an archive
page's list) stand for their item id, sets are sorted, anything whose ``repr`` names a memory
address digests differently every time (so whatever reads it is always rendered again).
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import hashlib
import itertools
import os
import threading
from typing import Any

from postforge.liquid.drops import Drop
from postforge.model.documents import Collection
from postforge.model.documents import Document
from postforge.model.documents import Excerpt
from postforge.model.documents import Page
from postforge.model.documents import StaticFile
from postforge.model.documents import item_id

__all__ = [
    "digest",
    "hash_text",
    "hash_bytes",
    "plain",
    "document_fingerprint",
    "page_fingerprint",
    "static_fingerprint",
    "item_fingerprint",
    "drop_keys",
    "data_digests",
]

_PRIMITIVES = frozenset(
    {str, int, float, bool, type(None), dt.datetime, dt.date, dt.time, dt.timedelta, decimal.Decimal,
     fractions.Fraction, bytes}
)
_MODEL = (Document, Page, StaticFile, Collection, Excerpt)
#: numbers values with no stable form; starting at random, so that such a value never digests as it
#: did in the last build (a counter from 0 would repeat the same numbers in every build)
_NONCE = itertools.count(int.from_bytes(os.urandom(6), "little"))


class _Ref(tuple):  # type: ignore[type-arg]
    """A model object inside a value, by id: its own changes are tracked on its own."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<ref {self[0]}>"


def plain(value: Any) -> Any:
    """``value`` with model objects and drops replaced by references, sets ordered."""
    kind = type(value)
    if kind in _PRIMITIVES:
        return value
    if kind is list or kind is tuple:
        if _PRIMITIVES.issuperset(map(type, value)):
            return kind(value)
        return kind([plain(item) for item in value])
    if kind is dict:
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, _MODEL):
        return _Ref((item_id(value),))
    if isinstance(value, Drop):
        for attribute in ("excerpt", "doc", "page", "file", "collection"):
            target = getattr(value, attribute, None)
            if isinstance(target, _MODEL):
                return _Ref((item_id(target) + ("#excerpt" if attribute == "excerpt" else ""),))
        return _Ref((f"opaque {next(_NONCE)}",))
    if isinstance(value, (set, frozenset)):
        return ("set", sorted(repr(plain(item)) for item in value))
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    text = repr(value)
    if " at 0x" in text:
        return _Ref((f"opaque {next(_NONCE)}",))
    return (type(value).__name__, text)


#: hashlib lets other threads run while it hashes more than 2 KiB, and getting the interpreter back
#: can take a switch interval (5 ms) when a writer thread is busy: longer texts go in smaller parts
#: while other threads exist (a forked render worker has none, so it hashes a text in one go)
_PART = 2000

#: canonical forms of up to this many bytes are digested with BLAKE2b, longer ones (bodies, outputs)
#: with SHA-1: where the processor has SHA instructions it hashes long texts twice as fast, while
#: BLAKE2b starts faster. Either way a digest is the first 8 bytes, as a little-endian number.
_LONG = 256

_blake2b = hashlib.blake2b
#: digests start as copies of these, never updated themselves: cheaper than a new hasher each time
_PLAIN = _blake2b(digest_size=8)
_PLAIN_LONG = hashlib.sha1(usedforsecurity=False)
#: a string's canonical form is ``"s" + string``
_STRING = _blake2b(b"s", digest_size=8)
_STRING_LONG = hashlib.sha1(b"s", usedforsecurity=False)
_STRS = frozenset({str})
_from_bytes = int.from_bytes


def _feed(hasher: Any, data: bytes) -> Any:
    """``hasher`` fed ``data`` (longer than :data:`_PART`), in parts while other threads exist."""
    if threading.active_count() == 1:
        hasher.update(data)
        return hasher
    view = memoryview(data)
    for start in range(0, len(data), _PART):
        hasher.update(view[start:start + _PART])
    return hasher


def hash_text(text: str) -> int:
    """A 64-bit digest of a string (the digest of the canonical form ``text``)."""
    return _from_bytes(_digest_bytes(text, _PLAIN, _PLAIN_LONG, _LONG), "little")


def _hash_string(value: str) -> int:
    """The digest of a string, whose canonical form is ``"s" + value`` (one byte more)."""
    return _from_bytes(_digest_bytes(value, _STRING, _STRING_LONG, _LONG - 1), "little")


def hash_bytes(text: str) -> bytes:
    """``hash_text(text)`` as the 8 bytes of its digest (little-endian): reversed, they sort as the
    numbers do, with no conversion to a number and back."""
    return _digest_bytes(text, _PLAIN, _PLAIN_LONG, _LONG)


def _digest_bytes(text: str, short: Any, long: Any, most: int) -> bytes:
    """``text`` UTF-8 encoded, digested by a copy of ``short`` up to ``most`` bytes, else of ``long``:
    the first 8 bytes of the digest."""
    try:
        data = text.encode()
    except UnicodeEncodeError:  # lone surrogates (from file names, say) are hashed as they are
        data = text.encode("utf-8", "surrogatepass")
    size = len(data)
    if size <= most:
        hasher = short.copy()
        hasher.update(data)
        return hasher.digest()  # type: ignore[no-any-return]
    hasher = long.copy()
    if size <= _PART:
        hasher.update(data)
    else:
        _feed(hasher, data)
    return hasher.digest()[:8]  # type: ignore[no-any-return]


#: values that recur in every fingerprint (a post's ``draft``, ``write``, a missing excerpt)
_CONSTANTS = {value: hash_text(repr(value)) for value in (None, True, False)}
_NONE_DIGEST = _CONSTANTS[None]

#: digests of values that recur from item to item (a layout, an extension, a list of categories):
#: strings of up to 32 characters and lists and tuples of one or two strings, by value (equal ones of
#: those have the same canonical form). Longer strings are rarely seen twice (titles, URLs), nor are
#: longer lists (a post's tags): remembering them costs more than it saves.
_RECURRING: dict[Any, int] = {}
_RECURRING_MOST = 4096
#: the longest list or tuple of strings :data:`_RECURRING` keeps
_RECURRING_ITEMS = 2


def _remember(key: Any, number: int) -> int:
    if len(_RECURRING) >= _RECURRING_MOST:
        _RECURRING.clear()
    _RECURRING[key] = number
    return number


def digest(value: Any) -> int:
    """A 64-bit digest of ``value``'s canonical form."""
    # Few call layers for the common values: workers take a fingerprint of every unit they render.
    kind = type(value)
    if kind is str:
        if len(value) > 32:
            return _hash_string(value)
        found = _RECURRING.get(value)
        return found if found is not None else _remember(value, _hash_string(value))
    if value is None or kind is bool:
        return _CONSTANTS[value]
    if kind is list or kind is tuple:
        if _PRIMITIVES.issuperset(map(type, value)):
            if len(value) <= _RECURRING_ITEMS and _STRS.issuperset(map(type, value)):
                key = (kind, value if kind is tuple else tuple(value))
                found = _RECURRING.get(key)
                return found if found is not None else _remember(key, hash_text(repr(value)))
            # what ``repr(plain(value))`` gives, without the copy
            return hash_text(repr(value))
    elif kind in _PRIMITIVES:
        return hash_text(repr(value))
    elif kind is dict and _PRIMITIVES.issuperset(map(type, value)) and _PRIMITIVES.issuperset(
            map(type, value.values())):
        return hash_text(repr(value))
    return hash_text(repr(plain(value)))


#: front matter key → its fingerprint key (``=KEY``): made once, not once per item
_DATA_KEYS: dict[str, str] = {}
#: the names of an item's data keys (as strings, in order) → their digest: most items of a kind
#: have the same keys
_KEYS: dict[tuple[str, ...], int] = {}


def _keys_digest(keys: tuple[str, ...]) -> int:
    """``digest(keys)`` of a tuple of strings."""
    found = _KEYS.get(keys)
    if found is None:
        if len(_KEYS) >= 256:
            _KEYS.clear()
        found = _KEYS[keys] = hash_text(repr(keys))
    return found


def _fill(fp: dict[str, int], data: dict[str, Any]) -> bool:
    """``fp`` given one digest per front matter key (``=KEY``); whether every key is a string."""
    if not _STRS.issuperset(map(type, data)):
        for key, value in data.items():
            fp["=" + str(key)] = digest(value)
        return False
    names = _DATA_KEYS
    recurring = _RECURRING
    for key, value in data.items():
        name = names.get(key)
        if name is None:
            if len(names) >= _RECURRING_MOST:
                names.clear()
            name = names[key] = "=" + key
        # ``digest`` for the values every item has, without the call
        kind = type(value)
        if kind is str:
            if len(value) > 32:
                fp[name] = _hash_string(value)
            else:
                found = recurring.get(value)
                fp[name] = found if found is not None else _remember(value, _hash_string(value))
        elif value is None or kind is bool:
            fp[name] = _CONSTANTS[value]
        else:
            fp[name] = digest(value)
    return True


def data_digests(data: dict[str, Any]) -> dict[str, int]:
    """One digest per front matter key (``=KEY``)."""
    fp: dict[str, int] = {}
    _fill(fp, data)
    return fp


def document_fingerprint(doc: Document) -> dict[str, int]:
    """What a document's drop can show, before it renders."""
    data = doc.data
    fp: dict[str, int] = {}
    plain_keys = _fill(fp, data)
    # a URL and a body are each one document's own: no cache would find them again
    url = doc.url
    fp["~url"] = _hash_string(url) if type(url) is str else digest(url)
    fp["~ext"] = digest(doc.output_ext)
    date = doc.date
    # ``=date`` digested this very value when every key is a string (no other key shows as ``=date``);
    # a value with no stable form is digested again, as it always was
    if plain_keys and date is data.get("date") and type(date) in _PRIMITIVES and date is not None:
        fp["~date"] = fp["=date"]
    else:
        fp["~date"] = digest(date)
    body = doc.content
    fp["~body"] = _hash_string(body) if type(body) is str else digest(body)
    excerpt = doc.excerpt
    fp["~excerpt"] = digest(excerpt.content) if excerpt is not None else _NONE_DIGEST
    fp["~write"] = digest(doc.write)
    fp["~keys"] = _keys_digest(tuple(data)) if plain_keys else digest(tuple(map(str, data)))
    neighbour = doc.next
    fp["~next"] = _id_digest(item_id(neighbour)) if neighbour is not None else _NONE_DIGEST
    neighbour = doc.previous
    fp["~previous"] = _id_digest(item_id(neighbour)) if neighbour is not None else _NONE_DIGEST
    return fp


#: digests of the item ids last seen as a neighbour: each document is the next of one and, two
#: documents on, the previous of another
_NEIGHBOURS: dict[str, int] = {}


def _id_digest(rid: str) -> int:
    """``digest(rid)`` of an item id (longer than the strings :data:`_RECURRING` keeps)."""
    found = _NEIGHBOURS.get(rid)
    if found is not None:
        return found
    if len(_NEIGHBOURS) >= 64:
        _NEIGHBOURS.clear()
    found = _NEIGHBOURS[rid] = _hash_string(rid)
    return found


def page_fingerprint(page: Page) -> dict[str, int]:
    """What a page's drop can show, before it renders: front matter over defaults, as ``page.KEY``."""
    fp: dict[str, int] = {}
    defaults = page.defaults or {}
    for key in dict.fromkeys([*defaults.keys(), *page.data.keys()]):
        if key in page.data:
            value = page.data[key]
            default = defaults.get(key)
            if isinstance(value, dict) and isinstance(default, dict):
                value = (default, value)
        else:
            value = defaults[key]
        fp["=" + str(key)] = digest(value)
    fp["~url"] = digest(page.url)
    fp["~ext"] = digest(page.output_ext)
    fp["~body"] = digest(page.content)
    fp["~excerpt"] = digest(page.excerpt.content if page.excerpt is not None else None)
    fp["~keys"] = digest((tuple(map(str, defaults.keys())), tuple(map(str, page.data.keys()))))
    fp["~paginator"] = digest(page.paginator)
    return fp


def static_fingerprint(static: StaticFile, stat: Any = None) -> dict[str, int]:
    """A static file: its data (front matter defaults), URL and the source's time and size."""
    fp = data_digests(static.data)
    fp["~url"] = digest((static.url, static.write))
    if stat is not None:
        fp["~mtime"] = digest((stat.st_mtime_ns, stat.st_size, stat.st_mode))
    keys = tuple(map(str, static.data.keys()))
    fp["~keys"] = _keys_digest(keys) if _STRS.issuperset(map(type, keys)) else digest(keys)
    return fp


def item_fingerprint(item: Any, stat: Any = None) -> dict[str, int]:
    if isinstance(item, Document):
        return document_fingerprint(item)
    if isinstance(item, Page):
        return page_fingerprint(item)
    if isinstance(item, StaticFile):
        return static_fingerprint(item, stat)
    raise TypeError(f"no fingerprint for {type(item).__name__}")


#: fingerprint key → the drop keys whose value it feeds, by kind of item
_DOCUMENT_KEYS = {
    "~url": ("url", "id"),
    "~ext": ("excerpt", "url"),
    "~date": ("date",),
    "~body": ("content", "output", "*str", "excerpt"),
    "~excerpt": ("excerpt",),
    "~write": ("*write",),
    "~keys": ("*keys",),
    "~next": ("next",),
    "~previous": ("previous",),
    "~converted": ("content", "*str"),
    "~output": ("output", "*str"),
    "=slug": ("slug", "id"),
    "=excerpt": ("excerpt",),
    "=name": ("name",),
    "=path": ("path",),
    "=date": ("date",),
}
_PAGE_KEYS = {
    "~url": ("url", "dir"),
    "~ext": ("url",),
    "~body": ("content", "excerpt"),
    "~excerpt": ("excerpt",),
    "~keys": ("*keys",),
    "~paginator": ("*paginator",),
    "~converted": ("content",),
    "~output": ("output",),
    "=excerpt": ("excerpt",),
    "=path": ("path",),
}
_STATIC_KEYS = {
    "~url": ("*url",),
    "~mtime": ("modified_time",),
    "~keys": ("*keys",),
}


def drop_keys(rid: str, fp_key: str) -> tuple[Any, ...]:
    """The drop keys of item ``rid`` that show fingerprint key ``fp_key``."""
    kind = rid[:2]
    table = _DOCUMENT_KEYS if kind == "d:" else _PAGE_KEYS if kind == "p:" else _STATIC_KEYS
    found = table.get(fp_key)
    if found is not None:
        return found
    if fp_key.startswith("="):
        return (fp_key[1:],)
    return ()
