"""The load test's walks (loadtest/journeys.py) are walks the wizard accepts: each one, with
its "Save and exit" and resume, ends in an assessment that an attester signs on its page."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from loadtest.journeys import ATTESTATION, JOURNEYS, SAVE_AND_EXIT_AT
from questionnaire.models import AssessmentRecord
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def signing_keys(settings, tmp_path):
    """A record key and document certificate of the test's own (reports stay stubbed)."""
    settings.RECORD_SIGNING_KEY_FILE = tmp_path / "keys" / "record-signing-key.pem"
    settings.RECORD_DOCUMENT_CERT_FILE = tmp_path / "keys" / "document-certificate.p12"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("signing_key", "create", stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize("name", sorted(JOURNEYS))
def test_each_load_test_journey_is_accepted_saved_resumed_finished_and_signed(
    name, owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)
    steps = JOURNEYS[name]
    saved_at = [step for step, _ in steps].index(SAVE_AND_EXIT_AT)
    for step, fields in steps[:saved_at]:
        wizard.answer(step, fields)

    saved = wizard.post(SAVE_AND_EXIT_AT, steps[saved_at][1], wizard_save_exit="1")
    assert saved["Location"] == "/"
    assert wizard.current_step() == SAVE_AND_EXIT_AT
    assessment, _ = wizard.run(steps[saved_at:])

    signed = owner_client.post(f"/assessments/{assessment.public_id}/attest/", ATTESTATION)
    assert signed.status_code == 302
    assert re.fullmatch(r"/records/[0-9a-f-]{36}/", signed["Location"])
    assert AssessmentRecord.objects.get().assessment == assessment
