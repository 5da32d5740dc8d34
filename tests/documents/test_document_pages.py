"""The document pages: prefilled forms, saved versions, exports (PDF, Word, HTML), access."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from questionnaire.models import DocumentVersion
from tests.documents.documents_samples import FRONTIER, assessment_of, open_source_answers


def base(assessment) -> str:
    return f"/assessments/{assessment.public_id}/documents/"


@pytest.fixture
def open_model(acme, owner):
    return assessment_of(acme, owner, open_source_answers())


@pytest.fixture
def frontier(acme, owner):
    return assessment_of(acme, owner, dict(FRONTIER))


class _FormReader(HTMLParser):
    """The values a browser would send from a page's form: text inputs, text areas, the
    selected option of each select, the checked radio of each group."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and a.get("type") in ("text", "date", "url"):
            self.values[name] = a.get("value", "")
        elif tag == "input" and a.get("type") == "radio" and "checked" in a:
            self.values[name] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def form_values(page: str) -> dict[str, str]:
    reader = _FormReader()
    reader.feed(page)
    return {k: v.removeprefix("\n") for k, v in reader.values.items() if k}


def docx_text(body: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)


def test_the_open_source_example_lists_the_training_summary_as_called_for(owner_client, open_model):
    page = owner_client.get(base(open_model)).content.decode()

    called, others = page.split("Not called for by this assessment")
    assert "Public summary of training content" in called
    assert "Model Documentation Form" not in called
    assert "Model Documentation Form" in others and "Art. 52(1) notification" in others


def test_the_form_starts_from_the_answers(owner_client, frontier):
    response = owner_client.get(base(frontier) + "model-documentation/")

    assert response.status_code == 200
    values = form_values(response.content.decode())
    assert values["model_name"] == "Frontier-2"
    assert values["provider_name"] == "Acme AI"
    assert values["training_flop"] == "8.5 × 10²⁵ FLOP; cumulative 8.6 × 10²⁵ FLOP"
    assert values["model_versions"] == ""
    assert "For the AI Office and national competent authorities." in response.content.decode()


def test_saving_keeps_versions_and_a_second_identical_save_adds_none(owner_client, frontier):
    url = base(frontier) + "art52-notification/"
    data = form_values(owner_client.get(url).content.decode())
    data.update(channel="EU Survey form of the AI Office", model_versions="2.0")

    first = owner_client.post(url, data, follow=True)
    again = owner_client.post(url, data, follow=True)
    data["model_versions"] = "2.0, 2.1"
    third = owner_client.post(url, data, follow=True)

    assert "Art. 52(1) notification: version 1 saved." in first.content.decode()
    assert "Nothing changed since the last saved version." in again.content.decode()
    assert "version 2 saved" in third.content.decode()
    versions = DocumentVersion.objects.filter(assessment=frontier).order_by("number")
    assert [v.values["model_versions"] for v in versions] == ["2.0", "2.0, 2.1"]
    assert versions[0].values["channel"] == "EU Survey form of the AI Office"
    assert versions[0].format_version.startswith("Art. 52(1)")
    assert third.content.decode().count("/versions/") >= 4  # two versions × PDF and Word


def test_a_bad_date_names_the_field_keeps_the_typing_and_saves_nothing(owner_client, frontier):
    url = base(frontier) + "model-documentation/"
    data = form_values(owner_client.get(url).content.decode())
    data.update(release_date="1st of May", architecture="Decoder-only transformer")

    response = owner_client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Release date: enter a date as YYYY-MM-DD." in page
    assert 'aria-describedby="id_release_date_helptext id_release_date_error"' in page
    assert form_values(page)["architecture"] == "Decoder-only transformer"
    assert 'value="1st of May"' in page
    assert not DocumentVersion.objects.exists()


def test_another_organisation_sees_nothing(outsider_client, frontier):
    for url in (
        base(frontier),
        base(frontier) + "model-documentation/",
        base(frontier) + "model-documentation.docx",
        base(frontier) + "training-summary.html",
    ):
        assert outsider_client.get(url).status_code == 404, url
    assert outsider_client.post(base(frontier) + "model-documentation/", {}).status_code == 404
    assert not DocumentVersion.objects.exists()


def test_the_word_export_holds_the_prefilled_and_the_saved_values(owner_client, frontier):
    url = base(frontier) + "model-documentation/"
    data = form_values(owner_client.get(url).content.decode())
    data["architecture"] = "Decoder-only transformer with 96 layers"
    owner_client.post(url, data)

    response = owner_client.get(base(frontier) + "model-documentation.docx")

    assert response.status_code == 200
    assert 'filename="Frontier-2-model-documentation-v1.docx"' in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "Model Documentation Form" in text
    assert "Decoder-only transformer with 96 layers" in text
    assert "1.2 trillion (1.2 × 10¹²)" in text
    assert "To be completed by the provider." in text  # e.g. energy consumption
    assert "Version 1 saved on" in text


def test_the_published_summary_is_one_html_file_with_the_typed_text_escaped(
    owner_client, open_model
):
    url = base(open_model) + "training-summary/"
    data = form_values(owner_client.get(url).content.decode())
    data["languages"] = "English, French <script>alert(1)</script>"
    owner_client.post(url, data)

    response = owner_client.get(base(open_model) + "training-summary.html")

    html = response.content.decode()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "<style>" in html and "<link" not in html  # one file, ready to publish
    assert "English, French &lt;script&gt;" in html and "<script>" not in html
    assert "1 billion to 10 trillion tokens" in html
    assert "C(2025) 5235" in html


def test_earlier_versions_of_the_summary_are_listed_with_their_dates(owner_client, open_model):
    url = base(open_model) + "training-summary/"
    data = form_values(owner_client.get(url).content.decode())
    owner_client.post(url, {**data, "summary_version": "1.0"})
    owner_client.post(url, {**data, "summary_version": "1.1"})

    newest = owner_client.get(base(open_model) + "training-summary.html").content.decode()
    first = owner_client.get(base(open_model) + "training-summary/versions/1.html").content.decode()

    assert "Earlier versions" in newest and "Version 1 of" in newest
    assert "Earlier versions" not in first and ">1.0<" in first
    assert (
        owner_client.get(base(open_model) + "training-summary/versions/9.html").status_code == 404
    )


def test_a_document_saved_never_changes_the_signed_record(acme, owner, signing):
    from tests.records.conftest import make_record

    record = make_record(acme, owner)
    payload = bytes(record.payload)
    client = Client()
    client.force_login(owner)
    url = base(record.assessment) + "model-documentation/"
    data = form_values(client.get(url).content.decode())
    client.post(url, {**data, "architecture": "Transformer"})

    record.refresh_from_db()
    assert bytes(record.payload) == payload
    assert DocumentVersion.objects.get().values["architecture"] == "Transformer"


def test_a_reassessment_starts_from_the_documents_of_the_record_it_reassesses(acme, owner, signing):
    from tests.records.conftest import make_assessment, make_record

    record = make_record(acme, owner)
    client = Client()
    client.force_login(owner)
    url = base(record.assessment) + "model-documentation/"
    data = form_values(client.get(url).content.decode())
    client.post(url, {**data, "architecture": "Mixture of experts, 8 experts"})
    later = make_assessment(acme, owner)
    later.supersedes = record
    later.save()

    page = client.get(base(later) + "model-documentation/").content.decode()

    assert form_values(page)["architecture"] == "Mixture of experts, 8 experts"
    assert "the assessment it re-assesses" in page


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_every_document_of_a_frontier_developer_prints_to_pdf(owner_client, frontier):
    """Real WeasyPrint renders: the three PDFs of the "done when" of issue 12."""
    texts = {}
    for slug in ("model-documentation", "training-summary", "art52-notification"):
        response = owner_client.get(base(frontier) + f"{slug}.pdf")
        assert response.status_code == 200, slug
        assert response.content.startswith(b"%PDF-")
        texts[slug] = pdf_text(response.content)

    assert "Frontier-2" in texts["model-documentation"]
    assert "25,000" in texts["model-documentation"]
    assert "More than 10 trillion tokens" in texts["training-summary"]
    assert "Required: the provider is established outside the Union" in texts["training-summary"]
    notification = texts["art52-notification"]
    assert "Subject: notification under Article 52(1)" in notification
    assert "2025-11-03" in notification
    assert "To be completed by the provider." in notification  # the channel
