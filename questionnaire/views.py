"""Pages: the dashboard, starting and deleting drafts, the result of an assessment.

Views stay thin: reads through ``selectors`` (another organisation's object is a 404),
writes through ``services``, audit events through ``audit``. The wizard itself lives in
``questionnaire.wizard``.
"""

from __future__ import annotations

import csv
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date
from typing import TYPE_CHECKING, Any, TypedDict, cast
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS_3
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from questionnaire import selectors, services
from questionnaire.accounts.two_factor import (
    second_factor_missing,
    second_factor_redirect,
    second_factor_required,
    second_factor_url,
)
from questionnaire.audit import Action, action_choices, audit_log, record_verified_log
from questionnaire.checklist import Checklist, ChecklistGroup, ChecklistItem
from questionnaire.ledger import selectors as ledger_selectors
from questionnaire.lib.downloads import attachment_header
from questionnaire.lib.spreadsheet import cell_safe
from questionnaire.presentation import (
    LANGUAGE_CODES,
    StatusWords,
    chart_for_result,
    classification_label,
    flags_explained,
    group_by_step,
    page_language,
    status_words,
    verdict,
)
from questionnaire.records import chain, export, stored_files, verification
from questionnaire.records.payload import result_as_shown
from questionnaire.records.reassess import Reassessment, reassess
from questionnaire.reports import render as report_render
from questionnaire.scoring import DEFAULT_RULESET, load
from questionnaire.scoring.numbers import localise_number
from questionnaire.scoring.rulesets import available
from questionnaire.scoring.texts import obligation_title
from questionnaire.wizard.forms import AttestForm
from questionnaire.wizard.prefill import PrefillRefused, step_data_for
from questionnaire.wizard.view import sign_assessment
from questionnaire.wording import wording_map

if TYPE_CHECKING:
    # Annotations only: views read and write data through selectors and services, which
    # the import-linter contract "Views reach data through selectors and services" checks.
    from django.db.models import QuerySet

    from questionnaire.models import Assessment, AssessmentRecord, Draft, Organisation

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Say the process is up and serving. Touches no database, so probes stay cheap."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


DASHBOARD_PAGE_SIZE = 25
"""Completed assessments listed on one page of the dashboard."""
DASHBOARD_NOTICES = 10
"""The most threshold notices of the compute ledger the dashboard lists."""


@dataclass(frozen=True)
class Tally:
    """An organisation's completed assessments, as the database counted them."""

    organisation: Organisation
    completed: int
    signed: int

    @property
    def unsigned(self) -> int:
        return self.completed - self.signed


@dataclass(frozen=True)
class PageLink:
    """An item of the dashboard's page navigation: a page's number and link, or a gap."""

    number: int | None
    url: str = ""
    current: bool = False


class DashboardRow(TypedDict):
    """A completed assessment as the dashboard lists it, its links and time formatted once
    here: a template's ``{% url %}`` and ``|date`` cost more than the rest of a row."""

    url: str
    model_name: str
    result: str
    record_url: str
    record_sequence: str
    organisation: str
    by: str
    completed_iso: str
    completed: str


class _CountedPaginator(Paginator[int]):
    """A paginator told how many objects there are (the dashboard's tallies counted them),
    so that it asks the database for no ``COUNT`` of its own."""

    def __init__(
        self, object_list: QuerySet[Assessment, int], per_page: int, *, count: int
    ) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """Drafts and assessments for people signed in; what the product does for others.

    Completed assessments come ``DASHBOARD_PAGE_SIZE`` at a time, newest first, with plain
    links to the other pages. Every figure is the database's: each organisation's counts
    come with the memberships (one query, which also gives the paginator its count), and
    the page is one more, whatever the number of assessments."""
    if not request.user.is_authenticated:
        return render(request, "questionnaire/home.html")
    memberships = list(selectors.memberships_summarised(user=request.user))
    tallies = [
        Tally(
            organisation=membership.organisation,
            completed=getattr(membership, "assessments_total", 0),
            signed=getattr(membership, "assessments_signed", 0),
        )
        for membership in memberships
    ]
    paginator = _CountedPaginator(
        selectors.assessments_ordered(user=request.user),
        DASHBOARD_PAGE_SIZE,
        count=sum(tally.completed for tally in tallies),
    )
    asked = request.GET.get("page", "").strip()[:20]  # int() of 5,000 digits raises
    page = paginator.get_page(asked)
    query = request.GET.copy()  # any other parameter stays in the pages' links

    def url(number: int) -> str:
        query["page"] = str(number)
        return f"?{query.urlencode()}#assessments-heading"

    drafts = list(selectors.drafts_listed(user=request.user))
    return render(
        request,
        "questionnaire/dashboard.html",
        {
            "drafts": drafts,
            # The compute ledger's warnings and crossings (issue 14), for admins and attesters.
            "threshold_notices": list(
                ledger_selectors.threshold_notices_for(user=_user(request))[:DASHBOARD_NOTICES]
            ),
            # The review (four eyes): what waits for this person.
            "awaiting_review": list(selectors.drafts_awaiting_review(user=request.user))
            if any(
                membership.can_review and getattr(membership, "drafts_submitted", None)
                for membership in memberships
            )
            else [],
            "changes_requested": [
                draft for draft in drafts if draft.status == draft.Status.CHANGES_REQUESTED
            ],
            "memberships": memberships,
            "tallies": [tally for tally in tallies if tally.completed],
            "rows": _dashboard_rows(
                selectors.assessments_listed(
                    # The page's slice of the ordered ids: still a query, read as a subquery.
                    user=request.user,
                    among=cast("QuerySet[Assessment, int]", page.object_list),
                )
            ),
            "page": page,
            "pages": [
                PageLink(number, url(number), number == page.number)
                if isinstance(number, int)
                else PageLink(None)
                for number in paginator.get_elided_page_range(
                    page.number, on_each_side=1, on_ends=1
                )
            ],
            "previous_url": url(page.previous_page_number()) if page.has_previous() else "",
            "next_url": url(page.next_page_number()) if page.has_next() else "",
            # A page that is not there (?page=99, ?page=x) shows the last or the first one,
            # and says so.
            "page_missing": asked if asked and not _is_page(asked, page.number) else "",
        },
    )


def _is_page(asked: str, number: int) -> bool:
    return asked.isdecimal() and int(asked) == number


def _dashboard_rows(assessments: Iterable[Mapping[str, Any]]) -> list[DashboardRow]:
    assessment_url = _public_id_url("assessment_detail")
    record_url = _public_id_url("record_detail")
    rows = []
    for assessment in assessments:
        local = timezone.localtime(assessment["created_at"])
        record = assessment["record_public_id"]
        rows.append(
            DashboardRow(
                url=assessment_url(assessment["public_id"]),
                model_name=assessment["model_name"],
                result=classification_label(
                    str(assessment["classification"] or ""), page_language()
                )
                if assessment["classification"]
                else assessment["classification"],
                record_url=record_url(record) if record else "",
                # Text, as the template would write it, without localising a number per row.
                record_sequence=str(assessment["record_sequence"] or ""),
                organisation=assessment["organisation_name"],
                by=assessment["created_by_username"],
                completed_iso=local.isoformat(),
                # As the |date filter writes "j M Y, H:i": 9 Mar 2026, 14:05.
                completed=f"{local.day} {MONTHS_3[local.month].title()} {local:%Y, %H:%M}",
            )
        )
    return rows


def _public_id_url(name: str) -> Callable[[uuid.UUID], str]:
    """``reverse(name, kwargs={"public_id": …})`` for a page of ids at the cost of one: the
    URL reversed once with a stand-in id, which each id takes the place of."""
    stand_in = str(uuid.UUID(int=0))
    head, _, tail = reverse(name, kwargs={"public_id": stand_in}).partition(stand_in)
    return lambda public_id: f"{head}{public_id}{tail}"


class NewAssessmentForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        queryset=None,  # the user's organisations, given to __init__
        empty_label=None,
        label=gettext_lazy("Organisation"),
        help_text=gettext_lazy("The assessment will belong to this organisation."),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"])
        field.queryset = organisations
        # A person in one organisation is not asked which: the page names it and posts it
        # as a hidden value (a refused value shows the choice, with its error).
        only = list(organisations[:2])
        self.only_organisation: Organisation | None = only[0] if len(only) == 1 else None


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for(user=request.user)
    if not organisations.exists():
        return render(request, "questionnaire/no_organisation.html", status=403)
    form = NewAssessmentForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.draft_create(
                user=_user(request), organisation=form.cleaned_data["organisation"]
            )
        except services.DraftQuotaError as error:
            messages.error(request, str(error))
            return render(request, "questionnaire/assessment_new.html", {"form": form}, status=409)
        return redirect("wizard", draft_id=draft.public_id)
    return render(request, "questionnaire/assessment_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def draft_delete(request: HttpRequest, draft_id: str) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, public_id=draft_id)
    if request.method == "POST":
        services.draft_delete(draft=draft)
        messages.success(request, gettext("Draft “%(draft)s” deleted.") % {"draft": draft})
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
    failed: ChecklistFailure | None = None,
    status: int = 200,
) -> HttpResponse:
    result = assessment.result
    membership = selectors.membership_get(user=request.user, organisation=assessment.organisation)
    signed = list(selectors.assessment_records(user=request.user, assessment=assessment))
    signed_payload = (chain.payload_of(signed[0]) or {}) if signed else None
    # Four eyes: an attester who prepared the answers (or any, before a required review)
    # is told why they cannot sign, instead of a form.
    refusal = (
        _four_eyes_refusal(request, assessment) if membership.can_attest and not signed else ""
    )
    can_attest = membership.can_attest and not refusal
    # An attester without a verified second factor sees why and where to give it, instead of
    # a form they could not send.
    needs_factor = can_attest and not signed and second_factor_missing(request)
    if attest_form is None and can_attest and not signed and not needs_factor:
        typed = request.session.pop(_typed_key(assessment), None)
        attest_form = AttestForm(
            records=selectors.records_correctable(
                user=request.user, organisation=assessment.organisation
            ),
            # A re-assessment offers the record it re-assesses as the one it corrects; the
            # name and function typed before the second factor was asked for come back.
            initial={
                "supersedes": assessment.supersedes_id,
                **(typed if isinstance(typed, dict) else {}),
            },
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
            # Who attested and when, as signed: never from the columns beside the payload.
            "signed_rows": [
                (record, export.as_mapping((signed_payload or {}).get("attestation")))
                for record in signed
            ],
            # Once signed, the checklist its signed documents call for (the record's page
            # shows the same one).
            "checklist": _checklist_page(
                request,
                checklist=selectors.record_checklist(payload=signed_payload)
                if signed_payload
                else selectors.assessment_checklist(assessment=assessment),
                assessment=assessment,
                back="",
                failed=failed,
            ),
            "attest_form": attest_form if can_attest and not needs_factor else None,
            "four_eyes_refusal": refusal,
            "timeline": selectors.assessment_timeline(user=request.user, assessment=assessment),
            "second_factor_url": second_factor_url(
                request.user, next_url=_assessment_url(assessment)
            )
            if needs_factor
            else None,
        },
        status=status,
    )


def _four_eyes_refusal(request: HttpRequest, assessment: Assessment) -> str:
    """Why the organisation's four-eyes settings keep this person from signing; empty if
    they do not."""
    try:
        services.four_eyes_check(assessment=assessment, attester=_user(request))
    except services.FourEyesRefused as error:
        return str(error.args[0])
    return ""


def _assessment_url(assessment: Assessment) -> str:
    return reverse("assessment_detail", kwargs={"public_id": assessment.public_id})


def _typed_key(assessment: Assessment) -> str:
    return f"attest_typed:{assessment.public_id}"


def _user(request: HttpRequest) -> User:
    """The signed-in user of a view behind ``login_required``."""
    return cast(User, request.user)


# ------------------------------------------------------------------ documentation checklist


class WebAddressField(forms.URLField):
    """A link to evidence: http or https only (Django's own check also lets ftp through)."""

    default_validators = [services.evidence_url_validator]


class ChecklistProgressForm(forms.Form):
    """How far the organisation is with one checklist item. Each item's form has the item's
    id as its prefix, so that the ids of a page's many forms never clash."""

    done = forms.BooleanField(required=False, label=gettext_lazy("Done"))
    note = forms.CharField(
        required=False,
        max_length=services.CHECKLIST_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=gettext_lazy("Note"),
        help_text=gettext_lazy("What was done, where the document is kept, what remains."),
    )
    evidence_url = WebAddressField(
        required=False,
        max_length=services.CHECKLIST_URL_MAX,
        assume_scheme="https",
        label=gettext_lazy("Link to the evidence"),
        help_text=gettext_lazy("The address of the document or folder, starting with https://."),
        error_messages={"invalid": services.evidence_url_validator.message},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The limits as the reader writes numbers (2,000 / 2.000 / 2 000); Django fills in
        # show_value when a text is too long.
        too_long = {
            "note": gettext(
                "The note can be at most %(limit)s characters long (it has %(show_value)s)."
            ),
            "evidence_url": gettext(
                "The link can be at most %(limit)s characters long (it has %(show_value)s)."
            ),
        }
        for name, message in too_long.items():
            field = self.fields[name]
            field.error_messages["max_length"] = message % {
                "limit": number_format(cast(int, field.max_length), force_grouping=True),  # type: ignore[attr-defined]
                "show_value": "%(show_value)d",
            }


CHECKLIST_BACK_RECORD = "record"
"""The value of a checklist form's ``back`` field on the record's page: the view goes back
there (any other value: the assessment's page). A name, never an address to redirect to."""


@dataclass(frozen=True)
class ChecklistFailure:
    """A checklist form that was refused, to show again with its errors and typed values."""

    item: str
    form: ChecklistProgressForm


@dataclass(frozen=True)
class ChecklistRow:
    """One item as a page shows it: the item, its progress, and its form (None where the
    page is read only: a record without its assessment)."""

    item: ChecklistItem
    progress: selectors.ItemProgress | None
    form: ChecklistProgressForm | None
    action: str

    @property
    def anchor(self) -> str:
        return f"item-{self.item.id}"

    @property
    def refused(self) -> bool:
        return self.form is not None and self.form.is_bound and bool(self.form.errors)


@dataclass(frozen=True)
class ChecklistSection:
    group: ChecklistGroup
    rows: list[ChecklistRow]


@dataclass(frozen=True)
class ChecklistPage:
    """The checklist part of the result and record pages."""

    checklist: Checklist
    sections: list[ChecklistSection]
    done: int
    total: int
    back: str
    editable: bool
    failed: ChecklistFailure | None
    documents_url: str = ""
    """The assessment's documents to file (``documents_index``), when it has an assessment."""


def _checklist_page(
    request: HttpRequest,
    *,
    checklist: Checklist,
    assessment: Assessment | None,
    back: str,
    failed: ChecklistFailure | None,
) -> ChecklistPage:
    progress = (
        selectors.checklist_progress_for(user=request.user, assessment=assessment)
        if assessment is not None
        else {}
    )
    sections = []
    for group in checklist.groups:
        rows = []
        for item in group.items:
            known = progress.get(item.id)
            form: ChecklistProgressForm | None = None
            action = ""
            if assessment is not None:
                action = reverse(
                    "assessment_checklist_item",
                    kwargs={"public_id": assessment.public_id, "item": item.id},
                )
                if failed is not None and failed.item == item.id:
                    form = failed.form
                else:
                    form = ChecklistProgressForm(
                        prefix=item.id,
                        initial={
                            "done": known.done,
                            "note": known.note,
                            "evidence_url": known.evidence_url,
                        }
                        if known
                        else None,
                    )
            rows.append(ChecklistRow(item=item, progress=known, form=form, action=action))
        sections.append(ChecklistSection(group=group, rows=rows))
    return ChecklistPage(
        checklist=checklist,
        sections=sections,
        done=sum(1 for item in checklist.items if (known := progress.get(item.id)) and known.done),
        total=len(checklist.items),
        back=back,
        editable=assessment is not None,
        failed=failed,
        documents_url=reverse("documents_index", kwargs={"public_id": assessment.public_id})
        if assessment is not None
        else "",
    )


@login_required
@require_http_methods(["POST"])
def assessment_checklist_item(request: HttpRequest, public_id: str, item: str) -> HttpResponse:
    """Save the progress of one checklist item (done, note, link to the evidence) and go
    back to the page the form was on, at the item. Refused input shows that page again
    (400) with the errors and what was typed. Any member of the organisation may; anyone
    else gets 404, as for the assessment itself."""
    assessment = selectors.assessment_get(user=request.user, public_id=public_id)
    checklist = selectors.assessment_checklist(assessment=assessment)
    entry = checklist.item(item)
    if entry is None:
        raise Http404("No such checklist item.")
    record = (
        selectors.assessment_records(user=request.user, assessment=assessment).first()
        if request.POST.get("back") == CHECKLIST_BACK_RECORD
        else None
    )
    form = ChecklistProgressForm(request.POST, prefix=item)
    if form.is_valid():
        try:
            services.checklist_progress_set(
                assessment=assessment,
                item=item,
                done=form.cleaned_data["done"],
                note=form.cleaned_data["note"],
                evidence_url=form.cleaned_data["evidence_url"],
                user=_user(request),
            )
        except ValidationError as error:  # the service's own checks, should the form's pass
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
    if form.errors:
        failed = ChecklistFailure(item=item, form=form)
        if record is not None:
            return _record_page(request, record, failed=failed, status=400)
        return _assessment_page(request, assessment, failed=failed, status=400)
    saved = (
        gettext("Saved: “%(title)s” (%(source)s) is done.")
        if form.cleaned_data["done"]
        else gettext("Saved: “%(title)s” (%(source)s) is open.")
    )
    messages.success(request, saved % {"title": entry.title, "source": entry.source})
    page = (
        reverse("record_detail", kwargs={"public_id": record.public_id})
        if record is not None
        else _assessment_url(assessment)
    )
    return redirect(f"{page}#item-{item}")


# ------------------------------------------------------------------ signed records


@login_required
@require_http_methods(["POST"])
def assessment_attest(request: HttpRequest, public_id: str) -> HttpResponse:
    """Attest and sign an assessment completed without a signature."""
    assessment = selectors.assessment_get(user=request.user, public_id=public_id)
    membership = selectors.membership_get(user=request.user, organisation=assessment.organisation)
    if not membership.can_attest:
        raise PermissionDenied(
            gettext("Only attesters of the organisation can sign its assessments.")
        )
    refusal = _four_eyes_refusal(request, assessment)
    if refusal:
        messages.error(request, gettext("Nothing was signed. %(reason)s") % {"reason": refusal})
        return _assessment_page(request, assessment, status=403)
    if second_factor_missing(request):
        # Nothing is signed; the name and function typed wait for the form after the code.
        request.session[_typed_key(assessment)] = {
            name: str(request.POST.get(name, ""))[:200]
            for name in ("attester_name", "attester_function")
        }
        return second_factor_redirect(request, next_url=_assessment_url(assessment))
    form = AttestForm(
        request.POST,
        records=selectors.records_correctable(
            user=request.user, organisation=assessment.organisation
        ),
    )
    signed = selectors.assessment_records(user=request.user, assessment=assessment).first()
    if signed is not None:
        messages.info(request, gettext("This assessment is signed already; here is its record."))
        return redirect("record_detail", public_id=signed.public_id)
    if not form.is_valid() or not form.cleaned_data.get("confirm"):
        if form.is_valid():
            form.add_error("confirm", gettext("Tick the statement to attest and sign."))
        return _assessment_page(request, assessment, attest_form=form, status=400)
    return sign_assessment(request, assessment, form.cleaned_data)


@login_required
@require_safe
def record_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    record = selectors.record_get(user=request.user, public_id=public_id)
    audit_log(action=Action.RECORD_VIEWED, request=request, record=record)
    # ?language=de: this page only in that language (the link of a translation's notice to
    # the signed language); the reader's choice of language is left as it is.
    asked = request.GET.get("language", "")
    if asked in LANGUAGE_CODES:
        with translation.override(asked):
            response = _record_page(request, record)
        response.headers["Content-Language"] = asked
        return response
    return _record_page(request, record)


SIGNED_LANGUAGE_NOTICES = {
    "en": gettext_noop("Translation — the signed language is English."),
    "de": gettext_noop("Translation — the signed language is German."),
    "fr": gettext_noop("Translation — the signed language is French."),
}
READ_IN_SIGNED_LANGUAGE = {
    "en": gettext_noop("Read it in English, as signed"),
    "de": gettext_noop("Read it in German, as signed"),
    "fr": gettext_noop("Read it in French, as signed"),
}


@dataclass(frozen=True)
class RecordLanguage:
    """The language a record was attested in, against the page's: ``translation`` when the
    page shows the record's texts in another language than the signed one."""

    signed: str
    page: str
    notice: str
    read_signed: str

    @property
    def translation(self) -> bool:
        return self.signed != self.page


def _record_language(payload: Mapping[str, Any]) -> RecordLanguage:
    """Records signed before languages carry none: they were attested in English."""
    signed = payload.get("language")
    signed = signed if isinstance(signed, str) and signed in LANGUAGE_CODES else "en"
    return RecordLanguage(
        signed=signed,
        page=page_language(),
        notice=gettext(SIGNED_LANGUAGE_NOTICES[signed]),
        read_signed=gettext(READ_IN_SIGNED_LANGUAGE[signed]),
    )


def _record_page(
    request: HttpRequest,
    record: AssessmentRecord,
    *,
    failed: ChecklistFailure | None = None,
    status: int = 200,
) -> HttpResponse:
    integrity = chain.record_status(record)
    if integrity.failures:
        logger.warning(
            "Record %s fails its integrity check, shown as such to %s: %s",
            record.public_id,
            request.user,
            "; ".join(reason for _, reason in integrity.failures),
        )
    payload = chain.payload_of(record) or {}
    signed_result = payload.get("result")
    result: dict[str, Any] = signed_result if isinstance(signed_result, dict) else {}
    language = _record_language(payload)
    # In its signed language a record shows the texts it signed, never rendered again; in
    # another one, includes/result.html renders them from their ids (a translation).
    as_signed = result_as_shown(payload) if result and not language.translation else None
    shown_result: Mapping[str, Any] = result
    texts_fixed = False
    verdict_text = verdict(result) if result else ""
    flags = flags_explained(result) if result else []
    if as_signed is not None:
        shown_result, texts = as_signed
        texts_fixed = True
        verdict_text = str(texts.get("verdict") or verdict(result, language.page))
        given = texts.get("flags")
        signed_flags: dict[str, Any] = given if isinstance(given, dict) else {}
        flags = [
            {**line, **signed_flags.get(line["flag"], {})}
            for line in flags_explained(result, language.page)
        ]
    superseded_by = selectors.record_superseding(user=request.user, record=record)
    membership = selectors.membership_get(user=request.user, organisation=record.organisation)
    report = selectors.record_report_of(record=record)
    if report is None:
        services.report_recover(record=record)
    return render(
        request,
        "questionnaire/record_detail.html",
        {
            "record": record,
            "report": report,
            "status": integrity,
            "payload": payload,
            "result": shown_result,
            "verdict": verdict_text,
            "flags": flags,
            "chart": chart_for_result(result, language=language.page) if result else None,
            "texts_fixed": texts_fixed,
            "record_language": language,
            "shown_by_step": group_by_step(payload.get("questions", [])),
            "superseded_by": superseded_by,
            "can_reassess": membership.can_administer and superseded_by is None,
            # The checklist the signed documents call for; its progress is the assessment's
            # (the organisation's working data, never part of the record).
            "checklist": _checklist_page(
                request,
                checklist=selectors.record_checklist(payload=payload),
                assessment=record.assessment,
                back=CHECKLIST_BACK_RECORD,
                failed=failed,
            ),
        },
        status=status,
    )


@login_required
@require_safe
def record_export(request: HttpRequest, public_id: str) -> HttpResponse:
    record = selectors.record_get(user=request.user, public_id=public_id)
    payload = chain.payload_of(record)
    if payload is None:
        logger.warning(
            "Record %s: its stored payload is no longer JSON; export refused with 409.",
            record.public_id,
        )
        return JsonResponse(
            {"error": "The stored record is damaged: its content is no longer what was signed."},
            status=409,
        )
    audit_log(action=Action.RECORD_EXPORTED, request=request, record=record)
    response = JsonResponse(
        export.export_document(record), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = attachment_header(
        export.download_name(payload, extension="json")
    )
    return response


@login_required
@require_safe
def record_report(request: HttpRequest, public_id: str) -> HttpResponse:
    """The PDF as it was rendered and signed after the record was made: never re-rendered.
    Until it exists (it is made after the record commits), a page that says so.

    A download is one query (the record with its report), a read of the stored file, its
    SHA-256 and one INSERT (its audit event). The file is checked against the hash kept when
    it was stored, every time: the row cannot change, but the file lives in storage, outside
    the database's guard, and a file altered or swapped there is refused (409) rather than
    handed out as the signed report.

    ``?language=de|fr|en`` other than the record's signed language: a translation, rendered
    now from the signed export, never signed nor stored, marked so on every page and named
    ``…_translation-<language>.pdf``. The signed language itself, or any other value, gives
    the signed report."""
    record, report = selectors.record_report_get(user=request.user, public_id=public_id)
    requested = request.GET.get("language")
    if requested in report_render.REPORT_LANGUAGES:
        # A translation on demand: rendered now from the signed export, never signed nor
        # stored, every page saying so. The signed language's own asks for the signed one.
        document = export.export_document(record)
        if requested != report_render.signed_language(document["payload"]):
            pdf = report_render.report_pdf(
                export=document, verify_url=f"{settings.SITE_URL}/verify/", language=requested
            )
            audit_log(action=Action.RECORD_REPORT_DOWNLOADED, request=request, record=record)
            name = _report_name(record).removesuffix(".pdf") + f"_translation-{requested}.pdf"
            return HttpResponse(
                pdf,
                content_type="application/pdf",
                headers={"Content-Disposition": attachment_header(name)},
            )
    if report is None:
        record = selectors.record_get(user=request.user, public_id=public_id)
        services.report_recover(record=record)
        response = render(
            request, "questionnaire/report_preparing.html", {"record": record}, status=202
        )
        response["Retry-After"] = "2"
        return response
    try:
        pdf = stored_files.report_bytes(report, purpose="download")
    except stored_files.ReportMissing:
        raise Http404("This record's report is not in storage.") from None
    except stored_files.ReportChanged:
        return HttpResponse(
            gettext("The stored report no longer matches the SHA-256 recorded when it was signed."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    audit_log(action=Action.RECORD_REPORT_DOWNLOADED, request=request, record=record)
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": attachment_header(_report_name(record))},
    )


def _report_name(record: AssessmentRecord) -> str:
    """The report's file name, as ``export.download_name`` makes it from the signed payload,
    from the columns that hold the same values (the model name, the attestation time in UTC,
    the chain position): ``verify_records`` checks that each equals the signed one, and
    parsing the payload on every download only to name the file is what this avoids."""
    attested_at = record.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return export.download_name(
        {
            "model_name": record.model_name,
            "sequence": record.sequence,
            "attestation": {"attested_at": attested_at},
        },
        extension="pdf",
    )


@require_safe
def signing_keys(request: HttpRequest) -> HttpResponse:
    """Every public key and document certificate this service has signed with, for anyone
    who wants to verify a record without us."""
    return JsonResponse(selectors.published_keys_document(), json_dumps_params={"indent": 2})


class VerifyForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Record file (.json) or PDF report"),
        help_text=gettext_lazy(
            "Nothing you upload is stored. The answer uses only the file and our public keys."
        ),
    )


# Room for the multipart framing and the form's other fields around the file itself.
_MULTIPART_OVERHEAD = 64 * 1024


def _size_text(size: int) -> str:
    mib = 1024 * 1024
    if size >= mib and size % mib == 0:
        return gettext("%(size)s MB") % {"size": size // mib}
    return gettext("%(size)s bytes") % {"size": localise_number(f"{size:,}", page_language())}


@csrf_exempt  # checked by _verify, once the size is known to be acceptable
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Public: is this record or report authentic, which key signed it, and when.

    An upload announced larger than the limit is refused from its Content-Length before any
    of the body is read (the CSRF check would read it, so it comes after)."""
    limit: int = settings.VERIFY_UPLOAD_MAX_BYTES
    if request.method == "POST":
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        if announced > limit + _MULTIPART_OVERHEAD:
            logger.warning(
                "Verification upload refused unread: %d bytes announced, over the %d-byte limit.",
                announced,
                limit,
            )
            refused = gettext("The file is larger than %(size)s: it cannot be a record.") % {
                "size": _size_text(limit)
            }
            return render(
                request,
                "questionnaire/verify.html",
                {"form": VerifyForm(), "outcome": None, "refused": refused},
                status=413,
            )
    return _verify(request, limit)


@csrf_protect
def _verify(request: HttpRequest, limit: int) -> HttpResponse:
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    outcome = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["document"]
            if upload.size > limit:
                form.add_error(
                    "document",
                    gettext("The file is larger than %(size)s: it cannot be a record.")
                    % {"size": _size_text(limit)},
                )
                status = 400
                logger.warning(
                    "Verification upload refused: %d bytes, over the %d-byte limit.",
                    upload.size,
                    limit,
                )
            else:
                outcome = verification.check_upload(
                    upload.read(),
                    keys=selectors.published_keys(),
                    certificates=list(selectors.document_certificates()),
                )
                if outcome.authentic and outcome.record is not None:
                    record_verified_log(
                        request=request,
                        record_id=outcome.record.record_id,
                        sha256=outcome.record.sha256,
                    )
        else:
            status = 400
            logger.warning(
                "Verification upload refused: %s", form.errors.get_json_data(escape_html=True)
            )
    return render(
        request, "questionnaire/verify.html", {"form": form, "outcome": outcome}, status=status
    )


# ------------------------------------------------------------------ rule sets and re-assessment


@login_required
@require_safe
def rulesets(request: HttpRequest) -> HttpResponse:
    """Every registered rule set, newest first: what it is, since when, when its sources
    were last checked, the hash of its decision data and what changed, with why and sources."""
    return render(
        request,
        "questionnaire/rulesets.html",
        {
            "rulesets": [load(ruleset_id) for ruleset_id in reversed(available())],
            "default": DEFAULT_RULESET,
        },
    )


class RulesetChoiceForm(forms.Form):
    """The rule set to re-assess under: a GET form, so the page works without JavaScript
    and its address can be shared."""

    ruleset = forms.ChoiceField(
        label=gettext_lazy("Rule set to re-assess under"),
        help_text=gettext_lazy("The newest is the one new assessments use."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["ruleset"])
        field.choices = [
            (
                ruleset_id,
                gettext("%(ruleset)s (newest)") % {"ruleset": ruleset_id}
                if ruleset_id == DEFAULT_RULESET
                else ruleset_id,
            )
            for ruleset_id in reversed(available())
        ]
        field.initial = DEFAULT_RULESET


def _target(request: HttpRequest) -> tuple[RulesetChoiceForm, str | None]:
    """The picker and the rule set it names: the newest when none is named, ``None`` (and
    the form's error) for an id that is not registered."""
    query = request.GET if "ruleset" in request.GET else None
    form = RulesetChoiceForm(query)
    if query is None:
        return form, DEFAULT_RULESET
    return form, form.cleaned_data["ruleset"] if form.is_valid() else None


ADMINISTRATORS_ONLY = {
    "reassess": gettext_lazy("Only administrators of the organisation can re-assess its records."),
    "read audit": gettext_lazy("Only administrators of the organisation can read its audit trail."),
    "export audit": gettext_lazy(
        "Only administrators of the organisation can export its audit trail."
    ),
    "chain head": gettext_lazy(
        "Only administrators of the organisation can export its chain head."
    ),
}
"""What the 403 page says to a member who is not an administrator, by what they tried."""


def _administered(
    request: HttpRequest, organisation: Organisation, doing: str = "reassess"
) -> None:
    """404 unless the user belongs to the organisation; 403 unless they administer it."""
    membership = selectors.membership_get(user=request.user, organisation=organisation)
    if not membership.can_administer:
        raise PermissionDenied(str(ADMINISTRATORS_ONLY[doing]))


@dataclass(frozen=True)
class _Row:
    """A current record and its re-assessment, as the organisation's table shows it."""

    record: AssessmentRecord
    diff: Reassessment
    draft: Draft | None

    @property
    def notification_words(self) -> StatusWords | None:
        """The new result's Art. 52 notification in words (``Overdue since … — notify the
        AI Office now``), or ``None`` when it lists none."""
        notification = self.diff.notification_after
        if notification is None:
            return None
        return status_words(notification, notification.get("status"), language=page_language())

    @property
    def notification_overdue(self) -> bool:
        return (self.diff.notification_after or {}).get("status") == "overdue"


@login_required
@require_http_methods(["GET", "POST"])
@second_factor_required
def organisation_reassess(request: HttpRequest, slug: str) -> HttpResponse:
    """For an administrator: every current signed record of the organisation (not
    superseded), what would change under the chosen rule set, as one table; and the action
    that opens a pre-filled draft for each changed record."""
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    _administered(request, organisation)
    form, target = _target(request)
    if target is None:
        return render(
            request,
            "questionnaire/reassess.html",
            {"organisation": organisation, "form": form},
            status=400,
        )
    rows = _rows(request, organisation, target)
    if request.method == "POST":
        _drafts_open(request, organisation, target, [row for row in rows if row.diff.changed])
        return redirect(f"{request.path}?{urlencode({'ruleset': target})}")
    changed = [row for row in rows if row.diff.changed]
    return render(
        request,
        "questionnaire/reassess.html",
        {
            "organisation": organisation,
            "form": form,
            "target": load(target),
            "rows": rows,
            "changed": changed,
            "today": timezone.localdate(),
            "drafts_possible": target == DEFAULT_RULESET,
            "drafts_to_open": [row for row in changed if row.draft is None],
            "default_ruleset": DEFAULT_RULESET,
        },
    )


def _rows(request: HttpRequest, organisation: Organisation, target: str) -> list[_Row]:
    records = selectors.records_correctable(user=request.user, organisation=organisation)
    drafts = selectors.drafts_superseding(user=request.user, organisation=organisation)
    today = timezone.localdate()
    return [
        _Row(record=record, diff=_reassess(record, target, today), draft=drafts.get(record.pk))
        for record in records.order_by("sequence")
    ]


def _reassess(record: AssessmentRecord, target: str, today: date) -> Reassessment:
    payload = chain.payload_of(record) or {
        "record_id": str(record.public_id),
        "sequence": record.sequence,
        "model_name": record.model_name,
    }
    return reassess(payload, target, today=today)


MESSAGE_NAMES = 10
"""How many records a message names before it says "and N more"."""


def _drafts_open(
    request: HttpRequest, organisation: Organisation, target: str, rows: list[_Row]
) -> None:
    """A draft pre-filled with each record's answers, remembering the record it supersedes;
    a record whose answers the questionnaire cannot hold is refused, by name."""
    if target != DEFAULT_RULESET:
        messages.error(
            request,
            gettext(
                "Drafts are assessed under the newest rule set, %(ruleset)s: choose it to open "
                "drafts."
            )
            % {"ruleset": DEFAULT_RULESET},
        )
        return
    seeds = []
    for row in rows:
        name = gettext("Record %(sequence)s (%(model)s)") % {
            "sequence": row.record.sequence,
            "model": row.record.model_name,
        }
        if row.draft is not None:
            messages.info(
                request, gettext("%(record)s: its draft is open already.") % {"record": name}
            )
            continue
        payload = chain.payload_of(row.record) or {}
        answers = payload.get("answers")
        if not isinstance(answers, dict):
            messages.error(
                request,
                gettext("%(record)s: its signed payload holds no answers; no draft.")
                % {"record": name},
            )
            continue
        try:
            prefill = step_data_for(
                answers, new_keys=row.diff.new_questions, to_fix=row.diff.problem_paths
            )
        except PrefillRefused as refused:
            logger.info(
                "Re-assessment draft for record %s refused: %s", row.record.public_id, refused
            )
            messages.error(
                request,
                gettext(
                    "%(record)s: no draft opened — %(reason)s. Re-assess it from the command "
                    "line (manage.py assess --record)."
                )
                % {"record": name, "reason": refused.text()},
            )
            continue
        seeds.append(
            services.DraftSeed(
                state=prefill.state(supersedes_pk=row.record.pk),
                current_step=prefill.first_step,
                model_name=str(answers.get("model_name") or row.record.model_name),
                supersedes=row.record,
            )
        )
    opened = services.drafts_create(user=_user(request), organisation=organisation, seeds=seeds)
    if len(opened) < len(seeds):
        left = len(seeds) - len(opened)
        messages.warning(
            request,
            ngettext(
                "%(count)s more record needs a draft, but you now have %(most)s open drafts, "
                "the most one person may keep. Finish or delete some on your dashboard, then "
                "open the rest here.",
                "%(count)s more records need a draft, but you now have %(most)s open drafts, "
                "the most one person may keep. Finish or delete some on your dashboard, then "
                "open the rest here.",
                left,
            )
            % {"count": left, "most": services.MAX_OPEN_DRAFTS},
        )
    if opened:
        named = [
            gettext("record %(sequence)s (%(model)s)")
            % {"sequence": seed.supersedes.sequence, "model": seed.model_name}
            for seed in seeds[: len(opened)]
            if seed.supersedes is not None
        ]
        if len(named) > MESSAGE_NAMES:
            more = gettext("and %(count)s more") % {"count": len(named) - MESSAGE_NAMES}
            named = [*named[:MESSAGE_NAMES], more]
        messages.success(
            request,
            ngettext(
                "Opened %(count)s draft on your dashboard, each pre-filled with its record's "
                "answers; attesting one supersedes its record: %(records)s.",
                "Opened %(count)s drafts on your dashboard, each pre-filled with its record's "
                "answers; attesting one supersedes its record: %(records)s.",
                len(opened),
            )
            % {"count": len(opened), "records": "; ".join(named)},
        )
    elif not rows:
        messages.info(request, gettext("No record changes under this rule set: no draft to open."))


@login_required
@require_http_methods(["GET", "POST"])
@second_factor_required
def record_reassess(request: HttpRequest, public_id: str) -> HttpResponse:
    """For an administrator: one record's signed result beside what its answers give under
    the chosen rule set, obligation by obligation."""
    record = selectors.record_get(user=request.user, public_id=public_id)
    _administered(request, record.organisation)
    form, target = _target(request)
    if target is None:
        return render(
            request,
            "questionnaire/record_reassess.html",
            {"record": record, "form": form},
            status=400,
        )
    today = timezone.localdate()
    diff = _reassess(record, target, today)
    superseded_by = selectors.record_superseding(user=request.user, record=record)
    draft = selectors.drafts_superseding(user=request.user, organisation=record.organisation).get(
        record.pk
    )
    if request.method == "POST":
        if superseded_by is not None:
            messages.error(
                request,
                gettext("This record is superseded: re-assess the record that corrects it."),
            )
        elif not diff.changed:
            messages.info(
                request,
                gettext("Nothing changes for this record under %(ruleset)s: no draft opened.")
                % {"ruleset": target},
            )
        else:
            _drafts_open(request, record.organisation, target, [_Row(record, diff, draft)])
        return redirect(f"{request.path}?{urlencode({'ruleset': target})}")
    return render(
        request,
        "questionnaire/record_reassess.html",
        {
            "record": record,
            "form": form,
            "target": load(target),
            "diff": diff,
            "obligations": _obligation_rows(diff),
            "row": _Row(record, diff, draft),
            "new_questions": _question_labels(diff.new_questions),
            "superseded_by": superseded_by,
            "draft": draft,
            "today": today,
            "drafts_possible": target == DEFAULT_RULESET and superseded_by is None,
            "default_ruleset": DEFAULT_RULESET,
        },
    )


def _question_labels(keys: tuple[str, ...]) -> list[str]:
    """The questions of these answers keys, in the wording the wizard shows today."""
    wording = wording_map() if keys else {}
    return [str(wording.get(key, {}).get("label") or key) for key in keys]


def _obligation_rows(diff: Reassessment) -> list[dict[str, Any]]:
    """Every obligation listed before or after, with its due date and status in words on
    each side and what changed (added, removed, due date); a new status alone is shown but
    is not a change."""
    before = {str(o.get("id")): o for o in diff.before.get("obligations") or []}
    after = {str(o.get("id")): o for o in (diff.after or {}).get("obligations") or []}
    rows = []
    for key in [*after, *(key for key in before if key not in after)]:
        old, new = before.get(key), after.get(key)
        if diff.after is None:
            change = ""
        elif old is None:
            change = gettext("added")
        elif new is None:
            change = gettext("removed")
        elif (old.get("due") or None) != (new.get("due") or None):
            change = gettext("due date changed")
        else:
            change = ""
        shown = new or old or {}
        language = page_language()
        rows.append(
            {
                "id": key,
                "article": shown.get("article", ""),
                "title": obligation_title(key, language, str(shown.get("title") or key)),
                "before": status_words(old, old.get("status"), language=language) if old else None,
                "after": status_words(new, new.get("status"), language=language) if new else None,
                "after_status": new.get("status") if new else None,
                "change": change,
            }
        )
    return rows


# ------------------------------------------------------------------ the audit trail

AUDIT_PAGE_SIZE = 50
AUDIT_CSV_COLUMNS = (
    "time_utc",
    "action",
    "actor",
    "record_id",
    "object_id",
    "ip_address",
    "user_agent",
    "detail",
)


class AuditFilterForm(forms.Form):
    """The audit trail's filters: a GET form, so it works without JavaScript and a filtered
    view (or its CSV) has an address."""

    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    record = forms.UUIDField(
        label=gettext_lazy("Record id"),
        required=False,
        help_text=gettext_lazy("The id shown on the record's page."),
    )
    person = forms.CharField(
        label=gettext_lazy("Person (username)"), required=False, max_length=150
    )
    since = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        help_text=gettext_lazy("A date, YYYY-MM-DD (UTC)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        help_text=gettext_lazy("A date, YYYY-MM-DD (UTC), included."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["action"])
        field.choices = [("", gettext_lazy("Any action")), *action_choices()]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", gettext("The end date is before the start date."))
        return cleaned

    def filters(self) -> selectors.AuditFilter:
        data = self.cleaned_data
        return selectors.AuditFilter(
            action=data.get("action") or "",
            record_id=data.get("record"),
            username=(data.get("person") or "").strip(),
            since=data.get("since"),
            until=data.get("until"),
        )


def _audit_filters(request: HttpRequest) -> tuple[AuditFilterForm, selectors.AuditFilter | None]:
    """The filter form and what it selects; ``None`` (and the form's errors) when invalid."""
    fields = [name for name in AuditFilterForm.base_fields if name in request.GET]
    form = AuditFilterForm(request.GET if fields else None)
    if not fields:
        return form, selectors.AuditFilter()
    return form, form.filters() if form.is_valid() else None


@login_required
@require_safe
@second_factor_required
def organisation_audit(request: HttpRequest, slug: str) -> HttpResponse:
    """For an administrator: the organisation's audit trail, newest first, filtered by the
    GET form, 50 events a page."""
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    _administered(request, organisation, "read audit")
    form, filters = _audit_filters(request)
    context: dict[str, Any] = {"organisation": organisation, "form": form}
    if filters is None:
        return render(request, "questionnaire/audit.html", context, status=400)
    events = selectors.audit_events_for(
        user=request.user, organisation=organisation, filters=filters
    )
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "page": page,
            "query": query.urlencode(),
            "filtered": filters != selectors.AuditFilter(),
            "retention_days": settings.AUDIT_ADDRESS_RETENTION_DAYS,
        }
    )
    return render(request, "questionnaire/audit.html", context)


class _Echo:
    """A file-like object whose ``write`` returns what it was given: the csv module's
    writer then yields each row as text to a streaming response."""

    def write(self, value: str) -> str:
        return value


@login_required
@require_safe
@second_factor_required
def organisation_audit_csv(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The filtered audit trail as CSV, every event (not one page). Exporting it is itself
    an event (``audit.exported``). Cells a spreadsheet would run as a formula are quoted."""
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    _administered(request, organisation, "export audit")
    form, filters = _audit_filters(request)
    if filters is None:
        return render(
            request,
            "questionnaire/audit.html",
            {"organisation": organisation, "form": form},
            status=400,
        )
    events = selectors.audit_events_for(
        user=request.user, organisation=organisation, filters=filters
    )
    audit_log(
        action=Action.AUDIT_EXPORTED,
        request=request,
        organisation=organisation,
        object_id=organisation.slug,
        detail={"filters": request.GET.urlencode()[:500], "events": events.count()},
    )
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(AUDIT_CSV_COLUMNS)
        for event in events.iterator(chunk_size=1000):
            yield writer.writerow(
                [
                    cell_safe(cell)
                    for cell in (
                        event.created_at.astimezone(UTC).isoformat(),
                        event.action,
                        event.actor_username,
                        event.record.public_id if event.record else "",
                        event.object_id,
                        event.ip_address or "",
                        event.user_agent,
                        event.detail_json,
                    )
                ]
            )

    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return StreamingHttpResponse(
        rows(),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="audit-{organisation.slug}-{stamp}.csv"'
        },
    )


@login_required
@require_safe
@second_factor_required
def organisation_chain_head(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's chain head now (how many records, the newest's hash), signed, for
    its administrators to archive outside this service: ``verify_records --checkpoints``
    then proves that no record was removed since."""
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    _administered(request, organisation, doing="chain head")
    try:
        head = services.chain_head_sign(organisation=organisation)
    except ImproperlyConfigured as error:
        logger.warning("Chain head of %s not signed: %s", organisation.slug, error)
        return JsonResponse({"error": "The service cannot sign right now."}, status=503)
    audit_log(
        request=request,
        action=Action.CHAIN_HEAD_EXPORTED,
        organisation=organisation,
        detail={"records": head["head"]["records"]},
    )
    response = JsonResponse(head, json_dumps_params={"ensure_ascii": False, "indent": 2})
    day = head["head"]["issued_at"][:10]
    response["Content-Disposition"] = f'attachment; filename="chain-head-{slug}-{day}.json"'
    return response
