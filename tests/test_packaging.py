"""The release artifacts: ``python -m build``'s sdist and wheel, what they carry, and the wheel at work.

The wheel must hold every file of the ``postforge`` package (the bundled themes, which reach the
package through the ``src/postforge/themes`` symlink, the glossary data, the plugin templates and the
starter included), pass ``twine check``, and, installed into a fresh virtual environment, make a new
site with ``postforge new`` and build it with ``postforge build``, plugins and theme from the wheel.

The fresh environment is made with ``--system-site-packages`` so the runtime dependencies come from
the running environment (nothing is downloaded), and the wheel is installed ``--no-deps`` into it: a
package in the venv's own site-packages comes first on ``sys.path``, ahead of the editable install of
the checkout, and the test checks that the ``postforge`` that runs is the wheel's. Building takes a
few seconds and is done once for the module.
"""

from __future__ import annotations

import email.parser
import sys
import zipfile
from pathlib import Path

import pytest

from packaging_support import REPO
from packaging_support import build_dists
from packaging_support import clean_environment
from packaging_support import make_venv
from packaging_support import package_files
from packaging_support import run
from packaging_support import sdist_names
from packaging_support import venv_python
from packaging_support import wheel_names

import postforge

#: files whose absence would break a feature; named so a failure says what is missing
ESSENTIAL = (
    "postforge/themes/default/_layouts/default.html",
    "postforge/themes/default/_layouts/post.html",
    "postforge/themes/default/_includes/head.html",
    "postforge/themes/default/_sass/postforge/_base.scss",
    "postforge/themes/default/assets/css/main.scss",
    "postforge/plugins/data/aws_glossary.yml",
    "postforge/plugins/templates/jekyll-feed.xml",
    "postforge/plugins/templates/jekyll-seo-tag.html",
    "postforge/plugins/templates/jekyll-sitemap.xml",
    "postforge/plugins/templates/jekyll-sitemap-robots.txt",
    "postforge/starter/_config.yml",
    "postforge/starter/index.md",
    "postforge/starter/gitignore",
    "postforge/starter/_posts/0000-00-00-welcome-to-postforge.md",
)

SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13")


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_dists(tmp_path_factory.mktemp("dists"))


def _metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))


def test_the_wheel_holds_every_file_of_the_package(dists: tuple[Path, Path]) -> None:
    names = wheel_names(dists[1])
    missing = sorted(package_files() - names)
    assert not missing, f"in src/postforge but not in the wheel: {missing}"
    assert not [name for name in ESSENTIAL if name not in names]
    # the themes are real files in the wheel, not a link back into a checkout
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_the_sdist_holds_the_package_with_the_themes_as_files(dists: tuple[Path, Path]) -> None:
    names = sdist_names(dists[0])
    missing = sorted(name for name in package_files() if f"src/{name}" not in names)
    assert not missing, f"in src/postforge but not in the sdist: {missing}"
    assert not [name for name in names if " -> " in name], "the sdist must not carry symlinks"
    assert {"pyproject.toml", "README.md", "PKG-INFO"} <= names
    assert not [name for name in names if name.startswith("tests/")], "tests need the checkout; MANIFEST.in prunes them"


def test_the_metadata_declares_pythons_license_and_version(dists: tuple[Path, Path]) -> None:
    metadata = _metadata(dists[1])
    assert metadata["Name"] == "postforge"
    assert metadata["Version"] == postforge.__version__
    assert metadata["Requires-Python"] == ">=3.10"
    assert metadata["License-Expression"] == "MIT"
    classifiers = metadata.get_all("Classifier")
    assert [c for c in classifiers if c.startswith("Programming Language :: Python :: 3.")] == [
        f"Programming Language :: Python :: {version}" for version in SUPPORTED_PYTHONS
    ]
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert (REPO / "README.md").read_text(encoding="utf-8").strip() in metadata.get_payload()


def test_the_wheel_declares_the_command_and_the_plugins(dists: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(dists[1]) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
        entry_points = archive.read(name).decode("utf-8")
    assert "postforge = postforge.program:run" in entry_points
    for plugin in ("jekyll-archives", "triage", "glossary", "jekyll-feed", "jekyll-seo-tag", "jekyll-sitemap"):
        assert f"\n{plugin} = postforge.plugins." in entry_points


def test_twine_check_passes(dists: tuple[Path, Path]) -> None:
    result = run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dists)])
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_the_wheel_in_a_fresh_venv_makes_and_builds_a_site(dists: tuple[Path, Path], tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = make_venv(venv, system_site_packages=True)
    env = clean_environment(venv)
    # pip comes from the system site-packages; it installs into the venv it runs in
    run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(dists[1])], env=env)

    # the postforge that runs is the wheel's, not the checkout's editable install
    where = run([str(python), "-c", "import postforge, sys; print(postforge.__file__); print(sys.prefix)"],
                env=env, cwd=tmp_path).stdout.split("\n")
    assert Path(where[0]).is_relative_to(venv), where
    assert not Path(where[0]).is_relative_to(REPO), where
    script = venv_python(venv).parent / "postforge"
    assert script.is_file()

    run([str(script), "new", "blog"], env=env, cwd=tmp_path)
    blog = tmp_path / "blog"
    assert (blog / ".gitignore").is_file()
    assert (blog / ".github" / "workflows" / "pages.yml").is_file()  # nested starter folders are packaged
    # the plugins the wheel provides, by entry point: their templates and the glossary data come from it
    config = blog / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "\nplugins: [jekyll-archives, triage, glossary, jekyll-feed, jekyll-seo-tag, jekyll-sitemap]\n",
        encoding="utf-8",
    )
    (blog / "_posts" / "2024-01-02-queues.md").write_text(
        "---\nlayout: post\ntitle: Queues\ntags: [sqs]\n---\n"
        "- message reappears? the visibility timeout expired\n\nAWS Lambda reads from SQS.\n",
        encoding="utf-8",
    )
    (blog / "seo.html").write_text("---\ntitle: Seo\n---\n{% seo title=false %}{% feed_meta %}\n", encoding="utf-8")
    result = run([str(script), "build"], env=env, cwd=blog)
    assert "Output:" in result.stdout
    site = blog / "_site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "My new site" in home and "Welcome to postforge!" in home
    assert (site / "assets" / "css" / "main.css").is_file()  # the theme's Sass, compiled
    post = (site / "2024" / "01" / "02" / "queues.html").read_text(encoding="utf-8")
    assert 'class="glossary-term" href="/glossary/#aws-lambda"' in post  # the AWS glossary the wheel ships
    assert "triage-q" in post
    for generated in ("glossary/index.html", "triage/index.html", "tags/sqs/index.html", "feed.xml",
                      "sitemap.xml", "robots.txt"):
        assert (site / generated).is_file(), generated
    seo = (site / "seo.html").read_text(encoding="utf-8")  # {% seo %} and {% feed_meta %}: the wheel's templates
    assert '<meta property="og:title" content="Seo" />' in seo
    assert 'type="application/atom+xml"' in seo
