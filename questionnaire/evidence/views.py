"""Evidence pages: attach a file or a link to one answer of a draft (the review step posts
its forms here; this page shows one answer's form alone, and its errors), download a file,
remove one. Objects are read through ``questionnaire.selectors`` and
``evidence.selectors``: anyone else's draft or evidence is 404."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from questionnaire import selectors
from questionnaire.evidence import content, services
from questionnaire.evidence import selectors as evidence_selectors
from questionnaire.evidence.forms import EvidenceForm
from questionnaire.lib.downloads import attachment_header
from questionnaire.records.signing import sha256_hex
from questionnaire.wording import wording_map

if TYPE_CHECKING:
    # Annotations only: views read drafts through the selectors.
    from questionnaire.models import Draft

logger = logging.getLogger(__name__)

# Room for the multipart framing and the link field around the file itself.
_MULTIPART_OVERHEAD = 64 * 1024
REVIEW_STEP = "review"


def _review_url(draft_id: object, anchor: str = "") -> str:
    url = reverse("wizard_step", kwargs={"draft_id": draft_id, "step": REVIEW_STEP})
    return f"{url}#{anchor}" if anchor else url


@login_required
@csrf_exempt  # checked by _evidence_add, once the size is known to be acceptable
@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, draft_id: str, question_key: str) -> HttpResponse:
    """Attach a file or a link to the answer ``question_key`` of one of the user's drafts.

    An upload announced larger than the limit is refused from its Content-Length before any
    of the body is read (the CSRF check would read it all, so it comes after)."""
    draft = selectors.draft_get(user=request.user, public_id=draft_id)
    wording = wording_map().get(question_key)
    if wording is None:
        raise Http404("No such question.")
    limit = services.evidence_max_bytes()
    if request.method == "POST":
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        if announced > limit + _MULTIPART_OVERHEAD:
            logger.warning(
                "Evidence upload refused unread: %d bytes announced, over the %d-byte limit.",
                announced,
                limit,
            )
            form = EvidenceForm(data={}, max_bytes=limit)
            form.full_clean()
            form.errors.clear()
            form.add_error(
                "file",
                _(
                    "The file is larger than %(limit)s: evidence files can be at most that. "
                    "Attach a smaller file, or link to where it is kept."
                )
                % {"limit": content.size_text(limit)},
            )
            return _page(request, draft, question_key, wording, form, status=413)
    return _evidence_add(request, draft, question_key, wording)


@csrf_protect
def _evidence_add(
    request: HttpRequest, draft: Draft, question_key: str, wording: dict[str, Any]
) -> HttpResponse:
    limit = services.evidence_max_bytes()
    if request.method != "POST":
        return _page(request, draft, question_key, wording, EvidenceForm(max_bytes=limit))
    form = EvidenceForm(request.POST, request.FILES, max_bytes=limit)
    if not form.is_valid():
        return _page(request, draft, question_key, wording, form, status=400)
    user = cast(User, request.user)
    upload, url = form.cleaned_data.get("file"), form.cleaned_data.get("url") or ""
    attached: list[str] = []
    try:
        if url:
            content.link_check(url)  # before the file is stored: both or neither
        if upload:
            evidence = services.evidence_add_file(
                draft=draft, question_key=question_key, upload=upload, user=user
            )
            attached.append(f"“{evidence.name}”")  # noqa: RUF001 (quotation marks)
        if url:
            services.evidence_add_link(draft=draft, question_key=question_key, url=url, user=user)
            attached.append(_("the link"))
    except services.Refused as refused:
        form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        if attached:
            messages.success(request, _attached_text(attached))
        return _page(request, draft, question_key, wording, form, status=400)
    except services.EvidenceFrozen as frozen:
        messages.error(request, str(frozen))
        return redirect("dashboard")
    except services.UnknownQuestion:
        raise Http404("No such question.") from None
    messages.success(request, _attached_text(attached, wording["label"]))
    return redirect(_review_url(draft.public_id, f"evidence-{question_key}"))


def _attached_text(attached: list[str], label: str = "") -> str:
    """“report.pdf” and the link attached (to “label”)."""
    what = attached[0]
    if len(attached) > 1:
        what = _("%(first)s and %(second)s") % {"first": attached[0], "second": attached[1]}
    if label:
        text = _("%(what)s attached to “%(label)s”.") % {"what": what, "label": label}
    else:
        text = _("%(what)s attached.") % {"what": what}
    return text[:1].upper() + text[1:]


def _page(
    request: HttpRequest,
    draft: Draft,
    question_key: str,
    wording: dict[str, Any],
    form: EvidenceForm,
    *,
    status: int = 200,
) -> HttpResponse:
    public_id = draft.public_id
    items = evidence_selectors.evidence_of_draft(user=request.user, draft_public_id=public_id)
    return render(
        request,
        "questionnaire/evidence_add.html",
        {
            "draft": draft,
            "question_key": question_key,
            "label": wording.get("label") or question_key,
            "form": form,
            "items": [item for item in items if item.question_key == question_key],
            "review_url": _review_url(public_id, f"evidence-{question_key}"),
        },
        status=status,
    )


@login_required
@require_safe
def evidence_download(request: HttpRequest, evidence_id: str) -> HttpResponse:
    """An evidence file, as an attachment under its kept name, if it is still the file
    that was attached (its SHA-256): a file changed in storage is refused (409)."""
    evidence = evidence_selectors.evidence_get(user=request.user, public_id=evidence_id)
    if not evidence.file:
        raise Http404("This evidence is a link, not a file.")
    try:
        with evidence.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        logger.warning("Evidence %s: its file is not in storage; 404.", evidence.public_id)
        raise Http404("This evidence file is not in storage.") from None
    if sha256_hex(data) != evidence.sha256:
        logger.warning(
            "Evidence %s: the stored file no longer matches the SHA-256 kept when it was "
            "attached; download refused with 409.",
            evidence.public_id,
        )
        return HttpResponse(
            _("The stored file no longer matches the SHA-256 kept when it was attached."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(
        data,
        content_type=evidence.content_type or "application/octet-stream",
        headers={"Content-Disposition": attachment_header(evidence.name)},
    )


@login_required
@require_POST
def evidence_remove(request: HttpRequest, evidence_id: str) -> HttpResponse:
    """Remove a file or link while its assessment is not signed; refused (with a message)
    once it is."""
    evidence = evidence_selectors.evidence_get(user=request.user, public_id=evidence_id)
    try:
        services.evidence_remove(evidence=evidence, user=cast(User, request.user))
    except services.EvidenceFrozen as frozen:
        messages.error(request, str(frozen))
    else:
        messages.success(request, _("“%(name)s” removed.") % {"name": evidence.name})
    draft_id = evidence.draft_public_id
    try:
        selectors.draft_get(user=request.user, public_id=draft_id)
    except Http404:
        completed = selectors.assessments_for(user=request.user).filter(draft_public_id=draft_id)
        assessment = completed.first()
        if assessment is None:
            return redirect("dashboard")
        return redirect("assessment_detail", public_id=assessment.public_id)
    return redirect(_review_url(draft_id, f"evidence-{evidence.question_key}"))
