"""Tampering behind the ORM (an edited byte, a deleted, swapped or moved record) is caught
by ``verify_records``, the record page and the export check."""

from __future__ import annotations

import json

import pytest

from questionnaire.models import AssessmentRecord
from questionnaire.records.export import export_check
from questionnaire.records.signing import sha256_hex
from questionnaire.selectors import published_keys
from tests.records.conftest import (
    SIGNATURE_FAILED,
    SIGNATURE_VALID,
    failing_ids,
    make_record,
    raw_column,
    raw_delete,
    raw_update,
    record_page,
    three_records,
    verify_records,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

HEX = "0123456789abcdef"
BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def flip_middle_char(text: str, alphabet: str) -> str:
    index = len(text) // 2
    replacement = next(char for char in alphabet if char != text[index])
    return text[:index] + replacement + text[index + 1 :]


# ------------------------------------------------------------------ a clean chain


def test_a_clean_chain_verifies_and_the_record_page_says_so(acme, owner, owner_client):
    records_made = three_records(acme, owner)

    code, out, err = verify_records()

    assert code == 0, err
    assert "3 records checked" in out
    assert err == ""
    for record in records_made:
        assert SIGNATURE_VALID in record_page(owner_client, record)
        assert SIGNATURE_FAILED not in record_page(owner_client, record)


# ------------------------------------------------------------------ an edited byte


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


# ------------------------------------------------------------------ deleted, swapped or moved records


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
