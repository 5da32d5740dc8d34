"""What the load test's people answer: complete, valid walks through the wizard, one per
branch worth timing (the answers of tests/web/test_wizard_journeys.py). Plain data, so the
test suite can walk them through the real wizard (tests/loadtest/test_journeys.py) and the
load test never times a walk that the wizard refuses.

Field names are unprefixed, as in tests/web/wizard_helpers.py: a step's form prefixes them
with the step name (``market-placement``), and the management field is
``draft_<draft id hex>-current_step``.
"""

from __future__ import annotations

from collections.abc import Mapping

Fields = Mapping[str, str | list[str]]
Journey = list[tuple[str, Fields]]

_OUTSIDE_EU: Fields = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
_IN_EU: Fields = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
_TEXT_WIDE: Fields = {"generates": ["text"], "generality": "wide"}
_NOT_RELEASED: Fields = {"released_openly": "no"}
_NO_REACH: Fields = {"high_impact_capabilities": "no", "commission_designated": "no"}


def _developer(compute: Fields, *, market: Fields, release: Fields = _NOT_RELEASED) -> Journey:
    return [
        ("model", {"model_name": "Load-Test-70B", "role": "developer"}),
        ("market", market),
        ("capabilities", _TEXT_WIDE),
        ("compute", compute),
        ("release", release),
        ("reach", _NO_REACH),
    ]


JOURNEYS: dict[str, Journey] = {
    # A GPAI model from parameters × tokens: the Art. 53 duties and a representative.
    "gpai": _developer(
        {
            "method": "architecture",
            "parameters": "70B",
            "training_tokens": "15T",
            "check_method": "none",
        },
        market=_OUTSIDE_EU,
    ),
    # Systemic risk from chips × hours × peak × utilisation: Art. 52, 53 and 55.
    "systemic": _developer(
        {
            "method": "hardware",
            "period1_chips": "16,384",
            "period1_hours": "2,000",
            "period1_accelerator": "h100",
            "period1_utilisation": "0.4",
            "threshold_known_on": "2025-11-03",
            "check_method": "none",
        },
        market=_IN_EU,
    ),
    # An open-source release: the copyright and training-summary duties only.
    "open_source": _developer(
        {"method": "direct", "flop": "3e23", "check_method": "none"},
        market=_OUTSIDE_EU,
        release={
            "released_openly": "yes",
            "licence_permits_all": "yes",
            "weights_public": "yes",
            "architecture_public": "yes",
            "usage_public": "yes",
            "monetised": "no",
        },
    ),
}

# Each walk presses "Save and exit" once, on this step, then resumes the draft from its
# address (as the dashboard's Resume link does) and answers the step properly.
SAVE_AND_EXIT_AT = "capabilities"

ATTESTATION = {
    "confirm": "on",
    "attester_name": "Load Test",
    "attester_function": "Head of Legal",
}
