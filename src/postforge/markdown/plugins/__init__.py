"""kramdown's extensions to Markdown, each a mistune plugin: ``plugin(md)`` adds its rules.

* `deflist`: definition lists (``Term`` / ``: definition``);
* `footnotes`: ``[^name]`` markers, their definitions and the endnotes block;
* `abbr`: ``*[SQS]: Simple Queue Service`` and ``<abbr>`` in text;
* `ial`: ``{: .class #id key="v"}`` on blocks and spans, ALDs, ``{::comment}``-style extensions;
* `toc`: the ``{:toc}`` list.

A plugin registers named start patterns on ``md.block`` / ``md.inline`` (placed with ``before=``
where kramdown tries its parser) and render functions or wrappers on ``md.renderer``; the token
protocol and the renderer's hooks are described in `postforge.markdown.renderer`.
:data:`PLUGINS` is the order `postforge.markdown.create_markdown` applies them in: it keeps
kramdown's order among the rules that share a place, puts the ``{:toc}`` check before the
``{:footnotes}`` one, and lets the endnotes be written before the TOC is filled in.
"""

from __future__ import annotations

from postforge.markdown.plugins import abbr
from postforge.markdown.plugins import deflist
from postforge.markdown.plugins import footnotes
from postforge.markdown.plugins import ial
from postforge.markdown.plugins import toc

__all__ = ["PLUGINS", "abbr", "deflist", "footnotes", "ial", "toc"]

#: every extension, in the order they are applied
PLUGINS = (deflist.plugin, footnotes.plugin, abbr.plugin, ial.plugin, toc.plugin)
