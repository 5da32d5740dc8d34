"""`make bench`: every benchmark of the app in one run, printed as one table.

    python -m bench.run [--database-url URL] [--duration 10] [--connections 16] [--profile]

In a temporary folder that is removed afterwards (nothing in data/ is read or written):
production settings (debug off, a generated secret key, two-factor sign-in on) as
`make loadtest` sets them (loadtest/run.py's ``settings_env``), a throwaway database (a
SQLite file; or, when ``--database-url``/``DATABASE_URL`` names a PostgreSQL server and a role
that may create databases, a database created for the run and dropped after it), throwaway
keys, media folder and checkpoint file. Then:

1. migrate, collectstatic, and the seed: the load test's 20 attesters with their second
   factor (loadtest/seed.py), organisations with 10, 1,000 (dashboard) and 10,000 (chain
   check) signed records and 1,000 records signed under 2025.1 (re-assessment), made fast
   with bench/seed.py; members sign in with a password alone (no second factor);
2. gunicorn with deploy/gunicorn.conf.py on loopback, reached as nginx reaches it (plain HTTP
   with ``X-Forwarded-Proto: https`` from the proxy's address), with ``max_requests`` off so
   that worker restarts do not land inside a measurement (``--max-requests`` to change it);
3. wrk, 16 connections, each URL after a short warm-up, side by side: ``GET /healthz`` (the
   baseline), a signed-in member's wizard step GET and POST (the compute step, saved again
   with the same answers), the review and the result page, the dashboard with 10 and with
   1,000 records in the organisation, a record page and its stored PDF report;
4. 20 parallel signings in one organisation (20 attesters signed in with their second factor
   POST their attestations at once): the time to each commit (its answer), the time until
   all 20 reports are stored (they are rendered after the commit on the workers' background
   threads), and ``verify_records`` on the chain afterwards;
5. in-process, the server stopped: a fresh render of the stored report and 200 downloads of
   it through the test client (the report target compares their medians: one download
   against one render, like with like; wrk's download, 16 connections queued for the
   workers, is not compared), ``verify_records`` (chain) over 10,000 records, ``assess()``
   per call, the re-assessment of 1,000 records,
   the queries of a wizard GET and POST (``CaptureQueriesContext``, with 50 more questions
   too) and, with ``--profile`` (needs pyinstrument), profiles of a wizard GET and POST.

It prints the table (name, requests per second, p50, p99, ratio to the baseline's requests
per second, the target and whether it was met), writes it as JSON with the machine's load
and the server logs to bench/results/<time>-<database>/ (git-ignored), and exits 1 when a
target is missed. The machine's load average is printed before and after: the figures are
only as quiet as the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import json
import os
import pstats
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from bench import bench_reassess, bench_report, bench_verify_records, seed
from bench.rows import FAIL, INFO, Row, median, percentile, table, verdict
from bench.web import RECORD, Browser, Refused
from bench.wrk import WrkMissing, WrkResult, combined, wrk_binary, wrk_run
from loadtest.journeys import ATTESTATION, JOURNEYS
from loadtest.run import (
    GUNICORN_CONF,
    HOST,
    PYTHON,
    free_port,
    postgres_database,
    postgres_drop,
    settings_env,
    start,
    stop,
    tail,
    wait_until_up,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

    from questionnaire.models import AssessmentRecord, Organisation

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

SIGNINGS = 20
# wrk's rounds: each request measured this many times in turn (Run.wrk_side_by_side).
ROUNDS = 5
DASHBOARD_SMALL, DASHBOARD_LARGE = 10, 1_000
EXTRA_QUESTIONS = 50
WIZARD_STEP = "compute"
LIGHT_STEP = "release"
WIZARD_JOURNEY = JOURNEYS["systemic"]
MAX_QUERIES = 5
WIZARD_SHARE = 0.20
WIZARD_P99_MS = 50.0
SIGNING_COMMIT_S = 1.0
REPORTS_FACTOR = 1.5
# The report target's "÷ 2 cores": the cores of the machine that renders.
CORES = os.cpu_count() or 1
PASSWORD = "bench-password-" + secrets.token_hex(8)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"


class Run:
    """One run on one database: the settings, the seed, the server and the measurements."""

    def __init__(self, options: argparse.Namespace, folder: Path, results: Path) -> None:
        self.options = options
        self.folder = folder
        self.results = results
        self.rows: list[Row] = []
        self.port = free_port()
        self.site = f"https://{HOST}:{self.port}"
        self.server: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {}
        self.figures: dict[str, Any] = {}

    # ---------------------------------------------------------------- settings and seed

    def configure(self, database_url: str) -> None:
        """Production settings for this process (django.setup) and for gunicorn."""
        self.env = settings_env(
            self.folder, site=self.site, database_url=database_url, behind_nginx=True
        )
        self.env["GUNICORN_BIND"] = f"{HOST}:{self.port}"
        self.env["GUNICORN_ACCESS_LOG"] = str(self.results / "gunicorn-access.log")
        self.env["GUNICORN_MAX_REQUESTS"] = str(self.options.max_requests)
        for name in list(os.environ):
            if name not in self.env:
                del os.environ[name]
        os.environ.update(self.env)
        import django

        django.setup()
        from django.conf import settings

        # The in-process test client's requests name the same host as wrk's.
        settings.ALLOWED_HOSTS = [HOST, "testserver"]

    def prepare(self) -> None:
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import User
        from django.core.management import call_command

        from loadtest.seed import seed as loadtest_seed
        from questionnaire import services
        from questionnaire.models import Membership, Organisation
        from questionnaire.scoring import assess
        from tests.samples import HARDWARE_ANSWERS, HARDWARE_SHOWN, shown_rows

        started = time.perf_counter()
        call_command("migrate", "--noinput", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        # The signing keys, and 20 attesters with a second factor in "loadtest".
        self.attesters = loadtest_seed(users=SIGNINGS)
        signer, key = services.signing_key_current(path=settings_path("RECORD_SIGNING_KEY_FILE"))
        answers = {**HARDWARE_ANSWERS, "assessed_on": "2026-06-01"}
        result = assess(answers)
        hashed = make_password(PASSWORD)
        member = Membership.Role.MEMBER

        def organisation(slug: str, username: str, role: str = member) -> tuple[Organisation, User]:
            org, user = seed.organisation_with_member(slug=slug, role=role, username=username)
            user.password = hashed
            user.save(update_fields=["password"])
            return org, user

        self.wizard_org, self.wizard_user = organisation("bench-wizard", "wizard")
        self.small_org, self.small_member = organisation("bench-10", "member10")
        self.large_org, self.large_member = organisation("bench-1000", "member1000")
        verify_org, verifier = organisation("bench-verify", "verifier")
        self.reassess_org, self.admin = organisation(
            "bench-reassess", "admin", Membership.Role.ADMIN
        )
        self.verify_org = verify_org

        def signed(org: Organisation, count: int) -> list[AssessmentRecord]:
            return seed.records_create(
                organisation=org,
                attester=verifier,
                count=count,
                answers=answers,
                result=result,
                signer=signer,
                key=key,
            )

        records = signed(self.small_org, DASHBOARD_SMALL)
        signed(self.large_org, DASHBOARD_LARGE)
        signed(verify_org, bench_verify_records.RECORDS)
        old_answers = bench_reassess.signed_answers()
        seed.records_create(
            organisation=self.reassess_org,
            attester=self.admin,
            count=bench_reassess.RECORDS,
            answers=old_answers,
            result=assess(old_answers),
            signer=signer,
            key=key,
            questions=0,
        )
        # The record whose page and stored report are downloaded; its report is stored now.
        self.record: AssessmentRecord = records[-1]
        report_started = time.perf_counter()
        services.record_report_create(record=self.record)
        self.figures["first_report_render_s"] = time.perf_counter() - report_started
        # An assessment ready to sign for each attester.
        signing_org = Organisation.objects.get(slug="loadtest")
        attesters = [User.objects.get(username=a["username"]) for a in self.attesters]
        self.signing_org = signing_org
        self.to_sign = seed.assessments_create(
            organisation=signing_org,
            users=attesters,
            answers=HARDWARE_ANSWERS,
            shown=shown_rows(HARDWARE_SHOWN),
        )
        print(f"   seeded in {time.perf_counter() - started:.0f} s", flush=True)

    # ---------------------------------------------------------------- the server

    def server_start(self) -> None:
        log = self.results / "gunicorn.log"
        gunicorn = [PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "config.wsgi"]
        self.server = start(gunicorn, env=self.env, cwd=ROOT, log=log)
        wait_until_up(f"http://{HOST}:{self.port}/healthz", [self.server], [log])

    def server_stop(self) -> None:
        if self.server is not None:
            stop(self.server, signal.SIGTERM)
            self.server = None

    def browser(self, username: str, password: str = PASSWORD, totp: str | None = None) -> Browser:
        browser = Browser(HOST, self.port)
        browser.sign_in(username, password, totp)
        return browser

    # ---------------------------------------------------------------- HTTP

    def wrk_request(
        self,
        path: str,
        browser: Browser | None,
        *,
        method: str = "GET",
        body: str | None = None,
        expected: int = 200,
    ) -> Callable[[int], WrkResult]:
        """A run of wrk on ``path`` for some seconds, as the browser sends it."""
        headers = browser.headers() if browser else Browser(HOST, self.port).headers()
        headers.pop("Host")
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.site
            headers["Referer"] = f"{self.site}{path}"
        url = f"http://{HOST}:{self.port}{path}"

        def run(seconds: int) -> WrkResult:
            return wrk_run(
                url,
                seconds=seconds,
                connections=self.options.connections,
                method=method,
                body=body,
                headers=headers,
                expected=expected,
            )

        return run

    def wrk_side_by_side(
        self, requests: list[tuple[str, Callable[[int], WrkResult]]]
    ) -> dict[str, WrkResult]:
        """Every request measured in turn, in rounds: each round gives each request its
        share of ``--duration`` (at least a second), the baseline included.

        This machine's speed drifts by a third for seconds at a time; measured one after
        the other for ten seconds each, a page and the baseline could fall in different
        stretches, and the ratio between them moved by half from one run to the next.
        Taking turns puts every request in the same stretches."""
        if self.options.warmup:
            for _, run in requests:
                run(self.options.warmup)
        rounds = max(1, min(ROUNDS, self.options.duration))
        seconds = max(1, self.options.duration // rounds)
        results: dict[str, list[WrkResult]] = {name: [] for name, _ in requests}
        for _ in range(rounds):
            for name, run in requests:
                results[name].append(run(seconds))
        measured = {name: combined(runs) for name, runs in results.items()}
        for name, result in measured.items():
            print(
                f"   {name}: {result.rps:,.1f} req/s, p50 {result.p50_ms:.1f} ms, "
                f"p99 {result.p99_ms:.1f} ms"
                + (f", {result.errors} errors" if result.errors else "")
                + (f", {result.unexpected} unexpected" if result.unexpected else ""),
                flush=True,
            )
        return measured

    def http_setup(self) -> None:
        """Members signed in, drafts walked to the step and the review, a finished one."""
        wizard = self.browser("wizard")
        small = self.browser("member10")
        large = self.browser("member1000")
        # Three drafts: one whose compute step is read and saved again, one on its review,
        # one finished (its result page).
        draft = wizard.draft_start()
        wizard.walk(draft, WIZARD_JOURNEY)
        review_draft = wizard.draft_start()
        wizard.walk(review_draft, WIZARD_JOURNEY)
        finished = wizard.draft_start()
        wizard.walk(finished, WIZARD_JOURNEY)
        assessment = wizard.finish(finished)
        self.draft_id = draft
        step_path = f"/drafts/{draft}/{WIZARD_STEP}/"
        fields = dict(WIZARD_JOURNEY)[WIZARD_STEP]
        body_data = wizard.step_data(draft, WIZARD_STEP, fields, wizard.csrf(wizard.get(step_path)))
        self.step_body = body_data
        saved = wizard.post(step_path, body_data, to=wizard_step_pattern(draft))
        if saved.path == step_path:
            raise Refused(f"the {WIZARD_STEP} step's answers were not accepted")
        record = self.record.public_id
        for browser, path in ((small, "/"), (large, "/"), (small, f"/records/{record}/")):
            browser.get(path)
        report = small.request("GET", f"/records/{record}/report.pdf")
        if report.status != 200:
            raise Refused(f"the stored report answered {report.status}")
        self.pages = {
            "wizard": wizard,
            "small": small,
            "large": large,
            "review": f"/drafts/{review_draft}/review/",
            "result": f"/assessments/{assessment}/",
        }

    def http_measure(self) -> None:
        wizard, small, large = self.pages["wizard"], self.pages["small"], self.pages["large"]
        assert isinstance(wizard, Browser)
        assert isinstance(small, Browser)
        assert isinstance(large, Browser)
        step_path = f"/drafts/{self.draft_id}/{WIZARD_STEP}/"
        record = self.record.public_id
        requests = [
            ("GET /healthz (baseline)", self.wrk_request("/healthz", None)),
            ("wizard step GET (compute)", self.wrk_request(step_path, wizard)),
            # The compute step is the heaviest page of the wizard (34 inputs, a chart); the
            # release step shows what a step of a few questions costs.
            (
                f"wizard step GET ({LIGHT_STEP})",
                self.wrk_request(f"/drafts/{self.draft_id}/{LIGHT_STEP}/", wizard),
            ),
            # The floor of any signed-in page: the session, the user and the draft read, and
            # a redirect to the step the draft is at (nothing rendered).
            (
                "signed-in redirect (the floor)",
                self.wrk_request(f"/drafts/{self.draft_id}/", wizard, expected=302),
            ),
            # The lightest page there is: the layout every page shares (navigation,
            # language switcher) around one small form. What any rendered page costs at least.
            ("lightest page (/verify/)", self.wrk_request("/verify/", wizard)),
            (
                "wizard step POST (compute, saved again)",
                self.wrk_request(
                    step_path,
                    wizard,
                    method="POST",
                    body=urlencode(self.step_body, doseq=True),
                    expected=302,
                ),
            ),
            ("review page", self.wrk_request(str(self.pages["review"]), wizard)),
            ("result page", self.wrk_request(str(self.pages["result"]), wizard)),
            (f"dashboard, {DASHBOARD_SMALL} records", self.wrk_request("/", small)),
            (f"dashboard, {DASHBOARD_LARGE:,} records", self.wrk_request("/", large)),
            ("record page", self.wrk_request(f"/records/{record}/", small)),
            (
                "stored report download",
                self.wrk_request(f"/records/{record}/report.pdf", small),
            ),
        ]
        results = self.wrk_side_by_side(requests)
        baseline = results["GET /healthz (baseline)"]
        measured = list(results.items())
        self.http_results = dict(measured)
        for name, result in measured:
            row = Row(
                name,
                rps=result.rps,
                p50_ms=result.p50_ms,
                p99_ms=result.p99_ms,
                ratio=result.rps / baseline.rps if baseline.rps else None,
                measured=f"{result.requests:,} requests",
            )
            if result.errors or result.unexpected or not result.requests:
                row.measured += f", {result.errors + result.unexpected} bad"
                row.verdict = FAIL
                row.target = "answers, and no error"
            self.rows.append(row)
        for name in (
            "wizard step GET (compute)",
            f"wizard step GET ({LIGHT_STEP})",
            "wizard step POST (compute, saved again)",
        ):
            self._target(
                name,
                f"≥ {WIZARD_SHARE:.0%} of baseline req/s, p99 < {WIZARD_P99_MS:.0f} ms",
                lambda row: (row.ratio or 0) >= WIZARD_SHARE and (row.p99_ms or 0) < WIZARD_P99_MS,
            )
        small_p50 = self.http_results[f"dashboard, {DASHBOARD_SMALL} records"].p50_ms
        self._target(
            f"dashboard, {DASHBOARD_LARGE:,} records",
            f"p50 ≤ 2 × {DASHBOARD_SMALL}-record p50 = {2 * small_p50:.1f} ms",
            lambda row: (row.p50_ms or 0) <= 2 * small_p50,
        )

    def _target(self, name: str, target: str, met: Callable[[Row], bool]) -> None:
        row = next(row for row in self.rows if row.name == name)
        if row.verdict == FAIL:
            return
        row.target = target
        row.verdict = verdict(met(row))

    # ---------------------------------------------------------------- signings

    def signings(self) -> None:
        """20 attesters sign at once; each commit's time and the reports' time."""
        from questionnaire.models import AssessmentRecord, RecordReport
        from questionnaire.records.chain import chain_verify

        with ThreadPoolExecutor(max_workers=5) as pool:
            browsers = list(
                pool.map(
                    lambda account: self.browser(
                        account["username"], account["password"], account["totp_key"]
                    ),
                    self.attesters,
                )
            )
        tokens = [
            browser.csrf(browser.get(f"/assessments/{assessment}/"))
            for browser, assessment in zip(browsers, self.to_sign, strict=True)
        ]
        moment: dict[str, float] = {}
        barrier = threading.Barrier(
            SIGNINGS, action=lambda: moment.update(start=time.perf_counter())
        )

        def sign(index: int) -> float:
            browser, assessment = browsers[index], self.to_sign[index]
            data = {**ATTESTATION, "csrfmiddlewaretoken": tokens[index]}
            barrier.wait()
            browser.post(f"/assessments/{assessment}/attest/", data, to=RECORD)
            return time.perf_counter() - moment["start"]

        with ThreadPoolExecutor(max_workers=SIGNINGS) as pool:
            commits = list(pool.map(sign, range(SIGNINGS)))
        reports = RecordReport.objects.filter(record__organisation=self.signing_org)
        deadline = time.perf_counter() + 600
        while reports.count() < SIGNINGS and time.perf_counter() < deadline:
            time.sleep(0.05)
        stored = reports.count()
        all_stored_s = time.perf_counter() - moment["start"]
        check = chain_verify([self.signing_org])
        signed = AssessmentRecord.objects.filter(organisation=self.signing_org).count()
        self.figures["signing_commits_s"] = commits
        self.figures["signing_reports_s"] = all_stored_s
        postgres = self.vendor == "postgresql"
        slowest = max(commits)
        self.rows.append(
            Row(
                f"{SIGNINGS} parallel signings: each commit",
                p50_ms=median(commits) * 1000,
                p99_ms=percentile(commits, 0.99) * 1000,
                measured=f"slowest {slowest:.2f} s",
                target=f"every commit < {SIGNING_COMMIT_S:.0f} s"
                + ("" if postgres else " (on PostgreSQL)"),
                verdict=verdict(slowest < SIGNING_COMMIT_S) if postgres else INFO,
            )
        )
        self.reports_row = Row(
            f"{SIGNINGS} parallel signings: all reports stored",
            measured=f"{stored} in {all_stored_s:.1f} s",
        )
        self.reports_stored = stored
        self.rows.append(self.reports_row)
        self.rows.append(
            Row(
                f"{SIGNINGS} parallel signings: chain verifies",
                measured=f"{check.checked} checked, {len(check.failures)} failed",
                target=f"{SIGNINGS} records, chain unbroken",
                verdict=verdict(
                    signed == SIGNINGS and check.checked == SIGNINGS and not check.failures
                ),
            )
        )

    # ---------------------------------------------------------------- in-process

    def renders(self) -> None:
        """A fresh render + sign of the stored report, and the report target, like with
        like: one download of the stored report against one render, median against median,
        both in this process with the server stopped (bench_report). The download's wrk
        figures (16 connections) stay in its row as for every page; they mostly measure the
        wait for a worker, which a render's time does not include, so they are not compared.
        """
        times = bench_report.render_seconds(self.record)
        render_s = median(times)
        self.rows.append(bench_report.render_row(times))
        client = self.client_for(self.small_member)
        downloads = bench_report.download_seconds(
            client, f"/records/{self.record.public_id}/report.pdf"
        )
        download_s = median(downloads)
        speed_up = render_s / download_s
        under_load = self.http_results.get("stored report download")
        self.figures["report_download"] = {
            "download_median_ms": download_s * 1000,
            "download_p99_ms": percentile(downloads, 0.99) * 1000,
            "downloads": len(downloads),
            "render_median_ms": render_s * 1000,
            "speed_up": speed_up,
            # Throughput, for whoever wants it: downloads under wrk's connections against
            # renders on every core at once (a render keeps one core busy).
            "wrk_download_rps": under_load.rps if under_load else None,
            "renders_per_s_on_all_cores": CORES / render_s,
        }
        row = next((row for row in self.rows if row.name == "stored report download"), None)
        if row is None:  # no wrk run (--only): the in-process figures alone
            row = Row(
                "stored report download",
                rps=1 / download_s,
                p50_ms=download_s * 1000,
                p99_ms=percentile(downloads, 0.99) * 1000,
            )
            self.rows.append(row)
        row.measured = f"{speed_up:,.0f}×: {download_s * 1000:.1f} vs {render_s * 1000:.0f} ms"
        row.target = f"≥ {bench_report.MIN_SPEED_UP:.0f}×: one download vs one render"
        if row.verdict != FAIL:
            row.verdict = verdict(speed_up >= bench_report.MIN_SPEED_UP)
        if hasattr(self, "reports_row"):
            allowed = REPORTS_FACTOR * SIGNINGS * render_s / CORES
            seconds = self.figures["signing_reports_s"]
            self.reports_row.p50_ms = None
            self.reports_row.target = (
                f"≤ {REPORTS_FACTOR} × {SIGNINGS} × render ÷ {CORES} = {allowed:.1f} s"
            )
            self.reports_row.verdict = verdict(
                self.reports_stored == SIGNINGS and seconds <= allowed
            )

    def wizard_queries(self) -> None:
        """Queries of a wizard GET and POST, and again with 50 more questions."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from questionnaire.models import Question

        client = self.client_for(self.wizard_user)
        path = f"/drafts/{self.draft_id}/{WIZARD_STEP}/"

        statements: dict[str, list[str]] = {}

        def count(request: Callable[[], Any], name: str) -> int:
            with CaptureQueriesContext(connection) as captured:
                response = request()
            if response.status_code not in (200, 302):
                raise RuntimeError(f"{path} answered {response.status_code}")
            statements[name] = [query["sql"][:300] for query in captured.captured_queries]
            return len(captured)

        # A POST that changes an answer writes the draft; one that saves it again may not.
        changed_field = f"{WIZARD_STEP}-period1_hours"
        bodies = [dict(self.step_body), {**self.step_body, changed_field: "2,001"}]

        def measure() -> tuple[int, int, int]:
            get = count(lambda: client.get(path, secure=True), "get")
            same = count(lambda: client.post(path, bodies[0], secure=True), "post saved again")
            changed = count(lambda: client.post(path, bodies[1], secure=True), "post changed")
            bodies.reverse()  # the next change goes back
            return get, same, changed

        measure()  # the draft's stored data settles
        before = measure()
        Question.objects.bulk_create(
            Question(
                key=f"bench.extra_{index}",
                step=WIZARD_STEP,
                position=900 + index,
                label=f"Extra question {index}",
                help_text="Asked by no form.",
                choice_labels={"a": "A", "b": "B"},
            )
            for index in range(EXTRA_QUESTIONS)
        )
        try:
            # The wording changed: the process reads it afresh once (a query more, within
            # the bound), then serves it from its copy again. Counted after that.
            first = measure()
            after = measure()
        finally:
            Question.objects.filter(key__startswith="bench.extra_").delete()
        self.figures["wizard_queries"] = {
            "before": before,
            "first_after_more_questions": first,
            "with_more_questions": after,
            "statements": statements,
        }
        kinds = ("GET", "POST (saved again)", "POST (an answer changed)")
        for index, kind in enumerate(kinds):
            most = max(before[index], first[index], after[index])
            self.rows.append(
                Row(
                    f"wizard {kind} queries",
                    # Before; with the extra questions; the first request after adding them.
                    measured=f"{before[index]}; {after[index]} with +{EXTRA_QUESTIONS} (first: {first[index]})",
                    target=f"≤ {MAX_QUERIES}, whatever the questions",
                    verdict=verdict(most <= MAX_QUERIES and before[index] == after[index]),
                )
            )

    def page_queries(self) -> None:
        """Queries of the dashboard with 10 and 1,000 records and of a record page (no
        target: for whoever works on the pages)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        small = self.client_for(self.small_member)
        large = self.client_for(self.large_member)
        counts = []
        for client, path in (
            (small, "/"),
            (large, "/"),
            (small, f"/records/{self.record.public_id}/"),
        ):
            client.get(path, secure=True)
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path, secure=True).status_code
            counts.append(f"{len(captured)}" + ("" if status == 200 else f" ({status})"))
        self.rows.append(
            Row(
                "page queries: dashboard 10 / 1,000; record",
                measured=" / ".join(counts[:2]) + f"; {counts[2]}",
            )
        )

    def client_for(self, user: User, *, second_factor: bool = False) -> Client:
        from django.test import Client

        client = Client(HTTP_HOST=HOST)
        client.force_login(user, backend="questionnaire.accounts.backends.ModelBackend")
        if second_factor:
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.create(
                user=user, name="bench", confirmed=True, key=secrets.token_hex(20)
            )
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    def profile(self) -> None:
        """pyinstrument profiles of 100 wizard GETs and POSTs, in the results folder."""
        try:
            # Not a requirement of the project: installed by hand for profiling.
            profiler_class = importlib.import_module("pyinstrument").Profiler
        except ImportError:
            print("   --profile needs pyinstrument: .venv/bin/pip install pyinstrument")
            return
        client = self.client_for(self.wizard_user)
        path = f"/drafts/{self.draft_id}/{WIZARD_STEP}/"
        requests: list[tuple[str, Callable[[], Any]]] = [
            ("get", lambda: client.get(path, secure=True)),
            ("post", lambda: client.post(path, self.step_body, secure=True)),
        ]
        for kind, request in requests:
            request()
            profiler = profiler_class(interval=0.0005)
            profiler.start()
            for _ in range(100):
                request()
            profiler.stop()
            text = profiler.output_text(unicode=True, color=False, show_all=False)
            (self.results / f"profile-wizard-{kind}.txt").write_text(text, encoding="utf-8")
            (self.results / f"profile-wizard-{kind}.html").write_text(
                profiler.output_html(), encoding="utf-8"
            )
            # The same requests under cProfile: call counts and times per function.
            stats = io.StringIO()
            calls = cProfile.Profile()
            calls.enable()
            for _ in range(100):
                request()
            calls.disable()
            pstats.Stats(calls, stream=stats).sort_stats("cumulative").print_stats(80)
            (self.results / f"profile-wizard-{kind}-cprofile.txt").write_text(
                stats.getvalue(), encoding="utf-8"
            )
        print(f"   profiles: {self.results.relative_to(ROOT)}/profile-wizard-*.txt")

    # ---------------------------------------------------------------- the whole run

    def run(self) -> None:
        from django.db import connection

        self.vendor = connection.vendor
        groups = set(self.options.only.split(",")) if self.options.only else None

        def wanted(group: str) -> bool:
            return groups is None or group in groups

        print(f"== {self.vendor}: preparing", flush=True)
        self.prepare()
        if wanted("http") or wanted("setup") or wanted("signing"):
            self.server_start()
            try:
                if wanted("http") or wanted("setup"):
                    self.http_setup()
                if wanted("http"):
                    print(
                        f"== {self.vendor}: wrk, {self.options.connections} connections", flush=True
                    )
                    self.http_measure()
                if wanted("signing"):
                    print(f"== {self.vendor}: {SIGNINGS} parallel signings", flush=True)
                    self.signings()
            finally:
                self.server_stop()
                log = self.results / "gunicorn.log"
                errors = [line for line in tail(log, 2000).splitlines() if "Traceback" in line]
                if errors:
                    print(f"   the server logged {len(errors)} tracebacks: see {log}")
        print(f"== {self.vendor}: in-process", flush=True)
        if not hasattr(self, "http_results"):
            self.http_results = {}
        self.renders()
        self.rows.append(bench_verify_records.row(self.verify_org))
        # In a process of its own (bench/bench_assess.py says why).
        assessed = subprocess.run(
            [PYTHON, "-m", "bench.bench_assess"],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        self.rows.extend(Row(**row) for row in json.loads(assessed.stdout.splitlines()[-1]))
        admin_client = self.client_for(self.admin, second_factor=True)
        self.rows.extend(
            bench_reassess.rows(
                organisation=self.reassess_org, admin=self.admin, client=admin_client
            )
        )
        if hasattr(self, "draft_id"):
            self.wizard_queries()
            self.page_queries()
            if self.options.profile:
                self.profile()


def wizard_step_pattern(draft: str) -> Any:
    import re

    return re.compile(rf"^/drafts/{draft}/[\w-]+/$")


def settings_path(name: str) -> Path:
    from django.conf import settings

    return Path(getattr(settings, name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "").strip(),
        help="a PostgreSQL server (postgres://user:password@host:port/any) on which a "
        "throwaway database is created and dropped; SQLite when not given",
    )
    parser.add_argument(
        "--duration",
        type=int,
        default=10,
        help=f"seconds of wrk per URL, in {ROUNDS} rounds that take turns between the URLs",
    )
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per URL")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--max-requests", type=int, default=0, help="gunicorn's max_requests")
    parser.add_argument(
        "--only",
        help="comma-separated: http, signing, setup (the drafts that the in-process wizard "
        "queries and profiles need, without wrk); the in-process measurements always run",
    )
    parser.add_argument("--profile", action="store_true", help="profile a wizard GET and POST")
    options = parser.parse_args()
    try:
        wrk_binary()
    except WrkMissing as error:
        print(error, file=sys.stderr)
        return 2
    server_url = options.database_url
    postgres = urlsplit(server_url).scheme.startswith("postgres")
    if server_url and not postgres:
        print(f"--database-url must name a PostgreSQL server, not {server_url!r}", file=sys.stderr)
        return 2
    database = "postgresql" if postgres else "sqlite"
    results = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-{database}"
    results.mkdir(parents=True)
    folder = Path(tempfile.mkdtemp(prefix="gpai-bench-"))
    pg_name = ""
    load_before = load_average()
    print(f"load before: {load_before}", flush=True)
    run = Run(options, folder, results)
    try:
        if postgres:
            database_url, pg_name = postgres_database(server_url)
        else:
            database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
        run.configure(database_url)
        run.run()
    finally:
        run.server_stop()
        from django.db import connections

        connections.close_all()
        if pg_name:
            postgres_drop(server_url, pg_name)
        shutil.rmtree(folder, ignore_errors=True)
    load_after = load_average()
    text = table(run.rows)
    print(f"\nBenchmarks on {database}, gunicorn {GUNICORN_CONF.relative_to(ROOT)}, wrk ", end="")
    print(f"{options.connections} connections × {options.duration} s per URL")
    print(text)
    print(f"load before: {load_before}\nload after:  {load_after}")
    document = {
        "database": database,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "load_before": load_before,
        "load_after": load_after,
        "options": vars(options) | {"database_url": bool(server_url)},
        "rows": [asdict(row) for row in run.rows],
        "figures": run.figures,
    }
    (results / "bench.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    (results / "table.txt").write_text(text + "\n", encoding="utf-8")
    print(f"results: {results.relative_to(ROOT)}/bench.json")
    failed = [row.name for row in run.rows if row.verdict == FAIL]
    if failed:
        print(f"{len(failed)} target(s) missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
