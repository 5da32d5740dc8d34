"""The admin site, for staff with a second factor confirmed in their session.

While TWO_FACTOR_REQUIRED is on, staff are obliged to use a second factor
(``two_factor.needs_second_factor``). A staff member who has not confirmed it in this session
is sent from any admin page, the admin's own login page included, to set it up or verify it,
and back afterwards; for the admin's permission checks they are not yet staff. django-otp's
``OTPAdminSite`` would instead ask for the code on the admin's login form, which the site's
own sign-in already does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse

from questionnaire.accounts.two_factor import second_factor_missing, second_factor_redirect

ViewType = TypeVar("ViewType", bound=Callable[..., HttpResponseBase])


def _staff_without_second_factor(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and getattr(user, "is_staff", False)) and second_factor_missing(
        request
    )


class SecondFactorAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not second_factor_missing(request)

    def admin_view(self, view: ViewType, cacheable: bool = False) -> ViewType:
        protected = super().admin_view(view, cacheable)

        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if _staff_without_second_factor(request):
                back = request.get_full_path() if request.method == "GET" else None
                return second_factor_redirect(
                    request, next_url=back if back is not None else reverse("admin:index")
                )
            return protected(request, *args, **kwargs)

        return cast(ViewType, update_wrapper(inner, protected))

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if _staff_without_second_factor(request):
            back = request.GET.get("next") or reverse("admin:index")
            return second_factor_redirect(request, next_url=back)
        return super().login(request, extra_context)
