"""Pages: the dashboard, starting and deleting drafts, the result of an assessment.

Views stay thin: reads through ``selectors`` (another organisation's object is a 404),
writes through ``services``. The wizard itself lives in ``questionnaire.wizard``.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from questionnaire import selectors, services
from questionnaire.models import Organisation
from questionnaire.presentation import chart_for_result, flags_explained, verdict


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
            "drafts": selectors.drafts_for(request.user),
            "assessments": selectors.assessments_for(request.user)[:100],
            "memberships": selectors.memberships_for(request.user),
        },
    )


class NewAssessmentForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        empty_label=None,
        label="Organisation",
        help_text="The assessment will belong to this organisation.",
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for(request.user)
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
    draft = selectors.draft_get(request.user, draft_id)
    if request.method == "POST":
        services.draft_delete(draft=draft)
        messages.success(request, f"Draft “{draft}” deleted.")
        return redirect("dashboard")
    return render(request, "questionnaire/draft_delete.html", {"draft": draft})


@login_required
@require_safe
def assessment_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    assessment = selectors.assessment_get(request.user, public_id)
    result = assessment.result
    return render(
        request,
        "questionnaire/assessment_detail.html",
        {
            "assessment": assessment,
            "result": result,
            "verdict": verdict(result),
            "flags": flags_explained(result),
            "chart": chart_for_result(assessment.answers, result),
            "shown_by_step": _group_by_step(assessment.shown),
        },
    )


def _group_by_step(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for row in rows:
        if not groups or groups[-1]["title"] != row["step_title"]:
            groups.append({"title": row["step_title"], "rows": []})
        groups[-1]["rows"].append(row)
    return groups


def _user(request: HttpRequest) -> User:
    """The signed-in user of a view behind ``login_required``."""
    return cast(User, request.user)
