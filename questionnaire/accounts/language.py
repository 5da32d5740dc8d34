"""The language a person chose, remembered beyond one browser.

The switcher (``base.html``) posts to ``language_set``: Django's ``set_language`` sets the
language cookie, and for a signed-in person the choice is also stored
(``LanguagePreference``). Signing in on another device brings it back: the sign-in's answer
sets the cookie (``StoredLanguageMiddleware``), so every later page is in that language with
no query. E-mails to a person are written in ``language_of`` them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from questionnaire.models import LanguagePreference
from questionnaire.notifications import language_of

__all__ = ["StoredLanguageMiddleware", "language_of", "language_set", "languages"]

_STORED = "_stored_language"


def languages() -> set[str]:
    return {code for code, _ in settings.LANGUAGES}


def default_language() -> str:
    return translation.get_supported_language_variant(settings.LANGUAGE_CODE)


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in languages():
        LanguagePreference.objects.update_or_create(
            user_id=request.user.pk, defaults={"language": language}
        )
    return response


@receiver(user_logged_in, dispatch_uid="questionnaire.accounts.stored_language")
def stored_language(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None:
        return
    stored = (
        LanguagePreference.objects.filter(user_id=user.pk)
        .values_list("language", flat=True)
        .first()
    )
    if stored in languages():
        setattr(request, _STORED, stored)


class StoredLanguageMiddleware:
    """On the answer to a sign-in, set the language cookie to the person's stored choice."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        stored = getattr(request, _STORED, None)
        if stored and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != stored:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                stored,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=cast(Any, settings.LANGUAGE_COOKIE_SAMESITE),
            )
        return response
