"""Help texts in two parts: a one-line hint under the question, the rest on request.

The wizard shows a help text's first paragraph under its question and the paragraphs after
a blank line behind "Help with this question" (GOV.UK details); it links each citation of
the AI Act ("Art. 53(2)", "Annex XIII", "Recital 97") to that article on EUR-Lex. So each
default help text here gets a short hint, then a blank line, then its explanation. Where the
old text's first sentence is a fit hint (``"rest"``), it is that sentence and the rest
follows; otherwise (``"whole"``) a new hint comes before the whole old explanation. The old
link to the whole Regulation, which every citation repeated, goes: each citation now links
to its own article. Nothing else in the words changes, so no explanation is lost.

A help text is rewritten only while it is still the previous default (0006's words, which
take 0002's): what an admin wrote is never touched. A question rewritten that has a history
of revisions gets one more, without a user, so that its history stays a chain (as in 0005);
a question never edited gets none. Assessments and records keep the words they showed.
Going back puts the previous default back wherever the text is still this migration's.
"""

import importlib
import re
from typing import Any

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

PREVIOUS = importlib.import_module("questionnaire.migrations.0006_wording_for_rule_set_2026_1")

WHOLE_REGULATION = f" — {PREVIOUS.AI_ACT}"

# Question key → (how the hint is made, the hint for "whole").
HINTS: dict[str, tuple[str, str]] = {
    "model_name": ("rest", ""),
    "role": (
        "whole",
        "Your role decides which questions follow and which obligations can apply to you.",
    ),
    "upstream_excluded_eu": (
        "whole",
        "Answer yes only if the upstream provider, established outside the EU, has clearly "
        "and unequivocally excluded the EU.",
    ),
    "placement": (
        "whole",
        "Where the model stands today. Research only, EU excluded and internal use apply only "
        "on strict conditions.",
    ),
    "placed_on": ("rest", ""),
    "established_in_eu": ("rest", ""),
    "generates": ("rest", ""),
    "generality": (
        "whole",
        "Wide if the model competently performs a wide range of distinct tasks; narrow only "
        "if you can justify it.",
    ),
    "modification.original_name": ("rest", ""),
    "modification.original_flop_known": ("rest", ""),
    "modification.original_flop": ("rest", ""),
    "modification.original_systemic_risk": ("rest", ""),
    "modification.earlier_modifications_flop": ("rest", ""),
    "compute.method": (
        "whole",
        "Choose the method your figures support; the questions of that method follow.",
    ),
    "compute.flop": (
        "whole",
        "The FLOP that updated the model's weights, for example 3.2e24 or 3.2 × 10^24.",
    ),
    "parameters": ("rest", ""),
    "training_tokens": ("rest", ""),
    "compute.mixture_of_experts": ("rest", ""),
    "compute.active_parameters": ("rest", ""),
    "compute.check_method": (
        "rest-after",
        "Optional: a second estimate of the compute, made another way.",
    ),
    "synthetic_data_flop": (
        "whole",
        "Compute spent generating synthetic training data that is not publicly available; "
        "enter 0 if none.",
    ),
    "inherited_flop": (
        "whole",
        "Compute that trained other weights the model started from or was merged with, in "
        "FLOP; 0 if none.",
    ),
    "threshold_known_on": (
        "whole",
        "The date it became known that cumulative compute would exceed {systemic_threshold}; "
        "blank if it is not in reach.",
    ),
    "compute.periods.chips": ("rest", ""),
    "compute.periods.hours": ("rest", ""),
    "compute.periods.accelerator": ("rest", ""),
    "compute.periods.peak_flops": (
        "whole",
        "Other chip only: its peak dense 16-bit operations per second, for example 989T.",
    ),
    "compute.periods.utilisation": (
        "whole",
        "A fraction or a percentage of the peak, for example 0.4 or 40% (model FLOP utilisation).",
    ),
    "compute.method.modifier": (
        "whole",
        "Your modification's own compute only; choose the method your figures support.",
    ),
    "compute.flop.modifier": (
        "whole",
        "The FLOP that updated the weights during your modification, for example 3.2e22.",
    ),
    "parameters.modifier": (
        "whole",
        "The total number of parameters after your modification, for example 7B or 405B; "
        "usually the original's.",
    ),
    "training_tokens.modifier": (
        "whole",
        "The tokens of your modification's own training data, every epoch counted, for example 2B.",
    ),
    "compute.check_method.modifier": (
        "rest-after",
        "Optional: a second estimate of your modification's compute, made another way.",
    ),
    "synthetic_data_flop.modifier": (
        "whole",
        "Compute spent generating non-public synthetic data for your modification; enter 0 "
        "if none.",
    ),
    "threshold_known_on.modifier": (
        "whole",
        "The date it became known that your modification would cross its threshold; blank "
        "if it is not in reach.",
    ),
    "compute.periods.chips.modifier": ("rest", ""),
    "compute.periods.hours.modifier": ("rest", ""),
    "open_source.released": ("rest", ""),
    "open_source.licence_permits_all": (
        "whole",
        "No if it is research-only or non-commercial, caps users, bans distribution or needs "
        "a separate commercial licence.",
    ),
    "open_source.weights_public": ("rest", ""),
    "open_source.architecture_public": ("rest", ""),
    "open_source.usage_public": (
        "whole",
        "Yes if you publish its modalities, capabilities and limitations, and how to integrate it.",
    ),
    "open_source.monetised": (
        "whole",
        "Yes if using or accessing it means paying, directly or indirectly.",
    ),
    "eu_business_users": ("rest", ""),
    "business_users_scope": ("rest", ""),
    "high_impact_capabilities": (
        "whole",
        "Yes if your evaluations, such as benchmarks, show capabilities that match or exceed "
        "the most advanced models.",
    ),
    "high_impact_known_on": ("rest", ""),
    "commission_designated": ("rest", ""),
    "designated_on": (
        "whole",
        "The date you were informed of the Commission's designation decision.",
    ),
    "notified_on": ("rest", ""),
    "own_ai_system": (
        "whole",
        "Yes if you offer or use an AI system built on this model, such as a chatbot or an app.",
    ),
}

# The end of the first sentence: a full stop (not of "Art." or a number) before a capital.
_FIRST_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z“(])")


def new_help_text(key: str, previous: str) -> str:
    """The hint, a blank line, then the explanation: the previous default's words without
    the link to the whole Regulation."""
    how, hint = HINTS[key]
    text = previous.replace(WHOLE_REGULATION, "")
    if how == "whole":
        return f"{hint}\n\n{text}"
    parts = _FIRST_SENTENCE.split(text, maxsplit=1)
    first, rest = parts[0], parts[1] if len(parts) > 1 else ""
    if how == "rest-after":  # the first sentence is folded into the new hint
        return f"{hint}\n\n{rest}" if rest else hint
    return f"{first}\n\n{rest}" if rest else first


def previous_default(key: str) -> str:
    text: str = PREVIOUS.wording(key)["help_text"]
    return text


def wording(question: Any) -> dict[str, Any]:
    return {
        "label": question.label,
        "help_text": question.help_text,
        "choice_labels": dict(question.choice_labels or {}),
    }


def rewrite(apps: Apps, *, forwards: bool) -> None:
    Question = apps.get_model("questionnaire", "Question")
    QuestionRevision = apps.get_model("questionnaire", "QuestionRevision")
    for question in Question.objects.filter(key__in=list(HINTS)).order_by("position"):
        old = previous_default(question.key)
        new = new_help_text(question.key, old)
        before, after = (old, new) if forwards else (new, old)
        if question.help_text != before:
            continue  # an admin's words, or already rewritten
        was = wording(question)
        question.help_text = after
        question.save(update_fields=["help_text", "updated_at"])
        if QuestionRevision.objects.filter(question=question).exists():
            # Its history goes on from the words it ends with (as 0005 keeps it).
            QuestionRevision.objects.create(
                question=question, changed_by=None, before=was, after=wording(question)
            )


def split_help_texts(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    rewrite(apps, forwards=True)


def join_help_texts(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    rewrite(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0010_record_reports"),
    ]

    operations = [
        migrations.RunPython(split_help_texts, join_help_texts),
    ]
