"""Sass and SCSS pages to CSS, byte for byte as Jekyll 4.3's jekyll-sass-converter 2.2 on sassc.

Jekyll compiles with libsass through sassc-ruby's data-context calls; the Python ``libsass``
package bundles the same libsass (3.6) and exports its C API, so we make the same calls through
ctypes: the same input path, include paths, style, source-map options, hence the same CSS and the
same ``.css.map``. (``sass.compile(string=...)`` cannot: it hides the input path, adds the working
directory to the include paths and makes no source map for a string.) Where the C API is not
exported, `sass.compile` is the fallback, without source maps.

Jekyll's quirks kept here, because sites depend on them:

* the input path is ``<source>/<page name>``, not the page's own folder, so a plain ``@import``
  from ``assets/css/main.scss`` finds ``<source>/_foo.scss`` and never ``assets/css/_foo.scss``,
  and the map lists ``main.scss`` among sources relative to the site source;
* the default style is ``compact`` and a source map is written unless ``sourcemap: never``
  (``development``: only when ``JEKYLL_ENV`` is development), the CSS then ending in
  ``\\n\\n/*# sourceMappingURL=main.css.map */`` with no newline;
* ``sass:`` keys that sassc reads are passed through (``precision``, ``line_comments``,
  ``source_map_embed``) except in safe mode; a byte-order mark libsass puts before compressed
  non-ASCII output is removed (or replaced by ``@charset "UTF-8";`` with ``add_charset``);
* an empty input gives empty CSS and no map.

The ``sass:`` settings are read in :mod:`postforge.render.sass_config` (names re-exported here):
every build reads them, and only a site with Sass pages imports this module.
"""

from __future__ import annotations

import ctypes
import os
import re
from dataclasses import dataclass
from pathlib import Path
from pathlib import PurePosixPath
from typing import Any
from typing import Literal
from typing import Sequence

from postforge.errors import Location
from postforge.errors import PostforgeError
from postforge.render.sass_config import DEFAULT_STYLE
from postforge.render.sass_config import SASS_STYLES
from postforge.render.sass_config import sass_dir
from postforge.render.sass_config import sass_load_paths
from postforge.render.sass_config import sass_settings
from postforge.render.sass_config import sass_style
from postforge.render.sass_config import sourcemap_enabled

__all__ = [
    "SASS_STYLES",
    "SassOutput",
    "compile_sass",
    "convert_sass",
    "sass_dir",
    "sass_load_paths",
    "sass_settings",
    "sass_style",
    "sourcemap_enabled",
]

_BOM = "\ufeff"
_CHARSET = '@charset "UTF-8";'


@dataclass(frozen=True)
class SassOutput:
    """The CSS, and the source map Jekyll writes beside it (``main.css.map``) when it writes one."""

    css: str
    source_map: str | None = None


# ---------------------------------------------------------------------------------------------
# libsass through its C API


_STYLE_ENUM = {"nested": 0, "expanded": 1, "compact": 2, "compressed": 3}


class _Libsass:
    """The C functions sassc-ruby calls, bound from the libsass inside the ``libsass`` package."""

    def __init__(self) -> None:
        import _sass  # the libsass package's extension module, libsass compiled in

        lib = ctypes.CDLL(_sass.__file__)
        ptr = ctypes.c_void_p
        text = ctypes.c_char_p
        size = ctypes.c_size_t
        flag = ctypes.c_bool

        def bind(name: str, restype: Any, *argtypes: Any) -> Any:
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = list(argtypes)
            return function

        # the source must be allocated by libsass: the data context frees it
        self.copy_c_string = bind("sass_copy_c_string", ptr, text)
        self.make_data_context = bind("sass_make_data_context", ptr, ptr)
        self.data_context_get_context = bind("sass_data_context_get_context", ptr, ptr)
        self.context_get_options = bind("sass_context_get_options", ptr, ptr)
        self.set_indented = bind("sass_option_set_is_indented_syntax_src", None, ptr, flag)
        self.set_input_path = bind("sass_option_set_input_path", None, ptr, text)
        self.set_precision = bind("sass_option_set_precision", None, ptr, ctypes.c_int)
        self.set_include_path = bind("sass_option_set_include_path", None, ptr, text)
        self.set_output_style = bind("sass_option_set_output_style", None, ptr, ctypes.c_int)
        self.set_source_comments = bind("sass_option_set_source_comments", None, ptr, flag)
        self.set_source_map_file = bind("sass_option_set_source_map_file", None, ptr, text)
        self.set_source_map_embed = bind("sass_option_set_source_map_embed", None, ptr, flag)
        self.set_source_map_contents = bind("sass_option_set_source_map_contents", None, ptr, flag)
        self.set_omit_source_map_url = bind("sass_option_set_omit_source_map_url", None, ptr, flag)
        self.compile_data_context = bind("sass_compile_data_context", ctypes.c_int, ptr)
        self.get_output_string = bind("sass_context_get_output_string", text, ptr)
        self.get_source_map_string = bind("sass_context_get_source_map_string", text, ptr)
        self.get_error_text = bind("sass_context_get_error_text", text, ptr)
        self.get_error_file = bind("sass_context_get_error_file", text, ptr)
        self.get_error_line = bind("sass_context_get_error_line", size, ptr)
        self.get_error_column = bind("sass_context_get_error_column", size, ptr)
        self.delete_data_context = bind("sass_delete_data_context", None, ptr)


_LIBSASS: _Libsass | None = None
_LIBSASS_FAILED = False


def _libsass() -> _Libsass | None:
    global _LIBSASS, _LIBSASS_FAILED
    if _LIBSASS is None and not _LIBSASS_FAILED:
        try:
            _LIBSASS = _Libsass()
        except (ImportError, OSError, AttributeError):
            _LIBSASS_FAILED = True
    return _LIBSASS


@dataclass(frozen=True)
class _Failure:
    text: str
    file: str | None
    line: int
    column: int


def _fs(path: str | os.PathLike[str]) -> bytes:
    return os.fsencode(os.fspath(path))


def _compile_c(lib: _Libsass, text: str, indented: bool, input_path: str | None,
               include_paths: Sequence[str], style: str, line_comments: bool,
               precision: int | None, map_file: str | None, embed: bool
               ) -> tuple[str, str | None] | _Failure:
    """sassc-ruby's Engine#render: the options it sets, in its order."""
    data_context = lib.make_data_context(lib.copy_c_string(text.encode("utf-8")))
    try:
        context = lib.data_context_get_context(data_context)
        options = lib.context_get_options(context)
        if indented:
            lib.set_indented(options, True)
        if input_path:
            lib.set_input_path(options, _fs(input_path))
        if precision is not None:
            lib.set_precision(options, precision)
        joined = os.pathsep.encode().join(_fs(path) for path in include_paths)
        lib.set_include_path(options, joined or None)
        lib.set_output_style(options, _STYLE_ENUM[style])
        if line_comments:
            lib.set_source_comments(options, True)
        if map_file:
            lib.set_source_map_file(options, _fs(map_file))
            if embed:
                lib.set_source_map_embed(options, True)
            lib.set_source_map_contents(options, True)
        else:
            lib.set_omit_source_map_url(options, True)
        if lib.compile_data_context(data_context) != 0:
            file = lib.get_error_file(context)
            return _Failure((lib.get_error_text(context) or b"").decode("utf-8", "replace"),
                            os.fsdecode(file) if file else None,
                            lib.get_error_line(context), lib.get_error_column(context))
        css = (lib.get_output_string(context) or b"").decode("utf-8")
        source_map = lib.get_source_map_string(context)
        return css, source_map.decode("utf-8") if map_file and source_map else None
    finally:
        lib.delete_data_context(data_context)


def _compile_portable(text: str, indented: bool, include_paths: Sequence[str], style: str,
                      line_comments: bool, precision: int | None) -> str | _Failure:
    """The fallback through ``sass.compile``: same CSS for ordinary input, no source map; an
    import is looked for in the working directory before the include paths (Jekyll: in the site
    source), so the caller puts the site source first among them."""
    import sass

    try:
        return sass.compile(string=text, indented=indented, include_paths=list(include_paths),
                            output_style=style, source_comments=line_comments,
                            precision=10 if precision is None else precision)
    except sass.CompileError as error:
        message = str(error)
        where = re.search(r"on line (\d+):(\d+) of (\S+)", message)
        first = message.split("\n", 1)[0]
        first = first[len("Error: "):] if first.startswith("Error: ") else first
        if not where:
            return _Failure(first, None, 0, 0)
        return _Failure(first, where.group(3), int(where.group(1)), int(where.group(2)))


def _error(failure: _Failure, text: str, input_path: str | None, source_name: str,
           source_dir: Path | None, line_offset: int) -> PostforgeError:
    """Locate a libsass error: in the page itself (lines counted from the top of its file) or in
    an imported file (named relative to the site source when it lies inside)."""
    file = failure.file
    line = failure.line or None
    column = failure.column or None
    if file is None or file == "stdin" or file == input_path:
        location = Location(source_name, None, None, None)
        if line is not None:
            lines = text.split("\n")
            line_text = lines[line - 1] if line <= len(lines) else None
            location = Location(source_name, line + line_offset, column, line_text)
        return PostforgeError(f"Sass error: {failure.text}", location)
    shown = file
    if source_dir is not None:
        try:
            shown = Path(file).resolve().relative_to(Path(source_dir).resolve()).as_posix()
        except ValueError:
            pass
    line_text = None
    if line is not None:
        try:
            lines = Path(file).read_text(encoding="utf-8").split("\n")
            line_text = lines[line - 1] if line <= len(lines) else None
        except (OSError, UnicodeDecodeError):
            pass
    return PostforgeError(f"Sass error: {failure.text}", Location(shown, line, column, line_text))


def compile_sass(text: str, syntax: Literal["scss", "sass"] = "scss", *,
                 load_paths: Sequence[Path] = (), style: str = DEFAULT_STYLE,
                 source_name: str = "stdin", source_dir: Path | None = None,
                 sourcemap: bool = False, line_comments: bool = False,
                 precision: int | None = None, embed_source_map: bool = False,
                 add_charset: bool = False, line_offset: int = 0) -> SassOutput:
    """Compile one Sass page as Jekyll does.

    ``text`` is the page's content after front matter and Liquid; ``source_name`` its path relative
    to the site source (errors name it; its file name, joined to ``source_dir``, is the input path
    libsass resolves imports and source-map paths from); ``line_offset`` the lines of front matter
    above it. Without ``source_dir`` the input is ``stdin`` and no map is made, as Jekyll does for
    a converter not tied to a page. Raises PostforgeError with the file, line and column libsass
    reports.
    """
    if syntax not in ("scss", "sass"):
        raise ValueError(f"syntax must be 'scss' or 'sass', not {syntax!r}")
    if style not in SASS_STYLES:
        raise ValueError(f"style must be one of {', '.join(SASS_STYLES)}, not {style!r}")
    if not text:
        return SassOutput("")
    input_path = map_file = None
    if source_dir is not None:
        name = PurePosixPath(source_name.replace("\\", "/")).name
        directory = os.path.abspath(source_dir)
        input_path = os.path.join(directory, name)
        if sourcemap:
            map_file = os.path.join(directory, name.rsplit(".", 1)[0] + ".css.map")
    include_paths = [os.fspath(path) for path in load_paths]
    lib = _libsass()
    if lib is not None:
        result = _compile_c(lib, text, syntax == "sass", input_path, include_paths, style,
                            line_comments, precision, map_file, embed_source_map)
    else:
        first = [os.path.dirname(input_path)] if input_path else []
        portable = _compile_portable(text, syntax == "sass", first + include_paths, style,
                                     line_comments, precision)
        result = portable if isinstance(portable, _Failure) else (portable, None)
    if isinstance(result, _Failure):
        raise _error(result, text, input_path, source_name, source_dir, line_offset)
    css, source_map = result
    if css.startswith(_BOM):
        css = (_CHARSET if add_charset else "") + css[1:]
    return SassOutput(css, source_map)


def convert_sass(text: str, syntax: Literal["scss", "sass"] = "scss", *,
                 load_paths: Sequence[Path] = (), style: str = DEFAULT_STYLE,
                 source_name: str = "stdin", **options: Any) -> str:
    """Just the CSS of `compile_sass` (same arguments)."""
    return compile_sass(text, syntax, load_paths=load_paths, style=style,
                        source_name=source_name, **options).css
