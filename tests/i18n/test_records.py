"""A signed record stores the language it was attested in and the exact texts shown; read
in another language it is a translation, rendered on demand and marked as such."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from django.utils import translation

from questionnaire.i18n.results import result_in
from questionnaire.models import AssessmentRecord, Organisation
from questionnaire.records.chain import chain_verify, record_status
from questionnaire.records.export import export_check, export_document
from questionnaire.records.payload import ATTESTATION_STATEMENTS, result_as_shown
from questionnaire.records.signing import signature_valid
from questionnaire.selectors import published_keys
from questionnaire.wizard.forms import AttestForm
from tests.records.conftest import (  # noqa: F401 (fixtures)
    make_record,
    signing_paths,
    signing_setup,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def payload(record: AssessmentRecord) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(bytes(record.payload))
    return document


def attested_in(language: str, organisation, attester, **kwargs) -> AssessmentRecord:
    """Signed during a request whose page is in ``language`` (the wizard passes none)."""
    with translation.override(language):
        return make_record(organisation, attester, **kwargs)


def page_text(client, record: AssessmentRecord, language: str, query: str = "") -> str:
    client.cookies["django_language"] = language
    response = client.get(f"/records/{record.public_id}/{query}")
    assert response.status_code == 200, response.status_code
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def test_a_record_attested_in_german_stores_its_language_and_the_german_texts(acme, owner):
    record = attested_in("de", acme, owner)
    signed = payload(record)

    assert signed["language"] == "de"
    shown = signed["texts_shown"]
    local = result_in(signed["result"], "de")
    assert shown["reasons"] == [item["text"] for item in local["reasons"]]
    assert shown["notes"] == [item["text"] for item in local["notes"]]
    assert shown["open_questions"] == local["open_questions"]
    assert any("systemisch" in text for text in shown["reasons"])
    assert shown["classification"] == (
        "KI-Modell mit allgemeinem Verwendungszweck mit systemischem Risiko"
    )
    assert "systemischem Risiko" in shown["verdict"]
    assert shown["obligations"]["art52_notify"].startswith("Unterrichtung der Kommission")
    # The canonical result stays English.
    assert "systemic risk" in " ".join(item["text"] for item in signed["result"]["reasons"])

    # The signature covers these bytes and verifies with the public key.
    assert signature_valid(record.signing_key.public_key, bytes(record.payload), record.signature)
    assert export_check(export_document(record), published_keys()).authentic
    assert record_status(record).failures == []
    assert chain_verify(Organisation.objects.filter(pk=acme.pk)).failures == []


def test_a_french_record_and_an_explicit_language(acme, owner):
    record = make_record(acme, owner, name="Anne")
    assert payload(record)["language"] == "en"
    with translation.override("de"):
        from questionnaire import services
        from tests.records.conftest import make_assessment

        assessment = make_assessment(acme, owner, model_name="Other-7B")
        french = services.record_create(
            assessment=assessment, attester=owner, name="Anne", function="DPO", language="fr"
        )
    signed = payload(french)
    assert signed["language"] == "fr"
    assert any("risque systémique" in text for text in signed["texts_shown"]["reasons"])


def test_an_english_record_is_unchanged_but_for_its_language(acme, owner):
    record = attested_in("en", acme, owner)
    signed = payload(record)
    assert signed["language"] == "en"
    assert "texts_shown" not in signed
    assert set(signed) == {
        "record_schema",
        "record_id",
        "sequence",
        "previous_sha256",
        "organisation",
        "model_name",
        "attestation",
        "ruleset",
        "answers_schema",
        "answers",
        "questions",
        "result",
        "assessment_id",
        "language",
    }


def test_the_german_record_read_in_german_shows_what_was_signed(acme, owner, owner_client):
    record = attested_in("de", acme, owner)
    text = page_text(owner_client, record, "de")
    assert "Übersetzung" not in text
    for reason in payload(record)["texts_shown"]["reasons"][:3]:
        assert reason.replace("10^", "10") in text or reason[:40] in text
    assert "systemisches Risiko" in text or "systemischem Risiko" in text
    assert "Status wie am" in text
    assert "4,7 × 10²⁵ FLOP" in text


def test_the_german_record_read_in_french_is_a_translation(acme, owner, owner_client):
    record = attested_in("de", acme, owner)
    text = page_text(owner_client, record, "fr")
    assert "Traduction — la langue signée est l'allemand." in text
    assert "Le lire en allemand, tel que signé" in text
    assert "risque systémique" in text
    assert "systemisches Risiko" not in text
    assert "4,7 × 10²⁵ FLOP" in text
    assert f'href="/records/{record.public_id}/?language=de"' in (
        owner_client.get(f"/records/{record.public_id}/").content.decode()
    )


def test_the_link_to_the_signed_language_shows_the_signed_texts(acme, owner, owner_client):
    record = attested_in("de", acme, owner)
    owner_client.cookies["django_language"] = "fr"
    response = owner_client.get(f"/records/{record.public_id}/?language=de")
    assert response["Content-Language"] == "de"
    text = html.unescape(response.content.decode())
    assert "Übersetzung" not in text and "Traduction" not in text
    assert payload(record)["texts_shown"]["verdict"] in text
    # For that page only: the reader's own language is left as it is.
    assert "Traduction" in page_text(owner_client, record, "fr")


def test_an_english_record_read_in_german_is_a_translation(acme, owner, owner_client):
    record = attested_in("en", acme, owner)
    text = page_text(owner_client, record, "de")
    assert "Übersetzung – die signierte Sprache ist Englisch." in text
    assert "systemische" in text
    english = page_text(owner_client, record, "en")
    assert "Translation" not in english
    assert "This model is a general-purpose AI model with systemic risk" in english


def test_the_page_shows_the_stored_texts_not_texts_rendered_again(acme, owner):
    record = attested_in("de", acme, owner)
    signed = payload(record)
    signed["texts_shown"]["reasons"][0] = "Wie signiert."
    shown = result_as_shown(signed)
    assert shown is not None
    assert shown[0]["reasons"][0]["text"] == "Wie signiert."
    assert shown[0]["reasons"][0]["cite"] == signed["result"]["reasons"][0]["cite"]
    assert result_as_shown({"result": signed["result"]}) is None


def test_a_record_signed_before_languages_verifies_and_reads_as_english(
    acme, owner, owner_client, monkeypatch
):
    """Records signed before languages have no "language" key: they verify as ever and
    read as attested in English."""
    from questionnaire import services

    signed_before = services.record_payload  # type: ignore[attr-defined]

    def without_language(**kwargs: Any) -> dict[str, Any]:
        document = signed_before(**kwargs)
        document.pop("language")
        document.pop("texts_shown", None)
        return document

    monkeypatch.setattr(services, "record_payload", without_language)
    record = attested_in("de", acme, owner)
    assert "language" not in payload(record) and "texts_shown" not in payload(record)
    assert record_status(record).failures == []
    assert export_check(export_document(record), published_keys()).authentic
    assert chain_verify(Organisation.objects.filter(pk=acme.pk)).failures == []
    assert result_as_shown(payload(record)) is None
    assert "Signed and intact." in page_text(owner_client, record, "en")
    assert "Übersetzung – die signierte Sprache ist Englisch." in page_text(
        owner_client, record, "de"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Nicht echt. Verlassen Sie sich nicht auf diese Datei."),
        ("fr", "Non authentique. Ne vous fiez pas à ce fichier."),
    ],
)
def test_the_verify_page_answers_in_the_reader_language(client, language, expected):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.cookies["django_language"] = language
    upload = SimpleUploadedFile("x.json", b'{"format": "other"}', content_type="application/json")
    response = client.post("/verify/", {"document": upload})
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    assert expected in text
    assert "Not authentic." not in text
    problem = {
        "de": "Dies ist kein Nachweis von GPAI Assessor.",
        "fr": "Ce n'est pas un enregistrement de GPAI Assessor.",
    }
    assert problem[language] in text


def test_the_attestation_statement_is_signed_in_the_attested_language(acme, owner):
    german = attested_in("de", acme, owner)
    french = attested_in("fr", acme, owner)
    assert payload(german)["attestation"]["statement"].startswith("Ich bestätige nach bestem")
    assert payload(french)["attestation"]["statement"].startswith("Je confirme")
    assert signature_valid(german.signing_key.public_key, bytes(german.payload), german.signature)
    with translation.override("de"):
        label = str(AttestForm().fields["confirm"].label)
    assert label == ATTESTATION_STATEMENTS["de"]


def test_a_record_that_fails_its_checks_says_why_in_the_readers_language(acme, owner, owner_client):
    from tests.records.conftest import raw_update

    record = make_record(acme, owner)
    raw_update(record, "model_name", "Renamed-70B")
    german = page_text(owner_client, record, "de")
    assert "Signaturprüfung fehlgeschlagen." in german
    assert "der angezeigte Modellname weicht vom signierten ab" in german
    assert "differs from the signed one" not in german
    english = page_text(owner_client, record, "en")
    assert "model name shown differs from the signed one" in english
    # verify_records and the logs keep the English.
    assert record_status(record).failures[0][1] == "model name shown differs from the signed one"


def test_the_verify_page_says_what_is_wrong_with_a_pdf_or_a_key_in_german(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.cookies["django_language"] = "de"

    def verdict(name: str, data: bytes) -> str:
        upload = SimpleUploadedFile(name, data)
        response = client.post("/verify/", {"document": upload})
        return re.sub(
            r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
        )

    damaged = verdict("report.pdf", b"%PDF-1.7\n garbage")
    assert "Die Datei ist kein PDF oder sie ist beschädigt." in damaged
    assert "damaged" not in damaged
    from questionnaire.records.export import EXPORT_FORMAT

    export = {
        "format": EXPORT_FORMAT,
        "payload": {"record_id": "x"},
        "key_id": "ed25519-unknown",
        "signature": "AAAA",
    }
    unknown = verdict("record.json", json.dumps(export).encode())
    assert "Der genannte Schlüssel ist keiner der Signaturschlüssel dieses Dienstes." in unknown
    assert "ed25519-unknown" in unknown  # shown beside it, as the claimed key
