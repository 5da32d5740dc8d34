"""Invitations: an administrator makes a one-time link (shown once, e-mailed when an address
is given), someone accepts it signed in or with a new account, and it never works again.
Only the SHA-256 of its token is kept; used, expired, revoked and unknown links get one page
that says nothing of which."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from questionnaire import notifications
from questionnaire.members import services
from questionnaire.models import AuditEvent, Invitation, Membership, OutboxMessage
from tests.members.conftest import INVITE, MEMBERS, REVOKE, events, invite, membership
from tests.people import PASSWORD, make_member, signed_in

pytestmark = pytest.mark.django_db

A = AuditEvent.Action
UNUSABLE = "This invitation link cannot be used"


def text(response) -> str:
    """The page's markup with its runs of white space as one space."""
    return " ".join(response.content.decode().split())


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://assessor.example"


def test_the_whole_flow_invite_link_accept(acme, admin, admin_client):
    url, token = invite(admin_client, role="reviewer")
    dana = get_user_model().objects.create_user("dana", password=PASSWORD)
    client = signed_in(dana)
    path = f"/invitations/{token}/"

    shown = client.get(path)
    accepted = client.post(path)

    assert url == f"https://assessor.example{path}"
    assert shown.status_code == 200
    page = shown.content.decode()
    assert "Join Acme AI" in page and "<strong>reviewer</strong>" in page
    assert accepted.status_code == 302 and accepted["Location"] == "/"
    assert membership(dana, acme).role == Membership.Role.REVIEWER
    invitation = acme.invitations.get()
    assert invitation.accepted_by == dana and invitation.accepted_at is not None
    assert "Welcome to Acme AI. You joined as reviewer." in client.get("/").content.decode()
    [made] = events(A.ORGANISATION_MEMBER_INVITED)
    assert made.actor == admin and made.detail["role"] == "reviewer"
    [joined] = events(A.ORGANISATION_INVITATION_ACCEPTED)
    assert joined.actor == dana and joined.organisation == acme
    assert joined.detail["role"] == "reviewer" and joined.detail["invited_by"] == "carol"
    assert joined.detail["role_before"] is None


def test_the_link_is_shown_once_and_the_token_is_not_stored_in_clear(acme, admin_client):
    url, token = invite(admin_client, email="dana@example.com")

    invitation = Invitation.objects.get()
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert invitation.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in Invitation.objects.values().get().values()]
    assert not any(token in value for value in stored)
    # The members page, read again, lists the invitation but not its link.
    again = admin_client.get(MEMBERS).content.decode()
    assert "dana@example.com" in again
    assert token not in again
    # Nor does the audit trail hold it.
    assert not any(token in str(event.detail) for event in AuditEvent.objects.all())


def test_the_invitation_email_is_sent_and_its_body_then_forgotten(
    acme, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        url, token = invite(admin_client, role="attester", email="dana@example.com")

    [message] = mail.outbox
    assert message.to == ["dana@example.com"]
    assert message.subject == "Join Acme AI on GPAI Assessor"
    assert url in message.body
    assert "as attester" in message.body
    stored = OutboxMessage.objects.get()
    assert stored.sent_at is not None and stored.kind == services.INVITATION_KIND
    assert token not in stored.body
    assert services.INVITATION_KIND in notifications.SECRET_KINDS


def test_a_link_only_invitation_sends_no_email(
    acme, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(INVITE, {"email": "", "role": "member"})

    assert "Copy the invitation link now" in response.content.decode()
    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()


def test_a_bad_email_address_is_refused_with_the_error_tied_to_its_input(acme, admin_client):
    response = admin_client.post(INVITE, {"email": "not an address", "role": "member"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#invite-email">Enter an e-mail address like name@example.com.</a>' in page
    assert 'aria-describedby="invite-email_helptext invite-email_error"' in page
    assert 'aria-invalid="true"' in page
    assert not Invitation.objects.exists()


def test_a_used_link_is_refused(acme, admin_client):
    _, token = invite(admin_client)
    first = signed_in(get_user_model().objects.create_user("dana"))
    first.post(f"/invitations/{token}/")
    second = signed_in(get_user_model().objects.create_user("erin"))

    for response in (second.get(f"/invitations/{token}/"), second.post(f"/invitations/{token}/")):
        assert response.status_code == 404
        assert UNUSABLE in response.content.decode()
    assert not Membership.objects.filter(user__username="erin").exists()
    assert len(events(A.ORGANISATION_INVITATION_ACCEPTED)) == 1


def test_an_expired_link_is_refused(acme, admin_client):
    _, token = invite(admin_client)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client = signed_in(get_user_model().objects.create_user("dana"))

    response = client.post(f"/invitations/{token}/")

    assert response.status_code == 404
    assert UNUSABLE in response.content.decode()
    assert not Membership.objects.filter(user__username="dana").exists()


def test_an_invitation_expires_after_the_configured_days(acme, admin_client, settings):
    settings.INVITATION_DAYS = 2
    invite(admin_client)

    left = Invitation.objects.get().expires_at - timezone.now()
    assert timedelta(days=2) - timedelta(minutes=1) < left <= timedelta(days=2)


def test_a_revoked_link_is_refused_and_the_revocation_audited(acme, admin, admin_client):
    _, token = invite(admin_client, email="dana@example.com")
    invitation = Invitation.objects.get()

    response = admin_client.post(REVOKE, {"invitation": invitation.pk}, follow=True)

    assert "its link no longer works" in response.content.decode()
    assert Invitation.objects.get().revoked_at is not None
    [event] = events(A.ORGANISATION_INVITATION_REVOKED)
    assert event.actor == admin and event.detail["email"] == "dana@example.com"
    client = signed_in(get_user_model().objects.create_user("dana"))
    assert client.post(f"/invitations/{token}/").status_code == 404
    assert not Membership.objects.filter(user__username="dana").exists()
    # No longer pending: not listed, and revoking it again is a 404.
    assert "dana@example.com" not in admin_client.get(MEMBERS).content.decode()
    assert admin_client.post(REVOKE, {"invitation": invitation.pk}).status_code == 404


def test_unknown_and_malformed_tokens_get_the_same_page(db):
    client = Client()
    for token in ("nothing-here", "x" * 43, "a" * 300):
        response = client.get(f"/invitations/{token}/")
        assert response.status_code == 404
        assert UNUSABLE in response.content.decode()
    # Not signed in, a post is refused the same way (no account is made).
    assert client.post("/invitations/nothing-here/", {"username": "zed"}).status_code == 404
    assert not get_user_model().objects.filter(username="zed").exists()


def test_the_refusal_says_nothing_of_why(acme, admin_client):
    """Used, revoked and unknown links answer the very same page."""
    _, used = invite(admin_client)
    signed_in(get_user_model().objects.create_user("dana")).post(f"/invitations/{used}/")
    _, revoked = invite(admin_client)
    Invitation.objects.filter(accepted_at__isnull=True).update(revoked_at=timezone.now())
    client = Client()

    # Each page holds its own address, as the language switcher's way back, and the
    # switcher's CSRF token (masked anew for each page): the same page but for those.
    pages = {
        re.sub(
            rb'name="csrfmiddlewaretoken" value="[^"]+"',
            b"CSRF",
            client.get(f"/invitations/{token}/").content.replace(token.encode(), b"TOKEN"),
        )
        for token in (used, revoked, "unknown")
    }
    assert len(pages) == 1


def test_a_member_already_keeps_their_role_and_is_told(acme, admin_client, owner):
    _, token = invite(admin_client, role="admin")
    client = signed_in(owner)

    shown = text(client.get(f"/invitations/{token}/"))
    client.post(f"/invitations/{token}/")

    assert "You are a member of Acme AI already, as attester" in shown
    assert membership(owner, acme).role == Membership.Role.ATTESTER
    assert "your role (attester) is kept" in text(client.get("/"))
    [event] = events(A.ORGANISATION_INVITATION_ACCEPTED)
    assert event.detail["role_before"] == "attester" and event.detail["role"] == "attester"
    assert Invitation.objects.get().accepted_at is not None


def test_a_visitor_is_asked_to_sign_in_and_comes_back(acme, admin_client):
    _, token = invite(admin_client)
    path = f"/invitations/{token}/"
    dana = get_user_model().objects.create_user("dana", password=PASSWORD)
    client = Client()

    page = client.get(path).content.decode()
    assert f'href="/accounts/login/?next=%2Finvitations%2F{token}%2F"' in page
    signed = client.post(
        "/accounts/login/", {"username": "dana", "password": PASSWORD, "next": path}
    )
    assert signed["Location"] == path
    client.post(path)

    assert membership(dana, acme).role == Membership.Role.MEMBER


def test_a_visitor_makes_an_account_and_joins(acme, admin_client):
    _, token = invite(admin_client, role="reviewer")
    client = Client()

    response = client.post(
        f"/invitations/{token}/",
        {
            "username": "dana",
            "email": "dana@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    dana = get_user_model().objects.get(username="dana")
    assert dana.check_password(PASSWORD) and dana.email == "dana@example.com"
    assert membership(dana, acme).role == Membership.Role.REVIEWER
    assert client.get("/").context["user"] == dana  # signed in
    assert Invitation.objects.get().accepted_by == dana


def test_a_new_account_follows_the_password_rules(acme, admin_client):
    _, token = invite(admin_client)
    client = Client()

    response = client.post(
        f"/invitations/{token}/",
        {"username": "dana", "email": "", "password1": "password", "password2": "password"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "This password is too common." in page
    assert 'aria-describedby="account-password2_helptext account-password2_error"' in page
    assert not get_user_model().objects.filter(username="dana").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_new_account_cannot_take_a_username_in_use(acme, admin_client, colleague):
    _, token = invite(admin_client)

    response = Client().post(
        f"/invitations/{token}/",
        {"username": "bob", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 400
    assert "A user with that username already exists." in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_an_administrator_who_joins_is_sent_to_set_up_the_second_factor(
    acme, admin_client, settings
):
    _, token = invite(admin_client, role="admin")
    settings.TWO_FACTOR_REQUIRED = True

    response = Client().post(
        f"/invitations/{token}/",
        {"username": "dana", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/?next=%2F")


def test_accepting_twice_at_once_joins_once(acme, admin, outsider):
    """The invitation is used up by a conditional update: the second acceptance finds it
    used, whoever comes second."""
    issued = services.invitation_create(organisation=acme, by=admin, role="member")
    token = issued.url.rsplit("/", 2)[-2]
    dana = make_member("dana", outsider.memberships.get().organisation, "member")

    services.invitation_accept(token=token, user=dana)
    with pytest.raises(services.InvitationUnusable):
        services.invitation_accept(token=token, user=outsider)

    assert not Membership.objects.filter(user=outsider, organisation=acme).exists()
