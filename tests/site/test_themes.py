"""Themes: resolving ``theme:``, the folders a theme offers, which of site and theme wins, and the
bundled default theme (its Liquid parses strictly, its CSS is the CSS Jekyll made of it).

Which file wins is checked against what Jekyll 4.3 built with a theme gem (theme_golden/).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.liquid import Environment
from postforge.render.sass import compile_sass
from postforge.render.sass import sass_settings
from postforge.themes import THEME_FOLDERS
from postforge.themes import bundled_theme_roots
from postforge.themes import resolve_theme
from postforge.themes import search_dirs
from postforge.themes import theme_config_file
from postforge.themes import theme_dirs

REPO = Path(__file__).resolve().parents[2]
DEFAULT_THEME = REPO / "themes" / "default"
GOLDEN = Path(__file__).parent / "theme_golden"
CASES = {case["name"]: case for case in json.loads((GOLDEN / "cases.json").read_text("utf-8"))}
EXPECTED = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))
THEME_DIR = "gems/gems/golden-theme-0.1.0"  # where the oracle's gem sat beside its source
# Jekyll's front matter: the closing dashes take trailing whitespace and one newline with them.
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n?^(---|\.\.\.)\s*$\n?", re.M | re.S)


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


# -- resolve_theme -----------------------------------------------------------------------------


def test_no_theme() -> None:
    assert resolve_theme(None, Path("/nowhere")) is None


def test_bundled_default_theme(tmp_path: Path) -> None:
    assert resolve_theme("default", tmp_path) == DEFAULT_THEME.resolve()
    assert DEFAULT_THEME.parent in bundled_theme_roots()


@pytest.mark.parametrize(("folder", "name"), [
    ("default", "default"),       # the site's own beats the bundled one
    ("default", " Default "),     # Jekyll's downcase and strip
    ("MyTheme", "MyTheme"),       # as written, before lower case
    ("mytheme", "MyTheme"),
])
def test_site_themes_folder_first(tmp_path: Path, folder: str, name: str) -> None:
    (tmp_path / "themes" / folder).mkdir(parents=True)
    assert resolve_theme(name, tmp_path) == (tmp_path / "themes" / folder).resolve()


def test_missing_theme_names_where_it_looked(tmp_path: Path) -> None:
    where = Location("_config.yml", 3, 8, "theme: nope")
    with pytest.raises(PostforgeError) as info:
        resolve_theme("nope", tmp_path, location=where)
    error = info.value
    assert error.location == where
    assert error.message.startswith("theme 'nope' not found: looked in ")
    for root in [tmp_path / "themes", *bundled_theme_roots()]:
        assert str(root / "nope") in error.message


def test_a_file_is_not_a_theme(tmp_path: Path) -> None:
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "flat").write_text("not a folder")
    with pytest.raises(PostforgeError, match="theme 'flat' not found"):
        resolve_theme("flat", tmp_path)


@pytest.mark.parametrize("name", ["", "  ", "..", "../default", "a/b", "a\\b"])
def test_names_that_are_not_folder_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(PostforgeError, match="is not a theme name") as info:
        resolve_theme(name, tmp_path)
    assert info.value.location == Location("_config.yml")


def test_a_theme_that_is_not_a_string_is_ignored_with_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert resolve_theme({"name": "x"}, tmp_path) is None  # type: ignore[arg-type]
    assert "value of 'theme' in config should be String" in capsys.readouterr().err


# -- theme_dirs, theme_config_file -------------------------------------------------------------


def test_theme_dirs_lists_the_folders_that_exist(tmp_path: Path) -> None:
    for folder in ("_layouts", "_sass", "_data", "other"):
        (tmp_path / folder).mkdir()
    (tmp_path / "assets").write_text("a file, not a folder")
    assert theme_dirs(tmp_path) == {"_layouts": tmp_path / "_layouts", "_sass": tmp_path / "_sass",
                                    "_data": tmp_path / "_data"}
    assert theme_dirs(None) == {}
    assert set(theme_dirs(DEFAULT_THEME)) == {"_layouts", "_includes", "_sass", "assets"}
    assert THEME_FOLDERS == ("_layouts", "_includes", "_sass", "assets", "_data")


def test_theme_dirs_symlinks_inside_kept_outside_dropped(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "real_layouts").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(theme / "real_layouts", theme / "_layouts")
    os.symlink(tmp_path / "elsewhere", theme / "_includes")
    assert theme_dirs(theme) == {"_layouts": theme / "real_layouts"}


def test_theme_config_file(tmp_path: Path) -> None:
    assert theme_config_file(tmp_path) is None
    (tmp_path / "real.yml").write_text("a: 1\n")
    os.symlink(tmp_path / "real.yml", tmp_path / "_config.yml")
    assert theme_config_file(tmp_path) is None  # Jekyll refuses a symlinked theme config
    (tmp_path / "_config.yml").unlink()
    (tmp_path / "_config.yml").write_text("a: 1\n")
    assert theme_config_file(tmp_path) == tmp_path / "_config.yml"
    assert theme_config_file(None) is None


# -- search_dirs against Jekyll ----------------------------------------------------------------


def _lay_out(case: dict, tmp_path: Path) -> tuple[Path, Path, dict]:
    src = tmp_path / "src"
    theme = tmp_path / THEME_DIR
    _write(src, case["files"])
    if "theme_dir" in case:
        shutil.copytree(REPO / case["theme_dir"], theme)
    _write(theme, case.get("theme", {}))
    config = yaml.safe_load(case["files"].get("_config.yml", "")) or {}
    return src, theme, config


def _first(dirs: list[Path], match) -> Path | None:
    for folder in dirs:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and match(path.relative_to(folder).as_posix()):
                    return path
    return None


def _layout(dirs: list[Path], name: str) -> str:
    """Layouts go by name without extension: the first folder that has one wins."""
    path = _first(dirs, lambda rel: rel.rsplit(".", 1)[0] == name)
    assert path is not None
    return path.read_text(encoding="utf-8")


def _marker(text: str) -> str:
    return re.search(r'class="([^"]+)"', text).group(1)


def _deep_merge(under: dict, over: dict) -> dict:
    merged = dict(under)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            value = _deep_merge(merged[key], value)
        merged[key] = value
    return merged


def test_site_overrides_theme(tmp_path: Path) -> None:
    src, theme, config = _lay_out(CASES["site_overrides_theme"], tmp_path)
    output = EXPECTED["site_overrides_theme"]
    dirs = search_dirs(src, config, theme)
    assert dirs == {"_layouts": [src / "_layouts", theme / "_layouts"],
                    "_includes": [src / "_includes", theme / "_includes"],
                    "_data": [src / "_data", theme / "_data"]}
    # layouts: site's post.liquid beats the theme's post.html; the theme fills in the rest
    index, other = output["index.html"], output["other.html"]
    assert _marker(_layout(dirs["_layouts"], "post")) == "site-post" and "site-post" in index
    assert _marker(_layout(dirs["_layouts"], "page")) == "theme-page" and "theme-page" in other
    assert _marker(_layout(dirs["_layouts"], "default")) == "theme-default"
    # includes by file name, data merged theme first
    includes = [_first(dirs["_includes"], lambda rel, n=n: rel == n).read_text()
                for n in ("a.html", "b.html")]
    data: dict = {}
    for folder in reversed(dirs["_data"]):
        for path in sorted(folder.glob("*.yml")):
            data = _deep_merge(data, {path.stem: yaml.safe_load(path.read_text())})
    words = [*includes, data["d"]["x"], data["d"]["y"], data["d"]["nested"]["p"],
             data["d"]["nested"]["q"], data["only_theme"]["z"]]
    assert index.split(">", 2)[2].startswith(" ".join(words))
    # assets: a theme file joins unless the site has the same path
    theme_assets = theme_dirs(theme)["assets"]
    for rel in ("t.txt", "s.txt"):
        winner = src / "assets" / rel if (src / "assets" / rel).exists() else theme_assets / rel
        assert output[f"assets/{rel}"] == winner.read_text()
    # the theme's _config.yml is merged under the site's (keys with Jekyll defaults dropped)
    assert theme_config_file(theme) == theme / "_config.yml"
    assert "Site title from-theme kramdown expanded" in index


def test_custom_site_folders(tmp_path: Path) -> None:
    src, theme, config = _lay_out(CASES["custom_site_folders"], tmp_path)
    dirs = search_dirs(src, config, theme)
    assert dirs["_layouts"][0] == src / "lay" and dirs["_includes"][0] == src / "inc"
    assert dirs["_data"][0] == src / "dat"
    index = EXPECTED["custom_site_folders"]["index.html"]
    assert _marker(_layout(dirs["_layouts"], "default")) == "site-default" in index
    assert "site-a site-x" in index


@pytest.mark.parametrize(("configured", "expected"), [
    (None, "_layouts"), ("lay", "lay"), ("/lay", "lay"), ("../../lay", "lay"), ("a/../b", "b"),
])
def test_site_folders_stay_inside_the_source(tmp_path: Path, configured, expected: str) -> None:
    config = {} if configured is None else {"layouts_dir": configured}
    assert search_dirs(tmp_path, config, None)["_layouts"] == [tmp_path / expected]


# -- the bundled default theme -----------------------------------------------------------------

LAYOUTS = ["default", "post", "page", "home", "archive"]
INCLUDES = ["head.html", "header.html", "footer.html", "post-meta.html", "post-list.html"]


def test_default_theme_has_its_files() -> None:
    for name in LAYOUTS:
        assert (DEFAULT_THEME / "_layouts" / f"{name}.html").is_file()
    for name in INCLUDES:
        assert (DEFAULT_THEME / "_includes" / name).is_file()
    assert (DEFAULT_THEME / "assets" / "css" / "main.scss").is_file()
    assert (DEFAULT_THEME / "_sass" / "postforge" / "_syntax.scss").is_file()


@pytest.mark.parametrize("path", sorted(
    p.relative_to(DEFAULT_THEME).as_posix()
    for p in DEFAULT_THEME.rglob("*.html")), ids=str)
def test_default_theme_liquid_parses_strictly(path: str) -> None:
    """Plain Liquid only (no plugin tags): every template parses in strict mode."""
    text = (DEFAULT_THEME / path).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    body = text[match.end():] if match else text
    Environment(error_mode="strict").parse(body, name=path)


def test_default_theme_syntax_partial_is_highlight_css() -> None:
    from postforge.highlight import highlight_css

    text = (DEFAULT_THEME / "_sass" / "postforge" / "_syntax.scss").read_text(encoding="utf-8")
    body = "".join(line + "\n" for line in text.split("\n")[:-1] if not line.startswith("//"))
    assert body.lstrip("\n") == highlight_css()


def test_default_theme_css_is_jekylls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The theme's main.scss, compiled for a site using it, gives the CSS and map Jekyll wrote."""
    src, theme, config = _lay_out(CASES["default_theme_demo"], tmp_path)
    monkeypatch.chdir(src)
    output = EXPECTED["default_theme_demo"]
    text = (theme / "assets" / "css" / "main.scss").read_text(encoding="utf-8")
    body = text[FRONT_MATTER.match(text).end():]
    assert json.loads(output["assets/css/main.css.map"])["sourcesContent"][0] == body
    result = compile_sass(body, "scss", source_name="assets/css/main.scss", source_dir=src,
                          **sass_settings(config, src, theme, environment="production"))
    assert result.css == output["assets/css/main.css"]
    assert result.source_map == output["assets/css/main.css.map"]
