"""The wizard's field types: quantities in any notation, explicit yes/no, bounded dates."""

from __future__ import annotations

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


class QuantityField(forms.CharField):
    """A positive quantity typed in any notation of the answers contract (``405B``,
    ``3.2 × 10^24``, ``1,000,000``); cleans to an exact ``Decimal``. What was typed is
    what the draft keeps, so nothing is lost when the value is not yet valid."""

    def __init__(
        self,
        *,
        zero_allowed: bool = False,
        at_most_one: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.zero_allowed = zero_allowed
        self.at_most_one = at_most_one
        self.widget.attrs.update(
            {
                "inputmode": "decimal",
                "autocomplete": "off",
                "spellcheck": "false",
                "maxlength": str(QUANTITY_MAX_LENGTH),
                "data-quantity": "",
            }
        )

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > QUANTITY_MAX_LENGTH:  # the widget's maxlength, checked here too
            raise ValidationError(
                f"Enter at most {QUANTITY_MAX_LENGTH} characters.", code="max_length"
            )
        try:
            number = parse_number(text)
        except ValueError as error:
            raise ValidationError(_sentence(str(error)), code="invalid") from None
        if number < 0 or (number == 0 and not self.zero_allowed):
            raise ValidationError(
                "Enter a number greater than zero"
                + (" (or 0)" if self.zero_allowed else "")
                + ", such as 7B, 15.6T or 3.2 × 10^24.",
                code="invalid",
            )
        if self.at_most_one and number > 1:
            raise ValidationError(
                "Enter a fraction greater than 0 and at most 1, such as 0.4 (for 40%).",
                code="invalid",
            )
        return number


def _sentence(message: str) -> str:
    text = message[0].upper() + message[1:]
    return text if text.endswith(".") else text + "."


def date_field() -> forms.DateField:
    """An optional date, typed or picked, within the bounds the answers contract accepts."""
    bounds = f"between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}"
    return forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date as YYYY-MM-DD, such as 2026-03-01."},
        validators=[
            MinValueValidator(EARLIEST_DATE, message=f"Enter a date {bounds}."),
            MaxValueValidator(LATEST_DATE, message=f"Enter a date {bounds}."),
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
