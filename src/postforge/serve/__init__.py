"""``postforge serve``: build the site, serve it, watch the source, rebuild and reload the browser.

One :class:`Preview` owns a session. Threads: the main thread loads the configuration, builds and
rebuilds (so Ctrl-C interrupts a build where ``write_site`` cleans up its staging folder, and
nothing is left behind); a tornado IOLoop thread serves the site and the LiveReload socket
(``server.py``, ``reload.py``); watchdog's thread reports changes into a :class:`Debouncer`
(``watcher.py``), which the main thread waits on.

A rebuild is a ``Site.build()`` from a fresh :class:`~postforge.site.Site`: a full build, or with
``-I`` an incremental one (only what the change reaches, written in place). Either way a failed
rebuild changes nothing in the folder served (staging folder or staged files), so the last good site is served; the
error goes to the terminal and, as an overlay, into every HTML page served until a rebuild
succeeds. After a rebuild the browsers reload; when every changed file was a stylesheet source
(``.scss``, ``.sass``, ``.css``) and nothing was failing, the reload names the CSS files so the
browser swaps them without reloading the page. A change to the configuration reloads it and
rebuilds everything.

As in ``jekyll serve``, the serve options are configuration keys (``host``, ``port``,
``livereload``, ``livereload_port``, ``open_url``, ``watch``, ``skip_initial_build``,
``force_polling``), ``serving`` is set, and in the development environment ``url`` becomes the
server's own address (``http://localhost:4000``), so absolute links point at the preview.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import signal
import threading
import time
import traceback
import webbrowser
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from typing import Iterable
from typing import Iterator

from postforge.config import load_config
from postforge.errors import PostforgeError
from postforge.log import Progress
from postforge.log import format_summary
from postforge.log import logger
from postforge.serve.reload import DEFAULT_PORT as LIVERELOAD_PORT
from postforge.serve.reload import LiveReloadHub
from postforge.serve.reload import livereload_application
from postforge.serve.reload import script_tag
from postforge.serve.server import LoopThread
from postforge.serve.server import ServeState
from postforge.serve.server import bind
from postforge.serve.server import bound_port
from postforge.serve.server import error_overlay
from postforge.serve.server import normalize_baseurl
from postforge.serve.server import site_application
from postforge.serve.watcher import CONFIG
from postforge.serve.watcher import ChangeFilter
from postforge.serve.watcher import Debouncer
from postforge.serve.watcher import SourceWatcher
from postforge.serve.watcher import config_candidates
from postforge.site import Site

__all__ = ["Preview", "css_only", "default_url", "reload_targets", "serve", "server_address"]

#: sources whose change can only change stylesheets
STYLESHEET_EXTENSIONS = (".scss", ".sass", ".css")
_PAGE_EXTENSIONS = (".html", ".htm", ".xhtml")


def default_url(host: str, port: int) -> str:
    """The ``url`` a development preview gets (Jekyll's ``default_url``: 127.0.0.1 reads as localhost)."""
    return f"http://{'localhost' if host == '127.0.0.1' else host}:{port}"


def server_address(host: str, port: int, baseurl: str) -> str:
    """Where the site is: ``http://127.0.0.1:4000/blog/``."""
    return f"http://{host}:{port}{normalize_baseurl(baseurl)}/"


def css_only(paths: Iterable[str]) -> bool:
    """Whether a batch of changed sources can only have changed stylesheets."""
    paths = list(paths)
    return bool(paths) and all(path.lower().endswith(STYLESHEET_EXTENSIONS) for path in paths)


def reload_targets(
    changed: Iterable[str], outputs: Iterable[tuple[str, str | None]], baseurl: str, *, live_css: bool
) -> list[tuple[str, bool]]:
    """The ``reload`` commands to send: ``(URL path, liveCSS)``.

    ``changed`` are source paths relative to the site; ``outputs`` are ``(destination path,
    origin)`` pairs of the build. With ``live_css``, one command per CSS file the site writes
    (a Sass partial may feed any of them). Otherwise one page reload, naming a page made from a
    changed source when there is one (the browser reloads whatever it shows either way).
    """
    baseurl = normalize_baseurl(baseurl)
    outputs = list(outputs)
    if live_css:
        styles = [baseurl + "/" + path for path, _ in outputs if path.lower().endswith(".css")]
        if styles:
            return [(url, True) for url in styles]
    changed_set = {path.lstrip("/") for path in changed}
    for path, origin in outputs:
        if origin is not None and origin.lstrip("/") in changed_set and path.lower().endswith(_PAGE_EXTENSIONS):
            return [(baseurl + "/" + path, False)]
    return [(baseurl + "/", False)]


def _port(value: Any, default: int) -> int:
    """A port from the configuration (``"4000"`` in Jekyll's defaults); 0 means "any free one"."""
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise PostforgeError(f"invalid port {value!r}: expected a number") from None


def _error_lines(error: BaseException, trace: bool) -> list[str]:
    if isinstance(error, PostforgeError):
        lines = error.describe().split("\n")
    else:
        lines = [f"{type(error).__name__}: {error}", "This is a bug in postforge; run again with --trace for the traceback."]
    if trace and not isinstance(error, PostforgeError):
        lines += "".join(traceback.format_exception(error)).rstrip("\n").split("\n")
    return lines


class Preview:
    """One serving session: :meth:`start`, then :meth:`run_forever` until Ctrl-C, then :meth:`close`."""

    def __init__(
        self,
        source: Path | str = ".",
        *,
        config_files: list[Path] | None = None,
        overrides: dict[str, Any] | None = None,
        trace: bool = False,
        quiet_period: float = 0.05,
    ) -> None:
        self.source = Path(os.path.abspath(source))
        self.config_files = [Path(os.path.abspath(f)) for f in config_files or []] or None
        self.overrides = dict(overrides or {})
        self.trace = trace
        self.debouncer = Debouncer(quiet=quiet_period)
        self.hub: LiveReloadHub | None = None
        self.loop = LoopThread()
        self.watcher: SourceWatcher | None = None
        self.config: dict[str, Any] = {}
        self.state: ServeState | None = None
        #: the last build's error, while the site is failing
        self.error: BaseException | None = None
        self.host = "127.0.0.1"
        self.port = 0
        self.livereload_port: int | None = None
        #: rebuilds attempted, and builds (the first one included) that succeeded
        self.attempts = 0
        self.builds = 0
        #: Ctrl-C or ``kill`` was received (see :func:`_interrupts_stop`)
        self.stopping = threading.Event()
        self._started = False
        #: the configuration changed but no build with it has succeeded yet
        self._config_pending = False

    # -- configuration -----------------------------------------------------------------------

    def _load_config(self) -> dict[str, Any]:
        overrides = dict(self.overrides)
        overrides["source"] = str(self.source)
        config = load_config(self.source, self.config_files, overrides)
        config["serving"] = True
        if config.get("livereload"):
            config["watch"] = True  # LiveReload implies watching (Jekyll's validate_options)
        elif config.get("livereload_port") is not None and "livereload_port" in self.overrides:
            raise PostforgeError("--livereload-port requires the --livereload option.")
        if self.port and os.environ.get("JEKYLL_ENV", "development") == "development":
            config["url"] = default_url(self.host, self.port)
        return config

    def _filter(self, config: dict[str, Any], theme_root: Path | None) -> ChangeFilter:
        return ChangeFilter.for_config(config, config_candidates(self.source, self.config_files), theme_root)

    def _watch(self, config: dict[str, Any], site: Site) -> SourceWatcher:
        """A started watcher for this configuration: the source, the theme, the config files."""
        watcher = SourceWatcher(
            [self.source] + ([site.theme_root] if site.theme_root is not None else []),
            self._filter(config, site.theme_root),
            self.debouncer.put,
            files=self.config_files or (),
            keep_out=[site.destination],
            polling=bool(config.get("force_polling")),
        )
        watcher.start()
        return watcher

    @property
    def address(self) -> str:
        """The site's address, with its baseurl and a trailing slash."""
        return server_address(self.host, self.port, self.config.get("baseurl") or "")

    # -- the session -------------------------------------------------------------------------

    def start(self) -> None:
        """Load the configuration, listen, build (unless told not to), and start watching."""
        config = self._load_config()
        self.host = str(config.get("host") or "127.0.0.1")
        sockets = bind(self.host, _port(config.get("port"), 4000))
        self.port = bound_port(sockets)
        live_sockets = None
        if config.get("livereload"):
            live_sockets = bind(self.host, _port(config.get("livereload_port"), LIVERELOAD_PORT))
            self.livereload_port = bound_port(live_sockets)
        if os.environ.get("JEKYLL_ENV", "development") == "development":
            config["url"] = default_url(self.host, self.port)
        self.config = config
        site = Site(copy.deepcopy(config))
        self.state = ServeState(
            destination=site.destination,
            baseurl=normalize_baseurl(config.get("baseurl")),
            encoding=str(config.get("encoding") or "utf-8"),
            script=script_tag(self.livereload_port) if self.livereload_port else None,
        )
        logger.info("Source:", str(self.source))
        logger.info("Destination:", str(site.destination))
        if config.get("watch", True):
            self.watcher = self._watch(config, site)
        if not config.get("skip_initial_build"):
            self._initial_build(site)
        else:
            logger.info("Build Warning:", "Skipping the initial build. This may result in an out-of-date site.")
        self.loop.start()
        self.loop.serve(site_application(lambda: self.state), sockets)
        if live_sockets is not None:
            self.hub = LiveReloadHub()
            self.hub.attach(self.loop.loop)
            self.loop.serve(livereload_application(self.hub), live_sockets)
            logger.info("LiveReload address:", f"http://{self.host}:{self.livereload_port}")
        if self.watcher is not None:
            logger.info("Auto-regeneration:", f"enabled for '{self.source}'" + (" (polling)" if self.watcher.polling else ""))
        else:
            logger.info("Auto-regeneration:", "disabled. Use --watch to enable.")
        logger.info("Server address:", self.address)
        logger.info("Server running...", "press ctrl-c to stop.")
        self._started = True
        if config.get("open_url"):
            threading.Thread(target=webbrowser.open, args=(self.address,), daemon=True).start()

    def _initial_build(self, site: Site) -> None:
        logger.info("Generating...")
        progress = Progress(enabled=False if self.config.get("quiet") else None)
        logger.progress = progress
        try:
            result = site.build(progress)
        except Exception as error:  # noqa: BLE001 - shown, and served as the overlay
            progress.finish()
            logger.progress = None
            if self.watcher is None:
                raise
            self._failed(error)
            return
        finally:
            progress.finish()
            logger.progress = None
        self.builds += 1
        logger.info("", format_summary(result.pages, result.posts, result.files, result.seconds))

    def run_forever(self) -> None:
        """Rebuild on every batch of changes until :meth:`close` (or Ctrl-C)."""
        while not self.debouncer.closed:
            if self.stopping.is_set():
                raise KeyboardInterrupt  # one that was dropped where it landed
            batch = self.debouncer.next_batch(timeout=0.5)
            if batch:
                self.rebuild(batch)

    def rebuild(self, paths: Iterable[str]) -> bool:
        """Rebuild after ``paths`` changed; True when the site built."""
        assert self.state is not None
        self.attempts += 1
        paths = sorted(paths)
        relative = [os.path.relpath(p, self.source) if os.path.isabs(p) else p for p in paths]
        started = time.perf_counter()
        logger.info("Regenerating:", f"{len(paths)} file(s) changed at {dt.datetime.now():%Y-%m-%d %H:%M:%S}")
        for name in relative[:10]:
            logger.info("", name)
        if len(relative) > 10:
            logger.info("", f"... and {len(relative) - 10} more")
        filter_ = self.watcher.change_filter if self.watcher is not None else None
        config_changed = self._config_pending or (
            filter_ is not None and any(filter_.classify(p) == CONFIG for p in paths)
        )
        try:
            config = self._load_config() if config_changed else self.config
            site = Site(copy.deepcopy(config))
            site.build()
        except Exception as error:  # noqa: BLE001 - shown, and served as the overlay
            # a changed configuration is only taken once a build with it succeeds: until then,
            # every rebuild reads it again (a fixed post must not hide a broken _config.yml)
            self._config_pending = config_changed
            self._failed(error)
            return False
        self._config_pending = False
        # the new site is in place: serve it as it is at once (before the slower steps below)
        served: dict[str, Any] = {"overlay": None}
        if config_changed:
            served.update(
                destination=site.destination,
                baseurl=normalize_baseurl(config.get("baseurl")),
                encoding=str(config.get("encoding") or "utf-8"),
            )
        self.state = replace(self.state, **served)
        self.builds += 1
        was_failing = self.error is not None
        self.error = None
        if config_changed:
            self._apply_config(config, site)
        logger.info("", f"...done in {time.perf_counter() - started:.3f} seconds.")
        if self.hub is not None:
            live_css = css_only(relative) and not was_failing and not config_changed
            outputs = [(f.relative_path, f.origin) for f in site.outputs(site.content)] if site.content else []
            for url, css in reload_targets(relative, outputs, self.config.get("baseurl") or "", live_css=live_css):
                self.hub.reload(url, css)
        return True

    def _apply_config(self, config: dict[str, Any], site: Site) -> None:
        old = self.config
        for key in ("host", "port", "livereload", "livereload_port"):
            if str(old.get(key)) != str(config.get(key)) and key in config:
                logger.warn("Configuration:", f"'{key}' changed: restart postforge serve for it to take effect")
        self.config = config
        if self.watcher is not None:
            # the destination, the excludes or the theme may have moved: watch afresh
            old_watcher, self.watcher = self.watcher, self._watch(config, site)
            old_watcher.stop()
        logger.info("Configuration:", "reloaded; the whole site was rebuilt")

    def _failed(self, error: BaseException) -> None:
        """Show the error in the terminal and in the browser; keep serving the last good site."""
        self.error = error
        stream = logger.stream_for("error")
        lines = _error_lines(error, self.trace)
        logger.error("Error:", lines[0])
        for line in lines[1:]:
            stream.write(" " * 20 + line + "\n")
        logger.error("", "The last good build is still being served; save a fix to rebuild.")
        stream.flush()
        if self.state is not None:
            self.state = replace(self.state, overlay=error_overlay(error, self.source))
        if self.hub is not None:
            self.hub.reload(normalize_baseurl(self.config.get("baseurl")) + "/", False)

    def close(self) -> None:
        """Stop watching and serving; a rebuild in progress was already interrupted or finished."""
        self.debouncer.close()
        if self.watcher is not None:
            self.watcher.stop()
        self.loop.stop()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextmanager
def _interrupts_stop(preview: Preview) -> Iterator[None]:
    """Ctrl-C and ``kill`` stop the preview, raising KeyboardInterrupt where the main thread is (so a
    build in progress cleans up after itself).

    The preview is also marked as stopping, which its loop checks: an interrupt that lands while
    Python runs its callbacks around ``fork`` (a rebuild starting worker processes) is printed and
    dropped there ("Exception ignored in ... _releaseLock"), and the server would run on."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        preview.stopping.set()
        raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, interrupt) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _ignoring_interrupts() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def serve(
    source: Path | str = ".",
    *,
    config_files: list[Path] | None = None,
    overrides: dict[str, Any] | None = None,
    trace: bool = False,
) -> None:
    """Run ``postforge serve`` until Ctrl-C; errors before serving starts are raised."""
    preview = Preview(source, config_files=config_files, overrides=overrides, trace=trace)
    with _interrupts_stop(preview):
        try:
            preview.start()
            preview.run_forever()
        except KeyboardInterrupt:
            pass
        finally:
            with _ignoring_interrupts():  # a second Ctrl-C must not break the clean-up
                preview.close()
            if preview._started:
                logger.info("", "Shutting down... bye.")
