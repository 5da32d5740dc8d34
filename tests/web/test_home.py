import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_page(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_home_page_names_the_product_and_says_what_it_does(home_page):
    assert "GPAI Assessor" in home_page
    assert "EU AI Act" in home_page
    assert "general-purpose AI model" in home_page


def test_home_page_links_to_the_admin_site(home_page):
    assert 'href="/admin/"' in home_page


def test_home_page_has_no_inline_script_or_style_so_a_strict_csp_can_follow(home_page):
    assert not re.search(r"<script(?![^>]*\bsrc=)", home_page, re.IGNORECASE)
    assert not re.search(r"<style\b", home_page, re.IGNORECASE)
    assert not re.search(r"\sstyle\s*=", home_page, re.IGNORECASE)


def test_home_page_is_english_and_lets_keyboard_users_skip_to_the_content(home_page):
    assert '<html lang="en">' in home_page
    assert 'href="#main"' in home_page
    assert 'id="main"' in home_page


def test_home_page_stylesheet_is_served_from_the_site_itself(client, home_page):
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', home_page)
    assert links == ["/static/css/app.css"]

    response = client.get(links[0])

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
