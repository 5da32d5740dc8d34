"""Filing ledger entries: revisions and idempotency, bad input naming the field, another
organisation's model, and the early warning and crossing with their e-mails."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.http import Http404

from questionnaire.ledger.selectors import (
    registered_model_for_organisation,
    registered_model_get,
    threshold_notices_for,
)
from questionnaire.ledger.services import (
    LedgerRefused,
    ledger_entry_put,
    model_lineage_add,
    notification_deadline,
    registered_model_create,
)
from questionnaire.models import AuditEvent, LedgerEntry, Membership, ThresholdEvent
from questionnaire.scoring import load
from tests.ledger.conftest import direct
from tests.people import make_member


def test_created_then_unchanged_then_updated(model):
    entry, outcome = ledger_entry_put(model=model, key="run-1", data=direct("1e22"), source="typed")
    assert outcome == "created"
    assert entry.flop == "1e+22" or entry.flop.lower().startswith("1")
    again, outcome = ledger_entry_put(model=model, key="run-1", data=direct("1e22"), source="typed")
    assert (again.pk, outcome) == (entry.pk, "unchanged")
    updated, outcome = ledger_entry_put(
        model=model, key="run-1", data=direct("2e22", revision=2), source="typed"
    )
    assert (updated.pk, outcome, updated.revision) == (entry.pk, "updated", 2)
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("ledger.entry_created") == 1
    assert actions.count("ledger.entry_updated") == 1


def test_a_replayed_revision_with_other_content_is_refused(model):
    ledger_entry_put(model=model, key="run-1", data=direct("1e22"), source="api")
    with pytest.raises(LedgerRefused) as refused:
        ledger_entry_put(model=model, key="run-1", data=direct("3e22"), source="api")
    assert (refused.value.status, refused.value.field) == (409, "revision")
    ledger_entry_put(model=model, key="run-1", data=direct("3e22", revision=3), source="api")
    with pytest.raises(LedgerRefused) as lower:
        ledger_entry_put(model=model, key="run-1", data=direct("3e22", revision=2), source="api")
    assert (lower.value.status, lower.value.field) == (409, "revision")
    assert LedgerEntry.objects.get().flop == LedgerEntry.objects.get().flop  # one row
    assert LedgerEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"compute": {"method": "architecture", "parameters": "-7e9", "tokens": "1e12"}},
            "compute.parameters",
        ),
        ({"compute": {"method": "direct", "flop": "0"}}, "compute.flop"),
        ({"compute": {"method": "direct", "flop": "5e33"}}, "compute.flop"),
        (
            {"compute": {"method": "architecture", "parameters": "1e16", "tokens": "1e17"}},
            "compute",
        ),
        ({"compute": {"method": "guess"}}, "compute.method"),
        (
            {
                "compute": {
                    "method": "hardware",
                    "chips": 8,
                    "hours": 10,
                    "utilisation": 2,
                    "accelerator": "h100",
                }
            },
            "compute.utilisation",
        ),
        ({"kind": "dreaming"}, "kind"),
        ({"status": "someday"}, "status"),
        ({"revision": 0}, "revision"),
        ({"started_on": "2026-13-01"}, "started_on"),
        ({"started_on": "2026-05-01", "ended_on": "2026-04-01"}, "ended_on"),
        ({"compute": None}, "compute"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(model, data, field):
    document = {**direct("1e22"), **data}
    with pytest.raises(LedgerRefused) as refused:
        ledger_entry_put(model=model, key="run-1", data=document, source="api")
    assert (refused.value.status, refused.value.field) == (400, field)
    assert LedgerEntry.objects.count() == 0


def test_a_bad_key_or_source_is_refused(model):
    with pytest.raises(LedgerRefused, match="key"):
        ledger_entry_put(model=model, key=" ", data=direct("1e22"), source="api")
    with pytest.raises(LedgerRefused, match="source"):
        ledger_entry_put(model=model, key="k", data=direct("1e22"), source="fax")


def test_another_organisations_model_is_404(model, outsider, other, owner, acme):
    with pytest.raises(Http404):
        registered_model_get(user=outsider, public_id=model.public_id)
    with pytest.raises(Http404):
        registered_model_get(user=owner, public_id="not-a-uuid")
    assert registered_model_for_organisation(organisation=other, public_id=model.public_id) is None
    assert registered_model_for_organisation(organisation=acme, public_id=model.public_id) == model
    assert registered_model_for_organisation(organisation=acme, public_id="nope") is None


def test_a_model_name_is_unique_in_its_organisation(model, acme, owner):
    with pytest.raises(LedgerRefused) as refused:
        registered_model_create(organisation=acme, name="Falcon", user=owner)
    assert refused.value.field == "name"


def test_warning_at_the_fraction_then_the_crossing_with_its_date(
    model, acme, owner, colleague, django_capture_on_commit_callbacks
):
    admin = make_member("carol", acme, Membership.Role.ADMIN)
    rules = load()
    limit = rules.systemic_risk_cumulative_flop
    assert rules.ledger_warning_fraction is not None
    warning_at = limit * rules.ledger_warning_fraction
    planned_day, crossing_day = date(2026, 3, 1), date(2026, 5, 20)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ledger_entry_put(
            model=model,
            key="pre",
            source="api",
            today=planned_day,
            data=direct(str(warning_at), status="planned"),
        )
    events = list(ThresholdEvent.objects.values_list("threshold", "kind", "planned"))
    assert events == [("systemic_risk", "warning", True)]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.com",
        "carol@example.com",
    ]  # admins and attesters; bob, a member, is not told
    assert "nears a threshold" in mail.outbox[0].subject
    assert list(threshold_notices_for(user=admin))[0].kind == "warning"
    assert not list(threshold_notices_for(user=colleague))

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ledger_entry_put(
            model=model,
            key="pre",
            source="api",
            today=crossing_day,
            data=direct(str(limit * 2), status="running", revision=2),
        )
    crossed = ThresholdEvent.objects.get(threshold="systemic_risk", kind="crossed", planned=False)
    assert crossed.known_on == crossing_day
    deadline = notification_deadline(crossing_day)
    assert deadline == crossing_day + timedelta(days=rules.notification_days)
    assert len(mail.outbox) == 2
    assert "crossed" in mail.outbox[0].subject
    assert deadline.isoformat() in mail.outbox[0].body
    # Recorded once: a later filing tells no one again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ledger_entry_put(
            model=model,
            key="pre",
            source="api",
            today=crossing_day,
            data=direct(str(limit * 3), status="finished", revision=3),
        )
    assert mail.outbox == []
    assert ThresholdEvent.objects.filter(kind="crossed").count() == 2  # planned and actual


def test_a_modification_crossing_a_third_of_its_original_is_recorded(model):
    from questionnaire.models import ModelLineage

    ModelLineage.objects.create(
        model=model,
        kind="fine_tuned_from",
        external_name="Orig",
        external_provider="Other",
        external_flop="3e24",
    )
    ledger_entry_put(
        model=model,
        key="ft",
        source="api",
        today=date(2026, 6, 1),
        data=direct("2e24", kind="fine_tuning"),
    )
    kinds = set(
        ThresholdEvent.objects.filter(threshold="modification").values_list("kind", flat=True)
    )
    assert kinds == {"warning", "crossed"}


def test_lineage_is_checked_and_a_parent_must_be_of_the_same_organisation(model, other, outsider):
    from questionnaire.ledger.services import model_lineage_add, model_version_add

    foreign = registered_model_create(organisation=other, name="Theirs", user=outsider)
    with pytest.raises(LedgerRefused) as refused:
        model_lineage_add(model=model, kind="merged_from", parent=foreign)
    assert refused.value.field == "parent"
    with pytest.raises(LedgerRefused) as refused:
        model_lineage_add(model=model, kind="merged_from", external_name="X", external_flop="-1")
    assert refused.value.field == "external_flop"
    link = model_lineage_add(
        model=model, kind="merged_from", external_name="X", external_flop="2e21"
    )
    assert link.external_flop == "2e21" or link.external_flop.lower() == "2e+21"
    model_version_add(model=model, label="v1", released_on=date(2026, 8, 1))
    with pytest.raises(LedgerRefused):
        model_version_add(model=model, label="v1")


def test_a_parents_run_that_makes_a_child_cross_is_recorded_for_the_child(model, acme, owner):
    """The child's cumulative compute counts its parent's: the parent's new run is the day
    it becomes known that the child crosses too; a distilled model counts nothing of it."""
    child = registered_model_create(organisation=acme, name="Falcon chat", user=owner)
    student = registered_model_create(organisation=acme, name="Falcon mini", user=owner)
    model_lineage_add(model=child, kind="fine_tuned_from", parent=model)
    model_lineage_add(model=student, kind="distilled_from", parent=model)
    ledger_entry_put(model=model, key="pt", data=direct("2e25"), source="typed")
    crossed = ThresholdEvent.objects.filter(
        threshold="systemic_risk", kind="crossed", planned=False
    )
    assert set(crossed.values_list("model__name", flat=True)) == {"Falcon", "Falcon chat"}
