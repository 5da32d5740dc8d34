"""Database models: organisations and their members, question wording with its history,
drafts of the guided questionnaire, completed assessments, and their signed records with
the keys and certificates that sign them.

Reads that depend on who is asking go through ``questionnaire.selectors``; writes that
matter go through ``questionnaire.services``.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

# A row's name (``__str__``) is what the admin shows for it: in its change lists, titles,
# breadcrumbs, deletion pages and history. It is written in the active language, so a German
# or French admin names rows in its own words; in English it reads exactly as it always has
# (the values of choices, dates as ISO). Nothing that must not change with the reader's
# language (signed payloads, reports, exports, the API, the command line, logs, e-mails,
# audit events) is written from a row's name: those write the fields they mean.


def _name_language() -> str:
    """The language rows are named in: the active one as ``en``, ``de`` or ``fr``."""
    return (translation.get_language() or "en").split("-")[0].lower()


def _names_in_english() -> bool:
    """Whether rows are named in English: the active language is English, or none is."""
    return _name_language() not in ("de", "fr")


def _choice_name(value: str, label: object) -> str:
    """A choice in a row's name: its value in English (``pre_training``, as names always
    said it), its label (``get_FOO_display()``) in the active language otherwise."""
    return value if _names_in_english() else gettext(str(label))


def _role_name(value: str, label: object) -> str:
    """A role in a row's name: ``attester`` in English, ``Unterzeichnende(r)`` in German
    (nouns keep their capital), ``signataire`` in French (as ``members.services.role_name``
    writes a role in a sentence)."""
    name = _choice_name(value, label)
    return name.lower() if _name_language() == "fr" else name


def _day_name(day: date | None, english: str = "") -> str:
    """A date in a row's name: in English as ``format(day, english)`` (as names always
    wrote it: ``2026-05-01``), else in the language's form, as the admin shows dates
    (``DATE_FORMAT``: "1. Mai 2026", "1 mai 2026")."""
    if _names_in_english() or day is None:
        return format(day, english)
    if isinstance(day, datetime) and timezone.is_aware(day):
        day = timezone.localtime(day)
    return formats.date_format(day, "DATE_FORMAT")


def _moment_name(moment: datetime | None, english: str = "") -> str:
    """A time in a row's name: in English as ``format(moment, english)``, else the date and
    time in the current time zone in the language's form, as the admin shows times
    (``DATETIME_FORMAT``: "1. Mai 2026 14:05", "1 mai 2026 14:05")."""
    if _names_in_english() or moment is None:
        return format(moment, english)
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return formats.date_format(local, "DATETIME_FORMAT")


class Organisation(models.Model):
    slug = models.SlugField(unique=True, verbose_name=gettext_lazy("slug"))
    name = models.CharField(max_length=200, verbose_name=gettext_lazy("name"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("created at"))
    four_eyes = models.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "The person who prepared an assessment's answers may never attest them. "
            "On for organisations made with `manage.py org create`."
        ),
        verbose_name=gettext_lazy("four eyes"),
    )
    review_required = models.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "An assessment is approved by a reviewer other than the person who prepared "
            "it before anyone may attest it."
        ),
        verbose_name=gettext_lazy("review required"),
    )

    class Meta:
        verbose_name = gettext_lazy("organisation")
        verbose_name_plural = gettext_lazy("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        REVIEWER = "reviewer", "Reviewer"
        ATTESTER = "attester", "Attester"
        ADMIN = "admin", "Administrator"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=gettext_lazy("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=gettext_lazy("user"),
    )
    role = models.CharField(
        max_length=10, choices=Role.choices, default=Role.MEMBER, verbose_name=gettext_lazy("role")
    )
    joined_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("joined at"))

    class Meta:
        verbose_name = gettext_lazy("membership")
        verbose_name_plural = gettext_lazy("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return gettext("%(user)s in %(organisation)s (%(role)s)") % {
            "user": self.user,
            "organisation": self.organisation,
            "role": _role_name(self.role, self.get_role_display()),
        }

    @property
    def can_review(self) -> bool:
        """Reviewers, attesters and administrators review the answers others prepared:
        comment on them, ask for changes, approve them."""
        return self.role in (self.Role.REVIEWER, self.Role.ATTESTER, self.Role.ADMIN)

    @property
    def can_attest(self) -> bool:
        """Attesters and administrators may attest and sign assessments."""
        return self.role in (self.Role.ATTESTER, self.Role.ADMIN)

    @property
    def can_administer(self) -> bool:
        """Administrators manage the organisation's records: re-assessing them, for one."""
        return self.role == self.Role.ADMIN


class Question(models.Model):
    """The wording of one question of the wizard. The key and the choice values are the
    answers contract's logic and never change; the words around them are the admins'."""

    key = models.CharField(
        max_length=100, unique=True, editable=False, verbose_name=gettext_lazy("key")
    )
    step = models.CharField(max_length=40, editable=False, verbose_name=gettext_lazy("step"))
    position = models.PositiveSmallIntegerField(
        default=0, editable=False, verbose_name=gettext_lazy("position")
    )
    label = models.CharField(max_length=300, verbose_name=gettext_lazy("label"))
    help_text = models.TextField(blank=True, verbose_name=gettext_lazy("help text"))
    choice_labels = models.JSONField(
        default=dict,
        blank=True,
        help_text=gettext_lazy("Label shown for each fixed choice value."),
        verbose_name=gettext_lazy("choice labels"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("updated at"))

    class Meta:
        verbose_name = gettext_lazy("question")
        verbose_name_plural = gettext_lazy("questions")
        ordering = ["position", "key"]

    def __str__(self) -> str:
        """Its key and its label in the active language: the English one where that is
        missing. The admin reads the translations with the questions (prefetched)."""
        label = self.label
        language = (get_language() or "en")[:2]
        if language != "en":
            local = next((row for row in self.translations.all() if row.language == language), None)
            if local is not None and local.label:
                label = local.label
        return f"{self.key}: {label}"

    def wording(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "help_text": self.help_text,
            "choice_labels": dict(self.choice_labels),
        }


class QuestionTranslation(models.Model):
    """The German or French wording of one question. English is the ``Question`` itself; a
    language without a row here (or with an empty label) is shown in English."""

    class Language(models.TextChoices):
        DE = "de", "German"
        FR = "fr", "French"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10, choices=Language.choices)
    label = models.CharField(max_length=300, blank=True)
    help_text = models.TextField(blank=True)
    choice_labels = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("question translation")
        verbose_name_plural = gettext_lazy("question translations")
        ordering = ["question__position", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="question_translation_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.key} [{self.language}]: {self.label}"

    def wording(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "help_text": self.help_text,
            "choice_labels": dict(self.choice_labels or {}),
        }


class QuestionRevision(models.Model):
    """One edit of a question's wording in one language: who, when, before and after."""

    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=gettext_lazy("question"),
    )
    language = models.CharField(max_length=10, default="en", verbose_name=gettext_lazy("language"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("changed by"),
    )
    changed_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("changed at"))
    before = models.JSONField(verbose_name=gettext_lazy("before"))
    after = models.JSONField(verbose_name=gettext_lazy("after"))

    class Meta:
        verbose_name = gettext_lazy("question revision")
        verbose_name_plural = gettext_lazy("question revisions")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return gettext("%(question)s [%(language)s] changed at %(moment)s") % {
            "question": self.question.key,
            "language": self.language,
            "moment": _moment_name(self.changed_at, "%Y-%m-%d %H:%M"),
        }


class Draft(models.Model):
    """A questionnaire in progress: the wizard's raw step data, kept per user and
    organisation so it survives logout, session expiry and restarts.

    Its ``owner`` prepares it. ``status`` is where it stands in the review (four eyes):
    being edited, submitted for review, sent back with changes requested, or approved."""

    class Status(models.TextChoices):
        EDITING = "editing", "Being prepared"
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"

    public_id = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, verbose_name=gettext_lazy("public id")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="drafts",
        verbose_name=gettext_lazy("organisation"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="drafts",
        verbose_name=gettext_lazy("owner"),
    )
    model_name = models.CharField(
        max_length=200, blank=True, verbose_name=gettext_lazy("model name")
    )
    current_step = models.CharField(
        max_length=40, blank=True, verbose_name=gettext_lazy("current step")
    )
    state = models.JSONField(default=dict, blank=True, verbose_name=gettext_lazy("state"))
    supersedes = models.ForeignKey(
        "AssessmentRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy(
            "The signed record this draft re-assesses: signing it supersedes that record."
        ),
        verbose_name=gettext_lazy("supersedes"),
    )
    registered_model = models.ForeignKey(
        "RegisteredModel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafts",
        help_text=gettext_lazy(
            "The model of the register this draft assesses, when started from it."
        ),
        verbose_name=gettext_lazy("registered model"),
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.EDITING,
        verbose_name=gettext_lazy("status"),
    )
    status_changed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=gettext_lazy("status changed at")
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("status changed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("updated at"))

    class Meta:
        verbose_name = gettext_lazy("draft")
        verbose_name_plural = gettext_lazy("drafts")
        ordering = ["-updated_at"]
        indexes = [
            # Reviewers list the drafts of their organisation waiting for them.
            models.Index(fields=["organisation", "status"], name="draft_org_status"),
        ]

    def __str__(self) -> str:
        return self.model_name or gettext("Draft %(public_id)s") % {"public_id": self.public_id}


class Assessment(models.Model):
    """A completed questionnaire: the answers document, the wording shown with each
    answer, and the engine's result. Ready to be attested and signed."""

    public_id = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, verbose_name=gettext_lazy("public id")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=gettext_lazy("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=gettext_lazy("created by"),
    )
    model_name = models.CharField(max_length=200, verbose_name=gettext_lazy("model name"))
    draft_public_id = models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text=gettext_lazy("The draft this assessment completed."),
        verbose_name=gettext_lazy("draft public id"),
    )
    supersedes = models.ForeignKey(
        "AssessmentRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy(
            "The signed record this assessment re-assesses, offered when it is attested."
        ),
        verbose_name=gettext_lazy("supersedes"),
    )
    registered_model = models.ForeignKey(
        "RegisteredModel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
        help_text=gettext_lazy("The model of the register this assessment is of (its timeline)."),
        verbose_name=gettext_lazy("registered model"),
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=gettext_lazy(
            "Who prepared the answers (the draft's owner); four eyes: never its attester."
        ),
        verbose_name=gettext_lazy("prepared by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=gettext_lazy("The reviewer who approved the answers, when they were reviewed."),
        verbose_name=gettext_lazy("approved by"),
    )
    approved_at = models.DateTimeField(
        null=True, blank=True, verbose_name=gettext_lazy("approved at")
    )
    answers = models.JSONField(verbose_name=gettext_lazy("answers"))
    shown = models.JSONField(
        help_text=gettext_lazy(
            "Each question as it was shown (step, key, label, help text) with the answer."
        ),
        verbose_name=gettext_lazy("shown"),
    )
    result = models.JSONField(verbose_name=gettext_lazy("result"))
    ruleset = models.CharField(max_length=40, verbose_name=gettext_lazy("ruleset"))
    classification = models.CharField(max_length=30, verbose_name=gettext_lazy("classification"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("created at"))

    class Meta:
        verbose_name = gettext_lazy("assessment")
        verbose_name_plural = gettext_lazy("assessments")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Finish pressed twice: a draft completes into one assessment, never two.
            models.UniqueConstraint(
                fields=["draft_public_id"],
                condition=models.Q(draft_public_id__isnull=False),
                name="one_assessment_per_draft",
            )
        ]
        indexes = [
            # The dashboard pages through an organisation's assessments newest first: read
            # in index order instead of sorting every row (3.5 ms a page at 1,000 rows).
            models.Index(
                fields=["organisation", "-created_at", "-id"], name="assessment_org_newest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model_name} ({_day_name(self.created_at, '%Y-%m-%d')})"


class SigningKey(models.Model):
    """A public key that signs assessment records. Kept forever: rotating the private key
    retires a row, it never deletes one, so every old record stays verifiable."""

    key_id = models.CharField(max_length=64, unique=True, verbose_name=gettext_lazy("key id"))
    algorithm = models.CharField(
        max_length=20, default="Ed25519", verbose_name=gettext_lazy("algorithm")
    )
    public_key = models.CharField(
        max_length=100,
        help_text=gettext_lazy("Raw public key, base64."),
        verbose_name=gettext_lazy("public key"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("created at"))
    retired_at = models.DateTimeField(
        null=True, blank=True, verbose_name=gettext_lazy("retired at")
    )

    class Meta:
        verbose_name = gettext_lazy("signing key")
        verbose_name_plural = gettext_lazy("signing keys")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.key_id


class DocumentCertificate(models.Model):
    """The X.509 certificate that signs PDF reports (PAdES); kept forever for validation."""

    fingerprint = models.CharField(
        max_length=64,
        unique=True,
        help_text=gettext_lazy("SHA-256 of the DER."),
        verbose_name=gettext_lazy("fingerprint"),
    )
    subject = models.CharField(max_length=300, verbose_name=gettext_lazy("subject"))
    certificate_pem = models.TextField(verbose_name=gettext_lazy("certificate pem"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("created at"))
    retired_at = models.DateTimeField(
        null=True, blank=True, verbose_name=gettext_lazy("retired at")
    )

    class Meta:
        verbose_name = gettext_lazy("document certificate")
        verbose_name_plural = gettext_lazy("document certificates")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.subject


class RecordChain(models.Model):
    """The head of an organisation's record chain: how many records were issued and the
    hash of the newest. Deleting the newest records (which no later link points to) is
    caught against it. Its own row, written only by ``services.record_create`` under the
    organisation's lock, so that saving the organisation elsewhere cannot move it."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="record_chain"
    )
    count = models.PositiveIntegerField(default=0)
    head_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = gettext_lazy("record chain")
        verbose_name_plural = gettext_lazy("record chains")

    def __str__(self) -> str:
        # The English says "records" for one too, as it always has.
        return ngettext(
            "%(organisation)s: %(count)s records",
            "%(organisation)s: %(count)s records",
            self.count,
        ) % {"organisation": self.organisation, "count": self.count}


class ImmutableRecord(Exception):
    """Raised on any attempt to change or delete a signed record."""


_Row = TypeVar("_Row", bound="WrittenOnce")


class WrittenOnceQuerySet(models.QuerySet[_Row]):
    """Rows of a written-once model are added, never changed nor deleted in bulk."""

    def update(self, **kwargs: Any) -> int:
        raise self.model.refusal(self.model.refused_change)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise self.model.refusal(self.model.refused_deletion)


class WrittenOnce(models.Model):
    """A model whose rows are written once: saving an existing row, deleting one, or
    changing or deleting rows in bulk raises ``refusal`` with the model's own words."""

    refusal: type[Exception] = ImmutableRecord
    refused_change = "This row cannot be changed."
    refused_deletion = "This row cannot be deleted."

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise self.refusal(self.refused_change)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise self.refusal(self.refused_deletion)


class AssessmentRecord(WrittenOnce):
    """An attested, signed assessment: canonical payload bytes, their SHA-256, an Ed25519
    signature, and the hash of the organisation's previous record (a hash chain).

    Written once. A correction is a new record that names the one it supersedes. Its PDF
    report is rendered after the record commits, into a ``RecordReport`` of its own."""

    public_id = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, verbose_name=gettext_lazy("public id")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=gettext_lazy("organisation"),
    )
    sequence = models.PositiveIntegerField(verbose_name=gettext_lazy("sequence"))
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=gettext_lazy("assessment"),
    )
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="attested_records",
        verbose_name=gettext_lazy("attested by"),
    )
    model_name = models.CharField(max_length=200, verbose_name=gettext_lazy("model name"))
    classification = models.CharField(max_length=30, verbose_name=gettext_lazy("classification"))
    payload = models.BinaryField(verbose_name=gettext_lazy("payload"))
    payload_sha256 = models.CharField(
        max_length=64, unique=True, verbose_name=gettext_lazy("payload sha256")
    )
    previous_sha256 = models.CharField(
        max_length=64, blank=True, verbose_name=gettext_lazy("previous sha256")
    )
    signature = models.CharField(
        max_length=100,
        help_text=gettext_lazy("Ed25519 signature, base64."),
        verbose_name=gettext_lazy("signature"),
    )
    signing_key = models.ForeignKey(
        SigningKey,
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=gettext_lazy("signing key"),
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=gettext_lazy("supersedes"),
    )
    created_at = models.DateTimeField(verbose_name=gettext_lazy("created at"))

    refused_change = "Assessment records cannot be changed; create a correction."
    refused_deletion = "Assessment records cannot be deleted."

    objects = WrittenOnceQuerySet["AssessmentRecord"].as_manager()

    class Meta:
        verbose_name = gettext_lazy("assessment record")
        verbose_name_plural = gettext_lazy("assessment records")
        ordering = ["-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sequence"], name="one_record_per_link"
            ),
            # Attest pressed twice: an assessment is signed into one record, never two.
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(assessment__isnull=False),
                name="one_record_per_assessment",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(model)s — record %(sequence)s of %(organisation)s") % {
            "model": self.model_name,
            "sequence": self.sequence,
            "organisation": self.organisation,
        }


class RecordReport(WrittenOnce):
    """The PDF report of a signed record, rendered and PAdES-signed once, after the record
    committed (outside the organisation's lock), and kept in storage with the SHA-256 of
    its bytes. Written once, like the record; until it exists the record's pages say that
    the report is being prepared."""

    record = models.OneToOneField(AssessmentRecord, on_delete=models.PROTECT, related_name="report")
    file = models.FileField(upload_to="reports/")
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    refused_change = "A stored report cannot be changed."
    refused_deletion = "A stored report cannot be deleted."

    objects = WrittenOnceQuerySet["RecordReport"].as_manager()

    class Meta:
        verbose_name = gettext_lazy("record report")
        verbose_name_plural = gettext_lazy("record reports")

    def __str__(self) -> str:
        return gettext("Report of %(record)s") % {"record": self.record}


class ImmutableAuditEvent(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(WrittenOnceQuerySet["AuditEvent"]):
    def addresses_clear(self) -> int:
        """Forget the address and browser of these events: the one change the database
        trigger of migration 0009 lets through (see ``services.audit_addresses_truncate``)."""
        return models.QuerySet.update(self, ip_address=None, user_agent="")


class AuditEvent(WrittenOnce):
    """Who did what to which record, when and from which address. Append-only: the model
    refuses changes and deletions, and a database trigger refuses them too, except the
    retention command clearing ``ip_address`` and ``user_agent`` (personal data).

    ``action`` holds an ``Action`` value; it has no ``choices`` on the column, so that a
    new action is one line here and no migration."""

    class Action(models.TextChoices):
        ASSESSMENT_CREATED = "assessment.created", "Assessment created"
        RECORD_ATTESTED = "record.attested", "Record attested and signed"
        RECORD_VIEWED = "record.viewed", "Record viewed"
        RECORD_REPORT_DOWNLOADED = "record.report_downloaded", "PDF report downloaded"
        RECORD_EXPORTED = "record.exported", "Record exported (JSON)"
        RECORD_BUNDLE_DOWNLOADED = "record.bundle_downloaded", "Regulator bundle downloaded"
        RECORD_VERIFIED = "record.verified", "Record export verified"
        CHAIN_VERIFIED = "chain.verified", "Record chain verified"
        CHAIN_HEAD_EXPORTED = "chain_head.exported", "Chain head exported"
        ORGANISATION_MEMBER_CHANGED = "organisation.member_changed", "Membership changed"
        ORGANISATION_MEMBER_REMOVED = "organisation.member_removed", "Member removed"
        ORGANISATION_MEMBER_INVITED = "organisation.member_invited", "Member invited"
        ORGANISATION_INVITATION_REVOKED = "organisation.invitation_revoked", "Invitation revoked"
        ORGANISATION_INVITATION_ACCEPTED = (
            "organisation.invitation_accepted",
            "Invitation accepted",
        )
        ORGANISATION_SETTINGS_CHANGED = "organisation.settings_changed", "Four eyes changed"
        DRAFT_SUBMITTED = "draft.submitted", "Submitted for review"
        DRAFT_WITHDRAWN = "draft.withdrawn", "Withdrawn from review"
        DRAFT_CHANGES_REQUESTED = "draft.changes_requested", "Changes requested"
        DRAFT_APPROVED = "draft.approved", "Approved"
        REVIEW_COMMENTED = "review.commented", "Review comment added"
        REVIEW_RESOLVED = "review.resolved", "Review thread resolved"
        TWO_FACTOR_RESET = "two_factor.reset", "Two-factor authentication reset"
        AUDIT_EXPORTED = "audit.exported", "Audit trail exported (CSV)"
        AUDIT_ADDRESSES_TRUNCATED = "audit.addresses_truncated", "Old addresses cleared"
        REGISTERED_MODEL_CREATED = "model.created", "Model registered"
        MODEL_VERSION_ADDED = "model.version_added", "Model version recorded"
        MODEL_LINEAGE_ADDED = "model.lineage_added", "Model lineage recorded"
        LEDGER_ENTRY_CREATED = "ledger.entry_created", "Compute ledger entry filed"
        LEDGER_ENTRY_UPDATED = "ledger.entry_updated", "Compute ledger entry updated"
        THRESHOLD_EVENT_RECORDED = "ledger.threshold_event", "Compute threshold event recorded"
        API_TOKEN_CREATED = "api_token.created", "API token created"
        API_TOKEN_REVOKED = "api_token.revoked", "API token revoked"
        API_LEDGER_ENTRY_FILED = "api.ledger_entry_filed", "Ledger entry filed through the API"

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
        verbose_name=gettext_lazy("organisation"),
    )
    # PROTECT: an UPDATE to NULL would be refused by the trigger anyway, and a person who
    # appears in the trail is deactivated, not deleted. The username is kept as text so
    # that an event reads on its own.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("actor"),
    )
    actor_username = models.CharField(
        max_length=150, blank=True, verbose_name=gettext_lazy("actor username")
    )
    action = models.CharField(max_length=40, verbose_name=gettext_lazy("action"))
    # No database constraint: the trail outlives whatever is done to a record behind the
    # application's back (a deletion, which verify_records reports), and keeps its public
    # id in object_id. The application still cannot delete an audited record (PROTECT).
    record = models.ForeignKey(
        AssessmentRecord,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="audit_events",
        verbose_name=gettext_lazy("record"),
    )
    object_id = models.CharField(
        max_length=100,
        blank=True,
        help_text=gettext_lazy("Public id of what the event concerns."),
        verbose_name=gettext_lazy("object id"),
    )
    ip_address = models.GenericIPAddressField(
        null=True, blank=True, verbose_name=gettext_lazy("ip address")
    )
    user_agent = models.CharField(
        max_length=300, blank=True, verbose_name=gettext_lazy("user agent")
    )
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, verbose_name=gettext_lazy("created at")
    )
    detail = models.JSONField(default=dict, blank=True, verbose_name=gettext_lazy("detail"))

    refusal = ImmutableAuditEvent
    refused_change = "Audit events cannot be changed."
    refused_deletion = "Audit events cannot be deleted."

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("audit event")
        verbose_name_plural = gettext_lazy("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="audit_org_newest_first"),
        ]

    def __str__(self) -> str:
        values = {
            "action": self.action_label if _names_in_english() else gettext(self.action_label),
            "actor": self.actor_username,
            "moment": _moment_name(self.created_at),
        }
        if not self.actor_username:
            return gettext("%(action)s by nobody at %(moment)s") % values
        return gettext("%(action)s by %(actor)s at %(moment)s") % values

    @property
    def action_label(self) -> str:
        try:
            return str(self.Action(self.action).label)
        except ValueError:
            return self.action

    @property
    def detail_json(self) -> str:
        return json.dumps(self.detail, ensure_ascii=False, sort_keys=True)


class ChecklistProgress(models.Model):
    """How far the provider is with one item of an assessment's documentation checklist
    (Annex XI and XII): done or not, a note, a link to the evidence.

    The organisation's working data, changed as the work goes on: never part of a signed
    record nor of its report. The items themselves come from ``questionnaire.checklist``;
    ``item`` holds an item's id."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="checklist_progress"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="checklist_progress"
    )
    item = models.CharField(max_length=60)
    done = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("checklist progress")
        verbose_name_plural = gettext_lazy("checklist progress")
        ordering = ["assessment", "item"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_progress_per_item")
        ]

    def __str__(self) -> str:
        values = {"item": self.item, "assessment": self.assessment}
        if self.done:
            return gettext("%(item)s of %(assessment)s: done") % values
        return gettext("%(item)s of %(assessment)s: open") % values


class ImmutableDocumentVersion(Exception):
    """Raised on any attempt to change or delete a saved version of a document."""


class DocumentVersion(WrittenOnce):
    """One saved version of a document the provider files for an assessment: the Model
    Documentation Form, the public summary of training content or the Art. 52 notification
    (``kind``; their fields are in ``questionnaire.documents.formats``).

    Saving a document adds a version, numbered from 1; earlier versions are kept with
    their dates (the training-content summary links to them). ``values`` holds what the
    provider entered or confirmed, field id to text; ``format_version`` names the version
    of the published format the fields follow."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="document_versions"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="document_versions"
    )
    kind = models.CharField(max_length=40)
    number = models.PositiveIntegerField()
    format_version = models.CharField(max_length=300)
    values = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    refusal = ImmutableDocumentVersion
    refused_change = "A saved document version cannot be changed; save a new version."
    refused_deletion = "A saved document version cannot be deleted."

    objects = WrittenOnceQuerySet["DocumentVersion"].as_manager()

    class Meta:
        verbose_name = gettext_lazy("document version")
        verbose_name_plural = gettext_lazy("document versions")
        ordering = ["assessment", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "kind", "number"], name="one_document_version_number"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s version %(number)s of %(assessment)s") % {
            "kind": self.kind,
            "number": self.number,
            "assessment": self.assessment,
        }


class ReviewThread(models.Model):
    """A reviewer's question on one answer of a draft, with the replies (``comments``), open
    until someone resolves it; a draft with an open thread cannot be approved.

    Keyed by the draft's public id rather than a foreign key: a draft becomes an assessment
    and goes, and its review stays readable on the assessment's timeline."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="review_threads"
    )
    draft_public_id = models.UUIDField(db_index=True)
    question_key = models.CharField(max_length=100)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("comment thread")
        verbose_name_plural = gettext_lazy("comment threads")
        ordering = ["opened_at", "id"]

    def __str__(self) -> str:
        return gettext("%(question)s of draft %(draft)s") % {
            "question": self.question_key,
            "draft": self.draft_public_id,
        }


class ReviewComment(models.Model):
    thread = models.ForeignKey(ReviewThread, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("review comment")
        verbose_name_plural = gettext_lazy("review comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return gettext("Comment by %(author)s on %(thread)s") % {
            "author": self.author,
            "thread": self.thread,
        }


class Evidence(models.Model):
    """A file or a link that backs one answer of a draft (the training-run report behind a
    FLOP figure, the licence behind "open source"), with who added it and when.

    Keyed by the draft's public id like the review. When the assessment is signed, each
    file's SHA-256, name and size go into the signed payload; the file itself is then never
    changed nor removed, and ``verify_records --files`` and the regulator bundle's verifier
    check it against the payload."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="evidence"
    )
    draft_public_id = models.UUIDField(db_index=True)
    question_key = models.CharField(max_length=100)
    file = models.FileField(upload_to="evidence/", blank=True)
    url = models.URLField(max_length=500, blank=True)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("evidence")
        verbose_name_plural = gettext_lazy("evidence")
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return gettext("%(name)s on %(question)s") % {
            "name": self.name,
            "question": self.question_key,
        }


class Invitation(models.Model):
    """A one-time link an organisation's administrator makes for someone to join it with a
    role. Only the SHA-256 of its token is kept; the link is shown once (and e-mailed when an
    address is given)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=10, choices=Membership.Role.choices)
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("invitation")
        verbose_name_plural = gettext_lazy("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return gettext("Invitation to %(organisation)s as %(role)s") % {
            "organisation": self.organisation,
            "role": _role_name(self.role, self.get_role_display()),
        }


class OutboxMessage(models.Model):
    """An e-mail waiting to be sent, or sent. Written in the transaction of what it tells
    about and sent after it commits, outside the request (``questionnaire.notifications``),
    so a slow mail server never holds a page; ``manage.py send_outbox`` retries the rest."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_email = models.EmailField()
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = gettext_lazy("outgoing e-mail")
        verbose_name_plural = gettext_lazy("outgoing e-mails")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="outbox_unsent_first")]

    def __str__(self) -> str:
        return gettext("%(kind)s to %(email)s") % {"kind": self.kind, "email": self.to_email}


class LanguagePreference(models.Model):
    """The language a person last chose with the switcher: their pages on any device they
    sign in on, and the e-mails the app sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference"
    )
    language = models.CharField(max_length=10)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("language preference")
        verbose_name_plural = gettext_lazy("language preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"


class ReminderSent(models.Model):
    """A reminder told once: ``manage.py send_reminders`` runs from cron as often as one
    likes and says each thing once per stage (a month, a week, a day before it falls due),
    keyed by what it is about."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    sent_on = models.DateField()

    class Meta:
        verbose_name = gettext_lazy("reminder sent")
        verbose_name_plural = gettext_lazy("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="one_reminder_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.key}"


class RegisteredModel(models.Model):
    """A model of the organisation's register, followed over its lifecycle: its versions,
    its lineage (the weights it came from), its compute ledger and every assessment of it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="registered_models"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("registered model")
        verbose_name_plural = gettext_lazy("registered models")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="one_model_name_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class ModelVersion(models.Model):
    model = models.ForeignKey(RegisteredModel, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(max_length=100)
    released_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("model version")
        verbose_name_plural = gettext_lazy("model versions")
        ordering = ["model", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["model", "label"], name="one_version_label_per_model")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.label}"


class ModelLineage(models.Model):
    """Where a model's weights came from: another model of the register, or an external
    one with its known training compute. How each kind counts follows the rules (§2,
    §10.6): initialised or merged weights add to cumulative compute; weights fine-tuned from
    another provider's model make this one a modification; a distillation parent does not
    count."""

    class Kind(models.TextChoices):
        INITIALISED_FROM = "initialised_from", "Initialised from"
        MERGED_FROM = "merged_from", "Merged from"
        FINE_TUNED_FROM = "fine_tuned_from", "Fine-tuned from"
        DISTILLED_FROM = "distilled_from", "Distilled from"

    model = models.ForeignKey(RegisteredModel, on_delete=models.CASCADE, related_name="lineage")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        RegisteredModel, null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    external_name = models.CharField(max_length=200, blank=True)
    external_provider = models.CharField(
        max_length=200, blank=True, help_text=gettext_lazy("Empty: the organisation's own model.")
    )
    external_flop = models.CharField(
        max_length=40,
        blank=True,
        help_text=gettext_lazy("Its known training compute (FLOP); empty: unknown."),
    )
    external_systemic_risk = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("model lineage")
        verbose_name_plural = gettext_lazy("model lineages")
        ordering = ["model", "created_at", "id"]

    def __str__(self) -> str:
        kind = _choice_name(self.kind, self.get_kind_display())
        return f"{self.model} {kind} {self.parent or self.external_name}"


class LedgerEntry(models.Model):
    """One item of a model's compute ledger: a training run or other compute that counts
    towards the model's training or cumulative compute, with its method and inputs (the
    engine's own estimators: ``compute`` holds a compute document of the answers contract),
    its status and where it came from. ``flop`` is the engine's estimate of it, as a
    decimal string.

    ``key`` is chosen by the client and names the entry; ``revision`` counts its updates.
    Filing a key with a higher revision updates the entry; filing the same key and revision
    again with the same content changes nothing (a retried request), and with other content
    is refused (a replayed key); ``content_sha256`` holds the hash that tells them apart."""

    class Kind(models.TextChoices):
        PRE_TRAINING = "pre_training", "Pre-training"
        CONTINUED_PRE_TRAINING = "continued_pre_training", "Continued pre-training"
        FINE_TUNING = "fine_tuning", "Fine-tuning"
        REINFORCEMENT_LEARNING = "reinforcement_learning", "Reinforcement learning"
        SYNTHETIC_DATA = "synthetic_data", "Non-public synthetic-data generation"
        INHERITED = "inherited", "Inherited weights"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"

    class Source(models.TextChoices):
        TYPED = "typed", "Typed in"
        IMPORTED = "imported", "Imported"
        API = "api", "From the API"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    model = models.ForeignKey(RegisteredModel, on_delete=models.PROTECT, related_name="ledger")
    key = models.CharField(max_length=100)
    revision = models.PositiveIntegerField(default=1)
    content_sha256 = models.CharField(max_length=64)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.TYPED)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    compute = models.JSONField(
        help_text=gettext_lazy("A compute document of the answers contract.")
    )
    flop = models.CharField(max_length=40)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("compute ledger entry")
        verbose_name_plural = gettext_lazy("compute ledger entries")
        ordering = ["model", "started_on", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="one_ledger_entry_per_key")
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s of %(model)s (%(status)s)") % {
            "kind": _choice_name(self.kind, self.get_kind_display()),
            "model": self.model,
            "status": _choice_name(self.status, self.get_status_display()),
        }


class ThresholdEvent(models.Model):
    """When a model's planned or actual cumulative compute first reached the warning
    fraction of a threshold, or crossed it: recorded once, with the date it became known
    (the Art. 52(1) clock starts there)."""

    class Kind(models.TextChoices):
        WARNING = "warning", "Warning"
        CROSSED = "crossed", "Crossed"

    model = models.ForeignKey(
        RegisteredModel, on_delete=models.CASCADE, related_name="threshold_events"
    )
    threshold = models.CharField(
        max_length=30, help_text=gettext_lazy("systemic_risk, gpai, modification")
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    planned = models.BooleanField(
        help_text=gettext_lazy("Reached by planned compute (not yet actual).")
    )
    known_on = models.DateField()
    flop = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("compute threshold event")
        verbose_name_plural = gettext_lazy("compute threshold events")
        ordering = ["model", "known_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "threshold", "kind", "planned"], name="one_threshold_event"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(model)s: %(threshold)s %(kind)s on %(day)s") % {
            "model": self.model,
            "threshold": self.threshold,
            "kind": _choice_name(self.kind, self.get_kind_display()),
            "day": _day_name(self.known_on),
        }


class ApiToken(models.Model):
    """A token a training pipeline uses on the JSON API, made and revoked by the
    organisation's administrators. Only its SHA-256 is kept; it is shown once."""

    class Scope(models.TextChoices):
        WRITE_LEDGER = "write_ledger", "Write ledger entries"
        READ_MODELS = "read_models", "Read models"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(
        max_length=12, help_text=gettext_lazy("The token's first characters, shown.")
    )
    token_sha256 = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("API token")
        verbose_name_plural = gettext_lazy("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
