"""Who may use the API: tokens, scopes, organisations, revocation, the rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from questionnaire.api.services import api_token_create, api_token_revoke
from questionnaire.ledger.services import registered_model_create
from questionnaire.models import ApiToken, LedgerEntry
from tests.api.conftest import Api, entry, ledger_url


def test_it_answers_401_without_a_token(model):
    for path in ("/api/v1/models", f"/api/v1/models/{model.public_id}"):
        response = Api(None).get(path)
        assert response.status_code == 401
        assert response.json()["field"] == "Authorization"
        assert response["WWW-Authenticate"] == "Bearer"


def test_it_answers_401_for_an_unknown_token(model):
    for raw in ("gpai_not-a-token", "something else", "x" * 500):
        assert Api(raw).get("/api/v1/models").status_code == 401


def test_it_answers_401_for_a_revoked_token(acme, acme_admin, token, api, model):
    assert api.get("/api/v1/models").status_code == 200
    assert api_token_revoke(organisation=acme, token=token.token, user=acme_admin)
    response = api.put(ledger_url(model), entry())
    assert response.status_code == 401
    assert not LedgerEntry.objects.exists()


def test_it_answers_403_for_a_token_without_the_scope(acme, acme_admin, model):
    reader = Api(
        api_token_create(
            organisation=acme, name="dashboard", scopes=["read_models"], user=acme_admin
        ).raw
    )
    writer = Api(
        api_token_create(
            organisation=acme, name="job", scopes=["write_ledger"], user=acme_admin
        ).raw
    )
    response = reader.put(ledger_url(model), entry())
    assert response.status_code == 403
    assert "write_ledger" in response.json()["detail"]
    assert writer.get("/api/v1/models").status_code == 403
    assert writer.get(f"/api/v1/models/{model.public_id}/ledger").status_code == 403
    assert not LedgerEntry.objects.exists()


def test_it_answers_404_for_another_organisations_model(other, api, model):
    theirs = registered_model_create(organisation=other, name="Their model", user=None)
    for path in (f"/api/v1/models/{theirs.public_id}", f"/api/v1/models/{theirs.public_id}/ledger"):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json()["field"] == "model_id"
    assert api.put(ledger_url(theirs), entry()).status_code == 404
    assert not LedgerEntry.objects.exists()
    assert [m["name"] for m in api.get("/api/v1/models").json()] == ["Falcon-Large"]


def test_it_notes_when_a_token_was_last_used_at_most_once_a_minute(token, api, model):
    assert api.get("/api/v1/models").status_code == 200
    first = ApiToken.objects.get(pk=token.token.pk).last_used_at
    assert first is not None
    api.get("/api/v1/models")
    assert ApiToken.objects.get(pk=token.token.pk).last_used_at == first
    earlier = first - timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.token.pk).update(last_used_at=earlier)
    api.get("/api/v1/models")
    later = ApiToken.objects.get(pk=token.token.pk).last_used_at
    assert later is not None
    assert earlier < later <= timezone.now()


def test_only_the_tokens_hash_is_stored(token):
    stored = ApiToken.objects.get(pk=token.token.pk)
    assert token.raw.startswith(stored.prefix)
    assert token.raw not in (stored.token_sha256, stored.name, str(stored.scopes))


def test_it_answers_429_with_retry_after_past_the_rate_limit(settings, api):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    statuses = [api.get("/api/v1/models").status_code for _ in range(4)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429
    response = api.get("/api/v1/models")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Too many requests")


@pytest.mark.parametrize("header", ["Basic abc", "Bearer", "Token gpai_x"])
def test_malformed_authorization_headers_are_401(client, header, model):
    response = client.get("/api/v1/models", headers={"Authorization": header})
    assert response.status_code == 401
