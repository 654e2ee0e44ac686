"""jekyll-avatar: ``{% avatar hubot size=40 %}`` writes the ``<img>`` of a GitHub user's avatar.

The markup is jekyll-avatar 0.8's, byte for byte, and nothing is fetched: the image is GitHub's
avatar URL ``https://avatarsN.githubusercontent.com/NAME?v=3&s=SIZE``, where the server ``N`` (0-3)
is the CRC32 of ``NAME?v=3&s=SIZE`` modulo 4, with a ``srcset`` at 1x to 4x the size. The user is
the first word of the tag (a leading ``@`` dropped), or the variable named by ``user=`` (its own
name when the variable is empty); the markup is Liquid, so ``{% avatar {{ page.author }} %}``
works. ``size=N`` sets the size (40 by default; below 48 the image also gets ``avatar-small``),
``lazy=true`` moves the URLs to ``data-src``/``data-srcset`` for lazy loaders. The
``PAGES_AVATARS_URL`` environment variable replaces GitHub's servers with one host.
"""

from __future__ import annotations

import os
import re
import zlib
from typing import Any
from urllib.parse import urljoin

from postforge.hooks import hookimpl
from postforge.liquid.runtime import lookup
from postforge.liquid.values import to_s

__all__ = ["DEFAULT_SIZE", "avatar_size", "user_variable", "username", "avatar_url", "avatar_tag"]

DEFAULT_SIZE = "40"
API_VERSION = "3"
SERVERS = 4
SCALES = (1, 2, 3, 4)
_SIZE = re.compile(r"\bsize=(\d+)\b", re.I)
_USER = re.compile(r"\buser=([\w.]+)\b")


def avatar_size(markup: str) -> str:
    """``size=N`` from the tag as written (not as rendered), as digits; 40 without one."""
    match = _SIZE.search(markup)
    return match.group(1) if match else DEFAULT_SIZE


def user_variable(markup: str) -> str | None:
    """The variable ``user=`` names, if the tag has one."""
    match = _USER.search(markup)
    return match.group(1) if match else None


def username(rendered: str, variable: str | None, resolve: Any) -> str:
    """Who the avatar is of: the ``user=`` variable's value, else the first word without its ``@``."""
    if variable is not None:
        value = resolve(variable)
        return to_s(value) if value is not None and value is not False else variable
    words = rendered.split()
    first = words[0] if words else ""
    return first[1:] if first.startswith("@") else first


def _path(user: str, size: str, scale: int) -> str:
    return f"{user}?v={API_VERSION}&s={size if scale == 1 else int(size) * scale}"


def avatar_url(user: str, size: str, scale: int = 1, custom_host: str = "") -> str:
    """The image URL at ``scale`` times the size; the server depends on the 1x path only."""
    if custom_host:
        base = custom_host if custom_host.endswith("/") else custom_host + "/"
        return urljoin(base, _path(user, size, scale))
    server = zlib.crc32(_path(user, size, 1).encode("utf-8")) % SERVERS
    return f"https://avatars{server}.githubusercontent.com/{_path(user, size, scale)}"


def avatar_tag(user: str, size: str, lazy: bool, custom_host: str = "") -> str:
    """The ``<img>`` element, attributes in the gem's order."""
    srcset = ", ".join(f"{avatar_url(user, size, scale, custom_host)} {scale}x" for scale in SCALES)
    classes = "avatar avatar-small" if int(size) < 48 else "avatar"
    url = avatar_url(user, size, 1, custom_host)
    common = f'class="{classes}" alt="{user}" width="{size}" height="{size}" data-proofer-ignore="true"'
    if lazy:
        return f'<img {common} src="" data-src="{url}" data-srcset="{srcset}" />'
    return f'<img {common} src="{url}" srcset="{srcset}" />'


def _resolve(ctx: Any, variable: str) -> Any:
    """``page.author`` looked up key by key, as the gem walks the context."""
    first, *rest = variable.split(".")
    value = ctx.get(first)
    for key in rest:
        value = lookup(value, key)
    return value


def render_avatar(ctx: Any, markup: str) -> str:
    text = markup.strip()
    rendered = ctx.env.from_string(text).render_into(ctx) if "{" in text else text
    user = username(rendered, user_variable(text), lambda variable: _resolve(ctx, variable))
    return avatar_tag(user, avatar_size(text), "lazy=true" in rendered, os.environ.get("PAGES_AVATARS_URL", ""))


@hookimpl
def register_liquid(env: Any) -> None:
    env.add_tag("avatar", render_avatar)
