"""`/v1/enterprises`: sign-up and its checks, who sees which enterprise, profile updates under
`If-Match`, verification by the region's regulator, and the audit trail those leave."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.core import clock
from app.core.validators import organization_code_check_character, uscc_check_character
from app.enterprises import service
from tests.support.live_server import serve_in_thread
from tests.support.world import PASSWORD, World, add_member, credit_code, password_token

MISSING_ENTERPRISE = "ent_" + "0" * 26


def lettered_code() -> str:
    """A valid credit code with letters in its organization code body (a 'MA…' code)."""
    body = "MA1K3T5U"
    first17 = "91410108" + body + organization_code_check_character(body)
    return first17 + uscc_check_character(first17)


def full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


def signup_body(seed: int, email: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "credit_code": credit_code(seed),
        "name": f"测试企业{seed}有限公司",
        "region_code": "410108002",
        "legal_representative": "王芳",
        "industry_code": "C3311",
        "employee_count": 30,
        "admin": {"email": email, "display_name": "管理员", "password": PASSWORD},
    }
    body.update(overrides)
    return body


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def organization_count(world: World) -> int:
    response = world.client.get(
        "/v1/organizations", params={"limit": 500}, headers=world["platform"].headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return len(response.json()["data"])


def listed(client: TestClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/enterprises", params={"limit": 500, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["data"])


def listed_ids(client: TestClient, headers: dict[str, str], **params: Any) -> set[str]:
    return {enterprise["id"] for enterprise in listed(client, headers, **params)}


def etag_of(world: World, enterprise_id: str, headers: dict[str, str]) -> str:
    response = world.client.get(f"/v1/enterprises/{enterprise_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response.headers["ETag"]


def audit_events(world: World, **params: Any) -> list[dict[str, Any]]:
    response = world.client.get(
        "/v1/audit-events", params={"limit": 500, **params}, headers=world["platform"].headers
    )
    assert response.status_code == 200, response.text
    return list(response.json()["data"])


# --- sign-up ------------------------------------------------------------------------------


def test_signup_creates_an_unverified_enterprise_whose_admin_can_sign_in(world: World) -> None:
    body = signup_body(
        10,
        "founder@example.com",
        high_risk_category="hazardous_chemicals",
        designated_size="above",
        sme_class="medium",
        occupational_hazard_trade=True,
        founded_on="2015-06-01",
        address="郑州市惠济区天河路1号",
    )
    response = world.client.post("/v1/enterprises/signup", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["id"].startswith("ent_")
    assert response.headers["Location"] == f"/v1/enterprises/{created['id']}"
    assert response.headers["ETag"].startswith('"')
    assert created["verification_status"] == "unverified"
    assert created["verified_at"] is None
    assert created["credit_code"] == body["credit_code"]
    assert created["name"] == body["name"]
    assert created["region_code"] == "410108002"
    assert created["high_risk_category"] == "hazardous_chemicals"
    assert created["founded_on"] == "2015-06-01"
    assert created["occupational_hazard_trade"] is True
    assert "admin" not in created
    assert PASSWORD not in response.text

    token = password_token(world.client, "founder@example.com")
    me = world.client.get("/v1/me", headers=auth(token)).json()
    assert me["organization"]["id"] == created["id"]
    assert me["organization"]["kind"] == "enterprise"
    assert me["role"] == "admin"
    own = world.client.get(f"/v1/enterprises/{created['id']}", headers=auth(token))
    assert own.status_code == 200
    # The ETag of the sign-up response is the one a first update needs.
    assert own.headers["ETag"] == response.headers["ETag"]


@pytest.mark.parametrize(
    ("field", "value", "code", "error_field", "error_code"),
    [
        # 18 characters, but "I" and "O" are not in the GB 32100 alphabet.
        (
            "credit_code",
            "91410108IO0000000X",
            "invalid_credit_code",
            "body.credit_code",
            "credit_code_malformed",
        ),
        ("credit_code", "9141010812345", "validation_failed", "body.credit_code", None),
        ("region_code", "410199", "unknown_region", "body.region_code", "unknown_region"),
        ("industry_code", "E13", "invalid_industry_code", "body.industry_code", "invalid"),
        ("industry_code", "Z9", "validation_failed", "body.industry_code", None),
        ("high_risk_category", "nuclear", "validation_failed", "body.high_risk_category", None),
        ("sme_class", "huge", "validation_failed", "body.sme_class", None),
        ("employee_count", -1, "validation_failed", "body.employee_count", None),
        ("name", "   ", "validation_failed", "body.name", None),
    ],
)
def test_signup_refuses_invalid_fields_and_writes_nothing(
    world: World, field: str, value: object, code: str, error_field: str, error_code: str | None
) -> None:
    before = organization_count(world)
    response = world.client.post(
        "/v1/enterprises/signup", json=signup_body(11, "bad@example.com", **{field: value})
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == code
    fields = {error["field"]: error["code"] for error in problem["errors"]}
    assert error_field in fields
    if error_code is not None:
        assert fields[error_field] == error_code
    assert organization_count(world) == before
    # The admin was not created either.
    refused = world.client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": "bad@example.com", "password": PASSWORD},
    )
    assert refused.status_code == 400


def test_signup_reports_a_wrong_check_character(world: World) -> None:
    valid = credit_code(12)
    wrong = valid[:17] + ("1" if valid[17] != "1" else "2")
    before = organization_count(world)
    response = world.client.post(
        "/v1/enterprises/signup", json=signup_body(12, "check@example.com", credit_code=wrong)
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "invalid_credit_code"
    assert problem["errors"] == [
        {
            "field": "body.credit_code",
            "message": "the check character (position 18) is wrong",
            "code": "credit_code_check_character_mismatch",
        }
    ]
    assert organization_count(world) == before


def test_signup_reports_a_wrong_organization_code(world: World) -> None:
    valid = credit_code(13)
    # Change a digit of the organization code body (position 9–16) and keep both checks.
    body = ("1" if valid[8] != "1" else "2") + valid[9:16]
    response = world.client.post(
        "/v1/enterprises/signup",
        json=signup_body(13, "org@example.com", credit_code=valid[:8] + body + valid[16:]),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "credit_code_organization_code_mismatch"


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lettered_code().lower(), id="lower-case"),
        pytest.param(full_width(lettered_code()), id="full-width"),
        pytest.param(full_width(lettered_code().lower()), id="full-width-lower-case"),
        pytest.param(
            " " + " ".join(lettered_code()[i : i + 4] for i in range(0, 18, 4)) + "\u3000",
            id="spaced",
        ),
    ],
)
def test_signup_normalizes_a_typed_credit_code(world: World, typed: str) -> None:
    canonical = lettered_code()
    assert typed != canonical
    response = world.client.post(
        "/v1/enterprises/signup", json=signup_body(14, "typed@example.com", credit_code=typed)
    )
    assert response.status_code == 201, response.text
    assert response.json()["credit_code"] == canonical


@pytest.mark.parametrize(
    ("admin", "error_field", "error_code"),
    [
        (
            {"email": "short@example.com", "display_name": "x", "password": "elevenchars"},
            "body.admin.password",
            "string_too_short",
        ),
        (
            {"email": "not-an-email", "display_name": "x", "password": PASSWORD},
            "body.admin.email",
            "value_error",
        ),
        (
            {"email": "nodisplay@example.com", "password": PASSWORD},
            "body.admin.display_name",
            "missing",
        ),
    ],
)
def test_signup_refuses_a_bad_admin(
    world: World, admin: dict[str, str], error_field: str, error_code: str
) -> None:
    before = organization_count(world)
    response = world.client.post("/v1/enterprises/signup", json=signup_body(15, "", admin=admin))
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert {(e["field"], e["code"]) for e in problem["errors"]} == {(error_field, error_code)}
    assert organization_count(world) == before


def test_signup_with_a_taken_admin_email_is_a_conflict_and_writes_nothing(world: World) -> None:
    before = organization_count(world)
    response = world.client.post(
        "/v1/enterprises/signup", json=signup_body(16, "A_Admin@Example.com")
    )
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"
    assert organization_count(world) == before


def test_signups_are_limited_per_address_and_hour(client: TestClient) -> None:
    limit = client.app.state.settings.signups_per_address_per_hour
    fixed = clock.FixedClock(datetime.now(UTC))
    with clock.use_clock(fixed):
        for seed in range(100, 100 + limit):
            accepted = client.post(
                "/v1/enterprises/signup", json=signup_body(seed, f"rate{seed}@example.com")
            )
            assert accepted.status_code == 201, accepted.text
        refused = client.post(
            "/v1/enterprises/signup", json=signup_body(200, "rate200@example.com")
        )
        assert refused.status_code == 429
        assert refused.json()["code"] == "signup_rate_limited"
        assert 1 <= int(refused.headers["Retry-After"]) <= 3600
        # A client cannot pick a fresh address: X-Forwarded-For counts only from a trusted proxy.
        spoofed = client.post(
            "/v1/enterprises/signup",
            json=signup_body(200, "rate200@example.com"),
            headers={"X-Forwarded-For": "203.0.113.7"},
        )
        assert spoofed.status_code == 429
        fixed.advance(timedelta(minutes=59))
        still = client.post("/v1/enterprises/signup", json=signup_body(200, "rate200@example.com"))
        assert still.status_code == 429
        assert int(still.headers["Retry-After"]) <= 60
        fixed.advance(timedelta(minutes=1))
        again = client.post("/v1/enterprises/signup", json=signup_body(200, "rate200@example.com"))
        assert again.status_code == 201, again.text


def test_a_credit_code_belongs_to_one_verified_enterprise(world: World) -> None:
    code = credit_code(17)
    first = world.client.post(
        "/v1/enterprises/signup", json=signup_body(17, "claim1@example.com", name="第一申请人")
    )
    # The same code, typed differently, is the same code.
    second = world.client.post(
        "/v1/enterprises/signup",
        json=signup_body(
            17, "claim2@example.com", name="第二申请人", credit_code=full_width(code.lower())
        ),
    )
    assert first.status_code == second.status_code == 201, second.text
    first_id, second_id = first.json()["id"], second.json()["id"]
    assert second.json()["credit_code"] == code
    district = world["district_admin"].headers
    assert {first_id, second_id} <= listed_ids(
        world.client, district, verification_status="unverified"
    )

    verified = world.client.post(f"/v1/enterprises/{first_id}/verify", headers=district)
    assert verified.status_code == 200, verified.text
    assert verified.json()["verification_status"] == "verified"

    before = organization_count(world)
    third = world.client.post(
        "/v1/enterprises/signup", json=signup_body(17, "claim3@example.com", name="第三申请人")
    )
    assert third.status_code == 409
    assert third.json()["code"] == "credit_code_taken"
    assert organization_count(world) == before

    competing = world.client.post(f"/v1/enterprises/{second_id}/verify", headers=district)
    assert competing.status_code == 409
    assert competing.json()["code"] == "credit_code_taken"
    assert first_id in competing.json()["detail"]
    still = world.client.get(f"/v1/enterprises/{second_id}", headers=district).json()
    assert still["verification_status"] == "unverified"

    # The regulator resolves it by rejecting the competing claim, which its admin then sees.
    rejected = world.client.post(
        f"/v1/enterprises/{second_id}/reject",
        json={"reason": "信用代码已由第一申请人认证"},
        headers=district,
    )
    assert rejected.status_code == 200
    claimant = auth(password_token(world.client, "claim2@example.com"))
    seen = world.client.get(f"/v1/enterprises/{second_id}", headers=claimant).json()
    assert seen["verification_status"] == "rejected"
    assert seen["rejection_reason"] == "信用代码已由第一申请人认证"


def test_competing_claims_verified_at_the_same_moment_give_one_409(
    app: FastAPI, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = []
    for index in (1, 2):
        response = world.client.post(
            "/v1/enterprises/signup",
            json=signup_body(22, f"race{index}@example.com", name=f"竞争申请人{index}"),
        )
        assert response.status_code == 201
        claims.append(response.json()["id"])

    # Both verifications check for a verified holder before either writes (as two regulators
    # clicking at once would). On SQLite the second waits for the first's write lock instead,
    # so the barrier times out and they run one after the other.
    both_checked = threading.Barrier(2, timeout=2)
    original = service._verified_holder

    def holder_after_both_checked(session: Session, code: str) -> Any:
        found = original(session, code)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait()
        return found

    monkeypatch.setattr(service, "_verified_holder", holder_after_both_checked)
    headers = world["district_admin"].headers
    with serve_in_thread(app) as base_url:

        def verify(enterprise_id: str) -> httpx.Response:
            return httpx.post(
                f"{base_url}/v1/enterprises/{enterprise_id}/verify", headers=headers, timeout=30
            )

        with ThreadPoolExecutor(max_workers=2) as pool:
            responses = list(pool.map(verify, claims))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 409], [response.text for response in responses]
    refused = next(response for response in responses if response.status_code != 200)
    assert refused.json()["code"] == "credit_code_taken"
    verified = listed_ids(world.client, headers, verification_status="verified")
    assert len(verified & set(claims)) == 1


# --- visibility ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("a_admin", {"enterprise_a"}),
        ("a_editor", {"enterprise_a"}),
        ("a_viewer", {"enterprise_a"}),
        ("b_viewer", {"enterprise_b"}),
        ("district_admin", {"enterprise_a", "enterprise_b"}),
        ("district_viewer", {"enterprise_a", "enterprise_b"}),
        ("town_admin", {"enterprise_b"}),
        ("bank_admin", set()),
        ("bank_client", set()),
        ("firm_admin", set()),
        ("platform", set()),
    ],
)
def test_each_caller_lists_only_the_enterprises_it_may_see(
    world: World, actor: str, expected: set[str]
) -> None:
    response = world.client.get("/v1/enterprises", headers=world[actor].headers)
    assert response.status_code == 200
    assert {e["id"] for e in response.json()["data"]} == {world.ids[key] for key in expected}
    assert response.json()["next_cursor"] is None


def test_listing_needs_a_token(world: World) -> None:
    response = world.client.get("/v1/enterprises")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_list_filters(world: World) -> None:
    a, b = world.ids["enterprise_a"], world.ids["enterprise_b"]
    district = world["district_admin"].headers
    builder = world.client.post(
        "/v1/enterprises/signup",
        json=signup_body(
            18,
            "builder@example.com",
            name="郑州丙建筑工程有限公司",
            region_code="410108002",
            industry_code="E4710",
            high_risk_category="construction",
            designated_size="above",
            sme_class="large",
        ),
    )
    assert builder.status_code == 201
    c = builder.json()["id"]
    assert world.client.post(f"/v1/enterprises/{a}/verify", headers=district).status_code == 200

    def ids(**params: Any) -> set[str]:
        return listed_ids(world.client, district, **params)

    assert ids() == {a, b, c}
    assert ids(region="410108") == {a, b, c}
    assert ids(region="410108001") == {a}
    assert ids(region="410108100") == {b}
    assert ids(region="410108003") == set()
    assert ids(industry="C") == {a, b}
    assert ids(industry="C33") == {a, b}
    assert ids(industry="E47") == {c}
    assert ids(industry="E4710") == {c}
    assert ids(high_risk_category="construction") == {c}
    assert ids(high_risk_category="fireworks") == set()
    assert ids(designated_size="above") == {c}
    assert ids(sme_class="large") == {c}
    assert ids(verification_status="verified") == {a}
    assert ids(verification_status="unverified") == {b, c}
    assert ids(name="乙化工") == {b}
    assert ids(name="有限公司") == {a, b, c}
    assert ids(name="%") == set()  # a wildcard is a character, not a pattern
    assert ids(name="_") == set()
    assert ids(industry="C", verification_status="unverified") == {b}
    # Filters narrow what the caller may see; they never widen it.
    assert listed_ids(world.client, world["town_admin"].headers, region="410108001") == set()
    assert listed_ids(world.client, world["a_admin"].headers, region="410108100") == set()

    bad = world.client.get(
        "/v1/enterprises", params={"high_risk_category": "nuclear"}, headers=district
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "query.high_risk_category"


def test_list_pages_with_a_cursor(world: World) -> None:
    for seed in (19, 20, 21):
        response = world.client.post(
            "/v1/enterprises/signup", json=signup_body(seed, f"page{seed}@example.com")
        )
        assert response.status_code == 201
    district = world["district_admin"].headers
    everything = listed_ids(world.client, district)
    assert len(everything) == 5
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = world.client.get("/v1/enterprises", params=params, headers=district).json()
        pages += 1
        assert len(page["data"]) <= 2
        seen.extend(e["id"] for e in page["data"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5
    assert set(seen) == everything
    assert seen == sorted(seen)

    bad = world.client.get("/v1/enterprises", params={"cursor": "garbage"}, headers=district)
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_cursor"


def test_another_enterprise_is_not_found_exactly_like_a_missing_one(world: World) -> None:
    b = world.ids["enterprise_b"]
    headers = world["a_admin"].headers
    hidden = world.client.get(f"/v1/enterprises/{b}", headers=headers)
    missing = world.client.get(f"/v1/enterprises/{MISSING_ENTERPRISE}", headers=headers)
    assert hidden.status_code == missing.status_code == 404
    assert "ETag" not in hidden.headers

    def shape(response: Any, enterprise_id: str) -> dict[str, Any]:
        body = dict(response.json())
        body.pop("request_id", None)
        return {
            key: value.replace(enterprise_id, "<id>") if isinstance(value, str) else value
            for key, value in body.items()
        }

    assert shape(hidden, b) == shape(missing, MISSING_ENTERPRISE)
    assert "郑州乙" not in hidden.text
    # The town regulator cannot reach A either; the district can.
    a = world.ids["enterprise_a"]
    assert (
        world.client.get(f"/v1/enterprises/{a}", headers=world["town_admin"].headers).status_code
        == 404
    )
    assert (
        world.client.get(f"/v1/enterprises/{a}", headers=world["bank_admin"].headers).status_code
        == 404
    )
    district = world.client.get(f"/v1/enterprises/{a}", headers=world["district_viewer"].headers)
    assert district.status_code == 200
    assert district.json()["name"] == "郑州甲机械有限公司"


# --- updates ------------------------------------------------------------------------------


def test_editor_updates_the_profile_with_if_match(world: World) -> None:
    a = world.ids["enterprise_a"]
    editor = world["a_editor"].headers
    etag = etag_of(world, a, editor)
    response = world.client.patch(
        f"/v1/enterprises/{a}",
        json={"name": "郑州甲重工机械有限公司", "employee_count": 150, "sme_class": "medium"},
        headers={**editor, "If-Match": etag},
    )
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] != etag
    assert response.json()["name"] == "郑州甲重工机械有限公司"
    assert response.json()["employee_count"] == 150
    assert response.headers["ETag"] == etag_of(world, a, editor)
    names = {e["id"]: e["name"] for e in listed(world.client, world["district_admin"].headers)}
    assert names[a] == "郑州甲重工机械有限公司"
    assert listed_ids(world.client, editor, name="重工") == {a}

    # The old ETag is now stale.
    stale = world.client.patch(
        f"/v1/enterprises/{a}", json={"employee_count": 1}, headers={**editor, "If-Match": etag}
    )
    assert stale.status_code == 412


def test_each_update_changes_the_etag_even_when_only_the_name_changes(world: World) -> None:
    a = world.ids["enterprise_a"]
    editor = world["a_editor"].headers
    # A stopped clock (tests, reproducible runs) must not make two versions look alike: the
    # name lives on the organization row, the ETag on the profile row's version.
    with clock.use_clock(clock.FixedClock(datetime.now(UTC))):
        etag = etag_of(world, a, editor)
        renamed = world.client.patch(
            f"/v1/enterprises/{a}",
            json={"name": "郑州甲一号"},
            headers={**editor, "If-Match": etag},
        )
        assert renamed.status_code == 200
        assert renamed.headers["ETag"] != etag
        again = world.client.patch(
            f"/v1/enterprises/{a}",
            json={"name": "郑州甲二号"},
            headers={**editor, "If-Match": renamed.headers["ETag"]},
        )
        assert again.status_code == 200
        # Someone who read the profile before the second rename must not overwrite it.
        lost_update = world.client.patch(
            f"/v1/enterprises/{a}",
            json={"name": "覆盖"},
            headers={**editor, "If-Match": renamed.headers["ETag"]},
        )
        assert lost_update.status_code == 412
        assert again.headers["ETag"] not in (etag, renamed.headers["ETag"])
    current = world.client.get(f"/v1/enterprises/{a}", headers=editor).json()
    assert current["name"] == "郑州甲二号"


def test_update_preconditions_and_permissions(world: World) -> None:
    a = world.ids["enterprise_a"]
    etag = etag_of(world, a, world["a_admin"].headers)
    change = {"address": "郑州市惠济区新城路9号"}

    viewer = world.client.patch(
        f"/v1/enterprises/{a}", json=change, headers={**world["a_viewer"].headers, "If-Match": etag}
    )
    assert viewer.status_code == 403
    assert viewer.json()["code"] == "missing_capability"

    without = world.client.patch(
        f"/v1/enterprises/{a}", json=change, headers=world["a_admin"].headers
    )
    assert without.status_code == 428
    assert without.json()["code"] == "if_match_required"

    stale = world.client.patch(
        f"/v1/enterprises/{a}",
        json=change,
        headers={**world["a_admin"].headers, "If-Match": '"0123456789abcdef0123"'},
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "etag_mismatch"

    other = world.client.patch(
        f"/v1/enterprises/{a}", json=change, headers={**world["b_admin"].headers, "If-Match": etag}
    )
    assert other.status_code == 404
    regulator = world.client.patch(
        f"/v1/enterprises/{a}",
        json=change,
        headers={**world["district_admin"].headers, "If-Match": etag},
    )
    assert regulator.status_code == 403

    # None of those changed anything.
    unchanged = world.client.get(f"/v1/enterprises/{a}", headers=world["a_admin"].headers)
    assert unchanged.headers["ETag"] == etag
    assert unchanged.json()["address"] is None


@pytest.mark.parametrize(
    "field",
    ["name", "region_code", "legal_representative", "industry_code", "occupational_hazard_trade"],
)
def test_a_required_field_cannot_be_removed(world: World, field: str) -> None:
    a = world.ids["enterprise_a"]
    editor = world["a_editor"].headers
    etag = etag_of(world, a, editor)
    response = world.client.patch(
        f"/v1/enterprises/{a}", json={field: None}, headers={**editor, "If-Match": etag}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "required_field"
    assert response.json()["errors"][0]["field"] == f"body.{field}"
    assert etag_of(world, a, editor) == etag


def test_update_validates_like_signup(world: World) -> None:
    a = world.ids["enterprise_a"]
    editor = world["a_editor"].headers
    etag = etag_of(world, a, editor)
    for change, code in (
        ({"industry_code": "E13"}, "invalid_industry_code"),
        ({"region_code": "410199"}, "unknown_region"),
        ({"designated_size": "medium"}, "validation_failed"),
    ):
        response = world.client.patch(
            f"/v1/enterprises/{a}", json=change, headers={**editor, "If-Match": etag}
        )
        assert response.status_code == 422, change
        assert response.json()["code"] == code
    # An optional field may be cleared; the credit code is not part of the profile one edits.
    cleared = world.client.patch(
        f"/v1/enterprises/{a}",
        json={"employee_count": None, "credit_code": credit_code(99)},
        headers={**editor, "If-Match": etag},
    )
    assert cleared.status_code == 200
    assert cleared.json()["employee_count"] is None
    assert cleared.json()["credit_code"] == credit_code(1)


def test_moving_to_another_town_changes_who_supervises(world: World) -> None:
    a = world.ids["enterprise_a"]
    editor = world["a_editor"].headers
    moved = world.client.patch(
        f"/v1/enterprises/{a}",
        json={"region_code": "410108100"},
        headers={**editor, "If-Match": etag_of(world, a, editor)},
    )
    assert moved.status_code == 200
    assert world.ids["enterprise_a"] in listed_ids(world.client, world["town_admin"].headers)


# --- verification -------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["district_editor", "district_admin", "district_approver"])
def test_a_regulator_of_the_region_verifies(world: World, actor: str) -> None:
    add_member(world, "district_editor", world.ids["district"], "editor", world["district_admin"])
    a = world.ids["enterprise_a"]
    etag = etag_of(world, a, world["a_admin"].headers)
    response = world.client.post(f"/v1/enterprises/{a}/verify", headers=world[actor].headers)
    assert response.status_code == 200, response.text
    verified = response.json()
    assert verified["verification_status"] == "verified"
    assert verified["verified_at"] is not None
    assert verified["rejection_reason"] is None
    # The enterprise sees it, and its ETag moved on.
    own = world.client.get(f"/v1/enterprises/{a}", headers=world["a_viewer"].headers)
    assert own.json()["verification_status"] == "verified"
    assert own.headers["ETag"] != etag
    assert listed_ids(world.client, world[actor].headers, verification_status="verified") == {a}


def test_who_may_not_verify(world: World) -> None:
    a = world.ids["enterprise_a"]
    town = world.client.post(f"/v1/enterprises/{a}/verify", headers=world["town_admin"].headers)
    assert town.status_code == 404  # A is outside the town: it does not exist for it
    viewer = world.client.post(
        f"/v1/enterprises/{a}/verify", headers=world["district_viewer"].headers
    )
    assert viewer.status_code == 403  # sees A, lacks enterprises:verify
    assert viewer.json()["code"] == "missing_capability"
    # The enterprise's own admin can read A, so the policy answers 403, not 404: it may see
    # the resource but lacks enterprises:verify (no enterprise role carries it).
    itself = world.client.post(f"/v1/enterprises/{a}/verify", headers=world["a_admin"].headers)
    assert itself.status_code == 403
    assert itself.json()["code"] == "missing_capability"
    bank = world.client.post(f"/v1/enterprises/{a}/verify", headers=world["bank_admin"].headers)
    assert bank.status_code == 404
    platform = world.client.post(f"/v1/enterprises/{a}/verify", headers=world["platform"].headers)
    assert platform.status_code == 404
    anonymous = world.client.post(f"/v1/enterprises/{a}/verify")
    assert anonymous.status_code == 401
    reject_itself = world.client.post(
        f"/v1/enterprises/{a}/reject", json={"reason": "x"}, headers=world["a_admin"].headers
    )
    assert reject_itself.status_code == 403
    state = world.client.get(f"/v1/enterprises/{a}", headers=world["a_admin"].headers).json()
    assert state["verification_status"] == "unverified"
    assert state["verified_at"] is None


def test_reject_with_a_reason(world: World) -> None:
    b = world.ids["enterprise_b"]
    town = world["town_admin"].headers
    empty = world.client.post(f"/v1/enterprises/{b}/reject", json={"reason": "  "}, headers=town)
    assert empty.status_code == 422
    response = world.client.post(
        f"/v1/enterprises/{b}/reject", json={"reason": "营业执照与申请信息不符"}, headers=town
    )
    assert response.status_code == 200
    assert response.json()["verification_status"] == "rejected"
    assert response.json()["rejection_reason"] == "营业执照与申请信息不符"
    own = world.client.get(f"/v1/enterprises/{b}", headers=world["b_viewer"].headers).json()
    assert own["verification_status"] == "rejected"
    assert own["rejection_reason"] == "营业执照与申请信息不符"
    assert listed_ids(world.client, town, verification_status="rejected") == {b}
    # A later verification clears the reason.
    verified = world.client.post(f"/v1/enterprises/{b}/verify", headers=town)
    assert verified.json()["verification_status"] == "verified"
    assert verified.json()["rejection_reason"] is None


# --- audit --------------------------------------------------------------------------------


def test_signup_update_and_verification_are_audited(world: World) -> None:
    a = world.ids["enterprise_a"]
    signup = audit_events(world, action="enterprise.signup", resource_id=a)
    assert len(signup) == 1
    assert signup[0]["subject_organization_id"] == a
    assert signup[0]["actor_organization_id"] == a
    assert signup[0]["changes"] == {
        "credit_code": credit_code(1),
        "name": "郑州甲机械有限公司",
        "region_code": "410108001",
        "admin_email": "a_admin@example.com",
    }

    editor = world["a_editor"]
    updated = world.client.patch(
        f"/v1/enterprises/{a}",
        json={"name": "郑州甲新机械有限公司", "employee_count": 120, "address": "新城路1号"},
        headers={**editor.headers, "If-Match": etag_of(world, a, editor.headers)},
    )
    assert updated.status_code == 200
    update = audit_events(world, action="enterprise.update", resource_id=a)
    assert len(update) == 1
    assert update[0]["actor_id"] == editor.user_id
    assert update[0]["actor_kind"] == "user"
    assert update[0]["request_id"] == updated.headers["X-Request-ID"]
    # Only what changed: employee_count was already 120.
    assert update[0]["changes"] == {
        "address": {"before": None, "after": "新城路1号"},
        "name": {"before": "郑州甲机械有限公司", "after": "郑州甲新机械有限公司"},
    }

    verified = world.client.post(
        f"/v1/enterprises/{a}/verify", headers=world["district_approver"].headers
    )
    assert verified.status_code == 200
    verify = audit_events(world, action="enterprise.verify", resource_id=a)
    assert len(verify) == 1
    assert verify[0]["actor_id"] == world["district_approver"].user_id
    assert verify[0]["actor_organization_id"] == world.ids["district"]
    assert verify[0]["subject_organization_id"] == a
    assert verify[0]["changes"] == {
        "verification_status": {"before": "unverified", "after": "verified"}
    }

    rejected = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_b']}/reject",
        json={"reason": "材料不全"},
        headers=world["town_admin"].headers,
    )
    assert rejected.status_code == 200
    reject = audit_events(world, action="enterprise.reject")
    assert [event["resource_id"] for event in reject] == [world.ids["enterprise_b"]]
    assert reject[0]["changes"] == {
        "rejection_reason": {"before": None, "after": "材料不全"},
        "verification_status": {"before": "unverified", "after": "rejected"},
    }

    # Refused attempts leave no event.
    world.client.post(f"/v1/enterprises/{a}/verify", headers=world["district_viewer"].headers)
    assert len(audit_events(world, action="enterprise.verify")) == 1
