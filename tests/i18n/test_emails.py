"""E-mails in their recipient's language: the threshold crossing (with its Art. 52
deadline), a reminder and an invitation reach a person who chose German in German and one
who chose French in French; the others stay English, as before. The invitation to an
address with no account (or no chosen language) is written in the inviter's language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail

from questionnaire.ledger.reminders import reminders_send
from questionnaire.ledger.services import (
    ledger_entry_put,
    notification_deadline,
    registered_model_create,
)
from questionnaire.members.services import invitation_create
from questionnaire.models import LanguagePreference, Membership
from questionnaire.scoring.texts import format_date
from tests.ledger.conftest import direct
from tests.people import make_member

KNOWN = date(2026, 11, 2)


@pytest.fixture
def people(acme, owner) -> dict[str, User]:
    """alice (English, as before), greta (German) and france (French), all attesters."""
    greta = make_member("greta", acme, Membership.Role.ATTESTER)
    france = make_member("france", acme, Membership.Role.ADMIN)
    LanguagePreference.objects.create(user=greta, language="de")
    LanguagePreference.objects.create(user=france, language="fr")
    return {"en": owner, "de": greta, "fr": france}


def mail_to(user: User) -> mail.EmailMessage:
    [message] = [message for message in mail.outbox if message.to == [user.email]]
    return message


@pytest.fixture
def crossing(acme, owner, people, django_capture_on_commit_callbacks):
    model = registered_model_create(organisation=acme, name="Falcon", user=owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ledger_entry_put(model=model, key="pt", data=direct("2e25"), source="typed", today=KNOWN)
    return model


def test_a_threshold_crossing_is_written_in_each_recipients_language(crossing, people):
    due = notification_deadline(KNOWN)
    english = mail_to(people["en"])
    assert english.subject == "Falcon: a compute threshold is crossed"
    assert "The Commission must be notified without delay and at the latest by " in english.body
    assert due.isoformat() in english.body
    assert "2.0e25 FLOP" in english.body

    german = mail_to(people["de"])
    assert german.subject == "Falcon: ein Schwellenwert der Berechnungen ist überschritten"
    assert "Das Rechenaufwand-Register von Falcon" in german.body
    assert f"spätestens am {format_date(due, 'de')}" in german.body
    assert "Mitteilung nach Art. 52 Abs. 1" in german.body
    assert "2,0 × 10²⁵ FLOP" in german.body
    for english_words in ("The Commission must be notified", "compute ledger", "crosses"):
        assert english_words not in german.body

    french = mail_to(people["fr"])
    assert french.subject == "Falcon : un seuil de calcul est franchi"
    assert f"au plus tard le {format_date(due, 'fr')}" in french.body
    assert "risque systémique" in french.body
    assert "2,0 × 10²⁵ FLOP" in french.body
    for english_words in ("The Commission must be notified", "compute ledger", "crosses"):
        assert english_words not in french.body


def test_a_reminder_is_written_in_each_recipients_language(
    crossing, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=KNOWN + timedelta(days=3), days=30) == 1
    due = notification_deadline(KNOWN)
    english = mail_to(people["en"])
    assert english.subject == "Acme AI: deadlines and records to re-assess"
    assert f"is due on {due.isoformat()}" in english.body
    german = mail_to(people["de"])
    assert german.subject == "Acme AI: Fristen und neu zu bewertende Nachweise"
    assert "die Mitteilung an die Kommission (Art. 52 Abs. 1)" in german.body
    assert f"ist am {format_date(due, 'de')} fällig" in german.body
    assert "is due on" not in german.body
    french = mail_to(people["fr"])
    assert french.subject == "Acme AI : échéances et dossiers à réévaluer"
    assert f"est due le {format_date(due, 'fr')}" in french.body
    assert "is due on" not in french.body


def test_an_invitation_is_written_in_the_language_of_its_addressee_or_inviter(
    acme, people, django_capture_on_commit_callbacks, settings
):
    from django.utils import translation

    settings.SITE_URL = "https://assessor.example"
    inviter = people["fr"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # greta chose German: her invitation is German, whoever invites her.
        with translation.override("fr"):
            invitation_create(
                organisation=acme, role="reviewer", email="greta@example.com", by=inviter
            )
        # An address with no account: the inviter's language (the page's, here French).
        with translation.override("fr"):
            invitation_create(organisation=acme, role="member", email="new@example.com", by=inviter)
        # English, as before.
        invitation_create(organisation=acme, role="member", email="old@example.com", by=inviter)
    german = [message for message in mail.outbox if message.to == ["greta@example.com"]][0]
    assert german.subject == "Treten Sie Acme AI auf GPAI Assessor bei"
    assert "lädt Sie ein, Acme AI auf GPAI Assessor als Prüfende(r) beizutreten" in german.body
    assert "invites you" not in german.body
    french = [message for message in mail.outbox if message.to == ["new@example.com"]][0]
    assert french.subject == "Rejoignez Acme AI sur GPAI Assessor"
    assert "vous invite à rejoindre Acme AI sur GPAI Assessor en tant que membre" in french.body
    assert "If you did not expect" not in french.body
    english = [message for message in mail.outbox if message.to == ["old@example.com"]][0]
    assert english.subject == "Join Acme AI on GPAI Assessor"
    assert "invites you to join Acme AI on GPAI Assessor as member." in english.body
