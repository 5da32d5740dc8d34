"""The reads written out for speed (questionnaire/lib/rows.py) give what the ORM gives: the
session, the signed-in user and the wizard's draft, whatever the database."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from questionnaire import selectors
from questionnaire.accounts.backends import ModelBackend
from questionnaire.accounts.sessions import SessionStore
from questionnaire.models import Draft, Question
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db


def field_values(instance: Any, model: Any) -> dict[str, Any]:
    return {
        field.attname: getattr(instance, field.attname) for field in model._meta.concrete_fields
    }


def test_draft_get_matches_the_orm(owner, owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.post("model", {"model_name": "Ünïcode-70B", "role": "developer"})
    public_id = Draft.objects.get().public_id

    read: Any = selectors.draft_get(user=owner, public_id=public_id)
    orm: Any = (
        selectors.drafts_for(user=owner)
        .annotate(member_role=F("organisation__memberships__role"), **selectors.wording_stamp())
        .get(public_id=public_id)
    )
    assert field_values(read, Draft) == field_values(orm, Draft)
    # The step data is the decoded JSON, the ids and times are Python's, not the text SQLite keeps.
    assert read.state == orm.state and read.state
    assert isinstance(read.public_id, uuid.UUID)
    assert read.updated_at.tzinfo is not None
    assert field_values(read.organisation, type(orm.organisation)) == field_values(
        orm.organisation, type(orm.organisation)
    )
    assert read.member_role == orm.member_role == "attester"
    assert (read.wording_updated, read.wording_count) == (orm.wording_updated, orm.wording_count)
    assert read.wording_count == Question.objects.count() > 0


def test_draft_get_is_404_for_another_persons_draft_a_bad_key_and_nobody(
    owner, owner_client, colleague, outsider, acme
):
    WizardDriver(owner_client).start(acme)
    public_id = Draft.objects.get().public_id
    for user in (colleague, outsider):
        with pytest.raises(Http404):
            selectors.draft_get(user=user, public_id=public_id)
    with pytest.raises(Http404):
        selectors.draft_get(user=owner, public_id="not-a-uuid")
    with pytest.raises(Http404):
        selectors.draft_get(user=owner, public_id=uuid.uuid4())
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        selectors.draft_get(user=AnonymousUser(), public_id=public_id)


def test_draft_get_follows_a_wording_change(owner, owner_client, acme):
    WizardDriver(owner_client).start(acme)
    public_id = Draft.objects.get().public_id
    before: Any = selectors.draft_get(user=owner, public_id=public_id)
    question: Any = Question.objects.order_by("pk").first()
    question.label += " (changed)"
    question.save()
    after: Any = selectors.draft_get(user=owner, public_id=public_id)
    assert after.wording_updated > before.wording_updated


def test_session_store_reads_what_django_wrote_and_not_once_expired():
    store = SessionStore()
    store["answer"] = {"nested": [1, "zwei"]}
    store.save()
    assert SessionStore(store.session_key)["answer"] == {"nested": [1, "zwei"]}

    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert "answer" not in expired
    assert expired.session_key is None  # a new one is made when something is stored
    assert "answer" not in SessionStore("no-such-session-key")


def test_backend_reads_the_user_and_refuses_the_inactive_and_nonsense(owner):
    backend = ModelBackend()
    user = backend.get_user(owner.pk)
    assert user is not None
    assert field_values(user, get_user_model()) == field_values(
        get_user_model().objects.get(pk=owner.pk), get_user_model()
    )
    assert backend.get_user(str(owner.pk)) == owner  # the session keeps it as text
    assert backend.get_user("nonsense") is None
    assert backend.get_user(10**9) is None
    owner.is_active = False
    owner.save()
    assert backend.get_user(owner.pk) is None


def test_a_signed_in_page_reads_session_and_user_through_these(owner_client):
    response = owner_client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    assert type(response.wsgi_request.session) is SessionStore
