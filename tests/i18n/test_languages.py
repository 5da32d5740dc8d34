"""English, German and French (issue 15): the language switcher (a plain form, no
JavaScript), the language of the pages from the cookie or Accept-Language, and the chrome,
sign-in pages and dashboard in each language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from questionnaire.models import Membership, Organisation
from tests.people import PASSWORD, make_member, signed_in

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', html)
    assert match, "the page has no <html lang>"
    return match[1]


def switcher(html: str) -> str:
    match = re.search(r'<form class="language-switcher".*?</form>', html, re.S)
    assert match, "the page has no language switcher"
    return match[0]


def test_the_switcher_sets_the_cookie_and_the_next_page_is_german() -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "de"
    assert int(cookie["max-age"]) == 365 * 24 * 60 * 60
    assert cookie["samesite"] == settings.SESSION_COOKIE_SAMESITE
    page = client.get("/accounts/login/").content.decode()
    assert html_lang(page) == "de"
    assert "<h1>Anmelden</h1>" in page
    assert "<h1>Sign in</h1>" not in page


def test_the_switcher_goes_back_to_english() -> None:
    client = Client()
    client.cookies[COOKIE] = "fr"
    assert html_lang(client.get("/accounts/login/").content.decode()) == "fr"
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/").content.decode()
    assert html_lang(page) == "en"
    assert "<h1>Sign in</h1>" in page


def test_the_switcher_is_a_labelled_form_with_each_language_in_its_own_name() -> None:
    page = Client().get("/accounts/login/").content.decode()
    form = switcher(page)
    assert 'method="post"' in form
    assert 'action="/i18n/setlang/"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="next" value="/accounts/login/">' in form
    select = re.search(r'<select[^>]*\bid="([^"]+)"[^>]*\bname="language"', form)
    assert select, "no <select name=language> with an id"
    label = re.search(rf'<label[^>]*\bfor="{select[1]}"[^>]*>([^<]+)</label>', form)
    assert label and label[1].strip() == "Language"
    options = re.findall(r'<option value="(\w+)" lang="(\w+)"[^>]*>([^<]+)</option>', form)
    assert [(code, lang, name) for code, lang, name in options] == [
        ("en", "en", "English"),
        ("de", "de", "Deutsch"),
        ("fr", "fr", "Français"),
    ]
    assert re.search(r'<option value="en"[^>]*\bselected', form)
    assert re.search(r'<button[^>]*type="submit"[^>]*>Change language</button>', form)
    assert "<script" not in form and "style=" not in form


def test_the_switcher_label_is_translated() -> None:
    client = Client(headers={"accept-language": "de"})
    form = switcher(client.get("/accounts/login/").content.decode())
    assert re.search(r"<label[^>]*>Sprache</label>", form)
    assert re.search(r'<option value="de"[^>]*\bselected', form)


def test_accept_language_french_gives_french() -> None:
    page = Client(headers={"accept-language": "fr-FR,fr;q=0.9"}).get("/").content.decode()
    assert html_lang(page) == "fr"
    assert "modèle d&#x27;IA à usage général" in page or "modèle d'IA à usage général" in page
    assert "Se connecter" in page
    assert "Sign in to start an assessment" not in page
    assert "general-purpose AI model" not in page


def test_an_unknown_language_falls_back_to_english() -> None:
    page = Client(headers={"accept-language": "es"}).get("/").content.decode()
    assert html_lang(page) == "en"
    assert "Sign in to start an assessment" in page


@pytest.mark.parametrize(
    ("language", "expected", "english"),
    [
        (
            "de",
            ["Anmelden", "Passwort vergessen?", "Zum Hauptinhalt springen"],
            ["Forgotten your password?", "Skip to main content"],
        ),
        (
            "fr",
            ["Se connecter", "Mot de passe oublié ?", "Aller au contenu principal"],
            ["Forgotten your password?", "Skip to main content"],
        ),
    ],
)
def test_the_sign_in_page_is_translated(
    language: str, expected: list[str], english: list[str]
) -> None:
    client = Client()
    client.cookies[COOKIE] = language
    page = client.get("/accounts/login/").content.decode()
    assert html_lang(page) == language
    for text in expected:
        assert text in page
    for text in english:
        assert text not in page


def test_a_wrong_password_is_refused_in_german() -> None:
    organisation = Organisation.objects.create(slug="acme", name="Acme AI")
    make_member("alice", organisation, Membership.Role.MEMBER)
    client = Client()
    client.cookies[COOKIE] = "de"
    page = client.post(
        "/accounts/login/", {"username": "alice", "password": PASSWORD + "x"}
    ).content.decode()
    # Django's own message, from Django's German catalogue.
    assert "Beide Felder berücksichtigen die Groß-/Kleinschreibung." in page
    assert "Please enter a correct username and password" not in page


@pytest.mark.parametrize(
    ("language", "expected", "english"),
    [
        (
            "de",
            [
                "Ihre Bewertungen",
                "Neue Bewertung",
                "Entwürfe in Bearbeitung",
                "Abgeschlossene Bewertungen",
                "Übersicht",
                "Abmelden (alice)",
            ],
            [
                "Your assessments",
                "New assessment",
                "Drafts in progress",
                "Completed assessments",
                "Sign out",
            ],
        ),
        (
            "fr",
            [
                "Vos évaluations",
                "Nouvelle évaluation",
                "Brouillons en cours",
                "Évaluations terminées",
                "Tableau de bord",
                "Se déconnecter (alice)",
            ],
            [
                "Your assessments",
                "New assessment",
                "Drafts in progress",
                "Completed assessments",
                "Sign out",
            ],
        ),
    ],
)
def test_the_dashboard_is_translated(
    owner_client: Client, language: str, expected: list[str], english: list[str]
) -> None:
    owner_client.cookies[COOKIE] = language
    page = owner_client.get("/").content.decode()
    assert html_lang(page) == language
    for text in expected:
        assert text in page
    for text in english:
        assert text not in page


def test_a_message_of_the_accounts_app_is_translated(owner_client: Client) -> None:
    owner_client.cookies[COOKIE] = "fr"
    page = owner_client.get("/accounts/two-factor/disable/", follow=True).content.decode()
    assert "La connexion à deux facteurs est déjà désactivée." in page
    assert "Two-factor sign-in is off already." not in page


def test_english_keeps_british_dates(owner: object) -> None:
    from django.utils import formats, translation

    with translation.override("en"):
        assert formats.get_format("DATE_FORMAT") == "j M Y"


def test_the_page_is_english_by_default(owner: object) -> None:
    client = signed_in(owner)  # type: ignore[arg-type]
    page = client.get("/").content.decode()
    assert html_lang(page) == "en"
    assert "Your assessments" in page


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("/accounts/two-factor/", "With two-factor sign-in, signing in takes your password"),
        ("/accounts/two-factor/setup/", "In the app, add an account and scan this QR code."),
        # The QR code's accessible name (its SVG title).
        ("/accounts/two-factor/setup/", "QR code to scan with your authenticator app"),
        ("/accounts/password_change/", "Change your password"),
    ],
)
def test_the_account_pages_are_translated(
    owner_client: Client, language: str, path: str, english: str
) -> None:
    owner_client.cookies[COOKIE] = language
    response = owner_client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert html_lang(page) == language
    assert english not in page


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "<h1>Anmelden</h1>"), ("fr", "<h1>Se connecter</h1>")]
)
def test_the_language_outlives_the_session(
    owner_client: Client, language: str, expected: str
) -> None:
    """Signing out empties the session; the language is in its own cookie and stays."""
    owner_client.cookies[COOKIE] = language
    page = owner_client.post("/accounts/logout/", follow=True).content.decode()
    assert expected in page
    assert "<h1>Sign in</h1>" not in page
