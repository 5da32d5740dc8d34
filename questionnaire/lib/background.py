"""Work that runs after a request has answered: daemon threads of this process.

Used for what must not hold a lock or keep a user waiting and can be done again safely (a
record's PDF report, rendered after the record committed). Each task is retried after the
given delays; a task that fails every time is logged, and left for whatever schedules it
again. A key already queued or running is not queued twice.

The threads are daemons: a worker process that stops (a deploy, gunicorn recycling it)
does not wait for its queue, and what was queued is simply not done yet — the tasks that
use this must be recoverable (a record's pages schedule its missing report again, and
``manage.py render_reports`` makes every missing one).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Hashable, Sequence

from django.db import connections

__all__ = ["Tasks", "retrying"]

logger = logging.getLogger(__name__)


def retrying(task: Callable[[], object], *, delays: Sequence[float], name: str) -> bool:
    """Run ``task``; after a failure wait each of ``delays`` in turn and try again. True once
    it succeeded, False (the failures logged) when every attempt failed."""
    for attempt, delay in enumerate([0.0, *delays], start=1):
        if delay:
            time.sleep(delay)
        try:
            task()
        except Exception:
            logger.exception("%s failed (attempt %d of %d).", name, attempt, len(delays) + 1)
        else:
            return True
    return False


_Job = tuple[Hashable, Callable[[], object], Sequence[float], str]


class Tasks:
    """A named queue worked by daemon threads (see the module's docstring)."""

    def __init__(self, name: str, workers: int = 1, *, nice: int = 0) -> None:
        """``nice``: how much lower the threads' CPU priority is than the process's (Linux
        gives each thread its own), so that the work yields the CPU to requests."""
        self._name = name
        self._workers = workers
        self._nice = nice
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._queue: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._pending: set[Hashable] = set()

    def submit(
        self, key: Hashable, task: Callable[[], object], *, delays: Sequence[float], name: str
    ) -> None:
        with self._lock:
            if key in self._pending:
                return
            self._pending.add(key)
            self._threads = [thread for thread in self._threads if thread.is_alive()]
            while len(self._threads) < self._workers:
                thread = threading.Thread(
                    target=self._work, name=f"{self._name}-{len(self._threads)}", daemon=True
                )
                thread.start()
                self._threads.append(thread)
        self._queue.put((key, task, delays, name))

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every task queued so far has ended; True when they all have."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._pending, timeout=timeout)

    def _work(self) -> None:
        if self._nice:
            _lower_priority(self._nice)
        while True:
            key, task, delays, name = self._queue.get()
            try:
                retrying(task, delays=delays, name=name)
            finally:
                # This thread's database connections are its own: close them between
                # tasks rather than keep one open per idle thread.
                connections.close_all()
                with self._idle:
                    self._pending.discard(key)
                    self._idle.notify_all()


def _lower_priority(increment: int) -> None:
    """Raise this thread's niceness by ``increment``. On Linux a thread's niceness is its
    own (``PRIO_PROCESS`` with the thread's id); where that is not so, or not allowed, the
    thread runs at the process's priority."""
    try:
        thread_id = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, thread_id)
        os.setpriority(os.PRIO_PROCESS, thread_id, min(current + increment, 19))
    except (AttributeError, OSError):
        logger.info("Background threads run at the process's CPU priority.")
