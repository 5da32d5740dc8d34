"""Writes of the model register and its compute ledger.

Every figure goes through the scoring engine's own parser and estimators (``parse_compute``,
``compute.estimate``): the ledger holds compute documents of the answers contract, never a
rule of its own. A write locks the model's row, so two filings of one model queue, and
records the threshold events it causes in the same transaction: nothing is half-written,
and the e-mails leave only once it commits (``notifications.notify``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from questionnaire.audit import Action, Origin, audit_log
from questionnaire.models import (
    LedgerEntry,
    Membership,
    ModelLineage,
    ModelVersion,
    Organisation,
    RegisteredModel,
    ThresholdEvent,
)
from questionnaire.notifications import notify
from questionnaire.scoring import AnswersError, RuleSet, load
from questionnaire.scoring import compute as estimators
from questionnaire.scoring.answers import Compute, parse_compute
from questionnaire.scoring.numbers import format_flop, parse_number, to_text

from .selectors import Totals, model_totals

__all__ = [
    "LedgerRefused",
    "ledger_entry_put",
    "model_lineage_add",
    "model_version_add",
    "notification_deadline",
    "recipients_of",
    "registered_model_create",
    "threshold_events_record",
]

KEY_MAX = LedgerEntry._meta.get_field("key").max_length or 100
NAME_MAX = RegisteredModel._meta.get_field("name").max_length or 200
VERSION_LABEL_MAX = ModelVersion._meta.get_field("label").max_length or 100
EXTERNAL_MAX = ModelLineage._meta.get_field("external_name").max_length or 200
WATCHED_THRESHOLDS = ("systemic_risk", "modification")
"""The thresholds whose warning and crossing are recorded and told: the systemic-risk threshold of cumulative
compute (Art. 51(2), notification under Art. 52(1)) and a modification's one third of its
original (the modifier becomes a provider)."""

THRESHOLD_NAMES = {
    "gpai": "the general-purpose AI model threshold of training compute",
    "systemic_risk": "the systemic-risk threshold of cumulative compute",
    "modification": "one third of the original model's compute (a modifier becomes its provider)",
}


class LedgerRefused(Exception):
    """Input the ledger refuses: ``field`` names it as a key path (``compute.parameters``,
    ``revision``), ``message`` says why, ``status`` is the HTTP status an API answers with
    (400 bad input, 409 a replayed key or revision with other content)."""

    def __init__(self, field: str, message: str, status: int = 400) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.status = status


# ------------------------------------------------------------------ the register


@transaction.atomic
def registered_model_create(
    *,
    organisation: Organisation,
    name: str,
    description: str = "",
    user: User | None,
    origin: Origin | None = None,
) -> RegisteredModel:
    """A new model of the organisation's register; its name is unique there."""
    name = name.strip()
    if not name:
        raise LedgerRefused("name", "is required: the model's name")
    if len(name) > NAME_MAX:
        raise LedgerRefused("name", f"must be at most {NAME_MAX} characters")
    if (
        user is not None
        and not Membership.objects.filter(organisation=organisation, user=user).exists()
    ):
        raise LedgerRefused("organisation", "you are not a member of this organisation", 403)
    if RegisteredModel.objects.filter(organisation=organisation, name=name).exists():
        raise LedgerRefused("name", "the organisation has a model of this name already", 409)
    model = RegisteredModel.objects.create(
        organisation=organisation, name=name, description=description.strip(), created_by=user
    )
    audit_log(
        action=Action.REGISTERED_MODEL_CREATED,
        origin=origin,
        actor=user,
        organisation=organisation,
        object_id=str(model.public_id),
        detail={"name": name[:100]},
    )
    return model


@transaction.atomic
def model_version_add(
    *,
    model: RegisteredModel,
    label: str,
    released_on: date | None = None,
    notes: str = "",
    user: User | None = None,
    origin: Origin | None = None,
) -> ModelVersion:
    """A released (or planned) version of the model, shown on its timeline."""
    label = label.strip()
    if not label:
        raise LedgerRefused("label", "is required: the version's label")
    if len(label) > VERSION_LABEL_MAX:
        raise LedgerRefused("label", f"must be at most {VERSION_LABEL_MAX} characters")
    if ModelVersion.objects.filter(model=model, label=label).exists():
        raise LedgerRefused("label", "the model has a version of this label already", 409)
    version = ModelVersion.objects.create(
        model=model, label=label, released_on=released_on, notes=notes.strip()
    )
    audit_log(
        action=Action.MODEL_VERSION_ADDED,
        origin=origin,
        actor=user,
        organisation=model.organisation,
        object_id=str(model.public_id),
        detail={"label": label, "released_on": released_on.isoformat() if released_on else None},
    )
    return version


@transaction.atomic
def model_lineage_add(
    *,
    model: RegisteredModel,
    kind: str,
    parent: RegisteredModel | None = None,
    external_name: str = "",
    external_provider: str = "",
    external_flop: str = "",
    external_systemic_risk: bool = False,
    user: User | None = None,
    origin: Origin | None = None,
    today: date | None = None,
) -> ModelLineage:
    """Where the model's weights came from: a model of the same register, or an external
    one (``external_provider`` empty: the organisation's own) with its known compute.

    Inherited compute can reach a threshold: the events it causes are recorded and told,
    as for a ledger entry."""
    if kind not in ModelLineage.Kind.values:
        raise LedgerRefused("kind", f"must be one of {', '.join(ModelLineage.Kind.values)}")
    if parent is not None:
        if parent.organisation_id != model.organisation_id:
            raise LedgerRefused("parent", "must be a model of the same organisation", 404)
        if parent.pk == model.pk:
            raise LedgerRefused("parent", "a model cannot descend from itself")
        if _descends_from(parent, model):
            raise LedgerRefused(
                "parent", f"{parent.name} descends from {model.name}: lineage cannot loop"
            )
    elif not external_name.strip():
        raise LedgerRefused("external_name", "is required: name the model, or choose a parent")
    elif len(external_name.strip()) > EXTERNAL_MAX or len(external_provider.strip()) > EXTERNAL_MAX:
        field = (
            "external_name" if len(external_name.strip()) > EXTERNAL_MAX else "external_provider"
        )
        raise LedgerRefused(field, f"must be at most {EXTERNAL_MAX} characters")
    flop_text = ""
    if parent is None and external_flop.strip():
        flop_text = to_text(_plausible(_figure(external_flop, "external_flop"), "external_flop"))
    RegisteredModel.objects.select_for_update().get(pk=model.pk)
    link = ModelLineage.objects.create(
        model=model,
        kind=kind,
        parent=parent,
        external_name="" if parent else external_name.strip(),
        external_provider="" if parent else external_provider.strip(),
        external_flop=flop_text,
        external_systemic_risk=False if parent else external_systemic_risk,
    )
    audit_log(
        action=Action.MODEL_LINEAGE_ADDED,
        origin=origin,
        actor=user,
        organisation=model.organisation,
        object_id=str(model.public_id),
        detail={
            "kind": kind,
            "parent": str(parent.public_id) if parent else None,
            "external_name": link.external_name[:100],
            "external_provider": link.external_provider[:100],
            "external_flop": flop_text,
        },
    )
    _record_with_descendants(
        model=model, today=today or timezone.localdate(), user=user, origin=origin
    )
    return link


def _descends_from(model: RegisteredModel, ancestor: RegisteredModel) -> bool:
    """Whether ``ancestor`` is among the register parents of ``model``, at any depth."""
    seen: set[int] = set()
    frontier = {model.pk}
    while frontier:
        seen |= frontier
        parents = set(
            ModelLineage.objects.filter(model_id__in=frontier, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        if ancestor.pk in parents:
            return True
        frontier = {pk for pk in parents if pk is not None} - seen
    return False


# ------------------------------------------------------------------ the ledger


def _figure(value: object, field: str) -> Decimal:
    try:
        number = parse_number(value)
    except ValueError as error:
        raise LedgerRefused(field, str(error)) from error
    if number <= 0:
        raise LedgerRefused(field, "must be a positive number")
    return number


def _plausible(number: Decimal, field: str, rules: RuleSet | None = None) -> Decimal:
    limit = (rules or load()).ledger_implausible_flop
    if limit is not None and number > limit:
        raise LedgerRefused(
            field, f"is implausibly large (above {format_flop(limit)} FLOP): a typing accident?"
        )
    return number


def _choice(data: Mapping[str, Any], key: str, options: Iterable[str]) -> str:
    value = data.get(key)
    options = tuple(options)
    if not isinstance(value, str) or value not in options:
        raise LedgerRefused(key, f"must be one of {', '.join(options)}")
    return value


def _date(data: Mapping[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise LedgerRefused(key, "must be a date written YYYY-MM-DD, such as 2026-03-01") from error


def _revision(data: Mapping[str, Any]) -> int:
    value = data.get("revision", 1)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise LedgerRefused("revision", "must be a whole number, 1 or more")
    return int(value)


def _estimate(block: object, rules: RuleSet) -> tuple[Compute, Decimal]:
    """The compute document through the engine's parser and estimator."""
    if not isinstance(block, Mapping):
        raise LedgerRefused("compute", "is required: an object with method and figures")
    try:
        compute = parse_compute(block, rules, path="compute")
    except AnswersError as error:
        problem = error.problems[0]
        raise LedgerRefused(problem.path, problem.message) from error
    for name in ("flop", "parameters", "tokens"):
        value = getattr(compute, name)
        if value is not None:
            _plausible(value, f"compute.{name}", rules)
    flop = estimators.estimate(compute, rules)
    return compute, _plausible(flop, "compute", rules)


def _content_sha256(content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def ledger_entry_put(
    *,
    model: RegisteredModel,
    key: str,
    data: Mapping[str, Any],
    source: str,
    user: User | None = None,
    today: date | None = None,
    origin: Origin | None = None,
    actor_name: str = "",
    audit_detail: Mapping[str, Any] | None = None,
) -> tuple[LedgerEntry, str]:
    """File or update the entry ``key`` of the model's ledger: ``(entry, outcome)``, the
    outcome ``created``, ``updated`` or ``unchanged``.

    A write is one audit event: filed through the API (``source`` ``api``; ``actor_name``
    names the token, ``audit_detail`` adds to the event), or created or updated by a person.

    The same key and revision with the same content changes nothing (a retried request);
    with other content, or a lower revision than stored, it is refused with status 409.
    After a write, the threshold events it causes are recorded and told."""
    rules = load()
    if not isinstance(key, str) or not key.strip() or len(key.strip()) > KEY_MAX:
        raise LedgerRefused("key", f"is required: 1 to {KEY_MAX} characters")
    key = key.strip()
    if source not in LedgerEntry.Source.values:
        raise LedgerRefused("source", f"must be one of {', '.join(LedgerEntry.Source.values)}")
    if not isinstance(data, Mapping):
        raise LedgerRefused("data", "must be an object")
    kind = _choice(data, "kind", LedgerEntry.Kind.values)
    status = _choice(data, "status", LedgerEntry.Status.values)
    revision = _revision(data)
    started_on = _date(data, "started_on")
    ended_on = _date(data, "ended_on")
    if started_on and ended_on and ended_on < started_on:
        raise LedgerRefused("ended_on", "must be on or after started_on")
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise LedgerRefused("description", "must be text")
    _, flop = _estimate(data.get("compute"), rules)
    compute_document = json.loads(json.dumps(data["compute"], default=str))
    content = {
        "kind": kind,
        "status": status,
        "started_on": started_on.isoformat() if started_on else None,
        "ended_on": ended_on.isoformat() if ended_on else None,
        "compute": compute_document,
        "description": description.strip(),
    }
    sha = _content_sha256(content)
    today = today or timezone.localdate()
    with transaction.atomic():
        RegisteredModel.objects.select_for_update().get(pk=model.pk)
        entry = LedgerEntry.objects.filter(model=model, key=key).first()
        if entry is not None:
            if revision == entry.revision:
                if entry.content_sha256 == sha:
                    return entry, "unchanged"
                raise LedgerRefused(
                    "revision",
                    f"revision {revision} of {key!r} was filed with other content: "
                    "file the change as a higher revision",
                    409,
                )
            if revision < entry.revision:
                raise LedgerRefused(
                    "revision",
                    f"{key!r} is at revision {entry.revision} already: file a higher one",
                    409,
                )
            outcome = "updated"
        else:
            entry = LedgerEntry(organisation=model.organisation, model=model, key=key)
            entry.created_by = user
            outcome = "created"
        entry.revision = revision
        entry.content_sha256 = sha
        entry.kind = kind
        entry.status = status
        entry.source = source
        entry.started_on = started_on
        entry.ended_on = ended_on
        entry.compute = compute_document
        entry.flop = to_text(flop)
        entry.description = description.strip()
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError as error:  # pragma: no cover - the row lock prevents it
            raise LedgerRefused("key", "was filed at the same moment; retry", 409) from error
        if source == LedgerEntry.Source.API:
            action = Action.API_LEDGER_ENTRY_FILED
        elif outcome == "created":
            action = Action.LEDGER_ENTRY_CREATED
        else:
            action = Action.LEDGER_ENTRY_UPDATED
        audit_log(
            action=action,
            origin=origin,
            actor=user,
            actor_name=actor_name,
            organisation=model.organisation,
            object_id=str(entry.public_id),
            detail={
                "model": str(model.public_id),
                "key": key,
                "revision": revision,
                "outcome": outcome,
                "kind": kind,
                "status": status,
                "source": source,
                "flop": entry.flop,
                **(audit_detail or {}),
            },
        )
        _record_with_descendants(
            model=model, today=today, user=user, origin=origin, actor_name=actor_name
        )
    return entry, outcome


# ------------------------------------------------------------------ thresholds


def notification_deadline(known_on: date, rules: RuleSet | None = None) -> date:
    """The Art. 52(1) deadline: the rule set's notification days after it became known."""
    return known_on + timedelta(days=(rules or load()).notification_days)


def recipients_of(organisation: Organisation) -> list[User]:
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation=organisation,
            role__in=(Membership.Role.ADMIN, Membership.Role.ATTESTER),
        ).select_related("user")
    ]


def _record_with_descendants(
    *,
    model: RegisteredModel,
    today: date,
    user: User | None,
    origin: Origin | None,
    actor_name: str = "",
) -> None:
    """Record the threshold events of the model, and of every model of the register that
    descends from it and counts its compute (all but distillations): a parent's run adds
    to its children's cumulative compute, so it can make a child cross."""
    seen = {model.pk}
    frontier = [model]
    while frontier:
        for current in frontier:
            threshold_events_record(
                model=current, today=today, user=user, origin=origin, actor_name=actor_name
            )
        counted = (
            ModelLineage.objects.filter(parent__in=[current.pk for current in frontier])
            .exclude(kind=ModelLineage.Kind.DISTILLED_FROM)
            .exclude(model_id__in=seen)
            .values("model_id")
        )
        children = RegisteredModel.objects.filter(pk__in=counted).select_related("organisation")
        frontier = list(children)
        seen |= {child.pk for child in frontier}


def threshold_events_record(
    *,
    model: RegisteredModel,
    today: date,
    user: User | None = None,
    origin: Origin | None = None,
    totals: Totals | None = None,
    actor_name: str = "",
) -> list[ThresholdEvent]:
    """Record, once each, the warnings and crossings the model's planned and actual compute
    reach now, and tell the organisation's administrators and attesters. A crossing is
    dated ``today``: the day it became known (Art. 52(1))."""
    totals = totals or model_totals(model)
    existing = set(
        ThresholdEvent.objects.filter(model=model).values_list("threshold", "kind", "planned")
    )
    new: list[ThresholdEvent] = []
    for threshold in totals.thresholds:
        if threshold.key not in WATCHED_THRESHOLDS:
            continue
        for planned in (True, False):
            figure = threshold.planned if planned else threshold.actual
            reached = {
                ThresholdEvent.Kind.WARNING: (
                    threshold.warned_planned if planned else threshold.warned_actual
                ),
                ThresholdEvent.Kind.CROSSED: (
                    threshold.crossed_planned if planned else threshold.crossed_actual
                ),
            }
            for kind, is_reached in reached.items():
                if is_reached and (threshold.key, kind, planned) not in existing:
                    new.append(
                        ThresholdEvent.objects.create(
                            model=model,
                            threshold=threshold.key,
                            kind=kind,
                            planned=planned,
                            known_on=today,
                            flop=to_text(figure),
                        )
                    )
    if not new:
        return new
    for event in new:
        audit_log(
            action=Action.THRESHOLD_EVENT_RECORDED,
            origin=origin,
            actor=user,
            actor_name=actor_name,
            organisation=model.organisation,
            object_id=str(model.public_id),
            detail={
                "threshold": event.threshold,
                "kind": event.kind,
                "planned": event.planned,
                "flop": event.flop,
                "known_on": event.known_on.isoformat(),
            },
        )
    _tell(model=model, events=new, totals=totals)
    return new


def _tell(*, model: RegisteredModel, events: list[ThresholdEvent], totals: Totals) -> None:
    crossed = [event for event in events if event.kind == ThresholdEvent.Kind.CROSSED]
    subject = (
        f"{model.name}: a compute threshold is crossed"
        if crossed
        else f"{model.name}: compute nears a threshold"
    )
    lines = [f"The compute ledger of {model.name} ({model.organisation.name}) records:", ""]
    for event in events:
        threshold = totals.threshold(event.threshold)
        limit = format_flop(threshold.flop) if threshold else ""
        figure = "planned" if event.planned else "actual"
        verb = "crosses" if event.kind == ThresholdEvent.Kind.CROSSED else "reaches the warning of"
        lines.append(
            f"- its {figure} compute, {format_flop(parse_number(event.flop))} FLOP, {verb} "
            f"{THRESHOLD_NAMES[event.threshold]} ({limit} FLOP), known on "
            f"{event.known_on.isoformat()}."
        )
        if event.kind == ThresholdEvent.Kind.CROSSED and event.threshold == "systemic_risk":
            lines.append(
                "  The Commission must be notified without delay and at the latest by "
                f"{notification_deadline(event.known_on).isoformat()} (Art. 52(1))."
            )
    path = reverse("model_detail", args=[model.public_id])
    lines += ["", f"Open the model: {path}"]
    notify(
        organisation=model.organisation,
        recipients=recipients_of(model.organisation),
        kind="ledger.threshold",
        subject=subject,
        body="\n".join(lines),
    )
