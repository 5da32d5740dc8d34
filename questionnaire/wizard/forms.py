"""The wizard's forms, one per step.

Field names and choice values are logic: they map onto the answers contract
(shared/spec/assess-json.md) in ``questionnaire.answers_builder``. The words a person reads
(labels, help texts, choice labels) come from the ``Question`` table, so admins can edit
them; each field names its question key in ``question_keys``.

"""

from __future__ import annotations

import copy
import copyreg
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias, TypeVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext, gettext_lazy

from questionnaire.models import AssessmentRecord
from questionnaire.records.payload import attestation_statement
from questionnaire.scoring import load, vocabulary
from questionnaire.scoring.answers import MODEL_NAME_LENGTH
from questionnaire.scoring.texts import format_date
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
    FLOP_PER_SECOND_UNITS,
    FLOP_UNITS,
    PARAMETER_UNITS,
    TOKEN_UNITS,
    QuantityField,
    YesNoField,
    accelerator_choices,
    date_field,
)
from questionnaire.wizard.steps import MODIFIER_VARIANT, Scope
from questionnaire.wording import date_in_words, wording_language

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    Text: TypeAlias = str | _StrPromise
else:
    Text = str
"""A text of the page: a string, or a lazy translation of one."""


def _date_in_words(day: date) -> str:
    """``9 January 2031`` in English as before; ``9. Januar 2031``, ``9 janvier 2031``."""
    language = wording_language()
    return date_in_words(day) if language == "en" else format_date(day, language)


def _choice(member: StrEnum) -> tuple[str, str]:
    """A choice whose label is its value until the Question table's wording replaces it."""
    return (member.value, member.value)


def _choices(enumeration: type[StrEnum]) -> list[tuple[str, str]]:
    return [_choice(member) for member in enumeration]


PERIOD_ROWS = 4
PERIOD_PARTS = ("chips", "hours", "accelerator", "peak_flops", "utilisation")


class PreparedFields(dict[str, forms.Field]):
    """A step form's fields made ready (``WordedForm._prepared``), which each form copies.

    Django's form deep-copies its fields, choices and all; that copy was a third of a wizard
    ``POST`` (issue 11). Each form gets its own field, widget, attributes, messages and
    validators, as with Django's copy; the choices, which nothing changes in place (setting
    ``field.choices`` replaces them), are shared."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return {name: _field_copy(field) for name, field in self.items()}


def _field_copy(field: forms.Field) -> forms.Field:
    copied = plain_copy(field)
    widget = copied.widget = plain_copy(field.widget)
    widget.attrs = field.widget.attrs.copy()
    copied.error_messages = field.error_messages.copy()
    copied.validators = field.validators[:]
    return copied


_Copied = TypeVar("_Copied")


def plain_copy(thing: _Copied) -> _Copied:
    """``copy.copy`` of a field or widget: an object of its class with its attributes.

    For an object of a plain class, as Django's fields and widgets are (made by
    ``object.__new__``, no ``__copy__``, ``__reduce__``, ``__getstate__``, ``__setstate__``
    or ``__slots__``, by it or a base, and no ``copyreg`` entry), that is what ``copy.copy``
    makes, without its generic path, which took a fourteenth of a wizard POST (issue 11).
    Anything else is copied by ``copy.copy``."""
    cls: Any = type(thing)
    if not _plain_class(cls):
        return copy.copy(thing)
    copied: _Copied = cls.__new__(cls)
    vars(copied).update(vars(thing))
    return copied


@cache
def _plain_class(cls: type) -> bool:
    return (
        all(getattr(cls, name) is getattr(object, name) for name in _OBJECT_COPY_HOOKS)
        and not any(hasattr(cls, name) for name in ("__copy__", "__setstate__"))
        and not any("__slots__" in vars(base) for base in cls.__mro__[:-1])
        and cls not in copyreg.dispatch_table
    )


_OBJECT_COPY_HOOKS = ("__new__", "__reduce_ex__", "__reduce__", "__getstate__")


# WordedForm._prepared's fields: (form class, language, variant, omitted fields) → (the
# wording they were made with, the fields).
_PREPARED: dict[tuple[Any, ...], tuple[Mapping[str, Any], PreparedFields]] = {}


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
    messages: ClassVar[dict[str, Text]] = {}
    """Field name → what to do when the question is not answered, naming the question
    ("Select where the model stands on the EU market."): the error message next to the field
    and the link text of the page's error summary. A question without one gets a message
    quoting its label."""
    quantities: ClassVar[dict[str, tuple[Text, Text]]] = {}
    """Field name of a ``QuantityField`` → (what it asks for, figures it accepts), for its
    messages: ("the training compute in FLOP", "3.2e24 or 3.2 × 10^24")."""
    variant_messages: ClassVar[dict[str, dict[str, Text]]] = {}
    variant_quantities: ClassVar[dict[str, dict[str, tuple[Text, Text]]]] = {}
    """The same, for a wording variant, where the variant's words differ."""
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
        self.scope = scope
        self.variant = scope.wording_variant if scope is not None else None
        # Django's form copies its fields from ``base_fields``: here, from the fields made
        # ready for this wording, language and scope, which are kept (``_prepared``).
        self.base_fields = self._prepared(wording or {}, scope)  # type: ignore[misc]
        super().__init__(*args, **kwargs)

    def _prepared(
        self, wording: Mapping[str, Mapping[str, Any]], scope: Scope | None
    ) -> PreparedFields:
        """The class's fields with the words of ``wording`` (labels, help, choice labels),
        the messages that name each question, and without the ``omitted`` ones.

        Made once per form class, language, wording variant and omitted fields, for as long
        as the wording is the same object (``wording.wording_for`` keeps one per language
        and replaces it whole when the wording changes): making them cost a wizard request
        about a millisecond (issue 11). Each form still works on its own deep copy."""
        omitted = frozenset(self.omitted(scope)) if scope is not None else frozenset()
        key = (type(self), get_language(), self.variant, omitted)
        kept = _PREPARED.get(key)
        if kept is not None and kept[0] is wording and wording:
            return kept[1]
        fields = PreparedFields(copy.deepcopy(type(self).base_fields))
        for name in omitted:
            fields.pop(name, None)
        for name, field in fields.items():
            key_shown = self.shown_key(name)
            words = wording.get(key_shown)
            if words is None:
                field.label = field.label or key_shown
            else:
                field.label = words["label"] + self.label_suffix_for(name)
                field.help_text = words["help_text"]
                labels = words.get("choice_labels") or {}
                if labels and hasattr(field, "choices"):
                    field.choices = [
                        (value, labels.get(str(value), text)) for value, text in field.choices
                    ]
            self._name_the_question(name, field)
        self.fields_prepared(fields)
        _PREPARED[key] = (wording, fields)
        return fields

    def fields_prepared(self, fields: dict[str, forms.Field]) -> None:
        """A form's own changes to its prepared fields (the same for every request)."""

    def _name_the_question(self, name: str, field: forms.Field) -> None:
        """Messages that say which answer is missing or unreadable, and what to give."""
        variant = self.variant or ""
        quantity = self.variant_quantities.get(variant, {}).get(name) or self.quantities.get(name)
        if isinstance(field, QuantityField) and quantity is not None:
            field.describe(*quantity)
        message = self.variant_messages.get(variant, {}).get(name) or self.messages.get(name)
        if message is None and field.error_messages["required"] == _DJANGO_REQUIRED:
            label = str(field.label).rstrip("?").strip()
            message = gettext("Answer the question “%(label)s”.") % {"label": label}
        if message is not None:
            field.error_messages["required"] = message
            if hasattr(field, "choices"):
                field.error_messages["invalid_choice"] = message

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
        """The fields in order for the step's template, in blocks: a plain question is a
        block of its own; follow-ups of the same choice share one, which says the choice
        that asks them (``condition``) and has an ``id`` for the choice's ``aria-controls``.
        ``{"fields", "follows", "follows_value", "condition", "id"}``, ``follows`` empty for
        a plain question."""
        rows: list[dict[str, Any]] = []
        for name in self.fields:
            follows, value = self.follow_ups.get(name, ("", ""))
            if follows not in self.fields:
                follows = ""
            prefixed = self.add_prefix(follows) if follows else ""
            previous = rows[-1] if rows else None
            if (
                follows
                and previous
                and (previous["follows"], previous["follows_value"])
                == (
                    prefixed,
                    value,
                )
            ):
                previous["fields"].append(self[name])
                continue
            rows.append(
                {
                    "fields": [self[name]],
                    "follows": prefixed,
                    "follows_value": value if follows else "",
                    "condition": self.condition(follows, value) if follows else "",
                    "id": f"{self[name].auto_id}_reveal",
                }
            )
        return rows

    def condition(self, name: str, value: str) -> str:
        """ "Only if you chose “Yes” for “…?”": when a follow-up is asked, for the page
        without script (which shows every follow-up) and for its block with script."""
        field = self.fields[name]
        choices = {str(choice): str(text) for choice, text in getattr(field, "choices", [])}
        return gettext("Only if you chose “%(choice)s” for “%(question)s”") % {
            "choice": choices.get(value, value),
            "question": field.label,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, (follows, value) in self.follow_ups.items():
            if _as_choice(cleaned.get(follows)) != value:
                self.ignore(cleaned, name)  # not asked after the answer given
        return cleaned

    def require(self, *names: str) -> None:
        """Mark answers required by an earlier answer of this step."""
        for name in names:
            if self.cleaned_data.get(name) in (None, "", []) and name not in self.errors:
                message = self.fields[name].error_messages["required"]
                self.add_error(name, ValidationError(message, code="required"))

    def ignore(self, cleaned: dict[str, Any], *names: str) -> None:
        """Answers that do not count after the choices made: what was typed stays in the
        draft, but is neither checked nor scored nor shown as an answer."""
        for name in names:
            if name in self.fields:
                self.errors.pop(name, None)
                cleaned[name] = None


_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]


def _as_choice(value: Any) -> str:
    """A cleaned answer as the choice value it was given as (``True`` is ``yes``)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


class ModelRoleForm(WordedForm):
    messages: ClassVar[dict[str, Text]] = {
        "model_name": gettext_lazy("Enter the model’s name, for example Example-7B v2."),
        "role": gettext_lazy(
            "Select who you are in relation to this model: developer, modifier or integrator."
        ),
    }

    model_name = forms.CharField(max_length=MODEL_NAME_LENGTH)
    role = forms.ChoiceField(
        choices=_choices(Role),
        widget=forms.RadioSelect,
    )


class UpstreamForm(WordedForm):
    messages: ClassVar[dict[str, Text]] = {
        "upstream_excluded_eu": gettext_lazy(
            "Select whether the model’s provider, based outside the EU, has excluded the EU."
        ),
    }

    upstream_excluded_eu = YesNoField(required=True)


class MarketForm(WordedForm):
    messages: ClassVar[dict[str, Text]] = {
        "placement": gettext_lazy("Select where the model stands on the EU market."),
        "established_in_eu": gettext_lazy("Select whether the provider is established in the EU."),
    }

    placement = forms.ChoiceField(
        choices=_choices(Placement),
        widget=forms.RadioSelect,
    )
    placed_on = date_field(
        gettext_lazy("the date the model was, or will be, first placed on the EU market")
    )
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
    messages: ClassVar[dict[str, Text]] = {
        "generates": gettext_lazy("Select what the model can generate, from the choices shown."),
        "generality": gettext_lazy("Select how wide the range of tasks the model can perform is."),
    }

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


METHOD_FIELDS: dict[str, tuple[str, ...]] = {
    Method.DIRECT: ("flop",),
    Method.ARCHITECTURE: ("mixture_of_experts", "active_parameters"),
    Method.HARDWARE: tuple(
        f"period{row}_{part}" for row in range(1, PERIOD_ROWS + 1) for part in PERIOD_PARTS
    ),
}
"""The compute step's fields that belong to one estimation method: they count only when
that method is chosen, as the main method or the cross-check. Parameters and training
tokens are asked whatever the method (the documentation needs them)."""


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
    messages: ClassVar[dict[str, Text]] = {
        "method": gettext_lazy("Select how you want to estimate the training compute."),
        "check_method": gettext_lazy(
            "Select a second method for the cross-check, or no cross-check."
        ),
        **{
            f"period{row}_accelerator": format_lazy(
                gettext_lazy("Select the chip used in period {row}."), row=row
            )
            for row in range(1, PERIOD_ROWS + 1)
        },
    }
    quantities: ClassVar[dict[str, tuple[Text, Text]]] = {
        "flop": (
            gettext_lazy("the training compute in FLOP"),
            gettext_lazy("3.2e24 or 3.2 × 10^24"),
        ),
        "parameters": (
            gettext_lazy("the number of parameters"),
            gettext_lazy("405B or 405 billion"),
        ),
        "training_tokens": (
            gettext_lazy("the training data in tokens"),
            gettext_lazy("15.6T or 15.6 trillion"),
        ),
        "active_parameters": (
            gettext_lazy("the parameters active for each token"),
            gettext_lazy("37B"),
        ),
        "synthetic_data_flop": (
            gettext_lazy("the compute spent on synthetic data in FLOP"),
            gettext_lazy("2e23, or 0"),
        ),
        "inherited_flop": (
            gettext_lazy("the compute that trained the other weights in FLOP"),
            gettext_lazy("2e22, or 0"),
        ),
        **{
            name: quantity
            for row in range(1, PERIOD_ROWS + 1)
            for name, quantity in {
                f"period{row}_chips": (
                    format_lazy(gettext_lazy("the number of chips in period {row}"), row=row),
                    gettext_lazy("16,384"),
                ),
                f"period{row}_hours": (
                    format_lazy(gettext_lazy("the hours the chips ran in period {row}"), row=row),
                    gettext_lazy("1,300"),
                ),
                f"period{row}_peak_flops": (
                    format_lazy(
                        gettext_lazy("the chip’s peak throughput in FLOP/s in period {row}"),
                        row=row,
                    ),
                    gettext_lazy("989T or 9.89e14"),
                ),
                f"period{row}_utilisation": (
                    format_lazy(gettext_lazy("the utilisation in period {row}"), row=row),
                    gettext_lazy("40% or 0.4"),
                ),
            }.items()
        },
    }
    variant_messages: ClassVar[dict[str, dict[str, Text]]] = {
        MODIFIER_VARIANT: {
            "method": gettext_lazy(
                "Select how you want to estimate the compute of your modification."
            ),
        }
    }
    variant_quantities: ClassVar[dict[str, dict[str, tuple[Text, Text]]]] = {
        MODIFIER_VARIANT: {
            "flop": (
                gettext_lazy("the compute of your modification in FLOP"),
                gettext_lazy("3.2e22 or 3.2 × 10^22"),
            ),
            "training_tokens": (
                gettext_lazy("the tokens your modification trained on"),
                gettext_lazy("2B or 2 billion"),
            ),
            "synthetic_data_flop": (
                gettext_lazy("the compute spent on synthetic data for your modification in FLOP"),
                gettext_lazy("2e21, or 0"),
            ),
        }
    }

    method = forms.ChoiceField(choices=METHODS, widget=forms.RadioSelect)
    flop = QuantityField(units=FLOP_UNITS)
    parameters = QuantityField(units=PARAMETER_UNITS)
    training_tokens = QuantityField(units=TOKEN_UNITS)
    mixture_of_experts = forms.BooleanField(required=False)
    active_parameters = QuantityField(units=PARAMETER_UNITS)
    check_method = forms.ChoiceField(
        choices=[("none", "none"), *METHODS], widget=forms.RadioSelect, required=False
    )
    synthetic_data_flop = QuantityField(zero_allowed=True, units=FLOP_UNITS)
    inherited_flop = QuantityField(zero_allowed=True, units=FLOP_UNITS)
    threshold_known_on = date_field(
        gettext_lazy("the date it became known that the threshold would be crossed")
    )

    @classmethod
    def period_field_names(cls, row: int) -> dict[str, str]:
        return {part: f"period{row}_{part}" for part in PERIOD_PARTS}

    @classmethod
    def omitted(cls, scope: Scope) -> set[str]:
        if vocabulary.asks_inherited_flop(scope.role, scope.upstream_excluded_eu):
            return set()
        return {"inherited_flop"}

    def fields_prepared(self, fields: dict[str, forms.Field]) -> None:
        # The explanations stand once, in the first period; later rows repeat only labels.
        for row in range(2, PERIOD_ROWS + 1):
            for name in self.period_field_names(row).values():
                if name in fields:
                    fields[name].help_text = ""

    def label_suffix_for(self, name: str) -> str:
        if name.startswith("period"):
            return gettext(" (period %(row)s)") % {"row": name[6]}
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

    def method_groups(self) -> dict[str, dict[str, str]]:
        """Per method, what its block of questions on the page needs: the ``id`` the
        method's choices control and the ``condition`` that says when it is asked (in the
        words of the method's choice label)."""
        choices: list[tuple[Any, Any]] = list(getattr(self.fields["method"], "choices", []))
        labels = {str(value): str(text) for value, text in choices}
        return {
            method: {
                "id": f"{self.add_prefix('method')}-{method}",
                "method": method,
                "condition": gettext(
                    "Only if you chose “%(method)s”, as your method or as your cross-check"
                )
                % {"method": labels.get(method, method)},
            }
            for method in METHOD_FIELDS
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        method = cleaned.get("method")
        check = cleaned.get("check_method") or "none"
        if check != "none" and check == method:
            self.add_error(
                "check_method",
                gettext("Choose a different method for the cross-check, or none."),
            )
        chosen = {method, check}
        for unused, names in METHOD_FIELDS.items():
            if unused not in chosen:
                # Its block is hidden (with script) or marked as not asked: what was typed
                # there stays in the draft, and never stops the step.
                self.ignore(cleaned, *names)
        if not cleaned.get("mixture_of_experts"):
            self.ignore(cleaned, "active_parameters")
        for chosen_method in (method, check):
            if chosen_method and chosen_method != "none":
                self._require_method(chosen_method, cleaned)
        cleaned["periods"] = self._periods(cleaned) if Method.HARDWARE in chosen else []
        return cleaned

    def _require_method(self, method: str, cleaned: dict[str, Any]) -> None:
        if method == Method.DIRECT:
            self.require("flop")
        elif method == Method.ARCHITECTURE:
            self.require("parameters", "training_tokens")
            if cleaned.get("mixture_of_experts"):
                self.require("active_parameters")

    def _periods(self, cleaned: dict[str, Any]) -> list[dict[str, Any]]:
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
        if not periods and not any(n.startswith("period1") for n in self.errors):
            self.add_error(
                "period1_chips",
                ValidationError(
                    gettext(
                        "Give at least one training period: chips, hours, chip type and "
                        "utilisation."
                    ),
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
    ComputeForm.base_fields[f"period{_row}_peak_flops"] = QuantityField(units=FLOP_PER_SECOND_UNITS)
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
    messages: ClassVar[dict[str, Text]] = {
        "original_flop_known": gettext_lazy(
            "Select whether you know the original model’s training compute."
        ),
        "original_systemic_risk": gettext_lazy(
            "Select whether the original model has systemic risk."
        ),
    }
    quantities: ClassVar[dict[str, tuple[Text, Text]]] = {
        "original_flop": (
            gettext_lazy("the original model’s training compute in FLOP"),
            gettext_lazy("3.8e24"),
        ),
        **{
            f"earlier_{i}": (
                format_lazy(gettext_lazy("the compute of earlier modification {i} in FLOP"), i=i),
                gettext_lazy("2e22"),
            )
            for i in (1, 2, 3)
        },
    }

    original_name = forms.CharField(max_length=200, required=False)
    original_flop_known = forms.ChoiceField(
        choices=[("known", "known"), ("unknown", "unknown")], widget=forms.RadioSelect
    )
    original_flop = QuantityField(units=FLOP_UNITS)
    original_systemic_risk = YesNoField(required=True)
    earlier_1 = QuantityField(units=FLOP_UNITS)
    earlier_2 = QuantityField(units=FLOP_UNITS)
    earlier_3 = QuantityField(units=FLOP_UNITS)

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
    messages: ClassVar[dict[str, Text]] = {
        "released_openly": gettext_lazy(
            "Select whether the model is released under a free and open-source licence."
        ),
        "licence_permits_all": gettext_lazy(
            "Select whether the licence lets anyone access, use, modify and distribute the model."
        ),
        "weights_public": gettext_lazy(
            "Select whether the model’s weights are publicly available."
        ),
        "architecture_public": gettext_lazy(
            "Select whether information on the model architecture is public."
        ),
        "usage_public": gettext_lazy("Select whether information on the model’s usage is public."),
        "monetised": gettext_lazy("Select whether the model is monetised."),
    }
    # The licence conditions are asked only of a model released openly.
    follow_ups: ClassVar[dict[str, tuple[str, str]]] = dict.fromkeys(
        OPEN_SOURCE_FIELDS, ("released_openly", "yes")
    )

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
    messages: ClassVar[dict[str, Text]] = {
        "business_users_scope": gettext_lazy(
            "Select who the model’s registered business users are, or leave it blank."
        ),
        "high_impact_capabilities": gettext_lazy(
            "Select whether your evaluations show capabilities that match the most advanced models."
        ),
        "commission_designated": gettext_lazy(
            "Select whether the Commission has designated the model as having systemic risk."
        ),
        "own_ai_system": gettext_lazy(
            "Select whether you also offer or use an AI system built on this model, or leave it "
            "blank."
        ),
    }
    quantities: ClassVar[dict[str, tuple[Text, Text]]] = {
        "eu_business_users": (
            gettext_lazy("the number of business users in the EU"),
            gettext_lazy("12,000, or 0"),
        ),
    }

    eu_business_users = QuantityField(zero_allowed=True)
    business_users_scope = forms.ChoiceField(
        choices=_choices(BusinessUsersScope), widget=forms.RadioSelect, required=False
    )
    high_impact_capabilities = forms.ChoiceField(
        # Asked in the order a reader weighs them: no, unsure, yes.
        choices=[_choice(HighImpact.NO), _choice(HighImpact.UNSURE), _choice(HighImpact.YES)],
        widget=forms.RadioSelect,
    )
    high_impact_known_on = date_field(
        gettext_lazy("the date your evaluations first showed high-impact capabilities")
    )
    commission_designated = YesNoField(required=True)
    designated_on = date_field(gettext_lazy("the date you were informed of the designation"))
    notified_on = date_field(gettext_lazy("the date you notified the Commission"))
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
                    gettext(
                        "Enter the date you were informed of the designation, on or after "
                        "%(start)s, as YYYY-MM-DD: the Commission designates models from then on."
                    )
                    % {"start": _date_in_words(start)},
                    code="min_value",
                ),
            )
        notified_on: date | None = cleaned.get("notified_on")
        today = timezone.localdate()
        if notified_on is not None and notified_on > today:
            self.add_error(
                "notified_on",
                ValidationError(
                    gettext(
                        "Enter the date you notified the Commission, no later than today, "
                        "%(today)s (YYYY-MM-DD): leave it blank until the Commission has been "
                        "notified."
                    )
                    % {"today": today.isoformat()},
                    code="max_value",
                ),
            )
        return cleaned


class AttestForm(forms.Form):
    """An attester confirms the answers and signs: the statement ticked, their name and
    function, and, for a correction, the record it supersedes."""

    confirm = forms.BooleanField(
        required=False,
        # The statement in the page's language: the one the record then signs.
        label=lazy(lambda: attestation_statement(get_language() or "en"), str)(),
        help_text=gettext_lazy("Tick to attest and sign now."),
    )
    attester_name = forms.CharField(max_length=200, required=False, label=gettext_lazy("Your name"))
    attester_function = forms.CharField(
        max_length=200,
        required=False,
        label=gettext_lazy("Your function"),
        help_text=gettext_lazy("For example: Head of Legal."),
    )
    supersedes = forms.ModelChoiceField(
        queryset=AssessmentRecord.objects.none(),
        required=False,
        label=gettext_lazy("Does this correct an earlier record?"),
        empty_label=gettext_lazy("No, this is a new assessment"),
        help_text=gettext_lazy(
            "The earlier record stays as it is and shows that this one supersedes it."
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        # "Give this to sign; it is printed on the record." says why it is asked.
        "attester_name": gettext_lazy(
            "Enter your name. Give this to sign; it is printed on the record."
        ),
        "attester_function": gettext_lazy(
            "Enter your function, for example Head of Legal. Give this to sign; it is printed on "
            "the record."
        ),
    }

    def __init__(
        self, *args: Any, records: QuerySet[AssessmentRecord] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if records is not None:
            supersedes = cast("forms.ModelChoiceField[AssessmentRecord]", self.fields["supersedes"])
            supersedes.queryset = records
        self.fields["supersedes"].error_messages["invalid_choice"] = gettext(
            "Select the earlier record this corrects from the list, or “No, this is a new "
            "assessment”."
        )

    def clean(self) -> dict[str, Any]:
        return _require_signer(self, super().clean() or {})


def _require_signer(form: forms.Form, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Whoever ticks the statement must say who they are: it is printed on the record."""
    if cleaned.get("confirm"):
        for name, message in AttestForm.messages.items():
            if not (cleaned.get(name) or "").strip() and name not in form.errors:
                form.add_error(name, message)
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
    "model": gettext_lazy("The model and your role"),
    "upstream": gettext_lazy("The upstream provider"),
    "market": gettext_lazy("Market placement"),
    "capabilities": gettext_lazy("Capabilities"),
    "modification": gettext_lazy("Your modification"),
    "compute": gettext_lazy("Training compute"),
    "release": gettext_lazy("Release and licence"),
    "reach": gettext_lazy("Reach, designation and notification"),
    "review": gettext_lazy("Review"),
}

VARIANT_STEP_TITLES = {
    MODIFIER_VARIANT: {"compute": gettext_lazy("Training compute of your modification")},
}
"""Step titles of a wording variant, where they differ from ``STEP_TITLES``."""


def step_title(step: str, scope: Scope | None = None) -> str:
    """The title of ``step`` as a party with this scope reads it, in the active language."""
    variant = scope.wording_variant if scope is not None else None
    return str(VARIANT_STEP_TITLES.get(variant or "", {}).get(step) or STEP_TITLES[step])


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
