"""Signing ends at commit (issues 9 and 11): the record is written, signed and linked under
the organisation's lock; its PDF report is rendered and PAdES-signed afterwards, once,
into its own immutable row, by a task that is retried and can run any number of times. Until
the report exists, the record's pages say it is being prepared."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from questionnaire import services
from questionnaire.models import AssessmentRecord, ImmutableRecord, RecordReport
from questionnaire.reports import render
from tests.records.conftest import make_record, record_page, verify_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def drop_report(record: AssessmentRecord) -> None:
    """As if the background task had not run yet (or its worker stopped mid-render)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM questionnaire_recordreport WHERE record_id = %s", [record.pk])


def test_a_report_is_made_once_whatever_asks_for_it(acme, owner):
    record = make_record(acme, owner)
    first = RecordReport.objects.get(record=record)

    again = services.record_report_create(record=record)

    assert again.pk == first.pk
    assert default_storage.listdir("reports/acme")[1] == [f"{record.public_id}.pdf"]


def test_a_stored_report_cannot_be_changed_or_deleted(acme, owner):
    report = make_record(acme, owner).report

    with pytest.raises(ImmutableRecord):
        report.save()
    with pytest.raises(ImmutableRecord):
        report.delete()
    with pytest.raises(ImmutableRecord):
        RecordReport.objects.filter(pk=report.pk).update(sha256="0" * 64)


def test_a_report_that_fails_to_render_is_retried(acme, owner, monkeypatch):
    real = render.report_pdf
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("font cache busy")
        return real(**kwargs)

    monkeypatch.setattr(render, "report_pdf", flaky)

    record = make_record(acme, owner)

    assert len(calls) == 2
    assert RecordReport.objects.filter(record=record).exists()


def test_a_record_whose_report_failed_is_signed_and_says_its_report_is_being_prepared(
    acme, owner, owner_client, monkeypatch
):
    def broken(**kwargs):
        raise OSError("renderer down")

    monkeypatch.setattr(render, "report_pdf", broken)
    record = make_record(acme, owner)  # every attempt fails: the record stands

    assert not RecordReport.objects.filter(record=record).exists()
    page = record_page(owner_client, record)
    assert "The signed PDF report is being prepared" in page
    assert f"/records/{record.public_id}/report.pdf" not in page
    response = owner_client.get(f"/records/{record.public_id}/report.pdf")
    assert response.status_code == 202
    assert "The PDF report is being prepared" in response.content.decode()
    assert verify_records()[0] == 0  # the chain itself is whole


def test_asking_for_a_report_whose_task_was_lost_makes_it(acme, owner, owner_client, monkeypatch):
    record = make_record(acme, owner)
    drop_report(record)
    monkeypatch.setattr(services, "REPORT_LOST_AFTER", timedelta(0))

    assert "being prepared" in record_page(owner_client, record)  # and scheduled (inline here)

    response = owner_client.get(f"/records/{record.public_id}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_readers_of_a_fresh_record_do_not_render_its_report_again(
    acme, owner, owner_client, monkeypatch
):
    """Its own task is on it: a reload landing on another worker must not start a second
    render (a load test counted 45 renders for 32 records)."""
    record = make_record(acme, owner)
    drop_report(record)
    renders: list[dict[str, object]] = []

    def counting(**kwargs: object) -> bytes:
        renders.append(kwargs)
        return b""

    monkeypatch.setattr(render, "report_pdf", counting)

    record_page(owner_client, record)
    response = owner_client.get(f"/records/{record.public_id}/report.pdf")

    assert response.status_code == 202
    assert renders == []


def test_render_reports_catches_up_on_every_record_without_one(acme, owner):
    records = [make_record(acme, owner) for _ in range(2)]
    for record in records:
        drop_report(record)

    call_command("render_reports")

    assert RecordReport.objects.filter(record__in=records).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_the_background_the_record_commits_first_and_the_report_follows(acme, owner, settings):
    settings.REPORTS_IN_BACKGROUND = True

    record = make_record(acme, owner)

    assert AssessmentRecord.objects.filter(pk=record.pk).exists()
    assert services.report_tasks.wait(timeout=60)
    assert RecordReport.objects.filter(record=record).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_report_is_rendered_after_the_commit_not_under_the_organisations_lock(
    acme, owner, monkeypatch
):
    real = render.report_pdf
    seen = {}

    def watching(**kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        seen["record_committed"] = AssessmentRecord.objects.filter(
            public_id=kwargs["export"]["record_id"]
        ).exists()
        return real(**kwargs)

    monkeypatch.setattr(render, "report_pdf", watching)

    make_record(acme, owner)

    assert seen == {"in_transaction": False, "record_committed": True}


def test_with_a_report_worker_signing_renders_nothing_and_the_worker_makes_the_report(
    acme, owner, owner_client, settings, monkeypatch
):
    settings.REPORT_WORKER = True
    renders = []
    real = render.report_pdf

    def counting(**kwargs):
        renders.append(1)
        return real(**kwargs)

    monkeypatch.setattr(render, "report_pdf", counting)
    record = make_record(acme, owner)
    assert renders == []
    assert not RecordReport.objects.filter(record=record).exists()
    assert owner_client.get(f"/records/{record.public_id}/report.pdf").status_code == 202

    call_command("render_reports", "--every", "0.01", "--rounds", "2")

    assert renders == [1]
    assert RecordReport.objects.filter(record=record).exists()
    assert owner_client.get(f"/records/{record.public_id}/report.pdf").status_code == 200


def test_the_report_worker_refuses_a_pause_of_nothing(acme):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="more than 0 seconds"):
        call_command("render_reports", "--every", "0")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_worker_warms_its_report_renderer_up_and_stores_nothing(
    acme, owner, settings, monkeypatch
):
    make_record(acme, owner)
    reports = RecordReport.objects.count()
    stored = default_storage.listdir("reports/acme")[1]
    settings.REPORTS_IN_BACKGROUND = True
    renders = []
    real = render.report_pdf

    def counting(**kwargs):
        renders.append(1)
        return real(**kwargs)

    monkeypatch.setattr(render, "report_pdf", counting)

    services.report_warm_up()

    assert services.report_tasks.wait(timeout=60)
    assert renders == [1]
    assert RecordReport.objects.count() == reports
    assert default_storage.listdir("reports/acme")[1] == stored


def test_no_warm_up_where_a_report_worker_renders_or_there_is_no_record(
    acme, owner, settings, monkeypatch
):
    settings.REPORTS_IN_BACKGROUND = True
    renders = []
    monkeypatch.setattr(render, "report_pdf", lambda **kwargs: renders.append(1))

    services.report_warm_up()  # no record yet
    assert services.report_tasks.wait(timeout=60)
    settings.REPORT_WORKER = True
    services.report_warm_up()
    assert services.report_tasks.wait(timeout=60)

    assert renders == []
