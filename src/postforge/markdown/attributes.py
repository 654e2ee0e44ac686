"""kramdown's attribute lists as data: parsing ``{: .class #id key="v" ref}`` and applying them.

The syntax belongs to the attribute-list plugin, but lists (``* {:.x} item``), definition terms
and the tree walk that merges an element's ``ial`` into its HTML ``attrs`` (after the whole
document is parsed, so that ALDs defined further down apply) need the same two functions.
An IAL is a dict of attribute names to values; ``class`` accumulates, and the names of
referenced ALDs sit under the key :data:`REFS`, which no attribute name can take.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Mapping

from postforge.markdown.patterns import LazyPattern

__all__ = ["REFS", "parse_attribute_list", "update_attr_with_ial", "update_ial_with_ial"]

#: the key of an IAL's list of referenced ALD names (kramdown's ``:refs``)
REFS = ":refs"

_S = r"[ \t\n\x0b\f\r]"
_ID_NAME = r"[A-Za-z0-9_][A-Za-z0-9_-]*"
_KEY_VALUE = rf"(?P<key>{_ID_NAME})=(?P<sep>[\"'])(?P<val>(?:\\\}}|\\(?P=sep)|[^}}\x02])*?)(?P=sep)"
_ID_OR_CLASS = r"#([A-Za-z][A-Za-z0-9_:-]*)|\.([^ \t\n\x0b\f\r.#]+)"
_ANY = LazyPattern(
    rf"(?:\A|{_S})(?:{_KEY_VALUE}|(?P<ref>{_ID_NAME})|(?P<idcls>(?:#[A-Za-z][A-Za-z0-9_:-]*"
    rf"|\.[^ \t\n\x0b\f\r.#]+)+))(?={_S}|\n?\Z)")
_ID_OR_CLASS_RE = LazyPattern(_ID_OR_CLASS)


def parse_attribute_list(text: str, ial: dict[str, Any] | None = None) -> dict[str, Any]:
    """Add the attributes written in `text` (the inside of ``{: …}``) to `ial` and return it."""
    if ial is None:
        ial = {}
    stripped = text.strip(" \t\n\x0b\f\r")
    if not stripped or stripped == ":":
        return ial
    for match in _ANY.finditer(text):
        if match.group("ref"):
            ial.setdefault(REFS, []).append(match.group("ref"))
        elif match.group("idcls"):
            for ident, cls in _ID_OR_CLASS_RE.findall(match.group("idcls")):
                if cls:
                    ial["class"] = f"{ial.get('class') or ''} {cls}".lstrip()
                else:
                    ial["id"] = ident
        else:
            sep = re.escape(match.group("sep"))
            ial[match.group("key")] = re.sub(rf"\\(\}}|{sep})", r"\1", match.group("val"))
    return ial


def update_attr_with_ial(attrs: dict[str, Any], ial: Mapping[str, Any],
                         alds: Mapping[str, Mapping[str, Any]] | None = None, _depth: int = 0) -> None:
    """Merge `ial` into an element's HTML `attrs`, referenced ALDs first (kramdown's order)."""
    if alds and _depth < 20:
        for ref in ial.get(REFS) or ():
            ald = alds.get(ref)
            if ald is not None:
                update_attr_with_ial(attrs, ald, alds, _depth + 1)
    for key, value in ial.items():
        if key == "class":
            attrs["class"] = f"{attrs.get('class') or ''} {value}".lstrip()
        elif key != REFS:
            attrs[key] = value


def update_ial_with_ial(ial: dict[str, Any], other: Mapping[str, Any]) -> None:
    """Merge one IAL into another (a span IAL written after an element that already has one)."""
    if REFS in other:
        ial.setdefault(REFS, []).extend(other[REFS])
    for key, value in other.items():
        if key == "class":
            ial["class"] = f"{ial.get('class') or ''} {value}".lstrip()
        elif key != REFS:
            ial[key] = value
