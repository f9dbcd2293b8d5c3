"""The contract lifecycle: who proposes, accepts, rejects, withdraws and ends; history and
audit of every step."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, select

from app.core.audit_chain import AuditEvent
from app.core.database import session_factory
from tests.contracts.support import ENGINEER, TRAINING, act, propose, today, verify
from tests.support.world import World


def test_the_firm_proposes_and_only_the_enterprise_admin_accepts(world: World) -> None:
    contract = propose(world, TRAINING)
    assert contract["status"] == "proposed"
    assert contract["in_force"] is False
    assert contract["scope"] == sorted(TRAINING)
    got = world.client.get(f"/v1/contracts/{contract['id']}", headers=world["a_viewer"].headers)
    assert got.status_code == 200
    assert got.headers["ETag"]
    own = act(world, "firm_admin", contract["id"], "accept")
    assert own.status_code == 403
    assert own.json()["code"] == "enterprise_only"
    assert act(world, "a_editor", contract["id"], "accept").status_code == 403
    assert act(world, "b_admin", contract["id"], "accept").status_code == 404
    verify(world)
    accepted = act(world, "a_admin", contract["id"], "accept")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "active"
    assert accepted.json()["in_force"] is True
    assert accepted.json()["accepted_on"] == today().isoformat()
    assert act(world, "a_admin", contract["id"], "accept").status_code == 409
    assert act(world, "firm_admin", contract["id"], "withdraw").status_code == 409


def test_withdraw_only_while_proposed_and_only_by_the_firm(world: World) -> None:
    contract = propose(world, TRAINING)
    assert act(world, "a_admin", contract["id"], "withdraw").status_code == 403
    withdrawn = act(world, "firm_admin", contract["id"], "withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert act(world, "a_admin", contract["id"], "accept").status_code == 409


def test_reject_and_end_with_history_and_audit(world: World, engine: Engine) -> None:
    rejected = propose(world, TRAINING)
    response = act(world, "a_admin", rejected["id"], "reject", reason="价格不合适")
    assert response.json()["status"] == "rejected"
    contract = propose(world, TRAINING)
    verify(world)
    assert act(world, "a_admin", contract["id"], "accept").status_code == 200
    no_reason = act(world, "firm_admin", contract["id"], "end")
    assert no_reason.status_code == 422
    ended = act(world, "firm_admin", contract["id"], "end", reason="服务到期前协商终止")
    assert ended.status_code == 200
    assert ended.json()["status"] == "ended"
    assert ended.json()["ended_on"] == today().isoformat()
    history = world.client.get(
        f"/v1/contracts/{contract['id']}/history", headers=world["a_admin"].headers
    ).json()["data"]
    assert [(e["action"], e["status"]) for e in history] == [
        ("propose", "proposed"),
        ("accept", "active"),
        ("end", "ended"),
    ]
    assert history[1]["actor_organization_id"] == world.ids["enterprise_a"]
    assert history[2]["actor_organization_id"] == world.ids["firm"]
    assert history[2]["reason"] == "服务到期前协商终止"
    with session_factory(engine, write=False)() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.resource_id == contract["id"])
            .order_by(AuditEvent.seq)
        ).all()
    assert [e.action for e in events] == [
        "service_contract.propose",
        "service_contract.accept",
        "service_contract.end",
    ]
    assert {e.subject_organization_id for e in events} == {world.ids["enterprise_a"]}


def test_lists_on_both_sides_and_validation(world: World) -> None:
    contract = propose(world, TRAINING)
    firm_list = world.client.get(
        f"/v1/service-firms/{world.ids['firm']}/contracts", headers=world["firm_admin"].headers
    ).json()
    assert [c["id"] for c in firm_list["data"]] == [contract["id"]]
    enterprise_list = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_a']}/contracts?status=proposed",
        headers=world["a_viewer"].headers,
    ).json()
    assert [c["id"] for c in enterprise_list["data"]] == [contract["id"]]
    firm_path = f"/v1/service-firms/{world.ids['firm']}/contracts"
    start = today().isoformat()
    bad = [
        {"enterprise_id": world.ids["enterprise_a"], "scope": ["spaceships"]},
        {"scope": TRAINING},
        {
            "enterprise_id": world.ids["enterprise_a"],
            "scope": TRAINING,
            "entrusted_safety_manager": True,
        },
        {
            "enterprise_id": world.ids["enterprise_a"],
            "scope": TRAINING,
            "valid_to": (today() - timedelta(days=1)).isoformat(),
        },
    ]
    for body in bad:
        full = {"valid_from": start, "valid_to": start, **body}
        response = world.client.post(firm_path, json=full, headers=world["firm_admin"].headers)
        assert response.status_code == 422, (body, response.text)
    by_code = world.client.post(
        firm_path,
        json={
            "enterprise_credit_code": world.client.get(
                f"/v1/enterprises/{world.ids['enterprise_b']}", headers=world["b_admin"].headers
            ).json()["credit_code"],
            "scope": [],
            "entrusted_safety_manager": True,
            "responsible_engineer": ENGINEER,
            "valid_from": start,
            "valid_to": start,
        },
        headers=world["firm_admin"].headers,
    )
    assert by_code.status_code == 201, by_code.text
    assert by_code.json()["enterprise_id"] == world.ids["enterprise_b"]
    assert by_code.headers["Location"] == f"/v1/contracts/{by_code.json()['id']}"
    # Only the firm's admin proposes; an enterprise cannot use the firm's path.
    for outsider in ("a_admin", "district_admin"):
        response = world.client.post(firm_path, json={"scope": []}, headers=world[outsider].headers)
        assert response.status_code == 404


def test_no_contract_takes_effect_with_an_unverified_enterprise(world: World) -> None:
    """Anyone can sign up claiming a credit code: the firm sees whether a regulator has
    verified the claim, and the contract cannot be accepted until one has."""
    contract = propose(world, TRAINING)
    assert contract["enterprise_verification"] == "unverified"
    refused = act(world, "a_admin", contract["id"], "accept")
    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "enterprise_not_verified"
    got = world.client.get(f"/v1/contracts/{contract['id']}", headers=world["firm_admin"].headers)
    assert got.json()["status"] == "proposed"
    verify(world)
    listed = world.client.get(
        f"/v1/service-firms/{world.ids['firm']}/contracts", headers=world["firm_admin"].headers
    ).json()["data"]
    assert [c["enterprise_verification"] for c in listed] == ["verified"]
    # An action documented without a body needs none: no body at all, or `{}`.
    accepted = world.client.post(
        f"/v1/contracts/{contract['id']}/accept", headers=world["a_admin"].headers
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["enterprise_verification"] == "verified"
    assert accepted.json()["status"] == "active"
