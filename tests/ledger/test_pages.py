"""The register's pages: a model made, an entry added (an error keeps the input), the
chart with its thresholds, the deadline after a crossing, and a draft from the ledger."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from questionnaire.ledger.prefill import answers_from_ledger
from questionnaire.ledger.services import ledger_entry_put, notification_deadline
from questionnaire.models import Draft, LedgerEntry, RegisteredModel
from questionnaire.presentation import superscript_exponents
from questionnaire.scoring import assess, load
from questionnaire.scoring.numbers import format_human, to_text
from tests.ledger.conftest import direct


def test_a_member_registers_a_model(owner_client, acme):
    page = owner_client.get(reverse("models_index"))
    assert page.status_code == 200
    response = owner_client.post(
        reverse("models_index"), {"organisation": "acme", "name": "Falcon", "description": "LLM"}
    )
    model = RegisteredModel.objects.get()
    assert response.url == reverse("model_detail", args=[model.public_id])
    assert model.created_by is not None
    assert model.created_by.username == "alice"


def test_a_missing_name_is_shown_with_the_summary(owner_client, acme):
    response = owner_client.post(reverse("models_index"), {"organisation": "acme", "name": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_an_entry_with_an_error_keeps_the_input(owner_client, model):
    url = reverse("model_entry_add", args=[model.public_id])
    response = owner_client.post(
        url,
        {
            "kind": "pre_training",
            "status": "planned",
            "method": "architecture",
            "parameters": "-7e9",
            "tokens": "1e12",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert 'value="-7e9"' in body and 'value="1e12"' in body
    assert "aria-describedby" in body
    assert LedgerEntry.objects.count() == 0


def test_an_entry_typed_in_is_added_and_edited(owner_client, model):
    response = owner_client.post(
        reverse("model_entry_add", args=[model.public_id]),
        {
            "kind": "pre_training",
            "status": "running",
            "method": "hardware",
            "chips": "1000",
            "hours": "1000",
            "utilisation": "0.4",
            "accelerator": "h100",
            "started_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert entry.source == "typed"
    edit = reverse("model_entry_edit", args=[model.public_id, entry.public_id])
    assert 'value="1000"' in owner_client.get(edit).content.decode()
    response = owner_client.post(
        edit, {"kind": "pre_training", "status": "finished", "method": "direct", "flop": "2e24"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.revision, entry.status) == (2, "finished")


def test_the_model_page_draws_the_chart_with_the_thresholds(owner_client, model):
    rules = load()
    ledger_entry_put(model=model, key="pre", source="api", data=direct("3e24"))
    ledger_entry_put(
        model=model,
        key="big",
        source="api",
        data=direct(str(rules.systemic_risk_cumulative_flop * 2), status="planned"),
    )
    body = owner_client.get(reverse("model_detail", args=[model.public_id])).content.decode()
    assert "<svg" in body and 'role="img"' in body
    for threshold in (rules.gpai_training_flop, rules.systemic_risk_cumulative_flop):
        # Written as the rest of the app writes powers of ten: 10²³, not 10^23.
        assert f"{superscript_exponents(format_human(threshold))} FLOP" in body
    assert "10^" not in body.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Cumulative compute, planned" in body and "Training compute, actual" in body
    assert "The chart&#x27;s figures as a table" in body or "figures as a table" in body
    assert "style=" not in body.split("<svg", 1)[1].split("</svg>", 1)[0]
    # Planned compute crossed: the deadline from the day it became known.
    due = notification_deadline(timezone.localdate())
    assert "notify the Commission" in body
    assert due.strftime("%Y-%m-%d") in body


def test_another_organisations_member_gets_404(outsider_client, model):
    for name in ("model_detail", "model_entry_add"):
        assert outsider_client.get(reverse(name, args=[model.public_id])).status_code == 404
    assert outsider_client.post(reverse("model_assess", args=[model.public_id])).status_code == 404


def test_a_draft_prefilled_from_the_ledger_classifies_systemic_risk(owner_client, model):
    rules = load()
    limit = rules.systemic_risk_cumulative_flop
    ledger_entry_put(
        model=model,
        key="pre",
        source="api",
        today=date(2026, 4, 1),
        data={
            **direct(str(limit / 2)),
            "compute": {"method": "architecture", "parameters": "5e11", "tokens": "1e12"},
        },
    )
    for key, share, kind in (("synth", 4, "synthetic_data"), ("inh", 2, "inherited")):
        ledger_entry_put(
            model=model,
            key=key,
            source="api",
            today=date(2026, 4, 1),
            data=direct(str(limit / share), kind=kind),
        )
    response = owner_client.post(reverse("model_assess", args=[model.public_id]))
    draft = Draft.objects.get()
    assert response.url == reverse("wizard", kwargs={"draft_id": draft.public_id})
    assert draft.registered_model == model
    assert owner_client.get(response.url, follow=True).status_code == 200
    compute = draft.state["step_data"]["compute"]
    assert compute["compute-method"] == ["architecture"]
    assert compute["compute-synthetic_data_flop"] == [to_text(limit / 4)]
    assert compute["compute-inherited_flop"] == [to_text(limit / 2)]
    assert compute["compute-threshold_known_on"] == ["2026-04-01"]

    answers = answers_from_ledger(model=model, today=date(2026, 6, 1))
    answers.update(
        {
            "established_in_eu": True,
            "generates": ["text"],
            "generality": "wide",
            "placement": "planned",
        }
    )
    result = assess(answers)
    assert result["classification"] == "gpai_systemic_risk"


def test_the_dashboard_tells_attesters_a_model_nears_the_threshold(owner_client, model):
    rules = load()
    assert rules.ledger_warning_fraction is not None
    near = rules.systemic_risk_cumulative_flop * rules.ledger_warning_fraction
    ledger_entry_put(model=model, key="pre", source="api", data=direct(str(near)))

    body = owner_client.get(reverse("dashboard")).content.decode()

    assert "Compute thresholds of your models" in body
    # The figure as the app writes figures: two significant digits, a superscript power.
    assert f"{model.name}</a>:" in body
    assert superscript_exponents(f"{format_human(near)} FLOP") in body
