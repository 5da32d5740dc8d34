"""The wizard's database work per request is small and fixed: it does not grow with the
number of questions, drafts or assessments."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questionnaire.models import Question
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

# At most 5 queries per wizard request (issue 11). A GET: session, user, the draft with the
# user's role in its organisation and the state of the wording (its wording comes from the
# process's copy while that state is unchanged); the review also reads the records a
# signature could correct and the evidence attached to the answers. A POST: the same reads
# and one UPDATE of the draft (no transaction: the update applies only if nobody wrote the
# draft meanwhile). Completing also writes the assessment and its audit event and deletes
# the draft.
MAX_GET = 5
MAX_POST = 5
MAX_COMPLETE = 10

STEPS: list[tuple[str, dict[str, Any]]] = [
    ("model", {"model_name": "Example-70B", "role": "developer"}),
    ("market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}),
    ("capabilities", {"generates": ["text"], "generality": "wide"}),
    (
        "compute",
        {
            "method": "hardware",
            "period1_chips": "16,384",
            "period1_hours": "2,000",
            "period1_accelerator": "h100",
            "period1_utilisation": "0.4",
            "threshold_known_on": "2025-11-03",
            "parameters": "405B",
            "training_tokens": "15.6T",
            "check_method": "architecture",
        },
    ),
    ("release", {"released_openly": "no"}),
    ("reach", {"high_impact_capabilities": "no", "commission_designated": "no"}),
    ("review", {}),
]


def add_questions(count: int) -> None:
    Question.objects.bulk_create(
        Question(
            key=f"extra.question_{index}",
            step="compute",
            position=500 + index,
            label=f"Extra question {index}",
            help_text="Not asked by any form.",
            choice_labels={"a": "A", "b": "B"},
        )
        for index in range(count)
    )


def queries(request) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code in (200, 302), response.status_code
    return len(captured)


def test_each_step_get_and_post_stays_under_a_small_fixed_bound(
    owner_client, acme, django_assert_max_num_queries
):
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in STEPS:
        with django_assert_max_num_queries(MAX_GET):
            assert wizard.get(step).status_code == 200
        with django_assert_max_num_queries(MAX_COMPLETE if step == "review" else MAX_POST):
            response = wizard.post(step, fields)
        assert response.status_code == 302


def test_an_invalid_post_and_the_page_that_shows_its_errors_stay_under_the_bound(
    owner_client, acme, django_assert_max_num_queries
):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer(*STEPS[0])
    wizard.answer(*STEPS[1])
    wizard.answer(*STEPS[2])

    with django_assert_max_num_queries(MAX_POST):
        wizard.post("compute", {"method": "architecture", "parameters": "7 billion"})
    with django_assert_max_num_queries(MAX_GET):
        assert wizard.get("compute").status_code == 200


def test_the_number_of_queries_does_not_grow_with_the_number_of_questions(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in STEPS[:-1]:
        wizard.answer(step, fields)
    compute = dict(STEPS[3][1])
    other_compute = {**compute, "period1_hours": "2,001"}

    def measure() -> dict[str, int]:
        # Each POST changes the stored data, so each one writes.
        return {
            "get compute": queries(lambda: wizard.get("compute")),
            "post compute": queries(lambda: wizard.post("compute", other_compute)),
            "post compute again": queries(lambda: wizard.post("compute", compute)),
            "get review": queries(lambda: wizard.get("review")),
            "get model": queries(lambda: wizard.get("model")),
        }

    measure()  # warm up: the draft's current step and data settle
    before = measure()
    add_questions(50)
    measure()  # the wording changed: the process reads it afresh once, then keeps it
    after = measure()

    assert after == before
    assert Question.objects.count() >= 50


def test_completing_stays_under_the_bound_whatever_the_number_of_questions(
    owner_client, acme, django_assert_max_num_queries
):
    add_questions(50)
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in STEPS[:-1]:
        wizard.answer(step, fields)

    with django_assert_max_num_queries(MAX_COMPLETE):
        response = wizard.post("review", {})
    assert response["Location"].startswith("/assessments/")


def test_the_dashboard_and_result_page_do_not_grow_with_drafts_and_assessments(owner_client, acme):
    def one_of_each() -> str:
        draft = WizardDriver(owner_client).start(acme)
        draft.answer(*STEPS[0])
        finished = WizardDriver(owner_client).start(acme)
        finished.answer(*STEPS[0])
        finished.answer("market", {"placement": "research_only"})
        return f"/assessments/{finished.complete().public_id}/"

    result_url = one_of_each()
    dashboard_once = queries(lambda: owner_client.get("/"))
    result_once = queries(lambda: owner_client.get(result_url))
    for _ in range(5):
        one_of_each()

    assert queries(lambda: owner_client.get("/")) == dashboard_once
    assert queries(lambda: owner_client.get(result_url)) == result_once
