"""The wording of the wizard's questions: the defaults shipped by the data migration, the
admin page where staff edit the words (never the keys), and the history of every change."""

import importlib
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from questionnaire.models import Question, QuestionRevision
from questionnaire.scoring import load
from questionnaire.templatetags.questionnaire_tags import AI_ACT_EUR_LEX, cite_links
from questionnaire.wizard.forms import STEP_FORMS, question_keys_by_step
from questionnaire.wording import question_update_wording, wording_map

pytestmark = pytest.mark.django_db

AI_ACT_URL = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
CITATION = re.compile(r"\b(Art\.|Annex|Recital) (\d+|[IVXL]+)\b")
ANCHOR = {"Art.": "art", "Annex": "anx", "Recital": "rct"}
GUIDELINES = "C(2025) 5045"

wording_migration = importlib.import_module(
    "questionnaire.migrations.0002_default_question_wording"
)
rule_set_2026_migration = importlib.import_module(
    "questionnaire.migrations.0006_wording_for_rule_set_2026_1"
)


# --- Helpers ------------------------------------------------------------------------------


def wizard_choice_values() -> dict[str, set[str]]:
    """Question key → the fixed choice values its wizard field offers, without the empty
    choice and without the chips of the rule set's catalogue (those are labelled from it)."""
    catalogue = set(load().accelerators)
    values: dict[str, set[str]] = {}
    for _step, form_class in STEP_FORMS:
        for name, field in form_class.base_fields.items():
            if not hasattr(field, "choices"):
                continue
            offered = {str(value) for value, _text in field.choices} - {""} - catalogue
            values.setdefault(form_class.question_key(name), set()).update(offered)
    return values


class FormFields(HTMLParser):
    """What a browser would post for the admin's change form, as rendered."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self.inputs: dict[str, str] = {}
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form" and attributes.get("id") == "question_form":
            self._in_form = True
        if not self._in_form:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            self.inputs[name] = kind
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self._add(name, attributes.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self.inputs[name] = "textarea"
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self.inputs[name] = "select"
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attributes:
                self._add(self._select, value)
                self._select_chosen = True

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def read_form(html: str) -> FormFields:
    parser = FormFields()
    parser.feed(html)
    # Browsers drop the single newline that follows <textarea>.
    for name, kind in parser.inputs.items():
        if kind == "textarea":
            parser.data[name] = [value.removeprefix("\n") for value in parser.data[name]]
    return parser


def change_url(question: Question) -> str:
    return reverse("admin:questionnaire_question_change", args=[question.pk])


def staff_user(username: str, *codenames: str):
    user = get_user_model().objects.create_user(username=username, password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="questionnaire", codename__in=codenames)
    )
    return user


@pytest.fixture
def editor(client):
    """A staff member who may see and change questions, and nothing else."""
    user = staff_user("editor", "change_question", "view_question")
    client.force_login(user)
    return user


@pytest.fixture
def placement():
    return Question.objects.get(key="placement")


def shown_form(client, question: Question) -> FormFields:
    response = client.get(change_url(question))
    assert response.status_code == 200
    return read_form(response.content.decode())


def post_form(client, question: Question, **changes: str):
    form = shown_form(client, question)
    data = dict(form.data)
    data.update({name: [value] for name, value in changes.items()})
    return client.post(change_url(question), data)


# --- The default wording ------------------------------------------------------------------


def test_every_question_of_the_wizard_ships_with_a_label():
    wording = wording_map()

    for step, keys in question_keys_by_step().items():
        for key in keys:
            assert key in wording, f"no wording for {key} ({step})"
            assert wording[key]["label"].strip(), f"empty label for {key}"
            assert wording[key]["help_text"].strip(), f"empty help text for {key}"


def test_every_fixed_choice_of_the_wizard_ships_with_a_label_and_no_other_value_does():
    wording = wording_map()

    for key, values in wizard_choice_values().items():
        labels = wording[key]["choice_labels"]
        assert set(labels) == values, key
        assert all(label.strip() for label in labels.values()), key


def test_only_the_other_chip_choice_is_labelled_in_the_wording_as_catalogue_chips_come_from_the_rules():
    labels = wording_map()["compute.periods.accelerator"]["choice_labels"]

    assert labels == {"custom": "Other chip: I give its peak FLOP/s"}


def test_questions_are_stored_in_the_steps_and_order_of_the_wizard():
    expected = [(step, key) for step, keys in question_keys_by_step().items() for key in keys]

    stored = list(Question.objects.order_by("position").values_list("step", "key"))

    assert stored == expected


def test_labels_are_short_questions():
    for question in Question.objects.all():
        assert question.label.endswith("?"), question.key
        assert len(question.label) <= 100, question.key


def test_help_texts_are_plain_text_and_every_article_cited_links_to_the_official_text():
    """Each citation of the AI Act in a help text is shown as a link to that article (annex,
    recital) on EUR-Lex (questionnaire_tags.cite_links); the Guidelines are named."""
    for question in Question.objects.all():
        help_text = question.help_text
        assert "<" not in help_text and ">" not in help_text, question.key
        shown = str(cite_links(help_text))
        for kind, number in CITATION.findall(help_text.replace("Annex A", "")):
            anchor = f"{ANCHOR[kind]}_{number}"
            assert f'href="{AI_ACT_EUR_LEX}#{anchor}"' in shown, (question.key, anchor)
        assert AI_ACT_URL not in help_text, f"{question.key}: link the article, not the Act"
        if "§" in help_text or "Annex A" in help_text:
            assert GUIDELINES in help_text, question.key


@pytest.mark.parametrize(
    ("key", "fragments"),
    [
        (
            "generality",
            [
                "§2.1",
                "Art. 3(63)",
                "speech transcription",
                "text-to-speech",
                "image upscaling",
                "inpainting",
                "music generation from text",
                "sound effects with low-quality speech",
                "wide range of distinct tasks",
            ],
        ),
        ("placement", ["§3.1.2", "§2.2", "with a view to placing it on the market"]),
        (
            "compute.method",
            [
                "{estimate_margin}",
                "× {architecture_factor}",
                "chips × hours × peak FLOP/s per chip × utilisation",
            ],
        ),
        (
            "compute.periods.utilisation",
            ["model FLOP utilisation", "0.3–0.4", "0.5", "never guess"],
        ),
        ("synthetic_data_flop", ["not publicly available", "discarded samples"]),
        ("threshold_known_on", ["Art. 52(1)", "two weeks", "{systemic_threshold}"]),
        (
            "open_source.licence_permits_all",
            ["research-only", "non-commercial", "number of users", "separate commercial licence"],
        ),
        (
            "open_source.monetised",
            ["price", "paid support", "behind payment", "personal data", "§4"],
        ),
        ("eu_business_users", ["{reach_business_users}", "Annex XIII(f)", "Art. 51"]),
        ("high_impact_capabilities", ["Annex XIII", "Art. 51(1)(a)", "Art. 3(64)"]),
        ("upstream_excluded_eu", ["clearly and unequivocally", "§3.1.3"]),
        ("established_in_eu", ["Art. 54", "authorised representative"]),
        ("training_tokens", ["every epoch", "15.6T"]),
    ],
)
def test_help_texts_explain_the_rule_and_name_its_source(key, fragments):
    # As stored: the rule set's figures are placeholders (tests/web/test_wording_placeholders.py).
    help_text = Question.objects.get(key=key).help_text

    for fragment in fragments:
        assert fragment in help_text, f"{key}: missing {fragment!r}"


def test_each_placement_choice_says_what_it_means():
    labels = Question.objects.get(key="placement").choice_labels

    assert "with a view to placing" in labels["planned"]
    assert "research, development or prototyping" in labels["research_only"]
    assert "clearly and unequivocally" in labels["excluded_eu"]
    assert "not essential" in labels["internal_only"]


def test_running_the_wording_migration_again_keeps_what_admins_wrote():
    placement = Question.objects.get(key="placement")
    placement.label = "Our own words"
    placement.choice_labels = {**placement.choice_labels, "planned": "Coming soon"}
    placement.save()
    Question.objects.filter(key="role").update(position=999, step="elsewhere")

    wording_migration.create_wording(apps, None)

    placement.refresh_from_db()
    assert placement.label == "Our own words"
    assert placement.choice_labels["planned"] == "Coming soon"
    role = Question.objects.get(key="role")
    assert (role.step, role.position) == ("model", 102)
    assert Question.objects.count() == sum(map(len, question_keys_by_step().values()))


def test_running_the_wording_migration_again_recreates_a_missing_question_with_its_wording():
    Question.objects.filter(key="generality").delete()

    wording_migration.create_wording(apps, None)

    assert "§2.1" in Question.objects.get(key="generality").help_text


def test_undoing_the_wording_migrations_removes_the_questions_they_created():
    rule_set_2026_migration.remove_questions(apps, None)
    wording_migration.delete_wording(apps, None)

    assert not Question.objects.exists()


def test_undoing_0006_removes_its_questions_and_restores_the_order_of_0002():
    rule_set_2026_migration.remove_questions(apps, None)

    stored = list(Question.objects.order_by("position").values_list("step", "key"))
    assert stored == [
        (question["step"], question["key"]) for question in wording_migration.questions()
    ]
    assert not Question.objects.filter(key__in=list(rule_set_2026_migration.NEW)).exists()


def test_running_0006_again_keeps_what_admins_wrote_and_recreates_a_missing_question():
    designated_on = Question.objects.get(key="designated_on")
    designated_on.label = "Our own words?"
    designated_on.save()
    Question.objects.filter(key="compute.flop.modifier").delete()
    Question.objects.filter(key="compute.method").update(position=999, step="elsewhere")

    rule_set_2026_migration.add_questions(apps, None)

    assert Question.objects.get(key="designated_on").label == "Our own words?"
    assert "modification" in Question.objects.get(key="compute.flop.modifier").label
    method = Question.objects.get(key="compute.method")
    assert (method.step, method.position) == ("compute", 601)


# --- wording_map and the service ----------------------------------------------------------


def test_the_wizard_reads_all_wording_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        wording = wording_map()

    assert set(wording["placement"]) == {"label", "help_text", "choice_labels"}
    assert len(wording) == Question.objects.count()


def test_changing_wording_records_who_changed_what(placement):
    user = staff_user("lawyer")
    before = placement.wording()

    revision = question_update_wording(
        question=placement,
        label="Is the model on the EU market?",
        help_text=placement.help_text,
        choice_labels=placement.choice_labels,
        changed_by=user,
    )

    assert revision is not None
    assert revision.changed_by == user
    assert revision.before == before
    assert revision.after == {**before, "label": "Is the model on the EU market?"}
    placement.refresh_from_db()
    assert placement.label == "Is the model on the EU market?"


def test_unchanged_wording_records_nothing(placement):
    revision = question_update_wording(
        question=placement,
        label=placement.label,
        help_text=placement.help_text,
        choice_labels=dict(placement.choice_labels),
        changed_by=None,
    )

    assert revision is None
    assert not QuestionRevision.objects.exists()


def test_choice_values_cannot_be_added_or_removed_through_the_wording(placement):
    with pytest.raises(ValueError, match="fixed choice values"):
        question_update_wording(
            question=placement,
            label=placement.label,
            help_text=placement.help_text,
            choice_labels={**placement.choice_labels, "sold": "Sold"},
            changed_by=None,
        )

    placement.refresh_from_db()
    assert "sold" not in placement.choice_labels


# --- The admin page -----------------------------------------------------------------------


def test_the_change_form_shows_one_text_input_per_choice_and_never_raw_json(
    client, editor, placement
):
    response = client.get(change_url(placement))
    html = response.content.decode()
    form = read_form(html)

    choice_inputs = {
        name: kind for name, kind in form.inputs.items() if name.startswith("choice__")
    }
    assert choice_inputs == {f"choice__{value}": "text" for value in placement.choice_labels}
    assert form.data["choice__planned"] == [placement.choice_labels["planned"]]
    assert "choice_labels" not in form.inputs
    for value in placement.choice_labels:
        assert re.search(rf'<label[^>]*for="id_choice__{value}"[^>]*>{value}\b', html), value


def test_a_question_without_choices_shows_no_choice_inputs(client, editor):
    form = shown_form(client, Question.objects.get(key="model_name"))

    assert not [name for name in form.inputs if name.startswith("choice__")]
    assert {"label", "help_text"} <= set(form.inputs)


def test_posting_a_new_label_saves_it_and_records_one_revision_with_the_editor(
    client, editor, placement
):
    before = placement.wording()

    response = post_form(client, placement, label="Is the model on the EU market?")

    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.label == "Is the model on the EU market?"
    revision = QuestionRevision.objects.get()
    assert revision.question == placement
    assert revision.changed_by == editor
    assert revision.before == before
    assert revision.after == {**before, "label": "Is the model on the EU market?"}


def test_posting_a_new_choice_label_saves_it_and_keeps_the_other_choices(client, editor, placement):
    others = {value: text for value, text in placement.choice_labels.items() if value != "planned"}

    response = post_form(client, placement, choice__planned="Not yet on the market")

    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.choice_labels == {**others, "planned": "Not yet on the market"}
    revision = QuestionRevision.objects.get()
    assert revision.after["choice_labels"]["planned"] == "Not yet on the market"
    assert revision.before["choice_labels"]["planned"] != "Not yet on the market"


def test_posting_the_same_wording_again_records_no_revision(client, editor, placement):
    post_form(client, placement, label="Is the model on the EU market?")

    response = post_form(client, placement)

    assert response.status_code == 302
    assert QuestionRevision.objects.count() == 1


def test_an_empty_choice_label_is_refused(client, editor, placement):
    response = post_form(client, placement, choice__planned="")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    placement.refresh_from_db()
    assert placement.choice_labels["planned"]
    assert not QuestionRevision.objects.exists()


def test_posting_another_key_step_or_position_changes_nothing_of_them(client, editor, placement):
    response = post_form(
        client, placement, key="hijacked", step="reach", position="1", label="New words?"
    )

    assert response.status_code == 302
    placement.refresh_from_db()
    assert (placement.key, placement.step, placement.position) == ("placement", "market", 301)
    assert placement.label == "New words?"
    assert not Question.objects.filter(key="hijacked").exists()


def test_posting_choice_values_that_do_not_exist_adds_none(client, editor, placement):
    post_form(client, placement, choice__sold="Sold", label="New words?")

    placement.refresh_from_db()
    assert "sold" not in placement.choice_labels


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_questions_cannot_be_added_or_deleted_as_their_keys_are_logic(client, placement, who):
    if who == "superuser":
        client.force_login(get_user_model().objects.create_superuser(username="root", password="x"))
    else:
        client.force_login(
            staff_user(
                "editor", "change_question", "view_question", "add_question", "delete_question"
            )
        )

    add = client.get(reverse("admin:questionnaire_question_add"))
    delete = client.get(reverse("admin:questionnaire_question_delete", args=[placement.pk]))
    delete_post = client.post(
        reverse("admin:questionnaire_question_delete", args=[placement.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert delete.status_code == 403
    assert delete_post.status_code == 403
    assert Question.objects.filter(pk=placement.pk).exists()


def test_a_staff_user_without_the_permission_cannot_open_the_change_page(client, placement):
    client.force_login(staff_user("visitor"))

    response = client.get(change_url(placement))

    assert response.status_code == 403


def test_a_staff_user_who_may_only_view_cannot_change_the_wording(client, placement):
    client.force_login(staff_user("reader", "view_question"))
    label = placement.label

    response = client.post(change_url(placement), {"label": "Changed?", "help_text": "x"})

    assert response.status_code == 403
    placement.refresh_from_db()
    assert placement.label == label


def test_the_history_shows_who_changed_what_newest_first(client, editor, placement):
    old_label = placement.label
    post_form(client, placement, label="First new wording?")
    post_form(client, placement, label="Second new wording?")

    html = client.get(change_url(placement)).content.decode()

    assert "Wording history" in html
    editors = re.findall(r'class="field-changed_by">\s*<p>(?:<a [^>]*>)?([^<]*)<', html)
    assert editors == ["editor", "editor"]
    first_change = html.index(f"Label: {old_label}")
    second_change = html.index("Label: First new wording?")
    assert second_change < first_change
    assert "Label: Second new wording?" in html
    assert "choice_labels" not in html.split("Wording history", 1)[1]


def test_the_history_escapes_what_was_typed(client, editor, placement):
    post_form(client, placement, label="<script>alert(1)</script>?")

    html = client.get(change_url(placement)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;?" in html


def test_the_question_list_can_be_searched_by_key_and_filtered_by_step(client, editor):
    url = reverse("admin:questionnaire_question_changelist")

    searched = client.get(url, {"q": "generality"}).content.decode()
    filtered = client.get(url, {"step": "release"}).content.decode()

    assert "generality" in searched and "placed_on" not in searched
    assert "open_source.monetised" in filtered and "generality" not in filtered


def test_the_revision_list_is_read_only(client, editor, placement):
    post_form(client, placement, label="New words?")
    revision = QuestionRevision.objects.get()
    client.force_login(get_user_model().objects.create_superuser(username="root", password="x"))

    listing = client.get(reverse("admin:questionnaire_questionrevision_changelist"))
    detail = client.get(reverse("admin:questionnaire_questionrevision_change", args=[revision.pk]))
    add = client.get(reverse("admin:questionnaire_questionrevision_add"))
    delete = client.get(reverse("admin:questionnaire_questionrevision_delete", args=[revision.pk]))

    assert listing.status_code == 200 and "placement" in listing.content.decode()
    assert detail.status_code == 200 and "Label: New words?" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()
    assert (add.status_code, delete.status_code) == (403, 403)


def test_assessments_can_be_viewed_but_never_added_changed_or_deleted_in_the_admin(client):
    client.force_login(get_user_model().objects.create_superuser(username="root", password="x"))

    listing = client.get(reverse("admin:questionnaire_assessment_changelist"))
    add = client.get(reverse("admin:questionnaire_assessment_add"))

    assert listing.status_code == 200
    assert add.status_code == 403
