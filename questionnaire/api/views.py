"""The JSON API for training pipelines, version 1, at ``/api/v1/`` (django-ninja).

- ``GET /models`` and ``GET /models/{model_id}`` (scope ``read_models``): the organisation's
  models, and one model's totals against the thresholds.
- ``PUT /models/{model_id}/ledger/{key}`` (scope ``write_ledger``): file a ledger entry
  idempotently under the client's key; ``GET /models/{model_id}/ledger`` (``read_models``).
- ``GET /openapi.json``: the OpenAPI description (no interactive docs page: it would load
  its scripts from a CDN).

Tokens come as ``Authorization: Bearer <token>``: unknown or revoked 401, a missing scope
403, another organisation's model 404 (as an unknown one). Each token may make
``API_RATE_LIMIT_PER_MINUTE`` requests a minute (429 with ``Retry-After`` past it). Every
error is JSON ``{"detail": ..., "field": ...}``. CSRF does not apply: no cookie
authenticates here (django-ninja exempts its views and checks CSRF only for cookie auth)."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Path
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.responses import Status
from ninja.security import HttpBearer

from questionnaire.api import schemas
from questionnaire.api import selectors as api_selectors
from questionnaire.api import services as api_services
from questionnaire.api.ratelimit import RateLimited, rate_check
from questionnaire.audit import origin_of
from questionnaire.ledger import selectors as ledger_selectors
from questionnaire.ledger import services as ledger_services

if TYPE_CHECKING:
    from questionnaire.models import ApiToken, LedgerEntry, RegisteredModel

READ_MODELS = "read_models"
WRITE_LEDGER = "write_ledger"
API_SOURCE = "api"


class TokenAuth(HttpBearer):
    """A bearer token of the API with the scope the operation needs."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = api_selectors.api_token_find(raw=token)
        if found is None or found.revoked_at is not None:
            return None
        rate_check(token_id=found.pk)
        if self.scope not in found.scopes:
            raise AuthorizationError(403, f"This token may not {_SCOPE_DOING[self.scope]}.")
        api_services.api_token_used(token=found)
        return found


_SCOPE_DOING = {
    READ_MODELS: "read models (it lacks the scope read_models)",
    WRITE_LEDGER: "write ledger entries (it lacks the scope write_ledger)",
}


class ObjectParser(Parser):
    """JSON bodies must be objects: an array or a bare value is refused like bad JSON (400)
    rather than read as an object missing every field."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        body = super().parse_body(request)
        if not isinstance(body, dict):
            raise ValueError("The request body must be a JSON object.")
        return body


api = NinjaAPI(
    title="GPAI Assessor API",
    version="1",
    description="File a model's training compute as it runs, and read its totals against "
    "the EU AI Act's thresholds. Authenticate with `Authorization: Bearer <token>`; an "
    "organisation's administrators make tokens on its API tokens page.",
    urls_namespace="api-v1",
    docs_url=None,
    parser=ObjectParser(),
)


class LedgerFieldError(Exception):
    """Bad input the API finds itself (before the ledger sees it): 400 naming the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _error(
    request: HttpRequest, detail: str, status: int, field: str | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = _error(request, str(exc), 429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request, "Give a valid API token: Authorization: Bearer <token>.", 401, "Authorization"
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    field = "Authorization" if exc.status_code == 403 else None
    if exc.status_code == 400 and "parse request body" in str(exc):
        return _error(request, "The request body must be a JSON object.", 400, "body")
    return _error(request, str(exc), exc.status_code, field)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or "Not found.", 404, "model_id")


def _field_path(location: list[Any] | tuple[Any, ...]) -> str:
    """pydantic's error location as a dotted path without the parameter's container:
    ``("body", "payload", "compute", "flop")`` -> ``compute.flop``."""
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "path", "query", "header"}:
        parts = parts[1:]
    if parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    field = _field_path(first.get("loc", ()))
    message = str(first.get("msg", "Invalid input."))
    if first.get("type") == "missing":
        message = "This field is required."
    body: dict[str, Any] = {
        "detail": f"{field}: {message}",
        "field": field,
        "errors": [
            {"field": _field_path(error.get("loc", ())), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ],
    }
    return api.create_response(request, body, status=422)


@api.exception_handler(ledger_services.LedgerRefused)
def _refused(request: HttpRequest, exc: ledger_services.LedgerRefused) -> HttpResponse:
    return _error(request, exc.message, exc.status, exc.field)


@api.exception_handler(LedgerFieldError)
def _field_error(request: HttpRequest, exc: LedgerFieldError) -> HttpResponse:
    return _error(request, exc.message, 400, exc.field)


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A fault of ours, not of the input: Django's 500 handling (logged, no traceback)."""
    raise exc


def _token(request: HttpRequest) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token


def _model(request: HttpRequest, model_id: str) -> RegisteredModel:
    """The token's organisation's model, or 404 (an unknown id and another organisation's
    model answer alike)."""
    try:
        public_id = uuid.UUID(model_id)
    except ValueError:
        public_id = None
    model = (
        ledger_selectors.registered_model_for_organisation(
            organisation=_token(request).organisation, public_id=public_id
        )
        if public_id is not None
        else None
    )
    if model is None:
        raise Http404("No model of your organisation has this id.")
    return model


def _model_out(model: RegisteredModel) -> dict[str, Any]:
    return {"id": str(model.public_id), "name": model.name, "description": model.description}


def _totals(model: RegisteredModel) -> dict[str, Any]:
    """The ledger's totals document, with the threshold events recorded so far: when each
    warning and crossing became known and, for a crossing of the systemic-risk threshold by
    actual compute, the Art. 52(1) notification deadline."""
    document = ledger_selectors.model_totals(model).as_document()
    document["events"] = [
        {
            "threshold": event.threshold,
            "kind": event.kind,
            "planned": event.planned,
            "known_on": event.known_on.isoformat(),
            "flop": event.flop,
            "notify_by": (
                ledger_services.notification_deadline(event.known_on).isoformat()
                if event.kind == "crossed" and event.threshold == "systemic_risk"
                else None
            ),
        }
        for event in ledger_selectors.threshold_events_of(model=model)
    ]
    return document


def _entry_out(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "revision": entry.revision,
        "kind": entry.kind,
        "status": entry.status,
        "source": entry.source,
        "started_on": entry.started_on,
        "ended_on": entry.ended_on,
        "compute": entry.compute,
        "flop": entry.flop,
        "description": entry.description,
        "updated_at": entry.updated_at.isoformat(),
    }


ERRORS: dict[int, type[schemas.Error]] = dict.fromkeys(
    (400, 401, 403, 404, 409, 422, 429), schemas.Error
)


@api.get(
    "/models",
    auth=TokenAuth(READ_MODELS),
    response={200: list[schemas.ModelOut], **ERRORS},
    summary="The organisation's models",
)
def models_list(request: HttpRequest) -> list[dict[str, Any]]:
    organisation = _token(request).organisation
    return [
        _model_out(model) for model in api_selectors.registered_models_of(organisation=organisation)
    ]


@api.get(
    "/models/{model_id}",
    auth=TokenAuth(READ_MODELS),
    response={200: schemas.ModelDetailOut, **ERRORS},
    summary="A model's totals and thresholds",
)
def model_detail(request: HttpRequest, model_id: Path[str]) -> dict[str, Any]:
    model = _model(request, model_id)
    return {**_model_out(model), "totals": _totals(model)}


@api.get(
    "/models/{model_id}/ledger",
    auth=TokenAuth(READ_MODELS),
    response={200: schemas.LedgerOut, **ERRORS},
    summary="A model's ledger entries",
)
def ledger_list(request: HttpRequest, model_id: Path[str]) -> dict[str, Any]:
    model = _model(request, model_id)
    return {
        "model": _model_out(model),
        "entries": [_entry_out(entry) for entry in ledger_selectors.ledger_entries_of(model=model)],
    }


@api.put(
    "/models/{model_id}/ledger/{key}",
    auth=TokenAuth(WRITE_LEDGER),
    response={200: schemas.LedgerPutOut, 201: schemas.LedgerPutOut, **ERRORS},
    summary="File a ledger entry under the client's key (idempotent)",
    description="201 when the entry is new; 200 with `outcome` `updated` (a higher revision) "
    "or `unchanged` (the same revision and content: a retried request); 409 for the same "
    "revision with other content, or a lower revision.",
)
def ledger_put(
    request: HttpRequest, model_id: Path[str], key: Path[str], payload: schemas.LedgerEntryIn
) -> Status[dict[str, Any]]:
    token = _token(request)
    model = _model(request, model_id)
    if not re.fullmatch(schemas.KEY_PATTERN, key):
        raise LedgerFieldError(
            "key",
            "A key is 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a "
            "letter or digit.",
        )
    entry, outcome = ledger_services.ledger_entry_put(
        model=model,
        key=key,
        data=payload.as_data(),
        source=API_SOURCE,
        user=None,
        origin=origin_of(request),
        actor_name=api_services.api_token_actor(token=token),
        audit_detail={"token": token.pk},
    )
    body = {
        "outcome": outcome,
        "entry": _entry_out(entry),
        "totals": _totals(model),
    }
    return Status(201 if outcome == "created" else 200, body)
