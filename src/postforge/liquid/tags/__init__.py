"""Liquid's tags and Jekyll's, as parse functions: ``parse(parser, token, name, markup)``.

A parse function returns ``(node or None, blank)``; the compiler gives each node kind its meaning.
:data:`BUILTIN_TAGS` is copied into every Environment, which plugins then extend.
"""

from __future__ import annotations

from postforge.liquid.tags import control
from postforge.liquid.tags import iteration
from postforge.liquid.tags import jekyll
from postforge.liquid.tags import variables

__all__ = ["BUILTIN_TAGS"]

BUILTIN_TAGS = {
    **control.TAGS,
    **iteration.TAGS,
    **variables.TAGS,
    **jekyll.TAGS,
}
