"""The address a request came from, as far as this deployment can tell.

Behind a reverse proxy every request arrives from the proxy, and the client's address is in
``X-Forwarded-For``. Only the proxies this deployment runs may be believed:
``settings.TRUSTED_PROXY_COUNT`` (``DJANGO_TRUSTED_PROXY_COUNT``) says how many sit in
front of the app. With 0 (no proxy, the default) the header is ignored, since anyone can
send it; with 1 (the nginx recipe) the last address the header lists is the one nginx saw.
Login throttling and the audit trail both read the address from here.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

__all__ = ["client_ip"]


def client_ip(request: HttpRequest) -> str:
    """The client's IP address, or the connecting peer's when no proxy is trusted."""
    peer = str(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return peer
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")
        if part.strip()
    ]
    # Each trusted proxy appends the address it received the request from; anything to the
    # left of those entries was written by the client and proves nothing.
    if len(forwarded) < proxies:
        return peer
    return forwarded[-proxies]
