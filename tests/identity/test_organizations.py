"""Organizations, members, invitations and machine clients: `/v1/organizations/…`,
`/v1/invitations/redeem` and `/v1/me`, with who may do what and what is audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi.testclient import TestClient

from app.core import clock
from tests.support.world import PASSWORD, World

PROBLEM = "application/problem+json"


def _problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = dict(response.json())
    assert body["code"] == code, body
    return body


def _fields(problem: dict[str, Any]) -> set[str]:
    return {error["field"] for error in problem.get("errors", [])}


def _audit(world: World, **filters: str) -> list[dict[str, Any]]:
    response = world.client.get(
        "/v1/audit-events", params={**filters, "limit": 500}, headers=world["platform"].headers
    )
    assert response.status_code == 200, response.text
    return list(response.json()["data"])


def _me(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    response = client.get("/v1/me", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _all_organization_ids(client: TestClient, headers: dict[str, str], **params: str) -> list[str]:
    ids: list[str] = []
    cursor: str | None = None
    while True:
        query = {**params, "limit": "2", **({"cursor": cursor} if cursor else {})}
        response = client.get("/v1/organizations", params=query, headers=headers)
        assert response.status_code == 200, response.text
        ids += [organization["id"] for organization in response.json()["data"]]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return ids


def _invite(
    world: World, organization_id: str, email: str, role: str, actor: str
) -> httpx.Response:
    response: httpx.Response = world.client.post(
        f"/v1/organizations/{organization_id}/invitations",
        json={"email": email, "role": role},
        headers=world[actor].headers,
    )
    return response


def _redeem(
    client: TestClient, token: str, password: str = PASSWORD, name: str = "新同事"
) -> httpx.Response:
    response: httpx.Response = client.post(
        "/v1/invitations/redeem", json={"token": token, "display_name": name, "password": password}
    )
    return response


def _sign_in(client: TestClient, email: str, password: str = PASSWORD) -> httpx.Response:
    response: httpx.Response = client.post(
        "/v1/auth/token", data={"grant_type": "password", "username": email, "password": password}
    )
    return response


def _client_token(client: TestClient, client_id: str, secret: str) -> httpx.Response:
    response: httpx.Response = client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, secret),
    )
    return response


def _user_url(world: World, organization: str, user_id: str) -> str:
    return f"/v1/organizations/{world.ids[organization]}/users/{user_id}"


# Organizations


def test_platform_creates_regulators_institutions_and_service_firms(world: World) -> None:
    platform = world["platform"]
    platform_id = _me(world.client, platform.headers)["id"]
    created: dict[str, dict[str, Any]] = {}
    for kind, name, region in (
        ("regulator", "  刘寨街道安办  ", "410108002"),
        ("institution", "建设银行郑州分行", None),
        ("service_firm", "中原安评", None),
    ):
        response = world.client.post(
            "/v1/organizations",
            json={"kind": kind, "name": name, "region_code": region},
            headers=platform.headers,
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["id"].startswith("org_")
        assert response.headers["location"] == f"/v1/organizations/{body['id']}"
        assert body["kind"] == kind
        assert body["name"] == name.strip()
        assert body["region_code"] == region
        assert body["status"] == "active"
        created[kind] = body

    listed = world.client.get("/v1/organizations", params={"limit": 500}, headers=platform.headers)
    by_id = {organization["id"]: organization for organization in listed.json()["data"]}
    for body in created.values():
        assert by_id[body["id"]] == body

    regulators = _all_organization_ids(world.client, platform.headers, kind="regulator")
    assert set(regulators) == {world.ids["district"], world.ids["town"], created["regulator"]["id"]}

    (event,) = _audit(world, action="organization.create", resource_id=created["regulator"]["id"])
    assert event["actor_id"] == platform_id
    assert event["subject_organization_id"] == created["regulator"]["id"]
    assert event["changes"] == {
        "kind": "regulator",
        "name": "刘寨街道安办",
        "region_code": "410108002",
    }


def test_organization_input_is_validated(world: World) -> None:
    headers = world["platform"].headers
    before = _all_organization_ids(world.client, headers)

    def create(body: dict[str, Any]) -> httpx.Response:
        response: httpx.Response = world.client.post(
            "/v1/organizations", json=body, headers=headers
        )
        return response

    no_region = _problem(create({"kind": "regulator", "name": "无辖区"}), 422, "region_required")
    assert _fields(no_region) == {"body.region_code"}
    unknown = _problem(
        create({"kind": "regulator", "name": "无名局", "region_code": "999999"}),
        422,
        "unknown_region",
    )
    assert _fields(unknown) == {"body.region_code"}
    for kind in ("enterprise", "platform"):
        refused = _problem(
            create({"kind": kind, "name": "偷渡企业"}), 422, "organization_kind_not_creatable"
        )
        assert _fields(refused) == {"body.kind"}
    assert "body.kind" in _fields(
        _problem(create({"kind": "bank", "name": "某行"}), 422, "validation_failed")
    )
    assert "body.name" in _fields(
        _problem(create({"kind": "institution", "name": "   "}), 422, "validation_failed")
    )

    assert _all_organization_ids(world.client, headers) == before
    assert len(_audit(world, action="organization.create")) == 4  # the world's own four


def test_only_the_platform_creates_organizations(world: World) -> None:
    body = {"kind": "institution", "name": "越权银行"}
    for actor in ("district_admin", "a_admin", "bank_admin", "bank_client"):
        response = world.client.post("/v1/organizations", json=body, headers=world[actor].headers)
        _problem(response, 403, "missing_capability")
    anonymous = world.client.post("/v1/organizations", json=body)
    _problem(anonymous, 401, "unauthorized")
    assert anonymous.headers["www-authenticate"].startswith("Bearer")

    listed = world.client.get(
        "/v1/organizations", params={"limit": 500}, headers=world["platform"].headers
    )
    assert "越权银行" not in {organization["name"] for organization in listed.json()["data"]}


def test_the_platform_lists_every_organization_and_others_only_their_own(world: World) -> None:
    everything = _all_organization_ids(world.client, world["platform"].headers)
    assert len(everything) == len(set(everything)) == 7  # six tenants and the platform itself
    tenants = {"district", "town", "bank", "firm", "enterprise_a", "enterprise_b"}
    assert {world.ids[name] for name in tenants} <= set(everything)

    for actor, own in (
        ("a_admin", "enterprise_a"),
        ("a_viewer", "enterprise_a"),
        ("b_editor", "enterprise_b"),
        # A regulator supervises its region's enterprises but administers only itself.
        ("district_admin", "district"),
        ("town_admin", "town"),
        ("bank_client", "bank"),
        ("firm_admin", "firm"),
    ):
        listed = world.client.get("/v1/organizations", headers=world[actor].headers)
        assert listed.status_code == 200
        assert [o["id"] for o in listed.json()["data"]] == [world.ids[own]], actor
    _problem(world.client.get("/v1/organizations"), 401, "unauthorized")


# Invitations


def test_an_invitation_is_shown_once_and_redeemed_once(world: World) -> None:
    enterprise = world.ids["enterprise_a"]
    invited = _invite(world, enterprise, "New.Member@Example.com", "viewer", "a_admin")
    assert invited.status_code == 201, invited.text
    invitation = invited.json()
    token = invitation["token"]
    assert token.startswith("inv_")
    assert invited.headers["location"] == (
        f"/v1/organizations/{enterprise}/invitations/{invitation['id']}"
    )
    assert invitation["email"] == "new.member@example.com"
    assert invitation["role"] == "viewer"
    assert invitation["redeemed_at"] is None
    expires = datetime.fromisoformat(invitation["expires_at"])
    assert expires - datetime.fromisoformat(invitation["created_at"]) == timedelta(days=7)

    listing = world.client.get(
        f"/v1/organizations/{enterprise}/invitations", headers=world["a_admin"].headers
    )
    assert listing.status_code == 200
    (listed,) = [i for i in listing.json()["data"] if i["id"] == invitation["id"]]
    assert "token" not in listed
    assert token not in listing.text

    redeemed = _redeem(world.client, token, name="  王芳 ")
    assert redeemed.status_code == 201, redeemed.text
    user = redeemed.json()
    assert user["email"] == "new.member@example.com"
    assert user["display_name"] == "王芳"
    assert user["role"] == "viewer"
    assert user["organization_id"] == enterprise
    assert user["status"] == "active"
    assert "password_hash" not in user
    assert PASSWORD not in redeemed.text

    _problem(_redeem(world.client, token), 404, "invitation_invalid")
    _problem(_redeem(world.client, "inv_" + "x" * 40), 404, "invitation_invalid")

    listing = world.client.get(
        f"/v1/organizations/{enterprise}/invitations", headers=world["a_admin"].headers
    )
    (listed,) = [i for i in listing.json()["data"] if i["id"] == invitation["id"]]
    assert listed["redeemed_at"] is not None
    members = world.client.get(
        f"/v1/organizations/{enterprise}/users", headers=world["a_admin"].headers
    )
    assert user["id"] in {member["id"] for member in members.json()["data"]}

    signed_in = _sign_in(world.client, "NEW.member@example.com")
    assert signed_in.status_code == 200
    me = _me(world.client, {"Authorization": f"Bearer {signed_in.json()['access_token']}"})
    assert (me["id"], me["role"], me["organization"]["id"]) == (user["id"], "viewer", enterprise)

    admin_id = _me(world.client, world["a_admin"].headers)["id"]
    (created,) = _audit(world, action="invitation.create", resource_id=invitation["id"])
    assert created["actor_id"] == admin_id
    assert created["subject_organization_id"] == enterprise
    assert created["changes"] == {"email": "new.member@example.com", "role": "viewer"}
    (redeem_event,) = _audit(world, action="invitation.redeem", resource_id=user["id"])
    assert redeem_event["actor_id"] == user["id"]
    assert redeem_event["subject_organization_id"] == enterprise
    trail = world.client.get(
        "/v1/audit-events", params={"limit": 500}, headers=world["platform"].headers
    ).text
    assert token not in trail
    assert PASSWORD not in trail


def test_an_invitation_expires_after_seven_days(world: World) -> None:
    enterprise = world.ids["enterprise_a"]
    with clock.use_clock(clock.FixedClock(datetime.now(UTC))) as fixed:
        assert isinstance(fixed, clock.FixedClock)
        early = _invite(world, enterprise, "early@example.com", "editor", "a_admin")
        late = _invite(world, enterprise, "late@example.com", "editor", "a_admin")
        assert early.status_code == late.status_code == 201
        fixed.advance(timedelta(days=7, seconds=-1))
        assert _redeem(world.client, early.json()["token"]).status_code == 201
        fixed.advance(timedelta(seconds=1))
        _problem(_redeem(world.client, late.json()["token"]), 404, "invitation_invalid")
    assert _sign_in(world.client, "late@example.com").status_code == 400
    assert _sign_in(world.client, "early@example.com").status_code == 200


def test_a_password_shorter_than_twelve_characters_is_refused(world: World) -> None:
    invited = _invite(world, world.ids["enterprise_a"], "short@example.com", "editor", "a_admin")
    token = invited.json()["token"]
    short = _problem(_redeem(world.client, token, password="elevenchars"), 422, "validation_failed")
    assert _fields(short) == {"body.password"}
    assert "elevenchars" not in str(short)
    # Nothing was used up: the same invitation works with a long enough password.
    redeemed = _redeem(world.client, token, password="twelve chars")
    assert redeemed.status_code == 201, redeemed.text
    assert _sign_in(world.client, "short@example.com", "twelve chars").status_code == 200


def test_a_role_must_exist_in_the_organizations_kind(world: World) -> None:
    refused = _problem(
        _invite(world, world.ids["enterprise_a"], "approver@example.com", "approver", "a_admin"),
        422,
        "role_not_allowed",
    )
    assert _fields(refused) == {"body.role"}
    allowed = _invite(world, world.ids["district"], "approver2@example.com", "approver", "platform")
    assert allowed.status_code == 201, allowed.text

    url = _user_url(world, "enterprise_a", str(world["a_editor"].user_id))
    etag = world.client.get(url, headers=world["a_admin"].headers).headers["etag"]
    patched = world.client.patch(
        url, json={"role": "approver"}, headers={**world["a_admin"].headers, "If-Match": etag}
    )
    _problem(patched, 422, "role_not_allowed")
    assert world.client.get(url, headers=world["a_admin"].headers).json()["role"] == "editor"


def test_an_email_that_already_has_an_account_cannot_be_taken_again(world: World) -> None:
    invited = _invite(world, world.ids["enterprise_b"], "A_Viewer@Example.com", "admin", "b_admin")
    assert invited.status_code == 201, invited.text
    _problem(
        _redeem(world.client, invited.json()["token"], password="another password"),
        409,
        "email_taken",
    )

    # The existing account is untouched and the invitation was not used up.
    existing = world.client.get(
        _user_url(world, "enterprise_a", str(world["a_viewer"].user_id)),
        headers=world["a_admin"].headers,
    ).json()
    assert (existing["organization_id"], existing["role"]) == (world.ids["enterprise_a"], "viewer")
    assert _sign_in(world.client, "a_viewer@example.com", "another password").status_code == 400
    invitations = world.client.get(
        f"/v1/organizations/{world.ids['enterprise_b']}/invitations",
        headers=world["b_admin"].headers,
    ).json()["data"]
    (invitation,) = [i for i in invitations if i["id"] == invited.json()["id"]]
    assert invitation["redeemed_at"] is None
    members = world.client.get(
        f"/v1/organizations/{world.ids['enterprise_b']}/users", headers=world["b_admin"].headers
    ).json()["data"]
    assert "a_viewer@example.com" not in {member["email"] for member in members}


def test_viewers_and_editors_cannot_manage_members(world: World) -> None:
    enterprise = world.ids["enterprise_a"]
    for actor in ("a_viewer", "a_editor"):
        _problem(
            _invite(world, enterprise, "x@example.com", "viewer", actor), 403, "missing_capability"
        )
        headers = world[actor].headers
        for path in ("users", "invitations", "clients"):
            listed = world.client.get(f"/v1/organizations/{enterprise}/{path}", headers=headers)
            _problem(listed, 403, "missing_capability")
        client = world.client.post(
            f"/v1/organizations/{enterprise}/clients",
            json={"name": "sneaky", "scopes": ["records:read"]},
            headers=headers,
        )
        _problem(client, 403, "missing_capability")
    invitations = world.client.get(
        f"/v1/organizations/{enterprise}/invitations", headers=world["a_admin"].headers
    ).json()["data"]
    assert "x@example.com" not in {invitation["email"] for invitation in invitations}
    clients = world.client.get(
        f"/v1/organizations/{enterprise}/clients", headers=world["a_admin"].headers
    ).json()["data"]
    assert clients == []


# Members


def test_changing_a_member_needs_the_current_etag(world: World) -> None:
    admin = world["a_admin"].headers
    url = _user_url(world, "enterprise_a", str(world["a_editor"].user_id))
    read = world.client.get(url, headers=admin)
    assert read.status_code == 200
    assert read.json()["role"] == "editor"
    assert read.json()["email"] == "a_editor@example.com"
    etag = read.headers["etag"]
    assert etag.startswith('"')
    assert etag.endswith('"')

    _problem(
        world.client.patch(url, json={"role": "viewer"}, headers=admin), 428, "if_match_required"
    )
    stale = world.client.patch(
        url, json={"role": "viewer"}, headers={**admin, "If-Match": '"0123456789abcdef0123"'}
    )
    _problem(stale, 412, "etag_mismatch")
    assert world.client.get(url, headers=admin).json()["role"] == "editor"

    changed = world.client.patch(
        url, json={"role": "viewer", "display_name": "降级"}, headers={**admin, "If-Match": etag}
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["role"], changed.json()["display_name"]) == ("viewer", "降级")
    assert changed.headers["etag"] != etag
    again = world.client.get(url, headers=admin)
    assert again.json()["role"] == "viewer"
    assert again.headers["etag"] == changed.headers["etag"]
    # The ETag the change was made with is now stale.
    replay = world.client.patch(url, json={"role": "admin"}, headers={**admin, "If-Match": etag})
    _problem(replay, 412, "etag_mismatch")

    # The new role is what a fresh sign-in gets.
    token = _sign_in(world.client, "a_editor@example.com").json()
    assert token["scope"] == "records:read"

    (event,) = _audit(world, action="user.update", resource_id=str(world["a_editor"].user_id))
    assert event["actor_id"] == _me(world.client, admin)["id"]
    assert event["subject_organization_id"] == world.ids["enterprise_a"]
    assert event["changes"] == {
        "display_name": {"before": "a_editor", "after": "降级"},
        "role": {"before": "editor", "after": "viewer"},
    }


def test_an_admin_cannot_disable_or_demote_themselves(world: World) -> None:
    admin = world["a_admin"].headers
    own_id = _me(world.client, admin)["id"]
    url = _user_url(world, "enterprise_a", own_id)
    etag = world.client.get(url, headers=admin).headers["etag"]
    for change in ({"status": "disabled"}, {"role": "viewer"}, {"role": "editor"}):
        response = world.client.patch(url, json=change, headers={**admin, "If-Match": etag})
        _problem(response, 409, "self_change")
    current = world.client.get(url, headers=admin)
    assert (current.json()["role"], current.json()["status"]) == ("admin", "active")
    assert current.headers["etag"] == etag
    assert _audit(world, action="user.update", resource_id=own_id) == []

    # Renaming oneself is fine; and another admin (the platform) may demote them.
    renamed = world.client.patch(
        url, json={"display_name": "甲管理员"}, headers={**admin, "If-Match": etag}
    )
    assert renamed.status_code == 200, renamed.text
    demoted = world.client.patch(
        url,
        json={"role": "editor"},
        headers={**world["platform"].headers, "If-Match": renamed.headers["etag"]},
    )
    assert demoted.status_code == 200, demoted.text
    assert demoted.json()["role"] == "editor"


def test_disabling_a_member_ends_their_sessions_and_sign_ins(world: World) -> None:
    admin = world["a_admin"].headers
    signed_in = _sign_in(world.client, "a_editor@example.com").json()
    url = _user_url(world, "enterprise_a", str(world["a_editor"].user_id))
    etag = world.client.get(url, headers=admin).headers["etag"]

    disabled = world.client.patch(
        url, json={"status": "disabled"}, headers={**admin, "If-Match": etag}
    )
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["status"] == "disabled"
    assert world.client.get(url, headers=admin).json()["status"] == "disabled"

    refreshed = world.client.post(
        "/v1/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": signed_in["refresh_token"]},
    )
    assert refreshed.status_code == 400
    assert refreshed.json()["error"] == "invalid_grant"
    password = _sign_in(world.client, "a_editor@example.com")
    assert password.status_code == 400
    assert password.json()["error"] == "invalid_grant"

    # Enabling them again allows signing in, but the old refresh token stays revoked.
    enabled = world.client.patch(
        url, json={"status": "active"}, headers={**admin, "If-Match": disabled.headers["etag"]}
    )
    assert enabled.status_code == 200
    assert _sign_in(world.client, "a_editor@example.com").status_code == 200
    replay = world.client.post(
        "/v1/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": signed_in["refresh_token"]},
    )
    assert replay.status_code == 400

    events = _audit(world, action="user.update", resource_id=str(world["a_editor"].user_id))
    assert [event["changes"] for event in events] == [
        {"status": {"before": "active", "after": "disabled"}},
        {"status": {"before": "disabled", "after": "active"}},
    ]


def test_members_of_another_organization_are_not_found(world: World) -> None:
    a_admin = world["a_admin"].headers
    b_org, b_user = world.ids["enterprise_b"], str(world["b_editor"].user_id)
    attempts = [
        world.client.get(f"/v1/organizations/{b_org}/users", headers=a_admin),
        world.client.get(f"/v1/organizations/{b_org}/users/{b_user}", headers=a_admin),
        world.client.patch(
            f"/v1/organizations/{b_org}/users/{b_user}",
            json={"status": "disabled"},
            headers={**a_admin, "If-Match": "*"},
        ),
        # B's user through A's own organization: still not found.
        world.client.get(_user_url(world, "enterprise_a", b_user), headers=a_admin),
        world.client.patch(
            _user_url(world, "enterprise_a", b_user),
            json={"status": "disabled"},
            headers={**a_admin, "If-Match": "*"},
        ),
        world.client.get(f"/v1/organizations/{b_org}/invitations", headers=a_admin),
        _invite(world, b_org, "mole@example.com", "admin", "a_admin"),
        world.client.post(
            f"/v1/organizations/{b_org}/clients",
            json={"name": "mole", "scopes": ["records:read"]},
            headers=a_admin,
        ),
        # A regulator supervises enterprise A's records, not its membership.
        world.client.get(
            f"/v1/organizations/{world.ids['enterprise_a']}/users",
            headers=world["district_admin"].headers,
        ),
    ]
    for response in attempts:
        _problem(response, 404, "not_found")
        assert "b_editor@example.com" not in response.text

    b_view = world.client.get(
        _user_url(world, "enterprise_b", b_user), headers=world["b_admin"].headers
    )
    assert b_view.json()["status"] == "active"
    assert _sign_in(world.client, "b_editor@example.com").status_code == 200
    assert _sign_in(world.client, "mole@example.com").status_code == 400
    # The platform administers every organization.
    platform_view = world.client.get(
        f"/v1/organizations/{b_org}/users", headers=world["platform"].headers
    )
    assert {m["email"] for m in platform_view.json()["data"]} == {
        "b_admin@example.com",
        "b_editor@example.com",
        "b_viewer@example.com",
    }


# Machine clients


def test_machine_client_lifecycle(world: World) -> None:
    enterprise, admin = world.ids["enterprise_a"], world["a_admin"].headers
    created = world.client.post(
        f"/v1/organizations/{enterprise}/clients",
        json={"name": "ERP 接口", "scopes": ["records:write", "records:read", "records:read"]},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    client_id, secret = body["id"], body["client_secret"]
    assert client_id.startswith("cli_")
    assert secret.startswith("cs_")
    assert len(secret) > 30
    assert created.headers["location"] == f"/v1/organizations/{enterprise}/clients/{client_id}"
    assert body["scopes"] == ["records:read", "records:write"]
    assert body["disabled_at"] is None

    listing = world.client.get(f"/v1/organizations/{enterprise}/clients", headers=admin)
    (listed,) = listing.json()["data"]
    assert listed == {k: v for k, v in body.items() if k != "client_secret"}
    assert secret not in listing.text

    token = _client_token(world.client, client_id, secret)
    assert token.status_code == 200
    assert token.json()["scope"] == "records:read records:write"

    rotated = world.client.post(
        f"/v1/organizations/{enterprise}/clients/{client_id}/rotate-secret", headers=admin
    )
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["client_secret"]
    assert new_secret.startswith("cs_")
    assert new_secret != secret
    old = _client_token(world.client, client_id, secret)
    assert (old.status_code, old.json()["error"]) == (401, "invalid_client")
    assert _client_token(world.client, client_id, new_secret).status_code == 200

    for _ in range(2):  # disabling twice is harmless
        disabled = world.client.post(
            f"/v1/organizations/{enterprise}/clients/{client_id}/disable", headers=admin
        )
        assert disabled.status_code == 200
        assert disabled.json()["disabled_at"] is not None
    refused = _client_token(world.client, client_id, new_secret)
    assert (refused.status_code, refused.json()["error"]) == (401, "invalid_client")
    listing = world.client.get(f"/v1/organizations/{enterprise}/clients", headers=admin)
    assert listing.json()["data"][0]["disabled_at"] == disabled.json()["disabled_at"]

    admin_id = _me(world.client, admin)["id"]
    actions = [
        e["action"] for e in _audit(world, resource_id=client_id) if e["actor_id"] == admin_id
    ]
    assert actions == ["client.create", "client.rotate_secret", "client.disable"]
    (create_event,) = _audit(world, action="client.create", resource_id=client_id)
    assert create_event["changes"] == {"name": "ERP 接口", "scopes": "records:read records:write"}
    trail = world.client.get(
        "/v1/audit-events", params={"limit": 500}, headers=world["platform"].headers
    ).text
    assert secret not in trail
    assert new_secret not in trail


def test_a_client_scope_must_suit_the_organizations_kind(world: World) -> None:
    bank, admin = world.ids["bank"], world["bank_admin"].headers

    def create(scopes: list[str]) -> httpx.Response:
        response: httpx.Response = world.client.post(
            f"/v1/organizations/{bank}/clients",
            json={"name": "too much", "scopes": scopes},
            headers=admin,
        )
        return response

    refused = _problem(create(["blacklist:read", "records:write"]), 422, "scope_not_allowed")
    assert _fields(refused) == {"body.scopes"}
    _problem(create(["members:manage"]), 422, "scope_not_allowed")
    assert "body.scopes.0" in _fields(_problem(create(["root"]), 422, "validation_failed"))
    assert "body.scopes" in _fields(_problem(create([]), 422, "validation_failed"))

    clients = world.client.get(f"/v1/organizations/{bank}/clients", headers=admin).json()["data"]
    assert [c["id"] for c in clients] == [world.ids["bank_client"]]


def test_another_organizations_client_cannot_be_touched(world: World) -> None:
    bank, client_id = world.ids["bank"], world.ids["bank_client"]
    a_org, a_admin = world.ids["enterprise_a"], world["a_admin"].headers
    for path in (
        f"/v1/organizations/{bank}/clients/{client_id}/disable",
        f"/v1/organizations/{bank}/clients/{client_id}/rotate-secret",
        f"/v1/organizations/{a_org}/clients/{client_id}/disable",
        f"/v1/organizations/{a_org}/clients/{client_id}/rotate-secret",
    ):
        _problem(world.client.post(path, headers=a_admin), 404, "not_found")
    _problem(
        world.client.get(f"/v1/organizations/{bank}/clients", headers=a_admin), 404, "not_found"
    )
    still = _client_token(world.client, client_id, world.ids["bank_client_secret"])
    assert still.status_code == 200


# Who am I


def test_me_describes_a_user(world: World) -> None:
    me = _me(world.client, world["a_editor"].headers)
    assert me["kind"] == "user"
    assert me["id"] == world["a_editor"].user_id
    assert me["email"] == "a_editor@example.com"
    assert me["display_name"] == "a_editor"
    assert me["role"] == "editor"
    assert me["capabilities"] == ["records:read", "records:write"]
    assert me["organization"]["id"] == world.ids["enterprise_a"]
    assert me["organization"]["kind"] == "enterprise"
    assert me["organization"]["region_code"] == "410108001"

    regulator = _me(world.client, world["district_approver"].headers)
    assert regulator["role"] == "approver"
    assert "blacklist:approve" in regulator["capabilities"]
    assert "members:manage" not in regulator["capabilities"]
    assert regulator["organization"]["region_code"] == "410108"


def test_me_describes_a_machine_client(world: World) -> None:
    me = _me(world.client, world["bank_client"].headers)
    assert me["kind"] == "client"
    assert me["id"] == world.ids["bank_client"]
    assert me["role"] is None
    assert me["email"] is None
    assert me["display_name"] is None
    assert me["capabilities"] == ["blacklist:read"]
    assert me["organization"]["id"] == world.ids["bank"]
    assert me["organization"]["kind"] == "institution"
