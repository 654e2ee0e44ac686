"""Converters by file extension: Markdown → HTML, Sass → CSS, everything else as it is.

A converter says which extensions it takes, the extension of what it makes, and converts text.
Plugins add converters through the ``register_converters`` hook; the first that matches wins,
and the identity converter takes the rest, as in Jekyll.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Callable
from typing import Protocol

from postforge.markdown import markdownify

__all__ = ["Converter", "MarkdownConverter", "IdentityConverter", "FunctionConverter", "Converters"]


class Converter(Protocol):
    """What a converter provides."""

    def matches(self, ext: str) -> bool: ...

    def output_ext(self, ext: str) -> str: ...

    def convert(self, text: str) -> str: ...


class MarkdownConverter:
    """``markdown_ext`` files through the kramdown-compatible converter."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        exts = str(config.get("markdown_ext", "markdown,mkdown,mkdn,mkd,md"))
        self.extensions = {"." + ext.strip().lower() for ext in exts.split(",") if ext.strip()}

    def matches(self, ext: str) -> bool:
        return ext.lower() in self.extensions

    def output_ext(self, ext: str) -> str:
        return ".html"

    def convert(self, text: str) -> str:
        return markdownify(text, self.config)


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

    def convert(self, text: str, path: Path | None = None) -> str:
        return self.function(text, path)


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
