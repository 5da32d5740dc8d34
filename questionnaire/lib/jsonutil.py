"""Strict JSON reading for documents that come from outside (uploads, files, stdin).

Python's ``json.loads`` keeps the last of two equal keys in an object, while other readers
(and people) may see the first: a forged ``payload`` placed before the real one would then
be shown while the real one is checked. ``loads_strict`` refuses such documents instead.
"""

from __future__ import annotations

import json
from typing import Any


class DuplicateKeyError(ValueError):
    """A JSON object names the same key twice. ``key`` is that key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r} in a JSON object")
        self.key = key


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # ``dict`` builds the object in C, and a repeated key leaves it with fewer members than
    # were read: only then are the members looked through, in Python, for the first repeated
    # key. (``verify_records`` reads every record's payload with this.)
    result = dict(pairs)
    if len(result) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return result


def loads_strict(data: str | bytes | bytearray, **kwargs: Any) -> Any:
    """``json.loads`` that raises DuplicateKeyError (a ValueError) on a repeated key."""
    return json.loads(data, object_pairs_hook=_unique_object, **kwargs)
