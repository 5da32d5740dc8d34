"""The wizard's friendlier figures (wizard_number_cases.json), for the Python and the Node
tests. Each case is ``{"input", "units"?, "percent"?, "value" | "error", "note"?}``;
``value`` and ``error`` mean what they mean in number_cases.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PATH = Path(__file__).resolve().parent / "wizard_number_cases.json"


def load() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(PATH.read_text("utf-8"))["cases"]
    return cases


CASES = load()


def options(case: dict[str, Any]) -> dict[str, Any]:
    """The field a case is typed in: its unit words and whether it takes a percentage."""
    return {"units": list(case.get("units", [])), "percent": bool(case.get("percent", False))}


def case_id(case: dict[str, Any]) -> str:
    field = ",".join(case.get("units", [])) + ("%" if case.get("percent") else "")
    text = ascii(case["input"])[1:-1]
    return f"{text} [{field}]" if field else text
