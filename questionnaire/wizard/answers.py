"""From the wizard's cleaned step data to the answers document (schema 1), and to the
list of questions as they were shown with their answers.

The answers document is the spine of the product: the engine scores it, the record stores
it, the report prints it. Numbers go in as exact decimal strings, never floats.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms as django_forms
from django.utils.translation import get_language, gettext

from questionnaire.models import Question
from questionnaire.presentation import format_echo, typed_in
from questionnaire.scoring.numbers import localise_number, to_text
from questionnaire.scoring.texts import format_date
from questionnaire.scoring.vocabulary import Method
from questionnaire.wizard.forms import (
    OPEN_SOURCE_FIELDS,
    STEP_FORMS,
    STEP_TITLES,
    WordedForm,
    step_title,
    wording_variant_keys,
)
from questionnaire.wizard.steps import Scope
from questionnaire.wording import fill_wording, wording_placeholders

StepData = Mapping[str, Mapping[str, Any]]

# Where each answers key path is asked, to send the user to the right step.
STEP_OF_PATH = {
    "model_name": "model",
    "role": "model",
    "upstream_excluded_eu": "upstream",
    "placement": "market",
    "placed_on": "market",
    "established_in_eu": "market",
    "generates": "capabilities",
    "generality": "capabilities",
    "compute": "compute",
    "parameters": "compute",
    "training_tokens": "compute",
    "synthetic_data_flop": "compute",
    "threshold_known_on": "compute",
    "inherited_flop": "compute",
    "modification": "modification",
    "open_source": "release",
    "eu_business_users": "reach",
    "business_users_scope": "reach",
    "high_impact_capabilities": "reach",
    "high_impact_known_on": "reach",
    "commission_designated": "reach",
    "designated_on": "reach",
    "notified_on": "reach",
    "own_ai_system": "reach",
    # Not asked: the wizard gives today's date. A problem with it is shown on the review.
    "assessed_on": "review",
}


def step_of(path: str) -> str:
    head = path.split(".", 1)[0].split("[", 1)[0]
    return STEP_OF_PATH.get(head, "model")


def _number(value: Decimal | None) -> str | None:
    return None if value is None else to_text(value)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _add_if_answered(answers: dict[str, Any], key: str, value: Any) -> None:
    """An optional answer goes in only when it was given: dates as ISO dates, numbers as
    exact text, yes/no as booleans, choices as their values."""
    if value is None or value == "":
        return
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, Decimal):
        value = to_text(value)
    answers[key] = value


def build_answers(steps: StepData, *, assessed_on: date | None = None) -> dict[str, Any]:
    """The answers document for the cleaned data of the steps that were shown.

    ``assessed_on`` is the date the result speaks for: the wizard gives today's date when it
    scores the answers (the review's preview, finishing), so that the engine, which never
    reads a clock, can tell due obligations from overdue ones."""
    model = steps.get("model", {})
    answers: dict[str, Any] = {
        "schema": 1,
        "model_name": model.get("model_name", ""),
        "role": model.get("role"),
    }
    _add_if_answered(answers, "assessed_on", assessed_on)
    if "upstream" in steps:
        answers["upstream_excluded_eu"] = steps["upstream"].get("upstream_excluded_eu")
    market = steps.get("market", {})
    answers["placement"] = market.get("placement")
    placed_on: date | None = market.get("placed_on")
    answers["placed_on"] = placed_on.isoformat() if placed_on else None
    if market.get("established_in_eu") is not None:
        answers["established_in_eu"] = market["established_in_eu"]
    if "capabilities" in steps:
        capabilities = steps["capabilities"]
        answers["generates"] = list(capabilities.get("generates") or [])
        answers["generality"] = capabilities.get("generality")
    if "compute" in steps:
        _add_compute(answers, steps["compute"])
    if "modification" in steps:
        modification = steps["modification"]
        known = modification.get("original_flop_known") == "known"
        answers["modification"] = {
            "original_name": modification.get("original_name") or None,
            "original_flop": _number(modification.get("original_flop")) if known else None,
            "original_systemic_risk": modification.get("original_systemic_risk"),
            "earlier_modifications_flop": [
                to_text(modification[name])
                for name in ("earlier_1", "earlier_2", "earlier_3")
                if modification.get(name) is not None
            ],
        }
    if "release" in steps:
        release = steps["release"]
        answers["open_source"] = (
            {name: release.get(name) for name in OPEN_SOURCE_FIELDS}
            if release.get("released_openly")
            else None
        )
    if "reach" in steps:
        reach = steps["reach"]
        answers["eu_business_users"] = _number(reach.get("eu_business_users"))
        _add_if_answered(answers, "business_users_scope", reach.get("business_users_scope"))
        answers["high_impact_capabilities"] = reach.get("high_impact_capabilities") or "no"
        _add_if_answered(answers, "high_impact_known_on", reach.get("high_impact_known_on"))
        answers["commission_designated"] = bool(reach.get("commission_designated"))
        _add_if_answered(answers, "designated_on", reach.get("designated_on"))
        _add_if_answered(answers, "notified_on", reach.get("notified_on"))
        _add_if_answered(answers, "own_ai_system", reach.get("own_ai_system"))
    return answers


def _add_compute(answers: dict[str, Any], data: Mapping[str, Any]) -> None:
    primary = _estimate(data, data.get("method"))
    if primary is None:
        return
    check_method = data.get("check_method") or "none"
    if check_method not in ("none", data.get("method")):
        check = _estimate(data, check_method)
        if check is not None:
            primary["check"] = check
    answers["compute"] = primary
    if data.get("parameters") is not None:
        answers["parameters"] = to_text(data["parameters"])
    if data.get("training_tokens") is not None:
        answers["training_tokens"] = to_text(data["training_tokens"])
    answers["synthetic_data_flop"] = _number(data.get("synthetic_data_flop")) or "0"
    _add_if_answered(answers, "inherited_flop", data.get("inherited_flop"))
    answers["threshold_known_on"] = _iso(data.get("threshold_known_on"))


def _estimate(data: Mapping[str, Any], method: str | None) -> dict[str, Any] | None:
    if method == Method.DIRECT:
        return {"method": Method.DIRECT.value, "flop": _number(data.get("flop"))}
    if method == Method.ARCHITECTURE:
        moe = bool(data.get("mixture_of_experts"))
        parameters = data.get("active_parameters") if moe else data.get("parameters")
        return {
            "method": Method.ARCHITECTURE.value,
            "parameters": _number(parameters),
            "tokens": _number(data.get("training_tokens")),
            "mixture_of_experts": moe,
        }
    if method == Method.HARDWARE:
        periods = []
        for period in data.get("periods") or []:
            entry: dict[str, Any] = {
                "chips": _number(period["chips"]),
                "hours": _number(period["hours"]),
                "utilisation": _number(period["utilisation"]),
            }
            if period.get("accelerator") and period["accelerator"] != "custom":
                entry["accelerator"] = period["accelerator"]
            if period.get("peak_flops") is not None:
                entry["peak_flops"] = _number(period["peak_flops"])
            periods.append(entry)
        return {"method": Method.HARDWARE.value, "periods": periods}
    return None


def shown_questions(
    forms: Mapping[str, WordedForm], wording: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Each answered question as it was shown: step, key, label, help text, the answer as
    displayed. Stored with the assessment so a record keeps the words of its day."""
    rows: list[dict[str, Any]] = []
    order = [step for step, _ in STEP_FORMS]
    for step in sorted(forms, key=order.index):
        if step == "review":
            continue  # the attestation is recorded as such, not as an answer
        form = forms[step]
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if value is None or value == "" or value == []:
                continue
            if value is False and isinstance(field, django_forms.BooleanField):
                continue  # an unticked checkbox says nothing
            key = form.shown_key(name)
            rows.append(
                {
                    "step": step,
                    "step_title": step_title(step, form.scope),
                    "key": key,
                    "field": name,
                    "label": str(field.label),
                    "help_text": str(field.help_text),
                    "answer": display_answer(field, form.data.get(form.add_prefix(name)), value),
                }
            )
    return rows


def display_answer(field: Any, raw: Any, value: Any) -> str:
    """The answer as a person reads it: the choice labels shown, the number as typed."""
    if hasattr(field, "choices"):
        labels = {str(choice): str(text) for choice, text in field.choices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(item), str(item)) for item in value)
        if isinstance(value, bool):
            return labels.get("yes" if value else "no", gettext("Yes") if value else gettext("No"))
        return labels.get(str(value), str(value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    language = (get_language() or "en").split("-")[0]
    if isinstance(value, date):
        # As the contract writes it in English (2026-03-01); in German and French as the
        # language writes a date (1. März 2026, 1 mars 2026).
        return format_date(value, language) if language in ("de", "fr") else value.isoformat()
    if isinstance(value, Decimal):
        typed = typed_in(str(raw).strip() if raw else str(value), language)
        # The value read in the page's notation: "3,2 × 10^24" in German and French.
        echoed = localise_number(format_echo(value), language)
        return typed if typed == echoed else f"{typed} (= {echoed})"
    return str(value)


def questions_for_answers(answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The questions an answers document answers, in the current wording, for answers that
    did not come through the wizard (the command line): each row as ``shown_questions``
    makes it, the answer as given. Placeholders are filled from the default rule set, the
    one ``assess`` scores with, as the wizard fills them."""
    rows = []
    values = wording_placeholders()
    questions = list(Question.objects.order_by("position", "key"))
    by_key = {question.key: question for question in questions}
    role = answers.get("role")
    scope = Scope(role=role if isinstance(role, str) else None)
    variant_keys = wording_variant_keys()
    in_place_of = variant_keys.get(scope.wording_variant or "", {})
    variants = {key for keys in variant_keys.values() for key in keys.values()}
    for question in questions:
        if question.key in variants:
            continue  # shown in place of its common question, to the parties it words
        value = _at_path(answers, question.key)
        if value is None or value == [] or value == "":
            continue
        question = by_key.get(in_place_of.get(question.key, ""), question)
        words = fill_wording(question.wording(), values)
        labels = words["choice_labels"]
        if isinstance(value, bool):
            answer = labels.get("yes" if value else "no", "Yes" if value else "No")
        elif isinstance(value, list):
            answer = ", ".join(labels.get(str(item), str(item)) for item in value)
        else:
            answer = labels.get(str(value), str(value))
        rows.append(
            {
                "step": question.step,
                "step_title": step_title(question.step, scope)
                if question.step in STEP_TITLES
                else question.step,
                "key": question.key,
                "field": question.key,
                "label": words["label"],
                "help_text": words["help_text"],
                "answer": answer,
            }
        )
    return rows


def _at_path(document: Mapping[str, Any], path: str) -> Any:
    value: Any = document
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value
