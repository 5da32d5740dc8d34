"""Template helpers of the record, verification and rule set pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

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


@register.filter
def rule_text(text: str) -> dict[str, str]:
    """A rule set's title, change or reason as ``{"text", "lang"}``: in the page's language
    where the catalogues hold it (their entries are the rule sets' English texts, which stay
    in the rule set files untouched; ``tests/i18n/test_rulesets_page.py`` keeps them
    complete), else the English with ``lang="en"``."""
    language = presentation.page_language()
    if not text or language == "en":
        return {"text": text or "", "lang": "en"}
    translated = gettext(text)
    return {"text": translated, "lang": language if translated != text else "en"}
