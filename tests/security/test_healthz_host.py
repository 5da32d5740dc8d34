"""/healthz answers a load balancer's probe whatever its Host header (issue 9: it answered
400 to ``Host: 10.0.0.5:8000``), while every other path keeps ALLOWED_HOSTS."""

from __future__ import annotations

import pytest

PROBE_HOST = "10.0.0.5:8000"


@pytest.fixture
def production_hosts(settings):
    settings.ALLOWED_HOSTS = ["assessor.example.org"]


@pytest.mark.usefixtures("production_hosts")
@pytest.mark.django_db
def test_health_check_answers_a_probe_by_address(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST=PROBE_HOST)

    assert response.status_code == 200
    assert response.content == b"ok"
    assert client.head("/healthz", HTTP_HOST=PROBE_HOST).status_code == 200


@pytest.mark.usefixtures("production_hosts")
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/verify/", "/healthz/", "/healthzx"])
def test_other_paths_still_refuse_an_unknown_host(client, path):
    assert client.get(path, HTTP_HOST=PROBE_HOST).status_code == 400


@pytest.mark.usefixtures("production_hosts")
def test_health_check_still_refuses_to_change_anything_from_any_host(client):
    assert client.post("/healthz", HTTP_HOST=PROBE_HOST).status_code == 405


@pytest.mark.usefixtures("production_hosts")
def test_health_check_answers_the_site_host_too(client):
    assert client.get("/healthz", HTTP_HOST="assessor.example.org").status_code == 200
