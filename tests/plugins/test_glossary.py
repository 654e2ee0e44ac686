"""Service glossary: the matcher, the shipped data and the HTML edits by tables, then whole builds:
the example site's /glossary/, a small site with the triage plugin, data overrides and switches.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from postforge.errors import PostforgeError
from postforge.htmltree import iter_text
from postforge.htmltree import parse
from postforge.plugins.glossary import Glossary
from postforge.plugins.glossary import Term
from postforge.plugins.glossary import annotate
from postforge.plugins.glossary import build_index
from postforge.plugins.glossary import builtin_terms
from postforge.plugins.glossary import find_mentions
from postforge.plugins.glossary import glossary_json
from postforge.plugins.glossary import load_terms
from postforge.plugins.glossary import merge_terms
from postforge.plugins.glossary import triage_anchor
from postforge.site import build

ROOT = Path(__file__).resolve().parents[2]
POST = Path("posts") / "2023" / "05" / "01" / "aws-lambda.html"
AWS = Glossary(builtin_terms())
#: a small glossary of overlapping terms, not from the shipped data
SMALL = load_terms([
    {"term": "API", "definition": "an interface"},
    {"term": "API Gateway", "definition": "a gateway"},
    {"term": "Gateway", "definition": "a door"},
    {"term": "Kafka", "aliases": ["Apache Kafka"], "definition": "a log"},
    {"term": "Go", "exact": True},
    {"term": "C++"},
])


def _found(text: str, glossary: Glossary | list[Term] = AWS) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.term.term) for m in find_mentions(text, glossary)]


# -- the shipped glossary ------------------------------------------------------------------------


def test_the_shipped_glossary_is_large_complete_and_unambiguous() -> None:
    terms = builtin_terms()
    assert len(terms) >= 120
    assert all(t.definition and t.definition.endswith(".") for t in terms)
    assert all(t.url == "" or t.url.startswith("https://aws.amazon.com/") for t in terms)
    slugs = [t.slug for t in terms]
    assert len(slugs) == len(set(slugs))
    names = [f for t in terms for f in (t.term, *t.aliases)]
    assert len(names) == len(set(names)), "a name listed twice would belong to whichever comes first"


@pytest.mark.parametrize(
    "written, term",
    [
        ("Kinesis Firehouse", "Amazon Data Firehose"),
        ("Kinesis Data Firehose", "Amazon Data Firehose"),
        ("ELB", "Elastic Load Balancing"),
        ("ALB", "Application Load Balancer"),
        ("NLB", "Network Load Balancer"),
        ("EB", "AWS Elastic Beanstalk"),
        ("SAM", "AWS Serverless Application Model"),
        ("IAM", "AWS IAM"),
        ("KMS", "AWS KMS"),
        ("CloudWatch Logs", "CloudWatch Logs"),
        ("CloudWatch", "Amazon CloudWatch"),
        ("Lambda@Edge", "Lambda@Edge"),
        ("Lambda", "AWS Lambda"),
        ("API Gateway", "Amazon API Gateway"),
        ("Step Functions", "AWS Step Functions"),
        ("S3 Batch Operations", "S3 Batch Operations"),
        ("S3 Batch Functions", "S3 Batch Operations"),
        ("Cognito", "Amazon Cognito"),
        ("Lex", "Amazon Lex"),
        ("Alexa", "Alexa Skills Kit"),
        ("DynamoDB Streams", "DynamoDB Streams"),
        ("DynamoDB", "Amazon DynamoDB"),
        ("SNS", "Amazon SNS"),
        ("SES", "Amazon SES"),
        ("SQS", "Amazon SQS"),
        ("CodeCommit", "AWS CodeCommit"),
        ("CodePipeline", "AWS CodePipeline"),
        ("AWS Config", "AWS Config"),
        ("AWS IoT", "AWS IoT Core"),
        ("EC2", "Amazon EC2"),
        ("VPC", "Amazon VPC"),
        ("Direct Connect", "AWS Direct Connect"),
        ("CloudFormation", "AWS CloudFormation"),
        ("CloudFront", "Amazon CloudFront"),
        ("CloudWatch Events", "Amazon EventBridge"),
        ("Route 53", "Amazon Route 53"),
        ("S3", "Amazon S3"),
    ],
)
def test_the_shipped_glossary_knows_names_aliases_and_misspellings(written: str, term: str) -> None:
    assert _found(written) == [(written, term)]


# -- find_mentions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expect",
    [
        # punctuation is a boundary
        ("SQS: max messages", [("SQS", "Amazon SQS")]),
        ("queues (SQS) and", [("SQS", "Amazon SQS")]),
        ("SQS/SNS", [("SQS", "Amazon SQS"), ("SNS", "Amazon SNS")]),
        ("with SQS.", [("SQS", "Amazon SQS")]),
        ("SQS's limits", [("SQS", "Amazon SQS")]),
        ("non-SQS queues, SQS-based", [("SQS", "Amazon SQS"), ("SQS", "Amazon SQS")]),
        ("«SQS»", [("SQS", "Amazon SQS")]),
        # a term inside a longer word is no mention
        ("SQSX MySQS SQS_queue SQS2 éSQS", []),
        ("Lambdaesque preLambda", []),
        ("incognito", []),
        ("S3ql", []),
        # nor next to an @ or after a dotted name (e-mail addresses, code-ish names)
        ("ops@SQS.example", []),
        ("boto3.SQS and EC2.micro", []),
        ("Lambda@foo", []),
        # acronyms: exact case, plural s
        ("sqs Sqs", []),
        ("two ALBs and three VPCs", [("ALBs", "Application Load Balancer"), ("VPCs", "Amazon VPC")]),
        ("ALBS", []),
        # names: first letter as written, the rest in any case
        ("API gateway", [("API gateway", "Amazon API Gateway")]),
        ("Cloudwatch and CLOUDFRONT", [("Cloudwatch", "Amazon CloudWatch"), ("CLOUDFRONT", "Amazon CloudFront")]),
        ("lambda x: x", []),
        ("step functions of a signal", []),
        ("direct connect", []),
        ("Lambdas", [("Lambdas", "AWS Lambda")]),  # a plural as an alias
        ("X-Ray traces, not an X-ray", [("X-Ray", "AWS X-Ray")]),  # exact: true
        # longest first: overlapping terms
        ("Lambda@edge functions", [("Lambda@edge", "Lambda@Edge")]),
        ("CloudWatch Logs & Events", [("CloudWatch Logs", "CloudWatch Logs")]),
        ("Amazon CloudWatch Logs", [("Amazon CloudWatch Logs", "CloudWatch Logs")]),
        ("AWS Lambda", [("AWS Lambda", "AWS Lambda")]),
        ("AWS SQS and Amazon SQS", [("AWS SQS", "Amazon SQS"), ("Amazon SQS", "Amazon SQS")]),
        ("DynamoDB (streams)", [("DynamoDB", "Amazon DynamoDB")]),
        ("CloudFront functions", [("CloudFront functions", "CloudFront Functions")]),
        ("AWS IoT Greengrass", [("AWS IoT Greengrass", "AWS IoT Greengrass")]),
        ("Kinesis Data Streams or Kinesis",
         [("Kinesis Data Streams", "Kinesis Data Streams"), ("Kinesis", "Amazon Kinesis")]),
        # whitespace inside a name may be any run of it
        ("API\n  Gateway", [("API\n  Gateway", "Amazon API Gateway")]),
        # common words are not names on their own
        ("Glue code, a Batch of work, Config files, Shield", []),
        ("AWS Glue and AWS Batch", [("AWS Glue", "AWS Glue"), ("AWS Batch", "AWS Batch")]),
        # HTTP endpoints (EB), EC2
        ("HTTP endpoints (EB), EC2", [("EB", "AWS Elastic Beanstalk"), ("EC2", "Amazon EC2")]),
        ("", []),
    ],
)
def test_find_mentions(text: str, expect: list[tuple[str, str]]) -> None:
    assert _found(text) == expect


@pytest.mark.parametrize(
    "text, expect",
    [
        ("the API Gateway API", [("API Gateway", "API Gateway"), ("API", "API")]),
        ("API gateway, Gateway", [("API gateway", "API Gateway"), ("Gateway", "Gateway")]),
        ("APIs", [("APIs", "API")]),
        ("Apache Kafka and Kafka", [("Apache Kafka", "Kafka"), ("Kafka", "Kafka")]),
        ("Go, GO and go", [("Go", "Go")]),
        ("C++ and C", [("C++", "C++")]),
        ("kafka", []),
    ],
)
def test_find_mentions_with_site_terms(text: str, expect: list[tuple[str, str]]) -> None:
    assert _found(text, SMALL) == expect


# -- load_terms and merge_terms ------------------------------------------------------------------


def test_load_terms_reads_lists_and_mappings() -> None:
    (term,) = load_terms([{"term": "Amazon SQS", "aliases": "SQS", "definition": " Queues. ", "url": "u"}])
    assert (term.term, term.slug, term.definition, term.url, term.aliases) == ("Amazon SQS", "amazon-sqs", "Queues.",
                                                                                 "u", ("SQS",))
    assert not term.builtin and term.forms == ("Amazon SQS", "SQS")  # site terms get no "AWS X" forms
    mapped = load_terms({"Kafka": "A log.", "Go": {"definition": "A language.", "exact": True}})
    assert [(t.term, t.definition, t.exact) for t in mapped] == [
        ("Kafka", "A log.", False), ("Go", "A language.", True)]
    assert load_terms(None) == []


@pytest.mark.parametrize("entries", [[{"definition": "no term"}], ["just a string"], [{"term": " "}], "text"])
def test_load_terms_refuses_entries_without_a_term(entries: object) -> None:
    with pytest.raises(PostforgeError, match="_data/glossary.yml"):
        load_terms(entries)


def test_merge_terms_site_first_and_extending_shipped_ones() -> None:
    site = load_terms([
        {"term": "AWS Lambda", "aliases": ["λ"], "definition": "Our words."},
        {"term": "SQS", "definition": "Our queue."},
    ])
    merged = merge_terms(site, builtin_terms())
    lam = merged[0]
    assert (lam.term, lam.definition, lam.url) == ("AWS Lambda", "Our words.", "https://aws.amazon.com/lambda/")
    assert lam.aliases[:2] == ("λ", "Lambda") and lam.builtin
    assert len(merged) == len(builtin_terms()) + 1
    glossary = Glossary(merged)
    assert _found("λ, SQS and Amazon SQS", glossary) == [
        ("λ", "AWS Lambda"), ("SQS", "SQS"), ("Amazon SQS", "Amazon SQS")]


# -- annotate ------------------------------------------------------------------------------------

DEFINED = Glossary(load_terms([
    {"term": "Amazon SQS", "aliases": ["SQS"], "definition": 'A "queue" & more.'},
    {"term": "Amazon SNS", "aliases": ["SNS"], "definition": "Topics."},
    {"term": "API Gateway", "definition": "APIs."},
    {"term": "Bare"},
]))
SQS = '<a class="glossary-term" href="/glossary/#amazon-sqs" title="A &quot;queue&quot; &amp; more.">SQS</a>'
SNS = '<a class="glossary-term" href="/glossary/#amazon-sns" title="Topics.">SNS</a>'


@pytest.mark.parametrize(
    "source, expect",
    [
        ("<p>SQS then SQS</p>", f"<p>{SQS} then SQS</p>"),  # the first mention only
        ("<p>SQS/SNS</p>", f"<p>{SQS}/{SNS}</p>"),
        ("<p><code>SQS</code> and SQS</p>", f"<p><code>SQS</code> and {SQS}</p>"),
        ("<pre>SQS</pre><p>SQS</p>", f"<pre>SQS</pre><p>{SQS}</p>"),
        ('<p><a href="/q">SQS</a> and SQS</p>', f'<p><a href="/q">SQS</a> and {SQS}</p>'),
        ('<h2 id="sqs">SQS</h2><p>SQS</p>', f'<h2 id="sqs">SQS</h2><p>{SQS}</p>'),
        ('<p><abbr title="Simple Queue Service">SQS</abbr> SQS</p>',
         f'<p><abbr title="Simple Queue Service">SQS</abbr> {SQS}</p>'),
        ("<script>SQS</script><style>SQS{}</style><p>SQS</p>",
         f"<script>SQS</script><style>SQS{{}}</style><p>{SQS}</p>"),
        ('<p title="SQS"><img alt="SQS" src="SQS.png"> SQS</p>',
         f'<p title="SQS"><img alt="SQS" src="SQS.png"> {SQS}</p>'),
        ('<p class="x no-glossary">SQS</p><p>SQS</p>', f'<p class="x no-glossary">SQS</p><p>{SQS}</p>'),
        ("<!-- SQS --><p>SQS</p>", f"<!-- SQS --><p>{SQS}</p>"),
        ("<p>MySQS SQSs</p>", "<p>MySQS " + SQS.replace(">SQS<", ">SQSs<") + "</p>"),  # a plural acronym
        ("<p>SQS&amp;SNS</p>", f"<p>{SQS}&amp;{SNS}</p>"),  # entities are boundaries, never words
        ("<p>&SQS; &amp;</p>", "<p>&SQS; &amp;</p>"),
        ("<p>API&nbsp;Gateway</p>", '<p><a class="glossary-term" href="/glossary/#api-gateway" title="APIs.">'
                                    "API&nbsp;Gateway</a></p>"),
        ("<p>API <em>Gateway</em></p>", "<p>API <em>Gateway</em></p>"),  # a name across elements is none
        ("<p>Bare</p>", '<p><a class="glossary-term" href="/glossary/#bare">Bare</a></p>'),  # no definition: no title
        ("<p>No terms <b>here</b>.</p>", "<p>No terms <b>here</b>.</p>"),
    ],
)
def test_annotate_links_first_mentions_outside_code_links_and_headings(source: str, expect: str) -> None:
    assert annotate(source, DEFINED, "/glossary/")[0] == expect


def test_annotate_reports_every_mention_and_leaves_untouched_html_as_it_was() -> None:
    source = "<p>SQS  <i>and</i> SQS, SNS</p>\n<ul><li>SQS</li></ul><h1>SNS</h1>"
    html, found = annotate(source, DEFINED, "/b/glossary/")
    assert [t.term for t, _anchor in found] == ["Amazon SQS", "Amazon SQS", "Amazon SNS", "Amazon SQS"]
    assert html.count("glossary-term") == 2 and 'href="/b/glossary/#amazon-sns"' in html
    odd = "<P CLASS=x>no <BR> terms & <unclosed>"
    assert annotate(odd, DEFINED, "/glossary/") == (odd, [])


def test_annotate_without_a_glossary_page_gives_a_tooltip_only() -> None:
    html, _found_ = annotate("<p>SNS</p>", DEFINED, None)
    assert html == '<p><span class="glossary-term" title="Topics.">SNS</span></p>'


# -- triage anchors ------------------------------------------------------------------------------

NOTE = ('<li id="triage-sync" class="triage-q">Sync with SNS? <a class="triage-link" href="#triage-sync">#</a> '
        '<span class="triage-a">SQS, maybe</span><ul class="triage-a"><li>deep SQS</li></ul></li>')


@pytest.mark.parametrize(
    "source, word, expect",
    [
        (NOTE, "SNS", ("triage-sync", "Sync with SNS?")),  # in the question
        (NOTE, "SQS,", ("triage-sync", "Sync with SNS?")),  # in the answer span
        (NOTE, "deep", ("triage-sync", "Sync with SNS?")),  # in the nested answer list
        ('<p>Other SQS</p><p id="triage-x" class="triage-q">x? y</p>', "Other", None),
        ('<p id="intro">SQS</p>', "SQS", None),  # ids not made by triage are no Q&A
        # an answer next to (not inside) its question element
        ('<div><p id="triage-q1" class="triage-q">Q1?</p><div class="triage-a"><p>SQS</p></div></div>', "SQS",
         ("triage-q1", "Q1?")),
        ('<div><p class="triage-q">Q1?</p><div class="triage-a"><p>SQS</p></div></div>', "SQS", None),
    ],
)
def test_triage_anchor(source: str, word: str, expect: tuple[str, str] | None) -> None:
    node = next(n for n in iter_text(parse(source)) if word in n.text)
    assert triage_anchor(node) == expect


# -- build_index and glossary_json ---------------------------------------------------------------


def test_build_index_a_to_z_with_pages_and_anchors() -> None:
    sqs, sns, zed = load_terms([{"term": "Amazon SQS"}, {"term": "AWS SNS"}, {"term": "zeta"}])
    pages = [
        {"title": "New", "url": "/new.html",
         "mentions": [(sqs, None), (sqs, ("triage-a", "A?")), (sqs, ("triage-a", "A?")), (zed, ("triage-b", "B?"))]},
        {"title": "Old", "url": "/old.html", "mentions": [(sns, ("triage-c", "C?")), (sqs, None)]},
    ]
    entries = build_index(pages, "/glossary/")
    assert [(e["term"], e["letter"]) for e in entries] == [("AWS SNS", "S"), ("Amazon SQS", "S"), ("zeta", "Z")]
    by_term = {e["term"]: e for e in entries}
    assert by_term["Amazon SQS"]["glossary_url"] == "/glossary/#amazon-sqs"
    assert by_term["Amazon SQS"]["pages"] == [
        {"title": "New", "url": "/new.html", "href": "/new.html",
         "anchors": [{"id": "triage-a", "question": "A?", "url": "/new.html#triage-a"}]},
        {"title": "Old", "url": "/old.html", "href": "/old.html", "anchors": []},
    ]
    assert by_term["AWS SNS"]["pages"][0]["href"] == "/old.html#triage-c"  # first mention in a Q&A
    data = json.loads(glossary_json(entries, "/b/"))
    zeta = data["terms"][2]
    assert zeta["glossary_url"] == "/b/glossary/#zeta"
    assert zeta["pages"][0]["href"] == "/b/new.html#triage-b"
    assert zeta["pages"][0]["anchors"][0]["url"] == "/b/new.html#triage-b"
    assert build_index([], "/glossary/") == []


# -- the example site ----------------------------------------------------------------------------


def test_example_site_glossary(tmp_path: Path) -> None:
    build(ROOT, tmp_path / "_site")
    site = tmp_path / "_site"
    post = (site / POST).read_text(encoding="utf-8")
    links = re.findall(r'<a class="glossary-term" href="/glossary/#([^"]+)" title="[^"]+">([^<]+)</a>', post)
    assert len(links) >= 25 and len({slug for slug, _text in links}) == len(links)  # each term once
    assert links[:3] == [("aws-lambda", "Lambda"), ("amazon-api-gateway", "API gateway"),
                         ("application-load-balancer", "ALB")]
    assert ("amazon-data-firehose", "Kinesis Firehouse") in links
    assert ("s3-batch-operations", "S3 Batch Functions") in links
    assert ("lambda-edge", "Lambda@edge") in links
    assert "<h1 id=\"api-gateway\">API Gateway</h1>" in post  # headings are left alone
    assert "<code" in post and not re.search(r"<code[^>]*>[^<]*glossary-term", post)

    page = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<dt id="([^"]+)">', page)
    assert len(entries) >= 25 and entries == [slug for slug in entries if slug]
    assert {slug for slug, _text in links} == set(entries)
    for slug in entries:  # each one links back to the post
        block = page[page.index(f'<dt id="{slug}">') :].split("</dd>")[0]
        assert 'class="glossary-page" href="/posts/2023/05/01/aws-lambda.html' in block
    letters = re.findall(r'<h2 id="glossary-([a-z#]+)">', page)
    assert letters == sorted(letters)
    # the answer list of "Synchronously call?" holds ELB: its back-link is that question's anchor
    assert 'href="/posts/2023/05/01/aws-lambda.html#triage-synchronously-call">AWS - Lambda</a>' in page

    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    terms = {t["term"]: t for t in data["terms"]}
    assert len(terms) == len(entries)
    assert terms["Elastic Load Balancing"]["pages"][0]["href"] == f"/{POST.as_posix()}#triage-synchronously-call"
    assert terms["AWS Lambda"]["pages"][0]["href"] == f"/{POST.as_posix()}"  # first said outside a Q&A
    lambda_questions = [a["question"] for a in terms["AWS Lambda"]["pages"][0]["anchors"]]
    assert lambda_questions == ["Lambda to poll queue?", "Change permissions of Lambda?", "Integration sources?"]
    assert terms["AWS Direct Connect"]["pages"][0]["anchors"][0]["id"] == "triage-integration-sources"


# -- small sites ---------------------------------------------------------------------------------


def _site(root: Path, config: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    (root / "_config.yml").write_text("theme: default\n" + config, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


FILES = {
    "_posts/2024-01-01-old.md": "---\nlayout: post\ntitle: Old\n---\nUses SQS and `SNS` code.\n",
    "_posts/2024-02-01-new.md": "---\nlayout: post\ntitle: New\n---\n- Retry? SQS then SNS\n\nThen Kafka and SQS.\n",
    "_posts/2024-03-01-quiet.md": "---\nlayout: post\ntitle: Quiet\nglossary: false\n---\nSQS here.\n",
    "_data/glossary.yml": "- term: Kafka\n  definition: A distributed log.\n  url: https://kafka.apache.org/\n"
                          "- term: Amazon SQS\n  aliases: [queue service]\n",
    "_layouts/list.html": "---\nlayout: default\n---\n{{ content }}<p id=\"terms\">"
                          "{% for t in page.glossary %}|{{ t.term }}:{{ t.slug }}:{{ t.glossary_url }}{% endfor %}</p>",
    "notes.md": "---\nlayout: list\ntitle: Notes\n---\nThe queue service, Amazon SQS and Kafka.\n",
    "_cards/c.md": "---\ntitle: Card\n---\nSNS card\n",
}


def test_site_glossary_with_triage_in_either_order(tmp_path: Path) -> None:
    for order in ("[glossary, triage]", "[triage, glossary]"):
        out = tmp_path / order
        source = _site(tmp_path / f"src{order}", f"plugins: {order}\ncollections:\n  cards: {{output: false}}\n", FILES)
        build(source, out)
        new = (out / "2024" / "02" / "01" / "new.html").read_text(encoding="utf-8")
        assert 'id="triage-retry"' in new
        assert re.search(r'<span class="triage-a"><a class="glossary-term" href="/glossary/#amazon-sqs" title="[^"]+">'
                         r"SQS</a> then <a", new)
        old = (out / "2024" / "01" / "01" / "old.html").read_text(encoding="utf-8")
        assert "<code" in old and "glossary/#amazon-sns" not in old
        quiet = (out / "2024" / "03" / "01" / "quiet.html").read_text(encoding="utf-8")
        assert "glossary-term" not in quiet
        notes = (out / "notes.html").read_text(encoding="utf-8")
        assert 'href="/glossary/#amazon-sqs"' in notes and ">queue service</a>" in notes
        assert ('<p id="terms">|Amazon SQS:amazon-sqs:/glossary/#amazon-sqs|Kafka:kafka:/glossary/#kafka</p>'
                in notes)

        data = json.loads((out / "glossary.json").read_text(encoding="utf-8"))
        terms = {t["term"]: t for t in data["terms"]}
        assert list(terms) == ["Kafka", "Amazon SNS", "Amazon SQS"]  # A to Z without "Amazon"
        assert terms["Kafka"]["url"] == "https://kafka.apache.org/"
        assert terms["Amazon SQS"]["definition"].startswith("A managed message queue")  # shipped, extended
        # posts newest first, then pages; switched-off posts and unwritten documents are left out
        assert [(p["title"], p["href"]) for p in terms["Amazon SQS"]["pages"]] == [
            ("New", "/2024/02/01/new.html#triage-retry"), ("Old", "/2024/01/01/old.html"), ("Notes", "/notes.html")]
        assert [p["title"] for p in terms["Amazon SNS"]["pages"]] == ["New"]

        page = (out / "glossary" / "index.html").read_text(encoding="utf-8")
        assert re.findall(r'<dt id="([^"]+)">', page) == ["kafka", "amazon-sns", "amazon-sqs"]
        assert '<a class="glossary-ref" href="https://kafka.apache.org/"' in page
        assert '<a href="/2024/02/01/new.html#triage-retry">Retry?</a>' in page
        assert "glossary-term" not in page  # its own definitions are not linked


def test_config_switches_permalink_baseurl_and_builtin(tmp_path: Path) -> None:
    config = "plugins: [glossary]\nbaseurl: /b\nglossary:\n  builtin: false\n  permalink: /terms/\n  title: Terms\n"
    source = _site(tmp_path / "src", config, FILES)
    build(source, tmp_path / "out")
    out = tmp_path / "out"
    notes = (out / "notes.html").read_text(encoding="utf-8")
    assert '<a class="glossary-term" href="/b/terms/#kafka" title="A distributed log.">Kafka</a>' in notes
    assert '<a class="glossary-term" href="/b/terms/#amazon-sqs">queue service</a>' in notes  # site term only
    assert "glossary/#" not in notes
    page = (out / "terms" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="page-heading">Terms</h1>' in page and 'href="/b/notes.html"' in page
    data = json.loads((out / "terms.json").read_text(encoding="utf-8"))
    assert [t["term"] for t in data["terms"]] == ["Kafka", "Amazon SQS"]
    assert data["terms"][0]["glossary_url"] == "/b/terms/#kafka"

    off = _site(tmp_path / "off", "plugins: [glossary]\nglossary: false\n", FILES)
    build(off, tmp_path / "out-off")
    assert "glossary-term" not in (tmp_path / "out-off" / "notes.html").read_text(encoding="utf-8")
    assert not (tmp_path / "out-off" / "glossary.json").exists()


def test_without_a_glossary_layout_terms_get_tooltips_and_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "_config.yml").write_text("plugins: [glossary]\n", encoding="utf-8")
    (source / "note.md").write_text("---\n---\nSQS\n", encoding="utf-8")
    build(source, tmp_path / "out")
    assert not (tmp_path / "out" / "glossary").exists()
    assert '<span class="glossary-term" title="' in (tmp_path / "out" / "note.html").read_text(encoding="utf-8")
    data = json.loads((tmp_path / "out" / "glossary.json").read_text(encoding="utf-8"))
    assert data["terms"][0]["pages"][0]["url"] == "/note.html"
    assert "no 'glossary' layout" in capsys.readouterr().err


def test_a_bad_site_glossary_names_the_plugin_and_file(tmp_path: Path) -> None:
    source = _site(tmp_path / "src", "plugins: [glossary]\n", {"_data/glossary.yml": "- definition: no term\n"})
    with pytest.raises(PostforgeError, match=r"^_data/glossary.yml: glossary plugin: entry 1 has no term"):
        build(source, tmp_path / "out")
