"""Reads of the members room. The organisation comes from ``selectors.organisation_get``
(the user's own, else 404); what is read here is scoped to it, so an id of another
organisation's member or invitation is a 404 too."""

from __future__ import annotations

import hashlib
import hmac

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from questionnaire.models import Invitation, Membership, Organisation


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's memberships with their people, by username."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__username")
    )


def member_get(*, organisation: Organisation, member_id: object) -> Membership:
    """One membership of the organisation, by its id; 404 for any other or a malformed id."""
    try:
        return members_of(organisation=organisation).get(pk=int(str(member_id)))
    except (Membership.DoesNotExist, ValueError):
        raise Http404("No such member.") from None


def admins_count(*, organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN).count()


def _usable() -> Q:
    return Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


def invitations_pending(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations of the organisation that can still be accepted, newest first."""
    return (
        Invitation.objects.filter(_usable(), organisation=organisation)
        .select_related("created_by")
        .order_by("-created_at")
    )


def invitation_pending_get(*, organisation: Organisation, invitation_id: object) -> Invitation:
    """A pending invitation of the organisation; 404 for any other (used, revoked, expired,
    another organisation's, or a malformed id)."""
    try:
        return invitations_pending(organisation=organisation).get(pk=int(str(invitation_id)))
    except (Invitation.DoesNotExist, ValueError):
        raise Http404("No such invitation.") from None


def token_sha256(token: str) -> str:
    """What an invitation keeps of its token."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def invitation_by_token(*, token: str) -> Invitation | None:
    """The usable invitation whose token this is, or ``None`` (unknown, used, revoked or
    expired alike: the caller shows one page for all).

    Looked up by the token's SHA-256, never by the token: the table holds no token, and
    the time a lookup takes depends on a hash the guesser cannot steer. The digest is then
    compared again in constant time. No throttle is needed against guessing: a token is 32
    random bytes (256 bits), which no number of requests finds."""
    if not token or len(token) > 100:
        return None
    digest = token_sha256(token)
    invitation = (
        Invitation.objects.filter(_usable(), token_sha256=digest)
        .select_related("organisation", "created_by")
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation.token_sha256, digest):
        return None
    return invitation
