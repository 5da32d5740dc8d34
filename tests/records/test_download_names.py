"""A record's files download under the model's name and the date it was attested, not an
id (issue 10): ``gpai-assessment-Example-70B-2026-11-29-record-12.pdf`` and ``.json``, in
ASCII for every browser and in UTF-8 (RFC 6266 ``filename*``) for those that read it."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.records.conftest import make_record, payload_of

pytestmark = pytest.mark.usefixtures("signing_setup")


def saved_names(content_disposition: str) -> tuple[str, str]:
    """The ASCII name and the UTF-8 name a browser would save the download as."""
    plain, encoded = content_disposition.split("; filename*=UTF-8''")
    assert plain.startswith('attachment; filename="') and plain.endswith('"')
    return plain[len('attachment; filename="') : -1], unquote(encoded)


def test_the_pdf_and_json_are_named_after_the_model_the_day_and_the_record(
    acme, owner, owner_client
):
    make_record(acme, owner, model_name="First-7B")
    record = make_record(acme, owner)
    day = payload_of(record)["attestation"]["attested_at"][:10]
    expected = f"gpai-assessment-Example-70B-{day}-record-2"

    pdf = owner_client.get(f"/records/{record.public_id}/report.pdf")
    export = owner_client.get(f"/records/{record.public_id}.json")

    assert pdf.status_code == export.status_code == 200
    assert saved_names(pdf["Content-Disposition"]) == (f"{expected}.pdf", f"{expected}.pdf")
    assert saved_names(export["Content-Disposition"]) == (f"{expected}.json", f"{expected}.json")


def test_a_name_in_another_script_keeps_its_letters_in_utf8_and_falls_back_to_ascii(
    acme, owner, owner_client
):
    record = make_record(acme, owner, model_name='Modèle "Ω"/7B')
    day = payload_of(record)["attestation"]["attested_at"][:10]

    response = owner_client.get(f"/records/{record.public_id}.json")

    plain, utf8 = saved_names(response["Content-Disposition"])
    assert utf8 == f"gpai-assessment-Modèle-Ω-7B-{day}-record-1.json"
    assert plain == f"gpai-assessment-Modele-7B-{day}-record-1.json"
