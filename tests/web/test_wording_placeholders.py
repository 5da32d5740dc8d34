"""The rule set's figures and dates in the words of the questions are placeholders: the admin
edits them as such, the wizard shows the current rule set's values, and an assessment keeps
the filled words the person read."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils.html import escape

from questionnaire import wording as wording_module
from questionnaire.models import Assessment, Question, QuestionRevision
from questionnaire.scoring import RuleSet, load
from questionnaire.scoring.numbers import format_human
from questionnaire.wizard.answers import questions_for_answers
from questionnaire.wording import (
    PLACEHOLDERS,
    fill,
    fill_wording,
    question_update_wording,
    unknown_placeholders,
    wording_map,
    wording_placeholders,
)
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

RULESET_OF_THE_OLD_WORDING = "eu-aia-gpai-2025.1"
"""The rule set whose figures were typed into the wording before the placeholders."""

default_wording = importlib.import_module("questionnaire.migrations.0002_default_question_wording")
placeholder_migration = importlib.import_module(
    "questionnaire.migrations.0005_rule_set_placeholders_in_wording"
)
help_texts_migration = importlib.import_module(
    "questionnaire.migrations.0011_help_text_hint_and_details"
)

PLACED = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
SYSTEMIC_COMPUTE = {
    "method": "architecture",
    "parameters": "400B",
    "training_tokens": "15T",
    "check_method": "none",
    "threshold_known_on": "2025-11-03",
}
ANY_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


# --- Helpers ------------------------------------------------------------------------------


def rules_with(**changes: Any) -> RuleSet:
    return dataclasses.replace(load(), **changes)


def use_rules(monkeypatch: pytest.MonkeyPatch, rules: RuleSet) -> None:
    """The wording is filled from ``rules`` instead of the default rule set."""
    monkeypatch.setattr(wording_module, "load", lambda *args, **kwargs: rules)


def to_compute(client: Client, organisation) -> WizardDriver:
    wizard = WizardDriver(client).start(organisation)
    wizard.answer("model", {"model_name": "Example-400B", "role": "developer"})
    wizard.answer("market", PLACED)
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    return wizard


def complete_systemic_journey(wizard: WizardDriver):
    wizard.answer("compute", SYSTEMIC_COMPUTE)
    wizard.answer("release", {"released_openly": "no"})
    wizard.answer(
        "reach",
        {
            "eu_business_users": "12,000",
            "high_impact_capabilities": "no",
            "commission_designated": "no",
        },
    )
    review = wizard.page("review")
    return review, wizard.complete()


def shown_row(assessment: Assessment, key: str) -> dict[str, Any]:
    rows = [row for row in assessment.shown if row["key"] == key]
    assert len(rows) == 1, key
    return dict(rows[0])


def raw(key: str) -> dict[str, Any]:
    return Question.objects.get(key=key).wording()


class ChangeForm(HTMLParser):
    """The fields of the admin's change form of a question, as a browser would post them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, str] = {}
        self._in_form = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form" and attributes.get("id") == "question_form":
            self._in_form = True
        name = attributes.get("name")
        if not self._in_form or not name:
            return
        if tag == "input" and attributes.get("type", "text") not in ("submit", "button"):
            self.data[name] = attributes.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def change_url(question: Question) -> str:
    return f"/admin/questionnaire/question/{question.pk}/change/"


@pytest.fixture
def editor_client():
    user = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["change_question", "view_question"])
    )
    client = Client()
    client.force_login(user)
    return client


def admin_form(client: Client, question: Question) -> tuple[str, dict[str, str]]:
    response = client.get(change_url(question))
    assert response.status_code == 200
    html = response.content.decode()
    form = ChangeForm()
    form.feed(html)
    form.data["help_text"] = form.data["help_text"].removeprefix("\n")
    return html, form.data


def post_admin(client: Client, question: Question, **changes: str):
    _html, data = admin_form(client, question)
    return client.post(change_url(question), {**data, **changes})


# --- The placeholders -----------------------------------------------------------------------


def test_each_placeholder_is_the_rule_sets_value_written_as_the_engine_writes_figures():
    rules = load()
    values = wording_placeholders(rules)

    assert set(values) == set(PLACEHOLDERS)
    assert values["gpai_threshold"] == f"{format_human(rules.gpai_training_flop)} FLOP"
    assert values["systemic_threshold"] == (
        f"{format_human(rules.systemic_risk_cumulative_flop)} FLOP"
    )
    assert values["reach_business_users"] == format_human(Decimal(rules.reach_eu_business_users))
    assert values["estimate_margin"] == f"{int(rules.estimate_margin * 100)}%"
    assert values["methods_margin"] == f"{int(rules.methods_disagree_margin * 100)}%"
    assert values["architecture_factor"] == str(rules.architecture_factor)
    for name, day in [
        ("obligations_apply_from", rules.obligations_apply_from),
        ("legacy_compliance_by", rules.legacy_compliance_by),
    ]:
        assert values[name] == f"{day.day} {day:%B %Y}"


def test_the_placeholders_follow_a_changed_rule_set():
    rules = rules_with(
        gpai_training_flop=Decimal("4e22"),
        systemic_risk_cumulative_flop=Decimal("2e26"),
        estimate_margin=Decimal("0.25"),
        methods_disagree_margin=Decimal("0.125"),
        modification_numerator=1,
        modification_denominator=4,
        reach_eu_business_users=25000,
        obligations_apply_from=date(2031, 1, 9),
        legacy_compliance_by=date(2033, 12, 31),
    )

    assert wording_placeholders(rules) == {
        "gpai_threshold": "4.0 × 10^22 FLOP",
        "systemic_threshold": "2.0 × 10^26 FLOP",
        "modification_fraction": "one quarter",
        "estimate_margin": "25%",
        "methods_margin": "12.5%",
        "architecture_factor": "6",
        "reach_business_users": "25,000",
        "obligations_apply_from": "9 January 2031",
        "legacy_compliance_by": "31 December 2033",
    }


@pytest.mark.parametrize(
    ("numerator", "denominator", "words"),
    [(1, 3, "one third"), (2, 3, "two thirds"), (1, 2, "one half"), (3, 7, "3/7"), (5, 4, "5/4")],
)
def test_the_modification_fraction_is_written_in_words_where_there_are_plain_words(
    numerator, denominator, words
):
    rules = rules_with(modification_numerator=numerator, modification_denominator=denominator)

    assert wording_placeholders(rules)["modification_fraction"] == words


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("exceed {systemic_threshold}?", "exceed 10^99 FLOP?"),
        ("{systemic_threshold}{systemic_threshold}", "10^99 FLOP10^99 FLOP"),
        ("{{systemic_threshold}}", "{10^99 FLOP}"),
        ("an {unknown_name} stays", "an {unknown_name} stays"),
        ("a stray { brace", "a stray { brace"),
        ("a stray } brace", "a stray } brace"),
        ("{ systemic_threshold }", "{ systemic_threshold }"),
        ("{systemic_threshold", "{systemic_threshold"),
        ("{} {0} {1:>10} %s %(name)s", "{} {0} {1:>10} %s %(name)s"),
        ("", ""),
    ],
)
def test_filling_replaces_known_placeholders_and_leaves_everything_else_as_typed(typed, shown):
    assert fill(typed, {"systemic_threshold": "10^99 FLOP"}) == shown


def test_only_names_in_braces_that_are_no_placeholder_are_unknown():
    text = "{systemic_threshold} {treshold} { spaced } {0} { {treshold} {also_unknown}"

    assert unknown_placeholders(text) == ["{treshold}", "{also_unknown}"]
    assert unknown_placeholders("a stray { and }") == []


# --- The default wording ----------------------------------------------------------------------


def test_the_default_wording_uses_only_known_placeholders_and_never_the_rule_sets_figures():
    figures = {
        name: value
        for name, value in wording_placeholders(load(RULESET_OF_THE_OLD_WORDING)).items()
        if name != "architecture_factor"  # a lone digit: it occurs in other numbers
    }
    used: set[str] = set()

    for key, words in wording_map(raw=True).items():
        for text in [words["label"], words["help_text"], *words["choice_labels"].values()]:
            assert unknown_placeholders(text) == [], key
            used.update(match[0][1:-1] for match in ANY_PLACEHOLDER.finditer(text))
            for name, value in figures.items():
                assert value not in text, f"{key}: {value!r} is typed in; write {{{name}}}"

    assert used == set(PLACEHOLDERS)


def test_filled_with_the_rule_set_of_its_day_the_new_wording_reads_as_the_old_one_did():
    """0005 recognises the old default text by its hash: each new default, filled with the
    rule set the old text was written for, must be exactly that text."""
    values = wording_placeholders(load(RULESET_OF_THE_OLD_WORDING))
    defaults = {question["key"]: question for question in default_wording.questions()}

    for key, digests in placeholder_migration.OLD_DEFAULT_SHA256.items():
        for part in ("label", "help_text"):
            if part in digests:
                filled = fill(defaults[key][part], values)
                assert hashlib.sha256(filled.encode()).hexdigest() == digests[part], (key, part)
        for value, digest in digests.get("choice_labels", {}).items():
            filled = fill(defaults[key]["choice_labels"][value], values)
            assert hashlib.sha256(filled.encode()).hexdigest() == digest, (key, value)


# --- Migration 0005 ---------------------------------------------------------------------------


@pytest.fixture
def words_before_0011() -> None:
    """The questions' words as 0005 and 0006 left them: 0011 (hints and details) undone."""
    help_texts_migration.join_help_texts(apps, None)


def make_old_database() -> dict[str, dict[str, Any]]:
    """Give every question the words the old 0002 wrote: the figures typed in."""
    values = wording_placeholders(load(RULESET_OF_THE_OLD_WORDING))
    new = {}
    for question in Question.objects.all():
        new[question.key] = question.wording()
        old = fill_wording(question.wording(), values)
        question.label, question.help_text = old["label"], old["help_text"]
        question.choice_labels = old["choice_labels"]
        question.save()
    return new


@pytest.mark.usefixtures("words_before_0011")
def test_0005_does_nothing_on_a_database_made_with_the_placeholder_wording():
    before = {question.key: question.wording() for question in Question.objects.all()}

    placeholder_migration.use_placeholders(apps, None)

    assert {question.key: question.wording() for question in Question.objects.all()} == before
    assert not QuestionRevision.objects.exists()


@pytest.mark.usefixtures("words_before_0011")
def test_0005_puts_placeholders_where_the_old_default_is_still_stored_as_a_system_change():
    new = make_old_database()
    old_label = raw("threshold_known_on")["label"]

    placeholder_migration.use_placeholders(apps, None)

    for key in placeholder_migration.OLD_DEFAULT_SHA256:
        assert raw(key) == new[key], key
    assert "{systemic_threshold}" in raw("threshold_known_on")["label"]
    revisions = QuestionRevision.objects.filter(question__key="threshold_known_on")
    assert revisions.count() == 1
    revision = revisions.get()
    assert revision.changed_by is None
    assert revision.before["label"] == old_label
    assert revision.after == new["threshold_known_on"]
    assert QuestionRevision.objects.count() == len(placeholder_migration.OLD_DEFAULT_SHA256)
    # What people read is unchanged.
    assert wording_map()["threshold_known_on"]["label"] == old_label


@pytest.mark.usefixtures("words_before_0011")
def test_0005_never_overwrites_words_an_admin_edited():
    new = make_old_database()
    question = Question.objects.get(key="threshold_known_on")
    old_help_text = question.help_text
    question_update_wording(
        question=question,
        label="When did the compute pass the line?",
        help_text=question.help_text,
        choice_labels=question.choice_labels,
        changed_by=None,
    )
    Question.objects.filter(key="eu_business_users").update(help_text="Our own words.")
    method = Question.objects.get(key="compute.method")
    method.choice_labels = {**method.choice_labels, "architecture": "From the architecture"}
    method.save()

    placeholder_migration.use_placeholders(apps, None)

    threshold = raw("threshold_known_on")
    assert threshold["label"] == "When did the compute pass the line?"
    assert threshold["help_text"] == new["threshold_known_on"]["help_text"] != old_help_text
    assert raw("eu_business_users")["help_text"] == "Our own words."
    assert not QuestionRevision.objects.filter(question__key="eu_business_users").exists()
    method_words = raw("compute.method")
    assert method_words["choice_labels"]["architecture"] == "From the architecture"
    assert method_words["help_text"] == new["compute.method"]["help_text"]
    # The history stays a chain: the system change starts where the admin's edit ended.
    admin_edit, system_change = QuestionRevision.objects.filter(
        question__key="threshold_known_on"
    ).order_by("id")
    assert system_change.changed_by is None
    assert system_change.before == admin_edit.after


@pytest.mark.usefixtures("words_before_0011")
def test_undoing_0005_fills_the_placeholders_in_and_redoing_it_restores_them():
    new = {question.key: question.wording() for question in Question.objects.all()}
    shown = wording_map()

    placeholder_migration.fill_placeholders(apps, None)

    for key in placeholder_migration.OLD_DEFAULT_SHA256:
        assert raw(key) == shown[key], key
        assert not ANY_PLACEHOLDER.search(str(raw(key))), key

    placeholder_migration.use_placeholders(apps, None)

    for key in placeholder_migration.OLD_DEFAULT_SHA256:
        assert raw(key) == new[key], key


# --- The wizard shows the filled words ----------------------------------------------------------


def test_the_wizard_shows_the_rule_sets_figures_where_the_placeholders_stand(owner_client, acme):
    rules = load()
    systemic = f"{format_human(rules.systemic_risk_cumulative_flop)} FLOP"
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "Example-400B", "role": "developer"})
    market = wizard.page("market")
    wizard.answer("market", PLACED)
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})

    compute = wizard.page("compute")

    assert escape(f"When did you know that the compute would exceed {systemic}?") in compute
    assert escape(f"cumulative compute will exceed {systemic} (for a") in compute
    factor = rules.architecture_factor
    assert escape(f"From parameters and training tokens ({factor} × parameters × tokens)") in (
        compute
    )
    dates = [
        f"{day.day} {day:%B %Y}"
        for day in (rules.obligations_apply_from, rules.legacy_compliance_by)
    ]
    assert f"placed before {dates[0]} has until {dates[1]} to comply" in market
    for page in (market, compute):
        assert not ANY_PLACEHOLDER.search(page)


def test_a_changed_rule_set_changes_the_words_shown(owner_client, acme, monkeypatch):
    wizard = to_compute(owner_client, acme)
    use_rules(
        monkeypatch,
        rules_with(systemic_risk_cumulative_flop=Decimal("2e26"), estimate_margin=Decimal("0.2")),
    )

    compute = wizard.page("compute")

    assert escape("When did you know that the compute would exceed 2.0 × 10^26 FLOP?") in compute
    assert "the estimate must be accurate within 20%." in compute
    assert "{systemic_threshold}" not in compute


def test_the_review_and_the_stored_assessment_hold_the_filled_words(owner_client, acme):
    values = wording_placeholders()
    label = fill(raw("threshold_known_on")["label"], values)
    wizard = to_compute(owner_client, acme)

    review, assessment = complete_systemic_journey(wizard)

    assert escape(label) in review
    row = shown_row(assessment, "threshold_known_on")
    assert row["label"] == label
    assert values["systemic_threshold"] in row["help_text"]
    method = shown_row(assessment, "compute.method")
    assert f"within {values['estimate_margin']}" in method["help_text"]
    assert method["answer"] == fill(raw("compute.method")["choice_labels"]["architecture"], values)
    assert (
        f"At least {values['reach_business_users']}"
        in shown_row(assessment, "eu_business_users")["help_text"]
    )
    for row in assessment.shown:
        assert not ANY_PLACEHOLDER.search(str(row)), row
    page = owner_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert escape(label) in page


def test_an_assessment_keeps_the_figures_of_its_day_when_the_rule_set_changes(
    owner_client, acme, monkeypatch
):
    wizard = to_compute(owner_client, acme)
    use_rules(monkeypatch, rules_with(systemic_risk_cumulative_flop=Decimal("2e26")))

    _review, assessment = complete_systemic_journey(wizard)
    monkeypatch.undo()

    assert shown_row(assessment, "threshold_known_on")["label"].endswith("exceed 2.0 × 10^26 FLOP?")
    assessment.refresh_from_db()
    assert "2.0 × 10^26 FLOP" in shown_row(assessment, "threshold_known_on")["help_text"]


def test_assessments_from_the_command_line_keep_the_filled_words_too(owner_client, acme):
    _review, assessment = complete_systemic_journey(to_compute(owner_client, acme))

    rows = {row["key"]: row for row in questions_for_answers(assessment.answers)}

    assert (
        rows["threshold_known_on"]["label"] == shown_row(assessment, "threshold_known_on")["label"]
    )
    assert not ANY_PLACEHOLDER.search(str(list(rows.values())))


# --- The admin edits the raw words ------------------------------------------------------------


def test_the_admin_shows_the_placeholders_and_lists_them_with_their_values(editor_client):
    question = Question.objects.get(key="threshold_known_on")
    values = wording_placeholders()

    html, data = admin_form(editor_client, question)

    assert data["label"] == question.label
    assert "{systemic_threshold}" in data["label"]
    assert "{systemic_threshold}" in data["help_text"]
    for name, value in values.items():
        assert f"{{{name}}}" in html, name
        assert escape(value) in html, name
    assert escape(fill(question.label, values)) in html  # as the wizard shows it


def test_saving_placeholders_in_the_admin_keeps_them_raw_and_the_wizard_fills_them(
    editor_client, owner_client, acme
):
    question = Question.objects.get(key="model_name")

    response = post_admin(
        editor_client,
        question,
        label="Name the model ({gpai_threshold} or more)?",
        help_text="Placed from {obligations_apply_from}.",
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.label == "Name the model ({gpai_threshold} or more)?"
    revision = QuestionRevision.objects.get(question=question)
    assert revision.after["label"] == "Name the model ({gpai_threshold} or more)?"
    values = wording_placeholders()
    page = WizardDriver(owner_client).start(acme).page("model")
    assert escape(f"Name the model ({values['gpai_threshold']} or more)?") in page
    assert escape(f"Placed from {values['obligations_apply_from']}.") in page


@pytest.mark.parametrize(
    ("field", "typed", "named"),
    [
        ("label", "Exceeds {systemic_treshold}?", "The label"),
        ("help_text", "See {gpai-threshold} and {GPAI_THRESHOLD}.", "The help text"),
        ("choice__planned", "Planned for {launch_date}", "The choice label “planned”"),
    ],
)
def test_an_unknown_placeholder_is_refused_naming_the_field(editor_client, field, typed, named):
    question = Question.objects.get(key="placement")
    before = question.wording()

    response = post_admin(editor_client, question, **{field: typed})

    assert response.status_code == 200
    html = response.content.decode()
    unknown = unknown_placeholders(typed)
    assert unknown
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert errors, f"no error on {field}"
    message = errors[1]
    assert escape(named) in message
    for name in unknown:
        assert name in message
    assert "{systemic_threshold}" in message  # and the ones that exist
    question.refresh_from_db()
    assert question.wording() == before
    assert not QuestionRevision.objects.exists()


def test_stray_braces_typed_in_the_admin_are_saved_and_shown_as_typed(
    editor_client, owner_client, acme
):
    question = Question.objects.get(key="role")
    typed = "Who are you { or } {0} {{ {systemic_threshold ?"

    response = post_admin(
        editor_client,
        question,
        label=typed,
        help_text="Stray { and } braces, {} and { systemic_threshold }.",
        choice__developer="Developer {",
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.label == typed
    wizard = WizardDriver(owner_client).start(acme)
    page = wizard.page("model")
    assert escape(typed) in page
    assert escape("Stray { and } braces, {} and { systemic_threshold }.") in page
    wizard.answer("model", {"model_name": "Braces", "role": "developer"})
    assert wizard.page("review")


def test_an_unknown_placeholder_stored_outside_the_admin_never_breaks_a_page(owner_client, acme):
    """The admin refuses them; words written otherwise (the shell, an older version) are
    shown as typed."""
    question = Question.objects.get(key="model_name")
    question_update_wording(
        question=question,
        label="Name {unknown_name} { {0} {model!r} {}?",
        help_text="Help {systemic_threshold} {gpai_threshold",
        choice_labels={},
        changed_by=None,
    )
    values = wording_placeholders()
    wizard = WizardDriver(owner_client).start(acme)

    page = wizard.page("model")

    assert escape("Name {unknown_name} { {0} {model!r} {}?") in page
    assert escape(f"Help {values['systemic_threshold']} {{gpai_threshold") in page
    wizard.answer("model", {"model_name": "Odd words", "role": "developer"})
    wizard.answer("market", {"placement": "research_only"})
    assert wizard.page("review")
    assessment = wizard.complete()
    assert shown_row(assessment, "model_name")["label"] == "Name {unknown_name} { {0} {model!r} {}?"
    result = owner_client.get(f"/assessments/{assessment.public_id}/")
    assert result.status_code == 200
