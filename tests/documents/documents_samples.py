"""The two assessments of issue 12's "done when": the contract's example (an open-source
model) and a frontier developer with systemic risk established outside the Union."""

from __future__ import annotations

import copy
from typing import Any

from questionnaire import services
from questionnaire.models import Assessment, Organisation
from questionnaire.scoring import assess
from tests.samples import CONTRACT_EXAMPLE

FRONTIER: dict[str, Any] = {
    "schema": 1,
    "model_name": "Frontier-2",
    "role": "developer",
    "placement": "placed",
    "placed_on": "2026-02-01",
    "established_in_eu": False,
    "generates": ["text", "image"],
    "generality": "wide",
    "compute": {
        "method": "hardware",
        "chips": "25000",
        "hours": "2400",
        "accelerator": "h100",
        "utilisation": "0.4",
    },
    "synthetic_data_flop": "2e23",
    "threshold_known_on": "2025-11-03",
    "modification": None,
    "open_source": None,
    "parameters": "1.2T",
    "training_tokens": "18T",
    "high_impact_capabilities": "yes",
    "eu_business_users": "40000",
    "commission_designated": False,
    "assessed_on": "2026-11-29",
}


def open_source_answers() -> dict[str, Any]:
    return {**copy.deepcopy(CONTRACT_EXAMPLE), "assessed_on": "2026-11-29"}


def assessment_of(organisation: Organisation, user: Any, answers: dict[str, Any]) -> Assessment:
    return services.assessment_create(
        organisation=organisation, user=user, answers=answers, shown=[], result=assess(answers)
    )
