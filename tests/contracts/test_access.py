"""Delegated access: scope (record kinds), period, ending, cross-firm isolation, audit."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, select

from app.contracts.delegation import contracted_enterprises
from app.core import clock
from app.core.audit_chain import AuditEvent
from app.core.config import Settings
from app.core.database import session_factory
from app.identity import policy
from app.main import create_app
from tests.contracts.support import (
    SESSION,
    TRAINING,
    accepted,
    act,
    fresh_token,
    noon,
    person_body,
    propose,
    second_firm,
    today,
    url,
)
from tests.support.world import World


def _exam(world: World) -> str:
    person = world.client.post(
        url(world, "people"), json=person_body(5), headers=world["a_admin"].headers
    ).json()["id"]
    exam = world.client.post(
        url(world, "health-exams"),
        json={
            "conclusion": "normal",
            "examined_on": "2026-05-12",
            "factors": ["noise"],
            "institution": "郑州市职业病防治院",
            "kind": "periodic",
            "person_id": person,
            "report_number": "ZJ-2026-05-0318",
        },
        headers=world["a_admin"].headers,
    )
    assert exam.status_code == 201, exam.text
    return str(exam.json()["id"])


def test_a_training_only_contract_reaches_training_and_nothing_else(world: World) -> None:
    firm = world["firm_admin"].headers
    exam = _exam(world)
    assert world.client.get(url(world, "training-sessions"), headers=firm).status_code == 404
    accepted(world, TRAINING)
    created = world.client.post(url(world, "training-sessions"), json=SESSION, headers=firm)
    assert created.status_code == 201, created.text
    assert world.client.get(url(world, "training-sessions"), headers=firm).status_code == 200
    # The enterprise as a whole is readable (profile, compliance), not writable.
    assert (
        world.client.get(url(world, "compliance").rsplit("/", 1)[0], headers=firm).status_code
        == 200
    )
    assert world.client.get(url(world, "compliance"), headers=firm).status_code == 200
    for method, path, body in (
        ("GET", "health-exams", None),
        ("GET", f"health-exams/{exam}", None),
        ("POST", "health-exams", {}),
        ("GET", "people", None),
        ("POST", "people", person_body(6)),
    ):
        response = world.client.request(method, url(world, path), json=body, headers=firm)
        assert response.status_code in (403, 404), (method, path, response.status_code)
        assert response.json()["code"] == "outside_contract_scope"
    patch = world.client.patch(
        url(world, "compliance").rsplit("/", 1)[0],
        json={"address": "郑州市"},
        headers={**firm, "If-Match": "*"},
    )
    assert patch.status_code == 403
    # Enterprise B, not under contract, is not even found.
    assert (
        world.client.get(url(world, "training-sessions", "enterprise_b"), headers=firm).status_code
        == 404
    )


def test_the_enterprise_and_its_regulator_keep_their_access(world: World) -> None:
    accepted(world, TRAINING)
    for actor in ("a_viewer", "district_admin"):
        headers = world[actor].headers
        assert world.client.get(url(world, "health-exams"), headers=headers).status_code == 200
        assert world.client.get(url(world, "people"), headers=headers).status_code == 200
    assert (
        world.client.post(
            url(world, "people"), json=person_body(7), headers=world["a_editor"].headers
        ).status_code
        == 201
    )


def test_access_holds_only_within_the_period(world: World) -> None:
    start = today() + timedelta(days=30)
    end = start + timedelta(days=9)
    accepted(world, TRAINING, valid_from=start, valid_to=end)
    expected = {
        start - timedelta(days=1): 404,
        start: 200,
        end: 200,
        end + timedelta(days=1): 404,
    }
    for day, status in expected.items():
        with clock.use_clock(noon(day)):
            headers = fresh_token(world, "firm_admin")
            response = world.client.get(url(world, "training-sessions"), headers=headers)
            assert response.status_code == status, (day, response.text)


def test_ending_a_contract_ends_access_at_once(world: World) -> None:
    firm = world["firm_admin"].headers
    contract = accepted(world, TRAINING)
    assert world.client.get(url(world, "training-sessions"), headers=firm).status_code == 200
    assert act(world, "a_admin", contract["id"], "end", reason="不再续约").status_code == 200
    assert world.client.get(url(world, "training-sessions"), headers=firm).status_code == 404
    assert (
        world.client.post(url(world, "training-sessions"), json=SESSION, headers=firm).status_code
        == 404
    )
    # The firm still sees the contract itself and its history.
    assert world.client.get(f"/v1/contracts/{contract['id']}", headers=firm).status_code == 200


def test_a_proposal_gives_no_access(world: World) -> None:
    propose(world, TRAINING)
    firm = world["firm_admin"].headers
    assert world.client.get(url(world, "training-sessions"), headers=firm).status_code == 404


def test_a_second_firm_sees_nothing_of_the_first(world: World) -> None:
    contract = accepted(world, TRAINING)
    other = second_firm(world).headers
    firm_id = world.ids["firm"]
    for path in (
        f"/v1/contracts/{contract['id']}",
        f"/v1/contracts/{contract['id']}/history",
        f"/v1/service-firms/{firm_id}/contracts",
        f"/v1/service-firms/{firm_id}/clients",
        f"/v1/service-firms/{firm_id}/alerts",
        url(world, "contracts"),
        url(world, "training-sessions"),
    ):
        assert world.client.get(path, headers=other).status_code == 404, path
    own = f"/v1/service-firms/{world.ids['firm2']}"
    assert world.client.get(f"{own}/clients", headers=other).json()["data"] == []
    assert world.client.get(f"{own}/contracts", headers=other).json()["data"] == []
    # Its own contract with the same client shows only its own on the enterprise's list.
    mine = accepted(world, TRAINING, firm="firm2_admin")
    listed = world.client.get(url(world, "contracts"), headers=other).json()["data"]
    assert [c["id"] for c in listed] == [mine["id"]]
    assert act(world, "firm2_admin", contract["id"], "end", reason="x").status_code == 404


def test_what_a_firm_user_does_is_audited_under_their_own_identity(
    world: World, engine: Engine
) -> None:
    accepted(world, TRAINING)
    firm = world["firm_admin"]
    created = world.client.post(url(world, "training-sessions"), json=SESSION, headers=firm.headers)
    assert created.status_code == 201
    with session_factory(engine, write=False)() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.resource_id == created.json()["id"])
        ).one()
    assert event.actor_id == firm.user_id
    assert event.actor_organization_id == world.ids["firm"]
    assert event.subject_organization_id == world.ids["enterprise_a"]
    history = world.client.get(
        url(world, f"training-sessions/{created.json()['id']}/history"),
        headers=world["a_admin"].headers,
    ).json()["data"]
    assert history[0]["changed_by"] == firm.user_id


def test_the_contracts_are_the_only_way_in_and_the_app_says_so(
    world: World, settings: Settings
) -> None:
    """Delegation is set where the app is built, not by an import: without the contracts'
    source a firm under contract reaches nothing; building the app sets it, once."""
    firm = world["firm_admin"].headers
    accepted(world, TRAINING)
    assert world.client.get(url(world, "training-sessions"), headers=firm).status_code == 200
    sources = policy.delegation_sources()
    assert sources == (contracted_enterprises,)
    try:
        policy.set_delegation_sources()
        assert world.client.get(url(world, "training-sessions"), headers=firm).status_code == 404
        for _ in range(2):
            built = create_app(settings)
            built.state.database.dispose()
        assert policy.delegation_sources() == (contracted_enterprises,)
    finally:
        policy.set_delegation_sources(*sources)
    assert world.client.get(url(world, "training-sessions"), headers=firm).status_code == 200
