"""The default wording names the rule set's figures and dates with placeholders.

Before, the figures of the rule set were typed into the default words ("exceed" the systemic
threshold, the margins, the dates...), and drifted whenever a rule set changed. 0002 now
writes placeholders such as ``{systemic_threshold}``, which the wizard fills from the current
rule set; this migration brings a database made before that to the same words.

A part (label, help text or one choice label) is rewritten only while its stored text is
still the old default, recognised by the SHA-256 of that text: the old text is not repeated
here, since its figures belong in the rule-set files only, and the new text is taken from
0002, so it is written in one place. Words an admin has edited are never touched. On a
database made by the new 0002 no stored text has an old hash, so this does nothing.

Each question rewritten gets one revision without a user, a system change: the stored words
did change (the admin now shows placeholders), and the history stays a chain where each
change starts from the words the one before ended with. What people read is unchanged: filled
with the rule set of its day, each new text reads exactly as the old one (a test checks it).

Going back fills the placeholders in with the default rule set, wherever the stored text is
still 0002's, so the code from before the placeholders shows the same words.
"""

import hashlib
import importlib
from collections.abc import Callable
from typing import Any

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

DEFAULT_WORDING = importlib.import_module("questionnaire.migrations.0002_default_question_wording")

# Question key → part (label, help text, or choice labels by value) → SHA-256 of its old default.
OLD_DEFAULT_SHA256: dict[str, dict[str, Any]] = {
    "placed_on": {
        "help_text": "6b2ffd9cbe69f8bd2fb982be86d5ed8989fc2cb267733ea950cf99abd8a5ddf7",
    },
    "compute.method": {
        "help_text": "9869467bc5d256f526d5e6f8bd72994f33595f0211f023742d3ac410eca9df2f",
        "choice_labels": {
            "architecture": "4b3fa0ea58af2642dd89f8e1a21bbe603679f05d4ed279ff542f775615b7aff9",
        },
    },
    "compute.check_method": {
        "help_text": "109af3a93fb613d0b70476cc178567e6f9ff529f35454a2a874d6aaa05a4f847",
    },
    "threshold_known_on": {
        "label": "6aae4ad2445e234af895f8d164933b6c59ab7cd563db2782b48e900904b50021",
        "help_text": "358d88c264e2243dae9553e2d19c2271f8c252c2969c452950051f64007e1209",
    },
    "modification.original_flop_known": {
        "help_text": "d1501cbd30cc21fde5f1fa512d60667a0a3c721201c50c754b304199309f86d9",
    },
    "modification.original_flop": {
        "help_text": "5364fcda3da439434b0b0c9704962bef03a6b731201c98e6d90536f2a419bc23",
    },
    "eu_business_users": {
        "help_text": "45334049cb6f216c33a814d364a3de48b61012f4c86ae0f47f9e64ae9de84fe6",
    },
}


def sha256(text: str) -> str:
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()


def wording(question: Any) -> dict[str, Any]:
    return {
        "label": question.label,
        "help_text": question.help_text,
        "choice_labels": dict(question.choice_labels or {}),
    }


def new_default(key: str) -> dict[str, Any]:
    """The question's words as 0002 now writes them."""
    questions: list[dict[str, Any]] = list(DEFAULT_WORDING.questions())
    return next(question for question in questions if question["key"] == key)


Replacement = Callable[[str, str, str], str | None]
"""``(stored text, SHA-256 of its old default, 0002's text)`` → the new text, or ``None``."""


def rewrite(apps: Apps, replacement: Replacement) -> None:
    """Give each part of ``OLD_DEFAULT_SHA256`` the text ``replacement(stored, digest,
    default)`` returns, where it returns one, and record each question changed as one
    revision without a user."""
    Question = apps.get_model("questionnaire", "Question")
    QuestionRevision = apps.get_model("questionnaire", "QuestionRevision")
    for question in Question.objects.filter(key__in=OLD_DEFAULT_SHA256).order_by("position"):
        digests = OLD_DEFAULT_SHA256[question.key]
        default = new_default(question.key)
        before = wording(question)
        after = wording(question)
        for part in ("label", "help_text"):
            if part in digests:
                text = replacement(after[part], digests[part], default[part])
                after[part] = after[part] if text is None else text
        for value, digest in digests.get("choice_labels", {}).items():
            if value in after["choice_labels"]:
                stored = after["choice_labels"][value]
                text = replacement(stored, digest, default["choice_labels"][value])
                after["choice_labels"][value] = stored if text is None else text
        if after == before:
            continue
        question.label = after["label"]
        question.help_text = after["help_text"]
        question.choice_labels = after["choice_labels"]
        question.save(update_fields=["label", "help_text", "choice_labels", "updated_at"])
        QuestionRevision.objects.create(
            question=question, changed_by=None, before=before, after=after
        )


def use_placeholders(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    """The placeholder text, where the stored text is still the old default."""

    def replacement(stored: str, digest: str, default: str) -> str | None:
        return default if sha256(stored) == digest else None

    rewrite(apps, replacement)


def fill_placeholders(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    """Back: the placeholders filled with the default rule set, where the stored text is still
    0002's placeholder text."""
    from questionnaire.wording import fill, wording_placeholders

    values = wording_placeholders()

    def replacement(stored: str, digest: str, default: str) -> str | None:
        return fill(stored, values) if stored == default else None

    rewrite(apps, replacement)


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0004_signed_records"),
    ]

    operations = [
        migrations.RunPython(use_placeholders, fill_placeholders),
    ]
