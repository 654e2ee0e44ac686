"""The site configuration as Jekyll 4.3 builds it: defaults, ``_config.*`` files, CLI overrides.

``Jekyll.configuration`` reads the config files into an empty hash (later files deep-merged over
earlier ones), checks ``plugins``/``include``/``exclude`` and adds the ``posts`` collection, merges
the command-line options over that, then merges the whole over ``DEFAULTS`` and adds the posts
collection and the default excludes again. :func:`load_config` keeps that order, because it
decides what wins: a ``nil`` never overrides a value, hashes merge key by key, arrays are replaced
(so a site's ``include:`` drops ``.htaccess``).

Not done here: Jekyll sets ``TZ`` from ``timezone:`` as a side effect of reading the configuration;
postforge sets it around the build (``site.py``), so loading a configuration changes no global state.
Nothing in Jekyll 4.3 reads ``gems:`` any more (it is kept as an ordinary key), nor normalises
``baseurl``/``url``.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.log import logger
from postforge.psych import load_yaml
from postforge.regexes import LazyPattern

__all__ = [
    "DEFAULTS",
    "DEFAULT_EXCLUDES",
    "add_default_collections",
    "add_default_excludes",
    "build_config",
    "deep_merge",
    "load_config",
    "style_to_permalink",
]

#: Jekyll::Configuration::DEFAULTS; :func:`load_config` sets ``source`` to the site it reads and
#: ``destination`` to ``_site`` in the working directory at that time (Jekyll's are ``Dir.pwd``-based)
DEFAULTS: dict[str, Any] = {
    # Where things are
    "source": os.getcwd(),
    "destination": os.path.join(os.getcwd(), "_site"),
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    # Handling Reading
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    # Filtering Content
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    # Plugins
    "whitelist": [],
    "plugins": [],
    # Conversion
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    # Serving
    "detach": False,
    "port": "4000",
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    # Output Configuration
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": False,
    "verbose": False,
    "defaults": [],
    "liquid": {
        "error_mode": "warn",
        "strict_filters": False,
        "strict_variables": False,
    },
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
}

#: Configuration::DEFAULT_EXCLUDES, appended to every site's ``exclude``
DEFAULT_EXCLUDES = (
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
)

_STYLE_TO_PERMALINK = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}

_TOML_POSITION = LazyPattern(r"\(at line (\d+), column (\d+)\)")


def deep_merge(master: dict, other: dict) -> dict:
    """``Utils.deep_merge_hashes``: a new dict, ``other`` winning, except that ``None`` never wins.

    Hashes found under the same key in both merge recursively; anything else (arrays included)
    is replaced. Keys only in ``other`` are added even when their value is ``None``.
    """
    merged = dict(master)
    for key, new in other.items():
        if key in merged:
            old = merged[key]
            if new is None:
                continue
            if isinstance(old, dict) and isinstance(new, dict):
                new = deep_merge(old, new)
        merged[key] = new
    return merged


def style_to_permalink(style: Any) -> str:
    """A built-in permalink style's template (``pretty`` → ``/:categories/…/:title/``), else the value."""
    text = str(style)
    return _STYLE_TO_PERMALINK.get(text, text)


def add_default_collections(config: dict) -> dict:
    """The ``posts`` collection, always output, its permalink from ``permalink:`` unless it has one."""
    collections = config.get("collections")
    if collections is None:
        return config
    if isinstance(collections, list):
        collections = {label: {} for label in collections}
    if not isinstance(collections, dict):
        raise PostforgeError(
            f"'collections' should be a hash or an array, but was: {collections!r}.", Location("_config.yml")
        )
    collections = deep_merge({"posts": {}}, collections)
    posts = dict(collections["posts"]) if isinstance(collections["posts"], dict) else {}
    posts["output"] = True
    if config.get("permalink") not in (None, False) and posts.get("permalink") in (None, False):
        posts["permalink"] = style_to_permalink(config["permalink"])
    collections["posts"] = posts
    return {**config, "collections": collections}


def add_default_excludes(config: dict) -> dict:
    """Append Jekyll's default excludes to ``exclude``, dropping repeats, first occurrence kept."""
    exclude = config.get("exclude")
    if exclude is None:
        return config
    seen: list[Any] = []
    for entry in [*list(exclude), *DEFAULT_EXCLUDES]:
        if entry not in seen:
            seen.append(entry)
    return {**config, "exclude": seen}


def build_config(source: Path | str, destination: Path | str | None, config_files: list[Path] | None,
                 overrides: dict[str, Any] | None) -> dict:
    """The configuration of ``postforge build``: :func:`load_config` with the command line's
    ``source`` and ``destination`` made absolute."""
    overrides = dict(overrides or {})
    overrides["source"] = str(Path(source).resolve())
    if destination is not None:
        overrides["destination"] = str(Path(destination).resolve())
    return load_config(Path(source), config_files or None, overrides)


def load_config(source: Path, config_files: list[Path] | None = None, overrides: dict | None = None) -> dict:
    """``Jekyll.configuration(overrides)``: defaults < config files < overrides, then post-processed.

    ``config_files=None`` means Jekyll's lookup in ``source``: the first of ``_config.yml``,
    ``_config.yaml``, ``_config.toml`` that exists, and no configuration (a warning) when none
    does. Given files are read in order, later ones winning; a missing one is an error. A file
    that is not a mapping, or has no YAML/TOML extension, stops the reading with a warning and
    the files read so far are kept, as Jekyll does. ``overrides`` are the command-line options.

    ``source`` plays Jekyll's working directory: the default ``source`` (a config file's
    ``source:`` beats it, an override beats both). ``destination`` defaults to ``./_site`` in the
    working directory, as ``jekyll build -s SRC`` writes there, not into ``SRC``.
    """
    overrides = {str(key): value for key, value in (overrides or {}).items()}
    default_lookup = config_files is None
    if default_lookup:
        config_files = [_default_config_file(Path(source))]
    file_config: dict = {}
    origins: dict[str, Path] = {}
    for config_file in config_files or []:
        if not str(config_file):
            continue
        try:
            next_config = _read_config_file(Path(config_file), default_lookup)
        except _StopReading as stop:
            logger.warn("WARNING:", "Error reading configuration. Using defaults (and options).")
            logger.warn("", str(stop))
            break
        for key in next_config:
            origins[str(key)] = Path(config_file)
        file_config = deep_merge(file_config, next_config)
    _validate(file_config, origins)
    file_config = add_default_collections(file_config)

    defaults = copy.deepcopy(DEFAULTS)
    # Jekyll's default source is the working directory, where it also looked for _config.yml;
    # here that directory is ``source``. The destination stays ./_site, as with `jekyll build -s`.
    defaults["source"] = os.path.abspath(source)
    defaults["destination"] = os.path.join(os.getcwd(), "_site")
    config = deep_merge(defaults, deep_merge(file_config, overrides))
    return add_default_excludes(add_default_collections(config))


class _StopReading(Exception):
    """Jekyll's ArgumentError while reading config files: warn, keep what was read, read no more."""


def _default_config_file(source: Path) -> Path:
    for ext in ("yml", "yaml", "toml"):
        candidate = source / f"_config.{ext}"
        if candidate.exists():
            return candidate
    return source / "_config.yml"


def _read_config_file(path: Path, default_lookup: bool) -> dict:
    """One config file as a dict; ``{}`` for an empty file or a missing default one."""
    ext = path.suffix
    if re.search(r"\.toml", ext, re.IGNORECASE):
        kind = "toml"
    elif re.search(r"\.ya?ml", ext, re.IGNORECASE):
        kind = "yaml"
    else:
        raise _StopReading(f"No parser for '{path.resolve()}' is available. Use a .y(a)ml or .toml file instead.")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        if default_lookup:
            logger.warn("Configuration file:", "none")
            return {}
        logger.error("Fatal:", f"The configuration file '{path.resolve()}' could not be found.")
        raise PostforgeError(f"The configuration file '{path}' could not be found.", Location(str(path))) from None
    data = _parse_toml(text, path) if kind == "toml" else _parse_yaml(text, path)
    if not isinstance(data, dict):
        raise _StopReading(f"Configuration file: (INVALID) {path.resolve()}")
    logger.info("Configuration file:", str(path.resolve()))
    return data


def _parse_yaml(text: str, path: Path) -> Any:

    data = load_yaml(text, str(path))
    return {} if data is None or data is False else data


def _parse_toml(text: str, path: Path) -> dict:
    """TOML with tomllib (tomli on Python 3.10); Jekyll reads it with tomlrb."""
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise PostforgeError(
                "reading a TOML configuration on Python 3.10 needs the 'tomli' package", Location(str(path))
            ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _TOML_POSITION.search(message)
        location = Location(str(path))
        if found:
            line, column = int(found.group(1)), int(found.group(2))
            location = Location(str(path), line, column, Location.from_line(str(path), text, line).line_text)
            message = message[: found.start()].rstrip()
        raise PostforgeError(f"TOML syntax error: {message}", location) from None


def _validate(config: dict, origins: dict[str, Path]) -> None:
    """Configuration#validate: ``plugins``, ``include`` and ``exclude`` must be arrays when set."""
    for option in ("plugins", "include", "exclude"):
        if option not in config or isinstance(config[option], list):
            continue
        value = _ruby_inspect(config[option])
        message = f"'{option}' should be set as an array, but was: {value}."
        if option == "plugins":
            logger.error(
                "",
                f"'plugins' should be set as an array of gem-names, but was: {value}. Use 'plugins_dir' "
                "instead to set the directory for your non-gemified Ruby plugins.",
            )
        raise PostforgeError(message, _key_location(origins.get(option), option))


def _key_location(path: Path | None, key: str) -> Location | None:
    """Where a top-level key is set in a config file, for the error message."""
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return Location(str(path))
    lines = text.split("\n")
    pattern = re.compile(rf"""^(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*[:=]""")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return Location(str(path), number, 1, line.rstrip("\r"))
    return Location(str(path))


def _ruby_inspect(value: Any) -> str:
    if value is None:
        return "nil"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_ruby_inspect(k)}=>{_ruby_inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_ruby_inspect(v) for v in value) + "]"
    return repr(value)
