"""``manage.py send_outbox [--limit N]``: send the e-mail of the outbox that is not sent yet
(the oldest first, at most N, 200 by default), and say how many were sent.

E-mail is sent after the commit of what it tells about; what could not be sent then (a mail
server that was down) waits in the outbox with its error. Run this from cron to retry it:
each message is tried up to ``notifications.MAX_ATTEMPTS`` times, and never sent twice, even
with two of these running at once. It exits 0 when messages fail too: they wait for the next
run, and the count of those still waiting is printed."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from questionnaire.models import OutboxMessage
from questionnaire.notifications import MAX_ATTEMPTS, outbox_send


class Command(BaseCommand):
    help = "Send the outbox's unsent e-mail (retrying earlier failures); print how many were sent."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--limit",
            type=int,
            default=200,
            metavar="N",
            help="send at most N messages, the oldest first (default 200)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        limit = options["limit"]
        if limit < 1:
            raise CommandError("--limit needs a number of messages of 1 or more.")
        sent = outbox_send(limit=limit)
        unsent = OutboxMessage.objects.filter(sent_at__isnull=True)
        waiting = unsent.filter(attempts__lt=MAX_ATTEMPTS).count()
        given_up = unsent.filter(attempts__gte=MAX_ATTEMPTS).count()
        line = f"{sent} e-mail{'s' if sent != 1 else ''} sent, {waiting} waiting"
        if given_up:
            line += f", {given_up} given up after {MAX_ATTEMPTS} attempts"
        self.stdout.write(line + ".")
