"""A firm's portfolio: its clients under contracts in force with their compliance, sorted by
risk or name, paginated; alerts across clients."""

from __future__ import annotations

from typing import Any

from tests.contracts.support import ENGINEER, SESSION, TRAINING, accepted, propose, url
from tests.support.world import World


def _clients(world: World, **params: Any) -> dict[str, Any]:
    response = world.client.get(
        f"/v1/service-firms/{world.ids['firm']}/clients",
        params=params,
        headers=world["firm_admin"].headers,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_clients_with_their_standing_sorted_by_risk_or_name(world: World) -> None:
    assert _clients(world)["data"] == []
    propose(world, TRAINING)  # a proposal is not a client yet
    assert _clients(world)["data"] == []
    a = accepted(world, TRAINING, entrusted_safety_manager=True, responsible_engineer=ENGINEER)
    b = accepted(world, TRAINING, enterprise="enterprise_b")
    data = _clients(world)["data"]
    assert {c["enterprise_id"] for c in data} == {
        world.ids["enterprise_a"],
        world.ids["enterprise_b"],
    }
    for client in data:
        assert client["standing"] in ("fail", "unknown", "pass")
        assert set(client["by_status"]) >= {"pass", "fail"}
        assert client["scope"] == sorted(TRAINING)
    by_id = {c["enterprise_id"]: c for c in data}
    assert by_id[world.ids["enterprise_a"]]["contract_ids"] == [a["id"]]
    assert by_id[world.ids["enterprise_b"]]["contract_ids"] == [b["id"]]
    rank = {"fail": 0, "unknown": 1, "pass": 2}
    keys = [(rank[c["standing"]], -c["failing_by_severity"].get("critical", 0)) for c in data]
    assert keys == sorted(keys)
    names = [c["name"] for c in _clients(world, sort="name")["data"]]
    assert names == sorted(names)
    first = _clients(world, limit=1)
    assert len(first["data"]) == 1
    assert first["next_cursor"]
    second = _clients(world, limit=1, cursor=first["next_cursor"])
    assert [c["enterprise_id"] for c in first["data"] + second["data"]] == [
        c["enterprise_id"] for c in data
    ]
    assert second["next_cursor"] is None
    assert (
        world.client.get(
            f"/v1/service-firms/{world.ids['firm']}/clients?cursor=nonsense",
            headers=world["firm_admin"].headers,
        ).status_code
        == 422
    )


def test_alerts_across_clients_soonest_first(world: World) -> None:
    accepted(world, TRAINING)
    accepted(world, ["hidden-dangers"], enterprise="enterprise_b")
    firm = world["firm_admin"].headers
    assert (
        world.client.post(url(world, "training-sessions"), json=SESSION, headers=firm).status_code
        == 201
    )
    response = world.client.get(
        f"/v1/service-firms/{world.ids['firm']}/alerts?within_days=400", headers=firm
    )
    assert response.status_code == 200, response.text
    alerts = response.json()["data"]
    assert [a["due"] for a in alerts] == sorted(a["due"] for a in alerts)
    for alert in alerts:
        assert alert["enterprise_id"] in (world.ids["enterprise_a"], world.ids["enterprise_b"])
        assert alert["enterprise_name"]
    # Only the kinds each contract covers: no health-exam alerts for a training contract.
    assert all(a["kind"] != "periodic_exam_due" for a in alerts)
    bad = world.client.get(
        f"/v1/service-firms/{world.ids['firm']}/alerts?within_days=0", headers=firm
    )
    assert bad.status_code == 422
