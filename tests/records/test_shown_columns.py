"""Every column shown beside a record's payload is checked against it (issue 9: the
attester, the time and the assessment link could be changed without ``verify_records``
noticing, and the assessment page then named another attester while the record page said
"Signature valid")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from questionnaire.models import Membership
from tests.people import make_member
from tests.records.conftest import (
    SIGNATURE_FAILED,
    failing_ids,
    make_assessment,
    make_record,
    raw_update,
    record_page,
    verify_records,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def test_a_changed_attester_column_fails_verify_records_and_the_record_page(
    acme, owner, owner_client
):
    record = make_record(acme, owner)
    mallory = make_member("mallory", acme, Membership.Role.ATTESTER)

    raw_update(record, "attested_by_id", mallory.pk)

    code, _, err = verify_records()
    assert code == 1
    assert failing_ids(err) == {str(record.public_id)}
    assert "the attester shown differs from the signed one" in err
    assert SIGNATURE_FAILED in record_page(owner_client, record)


def test_the_assessment_page_names_the_signed_attester_not_the_column(acme, owner, owner_client):
    record = make_record(acme, owner)
    mallory = make_member("mallory", acme, Membership.Role.ATTESTER)
    raw_update(record, "attested_by_id", mallory.pk)

    assert record.assessment is not None
    page = owner_client.get(f"/assessments/{record.assessment.public_id}/").content.decode()

    assert "by alice" in page
    assert "mallory" not in page


def test_a_changed_time_column_fails_verify_records(acme, owner):
    record = make_record(acme, owner)

    raw_update(record, "created_at", record.created_at - timedelta(days=30))

    code, _, err = verify_records()
    assert code == 1
    assert failing_ids(err) == {str(record.public_id)}
    assert "the time shown differs from the signed one" in err


def test_a_record_relinked_to_another_assessment_fails_verify_records(acme, owner):
    record = make_record(acme, owner)
    other_assessment = make_assessment(acme, owner, model_name="Other-1B")

    raw_update(record, "assessment_id", other_assessment.pk)

    code, _, err = verify_records()
    assert code == 1
    assert failing_ids(err) == {str(record.public_id)}
    assert "the assessment it links to differs from the signed one" in err
