"""The command line's result document only gained keys when reasons got ids.

``results_before_text_ids.json`` holds twenty answers documents (every role, placement and
classification, the flags, legacy and modifier cases) with the result documents the command
line printed before every reason, note and open question got a stable id. Today's results,
with the added keys taken out, must be exactly those documents: nothing renamed, reworded or
reordered.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

CASES = json.loads((Path(__file__).parent / "results_before_text_ids.json").read_text("utf-8"))
ADDED = {"open_question_items", "figures"}


def without_added_keys(result: dict[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in result.items() if key not in ADDED}
    for key in ("reasons", "notes"):
        kept[key] = [
            {name: value for name, value in item.items() if name not in ("id", "params")}
            for item in kept[key]
        ]
    return kept


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["answers"].get("model_name", "x"))
def test_the_result_differs_only_by_the_added_keys(case, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(case["answers"]), "utf-8")
    out = StringIO()
    call_command("assess", str(answers), stdout=out)
    result = json.loads(out.getvalue())
    assert ADDED <= set(result)
    assert all({"id", "params"} <= set(reason) for reason in result["reasons"])
    assert without_added_keys(result) == case["result"]


def test_the_cases_cover_every_classification():
    classes = {case["result"]["classification"] for case in CASES}
    assert classes == {"out_of_scope", "not_gpai", "gpai", "gpai_open_source", "gpai_systemic_risk"}
