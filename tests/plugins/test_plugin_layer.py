"""The plugin layer end to end: plugins found, enabled, ordered, validated and blamed, in real builds.

Third-party plugins here are real installed distributions (a package and its ``.dist-info`` in a
folder on ``sys.path``, found by ``importlib.metadata`` as pip's would be); site plugins are real
``_plugins/*.py`` files. ``docs/plugins.md`` is checked against ``example_plugin/``, the site its
complete example comes from.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from textwrap import dedent
from typing import Any
from typing import Iterator

import pytest
from click.testing import CliRunner

from postforge.cli import main
from postforge.config import load_config
from postforge.errors import PostforgeError
from postforge.log import logger
from postforge.plugins import enabled_names
from postforge.site import Site
from postforge.site import build

HERE = Path(__file__).parent
EXAMPLE = HERE / "example_plugin"
DOC = HERE.parent.parent / "docs" / "plugins.md"

LAYOUT = "<html><body>\n{{ content }}</body></html>\n"

#: the third-party "plugin pack": module path → source; entry points are declared in DIST_ENTRY_POINTS
PACKAGE = {
    "shouty_plugin/__init__.py": '''
        """A third-party plugin: a filter, a hook and a generated page."""
        from postforge.hooks import hookimpl

        @hookimpl
        def register_liquid(env):
            env.add_filter("shout", lambda value: str(value).upper() + "!")

        @hookimpl
        def document_post_render(document, output):
            return output + "<!-- shouty -->\\n" if document.output_ext == ".html" else None

        @hookimpl
        def generate(site):
            data = {"title": "Shouts", "layout": "default", "permalink": "/shouts/"}
            return [site.new_page("shouts.html", data, "<p>{{ site.title | shout }}</p>\\n")]
    ''',
    "shouty_plugin/echo.py": '''
        from postforge.hooks import hookimpl

        @hookimpl
        def document_post_render(output):
            return output + "<!-- echo -->\\n"
    ''',
    "shouty_plugin/fragile.py": '''
        from postforge.hooks import hookimpl

        @hookimpl
        def document_post_convert(document, html):
            if document.data.get("explode"):
                raise RuntimeError("this page asked for it")
    ''',
    "shouty_plugin/broken.py": '''
        import a_module_nobody_installed
    ''',
}
DIST_ENTRY_POINTS = """\
[postforge.plugins]
shouty = shouty_plugin
echo = shouty_plugin.echo
fragile = shouty_plugin.fragile
broken = shouty_plugin.broken
"""


def write_files(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")


def make_site(root: Path, config: str = "title: Plugged\n", files: dict[str, str] | None = None) -> Path:
    write_files(
        root,
        {
            "_config.yml": config,
            "_layouts/default.html": LAYOUT,
            "index.md": "---\nlayout: default\n---\n{{ 'hello' | shout }}\n",
            **(files or {}),
        },
    )
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The plugin pack installed as pip would: a package and its dist-info on sys.path."""
    lib = tmp_path / "lib"
    write_files(lib, PACKAGE)
    write_files(
        lib,
        {
            "shouty_plugin-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: shouty-plugin\nVersion: 1.0\n",
            "shouty_plugin-1.0.dist-info/entry_points.txt": DIST_ENTRY_POINTS,
            "shouty_plugin-1.0.dist-info/top_level.txt": "shouty_plugin\n",
        },
    )
    monkeypatch.syspath_prepend(str(lib))
    yield lib
    for name in [n for n in sys.modules if n == "shouty_plugin" or n.startswith("shouty_plugin.")]:
        del sys.modules[name]


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another test's ``-q`` may have left the process-wide logger at ``error``."""
    monkeypatch.setattr(logger, "level", "info")


# -- discovery --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config, expect",
    [
        ({}, []),
        ({"plugins": None}, []),
        ({"plugins": ["a", "b"]}, ["a", "b"]),
        ({"plugins": "a"}, ["a"]),
        ({"gems": ["a"]}, ["a"]),
        ({"plugins": ["b"], "gems": ["a", "b"]}, ["b", "a"]),
        ({"plugins": ["a", "a", 3, None]}, ["a"]),
    ],
)
def test_enabled_names(config: dict[str, Any], expect: list[str]) -> None:
    assert enabled_names(config) == expect


def test_entry_point_plugin_adds_filter_hook_and_page(tmp_path: Path, installed: Path) -> None:
    source = make_site(tmp_path / "site", "title: Plugged\nplugins: [shouty]\n")
    build(source, tmp_path / "out")
    index = (tmp_path / "out/index.html").read_text()
    assert "<p>HELLO!</p>" in index
    assert index.endswith("</html>\n<!-- shouty -->\n")
    shouts = (tmp_path / "out/shouts/index.html").read_text()
    assert shouts == "<html><body>\n<p>PLUGGED!</p>\n</body></html>\n<!-- shouty -->\n"


def test_gems_is_the_old_name_of_plugins(tmp_path: Path, installed: Path) -> None:
    source = make_site(tmp_path / "site", "title: Plugged\ngems: [shouty]\n")
    build(source, tmp_path / "out")
    assert "<p>HELLO!</p>" in (tmp_path / "out/index.html").read_text()
    assert (tmp_path / "out/shouts/index.html").is_file()


def test_a_plugin_named_under_both_keys_runs_once(tmp_path: Path, installed: Path) -> None:
    source = make_site(tmp_path / "site", "title: Plugged\nplugins: [shouty]\ngems: [shouty]\n")
    build(source, tmp_path / "out")
    assert (tmp_path / "out/index.html").read_text().count("<!-- shouty -->") == 1


@pytest.mark.parametrize("names", [["echo", "shouty"], ["shouty", "echo"]])
def test_plugins_run_in_the_order_listed(tmp_path: Path, installed: Path, names: list[str]) -> None:
    source = make_site(tmp_path / "site", f"title: Plugged\nplugins: [{', '.join(names)}]\n")
    build(source, tmp_path / "out")
    comments = re.findall(r"<!-- (\w+) -->", (tmp_path / "out/index.html").read_text())
    assert comments == names


SITE_PLUGIN = '''
    from postforge.hooks import hookimpl

    @hookimpl
    def register_liquid(env):
        env.add_filter("shout", lambda value: str(value) * 2)

    @hookimpl
    def document_post_render(document, output):
        return output.replace("</body>", f"<!-- {document.relative_path} -->\\n</body>")

    @hookimpl
    def generate(site):
        titles = ", ".join(post.data["title"] for post in site.content.posts.docs)
        return [site.new_page("feed/titles.txt", {"permalink": "/titles.txt"}, titles + "\\n")]
'''

POST = {"_posts/2024-05-01-first.md": "---\ntitle: First\nlayout: default\n---\nBody\n"}


def test_site_plugin_adds_filter_hook_and_page(tmp_path: Path) -> None:
    source = make_site(tmp_path / "site", files={"_plugins/doubler.py": SITE_PLUGIN, **POST})
    build(source, tmp_path / "out")
    index = (tmp_path / "out/index.html").read_text()
    assert index == "<html><body>\n<p>hellohello</p>\n<!-- index.md -->\n</body></html>\n"
    assert "<!-- _posts/2024-05-01-first.md -->" in (tmp_path / "out/2024/05/01/first.html").read_text()
    # a generated page with an extension the identity converter keeps, outside any layout
    assert (tmp_path / "out/titles.txt").read_text() == "First\n"
    # _plugins is the plugins' folder, not content
    assert not (tmp_path / "out/_plugins").exists()


@pytest.mark.parametrize("how", ["config", "override"])
def test_safe_skips_site_plugins(tmp_path: Path, how: str) -> None:
    config = "title: Plugged\nsafe: true\n" if how == "config" else "title: Plugged\n"
    source = make_site(tmp_path / "site", config, files={"_plugins/doubler.py": SITE_PLUGIN, **POST})
    build(source, tmp_path / "out", **({"safe": True} if how == "override" else {}))
    # Liquid's lax mode passes a value through a filter nobody defined, as Jekyll does
    assert (tmp_path / "out/index.html").read_text() == "<html><body>\n<p>hello</p>\n</body></html>\n"
    assert not (tmp_path / "out/titles.txt").exists()


def test_plugins_dir_setting_moves_the_folder(tmp_path: Path) -> None:
    source = make_site(tmp_path / "site", "plugins_dir: lib/plugins\n", files={"lib/plugins/doubler.py": SITE_PLUGIN})
    build(source, tmp_path / "out")
    assert "<p>hellohello</p>" in (tmp_path / "out/index.html").read_text()


def test_unknown_plugin_is_a_warning(
    tmp_path: Path, installed: Path, capsys: pytest.CaptureFixture[str], warnings_shown: None
) -> None:
    source = make_site(tmp_path / "site", "title: Plugged\nplugins: [jekyll-nosuch-plugin, shouty]\n")
    result = build(source, tmp_path / "out")
    assert result.pages == 2  # index and shouty's page: the known plugin still ran
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if "Plugin:" in line]
    assert len(warnings) == 1
    assert re.fullmatch(r"\s+Plugin: 'jekyll-nosuch-plugin' is listed in plugins: but .*; skipped", warnings[0])
    site = Site(load_config(source, None, {"source": str(source)}))
    assert site.plugins.missing == ["jekyll-nosuch-plugin"]


# -- failures ---------------------------------------------------------------------------------------

FRAGILE_SITE_PLUGIN = '''
    from postforge.hooks import hookimpl

    @hookimpl
    def document_post_render(document, output):
        if document.data.get("explode"):
            raise RuntimeError("no explosions on this site")
'''


def test_failing_hook_names_plugin_and_page_and_keeps_old_site(tmp_path: Path) -> None:
    source = make_site(tmp_path / "site", files={"_plugins/fragile.py": FRAGILE_SITE_PLUGIN})
    destination = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["build", "-s", str(source), "-d", str(destination), "-q"])
    assert first.exit_code == 0, first.output
    before = snapshot(destination)
    assert "index.html" in before

    write_files(source, {"notes/boom.md": "---\nexplode: true\nlayout: default\n---\nBoom\n"})
    result = runner.invoke(main, ["build", "-s", str(source), "-d", str(destination)])

    assert result.exit_code == 1
    expected = (
        "plugin '_plugins/fragile.py' failed in document_post_render on notes/boom.md: "
        "RuntimeError: no explosions on this site"
    )
    assert expected in result.output.splitlines()
    assert "Traceback" not in result.output
    assert "bug in postforge" not in result.output
    assert snapshot(destination) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_failing_entry_point_hook_names_its_entry_point(tmp_path: Path, installed: Path) -> None:
    source = make_site(
        tmp_path / "site",
        "plugins: [fragile]\n",
        files={"about.md": "---\nexplode: true\n---\nAbout\n", "index.md": "Home\n"},
    )
    with pytest.raises(PostforgeError) as caught:
        build(source, tmp_path / "out")
    message = "plugin 'fragile' failed in document_post_convert on about.md: RuntimeError: this page asked for it"
    assert str(caught.value) == message
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_failing_generator_names_itself(tmp_path: Path) -> None:
    plugin = "from postforge.hooks import hookimpl\n\n@hookimpl\ndef generate(site):\n    return 1 / 0\n"
    source = make_site(tmp_path / "site", files={"_plugins/divider.py": plugin, "index.md": "Home\n"})
    with pytest.raises(PostforgeError, match=r"^plugin '_plugins/divider\.py' failed in generate: ZeroDivisionError"):
        build(source, tmp_path / "out")


def test_failing_filter_is_located_at_the_template_line(tmp_path: Path) -> None:
    plugin = '''
        from postforge.hooks import hookimpl

        @hookimpl
        def register_liquid(env):
            def shout(value):
                raise ValueError("too loud")
            env.add_filter("shout", shout)
    '''
    source = make_site(tmp_path / "site", files={"_plugins/loud.py": plugin})
    with pytest.raises(PostforgeError) as caught:
        build(source, tmp_path / "out")
    assert str(caught.value) == "index.md:4: too loud"


INVALID = [
    pytest.param(
        {"_plugins/typo.py": "from postforge.hooks import hookimpl\n\n@hookimpl\ndef documnet_post_render(output):\n"
         "    return output\n"},
        r"plugin '_plugins/typo\.py' is invalid: unknown hook 'documnet_post_render'; "
        r"did you mean 'document_post_render'\?",
        id="misspelt hook",
    ),
    pytest.param(
        {"_plugins/typo.py": "from postforge.hooks import hookimpl\n\n@hookimpl\ndef document_post_render(outptu):\n"
         "    return outptu\n"},
        r"plugin '_plugins/typo\.py' is invalid: .*\{'outptu'\} are declared in the hookimpl but can not be found",
        id="misspelt argument",
    ),
    pytest.param(
        {"_plugins/wrap.py": "from postforge.hooks import hookimpl\n\n@hookimpl(hookwrapper=True)\n"
         "def document_post_render(output):\n    yield\n"},
        r"plugin '_plugins/wrap\.py' is invalid: document_post_render is a hook wrapper",
        id="hook wrapper",
    ),
    pytest.param(
        {"_plugins/syntax.py": "def oops(:\n"},
        r"plugin '_plugins/syntax\.py' failed to load: SyntaxError",
        id="syntax error in _plugins",
    ),
    pytest.param(
        {"_config.yml": "plugins: [broken]\n"},
        r"plugin 'broken' failed to load: ModuleNotFoundError: No module named 'a_module_nobody_installed'",
        id="entry point that cannot import",
    ),
]


@pytest.mark.parametrize("files, message", INVALID)
def test_invalid_plugins_fail_at_load(tmp_path: Path, installed: Path, files: dict[str, str], message: str) -> None:
    source = make_site(tmp_path / "site", files=files)
    config = load_config(source, None, {"source": str(source), "destination": str(tmp_path / "out")})
    with pytest.raises(PostforgeError, match="^" + message):
        Site(config)  # before anything is read or written
    result = CliRunner().invoke(main, ["build", "-s", str(source), "-d", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert re.search("^" + message, result.output, re.MULTILINE), result.output
    assert "bug in postforge" not in result.output
    assert not (tmp_path / "out").exists()


def test_optional_hooks_may_name_hooks_this_version_lacks(tmp_path: Path) -> None:
    plugin = (
        "from postforge.hooks import hookimpl\n\n@hookimpl(optionalhook=True)\ndef a_future_hook(site):\n    pass\n"
    )
    source = make_site(tmp_path / "site", files={"_plugins/future.py": plugin, "index.md": "---\n---\nHome\n"})
    build(source, tmp_path / "out")
    assert (tmp_path / "out/index.html").read_text() == "<p>Home</p>\n"


# -- order --------------------------------------------------------------------------------------------


def _marker(name: str, options: str = "", returns: str = "html + '[{name}]'") -> str:
    return (
        "from postforge.hooks import hookimpl\n\n"
        f"@hookimpl({options})\n"
        f"def document_post_convert(html):\n    return {returns.format(name=name)}\n"
    )


def test_hook_order_and_chaining(tmp_path: Path) -> None:
    # file names sort against the priorities, so only tryfirst/trylast can give this order
    plugins = {
        "_plugins/a_last.py": _marker("last", "trylast=True"),
        "_plugins/b_plain.py": _marker("b"),
        "_plugins/c_none.py": _marker("c", returns="None"),
        "_plugins/d_plain.py": _marker("d"),
        "_plugins/e_reads.py": _marker("e", returns="html + '[saw ' + str(html.count('[')) + ']'"),
        "_plugins/z_first.py": _marker("first", "tryfirst=True"),
        "_plugins/z_later_first.py": _marker("first2", "tryfirst=True"),
        "_plugins/zz_last.py": _marker("last2", "trylast=True"),
    }
    source = make_site(tmp_path / "site", files={**plugins, "index.md": "---\nlayout: default\n---\nx\n"})
    build(source, tmp_path / "out")
    body = (tmp_path / "out/index.html").read_text()
    assert "<p>x</p>\n[first][first2][b][d][saw 4][last][last2]" in body


def test_generators_see_the_pages_made_before_them(tmp_path: Path) -> None:
    lister = """
        from postforge.hooks import hookimpl

        @hookimpl(trylast=True)
        def generate(site):
            urls = " ".join(sorted(page.url for page in site.content.pages))
            return [site.new_page("urls.txt", {"permalink": "/urls.txt"}, urls + "\\n")]
    """
    maker = """
        from postforge.hooks import hookimpl

        @hookimpl
        def generate(site):
            return [site.new_page("made.html", {"permalink": "/made/"}, "made")]
    """
    files = {"_plugins/a_lister.py": lister, "_plugins/b_maker.py": maker, "index.md": "---\n---\nHome\n"}
    source = make_site(tmp_path / "site", files=files)
    build(source, tmp_path / "out")
    assert (tmp_path / "out/urls.txt").read_text() == "/ /made/\n"


def test_lifecycle_order(tmp_path: Path) -> None:
    plugin = '''
        from postforge.hooks import hookimpl

        EVENTS = []

        @hookimpl
        def register_liquid(env, site):
            EVENTS.append(("register_liquid", site.content))

        @hookimpl
        def register_converters(site):
            EVENTS.append(("register_converters", None))
            return []

        @hookimpl
        def site_after_init(site):
            EVENTS.append(("site_after_init", site.content))

        @hookimpl
        def site_post_read(site):
            EVENTS.append(("site_post_read", [post.url for post in site.content.posts.docs]))

        @hookimpl
        def generate(site):
            EVENTS.append(("generate", len(site.content.pages)))
            return [site.new_page("made.md", {"permalink": "/made/"}, "made")]

        @hookimpl
        def document_pre_render(document, payload):
            EVENTS.append(("document_pre_render", document.relative_path, document.content, sorted(payload)))

        @hookimpl
        def document_post_convert(document, html):
            EVENTS.append(("document_post_convert", document.relative_path, html))

        @hookimpl
        def document_post_render(document, output):
            EVENTS.append(("document_post_render", document.relative_path, output))

        @hookimpl
        def site_post_render(site):
            EVENTS.append(("site_post_render", [page.output for page in site.content.pages]))

        @hookimpl
        def site_post_write(site):
            EVENTS.append(("site_post_write", sorted(p.name for p in site.destination.iterdir())))
    '''
    files = {
        "_plugins/trace.py": plugin,
        "index.md": "---\nlayout: default\n---\n*home*\n",
        "_posts/2024-05-01-first.md": "---\n---\npost\n",
    }
    source = make_site(tmp_path / "site", files=files)
    site = Site(load_config(source, None, {"source": str(source), "destination": str(tmp_path / "out")}))
    site.build()
    events = site.plugins.manager.get_plugin("_plugins/trace.py").EVENTS
    page = "<html><body>\n<p><em>home</em></p>\n</body></html>\n"
    payload_keys = [
        "content", "highlighter_prefix", "highlighter_suffix", "jekyll", "layout", "page", "paginator", "site",
    ]
    assert events == [
        ("register_liquid", None),
        ("register_converters", None),
        ("site_after_init", None),
        ("site_post_read", ["/2024/05/01/first.html"]),
        ("generate", 1),
        ("document_pre_render", "_posts/2024-05-01-first.md", "post\n", payload_keys),
        ("document_post_convert", "_posts/2024-05-01-first.md", "<p>post</p>\n"),
        ("document_post_render", "_posts/2024-05-01-first.md", "<p>post</p>\n"),
        ("document_pre_render", "index.md", "*home*\n", payload_keys),
        ("document_post_convert", "index.md", "<p><em>home</em></p>\n"),
        ("document_post_render", "index.md", page),
        ("document_pre_render", "made.md", "made", payload_keys),
        ("document_post_convert", "made.md", "<p>made</p>\n"),
        ("document_post_render", "made.md", "<p>made</p>\n"),
        ("site_post_render", [page, "<p>made</p>\n"]),
        ("site_post_write", ["2024", "index.html", "made"]),
    ]


# -- converters ---------------------------------------------------------------------------------------

TXTL_CONVERTER = '''
    import re
    from html import escape

    from postforge.hooks import hookimpl

    HEADING = re.compile(r"^h([1-6])\\. (.*)$")


    class Textish:
        """``.txtl``: ``h1. Title`` lines become headings, other blocks paragraphs."""

        def matches(self, ext):
            return ext.lower() == ".txtl"

        def output_ext(self, ext):
            return ".html"

        def convert(self, text):
            blocks = []
            for block in filter(None, (b.strip() for b in text.split("\\n\\n"))):
                heading = HEADING.match(block)
                if heading:
                    level, title = heading.groups()
                    blocks.append(f"<h{level}>{escape(title)}</h{level}>")
                else:
                    blocks.append(f"<p>{escape(block)}</p>")
            return "\\n".join(blocks) + "\\n"


    @hookimpl
    def register_converters(site):
        return [Textish()]


    @hookimpl
    def document_post_convert(document, html):
        return html.replace("<h1>", '<h1 class="converted">') if document.ext == ".txtl" else None
'''


def test_converter_for_a_new_extension(tmp_path: Path) -> None:
    files = {
        "_plugins/textish.py": TXTL_CONVERTER,
        "notes.txtl": "---\nlayout: default\ntitle: Notes\n---\nh1. {{ page.title }}\n\nFish & chips\n",
        "_posts/2024-05-02-second.txtl": "---\n---\nh2. Posted\n",
        "raw.txtl": "h1. no front matter: copied as it is\n",
        "index.md": "---\n---\n# Markdown still\n",
    }
    source = make_site(tmp_path / "site", files=files)
    build(source, tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "notes.html").read_text() == (
        '<html><body>\n<h1 class="converted">Notes</h1>\n<p>Fish &amp; chips</p>\n</body></html>\n'
    )
    assert (out / "2024/05/02/second.html").read_text() == "<h2>Posted</h2>\n"
    assert (out / "raw.txtl").read_text() == "h1. no front matter: copied as it is\n"
    assert (out / "index.html").read_text() == '<h1 id="markdown-still">Markdown still</h1>\n'
    assert not (out / "notes.txtl").exists()


# -- the documentation's example ------------------------------------------------------------------------


def _load_example() -> Any:
    path = EXAMPLE / "_plugins/reading_time.py"
    spec = importlib.util.spec_from_file_location("reading_time_example", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "text, pace, expect",
    [
        ("", 200, 1),
        ("one two three", 2, 2),
        ("one two", 2, 1),
        ("<p>tags <em>are</em> not words</p>", 4, 1),
        ("<p>tags <em>are</em> not words</p>", 3, 2),
        ("it's a well-known don’t", 4, 1),
        ("word " * 401, 200, 3),
    ],
)
def test_example_minutes(text: str, pace: int, expect: int) -> None:
    assert _load_example().minutes(text, pace) == expect


@pytest.mark.parametrize(
    "config, expect",
    [
        ({}, {"words_per_minute": 200, "permalink": "/reading/"}),
        ({"reading_time": None}, {"words_per_minute": 200, "permalink": "/reading/"}),
        ({"reading_time": "fast"}, {"words_per_minute": 200, "permalink": "/reading/"}),
        ({"reading_time": {"words_per_minute": 50}}, {"words_per_minute": 50, "permalink": "/reading/"}),
        ({"reading_time": {"permalink": "/time/"}}, {"words_per_minute": 200, "permalink": "/time/"}),
    ],
)
def test_example_settings(config: dict[str, Any], expect: dict[str, Any]) -> None:
    assert _load_example().settings(config) == expect


def test_example_plugin_site_builds(tmp_path: Path) -> None:
    source = tmp_path / "site"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("__pycache__"))
    build(source, tmp_path / "out")
    out = tmp_path / "out"
    longer = (out / "2024/03/02/longer.html").read_text()
    assert '<main>\n<p class="reading-time">6 min read</p>\n<p>SQS is a queue' in longer
    assert "<aside class=\"aside\"><strong>Tip</strong> Set the visibility timeout" in longer
    assert '<p class="reading-time">2 min read</p>' in (out / "2024/03/01/short.html").read_text()
    assert "The newest note takes 6 min read." in (out / "index.html").read_text()
    reading = (out / "reading/index.html").read_text()
    assert "<p>Reading every post takes 8 min.</p>" in reading
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a> \((\d+) min\)</li>', reading) == [
        ("/2024/03/02/longer.html", "A longer note", "6"),
        ("/2024/03/01/short.html", "A short note", "2"),
    ]


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_doc_shows_the_tested_example() -> None:
    doc = DOC.read_text(encoding="utf-8")
    example = (EXAMPLE / "_plugins/reading_time.py").read_text(encoding="utf-8")
    assert example in _python_blocks(doc)
    for name in ("_config.yml", "_posts/2024-03-02-longer.md"):
        assert (EXAMPLE / name).read_text(encoding="utf-8") in doc, name


def test_doc_snippets_compile() -> None:
    blocks = _python_blocks(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    for number, block in enumerate(blocks):
        compile(block, f"docs/plugins.md block {number}", "exec")


def test_doc_converter_is_the_tested_one() -> None:
    assert dedent(TXTL_CONVERTER).lstrip("\n") in _python_blocks(DOC.read_text(encoding="utf-8"))


def test_doc_lists_every_hook() -> None:
    from postforge.hooks import HookSpec

    doc = DOC.read_text(encoding="utf-8")
    hooks = [name for name in vars(HookSpec) if not name.startswith("_")]
    headings = re.findall(r"^### `(\w+)\(", doc, re.MULTILINE)
    assert headings == hooks
