"""`make loadtest` starts nginx from deploy/nginx.conf as it ships, on loopback ports: every
line it changes is still there, and nothing of the production host is left."""

from __future__ import annotations

import re

from loadtest.run import nginx_config


def test_the_load_tests_nginx_is_the_recipe_on_loopback(tmp_path):
    text = nginx_config(
        folder=tmp_path, results=tmp_path, https_port=8443, http_port=8080, upstream="127.0.0.1:9"
    )

    listens = re.findall(r"^\s*listen\s+([^;]+);", text, re.M)
    assert listens == ["127.0.0.1:8080 default_server", "127.0.0.1:8443 ssl http2 default_server"]
    assert "server 127.0.0.1:9;" in text
    assert f"ssl_certificate {tmp_path}/tls/fullchain.pem;" in text
    directives = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    for production in ("/etc/gpai-assessor", "/var/log/nginx", "/run/nginx.pid", "example.org"):
        assert production not in directives
    # The parts under test are the shipped ones.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in text
    assert "proxy_request_buffering on;" in text
