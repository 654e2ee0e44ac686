"""Patterns compiled on first use instead of at import give what the compiled ones gave.

`spanscan.SMART_QUOTE_RULES` is built from the sources of `typography.SQ_RULES` (lazy patterns)
and numbers each rule's groups from the joined pattern: here the numbering is checked against
the one the compiled rules' own group counts give, and the joined pattern against the rules
tried one by one.
"""

from __future__ import annotations

import re

from postforge.markdown.spanscan import SMART_QUOTE_RULES
from postforge.markdown.typography import SQ_RULES


def test_joined_quote_rules_number_groups_as_the_compiled_rules_count_them() -> None:
    joined, substitutions = SMART_QUOTE_RULES
    group = 0
    for index, (rule, substs) in enumerate(SQ_RULES):
        wrapper = group + 1
        expected = tuple(wrapper + s if isinstance(s, int)
                         else (s[0], wrapper + int(s[-1])) if s[-1] in "12" else s for s in substs)
        assert substitutions[f"r{index}"] == expected
        assert joined.groupindex[f"r{index}"] == wrapper
        group = wrapper + re.compile(rule.pattern, rule.flags).groups


def test_joined_quote_rules_take_the_first_rule_that_matches() -> None:
    joined, _ = SMART_QUOTE_RULES
    for text in ["'a", "\"*b*", "x'", " \"'a", "'90s", "a\"", "' ", "\"", "''", "\\'x", "s'.", "(\"a"]:
        for start in range(len(text)):
            first = next((index for index, (rule, _) in enumerate(SQ_RULES) if rule.match(text, start)), None)
            found = joined.match(text, start)
            assert (found and found.lastgroup) == (None if first is None else f"r{first}"), (text, start)
