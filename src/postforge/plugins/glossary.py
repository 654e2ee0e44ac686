"""Service glossary: the first mention of each known term on a page links to its glossary entry.

Terms are the AWS services shipped in ``data/aws_glossary.yml`` (``glossary: {builtin: false}``
drops them) and the site's ``_data/glossary.yml`` (a list of ``term``, ``aliases``,
``definition``, ``url``, optional ``exact``); a site entry with the same slug as a shipped one
extends it (its fields win, aliases are added). Matching rules, chosen against false positives:

- whole words only: no letter, digit, ``_`` or ``@`` (nor ``.`` + one of those, as in
  ``boto3.SQS``) on either side; ``-``, ``/``, ``:`` and brackets are boundaries (``SQS/SNS``);
- longest form first at a position (``API Gateway`` over ``API``, ``Lambda@Edge`` over ``Lambda``);
- forms without lowercase letters (acronyms: ``SQS``, ``EC2``) match in exactly that case, plus a
  plural ``s`` (``ALBs``); other forms must start with the letter as written and ignore the case of
  the rest (``API gateway``, ``Cloudwatch``, but never the Python keyword ``lambda``); ``exact: true``
  makes every form of a term exact; other plurals are aliases (``Lambdas``);
- shipped terms also match as ``AWS X`` and ``Amazon X``;
- never inside ``code``, ``pre``, links, headings, ``abbr``, script/style, attribute values, or an
  element with class ``no-glossary``.

The link carries the definition as its ``title``. ``page.glossary`` lists the terms a page mentions
(term, slug, definition, url: the term's own reference, glossary_url: its entry on ``/glossary/``,
anchors: the Q&As it is mentioned in as ``id`` and ``question``, first_anchor: the id of the Q&A
of its first mention or nil); ``/glossary/`` and ``/glossary.json`` are built from those lists.
``/glossary/`` (layout ``glossary``) lists every term found, A to Z by name without "AWS"/"Amazon",
with links back to each page, to the triage anchor when a mention is inside a Q&A (the nearest
enclosing ``id="triage-…"``, or the ``triage-q`` before a ``triage-a``); ``/glossary.json`` holds
the same data. Both plugins edit converted HTML, so this one runs last (``trylast``) to find the
triage ids. The page is generated, so it renders after every post and source page.
``glossary: false`` in the config or front matter turns it off.
"""

from __future__ import annotations

import html
import json
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from typing import Iterable

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.hooks import hookimpl
from postforge.htmltree import Element
from postforge.htmltree import Text
from postforge.htmltree import iter_text
from postforge.htmltree import parse
from postforge.htmltree import serialize
from postforge.htmltree import text_content
from postforge.liquid.filters.jekyll_text import slugify_text
from postforge.log import logger
from postforge.model.documents import HTML_EXTENSIONS
from postforge.psych import load_yaml

__all__ = [
    "Term", "Mention", "Glossary", "load_terms", "builtin_terms", "merge_terms", "find_mentions",
    "triage_anchor", "annotate", "build_index", "glossary_json", "page_terms", "SKIP",
]

#: elements whose text is never linked
SKIP = frozenset(
    "a abbr acronym dfn code pre kbd samp var h1 h2 h3 h4 h5 h6 script style template textarea title "
    "svg math button select option label".split()
)
_PREFIXES = ("AWS ", "Amazon ")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_SPACES = re.compile(r"\s+")
#: where a mention may start: not after a letter, digit, _ or @, nor after one of those and a dot
_STARTS = re.compile(r"(?<![\w@])(?<![\w@]\.)\S")


@dataclass(frozen=True)
class Term:
    """One glossary entry; ``forms`` are every spelling that counts as a mention of it."""

    term: str
    slug: str
    definition: str = ""
    url: str = ""
    aliases: tuple[str, ...] = ()
    exact: bool = False
    builtin: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        names = list(dict.fromkeys([self.term, *self.aliases]))
        if self.builtin:
            names += [p + n for n in names if not n.startswith(_PREFIXES) for p in _PREFIXES]
        return tuple(dict.fromkeys(names))

    def as_dict(self) -> dict[str, Any]:
        return {"term": self.term, "slug": self.slug, "definition": self.definition, "url": self.url}


#: a mention as :func:`annotate` reports it: the term, and the Q&A it is in as (id, question)
Found = tuple[Term, "tuple[str, str] | None"]


@dataclass(frozen=True)
class Mention:
    """``text[start:end]`` mentions ``term``."""

    start: int
    end: int
    term: Term


def _form_pattern(form: str, exact: bool) -> str:
    """The expression for one form (single-spaced): see the case rules above."""

    def words(text: str) -> str:
        return r"\s+".join(re.escape(word) for word in text.split(" "))

    acronym = not any(char.islower() for char in form)
    if exact or acronym:
        return words(form) + ("s?" if acronym else "")
    return re.escape(form[0]) + (f"(?i:{words(form[1:])})" if len(form) > 1 else "")


def _key(text: str, start: int = 0) -> str:
    second = text[start + 1 : start + 2]
    return text[start] + (" " if second.isspace() else second.lower())


class Glossary:
    """Terms, and per two-letter start the one expression finding their forms, longest first.

    Every rule keeps a form's first character exact, so a form can only start where the text has
    its first character and (in some case) its second: dispatching on those keeps a scan linear.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = list(terms)
        owners: dict[str, Term] = {}
        explicit = [(t, form) for t in self.terms for form in (t.term, *t.aliases)]
        generated = [(t, form) for t in self.terms for form in t.forms]
        for term, form in explicit + generated:  # "AWS X" forms never take a name listed as such
            owners.setdefault(_SPACES.sub(" ", form.strip()), term)
        groups: dict[str, list[str]] = {}
        for form in sorted((f for f in owners if f), key=len, reverse=True):
            groups.setdefault(_key(form), []).append(form)
        self._patterns: dict[str, tuple[re.Pattern[str], list[Term]]] = {}
        for key, forms in groups.items():
            alternatives = "|".join(f"({_form_pattern(form, owners[form].exact)})" for form in forms)
            pattern = re.compile(rf"(?:{alternatives})(?![\w@])(?!\.[\w@])")
            self._patterns[key] = (pattern, [owners[form] for form in forms])

    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        end = 0
        for start in _STARTS.finditer(text):
            position = start.start()
            if position < end:
                continue
            for key in (_key(text, position), text[position]):
                entry = self._patterns.get(key)
                match = entry[0].match(text, position) if entry else None
                if match is not None:
                    found.append(Mention(position, match.end(), entry[1][match.lastindex - 1]))
                    end = match.end()
                    break
        return found


@lru_cache(maxsize=8)
def _compiled(terms: tuple[Term, ...]) -> Glossary:
    return Glossary(terms)


def find_mentions(text: str, terms: Glossary | Iterable[Term]) -> list[Mention]:
    """Every mention in plain ``text``, left to right, not overlapping."""
    glossary = terms if isinstance(terms, Glossary) else _compiled(tuple(terms))
    return glossary.find(text)


def load_terms(entries: Any, source: str = "_data/glossary.yml", builtin: bool = False) -> list[Term]:
    """Terms from data: a list of entries (or a mapping of term → definition or entry)."""
    if isinstance(entries, dict):
        entries = [{"term": k, **(v if isinstance(v, dict) else {"definition": v})} for k, v in entries.items()]
    if entries is None:
        return []
    if not isinstance(entries, list):
        message = "glossary plugin: expected a list of entries (term, aliases, definition, url)"
        raise PostforgeError(message, Location(source))
    terms = []
    for index, entry in enumerate(entries):
        name = entry.get("term") if isinstance(entry, dict) else None
        if not isinstance(name, (str, int, float)) or not str(name).strip():
            raise PostforgeError(f"glossary plugin: entry {index + 1} has no term: {entry!r}", Location(source))
        aliases = entry.get("aliases") or []
        aliases = [aliases] if isinstance(aliases, str) else aliases
        terms.append(Term(
            str(name).strip(), slugify_text(str(name).strip()) or f"term-{index + 1}",
            str(entry.get("definition") or "").strip(), str(entry.get("url") or ""),
            tuple(str(a).strip() for a in aliases if str(a).strip()), entry.get("exact") is True, builtin,
        ))
    return terms


@lru_cache(maxsize=1)
def builtin_terms() -> tuple[Term, ...]:
    """The AWS glossary shipped with postforge (package data)."""
    text = resources.files("postforge.plugins").joinpath("data/aws_glossary.yml").read_text(encoding="utf-8")
    return tuple(load_terms(load_yaml(text, "aws_glossary.yml"), "aws_glossary.yml", builtin=True))


def merge_terms(site_terms: Iterable[Term], shipped: Iterable[Term]) -> list[Term]:
    """Site terms first (they win a shared form); a site term with a shipped slug extends that one."""
    shipped_by_slug = {t.slug: t for t in shipped}
    merged: list[Term] = []
    for term in site_terms:
        base = shipped_by_slug.pop(term.slug, None)
        if base is not None:
            term = Term(base.term, base.slug, term.definition or base.definition, term.url or base.url,
                        tuple(dict.fromkeys([*term.aliases, *base.aliases])), term.exact or base.exact, True)
        merged.append(term)
    return merged + list(shipped_by_slug.values())


# -- the converted HTML --------------------------------------------------------------------------


def _classes(element: Element) -> list[str]:
    return element.attrs.get("class", "").split() if "class" in element.start_tag else []


def _id(element: Element) -> str:
    return element.attrs.get("id", "") if "triage-" in element.start_tag else ""


def _question(note: Element, anchor: str) -> str:
    def text(node: Element | Text) -> str:
        if isinstance(node, Text):
            return text_content(node)
        if "triage-a" in _classes(node) or (node.name == "a" and node.attrs.get("href") == f"#{anchor}"):
            return ""
        return "".join(text(child) for child in node.children)

    return _SPACES.sub(" ", text(note)).strip()


def _note_before(answer: Element) -> Element | None:
    parent = answer.parent
    siblings = parent.children[: parent.children.index(answer)] if parent is not None else []
    for sibling in reversed(siblings):
        if isinstance(sibling, Element):
            for element in reversed(list(sibling.iter())):
                if "triage-q" in _classes(element) and _id(element).startswith("triage-"):
                    return element
    return None


def triage_anchor(node: Text) -> tuple[str, str] | None:
    """The Q&A a text node belongs to, as (id, question), read from the triage plugin's HTML."""
    element = node.parent
    while element is not None:
        anchor = _id(element)
        if anchor.startswith("triage-"):
            return anchor, _question(element, anchor)
        if "triage-a" in _classes(element):
            note = _note_before(element)
            if note is not None:
                return note.attrs["id"], _question(note, note.attrs["id"])
        element = element.parent
    return None


def annotate(source: str, glossary: Glossary, href: str | None) -> tuple[str, list[Found]]:
    """Link each term's first mention to ``href#slug``; return the HTML and every mention with its Q&A.

    Without ``href`` (a site with no glossary page) the first mention is a ``span`` with the tooltip.
    """
    if not glossary.find(_ENTITY.sub(" ", source)):
        return source, []
    root = parse(source)
    found: list[Found] = []
    linked: set[str] = set()
    for node in list(iter_text(root, SKIP)):
        parent = node.parent
        if parent is None or any("no-glossary" in _classes(e) for e in [parent, *parent.ancestors()]):
            continue
        masked = _ENTITY.sub(lambda m: " " * len(m.group(0)), node.text)
        mentions = glossary.find(masked)
        if not mentions:
            continue
        anchor = triage_anchor(node)
        pieces: list[Element | Text] = []
        position = 0
        for mention in mentions:
            found.append((mention.term, anchor))
            if mention.term.slug in linked:
                continue
            linked.add(mention.term.slug)
            term = mention.term
            title = f' title="{html.escape(term.definition, quote=True)}"' if term.definition else ""
            name = "span" if href is None else "a"
            target = "" if href is None else f' href="{html.escape(href, quote=True)}#{term.slug}"'
            start = f'<{name} class="glossary-term"{target}{title}>'
            pieces += [Text(node.text[position : mention.start]),
                       Element(name, start, f"</{name}>", [Text(node.text[mention.start : mention.end])])]
            position = mention.end
        if pieces:
            index = parent.children.index(node)
            del parent.children[index]
            for offset, piece in enumerate([*pieces, Text(node.text[position:])]):
                parent.insert(index + offset, piece)
    return (serialize(root) if linked else source), found


def _sort_key(term: Term) -> tuple[str, str]:
    name = term.term
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
    return name.casefold(), term.term.casefold()


def build_index(pages: list[dict[str, Any]], glossary_url: str) -> list[dict[str, Any]]:
    """The /glossary/ entries, A to Z: each found term with the pages (and Q&As) that mention it.

    ``pages``: in the order to list them, dicts with title, url and ``mentions`` as :func:`annotate` gives.
    """
    terms: dict[str, Term] = {}
    refs: dict[str, list[dict[str, Any]]] = {}
    for page in pages:
        for term, anchor in page["mentions"]:
            terms.setdefault(term.slug, term)
            pages_of_term = refs.setdefault(term.slug, [])
            if not pages_of_term or pages_of_term[-1]["url"] != page["url"]:
                href = page["url"] + (f"#{anchor[0]}" if anchor else "")
                pages_of_term.append({"title": page["title"], "url": page["url"], "href": href, "anchors": []})
            anchors = pages_of_term[-1]["anchors"]
            if anchor and all(a["id"] != anchor[0] for a in anchors):
                anchors.append({"id": anchor[0], "question": anchor[1], "url": f"{page['url']}#{anchor[0]}"})
    entries = []
    for term in sorted(terms.values(), key=_sort_key):
        letter = _sort_key(term)[0][:1].upper()
        entries.append({
            **term.as_dict(), "aliases": list(term.aliases), "glossary_url": f"{glossary_url}#{term.slug}",
            "letter": letter if letter.isalpha() else "#", "pages": refs[term.slug],
        })
    return entries


def glossary_json(entries: list[dict[str, Any]], baseurl: str = "") -> str:
    """``/glossary.json``: the entries, their site URLs with the site's ``baseurl``."""
    base = (baseurl or "").rstrip("/")

    def page(ref: dict[str, Any]) -> dict[str, Any]:
        anchors = [{**a, "url": base + a["url"]} for a in ref["anchors"]]
        return {**ref, "url": base + ref["url"], "href": base + ref["href"], "anchors": anchors}

    terms = [{**e, "glossary_url": base + e["glossary_url"], "pages": [page(p) for p in e["pages"]]} for e in entries]
    return json.dumps({"terms": terms}, ensure_ascii=False, indent=2) + "\n"


# -- hooks ---------------------------------------------------------------------------------------
#
# Documents may render in worker processes, so the hook that links a page's terms changes only
# that page: ``data["glossary"]`` lists its terms, each with the Q&A anchors it was mentioned
# in. /glossary/ and /glossary.json are built from those lists.


@dataclass
class _State:
    glossary: Glossary
    url: str
    page: Any = None
    json_page: Any = None


_STATES: weakref.WeakKeyDictionary[Any, _State] = weakref.WeakKeyDictionary()


def _options(site: Any) -> dict[str, Any] | None:
    value = site.config.get("glossary")
    if value is False:
        return None
    return value if isinstance(value, dict) else {}


@hookimpl
def site_post_read(site: Any) -> None:
    """A fresh state per build: the terms."""
    _STATES.pop(site, None)
    options = _options(site)
    if options is None:
        return
    shipped = builtin_terms() if options.get("builtin", True) is not False else ()
    terms = merge_terms(load_terms(site.content.data.get("glossary")), shipped)
    url = str(options.get("permalink") or "/glossary/")
    _STATES[site] = _State(_compiled(tuple(terms)), url)


@hookimpl
def generate(site: Any) -> list[Any]:
    """``/glossary/`` (when a ``glossary`` layout exists) and ``/glossary.json``."""
    state = _STATES.get(site)
    if state is None:
        return []
    pages = []
    if "glossary" in site.content.layouts:
        title = (_options(site) or {}).get("title", "Glossary")
        data = {"layout": "glossary", "title": title, "permalink": state.url, "glossary": False,
                "entries": [], "letters": []}
        state.page = site.new_page("glossary/index.html", data)
        state.url = state.page.url  # what links point at, as the page's permalink made it
        pages.append(state.page)
    else:
        logger.warn("Glossary:", "no 'glossary' layout in the site or its theme; /glossary/ is not generated")
    json_url = state.url.rstrip("/").removesuffix(".html") + ".json"
    state.json_page = site.new_page("glossary.json", {"permalink": json_url, "glossary": False})
    return [*pages, state.json_page]


def _written(site: Any, document: Any) -> bool:
    """Only pages that are written are linked back to (not documents of an ``output: false`` collection)."""
    if document.kind != "document":
        return True
    collection = site.content.collections.get(document.collection)
    return bool(document.write and (collection is None or collection.output))


def _opted_out(document: Any) -> bool:
    if "glossary" in document.data:
        return document.data["glossary"] is False
    return (getattr(document, "defaults", None) or {}).get("glossary") is False


def page_terms(found: list[Found], glossary_url: str) -> list[dict[str, Any]]:
    """``page.glossary``: each term mentioned, in order of first mention, with the Q&A anchors
    (``id``, ``question``) it is mentioned in and ``first_anchor``, the id of the first mention's
    Q&A (None when it is outside any)."""
    terms: dict[str, dict[str, Any]] = {}
    for term, anchor in found:
        entry = terms.get(term.slug)
        if entry is None:
            entry = terms[term.slug] = {
                **term.as_dict(), "glossary_url": f"{glossary_url}#{term.slug}", "anchors": [],
                "first_anchor": anchor[0] if anchor else None,
            }
        if anchor and all(a["id"] != anchor[0] for a in entry["anchors"]):
            entry["anchors"].append({"id": anchor[0], "question": anchor[1]})
    return list(terms.values())


def _mentions(state: _State, document: Any) -> list[Found]:
    """A converted page's mentions, as :func:`annotate` found them, from its ``page.glossary``."""
    value = document.data.get("glossary")
    if not isinstance(value, list):
        return []
    by_slug = {term.slug: term for term in state.glossary.terms}
    found: list[Found] = []
    for entry in value:
        term = by_slug.get(entry.get("slug")) if isinstance(entry, dict) else None
        if term is None or "anchors" not in entry:
            continue
        anchors = {a["id"]: (a["id"], a["question"]) for a in entry["anchors"]}
        first = entry.get("first_anchor")
        found.append((term, anchors.get(first) if first else None))
        found.extend((term, anchor) for anchor in anchors.values())
    return found


@hookimpl(trylast=True)
def document_post_convert(site: Any, document: Any, html: str) -> str | None:
    """After the triage plugin, so its Q&A ids are in the tree."""
    state = _STATES.get(site)
    if state is None or document.output_ext not in HTML_EXTENSIONS or _opted_out(document):
        return None
    base = (site.config.get("baseurl") or "").rstrip("/")
    href = None if state.page is None else base + state.url
    linked, found = annotate(html, state.glossary, href)
    document.data["glossary"] = page_terms(found, state.url)
    return linked if linked != html else None


def _entries(site: Any, state: _State, pages: list[Any]) -> list[dict[str, Any]]:
    """The index of every written document (posts newest first, other collections) and of ``pages``."""
    content = site.content
    order = [*reversed(content.posts.docs)]
    order += [doc for label, c in content.collections.items() if label != "posts" for doc in c.docs]
    listed = []
    for document in [*order, *pages]:
        mentions = _mentions(state, document)
        if mentions and _written(site, document):
            title = document.data.get("title") or document.relative_path
            listed.append({"title": title, "url": document.url, "mentions": mentions})
    return build_index(listed, state.url)


@hookimpl
def document_pre_render(site: Any, document: Any) -> None:
    """The /glossary/ page renders after the pages it lists: give it their mentions now."""
    state = _STATES.get(site)
    if state is not None and document is state.page:
        pages = site.content.pages
        before = pages[: next((i for i, page in enumerate(pages) if page is document), len(pages))]
        entries = _entries(site, state, before)
        letters: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            letters.setdefault(entry["letter"], []).append(entry)
        document.data["entries"] = entries
        document.data["letters"] = [{"letter": k, "terms": v} for k, v in letters.items()]


@hookimpl
def site_post_render(site: Any) -> None:
    state = _STATES.get(site)
    if state is not None and state.json_page is not None:
        text = glossary_json(_entries(site, state, site.content.pages), site.config.get("baseurl") or "")
        state.json_page.content = state.json_page.output = text
