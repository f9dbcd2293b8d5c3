"""Cross-tenant access, generated from the route table.

For every route with a tenant id in its path, every kind of principal from another tenant is
refused (403 or 404) and nothing in the database changes. Routes are discovered, not listed:
a new route is covered the day it is added. A path parameter this test does not know how to
fill makes it fail, asking for a value rather than silently skipping the route.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, select

from app.models import metadata
from tests.support.world import World

TENANT_PARAMETERS = {"enterprise_id", "organization_id"}
# Routes with an id in the path that anyone may read: public reference data; and the suite's
# own test-only resource.
PUBLIC_ROUTES = {"/v1/regions/{code}"}
TEST_ONLY_PREFIX = "/v1/test-notes"
SERVICE_FIRM_PREFIX = "/v1/service-firms/"
# Principals of other tenants than enterprise A, one of each kind.
OUTSIDERS = ("b_admin", "b_viewer", "town_admin", "bank_admin", "bank_client", "firm_admin")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    parameters: frozenset[str]
    authenticated: bool


def operations_with_path_ids(app: FastAPI) -> Iterator[Operation]:
    """Every operation of the app's route table (via its OpenAPI document) with a path id."""
    for path, methods in app.openapi()["paths"].items():
        parameters = frozenset(re.findall(r"{(\w+)}", path))
        if not parameters or path in PUBLIC_ROUTES or path.startswith(TEST_ONLY_PREFIX):
            continue
        for method, operation in methods.items():
            yield Operation(method.upper(), path, parameters, bool(operation.get("security")))


def _example_body(app: FastAPI, collection: str) -> dict[str, object]:
    """The documented example of a collection's create body (every kind documents one)."""
    spec = app.openapi()
    content = spec["paths"][collection]["post"]["requestBody"]["content"]["application/json"]
    schema = content["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    examples = schema.get("examples")
    assert examples, f"{collection}: the create schema needs an example"
    return dict(examples[0])


# Example fields that reference another record: filled with a record of enterprise A.
REFERENCED_COLLECTIONS = {
    "person_id": "/v1/enterprises/{enterprise_id}/people",
    "session_id": "/v1/enterprises/{enterprise_id}/training-sessions",
    "plan_id": "/v1/enterprises/{enterprise_id}/emergency-plans",
    "team_id": "/v1/enterprises/{enterprise_id}/teams",
}


def _record_in_a(app: FastAPI, world: World, path: str, cache: dict[str, str]) -> str:
    """A record of the path's kind in enterprise A, created from its documented example
    (with the records it references created first, the same way)."""
    collection = path.split("/{record_id}")[0]
    if collection not in cache:
        url = collection.format(enterprise_id=world.ids["enterprise_a"])
        body = _example_body(app, collection)
        for field in body:
            referenced = next(
                (c for suffix, c in REFERENCED_COLLECTIONS.items() if field.endswith(suffix)), None
            )
            if referenced is not None and body[field] is not None:
                body[field] = _record_in_a(app, world, referenced + "/{record_id}", cache)
        created = world.client.post(url, json=body, headers=world["a_admin"].headers)
        assert created.status_code == 201, f"{url}: {created.text}"
        cache[collection] = str(created.json()["id"])
    return cache[collection]


def _path_values(world: World) -> dict[str, Callable[[], str]]:
    """How to fill each path parameter with a resource that belongs to enterprise A."""

    def a_client() -> str:
        response = world.client.post(
            f"/v1/organizations/{world.ids['enterprise_a']}/clients",
            json={"name": "a's integration", "scopes": ["records:read"]},
            headers=world["a_admin"].headers,
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    def a_import() -> str:
        response = world.client.post(
            f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
            files={"file": ("people.csv", "姓名,身份证号,入职日期\n".encode())},
            data={"kind": "people", "dry_run": "true"},
            headers=world["a_admin"].headers,
        )
        assert response.status_code == 202, response.text
        return str(response.json()["id"])

    def a_snapshot() -> str:
        response = world.client.post(
            f"/v1/enterprises/{world.ids['enterprise_a']}/compliance/snapshots",
            json={},
            headers=world["a_admin"].headers,
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    return {
        "snapshot_id": a_snapshot,
        "import_id": a_import,
        "enterprise_id": lambda: world.ids["enterprise_a"],
        "organization_id": lambda: world.ids["enterprise_a"],
        "user_id": lambda: str(world["a_viewer"].user_id),
        "client_id": a_client,
    }


def fingerprint(engine: Engine) -> str:
    """A digest of every row of every table: equal digests mean nothing changed."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_every_route_with_a_path_id_needs_a_principal(app: FastAPI) -> None:
    for operation in operations_with_path_ids(app):
        assert operation.authenticated, f"{operation.path} has ids but needs no principal"


def test_the_generator_finds_the_tenant_routes(app: FastAPI) -> None:
    paths = {operation.path for operation in operations_with_path_ids(app)}
    assert "/v1/enterprises/{enterprise_id}" in paths
    assert "/v1/organizations/{organization_id}/users/{user_id}" in paths


def test_other_tenants_are_refused_and_change_nothing(
    app: FastAPI, world: World, engine: Engine
) -> None:
    fillers = _path_values(world)
    records: dict[str, str] = {}
    checked = 0
    for operation in operations_with_path_ids(app):
        method, path, names = operation.method, operation.path, operation.parameters
        if "record_id" in names:
            fillers["record_id"] = lambda path=path: _record_in_a(app, world, path, records)  # type: ignore[misc]
        if not names & TENANT_PARAMETERS:
            continue  # no tenant in the path (a template, a region): nothing to cross
        if path.startswith(SERVICE_FIRM_PREFIX):
            continue  # a firm's own paths: test_contract_routes_answer_only_the_parties
        unknown = names - fillers.keys()
        assert not unknown, f"{method} {path}: teach this test a value for {sorted(unknown)}"
        url = path.format(**{name: fillers[name]() for name in names})
        if method == "GET":
            own = world.client.get(url, headers=world["a_admin"].headers)
            assert own.status_code == 200, f"control: A's admin on {url} got {own.status_code}"
        before = fingerprint(engine)
        for outsider in OUTSIDERS:
            response = world.client.request(
                method,
                url,
                json={} if method in {"POST", "PATCH", "PUT"} else None,
                headers={**world[outsider].headers, "If-Match": "*"},
            )
            assert response.status_code in (403, 404), (
                f"{outsider} {method} {url} → {response.status_code} {response.text}"
            )
            assert response.headers["content-type"] == "application/problem+json"
            checked += 1
        assert fingerprint(engine) == before, f"{method} {path} changed data for an outsider"
    assert checked >= len(OUTSIDERS) * 10


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_cannot_tell_an_enterprise_from_a_missing_one(
    world: World, outsider: str
) -> None:
    existing = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}", headers=world[outsider].headers
    )
    missing = world.client.get(
        "/v1/enterprises/ent_00000000000000000000000000", headers=world[outsider].headers
    )
    assert existing.status_code == missing.status_code == 404
    assert existing.json()["code"] == missing.json()["code"]


# A valid body for each regional route that takes one, so the control is served and the
# refusals are for who asks, not for what.
REGIONAL_BODIES: dict[tuple[str, str], dict[str, object]] = {
    ("POST", "/v1/regions/{code}/compliance-what-if"): {
        "draft": {
            "pack": "huiji-2014",
            "title": "draft",
            "effective_from": "2027-01-01",
            "values": {"huiji-2014.staffing.threshold": 100},
        }
    },
}


def test_regional_routes_answer_only_the_regulators_of_the_region(
    app: FastAPI, world: World
) -> None:
    """Routes over a region's subtree (overviews): the district's regulator is served; a
    town's regulator (below it), enterprises, institutions and service firms are refused."""
    regional = [o for o in operations_with_path_ids(app) if o.parameters == {"code"}]
    assert regional, "the generator should find the regional routes"
    for operation in regional:
        url = operation.path.format(code="410108")
        body = REGIONAL_BODIES.get((operation.method, operation.path))
        assert operation.method == "GET" or body is not None, (
            f"{operation.method} {operation.path}: teach this test a valid body"
        )
        own = world.client.request(
            operation.method, url, json=body, headers=world["district_admin"].headers
        )
        assert own.status_code == 200, f"control: district on {url} got {own.status_code}"
        for outsider in (*OUTSIDERS, "a_admin"):
            response = world.client.request(
                operation.method, url, json=body, headers=world[outsider].headers
            )
            assert response.status_code in (403, 404), f"{outsider} {url}: {response.status_code}"
            assert response.headers["content-type"] == "application/problem+json"


def test_blacklist_routes_refuse_everyone_outside_the_keepers(
    app: FastAPI, world: World, engine: Engine
) -> None:
    """Entries, their proposals and receipts by id: an entry placed in 410108001 is kept by
    the district; the town's regulator (another subtree), enterprises, service firms and
    institutions are refused. A receipt belongs to the institution it was issued to."""
    from tests.blacklist.support import propose_removal, published

    entry = published(world)
    proposal = propose_removal(world, entry["id"]).json()
    app.state.blacklist_snapshot.refresh()
    receipt = world.client.get(
        f"/v1/blacklist/lookup/{entry['credit_code']}", headers=world["bank_client"].headers
    ).json()["receipt_id"]
    app.state.receipting.log.flush()  # the lookup's log row is written now, not mid-test
    values = {"entry_id": entry["id"], "proposal_id": proposal["id"], "receipt_id": receipt}
    outsiders_of = {
        "entry_id": ("town_admin", "a_admin", "firm_admin", "bank_admin", "bank_client"),
        "receipt_id": ("a_admin", "district_admin", "firm_admin", "town_admin"),
    }
    checked = 0
    for operation in operations_with_path_ids(app):
        names = operation.parameters
        if not names & values.keys():
            continue
        assert names <= values.keys(), f"{operation.path}: teach this test {sorted(names)}"
        url = operation.path.format(**{name: values[name] for name in names})
        outsiders = outsiders_of["receipt_id" if "receipt_id" in names else "entry_id"]
        before = fingerprint(engine)
        for outsider in outsiders:
            response = world.client.request(
                operation.method,
                url,
                json={} if operation.method == "POST" else None,
                headers=world[outsider].headers,
            )
            assert response.status_code in (403, 404), f"{outsider} {operation.method} {url}"
            assert response.headers["content-type"] == "application/problem+json"
            checked += 1
        assert fingerprint(engine) == before, f"{operation.method} {url} changed data"
    assert checked >= 40


def test_webhook_routes_answer_only_the_endpoints_organization(
    app: FastAPI, world: World, engine: Engine
) -> None:
    """Endpoints by id and their deliveries: another institution's admin and client, an
    enterprise, a regulator, a service firm, and members of the owner without
    webhooks:manage are refused (403/404), and nothing changes; an enterprise's endpoints
    likewise."""
    from tests.webhooks.support import add_insurer, create, queue_message

    add_insurer(world)
    bank = create(world)
    enterprise = create(world, "a_admin", event_types=["alert.window_entered"])
    cases = [
        (
            bank["id"],
            queue_message(engine, bank["id"], status="failed", attempts=[(500, "http_error")]),
            "bank_admin",
            (
                "insurer_admin",
                "insurer_client",
                "a_admin",
                "district_admin",
                "firm_admin",
                "bank_client",
            ),
        ),
        (
            enterprise["id"],
            queue_message(
                engine,
                enterprise["id"],
                event_type="alert.window_entered",
                status="delivered",
                attempts=[(200, "delivered")],
            ),
            "a_admin",
            ("b_admin", "bank_admin", "insurer_client", "town_admin", "firm_admin", "a_viewer"),
        ),
    ]
    operations = [o for o in operations_with_path_ids(app) if "endpoint_id" in o.parameters]
    assert len(operations) >= 7, "the generator should find the webhook endpoint routes"
    checked = 0
    for endpoint_id, message_id, owner, outsiders in cases:
        values = {"endpoint_id": endpoint_id, "message_id": message_id}
        for operation in operations:
            names = operation.parameters
            assert names <= values.keys(), f"{operation.path}: teach this test {sorted(names)}"
            url = operation.path.format(**{name: values[name] for name in names})
            if operation.method == "GET":
                own = world.client.get(url, headers=world[owner].headers)
                assert own.status_code == 200, f"control: {owner} on {url} got {own.status_code}"
            before = fingerprint(engine)
            for outsider in outsiders:
                response = world.client.request(
                    operation.method,
                    url,
                    # An invalid body: refused for who they are, not for what they sent.
                    json={"url": None} if operation.method == "PATCH" else None,
                    headers={**world[outsider].headers, "If-Match": "*"},
                )
                assert response.status_code in (403, 404), (
                    f"{outsider} {operation.method} {url} → {response.status_code}"
                )
                assert response.headers["content-type"] == "application/problem+json"
                checked += 1
            assert fingerprint(engine) == before, f"{operation.method} {url} changed data"
    assert checked >= 2 * 6 * 7


def test_watchlist_routes_answer_only_the_lists_organization(
    app: FastAPI, world: World, engine: Engine
) -> None:
    """Watchlists by id and their members: another institution's admin and client, an
    enterprise, a regulator and a service firm are refused (403/404), an unknown list and
    another bank's look the same, and nothing changes."""
    from tests.watchlists.support import add, codes, create, second_institution

    second_institution(world)
    watchlist = create(world)
    (code,) = codes(1)
    assert add(world, watchlist["id"], [{"credit_code": code}]).status_code == 200
    values = {"watchlist_id": watchlist["id"], "credit_code": code}
    operations = [o for o in operations_with_path_ids(app) if "watchlist_id" in o.parameters]
    assert len(operations) >= 8, "the generator should find the watchlist routes"
    outsiders = ("bank2_admin", "bank2_client", "a_admin", "district_admin", "firm_admin")
    checked = 0
    for operation in operations:
        names = operation.parameters
        assert names <= values.keys(), f"{operation.path}: teach this test {sorted(names)}"
        url = operation.path.format(**{name: values[name] for name in names})
        if operation.method == "GET":
            own = world.client.get(url, headers=world["bank_admin"].headers)
            assert own.status_code == 200, f"control: bank_admin on {url} got {own.status_code}"
        before = fingerprint(engine)
        for outsider in outsiders:
            response = world.client.request(
                operation.method,
                url,
                json={} if operation.method in {"POST", "PATCH"} else None,
                headers={**world[outsider].headers, "If-Match": "*"},
            )
            assert response.status_code in (403, 404), (
                f"{outsider} {operation.method} {url} → {response.status_code}"
            )
            assert response.headers["content-type"] == "application/problem+json"
            checked += 1
        assert fingerprint(engine) == before, f"{operation.method} {url} changed data"
    assert checked >= len(outsiders) * 8
    unknown = "/v1/watchlists/wl_00000000000000000000000000"
    for url in (unknown, f"/v1/watchlists/{watchlist['id']}"):
        response = world.client.get(url, headers=world["bank2_admin"].headers)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_contract_routes_answer_only_the_parties(
    app: FastAPI, world: World, engine: Engine
) -> None:
    """Contracts by id and a firm's own paths: the firm and the enterprise party to a
    contract reach it; another firm, another enterprise, regulators and institutions are
    refused (403/404) and nothing changes."""
    from tests.contracts.support import TRAINING, accepted, propose, second_firm

    second_firm(world)
    accepted(world, TRAINING)  # the firm has a client, so its portfolio is not empty
    contract = propose(world, TRAINING)
    values = {"contract_id": contract["id"], "organization_id": world.ids["firm"]}
    operations = [
        o
        for o in operations_with_path_ids(app)
        if "contract_id" in o.parameters or o.path.startswith(SERVICE_FIRM_PREFIX)
    ]
    assert len(operations) >= 10, "the generator should find the contract routes"
    outsiders = (
        "firm2_admin",
        "b_admin",
        "town_admin",
        "district_admin",
        "bank_admin",
        "bank_client",
    )
    checked = 0
    for operation in operations:
        names = operation.parameters
        assert names <= values.keys(), f"{operation.path}: teach this test {sorted(names)}"
        url = operation.path.format(**{name: values[name] for name in names})
        if operation.method == "GET":
            for party in ("firm_admin", "a_admin") if "contract_id" in names else ("firm_admin",):
                own = world.client.get(url, headers=world[party].headers)
                assert own.status_code == 200, f"control: {party} on {url} got {own.status_code}"
        before = fingerprint(engine)
        for outsider in outsiders + (() if "contract_id" in names else ("a_admin",)):
            response = world.client.request(
                operation.method,
                url,
                json={} if operation.method == "POST" else None,
                headers={**world[outsider].headers, "If-Match": "*"},
            )
            assert response.status_code in (403, 404), (
                f"{outsider} {operation.method} {url} → {response.status_code}"
            )
            assert response.headers["content-type"] == "application/problem+json"
            checked += 1
        assert fingerprint(engine) == before, f"{operation.method} {url} changed data"
    assert checked >= len(outsiders) * 10
    unknown = "/v1/contracts/ctr_00000000000000000000000000"
    for url in (unknown, f"/v1/contracts/{contract['id']}"):
        response = world.client.get(url, headers=world["firm2_admin"].headers)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
