"""Attaching evidence to an answer of a draft, and removing it while the assessment is not
signed. Keyword-only, typed, named ``<noun>_<verb>``.

A file is checked by its content (``evidence.content``), hashed as it is read, and stored
through Django's default storage as ``evidence/<organisation>/<uuid>``: never under a name
someone typed. Once the assessment is signed, its evidence is part of the record (each
file's SHA-256, name and size are in the signed payload): it is frozen, and removing it is
refused. Removal takes the organisation's lock, the one signing takes, so a signature and a
removal never cross.
"""

from __future__ import annotations

import logging
import uuid
from typing import BinaryIO, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from questionnaire.evidence import content
from questionnaire.evidence.content import Refused
from questionnaire.models import AssessmentRecord, Draft, Evidence, Organisation, Question
from questionnaire.selectors import membership_get

__all__ = [
    "EVIDENCE_PER_DRAFT",
    "EvidenceFrozen",
    "Refused",
    "UnknownQuestion",
    "evidence_add_file",
    "evidence_add_link",
    "evidence_max_bytes",
    "evidence_remove",
]

logger = logging.getLogger(__name__)

EVIDENCE_PER_DRAFT = 100
"""Files and links one draft may hold: far more than an assessment needs, and a bound on
what one person can make the service store."""


class EvidenceFrozen(Exception):
    """The evidence belongs to a signed record (or its draft is already complete): it can
    no longer change. The message says why."""


class UnknownQuestion(Exception):
    """The question key is not one of the questionnaire's."""


def evidence_max_bytes() -> int:
    """The largest evidence file accepted (``GPAI_EVIDENCE_MAX_BYTES``, 10 MB by default)."""
    limit: int = settings.EVIDENCE_MAX_BYTES
    return limit


def evidence_add_file(
    *,
    draft: Draft,
    question_key: str,
    upload: UploadedFile,
    user: User,
    name: str | None = None,
) -> Evidence:
    """Attach a file to the answer ``question_key`` of ``draft`` (one the user may open:
    ``selectors.draft_get``). ``name`` is the file's name as given (the upload's by
    default). ``Refused`` (field ``"file"``) when the file is not accepted: too large, empty,
    a program, a type not accepted, a name with a folder path, or one already attached to
    this answer; ``EvidenceFrozen`` when the draft is complete."""
    membership_get(user=user, organisation=draft.organisation)  # 404 unless a member
    _question_check(question_key)
    checked = content.file_check(
        name=(upload.name or "") if name is None else name,
        handle=cast(BinaryIO, upload),  # an uploaded file reads and seeks as a binary file
        size=upload.size or 0,
        max_bytes=evidence_max_bytes(),
    )
    public_id = uuid.uuid4()
    stored_name = ""
    try:
        with transaction.atomic():
            _draft_lock(draft, field="file")
            names = Evidence.objects.filter(
                draft_public_id=draft.public_id, question_key=question_key
            ).exclude(file="")
            taken = {name.casefold() for name in names.values_list("name", flat=True)}
            if checked.name.casefold() in taken:
                raise Refused(
                    "file",
                    _(
                        "A file named “%(name)s” is already attached to this answer: rename "
                        "this one, or remove the other first."
                    )
                    % {"name": checked.name},
                )
            upload.seek(0)
            stored_name = default_storage.save(
                f"evidence/{draft.organisation.slug}/{public_id}", upload
            )
            return Evidence.objects.create(
                public_id=public_id,
                organisation=draft.organisation,
                draft_public_id=draft.public_id,
                question_key=question_key,
                file=stored_name,
                name=checked.name,
                size=checked.size,
                sha256=checked.sha256,
                content_type=checked.kind.content_type,
                added_by=user,
            )
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise


def evidence_add_link(*, draft: Draft, question_key: str, url: str, user: User) -> Evidence:
    """Attach a link (``http(s)`` only) to the answer ``question_key`` of ``draft``.
    ``Refused`` (field ``"url"``) for an address that is not accepted or already attached
    to this answer; ``EvidenceFrozen`` when the draft is complete."""
    membership_get(user=user, organisation=draft.organisation)
    _question_check(question_key)
    url = content.link_check(url)
    with transaction.atomic():
        _draft_lock(draft, field="url")
        if Evidence.objects.filter(
            draft_public_id=draft.public_id, question_key=question_key, url=url
        ).exists():
            raise Refused("url", _("This link is already attached to this answer."))
        return Evidence.objects.create(
            organisation=draft.organisation,
            draft_public_id=draft.public_id,
            question_key=question_key,
            url=url,
            name=url[: Evidence._meta.get_field("name").max_length or 255],
            added_by=user,
        )


def evidence_remove(*, evidence: Evidence, user: User) -> None:
    """Remove a file or link (one the user may see: ``evidence.selectors.evidence_get``),
    and its stored file once the removal has committed. ``EvidenceFrozen`` once the
    assessment it belongs to is signed: the record lists it, and it stays."""
    membership_get(user=user, organisation=evidence.organisation)
    with transaction.atomic():
        # The organisation's lock, which signing holds while it reads the evidence.
        Organisation.objects.select_for_update().filter(pk=evidence.organisation_id).first()
        record = AssessmentRecord.objects.filter(
            assessment__draft_public_id=evidence.draft_public_id
        ).first()
        if record is not None:
            raise EvidenceFrozen(
                _(
                    "“%(name)s” is part of signed record %(sequence)s: evidence of a signed "
                    "assessment is kept as signed and cannot be removed."
                )
                % {"name": evidence.name, "sequence": record.sequence}
            )
        draft_status = Draft.objects.filter(public_id=evidence.draft_public_id).values_list(
            "status", flat=True
        )
        if draft_status:
            _status_check(draft_status[0])
        stored = evidence.file.name if evidence.file else ""
        Evidence.objects.filter(pk=evidence.pk).delete()
        if stored:
            transaction.on_commit(lambda: _stored_delete(stored))


def _stored_delete(name: str) -> None:
    try:
        default_storage.delete(name)
    except OSError as error:  # the row is gone; a file left over is only disk space
        logger.warning("Removed evidence: its stored file %s was not deleted (%s).", name, error)


def _question_check(question_key: str) -> None:
    if not Question.objects.filter(key=question_key).exists():
        raise UnknownQuestion(f"{question_key!r} is not a question of the questionnaire.")


# Under review or approved, the answers wait as they are, their evidence with them.
_FROZEN_STATUSES = {
    Draft.Status.SUBMITTED: gettext_noop(
        "The draft is submitted for review: its answers and evidence wait as they are. "
        "Withdraw it from review to change them."
    ),
    Draft.Status.APPROVED: gettext_noop(
        "The draft is approved: its answers and evidence stay as they were approved."
    ),
}


def _status_check(status: str) -> None:
    if status in _FROZEN_STATUSES:
        raise EvidenceFrozen(_(_FROZEN_STATUSES[Draft.Status(status)]))


def _draft_lock(draft: Draft, *, field: str) -> None:
    """Lock the draft's row: finishing it (which deletes it) waits, and evidence is never
    added to a draft that has just become an assessment. Refuses a full draft."""
    status = Draft.objects.select_for_update().filter(pk=draft.pk).values_list("status", flat=True)
    if not status:
        raise EvidenceFrozen(
            _(
                "This draft is already complete: evidence is attached while the answers are "
                "being prepared."
            )
        )
    _status_check(status[0])
    if Evidence.objects.filter(draft_public_id=draft.public_id).count() >= EVIDENCE_PER_DRAFT:
        raise Refused(
            field,
            _(
                "This draft already holds %(count)d files and links, the most one draft may "
                "hold: remove one before attaching another."
            )
            % {"count": EVIDENCE_PER_DRAFT},
        )
