"""Header ids as kramdown makes them: GFM's (Jekyll's default input) and kramdown's own ``auto_ids``.

With ``input: GFM`` the parser gives every header ``id`` from its text with the characters
kramdown put there (smart quotes, dashes, entities as characters): lower-cased, anything but
Unicode word characters, ``-``, space and tab dropped, spaces and tabs turned into ``-``
(``## Lambda@edge`` → ``lambdaedge``), duplicates numbered ``-1``, ``-2`` … and
``auto_id_prefix`` put in front.  The kramdown converter's own scheme (used for ``input:
kramdown`` and for headers GFM's pass does not reach, inside HTML elements and footnotes) keeps
ASCII letters, digits, spaces and ``-`` after the first letter, falls back to ``section``, and
counts duplicates per document as well.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from typing import Mapping

from postforge.markdown.patterns import LazyPattern

__all__ = ["IdGenerator", "gfm_slug", "kramdown_slug"]

_ASCII_NON_WORD = re.compile(r"[^A-Za-z0-9_\- \t]")
_WORD_CATEGORIES = frozenset(("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Pc"))
_LEADING_NON_LETTERS = LazyPattern(r"^[^a-zA-Z]+", re.M)
_NOT_KRAMDOWN_ID = LazyPattern(r"[^a-zA-Z0-9 -]")


def gfm_slug(text: str) -> str:
    """kramdown-parser-gfm's header id, before the duplicate counter and prefix."""
    lowered = text.lower()
    if lowered.isascii():
        kept = _ASCII_NON_WORD.sub("", lowered)
    else:
        kept = "".join(c for c in lowered
                       if c in "- \t" or (c.isascii() and (c.isalnum() or c == "_"))
                       or (not c.isascii() and unicodedata.category(c) in _WORD_CATEGORIES))
    return kept.replace(" ", "-").replace("\t", "-")


def kramdown_slug(text: str, transliterate: bool = False) -> str:
    """kramdown's ``basic_generate_id``: from the first ASCII letter, ASCII letters, digits and dashes."""
    if transliterate:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _LEADING_NON_LETTERS.sub("", text)
    return _NOT_KRAMDOWN_ID.sub("", text).replace(" ", "-").lower()


class IdGenerator:
    """The per-document id counters of the GFM parser and of the HTML converter."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.prefix = str(options.get("auto_id_prefix") or "")
        self.transliterate = bool(options.get("transliterated_header_ids"))
        self.reset()

    def reset(self) -> None:
        self._gfm: dict[str, int] = {}
        self._used: dict[str, int] = {}

    def gfm_id(self, raw_text: str) -> str:
        """The id GFM gives a header whose text reads `raw_text`."""
        slug = gfm_slug(raw_text)
        count = self._gfm.get(slug, -1) + 1
        self._gfm[slug] = count
        return self.prefix + (f"{slug}-{count}" if count else slug)

    def kramdown_id(self, raw_text: str) -> str:
        """The id kramdown's converter gives a header without one (``section`` if nothing is left)."""
        slug = kramdown_slug(raw_text, self.transliterate) or "section"
        if slug in self._used:
            self._used[slug] += 1
            slug = f"{slug}-{self._used[slug]}"
        else:
            self._used[slug] = 0
        return self.prefix + slug
