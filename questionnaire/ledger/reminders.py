"""Reminders for cron (``manage.py send_reminders``): the obligations of current records
(superseded by none) that fall due soon, the Art. 52(1) notification deadlines that a
model's crossing of the systemic-risk threshold started, and the records decided under a
rule set that a newer one replaces. One e-mail per organisation, to its administrators and
attesters, through the outbox.

Each thing is told once per stage: when it first falls within the window (``--days``),
again a week before, and again the day before; a record to re-assess is told once per newer
rule set. What was told is remembered (``ReminderSent``), so cron may run it hourly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from questionnaire.models import AssessmentRecord, Organisation, ReminderSent, ThresholdEvent
from questionnaire.notifications import notify
from questionnaire.records.chain import payload_of
from questionnaire.scoring import DEFAULT_RULESET, load

from .services import day_text, notification_deadline, recipients_of

__all__ = ["STAGES", "reminders_send"]

STAGES = ((1, "day"), (7, "week"))
"""Days before a due date at which a reminder is told again, nearest first; the first
reminder comes when the date falls within the window."""


@dataclass(frozen=True, slots=True)
class _Reminder:
    """One line of a reminder: ``text`` is a catalogue msgid with ``%(name)s`` placeholders;
    a ``date`` param is written as the recipient's language writes dates (``line()`` runs
    under it), a callable param is called then (a text of its own)."""

    key: str
    text: str
    params: Mapping[str, object] = field(default_factory=dict)

    def line(self) -> str:
        language = (translation.get_language() or "en").split("-")[0]
        values = {
            name: (
                day_text(value, language)
                if isinstance(value, date)
                else value()
                if callable(value)
                else value
            )
            for name, value in self.params.items()
        }
        return _(self.text) % values


def _due_text(due: str) -> Callable[[], str]:
    def text() -> str:
        language = (translation.get_language() or "en").split("-")[0]
        try:
            return day_text(date.fromisoformat(due), language)
        except ValueError:
            return due

    return text


def _stage(today: date, due: date, days: int) -> str | None:
    """Which stage of reminding ``due`` is at, or None outside the window."""
    left = (due - today).days
    if left < 0 or left > days:
        return None
    for limit, name in STAGES:
        if left <= limit:
            return name
    return "soon"


def _record_reminders(today: date, days: int) -> dict[int, list[_Reminder]]:
    found: dict[int, list[_Reminder]] = defaultdict(list)
    current = AssessmentRecord.objects.filter(superseded_by__isnull=True)
    for record in current:
        result = (payload_of(record) or {}).get("result") or {}
        sequence, model_name = record.sequence, record.model_name
        for obligation in result.get("obligations") or []:
            due = obligation.get("due")
            if obligation.get("status") != "upcoming" or not isinstance(due, str):
                continue
            try:
                day = date.fromisoformat(due)
            except ValueError:
                continue
            stage = _stage(today, day, days)
            if stage is not None:
                what = obligation.get("article", obligation.get("id"))
                found[record.organisation_id].append(
                    _Reminder(
                        f"obligation:{record.public_id}:{obligation.get('id')}:{due}:{stage}",
                        gettext_noop(
                            "- Record %(sequence)s (%(model)s): %(what)s is due on %(due)s."
                        ),
                        {
                            "sequence": sequence,
                            "model": model_name,
                            "what": what,
                            "due": _due_text(due),
                        },
                    )
                )
        ruleset = result.get("ruleset")
        if isinstance(ruleset, str) and ruleset != DEFAULT_RULESET:
            found[record.organisation_id].append(
                _Reminder(
                    f"ruleset:{record.public_id}:{DEFAULT_RULESET}",
                    gettext_noop(
                        "- Record %(sequence)s (%(model)s) was decided under %(ruleset)s; "
                        "%(newer)s replaces it: re-assess it."
                    ),
                    {
                        "sequence": sequence,
                        "model": model_name,
                        "ruleset": ruleset,
                        "newer": DEFAULT_RULESET,
                    },
                )
            )
    return found


def _notification_reminders(today: date, days: int) -> dict[int, list[_Reminder]]:
    """The Art. 52(1) deadline of each model whose cumulative compute crossed the
    systemic-risk threshold, counted from the first day it became known."""
    found: dict[int, list[_Reminder]] = defaultdict(list)
    first: dict[int, ThresholdEvent] = {}
    crossings = ThresholdEvent.objects.filter(
        threshold="systemic_risk", kind=ThresholdEvent.Kind.CROSSED
    ).select_related("model")
    for event in crossings.order_by("known_on", "id"):
        first.setdefault(event.model_id, event)
    rules = load()
    for event in first.values():
        due = notification_deadline(event.known_on, rules)
        stage = _stage(today, due, days)
        if stage is not None:
            found[event.model.organisation_id].append(
                _Reminder(
                    f"notification:{event.model.public_id}:{due.isoformat()}:{stage}",
                    gettext_noop(
                        "- %(model)s: the notification to the Commission (Art. 52(1)) is due "
                        "on %(due)s; the systemic-risk threshold was known to be crossed on "
                        "%(known_on)s."
                    ),
                    {"model": event.model.name, "due": due, "known_on": event.known_on},
                )
            )
    return found


def _render(name: str, reminders: list[_Reminder]) -> Callable[[], tuple[str, str]]:
    """The reminder's subject and body, in the active language (each recipient's)."""

    def render() -> tuple[str, str]:
        subject = _("%(organisation)s: deadlines and records to re-assess") % {"organisation": name}
        lines = [_("Reminders for %(organisation)s:") % {"organisation": name}, ""]
        return subject, "\n".join([*lines, *(item.line() for item in reminders)])

    return render


@transaction.atomic
def reminders_send(*, today: date, days: int) -> int:
    """Queue the reminders not told yet; the number of organisations told."""
    found: dict[int, list[_Reminder]] = defaultdict(list)
    for part in (_record_reminders(today, days), _notification_reminders(today, days)):
        for organisation_id, reminders in part.items():
            found[organisation_id].extend(reminders)
    told = 0
    for organisation_id, reminders in found.items():
        sent = set(
            ReminderSent.objects.filter(
                organisation_id=organisation_id, key__in=[item.key[:200] for item in reminders]
            ).values_list("key", flat=True)
        )
        new = [item for item in reminders if item.key[:200] not in sent]
        if not new:
            continue
        organisation = Organisation.objects.get(pk=organisation_id)
        ReminderSent.objects.bulk_create(
            ReminderSent(organisation=organisation, key=item.key[:200], sent_on=today)
            for item in new
        )
        notify(
            organisation=organisation,
            recipients=recipients_of(organisation),
            kind="reminder",
            render=_render(organisation.name, new),
        )
        told += 1
    return told
