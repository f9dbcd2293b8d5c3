"""The token endpoint: grants, rotation, revocation, and tokens that must be refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives import serialization
from fastapi.testclient import TestClient

from app.core import clock
from tests.support.world import PASSWORD, World


def _password_grant(client: TestClient, email: str, password: str = PASSWORD) -> dict:  # type: ignore[type-arg]
    response = client.post(
        "/v1/auth/token", data={"grant_type": "password", "username": email, "password": password}
    )
    return {"status": response.status_code, "body": response.json(), "headers": response.headers}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _parts(token: str) -> tuple[dict, dict, str]:  # type: ignore[type-arg]
    header, payload, signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


def test_password_grant_issues_a_verifiable_jwt(world: World) -> None:
    result = _password_grant(world.client, "a_editor@example.com")
    assert result["status"] == 200
    body = result["body"]
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 15 * 60
    assert body["refresh_token"].startswith("rt_")
    assert result["headers"]["cache-control"] == "no-store"
    header, claims, _ = _parts(body["access_token"])
    assert header["alg"] == "ES256"
    assert header["kid"]
    assert {"iss", "aud", "sub", "exp", "iat", "jti"} <= claims.keys()
    assert set(claims["scope"].split()) == {"records:read", "records:write"}
    jwks = world.client.get("/.well-known/jwks.json").json()["keys"]
    assert header["kid"] in {key["kid"] for key in jwks}
    assert all("d" not in key for key in jwks), "private parts must never be published"
    me = world.client.get("/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == "a_editor@example.com"
    assert me.json()["role"] == "editor"


def test_wrong_password_and_unknown_user_look_the_same(world: World) -> None:
    wrong = _password_grant(world.client, "a_editor@example.com", "not the password!")
    unknown = _password_grant(world.client, "nobody@example.com", "not the password!")
    assert wrong["status"] == unknown["status"] == 400
    assert (
        wrong["body"]
        == unknown["body"]
        == {
            "error": "invalid_grant",
            "error_description": "The email or password is wrong.",
        }
    )


def test_client_credentials_grant(world: World) -> None:
    response = world.client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials", "scope": "blacklist:read"},
        auth=(world.ids["bank_client"], world.ids["bank_client_secret"]),
    )
    assert response.status_code == 200
    assert response.json()["scope"] == "blacklist:read"
    assert "refresh_token" not in response.json()


def test_client_with_wrong_secret_or_excess_scope_is_refused(world: World) -> None:
    bad_secret = world.client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(world.ids["bank_client"], "cs_wrong"),
    )
    assert bad_secret.status_code == 401
    assert bad_secret.json()["error"] == "invalid_client"
    excess = world.client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials", "scope": "records:read"},
        auth=(world.ids["bank_client"], world.ids["bank_client_secret"]),
    )
    assert excess.status_code == 400
    assert excess.json()["error"] == "invalid_scope"


def test_disabled_client_gets_no_token(world: World) -> None:
    bank, client_id = world.ids["bank"], world.ids["bank_client"]
    disabled = world.client.post(
        f"/v1/organizations/{bank}/clients/{client_id}/disable", headers=world["bank_admin"].headers
    )
    assert disabled.status_code == 200
    assert disabled.json()["disabled_at"] is not None
    response = world.client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, world.ids["bank_client_secret"]),
    )
    assert response.status_code == 401


def test_refresh_rotates_and_reuse_revokes_the_family(world: World) -> None:
    first = _password_grant(world.client, "a_editor@example.com")["body"]["refresh_token"]
    rotated = world.client.post(
        "/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": first}
    )
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    assert second != first
    replay = world.client.post(
        "/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": first}
    )
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    # The thief replayed; the legitimate holder's newer token is now dead too.
    after = world.client.post(
        "/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": second}
    )
    assert after.status_code == 400
    events = world.client.get(
        "/v1/audit-events",
        params={"action": "auth.refresh_token_reused"},
        headers=world["platform"].headers,
    ).json()["data"]
    assert len(events) == 1


def test_revoke_kills_the_refresh_token(world: World) -> None:
    refresh = _password_grant(world.client, "a_viewer@example.com")["body"]["refresh_token"]
    assert world.client.post("/v1/auth/revoke", data={"token": refresh}).status_code == 200
    response = world.client.post(
        "/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh}
    )
    assert response.status_code == 400
    assert world.client.post("/v1/auth/revoke", data={"token": "unknown"}).status_code == 200


def test_unsupported_grant_and_missing_fields(client: TestClient) -> None:
    assert client.post("/v1/auth/token", data={"grant_type": "implicit"}).json()["error"] == (
        "unsupported_grant_type"
    )
    assert client.post("/v1/auth/token", data={"grant_type": "password"}).json()["error"] == (
        "invalid_request"
    )


def _assert_refused(client: TestClient, token: str) -> None:
    response = client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, token
    assert response.headers["content-type"] == "application/problem+json"
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_token_attacks_are_401(world: World) -> None:
    good = world["a_admin"].token
    header, claims, signature = _parts(good)
    body = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"

    none_header = {**header, "alg": "none"}
    _assert_refused(world.client, f"{_b64(json.dumps(none_header).encode())}.{body.split('.')[1]}.")

    private_pem = world.client.app.state.token_keys.signing_key.private_pem  # type: ignore[attr-defined]
    public_pem = (
        serialization.load_pem_private_key(private_pem, password=None)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    hs_header = _b64(json.dumps({**header, "alg": "HS256"}).encode())
    hs_input = f"{hs_header}.{body.split('.')[1]}"
    hs_sig = _b64(hmac.new(public_pem, hs_input.encode(), hashlib.sha256).digest())
    _assert_refused(world.client, f"{hs_input}.{hs_sig}")

    forged = {**claims, "org": world.ids["enterprise_b"]}
    _assert_refused(
        world.client, f"{body.split('.')[0]}.{_b64(json.dumps(forged).encode())}.{signature}"
    )

    unknown_kid = _b64(json.dumps({**header, "kid": "no-such-key"}).encode())
    _assert_refused(world.client, f"{unknown_kid}.{body.split('.')[1]}.{signature}")

    _assert_refused(world.client, good[:-4])
    _assert_refused(world.client, "not-a-jwt")


def test_expired_and_not_yet_valid_tokens_are_401(world: World) -> None:
    token = world["a_admin"].token
    with clock.use_clock(clock.FixedClock(datetime.now(UTC) + timedelta(hours=1))):
        _assert_refused(world.client, token)
    with clock.use_clock(clock.FixedClock(datetime.now(UTC) - timedelta(hours=1))):
        _assert_refused(world.client, token)


def test_token_for_another_audience_or_issuer_is_401(world: World) -> None:
    keys = world.client.app.state.token_keys  # type: ignore[attr-defined]
    _, claims, _ = _parts(world["a_admin"].token)
    for change in ({"aud": "someone-else"}, {"iss": "https://evil.example"}):
        _assert_refused(world.client, keys.sign({**claims, **change}))
    without_aud = {k: v for k, v in claims.items() if k != "aud"}
    _assert_refused(world.client, keys.sign(without_aud))


def test_missing_token_is_401_with_challenge(client: TestClient) -> None:
    response = client.get("/v1/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
