"""What the packages behind sign-in show in the admin, in the admin's language (issue 15):
the names of Django's permissions, django-otp's help texts, django-axes' object names and
the texts of Django's user forms that Django's German catalogue lacks
(questionnaire/accounts/package_names.py). English pages keep their English."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from tests.i18n.test_admin_language import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "pw")


def page(root, url: str, language: str) -> str:
    client = Client()
    client.force_login(root)
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return text_of(response.content.decode())


@pytest.mark.parametrize(
    ("language", "shown", "english_gone"),
    [
        ("de", "Fragebogen | Frage | Kann Frage hinzufügen", True),
        ("fr", "Questionnaire GPAI | question | Peut ajouter question", True),
        ("en", "GPAI questionnaire | question | Can add question", False),
    ],
)
def test_permissions_are_named_in_the_admins_language(root, language, shown, english_gone):
    for url in (f"/admin/auth/user/{root.pk}/change/", "/admin/auth/group/add/"):
        text = page(root, url, language)
        assert shown in text
        # Every default permission, Django's and the packages' too ("Can view static device").
        assert ("Can add " in text or "Can view " in text) is not english_gone


def test_the_user_forms_texts_that_djangos_german_catalogue_lacks(root):
    added = page(root, "/admin/auth/user/add/", "de")
    assert "Nachdem Sie ein Benutzerkonto angelegt haben" in added
    assert "After you’ve created a user" not in added
    changed = page(root, f"/admin/auth/user/{root.pk}/change/", "de")
    assert "Passwörter werden nicht im Klartext gespeichert" in changed
    assert "Raw passwords are not stored" not in changed


@pytest.mark.parametrize(
    ("language", "owner", "secret"),
    [
        (
            "de",
            "Die Person, der dieses Gerät gehört.",
            "Ein hexadezimal kodierter geheimer Schlüssel von bis zu 40 Byte.",
        ),
        (
            "fr",
            "La personne à qui cet appareil appartient.",
            "Une clé secrète encodée en hexadécimal, de 40 octets au plus.",
        ),
    ],
)
def test_the_second_factor_devices_help_texts(root, language, owner, secret):
    text = page(root, "/admin/otp_totp/totpdevice/add/", language)
    assert owner in text and secret in text
    assert "The user that this device belongs to." not in text
    assert "A hex-encoded secret key of up to 40 bytes." not in text


def test_the_english_help_texts_are_djangos_otps_own(root):
    text = page(root, "/admin/otp_totp/totpdevice/add/", "en")
    assert "The user that this device belongs to." in text


def test_sign_in_logs_and_attempts_are_named_in_the_admins_language(root):
    moment = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)
    log = AccessLog.objects.create(username="alice", ip_address="192.0.2.1", user_agent="x")
    attempt = AccessAttempt.objects.create(
        username="bob", ip_address="192.0.2.2", user_agent="x", failures_since_start=3
    )
    failure = AccessFailureLog.objects.create(
        username="carol", ip_address="192.0.2.3", user_agent="x", locked_out=True
    )
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.update(attempt_time=moment)
    # django-axes deletes an attempt older than its cool-off at the next request, so the admin
    # never shows this one: its name, as the admin would say it.
    attempt.refresh_from_db()
    with translation.override("de"):
        assert (
            str(attempt) == "Fehlgeschlagene Anmeldeversuche von bob seit 29. November 2026 09:30"
        )

    german = page(root, f"/admin/axes/accesslog/{log.pk}/change/", "de")
    assert "alice angemeldet am 29. November 2026" in german
    assert "Access Log for" not in german
    french = page(root, f"/admin/axes/accessfailurelog/{failure.pk}/history/", "fr")
    assert "Tentative de connexion échouée de carol le 29 novembre 2026" in french
    assert "depuis 192.0.2.3 ; connexion suspendue" in french
    assert "Failed access" not in french
    english = page(root, f"/admin/axes/accesslog/{log.pk}/change/", "en")
    assert "Sign-in of alice at" in english


def test_no_migration_of_the_packages_follows():
    # Help texts and names are display options: migrations compare the English.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize(
    ("language", "english", "shown"),
    [
        ("de", "Choose all %s", "Alle %s auswählen"),
        ("de", "Remove selected %s", "Markierte %s entfernen"),
        ("fr", "Choose all %s", "Choisir toutes les valeurs « %s »"),
    ],
)
def test_the_admin_scripts_speak_the_admins_language(root, language, english, shown):
    """The selector of many (a user's permissions, a group's) is built by the admin's
    script from its catalogue; Django 5.2's German one lacks its newer texts (ours has them,
    locale/de/LC_MESSAGES/djangojs.po)."""
    client = Client()
    client.force_login(root)
    client.cookies["django_language"] = language
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    found = re.search(rf'"{re.escape(english)}": ("(?:[^"\\]|\\.)*")', response.content.decode())
    assert found, english
    assert json.loads(found[1]).replace("\u00a0", " ") == shown
