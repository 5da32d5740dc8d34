"""The provider's documents in German and French (issue 15): the pages of the documents,
their forms and their exports (Word, HTML, PDF) speak the page's language, with the official
terms of the AI Act; the checklist of the documents too. English stays as it was."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from tests.documents.documents_samples import FRONTIER, assessment_of
from tests.i18n.test_reports import shot

pytestmark = pytest.mark.django_db


def base(assessment) -> str:
    return f"/assessments/{assessment.public_id}/documents/"


@pytest.fixture
def frontier(acme, owner):
    return assessment_of(acme, owner, dict(FRONTIER))


def in_language(client, language: str):
    client.cookies["django_language"] = language
    return client


def test_the_documents_page_and_the_form_in_german(frontier, owner_client):
    client = in_language(owner_client, "de")

    index = client.get(base(frontier)).content.decode()
    page = client.get(base(frontier) + "model-documentation/").content.decode()

    assert "Dokumente für" in index and "Modelldokumentationsformular" in index
    assert "Von den Pflichten dieser Bewertung verlangt" in index
    assert "Rechtlicher Name des Anbieters" in page
    assert "1. Allgemeine Informationen" in page
    assert "Neue Version speichern" in page
    assert "Büro für Künstliche Intelligenz" in page  # the recipients of the fields
    assert "Legal name of the provider" not in page and "Save a new version" not in page


def test_the_word_export_in_german_has_german_labels_and_official_terms(frontier, owner_client):
    client = in_language(owner_client, "de")

    response = client.get(base(frontier) + "model-documentation.docx")

    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Modelldokumentationsformular" in text
    assert "Rechtlicher Name des Anbieters" in text
    assert "nachgelagerte Anbieter" in text
    assert "Büro für Künstliche Intelligenz" in text
    assert "Zu diesem Dokument" in text
    assert "Legal name of the provider" not in text and "About this document" not in text


def test_the_notification_exports_in_french_and_german(frontier, owner_client):
    client = in_language(owner_client, "fr")
    french = client.get(base(frontier) + "art52-notification.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(french.content)).paragraphs)
    assert "notification" in text and "Bureau de l'IA" in text
    assert "Nom du modèle" in text and "Model name" not in text

    client = in_language(owner_client, "de")
    pdf = client.get(base(frontier) + "art52-notification.pdf").content
    shot(pdf, "notification-de")
    pages = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert "Mitteilung" in pages and "Büro für Künstliche Intelligenz" in pages
    assert "Betreff: Mitteilung nach Artikel 52 Absatz 1" in pages
    assert "Subject: notification" not in pages


def test_the_english_documents_stay_english(frontier, owner_client):
    page = owner_client.get(base(frontier) + "model-documentation/").content.decode()
    assert "Legal name of the provider" in page and "Rechtlicher Name" not in page


def test_the_checklist_of_an_assessment_in_german(frontier, owner_client):
    client = in_language(owner_client, "de")
    page = client.get(f"/assessments/{frontier.public_id}/").content.decode()
    assert "Technische Dokumentation (Anhang XI Abschnitt 1)" in page
    assert "Informationen für nachgelagerte Anbieter (Anhang XII)" in page
    assert "Rechtsgrundlage" in page
    assert "Technical documentation (Annex XI, Section 1)" not in page


def test_the_values_proposed_from_the_answers_are_in_the_language(frontier, owner_client):
    import html

    client = in_language(owner_client, "de")

    page = html.unescape(client.get(base(frontier) + "model-documentation/").content.decode())

    assert (
        "Aus der Hardware geschätzt" in page
        or "Aus der Architektur geschätzt" in page
        or ("Vom Anbieter direkt angegeben" in page)
    )
    assert "Schätzungen gelten als auf ±" in page
    assert "Estimates are taken to be accurate" not in page
    assert "Estimated from the" not in page and "Stated directly by the provider" not in page


def test_the_hour_bands_of_the_training_summary_are_in_the_language(frontier, owner_client):
    import html

    german = html.unescape(
        in_language(owner_client, "de").get(base(frontier) + "training-summary/").content.decode()
    )
    assert "Weniger als 10.000 Stunden" in german and "Mehr als 1 Million Stunden" in german
    assert "Less than 10,000 hours" not in german
    french = html.unescape(
        in_language(owner_client, "fr").get(base(frontier) + "training-summary/").content.decode()
    )
    assert "Moins de 10\u202f000 heures" in french
    english = html.unescape(
        in_language(owner_client, "en").get(base(frontier) + "training-summary/").content.decode()
    )
    assert "Less than 10,000 hours" in english
