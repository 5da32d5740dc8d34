"""The hash chain of an organisation's records: each payload holds the hash of the one
before, each organisation has its own chain, and two records made at the same moment keep
it consistent."""

from __future__ import annotations

import random
import threading
import time

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, OperationalError, close_old_connections, connections

from questionnaire import services
from questionnaire.models import Assessment, AssessmentRecord, Organisation, RecordChain
from questionnaire.records.chain import chain_verify
from tests.records.conftest import (
    make_assessment,
    make_record,
    payload_of,
    three_records,
    verify_records,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


# ------------------------------------------------------------------ the chain


def test_each_payload_holds_the_hash_of_the_organisations_previous_record(acme, owner):
    first, second, third = three_records(acme, owner)

    assert [payload_of(r)["sequence"] for r in (first, second, third)] == [1, 2, 3]
    assert payload_of(second)["previous_sha256"] == first.payload_sha256
    assert payload_of(third)["previous_sha256"] == second.payload_sha256
    assert third.previous_sha256 == second.payload_sha256
    chain = RecordChain.objects.get(organisation=acme)
    assert chain.count == 3
    assert chain.head_sha256 == third.payload_sha256


def test_each_organisation_has_its_own_chain(acme, owner, other, outsider):
    make_record(acme, owner)
    theirs = make_record(other, outsider, name="Eve Example", function="CTO")

    assert theirs.sequence == 1
    assert payload_of(theirs)["previous_sha256"] == ""
    assert payload_of(theirs)["organisation"] == {"slug": "other", "name": "Other Labs"}
    assert chain_verify(Organisation.objects.all()).failures == []


# ------------------------------------------------------------------ at the same moment


CONCURRENT_ATTEMPTS = 40


def _sign_concurrently(
    assessment: Assessment,
    attester: User,
    barrier: threading.Barrier,
    made: list[AssessmentRecord],
    errors: list[BaseException],
) -> None:
    """One thread, its own database connection: sign, retrying while SQLite's database
    lock is taken by the other thread (PostgreSQL waits on the row lock instead)."""
    try:
        barrier.wait(timeout=30)
        for attempt in range(CONCURRENT_ATTEMPTS):
            try:
                made.append(
                    services.record_create(
                        assessment=assessment,
                        attester=attester,
                        name="Alice Example",
                        function="Head of Legal",
                    )
                )
                return
            except OperationalError as error:
                if "locked" not in str(error) or attempt == CONCURRENT_ATTEMPTS - 1:
                    raise
                close_old_connections()
                time.sleep(random.uniform(0.02, 0.2))  # noqa: S311
    except BaseException as error:  # noqa: BLE001 — reported by the test, not lost in a thread
        errors.append(error)
    finally:
        connections.close_all()


# Transactional: the two threads' connections must see the committed assessments. Such a
# test ends by emptying every table; serialized_rollback puts back what the data migrations
# loaded (the question wording), so the tests that run after it on the same worker, in any
# order, still find it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_records_made_at_the_same_moment_keep_the_chain_consistent(acme, owner):
    assessments = [
        make_assessment(acme, owner, model_name="Parallel-A"),
        make_assessment(acme, owner, model_name="Parallel-B"),
    ]
    barrier = threading.Barrier(len(assessments))
    made: list[AssessmentRecord] = []
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_sign_concurrently, args=(a, owner, barrier, made, errors))
        for a in assessments
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors
    assert not any(isinstance(error, IntegrityError) for error in errors)
    stored = list(AssessmentRecord.objects.order_by("sequence"))
    assert [record.sequence for record in stored] == [1, 2]
    assert {record.model_name for record in stored} == {"Parallel-A", "Parallel-B"}
    assert payload_of(stored[0])["previous_sha256"] == ""
    assert payload_of(stored[1])["previous_sha256"] == stored[0].payload_sha256
    chain = RecordChain.objects.get(organisation=acme)
    assert chain.count == 2
    assert chain.head_sha256 == stored[1].payload_sha256
    assert chain_verify(Organisation.objects.filter(pk=acme.pk)).failures == []
    assert verify_records()[0] == 0
