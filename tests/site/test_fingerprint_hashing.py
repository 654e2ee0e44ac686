"""Text hashes and string digests are those of their canonical forms, at every length.

``hash_text`` (a canonical form) and string digests (``"s" + value``) pick BLAKE2b up to 256
bytes and SHA-1 past it; the boundary falls one byte earlier for a string's own text, and
counts UTF-8 bytes, not characters; lone surrogates (from file names) are hashed as they are.
"""

from __future__ import annotations

import hashlib

import pytest

from postforge.render import fingerprints


def reference_hash(text: str) -> int:
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= 256:
        return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")
    return int.from_bytes(hashlib.sha1(data).digest()[:8], "little")


TEXTS = (
    ["", "a", "x" * 32, "x" * 33]
    + ["y" * n for n in range(250, 262)]
    + ["é" * n for n in range(125, 131)]  # two bytes a character: the boundary inside the text
    + ["\U0001f600" * 64, "z" * 255 + "é", "\ud800 lone", "w" * 300 + "\udfff", "v" * 5000]
)


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: f"{len(text)}:{text[:1]!r}")
def test_hash_text_and_string_digests(text: str) -> None:
    assert fingerprints.hash_text(text) == reference_hash(text)
    assert fingerprints.digest(text) == reference_hash("s" + text)
    assert fingerprints.digest(text) == reference_hash("s" + text)  # again, when remembered
