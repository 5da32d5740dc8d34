"""``manage.py reassess --org SLUG --ruleset ID [--json]``: for every current signed record
of the organisation (not superseded), what its answers give under the rule set ``ID`` and
how that differs from what was signed: classification, provider, obligations added and
removed, due dates, the notification date. A table, or with ``--json`` one JSON document.

Writes nothing. A change of statuses or wording alone is not a change.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questionnaire.models import AssessmentRecord, Organisation
from questionnaire.records.chain import payload_of
from questionnaire.records.reassess import Reassessment, reassess_all
from questionnaire.scoring import DEFAULT_RULESET
from questionnaire.scoring.rulesets import available

NO_CHANGE = "="
COLUMNS = (
    "Record",
    "Model",
    "Signed under",
    "Classification",
    "Provider",
    "Obligations",
    "Due dates",
    "Notification",
)


class Command(BaseCommand):
    help = (
        "Show what would change for an organisation's current signed records under another "
        "rule set (writes nothing)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--org", metavar="SLUG", required=True, help="the organisation")
        parser.add_argument(
            "--ruleset",
            metavar="ID",
            default=DEFAULT_RULESET,
            help=f"the rule set to re-assess under (default: the newest, {DEFAULT_RULESET}): "
            + ", ".join(available()),
        )
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with the slug {options['org']!r}.")
        target = options["ruleset"]
        if target not in available():
            raise CommandError(f"No rule set {target!r}; registered: {', '.join(available())}.")
        today = timezone.localdate()
        records = (
            AssessmentRecord.objects.filter(organisation=organisation, superseded_by__isnull=True)
            .order_by("sequence")
            .only("public_id", "sequence", "model_name", "payload")
        )
        diffs = reassess_all(
            (
                payload_of(record)
                or {"record_id": str(record.public_id), "model_name": record.model_name}
                for record in records.iterator(chunk_size=500)
            ),
            target,
            today=today,
        )
        changed = sum(1 for diff in diffs if diff.changed)
        if options["json"]:
            document = {
                "organisation": organisation.slug,
                "ruleset": target,
                "assessed_on": diffs[0].assessed_on if diffs else None,
                "records": len(diffs),
                "changed": changed,
                "diffs": [diff.as_document() for diff in diffs],
            }
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
            return
        self.stdout.write(_table([_row(diff) for diff in diffs]))
        for diff in diffs:
            for problem in diff.problems:
                self.stdout.write(f"record {diff.sequence}: under {target}, {problem}")
        self.stdout.write(
            f"{len(diffs)} current records of {organisation.slug}; {changed} change under "
            f"{target} (on {today.isoformat()}; “{NO_CHANGE}”: no change)."
        )


def _row(diff: Reassessment) -> list[str]:
    changes = diff.changes
    if diff.problems:
        classification = f"{diff.before.get('classification')} → answers invalid"
    elif changes.classification:
        classification = " → ".join(str(value) for value in changes.classification)
    else:
        classification = NO_CHANGE
    provider = (
        " → ".join("yes" if value else "no" for value in changes.provider)
        if changes.provider
        else NO_CHANGE
    )
    obligations = " ".join(
        [f"+{item.get('id')}" for item in changes.added]
        + [f"-{item.get('id')}" for item in changes.removed]
    )
    due = ", ".join(
        f"{change.id} {change.before or 'none'} → {change.after or 'none'}"
        for change in changes.due_besides_notification
    )
    notification = NO_CHANGE
    if changes.notification_due:
        before, after_due = changes.notification_due
        notification = f"{before or 'none'} → {after_due or 'none'}"
        status = (diff.notification_after or {}).get("status")
        if status:
            notification += f" ({status})"
    elif diff.problems:
        notification = "?"
    return [
        str(diff.sequence if diff.sequence is not None else "?"),
        diff.model_name or "?",
        str(diff.signed_ruleset or "?"),
        classification,
        provider,
        obligations or NO_CHANGE,
        due or NO_CHANGE,
        notification,
    ]


def _table(rows: list[list[str]]) -> str:
    widths = [
        max(len(column), *(len(row[index]) for row in rows)) if rows else len(column)
        for index, column in enumerate(COLUMNS)
    ]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [list(COLUMNS), ["-" * width for width in widths], *rows]
    ]
    return "\n".join(lines)
