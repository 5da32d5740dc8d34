"""Rule set 2025.1 keeps deciding exactly as it did, and its result only gained keys.

``results_before_text_ids.json`` holds twenty answers documents (every role, placement and
classification, the flags, legacy and modifier cases) with the result documents the command
line printed before every reason, note and open question got a stable id and before rule set
2026.1 existed. Run under ``--ruleset eu-aia-gpai-2025.1`` today, with the added keys taken
out, each result must decide exactly the same: classification, provider, figures, flags,
obligations with their due dates, the notification date, and the citations of its reasons.
The sentences themselves were corrected since (rules §10.10-12: texts are not versioned, a
wording correction applies to every rule set), so they are compared by count, not by word.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

CASES = json.loads((Path(__file__).parent / "results_before_text_ids.json").read_text("utf-8"))
ADDED = {"open_question_items", "figures", "ruleset_sha256"}
TEXTS = ("reasons", "notes", "open_questions")


def decisions(result: dict[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in result.items() if key not in ADDED | set(TEXTS)}
    kept["obligations"] = [
        {key: value for key, value in obligation.items() if key != "title"}
        for obligation in result["obligations"]
    ]
    kept["reason_cites"] = [reason["cite"] for reason in result["reasons"]]
    kept["counts"] = [len(result[key]) for key in TEXTS]
    return kept


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["answers"].get("model_name", "x"))
def test_rule_set_2025_1_decides_as_before(case, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(case["answers"]), "utf-8")
    out = StringIO()
    call_command("assess", str(answers), "--ruleset", "eu-aia-gpai-2025.1", stdout=out)
    result = json.loads(out.getvalue())
    assert ADDED <= set(result)
    assert all({"id", "params"} <= set(reason) for reason in result["reasons"])
    assert decisions(result) == decisions(case["result"] | {"ruleset_sha256": ""})


def test_the_cases_cover_every_classification():
    classes = {case["result"]["classification"] for case in CASES}
    assert classes == {"out_of_scope", "not_gpai", "gpai", "gpai_open_source", "gpai_systemic_risk"}
