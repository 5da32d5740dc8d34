"""Drafts: kept in the database, resumed where the user left, never mixed between tabs, and
never losing what was typed, valid or not. Bad requests are answered, never crashed on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from questionnaire.models import Assessment, Draft, Question
from questionnaire.wizard.forms import STEP_FORMS
from tests.people import PASSWORD
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

Fields = dict[str, Any]

MODEL: Fields = {"model_name": "Example-70B", "role": "developer"}
MARKET: Fields = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
CAPABILITIES: Fields = {"generates": ["text", "image"], "generality": "wide"}
COMPUTE: Fields = {
    "method": "architecture",
    "parameters": "70B",
    "training_tokens": "15T",
    "check_method": "none",
}
RELEASE: Fields = {"released_openly": "no"}
REACH: Fields = {"high_impact_capabilities": "no", "commission_designated": "no"}


def developer_until(wizard: WizardDriver, last_step: str) -> None:
    """Answer the developer's steps up to and including ``last_step``."""
    for step, fields in [
        ("model", MODEL),
        ("market", MARKET),
        ("capabilities", CAPABILITIES),
        ("compute", COMPUTE),
        ("release", RELEASE),
        ("reach", REACH),
    ]:
        wizard.answer(step, fields)
        if step == last_step:
            return


def sign_in(client: Client, username: str) -> None:
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "signing in failed"


def without_csrf_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def checked(html: str, name: str, value: str) -> bool:
    """Whether the radio or checkbox ``name`` = ``value`` is rendered ticked."""
    for tag in re.findall(r"<input\b[^>]*>", html):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return "checked" in tag
    raise AssertionError(f"no input {name}={value}")


@dataclass
class ErrorList:
    container: str | None
    messages: list[str] = field(default_factory=list)


class FieldMarkup(HTMLParser):
    """Where each error list, control and fieldset sits: the ``div.field`` around it, its id
    and its aria-describedby."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.divs: list[str | None] = []  # the id of each open div.field, None for other divs
        self.errors: dict[str, ErrorList] = {}
        self.controls: list[dict[str, str | None]] = []
        self._error_list: str | None = None
        self._in_item = False

    def container(self) -> str | None:
        return next((div for div in reversed(self.divs) if div), None)

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        classes = attributes.get("class", "").split()
        if tag == "div":
            self.divs.append(attributes.get("id") if "field" in classes else None)
        elif tag == "ul" and "field__errors" in classes:
            self._error_list = attributes.get("id", "")
            self.errors[self._error_list] = ErrorList(self.container())
        elif tag == "li" and self._error_list is not None:
            self._in_item = True
            self.errors[self._error_list].messages.append("")
        elif tag in ("input", "select", "textarea", "fieldset"):
            if attributes.get("type") in ("hidden", "submit"):
                return
            self.controls.append(
                {
                    "tag": tag,
                    "id": attributes.get("id"),
                    "container": self.container(),
                    "describedby": attributes.get("aria-describedby", ""),
                }
            )

    def handle_endtag(self, tag):
        if tag == "div" and self.divs:
            self.divs.pop()
        elif tag == "ul":
            self._error_list = None
        elif tag == "li":
            self._in_item = False

    def handle_data(self, data):
        if self._in_item and self._error_list is not None:
            self.errors[self._error_list].messages[-1] += data


def field_errors(html: str) -> dict[str, list[str]]:
    """``{auto id: [messages]}`` after checking that each error list sits in its field's
    container and is announced by the field's control through aria-describedby."""
    markup = FieldMarkup()
    markup.feed(html)
    found: dict[str, list[str]] = {}
    for error_id, error in markup.errors.items():
        assert error_id.endswith("_error"), error_id
        auto_id = error_id.removesuffix("_error")
        assert error.container == f"{auto_id}_field", f"{error_id} is not next to its field"
        described = [
            control
            for control in markup.controls
            if control["container"] == f"{auto_id}_field"
            and error_id in (control["describedby"] or "").split()
        ]
        assert described, f"no control of {auto_id} points at {error_id} with aria-describedby"
        found[auto_id] = [message.strip() for message in error.messages]
    return found


# --- Resuming -------------------------------------------------------------------------------


def test_a_draft_resumes_where_the_user_left_after_signing_out_and_in_again(owner, acme):
    client = Client()
    sign_in(client, "alice")
    wizard = WizardDriver(client).start(acme)
    developer_until(wizard, "market")
    assert wizard.current_step() == "capabilities"

    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(wizard.url)["Location"].startswith("/accounts/login/")
    sign_in(client, "alice")

    assert wizard.current_step() == "capabilities"
    market = wizard.page("market")
    assert checked(market, "market-placement", "placed")
    assert 'value="2026-03-01"' in market
    assert 'value="Example-70B"' in wizard.page("model")


def test_a_draft_resumes_where_the_user_left_after_the_session_is_lost(owner, acme):
    client = Client()
    client.force_login(owner)
    wizard = WizardDriver(client).start(acme)
    developer_until(wizard, "capabilities")

    client.session.flush()
    assert client.get(wizard.url)["Location"].startswith("/accounts/login/")
    client.force_login(owner)
    assert wizard.current_step() == "compute"

    elsewhere = Client()  # another browser, no cookies in common
    elsewhere.force_login(owner)
    resumed = WizardDriver(elsewhere, wizard.draft_id)
    assert resumed.current_step() == "compute"
    assert checked(resumed.page("capabilities"), "capabilities-generates", "image")
    developer_until_rest = [("compute", COMPUTE), ("release", RELEASE), ("reach", REACH)]
    for step, fields in developer_until_rest:
        resumed.answer(step, fields)
    assert resumed.complete().result["classification"] == "gpai"


def test_the_dashboard_resume_link_leads_to_the_step_where_the_user_left(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    developer_until(wizard, "compute")

    dashboard = owner_client.get("/").content.decode()

    assert f'href="/drafts/{wizard.draft_id}/"' in dashboard
    assert "Release and licence" in dashboard  # the step where the user left
    assert owner_client.get(wizard.url)["Location"] == wizard.step_url("release")


# --- The dashboard --------------------------------------------------------------------------


def research_only_assessment(client, organisation, name: str) -> Assessment:
    wizard = WizardDriver(client).start(organisation)
    wizard.answer("model", {"model_name": name, "role": "developer"})
    wizard.answer("market", {"placement": "research_only"})
    return wizard.complete()


def test_the_dashboard_lists_drafts_and_assessments_newest_first(owner_client, acme):
    research_only_assessment(owner_client, acme, "First finished model")
    research_only_assessment(owner_client, acme, "Second finished model")
    older = WizardDriver(owner_client).start(acme)
    older.answer("model", {"model_name": "Older draft model", "role": "developer"})
    newer = WizardDriver(owner_client).start(acme)
    newer.answer("model", {"model_name": "Newer draft model", "role": "modifier"})

    html = owner_client.get("/").content.decode()

    drafts = html[html.index("Drafts in progress") : html.index("Completed assessments")]
    done = html[html.index("Completed assessments") :]
    assert drafts.index("Newer draft model") < drafts.index("Older draft model")
    assert done.index("Second finished model") < done.index("First finished model")
    for wizard in (older, newer):
        assert f'href="/drafts/{wizard.draft_id}/"' in drafts
        assert f'href="/drafts/{wizard.draft_id}/delete/"' in drafts
    for assessment in Assessment.objects.all():
        assert f'href="/assessments/{assessment.public_id}/"' in done
    assert "First finished model" not in drafts


def test_a_draft_is_deleted_after_confirmation_and_leaves_the_dashboard(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "Throwaway model", "role": "developer"})
    delete_url = f"{wizard.url}delete/"

    confirm = owner_client.get(delete_url)

    assert confirm.status_code == 200
    assert "Throwaway model" in confirm.content.decode()
    assert Draft.objects.filter(public_id=wizard.draft_id).exists()

    response = owner_client.post(delete_url)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not Draft.objects.filter(public_id=wizard.draft_id).exists()
    dashboard = owner_client.get("/").content.decode()
    assert "Throwaway model" not in dashboard.split('id="drafts-heading"')[1]
    assert owner_client.get(wizard.url).status_code == 404


# --- Two tabs -------------------------------------------------------------------------------


def test_two_drafts_open_in_two_tabs_keep_their_own_answers(owner_client, acme):
    alpha = WizardDriver(owner_client).start(acme)
    beta = WizardDriver(owner_client).start(acme)

    alpha.answer("model", {"model_name": "Alpha", "role": "developer"})
    beta.answer("model", {"model_name": "Beta", "role": "modifier"})
    alpha.answer("market", MARKET)
    beta.answer("market", {"placement": "planned", "established_in_eu": "yes"})
    alpha.answer("capabilities", CAPABILITIES)
    beta.answer(
        "modification",
        {"original_flop_known": "known", "original_flop": "1e23", "original_systemic_risk": "no"},
    )

    assert alpha.current_step() == "compute"
    assert beta.current_step() == "compute"
    assert alpha.draft.model_name == "Alpha"
    assert beta.draft.model_name == "Beta"
    alpha_model, beta_model = alpha.page("model"), beta.page("model")
    assert 'value="Alpha"' in alpha_model and "Beta" not in alpha_model
    assert 'value="Beta"' in beta_model and "Alpha" not in beta_model
    assert checked(alpha.page("market"), "market-placement", "placed")
    assert checked(beta.page("market"), "market-placement", "planned")

    alpha.answer("compute", COMPUTE)
    beta.answer("compute", {"method": "direct", "flop": "5e22", "check_method": "none"})
    for step, fields in [("release", RELEASE), ("reach", REACH)]:
        beta.answer(step, fields)
        alpha.answer(step, fields)
    first, second = beta.complete(), alpha.complete()
    assert (first.model_name, first.answers["role"]) == ("Beta", "modifier")
    assert (second.model_name, second.answers["role"]) == ("Alpha", "developer")
    assert first.answers["placement"] == "planned"
    assert second.answers["placed_on"] == "2026-03-01"


def test_a_form_of_one_draft_posted_to_another_draft_is_refused_and_changes_nothing(
    owner_client, acme
):
    alpha = WizardDriver(owner_client).start(acme)
    beta = WizardDriver(owner_client).start(acme)
    alpha.answer("model", {"model_name": "Alpha", "role": "developer"})
    beta.answer("model", {"model_name": "Beta", "role": "modifier"})
    before = Draft.objects.get(public_id=beta.draft_id)

    # Tab A's form, with A's management prefix, sent to B's address.
    response = beta.post(
        "model", {"model_name": "Mixed up", "role": "integrator"}, management=alpha.prefix
    )

    assert response.status_code == 400
    after = Draft.objects.get(public_id=beta.draft_id)
    assert after.state == before.state
    assert after.model_name == "Beta"
    assert after.current_step == before.current_step
    assert after.updated_at == before.updated_at
    assert alpha.draft.model_name == "Alpha"
    assert "Mixed up" not in beta.page("model")


# --- Nothing typed is lost ------------------------------------------------------------------


def parameters_label() -> str:
    return Question.objects.get(key="parameters").label


def assert_parameters_error_is_shown_with_the_typed_text(html: str) -> None:
    assert 'value="7 zillion"' in html
    errors = field_errors(html)
    assert "id_compute-parameters" in errors, errors
    message = " ".join(errors["id_compute-parameters"])
    assert "7 zillion" in message
    assert "405B" in message  # says what is accepted
    field = re.search(r'id="id_compute-parameters_field".*?</div>', html, re.S)
    assert field and parameters_label() in field[0]
    assert "There is a problem" in html


def assert_typed_text_is_shown_without_errors(html: str) -> None:
    """Left with Back or Save and exit, a step is not judged until it is submitted."""
    assert 'value="7 zillion"' in html
    assert field_errors(html) == {}
    assert "There is a problem" not in html


def test_back_keeps_invalid_input_and_judges_it_only_once_submitted(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    developer_until(wizard, "capabilities")
    typed = {**COMPUTE, "parameters": "7 zillion", "synthetic_data_flop": "1,000"}

    response = wizard.post("compute", typed, wizard_goto_step="capabilities")

    assert response["Location"] == wizard.step_url("capabilities")
    assert checked(wizard.page("capabilities"), "capabilities-generates", "image")
    html = wizard.page("compute")
    assert_typed_text_is_shown_without_errors(html)
    assert 'value="15T"' in html
    assert 'value="1,000"' in html
    assert checked(html, "compute-method", "architecture")
    # A page view writes nothing: the draft resumes where the last POST led.
    assert wizard.draft.current_step == "capabilities"

    wizard.post("compute", typed)  # Save and continue
    assert_parameters_error_is_shown_with_the_typed_text(wizard.page("compute"))


def test_save_and_exit_keeps_invalid_input(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    developer_until(wizard, "capabilities")

    response = wizard.post("compute", {**COMPUTE, "parameters": "7 zillion"}, wizard_save_exit="1")

    assert response["Location"] == "/"
    dashboard = owner_client.get("/").content.decode()
    assert "Draft saved at “Training compute”" in dashboard
    assert wizard.current_step() == "compute"
    assert_typed_text_is_shown_without_errors(wizard.page("compute"))


def test_an_invalid_step_is_shown_again_with_the_input_and_its_errors(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    developer_until(wizard, "capabilities")

    response = wizard.post("compute", {**COMPUTE, "parameters": "7 zillion"})

    assert response["Location"] == wizard.step_url("compute")
    assert_parameters_error_is_shown_with_the_typed_text(wizard.page("compute"))


def test_a_refresh_after_a_post_neither_resubmits_nor_resets_the_step(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    assert wizard.post("market", MARKET)["Location"] == wizard.step_url("capabilities")
    state = wizard.draft.state

    for _ in range(3):
        assert wizard.get("capabilities").status_code == 200

    assert wizard.draft.state == state
    assert wizard.current_step() == "capabilities"
    assert checked(wizard.page("market"), "market-placement", "placed")

    wizard.post("capabilities", {"generates": ["text"]})  # generality missing
    first = without_csrf_token(wizard.page("capabilities"))
    second = without_csrf_token(wizard.page("capabilities"))
    assert first == second
    assert "Select how wide the range of tasks the model can perform is." in second
    assert checked(second, "capabilities-generates", "text")
    assert wizard.current_step() == "capabilities"


def test_finishing_with_an_invalid_step_leads_back_to_that_step(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    developer_until(wizard, "reach")
    wizard.post("compute", {**COMPUTE, "parameters": "7 zillion"}, wizard_goto_step="review")

    response = wizard.post("review")

    assert response["Location"] == wizard.step_url("compute")
    assert not Assessment.objects.exists()
    assert Draft.objects.filter(public_id=wizard.draft_id).exists()
    page = owner_client.get(response["Location"]).content.decode()
    assert "“Training compute” needs attention" in page
    # Finishing submitted the step: it says what is wrong with it.
    assert_parameters_error_is_shown_with_the_typed_text(page)


def test_the_review_lists_steps_that_need_attention(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    developer_until(wizard, "capabilities")
    wizard.post("compute", {**COMPUTE, "parameters": "7 zillion"}, wizard_goto_step="capabilities")

    html = wizard.page("review")

    assert "These steps need an answer before you can finish" in html
    assert f'href="{wizard.step_url("compute")}"' in html


# --- Bad requests ---------------------------------------------------------------------------


def test_a_wizard_post_without_management_data_is_a_bad_request_not_an_error(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    before = wizard.draft.state

    response = owner_client.post(wizard.step_url("market"), {"market-placement": "placed"})

    assert response.status_code == 400
    assert "nothing was changed" in " ".join(response.content.decode().split())
    assert wizard.draft.state == before
    assert owner_client.post(wizard.step_url("market")).status_code == 400
    assert owner_client.post(wizard.url, {"x": "y"}).status_code == 400


@pytest.mark.parametrize(
    "step", ["garbage", "done", "MODEL", "model/../market", "ünïcödé", "x" * 5000, ""]
)
def test_a_post_naming_an_unknown_step_does_not_crash(owner_client, acme, step):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    before = wizard.draft.state

    response = owner_client.post(
        wizard.step_url("market"),
        {f"{wizard.prefix}-current_step": step, f"{step}-placement": "placed"},
    )

    assert response.status_code in (302, 400)
    assert wizard.draft.state == before
    assert wizard.current_step() == "market"


@pytest.mark.parametrize("step", ["garbage", "ünïcödé", "x" * 2000, "done"])
def test_an_unknown_step_address_does_not_crash(owner_client, acme, step):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)

    get = owner_client.get(wizard.step_url(step))
    post = wizard.post("market", MARKET, url_step=step)

    assert get.status_code == 302
    assert post.status_code in (302, 400)


# --- Errors next to their fields ------------------------------------------------------------

ACCEPTED = re.compile(
    r"such as|for example|YYYY-MM-DD|^(Error: )?Select |at most \d+ characters"
    r"|Choose a different method|Give at least one training period"
)

INVALID_INPUT: dict[str, list[Fields]] = {
    "model": [{"model_name": "", "role": ""}],
    "market": [
        {"placement": "placed", "placed_on": "", "established_in_eu": ""},
        {"placement": "placed", "placed_on": "31/31/2026", "established_in_eu": "no"},
        {"placement": "planned", "placed_on": "next spring"},
    ],
    "capabilities": [{"generates": ["text"], "generality": ""}],
    "compute": [
        {"method": ""},
        {"method": "architecture", "parameters": "7 zillion", "training_tokens": "-1"},
        {"method": "architecture", "parameters": "0", "training_tokens": "NaN"},
        {"method": "direct", "flop": "1e999999", "check_method": "direct"},
        {"method": "direct", "flop": "-3e24", "synthetic_data_flop": "-1"},
        {"method": "direct", "flop": "3e24", "inherited_flop": "-1"},
        {"method": "direct", "flop": "infinity", "threshold_known_on": "yesterday"},
        {"method": "hardware"},
        {
            "method": "hardware",
            "period1_chips": "1,024",
            "period1_utilisation": "40 percent",
            "period2_accelerator": "custom",
            "period2_chips": "8",
            "period2_hours": "10",
            "period2_utilisation": "1.5",
        },
        {
            "method": "architecture",
            "parameters": "7B",
            "training_tokens": "2T",
            "mixture_of_experts": "on",
            "active_parameters": "ünïcödé",
        },
    ],
    "release": [
        {"released_openly": ""},
        {"released_openly": "yes", "licence_permits_all": "yes"},
    ],
    "reach": [
        {"eu_business_users": "-5", "high_impact_capabilities": "", "commission_designated": ""},
        {
            "eu_business_users": "lots",
            "high_impact_capabilities": "no",
            "commission_designated": "no",
        },
        {
            "high_impact_capabilities": "yes",
            "high_impact_known_on": "soon",
            "commission_designated": "yes",
            "designated_on": "2026-02-30",
            "notified_on": "never",
        },
    ],
}

MODIFICATION_INPUT: list[Fields] = [
    {"original_flop_known": "", "original_systemic_risk": ""},
    {"original_flop_known": "known", "original_flop": "", "original_systemic_risk": "no"},
    {
        "original_flop_known": "known",
        "original_flop": "1e23 FLOPS per second",
        "original_systemic_risk": "no",
        "earlier_1": "-1",
        "earlier_2": "1e99999",
        "earlier_3": "three",
    },
]


def errors_after_posting(
    wizard: WizardDriver, step: str, fields: dict[str, Any]
) -> dict[str, list[str]]:
    response = wizard.post(step, fields)
    assert response["Location"] == wizard.step_url(step), f"{fields} was accepted"
    html = wizard.page(step)
    errors = field_errors(html)
    assert errors, f"no field errors shown for {fields}"
    return errors


def unhelpful_errors(errors: dict[str, list[str]], fields: dict[str, Any]) -> list[str]:
    """The messages that do not say what is accepted."""
    return [
        f"{auto_id}: {message!r} (input {fields})"
        for auto_id, messages in errors.items()
        for message in messages
        if not ACCEPTED.search(message)
    ]


def test_every_validation_error_is_next_to_its_field_and_says_what_is_accepted(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    seen_fields: set[str] = set()
    unhelpful: list[str] = []
    steps: list[tuple[str, Fields]] = [
        ("model", MODEL),
        ("market", MARKET),
        ("capabilities", CAPABILITIES),
        ("compute", COMPUTE),
        ("release", RELEASE),
        ("reach", REACH),
    ]
    for step, valid in steps:
        for fields in INVALID_INPUT[step]:
            errors = errors_after_posting(wizard, step, fields)
            unhelpful += unhelpful_errors(errors, fields)
            seen_fields.update(errors)
        wizard.answer(step, valid)

    modifier = WizardDriver(owner_client).start(acme)
    modifier.answer("model", {"model_name": "Tuned", "role": "modifier"})
    modifier.answer("market", MARKET)
    for fields in MODIFICATION_INPUT:
        errors = errors_after_posting(modifier, "modification", fields)
        unhelpful += unhelpful_errors(errors, fields)
        seen_fields.update(errors)

    integrator = WizardDriver(owner_client).start(acme)
    integrator.answer("model", {"model_name": "System", "role": "integrator"})
    errors = errors_after_posting(integrator, "upstream", {"upstream_excluded_eu": ""})
    unhelpful += unhelpful_errors(errors, {})
    seen_fields.update(errors)

    # Every field that can be wrong was shown wrong at least once.
    expected = {
        "id_model-model_name",
        "id_model-role",
        "id_upstream-upstream_excluded_eu",
        "id_market-placed_on",
        "id_market-established_in_eu",
        "id_capabilities-generality",
        "id_compute-method",
        "id_compute-flop",
        "id_compute-parameters",
        "id_compute-training_tokens",
        "id_compute-active_parameters",
        "id_compute-check_method",
        "id_compute-synthetic_data_flop",
        "id_compute-inherited_flop",
        "id_compute-threshold_known_on",
        "id_compute-period1_chips",
        "id_compute-period1_hours",
        "id_compute-period1_accelerator",
        "id_compute-period1_utilisation",
        "id_compute-period2_peak_flops",
        "id_compute-period2_utilisation",
        "id_modification-original_flop_known",
        "id_modification-original_flop",
        "id_modification-original_systemic_risk",
        "id_modification-earlier_1",
        "id_modification-earlier_2",
        "id_modification-earlier_3",
        "id_release-released_openly",
        "id_release-weights_public",
        "id_reach-eu_business_users",
        "id_reach-high_impact_capabilities",
        "id_reach-commission_designated",
        "id_reach-high_impact_known_on",
        "id_reach-designated_on",
        "id_reach-notified_on",
    }
    assert expected <= seen_fields, expected - seen_fields
    assert not unhelpful, "messages that do not say what is accepted:\n" + "\n".join(unhelpful)


# --- Garbage in every field -----------------------------------------------------------------

GARBAGE = [
    "x" * 20000,
    "NaN",
    "-1",
    "1e999999",
    "-1e-999999",
    "9" * 5000,
    "10^99999999999999999999",
    "3.2 × 10^",
    "ünïcödé ✓ 🤖 \u202e",
    "<script>alert(1)</script>",
    "nul\x00byte",
    "   ",
    "0",
    "2026-02-30",
]

VALID: dict[str, Fields] = {
    "model": {"model_name": "Imported", "role": "integrator"},
    "upstream": {"upstream_excluded_eu": "yes"},
    "market": MARKET,
    "capabilities": CAPABILITIES,
    "compute": COMPUTE,
    "release": RELEASE,
    "reach": REACH,
}


@pytest.mark.parametrize("garbage", GARBAGE, ids=lambda value: repr(value[:20]))
def test_garbage_in_any_field_never_causes_a_server_error(owner_client, acme, garbage):
    wizard = WizardDriver(owner_client).start(acme)
    for step in VALID:
        wizard.answer(step, VALID[step])
    modifier = WizardDriver(owner_client).start(acme)
    modifier.answer("model", {"model_name": "Tuned", "role": "modifier"})
    modifier.answer("market", MARKET)

    forms = dict(STEP_FORMS)
    targets = [(wizard, step) for step in VALID] + [(modifier, "modification")]
    for driver, step in targets:
        fields = dict.fromkeys(forms[step].base_fields, garbage)
        response = driver.post(step, fields)
        assert response.status_code == 302, (step, response.status_code)
        assert driver.get(step).status_code == 200, step
        assert driver.get("review").status_code == 200, step
        if step in VALID:
            driver.answer(step, VALID[step])  # put the answers right for the next step
    assert wizard.complete().answers["role"] == "integrator"


@pytest.mark.parametrize(
    ("step", "fields"),
    [
        ("model", {"model_name": "Example\x00-7B", "role": "developer"}),
        ("market", {"placement": "placed", "placed_on": "2026\x00-03-01"}),
    ],
    ids=["model name", "a date"],
)
def test_a_nul_byte_typed_in_a_field_is_refused_without_a_server_error(
    owner_client, acme, step, fields
):
    wizard = WizardDriver(owner_client).start(acme)
    if step == "market":
        wizard.answer("model", MODEL)

    response = wizard.post(step, fields)

    assert response.status_code in (302, 400)
    assert wizard.get(step).status_code == 200
