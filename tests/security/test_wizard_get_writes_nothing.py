"""A wizard GET writes nothing (questionnaire/wizard/storage.py, wizard/view.py).

Under load every write queues for SQLite's single write lock, so pages that wrote on view
failed too (issue 9: 4.6 % of wizard GETs at 32 connections). The step a draft resumes at
and "reviewed" are stored by the POSTs that lead there. Sessions are kept in the database,
but a GET saves the session only when it changed (SESSION_SAVE_EVERY_REQUEST is off): none
of these GETs does, so no write at all is allowed here."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.web.test_wizard_queries import STEPS
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes_of(wizard: WizardDriver, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = wizard.client.get(url)
    assert response.status_code in (200, 302), (url, response.status_code)
    return [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(WRITES)
    ]


def test_no_step_get_writes_to_the_database(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in STEPS[:-1]:
        wizard.answer(step, fields)
    before = wizard.draft

    urls = [wizard.url] + [wizard.step_url(step) for step, _ in STEPS] + [wizard.url]
    for url in urls:
        assert writes_of(wizard, url) == [], url

    after = wizard.draft
    assert (after.state, after.current_step, after.updated_at) == (
        before.state,
        before.current_step,
        before.updated_at,
    )


def test_the_review_is_remembered_by_the_post_that_leads_to_it(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in STEPS[:-1]:
        wizard.answer(step, fields)  # the last of these leads to the review

    assert wizard.draft.state["extra_data"].get("reviewed") is True
    assert wizard.draft.current_step == "review"
    # Every step now offers the way back to the review, though the review GET wrote nothing.
    assert "wizard_to_review" in wizard.page("model")
