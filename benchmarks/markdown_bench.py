"""Markdown conversion time: postforge's kramdown-exact converter against plain mistune and markdown-it-py.

    python benchmarks/markdown_bench.py [--repeat 30]

The same documents go through each converter: the study-notes posts in ``_posts/`` (front matter
cut off), every default-configuration input of the golden corpus joined into one document, and
a long generated post (headers, paragraphs with emphasis, links and code, nested lists, tables,
quotes, code blocks).  postforge writes what Jekyll writes (Rouge-highlighted code blocks, smart
quotes, header ids); mistune runs with its GFM-like plugins (tables, strikethrough, footnotes,
definition lists, URLs, task lists) and markdown-it-py with the CommonMark preset plus tables
and strikethrough, so all three parse comparable syntax.  Each converter object is built once and
reused, as in a site build; the median of ``--repeat`` conversions per document is printed, with
postforge's ratio to each other converter.  markdown-it-py is optional (``pip install
markdown-it-py``); without it only postforge and mistune run.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import mistune

from postforge.markdown import create_markdown

ROOT = Path(__file__).resolve().parent.parent


def _post_bodies() -> dict[str, str]:
    """The repository's posts, front matter removed."""
    docs = {}
    for path in sorted((ROOT / "_posts").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2].lstrip("\n")
        docs[f"post {path.stem}"] = text
    return docs


def _corpus_document() -> dict[str, str]:
    """Every golden-corpus input without a configuration of its own, as one document."""
    sys.path.insert(0, str(ROOT / "tests" / "markdown"))
    try:
        from corpus import load_cases  # type: ignore[import-not-found]
    except ImportError:
        return {}
    finally:
        sys.path.pop(0)
    inputs = [case.markdown for cases in load_cases().values() for case in cases if not case.config]
    return {f"corpus ({len(inputs)} inputs)": "\n\n".join(inputs)}


def _generated_post(sections: int = 40) -> dict[str, str]:
    """A long study-notes style post, the same on every run."""
    rng = random.Random(4)
    words = ("lambda function queue event stream bucket policy role cache request response "
             "timeout memory retry version alias gateway region zone replica shard").split()

    def sentence() -> str:
        picked = [rng.choice(words) for _ in range(rng.randint(6, 16))]
        picked[0] = picked[0].capitalize()
        i = rng.randrange(len(picked))
        picked[i] = rng.choice([f"*{picked[i]}*", f"**{picked[i]}**", f"`{picked[i]}`",
                                f"[{picked[i]}](https://example.com/{picked[i]})", f'"{picked[i]}"'])
        return " ".join(picked) + rng.choice([".", "?", "...", " -- see above."])

    parts = []
    for n in range(sections):
        parts.append(f"## Section {n}: {rng.choice(words)} & {rng.choice(words)}")
        parts.append(" ".join(sentence() for _ in range(4)))
        parts.append("\n".join(f"- {sentence()}\n    * {sentence()}" for _ in range(3)))
        if n % 3 == 0:
            parts.append("| Service | Limit | Notes |\n|:--|--:|:-:|\n"
                         + "\n".join(f"| {rng.choice(words)} | {rng.randint(1, 900)} | {sentence()} |"
                                     for _ in range(4)))
        if n % 4 == 0:
            parts.append("```python\ndef handler(event, context):\n    return {'status': 200}\n```")
        if n % 5 == 0:
            parts.append("> " + sentence() + "\n> " + sentence())
    text = "\n\n".join(parts) + "\n"
    return {f"generated post ({len(text) // 1024} KB)": text}


def _converters() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {
        "postforge": create_markdown(),
        "mistune": mistune.create_markdown(
            plugins=["table", "strikethrough", "footnotes", "def_list", "url", "task_lists"]),
    }
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        pass
    else:
        found["markdown-it-py"] = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render
    return found


def _median_ms(convert: Callable[[str], object], text: str, repeat: int) -> float:
    convert(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        convert(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="conversions per document (default 30)")
    args = parser.parse_args(argv)
    documents = {**_post_bodies(), **_corpus_document(), **_generated_post()}
    converters = _converters()
    others = [name for name in converters if name != "postforge"]
    header = f"{'document':34} " + " ".join(f"{name:>15}" for name in converters)
    header += "".join(f"  {'vs ' + name:>18}" for name in others)
    print(header)
    ratios: dict[str, list[float]] = {name: [] for name in others}
    for title, text in documents.items():
        times = {name: _median_ms(convert, text, args.repeat) for name, convert in converters.items()}
        line = f"{title[:34]:34} " + " ".join(f"{times[name]:>12.2f} ms" for name in converters)
        for name in others:
            ratio = times["postforge"] / times[name]
            ratios[name].append(ratio)
            line += f"  {ratio:>17.2f}x"
        print(line)
    for name in others:
        mean = math.exp(statistics.fmean(math.log(r) for r in ratios[name]))
        print(f"postforge / {name}: geometric mean {mean:.2f}x over {len(ratios[name])} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
