"""The blacklist against MEM order 11 (应急管理部令第11号): the penalty decision a listing rests
on, the order's start, reasons that fit the basis, the repair conditions of an early removal,
and the restoration of a listing whose early removal was obtained by deceit."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from app.blacklist.models import BlacklistChange
from app.core import clock
from app.core.database import session_factory
from app.outbox.models import OutboxEvent
from tests.blacklist.support import ENTRIES, act, entry_body, propose, published
from tests.support.world import World, add_member, signup

CONDITIONS = [
    {"condition": "penalty_performed", "evidence": "罚款缴纳凭证 No. 0012"},
    {"condition": "violation_corrected", "evidence": "隐患整改验收报告"},
    {"condition": "no_new_violation", "evidence": "执法系统查询记录"},
    {"condition": "credit_commitment", "evidence": "信用中国网站承诺书"},
    {"condition": "repair_training", "evidence": "信用修复培训结业证明"},
]
REPAIR = {"reason": "credit_repair", "basis": "信用修复申请", "removed_on": "2027-06-01"}


def post_entry(world: World, **overrides: Any) -> Any:
    return world.client.post(
        ENTRIES, json=entry_body(**overrides), headers=world["district_admin"].headers
    )


def problem(response: Any, status: int, code: str, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.json()["code"] == code
    if field is not None:
        assert [e["field"] for e in response.json()["errors"]] == [field]


def approve(world: World, entry_id: str, proposal: Any) -> Any:
    assert proposal.status_code == 201, proposal.text
    return act(world, "district_approver", f"{entry_id}/proposals/{proposal.json()['id']}/approve")


def removed_early(world: World, removed_on: str = "2027-06-01", **overrides: Any) -> dict[str, Any]:
    """A published entry removed by credit repair, approved by a second person."""
    entry = published(world, **overrides)
    body = {**REPAIR, "removed_on": removed_on, "repair_conditions": CONDITIONS}
    done = approve(
        world, entry["id"], act(world, "district_admin", f"{entry['id']}/removals", body)
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "removed"
    return dict(done.json())


def feed_actions(app: FastAPI, entry_id: str) -> list[str]:
    with session_factory(app.state.database.engine, write=False)() as session:
        return list(
            session.scalars(
                select(BlacklistChange.action)
                .where(BlacklistChange.entry_id == entry_id)
                .order_by(BlacklistChange.seq)
            )
        )


def events_about(app: FastAPI, credit_code: str) -> list[tuple[str, dict[str, Any]]]:
    import json

    with session_factory(app.state.database.engine, write=False)() as session:
        rows = session.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.subject == f"credit_code:{credit_code}")
            .order_by(OutboxEvent.seq)
        ).all()
        return [(row.type, json.loads(row.payload)) for row in rows]


# --- the listing ------------------------------------------------------------------------------


def test_a_2023_listing_rests_on_a_penalty_decision(world: World) -> None:
    missing = post_entry(world, penalty_decision=None)
    problem(missing, 422, "penalty_decision_required", "body.penalty_decision")
    # The earlier bases do not ask for one; an older-style listing keeps working.
    older = post_entry(world, seed=102, legal_basis="national_2017", penalty_decision=None)
    assert older.status_code == 201, older.text
    assert older.json()["penalty_decision"] is None
    entry = propose(world, seed=103)
    assert entry["penalty_decision"] == {
        "number": "（惠）应急罚〔2026〕103号",
        "decided_on": "2026-05-18",
        "authority": "惠济区应急管理局",
    }
    history = world.client.get(
        f"{ENTRIES}/{entry['id']}/history", headers=world["district_viewer"].headers
    ).json()
    assert history["data"][0]["state"]["penalty_decision"]["number"] == "（惠）应急罚〔2026〕103号"


def test_the_penalty_decision_comes_before_the_listing(world: World) -> None:
    late = post_entry(
        world,
        penalty_decision={
            "number": "（惠）应急罚〔2026〕9号",
            "decided_on": "2026-06-02",
            "authority": "惠济区应急管理局",
        },
    )
    problem(late, 422, "penalty_after_listing", "body.penalty_decision.decided_on")
    same_day = post_entry(
        world,
        penalty_decision={
            "number": "（惠）应急罚〔2026〕9号",
            "decided_on": "2026-06-01",
            "authority": "惠济区应急管理局",
        },
    )
    assert same_day.status_code == 201, same_day.text


def test_no_2023_listing_starts_before_the_order_took_force(world: World) -> None:
    early = post_entry(world, effective_from="2023-09-30")
    problem(early, 422, "before_basis_in_force", "body.effective_from")
    assert "2023-10-01" in early.json()["detail"]
    first_day = propose(world, seed=102, effective_from="2023-10-01")
    assert first_day["expires_on"] == "2026-09-30"
    # The 2017 measures have no such start here.
    assert propose(world, seed=103, legal_basis="national_2017", effective_from="2023-09-30")


def test_a_reason_must_fit_its_legal_basis(world: World) -> None:
    # One larger accident lists under the seed and the 2017 measures, not under the order,
    # which needs two within 12 months.
    problem(
        post_entry(world, reason="larger_or_above_accident"),
        422,
        "reason_outside_basis",
        "body.reason",
    )
    problem(post_entry(world, reason="illegal_operation"), 422, "reason_outside_basis")
    problem(
        post_entry(world, legal_basis="huiji_2014", listing_months=24, reason="principal_fled"),
        422,
        "reason_outside_basis",
    )
    problem(
        post_entry(world, legal_basis="national_2017", reason="aggravated_fine_accident"),
        422,
        "reason_outside_basis",
    )
    for seed, basis, reason in (
        (110, "mem_2023", "repeated_larger_accidents"),
        (111, "mem_2023", "false_reports_by_service_body"),
        (112, "national_2017", "late_accident_report"),
        (113, "national_2017", "larger_or_above_accident"),
        (114, "huiji_2014", "illegal_operation"),
    ):
        extra = {"listing_months": 24} if basis == "huiji_2014" else {}
        made = post_entry(world, seed=seed, legal_basis=basis, reason=reason, **extra)
        assert made.status_code == 201, (basis, reason, made.text)


def test_corrections_keep_the_listing_within_its_basis(world: World) -> None:
    entry = published(world)
    path = f"{entry['id']}/corrections"
    problem(
        act(world, "district_admin", path, {"reason_for_correction": "x", "reason": "ilegal"}),
        422,
        "validation_failed",
    )
    problem(
        act(
            world,
            "district_admin",
            path,
            {"reason_for_correction": "x", "reason": "illegal_operation"},
        ),
        422,
        "reason_outside_basis",
    )
    problem(
        act(
            world,
            "district_admin",
            path,
            {"reason_for_correction": "x", "effective_from": "2023-06-01"},
        ),
        422,
        "before_basis_in_force",
    )
    problem(
        act(
            world,
            "district_admin",
            path,
            {"reason_for_correction": "x", "effective_from": "2026-05-01"},
        ),
        422,
        "penalty_after_listing",
    )
    # A listing made without one (before these rules) is given its penalty decision.
    penalty = {
        "number": "（惠）应急罚〔2026〕77号",
        "decided_on": "2026-05-20",
        "authority": "惠济区应急管理局",
    }
    fixed = approve(
        world,
        entry["id"],
        act(
            world,
            "district_admin",
            path,
            {"reason_for_correction": "补录", "penalty_decision": penalty},
        ),
    )
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["penalty_decision"] == penalty
    assert fixed.json()["public_version"] == 2


# --- early removal ----------------------------------------------------------------------------


def test_an_early_removal_declares_every_repair_condition(world: World) -> None:
    entry = published(world)
    path = f"{entry['id']}/removals"
    problem(act(world, "district_admin", path, REPAIR), 422, "repair_conditions_missing")
    four = {**REPAIR, "repair_conditions": CONDITIONS[:4]}
    missing = act(world, "district_admin", path, four)
    problem(missing, 422, "repair_conditions_missing", "body.repair_conditions")
    assert "repair_training" in missing.json()["detail"]
    twice = {**REPAIR, "repair_conditions": [*CONDITIONS, CONDITIONS[0]]}
    problem(
        act(world, "district_admin", path, twice),
        422,
        "duplicate_condition",
        "body.repair_conditions[5].condition",
    )
    court = {"reason": "court_ruling", "basis": "判决", "repair_conditions": CONDITIONS}
    problem(act(world, "district_admin", path, court), 422, "not_credit_repair")
    # 12 months on the list first: undated, the removal would take effect today.
    undated = {"reason": "credit_repair", "basis": "信用修复申请", "repair_conditions": CONDITIONS}
    problem(act(world, "district_admin", path, undated), 422, "early_removal_too_soon")
    proposal = act(world, "district_admin", path, {**REPAIR, "repair_conditions": CONDITIONS})
    assert proposal.status_code == 201, proposal.text
    assert proposal.json()["repair_conditions"] == CONDITIONS
    done = approve(world, entry["id"], proposal)
    assert done.status_code == 200, done.text
    assert done.json()["repair_conditions"] == CONDITIONS
    assert done.json()["removed_on"] == "2027-06-01"


def test_other_bases_may_declare_conditions_but_need_not(world: World) -> None:
    entry = published(world, legal_basis="national_2017")
    path = f"{entry['id']}/removals"
    bare = act(world, "district_admin", path, {"reason": "credit_repair", "basis": "修复"})
    assert bare.status_code == 201, bare.text
    assert bare.json()["repair_conditions"] is None


# --- restoration ------------------------------------------------------------------------------


def test_an_early_removal_obtained_by_deceit_is_revoked(world: World, app: FastAPI) -> None:
    entry = removed_early(world)
    path = f"{entry['id']}/restorations"
    body = {"deceit": "fraud", "basis": "整改验收报告系伪造（惠应急撤〔2027〕2号）"}
    proposal = act(world, "district_approver", path, body)
    assert proposal.status_code == 201, proposal.text
    assert proposal.json()["kind"] == "restoration"
    assert proposal.json()["deceit"] == "fraud"
    assert proposal.headers["Location"].endswith(proposal.json()["id"])
    # Four eyes: its proposer cannot approve it; an admin may propose, not approve.
    own = act(
        world, "district_approver", f"{entry['id']}/proposals/{proposal.json()['id']}/approve"
    )
    problem(own, 403, "four_eyes")
    problem(
        act(world, "district_admin", f"{entry['id']}/proposals/{proposal.json()['id']}/approve"),
        403,
        "missing_capability",
    )
    assert (
        world.client.get(
            f"{ENTRIES}/{entry['id']}", headers=world["district_viewer"].headers
        ).json()["status"]
        == "removed"
    )  # nothing happens before the second person
    add_member(
        world, "district_approver_2", world.ids["district"], "approver", world["district_admin"]
    )
    restored = act(
        world,
        "district_approver_2",
        f"{entry['id']}/proposals/{proposal.json()['id']}/approve",
    )
    assert restored.status_code == 200, restored.text
    got = restored.json()
    assert got["status"] == "published"
    assert got["expires_on"] == entry["expires_on"] == "2029-05-31"  # the original end
    assert got["removed_on"] is None
    assert got["removal_reason"] is None
    assert got["repair_conditions"] is None
    assert got["public_version"] == 3

    history = world.client.get(
        f"{ENTRIES}/{entry['id']}/history", headers=world["district_viewer"].headers
    ).json()["data"]
    assert [e["action"] for e in history][-4:] == [
        "removal_proposed",
        "removed",
        "restoration_proposed",
        "restored",
    ]
    assert history[-3]["state"]["repair_conditions"] == CONDITIONS  # kept in the history
    assert history[-1]["proposal_id"] == proposal.json()["id"]
    assert history[-1]["change_seq"] is not None
    assert feed_actions(app, entry["id"]) == ["published", "removed", "restored"]

    # Watchers hear of it as a listing, with the feed action and the entry version.
    events = events_about(app, entry["credit_code"])
    assert [t for t, _ in events] == [
        "blacklist.entry.published",
        "blacklist.entry.removed",
        "blacklist.entry.published",
    ]
    last = events[-1][1]
    assert last["action"] == "restored"
    assert last["entry_version"] == 3
    assert last["entry"]["status"] == "published"
    assert last["entry"]["removed_on"] is None

    # Institutions are told it is listed again.
    app.state.blacklist_snapshot.refresh()
    answer = world.client.get(
        f"/v1/blacklist/lookup/{entry['credit_code']}",
        params={"as_of": "2027-07-01"},
        headers=world["bank_client"].headers,
    ).json()
    assert answer["listed"] is True
    changes = world.client.get(
        "/v1/blacklist/changes", params={"after": 0}, headers=world["bank_client"].headers
    ).json()["data"]
    assert [c["action"] for c in changes if c["entry_id"] == entry["id"]][-1] == "restored"


def test_a_restoration_after_the_original_end_leaves_the_entry_expired(
    world: World, app: FastAPI
) -> None:
    entry = removed_early(
        world,
        removed_on="2024-11-01",
        effective_from="2023-10-01",  # listed to 2026-09-30, before today
        penalty_decision={
            "number": "（惠）应急罚〔2023〕5号",
            "decided_on": "2023-09-20",
            "authority": "惠济区应急管理局",
        },
    )
    assert entry["expires_on"] == "2026-09-30"
    assert entry["removed_on"] == "2024-11-01"
    assert clock.today() > date(2026, 9, 30)
    proposal = act(
        world,
        "district_admin",
        f"{entry['id']}/restorations",
        {"deceit": "concealment", "basis": "隐瞒新发生的违法行为"},
    )
    done = approve(world, entry["id"], proposal)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "expired"
    assert done.json()["removed_on"] is None
    assert done.json()["expires_on"] == "2026-09-30"
    (kind, payload) = events_about(app, entry["credit_code"])[-1]
    assert kind == "blacklist.entry.expired"
    assert payload["action"] == "restored"
    # The removal is void: the listing ran its whole period.
    app.state.blacklist_snapshot.refresh()
    for day, listed in (("2025-01-01", True), ("2026-09-30", True), ("2026-10-01", False)):
        answer = world.client.get(
            f"/v1/blacklist/lookup/{entry['credit_code']}",
            params={"as_of": day},
            headers=world["bank_client"].headers,
        ).json()
        assert answer["listed"] is listed, day


def test_only_an_early_removal_is_restored(world: World) -> None:
    body = {"deceit": "fraud", "basis": "伪造材料"}
    listed = published(world)
    problem(
        act(world, "district_admin", f"{listed['id']}/restorations", body),
        409,
        "wrong_entry_status",
    )
    court = published(world, seed=102)
    removal = act(
        world,
        "district_admin",
        f"{court['id']}/removals",
        {"reason": "court_ruling", "basis": "判决"},
    )
    assert approve(world, court["id"], removal).status_code == 200
    problem(
        act(world, "district_admin", f"{court['id']}/restorations", body),
        409,
        "not_an_early_removal",
    )
    problem(
        act(world, "district_admin", f"{court['id']}/restorations", {"basis": "伪造材料"}),
        422,
        "validation_failed",
    )


def test_a_restoration_is_refused_outside_the_keepers(world: World) -> None:
    entry = removed_early(world)
    body = {"deceit": "fraud", "basis": "伪造材料"}
    for actor, status in (
        ("town_admin", 404),  # another regulator's subtree: not even there
        ("a_admin", 403),
        ("firm_admin", 403),
        ("bank_admin", 403),
        ("bank_client", 403),
        ("district_viewer", 403),  # a keeper without the capability
    ):
        response = act(world, actor, f"{entry['id']}/restorations", body)
        assert response.status_code == status, (actor, response.text)
    proposals = world.client.get(
        f"{ENTRIES}/{entry['id']}/proposals", headers=world["district_admin"].headers
    ).json()["data"]
    assert [p["kind"] for p in proposals] == ["removal"]
    # And a restoration proposed by the keepers is approved by no outsider.
    proposal = act(world, "district_admin", f"{entry['id']}/restorations", body).json()
    outside = act(world, "town_admin", f"{entry['id']}/proposals/{proposal['id']}/approve")
    assert outside.status_code == 404


# --- scope ------------------------------------------------------------------------------------


def test_a_construction_firm_under_the_order_is_flagged(world: World) -> None:
    builder = signup(
        world.client,
        "郑州某建筑工程有限公司",
        "410108001",
        601,
        "builder@example.com",
        industry_code="E4710",
    )
    headers = world["district_admin"].headers
    verified = world.client.post(f"/v1/enterprises/{builder['id']}/verify", headers=headers)
    assert verified.status_code == 200, verified.text
    entry = propose(world, credit_code=builder["credit_code"], region_code=None)
    assert [w["code"] for w in entry["warnings"]] == ["outside_basis_scope"]
    assert "E4710" in entry["warnings"][0]["message"]
    # The same subject under the seed's rule: no warning; a chemical firm: none either.
    seed_rule = propose(
        world,
        seed=602,
        credit_code=builder["credit_code"],
        region_code=None,
        legal_basis="huiji_2014",
        listing_months=24,
    )
    assert seed_rule["warnings"] == []
    assert propose(world, seed=603)["warnings"] == []
    listed = world.client.get(ENTRIES, params={"status": "proposed"}, headers=headers).json()
    flagged = {e["id"]: [w["code"] for w in e["warnings"]] for e in listed["data"]}
    assert flagged[entry["id"]] == ["outside_basis_scope"]
    assert flagged[seed_rule["id"]] == []


def test_older_listings_without_the_new_fields_still_read(world: World) -> None:
    entry = published(world, legal_basis="national_2017", penalty_decision=None)
    got = world.client.get(f"{ENTRIES}/{entry['id']}", headers=world["district_admin"].headers)
    assert got.status_code == 200
    assert got.json()["penalty_decision"] is None
    assert got.json()["repair_conditions"] is None
    assert date.fromisoformat(got.json()["expires_on"]) == date(2027, 5, 31)


def test_watchers_hear_of_a_restoration(world: World, app: FastAPI) -> None:
    """An endpoint subscribed to listings and removals, as most are, hears of a restoration
    without subscribing to anything new, and the watchlist shows the member listed again."""
    from app.webhooks.dispatch import dispatch_pending
    from tests.webhooks.support import PUBLIC_URL
    from tests.worker.support import deliveries, endpoint, watchlist

    code = entry_body()["credit_code"]
    portfolio = watchlist(world, [code])
    hook = endpoint(world, PUBLIC_URL, ["blacklist.entry.published", "blacklist.entry.removed"])
    entry = removed_early(world, removed_on="2026-06-01", effective_from="2025-06-01")

    def listed() -> list[tuple[str, bool]]:
        members = world.client.get(
            f"/v1/watchlists/{portfolio['id']}/members", headers=world["bank_admin"].headers
        ).json()["data"]
        return [(m["credit_code"], m["listed"]) for m in members]

    assert listed() == [(code, False)]  # removed since 2026-06-01
    proposal = act(
        world, "district_admin", f"{entry['id']}/restorations", {"deceit": "fraud", "basis": "伪造"}
    )
    assert approve(world, entry["id"], proposal).status_code == 200
    assert listed() == [(code, True)]  # listed again, to 2028-05-31
    with session_factory(app.state.database.engine, write=True)() as session:
        assert dispatch_pending(session) == 3
        session.commit()
    # One message per event (made in one batch: their order in the log is not promised).
    assert sorted(d["event_type"] for d in deliveries(world, hook["id"])) == [
        "blacklist.entry.published",
        "blacklist.entry.published",
        "blacklist.entry.removed",
    ]


def test_the_documented_table_is_the_catalogue() -> None:
    """docs/institutions.md §10 shows which reasons each basis lists for: the catalogue's."""
    import re
    from pathlib import Path

    from app.blacklist.catalog import BASES, LegalBasis

    text = Path(__file__).parents[2].joinpath("docs", "institutions.md").read_text("utf-8")
    columns = (LegalBasis.MEM_2023, LegalBasis.NATIONAL_2017, LegalBasis.HUIJI_2014)
    documented: dict[LegalBasis, set[str]] = {basis: set() for basis in columns}
    for line in text.splitlines():
        if not line.startswith("| `") or "✓" not in line + "—":
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != 4:
            continue
        codes = re.findall(r"`([a-z_]+)`", cells[0])
        for basis, cell in zip(columns, cells[1:], strict=True):
            if cell.startswith("✓"):
                documented[basis].update(codes)
    assert {b: {r.value for r in BASES[b].reasons} for b in columns} == documented
