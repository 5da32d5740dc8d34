"""Re-assessment: a signed record's answers under another rule set, and what changes —
classification, provider, obligations added and removed, due dates, the notification date.
A new status or new wording alone is not a change. ``manage.py reassess`` prints the same
diff for a whole organisation, as a table or JSON."""

from __future__ import annotations

import copy
import json
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from questionnaire.records.reassess import ANSWERS_KEYS_2026, new_answer_keys, reassess
from questionnaire.scoring import AnswersError, assess, load, parse_answers
from questionnaire.scoring.answers import Answers
from tests.records.conftest import make_record, payload_of
from tests.samples import SYSTEMIC_ANSWERS

OLD = "eu-aia-gpai-2025.1"
NEW = "eu-aia-gpai-2026.1"
TODAY = date(2026, 12, 1)


def payload_for(answers: dict[str, Any], ruleset: str, *, sequence: int = 1) -> dict[str, Any]:
    return {
        "record_id": f"00000000-0000-4000-8000-{sequence:012d}",
        "sequence": sequence,
        "model_name": answers.get("model_name"),
        "ruleset": ruleset,
        "answers": answers,
        "result": dict(assess(answers, ruleset)),
    }


def late_notifier(ruleset: str = OLD) -> dict[str, Any]:
    """The issue's case: signed under 2025.1, above 10^25, no date of knowledge."""
    answers = {**copy.deepcopy(SYSTEMIC_ANSWERS), "ruleset": ruleset}
    del answers["threshold_known_on"]
    return payload_for(answers, ruleset)


# ------------------------------------------------------------------ the diff


def test_a_2025_record_above_1e25_without_a_notification_date_shows_the_latest_date_overdue():
    diff = reassess(late_notifier(), NEW, today=TODAY)

    assert diff.changed
    assert diff.problems == ()
    assert diff.assessed_on == "2026-12-01"
    assert diff.changes.notification_due == (None, "2026-03-15")
    assert diff.notification_after is not None
    assert diff.notification_after["status"] == "overdue"
    assert diff.changes.due[0].id == "art52_notify"
    assert diff.changes.classification is None
    assert diff.changes.provider is None
    assert diff.changes.added == diff.changes.removed == ()
    assert diff.signed_ruleset == OLD
    assert diff.signed_sha256 == load(OLD).sha256
    assert diff.target_sha256 == load(NEW).sha256
    assert diff.new_questions == ANSWERS_KEYS_2026
    document = diff.as_document()
    assert document["notification_due"] == {
        "before": None,
        "after": "2026-03-15",
        "status": "overdue",
    }
    assert document["changed"] is True
    json.dumps(document)  # JSON as it stands


def test_a_status_only_change_is_not_a_change():
    answers = {
        **copy.deepcopy(SYSTEMIC_ANSWERS),
        "threshold_known_on": "2026-11-18",
        "assessed_on": "2026-11-20",
    }
    payload = payload_for(answers, NEW)
    signed = {o["id"]: o["status"] for o in payload["result"]["obligations"]}
    assert signed["art52_notify"] == "upcoming"

    diff = reassess(payload, NEW, today=date(2027, 1, 10))

    assert diff.after is not None
    after = {o["id"]: o["status"] for o in diff.after["obligations"]}
    assert after["art52_notify"] == "overdue"  # the status moved with the day …
    assert not diff.changed  # … and that alone is no change
    assert not diff.changes
    assert diff.new_questions == ()


def test_new_wording_alone_is_not_a_change():
    payload = late_notifier(NEW)
    for obligation in payload["result"]["obligations"]:
        obligation["title"] = "Words of another day"
    payload["result"]["reasons"] = [{"text": "Older reasons", "cite": "Art. 51"}]

    assert not reassess(payload, NEW, today=TODAY).changed


def test_obligations_added_and_removed_and_classification_changes_are_listed():
    answers = {**copy.deepcopy(SYSTEMIC_ANSWERS), "compute": {"method": "direct", "flop": "5e24"}}
    payload = payload_for(answers, OLD)
    payload["result"]["classification"] = "gpai_systemic_risk"
    payload["result"]["provider"] = False
    payload["result"]["obligations"].append({"id": "art55_1a", "article": "Art. 55(1)(a)"})

    diff = reassess(payload, NEW, today=TODAY)

    assert diff.changes.classification == ("gpai_systemic_risk", "gpai")
    assert diff.changes.provider == (False, True)
    assert [o["id"] for o in diff.changes.removed] == ["art55_1a"]
    assert diff.changes.added == ()


def test_answers_that_the_new_rule_set_refuses_are_a_change_with_the_problems_named():
    answers = {
        **copy.deepcopy(SYSTEMIC_ANSWERS),
        "placement": "planned",
        "placed_on": "2025-06-01",
        "ruleset": OLD,
    }
    diff = reassess(payload_for(answers, OLD), NEW, today=TODAY)

    assert diff.changed
    assert diff.after is None
    assert any(problem.startswith("placed_on:") for problem in diff.problems)


def test_a_damaged_payload_is_reported_not_raised():
    diff = reassess({"record_id": "x", "model_name": "Broken"}, NEW, today=TODAY)

    assert diff.changed
    assert diff.problems == ("the signed payload holds no answers and result to re-assess",)


def test_an_unknown_target_rule_set_is_a_key_error():
    with pytest.raises(KeyError):
        reassess(late_notifier(), "eu-aia-gpai-1999.1", today=TODAY)


@pytest.mark.parametrize("key", ANSWERS_KEYS_2026)
def test_the_questions_new_in_2026_are_read_by_2026_and_ignored_by_2025(key):
    values = {
        "designated_on": "2026-01-10",
        "notified_on": "2026-01-10",
        "high_impact_known_on": "2026-01-10",
        "inherited_flop": "1e24",
        "business_users_scope": "group_only",
        "own_ai_system": True,
    }
    answers = {**copy.deepcopy(SYSTEMIC_ANSWERS), key: values[key], "assessed_on": "2026-11-20"}
    default = Answers(role="developer", placement="placed")
    try:
        new = parse_answers(answers, load(NEW))
    except AnswersError as error:  # read, and checked
        pytest.fail(str(error))
    old = parse_answers(answers, load(OLD))

    assert getattr(new, key) != getattr(default, key)
    assert getattr(old, key) == getattr(default, key)
    assert new_answer_keys(OLD, NEW) == ANSWERS_KEYS_2026
    assert new_answer_keys(NEW, NEW) == new_answer_keys(OLD, OLD) == ()


# ------------------------------------------------------------------ manage.py reassess


def reassess_command(*args: str) -> str:
    out = StringIO()
    call_command("reassess", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.usefixtures("signing_setup")
def test_the_command_prints_the_organisation_diff_as_a_table_and_as_json(
    acme, owner, other, outsider
):
    late = make_record(acme, owner, ruleset=OLD, threshold_known_on=None, model_name="Late-70B")
    same = make_record(acme, owner, model_name="Current-70B")
    old_version = make_record(acme, owner, ruleset=OLD, model_name="Superseded-70B")
    make_record(acme, owner, supersedes=old_version, model_name="Superseding-70B")
    make_record(other, outsider, ruleset=OLD, threshold_known_on=None, model_name="Theirs")

    table = reassess_command("--org", "acme", "--ruleset", NEW)
    document = json.loads(reassess_command("--org", "acme", "--ruleset", NEW, "--json"))

    lines = {
        line.split()[1]: line
        for line in table.splitlines()
        if line[:1].isdigit() and "current records" not in line
    }
    assert set(lines) == {"Late-70B", "Current-70B", "Superseding-70B"}
    assert "2026-03-15" in lines["Late-70B"]
    assert "(overdue)" in lines["Late-70B"]
    assert OLD in lines["Late-70B"]
    assert "3 current records of acme; 1 change under" in table
    assert document["organisation"] == "acme"
    assert document["ruleset"] == NEW
    assert document["changed"] == 1
    by_id = {diff["record_id"]: diff for diff in document["diffs"]}
    assert set(by_id) == {
        str(late.public_id),
        str(same.public_id),
        payload_of(old_version.superseded_by)["record_id"],
    }
    assert by_id[str(late.public_id)]["notification_due"]["after"] == "2026-03-15"
    assert by_id[str(late.public_id)]["notification_due"]["status"] == "overdue"
    assert by_id[str(same.public_id)]["changed"] is False


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_organisation_or_rule_set(acme):
    with pytest.raises(CommandError, match="slug"):
        reassess_command("--org", "nowhere")
    with pytest.raises(CommandError, match="rule set"):
        reassess_command("--org", "acme", "--ruleset", "eu-aia-gpai-1999.1")
