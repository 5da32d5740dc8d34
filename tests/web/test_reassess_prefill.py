"""A signed record's answers open as a draft: the step data the wizard would have stored
(the inverse of ``build_answers``), with only the questions new to the rule set left to
answer. What the questionnaire cannot hold is refused, naming the answer: never truncated."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from django.utils.datastructures import MultiValueDict

from questionnaire.records.reassess import ANSWERS_KEYS_2026
from questionnaire.records.reproduce import decision_changes
from questionnaire.scoring import assess
from questionnaire.wizard.answers import build_answers
from questionnaire.wizard.forms import PERIOD_ROWS, STEP_FORMS, AttestForm
from questionnaire.wizard.prefill import FILLED_FIELDS, PrefillRefused, step_data_for
from questionnaire.wizard.steps import Scope
from tests.samples import CONTRACT_EXAMPLE, HARDWARE_ANSWERS, SYSTEMIC_ANSWERS

DAY = date(2026, 11, 20)
NEW = "eu-aia-gpai-2026.1"


def variant(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    answers = copy.deepcopy(base)
    answers.update(changes)
    return answers


PERIOD = {"chips": "1024", "hours": "500", "utilisation": "0.4", "accelerator": "h100"}

SAMPLES: dict[str, dict[str, Any]] = {
    "systemic, hardware periods": SYSTEMIC_ANSWERS,
    "single period with an architecture cross-check": HARDWARE_ANSWERS,
    "architecture, open source": CONTRACT_EXAMPLE,
    "no date of knowledge": variant(SYSTEMIC_ANSWERS, threshold_known_on=None),
    "four periods, one with its own peak": variant(
        SYSTEMIC_ANSWERS,
        compute={
            "method": "hardware",
            "periods": [
                PERIOD,
                {**PERIOD, "accelerator": "H100"},
                {"chips": "64", "hours": "10", "utilisation": "0.5", "peak_flops": "2e15"},
                {**PERIOD, "peak_flops": "1e15"},
            ],
        },
    ),
    "mixture of experts": variant(
        CONTRACT_EXAMPLE,
        compute={
            "method": "architecture",
            "parameters": "37B",
            "tokens": "14.8T",
            "mixture_of_experts": True,
        },
        parameters="671B",
        training_tokens="14.8T",
        open_source=None,
    ),
    "direct, designated, every 2026 answer": variant(
        SYSTEMIC_ANSWERS,
        compute={"method": "direct", "flop": "3e24", "check": PERIOD | {"method": "hardware"}},
        commission_designated=True,
        designated_on="2026-02-01",
        high_impact_capabilities="yes",
        high_impact_known_on="2026-01-15",
        notified_on="2026-02-10",
        own_ai_system=True,
        inherited_flop="1e23",
        parameters="70B",
        training_tokens="15T",
        eu_business_users="12,000",
    ),
    "modifier with earlier modifications": variant(
        SYSTEMIC_ANSWERS,
        role="modifier",
        compute={"method": "direct", "flop": "4e24"},
        modification={
            "original_name": "Base-70B",
            "original_flop": "1e25",
            "original_systemic_risk": False,
            "earlier_modifications_flop": ["1e23", "2e23", "3e23"],
        },
    ),
    "modifier, original unknown": variant(
        SYSTEMIC_ANSWERS,
        role="modifier",
        compute={"method": "direct", "flop": "4e24"},
        modification={"original_flop": None, "original_systemic_risk": True},
    ),
    "integrator whose upstream excluded the EU": variant(
        SYSTEMIC_ANSWERS, role="integrator", upstream_excluded_eu=True
    ),
    "integrator": {
        "schema": 1,
        "model_name": "Wrapped",
        "role": "integrator",
        "placement": "placed",
        "placed_on": "2026-03-01",
        "established_in_eu": True,
    },
    "internal use reaching business users": variant(
        SYSTEMIC_ANSWERS,
        placement="internal_only",
        placed_on=None,
        eu_business_users="12000",
        business_users_scope="third_parties",
    ),
    "planned": variant(SYSTEMIC_ANSWERS, placement="planned", placed_on="2027-01-01"),
}


def read_back(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers the wizard builds from the pre-filled steps, as finishing would."""
    prefill = step_data_for(answers)
    scope = Scope(
        role=answers["role"],
        placement=answers["placement"],
        upstream_excluded_eu=bool(answers.get("upstream_excluded_eu")),
    )
    cleaned = {}
    for step, form_class in STEP_FORMS:
        if step not in prefill.steps or step == "review":
            continue
        form = form_class(data=MultiValueDict(prefill.steps[step]), prefix=step, scope=scope)
        assert form.is_valid(), (step, form.errors)
        cleaned[step] = form.cleaned_data
    return build_answers(cleaned, assessed_on=DAY)


@pytest.mark.django_db
@pytest.mark.parametrize("name", SAMPLES)
def test_the_prefilled_steps_give_back_answers_with_the_same_result(name):
    answers = {**SAMPLES[name], "assessed_on": DAY.isoformat()}

    again = read_back(answers)

    signed, rebuilt = assess(answers, NEW), assess(again, NEW)
    assert not decision_changes(signed, rebuilt), decision_changes(signed, rebuilt).sentences()
    for key in ("training_flop", "cumulative_flop", "flags", "open_question_items"):
        assert rebuilt.get(key) == signed.get(key), key
    # The figures as read are the same; as typed, the wizard writes them in full (7000000000
    # for 7B), as it does for every answer it stores.
    assert without_entered(rebuilt["figures"]) == without_entered(signed["figures"])


def without_entered(figures: Any) -> dict[str, Any] | None:
    if figures is None:
        return None
    compute = {
        key: value for key, value in (figures.get("compute") or {}).items() if key != "entered"
    }
    return {**figures, "compute": compute}


@pytest.mark.django_db
def test_only_the_questions_new_to_the_rule_set_stay_unanswered_and_the_draft_starts_at_the_first():
    developer = step_data_for(SYSTEMIC_ANSWERS, new_keys=ANSWERS_KEYS_2026)
    modifier = step_data_for(
        SAMPLES["modifier with earlier modifications"], new_keys=ANSWERS_KEYS_2026
    )
    internal = SAMPLES["internal use reaching business users"]
    scoped = step_data_for(internal, new_keys=ANSWERS_KEYS_2026)
    unscoped = step_data_for(
        {key: value for key, value in internal.items() if key != "business_users_scope"},
        new_keys=ANSWERS_KEYS_2026,
    )
    complete = step_data_for(
        SAMPLES["direct, designated, every 2026 answer"], new_keys=ANSWERS_KEYS_2026
    )

    # Asked of this party; a designation date only after "designated: yes".
    assert set(developer.unanswered) == {"inherited_flop", "notified_on", "own_ai_system"}
    assert developer.first_step == "compute"
    assert "compute-inherited_flop" not in developer.steps["compute"]
    assert "inherited_flop" not in modifier.unanswered  # not asked of a modifier
    assert modifier.first_step == "reach"
    assert "business_users_scope" in unscoped.unanswered  # asked for internal use only
    assert "business_users_scope" not in developer.unanswered
    assert "business_users_scope" not in scoped.unanswered
    assert scoped.steps["reach"]["reach-business_users_scope"] == ["third_parties"]
    assert complete.unanswered == ()
    assert complete.first_step == "review"
    assert step_data_for(SYSTEMIC_ANSWERS).first_step == "review"  # nothing new
    # An answer the rule set refuses as it stands: the draft starts where it is asked.
    assert step_data_for(SYSTEMIC_ANSWERS, to_fix=["placed_on"]).first_step == "market"
    assert (
        step_data_for(SYSTEMIC_ANSWERS, new_keys=ANSWERS_KEYS_2026, to_fix=["designated_on"])
    ).first_step == "compute"


@pytest.mark.django_db
def test_the_state_resumes_at_the_first_step_and_preselects_the_record_it_supersedes():
    prefill = step_data_for(SYSTEMIC_ANSWERS, new_keys=ANSWERS_KEYS_2026)

    state = prefill.state(supersedes_pk=42)

    assert state["step"] == "compute"
    assert state["step_data"]["review"] == {"review-supersedes": ["42"]}
    assert state["step_data"]["model"] == {
        "model-model_name": ["Example-70B"],
        "model-role": ["developer"],
    }
    assert state["extra_data"] == {"reviewed": True, "submitted": {}}
    assert "review" not in prefill.steps  # the state is a copy


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "path", "words"),
    [
        (
            variant(
                SYSTEMIC_ANSWERS,
                compute={"method": "hardware", "periods": [PERIOD] * (PERIOD_ROWS + 1)},
            ),
            "compute.periods",
            f"it lists {PERIOD_ROWS + 1} training periods and the questionnaire has rows for {PERIOD_ROWS}",
        ),
        (
            variant(
                SYSTEMIC_ANSWERS,
                role="modifier",
                compute={"method": "direct", "flop": "4e24"},
                modification={
                    "original_flop": "1e25",
                    "original_systemic_risk": False,
                    "earlier_modifications_flop": ["1e23", "1e23", "1e23", "1e23"],
                },
            ),
            "modification.earlier_modifications_flop",
            "it lists 4 earlier modifications and the questionnaire has 3 fields for them",
        ),
        (
            variant(CONTRACT_EXAMPLE, parameters="8B"),
            "parameters",
            "the questionnaire has one field for both",
        ),
        (
            variant(
                SYSTEMIC_ANSWERS,
                compute={
                    "method": "direct",
                    "flop": "3e24",
                    "check": {"method": "direct", "flop": "2e24"},
                },
            ),
            "compute.check",
            "same method",
        ),
        (
            variant(SAMPLES["integrator"], compute={"method": "direct", "flop": "3e24"}),
            "compute",
            "do not hold it",
        ),
    ],
)
def test_answers_the_questionnaire_cannot_hold_are_refused_naming_the_answer(answers, path, words):
    with pytest.raises(PrefillRefused) as refused:
        step_data_for(answers)

    assert refused.value.path == path
    assert words in str(refused.value)
    assert str(refused.value).startswith(f"the questionnaire cannot hold the answer {path}: ")


def test_every_field_of_every_step_is_filled():
    """A question added to a step form must be added to the pre-fill too."""
    for step, form_class in STEP_FORMS:
        if step == "review":
            assert set(FILLED_FIELDS[step]) <= set(AttestForm.base_fields)
            continue
        assert set(form_class.base_fields) == set(FILLED_FIELDS[step]), step
    assert set(FILLED_FIELDS) == {step for step, _ in STEP_FORMS}
