"""The evidence pages in German and French: the page of one answer's form (its title,
labels, help, buttons), its refusals (nothing chosen, a program, a link that is not a web
address), the message once a link is attached, and the evidence beside the answers of the
review step. Sizes are written as the reader writes them; English is unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.evidence.conftest import EXE, signing_paths, signing_setup
from tests.web.test_wizard_journeys import ARCHITECTURE_70B, developer_steps
from tests.web.wizard_helpers import WizardDriver

__all__ = ["signing_paths", "signing_setup"]

pytestmark = pytest.mark.django_db

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "page": [
            "Evidence for “",
            "A file",
            "Or a link to it",
            "A PDF, an image",
            "Attach",
            "Back to the review",
        ],
        "none": [
            "Error:",
            "Choose a file, or enter a link to the evidence.",
            "Nothing was attached.",
        ],
        "program": "is a Windows program, whatever its name says",
        "link": "Enter a web address starting with https:// or http://",
        "attached": "The link attached to “",
        "review": ["Attach evidence", "Or a link to it"],
    },
    "de": {
        "page": [
            "Belege zu „",
            "Eine Datei",
            "Oder ein Link darauf",
            "Ein PDF, ein Bild",
            "höchstens 10 MB",
            "Anhängen",
            "Zurück zur Prüfung",
        ],
        "none": [
            "Fehler:",
            "Wählen Sie eine Datei oder geben Sie einen Link zum Beleg ein.",
            "Es wurde nichts angehängt.",
        ],
        "program": "ist ein Windows-Programm, was auch immer sein Name sagt",
        "link": "Geben Sie eine Webadresse ein, die mit https:// oder http:// beginnt",
        "attached": "Der Link an „",
        "review": ["Beleg anhängen", "Oder ein Link darauf"],
    },
    "fr": {
        "page": [
            "Pièces justificatives pour « ",
            "Un fichier",
            "Ou un lien vers celui-ci",
            "Un PDF, une image",
            "au plus 10 Mo",
            "Joindre",
            "Retour à l'examen",
        ],
        "none": [
            "Erreur :",
            "Choisissez un fichier, ou saisissez un lien vers la pièce justificative.",
            "Rien n'a été joint.",
        ],
        "program": "est un programme Windows, quoi qu&#x27;en dise son nom",
        "link": "Saisissez une adresse web commençant par https:// ou http://",
        "attached": "Joint à « ",
        "review": ["Joindre une pièce justificative", "Ou un lien vers celui-ci"],
    },
}
ENGLISH_ONLY = {
    "page": ["Evidence for “", "Or a link to it", "Back to the review", "; at most 10 MB"],
    "none": ["Choose a file, or enter a link to the evidence.", "Nothing was attached."],
}


@pytest.fixture
def wizard(signing_setup, owner_client, acme) -> WizardDriver:
    driver = WizardDriver(owner_client).start(acme)
    driver.walk(developer_steps(ARCHITECTURE_70B))
    return driver


def add_url(wizard: WizardDriver) -> str:
    return f"/drafts/{wizard.draft_id}/evidence/model_name/"


def absent(html: str, language: str, *english: str) -> None:
    if language != "en":
        for text in english:
            assert text not in html, text


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_the_evidence_page_speaks_the_language(language, wizard):
    wizard.client.cookies["django_language"] = language
    html = wizard.client.get(add_url(wizard)).content.decode()

    for text in TEXTS[language]["page"]:
        assert text in html, text
    absent(html, language, *ENGLISH_ONLY["page"])


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_the_refusals_speak_the_language(language, wizard):
    client = wizard.client
    client.cookies["django_language"] = language

    nothing = client.post(add_url(wizard), {"url": ""})
    assert nothing.status_code == 400
    for text in TEXTS[language]["none"]:
        assert text in nothing.content.decode(), text
    absent(nothing.content.decode(), language, *ENGLISH_ONLY["none"])

    program = client.post(
        add_url(wizard), {"file": SimpleUploadedFile("report.pdf", EXE), "url": ""}
    )
    assert program.status_code == 400
    assert TEXTS[language]["program"] in program.content.decode()
    absent(program.content.decode(), language, TEXTS["en"]["program"])

    link = client.post(add_url(wizard), {"url": "ftp://example.com/run.pdf"})
    assert link.status_code == 400
    assert TEXTS[language]["link"] in link.content.decode()
    absent(link.content.decode(), language, TEXTS["en"]["link"])


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_a_link_attached_is_said_in_the_language(language, wizard):
    client = wizard.client
    client.cookies["django_language"] = language

    attached = client.post(add_url(wizard), {"url": "https://example.com/run.pdf"})
    assert attached.status_code == 302
    html = client.get(attached["Location"]).content.decode()
    assert TEXTS[language]["attached"] in html
    absent(html, language, TEXTS["en"]["attached"])
    for text in TEXTS[language]["review"]:
        assert text in html, text
    absent(html, language, *TEXTS["en"]["review"])
    assert "https://example.com/run.pdf" in html
