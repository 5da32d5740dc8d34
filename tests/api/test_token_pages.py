"""The API tokens page of an administrator: reached from the members page; a token is made
and shown once; revoking asks first (a pipeline stops, and a revoked token is not restored)
and then refuses the token."""

from __future__ import annotations

from django.urls import reverse

from questionnaire.api.services import api_token_create
from questionnaire.models import ApiToken
from tests.people import signed_in

TOKENS = "/organisations/acme/api-tokens/"
REVOKE = "/organisations/acme/api-tokens/revoke/"


def test_the_members_page_links_the_token_page(acme_admin):
    page = signed_in(acme_admin).get(reverse("organisation_members", args=["acme"]))
    assert f'href="{TOKENS}">API tokens</a>' in page.content.decode()


def test_revoking_asks_first_and_then_refuses_the_token(acme_admin, token, api, model):
    client = signed_in(acme_admin)
    listing = client.get(TOKENS).content.decode()
    assert f'href="{REVOKE}?token={token.token.pk}"' in listing
    confirm = client.get(REVOKE, {"token": token.token.pk})
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "Revoke the token “pre-training cluster A”?" in body
    assert "cannot be restored" in body
    assert ApiToken.objects.get(pk=token.token.pk).revoked_at is None
    assert api.get(f"/api/v1/models/{model.public_id}").status_code == 200
    done = client.post(REVOKE, {"token": token.token.pk})
    assert done.status_code == 302
    assert ApiToken.objects.get(pk=token.token.pk).revoked_at is not None
    assert api.get(f"/api/v1/models/{model.public_id}").status_code == 401
    # A revoked token's confirmation page sends back to the list.
    assert client.get(REVOKE, {"token": token.token.pk}).status_code == 302


def test_another_organisations_token_or_none_is_404(acme_admin, other, outsider):
    theirs = api_token_create(
        organisation=other, name="theirs", scopes=["read_models"], user=outsider
    )
    client = signed_in(acme_admin)
    assert client.get(REVOKE, {"token": theirs.token.pk}).status_code == 404
    assert client.get(REVOKE).status_code == 404
    assert client.get(REVOKE, {"token": "x"}).status_code == 404
    assert client.post(REVOKE, {"token": theirs.token.pk}).status_code == 404
    assert ApiToken.objects.get(pk=theirs.token.pk).revoked_at is None


def test_the_api_address_wraps_on_a_narrow_screen(acme_admin):
    body = signed_in(acme_admin).get(TOKENS).content.decode()
    assert '<code class="wrap-anywhere">http://testserver/api/v1/</code>' in body
