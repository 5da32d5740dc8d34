"""Anchors outside the database (issue 9): deleting the newest records *and* rewinding the
chain-head row (or restoring an old backup) looks like a clean chain from inside the
database; the signed checkpoints and the receipts people hold catch it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection

from questionnaire.models import Membership
from questionnaire.records.checkpoints import HEAD_FORMAT
from tests.people import make_member, signed_in
from tests.records.conftest import (
    export_bytes,
    raw_delete,
    three_records,
    verify_records,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


@pytest.fixture
def checkpoint_file(settings, tmp_path: Path) -> Path:
    path = tmp_path / "anchors" / "chain-checkpoints.jsonl"
    settings.CHAIN_CHECKPOINT_FILE = path
    return path


def rewind(organisation_slug: str, count: int, head_sha256: str) -> None:
    """Set the chain-head row back, as someone covering a deletion would."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE questionnaire_recordchain SET count = %s, head_sha256 = %s "
            "WHERE organisation_id = (SELECT id FROM questionnaire_organisation WHERE slug = %s)",
            [count, head_sha256, organisation_slug],
        )


def delete_newest_and_rewind(records) -> None:
    first, middle, last = records
    raw_delete(last)
    rewind("acme", middle.sequence, middle.payload_sha256)


def test_every_record_appends_its_signed_chain_head_to_the_checkpoint_file(
    acme, owner, checkpoint_file
):
    records = three_records(acme, owner)

    lines = [json.loads(line) for line in checkpoint_file.read_text().splitlines()]

    assert [line["head"]["records"] for line in lines] == [1, 2, 3]
    assert lines[-1]["format"] == HEAD_FORMAT
    assert lines[-1]["head"]["organisation"] == "acme"
    assert lines[-1]["head"]["head_sha256"] == records[-1].payload_sha256
    code, out, err = verify_records("--checkpoints", str(checkpoint_file))
    assert code == 0, err
    assert "3 checkpoints" in out


def test_a_rewound_chain_passes_the_database_check_but_not_the_checkpoints(
    acme, owner, checkpoint_file
):
    records = three_records(acme, owner)

    delete_newest_and_rewind(records)

    code, _, err = verify_records()
    assert code == 0, "the database alone cannot tell: that is why the anchors exist"
    code, _, err = verify_records("--checkpoints", str(checkpoint_file))
    assert code == 1
    assert "acme had 3 records" in err
    assert "has no record 3" in err


def test_a_rewound_chain_is_caught_by_a_receipt_the_provider_kept(
    acme, owner, owner_client, tmp_path
):
    records = three_records(acme, owner)
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    for record in records:
        (receipts / f"record-{record.public_id}.json").write_bytes(
            export_bytes(owner_client, record)
        )

    code, out, err = verify_records("--receipts", str(receipts))
    assert code == 0, err
    assert "3 receipts" in out

    delete_newest_and_rewind(records)

    code, _, err = verify_records("--receipts", str(receipts))
    assert code == 1
    assert f"record 3 of acme ({records[2].public_id}" in err
    assert "missing from the chain" in err


def test_an_altered_checkpoint_is_refused(acme, owner, checkpoint_file):
    three_records(acme, owner)
    lines = checkpoint_file.read_text().splitlines()
    forged = json.loads(lines[-1])
    forged["head"]["records"] = 2
    checkpoint_file.write_text(json.dumps(forged) + "\n")

    code, _, err = verify_records("--checkpoints", str(checkpoint_file))

    assert code == 1
    assert "signature does not verify" in err


def test_an_administrator_downloads_the_signed_chain_head_and_it_catches_a_rewind(
    acme, owner, tmp_path
):
    records = three_records(acme, owner)
    admin = make_member("ada", acme, Membership.Role.ADMIN)

    response = signed_in(admin).get("/organisations/acme/chain-head.json")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    head = response.json()
    assert head["head"] | {"issued_at": None} == {
        "kind": "chain-head",
        "organisation": "acme",
        "records": 3,
        "head_sha256": records[-1].payload_sha256,
        "issued_at": None,
    }
    archived = tmp_path / "chain-head.json"
    archived.write_bytes(response.content)
    assert verify_records("--checkpoints", str(archived))[0] == 0

    delete_newest_and_rewind(records)

    code, _, err = verify_records("--checkpoints", str(archived))
    assert code == 1
    assert "has no record 3" in err


def test_a_member_who_does_not_administer_gets_no_chain_head(acme, owner, owner_client):
    three_records(acme, owner)

    assert owner_client.get("/organisations/acme/chain-head.json").status_code == 403


def test_the_checkpoint_command_appends_every_organisations_head(
    acme, owner, other, checkpoint_file
):
    from django.core.management import call_command

    three_records(acme, owner)
    before = len(checkpoint_file.read_text().splitlines())

    call_command("chain_checkpoint")

    lines = [json.loads(line) for line in checkpoint_file.read_text().splitlines()]
    assert len(lines) == before + 2
    assert {line["head"]["organisation"] for line in lines[before:]} == {"acme", "other"}
    assert verify_records("--checkpoints", str(checkpoint_file))[0] == 0


@pytest.mark.real_pdf
def test_a_pdf_report_is_a_receipt_too(acme, owner, owner_client, tmp_path):
    from tests.records.conftest import make_record

    record = make_record(acme, owner)
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    pdf = owner_client.get(f"/records/{record.public_id}/report.pdf")
    assert pdf.status_code == 200
    (receipts / "report.pdf").write_bytes(pdf.content)
    assert verify_records("--receipts", str(receipts))[0] == 0

    raw_delete(record)
    rewind("acme", 0, "")

    assert verify_records()[0] == 0
    code, _, err = verify_records("--receipts", str(receipts))
    assert code == 1
    assert f"record 1 of acme ({record.public_id}" in err
