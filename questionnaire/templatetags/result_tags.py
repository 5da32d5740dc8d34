"""Template helpers of the result display (templates/questionnaire/includes/result.html),
shared by the review step's preview, the result page and the record page: the obligations
with their status in words, and figures with superscript exponents.

The include works out its obligations itself, from the result (and the answers, where the
page has them), so every page that includes it shows the same words whatever its view
passes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from questionnaire import presentation
from questionnaire.charts import ComputeChart, chart_svg

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
    )


@register.filter
def flop_figure(value: object) -> str:
    """``3.2 × 10²⁴ FLOP`` from a result document's ``3.2e24``; ``not given`` for null."""
    return presentation.flop_text(value)


@register.filter
def superscripts(value: object) -> str:
    """Powers of ten written as superscripts, for figures the application writes."""
    return presentation.superscript_exponents(str(value))


@register.simple_tag
def compute_chart(chart: ComputeChart, chart_id: str = "") -> SafeString:
    """The chart's SVG (``questionnaire.chart_svg``): every text in it is escaped."""
    return mark_safe(chart_svg(chart, chart_id))  # noqa: S308
