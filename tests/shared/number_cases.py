"""The shared number-parsing cases of number_cases.json, for the Python and the Node tests.

Each case is ``{"input": text, "value": exact decimal string}`` or ``{"input": text,
"error": "empty" | "invalid" | "range"}`` with an optional ``note``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

PATH = Path(__file__).resolve().parent / "number_cases.json"
ERRORS = ("empty", "invalid", "range")

# How parse_number's messages name the three errors (numbers.py).
PYTHON_ERRORS = {"empty": "is empty", "invalid": "is not a number", "range": "is out of range"}


def load() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(PATH.read_text("utf-8"))["cases"]
    return cases


CASES = load()


def case_id(case: dict[str, Any]) -> str:
    """A readable test id: the input with invisible characters escaped, shortened."""
    text = ascii(case["input"])[1:-1]
    return text if len(text) <= 40 else text[:37] + "..."


def expected(case: dict[str, Any]) -> Decimal | str:
    """The exact value a case reads as, or the name of its error."""
    return Decimal(case["value"]) if "value" in case else case["error"]
