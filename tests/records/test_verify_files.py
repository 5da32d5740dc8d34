"""``verify_records --files`` reads every stored PDF report back (issue 9: the stored PDFs
were never checked, and the report path and hash could be changed unnoticed): its bytes
against the SHA-256 kept, its PAdES signature, and the record.json it embeds against its
own record. Real reports: this is about the PDF itself."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.db import connection

from questionnaire.records.signing import sha256_hex
from tests.records.conftest import failing_ids, make_record, verify_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup"), pytest.mark.real_pdf]


def point_report(record, name: str, sha256: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE questionnaire_recordreport SET file = %s, sha256 = %s WHERE record_id = %s",
            [name, sha256, record.pk],
        )


def test_stored_reports_are_read_back_and_every_kind_of_swap_or_edit_is_caught(acme, owner):
    first = make_record(acme, owner, model_name="First-7B")
    second = make_record(acme, owner, model_name="Second-13B")

    code, out, err = verify_records("--files")
    assert code == 0, err
    assert "2 stored reports read" in out
    assert verify_records()[0] == 0  # the chain check alone does not open the files

    # The second record's report row now points at the first record's (genuine) report.
    point_report(second, first.report.file.name, first.report.sha256)
    code, _, err = verify_records("--files")
    assert code == 1
    assert failing_ids(err) == {str(second.public_id)}
    assert "is the report of another record" in err

    # The first report's file is replaced, and its hash with it: the PDF signature fails.
    junk = b"%PDF-1.7\n% not the report\n"
    with default_storage.open(first.report.file.name, "wb") as handle:
        handle.write(junk)
    point_report(first, first.report.file.name, sha256_hex(junk))
    code, _, err = verify_records("--files")
    assert str(first.public_id) in failing_ids(err)
    assert "its report's PDF signature fails" in err

    # Replaced without its hash: caught by the hash alone.
    point_report(first, first.report.file.name, first.report.sha256)
    code, _, err = verify_records("--files")
    assert "does not match the SHA-256 kept when stored" in err
