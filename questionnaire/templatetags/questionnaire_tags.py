"""Template helpers of the questionnaire: one form field with its label, help and errors
(``{% form_field %}``), the parsed-value echo of number inputs, the error summary's items,
and help texts split into a hint and "Help with this question", with their citations of the
AI Act linked to the article on EUR-Lex."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from django import forms, template
from django.forms import BoundField
from django.utils.html import escape, format_html, urlize
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language, gettext

from questionnaire import presentation
from questionnaire.lib.markup import escape as markup_escape
from questionnaire.scoring.numbers import format_human, localise_number, parse_number
from questionnaire.scoring.texts import compute_description
from questionnaire.wizard.fields import QuantityField, page_language
from questionnaire.wizard.forms import STEP_TITLES

register = template.Library()

AI_ACT_EUR_LEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R1689"
"""The AI Act on EUR-Lex; its articles, annexes and recitals are anchors of this page
(``#art_53``, ``#anx_XIII``, ``#rct_97``)."""
AI_ACT_EUR_LEX_IN = {
    "en": AI_ACT_EUR_LEX,
    "de": "https://eur-lex.europa.eu/legal-content/DE/TXT/?uri=CELEX:32024R1689",
    "fr": "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32024R1689",
}
"""The same, in the official language version of a German or French page."""

# "Art. 53(2)", "Art. 3(9) and 3(10)" (the second one too), "Annex XIII(b)", "Recital 111":
# each reference becomes a link to its anchor. "Art. 51(1)(a)" links to Art. 51.
# German and French help texts cite "Art. 51 Abs. 2", "art. 52, paragraphe 1", "Anhang XIII",
# "annexe XI", "Erwägungsgrund 97", "considérant 97": the article, annex or recital is linked.
_CITATION = re.compile(
    r"(?P<kind>Art\.|art\.|Annex|Anhang|[Aa]nnexe|Recital|Erwägungsgrund|[Cc]onsidérant)"
    r"\s(?P<number>\d+|[IVXL]+)(?P<rest>(?:\(\w+\))*)"
    r"(?P<more>(?:\sand\s\d+(?:\(\w+\))+)*)"
)
_ANCHOR_PREFIX = {
    "Art.": "art",
    "art.": "art",
    "Annex": "anx",
    "Anhang": "anx",
    "Annexe": "anx",
    "annexe": "anx",
    "Recital": "rct",
    "Erwägungsgrund": "rct",
    "Considérant": "rct",
    "considérant": "rct",
}
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
        return gettext("not a number yet")
    return f"= {localise_number(presentation.format_echo(value), page_language())}"


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


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """One question: its label (a legend for groups of radios or checkboxes), help text,
    errors and input, as ``{% form_field form.method %}``.

    Help text and errors are tied to the input with aria-describedby (Django does that from
    the ids used here). Help text is escaped: admins edit it, so it is never trusted HTML;
    addresses in it become links, and so do its citations of the AI Act (to the article on
    EUR-Lex). Its first paragraph is the hint under the question; the paragraphs after a
    blank line are behind "Help with this question" (GOV.UK details). Each error reads
    "Error: …" to a screen reader.

    Built in Python rather than included as a template: a wizard step has up to 34 fields,
    and an include per field was a large share of the page's time (issue 11)."""
    auto_id = markup_escape(field.auto_id)
    label = markup_escape(field.label)
    errors = field.errors
    fieldset = field.use_fieldset
    classes = "field"
    if errors:
        classes += " field--error"
    if field.field.required:
        classes += " field--required"
    parts = [f'<div class="{classes}" id="{auto_id}_field">\n']
    if fieldset:
        described = field.aria_describedby
        described_by = f' aria-describedby="{markup_escape(described)}"' if described else ""
        parts.append(f'<fieldset{described_by}>\n<legend class="field__label">{label}</legend>\n')
    else:
        label_for = markup_escape(field.id_for_label)
        parts.append(f'<label class="field__label" for="{label_for}">{label}</label>\n')
    more: tuple[str, ...] = ()
    if field.help_text:
        hint, more = _help_markup(field.help_text)
        # HTML help (Django's list of password rules) cannot sit inside a paragraph.
        tag = "div" if hasattr(field.help_text, "__html__") else "p"
        parts.append(f'<{tag} class="field__help" id="{auto_id}_helptext">{hint}</{tag}>\n')
    if errors:
        error_word = markup_escape(gettext("Error:"))
        parts.append(f'<ul class="field__errors" id="{auto_id}_error">')
        parts.extend(
            f'<li><span class="visually-hidden">{error_word}</span> {markup_escape(error)}</li>'
            for error in errors
        )
        parts.append("</ul>\n")
    parts.append(str(field))
    if is_quantity(field):
        parts.append(
            f'<output class="field__echo" data-echo-for="{auto_id}" for="{auto_id}" '
            f'data-invalid="{markup_escape(gettext("not a number yet"))}" '
            f'aria-live="off">{markup_escape(echo(field))}</output>\n'
        )
    if more:
        paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in more)
        help_with = markup_escape(gettext("Help with this question"))
        parts.append(
            f'<details class="help">\n<summary><span class="help__summary">{help_with}'
            f'<span class="visually-hidden">: {label}</span></span></summary>\n'
            f'<div class="help__text">{paragraphs}</div>\n</details>\n'
        )
    if fieldset:
        parts.append("</fieldset>\n")
    parts.append("</div>\n")
    # Safe: every value above is escaped, and the help's links are built with format_html.
    return mark_safe("".join(parts))  # noqa: S308


def _help_markup(text: object) -> tuple[str, tuple[str, ...]]:
    """The hint and the further paragraphs of a help text, as HTML."""
    if hasattr(text, "__html__"):  # HTML of Django's own, such as the (lazy) password rules
        return str(text.__html__()), ()
    return _plain_help_markup(str(text), page_language())


@lru_cache(maxsize=1024)
def _plain_help_markup(text: str, language: str = "en") -> tuple[str, tuple[str, ...]]:
    # Kept per text: the same few hundred help texts are shown on every page, and linking
    # addresses and citations (urlize) was a tenth of a wizard step's time.
    parts = _paragraphs(text)
    if not parts:
        return "", ()
    linked = [str(_cite_links(part, language)) for part in parts]
    return linked[0], tuple(linked[1:])


def _paragraphs(text: object) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", str(text or "")) if part.strip()]


@register.filter
def cite_links(text: object) -> SafeData:
    """``text`` escaped, its web addresses as links, and each citation of the AI Act
    ("Art. 53(2)", "Annex XIII", "Recital 97") a link to that article, annex or recital on
    EUR-Lex. Help texts are admins' plain text: never trusted as HTML."""
    return _cite_links(text, page_language(get_language()))


def _cite_links(text: object, language: str) -> SafeData:
    if isinstance(text, SafeData):  # HTML of Django's own, left as it is
        return text
    linked = urlize(escape(str(text)), nofollow=True)
    address = AI_ACT_EUR_LEX_IN.get(language, AI_ACT_EUR_LEX)
    # Safe: the text was escaped first, and each link is built with format_html.
    return mark_safe(  # noqa: S308
        _CITATION.sub(lambda match: _citation_link(match, address), linked)
    )


def _citation_link(match: re.Match[str], address: str = AI_ACT_EUR_LEX) -> str:
    kind, number = match["kind"], match["number"]
    first = format_html(
        '<a href="{}#{}_{}">{}</a>',
        address,
        _ANCHOR_PREFIX[kind],
        number,
        f"{kind} {number}{match['rest']}",
    )
    more = _AND_ALSO.sub(
        lambda also: format_html(
            '{}<a href="{}#{}_{}">{}</a>',
            also[1],
            address,
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
        return gettext("not given")
    return f"{localise_number(format_human(Decimal(value)), page_language())} FLOP"


@register.filter
def local_description(value: str | None) -> str:
    """The engine's description of a compute estimate in the page's language."""
    return compute_description(value or "", page_language())


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
    title = STEP_TITLES.get(step)
    return str(title) if title is not None else gettext("Not started")
