"""A record is corrected once; the second of two concurrent corrections gets a clear
message, not a 500 (services.record_create, wizard.view.sign_assessment).

Issue 9: two corrections of one record at once gave a 500 (the unique ``supersedes`` column
refused the second). Both forms were valid when shown: the race is reproduced by the second
form still offering the record the first correction has just superseded."""

from __future__ import annotations

import pytest

from questionnaire import selectors, services
from questionnaire.models import AssessmentRecord
from tests.records.conftest import make_assessment, make_record, verify_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

ALREADY = "This record has already been corrected by record 2."


def test_the_service_refuses_a_second_correction_of_one_record(acme, owner):
    original = make_record(acme, owner)
    make_record(acme, owner, supersedes=original, model_name="Example-70B v2")

    with pytest.raises(services.RecordAlreadyCorrected, match=ALREADY):
        make_record(acme, owner, supersedes=original, model_name="Example-70B v3")

    assert AssessmentRecord.objects.count() == 2
    assert verify_records()[0] == 0


def test_the_second_of_two_concurrent_corrections_gets_a_message_not_a_500(
    acme, owner, owner_client, monkeypatch
):
    original = make_record(acme, owner)
    late = make_assessment(acme, owner, model_name="Example-70B v3")
    # The late form was shown, with the original offered, before the first correction.
    monkeypatch.setattr(
        selectors,
        "records_correctable",
        lambda *, user, organisation: selectors.records_for(user=user).filter(
            organisation=organisation
        ),
    )
    make_record(acme, owner, supersedes=original, model_name="Example-70B v2")

    response = owner_client.post(
        f"/assessments/{late.public_id}/attest/",
        {
            "confirm": "on",
            "attester_name": "Alice Example",
            "attester_function": "Head of Legal",
            "supersedes": str(original.pk),
        },
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/assessments/{late.public_id}/"
    assert ALREADY in response.content.decode()
    assert not AssessmentRecord.objects.filter(assessment=late).exists()
    assert verify_records()[0] == 0
