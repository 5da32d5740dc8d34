"""An administrator rewords a question in the Django admin: the next assessment asks it in the
new words, and a record signed before keeps the words it was signed with."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from questionnaire.models import AssessmentRecord, Organisation
from tests.browser.a11y import check_page
from tests.browser.pages import follow, go, start_assessment, submit
from tests.browser.support import outside_the_loop
from tests.people import PASSWORD
from tests.web.wizard_helpers import WizardDriver

OLD_LABEL = "What is the model called?"
NEW_LABEL = "Under which name do you know the model?"


def sign_a_research_model(client: Client, organisation: Organisation) -> AssessmentRecord:
    """A research-only model assessed through the wizard and signed, as alice."""
    wizard = WizardDriver(client).start(organisation)
    assessment, _ = wizard.run(
        [
            ("model", {"model_name": "Lab-1", "role": "developer"}),
            ("market", {"placement": "research_only"}),
        ]
    )
    response = client.post(
        f"/assessments/{assessment.public_id}/attest/",
        {"confirm": "on", "attester_name": "Alice Example", "attester_function": "Counsel"},
    )
    assert response.status_code == 302, response.status_code
    return AssessmentRecord.objects.get(assessment=assessment)


@pytest.fixture
def earlier_record(owner_client, acme, signing_keys) -> AssessmentRecord:
    # Signing renders the PDF, which needs a thread without Playwright's loop.
    return outside_the_loop(sign_a_research_model, owner_client, acme)


def test_a_reworded_question_is_asked_anew_while_a_signed_record_keeps_its_words(
    new_context, sign_in, owner, earlier_record
):
    staff = new_context()
    sign_in(staff, get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD))
    admin = staff.new_page()
    go(admin, "/admin/")
    check_page(admin, "admin index")
    follow(admin, admin.get_by_role("link", name="Questions", exact=True))
    check_page(admin, "admin: the questions")
    follow(admin, admin.get_by_role("link", name="model_name", exact=True))
    label = admin.get_by_label("Label:")
    expect(label).to_have_value(OLD_LABEL)
    check_page(admin, "admin: one question's wording")
    label.fill(NEW_LABEL)
    submit(admin, lambda: admin.get_by_role("button", name="Save", exact=True).click())
    expect(admin.get_by_text(re.compile("was changed successfully"))).to_be_visible()
    check_page(admin, "admin: the questions after a change")

    person = new_context()
    sign_in(person, owner)
    page = person.new_page()
    go(page, "/")
    start_assessment(page)
    expect(page.get_by_label(NEW_LABEL)).to_be_visible()
    expect(page.get_by_text(OLD_LABEL)).to_have_count(0)
    check_page(page, "model step in the new words")

    go(page, f"/records/{earlier_record.public_id}/")
    answers = page.get_by_role("region", name="Answers, with the questions as they were asked")
    expect(answers.get_by_role("term").filter(has_text=OLD_LABEL)).to_be_visible()
    expect(answers).not_to_contain_text(NEW_LABEL)
    expect(page.get_by_role("status").filter(has_text="Signature valid")).to_be_visible()
    check_page(page, "the earlier record in its own words")
