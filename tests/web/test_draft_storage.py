"""A wizard POST writes its draft in one statement when nobody else wrote it meanwhile, and
merges under the row's lock when someone did: the same draft saved from two tabs at once
keeps both tabs' steps."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from questionnaire import services
from questionnaire.models import Draft
from questionnaire.wizard.storage import DraftStorage

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(owner, acme) -> Draft:
    return services.draft_create(user=owner, organisation=acme)


def opened(draft: Draft) -> DraftStorage:
    """The draft as one POST reads it."""
    return DraftStorage("p", RequestFactory().post("/"), draft=Draft.objects.get(pk=draft.pk))


def save(storage: DraftStorage, step: str, data: dict[str, list[str]], next_step: str) -> None:
    storage.set_step_data(step, data)
    storage.mark_submitted(step, True)
    storage.current_step = next_step
    storage.update_response(HttpResponse())


def test_a_save_nobody_interferes_with_is_one_update(draft):
    storage = opened(draft)

    with CaptureQueriesContext(connection) as captured:
        save(storage, "model", {"model-model_name": ["Alpha"]}, "market")

    assert [query["sql"].split()[0] for query in captured.captured_queries] == ["UPDATE"]
    stored = Draft.objects.get(pk=draft.pk)
    assert stored.state["step_data"]["model"] == {"model-model_name": ["Alpha"]}
    assert (stored.model_name, stored.current_step) == ("Alpha", "market")


def test_two_tabs_saving_the_same_draft_at_once_keep_both_steps(draft):
    first_tab, second_tab = opened(draft), opened(draft)  # both read before either writes

    save(first_tab, "model", {"model-model_name": ["Alpha"]}, "market")
    save(second_tab, "market", {"market-placement": ["placed"]}, "capabilities")

    state = Draft.objects.get(pk=draft.pk).state
    assert state["step_data"]["model"] == {"model-model_name": ["Alpha"]}
    assert state["step_data"]["market"] == {"market-placement": ["placed"]}
    assert state["extra_data"]["submitted"] == {"model": True, "market": True}
    assert state["step"] == "capabilities"


def test_a_later_save_of_a_tab_after_another_tab_saved_keeps_the_other_tabs_step(draft):
    first_tab = opened(draft)
    save(first_tab, "model", {"model-model_name": ["Alpha"]}, "market")
    stale_tab = opened(draft)
    save(opened(draft), "market", {"market-placement": ["placed"]}, "capabilities")

    save(stale_tab, "model", {"model-model_name": ["Beta"]}, "market")

    stored = Draft.objects.get(pk=draft.pk)
    assert stored.state["step_data"]["model"] == {"model-model_name": ["Beta"]}
    assert stored.state["step_data"]["market"] == {"market-placement": ["placed"]}
    assert stored.model_name == "Beta"


def test_a_request_changes_its_own_copy_of_the_state_until_it_writes(draft):
    save(opened(draft), "model", {"model-model_name": ["Alpha"]}, "market")
    row = Draft.objects.get(pk=draft.pk)
    storage = DraftStorage("p", RequestFactory().post("/"), draft=row)

    storage.set_step_data("model", {"model-model_name": ["Beta"]})
    storage.data["step_data"]["market"] = {"market-placement": ["placed"]}
    storage.extra_data["reviewed"] = True

    # The row as read is what the write compares with and merges into: untouched.
    assert row.state["step_data"] == {"model": {"model-model_name": ["Alpha"]}}
    assert "reviewed" not in row.state["extra_data"]
    model = storage.get_step_data("model")
    assert model is not None
    assert model.getlist("model-model_name") == ["Beta"]
    assert storage.get_step_data("release") is None
