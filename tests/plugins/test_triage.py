"""Triage Q&A anchors: the pure core by tables (ids, where a question ends, which elements are
notes), then whole builds: the example site's eleven questions, JSON-LD, /triage/, /triage.json,
and the switches.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from postforge.htmltree import parse
from postforge.htmltree import serialize
from postforge.markdown import markdownify
from postforge.plugins.triage import anchor_id
from postforge.plugins.triage import annotate
from postforge.plugins.triage import faq_jsonld
from postforge.plugins.triage import find_questions
from postforge.plugins.triage import insert_jsonld
from postforge.plugins.triage import resolve_settings
from postforge.plugins.triage import sheet_json
from postforge.plugins.triage import split_question
from postforge.site import build

ROOT = Path(__file__).resolve().parents[2]
GFM = {"kramdown": {"input": "GFM"}}

SEED_IDS = [
    "triage-function-termination",
    "triage-synchronously-call",
    "triage-asynchronously-call",
    "triage-process-failed-async-innvocations",
    "triage-configure-number-of-retries",
    "triage-the-old-version-of-the-function-is-served",
    "triage-lambda-to-poll-queue",
    "triage-promote-new-version-to-latest",
    "triage-memory-timeout-ranges",
    "triage-change-permissions-of-lambda",
    "triage-integration-sources",
]


# -- anchor_id -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, expect",
    [
        ("function termination?", "triage-function-termination"),
        ("Promote new version to LATEST?", "triage-promote-new-version-to-latest"),
        ("Memory, timeout ranges?", "triage-memory-timeout-ranges"),
        ("Lambda@Edge: when?", "triage-lambda-edge-when"),
        ("  spaced \n  out  ?", "triage-spaced-out"),
        ("can’t use console?", "triage-can-t-use-console"),
        ("Größe der Funktion?", "triage-größe-der-funktion"),
        ("snake_case name?", "triage-snake-case-name"),
        ("S3 → SQS?", "triage-s3-sqs"),
        ("???", "triage-question"),
        ("", "triage-question"),
    ],
)
def test_anchor_id(question: str, expect: str) -> None:
    assert anchor_id(question) == expect


# -- split_question ------------------------------------------------------------------------------

MASK = "\ufffc"


@pytest.mark.parametrize(
    "text, question",
    [
        ("function termination? out of memory", "function termination?"),
        ("Memory, timeout ranges? 128-10,240 MB, 900 seconds", "Memory, timeout ranges?"),
        ("Synchronously call? (anything that requires a response)", "Synchronously call?"),
        ("Nested only?", "Nested only?"),  # the end counts: the answer may be a nested list
        ("Really?? yes", "Really??"),  # a run of question marks ends together
        ("why?\nbecause", "why?"),
        ("why?\u00a0because", "why?"),
        ("a?b c? d", "a?b c?"),  # a ? inside a word is not the end
        ("What?! no", None),  # followed by !, and no other
        ("(why?) because", None),
        ("no question here", None),
        ("", None),
        ("? answer", None),  # no question before the mark
        ("  ?? answer", None),
        ("see https://x.com/a? b", None),  # a bare URL keeps its ?
        ("see https://x.com/?q=1 then? yes", "see https://x.com/?q=1 then?"),
        ("www.example.com/faq? hm", None),
        (f"Promote to {MASK * 6}? alias", f"Promote to {MASK * 6}?"),  # masked code is just text
        (f"{MASK * 5} really? yes", f"{MASK * 5} really?"),
        ("Lambda is great. Why? Because.", None),  # prose: a sentence ends before the question
        ("It works! Does it? yes", None),
        ("e.g. this works? yes", "e.g. this works?"),  # not a sentence end: lower case follows
        ("v1.2 or v2? v2", "v1.2 or v2?"),
        ("x" * 199 + "? y", "x" * 199 + "?"),
        ("x" * 200 + "? y", None),  # too long to be a question
        ("The first? second? third", "The first?"),
    ],
)
def test_split_question(text: str, question: str | None) -> None:
    end = split_question(text)
    assert (None if end is None else text[:end].strip()) == question


# -- find_questions ------------------------------------------------------------------------------


def _found(source: str, markdown: bool = True) -> list[tuple[str, str, str]]:
    html = markdownify(source, GFM) if markdown else source
    return [(n.form, n.question, n.answer) for n in find_questions(parse(html))]


@pytest.mark.parametrize(
    "source, expect",
    [
        ("- q? a\n- r? b\n", [("tight", "q?", "a"), ("tight", "r?", "b")]),
        ("- q? a\n\n- r? b\n", [("loose", "q?", "a"), ("loose", "r?", "b")]),
        ("- q? (note)\n  - x\n  - y\n", [("nested", "q?", "(note) x; y")]),
        ("- q?\n  - x\n  - y\n", [("nested", "q?", "x; y")]),
        ("- q?\n\n  - x\n  - y\n", [("nested", "q?", "x; y")]),  # loose item, list after its paragraph
        ("1. q? a\n2. not a note\n", [("tight", "q?", "a")]),
        ("q? a, b (c), d\n", [("paragraph", "q?", "a, b (c), d")]),
        ("Memory, timeout ranges? 128-10,240 MB\n", [("paragraph", "Memory, timeout ranges?", "128-10,240 MB")]),
        ("Promote to `LATEST`? alias\n", [("paragraph", "Promote to LATEST?", "alias")]),
        ("Is `a?b` or `c? d` set? yes\n", [("paragraph", "Is a?b or c? d set?", "yes")]),
        ("**Bold?** after\n", [("paragraph", "Bold?", "after")]),
        ("*em? inside* outside\n", [("paragraph", "em?", "inside outside")]),
        ("> quoted? yes\n", [("paragraph", "quoted?", "yes")]),
        ("What is the [limit](https://aws.amazon.com/?x=1)? 15 min\n", [("paragraph", "What is the limit?", "15 min")]),
        ("Fish & chips? yes\n", [("paragraph", "Fish & chips?", "yes")]),
        ("- outer topic\n  - inner? answer\n", [("tight", "inner?", "answer")]),
        ("- q? a\n  - sub? not separate\n", [("nested", "q?", "a sub? not separate")]),
        # false positives
        ("# Heading? no\n\n## Why? because\n", []),
        ("```\ncode? block\n```\n", []),
        ("    indented? code\n", []),
        ("`inline? code` only\n", []),
        ("[a link? text](http://x.com) here\n", []),
        ("<https://example.com/search?q=1> result\n", []),
        ("see https://example.com/?q=1 here\n", []),
        ("| a? b |\n|---|\n| c? d |\n", []),
        ("Only a question?\n", []),  # no answer
        ("- Just asking?\n", []),
        ("Lambda is great. Why? Because.\n", []),
        ("Rhetorical (really?) yes\n", []),
        ("Text.[^1]\n\n[^1]: Footnote? not a note.\n", []),
        ("* TOC\n{:toc}\n\n## Why?\n\ntext\n", []),
    ],
)
def test_find_questions(source: str, expect: list[tuple[str, str, str]]) -> None:
    assert _found(source) == expect


@pytest.mark.parametrize(
    "html, expect",
    [
        ("<p>q?<br>answer</p>", [("paragraph", "q?", "answer")]),
        ("<p>q? <!-- note --> a</p>", [("paragraph", "q?", "a")]),
        ("<p>Fish &amp; chips&#63;? a &lt;b&gt;</p>", [("paragraph", "Fish & chips??", "a <b>")]),
        ("<li>q? a</li>", [("tight", "q?", "a")]),
        ("<li><p>q? a</p><p>more</p></li>", [("nested", "q?", "a more")]),
        ("<li><ul><li>q? a</li></ul></li>", [("tight", "q?", "a")]),
        ("<div class=\"highlight\"><pre><code>q? a</code></pre></div>", []),
        ("<nav><p>q? a</p></nav>", []),
        ('<div class="footnotes" role="doc-endnotes"><ol><li id="fn:1"><p>q? a</p></li></ol></div>', []),
        ("<dl><dt>Term? x</dt><dd>def? yes</dd><dd><p>def? yes</p></dd></dl>", []),
        ("<h3>q? <em>a</em></h3>", []),
        ("<p>Download <a href=\"/f?x=1\">here?</a> now</p>", []),
        ("<p><kbd>Ctrl-?</kbd> shows help</p>", []),
    ],
)
def test_find_questions_in_html(html: str, expect: list[tuple[str, str, str]]) -> None:
    assert _found(html, markdown=False) == expect


def test_find_questions_leaves_the_tree_alone() -> None:
    html = markdownify("- q? a\n\nr? `b`\n", GFM)
    tree = parse(html)
    find_questions(tree)
    assert serialize(tree) == html


# -- annotate ------------------------------------------------------------------------------------

LINK = '<a class="triage-link" href="#{0}" aria-label="Link to this question">#</a>'
Q = 'id="triage-q" class="triage-q"'
A = '<span class="triage-a">'
QA = f'q? {LINK.format("triage-q")} {A}'


@pytest.mark.parametrize(
    "html, expect",
    [
        ("<ul>\n<li>q? a</li>\n</ul>", f"<ul>\n<li {Q}>{QA}a</span></li>\n</ul>"),
        ("<ul>\n<li><p>q? a</p>\n</li>\n</ul>", f"<ul>\n<li {Q}><p>{QA}a</span></p>\n</li>\n</ul>"),
        ("<li>q? (n)<ul>\n<li>x</li>\n</ul>\n</li>",
         f'<li {Q}>{QA}(n)</span><ul class="triage-a">\n<li>x</li>\n</ul>\n</li>'),
        ("<li>q?<ul><li>x</li></ul></li>",
         f'<li {Q}>q? {LINK.format("triage-q")}<ul class="triage-a"><li>x</li></ul></li>'),
        ("<p>Why <code>x?</code>? a <em>b</em>.\n</p>",
         f'<p id="triage-why-x" class="triage-q">Why <code>x?</code>? {LINK.format("triage-why-x")} '
         f"{A}a <em>b</em>.</span>\n</p>"),
        ("<p><strong>Q?</strong> a</p>", f'<p {Q}><strong>Q?</strong> {LINK.format("triage-q")} {A}a</span></p>'),
        ("<p><em>q? in</em> out</p>", f"<p {Q}><em>{QA}in</span></em> {A}out</span></p>"),
        ('<p id="mine">q? a</p>', f'<p id="mine" class="triage-q">q? {LINK.format("mine")} {A}a</span></p>'),
    ],
)
def test_annotate_marks(html: str, expect: str) -> None:
    assert annotate(html)[0] == expect


def test_annotate_entries() -> None:
    html = markdownify("- See [docs](http://x/?a=1) `now`? **yes** (really)\n  - one\n  - two, three\n", GFM)
    _out, (entry,) = annotate(html, "/p/")
    assert entry["question"] == "See docs now?"
    assert entry["question_html"] == 'See docs <code class="language-plaintext highlighter-rouge">now</code>?'
    assert entry["answer"] == "yes (really) one; two, three"
    tight = re.sub(r"\s+<", "<", entry["answer_html"])
    assert tight == "<strong>yes</strong> (really)<ul><li>one</li><li>two, three</li></ul>"
    assert (entry["id"], entry["url"]) == ("triage-see-docs-now", "/p/#triage-see-docs-now")


def test_duplicate_questions_get_numbered_ids_and_avoid_existing_ones() -> None:
    html = markdownify("## Triage q\n\n- q? a\n- q? b\n\nq? c\n\n- Triage: q? d\n", GFM)
    # the heading already has id "triage-q"
    out, entries = annotate(html)
    assert [e["id"] for e in entries] == ["triage-q-2", "triage-q-3", "triage-q-4", "triage-triage-q"]
    assert [e["answer"] for e in entries] == ["a", "b", "c", "d"]
    ids = re.findall(r' id="([^"]+)"', out)
    assert len(ids) == len(set(ids))


def test_ids_do_not_move_when_other_notes_change() -> None:
    first = annotate(markdownify("- a? 1\n- b? 2\n", GFM))[1]
    second = annotate(markdownify("- new? 0\n- a? changed\n- b? 2\n", GFM))[1]
    assert {e["question"]: e["id"] for e in first}.items() <= {e["question"]: e["id"] for e in second}.items()


def test_annotate_without_notes_returns_the_html_unchanged() -> None:
    html = "<p>Nothing to see.</p>\n<pre><code>q? a\n</code></pre>\n"
    assert annotate(html) == (html, [])


# -- settings and outputs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "site, page, expect",
    [
        (None, None, {"jsonld": False}),
        (True, None, {"jsonld": False}),
        ({"jsonld": True}, None, {"jsonld": True}),
        ({"jsonld": True}, {"jsonld": False}, {"jsonld": False}),
        (None, {"jsonld": True}, {"jsonld": True}),
        (None, False, None),
        ({"jsonld": True}, False, None),
        (False, None, None),
        (False, True, {"jsonld": False}),
        (False, {"jsonld": True}, {"jsonld": True}),
        ("yes", ["odd"], {"jsonld": False}),  # other values are ignored
    ],
)
def test_resolve_settings(site: object, page: object, expect: dict | None) -> None:
    assert resolve_settings(site, page) == expect


def _script_json(text: str) -> object:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_faq_jsonld_is_valid_and_cannot_close_its_script() -> None:
    entries = [{"question": "End </script>?", "answer": "a & <b>"}, {"question": "q?", "answer": "ünï"}]
    script = faq_jsonld(entries)
    assert script.count("</script>") == 1
    assert _script_json(script) == {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": "End </script>?", "acceptedAnswer": {"@type": "Answer", "text": "a & <b>"}},
            {"@type": "Question", "name": "q?", "acceptedAnswer": {"@type": "Answer", "text": "ünï"}},
        ],
    }


@pytest.mark.parametrize(
    "output, expect",
    [
        ("<html><head><title>t</title></head><body>x</body></html>",
         "<html><head><title>t</title>S\n</head><body>x</body></html>"),
        ("<HEAD></HEAD >", "<HEAD>S\n</HEAD >"),
        ("<p>no head</p>\n", "<p>no head</p>\nS\n"),
    ],
)
def test_insert_jsonld(output: str, expect: str) -> None:
    assert insert_jsonld(output, "S") == expect


def test_sheet_json_prefixes_baseurl() -> None:
    entry = {"question": "q?", "answer": "a", "id": "triage-q", "url": "/p/#triage-q"}
    data = json.loads(sheet_json([{"title": "P", "url": "/p/", "date": None, "questions": [entry]}], "/blog/"))
    assert data == {"pages": [{"title": "P", "url": "/blog/p/", "date": None,
                               "questions": [{**entry, "url": "/blog/p/#triage-q"}]}]}


# -- the example site ----------------------------------------------------------------------------


def _ids(html: str) -> list[str]:
    return re.findall(r'id="(triage-[^"]+)" class="triage-q"', html)


def test_example_site_has_the_eleven_questions(tmp_path: Path) -> None:
    build(ROOT, tmp_path / "_site")
    site = tmp_path / "_site"
    post = (site / "posts" / "2023" / "05" / "01" / "aws-lambda.html").read_text(encoding="utf-8")
    assert _ids(post) == SEED_IDS
    for anchor in SEED_IDS:
        assert f'href="#{anchor}" aria-label="Link to this question">#</a>' in post
    assert "application/ld+json" not in post  # off by default
    assert '<h1 id="wtf-is-lambda">WTF is Lambda?</h1>' in post  # headings stay as they were
    assert post.count('<ul class="triage-a">') == 2  # the two answers that are lists
    assert '<code class="language-plaintext highlighter-rouge">LATEST</code>? <a class="triage-link"' in post

    sheet = (site / "triage" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="page-heading">Triage</h1>' in sheet
    assert '<h2><a href="/posts/2023/05/01/aws-lambda.html">AWS - Lambda</a></h2>' in sheet
    links = re.findall(r'href="/posts/2023/05/01/aws-lambda\.html#(triage-[^"]+)"', sheet)
    assert links == SEED_IDS
    code = '<code class="language-plaintext highlighter-rouge">LATEST</code>'
    assert f'<span class="triage-q">Promote new version to {code}?</span>' in sheet

    data = json.loads((site / "triage.json").read_text(encoding="utf-8"))
    (page,) = data["pages"]
    assert (page["title"], page["url"], page["date"]) == ("AWS - Lambda", "/posts/2023/05/01/aws-lambda.html",
                                                          "2023-05-01T00:00:00+00:00")
    assert [q["id"] for q in page["questions"]] == SEED_IDS
    assert page["questions"][0]["question"] == "function termination?"
    assert page["questions"][-1]["question"] == "Integration sources?"
    assert page["questions"][6]["answer"] == "Kinesis, DynamoDB (streams), SQS"
    assert page["questions"][1]["answer"].startswith("(anything that requires a response to proceed) ELB; Cognito;")
    assert all(q["url"] == f"/posts/2023/05/01/aws-lambda.html#{q['id']}" for q in page["questions"])


def test_example_site_faq_jsonld_when_asked(tmp_path: Path) -> None:
    build(ROOT, tmp_path / "_site", overrides={"triage": {"jsonld": True}})
    post = (tmp_path / "_site" / "posts" / "2023" / "05" / "01" / "aws-lambda.html").read_text(encoding="utf-8")
    head = post[: post.index("</head>")]
    data = _script_json(head)
    assert data["@type"] == "FAQPage" and data["@context"] == "https://schema.org"
    questions = data["mainEntity"]
    assert len(questions) == 11
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer" for q in questions)
    assert questions[0]["name"] == "function termination?"
    assert questions[0]["acceptedAnswer"]["text"] == "out of memory"
    assert questions[-1]["name"] == "Integration sources?"
    assert post.count("application/ld+json") == 1
    index = (tmp_path / "_site" / "index.html").read_text(encoding="utf-8")
    assert "application/ld+json" not in index  # pages without questions get none


# -- small sites ---------------------------------------------------------------------------------


def _site(root: Path, config: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    (root / "_config.yml").write_text("theme: default\nplugins: [triage]\n" + config, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


POSTS = {
    "_posts/2024-01-01-old.md": "---\nlayout: post\ntitle: Old\n---\n- old? yes\n",
    "_posts/2024-02-01-new.md": "---\nlayout: post\ntitle: New\n---\nnew? yes\n\nnew? again\n",
    "_posts/2024-03-01-quiet.md": "---\nlayout: post\ntitle: Quiet\ntriage: false\n---\n- quiet? hidden\n",
    "_posts/2024-04-01-none.md": "---\nlayout: post\ntitle: None\n---\nNo questions here.\n",
    "notes.md": "---\nlayout: page\ntitle: Notes\n---\npage? answer\n",
    "_layouts/count.html": "---\nlayout: default\n---\n{{ content }}<p id=\"n\">{{ page.triage.size }}"
                           "{% for q in page.triage %}|{{ q.id }}={{ q.answer }}{% endfor %}</p>",
    "counted.md": "---\nlayout: count\ntitle: Counted\n---\n- one? 1\n- `two?` two? 2\n",
    "all.html": "---\n---\n{% for g in site.triage %}[{{ g.title }}:{{ g.questions.size }}]{% endfor %}",
    "zz.html": "---\n---\n{% for g in site.triage %}[{{ g.title }}:{{ g.questions.size }}]{% endfor %}",
}


def test_site_triage_order_page_triage_and_switches(tmp_path: Path) -> None:
    source = _site(tmp_path / "src", "", POSTS)
    build(source, tmp_path / "out")
    out = tmp_path / "out"
    quiet = (out / "2024" / "03" / "01" / "quiet.html").read_text(encoding="utf-8")
    assert "triage-q" not in quiet and "<li>quiet? hidden</li>" in quiet
    new = (out / "2024" / "02" / "01" / "new.html").read_text(encoding="utf-8")
    assert _ids(new) == ["triage-new", "triage-new-2"]
    counted = (out / "counted.html").read_text(encoding="utf-8")
    assert '<p id="n">2|triage-one=1|triage-two-two=2</p>' in counted
    # posts newest first, then pages; pages without questions and switched-off posts are left out.
    # A page sees every post's questions, and those of the pages rendered before it.
    assert (out / "all.html").read_text(encoding="utf-8") == "[New:2][Old:1]"
    assert (out / "zz.html").read_text(encoding="utf-8") == "[New:2][Old:1][Counted:2][Notes:1]"
    sheet = (out / "triage" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2><a href="([^"]+)">', sheet) == [
        "/2024/02/01/new.html", "/2024/01/01/old.html", "/counted.html", "/notes.html"]
    data = json.loads((out / "triage.json").read_text(encoding="utf-8"))
    assert [p["title"] for p in data["pages"]] == ["New", "Old", "Counted", "Notes"]
    assert data["pages"][3]["date"] is None


def test_ids_are_stable_across_builds(tmp_path: Path) -> None:
    source = _site(tmp_path / "src", "", POSTS)
    build(source, tmp_path / "a")
    build(source, tmp_path / "b")
    for name in ("2024/02/01/new.html", "counted.html", "triage.json", "triage/index.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_config_false_turns_it_off_except_where_a_page_asks(tmp_path: Path) -> None:
    opt = "---\nlayout: post\ntitle: Opt\ntriage:\n  jsonld: true\n---\nopt? in\n"
    files = {**POSTS, "_posts/2024-05-01-opt.md": opt}
    source = _site(tmp_path / "src", "triage: false\n", files)
    build(source, tmp_path / "out")
    out = tmp_path / "out"
    assert not (out / "triage").exists() and not (out / "triage.json").exists()
    assert "triage-q" not in (out / "2024" / "02" / "01" / "new.html").read_text(encoding="utf-8")
    opt = (out / "2024" / "05" / "01" / "opt.html").read_text(encoding="utf-8")
    assert _ids(opt) == ["triage-opt"]
    assert _script_json(opt[: opt.index("</head>")])["mainEntity"][0]["name"] == "opt?"


def test_jsonld_from_front_matter_and_without_a_head(tmp_path: Path) -> None:
    files = {
        "bare.md": "---\nlayout: none\ntriage: {jsonld: true}\n---\nq? a\n",
        "_posts/2024-01-01-p.md": "---\nlayout: post\ntitle: P\ntriage: {jsonld: true}\n---\nq? a\n",
        "other.md": "---\nlayout: page\ntitle: Other\n---\nq? a\n",
    }
    source = _site(tmp_path / "src", "", files)
    build(source, tmp_path / "out")
    bare = (tmp_path / "out" / "bare.html").read_text(encoding="utf-8")
    assert bare.startswith('<p id="triage-q" class="triage-q">')
    assert _script_json(bare)["mainEntity"][0]["acceptedAnswer"]["text"] == "a"
    post = (tmp_path / "out" / "2024" / "01" / "01" / "p.html").read_text(encoding="utf-8")
    assert "application/ld+json" in post[: post.index("</head>")]
    assert "application/ld+json" not in (tmp_path / "out" / "other.html").read_text(encoding="utf-8")


def test_without_a_triage_layout_only_the_json_is_generated(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "_config.yml").write_text("plugins: [triage]\nbaseurl: /b\n", encoding="utf-8")
    (source / "note.md").write_text("---\n---\nq? a\n", encoding="utf-8")
    build(source, tmp_path / "out")
    assert not (tmp_path / "out" / "triage").exists()
    data = json.loads((tmp_path / "out" / "triage.json").read_text(encoding="utf-8"))
    assert data["pages"][0]["questions"][0]["url"] == "/b/note.html#triage-q"
    assert "no 'triage' layout" in capsys.readouterr().err


def test_a_site_can_override_the_triage_layout(tmp_path: Path) -> None:
    files = {**POSTS, "_layouts/triage.html": "{% for g in site.triage %}{% for q in g.questions %}"
                                              "{{ q.url }} {% endfor %}{% endfor %}"}
    source = _site(tmp_path / "src", "", files)
    build(source, tmp_path / "out")
    text = (tmp_path / "out" / "triage" / "index.html").read_text(encoding="utf-8")
    assert text.split() == ["/2024/02/01/new.html#triage-new", "/2024/02/01/new.html#triage-new-2",
                            "/2024/01/01/old.html#triage-old", "/counted.html#triage-one",
                            "/counted.html#triage-two-two", "/notes.html#triage-page"]


def test_theme_styles_the_notes(tmp_path: Path) -> None:
    build(ROOT, tmp_path / "_site")
    css = (tmp_path / "_site" / "assets" / "css" / "main.css").read_text(encoding="utf-8")
    for selector in (".triage-q", ".triage-a", ".triage-link"):
        assert selector in css


def test_collections_after_posts_and_unwritten_documents_left_off_the_sheet(tmp_path: Path) -> None:
    files = {
        "_posts/2024-01-01-p.md": "---\nlayout: post\ntitle: P\n---\np? a\n",
        "_cards/c.md": "---\ntitle: Card\n---\ncard? a\n",
        "_hidden/h.md": "---\ntitle: Hidden\n---\nhidden? a\n",
        "list.html": "---\n---\n{% for d in site.hidden %}{{ d.triage.size }}{{ d.triage[0].id }}{% endfor %}",
    }
    config = "collections:\n  cards: {output: true}\n  hidden: {output: false}\n"
    source = _site(tmp_path / "src", config, files)
    build(source, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "triage.json").read_text(encoding="utf-8"))
    assert [(p["title"], p["url"]) for p in data["pages"]] == [("P", "/2024/01/01/p.html"), ("Card", "/cards/c.html")]
    assert (tmp_path / "out" / "list.html").read_text(encoding="utf-8") == "1triage-hidden"
