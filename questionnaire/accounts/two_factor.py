"""Who must sign in with a second factor, and the guard in front of what they do.

While ``settings.TWO_FACTOR_REQUIRED`` is on (``DJANGO_TWO_FACTOR_REQUIRED``, on by
default), staff and the attesters and administrators of any organisation confirm a second
factor in their session (an authenticator code, or a recovery code) before they sign a
record, re-assess, manage an organisation or open the admin site. Members may opt in; once
they have a second factor, signing in asks for it (see ``middleware``).

Put the guard in front of a view, below ``login_required``::

    from questionnaire.accounts.two_factor import second_factor_required

    @login_required
    @second_factor_required
    def organisation_members(request: HttpRequest, slug: str) -> HttpResponse: ...

Someone who lacks it is sent to set it up (no second factor yet) or to give a code (they
have one), with ``next`` bringing them back, and a message that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from questionnaire import selectors
from questionnaire.accounts.devices import has_device
from questionnaire.models import Membership

if TYPE_CHECKING:
    from questionnaire.accounts.devices import User

__all__ = [
    "PENDING",
    "REASON",
    "is_verified",
    "needs_second_factor",
    "safe_next",
    "second_factor_missing",
    "second_factor_redirect",
    "second_factor_required",
    "second_factor_url",
]

# The session of a sign-in that still waits for the second factor (set by
# ``signals.second_factor_pending``, cleared when a code is given): the middleware keeps it on
# the verify page.
PENDING = "two_factor_pending"

REASON = gettext_lazy(
    "Attesters and administrators sign in with a second factor before they sign or manage "
    "the organisation."
)

OBLIGED_ROLES = (Membership.Role.ATTESTER, Membership.Role.ADMIN)

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponseBase]


def needs_second_factor(user: User) -> bool:
    """Whether this person must have a verified second factor before signing or managing:
    staff, and attesters or administrators of any organisation, while TWO_FACTOR_REQUIRED
    is on."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if getattr(user, "is_staff", False):
        return True
    return selectors.memberships_for(user=user).filter(role__in=OBLIGED_ROLES).exists()


def is_verified(user: User) -> bool:
    """Whether a second factor was confirmed in this session (django-otp's OTPMiddleware
    gives ``request.user`` its ``is_verified``)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def second_factor_missing(request: HttpRequest) -> bool:
    """Whether the signed-in person must still confirm a second factor in this session."""
    return needs_second_factor(request.user) and not is_verified(request.user)


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """``candidate`` if it is an address on this site, else the dashboard."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def second_factor_url(user: User, *, next_url: str) -> str:
    """Where to confirm a second factor: the verify page for someone who has one, the set-up
    page for someone who has none; ``next_url`` is where each leads afterwards."""
    name = "two_factor_verify" if has_device(user) else "two_factor_setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _return_address(request: HttpRequest) -> str:
    """Where to come back after confirming: the page itself for a GET; for a form sent by
    POST, the page that showed the form (a POST address may not answer a GET)."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    return safe_next(request, request.headers.get("Referer"))


def second_factor_redirect(
    request: HttpRequest, *, next_url: str | None = None
) -> HttpResponseRedirect:
    """Send the person to confirm their second factor, saying why, and back afterwards to
    ``next_url`` (by default the page asked for, or the form's page for a POST)."""
    messages.warning(request, REASON)
    target = next_url if next_url is not None else _return_address(request)
    return HttpResponseRedirect(second_factor_url(request.user, next_url=target))


def second_factor_required(view: View[P]) -> View[P]:
    """Views for attesters and administrators: someone obliged to use a second factor who
    has not confirmed one in this session is redirected to set it up or verify it first.
    Anyone else passes (put ``login_required`` above it for signed-in pages)."""

    @wraps(view)
    def guarded(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if second_factor_missing(request):
            return second_factor_redirect(request)
        return view(request, *args, **kwargs)

    return guarded
