"""E-mail to people of an organisation (a draft waiting for their review, changes asked of
them, an invitation), through an outbox table.

``notify`` writes the messages in the caller's transaction; once it commits they are sent
on a background thread (or at once where ``OUTBOX_IN_BACKGROUND`` is off), so a slow or
absent mail server never holds a page and a rolled-back action sends nothing. What could not
be sent stays unsent with its error, for ``manage.py send_outbox`` to retry.

Each message is written in its recipient's language: ``render`` is called once per
recipient under ``translation.override(language_of(recipient))`` (the language the person
chose with the switcher). A plain address of
``to_emails`` (an invitation) gets the language of the one account with that address, if
there is one, else the active language, that of whoever triggered it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from questionnaire.lib.background import Tasks, retrying
from questionnaire.models import LanguagePreference, Organisation, OutboxMessage

logger = logging.getLogger(__name__)

outbox_tasks = Tasks("outbox")

MAX_ATTEMPTS = 5

SECRET_KINDS = frozenset({"invitation"})
"""Kinds of message whose body holds a secret (an invitation's one-time link): once sent,
the body is replaced by ``FORGOTTEN_BODY``, so the table keeps it no longer than needed."""
FORGOTTEN_BODY = "(Sent. The body held a one-time link and is not kept.)"


def notify(
    *,
    organisation: Organisation | None,
    recipients: Iterable[User],
    kind: str,
    subject: str = "",
    body: str = "",
    to_emails: Iterable[str] = (),
    render: Callable[[], tuple[str, str]] | None = None,
) -> list[OutboxMessage]:
    """Queue one e-mail per recipient (users; those without an address are skipped) and per
    address of ``to_emails``; sent after the current transaction commits.

    With ``render`` (a callable giving ``(subject, body)``), each message is written in its
    recipient's language: ``render`` runs under that language (``language_of`` the user; for
    an address of ``to_emails``, that of its account if one has it, else the active
    language). Without it, ``subject`` and ``body`` are sent as they are."""

    def written(language: str | None) -> tuple[str, str]:
        if render is None:
            return subject, body
        if language is None:
            return render()
        with translation.override(language):
            return render()

    messages = []
    for user in recipients:
        email = user.email
        if email:
            text_subject, text_body = written(language_of(user))
            messages.append(
                OutboxMessage(
                    organisation=organisation,
                    recipient=user,
                    to_email=email,
                    kind=kind,
                    subject=text_subject[:200],
                    body=text_body,
                )
            )
    for email in to_emails:
        if email:
            text_subject, text_body = written(_language_of_address(email))
            messages.append(
                OutboxMessage(
                    organisation=organisation,
                    to_email=email,
                    kind=kind,
                    subject=text_subject[:200],
                    body=text_body,
                )
            )
    if not messages:
        return []
    created = OutboxMessage.objects.bulk_create(messages)
    ids = [message.pk for message in created if message.pk is not None]
    transaction.on_commit(lambda: _send_later(ids))
    return created


def language_of(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """The language ``user`` chose (``LanguagePreference``, stored by the switcher of
    ``questionnaire.accounts.language``), or the site's default. Here, below ``accounts``,
    so that e-mails can be written in it."""
    if user is None or not user.is_authenticated:
        return translation.get_supported_language_variant(settings.LANGUAGE_CODE)
    stored = (
        LanguagePreference.objects.filter(user_id=user.pk)
        .values_list("language", flat=True)
        .first()
    )
    if stored in {code for code, _ in settings.LANGUAGES}:
        return str(stored)
    return translation.get_supported_language_variant(settings.LANGUAGE_CODE)


def _language_of_address(email: str) -> str | None:
    """The language chosen by the one account with this address; None (the active
    language) when no account, or more than one, has it, or it chose none."""
    users = list(User.objects.filter(email__iexact=email)[:2])
    if len(users) != 1 or not LanguagePreference.objects.filter(user_id=users[0].pk).exists():
        return None
    return language_of(users[0])


def _send_later(ids: list[int]) -> None:
    def task() -> None:
        outbox_send(ids=ids)

    if settings.OUTBOX_IN_BACKGROUND:
        outbox_tasks.submit(tuple(ids), task, delays=(5.0, 60.0), name="Sending e-mail")
    else:
        retrying(task, delays=(), name="Sending e-mail")


def outbox_send(*, ids: Iterable[int] | None = None, limit: int = 200) -> int:
    """Send unsent messages (these ``ids``, or the oldest ``limit``), each once; returns how
    many were sent. A failure is kept on the message and retried later, up to
    ``MAX_ATTEMPTS`` times."""
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    sent = 0
    for message in pending.order_by("created_at", "id")[:limit]:
        # Claimed first, by marking it sent: no other sender, at the same moment or while
        # this one waits for the mail server, sends it again. Sent at most once: a process
        # that dies while sending leaves it marked sent (a lost e-mail, never a repeated one).
        claimed = OutboxMessage.objects.filter(
            pk=message.pk, sent_at__isnull=True, attempts=message.attempts
        ).update(attempts=message.attempts + 1, sent_at=timezone.now())
        if not claimed:
            continue
        try:
            send_mail(
                message.subject,
                message.body,
                settings.DEFAULT_FROM_EMAIL,
                [message.to_email],
                fail_silently=False,
            )
        except Exception as error:  # noqa: BLE001 — any failure of the mail server is kept
            logger.warning("E-mail %s to %s not sent: %s", message.pk, message.to_email, error)
            OutboxMessage.objects.filter(pk=message.pk).update(
                sent_at=None, last_error=str(error)[:2000]
            )
            continue
        done: dict[str, object] = {"sent_at": timezone.now(), "last_error": ""}
        if message.kind in SECRET_KINDS:
            done["body"] = FORGOTTEN_BODY
        OutboxMessage.objects.filter(pk=message.pk).update(**done)
        sent += 1
    return sent
