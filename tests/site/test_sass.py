"""Sass/SCSS pages against the CSS and source maps Jekyll 4.3 wrote for them (sass_golden/).

Each golden case is a small site Jekyll built (``sass_golden/regenerate.py``); here the same files
are laid out under ``tmp_path`` and every Sass page is compiled with the settings its
``_config.yml`` gives, from inside the source folder as the oracle ran (line comments name files
relative to the working directory). The unit tables below cover reading ``sass:`` settings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postforge.errors import PostforgeError
from postforge.render import sass as sass_module
from postforge.render.sass import compile_sass
from postforge.render.sass import convert_sass
from postforge.render.sass import sass_dir
from postforge.render.sass import sass_load_paths
from postforge.render.sass import sass_settings
from postforge.render.sass import sass_style
from postforge.render.sass import sourcemap_enabled

GOLDEN = Path(__file__).parent / "sass_golden"
CASES = json.loads((GOLDEN / "cases.json").read_text(encoding="utf-8"))
EXPECTED = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))
THEME_DIR = "gems/gems/golden-theme-0.1.0"

#: where we knowingly differ: case -> (field, ours). The libsass inside the Python package is 3.6.6,
#: Debian's (Jekyll's, through sassc) 3.6.5, which places an ``@error`` at the end of its statement.
KNOWN_DIFFERENCES = {"error_directive": ("column", 14)}


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def _lay_out(case: dict, tmp_path: Path) -> tuple[Path, Path | None]:
    """The case's source (and theme, where the oracle's gem sat relative to the source)."""
    src = tmp_path / "src"
    src.mkdir()
    _write(src, case.get("files", {}))
    _write(src, {rel: "---\n---\n" + body for rel, body in case.get("pages", {}).items()})
    theme = None
    if "theme" in case or "theme_pages" in case:
        theme = tmp_path / THEME_DIR
        theme.mkdir(parents=True)
        _write(theme, case.get("theme", {}))
    return src, theme


def _pages(case: dict) -> dict[str, str]:
    return {**case.get("pages", {}), **case.get("theme_pages", {})}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_golden(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, theme = _lay_out(case, tmp_path)
    monkeypatch.chdir(src)
    settings = sass_settings(case.get("config", {}), src, theme, environment="production")
    expected = EXPECTED[case["name"]]
    for rel, body in _pages(case).items():
        syntax = rel.rsplit(".", 1)[1]
        if "error" in expected:
            error = expected["error"]
            with pytest.raises(PostforgeError) as info:
                compile_sass(body, syntax, source_name=rel, source_dir=src, line_offset=2,
                             **settings)
            assert info.value.message == "Sass error: " + error["message"]
            location = info.value.location
            # Jekyll names the page by its file name only; we give its path in the site.
            page_error = error["file"] == Path(rel).name
            assert location.path == (rel if page_error else error["file"])
            assert location.line == error["line"] + (2 if page_error else 0)
            field, ours = KNOWN_DIFFERENCES.get(case["name"], ("column", error["column"]))
            assert location.column == (ours if field == "column" else error["column"])
            assert location.line_text is not None
            continue
        output = compile_sass(body, syntax, source_name=rel, source_dir=src, **settings)
        assert output.css == expected["pages"][rel]["css"]
        assert output.source_map == expected["pages"][rel]["map"]


def _without_map(css: str) -> str:
    head, sep, _ = css.partition("\n/*# sourceMappingURL=")
    return head if sep else css


# Not portable: line comments name the input ``stdin``; the byte-order mark is removed by
# compile_sass, after either compiler.
PORTABLE = [case for case in CASES if "error" not in EXPECTED[case["name"]]
            and not case["name"].startswith("non_ascii_compressed")
            and "line_comments" not in case.get("config", {}).get("sass", {})]


@pytest.mark.parametrize("case", PORTABLE, ids=[case["name"] for case in PORTABLE])
def test_portable_fallback_gives_the_same_css(case: dict, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the C API (``sass.compile``) the CSS is Jekyll's, minus the source map, given
    the include paths compile_sass passes it: the site source, then the load paths."""
    src, theme = _lay_out(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    settings = sass_settings(case.get("config", {}), src, theme, environment="production")
    include_paths = [str(src), *(str(path) for path in settings["load_paths"])]
    for rel, body in _pages(case).items():
        expected = _without_map(EXPECTED[case["name"]]["pages"][rel]["css"])
        if not body:
            continue  # compile_sass answers empty input before any compiler
        css = sass_module._compile_portable(
            body, rel.endswith(".sass"), include_paths,
            settings["style"], settings["line_comments"], settings["precision"])
        assert css == expected


def test_portable_fallback_reports_errors() -> None:
    failure = sass_module._compile_portable(".a {\n  b: $nope;\n}\n", False, [], "compact",
                                            False, None)
    assert failure == sass_module._Failure('Undefined variable: "$nope".', "stdin", 2, 6)


def test_convert_sass_is_the_css_without_a_page() -> None:
    """Not tied to a page (no source folder): input ``stdin``, no map, even when asked for."""
    css = convert_sass(".a { .b { c: d } }", "scss", load_paths=[], style="compact",
                       source_name="x.scss", sourcemap=True)
    assert css == ".a .b { c: d; }\n"
    assert convert_sass("", "scss", load_paths=[], style="compact", source_name="x.scss") == ""
    assert convert_sass(".a\n  b: c\n", "sass", load_paths=[], style="compressed",
                        source_name="x.sass") == ".a{b:c}\n"


def test_error_without_a_page_names_the_source_name() -> None:
    with pytest.raises(PostforgeError) as info:
        convert_sass(".a {\n  b: $x;\n}\n", "scss", load_paths=[], style="compact",
                     source_name="assets/main.scss", line_offset=3)
    assert str(info.value) == 'assets/main.scss:5:6: Sass error: Undefined variable: "$x".'
    assert info.value.location.line_text == "  b: $x;"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"syntax": "less"}, "syntax must be"),
    ({"style": "pretty"}, "style must be one of"),
])
def test_bad_arguments(kwargs: dict, message: str) -> None:
    arguments = {"syntax": "scss", "style": "compact", **kwargs}
    with pytest.raises(ValueError, match=message):
        convert_sass(".a{}", arguments["syntax"], load_paths=[], style=arguments["style"],
                     source_name="a.scss")


@pytest.mark.parametrize(("config", "style"), [
    ({}, "compact"),
    ({"sass": None}, "compact"),
    ({"sass": {"style": None}}, "compact"),
    ({"sass": {"style": "expanded"}}, "expanded"),
    ({"sass": {"style": ":compressed"}}, "compressed"),
    ({"sass": {"style": "nested"}}, "nested"),
    ({"sass": {"style": "Compressed"}}, "compact"),
    ({"sass": {"style": "bogus"}}, "compact"),
    ({"sass": {"style": True}}, "compact"),
])
def test_sass_style(config: dict, style: str) -> None:
    assert sass_style(config) == style


@pytest.mark.parametrize(("config", "directory"), [
    ({}, "_sass"),
    ({"sass": {"sass_dir": ""}}, "_sass"),
    ({"sass": {"sass_dir": None}}, "_sass"),
    ({"sass": {"sass_dir": "styles"}}, "styles"),
])
def test_sass_dir(config: dict, directory: str) -> None:
    assert sass_dir(config) == directory


@pytest.mark.parametrize(("config", "environment", "enabled"), [
    ({}, "production", True),
    ({"sass": {"sourcemap": "always"}}, "production", True),
    ({"sass": {"sourcemap": "never"}}, "development", False),
    ({"sass": {"sourcemap": ":never"}}, "development", False),
    ({"sass": {"sourcemap": False}}, "development", False),
    ({"sass": {"sourcemap": "development"}}, "production", False),
    ({"sass": {"sourcemap": "development"}}, "development", True),
    ({"sass": {"sourcemap": "sometimes"}}, "production", True),
])
def test_sourcemap_enabled(config: dict, environment: str, enabled: bool) -> None:
    assert sourcemap_enabled(config, environment) is enabled


def test_load_paths_order_globs_and_theme(tmp_path: Path) -> None:
    src = tmp_path / "src"
    theme = tmp_path / "theme"
    for folder in ("_sass", "lib", "vendor/b/scss", "vendor/a/scss", "styles", "outside"):
        (src / folder).mkdir(parents=True)
    (theme / "_sass").mkdir(parents=True)
    config = {"sass": {"load_paths": ["vendor/*/scss", "missing", "lib", "lib", str(tmp_path)]}}
    assert sass_load_paths(config, src, theme) == [
        src / "vendor/a/scss", src / "vendor/b/scss", src / "lib", tmp_path, src / "_sass",
        theme / "_sass"]
    assert sass_load_paths({"sass": {"sass_dir": "styles"}}, src, tmp_path / "no-theme") == [
        src / "styles"]
    assert sass_load_paths({"sass": {"load_paths": "lib"}}, src) == [src / "lib", src / "_sass"]


def test_load_paths_safe_mode_stays_inside_the_source(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "_sass").mkdir(parents=True)
    (src / "inner").mkdir()
    (tmp_path / "outer").mkdir()
    config = {"safe": True, "sass": {"load_paths": ["../outer", str(tmp_path / "outer"), "inner"]}}
    assert sass_load_paths(config, src) == [src / "inner", src / "_sass"]
    unsafe = {"sass": {"load_paths": ["../outer"]}}
    assert sass_load_paths(unsafe, src) == [tmp_path / "outer", src / "_sass"]


@pytest.mark.parametrize(("config", "expected"), [
    ({}, {"style": "compact", "sourcemap": True, "add_charset": False, "line_comments": False,
          "embed_source_map": False, "precision": None}),
    ({"sass": {"precision": 3, "line_comments": True, "source_map_embed": True,
               "add_charset": True, "sourcemap": "never", "style": "expanded"}},
     {"style": "expanded", "sourcemap": False, "add_charset": True, "line_comments": True,
      "embed_source_map": True, "precision": 3}),
    ({"safe": True, "sass": {"precision": 3, "line_comments": True, "add_charset": True}},
     {"style": "compact", "sourcemap": True, "add_charset": True, "line_comments": False,
      "embed_source_map": False, "precision": None}),
    ({"sass": {"precision": "3"}}, {"style": "compact", "sourcemap": True, "add_charset": False,
                                    "line_comments": False, "embed_source_map": False,
                                    "precision": None}),
])
def test_sass_settings(config: dict, expected: dict, tmp_path: Path) -> None:
    settings = sass_settings(config, tmp_path, None, environment="production")
    assert settings.pop("load_paths") == []
    assert settings == expected


def test_embedded_source_map(tmp_path: Path) -> None:
    """``source_map_embed`` (passed through to sassc) puts the map in the CSS as a data URI."""
    output = compile_sass(".a { b: c; }\n", "scss", source_name="e.scss", source_dir=tmp_path,
                          sourcemap=True, embed_source_map=True)
    assert output.css.startswith(".a { b: c; }\n\n/*# sourceMappingURL=data:application/json;")
    assert output.source_map is not None and '"file": "e.css"' in output.source_map
