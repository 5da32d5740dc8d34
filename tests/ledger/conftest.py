from __future__ import annotations

import pytest

from questionnaire.ledger.services import registered_model_create


@pytest.fixture
def model(acme, owner):
    return registered_model_create(organisation=acme, name="Falcon", user=owner)


def direct(flop: str, *, kind: str = "pre_training", status: str = "finished", revision: int = 1):
    return {
        "kind": kind,
        "status": status,
        "revision": revision,
        "compute": {"method": "direct", "flop": flop},
    }
