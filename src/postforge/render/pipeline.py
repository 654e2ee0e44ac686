"""One page or document through Jekyll's render steps: Liquid, converter, layouts.

The order is Jekyll's ``Renderer#render_document``: the body's Liquid (unless
``render_with_liquid: false`` or there is no markup), then the converter for its extension
(after which ``page.content`` is the converted HTML), then each layout in the chain with
``content`` and ``layout`` set. Excerpts go through Liquid and the converter, never a layout.
"""

from __future__ import annotations

import os
import re
from typing import Any
from typing import Callable

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.liquid import Environment
from postforge.liquid import LiquidError
from postforge.model.documents import Convertible
from postforge.model.documents import Excerpt
from postforge.model.documents import Layout
from postforge.model.documents import Page
from postforge.model.documents import deep_merge
from postforge.model.drops import SiteDrop
from postforge.render.converters import Converters

__all__ = ["Renderer", "JEKYLL_VERSION"]

#: the Jekyll version postforge builds like (``jekyll.version``)
JEKYLL_VERSION = "4.3.1"


def _front_matter_line(path: str, key: str) -> tuple[int, str] | None:
    """Line number and text of ``key:`` in a file's front matter, for errors about its value."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().split("\n")
    except OSError:
        return None
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:")
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return None
        if pattern.match(line):
            return number, line
    return None


class Renderer:
    """Renders the site's pages and documents against one ``site`` drop and Liquid environment."""

    def __init__(
        self,
        env: Environment,
        converters: Converters,
        layouts: dict[str, Layout],
        site_drop: SiteDrop,
        *,
        environment_name: str = "development",
        registers: Callable[[Convertible], dict[str, Any]] | None = None,
        post_convert: Callable[[Convertible, str], str] | None = None,
        pre_render: Callable[[Convertible, dict[str, Any]], None] | None = None,
        post_render: Callable[[Convertible, str], str] | None = None,
    ) -> None:
        self.env = env
        self.converters = converters
        self.layouts = layouts
        self.site = site_drop
        self.jekyll = {"version": JEKYLL_VERSION, "environment": environment_name}
        self._registers = registers or (lambda item: {})
        self._post_convert = post_convert
        self._pre_render = pre_render
        self._post_render = post_render

    def prepare(self) -> None:
        """Compile every layout and set up every converter now, before workers are forked: they
        inherit the work instead of each doing it again. A layout that does not compile is left
        for its render to report, in its turn, as without this."""
        for layout in dict.values(self.layouts):
            try:
                self.env.from_string(layout.content, name=layout.path, line_offset=layout.line_offset)
            except LiquidError:
                continue
        self.converters.prepare()

    # -- payload ---------------------------------------------------------------------------------

    def payload(self, item: Convertible) -> dict[str, Any]:
        layout = self.layouts.get(str(item_layout(item)))
        return {
            "site": self.site,
            "jekyll": self.jekyll,
            "page": self.site.page_payload(item),
            "layout": dict(layout.data) if layout is not None else None,
            "content": None,
            "paginator": self._liquid_values(getattr(item, "paginator", None)),
            "highlighter_prefix": None,
            "highlighter_suffix": None,
        }

    def _liquid_values(self, value: Any) -> Any:
        """Model objects inside plugin data (a paginator's posts) as the drops templates read."""
        if isinstance(value, dict):
            return {key: self._liquid_values(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._liquid_values(item) for item in value]
        return self.site.drop(value)

    def liquid(self, source: str, name: str, line_offset: int, payload: dict[str, Any], item: Convertible,
               registers: dict[str, Any] | None = None) -> str:
        """``source`` rendered for ``item``; ``registers``: the ones its other renders use (as in
        Jekyll, an item's content and its layouts render with the same registers)."""
        template = self.env.from_string(source, name=name, line_offset=line_offset)
        return template.render(payload, registers if registers is not None else self._registers(item))

    # -- documents -------------------------------------------------------------------------------

    def render(self, item: Convertible) -> str:
        """Render ``item``; afterwards ``item.content`` is converted and ``item.output`` final."""
        self.site.current = item
        payload = self.payload(item)
        if self._pre_render is not None:
            self._pre_render(item, payload)
        text = item.content
        registers = self._registers(item)
        if item.render_with_liquid():
            text = self.liquid(text, item.relative_path, item.line_offset, payload, item, registers)
        converter = self.converters.for_ext(item.ext)
        text = _convert(converter, text, item)
        if self._post_convert is not None:
            text = self._post_convert(item, text)
        item.content = text
        item.converted = True
        if item.place_in_layout():
            text = self.place_in_layouts(text, payload, item, registers)
        if self._post_render is not None:
            text = self._post_render(item, text)
        item.output = text
        return text

    def place_in_layouts(self, content: str, payload: dict[str, Any], item: Convertible,
                         registers: dict[str, Any] | None = None) -> str:
        name = item_layout(item)
        if name is None:
            return content
        layout = self.layouts.get(str(name))
        if layout is None:
            raise self._unknown_layout(item, str(name))
        used: set[str] = set()
        payload["layout"] = None
        output = content
        while layout is not None:
            payload["content"] = output
            payload["layout"] = deep_merge(layout.data, payload["layout"] or {})
            output = self.liquid(layout.content, layout.path, layout.line_offset, payload, item, registers)
            used.add(layout.name)
            parent = layout.data.get("layout")
            if parent is None or str(parent) in used:
                break
            next_layout = self.layouts.get(str(parent))
            if next_layout is None:
                raise self._unknown_layout(layout, str(parent))
            layout = next_layout
        return output

    def _unknown_layout(self, item: Convertible | Layout, name: str) -> PostforgeError:
        known = ", ".join(sorted(self.layouts)) or "none"
        message = f"unknown layout '{name}' (layouts found: {known})"
        if isinstance(item, Layout):
            source_path = None
            path = item.path
        else:
            source_path = item.source_path
            path = item.relative_path
        found = _front_matter_line(source_path, "layout") if source_path else None
        if found is None:
            return PostforgeError(message, Location(path))
        line, text = found
        return PostforgeError(message, Location(path, line, text.index(":") + 3 if ":" in text else 1, text))

    def render_excerpt(self, excerpt: Excerpt) -> str:
        """An excerpt's HTML: its Liquid and its document's converter, no layout."""
        doc = excerpt.doc
        text = excerpt.content
        if doc.data.get("render_with_liquid") is not False and ("{{" in text or "{%" in text):
            payload = self.payload(doc)
            payload["page"] = self.site.drop(excerpt)
            text = self.liquid(text, doc.relative_path, doc.line_offset, payload, doc)
        return _convert(self.converters.for_ext(doc.ext), text, doc)


def item_layout(item: Convertible) -> Any:
    """The layout name, with front matter defaults for pages (Jekyll's ``default_proc``)."""
    if "layout" in item.data:
        return item.data["layout"]
    if isinstance(item, Page):
        return item.defaults.get("layout")
    return None


def _convert(converter: Any, text: str, item: Convertible) -> str:
    convert = converter.convert
    if getattr(converter, "wants_path", False):
        return convert(text, item.source_path and os.path.abspath(item.source_path), item.line_offset)
    return convert(text)


