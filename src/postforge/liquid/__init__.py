"""postforge.liquid: the Liquid that Jekyll runs, compiled to Jinja2 and Python bytecode.

>>> from postforge.liquid import Environment
>>> Environment().from_string("{% for x in (1..3) %}{{ x }}{% endfor %}").render()
'123'

The names below are found when first asked for (PEP 562): a module of this package that needs
no template engine (``filters.ruby_time``, which the YAML loader uses to read a site's
configuration) is imported without Jinja2 and the compiler coming along, so a build can start
work in another process before it has loaded them.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name → the module that defines it
_HOMES = {
    "Environment": "environment",
    "Template": "template",
    "RenderContext": "runtime",
    "Drop": "drops",
    "MappingDrop": "drops",
    "DictLoader": "loaders",
    "FileSystemLoader": "loaders",
    "LiquidError": "errors",
    "LiquidSyntaxError": "errors",
    "LiquidRenderError": "errors",
    "LiquidArgumentError": "errors",
    "LiquidZeroDivisionError": "errors",
    "LiquidFileSystemError": "errors",
    "UndefinedVariable": "errors",
    "UndefinedFilter": "errors",
}

__all__ = list(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found once: later lookups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
