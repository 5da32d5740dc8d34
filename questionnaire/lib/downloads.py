"""Names for downloaded files: a readable name in UTF-8 and a safe ASCII fallback.

A download is saved under the name its ``Content-Disposition`` header gives. RFC 6266 says
how to give two: ``filename`` (ASCII, for every browser) and ``filename*`` (RFC 8187,
UTF-8 and percent-encoded, which browsers prefer when they understand it). A name comes from
what people typed (a model called "Modèle/Ω 7B"), so both are cleaned: no path separators,
quotes, control characters or runs of spaces, and a bounded length.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

__all__ = ["attachment_header", "ascii_name", "name_part"]

MAX_PART_LENGTH = 80
"""How many characters of a typed name a file name keeps."""

_NOT_NAME = re.compile(r"[^\w.+()-]+")  # \w: letters and digits of every script, and _
_NOT_ASCII_NAME = re.compile(r"[^A-Za-z0-9._+()-]+")
_DASHES = re.compile(r"-{2,}")


def name_part(text: str, *, fallback: str = "model") -> str:
    """``text`` fit to be part of a file name: every run of spaces, separators, quotes and
    other punctuation becomes one ``-``; letters of any script stay. ``fallback`` when
    nothing is left."""
    cleaned = _NOT_NAME.sub("-", unicodedata.normalize("NFC", text))
    cleaned = _DASHES.sub("-", cleaned).strip("-._")[:MAX_PART_LENGTH].rstrip("-._")
    return cleaned or fallback


def ascii_name(filename: str) -> str:
    """``filename`` in plain ASCII: accents dropped (``Modèle`` → ``Modele``), any other
    character that is not a letter, digit, ``.``, ``_``, ``+``, ``(``, ``)`` or ``-``
    replaced by ``-``."""
    decomposed = unicodedata.normalize("NFKD", filename)
    plain = decomposed.encode("ascii", "ignore").decode("ascii")
    cleaned = _DASHES.sub("-", _NOT_ASCII_NAME.sub("-", plain)).strip("-")
    return cleaned or "download"


def attachment_header(filename: str) -> str:
    """``Content-Disposition`` for a download saved as ``filename`` (RFC 6266 §4.3): the
    ASCII fallback first, then the UTF-8 name, which browsers that know it prefer."""
    encoded = quote(filename, safe="")
    return f"attachment; filename=\"{ascii_name(filename)}\"; filename*=UTF-8''{encoded}"
