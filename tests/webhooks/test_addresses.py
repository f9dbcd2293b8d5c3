"""The URL policy of webhook receivers, on literal addresses (no network needed), and the
pinning of each attempt to the address that was checked."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import httpx
import pytest

from app.core.config import Settings
from app.webhooks.addresses import (
    PinnedRequest,
    RefusedDestination,
    check_destination,
    destination_addresses,
    http_allowed,
    is_public,
    pin_to,
    pinned,
)
from tests.support.receivers import receiver

STRICT = Settings(database_url="sqlite:///unused.db")
PERMISSIVE = STRICT.model_copy(
    update={"webhook_allow_http": True, "webhook_allow_private_networks": True}
)


def refusal(url: str, settings: Settings = STRICT) -> str:
    with pytest.raises(RefusedDestination) as caught:
        check_destination(url, settings)
    return caught.value.reason


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://127.8.9.10/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.1/hook",
        "https://192.168.1.20:8443/hook",
        "https://169.254.169.254/latest/meta-data",  # cloud metadata
        "https://100.64.0.1/hook",  # carrier-grade NAT
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://255.255.255.255/hook",
        "https://[::1]/hook",
        "https://[::]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://[fc00::1]/hook",
        "https://[fd12:3456::1]/hook",
        "https://[fe80::1%25eth0]/hook",
        "https://[ff02::1]/hook",
        "https://[2002:7f00:1::]/hook",  # 6to4 around 127.0.0.1
        "https://[64:ff9b::a00:1]/hook",  # NAT64 around 10.0.0.1
        "https://localhost/hook",
        "https://LOCALHOST./hook",
        "https://api.localhost/hook",
        "https://2130706433/hook",  # 127.0.0.1 as one number, resolved locally
    ],
)
def test_private_and_special_destinations_are_refused(url: str) -> None:
    assert refusal(url) == "private_address"


@pytest.mark.parametrize(
    "url", ["https://93.184.215.14/hook", "https://[2606:4700::1111]:8443/a?b=c"]
)
def test_public_literal_addresses_are_accepted(url: str) -> None:
    check_destination(url, STRICT)
    assert all(is_public(address) for address in destination_addresses(url, STRICT))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://93.184.215.14/hook", "https_required"),
        ("ftp://93.184.215.14/hook", "scheme_not_allowed"),
        ("file:///etc/passwd", "scheme_not_allowed"),
        ("hooks.example.com/anxin", "scheme_not_allowed"),
        ("https://user:secret@93.184.215.14/hook", "credentials_in_url"),
        ("https://token@93.184.215.14/hook", "credentials_in_url"),
        ("https:///hook", "malformed_url"),
        ("https://93.184.215.14:99999/hook", "invalid_port"),
        ("https://93.184.215.14:65536/hook", "invalid_port"),
        ("https://93.184.215.14:0/hook", "invalid_port"),
        ("https://[2606:4700::1111]:0/hook", "invalid_port"),
        ("https://93.184.215.14:00/hook", "invalid_port"),
        ("https://93.184.215.14:http/hook", "malformed_url"),
        ("https://nothing.invalid/hook", "unresolvable"),  # RFC 6761: never resolves
    ],
)
def test_malformed_and_unsafe_urls_are_refused(url: str, reason: str) -> None:
    assert refusal(url) == reason


def test_http_is_allowed_on_the_embedded_default_unless_configured() -> None:
    embedded = Settings(database_url=None)
    assert http_allowed(embedded)
    assert not http_allowed(STRICT)
    assert not http_allowed(embedded.model_copy(update={"webhook_allow_http": False}))
    assert http_allowed(STRICT.model_copy(update={"webhook_allow_http": True}))
    check_destination("http://93.184.215.14/hook", embedded)
    assert refusal("http://93.184.215.14/hook", STRICT) == "https_required"


def test_private_networks_when_allowed_but_never_credentials() -> None:
    check_destination("http://127.0.0.1:8080/hook", PERMISSIVE)
    check_destination("https://[::1]/hook", PERMISSIVE)
    check_destination("http://receiver.internal:9000/hook", PERMISSIVE)  # not resolved
    assert refusal("http://u:p@127.0.0.1/hook", PERMISSIVE) == "credentials_in_url"
    assert refusal("gopher://127.0.0.1/", PERMISSIVE) == "scheme_not_allowed"
    assert refusal("http://127.0.0.1:0/hook", PERMISSIVE) == "invalid_port"


def test_a_refusal_says_why_for_people() -> None:
    with pytest.raises(RefusedDestination) as caught:
        check_destination("https://10.0.0.5/hook", STRICT)
    assert "10.0.0.5" in caught.value.detail
    assert str(caught.value) == caught.value.detail


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("::ffff:8.8.8.8", False),  # mapped forms are never needed on the wire: refused
        ("127.0.0.1", False),
        ("::ffff:127.0.0.1", False),
        ("198.18.0.1", False),  # benchmarking
        ("192.0.2.1", False),  # documentation
        ("2001:db8::1", False),  # documentation
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_an_attempt_is_pinned_to_the_address_that_was_checked() -> None:
    # "134744072" is not an address literal: the resolver turns it into 8.8.8.8 (a public
    # address) without asking DNS, so it stands for a name here.
    target = pinned("https://134744072:8443/hooks?x=1", STRICT)
    assert target.url == "https://8.8.8.8:8443/hooks?x=1"
    assert target.headers == {"Host": "134744072:8443"}
    assert target.extensions == {"sni_hostname": "134744072"}  # TLS checks the name's cert
    v6 = pin_to("https://bank.example/hooks", ipaddress.ip_address("2001:db8::1"))
    assert (v6.url, v6.headers) == ("https://[2001:db8::1]/hooks", {"Host": "bank.example"})
    # A literal, or a name left unresolved because private networks are allowed: as it is.
    assert pinned("https://8.8.8.8/hooks", STRICT) == PinnedRequest("https://8.8.8.8/hooks", {}, {})
    assert pinned("http://receiver.internal:9000/h", PERMISSIVE).url.endswith("internal:9000/h")
    with pytest.raises(RefusedDestination):
        pinned("https://2130706433/hook", STRICT)  # 127.0.0.1: refused, never pinned


def test_a_pinned_attempt_reaches_the_address_under_the_name() -> None:
    """The connection goes to the pinned address; the name is only said, never resolved
    (`.invalid` never resolves, RFC 6761), and the receiver sees it as the Host."""
    with receiver() as bank:
        port = urlsplit(bank.url).port
        target = pin_to(f"http://receiver.invalid:{port}/hooks", ipaddress.ip_address("127.0.0.1"))
        with httpx.Client(trust_env=False) as client:
            response = client.post(
                target.url, content=b"{}", headers=target.headers, extensions=target.extensions
            )
        assert response.status_code == 200
        assert bank.wait_for(1)[0].headers["host"] == f"receiver.invalid:{port}"
