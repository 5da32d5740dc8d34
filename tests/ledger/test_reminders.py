"""``manage.py send_reminders``: records decided under an older rule set are named."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from questionnaire.models import AssessmentRecord
from questionnaire.scoring.rulesets import available
from tests.records.conftest import make_record, signing_paths, signing_setup

__all__ = ["signing_paths", "signing_setup"]
pytestmark = pytest.mark.usefixtures("signing_setup")


def test_it_reminds_admins_and_attesters(acme, owner, django_capture_on_commit_callbacks):
    make_record(acme, owner, ruleset=available()[0])
    assert AssessmentRecord.objects.count() == 1
    out = StringIO()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--days", "3650", stdout=out)
    assert "organisation" in out.getvalue()
    assert [message.to for message in mail.outbox] == [["alice@example.com"]], out.getvalue()
    assert "re-assess it" in mail.outbox[0].body
