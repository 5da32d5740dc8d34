"""The answers a form reads: a ``MultiValueDict`` whose ``get`` of a missing key is cheap.

Why: every widget reads its value with ``data.get(name)``. Django's ``MultiValueDict.get``
looks the key up through ``__getitem__``, which turns the dictionary's ``KeyError`` into a
second exception, ``MultiValueDictKeyError``, before ``get`` catches it. A wizard step reads
each of its up to 34 questions several times (to render, to validate, to see which training
periods are used), most of them unanswered: about 70 pairs of exceptions per request, a few
per cent of a wizard POST (issue 11). This ``get`` answers as Django's does, with one
dictionary lookup.
"""

from __future__ import annotations

from typing import Any

from django.utils.datastructures import MultiValueDict


class FormData(MultiValueDict[str, Any]):
    """A ``MultiValueDict`` with an exception-free ``get``; everything else is Django's."""

    def get(self, key: str, default: Any = None) -> Any:
        # As MultiValueDict.get: the last value, or ``default`` when the key is missing,
        # its list is empty or its last value is an empty list.
        values = dict.get(self, key)
        if not values:
            return default
        value = values[-1]
        return default if value == [] else value
