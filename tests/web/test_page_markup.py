"""Every page is built for what comes next: a strict Content-Security-Policy (no inline
script or style), accessibility checks (every input labelled, every description it points
to present) and pages that read well without JavaScript."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from questionnaire.models import Membership
from tests.people import make_member, signed_in
from tests.records.conftest import make_record
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

JOURNEY: list[tuple[str, dict[str, Any]]] = [
    ("model", {"model_name": "Example-70B", "role": "developer"}),
    ("market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}),
    ("capabilities", {"generates": ["text"], "generality": "wide"}),
    (
        "compute",
        {
            "method": "hardware",
            "parameters": "70B",
            "training_tokens": "15T",
            "period1_chips": "16,384",
            "period1_hours": "2,000",
            "period1_accelerator": "h100",
            "period1_utilisation": "0.4",
            "period2_chips": "not a number",
            "check_method": "architecture",
        },
    ),
    ("release", {"released_openly": "no"}),
    ("reach", {"high_impact_capabilities": "unsure", "commission_designated": "no"}),
]


class Page(HTMLParser):
    """What the checks need to know about a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.labels_for: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.described: list[str] = []
        self.inline_scripts = 0
        self.style_elements = 0
        self.style_attributes = 0
        self.event_handlers: list[str] = []
        self.h1 = 0
        self.in_title = False
        self.tags_in_title: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.in_title:
            self.tags_in_title.append(tag)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "title":
            self.in_title = True
        if tag == "label" and attributes.get("for"):
            self.labels_for.add(str(attributes["for"]))
        if tag in ("input", "select", "textarea") and attributes.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.controls.append(attributes)
        if attributes.get("aria-describedby"):
            self.described.extend(str(attributes["aria-describedby"]).split())
        if tag == "script" and not attributes.get("src"):
            self.inline_scripts += 1
        if tag == "style":
            self.style_elements += 1
        if "style" in attributes:
            self.style_attributes += 1
        self.event_handlers += [name for name in attributes if name.startswith("on")]
        if tag == "h1":
            self.h1 += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False


def assert_well_built(html: str, where: str) -> None:
    page = Page(html)
    assert page.tags_in_title == [], f"{where}: markup inside <title>"
    assert page.inline_scripts == page.style_elements == page.style_attributes == 0, where
    assert page.event_handlers == [], f"{where}: inline event handlers {page.event_handlers}"
    assert page.h1 == 1, f"{where}: {page.h1} h1 headings"
    unlabelled = [c.get("name") for c in page.controls if c.get("id") not in page.labels_for]
    assert unlabelled == [], f"{where}: inputs without a label: {unlabelled}"
    missing = [i for i in page.described if i not in page.ids]
    assert missing == [], f"{where}: aria-describedby points at missing ids {missing}"


def test_public_pages_are_well_built(client):
    for url in ("/", "/accounts/login/", "/verify/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_well_built(response.content.decode(), url)


def test_every_wizard_step_with_errors_and_the_review_with_its_signature_fields_are_well_built(
    owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in JOURNEY:
        wizard.post(step, fields)
        assert_well_built(wizard.page(step), f"step {step}")
    review = wizard.page("review")
    assert 'name="review-confirm"' in review
    assert_well_built(review, "review")


def test_dashboard_result_and_record_pages_are_well_built(owner, owner_client, acme, signing):
    record = make_record(acme, owner)
    unsigned = WizardDriver(owner_client).start(acme)
    for step, fields in JOURNEY:
        fields = {**fields, "period2_chips": ""} if step == "compute" else fields
        unsigned.post(step, fields)
    assessment = unsigned.complete()
    pages = {
        "dashboard": "/",
        "new assessment": "/assessments/new/",
        "result with attest form": f"/assessments/{assessment.public_id}/",
        "record": f"/records/{record.public_id}/",
        "password change": "/accounts/password_change/",
    }
    for where, url in pages.items():
        response = owner_client.get(url)
        assert response.status_code == 200, where
        assert_well_built(response.content.decode(), where)


def test_the_verify_page_with_an_answer_is_well_built(owner, owner_client, acme, signing):
    record = make_record(acme, owner)
    export = owner_client.get(f"/records/{record.public_id}.json").content
    upload = SimpleUploadedFile("record.json", export, content_type="application/json")
    response = Client().post("/verify/", {"document": upload})
    assert response.status_code == 200
    assert "Authentic" in response.content.decode()
    assert_well_built(response.content.decode(), "verify with an answer")


def test_rule_sets_and_re_assessment_pages_are_well_built(acme, signing):
    admin = make_member("ada", acme, Membership.Role.ADMIN)
    client = signed_in(admin)
    changed = make_record(acme, admin, ruleset="eu-aia-gpai-2025.1", threshold_known_on=None)
    make_record(acme, admin, model_name="Current-70B")
    pages = {
        "rule sets": ("/rulesets/", 200),
        "re-assessment with its table and action": ("/organisations/acme/reassess/", 200),
        "re-assessment under an older rule set": (
            "/organisations/acme/reassess/?ruleset=eu-aia-gpai-2025.1",
            200,
        ),
        "re-assessment, unknown rule set": ("/organisations/acme/reassess/?ruleset=x", 400),
        "diff of a record": (f"/records/{changed.public_id}/reassess/", 200),
        "diff, unknown rule set": (f"/records/{changed.public_id}/reassess/?ruleset=x", 400),
        "record of an admin": (f"/records/{changed.public_id}/", 200),
        "dashboard of an admin": ("/", 200),
    }
    for where, (url, status) in pages.items():
        response = client.get(url)
        assert response.status_code == status, where
        assert_well_built(response.content.decode(), where)
    client.post("/organisations/acme/reassess/")
    response = client.get("/")
    assert "re-assessment of a signed record" in response.content.decode()
    assert_well_built(response.content.decode(), "dashboard with a re-assessment draft")
