"""The documentation checklist on the result and record pages and in the PDF report
(issue 12): the items shown, progress saved and shown, who may save it, refused input, and
that progress never touches a signed record or its report."""

from __future__ import annotations

import html as html_module
import io
import re
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from questionnaire.models import Assessment, AssessmentRecord, ChecklistProgress
from tests.people import signed_in
from tests.records.conftest import (
    make_assessment,
    make_record,
    raw_update,
    signing_paths,
    signing_setup,
    stored_report,
    verify_records,
)
from tests.samples import CONTRACT_EXAMPLE

# The signing fixtures of tests/records, imported: a conftest is only seen in its folder.
__all__ = ["signing_paths", "signing_setup"]
pytestmark = pytest.mark.usefixtures("signing_setup")

ITEM = "annex_xi_1_1_architecture"
ITEM_TITLE = "Architecture and number of parameters"
TOTAL = 33  # SYSTEMIC_ANSWERS: Annex XI §1 and §2, Annex XII, Art. 53(1)(c)/(d), 52, 55


def text(html: str) -> str:
    """The page's words: inline tags dropped, other tags read as spaces, entities read,
    whitespace collapsed."""
    inline = re.sub(r"</?(?:a|span|strong|code)\b[^>]*>", "", html)
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def item_block(html: str, item: str) -> str:
    """The markup of one checklist item (its list item, up to the next item or the list's
    end: an item holds lists of its own, such as a field's errors)."""
    found = re.search(
        rf'<li class="checklist-item[^"]*" id="item-{item}">(.*?)</li>\s*(?=<li class="checklist-item|</ol>)',
        html,
        re.S,
    )
    assert found, f"no checklist item {item}"
    return found[1]


def progress_url(assessment: Assessment, item: str = ITEM) -> str:
    return f"/assessments/{assessment.public_id}/checklist/{item}/"


def save(client: Client, assessment: Assessment, item: str = ITEM, **values: Any) -> Any:
    data = {f"{item}-{name}": value for name, value in values.items() if name != "back"}
    if "back" in values:
        data["back"] = values["back"]
    return client.post(progress_url(assessment, item), data)


def assessment_page(client: Client, assessment: Assessment) -> str:
    response = client.get(f"/assessments/{assessment.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


def record_page(client: Client, record: AssessmentRecord) -> str:
    response = client.get(f"/records/{record.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


# ------------------------------------------------------------------ the items on the pages


def test_the_result_page_lists_each_item_with_source_recipients_and_retention(
    acme, owner, owner_client
):
    page = assessment_page(owner_client, make_assessment(acme, owner))
    words = text(page)
    assert "Documentation checklist" in words
    assert f"0 of {TOTAL} done" in words
    block = text(item_block(page, ITEM))
    assert ITEM_TITLE in block
    assert "Source Annex XI, Section 1, point 1(d)" in block
    assert "Recipients AI Office and national competent authorities" in block
    assert "10 years after the model is placed on the market" in block
    assert "Open" in block
    # Section 2 and Art. 55 for this model with systemic risk, Annex XII for downstream.
    assert "Adversarial testing (red-teaming)" in words
    assert "Serious incidents: tracking, documentation and reports" in words
    assert "Recipients Downstream providers" in text(item_block(page, "annex_xii_1_licence"))


def test_every_item_has_a_labelled_form_without_inline_script_or_style(acme, owner, owner_client):
    page = assessment_page(owner_client, make_assessment(acme, owner))
    block = item_block(page, ITEM)
    for field in ("done", "note", "evidence_url"):
        assert f'<label class="field__label" for="id_{ITEM}-{field}">' in block
        assert f'id="id_{ITEM}-{field}"' in block
    assert 'action="/assessments/' in block and f'/checklist/{ITEM}/"' in block
    assert "<details" in block and "Update progress" in block
    section = page[page.index('id="checklist"') :]
    assert "<script" not in section and "style=" not in section
    assert not re.search(r"\son[a-z]+=", section)


def test_an_open_source_model_shows_why_it_has_no_annex_items(acme, owner, owner_client):
    assessment = make_assessment(acme, owner, **{**CONTRACT_EXAMPLE, "model_name": "Open-7B"})
    words = text(assessment_page(owner_client, assessment))
    assert "No Annex XI or Annex XII documentation" in words
    assert "0 of 2 done" in words
    assert ITEM_TITLE not in words


def test_a_model_that_is_not_general_purpose_shows_an_empty_checklist_with_a_reason(
    acme, owner, owner_client
):
    assessment = make_assessment(acme, owner, generality="narrow")
    words = text(assessment_page(owner_client, assessment))
    assert "Documentation checklist No documentation checklist: the model is not a" in words
    assert "Update progress" not in words


def test_a_record_without_its_assessment_shows_the_checklist_read_only(acme, owner, owner_client):
    record = make_record(acme, owner)
    raw_update(record, "assessment_id", None)
    page = record_page(owner_client, AssessmentRecord.objects.get(pk=record.pk))
    words = text(page)
    assert ITEM_TITLE in words and f"0 of {TOTAL} done" in words
    assert "no progress can be kept for it here" in words
    assert "Update progress" not in words and "/checklist/" not in page


# ------------------------------------------------------------------ saving progress


def test_a_member_saves_progress_and_both_pages_show_it(acme, owner, colleague):
    client = signed_in(colleague)  # a member, not an attester: members may keep progress
    assessment = make_assessment(acme, owner)
    response = save(
        client,
        assessment,
        done="on",
        note="Architecture note in the model card, section 2.",
        evidence_url="https://files.example.com/model-card.pdf",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.public_id}/#item-{ITEM}"
    page = client.get(response["Location"]).content.decode()
    words = text(page)
    assert f"Saved: “{ITEM_TITLE}” (Annex XI, Section 1, point 1(d)) is done." in words
    assert f"1 of {TOTAL} done" in words
    block = item_block(page, ITEM)
    assert "Done" in text(block) and "Marked done by bob on" in text(block)
    assert "Architecture note in the model card, section 2." in block
    assert 'href="https://files.example.com/model-card.pdf"' in block
    assert "checklist-item--done" in page
    # The form comes back filled in.
    assert 'value="https://files.example.com/model-card.pdf"' in block
    assert f'name="{ITEM}-done" id="id_{ITEM}-done" checked' in block

    record = make_record(acme, owner, assessment=assessment)
    record_words = text(record_page(client, record))
    assert f"1 of {TOTAL} done" in record_words
    assert "Architecture note in the model card, section 2." in record_words


def test_saving_from_the_record_page_goes_back_to_it(acme, owner, owner_client):
    record = make_record(acme, owner)
    assessment = record.assessment
    assert assessment is not None
    page = record_page(owner_client, record)
    assert '<input type="hidden" name="back" value="record">' in item_block(page, ITEM)
    response = save(owner_client, assessment, done="on", back="record")
    assert response["Location"] == f"/records/{record.public_id}/#item-{ITEM}"
    progress = ChecklistProgress.objects.get(assessment=assessment, item=ITEM)
    assert progress.done and progress.updated_by == owner


def test_saving_again_changes_the_one_row_and_can_reopen_an_item(acme, owner, owner_client):
    assessment = make_assessment(acme, owner)
    save(owner_client, assessment, done="on", note="first")
    save(owner_client, assessment, note="second")  # the box unticked: open again
    progress = ChecklistProgress.objects.get(assessment=assessment, item=ITEM)
    assert (progress.done, progress.note, progress.organisation) == (False, "second", acme)
    assert ChecklistProgress.objects.filter(assessment=assessment).count() == 1
    words = text(assessment_page(owner_client, assessment))
    assert f"0 of {TOTAL} done" in words and "Updated by alice on" in words


def test_progress_carries_forward_to_a_re_assessment_until_it_has_its_own(
    acme, owner, owner_client
):
    earlier = make_assessment(acme, owner)
    save(owner_client, earlier, done="on", note="Done for the first version.")
    record = make_record(acme, owner, assessment=earlier)
    later = make_assessment(acme, owner, model_name="Example-70B v2")
    Assessment.objects.filter(pk=later.pk).update(supersedes=record)

    block = text(item_block(assessment_page(owner_client, later), ITEM))
    assert "Done for the first version." in block
    assert "carried from the earlier assessment of" in block
    assert not ChecklistProgress.objects.filter(assessment=later).exists()

    save(owner_client, later, note="Re-checked for v2.")
    block = text(item_block(assessment_page(owner_client, later), ITEM))
    assert "Re-checked for v2." in block and "carried from" not in block


# ------------------------------------------------------------------ who may see and save


def test_another_organisation_gets_404_for_the_pages_and_for_saving(acme, owner, outsider_client):
    record = make_record(acme, owner)
    assessment = record.assessment
    assert assessment is not None
    assert outsider_client.get(f"/assessments/{assessment.public_id}/").status_code == 404
    assert outsider_client.get(f"/records/{record.public_id}/").status_code == 404
    response = save(outsider_client, assessment, done="on", note="not mine")
    assert response.status_code == 404
    assert not ChecklistProgress.objects.exists()


def test_an_item_not_on_the_assessments_checklist_is_404(acme, owner, owner_client):
    open_source = make_assessment(acme, owner, **{**CONTRACT_EXAMPLE, "model_name": "Open-7B"})
    # Annex XI is not on an open-source model's checklist; nor is an id that names nothing.
    assert save(owner_client, open_source, ITEM, done="on").status_code == 404
    assert save(owner_client, open_source, "no_such_item", done="on").status_code == 404
    assert (
        save(owner_client, open_source, "art53_1d_training_summary", done="on").status_code == 302
    )
    assert set(ChecklistProgress.objects.values_list("item", flat=True)) == {
        "art53_1d_training_summary"
    }


def test_saving_needs_a_post_and_a_sign_in(acme, owner, owner_client):
    assessment = make_assessment(acme, owner)
    assert owner_client.get(progress_url(assessment)).status_code == 405
    anonymous = Client().post(progress_url(assessment), {f"{ITEM}-done": "on"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not ChecklistProgress.objects.exists()


# ------------------------------------------------------------------ refused input


def test_an_invalid_link_is_a_400_naming_the_field_and_keeping_what_was_typed(
    acme, owner, owner_client
):
    assessment = make_assessment(acme, owner)
    response = save(
        owner_client,
        assessment,
        done="on",
        note="Kept while the link is fixed.",
        evidence_url="not a web address",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert f'href="#id_{ITEM}-evidence_url"' in page  # the summary links to the field
    block = item_block(page, ITEM)
    assert '<details class="checklist-item__edit" open>' in block
    error_id = f"id_{ITEM}-evidence_url_error"
    assert f'<ul class="field__errors" id="{error_id}">' in block
    url_input = re.search(rf'<input type="url" name="{ITEM}-evidence_url"[^>]*>', block)
    assert url_input, block
    assert 'aria-invalid="true"' in url_input[0]
    assert re.search(rf'aria-describedby="[^"]*{error_id}', url_input[0])
    assert 'value="not a web address"' in url_input[0]
    assert "Kept while the link is fixed." in block
    assert f'name="{ITEM}-done" id="id_{ITEM}-done" checked' in block
    assert text(block).count("Enter a web address starting with https://") == 1
    assert not ChecklistProgress.objects.exists()


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://files.example.com/a"])
def test_only_web_links_are_kept(acme, owner, owner_client, address):
    assessment = make_assessment(acme, owner)
    assert save(owner_client, assessment, evidence_url=address).status_code == 400
    assert not ChecklistProgress.objects.exists()


def test_a_note_too_long_is_a_400_on_the_record_page(acme, owner, owner_client):
    record = make_record(acme, owner)
    assessment = record.assessment
    assert assessment is not None
    response = save(owner_client, assessment, note="x" * 2001, back="record")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Signed and intact." in page  # the record's page, shown again
    block = item_block(page, ITEM)
    assert "The note can be at most 2,000 characters long (it has 2001)." in text(block)
    note = re.search(rf'<textarea name="{ITEM}-note"[^>]*>', block)
    assert note and f"id_{ITEM}-note_error" in note[0]
    assert "x" * 2001 in block
    assert not ChecklistProgress.objects.exists()


# ------------------------------------------------------------------ never part of a record


def test_progress_never_changes_the_signed_record_its_export_or_its_report(
    acme, owner, owner_client
):
    record = make_record(acme, owner)
    assessment = record.assessment
    assert assessment is not None
    before = (
        bytes(record.payload),
        record.payload_sha256,
        owner_client.get(f"/records/{record.public_id}.json").content,
        stored_report(record),
    )
    response = save(
        owner_client,
        assessment,
        done="on",
        note="Progress note that must stay out of the record.",
        evidence_url="https://files.example.com/evidence",
    )
    assert response.status_code == 302
    record = AssessmentRecord.objects.get(pk=record.pk)
    after = (
        bytes(record.payload),
        record.payload_sha256,
        owner_client.get(f"/records/{record.public_id}.json").content,
        stored_report(record),
    )
    assert after == before
    assert b"Progress note" not in after[0] + after[2]
    code, _, stderr = verify_records()
    assert code == 0, stderr


@pytest.mark.real_pdf
def test_the_pdf_report_lists_the_items_without_any_progress(acme, owner, owner_client):
    """The one real PDF render of this file: progress saved before signing stays out."""
    assessment = make_assessment(acme, owner)
    save(owner_client, assessment, done="on", note="PROGRESS-NOTE-7f3a")
    record = make_record(acme, owner, assessment=assessment)
    pdf_text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(stored_report(record))).pages
    )
    squeezed = "".join(pdf_text.split())
    for expected in (
        "Documentationchecklist",
        "Technicaldocumentation(AnnexXI,Section1)",
        "Architectureandnumberofparameters",
        "AnnexXI,Section1,point1(d)",
        "Recipients:AIOfficeandnationalcompetentauthorities.",
        "Retention:Keptuptodate,andkept10yearsafterthemodelisplacedonthemarket",
        "Adversarialtesting(red-teaming)",
        "Seriousincidents:tracking,documentationandreports",
        "Recipients:AIOfficeandnationalcompetentauthorities.",
    ):
        assert expected in squeezed, expected
    assert "PROGRESS-NOTE-7f3a" not in squeezed
    assert "1of33done" not in squeezed and "Markeddone" not in squeezed


@pytest.mark.parametrize(
    ("language", "done", "too_long", "not_a_link"),
    [
        (
            "de",
            "Erledigt",
            r"Die Notiz darf höchstens 2\.000 Zeichen lang sein \(sie hat 2001\)\.",
            "Geben Sie eine Webadresse ein, die mit https:// oder http:// beginnt",
        ),
        (
            "fr",
            "Fait",
            r"La note peut compter au plus 2\s000 caractères \(elle en compte 2001\)\.",
            "Saisissez une adresse web commençant par https:// ou http://",
        ),
    ],
)
def test_a_checklist_items_form_and_its_errors_in_the_readers_language(
    acme, owner, owner_client, language, done, too_long, not_a_link
):
    """The form's label and its errors follow the page's language (issue 15): the limit is
    written the language's way, and the link's error is no longer fixed in English when
    the code is loaded."""
    assessment = make_assessment(acme, owner)
    owner_client.cookies["django_language"] = language
    response = save(owner_client, assessment, note="x" * 2001, evidence_url="not a web address")
    assert response.status_code == 400
    block = text(item_block(response.content.decode(), ITEM))
    assert done in block and "Done" not in block
    assert re.search(too_long, block)  # the limit written the language's way
    assert not_a_link in block
    assert "characters long" not in block and "Enter a web address" not in block
    # The button names its item in the language's quotation marks.
    assert {"de": "Speichern „Architektur", "fr": "Enregistrer « Architecture"}[language] in block
