"""The review workflow (issue 13): submit, request changes, comment, resolve, approve; who
may do what, every refusal, the e-mails and the dashboard."""

from __future__ import annotations

import pytest
from django.core import mail

from questionnaire.models import (
    Assessment,
    AuditEvent,
    Draft,
    Membership,
    ReviewComment,
    ReviewThread,
)
from tests.people import make_member, signed_in
from tests.review.conftest import comment, review_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def open_thread(reviewer_client, wizard, body="Which lab runs it?") -> ReviewThread:
    response = comment(reviewer_client, wizard, body, question="model_name")
    assert response.status_code == 302, response.status_code
    return ReviewThread.objects.get(draft_public_id=wizard.draft_id)


def messages_of(client, response) -> str:
    html: str = client.get(response["Location"]).content.decode()
    return html


# ------------------------------------------------------------------ submitting


def test_the_preparer_submits_and_the_reviewers_are_told(
    prepared, reviewer, attester, django_capture_on_commit_callbacks
):
    page = prepared.page("review")
    assert "Submit for review" in page
    mail.outbox.clear()

    # Sent once the transaction commits (the outbox; synchronous in the tests).
    with django_capture_on_commit_callbacks(execute=True):
        response = prepared.client.post(review_url(prepared, "submit"))

    assert response.status_code == 302
    draft = prepared.draft
    assert draft.status == Draft.Status.SUBMITTED
    assert draft.status_changed_by is not None
    assert draft.status_changed_by.username == "paula"
    # Reviewers, attesters and administrators review; never the preparer.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.com",
        "rita@example.com",
    ]
    assert "Waiting for your review: Lab prototype" in mail.outbox[0].subject
    assert f"/drafts/{draft.public_id}/review/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(
        action="draft.submitted", object_id=str(draft.public_id), actor_username="paula"
    ).exists()


def test_a_submitted_draft_is_read_only_for_its_preparer(submitted):
    state = submitted.draft.state
    response = submitted.post("model", {"model_name": "Changed", "role": "developer"})

    assert response.status_code == 302
    assert "withdraw it to change the answers" in messages_of(submitted.client, response)
    assert submitted.draft.state == state
    # Every step leads to the review, which offers no change and no finish.
    assert submitted.client.get(submitted.step_url("model"))["Location"].endswith("/review/")
    page = submitted.page("review")
    assert "Withdraw from review" in page
    assert "Finish and see the result" not in page
    assert ">Change<" not in page


def test_the_preparer_withdraws_and_edits_again(submitted):
    response = submitted.client.post(review_url(submitted, "withdraw"))

    assert response.status_code == 302
    assert submitted.draft.status == Draft.Status.EDITING
    assert submitted.answer("model", {"model_name": "Renamed", "role": "developer"})
    assert AuditEvent.objects.filter(action="draft.withdrawn").count() == 1


def test_where_a_review_is_required_the_preparer_cannot_finish(prepared, four_eyes):
    four_eyes.review_required = True
    four_eyes.save()
    page = prepared.page("review")
    assert "Finish and see the result" not in page
    assert "Submit for review" in page

    response = prepared.post("review")

    assert "requires a review" in messages_of(prepared.client, response)
    assert not Assessment.objects.exists()
    assert Draft.objects.filter(public_id=prepared.draft_id).exists()


def test_without_the_settings_the_old_direct_path_stays(owner_client, acme):
    from tests.web.wizard_helpers import WizardDriver

    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(
        [
            ("model", {"model_name": "Solo", "role": "developer"}),
            ("market", {"placement": "research_only"}),
        ]
    )
    page = wizard.page("review")
    assert "Submit for review" not in page
    assessment = wizard.complete()
    assert assessment.prepared_by is not None
    assert assessment.prepared_by.username == "alice"
    assert assessment.approved_by is None


# ------------------------------------------------------------------ reviewing


def test_reviewers_see_submitted_drafts_of_their_organisation_only(
    prepared, reviewer_client, outsider_client, colleague_client
):
    review = prepared.step_url("review")
    # Not before it is submitted.
    assert reviewer_client.get(review).status_code == 404
    prepared.client.post(review_url(prepared, "submit"))

    page = reviewer_client.get(review)
    assert page.status_code == 200
    html = page.content.decode()
    assert "paula submitted these answers for review" in html
    assert "Request changes" in html and ">Approve<" in html
    assert "Lab prototype" in html
    # Members who may not review, and other organisations, see nothing.
    assert colleague_client.get(review).status_code == 404
    assert outsider_client.get(review).status_code == 404


def test_the_dashboard_counts_what_waits_for_each_person(
    submitted, reviewer_client, preparer_client
):
    html = reviewer_client.get("/").content.decode()
    assert "Waiting for your review: 1" in html
    assert f"/drafts/{submitted.draft_id}/review/" in html
    # The preparer does not review their own draft.
    assert "Waiting for your review" not in preparer_client.get("/").content.decode()

    open_thread(reviewer_client, submitted)
    reviewer_client.post(review_url(submitted, "request-changes"))

    assert "Waiting for your review" not in reviewer_client.get("/").content.decode()
    assert "Changes requested: 1" in preparer_client.get("/").content.decode()


def test_a_reviewer_cannot_change_the_answers(submitted, reviewer_client):
    state = submitted.draft.state
    response = reviewer_client.post(
        submitted.step_url("model"),
        {f"{submitted.prefix}-current_step": "model", "model-model_name": "Hijacked"},
    )
    assert response.status_code == 302
    assert "only the person who prepared them changes them" in messages_of(
        reviewer_client, response
    )
    assert submitted.draft.state == state
    assert reviewer_client.get(submitted.step_url("model"))["Location"].endswith("/review/")


def test_the_whole_round_ends_in_an_approved_assessment(
    submitted, reviewer_client, preparer_client, attester_client, django_capture_on_commit_callbacks
):
    thread = open_thread(reviewer_client, submitted, "Is it really research only?")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(review_url(submitted, "request-changes"))
    assert response.status_code == 302
    assert submitted.draft.status == Draft.Status.CHANGES_REQUESTED
    assert [message.to[0] for message in mail.outbox] == ["paula@example.com"]
    assert "Changes requested" in mail.outbox[0].subject

    # The preparer sees the comment beside the answer, changes it and replies.
    page = submitted.page("review")
    assert "Is it really research only?" in page
    assert "A reviewer asked for changes" in page
    submitted.answer("model", {"model_name": "Lab prototype 2", "role": "developer"})
    assert (
        comment(preparer_client, submitted, "Yes: renamed.", thread=str(thread.pk)).status_code
        == 302
    )
    submitted.client.post(review_url(submitted, "submit"))
    assert submitted.draft.status == Draft.Status.SUBMITTED

    # Approving waits for the thread; the reviewer resolves it, then approves.
    refused = reviewer_client.post(review_url(submitted, "approve"))
    assert "still open" in messages_of(reviewer_client, refused)
    assert not Assessment.objects.exists()
    reviewer_client.post(review_url(submitted, "resolve"), {"thread": thread.pk})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(review_url(submitted, "approve"))

    assessment = Assessment.objects.get()
    assert response["Location"] == f"/assessments/{assessment.public_id}/"
    assert assessment.model_name == "Lab prototype 2"
    assert assessment.prepared_by is not None and assessment.approved_by is not None
    assert assessment.prepared_by.username == "paula"
    assert assessment.created_by.username == "paula"
    assert assessment.approved_by.username == "rita"
    assert assessment.approved_at is not None
    assert not Draft.objects.filter(public_id=submitted.draft_id).exists()
    recipients = sorted(message.to[0] for message in mail.outbox)
    # The preparer, and the attesters who may sign it (rita reviews, she does not attest).
    assert recipients == ["alice@example.com", "paula@example.com"]
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["paula@example.com"] == "Approved: Lab prototype 2"
    assert subjects["alice@example.com"] == "Waiting for your signature: Lab prototype 2"

    # The timeline reads the way it went, from the audit trail.
    html = attester_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    timeline = html[html.index('id="timeline-heading"') :]
    order = [
        "Prepared",
        "Submitted for review",
        "Changes requested",
        "1 comment on the answers",
        "Submitted again for review",
        "Approved",
        "Completed",
    ]
    positions = [timeline.index(text) for text in order]
    assert positions == sorted(positions)
    # The comments stay readable: the thread is kept by the draft's id.
    assert ReviewComment.objects.filter(thread=thread).count() == 2


# ------------------------------------------------------------------ refusals


def test_the_preparer_can_never_approve_their_own_work(submitted, four_eyes):
    response = submitted.client.post(review_url(submitted, "approve"))
    assert "someone else of the organisation reviews and approves it" in messages_of(
        submitted.client, response
    )
    assert not Assessment.objects.exists()


def test_an_administrator_who_prepared_a_draft_cannot_approve_it_either(four_eyes, reviewer):
    from tests.web.wizard_helpers import WizardDriver

    boss = make_member("boss", four_eyes, Membership.Role.ADMIN)
    client = signed_in(boss)
    wizard = WizardDriver(client).start(four_eyes)
    wizard.walk(
        [
            ("model", {"model_name": "Own", "role": "developer"}),
            ("market", {"placement": "research_only"}),
        ]
    )
    client.post(review_url(wizard, "submit"))
    response = client.post(review_url(wizard, "approve"))
    assert "someone else" in messages_of(client, response)
    assert not Assessment.objects.exists()


def test_others_get_404_for_every_review_action(submitted, outsider_client, colleague_client):
    thread = ReviewThread.objects.create(
        organisation=submitted.draft.organisation,
        draft_public_id=submitted.draft_id,
        question_key="model_name",
        opened_by=submitted.draft.owner,
    )
    for client in (outsider_client, colleague_client):
        for action in ("comments", "approve", "request-changes", "resolve", "submit", "withdraw"):
            response = client.post(
                review_url(submitted, action),
                {"question": "model_name", "thread": thread.pk, "comment-0-body": "Hi"},
            )
            assert response.status_code == 404, (action, response.status_code)
    assert submitted.draft.status == Draft.Status.SUBMITTED
    assert not ReviewComment.objects.exists()


def test_review_addresses_answer_only_post(submitted, reviewer_client):
    assert reviewer_client.get(review_url(submitted, "approve")).status_code == 405


def test_an_empty_comment_is_shown_again_with_its_error(submitted, reviewer_client):
    response = comment(reviewer_client, submitted, "   ", question="model_name")

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter your comment." in html
    assert 'aria-describedby="' in html and "_error" in html
    assert not ReviewThread.objects.exists()


def test_an_over_long_comment_keeps_its_text(submitted, reviewer_client):
    text = "x" * 2001
    response = comment(reviewer_client, submitted, text, question="model_name")

    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 2,000 characters" in html
    assert text in html
    textarea = html[html.index("<textarea") : html.index("</textarea>")]
    assert 'aria-describedby="' in textarea and "_error" in textarea
    assert '<details class="review-comment-new" open>' in html


def test_a_comment_on_an_answer_the_review_does_not_show_is_404(submitted, reviewer_client):
    response = reviewer_client.post(
        review_url(submitted, "comments"), {"question": "no_such_key", "comment-0-body": "Hm"}
    )
    assert response.status_code == 404


def test_the_preparer_replies_but_opens_no_thread(submitted, reviewer_client):
    response = submitted.client.post(
        review_url(submitted, "comments"), {"question": "model_name", "comment-0-body": "Hm"}
    )
    assert "you reply to theirs" in messages_of(submitted.client, response)
    thread = open_thread(reviewer_client, submitted)
    response = comment(submitted.client, submitted, "Answer.", thread=str(thread.pk))
    assert response.status_code == 302
    assert thread.comments.count() == 2
    # Only reviewers resolve.
    submitted.client.post(review_url(submitted, "resolve"), {"thread": thread.pk})
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_a_comment_is_shown_beside_its_answer_for_both(submitted, reviewer_client):
    thread = open_thread(reviewer_client, submitted, "Which lab?")
    for client in (reviewer_client, submitted.client):
        html = client.get(submitted.step_url("review")).content.decode()
        row = html[html.index("Which lab?") - 2000 : html.index("Which lab?")]
        assert "Lab prototype" in row  # the answer it is about, just before it
        assert f'id="thread-{thread.pk}"' in html
        assert f'form="reply-{thread.pk}"' in html
    assert 'form="resolve-' in reviewer_client.get(submitted.step_url("review")).content.decode()
    assert AuditEvent.objects.filter(action="review.commented").count() == 1
