"""Corrections: a new record names the record it supersedes, from the service or the result
page, within one organisation, and a record is corrected once."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from questionnaire.models import AssessmentRecord
from tests.records.conftest import (
    SIGNATURE_VALID,
    fresh,
    make_assessment,
    make_record,
    payload_of,
    record_page,
    verify_records,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def test_a_correction_names_the_record_it_supersedes(acme, owner, owner_client):
    original = make_record(acme, owner)
    correction = make_record(acme, owner, supersedes=original, model_name="Example-70B v2")

    assert payload_of(correction)["supersedes"] == str(original.public_id)
    assert correction.supersedes == original
    assert fresh(original).superseded_by == correction
    assert bytes(fresh(original).payload) == bytes(original.payload)  # unchanged
    assert verify_records()[0] == 0

    html = record_page(owner_client, original)
    assert "Superseded by" in html
    assert f"/records/{correction.public_id}/" in html
    assert SIGNATURE_VALID in html
    html = record_page(owner_client, correction)
    assert "Superseded by" not in html
    assert f"/records/{original.public_id}/" in html


def test_a_correction_from_the_result_page_supersedes_the_chosen_record(acme, owner, owner_client):
    original = make_record(acme, owner)
    corrected = make_assessment(acme, owner, model_name="Example-70B v2")

    response = owner_client.post(
        f"/assessments/{corrected.public_id}/attest/",
        {
            "confirm": "on",
            "attester_name": "Alice Example",
            "attester_function": "Head of Legal",
            "supersedes": str(original.pk),
        },
    )

    assert response.status_code == 302
    correction = AssessmentRecord.objects.get(assessment=corrected)
    assert response["Location"] == f"/records/{correction.public_id}/"
    assert correction.supersedes == original
    assert "Superseded by" in record_page(owner_client, original)


def test_a_record_cannot_correct_a_record_of_another_organisation(acme, owner, other, outsider):
    theirs = make_record(other, outsider, name="Eve Example", function="CTO")
    ours = make_assessment(acme, owner)

    with pytest.raises((PermissionDenied, Http404)):
        make_record(acme, owner, assessment=ours, supersedes=theirs)
    assert not AssessmentRecord.objects.filter(organisation=acme).exists()


def test_a_record_already_corrected_cannot_be_chosen_again(acme, owner, owner_client):
    original = make_record(acme, owner)
    make_record(acme, owner, supersedes=original, model_name="Example-70B v2")
    again = make_assessment(acme, owner, model_name="Example-70B v3")

    response = owner_client.post(
        f"/assessments/{again.public_id}/attest/",
        {
            "confirm": "on",
            "attester_name": "Alice Example",
            "attester_function": "Head of Legal",
            "supersedes": str(original.pk),
        },
    )

    assert response.status_code == 400
    assert not AssessmentRecord.objects.filter(assessment=again).exists()
