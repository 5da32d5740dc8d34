"""Compiling the message catalogues, ``.po`` to ``.mo``, in pure Python (polib).

Only the ``.po`` files are in git. ``manage.py compile_catalogues`` (which ``make run``,
``make test`` and the test suite's setup call) writes each ``.mo`` next to its ``.po`` when
it is missing or older than the ``.po``: a second run writes nothing. GNU gettext is not
needed, so a fresh machine without it still serves German and French. Fuzzy entries are left
out of the ``.mo``, as ``msgfmt`` leaves them out."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import polib


def catalogues_in(folders: Iterable[Path | str]) -> list[Path]:
    """Every ``.po`` file under the folders, in a stable order."""
    found: list[Path] = []
    for folder in folders:
        found.extend(sorted(Path(folder).rglob("*.po")))
    return found


def is_stale(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def catalogue_compile(po: Path) -> Path:
    """Write ``po``'s ``.mo`` beside it, atomically (test workers may compile at once)."""
    mo = po.with_suffix(".mo")
    catalogue = polib.pofile(str(po))
    fd, tmp = tempfile.mkstemp(dir=po.parent, prefix=f".{mo.name}.", suffix=".tmp")
    os.close(fd)
    try:
        catalogue.save_as_mofile(tmp)
        os.replace(tmp, mo)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return mo


def catalogues_compile(folders: Iterable[Path | str]) -> list[Path]:
    """Compile each stale catalogue under the folders; return the ``.mo`` files written."""
    return [catalogue_compile(po) for po in catalogues_in(folders) if is_stale(po)]
