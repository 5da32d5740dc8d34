"""The background tasks that make reports after a record's commit."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from questionnaire.lib.background import Tasks, retrying


def test_a_task_is_retried_until_it_succeeds():
    attempts = []

    def flaky() -> None:
        attempts.append(1)
        if len(attempts) < 3:
            raise OSError("busy")

    assert retrying(flaky, delays=[0, 0, 0], name="flaky") is True
    assert len(attempts) == 3


def test_a_task_that_always_fails_gives_up_after_its_delays():
    attempts = []

    def broken() -> None:
        attempts.append(1)
        raise OSError("down")

    assert retrying(broken, delays=[0, 0], name="broken") is False
    assert len(attempts) == 3


def test_a_key_already_queued_is_not_queued_twice_and_wait_sees_the_end():
    tasks = Tasks("test")
    release = threading.Event()
    runs = []

    def slow() -> None:
        runs.append(1)
        release.wait(10)

    tasks.submit("record-1", slow, delays=[], name="slow")
    tasks.submit("record-1", slow, delays=[], name="slow")

    assert tasks.wait(timeout=0.2) is False
    release.set()
    assert tasks.wait(timeout=10) is True
    assert runs == [1]


def test_a_stopping_process_does_not_wait_for_queued_tasks():
    """Daemon threads: a gunicorn worker told to stop exits, leaving its queue (the reports
    are made again on demand) instead of hanging in retries."""
    tasks = Tasks("test-daemon")
    tasks.submit("k", lambda: None, delays=[], name="noop")
    tasks.wait(timeout=10)

    workers = [thread for thread in threading.enumerate() if thread.name.startswith("test-daemon")]

    assert workers and all(thread.daemon for thread in workers)


def test_a_nice_queue_runs_its_tasks_at_a_lower_cpu_priority_than_the_requests():
    if not sys.platform.startswith("linux"):
        pytest.fail("thread priorities are checked on Linux, where the app is deployed")
    request_priority = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = []

    def task() -> None:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    tasks = Tasks("nice", nice=5)
    tasks.submit("one", task, delays=[], name="priority")
    assert tasks.wait(10)

    assert seen == [min(request_priority + 5, 19)]
    # The thread that queued the task keeps its own priority.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == request_priority
