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

Local notation
--------------
On a German or French page a figure may also be written the page language's way
(``delocalise``): the decimal comma (``2,5e24``, ``3,2 × 10^24``, ``15,6T``, ``0,4``,
``12,5 %``), thousands with ``.`` (German ``1.000.000``) or a space, no-break or narrow
no-break space (French ``1 000 000``, which the contract reads already). A figure the
English page would read otherwise (``1,000`` is one on a German or French page, a thousand on
an English one; ``1.000`` a thousand on a German page) takes the page language's reading,
and says which (``QuantityField.reading_note``); the draft then keeps the figure in the
contract's notation, so the answer means the same on a page of any language. English pages
read exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext, gettext_lazy

from questionnaire.scoring import load
from questionnaire.scoring.answers import EARLIEST_DATE, LATEST_DATE
from questionnaire.scoring.numbers import format_human, localise_number, parse_number, to_text

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
PERIOD_ROWS = 4
PERIOD_PARTS = ("chips", "hours", "accelerator", "peak_flops", "utilisation")
CUSTOM_PEAK = "custom"


def accelerator_choices() -> list[tuple[str, str]]:
    rules = load()
    return (
        [("", "—")]
        + [(key, chip.name) for key, chip in rules.accelerators.items()]
        + [(CUSTOM_PEAK, gettext("Other chip: I give its peak FLOP/s"))]
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

LOCAL_SCALE_WORDS = {
    "de": {
        "tausend": "K",
        "mio": "M",
        "mio.": "M",
        "millionen": "M",
        "mrd": "B",
        "mrd.": "B",
        "milliarde": "B",
        "milliarden": "B",
        "bio": "T",
        "bio.": "T",
        "billionen": "T",
    },
    "fr": {
        "mille": "K",
        "millions": "M",
        "md": "B",
        "mrd": "B",
        "mrd.": "B",
        "milliard": "B",
        "milliards": "B",
    },
}
"""The scale words of a German or French page, read beside the English ones (long scale:
"Milliarde", "milliard" is 10^9, German "Billion" and French "billion" 10^12)."""

AMBIGUOUS_SCALE_WORDS = frozenset({"billion", "billions", "trillion", "trillions"})
"""Words that name one figure in English and another in German and French (a billion is
10^9 in English, 10^12 there; a trillion 10^12 or 10^18): on a German or French page they
are not read, and the message says why (``AmbiguousScaleWord``)."""


class AmbiguousScaleWord(ValueError):
    """A scale word of ``AMBIGUOUS_SCALE_WORDS`` typed on a German or French page."""

    def __init__(self, word: str) -> None:
        super().__init__(f"{word!r} names another figure in English than in German or French")
        self.word = word


def scale_words(language: str = "en") -> dict[str, str]:
    """The scale words a page of ``language`` reads, with the contract's letter of each."""
    if language not in LOCAL_SCALE_WORDS:
        return SCALE_WORDS
    english = {
        word: letter for word, letter in SCALE_WORDS.items() if word not in AMBIGUOUS_SCALE_WORDS
    }
    return {**english, **LOCAL_SCALE_WORDS[language]}


FLOP_UNITS = ("flop", "flops")
FLOP_PER_SECOND_UNITS = ("flop/s", "flops")
PARAMETER_UNITS = ("parameters", "params")
TOKEN_UNITS = ("tokens",)

# The trailing run of ASCII letters (and "/", for FLOP/s; and a closing point, for German
# "Mrd.") after whatever comes before it. Lazy, so the run is as long as it can be:
# "405 billion" splits as "405" + "billion".
_TRAILING_WORD = re.compile(r"(.*?)\s*([A-Za-z/]+\.?)", re.DOTALL)
_PERCENT = re.compile(r"(.*?)\s*%", re.DOTALL)


def friendly_to_contract(text: str, *, units: Sequence[str] = (), language: str = "en") -> str:
    """``text`` with a unit word the field names and a scale word (of a page in ``language``:
    ``scale_words``) rewritten into the contract's notation (``405 billion parameters`` →
    ``405B``; German ``405 Mrd.`` → ``405B``). A ``%`` is left for ``read_quantity``;
    anything else is left as it is, for the contract's parser to read or refuse. Raises
    ``AmbiguousScaleWord`` for "billion" and the like on a German or French page."""
    stripped = text.strip()
    match = _TRAILING_WORD.fullmatch(stripped)
    if match and match[1] and match[2].lower() in units:
        stripped = match[1]
        match = _TRAILING_WORD.fullmatch(stripped)
    if match and match[1][-1:].isdigit():
        word = match[2].lower()
        words = scale_words(language)
        if word in words:
            stripped = match[1] + words[word]
        elif language in LOCAL_SCALE_WORDS and word in AMBIGUOUS_SCALE_WORDS:
            raise AmbiguousScaleWord(match[2])
    return stripped


_DE_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"[+-]?\d{1,3},\d{3}")
_LEADING_FIGURE = re.compile(r"[+-]?[\d.,\s\u00a0\u2009\u202f]*\d")


def page_language(language: str | None = None) -> str:
    """``de`` or ``fr`` for a German or French page (the active language when not given),
    else ``en``."""
    code = (language or get_language() or "en").lower().split("-")[0]
    return code if code in ("de", "fr") else "en"


def delocalise(text: str, language: str) -> tuple[str, str | None]:
    """``text`` typed on a page of ``language`` in the notation ``read_quantity`` reads,
    and, where the English page would have read the figure otherwise, which reading was
    taken (``"decimal comma"``, ``"thousands point"``), else ``None``. English: unchanged."""
    if language not in ("de", "fr"):
        return text, None
    stripped = text.strip()
    figure_match = _LEADING_FIGURE.match(stripped)
    if figure_match is None:
        return text, None
    figure, rest = figure_match[0], stripped[figure_match.end() :]
    reading = None
    if language == "de" and "." in figure and "," in figure:
        figure = figure.replace(".", "").replace(",", ".")  # 1.234,5
    elif language == "de" and _DE_THOUSANDS.fullmatch(figure) and not _starts_exponent(rest):
        figure = figure.replace(".", "")  # 1.000 is a thousand on a German page
        reading = "thousands point"
    elif figure.count(",") == 1:
        # 2,5 is two and a half; 1,000 is one (a thousand on an English page).
        if _COMMA_THOUSANDS.fullmatch(figure):
            reading = "decimal comma"
        figure = figure.replace(",", ".")
    return figure + rest, reading


def _starts_exponent(rest: str) -> bool:
    return rest[:1] in ("e", "E")


def read_quantity(
    text: str, *, units: Sequence[str] = (), percent: bool = False, language: str = "en"
) -> Decimal:
    """The exact value of a figure typed in a wizard field (see the module's docstring), on
    a page of ``language`` (its scale words; its decimal comma is ``delocalise``'s). Raises
    ``ValueError`` as ``parse_number`` does."""
    rewritten = friendly_to_contract(text, units=units, language=language)
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
        self.subject: Any = gettext_lazy("a number")
        self.example: Any = gettext_lazy("7B, 15.6T or 3.2 × 10^24")
        self.reading_note: str | None = None
        """Set by ``to_python`` when a German or French page read a figure otherwise than an
        English page would: "“1,000” read as 1 (decimal comma)"."""
        self.local_text: str | None = None
        """The figure in the contract's notation when ``reading_note`` is set: what the
        draft keeps in place of what was typed."""
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

    def describe(self, subject: Any, example: Any) -> None:
        """Name the answer in this field's messages, with figures it accepts (in the active
        language: forms are built for the request)."""
        self.subject = str(subject)
        self.example = str(example)
        self.error_messages["required"] = gettext("Enter %(subject)s, for example %(example)s.") % {
            "subject": self.subject,
            "example": self.example,
        }

    def read(self, text: str) -> Decimal:
        """The exact value of ``text`` as this field reads it, in the page's language;
        ``ValueError`` if unreadable. Sets ``reading_note`` and ``local_text`` when the
        reading differs from the English page's."""
        self.reading_note = None
        self.local_text = None
        language = page_language()
        local, reading = delocalise(text, language)
        number = read_quantity(local, units=self.units, percent=self.at_most_one, language=language)
        if language != "en" and not self._read_alike_in_english(text, number):
            # The draft keeps the contract's notation, so that a page in another language
            # reads the same figure ("3,2e24" or "405 Mrd." is unreadable on an English page).
            self.local_text = to_text(number)
        if reading is not None:
            shown = localise_number(format_human(number), language)
            how = (
                gettext("decimal comma")
                if reading == "decimal comma"
                else gettext("point as thousands separator")
            )
            self.reading_note = gettext("“%(typed)s” read as %(value)s (%(how)s)") % {
                "typed": _shortened(text),
                "value": shown,
                "how": how,
            }
            self.local_text = to_text(number)
        return number

    def _read_alike_in_english(self, text: str, number: Decimal) -> bool:
        """Whether an English page reads ``text`` as ``number`` too."""
        try:
            return read_quantity(text, units=self.units, percent=self.at_most_one) == number
        except ValueError:
            return False

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > QUANTITY_MAX_LENGTH:  # the widget's maxlength, checked here too
            raise ValidationError(
                gettext("Enter %(subject)s in at most %(count)s characters, such as %(example)s.")
                % {"subject": self.subject, "count": QUANTITY_MAX_LENGTH, "example": self.example},
                code="max_length",
            )
        try:
            number = self.read(text)
        except AmbiguousScaleWord as ambiguous:
            raise ValidationError(
                gettext(
                    "“%(word)s” is a different figure in English than in German or French "
                    "(a billion is 10^9 in English, 10^12 in German and French): write "
                    "%(subject)s with a letter or a power of ten, such as %(example)s."
                )
                % {"word": ambiguous.word, "subject": self.subject, "example": self.example},
                code="invalid",
            ) from None
        except ValueError:
            raise ValidationError(
                gettext(
                    "Enter %(subject)s as a figure such as %(example)s: “%(typed)s” cannot be read."
                )
                % {"subject": self.subject, "example": self.example, "typed": _shortened(text)},
                code="invalid",
            ) from None
        if number < 0 or (number == 0 and not self.zero_allowed):
            message = (
                gettext("Enter %(subject)s greater than zero (or 0), such as %(example)s.")
                if self.zero_allowed
                else gettext("Enter %(subject)s greater than zero, such as %(example)s.")
            )
            raise ValidationError(
                message % {"subject": self.subject, "example": self.example}, code="invalid"
            )
        if self.at_most_one and number > 1:
            raise ValidationError(
                gettext(
                    "Enter %(subject)s as a fraction of at most 1 or a percentage of at most "
                    "100%%, such as %(example)s."
                )
                % {"subject": self.subject, "example": self.example},
                code="invalid",
            )
        return number


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


_THE_DATE = gettext_lazy("the date")


def date_field(subject: Any = _THE_DATE) -> forms.DateField:
    """An optional date, typed or picked, within the bounds the answers contract accepts.
    Its messages are in the language of the page that shows them."""
    as_iso = format_lazy(
        gettext_lazy("Enter {subject} as YYYY-MM-DD, such as 2026-03-01."), subject=subject
    )
    bounds = format_lazy(
        gettext_lazy("Enter {subject} between {earliest} and {latest}."),
        subject=subject,
        earliest=EARLIEST_DATE.isoformat(),
        latest=LATEST_DATE.isoformat(),
    )
    return forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": as_iso, "required": as_iso},
        validators=[
            MinValueValidator(EARLIEST_DATE, message=bounds),
            MaxValueValidator(LATEST_DATE, message=bounds),
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
