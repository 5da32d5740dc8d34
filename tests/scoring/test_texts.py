"""Every sentence of a result has a stable id, its params, and the text they render to."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from hypothesis import given

from questionnaire.scoring import assess
from questionnaire.scoring.texts import TEXTS, render
from tests.scoring.strategies import answers

ENGINE = Path(__file__).resolve().parents[2] / "questionnaire" / "scoring" / "engine.py"


def _items(result: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield from result["reasons"]
    yield from result["notes"]
    yield from result["open_question_items"]


@given(answers())
def test_every_reason_note_and_question_renders_from_its_id_and_params(document):
    result = assess(document)
    for item in _items(result):
        assert item["id"] in TEXTS
        assert item["text"] == render(item["id"], item["params"])
        json.dumps(item["params"])  # plain JSON values only
    assert result["open_questions"] == [item["text"] for item in result["open_question_items"]]


def test_every_text_is_used_by_the_engine():
    """No dead texts: each id is named in the engine, whole or as the stem of an f-string
    that adds ``_with_earlier``."""
    source = ENGINE.read_text("utf-8")
    named = set(re.findall(r'f?"([a-z_]+\.[a-z0-9_]+)(?:\{earlier\})?"', source))
    stems = set(re.findall(r'f"([a-z_]+\.[a-z0-9_]+)\{earlier\}"', source))
    used = named | {f"{stem}_with_earlier" for stem in stems}
    assert set(TEXTS) - used == set()


def test_params_are_written_as_a_reader_expects():
    assert render(
        "compute.methods_disagree",
        {
            "method": "hardware",
            "value": "3.21e24",
            "disagree_margin": "0.3",
            "estimate_margin": "0.3",
        },
    ) == (
        "A second estimate by the hardware method gives 3.2 × 10^24 FLOP, more than 30% away "
        "from the primary estimate; the primary estimate is used. Check the inputs: an estimate "
        "must be accurate within 30%."
    )
    assert render("open_source.not_met", {"unmet": ["weights_public", "monetised"]}) == (
        "The open-source exemption does not apply: the weights are not public and the model is "
        "monetised."
    )
    assert render("systemic.reach", {"users": "12000", "threshold": 10000}).startswith(
        "It is made available to 12,000 registered business users established in the Union, "
        "at least 10,000:"
    )
