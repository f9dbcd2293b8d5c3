"""Helpers for blacklist tests: proposing and publishing entries through the API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.core import clock
from app.core.validators import resident_id_check_character
from tests.support.world import World, credit_code

ENTRIES = "/v1/blacklist/entries"


def id_number(seed: int) -> str:
    body17 = f"41010819800101{seed:03d}"
    return body17 + resident_id_check_character(body17)


def entry_body(seed: int = 101, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "credit_code": credit_code(seed),
        "subject_name": "郑州某化工有限公司",
        "legal_representative": "李四",
        "region_code": "410108001",
        "reason": "major_hidden_danger_unremedied",
        "legal_basis": "mem_2023",
        "facts": "储罐区重大事故隐患经责令整改逾期未整改。",
        "deciding_authority": "惠济区应急管理局",
        "decision_number": f"惠应急失信〔2026〕{seed}号",
        "effective_from": "2026-06-01",
        "responsible_people": [{"role": "principal", "name": "李四", "id_number": id_number(7)}],
    }
    body.update(overrides)
    if "penalty_decision" not in overrides:
        # The penalty decision the listing rests on, a fortnight before it starts.
        start = date.fromisoformat(body["effective_from"])
        body["penalty_decision"] = {
            "number": f"（惠）应急罚〔2026〕{seed}号",
            "decided_on": min(start - timedelta(days=14), clock.today()).isoformat(),
            "authority": "惠济区应急管理局",
        }
    return body


def propose(world: World, actor: str = "district_admin", **overrides: Any) -> dict[str, Any]:
    response = world.client.post(
        ENTRIES, json=entry_body(**overrides), headers=world[actor].headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def act(world: World, actor: str, path: str, body: dict[str, Any] | None = None) -> Any:
    return world.client.post(f"{ENTRIES}/{path}", json=body or {}, headers=world[actor].headers)


def published(world: World, **overrides: Any) -> dict[str, Any]:
    entry = propose(world, **overrides)
    response = act(world, "district_approver", f"{entry['id']}/publish")
    assert response.status_code == 200, response.text
    return dict(response.json())


def propose_removal(world: World, entry_id: str, actor: str = "district_admin") -> Any:
    """A removal of a published entry by court ruling, proposed (the response)."""
    return act(world, actor, f"{entry_id}/removals", {"reason": "court_ruling", "basis": "判决"})


def remove_published(world: World, entry_id: str) -> dict[str, Any]:
    """The entry removed: proposed by the district's admin, approved by its approver."""
    proposal = propose_removal(world, entry_id)
    assert proposal.status_code == 201, proposal.text
    decided = act(
        world, "district_approver", f"{entry_id}/proposals/{proposal.json()['id']}/approve"
    )
    assert decided.status_code == 200, decided.text
    return dict(decided.json())
