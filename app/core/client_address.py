"""The client's address for throttling: the peer, or what a trusted proxy says it forwarded."""

from __future__ import annotations

from ipaddress import ip_address, ip_network

from starlette.requests import Request


def client_address(request: Request, trusted_proxies: list[str]) -> str:
    """The nearest address in the X-Forwarded-For chain that is not one of our proxies.

    Without configured proxies the header is ignored: anyone can send it, and believing it
    would let an attacker pick a fresh address for every guess.
    """
    peer = request.client.host if request.client else "unknown"
    if not trusted_proxies or not _is_trusted(peer, trusted_proxies):
        return peer
    forwarded = request.headers.get("x-forwarded-for", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted_proxies):
            return hop
    return peer


def _is_trusted(address: str, trusted_proxies: list[str]) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in ip_network(proxy, strict=False) for proxy in trusted_proxies)
