"""Entries and their lifecycle: propose, publish by a second person, correct and remove by
approved proposals, withdraw; every step in the history."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import select

from app.blacklist.models import BlacklistChange
from app.blacklist.service import expire_due
from app.core.database import session_factory
from tests.blacklist.support import (
    ENTRIES,
    act,
    entry_body,
    id_number,
    propose,
    propose_removal,
    published,
)
from tests.support.world import World, add_client


def test_a_listing_is_published_by_a_second_person(world: World) -> None:
    entry = propose(world)
    assert entry["status"] == "proposed"
    assert entry["public_version"] == 0
    assert entry["listing_months"] == 36  # the 2023 order's period
    assert entry["expires_on"] == "2029-05-31"  # the last day listed
    admin = act(world, "district_admin", f"{entry['id']}/publish")
    assert admin.status_code == 403  # an admin may propose, not approve
    assert admin.json()["code"] == "missing_capability"
    done = act(world, "district_approver", f"{entry['id']}/publish")
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "published"
    assert done.json()["public_version"] == 1
    assert act(world, "district_approver", f"{entry['id']}/publish").status_code == 409


def test_the_proposer_cannot_publish_their_own_listing(world: World) -> None:
    entry = propose(world, actor="district_approver")
    own = act(world, "district_approver", f"{entry['id']}/publish")
    assert own.status_code == 403
    assert own.json()["code"] == "four_eyes"


def test_the_legal_basis_fixes_the_period(world: World) -> None:
    headers = world["district_admin"].headers
    seed_basis = world.client.post(
        ENTRIES, json=entry_body(legal_basis="huiji_2014"), headers=headers
    )
    assert seed_basis.status_code == 422
    assert seed_basis.json()["errors"][0]["field"] == "body.listing_months"
    stated = propose(world, legal_basis="huiji_2014", listing_months=24, seed=102)
    assert stated["expires_on"] == "2028-05-31"
    wrong = world.client.post(
        ENTRIES, json=entry_body(legal_basis="national_2017", listing_months=24), headers=headers
    )
    assert wrong.status_code == 422
    assert wrong.json()["code"] == "listing_months_fixed"
    assert propose(world, legal_basis="national_2017", seed=103)["expires_on"] == "2027-05-31"


def test_placement_inside_the_regulators_region(world: World) -> None:
    headers = world["district_admin"].headers
    missing = world.client.post(ENTRIES, json=entry_body(region_code=None), headers=headers)
    assert missing.status_code == 422
    assert missing.json()["code"] == "region_code_required"
    outside = world.client.post(
        ENTRIES, json=entry_body(region_code="410108001"), headers=world["town_admin"].headers
    )
    assert outside.status_code == 403
    assert outside.json()["code"] == "outside_your_region"
    # A verified enterprise is placed in its own region by default.
    enterprise = world.client.get(
        f"/v1/enterprises/{world.ids['enterprise_b']}", headers=world["district_admin"].headers
    ).json()
    world.client.post(f"/v1/enterprises/{enterprise['id']}/verify", headers=headers)
    placed = propose(world, credit_code=enterprise["credit_code"], region_code=None)
    assert placed["region_code"] == "410108100"
    bad_code = world.client.post(
        ENTRIES, json=entry_body(credit_code="91410108MA0000000Z"), headers=headers
    )
    assert bad_code.status_code == 422
    assert bad_code.json()["code"] == "invalid_credit_code"


def test_a_withdrawn_proposal_never_becomes_public(world: World) -> None:
    entry = propose(world)
    withdrawn = act(world, "district_admin", f"{entry['id']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    assert act(world, "district_approver", f"{entry['id']}/publish").status_code == 409


def test_corrections_are_new_versions_approved_by_another(world: World) -> None:
    entry = published(world)
    proposal = act(
        world,
        "district_admin",
        f"{entry['id']}/corrections",
        {"reason_for_correction": "名称笔误", "subject_name": "郑州某某化工有限公司"},
    )
    assert proposal.status_code == 201, proposal.text
    pid = proposal.json()["id"]
    assert proposal.json()["changes"] == {"subject_name": "郑州某某化工有限公司"}
    second = propose_removal(world, entry["id"])
    assert second.status_code == 409  # one pending change at a time
    approved = act(world, "district_approver", f"{entry['id']}/proposals/{pid}/approve")
    assert approved.status_code == 200, approved.text
    assert approved.json()["subject_name"] == "郑州某某化工有限公司"
    assert approved.json()["public_version"] == 2
    history = world.client.get(
        f"{ENTRIES}/{entry['id']}/history", headers=world["district_viewer"].headers
    ).json()
    actions = [e["action"] for e in history["data"]]
    assert actions == ["proposed", "published", "correction_proposed", "corrected"]
    seqs = [e["change_seq"] for e in history["data"] if e["change_seq"] is not None]
    assert len(seqs) == 2
    assert seqs[1] == seqs[0] + 1


def test_removal_rules(world: World) -> None:
    entry = published(world)
    early = act(
        world,
        "district_admin",
        f"{entry['id']}/removals",
        {"reason": "credit_repair", "basis": "信用修复申请", "removed_on": "2027-05-31"},
    )
    assert early.status_code == 422
    assert early.json()["code"] == "early_removal_too_soon"
    proposal = act(
        world,
        "district_admin",
        f"{entry['id']}/removals",
        {
            "reason": "credit_repair",
            "basis": "信用修复申请",
            "removed_on": "2027-06-01",
            "repair_conditions": [
                {"condition": c, "evidence": "材料"}
                for c in (
                    "penalty_performed",
                    "violation_corrected",
                    "no_new_violation",
                    "credit_commitment",
                    "repair_training",
                )
            ],
        },
    ).json()
    rejected = act(
        world,
        "district_approver",
        f"{entry['id']}/proposals/{proposal['id']}/reject",
        {"note": "材料不全"},
    )
    assert rejected.json()["status"] == "rejected"
    again = act(
        world,
        "district_admin",
        f"{entry['id']}/removals",
        {"reason": "court_ruling", "basis": "（2026）豫0108行初1号"},
    ).json()
    removed = act(world, "district_approver", f"{entry['id']}/proposals/{again['id']}/approve")
    assert removed.status_code == 200, removed.text
    assert removed.json()["status"] == "removed"
    assert removed.json()["removal_reason"] == "court_ruling"
    assert removed.json()["removed_on"] is not None
    correction = act(
        world,
        "district_admin",
        f"{entry['id']}/corrections",
        {"reason_for_correction": "x", "facts": "y"},
    )
    assert correction.status_code == 409  # a removed entry is not corrected


def test_id_numbers_are_masked_everywhere(world: World) -> None:
    entry = published(world)
    text = world.client.get(
        f"{ENTRIES}/{entry['id']}/history", headers=world["district_admin"].headers
    ).text
    assert id_number(7) not in text
    assert id_number(7) not in str(entry)
    assert entry["responsible_people"][0]["id_number_masked"].startswith("4101")


def test_only_the_keepers_see_entries(world: World) -> None:
    entry = propose(world)  # placed in 410108001, outside the town's region
    for actor, status in (
        ("town_admin", 404),
        ("bank_admin", 403),
        ("a_admin", 403),
        ("firm_admin", 403),
    ):
        response = world.client.get(f"{ENTRIES}/{entry['id']}", headers=world[actor].headers)
        assert response.status_code == status, actor
    listed = world.client.get(ENTRIES, headers=world["town_admin"].headers).json()
    assert listed["data"] == []
    mine = world.client.get(
        ENTRIES, params={"status": "proposed"}, headers=world["district_viewer"].headers
    )
    assert [e["id"] for e in mine.json()["data"]] == [entry["id"]]


def test_expiry_marks_entries_and_tells_the_feed(world: World, app: FastAPI) -> None:
    entry = published(world, legal_basis="national_2017", effective_from="2024-01-01")
    with session_factory(app.state.database.engine, write=True)() as session:
        assert expire_due(session) == 1
        session.commit()
        assert expire_due(session) == 0
        actions = session.scalars(
            select(BlacklistChange.action)
            .where(BlacklistChange.entry_id == entry["id"])
            .order_by(BlacklistChange.seq)
        ).all()
    assert actions == ["published", "expired"]
    got = world.client.get(
        f"{ENTRIES}/{entry['id']}", headers=world["district_admin"].headers
    ).json()
    assert got["status"] == "expired"


def test_decisions_need_no_body(world: World) -> None:
    """approve, reject and withdraw are documented without a body: none, `{}` or a note."""
    entry = published(world)
    for path, actor, status in (
        ("reject", "district_approver", "rejected"),
        ("withdraw", "district_admin", "withdrawn"),
        ("approve", "district_approver", None),
    ):
        proposal = propose_removal(world, entry["id"])
        assert proposal.status_code == 201, proposal.text
        decided = world.client.post(
            f"{ENTRIES}/{entry['id']}/proposals/{proposal.json()['id']}/{path}",
            headers=world[actor].headers,
        )
        assert decided.status_code == 200, (path, decided.text)
        if status is None:
            assert decided.json()["status"] == "removed"
        else:
            assert decided.json()["status"] == status
            assert decided.json()["decision_note"] is None


def test_blacklist_read_is_what_lets_a_regulator_read_its_entries(world: World) -> None:
    """A regulator's `blacklist:read` (docs/api.md) reads the entries of its region; its
    lookups stay an institution's (receipts and quotas are theirs)."""
    entry = propose(world)
    reader = add_client(
        world, "district_reader", world.ids["district"], "district_admin", ["blacklist:read"]
    )
    records_only = add_client(
        world, "district_records", world.ids["district"], "district_admin", ["records:read"]
    )
    got = world.client.get(f"{ENTRIES}/{entry['id']}", headers=reader.headers)
    assert got.status_code == 200, got.text
    listed = world.client.get(ENTRIES, headers=reader.headers).json()["data"]
    assert [e["id"] for e in listed] == [entry["id"]]
    assert world.client.get(ENTRIES, headers=records_only.headers).json()["data"] == []
    hidden = world.client.get(f"{ENTRIES}/{entry['id']}", headers=records_only.headers)
    assert hidden.status_code == 404
    lookup = world.client.get(
        f"/v1/blacklist/lookup/{entry['credit_code']}", headers=reader.headers
    )
    assert lookup.status_code == 403
    assert lookup.json()["code"] == "institutions_only"
