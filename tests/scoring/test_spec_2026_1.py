"""Rule set eu-aia-gpai-2026.1: one test per point of rules §10, named after it.

Each decision point is checked both ways: the same answers under 2026.1 give the new
decision, and under 2025.1 still the old one, since a stored record must re-run under the
rule set it names and give what it gave.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

from questionnaire.scoring import AnswersError, assess, load
from questionnaire.scoring.rulesets import decision_sha256
from tests.scoring.answers_factory import (
    ALL_53,
    ALL_55,
    architecture,
    asked,
    developer,
    direct,
    error_paths,
    flags,
    modifier,
    obligations,
    open_source,
)
from tests.scoring.strategies import answers

NEW, OLD = "eu-aia-gpai-2026.1", "eu-aia-gpai-2025.1"
TODAY = "2026-11-29"


def run(document: dict[str, Any], ruleset: str = NEW) -> dict[str, Any]:
    document = copy.deepcopy(document)
    if ruleset == NEW:
        document.setdefault("assessed_on", TODAY)
    return dict(assess(document, ruleset))


def statuses(result: dict[str, Any]) -> dict[str, str]:
    return {o["id"]: o["status"] for o in result["obligations"]}


def note_ids(result: dict[str, Any]) -> list[str]:
    return [note["id"] for note in result["notes"]]


def reason_ids(result: dict[str, Any]) -> list[str]:
    return [reason["id"] for reason in result["reasons"]]


def new_errors(document: dict[str, Any]) -> set[str]:
    with pytest.raises(AnswersError) as error:
        assess({"assessed_on": TODAY, **document}, NEW)
    return {problem.path for problem in error.value.problems}


# --- 10.1 high-impact capabilities: notification recommended ------------------------------


def test_10_1_high_impact_capabilities_recommend_the_notification():
    doc = developer(high_impact_capabilities="yes", high_impact_known_on="2026-01-10")
    new = run(doc)
    assert new["classification"] == "gpai_systemic_risk"
    assert statuses(new)["art52_notify"] == "recommended"
    assert obligations(new)["art52_notify"] == "2026-01-24"
    assert "notification_recommended" in flags(new)
    assert "systemic.high_impact_recommended" in reason_ids(new)
    assert "note.fines_overdue" not in note_ids(new)  # recommended is never overdue

    old = run(doc, OLD)
    assert old["classification"] == "gpai_systemic_risk"
    assert "art52_notify" not in obligations(old)


def test_10_1_compute_above_the_threshold_makes_it_required_from_the_earliest_trigger():
    doc = developer(
        high_impact_capabilities="yes",
        high_impact_known_on="2026-01-10",
        compute=direct("3e25"),
        threshold_known_on="2026-02-01",
    )
    new = run(doc)
    assert obligations(new)["art52_notify"] == "2026-01-24"
    assert statuses(new)["art52_notify"] == "overdue"
    assert "notification_recommended" not in flags(new)
    assert obligations(run(doc, OLD))["art52_notify"] == "2026-02-15"


# --- 10.2 planned and placed dates ------------------------------------------------------------


def test_10_2_a_planned_model_cannot_have_been_placed_before_the_obligations_applied():
    doc = developer(placement="planned", placed_on="2025-03-01")
    assert new_errors(doc) == {"placed_on"}
    old = run(doc, OLD)
    assert "legacy_model" in flags(old)
    assert obligations(old) == dict.fromkeys(ALL_53 | {"art54_rep"} - {"art54_rep"}, "2027-08-02")


def test_10_2_a_placed_model_cannot_be_placed_after_the_assessment_date():
    doc = developer(placed_on="2027-01-01")
    assert new_errors(doc) == {"placed_on"}
    assert run(doc, OLD)["classification"] == "gpai"


def test_10_2_a_planned_date_already_passed_is_flagged_and_duties_stay_upcoming():
    doc = developer(placement="planned", placed_on="2026-06-01")
    new = run(doc)
    assert "planned_date_passed" in flags(new)
    assert "question.planned_passed" in asked(new)
    assert set(statuses(new).values()) == {"upcoming"}
    assert "planned_date_passed" not in flags(run(doc, OLD))


# --- 10.3 when duties start for a planned model ----------------------------------------------


def test_10_3_a_planned_model_is_never_told_its_obligations_already_apply():
    doc = developer(placement="planned", placed_on="2027-03-01", compute=direct("3e25"))
    for ruleset in (NEW, OLD):
        texts = " ".join(reason["text"] for reason in run(doc, ruleset)["reasons"])
        assert "already apply" not in texts
        assert "fall due when it is placed" in texts
    new = run(doc)
    assert "dates.art55_planned" in reason_ids(new)
    assert obligations(new)["art55_1a"] == "2027-03-01"
    assert statuses(new)["art53_1a"] == "upcoming"


# --- 10.4 designation -------------------------------------------------------------------------


def test_10_4_duties_of_a_designation_alone_run_from_the_designation():
    doc = developer(commission_designated=True, designated_on="2026-05-01")
    new = run(doc)
    due = obligations(new)
    assert {due[key] for key in ALL_55} == {"2026-05-01"}
    assert {due[key] for key in ALL_53} == {"2026-03-01"}
    request = next(n for n in new["notes"] if n["id"] == "note.reassessment_request")
    assert request["params"]["earliest"] == "2026-11-01"
    assert {obligations(run(doc, OLD))[key] for key in ALL_55} == {"2026-03-01"}


def test_10_4_without_the_designation_date_the_placing_date_stays_with_a_question():
    new = run(developer(commission_designated=True))
    assert {obligations(new)[key] for key in ALL_55} == {"2026-03-01"}
    assert "question.designation_date_unknown" in asked(new)


def test_10_4_another_basis_sets_the_dates_and_keeps_the_notification():
    doc = developer(
        commission_designated=True,
        designated_on="2026-05-01",
        compute=direct("3e25"),
        threshold_known_on="2026-01-10",
    )
    due = obligations(run(doc))
    assert due["art55_1a"] == "2026-03-01"
    assert due["art52_notify"] == "2026-01-24"


def test_10_4_a_designation_before_the_obligations_applied_is_an_input_error():
    assert new_errors(developer(commission_designated=True, designated_on="2025-01-01")) == {
        "designated_on"
    }


def test_10_4_a_designated_modified_model_makes_the_modifier_its_provider():
    doc = modifier("1e22", "3e24", False, commission_designated=True)
    new = run(doc)
    assert new["provider"] is True
    assert new["classification"] == "gpai_systemic_risk"
    assert "question.modifier_designated" in asked(new)
    assert run(doc, OLD)["provider"] is False


# --- 10.5 lower bounds ------------------------------------------------------------------------


def test_10_5_an_unknown_original_makes_the_cumulative_compute_a_lower_bound():
    doc = modifier("2e24", None, False)
    new = run(doc)
    assert {"compute_lower_bound", "designation_risk"} <= flags(new)
    assert "question.lower_bound" in asked(new)
    assert "at least" in next(
        r["text"] for r in new["reasons"] if r["id"] == "modifier.lower_bound"
    )
    old = run(doc, OLD)
    assert "compute_lower_bound" not in flags(old)
    assert "designation_risk" not in flags(old)


def test_10_5_a_lower_bound_above_the_threshold_triggers_the_presumption():
    new = run(modifier("2e25", None, False, threshold_known_on="2026-01-10"))
    assert new["classification"] == "gpai_systemic_risk"
    assert "modifier.lower_bound_above" in reason_ids(new)


# --- 10.6 inherited weights -------------------------------------------------------------------


def test_10_6_inherited_weights_count_towards_cumulative_compute_only():
    doc = developer(compute=direct("9e24"), inherited_flop="2e24", threshold_known_on="2026-01-10")
    new = run(doc)
    assert new["training_flop"] == "9.0e24"
    assert new["cumulative_flop"] == "1.1e25"
    assert new["classification"] == "gpai_systemic_risk"
    assert "question.inherited" in asked(new)
    old = run(doc, OLD)
    assert old["classification"] == "gpai"
    assert old["cumulative_flop"] == "9.0e24"


# --- 10.7 assessment date, statuses, overdue --------------------------------------------------


def test_10_7_a_past_notification_date_is_overdue_with_the_fines_text():
    doc = developer(compute=direct("3e25"), threshold_known_on="2026-01-10")
    new = run(doc)
    assert statuses(new) == {
        **dict.fromkeys(ALL_53 | ALL_55, "applies"),
        "art52_notify": "overdue",
    }
    fines = next(note for note in new["notes"] if note["id"] == "note.fines_overdue")
    assert "intentionally or negligently" in fines["text"]
    assert "(Art. 99(6)) do not apply to Art. 101" in fines["text"]
    assert new["assessed_on"] == TODAY
    old = run(doc, OLD)
    assert all("status" not in obligation for obligation in old["obligations"])


def test_10_7_a_notification_given_is_done_and_a_late_one_says_so():
    base = developer(compute=direct("3e25"), threshold_known_on="2026-01-10")
    on_time = run({**base, "notified_on": "2026-01-20"})
    assert statuses(on_time)["art52_notify"] == "done"
    late = run({**base, "notified_on": "2026-02-01"})
    assert statuses(late)["art52_notify"] == "done"
    assert "notification.notified_late" in reason_ids(late)
    assert new_errors({**base, "notified_on": "2026-12-01"}) == {"notified_on"}


def test_10_7_a_placed_model_without_the_date_of_knowledge_gets_the_latest_date():
    doc = developer(compute=direct("3e25"))
    new = run(doc)
    assert new["notification_due"] == "2026-03-15"
    assert "notification_date_unknown" in flags(new)
    assert statuses(new)["art52_notify"] == "overdue"
    assert run(doc, OLD)["notification_due"] is None


def test_10_7_a_legacy_model_s_notification_applies_and_is_never_overdue():
    doc = developer(placed_on="2024-06-01", compute=direct("3e25"), threshold_known_on="2024-01-15")
    new = run(doc)
    assert statuses(new)["art52_notify"] == "applies"
    assert "question.legacy_notification" in asked(new)


def test_10_7_later_due_dates_are_upcoming():
    new = run(developer(placement="planned", placed_on="2027-03-01"))
    assert set(statuses(new).values()) == {"upcoming"}
    soon = run(developer(placed_on="2026-03-01"), NEW)
    assert set(statuses(soon).values()) == {"applies"}


# --- 10.8 internal use that reaches business users -------------------------------------------


def test_10_8_internal_use_supplied_to_third_party_business_users_is_placing():
    doc = developer(
        placement="internal_only", eu_business_users="50", business_users_scope="third_parties"
    )
    new = run(doc)
    assert new["classification"] == "gpai"
    assert new["provider"] is True
    assert "scope.internal_supplied" in reason_ids(new)
    assert run(doc, OLD)["classification"] == "out_of_scope"


def test_10_8_an_unknown_scope_is_read_as_third_parties_with_a_question():
    new = run(developer(placement="internal_only", eu_business_users="50"))
    assert new["provider"] is True
    assert "question.business_users_scope_unknown" in asked(new)


def test_10_8_users_within_the_group_stay_internal_with_a_question():
    new = run(
        developer(
            placement="internal_only", eu_business_users="50", business_users_scope="group_only"
        )
    )
    assert new["classification"] == "out_of_scope"
    assert "question.group_users" in asked(new)


def test_10_8_systemic_risk_used_internally_asks_which_obligations_are_relevant():
    doc = developer(
        placement="internal_only", compute=direct("3e25"), threshold_known_on="2026-01-10"
    )
    assert "question.internal_relevant_obligations" in asked(run(doc))


# --- 10.9 mixture of experts ------------------------------------------------------------------


def test_10_9_the_total_parameters_are_an_upper_bound_not_a_cross_check():
    doc = developer(
        compute=architecture("40B", "10T", True), parameters="400B", training_tokens="10T"
    )
    new = run(doc)
    assert "methods_disagree" not in flags(new)
    question = next(
        q for q in new["open_question_items"] if q["id"] == "question.moe_upper_bound_systemic"
    )
    assert Decimal(question["params"]["upper"]) == Decimal("2.4e25")
    assert not {q for q in asked(run(doc, OLD)) if q.startswith("question.moe")}


def test_10_9_without_the_total_parameters_the_question_asks_for_them():
    new = run(developer(compute=architecture("40B", "10T", True)))
    assert "question.moe_total_unknown" in asked(new)


# --- 10.10 codes of practice ------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", [NEW, OLD])
def test_10_10_the_code_of_practice_note_names_the_chapters_that_concern_the_model(ruleset):
    def chapters(document: dict[str, Any]) -> list[str]:
        result = run(document, ruleset)
        note = next(n for n in result["notes"] if n["id"] == "note.code_of_practice")
        assert "no presumption of conformity" in note["text"]
        assert "Regulation (EU) 2026/1744" in note["text"]
        return list(note["params"]["chapters"])

    assert chapters(developer(open_source=open_source())) == ["Copyright"]
    assert chapters(developer()) == ["Transparency", "Copyright"]
    assert chapters(developer(compute=direct("3e25"), threshold_known_on="2026-01-10")) == [
        "Transparency",
        "Copyright",
        "Safety and Security",
    ]


# --- 10.11 wording ----------------------------------------------------------------------------


def test_10_11_a_modifier_above_one_third_is_considered_to_become_the_provider():
    text = " ".join(r["text"] for r in run(modifier("2e24", "3e24", False))["reasons"])
    assert "is considered, on the Guidelines' indicative criterion, to become the provider" in text
    systemic = " ".join(r["text"] for r in run(modifier("2e25", "3e25", True))["reasons"])
    assert "presumed to become the provider" in systemic


def test_10_11_below_one_third_the_original_provider_keeps_the_obligations():
    text = " ".join(r["text"] for r in run(modifier("1e22", "3e24", False))["reasons"])
    assert (
        "The modifier is not the provider of the modified model; the original model's provider "
        "keeps the Art. 53/54 obligations (and Art. 52/55 if it has systemic risk)."
    ) in text


def test_10_11_reach_is_worded_as_the_annex_words_it():
    text = " ".join(r["text"] for r in run(developer(eu_business_users="12000"))["reasons"])
    assert "made available to 12,000 registered business users established in the Union" in text


def test_10_11_monetisation_cites_recital_103_in_its_own_words():
    questions = " ".join(run(developer(open_source=open_source()))["open_questions"])
    assert (
        "the use of personal data for reasons other than exclusively for improving the "
        "security, compatibility or interoperability of the software"
    ) in questions


@given(answers())
def test_10_11_results_speak_of_the_provider_never_of_you(document):
    result = assess(document)
    texts = [item["text"] for item in (*result["reasons"], *result["notes"])]
    texts += result["open_questions"]
    for text in texts:
        words = {word.strip(".,;:()'\u201c\u201d?").lower() for word in text.split()}
        assert not words & {"you", "your", "yours"}, text


# --- 10.12 notes for providers of AI systems --------------------------------------------------


def test_10_12_a_provider_of_an_ai_system_is_told_about_article_50_and_the_ai_office():
    new = run(developer(own_ai_system=True))
    transparency = next(n for n in new["notes"] if n["id"] == "note.ai_system_transparency")
    assert transparency["params"] == {
        "transparency_from": "2026-08-02",
        "marking_by": "2026-12-02",
    }
    assert "note.ai_office_competence" in note_ids(new)
    integrator = run({"schema": 1, "role": "integrator", "placement": "placed"})
    assert "note.ai_system_transparency" in note_ids(integrator)
    assert "note.ai_system_transparency" not in note_ids(run(developer(own_ai_system=True), OLD))


# --- rule-set identity ------------------------------------------------------------------------

RELEASED = {
    "eu-aia-gpai-2025.1": "a5fab65aa0d0d6a6cf7021b553c0ebbd408bf0a36efebba2d21accfdadd47686",
    "eu-aia-gpai-2026.1": "7edf2bfb5a29bcc11cb06e56f25c9b58ee7c87702da49a33de569358fb794cdd",
}


@pytest.mark.parametrize("ruleset_id", sorted(RELEASED))
def test_released_rule_sets_keep_their_decision_hash(ruleset_id):
    assert load(ruleset_id).sha256 == RELEASED[ruleset_id], (
        f"{ruleset_id} decides differently from its release: make the change a new rule set"
    )
    assert run(developer(), ruleset_id)["ruleset_sha256"] == RELEASED[ruleset_id]


def test_the_hash_covers_decisions_not_texts():
    from questionnaire.scoring.rulesets import _FOLDER

    data = json.loads((_FOLDER / f"{NEW}.json").read_text("utf-8"))
    reworded = {**data, "title": "x", "changelog": [], "citations": {}, "verified_on": "2030-01-01"}
    reworded["obligations"] = {
        key: {**rule, "title": "reworded"} for key, rule in data["obligations"].items()
    }
    assert decision_sha256(reworded) == decision_sha256(data)
    moved = {**data, "thresholds": {**data["thresholds"], "systemic_risk_cumulative_flop": "2e25"}}
    assert decision_sha256(moved) != decision_sha256(data)


def test_the_answers_may_name_their_rule_set():
    assert run({**developer(), "ruleset": OLD}, OLD)["ruleset"] == OLD
    assert assess({**developer(), "ruleset": OLD})["ruleset"] == OLD
    assert error_paths({**developer(), "ruleset": "eu-aia-gpai-1999.1"}) == {"ruleset"}
