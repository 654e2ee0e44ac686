"""The command line: ``postforge build``, ``serve``, ``new``, ``check``, ``postforge --version``.

Flags carry Jekyll's names and become the same config overrides ``jekyll build`` makes
(``commands/build.rb``, ``command.rb#add_build_options``): only the flags given are set, so a
``_config.yml`` value stands unless the command line says otherwise. ``JEKYLL_ENV`` is read by the
site, not here.

A :class:`~postforge.errors.PostforgeError` is a user's mistake: it is printed as
``path:line:col: message`` with the source line and a caret, and the exit status is 1. Anything
else is our bug: one line naming it, and ``--trace`` shows the whole traceback.
"""

from __future__ import annotations

import gc

from postforge.workers import collection_paused

# What the imports below make (modules, functions, classes: tens of thousands of objects) lives as
# long as the process: the collector is off while they are made, and they are frozen after, so no
# collection walks them (6 ms of every start; a build unfreezes what it froze when it ends).
with collection_paused(keep=True):
    import atexit
    import os
    import sys
    import time
    from pathlib import Path
    from typing import Any
    from typing import Callable
    from typing import Iterable
    from typing import Mapping

    import click

    from postforge import __version__
    from postforge.config import load_config
    from postforge.errors import PostforgeError
    from postforge.incremental.preconvert import start_early
    from postforge.incremental.preconvert import stop_early
    from postforge.log import Progress
    from postforge.log import format_summary
    from postforge.log import logger
    from postforge.log import plural

__all__ = ["format_error", "main", "overrides_from_options", "serve_overrides", "split_config_files"]

#: click option name → Jekyll configuration key
OVERRIDE_KEYS = {
    "source": "source",
    "destination": "destination",
    "future": "future",
    "drafts": "show_drafts",
    "unpublished": "unpublished",
    "limit_posts": "limit_posts",
    "baseurl": "baseurl",
    "disable_disk_cache": "disable_disk_cache",
    "incremental": "incremental",
    "jobs": "jobs",
    "strict_front_matter": "strict_front_matter",
    "quiet": "quiet",
    "verbose": "verbose",
}

#: ``serve``'s own click option names → Jekyll configuration keys (``commands/serve.rb``)
SERVE_KEYS = {
    "host": "host",
    "port": "port",
    "livereload": "livereload",
    "livereload_port": "livereload_port",
    "open_url": "open_url",
    "watch": "watch",
    "skip_initial_build": "skip_initial_build",
    "force_polling": "force_polling",
}

#: Jekyll's command aliases
ALIASES = {"b": "build", "s": "serve", "server": "serve"}

BuildFunction = Callable[..., Any]


def overrides_from_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The config overrides for the options given: a flag left off (None or False) sets nothing."""
    overrides: dict[str, Any] = {}
    for name, key in OVERRIDE_KEYS.items():
        value = options.get(name)
        if value is None or value is False:
            continue
        overrides[key] = str(value) if isinstance(value, Path) else value
    return overrides


def serve_overrides(options: Mapping[str, Any]) -> dict[str, Any]:
    """``serve``'s overrides: the build flags', then its own; ``--no-watch`` is the one False that is set."""
    overrides = overrides_from_options(options)
    for name, key in SERVE_KEYS.items():
        value = options.get(name)
        if value is None or (value is False and name != "watch"):
            continue
        overrides[key] = value
    return overrides


def split_config_files(values: Iterable[str]) -> list[Path]:
    """``--config a.yml,b.yml`` (repeatable): the files in order; empty names are skipped, as Jekyll does."""
    return [Path(name) for value in values for name in value.split(",") if name.strip()]


def format_error(error: BaseException) -> str:
    """What a failed command prints: a PostforgeError's description, else one line and a hint."""
    if isinstance(error, PostforgeError):
        return error.describe()
    hint = "This is a bug in postforge; run again with --trace for the traceback."
    return f"{type(error).__name__}: {error}\n{hint}"


def _fail(error: BaseException, trace: bool) -> None:
    if trace:
        raise error
    lines = format_error(error).split("\n")
    click.secho(lines[0], err=True, fg="red")
    for line in lines[1:]:
        click.echo(line, err=True)
    raise click.exceptions.Exit(1)


class _Group(click.Group):
    """A group that knows Jekyll's command aliases (``postforge b``)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, ALIASES.get(cmd_name, cmd_name))


@click.group(name="postforge", cls=_Group)
@click.version_option(__version__, "-v", "--version", prog_name="postforge", message="%(prog)s %(version)s")
def main() -> None:
    """postforge: your Jekyll site, built by Python."""


@main.command("build")
@click.option(
    "-s",
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Custom source directory",
)
@click.option(
    "-d",
    "--destination",
    type=click.Path(path_type=Path),
    help="The current folder will be generated into DESTINATION",
)
@click.option(
    "--config",
    multiple=True,
    metavar="FILE[,FILE...]",
    help="Custom configuration file(s), instead of _config.yml",
)
@click.option("-D", "--drafts", is_flag=True, help="Render posts in the _drafts folder")
@click.option("--future", is_flag=True, help="Publishes posts with a future date")
@click.option("--unpublished", is_flag=True, help="Render posts that were marked as unpublished")
@click.option("-b", "--baseurl", metavar="URL", help="Serve the website from the given base URL")
@click.option(
    "--limit_posts",
    "--limit-posts",
    "limit_posts",
    type=click.IntRange(min=0),
    metavar="N",
    help="Limits the number of posts to parse and publish",
)
@click.option("--disable-disk-cache", "disable_disk_cache", is_flag=True, help="Disable caching to disk")
@click.option(
    "-I",
    "--incremental",
    is_flag=True,
    help="Rebuild only what changed since the last -I build (state in .postforge-cache/)",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    metavar="N",
    help="Render with N processes (default: all cores; 1: no worker processes)",
)
@click.option(
    "--strict_front_matter",
    "--strict-front-matter",
    "strict_front_matter",
    is_flag=True,
    help="Fail if errors are present in front matter",
)
@click.option("-q", "--quiet", is_flag=True, help="Silence output.")
@click.option("-V", "--verbose", is_flag=True, help="Print verbose output.")
@click.option("-t", "--trace", is_flag=True, help="Show the full backtrace when an error occurs")
@click.pass_context
def build_command(ctx: click.Context, **options: Any) -> None:
    """Build your site (JEKYLL_ENV sets jekyll.environment; default: development)."""
    trace = options.pop("trace")
    overrides = overrides_from_options(options)
    config_files = split_config_files(options["config"])
    source = options["source"] or Path(".")
    destination = options["destination"]
    logger.level = "info"  # one process may run several commands (tests, serve)
    logger.adjust_verbosity(quiet=options["quiet"], verbose=options["verbose"])
    logger.debug("Logging at level:", logger.level)
    logger.debug("Postforge Version:", __version__)
    logger.info("Source:", str(source.resolve()))
    if destination is not None:
        logger.info("Destination:", str(destination.resolve()))
    logger.info("Generating...")
    # the process ends after the build: its last collection need not walk a big site's objects
    atexit.register(gc.freeze)
    progress = Progress(enabled=False if options["quiet"] else None)
    logger.progress = progress
    started = time.perf_counter()
    build = (ctx.obj or {}).get("build")
    early = build is None and bool((ctx.obj or {}).get("program"))
    try:
        if early:
            start_early(source, destination, config_files, overrides)
        result = (build or _site_build())(source, destination, config_files=config_files, overrides=overrides,
                                          progress=progress)
    except Exception as error:  # noqa: BLE001 - reported, or re-raised with --trace
        progress.finish()
        _fail(error, trace)
    finally:
        if early:
            stop_early()
        progress.finish()
        logger.progress = None
    seconds = time.perf_counter() - started
    counts = [getattr(result, name, None) for name in ("pages", "posts", "files")]
    if all(isinstance(count, int) for count in counts):
        logger.info("", format_summary(*counts, seconds))
        written = getattr(result, "destination", None)
        if written is not None:
            logger.info("Output:", str(written))
            dropped = _dropped(result, written)
            if dropped:
                from postforge.pages import warning_message

                logger.warn("GitHub Pages:", warning_message(dropped, written))
    else:
        logger.info("", f"done in {seconds:.3f} seconds.")


def _site_build() -> Callable[..., Any]:
    """:func:`postforge.site.build`, imported when a build runs rather than with this module: the
    template engine, the Markdown converter and the rest are a tenth of a second on one core,
    which the ``postforge`` program spends while a process it forked first already converts
    Markdown (:func:`~postforge.incremental.preconvert.start_early`)."""
    with collection_paused(keep=True):  # (what it loads lives as long as the process)
        from postforge.site import build

    return build


def _dropped(result: Any, destination: Path) -> list[str]:
    """What the Pages upload would leave out. An incremental build knows its outputs (and says
    nothing when it changed nothing: the last build did), so a big site is not walked for it."""
    from postforge.pages import dropped_by_upload
    from postforge.pages import is_dropped

    if not getattr(result, "incremental", False):
        return dropped_by_upload(destination)
    paths = getattr(result, "paths", None)
    return sorted(path for path in paths if is_dropped(path)) if paths is not None else []


@main.command("serve")
@click.option(
    "-s",
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Custom source directory",
)
@click.option(
    "-d",
    "--destination",
    type=click.Path(path_type=Path),
    help="The current folder will be generated into DESTINATION",
)
@click.option(
    "--config",
    multiple=True,
    metavar="FILE[,FILE...]",
    help="Custom configuration file(s), instead of _config.yml",
)
@click.option("-D", "--drafts", is_flag=True, help="Render posts in the _drafts folder")
@click.option("--future", is_flag=True, help="Publishes posts with a future date")
@click.option("--unpublished", is_flag=True, help="Render posts that were marked as unpublished")
@click.option("-b", "--baseurl", metavar="URL", help="Serve the website from the given base URL")
@click.option(
    "--limit_posts",
    "--limit-posts",
    "limit_posts",
    type=click.IntRange(min=0),
    metavar="N",
    help="Limits the number of posts to parse and publish",
)
@click.option("-H", "--host", metavar="HOST", help="Host to bind to (default: 127.0.0.1)")
@click.option("-P", "--port", type=click.IntRange(0, 65535), metavar="PORT", help="Port to listen on (default: 4000)")
@click.option("-l", "--livereload", is_flag=True, help="Use LiveReload to automatically refresh browsers")
@click.option(
    "--livereload-port",
    "--livereload_port",
    "livereload_port",
    type=click.IntRange(0, 65535),
    metavar="PORT",
    help="Port for LiveReload to listen on (default: 35729)",
)
@click.option("-o", "--open-url", "open_url", is_flag=True, help="Launch your site in a browser")
@click.option("-w", "--watch/--no-watch", default=None, help="Watch for changes and rebuild (default: on)")
@click.option(
    "--skip-initial-build",
    "--skip_initial_build",
    "skip_initial_build",
    is_flag=True,
    help="Skips the initial site build which occurs before the server is started.",
)
@click.option(
    "--force-polling",
    "--force_polling",
    "force_polling",
    is_flag=True,
    help="Poll the file system for changes (for WSL's /mnt, Docker volumes, network shares)",
)
@click.option("--disable-disk-cache", "disable_disk_cache", is_flag=True, help="Disable caching to disk")
@click.option(
    "-I",
    "--incremental",
    is_flag=True,
    help="Rebuild only what changed since the last -I build (state in .postforge-cache/)",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    metavar="N",
    help="Render with N processes (default: all cores; 1: no worker processes)",
)
@click.option(
    "--strict_front_matter",
    "--strict-front-matter",
    "strict_front_matter",
    is_flag=True,
    help="Fail if errors are present in front matter",
)
@click.option("-q", "--quiet", is_flag=True, help="Silence output.")
@click.option("-V", "--verbose", is_flag=True, help="Print verbose output.")
@click.option("-t", "--trace", is_flag=True, help="Show the full backtrace when an error occurs")
def serve_command(**options: Any) -> None:
    """Serve your site locally, rebuilding and reloading it as you edit."""
    from postforge.serve import serve  # here: tornado and watchdog load only for serve

    trace = options.pop("trace")
    logger.level = "info"
    logger.adjust_verbosity(quiet=options["quiet"], verbose=options["verbose"])
    try:
        serve(
            options["source"] or Path("."),
            config_files=split_config_files(options["config"]) or None,
            overrides=serve_overrides(options),
            trace=trace,
        )
    except Exception as error:  # noqa: BLE001 - reported, or re-raised with --trace
        _fail(error, trace)


@main.command("new")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Force creation even if PATH already exists")
@click.option("-t", "--trace", is_flag=True, help="Show the full backtrace when an error occurs")
def new_command(path: Path, force: bool, trace: bool) -> None:
    """Create a new site at PATH from the starter, using the bundled theme."""
    from postforge.scaffold import new_site

    try:
        new_site(path, force=force)
    except Exception as error:  # noqa: BLE001 - reported, or re-raised with --trace
        _fail(error, trace)
    logger.info("New postforge site installed in", f"{path.resolve()}.")


@main.command("check")
@click.option(
    "-s",
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Custom source directory (for _config.yml and the glossary data)",
)
@click.option(
    "-d",
    "--destination",
    type=click.Path(path_type=Path),
    help="The built site to check (default: _site)",
)
@click.option(
    "--config",
    multiple=True,
    metavar="FILE[,FILE...]",
    help="Custom configuration file(s), instead of _config.yml",
)
@click.option("-b", "--baseurl", metavar="URL", help="The base URL the site was built with")
@click.option("-q", "--quiet", is_flag=True, help="Print the problems only.")
@click.option("-t", "--trace", is_flag=True, help="Show the full backtrace when an error occurs")
def check_command(**options: Any) -> None:
    """Check the built site: broken links, anchors and assets, titles, unused glossary terms.

    Exit status 1 when anything is broken. Links to other hosts, mailto: and tel: are not checked.
    """
    # here: the checker (HTML parser, glossary plugin) loads only for `check`, not for every build
    from postforge.check import check_site
    from postforge.check import defined_glossary_terms
    from postforge.check import format_problem
    from postforge.check import glossary_json_url

    trace = options.pop("trace")
    logger.level = "info"
    logger.adjust_verbosity(quiet=options["quiet"])
    source = options["source"] or Path(".")
    overrides = {key: str(value) for key, value in options.items() if key in ("destination", "baseurl") and value is not None}
    try:
        config = load_config(source, split_config_files(options["config"]) or None, overrides)
        destination = Path(config["destination"])
        if not destination.is_dir():
            raise PostforgeError(f"no built site at {destination}: run postforge build first")
        logger.info("Checking:", str(destination.resolve()))
        problems = check_site(
            destination,
            baseurl=str(config.get("baseurl") or ""),
            url=str(config.get("url") or ""),
            glossary_terms=defined_glossary_terms(Path(config["source"]), config),
            glossary_json=glossary_json_url(config),
        )
    except Exception as error:  # noqa: BLE001 - reported, or re-raised with --trace
        _fail(error, trace)
    here = Path.cwd()
    for problem in problems:
        click.echo(format_problem(problem, here))
    logger.info("", f"{plural(len(problems), 'problem')} found." if problems else "No problems found.")
    if problems:
        raise click.exceptions.Exit(1)


def run() -> None:
    """The ``postforge`` program: :func:`main`, then an exit that skips tearing the heap down.

    After a build the process holds the whole site (tens of thousands of objects for a big
    one); the interpreter would free them one by one on the way out, a tenth of a second for
    10,000 posts that nobody waits for usefully. So once the command is done, the exit
    functions run (``atexit``: plugins' included, and the streams are flushed) and the process
    ends with the command's status. :func:`main` itself (tests call it) is unchanged.
    """
    try:
        main(prog_name="postforge", obj={"program": True})
        status = 0
    except SystemExit as stop:
        status = _exit_status(stop.code)
    atexit._run_exitfuncs()  # noqa: SLF001 - what a normal exit runs first
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


def _exit_status(code: Any) -> int:
    """``sys.exit``'s rules: nothing is 0, a number is itself, anything else is printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
