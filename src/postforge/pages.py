"""What GitHub Pages will not publish of a built site, said before it silently goes missing.

``actions/upload-pages-artifact`` (v5, which action.yml uses) packs the site with GNU tar and
``--exclude=.git --exclude=.github``, plus ``--exclude=.[^/]*`` unless its ``include-hidden-files``
input is ``true``; v4 always added the third pattern, v3 never did. tar's exclusion patterns are
unanchored, match ``/`` with ``*`` and cover everything below a matched directory, so together they
mean: a file is left out when any part of its path names a hidden entry (``.well-known/``,
``.nojekyll``, ``assets/.keep``) — or, with ``include-hidden-files``, a ``.git`` or ``.github`` one.
The deploy then succeeds and the URL answers 404, which is why the build says so first.

Jekyll (and postforge) copy a dotfile into ``_site`` only when ``include:`` names it, so a site
that has one in its output meant to publish it.

``python -m postforge.pages DESTINATION`` prints the warning; ``--github`` prints it as a
workflow annotation, as the action does after its build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

__all__ = [
    "ALWAYS_EXCLUDED",
    "dropped_by_upload",
    "github_annotation",
    "is_dropped",
    "main",
    "warning_message",
]

#: names upload-pages-artifact leaves out even with ``include-hidden-files: true``
ALWAYS_EXCLUDED = frozenset({".git", ".github"})
#: how many names a warning lists before "and N more"
LISTED = 10


def is_dropped(relative_path: str, *, include_hidden_files: bool = False) -> bool:
    """Whether the upload leaves out the entry at ``relative_path`` (``/``-separated, from the site's root)."""
    parts = [part for part in relative_path.split("/") if part not in ("", ".")]
    if include_hidden_files:
        return any(part in ALWAYS_EXCLUDED for part in parts)
    return any(part.startswith(".") for part in parts)


def dropped_by_upload(destination: str | os.PathLike[str], *, include_hidden_files: bool = False) -> list[str]:
    """The files of the built site at ``destination`` the Pages artifact will not hold, sorted, ``/``-separated.

    Files only: a folder left out is reported through the files in it. Symbolic links count as
    what they point to, since the upload dereferences them. A missing destination drops nothing.
    """
    root = Path(destination)
    dropped: list[str] = []
    for folder, subfolders, files in os.walk(root, followlinks=True):
        relative = Path(folder).relative_to(root).as_posix()
        prefix = "" if relative == "." else relative + "/"
        subfolders.sort()
        for name in files:
            if is_dropped(prefix + name, include_hidden_files=include_hidden_files):
                dropped.append(prefix + name)
    return sorted(dropped)


def warning_message(
    dropped: Sequence[str], destination: str | os.PathLike[str], *, include_hidden_files: bool = False
) -> str:
    """One warning naming what will be missing from the published site, and how to publish it."""
    count = len(dropped)
    names = ", ".join(dropped[:LISTED]) + (f" and {count - LISTED} more" if count > LISTED else "")
    files = "1 file" if count == 1 else f"{count} files"
    if include_hidden_files:
        return (
            f"{files} in {os.fspath(destination)} will not be published on GitHub Pages: the Pages artifact "
            f"leaves out .git and .github folders: {names}."
        )
    return (
        f"{files} in {os.fspath(destination)} will not be published on GitHub Pages: the Pages artifact leaves "
        f"out hidden files and folders: {names}. Set the action's `include-hidden-files: true` to publish them."
    )


def github_annotation(message: str, *, title: str = "Not published on GitHub Pages", level: str = "warning") -> str:
    """``message`` as a workflow command, escaped as the runner unescapes it."""

    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    escaped_title = escape(title).replace(":", "%3A").replace(",", "%2C")
    return f"::{level} title={escaped_title}::{escape(message)}"


def _flag(value: str) -> bool:
    """The upload's reading of its input: exactly ``true`` includes hidden files, anything else does not."""
    return value == "true"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the warning for ``DESTINATION`` when something will be left out; never fails the build."""
    import argparse  # here: the CLI imports this module for its checks, and argparse costs it ~1 ms

    parser = argparse.ArgumentParser(prog="python -m postforge.pages", description=main.__doc__)
    parser.add_argument("destination", nargs="?", default="_site", help="the built site (default: _site)")
    parser.add_argument("--include-hidden-files", type=_flag, default=False, metavar="true|false")
    parser.add_argument("--github", action="store_true", help="print a GitHub Actions warning annotation")
    options = parser.parse_args(argv)
    dropped = dropped_by_upload(options.destination, include_hidden_files=options.include_hidden_files)
    if dropped:
        message = warning_message(dropped, options.destination, include_hidden_files=options.include_hidden_files)
        print(github_annotation(message) if options.github else f"Warning: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
