"""Errors leave a trace: tampering answered with 409, a failed upload on ``/verify/``, and an
exception caught while signing or rendering a report are logged at WARNING, each naming what
it is about. An intact record and an authentic upload log nothing."""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client

from questionnaire.models import RecordReport
from questionnaire.reports import render
from tests.records.conftest import (
    export_json,
    make_assessment,
    make_record,
    raw_column,
    raw_update,
)
from tests.samples import signed_export

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


@pytest.fixture
def warnings(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.WARNING, logger="questionnaire")
    return caplog


def logged(caplog: pytest.LogCaptureFixture, logger: str) -> list[str]:
    """The WARNING messages of one logger, formatted."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == logger and record.levelno == logging.WARNING
    ]


def app_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("questionnaire") and record.levelno >= logging.WARNING
    ]


def upload(data: bytes, name: str = "record.json") -> int:
    content_type = "application/pdf" if name.endswith(".pdf") else "application/json"
    response = Client().post(
        "/verify/", {"document": SimpleUploadedFile(name, data, content_type=content_type)}
    )
    return response.status_code


# ------------------------------------------------------------------ tampering answered with 409


def test_an_export_refused_with_409_logs_a_warning(acme, owner, owner_client, warnings):
    record = make_record(acme, owner)
    payload = bytes(raw_column(record, "payload"))
    raw_update(record, "payload", b"[" + payload[1:])  # no longer JSON
    warnings.clear()

    response = owner_client.get(f"/records/{record.public_id}.json")

    assert response.status_code == 409
    [message] = logged(warnings, "questionnaire.views")
    assert str(record.public_id) in message
    assert "409" in message


def test_an_altered_report_refused_with_409_logs_a_warning(acme, owner, owner_client, warnings):
    record = make_record(acme, owner)
    with default_storage.open(record.report.file.name, "wb") as handle:
        handle.write(b"%PDF-1.7 not the signed report")
    warnings.clear()

    response = owner_client.get(f"/records/{record.public_id}/report.pdf")

    assert response.status_code == 409
    [message] = logged(warnings, "questionnaire.records.stored_files")
    assert str(record.public_id) in message
    assert record.report.sha256 in message
    assert "409" in message


def test_a_report_missing_from_storage_logs_a_warning(acme, owner, owner_client, warnings):
    record = make_record(acme, owner)
    default_storage.delete(record.report.file.name)
    warnings.clear()

    response = owner_client.get(f"/records/{record.public_id}/report.pdf")

    assert response.status_code == 404
    [message] = logged(warnings, "questionnaire.records.stored_files")
    assert str(record.public_id) in message
    assert "404" in message


def test_a_record_page_showing_a_failed_check_logs_a_warning(acme, owner, owner_client, warnings):
    record = make_record(acme, owner)
    raw_update(record, "model_name", "Totally different")
    warnings.clear()

    page = owner_client.get(f"/records/{record.public_id}/").content.decode()

    assert "Signature check failed" in page
    [message] = logged(warnings, "questionnaire.views")
    assert str(record.public_id) in message
    assert "model name shown differs from the signed one" in message


def test_an_intact_record_logs_nothing(acme, owner, owner_client, warnings):
    record = make_record(acme, owner)
    warnings.clear()

    assert owner_client.get(f"/records/{record.public_id}/").status_code == 200
    assert owner_client.get(f"/records/{record.public_id}.json").status_code == 200
    assert owner_client.get(f"/records/{record.public_id}/report.pdf").status_code == 200

    assert app_warnings(warnings) == []


# ------------------------------------------------------------------ /verify/


@pytest.fixture
def export(acme, owner, owner_client) -> dict[str, Any]:
    return export_json(owner_client, make_record(acme, owner))


def test_an_altered_record_file_on_verify_logs_a_warning(export, warnings):
    altered = copy.deepcopy(export)
    altered["payload"]["answers"]["placement"] = "research_only"
    warnings.clear()

    assert upload(json.dumps(altered).encode()) == 200

    [message] = logged(warnings, "questionnaire.records.verification")
    assert "record file" in message
    assert "does not match its hash" in message


def test_a_file_that_is_no_record_on_verify_logs_a_warning(warnings):
    assert upload(b"\xff\xfe not a record") == 200

    [message] = logged(warnings, "questionnaire.records.verification")
    assert "neither a record" in message


def test_a_damaged_pdf_on_verify_logs_a_warning(warnings):
    assert upload(b"%PDF-1.7\n not really a PDF", name="report.pdf") == 200

    [message] = logged(warnings, "questionnaire.records.verification")
    assert "PDF report" in message


def test_an_upload_over_the_size_limit_logs_a_warning(settings, warnings):
    settings.VERIFY_UPLOAD_MAX_BYTES = 8

    assert upload(b"0123456789") == 400

    [message] = logged(warnings, "questionnaire.views")
    assert "10 bytes" in message


def test_a_post_without_a_file_on_verify_logs_a_warning(warnings):
    assert Client().post("/verify/", {}).status_code == 400

    [message] = logged(warnings, "questionnaire.views")
    assert "document" in message


def test_an_authentic_upload_logs_nothing(export, warnings):
    warnings.clear()

    assert upload(json.dumps(export).encode()) == 200

    assert app_warnings(warnings) == []


# ------------------------------------------------------------------ signing and rendering


def test_signing_without_a_signing_key_logs_a_warning(
    acme, owner, owner_client, settings, warnings
):
    assessment = make_assessment(acme, owner)
    settings.RECORD_SIGNING_KEY_FILE.unlink()

    response = owner_client.post(
        f"/assessments/{assessment.public_id}/attest/",
        {"confirm": "on", "attester_name": "Alice Example", "attester_function": "Head of Legal"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.public_id}/"
    [message] = logged(warnings, "questionnaire.wizard.view")
    assert str(assessment.public_id) in message
    assert "signing key" in message


def test_a_report_that_cannot_be_recorded_logs_a_warning_and_leaves_no_file(
    acme, owner, monkeypatch, warnings
):
    def refuse(**kwargs: Any) -> RecordReport:
        raise IntegrityError("simulated failure")

    monkeypatch.setattr(RecordReport.objects, "create", refuse)

    record = make_record(acme, owner)

    assert not RecordReport.objects.filter(record=record).exists()
    messages = logged(warnings, "questionnaire.services")
    assert messages, "no warning was logged"
    assert "IntegrityError: simulated failure" in messages[0]
    assert f"reports/acme/{record.public_id}" in messages[0]
    assert default_storage.listdir("reports/acme") == ([], [])


def test_a_report_with_an_unreadable_attestation_time_logs_a_warning(warnings):
    export = signed_export()
    export["payload"]["attestation"]["attested_at"] = "yesterday"

    context = render.report_context(export=export, verify_url="https://x/verify/")

    assert context["attested_at"] == "yesterday"
    [message] = logged(warnings, "questionnaire.reports.render")
    assert "'yesterday'" in message
