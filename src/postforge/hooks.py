"""The plugin hook specification: every point where a plugin can take part in a build.

Built-in plugins (archives, triage, glossary, the GitHub Pages set) and third-party ones use
exactly these hooks, through the :data:`hookimpl` marker::

    from postforge.hooks import hookimpl

    @hookimpl
    def register_liquid(env):
        env.add_filter("shout", lambda value: str(value).upper())

Hook names follow Jekyll's ``Hooks`` owners and events. Every hook is called with keyword
arguments, and an implementation may accept any subset of them. Hooks that transform text return
the new text, or ``None`` to leave it as it was, so implementations stay pure functions.
``site`` is the :class:`postforge.site.Site` being built: its ``config``, ``content`` (what was
read), ``env`` (the Liquid environment), ``liquid_site`` (extra ``site.*`` variables) and
``new_page()``. ``document`` is a :class:`postforge.model.documents.Page` or
:class:`~postforge.model.documents.Document`; ``document.kind`` is ``"page"`` or ``"document"``
and a document's ``collection`` names its collection (``posts`` for posts).

**The per-document hooks may run in a worker process.** ``document_pre_render``,
``document_post_convert`` and ``document_post_render`` are called while one page or document
renders. Collection documents (posts, the bulk of a blog) render in forked worker processes
(``-j``/``jobs:``); what such a hook changes on the ``document`` it is given (its ``data``,
and its text through the return value) comes back to the main process, and nothing else does.
So these hooks must change only their document: a site-wide list (every post's notes, every
page that mentions a term) is built from the documents' ``data`` in
``site_post_render_documents`` (every collection document rendered, pages next) or
``site_post_render``. Pages always render in the main process, in order, after that hook. An
incremental build (``-I``) replays a document's hook changes to ``data`` from its cache when it
does not render the document again, so what a hook sets should follow from the document, the
configuration and what ``site_post_read``/``generate`` prepared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

import pluggy

if TYPE_CHECKING:
    from postforge.liquid import Environment
    from postforge.model.documents import Convertible

__all__ = ["ENTRY_POINT_GROUP", "PROJECT", "DOCUMENT_HOOKS", "hookimpl", "hookspec", "HookSpec"]

#: the pluggy project name: markers and entry points use it
PROJECT = "postforge"
#: the group third-party packages list their plugins under
ENTRY_POINT_GROUP = "postforge.plugins"

#: the hooks called per page or document, possibly in a worker process
DOCUMENT_HOOKS = ("document_pre_render", "document_post_convert", "document_post_render")

hookspec = pluggy.HookspecMarker(PROJECT)
#: decorate a plugin's hook functions with this
hookimpl = pluggy.HookimplMarker(PROJECT)


class HookSpec:
    """The hooks, in the order a build calls them."""

    # -- registration ----------------------------------------------------------------------------

    @hookspec
    def register_liquid(self, env: Environment, site: Any) -> None:
        """Add Liquid filters (``env.add_filter``) and tags (``env.add_tag``) to the site's engine."""

    @hookspec
    def register_converters(self, site: Any) -> list[Any]:
        """Return converters for more file extensions: objects with ``matches(ext)``,
        ``output_ext(ext)`` and ``convert(text)``; they are tried before the built-in ones."""

    # -- lifecycle (Jekyll's :site, :pages/:documents events) ------------------------------------

    @hookspec
    def site_after_init(self, site: Any) -> None:
        """The site is configured; nothing has been read. (Jekyll: ``:site, :after_init``.)"""

    @hookspec
    def site_post_read(self, site: Any) -> None:
        """Everything is read and has its URL; change data, add ``site.liquid_site`` keys."""

    @hookspec
    def generate(self, site: Any) -> list[Any]:
        """Return pages to add to the site (``site.new_page(...)``), as Jekyll's generators do."""

    @hookspec
    def document_pre_render(self, site: Any, document: Convertible, payload: dict[str, Any]) -> None:
        """A page or document is about to render; ``payload`` is what its Liquid will see.
        May run in a worker process: change only ``document`` (and ``payload``)."""

    @hookspec
    def document_post_convert(self, site: Any, document: Convertible, html: str) -> str | None:
        """The body is converted (Markdown → HTML) but not yet in its layout: return new HTML or None.
        May run in a worker process: change only ``document``."""

    @hookspec
    def document_post_render(self, site: Any, document: Convertible, output: str) -> str | None:
        """The page is complete, layouts included: return new output or None.
        May run in a worker process: change only ``document``."""

    @hookspec
    def site_post_render_documents(self, site: Any) -> None:
        """Every collection document is rendered (its ``content``, ``output`` and the ``data`` its
        hooks set are here, in the main process); pages render next. Build site-wide lists here."""

    @hookspec
    def site_post_render(self, site: Any) -> None:
        """Every page and document is rendered; nothing is written yet."""

    @hookspec
    def site_post_write(self, site: Any) -> None:
        """The site is written to its destination."""
