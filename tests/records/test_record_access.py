"""Who may read a record, its export and its report: the organisation's people; outsiders
and unknown ids get 404, anonymous visitors the login page."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from questionnaire.models import AssessmentRecord
from tests.records.conftest import (
    SIGNATURE_VALID,
    make_assessment,
    make_record,
    record_page,
    stored_report,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def test_the_outsider_gets_404_on_records_reports_exports_and_attest(acme, owner, outsider_client):
    record = make_record(acme, owner)
    unsigned = make_assessment(acme, owner)

    for url in (
        f"/records/{record.public_id}/",
        f"/records/{record.public_id}.json",
        f"/records/{record.public_id}/report.pdf",
    ):
        assert outsider_client.get(url).status_code == 404, url
    for assessment in (unsigned, record.assessment):
        assert assessment is not None
        response = outsider_client.post(
            f"/assessments/{assessment.public_id}/attest/",
            {"confirm": "on", "attester_name": "Eve", "attester_function": "Spy"},
        )
        assert response.status_code == 404
    assert AssessmentRecord.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_log_in(acme, owner):
    record = make_record(acme, owner)
    anonymous = Client()

    for url in (
        f"/records/{record.public_id}/",
        f"/records/{record.public_id}.json",
        f"/records/{record.public_id}/report.pdf",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]


def test_an_unknown_or_malformed_record_id_is_404(owner_client):
    for url in (
        "/records/00000000-0000-4000-8000-000000000000/",
        "/records/00000000-0000-4000-8000-000000000000.json",
        "/records/00000000-0000-4000-8000-000000000000/report.pdf",
        "/records/not-a-uuid/",
    ):
        assert owner_client.get(url).status_code == 404, url


def test_a_colleague_can_read_the_organisations_records(acme, owner, colleague_client):
    record = make_record(acme, owner)

    html = record_page(colleague_client, record)
    assert SIGNATURE_VALID in html
    assert "Example-70B" in html
    export = colleague_client.get(f"/records/{record.public_id}.json")
    assert export.status_code == 200
    assert json.loads(export.content)["sha256"] == record.payload_sha256
    report = colleague_client.get(f"/records/{record.public_id}/report.pdf")
    assert report.status_code == 200
    assert report.getvalue() == stored_report(record)
