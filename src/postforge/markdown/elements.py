"""kramdown's tables of HTML elements: content models, span and block elements, void elements.

They decide how kramdown parses an element's body (as raw text, spans or blocks), whether a
tag may start an HTML block, and which elements are written without a closing tag.
"""

from __future__ import annotations

__all__ = ["CONTENT_MODEL", "SPAN_ELEMENTS", "BLOCK_ELEMENTS", "NO_BODY", "KNOWN", "MARKDOWN_ATTR"]

#: how an element's body is parsed when its content is parsed at all (unlisted: raw)
CONTENT_MODEL: dict[str, str] = {name: "block" for name in (
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption "
    "footer form header hgroup iframe li main map menu nav noscript object section summary td"
).split()}
CONTENT_MODEL.update({name: "span" for name in (
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt"
).split()})
CONTENT_MODEL.update({name: "raw" for name in
                      "script style math option textarea pre code kbd samp var".split()})
SPAN_ELEMENTS = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split())
BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li "
    "main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split())
NO_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split())
KNOWN = SPAN_ELEMENTS | BLOCK_ELEMENTS | NO_BODY | frozenset(CONTENT_MODEL)
#: the values of the ``markdown`` attribute
MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}
