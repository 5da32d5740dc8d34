"""The evidence the review step shows beside each answer of a draft, with the form that
attaches more and the buttons that remove it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from questionnaire.evidence.forms import EvidenceForm
from questionnaire.evidence.selectors import evidence_of_draft
from questionnaire.evidence.services import evidence_max_bytes
from questionnaire.models import Draft, Evidence
from questionnaire.selectors import User
from questionnaire.wording import wording_map

__all__ = ["EvidenceSlot", "ReviewEvidence", "evidence_add_url", "review_evidence"]


def evidence_add_url(draft: Draft, question_key: str) -> str:
    return reverse(
        "evidence_add", kwargs={"draft_id": draft.public_id, "question_key": question_key}
    )


@dataclass
class EvidenceSlot:
    """One answer's evidence: the question, the files and links attached, and the form
    (tied to the ``<form id=form_id>`` the page renders after the questionnaire's form)."""

    key: str
    label: str
    anchor: str
    items: list[Evidence]
    form: EvidenceForm
    form_id: str
    action: str


@dataclass
class ReviewEvidence:
    """Every answer's slot, by the row (step and field) that shows it first: a question
    shown on several rows (the periods of training) has its evidence on the first. ``other``
    holds evidence on questions no row shows now (an answer changed since): still attached,
    so still shown, for it would be signed with the rest."""

    slots: dict[tuple[str, str], EvidenceSlot] = field(default_factory=dict)
    other: list[EvidenceSlot] = field(default_factory=list)

    def slot(self, row: Mapping[str, Any]) -> EvidenceSlot | None:
        return self.slots.get((str(row.get("step")), str(row.get("field"))))

    @property
    def all_slots(self) -> list[EvidenceSlot]:
        return [*self.slots.values(), *self.other]

    @property
    def items(self) -> list[Evidence]:
        return [item for slot in self.all_slots for item in slot.items]


def review_evidence(
    *, user: User, draft: Draft, rows: Iterable[MutableMapping[str, Any]]
) -> ReviewEvidence:
    """The review's evidence for the answers ``rows`` (``wizard.answers.shown_questions``)
    of ``draft``, one the user may open. The first row of each question gets its slot as
    ``row["evidence"]``, which the review's template shows beside the answer."""
    attached: dict[str, list[Evidence]] = {}
    for evidence in evidence_of_draft(user=user, draft_public_id=draft.public_id):
        attached.setdefault(evidence.question_key, []).append(evidence)
    found = ReviewEvidence()
    shown: set[str] = set()
    max_bytes = evidence_max_bytes()

    def slot_for(key: str, label: str) -> EvidenceSlot:
        number = len(found.slots) + len(found.other) + 1
        form_id = f"evidence-add-{number}"
        return EvidenceSlot(
            key=key,
            label=label,
            anchor=f"evidence-{key}",
            items=attached.get(key, []),
            form=EvidenceForm(
                auto_id=f"evidence-{number}-%s", max_bytes=max_bytes, form_id=form_id
            ),
            form_id=form_id,
            action=evidence_add_url(draft, key),
        )

    for row in rows:
        key = str(row.get("key", ""))
        if not key or key in shown:
            continue
        shown.add(key)
        slot = slot_for(key, str(row.get("label", key)))
        found.slots[(str(row.get("step")), str(row.get("field")))] = slot
        row["evidence"] = slot
    unshown = [key for key in attached if key not in shown]
    labels = wording_map() if unshown else {}
    for key in unshown:
        found.other.append(slot_for(key, str(labels.get(key, {}).get("label") or key)))
    return found
