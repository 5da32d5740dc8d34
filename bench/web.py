"""A small browser for the benchmark: signs in and walks the wizard over HTTP against the
gunicorn under test, as nginx would hand requests to it (``X-Forwarded-Proto: https`` and
``X-Forwarded-For`` from loopback, which deploy/gunicorn.conf.py trusts from the proxy's
address), keeping its cookies by hand (they are ``Secure``, which a cookie jar would not
send over the plain loopback connection). Redirects are not followed: each answer is
checked where it leads.
"""

from __future__ import annotations

import http.client
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from loadtest.journeys import Fields
from loadtest.otp import totp

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The organisation to start in: a choice, or a hidden field when there is only one.
ORGANISATION = re.compile(r'<option value="(\d+)"|name="organisation" value="(\d+)"')
DRAFT = re.compile(r"^/drafts/(?P<id>[0-9a-f-]{36})/(?:(?P<step>[\w-]+)/)?$")
ASSESSMENT = re.compile(r"^/assessments/(?P<id>[0-9a-f-]{36})/$")
RECORD = re.compile(r"^/records/(?P<id>[0-9a-f-]{36})/$")
VERIFY_PATH = "/accounts/two-factor/verify/"


class Refused(Exception):
    """The app did not answer as a person walking through it would expect."""


@dataclass
class Answer:
    status: int
    location: str
    body: str

    @property
    def path(self) -> str:
        """Where a redirect leads (its path), or "" for an answer that is not one."""
        return urlsplit(self.location).path if self.location else ""


class Browser:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.site = f"https://{host}:{port}"
        self.cookies: dict[str, str] = {}

    # ---------------------------------------------------------------- requests

    def headers(self) -> dict[str, str]:
        """What nginx adds to every request (deploy/nginx.conf), and the cookies."""
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.host,
            "User-Agent": "gpai-bench",
        }
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        return headers

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, data: Mapping[str, object] | None = None) -> Answer:
        headers = self.headers()
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # What a browser sends with a form: the CSRF check of an HTTPS site reads it.
            headers["Origin"] = self.site
            headers["Referer"] = f"{self.site}{path}"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self._keep(cookie)
            return Answer(
                response.status,
                response.headers.get("Location", ""),
                content.decode("utf-8", errors="replace"),
            )
        finally:
            connection.close()

    def _keep(self, cookie: str) -> None:
        name, _, rest = cookie.partition("=")
        value = rest.split(";", 1)[0]
        attributes = rest.lower()
        if not value.strip('"') or "max-age=0" in attributes:
            self.cookies.pop(name.strip(), None)
        else:
            self.cookies[name.strip()] = value

    def get(self, path: str, *, expect: int = 200) -> Answer:
        answer = self.request("GET", path)
        if answer.status != expect:
            raise Refused(f"GET {path} answered {answer.status} ({answer.location}), not {expect}")
        return answer

    def post(self, path: str, data: Mapping[str, object], *, to: re.Pattern[str] | str) -> Answer:
        """POST a form; it must redirect to a path matching ``to``."""
        answer = self.request("POST", path, data)
        where = answer.path
        matched = to.match(where) if isinstance(to, re.Pattern) else where == to
        if answer.status != 302 or not matched:
            raise Refused(f"POST {path} answered {answer.status} to {where!r}, not {to}")
        return answer

    @staticmethod
    def csrf(answer: Answer) -> str:
        match = CSRF.search(answer.body)
        if not match:
            raise Refused("no CSRF token on the page")
        return match[1]

    # ---------------------------------------------------------------- journeys

    def sign_in(self, username: str, password: str, totp_key: str | None = None) -> None:
        page = self.get("/accounts/login/")
        landed = self.post(
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf(page)},
            to=re.compile(rf"^(/|{VERIFY_PATH})$"),
        )
        if landed.path == VERIFY_PATH:
            if not totp_key:
                raise Refused(f"{username} is asked for a second factor it does not have")
            verify = self.get(VERIFY_PATH)
            self.post(
                VERIFY_PATH,
                {"otp_token": totp(totp_key), "csrfmiddlewaretoken": self.csrf(verify)},
                to="/",
            )

    def draft_start(self) -> str:
        """A new draft in the person's (only) organisation; its id."""
        page = self.get("/assessments/new/")
        organisation = ORGANISATION.search(page.body)
        if not organisation:
            raise Refused("no organisation to choose on /assessments/new/")
        started = self.post(
            "/assessments/new/",
            {
                "organisation": organisation[1] or organisation[2],
                "csrfmiddlewaretoken": self.csrf(page),
            },
            to=DRAFT,
        )
        return DRAFT.match(started.path)["id"]  # type: ignore[index]

    @staticmethod
    def step_data(draft_id: str, step: str, fields: Fields, token: str) -> dict[str, object]:
        """A step's POST body: prefixed fields, the draft's management field, the token."""
        data: dict[str, object] = {f"{step}-{name}": value for name, value in fields.items()}
        data[f"draft_{draft_id.replace('-', '')}-current_step"] = step
        data["csrfmiddlewaretoken"] = token
        return data

    def step_post(self, draft_id: str, step: str, fields: Fields) -> Answer:
        """Answer a step from its page; it must lead on to another step (or the result)."""
        page = self.get(f"/drafts/{draft_id}/{step}/")
        answer = self.post(
            f"/drafts/{draft_id}/{step}/",
            self.step_data(draft_id, step, fields, self.csrf(page)),
            to=re.compile(rf"^/drafts/{draft_id}/[\w-]+/$|^/assessments/"),
        )
        if answer.path == f"/drafts/{draft_id}/{step}/":
            raise Refused(f"step {step} was not accepted")
        return answer

    def walk(self, draft_id: str, steps: Sequence[tuple[str, Fields]]) -> None:
        """Answer every step; the draft then waits on its review."""
        for step, fields in steps:
            self.step_post(draft_id, step, fields)
        self.get(f"/drafts/{draft_id}/review/")

    def finish(self, draft_id: str) -> str:
        """Finish from the review; the new assessment's id."""
        answer = self.step_post(draft_id, "review", {})
        match = ASSESSMENT.match(answer.path)
        if not match:
            raise Refused(f"finishing led to {answer.path!r}")
        return match["id"]
