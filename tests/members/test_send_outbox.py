"""``manage.py send_outbox``: the outbox's unsent e-mail is sent, a message whose first
sending failed is retried and marked sent, and no message is ever sent twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.core.management.base import CommandError

from questionnaire.models import OutboxMessage
from questionnaire.notifications import MAX_ATTEMPTS, notify, outbox_send

pytestmark = pytest.mark.django_db


class MailServerDown(OSError):
    pass


@pytest.fixture
def fails_once(monkeypatch):
    """The mail backend fails its first sending (a server that was down), then works."""
    real = locmem.EmailBackend.send_messages
    calls = {"failed": 0}

    def send_messages(self, messages):
        if not calls["failed"]:
            calls["failed"] += 1
            raise MailServerDown("Connection refused")
        return real(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_messages)
    return calls


def queued(acme, *addresses: str) -> list[OutboxMessage]:
    return notify(
        organisation=acme,
        recipients=(),
        to_emails=list(addresses),
        kind="test",
        subject="Waiting for your review",
        body="An assessment waits for you.",
    )


def send_outbox(*args: str) -> str:
    out = StringIO()
    call_command("send_outbox", *args, stdout=out)
    return out.getvalue()


def test_it_retries_a_message_whose_first_sending_failed_and_marks_it_sent(
    acme, fails_once, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [message] = queued(acme, "dana@example.com")

    failed = OutboxMessage.objects.get(pk=message.pk)
    assert failed.sent_at is None and failed.attempts == 1
    assert "Connection refused" in failed.last_error
    assert mail.outbox == []

    assert send_outbox() == "1 e-mail sent, 0 waiting.\n"

    sent = OutboxMessage.objects.get(pk=message.pk)
    assert sent.sent_at is not None and sent.attempts == 2 and sent.last_error == ""
    assert [m.to for m in mail.outbox] == [["dana@example.com"]]


def test_it_never_sends_a_message_twice(acme):
    queued(acme, "dana@example.com", "erin@example.com")  # not committed: left to the command

    assert send_outbox() == "2 e-mails sent, 0 waiting.\n"
    assert send_outbox() == "0 e-mails sent, 0 waiting.\n"
    assert outbox_send() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["dana@example.com", "erin@example.com"]


def test_a_second_sender_skips_what_the_first_is_sending(acme, monkeypatch):
    """A cron run that starts while the background sender still waits on a slow mail server
    finds the message taken, and sends nothing."""
    [message] = queued(acme, "dana@example.com")
    real = locmem.EmailBackend.send_messages
    meanwhile = []

    def slow_server(self, messages):
        meanwhile.append(outbox_send())  # the other sender, during this one's sending
        return real(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", slow_server)

    assert outbox_send() == 1
    assert meanwhile == [0]
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 1


def test_limit_sends_the_oldest_first(acme):
    queued(acme, "first@example.com", "second@example.com", "third@example.com")

    assert send_outbox("--limit", "2") == "2 e-mails sent, 1 waiting.\n"
    assert [m.to[0] for m in mail.outbox] == ["first@example.com", "second@example.com"]


def test_a_message_is_given_up_after_the_last_attempt(acme, monkeypatch):
    monkeypatch.setattr(
        locmem.EmailBackend,
        "send_messages",
        lambda self, messages: (_ for _ in ()).throw(MailServerDown("Connection refused")),
    )
    queued(acme, "dana@example.com")

    for _ in range(MAX_ATTEMPTS):
        send_outbox()

    assert send_outbox() == (
        f"0 e-mails sent, 0 waiting, 1 given up after {MAX_ATTEMPTS} attempts.\n"
    )
    assert OutboxMessage.objects.get().attempts == MAX_ATTEMPTS


def test_a_limit_below_one_is_refused(db):
    with pytest.raises(CommandError, match="--limit"):
        send_outbox("--limit", "0")
