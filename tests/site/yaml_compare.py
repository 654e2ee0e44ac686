"""What the full YAML parser (Psych's, through libyaml) makes of a text, and a comparison strict
about types, key order, zones and folds: what the quick paths' tables are checked against."""

from __future__ import annotations

import datetime as dt
from typing import Any

from postforge.psych import PsychLoader

__all__ = ["parsed", "same"]


def parsed(text: str) -> Any:
    loader = PsychLoader(text)
    try:
        if not loader.check_node():
            return None
        return loader.construct_document(loader.get_node())
    except Exception as error:  # noqa: BLE001 - the parser refuses it: the quick path must not answer
        return error
    finally:
        loader.dispose()


def same(left: Any, right: Any) -> bool:
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right))
    if isinstance(left, dt.datetime):
        return (left, left.tzinfo, left.utcoffset(), left.tzname(), left.fold) == (
            right, right.tzinfo, right.utcoffset(), right.tzname(), right.fold)
    if isinstance(left, float) and left != left:
        return right != right
    return bool(left == right)
