"""Importing a compute ledger from a CSV file (source ``imported``).

One row is one entry, filed through ``ledger_entry_put`` like a typed or API entry, under
the row's ``key``: importing the same file again changes nothing, and a row with a higher
``revision`` updates its entry. The file is taken whole or not at all: every row is
checked first, and the first refusal of any row rolls the import back, naming the row and
the column. The columns are those of ``COLUMNS``; ``key``, ``kind``, ``status`` and
``method`` are required, the figures those of the method."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from questionnaire.audit import Origin
from questionnaire.models import LedgerEntry, RegisteredModel
from questionnaire.scoring.vocabulary import Method

from .services import LedgerRefused, ledger_entry_put

__all__ = ["COLUMNS", "ImportRefused", "ImportSummary", "MAX_BYTES", "MAX_ROWS", "ledger_import"]

COLUMNS = (
    "key",
    "kind",
    "status",
    "started_on",
    "ended_on",
    "method",
    "flop",
    "parameters",
    "tokens",
    "chips",
    "hours",
    "utilisation",
    "accelerator",
    "description",
    "revision",
)
REQUIRED = ("key", "kind", "status", "method")
MAX_BYTES = 1_000_000
MAX_ROWS = 500

# Where a refusal of ``ledger_entry_put`` points in the file.
_COLUMN_OF_PATH = {
    "compute.method": "method",
    "compute.flop": "flop",
    "compute.parameters": "parameters",
    "compute.tokens": "tokens",
    "compute": "method",
}


@dataclass(frozen=True, slots=True)
class Problem:
    row: int
    """The line of the file (the header is line 1); 0 for the file as a whole."""
    column: str
    message: str
    """In the active language when the problem was found (the column names are the file's
    own words and stay as they are)."""

    def __str__(self) -> str:
        if self.row:
            return _("line %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return f"{self.column}: {self.message}"


class ImportRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(slots=True)
class ImportSummary:
    outcomes: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )

    @property
    def rows(self) -> int:
        return sum(self.outcomes.values())


def _rows(content: bytes) -> list[tuple[int, dict[str, str]]]:
    if len(content) > MAX_BYTES:
        raise ImportRefused(
            [Problem(0, "file", _("is larger than %(size)s kB") % {"size": MAX_BYTES // 1000})]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            [Problem(0, "file", _("is not UTF-8 text: save the CSV as UTF-8 and import it again"))]
        ) from error
    try:
        dialect: Any = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused(
            [
                Problem(
                    0,
                    "header",
                    ngettext(
                        "the first line must name the columns; %(missing)s is missing "
                        "(columns: %(columns)s)",
                        "the first line must name the columns; %(missing)s are missing "
                        "(columns: %(columns)s)",
                        len(missing),
                    )
                    % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)},
                )
            ]
        )
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        raise ImportRefused(
            [
                Problem(
                    0,
                    "header",
                    _("unknown column %(unknown)s (columns: %(columns)s)")
                    % {"unknown": ", ".join(unknown), "columns": ", ".join(COLUMNS)},
                )
            ]
        )
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            if None in row:
                raise ImportRefused(
                    [
                        Problem(
                            reader.line_num,
                            "row",
                            _("has more values than the header has columns"),
                        )
                    ]
                )
            values = {name: (value or "").strip() for name, value in row.items()}
            if any(values.values()):
                rows.append((reader.line_num, values))
            if len(rows) > MAX_ROWS:
                raise ImportRefused(
                    [Problem(0, "file", _("has more than %(rows)s rows") % {"rows": MAX_ROWS})]
                )
    except csv.Error as error:
        raise ImportRefused(
            [Problem(reader.line_num, "file", _("is not valid CSV (%(error)s)") % {"error": error})]
        ) from error
    if not rows:
        raise ImportRefused([Problem(0, "file", _("has no rows below its header"))])
    return rows


def _data(values: dict[str, str]) -> dict[str, Any]:
    method = values.get("method", "")
    compute: dict[str, Any] = {"method": method}
    if method == Method.HARDWARE:
        period = {
            name: values[name]
            for name in ("chips", "hours", "utilisation", "accelerator")
            if values.get(name)
        }
        compute["periods"] = [period]
    else:
        for name in ("flop", "parameters", "tokens"):
            if values.get(name):
                compute[name] = values[name]
    return {
        "kind": values.get("kind", ""),
        "status": values.get("status", ""),
        "revision": values.get("revision") or 1,
        "started_on": values.get("started_on") or None,
        "ended_on": values.get("ended_on") or None,
        "compute": compute,
        "description": values.get("description", ""),
    }


def _column(path: str) -> str:
    if path.startswith("compute.periods[0]."):
        return path.rsplit(".", 1)[1]
    return _COLUMN_OF_PATH.get(path, path)


def ledger_import(
    *,
    model: RegisteredModel,
    content: bytes,
    user: User | None,
    origin: Origin | None = None,
    today: date | None = None,
) -> ImportSummary:
    """File every row of the CSV ``content`` in the model's ledger, or none of them."""
    rows = _rows(content)
    keys: dict[str, int] = {}
    for number, values in rows:
        key = values.get("key", "")
        if key in keys:
            raise ImportRefused(
                [
                    Problem(
                        number,
                        "key",
                        _("%(key)s is on line %(line)s already")
                        % {"key": repr(key), "line": keys[key]},
                    )
                ]
            )
        keys[key] = number
    summary = ImportSummary()
    with transaction.atomic():
        for number, values in rows:
            try:
                _entry, outcome = ledger_entry_put(
                    model=model,
                    key=values.get("key", ""),
                    data=_data(values),
                    source=LedgerEntry.Source.IMPORTED,
                    user=user,
                    origin=origin,
                    today=today,
                )
            except LedgerRefused as refused:
                raise ImportRefused(
                    [Problem(number, _column(refused.field), refused.text())]
                ) from refused
            summary.outcomes[outcome] += 1
    return summary
