"""/verify/ never shows what a forged file says as if it were checked (issue 10): an
authentic file's facts are shown as verified; a file that is not authentic has its claims
set apart, each labelled as a claim, under a warning that they are not verified."""

from __future__ import annotations

import copy
import html
import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from questionnaire.records.signing import canonical_json, sha256_hex
from tests.records.conftest import export_json, make_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

WARNING = "These claims are not verified and may be false."


def verify(document: dict[str, Any]) -> str:
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    upload = SimpleUploadedFile("record.json", data, content_type="application/json")
    response = Client().post("/verify/", {"document": upload})
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, heading_id: str) -> str:
    """The <section> labelled by this heading, as visible text."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert match, f"no section {heading_id}"
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group())))


@pytest.fixture
def export(acme, owner, owner_client) -> dict[str, Any]:
    return export_json(owner_client, make_record(acme, owner))


def test_an_authentic_file_shows_its_facts_as_verified(export):
    page = verify(export)

    facts = section(page, "verified-heading")
    assert "Verified facts" in facts
    assert "Model Example-70B" in facts
    assert "Attested by Alice Example, Head of Legal" in facts
    assert "Organisation Acme AI" in facts
    assert "Claimed" not in page
    assert WARNING not in page


def test_a_forged_file_shows_its_claims_apart_and_labelled_as_unverified(export):
    forged = copy.deepcopy(export)
    forged["payload"]["model_name"] = "Trusted-Model-9000"
    forged["payload"]["attestation"]["name"] = "Mallory"
    forged["sha256"] = sha256_hex(canonical_json(forged["payload"]))

    page = verify(forged)

    assert "Not authentic." in page
    assert 'id="verified-heading"' not in page
    claims = section(page, "claims-heading")
    assert "What the file claims (not verified)" in claims
    assert WARNING in claims
    assert "Claimed model Trusted-Model-9000" in claims
    assert "Claimed attester Mallory, Head of Legal" in claims
    # Nowhere else on the page: the claims are never shown as facts.
    start = page.index('<section class="claims"')
    outside = html.unescape(page[:start] + page[page.index("</section>", start) :])
    assert "Trusted-Model-9000" not in outside
    assert "Mallory" not in outside
