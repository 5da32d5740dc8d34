"""Downloading a stored report (issue 11) costs one read of the record with its report, the
stored file checked against its SHA-256, and one INSERT: the audit event. The signed payload
is not read to name the file: the columns that ``verify_records`` checks against it give the
same name."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questionnaire.models import AuditEvent
from tests.records.conftest import make_record, payload_of, raw_column, raw_update, stored_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def test_a_download_reads_the_record_and_its_report_at_once_and_writes_only_its_event(
    acme, owner, owner_client
):
    record = make_record(acme, owner)
    url = f"/records/{record.public_id}/report.pdf"
    events = AuditEvent.objects.count()

    with CaptureQueriesContext(connection) as captured:
        response = owner_client.get(url)

    assert response.status_code == 200
    assert response.content == stored_report(record)
    statements = [query["sql"] for query in captured.captured_queries]
    # The session, the person, the record with its report, the audit event.
    assert len(statements) == 4
    [read] = [sql for sql in statements if 'FROM "questionnaire_assessmentrecord"' in sql]
    assert '"questionnaire_recordreport"."sha256"' in read
    assert '"payload"' not in read
    [write] = [sql for sql in statements if not sql.startswith("SELECT")]
    assert write.startswith('INSERT INTO "questionnaire_auditevent"')
    assert AuditEvent.objects.count() == events + 1


def test_a_report_keeps_its_name_when_the_payload_beside_it_no_longer_reads(
    acme, owner, owner_client
):
    record = make_record(acme, owner)
    day = payload_of(record)["attestation"]["attested_at"][:10]
    payload = bytes(raw_column(record, "payload"))
    raw_update(record, "payload", b"[" + payload[1:])  # no longer JSON

    response = owner_client.get(f"/records/{record.public_id}/report.pdf")

    # The stored report is the one signed when the record was whole: it still downloads,
    # named as before (verify_records reports the damaged payload).
    assert response.status_code == 200
    assert response.content == stored_report(record)
    name = f"gpai-assessment-Example-70B-{day}-record-1.pdf"
    assert f'filename="{name}"' in response["Content-Disposition"]
