"""Institutions look enterprises up: answers from the published list, as of a date and a
dataset version, each with a receipt that an independent JOSE library verifies."""

from __future__ import annotations

import json
from typing import Any

import jwt
import pytest
from fastapi import FastAPI

from tests.blacklist.support import act, published
from tests.support.world import World, credit_code

LOOKUP = "/v1/blacklist/lookup"


def refreshed(app: FastAPI) -> int:
    """Let this process's snapshot catch up now rather than within its refresh interval."""
    return int(app.state.blacklist_snapshot.refresh().dataset_version)


def look(world: World, code: str, actor: str = "bank_client", **params: Any) -> Any:
    response = world.client.get(f"{LOOKUP}/{code}", params=params, headers=world[actor].headers)
    assert response.status_code == 200, response.text
    return response.json()


def verify_receipt(world: World, receipt: str) -> dict[str, Any]:
    """Verify as a bank would: PyJWT, keys from the public JWKS, ES256 only."""
    keys = world.client.get("/.well-known/jwks.json").json()["keys"]
    kid = jwt.get_unverified_header(receipt)["kid"]
    key = jwt.PyJWK(next(k for k in keys if k["kid"] == kid))
    claims: dict[str, Any] = jwt.decode(
        receipt, key, algorithms=["ES256"], audience=world.ids["bank"], issuer="https://anxin.dev"
    )
    return claims


def test_a_published_entry_is_listed_with_a_verifiable_receipt(world: World, app: FastAPI) -> None:
    entry = published(world)
    version = refreshed(app)
    answer = look(world, entry["credit_code"], as_of="2026-07-01")
    assert answer["listed"] is True
    assert answer["dataset_version"] == version
    (listed,) = answer["entries"]
    assert listed["id"] == entry["id"]
    assert listed["responsible_people"] == [{"role": "principal", "name": "李四"}]
    assert "proposed_by" not in listed  # public fields only
    assert "id_number_masked" not in json.dumps(listed)
    claims = verify_receipt(world, answer["receipt"])
    assert claims["jti"] == answer["receipt_id"]
    assert claims["sub"] == world.ids["bank_client"]
    assert claims["answer"] == {"listed": True, "entries": [[entry["id"], 1]]}
    assert claims["query"]["credit_code"] == entry["credit_code"]
    assert claims["dataset_version"] == version


def test_an_altered_receipt_fails_verification(world: World, app: FastAPI) -> None:
    entry = published(world)
    refreshed(app)
    receipt = look(world, entry["credit_code"])["receipt"]
    header, payload, signature = receipt.split(".")
    claims = json.loads(jwt.utils.base64url_decode(payload))
    claims["answer"]["listed"] = False
    forged = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
    with pytest.raises(jwt.InvalidSignatureError):
        verify_receipt(world, f"{header}.{forged}.{signature}")


def test_unknown_and_malformed_codes(world: World) -> None:
    unknown = look(world, credit_code(999))
    assert unknown["listed"] is False
    assert unknown["entries"] == []
    assert unknown["receipt"]
    malformed = world.client.get(
        f"{LOOKUP}/91410108MA0000000Z", headers=world["bank_client"].headers
    )
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "path.credit_code"


def test_as_of_around_effective_removal_and_expiry_dates(world: World, app: FastAPI) -> None:
    entry = published(world, legal_basis="national_2017", effective_from="2025-03-01")
    refreshed(app)
    code = entry["credit_code"]
    assert look(world, code, as_of="2025-02-28")["listed"] is False
    assert look(world, code, as_of="2025-03-01")["listed"] is True
    assert look(world, code, as_of="2026-02-28")["listed"] is True  # the last day listed
    assert look(world, code, as_of="2026-03-01")["listed"] is False  # expired by its dates
    other = published(world, seed=202, effective_from="2026-06-01")
    proposal = act(
        world,
        "district_admin",
        f"{other['id']}/removals",
        {"reason": "court_ruling", "basis": "撤销判决", "removed_on": "2026-09-01"},
    ).json()
    before_removal = refreshed(app)
    act(world, "district_approver", f"{other['id']}/proposals/{proposal['id']}/approve")
    refreshed(app)
    code = other["credit_code"]
    assert look(world, code, as_of="2026-08-31")["listed"] is True
    assert look(world, code, as_of="2026-09-01")["listed"] is False
    # What the platform knew before the removal, reproduced exactly.
    earlier = look(world, code, as_of="2026-09-01", dataset_version=before_removal)
    assert earlier["listed"] is True
    assert earlier["dataset_version"] == before_removal
    ahead = world.client.get(
        f"{LOOKUP}/{code}", params={"dataset_version": 10**6}, headers=world["bank_client"].headers
    )
    assert ahead.status_code == 422


def test_only_institutions_may_look_up(world: World) -> None:
    code = credit_code(5)
    for actor in ("a_admin", "district_admin", "firm_admin"):
        response = world.client.get(f"{LOOKUP}/{code}", headers=world[actor].headers)
        assert response.status_code == 403, actor
        assert response.headers["content-type"] == "application/problem+json"
    assert world.client.get(f"{LOOKUP}/{code}").status_code == 401


def test_receipts_and_the_query_log_can_be_read_back(world: World) -> None:
    answer = look(world, credit_code(6))
    again = world.client.get(
        f"/v1/blacklist/receipts/{answer['receipt_id']}", headers=world["bank_admin"].headers
    )
    assert again.status_code == 200, again.text
    assert again.json()["receipt"] == answer["receipt"]
    assert again.json()["answer"] == {"listed": False, "entries": []}
    outsider = world.client.get(
        f"/v1/blacklist/receipts/{answer['receipt_id']}", headers=world["a_admin"].headers
    )
    assert outsider.status_code == 403
    queries = world.client.get("/v1/blacklist/queries", headers=world["bank_admin"].headers).json()
    assert [q["id"] for q in queries["data"]] == [answer["receipt_id"]]
