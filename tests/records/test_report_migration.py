"""Migration 0010 moves each record's stored report (its file name and SHA-256) from two
columns of the record into a RecordReport row: nothing a record pointed to is lost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("questionnaire", "0009_audit_trail")]
AFTER = [("questionnaire", "0010_record_reports")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_reports_keep_their_file_and_hash():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("questionnaire", "Organisation").objects.create(
        slug="acme", name="Acme AI"
    )
    user = old.get_model("auth", "User").objects.create(username="alice")
    key = old.get_model("questionnaire", "SigningKey").objects.create(
        key_id="k1", public_key="AAAA"
    )
    Record = old.get_model("questionnaire", "AssessmentRecord")
    common = {
        "organisation": organisation,
        "attested_by": user,
        "model_name": "M",
        "classification": "gpai",
        "signature": "s",
        "signing_key": key,
        "created_at": timezone.now(),
    }
    with_report = Record.objects.create(
        sequence=1,
        payload=b"{}",
        payload_sha256="a" * 64,
        report="reports/acme/one.pdf",
        report_sha256="b" * 64,
        **common,
    )
    Record.objects.create(sequence=2, payload=b"[]", payload_sha256="c" * 64, **common)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    reports = list(
        new.get_model("questionnaire", "RecordReport").objects.values_list(
            "record_id", "file", "sha256"
        )
    )

    assert reports == [(with_report.pk, "reports/acme/one.pdf", "b" * 64)]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
