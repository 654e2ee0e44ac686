"""``link``, ``post_url`` and ``include_relative``: tags that need the host site, through registers."""

from __future__ import annotations

from typing import Any

import pytest

from postforge.liquid import DictLoader
from postforge.liquid import Environment
from postforge.liquid import LiquidArgumentError
from postforge.liquid import LiquidError

URLS = {
    ("link", "_posts/2023-05-01-aws-lambda.md"): "/posts/2023/05/01/aws-lambda.html",
    ("link", "about.md"): "/about/",
    ("post_url", "2023-05-01-aws-lambda"): "/posts/2023/05/01/aws-lambda.html",
}


def resolve(kind: str, target: str, ctx: Any) -> str:
    try:
        return URLS[(kind, target)]
    except KeyError:
        raise LiquidArgumentError(f"Could not find {kind} target '{target}'") from None


@pytest.mark.parametrize(
    "template, expect",
    [
        ("{% link _posts/2023-05-01-aws-lambda.md %}", "/posts/2023/05/01/aws-lambda.html"),
        ("{% link {{ page.about }} %}", "/about/"),
        ("{% post_url 2023-05-01-aws-lambda %}", "/posts/2023/05/01/aws-lambda.html"),
        ("<a href=\"{% post_url 2023-05-01-aws-lambda %}#sqs\">", "<a href=\"/posts/2023/05/01/aws-lambda.html#sqs\">"),
    ],
)
def test_site_links_resolve_through_the_register(template: str, expect: str) -> None:
    rendered = Environment().from_string(template).render({"page": {"about": "about.md"}}, {"site_links": resolve})
    assert rendered == expect


def test_unknown_link_target_is_an_error_with_its_line() -> None:
    with pytest.raises(LiquidError) as info:
        Environment().from_string("\n{% link nope.md %}", name="p.md").render({}, {"site_links": resolve})
    assert info.value.lineno == 2 and "nope.md" in str(info.value)


def test_link_without_a_site_is_an_error() -> None:
    with pytest.raises(LiquidArgumentError):
        Environment().from_string("{% post_url x %}").render()


def test_include_relative_reads_beside_the_page() -> None:
    env = Environment(loader=DictLoader(relative={"notes/part.md": "part {{ include.n }}"}))
    page = {"path": "notes/index.md"}
    assert env.from_string("{% include_relative part.md n=2 %}").render({"page": page}) == "part 2"
