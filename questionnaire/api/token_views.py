"""The API tokens page of an organisation (``/organisations/<slug>/api-tokens/``), for its
administrators: the tokens with their scopes and when each was last used, a form to make
one (shown once, on the page that answers the form) and, for each, a page that confirms
its revocation. Other
members get 403, anyone else 404, as on the organisation's other administrators' pages.
Making and revoking are audited (``questionnaire.api.services``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from questionnaire import selectors
from questionnaire.accounts.two_factor import second_factor_required
from questionnaire.api import selectors as api_selectors
from questionnaire.api import services as api_services
from questionnaire.api.forms import ApiTokenForm, RevokeForm
from questionnaire.audit import origin_of

if TYPE_CHECKING:
    from questionnaire.models import Organisation

TEMPLATE = "questionnaire/api_tokens.html"
REVOKE_TEMPLATE = "questionnaire/api_token_revoke.html"


def _administered(request: HttpRequest, slug: str) -> Organisation:
    return selectors.organisation_administered(
        user=request.user,
        slug=slug,
        refusal=_("Only administrators of the organisation can manage API tokens."),
    )


def _page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    form: ApiTokenForm | None = None,
    issued: api_services.IssuedToken | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "organisation": organisation,
        "tokens": api_selectors.api_tokens_of(organisation=organisation),
        "form": form or ApiTokenForm(),
        "issued": issued,
        "api_base": request.build_absolute_uri("/api/v1/"),
    }
    return render(request, TEMPLATE, context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
@second_factor_required
def api_tokens(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _administered(request, slug))


@never_cache
@login_required
@require_POST
@second_factor_required
def api_token_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Make a token and answer with the page showing it, once: only its hash is kept, so it
    is not put in a redirect."""
    organisation = _administered(request, slug)
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _page(request, organisation, form=form, status=400)
    issued = api_services.api_token_create(
        organisation=organisation,
        name=form.cleaned_data["name"],
        scopes=form.cleaned_data["scopes"],
        user=cast(User, request.user),
        origin=origin_of(request),
    )
    return _page(request, organisation, issued=issued)


@login_required
@require_http_methods(["GET", "POST"])
@second_factor_required
def api_token_revoke(request: HttpRequest, slug: str) -> HttpResponse:
    """``GET ?token=<id>`` asks to confirm (a pipeline using the token stops, and a revoked
    token cannot be restored); the ``POST`` of that page revokes it."""
    organisation = _administered(request, slug)
    form = RevokeForm(request.POST if request.method == "POST" else request.GET)
    token = (
        api_selectors.api_token_of(organisation=organisation, token_id=form.cleaned_data["token"])
        if form.is_valid()
        else None
    )
    if token is None:
        raise Http404(_("No such token."))
    tokens_url = reverse("organisation_api_tokens", kwargs={"slug": organisation.slug})
    if request.method == "GET":
        if token.revoked_at is not None:
            return redirect(tokens_url)
        return render(
            request,
            REVOKE_TEMPLATE,
            {"organisation": organisation, "token": token, "tokens_url": tokens_url},
        )
    if api_services.api_token_revoke(
        organisation=organisation,
        token=token,
        user=cast(User, request.user),
        origin=origin_of(request),
    ):
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name},
        )
    return redirect(tokens_url)
