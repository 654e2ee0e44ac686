"""The Markdown golden corpus on disk: reading the case files and the expected-HTML files.

Cases are hand-written in ``cases/<section>.txt``; Jekyll's answers live apart in
``expected/<section>.txt``, written only by ``regenerate.py``, so regenerating can never touch an
input. Both use the spec-example layout of the CommonMark spec and mistune's fixtures, because a
Markdown example reads best as the lines it is made of, not as a JSON string full of ``\\n``::

    Free prose between examples says what a group probes; it is ignored.

    config: {kramdown: {hard_wrap: true}}
    ```````````````````````````````` example hard-wrap-joins
    one
    two
    ````````````````````````````````

* A fence is 32 backticks; the opening one carries ``example NAME`` (``NAME``: lowercase
  letters, digits, ``-``; unique over the whole corpus, since ``XFAIL`` names cases by it).
* ``config:`` (YAML flow mapping, the ``_config.yml`` keys, as a user writes them) applies to
  the next example only. Jekyll deep-merges it into its defaults; so must the test.
* In an example, ``→`` stands for a tab and ``␣`` for a space (write trailing spaces as ``␣`` so
  no editor can eat them). The input is the lines between the fences, each ended by ``\\n``.

An expected block repeats the case's input (as written in the case file), then a line ``.``,
then Jekyll's HTML with the same two stand-ins (tabs, and spaces at line ends); ``error:`` before
the fence records a conversion that raised. The input is repeated so a reader sees both sides,
and so that an edited case whose answer was not regenerated is detected (the block no longer
starts with the case's input), not silently compared against an old answer.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CASES_DIR",
    "EXPECTED_DIR",
    "FENCE",
    "Case",
    "Expected",
    "CorpusError",
    "decode_example",
    "encode_output",
    "expected_output",
    "load_cases",
    "load_expected",
    "load_expected_cached",
    "parse_case_file",
    "parse_expected_file",
    "render_expected_file",
]

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
EXPECTED_DIR = HERE / "expected"

FENCE = "`" * 32
TAB = "→"
SPACE = "␣"

_OPEN = re.compile(r"^" + FENCE + r" example (?P<name>\S+)\s*$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TRAILING_SPACES = re.compile(r" +$", re.M)


class CorpusError(ValueError):
    """A malformed case or expected file, named by file and line so it can be fixed at once."""


@dataclass(frozen=True)
class Case:
    """One hand-written example: what goes to Jekyll and to postforge."""

    section: str
    name: str
    source: str  # the example's lines as written in the case file (stand-ins kept)
    config: dict[str, Any] | None
    line: int

    @property
    def markdown(self) -> str:
        return decode_example(self.source)

    def oracle_item(self) -> Any:
        """The item ``markdown.rb`` reads: the bare string when there is no config."""
        if self.config is None:
            return self.markdown
        return {"markdown": self.markdown, "config": self.config}


@dataclass(frozen=True)
class Expected:
    """One block of an expected file: everything after ``example NAME``, still encoded."""

    name: str
    body: str
    error: str | None
    config: dict[str, Any] | None


def decode_example(text: str) -> str:
    """Stand-ins to the characters they stand for: ``→`` a tab, ``␣`` a space."""
    return text.replace(TAB, "\t").replace(SPACE, " ")


def encode_output(html: str) -> str:
    """HTML in the form an expected block shows it; :func:`decode_example` undoes it exactly.

    Refuses HTML that holds a stand-in character itself (it could not be told apart) and HTML
    that does not end in a newline (a block's lines always do): both would need a new rule here.
    """
    if TAB in html or SPACE in html:
        raise CorpusError(f"output contains {TAB!r} or {SPACE!r}, which the expected format reserves")
    if html and not html.endswith("\n"):
        raise CorpusError("output does not end with a newline; the expected format cannot show that")
    encoded = _TRAILING_SPACES.sub(lambda match: SPACE * len(match.group(0)), html.replace("\t", TAB))
    return encoded


def parse_case_file(text: str, section: str) -> list[Case]:
    """The examples of one case file, in order, each with the ``config:`` given before it."""
    cases: list[Case] = []
    pending_config: dict[str, Any] | None = None
    config_line = 0
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        where = f"cases/{section}.txt:{index + 1}"
        if line.startswith("config:"):
            if pending_config is not None:
                raise CorpusError(f"{where}: a second config: before line {config_line}'s was used")
            try:
                pending_config = yaml.safe_load(line[len("config:"):])
            except yaml.YAMLError as error:
                raise CorpusError(f"{where}: config is not YAML: {error}") from None
            if not isinstance(pending_config, dict):
                raise CorpusError(f"{where}: config must be a mapping")
            config_line = index + 1
        elif line.startswith(FENCE):
            match = _OPEN.match(line)
            if not match:
                raise CorpusError(f"{where}: an opening fence must read '{FENCE} example NAME'")
            name = match.group("name")
            if not _NAME.match(name):
                raise CorpusError(f"{where}: bad name {name!r} (lowercase letters, digits, '-')")
            end = _closing_fence(lines, index, where)
            body = lines[index + 1:end]
            source = "".join(body_line + "\n" for body_line in body)
            cases.append(Case(section, name, source, pending_config, index + 1))
            pending_config = None
            index = end
        index += 1
    if pending_config is not None:
        raise CorpusError(f"cases/{section}.txt:{config_line}: config: with no example after it")
    return cases


def _closing_fence(lines: list[str], start: int, where: str) -> int:
    """The index of the bare fence closing the example opened at ``start``."""
    for end in range(start + 1, len(lines)):
        if lines[end].startswith(FENCE):
            if lines[end] != FENCE:
                raise CorpusError(f"{where}: example not closed before line {end + 1}, which opens another")
            return end
    raise CorpusError(f"{where}: example never closed")


def load_cases(sections: list[str] | None = None, cases_dir: Path = CASES_DIR) -> dict[str, list[Case]]:
    """Every section's cases (file order), with names checked unique across the whole corpus."""
    result: dict[str, list[Case]] = {}
    seen: dict[str, str] = {}
    for path in sorted(cases_dir.glob("*.txt")):
        section = path.stem
        cases = parse_case_file(path.read_text(encoding="utf-8"), section)
        for case in cases:
            if case.name in seen:
                raise CorpusError(f"cases/{section}.txt:{case.line}: {case.name!r} already in {seen[case.name]}")
            seen[case.name] = section
        if sections is None or section in sections:
            result[section] = cases
    return result


def render_expected_file(section: str, cases: list[Case], results: list[Any]) -> str:
    """The text of ``expected/<section>.txt`` for these cases and the oracle's answers."""
    parts = [
        f"Jekyll 4.3.1's HTML (kramdown 2.4.0, Rouge 3.30.0) for the examples of cases/{section}.txt.\n"
        "Generated by tests/markdown/regenerate.py: never edit. Input, a line '.', then the HTML;\n"
        f"{TAB} is a tab and {SPACE} a space at a line's end.\n"
    ]
    for case, result in zip(cases, results):
        block = [""]
        if case.config is not None:
            block.append("config: " + yaml.safe_dump(case.config, default_flow_style=True, width=10**6).strip())
        if isinstance(result, dict):
            block.append(f"error: {result.get('error')}")
            html = ""
        else:
            html = encode_output(result)
        block.append(f"{FENCE} example {case.name}")
        parts.append("\n".join(block) + "\n" + case.source + ".\n" + html + FENCE + "\n")
    return "".join(parts)


def parse_expected_file(text: str, section: str) -> dict[str, Expected]:
    """Name -> the still-encoded block (input, ``.``, HTML) and the recorded error, if any."""
    result: dict[str, Expected] = {}
    lines = text.split("\n")
    error: str | None = None
    config: dict[str, Any] | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("error: "):
            error = line[len("error: "):]
        elif line.startswith("config: "):
            config = yaml.safe_load(line[len("config: "):])
        match = _OPEN.match(line)
        if match:
            end = _closing_fence(lines, index, f"expected/{section}.txt:{index + 1}")
            body = "".join(body_line + "\n" for body_line in lines[index + 1:end])
            result[match.group("name")] = Expected(match.group("name"), body, error, config)
            error = None
            config = None
            index = end
        index += 1
    return result


def expected_output(case: Case, expected: Expected | None) -> str | None:
    """Jekyll's HTML for ``case`` (decoded), or None when its answer is missing or stale.

    Stale means the case's input or config is no longer the one Jekyll was asked about.
    """
    if expected is None or expected.config != case.config:
        return None
    if not expected.body.startswith(case.source + ".\n"):
        return None
    return decode_example(expected.body[len(case.source) + 2:])


def load_expected(section: str, expected_dir: Path = EXPECTED_DIR) -> dict[str, Expected]:
    """The expected blocks of one section; empty when it was never regenerated."""
    path = expected_dir / f"{section}.txt"
    if not path.exists():
        return {}
    return parse_expected_file(path.read_text(encoding="utf-8"), section)


@functools.lru_cache(maxsize=None)
def load_expected_cached(section: str) -> dict[str, Expected]:
    """:func:`load_expected`, read once per process (the test and the report ask per case)."""
    return load_expected(section)
