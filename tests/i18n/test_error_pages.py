"""Error pages and the admin in German and French.

- A refused CSRF check (403) is Django's own page, in the reader's language from Django's
  catalogues.
- The admin (Django's own interface) is in the reader's language: its index and a list.
- 404/403/400/500: the app's own pages (templates/404.html ...), in the reader's language.
"""

from __future__ import annotations

import html

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

CSRF = {
    "en": ("Forbidden", "CSRF verification failed. Request aborted."),
    "de": ("Verboten", "CSRF-Verifizierung fehlgeschlagen. Anfrage abgebrochen."),
    "fr": ("Interdit", "La vérification CSRF a échoué. La requête a été interrompue."),
}
ADMIN = {
    "en": ("Site administration", "Log out"),
    "de": ("Website-Verwaltung", "Abmelden"),
    "fr": ("Site d’administration", "Déconnexion"),
}


def client_in(language: str, **kwargs) -> Client:
    client = Client(**kwargs)
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_a_refused_csrf_check_is_said_in_the_language(language, owner):
    client = client_in(language, enforce_csrf_checks=True)
    client.force_login(owner)
    client.cookies["django_language"] = language

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 403
    html = response.content.decode()
    for text in CSRF[language]:
        assert text in html, text
    if language != "en":
        assert CSRF["en"][1] not in html


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_the_admin_is_in_the_language(language):
    staff = get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20)
    client = client_in(language)
    client.force_login(staff)

    index = client.get("/admin/")
    listing = client.get("/admin/auth/user/")

    assert index.status_code == listing.status_code == 200
    for text in ADMIN[language]:
        assert text in index.content.decode(), text
    if language != "en":
        assert "Site administration" not in index.content.decode()
        assert "Select user to change" not in listing.content.decode()
    else:
        assert "Select user to change" in listing.content.decode()


NOT_FOUND = {
    "en": "Page not found",
    "de": "Seite nicht gefunden",
    "fr": "Page introuvable",
}


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_a_missing_draft_is_a_404_in_the_language(language, owner):
    client = client_in(language)
    client.force_login(owner)

    response = client.get("/drafts/00000000-0000-0000-0000-000000000000/model/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{NOT_FOUND[language]}</h1>" in html
    assert f'<html lang="{language}">' in html
    assert "Not Found" not in html


def test_a_server_error_page_is_in_the_language():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("fr"):
        html = render_to_string("500.html")
    assert "Une erreur s'est produite" in html
    assert "Something went wrong" not in html


def test_every_audit_action_has_a_label_in_german_and_french():
    from django.utils import translation

    from questionnaire.audit import Action, action_choices, action_label

    english = dict(Action.choices)
    for language in ("de", "fr"):
        with translation.override(language):
            shown = dict(action_choices())
            assert set(shown) == set(english)
            for value, label in shown.items():
                assert label != english[value], (language, value)
            assert action_label("not.an.action") == "not.an.action"
    with translation.override("en"):
        assert dict(action_choices()) == english


def test_the_app_is_named_in_the_language_in_the_admin():
    staff = get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20)
    client = client_in("de")
    client.force_login(staff)

    html = client.get("/admin/").content.decode()

    assert "GPAI-Fragebogen" in html
    assert "GPAI questionnaire" not in html


@pytest.mark.parametrize(
    ("language", "shown", "english"),
    [
        ("de", ["Bewertungen", "Nachweise", "Fragen"], "Assessment records"),
        ("fr", ["Évaluations", "Enregistrements", "Questions"], "Assessment records"),
    ],
)
def test_the_admin_names_our_models_in_the_language(language, shown, english):
    staff = get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20)
    client = client_in(language)
    client.force_login(staff)

    html = client.get("/admin/").content.decode()

    for name in shown:
        assert name in html, name
    assert english not in html


def test_the_audit_page_names_actions_in_the_language(acme):
    from questionnaire.audit import Action, audit_log
    from questionnaire.models import Membership
    from tests.people import make_member

    admin = make_member("carol", acme, Membership.Role.ADMIN)
    audit_log(action=Action.RECORD_ATTESTED, actor=admin, organisation=acme)
    client = client_in("de")
    client.force_login(admin)

    html = client.get("/organisations/acme/audit/").content.decode()

    assert "Nachweis unterzeichnet und signiert" in html
    assert "Record attested and signed" not in html


@pytest.mark.parametrize(
    ("language", "shown", "english"),
    [
        ("de", ["Name des Modells", "Einstufung", "Erstellt am"], "Model name"),
        ("fr", ["Nom du modèle", "Classification", "Créé le"], "Model name"),
    ],
)
def test_the_admin_names_our_fields_in_the_language(language, shown, english, acme, owner):
    from tests.records.conftest import make_assessment

    make_assessment(acme, owner)
    staff = get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20)
    client = client_in(language)
    client.force_login(staff)

    html = client.get("/admin/questionnaire/assessment/").content.decode()

    for name in shown:
        assert name in html, name
    assert english not in html


@pytest.mark.parametrize(
    ("language", "url", "said"),
    [
        (
            "de",
            "/organisations/acme/audit/",
            "Nur Administratoren der Organisation können ihr Prüfprotokoll lesen.",
        ),
        (
            "fr",
            "/organisations/acme/audit/",
            "Seuls les administrateurs de l'organisation peuvent lire sa piste d'audit.",
        ),
        (
            "de",
            "/organisations/acme/members/",
            "Nur Administratoren der Organisation können ihre Mitglieder verwalten.",
        ),
        (
            "fr",
            "/organisations/acme/api-tokens/",
            "Seuls les administrateurs de l'organisation peuvent gérer les jetons d'API.",
        ),
        (
            "en",
            "/organisations/acme/audit/",
            "Only administrators of the organisation can read its audit trail.",
        ),
    ],
)
def test_a_refusal_by_role_says_why_in_the_language(language, url, said, colleague):
    """The 403 page says what only administrators may do, in the reader's language."""
    client = client_in(language)
    client.force_login(colleague)
    response = client.get(url)
    assert response.status_code == 403
    page = html.unescape(response.content.decode())
    assert said in page
    if language != "en":
        assert "Only administrators" not in page
