"""Reminders for cron (``manage.py send_reminders``): the obligations of current records
(superseded by none) that fall due soon, and the records decided under a rule set that a
newer one replaces. One e-mail per organisation, to its administrators and attesters,
through the outbox. It remembers nothing: run it as often as the reminders should come."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction

from questionnaire.models import AssessmentRecord, Organisation
from questionnaire.notifications import notify
from questionnaire.records.chain import payload_of
from questionnaire.scoring import DEFAULT_RULESET

from .services import recipients_of

__all__ = ["reminders_send"]


@transaction.atomic
def reminders_send(*, today: date, days: int) -> int:
    """Queue the reminders; the number of organisations told."""
    until = today + timedelta(days=days)
    lines: dict[int, list[str]] = defaultdict(list)
    organisations: dict[int, Organisation] = {}
    current = AssessmentRecord.objects.filter(superseded_by__isnull=True).select_related(
        "organisation"
    )
    for record in current:
        result = (payload_of(record) or {}).get("result") or {}
        name = f"Record {record.sequence} ({record.model_name})"
        for obligation in result.get("obligations") or []:
            due = obligation.get("due")
            if obligation.get("status") != "upcoming" or not isinstance(due, str):
                continue
            try:
                day = date.fromisoformat(due)
            except ValueError:
                continue
            if today <= day <= until:
                lines[record.organisation_id].append(
                    f"- {name}: {obligation.get('article', obligation.get('id'))} is due on {due}."
                )
        ruleset = result.get("ruleset")
        if isinstance(ruleset, str) and ruleset != DEFAULT_RULESET:
            lines[record.organisation_id].append(
                f"- {name} was decided under {ruleset}; {DEFAULT_RULESET} replaces it: "
                "re-assess it."
            )
        organisations[record.organisation_id] = record.organisation
    for organisation_id, found in lines.items():
        organisation = organisations[organisation_id]
        notify(
            organisation=organisation,
            recipients=recipients_of(organisation),
            kind="reminder",
            subject=f"{organisation.name}: obligations due and records to re-assess",
            body="\n".join([f"Reminders for {organisation.name}:", "", *found]),
        )
    return len(lines)
