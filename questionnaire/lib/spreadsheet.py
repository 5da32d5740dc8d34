"""CSV cells that a spreadsheet shows as text, never runs as a formula.

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before looking) is read as a formula by Excel, LibreOffice and
Google Sheets: ``=HYPERLINK(...)`` in a user agent would become a link in an
administrator's spreadsheet. Such a cell is prefixed with a single quote, which the
spreadsheet shows as text (OWASP, "CSV Injection").
"""

from __future__ import annotations

__all__ = ["cell_safe"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: object) -> str:
    """The value as CSV text, quoted with ``'`` where a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
