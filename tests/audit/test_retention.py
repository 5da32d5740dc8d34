"""Addresses and browsers are personal data: ``manage.py audit_truncate_addresses`` clears
them from events older than ``AUDIT_ADDRESS_RETENTION_DAYS``, keeps everything else, and
records that it did."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from questionnaire.models import AuditEvent
from tests.audit.conftest import events

pytestmark = pytest.mark.django_db

A = AuditEvent.Action


def event_aged(days: float, acme, owner, address: str = "203.0.113.7") -> AuditEvent:
    return AuditEvent.objects.create(
        organisation=acme,
        actor=owner,
        actor_username="alice",
        action=A.RECORD_VIEWED,
        object_id=f"record-{days}",
        ip_address=address,
        user_agent="Firefox",
        created_at=timezone.now() - timedelta(days=days),
    )


def truncate(*args: str) -> str:
    out = StringIO()
    call_command("audit_truncate_addresses", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def fresh(event: AuditEvent) -> AuditEvent:
    return AuditEvent.objects.get(pk=event.pk)


def test_it_clears_only_addresses_older_than_the_retention_period(settings, acme, owner):
    settings.AUDIT_ADDRESS_RETENTION_DAYS = 90
    old = event_aged(91, acme, owner)
    recent = event_aged(89, acme, owner, address="2001:db8::1")

    output = truncate()

    assert "Cleared the address of 1 audit events" in output
    assert (fresh(old).ip_address, fresh(old).user_agent) == (None, "")
    assert (fresh(old).actor_username, fresh(old).object_id) == ("alice", "record-91")
    assert (fresh(recent).ip_address, fresh(recent).user_agent) == ("2001:db8::1", "Firefox")


def test_the_clearing_is_itself_an_event_with_the_count_and_the_cutoff(settings, acme, owner):
    settings.AUDIT_ADDRESS_RETENTION_DAYS = 30
    event_aged(45, acme, owner)
    event_aged(31, acme, owner)

    truncate()

    (logged,) = events(A.AUDIT_ADDRESSES_TRUNCATED)
    assert logged.detail["cleared"] == 2
    cutoff = datetime.fromisoformat(logged.detail["before"])
    assert abs(cutoff - (timezone.now() - timedelta(days=30))) < timedelta(minutes=1)
    assert logged.detail["via"] == "manage.py audit_truncate_addresses"
    assert logged.ip_address is None


def test_running_it_twice_clears_nothing_the_second_time(settings, acme, owner):
    settings.AUDIT_ADDRESS_RETENTION_DAYS = 90
    event_aged(100, acme, owner)

    truncate()
    output = truncate()

    assert "Cleared the address of 0 audit events" in output
    assert [event.detail["cleared"] for event in events(A.AUDIT_ADDRESSES_TRUNCATED)] == [1, 0]


def test_a_dry_run_counts_and_changes_nothing(settings, acme, owner):
    settings.AUDIT_ADDRESS_RETENTION_DAYS = 90
    old = event_aged(120, acme, owner)

    output = truncate("--dry-run")

    assert "1 audit events" in output
    assert "would have their address cleared" in output
    assert fresh(old).ip_address == "203.0.113.7"
    assert events(A.AUDIT_ADDRESSES_TRUNCATED) == []


def test_a_negative_retention_period_is_refused(settings):
    settings.AUDIT_ADDRESS_RETENTION_DAYS = -1
    with pytest.raises(CommandError, match="0 or more days"):
        truncate()
