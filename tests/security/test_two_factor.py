"""Two-factor sign-in (issue 9): attesters, administrators and staff give a second factor
(an authenticator code, or a recovery code) in their session before they sign, re-assess or
open the admin site; members work without one and may opt in; signing in with a second
factor goes through the verify step, the password alone verifies nothing.

The suite runs with TWO_FACTOR_REQUIRED off; these tests turn it on."""

from __future__ import annotations

import re
from base64 import b32decode
from html import unescape
from io import StringIO
from typing import Any
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_otp import devices_for_user
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from questionnaire.accounts import devices
from questionnaire.models import AssessmentRecord, Membership
from tests.people import PASSWORD, make_member, signed_in
from tests.records.conftest import make_assessment
from tests.web.test_page_markup import JOURNEY, assert_well_built
from tests.web.wizard_helpers import WizardDriver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]

REASON = (
    "Attesters and administrators sign in with a second factor before they sign or manage "
    "the organisation."
)
ATTESTATION = {
    "confirm": "on",
    "attester_name": "Alice Example",
    "attester_function": "Head of Legal",
}
# The loadtest seeds attesters with a device of a known key and computes its codes.
KNOWN_KEY = "3132333435363738393031323334353637383930"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def code_of(key_hex: str) -> str:
    return f"{int(totp(bytes.fromhex(key_hex))):06d}"


def key_on(setup_page: str) -> str:
    """The secret the set-up page shows for typing (base32, grouped), as the device's hex."""
    shown = re.search(r'<code class="hash">([A-Z2-7 ]+)</code>', setup_page)
    assert shown, "no secret to type on the set-up page"
    secret = shown[1].replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8)).hex()


def authenticator(user, key: str = KNOWN_KEY) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True, key=key)


def sign_in(username: str, next_url: str = "") -> tuple[Client, Any]:
    client = Client()
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client, client.post("/accounts/login/", data)


def with_next(path: str, next_url: str) -> str:
    return f"{path}?next={quote(next_url, safe='')}"


def page_of(response: Any) -> str:
    return str(response.content.decode())


# ------------------------------------------------------------------ attesting


def test_an_attester_without_a_second_factor_cannot_attest_and_is_sent_to_set_it_up(
    acme, owner, owner_client
):
    assessment = make_assessment(acme, owner)
    here = f"/assessments/{assessment.public_id}/"

    page = page_of(owner_client.get(here))
    response = owner_client.post(f"{here}attest/", ATTESTATION)

    assert 'name="attester_name"' not in page
    assert "Confirm your second factor" in page
    assert f'href="{with_next("/accounts/two-factor/setup/", here)}"' in page
    assert response.status_code == 302
    assert response["Location"] == with_next("/accounts/two-factor/setup/", here)
    assert AssessmentRecord.objects.count() == 0
    assert REASON in page_of(owner_client.get(response["Location"]))


def test_after_setting_up_with_a_real_code_the_attester_attests_with_what_they_typed(
    acme, owner, owner_client
):
    assessment = make_assessment(acme, owner)
    here = f"/assessments/{assessment.public_id}/"
    setup_url = owner_client.post(f"{here}attest/", ATTESTATION)["Location"]

    setup = page_of(owner_client.get(setup_url))
    assert re.search(r"<svg [^>]*class=\"qr-code\"", setup), "the QR code is inline SVG"
    assert_well_built(setup, "set-up")
    key = key_on(setup)
    confirmed = owner_client.post(setup_url, {"otp_token": code_of(key), "next": here})

    assert confirmed.status_code == 302
    assert confirmed["Location"] == with_next("/accounts/two-factor/recovery-codes/", here)
    codes_page = page_of(owner_client.get(confirmed["Location"]))
    assert len(re.findall(r"<li><code>[a-z2-7]{4}-[a-z2-7]{4}</code></li>", codes_page)) == 10
    assert f'href="{here}"' in codes_page
    device = TOTPDevice.objects.get(user=owner)
    assert (device.name, device.confirmed, device.key) == ("default", True, key)
    result = page_of(owner_client.get(here))
    assert 'value="Alice Example"' in result and 'value="Head of Legal"' in result
    signed = owner_client.post(f"{here}attest/", ATTESTATION)
    assert signed.status_code == 302
    assert AssessmentRecord.objects.get().attested_by == owner


def test_recovery_codes_are_shown_once(owner, owner_client):
    authenticator(owner)
    devices.recovery_codes_generate(user=owner)
    verify_with(owner_client, code_of(KNOWN_KEY))

    page = page_of(owner_client.get("/accounts/two-factor/recovery-codes/"))
    overview = page_of(owner_client.get("/accounts/two-factor/"))

    assert "You have 10 unused recovery codes" in page
    assert not re.search(r"<li><code>", page)
    assert_well_built(page, "recovery codes, none shown")
    assert "Verified with a second factor" in overview
    assert "<dd>10</dd>" in overview
    assert_well_built(overview, "two-factor overview")


def test_an_attester_without_a_second_factor_is_not_offered_to_sign_on_the_review(
    acme, owner_client
):
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in JOURNEY:
        fields = {**fields, "period2_chips": ""} if step == "compute" else fields
        wizard.post(step, fields)

    review = wizard.page("review")

    assert 'name="review-confirm"' not in review
    assert "Confirm your second factor" in review
    assert with_next("/accounts/two-factor/setup/", wizard.step_url("review")) in unescape(review)
    assert_well_built(review, "review awaiting the second factor")


def test_an_administrator_gives_the_second_factor_before_re_assessing(acme):
    admin = make_member("carol", acme, Membership.Role.ADMIN)
    client = signed_in(admin)
    authenticator(admin)

    before = client.get("/organisations/acme/reassess/")
    verify_with(client, code_of(KNOWN_KEY))
    after = client.get("/organisations/acme/reassess/")

    assert before.status_code == 302
    assert before["Location"] == with_next(
        "/accounts/two-factor/verify/", "/organisations/acme/reassess/"
    )
    assert after.status_code == 200


@pytest.mark.parametrize(
    "page",
    [
        "/organisations/acme/audit/",
        "/organisations/acme/audit.csv",
        "/organisations/acme/chain-head.json",
    ],
)
def test_an_administrator_gives_the_second_factor_before_managing_the_organisation(acme, page):
    admin = make_member("carol", acme, Membership.Role.ADMIN)
    client = signed_in(admin)
    authenticator(admin)

    before = client.get(page)
    verify_with(client, code_of(KNOWN_KEY))
    after = client.get(page)

    assert before.status_code == 302
    assert before["Location"] == with_next("/accounts/two-factor/verify/", page)
    assert after.status_code == 200


def test_a_member_works_without_a_second_factor(acme, owner, colleague):
    assessment = make_assessment(acme, owner)
    client, response = sign_in("bob")

    assert response.status_code == 302
    assert response["Location"] == "/"
    for url in ("/", "/assessments/new/", f"/assessments/{assessment.public_id}/", "/rulesets/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Confirm your second factor" not in page_of(page)
    assert 'href="/accounts/two-factor/">Two-factor sign-in</a>' in page_of(client.get("/"))


# ------------------------------------------------------------------ signing in


def test_signing_in_with_a_second_factor_goes_through_the_verify_step(acme, owner):
    assessment = make_assessment(acme, owner)
    here = f"/assessments/{assessment.public_id}/"
    authenticator(owner)

    client, response = sign_in("alice", next_url=here)
    verify_url = with_next("/accounts/two-factor/verify/", here)
    assert response.status_code == 302
    assert response["Location"] == verify_url
    # The password alone: every page leads to the verify step, nothing can be signed.
    assert client.get("/")["Location"] == with_next("/accounts/two-factor/verify/", "/")
    assert client.post(f"{here}attest/", ATTESTATION).status_code == 302
    assert AssessmentRecord.objects.count() == 0
    verify_page = client.get(verify_url)
    assert verify_page.status_code == 200
    assert 'name="otp_token"' in page_of(verify_page)
    assert_well_built(page_of(verify_page), "verify")

    verified = client.post(verify_url, {"otp_token": code_of(KNOWN_KEY)})

    assert verified.status_code == 302
    assert verified["Location"] == here
    assert 'name="attester_name"' in page_of(client.get(here))
    assert client.post(f"{here}attest/", ATTESTATION).status_code == 302
    assert AssessmentRecord.objects.count() == 1


def test_the_same_authenticator_code_does_not_verify_twice(owner):
    authenticator(owner)
    code = code_of(KNOWN_KEY)
    first, _ = sign_in("alice")
    assert verify_with(first, code).status_code == 302

    second, _ = sign_in("alice")
    replayed = verify_with(second, code)

    assert replayed.status_code == 400


def test_a_wrong_code_is_an_error_tied_to_the_field(owner):
    authenticator(owner)
    client, _ = sign_in("alice")
    valid = {f"{int(totp(bytes.fromhex(KNOWN_KEY), drift=drift)):06d}" for drift in (-1, 0, 1)}
    wrong = next(f"{n:06d}" for n in range(1000) if f"{n:06d}" not in valid)

    response = verify_with(client, wrong)

    page = page_of(response)
    assert response.status_code == 400
    assert 'id="id_otp_token_error"' in page
    field = re.search(r"<input[^>]*name=\"otp_token\"[^>]*>", page)
    assert field and 'aria-invalid="true"' in field[0]
    described = re.search(r'aria-describedby="([^"]+)"', field[0])
    assert described and "id_otp_token_error" in described[1].split()
    assert 'class="error-summary"' in page and 'href="#id_otp_token"' in page
    assert_well_built(page, "verify with an error")
    assert client.get("/")["Location"].startswith("/accounts/two-factor/verify/")


def test_a_recovery_code_works_once_and_not_twice(owner):
    authenticator(owner)
    code = devices.recovery_codes_generate(user=owner)[0]
    first, _ = sign_in("alice")

    used = verify_with(first, code.upper())
    second, _ = sign_in("alice")
    again = verify_with(second, code)

    assert used.status_code == 302
    assert "You signed in with a recovery code; 9 left." in page_of(first.get(used["Location"]))
    assert again.status_code == 400
    assert "used already" in page_of(again)
    assert devices.recovery_codes_left(user=owner) == 9


def test_a_member_may_opt_in_and_is_then_asked_for_the_code_at_sign_in(colleague):
    client, _ = sign_in("bob")
    setup = page_of(client.get("/accounts/two-factor/setup/"))
    key = key_on(setup)
    client.post("/accounts/two-factor/setup/", {"otp_token": code_of(key)})

    _, again = sign_in("bob")

    assert TOTPDevice.objects.filter(user=colleague, confirmed=True).exists()
    assert again["Location"] == with_next("/accounts/two-factor/verify/", "/")


def test_an_attester_signing_in_without_a_second_factor_is_offered_to_set_it_up(owner):
    client, response = sign_in("alice")

    assert response["Location"] == with_next("/accounts/two-factor/setup/", "/")
    page = page_of(client.get(response["Location"]))
    assert "Set up two-factor sign-in" in page
    assert '<a href="/">Not now</a>' in page
    assert client.get("/").status_code == 200


# ------------------------------------------------------------------ turning it off


def test_only_people_not_obliged_to_use_it_may_turn_it_off(owner, colleague):
    for user in (owner, colleague):
        authenticator(user)
    alice = signed_in(owner)
    bob = signed_in(colleague)
    verify_with(alice, code_of(KNOWN_KEY))
    verify_with(bob, code_of(KNOWN_KEY))

    refused = alice.post("/accounts/two-factor/disable/")
    turned_off = bob.post("/accounts/two-factor/disable/")

    assert refused.status_code == 403
    assert TOTPDevice.objects.filter(user=owner).exists()
    assert turned_off.status_code == 302
    assert not list(devices_for_user(colleague, confirmed=None))


def test_an_operator_resets_a_persons_two_factor_sign_in(owner):
    authenticator(owner)
    devices.recovery_codes_generate(user=owner)
    out = StringIO()

    call_command("two_factor", "reset", "alice", stdout=out)

    assert "reset" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert not StaticDevice.objects.filter(user=owner).exists()
    _, response = sign_in("alice")
    assert response["Location"] == with_next("/accounts/two-factor/setup/", "/")


# ------------------------------------------------------------------ the admin site


def test_the_admin_site_refuses_staff_without_a_verified_second_factor(db):
    staff = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    client = signed_in(staff)

    without_device = client.get("/admin/")
    admin_login = client.get("/admin/login/?next=/admin/questionnaire/")
    authenticator(staff)
    with_device = client.get("/admin/questionnaire/draft/")
    verify_with(client, code_of(KNOWN_KEY))
    verified = client.get("/admin/")

    assert without_device.status_code == 302
    assert without_device["Location"] == with_next("/accounts/two-factor/setup/", "/admin/")
    assert admin_login["Location"] == with_next(
        "/accounts/two-factor/setup/", "/admin/questionnaire/"
    )
    assert with_device["Location"] == with_next(
        "/accounts/two-factor/verify/", "/admin/questionnaire/draft/"
    )
    assert verified.status_code == 200


def test_signing_in_on_the_admin_login_page_also_waits_for_the_second_factor(db):
    staff = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    authenticator(staff)
    client = Client()

    client.post("/admin/login/", {"username": "root", "password": PASSWORD, "next": "/admin/"})

    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/")["Location"] == with_next("/accounts/two-factor/verify/", "/")
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/verify/")


def test_the_admin_shows_no_second_factor_secret(db):
    staff = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    device = authenticator(staff)
    client = signed_in(staff)
    verify_with(client, code_of(KNOWN_KEY))

    change = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")

    assert change.status_code == 200
    assert KNOWN_KEY not in page_of(change)


# ------------------------------------------------------------------ helpers


def verify_with(client: Client, code: str):
    return client.post("/accounts/two-factor/verify/", {"otp_token": code})
