"""Twenty people sign twenty assessments of one organisation at the same moment (issue 9:
13 of 20 parallel signings from the web failed on SQLite, and on PostgreSQL they queued
for 12 s behind PDF rendering under the organisation's lock). Every signing succeeds, and
the twenty records form one unbroken chain.

On the SQLite file database configured as the settings configure it, always; and on the
suite's own database when that is PostgreSQL (CI's second run): there each thread has
its own connection to the test database.
"""

from __future__ import annotations

import functools
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from questionnaire import services
from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    Membership,
    Organisation,
    RecordChain,
    RecordReport,
)
from questionnaire.records.chain import chain_verify
from tests.people import make_member
from tests.records.conftest import make_assessment, signing_paths
from tests.security.sqlite_file import FileDatabase, file_database

__all__ = ["file_database", "signing_paths"]

SIGNINGS = 20


def _sign(assessment_pk: int) -> None:
    assessment = Assessment.objects.select_related("organisation", "created_by").get(
        pk=assessment_pk
    )
    services.record_create(
        assessment=assessment,
        attester=assessment.created_by,
        name="Alice Example",
        function="Head of Legal",
    )


def _seed() -> list[int]:
    call_command("signing_key", "create", stdout=StringIO(), stderr=StringIO())
    acme = Organisation.objects.create(slug="acme", name="Acme AI")
    alice = make_member("alice", acme, Membership.Role.ATTESTER)
    return [
        make_assessment(acme, alice, model_name=f"Parallel-{index}").pk for index in range(SIGNINGS)
    ]


def _chain_facts() -> tuple[list[int], int, str, list[tuple[str, str]], int]:
    acme = Organisation.objects.get(slug="acme")
    records = list(AssessmentRecord.objects.filter(organisation=acme).order_by("sequence"))
    chain = RecordChain.objects.get(organisation=acme)
    failures = chain_verify(Organisation.objects.filter(pk=acme.pk)).failures
    reports = RecordReport.objects.filter(record__organisation=acme).count()
    head_ok = chain.head_sha256 == records[-1].payload_sha256
    return [r.sequence for r in records], chain.count, str(head_ok), failures, reports


def test_twenty_parallel_signings_make_twenty_records_in_one_chain_on_sqlite(
    file_database: FileDatabase, signing_paths
):
    assessments: list[int] = []
    assert file_database.run([lambda: assessments.extend(_seed())]) == []

    errors = file_database.run([functools.partial(_sign, pk) for pk in assessments])

    assert errors == []
    facts: list[tuple[list[int], int, str, list[tuple[str, str]], int]] = []
    assert file_database.run([lambda: facts.append(_chain_facts())]) == []
    sequences, count, head_ok, failures, reports = facts[0]
    assert sequences == list(range(1, SIGNINGS + 1))
    assert count == SIGNINGS
    assert head_ok == "True"
    assert failures == []
    assert reports == SIGNINGS


if connection.vendor == "postgresql":
    # Transactional: the threads' own connections must see the committed assessments.
    # serialized_rollback restores the question wording the data migrations loaded.
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_twenty_parallel_signings_make_twenty_records_in_one_chain_on_postgresql(
        signing_paths,
    ):
        assessments = _seed()
        barrier = threading.Barrier(SIGNINGS)
        errors: list[BaseException] = []

        def sign(pk: int) -> None:
            try:
                barrier.wait(timeout=30)
                _sign(pk)
            except BaseException as error:  # noqa: BLE001 — reported by the test
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=sign, args=(pk,)) for pk in assessments]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        assert not any(thread.is_alive() for thread in threads)
        assert errors == []
        sequences, count, head_ok, failures, reports = _chain_facts()
        assert sequences == list(range(1, SIGNINGS + 1))
        assert count == SIGNINGS
        assert head_ok == "True"
        assert failures == []
        assert reports == SIGNINGS
