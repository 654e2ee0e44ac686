"""Incremental builds (``postforge build -I``): what changed, what depends on it, and the state kept.

:func:`build_incremental` is the entry point (:mod:`.build`); :mod:`.state` is what is kept in
``<source>/.postforge-cache/``, :mod:`.scan` finds changed source files, :mod:`.model` reads
them into the last build's model, :mod:`.graph` records and queries what each page read,
:mod:`.restore` brings back units not rendered, :mod:`.output` writes what changed.
"""

from __future__ import annotations

from postforge.incremental.build import IncrementalResult
from postforge.incremental.build import build_incremental

__all__ = ["IncrementalResult", "build_incremental"]
