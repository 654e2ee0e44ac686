"""The recording drops' quick answers (a post's url, title and date; ``site.<config key>``) give
the values and note the reads the general path does, key by key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from postforge.config import load_config
from postforge.model.drops import DocumentDrop
from postforge.model.drops import SiteDrop
from postforge.render.tracking import EXTRA
from postforge.render.tracking import SITE
from postforge.render.tracking import Recorder
from postforge.render.tracking import TDocumentDrop
from postforge.render.tracking import item_id
from postforge.site import Site
from postforge.site import all_documents

from site_files import write_site

FILES = {
    "_config.yml": "title: T\nbaseurl: /b\ncollections:\n  recipes:\n    output: true\n",
    "_posts/2024-01-02-one.md": "---\ntitle: One\ntags: [a, b]\n---\nBody one\n",
    "_posts/2024-01-03-two.md": "---\ntitle: Two\ndate: 2024-01-03 10:00:00 +0100\nurl_note: x\n---\nBody two\n",
    "_posts/2024-01-04-three.md": "---\n---\nNo title\n",
    "_recipes/soup.md": "---\ntitle: Soup\n---\nHot\n",
}

DOC_KEYS = ["url", "title", "date", "content", "output", "excerpt", "name", "id", "path", "relative_path",
            "collection", "categories", "tags", "next", "previous", "url_note", "missing", 3, None]
SITE_KEYS = ["baseurl", "title", "posts", "pages", "tags", "categories", "data", "time", "documents",
             "collections", "related_posts", "static_files", "html_pages", "recipes", "nothing", "plugin_key", 5]


def _session(root: Path) -> Any:
    site = Site(load_config(root, None, {"source": str(root)}))
    st = site.site_time()
    content = site.read(st)
    recorder = Recorder()
    session = site.render_session(content, st, recorder=recorder, jobs=1, fingerprints=False)
    session.render_documents(all_documents(content))
    return session.renderer.site, recorder, content


def _reads(recorder: Recorder, read: Any) -> tuple[set[Any], Any]:
    with recorder.unit() as reads:
        value = read()
    return reads, value


def test_document_keys_as_general_path(tmp_path: Path) -> None:
    site_drop, recorder, content = _session(write_site(tmp_path, FILES))
    for doc in all_documents(content):
        drop = site_drop.drop(doc)
        assert isinstance(drop, TDocumentDrop)
        for key in DOC_KEYS:
            reads, value = _reads(recorder, lambda: drop.liquid_get(key))
            assert value == DocumentDrop.liquid_get(drop, key), key
            assert reads == {(item_id(doc), key)}, key


def test_site_keys_as_general_path(tmp_path: Path) -> None:
    site_drop, recorder, _content = _session(write_site(tmp_path, FILES))
    site_drop.extra["plugin_key"] = "p"
    for key in SITE_KEYS:
        reads, value = _reads(recorder, lambda: site_drop.liquid_get(key))
        assert value == SiteDrop.liquid_get(site_drop, key), key
        expected: set[Any] = set()
        if key == "plugin_key":
            expected = {(EXTRA, key)}
        elif key in ("posts", "pages", "html_pages", "static_files", "tags", "categories", "data", "time",
                     "documents", "collections", "related_posts"):
            expected = {(SITE, key)}
        elif key == "recipes":
            expected = {(SITE, "collection:recipes")}
        assert reads == expected, key
    # a plugin key that shadows a configuration key is read from ``extra``, and noted
    site_drop.extra["baseurl"] = "/x"
    reads, value = _reads(recorder, lambda: site_drop.liquid_get("baseurl"))
    assert value == "/x" and reads == {(EXTRA, "baseurl")}
