"""The answers contract's problems (``scoring.answers.Problem``) in the reader's language.

The engine imports no Django: its messages are English templates with ``%(name)s`` places
(``Problem.template``, ``Problem.params``), and the JSON API and the command line answer
with the filled English. Pages say them in their reader's language from the catalogues,
whose entries are listed here (``MESSAGES``, and ``NUMBER_MESSAGES`` for the number parser;
``tests/i18n/test_answers_messages.py`` and ``test_number_errors.py`` check that every
template is among them and translated).
"""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.translation import get_language, gettext, gettext_noop

from questionnaire.scoring.answers import Problem
from questionnaire.scoring.texts import format_date

MESSAGES = (
    gettext_noop("is required"),
    gettext_noop("is required: give a positive number"),
    gettext_noop("must be a positive number"),
    gettext_noop("must be zero or a positive number"),
    gettext_noop("is required: give true or false"),
    gettext_noop("must be true or false"),
    gettext_noop("is required: one of %(options)s"),
    gettext_noop("must be one of %(options)s"),
    gettext_noop("is required: give a date as YYYY-MM-DD"),
    gettext_noop("must lie between %(earliest)s and %(latest)s"),
    gettext_noop("must be a date written YYYY-MM-DD, such as 2026-03-01"),
    gettext_noop("must be an object"),
    gettext_noop("must be a JSON object"),
    gettext_noop("is required: %(schema)s"),
    gettext_noop("must be %(schema)s (this tool reads answers schema %(schema)s)"),
    gettext_noop("must be text"),
    gettext_noop("must be at most %(count)s characters"),
    gettext_noop(
        "a model not yet placed cannot have been placed before %(date)s: choose 'placed' if it was"
    ),
    gettext_noop("a placing date in the future: choose 'planned'"),
    gettext_noop("must not be before %(date)s, when designations became possible"),
    gettext_noop("must not be after the assessment date (assessed_on)"),
    gettext_noop("is incomplete"),
    gettext_noop("is required: a list of what the model generates (%(options)s), or []"),
    gettext_noop("must be a list of %(options)s"),
    gettext_noop("give either periods or chips, hours, utilisation and accelerator, not both"),
    gettext_noop("must be a non-empty list of training periods"),
    gettext_noop("must be an object with chips, hours, utilisation and accelerator"),
    gettext_noop("must be greater than 0 and at most 1 (for example 0.4)"),
    gettext_noop("must be one of %(options)s, or give peak_flops instead"),
    gettext_noop("is required: one of %(options)s, or give peak_flops instead"),
    gettext_noop("must be a list of numbers"),
    gettext_noop("is required: how much compute training used (method and figures)"),
    gettext_noop(
        "is required for a modifier: the original model's compute and whether it has systemic risk"
    ),
)

NUMBER_MESSAGES = (
    gettext_noop("is empty; write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"),
    gettext_noop(
        "%(text)s is not a number; write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"
    ),
    gettext_noop("must be a number, not %(value)s"),
    gettext_noop("must be a finite number"),
    gettext_noop("must be a number; write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"),
    gettext_noop(
        "is out of range: a figure must lie between 10^-%(magnitude)s and 10^%(magnitude)s, "
        "such as 3.2e24"
    ),
)
"""The number parser's messages (``scoring.numbers.ERROR_TEMPLATES``), for the catalogues:
the ledger's refusals and ``message_text`` say them in the page's language."""

QUOTES = {"de": ("„", "“"), "fr": ("« ", " »")}
"""How a language quotes what a person typed; English quotes as the API does (Python's
``repr``)."""


def quoted(text: str, language: str) -> str:
    """``text`` a person typed, in the quotes of ``language``."""
    if language in QUOTES:
        opening, closing = QUOTES[language]
        return f"{opening}{text}{closing}"
    return repr(text)


def message_text(problem: Problem, language: str | None = None) -> str:
    """What is wrong, without the path, in ``language`` (the active one when not given):
    the English ``message`` where there is no template or the page is English."""
    language = (language or get_language() or "en").split("-")[0]
    if language == "en" or not problem.template:
        return problem.message
    params: dict[str, object] = {}
    for name, value in problem.params.items():
        params[name] = format_date(value, language) if isinstance(value, date) else value
    error = problem.number_error
    if error is not None and error.typed is not None:
        params["text"] = quoted(error.typed, language)
    with translation.override(language):
        template = gettext(problem.template)
    return template % params if params else template


def problem_text(problem: Problem, language: str | None = None) -> str:
    """``path: message``, the message in ``language`` (``message_text``)."""
    return f"{problem.path}: {message_text(problem, language)}"
