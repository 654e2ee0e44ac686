"""Regenerates the Liquid golden outputs: asks the real Jekyll (the oracle) to render every case.

The cases in ``cases/<topic>.json`` are hand-written data; their expected outputs are never
hand-written but produced by Jekyll 4.3.1's Liquid through ``<repo>/../shared/oracle/liquid.rb``, so
that the golden files are Jekyll's answer and not ours. All cases go to the oracle in one batch (one
Ruby process), and each ``expected/<topic>.json`` is written sorted and indented so that running this
again on unchanged cases gives no diff.

Run from anywhere (needs Ruby with Jekyll 4.3.1, see the oracle's README)::

    python tests/liquid/golden/regenerate.py            # every topic
    python tests/liquid/golden/regenerate.py for cycle  # only these topics
    python tests/liquid/golden/regenerate.py --check    # exit 1 if any expected file would change
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
EXPECTED_DIR = HERE / "expected"
REPO = HERE.parents[2]
ORACLE = REPO.parent / "shared" / "oracle" / "liquid.rb"

#: the keys a case may have; anything else (the oracle's "files" in particular) is a mistake here
CASE_KEYS = {"name", "template", "data", "includes", "config"}


def load_cases(topics: list[str] | None = None) -> dict[str, list[dict]]:
    """Every topic's cases, validated: unique names across topics, only the oracle's case keys."""
    result: dict[str, list[dict]] = {}
    seen: dict[str, str] = {}
    for path in sorted(CASES_DIR.glob("*.json")):
        topic = path.stem
        if topics and topic not in topics:
            continue
        cases = json.loads(path.read_text(encoding="utf-8"))
        for case in cases:
            extra = set(case) - CASE_KEYS
            if extra or "name" not in case or "template" not in case:
                raise SystemExit(f"{path.name}: bad case {case.get('name')!r}: keys {sorted(case)}")
            if case["name"] in seen:
                raise SystemExit(f"duplicate case name {case['name']!r} in {topic} and {seen[case['name']]}")
            seen[case["name"]] = topic
        result[topic] = cases
    return result


def oracle_payload(case: dict) -> dict:
    """The case as the oracle reads it: the case minus its name."""
    return {key: value for key, value in case.items() if key != "name"}


def run_oracle(cases: list[dict]) -> list[dict]:
    """One oracle process for the whole batch; results pair with cases by position."""
    proc = subprocess.run(
        [str(ORACLE)],
        input=json.dumps([oracle_payload(case) for case in cases]),
        capture_output=True,
        text=True,
        check=True,
    )
    if proc.stderr.strip():
        print(proc.stderr, file=sys.stderr)
    results = json.loads(proc.stdout)
    if len(results) != len(cases):
        raise SystemExit(f"oracle returned {len(results)} results for {len(cases)} cases")
    return results


def render_expected(cases: list[dict], results: list[dict]) -> str:
    """The expected file's text: name -> {"output"|"error", "warnings"?}, keys sorted."""
    expected = {case["name"]: result for case, result in zip(cases, results)}
    return json.dumps(expected, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    topics = [arg for arg in argv if not arg.startswith("--")]
    by_topic = load_cases(topics or None)
    flat = [(topic, case) for topic, cases in by_topic.items() for case in cases]
    results = run_oracle([case for _, case in flat])
    changed = []
    for topic, cases in by_topic.items():
        topic_results = [result for (t, _), result in zip(flat, results) if t == topic]
        text = render_expected(cases, topic_results)
        path = EXPECTED_DIR / f"{topic}.json"
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        changed.append(path.name)
        if not check:
            EXPECTED_DIR.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "would change" if check else "written"
    print(f"{len(flat)} cases in {len(by_topic)} topics; {verb}: {', '.join(changed) or 'nothing'}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
