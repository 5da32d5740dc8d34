"""Four eyes (issue 13): the person who prepared the answers never attests them, on the web
or on the command line; the signed record names who prepared and who approved; the
organisation settings from `manage.py org`; the one-person demo of `make run`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from questionnaire import services
from questionnaire.models import Assessment, AssessmentRecord, AuditEvent, Membership, Organisation
from questionnaire.scoring import assess
from tests.people import make_member, signed_in
from tests.records.conftest import payload_of, verify_records
from tests.review.conftest import JOURNEY, review_url
from tests.samples import SYSTEMIC_ANSWERS
from tests.web.wizard_helpers import WizardDriver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

ATTEST = {"confirm": "on", "attester_name": "Paula Example", "attester_function": "Counsel"}


def approved(submitted, reviewer_client) -> Assessment:
    reviewer_client.post(review_url(submitted, "approve"))
    return Assessment.objects.get()


def test_the_preparer_is_refused_as_attester_on_the_result_page(four_eyes):
    # paula attests in acme, and prepared this assessment herself.
    paula = make_member("paula", four_eyes, Membership.Role.ATTESTER)
    client = signed_in(paula)
    wizard = WizardDriver(client).start(four_eyes)
    wizard.walk(JOURNEY)
    # Four eyes: the review offers her no signature.
    assert "Attest and sign" not in wizard.page("review")
    assessment = wizard.complete()
    page = client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert "requires four eyes" in page
    assert 'action="/assessments/' not in page

    response = client.post(f"/assessments/{assessment.public_id}/attest/", ATTEST)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Nothing was signed." in html and "another attester" in html
    assert not AssessmentRecord.objects.exists()


def test_the_refusal_is_said_in_the_readers_language(four_eyes):
    paula = make_member("paula", four_eyes, Membership.Role.ATTESTER)
    client = signed_in(paula)
    wizard = WizardDriver(client).start(four_eyes)
    wizard.walk(JOURNEY)
    assessment = wizard.complete()
    client.cookies["django_language"] = "de"

    response = client.post(f"/assessments/{assessment.public_id}/attest/", ATTEST)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Es wurde nichts signiert." in html
    assert "Nothing was signed." not in html
    assert not AssessmentRecord.objects.exists()


def test_the_wizards_attest_on_review_is_refused_to_the_preparer(four_eyes):
    paula = make_member("paula", four_eyes, Membership.Role.ATTESTER)
    client = signed_in(paula)
    wizard = WizardDriver(client).start(four_eyes)
    wizard.walk(JOURNEY)
    # An old tab that still shows the signature: the assessment is kept, nothing is signed.
    response = wizard.post("review", ATTEST)
    assert response.status_code == 302
    assert not AssessmentRecord.objects.exists()
    assert Assessment.objects.get().prepared_by == paula


def test_another_attester_signs_and_the_record_names_the_review(
    submitted, reviewer_client, attester_client
):
    assessment = approved(submitted, reviewer_client)
    response = attester_client.post(
        f"/assessments/{assessment.public_id}/attest/",
        {**ATTEST, "attester_name": "Alice Example"},
    )
    assert response.status_code == 302
    record = AssessmentRecord.objects.get()
    payload = payload_of(record)
    assert assessment.approved_at is not None
    assert payload["review"] == {
        "prepared_by": "paula",
        "approved_by": "rita",
        "approved_at": assessment.approved_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    code, out, err = verify_records()
    assert code == 0, (out, err)
    html = attester_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert "Attested and signed" in html[html.index('id="timeline-heading"') :]


def test_a_record_without_a_review_has_no_review_key(acme, owner):
    from tests.records.conftest import make_record

    record = make_record(acme, owner)
    assert "review" not in payload_of(record)
    assert verify_records()[0] == 0


def test_where_a_review_is_required_nobody_signs_an_unapproved_assessment(four_eyes, attester):
    four_eyes.review_required = True
    four_eyes.save()
    preparer = make_member("paula", four_eyes, Membership.Role.MEMBER)
    answers = dict(SYSTEMIC_ANSWERS)
    assessment = Assessment.objects.create(
        organisation=four_eyes,
        created_by=preparer,
        prepared_by=preparer,
        model_name="X",
        answers=answers,
        shown=[],
        result=assess(answers),
        ruleset=assess(answers)["ruleset"],
        classification="x",
    )
    with pytest.raises(services.FourEyesRefused, match="requires a review"):
        services.record_create(assessment=assessment, attester=attester, name="A", function="B")


# ------------------------------------------------------------------ the command line


def assess_record(path, *extra: str) -> tuple[int, str]:
    err = StringIO()
    try:
        call_command(
            "assess", str(path), "--record", "--org", "acme", *extra, stdout=StringIO(), stderr=err
        )
    except SystemExit as exit_:
        return int(exit_.code or 0), err.getvalue()
    return 0, err.getvalue()


@pytest.fixture
def answers_path(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(SYSTEMIC_ANSWERS), encoding="utf-8")
    return path


def test_the_command_line_refuses_the_preparer_as_attester(four_eyes, attester, answers_path):
    code, err = assess_record(answers_path, "--user", "alice", "--prepared-by", "alice")
    assert code == 2
    assert "requires four eyes" in err and "--prepared-by" in err
    code, err = assess_record(answers_path, "--user", "alice")
    assert code == 2
    assert not Assessment.objects.exists()


def test_the_command_line_names_the_preparer(four_eyes, attester, preparer, answers_path):
    code, err = assess_record(answers_path, "--user", "alice", "--prepared-by", "paula")
    assert code == 0, err
    assessment = Assessment.objects.get()
    assert assessment.prepared_by == preparer
    assert assessment.created_by == attester
    assert AssessmentRecord.objects.get().attested_by == attester


def test_the_command_line_refuses_a_preparer_from_elsewhere(
    four_eyes, attester, outsider, answers_path
):
    with pytest.raises(Exception, match="not a member of acme"):
        assess_record(answers_path, "--user", "alice", "--prepared-by", "eve")


def test_without_four_eyes_one_person_still_prepares_and_signs(acme, owner, answers_path):
    code, err = assess_record(answers_path, "--user", "alice")
    assert code == 0, err
    assert Assessment.objects.get().prepared_by == owner


# ------------------------------------------------------------------ settings


def test_org_create_turns_four_eyes_on_and_org_set_changes_it(db):
    out = StringIO()
    call_command("org", "create", "lex", "Lex Ltd", stdout=out)
    organisation = Organisation.objects.get(slug="lex")
    assert organisation.four_eyes and not organisation.review_required
    assert "four eyes on" in out.getvalue()

    call_command("org", "set", "lex", "--four-eyes", "off", "--review-required", "on", stdout=out)
    organisation.refresh_from_db()
    assert not organisation.four_eyes and organisation.review_required
    event = AuditEvent.objects.get(action="organisation.settings_changed")
    assert event.detail["after"] == {"four_eyes": False, "review_required": True}

    call_command("org", "create", "solo", "Solo", "--no-four-eyes", stdout=out)
    assert not Organisation.objects.get(slug="solo").four_eyes
    # The model's default stays off: fixtures and older organisations are unchanged.
    assert not Organisation.objects.create(slug="plain", name="Plain").four_eyes


def test_the_demo_of_make_run_stays_a_one_person_organisation(db):
    out = StringIO()
    call_command("ensure_local_user", stdout=out)
    demo = Organisation.objects.get(slug="demo")
    assert not demo.four_eyes and not demo.review_required
    assert "four eyes off" in out.getvalue()


def test_the_record_page_shows_the_signed_review(submitted, reviewer_client, attester_client):
    assessment = approved(submitted, reviewer_client)
    attester_client.post(
        f"/assessments/{assessment.public_id}/attest/", {**ATTEST, "attester_name": "Alice"}
    )
    record = AssessmentRecord.objects.get()
    html = attester_client.get(f"/records/{record.public_id}/").content.decode()
    assert "Reviewed and approved by" in html and "rita" in html
