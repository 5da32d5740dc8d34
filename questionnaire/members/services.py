"""Writes of the members room: invitations made, revoked and accepted; roles changed;
members removed. Each is one transaction with its audit event.

An organisation always keeps an administrator: demoting or removing the last one is
refused (``LastAdminError``). Changes to an organisation's members take its row lock first,
so that two administrators demoting each other at the same moment cannot both succeed."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from questionnaire.audit import Action, Origin, audit_log
from questionnaire.members.selectors import admins_count, invitation_by_token, token_sha256
from questionnaire.models import Invitation, Membership, Organisation
from questionnaire.notifications import notify
from questionnaire.scoring.texts import format_date
from questionnaire.selectors import membership_get

ROLES = Membership.Role

INVITATION_KIND = "invitation"
"""The outbox's kind for invitation e-mails (their body holds the one-time link)."""


class LastAdminError(Exception):
    """The change would leave the organisation without an administrator."""

    def __init__(self, organisation: Organisation) -> None:
        super().__init__(
            _(
                "%(organisation)s needs at least one administrator: make someone else "
                "an administrator first."
            )
            % {"organisation": organisation.name}
        )


class MemberGone(Exception):
    """The membership was removed meanwhile (by another administrator, say)."""


class InvitationUnusable(Exception):
    """The token names no invitation that can be accepted (unknown, used, revoked or
    expired: one answer for all)."""


@dataclass(frozen=True)
class IssuedInvitation:
    """A new invitation and its link, which holds the token: shown once, never stored."""

    invitation: Invitation
    url: str
    emailed: bool


@dataclass(frozen=True)
class Acceptance:
    """What accepting an invitation did: the membership, and whether the person was a
    member already (then their role was kept, not changed to the invitation's)."""

    membership: Membership
    already_member: bool


def _administrator(*, user: User, organisation: Organisation) -> None:
    """Views check this first; services check it again (a command or a test calling them)."""
    if not membership_get(user=user, organisation=organisation).can_administer:
        raise PermissionDenied(_("Only administrators of the organisation can manage its members."))


def _lock(organisation: Organisation) -> None:
    """The organisation's row lock: membership changes of one organisation take turns
    (PostgreSQL; SQLite's transactions are serialised by the settings' IMMEDIATE mode)."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


ROLE_LABELS = (
    gettext_noop("Member"),
    gettext_noop("Reviewer"),
    gettext_noop("Attester"),
    gettext_noop("Administrator"),
)
"""The English labels of ``Membership.Role`` (questionnaire.models), as catalogue msgids."""


def _role_label(role: str) -> str:
    return str(ROLES(role).label)


def role_name(role: str) -> str:
    """The role as a word of a sentence, in the active language: ``attester`` in English,
    ``Unterzeichnende(r)`` in German (nouns keep their capital), ``signataire`` in French."""
    label = _(_role_label(role))
    return label if (translation.get_language() or "en").startswith("de") else label.lower()


def _moment(moment: datetime, language: str) -> str:
    if language == "en":
        return f"{moment:%d %B %Y, %H:%M}"
    return f"{format_date(moment.date(), language)}, {moment:%H:%M}"


def invitation_url(*, token: str) -> str:
    """The absolute link of a token, on the public address of the site."""
    return settings.SITE_URL + reverse("invitation_accept", kwargs={"token": token})


def invitation_create(
    *,
    organisation: Organisation,
    by: User,
    role: str,
    email: str = "",
    origin: Origin | None = None,
) -> IssuedInvitation:
    """A one-time link to join the organisation with ``role``, usable for
    ``INVITATION_DAYS`` days. Only the token's SHA-256 is kept; the link is returned to be
    shown once and, when ``email`` is given, e-mailed there after the commit (the outbox
    forgets the message's body once it is sent)."""
    _administrator(user=by, organisation=organisation)
    role = ROLES(role).value
    token = secrets.token_urlsafe(32)
    url = invitation_url(token=token)
    expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_sha256=token_sha256(token),
            created_by=by,
            expires_at=expires_at,
        )
        audit_log(
            action=Action.ORGANISATION_MEMBER_INVITED,
            origin=origin,
            actor=by,
            organisation=organisation,
            object_id=f"invitation:{invitation.pk}",
            detail={"invitation": invitation.pk, "email": email, "role": role},
        )
        if email:
            inviter = by.get_full_name() or by.get_username()

            def render() -> tuple[str, str]:
                """The invitation in the active language: that of the inviter, as the
                invited person has chosen none yet."""
                language = (translation.get_language() or "en").split("-")[0]
                values = {
                    "inviter": inviter,
                    "organisation": organisation.name,
                    "role": role_name(role),
                    "until": _moment(expires_at, language),
                    "url": url,
                }
                subject = _("Join %(organisation)s on GPAI Assessor") % values
                body = "\n\n".join(
                    [
                        _(
                            "%(inviter)s invites you to join %(organisation)s on GPAI Assessor "
                            "as %(role)s."
                        )
                        % values,
                        _("Open this link to accept. It works once, until %(until)s UTC:") % values,
                        url,
                        _("If you did not expect this invitation, you can ignore this message.")
                        + "\n",
                    ]
                )
                return subject, body

            notify(
                organisation=organisation,
                recipients=(),
                to_emails=[email],
                kind=INVITATION_KIND,
                render=render,
            )
    return IssuedInvitation(invitation=invitation, url=url, emailed=bool(email))


def invitation_revoke(*, invitation: Invitation, by: User, origin: Origin | None = None) -> bool:
    """Withdraw a pending invitation: its link stops working. False when it was no longer
    pending (accepted or revoked meanwhile): nothing is changed then."""
    organisation = invitation.organisation
    _administrator(user=by, organisation=organisation)
    with transaction.atomic():
        revoked = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if revoked:
            audit_log(
                action=Action.ORGANISATION_INVITATION_REVOKED,
                origin=origin,
                actor=by,
                organisation=organisation,
                object_id=f"invitation:{invitation.pk}",
                detail={"invitation": invitation.pk, "email": invitation.email},
            )
    return bool(revoked)


def invitation_accept(*, token: str, user: User, origin: Origin | None = None) -> Acceptance:
    """Join the invitation's organisation with its role, and use the invitation up. Someone
    who is a member already keeps their role (an invitation never demotes, nor promotes:
    that is a role change, made on the members page). ``InvitationUnusable`` when the token
    names no pending invitation, or when it was used up by someone else a moment ago."""
    with transaction.atomic():
        invitation = invitation_by_token(token=token)
        if invitation is None:
            raise InvitationUnusable
        organisation = invitation.organisation
        _lock(organisation)
        now = timezone.now()
        # Used up here, once: of two acceptances at the same moment only one updates it.
        used = Invitation.objects.filter(
            pk=invitation.pk,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now,
        ).update(accepted_by=user, accepted_at=now)
        if not used:
            raise InvitationUnusable
        membership, created = Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": invitation.role}
        )
        audit_log(
            action=Action.ORGANISATION_INVITATION_ACCEPTED,
            origin=origin,
            actor=user,
            organisation=organisation,
            object_id=user.get_username(),
            detail={
                "invitation": invitation.pk,
                "username": user.get_username(),
                "invited_by": invitation.created_by.get_username(),
                "role_invited": invitation.role,
                "role_before": None if created else membership.role,
                "role": membership.role,
            },
        )
    return Acceptance(membership=membership, already_member=not created)


def invitation_accept_new_account(
    *,
    token: str,
    username: str,
    password: str,
    email: str = "",
    origin: Origin | None = None,
) -> tuple[User, Acceptance]:
    """Create an account (the password already checked by Django's validators) and accept
    the invitation with it, in one transaction: no account without a usable invitation."""
    with transaction.atomic():
        if invitation_by_token(token=token) is None:
            raise InvitationUnusable
        user = get_user_model().objects.create_user(username, email=email, password=password)
        return user, invitation_accept(token=token, user=user, origin=origin)


def member_role_change(
    *, membership: Membership, role: str, by: User, origin: Origin | None = None
) -> bool:
    """Give the member another role. False when it is their role already (nothing is
    written); ``LastAdminError`` when it would leave the organisation without an
    administrator."""
    organisation = membership.organisation
    _administrator(user=by, organisation=organisation)
    role = ROLES(role).value
    with transaction.atomic():
        _lock(organisation)
        current = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).first()
        if current is None:
            raise MemberGone
        if current == role:
            return False
        if current == ROLES.ADMIN and admins_count(organisation=organisation) <= 1:
            raise LastAdminError(organisation)
        Membership.objects.filter(pk=membership.pk).update(role=role)
        audit_log(
            action=Action.ORGANISATION_MEMBER_CHANGED,
            origin=origin,
            actor=by,
            organisation=organisation,
            object_id=membership.user.get_username(),
            detail={
                "username": membership.user.get_username(),
                "role_before": current,
                "role": role,
            },
        )
    membership.role = role
    return True


def member_remove(*, membership: Membership, by: User, origin: Origin | None = None) -> None:
    """Take the person out of the organisation: they no longer see its assessments,
    records or their own drafts there (which stay, as everything signed does).
    ``LastAdminError`` for its last administrator."""
    organisation = membership.organisation
    _administrator(user=by, organisation=organisation)
    with transaction.atomic():
        _lock(organisation)
        current = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).first()
        if current is None:
            raise MemberGone
        if current == ROLES.ADMIN and admins_count(organisation=organisation) <= 1:
            raise LastAdminError(organisation)
        Membership.objects.filter(pk=membership.pk).delete()
        audit_log(
            action=Action.ORGANISATION_MEMBER_REMOVED,
            origin=origin,
            actor=by,
            organisation=organisation,
            object_id=membership.user.get_username(),
            detail={"username": membership.user.get_username(), "role_before": current},
        )
