"""The access-control matrix (issue 9, deliverable 5).

Every URL pattern of the project is walked from ``get_resolver().url_patterns``, so a new
view cannot slip past: a pattern that ``ACCESS`` below does not list fails
``test_every_url_pattern_is_in_the_table``. Each listed pattern is requested (GET) by an
anonymous visitor, a member of another organisation and each role of "acme", with its path
parameters filled by real objects of acme, and the status must be the one the table says.

A member of another organisation must get 404 for acme's objects: never 200 (a leak) nor
403 (which confirms the object exists). Drafts belong to the user who started them (alice,
acme's attester): other members of acme get 404 for them too.

The admin site (``/admin/...``) has a single rule: staff only. Every named admin address
sends anyone who is not staff to the admin login, and answers a staff user.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from questionnaire.documents.formats import MODEL_DOCUMENTATION
from questionnaire.documents.services import document_save
from questionnaire.evidence.services import evidence_add_file
from questionnaire.ledger.services import ledger_entry_put, registered_model_create
from questionnaire.models import Draft, Membership
from tests.people import make_member
from tests.records.conftest import make_record, signing_paths, signing_setup

# The signing fixtures of tests/records, imported: a conftest is only seen in its folder.
__all__ = ["signing_paths", "signing_setup"]
pytestmark = pytest.mark.usefixtures("signing_setup")

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"  # administrator of another organisation
MEMBER = "member"
ATTESTER = "attester"  # alice: also the owner of acme's draft
ADMIN = "admin"
VISITORS = (ANONYMOUS, OUTSIDER, MEMBER, ATTESTER, ADMIN)
SIGNED_IN = (OUTSIDER, MEMBER, ATTESTER, ADMIN)

LOGIN = 302  # login_required: to the login page (checked below)


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(VISITORS, status)


def signed_in(status: int) -> dict[str, int]:
    return {ANONYMOUS: LOGIN, **dict.fromkeys(SIGNED_IN, status)}


def acme_object(
    member: int = 200, attester: int = 200, admin: int = 200, outsider: int = 404
) -> dict[str, int]:
    return {ANONYMOUS: LOGIN, OUTSIDER: outsider, MEMBER: member, ATTESTER: attester, ADMIN: admin}


def owners_draft(status: int) -> dict[str, int]:
    """A draft is its owner's alone (alice, the attester)."""
    return acme_object(member=404, attester=status, admin=404)


# Route (as the resolver spells it, prefixes joined) -> expected GET status per visitor.
ACCESS: dict[str, dict[str, int]] = {
    # django.contrib.auth
    "accounts/login/": everyone(200),
    "accounts/logout/": everyone(405),  # POST only
    "accounts/password_change/": signed_in(200),
    "accounts/password_change/done/": signed_in(200),
    # questionnaire.accounts: two-factor sign-in (no one here has a second factor yet)
    "accounts/two-factor/": signed_in(200),
    "accounts/two-factor/setup/": signed_in(200),
    "accounts/two-factor/recovery-codes/": signed_in(302),  # to the set-up first
    "accounts/two-factor/verify/": signed_in(302),  # to the set-up first
    "accounts/two-factor/disable/": signed_in(302),  # off already: to the overview
    # questionnaire
    "": everyone(200),
    "healthz": everyone(200),
    "i18n/setlang/": everyone(405),  # POST only: the language switcher
    "assessments/new/": signed_in(200),
    "assessments/<uuid:public_id>/": acme_object(),
    "assessments/<uuid:public_id>/attest/": signed_in(405),  # POST only
    "assessments/<uuid:public_id>/checklist/<str:item>/": signed_in(405),  # POST only
    "assessments/<uuid:public_id>/documents/": acme_object(),
    "assessments/<uuid:public_id>/documents/<slug:document_slug>/": acme_object(),
    "assessments/<uuid:public_id>/documents/<slug:document_slug>.<str:extension>": acme_object(),
    "assessments/<uuid:public_id>/documents/<slug:document_slug>/versions/<int:number>"
    ".<str:extension>": acme_object(),
    "records/<uuid:public_id>/": acme_object(),
    "records/<uuid:public_id>.json": acme_object(),
    "records/<uuid:public_id>/report.pdf": acme_object(),
    "records/<uuid:public_id>/bundle.zip": acme_object(),
    "records/<uuid:public_id>/reassess/": acme_object(member=403, attester=403),
    "rulesets/": signed_in(200),
    # The model register and its compute ledger (issue 14): any member of the organisation.
    "models/": signed_in(200),
    "models/<uuid:public_id>/": acme_object(),
    "models/<uuid:public_id>/entries/new/": acme_object(),
    "models/<uuid:public_id>/entries/<uuid:entry_id>/": acme_object(),
    "models/<uuid:public_id>/assess/": signed_in(405),  # POST only
    # POST only; another organisation's member gets 404 for the POST (tests/ledger).
    "models/<uuid:public_id>/versions/new/": signed_in(405),
    "models/<uuid:public_id>/lineage/new/": signed_in(405),
    "models/<uuid:public_id>/ledger/import/": signed_in(405),
    "organisations/<slug:slug>/reassess/": acme_object(member=403, attester=403),
    "organisations/<slug:slug>/chain-head.json": acme_object(member=403, attester=403),
    "organisations/<slug:slug>/members/": acme_object(member=403, attester=403),
    "organisations/<slug:slug>/members/invite/": signed_in(405),  # POST only
    "organisations/<slug:slug>/members/role/": signed_in(405),  # POST only
    # The confirmation page of a removal names the member (?member=ID); without one, 404.
    "organisations/<slug:slug>/members/remove/": acme_object(member=403, attester=403, admin=404),
    "organisations/<slug:slug>/invitations/revoke/": signed_in(405),  # POST only
    "invitations/<str:token>/": everyone(404),  # an unknown token; tests/members for the rest
    # The API tokens page (administrators); making and revoking are POST only.
    "organisations/<slug:slug>/api-tokens/": acme_object(member=403, attester=403),
    "organisations/<slug:slug>/api-tokens/new/": signed_in(405),
    # Without ?token= there is nothing to confirm: 404 for administrators.
    "organisations/<slug:slug>/api-tokens/revoke/": acme_object(
        member=403, attester=403, admin=404
    ),
    # The JSON API (django-ninja's routes, included under api/v1/): a session is no token,
    # so every visitor gets 401 JSON; tests/api for tokens. Its description is public.
    "api/v1/": everyone(404),  # django-ninja's root: a name to reverse, no page
    "api/v1/openapi.json": everyone(200),
    "api/v1/models": everyone(401),
    "api/v1/models/<model_id>": everyone(401),
    "api/v1/models/<model_id>/ledger": everyone(401),
    "api/v1/models/<model_id>/ledger/<key>": everyone(405),  # PUT only
    "organisations/<slug:slug>/audit/": acme_object(member=403, attester=403),
    "organisations/<slug:slug>/audit.csv": acme_object(member=403, attester=403),
    "signing-keys.json": everyone(200),
    "verify/": everyone(200),
    "drafts/<uuid:draft_id>/": owners_draft(302),  # on to the draft's current step
    "drafts/<uuid:draft_id>/delete/": owners_draft(200),
    # The review (four eyes): POST only; an outsider's POST is 404 (checked below).
    "drafts/<uuid:draft_id>/review/submit/": signed_in(405),
    "drafts/<uuid:draft_id>/review/withdraw/": signed_in(405),
    "drafts/<uuid:draft_id>/review/request-changes/": signed_in(405),
    "drafts/<uuid:draft_id>/review/approve/": signed_in(405),
    "drafts/<uuid:draft_id>/review/comments/": signed_in(405),
    "drafts/<uuid:draft_id>/review/resolve/": signed_in(405),
    "drafts/<uuid:draft_id>/<str:step>/": owners_draft(200),
    # Evidence on answers: the form of one answer of alice's draft, her file, its removal.
    "drafts/<uuid:draft_id>/evidence/<str:question_key>/": owners_draft(200),
    "evidence/<uuid:evidence_id>/download/": owners_draft(200),
    "evidence/<uuid:evidence_id>/remove/": signed_in(405),  # POST only
}

# Routes that change acme's objects: an outsider's POST must be refused without a trace of
# the object (404), or for the method (405), never carried out or 403.
# The API answers 401 to any request without a token, before it looks at the address.
OUTSIDER_POST_OK = {401, 404, 405}

ADMIN_PREFIX = "admin/"


def routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every (route, pattern) of the project, nested includes joined to one route."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, route)
        else:
            assert isinstance(entry, URLPattern)
            yield route, entry


def project_routes() -> list[str]:
    return [route for route, _ in routes() if not route.startswith(ADMIN_PREFIX)]


def test_every_url_pattern_is_in_the_table():
    unlisted = [route for route in project_routes() if route not in ACCESS]
    assert not unlisted, (
        "URL patterns with no row in the access-control table of "
        f"tests/security/test_access_matrix.py (say who may GET them): {unlisted}"
    )


def test_the_table_lists_no_pattern_that_is_gone():
    stale = sorted(set(ACCESS) - set(project_routes()))
    assert not stale, f"rows for URL patterns the project no longer has: {stale}"


# ------------------------------------------------------------------ the world


@dataclass
class World:
    clients: dict[str, Client]
    params: dict[str, str]
    paths: dict[str, str]  # route -> address with acme's objects filled in


def fill(route: str, params: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in params, f"no acme object to fill <{match.group(0)}> of {route!r}"
        return params[name]

    path = re.sub(r"<(?:\w+:)?(\w+)>", value, route)
    assert "<" not in path and "^" not in path, f"cannot fill {route!r}"
    return "/" + path


@pytest.fixture
def world(acme, owner, other, outsider) -> World:
    member = make_member("bob", acme, Membership.Role.MEMBER)
    admin = make_member("carol", acme, Membership.Role.ADMIN)
    record = make_record(acme, owner)
    draft = Draft.objects.create(organisation=acme, owner=owner, current_step="model")
    users: dict[str, User | None] = {
        ANONYMOUS: None,
        OUTSIDER: outsider,
        MEMBER: member,
        ATTESTER: owner,
        ADMIN: admin,
    }
    clients = {}
    for role, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[role] = client
    assessment = record.assessment
    assert assessment is not None
    document_save(assessment=assessment, document=MODEL_DOCUMENTATION, values={}, user=owner)
    registered = registered_model_create(organisation=acme, name="Falcon", user=owner)
    entry, _ = ledger_entry_put(
        model=registered,
        key="typed-1",
        data={
            "kind": "pre_training",
            "status": "planned",
            "compute": {"method": "direct", "flop": "1e22"},
        },
        source="typed",
    )
    params = {
        # <uuid:public_id> names an assessment, a record or a registered model; the route says which.
        "assessment": str(assessment.public_id),
        "record": str(record.public_id),
        "slug": acme.slug,
        "token": "no-such-invitation",
        "question_key": "model_name",
        "evidence_id": str(
            evidence_add_file(
                draft=draft,
                question_key="model_name",
                upload=SimpleUploadedFile("card.txt", b"Model card"),
                user=owner,
            ).public_id
        ),
        "draft_id": str(draft.public_id),
        "step": "model",
        "item": "annex_xi_1_1_architecture",  # an item of the record's checklist
        "document_slug": "model-documentation",  # its version 1 is saved below
        "extension": "docx",
        "number": "1",
        "model_id": str(uuid.uuid4()),  # the API answers 401 before any lookup
        "key": "run-1",
        "model": str(registered.public_id),
        "entry_id": str(entry.public_id),
    }
    paths = {}
    for route in ACCESS:
        kind = (
            "assessment"
            if route.startswith("assessments/")
            else "model"
            if route.startswith("models/")
            else "record"
        )
        paths[route] = fill(route, {**params, "public_id": params[kind]})
    return World(clients=clients, params=params, paths=paths)


# ------------------------------------------------------------------ the matrix


def test_every_visitor_gets_what_the_table_says(world: World):
    login = reverse("login")
    wrong = []
    for route, expected in ACCESS.items():
        path = world.paths[route]
        for role in VISITORS:
            response = world.clients[role].get(path)
            status = response.status_code
            if status != expected[role]:
                wrong.append(f"GET {path} ({route}) as {role}: {status}, expected {expected[role]}")
            elif (
                role == ANONYMOUS and expected[role] == LOGIN and route != "drafts/<uuid:draft_id>/"
            ):
                if not response["Location"].startswith(login):
                    wrong.append(f"GET {path} as {role}: redirected to {response['Location']}")
    assert not wrong, "\n".join(wrong)


def test_an_outsider_never_gets_403_or_200_for_acme_objects(world: World):
    """Belt and braces over the table: wherever acme's objects are in the address."""
    for route, path in world.paths.items():
        if "<" not in route:
            continue
        for method in ("get", "post"):
            status = getattr(world.clients[OUTSIDER], method)(path).status_code
            assert status in OUTSIDER_POST_OK, f"{method.upper()} {path} as outsider: {status}"


def test_acme_objects_are_404_for_other_members_even_by_post(world: World):
    """Drafts are their owner's: acme's member and admin cannot change alice's draft."""
    for route in ("drafts/<uuid:draft_id>/delete/", "drafts/<uuid:draft_id>/<str:step>/"):
        for role in (MEMBER, ADMIN):
            status = world.clients[role].post(world.paths[route]).status_code
            assert status == 404, f"POST {world.paths[route]} as {role}: {status}"
    assert Draft.objects.filter(public_id=world.params["draft_id"]).exists()


# ------------------------------------------------------------------ the admin site


def admin_paths() -> list[str]:
    """Every named admin address, its parameters filled with harmless values (the staff
    check comes before any lookup)."""
    values = {
        "app_label": "questionnaire",
        "object_id": "1",
        "content_type_id": "1",
        "id": "1",
        "pk": "1",  # django-otp's TOTP device pages
    }
    paths = []
    for route, pattern in routes():
        if not route.startswith(ADMIN_PREFIX) or pattern.name is None:
            continue
        names = list(pattern.pattern.regex.groupindex)
        missing = [name for name in names if name not in values]
        assert not missing, f"admin route {route!r}: no value for {missing}"
        kwargs = {name: values[name] for name in names}
        paths.append(reverse(f"admin:{pattern.name}", kwargs=kwargs or None))
    paths.append("/admin/no-such-page/")  # the catch-all
    return sorted(set(paths))


def test_admin_site_is_for_staff_only(world: World):
    admin_login = reverse("admin:login")
    paths = admin_paths()
    assert len(paths) > 10, paths
    wrong = []
    for path in paths:
        for role in VISITORS:
            response = world.clients[role].get(path)
            if path == admin_login:
                if response.status_code != 200:
                    wrong.append(f"GET {path} as {role}: {response.status_code}")
                continue
            location = response.headers.get("Location", "")
            if response.status_code != 302 or not (
                location.startswith(admin_login) or location == reverse("admin:index")
            ):
                wrong.append(f"GET {path} as {role}: {response.status_code} to {location!r}")
    assert not wrong, "\n".join(wrong)


def test_admin_site_answers_staff(db):
    staff = get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20)
    client = Client()
    client.force_login(staff)

    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:questionnaire_draft_changelist")).status_code == 200
