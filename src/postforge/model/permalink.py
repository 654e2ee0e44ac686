"""URLs of pages, posts and collection documents, and the file each URL is written to.

Jekyll builds a URL from a template (a front matter ``permalink``, a collection's ``permalink``,
or one the site's permalink style implies) by substituting placeholders, escaping each value
with Addressable's URI encoder and then sanitising the result. Pages and documents take
different paths through that code, and this module keeps those differences:

* documents (posts, drafts, collection documents) read placeholders from a drop: every
  ``:name`` in ``[a-z_]+`` must be a key (a trailing ``_`` may be dropped, so ``:month_:day``
  works), or the build fails; ``DocumentPlaceholders`` marks a mapping that follows these rules;
* pages substitute their three placeholders (``:path``, ``:basename``, ``:output_ext``) as plain
  text, and leave any other ``:word`` in the URL as it is;
* a style's ending decides how it applies to pages and collections (``add_permalink_suffix``):
  ``pretty`` or a style ending in ``/`` gives directories, ``date``/``ordinal``/``none`` or one
  ending in ``:output_ext`` gives extensions, and anything else (``weekdate`` too) gives neither;
* a page's URL ending in ``/`` is written to ``index`` plus its output extension, a document's
  to ``index.html`` whatever its extension.

Everything here is a pure function of plain values, so the model layer can call it without
knowing about sites.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from postforge.errors import PostforgeError
from postforge.liquid.filters.jekyll_text import slugify_text
from postforge.liquid.filters.strftime import strftime
from postforge.liquid.values import inspect as ruby_inspect
from postforge.liquid.values import to_s as ruby_to_s
from postforge.regexes import LazyPattern

__all__ = [
    "DocumentPlaceholders",
    "STYLES",
    "add_permalink_suffix",
    "destination_path",
    "document_placeholders",
    "escape_path",
    "page_placeholders",
    "page_template",
    "permalink_output_ext",
    "render_url",
    "ruby_extname",
    "sanitize_url",
    "split_document_filename",
    "split_page_name",
    "style_template",
    "unescape_path",
    "url_for",
    "template_for",
    "placeholder_names",
]

#: The built-in permalink styles, as the posts' URL template each stands for
#: (Jekyll's ``Configuration::STYLE_TO_PERMALINK``); any other style is itself a template.
STYLES: dict[str, str] = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}

#: styles whose pages and collections get ``:output_ext``; ``weekdate`` is not one of them
_EXTENSION_STYLES = frozenset({"date", "ordinal", "none"})

#: output extensions a page treats as HTML (``Page::HTML_EXTENSIONS``)
_HTML_EXTENSIONS = frozenset({".html", ".xhtml", ".htm"})

_KINDS = ("page", "post", "draft", "document")


class DocumentPlaceholders(dict):
    """A document's placeholders, looked up with the rules of Jekyll's ``UrlDrop``.

    A plain dict given to :func:`render_url` is substituted as a page's hash is; this type asks
    for the drop's rules instead (unknown placeholders fail, ``:month_`` means ``:month``).
    """

    __slots__ = ()


# ----- styles ------------------------------------------------------------------------------------


def add_permalink_suffix(template: str, style: str) -> str:
    """End ``template`` the way ``style`` ends: the rule pages and collections follow."""
    style = str(style)
    if style == "pretty":
        return template + "/"
    if style in _EXTENSION_STYLES:
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def style_template(style: str, kind: str) -> str:
    """The URL template a site's permalink ``style`` gives a ``kind`` of file.

    ``post`` (and ``draft``): the posts' template (a built-in style's, or the style itself);
    ``document``/``collection``: ``/:collection/:path`` ended as the style ends;
    ``page``: ``/:path/:basename`` ended likewise, the template of an HTML page that is not an
    index (see :func:`page_template` for the others).
    """
    style = str(style)
    if kind in ("post", "draft"):
        return STYLES.get(style, style)
    if kind in ("document", "collection"):
        return add_permalink_suffix("/:collection/:path", style)
    if kind == "page":
        return add_permalink_suffix("/:path/:basename", style)
    raise ValueError(f"unknown kind {kind!r}")


def page_template(style: str, output_ext: str, basename: str) -> str:
    """A page's template: only HTML pages follow the style, and an index is its directory."""
    if output_ext not in _HTML_EXTENSIONS:
        return "/:path/:basename:output_ext"
    if basename == "index":
        return "/:path/"
    return add_permalink_suffix("/:path/:basename", style)


# ----- file names --------------------------------------------------------------------------------


def ruby_extname(path: str) -> str:
    """Ruby's ``File.extname``: leading dots are not extensions, a trailing dot is one."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    stem = name.lstrip(".")
    dot = stem.rfind(".")
    if dot <= 0:
        return ""
    return stem[dot:]


def split_page_name(name: str) -> tuple[str, str]:
    """``(basename, ext)`` of a page's file name, trailing dots dropped from the basename."""
    ext = ruby_extname(name)
    stem = name[: len(name) - len(ext)] if ext else name
    return stem.rstrip("."), ext


_DATE_PREFIX = LazyPattern(r"(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)\Z")
_DATELESS = LazyPattern(r"(?:.+/)*(.*)(\.[^.]+)\Z")


def split_document_filename(relative_path: str) -> tuple[str | None, str, str | None]:
    """``(date, slug, ext)`` a document's file name gives it (``2020-01-02-hi.md``).

    The date prefix is looked for at the start of the path and then after its last ``/``
    (Jekyll's atomic ``(?>.+/)*?``); without an extension the slug is the basename. Trailing
    dots never end a slug. ``date`` is the text before the slug, to be parsed by the caller.
    """
    match = _DATE_PREFIX.match(relative_path)
    if match is None and "/" in relative_path:
        match = _DATE_PREFIX.match(relative_path, relative_path.rindex("/") + 1)
    date: str | None = None
    if match is not None:
        date, slug, ext = match.groups()
    else:
        plain = _DATELESS.match(relative_path)
        if plain is not None:
            slug, ext = plain.groups()
        else:
            ext = None
            slug = _basename_without_ext(relative_path)
    return date, slug.rstrip("."), ext


def _basename_without_ext(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    ext = ruby_extname(name)
    return name[: len(name) - len(ext)] if ext else name


def permalink_output_ext(permalink: Any) -> str | None:
    """The output extension a permalink forces (``/feed.json`` → ``.json``), or ``None``.

    Jekyll's renderer prefers it to the converter's, for pages and documents alike; a permalink
    ending in ``/`` forces nothing.
    """
    if not isinstance(permalink, str) or permalink.endswith("/"):
        return None
    return ruby_extname(permalink) or None


# ----- placeholders ------------------------------------------------------------------------------

#: names a drop answers ``respond_to?`` for but yields nothing for (Ruby's Object and Enumerable
#: methods): in a document's permalink they become empty, as in Jekyll 4.3.1
_EMPTY_DROP_KEYS = frozenset(
    "chain chunk chunk_while class clone collect collect_concat compact cycle "
    "define_singleton_method detect display drop drop_while dup each each_cons each_entry "
    "each_slice each_with_index each_with_object entries enum_for extend filter filter_map find "
    "find_all find_index flat_map freeze grep grep_v group_by hash inject inspect instance_eval "
    "instance_exec instance_variable_get instance_variable_set instance_variables invoke_drop "
    "itself lazy liquid_method_missing map max_by method methods min_by minmax minmax_by "
    "object_id partition private_methods protected_methods public_method public_methods "
    "public_send reduce reject remove_instance_variable reverse_each select send singleton_class "
    "singleton_method singleton_methods slice_after slice_before slice_when sort_by sum taint "
    "take take_while tally tap then to_a to_enum to_h to_json to_s to_set to_yaml trust uniq "
    "untaint untrust yield_self zip".split()
)

#: placeholder → Ruby strftime format of the document's date
_DATE_FORMATS = {
    "year": "%Y", "month": "%m", "day": "%d", "hour": "%H", "minute": "%M", "second": "%S",
    "i_day": "%-d", "i_month": "%-m", "short_month": "%b", "long_month": "%B", "short_year": "%y",
    "w_year": "%G", "week": "%V", "w_day": "%u", "short_day": "%a", "long_day": "%A", "y_day": "%j",
}


def _category_text(value: Any) -> str:
    """``category.to_s``: Ruby prints an array as its inspect form, not joined."""
    if isinstance(value, (list, tuple, dict)):
        return ruby_inspect(value)
    return ruby_to_s(value)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def document_placeholders(
    *,
    relative_path: str,
    collection: str,
    date: _dt.datetime,
    output_ext: str,
    slug: Any = None,
    categories: Iterable[Any] = (),
    relative_directory: str | None = None,
    needed: Iterable[str] | None = None,
) -> DocumentPlaceholders:
    """Every placeholder of a post, draft or collection document (Jekyll's ``UrlDrop``).

    ``relative_path`` is relative to the collections directory (``_posts/2020-01-02-hi.md``,
    ``blog/_posts/…``, ``_drafts/…``); ``slug`` is the document's ``data["slug"]`` (front
    matter's, else the one :func:`split_document_filename` gives; ``None`` falls back to the
    basename); ``date`` is the document's date as Jekyll holds it (in the site's zone: each
    field is printed as it reads); ``categories`` its final ``categories`` list. ``:title`` comes
    from the slug, never from the ``title``: that is Jekyll 4's rule. ``needed`` (the placeholder
    names a template uses) limits the date fields computed; ``None`` computes them all.
    """
    if relative_directory is None:
        relative_directory = f"_{collection}"
    basename = _basename_without_ext(relative_path)
    extname = ruby_extname(relative_path)
    cleaned = relative_path[: len(relative_path) - len(extname)] if extname else relative_path
    cleaned = cleaned.replace(relative_directory, "", 1).rstrip(".")
    wanted = None if needed is None else set(needed)
    values = {"collection": collection, "path": cleaned, "output_ext": output_ext}
    # slugs and date fields cost more than the rest together: only what the template uses
    if wanted is None or "name" in wanted:
        values["name"] = slugify_text(basename)
    if wanted is None or "title" in wanted:
        title = slugify_text(slug, "pretty", True) if slug is not None else None
        values["title"] = title if title is not None else slugify_text(basename, "pretty", True)
    if wanted is None or "slug" in wanted:
        plain_slug = slugify_text(slug) if slug is not None else None
        values["slug"] = plain_slug if plain_slug is not None else slugify_text(basename)
    if wanted is None or "categories" in wanted or "slugified_categories" in wanted:
        texts = [_category_text(category) for category in categories]
        values["categories"] = "/".join(_unique("".join(c.lower() for c in text) for text in texts))
        values["slugified_categories"] = "/".join(_unique(slugify_text(text) for text in texts))
    for name, fmt in _DATE_FORMATS.items():
        if wanted is None or name in wanted:
            plain = _PLAIN_DATE_FIELDS.get(name)
            values[name] = plain(date) if plain is not None else strftime(date, fmt)
    return DocumentPlaceholders(values)


#: the fields nearly every permalink uses, as Ruby's ``%Y``, ``%m``, ``%d`` print them (years 1-9999)
_PLAIN_DATE_FIELDS: dict[str, Any] = {
    "year": lambda date: f"{date.year:04d}",
    "month": lambda date: f"{date.month:02d}",
    "day": lambda date: f"{date.day:02d}",
}


def page_placeholders(*, dir: str, name: str, output_ext: str) -> dict[str, str]:
    """A page's three placeholders, in the order Jekyll substitutes them.

    ``dir`` is the page's directory as Jekyll keeps it: ``""`` at the root, ``/sub/deep`` below
    (a leading ``/``; plugins may set anything). ``name`` is its file name.
    """
    basename, _ext = split_page_name(name)
    return {"path": dir, "basename": basename, "output_ext": output_ext}


# ----- escaping ----------------------------------------------------------------------------------

_FAST_SAFE = re.compile(r"[a-zA-Z0-9./-]+")
_URI = LazyPattern(r"(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.S)
_SCHEME = LazyPattern(r"[a-zA-Z][a-zA-Z0-9.+-]*")
_AMBIGUOUS_PATH = LazyPattern(r"(?!/)[^/:]*:")
_BAD_HOST = LazyPattern(r'[<>{}/\\?#@"\s]')
_BRACKET_HOST = LazyPattern(r"[a-zA-Z0-9\-._~!$&'()*+,;=:]*")
_PORT = LazyPattern(r"\d+")
#: schemes Addressable knows a port for: without host and path they are invalid
_IP_SCHEMES = frozenset({"http", "https", "ftp", "tftp", "sftp", "ssh", "svn+ssh", "telnet",
                         "nntp", "gopher", "wais", "ldap", "prospero"})

_UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
_PCHAR = _UNRESERVED + "!$&'()*+,;=" + ":@"
_PATH_CHARS = frozenset((_PCHAR + "/").encode())
_QUERY_CHARS = frozenset((_PCHAR + "/?").encode())
_AUTHORITY_CHARS = frozenset((_PCHAR + "[:]").encode())


def _encode_component(text: str, allowed: frozenset[int]) -> str:
    data = text.encode("utf-8", "surrogateescape")
    return "".join(chr(byte) if byte in allowed else f"%{byte:02X}" for byte in data)


def _invalid(message: str) -> PostforgeError:
    return PostforgeError(f"invalid URL in permalink: {message}")


def _split_authority(authority: str) -> tuple[str | None, str | None, str, str | None]:
    """``user``, ``password``, ``host``, ``port`` as Addressable's parser cuts an authority."""
    user = password = None
    userinfo = re.match(r"[^\[\]]*(?=@)", authority)
    if userinfo is not None:
        info = userinfo.group(0).strip(" \t\n\v\f\r\0")
        user = re.match(r"[^:]*", info).group(0)  # type: ignore[union-attr]
        colon = info.find(":")
        password = info[colon + 1:] if colon >= 0 else None
    rest = re.sub(r"^[^\[\]]*@", "", authority, count=1)
    port_match = re.search(r":([^:@\[\]]*?)$", rest)
    if port_match is None:
        return user, password, rest, None
    return user, password, rest[: port_match.start()], port_match.group(1)


def _checked_authority(authority: str, empty_port_ok: bool) -> str:
    """Addressable's checks (numeric port, plain host) and its rebuilt authority (``x:080`` is
    ``x:80``). Parsing drops an empty port; assigning an encoded authority rejects it."""
    user, password, host, port = _split_authority(authority)
    number = None
    if port is not None and not (port == "" and empty_port_ok):
        port = unescape_path(port)
        if _PORT.fullmatch(port) is None:
            raise _invalid(f"Invalid port number: {ruby_inspect(port)}")
        number = int(port) or None
    bracketed = re.fullmatch(r"\[(.*)\]", host)
    if _BAD_HOST.search(host) or (bracketed and not _BRACKET_HOST.fullmatch(bracketed.group(1))):
        raise _invalid(f"Invalid character in host: '{host}'")
    built = "" if user is None else user + (f":{password}" if password is not None else "") + "@"
    return built + host + (f":{number}" if number else "")


def escape_path(path: str) -> str:
    """``Jekyll::URL.escape_path``: a placeholder's value made safe for a URL.

    It runs Addressable's ``URI.encode`` on the whole value, so the value is first read as a
    URI: a ``word:`` prefix is a scheme (``1:2`` is an invalid one and fails the build), ``//``
    an authority, ``?`` starts a query (kept), ``#`` a fragment (escaped). Every byte outside a
    component's characters is percent-encoded, ``%`` included.
    """
    if path == "" or _FAST_SAFE.fullmatch(path):
        return path
    match = _URI.match(path)
    assert match is not None  # every string matches: all parts are optional
    scheme, authority, body, query, fragment = match.groups()
    if scheme is not None and _SCHEME.fullmatch(scheme) is None:
        raise _invalid(f"Invalid scheme format: '{scheme}'")
    host = None
    if authority is not None:
        authority = _checked_authority(authority, empty_port_ok=True)
        authority = _checked_authority(_encode_component(authority, _AUTHORITY_CHARS), False)
        host = _split_authority(authority)[2]
    if scheme is not None and scheme.lower() in _IP_SCHEMES and not host and not body:
        raise _invalid(f"Absolute URI missing hierarchical segment: '{path}'")
    out = []
    if scheme is not None:
        out.append(scheme + ":")
    if authority is not None:
        out.append("//" + authority)
    encoded_path = _encode_component(body, _PATH_CHARS)
    if scheme is None and encoded_path and _AMBIGUOUS_PATH.match(encoded_path):
        raise _invalid(f"Cannot assemble URI string with ambiguous path: '{encoded_path}'")
    out.append(encoded_path)
    if query is not None:
        out.append("?" + _encode_component(query, _QUERY_CHARS))
    if fragment is not None:
        out.append("#" + _encode_component(fragment, _QUERY_CHARS))
    return "".join(out).replace("#", "%23", 1)


def unescape_path(path: str) -> str:
    """``Jekyll::URL.unescape_path``: ``%XX`` decoded, for the name of the written file."""
    if "%" not in path:
        return path
    raw = path.encode("utf-8", "surrogateescape")
    decoded = re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return decoded.decode("utf-8", "surrogateescape")


# ----- URLs --------------------------------------------------------------------------------------

_DROP_PLACEHOLDER = re.compile(r":([a-z_]+)")


def sanitize_url(url: str) -> str:
    """One leading ``/``, ``..`` turned into ``/``, every ``./`` dropped, ``/`` runs squeezed."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url) if "//" in url else url


#: a template cut at its ``:name`` placeholders: (text before, key, what follows the key in the
#: name: ``_`` when chomped), and the text after the last; every document of a site shares one
#: template, so it is cut once
_TemplateParts = tuple[tuple[tuple[str, str, str], ...], str]
_TEMPLATE_PARTS: dict[str, _TemplateParts] = {}


def _template_parts(template: str) -> _TemplateParts:
    parts = _TEMPLATE_PARTS.get(template)
    if parts is None:
        pieces = []
        position = 0
        for match in _DROP_PLACEHOLDER.finditer(template):
            name = match.group(1)
            key = name[:-1] if name.endswith("_") else name
            pieces.append((template[position : match.start()], key, name[len(key) :]))
            position = match.end()
        parts = (tuple(pieces), template[position:])
        if len(_TEMPLATE_PARTS) < 256:
            _TEMPLATE_PARTS[template] = parts
    return parts


def _substitute_drop(template: str, placeholders: Mapping[str, str]) -> str:
    """Each ``:name`` replaced by its escaped value, left to right (the first unknown one fails)."""
    pieces, tail = _template_parts(template)
    out = []
    for before, key, chomp in pieces:
        if key in placeholders:
            value = placeholders[key]
        elif key in _EMPTY_DROP_KEYS:
            value = ""
        else:
            keys = f"{key} or {key}" if chomp else key
            raise PostforgeError(
                f"The URL template doesn't have {keys} keys. Check your permalink template!"
            )
        out.append(before)
        out.append(escape_path(value or ""))
        out.append(chomp)
    out.append(tail)
    return "".join(out)


def _substitute_hash(template: str, placeholders: Mapping[str, str | None]) -> str:
    result = template
    for key, value in placeholders.items():
        if ":" not in result:
            break
        if value is None:
            result = result.replace("/:" + key, "")
        else:
            result = result.replace(":" + key, escape_path(value))
    return result


def render_url(template: Any, placeholders: Mapping[str, Any]) -> str:
    """``Jekyll::URL#to_s``: ``template`` with its placeholders filled in, then sanitised.

    A :class:`DocumentPlaceholders` is read as a document's drop (see the module docstring);
    any other mapping as a page's hash. Raises :class:`PostforgeError` (without a location:
    the caller knows the file) for an unknown document placeholder or a value Addressable
    cannot read as a URI, as Jekyll fails the build for them.
    """
    if not isinstance(template, str):
        raise PostforgeError(f"a permalink must be text, not {ruby_inspect(template)}")
    if isinstance(placeholders, DocumentPlaceholders):
        return sanitize_url(_substitute_drop(template, placeholders))
    return sanitize_url(_substitute_hash(template, placeholders))


def _given(permalink: Any) -> bool:
    """Ruby's truthiness: an empty permalink is one (it gives ``/``), ``false`` is not."""
    return permalink is not None and permalink is not False


def placeholder_names(template: Any) -> set[str]:
    """The ``:names`` a template uses (a trailing ``_`` dropped, as substitution drops it)."""
    if not isinstance(template, str):
        return set()
    names = _PLACEHOLDER_NAMES.get(template)
    if names is None:
        names = frozenset(name.rstrip("_") or name for name in _DROP_PLACEHOLDER.findall(template))
        if len(_PLACEHOLDER_NAMES) < 256:
            _PLACEHOLDER_NAMES[template] = names
    return set(names)


#: ``placeholder_names`` by template: every document of a collection asks about the same one
_PLACEHOLDER_NAMES: dict[str, frozenset[str]] = {}


def template_for(
    style: str, kind: str, *, permalink: Any = None, collection_permalink: Any = None, placeholders: Any = None
) -> Any:
    """The template :func:`url_for` fills in for these inputs."""
    if _given(permalink):
        return permalink
    if kind == "page":
        return page_template(style, placeholders["output_ext"], placeholders["basename"])
    if _given(collection_permalink):
        return collection_permalink
    return style_template(style, kind)


def url_for(
    style: str,
    placeholders: Mapping[str, Any],
    kind: str,
    *,
    permalink: Any = None,
    collection_permalink: Any = None,
) -> str:
    """The URL of a page, post, draft or collection document.

    ``style`` is the site's ``permalink`` setting (a built-in style or a template);
    ``permalink`` the file's own (front matter or defaults), which wins;
    ``collection_permalink`` the collection's ``permalink`` from ``collections:``, used as a
    template as it is, never as a style name (posts default to the style's template).
    Page placeholders must come from :func:`page_placeholders`, others from
    :func:`document_placeholders`.
    """
    if kind not in _KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if _given(permalink):
        template = permalink
    elif kind == "page":
        template = page_template(style, placeholders["output_ext"], placeholders["basename"])
    elif _given(collection_permalink):
        template = collection_permalink
    else:
        template = style_template(style, kind)
    return render_url(template, placeholders)


# ----- destinations ------------------------------------------------------------------------------


def _expand(path: str) -> list[str]:
    """``File.expand_path(path, "/")`` as segments: ``.`` dropped, ``..`` climbs, ``//`` one."""
    parts: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
            continue
        parts.append(segment)
    return parts


def destination_path(url: str, output_ext: str, kind: str = "page") -> str:
    """Where a file with this URL is written, relative to the destination (``a/index.html``).

    The URL is unescaped (``%20`` is a space in the file name). A URL ending in ``/`` is a
    directory: a page writes ``index`` plus its output extension there (``/feed/`` of an XML
    page is ``feed/index.xml``), any document ``index.html``. Otherwise the output extension is
    appended unless the name already ends with it (``/about`` → ``about.html``).
    """
    if kind not in _KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    parts = _expand(unescape_path(url))
    directory = url.endswith("/")
    if directory:
        parts.append("index.html" if kind != "page" else "index")
    path = "/".join(parts)
    if kind == "page" or not directory:
        if not path.endswith(output_ext):
            path += output_ext
    return path
