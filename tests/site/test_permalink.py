"""URLs and written paths of posts, drafts, pages and collection documents, as Jekyll 4.3.1 gives them.

Every row of ``CASES`` is a file in a small site: its path, its front matter, the site it lives
in (``SITES``: a permalink style and collections), and the ``page.url`` and file under ``_site``
Jekyll produced for it. The rows were answered by the real Jekyll: ``POSTFORGE_ORACLE=1 pytest
tests/site/test_permalink.py`` builds the sites again with ``../shared/oracle/site.sh`` and checks
every row, and asks Jekyll's own functions the tables of pieces (``PIECES``: escaping, sanitising,
file names); ``python tests/site/test_permalink.py`` prints what Jekyll answers, to update them.

The rest of the suite runs the same rows through ``postforge.model.permalink`` the way the model
layer does: the inputs Jekyll derives from the file (filename date and slug, categories from the
path and front matter, the output extension) are derived here by :func:`_derive`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from typing import NamedTuple

import pytest
import yaml

from postforge.errors import PostforgeError
from postforge.model.permalink import DocumentPlaceholders
from postforge.model.permalink import STYLES
from postforge.model.permalink import destination_path
from postforge.model.permalink import document_placeholders
from postforge.model.permalink import escape_path
from postforge.model.permalink import page_placeholders
from postforge.model.permalink import page_template
from postforge.model.permalink import permalink_output_ext
from postforge.model.permalink import render_url
from postforge.model.permalink import ruby_extname
from postforge.model.permalink import sanitize_url
from postforge.model.permalink import split_document_filename
from postforge.model.permalink import split_page_name
from postforge.model.permalink import style_template
from postforge.model.permalink import unescape_path
from postforge.model.permalink import url_for

ORACLE = Path(__file__).resolve().parents[3] / "shared" / "oracle"
SITE_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
UTC = dt.timezone.utc

COLLECTIONS: dict[str, dict[str, Any]] = {
    "recipes": {"output": True},
    "notes": {"output": True, "permalink": "/n/:name/"},
    "hidden": {"output": False},
    "books": {"output": True, "permalink": "pretty"},
}

#: site name -> _config.yml keys besides ``time`` and ``collections``
SITES: dict[str, dict[str, Any]] = {
    "date": {},
    "pretty": {"permalink": "pretty"},
    "ordinal": {"permalink": "ordinal"},
    "weekdate": {"permalink": "weekdate"},
    "none": {"permalink": "none"},
    "slash": {"permalink": "/blog/:year/:title/"},
    "ext": {"permalink": "/:categories/:title:output_ext"},
    "plain": {"permalink": "/:year/:title"},
    "postcoll": {
        "permalink": "pretty",
        "collections": {"posts": {"permalink": "/p/:slug:output_ext"}},
    },
}


class Case(NamedTuple):
    id: str
    site: str
    path: str
    front: dict[str, Any]
    url: str
    #: the file written under _site, or None when the collection has no output
    dest: str | None


def C(id: str, site: str, path: str, front: dict[str, Any] | None, url: str, dest: str | None) -> Case:
    return Case(id, site, path, front or {}, url, dest)


EVERY = ("/:collection/:year/:short_year/:month/:i_month/:short_month/:long_month/:day/:i_day/"
         ":y_day/:hour/:minute/:second/:week/:w_year/:w_day/:short_day/:long_day/:title/:slug/"
         ":name/:categories/:slugified_categories/:path:output_ext")

CASES: list[Case] = [
    # ----- posts in the default `date` style -----
    C("d_post", "date", "_posts/2020-01-02-hello-world.md", None,
      "/2020/01/02/hello-world.html", "2020/01/02/hello-world.html"),
    C("d_cats", "date", "_posts/2020-01-03-cats.md", {"categories": ["Foo", "Bar Baz"]},
      "/foo/bar%20baz/2020/01/03/cats.html", "foo/bar baz/2020/01/03/cats.html"),
    C("d_cat1", "date", "_posts/2020-01-04-one-cat.md", {"category": "Ünï Code"},
      "/%C3%BCn%C3%AF%20code/2020/01/04/one-cat.html", "ünï code/2020/01/04/one-cat.html"),
    C("d_catstr", "date", "_posts/2020-01-05-catstr.md", {"categories": "one Two"},
      "/one/two/2020/01/05/catstr.html", "one/two/2020/01/05/catstr.html"),
    C("d_dircat", "date", "blog/_posts/2020-03-04-in-dir.md", None,
      "/blog/2020/03/04/in-dir.html", "blog/2020/03/04/in-dir.html"),
    C("d_dircat2", "date", "blog/news/_posts/2020-03-05-deeper.md", {"categories": ["Extra"]},
      "/blog/news/extra/2020/03/05/deeper.html", "blog/news/extra/2020/03/05/deeper.html"),
    C("d_unicode", "date", "_posts/2020-01-06-Héllo Wörld!.md", None,
      "/2020/01/06/H%C3%A9llo-W%C3%B6rld!.html", "2020/01/06/Héllo-Wörld!.html"),
    C("d_punct", "date", "_posts/2020-01-07-what's up (v2)?.md", None,
      "/2020/01/07/what's-up-(v2).html", "2020/01/07/what's-up-(v2).html"),
    C("d_slug", "date", "_posts/2020-01-08-x.md", {"slug": "Custom Slug!"},
      "/2020/01/08/Custom-Slug!.html", "2020/01/08/Custom-Slug!.html"),
    C("d_title", "date", "_posts/2020-01-09-file-name.md", {"title": "A Different Title"},
      "/2020/01/09/file-name.html", "2020/01/09/file-name.html"),
    C("d_fmdate", "date", "_posts/2020-01-10-dated.md", {"date": "2021-05-06 07:08:09 +0000"},
      "/2021/05/06/dated.html", "2021/05/06/dated.html"),
    C("d_tz", "date", "_posts/2020-01-11-tz.md", {"date": "2021-05-06 01:00:00 +0200"},
      "/2021/05/05/tz.html", "2021/05/05/tz.html"),
    C("d_dots", "date", "_posts/2020-01-12-dotted.v2.md", None,
      "/2020/01/12/dotted.v2.html", "2020/01/12/dotted.v2.html"),
    C("d_trail", "date", "_posts/2020-01-13-trailing..md", None,
      "/2020/01/13/trailing.html", "2020/01/13/trailing.html"),
    C("d_html", "date", "_posts/2020-01-14-raw.html", None,
      "/2020/01/14/raw.html", "2020/01/14/raw.html"),
    C("d_mdown", "date", "_posts/2020-01-15-mark.markdown", None,
      "/2020/01/15/mark.html", "2020/01/15/mark.html"),
    C("d_short", "date", "_posts/2020-1-2-short.md", None,
      "/2020/01/02/short.html", "2020/01/02/short.html"),
    C("d_escape", "date", "_posts/2020-01-16-esc.md", {"categories": ["C#", "Q&A", "foo:bar", "100%"]},
      "/c%23/q&a/foo:bar/100%25/2020/01/16/esc.html", "c#/q&a/foo:bar/100%/2020/01/16/esc.html"),
    C("d_dupcat", "date", "_posts/2020-01-17-dup.md", {"categories": ["Foo", "foo", "FOO"]},
      "/foo/2020/01/17/dup.html", "foo/2020/01/17/dup.html"),
    C("d_numcat", "date", "_posts/2020-01-18-num.md", {"categories": [2020, 1.5]},
      "/2020/1.5/2020/01/18/num.html", "2020/1.5/2020/01/18/num.html"),
    C("d_scheme", "date", "_posts/2020-01-19-sch.md", {"categories": ["news:daily"]},
      "/news:daily/2020/01/19/sch.html", "news:daily/2020/01/19/sch.html"),
    C("d_question", "date", "_posts/2020-01-20-q.md", {"categories": ["why?", "a b"]},
      "/why?/a%20b/2020/01/20/q.html", "why?/a b/2020/01/20/q.html"),
    # ----- posts with their own permalink -----
    C("c_slash", "date", "_posts/2020-02-01-c1.md", {"permalink": "/:year/:month/:day/:title/"},
      "/2020/02/01/c1/", "2020/02/01/c1/index.html"),
    C("c_all", "date", "_posts/2021-01-03-every-thing.md",
      {"date": "2021-01-03 04:05:06 +0000", "categories": ["Big Cat", "small"], "permalink": EVERY},
      "/posts/2021/21/01/1/Jan/January/03/3/003/04/05/06/53/2020/7/Sun/Sunday/every-thing/"
      "every-thing/2021-01-03-every-thing/big%20cat/small/big-cat/small/2021-01-03-every-thing.html",
      "posts/2021/21/01/1/Jan/January/03/3/003/04/05/06/53/2020/7/Sun/Sunday/every-thing/"
      "every-thing/2021-01-03-every-thing/big cat/small/big-cat/small/2021-01-03-every-thing.html"),
    C("c_path", "date", "_posts/2020-02-02-c-path.md", {"permalink": "/:path/"},
      "/2020-02-02-c-path/", "2020-02-02-c-path/index.html"),
    C("c_underscore", "date", "_posts/2020-02-03-c-us.md", {"permalink": "/:month_:day/:title.html"},
      "/02_03/c-us.html", "02_03/c-us.html"),
    C("c_upper", "date", "_posts/2020-02-04-c-upper.md", {"permalink": "/:Title/:title"},
      "/:Title/c-upper", ":Title/c-upper.html"),
    C("c_json", "date", "_posts/2020-02-05-c-json.md", {"permalink": "/:title.json"},
      "/c-json.json", "c-json.json"),
    C("c_noext", "date", "_posts/2020-02-06-c-noext.md", {"permalink": "/posts/:title"},
      "/posts/c-noext", "posts/c-noext.html"),
    C("c_class", "date", "_posts/2020-02-07-c-class.md", {"permalink": "/:class/:title/"},
      "/c-class/", "c-class/index.html"),
    C("c_dots", "date", "_posts/2020-02-08-c-dots.md", {"permalink": "/a/../b/./:title/"},
      "/a/b/c-dots/", "a/b/c-dots/index.html"),
    C("c_cslug", "date", "_posts/2020-02-09-c-cslug.md", {"slug": "My Slug", "permalink": "/:title/:slug/"},
      "/My-Slug/my-slug/", "My-Slug/my-slug/index.html"),
    C("c_space", "date", "_posts/2020-02-10-c-space.md", {"permalink": "/my posts/:title/"},
      "/my posts/c-space/", "my posts/c-space/index.html"),
    C("c_pct", "date", "_posts/2020-02-11-c-pct.md", {"permalink": "/my%20stuff/:title/"},
      "/my%20stuff/c-pct/", "my stuff/c-pct/index.html"),
    C("c_nocat", "date", "_posts/2020-02-12-c-nocat.md", {"permalink": "/:categories/:title/"},
      "/c-nocat/", "c-nocat/index.html"),
    C("c_wyear", "date", "_posts/2024-12-30-c-wyear.md", {"permalink": "/:w_year/:week/:w_day/:year/:title/"},
      "/2025/01/1/2024/c-wyear/", "2025/01/1/2024/c-wyear/index.html"),
    C("c_leap", "date", "_posts/2020-02-29-leap.md", {"permalink": "/:year/:y_day/:i_month/:i_day/:title/"},
      "/2020/060/2/29/leap/", "2020/060/2/29/leap/index.html"),
    C("c_titleus", "date", "_posts/2020-02-13-c-titleus.md", {"permalink": "/:title_:year"},
      "/c-titleus_2020", "c-titleus_2020.html"),
    C("c_slugcat", "date", "_posts/2020-02-14-c-slugcat.md",
      {"categories": ["Hello World", "C++"], "permalink": "/:slugified_categories/:title/"},
      "/hello-world/c/c-slugcat/", "hello-world/c/c-slugcat/index.html"),
    C("c_catslash", "date", "_posts/2020-02-15-c-catslash.md",
      {"categories": ["a/b"], "permalink": "/:categories/:title/"},
      "/a/b/c-catslash/", "a/b/c-catslash/index.html"),
    C("c_time", "date", "_posts/2020-02-16-c-time.md",
      {"date": "2020-02-10 23:59:58 -0100", "permalink": "/:year/:month/:day/:hour/:minute/:second/:title/"},
      "/2020/02/11/00/59/58/c-time/", "2020/02/11/00/59/58/c-time/index.html"),
    C("c_xml", "date", "_posts/2020-02-17-c-xml.md", {"permalink": "/feeds/:title.xml"},
      "/feeds/c-xml.xml", "feeds/c-xml.xml"),
    C("c_slash_json", "date", "_posts/2020-02-18-c-sj.md", {"permalink": "/:title.json/"},
      "/c-sj.json/", "c-sj.json/index.html"),
    # ----- drafts (built with --drafts) -----
    C("dr_date", "date", "_drafts/a-draft.md", {"date": "2020-05-05"},
      "/2020/05/05/a-draft.html", "2020/05/05/a-draft.html"),
    C("dr_path", "date", "_drafts/b-draft.md", {"date": "2020-05-05", "permalink": "/drafts/:path/"},
      "/drafts/_drafts/b-draft/", "drafts/_drafts/b-draft/index.html"),
    C("dr_cat", "date", "_drafts/c-draft.md", {"categories": ["Draft Cat"], "permalink": "/:categories/:title/"},
      "/draft%20cat/c-draft/", "draft cat/c-draft/index.html"),
    C("dr_dir", "date", "sub/_drafts/d-draft.md", {"permalink": "/:categories/:title/"},
      "/sub/d-draft/", "sub/d-draft/index.html"),
    C("dr_named", "date", "_drafts/2020-06-07-dated-draft.md", None,
      "/2020/06/07/dated-draft.html", "2020/06/07/dated-draft.html"),
    # ----- pages -----
    C("g_index", "date", "index.md", None, "/", "index.html"),
    C("g_about", "date", "about.md", None, "/about.html", "about.html"),
    C("g_contact", "date", "contact.html", None, "/contact.html", "contact.html"),
    C("g_subindex", "date", "sub/index.html", None, "/sub/", "sub/index.html"),
    C("g_deep", "date", "sub/deep/page.md", None, "/sub/deep/page.html", "sub/deep/page.html"),
    C("g_xml", "date", "feed.xml", None, "/feed.xml", "feed.xml"),
    C("g_json", "date", "data.json", None, "/data.json", "data.json"),
    C("g_txt", "date", "robots.txt", None, "/robots.txt", "robots.txt"),
    C("g_perma", "date", "about-us.md", {"permalink": "/about-us/"}, "/about-us/", "about-us/index.html"),
    C("g_xmlperma", "date", "feed2.xml", {"permalink": "/feeds/main/"}, "/feeds/main/", "feeds/main/index.xml"),
    C("g_jsonperma", "date", "api.md", {"permalink": "/api.json"}, "/api.json", "api.json"),
    C("g_noext", "date", "noext.md", {"permalink": "/noext"}, "/noext", "noext.html"),
    C("g_xmlnoext", "date", "feed3.xml", {"permalink": "/feed3"}, "/feed3", "feed3.xml"),
    C("g_placeholders", "date", "sub/ph.md", {"permalink": "/x/:path/:basename:output_ext"},
      "/x/sub/ph.html", "x/sub/ph.html"),
    C("g_basename", "date", "bn.md", {"permalink": "/:basename/"}, "/bn/", "bn/index.html"),
    C("g_literal", "date", "lit.md", {"permalink": "/:title/lit/"}, "/:title/lit/", ":title/lit/index.html"),
    C("g_space", "date", "my page.md", None, "/my%20page.html", "my page.html"),
    C("g_unicode", "date", "héllo.md", None, "/h%C3%A9llo.html", "héllo.html"),
    C("g_subspace", "date", "sub dir/x.md", None, "/sub%20dir/x.html", "sub dir/x.html"),
    C("g_version", "date", "v1.0.md", None, "/v1.0.html", "v1.0.html"),
    C("g_trail", "date", "trailing..md", None, "/trailing.html", "trailing.html"),
    C("g_htm", "date", "old.htm", None, "/old.htm", "old.htm"),
    C("g_xhtml", "date", "page.xhtml", None, "/page.xhtml", "page.xhtml"),
    C("g_htmperma", "date", "y.md", {"permalink": "/y.htm"}, "/y.htm", "y.htm"),
    C("g_dotdot", "date", "dd.md", {"permalink": "/a..b/"}, "/a/b/", "a/b/index.html"),
    C("g_dotslash", "date", "ds.md", {"permalink": "/c./d/"}, "/cd/", "cd/index.html"),
    C("g_pctperma", "date", "pe.md", {"permalink": "/about-%C3%A9/"}, "/about-%C3%A9/", "about-é/index.html"),
    C("g_xmlindex", "date", "sub/index.xml", None, "/sub/index.xml", "sub/index.xml"),
    C("g_mdown", "date", "notes.markdown", None, "/notes.html", "notes.html"),
    C("g_hash", "date", "c#.md", None, "/c%23.html", "c#.html"),
    C("g_question", "date", "what?.md", None, "/what?.html", "what?.html"),
    C("g_colon", "date", "a:b.md", None, "/a:b.html", "a:b.html"),
    C("g_subperma", "date", "sub/rel.md", {"permalink": "rel/"}, "/rel/", "rel/index.html"),
    # ----- collection documents -----
    C("r_plain", "date", "_recipes/cake.md", None, "/recipes/cake.html", "recipes/cake.html"),
    C("r_sub", "date", "_recipes/sweet/pie.md", None, "/recipes/sweet/pie.html", "recipes/sweet/pie.html"),
    C("r_json", "date", "_recipes/data.json", None, "/recipes/data.json", "recipes/data.json"),
    C("r_dated", "date", "_recipes/2020-01-02-dated.md", None,
      "/recipes/2020-01-02-dated.html", "recipes/2020-01-02-dated.html"),
    C("r_perma", "date", "_recipes/2020-01-03-soup.md", {"permalink": "/r/:title/:year/"},
      "/r/soup/2020/", "r/soup/2020/index.html"),
    C("r_nodate", "date", "_recipes/bread.md", {"permalink": "/r/:name/:year/:month/"},
      "/r/bread/2024/01/", "r/bread/2024/01/index.html"),
    C("r_html", "date", "_recipes/page.html", None, "/recipes/page.html", "recipes/page.html"),
    C("r_space", "date", "_recipes/Big Pie.md", None, "/recipes/Big%20Pie.html", "recipes/Big Pie.html"),
    C("r_slug", "date", "_recipes/s.md", {"slug": "Nice One", "permalink": "/:collection/:slug/"},
      "/recipes/nice-one/", "recipes/nice-one/index.html"),
    C("r_cat", "date", "_recipes/catdoc.md", {"categories": ["X Y"], "permalink": "/:categories/:name/"},
      "/x%20y/catdoc/", "x y/catdoc/index.html"),
    C("r_dotted", "date", "_recipes/v2.0.md", None, "/recipes/v2.0.html", "recipes/v2.0.html"),
    C("r_xml", "date", "_recipes/list.xml", None, "/recipes/list.xml", "recipes/list.xml"),
    C("n_plain", "date", "_notes/2020-01-02-Some Note.md", None,
      "/n/2020-01-02-some-note/", "n/2020-01-02-some-note/index.html"),
    C("n_override", "date", "_notes/over.md", {"permalink": "/over/"}, "/over/", "over/index.html"),
    C("n_json", "date", "_notes/nj.json", None, "/n/nj/", "n/nj/index.html"),
    C("h_doc", "date", "_hidden/secret.md", None, "/hidden/secret.html", None),
    C("h_perma", "date", "_hidden/other.md", {"permalink": "/h/:title/"}, "/h/other/", None),
    C("b_doc", "date", "_books/novel.md", None, "/pretty", "pretty.html"),
    # ----- each style -----
    C("p_post", "pretty", "_posts/2020-01-02-x.md", {"categories": ["A"]}, "/a/2020/01/02/x/", "a/2020/01/02/x/index.html"),
    C("p_about", "pretty", "about.md", None, "/about/", "about/index.html"),
    C("p_contact", "pretty", "contact.html", None, "/contact/", "contact/index.html"),
    C("p_feed", "pretty", "feed.xml", None, "/feed.xml", "feed.xml"),
    C("p_index", "pretty", "index.html", None, "/", "index.html"),
    C("p_sub", "pretty", "sub/index.md", None, "/sub/", "sub/index.html"),
    C("p_htm", "pretty", "old.htm", None, "/old/", "old/index.htm"),
    C("p_recipe", "pretty", "_recipes/cake.md", None, "/recipes/cake/", "recipes/cake/index.html"),
    C("p_rjson", "pretty", "_recipes/data.json", None, "/recipes/data/", "recipes/data/index.html"),
    C("p_permaext", "pretty", "x.md", {"permalink": "/x.html"}, "/x.html", "x.html"),
    C("o_post", "ordinal", "_posts/2020-02-03-x.md", {"categories": ["A"]}, "/a/2020/034/x.html", "a/2020/034/x.html"),
    C("o_about", "ordinal", "about.md", None, "/about.html", "about.html"),
    C("o_recipe", "ordinal", "_recipes/cake.md", None, "/recipes/cake.html", "recipes/cake.html"),
    C("o_style", "ordinal", "_posts/2020-02-04-y.md", {"permalink": "pretty"}, "/pretty", "pretty.html"),
    C("w_post", "weekdate", "_posts/2020-01-02-x.md", {"categories": ["A"]}, "/a/2020/W01/Thu/x.html", "a/2020/W01/Thu/x.html"),
    C("w_about", "weekdate", "about.md", None, "/about", "about.html"),
    C("w_index", "weekdate", "sub/index.md", None, "/sub/", "sub/index.html"),
    C("w_recipe", "weekdate", "_recipes/cake.md", None, "/recipes/cake", "recipes/cake.html"),
    C("w_empty", "weekdate", "_posts/2020-01-03-e.md", {"permalink": ""}, "/", "index.html"),
    C("x_post", "none", "_posts/2020-01-02-x.md", {"categories": ["A"]}, "/a/x.html", "a/x.html"),
    C("x_about", "none", "about.md", None, "/about.html", "about.html"),
    C("x_recipe", "none", "_recipes/cake.md", None, "/recipes/cake.html", "recipes/cake.html"),
    C("s_post", "slash", "_posts/2020-01-02-x.md", {"categories": ["A"]}, "/blog/2020/x/", "blog/2020/x/index.html"),
    C("s_about", "slash", "about.md", None, "/about/", "about/index.html"),
    C("s_recipe", "slash", "_recipes/cake.md", None, "/recipes/cake/", "recipes/cake/index.html"),
    C("s_feed", "slash", "feed.xml", None, "/feed.xml", "feed.xml"),
    C("e_post", "ext", "_posts/2020-01-02-x.md", {"categories": ["A"]}, "/a/x.html", "a/x.html"),
    C("e_about", "ext", "about.md", None, "/about.html", "about.html"),
    C("e_recipe", "ext", "_recipes/cake.md", None, "/recipes/cake.html", "recipes/cake.html"),
    C("l_post", "plain", "_posts/2020-01-02-x.md", {"categories": ["A"]}, "/2020/x", "2020/x.html"),
    C("l_about", "plain", "about.md", None, "/about", "about.html"),
    C("l_recipe", "plain", "_recipes/cake.md", None, "/recipes/cake", "recipes/cake.html"),
    C("pc_post", "postcoll", "_posts/2020-01-02-Some Post.md", None, "/p/some-post.html", "p/some-post.html"),
    C("pc_about", "postcoll", "about.md", None, "/about/", "about/index.html"),
]

# ----- what the model layer derives from a file, as Jekyll does -------------------------------

_MARKDOWN = (".md", ".markdown")


def _site_config(site: str) -> dict[str, Any]:
    extra = dict(SITES[site])
    collections = {**COLLECTIONS, **extra.pop("collections", {})}
    return {"time": "2024-01-01 00:00:00 +0000", "collections": collections, **extra}


def _parse_date(text: str) -> dt.datetime:
    """Front matter dates of this table, converted to the site's zone (UTC) as Jekyll does."""
    for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d"):
        try:
            value = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    raise ValueError(text)


def _kind_and_label(path: str, config: dict[str, Any]) -> tuple[str, str | None]:
    parts = path.split("/")
    if "_drafts" in parts[:-1]:
        return "draft", "posts"
    if "_posts" in parts[:-1]:
        return "post", "posts"
    if parts[0].startswith("_") and parts[0][1:] in config["collections"]:
        return "document", parts[0][1:]
    return "page", None


def _categories(path: str, special: str, front: dict[str, Any]) -> list[str]:
    """``categories_from_path``, the front matter's ``categories``, then ``category``."""
    if path.startswith(special):
        cats: list[Any] = []
    else:
        rest = re.sub(re.escape(special) + ".*", "", path, count=1)
        cats = [c for c in rest.split("/") if c and c != special and c != path.rsplit("/", 1)[-1]]
    plural = front.get("categories")
    if isinstance(plural, str):
        plural = plural.split()
    if plural is not None:
        cats = list(dict.fromkeys([*cats, *plural]))
    if "category" in front:
        cats.append(front["category"])
    elif plural is not None:
        cats.extend(plural)
    return list(dict.fromkeys(str(c) for c in cats))


def _derive(case: Case) -> tuple[str, str | None]:
    """(url, written path) of a case, from the pure functions."""
    config = _site_config(case.site)
    style = config.get("permalink", "date")
    kind, label = _kind_and_label(case.path, config)
    front = case.front
    ext = ruby_extname(case.path)
    converter_ext = ".html" if ext in _MARKDOWN else ext
    output_ext = permalink_output_ext(front.get("permalink")) or converter_ext
    if kind == "page":
        folder, _, name = case.path.rpartition("/")
        holders = page_placeholders(dir="/" + folder if folder else "", name=name, output_ext=output_ext)
        url = url_for(style, holders, "page", permalink=front.get("permalink"))
        return url, destination_path(url, output_ext, "page")
    assert label is not None
    file_date, file_slug, _ = split_document_filename(case.path)
    if "date" in front:
        date = _parse_date(front["date"])
    elif file_date is not None:
        year, month, day = (int(part) for part in file_date.split("-"))
        date = dt.datetime(year, month, day, tzinfo=UTC)
    else:
        date = SITE_TIME
    special = "_drafts" if kind == "draft" else f"_{label}"
    holders = document_placeholders(
        relative_path=case.path,
        collection=label,
        date=date,
        output_ext=output_ext,
        slug=front.get("slug", file_slug),
        categories=_categories(case.path, special, front),
    )
    collection = config["collections"].get(label, {})
    url = url_for(style, holders, kind, permalink=front.get("permalink"),
                  collection_permalink=collection.get("permalink"))
    written = label == "posts" or collection.get("output", False)
    return url, destination_path(url, output_ext, kind) if written else None


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_url_and_destination(case: Case) -> None:
    assert _derive(case) == (case.url, case.dest)


def test_case_ids_are_unique() -> None:
    assert len({case.id for case in CASES}) == len(CASES)


# ----- the pieces --------------------------------------------------------------------------------

#: value -> Jekyll::URL.escape_path(value) (None: Addressable raises InvalidURIError)
ESCAPES: dict[str, str | None] = {
    "": "",
    "plain/path-1.0": "plain/path-1.0",
    "a b": "a%20b",
    "a:b": "a:b",
    "a?b": "a?b",
    "a#b#c": "a%23b%23c",
    "é": "%C3%A9",
    "/x y/": "/x%20y/",
    "a[b]": "a%5Bb%5D",
    "c++": "c++",
    "100%": "100%25",
    "%41": "%2541",
    "a//b": "a//b",
    "//x": "//x",
    "x:/y": "x:/y",
    "1:2": None,
    "a:b:c": "a:b:c",
    "a b:c": None,
    "http://x y": None,
    "~x": "~x",
    "a\\b": "a%5Cb",
    "<>\"{}|^`": "%3C%3E%22%7B%7D%7C%5E%60",
    "!$&'()*+,;=": "!$&'()*+,;=",
    "@:": None,
    "foo?bar#baz?q": "foo?bar%23baz?q",
    "::": None,
    ":x": None,
    "a:": "a:",
    "-:a": None,
    "_drafts/b": "_drafts/b",
    "tab\there": "tab%09here",
    "日本": "%E6%97%A5%E6%9C%AC",
}


@pytest.mark.parametrize("value", list(ESCAPES), ids=[repr(v) for v in ESCAPES])
def test_escape_path(value: str) -> None:
    expected = ESCAPES[value]
    if expected is None:
        with pytest.raises(PostforgeError):
            escape_path(value)
    else:
        assert escape_path(value) == expected


#: URL -> Jekyll::URL.unescape_path(URL)
UNESCAPES: dict[str, str] = {
    "/a%20b/": "/a b/", "/h%C3%A9llo.html": "/héllo.html", "/100%": "/100%", "/%zz%41": "/%zzA",
    "/plain": "/plain",
}

#: URL -> Jekyll::URL#sanitize_url(URL)
SANITIZED: dict[str, str] = {
    "a/b": "/a/b", "//a///b//": "/a/b/", "/a/../b": "/a/b", "/a/./b": "/a/b", "/a./b": "/ab",
    "/.well-known/x": "/.well-known/x", "": "/", "/...": "/.",
}

#: file name -> [File.extname, the basename Page#process keeps]
PAGE_NAMES: dict[str, list[str]] = {
    "a.": [".", "a"], "foo..": [".", "foo"], ".": ["", ""], "..": ["", ""], "..foo": ["", "..foo"],
    "a..b": [".b", "a"], ".a.b": [".b", ".a"], "x.tar.gz": [".gz", "x.tar"], "a b.md": [".md", "a b"],
    ".md": ["", ".md"], "README": ["", "README"],
}

#: relative path -> [date, slug, ext] as Document#populate_title finds them
FILENAMES: dict[str, list[str | None]] = {
    "_posts/2020-01-02-hi.md": ["2020-01-02", "hi", ".md"],
    "_posts/2020-1-2-hi.there.md": ["2020-1-2", "hi.there", ".md"],
    "_posts/sub/2020-01-02-deep.md": ["2020-01-02", "deep", ".md"],
    "2020-01-02-top.md": ["2020-01-02", "top", ".md"],
    "_posts/2020-01-02-dots...md": ["2020-01-02", "dots", ".md"],
    "_recipes/cake.md": [None, "cake", ".md"],
    "_recipes/README": [None, "README", None],
    "_posts/2020-01-02-a.b/c.d": [None, "c", ".d"],
}


@pytest.mark.parametrize("url", list(UNESCAPES))
def test_unescape_path(url: str) -> None:
    assert unescape_path(url) == UNESCAPES[url]


@pytest.mark.parametrize("url", list(SANITIZED))
def test_sanitize_url(url: str) -> None:
    assert sanitize_url(url) == SANITIZED[url]


@pytest.mark.parametrize("name", list(PAGE_NAMES))
def test_extname_and_page_name(name: str) -> None:
    ext, basename = PAGE_NAMES[name]
    assert ruby_extname(name) == ext
    assert split_page_name(name) == (basename, ext)


@pytest.mark.parametrize("path", list(FILENAMES))
def test_split_document_filename(path: str) -> None:
    assert list(split_document_filename(path)) == FILENAMES[path]


@pytest.mark.parametrize(("permalink", "ext"), [
    ("/feed.json", ".json"), ("/feed/", None), ("/:title:output_ext", None), ("/a.b/c", None),
    ("/x.", "."), (None, None), (False, None), ("", None), ("/2020/:title.html", ".html"),
])
def test_permalink_output_ext(permalink: Any, ext: str | None) -> None:
    assert permalink_output_ext(permalink) == ext


@pytest.mark.parametrize(("style", "post", "collection", "page"), [
    ("date", STYLES["date"], "/:collection/:path:output_ext", "/:path/:basename:output_ext"),
    ("pretty", STYLES["pretty"], "/:collection/:path/", "/:path/:basename/"),
    ("ordinal", STYLES["ordinal"], "/:collection/:path:output_ext", "/:path/:basename:output_ext"),
    ("none", STYLES["none"], "/:collection/:path:output_ext", "/:path/:basename:output_ext"),
    ("weekdate", STYLES["weekdate"], "/:collection/:path", "/:path/:basename"),
    ("/:year/:title/", "/:year/:title/", "/:collection/:path/", "/:path/:basename/"),
    ("/:title:output_ext", "/:title:output_ext", "/:collection/:path:output_ext", "/:path/:basename:output_ext"),
    ("/:year/:title", "/:year/:title", "/:collection/:path", "/:path/:basename"),
])
def test_style_template(style: str, post: str, collection: str, page: str) -> None:
    assert (style_template(style, "post"), style_template(style, "document"),
            style_template(style, "page")) == (post, collection, page)


@pytest.mark.parametrize(("style", "output_ext", "basename", "template"), [
    ("pretty", ".html", "about", "/:path/:basename/"),
    ("pretty", ".html", "index", "/:path/"),
    ("pretty", ".xml", "index", "/:path/:basename:output_ext"),
    ("date", ".htm", "old", "/:path/:basename:output_ext"),
    ("weekdate", ".xhtml", "x", "/:path/:basename"),
])
def test_page_template(style: str, output_ext: str, basename: str, template: str) -> None:
    assert page_template(style, output_ext, basename) == template


def _post(**front: Any) -> DocumentPlaceholders:
    return document_placeholders(relative_path="_posts/2020-01-02-x.md", collection="posts",
                                 date=dt.datetime(2020, 1, 2, tzinfo=UTC), output_ext=".html", **front)


def test_document_placeholders_are_the_url_drops() -> None:
    holders = _post(slug="Hi There", categories=["B b", "a"])
    assert set(holders) == {
        "collection", "path", "name", "title", "slug", "categories", "slugified_categories",
        "output_ext", "year", "month", "day", "hour", "minute", "second", "i_day", "i_month",
        "short_month", "long_month", "short_year", "w_year", "week", "w_day", "short_day",
        "long_day", "y_day",
    }
    assert (holders["title"], holders["slug"], holders["name"], holders["path"]) == (
        "Hi-There", "hi-there", "2020-01-02-x", "/2020-01-02-x")
    assert (holders["categories"], holders["slugified_categories"]) == ("b b/a", "b-b/a")


@pytest.mark.parametrize("template", ["/:foo/", "/:title__x/", "/:count/"])
def test_unknown_document_placeholder_fails(template: str) -> None:
    with pytest.raises(PostforgeError, match="doesn't have"):
        render_url(template, _post())


def test_unknown_page_placeholder_is_kept() -> None:
    holders = page_placeholders(dir="", name="a.md", output_ext=".html")
    assert render_url("/:foo/:basename", holders) == "/:foo/a"


def test_invalid_category_fails_as_addressable_does() -> None:
    with pytest.raises(PostforgeError, match="Invalid scheme format: '1'"):
        render_url("/:categories/", _post(categories=["1:2"]))


@pytest.mark.parametrize("permalink", [12, ["a"]])
def test_permalink_must_be_text(permalink: Any) -> None:
    with pytest.raises(PostforgeError):
        url_for("date", _post(), "post", permalink=permalink)


def test_written_paths_are_real_files(tmp_path: Path) -> None:
    """The destinations of a site's rows can all be created, none inside another."""
    rows = [case for case in CASES if case.site == "date" and case.dest is not None]
    for case in rows:
        target = tmp_path / _derive(case)[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(case.id, encoding="utf-8")
    assert (tmp_path / "ünï code/2020/01/04/one-cat.html").read_text(encoding="utf-8") == "d_cat1"
    assert sum(1 for p in tmp_path.rglob("*") if p.is_file()) == len(rows)


# ----- asking Jekyll ---------------------------------------------------------------------------

_MARKER = re.compile(r"CASE:(\w+):")
_LISTING = ("{% for d in site.documents %}{{ d.case }}|{{ d.url }}\n{% endfor %}"
            "{% for p in site.pages %}{{ p.case }}|{{ p.url }}\n{% endfor %}")


def _jekyll_answers(root: Path) -> dict[str, tuple[str, str | None]]:
    """Build every site of the table with Jekyll: case id -> (page.url, written file)."""
    answers: dict[str, tuple[str, str | None]] = {}
    for site in SITES:
        src = root / site / "src"
        dest = root / site / "_site"
        for case in CASES:
            if case.site != site:
                continue
            front = {"case": case.id, "layout": None, **case.front}
            target = src / case.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\nCASE:{case.id}:\n",
                              encoding="utf-8")
        (src / "zz-urls.txt").write_text("---\n---\n" + _LISTING, encoding="utf-8")
        (src / "_config.yml").write_text(yaml.safe_dump(_site_config(site), allow_unicode=True),
                                         encoding="utf-8")
        subprocess.run([str(ORACLE / "site.sh"), str(src), str(dest), "--drafts", "--future"],
                       check=True, capture_output=True, text=True)
        urls = dict(line.split("|", 1) for line in
                    (dest / "zz-urls.txt").read_text(encoding="utf-8").splitlines() if line)
        written: dict[str, str] = {}
        for file in dest.rglob("*"):
            if file.is_file():
                found = _MARKER.search(file.read_text(encoding="utf-8", errors="replace"))
                if found:
                    written[found.group(1)] = file.relative_to(dest).as_posix()
        for case in CASES:
            if case.site == site:
                answers[case.id] = (urls.get(case.id, "<missing>"), written.get(case.id))
    return answers


_PIECES_RB = r"""
require "jekyll"
require "json"
tables = JSON.parse(STDIN.read)
url = Jekyll::URL.new(:permalink => "/", :placeholders => {})
doc = Jekyll::Document
out = {}
out["escapes"] = tables["escapes"].to_h do |v|
  [v, begin; Jekyll::URL.escape_path(v); rescue Addressable::URI::InvalidURIError; nil; end]
end
out["unescapes"] = tables["unescapes"].to_h { |v| [v, Jekyll::URL.unescape_path(v)] }
out["sanitized"] = tables["sanitized"].to_h { |v| [v, url.sanitize_url(v)] }
out["page_names"] = tables["page_names"].to_h do |n|
  ext = File.extname(n)
  [n, [ext, n[0..-ext.length - 1].gsub(%r!\.*\z!, "")]]
end
out["filenames"] = tables["filenames"].to_h do |rp|
  date = nil
  if rp =~ doc::DATE_FILENAME_MATCHER
    date, slug, ext = Regexp.last_match.captures
  elsif rp =~ doc::DATELESS_FILENAME_MATCHER
    slug, ext = Regexp.last_match.captures
  end
  slug ||= File.basename(rp, ".*")
  [rp, [date, slug.gsub(%r!\.*\z!, ""), ext]]
end
puts JSON.generate(out)
"""

#: the tables of pieces, by the key the Ruby script answers under
PIECES: dict[str, dict[str, Any]] = {
    "escapes": ESCAPES, "unescapes": UNESCAPES, "sanitized": SANITIZED, "page_names": PAGE_NAMES,
    "filenames": FILENAMES,
}


def _ruby_pieces() -> dict[str, dict[str, Any]]:
    """Each table of pieces as Jekyll's own functions answer it."""
    tables = {name: list(table) for name, table in PIECES.items()}
    result = subprocess.run(["ruby", "-e", _PIECES_RB], input=json.dumps(tables),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


_ORACLE_ON = os.environ.get("POSTFORGE_ORACLE") == "1" and shutil.which("jekyll") is not None


@pytest.mark.skipif(not _ORACLE_ON, reason="set POSTFORGE_ORACLE=1 (and install jekyll) to ask Jekyll")
def test_table_matches_jekyll(tmp_path: Path) -> None:
    answers = _jekyll_answers(tmp_path)
    wrong = {case.id: answers[case.id] for case in CASES if answers[case.id] != (case.url, case.dest)}
    assert wrong == {}
    assert _ruby_pieces() == PIECES


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        got = _jekyll_answers(Path(scratch))
    for row in CASES:
        mark = "  " if got[row.id] == (row.url, row.dest) else "!!"
        print(mark, row.id, json.dumps(got[row.id], ensure_ascii=False))
    for name, answer in _ruby_pieces().items():
        mark = "  " if answer == PIECES[name] else "!!"
        print(mark, name, json.dumps(answer, ensure_ascii=False), file=sys.stderr)
