"""The model register's pages: ``/models/`` (the organisation's models; register one) and
``/models/<id>/`` (versions, lineage, the compute ledger with its chart and totals, the
timeline, the Art. 52 deadline once the systemic-risk threshold is crossed, and a draft
assessment prefilled from the ledger). Versions, lineage links and CSV imports are posted
from the model page, which shows again with the errors next to the fields when refused;
typed ledger entries are added and edited on their own pages. Reads go through
``ledger.selectors`` (404 for another organisation's model), writes through
``ledger.services``; an import-linter contract keeps the models out."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID, uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from questionnaire import selectors
from questionnaire.audit import origin_of
from questionnaire.documents.formats import NOTIFICATION
from questionnaire.scoring import load

from . import selectors as ledger_selectors
from . import services as ledger_services
from .chart import ledger_chart
from .forms import (
    ENTRY_KINDS,
    ENTRY_STATUSES,
    EntryForm,
    ImportForm,
    LineageForm,
    ModelForm,
    VersionForm,
    initial_of,
)
from .imports import MAX_BYTES, ImportRefused, ledger_import
from .prefill import PrefillRefused, model_draft_create

INDEX_TEMPLATE = "questionnaire/ledger/models.html"
MODEL_TEMPLATE = "questionnaire/ledger/model.html"
ENTRY_TEMPLATE = "questionnaire/ledger/entry.html"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _organisation_choices(user: User) -> list[tuple[str, str]]:
    return [(org.slug, org.name) for org in selectors.organisations_for(user=user)]


@login_required
@require_http_methods(["GET", "POST"])
def models_index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    choices = _organisation_choices(user)
    form = ModelForm(request.POST or None, organisations=choices)
    if request.method == "POST" and form.is_valid():
        organisation = selectors.organisation_get(user=user, slug=form.cleaned_data["organisation"])
        try:
            model = ledger_services.registered_model_create(
                organisation=organisation,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                user=user,
                origin=origin_of(request),
            )
        except ledger_services.LedgerRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.text())
        else:
            messages.success(request, _("%(model)s is registered.") % {"model": model.name})
            return redirect("model_detail", public_id=model.public_id)
    status = 400 if form.errors else 200
    return render(
        request,
        INDEX_TEMPLATE,
        {
            "models": ledger_selectors.registered_models_for(user=user),
            "form": form,
            "one_organisation": len(choices) == 1,
        },
        status=status,
    )


def _model_context(request: HttpRequest, public_id: UUID) -> dict[str, Any]:
    model = ledger_selectors.registered_model_get(user=_user(request), public_id=public_id)
    today = timezone.localdate()
    rules = load()
    totals = ledger_selectors.model_totals(model, rules)
    entries = list(ledger_selectors.ledger_entries_of(model=model))
    events = list(ledger_selectors.threshold_events_of(model=model))
    crossed = [
        event for event in events if event.kind == "crossed" and event.threshold == "systemic_risk"
    ]
    deadline = None
    if crossed:
        known_on = min(event.known_on for event in crossed)
        due = ledger_services.notification_deadline(known_on, rules)
        deadline = {"known_on": known_on, "due": due, "days_left": (due - today).days}
    latest = next(
        (
            item
            for item in reversed(ledger_selectors.model_timeline(model=model))
            if item.url_name == "assessment_detail"
        ),
        None,
    )
    return {
        "model": model,
        "today": today,
        "totals": totals,
        "entries": entries,
        "events": events,
        "chart": ledger_chart(entries=entries, totals=totals, today=today),
        "timeline": ledger_selectors.model_timeline(model=model),
        "deadline": deadline,
        "notification_days": rules.notification_days,
        "notification_slug": NOTIFICATION.slug,
        "latest_assessment": latest,
        "versions": list(model.versions.all()),
        "lineage": list(model.lineage.select_related("parent").all()),
    }


def _parents(request: HttpRequest, model: Any) -> list[tuple[str, str]]:
    return [
        (str(other.public_id), other.name)
        for other in ledger_selectors.registered_models_for(user=_user(request))
        .filter(organisation_id=model.organisation_id)
        .exclude(pk=model.pk)
        .order_by("name")
    ]


def _model_page(
    request: HttpRequest,
    public_id: UUID,
    *,
    version_form: VersionForm | None = None,
    lineage_form: LineageForm | None = None,
    import_form: ImportForm | None = None,
) -> HttpResponse:
    """The model page; a refused form of it shows again with its errors, status 400."""
    context = _model_context(request, public_id)
    model = context["model"]
    refused = any(form is not None for form in (version_form, lineage_form, import_form))
    context |= {
        "form": EntryForm(),
        "version_form": version_form or VersionForm(),
        "lineage_form": lineage_form or LineageForm(parents=_parents(request, model)),
        "import_form": import_form or ImportForm(),
        "import_max_kb": MAX_BYTES // 1000,
        "entry_kinds": ENTRY_KINDS,
        "entry_statuses": ENTRY_STATUSES,
    }
    return render(request, MODEL_TEMPLATE, context, status=400 if refused else 200)


@login_required
def model_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _model_page(request, public_id)


@login_required
@require_POST
def model_version_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    model = ledger_selectors.registered_model_get(user=_user(request), public_id=public_id)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            version = ledger_services.model_version_add(
                model=model,
                label=form.cleaned_data["label"],
                released_on=form.cleaned_data["released_on"],
                notes=form.cleaned_data["notes"],
                user=_user(request),
                origin=origin_of(request),
            )
        except ledger_services.LedgerRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.text())
        else:
            messages.success(
                request, _("Version %(label)s is recorded.") % {"label": version.label}
            )
            return redirect("model_detail", public_id=model.public_id)
    return _model_page(request, public_id, version_form=form)


@login_required
@require_POST
def model_lineage_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    model = ledger_selectors.registered_model_get(user=_user(request), public_id=public_id)
    form = LineageForm(request.POST, parents=_parents(request, model))
    if form.is_valid():
        data = form.cleaned_data
        parent = (
            ledger_selectors.registered_model_get(user=_user(request), public_id=data["parent"])
            if data["parent"]
            else None
        )
        try:
            ledger_services.model_lineage_add(
                model=model,
                kind=data["kind"],
                parent=parent,
                external_name=data["external_name"],
                external_provider=data["external_provider"],
                external_flop=data["external_flop"],
                external_systemic_risk=data["external_systemic_risk"],
                user=_user(request),
                origin=origin_of(request),
            )
        except ledger_services.LedgerRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.text())
        else:
            messages.success(request, _("The lineage is recorded; the totals count it."))
            return redirect("model_detail", public_id=model.public_id)
    return _model_page(request, public_id, lineage_form=form)


@login_required
@require_POST
def model_ledger_import(request: HttpRequest, public_id: UUID) -> HttpResponse:
    model = ledger_selectors.registered_model_get(user=_user(request), public_id=public_id)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = ledger_import(
                model=model,
                content=upload.read(MAX_BYTES + 1),
                user=_user(request),
                origin=origin_of(request),
            )
        except ImportRefused as refused:
            for problem in refused.problems:
                form.add_error("file", f"{problem}.")
        else:
            outcomes = summary.outcomes
            messages.success(
                request,
                ngettext(
                    "%(rows)s row imported: %(created)s new, %(updated)s updated, "
                    "%(unchanged)s unchanged.",
                    "%(rows)s rows imported: %(created)s new, %(updated)s updated, "
                    "%(unchanged)s unchanged.",
                    summary.rows,
                )
                % {"rows": summary.rows, **outcomes},
            )
            return redirect("model_detail", public_id=model.public_id)
    return _model_page(request, public_id, import_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def model_entry_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    model = ledger_selectors.registered_model_get(user=_user(request), public_id=public_id)
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ledger_services.ledger_entry_put(
                model=model,
                key=f"typed-{uuid4().hex}",
                data=form.ledger_data(revision=1),
                source="typed",
                user=_user(request),
                origin=origin_of(request),
            )
        except ledger_services.LedgerRefused as refused:
            form.refused(refused)
        else:
            messages.success(request, _("The entry is in the ledger."))
            return redirect("model_detail", public_id=model.public_id)
    return render(
        request,
        ENTRY_TEMPLATE,
        {"model": model, "form": form, "entry": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def model_entry_edit(request: HttpRequest, public_id: UUID, entry_id: UUID) -> HttpResponse:
    model = ledger_selectors.registered_model_get(user=_user(request), public_id=public_id)
    entry = ledger_selectors.ledger_entry_get(model=model, public_id=entry_id)
    if entry.source != "typed":
        raise Http404(_("Only entries typed in are edited here; the others come from elsewhere."))
    form = EntryForm(request.POST or None, initial=initial_of(entry))
    if request.method == "POST" and form.is_valid():
        try:
            _entry, outcome = ledger_services.ledger_entry_put(
                model=model,
                key=entry.key,
                data=form.ledger_data(revision=entry.revision + 1),
                source="typed",
                user=_user(request),
                origin=origin_of(request),
            )
        except ledger_services.LedgerRefused as refused:
            form.refused(refused)
        else:
            messages.success(
                request,
                _("The entry is updated.")
                if outcome == "updated"
                else _("The entry is unchanged."),
            )
            return redirect("model_detail", public_id=model.public_id)
    return render(
        request,
        ENTRY_TEMPLATE,
        {"model": model, "form": form, "entry": entry},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def model_assess(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A draft assessment of the model, prefilled from the register and the ledger."""
    model = ledger_selectors.registered_model_get(user=_user(request), public_id=public_id)
    try:
        draft = model_draft_create(model=model, user=_user(request), today=timezone.localdate())
    except PrefillRefused as refused:
        messages.error(request, _("No draft opened: %(reason)s.") % {"reason": refused.text()})
        return redirect("model_detail", public_id=model.public_id)
    if draft is None:
        messages.warning(
            request, _("You have as many drafts open as one may: finish or delete one first.")
        )
        return redirect("dashboard")
    messages.success(
        request, _("A draft assessment of %(model)s is open, prefilled.") % {"model": model.name}
    )
    return redirect(reverse("wizard", kwargs={"draft_id": draft.public_id}))
