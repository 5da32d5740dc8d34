"""The PDF report of a record in its attested language, and translations of it on demand
(issue 15): the signed report speaks the language the record was attested in, with local
dates and figures; another language is a translation, rendered when asked, never signed nor
stored, and says so on every page. Two real renders only (WeasyPrint is slow): the German
signed report and its French translation."""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfReader

from questionnaire.models import AssessmentRecord
from questionnaire.records.export import export_document
from questionnaire.reports import render
from tests.records.conftest import (  # noqa: F401  (fixtures)
    make_record,
    signing_paths,
    signing_setup,
    stored_report,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.real_pdf,
    pytest.mark.usefixtures("signing_setup"),
]

SHOTS = os.environ.get("I18N_SHOTS", "")
"""A folder to write page 1 of each PDF to, as a PNG, to look at; nothing when unset."""


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def shot(pdf: bytes, name: str) -> None:
    """Page 1 as a PNG, to look at (not asserted), when ``I18N_SHOTS`` names a folder."""
    if not SHOTS:
        return
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(folder / name)],  # noqa: S607
        check=False,
    )


@pytest.fixture
def german_record(acme, owner) -> AssessmentRecord:
    with translation.override("de"):
        record = make_record(acme, owner)
    assert export_document(record)["payload"]["language"] == "de"
    return record


def test_the_signed_report_of_a_german_record_is_german_with_local_dates_and_figures(
    german_record, owner_client
):
    response = owner_client.get(f"/records/{german_record.public_id}/report.pdf")

    assert response.status_code == 200
    pdf = response.content
    assert pdf == stored_report(german_record)
    assert b"/ByteRange" in pdf  # PAdES-signed
    shot(pdf, "report-de-signed")
    text = " ".join(pages_of(pdf))
    for heading in ("Ergebnis", "Pflichten", "Begründung", "Signatur und Prüfung", "Bestätigung"):
        assert heading in text, heading
    assert "systemischem Risiko" in text or "systemisches Risiko" in text
    assert "Verdict" not in text and "Obligations" not in text and "Attestation" not in text
    # Dates as a German reader writes them, figures with a decimal comma.
    assert re.search(
        r"\b\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September"
        r"|Oktober|November|Dezember) \d{4}\b",
        text,
    )
    assert re.search(r"\d,\d × 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+ FLOP", text)
    assert "Seite 1 von" in text
    assert "Übersetzung" not in text  # the signed one is no translation


def test_a_french_translation_is_marked_on_every_page_unsigned_and_not_stored(
    german_record, owner_client
):
    stored = stored_report(german_record)
    url = f"/records/{german_record.public_id}/report.pdf"

    response = owner_client.get(url, {"language": "fr"})

    assert response.status_code == 200
    pdf = response.content
    shot(pdf, "report-fr-translation")
    assert pdf != stored
    assert b"/ByteRange" not in pdf  # not PAdES-signed
    assert "_translation-fr.pdf" in response["Content-Disposition"]
    pages = pages_of(pdf)
    assert len(pages) > 1
    for page in pages:
        assert "Traduction — non signée" in page
        assert "allemand" in page  # the signed language, named
    assert "Conclusion" in pages[0] and "Obligations" in " ".join(pages)
    assert re.search(r"\d{1,2} (novembre|décembre|janvier|août|mars) \d{4}", " ".join(pages))
    # The stored, signed report is the German one, unchanged; it is still what downloads.
    assert stored_report(german_record) == stored
    assert owner_client.get(url).content == stored


def test_the_signed_language_or_a_bad_value_gives_the_signed_report(
    acme, owner, owner_client, monkeypatch
):
    record = make_record(acme, owner)  # English
    stored = stored_report(record)

    def no_render(**kwargs):  # nothing is rendered again for these
        raise AssertionError("rendered")

    monkeypatch.setattr(render, "report_pdf", no_render)
    url = f"/records/{record.public_id}/report.pdf"
    for value in ("en", "xx", "../../etc", "", "DE-de" * 50):
        response = owner_client.get(url, {"language": value})
        assert response.status_code == 200, value
        assert response.content == stored, value
        assert "translation" not in response["Content-Disposition"]
