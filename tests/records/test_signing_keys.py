"""Signing keys: after a rotation old and new records verify, the retired key stays
published, and the private key is never published."""

from __future__ import annotations

import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

from questionnaire.models import Organisation, SigningKey
from questionnaire.records.chain import chain_verify
from questionnaire.records.export import export_check, export_document
from questionnaire.records.signing import signer_load
from questionnaire.selectors import published_keys
from tests.records.conftest import SIGNATURE_VALID, fresh, make_record, record_page, verify_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


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
