"""Where an excerpt ends: Jekyll's ``extract_excerpt``, a pure function of the source text.

The excerpt is the text before the separator (``excerpt_separator``, by default a blank line).
Liquid blocks left open by the cut are closed, and Markdown link reference definitions the
excerpt uses are carried over from the rest, so the excerpt renders on its own.
"""

from __future__ import annotations

import re

from postforge.regexes import LazyPattern

__all__ = ["extract_excerpt", "LIQUID_BLOCK_TAGS"]

#: tags that open blocks (Liquid's and Jekyll's): a cut inside one must close it
LIQUID_BLOCK_TAGS = frozenset(
    {"if", "unless", "case", "for", "tablerow", "capture", "comment", "raw", "ifchanged", "highlight"}
)
_LIQUID_TAG = LazyPattern(r"{%-?\s*(\w+)\s*.*?-?%}", re.S)
_LINK_REFERENCE = LazyPattern(r"^ {0,3}(?:(\[[^\]]+\])(:.+))$", re.M)


def extract_excerpt(content: str, separator: str, block_tags: frozenset[str] = LIQUID_BLOCK_TAGS) -> str:
    """The excerpt source of ``content`` for ``separator``."""
    head, found, tail = content.partition(separator)
    if not found or not tail:
        return head
    if "{%" in head:
        for name in reversed(_LIQUID_TAG.findall(head)):
            if name not in block_tags:
                continue
            if re.search(r"{%-?\s*end" + re.escape(name) + r".*?\s*-?%}", head, re.S):
                continue
            head += "\n{% end" + name + " %}"
    if "]:" not in tail:  # no reference definition can follow (the regex needs "]:"): no scan of the body
        return head
    definitions = [label + rest for label, rest in _LINK_REFERENCE.findall(tail) if label in head]
    if not definitions:
        return head
    return head + "\n\n" + "\n".join(definitions)
