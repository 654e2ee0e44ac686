"""Build postforge's sdist and wheel from a copy of the checkout, and virtual environments to install them in.

Shared by ``test_packaging.py`` and ``test_dependency_floors.py``. The build runs on a copy of the
project files (``pyproject.toml``, ``README.md``, ``MANIFEST.in``,
``src/``, ``themes/``) so that setuptools' ``build/``
and ``*.egg-info`` folders never appear in the working tree, where other builds and test runs may be
going on at the same time. ``src/postforge/themes`` is copied as the symlink it is, next to the
``themes/`` it points at, exactly as a fresh clone has it.

Builds use ``python -m build --no-isolation``: the build backend (setuptools) comes from the test
extra already installed, so a test run downloads nothing to build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: what a source distribution is built from; anything else in the checkout is not part of it
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "src", "themes")

_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")


def copy_project(target: Path) -> Path:
    """The project files copied into ``target`` (symlinks kept as symlinks); returns ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, symlinks=True, ignore=_IGNORED)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def run(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a command; a non-zero exit fails with everything it printed."""
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, command))} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result


def build_dists(work: Path) -> tuple[Path, Path]:
    """``python -m build`` (sdist, then the wheel built from that sdist) of a copy of the project.

    Returns ``(sdist, wheel)``. Building the wheel from the sdist, as ``python -m build`` does by
    default, checks both at once: a file the sdist leaves out is missing from the wheel too.
    """
    project = copy_project(work / "project")
    dist = work / "dist"
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(project)], timeout=600)
    sdists = sorted(dist.glob("postforge-*.tar.gz"))
    wheels = sorted(dist.glob("postforge-*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, sorted(p.name for p in dist.iterdir())
    return sdists[0], wheels[0]


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def sdist_names(sdist: Path) -> set[str]:
    """File paths inside the sdist, without its top folder (``postforge-0.1.0/``)."""
    with tarfile.open(sdist) as archive:
        names = set()
        for member in archive.getmembers():
            if member.isfile():
                names.add(member.name.split("/", 1)[1])
            elif member.issym() or member.islnk():
                names.add(member.name.split("/", 1)[1] + " -> " + member.linkname)
        return names


def package_files() -> set[str]:
    """Every file of the ``postforge`` package in the checkout, as ``postforge/…`` paths.

    ``src/postforge/themes`` is followed (it links to the repository's ``themes/``), so the
    bundled themes count as the package's files, as they must be in the wheel.
    """
    root = REPO / "src" / "postforge"
    found = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        for name in files:
            if name.endswith(".pyc"):
                continue
            relative = Path(folder, name).relative_to(root.parent).as_posix()
            found.add(relative)
    return found


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / "python"


def make_venv(venv: Path, *, system_site_packages: bool) -> Path:
    """A new virtual environment made by this Python; returns its interpreter."""
    command = [sys.executable, "-m", "venv", "--without-pip"]
    if system_site_packages:
        command.append("--system-site-packages")
    run([*command, str(venv)])
    return venv_python(venv)


def clean_environment(venv: Path) -> dict[str, str]:
    """The environment a user of ``venv`` has: its ``bin`` first on PATH, no PYTHONPATH into the checkout."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = str(venv_python(venv).parent) + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(venv)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env
