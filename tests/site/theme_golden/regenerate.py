"""Regenerates the theme golden outputs: builds each case with the real Jekyll and a theme gem.

A case in ``cases.json`` is hand-written: ``theme`` (the theme's files, or ``theme_dir``: a theme
folder of this repository, such as ``themes/default``) and ``files`` (the site's, its
``_config.yml`` among them, to which ``theme: golden-theme`` is added). Jekyll loads themes
only from gems, so the theme is built and installed as the gem ``golden-theme`` under
``<tmp>/gems``; the site is built by ``<repo>/../shared/oracle/site.sh`` and ``expected.json``
records every file Jekyll wrote (path -> text).

Run from anywhere (needs Ruby with Jekyll 4.3.1, see the oracle's README)::

    python tests/site/theme_golden/regenerate.py          # rewrite expected.json
    python tests/site/theme_golden/regenerate.py --check  # exit 1 if expected.json would change
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases.json"
EXPECTED = HERE / "expected.json"
REPO = HERE.parents[2]
ORACLE = REPO.parent / "shared" / "oracle" / "site.sh"
THEME = "golden-theme"
GEMSPEC = f"""Gem::Specification.new do |s|
  s.name = "{THEME}"; s.version = "0.1.0"; s.summary = "golden"; s.authors = ["postforge"]
  s.files = Dir.glob("**/*").reject {{ |f| File.directory?(f) || f.end_with?(".gemspec") }}
end
"""


def write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def install_theme(case: dict, tmp: Path) -> str:
    """Build and install the theme gem; returns the GEM_PATH that finds it."""
    build_dir = tmp / "theme-src"
    if "theme_dir" in case:
        shutil.copytree(REPO / case["theme_dir"], build_dir)
    write_tree(build_dir, case.get("theme", {}))
    (build_dir / f"{THEME}.gemspec").write_text(GEMSPEC, encoding="utf-8")
    subprocess.run(["gem", "build", f"{THEME}.gemspec"], cwd=build_dir, check=True,
                   capture_output=True)
    subprocess.run(["gem", "install", "--local", "--install-dir", str(tmp / "gems"), "--no-document",
                    f"{THEME}-0.1.0.gem"], cwd=build_dir, check=True, capture_output=True)
    default = subprocess.run(["gem", "env", "gempath"], capture_output=True, text=True,
                             check=True).stdout.strip()
    return os.pathsep.join([str(tmp / "gems"), default])


def build(case: dict) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = dict(os.environ, GEM_PATH=install_theme(case, tmp))
        files = dict(case["files"])
        files["_config.yml"] = files.get("_config.yml", "") + f"theme: {THEME}\n"
        write_tree(tmp / "src", files)
        subprocess.run([str(ORACLE), str(tmp / "src"), str(tmp / "_site")], cwd=tmp / "src",
                       env=env, check=True)
        return {path.relative_to(tmp / "_site").as_posix(): path.read_text(encoding="utf-8")
                for path in sorted((tmp / "_site").rglob("*")) if path.is_file()}


def main(argv: list[str]) -> int:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    expected = {case["name"]: build(case) for case in cases}
    text = json.dumps(expected, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    changed = not EXPECTED.exists() or EXPECTED.read_text(encoding="utf-8") != text
    if "--check" in argv:
        print(f"{len(cases)} cases; expected.json {'would change' if changed else 'is current'}")
        return 1 if changed else 0
    EXPECTED.write_text(text, encoding="utf-8")
    print(f"{len(cases)} cases; expected.json {'written' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
