"""The wizard's forms, one per step.

Field names and choice values are logic: they map onto the answers contract
(shared/spec/assess-json.md) in ``questionnaire.answers_builder``. The words a person reads
(labels, help texts, choice labels) come from the ``Question`` table, so admins can edit
them; each field names its question key in ``question_keys``.

"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from questionnaire.models import AssessmentRecord
from questionnaire.records.payload import ATTESTATION_STATEMENT
from questionnaire.scoring import load, vocabulary
from questionnaire.scoring.answers import MODEL_NAME_LENGTH
from questionnaire.scoring.vocabulary import (
    OPEN_SOURCE_CONDITIONS,
    BusinessUsersScope,
    Generality,
    HighImpact,
    Method,
    Output,
    Placement,
    Role,
)
from questionnaire.wizard.fields import (
    CUSTOM_PEAK,
    QuantityField,
    YesNoField,
    accelerator_choices,
    date_field,
)
from questionnaire.wizard.steps import MODIFIER_VARIANT, Scope
from questionnaire.wording import date_in_words


def _choice(member: StrEnum) -> tuple[str, str]:
    """A choice whose label is its value until the Question table's wording replaces it."""
    return (member.value, member.value)


def _choices(enumeration: type[StrEnum]) -> list[tuple[str, str]]:
    return [_choice(member) for member in enumeration]


PERIOD_ROWS = 4
PERIOD_PARTS = ("chips", "hours", "accelerator", "peak_flops", "utilisation")


class WordedForm(forms.Form):
    """A step form whose wording comes from the Question table.

    Built with the ``scope`` of the answers (role, placement, upstream exclusion), a form
    leaves out the questions that do not concern the party (``omitted``) and takes the words
    of its wording variant where it has one (``variant_keys``: a modifier's compute questions
    are separate questions, ``compute.flop.modifier``, with their own admin-editable words).
    Without a scope it has every field and the common words.
    """

    question_keys: ClassVar[dict[str, str]] = {}
    """Field name → question key, where they differ."""
    variant_keys: ClassVar[dict[str, dict[str, str]]] = {}
    """Wording variant → field name → the question key whose words that variant shows."""
    follow_ups: ClassVar[dict[str, tuple[str, str]]] = {}
    """Field name → (the field of this step it follows, the choice value that asks it): the
    answer counts, and is checked, only after that choice; the page shows it right below."""
    required_message = "Answer this question to continue."
    # The server decides what is required (often from another answer of the step), and says
    # so in words next to the field; the browser's own checks would pre-empt that.
    use_required_attribute = False

    def __init__(
        self,
        *args: Any,
        wording: Mapping[str, Mapping[str, Any]] | None = None,
        scope: Scope | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.variant = scope.wording_variant if scope is not None else None
        if scope is not None:
            for name in self.omitted(scope):
                self.fields.pop(name, None)
        wording = wording or {}
        for name, field in self.fields.items():
            key = self.shown_key(name)
            words = wording.get(key)
            field.error_messages["required"] = self.required_message
            if words is None:
                field.label = field.label or key
                continue
            field.label = words["label"] + self.label_suffix_for(name)
            field.help_text = words["help_text"]
            labels = words.get("choice_labels") or {}
            if labels and hasattr(field, "choices"):
                field.choices = [
                    (value, labels.get(str(value), text)) for value, text in field.choices
                ]

    @classmethod
    def question_key(cls, name: str) -> str:
        return cls.question_keys.get(name, name)

    @classmethod
    def omitted(cls, scope: Scope) -> set[str]:
        """The fields that do not concern a party with this scope."""
        return set()

    def shown_key(self, name: str) -> str:
        """The key of the question whose words this form shows for field ``name``."""
        variant = self.variant_keys.get(self.variant or "", {})
        return variant.get(name) or self.question_key(name)

    def label_suffix_for(self, name: str) -> str:
        return ""

    def rows(self) -> list[dict[str, Any]]:
        """The fields in order, each with the choice it follows, for the step's template:
        ``{"field", "follows", "follows_value"}`` (``follows`` empty for a plain question)."""
        rows = []
        for name in self.fields:
            follows, value = self.follow_ups.get(name, ("", ""))
            rows.append(
                {
                    "field": self[name],
                    "follows": self.add_prefix(follows) if follows in self.fields else "",
                    "follows_value": value,
                }
            )
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, (follows, value) in self.follow_ups.items():
            if name in self.fields and _as_choice(cleaned.get(follows)) != value:
                # Not asked after the answer given: what was typed is kept in the draft but
                # is neither checked nor counted.
                self.errors.pop(name, None)
                cleaned[name] = None
        return cleaned

    def require(self, *names: str) -> None:
        """Mark answers required by an earlier answer of this step."""
        for name in names:
            if self.cleaned_data.get(name) in (None, "", []) and name not in self.errors:
                self.add_error(name, ValidationError(self.required_message, code="required"))


def _as_choice(value: Any) -> str:
    """A cleaned answer as the choice value it was given as (``True`` is ``yes``)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


class ModelRoleForm(WordedForm):
    model_name = forms.CharField(max_length=MODEL_NAME_LENGTH)
    role = forms.ChoiceField(
        choices=_choices(Role),
        widget=forms.RadioSelect,
    )


class UpstreamForm(WordedForm):
    upstream_excluded_eu = YesNoField(required=True)


class MarketForm(WordedForm):
    placement = forms.ChoiceField(
        choices=_choices(Placement),
        widget=forms.RadioSelect,
    )
    placed_on = date_field()
    established_in_eu = YesNoField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        placement = cleaned.get("placement")
        if vocabulary.asks_placing_date(placement):
            self.require("placed_on")
        if vocabulary.asks_establishment(placement):
            self.require("established_in_eu")
        return cleaned


class CapabilitiesForm(WordedForm):
    generates = forms.MultipleChoiceField(
        choices=_choices(Output),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    generality = forms.ChoiceField(
        choices=_choices(Generality),
        widget=forms.RadioSelect,
    )


METHODS = _choices(Method)


class ComputeForm(WordedForm):
    question_keys: ClassVar[dict[str, str]] = {
        "method": "compute.method",
        "check_method": "compute.check_method",
        "flop": "compute.flop",
        "mixture_of_experts": "compute.mixture_of_experts",
        "active_parameters": "compute.active_parameters",
        **{
            f"period{row}_{part}": f"compute.periods.{part}"
            for row in range(1, PERIOD_ROWS + 1)
            for part in PERIOD_PARTS
        },
    }

    method = forms.ChoiceField(choices=METHODS, widget=forms.RadioSelect)
    flop = QuantityField()
    parameters = QuantityField()
    training_tokens = QuantityField()
    mixture_of_experts = forms.BooleanField(required=False)
    active_parameters = QuantityField()
    check_method = forms.ChoiceField(
        choices=[("none", "none"), *METHODS], widget=forms.RadioSelect, required=False
    )
    synthetic_data_flop = QuantityField(zero_allowed=True)
    inherited_flop = QuantityField(zero_allowed=True)
    threshold_known_on = date_field()

    @classmethod
    def period_field_names(cls, row: int) -> dict[str, str]:
        return {part: f"period{row}_{part}" for part in PERIOD_PARTS}

    @classmethod
    def omitted(cls, scope: Scope) -> set[str]:
        if vocabulary.asks_inherited_flop(scope.role, scope.upstream_excluded_eu):
            return set()
        return {"inherited_flop"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The explanations stand once, in the first period; later rows repeat only labels.
        for row in range(2, PERIOD_ROWS + 1):
            for name in self.period_field_names(row).values():
                self.fields[name].help_text = ""

    def label_suffix_for(self, name: str) -> str:
        if name.startswith("period"):
            return f" (period {name[6]})"
        return ""

    def period_used(self, row: int) -> bool:
        """Whether anything was typed in this period row (it is then shown open)."""
        return any(
            self[name].value() not in (None, "") for name in self.period_field_names(row).values()
        )

    def period_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "number": row,
                "open": row == 1 or self.period_used(row),
                "fields": [self[name] for name in self.period_field_names(row).values()],
            }
            for row in range(1, PERIOD_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        method = cleaned.get("method")
        check = cleaned.get("check_method") or "none"
        if check != "none" and check == method:
            self.add_error(
                "check_method", "Choose a different method for the cross-check, or none."
            )
        for chosen in (method, check):
            if chosen and chosen != "none":
                self._require_method(chosen, cleaned)
        cleaned["periods"] = self._periods(cleaned, required=Method.HARDWARE in (method, check))
        return cleaned

    def _require_method(self, method: str, cleaned: dict[str, Any]) -> None:
        if method == Method.DIRECT:
            self.require("flop")
        elif method == Method.ARCHITECTURE:
            self.require("parameters", "training_tokens")
            if cleaned.get("mixture_of_experts"):
                self.require("active_parameters")

    def _periods(self, cleaned: dict[str, Any], *, required: bool) -> list[dict[str, Any]]:
        periods = []
        for row in range(1, PERIOD_ROWS + 1):
            names = self.period_field_names(row)
            if all(self[name].value() in (None, "") for name in names.values()):
                continue  # an unused row
            values = {part: cleaned.get(name) for part, name in names.items()}
            self.require(names["chips"], names["hours"], names["utilisation"], names["accelerator"])
            if values["accelerator"] == CUSTOM_PEAK:
                self.require(names["peak_flops"])
            periods.append(values)
        if required and not periods and not any(n.startswith("period1") for n in self.errors):
            self.add_error(
                "period1_chips",
                ValidationError(
                    "Give at least one training period: chips, hours, chip type and utilisation.",
                    code="required",
                ),
            )
        return periods


# The period rows are added in a loop so that their number is one constant.
for _row in range(1, PERIOD_ROWS + 1):
    ComputeForm.base_fields[f"period{_row}_chips"] = QuantityField()
    ComputeForm.base_fields[f"period{_row}_hours"] = QuantityField()
    ComputeForm.base_fields[f"period{_row}_accelerator"] = forms.ChoiceField(
        choices=accelerator_choices, required=False
    )
    ComputeForm.base_fields[f"period{_row}_peak_flops"] = QuantityField()
    ComputeForm.base_fields[f"period{_row}_utilisation"] = QuantityField(at_most_one=True)

MODIFIER_WORDED_COMPUTE = (
    "method",
    "flop",
    "parameters",
    "training_tokens",
    "check_method",
    "synthetic_data_flop",
    "threshold_known_on",
    *(f"period{row}_{part}" for row in range(1, PERIOD_ROWS + 1) for part in ("chips", "hours")),
)
"""The compute questions a modifier reads in its own words: each asks about the
modification's own compute. The model's architecture and the chips' figures (mixture of
experts, active parameters, chip type, peak, utilisation) read the same for everyone."""

ComputeForm.variant_keys = {
    MODIFIER_VARIANT: {
        name: f"{ComputeForm.question_key(name)}.{MODIFIER_VARIANT}"
        for name in MODIFIER_WORDED_COMPUTE
    }
}


class ModificationForm(WordedForm):
    question_keys: ClassVar[dict[str, str]] = {
        "original_name": "modification.original_name",
        "original_flop_known": "modification.original_flop_known",
        "original_flop": "modification.original_flop",
        "original_systemic_risk": "modification.original_systemic_risk",
        **{f"earlier_{i}": "modification.earlier_modifications_flop" for i in (1, 2, 3)},
    }

    original_name = forms.CharField(max_length=200, required=False)
    original_flop_known = forms.ChoiceField(
        choices=[("known", "known"), ("unknown", "unknown")], widget=forms.RadioSelect
    )
    original_flop = QuantityField()
    original_systemic_risk = YesNoField(required=True)
    earlier_1 = QuantityField()
    earlier_2 = QuantityField()
    earlier_3 = QuantityField()

    def label_suffix_for(self, name: str) -> str:
        return f" ({name[-1]})" if name.startswith("earlier_") else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("original_flop_known") == "known":
            self.require("original_flop")
        return cleaned


OPEN_SOURCE_FIELDS = OPEN_SOURCE_CONDITIONS


class ReleaseForm(WordedForm):
    question_keys: ClassVar[dict[str, str]] = {
        "released_openly": "open_source.released",
        **{name: f"open_source.{name}" for name in OPEN_SOURCE_FIELDS},
    }

    released_openly = YesNoField(required=True)
    licence_permits_all = YesNoField()
    weights_public = YesNoField()
    architecture_public = YesNoField()
    usage_public = YesNoField()
    monetised = YesNoField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("released_openly"):
            self.require(*OPEN_SOURCE_FIELDS)
        return cleaned


class ReachForm(WordedForm):
    eu_business_users = QuantityField(zero_allowed=True)
    business_users_scope = forms.ChoiceField(
        choices=_choices(BusinessUsersScope), widget=forms.RadioSelect, required=False
    )
    high_impact_capabilities = forms.ChoiceField(
        # Asked in the order a reader weighs them: no, unsure, yes.
        choices=[_choice(HighImpact.NO), _choice(HighImpact.UNSURE), _choice(HighImpact.YES)],
        widget=forms.RadioSelect,
    )
    high_impact_known_on = date_field()
    commission_designated = YesNoField(required=True)
    designated_on = date_field()
    notified_on = date_field()
    own_ai_system = YesNoField()

    follow_ups: ClassVar[dict[str, tuple[str, str]]] = {
        "high_impact_known_on": ("high_impact_capabilities", HighImpact.YES.value),
        "designated_on": ("commission_designated", "yes"),
    }

    @classmethod
    def omitted(cls, scope: Scope) -> set[str]:
        return (
            set()
            if vocabulary.asks_business_users_scope(scope.placement)
            else {"business_users_scope"}
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        designated_on: date | None = cleaned.get("designated_on")
        start = load().obligations_apply_from
        if designated_on is not None and designated_on < start:
            self.add_error(
                "designated_on",
                ValidationError(
                    f"Enter a date on or after {date_in_words(start)}, as YYYY-MM-DD: "
                    "the Commission designates models from then on.",
                    code="min_value",
                ),
            )
        notified_on: date | None = cleaned.get("notified_on")
        today = timezone.localdate()
        if notified_on is not None and notified_on > today:
            self.add_error(
                "notified_on",
                ValidationError(
                    f"Enter a date no later than today, {today.isoformat()} (YYYY-MM-DD): "
                    "leave it blank until the Commission has been notified.",
                    code="max_value",
                ),
            )
        return cleaned


class AttestForm(forms.Form):
    """An attester confirms the answers and signs: the statement ticked, their name and
    function, and, for a correction, the record it supersedes."""

    confirm = forms.BooleanField(
        required=False, label=ATTESTATION_STATEMENT, help_text="Tick to attest and sign now."
    )
    attester_name = forms.CharField(max_length=200, required=False, label="Your name")
    attester_function = forms.CharField(
        max_length=200,
        required=False,
        label="Your function",
        help_text="For example: Head of Legal.",
    )
    supersedes = forms.ModelChoiceField(
        queryset=AssessmentRecord.objects.none(),
        required=False,
        label="Does this correct an earlier record?",
        empty_label="No, this is a new assessment",
        help_text="The earlier record stays as it is and shows that this one supersedes it.",
    )
    required_message = "Answer this question to sign."

    def __init__(
        self, *args: Any, records: QuerySet[AssessmentRecord] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if records is not None:
            supersedes = cast("forms.ModelChoiceField[AssessmentRecord]", self.fields["supersedes"])
            supersedes.queryset = records

    def clean(self) -> dict[str, Any]:
        return _require_signer(self, super().clean() or {})


def _require_signer(form: forms.Form, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Whoever ticks the statement must say who they are: it is printed on the record."""
    if cleaned.get("confirm"):
        for name in ("attester_name", "attester_function"):
            if not (cleaned.get(name) or "").strip() and name not in form.errors:
                form.add_error(name, "Give this to sign; it is printed on the record.")
    return cleaned


class ReviewForm(WordedForm):
    """The last step: the answers and a preview of the result. Attesters may sign here."""

    def __init__(
        self,
        *args: Any,
        records: QuerySet[AssessmentRecord] | None = None,
        can_attest: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if can_attest:
            attest = AttestForm(records=records)
            for name, field in attest.fields.items():
                field.error_messages["required"] = AttestForm.required_message
                self.fields[name] = field

    def clean(self) -> dict[str, Any]:
        return _require_signer(self, super().clean() or {})


# A modifier answers the modification step before the compute step: the compute step then
# words every question as the modification's own compute and draws the chart against the
# threshold of the original's compute.
STEP_FORMS: list[tuple[str, type[WordedForm]]] = [
    ("model", ModelRoleForm),
    ("upstream", UpstreamForm),
    ("market", MarketForm),
    ("capabilities", CapabilitiesForm),
    ("modification", ModificationForm),
    ("compute", ComputeForm),
    ("release", ReleaseForm),
    ("reach", ReachForm),
    ("review", ReviewForm),
]

STEP_TITLES = {
    "model": "The model and your role",
    "upstream": "The upstream provider",
    "market": "Market placement",
    "capabilities": "Capabilities",
    "modification": "Your modification",
    "compute": "Training compute",
    "release": "Release and licence",
    "reach": "Reach, designation and notification",
    "review": "Review",
}

VARIANT_STEP_TITLES = {
    MODIFIER_VARIANT: {"compute": "Training compute of your modification"},
}
"""Step titles of a wording variant, where they differ from ``STEP_TITLES``."""


def step_title(step: str, scope: Scope | None = None) -> str:
    """The title of ``step`` as a party with this scope reads it."""
    variant = scope.wording_variant if scope is not None else None
    return VARIANT_STEP_TITLES.get(variant or "", {}).get(step) or STEP_TITLES[step]


def wording_variant_keys() -> dict[str, dict[str, str]]:
    """Wording variant → common question key → the key of the question that holds the
    variant's own words (``{"modifier": {"compute.flop": "compute.flop.modifier", ...}}``)."""
    found: dict[str, dict[str, str]] = {}
    for _step, form_class in STEP_FORMS:
        for variant, keys in form_class.variant_keys.items():
            for name, key in keys.items():
                found.setdefault(variant, {})[form_class.question_key(name)] = key
    return found


def question_keys_by_step() -> dict[str, list[str]]:
    """Every question key the wizard uses, per step, in the order of the fields; then, per
    wording variant, the keys of that variant's own words in the same order."""
    keys: dict[str, list[str]] = {}
    for step, form_class in STEP_FORMS:
        seen: list[str] = []
        for name in form_class.base_fields:
            key = form_class.question_key(name)
            if key not in seen:
                seen.append(key)
        for variant in form_class.variant_keys.values():
            for name in form_class.base_fields:
                key = variant.get(name, "")
                if key and key not in seen:
                    seen.append(key)
        keys[step] = seen
    return keys
