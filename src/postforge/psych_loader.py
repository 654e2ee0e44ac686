"""Psych's safe_load on PyYAML: the parser half of :mod:`postforge.psych`.

Apart from :mod:`postforge.psych` because importing PyYAML costs ~10 ms, and most sites' front
matter and configuration are plain ``key: value`` lines that :func:`postforge.psych.load_yaml`
reads without it; this module (and so PyYAML) loads with the first document that needs the parser.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

import yaml

from postforge.psych import resolve_plain

__all__ = ["DisallowedClass", "PsychLoader"]

_PLAIN_TAG = "tag:postforge,2024:plain"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class DisallowedClass(yaml.YAMLError):
    """Psych::DisallowedClass: safe_load met a Ruby object (a Symbol, ``!ruby/object:…``)."""

    def __init__(self, name: str, mark: Any) -> None:
        super().__init__(f"Tried to load unspecified class: {name}")
        self.mark = mark


class _PsychConstructor(yaml.constructor.SafeConstructor):
    """Psych's ToRuby visitor for safe_load: tags decide little, plain scalars go to the scanner."""

    yaml_constructors: dict = {}
    yaml_multi_constructors: dict = {}

    def construct_plain(self, node: yaml.ScalarNode) -> Any:
        try:
            return resolve_plain(node.value)
        except ValueError:
            raise DisallowedClass("Symbol", node.start_mark) from None

    def construct_str(self, node: yaml.ScalarNode) -> str:
        return node.value

    def construct_float(self, node: yaml.ScalarNode) -> Any:
        value = self.construct_plain(node)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid value for Float(): {node.value!r}", node.start_mark
            ) from None

    def construct_binary(self, node: yaml.ScalarNode) -> str:
        try:
            raw = base64.b64decode(node.value.encode("ascii", "replace"))
        except (binascii.Error, ValueError):
            return node.value
        return raw.decode("utf-8", "replace")

    def construct_other(self, node: yaml.Node) -> Any:
        """Any other tag: what Psych's safe_load does with it (mostly: ignore it, or refuse a class)."""
        tag = node.tag or ""
        if isinstance(node, yaml.ScalarNode):
            refused = _refused_scalar_class(tag, node.value)
            if refused:
                raise DisallowedClass(refused, node.start_mark)
            if re.match(r"!(?:str|ruby/string)$", tag):
                return node.value
            return self.construct_plain(node)
        refused = _refused_collection_class(tag, isinstance(node, yaml.SequenceNode))
        if refused:
            raise DisallowedClass(refused, node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            if tag in ("!omap", "tag:yaml.org,2002:omap"):
                return self.construct_omap(node)
            return self.construct_yaml_seq(node)
        return self.construct_yaml_map(node)

    def construct_omap(self, node: yaml.SequenceNode) -> dict:
        """Psych::Omap is a Hash: the pairs in order."""
        merged: dict = {}
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                merged.update(self.construct_mapping(item, deep=True))
        return merged


_SCALAR_CLASSES = {
    "!ruby/regexp": "Regexp",
    "!ruby/range": "Range",
    "!ruby/object:BigDecimal": "BigDecimal",
    "!ruby/object:DateTime": "DateTime",
    "!ruby/object:Complex": "Complex",
    "!ruby/object:Rational": "Rational",
}


def _refused_scalar_class(tag: str, value: str) -> str | None:
    """The Ruby class a tagged scalar would need, when safe_load refuses it."""
    if re.match(r"!ruby/sym(?:bol)?", tag):
        return "Symbol"
    if tag in ("!ruby/class", "!ruby/module"):
        return value
    named = re.match(r"!(?:str|ruby/string):(.+)$", tag)
    if named:
        return named.group(1)
    return _SCALAR_CLASSES.get(tag)


def _refused_collection_class(tag: str, sequence: bool) -> str | None:
    """The Ruby class a tagged sequence or mapping would need, when safe_load refuses it."""
    if not tag.startswith("!") or tag in ("!ruby/array", "!ruby/hash", "!omap"):
        return "Psych::Set" if tag == "tag:yaml.org,2002:set" else None
    if tag == "!set":
        return "Psych::Set"
    named = re.match(r"!(?:ruby/array|seq|ruby/hash|map|ruby/object|ruby/struct|ruby/exception|ruby/hash-with-ivars):(.+)$", tag)
    if named:
        return named.group(1)
    bare = re.match(r"!ruby/(object|struct|exception|range|regexp|sym|symbol)$", tag)
    if bare:
        return {"sym": "Symbol", "symbol": "Symbol"}.get(bare.group(1), bare.group(1).capitalize())
    return None


_PsychConstructor.add_constructor(_PLAIN_TAG, _PsychConstructor.construct_plain)
_PsychConstructor.add_constructor(_STR_TAG, _PsychConstructor.construct_str)
_PsychConstructor.add_constructor("tag:yaml.org,2002:float", _PsychConstructor.construct_float)
_PsychConstructor.add_constructor("tag:yaml.org,2002:binary", _PsychConstructor.construct_binary)
_PsychConstructor.add_constructor("tag:yaml.org,2002:seq", yaml.constructor.SafeConstructor.construct_yaml_seq)
_PsychConstructor.add_constructor("tag:yaml.org,2002:map", yaml.constructor.SafeConstructor.construct_yaml_map)
_PsychConstructor.add_constructor(None, _PsychConstructor.construct_other)


class _PsychResolver(yaml.resolver.BaseResolver):
    """Every untagged plain scalar is left to :func:`resolve_plain`; only a plain ``<<`` merges."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _MERGE_TAG if value == "<<" else _PLAIN_TAG
        return super().resolve(kind, value, implicit)


try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _CParser = None

if _CParser is not None:

    class PsychLoader(_CParser, _PsychConstructor, _PsychResolver):  # type: ignore[misc]
        """Psych's safe_load on libyaml's parser (Psych's own), with Psych's scalar rules."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _PsychConstructor.__init__(self)
            _PsychResolver.__init__(self)

else:  # pragma: no cover - PyYAML without libyaml

    class PsychLoader(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
        _PsychConstructor, _PsychResolver,
    ):
        """Psych's scalar rules on PyYAML's pure-Python parser (stricter about tabs than libyaml)."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _PsychConstructor.__init__(self)
            _PsychResolver.__init__(self)
