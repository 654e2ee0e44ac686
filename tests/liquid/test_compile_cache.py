"""Compiled templates kept on disk are reused by a later Environment, and never across changes."""

from __future__ import annotations

from pathlib import Path

from postforge.liquid import Environment
from postforge.liquid import LiquidError

SOURCE = "{% for x in (1..3) %}{{ x | plus: n }}{% endfor %}\n{{ 1 | divided_by: z }}"


def _cached(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "liquid").rglob("*.pyc"))


def test_second_environment_reuses_compiled_code(tmp_path: Path) -> None:
    first = Environment(cache_dir=tmp_path).from_string(SOURCE, name="t.html")
    assert first.render({"n": 1, "z": 1}) == "234\n1"
    files = _cached(tmp_path)
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    second = Environment(cache_dir=tmp_path).from_string(SOURCE, name="t.html")
    assert second.render({"n": 2, "z": 1}) == "345\n1"
    assert _cached(tmp_path) == files and files[0].stat().st_mtime_ns == stamp


def test_cached_code_still_maps_errors_to_liquid_lines(tmp_path: Path) -> None:
    Environment(cache_dir=tmp_path).from_string(SOURCE, name="t.html")
    template = Environment(cache_dir=tmp_path).from_string(SOURCE, name="t.html")
    try:
        template.render({"n": 1, "z": 0})
    except LiquidError as error:
        assert (error.filename, error.lineno) == ("t.html", 2)
    else:  # pragma: no cover - the render must fail
        raise AssertionError("divided_by: 0 rendered")


def test_changed_source_or_registry_is_compiled_again(tmp_path: Path) -> None:
    Environment(cache_dir=tmp_path).from_string(SOURCE, name="t.html")
    Environment(cache_dir=tmp_path).from_string(SOURCE + "!", name="t.html")
    env = Environment(cache_dir=tmp_path)
    env.add_filter("shout", lambda value: str(value).upper())
    assert env.from_string(SOURCE, name="t.html").render({"n": 0, "z": 1}) == "123\n1"
    assert len(_cached(tmp_path)) == 3


def test_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    Environment(cache_dir=tmp_path).from_string(SOURCE, name="t.html")
    _cached(tmp_path)[0].write_bytes(b"garbage")
    assert Environment(cache_dir=tmp_path).from_string(SOURCE, name="t.html").render({"n": 0, "z": 1}) == "123\n1"
