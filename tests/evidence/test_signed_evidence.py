"""Evidence at signing: each file's SHA-256, name and size (and each link) go into the
signed payload; ``verify_records --files`` reads every signed file back and fails, naming
the record and the file, when one was changed or removed from storage. Real reports, so
that the reports' own checks pass and only the evidence is in question."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import default_storage

from questionnaire.evidence import services as evidence_services
from questionnaire.records.signing import canonical_json
from tests.evidence.conftest import PDF, TEXT, attach, complete, sign
from tests.records.conftest import failing_ids, make_record, payload_of, verify_records

pytestmark = [pytest.mark.django_db, pytest.mark.real_pdf]


@pytest.fixture
def signed(draft, owner):
    """A record whose draft had a PDF on the model name, a text file on the compute and a
    link: (record, the PDF's evidence row)."""
    report = attach(draft, owner, name="training-run.pdf", data=PDF, key="compute.flop")
    attach(draft, owner, name="card.txt", data=TEXT, key="model_name")
    evidence_services.evidence_add_link(
        draft=draft, question_key="model_name", url="https://example.com/card", user=owner
    )
    return sign(complete(draft, owner), owner), report


def test_the_payload_lists_each_file_with_its_sha256_name_and_size_and_each_link(signed):
    record, report = signed

    assert payload_of(record)["evidence"] == [
        {
            "question_key": "compute.flop",
            "name": "training-run.pdf",
            "size": len(PDF),
            "sha256": hashlib.sha256(PDF).hexdigest(),
        },
        {
            "question_key": "model_name",
            "name": "card.txt",
            "size": len(TEXT),
            "sha256": hashlib.sha256(TEXT).hexdigest(),
        },
        {"question_key": "model_name", "url": "https://example.com/card"},
    ]
    assert report.sha256 == hashlib.sha256(PDF).hexdigest()
    assert canonical_json(payload_of(record)) == bytes(record.payload)


def test_a_record_without_evidence_has_no_evidence_key(signing_setup, acme, owner):
    assert "evidence" not in payload_of(make_record(acme, owner))


def test_verify_records_files_reads_the_evidence_and_passes_when_intact(signed):
    code, out, err = verify_records("--files")

    assert code == 0, err
    assert "2 evidence files read" in out


def test_an_altered_evidence_file_fails_verify_records_naming_record_and_file(signed):
    record, report = signed
    with default_storage.open(report.file.name, "wb") as handle:
        handle.write(PDF.replace(b"Catalog", b"Katalog"))

    assert verify_records()[0] == 0  # the chain itself is intact: the file is checked on request
    code, _, err = verify_records("--files")

    assert code == 1
    assert failing_ids(err) == {str(record.public_id)}
    assert (
        "evidence file “training-run.pdf” (compute.flop) in storage is not the file signed" in err
    )


def test_a_deleted_evidence_file_fails_verify_records(signed):
    record, report = signed
    default_storage.delete(report.file.name)

    code, _, err = verify_records("--files")

    assert code == 1
    assert (
        f"FAILED {record.public_id}: evidence file “training-run.pdf” (compute.flop) is missing"
        in err
    )
