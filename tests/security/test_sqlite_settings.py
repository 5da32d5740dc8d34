"""The default SQLite database is configured for concurrent use (config/settings.py):
WAL, IMMEDIATE transactions and a busy timeout, so that four people saving drafts at once
never meet "database is locked" (issue 9: 3.9 % of requests failed with 4 users)."""

from __future__ import annotations

import functools

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from questionnaire import services
from questionnaire.models import Draft, Organisation
from questionnaire.wizard.storage import DraftStorage
from tests.security.sqlite_file import FileDatabase

SAVES_PER_THREAD = 15
THREADS = 4


def pragma(name: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_a_connection_uses_wal_normal_sync_a_busy_timeout_and_immediate_transactions(
    file_database: FileDatabase,
):
    seen: dict[str, object] = {}

    def look() -> None:
        seen["journal_mode"] = pragma("journal_mode")
        seen["synchronous"] = pragma("synchronous")
        seen["busy_timeout"] = pragma("busy_timeout")
        with CaptureQueriesContext(connection) as captured, transaction.atomic():
            Organisation.objects.count()
        seen["begin"] = captured.captured_queries[0]["sql"]

    assert file_database.run([look]) == []
    assert seen["journal_mode"] == "wal"
    assert seen["synchronous"] == 1  # NORMAL
    assert int(str(seen["busy_timeout"])) >= 5000
    assert seen["begin"] == "BEGIN IMMEDIATE"


def _drafts(count: int) -> list[int]:
    organisation = services.organisation_create(slug="acme", name="Acme AI")
    drafts = []
    for index in range(count):
        user = User.objects.create_user(f"user{index}")
        services.membership_set(organisation=organisation, user=user, role="member")
        drafts.append(services.draft_create(user=user, organisation=organisation).pk)
    return drafts


def _save_repeatedly(draft_pk: int) -> None:
    """What a wizard POST does to its draft, over and over: read the row, write the step."""
    factory = RequestFactory()
    for index in range(SAVES_PER_THREAD):
        draft = Draft.objects.get(pk=draft_pk)
        storage = DraftStorage("p", factory.post("/"), draft=draft)
        storage.current_step = "model"
        storage.set_step_data("model", {"model-model_name": [f"Model {index}"]})
        storage.update_response(HttpResponse())


def test_four_people_saving_drafts_at_once_never_meet_a_locked_database(
    file_database: FileDatabase,
):
    made: list[int] = []
    assert file_database.run([lambda: made.extend(_drafts(THREADS))]) == []

    errors = file_database.run([functools.partial(_save_repeatedly, pk) for pk in made])

    assert errors == []
    names: list[str] = []
    assert (
        file_database.run(
            [lambda: names.extend(Draft.objects.values_list("model_name", flat=True))]
        )
        == []
    )
    assert names == [f"Model {SAVES_PER_THREAD - 1}"] * THREADS
