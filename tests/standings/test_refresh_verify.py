"""Stored standings: a refresh stores what a live evaluation says, and the verifier finds
every way the stored rows can fall behind (a write, a missing row, a row that should go)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.cli.main import main
from app.core import clock
from app.core.database import session_factory
from app.enterprises.models import Enterprise
from app.standings.models import EnterpriseStanding, StandingItem
from app.standings.refresh import refresh, refresh_region
from app.standings.verify import Drift, verify
from tests.compliance.test_overview import _staff_enterprise_a, _verify
from tests.support.world import World, signup

DISTRICT = "410108"
TOWN_OF_B = "410108100"


def _session(engine: Engine) -> Session:
    return session_factory(engine, write=True)()


def _refresh(engine: Engine, region: str | None = None) -> tuple[int, int]:
    with _session(engine) as session:
        result = refresh_region(session, region, clock.today())
        session.commit()
    return result


def _verify_stored(engine: Engine, region: str | None = None) -> Drift:
    with _session(engine) as session:
        return verify(session, region, clock.today())


def test_a_refresh_stores_what_an_evaluation_says(world: World, engine: Engine) -> None:
    _verify(world, "a", "b")
    assert _refresh(engine) == (2, 0)
    with _session(engine) as session:
        row = session.get(EnterpriseStanding, world.ids["enterprise_a"])
        assert row is not None
        assert row.status == "fail"  # no safety body yet
        assert row.industry_section == "C"
        assert row.as_of == clock.today()
        assert row.evaluation_id.startswith("evl")
        assert row.n_fail > 0
        assert row.fail_critical + row.fail_major + row.fail_minor > 0
        items = session.scalars(
            select(StandingItem).where(StandingItem.enterprise_id == row.enterprise_id)
        ).all()
        assert {i.status for i in items} <= {"fail", "unknown"}
        assert ("rule", "HJ2014-17.1") in {(i.kind, i.key) for i in items}
        assert "staffing" in {i.key for i in items if i.kind == "duty"}
    drift = _verify_stored(engine)
    assert drift.clean, drift
    assert drift.checked == 2


def test_a_write_is_drift_until_the_next_refresh(world: World, engine: Engine) -> None:
    _verify(world, "a", "b")
    _refresh(engine)
    _staff_enterprise_a(world)

    drift = _verify_stored(engine)
    assert not drift.clean
    assert drift.missing == []
    assert drift.extra == []
    assert [d.enterprise_id for d in drift.differing] == [world.ids["enterprise_a"]]
    changes = drift.differing[0].changes
    assert "items" in changes
    stored_only, _ = changes["items"]
    assert any(name.startswith("rule:HJ2014-17.1=fail") for name in stored_only)
    # B's town knows nothing of A's records.
    assert _verify_stored(engine, TOWN_OF_B).clean

    _refresh(engine, DISTRICT)
    assert _verify_stored(engine).clean


def test_missing_and_extra_rows(world: World, engine: Engine) -> None:
    _verify(world, "a")
    _refresh(engine)
    _verify(world, "b")  # verified after the refresh: no row yet
    unverified = signup(world.client, "郑州丙未核实有限公司", "410108002", 3, "c_admin@example.com")
    with _session(engine) as session:
        claim = session.get(Enterprise, str(unverified["id"]))
        assert claim is not None
        refresh(session, [claim], clock.today())  # a row for a sign-up that is no enterprise yet
        session.commit()

    drift = _verify_stored(engine, DISTRICT)
    assert drift.missing == [world.ids["enterprise_b"]]
    assert drift.extra == [str(unverified["id"])]
    assert drift.differing == []

    assert _refresh(engine, DISTRICT) == (2, 1)
    assert _verify_stored(engine).clean


def test_the_command_exits_1_on_drift(
    world: World,
    engine: Engine,
    database_url: str,
    keys_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ANXIN_DATABASE_URL", database_url)
    monkeypatch.setenv("ANXIN_KEYS_DIR", str(keys_dir))
    _verify(world, "a", "b")

    assert main(["standings", "verify", "--region", DISTRICT]) == 1
    out = capsys.readouterr().out
    assert f"{world.ids['enterprise_a']}: no stored standing" in out
    assert "drift: 2 missing, 0 extra, 0 differing" in out

    assert main(["standings", "refresh", "--region", DISTRICT]) == 0
    assert "2 stored, 0 removed" in capsys.readouterr().out
    assert main(["standings", "verify"]) == 0
    assert "no drift" in capsys.readouterr().out

    _staff_enterprise_a(world)
    assert main(["standings", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"{world.ids['enterprise_a']}: items: stored" in out


def test_a_standing_past_its_stable_until_is_drift(world: World, engine: Engine) -> None:
    _verify(world, "a")
    _refresh(engine)
    today = clock.today()
    with _session(engine) as session:
        # As a refresh ten days ago would have left it, with a finding due yesterday.
        row = session.get(EnterpriseStanding, world.ids["enterprise_a"])
        assert row is not None
        row.as_of = today - timedelta(days=10)
        row.stable_until = today - timedelta(days=1)
        session.commit()
    drift = _verify_stored(engine)
    assert [d.enterprise_id for d in drift.differing] == [world.ids["enterprise_a"]]
    assert drift.differing[0].changes["stable_until"][0] == today - timedelta(days=1)
    _refresh(engine)
    assert _verify_stored(engine).clean
