"""``python -m postforge``: the same command line as the ``postforge`` script."""

from __future__ import annotations

from postforge.program import run

__all__: list[str] = []

if __name__ == "__main__":
    run()
