"""Admins edit the words of the questions; the wizard shows the new words at once, the change
is recorded, and a completed assessment keeps the words it was answered with."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape

from questionnaire.models import Assessment, Question, QuestionRevision
from questionnaire.wording import question_update_wording
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db


class ChangeForm(HTMLParser):
    """What a browser posts for the admin's change form of a question, as rendered."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, str] = {}
        self._in_form = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form" and attributes.get("id") == "question_form":
            self._in_form = True
        if not self._in_form:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "file") or (
                kind in ("checkbox", "radio") and "checked" not in attributes
            ):
                return
            self.data[name] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


@pytest.fixture
def staff_client(db):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client = Client()
    client.force_login(admin)
    return client


def edit_in_admin(client: Client, question: Question, **changes: str):
    url = f"/admin/questionnaire/question/{question.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = ChangeForm()
    form.feed(page.content.decode())
    assert "label" in form.data and "help_text" in form.data
    data = {**form.data, **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def reword(key: str, *, label=None, help_text=None, choices=None, by=None) -> None:
    question = Question.objects.get(key=key)
    question_update_wording(
        question=question,
        label=question.label if label is None else label,
        help_text=question.help_text if help_text is None else help_text,
        choice_labels={**question.choice_labels, **(choices or {})},
        changed_by=by,
    )


def research_only_journey(client, organisation, name: str):
    wizard = WizardDriver(client).start(organisation)
    wizard.answer("model", {"model_name": name, "role": "developer"})
    wizard.answer("market", {"placement": "research_only"})
    return wizard.complete()


def shown_row(assessment: Assessment, key: str) -> dict[str, Any]:
    rows: list[dict[str, Any]] = [row for row in assessment.shown if row["key"] == key]
    assert len(rows) == 1, key
    return rows[0]


# --- Edits show at once ---------------------------------------------------------------------


def test_an_admin_edit_through_the_change_form_shows_in_the_next_wizard_page(
    staff_client, owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)
    old_label = Question.objects.get(key="role").label
    assert escape(old_label) in wizard.page("model")

    edit_in_admin(
        staff_client,
        Question.objects.get(key="role"),
        label="Your part in this model",
        help_text="Pick the one that fits best.",
        choice__developer="We built it ourselves",
    )

    page = wizard.page("model")
    assert "Your part in this model" in page
    assert "Pick the one that fits best." in page
    assert re.search(r'value="developer"[^>]*>\s*We built it ourselves', page) or (
        "We built it ourselves" in page
    )
    assert escape(old_label) not in page
    revision = QuestionRevision.objects.get(question__key="role")
    assert revision.changed_by is not None
    assert revision.changed_by.username == "root"
    assert revision.before["label"] == old_label
    assert revision.after["label"] == "Your part in this model"
    assert revision.after["help_text"] == "Pick the one that fits best."
    assert revision.after["choice_labels"]["developer"] == "We built it ourselves"
    assert revision.before["choice_labels"]["developer"] != "We built it ourselves"


def test_the_choice_label_edited_in_admin_is_the_label_of_its_radio_button(
    staff_client, owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)
    edit_in_admin(
        staff_client, Question.objects.get(key="role"), choice__integrator="We only plug it in"
    )

    page = wizard.page("model")

    radio = re.search(
        r'<label for="(id_model-role_\d)">\s*<input type="radio" name="model-role" value="integrator"'
        r"[^>]*>\s*([^<]*)</label>",
        page,
    )
    assert radio, "no radio button for integrator"
    assert radio[2].strip() == "We only plug it in"


def test_a_wording_change_in_a_later_step_shows_on_that_step(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "X", "role": "developer"})
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
    )
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    reword(
        "compute.periods.chips",
        label="Accelerators used",
        help_text="Count every chip.",
    )
    reword("compute.method", choices={"hardware": "From the chips and hours"})

    page = wizard.page("compute")

    assert "Accelerators used (period 1)" in page
    assert "Accelerators used (period 4)" in page
    assert "Count every chip." in page
    assert "From the chips and hours" in page


def test_every_edit_is_kept_in_the_history_newest_first(owner, acme):
    reword("model_name", label="Model name, first edit", by=owner)
    reword("model_name", label="Model name, second edit", by=owner)
    reword("model_name", label="Model name, second edit", by=owner)  # no change: no revision

    revisions = list(Question.objects.get(key="model_name").revisions.all())

    assert [revision.after["label"] for revision in revisions] == [
        "Model name, second edit",
        "Model name, first edit",
    ]
    assert revisions[0].before["label"] == "Model name, first edit"
    assert all(revision.changed_by == owner for revision in revisions)


# --- Completed assessments keep their words --------------------------------------------------


def test_an_assessment_keeps_the_wording_it_was_answered_with(owner_client, acme):
    old_label = Question.objects.get(key="model_name").label
    old_choice = Question.objects.get(key="placement").choice_labels["research_only"]
    before_edit = research_only_journey(owner_client, acme, "Answered before")

    reword("model_name", label="The model's published name", help_text="As on the model card.")
    reword("placement", choices={"research_only": "Lab use only, never released"})
    after_edit = research_only_journey(owner_client, acme, "Answered after")

    assert shown_row(before_edit, "model_name")["label"] == old_label
    assert shown_row(before_edit, "placement")["answer"] == old_choice
    assert shown_row(after_edit, "model_name")["label"] == "The model's published name"
    assert shown_row(after_edit, "model_name")["help_text"] == "As on the model card."
    assert shown_row(after_edit, "placement")["answer"] == "Lab use only, never released"

    old_page = owner_client.get(f"/assessments/{before_edit.public_id}/").content.decode()
    new_page = owner_client.get(f"/assessments/{after_edit.public_id}/").content.decode()
    assert escape(old_label) in old_page
    assert escape(old_choice) in old_page
    assert escape("The model's published name") not in old_page
    assert "Lab use only, never released" not in old_page
    assert escape("The model's published name") in new_page
    assert "Lab use only, never released" in new_page
    assert escape(old_label) not in new_page


def test_the_review_shows_the_current_wording(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "X", "role": "developer"})
    wizard.answer("market", {"placement": "research_only"})

    reword("placement", label="Market status", choices={"research_only": "Lab only"})
    page = wizard.page("review")

    assert "Market status" in page
    assert "Lab only" in page


# --- Words from admins are text, never markup -------------------------------------------------

SCRIPT = '<script>alert("help")</script>'


def test_help_text_with_a_script_typed_by_an_admin_is_shown_escaped(
    staff_client, owner_client, acme
):
    edit_in_admin(
        staff_client,
        Question.objects.get(key="model_name"),
        label=f"Name {SCRIPT}",
        help_text=f"See {SCRIPT} and <b>bold</b> https://example.com/card",
    )
    reword("role", choices={"developer": f"Dev {SCRIPT}"})
    wizard = WizardDriver(owner_client).start(acme)

    page = wizard.page("model")

    assert SCRIPT not in page
    assert "<b>bold</b>" not in page
    assert escape(SCRIPT) in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert 'href="https://example.com/card"' in page  # addresses still become links

    wizard.answer("model", {"model_name": "Scripted", "role": "developer"})
    wizard.answer("market", {"placement": "research_only"})
    review = wizard.page("review")
    assessment = wizard.complete()
    result = owner_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    for html in (review, result):
        assert SCRIPT not in html
        assert escape(SCRIPT) in html
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
