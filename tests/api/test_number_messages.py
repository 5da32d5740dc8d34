"""The API answers the number parser's English messages, word for word, whatever language
the client asks for (the pages translate them; the API does not, by contract)."""

from __future__ import annotations

import json

import pytest

from questionnaire.models import LedgerEntry
from tests.api.conftest import entry, ledger_url

ACCEPTED = "write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"


@pytest.mark.parametrize("language", ["de", "fr", "en"])
@pytest.mark.parametrize(
    ("compute", "field", "detail"),
    [
        (
            {"method": "direct", "flop": "lots"},
            "compute.flop",
            f"'lots' is not a number; {ACCEPTED}",
        ),
        (
            {"method": "architecture", "parameters": "", "tokens": "15e12"},
            "compute.parameters",
            f"is empty; {ACCEPTED}",
        ),
        (
            {"method": "direct", "flop": "1e2000"},
            "compute.flop",
            "is out of range: a figure must lie between 10^-1000 and 10^1000, such as 3.2e24",
        ),
        ({"method": "direct", "flop": True}, "compute.flop", "must be a number, not true"),
        ({"method": "direct", "flop": [1]}, "compute.flop", f"must be a number; {ACCEPTED}"),
    ],
)
def test_a_figure_the_parser_refuses_is_answered_in_english(
    api, model, language, compute, field, detail
):
    api.client.cookies["django_language"] = language
    response = api.client.put(
        ledger_url(model),
        data=json.dumps(entry(compute=compute)),
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}", "Accept-Language": language},
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"detail": detail, "field": field}
    assert not LedgerEntry.objects.exists()
