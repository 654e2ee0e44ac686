"""The drop protocol: values computed only when a template reads them."""

from __future__ import annotations

from postforge.liquid import Drop
from postforge.liquid import Environment
from postforge.liquid import MappingDrop


class Counting(MappingDrop):
    """A page whose content counts how often it was computed."""

    def __init__(self) -> None:
        self.renders = 0
        super().__init__({"title": "Lambda", "content": self._content, "tags": ["aws", "sqs"]})

    def _content(self) -> str:
        self.renders += 1
        return "<p>body</p>"


def test_reading_title_never_renders_content() -> None:
    page = Counting()
    out = Environment().from_string("{{ page.title }} {{ page.tags | join: ',' }}").render({"page": page})
    assert out == "Lambda aws,sqs"
    assert page.renders == 0


def test_content_is_computed_once_however_often_it_is_read() -> None:
    page = Counting()
    template = "{{ page.content }}{% if page.content contains 'body' %}!{% endif %}{{ page.content | size }}"
    assert Environment().from_string(template).render({"page": page}) == "<p>body</p>!11"
    assert page.renders == 1


def test_drop_in_loops_filters_and_json() -> None:
    pages = [Counting(), Counting()]
    env = Environment()
    assert env.from_string("{% for p in pages %}{{ p.title }};{% endfor %}").render({"pages": pages}) == "Lambda;Lambda;"
    assert env.from_string("{{ pages | map: 'title' | join: '+' }}").render({"pages": pages}) == "Lambda+Lambda"
    assert env.from_string("{{ pages | where: 'title', 'Lambda' | size }}").render({"pages": pages}) == "2"
    assert all(page.renders == 0 for page in pages)


class Answer(Drop):
    """A drop with a computed key and its own printed form."""

    def liquid_get(self, key: object) -> object:
        return 42 if key == "answer" else None

    def liquid_keys(self) -> tuple[str, ...]:
        return ("answer",)

    def liquid_str(self) -> str:
        return "Answer"


def test_custom_drop_lookup_and_printing() -> None:
    env = Environment()
    assert env.from_string("{{ d.answer | plus: 1 }} {{ d.nope }}[{{ d }}]").render({"d": Answer()}) == "43 [Answer]"
    assert env.from_string("{% if d contains 'answer' %}yes{% endif %}").render({"d": Answer()}) == "yes"
