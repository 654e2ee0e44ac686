"""The ASCII quick path of ``slugify_text`` (default and pretty modes) against the general loop.

Permalinks slugify every post's name, nearly always ASCII, so ``slugify_text`` replaces runs with
one regex there; the general rule is the character loop over Unicode categories, kept below as
the reference.
"""

from __future__ import annotations

import itertools
import re

import pytest

from postforge.liquid.filters import jekyll_text
from postforge.liquid.filters.jekyll_text import slugify_text


def _general(text: str, mode: str, cased: bool) -> str:
    if mode == "pretty":
        slug = jekyll_text._replace_runs(text, lambda c: c in jekyll_text._PRETTY_KEEP or jekyll_text._is_slug_char(c))
    else:
        slug = jekyll_text._replace_runs(text, jekyll_text._is_slug_char)
    slug = re.sub(r"^-|-$", "", slug, flags=re.M)
    return slug if cased else jekyll_text._downcase(slug)


CASES = [
    "", "-", "--", "a", "A", "-a-", "post-00000", "2008-01-01-post-1", "Hello, World!", "  spaced  out  ",
    "line\nbreak", "\n", "-\n-", "a\n-\nb", "tab\tand\x0bvt", "trailing-", "-leading", "x.y_z~w", "it's (really) $5+tax;=@home",
    "under_score", "100%", "a/b\\c", "#hash?q=1", "ALL CAPS", "MiXeD-CaSe_.txt", "\x00\x1f\x7f", "...", "~~", "@@@",
]
# every ASCII character alone, between letters, and at both ends
CASES += [chr(i) for i in range(128)]
CASES += [f"a{chr(i)}b" for i in range(128)]
CASES += [f"{chr(i)}a{chr(i)}" for i in range(128)]
CASES += ["".join(p) for p in itertools.product("a-.\n _", repeat=3)]


@pytest.mark.parametrize("mode", ["default", "pretty", None])
@pytest.mark.parametrize("cased", [False, True])
def test_ascii_quick_path_matches_the_general_rule(mode: str | None, cased: bool) -> None:
    for text in CASES:
        assert slugify_text(text, mode, cased) == _general(text, mode or "default", cased), repr(text)


def test_non_ascii_still_takes_the_general_rule() -> None:
    assert slugify_text("Ça va — très bien", "pretty", True) == "Ça-va-très-bien"
    assert slugify_text("Ça va — très bien") == "ça-va-très-bien"
