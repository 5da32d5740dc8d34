"""Attaching and removing evidence (evidence.services): stored through Django's storage
under evidence/<organisation>/<uuid>, hashed at upload, refused with a clear message when
it is not acceptable, and frozen once the assessment is signed."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.http import Http404

from questionnaire.evidence import selectors as evidence_selectors
from questionnaire.evidence import services as evidence_services
from questionnaire.models import Draft, Evidence
from tests.evidence.conftest import EXE, PDF, attach, complete, sign, stored_bytes, upload

pytestmark = pytest.mark.django_db


def test_a_file_is_stored_under_the_organisation_and_a_uuid_with_its_sha256(draft, owner):
    evidence = attach(draft, owner, name="Training run.pdf")

    assert evidence.file.name == f"evidence/acme/{evidence.public_id}"
    assert stored_bytes(evidence) == PDF
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.size == len(PDF)
    assert evidence.name == "Training-run.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.added_by == owner
    assert evidence.added_at is not None
    assert evidence.draft_public_id == draft.public_id


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(draft, owner, settings):
    settings.EVIDENCE_MAX_BYTES = 64

    with pytest.raises(evidence_services.Refused) as refused:
        attach(draft, owner, data=PDF + bytes(100))

    assert refused.value.field == "file"
    assert "evidence files can be at most 64 bytes" in refused.value.message
    assert not Evidence.objects.exists()
    assert not default_storage.exists("evidence/acme")


def test_a_renamed_executable_is_refused(draft, owner):
    with pytest.raises(evidence_services.Refused) as refused:
        attach(draft, owner, name="training-run.pdf", data=EXE)

    assert "is a Windows program, whatever its name says" in refused.value.message
    assert not Evidence.objects.exists()


def test_a_path_in_the_file_name_is_refused(draft, owner):
    with pytest.raises(evidence_services.Refused) as refused:
        evidence_services.evidence_add_file(
            draft=draft,
            question_key="model_name",
            upload=upload("passwd.pdf", PDF),
            user=owner,
            name="../../etc/passwd",
        )

    assert "The file name “../../etc/passwd” holds a folder path" in refused.value.message
    assert not Evidence.objects.exists()


def test_the_same_name_twice_on_one_answer_is_refused(draft, owner):
    attach(draft, owner, name="run.pdf")

    with pytest.raises(evidence_services.Refused) as refused:
        attach(draft, owner, name="RUN.pdf")

    assert "already attached to this answer" in refused.value.message
    attach(draft, owner, name="run.pdf", key="compute.flop")  # another answer: fine


def test_an_unknown_question_is_refused(draft, owner):
    with pytest.raises(evidence_services.UnknownQuestion):
        attach(draft, owner, key="no.such.question")


def test_a_link_is_kept_with_who_added_it(draft, owner):
    evidence = evidence_services.evidence_add_link(
        draft=draft, question_key="model_name", url=" https://example.com/card ", user=owner
    )

    assert evidence.url == "https://example.com/card"
    assert not evidence.file
    assert evidence.added_by == owner


def test_a_bad_link_is_refused(draft, owner):
    with pytest.raises(evidence_services.Refused) as refused:
        evidence_services.evidence_add_link(
            draft=draft, question_key="model_name", url="javascript:alert(1)", user=owner
        )

    assert refused.value.field == "url"
    assert not Evidence.objects.exists()


def test_someone_outside_the_organisation_cannot_attach(draft, outsider):
    with pytest.raises(Http404):
        attach(draft, outsider)


def test_another_organisations_evidence_is_404_for_its_selectors(draft, owner, outsider, colleague):
    evidence = attach(draft, owner)

    with pytest.raises(Http404):
        evidence_selectors.evidence_get(user=outsider, public_id=evidence.public_id)
    with pytest.raises(Http404):  # a draft is its owner's alone
        evidence_selectors.evidence_get(user=colleague, public_id=evidence.public_id)
    assert evidence_selectors.evidence_get(user=owner, public_id=evidence.public_id) == evidence


def test_once_complete_the_assessments_evidence_is_seen_by_the_organisation(
    draft, owner, colleague
):
    evidence = attach(draft, owner)
    complete(draft, owner)

    assert evidence_selectors.evidence_get(user=colleague, public_id=evidence.public_id) == evidence


def test_evidence_is_removed_with_its_file_while_unsigned(
    draft, owner, django_capture_on_commit_callbacks
):
    evidence = attach(draft, owner)
    stored = evidence.file.name

    with django_capture_on_commit_callbacks(execute=True):
        evidence_services.evidence_remove(evidence=evidence, user=owner)

    assert not Evidence.objects.exists()
    assert not default_storage.exists(stored)


def test_removal_after_signing_is_refused(draft, owner):
    evidence = attach(draft, owner)
    record = sign(complete(draft, owner), owner)

    with pytest.raises(evidence_services.EvidenceFrozen) as frozen:
        evidence_services.evidence_remove(evidence=evidence, user=owner)

    assert f"part of signed record {record.sequence}" in str(frozen.value)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert stored_bytes(evidence) == PDF


def test_nothing_is_attached_to_a_draft_that_is_already_complete(draft, owner):
    stale = Draft.objects.get(pk=draft.pk)
    complete(draft, owner)

    with pytest.raises(evidence_services.EvidenceFrozen):
        attach(stale, owner)
    assert not Evidence.objects.exists()


def test_a_draft_submitted_for_review_keeps_its_evidence_as_it_is(draft, owner):
    evidence = attach(draft, owner)
    Draft.objects.filter(pk=draft.pk).update(status=Draft.Status.SUBMITTED)

    with pytest.raises(evidence_services.EvidenceFrozen):
        attach(draft, owner, name="other.pdf")
    with pytest.raises(evidence_services.EvidenceFrozen):
        evidence_services.evidence_remove(evidence=evidence, user=owner)


def test_deleting_the_draft_deletes_its_evidence_and_files(
    draft, owner, django_capture_on_commit_callbacks
):
    from questionnaire import services

    evidence = attach(draft, owner)

    with django_capture_on_commit_callbacks(execute=True):
        services.draft_delete(draft=draft)

    assert not Evidence.objects.exists()
    assert not default_storage.exists(evidence.file.name)


def test_a_reviewer_sees_the_evidence_of_a_draft_submitted_for_review(draft, owner, acme):
    from tests.people import make_member

    reviewer = make_member("rita", acme, "reviewer")
    evidence = attach(draft, owner)
    with pytest.raises(Http404):  # not before it is submitted
        evidence_selectors.evidence_get(user=reviewer, public_id=evidence.public_id)

    Draft.objects.filter(pk=draft.pk).update(status=Draft.Status.SUBMITTED)

    assert evidence_selectors.evidence_get(user=reviewer, public_id=evidence.public_id) == evidence
