"""The Liquid Environment: configuration, tag and filter registries, loader and compile cache.

One object owns everything a render needs, so two sites (or two tests) in one process share
nothing. ``from_string`` parses Liquid, compiles the tree to Jinja2 nodes and then to Python
code, and caches the result by name and source hash; a source with no markup never reaches
the engine at all.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any
from typing import Callable
from typing import Mapping

import jinja2

from postforge import __version__
from postforge.highlight import highlight_tag
from postforge.liquid import filters as filter_families
from postforge.liquid.analysis import free_names
from postforge.liquid.ast import CustomTag
from postforge.liquid.ast import Node
from postforge.liquid.compiler import Compiler
from postforge.liquid.errors import LiquidError
from postforge.liquid.expressions import ExpressionSyntaxError
from postforge.liquid.expressions import jekyll_condition
from postforge.liquid.expressions import lax_output
from postforge.liquid.expressions import strict_output
from postforge.liquid.expressions import with_mode
from postforge.liquid.jinja_env import LiquidContext
from postforge.liquid.jinja_env import LiquidJinjaEnvironment
from postforge.liquid.jinja_env import wrap_filter
from postforge.liquid.lexer import Token
from postforge.liquid.loaders import DictLoader
from postforge.liquid.loaders import validate_include_name
from postforge.liquid.parser import Parser
from postforge.liquid.runtime import RenderContext
from postforge.liquid.tags import BUILTIN_TAGS
from postforge.liquid.template import Template
from postforge.liquid.template import as_liquid_error
from postforge.liquid.template import code_filename

__all__ = ["Environment"]

_ERROR_MODES = ("lax", "warn", "strict")
_STAMP: list[str] = []


def _engine_stamp() -> str:
    """The engine's own files by mtime and size: compiled code from a changed compiler is not
    reused, even where the version number stayed (a development checkout, an edited install)."""
    if not _STAMP:
        folder = Path(__file__).resolve().parent
        entries = []
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    st = os.stat(os.path.join(root, name))
                    entries.append(f"{name}:{st.st_mtime_ns}:{st.st_size}")
        _STAMP.append(hashlib.sha1("|".join(entries).encode("utf-8")).hexdigest())
    return _STAMP[0]


class Environment:
    """Liquid as Jekyll runs it: registries, error mode, includes and the compile cache."""

    def __init__(
        self,
        *,
        partials: Mapping[str, str] | None = None,
        loader: Any = None,
        error_mode: str = "warn",
        strict_variables: bool = False,
        strict_filters: bool = False,
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        if error_mode not in _ERROR_MODES:
            raise ValueError(f"error_mode must be one of {_ERROR_MODES}, not {error_mode!r}")
        #: ``lax``, ``warn`` (Jekyll's default) or ``strict``
        self.error_mode = error_mode
        #: raise on undefined variables instead of rendering nothing
        self.strict_variables = strict_variables
        #: raise on unknown filters instead of passing the input through
        self.strict_filters = strict_filters
        #: where ``include`` finds files
        self.loader = loader if loader is not None else DictLoader(dict(partials or {}))
        #: tag name → parse function
        self.tags: dict[str, Callable[..., Any]] = dict(BUILTIN_TAGS)
        #: filter name → function, as registered (unwrapped)
        self.filters: dict[str, Callable[..., Any]] = {}
        #: plugin tags: name → render function
        self.custom_tags: dict[str, Callable[..., Any]] = {}
        #: renders ``{% highlight %}``: ``(code, lang, options) -> html``
        self.highlight_tag: Callable[[str, str, dict[str, Any]], str] = highlight_tag
        #: where compiled templates are kept across builds (``None``: memory only)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.jinja = LiquidJinjaEnvironment()
        #: (name, source, line offset) → compiled template
        self._templates: dict[tuple[str | None, str, int], Template] = {}
        #: ``include`` file name → compiled include (read once per environment, i.e. per build)
        self._includes: dict[str, Template] = {}
        #: ``include_relative``: (file name, page folder) → compiled include
        self._relative_includes: dict[tuple[str, str], Template] = {}
        #: ``include_relative`` names already found valid
        self._relative_names: set[str] = set()
        self._by_code: dict[str, Template] = {}
        self._expressions: dict[tuple[str, str], Callable[[RenderContext, dict[str, Any]], Any]] = {}
        for family in filter_families.FAMILY_MODULES:
            try:
                module = importlib.import_module(f"postforge.liquid.filters.{family}")
            except ModuleNotFoundError:
                continue
            module.register(self)
        #: the filters Liquid and Jekyll define, as registered before any plugin's
        self.builtin_filters: dict[str, Callable[..., Any]] = dict(self.filters)

    # -- registries ------------------------------------------------------------------------------

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        """Register a filter; templates compiled afterwards see it."""
        self.filters[name] = func
        self.jinja.filters[name] = wrap_filter(func)
        self._forget_compiled()

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        for name, func in filters.items():
            self.add_filter(name, func)

    def add_tag(self, name: str, render: Callable[..., Any], *, block: bool = False) -> None:
        """Register a plugin tag: ``render(ctx, markup)`` or, for a block, ``render(ctx, markup, body)``."""

        def parse_custom(parser: Parser, token: Token, tag: str, markup: str) -> tuple[Node, bool]:
            body = parser.parse_block(tag, token)[0] if block else None
            return CustomTag(token.start, tag, markup, body), False

        self.tags[name] = parse_custom
        self.custom_tags[name] = render
        self._forget_compiled()

    def _forget_compiled(self) -> None:
        self._templates.clear()
        self._includes.clear()
        self._relative_includes.clear()
        self._expressions.clear()

    # -- compiling -------------------------------------------------------------------------------

    def from_string(self, source: str, name: str | None = None, line_offset: int = 0) -> Template:
        """Compile ``source`` (cached by name and content); ``line_offset`` lines precede it in its file."""
        if "{{" not in source and "{%" not in source:
            return Template(self, name, source, line_offset)
        # keyed by the text itself, not its sha1: a layout renders with the same string object
        # every time, whose hash Python keeps, so a hit hashes nothing; the digest (for code
        # names and the disk cache) is taken on a miss only
        key = (name, source, line_offset)
        template = self._templates.get(key)
        if template is None:
            template = self._compile(source, name, line_offset, hashlib.sha1(source.encode("utf-8")).hexdigest())
            self._templates[key] = template
        return template

    def parse(self, source: str, name: str | None = None, line_offset: int = 0) -> Parser:
        """Parse only (raises :class:`LiquidSyntaxError`); the parser holds tree and warnings."""
        parser = Parser(self, source, name, line_offset)
        parser.tree = parser.parse()
        return parser

    def compile_to_python(self, source: str, name: str | None = None) -> str:
        """The Python code a template compiles to, for debugging (``postforge debug-liquid``)."""
        parser = self.parse(source, name)
        tree = Compiler(self, parser).template(parser.tree)
        return self.jinja.compile(tree, name, code_filename(name or "<string>"), raw=True)

    def _compile(self, source: str, name: str | None, line_offset: int, digest: str) -> Template:
        filename = code_filename(f"{name or '<string>'}:{digest[:12]}")
        cached = self._cache_path(filename, digest)
        code = None
        warnings: list[str] = []
        names: Any = None
        if cached is not None and cached.is_file():
            try:
                warnings, names, code = marshal.loads(cached.read_bytes())
            except (EOFError, ValueError, TypeError):
                code = None
        if code is None:
            parser = self.parse(source, name, line_offset)
            names = free_names(parser.tree, self.filters, self.builtin_filters)
            tree = Compiler(self, parser).template(parser.tree)
            code = self.jinja.compile(tree, name, filename)
            warnings = parser.warnings
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(marshal.dumps((warnings, names, code)))
                os.replace(tmp, cached)
        jinja_template = jinja2.Template.from_code(self.jinja, code, self.jinja.make_globals(None))
        template = Template(self, name, source, line_offset, jinja_template, warnings, names)
        self._by_code[filename] = template
        return template

    def _cache_path(self, filename: str, digest: str) -> Path | None:
        """Compiled code is keyed by source, name, engine version and every registry it depends on."""
        if self.cache_dir is None:
            return None
        signature = "|".join(
            [
                __version__,
                _engine_stamp(),
                jinja2.__version__,
                sys.version,
                self.error_mode,
                str(self.strict_variables),
                str(self.strict_filters),
                ",".join(
                    f"{n}:{getattr(f, 'liquid_context', False)}:{getattr(f, 'liquid_leaves_context', False)}"
                    f":{getattr(f, 'liquid_given', None)}:{getattr(f, 'liquid_reads_site', False)}"
                    f":{getattr(f, 'liquid_varies', False)}:{f is self.builtin_filters.get(n)}"
                    for n, f in sorted(self.filters.items())
                ),
                ",".join(sorted(self.tags)),
                filename,
                digest,
            ]
        )
        key = hashlib.sha1(signature.encode("utf-8")).hexdigest()
        return self.cache_dir / "liquid" / key[:2] / f"{key}.pyc"

    def _compiled_expression(self, source: str, kind: str) -> Callable[[RenderContext, dict[str, Any]], Any]:
        key = (kind, source)
        func = self._expressions.get(key)
        if func is not None:
            return func
        parser = Parser(self, source, f"<{kind}>")
        try:
            if kind == "value":
                expr = with_mode(strict_output, lax_output, source, self.error_mode, lambda message: None)
            else:
                expr = jekyll_condition(source)
        except ExpressionSyntaxError as error:
            raise parser.error(str(error), Token("tag", source, 0)) from None
        compiler = Compiler(self, parser)
        tree = compiler.expression_template(expr if kind == "value" else compiler.condition(expr))
        code = self.jinja.compile(tree, None, code_filename(f"<{kind}>:{source}"))
        jinja_template = jinja2.Template.from_code(self.jinja, code, self.jinja.make_globals(None))
        root = jinja_template.root_render_func

        def evaluate(ctx: RenderContext, bindings: dict[str, Any]) -> Any:
            jinja_context = LiquidContext(self.jinja, ctx)
            ctx.scopes.append(bindings)
            try:
                for _ in root(jinja_context):
                    pass
            finally:
                ctx.scopes.pop()
            return jinja_context.vars.get("result")

        self._expressions[key] = evaluate
        return evaluate

    def expression(self, source: str) -> Callable[[RenderContext, dict[str, Any]], Any]:
        """A compiled Liquid value expression (filters allowed), for ``group_by_exp`` and friends."""
        return self._compiled_expression(source, "value")

    def condition(self, source: str) -> Callable[[RenderContext, dict[str, Any]], Any]:
        """A compiled condition as Jekyll's ``where_exp`` and ``find_exp`` read it.

        Jekyll parses these strictly whatever the error mode, and there ``empty`` and ``blank``
        equal nothing at all (unlike in ``{% if %}``).
        """
        return self._compiled_expression(source, "condition")

    # -- includes and errors ---------------------------------------------------------------------

    def get_include(self, file: str, ctx: RenderContext, relative: bool) -> Template:
        if not relative:
            # only a valid name that was found is ever stored: a hit needs no checking again
            template = self._includes.get(file)
            if template is None:
                validate_include_name(file, "include")
                source, name = self.loader.get_source(file, None)
                template = self._includes[file] = self.from_string(source, name)
            return template
        if file not in self._relative_names:
            validate_include_name(file, "include_relative")
            self._relative_names.add(file)
        page_dir = ctx.registers.get("page_dir")
        if page_dir is None:
            page = ctx.get("page")
            path = page.get("path", "") if isinstance(page, dict) else ""
            page_dir = path.rsplit("/", 1)[0] if "/" in (path or "") else ""
        key = (file, page_dir)
        template = self._relative_includes.get(key)
        if template is None:
            source, name = self.loader.get_source(file, page_dir)
            template = self._relative_includes[key] = self.from_string(source, name)
        return template

    def locate_error(self, error: BaseException, template: Template) -> LiquidError:
        """Give ``error`` the Liquid file and line it came from, and the includes it went through."""
        frames = []
        tb = error.__traceback__
        while tb is not None:
            owner = self._by_code.get(tb.tb_frame.f_code.co_filename)
            if owner is not None:
                frames.append((owner, owner.get_line(tb.tb_lineno)))
            tb = tb.tb_next
        liquid_error = as_liquid_error(error)
        if liquid_error.location is None:
            owner, line = frames[-1] if frames else (template, 1)
            liquid_error.location = owner.location(line)
            liquid_error.include_chain = [str(t.location(n)) for t, n in frames[:-1]]
        elif frames and not liquid_error.include_chain:
            liquid_error.include_chain = [str(t.location(n)) for t, n in frames]
        return liquid_error
