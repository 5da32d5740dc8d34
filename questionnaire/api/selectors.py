"""Reads of the API: its tokens, and an organisation's models and ledger entries."""

from __future__ import annotations

import hashlib
import hmac

from django.db.models import QuerySet

from questionnaire.models import ApiToken, Organisation, RegisteredModel

TOKEN_PREFIX = "gpai_"  # noqa: S105 - a marker, not a secret
"""Every token starts with this, so that a secret scanner (and a person) can tell it."""


def token_sha256(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_find(*, raw: str) -> ApiToken | None:
    """The token whose SHA-256 is the raw token's, revoked or not (the caller says 401 for
    both), or None. The lookup is by the hash's unique index; the compare that confirms it
    is constant-time, so that the answer's timing tells nothing of how close a guess was."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    digest = token_sha256(raw)
    token = ApiToken.objects.select_related("organisation").filter(token_sha256=digest).first()
    if token is None or not hmac.compare_digest(token.token_sha256, digest):
        return None
    return token


def api_tokens_of(*, organisation: Organisation) -> QuerySet[ApiToken]:
    """The organisation's tokens, newest first, revoked ones included (the page shows when)."""
    return ApiToken.objects.filter(organisation=organisation).select_related("created_by")


def api_token_of(*, organisation: Organisation, token_id: int) -> ApiToken | None:
    return ApiToken.objects.filter(organisation=organisation, pk=token_id).first()


def registered_models_of(*, organisation: Organisation) -> QuerySet[RegisteredModel]:
    return RegisteredModel.objects.filter(organisation=organisation)
