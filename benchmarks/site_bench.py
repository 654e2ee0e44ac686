"""Whole-site build times (issue 9): postforge against Jekyll and Hugo on the same generated blog.

    python benchmarks/site_bench.py [--posts 1000] [--repeat 3] [--tools postforge,jekyll,hugo]

``site_gen.py`` writes the blog of issue 9 (N posts, 40 tags, 8 categories, a sidebar of the 10
newest posts on every page, an index of 20, tag and category pages, an Atom feed) as a plain
Jekyll site, which postforge and Jekyll build, and as the equivalent Hugo site, all in a
temporary folder (nothing is written into the repository).  For each tool, each round times:

- cold build: empty destination, no cache (``.postforge-cache/``, ``.jekyll-cache/``,
  ``.jekyll-metadata``, Hugo's ``resources/`` and cache dir moved aside first, and deleted
  only when the benchmark ends: see ``Tool.clean``);
- no-change rebuild: the same command again on the same source and destination;
- one-edit rebuild: one post (the middle one by date unless ``--edit-rank``) gets a new title and
  a new paragraph, then the same command again.

Incremental flags are used on every step of a tool that has them (postforge ``-I`` once
``postforge build --help`` lists ``--incremental``; Jekyll ``--incremental``), so the cold build
also writes the state the rebuilds read; Hugo has none and rebuilds everything.  Each build is a
fresh process; its wall time, CPU time (user + sys, steadier than wall time on a busy machine)
and peak memory are recorded.  Peak memory is the larger of the biggest process's max RSS
(``os.wait4`` rusage, the same number as ``/usr/bin/time -v``) and the sum of PSS over the whole
process tree sampled every 50 ms (so worker processes count; shared pages are split, not counted
twice).  Rounds interleave the tools, so load from elsewhere on the machine hits them alike.
Medians of ``--repeat`` rounds are printed, with the ratios postforge/Jekyll and postforge/Hugo
(of wall and of CPU time), how many output files each one-edit rebuild rewrote, and whether
postforge's one-edit output is byte-identical to a cold build of the edited source (``--check
all``: every tool's; Jekyll's ``--incremental`` fails it, missing the neighbours and the tag and
category pages that show the edited title).

Jekyll and Hugo are optional (``apt-get install jekyll hugo``); missing ones are skipped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_gen  # noqa: E402  (a sibling module, found through the line above)

STEPS = ("cold", "no-change", "one-edit")
STEP_NAMES = {"cold": "cold build", "no-change": "no-change rebuild", "one-edit": "one-edit rebuild"}
SAMPLE_SECONDS = 0.05


@dataclass
class Measure:
    """One build: wall and CPU seconds, peak memory in bytes."""

    wall: float
    cpu: float
    peak: int


@dataclass
class ToolResult:
    """Every measure of one tool; peak memory is the worst round, times are medians."""

    name: str
    version: str
    note: str
    runs: dict[str, list[Measure]] = field(default_factory=lambda: {step: [] for step in STEPS})
    rewritten: list[tuple[int, int]] = field(default_factory=list)
    outputs: int = 0
    identical: str = ""

    def median(self, step: str) -> float:
        return statistics.median(run.wall for run in self.runs[step])

    def cpu(self, step: str) -> float:
        return statistics.median(run.cpu for run in self.runs[step])

    def peak(self, step: str) -> int:
        return max(run.peak for run in self.runs[step])


# -- measuring one process -------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    """The process and all its descendants, from /proc's children lists."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process tree, because max RSS only sees the largest process."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))
            self.done.wait(SAMPLE_SECONDS)


def settle() -> None:
    """Flush what earlier builds and clean-ups wrote (sync(2)) before a timed build.

    On this ext4 an ``mkdir`` costs ten times more while much written data is still
    unflushed (0.04 ms after a sync, 0.4 ms during a burst of writes), so without this each
    build would also pay for the files the one before it wrote or deleted, whichever tool
    that was."""
    os.sync()


def measure(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Measure:
    """Run one build as a fresh process; a failed build stops the benchmark with its log."""
    with log.open("ab") as output:
        output.write(f"\n$ {' '.join(command)}\n".encode())
        output.flush()
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=env)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"build failed ({process.returncode}): {' '.join(command)}\n{tail}")
    return Measure(wall, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss * 1024, sampler.peak))


# -- output trees ----------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Identity of every output file (inode, size, mtime): what changes when a file is rewritten."""
    result = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            result[str(path.relative_to(root))] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return result


def rewritten(before: dict[str, tuple[int, int, int]], after: dict[str, tuple[int, int, int]]) -> int:
    changed = sum(1 for name, identity in after.items() if before.get(name) != identity)
    return changed + len(before.keys() - after.keys())


def compare_trees(left: Path, right: Path) -> list[str]:
    """Every difference between two output trees, byte for byte."""
    names_left = {str(p.relative_to(left)) for p in left.rglob("*") if p.is_file()}
    names_right = {str(p.relative_to(right)) for p in right.rglob("*") if p.is_file()}
    differences = [f"only in the rebuild: {name}" for name in sorted(names_left - names_right)]
    differences += [f"only in the cold build: {name}" for name in sorted(names_right - names_left)]
    for name in sorted(names_left & names_right):
        if (left / name).read_bytes() != (right / name).read_bytes():
            differences.append(f"differs: {name}")
    return differences


# -- the tools -------------------------------------------------------------------------------


class Tool:
    """How to build, clean and edit one tool's copy of the site."""

    name = ""
    hugo_site = False
    caches: tuple[str, ...] = ()

    def __init__(self, work: Path) -> None:
        self.work = work / self.name
        self.source = self.work / "source"
        self.destination = self.work / "site"
        self.log = self.work / "build.log"
        self.work.mkdir(parents=True, exist_ok=True)
        self.env: dict[str, str] | None = None

    def command(self, step: str) -> list[str]:
        raise NotImplementedError

    def clean(self) -> None:
        """Empty destination, no caches: the last round's are moved aside, deleted at the very end.

        Deleting them here would make the next build slower by an amount no tool controls: an
        ext4 without a journal skips inodes freed in the last minute or so when it allocates
        new ones, and at 10,000 posts (25,000 files and folders) that added 1 to 7 s of system
        time to whichever build came next, growing round after round."""
        for path in [self.destination, *(self.source / name for name in self.caches)]:
            if os.path.lexists(path):
                trash = self.work / "trash"
                trash.mkdir(exist_ok=True)
                os.rename(path, trash / f"{path.name}-{len(os.listdir(trash))}")


class Postforge(Tool):
    name = "postforge"
    caches = (".postforge-cache",)

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self.base = [sys.executable, "-m", "postforge"]
        help_text = subprocess.run(self.base + ["build", "--help"], capture_output=True, text=True, check=True).stdout
        self.incremental = "--incremental" in help_text
        self.version = _postforge_version()
        self.note = "-I" if self.incremental else "no --incremental flag yet"

    def command(self, step: str) -> list[str]:
        flags = ["-I"] if self.incremental else []
        return self.base + ["build", "-q", "-s", str(self.source), "-d", str(self.destination)] + flags


class Jekyll(Tool):
    name = "jekyll"
    caches = (".jekyll-cache", ".jekyll-metadata")

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self.version = subprocess.run(["jekyll", "--version"], capture_output=True, text=True).stdout.strip()
        self.note = "--incremental"

    def command(self, step: str) -> list[str]:
        return ["jekyll", "build", "-q", "--incremental", "-s", str(self.source), "-d", str(self.destination)]


class Hugo(Tool):
    name = "hugo"
    hugo_site = True
    caches = ("resources", ".hugo_build.lock")

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        words = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()
        self.version = " ".join(words[:2]).split("+")[0] if words else "hugo"
        self.note = "rebuilds everything"
        self.cache_dir = self.work / "cache"
        self.env = {**os.environ, "HUGO_CACHEDIR": str(self.cache_dir)}

    def command(self, step: str) -> list[str]:
        return ["hugo", "--quiet", "-s", str(self.source), "-d", str(self.destination)]

    def clean(self) -> None:
        super().clean()
        if self.cache_dir.exists():
            trash = self.work / "trash"
            trash.mkdir(exist_ok=True)
            os.rename(self.cache_dir, trash / f"cache-{len(os.listdir(trash))}")


def _postforge_version() -> str:
    from importlib.metadata import version

    try:
        return f"postforge {version('postforge')}"
    except Exception:  # noqa: BLE001 - a source checkout without metadata still benchmarks
        return "postforge"


def available_tools(names: list[str], work: Path) -> list[Tool]:
    tools: list[Tool] = []
    for name in names:
        if name == "postforge":
            tools.append(Postforge(work))
        elif name == "jekyll" and shutil.which("jekyll"):
            tools.append(Jekyll(work))
        elif name == "hugo" and shutil.which("hugo"):
            tools.append(Hugo(work))
    return tools


# -- the run ---------------------------------------------------------------------------------


def run_round(tool: Tool, result: ToolResult, post: site_gen.Post, round_number: int) -> None:
    """One round for one tool: cold build, no-change rebuild, one-edit rebuild."""
    tool.clean()
    for step in STEPS:
        if step == "one-edit":
            before = snapshot(tool.destination)
            site_gen.edit_post(tool.source, post, round_number, hugo=tool.hugo_site)
        settle()
        result.runs[step].append(measure(tool.command(step), tool.work, tool.log, tool.env))
        if step == "cold":
            result.outputs = len(snapshot(tool.destination))
    result.rewritten.append((rewritten(before, snapshot(tool.destination)), result.outputs))
    print(f"  round {round_number + 1} {tool.name}: "
          + ", ".join(f"{step} {result.runs[step][-1].wall:.2f} s" for step in STEPS), flush=True)


def check_output(tool: Tool, result: ToolResult) -> None:
    """Build the edited source from scratch elsewhere and compare it with the one-edit output."""
    reference = type(tool)(tool.work.parent / f"reference-{tool.name}")
    shutil.copytree(tool.source, reference.source, ignore=shutil.ignore_patterns(*tool.caches))
    measure(reference.command("cold"), reference.work, reference.log, reference.env)
    differences = compare_trees(tool.destination, reference.destination)
    if differences:
        shown = "\n    ".join(differences[:10])
        more = f"\n    ... and {len(differences) - 10} more" if len(differences) > 10 else ""
        result.identical = f"NO, {len(differences)} files differ:\n    {shown}{more}"
    else:
        result.identical = f"yes ({len(snapshot(tool.destination))} files compared byte for byte)"


def _cell(result: ToolResult, step: str) -> str:
    return f"{result.median(step):8.2f} s {result.cpu(step):7.2f} s {result.peak(step) / 2**20:6.0f} MB"


def _ratio(left: float, right: float) -> str:
    ratio = left / right
    return f"{ratio:.3f} ({1 / ratio:.1f}x faster)" if ratio < 1 else f"{ratio:.2f} ({ratio:.1f}x slower)"


def report(results: list[ToolResult], args: argparse.Namespace, edited: site_gen.Post, loads: list[float]) -> None:
    width = 32
    print()
    print(f"site_bench: {args.posts} posts, {len(site_gen.TAGS)} tags, {len(site_gen.CATEGORIES)} categories, "
          f"{results[0].outputs} output files; median of {args.repeat} rounds; {os.cpu_count()} CPUs; "
          f"load average {loads[0]:.1f} at start, {loads[1]:.1f} at end")
    print(f"edited post: {edited.slug} ({args.posts - 1 - edited.number} newer posts)")
    print("tools: " + "; ".join(f"{r.version} ({r.note})" for r in results))
    print()
    print(f"{'':20}" + "".join(f"{r.name + '  wall / cpu / peak':>{width}}" for r in results))
    for step in STEPS:
        print(f"{STEP_NAMES[step]:20}" + "".join(f"{_cell(r, step):>{width}}" for r in results))
    print()
    ours = results[0]
    for other in results[1:]:
        print(f"postforge / {other.name}, wall: " + ", ".join(
            f"{step} {_ratio(ours.median(step), other.median(step))}" for step in STEPS))
        print(f"postforge / {other.name}, cpu:  " + ", ".join(
            f"{step} {_ratio(ours.cpu(step), other.cpu(step))}" for step in STEPS))
    print("files rewritten by the one-edit rebuild (median): " + ", ".join(
        f"{r.name} {statistics.median(n for n, _ in r.rewritten):.0f} of {r.outputs}" for r in results))
    for result in results:
        if result.identical:
            print(f"{result.name} one-edit rebuild output equals a cold build of the edited source: {result.identical}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tools", default="postforge,jekyll,hugo", help="comma-separated; postforge always runs first")
    parser.add_argument("--edit-rank", type=int, default=None, help="which post to edit, 0 = newest (default: middle)")
    parser.add_argument("--check", choices=("postforge", "all"), default="postforge",
                        help="whose one-edit output to compare with a cold build (costs one cold build each)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args()
    names = ["postforge"] + [name for name in args.tools.split(",") if name and name != "postforge"]
    work = Path(tempfile.mkdtemp(prefix="postforge-site-bench-"))
    loads = [os.getloadavg()[0]]
    try:
        tools = available_tools(names, work)
        skipped = [name for name in names if name not in {tool.name for tool in tools}]
        if skipped:
            print(f"not installed, skipped: {', '.join(skipped)}")
        posts = site_gen.make_posts(args.posts)
        rank = args.posts // 2 if args.edit_rank is None else args.edit_rank
        edited = posts[args.posts - 1 - rank]
        print(f"generating {args.posts} posts in {work}", flush=True)
        site_gen.write_jekyll(work / "template-jekyll", posts)
        if any(tool.hugo_site for tool in tools):
            site_gen.write_hugo(work / "template-hugo", posts)
        results = []
        for tool in tools:
            shutil.copytree(work / ("template-hugo" if tool.hugo_site else "template-jekyll"), tool.source)
            results.append(ToolResult(tool.name, tool.version, tool.note))
        # rounds interleave the tools, so a burst of load elsewhere on the machine hits them alike
        for round_number in range(args.repeat):
            for tool, result in zip(tools, results):
                run_round(tool, result, edited, round_number)
        for tool, result in zip(tools, results):
            if tool.name == "postforge" or args.check == "all":
                check_output(tool, result)
        loads.append(os.getloadavg()[0])
        report(results, args, edited, loads)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
