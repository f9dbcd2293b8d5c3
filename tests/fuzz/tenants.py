"""The fuzzing's world: enterprise A, which no fuzzing principal may see, and the principals'
own data, so that generated requests reach real records as well as missing ones.

Everything is built through the API (and the platform bootstrap), like tests/support/world.py,
which this extends: A is the world's enterprise A (district 410108, town 410108001); the
regulator that fuzzes is the town of 410108100, which holds enterprise B but not A.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.core.validators import resident_id_check_character
from tests.blacklist.support import propose_removal, published
from tests.contracts.support import TRAINING, accepted
from tests.support.world import Actor, World, build_world, credit_code
from tests.watchlists.support import add as add_watchlist_members
from tests.watchlists.support import create as create_watchlist
from tests.webhooks.support import create as create_endpoint

# Who fuzzes: one principal of every kind. None is anonymous (no Authorization header).
PRINCIPALS: dict[str, str | None] = {
    "anonymous": None,
    "platform_admin": "platform",
    "regulator": "town_admin",
    "enterprise_admin": "b_admin",
    "institution_client": "bank_client",
    "service_firm": "firm_admin",
}
# The platform administers every organization and reads every audit event by design
# (app/identity/policy.py: can_read_organizations, can_read_audit_events): A's organization and
# users are its to see, so the cross-tenant check does not apply to it.
SEES_EVERY_ORGANIZATION = {"platform_admin"}

# A's person and representatives carry names no documented example uses, so that a body
# containing them can only have come from A's rows.
A_PERSON_NAME = "司马安然"
A_LEGAL_REPRESENTATIVE = "欧阳守拙"
A_PRINCIPAL_PERSON = "上官明远"
A_ID_NUMBER_BODY = "41010819850615777"

REGISTRY_COLLECTION = re.compile(r"^/v1/enterprises/\{enterprise_id\}/([a-z-]+)$")
# A documented example's fields that name another record of the same enterprise.
REFERENCE_FIELDS = {
    "person_id": "people",
    "session_id": "training-sessions",
    "plan_id": "emergency-plans",
    "team_id": "teams",
}


@dataclass
class Tenants:
    """The fuzzing's seeded state: who calls, which ids paths may use, what marks A."""

    world: World
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    # Path parameter name → ids that exist (the principals' own and A's).
    path_values: dict[str, list[str]] = field(default_factory=dict)
    # Registry kind (a path segment such as "health-exams") → record ids of B and of A.
    record_ids: dict[str, list[str]] = field(default_factory=dict)
    # Strings that identify A: none may reach a principal that may not see A.
    markers_of_a: set[str] = field(default_factory=set)
    # Principal → A's markers it has itself sent so far (its own words, when echoed).
    sent_by: dict[str, set[str]] = field(default_factory=dict)

    def values_for(self, path: str, parameter: str) -> list[str]:
        if parameter == "record_id":
            kind = path.split("/")[4]
            return self.record_ids.get(kind, [])
        return self.path_values.get(parameter, [])


def registry_kinds(spec: dict[str, Any]) -> list[str]:
    """Record kinds that enterprises keep (collections with a documented create example)."""
    kinds = []
    for path, methods in spec["paths"].items():
        match = REGISTRY_COLLECTION.match(path)
        if match and f"{path}/{{record_id}}" in spec["paths"] and "post" in methods:
            kinds.append(match.group(1))
    return kinds


def documented_example(spec: dict[str, Any], kind: str) -> dict[str, Any]:
    operation = spec["paths"][f"/v1/enterprises/{{enterprise_id}}/{kind}"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return dict(schema["examples"][0])


def seed_registry(
    client: TestClient, spec: dict[str, Any], enterprise_id: str, actor: Actor, **person: Any
) -> dict[str, str]:
    """One record of every kind in an enterprise, from the documented examples; the person
    others reference is created first (with `person`'s fields over the example's)."""
    created: dict[str, str] = {}

    def create(kind: str, overrides: dict[str, Any]) -> None:
        body = {**documented_example(spec, kind), **overrides}
        for name, referenced in REFERENCE_FIELDS.items():
            for key in body:
                if key.endswith(name) and body[key] is not None:
                    body[key] = created[referenced]
        response = client.post(
            f"/v1/enterprises/{enterprise_id}/{kind}", json=body, headers=actor.headers
        )
        assert response.status_code == 201, f"{kind}: {response.text}"
        created[kind] = str(response.json()["id"])

    create("people", person)
    create("training-sessions", {})
    create("emergency-plans", {})
    create("teams", {})
    for kind in registry_kinds(spec):
        if kind not in created:
            create(kind, {})
    return created


def _post(client: TestClient, url: str, actor: Actor, **kwargs: Any) -> dict[str, Any]:
    response = client.post(url, headers=actor.headers, **kwargs)
    assert response.status_code in (200, 201, 202), f"{url}: {response.text}"
    return dict(response.json())


def _tenant_extras(world: World, key: str) -> dict[str, str]:
    """An integration client, an import and a compliance snapshot of enterprise `key`."""
    client, admin = world.client, world[f"{key}_admin"]
    enterprise_id = world.ids[f"enterprise_{key}"]
    return {
        "client_id": _post(
            client,
            f"/v1/organizations/{enterprise_id}/clients",
            admin,
            json={"name": f"{key} integration", "scopes": ["records:read"]},
        )["id"],
        "import_id": _post(
            client,
            f"/v1/enterprises/{enterprise_id}/imports",
            admin,
            files={"file": ("people.csv", "姓名,身份证号,入职日期\n".encode())},
            data={"kind": "people", "dry_run": "true"},
        )["id"],
        "snapshot_id": _post(
            client, f"/v1/enterprises/{enterprise_id}/compliance/snapshots", admin, json={}
        )["id"],
        "endpoint_id": create_endpoint(world, admin.name, event_types=["alert.window_entered"])[
            "id"
        ],
    }


def _rename_a(world: World) -> None:
    """Give A representatives whose names only A's rows hold (the world's are shared)."""
    url = f"/v1/enterprises/{world.ids['enterprise_a']}"
    admin = world["a_admin"]
    etag = world.client.get(url, headers=admin.headers).headers["ETag"]
    response = world.client.patch(
        url,
        json={
            "legal_representative": A_LEGAL_REPRESENTATIVE,
            "principal_person": A_PRINCIPAL_PERSON,
        },
        headers={**admin.headers, "If-Match": etag},
    )
    assert response.status_code == 200, response.text


def build_tenants(app: FastAPI, client: TestClient, engine: Engine) -> Tenants:
    world = build_world(client, engine)
    spec = app.openapi()
    tenants = Tenants(world)
    tenants.headers = {
        name: world[actor].headers if actor else {} for name, actor in PRINCIPALS.items()
    }

    _rename_a(world)
    a_id_number = A_ID_NUMBER_BODY + resident_id_check_character(A_ID_NUMBER_BODY)
    a_records = seed_registry(
        client,
        spec,
        world.ids["enterprise_a"],
        world["a_admin"],
        name=A_PERSON_NAME,
        id_number=a_id_number,
    )
    b_records = seed_registry(client, spec, world.ids["enterprise_b"], world["b_admin"])
    tenants.record_ids = {kind: [b_records[kind], a_records[kind]] for kind in b_records}
    a_extras, b_extras = _tenant_extras(world, "a"), _tenant_extras(world, "b")

    # The service firm's client is B, never A: its contracts cover B's training records.
    contract = accepted(world, TRAINING, enterprise="enterprise_b")
    # A blacklist entry kept by the fuzzing regulator's town, about neither enterprise.
    entry = published(world, credit_code=credit_code(303), region_code="410108100")
    proposal = propose_removal(world, entry["id"]).json()
    app.state.blacklist_snapshot.refresh()
    receipt = client.get(
        f"/v1/blacklist/lookup/{entry['credit_code']}", headers=world["bank_client"].headers
    ).json()["receipt_id"]
    watchlist = create_watchlist(world)
    a_code, b_code = credit_code(1), credit_code(2)
    add_watchlist_members(world, watchlist["id"], [{"credit_code": b_code}])
    spare_client = _post(
        client,
        f"/v1/organizations/{world.ids['bank']}/clients",
        world["bank_admin"],
        json={"name": "spare", "scopes": ["blacklist:read"]},
    )

    ids = world.ids
    tenants.path_values = {
        "enterprise_id": [ids["enterprise_b"], ids["enterprise_a"]],
        "organization_id": [
            *(ids[name] for name in ("town", "bank", "firm", "enterprise_b", "enterprise_a"))
        ],
        # Members that fuzzing may change or disable: never a fuzzing principal itself.
        "user_id": [str(world[name].user_id) for name in ("b_viewer", "bank_admin", "a_viewer")],
        "client_id": [spare_client["id"], b_extras["client_id"], a_extras["client_id"]],
        "code": ["410108100", "410108", "410108001"],
        "import_id": [b_extras["import_id"], a_extras["import_id"]],
        "snapshot_id": [b_extras["snapshot_id"], a_extras["snapshot_id"]],
        "endpoint_id": [b_extras["endpoint_id"], a_extras["endpoint_id"]],
        "contract_id": [contract["id"]],
        "entry_id": [entry["id"]],
        "proposal_id": [proposal["id"]],
        "receipt_id": [receipt],
        "watchlist_id": [watchlist["id"]],
        "credit_code": [entry["credit_code"], b_code, a_code],
    }
    tenants.markers_of_a = {
        ids["enterprise_a"],
        a_code,
        "郑州甲机械有限公司",
        A_LEGAL_REPRESENTATIVE,
        A_PRINCIPAL_PERSON,
        A_PERSON_NAME,
        a_id_number,
        *a_records.values(),
        *a_extras.values(),
        *(str(world[name].user_id) for name in ("a_editor", "a_viewer")),
        *(f"{name}@example.com" for name in ("a_admin", "a_editor", "a_viewer")),
    }
    return tenants
