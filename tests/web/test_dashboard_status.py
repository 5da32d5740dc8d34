"""The dashboard and the start of an assessment, as a new user finds them (issue 10): a
questionnaire started and left at once leaves no empty draft behind, every completed
assessment says whether it is signed, and someone in one organisation is not asked which."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from questionnaire.models import Draft, Membership
from questionnaire.services import MAX_OPEN_DRAFTS
from tests.people import make_member, signed_in
from tests.records.conftest import make_assessment, make_record
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

A_DAY_AND_A_BIT = timedelta(hours=25)


def dashboard(client: Client) -> str:
    return html.unescape(client.get("/").content.decode())


def drafts_section(page: str) -> str:
    return page[page.index("Drafts in progress") : page.index("Completed assessments")]


def saved_drafts(owner, acme, count: int) -> None:
    Draft.objects.bulk_create(
        [
            Draft(owner=owner, organisation=acme, state={"step": "market"}, model_name="Saved")
            for _ in range(count)
        ]
    )


# ------------------------------------------------------------------ drafts


def test_starting_the_questionnaire_and_leaving_lists_no_empty_draft(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    drafts = drafts_section(dashboard(owner_client))
    assert "No drafts." in drafts
    assert str(wizard.draft_id) not in drafts

    wizard.post("model", {"model_name": "Example-70B", "role": "developer"})

    drafts = drafts_section(dashboard(owner_client))
    assert "Example-70B" in drafts
    assert f"/drafts/{wizard.draft_id}/" in drafts


def test_drafts_never_saved_are_removed_a_day_after_they_were_started(owner, owner_client, acme):
    Draft.objects.bulk_create([Draft(owner=owner, organisation=acme) for _ in range(3)])
    Draft.objects.update(updated_at=timezone.now() - A_DAY_AND_A_BIT)
    saved_drafts(owner, acme, 1)
    Draft.objects.filter(model_name="Saved").update(updated_at=timezone.now() - A_DAY_AND_A_BIT)
    just_started = WizardDriver(owner_client).start(acme)

    WizardDriver(owner_client).start(acme)

    left = Draft.objects.filter(owner=owner)
    assert left.count() == 3  # the saved one, the one just started and the new one
    assert left.filter(model_name="Saved").exists()
    assert left.filter(public_id=just_started.draft_id).exists()


def test_old_unsaved_drafts_make_room_under_the_quota(owner, owner_client, acme):
    Draft.objects.bulk_create(
        [Draft(owner=owner, organisation=acme) for _ in range(MAX_OPEN_DRAFTS)]
    )
    Draft.objects.update(updated_at=timezone.now() - A_DAY_AND_A_BIT)

    response = owner_client.post("/assessments/new/", {"organisation": acme.pk})

    assert response.status_code == 302
    assert Draft.objects.filter(owner=owner).count() == 1


def test_the_quota_still_holds_and_counts_drafts_started_today(owner, owner_client, acme):
    saved_drafts(owner, acme, MAX_OPEN_DRAFTS - 1)
    WizardDriver(owner_client).start(acme)  # the fiftieth, never saved

    response = owner_client.post("/assessments/new/", {"organisation": acme.pk})

    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert f"You already have {MAX_OPEN_DRAFTS} open drafts" in page
    assert "Of these, 1 was started and never saved (the dashboard does not list them)" in page
    assert Draft.objects.filter(owner=owner).count() == MAX_OPEN_DRAFTS


# ------------------------------------------------------------------ completed assessments


def test_each_completed_assessment_says_whether_it_is_signed(owner, owner_client, acme, signing):
    record = make_record(acme, owner, model_name="Signed-70B")
    unsigned = make_assessment(acme, owner, model_name="Unsigned-7B")

    page = owner_client.get("/").content.decode()

    rows = {
        name: page[page.index(f">{name}</a>") :].split("</tr>", 1)[0]
        for name in ("Signed-70B", "Unsigned-7B")
    }
    assert '<th scope="col">Status</th>' in page
    assert "Signed" in rows["Signed-70B"]
    assert f'href="/records/{record.public_id}/">record {record.sequence}' in rows["Signed-70B"]
    assert "Not signed yet" in rows["Unsigned-7B"]
    assert "/records/" not in rows["Unsigned-7B"]
    assert f"/assessments/{unsigned.public_id}/" in page


# ------------------------------------------------------------------ the organisation


def test_someone_in_one_organisation_is_not_asked_which(owner_client, acme):
    page = html.unescape(owner_client.get("/assessments/new/").content.decode())

    assert not re.search(r'<select[^>]*name="organisation"', page)
    assert "The assessment will belong to <strong>Acme AI</strong>." in page
    assert f'<input type="hidden" name="organisation" value="{acme.pk}">' in page
    response = owner_client.post("/assessments/new/", {"organisation": acme.pk})
    assert response.status_code == 302
    assert Draft.objects.get().organisation == acme


def test_someone_in_two_organisations_chooses(acme, other):
    both = make_member("dora", acme, Membership.Role.MEMBER)
    Membership.objects.create(organisation=other, user=both, role=Membership.Role.MEMBER)

    page = html.unescape(signed_in(both).get("/assessments/new/").content.decode())

    assert '<select name="organisation"' in page
    assert '<label class="field__label" for="id_organisation">Organisation</label>' in page
    assert "Acme AI" in page and "Other Labs" in page
