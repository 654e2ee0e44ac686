"""Front matter defaults (``defaults:`` in the config): which sets apply to a file, and in what order.

Jekyll 4.3's FrontmatterDefaults, whose quirks decide a page's data and so are kept:

* a scope ``path`` is a plain string prefix of the file's path (``about`` matches ``about-us.md``),
  compared without removing the scope's own leading ``/`` (so ``/docs`` matches nothing); a path
  with ``*`` is a glob (Ruby's ``Dir.glob``: ``*`` stops at ``/`` and skips dot-names, ``**/``
  spans folders, ``{a,b}``), and the file matches when a globbed path is a prefix of its path;
* a scope ``path`` under ``collections_dir`` has that folder stripped, because documents' paths
  are relative to it;
* ``type`` is ``pages``, a collection label (``posts``, also for drafts) or nothing (static files
  outside collections match only sets without a type); ``page``/``post``/``draft`` are renamed;
* sets apply in config order: a set whose scope path is at least as long (or, equally long, has a
  type, or follows one without) wins and is deep-merged on top, any other is merged underneath;
* a ``date`` value is parsed once, with ``Time.parse``, into local time.

Globs are matched against the file's own path and its folders, not the file system: Jekyll's
``Dir.glob`` can also match a sibling whose name is a prefix of the file's (``docs/sub`` for
``docs/subway.md``); that accident is not reproduced.
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from typing import Any

from postforge.config import deep_merge
from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.liquid.filters.ruby_time import local_zone
from postforge.liquid.filters.ruby_time import time_parse
from postforge.log import logger

__all__ = ["FrontMatterDefaults", "glob_to_regex"]

_DEPRECATED_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}


class FrontMatterDefaults:
    """The ``defaults:`` sets of one site, asked per file; results are cached per (path, type)."""

    def __init__(self, defaults_config: list, collections_dir: str = "", *, origin: str = "_config.yml") -> None:
        self.collections_dir = collections_dir or ""
        self.origin = origin
        self._sets = _valid_sets(defaults_config, origin) if isinstance(defaults_config, list) else []
        self._matching: dict[tuple[str, str | None], list[dict]] = {}
        self._merged: dict[tuple[str, str | None], dict] = {}
        self._globs: dict[str, re.Pattern[str]] = {}

    def for_path(self, relative_path: str, doc_type: str | None) -> dict:
        """``all(path, type)``: every matching set's values merged by precedence (a fresh copy).

        ``relative_path`` is relative to the source for pages and static files, to
        ``collections_dir`` for collection documents (as Jekyll's ``relative_path`` is).
        """
        key = (relative_path, doc_type)
        merged = self._merged.get(key)
        if merged is None:
            merged = {}
            old_scope: Any = None
            for default_set in self._sets_for(relative_path, doc_type):
                scope = default_set.get("scope")
                if self._has_precedence(old_scope, scope):
                    merged = deep_merge(merged, default_set["values"])
                    old_scope = scope
                else:
                    merged = deep_merge(default_set["values"], merged)
            self._merged[key] = merged
        return copy.deepcopy(merged)

    def find(self, relative_path: str, doc_type: str | None, setting: str) -> Any:
        """``find(path, type, setting)``: the one value of ``setting`` from the most specific set."""
        value = None
        old_scope: Any = None
        for default_set in self._sets_for(relative_path, doc_type):
            if setting in default_set["values"] and self._has_precedence(old_scope, default_set.get("scope")):
                value = default_set["values"][setting]
                old_scope = default_set.get("scope")
        return copy.deepcopy(value)

    # -- matching --------------------------------------------------------------------------------

    def _sets_for(self, relative_path: str, doc_type: str | None) -> list[dict]:
        key = (relative_path, doc_type)
        found = self._matching.get(key)
        if found is None:
            found = [s for s in self._sets if "scope" not in s or self._applies(s["scope"], relative_path, doc_type)]
            self._matching[key] = found
        return found

    def _applies(self, scope: dict, path: str, doc_type: str | None) -> bool:
        if "type" in scope and (doc_type is None or str(doc_type) != str(scope["type"])):
            return False
        scope_path = scope.get("path")
        if not isinstance(scope_path, str) or not scope_path:
            return True
        path = _sanitize(path)
        if "*" not in scope_path:
            return path.startswith(self._strip_collections_dir(scope_path))
        return self._glob_applies(scope_path, path, doc_type)

    def _glob_applies(self, pattern: str, path: str, doc_type: str | None) -> bool:
        regex = self._globs.get(pattern)
        if regex is None:
            regex = self._globs[pattern] = glob_to_regex(re.sub(r"^(?:\./)+", "", pattern))
        site_path = path
        if doc_type not in (None, "pages") and self.collections_dir:
            site_path = f"{self.collections_dir.rstrip('/')}/{path}"
        parts = site_path.split("/")
        candidates = ["/".join(parts[: index + 1]) for index in range(len(parts))]
        for index, candidate in enumerate(candidates):
            is_folder = index + 1 < len(candidates)
            if regex.fullmatch(candidate) or (is_folder and regex.fullmatch(candidate + "/")):
                if path.startswith(self._strip_collections_dir(candidate)):
                    return True
        return False

    def _strip_collections_dir(self, path: str) -> str:
        prefix = f"{self.collections_dir}/"
        if not self.collections_dir or not path.startswith(prefix):
            return path
        return path.replace(prefix, "", 1)

    def _has_precedence(self, old_scope: Any, new_scope: Any) -> bool:
        """A longer scope path wins; on a tie, a typed scope wins, or a later one over an untyped one."""
        if old_scope is None:
            return True
        if new_scope is None:
            raise PostforgeError(
                "front matter defaults: a set without a scope cannot follow a set with one that applies "
                "to the same file (Jekyll 4.3 fails with NoMethodError here); give it `scope: {path: \"\"}`",
                Location(self.origin),
            )
        new_path = _sanitize(new_scope.get("path"))
        old_path = _sanitize(old_scope.get("path"))
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        if "type" in new_scope:
            return True
        return "type" not in old_scope


def _sanitize(path: Any) -> str:
    """FrontmatterDefaults#sanitize_path: ``nil``/empty is ``""``, one leading ``/`` dropped."""
    if not path:
        return ""
    path = str(path)
    return path[1:] if path.startswith("/") else path


def _valid_sets(sets: list, origin: str) -> list[dict]:
    """The usable sets, deprecated types renamed and dates parsed; others warned about and dropped."""
    valid = []
    for default_set in sets:
        if not isinstance(default_set, dict) or not isinstance(default_set.get("values"), dict):
            logger.warn("Defaults:", "An invalid front-matter default set was found:")
            logger.warn(str(default_set))
            continue
        default_set = dict(default_set)
        if "scope" in default_set:
            scope = default_set["scope"]
            if not isinstance(scope, dict):
                raise PostforgeError(
                    f"front matter defaults: 'scope' should be a hash, but was: {scope!r}", Location(origin)
                )
            if "type" in scope and str(scope["type"]) in _DEPRECATED_TYPES:
                old = str(scope["type"])
                logger.warn(
                    "Defaults:",
                    f"The '{old}' type has become '{_DEPRECATED_TYPES[old]}'. Please update your front-matter "
                    "defaults to use 'type: " + _DEPRECATED_TYPES[old] + "'.",
                )
                default_set["scope"] = {**scope, "type": _DEPRECATED_TYPES[old]}
        if "date" in default_set["values"]:
            default_set["values"] = {**default_set["values"], "date": _ensure_time(default_set, origin)}
        valid.append(default_set)
    return valid


def _ensure_time(default_set: dict, origin: str) -> _dt.datetime:
    """``Utils.parse_date(value)``: ``Time.parse(value).localtime``; Jekyll fails on anything else."""
    value = default_set["values"]["date"]
    if isinstance(value, _dt.datetime):
        return value
    message = f"An invalid date format was found in a front-matter default set: {default_set}"
    if not isinstance(value, str):
        raise PostforgeError(f"Invalid date {value!r}: {message} (write it as a time or a quoted string)", Location(origin))
    try:
        return time_parse(value).astimezone(local_zone())
    except (ValueError, OverflowError):
        raise PostforgeError(f"Invalid date '{value}': {message}", Location(origin)) from None


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A ``Dir.glob`` pattern (no FNM_DOTMATCH) as a regex over relative paths."""
    return re.compile(_glob_part(pattern, 0, top=True)[0])


def _glob_part(pattern: str, index: int, top: bool) -> tuple[str, int]:
    """Translate from ``index`` until the end (or, inside braces, a ``,``/``}``); returns (regex, stop)."""
    out: list[str] = []
    size = len(pattern)
    while index < size:
        char = pattern[index]
        at_start = index == 0 or pattern[index - 1] == "/"
        if not top and char in ",}":
            break
        if char == "*":
            if pattern.startswith("**/", index) and at_start:
                out.append(r"(?:(?!\.)[^/]*/)*")
                index += 3
                continue
            while index < size and pattern[index] == "*":
                index += 1
            out.append(r"(?!\.)[^/]*" if at_start else r"[^/]*")
            continue
        if char == "?":
            out.append(r"(?!\.)[^/]" if at_start else r"[^/]")
        elif char == "[":
            end = pattern.find("]", index + 2)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : end]
                negate = body[:1] in ("!", "^")
                body = body[1:] if negate else body
                out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
                index = end
        elif char == "{":
            options = []
            index += 1
            while True:
                option, index = _glob_part(pattern, index, top=False)
                options.append(option)
                if index >= size or pattern[index] == "}":
                    break
                index += 1
            out.append("(?:" + "|".join(options) + ")")
        elif char == "\\" and index + 1 < size:
            index += 1
            out.append(re.escape(pattern[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out), index
