"""Reads of the model register and its compute ledger, scoped to the organisation.

``model_totals`` adds a model's ledger and lineage up following the rules (spec §2, §5,
§10.6); every threshold, margin and fraction comes from the default rule set."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from questionnaire import presentation
from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    LedgerEntry,
    Membership,
    ModelLineage,
    Organisation,
    RegisteredModel,
    ThresholdEvent,
)
from questionnaire.scoring import RuleSet, load
from questionnaire.scoring import compute as estimators
from questionnaire.scoring.numbers import parse_number, to_text

__all__ = [
    "CUMULATIVE_ONLY_KINDS",
    "Threshold",
    "Totals",
    "TimelineItem",
    "ledger_entries_of",
    "ledger_entry_get",
    "model_timeline",
    "threshold_notices_for",
    "model_totals",
    "registered_model_for_organisation",
    "registered_model_get",
    "registered_models_for",
    "threshold_events_of",
]

Kind = LedgerEntry.Kind
Lineage = ModelLineage.Kind

CUMULATIVE_ONLY_KINDS = frozenset({Kind.SYNTHETIC_DATA, Kind.INHERITED})
"""Non-public synthetic data and other inherited weights count towards cumulative compute
only (spec §2, §10.6); every other kind of entry is a run that updates the model's weights."""

ACTUAL_STATUSES = frozenset({LedgerEntry.Status.RUNNING, LedgerEntry.Status.FINISHED})


def registered_models_for(*, user: User) -> QuerySet[RegisteredModel]:
    """The models of every organisation the user belongs to."""
    if not user.is_authenticated:
        return RegisteredModel.objects.none()
    return RegisteredModel.objects.filter(organisation__memberships__user=user).select_related(
        "organisation"
    )


def registered_model_get(*, user: User, public_id: Any) -> RegisteredModel:
    """One model of the user's organisations; 404 for anyone else's (or a malformed id)."""
    try:
        return registered_models_for(user=user).get(public_id=public_id)
    except (RegisteredModel.DoesNotExist, ValidationError, ValueError) as error:
        raise Http404("No such model.") from error


def registered_model_for_organisation(
    *, organisation: Organisation, public_id: Any
) -> RegisteredModel | None:
    """The organisation's model with this public id, or None (the API knows the
    organisation from its token)."""
    try:
        return RegisteredModel.objects.filter(
            organisation=organisation, public_id=public_id
        ).first()
    except (ValidationError, ValueError):
        return None


def ledger_entries_of(*, model: RegisteredModel) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(model=model).order_by("started_on", "created_at", "id")


def ledger_entry_get(*, model: RegisteredModel, public_id: Any) -> LedgerEntry:
    """One entry of the model's ledger; 404 for any other."""
    try:
        return ledger_entries_of(model=model).get(public_id=public_id)
    except (LedgerEntry.DoesNotExist, ValidationError, ValueError) as error:
        raise Http404("No such ledger entry.") from error


def threshold_notices_for(*, user: User) -> QuerySet[ThresholdEvent]:
    """Threshold events of the models of organisations the user administers or attests
    for, newest first: the dashboard's notices."""
    if not user.is_authenticated:
        return ThresholdEvent.objects.none()
    organisations = Membership.objects.filter(
        user=user, role__in=(Membership.Role.ADMIN, Membership.Role.ATTESTER)
    ).values("organisation")
    return (
        ThresholdEvent.objects.filter(model__organisation__in=organisations)
        .select_related("model")
        .order_by("-known_on", "-id")
    )


@dataclass(frozen=True, slots=True)
class TimelineItem:
    on: Any
    """A date or a datetime."""
    what: str
    detail: str
    url_name: str = ""
    public_id: str = ""


THRESHOLD_LABELS = {
    "gpai": gettext_noop("gpai"),
    "systemic_risk": gettext_noop("systemic risk"),
    "modification": gettext_noop("modification"),
}
"""A threshold's name on the timeline (English: its key with spaces)."""


def model_timeline(*, model: RegisteredModel) -> list[TimelineItem]:
    """The model's versions, assessments, signed records and threshold events, by date, in
    the active language (English: classifications and figures as they are stored)."""
    language = presentation.page_language()

    def classification(value: str) -> str:
        if language == "en":
            return value.replace("_", " ")
        return presentation.classification_label(value, language)

    items: list[TimelineItem] = []
    for version in model.versions.all():
        if version.released_on:
            items.append(TimelineItem(version.released_on, _("Version released"), version.label))
    for assessment in Assessment.objects.filter(registered_model=model):
        items.append(
            TimelineItem(
                assessment.created_at.date(),
                _("Assessment"),
                classification(assessment.classification),
                "assessment_detail",
                str(assessment.public_id),
            )
        )
    for record in AssessmentRecord.objects.filter(assessment__registered_model=model):
        items.append(
            TimelineItem(
                record.created_at.date(),
                _("Signed record"),
                _("Record %(sequence)s: %(classification)s")
                % {
                    "sequence": record.sequence,
                    "classification": classification(record.classification),
                },
                "record_detail",
                str(record.public_id),
            )
        )
    for event in threshold_events_of(model=model):
        values = {
            "threshold": event.threshold.replace("_", " ")
            if language == "en"
            else _(THRESHOLD_LABELS.get(event.threshold, event.threshold)),
            "flop": presentation.flop_text(event.flop, language),
        }
        items.append(
            TimelineItem(
                event.known_on,
                _("Threshold crossed")
                if event.kind == ThresholdEvent.Kind.CROSSED
                else _("Warning"),
                (
                    _("%(threshold)s (planned compute, %(flop)s)")
                    if event.planned
                    else _("%(threshold)s (actual compute, %(flop)s)")
                )
                % values,
            )
        )
    return sorted(items, key=lambda item: str(item.on))


def threshold_events_of(*, model: RegisteredModel) -> QuerySet[ThresholdEvent]:
    return ThresholdEvent.objects.filter(model=model).order_by("known_on", "id")


@dataclass(frozen=True, slots=True)
class Threshold:
    """One threshold a model's compute is measured against."""

    key: str
    """``gpai`` (training compute), ``systemic_risk`` (cumulative), ``modification``."""
    measure: str
    """Which total it is compared with: ``training`` or ``cumulative``."""
    flop: Decimal
    actual: Decimal
    planned: Decimal
    warning_flop: Decimal | None
    band_low: Decimal
    band_high: Decimal

    @property
    def crossed_actual(self) -> bool:
        return self.actual > self.flop

    @property
    def crossed_planned(self) -> bool:
        return self.planned > self.flop

    @property
    def warned_actual(self) -> bool:
        return self.warning_flop is not None and self.actual >= self.warning_flop

    @property
    def warned_planned(self) -> bool:
        return self.warning_flop is not None and self.planned >= self.warning_flop

    @property
    def borderline(self) -> bool:
        """The threshold lies within the rule set's margin of the planned figure."""
        return self.planned > 0 and estimators.within_margin(self.flop, self.planned, load())

    def as_document(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "measure": self.measure,
            "flop": to_text(self.flop),
            "warning_flop": None if self.warning_flop is None else to_text(self.warning_flop),
            "band": {"low": to_text(self.band_low), "high": to_text(self.band_high)},
            "actual": {"reached": self.warned_actual, "crossed": self.crossed_actual},
            "planned": {"reached": self.warned_planned, "crossed": self.crossed_planned},
            "borderline": self.borderline,
        }


@dataclass(frozen=True, slots=True)
class Totals:
    """A model's training and cumulative compute, actual (running and finished entries) and
    planned (every entry, planned ones too), and the thresholds they are measured against."""

    ruleset: str
    training_actual: Decimal
    training_planned: Decimal
    cumulative_actual: Decimal
    cumulative_planned: Decimal
    modification: bool
    """Fine-tuned from another provider's model: the one-third test applies."""
    original_flop: Decimal | None
    original_systemic_risk: bool
    margin: Decimal
    warning_fraction: Decimal | None
    thresholds: tuple[Threshold, ...]

    def threshold(self, key: str) -> Threshold | None:
        return next((item for item in self.thresholds if item.key == key), None)

    def as_document(self) -> dict[str, Any]:
        return {
            "ruleset": self.ruleset,
            "training": {
                "actual": to_text(self.training_actual),
                "planned": to_text(self.training_planned),
            },
            "cumulative": {
                "actual": to_text(self.cumulative_actual),
                "planned": to_text(self.cumulative_planned),
            },
            "modification": self.modification,
            "original_flop": None if self.original_flop is None else to_text(self.original_flop),
            "original_systemic_risk": self.original_systemic_risk,
            "margin": to_text(self.margin),
            "warning_fraction": (
                None if self.warning_fraction is None else to_text(self.warning_fraction)
            ),
            "thresholds": [item.as_document() for item in self.thresholds],
        }


@dataclass(frozen=True, slots=True)
class _Sums:
    training_actual: Decimal
    training_planned: Decimal
    cumulative_actual: Decimal
    cumulative_planned: Decimal
    original_flop: Decimal | None = None
    original_systemic_risk: bool = False
    modification: bool = False


def _flop(text: str) -> Decimal:
    try:
        return parse_number(text) if text else Decimal(0)
    except ValueError:
        return Decimal(0)


def _own_entries(entries: QuerySet[LedgerEntry]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    training_actual = training_planned = cumulative_actual = cumulative_planned = Decimal(0)
    for entry in entries:
        flop = _flop(entry.flop)
        actual = entry.status in ACTUAL_STATUSES
        cumulative_planned += flop
        if actual:
            cumulative_actual += flop
        if entry.kind not in CUMULATIVE_ONLY_KINDS:
            training_planned += flop
            if actual:
                training_actual += flop
    return training_actual, training_planned, cumulative_actual, cumulative_planned


def _sums(model: RegisteredModel, seen: frozenset[int]) -> _Sums:
    """Own entries plus lineage. A register parent is the organisation's own model: what it
    was initialised or fine-tuned from continues its lifecycle (training and cumulative,
    §10.6). Merged weights and external weights count towards cumulative only; another
    provider's model fine-tuned makes a modification (§5) whose original's compute counts
    towards cumulative; a distillation parent counts nothing (§2)."""
    t_act, t_plan, c_act, c_plan = _own_entries(ledger_entries_of(model=model))
    original: Decimal | None = None
    original_sr = False
    modification = False
    for link in model.lineage.select_related("parent").all():
        if link.kind == Lineage.DISTILLED_FROM:
            continue
        if link.parent is not None:
            if link.parent_id in seen:  # a cycle typed by mistake counts once
                continue
            parent = _sums(link.parent, seen | {link.parent.pk})
            if link.kind in (Lineage.INITIALISED_FROM, Lineage.FINE_TUNED_FROM):
                t_act += parent.training_actual
                t_plan += parent.training_planned
            c_act += parent.cumulative_actual
            c_plan += parent.cumulative_planned
            continue
        known = _flop(link.external_flop) if link.external_flop else None
        own = not link.external_provider.strip()
        if link.kind == Lineage.FINE_TUNED_FROM and not own:
            modification = True
            original_sr = original_sr or link.external_systemic_risk
            if known is not None:
                original = (original or Decimal(0)) + known
        elif own and link.kind in (Lineage.INITIALISED_FROM, Lineage.FINE_TUNED_FROM):
            t_act += known or 0
            t_plan += known or 0
        c_act += known or 0
        c_plan += known or 0
    return _Sums(t_act, t_plan, c_act, c_plan, original, original_sr, modification)


def model_totals(model: RegisteredModel, rules: RuleSet | None = None) -> Totals:
    """The model's totals under the default rule set (or ``rules``)."""
    rules = rules or load()
    sums = _sums(model, frozenset({model.pk}))
    margin = rules.estimate_margin
    fraction = rules.ledger_warning_fraction

    def threshold(key: str, measure: str, flop: Decimal) -> Threshold:
        training = measure == "training"
        return Threshold(
            key=key,
            measure=measure,
            flop=flop,
            actual=sums.training_actual if training else sums.cumulative_actual,
            planned=sums.training_planned if training else sums.cumulative_planned,
            warning_flop=None if fraction is None else flop * fraction,
            band_low=flop * (1 - margin),
            band_high=flop * (1 + margin),
        )

    thresholds = [
        threshold("gpai", "training", rules.gpai_training_flop),
        threshold("systemic_risk", "cumulative", rules.systemic_risk_cumulative_flop),
    ]
    if sums.modification:
        base = sums.original_flop
        if base is None:
            base = (
                rules.systemic_risk_cumulative_flop
                if sums.original_systemic_risk
                else rules.gpai_training_flop
            )
        third = base * rules.modification_numerator / rules.modification_denominator
        thresholds.append(threshold("modification", "training", third))
    return Totals(
        ruleset=rules.id,
        training_actual=sums.training_actual,
        training_planned=sums.training_planned,
        cumulative_actual=sums.cumulative_actual,
        cumulative_planned=sums.cumulative_planned,
        modification=sums.modification,
        original_flop=sums.original_flop,
        original_systemic_risk=sums.original_systemic_risk,
        margin=margin,
        warning_fraction=fraction,
        thresholds=tuple(thresholds),
    )
