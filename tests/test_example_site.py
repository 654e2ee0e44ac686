"""The repository is itself the example site: it builds, and the post lands at Jekyll's URL."""

from __future__ import annotations

from pathlib import Path

from postforge.site import build

ROOT = Path(__file__).resolve().parent.parent


def test_example_site_builds_with_the_post_at_jekylls_url(tmp_path: Path) -> None:
    result = build(ROOT, tmp_path / "_site")
    post = tmp_path / "_site" / "posts" / "2023" / "05" / "01" / "aws-lambda.html"
    html = post.read_text(encoding="utf-8")
    assert "<title>AWS - Lambda | Study notes</title>" in html
    assert '<h2 id="lambdaedge">Lambda@edge</h2>' in html
    assert result.posts == 1
    # the project's own files are not part of the site
    written = {p.relative_to(tmp_path / "_site").parts[0] for p in (tmp_path / "_site").rglob("*")}
    assert not written & {"src", "tests", "docs", "benchmarks", "themes", "pyproject.toml", "README.md"}
    assert (tmp_path / "_site" / "assets" / "css" / "main.css").is_file()
