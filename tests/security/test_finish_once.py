"""Finishing and signing are idempotent per draft, by database constraints and not only a
lock (questionnaire/models.py, services.assessment_create and record_create).

Issue 9: double-clicking "Finish" with the attestation ticked made several signed records
(3 clicks, 3 records on PostgreSQL); records cannot be deleted, so they stayed in the chain.
Now a draft completes into one assessment (``one_assessment_per_draft``) and an assessment
is signed into one record (``one_record_per_assessment``); the request that loses the race
gets what the winner made."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client

from questionnaire import services
from questionnaire.models import Assessment, AssessmentRecord, Draft, Organisation
from questionnaire.scoring import assess
from tests.records.conftest import ANSWERS, make_record, shown_for, verify_records
from tests.records.test_attest import DEVELOPER_STEPS
from tests.security.sqlite_file import FileDatabase
from tests.web.wizard_helpers import WizardDriver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

ATTEST = {"confirm": "on", "attester_name": "Alice Example", "attester_function": "Head of Legal"}
CLICKS = 3


def finish(draft: Draft, user: User) -> Assessment:
    answers = copy.deepcopy(ANSWERS)
    return services.assessment_create(
        organisation=draft.organisation,
        user=user,
        answers=answers,
        shown=shown_for(answers),
        result=assess(answers),
        draft=draft,
    )


def test_a_draft_finished_by_two_requests_at_once_becomes_one_assessment(acme, owner):
    draft = services.draft_create(user=owner, organisation=acme)
    # Both requests loaded the draft before either finished it.
    first_click, second_click = Draft.objects.get(pk=draft.pk), Draft.objects.get(pk=draft.pk)

    made = [finish(first_click, owner), finish(second_click, owner)]

    assert made[0].pk == made[1].pk
    assert Assessment.objects.filter(draft_public_id=draft.public_id).count() == 1
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_the_database_refuses_a_second_assessment_of_one_draft(acme, owner):
    assessment = finish(services.draft_create(user=owner, organisation=acme), owner)

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            organisation=acme,
            created_by=owner,
            model_name="Duplicate",
            draft_public_id=assessment.draft_public_id,
            answers=assessment.answers,
            shown=assessment.shown,
            result=assessment.result,
            ruleset=assessment.ruleset,
            classification=assessment.classification,
        )


def test_the_database_refuses_a_second_record_of_one_assessment(acme, owner):
    record = make_record(acme, owner)

    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentRecord.objects.create(
            organisation=acme,
            sequence=record.sequence + 1,
            assessment=record.assessment,
            attested_by=owner,
            model_name=record.model_name,
            classification=record.classification,
            payload=b"{}",
            payload_sha256="0" * 64,
            signature="x",
            signing_key=record.signing_key,
            created_at=record.created_at,
        )


def test_signing_twice_where_no_lock_serialises_returns_the_one_record(acme, owner, monkeypatch):
    assessment = finish(services.draft_create(user=owner, organisation=acme), owner)
    first = services.record_create(
        assessment=assessment, attester=owner, name="Alice Example", function="Head of Legal"
    )
    # The second signer's check ran before the first committed (no row lock held it back).
    real = services._record_existing
    calls: list[int] = []

    def missed_once(**kwargs: Any) -> AssessmentRecord | None:
        calls.append(1)
        return None if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(services, "_record_existing", missed_once)

    second = services.record_create(
        assessment=assessment, attester=owner, name="Alice Example", function="Head of Legal"
    )

    assert second.pk == first.pk
    assert AssessmentRecord.objects.count() == 1
    assert verify_records()[0] == 0


def test_finish_clicked_three_times_makes_one_assessment_and_one_signed_record(
    acme, owner, owner_client
):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)

    responses = [wizard.post("review", ATTEST) for _ in range(CLICKS)]

    assert [response.status_code for response in responses] == [302] * CLICKS
    assert Assessment.objects.count() == 1
    record = AssessmentRecord.objects.get()
    assert responses[0]["Location"] == f"/records/{record.public_id}/"
    assert verify_records()[0] == 0


def test_finish_clicked_three_times_at_once_makes_one_signed_record(
    file_database: FileDatabase, signing_paths
):
    """Three requests at once against a file database (the settings' SQLite, WAL)."""
    cookies: dict[str, str] = {}
    draft_urls: list[str] = []

    def prepare() -> None:
        call_command("signing_key", "create", verbosity=0)
        organisation = services.organisation_create(slug="acme", name="Acme AI")
        alice = User.objects.create_user("alice")
        services.membership_set(organisation=organisation, user=alice, role="attester")
        client = Client()
        client.force_login(alice)
        wizard = WizardDriver(client).start(organisation)
        wizard.walk(DEVELOPER_STEPS)
        cookies.update({name: morsel.value for name, morsel in client.cookies.items()})
        draft_urls.append(str(wizard.draft_id))

    assert file_database.run([prepare]) == []
    statuses: list[int] = []

    def click() -> None:
        client = Client()
        client.cookies.load(cookies)
        wizard = WizardDriver(client, draft_urls[0])
        statuses.append(wizard.post("review", ATTEST).status_code)

    errors = file_database.run([click] * CLICKS)

    assert errors == []
    assert statuses == [302] * CLICKS
    counts: dict[str, int] = {}

    def count() -> None:
        counts["assessments"] = Assessment.objects.count()
        counts["records"] = AssessmentRecord.objects.count()
        counts["verify"] = verify_records()[0]
        counts["organisations"] = Organisation.objects.count()

    assert file_database.run([count]) == []
    assert counts == {"assessments": 1, "records": 1, "verify": 0, "organisations": 1}
