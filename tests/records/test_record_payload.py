"""What a signed record holds: its payload (the answers, the wording shown, the result, who
attested and when, as canonical JSON), the hash and signature of those bytes, and the export
that carries them."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from questionnaire.models import Assessment, Organisation
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
from questionnaire.scoring import DEFAULT_RULESET, assess
from questionnaire.selectors import published_keys
from tests.records.conftest import (
    ANSWERS,
    fresh,
    make_assessment,
    make_record,
    payload_of,
    shown_for,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


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
    assert "gpai-assessment-Example-70B-" in response["Content-Disposition"]
    assert f"-record-{record.sequence}.json" in response["Content-Disposition"]
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
    # The answers, the exact wording shown with each answer, and the result, as signed: the
    # result is computed at attestation, so the answers speak for the attestation date.
    attested_on = payload["attestation"]["attested_at"][:10]
    assert payload["answers"] == canonicalize({**ANSWERS, "assessed_on": attested_on})
    assert payload["answers"]["compute"]["periods"][0]["utilisation"] == "0.4"
    assert payload["questions"] == canonicalize(shown_for(ANSWERS))
    assert payload["questions"][1]["help_text"] == "“Developer” means you trained it yourself."
    assert payload["result"] == canonicalize(assess(payload["answers"], payload["ruleset"]))
    assert payload["result"]["assessed_on"] == attested_on
    assert payload["result"]["classification"] == "gpai_systemic_risk"
    # The rule set and the answers contract the result was computed with.
    assert payload["ruleset"] == DEFAULT_RULESET == assessment.result["ruleset"]
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


def test_the_record_timestamp_is_utc(acme, owner):
    record = make_record(acme, owner)

    assert record.created_at.utcoffset() == timedelta(0)
    assert payload_of(record)["attestation"]["attested_at"].endswith("Z")
