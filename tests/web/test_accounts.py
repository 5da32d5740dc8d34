"""Signing in and out, changing one's password, and the operators' commands that create
organisations and their members."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from questionnaire.models import Membership, Organisation
from tests.people import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def labelled_inputs(html: str) -> dict[str, str]:
    """``{input id: label text}`` for every visible input, select and textarea."""
    labels = {
        match[1]: re.sub(r"<[^>]+>", "", match[2]).strip()
        for match in re.finditer(r'<label[^>]*\bfor="([^"]+)"[^>]*>(.*?)</label>', html, re.S)
    }
    found = {}
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if re.search(r'type="(hidden|submit)"', tag):
            continue
        control_id = re.search(r'\bid="([^"]+)"', tag)
        assert control_id, f"an input without an id: {tag}"
        found[control_id[1]] = labels.get(control_id[1], "")
    return found


# --- Signing in and out ---------------------------------------------------------------------


def test_the_login_page_has_labelled_inputs(db):
    response = Client().get("/accounts/login/")

    assert response.status_code == 200
    inputs = labelled_inputs(response.content.decode())
    # The language switcher of every page (tests/i18n) is labelled too.
    assert set(inputs) == {"id_username", "id_password", "language-switcher-select"}
    assert all(inputs.values()), inputs
    assert 'autocomplete="current-password"' in response.content.decode()


def test_signing_in_leads_to_the_dashboard(owner):
    client = Client()

    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    dashboard = client.get("/").content.decode()
    assert "Your assessments" in dashboard
    assert "Sign out (alice)" in dashboard


def test_a_wrong_password_is_refused_with_a_message(owner):
    client = Client()

    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_is_a_post_and_ends_the_session(owner):
    client = Client()
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/assessments/new/")["Location"].startswith("/accounts/login/")


def test_the_sign_out_button_is_a_form_that_posts(owner_client):
    html = owner_client.get("/").content.decode()

    form = re.search(r'<form[^>]*action="/accounts/logout/"[^>]*>(.*?)</form>', html, re.S)
    assert form and 'method="post"' in form[0]
    assert "csrfmiddlewaretoken" in form[1]


def test_the_password_rules_show_as_a_list_not_as_escaped_markup(owner):
    client = Client()
    client.force_login(owner)
    html = client.get("/accounts/password_change/").content.decode()

    assert "<li>Your password must contain at least" in html
    assert "&lt;li&gt;" not in html


def test_the_password_can_be_changed(owner):
    client = Client()
    client.force_login(owner)
    page = client.get("/accounts/password_change/")
    assert page.status_code == 200
    inputs = labelled_inputs(page.content.decode())
    assert set(inputs) == {
        "id_old_password",
        "id_new_password1",
        "id_new_password2",
        "language-switcher-select",
    }
    assert all(inputs.values()), inputs

    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a much newer passphrase 43",
            "new_password2": "a much newer passphrase 43",
        },
    )

    assert response.status_code == 302
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert "Password changed" in done.content.decode()
    assert "_auth_user_id" in client.session  # still signed in
    # Through the sign-in form: the throttling backend checks every sign-in of a request.
    login = "/accounts/login/"
    new = Client().post(login, {"username": "alice", "password": "a much newer passphrase 43"})
    assert new.status_code == 302
    old = Client().post(login, {"username": "alice", "password": PASSWORD})
    assert old.status_code == 200
    assert "_auth_user_id" not in old.client.session


def test_a_wrong_old_password_is_shown_next_to_its_field(owner):
    client = Client()
    client.force_login(owner)

    response = client.post(
        "/accounts/password_change/",
        {"old_password": "nope", "new_password1": "abc", "new_password2": "abd"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_old_password_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_old_password_error', html)
    assert get_user_model().objects.get(username="alice").check_password(PASSWORD)


def test_the_password_change_page_needs_a_signed_in_user(db):
    response = Client().get("/accounts/password_change/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- manage.py org --------------------------------------------------------------------------


def org(*args: str) -> str:
    out = StringIO()
    call_command("org", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", password=PASSWORD)


def test_org_create_and_add_make_an_organisation_and_its_attester(alice):
    created = org("create", "acme", "Acme")
    added = org("add", "acme", "alice", "--role", "attester")

    organisation = Organisation.objects.get(slug="acme")
    assert organisation.name == "Acme"
    membership = Membership.objects.get(organisation=organisation, user=alice)
    assert membership.role == "attester"
    assert membership.can_attest
    assert "acme" in created
    assert "alice" in added and "attester" in added


def test_org_add_again_changes_the_role_without_a_second_membership(alice):
    org("create", "acme", "Acme")
    org("add", "acme", "alice", "--role", "attester")

    org("add", "acme", "alice", "--role", "admin")

    assert Membership.objects.get(user=alice).role == "admin"
    assert Membership.objects.count() == 1


def test_org_add_makes_a_member_by_default_and_org_list_shows_them(alice):
    org("create", "acme", "Acme")
    org("add", "acme", "alice")

    listing = org("list")

    assert Membership.objects.get(user=alice).role == "member"
    assert "acme\tAcme" in listing
    assert "alice\tmember" in listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "nowhere", "alice"], "No organisation with the slug 'nowhere'"),
        (["add", "acme", "nobody"], "No user named 'nobody'"),
        (["create", "bad slug!", "Bad"], "'bad slug!' is not a valid slug"),
        (["create", "acme", "Acme again"], "already exists"),
        (["create", "fresh", "   "], "needs a name"),
    ],
    ids=["unknown org", "unknown user", "bad slug", "duplicate", "blank name"],
)
def test_org_errors_are_clear_command_errors(alice, args, message):
    org("create", "acme", "Acme")

    with pytest.raises(CommandError, match=re.escape(message)):
        org(*args)

    assert Organisation.objects.count() == 1
    assert not Membership.objects.exists()


def test_org_refuses_an_unknown_role(alice):
    org("create", "acme", "Acme")

    with pytest.raises(CommandError, match="invalid choice"):
        org("add", "acme", "alice", "--role", "owner")

    assert not Membership.objects.exists()


def manage(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_org_errors_in_a_real_process_exit_1_with_one_line_and_no_traceback(tmp_path):
    database = tmp_path / "db.sqlite3"
    assert manage(database, "migrate", "--noinput").returncode == 0

    created = manage(database, "org", "create", "acme", "Acme")
    assert created.returncode == 0, created.stderr
    for args, message in [
        (["org", "add", "nowhere", "alice"], "No organisation with the slug 'nowhere'"),
        (["org", "add", "acme", "alice"], "No user named 'alice'"),
        (["org", "create", "bad slug!", "Bad"], "is not a valid slug"),
        (["org", "create", "acme", "Acme"], "already exists"),
    ]:
        completed = manage(database, *args)
        assert completed.returncode == 1, (args, completed.returncode)
        assert "Traceback" not in completed.stderr
        assert completed.stderr.startswith("CommandError: "), completed.stderr
        assert message in completed.stderr
        assert len(completed.stderr.strip().splitlines()) == 1, completed.stderr


# --- ensure_local_user ----------------------------------------------------------------------


def test_ensure_local_user_makes_admin_an_administrator_of_the_demo_organisation(db):
    call_command("ensure_local_user", stdout=StringIO())
    call_command("ensure_local_user", stdout=StringIO())

    admin = get_user_model().objects.get(username="admin")
    memberships = list(Membership.objects.filter(user=admin))
    assert len(memberships) == 1
    assert memberships[0].organisation.slug == "demo"
    assert memberships[0].role == Membership.Role.ADMIN
    assert Organisation.objects.filter(slug="demo").count() == 1


def test_ensure_local_user_puts_an_existing_admin_in_the_demo_organisation(db):
    get_user_model().objects.create_superuser("admin", "", "pw")

    call_command("ensure_local_user", stdout=StringIO())

    membership = Membership.objects.get(user__username="admin")
    assert (membership.organisation.slug, membership.role) == ("demo", "admin")
    assert get_user_model().objects.get(username="admin").check_password("pw")


def test_ensure_local_user_keeps_a_role_an_operator_changed(db):
    call_command("ensure_local_user", stdout=StringIO())
    Membership.objects.filter(user__username="admin").update(role=Membership.Role.MEMBER)

    call_command("ensure_local_user", stdout=StringIO())

    assert Membership.objects.get(user__username="admin").role == Membership.Role.MEMBER


def test_the_local_admin_can_start_an_assessment_at_once(db):
    call_command("ensure_local_user", stdout=StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))

    html = client.get("/assessments/new/").content.decode()

    assert "Demo organisation" in html
    demo = Organisation.objects.get(slug="demo")
    assert client.post("/assessments/new/", {"organisation": demo.pk}).status_code == 302
