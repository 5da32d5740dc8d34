"""Who sees what: a draft is its owner's alone, an assessment belongs to its organisation,
and anything of another organisation does not exist (404, never 403)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from questionnaire.models import Assessment, Draft
from questionnaire.wizard.forms import STEP_FORMS
from tests.people import PASSWORD
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

STEPS = [step for step, _ in STEP_FORMS]


@pytest.fixture
def owners_draft(owner_client, acme) -> WizardDriver:
    """The owner's draft, answered up to the capabilities step."""
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "Secret model", "role": "developer"})
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
    )
    return wizard


@pytest.fixture
def acme_assessment(owner_client, acme) -> Assessment:
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "Published model", "role": "developer"})
    wizard.answer("market", {"placement": "research_only"})
    return wizard.complete()


def draft_requests(wizard: WizardDriver) -> list[tuple[str, str, dict[str, Any]]]:
    """Every request a person can make on a draft: resume, each step read and sent, the
    done address, delete (confirm and do)."""
    requests: list[tuple[str, str, dict[str, Any]]] = [
        ("get", wizard.url, {}),
        ("post", wizard.url, {}),
    ]
    for step in [*STEPS, "done", "garbage"]:
        requests.append(("get", wizard.step_url(step), {}))
        requests.append(
            (
                "post",
                wizard.step_url(step),
                wizard.data(step, {"model_name": "Hijacked", "role": "integrator"}),
            )
        )
        requests.append(("post", wizard.step_url(step), wizard.data(step, wizard_save_exit="1")))
    requests.append(("get", f"{wizard.url}delete/", {}))
    requests.append(("post", f"{wizard.url}delete/", {}))
    return requests


def assert_draft_untouched(wizard: WizardDriver, before: Draft) -> None:
    after = Draft.objects.get(public_id=wizard.draft_id)
    assert after.state == before.state
    assert after.model_name == "Secret model"
    assert after.current_step == before.current_step
    assert after.updated_at == before.updated_at


def test_an_outsider_gets_404_on_every_address_of_another_organisations_draft(
    owners_draft, outsider_client
):
    before = owners_draft.draft

    for method, url, data in draft_requests(owners_draft):
        response = getattr(outsider_client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
        assert b"Secret model" not in response.content

    assert_draft_untouched(owners_draft, before)


def test_a_colleague_gets_404_on_the_owners_drafts(owners_draft, colleague_client):
    before = owners_draft.draft

    for method, url, data in draft_requests(owners_draft):
        response = getattr(colleague_client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)

    assert_draft_untouched(owners_draft, before)
    assert b"Secret model" not in colleague_client.get("/").content


def test_an_outsider_gets_404_on_the_organisations_assessments(acme_assessment, outsider_client):
    response = outsider_client.get(f"/assessments/{acme_assessment.public_id}/")

    assert response.status_code == 404
    assert b"Published model" not in response.content
    assert b"Published model" not in outsider_client.get("/").content


def test_a_colleague_reads_the_organisations_assessments(acme_assessment, colleague_client):
    response = colleague_client.get(f"/assessments/{acme_assessment.public_id}/")

    assert response.status_code == 200
    assert b"Published model" in response.content
    dashboard = colleague_client.get("/").content.decode()
    assert f'href="/assessments/{acme_assessment.public_id}/"' in dashboard


def test_a_former_member_no_longer_sees_the_organisations_assessments_or_drafts(
    owner, owners_draft, acme_assessment, owner_client
):
    owner.memberships.all().delete()

    assert owner_client.get(f"/assessments/{acme_assessment.public_id}/").status_code == 404
    assert owner_client.get(owners_draft.url).status_code == 404


def test_addresses_that_name_no_object_answer_404(owner_client):
    for url in (
        "/assessments/00000000-0000-0000-0000-000000000000/",
        "/drafts/00000000-0000-0000-0000-000000000000/",
        "/drafts/00000000-0000-0000-0000-000000000000/model/",
        "/drafts/00000000-0000-0000-0000-000000000000/delete/",
        "/assessments/not-a-uuid/",
        "/drafts/not-a-uuid/model/",
    ):
        assert owner_client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(owners_draft, acme_assessment, acme):
    anonymous = Client()
    urls = [
        "/assessments/new/",
        f"/assessments/{acme_assessment.public_id}/",
        owners_draft.url,
        f"{owners_draft.url}delete/",
        *[owners_draft.step_url(step) for step in STEPS],
    ]
    for url in urls:
        for method in ("get", "post"):
            data = owners_draft.data("model") if method == "post" else {}
            response = getattr(anonymous, method)(url, data)
            assert response.status_code == 302, (method, url, response.status_code)
            assert response["Location"].startswith("/accounts/login/?next="), (method, url)
    assert Draft.objects.count() == 1
    assert owners_draft.draft.model_name == "Secret model"
    assert anonymous.post("/assessments/new/", {"organisation": acme.pk}).status_code == 302
    assert Draft.objects.count() == 1


def test_the_sign_in_page_brings_an_anonymous_visitor_back_to_the_draft(owner, owners_draft):
    anonymous = Client()
    login_url = anonymous.get(owners_draft.url)["Location"]

    response = anonymous.post(
        login_url, {"username": "alice", "password": PASSWORD, "next": owners_draft.url}
    )

    assert response["Location"] == owners_draft.url
    assert anonymous.get(owners_draft.url)["Location"] == owners_draft.step_url("capabilities")


def test_a_new_assessment_offers_only_the_users_organisations(owner_client, acme, other):
    html = owner_client.get("/assessments/new/").content.decode()

    assert f'value="{acme.pk}"' in html
    assert "Acme AI" in html
    assert f'value="{other.pk}"' not in html
    assert "Other Labs" not in html


def test_a_new_assessment_for_another_organisation_is_refused(owner_client, acme, other):
    response = owner_client.post("/assessments/new/", {"organisation": other.pk})

    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert 'id="id_organisation_error"' in response.content.decode()
    assert not Draft.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "-1", "999999", "1; DROP TABLE"])
def test_a_new_assessment_with_a_bad_organisation_is_a_form_error(owner_client, acme, value):
    response = owner_client.post("/assessments/new/", {"organisation": value})

    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert not Draft.objects.exists()


def test_someone_in_no_organisation_cannot_start_an_assessment(db, django_user_model):
    loner = django_user_model.objects.create_user("loner", password="x")
    client = Client()
    client.force_login(loner)

    assert client.get("/assessments/new/").status_code == 403
    assert client.post("/assessments/new/", {"organisation": 1}).status_code == 403
    assert not Draft.objects.exists()
