"""Filing ledger entries: idempotent retries, replayed keys, bad input (each a 4xx naming
the field, nothing written), the audit trail, and a simulated training run."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, get_args

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from questionnaire.api import schemas
from questionnaire.models import AuditEvent, Draft, LedgerEntry, ThresholdEvent
from questionnaire.notifications import outbox_send
from tests.api.conftest import entry, ledger_url
from tests.web.wizard_helpers import WizardDriver


def test_a_new_entry_is_201_and_a_retry_is_200_unchanged(api, model):
    first = api.put(ledger_url(model), entry())
    assert first.status_code == 201, first.json()
    assert first.json()["outcome"] == "created"
    assert first.json()["entry"]["flop"] == "2e24" or first.json()["entry"]["flop"].startswith("2")
    again = api.put(ledger_url(model), entry())
    assert again.status_code == 200
    assert again.json()["outcome"] == "unchanged"
    assert LedgerEntry.objects.count() == 1
    assert LedgerEntry.objects.get().source == "api"


def test_a_higher_revision_updates_the_entry(api, model):
    api.put(ledger_url(model), entry())
    response = api.put(ledger_url(model), entry(revision=2, status="running"))
    assert response.status_code == 200
    assert response.json()["outcome"] == "updated"
    assert LedgerEntry.objects.get().revision == 2


def test_a_replayed_key_with_other_content_is_409(api, model):
    api.put(ledger_url(model), entry())
    response = api.put(ledger_url(model), entry(compute={"method": "direct", "flop": "3e24"}))
    assert response.status_code == 409
    assert response.json()["field"] == "revision"
    lower = api.put(ledger_url(model), entry(revision=0))
    assert lower.status_code in (409, 422)
    assert LedgerEntry.objects.get().flop == LedgerEntry.objects.get().flop
    assert LedgerEntry.objects.get().revision == 1


def test_every_write_is_in_the_audit_trail_naming_the_token(api, token, model):
    api.put(ledger_url(model), entry())
    api.put(ledger_url(model), entry())  # unchanged: no write, no event
    api.put(ledger_url(model), entry(revision=2, status="running"))
    events = AuditEvent.objects.filter(action=AuditEvent.Action.API_LEDGER_ENTRY_FILED)
    assert [event.detail["outcome"] for event in events.order_by("id")] == ["created", "updated"]
    event = events.first()
    assert event is not None
    assert event.organisation == model.organisation
    assert event.actor is None
    assert token.token.prefix in event.actor_username
    assert "pre-training cluster A" in event.actor_username


def test_one_write_is_one_audit_event_about_the_entry(api, token, model):
    """The audit trail says once who filed an entry: the token, not an anonymous person too."""
    api.put(ledger_url(model), entry())
    about_entry = AuditEvent.objects.filter(object_id=str(LedgerEntry.objects.get().public_id))
    assert [event.action for event in about_entry] == [AuditEvent.Action.API_LEDGER_ENTRY_FILED]
    assert token.token.prefix in about_entry.get().actor_username


BAD_BODIES = [
    (entry(kind="pretraining"), "kind"),
    (entry(status="done"), "status"),
    (entry(revision="two"), "revision"),
    (entry(revision=True), "revision"),
    (entry(revision=-1), "revision"),
    (entry(started_on="2026-13-45"), "started_on"),
    (entry(started_on=20261101), "started_on"),
    (entry(ended_on="yesterday"), "ended_on"),
    (entry(started_on="2026-11-02", ended_on="2026-11-01"), "ended_on"),
    (entry(compute="1e25"), "compute"),
    (entry(compute={"method": "direct", "flop": "-1e24"}), "compute.flop"),
    (entry(compute={"method": "direct", "flop": "1e40"}), "compute"),
    (entry(compute={"method": "direct", "flop": "lots"}), "compute.flop"),
    (entry(compute={"method": "magic"}), "compute.method"),
    (entry(compute={"method": "hardware", "chips": 1000, "hours": 10}), "compute"),
    (entry(description=12), "description"),
    ({k: v for k, v in entry().items() if k != "compute"}, "compute"),
    ({k: v for k, v in entry().items() if k != "kind"}, "kind"),
    ([entry()], "body"),
]


@pytest.mark.parametrize(("body", "field"), BAD_BODIES)
def test_bad_input_is_a_4xx_naming_the_field_and_writes_nothing(api, model, body, field):
    response = api.put(ledger_url(model), body)
    assert response.status_code in (400, 422), response.content
    document = response.json()
    assert document["field"].startswith(field), document
    assert document["detail"]
    assert not LedgerEntry.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.API_LEDGER_ENTRY_FILED).exists()


@pytest.mark.parametrize("raw", ["{", "not json", '{"kind": "pre_training",}', "\xff"])
def test_a_body_that_is_not_json_is_400(api, model, raw):
    response = api.put(ledger_url(model), None, raw=raw)
    assert response.status_code == 400
    assert response.json()["field"] == "body"
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("key", ["-starts-with-dash", "a" * 101, "has space", "ü"])
def test_a_bad_key_is_400(api, model, key):
    response = api.put(ledger_url(model, key), entry())
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert response.json()["field"] == "key"
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("model_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_model_is_404(api, model_id):
    response = api.put(f"/api/v1/models/{model_id}/ledger/run-1", entry())
    assert response.status_code == 404
    assert response.json()["field"] == "model_id"
    assert api.get(f"/api/v1/models/{model_id}").status_code == 404


def test_the_schema_lists_the_ledgers_kinds_and_statuses():
    assert set(get_args(schemas.Kind)) == set(LedgerEntry.Kind.values)
    assert set(get_args(schemas.Status)) == set(LedgerEntry.Status.values)


def test_a_simulated_training_run(api, model, acme_admin):
    """Planned pre-training reaches 0.7 × 10^25 (warning, e-mail); progress updates; actual
    compute crosses 10^25 (crossing dated today, Art. 52 deadline); then a fine-tune."""
    today = timezone.localdate()
    planned = api.put(
        ledger_url(model, "pretrain-1"),
        entry(compute={"method": "direct", "flop": "1.2e25"}, description="Planned run"),
    )
    assert planned.status_code == 201, planned.json()
    events = planned.json()["totals"]["events"]
    assert {(e["threshold"], e["kind"], e["planned"]) for e in events} >= {
        ("systemic_risk", "warning", True)
    }
    assert ThresholdEvent.objects.filter(
        model=model, threshold="systemic_risk", kind="warning", planned=True, known_on=today
    ).exists()
    outbox_send()
    assert any("carol@example.com" in message.to for message in mail.outbox)

    # Progress: the running job files its compute so far, revision by revision.
    hardware = {
        "method": "hardware",
        "chips": 16000,
        "hours": 24 * 20,
        "peak_flops": "9.89e14",
        "utilisation": 0.4,
    }
    for revision, flop in ((2, "2e24"), (3, "5e24"), (4, "8e24")):
        response = api.put(
            ledger_url(model, "pretrain-1"),
            entry(revision=revision, status="running", compute={"method": "direct", "flop": flop}),
        )
        assert response.status_code == 200
        assert response.json()["outcome"] == "updated"
    assert not ThresholdEvent.objects.filter(kind="crossed", planned=False).exists()
    assert ThresholdEvent.objects.filter(kind="warning", planned=False).exists()

    finished = api.put(
        ledger_url(model, "pretrain-1"),
        entry(revision=5, status="finished", ended_on=today.isoformat(), compute=hardware),
    )
    assert finished.status_code == 200, finished.json()
    crossed = [
        e
        for e in finished.json()["totals"]["events"]
        if (e["threshold"], e["kind"], e["planned"]) == ("systemic_risk", "crossed", False)
    ]
    assert len(crossed) == 1
    assert crossed[0]["known_on"] == today.isoformat()
    assert crossed[0]["notify_by"] == (today + timedelta(days=14)).isoformat()

    fine_tune = api.put(
        ledger_url(model, "sft-1"),
        {
            "kind": "fine_tuning",
            "status": "finished",
            "revision": 1,
            "compute": {"method": "architecture", "parameters": "70B", "tokens": "20B"},
        },
    )
    assert fine_tune.status_code == 201, fine_tune.json()
    detail = api.get(f"/api/v1/models/{model.public_id}").json()
    assert float(detail["totals"]["cumulative"]["actual"]) > float(
        finished.json()["totals"]["cumulative"]["actual"]
    )
    ledger = api.get(f"/api/v1/models/{model.public_id}/ledger").json()
    assert [e["key"] for e in ledger["entries"]] == ["pretrain-1", "sft-1"] or sorted(
        e["key"] for e in ledger["entries"]
    ) == ["pretrain-1", "sft-1"]


def test_the_run_shows_on_the_model_page_and_a_reassessment_from_the_ledger_is_systemic(
    api, model, acme_admin
):
    """The rest of issue 14's "done when": after a run filed through the API crosses 10^25,
    the model page draws the chart against the thresholds, and an assessment started from
    the model, prefilled from the register and the ledger, completes through the wizard as a
    model with systemic risk."""
    filed = api.put(
        ledger_url(model, "pretrain-1"),
        entry(status="finished", compute={"method": "direct", "flop": "1.4e25"}),
    )
    assert filed.status_code == 201, filed.json()
    admin = Client()
    admin.force_login(acme_admin)

    page = admin.get(f"/models/{model.public_id}/").content.decode()
    assert "<svg" in page and "systemic-risk presumption" in page
    assert "notify the Commission" in page

    started = admin.post(f"/models/{model.public_id}/assess/")
    wizard = WizardDriver(admin, draft_id=Draft.objects.get(registered_model=model).public_id)
    assert started["Location"] == wizard.url
    missing: dict[str, dict[str, Any]] = {
        "market": {"placement": "planned", "placed_on": "2027-01-01", "established_in_eu": "yes"},
        "capabilities": {"generates": ["text"], "generality": "wide"},
    }
    step = wizard.current_step()
    while step != "review":
        assert step is not None, "the wizard left the draft before its review"
        stored = Draft.objects.get(pk=wizard.draft.pk).state.get("step_data", {}).get(step, {})
        fields = {key.removeprefix(f"{step}-"): value for key, value in stored.items()}
        fields.update(missing.get(step, {}))
        step = wizard.answer(step, fields)
    assessment = wizard.complete()
    assert assessment.registered_model == model
    assert assessment.classification == "gpai_systemic_risk"
    assert assessment.answers["model_name"] == "Falcon-Large"
