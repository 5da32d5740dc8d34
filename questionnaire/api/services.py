"""Writes of the API's tokens: made (the raw token returned once, only its hash kept),
revoked, and marked as used. Making and revoking are audited in their own transaction."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from questionnaire.api.selectors import TOKEN_PREFIX, token_sha256
from questionnaire.audit import Action, Origin, audit_log
from questionnaire.models import ApiToken, Organisation
from questionnaire.selectors import membership_get

SCOPES = tuple(ApiToken.Scope.values)
PREFIX_LENGTH = ApiToken._meta.get_field("prefix").max_length or 12
LAST_USED_EVERY = timedelta(minutes=1)
"""``last_used_at`` is written at most this often: not a database write per request."""


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its raw value, shown once and never stored."""

    token: ApiToken
    raw: str


def _administrator(*, user: User, organisation: Organisation) -> None:
    """Views check this first; services check it again (a command or a test calling them)."""
    if not membership_get(user=user, organisation=organisation).can_administer:
        raise PermissionDenied(
            gettext("Only administrators of the organisation can manage API tokens.")
        )


def api_token_actor(*, token: ApiToken) -> str:
    """How the audit trail names a token that acted: its prefix and its name."""
    return f"API token {token.prefix}… {token.name}"


def api_token_create(
    *,
    organisation: Organisation,
    name: str,
    scopes: Sequence[str],
    user: User,
    origin: Origin | None = None,
) -> IssuedToken:
    _administrator(user=user, organisation=organisation)
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise ValueError(f"Scopes must be some of {SCOPES}, not {unknown or 'none'}.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            organisation=organisation,
            name=name,
            prefix=raw[:PREFIX_LENGTH],
            token_sha256=token_sha256(raw),
            scopes=sorted(set(scopes)),
            created_by=user,
        )
        audit_log(
            action=Action.API_TOKEN_CREATED,
            origin=origin,
            actor=user,
            organisation=organisation,
            object_id=f"api_token:{token.pk}",
            detail={
                "token": token.pk,
                "name": name,
                "prefix": token.prefix,
                "scopes": token.scopes,
            },
        )
    return IssuedToken(token=token, raw=raw)


def api_token_revoke(
    *, organisation: Organisation, token: ApiToken, user: User, origin: Origin | None = None
) -> bool:
    """Revoke the token; False when it was revoked already (nothing is written then)."""
    _administrator(user=user, organisation=organisation)
    if token.organisation_id != organisation.pk:
        raise PermissionDenied(gettext("The token is not the organisation's."))
    with transaction.atomic():
        now = timezone.now()
        changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=now
        )
        if not changed:
            return False
        token.revoked_at = now
        audit_log(
            action=Action.API_TOKEN_REVOKED,
            origin=origin,
            actor=user,
            organisation=organisation,
            object_id=f"api_token:{token.pk}",
            detail={"token": token.pk, "name": token.name, "prefix": token.prefix},
        )
    return True


def api_token_used(*, token: ApiToken) -> None:
    """Note that the token was used now, unless that was noted less than a minute ago."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
