"""Rule sets as versioned data, and re-assessment when the rules move (issue 8, deliverables
4 and 5): the rule sets page, the organisation's re-assessment table and a record's diff
page (administrators only; anyone outside the organisation gets "not found"), and the
action that opens pre-filled drafts which, once attested, supersede the old records."""

from __future__ import annotations

import copy
import html
import re
from typing import Any

import pytest
from django.test import Client

from questionnaire.models import Assessment, AssessmentRecord, Draft, Membership
from questionnaire.scoring import load
from tests.people import make_member, signed_in
from tests.records.conftest import (  # noqa: F401 (fixtures)
    make_assessment,
    make_record,
    payload_of,
    signing_paths,
    signing_setup,
    verify_records,
)
from tests.samples import SYSTEMIC_ANSWERS
from tests.web.wizard_helpers import WizardDriver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

OLD = "eu-aia-gpai-2025.1"
NEW = "eu-aia-gpai-2026.1"


@pytest.fixture
def admin(acme):
    return make_member("ada", acme, Membership.Role.ADMIN)


@pytest.fixture
def admin_client(admin) -> Client:
    return signed_in(admin)


def late_notifier(organisation, attester, **overrides: Any) -> AssessmentRecord:
    """Signed under 2025.1 for a model above 10^25, without a notification date."""
    return make_record(organisation, attester, ruleset=OLD, threshold_known_on=None, **overrides)


def reassess_page(client: Client, slug: str = "acme", ruleset: str | None = None) -> str:
    url = f"/organisations/{slug}/reassess/" + (f"?ruleset={ruleset}" if ruleset else "")
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def diff_page(client: Client, record: AssessmentRecord, ruleset: str = NEW) -> str:
    response = client.get(f"/records/{record.public_id}/reassess/?ruleset={ruleset}")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html: str) -> str:
    """The page's text, without its tags (dates are <time> elements)."""
    return re.sub(r"<[^>]+>", "", html)


def messages_of(client: Client, response) -> str:
    page = client.get(response["Location"]).content.decode()
    return " | ".join(re.findall(r'<p class="message[^"]*">(.*?)</p>', page, re.S))


# ------------------------------------------------------------------ the rule sets page


def test_the_rule_sets_page_lists_every_rule_set_newest_first_with_its_hash_and_changelog(
    colleague_client,
):
    response = colleague_client.get("/rulesets/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(f"<code>{NEW}</code>") < html.index(f"<code>{OLD}</code>")
    assert html.count("Default: new assessments use it") == 1
    assert html.index("Default: new assessments use it") < html.index(f"<code>{OLD}</code>")
    for ruleset_id in (OLD, NEW):
        rules = load(ruleset_id)
        assert rules.sha256 in html
        assert rules.effective_from.isoformat() in html
        assert rules.verified_on.isoformat() in html
        assert f'id="{ruleset_id}"' in html
    first_change = load(NEW).changelog[0]
    assert first_change["why"].replace("'", "&#x27;") in html
    assert "Guidelines §2.3.2, footnotes 6-7" in html
    assert 'href="/rulesets/"' in colleague_client.get("/").content.decode()  # in the navigation


def test_the_rule_sets_page_needs_a_sign_in(client):
    response = client.get("/rulesets/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_record_page_shows_its_rule_set_and_hash_or_that_none_was_recorded(
    acme, owner, owner_client
):
    pinned = make_record(acme, owner)
    assessment = make_assessment(acme, owner, ruleset=OLD, model_name="Before-hashes")
    assessment.result = {k: v for k, v in assessment.result.items() if k != "ruleset_sha256"}
    assessment.save()
    unpinned = make_record(acme, owner, assessment=assessment)

    pinned_page = owner_client.get(f"/records/{pinned.public_id}/").content.decode()
    unpinned_page = owner_client.get(f"/records/{unpinned.public_id}/").content.decode()

    assert load(NEW).sha256 in pinned_page
    assert f'href="/rulesets/#{NEW}"' in pinned_page
    assert "not recorded" in unpinned_page
    assert f'href="/rulesets/#{OLD}"' in unpinned_page
    assert verify_records("--reproduce")[0] == 0


# ------------------------------------------------------------------ the acceptance


def test_a_2025_record_re_assessed_under_2026_opens_a_draft_whose_record_supersedes_it(
    acme, admin, admin_client
):
    old = late_notifier(acme, admin)
    current = make_record(acme, admin, model_name="Current-70B")

    # The table: the notification's latest date, overdue; the 2026 record does not change.
    html = reassess_page(admin_client)
    assert "1 of 2 current records changes." in html
    assert "2026-03-15" in html
    assert "Overdue since 2026-03-15 — notify the AI Office now" in text_of(html)
    assert f"/records/{old.public_id}/reassess/?ruleset={NEW}" in html
    row = re.search(rf"Record {current.sequence}</a>.*?</tr>", html, re.S)
    assert row and "Overdue" not in row.group(0) and "No change" in row.group(0)

    # The diff page says the same, obligation by obligation.
    diff = diff_page(admin_client, old)
    assert "Overdue since 2026-03-15 — notify the AI Office now" in text_of(diff)
    assert "Due date changed" in diff
    assert "not recorded" not in diff  # 2025.1 results pin their hash
    assert load(OLD).sha256 in diff

    # One action opens a draft for the changed record only.
    response = admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")
    assert response.status_code == 302
    assert "Opened 1 draft" in messages_of(admin_client, response)
    draft = Draft.objects.get()
    assert draft.supersedes == old
    assert draft.owner == admin
    assert draft.model_name == "Example-70B"

    # Pre-filled: it resumes at the first question new to 2026.1; the review offers the old
    # record as the one it corrects, already chosen.
    wizard = WizardDriver(admin_client, draft.public_id)
    assert wizard.current_step() == "compute"
    compute = wizard.page("compute")
    assert 'value="16384"' in compute
    review = wizard.page("review")
    chosen = re.search(
        r'<select name="review-supersedes"[^>]*>.*?<option value="(\d+)" selected>', review, re.S
    )
    assert chosen and chosen.group(1) == str(old.pk)
    assert "Overdue since" in review  # the preview speaks for today

    response = wizard.post(
        "review",
        {
            "confirm": "on",
            "attester_name": "Ada Admin",
            "attester_function": "General Counsel",
            "supersedes": chosen.group(1),
        },
    )
    assert response.status_code == 302
    new = AssessmentRecord.objects.get(supersedes=old)
    assert response["Location"] == f"/records/{new.public_id}/"
    signed = payload_of(new)
    assert signed["supersedes"] == str(old.public_id)
    assert signed["result"]["ruleset"] == NEW
    assert signed["result"]["notification_due"] == "2026-03-15"
    notification = next(o for o in signed["result"]["obligations"] if o["id"] == "art52_notify")
    assert notification["status"] == "overdue"
    # The same answers, plus the date of the attestation.
    before = {k: v for k, v in payload_of(old)["answers"].items() if k != "ruleset"}
    after = {k: v for k, v in signed["answers"].items() if k != "assessed_on"}
    assert after == before

    # Both verify, and both reproduce; the old one no longer counts as current.
    code, out, err = verify_records("--reproduce")
    assert code == 0, err
    assert "3 records checked" in out
    html = reassess_page(admin_client)
    assert "2 current records" in html
    assert f"Record {old.sequence}</a>" not in html
    assert "0 of 2 current records change." in html


def test_a_draft_completed_without_signing_offers_the_old_record_on_its_result_page(
    acme, admin, admin_client
):
    old = late_notifier(acme, admin)
    admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")
    wizard = WizardDriver(admin_client, Draft.objects.get().public_id)

    assessment = wizard.complete()

    assert assessment.supersedes == old
    page = admin_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert re.search(rf'<option value="{old.pk}" selected>', page)


def test_opening_drafts_twice_opens_each_once(acme, admin, admin_client):
    late_notifier(acme, admin)

    admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")
    response = admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")

    assert Draft.objects.count() == 1
    assert "its draft is open already" in messages_of(admin_client, response)
    assert "Every changed record has a draft open" in reassess_page(admin_client)


def five_periods_and_fine(organisation, attester) -> tuple[AssessmentRecord, AssessmentRecord]:
    """A record of five training periods, which the questionnaire cannot hold (it has rows
    for fewer), and one it can."""
    period = copy.deepcopy(SYSTEMIC_ANSWERS["compute"]["periods"][0])
    five = late_notifier(
        organisation,
        attester,
        model_name="Five-periods",
        compute={"method": "hardware", "periods": [period] * 5},
    )
    return five, late_notifier(organisation, attester, model_name="Fine-70B")


def test_a_record_the_questionnaire_cannot_hold_is_refused_by_name_and_the_others_get_drafts(
    acme, admin, admin_client
):
    five, fine = five_periods_and_fine(acme, admin)

    response = admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")

    said = messages_of(admin_client, response)
    assert f"Record {five.sequence} (Five-periods): no draft opened" in said
    assert "compute.periods" in said
    assert "5 training periods" in said
    assert [draft.supersedes for draft in Draft.objects.all()] == [fine]


def test_drafts_open_only_under_the_rule_set_the_wizard_uses(acme, admin, admin_client):
    make_record(acme, admin, model_name="New-70B", threshold_known_on=None)

    html = reassess_page(admin_client, ruleset=OLD)
    response = admin_client.post(f"/organisations/acme/reassess/?ruleset={OLD}")

    assert "1 of 1 current record changes." in html  # under 2025.1 the date is unknown
    assert "Open drafts for the changed records" not in html
    assert "choose it to open drafts" in html
    assert "Drafts are assessed under the newest rule set" in messages_of(admin_client, response)
    assert not Draft.objects.exists()


def test_a_status_only_change_is_not_counted_on_the_page(acme, admin, admin_client):
    make_record(acme, admin, model_name="Today-70B")

    html = reassess_page(admin_client)

    assert "0 of 1 current record change." in html
    assert "Open drafts for the changed records" not in html
    assert "No change of decision" in diff_page(admin_client, AssessmentRecord.objects.get())


def test_an_unknown_rule_set_is_refused_with_the_choices(acme, admin, admin_client):
    response = admin_client.get("/organisations/acme/reassess/?ruleset=eu-aia-gpai-1999.1")

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_diff_page_of_one_record_opens_its_draft(acme, admin, admin_client):
    old = late_notifier(acme, admin)

    response = admin_client.post(f"/records/{old.public_id}/reassess/?ruleset={NEW}")

    assert response.status_code == 302
    assert Draft.objects.get().supersedes == old
    assert "resume it" in diff_page(admin_client, old)


# ------------------------------------------------------------------ who may see it


def test_outsiders_get_not_found_and_members_who_do_not_administer_get_forbidden(
    acme, admin, owner_client, colleague_client, outsider_client, client
):
    record = late_notifier(acme, admin)
    pages = [
        f"/organisations/acme/reassess/?ruleset={NEW}",
        f"/records/{record.public_id}/reassess/",
    ]

    for url in pages:
        assert outsider_client.get(url).status_code == 404, url  # eve administers "other"
        assert outsider_client.post(url).status_code == 404, url
        assert colleague_client.get(url).status_code == 403, url
        assert owner_client.post(url).status_code == 403, url  # an attester, not an admin
        assert client.get(url).status_code == 302, url  # to the sign-in page
    assert outsider_client.get("/organisations/nowhere/reassess/").status_code == 404
    assert not Draft.objects.exists()
    assert not Assessment.objects.filter(supersedes__isnull=False).exists()


def test_an_organisation_admin_sees_only_its_own_records(
    acme, admin, admin_client, other, outsider
):
    late_notifier(other, outsider, model_name="Theirs-70B")
    late_notifier(acme, admin, model_name="Ours-70B")

    html = reassess_page(admin_client)

    assert "Ours-70B" in html
    assert "Theirs-70B" not in html
    assert reassess_page(signed_in(outsider), slug="other").count("Theirs-70B") >= 1


def test_answers_the_new_rule_set_refuses_are_shown_and_their_draft_starts_where_to_fix_them(
    acme, admin, admin_client
):
    planned = make_record(
        acme, admin, ruleset=OLD, placement="planned", placed_on="2025-06-01", model_name="Plan"
    )

    html = reassess_page(admin_client)
    admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")

    assert "1 of 1 current record changes." in html
    assert "Answers to correct:" in html
    assert "placed_on: a model not yet placed cannot have been placed before" in html
    draft = Draft.objects.get()
    assert draft.supersedes == planned
    assert WizardDriver(admin_client, draft.public_id).current_step() == "market"


def test_re_assessment_drafts_count_towards_the_open_draft_quota(acme, owner, admin, admin_client):
    from questionnaire.services import MAX_OPEN_DRAFTS

    late_notifier(acme, owner, model_name="First-70B")
    late_notifier(acme, owner, model_name="Second-70B")
    late_notifier(acme, owner, model_name="Third-70B")
    Draft.objects.bulk_create(
        [Draft(owner=admin, organisation=acme) for _ in range(MAX_OPEN_DRAFTS - 1)]
    )

    response = admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")

    assert response.status_code == 302
    assert Draft.objects.filter(owner=admin).count() == MAX_OPEN_DRAFTS
    said = messages_of(admin_client, response)
    assert "Opened 1 draft" in said
    assert f"2 more records need a draft, but you now have {MAX_OPEN_DRAFTS} open drafts" in said


def test_the_messages_of_opening_drafts_in_the_readers_language(acme, admin, admin_client):
    """Issue 15: what opening drafts says (each refused record with its reason, the drafts
    opened, a draft open already) is in the page's language; the log keeps the English."""
    five, fine = five_periods_and_fine(acme, admin)
    admin_client.cookies["django_language"] = "de"

    response = admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")

    said = html.unescape(messages_of(admin_client, response))
    assert f"Nachweis {five.sequence} (Five-periods): Kein Entwurf geöffnet" in said
    assert "Der Fragebogen kann die Antwort compute.periods nicht aufnehmen" in said
    assert "Sie nennt 5 Trainingsphasen" in said
    assert "1 Entwurf in Ihrer Übersicht geöffnet" in said
    assert f"Nachweis {fine.sequence} (Fine-70B)" in said
    for english in ("no draft opened", "training periods", "Opened 1 draft", "the questionnaire"):
        assert english not in said, english

    admin_client.cookies["django_language"] = "fr"
    again = admin_client.post(f"/organisations/acme/reassess/?ruleset={NEW}")
    said = html.unescape(messages_of(admin_client, again))
    assert "son brouillon est déjà ouvert" in said
    assert "its draft is open already" not in said


@pytest.mark.parametrize(
    ("language", "newest"), [("de", "(neuestes)"), ("fr", "(le plus récent)"), ("en", "(newest)")]
)
def test_the_rule_set_picker_names_the_newest_in_the_readers_language(
    acme, admin_client, language, newest
):
    admin_client.cookies["django_language"] = language
    html_page = html.unescape(reassess_page(admin_client))
    assert re.search(rf"<option value=\"{NEW}\"[^>]*>{NEW} {re.escape(newest)}</option>", html_page)
    if language != "en":
        assert "(newest)" not in html_page
