"""Every action on a record leaves an event: who, from which address and browser, about
which record of which organisation."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from questionnaire.audit import Action
from questionnaire.models import Assessment, AssessmentRecord, AuditEvent, Membership
from tests.audit.conftest import ALICE_ADDRESS, BROWSER, browser, events
from tests.records.conftest import (
    ANSWERS,
    export_bytes,
    make_assessment,
    make_record,
    raw_update,
    verify_records,
)
from tests.web.wizard_helpers import WizardDriver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

A = AuditEvent.Action

STEPS: list[tuple[str, dict[str, Any]]] = [
    ("model", {"model_name": "Audited-70B", "role": "developer"}),
    ("market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}),
    ("capabilities", {"generates": ["text"], "generality": "wide"}),
    (
        "compute",
        {
            "method": "hardware",
            "period1_chips": "16,384",
            "period1_hours": "2,000",
            "period1_accelerator": "h100",
            "period1_utilisation": "0.4",
            "threshold_known_on": "2025-11-03",
            "check_method": "none",
        },
    ),
    ("release", {"released_openly": "no"}),
    ("reach", {"high_impact_capabilities": "no", "commission_designated": "no"}),
]


def only(action: str) -> AuditEvent:
    found = events(action)
    assert len(found) == 1, [str(event) for event in found]
    return found[0]


def test_finishing_the_questionnaire_records_who_created_the_assessment_and_from_where(
    acme, owner, alice_browser
):
    assessment, _ = WizardDriver(alice_browser).start(acme).run(STEPS)

    event = only(A.ASSESSMENT_CREATED)
    assert event.actor == owner
    assert event.actor_username == "alice"
    assert event.organisation == acme
    assert event.object_id == str(assessment.public_id)
    assert event.ip_address == ALICE_ADDRESS
    assert event.user_agent == BROWSER


def test_attesting_records_the_attester_the_record_and_the_address(acme, owner, alice_browser):
    assessment = make_assessment(acme, owner)

    response = alice_browser.post(
        f"/assessments/{assessment.public_id}/attest/",
        {"confirm": "on", "attester_name": "Alice Example", "attester_function": "Head of Legal"},
    )

    assert response.status_code == 302
    record = AssessmentRecord.objects.get()
    event = only(A.RECORD_ATTESTED)
    assert (event.actor, event.record, event.organisation) == (owner, record, acme)
    assert event.object_id == str(record.public_id)
    assert event.ip_address == ALICE_ADDRESS
    assert event.detail == {"sequence": 1, "supersedes": ""}


def test_attesting_twice_records_one_attestation(acme, owner, alice_browser):
    assessment = make_assessment(acme, owner)
    data = {"confirm": "on", "attester_name": "Alice", "attester_function": "CLO"}

    alice_browser.post(f"/assessments/{assessment.public_id}/attest/", data)
    alice_browser.post(f"/assessments/{assessment.public_id}/attest/", data)

    assert len(events(A.RECORD_ATTESTED)) == 1


def test_viewing_a_record_records_the_reader(acme, owner, colleague):
    record = make_record(acme, owner)

    response = browser(colleague, "198.51.100.20").get(f"/records/{record.public_id}/")

    assert response.status_code == 200
    event = only(A.RECORD_VIEWED)
    assert (event.actor, event.record, event.organisation) == (colleague, record, acme)
    assert event.ip_address == "198.51.100.20"


def test_downloading_the_report_records_the_download(acme, owner, alice_browser):
    record = make_record(acme, owner)

    response = alice_browser.get(f"/records/{record.public_id}/report.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    event = only(A.RECORD_REPORT_DOWNLOADED)
    assert (event.actor, event.record, event.ip_address) == (owner, record, ALICE_ADDRESS)


def test_exporting_the_record_file_records_the_export(acme, owner, alice_browser):
    record = make_record(acme, owner)

    export_bytes(alice_browser, record)

    event = only(A.RECORD_EXPORTED)
    assert (event.actor, event.record, event.ip_address) == (owner, record, ALICE_ADDRESS)


def test_an_outsider_asking_for_acme_records_gets_404_and_leaves_no_event(acme, owner, outsider):
    record = make_record(acme, owner)
    client = browser(outsider, "192.0.2.66")
    before = AuditEvent.objects.count()

    for path in ("/", ".json", "/report.pdf"):
        assert client.get(f"/records/{record.public_id}{path}").status_code == 404

    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(ip_address="192.0.2.66").exists()


def test_behind_one_trusted_proxy_the_address_the_proxy_saw_is_recorded(
    settings, acme, owner, colleague
):
    settings.TRUSTED_PROXY_COUNT = 1
    record = make_record(acme, owner)
    client = browser(colleague, "10.0.0.2")  # the proxy

    client.get(
        f"/records/{record.public_id}/",
        headers={"x-forwarded-for": "192.0.2.1, 198.51.100.77"},
    )

    assert only(A.RECORD_VIEWED).ip_address == "198.51.100.77"


def test_with_no_trusted_proxy_a_forwarded_address_is_ignored(acme, owner, colleague):
    record = make_record(acme, owner)
    client = browser(colleague, "198.51.100.5")

    client.get(f"/records/{record.public_id}/", headers={"x-forwarded-for": "192.0.2.1"})

    assert only(A.RECORD_VIEWED).ip_address == "198.51.100.5"


def test_a_very_long_browser_string_is_cut_to_fit(acme, owner, colleague):
    record = make_record(acme, owner)

    browser(colleague, agent="X" * 5000).get(f"/records/{record.public_id}/")

    assert only(A.RECORD_VIEWED).user_agent == "X" * 300


def test_an_authentic_upload_on_verify_records_the_record_for_its_organisation(
    acme, owner, alice_browser
):
    record = make_record(acme, owner)
    document = export_bytes(alice_browser, record)
    visitor = Client(REMOTE_ADDR="192.0.2.44")

    response = visitor.post(
        "/verify/", {"document": SimpleUploadedFile("record.json", document, "application/json")}
    )

    assert "Authentic." in response.content.decode()
    event = only(A.RECORD_VERIFIED)
    assert (event.record, event.organisation) == (record, acme)
    assert event.actor is None
    assert event.actor_username == ""
    assert event.ip_address == "192.0.2.44"


def test_an_upload_that_is_not_authentic_records_nothing(acme, owner, alice_browser):
    record = make_record(acme, owner)
    document = json.loads(export_bytes(alice_browser, record))
    document["payload"]["model_name"] = "Forged-1B"

    Client().post(
        "/verify/",
        {
            "document": SimpleUploadedFile(
                "record.json", json.dumps(document).encode(), "application/json"
            )
        },
    )

    assert events(A.RECORD_VERIFIED) == []


def test_verify_records_logs_one_result_per_organisation(acme, other, owner):
    good = make_record(acme, owner)
    make_record(acme, owner, model_name="Second-13B")
    raw_update(good, "model_name", "Renamed behind the ORM")

    code, _, _ = verify_records()

    assert code == 1
    by_organisation = {event.organisation: event for event in events(A.CHAIN_VERIFIED)}
    assert set(by_organisation) == {acme, other}
    assert by_organisation[acme].detail == {
        "records": 2,
        "failed": 1,
        "result": "failed",
        "via": "manage.py verify_records",
    }
    assert by_organisation[other].detail["result"] == "verified"
    assert by_organisation[acme].actor is None
    assert by_organisation[acme].ip_address is None


def test_signing_from_the_command_line_records_the_attester_with_no_address(acme, owner, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS))

    call_command(
        "assess",
        str(answers),
        "--record",
        "--org",
        "acme",
        "--user",
        "alice",
        stdout=StringIO(),
        stderr=StringIO(),
    )

    record = AssessmentRecord.objects.get()
    attested = only(A.RECORD_ATTESTED)
    assert (attested.actor, attested.record, attested.ip_address) == (owner, record, None)
    assert attested.detail["via"] == "manage.py assess --record"
    created = only(A.ASSESSMENT_CREATED)
    assert created.object_id == str(Assessment.objects.get().public_id)
    assert created.actor == owner


def test_a_role_change_from_the_command_line_is_in_the_organisations_trail(acme, colleague):
    call_command("org", "add", "acme", "bob", "--role", "attester", stdout=StringIO())

    event = AuditEvent.objects.get(action=Action.ORGANISATION_MEMBER_CHANGED)
    assert event.organisation == acme
    assert event.detail["role_before"] == "member"
    assert event.detail["role"] == "attester"
    assert event.detail["via"] == "manage.py org add"


def test_a_two_factor_reset_is_in_the_trail_of_each_organisation_of_the_person(acme, other, owner):
    Membership.objects.create(organisation=other, user=owner, role=Membership.Role.MEMBER)
    TOTPDevice.objects.create(user=owner, name="default", confirmed=True)

    call_command("two_factor", "reset", "alice", stdout=StringIO())

    events = AuditEvent.objects.filter(action=Action.TWO_FACTOR_RESET)
    assert {event.organisation_id for event in events} == {acme.pk, other.pk}
    assert {event.object_id for event in events} == {"alice"}
