"""Template helpers of the questionnaire: the parsed-value echo of number inputs, the error
summary's items, and help texts split into a hint and "Help with this question", with their
citations of the AI Act linked to the article on EUR-Lex."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms, template
from django.forms import BoundField
from django.utils.html import escape, format_html, urlize
from django.utils.safestring import SafeData, mark_safe

from questionnaire import presentation
from questionnaire.scoring.numbers import format_human, parse_number
from questionnaire.wizard.fields import QuantityField
from questionnaire.wizard.forms import STEP_TITLES

register = template.Library()

AI_ACT_EUR_LEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R1689"
"""The AI Act on EUR-Lex; its articles, annexes and recitals are anchors of this page
(``#art_53``, ``#anx_XIII``, ``#rct_97``)."""

# "Art. 53(2)", "Art. 3(9) and 3(10)" (the second one too), "Annex XIII(b)", "Recital 111":
# each reference becomes a link to its anchor. "Art. 51(1)(a)" links to Art. 51.
_CITATION = re.compile(
    r"(?P<kind>Art\.|Annex|Recital)\s(?P<number>\d+|[IVXL]+)(?P<rest>(?:\(\w+\))*)"
    r"(?P<more>(?:\sand\s\d+(?:\(\w+\))+)*)"
)
_ANCHOR_PREFIX = {"Art.": "art", "Annex": "anx", "Recital": "rct"}
_AND_ALSO = re.compile(r"(\sand\s)(\d+)((?:\(\w+\))+)")


@register.filter
def is_quantity(field: BoundField) -> bool:
    return "data-quantity" in field.field.widget.attrs


@register.filter
def echo(field: BoundField) -> str:
    """``= 4.05 × 10^11`` for a field holding ``405B`` (or ``405 billion``, as the field
    reads it); empty when there is nothing to echo."""
    raw = field.value()
    if raw in (None, ""):
        return ""
    try:
        quantity = field.field
        value = (
            quantity.read(str(raw)) if isinstance(quantity, QuantityField) else parse_number(raw)
        )
    except ValueError:
        return "not a number yet"
    return f"= {presentation.format_echo(value)}"


@register.filter
def error_items(form: forms.BaseForm) -> list[dict[str, str]]:
    """The error summary's items, in the order of the page: ``{"href", "message"}``, the
    ``href`` the id of the input to go to (the first radio or checkbox of a group), empty for
    an error of the whole form."""
    items = [{"href": "", "message": str(error)} for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            items.append({"href": _input_id(field), "message": str(error)})
    return items


def _input_id(field: BoundField) -> str:
    if field.use_fieldset:  # radios and checkboxes: Django numbers them from _0
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


def _paragraphs(text: object) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", str(text or "")) if part.strip()]


@register.filter
def help_hint(text: object) -> object:
    """The first paragraph of a help text: the hint that stays visible under the question.
    A help text that is HTML already (Django's own, such as the password rules) stays whole."""
    if isinstance(text, SafeData):
        return text
    parts = _paragraphs(text)
    return parts[0] if parts else ""


@register.filter
def help_more(text: object) -> list[str]:
    """The paragraphs after the hint: behind "Help with this question"."""
    if isinstance(text, SafeData):
        return []
    return _paragraphs(text)[1:]


@register.filter
def cite_links(text: object) -> SafeData:
    """``text`` escaped, its web addresses as links, and each citation of the AI Act
    ("Art. 53(2)", "Annex XIII", "Recital 97") a link to that article, annex or recital on
    EUR-Lex. Help texts are admins' plain text: never trusted as HTML."""
    if isinstance(text, SafeData):  # HTML of Django's own, left as it is
        return text
    linked = urlize(escape(str(text)), nofollow=True)
    # Safe: the text was escaped first, and each link is built with format_html.
    return mark_safe(_CITATION.sub(_citation_link, linked))  # noqa: S308


def _citation_link(match: re.Match[str]) -> str:
    kind, number = match["kind"], match["number"]
    first = format_html(
        '<a href="{}#{}_{}">{}</a>',
        AI_ACT_EUR_LEX,
        _ANCHOR_PREFIX[kind],
        number,
        f"{kind} {number}{match['rest']}",
    )
    more = _AND_ALSO.sub(
        lambda also: format_html(
            '{}<a href="{}#{}_{}">{}</a>',
            also[1],
            AI_ACT_EUR_LEX,
            _ANCHOR_PREFIX[kind],
            also[2],
            also[2] + also[3],
        ),
        match["more"] or "",
    )
    return first + more


@register.filter
def flop(value: Decimal | str | None) -> str:
    """``3.2 × 10^24 FLOP`` from an exact value or a result document's ``3.2e24``."""
    if value is None or value == "":
        return "not given"
    return f"{format_human(Decimal(value))} FLOP"


@register.filter
def classification_label(value: str) -> str:
    return presentation.CLASSIFICATION_LABELS.get(value, value)


@register.filter
def flag_label(value: str) -> str:
    return presentation.flag_label(value)


@register.filter
def obligation_ids(obligations: list[dict[str, object]]) -> list[object]:
    return [obligation["id"] for obligation in obligations]


@register.filter
def step_title(step: str) -> str:
    return STEP_TITLES.get(step, "Not started")
