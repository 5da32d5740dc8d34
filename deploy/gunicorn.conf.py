"""gunicorn settings for GPAI Assessor behind the nginx of deploy/nginx.conf.

    gunicorn -c deploy/gunicorn.conf.py config.wsgi

Sync workers are right for this app (short requests, CPU-bound PDF rendering), but a sync
worker is held for as long as its client takes to send a request and read the answer: six
slow clients were enough to hold every worker. So gunicorn only ever talks to nginx, which
reads whole requests and whole responses at the client's pace (proxy buffering) and hands
them over at loopback speed. gunicorn listens on loopback only; never expose it directly.

Trust in forwarding headers, one switch for both layers. DJANGO_TRUST_X_FORWARDED_PROTO
(settings.py) makes Django believe ``X-Forwarded-Proto: https``. gunicorn has its own copy of
that trust (``secure_scheme_headers``, from any peer in ``forwarded_allow_ips``, which
defaults to loopback): left as is, it marks a request as HTTPS from a header whatever the
Django setting says. Here gunicorn reads the same variable: off, it believes no header at
all; on, it believes ``X-Forwarded-Proto`` only (the one header nginx sets), and only from
the proxy's address. Because Django reads the header from the WSGI environment, whoever
connected, ``pre_request`` below also removes every forwarding header (``X-Forwarded-*``,
``Forwarded``) sent by a peer that is not the proxy: then neither the scheme nor the client
address (``X-Forwarded-For``, read with DJANGO_TRUSTED_PROXY_COUNT=1) can be forged by a
local process that reaches the port directly.

Variables (all optional): GUNICORN_BIND (default 127.0.0.1:8001, what nginx proxies to),
GUNICORN_FORWARDED_ALLOW_IPS (default 127.0.0.1, the proxy's address: never "*"),
GUNICORN_WORKERS or WEB_CONCURRENCY (default 2 x cores + 1), GUNICORN_TIMEOUT (60 s),
GUNICORN_MAX_REQUESTS (1000), GUNICORN_ACCESS_LOG (default "-", standard output).
"""

from __future__ import annotations

import gc
import ipaddress
import os
from typing import Any

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _envbool(name: str, default: bool) -> bool:
    """Read a yes/no variable as config/settings.py does; anything unclear stops gunicorn."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name} must be one of 1/0, true/false, yes/no, on/off, not {value!r}.")


def _envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# The address nginx's `upstream gpai_app` names (deploy/nginx.conf); loopback only.
bind = [os.environ.get("GUNICORN_BIND", "").strip() or "127.0.0.1:8001"]

# The proxy's address, the only peer whose forwarding headers count: nginx on this host.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1"
if "*" in forwarded_allow_ips:
    raise ValueError("GUNICORN_FORWARDED_ALLOW_IPS must name the proxy, not '*'.")

# Believe X-Forwarded-Proto exactly when Django does (see the module docstring). nginx sets
# this header itself; the two others of gunicorn's default it never sets, so a client could.
TRUST_X_FORWARDED_PROTO = _envbool("DJANGO_TRUST_X_FORWARDED_PROTO", False)
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"} if TRUST_X_FORWARDED_PROTO else {}

# Headers by which a proxy speaks for the client; stripped from anyone else's requests.
FORWARDING_HEADERS = frozenset(
    {
        "FORWARDED",
        "X-FORWARDED-FOR",
        "X-FORWARDED-HOST",
        "X-FORWARDED-PORT",
        "X-FORWARDED-PROTO",
        "X-FORWARDED-PROTOCOL",
        "X-FORWARDED-SSL",
        "X-REAL-IP",
    }
)
_PROXY_NETWORKS = [
    ipaddress.ip_network(address.strip(), strict=False)
    for address in forwarded_allow_ips.split(",")
    if address.strip()
]


def peer_is_proxy(peer: Any) -> bool:
    """Whether a connection comes from the proxy. A Unix socket has no address: like gunicorn,
    it is trusted (its file permissions decide who may connect)."""
    if not isinstance(peer, tuple):
        return True
    try:
        address = ipaddress.ip_address(peer[0])
    except ValueError:
        return False
    return any(address in network for network in _PROXY_NETWORKS)


def pre_request(worker: Any, req: Any) -> None:
    """Drop forwarding headers that a peer other than the proxy sent (see the docstring)."""
    if not peer_is_proxy(req.peer_addr):
        req.headers = [
            (name, value) for name, value in req.headers if name not in FORWARDING_HEADERS
        ]


# Workers: 2 x cores + 1 unless told (WEB_CONCURRENCY is the usual name on platforms).
workers = _envint("GUNICORN_WORKERS", _envint("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
# A request that takes longer than this is killed (its worker restarted). Signing a record
# renders its PDF; a minute leaves room for that under load. nginx's proxy_read_timeout
# matches it.
timeout = _envint("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
# nginx opens a new connection per request to sync workers (they do not keep connections
# alive); this only matters if something else talks HTTP/1.1 keep-alive to gunicorn.
keepalive = 2
# Restart each worker after about this many requests, not all at the same time (jitter):
# bounds the effect of any slow memory growth (WeasyPrint, fonts).
max_requests = _envint("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max(max_requests // 10, 0)
# Heartbeat files in memory rather than on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# The control socket (gunicorn 25+) is not part of this recipe: no file left in $HOME, and
# no clash between two instances on one host.
control_socket_disable = True

# Access log: the client as nginx saw it (X-Forwarded-For, set by nginx alone), the peer,
# the request, status, size and the time taken in milliseconds. Errors go to standard error.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = (
    '%({x-forwarded-for}i)s via %(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The app's own log (settings.LOGGING) goes to standard error too.
capture_output = False
proc_name = "gpai-assessor"


def post_worker_init(worker: Any) -> None:
    """A new worker freezes what loading the app made, then renders (and discards) one report
    on its low-priority report thread, so that the first report it makes for someone does not
    pay the cold start.

    Freezing: the app's modules, templates and settings (about 175,000 objects) live as long
    as the worker. Left to the garbage collector, each full collection walked them all, a
    pause of 110-130 ms in the middle of some request (every few hundred requests); frozen,
    a full collection walks only what was made since (issue 11)."""
    from questionnaire.services import report_warm_up

    gc.collect()
    gc.freeze()
    report_warm_up()
