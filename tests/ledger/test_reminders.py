"""``manage.py send_reminders``: records decided under an older rule set, obligations due
soon and the Art. 52(1) deadline of a crossing are told, each once per stage."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from questionnaire.ledger.reminders import reminders_send
from questionnaire.ledger.services import (
    ledger_entry_put,
    notification_deadline,
    registered_model_create,
)
from questionnaire.models import AssessmentRecord
from questionnaire.scoring.rulesets import available
from tests.ledger.conftest import direct
from tests.records.conftest import make_record, signing_paths, signing_setup

__all__ = ["signing_paths", "signing_setup"]
pytestmark = pytest.mark.usefixtures("signing_setup")


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    def run(today: date, days: int = 30) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=today, days=days)

    return run


def test_it_reminds_admins_and_attesters(acme, owner, django_capture_on_commit_callbacks):
    make_record(acme, owner, ruleset=available()[0])
    assert AssessmentRecord.objects.count() == 1
    out = StringIO()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--days", "3650", stdout=out)
    assert "organisation" in out.getvalue()
    assert [message.to for message in mail.outbox] == [["alice@example.com"]], out.getvalue()
    assert "re-assess it" in mail.outbox[0].body
    # Told once: cron running it again says nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--days", "3650", stdout=out)
    assert len(mail.outbox) == 1


def test_an_upcoming_obligation_is_told_once_per_stage(acme, owner, remind):
    today = timezone.localdate()
    placing = today + timedelta(days=20)
    make_record(acme, owner, placement="planned", placed_on=placing.isoformat())
    mail.outbox.clear()
    assert remind(today) == 1
    assert len(mail.outbox) == 1
    assert f"is due on {placing.isoformat()}" in mail.outbox[0].body
    # The same day again, and the next day: nothing new to tell.
    assert remind(today) == 0
    assert remind(today + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    # A week before, and the day before: told again.
    assert remind(placing - timedelta(days=7)) == 1
    assert remind(placing - timedelta(days=1)) == 1
    assert len(mail.outbox) == 3
    # After the date: nothing.
    assert remind(placing + timedelta(days=1)) == 0


def test_the_notification_deadline_of_a_crossing_is_reminded(
    acme, owner, remind, django_capture_on_commit_callbacks
):
    model = registered_model_create(organisation=acme, name="Falcon", user=owner)
    known = date(2026, 11, 2)
    with django_capture_on_commit_callbacks(execute=True):
        ledger_entry_put(model=model, key="pt", data=direct("2e25"), source="typed", today=known)
    mail.outbox.clear()
    due = notification_deadline(known)
    assert remind(known + timedelta(days=3)) == 1
    body = mail.outbox[0].body
    assert (
        f"Falcon: the notification to the Commission (Art. 52(1)) is due on {due.isoformat()}"
        in body
    )
    assert "crossed on 2026-11-02" in body
