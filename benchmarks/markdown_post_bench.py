"""Markdown conversion time per post of the generated benchmark site, as a site build converts them.

    python benchmarks/site_gen.py --posts 1000 /tmp/site
    python benchmarks/markdown_post_bench.py /tmp/site/jekyll [--repeat 5] [--excerpts] [--digest]

The whole-site build spends most of its Markdown time on many small posts, which the long
documents of ``markdown_bench.py`` do not show: per-call overheads (option lookups, scanner
set-up, the renderer's dispatch) weigh more here.  Every post body (front matter removed) goes
through ``markdownify`` with the site's configuration, as ``MarkdownConverter`` calls it, so the
converter is built once and reused; ``--excerpts`` also converts each excerpt (the text before
``excerpt_separator``), as Jekyll does.  The median over ``--repeat`` passes is printed, per post;
``--digest`` prints a SHA-256 of all output, to check that a change keeps every byte.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

import yaml

from postforge.markdown import markdownify
from postforge.render.converters import MarkdownConverter


def _load(site: Path) -> tuple[dict, list[str], str]:
    config = yaml.safe_load((site / "_config.yml").read_text(encoding="utf-8")) or {}
    MarkdownConverter(config)  # fills in the kramdown defaults Jekyll adds
    bodies = []
    for path in sorted((site / "_posts").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2].lstrip("\n")
        bodies.append(text)
    return config, bodies, str(config.get("excerpt_separator", "\n\n"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a Jekyll site (the jekyll/ directory site_gen.py writes)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over all posts (default 5)")
    parser.add_argument("--excerpts", action="store_true", help="convert each excerpt too")
    parser.add_argument("--digest", action="store_true", help="print a digest of all output")
    args = parser.parse_args(argv)
    config, bodies, separator = _load(args.site)
    texts = list(bodies)
    if args.excerpts:
        texts += [body.split(separator, 1)[0] for body in bodies if separator in body]
    outputs = [markdownify(text, config) for text in texts]
    if args.digest:
        digest = hashlib.sha256("\x00".join(outputs).encode("utf-8")).hexdigest()
        print(f"digest {digest}")
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for text in texts:
            markdownify(text, config)
        times.append(time.perf_counter() - start)
    per_post = statistics.median(times) / len(texts) * 1e6
    print(f"{len(texts)} documents: median {statistics.median(times) * 1000:.1f} ms per pass, "
          f"{per_post:.1f} us per document (min pass {min(times) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
