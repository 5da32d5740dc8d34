"""Template helpers of the model register, API token and members pages: figures and dates
in the active language (English as ever; German and French in their own notation), and the
English labels of the models' choices translated where they are shown."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext

from questionnaire import presentation
from questionnaire.scoring.texts import format_date

register = template.Library()


def _language() -> str:
    return presentation.page_language()


@register.filter
def local_flop(value: object) -> str:
    """``3.2 × 10²⁴ FLOP`` (English), ``3,2 × 10²⁴ FLOP`` (German, French)."""
    return presentation.flop_text(value, _language())


@register.filter(expects_localtime=True)
def local_day(value: date | datetime | None, english_format: str = "j F Y") -> str:
    """A date: in English with ``english_format`` (as the page wrote it), in German and
    French as ``29. November 2026`` / ``29 novembre 2026``."""
    if value is None or value == "":
        return ""
    language = _language()
    if language == "en":
        return date_format(value, english_format)
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, language)


@register.filter
def translated(value: object) -> str:
    """An English label (a model's choice) in the active language."""
    return gettext(str(value)) if value else ""


@register.filter(expects_localtime=True)
def local_moment(value: datetime | None, english_format: str = "j F Y, H:i") -> str:
    """A moment: in English with ``english_format``, in German and French as
    ``29. November 2026, 14:05`` / ``29 novembre 2026, 14:05``."""
    if value is None or value == "":
        return ""
    language = _language()
    if language == "en":
        return date_format(value, english_format)
    return f"{format_date(value.date(), language)}, {value:%H:%M}"


@register.filter
def role_word(value: object) -> str:
    """A role's English label (``Attester``) as a word of a sentence in the active
    language: ``attester``, ``Unterzeichnende(r)`` (German nouns keep their capital),
    ``signataire``."""
    label = gettext(str(value)) if value else ""
    return label if _language() == "de" else label.lower()
