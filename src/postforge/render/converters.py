"""Converters by file extension: Markdown → HTML, Sass → CSS, everything else as it is.

A converter says which extensions it takes, the extension of what it makes, and converts text.
Plugins add converters through the ``register_converters`` hook; the first that matches wins,
and the identity converter takes the rest, as in Jekyll.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Callable
from typing import Protocol

from postforge.markdown import markdownify
from postforge.render.sass_config import sass_settings

__all__ = ["Converter", "MarkdownConverter", "SassConverter", "IdentityConverter", "FunctionConverter", "Converters"]


class Converter(Protocol):
    """What a converter provides."""

    def matches(self, ext: str) -> bool: ...

    def output_ext(self, ext: str) -> str: ...

    def convert(self, text: str) -> str: ...


class MarkdownConverter:
    """``markdown_ext`` files through the kramdown-compatible converter."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        # Jekyll's kramdown converter fills these into site.config["kramdown"] (templates see them)
        kramdown = config.setdefault("kramdown", {})
        kramdown.setdefault("syntax_highlighter", config.get("highlighter") or "rouge")
        opts = kramdown.setdefault("syntax_highlighter_opts", {})
        opts.setdefault("default_lang", "plaintext")
        opts["guess_lang"] = kramdown.get("guess_lang")
        kramdown.setdefault("coderay", {})
        exts = str(config.get("markdown_ext", "markdown,mkdown,mkdn,mkd,md"))
        self.extensions = {"." + ext.strip().lower() for ext in exts.split(",") if ext.strip()}

    def matches(self, ext: str) -> bool:
        return ext.lower() in self.extensions

    def output_ext(self, ext: str) -> str:
        return ".html"

    def convert(self, text: str) -> str:
        return markdownify(text, self.config)

    def prepare(self) -> None:
        """Build the Markdown object for this configuration (and load its plugins) now."""
        markdownify("", self.config)


class IdentityConverter:
    """Everything else: output as it is, extension kept."""

    def matches(self, ext: str) -> bool:
        return True

    def output_ext(self, ext: str) -> str:
        return ext

    def convert(self, text: str) -> str:
        return text


@dataclass
class FunctionConverter:
    """A converter from plain functions, for plugins and for Sass."""

    extensions: tuple[str, ...]
    out_ext: str
    function: Callable[[str, Path | None], str]
    #: the pipeline passes the source path, for error messages
    wants_path: bool = True

    def matches(self, ext: str) -> bool:
        return ext.lower() in self.extensions

    def output_ext(self, ext: str) -> str:
        return self.out_ext

    def convert(self, text: str, path: Path | None = None, line_offset: int = 0) -> str:
        return self.function(text, path)


class SassConverter:
    """``.scss``/``.sass`` pages through libsass as jekyll-sass-converter runs it, maps included.

    The source map of each page is kept in :attr:`maps` by source path; the site writes it beside
    the CSS (``main.css.map``) as Jekyll does.
    """

    wants_path = True
    #: what a conversion makes besides its result (the map) stays here, in the converting
    #: process: render workers leave such pages to the parent
    side_outputs = True

    def __init__(self, config: dict[str, Any], source: Path, theme_root: Path | None, environment: str) -> None:
        self.source = source
        self.settings = sass_settings(config, source, theme_root, environment)
        #: source path → the page's source map
        self.maps: dict[str, str] = {}

    def matches(self, ext: str) -> bool:
        return ext.lower() in (".scss", ".sass")

    def output_ext(self, ext: str) -> str:
        return ".css"

    def convert(self, text: str, path: str | None = None, line_offset: int = 0) -> str:
        name = os.path.relpath(path, self.source) if path else "stdin"
        syntax = "sass" if name.endswith(".sass") else "scss"
        # the compiler's module is imported by the first Sass page: most sites have none, and
        # its import (two dataclasses, the libsass bindings' module) cost every start ~1.5 ms
        from postforge.render.sass import compile_sass

        output = compile_sass(
            text, syntax, source_name=name, source_dir=self.source, line_offset=line_offset, **self.settings
        )
        if output.source_map is not None and path:
            self.maps[path] = output.source_map
        return output.css


class Converters:
    """The site's converters in priority order, ending with the identity converter."""

    def __init__(self, converters: list[Any]) -> None:
        self.converters = [*converters, IdentityConverter()]

    def for_ext(self, ext: str) -> Any:
        for converter in self.converters:
            if converter.matches(ext):
                return converter
        return self.converters[-1]

    def output_ext(self, ext: str) -> str:
        return self.for_ext(ext).output_ext(ext)

    def prepare(self) -> None:
        """What converters set up on first use, done at once (see ``Renderer.prepare``)."""
        for converter in self.converters:
            prepare = getattr(converter, "prepare", None)
            if callable(prepare):
                prepare()
