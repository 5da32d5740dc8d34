"""Evidence in the browser: beside each answer of the review step, its files and links and
a form to attach more (multipart, its inputs labelled, tied to a form outside the wizard's);
the page of one answer's form, which shows errors tied to their field and keeps what was
typed; the download; removal; and the evidence on the result and record pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from questionnaire.models import Evidence
from tests.evidence.conftest import EXE, PDF, attach, complete, sign
from tests.web.test_wizard_journeys import ARCHITECTURE_70B, developer_steps
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def wizard(signing_setup, owner_client, acme) -> WizardDriver:
    driver = WizardDriver(owner_client).start(acme)
    driver.walk(developer_steps(ARCHITECTURE_70B))
    return driver


def add_url(wizard: WizardDriver, key: str = "model_name") -> str:
    return f"/drafts/{wizard.draft_id}/evidence/{key}/"


class Forms(HTMLParser):
    """The page's forms: each with its attributes and whether it sits inside another."""

    def __init__(self) -> None:
        super().__init__()
        self.open = 0
        self.nested = 0
        self.forms: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.nested += self.open
            self.open += 1
            found = dict(attrs)
            self.forms[found.get("id") or f"form-{len(self.forms)}"] = found

    def handle_endtag(self, tag):
        if tag == "form":
            self.open -= 1


def forms_of(html: str) -> Forms:
    parser = Forms()
    parser.feed(html)
    return parser


def test_the_review_offers_a_labelled_multipart_form_beside_each_answer(wizard):
    html = wizard.page("review")

    forms = forms_of(html)
    assert forms.nested == 0, "no form inside another"
    first = forms.forms["evidence-add-1"]
    assert first["enctype"] == "multipart/form-data"
    assert first["action"] == add_url(wizard)
    assert 'id="evidence-model_name"' in html
    for field in ("file", "url"):
        assert f'<label class="field__label" for="evidence-1-{field}">' in html
        tag = re.search(rf'<input[^>]*id="evidence-1-{field}"[^>]*>', html)
        assert tag and 'form="evidence-add-1"' in tag.group(0)
        assert f'aria-describedby="evidence-1-{field}_helptext"' in tag.group(0)
    assert 'type="file"' in html
    assert "at most 10 MB" in html


def test_a_file_attached_from_the_review_is_listed_beside_its_answer(wizard, owner_client):
    response = owner_client.post(
        add_url(wizard), {"file": _upload("Training run.pdf", PDF), "url": ""}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/drafts/{wizard.draft_id}/review/#evidence-model_name"
    evidence = Evidence.objects.get()
    html = wizard.page("review")
    assert f'href="/evidence/{evidence.public_id}/download/">Training-run.pdf</a>' in html
    assert "added by alice" in html
    assert f'form="evidence-remove-{evidence.public_id}"' in html
    assert forms_of(html).forms[f"evidence-remove-{evidence.public_id}"]["method"] == "post"


def test_a_refused_file_shows_its_error_tied_to_the_field_and_keeps_the_link(wizard, owner_client):
    response = owner_client.post(
        add_url(wizard),
        {"file": _upload("training-run.pdf", EXE), "url": "https://example.com/run"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_file">“training-run.pdf” is a Windows program' in html
    assert 'id="id_file_error"' in html
    assert re.search(
        r'<input[^>]*aria-describedby="[^"]*id_file_error[^"]*"[^>]*id="id_file"', html
    )
    assert 'value="https://example.com/run"' in html
    assert not Evidence.objects.exists()


def test_a_bad_link_shows_its_error_and_keeps_what_was_typed(wizard, owner_client):
    response = owner_client.post(add_url(wizard), {"url": "files.example.com/run.pdf"})

    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#id_url">Enter a web address starting with https://' in html
    assert 'value="files.example.com/run.pdf"' in html


def test_neither_a_file_nor_a_link_asks_for_one(wizard, owner_client):
    response = owner_client.post(add_url(wizard), {"url": ""})

    assert response.status_code == 400
    assert "Choose a file, or enter a link to the evidence." in response.content.decode()


def test_an_upload_announced_over_the_limit_is_refused_unread(wizard, owner_client, settings):
    settings.EVIDENCE_MAX_BYTES = 1024

    response = owner_client.post(
        add_url(wizard), {"file": _upload("big.pdf", PDF + bytes(200_000))}
    )

    assert response.status_code == 413
    assert "The file is larger than 1 KB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_path_sent_as_the_file_name_is_reduced_to_its_base_name(wizard, owner_client):
    boundary = "BoUnDaRy"
    body = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="../../etc/passwd"\r\n'
        "Content-Type: text/plain\r\n\r\n"
        "root:x:0:0\r\n"
        f"--{boundary}--\r\n"
    ).encode()

    response = owner_client.post(
        add_url(wizard), body, content_type=f"multipart/form-data; boundary={boundary}"
    )

    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.name == "passwd.txt"
    assert evidence.file.name == f"evidence/acme/{evidence.public_id}"


def test_another_organisations_draft_and_evidence_are_404(wizard, owner, outsider):
    from tests.people import signed_in

    evidence = attach(wizard.draft, owner)
    client = signed_in(outsider)

    assert client.get(add_url(wizard)).status_code == 404
    assert client.post(add_url(wizard), {"file": _upload("x.pdf", PDF)}).status_code == 404
    assert client.get(f"/evidence/{evidence.public_id}/download/").status_code == 404
    assert client.post(f"/evidence/{evidence.public_id}/remove/").status_code == 404
    assert Evidence.objects.count() == 1


def test_an_unknown_question_is_404(wizard, owner_client):
    assert owner_client.get(add_url(wizard, "no.such.question")).status_code == 404


def test_the_download_is_an_attachment_under_a_safe_name(wizard, owner, owner_client):
    evidence = attach(wizard.draft, owner, name="Modèle report.pdf")

    response = owner_client.get(f"/evidence/{evidence.public_id}/download/")

    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Modele-report.pdf\"; filename*=UTF-8''Mod%C3%A8le-report.pdf"
    )


def test_a_stored_file_changed_since_it_was_attached_is_not_handed_out(wizard, owner, owner_client):
    evidence = attach(wizard.draft, owner)
    with evidence.file.open("wb") as handle:
        handle.write(b"%PDF-1.7 something else")

    assert owner_client.get(f"/evidence/{evidence.public_id}/download/").status_code == 409


def test_removing_from_the_review_and_refused_once_signed(wizard, owner, owner_client):
    first = attach(wizard.draft, owner, name="first.pdf")
    second = attach(wizard.draft, owner, name="second.pdf")

    response = owner_client.post(f"/evidence/{first.public_id}/remove/", follow=True)
    assert "“first.pdf” removed." in response.content.decode()
    assert list(Evidence.objects.all()) == [second]

    record = sign(complete(wizard.draft, owner), owner)
    response = owner_client.post(f"/evidence/{second.public_id}/remove/", follow=True)
    assert f"part of signed record {record.sequence}" in response.content.decode()
    assert Evidence.objects.filter(pk=second.pk).exists()


def test_the_result_and_record_pages_list_the_evidence(wizard, owner, owner_client):
    evidence = attach(wizard.draft, owner, name="training-run.pdf", key="compute.flop")
    assessment = complete(wizard.draft, owner)

    result = owner_client.get(f"/assessments/{assessment.public_id}/").content.decode()
    assert "Evidence on the answers" in result
    assert f'href="/evidence/{evidence.public_id}/download/">training-run.pdf</a>' in result

    record = sign(assessment, owner)
    page = owner_client.get(f"/records/{record.public_id}/").content.decode()
    assert "As signed in this record" in page
    assert evidence.sha256 in page
    assert f'href="/evidence/{evidence.public_id}/download/">training-run.pdf</a>' in page


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
