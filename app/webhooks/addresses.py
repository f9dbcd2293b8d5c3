"""Where webhooks may be sent: https to public addresses only, unless configured otherwise.

A receiver's URL is checked when it is registered and again before every attempt: a name
that resolved to a public address yesterday may resolve to 127.0.0.1 today (DNS rebinding),
and the deliverer must never be turned into a way to reach the platform's own network.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from app.core.config import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# The NAT64 well-known prefix (RFC 6052): the last 32 bits are an IPv4 address.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_PORT = "invalid_port"


class RefusedDestination(Exception):
    """A URL webhooks may not be sent to; `reason` is a stable code, `detail` for people."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def http_allowed(settings: Settings) -> bool:
    """Plain http: as configured, else only on the embedded default (a laptop, a demo)."""
    if settings.webhook_allow_http is not None:
        return settings.webhook_allow_http
    return settings.embedded


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # the client's address
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet: not loopback, private, link-local,
    multicast, reserved or unspecified, nor an IPv6 form of such an IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])  # an IPv6 zone is no loophole
    except ValueError:
        return None


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise RefusedDestination("unresolvable", f"The host {host} does not resolve.") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        literal = _literal(str(info[4][0]))
        if literal is not None:
            addresses.append(literal)
    if not addresses:
        raise RefusedDestination("unresolvable", f"The host {host} has no IP address.")
    return addresses


def destination_addresses(url: str, settings: Settings) -> list[IPAddress]:
    """The addresses `url` may be delivered to now (empty when private networks are allowed
    and the host is a name: it is then not resolved here); RefusedDestination otherwise."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise RefusedDestination("malformed_url", "The URL cannot be parsed.") from exc
    port = _port(parts)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise RefusedDestination("scheme_not_allowed", "Webhook URLs are https:// URLs.")
    if scheme == "http" and not http_allowed(settings):
        raise RefusedDestination("https_required", "Webhook URLs must use https://.")
    if parts.username is not None or parts.password is not None:
        raise RefusedDestination(
            "credentials_in_url",
            "Put no user name or password in the URL; verify the signature instead.",
        )
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise RefusedDestination("malformed_url", "The URL has no host.")
    literal = _literal(host)
    if settings.webhook_allow_private_networks:
        return [literal] if literal is not None else []
    if host == "localhost" or host.endswith(".localhost"):
        raise RefusedDestination("private_address", f"{host} is this machine.")
    addresses = (
        [literal]
        if literal is not None
        else _resolve(host, port or (443 if scheme == "https" else 80))
    )
    for address in addresses:
        if not is_public(address):
            raise RefusedDestination(
                "private_address",
                f"{host} is or resolves to {address}, which is not a public address.",
            )
    return addresses


def _port(parts: SplitResult) -> int | None:
    """The URL's port, if it names one; 0 (no port at all: the system would pick one, or
    the default be used) and numbers past 65535 are refused."""
    try:
        port = parts.port
    except ValueError as exc:
        if parts.netloc.rpartition(":")[2].isdigit():
            raise RefusedDestination(_PORT, "The port must be from 1 to 65535.") from exc
        raise RefusedDestination("malformed_url", "The URL cannot be parsed.") from exc
    if port == 0:
        raise RefusedDestination(_PORT, "The port must be from 1 to 65535.")
    return port


def check_destination(url: str, settings: Settings) -> None:
    """Raise RefusedDestination unless webhooks may be sent to `url` now."""
    destination_addresses(url, settings)


@dataclass(frozen=True)
class PinnedRequest:
    """Where an attempt connects and what it says: the URL with its host replaced by the
    address that was checked, the name kept for the Host header and for TLS (SNI and the
    certificate's name). Connecting to the checked address, not resolving the name again,
    leaves DNS no window to rebind it to a private address between check and connection."""

    url: str
    headers: dict[str, str]
    extensions: dict[str, str]


def pinned(url: str, settings: Settings) -> PinnedRequest:
    """The request for an attempt at `url` now; RefusedDestination if it may not be made.
    A name that was not resolved (private networks allowed) or an address literal is left
    as it is."""
    addresses = destination_addresses(url, settings)
    host = (urlsplit(url).hostname or "").rstrip(".")
    if not addresses or _literal(host) is not None:
        return PinnedRequest(url, {}, {})
    return pin_to(url, addresses[0])


def pin_to(url: str, address: IPAddress) -> PinnedRequest:
    """`url` sent to `address`, the URL's name kept for Host and TLS."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    return PinnedRequest(
        urlunsplit(parts._replace(netloc=netloc)),
        {"Host": host if parts.port is None else f"{host}:{parts.port}"},
        {"sni_hostname": host} if parts.scheme.lower() == "https" else {},
    )
