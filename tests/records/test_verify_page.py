"""The public ``/verify/`` page: anyone uploads a record file (.json) or a PDF report and
learns whether it is authentic, which key signed it and when; it reveals nothing beyond
the upload and never fails with a server error."""

from __future__ import annotations

import copy
import html
import json
import re
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from questionnaire.models import AssessmentRecord, RecordChain
from questionnaire.records.signing import canonical_json, sha256_hex
from tests.records.conftest import export_json, make_record, stored_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

AUTHENTIC = "Authentic."
NOT_AUTHENTIC = "Not authentic."
UNKNOWN_KEY = "ed25519-0000000000000000"


def upload(data: bytes, name: str = "record.json", client: Client | None = None) -> tuple[int, str]:
    """POST a file to /verify/ as a browser does, without being signed in."""
    client = client or Client(enforce_csrf_checks=False)
    content_type = "application/pdf" if name.endswith(".pdf") else "application/json"
    response = client.post(
        "/verify/", {"document": SimpleUploadedFile(name, data, content_type=content_type)}
    )
    return response.status_code, response.content.decode()


def text_of(page: str) -> str:
    return html.unescape(page)


@pytest.fixture
def record(acme, owner) -> AssessmentRecord:
    return make_record(acme, owner)


@pytest.fixture
def export(record, owner_client) -> dict[str, Any]:
    return export_json(owner_client, record)


def as_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


# ------------------------------------------------------------------ the page


def test_the_verify_page_needs_no_login():
    response = Client().get("/verify/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="file"' in page
    assert 'enctype="multipart/form-data"' in page


def test_the_verify_page_works_with_csrf_checks(record, export):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/verify/")
    token = page.cookies["csrftoken"].value

    response = client.post(
        "/verify/",
        {
            "csrfmiddlewaretoken": token,
            "document": SimpleUploadedFile("r.json", as_bytes(export), "application/json"),
        },
    )

    assert response.status_code == 200
    assert AUTHENTIC in response.content.decode()


# ------------------------------------------------------------------ record files


def test_a_genuine_export_is_authentic_with_its_key_and_signing_time(record, export):
    status, page = upload(as_bytes(export))

    assert status == 200
    text = text_of(page)
    assert AUTHENTIC in text
    assert NOT_AUTHENTIC not in text
    assert record.signing_key.key_id in text
    assert export["payload"]["attestation"]["attested_at"] in text
    assert str(record.public_id) in text
    assert record.payload_sha256 in text


def test_the_downloaded_export_file_verifies_byte_for_byte(record, owner_client):
    response = owner_client.get(f"/records/{record.public_id}.json")

    status, page = upload(response.content)

    assert status == 200
    assert AUTHENTIC in page


def test_an_export_signed_with_a_since_retired_key_is_still_authentic(record, export):
    call_command("signing_key", "rotate", stdout=StringIO())

    status, page = upload(as_bytes(export))

    assert status == 200
    assert AUTHENTIC in page
    assert record.signing_key.key_id in page
    assert "retired" in page


def _change_an_answer(export: dict[str, Any]) -> None:
    export["payload"]["answers"]["placement"] = "research_only"


def _change_an_answer_and_its_hash(export: dict[str, Any]) -> None:
    export["payload"]["answers"]["placement"] = "research_only"
    export["sha256"] = sha256_hex(canonical_json(export["payload"]))


def _change_the_result(export: dict[str, Any]) -> None:
    export["payload"]["result"]["classification"] = "out_of_scope"
    export["sha256"] = sha256_hex(canonical_json(export["payload"]))


def _change_the_attester(export: dict[str, Any]) -> None:
    export["payload"]["attestation"]["name"] = "Mallory"
    export["sha256"] = sha256_hex(canonical_json(export["payload"]))


def _change_the_signature(export: dict[str, Any]) -> None:
    signature = export["signature"]
    middle = len(signature) // 2
    export["signature"] = (
        signature[:middle] + ("A" if signature[middle] != "A" else "B") + (signature[middle + 1 :])
    )


def _replace_the_signature_with_garbage(export: dict[str, Any]) -> None:
    export["signature"] = "!!! not base64 !!!"


def _change_the_key_id(export: dict[str, Any]) -> None:
    export["key_id"] = UNKNOWN_KEY


def _change_the_hash(export: dict[str, Any]) -> None:
    export["sha256"] = "0" * 64


def _add_a_member(export: dict[str, Any]) -> None:
    export["payload"]["note"] = "added later"
    export["sha256"] = sha256_hex(canonical_json(export["payload"]))


ALTERATIONS = {
    "an answer": (_change_an_answer, "hash"),
    "an answer and the hash": (_change_an_answer_and_its_hash, "signature"),
    "the result and the hash": (_change_the_result, "signature"),
    "the attester and the hash": (_change_the_attester, "signature"),
    "an added member and the hash": (_add_a_member, "signature"),
    "the signature": (_change_the_signature, "signature"),
    "the signature to garbage": (_replace_the_signature_with_garbage, "signature"),
    "the hash": (_change_the_hash, "hash"),
    "the key id": (_change_the_key_id, "key"),
}


@pytest.mark.parametrize(("alter", "reason"), ALTERATIONS.values(), ids=list(ALTERATIONS.keys()))
def test_an_altered_export_is_not_authentic_and_says_why(export, alter, reason):
    altered = copy.deepcopy(export)
    alter(altered)

    status, page = upload(as_bytes(altered))

    assert status == 200
    text = text_of(page)
    assert NOT_AUTHENTIC in text
    assert AUTHENTIC not in text.replace(NOT_AUTHENTIC, "")
    problems = text.split(NOT_AUTHENTIC, 1)[1].split("</ul>", 1)[0].lower()
    assert reason in problems, problems


def test_an_unknown_key_is_named_as_not_one_of_ours(export):
    altered = copy.deepcopy(export)
    _change_the_key_id(altered)

    _, page = upload(as_bytes(altered))

    assert UNKNOWN_KEY in page
    assert "not one of this service" in text_of(page)


# ------------------------------------------------------------------ PDF reports
# Each of these uploads a record's own report, so it is really rendered for that record.


@pytest.mark.real_pdf
def test_a_genuine_pdf_report_is_authentic(record):
    status, page = upload(stored_report(record), "report.pdf")

    assert status == 200
    text = text_of(page)
    assert AUTHENTIC in text
    assert NOT_AUTHENTIC not in text
    assert record.signing_key.key_id in text
    assert json.loads(bytes(record.payload))["attestation"]["attested_at"] in text
    assert str(record.public_id) in text


@pytest.mark.real_pdf
def test_the_downloaded_pdf_report_is_authentic(record, owner_client):
    response = owner_client.get(f"/records/{record.public_id}/report.pdf")
    pdf = response.getvalue()

    status, page = upload(pdf, "gpai-assessment.pdf")

    assert status == 200
    assert AUTHENTIC in page


@pytest.mark.real_pdf
def test_a_pdf_report_after_key_rotation_is_still_authentic(record):
    call_command("signing_key", "rotate", stdout=StringIO())

    status, page = upload(stored_report(record), "report.pdf")

    assert status == 200
    assert AUTHENTIC in page


def _signed_ranges(pdf: bytes) -> list[range]:
    """The byte ranges the PDF signature covers (everything but its own /Contents)."""
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    assert match, "no /ByteRange: the report is not signed"
    start1, length1, start2, length2 = (int(group) for group in match.groups())
    return [range(start1, start1 + length1), range(start2, start2 + length2)]


@pytest.mark.real_pdf
@pytest.mark.parametrize("where", [0.25, 0.5, 0.75])
def test_a_pdf_with_one_byte_flipped_is_not_authentic(record, where):
    pdf = bytearray(stored_report(record))
    index = int(len(pdf) * where)
    # A byte the signature covers (the signature's own zero padding is not one).
    assert any(index in signed for signed in _signed_ranges(bytes(pdf)))
    pdf[index] ^= 0x01

    status, page = upload(bytes(pdf), "report.pdf")

    assert status in (200, 400)
    assert NOT_AUTHENTIC in page
    assert AUTHENTIC not in page.replace(NOT_AUTHENTIC, "")


@pytest.mark.real_pdf
def test_a_pdf_with_bytes_appended_is_not_authentic(record):
    pdf = stored_report(record) + b"\n% appended after signing\n"

    status, page = upload(pdf, "report.pdf")

    assert status in (200, 400)
    assert NOT_AUTHENTIC in page


@pytest.mark.real_pdf
def test_a_pdf_signed_by_someone_else_is_not_authentic(record, tmp_path):
    from questionnaire.reports import certificates, pades, render

    forged_certificate = tmp_path / "forged.p12"
    certificates.document_certificate_create(path=forged_certificate, common_name="GPAI Assessor")
    unsigned = render.report_pdf(
        export=json.loads(json.dumps(_export_of(record))), verify_url="https://x/verify/"
    )
    forged = pades.pdf_sign(unsigned, pkcs12_path=forged_certificate)

    status, page = upload(forged, "report.pdf")

    assert status in (200, 400)
    assert NOT_AUTHENTIC in page


@pytest.mark.real_pdf
def test_an_unsigned_pdf_is_not_authentic(record):
    from questionnaire.reports import render

    unsigned = render.report_pdf(export=_export_of(record), verify_url="https://x/verify/")

    status, page = upload(unsigned, "report.pdf")

    assert status in (200, 400)
    assert NOT_AUTHENTIC in page


def _export_of(record: AssessmentRecord) -> dict[str, Any]:
    from questionnaire.records.export import export_document

    return export_document(record)


# ------------------------------------------------------------------ bad uploads

BAD_UPLOADS = {
    "garbage bytes": (b"\x00\x01\x02 this is not a record \xff\xfe", "file.bin"),
    "text": (b"hello, is this signed?", "note.txt"),
    "invalid UTF-8 JSON": (b'{"format": "\xff"}', "record.json"),
    "a JSON list": (b"[1, 2, 3]", "record.json"),
    "a JSON string": (b'"gpai-assessor-record"', "record.json"),
    "JSON null": (b"null", "record.json"),
    "another JSON document": (b'{"hello": "world"}', "record.json"),
    "NaN": (b'{"format": "gpai-assessor-record", "payload": {"x": NaN}}', "record.json"),
    "a record without payload": (
        b'{"format": "gpai-assessor-record", "key_id": "k", "signature": "s"}',
        "record.json",
    ),
    "a record with a string payload": (
        b'{"format": "gpai-assessor-record", "payload": "x", "key_id": "k", "signature": "s"}',
        "record.json",
    ),
    "a record with lists for key and signature": (
        b'{"format": "gpai-assessor-record", "payload": {}, "key_id": [], "signature": {}}',
        "record.json",
    ),
    "a payload with null in a list": (
        b'{"format": "gpai-assessor-record", "payload": {"a": [null]}, "key_id": "k",'
        b' "signature": "s"}',
        "record.json",
    ),
    "a payload of odd types": (
        b'{"format": "gpai-assessor-record", "payload": {"attestation": [], "organisation": 5,'
        b' "record_id": {"x": 1}}, "key_id": "k", "signature": "s", "sha256": 7}',
        "record.json",
    ),
    "a fake PDF": (b"%PDF-1.7\nnot really a pdf\n%%EOF\n", "report.pdf"),
    "a truncated PDF header": (b"%PDF-", "report.pdf"),
}


@pytest.mark.parametrize(("data", "name"), BAD_UPLOADS.values(), ids=list(BAD_UPLOADS.keys()))
def test_a_bad_upload_gets_a_clear_answer_never_a_server_error(data, name):
    status, page = upload(data, name)

    assert status in (200, 400)
    assert NOT_AUTHENTIC in page or "field__errors" in page
    assert AUTHENTIC not in page.replace(NOT_AUTHENTIC, "")


@pytest.mark.parametrize("depth", [100, 500, 900, 990, 5000, 200_000])
def test_a_deeply_nested_upload_is_not_a_server_error(depth):
    nested = "[" * depth + "]" * depth
    data = (
        '{"format": "gpai-assessor-record", "key_id": "k", "signature": "s", '
        f'"payload": {{"answers": {nested}}}}}'
    ).encode()

    status, page = upload(data)

    assert status in (200, 400)
    assert NOT_AUTHENTIC in page or "field__errors" in page


def test_an_empty_upload_is_refused_with_a_message():
    status, page = upload(b"")

    assert status == 400
    assert "field__errors" in page
    assert "empty" in page


def test_a_post_without_a_file_is_refused_with_a_message():
    response = Client().post("/verify/", {})

    assert response.status_code == 400
    assert "field__errors" in response.content.decode()


def test_an_upload_over_10_mb_is_refused_with_a_message():
    data = b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024)

    status, page = upload(data, "huge.pdf")

    assert status in (400, 413)
    assert "10 MB" in page


def test_an_11_mb_json_is_refused_with_a_message(export):
    padded = copy.deepcopy(export)
    padded["padding"] = "x" * (11 * 1024 * 1024)

    status, page = upload(as_bytes(padded))

    assert status in (400, 413)
    assert "10 MB" in page


def test_verify_accepts_only_get_and_post():
    assert Client().put("/verify/").status_code == 405
    assert Client().delete("/verify/").status_code == 405


# ------------------------------------------------------------------ nothing beyond the upload


@pytest.fixture
def secrets(acme, owner, other, outsider, stub_report_rendering) -> dict[str, Any]:
    """Records and people whose details must never appear on the verify page unless the
    uploaded file itself carries them."""
    User.objects.filter(pk=owner.pk).update(first_name="Alicia", last_name="Hidden-Surname")
    first = make_record(acme, owner, model_name="Uploaded-Model")
    # Only the first record's files are ever uploaded: a real_pdf test needs no other report
    # really rendered (it checks that nothing of theirs shows, not their PDFs).
    stub_report_rendering.stubbed = True
    later = make_record(acme, owner, model_name="Unrelated-Secret-Model")
    correction = make_record(acme, owner, supersedes=first, model_name="Correction-Model")
    theirs = make_record(other, outsider, name="Eve Example", function="CTO", model_name="Eve-X")
    return {"first": first, "later": later, "correction": correction, "theirs": theirs}


def _assert_reveals_nothing_more(page: str, secrets: dict[str, Any]) -> None:
    text = text_of(page)
    forbidden = [
        "alice@example.com",
        "eve@example.com",
        "Hidden-Surname",
        "Alicia",
        "Unrelated-Secret-Model",
        "Correction-Model",
        "Eve-X",
        "Other Labs",
        "Eve Example",
        "Superseded",
        "superseded",
        "reports/acme",
        str(secrets["later"].public_id),
        str(secrets["correction"].public_id),
        str(secrets["theirs"].public_id),
        secrets["later"].payload_sha256,
        secrets["correction"].payload_sha256,
        secrets["theirs"].payload_sha256,
    ]
    for value in forbidden:
        assert value not in text, f"the verify page shows {value!r}, which the upload lacks"
    assert "/records/" not in page


@pytest.mark.parametrize("who", ["anonymous", "outsider", "owner"])
def test_verifying_a_record_reveals_nothing_beyond_the_upload(secrets, owner, outsider, who):
    first = secrets["first"]
    client = Client()
    if who != "anonymous":
        client.force_login(owner if who == "owner" else outsider)
    export = export_json(_owner_client(owner), first)
    assert "other" not in json.dumps(export["payload"]["organisation"])

    status, page = upload(as_bytes(export), client=client)

    assert status == 200
    assert AUTHENTIC in page
    _assert_reveals_nothing_more(page, secrets)


def test_verifying_an_altered_record_reveals_nothing_stored_about_it(secrets, owner):
    first = secrets["first"]
    export = export_json(_owner_client(owner), first)
    export["payload"]["model_name"] = "Forged-Model"
    export["payload"]["attestation"]["name"] = "Mallory"

    status, page = upload(as_bytes(export))

    assert status == 200
    assert NOT_AUTHENTIC in page
    _assert_reveals_nothing_more(page, secrets)
    assert first.payload_sha256 not in page.replace(export["sha256"], "")


@pytest.mark.real_pdf
def test_verifying_a_pdf_reveals_nothing_beyond_the_upload(secrets):
    status, page = upload(stored_report(secrets["first"]), "report.pdf")

    assert status == 200
    assert AUTHENTIC in page
    _assert_reveals_nothing_more(page, secrets)


def test_verifying_stores_nothing(record, export):
    records_before = AssessmentRecord.objects.count()
    chains_before = list(RecordChain.objects.values_list("count", "head_sha256"))

    upload(as_bytes(export))
    upload(b"garbage")

    assert AssessmentRecord.objects.count() == records_before
    assert list(RecordChain.objects.values_list("count", "head_sha256")) == chains_before


def _owner_client(owner: User) -> Client:
    client = Client()
    client.force_login(owner)
    return client
