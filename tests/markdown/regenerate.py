"""Regenerates the Markdown golden answers: asks the real Jekyll to convert every case.

The inputs in ``cases/<section>.txt`` are hand-written; their expected HTML is never written by
hand but produced by Jekyll 4.3.1's own Markdown converter (kramdown 2.4.0 with GFM input, as
Jekyll configures it) through ``<repo>/../shared/oracle/markdown.rb``. Every case goes to the
oracle in one batch (one Ruby process), each with its own ``config`` deep-merged into Jekyll's
defaults by the oracle itself. Only ``expected/<section>.txt`` is written, in a fixed layout, so a
rerun on unchanged cases gives no diff.

Run from anywhere (needs Ruby with Jekyll 4.3.1, see the oracle's README)::

    python tests/markdown/regenerate.py                 # every section
    python tests/markdown/regenerate.py lists footnotes # only these sections
    python tests/markdown/regenerate.py --check         # exit 1 if any expected file would change
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (this directory's module, by path: see above)

__all__ = ["main", "run_oracle"]

REPO = corpus.HERE.parents[1]
ORACLE = REPO.parent / "shared" / "oracle" / "markdown.rb"


def run_oracle(items: list) -> list:
    """One oracle process for the whole batch; answers pair with items by position."""
    proc = subprocess.run(
        [str(ORACLE)],
        input=json.dumps(items, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    if proc.stderr.strip():
        print(proc.stderr.rstrip(), file=sys.stderr)
    results = json.loads(proc.stdout)
    if len(results) != len(items):
        raise SystemExit(f"oracle returned {len(results)} answers for {len(items)} cases")
    return results


def main(argv: list[str]) -> int:
    check = "--check" in argv
    sections = [arg for arg in argv if not arg.startswith("--")]
    try:
        by_section = corpus.load_cases(sections or None)
    except corpus.CorpusError as error:
        raise SystemExit(str(error)) from None
    unknown = set(sections) - set(by_section)
    if unknown:
        raise SystemExit(f"no such section: {', '.join(sorted(unknown))}")
    flat = [case for cases in by_section.values() for case in cases]
    results = iter(run_oracle([case.oracle_item() for case in flat]))
    changed = []
    errors = []
    for section, cases in by_section.items():
        answers = [next(results) for _ in cases]
        errors += [f"{section}/{case.name}" for case, answer in zip(cases, answers) if isinstance(answer, dict)]
        try:
            text = corpus.render_expected_file(section, cases, answers)
        except corpus.CorpusError as error:
            raise SystemExit(f"{section}: {error}") from None
        path = corpus.EXPECTED_DIR / f"{section}.txt"
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        changed.append(path.name)
        if not check:
            corpus.EXPECTED_DIR.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if not sections and not check:
        stale = {path.name for path in corpus.EXPECTED_DIR.glob("*.txt")} - {f"{s}.txt" for s in by_section}
        for name in sorted(stale):
            (corpus.EXPECTED_DIR / name).unlink()
            changed.append(f"{name} (removed)")
    verb = "would change" if check else "written"
    print(f"{len(flat)} cases in {len(by_section)} sections; {verb}: {', '.join(changed) or 'nothing'}")
    if errors:
        print(f"Jekyll raised for {len(errors)}: {', '.join(errors)}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
