"""Regenerates the Sass golden outputs: builds each case as a site with the real Jekyll (the oracle).

A case in ``cases.json`` is hand-written: ``config`` (``_config.yml`` keys), ``files`` (partials and
other files, written as they are) and ``pages`` (Sass pages: path -> body, written behind an empty
front matter); ``theme`` and ``theme_pages`` are the same for a theme, which is built and installed
as a gem named ``golden-theme`` under ``<tmp>/gems`` (Jekyll loads themes only from gems), so that
its folder is ``<tmp>/gems/gems/golden-theme-0.1.0`` beside the site's ``<tmp>/src``. Its expected output is never hand-written: every case is built by Jekyll 4.3.1 through
``<repo>/../shared/oracle/site.sh``, run from inside the case's source directory (the Sass converter
names files relative to the working directory: line comments print such paths), and
``expected.json`` records, per page, the CSS and the ``.css.map`` Jekyll wrote (null when it wrote
none), or, when the build failed, the Sass error Jekyll reported.

Run from anywhere (needs Ruby with Jekyll 4.3.1, see the oracle's README)::

    python tests/site/sass_golden/regenerate.py          # rewrite expected.json
    python tests/site/sass_golden/regenerate.py --check  # exit 1 if expected.json would change
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases.json"
EXPECTED = HERE / "expected.json"
REPO = HERE.parents[2]
ORACLE = REPO.parent / "shared" / "oracle" / "site.sh"
FRONT_MATTER = "---\n---\n"
THEME = "golden-theme"
THEME_DIR = f"gems/gems/{THEME}-0.1.0"
GEMSPEC = f"""Gem::Specification.new do |s|
  s.name = "{THEME}"; s.version = "0.1.0"; s.summary = "golden"; s.authors = ["postforge"]
  s.files = Dir.glob("**/*").reject {{ |f| File.directory?(f) || f.end_with?(".gemspec") }}
end
"""

# How sassc's error reaches Jekyll's log: "Error: MESSAGE\n  on line L:C of FILE\n>> SOURCE LINE".
_ERROR = re.compile(r"\(SassC::SyntaxError\)\n\s+on line (\d+):(\d+) of (\S+)", re.S)
_MESSAGE = re.compile(r"^\S+:\d+: Error: (.*?) \(SassC::SyntaxError\)$", re.M | re.S)


def write_tree(root: Path, files: dict[str, str], pages: dict[str, str]) -> None:
    """Files as they are, pages behind an empty front matter."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in [*files.items(), *((rel, FRONT_MATTER + body) for rel, body in pages.items())]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def write_case(case: dict, tmp: Path) -> dict[str, str]:
    """The case's site (and theme gem) under ``tmp``; returns the environment to build with."""
    config = dict(case.get("config", {}))
    env = dict(os.environ)
    if "theme" in case or "theme_pages" in case:
        config["theme"] = THEME
        build_dir = tmp / "theme-src"
        write_tree(build_dir, case.get("theme", {}), case.get("theme_pages", {}))
        (build_dir / f"{THEME}.gemspec").write_text(GEMSPEC, encoding="utf-8")
        subprocess.run(["gem", "build", f"{THEME}.gemspec"], cwd=build_dir, check=True,
                       capture_output=True)
        subprocess.run(["gem", "install", "--local", "--install-dir", str(tmp / "gems"),
                        "--no-document", f"{THEME}-0.1.0.gem"], cwd=build_dir, check=True,
                       capture_output=True)
        env["GEM_PATH"] = os.pathsep.join([str(tmp / "gems"), default_gem_path()])
    write_tree(tmp / "src", case.get("files", {}), case.get("pages", {}))
    (tmp / "src" / "_config.yml").write_text(json.dumps(config), encoding="utf-8")
    return env


def default_gem_path() -> str:
    return subprocess.run(["gem", "env", "gempath"], capture_output=True, text=True,
                          check=True).stdout.strip()


def read_output(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def build(case: dict) -> dict:
    """Jekyll's answer for one case: {"pages": {path: {"css", "map"}}} or {"error": {...}}."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        dest = Path(tmp) / "_site"
        env = write_case(case, Path(tmp))
        proc = subprocess.run([str(ORACLE), str(src), str(dest)], cwd=src, env=env,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            where = _ERROR.search(proc.stderr)
            message = _MESSAGE.search(proc.stderr)
            if not where or not message:
                raise SystemExit(f"{case['name']}: build failed without a Sass error:\n{proc.stderr}")
            return {"error": {"message": message.group(1), "line": int(where.group(1)),
                              "column": int(where.group(2)), "file": where.group(3)}}
        pages = {}
        for rel in [*case.get("pages", {}), *case.get("theme_pages", {})]:
            css = dest / Path(rel).with_suffix(".css")
            pages[rel] = {"css": read_output(css), "map": read_output(css.with_name(css.name + ".map"))}
        return {"pages": pages}


def main(argv: list[str]) -> int:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    names = [case["name"] for case in cases]
    if len(set(names)) != len(names):
        raise SystemExit("duplicate case names")
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(build, cases))
    text = json.dumps(dict(zip(names, results)), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    changed = not EXPECTED.exists() or EXPECTED.read_text(encoding="utf-8") != text
    if "--check" in argv:
        print(f"{len(cases)} cases; expected.json {'would change' if changed else 'is current'}")
        return 1 if changed else 0
    EXPECTED.write_text(text, encoding="utf-8")
    print(f"{len(cases)} cases; expected.json {'written' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
