"""Re-running a signed record's answers under the rule set it names gives its signed
decision: ``verify_records --reproduce`` checks it for every record, and names a record
whose signed result its answers do not give (assess-json.md, "Rule sets")."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from questionnaire.records.reproduce import decision_changes, reproduce, reproduce_all
from questionnaire.scoring import assess, load
from tests.records.conftest import (
    failing_ids,
    make_assessment,
    make_record,
    payload_of,
    verify_records,
)
from tests.samples import SYSTEMIC_ANSWERS

OLD = "eu-aia-gpai-2025.1"
NEW = "eu-aia-gpai-2026.1"


def signed_payload(ruleset: str = NEW, **overrides: Any) -> dict[str, Any]:
    """A payload as a record signs it: answers and the result they give (no database)."""
    answers = {**copy.deepcopy(SYSTEMIC_ANSWERS), "ruleset": ruleset, **overrides}
    if load(ruleset).answers_keys_2026:
        answers.setdefault("assessed_on", "2026-11-20")
    return {
        "record_id": "7b0c5a5e-0000-4000-8000-000000000001",
        "sequence": 1,
        "model_name": answers["model_name"],
        "ruleset": ruleset,
        "answers": answers,
        "result": dict(assess(answers, ruleset)),
    }


# ------------------------------------------------------------------ the function


@pytest.mark.parametrize("ruleset", [OLD, NEW])
def test_a_signed_result_is_reproduced_by_its_answers_under_its_own_rule_set(ruleset):
    assert reproduce(signed_payload(ruleset)) == []
    assert reproduce(signed_payload(ruleset, threshold_known_on=None)) == []


@pytest.mark.parametrize(
    ("doctor", "named"),
    [
        (lambda r: r.update(classification="gpai"), "classification gpai → gpai_systemic_risk"),
        (lambda r: r.update(provider=False), "provider no → yes"),
        (lambda r: r.update(notification_due="2026-12-31"), "notification due 2026-12-31"),
        (lambda r: r["obligations"].pop(), "obligations added: art55_1d"),
        (lambda r: r["obligations"][0].update(due="2027-08-02"), "art53_1a due 2027-08-02"),
        (
            lambda r: r["obligations"].append({"id": "art54_rep", "article": "Art. 54(1)"}),
            "obligations removed: art54_rep",
        ),
    ],
)
def test_a_doctored_signed_result_is_not_reproduced_and_the_reason_says_what_differs(doctor, named):
    payload = signed_payload()
    doctor(payload["result"])

    problems = reproduce(payload)

    assert len(problems) == 1
    assert named in problems[0]
    checked, failures = reproduce_all([("record-1", payload), ("record-2", signed_payload())])
    assert checked == 2
    assert [record_id for record_id, _ in failures] == ["record-1"]


def test_a_status_title_or_wording_changed_in_the_signed_result_is_not_a_decision():
    payload = signed_payload(threshold_known_on=None)
    result = payload["result"]
    for obligation in result["obligations"]:
        obligation["status"] = "upcoming"
        obligation["title"] = "Reworded"
    result["reasons"] = []
    result["notes"] = [{"id": "note.other", "text": "Other words"}]

    assert reproduce(payload) == []


def test_a_rule_set_whose_decision_data_changed_since_signing_is_named():
    payload = signed_payload()
    payload["result"]["ruleset_sha256"] = "0" * 64

    problems = reproduce(payload)

    assert problems == [
        f"rule set {NEW} no longer has the decision data it was signed under "
        f"(signed hash 000000000000…, now {load(NEW).sha256[:12]}…)"
    ]


def test_a_result_signed_before_rule_set_hashes_is_checked_on_its_decision_alone():
    payload = signed_payload(OLD)
    del payload["result"]["ruleset_sha256"]

    assert reproduce(payload) == []
    payload["result"]["classification"] = "gpai"
    assert reproduce(payload) != []


def test_answers_no_longer_valid_and_an_unknown_rule_set_are_named():
    invalid = signed_payload()
    invalid["answers"]["compute"] = {"method": "direct"}
    unknown = signed_payload()
    unknown["result"]["ruleset"] = "eu-aia-gpai-1999.1"

    assert "compute.flop" in reproduce(invalid)[0]
    assert reproduce(unknown) == [
        "its rule set 'eu-aia-gpai-1999.1' is not registered here: it cannot be re-run"
    ]
    assert reproduce_all([("damaged", None)]) == (
        1,
        [("damaged", "payload is not JSON: it cannot be re-run")],
    )


def test_decision_changes_read_an_absent_date_as_null():
    before = {"classification": "gpai", "provider": True, "obligations": [{"id": "art53_1a"}]}
    after = {
        "classification": "gpai",
        "provider": True,
        "notification_due": None,
        "obligations": [{"id": "art53_1a", "due": None, "status": "applies"}],
    }

    assert not decision_changes(before, after)


# ------------------------------------------------------------------ the command


@pytest.mark.django_db
@pytest.mark.usefixtures("signing_setup")
def test_verify_records_reproduce_passes_for_records_of_both_rule_sets(acme, owner):
    make_record(acme, owner, ruleset=OLD, threshold_known_on=None)
    make_record(acme, owner, ruleset=OLD, model_name="Old-7B")
    make_record(acme, owner, model_name="New-70B")
    make_record(acme, owner, model_name="New-70B-late", threshold_known_on=None)

    code, out, err = verify_records("--reproduce")

    assert code == 0, err
    assert "4 records checked, 4 re-run under their own rule set" in out
    assert err == ""


@pytest.mark.django_db
@pytest.mark.usefixtures("signing_setup")
def test_verify_records_reproduce_names_a_validly_signed_record_whose_result_its_answers_do_not_give(
    acme, owner
):
    # Signed as it stands, with a valid signature: the chain check cannot see it.
    honest = make_record(acme, owner, ruleset=OLD, model_name="Honest")
    assessment = make_assessment(acme, owner, ruleset=OLD, model_name="Doctored")
    assessment.result = {**assessment.result, "notification_due": "2030-01-01"}
    assessment.save()
    doctored = make_record(acme, owner, assessment=assessment)
    assert payload_of(doctored)["result"]["notification_due"] == "2030-01-01"

    assert verify_records()[0] == 0
    code, _, err = verify_records("--reproduce", "--org", "acme")

    assert code == 1
    assert failing_ids(err) == {str(doctored.public_id)}
    assert str(honest.public_id) not in err
    assert "not reproduced" in err
    assert "notification due 2030-01-01 → 2025-11-17" in err
    assert "1 failed." in err
