"""Modules only rare paths need stay out of a build's start (each costs every build milliseconds).

Checked in a fresh interpreter: what this test process imported before says nothing.
"""

from __future__ import annotations

import subprocess
import sys

import pytest


def _loaded_after(statement: str, modules: list[str]) -> list[str]:
    code = f"import sys\n{statement}\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return out.split()


@pytest.mark.parametrize(
    ("statement", "modules"),
    [
        # an incremental build's writer threads are ours: concurrent.futures brings logging and
        # traceback, 5-7 ms before a first build's workers fork
        ("import postforge.inplace", ["concurrent.futures", "logging"]),
        ("import pathlib, tempfile\nfrom postforge.inplace import Update\nroot = pathlib.Path(tempfile.mkdtemp())\n"
         "Update(root / 'site', source=root / 'src', keep_files=[]).abort()", ["concurrent.futures", "logging"]),
        # the Pages check's command line only
        ("import postforge.pages", ["argparse"]),
        # the Sass compiler: only a site with Sass pages
        ("import postforge.render.converters", ["postforge.render.sass"]),
        # PyYAML: only YAML the quick path cannot read
        ("import postforge.psych", ["yaml"]),
        # the program forks the early Markdown converter before it imports the build: the command
        # line, the configuration and the converter's own module load without the template engine
        ("import postforge.cli", ["postforge.site", "jinja2", "mistune", "postforge.liquid.environment"]),
        ("import postforge.config", ["jinja2", "postforge.liquid.environment"]),
        ("import postforge.incremental.preconvert", ["jinja2", "mistune"]),
    ],
)
def test_a_module_for_rare_paths_is_not_imported_at_start(statement: str, modules: list[str]) -> None:
    assert _loaded_after(statement, modules) == []


def test_empty_front_matter_does_not_load_pyyaml() -> None:
    statement = "from postforge.psych import load_yaml\nassert load_yaml('---\\n', 'feed.xml') is None"
    assert _loaded_after(statement, ["yaml"]) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_swap_finds_renameat2_without_searching_for_libc() -> None:
    statement = "from postforge import writing\nassert writing._renameat2() is not None"
    assert _loaded_after(statement, ["ctypes.util", "subprocess"]) == []


def test_the_sass_names_are_importable_from_both_modules() -> None:
    from postforge.render import sass
    from postforge.render import sass_config

    for name in ("SASS_STYLES", "sass_dir", "sass_load_paths", "sass_settings", "sass_style", "sourcemap_enabled"):
        assert getattr(sass, name) is getattr(sass_config, name)
