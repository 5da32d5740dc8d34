"""The members page, the invitation page and the API token pages in German and French:
their words, form labels, role names and dates in the language; English unchanged."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from questionnaire.api.services import api_token_create
from questionnaire.models import ApiToken, Membership
from tests.people import make_member, signed_in

MEMBERS = "/organisations/acme/members/"
TOKENS = "/organisations/acme/api-tokens/"
REVOKE = "/organisations/acme/api-tokens/revoke/"


@pytest.fixture
def admin(acme) -> User:
    return make_member("carol", acme, Membership.Role.ADMIN)


@pytest.fixture
def token(acme, admin):
    return api_token_create(
        organisation=acme,
        name="pre-training cluster A",
        scopes=[ApiToken.Scope.WRITE_LEDGER],
        user=admin,
    )


def page(user: User, path: str, language: str, **data) -> str:
    client = signed_in(user)
    client.cookies["django_language"] = language
    response = client.get(path, data)
    assert response.status_code == 200
    return " ".join(response.content.decode().replace("&#x27;", "'").split())


MEMBERS_ENGLISH = (
    "Who belongs to",
    "Pending invitations",
    "Invite someone",
    "Make the invitation link",
    "E-mail address (optional)",
    "Member: prepares assessments.",
    ">Attester<",
    "Joined",
)
MEMBERS_WORDS = {
    "de": ("Wer zu Acme AI gehört", "Jemanden einladen", "Einladungslink erstellen",
           "Unterzeichnende(r)", "E-Mail-Adresse (optional)"),
    "fr": ("Qui appartient à Acme AI", "Inviter quelqu'un", "Créer le lien d'invitation",
           "Signataire", "Adresse e-mail (facultative)"),
}  # fmt: skip


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_members_page_is_in_the_language(admin, owner, language):
    body = page(admin, MEMBERS, language)
    for words in MEMBERS_WORDS[language]:
        assert words in body, words
    for english in MEMBERS_ENGLISH:
        assert english not in body, english


def test_the_members_page_stays_english(admin, owner):
    body = page(admin, MEMBERS, "en")
    for english in MEMBERS_ENGLISH:
        assert english in body, english


TOKENS_ENGLISH = (
    "Tokens let a training pipeline",
    "Make a token",
    "What the token may do",
    "Write ledger entries",
    "Last used",
)
TOKENS_WORDS = {
    "de": ("Mit Tokens erfasst eine Trainings-Pipeline", "Token erstellen", "Was das Token darf",
           "Die API selbst antwortet auf Englisch"),
    "fr": ("Les jetons permettent à un pipeline", "Créer un jeton", "Ce que le jeton peut faire",
           "L'API elle-même répond en anglais"),
}  # fmt: skip


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_token_pages_are_in_the_language(admin, token, language):
    body = page(admin, TOKENS, language)
    for words in TOKENS_WORDS[language]:
        assert words in body, words
    for english in TOKENS_ENGLISH:
        assert english not in body, english
    confirm = page(admin, REVOKE, language, token=token.token.pk)
    assert "Revoke the token “pre-training cluster A”?" not in confirm
    assert "cannot be restored" not in confirm
    assert {
        "de": "Token „pre-training cluster A“ widerrufen?",
        "fr": "Révoquer le jeton « pre-training cluster A » ?",
    }[language] in confirm


def test_the_token_pages_stay_english(admin, token):
    body = page(admin, TOKENS, "en")
    for english in TOKENS_ENGLISH:
        assert english in body, english
    assert "The API itself answers in English" not in body
    confirm = page(admin, REVOKE, "en", token=token.token.pk)
    assert "Revoke the token “pre-training cluster A”?" in confirm


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        ("de", "lädt Sie ein, Acme AI auf GPAI Assessor als <strong>Prüfende(r)</strong>",
         "invites you to join"),
        ("fr", "vous invite à rejoindre Acme AI sur GPAI Assessor en tant que <strong>relecteur</strong>",
         "invites you to join"),
    ],
)  # fmt: skip
def test_the_invitation_page_is_in_the_language(admin, language, words, english):
    client = signed_in(admin)
    response = client.post(MEMBERS + "invite/", {"email": "", "role": "reviewer"})
    link = response.content.decode().split('id="issued-url"', 1)[1].split(">", 1)[1]
    path = "/invitations/" + link.split("/invitations/", 1)[1].split("/", 1)[0] + "/"
    from django.test import Client

    visitor = Client()
    visitor.cookies["django_language"] = language
    body = " ".join(visitor.get(path).content.decode().split())
    assert words in body
    assert english not in body
    assert "Make the account and join" not in body
