"""Headings are a page's table of contents for screen-reader users: one h1, then no level
skipped on the way down (h1 → h2 → h3, never h1 → h3). Issue 10 found the unsigned result
page jumping from its h1 to the result's h3s."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from questionnaire.models import Membership
from questionnaire.records.signing import canonical_json, sha256_hex
from tests.people import make_member, signed_in
from tests.records.conftest import make_assessment, make_record
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db


class Headings(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def heading_problems(html: str) -> list[str]:
    levels = Headings(html).levels
    problems = []
    if not levels or levels[0] != 1:
        problems.append(f"the first heading is h{levels[0] if levels else '-'}, not h1")
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"h{before} → h{after}")
    return problems


def verify(document: dict[str, Any]) -> str:
    data = json.dumps(document).encode("utf-8")
    upload = SimpleUploadedFile("record.json", data, content_type="application/json")
    return Client().post("/verify/", {"document": upload}).content.decode()


def test_the_unsigned_result_page_goes_from_h1_to_h2_to_h3(owner_client, acme, owner):
    assessment = make_assessment(acme, owner)

    page = owner_client.get(f"/assessments/{assessment.public_id}/").content.decode()

    assert heading_problems(page) == []
    assert '<h2 id="result-heading">Result</h2>' in page


def test_no_main_page_skips_a_heading_level(acme, signing):
    admin = make_member("ada", acme, Membership.Role.ADMIN)
    client = signed_in(admin)
    record = make_record(acme, admin)
    signed = record.assessment
    assert signed is not None
    unsigned = make_assessment(acme, admin, model_name="Unsigned-7B")
    wizard = WizardDriver(client).start(acme)
    wizard.post("model", {"model_name": "Example-70B", "role": "developer"})
    export = json.loads(client.get(f"/records/{record.public_id}.json").content)
    forged = copy.deepcopy(export)
    forged["payload"]["attestation"]["name"] = "Mallory"
    forged["sha256"] = sha256_hex(canonical_json(forged["payload"]))
    pages = {
        "home": Client().get("/").content.decode(),
        "sign in": Client().get("/accounts/login/").content.decode(),
        "verify": Client().get("/verify/").content.decode(),
        "verify, authentic": verify(export),
        "verify, forged": verify(forged),
    }
    for where, url in {
        "dashboard": "/",
        "new assessment": "/assessments/new/",
        "wizard step": wizard.step_url("market"),
        "draft deletion": f"{wizard.url}delete/",
        "unsigned result with the attest form": f"/assessments/{unsigned.public_id}/",
        "signed result": f"/assessments/{signed.public_id}/",
        "record": f"/records/{record.public_id}/",
        "rule sets": "/rulesets/",
        "re-assessment": "/organisations/acme/reassess/",
        "record re-assessment": f"/records/{record.public_id}/reassess/",
        "audit trail": "/organisations/acme/audit/",
        "two-factor sign-in": "/accounts/two-factor/",
    }.items():
        response = client.get(url)
        assert response.status_code == 200, where
        pages[where] = response.content.decode()

    problems = {where: heading_problems(page) for where, page in pages.items()}
    assert {where: found for where, found in problems.items() if found} == {}
