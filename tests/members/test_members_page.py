"""The members page of an organisation, for its administrators: the members with their roles
and join dates, a role changed, a member removed after a confirmation, every change in the
audit trail; the last administrator is never removed nor demoted. A member who does not
administer gets 403, anyone else 404, reading or writing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from questionnaire.members import services
from questionnaire.models import AuditEvent, Membership
from tests.members.conftest import (
    INVITE,
    MEMBERS,
    REMOVE,
    REVOKE,
    ROLE,
    events,
    invite,
    membership,
)
from tests.people import make_member, signed_in

pytestmark = pytest.mark.django_db

A = AuditEvent.Action


# ------------------------------------------------------------------ who may see it


def test_an_administrator_sees_the_members_with_roles_and_join_dates(
    acme, admin_client, owner, colleague
):
    response = admin_client.get(MEMBERS)

    assert response.status_code == 200
    page = response.content.decode()
    for name in ("alice", "bob", "carol"):
        assert name in page
    alices = membership(owner, acme)
    assert (
        f'<label class="visually-hidden" for="member-{alices.pk}-role">Role of alice</label>'
        in page
    )
    assert '<option value="attester" selected>Attester</option>' in page
    joined = membership(colleague, acme).joined_at
    assert f'datetime="{joined.isoformat()}"' in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_member_who_does_not_administer_gets_403_reading_or_writing(acme, admin, colleague):
    client = signed_in(colleague)
    target = membership(admin, acme)

    assert client.get(MEMBERS).status_code == 403
    assert client.get(f"{REMOVE}?member={target.pk}").status_code == 403
    assert client.post(ROLE, {"member": target.pk, "role": "member"}).status_code == 403
    assert client.post(REMOVE, {"member": target.pk}).status_code == 403
    assert client.post(INVITE, {"email": "", "role": "admin"}).status_code == 403

    assert membership(admin, acme).role == Membership.Role.ADMIN
    assert not acme.invitations.exists()


def test_another_organisations_administrator_gets_404_reading_or_writing(acme, admin, outsider):
    client = signed_in(outsider)
    target = membership(admin, acme)
    invite(signed_in(admin))
    invitation = acme.invitations.get()

    assert client.get(MEMBERS).status_code == 404
    assert client.get(f"{REMOVE}?member={target.pk}").status_code == 404
    assert client.post(ROLE, {"member": target.pk, "role": "member"}).status_code == 404
    assert client.post(REMOVE, {"member": target.pk}).status_code == 404
    assert client.post(INVITE, {"email": "", "role": "admin"}).status_code == 404
    assert client.post(REVOKE, {"invitation": invitation.pk}).status_code == 404

    assert membership(admin, acme).role == Membership.Role.ADMIN
    assert acme.invitations.count() == 1
    assert acme.invitations.get().revoked_at is None


def test_a_member_of_another_organisation_cannot_be_reached_through_acme(
    acme, other, admin_client, outsider
):
    """Ids are scoped to the organisation of the address: eve's membership of "other" is not
    acme's to change."""
    eves = membership(outsider, other)

    assert admin_client.get(f"{REMOVE}?member={eves.pk}").status_code == 404
    assert admin_client.post(ROLE, {"member": eves.pk, "role": "member"}).status_code == 404
    assert admin_client.post(REMOVE, {"member": eves.pk}).status_code == 404
    assert membership(outsider, other).role == Membership.Role.ADMIN


def test_the_dashboard_links_administrators_to_the_members_page(admin_client, colleague):
    assert f'href="{MEMBERS}"' in admin_client.get("/").content.decode()
    assert f'href="{MEMBERS}"' not in signed_in(colleague).get("/").content.decode()


# ------------------------------------------------------------------ roles


def test_a_role_change_is_saved_and_audited_with_who_and_both_roles(
    acme, admin, admin_client, colleague
):
    target = membership(colleague, acme)

    response = admin_client.post(ROLE, {"member": target.pk, "role": "reviewer"})

    assert response.status_code == 302
    assert response["Location"] == MEMBERS
    assert membership(colleague, acme).role == Membership.Role.REVIEWER
    [event] = events(A.ORGANISATION_MEMBER_CHANGED)
    assert event.organisation == acme
    assert event.actor == admin
    assert event.object_id == "bob"
    assert event.detail == {"username": "bob", "role_before": "member", "role": "reviewer"}
    assert "bob is now reviewer." in admin_client.get(MEMBERS).content.decode()


def test_the_same_role_again_changes_nothing_and_logs_nothing(acme, admin_client, colleague):
    admin_client.post(ROLE, {"member": membership(colleague, acme).pk, "role": "member"})

    assert not events(A.ORGANISATION_MEMBER_CHANGED)


def test_an_unknown_role_is_refused(acme, admin_client, colleague):
    response = admin_client.post(
        ROLE, {"member": membership(colleague, acme).pk, "role": "owner"}, follow=True
    )

    assert "Choose one of the roles listed" in response.content.decode()
    assert membership(colleague, acme).role == Membership.Role.MEMBER
    assert not events(A.ORGANISATION_MEMBER_CHANGED)


def test_the_last_administrator_cannot_be_demoted(acme, admin, admin_client):
    response = admin_client.post(
        ROLE, {"member": membership(admin, acme).pk, "role": "attester"}, follow=True
    )

    assert membership(admin, acme).role == Membership.Role.ADMIN
    page = response.content.decode()
    assert "carol stays an administrator" in page
    assert "needs at least one administrator" in page
    assert not events(A.ORGANISATION_MEMBER_CHANGED)


def test_an_administrator_may_step_down_when_another_remains(acme, admin, admin_client, owner):
    admin_client.post(ROLE, {"member": membership(owner, acme).pk, "role": "admin"})

    response = admin_client.post(ROLE, {"member": membership(admin, acme).pk, "role": "member"})

    assert response["Location"] == "/"
    assert membership(admin, acme).role == Membership.Role.MEMBER
    assert admin_client.get(MEMBERS).status_code == 403


def test_two_administrators_cannot_demote_each_other_to_none(acme, admin, owner):
    """Each change re-reads the count under the organisation's lock: the second is refused."""
    services.member_role_change(membership=membership(owner, acme), role="admin", by=admin)
    carol, alice = membership(admin, acme), membership(owner, acme)

    services.member_role_change(membership=carol, role="member", by=owner)
    with pytest.raises(services.LastAdminError):
        services.member_role_change(membership=alice, role="member", by=owner)

    assert Membership.objects.filter(organisation=acme, role="admin").count() == 1


def test_the_services_refuse_someone_who_does_not_administer(acme, colleague, owner):
    with pytest.raises(PermissionDenied):
        services.member_role_change(membership=membership(owner, acme), role="member", by=colleague)
    with pytest.raises(PermissionDenied):
        services.invitation_create(organisation=acme, by=colleague, role="admin")


# ------------------------------------------------------------------ removal


def test_removal_asks_for_confirmation_first(acme, admin_client, colleague):
    target = membership(colleague, acme)

    response = admin_client.get(f"{REMOVE}?member={target.pk}")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Remove bob from Acme AI?" in page
    assert f'<input type="hidden" name="member" value="{target.pk}">' in page
    assert Membership.objects.filter(pk=target.pk).exists()


def test_a_removal_is_carried_out_and_audited(acme, admin, admin_client, colleague):
    target = membership(colleague, acme)

    response = admin_client.post(REMOVE, {"member": target.pk})

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=target.pk).exists()
    [event] = events(A.ORGANISATION_MEMBER_REMOVED)
    assert event.actor == admin
    assert event.organisation == acme
    assert event.detail == {"username": "bob", "role_before": "member"}
    assert signed_in(colleague).get("/organisations/acme/audit/").status_code == 404


def test_the_last_administrator_cannot_be_removed(acme, admin, admin_client):
    target = membership(admin, acme)

    confirm = admin_client.get(f"{REMOVE}?member={target.pk}").content.decode()
    response = admin_client.post(REMOVE, {"member": target.pk}, follow=True)

    assert "the only administrator" in confirm
    assert 'name="member"' not in confirm  # no button to press
    assert Membership.objects.filter(pk=target.pk).exists()
    assert "carol was not removed" in response.content.decode()
    assert not events(A.ORGANISATION_MEMBER_REMOVED)


def test_an_administrator_may_leave_when_another_remains(acme, admin, admin_client, owner):
    admin_client.post(ROLE, {"member": membership(owner, acme).pk, "role": "admin"})

    response = admin_client.post(REMOVE, {"member": membership(admin, acme).pk})

    assert response["Location"] == "/"
    assert not Membership.objects.filter(user=admin, organisation=acme).exists()
    assert admin_client.get(MEMBERS).status_code == 404


def test_removing_someone_twice_says_they_are_gone(acme, admin_client, colleague):
    target = membership(colleague, acme)
    admin_client.post(REMOVE, {"member": target.pk})

    assert admin_client.post(REMOVE, {"member": target.pk}).status_code == 404
    assert len(events(A.ORGANISATION_MEMBER_REMOVED)) == 1


def test_removing_without_naming_a_member_is_404(admin_client):
    assert admin_client.get(REMOVE).status_code == 404
    assert admin_client.get(f"{REMOVE}?member=x").status_code == 404


def test_every_change_shows_in_the_audit_trail_page(acme, admin_client, colleague):
    admin_client.post(ROLE, {"member": membership(colleague, acme).pk, "role": "attester"})
    invite(admin_client, email="new@example.com")
    admin_client.post(REMOVE, {"member": membership(colleague, acme).pk})

    page = admin_client.get("/organisations/acme/audit/").content.decode()

    for label in ("Membership changed", "Member invited", "Member removed"):
        assert label in page


def test_a_member_of_two_organisations_is_only_changed_in_one(acme, other, admin_client):
    dana = make_member("dana", acme, Membership.Role.MEMBER)
    Membership.objects.create(user=dana, organisation=other, role=Membership.Role.ATTESTER)

    admin_client.post(REMOVE, {"member": membership(dana, acme).pk})

    assert membership(dana, other).role == Membership.Role.ATTESTER
