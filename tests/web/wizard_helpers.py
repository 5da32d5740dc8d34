"""Drive the assessment wizard through the Django test client, the way a browser does.

    wizard = WizardDriver(client).start(organisation)
    wizard.answer("model", {"model_name": "Example-7B", "role": "developer"})
    ...
    assessment = wizard.complete()

Field dicts are unprefixed (``{"placement": "placed"}``); the driver adds the step prefix
and the draft's management field. A value that is a list is posted as several values
(``generates``); ``None`` leaves the field out, as an untouched input would be.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.test import Client

from questionnaire.models import Assessment, Draft, Organisation

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

DRAFT_URL = re.compile(r"^/drafts/(?P<id>[0-9a-f-]{36})/(?:(?P<step>[\w-]+)/)?$")
ASSESSMENT_URL = re.compile(r"^/assessments/(?P<id>[0-9a-f-]{36})/$")

Fields = Mapping[str, Any]


def step_of_location(location: str) -> str | None:
    match = DRAFT_URL.match(location)
    return match["step"] if match else None


class WizardDriver:
    def __init__(self, client: Client, draft_id: uuid.UUID | str | None = None) -> None:
        self.client = client
        self._draft_id = uuid.UUID(str(draft_id)) if draft_id else None
        self.steps_posted: list[str] = []
        self.last_response: Response | None = None

    # ---------------------------------------------------------------- addresses

    @property
    def draft_id(self) -> uuid.UUID:
        assert self._draft_id is not None, "start() the draft first"
        return self._draft_id

    @property
    def prefix(self) -> str:
        """The management-form prefix of this draft."""
        return f"draft_{self.draft_id.hex}"

    @property
    def url(self) -> str:
        return f"/drafts/{self.draft_id}/"

    def step_url(self, step: str) -> str:
        return f"{self.url}{step}/"

    @property
    def draft(self) -> Draft:
        return Draft.objects.get(public_id=self.draft_id)

    # ---------------------------------------------------------------- starting

    def start(self, organisation: Organisation) -> WizardDriver:
        """New assessment for ``organisation``: the draft's address leads to its first step."""
        response = self.client.post("/assessments/new/", {"organisation": organisation.pk})
        assert response.status_code == 302, response
        match = DRAFT_URL.match(response["Location"])
        assert match, response["Location"]
        self._draft_id = uuid.UUID(match["id"])
        assert self.current_step() == "model"
        return self

    def current_step(self) -> str | None:
        """Where the draft's own address (the dashboard's Resume link) leads."""
        response = self.client.get(self.url)
        assert response.status_code == 302, response
        return step_of_location(response["Location"])

    # ---------------------------------------------------------------- requests

    def data(
        self,
        step: str,
        fields: Fields | None = None,
        *,
        management: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """The POST body for ``step``: prefixed fields, the management field, buttons."""
        body: dict[str, Any] = {f"{management or self.prefix}-current_step": step}
        for name, value in (fields or {}).items():
            if value is None:
                continue
            body[f"{step}-{name}"] = list(value) if isinstance(value, list | tuple) else value
        body.update(extra)
        return body

    def post(
        self,
        step: str,
        fields: Fields | None = None,
        *,
        url_step: str | None = None,
        management: str | None = None,
        **buttons: Any,
    ) -> Response:
        """POST ``step`` (to its own URL unless ``url_step``); the response, not followed."""
        response = self.client.post(
            self.step_url(url_step or step),
            self.data(step, fields, management=management, **buttons),
        )
        self.last_response = response
        return response

    def get(self, step: str) -> Response:
        response = self.client.get(self.step_url(step))
        self.last_response = response
        return response

    def page(self, step: str) -> str:
        """The step's page, as a browser shows it after a redirect to it."""
        response = self.get(step)
        assert response.status_code == 200, (step, response.status_code, response.get("Location"))
        return response.content.decode()

    def answer(self, step: str, fields: Fields | None = None) -> str | None:
        """Submit a valid step; return the next step the wizard redirects to (``None`` when
        it leaves the draft, as completing does)."""
        response = self.post(step, fields)
        assert response.status_code == 302, (step, response.status_code)
        next_step = step_of_location(response["Location"])
        if next_step == step:
            errors = self.errors_on(step)
            raise AssertionError(f"step {step!r} was not accepted: {errors}")
        self.steps_posted.append(step)
        return next_step

    def walk(self, answers: Iterable[tuple[str, Fields]]) -> list[str]:
        """Answer the steps in order, checking that each is the one the wizard asked for
        next. Returns the steps the wizard led through, ending with ``review``."""
        shown: list[str] = []
        expected = self.current_step()
        for step, fields in answers:
            assert step == expected, f"the wizard asked for {expected!r}, not {step!r}"
            assert self.get(step).status_code == 200
            shown.append(step)
            expected = self.answer(step, fields)
        assert expected == "review", f"the wizard went on to {expected!r} instead of the review"
        assert self.get("review").status_code == 200
        shown.append("review")
        return shown

    def complete(self) -> Assessment:
        """Finish from the review step; the new assessment."""
        response = self.post("review")
        assert response.status_code == 302, response.status_code
        match = ASSESSMENT_URL.match(response["Location"])
        if not match:
            raise AssertionError(
                f"finishing led to {response['Location']!r}, not a result: "
                f"{self.messages_after(response)}"
            )
        self.steps_posted.append("review")
        return Assessment.objects.get(public_id=match["id"])

    def run(self, answers: Iterable[tuple[str, Fields]]) -> tuple[Assessment, list[str]]:
        """Start-to-finish: walk the steps, complete; the assessment and the steps shown."""
        shown = self.walk(answers)
        return self.complete(), shown

    # ---------------------------------------------------------------- reading pages

    def errors_on(self, step: str) -> list[str]:
        html = self.client.get(self.step_url(step)).content.decode()
        return re.findall(r'<ul class="field__errors"[^>]*>(.*?)</ul>', html, re.S)

    def messages_after(self, response: Response) -> str:
        follow = self.client.get(response["Location"])
        return " | ".join(re.findall(r'<p class="message[^"]*">(.*?)</p>', follow.content.decode()))


def yes_no(value: bool) -> str:
    return "yes" if value else "no"
