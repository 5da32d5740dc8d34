"""Database models: organisations and their members, question wording with its history,
drafts of the guided questionnaire, and completed assessments.

Reads that depend on who is asking go through ``questionnaire.selectors``; writes that
matter go through ``questionnaire.services``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        ATTESTER = "attester", "Attester"
        ADMIN = "admin", "Administrator"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.role})"

    @property
    def can_attest(self) -> bool:
        """Attesters and administrators may attest and sign assessments."""
        return self.role in (self.Role.ATTESTER, self.Role.ADMIN)


class Question(models.Model):
    """The wording of one question of the wizard. The key and the choice values are the
    answers contract's logic and never change; the words around them are the admins'."""

    key = models.CharField(max_length=100, unique=True, editable=False)
    step = models.CharField(max_length=40, editable=False)
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    label = models.CharField(max_length=300)
    help_text = models.TextField(blank=True)
    choice_labels = models.JSONField(
        default=dict,
        blank=True,
        help_text="Label shown for each fixed choice value.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.label}"

    def wording(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "help_text": self.help_text,
            "choice_labels": dict(self.choice_labels),
        }


class QuestionRevision(models.Model):
    """One edit of a question's wording: who, when, before and after."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    before = models.JSONField()
    after = models.JSONField()

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.question.key} changed at {self.changed_at:%Y-%m-%d %H:%M}"


class Draft(models.Model):
    """A questionnaire in progress: the wizard's raw step data, kept per user and
    organisation so it survives logout, session expiry and restarts."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="drafts")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    model_name = models.CharField(max_length=200, blank=True)
    current_step = models.CharField(max_length=40, blank=True)
    state = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.model_name or f"Draft {self.public_id}"


class Assessment(models.Model):
    """A completed questionnaire: the answers document, the wording shown with each
    answer, and the engine's result. Ready to be attested and signed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assessments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    model_name = models.CharField(max_length=200)
    draft_public_id = models.UUIDField(
        null=True, blank=True, editable=False, help_text="The draft this assessment completed."
    )
    answers = models.JSONField()
    shown = models.JSONField(
        help_text="Each question as it was shown (step, key, label, help text) with the answer."
    )
    result = models.JSONField()
    ruleset = models.CharField(max_length=40)
    classification = models.CharField(max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.model_name} ({self.created_at:%Y-%m-%d})"
