"""postforge: a Jekyll-compatible static site generator in Python."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Location", "PostforgeError", "__version__"]


def __getattr__(name: str) -> object:
    # Found when first asked for (PEP 562): the ``postforge`` program forks its Markdown converter
    # before it imports anything (:mod:`postforge.program`), and the package is imported first
    # (``typing`` and the errors' dataclasses are imported after the fork).
    if name not in ("Location", "PostforgeError"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from postforge import errors

    value = globals()[name] = getattr(errors, name)
    return value
