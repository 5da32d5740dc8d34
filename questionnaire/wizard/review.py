"""The review of a draft on its review step (four eyes): what its preparer and its reviewers
may do there, and the comment threads shown beside each answer.

The review step is one ``<form>`` (the wizard's). A comment, a reply or "Resolve" beside an
answer is a form of its own, which HTML does not let sit inside another: each is an empty
``<form>`` after the wizard's, and its text area and button, shown beside the answer, name it
with the ``form`` attribute. No script is involved, and the Enter key in the wizard's own
inputs never sends a comment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from questionnaire.services import REVIEW_COMMENT_MAX

if TYPE_CHECKING:
    from questionnaire.models import Draft, ReviewComment, ReviewThread

ACTIONS = ("submit", "withdraw", "request-changes", "approve", "comments", "resolve")
"""The review's POST addresses under ``drafts/<id>/review/``."""


class CommentForm(forms.Form):
    """A comment on one answer, or a reply in its thread. Its prefix is the id of the form
    it belongs to, so that the many comment forms of a page never share an input id."""

    body = forms.CharField(
        max_length=REVIEW_COMMENT_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Enter your comment."),
        },
    )

    def __init__(self, *args: Any, form_id: str, label: str, **kwargs: Any) -> None:
        kwargs["prefix"] = form_id
        super().__init__(*args, **kwargs)
        self.form_id = form_id
        body = self.fields["body"]
        body.label = label
        # The limit as the reader writes numbers (2,000 / 2.000 / 2 000); Django fills in
        # show_value when the comment is too long.
        body.error_messages["max_length"] = _(
            "A comment can be at most %(limit)s characters long (it has %(show_value)s)."
        ) % {
            "limit": number_format(REVIEW_COMMENT_MAX, force_grouping=True),
            "show_value": "%(show_value)d",
        }
        body.widget.attrs["form"] = form_id


@dataclass(frozen=True)
class OuterForm:
    """An empty form after the wizard's: where a comment, a reply or "Resolve" is sent."""

    id: str
    action: str
    hidden: dict[str, str]


@dataclass
class ThreadView:
    thread: ReviewThread
    comments: list[ReviewComment]
    reply: CommentForm | None = None
    resolve_form: str = ""


@dataclass
class ReviewPage:
    """Who is looking at the review step and what they may do there."""

    draft: Draft
    reviewing: bool  # a reviewer, not the preparer
    open_threads: int = 0
    urls: dict[str, str] = field(default_factory=dict)
    outer_forms: list[OuterForm] = field(default_factory=list)
    failed: CommentForm | None = None
    threads: dict[str, list[ThreadView]] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return str(self.draft.status)

    @property
    def submitted(self) -> bool:
        return self.status == "submitted"

    @property
    def changes_requested(self) -> bool:
        return self.status == "changes_requested"

    @property
    def read_only(self) -> bool:
        """The answers cannot be changed here: a reviewer's view, or the preparer's while
        the draft waits for its review."""
        return self.reviewing or self.submitted

    @property
    def can_submit(self) -> bool:
        organisation = self.draft.organisation
        return (
            not self.reviewing
            and not self.submitted
            and (organisation.review_required or organisation.four_eyes)
        )

    @property
    def can_finish(self) -> bool:
        return not self.read_only and not self.draft.organisation.review_required

    @property
    def can_withdraw(self) -> bool:
        return not self.reviewing and self.submitted

    @property
    def can_decide(self) -> bool:
        """A reviewer of a submitted draft: asks for changes, or approves."""
        return self.reviewing and self.submitted

    @property
    def can_approve(self) -> bool:
        return self.can_decide and not self.open_threads

    @property
    def has_threads(self) -> bool:
        return bool(self.threads)


def review_url(draft: Draft, action: str) -> str:
    return reverse(f"review_{action.replace('-', '_')}", kwargs={"draft_id": draft.public_id})


def review_page(
    *,
    draft: Draft,
    reviewing: bool,
    comments: Iterable[ReviewComment],
    rows: Iterable[Mapping[str, Any]],
    failed: CommentForm | None = None,
) -> ReviewPage:
    """The review step's state for this person, with each answer's threads and forms.
    ``rows`` are the review's answers (``shown_questions``), each with its ``key``;
    ``failed`` is a comment form sent with errors, shown again in its place."""
    page = ReviewPage(draft=draft, reviewing=reviewing, failed=failed)
    page.urls = {action.replace("-", "_"): review_url(draft, action) for action in ACTIONS}
    by_thread: dict[int, ThreadView] = {}
    for comment in comments:
        view = by_thread.get(comment.thread_id)
        if view is None:
            view = by_thread[comment.thread_id] = ThreadView(thread=comment.thread, comments=[])
            page.threads.setdefault(comment.thread.question_key, []).append(view)
        view.comments.append(comment)
    labels = {str(row["key"]): str(row["label"]) for row in rows}
    for key, views in page.threads.items():
        for view in views:
            thread = view.thread
            if thread.resolved_at is not None:
                continue
            page.open_threads += 1
            if key not in labels:
                continue  # an answer no longer asked: counted, not shown beside an answer
            reply_id = f"reply-{thread.pk}"
            view.reply = _form(
                page, reply_id, _("Reply on “%(answer)s”") % {"answer": _short(labels[key])}
            )
            page.outer_forms.append(
                OuterForm(reply_id, page.urls["comments"], {"thread": str(thread.pk)})
            )
            if reviewing:
                view.resolve_form = f"resolve-{thread.pk}"
                page.outer_forms.append(
                    OuterForm(view.resolve_form, page.urls["resolve"], {"thread": str(thread.pk)})
                )
    return page


def row_review(page: ReviewPage, row: Mapping[str, Any], index: int) -> dict[str, Any]:
    """What the review shows beside one answer: its threads, and for a reviewer the form of
    a new comment on it."""
    key = str(row["key"])
    new: CommentForm | None = None
    if page.reviewing:
        form_id = f"comment-{index}"
        new = _form(
            page, form_id, _("Comment on “%(answer)s”") % {"answer": _short(str(row["label"]))}
        )
        page.outer_forms.append(OuterForm(form_id, page.urls["comments"], {"question": key}))
    return {"threads": page.threads.get(key, []), "comment": new}


def _form(page: ReviewPage, form_id: str, label: str) -> CommentForm:
    if page.failed is not None and page.failed.form_id == form_id:
        page.failed.fields["body"].label = label
        return page.failed
    return CommentForm(form_id=form_id, label=label)


def _short(label: str, length: int = 80) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"
