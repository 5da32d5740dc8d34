"""The language a signed-in person chooses is stored: signing in elsewhere brings it back,
and e-mails to them are written in it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from questionnaire.accounts.language import language_of
from questionnaire.models import LanguagePreference
from tests.people import PASSWORD, signed_in


def test_choosing_a_language_stores_it_for_a_signed_in_person(owner):
    client = signed_in(owner)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert LanguagePreference.objects.get(user=owner).language == "fr"
    assert language_of(owner) == "fr"


def test_an_unknown_language_is_not_stored(owner):
    signed_in(owner).post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert not LanguagePreference.objects.exists()
    assert language_of(owner) == "en"


def test_signing_in_on_another_device_brings_the_choice_back(owner):
    LanguagePreference.objects.create(user=owner, language="de")
    fresh = Client()
    response = fresh.post("/accounts/login/", {"username": owner.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    page = fresh.get("/")
    assert '<html lang="de"' in page.content.decode()


@pytest.mark.django_db
def test_an_anonymous_choice_is_only_a_cookie():
    response = Client().post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert not LanguagePreference.objects.exists()
