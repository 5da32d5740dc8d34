"""Template helpers of the result display (templates/questionnaire/includes/result.html),
shared by the review step's preview, the result page and the record page: the obligations
with their status in words, and figures with superscript exponents, all in the page's
language (``translation.get_language()``).

The include works out its obligations itself, from the result (and the answers, where the
page has them), so every page that includes it shows the same words whatever its view
passes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import template
from django.utils import dateformat, timezone
from django.utils.safestring import SafeString, mark_safe

from questionnaire import presentation
from questionnaire.charts import ComputeChart, chart_svg
from questionnaire.i18n.results import result_in

register = template.Library()


def today() -> date:
    """Today's date, against which a stored result's statuses are read again."""
    return timezone.localdate()


@register.simple_tag
def obligations_of(
    result: Mapping[str, Any], answers: object = None, statuses_as: object = ""
) -> presentation.ObligationsView:
    """``{% obligations_of result answers "attested" as duties %}``: the obligations of a
    result in words. With the answers, a result of an earlier day also gets today's
    statuses; ``"attested"`` says the result is a signed record's."""
    return presentation.obligations_view(
        result,
        answers=answers if isinstance(answers, Mapping) else None,
        today=today(),
        attested=statuses_as == "attested",
        language=presentation.page_language(),
    )


@dataclass(frozen=True)
class ResultShown:
    """A result as the page shows it: the document with its texts in the page's language,
    the verdict, the flags explained and the chart."""

    result: Mapping[str, Any]
    verdict: str
    flags: list[dict[str, str]]
    chart: ComputeChart | None


@register.simple_tag
def result_shown(
    result: Mapping[str, Any],
    verdict: object = "",
    flags: object = None,
    chart: object = None,
    fixed: object = False,
) -> ResultShown:
    """``{% result_shown result verdict flags chart fixed as shown %}``: the result in the
    page's language. ``fixed``: the view already gives the texts to show (a signed record
    read in its signed language shows the texts it signed), so nothing is rendered again.
    On an English page, or when fixed, what the view gives is shown as given."""
    given_flags = flags if isinstance(flags, list) else []
    given_chart = chart if isinstance(chart, ComputeChart) else None
    language = presentation.page_language()
    if fixed or language == "en" or not isinstance(result, Mapping) or not result:
        return ResultShown(result, str(verdict or ""), given_flags, given_chart)
    chart_local = (
        presentation.chart_for_result(result, chart_id=given_chart.chart_id, language=language)
        if given_chart is not None
        else None
    )
    return ResultShown(
        result_in(result, language),
        presentation.verdict(result, language) if "classification" in result else "",
        presentation.flags_explained(result, language) if "flags" in result else [],
        chart_local,
    )


@register.filter
def flop_figure(value: object) -> str:
    """``3.2 × 10²⁴ FLOP`` from a result document's ``3.2e24`` (``3,2 × 10²⁴ FLOP`` on a
    German or French page); ``not given`` for null."""
    return presentation.flop_text(value, presentation.page_language())


@register.filter
def classification_words(value: object) -> str:
    """A classification's name in the page's language."""
    return presentation.classification_label(str(value), presentation.page_language())


@register.filter(expects_localtime=True)
def local_date_format(value: object, english_format: str) -> str:
    """``|date`` with the English format of the page (``j F Y, H:i``) on English pages; on
    German ones the day takes its full stop (``29. November 2026, 14:05``), French ones
    write it as English does with French month names."""
    if not isinstance(value, date):
        return "" if value is None else str(value)
    language = presentation.page_language()
    shape = english_format
    if language == "de":
        shape = shape.replace("j F", "j. F").replace("j M", "j. M")
    return dateformat.format(value, shape)


@register.filter
def local_day(value: object) -> str:
    """An ISO date as the page's reader writes it: as is on English pages, ``29. November
    2026`` / ``29 novembre 2026`` on German and French ones."""
    if value is None or value == "":
        return ""
    return presentation.local_date(str(value), presentation.page_language())


@register.filter
def superscripts(value: object) -> str:
    """Powers of ten written as superscripts, for figures the application writes."""
    return presentation.superscript_exponents(str(value))


@register.simple_tag
def compute_chart(chart: ComputeChart, chart_id: str = "") -> SafeString:
    """The chart's SVG (``questionnaire.chart_svg``): every text in it is escaped."""
    return mark_safe(chart_svg(chart, chart_id))  # noqa: S308
