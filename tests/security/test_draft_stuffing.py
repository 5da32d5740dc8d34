"""Draft stuffing: a draft stores only the step's declared fields, each bounded, and a
person keeps at most MAX_OPEN_DRAFTS open drafts (an attack run stored about 10 MB per POST:
undeclared keys kept, no server-side length on quantities, no quota)."""

from __future__ import annotations

import html
import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from questionnaire.models import Draft
from questionnaire.services import MAX_OPEN_DRAFTS
from questionnaire.wizard.view import MAX_STORED_LENGTH
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

DECLARED = {"model-model_name", "model-role"}


def _stuffed_body(wizard: WizardDriver) -> dict[str, object]:
    body = wizard.data("model", {"model_name": "M" * (10 * 1024 * 1024), "role": "developer"})
    for i in range(5_000):
        body[f"model-junk{i}"] = "x" * 10
        body[f"junk{i}"] = "y"
    body["wizard_save_exit"] = "1"
    return body


def _stored(draft_id: uuid.UUID) -> dict[str, list[str]]:
    state = Draft.objects.get(public_id=draft_id).state
    stored: dict[str, list[str]] = state.get("step_data", {}).get("model", {})
    return stored


def test_a_stuffed_post_stores_only_declared_fields_each_bounded(owner_client, acme, settings):
    # Django's own request limits would refuse this POST outright (next test); lifted here
    # so that the draft's own filter is what is tested.
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = None
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    wizard = WizardDriver(owner_client).start(acme)

    wizard.client.post(wizard.step_url("model"), _stuffed_body(wizard))

    stored = _stored(wizard.draft_id)
    assert set(stored) == DECLARED
    assert all(len(value) <= MAX_STORED_LENGTH for values in stored.values() for value in values)
    state = Draft.objects.get(public_id=wizard.draft_id).state
    assert len(json.dumps(state)) < 10_000


def test_with_the_default_limits_a_stuffed_post_is_refused(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    response = wizard.client.post(wizard.step_url("model"), _stuffed_body(wizard))

    assert response.status_code == 400
    assert not any(key.startswith("model-junk") for key in _stored(wizard.draft_id))


def test_a_quantity_longer_than_100_characters_is_refused_by_the_server():
    from questionnaire.wizard.fields import QuantityField

    field = QuantityField()
    assert field.clean("7B") == 7_000_000_000
    with pytest.raises(ValidationError, match="at most 100 characters"):
        field.clean("1" * 101)


def test_the_draft_after_the_quota_is_refused_with_a_message(owner, owner_client, acme):
    Draft.objects.bulk_create(
        [Draft(owner=owner, organisation=acme) for _ in range(MAX_OPEN_DRAFTS)]
    )

    response = owner_client.post("/assessments/new/", {"organisation": acme.pk})

    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert f"You already have {MAX_OPEN_DRAFTS} open drafts" in page
    assert Draft.objects.filter(owner=owner).count() == MAX_OPEN_DRAFTS


def test_below_the_quota_a_new_draft_is_made(owner, owner_client, acme):
    Draft.objects.bulk_create(
        [Draft(owner=owner, organisation=acme) for _ in range(MAX_OPEN_DRAFTS - 1)]
    )

    response = owner_client.post("/assessments/new/", {"organisation": acme.pk})

    assert response.status_code == 302
    assert Draft.objects.filter(owner=owner).count() == MAX_OPEN_DRAFTS


def test_the_quota_is_per_person(owner, colleague, acme):
    Draft.objects.bulk_create(
        [Draft(owner=owner, organisation=acme) for _ in range(MAX_OPEN_DRAFTS)]
    )
    client = Client()
    client.force_login(colleague)

    assert client.post("/assessments/new/", {"organisation": acme.pk}).status_code == 302
