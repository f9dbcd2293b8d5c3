"""`anxin demo --enterprises N`: a whole generated district on top of the hand-made demo.

N verified enterprises spread over Huiji District's towns with full records (people and
their exposures, staffing, certificates, training, health, hidden dangers, commitments,
analyses, standardization, hazard sources, licences, special equipment), a realistic share
of them non-compliant in one way or another. Everything an enterprise gets is drawn from
its own random stream seeded by (seed, index): the same seed on the same day gives the same
district.

Rows are written with Core bulk inserts (executemany), one transaction per chunk of
enterprises: the organization and profile rows as sign-up and verification leave them, each
record with its first history entry as the import path writes it, and one audit event per
chunk on the acting user's chain (so `anxin audit verify` stays intact).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cli.demo_catalog import INDUSTRIES
from app.cli.demo_emergency import write_emergency
from app.cli.demo_equipment import write_equipment
from app.cli.demo_henan_records import danger_statistics, rescue_arrangements
from app.cli.demo_inspections import write_inspections
from app.cli.demo_occupational import occupational_monitoring
from app.cli.demo_people import build_workforce, write_people
from app.cli.demo_profiles import EnterpriseSpec, make_spec
from app.cli.demo_records import EnterpriseRecords
from app.cli.demo_rows import Rows
from app.cli.demo_shifts import on_site_shifts
from app.cli.demo_training import Training, write_health
from app.core import clock
from app.core.crypto import PersonalDataCipher
from app.core.database import Database
from app.enterprises.models import Enterprise
from app.identity.auditing import audit
from app.identity.models import Organization, User
from app.identity.principal import Principal
from app.identity.tokens import user_principal

DEFAULT_SEED = 53  # 惠政文〔2014〕53号
DEFAULT_CHUNK = 100
PLATFORM_ADMIN_EMAIL = "admin@anxin.demo"
VERIFIER_EMAIL = "inspector@huiji.demo"
ROADS = ("长兴路", "迎宾路", "大河路", "开元路", "天河路", "江山路", "文化北路", "花园路")

Planned = tuple[EnterpriseSpec, random.Random]


@dataclass(frozen=True)
class Generated:
    enterprise_ids: list[str]
    rows: Counter[str]  # rows per table, history included
    seconds: float


def plan(seed: int, first: int, count: int, today: date) -> Iterable[Planned]:
    """Profiles of enterprises first … first+count-1, each with its random stream."""
    for index in range(first, first + count):
        yield make_spec(seed, index, today)


def exemplary(seed: int, index: int, today: date, *, employees: int, industry_code: str) -> Planned:
    """One enterprise of a chosen size and industry without any defect (the benchmark's)."""
    spec, rng = make_spec(seed, index, today)
    industry = next(i for i in INDUSTRIES if i.code == industry_code)
    sized = replace(
        spec,
        industry=industry,
        employees=employees,
        designated_size="above",
        sme_class="large" if employees >= 1000 else "medium",
        defects=frozenset(),
    )
    return sized, rng


def add_enterprise(
    rows: Rows, cipher: PersonalDataCipher, planned: Planned, verifier_id: str, today: date
) -> str:
    """Queue one verified enterprise and all its records; returns its id."""
    spec, rng = planned
    eid = rows.new_id("ent")
    work = build_workforce(rng, spec, today)
    now = rows.now
    rows.add_row(
        Organization,
        {
            "id": eid,
            "kind": "enterprise",
            "name": spec.name,
            "region_code": spec.region_code,
            "status": "active",
            "created_at": now,
            "version": 1,
        },
    )
    legal = work.principal.name if rng.random() < 0.8 else (work.deputy or work.principal).name
    rows.add_row(
        Enterprise,
        {
            "id": eid,
            "credit_code": spec.credit_code,
            "legal_representative": legal,
            "principal_person": work.principal.name,
            "address": f"郑州市惠济区{rng.choice(ROADS)}{rng.randint(1, 300)}号",
            "industry_code": spec.industry.code,
            "high_risk_category": spec.industry.high_risk,
            "employee_count": spec.employees,
            "designated_size": spec.designated_size,
            "sme_class": spec.sme_class,
            "occupational_hazard_trade": spec.industry.hazard_trade,
            "founded_on": spec.founded_on,
            "verification_status": "verified",
            "verified_by": verifier_id,
            "verified_at": now,
            "rejection_reason": None,
            "created_at": now,
            "updated_at": now,
            # Sign-up inserts version 1; verification is one update.
            "version": 2,
        },
    )
    write_people(rows, cipher, rng, eid, work, today)
    records = EnterpriseRecords(rows, rng, spec, eid, today)
    records.staffing(work)
    records.special_operations(work)
    Training(records, work).write()
    write_health(records, work)
    records.hidden_dangers(work)
    records.commitments(work)
    records.risk_analyses()
    records.standardization()
    records.hazard_sources()
    rescue_arrangements(records)
    danger_statistics(records)
    write_equipment(records, work)
    write_emergency(records, work)
    on_site_shifts(records, work)
    write_inspections(records, work)
    occupational_monitoring(records, work)
    return eid


def generate(
    database: Database,
    cipher: PersonalDataCipher,
    planned: Iterable[Planned],
    *,
    actor: Principal,
    verifier_id: str,
    seed: int,
    total: int,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Callable[[str], None] | None = None,
) -> Generated:
    """Write the planned enterprises, one transaction per chunk."""
    started = time.perf_counter()
    today = clock.today()
    ids: list[str] = []
    counts: Counter[str] = Counter()
    chunk: list[Planned] = []
    number = 0
    for item in planned:
        chunk.append(item)
        if len(chunk) == chunk_size:
            number += 1
            _write_chunk(
                database, cipher, chunk, actor, verifier_id, seed, number, today, ids, counts
            )
            chunk = []
            _report(progress, len(ids), total, counts, started)
    if chunk:
        number += 1
        _write_chunk(database, cipher, chunk, actor, verifier_id, seed, number, today, ids, counts)
        _report(progress, len(ids), total, counts, started)
    return Generated(ids, counts, time.perf_counter() - started)


def _write_chunk(
    database: Database,
    cipher: PersonalDataCipher,
    chunk: Sequence[Planned],
    actor: Principal,
    verifier_id: str,
    seed: int,
    number: int,
    today: date,
    ids: list[str],
    counts: Counter[str],
) -> None:
    request_id = f"demo-district:{seed}:{number}"
    rows = Rows(actor.id, clock.now(), request_id)
    created = [add_enterprise(rows, cipher, item, verifier_id, today) for item in chunk]
    with database.session(write=True) as session:
        rows.write(session)
        audit(
            session,
            actor=actor,
            action="enterprise.generate",
            resource_type="enterprise",
            resource_id=None,
            subject_organization_id=None,
            request_id=request_id,
            changes={
                "seed": seed,
                "chunk": number,
                "enterprises": len(created),
                "credit_codes": [spec.credit_code for spec, _ in chunk],
                "records": dict(sorted(rows.kinds.items())),
            },
        )
        session.commit()
    ids.extend(created)
    counts.update(rows.counts())


def _report(
    progress: Callable[[str], None] | None,
    done: int,
    total: int,
    counts: Counter[str],
    started: float,
) -> None:
    if progress is not None:
        progress(
            f"  {done:,}/{total:,} enterprises, {sum(counts.values()):,} rows, "
            f"{time.perf_counter() - started:.1f} s"
        )


def demo_actors(session: Session) -> tuple[Principal, str]:
    """The demo's platform admin (who generates) and inspector (who verified)."""
    admin = session.scalars(select(User).where(User.email == PLATFORM_ADMIN_EMAIL)).one()
    inspector = session.scalars(select(User).where(User.email == VERIFIER_EMAIL)).one()
    organization = session.get_one(Organization, admin.organization_id)
    return user_principal(admin, organization, None), inspector.id


def generate_district(
    database: Database,
    cipher: PersonalDataCipher,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Callable[[str], None] | None = None,
) -> Generated:
    """Add `count` generated enterprises to a database holding the hand-made demo."""
    with database.session(write=False) as session:
        actor, verifier_id = demo_actors(session)
    return generate(
        database,
        cipher,
        plan(seed, 1, count, clock.today()),
        actor=actor,
        verifier_id=verifier_id,
        seed=seed,
        total=count,
        chunk_size=chunk_size,
        progress=progress,
    )
