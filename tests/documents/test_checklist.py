"""The documentation checklist (questionnaire.checklist, issue 12): which items each kind of
result calls for, with their sources, recipients and retention, read from the stored result
and the answers alone."""

from __future__ import annotations

import copy
from typing import Any

from questionnaire.checklist import (
    AI_OFFICE,
    AUTHORITIES,
    DOWNSTREAM,
    PUBLIC,
    Checklist,
    checklist_for,
)
from questionnaire.scoring import assess
from tests.samples import CONTRACT_EXAMPLE, HARDWARE_ANSWERS, SYSTEMIC_ANSWERS

ANNEX_XI_1 = {
    "annex_xi_1_1_tasks",
    "annex_xi_1_1_acceptable_use",
    "annex_xi_1_1_release",
    "annex_xi_1_1_architecture",
    "annex_xi_1_1_modalities",
    "annex_xi_1_1_licence",
    "annex_xi_1_2_integration",
    "annex_xi_1_2_design",
    "annex_xi_1_2_data",
    "annex_xi_1_2_compute",
    "annex_xi_1_2_energy",
}
ANNEX_XI_2 = {
    "annex_xi_2_1_evaluation",
    "annex_xi_2_2_adversarial_testing",
    "annex_xi_2_2_adaptations",
    "annex_xi_2_3_system_architecture",
}
ART55 = {
    "art55_1a_evaluation",
    "art55_1b_systemic_risks",
    "art55_1c_incidents",
    "art55_1d_cybersecurity",
}


def answers_with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    answers = copy.deepcopy(base)
    answers.update(changes)
    return answers


def checklist_of(answers: dict[str, Any]) -> Checklist:
    return checklist_for(assess(answers), answers)


def group_ids(checklist: Checklist) -> list[str]:
    return [group.id for group in checklist.groups]


def group(checklist: Checklist, group_id: str):
    return next(found for found in checklist.groups if found.id == group_id)


def ids_of(checklist: Checklist, group_id: str) -> set[str]:
    return {item.id for item in group(checklist, group_id).items}


# ------------------------------------------------------------------ per classification


def test_a_general_purpose_model_gets_annex_xi_section_1_and_annex_xii_items():
    checklist = checklist_of(answers_with(HARDWARE_ANSWERS, established_in_eu=True))
    assert group_ids(checklist) == ["annex_xi_1", "annex_xii", "copyright", "training_summary"]
    assert ids_of(checklist, "annex_xi_1") == ANNEX_XI_1
    assert len(ids_of(checklist, "annex_xii")) == 11
    architecture = checklist.item("annex_xi_1_1_architecture")
    assert architecture is not None
    assert architecture.title == "Architecture and number of parameters"
    assert architecture.source == "Annex XI, Section 1, point 1(d)"
    assert architecture.recipients == (AI_OFFICE, AUTHORITIES)
    assert "10 years after the model is placed on the market" in architecture.retention
    assert "Art. 53(1)(a)" in architecture.retention
    energy = checklist.item("annex_xi_1_2_energy")
    assert energy is not None and energy.source == "Annex XI, Section 1, point 2(e)"
    downstream = checklist.item("annex_xii_2_input_output_size")
    assert downstream is not None
    assert downstream.recipients == (DOWNSTREAM,)
    assert "context window" in downstream.description
    # No systemic-risk items, no representative inside the Union.
    assert not checklist.item_ids & (ANNEX_XI_2 | ART55 | {"art54_mandate", "art52_notification"})


def test_the_copyright_policy_and_training_summary_name_their_recipients():
    checklist = checklist_of(answers_with(HARDWARE_ANSWERS, established_in_eu=True))
    summary = checklist.item("art53_1d_training_summary")
    assert summary is not None
    assert summary.recipients == (PUBLIC,)
    assert summary.source == "Art. 53(1)(d)"
    policy = checklist.item("art53_1c_copyright_policy")
    assert policy is not None
    assert "opt-outs" in policy.description
    # The Act names no recipient for the policy: the item says so rather than decide.
    assert "names no recipient" in policy.open_point


def test_the_retention_period_is_marked_as_an_open_point():
    checklist = checklist_of(answers_with(HARDWARE_ANSWERS, established_in_eu=True))
    notes = " ".join(group(checklist, "annex_xi_1").notes)
    assert "Open point" in notes and "names no period" in notes


def test_a_provider_outside_the_union_gets_the_representatives_mandate():
    checklist = checklist_of(HARDWARE_ANSWERS)  # established outside the EU
    assert "representative" in group_ids(checklist)
    mandate = checklist.item("art54_mandate")
    assert mandate is not None
    assert mandate.title == "Written mandate of an authorised representative"
    assert mandate.recipients == (AI_OFFICE,)
    assert "Art. 54(3)(b)" in mandate.retention and "10 years" in mandate.retention


def test_an_open_source_model_gets_no_annex_items_but_a_line_saying_why():
    checklist = checklist_of(CONTRACT_EXAMPLE)
    assert assess(CONTRACT_EXAMPLE)["classification"] == "gpai_open_source"
    assert group_ids(checklist) == ["copyright", "training_summary"]
    assert not any(item_id.startswith("annex_") for item_id in checklist.item_ids)
    assert "art54_mandate" not in checklist.item_ids
    (line,) = checklist.notes
    assert "Art. 53(2)" in line and "No Annex XI or Annex XII documentation" in line


def test_a_model_with_systemic_risk_gets_section_2_the_notification_and_art_55():
    checklist = checklist_of(SYSTEMIC_ANSWERS)
    assert group_ids(checklist) == [
        "annex_xi_1",
        "annex_xi_2",
        "annex_xii",
        "copyright",
        "training_summary",
        "notification",
        "art55",
    ]
    assert ids_of(checklist, "annex_xi_2") == ANNEX_XI_2
    assert ids_of(checklist, "art55") == ART55
    adversarial = checklist.item("annex_xi_2_2_adversarial_testing")
    assert adversarial is not None and adversarial.source == "Annex XI, Section 2, point 2"
    incidents = checklist.item("art55_1c_incidents")
    assert incidents is not None and incidents.recipients == (AI_OFFICE, AUTHORITIES)
    notification = checklist.item("art52_notification")
    assert notification is not None and notification.open_point == ""
    assert len(checklist.items) == 11 + 4 + 11 + 1 + 1 + 1 + 4
    assert checklist.notes == ()


def test_systemic_risk_keeps_the_documentation_of_an_openly_released_model():
    answers = answers_with(SYSTEMIC_ANSWERS, open_source=CONTRACT_EXAMPLE["open_source"])
    checklist = checklist_of(answers)
    assert ANNEX_XI_1 <= checklist.item_ids
    assert any(
        "does not apply to a model with systemic risk" in note
        for note in group(checklist, "annex_xi_1").notes
    )


def test_a_notification_recommended_only_says_the_law_is_unsettled():
    answers = answers_with(
        CONTRACT_EXAMPLE,
        compute={"method": "direct", "flop": "5e24"},
        high_impact_capabilities="yes",
        high_impact_known_on="2026-03-01",
        open_source=None,
        assessed_on="2026-11-28",
    )
    notification = checklist_of(answers).item("art52_notification")
    assert notification is not None
    assert "Open point" in notification.open_point and "Guidelines" in notification.open_point


def test_internal_use_with_systemic_risk_asks_which_duties_matter():
    answers = answers_with(SYSTEMIC_ANSWERS, placement="internal_only", placed_on=None)
    checklist = checklist_of(answers)
    assert any("used internally" in note for note in group(checklist, "annex_xii").notes)
    assert any("used internally" in note for note in group(checklist, "training_summary").notes)
    assert not any("used internally" in note for note in group(checklist, "annex_xi_1").notes)


# ------------------------------------------------------------------ no checklist


def test_a_model_that_is_not_general_purpose_has_an_empty_checklist_with_a_reason():
    checklist = checklist_of(answers_with(SYSTEMIC_ANSWERS, generality="narrow"))
    assert checklist.groups == () and checklist.items == ()
    assert "not a general-purpose AI model" in checklist.notes[0]
    assert any("rebuttal" in note for note in checklist.notes)


def test_out_of_scope_has_an_empty_checklist_with_a_reason():
    checklist = checklist_of(answers_with(SYSTEMIC_ANSWERS, placement="research_only"))
    assert checklist.items == ()
    assert checklist.notes == (
        "No documentation checklist: the GPAI rules of the AI Act do not apply to the "
        "organisation assessed for this model, on these answers.",
    )


def test_a_modifier_below_the_threshold_has_an_empty_checklist_with_a_reason():
    answers = answers_with(
        SYSTEMIC_ANSWERS,
        role="modifier",
        compute={"method": "direct", "flop": "1e23"},
        modification={"original_flop": "1e24", "original_systemic_risk": False},
    )
    checklist = checklist_of(answers)
    assert assess(answers)["provider"] is False
    assert checklist.items == ()
    assert "the modifier is not the provider" in checklist.notes[0]


# ------------------------------------------------------------------ modifiers


def modifier_above(*, original_systemic_risk: bool) -> dict[str, Any]:
    return answers_with(
        SYSTEMIC_ANSWERS,
        role="modifier",
        compute={"method": "direct", "flop": "5e23"},
        modification={
            "original_flop": "1e24",
            "original_systemic_risk": original_systemic_risk,
        },
    )


def test_a_modifier_above_the_threshold_documents_the_modification_only():
    answers = modifier_above(original_systemic_risk=False)
    assert assess(answers)["classification"] == "gpai"
    checklist = checklist_of(answers)
    assert ANNEX_XI_1 <= checklist.item_ids
    for group_id in ("annex_xi_1", "annex_xii"):
        assert any(
            "covers the modification only" in note for note in group(checklist, group_id).notes
        )
    for group_id in ("copyright", "training_summary"):
        assert any(
            "data of the modification only" in note for note in group(checklist, group_id).notes
        )
    summary = checklist.item("art53_1d_training_summary")
    assert summary is not None and "original model's summary" in summary.description


def test_a_developer_gets_no_modification_note():
    checklist = checklist_of(answers_with(HARDWARE_ANSWERS, established_in_eu=True))
    assert not any("modification" in note for g in checklist.groups for note in g.notes)


def test_a_modifier_of_a_systemic_risk_model_keeps_art_55_for_the_whole_model():
    checklist = checklist_of(modifier_above(original_systemic_risk=True))
    assert any(
        "Not limited to the modification" in note for note in group(checklist, "art55").notes
    )
    # Whether Section 2 is limited to the modification is not settled: said, not decided.
    assert any("not settled" in note for note in group(checklist, "annex_xi_2").notes)


# ------------------------------------------------------------------ from the documents alone


def test_the_items_come_from_the_result_documents_obligation_ids_alone():
    """A stored result is read as it is: nothing is recomputed from the answers."""
    result = {
        "classification": "gpai",
        "provider": True,
        "obligations": [{"id": "art53_1c", "article": "Art. 53(1)(c)", "due": None}],
    }
    checklist = checklist_for(result, SYSTEMIC_ANSWERS)
    assert checklist.item_ids == {"art53_1c_copyright_policy"}


def test_item_ids_are_unique_and_fit_the_progress_column():
    answers = answers_with(SYSTEMIC_ANSWERS, established_in_eu=False)
    checklist = checklist_of(answers)
    ids = [item.id for item in checklist.items]
    assert "art54_mandate" in ids
    assert len(ids) == len(set(ids))
    assert max(len(item_id) for item_id in ids) <= 60  # ChecklistProgress.item


def test_every_item_has_a_title_source_recipients_and_retention():
    checklist = checklist_of(answers_with(SYSTEMIC_ANSWERS, established_in_eu=False))
    for item in checklist.items:
        assert item.title and item.description and item.source and item.retention, item.id
        assert set(item.recipients) <= {AI_OFFICE, AUTHORITIES, DOWNSTREAM, PUBLIC}, item.id
        assert item.recipients, item.id
