"""Integrity holes a review found, closed: each test is an attack or an accident that must
be caught, or must not break the chain."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from questionnaire.models import Organisation, SigningKey
from questionnaire.records.chain import chain_verify
from questionnaire.records.export import export_check
from questionnaire.records.signing import b64, canonical_json, sha256_hex, signer_load
from questionnaire.selectors import published_keys
from tests.records.conftest import export_bytes, make_record, raw_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def failures() -> list[tuple[str, str]]:
    return chain_verify(Organisation.objects.all()).failures


def test_saving_a_stale_organisation_neither_breaks_the_chain_nor_stops_signing(acme, owner):
    stale = Organisation.objects.get(pk=acme.pk)
    make_record(acme, owner)
    stale.name = "Acme AI Ltd"
    stale.save()
    second = make_record(acme, owner)
    assert second.sequence == 2
    assert failures() == []


@pytest.mark.parametrize(
    ("column", "value"),
    [("model_name", "Totally different"), ("classification", "not_gpai")],
)
def test_a_shown_column_changed_behind_the_signature_is_caught(
    acme, owner, owner_client, column, value
):
    record = make_record(acme, owner)
    raw_update(record, column, value)
    assert [record_id for record_id, _ in failures()] == [str(record.public_id)]
    page = owner_client.get(f"/records/{record.public_id}/").content.decode()
    assert "Signature check failed" in page


def test_a_correction_link_added_behind_the_signature_is_caught(acme, owner):
    first = make_record(acme, owner)
    second = make_record(acme, owner)
    raw_update(second, "supersedes_id", first.pk)
    assert [record_id for record_id, _ in failures()] == [str(second.public_id)]


def test_an_export_with_a_null_or_a_float_slipped_in_is_not_authentic(acme, owner, owner_client):
    record = make_record(acme, owner)
    export = json.loads(export_bytes(owner_client, record))
    with_null = json.loads(json.dumps(export))
    with_null["payload"]["injected"] = None
    with_float = json.loads(json.dumps(export))
    with_float["payload"]["answers"]["compute"]["periods"][0]["chips"] = 16384.0
    for altered in (with_null, with_float):
        check = export_check(altered, published_keys())
        assert not check.authentic
        assert "canonical" in (check.problem or "")
    assert export_check(export, published_keys()).authentic


def test_a_lone_surrogate_in_an_upload_is_a_verdict_not_a_server_error(acme, owner, owner_client):
    record = make_record(acme, owner)
    text = (
        export_bytes(owner_client, record)
        .decode()
        .replace('"model_name": "Example-70B"', '"model_name": "\\ud800"')
    )
    response = Client().post("/verify/", {"document": _upload(text.encode())})
    assert response.status_code == 200
    assert "Not authentic" in response.content.decode()


def test_a_record_claiming_a_date_after_its_key_was_retired_is_rejected(acme, owner, settings):
    old_signer = signer_load(settings.RECORD_SIGNING_KEY_FILE)
    call_command("signing_key", "rotate", stdout=StringIO())
    old_key = SigningKey.objects.get(key_id=old_signer.key_id)
    assert old_key.retired_at is not None
    backdated = (old_key.retired_at + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    payload = {"record_id": "forged", "attestation": {"attested_at": backdated}}
    payload_bytes = canonical_json(payload)
    forged = {
        "format": "gpai-assessor-record",
        "version": 1,
        "key_id": old_key.key_id,
        "sha256": sha256_hex(payload_bytes),
        "signature": b64(old_signer.sign(payload_bytes)),
        "payload": payload,
    }
    check = export_check(forged, published_keys())
    assert not check.authentic
    assert "retired" in (check.problem or "")


def test_a_record_signed_before_its_key_was_retired_stays_authentic(acme, owner, owner_client):
    record = make_record(acme, owner)
    call_command("signing_key", "rotate", stdout=StringIO())
    export = json.loads(export_bytes(owner_client, record))
    assert export_check(export, published_keys()).authentic
    retired_at = SigningKey.objects.get(key_id=export["key_id"]).retired_at
    assert retired_at is not None
    assert retired_at <= timezone.now()


def test_a_missing_report_file_is_not_found_and_an_altered_one_is_refused(
    acme, owner, owner_client
):
    record = make_record(acme, owner)
    url = f"/records/{record.public_id}/report.pdf"
    with default_storage.open(record.report.file.name, "wb") as handle:
        handle.write(b"%PDF-1.7 not the signed report")
    assert owner_client.get(url).status_code == 409
    default_storage.delete(record.report.file.name)
    assert owner_client.get(url).status_code == 404


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("record.json", content, content_type="application/json")
