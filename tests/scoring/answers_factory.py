"""Helpers for the spec tests: build valid answers documents (assess-json.md, schema 1)
and read result documents by their contract keys only.

Not a test module; imported by tests/scoring/test_spec_*.py.
"""

import copy
from collections.abc import Mapping
from typing import Any

from questionnaire.scoring import AnswersError, Problem, assess

Document = dict[str, Any]
"""An answers document, or a part of one, as the tests build it (valid or not)."""
Result = Mapping[str, Any]
"""A result document, read by its contract keys only."""

# Sentinel: pass a key=ABSENT override to remove the key from the document.
ABSENT = object()

RULESET = "eu-aia-gpai-2025.1"

ALL_53 = {"art53_1a", "art53_1b", "art53_1c", "art53_1d"}
ALL_55 = {"art55_1a", "art55_1b", "art55_1c", "art55_1d"}
ALL_FLAGS = {
    "borderline",
    "methods_disagree",
    "moe_assumption",
    "generality_rebuttal",
    "designation_risk",
    "modification_limited",
    "notification_date_unknown",
    "legacy_model",
}
ALL_OBLIGATION_IDS = ALL_53 | ALL_55 | {"art54_rep", "art52_notify"}


def direct(flop: object) -> Document:
    return {"method": "direct", "flop": flop}


def architecture(parameters: object, tokens: object, moe: object = ABSENT) -> Document:
    c: Document = {"method": "architecture", "parameters": parameters, "tokens": tokens}
    if moe is not ABSENT:
        c["mixture_of_experts"] = moe
    return c


def hardware(
    chips: object,
    hours: object,
    utilisation: object,
    accelerator: object = ABSENT,
    peak_flops: object = ABSENT,
) -> Document:
    c: Document = {"method": "hardware", "chips": chips, "hours": hours, "utilisation": utilisation}
    if accelerator is not ABSENT:
        c["accelerator"] = accelerator
    if peak_flops is not ABSENT:
        c["peak_flops"] = peak_flops
    return c


def period(
    chips: object,
    hours: object,
    utilisation: object,
    accelerator: object = ABSENT,
    peak_flops: object = ABSENT,
) -> Document:
    p = hardware(chips, hours, utilisation, accelerator, peak_flops)
    del p["method"]
    return p


def _apply(doc: Document, overrides: Mapping[str, Any]) -> Document:
    for key, value in overrides.items():
        if value is ABSENT:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


def developer(**overrides: Any) -> Document:
    """A valid, in-scope developer document: placed 2026-03-01, established in the EU,
    text, wide generality, 5e23 FLOP direct -> plain `gpai`, no flags."""
    doc: Document = {
        "schema": 1,
        "model_name": "Spec-Test-Model",
        "role": "developer",
        "placement": "placed",
        "placed_on": "2026-03-01",
        "established_in_eu": True,
        "generates": ["text"],
        "generality": "wide",
        "compute": direct("5e23"),
        "synthetic_data_flop": "0",
        "threshold_known_on": None,
        "modification": None,
        "open_source": None,
        "high_impact_capabilities": "no",
        "eu_business_users": None,
        "commission_designated": False,
    }
    return _apply(doc, overrides)


def modifier(
    mod_flop: object,
    original_flop: object,
    original_systemic_risk: object,
    earlier: object = ABSENT,
    **overrides: Any,
) -> Document:
    """A valid in-scope modifier document. `mod_flop` is this modification's own compute
    (direct method); generates/generality are deliberately absent (not needed by a modifier)."""
    modification: Document = {
        "original_flop": original_flop,
        "original_systemic_risk": original_systemic_risk,
    }
    if earlier is not ABSENT:
        modification["earlier_modifications_flop"] = earlier
    doc: Document = {
        "schema": 1,
        "model_name": "Spec-Test-Finetune",
        "role": "modifier",
        "placement": "placed",
        "placed_on": "2026-03-01",
        "established_in_eu": True,
        "compute": direct(mod_flop),
        "synthetic_data_flop": "0",
        "threshold_known_on": None,
        "modification": modification,
        "open_source": None,
        "high_impact_capabilities": "no",
        "eu_business_users": None,
        "commission_designated": False,
    }
    return _apply(doc, overrides)


def open_source(**overrides: Any) -> Document:
    os_: Document = {
        "licence_permits_all": True,
        "weights_public": True,
        "architecture_public": True,
        "usage_public": True,
        "monetised": False,
    }
    return _apply(os_, overrides)


def run(answers: Mapping[str, Any], ruleset: str = RULESET) -> Result:
    """The result under ``ruleset``: the spec tests of rules §1-9 pin 2025.1, which must keep
    deciding as it always did; the §10 tests pass 2026.1."""
    return assess(copy.deepcopy(answers), ruleset)


def problems(answers: Any) -> list[Problem]:
    """Assess answers that must be invalid; return the AnswersError's problems. ``answers``
    may be any JSON value: documents that are not even objects are tested too."""
    try:
        result = assess(copy.deepcopy(answers))
    except AnswersError as err:
        assert err.problems, "AnswersError raised without problems"
        return list(err.problems)
    raise AssertionError(f"expected AnswersError, got result {result!r}")


def error_paths(answers: Any) -> set[str]:
    return {p.path for p in problems(answers)}


def flags(result: Result) -> set[str]:
    return set(result["flags"])


def obligations(result: Result) -> dict[str, Any]:
    """{id: due} of the result's obligations; asserts each id appears once."""
    ids = [o["id"] for o in result["obligations"]]
    assert len(ids) == len(set(ids)), f"duplicate obligation ids: {ids}"
    return {o["id"]: o["due"] for o in result["obligations"]}


def obligation_ids(result: Result) -> set[str]:
    return set(obligations(result))


def asked(result: Result) -> set[str]:
    """The ids of the open questions a result asks."""
    return {item["id"] for item in result["open_question_items"]}
