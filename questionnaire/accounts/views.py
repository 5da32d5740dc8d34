"""The sign-in page and the two-factor pages under /accounts/two-factor/.

- ``SignInView``: Django's login, then, for someone with a second factor, the verify page
  (the password alone never verifies a session); for someone obliged to use one who has
  none yet, the set-up page.
- ``two_factor_overview``: what is set up, with links to change it.
- ``two_factor_setup``: QR code and typed secret for an authenticator app, and a first code
  to confirm it; then the recovery codes, shown once.
- ``two_factor_recovery_codes``: new recovery codes on request (the old ones stop working).
- ``two_factor_verify``: a code from the app, or a recovery code, field ``otp_token``.
- ``two_factor_disable``: for members who are not obliged to use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice

from questionnaire.accounts import devices
from questionnaire.accounts.forms import SetupForm, VerifyForm
from questionnaire.accounts.two_factor import (
    PENDING,
    is_verified,
    needs_second_factor,
    safe_next,
    second_factor_url,
)

if TYPE_CHECKING:
    from django.contrib.auth.forms import AuthenticationForm

# Session keys (besides two_factor.PENDING). SETUP_KEY: the secret of a set-up in progress,
# kept until a first code confirms it (a reload shows the same QR code). NEW_CODES: recovery
# codes just made, shown once.
SETUP_KEY = "two_factor_setup_key"
NEW_CODES = "two_factor_new_codes"


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _next(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def _user(request: HttpRequest) -> User:
    """The signed-in user of a view behind ``login_required``."""
    return cast(User, request.user)


def _session_verified(request: HttpRequest, device: Any) -> None:
    """The session is now verified by ``device``: a new session key, as at any sign-in."""
    django_otp.login(request, device)
    request.session.cycle_key()
    request.session.pop(PENDING, None)


class SignInView(LoginView):
    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        if self.request.session.get(PENDING):  # signals.second_factor_pending
            return redirect(_with_next("two_factor_verify", self.get_success_url()))
        if needs_second_factor(user):
            messages.info(
                self.request,
                gettext(
                    "As an attester or administrator you sign in with a second factor. Set it "
                    "up now: it takes two minutes with an authenticator app on your phone."
                ),
            )
            return redirect(_with_next("two_factor_setup", self.get_success_url()))
        return response


@login_required
@require_http_methods(["GET", "HEAD"])
def two_factor_overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    has_device = devices.has_device(user)
    obliged = needs_second_factor(user)
    return render(
        request,
        "registration/two_factor/overview.html",
        {
            "has_device": has_device,
            "authenticator": devices.authenticator_of(user),
            "codes_left": devices.recovery_codes_left(user=user),
            "verified": is_verified(user),
            "obliged": obliged,
            "can_disable": has_device and not obliged,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    next_url = _next(request)
    if devices.has_device(user) and not is_verified(user):
        # Replacing an authenticator takes the current one (or a recovery code) first.
        return redirect(second_factor_url(user, next_url=request.get_full_path()))
    key = request.session.get(SETUP_KEY)
    if not isinstance(key, str) or len(key) != 40:
        key = devices.totp_key_new()
        request.session[SETUP_KEY] = key
    form = SetupForm(request.POST if request.method == "POST" else None, user=user, key=key)
    if request.method == "POST":
        if form.is_valid():
            _session_verified(request, form.device)
            request.session.pop(SETUP_KEY, None)
            request.session[NEW_CODES] = devices.recovery_codes_generate(user=user)
            messages.success(request, gettext("Two-factor sign-in is on."))
            return redirect(_with_next("two_factor_recovery_codes", next_url))
    config_url = devices.totp_config_url(user=user, key=key)
    return render(
        request,
        "registration/two_factor/setup.html",
        {
            "form": form,
            "next": next_url,
            # segno's own markup of our own data: an SVG of paths with presentation
            # attributes, nothing typed by anyone.
            "qr_code": mark_safe(devices.totp_qr_svg(config_url)),  # noqa: S308
            "secret": devices.totp_key_for_typing(key),
            "replacing": devices.authenticator_of(user) is not None,
            "obliged": needs_second_factor(user),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    next_url = _next(request)
    here = _with_next("two_factor_recovery_codes", next_url)
    if not devices.has_device(user):
        return redirect(_with_next("two_factor_setup", next_url))
    if request.method == "POST":
        if not is_verified(user):
            return redirect(second_factor_url(user, next_url=here))
        request.session[NEW_CODES] = devices.recovery_codes_generate(user=user)
        messages.success(request, gettext("New recovery codes made. The old ones no longer work."))
        return redirect(here)
    codes = request.session.pop(NEW_CODES, None)
    return render(
        request,
        "registration/two_factor/recovery_codes.html",
        {
            "codes": codes if isinstance(codes, list) else None,
            "codes_left": devices.recovery_codes_left(user=user),
            "next": next_url,
            "verified": is_verified(user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    next_url = _next(request)
    if not devices.has_device(user):
        request.session.pop(PENDING, None)
        return redirect(_with_next("two_factor_setup", next_url))
    if request.method != "POST" and is_verified(user):
        return redirect(next_url)
    form = VerifyForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        _session_verified(request, form.device)
        if isinstance(form.device, StaticDevice):
            left = devices.recovery_codes_left(user=user)
            messages.warning(
                request,
                ngettext(
                    "You signed in with a recovery code; %(left)d left. If your phone is lost, "
                    "set up your authenticator again and make new recovery codes.",
                    "You signed in with a recovery code; %(left)d left. If your phone is lost, "
                    "set up your authenticator again and make new recovery codes.",
                    left,
                )
                % {"left": left},
            )
        return redirect(next_url)
    return render(
        request,
        "registration/two_factor/verify.html",
        {"form": form, "next": next_url, "pending": bool(request.session.get(PENDING))},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_disable(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    here = reverse("two_factor_disable")
    if not devices.has_device(user):
        messages.info(request, gettext("Two-factor sign-in is off already."))
        return redirect("two_factor")
    if needs_second_factor(user):
        return render(request, "registration/two_factor/disable_refused.html", status=403)
    if not is_verified(user):
        return redirect(second_factor_url(user, next_url=here))
    if request.method == "POST":
        devices.second_factor_remove(user=user)
        messages.success(
            request, gettext("Two-factor sign-in is off. Signing in now takes your password.")
        )
        return redirect("two_factor")
    return render(request, "registration/two_factor/disable.html")
