"""jekyll-github-metadata: ``site.github``, with what is known without asking GitHub's API.

The repository is ``PAGES_REPO_NWO`` from the environment, else ``repository: owner/name`` from the
configuration, else (in the development and test environments only, as the gem does) the
``origin`` remote of the git checkout holding the source. From it and the environment variables
the gem reads (``PAGES_ENV``, defaulting to ``JEKYLL_ENV``; ``PAGES_GITHUB_HOSTNAME``,
``PAGES_PAGES_HOSTNAME``, ``PAGES_API_URL``, ``PAGES_HELP_URL``, ``SSL``, ``SUBDOMAIN_ISOLATION``,
``PAGE_BUILD_ID``), jekyll-github-metadata 2.15's own rules give, offline:

* ``environment``/``pages_env``, ``hostname``, ``pages_hostname``, ``api_url``, ``help_url``;
* ``repository_nwo``, ``repository_name``/``project_title``, ``owner_name``, ``owner_url``,
  ``owner_gravatar_url``, ``repository_url``, ``clone_url``, ``releases_url``, ``zip_url`` and
  ``tar_url`` (of the ``gh-pages`` branch, ``master`` for a user site), ``source``,
  ``is_user_page``/``is_project_page``, ``url`` and ``baseurl`` (the Pages URL the gem works out
  when the API does not answer), ``build_revision`` (``JEKYLL_BUILD_REVISION`` or the checkout's
  ``HEAD``), ``versions`` (``{}``: there is no github-pages gem).

What only the API knows is what the gem has when the API cannot be reached: ``false`` for
``contributors``, ``releases`` and ``latest_release``; nil for ``project_tagline``, ``language``,
``license``, ``issues_url``, ``wiki_url``, ``show_downloads``, ``private``, ``archived``,
``disabled``, ``owner_display_name``, ``organization_members`` and every key of ``owner``;
``public_repositories`` is ``[]`` (the gem fails the build there). A ``github:`` hash in the
configuration is merged over all of it. As the gem does, the site's ``title`` defaults to the
repository's name (the owner's for a user site), and in production ``url`` and ``baseurl`` default
to the Pages URL's. ``{% github_edit_link "text" %}`` links to the page's source on GitHub.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import weakref
from typing import Any
from urllib.parse import quote
from urllib.parse import urljoin
from urllib.parse import urlsplit

from postforge.config import deep_merge
from postforge.hooks import hookimpl
from postforge.liquid.drops import MappingDrop
from postforge.liquid.runtime import lookup
from postforge.log import logger

__all__ = [
    "Pages", "find_nwo", "github_values", "site_fallbacks", "edit_link", "github_payload", "GitHubDrop", "OWNER_KEYS",
]

_DEFAULTS = {
    "PAGES_ENV": "development", "PAGES_API_URL": "https://api.github.com", "PAGES_HELP_URL": "https://help.github.com",
    "PAGES_GITHUB_HOSTNAME": "github.com", "PAGES_PAGES_HOSTNAME": "github.io", "SSL": "false",
    "SUBDOMAIN_ISOLATION": "false",
}
#: the owner's keys the API would fill in
OWNER_KEYS = (
    "avatar_url", "bio", "blog", "collaborators", "company", "created_at", "description", "email", "followers",
    "following", "has_organization_projects", "has_repository_projects", "hireable", "html_url", "id",
    "is_verified", "location", "login", "name", "node_id", "public_gists", "public_repos", "type", "updated_at",
)
NO_REPOSITORY = (
    "No repo name found. Specify using PAGES_REPO_NWO environment variables, 'repository' in your "
    "configuration, or set up an 'origin' git remote pointing to your github.com repository."
)


class Pages:
    """The GitHub Pages environment the gem reads from environment variables."""

    def __init__(self, environ: dict[str, str]) -> None:
        self.environ = environ

    def var(self, key: str, fallback: str | None = None) -> str:
        value = self.environ.get(key, "")
        return value if value else (fallback if fallback is not None else _DEFAULTS.get(key, ""))

    @property
    def env(self) -> str:
        return self.var("PAGES_ENV", self.environ.get("JEKYLL_ENV"))

    @property
    def enterprise(self) -> bool:
        return self.env == "enterprise"

    @property
    def custom_domains(self) -> bool:
        return self.env in ("dotcom", "test")

    @property
    def scheme(self) -> str:
        return "https" if self.var("SSL") == "true" or self.env == "test" else "http"

    @property
    def hostname(self) -> str:
        return self.var("PAGES_GITHUB_HOSTNAME", self.environ.get("GITHUB_HOSTNAME")).removesuffix("/")

    @property
    def pages_hostname(self) -> str:
        fallback = self.environ.get("PAGES_HOSTNAME") or ("localhost:4000" if self.env == "development" else None)
        return self.var("PAGES_PAGES_HOSTNAME", fallback).removesuffix("/")

    @property
    def github_url(self) -> str:
        if self.env == "dotcom" or self.hostname == "github.com":
            return "https://github.com"
        return f"{self.scheme}://{self.hostname}"

    def url(self, key: str, fallback: str) -> str:
        return self.var(key, self.environ.get(fallback)).removesuffix("/")


def find_nwo(environ: dict[str, str], config: dict[str, Any], source: Any, pages: Pages) -> str | None:
    """``owner/name``: the environment, the configuration, or the origin remote (development, test)."""
    if environ.get("PAGES_REPO_NWO"):
        return environ["PAGES_REPO_NWO"]
    repository = config.get("repository")
    if isinstance(repository, str) and "/" in repository:
        return repository
    if environ.get("JEKYLL_ENV", "development") not in ("development", "test"):
        return None
    try:
        remote = subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=source, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        return None
    found = re.search(re.escape(pages.hostname) + r"(:|/)([\w-]+)/([\w.-]+)", remote.removesuffix(".git"), re.ASCII)
    return f"{found.group(2)}/{found.group(3)}" if found else None


def _pages_url(owner: str, name: str, pages: Pages) -> tuple[str, bool]:
    """The site's Pages URL without a trailing slash, and whether it is a user (owner) site."""
    github_repo = not pages.enterprise and owner == "github"
    if github_repo:
        user_domain = f"{owner}.{pages.hostname}".lower()
    elif pages.enterprise:
        user_domain = pages.pages_hostname.lower()
    else:
        user_domain = f"{owner}.{pages.pages_hostname}".lower()
    if pages.enterprise:
        user_page = name.lower() == f"{owner.lower()}.{pages.hostname}"
    else:
        user_page = name.lower() in (user_domain, f"{owner}.github.com".lower())
    if not pages.custom_domains:
        path = owner if user_page else f"{owner}/{name}"
        if pages.var("SUBDOMAIN_ISOLATION") == "true":
            url = urljoin(f"{pages.scheme}://{pages.pages_hostname}/", path)
        else:
            url = urljoin(f"{pages.github_url}/pages/", path)
    else:
        domain = user_domain  # a project site's owner site, when the API cannot say it has a CNAME
        if pages.enterprise:
            scheme = pages.scheme
        else:
            scheme = "https" if owner == "github" and domain.endswith(".github.com") else "http"
        url = f"{scheme}://{domain}" if user_page else urljoin(f"{scheme}://{domain}", name)
    return url.removesuffix("/"), user_page


def _build_revision(source: Any) -> str:
    if os.environ.get("JEKYLL_BUILD_REVISION"):
        return os.environ["JEKYLL_BUILD_REVISION"]
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return result.stdout.strip()


def github_values(nwo: str | None, pages: Pages) -> dict[str, Any]:
    """Every ``site.github`` key known offline, sorted as the gem's drop lists them."""
    values: dict[str, Any] = {
        "api_url": pages.url("PAGES_API_URL", "API_URL"), "help_url": pages.url("PAGES_HELP_URL", "HELP_URL"),
        "environment": pages.env, "pages_env": pages.env, "hostname": pages.hostname,
        "pages_hostname": pages.pages_hostname, "versions": {}, "public_repositories": [],
        "contributors": False, "releases": False, "latest_release": False, "organization_members": None,
        "owner": dict.fromkeys(OWNER_KEYS), "owner_display_name": None, "project_tagline": None,
        "language": None, "license": None, "issues_url": None, "wiki_url": None, "show_downloads": None,
        "private": None, "archived": None, "disabled": None,
    }
    if nwo is not None:
        owner, name = nwo.split("/")[0], nwo.split("/")[-1]
        url, user_page = _pages_url(owner, name, pages)
        owner_url = f"{pages.github_url}/{owner}"
        repository_url = f"{owner_url}/{name}"
        branch = "master" if user_page else "gh-pages"
        values.update({
            "repository_nwo": nwo, "repository_name": name, "project_title": name, "owner_name": owner,
            "owner_url": owner_url, "owner_gravatar_url": f"{owner_url}.png", "repository_url": repository_url,
            "clone_url": f"{repository_url}.git", "releases_url": f"{repository_url}/releases",
            "zip_url": f"{repository_url}/zipball/{branch}", "tar_url": f"{repository_url}/tarball/{branch}",
            "source": {"branch": branch, "path": "/"}, "is_user_page": user_page, "is_project_page": not user_page,
            "url": url, "baseurl": urlsplit(url).path,
        })
    return dict(sorted(values.items()))


def site_fallbacks(config: dict[str, Any], values: dict[str, Any], pages: Pages) -> dict[str, Any]:
    """The configuration keys the gem fills in when the site leaves them unset."""
    changes: dict[str, Any] = {}
    if "repository_name" not in values:
        return changes
    if not (config.get("name") and not config.get("title")) and _unset(config.get("title")):
        changes["title"] = values["repository_name"] if values["is_project_page"] else values["owner_name"]
    if pages.env == "production" or pages.var("PAGE_BUILD_ID"):
        parts = urlsplit(values["url"])
        if _unset(config.get("url")):
            changes["url"] = f"{parts.scheme}://{parts.netloc}"
        if config.get("baseurl") is None or config.get("baseurl") == "/":
            changes["baseurl"] = values["baseurl"]
    return changes


def edit_link(github: Any, page_path: Any, text: str | None) -> str:
    """``{% github_edit_link %}``: the URL (or a link) to edit the page on GitHub; "" without data."""
    source = lookup(github, "source")
    parts = [lookup(github, "repository_url"), "edit/", lookup(source, "branch"), lookup(source, "path"), page_path]
    if any(part is None for part in parts):
        logger.warn("JekyllEditLink:", "Cannot generate edit URLs due to missing site.github data")
        return ""
    pieces = []
    for index, part in enumerate(parts):
        part = str(part).removeprefix("/")
        if index < len(parts) - 1 and not part.endswith("/"):
            part += "/"
        pieces.append("" if part == "/" else part)
    url = quote("".join(pieces), safe=":/?#[]@!$&'()*+,;=%~")
    return f'<a href="{url}">{text}</a>' if text is not None else url


class GitHubDrop(MappingDrop):
    """``site.github``; printed, it is the gem's pretty JSON."""

    __slots__ = ()

    def liquid_str(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def github_payload(values: dict[str, Any], given: Any, source: Any) -> Any:
    """``site.github``: the values (``build_revision`` read when asked), a ``github:`` hash merged in."""
    data = dict(sorted({**values, "build_revision": lambda: _build_revision(source)}.items()))
    if given is None:
        return GitHubDrop(data)
    if isinstance(given, dict):
        return GitHubDrop(deep_merge(data, given))
    return given


#: each site's offline values, worked out once when it is set up
_VALUES: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def _unset(value: Any) -> bool:
    """Ruby's ``||=`` sets a key that is nil or false."""
    return value is None or value is False


@hookimpl
def site_after_init(site: Any) -> None:
    pages = Pages(dict(os.environ))
    nwo = find_nwo(dict(os.environ), site.config, site.source, pages)
    if nwo is None:
        logger.warn("GitHub Metadata:", NO_REPOSITORY)
    elif site.config.get("name") and not site.config.get("title"):
        logger.warn(
            "GitHub Metadata:", "site.name is set in _config.yml, but many plugins and themes expect site.title "
            "to be used instead. To avoid potential inconsistency, Jekyll GitHub Metadata will not set "
            "site.title to the repository's name.",
        )
    values = github_values(nwo, pages)
    site.config.update(site_fallbacks(site.config, values, pages))
    _VALUES[site] = values


@hookimpl
def site_post_read(site: Any) -> None:
    site.liquid_site["github"] = github_payload(_VALUES.get(site, {}), site.config.get("github"), site.source)


def _render_edit_link(ctx: Any, markup: str) -> str:
    text = re.search(r"""(?:"(.*)"|'(.*)')""", markup)
    site = ctx.globals.get("site")
    page = ctx.globals.get("page")
    return edit_link(lookup(site, "github"), lookup(page, "path"), (text.group(1) or text.group(2)) if text else None)


@hookimpl
def register_liquid(env: Any) -> None:
    env.add_tag("github_edit_link", _render_edit_link)
