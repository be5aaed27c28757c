"""Who is visiting: the address the login and sign-up limits count against.

Without a proxy it is the connection's own address (REMOTE_ADDR); headers a visitor sends are
ignored, so nobody escapes a limit by making one up. Behind a reverse proxy the server sets
which header to trust, and nothing else is read:

- ``ONWARD_CLIENT_IP_HEADER`` names a header the proxy sets itself (``X-Real-IP``,
  ``CF-Connecting-IP``...), replacing whatever the visitor sent;
- else ``ONWARD_BEHIND_PROXY`` takes the last ``X-Forwarded-For`` hop, the one the (single)
  proxy appended.
"""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.ONWARD_CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    elif settings.ONWARD_BEHIND_PROXY:
        value = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1]
    else:
        return remote
    # A missing or malformed header (a misconfigured proxy) counts as the proxy itself: one
    # shared limit, rather than one an attacker could vary at will.
    return _address(value) or remote
