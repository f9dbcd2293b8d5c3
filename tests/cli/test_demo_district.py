"""`anxin demo --enterprises N`: generated, verified enterprises with full records."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine, func, select

from app.cli.demo_district import Generated, add_enterprise, exemplary, generate, plan
from app.cli.demo_rows import Rows
from app.cli.main import build_parser
from app.core import clock
from app.core.audit_chain import AuditEvent, canonical_json, verify_chains
from app.core.database import Database, session_factory
from app.core.ids import is_id
from app.enterprises.models import Enterprise
from app.identity.models import Organization, User
from app.identity.tokens import user_principal
from app.registry.base import RecordVersion
from app.registry.router import RECORD_KINDS
from tests.support.world import World

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEED = 7


def _generate(app: FastAPI, engine: Engine, count: int = 20) -> Generated:
    with session_factory(engine, write=False)() as session:
        admin = session.scalars(
            select(User).where(User.email == "district_admin@example.com")
        ).one()
        actor = user_principal(admin, session.get_one(Organization, admin.organization_id), None)
    today = clock.today()
    planned = [*plan(SEED, 1, count, today)]
    # One hazardous-chemicals plant without defects, so every record kind is present.
    planned.append(exemplary(SEED, count + 1, today, employees=60, industry_code="C2614"))
    return generate(
        Database(engine),
        app.state.cipher,
        planned,
        actor=actor,
        verifier_id=admin.id,
        seed=SEED,
        total=len(planned),
        chunk_size=8,
    )


def test_generates_verified_enterprises_with_records_of_every_kind(
    world: World, app: FastAPI, engine: Engine
) -> None:
    generated = _generate(app, engine)
    ids = generated.enterprise_ids
    assert len(ids) == 21
    assert all(is_id(i, "ent") for i in ids)
    with session_factory(engine, write=False)() as session:
        profiles = session.scalars(select(Enterprise).where(Enterprise.id.in_(ids))).all()
        assert {p.verification_status for p in profiles} == {"verified"}
        assert {(p.organization.region_code or "")[:6] for p in profiles} == {"410108"}
        assert len({p.credit_code for p in profiles}) == 21
        records = 0
        for kind in RECORD_KINDS:
            model: Any = kind.model
            count = session.scalar(
                select(func.count()).select_from(model).where(model.enterprise_id.in_(ids))
            )
            assert count, f"no {kind.resource_type} generated"
            records += count or 0
        # Every record has its first history entry, and history never shows an ID number.
        versions = session.scalars(
            select(RecordVersion).where(RecordVersion.enterprise_id.in_(ids))
        ).all()
        assert len(versions) == records
        assert {(v.version, v.action) for v in versions} == {(1, "import")}
        people = [json.loads(v.data) for v in versions if v.record_type == "person"]
        assert all("*" in p["id_number"] for p in people)
        # One audit event per chunk of 8, and every chain still verifies.
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "enterprise.generate")
        ).all()
        assert len(events) == 3
        assert sum(json.loads(e.changes or "{}")["enterprises"] for e in events) == 21
        assert verify_chains(session) == []
    assert generated.rows["record_versions"] == records


def test_compliance_reports_of_generated_enterprises_show_a_mix(
    world: World, app: FastAPI, engine: Engine
) -> None:
    generated = _generate(app, engine)
    statuses: Counter[str] = Counter()
    failing = 0
    for enterprise_id in generated.enterprise_ids:
        response = world.client.get(
            f"/v1/enterprises/{enterprise_id}/compliance", headers=world["district_admin"].headers
        )
        assert response.status_code == 200, response.text
        found = Counter(f["status"] for f in response.json()["findings"])
        statuses.update(found)
        failing += found["fail"] > 0
    assert statuses["pass"]
    assert statuses["fail"]
    assert statuses["not_applicable"]
    assert 0 < failing < len(generated.enterprise_ids)
    exemplary_report = world.client.get(
        f"/v1/enterprises/{generated.enterprise_ids[-1]}/compliance",
        headers=world["district_admin"].headers,
    ).json()
    failed = [f["rule_id"] for f in exemplary_report["findings"] if f["status"] == "fail"]
    assert failed == [], failed


def _digest(rows: Rows) -> str:
    """The generated content without what is random by design: ids, references to them,
    ciphertexts (fresh nonces), keyed hashes (the key) and timestamps."""
    skipped = {"id_number_ciphertext", "id_number_index", "created_at", "updated_at", "verified_at"}
    content = {
        model.__tablename__: sorted(
            canonical_json(
                {k: v for k, v in row.items() if k not in skipped and not k.endswith("id")}
            )
            for row in table_rows
        )
        for model, table_rows in rows.tables.items()
    }
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def _planned_rows(app: FastAPI, seed: int) -> Rows:
    rows = Rows("usr_x", clock.now(), "test")
    for item in plan(seed, 1, 12, clock.today()):
        add_enterprise(rows, app.state.cipher, item, "usr_y", clock.today())
    return rows


def test_the_same_seed_generates_the_same_district(app: FastAPI) -> None:
    first, again, other = _planned_rows(app, 1), _planned_rows(app, 1), _planned_rows(app, 2)
    assert _digest(first) == _digest(again)
    assert _digest(first) != _digest(other)
    assert first.counts() == again.counts()


def test_demo_flags() -> None:
    args = build_parser().parse_args(["demo", "--enterprises", "5", "--seed", "9"])
    assert (args.enterprises, args.seed) == (5, 9)
    plain = build_parser().parse_args(["demo"])
    assert plain.enterprises == 0


def test_the_command_generates_into_the_embedded_database(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "ANXIN_VAR_DIR": str(tmp_path / "var"),
        "ANXIN_PASSWORD_HASH_TIME_COST": "1",
        "ANXIN_PASSWORD_HASH_MEMORY_KIB": "8192",
    }
    env.pop("ANXIN_DATABASE_URL", None)
    command = [sys.executable, "-m", "app.cli.main"]
    demo = subprocess.run(
        [*command, "demo", "--enterprises", "4"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    assert "Generated 4 verified enterprises" in demo.stdout
    verify = subprocess.run(
        [*command, "audit", "verify"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "audit chains intact" in verify.stdout
