"""Attesting and signing: only attesters sign, through the service, from the result page or
from the review step of the wizard; a double post or a missing tick, name or function signs
nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from questionnaire.models import Assessment, AssessmentRecord, RecordChain
from questionnaire.records.signing import canonicalize
from tests.records.conftest import (
    SIGNATURE_VALID,
    make_assessment,
    make_record,
    payload_of,
    record_page,
    verify_records,
)
from tests.web.wizard_helpers import WizardDriver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


# ------------------------------------------------------------------ who may sign


def test_only_attesters_can_sign_through_the_service(acme, owner, colleague, outsider):
    assessment = make_assessment(acme, owner)

    with pytest.raises(PermissionDenied):
        make_record(acme, colleague, assessment=assessment)
    with pytest.raises((PermissionDenied, Http404)):
        make_record(acme, outsider, assessment=assessment)
    assert not AssessmentRecord.objects.exists()
    assert not RecordChain.objects.filter(organisation=acme, count__gt=0).exists()


def test_a_member_gets_403_when_signing_from_the_result_page(acme, owner, colleague_client):
    assessment = make_assessment(acme, owner)

    page = colleague_client.get(f"/assessments/{assessment.public_id}/")
    assert page.status_code == 200
    assert 'name="attester_name"' not in page.content.decode()
    response = colleague_client.post(
        f"/assessments/{assessment.public_id}/attest/",
        {"confirm": "on", "attester_name": "Bob", "attester_function": "Engineer"},
    )

    assert response.status_code == 403
    assert not AssessmentRecord.objects.exists()


def test_an_attester_signs_from_the_result_page(acme, owner, owner_client):
    assessment = make_assessment(acme, owner)
    page = owner_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert 'name="attester_name"' in page

    response = owner_client.post(
        f"/assessments/{assessment.public_id}/attest/",
        {"confirm": "on", "attester_name": "Alice Example", "attester_function": "Head of Legal"},
    )

    assert response.status_code == 302
    record = AssessmentRecord.objects.get()
    assert response["Location"] == f"/records/{record.public_id}/"
    assert record.assessment == assessment
    assert payload_of(record)["attestation"]["name"] == "Alice Example"
    page = owner_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert f"/records/{record.public_id}/" in page


def test_signing_an_already_signed_assessment_again_makes_no_second_record(
    acme, owner, owner_client
):
    # Once signed, the result page offers no form; a second POST (a double click, an old
    # tab) must not fork a second record of the same assessment.
    assessment = make_assessment(acme, owner)
    url = f"/assessments/{assessment.public_id}/attest/"
    data = {"confirm": "on", "attester_name": "Alice Example", "attester_function": "CLO"}

    first = owner_client.post(url, data)
    second = owner_client.post(url, data)

    assert first.status_code == 302
    assert second.status_code in (302, 400, 409)
    assert AssessmentRecord.objects.filter(assessment=assessment).count() == 1


def test_attesting_without_ticking_or_without_a_name_signs_nothing(acme, owner, owner_client):
    assessment = make_assessment(acme, owner)
    url = f"/assessments/{assessment.public_id}/attest/"

    unticked = owner_client.post(url, {"attester_name": "Alice", "attester_function": "CLO"})
    nameless = owner_client.post(url, {"confirm": "on"})

    assert unticked.status_code == 400
    assert nameless.status_code == 400
    html = nameless.content.decode()
    assert re.search(r'id="id_attester_name_field".*?field__errors', html, re.S)
    assert re.search(r'id="id_attester_function_field".*?field__errors', html, re.S)
    assert not AssessmentRecord.objects.exists()


# ------------------------------------------------------------------ signing in the wizard


DEVELOPER_STEPS: list[tuple[str, dict[str, Any]]] = [
    ("model", {"model_name": "Wizard-70B", "role": "developer"}),
    ("market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}),
    ("capabilities", {"generates": ["text"], "generality": "wide"}),
    (
        "compute",
        {
            "method": "architecture",
            "parameters": "70B",
            "training_tokens": "15T",
            "check_method": "none",
        },
    ),
    ("release", {"released_openly": "no"}),
    ("reach", {"high_impact_capabilities": "no", "commission_designated": "no"}),
]


def test_an_attester_signs_from_the_review_step_of_the_wizard(acme, owner, owner_client):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)
    review = wizard.page("review")
    for name in ("confirm", "attester_name", "attester_function", "supersedes"):
        assert f'name="review-{name}"' in review, name

    response = wizard.post(
        "review",
        {"confirm": "on", "attester_name": "Alice Example", "attester_function": "Head of Legal"},
    )

    assert response.status_code == 302
    record = AssessmentRecord.objects.get()
    assert response["Location"] == f"/records/{record.public_id}/"
    assessment = Assessment.objects.get()
    assert record.assessment == assessment
    assert record.model_name == "Wizard-70B"
    payload = payload_of(record)
    assert payload["attestation"]["name"] == "Alice Example"
    assert payload["attestation"]["function"] == "Head of Legal"
    assert payload["attestation"]["username"] == "alice"
    assert payload["answers"] == canonicalize(assessment.answers)
    assert payload["questions"] == canonicalize(assessment.shown)
    assert {row["step"] for row in payload["questions"]} >= {"model", "market", "compute"}
    assert "review" not in {row["step"] for row in payload["questions"]}
    html = record_page(owner_client, record)
    assert SIGNATURE_VALID in html
    assert verify_records()[0] == 0


def test_ticking_without_name_or_function_shows_errors_there_and_creates_nothing(
    acme, owner, owner_client
):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)

    response = wizard.post("review", {"confirm": "on"})

    assert response.status_code in (200, 302)
    html = wizard.page("review") if response.status_code == 302 else response.content.decode()
    assert re.search(r'id="id_review-attester_name_field".*?field__errors', html, re.S)
    assert re.search(r'id="id_review-attester_function_field".*?field__errors', html, re.S)
    assert not AssessmentRecord.objects.exists()
    assert not Assessment.objects.exists()
    assert wizard.draft is not None  # the draft is kept, with what was typed


def test_finishing_without_ticking_completes_without_signing(acme, owner, owner_client):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)

    assessment = wizard.complete()

    assert assessment.model_name == "Wizard-70B"
    assert not AssessmentRecord.objects.exists()


def test_a_member_sees_no_sign_fields_and_cannot_sign_from_the_review(
    acme, colleague, colleague_client
):
    wizard = WizardDriver(colleague_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)
    review = wizard.page("review")
    for name in ("confirm", "attester_name", "attester_function", "supersedes"):
        assert f'name="review-{name}"' not in review, name

    # A forged POST with the sign fields completes the assessment but signs nothing.
    response = wizard.post(
        "review", {"confirm": "on", "attester_name": "Bob", "attester_function": "Engineer"}
    )

    assert response.status_code in (302, 403)
    assert not AssessmentRecord.objects.exists()
