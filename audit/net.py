"""The client's address, trusting X-Forwarded-For only behind the number of proxies the operator configured.

One source for the audit trail, the lockout (AXES_CLIENT_IP_CALLABLE) and, through NUM_PROXIES with the same
count, DRF's throttles: with TRUSTED_PROXY_COUNT=0 (the default) a forged header changes nothing.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        # Each trusted proxy appends the address it saw: the client is `count` hops from the right.
        candidate = hops[-count] if len(hops) >= count else hops[0]
        remote = candidate if _is_ip(candidate) else remote
    return remote if remote and _is_ip(remote) else None


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
