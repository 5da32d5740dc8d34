"""Sample documents shared by the tests and the benchmarks, so that each lives once.

- ``CONTRACT_EXAMPLE``: the answers example of shared/spec/assess-json.md, verbatim.
- ``HARDWARE_ANSWERS`` and ``HARDWARE_SHOWN``: a typical record's answers (hardware method
  with a cross-check) and the wording shown with them; ``signed_export`` turns them into a
  record's export document signed with a throwaway key.
- ``SYSTEMIC_ANSWERS``: a developer above 1e25, the typical signed record of the record tests.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from questionnaire.records.signing import (
    b64,
    canonical_json,
    key_id_for,
    public_key_bytes,
    sha256_hex,
)
from questionnaire.scoring import assess

CONTRACT_EXAMPLE: dict[str, Any] = {
    "schema": 1,
    "model_name": "Example-7B",
    "role": "developer",
    "placement": "placed",
    "placed_on": "2026-03-01",
    "established_in_eu": False,
    "generates": ["text"],
    "generality": "wide",
    "compute": {
        "method": "architecture",
        "parameters": "7B",
        "tokens": "2T",
        "mixture_of_experts": False,
    },
    "synthetic_data_flop": "0",
    "threshold_known_on": None,
    "modification": None,
    "open_source": {
        "licence_permits_all": True,
        "weights_public": True,
        "architecture_public": True,
        "usage_public": True,
        "monetised": False,
    },
    "parameters": "7B",
    "training_tokens": "2T",
    "high_impact_capabilities": "no",
    "eu_business_users": None,
    "commission_designated": False,
}

HARDWARE_ANSWERS: dict[str, Any] = {
    "schema": 1,
    "model_name": "Example-7B",
    "role": "developer",
    "placement": "placed",
    "placed_on": "2026-03-01",
    "established_in_eu": False,
    "generates": ["text"],
    "generality": "wide",
    "compute": {
        "method": "hardware",
        "chips": "1024",
        "hours": "2000",
        "accelerator": "h100",
        "utilisation": "0.4",
        "check": {"method": "architecture", "parameters": "70B", "tokens": "15T"},
    },
    "synthetic_data_flop": "0",
    "threshold_known_on": None,
    "modification": None,
    "open_source": None,
    "parameters": "70B",
    "training_tokens": "15T",
    "high_impact_capabilities": "unsure",
    "eu_business_users": "12000",
    "commission_designated": False,
}

# (step, step title, key, label, answer as shown): the wizard's wording of the day.
HARDWARE_SHOWN = [
    ("model", "The model and your role", "model_name", "What is the model called?", "Example-7B"),
    (
        "model",
        "The model and your role",
        "role",
        "Who are you in relation to this model?",
        "Developer: we trained the model, or had it trained for us",
    ),
    (
        "market",
        "Market placement",
        "placement",
        "Where does the model stand on the EU market?",
        "Placed on the EU market (API, download, cloud service, app, our own AI system…)",
    ),
    (
        "market",
        "Market placement",
        "placed_on",
        "When was the model, or when will it be, first placed on the EU market?",
        "2026-03-01",
    ),
    (
        "market",
        "Market placement",
        "established_in_eu",
        "Is the provider established in the EU?",
        "No: established outside the EU only",
    ),
    (
        "compute",
        "Training compute",
        "compute.method",
        "How do you want to estimate the training compute?",
        "From the hardware used (chips × hours × peak FLOP/s × utilisation)",
    ),
    (
        "compute",
        "Training compute",
        "compute.periods.chips",
        "How many chips (accelerators) were used?",
        "1024 (= 1,024)",
    ),
    (
        "compute",
        "Training compute",
        "compute.periods.utilisation",
        "What share of the peak throughput did the chips achieve (utilisation)?",
        "0.4",
    ),
    (
        "reach",
        "Reach and designation",
        "eu_business_users",
        "How many business users established in the EU does the model have?",
        "12000 (= 12,000)",
    ),
]

# A realistic answers document (schema 1): a developer placed in the EU, compute measured by
# the hardware method, numbers as exact decimal strings, an absent (null) open-source block.
SYSTEMIC_ANSWERS: dict[str, Any] = {
    "schema": 1,
    "model_name": "Example-70B",
    "role": "developer",
    "placement": "placed",
    "placed_on": "2026-03-01",
    "established_in_eu": True,
    "generates": ["text", "image"],
    "generality": "wide",
    "compute": {
        "method": "hardware",
        "periods": [
            {"chips": "16384", "hours": "2000", "utilisation": "0.4", "accelerator": "h100"}
        ],
    },
    "synthetic_data_flop": "0",
    "threshold_known_on": "2025-11-03",
    "modification": None,
    "open_source": None,
    "high_impact_capabilities": "no",
    "eu_business_users": None,
    "commission_designated": False,
}


def shown_rows(shown: list[tuple[str, str, str, str, str]]) -> list[dict[str, Any]]:
    """Wording rows as the wizard stores them, from (step, title, key, label, answer)."""
    return [
        {
            "step": step,
            "step_title": title,
            "key": key,
            "label": label,
            "help_text": "",
            "answer": answer,
        }
        for step, title, key, label, answer in shown
    ]


def signed_export(
    *,
    answers: dict[str, Any] = HARDWARE_ANSWERS,
    questions: list[dict[str, Any]] | None = None,
    supersedes: str | None = None,
) -> dict[str, Any]:
    """A record's export document, signed with a throwaway Ed25519 key as the service does."""
    record_id = str(uuid.uuid4())
    result = assess(answers)
    payload: dict[str, Any] = {
        "record_schema": 1,
        "record_id": record_id,
        "sequence": 3,
        "previous_sha256": hashlib.sha256(b"record 2").hexdigest(),
        "organisation": {"slug": "acme", "name": "Acme AI Łódź Sp. z o.o."},
        "model_name": answers["model_name"],
        "attestation": {
            "statement": "I attest that these answers are true and complete to the best of "
            "my knowledge.",
            "name": "Alice Example",
            "function": "Head of Legal",
            "username": "alice",
            "attested_at": "2026-11-28T01:55:00Z",
        },
        "ruleset": result["ruleset"],
        "answers_schema": 1,
        "answers": answers,
        "questions": questions if questions is not None else shown_rows(HARDWARE_SHOWN),
        "result": result,
        "supersedes": supersedes,
    }
    payload_bytes = canonical_json(payload)
    key = Ed25519PrivateKey.generate()
    return {
        "format": "gpai-assessor-record",
        "version": 1,
        "record_id": record_id,
        "algorithm": "Ed25519",
        "key_id": key_id_for(public_key_bytes(key)),
        "sha256": sha256_hex(payload_bytes),
        "signature": b64(key.sign(payload_bytes)),
        "payload": json.loads(payload_bytes),
    }
