"""The words of the wizard's questions: reading them all at once, and changing them with a
record of who changed what.

The key of a question and its choice values are logic (the answers contract); only the words
around them change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from questionnaire.models import Question, QuestionRevision


def wording_map() -> dict[str, dict[str, Any]]:
    """Every question's wording, ``{key: {"label", "help_text", "choice_labels"}}``, read in
    one query."""
    rows = Question.objects.values("key", "label", "help_text", "choice_labels")
    return {
        row["key"]: {
            "label": row["label"],
            "help_text": row["help_text"],
            "choice_labels": dict(row["choice_labels"] or {}),
        }
        for row in rows
    }


@transaction.atomic
def question_update_wording(
    *,
    question: Question,
    label: str,
    help_text: str,
    choice_labels: Mapping[str, str],
    changed_by: AbstractBaseUser | None,
) -> QuestionRevision | None:
    """Give ``question`` new words and record the change as a ``QuestionRevision``.

    The words before the change are read from the database (locked for the transaction), so a
    form that has already changed the instance in memory still yields the right "before".
    Nothing is written, and ``None`` returned, when the words are unchanged.

    Raises ``ValueError`` when ``choice_labels`` does not label exactly the question's fixed
    choice values: choice values are logic and never change here.
    """
    stored = Question.objects.select_for_update().get(pk=question.pk)
    fixed_values = list(stored.choice_labels)
    if set(choice_labels) != set(fixed_values):
        raise ValueError(
            f"Question {stored.key!r} has the fixed choice values {sorted(fixed_values)}; "
            f"got labels for {sorted(choice_labels)}."
        )
    before = stored.wording()
    after = {
        "label": label,
        "help_text": help_text,
        "choice_labels": {value: choice_labels[value] for value in fixed_values},
    }
    question.label = label
    question.help_text = help_text
    question.choice_labels = dict(after["choice_labels"])
    if after == before:
        return None
    stored.label = label
    stored.help_text = help_text
    stored.choice_labels = dict(after["choice_labels"])
    stored.save(update_fields=["label", "help_text", "choice_labels", "updated_at"])
    question.updated_at = stored.updated_at
    return QuestionRevision.objects.create(
        question=stored,
        changed_by_id=changed_by.pk if changed_by is not None else None,
        before=before,
        after=after,
    )
