"""The configuration as Jekyll 4.3 builds it from defaults, ``_config.*`` files and CLI options.

Each case's expectation is what ``Jekyll.configuration`` (4.3.1) returned for the same files and
options, given as the keys whose values differ from a site without any config file; that site's
configuration, and ``Configuration::DEFAULTS``, are checked whole. ``source`` and ``destination``
(Jekyll's follow the working directory) are checked apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import pytest

from postforge.config import DEFAULTS
from postforge.config import deep_merge
from postforge.config import load_config
from postforge.errors import PostforgeError

#: Jekyll::Configuration::DEFAULTS without source/destination, as JSON
JEKYLL_DEFAULTS = (
    '{"collections_dir":"","cache_dir":".jekyll-cache","plugins_dir":"_plugins","layouts_dir":"_layouts",'
    '"data_dir":"_data","includes_dir":"_includes","collections":{},"safe":false,"include":[".htaccess"],'
    '"exclude":[],"keep_files":[".git",".svn"],"encoding":"utf-8","markdown_ext":"markdown,mkdown,mkdn,mkd,md",'
    '"strict_front_matter":false,"show_drafts":null,"limit_posts":0,"future":false,"unpublished":false,'
    '"whitelist":[],"plugins":[],"markdown":"kramdown","highlighter":"rouge","lsi":false,"excerpt_separator":"\\n\\n",'
    '"incremental":false,"detach":false,"port":"4000","host":"127.0.0.1","baseurl":null,"show_dir_listing":false,'
    '"permalink":"date","paginate_path":"/page:num","timezone":null,"quiet":false,"verbose":false,"defaults":[],'
    '"liquid":{"error_mode":"warn","strict_filters":false,"strict_variables":false},"kramdown":{"auto_ids":true,'
    '"toc_levels":[1,2,3,4,5,6],"entity_output":"as_char","smart_quotes":"lsquo,rsquo,ldquo,rdquo","input":"GFM",'
    '"hard_wrap":false,"guess_lang":true,"footnote_nr":1,"show_warnings":false}}'
)

#: what Jekyll.configuration adds to DEFAULTS for a site with no config file
NO_CONFIG_CHANGES = {
    "collections": {"posts": {"output": True, "permalink": "/:categories/:year/:month/:day/:title:output_ext"}},
    "exclude": [
        ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
        "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
    ],
}


@dataclass
class Case:
    description: str
    #: files in the site source
    files: dict[str, str]
    #: keys whose values differ from a site without config files, as Jekyll gave them
    changed: dict[str, Any]
    config_files: list[str] | None = None
    overrides: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        'no config file',
        {},
        {},
    ),
    Case(
        'yml values, Psych types',
        {'_config.yml': 'title: My site\nfuture: yes\nport: 4001\nlimit_posts: 0x10\ntime_of_day: 10:30\nempty:\nnot_bool: y\n'},
        {'limit_posts': 16, 'future': True, 'port': 4001, 'title': 'My site', 'time_of_day': 37800, 'empty': None, 'not_bool': 'y'},
    ),
    Case(
        'arrays replace, hashes merge',
        {'_config.yml': 'include: [.well-known]\nexclude: [foo, node_modules]\nkramdown:\n  hard_wrap: true\nliquid: {error_mode: strict}\n'},
        {'include': ['.well-known'], 'exclude': ['foo', 'node_modules', '.sass-cache', '.jekyll-cache', 'gemfiles', 'Gemfile', 'Gemfile.lock', 'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/'], 'liquid': {'error_mode': 'strict', 'strict_filters': False, 'strict_variables': False}, 'kramdown': {'auto_ids': True, 'toc_levels': [1, 2, 3, 4, 5, 6], 'entity_output': 'as_char', 'smart_quotes': 'lsquo,rsquo,ldquo,rdquo', 'input': 'GFM', 'hard_wrap': True, 'guess_lang': True, 'footnote_nr': 1, 'show_warnings': False}},
    ),
    Case(
        'pretty permalink, collections list',
        {'_config.yml': 'permalink: pretty\ncollections: [recipes, notes]\n'},
        {'collections': {'posts': {'output': True, 'permalink': '/:categories/:year/:month/:day/:title/'}, 'recipes': {}, 'notes': {}}, 'permalink': 'pretty'},
    ),
    Case(
        'collections hash, posts forced output',
        {'_config.yml': 'permalink: none\ncollections:\n  posts: {output: false, permalink: /blog/:title/}\n  recipes: {output: true}\n'},
        {'collections': {'posts': {'output': True, 'permalink': '/blog/:title/'}, 'recipes': {'output': True}}, 'permalink': 'none'},
    ),
    Case(
        'posts permalink from style none',
        {'_config.yml': 'permalink: none\n'},
        {'collections': {'posts': {'output': True, 'permalink': '/:categories/:title:output_ext'}}, 'permalink': 'none'},
    ),
    Case(
        'custom permalink',
        {'_config.yml': 'permalink: /:year/:title/\n'},
        {'collections': {'posts': {'output': True, 'permalink': '/:year/:title/'}}, 'permalink': '/:year/:title/'},
    ),
    Case(
        'collections null',
        {'_config.yml': 'collections:\n'},
        {},
    ),
    Case(
        'nil never overrides',
        {'_config.yml': 'baseurl:\nmarkdown:\nkramdown:\n  input:\n'},
        {},
    ),
    Case(
        'yml wins over toml',
        {'_config.yml': 'a: yml\n', '_config.toml': "a = 'toml'\n"},
        {'a': 'yml'},
    ),
    Case(
        'yaml wins over toml',
        {'_config.yaml': 'a: yaml\n', '_config.toml': "a = 'toml'\n"},
        {'a': 'yaml'},
    ),
    Case(
        'yml wins over yaml',
        {'_config.yml': 'a: yml\n', '_config.yaml': 'a: yaml\n'},
        {'a': 'yml'},
    ),
    Case(
        'toml only',
        {'_config.toml': 'a = 2\ntitle = "T"\n[kramdown]\nhard_wrap = true\n'},
        {'kramdown': {'auto_ids': True, 'toc_levels': [1, 2, 3, 4, 5, 6], 'entity_output': 'as_char', 'smart_quotes': 'lsquo,rsquo,ldquo,rdquo', 'input': 'GFM', 'hard_wrap': True, 'guess_lang': True, 'footnote_nr': 1, 'show_warnings': False}, 'a': 2, 'title': 'T'},
    ),
    Case(
        'empty yml',
        {'_config.yml': ''},
        {},
    ),
    Case(
        'comment-only yml',
        {'_config.yml': '# nothing\n'},
        {},
    ),
    Case(
        'not a mapping: defaults',
        {'_config.yml': '- a\n- b\n'},
        {},
    ),
    Case(
        'later files win',
        {'a.yml': 'a: 1\nb: {x: 1, y: 1}\nc: [1]\n', 'b.yml': 'a: 2\nb: {y: 2}\nc:\n'},
        {'a': 2, 'b': {'x': 1, 'y': 2}, 'c': [1]},
        config_files=['a.yml', 'b.yml'],
    ),
    Case(
        'bad file stops reading',
        {'a.yml': 'a: 1\n', 'b.yml': 'just a string\n', 'c.yml': 'c: 3\n'},
        {'a': 1},
        config_files=['a.yml', 'b.yml', 'c.yml'],
    ),
    Case(
        'no parser for json',
        {'a.yml': 'a: 1\n', 'b.json': '{"b": 2}', 'c.yml': 'c: 3\n'},
        {'a': 1},
        config_files=['a.yml', 'b.json', 'c.yml'],
    ),
    Case(
        'explicit files skip _config.yml',
        {'_config.yml': 'a: default\n', 'x.yml': 'b: x\n'},
        {'b': 'x'},
        config_files=['x.yml'],
    ),
    Case(
        'overrides on top',
        {'_config.yml': 'baseurl: /a\nkramdown: {hard_wrap: true}\nfuture: true\n'},
        {'future': True, 'baseurl': '/b', 'kramdown': {'auto_ids': True, 'toc_levels': [1, 2, 3, 4, 5, 6], 'entity_output': 'as_char', 'smart_quotes': 'lsquo,rsquo,ldquo,rdquo', 'input': 'kramdown', 'hard_wrap': True, 'guess_lang': True, 'footnote_nr': 1, 'show_warnings': False}},
        overrides={'baseurl': '/b', 'kramdown': {'input': 'kramdown'}, 'future': None},
    ),
    Case(
        'gems is just a key',
        {'_config.yml': 'gems: [jekyll-feed]\nplugins: [jekyll-sitemap]\n'},
        {'plugins': ['jekyll-sitemap'], 'gems': ['jekyll-feed']},
    ),
    Case(
        'timezone kept',
        {'_config.yml': 'timezone: Europe/Paris\n'},
        {'timezone': 'Europe/Paris'},
    ),
    Case(
        'exclude uniq',
        {'_config.yml': 'exclude: [node_modules, a, a, Gemfile]\n'},
        {'exclude': ['node_modules', 'a', 'Gemfile', '.sass-cache', '.jekyll-cache', 'gemfiles', 'Gemfile.lock', 'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/']},
    ),
    Case(
        'override exclude not validated',
        {},
        {'exclude': ['x', '.sass-cache', '.jekyll-cache', 'gemfiles', 'Gemfile', 'Gemfile.lock', 'node_modules', 'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/']},
        overrides={'exclude': ['x']},
    ),
]


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _baseline() -> dict[str, Any]:
    return {**json.loads(JEKYLL_DEFAULTS), **NO_CONFIG_CHANGES}


def test_defaults_are_jekylls() -> None:
    ours = {key: value for key, value in DEFAULTS.items() if key not in ("source", "destination")}
    assert ours == json.loads(JEKYLL_DEFAULTS)
    assert list(ours) == list(json.loads(JEKYLL_DEFAULTS))


@pytest.mark.parametrize("case", CASES, ids=[c.description for c in CASES])
def test_load_config(case: Case, tmp_path: Path) -> None:
    source = _site(tmp_path, case.files)
    files = [source / name for name in case.config_files] if case.config_files is not None else None
    config = load_config(source, files, case.overrides or None)
    del config["source"], config["destination"]
    assert config == {**_baseline(), **case.changed}


def test_source_and_destination_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``jekyll build -s site`` reads site/ and writes ./_site; with no -s both follow the working directory."""
    (tmp_path / "site").mkdir()
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("site"))
    assert (config["source"], config["destination"]) == (str(tmp_path / "site"), str(tmp_path / "_site"))
    config = load_config(Path("site"), overrides={"source": "site", "destination": "out"})
    assert (config["source"], config["destination"]) == ("site", "out")


def test_config_file_source_loses_to_the_override(tmp_path: Path) -> None:
    source = _site(tmp_path, {"_config.yml": "source: from-file\ndestination: dest-from-file\n"})
    assert load_config(source)["source"] == "from-file"
    config = load_config(source, overrides={"source": str(source)})
    assert (config["source"], config["destination"]) == (str(source), "dest-from-file")


def test_defaults_are_not_mutated(tmp_path: Path) -> None:
    before = json.dumps(DEFAULTS, sort_keys=True)
    config = load_config(_site(tmp_path, {"_config.yml": "exclude: [a]\nkramdown: {input: x}\n"}))
    config["kramdown"]["toc_levels"].append(7)
    config["include"].append("x")
    assert json.dumps(DEFAULTS, sort_keys=True) == before


# (master, other, Utils.deep_merge_hashes's result)
MERGE_CASES = [
    ({"a": 1}, {"a": 2}, {"a": 2}),
    ({"a": 1}, {"a": None}, {"a": 1}),
    ({}, {"a": None}, {"a": None}),
    ({"a": {"x": 1, "y": 1}}, {"a": {"y": 2, "z": 3}}, {"a": {"x": 1, "y": 2, "z": 3}}),
    ({"a": [1, 2]}, {"a": [3]}, {"a": [3]}),
    ({"a": {"x": 1}}, {"a": "s"}, {"a": "s"}),
    ({"a": "s"}, {"a": {"x": 1}}, {"a": {"x": 1}}),
    ({"a": False}, {"a": None}, {"a": False}),
    ({"a": True}, {"a": False}, {"a": False}),
]


@pytest.mark.parametrize(("master", "other", "expected"), MERGE_CASES)
def test_deep_merge(master: dict, other: dict, expected: dict) -> None:
    assert deep_merge(master, other) == expected


# (files, config files, message start, file, line, column, source line); Jekyll fails on each
ERROR_CASES = [
    (
        {"_config.yml": "title: x\nnav: [a, b\nfoo: 1\n"}, None,
        "YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence started at line 2 column 6",
        "_config.yml", 3, 4, "foo: 1",
    ),
    ({"_config.yml": "a: :b\n"}, None, "Tried to load unspecified class: Symbol", "_config.yml", 1, 4, "a: :b"),
    ({"_config.yml": "exclude:\n"}, None, "'exclude' should be set as an array, but was: nil.", "_config.yml", 1, 1, "exclude:"),
    (
        {"_config.yml": "title: t\nexclude: foo\n"}, None,
        "'exclude' should be set as an array, but was: \"foo\".", "_config.yml", 2, 1, "exclude: foo",
    ),
    (
        {"_config.yml": "include: {a: 1}\n"}, None,
        "'include' should be set as an array, but was: {\"a\"=>1}.", "_config.yml", 1, 1, "include: {a: 1}",
    ),
    (
        {"a.yml": "title: t\n", "b.yml": "plugins: jekyll-feed\n"}, ["a.yml", "b.yml"],
        "'plugins' should be set as an array, but was: \"jekyll-feed\".", "b.yml", 1, 1, "plugins: jekyll-feed",
    ),
    ({"_config.toml": "a = 1\nb = = 2\n"}, None, "TOML syntax error: Invalid value", "_config.toml", 2, 5, "b = = 2"),
    ({}, ["nope.yml"], "The configuration file", "nope.yml", None, None, None),
]


@pytest.mark.parametrize(("files", "config_files", "message", "name", "line", "column", "line_text"), ERROR_CASES)
def test_config_errors(
    files: dict, config_files: list | None, message: str, name: str, line: int | None, column: int | None,
    line_text: str | None, tmp_path: Path,
) -> None:
    source = _site(tmp_path, files)
    with pytest.raises(PostforgeError) as caught:
        load_config(source, [source / f for f in config_files] if config_files else None)
    location = caught.value.location
    assert caught.value.message.startswith(message)
    assert (location.path, location.line, location.column, location.line_text) == (
        str(source / name), line, column, line_text,
    )
