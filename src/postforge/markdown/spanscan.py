"""Where kramdown's span parsers can start, found quickly: trigger characters and their pattern.

The span scanner (`postforge.markdown.inlines`) joins every span parser's start pattern into one
regex, but searching a paragraph with that alternation tries a dozen patterns at each character.
A match can only start at (or just before) a few characters, so a regex that opens with one
character class, which the regex engine skips to quickly, finds the candidates, and the joined
pattern is tried only there.  kramdown's smart-quote rules, tried in order at a quote, are one
regex here for the same reason: an alternation takes its first alternative that matches, as the
loop over the rules does.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Iterable

from postforge.markdown.patterns import LazyPattern
from postforge.markdown.typography import SQ_RULES

__all__ = ["TRIGGERS", "SMART_QUOTE_RULES", "first_char", "trigger_pattern"]

#: where a match of each rule can start: at one of these characters, or (third item) that many
#: characters before it: a smart quote's rule takes the character before the quote, `` >>`` the
#: space before the guillemet, a line break the two spaces before the line end.  A character may
#: come with what must follow it (a lookahead) or end with it (a lookbehind), so that common
#: text (``.``, ``-``, ``!``) triggers nothing by itself.  The scanner runs only there.
TRIGGERS: dict[str, tuple[tuple[str, str | None, int], ...]] = {
    "emphasis": (("*", None, 0), ("_", None, 0)), "codespan": (("`", None, 0),),
    "autolink": (("<", None, 0),), "span_html": (("<", None, 0),),
    "link": (("!", r"(?=\[)", 0), ("[", None, 0)),
    "smart_quotes": (('"', None, 1), ("'", None, 1)), "inline_math": (("$", r"(?=\$)", 0),),
    "html_entity": (("&", None, 0),),
    "typographic_syms": (("-", "(?=-)", 0), (".", r"(?=\.\.)", 0), ("\\", "(?=<<|>>)", 0),
                         ("<", "(?=<)", 0), (">", "(?=>)", 1)),
    "line_break": (("\\", None, 0), ("\n", r"(?<=  \n)", 2)), "escaped_chars": (("\\", None, 0),),
    "strikethrough_gfm": (("~", "(?=~)", 0),),
}
_META = frozenset("()[]{}.*+?^$|\\")


def first_char(pattern: str) -> str | None:
    """The literal character every match of `pattern` starts with, if it says so plainly."""
    if len(pattern) >= 2 and pattern[0] == "\\" and not pattern[1].isalnum():
        return pattern[1]
    if pattern and pattern[0] not in _META and not pattern[0].isalnum():
        return pattern[0]
    return None


def trigger_pattern(triggers: Iterable[tuple[str, str | None, int]]
                    ) -> tuple[re.Pattern[str], dict[str, int]]:
    """A regex finding the triggers (one character class first, which the engine skips to
    quickly, then the condition of a character that has one) and how far before each a match
    can start.

    Triggers are tried in order, each with the positions up to its look-back: the leftmost match
    is found first as long as a later trigger never reaches back past an earlier one.  Only a
    line end reaches back two characters, and only after two spaces, which trigger nothing; if
    a plugin makes a space a trigger, every character looks back one more.
    """
    conditions: dict[str, set[str | None]] = {}
    lookback: dict[str, int] = {}
    for char, condition, back in triggers:
        conditions.setdefault(char, set()).add(condition)
        lookback[char] = max(back, lookback.get(char, 0))
    if " " in conditions:
        lookback = {char: max(back, 1) for char, back in lookback.items()}
    lookback = {char: back for char, back in lookback.items() if back}
    chars = "".join(re.escape(c) for c in sorted(conditions))
    plain = [c for c, kinds in conditions.items() if None in kinds]
    if len(plain) == len(conditions):
        return re.compile(f"[{chars}]"), lookback
    checks = [f"(?<=[{''.join(re.escape(c) for c in sorted(plain))}])"] if plain else []
    checks += [f"(?<={re.escape(c)})(?:{'|'.join(sorted(kinds))})"
               for c, kinds in sorted(conditions.items()) if None not in kinds]
    return re.compile(f"[{chars}](?:{'|'.join(checks)})"), lookback


def _joined_rules(rules: Iterable[tuple[Any, tuple]]) -> tuple[re.Pattern[str], dict[str, tuple]]:
    """The rules as one alternation (``r0``, ``r1`` … name each), and per name its substitutions
    with group numbers of the joined pattern: a number (that group's text), a quote's name, or
    ``(side, number)`` (the ``l``/``r`` quote of the character that group holds).

    The rules are read as sources (a `LazyPattern`'s, or a compiled pattern's): compiling each
    one only to read it back cost every import ~0.6 ms.  Each wrapper's group number comes from
    the joined pattern, so the rules' own groups need not be counted.
    """
    rules = tuple(rules)
    parts = []
    for index, (rule, _) in enumerate(rules):
        pattern, flags = rule.source if isinstance(rule, LazyPattern) else (rule.pattern, rule.flags)
        parts.append(f"(?P<r{index}>(?s:{pattern}))" if flags & re.S else f"(?P<r{index}>{pattern})")
    joined = re.compile("|".join(parts))
    substitutions: dict[str, tuple] = {}
    for index, (_, substs) in enumerate(rules):
        wrapper = joined.groupindex[f"r{index}"]
        substitutions[f"r{index}"] = tuple(
            wrapper + s if isinstance(s, int)
            else (s[0], wrapper + int(s[-1])) if s[-1] in "12" else s for s in substs)
    return joined, substitutions


#: `SQ_RULES` joined: the pattern and, by the name of the rule that matched, its substitutions
SMART_QUOTE_RULES = _joined_rules(SQ_RULES)
