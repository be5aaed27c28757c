def client_ip(request) -> str:
    """The visitor's address behind one trusted reverse proxy: the last X-Forwarded-For hop,
    the one the proxy itself appended (earlier hops are whatever the client claimed)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR", "")
