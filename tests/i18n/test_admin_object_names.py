"""The admin names rows in its reader's language (issue 15): a row's name (``__str__``) is
what the admin shows for it in change-page titles, breadcrumbs, deletion pages and history,
so on German and French pages it is written in their words, with choices by their labels and
dates in the language's form. English pages name rows exactly as they always did. And the
placeholder table of the question admin shows each value as the wizard shows it on a page in
the admin's language.

Nothing that must not change with the reader's language is written from a row's name: the
last test keeps the audit trail's CSV, downloaded from a German page, as it is in English."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import formats, timezone, translation
from django.utils.translation import pgettext

from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    AuditEvent,
    ChecklistProgress,
    DocumentVersion,
    Draft,
    Evidence,
    Invitation,
    LedgerEntry,
    Membership,
    ModelLineage,
    Organisation,
    OutboxMessage,
    Question,
    QuestionRevision,
    RecordChain,
    RecordReport,
    RegisteredModel,
    ReviewComment,
    ReviewThread,
    ThresholdEvent,
)
from questionnaire.wording import PLACEHOLDERS, wording_placeholders
from tests.i18n.test_admin_language import page_text
from tests.people import make_member
from tests.records.conftest import (  # noqa: F401 (fixtures)
    make_record,
    signing_paths,
    signing_setup,
)

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 5, 1, 14, 5, 7, 123456, tzinfo=UTC)
DRAFT = uuid.UUID("6f1c2a4e-0000-4000-8000-00000000000d")


def read_in(client: Client, language: str, url: str) -> str:
    client.cookies["django_language"] = language
    return page_text(client, url)


# ------------------------------------------------------------------ every name, three ways


def _rows() -> dict[str, object]:
    """One unsaved row of each model whose name has words, choices or dates."""
    alice = User(username="alice")
    organisation = Organisation(slug="beispiel", name="Beispiel")
    assessment = Assessment(model_name="Example-70B", organisation=organisation, created_at=MOMENT)
    record_model = RegisteredModel(name="Example")
    thread = ReviewThread(question_key="role", draft_public_id=DRAFT)
    record = AssessmentRecord(model_name="Example-70B", sequence=3, organisation=organisation)
    return {
        "membership": Membership(user=alice, organisation=organisation, role="attester"),
        "revision": QuestionRevision(
            question=Question(key="role"), language="de", changed_at=MOMENT
        ),
        "draft": Draft(public_id=DRAFT),
        "assessment": assessment,
        "chain": RecordChain(organisation=organisation, count=2),
        "record": record,
        "report": RecordReport(record=record),
        "event": AuditEvent(action="assessment.created", actor_username="alice", created_at=MOMENT),
        "event by nobody": AuditEvent(action="chain.verified", created_at=MOMENT),
        "checklist item": ChecklistProgress(item="annex_xi_1", assessment=assessment, done=True),
        "open checklist item": ChecklistProgress(item="annex_xi_1", assessment=assessment),
        "document version": DocumentVersion(
            kind="model_documentation", number=2, assessment=assessment
        ),
        "thread": thread,
        "comment": ReviewComment(author=alice, thread=thread),
        "evidence": Evidence(name="run.pdf", question_key="training_flop"),
        "invitation": Invitation(organisation=organisation, role="reviewer"),
        "e-mail": OutboxMessage(kind="invitation", to_email="x@example.com"),
        "lineage": ModelLineage(model=record_model, kind="fine_tuned_from", external_name="Llama"),
        "ledger entry": LedgerEntry(model=record_model, kind="pre_training", status="planned"),
        "threshold event": ThresholdEvent(
            model=record_model, threshold="systemic_risk", kind="crossed", known_on=date(2026, 5, 1)
        ),
    }


NAMES = {
    "membership": (
        "alice in Beispiel (attester)",
        "alice in Beispiel (Unterzeichnende(r))",
        "alice chez Beispiel (signataire)",
    ),
    "revision": (
        "role [de] changed at 2026-05-01 14:05",
        "role [de] geändert am 1. Mai 2026 14:05",
        "role [de] modifié le 1 mai 2026 14:05",
    ),
    "draft": (f"Draft {DRAFT}", f"Entwurf {DRAFT}", f"Brouillon {DRAFT}"),
    "assessment": (
        "Example-70B (2026-05-01)",
        "Example-70B (1. Mai 2026)",
        "Example-70B (1 mai 2026)",
    ),
    "chain": ("Beispiel: 2 records", "Beispiel: 2 Nachweise", "Beispiel : 2 enregistrements"),
    "record": (
        "Example-70B — record 3 of Beispiel",
        "Example-70B — Nachweis 3 von Beispiel",
        "Example-70B — enregistrement 3 de Beispiel",
    ),
    "report": (
        "Report of Example-70B — record 3 of Beispiel",
        "Bericht zu Example-70B — Nachweis 3 von Beispiel",
        "Rapport de Example-70B — enregistrement 3 de Beispiel",
    ),
    "event": (
        "Assessment created by alice at 2026-05-01 14:05:07.123456+00:00",
        "Bewertung erstellt von alice am 1. Mai 2026 14:05",
        "Évaluation créée par alice le 1 mai 2026 14:05",
    ),
    "event by nobody": (
        "Record chain verified by nobody at 2026-05-01 14:05:07.123456+00:00",
        "Nachweiskette geprüft ohne handelnde Person am 1. Mai 2026 14:05",
        "Chaîne d'enregistrements vérifiée sans auteur le 1 mai 2026 14:05",
    ),
    "checklist item": (
        "annex_xi_1 of Example-70B (2026-05-01): done",
        "annex_xi_1 von Example-70B (1. Mai 2026): erledigt",
        "annex_xi_1 de Example-70B (1 mai 2026) : fait",
    ),
    "open checklist item": (
        "annex_xi_1 of Example-70B (2026-05-01): open",
        "annex_xi_1 von Example-70B (1. Mai 2026): offen",
        "annex_xi_1 de Example-70B (1 mai 2026) : à faire",
    ),
    "document version": (
        "model_documentation version 2 of Example-70B (2026-05-01)",
        "model_documentation, Version 2 von Example-70B (1. Mai 2026)",
        "model_documentation, version 2 de Example-70B (1 mai 2026)",
    ),
    "thread": (
        f"role of draft {DRAFT}",
        f"role des Entwurfs {DRAFT}",
        f"role du brouillon {DRAFT}",
    ),
    "comment": (
        f"Comment by alice on role of draft {DRAFT}",
        f"Kommentar von alice zu role des Entwurfs {DRAFT}",
        f"Commentaire de alice sur role du brouillon {DRAFT}",
    ),
    "evidence": (
        "run.pdf on training_flop",
        "run.pdf zu training_flop",
        "run.pdf pour training_flop",
    ),
    "invitation": (
        "Invitation to Beispiel as reviewer",
        "Einladung zu Beispiel als Prüfende(r)",
        "Invitation à rejoindre Beispiel en tant que relecteur",
    ),
    "e-mail": (
        "invitation to x@example.com",
        "invitation an x@example.com",
        "invitation à x@example.com",
    ),
    "lineage": (
        "Example fine_tuned_from Llama",
        "Example Feinabgestimmt aus Llama",
        "Example Affiné à partir de Llama",
    ),
    "ledger entry": (
        "pre_training of Example (planned)",
        "Vortraining von Example (Geplant)",
        "Pré-entraînement de Example (Prévu)",
    ),
    "threshold event": (
        "Example: systemic_risk crossed on 2026-05-01",
        "Example: systemic_risk Überschritten am 1. Mai 2026",
        "Example : systemic_risk Franchi le 1 mai 2026",
    ),
}


@pytest.mark.parametrize("row", sorted(NAMES))
def test_each_row_is_named_in_the_active_language_and_in_english_as_before(row):
    named = _rows()[row]
    english, german, french = NAMES[row]
    for language, expected in (("en", english), ("de", german), ("fr", french)):
        with translation.override(language):
            assert str(named) == expected, language
    with translation.override(None):  # no language active: a command, a log
        assert str(named) == english


# ------------------------------------------------------------------ the admin's pages


@pytest.fixture
def beispiel(db) -> Organisation:
    """An organisation with a member, an invitation, a draft under review with a comment
    and an e-mail: everything its deletion page lists by name."""
    organisation = Organisation.objects.create(slug="beispiel", name="Beispiel")
    alice = make_member("alice", organisation, Membership.Role.ATTESTER)
    Invitation.objects.create(
        organisation=organisation,
        role=Membership.Role.REVIEWER,
        token_sha256="0" * 64,
        created_by=alice,
        expires_at=timezone.now() + timedelta(days=7),
    )
    Draft.objects.create(organisation=organisation, owner=alice, public_id=DRAFT)
    thread = ReviewThread.objects.create(
        organisation=organisation, draft_public_id=DRAFT, question_key="role", opened_by=alice
    )
    ReviewComment.objects.create(thread=thread, author=alice, body="Why?")
    OutboxMessage.objects.create(
        organisation=organisation, to_email="x@example.com", kind="invitation", subject="s"
    )
    return organisation


DELETION_NAMES = {
    "en": [
        "alice in Beispiel (attester)",
        "Invitation to Beispiel as reviewer",
        f"Draft {DRAFT}",
        f"Comment by alice on role of draft {DRAFT}",
        "invitation to x@example.com",
        # The kinds of row, by their model names.
        "Comment thread: role of draft",
        "Outgoing e-mail: invitation to x@example.com",
    ],
    "de": [
        "alice in Beispiel (Unterzeichnende(r))",
        "Einladung zu Beispiel als Prüfende(r)",
        f"Entwurf {DRAFT}",
        f"Kommentar von alice zu role des Entwurfs {DRAFT}",
        "invitation an x@example.com",
        "Kommentarverlauf: role des Entwurfs",
        "Kommentar der Prüfung: Kommentar von alice",
        "Ausgehende E-Mail: invitation an x@example.com",
    ],
    "fr": [
        "alice chez Beispiel (signataire)",
        "Invitation à rejoindre Beispiel en tant que relecteur",
        f"Brouillon {DRAFT}",
        f"Commentaire de alice sur role du brouillon {DRAFT}",
        "invitation à x@example.com",
        "Fil de commentaires: role du brouillon",
        "Commentaire de revue: Commentaire de alice",
        "E-mail sortant: invitation à x@example.com",
    ],
}


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_deletion_page_names_what_goes_with_an_organisation_in_its_language(
    staff_client, beispiel, language
):
    page = read_in(
        staff_client, language, f"/admin/questionnaire/organisation/{beispiel.pk}/delete/"
    )
    for name in DELETION_NAMES[language]:
        assert name in page, name
    for english in DELETION_NAMES["en"]:
        assert english not in page, english
    assert "(attester)" not in page and " of draft " not in page


def test_the_english_deletion_page_names_them_as_before(staff_client, beispiel):
    page = read_in(staff_client, "en", f"/admin/questionnaire/organisation/{beispiel.pk}/delete/")
    for name in DELETION_NAMES["en"]:
        assert name in page, name


def test_a_membership_page_is_titled_in_the_admins_language(staff_client, beispiel):
    membership = Membership.objects.get(organisation=beispiel)
    url = f"/admin/questionnaire/membership/{membership.pk}/change/"
    assert "alice in Beispiel (Unterzeichnende(r))" in read_in(staff_client, "de", url)
    assert "alice chez Beispiel (signataire)" in read_in(staff_client, "fr", url)
    english = read_in(staff_client, "en", url)
    assert "alice in Beispiel (attester)" in english


def test_a_wording_change_and_an_audit_event_are_named_with_the_languages_dates(staff_client):
    revision = QuestionRevision.objects.create(
        question=Question.objects.get(key="role"), language="de", before={}, after={}
    )
    QuestionRevision.objects.filter(pk=revision.pk).update(changed_at=MOMENT)
    event = AuditEvent.objects.create(
        action=AuditEvent.Action.ASSESSMENT_CREATED, actor_username="alice", created_at=MOMENT
    )
    pages = {
        "revision": f"/admin/questionnaire/questionrevision/{revision.pk}/change/",
        "event": f"/admin/questionnaire/auditevent/{event.pk}/change/",
    }
    expected = {
        "de": {
            "revision": "role [de] geändert am 1. Mai 2026 14:05",
            "event": "Bewertung erstellt von alice am 1. Mai 2026 14:05",
        },
        "fr": {
            "revision": "role [de] modifié le 1 mai 2026 14:05",
            "event": "Évaluation créée par alice le 1 mai 2026 14:05",
        },
        "en": {
            "revision": "role [de] changed at 2026-05-01 14:05",
            "event": "Assessment created by alice at 2026-05-01 14:05:07.123456+00:00",
        },
    }
    for language, names in expected.items():
        for page, name in names.items():
            text = read_in(staff_client, language, pages[page])
            assert name in text, (language, name)
            if language != "en":
                assert expected["en"][page] not in text
                assert " changed at " not in text and "Assessment created by" not in text


@pytest.mark.usefixtures("signing_setup")
def test_a_record_and_its_assessment_are_named_in_the_admins_language(staff_client, acme, owner):
    record = make_record(acme, owner)
    assert record.assessment is not None
    Assessment.objects.filter(pk=record.assessment.pk).update(created_at=MOMENT)
    record_url = f"/admin/questionnaire/assessmentrecord/{record.pk}/change/"
    assessment_url = f"/admin/questionnaire/assessment/{record.assessment.pk}/change/"

    german = read_in(staff_client, "de", record_url)
    assert "Example-70B — Nachweis 1 von Acme AI" in german
    assert "— record 1 of" not in german
    assert "Example-70B (1. Mai 2026)" in read_in(staff_client, "de", assessment_url)
    french = read_in(staff_client, "fr", record_url)
    assert "Example-70B — enregistrement 1 de Acme AI" in french
    assert "Example-70B (1 mai 2026)" in read_in(staff_client, "fr", assessment_url)

    assert "Example-70B — record 1 of Acme AI" in read_in(staff_client, "en", record_url)
    assert "Example-70B (2026-05-01)" in read_in(staff_client, "en", assessment_url)


# ------------------------------------------------------------------ the placeholder table


@pytest.mark.parametrize(
    ("language", "now"),
    [("de", "(derzeit „{}“)"), ("fr", "(actuellement « {} »)"), ("en", "(now “{}”)")],
)
def test_the_placeholder_table_shows_the_values_as_the_wizard_shows_them_in_its_language(
    staff_client, language, now
):
    question = Question.objects.get(key="role")
    page = read_in(staff_client, language, f"/admin/questionnaire/question/{question.pk}/change/")
    shown = wording_placeholders(language=language)  # what the wizard fills in on such a page
    english = wording_placeholders()
    for name in PLACEHOLDERS:
        assert now.format(shown[name]) in page, name
        if shown[name] != english[name]:
            assert now.format(english[name]) not in page, name
    if language == "de":
        assert "(derzeit „2. August 2025“)" in page and "(derzeit „ein Drittel“)" in page
        assert "(derzeit „30\u00a0%“)" in page and "(derzeit „10.000“)" in page


# ------------------------------------------------------------------ what stays English


def test_the_audit_trails_csv_stays_as_it_is_from_a_german_page(acme):
    """The trail's export writes the fields of each event, never its name."""
    AuditEvent.objects.create(
        organisation=acme,
        action=AuditEvent.Action.ASSESSMENT_CREATED,
        actor_username="alice",
        created_at=MOMENT,
    )
    AuditEvent.objects.create(
        organisation=acme, action=AuditEvent.Action.CHAIN_VERIFIED, created_at=MOMENT
    )
    client = Client()
    client.force_login(make_member("carol", acme, Membership.Role.ADMIN))

    def rows(language: str) -> list[dict[str, str]]:
        client.cookies["django_language"] = language
        response = client.get("/organisations/acme/audit.csv")
        assert response.status_code == 200
        text = response.getvalue().decode()
        return [
            row for row in csv.DictReader(io.StringIO(text)) if row["action"] != "audit.exported"
        ]

    german = rows("de")
    assert german == rows("en")
    assert sorted((row["time_utc"], row["action"], row["actor"]) for row in german) == [
        ("2026-05-01T14:05:07.123456+00:00", "assessment.created", "alice"),
        ("2026-05-01T14:05:07.123456+00:00", "chain.verified", ""),
    ]


def test_may_is_a_month_in_dates_and_what_a_token_may_do_on_its_page():
    """The API tokens page's column "May" (what a token may do) has a context of its own:
    without it, its German and French words replaced Django's month in every date."""
    with translation.override("de"):
        assert formats.date_format(date(2026, 5, 1), "DATE_FORMAT") == "1. Mai 2026"
        assert pgettext("what an API token may do", "May") == "Darf"
    with translation.override("fr"):
        assert formats.date_format(date(2026, 5, 1), "DATE_FORMAT") == "1 mai 2026"
        assert pgettext("what an API token may do", "May") == "Peut"
