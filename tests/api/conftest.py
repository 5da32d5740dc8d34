"""Fixtures of the API tests: acme's model, tokens of each scope, a client that sends them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from questionnaire.api.services import api_token_create
from questionnaire.ledger.services import registered_model_create
from questionnaire.models import Membership
from tests.people import make_member


class Api:
    """A test client speaking JSON with one bearer token."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str) -> Any:
        return self.client.get(path, headers=self._headers())

    def put(self, path: str, body: Any, *, raw: str | None = None) -> Any:
        data = raw if raw is not None else json.dumps(body)
        return self.client.put(
            path, data=data, content_type="application/json", headers=self._headers()
        )


@pytest.fixture(autouse=True)
def rate_counts_cleared():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def acme_admin(acme):
    return make_member("carol", acme, Membership.Role.ADMIN)


@pytest.fixture
def model(acme):
    return registered_model_create(organisation=acme, name="Falcon-Large", user=None)


@pytest.fixture
def token(acme, acme_admin):
    return api_token_create(
        organisation=acme,
        name="pre-training cluster A",
        scopes=["write_ledger", "read_models"],
        user=acme_admin,
    )


@pytest.fixture
def api(token):
    return Api(token.raw)


def entry(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "pre_training",
        "status": "planned",
        "revision": 1,
        "started_on": "2026-11-01",
        "compute": {"method": "direct", "flop": "2e24"},
        "description": "Pre-training, stage 1",
    }
    body.update(changes)
    return body


def ledger_url(model, key: str = "run-1") -> str:
    return f"/api/v1/models/{model.public_id}/ledger/{key}"
