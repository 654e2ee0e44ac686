"""``postforge new``: a working starter site, copied from the package's ``starter/`` folder.

The starter is real files so that it can be read, edited and built as it is. Two names are
filled in when copying, as ``jekyll new`` does with its ERB template: the post named
``0000-00-00-…`` takes today's date, and the ``date:`` placeholder inside it the current time.
``gitignore`` and ``github/`` are stored without their dot (packaging tools drop dotfiles) and
written as ``.gitignore`` and ``.github/``: the GitHub Pages workflow, so that a new site deploys
on its first push. It calls postforge's reusable workflow at the tag of the postforge that made
the site (``@vX.Y.Z`` in the stored file), so the site is built by the version it was made with
until its owner moves the tag.

As in Jekyll, a folder counts as empty when it holds only hidden entries (``Dir["path/**/*"]``
skips them), so ``postforge new .`` works in a fresh git checkout.
"""

from __future__ import annotations

import os
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from postforge import __version__
from postforge.errors import PostforgeError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # Python 3.11+; annotations only

__all__ = ["DATE_PLACEHOLDER", "new_site", "starter_files"]

#: the post name prefix and the front matter date replaced by the current date
DATE_PLACEHOLDER = "0000-00-00"
_TIME_PLACEHOLDER = "0000-00-00 00:00:00 +0000"
#: top-level entries stored without the dot their site needs
_RENAMES = {"gitignore": ".gitignore", "github": ".github"}
#: the postforge tag in the starter's workflow, replaced by this postforge's
_VERSION_PLACEHOLDER = b"@vX.Y.Z"
_WORKFLOWS = ".github/workflows/"
_SKIP = {"__pycache__", "__init__.py"}


def starter_files(now: datetime) -> dict[str, bytes]:
    """The starter site: relative path → content, with the date filled in from ``now``."""
    files: dict[str, bytes] = {}
    stamp = now.strftime("%Y-%m-%d %H:%M:%S %z").encode("ascii")

    def collect(folder: Traversable, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name in _SKIP:
                continue
            name = _RENAMES.get(entry.name, entry.name) if not prefix else entry.name
            if entry.is_dir():
                collect(entry, f"{prefix}{name}/")
                continue
            data = entry.read_bytes()
            if name.startswith(DATE_PLACEHOLDER):
                name = now.strftime("%Y-%m-%d") + name[len(DATE_PLACEHOLDER) :]
                data = data.replace(_TIME_PLACEHOLDER.encode("ascii"), stamp)
            if prefix == _WORKFLOWS:
                data = data.replace(_VERSION_PLACEHOLDER, f"@v{__version__}".encode("ascii"))
            files[prefix + name] = data

    collect(resources.files("postforge").joinpath("starter"), "")
    return files


def new_site(path: Path, *, force: bool = False, now: datetime | None = None) -> list[Path]:
    """Write the starter site into ``path`` (made if missing); returns the files written.

    A folder with visible entries is refused unless ``force``, which overwrites the starter's
    files and leaves everything else alone. ``now`` (default: the local time) dates the post.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise PostforgeError(f"{path.resolve()} exists and is not a folder.")
    if not force and path.is_dir() and any(not name.startswith(".") for name in os.listdir(path)):
        raise PostforgeError(
            f"{path.resolve()} exists and is not empty. Ensure it is empty or else try again "
            "with `--force` to proceed and overwrite any files."
        )
    moment = now if now is not None else datetime.now().astimezone()
    written: list[Path] = []
    for relative, data in starter_files(moment).items():
        target = path.joinpath(*relative.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
