"""The audit trail is append-only: the ORM refuses to change or delete an event, and so
does the database (migration 0009's trigger) for anyone writing SQL by hand. The one change
it lets through is clearing an event's address and browser, as the retention command does.

CI runs these on SQLite and on PostgreSQL, each with its own trigger."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from questionnaire.models import AuditEvent, ImmutableAuditEvent

pytestmark = pytest.mark.django_db

A = AuditEvent.Action


@pytest.fixture
def event(acme, owner) -> AuditEvent:
    return AuditEvent.objects.create(
        organisation=acme,
        actor=owner,
        actor_username="alice",
        action=A.RECORD_VIEWED,
        object_id="a-record",
        ip_address="203.0.113.7",
        user_agent="Firefox",
        detail={"n": 1},
    )


def raw(sql: str, params: list[Any]) -> None:
    """Run one statement, as someone with database access could; a refusal is raised with
    the statement's own savepoint rolled back, so the test can go on."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def stored(event: AuditEvent) -> AuditEvent:
    return AuditEvent.objects.get(pk=event.pk)


# ------------------------------------------------------------------ the ORM


def test_saving_an_event_again_is_refused(event):
    event.action = A.RECORD_EXPORTED
    with pytest.raises(ImmutableAuditEvent):
        event.save()
    assert stored(event).action == A.RECORD_VIEWED


def test_deleting_an_event_is_refused(event):
    with pytest.raises(ImmutableAuditEvent):
        event.delete()
    with pytest.raises(ImmutableAuditEvent):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_updating_events_in_bulk_is_refused(event):
    with pytest.raises(ImmutableAuditEvent):
        AuditEvent.objects.update(actor_username="mallory")
    assert stored(event).actor_username == "alice"


# ------------------------------------------------------------------ the database


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor_username", "mallory"),
        ("action", "record.exported"),
        ("object_id", "another-record"),
        ("created_at", timezone.now() - timedelta(days=400)),
        ("detail", '{"n": 2}'),
        ("ip_address", "192.0.2.99"),
        ("user_agent", "Another browser"),
        ("organisation_id", None),
        ("actor_id", None),
    ],
)
def test_the_database_refuses_any_change_to_an_event_by_sql(event, column, value):
    with pytest.raises(DatabaseError, match="append-only"):
        raw(f"UPDATE questionnaire_auditevent SET {column} = %s WHERE id = %s", [value, event.pk])  # noqa: S608

    kept = stored(event)
    assert (kept.actor_username, kept.action, kept.object_id) == (
        "alice",
        A.RECORD_VIEWED,
        "a-record",
    )
    assert (kept.ip_address, kept.user_agent, kept.detail) == ("203.0.113.7", "Firefox", {"n": 1})
    assert kept.organisation_id is not None
    assert kept.actor_id is not None


def test_the_database_refuses_clearing_the_address_together_with_another_change(event):
    with pytest.raises(DatabaseError, match="append-only"):
        raw(
            "UPDATE questionnaire_auditevent SET ip_address = NULL, user_agent = '', "
            "actor_username = 'mallory' WHERE id = %s",
            [event.pk],
        )
    assert stored(event).ip_address == "203.0.113.7"


def test_the_database_refuses_clearing_only_the_address_and_keeping_the_browser(event):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("UPDATE questionnaire_auditevent SET ip_address = NULL WHERE id = %s", [event.pk])
    assert stored(event).ip_address == "203.0.113.7"


def test_the_database_refuses_deleting_an_event_by_sql(event):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("DELETE FROM questionnaire_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_lets_the_address_and_browser_be_cleared_and_nothing_else(event):
    raw(
        "UPDATE questionnaire_auditevent SET ip_address = NULL, user_agent = '' WHERE id = %s",
        [event.pk],
    )

    kept = stored(event)
    assert (kept.ip_address, kept.user_agent) == (None, "")
    assert (kept.actor_username, kept.action, kept.detail) == ("alice", A.RECORD_VIEWED, {"n": 1})


def test_the_queryset_clears_addresses_the_way_the_trigger_allows(event):
    assert AuditEvent.objects.filter(pk=event.pk).addresses_clear() == 1
    assert stored(event).ip_address is None


# A transactional test ends by emptying every table; serialized_rollback puts back what the
# data migrations loaded (the question wording) for the tests that run after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_test_that_commits_events_still_ends_with_an_empty_trail(acme, owner):
    """tests/conftest.py empties the trail before SQLite's flush, which the trigger would
    refuse; on PostgreSQL the flush truncates, which the trigger lets through."""
    AuditEvent.objects.create(organisation=acme, actor=owner, action=A.RECORD_VIEWED)
    assert AuditEvent.objects.count() == 1
