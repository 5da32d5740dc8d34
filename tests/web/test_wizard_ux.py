"""What a new user of the questionnaire notices (issue 10): errors only after submitting, an
error summary that leads to each answer, a step count that never jumps, only the questions
of the chosen method, the cross-check the parameters and tokens give, and help that stays
out of the way until asked for."""

from __future__ import annotations

import importlib
import json
import re
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.html import escape

from questionnaire.models import Assessment, Question
from questionnaire.scoring import load
from questionnaire.scoring.numbers import format_human
from questionnaire.templatetags.questionnaire_tags import AI_ACT_EUR_LEX
from questionnaire.wizard.forms import METHOD_FIELDS, STEP_FORMS
from questionnaire.wizard.steps import MODIFIER_VARIANT, Scope
from questionnaire.wording import percentage, question_update_wording, wording_map
from tests.web.test_wizard_js import node
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

help_texts_migration = importlib.import_module(
    "questionnaire.migrations.0011_help_text_hint_and_details"
)

MODEL = {"model_name": "Example-70B", "role": "developer"}
MARKET = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
CAPABILITIES = {"generates": ["text"], "generality": "wide"}
DIRECT = {"method": "direct", "flop": "1e24", "check_method": "none"}
RELEASE = {"released_openly": "no"}
REACH = {"high_impact_capabilities": "no", "commission_designated": "no"}


def developer(client: Any, organisation: Any, *, until: str) -> WizardDriver:
    wizard = WizardDriver(client).start(organisation)
    steps: list[tuple[str, dict[str, Any]]] = [
        ("model", MODEL),
        ("market", MARKET),
        ("capabilities", CAPABILITIES),
        ("compute", DIRECT),
        ("release", RELEASE),
        ("reach", REACH),
    ]
    for step, fields in steps:
        if step == until:
            return wizard
        wizard.answer(step, fields)
    return wizard


class Page(HTMLParser):
    """What a person (and a screen reader) finds on a page: the title, the order of the main
    content, the error summary's links, the field errors, every element's id and attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.ids: dict[str, dict[str, str]] = {}
        self.order: list[str] = []  # "summary", "h1", "field-error" in the order they come
        self.summary_links: list[tuple[str, str]] = []
        self.summary_attributes: dict[str, str] = {}
        self.field_errors: list[str] = []
        self._in: list[str] = []
        self._text = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        if "id" in attributes:
            self.ids[attributes["id"]] = {"tag": tag, **attributes}
        if tag == "title":
            self._start("title")
        elif "error-summary" in classes:
            self.order.append("summary")
            self.summary_attributes = attributes
        elif tag == "h1":
            self.order.append("h1")
        elif tag == "a" and self.order and self.order[-1] == "summary" and "h1" not in self.order:
            self._start("summary-link", attributes["href"])
        elif tag == "ul" and "field__errors" in classes:
            self.order.append("field-error")
        if tag == "li" and self.order and self.order[-1] == "field-error" and not self._in:
            self._start("field-error")

    def _start(self, what: str, extra: str = "") -> None:
        self._in = [what, extra]
        self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if not self._in:
            return
        what, extra = self._in
        if (what, tag) in (("title", "title"), ("summary-link", "a"), ("field-error", "li")):
            text = " ".join(self._text.split())
            if what == "title":
                self.title = text
            elif what == "summary-link":
                self.summary_links.append((extra, text))
            else:
                self.field_errors.append(text)
            self._in = []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def progress_count(html: str) -> str:
    match = re.search(r'<p class="progress__count">(.*?)</p>', html, re.S)
    assert match, "no step count"
    return " ".join(match[1].split())


# --- 1. Errors only after the step was submitted ---------------------------------------------


def test_a_step_left_with_back_unanswered_shows_no_errors_until_it_is_submitted(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)

    wizard.post("market", {}, wizard_goto_step="model")  # Back, nothing answered
    wizard.answer("model", MODEL)  # and forward again
    page = Page(wizard.page("market"))

    assert page.field_errors == []
    assert "summary" not in page.order
    assert not page.title.startswith("Error:")

    wizard.post("market", {})  # Save and continue, nothing answered
    submitted = Page(wizard.page("market"))
    assert "Error: Select where the model stands on the EU market." in submitted.field_errors
    assert submitted.title.startswith("Error:")


def test_what_was_typed_before_back_comes_back_unjudged_with_the_choices_made(owner_client, acme):
    wizard = developer(owner_client, acme, until="compute")
    typed = {"method": "direct", "flop": "about ten to the 25", "check_method": "none"}

    wizard.post("compute", typed, wizard_goto_step="capabilities")
    html = wizard.page("compute")

    assert 'value="about ten to the 25"' in html
    assert re.search(r'<input[^>]*value="direct"[^>]*checked', html)
    assert Page(html).field_errors == []


# --- 2. The error summary --------------------------------------------------------------------


def test_a_failed_submit_puts_an_error_summary_first_that_links_to_each_input(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    wizard.post("model", {"model_name": "", "role": ""})
    html = wizard.page("model")
    page = Page(html)

    assert page.title.startswith("Error: The model and your role")
    assert page.order[:2] == ["summary", "h1"], "the summary comes before everything else"
    assert "There is a problem" in html
    # Focused when the page loads, without script: autofocus on an element that can take it.
    assert page.summary_attributes.get("tabindex") == "-1"
    assert "autofocus" in page.summary_attributes
    assert page.summary_links == [
        ("#id_model-model_name", "Enter the model’s name, for example Example-7B v2."),
        (
            "#id_model-role_0",
            "Select who you are in relation to this model: developer, modifier or integrator.",
        ),
    ]
    for href, message in page.summary_links:
        target = page.ids[href[1:]]
        assert target["tag"] == "input", href
        # The same words next to the answer, announced as an error and tied to it.
        assert f"Error: {message}" in page.field_errors
    name = page.ids["id_model-model_name"]
    assert "id_model-model_name_error" in name["aria-describedby"].split()
    assert re.search(r'<fieldset aria-describedby="[^"]*\bid_model-role_error\b', html)
    assert re.search(r'<span class="visually-hidden">Error:</span>', html)


SCOPES = [
    Scope(role="developer", placement="placed"),
    Scope(role="modifier", placement="placed"),
    Scope(role="integrator", placement="placed", upstream_excluded_eu=True),
]
GENERIC = {"This field is required.", "Answer this question to continue.", ""}


def test_every_question_names_itself_when_its_answer_is_missing():
    wording = wording_map()
    for scope in SCOPES:
        for step, form_class in STEP_FORMS:
            form = form_class(wording=wording, scope=scope, prefix=step)
            messages = {}
            for name, field in form.fields.items():
                message = str(field.error_messages["required"])
                assert message not in GENERIC, (scope.role, step, name)
                messages[name] = message
            repeated = [
                name
                for name, message in messages.items()
                if list(messages.values()).count(message) > 1
            ]
            assert not repeated, f"{step}: one message for several questions: {repeated}"


@pytest.mark.parametrize(
    ("step", "fields", "field", "message"),
    [
        (
            "market",
            {"placement": ""},
            "placement",
            "Select where the model stands on the EU market.",
        ),
        (
            "compute",
            {"method": "direct", "check_method": "none"},
            "flop",
            "Enter the training compute in FLOP, for example 3.2e24 or 3.2 × 10^24.",
        ),
        (
            "compute",
            {"method": "hardware", "check_method": "none", "period1_chips": "8"},
            "period1_utilisation",
            "Enter the utilisation in period 1, for example 40% or 0.4.",
        ),
    ],
)
def test_the_message_names_the_question_on_the_page_and_in_the_summary(
    owner_client, acme, step, fields, field, message
):
    wizard = developer(owner_client, acme, until=step)

    wizard.post(step, fields)
    page = Page(wizard.page(step))

    assert f"Error: {message}" in page.field_errors
    assert (f"#id_{step}-{field}" + ("_0" if field == "placement" else ""), message) in (
        page.summary_links
    )


def test_a_failed_attestation_on_the_result_page_is_summarised_at_the_top(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer("market", {"placement": "research_only"})
    assessment = wizard.complete()

    response = owner_client.post(f"/assessments/{assessment.public_id}/attest/", {"confirm": "on"})
    html = response.content.decode()
    page = Page(html)

    assert response.status_code == 400
    assert page.title.startswith("Error:")
    assert page.order[:2] == ["summary", "h1"], "the summary is at the top, not by the form"
    assert [href for href, _ in page.summary_links] == [
        "#id_attester_name",
        "#id_attester_function",
    ]
    assert all("Give this to sign" in text for _, text in page.summary_links)
    assert html.count('class="error-summary"') == 1


def test_a_failed_attestation_on_the_review_is_summarised_at_the_top(owner_client, acme):
    wizard = developer(owner_client, acme, until="review")

    wizard.post("review", {"confirm": "on"})
    page = Page(wizard.page("review"))

    assert page.order[:2] == ["summary", "h1"]
    assert [href for href, _ in page.summary_links] == [
        "#id_review-attester_name",
        "#id_review-attester_function",
    ]


# --- 3. The step count -----------------------------------------------------------------------

JOURNEYS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "developer": [
        ("model", MODEL),
        ("market", MARKET),
        ("capabilities", CAPABILITIES),
        ("compute", DIRECT),
        ("release", RELEASE),
        ("reach", REACH),
    ],
    "modifier": [
        ("model", {**MODEL, "role": "modifier"}),
        ("market", MARKET),
        (
            "modification",
            {"original_flop_known": "unknown", "original_systemic_risk": "no"},
        ),
        ("compute", {"method": "direct", "flop": "1e22", "check_method": "none"}),
        ("release", RELEASE),
        ("reach", REACH),
    ],
    "integrator assessed like a developer": [
        ("model", {**MODEL, "role": "integrator"}),
        ("upstream", {"upstream_excluded_eu": "yes"}),
        ("market", MARKET),
        ("capabilities", CAPABILITIES),
        ("compute", DIRECT),
        ("release", RELEASE),
        ("reach", REACH),
    ],
    "integrator": [
        ("model", {**MODEL, "role": "integrator"}),
        ("upstream", {"upstream_excluded_eu": "no"}),
        ("market", MARKET),
    ],
    "research only": [("model", MODEL), ("market", {"placement": "research_only"})],
}
DECIDING_STEPS = {"model", "upstream", "market"}


@pytest.mark.parametrize("journey", JOURNEYS)
def test_the_step_count_moves_one_at_a_time_and_its_total_changes_only_after_a_deciding_answer(
    owner_client, acme, journey
):
    wizard = WizardDriver(owner_client).start(acme)
    counts: list[tuple[int, int, bool]] = []
    answered: list[str] = []
    for step, fields in [*JOURNEYS[journey], ("review", {})]:
        text = progress_count(wizard.page(step))
        match = re.fullmatch(r"Step (\d+) of (up to )?(\d+)", text)
        assert match, text
        counts.append((int(match[1]), int(match[3]), match[2] is None))
        if step != "review":
            wizard.answer(step, fields)
            answered.append(step)

    assert counts[0] == (1, 8, False), "the first step says how long it can be: up to 8"
    numbers = [number for number, _, _ in counts]
    assert numbers == list(range(1, len(counts) + 1)), "one step at a time"
    for index in range(1, len(counts)):
        (_, before, _), (_, after, _) = counts[index - 1], counts[index]
        assert after <= before, f"the total grew from {before} to {after}"
        if after != before:
            assert answered[index - 1] in DECIDING_STEPS, (
                f"the total changed after {answered[index - 1]}, which decides no step"
            )
    last_number, last_total, exact = counts[-1]
    assert (last_number, last_total, exact) == (len(counts), len(counts), True)


def test_steps_that_depend_on_answers_not_given_yet_say_so(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    html = wizard.page("model")

    nav = re.search(r'<nav class="progress".*?</nav>', html, re.S)
    assert nav
    items = [
        " ".join(unescape(re.sub(r"<[^>]+>", "", item)).split())
        for item in re.findall(r"<li[^>]*>(.*?)</li>", nav[0], re.S)
    ]
    assert items[0] == "The model and your role"
    assert "Training compute (if it applies)" in items
    assert "Market placement" in items and items[-1] == "Review"


def test_each_step_in_the_progress_list_links_to_its_own_address(owner_client, acme):
    """The list's addresses are built from one reversed address per page: each must still
    be the step's own (Django's reverse), and lead to that step."""
    wizard = developer(owner_client, acme, until="release")

    nav = re.search(r'<nav class="progress".*?</nav>', wizard.page("release"), re.S)
    assert nav
    links = [unescape(href) for href in re.findall(r'href="([^"]+)"', nav[0])]
    steps = [name for name, _form in STEP_FORMS]
    expected = {
        reverse("wizard_step", kwargs={"draft_id": wizard.draft_id, "step": step}) for step in steps
    }
    assert len(links) >= 4 and set(links) <= expected
    for link in links:
        assert owner_client.get(link).status_code == 200, link


# --- 4. Only the chosen method's questions ---------------------------------------------------


def test_each_method_block_says_when_it_is_asked_and_names_the_choices_that_reveal_it(
    owner_client, acme
):
    wizard = developer(owner_client, acme, until="compute")
    html = wizard.page("compute")
    labels = wording_map()["compute.method"]["choice_labels"]
    rules = load()
    factor = str(rules.architecture_factor)

    for method, fields in METHOD_FIELDS.items():
        block = re.search(
            rf'<section class="group follow-up follow-up--group" id="compute-method-{method}" '
            rf'data-follows="compute-method compute-check_method" '
            rf'data-follows-value="{method}"[^>]*>(.*?)</section>',
            html,
            re.S,
        )
        assert block, method
        label = escape(labels[method].replace("{architecture_factor}", factor))
        assert f"Only if you chose “{label}”, as your method or as your cross-check" in block[1]
        for name in fields:
            if name.startswith("period") and name[6] != "1":
                continue
            assert f'name="compute-{name}"' in block[1], (method, name)
        assert " hidden" not in block[0].split(">", 1)[0], "visible without script"


def test_answers_typed_for_a_method_not_chosen_never_stop_the_step_nor_count(owner_client, acme):
    wizard = developer(owner_client, acme, until="compute")
    typed = {
        **DIRECT,
        "period1_chips": "lots",
        "period1_utilisation": "150%",
        "period2_accelerator": "custom",
        "mixture_of_experts": "on",
        "active_parameters": "many",
    }

    assert wizard.answer("compute", typed) == "release"
    for step, fields in [("release", RELEASE), ("reach", REACH)]:
        wizard.answer(step, fields)
    review = wizard.page("review")
    assessment = wizard.complete()

    assert assessment.answers["compute"] == {"method": "direct", "flop": "1e24"}
    shown = {row["field"] for row in assessment.shown}
    assert not shown & {"period1_chips", "mixture_of_experts", "active_parameters"}
    assert "lots" not in review and "many" not in review


def test_the_open_source_conditions_are_one_block_asked_only_after_yes(owner_client, acme):
    wizard = developer(owner_client, acme, until="release")
    html = wizard.page("release")

    blocks = re.findall(r'<div class="follow-up"[^>]*data-follows="([^"]+)"', html)
    assert blocks == ["release-released_openly"], "one block for the five conditions"
    assert "Only if you chose “Yes” for “Is the model released under a free and open-source" in (
        unescape(html)
    )
    # After "No", what may have been typed in the conditions is neither checked nor kept.
    assert wizard.answer("release", {"released_openly": "no", "weights_public": "maybe"}) == (
        "reach"
    )


def test_with_script_a_block_shows_while_any_of_its_choices_is_made():
    shown = node(
        ["revealed", ["direct", None], "architecture"],
        ["revealed", ["direct", "architecture"], "architecture"],
        ["revealed", ["architecture", "none"], "architecture"],
        ["revealed", [None, None], "yes"],
        ["revealed", ["yes"], "yes"],
    )

    assert shown == [False, True, True, False, True]


# --- 5. The cross-check from parameters and tokens -------------------------------------------


def rendered_rules() -> dict[str, str]:
    """The rule set's figures as the compute step renders them for wizard.js."""
    rules = load()
    return {
        "data-architecture-factor": str(rules.architecture_factor),
        "data-estimate-margin": str(rules.estimate_margin),
        "data-methods-disagree-margin": str(rules.methods_disagree_margin),
        "data-thresholds": json.dumps(
            [str(rules.gpai_training_flop), str(rules.systemic_risk_cumulative_flop)]
        ),
        "data-peaks": json.dumps({key: str(c.peak_flops) for key, c in rules.accelerators.items()}),
    }


def test_with_script_the_cross_check_is_echoed_beside_the_figures_as_they_are_typed():
    rules = load()
    factor = rules.architecture_factor
    figures = {"compute-parameters": "7B", "compute-training_tokens": "2T"}
    check = format_human(factor * Decimal("7e9") * Decimal("2e12"))
    margin = percentage(rules.methods_disagree_margin)

    direct, far, architecture, untyped = node(
        [
            "factsText",
            {"form": {**figures, "compute-method": "direct"}},
            {"rulesFrom": rendered_rules()},
        ],
        [
            "factsText",
            {"form": {**figures, "compute-method": "direct", "compute-flop": "1e24"}},
            {"rulesFrom": rendered_rules()},
        ],
        [
            "factsText",
            {"form": {**figures, "compute-method": "architecture"}},
            {"rulesFrom": rendered_rules()},
        ],
        ["factsText", {"form": {"compute-method": "direct"}}, {"rulesFrom": rendered_rules()}],
    )

    assert direct == f"Cross-check estimate: {check} FLOP ({factor} × parameters × tokens)"
    assert far == direct + (
        f": more than {margin} away from your estimate, so the result will say the methods disagree"
    )
    assert architecture == "These figures give your estimate: see “Estimate” below."
    assert untyped == ""


def test_with_script_the_running_estimate_shows_the_cross_check_the_engine_makes():
    form = {
        "compute-method": "direct",
        "compute-flop": "1e24",
        "compute-parameters": "7B",
        "compute-training_tokens": "2T",
        "compute-check_method": "none",
    }

    (text,) = node(["runningText", {"form": form}, {"rulesFrom": rendered_rules()}])

    check = format_human(load().architecture_factor * Decimal("7e9") * Decimal("2e12"))
    assert f"; cross-check: {check} FLOP" in text
    assert "the estimates disagree" in text


def test_the_compute_step_says_parameters_and_tokens_give_a_cross_check(owner_client, acme):
    rules = load()
    wizard = developer(owner_client, acme, until="compute")
    wizard.answer("compute", {**DIRECT, "parameters": "7B", "training_tokens": "2T"})

    html = unescape(wizard.page("compute"))

    factor = rules.architecture_factor
    margin = percentage(rules.methods_disagree_margin)
    assert f"a second, cross-check estimate: {factor} × parameters × tokens" in html
    assert f"more than {margin} away from your estimate" in html
    check = format_human(factor * Decimal("7e9") * Decimal("2e12"))
    assert f"Cross-check estimate: {check} FLOP ({factor} × parameters × tokens)" in html


def test_the_review_shows_the_cross_check_beside_the_estimate(owner_client, acme):
    rules = load()
    wizard = developer(owner_client, acme, until="compute")
    wizard.answer("compute", {**DIRECT, "parameters": "7B", "training_tokens": "2T"})
    wizard.answer("release", RELEASE)
    wizard.answer("reach", REACH)

    html = unescape(wizard.page("review"))

    check = format_human(rules.architecture_factor * Decimal("7e9") * Decimal("2e12"))
    margin = percentage(rules.methods_disagree_margin)
    estimate = html.index("Estimate of the training compute")
    cross = html.index("Cross-check estimate, from the parameters and training tokens")
    assert estimate < cross
    assert "10^24 FLOP" in html[estimate:cross]
    assert f"{check} FLOP" in html[cross:]
    assert f"more than {margin} away from the estimate, so the result says" in html[cross:]


# --- 6. Help that stays out of the way -------------------------------------------------------


def test_long_help_is_behind_help_with_this_question_and_citations_link_to_their_article(
    owner_client, acme
):
    wizard = developer(owner_client, acme, until="release")
    html = wizard.page("release")
    words = wording_map()["open_source.released"]["help_text"]
    hint, details = words.split("\n\n", 1)

    field = re.search(r'id="id_release-released_openly_field".*?</details>', html, re.S)
    assert field, "the question has its details"
    visible = re.search(r'<p class="field__help"[^>]*>(.*?)</p>', field[0], re.S)
    assert visible and unescape(visible[1]).strip() == hint
    summary = re.search(r"<summary>(.*?)</summary>", field[0], re.S)
    assert summary and "Help with this question" in summary[1]
    assert "Art. 53(2)" in details
    assert f'<a href="{AI_ACT_EUR_LEX}#art_53">Art. 53(2)</a>' in field[0]
    assert f'<a href="{AI_ACT_EUR_LEX}#art_54">Art. 54(6)</a>' in field[0]
    assert "eli/reg/2024/1689/oj" not in html, "no link to the whole Regulation"


def test_0011_splits_only_untouched_help_texts_and_never_touches_assessments(owner, acme):
    question = Question.objects.get(key="generality")
    question_update_wording(
        question=question,
        label=question.label,
        help_text="Our own words.",
        choice_labels=question.choice_labels,
        changed_by=owner,
    )
    assessment = _research_only_assessment(owner, acme)
    shown_before = assessment.shown

    help_texts_migration.join_help_texts(apps, None)
    joined = Question.objects.get(key="placement").help_text
    help_texts_migration.split_help_texts(apps, None)

    assert "\n\n" not in joined and "eli/reg/2024/1689/oj" in joined
    split = Question.objects.get(key="placement").help_text
    hint, explanation = split.split("\n\n")
    assert explanation == joined.replace(" — https://eur-lex.europa.eu/eli/reg/2024/1689/oj", "")
    assert Question.objects.get(key="generality").help_text == "Our own words."
    assessment.refresh_from_db()
    assert assessment.shown == shown_before


def _research_only_assessment(owner: Any, acme: Any) -> Assessment:
    from tests.people import signed_in

    wizard = WizardDriver(signed_in(owner)).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer("market", {"placement": "research_only"})
    return wizard.complete()


def test_a_modifier_reads_messages_worded_for_the_modification():
    form_class = dict(STEP_FORMS)["compute"]
    form = form_class(wording=wording_map(), scope=Scope(role="modifier", placement="placed"))

    assert form.variant == MODIFIER_VARIANT
    assert "your modification" in form.fields["flop"].error_messages["required"]
    assert "your modification" in form.fields["method"].error_messages["required"]
