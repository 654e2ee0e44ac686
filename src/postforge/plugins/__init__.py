"""Finding, loading and calling a site's plugins: one pluggy PluginManager per site.

A plugin is enabled by ``plugins:`` in ``_config.yml`` (``gems:`` is read as its old name): each
name is looked up among the ``postforge.plugins`` entry points of the installed packages, where
postforge's own plugins are listed too, under their Jekyll gem names (``jekyll-archives``) and
short ones (``archives``). The core never imports a plugin by name. A site's ``_plugins/*.py``
files are loaded as plugins as well, unless ``safe`` is set. A name nobody provides is a warning.

Hooks are called one implementation at a time, so a failure names the plugin and the page, and in
Jekyll's order: ``tryfirst`` ones, then the rest in load order (``plugins:`` as listed, then
``_plugins/`` by file name), then ``trylast`` ones (Jekyll sorts by priority, then load order; pluggy
alone would call the last loaded first). A plugin that pluggy rejects (a misspelt hook or argument,
a hook wrapper, which this one-at-a-time calling cannot honour) stops the build with its name.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any
from typing import Iterator

import pluggy

from postforge.errors import PostforgeError
from postforge.hooks import ENTRY_POINT_GROUP
from postforge.hooks import PROJECT
from postforge.hooks import HookSpec
from postforge.log import logger

__all__ = ["Plugins", "enabled_names"]


def enabled_names(config: dict[str, Any]) -> list[str]:
    """``plugins:`` and the old ``gems:``, in order, each name once."""
    names: list[str] = []
    for key in ("plugins", "gems"):
        value = config.get(key) or []
        if isinstance(value, str):
            value = [value]
        for name in value:
            if isinstance(name, str) and name not in names:
                names.append(name)
    return names


def _entry_points() -> dict[str, Any]:
    """The ``postforge.plugins`` entry points by name, the last one found winning.

    Imported here, not at the top: ``importlib.metadata`` (with ``email`` and ``zipfile``) and the
    scan of every installed package cost a build of a site that names no plugin ~15 ms for nothing.
    """
    import importlib.metadata

    return {ep.name: ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}


class Plugins:
    """The plugins of one site and the way the build calls them."""

    def __init__(self, config: dict[str, Any], source: Path) -> None:
        self.manager = pluggy.PluginManager(PROJECT)
        self.manager.add_hookspecs(HookSpec)
        #: names from ``plugins:`` that no installed package provides
        self.missing: list[str] = []
        names = enabled_names(config)
        points = _entry_points() if names else {}
        for name in names:
            point = points.get(name)
            if point is None:
                self.missing.append(name)
                logger.warn("Plugin:", f"'{name}' is listed in plugins: but no installed package provides it; skipped")
                continue
            try:
                module = point.load()
            except Exception as error:  # noqa: BLE001 - reported with the plugin's name
                raise PostforgeError(f"plugin '{name}' failed to load: {type(error).__name__}: {error}") from error
            if not self.manager.is_registered(module):
                self._register(module, name)
        if not config.get("safe"):
            self._load_site_plugins(Path(source) / str(config.get("plugins_dir") or "_plugins"))
        try:
            self.manager.check_pending()
        except pluggy.PluginValidationError as error:
            raise PostforgeError(self._unknown_hook(error.plugin)) from error

    def _register(self, module: Any, name: str) -> None:
        try:
            self.manager.register(module, name=name)
        except pluggy.PluginValidationError as error:
            raise PostforgeError(f"plugin '{name}' is invalid: " + "; ".join(str(error).splitlines())) from error
        for impl in self._impls_of(module):
            if impl.hookwrapper or impl.wrapper:
                raise PostforgeError(
                    f"plugin '{name}' is invalid: {impl.function.__name__} is a hook wrapper, which postforge"
                    " does not support; use tryfirst/trylast and a plain hook"
                )

    def _impls_of(self, module: Any) -> list[Any]:
        callers = self.manager.get_hookcallers(module) or []
        return [impl for caller in callers for impl in caller.get_hookimpls() if impl.plugin is module]

    def _unknown_hook(self, module: Any) -> str:
        """The message for a hook name no spec has: the closest real hook, so a typo is plain to see."""
        name = self.manager.get_name(module) or repr(module)
        hooks = sorted(n for n in vars(HookSpec) if not n.startswith("_"))
        import difflib  # here: only a misspelt hook needs it

        for caller in self.manager.get_hookcallers(module) or []:
            if caller.spec is None:
                close = difflib.get_close_matches(caller.name, hooks, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "hooks are: " + ", ".join(hooks)
                return f"plugin '{name}' is invalid: unknown hook '{caller.name}'; {hint}"
        return f"plugin '{name}' is invalid"

    def _load_site_plugins(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        for path in sorted(folder.glob("*.py")):
            name = f"_plugins/{path.name}"
            module_name = f"postforge_site_plugin_{abs(hash(str(path)))}_{path.stem}"
            spec = importlib.util.spec_from_file_location(module_name, path)
            if spec is None or spec.loader is None:
                continue
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            try:
                spec.loader.exec_module(module)
            except Exception as error:  # noqa: BLE001 - reported with the plugin's name
                sys.modules.pop(module_name, None)
                raise PostforgeError(f"plugin '{name}' failed to load: {type(error).__name__}: {error}") from error
            self._register(module, name)

    # -- calling ---------------------------------------------------------------------------------

    def _implementations(self, hook: str) -> list[Any]:
        # pluggy keeps [trylast (last loaded first), others (load order), tryfirst (load order)]
        impls = getattr(self.manager.hook, hook).get_hookimpls()
        first = [impl for impl in impls if impl.tryfirst and not impl.trylast]
        last = [impl for impl in impls if impl.trylast]
        middle = [impl for impl in impls if not impl.tryfirst and not impl.trylast]
        return [*first, *middle, *reversed(last)]

    def _call_one(self, impl: Any, hook: str, kwargs: dict[str, Any], where: str | None) -> Any:
        args = [kwargs[name] for name in impl.argnames]
        try:
            return impl.function(*args)
        except PostforgeError:
            raise
        except Exception as error:  # noqa: BLE001 - every plugin failure names the plugin
            place = f" on {where}" if where else ""
            raise PostforgeError(
                f"plugin '{impl.plugin_name}' failed in {hook}{place}: {type(error).__name__}: {error}"
            ) from error

    def call(self, hook: str, where: str | None = None, **kwargs: Any) -> list[Any]:
        """Call every implementation; return their non-None results in call order."""
        return list(self.each(hook, where, **kwargs))

    def each(self, hook: str, where: str | None = None, **kwargs: Any) -> Iterator[Any]:
        """Call the implementations one by one, yielding each non-None result before the next call,
        so the caller can act on it first (a generator sees the pages earlier generators made)."""
        for impl in self._implementations(hook):
            result = self._call_one(impl, hook, kwargs, where)
            if result is not None:
                yield result

    def transform(self, hook: str, key: str, value: str, where: str | None = None, **kwargs: Any) -> str:
        """Thread ``value`` (passed as ``key``) through every implementation that returns a new one."""
        for impl in self._implementations(hook):
            result = self._call_one(impl, hook, {**kwargs, key: value}, where)
            if result is not None:
                value = result
        return value

    def has(self, hook: str) -> bool:
        return bool(self._implementations(hook))

    def names(self) -> list[str]:
        return [name for name, _plugin in self.manager.list_name_plugin()]

