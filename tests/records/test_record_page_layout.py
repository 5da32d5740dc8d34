"""A record's page reads as a lawyer reads it (issue 10): the model, whether it is intact in
one calm line, the result and its obligations, who attested it and when in words; the
hashes, the key and the chain at the end, under "Signature and chain details"."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection

from tests.records.conftest import make_record, payload_of, raw_update, record_page

pytestmark = pytest.mark.usefixtures("signing_setup")

DETAILS = '<h2 id="signature-details-heading">Signature and chain details</h2>'


def visible_text(page: str) -> str:
    """The page as read: tags and their attributes removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_record_page_shows_the_model_status_and_result_before_any_cryptography(
    acme, owner, owner_client
):
    make_record(acme, owner, model_name="First-7B")
    record = make_record(acme, owner)  # the second: it names the first one's hash
    page = record_page(owner_client, record)

    model = page.index("<h1>Example-70B</h1>")
    status = page.index("<strong>Signed and intact.</strong>")
    verdict = page.index('<p class="verdict">')
    obligations = page.index("<h3>Obligations</h3>")
    attestation = page.index('<h2 id="attestation-heading">Attestation</h2>')
    details = page.index(DETAILS)
    assert model < status < verdict < obligations < attestation < details
    # Every cryptographic fact is in the details at the end, and only there.
    payload = payload_of(record)
    for fact in (record.payload_sha256, record.signing_key.key_id, payload["previous_sha256"]):
        assert page.count(fact) == 1, fact
        assert page.index(fact) > details, fact
    tail = visible_text(page[details:])
    assert f"Record {payload['sequence']} of Acme AI" in tail


def test_the_attestation_time_is_written_in_words_with_a_machine_readable_time(
    acme, owner, owner_client
):
    record = make_record(acme, owner)
    attested_at = payload_of(record)["attestation"]["attested_at"]  # 2026-11-29T14:05:07Z

    page = record_page(owner_client, record)

    day, clock = attested_at[:10], attested_at[11:16]
    year, month, date = (int(part) for part in day.split("-"))
    months = ["January", "February", "March", "April", "May", "June", "July", "August"]
    months += ["September", "October", "November", "December"]
    words = f"{date} {months[month - 1]} {year}, {clock} UTC"
    assert f'<time datetime="{attested_at}">{words}</time>' in page
    attestation = visible_text(page[page.index('id="attestation-heading"') :])
    assert "Alice Example, Head of Legal (alice)" in attestation
    assert words in attestation
    assert attested_at not in visible_text(page)


def test_a_record_that_fails_its_check_says_so_loudly_before_its_result(acme, owner, owner_client):
    record = make_record(acme, owner)
    raw_update(record, "payload_sha256", "0" * 64)

    page = record_page(owner_client, record)

    alert = page.index('role="alert"')
    assert alert < page.index("<strong>Signature check failed.</strong>")
    assert page.index("<strong>Signature check failed.</strong>") < page.index('class="verdict"')
    assert "Signed and intact" not in page
    assert "Do not rely on this page or its files." in page


def test_the_record_page_still_says_when_its_report_is_being_prepared(acme, owner, owner_client):
    record = make_record(acme, owner)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM questionnaire_recordreport WHERE record_id = %s", [record.pk])

    page = record_page(owner_client, record)

    assert "The signed PDF report is being prepared" in page
    assert "Download the signed PDF report" not in page
    assert page.index("being prepared") < page.index('<p class="verdict">')
