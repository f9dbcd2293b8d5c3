"""A small world of tenants built through the API (and the bootstrap service), for identity,
authorization and cross-tenant tests.

Two regulators (the district, and a town that does not contain enterprise A), two
enterprises in different towns, an institution with a machine client, a service firm, and a
user of every role that matters. Every actor has a ready access token.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.core.database import session_factory
from app.core.validators import organization_code_check_character, uscc_check_character
from app.identity.bootstrap import bootstrap_platform

PASSWORD = "correct horse battery staple"


def credit_code(seed: int, division: str = "410108") -> str:
    body = f"{(seed * 7_919_357) % 100_000_000:08d}"
    first17 = "91" + division + body + organization_code_check_character(body)
    return first17 + uscc_check_character(first17)


@dataclass
class Actor:
    name: str
    organization_id: str
    token: str
    user_id: str | None = None
    email: str | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    client: TestClient
    actors: dict[str, Actor] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Actor:
        return self.actors[name]


def password_token(client: TestClient, email: str, password: str = PASSWORD) -> str:
    response = client.post(
        "/v1/auth/token", data={"grant_type": "password", "username": email, "password": password}
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def add_member(world: World, name: str, organization_id: str, role: str, inviter: Actor) -> Actor:
    email = f"{name}@example.com"
    invitation = world.client.post(
        f"/v1/organizations/{organization_id}/invitations",
        json={"email": email, "role": role},
        headers=inviter.headers,
    )
    assert invitation.status_code == 201, invitation.text
    redeemed = world.client.post(
        "/v1/invitations/redeem",
        json={"token": invitation.json()["token"], "display_name": name, "password": PASSWORD},
    )
    assert redeemed.status_code == 201, redeemed.text
    actor = Actor(
        name, organization_id, password_token(world.client, email), redeemed.json()["id"], email
    )
    world.actors[name] = actor
    return actor


def signup(
    client: TestClient, name: str, region: str, seed: int, email: str, **profile: object
) -> dict[str, object]:
    body = {
        "credit_code": credit_code(seed),
        "name": name,
        "region_code": region,
        "legal_representative": "张伟",
        "industry_code": "C3311",
        "employee_count": 120,
        "admin": {"email": email, "display_name": "管理员", "password": PASSWORD},
        **profile,
    }
    response = client.post("/v1/enterprises/signup", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def add_client(
    world: World, name: str, organization_id: str, admin: str, scopes: list[str]
) -> Actor:
    """A machine client of an organization, created by its admin `admin`, signed in with
    the client-credentials grant for `scopes`; its id and secret are kept in `world.ids`
    under `name` and `name_secret`."""
    created = world.client.post(
        f"/v1/organizations/{organization_id}/clients",
        json={"name": name, "scopes": scopes},
        headers=world[admin].headers,
    )
    assert created.status_code == 201, created.text
    world.ids[name] = created.json()["id"]
    world.ids[f"{name}_secret"] = created.json()["client_secret"]
    token = world.client.post(
        "/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": world.ids[name],
            "client_secret": world.ids[f"{name}_secret"],
        },
    )
    assert token.status_code == 200, token.text
    world.actors[name] = Actor(name, organization_id, token.json()["access_token"])
    return world.actors[name]


def build_world(client: TestClient, engine: Engine) -> World:
    world = World(client)
    with session_factory(engine, write=True)() as session:
        bootstrap_platform(session, "root@example.com", PASSWORD, "Root")
        session.commit()
    platform = Actor("platform", "", password_token(client, "root@example.com"))
    world.actors["platform"] = platform

    def organization(kind: str, name: str, region: str | None = None) -> str:
        response = client.post(
            "/v1/organizations",
            json={"kind": kind, "name": name, "region_code": region},
            headers=platform.headers,
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    world.ids["district"] = organization("regulator", "惠济区应急管理局", "410108")
    world.ids["town"] = organization("regulator", "花园口镇安办", "410108100")
    world.ids["bank"] = organization("institution", "工商银行惠济支行")
    world.ids["firm"] = organization("service_firm", "安信安全服务")
    district_admin = add_member(world, "district_admin", world.ids["district"], "admin", platform)
    add_member(world, "district_approver", world.ids["district"], "approver", district_admin)
    add_member(world, "district_viewer", world.ids["district"], "viewer", district_admin)
    add_member(world, "town_admin", world.ids["town"], "admin", platform)
    add_member(world, "bank_admin", world.ids["bank"], "admin", platform)
    add_member(world, "firm_admin", world.ids["firm"], "admin", platform)

    for key, name, region, seed in (
        ("a", "郑州甲机械有限公司", "410108001", 1),
        ("b", "郑州乙化工有限公司", "410108100", 2),
    ):
        enterprise = signup(client, name, region, seed, f"{key}_admin@example.com")
        world.ids[f"enterprise_{key}"] = str(enterprise["id"])
        admin = Actor(
            f"{key}_admin",
            str(enterprise["id"]),
            password_token(client, f"{key}_admin@example.com"),
            email=f"{key}_admin@example.com",
        )
        world.actors[f"{key}_admin"] = admin
        add_member(world, f"{key}_editor", str(enterprise["id"]), "editor", admin)
        add_member(world, f"{key}_viewer", str(enterprise["id"]), "viewer", admin)

    add_client(world, "bank_client", world.ids["bank"], "bank_admin", ["blacklist:read"])
    return world
