"""The dashboard with many completed assessments (issue 11): they come 25 a page, newest
first, with "Page 1 of 2" and plain links to the other pages; a page that is not there shows
the nearest one and says so; each organisation's counts are the database's, over every
assessment and not only the page's; and the page costs the same few queries whatever the
number of assessments."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from questionnaire.models import Assessment, Membership, Organisation
from questionnaire.scoring import assess
from questionnaire.views import DASHBOARD_PAGE_SIZE
from tests.people import make_member, signed_in
from tests.records.conftest import make_record
from tests.samples import SYSTEMIC_ANSWERS

pytestmark = pytest.mark.django_db

NAV = '<nav class="pagination" aria-label="Pages of completed assessments">'


def completed(organisation: Organisation, user, count: int, prefix: str = "Model") -> None:
    """``count`` completed, unsigned assessments, made one after the other: the last one
    made, ``{prefix}-{count:03}``, is the newest."""
    result = assess(SYSTEMIC_ANSWERS)
    Assessment.objects.bulk_create(
        Assessment(
            organisation=organisation,
            created_by=user,
            model_name=f"{prefix}-{number:03}",
            answers=SYSTEMIC_ANSWERS,
            shown=[],
            result=result,
            ruleset=result["ruleset"],
            classification=result["classification"],
        )
        for number in range(1, count + 1)
    )


def page(client: Client, query: str = "") -> str:
    response = client.get(f"/{query}")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def listed(text: str) -> list[str]:
    """The model names of the completed assessments' table, top to bottom."""
    table = text[text.index("Completed assessments") :]
    return re.findall(r'<td><a href="/assessments/[0-9a-f-]+/">([^<]+)</a></td>', table)


def tallies(text: str) -> list[str]:
    """Each organisation's counts above the table, as read."""
    found = re.search(r'<ul class="tally">(.*?)</ul>', text, flags=re.S)
    items = re.findall(r"<li>(.*?)</li>", found.group(1), flags=re.S) if found else []
    return [re.sub(r"<[^>]+>", "", item).strip() for item in items]


def names(first: int, last: int, prefix: str = "Model") -> list[str]:
    """``{prefix}-{first:03}`` down to ``{prefix}-{last:03}``, newest first."""
    return [f"{prefix}-{number:03}" for number in range(first, last - 1, -1)]


# ------------------------------------------------------------------ pages


def test_more_assessments_than_a_page_show_the_newest_and_a_link_to_page_2(
    owner, owner_client, acme
):
    assert DASHBOARD_PAGE_SIZE == 25
    completed(acme, owner, 30)

    text = page(owner_client)

    assert listed(text) == names(30, 6)
    nav = text[text.index(NAV) : text.index("</nav>", text.index(NAV))]
    assert "Page 1 of 2" in nav
    first, second = (f'href="?page={n}#assessments-heading" aria-label="Page {n}"' for n in (1, 2))
    assert f'<a class="pagination__page" {first} aria-current="page">1</a>' in nav
    assert f'<a class="pagination__page" {second}>2</a>' in nav
    assert 'href="?page=2#assessments-heading" rel="next">Next' in nav
    assert 'rel="prev"' not in nav


def test_page_2_shows_the_rest_and_leads_back(owner, owner_client, acme):
    completed(acme, owner, 30)

    text = page(owner_client, "?page=2")

    assert listed(text) == names(5, 1)
    nav = text[text.index(NAV) :]
    assert "Page 2 of 2" in nav
    assert 'href="?page=1#assessments-heading" rel="prev">Previous' in nav
    assert 'aria-label="Page 2" aria-current="page">2</a>' in nav
    assert 'rel="next"' not in nav
    assert "There is no page" not in text


def test_a_page_past_the_end_shows_the_last_page_and_says_so(owner, owner_client, acme):
    completed(acme, owner, 30)

    text = page(owner_client, "?page=99")

    assert listed(text) == names(5, 1)
    assert "There is no page “99”: this is page 2 of 2." in text


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("abc", 1),
        ("", 1),
        ("1.5", 1),
        ("1e3", 1),
        ("9" * 5000, 2),  # past the end: the last page
        ("0", 2),
        ("-1", 2),
        ("%00", 1),
        ("<script>", 1),
    ],
)
def test_a_page_that_is_not_a_number_never_fails(owner, owner_client, acme, asked, shown):
    completed(acme, owner, 30)

    response = owner_client.get("/", {"page": asked})

    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert listed(text) == (names(30, 6) if shown == 1 else names(5, 1))
    if asked:
        assert f"this is page {shown} of 2." in text
    assert "<script>" not in response.content.decode()


def test_the_links_to_other_pages_keep_the_other_parameters(owner, owner_client, acme):
    completed(acme, owner, 30)

    text = page(owner_client, "?sort=model&page=2")

    assert 'href="?sort=model&page=1#assessments-heading" rel="prev"' in text


def test_one_more_than_a_page_makes_a_second_page(owner, owner_client, acme):
    completed(acme, owner, DASHBOARD_PAGE_SIZE)

    text = page(owner_client)

    assert len(listed(text)) == DASHBOARD_PAGE_SIZE
    assert NAV not in text
    completed(acme, owner, 1, prefix="Newest")
    text = page(owner_client)
    assert listed(text)[0] == "Newest-001"
    assert "Page 1 of 2" in text
    assert listed(page(owner_client, "?page=2")) == ["Model-001"]


def test_no_assessments_and_a_page_asked_for_says_so(owner_client):
    text = page(owner_client, "?page=3")

    assert "There is no page “3”: this is page 1 of 1." in text
    assert "No completed assessments yet." in text
    assert NAV not in text


# ------------------------------------------------------------------ counts


def test_each_organisation_counts_every_assessment_not_only_the_page(owner, acme, other, signing):
    Membership.objects.create(organisation=other, user=owner, role=Membership.Role.MEMBER)
    completed(acme, owner, 30)
    make_record(acme, owner, model_name="Signed-1")
    make_record(acme, owner, model_name="Signed-2")
    completed(other, owner, 1, prefix="Other")

    text = page(signed_in(owner))

    assert tallies(text) == [
        "Acme AI: 32 completed, 2 signed, 30 not signed yet",
        "Other Labs: 1 completed, 0 signed, 1 not signed yet",
    ]
    assert "Page 1 of 2" in text  # 33 in all


def test_another_organisations_assessments_are_neither_listed_nor_counted(
    owner, owner_client, acme, other
):
    completed(acme, owner, 2)
    outsider = make_member("eve", other, Membership.Role.ADMIN)
    completed(other, outsider, 40, prefix="Secret")

    text = page(owner_client)

    assert listed(text) == names(2, 1)
    assert "Secret" not in text
    assert "Other Labs" not in text
    assert tallies(text) == ["Acme AI: 2 completed, 0 signed, 2 not signed yet"]
    assert NAV not in text


# ------------------------------------------------------------------ queries


def queries_of_the_dashboard(client: Client) -> list[str]:
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/?page=2").status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_queries_of_the_dashboard_do_not_grow_with_the_assessments(owner, acme, other, signing):
    few = make_member("dora", other, Membership.Role.ATTESTER)
    completed(other, few, 3)
    make_record(other, few, model_name="Signed-few")
    completed(acme, owner, 300)
    for number in range(3):
        make_record(acme, owner, model_name=f"Signed-{number}")

    with_few = queries_of_the_dashboard(signed_in(few))
    with_many = queries_of_the_dashboard(signed_in(owner))

    # The session, the person, their memberships with each organisation's counts, their
    # drafts, the compute ledger's threshold notices, and the page of assessments with
    # their records.
    assert len(with_many) == len(with_few) == 6
    [page_query] = [sql for sql in with_many if 'FROM "questionnaire_assessment"' in sql]
    assert "LIMIT 25 OFFSET 25" in page_query
    for document in ('"answers"', '"shown"', '"result"'):
        assert document not in page_query
