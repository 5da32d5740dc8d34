"""Signed, immutable assessment records: signing and verifying, what the signed payload
holds, immutability, tampering caught by ``verify_records`` and the record page, key
rotation, corrections, who may sign and who may read, the stored PDF report, signing from
the wizard, and two records made at the same moment."""

from __future__ import annotations

import json
import random
import re
import threading
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import (
    IntegrityError,
    OperationalError,
    close_old_connections,
    connections,
    transaction,
)
from django.db.models.deletion import ProtectedError
from django.http import Http404
from django.test import Client, RequestFactory

from questionnaire import services
from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    ImmutableRecord,
    Organisation,
    RecordChain,
    SigningKey,
)
from questionnaire.records.chain import chain_verify, record_status
from questionnaire.records.export import export_check, export_document
from questionnaire.records.payload import ATTESTATION_STATEMENT
from questionnaire.records.signing import (
    b64,
    canonical_json,
    canonicalize,
    sha256_hex,
    signature_valid,
    signer_load,
)
from questionnaire.selectors import published_keys
from tests.people import signed_in
from tests.records.conftest import (
    ANSWERS,
    make_assessment,
    make_record,
    raw_column,
    raw_delete,
    raw_update,
    shown_for,
    stored_report,
)
from tests.web.wizard_helpers import WizardDriver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

HEX = "0123456789abcdef"
BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
SIGNATURE_FAILED = "Signature check failed"
SIGNATURE_VALID = "Signature valid"


# ------------------------------------------------------------------ helpers


def verify_records(*args: str) -> tuple[int, str, str]:
    """``manage.py verify_records``: exit status, stdout, stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_records", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    else:
        code = 0
    return code, out.getvalue(), err.getvalue()


def failing_ids(stderr: str) -> set[str]:
    """The record ids (or ``organisation SLUG``) that ``verify_records`` lists as failing."""
    return set(re.findall(r"^FAILED ([^:]+):", stderr, re.M))


def record_page(client: Client, record: AssessmentRecord) -> str:
    response = client.get(f"/records/{record.public_id}/")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def payload_of(record: AssessmentRecord) -> dict[str, Any]:
    return json.loads(bytes(record.payload))


def fresh(record: AssessmentRecord) -> AssessmentRecord:
    return AssessmentRecord.objects.get(pk=record.pk)


def three_records(acme: Organisation, owner: User) -> list[AssessmentRecord]:
    return [
        make_record(acme, owner, model_name=name)
        for name in ("First-7B", "Second-13B", "Third-70B")
    ]


def flip_middle_char(text: str, alphabet: str) -> str:
    index = len(text) // 2
    replacement = next(char for char in alphabet if char != text[index])
    return text[:index] + replacement + text[index + 1 :]


# ------------------------------------------------------------------ round trip


def test_a_signed_record_verifies_in_the_chain_and_as_an_export(acme, owner):
    record = make_record(acme, owner)

    report = chain_verify(Organisation.objects.filter(pk=acme.pk))
    assert report.checked == 1
    assert report.failures == []
    assert record_status(record).failures == []

    check = export_check(export_document(record), published_keys())
    assert check.authentic, check.problem
    assert check.key_id == record.signing_key.key_id
    assert check.record_id == str(record.public_id)
    assert check.sha256 == record.payload_sha256
    assert check.key_retired is False


def test_the_stored_hash_and_signature_are_those_of_the_payload_bytes(acme, owner, settings):
    record = fresh(make_record(acme, owner))
    payload = bytes(record.payload)

    assert record.payload_sha256 == sha256_hex(payload)
    signer = signer_load(settings.RECORD_SIGNING_KEY_FILE)
    assert record.signing_key.key_id == signer.key_id
    assert record.signing_key.public_key == b64(signer.public_key)
    assert record.signing_key.algorithm == "Ed25519"
    assert signature_valid(record.signing_key.public_key, payload, record.signature)
    assert not signature_valid(record.signing_key.public_key, payload + b" ", record.signature)


def test_the_export_carries_payload_hash_signature_and_key_id(acme, owner, owner_client):
    record = make_record(acme, owner)

    response = owner_client.get(f"/records/{record.public_id}.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert str(record.public_id) in response["Content-Disposition"]
    export = json.loads(response.content)
    assert export["payload"] == payload_of(record)
    assert canonical_json(export["payload"]) == bytes(fresh(record).payload)
    assert export["sha256"] == record.payload_sha256
    assert export["signature"] == record.signature
    assert export["key_id"] == record.signing_key.key_id
    assert export["algorithm"] == "Ed25519"
    assert export["record_id"] == str(record.public_id)
    assert export_check(export, published_keys()).authentic


# ------------------------------------------------------------------ what is signed


def test_the_payload_holds_everything_the_attestation_stands_for(acme, owner):
    before = datetime.now(UTC).replace(microsecond=0)
    assessment = make_assessment(acme, owner)
    record = make_record(acme, owner, assessment=assessment, name="Alice Ávila", function="CLO")
    after = datetime.now(UTC)

    payload = payload_of(record)

    assert payload["record_id"] == str(record.public_id)
    assert payload["sequence"] == 1 == record.sequence
    assert payload["previous_sha256"] == ""
    assert payload["organisation"] == {"slug": "acme", "name": "Acme AI"}
    assert payload["model_name"] == "Example-70B"
    assert payload["assessment_id"] == str(assessment.public_id)
    # The answers, the exact wording shown with each answer, and the result, as signed.
    assert payload["answers"] == canonicalize(ANSWERS)
    assert payload["answers"]["compute"]["periods"][0]["utilisation"] == "0.4"
    assert payload["questions"] == canonicalize(shown_for(ANSWERS))
    assert payload["questions"][1]["help_text"] == "“Developer” means you trained it yourself."
    assert payload["result"] == canonicalize(assessment.result)
    assert payload["result"]["classification"] == "gpai_systemic_risk"
    # The rule set and the answers contract the result was computed with.
    assert payload["ruleset"] == "eu-aia-gpai-2025.1" == assessment.result["ruleset"]
    assert payload["answers_schema"] == 1
    # Who attested, in what words, and when (UTC, to the second).
    attestation = payload["attestation"]
    assert attestation["username"] == "alice"
    assert attestation["name"] == "Alice Ávila"
    assert attestation["function"] == "CLO"
    assert attestation["statement"] == ATTESTATION_STATEMENT
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", attestation["attested_at"])
    attested_at = datetime.strptime(attestation["attested_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=UTC
    )
    assert before <= attested_at <= after
    assert record.created_at == attested_at
    assert "supersedes" not in payload
    # The row's own columns say the same as the signed payload.
    assert record.attested_by == owner
    assert record.organisation == acme
    assert record.classification == "gpai_systemic_risk"
    assert record.model_name == "Example-70B"


def test_each_payload_holds_the_hash_of_the_organisations_previous_record(acme, owner):
    first, second, third = three_records(acme, owner)

    assert [payload_of(r)["sequence"] for r in (first, second, third)] == [1, 2, 3]
    assert payload_of(second)["previous_sha256"] == first.payload_sha256
    assert payload_of(third)["previous_sha256"] == second.payload_sha256
    assert third.previous_sha256 == second.payload_sha256
    chain = RecordChain.objects.get(organisation=acme)
    assert chain.count == 3
    assert chain.head_sha256 == third.payload_sha256


def test_each_organisation_has_its_own_chain(acme, owner, other, outsider):
    make_record(acme, owner)
    theirs = make_record(other, outsider, name="Eve Example", function="CTO")

    assert theirs.sequence == 1
    assert payload_of(theirs)["previous_sha256"] == ""
    assert payload_of(theirs)["organisation"] == {"slug": "other", "name": "Other Labs"}
    assert chain_verify(Organisation.objects.all()).failures == []


def test_the_stored_payload_is_canonical_json_without_a_single_float(acme, owner):
    # A float in the stored assessment (as an older JSON client might send) is signed as an
    # exact decimal string, and a null member is left out.
    assessment = make_assessment(acme, owner)
    Assessment.objects.filter(pk=assessment.pk).update(
        answers={**assessment.answers, "extra_measure": 0.1, "nothing": None}
    )
    assessment.refresh_from_db()
    record = make_record(acme, owner, assessment=assessment)
    stored = bytes(fresh(record).payload)

    def no_float(text: str) -> Any:
        raise AssertionError(f"a float in the signed payload: {text}")

    def no_constant(text: str) -> Any:
        raise AssertionError(f"a non-JSON constant in the signed payload: {text}")

    document = json.loads(stored, parse_float=no_float, parse_constant=no_constant)
    assert canonical_json(document) == stored
    assert stored == json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    assert document["answers"]["extra_measure"] == "0.1"
    assert "nothing" not in document["answers"]
    assert "placed_on" in document["answers"]
    assert "open_source" not in document["answers"]
    # UTF-8 text, not \\u escapes.
    assert "“Developer”".encode() in stored
    assert b"\\u201c" not in stored


# ------------------------------------------------------------------ immutability


def test_the_orm_refuses_to_change_or_delete_a_record(acme, owner):
    record = make_record(acme, owner)
    payload = bytes(fresh(record).payload)

    record.model_name = "Changed"
    with pytest.raises(ImmutableRecord):
        record.save()
    with pytest.raises(ImmutableRecord):
        fresh(record).save(update_fields=["model_name"])
    with pytest.raises(ImmutableRecord):
        record.delete()
    with pytest.raises(ImmutableRecord):
        AssessmentRecord.objects.filter(pk=record.pk).update(model_name="Changed")
    with pytest.raises(ImmutableRecord):
        AssessmentRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(ImmutableRecord):
        AssessmentRecord.objects.all().delete()
    # bulk_update runs in atomic(savepoint=False): its refusal spoils the transaction
    # around it, so it gets a savepoint of its own here.
    with pytest.raises(ImmutableRecord), transaction.atomic():
        AssessmentRecord.objects.bulk_update([record], ["model_name"])

    stored = fresh(record)
    assert stored.model_name == "Example-70B"
    assert bytes(stored.payload) == payload
    assert verify_records()[0] == 0


def test_deleting_what_a_record_belongs_to_does_not_take_the_record_with_it(acme, owner):
    record = make_record(acme, owner)

    assert record.assessment is not None
    for owner_object in (acme, owner, record.assessment, record.signing_key):
        with pytest.raises((ProtectedError, ImmutableRecord)):
            owner_object.delete()

    assert AssessmentRecord.objects.filter(pk=record.pk).exists()
    assert verify_records()[0] == 0


def test_the_admin_cannot_change_or_delete_a_record(acme, owner):
    record = make_record(acme, owner)
    superuser = User.objects.create_superuser("root", "root@example.com", "x")
    request = RequestFactory().get("/admin/")
    request.user = superuser

    model_admin = admin.site._registry.get(AssessmentRecord)
    if model_admin is not None:
        assert not model_admin.has_change_permission(request, record)
        assert not model_admin.has_delete_permission(request, record)
        assert not model_admin.has_add_permission(request)
        client = signed_in(superuser)
        change_url = f"/admin/questionnaire/assessmentrecord/{record.pk}/change/"
        response = client.post(change_url, {"model_name": "Changed"})
        assert response.status_code in (200, 403)
        response = client.post(
            f"/admin/questionnaire/assessmentrecord/{record.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 403
        response = client.post(
            "/admin/questionnaire/assessmentrecord/",
            {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
        )
        assert response.status_code in (200, 302, 403)
    assert fresh(record).model_name == "Example-70B"
    assert verify_records()[0] == 0


# ------------------------------------------------------------------ tampering caught


def test_a_clean_chain_verifies_and_the_record_page_says_so(acme, owner, owner_client):
    records_made = three_records(acme, owner)

    code, out, err = verify_records()

    assert code == 0, err
    assert "3 records checked" in out
    assert err == ""
    for record in records_made:
        assert SIGNATURE_VALID in record_page(owner_client, record)
        assert SIGNATURE_FAILED not in record_page(owner_client, record)


def _edit_payload_inside_a_string(record: AssessmentRecord) -> None:
    payload = bytes(raw_column(record, "payload"))
    index = payload.index(b'"model_name":"') + len(b'"model_name":"') + 2
    changed = payload[:index] + bytes([payload[index] ^ 0x01]) + payload[index + 1 :]
    assert changed != payload and len(changed) == len(payload)
    raw_update(record, "payload", changed)


def _edit_payload_structure(record: AssessmentRecord) -> None:
    payload = bytes(raw_column(record, "payload"))
    raw_update(record, "payload", b"[" + payload[1:])  # no longer JSON


def _edit_payload_last_byte(record: AssessmentRecord) -> None:
    payload = bytes(raw_column(record, "payload"))
    raw_update(record, "payload", payload[:-1] + b" ")


def _edit_payload_and_its_hash(record: AssessmentRecord) -> None:
    """Someone with database access but without the private key rewrites the content and
    its hash consistently: only the signature can tell."""
    payload = bytes(raw_column(record, "payload")).replace(b"Second-13B", b"Second-14B")
    raw_update(record, "payload", payload)
    raw_update(record, "payload_sha256", sha256_hex(payload))


def _edit_hash(record: AssessmentRecord) -> None:
    raw_update(record, "payload_sha256", flip_middle_char(record.payload_sha256, HEX))


def _edit_signature(record: AssessmentRecord) -> None:
    raw_update(record, "signature", flip_middle_char(record.signature, BASE64))


def _edit_signature_to_garbage(record: AssessmentRecord) -> None:
    raw_update(record, "signature", "not base64 at all!")


def _edit_previous_hash(record: AssessmentRecord) -> None:
    raw_update(record, "previous_sha256", flip_middle_char(record.previous_sha256, HEX))


TAMPERING = {
    "payload byte inside a string": _edit_payload_inside_a_string,
    "payload byte breaking the JSON": _edit_payload_structure,
    "payload last byte": _edit_payload_last_byte,
    "payload and its hash together": _edit_payload_and_its_hash,
    "payload_sha256": _edit_hash,
    "signature": _edit_signature,
    "signature not base64": _edit_signature_to_garbage,
    "previous_sha256 column": _edit_previous_hash,
}


@pytest.mark.parametrize("tamper", TAMPERING.values(), ids=TAMPERING.keys())
def test_one_edited_byte_is_caught_by_verify_records_and_the_record_page(
    acme, owner, owner_client, tamper
):
    first, middle, last = three_records(acme, owner)

    tamper(middle)

    code, _, err = verify_records()
    assert code == 1
    assert str(middle.public_id) in failing_ids(err)
    assert str(first.public_id) not in failing_ids(err)
    assert "1 failed" in err or "2 failed" in err  # the next link may break too
    code, _, err = verify_records("--org", "acme")
    assert code == 1
    assert str(middle.public_id) in failing_ids(err)

    html = record_page(owner_client, middle)
    assert SIGNATURE_FAILED in html
    assert SIGNATURE_VALID not in html
    assert SIGNATURE_FAILED not in record_page(owner_client, first)


@pytest.mark.parametrize("tamper", [_edit_payload_inside_a_string, _edit_hash, _edit_signature])
def test_a_tampered_record_no_longer_exports_as_authentic(acme, owner, owner_client, tamper):
    record = make_record(acme, owner)

    tamper(record)

    response = owner_client.get(f"/records/{record.public_id}.json")
    assert response.status_code == 200
    check = export_check(json.loads(response.content), published_keys())
    assert not check.authentic


def test_deleting_a_record_in_the_middle_of_the_chain_is_caught(acme, owner, owner_client):
    first, middle, last = three_records(acme, owner)

    raw_delete(middle)

    code, _, err = verify_records()
    assert code == 1
    assert str(last.public_id) in failing_ids(err)  # its successor's link is broken
    assert str(first.public_id) not in failing_ids(err)
    assert verify_records("--org", "acme")[0] == 1
    html = record_page(owner_client, last)
    assert SIGNATURE_FAILED in html
    assert SIGNATURE_FAILED not in record_page(owner_client, first)


def test_deleting_the_first_record_is_caught(acme, owner):
    first, middle, last = three_records(acme, owner)

    raw_delete(first)

    code, _, err = verify_records()
    assert code == 1
    assert str(middle.public_id) in failing_ids(err)


def test_deleting_the_newest_record_is_caught_by_the_organisation_head(acme, owner):
    first, middle, last = three_records(acme, owner)

    raw_delete(last)

    code, _, err = verify_records()
    assert code == 1
    assert "organisation acme" in failing_ids(err)
    assert str(first.public_id) not in failing_ids(err)
    assert str(middle.public_id) not in failing_ids(err)


def test_deleting_every_record_is_caught_by_the_organisation_head(acme, owner):
    for record in three_records(acme, owner):
        raw_delete(record)

    code, _, err = verify_records("--org", "acme")
    assert code == 1
    assert "organisation acme" in failing_ids(err)


def test_swapping_two_records_sequence_numbers_is_caught(acme, owner, owner_client):
    first, middle, last = three_records(acme, owner)

    raw_update(first, "sequence", 1000)
    raw_update(middle, "sequence", 1)
    raw_update(first, "sequence", 2)

    code, _, err = verify_records()
    assert code == 1
    failed = failing_ids(err)
    assert str(first.public_id) in failed
    assert str(middle.public_id) in failed
    assert SIGNATURE_FAILED in record_page(owner_client, first)
    assert SIGNATURE_FAILED in record_page(owner_client, middle)


def test_moving_a_record_to_another_organisation_is_caught(acme, owner, other, outsider):
    make_record(other, outsider, name="Eve Example", function="CTO")
    make_record(acme, owner)
    ours = make_record(acme, owner, model_name="Moved-Model")  # sequence 2: free in "other"

    raw_update(ours, "organisation_id", other.pk)

    code, _, err = verify_records()
    assert code == 1
    assert str(ours.public_id) in failing_ids(err)


def test_tampering_in_one_organisation_leaves_the_others_verify_records_clean(
    acme, owner, other, outsider
):
    ours = make_record(acme, owner)
    make_record(other, outsider, name="Eve Example", function="CTO")

    _edit_signature(ours)

    assert verify_records("--org", "other")[0] == 0
    assert verify_records("--org", "acme")[0] == 1


# ------------------------------------------------------------------ keys


def test_after_key_rotation_old_and_new_records_verify(acme, owner, owner_client, settings):
    old = make_record(acme, owner)
    old_key = old.signing_key

    call_command("signing_key", "rotate", stdout=StringIO())
    new = make_record(acme, owner, model_name="After-Rotation")

    assert new.signing_key != old_key
    assert new.signing_key.key_id == signer_load(settings.RECORD_SIGNING_KEY_FILE).key_id
    assert verify_records() == (0, mock.ANY, "")
    assert chain_verify(Organisation.objects.filter(pk=acme.pk)).failures == []
    keys = published_keys()
    old_check = export_check(export_document(fresh(old)), keys)
    assert old_check.authentic and old_check.key_retired
    assert old_check.key_id == old_key.key_id
    new_check = export_check(export_document(new), keys)
    assert new_check.authentic and not new_check.key_retired

    html = record_page(owner_client, old)
    assert SIGNATURE_VALID in html
    assert "retired" in html
    assert SIGNATURE_VALID in record_page(owner_client, new)


def test_the_published_keys_list_the_retired_key_after_rotation(acme, owner):
    old_key = make_record(acme, owner).signing_key

    call_command("signing_key", "rotate", stdout=StringIO())

    response = Client().get("/signing-keys.json")  # public: no login
    assert response.status_code == 200
    keys = {key["key_id"]: key for key in json.loads(response.content)["keys"]}
    assert len(keys) == 2
    assert keys[old_key.key_id]["retired_at"] is not None
    assert keys[old_key.key_id]["public_key"] == old_key.public_key
    assert keys[old_key.key_id]["algorithm"] == "Ed25519"
    (new_id,) = [key_id for key_id in keys if key_id != old_key.key_id]
    assert keys[new_id]["retired_at"] is None
    certificates = json.loads(response.content)["document_certificates"]
    assert len(certificates) == 2
    assert sorted(c["retired_at"] is None for c in certificates) == [False, True]
    assert all("PRIVATE" not in json.dumps(c) for c in certificates)

    out = StringIO()
    call_command("signing_key", "list", stdout=out)
    lines = out.getvalue().splitlines()
    old_line = next(line for line in lines if old_key.key_id in line)
    new_line = next(line for line in lines if new_id in line)
    assert "retired" in old_line
    assert "active" in new_line


def test_the_private_key_never_reaches_the_published_keys(acme, owner, settings):
    make_record(acme, owner)
    pem = settings.RECORD_SIGNING_KEY_FILE.read_text()
    secret = "".join(pem.splitlines()[1:-1])

    body = Client().get("/signing-keys.json").content.decode()

    assert "PRIVATE" not in body
    assert secret not in body
    assert SigningKey.objects.count() == 1


# ------------------------------------------------------------------ corrections


def test_a_correction_names_the_record_it_supersedes(acme, owner, owner_client):
    original = make_record(acme, owner)
    correction = make_record(acme, owner, supersedes=original, model_name="Example-70B v2")

    assert payload_of(correction)["supersedes"] == str(original.public_id)
    assert correction.supersedes == original
    assert fresh(original).superseded_by == correction
    assert bytes(fresh(original).payload) == bytes(original.payload)  # unchanged
    assert verify_records()[0] == 0

    html = record_page(owner_client, original)
    assert "Superseded by" in html
    assert f"/records/{correction.public_id}/" in html
    assert SIGNATURE_VALID in html
    html = record_page(owner_client, correction)
    assert "Superseded by" not in html
    assert f"/records/{original.public_id}/" in html


def test_a_correction_from_the_result_page_supersedes_the_chosen_record(acme, owner, owner_client):
    original = make_record(acme, owner)
    corrected = make_assessment(acme, owner, model_name="Example-70B v2")

    response = owner_client.post(
        f"/assessments/{corrected.public_id}/attest/",
        {
            "confirm": "on",
            "attester_name": "Alice Example",
            "attester_function": "Head of Legal",
            "supersedes": str(original.pk),
        },
    )

    assert response.status_code == 302
    correction = AssessmentRecord.objects.get(assessment=corrected)
    assert response["Location"] == f"/records/{correction.public_id}/"
    assert correction.supersedes == original
    assert "Superseded by" in record_page(owner_client, original)


def test_a_record_cannot_correct_a_record_of_another_organisation(acme, owner, other, outsider):
    theirs = make_record(other, outsider, name="Eve Example", function="CTO")
    ours = make_assessment(acme, owner)

    with pytest.raises((PermissionDenied, Http404)):
        make_record(acme, owner, assessment=ours, supersedes=theirs)
    assert not AssessmentRecord.objects.filter(organisation=acme).exists()


def test_a_record_already_corrected_cannot_be_chosen_again(acme, owner, owner_client):
    original = make_record(acme, owner)
    make_record(acme, owner, supersedes=original, model_name="Example-70B v2")
    again = make_assessment(acme, owner, model_name="Example-70B v3")

    response = owner_client.post(
        f"/assessments/{again.public_id}/attest/",
        {
            "confirm": "on",
            "attester_name": "Alice Example",
            "attester_function": "Head of Legal",
            "supersedes": str(original.pk),
        },
    )

    assert response.status_code == 400
    assert not AssessmentRecord.objects.filter(assessment=again).exists()


# ------------------------------------------------------------------ who may sign


def test_only_attesters_can_sign_through_the_service(acme, owner, colleague, outsider):
    assessment = make_assessment(acme, owner)

    with pytest.raises(PermissionDenied):
        make_record(acme, colleague, assessment=assessment)
    with pytest.raises((PermissionDenied, Http404)):
        make_record(acme, outsider, assessment=assessment)
    assert not AssessmentRecord.objects.exists()
    assert not RecordChain.objects.filter(organisation=acme, count__gt=0).exists()


def test_a_member_gets_403_when_signing_from_the_result_page(acme, owner, colleague_client):
    assessment = make_assessment(acme, owner)

    page = colleague_client.get(f"/assessments/{assessment.public_id}/")
    assert page.status_code == 200
    assert 'name="attester_name"' not in page.content.decode()
    response = colleague_client.post(
        f"/assessments/{assessment.public_id}/attest/",
        {"confirm": "on", "attester_name": "Bob", "attester_function": "Engineer"},
    )

    assert response.status_code == 403
    assert not AssessmentRecord.objects.exists()


def test_an_attester_signs_from_the_result_page(acme, owner, owner_client):
    assessment = make_assessment(acme, owner)
    page = owner_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert 'name="attester_name"' in page

    response = owner_client.post(
        f"/assessments/{assessment.public_id}/attest/",
        {"confirm": "on", "attester_name": "Alice Example", "attester_function": "Head of Legal"},
    )

    assert response.status_code == 302
    record = AssessmentRecord.objects.get()
    assert response["Location"] == f"/records/{record.public_id}/"
    assert record.assessment == assessment
    assert payload_of(record)["attestation"]["name"] == "Alice Example"
    page = owner_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert f"/records/{record.public_id}/" in page


def test_signing_an_already_signed_assessment_again_makes_no_second_record(
    acme, owner, owner_client
):
    # Once signed, the result page offers no form; a second POST (a double click, an old
    # tab) must not fork a second record of the same assessment.
    assessment = make_assessment(acme, owner)
    url = f"/assessments/{assessment.public_id}/attest/"
    data = {"confirm": "on", "attester_name": "Alice Example", "attester_function": "CLO"}

    first = owner_client.post(url, data)
    second = owner_client.post(url, data)

    assert first.status_code == 302
    assert second.status_code in (302, 400, 409)
    assert AssessmentRecord.objects.filter(assessment=assessment).count() == 1


def test_attesting_without_ticking_or_without_a_name_signs_nothing(acme, owner, owner_client):
    assessment = make_assessment(acme, owner)
    url = f"/assessments/{assessment.public_id}/attest/"

    unticked = owner_client.post(url, {"attester_name": "Alice", "attester_function": "CLO"})
    nameless = owner_client.post(url, {"confirm": "on"})

    assert unticked.status_code == 400
    assert nameless.status_code == 400
    html = nameless.content.decode()
    assert re.search(r'id="id_attester_name_field".*?field__errors', html, re.S)
    assert re.search(r'id="id_attester_function_field".*?field__errors', html, re.S)
    assert not AssessmentRecord.objects.exists()


def test_the_outsider_gets_404_on_records_reports_exports_and_attest(acme, owner, outsider_client):
    record = make_record(acme, owner)
    unsigned = make_assessment(acme, owner)

    for url in (
        f"/records/{record.public_id}/",
        f"/records/{record.public_id}.json",
        f"/records/{record.public_id}/report.pdf",
    ):
        assert outsider_client.get(url).status_code == 404, url
    for assessment in (unsigned, record.assessment):
        assert assessment is not None
        response = outsider_client.post(
            f"/assessments/{assessment.public_id}/attest/",
            {"confirm": "on", "attester_name": "Eve", "attester_function": "Spy"},
        )
        assert response.status_code == 404
    assert AssessmentRecord.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_log_in(acme, owner):
    record = make_record(acme, owner)
    anonymous = Client()

    for url in (
        f"/records/{record.public_id}/",
        f"/records/{record.public_id}.json",
        f"/records/{record.public_id}/report.pdf",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]


def test_an_unknown_or_malformed_record_id_is_404(owner_client):
    for url in (
        "/records/00000000-0000-4000-8000-000000000000/",
        "/records/00000000-0000-4000-8000-000000000000.json",
        "/records/00000000-0000-4000-8000-000000000000/report.pdf",
        "/records/not-a-uuid/",
    ):
        assert owner_client.get(url).status_code == 404, url


def test_a_colleague_can_read_the_organisations_records(acme, owner, colleague_client):
    record = make_record(acme, owner)

    html = record_page(colleague_client, record)
    assert SIGNATURE_VALID in html
    assert "Example-70B" in html
    export = colleague_client.get(f"/records/{record.public_id}.json")
    assert export.status_code == 200
    assert json.loads(export.content)["sha256"] == record.payload_sha256
    report = colleague_client.get(f"/records/{record.public_id}/report.pdf")
    assert report.status_code == 200
    assert report.getvalue() == stored_report(record)


# ------------------------------------------------------------------ the stored report


def test_the_report_is_rendered_once_at_signing_and_stored_with_its_hash(acme, owner):
    from questionnaire.reports import render

    with mock.patch.object(render, "report_pdf", wraps=render.report_pdf) as renderer:
        record = make_record(acme, owner)
    assert renderer.call_count == 1

    pdf = stored_report(record)
    assert pdf.startswith(b"%PDF-")
    assert sha256_hex(pdf) == record.report_sha256
    assert record.report.name.endswith(".pdf")


def test_the_report_download_is_the_stored_file_and_never_rerendered(acme, owner, owner_client):
    from questionnaire.reports import pades, render

    record = make_record(acme, owner)
    stored = stored_report(record)
    url = f"/records/{record.public_id}/report.pdf"

    refuse = AssertionError("the report must not be rendered or signed again")
    with (
        mock.patch.object(render, "report_pdf", side_effect=refuse) as renderer,
        mock.patch.object(pades, "pdf_sign", side_effect=refuse) as pdf_signer,
    ):
        downloads = []
        for _ in range(2):
            response = owner_client.get(url)
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"
            assert "attachment" in response["Content-Disposition"]
            downloads.append(response.getvalue())
    assert renderer.call_count == 0
    assert pdf_signer.call_count == 0
    assert downloads[0] == downloads[1] == stored
    assert sha256_hex(downloads[0]) == record.report_sha256


def test_the_report_embeds_the_signed_record(acme, owner):
    from questionnaire.models import DocumentCertificate
    from questionnaire.reports import pades

    record = make_record(acme, owner)

    check = pades.pdf_check(
        stored_report(record),
        trusted_certificates=list(
            DocumentCertificate.objects.values_list("certificate_pem", flat=True)
        ),
    )
    assert check.intact, check.problem
    assert check.export == export_document(record)


# ------------------------------------------------------------------ signing in the wizard

DEVELOPER_STEPS: list[tuple[str, dict[str, Any]]] = [
    ("model", {"model_name": "Wizard-70B", "role": "developer"}),
    ("market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}),
    ("capabilities", {"generates": ["text"], "generality": "wide"}),
    (
        "compute",
        {
            "method": "architecture",
            "parameters": "70B",
            "training_tokens": "15T",
            "check_method": "none",
        },
    ),
    ("release", {"released_openly": "no"}),
    ("reach", {"high_impact_capabilities": "no", "commission_designated": "no"}),
]


def test_an_attester_signs_from_the_review_step_of_the_wizard(acme, owner, owner_client):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)
    review = wizard.page("review")
    for name in ("confirm", "attester_name", "attester_function", "supersedes"):
        assert f'name="review-{name}"' in review, name

    response = wizard.post(
        "review",
        {"confirm": "on", "attester_name": "Alice Example", "attester_function": "Head of Legal"},
    )

    assert response.status_code == 302
    record = AssessmentRecord.objects.get()
    assert response["Location"] == f"/records/{record.public_id}/"
    assessment = Assessment.objects.get()
    assert record.assessment == assessment
    assert record.model_name == "Wizard-70B"
    payload = payload_of(record)
    assert payload["attestation"]["name"] == "Alice Example"
    assert payload["attestation"]["function"] == "Head of Legal"
    assert payload["attestation"]["username"] == "alice"
    assert payload["answers"] == canonicalize(assessment.answers)
    assert payload["questions"] == canonicalize(assessment.shown)
    assert {row["step"] for row in payload["questions"]} >= {"model", "market", "compute"}
    assert "review" not in {row["step"] for row in payload["questions"]}
    html = record_page(owner_client, record)
    assert SIGNATURE_VALID in html
    assert verify_records()[0] == 0


def test_ticking_without_name_or_function_shows_errors_there_and_creates_nothing(
    acme, owner, owner_client
):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)

    response = wizard.post("review", {"confirm": "on"})

    assert response.status_code in (200, 302)
    html = wizard.page("review") if response.status_code == 302 else response.content.decode()
    assert re.search(r'id="id_review-attester_name_field".*?field__errors', html, re.S)
    assert re.search(r'id="id_review-attester_function_field".*?field__errors', html, re.S)
    assert not AssessmentRecord.objects.exists()
    assert not Assessment.objects.exists()
    assert wizard.draft is not None  # the draft is kept, with what was typed


def test_finishing_without_ticking_completes_without_signing(acme, owner, owner_client):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)

    assessment = wizard.complete()

    assert assessment.model_name == "Wizard-70B"
    assert not AssessmentRecord.objects.exists()


def test_a_member_sees_no_sign_fields_and_cannot_sign_from_the_review(
    acme, colleague, colleague_client
):
    wizard = WizardDriver(colleague_client).start(acme)
    wizard.walk(DEVELOPER_STEPS)
    review = wizard.page("review")
    for name in ("confirm", "attester_name", "attester_function", "supersedes"):
        assert f'name="review-{name}"' not in review, name

    # A forged POST with the sign fields completes the assessment but signs nothing.
    response = wizard.post(
        "review", {"confirm": "on", "attester_name": "Bob", "attester_function": "Engineer"}
    )

    assert response.status_code in (302, 403)
    assert not AssessmentRecord.objects.exists()


# ------------------------------------------------------------------ at the same moment

CONCURRENT_ATTEMPTS = 40


def _sign_concurrently(
    assessment: Assessment,
    attester: User,
    barrier: threading.Barrier,
    made: list[AssessmentRecord],
    errors: list[BaseException],
) -> None:
    """One thread, its own database connection: sign, retrying while SQLite's database
    lock is taken by the other thread (PostgreSQL waits on the row lock instead)."""
    try:
        barrier.wait(timeout=30)
        for attempt in range(CONCURRENT_ATTEMPTS):
            try:
                made.append(
                    services.record_create(
                        assessment=assessment,
                        attester=attester,
                        name="Alice Example",
                        function="Head of Legal",
                    )
                )
                return
            except OperationalError as error:
                if "locked" not in str(error) or attempt == CONCURRENT_ATTEMPTS - 1:
                    raise
                close_old_connections()
                time.sleep(random.uniform(0.02, 0.2))  # noqa: S311
    except BaseException as error:  # noqa: BLE001 — reported by the test, not lost in a thread
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_records_made_at_the_same_moment_keep_the_chain_consistent(acme, owner):
    assessments = [
        make_assessment(acme, owner, model_name="Parallel-A"),
        make_assessment(acme, owner, model_name="Parallel-B"),
    ]
    barrier = threading.Barrier(len(assessments))
    made: list[AssessmentRecord] = []
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_sign_concurrently, args=(a, owner, barrier, made, errors))
        for a in assessments
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors
    assert not any(isinstance(error, IntegrityError) for error in errors)
    stored = list(AssessmentRecord.objects.order_by("sequence"))
    assert [record.sequence for record in stored] == [1, 2]
    assert {record.model_name for record in stored} == {"Parallel-A", "Parallel-B"}
    assert payload_of(stored[0])["previous_sha256"] == ""
    assert payload_of(stored[1])["previous_sha256"] == stored[0].payload_sha256
    chain = RecordChain.objects.get(organisation=acme)
    assert chain.count == 2
    assert chain.head_sha256 == stored[1].payload_sha256
    assert chain_verify(Organisation.objects.filter(pk=acme.pk)).failures == []
    assert verify_records()[0] == 0


def test_the_record_timestamp_is_utc(acme, owner):
    record = make_record(acme, owner)

    assert record.created_at.utcoffset() == timedelta(0)
    assert payload_of(record)["attestation"]["attested_at"].endswith("Z")
