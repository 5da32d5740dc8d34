"""The wizard's field types: quantities in any notation, explicit yes/no, bounded dates.

Friendlier figures
------------------
The answers contract reads ``405B``, ``3.2 × 10^24`` or ``1,000,000``
(``questionnaire.scoring.numbers.parse_number``, the one parser of its notation). People
also type what a paper or a model card says, so a wizard quantity field first rewrites, in
this order (``read_quantity``; static/js/wizard.js does the same for its echo, and
tests/shared/wizard_number_cases.json holds the cases both must agree on):

1. a trailing unit word the field names (``units``, compared in ASCII lower case):
   ``3.2e24 FLOP``, ``15.6T tokens``, ``405B parameters`` lose it;
2. a trailing scale word after a digit, short scale: ``thousand`` (×10^3), ``million``
   and ``mn`` (×10^6), ``billion`` and ``bn`` (×10^9), ``trillion`` and ``tn`` (×10^12),
   in any ASCII case, become the contract's letter (``405 billion`` → ``405B``); the
   letters ``k``, ``m``, ``b``, ``t`` themselves already mean the same to the contract;
3. for a field that takes a fraction (utilisation), a trailing ``%``: ``40%`` is 0.4.

What remains goes to ``parse_number``. The cleaned value is an exact ``Decimal``, which the
answers document stores in the contract's notation (``to_text``); the draft keeps the text
as typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from questionnaire.scoring import load
from questionnaire.scoring.answers import EARLIEST_DATE, LATEST_DATE
from questionnaire.scoring.numbers import parse_number

YES_NO = [("yes", "Yes"), ("no", "No")]
PERIOD_ROWS = 4
PERIOD_PARTS = ("chips", "hours", "accelerator", "peak_flops", "utilisation")
CUSTOM_PEAK = "custom"


def accelerator_choices() -> list[tuple[str, str]]:
    rules = load()
    return (
        [("", "—")]
        + [(key, chip.name) for key, chip in rules.accelerators.items()]
        + [(CUSTOM_PEAK, "Other chip: I give its peak FLOP/s")]
    )


QUANTITY_MAX_LENGTH = 100

SCALE_WORDS = {
    "thousand": "K",
    "million": "M",
    "mn": "M",
    "billion": "B",
    "bn": "B",
    "trillion": "T",
    "tn": "T",
}
"""Scale words and the contract's letter for each (short scale: a billion is 10^9)."""

FLOP_UNITS = ("flop", "flops")
FLOP_PER_SECOND_UNITS = ("flop/s", "flops")
PARAMETER_UNITS = ("parameters", "params")
TOKEN_UNITS = ("tokens",)

# The trailing run of ASCII letters (and "/", for FLOP/s) after whatever comes before it.
# Lazy, so the run is as long as it can be: "405 billion" splits as "405" + "billion".
_TRAILING_WORD = re.compile(r"(.*?)\s*([A-Za-z/]+)", re.DOTALL)
_PERCENT = re.compile(r"(.*?)\s*%", re.DOTALL)


def friendly_to_contract(text: str, *, units: Sequence[str] = ()) -> str:
    """``text`` with a unit word the field names and a scale word rewritten into the
    contract's notation (``405 billion parameters`` → ``405B``). A ``%`` is left for
    ``read_quantity``; anything else is left as it is, for the contract's parser to read
    or refuse."""
    stripped = text.strip()
    match = _TRAILING_WORD.fullmatch(stripped)
    if match and match[1] and match[2].lower() in units:
        stripped = match[1]
        match = _TRAILING_WORD.fullmatch(stripped)
    if match and match[1][-1:].isdigit() and match[2].lower() in SCALE_WORDS:
        stripped = match[1] + SCALE_WORDS[match[2].lower()]
    return stripped


def read_quantity(text: str, *, units: Sequence[str] = (), percent: bool = False) -> Decimal:
    """The exact value of a figure typed in a wizard field (see the module's docstring).
    Raises ``ValueError`` as ``parse_number`` does."""
    rewritten = friendly_to_contract(text, units=units)
    if percent:
        match = _PERCENT.fullmatch(rewritten)
        if match and match[1]:
            return parse_number(match[1]).scaleb(-2)
    return parse_number(rewritten)


class QuantityField(forms.CharField):
    """A positive quantity typed in any notation of the answers contract (``405B``,
    ``3.2 × 10^24``, ``1,000,000``), or in the friendlier forms ``read_quantity`` reads
    (``405 billion``, ``3.2e24 FLOP``, ``40%`` where a fraction is asked); cleans to an exact
    ``Decimal``. What was typed is what the draft keeps, so nothing is lost when the value
    is not yet valid.

    ``subject`` names the answer in messages ("the training compute in FLOP") and
    ``example`` shows figures the field accepts ("3.2e24 or 3.2 × 10^24"); the form sets
    them per question (``WordedForm.quantities``)."""

    def __init__(
        self,
        *,
        zero_allowed: bool = False,
        at_most_one: bool = False,
        units: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.zero_allowed = zero_allowed
        self.at_most_one = at_most_one
        self.units = tuple(units)
        self.subject = "a number"
        self.example = "7B, 15.6T or 3.2 × 10^24"
        attrs = {
            "inputmode": "decimal",
            "autocomplete": "off",
            "spellcheck": "false",
            "maxlength": str(QUANTITY_MAX_LENGTH),
            "data-quantity": "",
        }
        # wizard.js reads the same friendlier forms as read_quantity from these.
        if self.units:
            attrs["data-units"] = " ".join(self.units)
        if at_most_one:
            attrs["data-percent"] = ""
        self.widget.attrs.update(attrs)

    def describe(self, subject: str, example: str) -> None:
        """Name the answer in this field's messages, with figures it accepts."""
        self.subject = subject
        self.example = example
        self.error_messages["required"] = f"Enter {subject}, for example {example}."

    def read(self, text: str) -> Decimal:
        """The exact value of ``text`` as this field reads it; ``ValueError`` if unreadable."""
        return read_quantity(text, units=self.units, percent=self.at_most_one)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > QUANTITY_MAX_LENGTH:  # the widget's maxlength, checked here too
            raise ValidationError(
                f"Enter {self.subject} in at most {QUANTITY_MAX_LENGTH} characters, "
                f"such as {self.example}.",
                code="max_length",
            )
        try:
            number = self.read(text)
        except ValueError:
            raise ValidationError(
                f"Enter {self.subject} as a figure such as {self.example}: "
                f"“{_shortened(text)}” cannot be read.",
                code="invalid",
            ) from None
        if number < 0 or (number == 0 and not self.zero_allowed):
            raise ValidationError(
                f"Enter {self.subject} greater than zero"
                + (" (or 0)" if self.zero_allowed else "")
                + f", such as {self.example}.",
                code="invalid",
            )
        if self.at_most_one and number > 1:
            raise ValidationError(
                f"Enter {self.subject} as a fraction of at most 1 or a percentage of at most "
                f"100%, such as {self.example}.",
                code="invalid",
            )
        return number


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def date_field(subject: str = "the date") -> forms.DateField:
    """An optional date, typed or picked, within the bounds the answers contract accepts."""
    bounds = f"between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}"
    return forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "invalid": f"Enter {subject} as YYYY-MM-DD, such as 2026-03-01.",
            "required": f"Enter {subject} as YYYY-MM-DD, such as 2026-03-01.",
        },
        validators=[
            MinValueValidator(EARLIEST_DATE, message=f"Enter {subject} {bounds}."),
            MaxValueValidator(LATEST_DATE, message=f"Enter {subject} {bounds}."),
        ],
    )


class YesNoField(forms.TypedChoiceField):
    """A yes/no question answered explicitly: unlike a checkbox, "not answered" stays
    distinguishable from "no"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            **kwargs,
        )
