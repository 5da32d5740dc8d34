"""Each check of ``verify_records`` (the chain check) catches its own kind of tampering and
names it: the hash, the signature and its key, the strict reading of the payload, the chain
link and position, and every column shown beside the payload.

The content checks are tested on payloads re-signed with the real key (someone who holds
it, or a bug in the signer): only the content check itself can catch those. Each case runs
twice, the chain checked in one piece and in chunks on worker processes, with the same
failures expected word for word."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.management import call_command

from questionnaire.models import AssessmentRecord, Organisation, RecordChain, SigningKey
from questionnaire.records import chain
from questionnaire.records.chain import chain_verify, record_status
from questionnaire.records.signing import b64, canonical_json, sha256_hex, signer_load
from tests.records.conftest import (
    failing_ids,
    make_assessment,
    make_record,
    raw_column,
    raw_delete,
    raw_update,
    three_records,
    verify_records,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

LINK_BROKEN = "link to the previous record is broken"


@pytest.fixture(params=["in one piece", "in chunks on worker processes"])
def checked(request, monkeypatch) -> Callable[[], list[tuple[str, str]]]:
    """``chain_verify`` over every organisation: the failures it reports."""
    if request.param == "in one piece":
        monkeypatch.setattr(chain, "_can_fork", lambda: False)
    else:
        monkeypatch.setattr(chain, "_CHUNK", 1)
        monkeypatch.setattr(chain, "_PARALLEL_FROM", 2)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)

    def failures() -> list[tuple[str, str]]:
        return chain_verify(Organisation.objects.order_by("slug")).failures

    return failures


def _payload(record: AssessmentRecord) -> bytes:
    return bytes(raw_column(record, "payload"))


def _store(record: AssessmentRecord, payload: bytes, *, sign_with: Any = None) -> None:
    """Store ``payload`` as the record's, with its hash and a signature by ``sign_with``
    (the real signing key unless told)."""
    signer = sign_with or signer_load(settings.RECORD_SIGNING_KEY_FILE).private_key
    raw_update(record, "payload", payload)
    raw_update(record, "payload_sha256", sha256_hex(payload))
    raw_update(record, "signature", b64(signer.sign(payload)))


def _resigned(change: Callable[[dict[str, Any]], None]) -> Callable[[AssessmentRecord], None]:
    def tamper(record: AssessmentRecord) -> None:
        content = json.loads(_payload(record))
        change(content)
        _store(record, canonical_json(content))

    return tamper


def _set(*path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(content: dict[str, Any]) -> None:
        for key in path[:-1]:
            content = content[key]
        content[path[-1]] = value

    return change


def _renamed_model(record: AssessmentRecord) -> None:
    raw_update(record, "payload", _payload(record).replace(b"Second-13B", b"Second-13C"))


def _renamed_model_and_hash(record: AssessmentRecord) -> None:
    payload = _payload(record).replace(b"Second-13B", b"Second-13C")
    raw_update(record, "payload", payload)
    raw_update(record, "payload_sha256", sha256_hex(payload))


def _repeated_key(record: AssessmentRecord) -> None:
    """The signed payload names ``model_name`` twice, the forged one first."""
    payload = _payload(record)
    assert payload.count(b'"model_name":"Second-13B","organisation"') == 1
    _store(record, payload.replace(b'"model_name":', b'"model_name":"Forged-1T","model_name":', 1))


def _flip(text: str, alphabet: str) -> str:
    index = len(text) // 2
    return text[:index] + next(c for c in alphabet if c != text[index]) + text[index + 1 :]


# What the middle record of three reports after each tampering, and whether its successor's
# link then breaks (when the stored hash of the middle record changed).
TAMPERING: dict[str, tuple[Callable[[AssessmentRecord], None], list[str], bool]] = {
    "a payload byte": (
        _renamed_model,
        [
            "payload does not match its stored hash",
            "signature does not verify",
            "model name shown differs from the signed one",
        ],
        False,
    ),
    "the payload and its hash": (
        _renamed_model_and_hash,
        ["signature does not verify", "model name shown differs from the signed one"],
        True,
    ),
    "the stored hash": (
        lambda r: raw_update(r, "payload_sha256", _flip(r.payload_sha256, "0123456789abcdef")),
        ["payload does not match its stored hash"],
        True,
    ),
    "the signature": (
        lambda r: raw_update(r, "signature", _flip(r.signature, "ABCDEFGHIJ")),
        ["signature does not verify"],
        False,
    ),
    "a signature that is not base64": (
        lambda r: raw_update(r, "signature", "not base64 at all!"),
        ["signature does not verify"],
        False,
    ),
    "a payload signed by a key that is not its key": (
        lambda r: _store(r, _payload(r), sign_with=Ed25519PrivateKey.generate()),
        ["signature does not verify"],
        False,
    ),
    "a payload that is no longer JSON": (
        lambda r: raw_update(r, "payload", b"[" + _payload(r)[1:]),
        [
            "payload does not match its stored hash",
            "signature does not verify",
            "payload is not JSON",
        ],
        False,
    ),
    "a signed payload that is not JSON": (
        lambda r: _store(r, _payload(r)[:-1]),
        ["payload is not JSON"],
        True,
    ),
    "a signed payload that is a list": (
        lambda r: _store(r, b"[" + _payload(r) + b"]"),
        ["payload is not JSON"],
        True,
    ),
    "a signed payload nested deeper than any record": (
        lambda r: _store(r, b"[" * 100_000 + b"]" * 100_000),
        ["payload is not JSON"],
        True,
    ),
    "a signed payload naming a key twice": (_repeated_key, ["payload is not JSON"], True),
    "the record id signed": (
        _resigned(_set("record_id", value="5f0c7a52-1111-4a6e-9d55-8f1c4c2b9e01")),
        ["payload names another record"],
        True,
    ),
    "the position signed": (
        _resigned(_set("sequence", value=7)),
        ["stored at position 2 but signed as 7"],
        True,
    ),
    "the link signed": (
        _resigned(_set("previous_sha256", value="0" * 64)),
        [LINK_BROKEN],
        True,
    ),
    "the organisation signed": (
        _resigned(_set("organisation", "slug", value="other")),
        ["payload names another organisation"],
        True,
    ),
    "the model name signed": (
        _resigned(_set("model_name", value="Forged-1T")),
        ["model name shown differs from the signed one"],
        True,
    ),
    "the classification signed": (
        _resigned(_set("result", "classification", value="not_gpai")),
        ["classification shown differs from the signed one"],
        True,
    ),
    "the corrected record signed": (
        _resigned(_set("supersedes", value="5f0c7a52-1111-4a6e-9d55-8f1c4c2b9e01")),
        ["the record it corrects differs from the signed one"],
        True,
    ),
    "the attester signed": (
        _resigned(_set("attestation", "username", value="mallory")),
        ["the attester shown differs from the signed one"],
        True,
    ),
    "the time signed": (
        _resigned(_set("attestation", "attested_at", value="2020-01-01T00:00:00Z")),
        ["the time shown differs from the signed one"],
        True,
    ),
    "the assessment signed": (
        _resigned(_set("assessment_id", value="5f0c7a52-1111-4a6e-9d55-8f1c4c2b9e01")),
        ["the assessment it links to differs from the signed one"],
        True,
    ),
    "the link column": (
        lambda r: raw_update(r, "previous_sha256", _flip(r.previous_sha256, "0123456789abcdef")),
        [LINK_BROKEN],
        False,
    ),
    "the model name column": (
        lambda r: raw_update(r, "model_name", "Shown-Otherwise"),
        ["model name shown differs from the signed one"],
        False,
    ),
    "the classification column": (
        lambda r: raw_update(r, "classification", "not_gpai"),
        ["classification shown differs from the signed one"],
        False,
    ),
    "the time column": (
        lambda r: raw_update(r, "created_at", r.created_at - timedelta(seconds=1)),
        ["the time shown differs from the signed one"],
        False,
    ),
}


@pytest.mark.parametrize(("tamper", "reasons", "link_breaks"), TAMPERING.values(), ids=TAMPERING)
def test_each_tampering_is_caught_and_named(acme, owner, checked, tamper, reasons, link_breaks):
    first, middle, last = three_records(acme, owner)

    tamper(middle)

    expected = [(str(middle.public_id), "; ".join(reasons))]
    if link_breaks:
        expected.append((str(last.public_id), LINK_BROKEN))
    assert checked() == expected
    assert record_status(middle).failures == [expected[0]]
    assert record_status(first).failures == []


def test_a_record_whose_columns_name_other_rows_is_caught(acme, owner, checked):
    first, middle, last = three_records(acme, owner)
    unsigned = make_assessment(acme, owner, model_name="Second-13B")

    raw_update(middle, "supersedes_id", first.pk)
    raw_update(middle, "assessment_id", unsigned.pk)

    assert checked() == [
        (
            str(middle.public_id),
            "the record it corrects differs from the signed one; "
            "the assessment it links to differs from the signed one",
        )
    ]


def test_a_record_signed_after_its_key_was_retired_is_caught(acme, owner, checked):
    first, middle, last = three_records(acme, owner)
    old_signer = signer_load(settings.RECORD_SIGNING_KEY_FILE)
    call_command("signing_key", "rotate", stdout=StringIO())
    retired_at = SigningKey.objects.get(key_id=old_signer.key_id).retired_at
    assert retired_at is not None
    later = (retired_at + timedelta(days=1)).replace(microsecond=0)
    content = json.loads(_payload(last))
    content["attestation"]["attested_at"] = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    raw_update(last, "created_at", later)
    payload = canonical_json(content)
    _store(last, payload, sign_with=old_signer.private_key)
    chain_head_moved(acme, payload)

    assert checked() == [(str(last.public_id), "signed after its key was retired")]


def chain_head_moved(organisation: Organisation, payload: bytes) -> None:
    """The organisation's chain head names ``payload`` as its newest record."""
    RecordChain.objects.filter(organisation=organisation).update(head_sha256=sha256_hex(payload))


def test_a_removed_record_breaks_its_successors_position_and_link(acme, owner, checked):
    first, middle, last = three_records(acme, owner)

    raw_delete(middle)

    assert checked() == [
        (
            str(last.public_id),
            f"at position 3 where 2 comes next: reordered or removed; {LINK_BROKEN}",
        )
    ]


def test_removing_the_newest_record_is_caught_by_the_chain_head(acme, owner, checked):
    first, middle, last = three_records(acme, owner)

    raw_delete(last)

    assert checked() == [
        (
            "organisation acme",
            f"3 records were issued, the newest {last.payload_sha256[:12]}, but the chain ends "
            f"at record 2 ({middle.payload_sha256[:12]}): records were removed",
        )
    ]


def test_a_clean_chain_of_each_organisation_verifies(acme, owner, other, outsider, checked):
    three_records(acme, owner)
    make_record(other, outsider, name="Eve Example", function="CTO")

    assert checked() == []
    assert chain_verify(Organisation.objects.all()).checked == 4


def test_verify_records_names_a_payload_nested_deeper_than_any_record(acme, owner):
    first, middle, last = three_records(acme, owner)
    _store(middle, b"[" * 100_000 + b"]" * 100_000)

    code, _, err = verify_records("--reproduce")

    assert code == 1
    assert f"FAILED {middle.public_id}: payload is not JSON\n" in err
    assert f"FAILED {middle.public_id}: not reproduced: payload is not JSON" in err
    assert failing_ids(err) == {str(middle.public_id), str(last.public_id)}
