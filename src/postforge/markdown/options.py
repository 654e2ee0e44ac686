"""kramdown's options as Jekyll hands them over: defaults, Jekyll's overrides, and value parsing.

Jekyll passes its ``kramdown:`` hash (with its own defaults: GFM input, ``auto_ids``,
``entity_output: as_char``, no ``hard_wrap`` …, and ``syntax_highlighter`` taken from
``highlighter``) to ``Kramdown::Options.merge``, which parses each known option from its YAML
value the way kramdown's option definitions say: booleans from strings, symbols from strings
(``":as_char"``, ``"nil"``), ``smart_quotes`` and ``gfm_quirks`` from comma lists, ``toc_levels``
from ``1..3`` or ``1,2,3``.  `kramdown_options` returns that merged mapping with Python values.
"""

from __future__ import annotations

import re
from typing import Any
from typing import Mapping


__all__ = ["kramdown_options", "JEKYLL_KRAMDOWN_DEFAULTS", "KRAMDOWN_DEFAULTS", "options_key", "parse_option",
           "InlineOptions"]

#: Jekyll 4.3's ``kramdown`` defaults (``Jekyll::Configuration::DEFAULTS``)
JEKYLL_KRAMDOWN_DEFAULTS: dict[str, Any] = {
    "auto_ids": True,
    "toc_levels": [1, 2, 3, 4, 5, 6],
    "entity_output": "as_char",
    "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
    "input": "GFM",
    "hard_wrap": False,
    "guess_lang": True,
    "footnote_nr": 1,
    "show_warnings": False,
}

#: kramdown 2.4's (and kramdown-parser-gfm's) option defaults
KRAMDOWN_DEFAULTS: dict[str, Any] = {
    "template": "", "auto_ids": True, "auto_id_stripping": False, "auto_id_prefix": "",
    "transliterated_header_ids": False, "parse_block_html": False, "parse_span_html": True,
    "html_to_native": False, "link_defs": {}, "footnote_nr": 1, "entity_output": "as_char",
    "toc_levels": [1, 2, 3, 4, 5, 6], "line_width": 72, "smart_quotes": ["lsquo", "rsquo", "ldquo", "rdquo"],
    "typographic_symbols": {}, "remove_block_html_tags": True, "remove_span_html_tags": False,
    "header_offset": 0, "syntax_highlighter": "rouge", "syntax_highlighter_opts": {},
    "math_engine": "mathjax", "math_engine_opts": {}, "footnote_backlink": "&#8617;",
    "footnote_backlink_inline": False, "footnote_prefix": "", "remove_line_breaks_for_cjk": False,
    "forbidden_inline_options": ["template"], "list_indent": 2, "hard_wrap": True,
    "gfm_quirks": ["paragraph_end"],
}

_BOOLEAN = {"auto_ids", "auto_id_stripping", "transliterated_header_ids", "parse_block_html",
            "parse_span_html", "html_to_native", "remove_block_html_tags", "remove_span_html_tags",
            "footnote_backlink_inline", "remove_line_breaks_for_cjk", "hard_wrap"}
_STRING = {"template", "auto_id_prefix", "footnote_backlink", "footnote_prefix"}
_INTEGER = {"footnote_nr", "line_width", "header_offset", "list_indent"}
_SYMBOL = {"entity_output", "syntax_highlighter", "math_engine"}


def _ruby_to_s(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def _symbol(value: Any) -> str | None:
    text = _ruby_to_s(value).strip()
    if text.startswith(":"):
        text = text[1:]
    return None if not text or text == "nil" else text


def _array(value: Any, name: str, size: int | None = None) -> list[Any]:
    if isinstance(value, str):
        value = value.split(",")
        while value and value[-1] == "":
            value.pop()
    elif not isinstance(value, (list, tuple)):
        raise ValueError(f"Invalid type {type(value).__name__} for option {name}")
    if size is not None and len(value) != size:
        raise ValueError(f"Option {name} needs exactly {size} values")
    return list(value)


def _yaml() -> Any:
    """PyYAML, for option values written as YAML text: imported then, not at every start."""
    import yaml

    return yaml


def _hash(value: Any, name: str) -> dict[Any, Any]:
    if isinstance(value, str):
        value = _yaml().safe_load(value)
    if not isinstance(value, dict):
        raise ValueError(f"Invalid type for option {name}")
    return value


def _toc_levels(value: Any) -> list[int]:
    if isinstance(value, str):
        if match := re.fullmatch(r"(\d)\.\.(\d)", value):
            levels = list(range(int(match.group(1)), int(match.group(2)) + 1))
        elif re.fullmatch(r"\d(?:,\d)*", value):
            levels = list(dict.fromkeys(int(v) for v in value.split(",")))
        else:
            raise ValueError("Invalid syntax for option toc_levels")
    elif isinstance(value, (list, tuple, range)):
        levels = list(dict.fromkeys(int(v) for v in value))
    else:
        raise ValueError("Invalid type for option toc_levels")
    if any(not 1 <= level <= 6 for level in levels):
        raise ValueError("Level numbers for option toc_levels have to be integers from 1 to 6")
    return levels


def parse_option(name: str, value: Any) -> Any:
    """kramdown's ``Options.parse`` for the options that change the HTML."""
    if name in _BOOLEAN:
        if isinstance(value, bool):
            return value
        text = _ruby_to_s(value)
        return text.lower().strip() != "false" and text != ""
    if name in _STRING:
        return value if isinstance(value, str) else _ruby_to_s(value)
    if name in _INTEGER:
        return value if isinstance(value, int) and not isinstance(value, bool) else int(_ruby_to_s(value))
    if name in _SYMBOL:
        return _symbol(value)
    if name == "smart_quotes":
        if value in ("lsquo,rsquo,ldquo,rdquo", ["lsquo", "rsquo", "ldquo", "rdquo"]):
            return ["lsquo", "rsquo", "ldquo", "rdquo"]
        return [int(v) if re.fullmatch(r"[-+]?\d+", str(v).strip()) else v
                for v in _array(value, name, 4)]
    if name == "toc_levels":
        return _toc_levels(value)
    if name == "typographic_symbols":
        return {(_symbol(k) if isinstance(k, str) else k): _ruby_to_s(v)
                for k, v in _hash(value, name).items()}
    if name == "gfm_quirks":
        return [_symbol(v) for v in _array(value, name)]
    if name == "link_defs":
        defs = {}
        for key, target in _hash(value, name).items():
            if not isinstance(target, list) or not 1 <= len(target) <= 2:
                raise ValueError(f"Invalid structure for hash value of option {name}")
            defs[key] = (target + [None])[:2]
        return defs
    return value


def kramdown_options(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The kramdown options Jekyll converts a site's Markdown with, from its configuration."""
    config = config or {}
    given = dict(JEKYLL_KRAMDOWN_DEFAULTS)
    given.update(config.get("kramdown") or {})
    if not given.get("syntax_highlighter"):
        given["syntax_highlighter"] = ("coderay" if given.get("enable_coderay")
                                       else config.get("highlighter") or "rouge")
    highlighter_opts = dict(given.get("syntax_highlighter_opts") or {})
    if not highlighter_opts.get("default_lang"):
        highlighter_opts["default_lang"] = "plaintext"
    highlighter_opts["guess_lang"] = given.get("guess_lang")
    given["syntax_highlighter_opts"] = highlighter_opts
    options = dict(KRAMDOWN_DEFAULTS)
    for name, value in given.items():
        options[name] = parse_option(name, value) if name in KRAMDOWN_DEFAULTS else value
    return options


def options_key(config: Mapping[str, Any] | None) -> str:
    """A cache key for the options a configuration leads to (its ``kramdown`` hash and highlighter).

    It is computed on every conversion, so it is one ``repr`` of the items (sorted by name, for
    hashes written in another order) rather than one per value.
    """
    config = config or {}
    kramdown = config.get("kramdown") or {}
    try:
        # names are unique, so the pairs sort by name alone, without a key function per item
        items = sorted(kramdown.items())
    except TypeError:  # names of several types (a number among the strings)
        items = sorted(kramdown.items(), key=_name)
    return repr((items, config.get("highlighter")))


def _name(item: tuple[Any, Any]) -> str:
    return str(item[0])


class InlineOptions(dict):
    """Options a document sets for itself with ``{::options key="value" /}``, parsed as they arrive.

    kramdown ignores a value it cannot parse; the converter then uses the merged options for
    the whole document.  `merged` (the document's options: the converter's, then these) gets
    each value too, so that it is one plain mapping to read from.
    """

    def __init__(self, merged: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.merged = merged

    def __setitem__(self, name: str, value: Any) -> None:
        try:
            parsed = parse_option(name, value) if name in KRAMDOWN_DEFAULTS else value
        except (ValueError, TypeError, _yaml().YAMLError):  # (evaluated only when one is raised)
            return
        super().__setitem__(name, parsed)
        if self.merged is not None:
            self.merged[name] = parsed
