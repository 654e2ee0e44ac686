"""Jekyll's URL filters against tables whose expectations came from Jekyll 4.3.1 itself.

Every ``expect`` below is what the oracle (``shared/oracle/liquid.rb``) printed for
``{{ value | filter }}`` with the case's ``site`` as ``_config.yml``; an exception type means Jekyll
failed the render. Filters are called directly; the render context is a small stand-in that
answers ``ctx.get("site")`` the way the engine's does.
"""

from __future__ import annotations

from typing import Any

import pytest

from postforge.liquid.drops import MappingDrop
from postforge.liquid.errors import LiquidArgumentError
from postforge.liquid.filters import jekyll_urls
from postforge.liquid.values import to_s

from filter_cases import Case
from filter_cases import SiteContext
from filter_cases import check_call
from filter_cases import ids
from filter_cases import render


# the _config.yml of each case
SITE = {"url": "https://example.org", "baseurl": "/blog"}
SITE_SLASHES = {"url": "https://example.org/", "baseurl": "blog/"}
SITE_BARE: dict[str, Any] = {}
SITE_PORT = {"url": "http://EXAMPLE.com:80", "baseurl": ""}
SITE_NO_SCHEME = {"url": "example.org", "baseurl": "/"}
SITE_IDN = {"url": "https://user:pw@Bücher.de:443/x/", "baseurl": "/é b/"}
SITE_NUMBERS = {"url": 5, "baseurl": 7}
SITE_IPV6 = {"url": "http://[::1]:8080", "baseurl": "/b"}
SITE_OTHER_PORT = {"url": "https://example.org:8443", "baseurl": "/blog"}
SITE_BAD_HOST = {"url": "http://a b"}
SITE_BAD_PORT = {"url": "http://x:abc"}
SITE_SCHEME_ONLY = {"url": "http:"}

RELATIVE_URL = [
    Case("path with leading slash", "/about/", [], {}, "/blog/about/", site=SITE),
    Case("missing leading slash is added", "about", [], {}, "/blog/about", site=SITE),
    Case("empty string is the baseurl", "", [], {}, "/blog", site=SITE),
    Case("root", "/", [], {}, "/blog/", site=SITE),
    Case("nil stays nil", None, [], {}, "", site=SITE),
    Case("protocol-relative input is a path", "//cdn.example/x.js", [], {}, "/blog//cdn.example/x.js", site=SITE),
    Case("absolute http URL passes unchanged", "http://other.org/x", [], {}, "http://other.org/x", site=SITE),
    Case("mailto is absolute", "mailto:a@b.c", [], {}, "mailto:a@b.c", site=SITE),
    Case("uppercase absolute URL is not normalised", "HTTP://X.ORG/A", [], {}, "HTTP://X.ORG/A", site=SITE),
    Case("javascript scheme is absolute", "javascript:alert(1)", [], {}, "javascript:alert(1)", site=SITE),
    Case("drive letter looks like a scheme", "C:/x", [], {}, "C:/x", site=SITE),
    Case("spaces and unicode are percent-encoded", "a b/é?x=1#f", [], {}, "/blog/a%20b/%C3%A9?x=1#f", site=SITE),
    Case("dot segments are removed", "/a/../b/./c", [], {}, "/blog/b/c", site=SITE),
    Case("too many parent segments", "/a/b/../../..", [], {}, "/", site=SITE),
    Case("escapes are normalised", "/%41%2f%7e", [], {}, "/blog/A%2F~", site=SITE),
    Case("double slashes kept", "/a//b", [], {}, "/blog/a//b", site=SITE),
    Case("trailing whitespace stripped from path", "/a ", [], {}, "/blog/a", site=SITE),
    Case("query: + and %2B kept, space encoded", "/a?x=%2b+%2B&y=a b&&", [], {}, "/blog/a?x=%2B+%2B&y=a%20b&&", site=SITE),
    Case("query angle brackets encoded", "/a?q=1&r=<>", [], {}, "/blog/a?q=1&r=%3C%3E", site=SITE),
    Case("empty query and fragment dropped", "/a?", [], {}, "/blog/a", site=SITE),
    Case("fragment only", "#top", [], {}, "/blog/#top", site=SITE),
    Case("fragment with space and hash", "/a#b c#d", [], {}, "/blog/a#b%20c%23d", site=SITE),
    Case("NFKC ligature", "/ﬁle", [], {}, "/blog/file", site=SITE),
    Case("invalid UTF-8 escape kept", "/%FF", [], {}, "/blog/%FF", site=SITE),
    Case("newline encoded", "/a\nb", [], {}, "/blog/a%0Ab", site=SITE),
    Case("colon in later segment", "/x:y", [], {}, "/blog/x:y", site=SITE),
    # Jekyll: Addressable::URI::InvalidURIError: Invalid scheme format: 'a b'
    Case("space in scheme is an error", "a b:c", [], {}, LiquidArgumentError, site=SITE),
    # Jekyll: Addressable::URI::InvalidURIError: Cannot have a path with two leading slashes without an 
    Case("leading parent then double slash is an error", "/..//x", [], {}, LiquidArgumentError, site=SITE),
    Case("integer input", 5, [], {}, "/blog/5", site=SITE),
    Case("float input", 1.5, [], {}, "/blog/1.5", site=SITE),
    Case("boolean input", True, [], {}, "/blog/true", site=SITE),
    Case("array input is inspected", ["a", "b"], [], {}, "/blog/%5B%22a%22,%20%22b%22%5D", site=SITE),
    Case("hash input is inspected", {"a": 1}, [], {}, "/blog/%7B%22a%22=%3E1%7D", site=SITE),
    Case("baseurl without slashes is fixed", "/a", [], {}, "/blog/a", site=SITE_SLASHES),
    Case("no baseurl", "a", [], {}, "/a", site=SITE_BARE),
    Case("no baseurl, empty input", "", [], {}, "", site=SITE_BARE),
    Case("no baseurl, protocol-relative", "//cdn.example/x", [], {}, "//cdn.example/x", site=SITE_BARE),
    Case("no baseurl, only slashes", "//", [], {}, "//", site=SITE_BARE),
    Case("baseurl '/' is chomped", "/a", [], {}, "/a", site=SITE_NO_SCHEME),
    Case("unicode baseurl is encoded", "/a", [], {}, "/%C3%A9%20b/a", site=SITE_IDN),
    Case("numeric baseurl", "/x", [], {}, "/7/x", site=SITE_NUMBERS),
]

ABSOLUTE_URL = [
    Case("path", "/about/", [], {}, "https://example.org/blog/about/", site=SITE),
    Case("missing leading slash", "about", [], {}, "https://example.org/blog/about", site=SITE),
    Case("empty string", "", [], {}, "https://example.org/blog", site=SITE),
    Case("nil stays nil", None, [], {}, "", site=SITE),
    Case("absolute URL passes unchanged", "http://other.org/x", [], {}, "http://other.org/x", site=SITE),
    Case("protocol-relative input is a path", "//cdn.example/x.js", [], {}, "https://example.org/blog//cdn.example/x.js", site=SITE),
    Case("spaces and unicode", "a b/é?x=1#f", [], {}, "https://example.org/blog/a%20b/%C3%A9?x=1#f", site=SITE),
    Case("array input", ["a", "b"], [], {}, "https://example.org/blog/%5B%22a%22,%20%22b%22%5D", site=SITE),
    Case("url with trailing slash gives //", "/a", [], {}, "https://example.org//blog/a", site=SITE_SLASHES),
    Case("no url: same as relative_url", "/a", [], {}, "/a", site=SITE_BARE),
    Case("no url, empty input", "", [], {}, "", site=SITE_BARE),
    Case("host lowercased, default port dropped", "/a", [], {}, "http://example.com/a", site=SITE_PORT),
    Case("empty path becomes /", "", [], {}, "http://example.com/", site=SITE_PORT),
    Case("protocol-relative after url", "//cdn.x/a", [], {}, "http://example.com//cdn.x/a", site=SITE_PORT),
    Case("url without scheme", "/a", [], {}, "example.org/a", site=SITE_NO_SCHEME),
    Case("IDN host, userinfo, default port", "/a", [], {}, "https://user:pw@xn--bcher-kva.de/x//%C3%A9%20b/a", site=SITE_IDN),
    Case("numeric url and baseurl", "/x", [], {}, "5/7/x", site=SITE_NUMBERS),
    Case("IPv6 host keeps its port", "/x", [], {}, "http://[::1]:8080/b/x", site=SITE_IPV6),
    Case("non-default port kept", "/x", [], {}, "https://example.org:8443/blog/x", site=SITE_OTHER_PORT),
    # Jekyll: Addressable::URI::InvalidURIError: Invalid character in host: 'a b'
    Case("space in host is an error", "/a", [], {}, LiquidArgumentError, site=SITE_BAD_HOST),
    # Jekyll: Addressable::URI::InvalidURIError: Invalid port number: "abc"
    Case("non-numeric port is an error", "/a", [], {}, LiquidArgumentError, site=SITE_BAD_PORT),
    # Jekyll: Addressable::URI::InvalidURIError: Absolute URI missing hierarchical segment: 'http:'
    Case("scheme without host, empty path is an error", "", [], {}, LiquidArgumentError, site=SITE_SCHEME_ONLY),
    Case("scheme without host, with path", "/a", [], {}, "http:/a", site=SITE_SCHEME_ONLY),
]

CGI_ESCAPE = [
    Case("HTML and quotes", 'a <b> & "c" \'d\'\n', [], {}, "a+%3Cb%3E+%26+%22c%22+%27d%27%0A"),
    Case("empty", "", [], {}, ""),
    Case("unicode and controls", "é ☃ 😀 \x00\x07", [], {}, "%C3%A9+%E2%98%83+%F0%9F%98%80+%00%07"),
    Case("URL punctuation", "100% ~a_b.c-d/e?f=g&h=i#j+k l", [], {}, "100%25+~a_b.c-d%2Fe%3Ff%3Dg%26h%3Di%23j%2Bk+l"),
    Case("brackets and backslash", "[x]{y}|\\^`", [], {}, "%5Bx%5D%7By%7D%7C%5C%5E%60"),
    Case("existing escapes", "%41%zz%2b%2B%e2%98%83%FF", [], {}, "%2541%25zz%252b%252B%25e2%2598%2583%25FF"),
    Case("line separator and tab", "\u2028\t", [], {}, "%E2%80%A8%09"),
    Case("compatibility characters", "ﬁ ½ Å", [], {}, "%EF%AC%81+%C2%BD+%C3%85"),
    Case("sub-delims", "*'()!", [], {}, "%2A%27%28%29%21"),
    # Jekyll: TypeError: no implicit conversion of nil into String
    Case("nil", None, [], {}, TypeError),
    # Jekyll: TypeError: no implicit conversion of Integer into String
    Case("integer", 5, [], {}, TypeError),
    # Jekyll: TypeError: no implicit conversion of Float into String
    Case("float", 1.5, [], {}, TypeError),
    # Jekyll: TypeError: no implicit conversion of true into String
    Case("boolean", True, [], {}, TypeError),
    # Jekyll: TypeError: no implicit conversion of Array into String
    Case("array", ["a"], [], {}, TypeError),
    # Jekyll: TypeError: no implicit conversion of Hash into String
    Case("hash", {"a": 1}, [], {}, TypeError),
]

URI_ESCAPE = [
    Case("HTML and quotes", 'a <b> & "c" \'d\'\n', [], {}, "a%20%3Cb%3E%20&%20%22c%22%20'd'%0A"),
    Case("empty", "", [], {}, ""),
    Case("unicode and controls", "é ☃ 😀 \x00\x07", [], {}, "%C3%A9%20%E2%98%83%20%F0%9F%98%80%20%00%07"),
    Case("URL punctuation", "100% ~a_b.c-d/e?f=g&h=i#j+k l", [], {}, "100%25%20~a_b.c-d/e?f=g&h=i#j+k%20l"),
    Case("brackets and backslash", "[x]{y}|\\^`", [], {}, "[x]%7By%7D%7C%5C%5E%60"),
    Case("existing escapes", "%41%zz%2b%2B%e2%98%83%FF", [], {}, "A%25zz++%E2%98%83%FF"),
    Case("line separator and tab", "\u2028\t", [], {}, "%E2%80%A8%09"),
    Case("compatibility characters", "ﬁ ½ Å", [], {}, "fi%201%E2%81%842%20%C3%85"),
    Case("sub-delims", "*'()!", [], {}, "*'()!"),
    Case("nil", None, [], {}, ""),
    # Jekyll: TypeError: Can't convert Integer into String.
    Case("integer", 5, [], {}, TypeError),
    # Jekyll: TypeError: Can't convert Float into String.
    Case("float", 1.5, [], {}, TypeError),
    # Jekyll: TypeError: Can't convert TrueClass into String.
    Case("boolean", True, [], {}, TypeError),
    # Jekyll: TypeError: Can't convert Array into String.
    Case("array", ["a"], [], {}, TypeError),
    # Jekyll: TypeError: Can't convert Hash into String.
    Case("hash", {"a": 1}, [], {}, TypeError),
]

STRIP_INDEX = [
    Case("index.html removed", "/a/index.html", [], {}, "/a/"),
    Case("index.htm removed", "/a/index.htm", [], {}, "/a/"),
    Case("other file kept", "/a/b.html", [], {}, "/a/b.html"),
    Case("needs the slash", "index.html", [], {}, "index.html"),
    Case("nil", None, [], {}, ""),
    Case("empty string is nil", "", [], {}, ""),
    Case("query string blocks it", "/index.html?x", [], {}, "/index.html?x"),
    Case("only the last one", "/index.html/index.html", [], {}, "/index.html/"),
    Case("end of the first line", "/a/index.html\n/b/index.html", [], {}, "/a/\n/b/index.html"),
    Case("case-sensitive", "/a/INDEX.html", [], {}, "/a/INDEX.html"),
    Case("longer extension kept", "/index.htmlx", [], {}, "/index.htmlx"),
    # Jekyll: NoMethodError: undefined method `sub' for 5:Integer
    Case("integer fails", 5, [], {}, LiquidArgumentError),
    # Jekyll: NoMethodError: undefined method `sub' for ["/index.html"]:Array
    Case("array fails", ["/index.html"], [], {}, LiquidArgumentError),
    Case("fragment blocks it", "/a/index.html#top", [], {}, "/a/index.html#top"),
]


@pytest.mark.parametrize("case", RELATIVE_URL, ids=ids(RELATIVE_URL))
def test_relative_url(case: Case) -> None:
    check_call(jekyll_urls.relative_url, case, to_s)


@pytest.mark.parametrize("case", ABSOLUTE_URL, ids=ids(ABSOLUTE_URL))
def test_absolute_url(case: Case) -> None:
    check_call(jekyll_urls.absolute_url, case, to_s)


@pytest.mark.parametrize("case", STRIP_INDEX, ids=ids(STRIP_INDEX))
def test_strip_index(case: Case) -> None:
    check_call(jekyll_urls.strip_index, case, to_s)


@pytest.mark.parametrize("case", CGI_ESCAPE, ids=ids(CGI_ESCAPE))
def test_cgi_escape(case: Case) -> None:
    check_call(jekyll_urls.cgi_escape, case, to_s)


@pytest.mark.parametrize("case", URI_ESCAPE, ids=ids(URI_ESCAPE))
def test_uri_escape(case: Case) -> None:
    check_call(jekyll_urls.uri_escape, case, to_s)


def test_documents_use_their_url() -> None:
    # Jekyll: a post at 2024/01/02/hello-world.html gave these with this site config
    post = MappingDrop({"url": "/2024/01/02/hello-world.html", "title": "Hello"})
    ctx = SiteContext({"baseurl": "/blog", "url": "https://example.org"})
    assert jekyll_urls.relative_url(ctx, post) == "/blog/2024/01/02/hello-world.html"
    assert jekyll_urls.absolute_url(ctx, post) == "https://example.org/blog/2024/01/02/hello-world.html"


def test_filters_are_registered() -> None:
    assert set(jekyll_urls.FILTERS) == {"relative_url", "absolute_url", "strip_index", "cgi_escape", "uri_escape"}
    assert jekyll_urls.relative_url.liquid_context and jekyll_urls.absolute_url.liquid_context


END_TO_END = [
    # (template, data, expected output from the oracle with site = {"baseurl": "/blog", "url": "https://example.org"})
    (
        '{{ "/a b" | relative_url }}|{{ "feed.xml" | absolute_url }}',
        {},
        "/blog/a%20b|https://example.org/blog/feed.xml",
    ),
    (
        "{{ t | cgi_escape }}|{{ t | uri_escape }}",
        {"t": " 日本 and  more "},
        "+%E6%97%A5%E6%9C%AC+and++more+|%20%E6%97%A5%E6%9C%AC%20and%20%20more%20",
    ),
]


@pytest.mark.parametrize("template,data,expect", END_TO_END)
def test_end_to_end(template: str, data: dict[str, Any], expect: str) -> None:
    site = {"baseurl": "/blog", "url": "https://example.org"}
    assert render(template, {"site": site, **data}) == expect
