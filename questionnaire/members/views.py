"""The members pages.

For an organisation's administrators (``/organisations/<slug>/members/``): the members with
their roles and the dates they joined, a role to change per member, a member to remove (after
a confirmation page), the pending invitations to revoke, and a new invitation, whose link is
shown once on the page that answers the form. Other members of the organisation get 403,
anyone else 404, as on its other administrators' pages.

For whoever holds an invitation link (``/invitations/<token>/``): the organisation and the
role, to accept once signed in, or with a new account. An unknown, used, revoked or expired
link gets one page for all (404), which says nothing of which.

Reads go through the organisation-scoped selectors, writes through ``members.services``;
an import-linter contract keeps the models out of this module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from questionnaire import selectors
from questionnaire.accounts.two_factor import (
    second_factor_missing,
    second_factor_redirect,
    second_factor_required,
)
from questionnaire.audit import origin_of
from questionnaire.members import selectors as member_selectors
from questionnaire.members import services as member_services
from questionnaire.members.forms import AccountForm, InvitationForm, RoleForm

if TYPE_CHECKING:
    from questionnaire.models import Organisation

MEMBERS_TEMPLATE = "questionnaire/members/members.html"
INVITATION_TEMPLATE = "questionnaire/members/invitation.html"
UNUSABLE_TEMPLATE = "questionnaire/members/invitation_unusable.html"

# The model's own backend: the throttling backend that comes first in
# AUTHENTICATION_BACKENDS only checks passwords, and an account just made has given its own.
ACCOUNT_BACKEND = "questionnaire.accounts.backends.ModelBackend"


def _user(request: HttpRequest) -> User:
    """The signed-in user of a view behind ``login_required``."""
    return cast(User, request.user)


def _administered(request: HttpRequest, slug: str) -> Organisation:
    return selectors.organisation_administered(
        user=request.user,
        slug=slug,
        refusal=_("Only administrators of the organisation can manage its members."),
    )


def _members_url(organisation: Organisation) -> str:
    return reverse("organisation_members", kwargs={"slug": organisation.slug})


def _members_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    form: InvitationForm | None = None,
    issued: member_services.IssuedInvitation | None = None,
    status: int = 200,
) -> HttpResponse:
    members = list(member_selectors.members_of(organisation=organisation))
    admins = sum(1 for member in members if member.can_administer)
    rows = [
        {
            "membership": member,
            "form": RoleForm(
                initial={"member": member.pk, "role": member.role}, auto_id=f"member-{member.pk}-%s"
            ),
            "last_admin": member.can_administer and admins <= 1,
            "is_you": member.user_id == request.user.pk,
        }
        for member in members
    ]
    context: dict[str, Any] = {
        "organisation": organisation,
        "rows": rows,
        "invitations": member_selectors.invitations_pending(organisation=organisation),
        "form": form or InvitationForm(),
        "issued": issued,
        "invitation_days": settings.INVITATION_DAYS,
    }
    return render(request, MEMBERS_TEMPLATE, context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
@second_factor_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    """The members, the pending invitations and the form to invite someone."""
    return _members_page(request, _administered(request, slug))


@never_cache
@login_required
@require_POST
@second_factor_required
def organisation_member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Make an invitation and answer with the members page showing its link, once: the link
    is nowhere else (the database keeps its token's hash), so it is not put in a redirect."""
    organisation = _administered(request, slug)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _members_page(request, organisation, form=form, status=400)
    issued = member_services.invitation_create(
        organisation=organisation,
        by=_user(request),
        role=form.cleaned_data["role"],
        email=form.cleaned_data["email"],
        origin=origin_of(request),
    )
    return _members_page(request, organisation, issued=issued)


@login_required
@require_POST
@second_factor_required
def organisation_member_role(request: HttpRequest, slug: str) -> HttpResponse:
    """Change one member's role; the last administrator keeps theirs."""
    organisation = _administered(request, slug)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles listed, then Save."))
        return redirect(_members_url(organisation))
    membership = member_selectors.member_get(
        organisation=organisation, member_id=form.cleaned_data["member"]
    )
    name = membership.user.get_username()
    try:
        changed = member_services.member_role_change(
            membership=membership,
            role=form.cleaned_data["role"],
            by=_user(request),
            origin=origin_of(request),
        )
    except member_services.LastAdminError as error:
        messages.error(
            request,
            _("%(name)s stays an administrator: %(reason)s") % {"name": name, "reason": error},
        )
        return redirect(_members_url(organisation))
    except member_services.MemberGone:
        messages.error(request, _("%(name)s is no longer a member.") % {"name": name})
        return redirect(_members_url(organisation))
    values = {
        "name": name,
        "role": member_services.role_name(membership.role),
        "organisation": organisation.name,
    }
    if not changed:
        messages.info(request, _("%(name)s is %(role)s already; nothing changed.") % values)
    elif membership.user_id == request.user.pk and not membership.can_administer:
        messages.success(request, _("You are now %(role)s of %(organisation)s.") % values)
        return redirect("dashboard")
    else:
        messages.success(request, _("%(name)s is now %(role)s.") % values)
    return redirect(_members_url(organisation))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@second_factor_required
def organisation_member_remove(request: HttpRequest, slug: str) -> HttpResponse:
    """A confirmation page (GET, ``?member=ID``), then the removal (POST, field ``member``)."""
    organisation = _administered(request, slug)
    data = request.POST if request.method == "POST" else request.GET
    membership = member_selectors.member_get(
        organisation=organisation, member_id=data.get("member", "")
    )
    name = membership.user.get_username()
    last_admin = (
        membership.can_administer and member_selectors.admins_count(organisation=organisation) <= 1
    )
    if request.method != "POST":
        return render(
            request,
            "questionnaire/members/member_remove.html",
            {
                "organisation": organisation,
                "membership": membership,
                "last_admin": last_admin,
                "is_you": membership.user_id == request.user.pk,
            },
        )
    try:
        member_services.member_remove(
            membership=membership, by=_user(request), origin=origin_of(request)
        )
    except member_services.LastAdminError as error:
        messages.error(
            request,
            _("%(name)s was not removed: %(reason)s") % {"name": name, "reason": error},
        )
        return redirect(_members_url(organisation))
    except member_services.MemberGone:
        messages.info(request, _("%(name)s is no longer a member.") % {"name": name})
        return redirect(_members_url(organisation))
    if membership.user_id == request.user.pk:
        messages.success(
            request, _("You left %(organisation)s.") % {"organisation": organisation.name}
        )
        return redirect("dashboard")
    messages.success(
        request,
        _("%(name)s was removed from %(organisation)s.")
        % {"name": name, "organisation": organisation.name},
    )
    return redirect(_members_url(organisation))


@login_required
@require_POST
@second_factor_required
def organisation_invitation_revoke(request: HttpRequest, slug: str) -> HttpResponse:
    """Withdraw a pending invitation (field ``invitation``): its link stops working."""
    organisation = _administered(request, slug)
    invitation = member_selectors.invitation_pending_get(
        organisation=organisation, invitation_id=request.POST.get("invitation", "")
    )
    who = invitation.email or _("the link-only invitation")
    if member_services.invitation_revoke(
        invitation=invitation, by=_user(request), origin=origin_of(request)
    ):
        messages.success(
            request,
            _("The invitation for %(who)s is revoked: its link no longer works.") % {"who": who},
        )
    else:
        messages.info(
            request, _("The invitation for %(who)s was no longer pending.") % {"who": who}
        )
    return redirect(_members_url(organisation))


# ------------------------------------------------------------------ accepting


def _unusable(request: HttpRequest) -> HttpResponse:
    return render(request, UNUSABLE_TEMPLATE, status=404)


def _joined(request: HttpRequest, acceptance: member_services.Acceptance) -> HttpResponseBase:
    membership = acceptance.membership
    name = membership.organisation.name
    values = {"name": name, "role": member_services.role_name(membership.role)}
    if acceptance.already_member:
        messages.info(
            request,
            _(
                "You were a member of %(name)s already: your role (%(role)s) is kept. "
                "An administrator can change it on the members page."
            )
            % values,
        )
    else:
        messages.success(request, _("Welcome to %(name)s. You joined as %(role)s.") % values)
    dashboard = reverse("dashboard")
    if second_factor_missing(request):
        return second_factor_redirect(request, next_url=dashboard)
    return redirect(dashboard)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponseBase:
    """The invitation's organisation and role. Signed in: accept (POST). Not signed in:
    sign in and come back, or make an account (POST with the account's fields)."""
    invitation = member_selectors.invitation_by_token(token=token)
    if invitation is None:
        return _unusable(request)
    form: AccountForm | None = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            form = AccountForm(request.POST)
        try:
            if form is None:
                acceptance = member_services.invitation_accept(
                    token=token, user=_user(request), origin=origin_of(request)
                )
                return _joined(request, acceptance)
            if form.is_valid():
                user, acceptance = member_services.invitation_accept_new_account(
                    token=token,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    email=form.cleaned_data["email"],
                    origin=origin_of(request),
                )
                login(request, user, backend=ACCOUNT_BACKEND)
                return _joined(request, acceptance)
        except member_services.InvitationUnusable:
            return _unusable(request)
        except IntegrityError:
            # The username was taken between the form's check and the account's creation.
            if form is None:
                raise
            form.add_error("username", _("A user with that username already exists."))
    membership = (
        selectors.memberships_for(user=request.user)
        .filter(organisation=invitation.organisation)
        .first()
    )
    context = {
        "invitation": invitation,
        "membership": membership,
        "form": form or AccountForm(),
        "login_url": f"{reverse('login')}?{urlencode({'next': request.path})}",
    }
    return render(request, INVITATION_TEMPLATE, context, status=400 if form else 200)
