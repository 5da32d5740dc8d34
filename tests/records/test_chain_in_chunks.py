"""A long chain is checked chunk by chunk in worker processes: each chunk against the link
its predecessor ends with, and every failure reported as when the whole chain is checked in
one piece."""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from questionnaire.records import chain
from questionnaire.records.chain import chain_verify
from tests.records.conftest import make_record, raw_delete, raw_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


@pytest.fixture
def five_records(acme, owner):
    return [make_record(acme, owner, model_name=f"Model-{n}") for n in range(1, 6)]


def failures(organisation, *, in_chunks: bool, monkeypatch) -> list[tuple[str, str]]:
    """What ``chain_verify`` reports: in chunks of two records on two worker processes, or
    in one piece here."""
    with monkeypatch.context() as patch:
        if in_chunks:
            patch.setattr(chain, "_CHUNK", 2)
            patch.setattr(chain, "_PARALLEL_FROM", 3)
            patch.setattr(os, "cpu_count", lambda: 2)
        else:
            patch.setattr(chain, "_can_fork", lambda: False)
        return chain_verify([organisation]).failures


def test_it_checks_a_long_chain_in_worker_processes(acme, five_records, monkeypatch):
    forked = []

    def counting_pool(*args, **kwargs):
        forked.append(kwargs.get("max_workers"))
        return ProcessPoolExecutor(*args, **kwargs)

    monkeypatch.setattr("questionnaire.records.chain.ProcessPoolExecutor", counting_pool)

    assert failures(acme, in_chunks=True, monkeypatch=monkeypatch) == []
    assert forked == [2]


def test_a_tampered_record_in_a_later_chunk_fails_as_in_one_piece(acme, five_records, monkeypatch):
    fourth = five_records[3]
    content = json.loads(bytes(fourth.payload))
    content["model_name"] = "Forged-1T"
    raw_update(fourth, "payload", json.dumps(content, sort_keys=True).encode())
    raw_update(five_records[1], "model_name", "Shown-Otherwise")

    in_chunks = failures(acme, in_chunks=True, monkeypatch=monkeypatch)

    assert in_chunks == failures(acme, in_chunks=False, monkeypatch=monkeypatch)
    assert {record_id for record_id, _ in in_chunks} == {
        str(five_records[1].public_id),
        str(fourth.public_id),
    }


def test_a_record_removed_at_a_chunk_boundary_breaks_the_link(acme, five_records, monkeypatch):
    raw_delete(five_records[2])

    in_chunks = failures(acme, in_chunks=True, monkeypatch=monkeypatch)

    assert in_chunks == failures(acme, in_chunks=False, monkeypatch=monkeypatch)
    assert any("reordered or removed" in reason for _, reason in in_chunks)
