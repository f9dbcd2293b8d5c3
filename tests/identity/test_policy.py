"""The policy layer's service-firm hook, and the audit chain under concurrent requests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi import FastAPI
from sqlalchemy import Engine, Select, false, literal, select

from app.core.audit_chain import AuditEvent, verify_chains
from app.core.database import session_factory
from app.identity import policy
from app.identity.principal import Principal
from app.identity.roles import Capability
from tests.support.live_server import serve_in_thread
from tests.support.world import World


def _contract(firm_id: str, enterprise_id: str, scope: set[Capability]) -> policy.DelegationSource:
    """A stand-in for a service contract: the firm may use `scope` on one enterprise."""

    def source(principal: Principal, capability: Capability, kind: str | None) -> Select[str]:
        if principal.organization_id == firm_id and capability in scope:
            return select(literal(enterprise_id))
        return select(literal(enterprise_id)).where(false())

    return source


def test_a_firm_reaches_only_its_contracted_enterprise_within_scope(world: World) -> None:
    firm = world["firm_admin"]
    a, b = world.ids["enterprise_a"], world.ids["enterprise_b"]
    assert world.client.get(f"/v1/enterprises/{a}", headers=firm.headers).status_code == 404
    with policy.delegation_source(_contract(world.ids["firm"], a, {Capability.RECORDS_READ})):
        assert world.client.get(f"/v1/enterprises/{a}", headers=firm.headers).status_code == 200
        listed = world.client.get("/v1/enterprises", headers=firm.headers).json()["data"]
        assert [e["id"] for e in listed] == [a]
        assert world.client.get(f"/v1/enterprises/{b}", headers=firm.headers).status_code == 404
        write = world.client.patch(
            f"/v1/enterprises/{a}",
            json={"address": "郑州市"},
            headers={**firm.headers, "If-Match": "*"},
        )
        assert write.status_code == 403
        assert write.json()["code"] == "missing_capability"
    # The contract is gone: so is the access, at once.
    assert world.client.get(f"/v1/enterprises/{a}", headers=firm.headers).status_code == 404


def test_a_write_scope_lets_the_firm_update(world: World) -> None:
    firm, a = world["firm_admin"], world.ids["enterprise_a"]
    scope = {Capability.RECORDS_READ, Capability.RECORDS_WRITE}
    with policy.delegation_source(_contract(world.ids["firm"], a, scope)):
        response = world.client.patch(
            f"/v1/enterprises/{a}",
            json={"address": "郑州市惠济区天河路1号"},
            headers={**firm.headers, "If-Match": "*"},
        )
    assert response.status_code == 200
    assert response.json()["address"] == "郑州市惠济区天河路1号"


def test_audit_chain_stays_linear_under_concurrent_requests(
    app: FastAPI, world: World, engine: Engine
) -> None:
    enterprise = world.ids["enterprise_a"]
    headers = world["a_admin"].headers
    with serve_in_thread(app) as base_url:

        def invite(index: int) -> int:
            response = httpx.post(
                f"{base_url}/v1/organizations/{enterprise}/invitations",
                json={"email": f"worker{index}@example.com", "role": "viewer"},
                headers=headers,
                timeout=30,
            )
            return response.status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(invite, range(24)))
    assert statuses == [201] * 24
    with session_factory(engine, write=False)() as session:
        seqs = list(
            session.scalars(
                select(AuditEvent.seq)
                .where(AuditEvent.chain_id == enterprise)
                .order_by(AuditEvent.seq)
            )
        )
        assert seqs == list(range(1, len(seqs) + 1))
        assert verify_chains(session, [enterprise]) == []
