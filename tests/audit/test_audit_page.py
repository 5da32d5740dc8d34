"""The audit trail page and its CSV, for an organisation's administrators: newest first,
filtered by action, record, person and dates, 50 events a page; another organisation's
administrator gets 404, a member of the organisation 403."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from questionnaire.models import AuditEvent
from tests.audit.conftest import browser, events
from tests.records.conftest import make_record, raw_delete

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

A = AuditEvent.Action
PAGE = "/organisations/acme/audit/"
CSV = "/organisations/acme/audit.csv"


def logged(organisation, action=A.RECORD_VIEWED, *, days_ago=0.0, **fields) -> AuditEvent:
    values = {
        "organisation": organisation,
        "action": action,
        "actor_username": "alice",
        "created_at": timezone.now() - timedelta(days=days_ago),
        **fields,
    }
    return AuditEvent.objects.create(**values)


def page_rows(client: Client, query: str = "") -> list[str]:
    response = client.get(PAGE + query)
    assert response.status_code == 200, response.status_code
    body = re.search(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S)
    return re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []


def csv_rows(client: Client, query: str = "") -> list[dict[str, str]]:
    response = client.get(CSV + query)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-acme-')
    text = response.getvalue().decode()
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------------ who may see it


def test_an_administrator_reads_the_trail_newest_first(acme, admin):
    logged(acme, object_id="oldest", days_ago=2)
    logged(acme, object_id="newest", days_ago=0)

    rows = page_rows(browser(admin))

    assert ["newest" in rows[0], "oldest" in rows[1]] == [True, True]


def test_the_dashboard_links_administrators_to_the_trail(acme, admin, colleague):
    assert PAGE in browser(admin).get("/").content.decode()
    assert PAGE not in browser(colleague).get("/").content.decode()


def test_a_member_who_does_not_administer_gets_403(acme, owner, colleague):
    for user in (owner, colleague):
        assert browser(user).get(PAGE).status_code == 403
        assert browser(user).get(CSV).status_code == 403
    assert events(A.AUDIT_EXPORTED) == []


def test_another_organisations_administrator_gets_404(acme, outsider):
    assert browser(outsider).get(PAGE).status_code == 404
    assert browser(outsider).get(CSV).status_code == 404
    assert events(A.AUDIT_EXPORTED) == []


def test_someone_signed_out_is_sent_to_sign_in(acme):
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_organisations_events_never_show(acme, other, admin):
    logged(other, object_id="other-event")
    logged(acme, object_id="acme-event")

    rows = page_rows(browser(admin))

    assert len(rows) == 1
    assert "acme-event" in rows[0]
    assert all("other-event" not in row["object_id"] for row in csv_rows(browser(admin)))


# ------------------------------------------------------------------ filters


def test_it_filters_by_action(acme, admin):
    logged(acme, A.RECORD_VIEWED, object_id="viewed")
    logged(acme, A.RECORD_EXPORTED, object_id="exported")

    rows = page_rows(browser(admin), "?action=record.exported")

    assert len(rows) == 1
    assert "exported" in rows[0]


def test_it_filters_by_record(acme, owner, admin):
    first = make_record(acme, owner)
    second = make_record(acme, owner, model_name="Second-13B")
    browser(owner).get(f"/records/{first.public_id}/")
    browser(owner).get(f"/records/{second.public_id}/")

    rows = page_rows(browser(admin), f"?record={second.public_id}")

    assert rows  # attested and viewed
    assert all(f"/records/{second.public_id}/" in row for row in rows)
    assert len(rows) == 2


def test_it_filters_by_person(acme, admin):
    logged(acme, actor_username="alice", object_id="by-alice")
    logged(acme, actor_username="bob", object_id="by-bob")

    rows = page_rows(browser(admin), "?person=bob")

    assert len(rows) == 1
    assert "by-bob" in rows[0]


def test_it_filters_by_dates_both_included(acme, admin):
    today = timezone.now().date()
    for days in (10, 5, 1):
        logged(acme, object_id=f"{days}-days-ago", days_ago=days)
    since = today - timedelta(days=5)
    until = today - timedelta(days=1)

    rows = page_rows(browser(admin), f"?since={since}&until={until}")

    assert len(rows) == 2
    assert "5-days-ago" in rows[1]
    assert "1-days-ago" in rows[0]


def test_an_end_date_before_the_start_date_is_an_error_tied_to_its_field(acme, admin):
    response = browser(admin).get(PAGE + "?since=2026-05-02&until=2026-05-01")

    assert response.status_code == 400
    page = response.content.decode()
    assert '<label class="field__label" for="id_until">To</label>' in page
    assert 'id="id_until_error"' in page
    assert "The end date is before the start date." in page
    assert 'href="#id_until"' in page  # the error summary links to the field


def test_a_record_id_that_is_not_an_id_is_an_error_not_a_crash(acme, admin):
    response = browser(admin).get(PAGE + "?record=nonsense")
    assert response.status_code == 400
    assert 'id="id_record_error"' in response.content.decode()


def test_every_filter_has_a_label(acme, admin):
    page = browser(admin).get(PAGE).content.decode()
    for name in ("action", "record", "person", "since", "until"):
        assert f'for="id_{name}"' in page
        assert f'id="id_{name}"' in page


def test_the_page_shows_fifty_events_and_links_to_older_ones_keeping_the_filter(acme, admin):
    for number in range(60):
        logged(acme, object_id=f"event-{number:02}", days_ago=(60 - number) / 1000)

    first = browser(admin).get(PAGE + "?person=alice").content.decode()
    rows = page_rows(browser(admin), "?person=alice")

    assert len(rows) == 50
    assert "event-59" in rows[0]
    assert "?person=alice&amp;page=2" in first
    assert len(page_rows(browser(admin), "?person=alice&page=2")) == 10


# ------------------------------------------------------------------ the CSV


def test_the_csv_holds_every_filtered_event_with_its_columns(acme, owner, admin):
    record = make_record(acme, owner)
    when = datetime(2026, 5, 1, 12, 30, tzinfo=UTC)
    logged(
        acme,
        A.RECORD_REPORT_DOWNLOADED,
        record=record,
        object_id=str(record.public_id),
        actor=owner,
        ip_address="203.0.113.7",
        user_agent="Firefox",
        detail={"n": 1},
        created_at=when,
    )
    for number in range(60):
        logged(acme, object_id=f"event-{number}")

    rows = csv_rows(browser(admin), "?action=record.report_downloaded")

    assert rows == [
        {
            "time_utc": "2026-05-01T12:30:00+00:00",
            "action": "record.report_downloaded",
            "actor": "alice",
            "record_id": str(record.public_id),
            "object_id": str(record.public_id),
            "ip_address": "203.0.113.7",
            "user_agent": "Firefox",
            "detail": '{"n": 1}',
        }
    ]
    assert len(csv_rows(browser(admin), "?action=record.viewed")) == 60


def test_cells_a_spreadsheet_would_run_as_formulas_are_quoted(acme, admin):
    logged(
        acme,
        actor_username="@mallory",
        object_id="-2+3",
        user_agent='=HYPERLINK("http://evil.example","click")',
    )

    (row,) = csv_rows(browser(admin), "?action=record.viewed")

    assert row["user_agent"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["actor"] == "'@mallory"
    assert row["object_id"] == "'-2+3"


def test_exporting_the_csv_is_itself_recorded(acme, admin):
    logged(acme)

    browser(admin, "198.51.100.8").get(CSV + "?person=alice")

    (exported,) = events(A.AUDIT_EXPORTED)
    assert exported.actor == admin
    assert exported.organisation == acme
    assert exported.ip_address == "198.51.100.8"
    assert exported.detail == {"filters": "person=alice", "events": 1}
    assert json.loads(exported.detail_json) == exported.detail


# ------------------------------------------------------------------ the admin site


def test_staff_read_the_trail_in_the_admin_site_and_can_change_nothing(acme):
    staff = get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20)
    event = logged(acme, object_id="in-the-admin")
    client = Client()
    client.force_login(staff)

    listing = client.get("/admin/questionnaire/auditevent/")
    assert listing.status_code == 200
    assert "in-the-admin" in listing.content.decode()
    assert client.get("/admin/questionnaire/auditevent/add/").status_code == 403
    assert client.get(f"/admin/questionnaire/auditevent/{event.pk}/delete/").status_code == 403
    change = client.get(f"/admin/questionnaire/auditevent/{event.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()


def test_an_event_whose_record_was_deleted_behind_the_application_still_reads(acme, owner, admin):
    record = make_record(acme, owner)
    raw_delete(record)

    rows = page_rows(browser(admin), f"?record={record.public_id}")
    (row,) = csv_rows(browser(admin), "?action=record.attested")

    assert len(rows) == 1
    assert str(record.public_id) in rows[0]
    assert row["object_id"] == str(record.public_id)
    assert row["record_id"] == ""
