"""The PDF report of a record: rendered and signed once, stored with its hash, downloaded as
those very bytes, never rendered again, and embedding the signed record."""

from __future__ import annotations

from unittest import mock

import pytest

from questionnaire.records.export import export_document
from questionnaire.records.signing import sha256_hex
from tests.records.conftest import make_record, stored_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def test_the_report_is_rendered_once_at_signing_and_stored_with_its_hash(acme, owner):
    from questionnaire.reports import render

    with mock.patch.object(render, "report_pdf", wraps=render.report_pdf) as renderer:
        record = make_record(acme, owner)
    assert renderer.call_count == 1

    pdf = stored_report(record)
    assert pdf.startswith(b"%PDF-")
    assert sha256_hex(pdf) == record.report.sha256
    assert record.report.file.name.endswith(".pdf")


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
    assert sha256_hex(downloads[0]) == record.report.sha256


@pytest.mark.real_pdf  # the report must embed this very record
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
