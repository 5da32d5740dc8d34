"""Pages: the dashboard, starting and deleting drafts, the result of an assessment.

Views stay thin: reads through ``selectors`` (another organisation's object is a 404),
writes through ``services``. The wizard itself lives in ``questionnaire.wizard``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from questionnaire import selectors, services
from questionnaire.presentation import chart_for_result, flags_explained, group_by_step, verdict
from questionnaire.records import chain, export, verification
from questionnaire.records.signing import sha256_hex
from questionnaire.wizard.forms import AttestForm
from questionnaire.wizard.view import sign_assessment

if TYPE_CHECKING:
    # Annotations only: views read and write data through selectors and services, which
    # the import-linter contract "Views reach data through selectors and services" checks.
    from django.db.models import QuerySet

    from questionnaire.models import Assessment, Organisation

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Say the process is up and serving. Touches no database, so probes stay cheap."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """Drafts and assessments for people signed in; what the product does for others."""
    if not request.user.is_authenticated:
        return render(request, "questionnaire/home.html")
    return render(
        request,
        "questionnaire/dashboard.html",
        {
            "drafts": selectors.drafts_for(user=request.user),
            "assessments": selectors.assessments_for(user=request.user)[:100],
            "memberships": selectors.memberships_for(user=request.user),
        },
    )


class NewAssessmentForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        queryset=None,  # the user's organisations, given to __init__
        empty_label=None,
        label="Organisation",
        help_text="The assessment will belong to this organisation.",
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"])
        field.queryset = organisations


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for(user=request.user)
    if not organisations.exists():
        return render(request, "questionnaire/no_organisation.html", status=403)
    form = NewAssessmentForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        draft = services.draft_create(
            user=_user(request), organisation=form.cleaned_data["organisation"]
        )
        return redirect("wizard", draft_id=draft.public_id)
    return render(request, "questionnaire/assessment_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def draft_delete(request: HttpRequest, draft_id: str) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, public_id=draft_id)
    if request.method == "POST":
        services.draft_delete(draft=draft)
        messages.success(request, f"Draft “{draft}” deleted.")
        return redirect("dashboard")
    return render(request, "questionnaire/draft_delete.html", {"draft": draft})


@login_required
@require_safe
def assessment_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    assessment = selectors.assessment_get(user=request.user, public_id=public_id)
    return _assessment_page(request, assessment)


def _assessment_page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    attest_form: AttestForm | None = None,
    status: int = 200,
) -> HttpResponse:
    result = assessment.result
    membership = selectors.membership_get(user=request.user, organisation=assessment.organisation)
    signed = list(selectors.assessment_records(user=request.user, assessment=assessment))
    if attest_form is None and membership.can_attest and not signed:
        attest_form = AttestForm(
            records=selectors.records_correctable(
                user=request.user, organisation=assessment.organisation
            )
        )
    return render(
        request,
        "questionnaire/assessment_detail.html",
        {
            "assessment": assessment,
            "result": result,
            "verdict": verdict(result),
            "flags": flags_explained(result),
            "chart": chart_for_result(result),
            "shown_by_step": group_by_step(assessment.shown),
            "records": signed,
            "attest_form": attest_form if membership.can_attest else None,
        },
        status=status,
    )


def _user(request: HttpRequest) -> User:
    """The signed-in user of a view behind ``login_required``."""
    return cast(User, request.user)


# ------------------------------------------------------------------ signed records


@login_required
@require_http_methods(["POST"])
def assessment_attest(request: HttpRequest, public_id: str) -> HttpResponse:
    """Attest and sign an assessment completed without a signature."""
    assessment = selectors.assessment_get(user=request.user, public_id=public_id)
    membership = selectors.membership_get(user=request.user, organisation=assessment.organisation)
    if not membership.can_attest:
        raise PermissionDenied("Only attesters of the organisation can sign its assessments.")
    form = AttestForm(
        request.POST,
        records=selectors.records_correctable(
            user=request.user, organisation=assessment.organisation
        ),
    )
    signed = selectors.assessment_records(user=request.user, assessment=assessment).first()
    if signed is not None:
        messages.info(request, "This assessment is signed already; here is its record.")
        return redirect("record_detail", public_id=signed.public_id)
    if not form.is_valid() or not form.cleaned_data.get("confirm"):
        if form.is_valid():
            form.add_error("confirm", "Tick the statement to attest and sign.")
        return _assessment_page(request, assessment, attest_form=form, status=400)
    return sign_assessment(request, assessment, form.cleaned_data)


@login_required
@require_safe
def record_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    record = selectors.record_get(user=request.user, public_id=public_id)
    status = chain.record_status(record)
    if status.failures:
        logger.warning(
            "Record %s fails its integrity check, shown as such to %s: %s",
            record.public_id,
            request.user,
            "; ".join(reason for _, reason in status.failures),
        )
    payload = chain.payload_of(record) or {}
    result = payload.get("result") if isinstance(payload.get("result"), dict) else {}
    superseded_by = selectors.record_superseding(user=request.user, record=record)
    return render(
        request,
        "questionnaire/record_detail.html",
        {
            "record": record,
            "status": status,
            "payload": payload,
            "result": result,
            "verdict": verdict(result) if result else "",
            "flags": flags_explained(result) if result else [],
            "chart": chart_for_result(result) if result else None,
            "shown_by_step": group_by_step(payload.get("questions", [])),
            "superseded_by": superseded_by,
        },
    )


@login_required
@require_safe
def record_export(request: HttpRequest, public_id: str) -> HttpResponse:
    record = selectors.record_get(user=request.user, public_id=public_id)
    if chain.payload_of(record) is None:
        logger.warning(
            "Record %s: its stored payload is no longer JSON; export refused with 409.",
            record.public_id,
        )
        return JsonResponse(
            {"error": "The stored record is damaged: its content is no longer what was signed."},
            status=409,
        )
    response = JsonResponse(
        export.export_document(record), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="record-{record.public_id}.json"'
    return response


@login_required
@require_safe
def record_report(request: HttpRequest, public_id: str) -> HttpResponse:
    """The PDF as it was rendered and signed when the record was made: never re-rendered."""
    record = selectors.record_get(user=request.user, public_id=public_id)
    try:
        with record.report.open("rb") as handle:
            pdf = handle.read()
    except (OSError, ValueError) as error:
        logger.warning(
            "Record %s: its report %r cannot be read from storage (%s); answered 404.",
            record.public_id,
            record.report.name,
            error,
        )
        raise Http404("This record's report is not in storage.") from None
    digest = sha256_hex(pdf)
    if digest != record.report_sha256:
        logger.warning(
            "Record %s: the stored report %r has SHA-256 %s, not the %s recorded when it was "
            "signed; download refused with 409.",
            record.public_id,
            record.report.name,
            digest,
            record.report_sha256,
        )
        return HttpResponse(
            "The stored report no longer matches the SHA-256 recorded when it was signed.",
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="gpai-assessment-{record.public_id}.pdf"'
        },
    )


@require_safe
def signing_keys(request: HttpRequest) -> HttpResponse:
    """Every public key and document certificate this service has signed with, for anyone
    who wants to verify a record without us."""
    return JsonResponse(
        {
            "keys": [
                {
                    "key_id": key.key_id,
                    "algorithm": key.algorithm,
                    "public_key": key.public_key,
                    "created_at": key.created_at.isoformat(),
                    "retired_at": key.retired_at.isoformat() if key.retired_at else None,
                }
                for key in selectors.published_keys().values()
            ],
            "document_certificates": [
                {
                    "fingerprint_sha256": certificate.fingerprint,
                    "subject": certificate.subject,
                    "certificate_pem": certificate.certificate_pem,
                    "created_at": certificate.created_at.isoformat(),
                    "retired_at": certificate.retired_at.isoformat()
                    if certificate.retired_at
                    else None,
                }
                for certificate in selectors.document_certificates()
            ],
        },
        json_dumps_params={"indent": 2},
    )


class VerifyForm(forms.Form):
    document = forms.FileField(
        label="Record file (.json) or PDF report",
        help_text="Nothing you upload is stored. The answer uses only the file and our public keys.",
    )


MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Public: is this record or report authentic, which key signed it, and when."""
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    outcome = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["document"]
            if upload.size > MAX_UPLOAD_BYTES:
                form.add_error("document", "The file is larger than 10 MB: it cannot be a record.")
                status = 400
                logger.warning(
                    "Verification upload refused: %d bytes, over the %d-byte limit.",
                    upload.size,
                    MAX_UPLOAD_BYTES,
                )
            else:
                outcome = verification.check_upload(
                    upload.read(),
                    keys=selectors.published_keys(),
                    certificates=list(selectors.document_certificates()),
                )
        else:
            status = 400
            logger.warning(
                "Verification upload refused: %s", form.errors.get_json_data(escape_html=True)
            )
    return render(
        request, "questionnaire/verify.html", {"form": form, "outcome": outcome}, status=status
    )
