"""Jekyll's URL filters: relative_url, absolute_url, strip_index, cgi_escape, uri_escape.

Jekyll builds URLs with the Addressable gem and normalises them (``URI.parse(...).normalize``),
which decides what users see: ``a b/é`` becomes ``a%20b/%C3%A9``, ``/a/../b`` becomes ``/b``,
``http://EXAMPLE.com:80`` loses its case and default port. This module carries a small port of
the parts of Addressable 2.8 that those calls reach (parsing, validation, component
normalisation), so the output is byte-for-byte Jekyll's, including its odd corners: a ``url``
ending in ``/`` gives ``//`` before the baseurl, and ``//cdn`` inputs are treated as paths.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import urllib.parse
from decimal import Decimal
from typing import Any

from postforge.liquid.drops import Drop
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters import given_variable
from postforge.liquid.filters import leaves_context
from postforge.liquid.filters import reads_site
from postforge.liquid.filters import with_context
from postforge.liquid.runtime import lookup
from postforge.liquid.values import inspect as ruby_inspect
from postforge.liquid.filters.strings import ruby_to_s

__all__ = [
    "FILTERS",
    "register",
    "relative_url",
    "relative_url_in_site",
    "absolute_url",
    "strip_index",
    "cgi_escape",
    "uri_escape",
    "normalize_url",
    "normalize_component",
    "InvalidURIError",
]


class InvalidURIError(LiquidArgumentError):
    """Addressable::URI::InvalidURIError: Jekyll fails the build with it, and so do we."""


_UNRESERVED = "a-zA-Z0-9\\-._~"
_SUB_DELIMS = "!$&'()*+,;="
_GEN_DELIMS = ":/?#\\[\\]@"
_PCHAR = _UNRESERVED + _SUB_DELIMS + ":@"
# bytes Addressable percent-encodes in each component (the complement of what it allows)
_ENCODE_DEFAULT = re.compile(f"[^{_GEN_DELIMS}{_SUB_DELIMS}{_UNRESERVED}]".encode())
_ENCODE_SCHEME = re.compile(b"[^a-zA-Z0-9\\-+.]")
_ENCODE_USER = re.compile(f"[^{_UNRESERVED}]".encode())
_ENCODE_HOST = re.compile(f"[^{_UNRESERVED}{_SUB_DELIMS}\\[:\\]]".encode())
_ENCODE_PATH = re.compile(f"[^{_PCHAR}]".encode())
_ENCODE_QUERY = re.compile(b"[^a-zA-Z0-9\\-._~!$'()*+,=:@/?%]|%(?!2B|2b)")
_ENCODE_FRAGMENT = re.compile(f"[^{_PCHAR}/?]".encode())
_PERCENT = re.compile(b"%[0-9a-fA-F]{2}")

_URI_RE = re.compile(r"^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$", re.M)
_NORMPATH = re.compile(r"^(?!/)[^/:]*:.*$", re.M)
_SCHEME_FORMAT = re.compile(r"\A[a-z][a-z0-9.+\-]*\Z", re.I)
_BAD_HOST = re.compile(r"[<>{}/\\?#@\"\s]")
_PORTS = {"http": 80, "https": 443, "ftp": 21, "tftp": 69, "sftp": 22, "ssh": 22, "svn+ssh": 22,
          "telnet": 23, "nntp": 119, "gopher": 70, "wais": 210, "ldap": 389, "prospero": 1525}
# Ruby's String#strip also removes NUL
_STRIP = " \t\n\x0b\f\r\0"


def _unencode(data: bytes, leave_encoded: bytes = b"") -> bytes:
    def decode(match: re.Match) -> bytes:
        char = bytes([int(match.group(0)[1:], 16)])
        return match.group(0) if char in leave_encoded and char else char

    return _PERCENT.sub(decode, data)


def _encode(data: bytes, pattern: re.Pattern) -> bytes:
    return pattern.sub(lambda m: b"".join(b"%%%02X" % byte for byte in m.group(0)), data)


def normalize_component(component: str, pattern: re.Pattern = _ENCODE_DEFAULT,
                        leave_encoded: str = "") -> str:
    """Addressable's ``normalize_component``: decode every escape, NFKC, then re-encode.

    Bytes that do not decode as UTF-8 skip the NFKC step and are encoded with the default
    (reserved + unreserved) class, as Addressable's ArgumentError fallback does.
    """
    unencoded = _unencode(component.encode("utf-8", "surrogatepass"), leave_encoded.encode())
    try:
        text = unencoded.decode("utf-8")
    except UnicodeDecodeError:
        encoded = _encode(unencoded, _ENCODE_DEFAULT)
    else:
        encoded = _encode(unicodedata.normalize("NFKC", text).encode("utf-8"), pattern)
    if leave_encoded == "+":
        encoded = encoded.replace(b"%2b", b"%2B")
    return encoded.decode("ascii")


def _strip(text: str) -> str:
    return text.strip(_STRIP)


class _URI:
    """The fields of an ``Addressable::URI``, validated as its constructor validates them."""

    __slots__ = ("scheme", "user", "password", "host", "port", "path", "query", "fragment")

    def __init__(self, scheme: str | None = None, authority: str | None = None, path: str = "",
                 query: str | None = None, fragment: str | None = None) -> None:
        if scheme is not None and not _SCHEME_FORMAT.match(scheme):
            raise InvalidURIError(f"Invalid scheme format: '{scheme}'")
        self.scheme = scheme if scheme and _strip(scheme) else None
        self.user = self.password = self.host = None
        self.port: int | None = None
        if authority is not None:
            self._set_authority(authority)
        self.path = path
        if path and not path.startswith("/") and self.host is not None:
            self.path = "/" + path
        self.query = query
        self.fragment = fragment
        self._validate()

    def _set_authority(self, authority: str) -> None:
        userinfo = re.match(r"([^\[\]]*)@", authority)
        if userinfo:
            info = _strip(userinfo.group(1))
            self.user = re.match(r"[^:]*", info).group(0)
            password = re.search(r":(.*)$", info, re.M)
            self.password = password.group(1) if password else None
        host = re.sub(r"^([^\[\]]*)@", "", authority, count=1, flags=re.M)
        self.host = re.sub(r":([^:@\[\]]*?)$", "", host, count=1, flags=re.M)
        port = re.search(r":([^:@\[\]]*?)$", authority, re.M)
        if port and port.group(1):
            text = _unencode(port.group(1).encode()).decode("utf-8", "replace")
            if not re.fullmatch(r"[0-9]+", text):
                raise InvalidURIError(f"Invalid port number: {_ruby_str_inspect(text)}")
            self.port = int(text) or None

    @property
    def authority(self) -> str | None:
        if self.host is None:
            return None
        userinfo = None
        if self.user is not None:
            userinfo = self.user if self.password is None else f"{self.user}:{self.password}"
        prefix = f"{userinfo}@" if userinfo is not None else ""
        return f"{prefix}{self.host}" + (f":{self.port}" if self.port is not None else "")

    def _validate(self) -> None:
        if (self.scheme is not None and _strip(self.scheme).lower() in _PORTS
                and not self.host and not self.path):
            raise InvalidURIError(f"Absolute URI missing hierarchical segment: '{self}'")
        if self.host is None and (self.port is not None or self.user is not None
                                  or self.password is not None):
            raise InvalidURIError(f"Hostname not supplied: '{self}'")
        authority = self.authority
        if self.path and not self.path.startswith("/") and authority is not None:
            raise InvalidURIError(f"Cannot have a relative path with an authority set: '{self}'")
        if self.path.startswith("//") and authority is None:
            raise InvalidURIError(
                f"Cannot have a path with two leading slashes without an authority set: '{self}'")
        if self.host is not None:
            bracketed = re.fullmatch(r"\[(.*)\]", self.host)
            if _BAD_HOST.search(self.host) or (
                    bracketed and not re.fullmatch(f"[{_UNRESERVED}{_SUB_DELIMS}:]*", bracketed.group(1))):
                raise InvalidURIError(f"Invalid character in host: '{self.host}'")

    def __str__(self) -> str:
        text = f"{self.scheme}:" if self.scheme is not None else ""
        authority = self.authority
        if authority is not None:
            text += f"//{authority}"
        text += self.path
        if self.query is not None:
            text += f"?{self.query}"
        if self.fragment is not None:
            text += f"#{self.fragment}"
        return text

    def normalize(self) -> _URI:
        scheme = None
        if self.scheme is not None:
            scheme = normalize_component(_strip(self.scheme).lower(), _ENCODE_SCHEME)
        return _URI(scheme or None, self._normalized_authority(scheme), self._normalized_path(scheme),
                    self._normalized_query(), self._normalized_fragment())

    def _normalized_authority(self, scheme: str | None) -> str | None:
        if self.host is None:
            return None
        web = scheme is not None and re.search("https?", scheme) is not None
        user = password = None
        if self.user is not None and not (web and not _strip(self.user) and not _strip(self.password or "")):
            user = normalize_component(_strip(self.user), _ENCODE_USER)
        if self.password is not None and not (web and not _strip(self.password) and not _strip(self.user or "")):
            password = normalize_component(_strip(self.password), _ENCODE_USER)
        authority = ""
        if user is not None:
            authority = (user if password is None else f"{user}:{password}") + "@"
        authority += _normalized_host(self.host)
        if self.port is not None and _PORTS.get(scheme or "") != self.port:
            authority += f":{self.port}"
        return authority

    def _normalized_path(self, scheme: str | None) -> str:
        path = self.path
        if self.scheme is None and _NORMPATH.search(path):
            path = path.replace(":", "%2F", 1)
        segments = _strip(path).split("/")
        result = _remove_dot_segments("/".join(normalize_component(s, _ENCODE_PATH) for s in segments))
        if not result and scheme in ("http", "https", "ftp", "tftp"):
            result = "/"
        return result

    def _normalized_query(self) -> str | None:
        if self.query is None:
            return None
        query = "&".join(normalize_component(pair, _ENCODE_QUERY, "+") for pair in self.query.split("&"))
        return query or None

    def _normalized_fragment(self) -> str | None:
        if self.fragment is None:
            return None
        return normalize_component(self.fragment, _ENCODE_FRAGMENT) or None


def _normalized_host(host: str) -> str:
    host = _strip(host)
    if not host:
        return ""
    unencoded = _unencode(host.lower().encode("utf-8", "surrogatepass"))
    try:
        text = unencoded.decode("utf-8")
    except UnicodeDecodeError:
        text = unencoded.decode("latin-1")
    if any(ord(char) > 127 for char in text):
        labels = []
        for label in text.lower().split("."):
            if any(ord(char) > 127 for char in label):
                label = "xn--" + unicodedata.normalize("NFKC", label).encode("punycode").decode("ascii")
            labels.append(label)
        text = ".".join(labels)
    if re.search(r"[^.]\.$", text, re.M):
        text = text[:-1]
    return normalize_component(text, _ENCODE_HOST)


_RULE_2A = re.compile(r"/\./|/\.$", re.M)
_RULE_2B_2C = re.compile(r"/([^/]*)/\.\./|/([^/]*)/\.\.$", re.M)
_RULE_2D = re.compile(r"^\.\.?/?", re.M)
_RULE_PREFIXED_PARENT = re.compile(r"^/\.\.?/|^(/\.\.?)+/?$", re.M)


def _remove_dot_segments(path: str) -> str:
    """Addressable's ``normalize_path`` (RFC 3986 5.2.4 plus its leading ``/..`` rule)."""
    while True:
        changed = False
        path, count = _RULE_2A.subn("/", path)
        changed = count > 0
        if not changed:
            pair = _RULE_2B_2C.search(path)
            if pair:
                parent, current = pair.group(1), pair.group(2)
                if (parent not in (".", "..")) or (current not in (".", "..")):
                    rule = re.compile(f"/{re.escape(parent or '')}/\\.\\./|(/{re.escape(current or '')}/\\.\\.$)",
                                      re.M)
                    path, count = rule.subn("/", path)
                    changed = count > 0
        if not changed:
            path, count = _RULE_2D.subn("", path)
            changed = count > 0
        if not changed:
            path, count = _RULE_PREFIXED_PARENT.subn("/", path)
            changed = count > 0
        if not changed:
            return path


def _parse(text: str) -> _URI:
    match = _URI_RE.search(text)
    groups = match.groups() if match else (None,) * 9
    return _URI(groups[1], groups[3], groups[4] or "", groups[6], groups[8])


#: a path Addressable's normalisation leaves as it is: unreserved characters and ``/``, no dot segment
_PLAIN_PATH = re.compile(r"\A/(?!/)[A-Za-z0-9\-._~/]*\Z")


@functools.lru_cache(maxsize=1 << 17)
def normalize_url(text: str) -> str:
    """``Addressable::URI.parse(text).normalize.to_s``."""
    if _PLAIN_PATH.match(text) and "/." not in text:
        return text
    return str(_parse(text).normalize())


def _ruby_str_inspect(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _site_config(ctx: Any, key: str) -> Any:
    return lookup(ctx.get("site"), key)


def _drop_url(value: Any) -> Any:
    """Jekyll uses ``input.url`` for documents and pages (objects that respond to ``url``)."""
    if isinstance(value, Drop) and value.liquid_has("url"):
        return value.liquid_get("url")
    return value


def _is_absolute(value: Any) -> bool:
    return _has_scheme(ruby_to_s(value))


@functools.lru_cache(maxsize=1 << 17)
def _has_scheme(text: str) -> bool:
    """``Addressable::URI.parse(text).absolute?`` (which raises for malformed URIs)."""
    return _parse(text).scheme is not None


def _ensure_leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


#: ``relative_url`` results for string inputs without a scheme: path → (the baseurl it was made
#: with, result). A sidebar asks for the same ten URLs on every page, and the normalisation
#: behind each is a dozen calls; being here also tells that the path has no scheme.
_RELATIVE: dict[str, tuple[str | None, str]] = {}


def _relative(ctx: Any, value: Any) -> Any:
    if type(value) is str:
        return _relative_str(ctx, value)
    value = _drop_url(value)
    if _is_absolute(value):
        return value
    return _relative_path(_site_config(ctx, "baseurl"), value)


def _relative_str(ctx: Any, value: str) -> str:
    """:func:`_relative` for a string, the usual input; the same reads in the same order."""
    known = _RELATIVE.get(value)
    if known is None and _has_scheme(value):
        return value
    return _in_site(value, known, ctx.get("site"))


def _in_site(value: str, known: Any, site: Any) -> str:
    """``relative_url`` of ``value``, known to have no scheme, in ``site`` (``known``: what
    :data:`_RELATIVE` remembers of it, or None)."""
    # the site drop answers itself: what ``lookup`` would do with it, one call less
    baseurl = site.liquid_get("baseurl") if isinstance(site, Drop) else lookup(site, "baseurl")
    if known is not None and known[0] is baseurl:  # a str (immutable) or None: the same base
        return known[1]
    return _relative_known_scheme(baseurl, value)


def _relative_known_scheme(baseurl: Any, value: str) -> str:
    """``relative_url`` of ``value``, known to have no scheme, remembered for a str baseurl."""
    found = _relative_path(baseurl, value)
    if baseurl is None or type(baseurl) is str:
        if len(_RELATIVE) >= 1 << 16:
            _RELATIVE.clear()
        _RELATIVE[value] = (baseurl, found)
    return found


def _relative_path(baseurl: Any, value: Any) -> str:
    base = "" if baseurl is None else ruby_to_s(baseurl)
    if base.endswith("/"):
        base = base[:-1]
    return normalize_url(_ensure_leading_slash(base) + _ensure_leading_slash(ruby_to_s(value)))


def relative_url_in_site(value: Any, site: Any) -> Any:
    """:func:`relative_url` with ``site`` as the template resolved it (``given_variable``):
    the same reads, in the same order, from the same value."""
    if type(value) is str:
        known = _RELATIVE.get(value)
        if known is None and _has_scheme(value):
            return value
        return _in_site(value, known, site)
    if value is None:
        return None
    value = _drop_url(value)
    if _is_absolute(value):
        return value
    return _relative_path(lookup(site, "baseurl"), value)


@with_context
@leaves_context
@given_variable("site", relative_url_in_site)
@reads_site
def relative_url(ctx: Any, value: Any) -> Any:
    """``site.baseurl`` + path, normalised; absolute URLs (with a scheme) pass unchanged.
    (Templates that call it without arguments, where variables are not strict, call
    :func:`relative_url_in_site` instead.)"""
    if value is None:
        return None
    return _relative(ctx, value)


@with_context
@leaves_context
@reads_site
def absolute_url(ctx: Any, value: Any) -> Any:
    """``site.url`` + ``relative_url``; without a ``site.url`` it is just ``relative_url``."""
    if value is None:
        return None
    value = _drop_url(value)
    if _is_absolute(value):
        return value
    site_url = _site_config(ctx, "url")
    if site_url is None or site_url == "":
        return _relative(ctx, value)
    return normalize_url(ruby_to_s(site_url) + _relative(ctx, value))


_INDEX_HTML = re.compile(r"/index\.html?$", re.M)


def strip_index(value: Any) -> str | None:
    """``/a/index.html`` → ``/a/``: pretty permalinks without the index file."""
    if value is None or ruby_to_s(value) == "":
        return None
    if not isinstance(value, str):
        raise LiquidArgumentError(f"undefined method `sub' for {ruby_inspect(value)}:{_class_name(value)}")
    return _INDEX_HTML.sub("/", value, count=1)


def _class_name(value: Any) -> str:
    """The Ruby class of a Liquid value, as Ruby's conversion errors name it."""
    if isinstance(value, bool) or value is None:
        return {True: "TrueClass", False: "FalseClass", None: "NilClass"}[value]
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, (float, Decimal)):
        return "Float"
    if isinstance(value, (list, tuple)):
        return "Array"
    if isinstance(value, dict):
        return "Hash"
    return type(value).__name__


def cgi_escape(value: Any) -> str:
    """Ruby's ``CGI.escape``: form encoding, space as ``+``, only ``a-zA-Z0-9_.-~`` kept."""
    if not isinstance(value, str):
        name = {True: "true", False: "false", None: "nil"}[value] if value is None or isinstance(value, bool) \
            else _class_name(value)
        raise TypeError(f"no implicit conversion of {name} into String")
    return urllib.parse.quote_plus(value, safe="~", encoding="utf-8", errors="surrogatepass")


def uri_escape(value: Any) -> str | None:
    """Addressable's ``normalize_component``: escapes what a URI may not hold, keeps ``/?#&=``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"Can't convert {_class_name(value)} into String.")
    return normalize_component(value)


FILTERS = {
    "relative_url": relative_url,
    "absolute_url": absolute_url,
    "strip_index": strip_index,
    "cgi_escape": cgi_escape,
    "uri_escape": uri_escape,
}


def register(env: Any) -> None:
    env.add_filters(FILTERS)
