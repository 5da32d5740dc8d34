from django.http import HttpRequest
from django.test import RequestFactory, override_settings

from questionnaire.lib.client import client_ip

factory = RequestFactory()


def request(forwarded: str | None = None) -> HttpRequest:
    made = factory.get("/", REMOTE_ADDR="10.0.0.5")
    if forwarded is not None:
        made.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return made


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_a_forged_header_is_ignored():
    assert client_ip(request("203.0.113.9")) == "10.0.0.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_is_used():
    assert client_ip(request("203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_addresses_the_client_wrote_before_the_proxy_are_not_believed():
    assert client_ip(request("198.51.100.1, 203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_request_that_bypassed_the_proxy_falls_back_to_the_peer():
    assert client_ip(request()) == "10.0.0.5"
