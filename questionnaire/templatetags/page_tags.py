"""Template helpers of the record and verification pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from questionnaire import presentation
from questionnaire.audit import action_label

register = template.Library()


@register.filter
def utc_time(value: object) -> SafeString | str:
    """A signed ISO time as ``<time datetime="2026-11-29T14:05:00Z">29 November 2026, 14:05
    UTC</time>``; text that is not such a time is shown as given (escaped)."""
    moment = presentation.utc_moment(value, presentation.page_language())
    if moment is None:
        return "" if value is None else str(value)
    return format_html('<time datetime="{}">{}</time>', moment.iso, moment.text)


@register.filter
def audit_action(action: str) -> str:
    """An audit event's action in the page's language (``questionnaire.audit.action_label``)."""
    return action_label(action)
