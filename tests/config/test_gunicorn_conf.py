"""The production recipe: deploy/gunicorn.conf.py behind deploy/nginx.conf. gunicorn listens
where nginx proxies to, believes forwarding headers from nginx's address only, and the two
agree with the app's limits and with DJANGO_TRUST_X_FORWARDED_PROTO. The last tests start a
real gunicorn with the file and the production settings, and talk to it from two loopback
addresses: the proxy's (127.0.0.1) and another (127.0.0.2)."""

from __future__ import annotations

import gc
import http.client
import os
import re
import runpy
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from gunicorn.config import Config

from questionnaire.views import _MULTIPART_OVERHEAD

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
PROXY = "127.0.0.1"
ELSEWHERE = "127.0.0.2"


def load_conf(monkeypatch: pytest.MonkeyPatch, **env: str) -> tuple[dict[str, Any], Config]:
    """The file's names, and a gunicorn Config that took (and so validated) its settings."""
    for name in list(os.environ):
        if name.startswith("GUNICORN_") or name in ("WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("DJANGO_TRUST_X_FORWARDED_PROTO", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    names = runpy.run_path(str(GUNICORN_CONF))
    config = Config()
    for name, value in names.items():
        if name in config.settings:
            config.set(name, value)
    return names, config


def nginx_text() -> str:
    return "\n".join(line.split("#", 1)[0] for line in NGINX_CONF.read_text().splitlines())


def upstream_address() -> str:
    match = re.search(r"upstream gpai_app \{\s*server ([^;\s]+);\s*\}", nginx_text())
    assert match, "deploy/nginx.conf has no upstream gpai_app with one server"
    return match[1]


def directives(name: str) -> list[str]:
    return [m.strip() for m in re.findall(rf"^\s*{name}\s+([^;]*);", nginx_text(), re.M)]


def location_blocks() -> list[str]:
    return re.findall(r"location [^{]*\{([^}]*)\}", nginx_text())


# --- The file ------------------------------------------------------------------------------


def test_gunicorn_listens_where_nginx_proxies_to(monkeypatch):
    _, config = load_conf(monkeypatch)

    assert config.bind == [upstream_address()]
    assert upstream_address().startswith(("127.", "unix:"))


def test_gunicorn_believes_forwarding_headers_from_the_proxy_only(monkeypatch):
    _, config = load_conf(monkeypatch)

    assert "*" not in config.forwarded_allow_ips
    assert config.forwarded_allow_ips == [upstream_address().rsplit(":", 1)[0]]


def test_a_wildcard_for_the_proxy_address_is_refused(monkeypatch):
    with pytest.raises(ValueError, match="not '\\*'"):
        load_conf(monkeypatch, GUNICORN_FORWARDED_ALLOW_IPS="*")


def test_gunicorn_reads_no_scheme_header_unless_django_is_told_to(monkeypatch):
    """gunicorn's default would mark X-Forwarded-Proto: https (and two more headers) as HTTPS
    from loopback whatever DJANGO_TRUST_X_FORWARDED_PROTO says."""
    _, off = load_conf(monkeypatch)
    _, on = load_conf(monkeypatch, DJANGO_TRUST_X_FORWARDED_PROTO="1")

    assert off.secure_scheme_headers == {}
    assert on.secure_scheme_headers == {"X-FORWARDED-PROTO": "https"}


def test_an_unclear_trust_value_stops_gunicorn_rather_than_guessing(monkeypatch):
    with pytest.raises(ValueError, match="DJANGO_TRUST_X_FORWARDED_PROTO"):
        load_conf(monkeypatch, DJANGO_TRUST_X_FORWARDED_PROTO="maybe")


def test_workers_come_from_the_environment_or_the_cores(monkeypatch):
    _, default = load_conf(monkeypatch)
    _, told = load_conf(monkeypatch, GUNICORN_WORKERS="7")

    assert default.workers == 2 * (os.cpu_count() or 1) + 1
    assert told.workers == 7


def test_workers_are_recycled_with_jitter_and_time_out_after_nginx_gives_up(monkeypatch):
    _, config = load_conf(monkeypatch)
    (read_timeout,) = directives("proxy_read_timeout")

    assert config.max_requests > 0
    assert 0 < config.max_requests_jitter < config.max_requests
    assert int(read_timeout.removesuffix("s")) >= config.timeout


def test_a_new_worker_takes_the_loaded_app_out_of_the_collectors_reach(monkeypatch):
    """A full collection no longer walks what loading the app made (it paused a request for
    110-130 ms every few hundred requests); the report warm-up still starts."""
    names, _ = load_conf(monkeypatch)
    warmed: list[bool] = []
    monkeypatch.setattr("questionnaire.services.report_warm_up", lambda: warmed.append(True))
    loaded_with_the_app = {"made": ["before the worker started serving"]}
    try:
        names["post_worker_init"](SimpleNamespace())
        collected = gc.get_objects()
        assert gc.get_freeze_count() > 0
        assert not any(obj is loaded_with_the_app for obj in collected)
        made_afterwards = {"made": ["while serving"]}
        assert any(obj is made_afterwards for obj in gc.get_objects())
    finally:
        gc.unfreeze()
    assert warmed == [True]


def fake_request(peer: Any, headers: list[tuple[str, str]]) -> SimpleNamespace:
    return SimpleNamespace(peer_addr=peer, headers=list(headers))


FORWARDED = [
    ("HOST", "127.0.0.1"),
    ("X-FORWARDED-FOR", "203.0.113.9"),
    ("X-FORWARDED-PROTO", "https"),
    ("X-FORWARDED-SSL", "on"),
    ("FORWARDED", "for=203.0.113.9;proto=https"),
]


def test_forwarding_headers_from_anyone_but_the_proxy_are_dropped(monkeypatch):
    names, _ = load_conf(monkeypatch)
    request = fake_request((ELSEWHERE, 40000), FORWARDED)

    names["pre_request"](None, request)

    assert request.headers == [("HOST", "127.0.0.1")]


def test_forwarding_headers_from_the_proxy_or_a_unix_socket_are_kept(monkeypatch):
    names, _ = load_conf(monkeypatch)
    from_proxy = fake_request((PROXY, 40000), FORWARDED)
    from_socket = fake_request("", FORWARDED)

    names["pre_request"](None, from_proxy)
    names["pre_request"](None, from_socket)

    assert from_proxy.headers == FORWARDED
    assert from_socket.headers == FORWARDED


# --- nginx ---------------------------------------------------------------------------------


def test_nginx_replaces_the_client_address_and_sets_the_scheme_and_host():
    headers = dict(value.split(None, 1) for value in directives("proxy_set_header"))

    assert headers["X-Forwarded-For"] == "$remote_addr"
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert headers["Host"] == "$host"
    for cleared in ("X-Forwarded-Ssl", "X-Forwarded-Protocol", "X-Forwarded-Host", "Forwarded"):
        assert headers[cleared] == '""'
    assert "$proxy_add_x_forwarded_for" not in nginx_text()


def test_no_location_sets_its_own_headers_and_so_drops_the_common_ones():
    for block in location_blocks():
        assert "proxy_set_header" not in block


def test_nginx_buffers_requests_and_responses():
    assert directives("proxy_request_buffering") == ["on"]
    assert directives("proxy_buffering") == ["on"]
    for name in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        (value,) = directives(name)
        assert int(value.removesuffix("s")) <= 30, name


def kib(size: str) -> int:
    units = {"k": 1024, "m": 1024 * 1024}
    return int(size[:-1]) * units[size[-1]] if size[-1] in units else int(size)


def test_nginx_body_limits_are_the_apps():
    general, verify, evidence = (kib(size) for size in directives("client_max_body_size"))
    (buffer,) = directives("client_body_buffer_size")

    assert general == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert kib(buffer) == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert verify == settings.VERIFY_UPLOAD_MAX_BYTES + _MULTIPART_OVERHEAD
    assert re.search(r"location = /verify/ \{\s*client_max_body_size", nginx_text())
    assert evidence == settings.EVIDENCE_MAX_BYTES + _MULTIPART_OVERHEAD
    assert re.search(r"location ~ \^/drafts/\S+/evidence/ \{\s*client_max_body_size", nginx_text())


def test_plain_http_serves_the_probe_and_redirects_everything_else():
    http_server = nginx_text().split("server {")[1]

    assert "location = /healthz" in http_server
    assert "return 301 https://" in http_server


# --- A real gunicorn -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((PROXY, 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """gunicorn with deploy/gunicorn.conf.py and production settings trusting the proxy."""
    folder = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_ENV_FILE="",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=PROXY,
        DJANGO_TRUST_X_FORWARDED_PROTO="1",
        DJANGO_HSTS_SECONDS="3600",
        DATABASE_URL=f"sqlite:///{folder / 'unused.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        GUNICORN_BIND=f"{PROXY}:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_ACCESS_LOG=str(folder / "access.log"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "error.log").open("wb"),
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(port, "/healthz", source=PROXY)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((folder / "error.log").read_text()) from None
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(
    port: int, path: str, *, source: str, headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(PROXY, port, timeout=10, source_address=(source, 0))
    connection.request("GET", path, headers={"Host": PROXY, **(headers or {})})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


HTTPS = {"X-Forwarded-Proto": "https"}


def test_through_gunicorn_the_proxy_saying_https_makes_a_secure_request(gunicorn_server):
    # HSTS is only sent on a request Django takes for HTTPS.
    response = get(gunicorn_server, "/healthz", source=PROXY, headers=HTTPS)

    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=3600"


def test_through_gunicorn_another_address_saying_https_is_not_believed(gunicorn_server):
    probe = get(gunicorn_server, "/healthz", source=ELSEWHERE, headers=HTTPS)
    page = get(gunicorn_server, "/", source=ELSEWHERE, headers=HTTPS)

    assert probe.status == 200
    assert probe.getheader("Strict-Transport-Security") is None
    assert page.status == 301
    assert page.getheader("Location") == f"https://{PROXY}/"
