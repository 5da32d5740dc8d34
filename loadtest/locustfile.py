"""Locust: people who sign in (password, then their authenticator's code when the app asks),
start an assessment, answer every step of the wizard (pressing "Save and exit" once and
resuming), finish, attest and sign it, then download its PDF report and its JSON export.

Started by loadtest/run.py, which seeds the accounts and passes them in LOADTEST_USERS_FILE
(a JSON list of {"username", "password", "totp_key"}); each simulated person takes its own
account. LOADTEST_THINK is the longest pause, in seconds, between two requests of a person
(uniform from 0; default 0.5). The report is made after the record commits: its address
answers 202 until then, and is asked again for up to LOADTEST_REPORT_WAIT seconds (60); no
report by then is an error. When locust quits, every kind of request's count, failures,
throughput, median and 99th percentile, and the errors, are written to LOADTEST_SUMMARY_FILE
(JSON) for run.py to print.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
import warnings
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from locust import HttpUser, constant, events, task
from locust.exception import StopUser

from loadtest.journeys import ATTESTATION, JOURNEYS, SAVE_AND_EXIT_AT, Fields
from loadtest.otp import totp

# The loopback certificate is a throwaway, self-signed one: no warning for each request.
warnings.filterwarnings("ignore", message="Unverified HTTPS request")

ACCOUNTS: list[dict[str, Any]] = json.loads(
    Path(os.environ["LOADTEST_USERS_FILE"]).read_text(encoding="utf-8")
)
_next_account = itertools.count()
THINK = float(os.environ.get("LOADTEST_THINK", "0.5"))
REPORT_WAIT = float(os.environ.get("LOADTEST_REPORT_WAIT", "60"))

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The organisation to start in: a choice, or a hidden field when there is only one.
ORGANISATION = re.compile(r'<option value="(\d+)"|name="organisation" value="(\d+)"')
DRAFT_STEP = re.compile(r"^/drafts/(?P<id>[0-9a-f-]{36})/(?P<step>[\w-]+)/$")
ASSESSMENT = re.compile(r"^/assessments/(?P<id>[0-9a-f-]{36})/$")
RECORD = re.compile(r"^/records/(?P<id>[0-9a-f-]{36})/$")
VERIFY_PATH = "/accounts/two-factor/verify/"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


# Request names in the order they were first used: the journey's order, for the summary.
NAMES: dict[str, None] = {}


class JourneyFailed(Exception):
    """A page was not the one a person would have seen: the journey stops here. ``reported``
    when a failed request already says so; otherwise the journey itself is reported."""

    def __init__(self, message: str, *, reported: bool = False) -> None:
        super().__init__(message)
        self.reported = reported


class Attester(HttpUser):
    # The pauses are inside the journey (see think()); a new journey starts at once.
    wait_time = constant(0)

    def on_start(self) -> None:
        index = next(_next_account)
        if index >= len(ACCOUNTS):
            raise StopUser(f"more simulated people than seeded accounts ({len(ACCOUNTS)})")
        self.account = ACCOUNTS[index]
        self.client.verify = False
        # What a browser sends with each form: the CSRF check of an HTTPS site reads them.
        self.client.headers["Origin"] = str(self.host)
        self.client.headers["Referer"] = f"{self.host}/"
        self.journeys = itertools.cycle(sorted(JOURNEYS))
        for _ in range(index % len(JOURNEYS)):
            next(self.journeys)
        try:
            self.sign_in()
        except JourneyFailed as error:
            self.report_unreported(error)
            raise StopUser("could not sign in") from None

    # ---------------------------------------------------------------- requests

    def think(self) -> None:
        if THINK > 0:
            time.sleep(random.uniform(0, THINK))  # noqa: S311 (timing, not security)

    def page(
        self, method: str, path: str, name: str, expect: re.Pattern[str] | str, **kw: Any
    ) -> Any:
        """One request (redirects followed, as a browser does), failed unless it ends with a
        200 on a path matching ``expect``; the final response."""
        self.think()
        NAMES.setdefault(name)
        with self.client.request(method, path, name=name, catch_response=True, **kw) as response:
            final = urlsplit(response.url).path
            matched = expect.match(final) if isinstance(expect, re.Pattern) else final == expect
            if response.status_code != 200 or not matched:
                # Without ids, so that the same failure of many journeys is counted as one.
                where = UUID.sub("[id]", final)
                message = f"answered {response.status_code}, ending at {where}"
                response.failure(message)
                raise JourneyFailed(message, reported=True)
            response.success()
            return response

    def csrf(self, response: Any) -> str:
        match = CSRF.search(response.text)
        if not match:
            raise JourneyFailed(f"no CSRF token on {UUID.sub('[id]', response.url)}")
        return match[1]

    # ---------------------------------------------------------------- signing in

    def sign_in(self) -> None:
        login = self.page("GET", "/accounts/login/", "sign in: page", "/accounts/login/")
        # A person with a second factor lands on the verify page; otherwise on the dashboard.
        landed = self.page(
            "POST",
            "/accounts/login/",
            "sign in: password",
            re.compile(rf"^(/|{VERIFY_PATH})$"),
            data={
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": self.csrf(login),
            },
        )
        if urlsplit(landed.url).path == VERIFY_PATH:
            if not self.account.get("totp_key"):
                raise JourneyFailed("the app asks for a second factor the seed did not make")
            self.page(
                "POST",
                landed.url,
                "sign in: authenticator code",
                "/",
                data={
                    "otp_token": totp(self.account["totp_key"]),
                    "csrfmiddlewaretoken": self.csrf(landed),
                },
            )

    # ---------------------------------------------------------------- the journey

    @task
    def assess_sign_and_download(self) -> None:
        try:
            self.journey(JOURNEYS[next(self.journeys)])
        except JourneyFailed as error:
            # The next journey starts afresh.
            self.report_unreported(error)

    def report_unreported(self, error: JourneyFailed) -> None:
        """Count a failure once: as its failed request, or else as a failed journey."""
        if not error.reported:
            self.environment.events.request.fire(
                request_type="JOURNEY",
                name="journey",
                response_time=0,
                response_length=0,
                exception=error,
                context={},
            )

    def journey(self, steps: list[tuple[str, Fields]]) -> None:
        self.page("GET", "/", "dashboard", "/")
        new = self.page("GET", "/assessments/new/", "new assessment: page", "/assessments/new/")
        organisation = ORGANISATION.search(new.text)
        if not organisation:
            raise JourneyFailed("no organisation to choose on /assessments/new/")
        organisation_id = organisation[1] or organisation[2]
        page = self.page(
            "POST",
            "/assessments/new/",
            "new assessment: start draft",
            DRAFT_STEP,
            data={"organisation": organisation_id, "csrfmiddlewaretoken": self.csrf(new)},
        )
        draft_id = DRAFT_STEP.match(urlsplit(page.url).path)["id"]  # type: ignore[index]
        for step, fields in steps:
            if step == SAVE_AND_EXIT_AT:
                self.post_step(page, draft_id, step, fields, "wizard: save and exit", "/", True)
                page = self.page(
                    "GET",
                    f"/drafts/{draft_id}/",
                    "wizard: resume draft",
                    f"/drafts/{draft_id}/{step}/",
                )
            page = self.post_step(page, draft_id, step, fields, f"wizard: {step}", DRAFT_STEP)
        # Finish from the review: the result page, with the attestation form.
        result = self.post_step(page, draft_id, "review", {}, "wizard: finish", ASSESSMENT)
        assessment_id = ASSESSMENT.match(urlsplit(result.url).path)["id"]  # type: ignore[index]
        record_page = self.page(
            "POST",
            f"/assessments/{assessment_id}/attest/",
            "attest and sign",
            RECORD,
            data={**ATTESTATION, "csrfmiddlewaretoken": self.csrf(result)},
        )
        signed_at = time.perf_counter()
        record_id = RECORD.match(urlsplit(record_page.url).path)["id"]  # type: ignore[index]
        self.download_report(record_id, signed_at)
        export = self.page(
            "GET", f"/records/{record_id}.json", "record.json", f"/records/{record_id}.json"
        )
        if export.json().get("record_id") != record_id:
            raise JourneyFailed("record.json names another record")

    def post_step(
        self,
        page: Any,
        draft_id: str,
        step: str,
        fields: Fields,
        name: str,
        expect: re.Pattern[str] | str,
        save_and_exit: bool = False,
    ) -> Any:
        data: dict[str, Any] = {f"{step}-{field}": value for field, value in fields.items()}
        data[f"draft_{draft_id.replace('-', '')}-current_step"] = step
        data["csrfmiddlewaretoken"] = self.csrf(page)
        if save_and_exit:
            data["wizard_save_exit"] = "1"
        response = self.page("POST", f"/drafts/{draft_id}/{step}/", name, expect, data=data)
        landed = DRAFT_STEP.match(urlsplit(response.url).path)
        if landed and landed["step"] == step:
            # The wizard sent the person back to the same step: an answer was refused.
            raise JourneyFailed(f"step {step} was not accepted")
        return response

    def download_report(self, record_id: str, signed_at: float) -> None:
        """The PDF, asked again while it is being prepared (202), for REPORT_WAIT seconds.
        The wait from the signature to the PDF is reported as "report ready after signing"."""
        path = f"/records/{record_id}/report.pdf"
        NAMES.setdefault("report.pdf")
        NAMES.setdefault("report ready after signing")
        while True:
            with self.client.get(
                path, name="report.pdf", catch_response=True, allow_redirects=False
            ) as response:
                ready = (
                    response.status_code == 200
                    and response.headers.get("Content-Type") == "application/pdf"
                    and response.content.startswith(b"%PDF-")
                )
                waiting = response.status_code == 202 or response.is_redirect
                if ready or waiting:
                    response.success()
                else:
                    response.failure(f"report.pdf answered {response.status_code}")
                    raise JourneyFailed(f"report: {response.status_code}", reported=True)
            elapsed = time.perf_counter() - signed_at
            if ready or elapsed > REPORT_WAIT:
                break
            time.sleep(min(float(response.headers.get("Retry-After") or 1), 0.5))
        self.environment.events.request.fire(
            request_type="WAIT",
            name="report ready after signing",
            response_time=elapsed * 1000,
            response_length=0,
            exception=None if ready else JourneyFailed(f"no report after {REPORT_WAIT:g} s"),
            context={},
        )
        if not ready:
            raise JourneyFailed(f"no report after {REPORT_WAIT:g} s", reported=True)


def write_summary(environment: Any, **_: Any) -> None:
    path = os.environ.get("LOADTEST_SUMMARY_FILE")
    if not path:
        return
    stats = environment.stats

    def entry(stat: Any) -> dict[str, Any]:
        return {
            "type": stat.method,
            "name": stat.name,
            "count": stat.num_requests,
            "failures": stat.num_failures,
            "rps": stat.total_rps,
            "p50": stat.get_response_time_percentile(0.5),
            "p99": stat.get_response_time_percentile(0.99),
            "max": stat.max_response_time,
        }

    order = list(NAMES)
    entries = sorted(
        stats.entries.values(),
        key=lambda stat: order.index(stat.name) if stat.name in order else len(order),
    )
    summary = {
        "entries": [entry(stat) for stat in entries],
        "total": entry(stats.total),
        "errors": [error.to_dict() for error in stats.errors.values()],
    }
    Path(path).write_text(json.dumps(summary, indent=2), encoding="utf-8")


# Through Any: locust's EventHook.add_listener is unannotated.
cast(Any, events.quitting).add_listener(write_summary)
