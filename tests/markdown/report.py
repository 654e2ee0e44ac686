"""The golden corpus's pass rate: how close ``postforge.markdown.markdownify`` is to Jekyll, by section.

pytest says pass or fail per case; the issue's closing note needs the view across the corpus:
the pass rate of each section, the names of the cases that still differ, and whether the lists
of expected failures in ``test_markdown_golden.py`` are still true. A case passes under the same
rule as the test: equal after ``tests/compat/compare.py``'s ``normalise`` for an ``.html`` file.

    python tests/markdown/report.py                   # table by section, failing names
    python tests/markdown/report.py lists footnotes   # only these sections
    python tests/markdown/report.py --diff hid-prefix # the normalised diff of named cases
    python tests/markdown/report.py --write-pending   # rewrite pending.txt from today's failures

Exit status 0 whatever the rate: this reports, the test suite judges.
"""

from __future__ import annotations

import difflib
import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))


def _load_golden():
    """golden.py under the name it gives itself, so that it and the test share one copy."""
    key = "_postforge_markdown_golden"
    spec = importlib.util.spec_from_file_location(key, HERE / "golden.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


golden = _load_golden()
corpus = golden.corpus

__all__ = ["Outcome", "evaluate", "main"]

Outcome = golden.Outcome


def evaluate(sections: list[str] | None = None) -> list[Outcome]:
    """Every case of these sections through markdownify, compared with Jekyll's answer."""
    by_section = corpus.load_cases(sections)
    return [golden.run_case(case) for cases in by_section.values() for case in cases]


def _xfail() -> dict[str, str]:
    """Every expected failure the test marks: its hand-kept XFAIL and pending.txt."""
    return {**golden.load_pending(), **golden.sibling("test_markdown_golden").XFAIL}


def _table(outcomes: list[Outcome], xfail: dict[str, str]) -> list[str]:
    """The pass rate per section, then the failing names per section."""
    sections: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        sections.setdefault(outcome.case.section, []).append(outcome)
    lines = [f"{'section':<20} {'pass':>5} {'total':>5} {'rate':>7}"]
    for section, items in sections.items():
        passed = sum(item.passed for item in items)
        lines.append(f"{section:<20} {passed:>5} {len(items):>5} {_rate(passed, len(items)):>7}")
    passed = sum(item.passed for item in outcomes)
    lines.append(f"{'TOTAL':<20} {passed:>5} {len(outcomes):>5} {_rate(passed, len(outcomes)):>7}")
    unlisted = 0
    for section, items in sections.items():
        failing = [item for item in items if not item.passed]
        if not failing:
            continue
        lines.append(f"\nfailing in {section} ({len(failing)}):")
        for item in failing:
            note = ""
            if item.case.name not in xfail:
                note = "   [not in XFAIL or pending.txt]"
                unlisted += 1
            elif item.error:
                note = f"   [raised {item.error[:60]}]"
            lines.append(f"    {item.case.name}{note}")
    if unlisted:
        lines.append(f"\n{unlisted} failing cases are not expected failures: the test suite fails on them")
    return lines


def _rate(passed: int, total: int) -> str:
    return f"{100.0 * passed / total:.1f}%" if total else "-"


def _diff(outcome: Outcome) -> str:
    head = f"== {outcome.case.section}/{outcome.case.name}: {'pass' if outcome.passed else 'FAIL'}"
    config = f"\nconfig: {outcome.case.config}" if outcome.case.config else ""
    body = f"{head}{config}\n--- markdown\n{outcome.case.markdown}--- normalised HTML, Jekyll -> postforge\n"
    if outcome.error:
        return f"{body}--- postforge raised\n{outcome.error}\n"
    diff = difflib.unified_diff(
        golden.normalised(outcome.expected or "").splitlines(),
        golden.normalised(outcome.actual or "").splitlines(),
        fromfile="jekyll",
        tofile="postforge",
        lineterm="",
    )
    return f"{body}" + "\n".join(diff) + "\n"


def main(argv: list[str]) -> int:
    diff_names = []
    if "--diff" in argv:
        at = argv.index("--diff")
        diff_names, argv = argv[at + 1:], argv[:at]
    write_pending = "--write-pending" in argv
    sections = [arg for arg in argv if not arg.startswith("--")] or None
    started = time.perf_counter()
    if diff_names:
        wanted = set(diff_names)
        cases = [case for cases in corpus.load_cases(sections).values() for case in cases if case.name in wanted]
        missing = wanted - {case.name for case in cases}
        if missing:
            print(f"no such case: {', '.join(sorted(missing))}", file=sys.stderr)
        for case in cases:
            print(_diff(golden.run_case(case)))
        return 0
    outcomes = evaluate(sections)
    elapsed = time.perf_counter() - started
    xfail = _xfail()
    print("\n".join(_table(outcomes, xfail)))
    failing = {outcome.case.name for outcome in outcomes if not outcome.passed}
    xpassing = sorted(name for name in xfail if name not in failing and name in {o.case.name for o in outcomes})
    if xpassing:
        print(f"\npassing but still listed as expected failures ({len(xpassing)}): {', '.join(xpassing)}")
    stale = [o.case.name for o in outcomes if o.expected is None and o.error is None]
    if stale:
        print(f"\nno or stale expected HTML (run regenerate.py): {', '.join(stale)}")
    print(f"\n{len(outcomes)} cases in {elapsed:.2f}s")
    if write_pending:
        if sections:
            raise SystemExit("--write-pending needs the whole corpus (no section names)")
        known = set(golden.sibling("test_markdown_golden").XFAIL)
        names = sorted((outcome.case.section, outcome.case.name) for outcome in outcomes
                       if not outcome.passed and outcome.case.name not in known)
        golden.write_pending(names)
        print(f"pending.txt: {len(names)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
