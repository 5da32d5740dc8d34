"""The model page's forms: a version, a lineage link (a register parent or an external
model), each audited; a refused one shows the page again with the error at its field and
what was typed kept; another organisation's model is a 404."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from questionnaire.ledger.selectors import model_totals
from questionnaire.ledger.services import ledger_entry_put, registered_model_create
from questionnaire.models import AuditEvent, ModelLineage, ModelVersion, ThresholdEvent
from questionnaire.scoring.numbers import parse_number
from tests.ledger.conftest import direct


def test_a_version_is_recorded_shown_and_audited(owner_client, model):
    url = reverse("model_version_add", args=[model.public_id])
    response = owner_client.post(
        url, {"version-label": "v2.1", "version-released_on": "2026-09-30"}
    )
    assert response.status_code == 302
    version = ModelVersion.objects.get(model=model)
    assert (version.label, str(version.released_on)) == ("v2.1", "2026-09-30")
    page = owner_client.get(reverse("model_detail", args=[model.public_id])).content.decode()
    assert "v2.1, released 2026-09-30" in page
    assert "Version released" in page  # on the timeline
    assert AuditEvent.objects.filter(action="model.version_added").count() == 1


def test_a_version_label_twice_is_refused_at_its_field_keeping_the_input(owner_client, model):
    url = reverse("model_version_add", args=[model.public_id])
    owner_client.post(url, {"version-label": "v1"})
    response = owner_client.post(
        url, {"version-label": "v1", "version-released_on": "2026-10-01", "version-notes": "kept"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "the model has a version of this label already" in body
    assert 'aria-describedby="id_version-label_error"' in body or "id_version-label_error" in body
    assert "kept</textarea>" in body
    assert 'value="2026-10-01"' in body
    assert ModelVersion.objects.count() == 1


def test_a_bad_release_date_names_the_field(owner_client, model):
    response = owner_client.post(
        reverse("model_version_add", args=[model.public_id]),
        {"version-label": "v3", "version-released_on": "30/09/2026x"},
    )
    assert response.status_code == 400
    assert "id_version-released_on_error" in response.content.decode()
    assert not ModelVersion.objects.exists()


def test_an_external_parent_with_its_compute_counts_towards_cumulative(owner_client, model):
    response = owner_client.post(
        reverse("model_lineage_add", args=[model.public_id]),
        {
            "lineage-kind": "merged_from",
            "lineage-parent": "",
            "lineage-external_name": "Vision encoder",
            "lineage-external_provider": "",
            "lineage-external_flop": "3e24",
        },
    )
    assert response.status_code == 302
    link = ModelLineage.objects.get(model=model)
    assert (link.kind, link.external_name, link.parent) == ("merged_from", "Vision encoder", None)
    assert model_totals(model).cumulative_actual == parse_number("3e24")
    assert AuditEvent.objects.filter(action="model.lineage_added").count() == 1
    page = owner_client.get(reverse("model_detail", args=[model.public_id])).content.decode()
    assert "Vision encoder (your organisation, 3.0 × 10" in page


def test_a_register_parent_is_chosen_from_the_organisations_models(
    owner_client, model, acme, owner
):
    parent = registered_model_create(organisation=acme, name="Falcon base", user=owner)
    ledger_entry_put(model=parent, key="pt", data=direct("4e24"), source="typed")
    page = owner_client.get(reverse("model_detail", args=[model.public_id])).content.decode()
    assert f'<option value="{parent.public_id}">Falcon base</option>' in page
    owner_client.post(
        reverse("model_lineage_add", args=[model.public_id]),
        {"lineage-kind": "initialised_from", "lineage-parent": str(parent.public_id)},
    )
    assert model_totals(model).training_actual == parse_number("4e24")


def test_inherited_weights_that_cross_the_threshold_are_recorded_and_told(
    owner_client, model, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(
            reverse("model_lineage_add", args=[model.public_id]),
            {
                "lineage-kind": "initialised_from",
                "lineage-external_name": "Huge base",
                "lineage-external_flop": "2e25",
            },
        )
    crossed = ThresholdEvent.objects.filter(threshold="systemic_risk", kind="crossed")
    assert crossed.filter(planned=False).exists()


def test_a_lineage_loop_is_refused(owner_client, model, acme, owner):
    child = registered_model_create(organisation=acme, name="Falcon chat", user=owner)
    owner_client.post(
        reverse("model_lineage_add", args=[child.public_id]),
        {"lineage-kind": "fine_tuned_from", "lineage-parent": str(model.public_id)},
    )
    response = owner_client.post(
        reverse("model_lineage_add", args=[model.public_id]),
        {"lineage-kind": "initialised_from", "lineage-parent": str(child.public_id)},
    )
    assert response.status_code == 400
    assert "lineage cannot loop" in response.content.decode()
    assert ModelLineage.objects.count() == 1


def test_an_external_model_without_a_name_is_refused_at_the_name(owner_client, model):
    response = owner_client.post(
        reverse("model_lineage_add", args=[model.public_id]),
        {"lineage-kind": "merged_from", "lineage-external_flop": "1e24"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "id_lineage-external_name_error" in body
    assert 'value="1e24"' in body
    assert not ModelLineage.objects.exists()


def test_an_absurd_external_figure_is_refused_at_its_field(owner_client, model):
    response = owner_client.post(
        reverse("model_lineage_add", args=[model.public_id]),
        {
            "lineage-kind": "merged_from",
            "lineage-external_name": "X",
            "lineage-external_flop": "-5",
        },
    )
    assert response.status_code == 400
    assert "id_lineage-external_flop_error" in response.content.decode()
    assert not ModelLineage.objects.exists()


def test_another_organisations_model_as_parent_or_target_is_404(
    owner_client, outsider_client, model, other, outsider
):
    foreign = registered_model_create(organisation=other, name="Theirs", user=outsider)
    response = owner_client.post(
        reverse("model_lineage_add", args=[model.public_id]),
        {"lineage-kind": "initialised_from", "lineage-parent": str(foreign.public_id)},
    )
    # Not among the choices: refused at the field, and nothing of theirs is read.
    assert response.status_code == 400
    assert "Theirs" not in response.content.decode()
    for name in ("model_version_add", "model_lineage_add", "model_ledger_import"):
        assert outsider_client.post(reverse(name, args=[model.public_id])).status_code == 404
    assert not ModelLineage.objects.exists()
