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
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from questionnaire.audit import Action, Origin, audit_log
from questionnaire.i18n.answers import quoted
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
from questionnaire.presentation import superscript_exponents
from questionnaire.scoring import AnswersError, RuleSet, load
from questionnaire.scoring import compute as estimators
from questionnaire.scoring.answers import Compute, parse_compute
from questionnaire.scoring.numbers import (
    NumberError,
    format_flop,
    format_human_local,
    parse_number,
    to_text,
)
from questionnaire.scoring.texts import format_date

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
    "gpai": gettext_lazy("the general-purpose AI model threshold of training compute"),
    "systemic_risk": gettext_lazy("the systemic-risk threshold of cumulative compute"),
    "modification": gettext_lazy(
        "one third of the original model's compute (a modifier becomes its provider)"
    ),
}


class Typed(str):
    """A param of a ``LedgerRefused`` that is text a person typed: quoted in the message as
    the language quotes (English as the API does, Python's ``repr``)."""

    def quoted(self, language: str) -> str:
        return quoted(str(self), language)


class LedgerRefused(Exception):
    """Input the ledger refuses: ``field`` names it as a key path (``compute.parameters``,
    ``revision``), ``message`` says why, ``status`` is the HTTP status an API answers with
    (400 bad input, 409 a replayed key or revision with other content).

    ``message`` stays English (the JSON API answers in English); ``text()`` is the message
    in the active language, for pages. ``message`` is a catalogue msgid (``gettext_noop``)
    with ``%(name)s`` placeholders filled from ``params``; a ``Decimal`` param is a FLOP
    figure, written in the language's notation, and a ``Typed`` one is quoted as the
    language quotes."""

    def __init__(
        self,
        field: str,
        message: str,
        status: int = 400,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.template = message
        self.params = dict(params or {})
        self.message = self._filled(message, "en")
        super().__init__(f"{field}: {self.message}")
        self.field = field
        self.status = status

    def _filled(self, template: str, language: str) -> str:
        if not self.params:
            return template
        values = {name: _param_text(value, language) for name, value in self.params.items()}
        return template % values

    def text(self) -> str:
        """The message in the active language."""
        return self._filled(_(self.template), translation.get_language() or "en")

    @classmethod
    def of_number(cls, field: str, error: ValueError) -> LedgerRefused:
        """The refusal of a figure the number parser cannot read: its message in the
        reader's language on a page (the typed text in the language's quotes), the parser's
        English one for the API."""
        if not isinstance(error, NumberError):
            return cls(field, str(error))
        params: dict[str, object] = dict(error.params)
        if error.typed is not None:
            params["text"] = Typed(error.typed)
        return cls(field, error.template, params=params)


def _param_text(value: object, language: str) -> object:
    if isinstance(value, Decimal):
        return flop_text(value, language)
    if isinstance(value, Typed):
        return value.quoted(language)
    return value


def flop_text(value: Decimal, language: str) -> str:
    """A FLOP figure as the language writes it (English: the canonical notation)."""
    if language == "en":
        return format_flop(value)
    return superscript_exponents(format_human_local(value, language))


def day_text(day: date, language: str) -> str:
    """A date as the language writes it (English: ISO 8601, as ever)."""
    return day.isoformat() if language == "en" else format_date(day, language)


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
        raise LedgerRefused("name", gettext_noop("is required: the model's name"))
    if len(name) > NAME_MAX:
        raise LedgerRefused(
            "name", gettext_noop("must be at most %(count)s characters"), params={"count": NAME_MAX}
        )
    if (
        user is not None
        and not Membership.objects.filter(organisation=organisation, user=user).exists()
    ):
        raise LedgerRefused(
            "organisation", gettext_noop("you are not a member of this organisation"), 403
        )
    if RegisteredModel.objects.filter(organisation=organisation, name=name).exists():
        raise LedgerRefused(
            "name", gettext_noop("the organisation has a model of this name already"), 409
        )
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
        raise LedgerRefused("label", gettext_noop("is required: the version's label"))
    if len(label) > VERSION_LABEL_MAX:
        raise LedgerRefused(
            "label",
            gettext_noop("must be at most %(count)s characters"),
            params={"count": VERSION_LABEL_MAX},
        )
    if ModelVersion.objects.filter(model=model, label=label).exists():
        raise LedgerRefused(
            "label", gettext_noop("the model has a version of this label already"), 409
        )
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
        raise LedgerRefused(
            "kind",
            gettext_noop("must be one of %(options)s"),
            params={"options": ", ".join(ModelLineage.Kind.values)},
        )
    if parent is not None:
        if parent.organisation_id != model.organisation_id:
            raise LedgerRefused(
                "parent", gettext_noop("must be a model of the same organisation"), 404
            )
        if parent.pk == model.pk:
            raise LedgerRefused("parent", gettext_noop("a model cannot descend from itself"))
        if _descends_from(parent, model):
            raise LedgerRefused(
                "parent",
                gettext_noop("%(parent)s descends from %(model)s: lineage cannot loop"),
                params={"parent": parent.name, "model": model.name},
            )
    elif not external_name.strip():
        raise LedgerRefused(
            "external_name", gettext_noop("is required: name the model, or choose a parent")
        )
    elif len(external_name.strip()) > EXTERNAL_MAX or len(external_provider.strip()) > EXTERNAL_MAX:
        field = (
            "external_name" if len(external_name.strip()) > EXTERNAL_MAX else "external_provider"
        )
        raise LedgerRefused(
            field,
            gettext_noop("must be at most %(count)s characters"),
            params={"count": EXTERNAL_MAX},
        )
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
        raise LedgerRefused.of_number(field, error) from error
    if number <= 0:
        raise LedgerRefused(field, gettext_noop("must be a positive number"))
    return number


def _plausible(number: Decimal, field: str, rules: RuleSet | None = None) -> Decimal:
    limit = (rules or load()).ledger_implausible_flop
    if limit is not None and number > limit:
        raise LedgerRefused(
            field,
            gettext_noop("is implausibly large (above %(limit)s FLOP): a typing accident?"),
            params={"limit": limit},
        )
    return number


def _choice(data: Mapping[str, Any], key: str, options: Iterable[str]) -> str:
    value = data.get(key)
    options = tuple(options)
    if not isinstance(value, str) or value not in options:
        raise LedgerRefused(
            key, gettext_noop("must be one of %(options)s"), params={"options": ", ".join(options)}
        )
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
        raise LedgerRefused(
            key, gettext_noop("must be a date written YYYY-MM-DD, such as 2026-03-01")
        ) from error


def _revision(data: Mapping[str, Any]) -> int:
    value = data.get("revision", 1)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise LedgerRefused("revision", gettext_noop("must be a whole number, 1 or more"))
    return int(value)


def _estimate(block: object, rules: RuleSet) -> tuple[Compute, Decimal]:
    """The compute document through the engine's parser and estimator."""
    if not isinstance(block, Mapping):
        raise LedgerRefused(
            "compute", gettext_noop("is required: an object with method and figures")
        )
    try:
        compute = parse_compute(block, rules, path="compute")
    except AnswersError as error:
        problem = error.problems[0]
        if problem.number_error is not None:
            raise LedgerRefused.of_number(problem.path, problem.number_error) from error
        # The contract's message, said in the page's language by ``text()``.
        raise LedgerRefused(
            problem.path, problem.template or problem.message, params=dict(problem.params)
        ) from error
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
        raise LedgerRefused(
            "key", gettext_noop("is required: 1 to %(count)s characters"), params={"count": KEY_MAX}
        )
    key = key.strip()
    if source not in LedgerEntry.Source.values:
        raise LedgerRefused(
            "source",
            gettext_noop("must be one of %(options)s"),
            params={"options": ", ".join(LedgerEntry.Source.values)},
        )
    if not isinstance(data, Mapping):
        raise LedgerRefused("data", gettext_noop("must be an object"))
    kind = _choice(data, "kind", LedgerEntry.Kind.values)
    status = _choice(data, "status", LedgerEntry.Status.values)
    revision = _revision(data)
    started_on = _date(data, "started_on")
    ended_on = _date(data, "ended_on")
    if started_on and ended_on and ended_on < started_on:
        raise LedgerRefused("ended_on", gettext_noop("must be on or after started_on"))
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise LedgerRefused("description", gettext_noop("must be text"))
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
                    gettext_noop(
                        "revision %(revision)s of %(key)s was filed with other content: "
                        "file the change as a higher revision"
                    ),
                    409,
                    params={"revision": revision, "key": repr(key)},
                )
            if revision < entry.revision:
                raise LedgerRefused(
                    "revision",
                    gettext_noop("%(key)s is at revision %(revision)s already: file a higher one"),
                    409,
                    params={"revision": entry.revision, "key": repr(key)},
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
            raise LedgerRefused(
                "key", gettext_noop("was filed at the same moment; retry"), 409
            ) from error
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
    path = reverse("model_detail", args=[model.public_id])

    def render() -> tuple[str, str]:
        """Subject and body in the active language (that of each recipient)."""
        language = translation.get_language() or "en"
        names = {"model": model.name, "organisation": model.organisation.name}
        subject = (
            _("%(model)s: a compute threshold is crossed")
            if crossed
            else _("%(model)s: compute nears a threshold")
        ) % names
        lines = [_("The compute ledger of %(model)s (%(organisation)s) records:") % names, ""]
        for event in events:
            threshold = totals.threshold(event.threshold)
            values = {
                "flop": flop_text(parse_number(event.flop), language),
                "threshold": THRESHOLD_NAMES[event.threshold],
                "limit": flop_text(threshold.flop, language) if threshold else "",
                "day": day_text(event.known_on, language),
            }
            if event.kind == ThresholdEvent.Kind.CROSSED:
                line = (
                    _(
                        "- its planned compute, %(flop)s FLOP, crosses %(threshold)s "
                        "(%(limit)s FLOP), known on %(day)s."
                    )
                    if event.planned
                    else _(
                        "- its actual compute, %(flop)s FLOP, crosses %(threshold)s "
                        "(%(limit)s FLOP), known on %(day)s."
                    )
                )
            else:
                line = (
                    _(
                        "- its planned compute, %(flop)s FLOP, reaches the warning of "
                        "%(threshold)s (%(limit)s FLOP), known on %(day)s."
                    )
                    if event.planned
                    else _(
                        "- its actual compute, %(flop)s FLOP, reaches the warning of "
                        "%(threshold)s (%(limit)s FLOP), known on %(day)s."
                    )
                )
            lines.append(line % values)
            if event.kind == ThresholdEvent.Kind.CROSSED and event.threshold == "systemic_risk":
                due = day_text(notification_deadline(event.known_on), language)
                lines.append(
                    "  "
                    + _(
                        "The Commission must be notified without delay and at the latest by "
                        "%(due)s (Art. 52(1))."
                    )
                    % {"due": due}
                )
        lines += ["", _("Open the model: %(path)s") % {"path": path}]
        return subject, "\n".join(lines)

    notify(
        organisation=model.organisation,
        recipients=recipients_of(model.organisation),
        kind="ledger.threshold",
        render=render,
    )
