"""The people of the review tests: organisation "acme" with four eyes on, where paula (a
member) prepares the drafts, rita reviews them and alice attests; eve administers "other"
and must see nothing of acme's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from questionnaire.models import Draft, Membership, Organisation
from tests.people import make_member, signed_in
from tests.records.conftest import signing_paths, signing_setup
from tests.web.wizard_helpers import WizardDriver

__all__ = ["signing_paths", "signing_setup"]

# The shortest journey: a model for research only is out of scope after two steps.
JOURNEY: list[tuple[str, dict[str, Any]]] = [
    ("model", {"model_name": "Lab prototype", "role": "developer"}),
    ("market", {"placement": "research_only"}),
]


@pytest.fixture
def four_eyes(acme: Organisation) -> Organisation:
    acme.four_eyes = True
    acme.save()
    return acme


@pytest.fixture
def preparer(four_eyes):
    return make_member("paula", four_eyes, Membership.Role.MEMBER)


@pytest.fixture
def reviewer(four_eyes):
    return make_member("rita", four_eyes, Membership.Role.REVIEWER)


@pytest.fixture
def attester(four_eyes):
    return make_member("alice", four_eyes, Membership.Role.ATTESTER)


@pytest.fixture
def preparer_client(preparer) -> Client:
    return signed_in(preparer)


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return signed_in(reviewer)


@pytest.fixture
def attester_client(attester) -> Client:
    return signed_in(attester)


@pytest.fixture
def prepared(preparer_client, four_eyes, reviewer, attester) -> WizardDriver:
    """paula's draft, every step answered, at its review (not submitted yet)."""
    wizard = WizardDriver(preparer_client).start(four_eyes)
    wizard.walk(JOURNEY)
    return wizard


@pytest.fixture
def submitted(prepared: WizardDriver) -> WizardDriver:
    response = prepared.client.post(review_url(prepared, "submit"))
    assert response.status_code == 302, response.status_code
    assert prepared.draft.status == Draft.Status.SUBMITTED
    return prepared


def review_url(wizard: WizardDriver, action: str) -> str:
    return f"/drafts/{wizard.draft_id}/review/{action}/"


def comment(client: Client, wizard: WizardDriver, body: str, **target: str) -> Any:
    """Post a comment: ``question=KEY`` opens a thread on an answer (the review's form for
    it is ``comment-N``), ``thread=ID`` replies in one."""
    review = client.get(wizard.step_url("review")).content.decode()
    if "thread" in target:
        prefix = f"reply-{target['thread']}"
    else:
        forms = re.findall(r'<form id="(comment-\d+)"[^>]*>(.*?)</form>', review, re.S)
        found = [form_id for form_id, inner in forms if f'value="{target["question"]}"' in inner]
        assert found, f"no comment form for {target['question']!r}"
        prefix = found[0]
    return client.post(review_url(wizard, "comments"), {**target, f"{prefix}-body": body})
