"""Training and occupational health of a generated enterprise: three-level education of each
intake, job-change training, annual training, the principal's and officers' training, health
exams (pre-job, periodic, exit) and the hazard declaration."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from app.cli.demo_people import PersonPlan, Workforce
from app.cli.demo_profiles import EnterpriseSpec
from app.cli.demo_records import EnterpriseRecords, some_days
from app.registry.certificates.periods import add_years
from app.registry.health.declarations import HAZARD_DECLARATIONS
from app.registry.health.exams import HEALTH_EXAMS
from app.registry.training.attendances import TRAINING_ATTENDANCES
from app.registry.training.sessions import TRAINING_SESSIONS

PACK_EFFECTIVE = date(2014, 6, 17)  # three-level education is checked for hires from then
TRAINING_HIGH_RISK = ("hazardous_chemicals", "fireworks", "metal_smelting")
PROVIDER_INSIDE = "本单位安全生产管理部门"
PROVIDER_CITY = "郑州市安全生产培训中心"
PLACE_INSIDE = "本单位安全培训室"
EXAM_INSTITUTIONS = ("郑州市职业病防治院", "河南省职业病防治研究院", "郑州市第七人民医院")
LEVELS = (
    ("company_level", "厂级安全教育"),
    ("workshop_level", "车间级安全教育"),
    ("team_level", "班组级安全教育"),
)


def _induction_hours(spec: EnterpriseSpec) -> tuple[int, int, int]:
    """Class hours of the three levels: 24 in all, 72 in training high-risk sectors, 32 for
    construction workers (rules.md, HJ2014-18.4)."""
    if spec.industry.high_risk in TRAINING_HIGH_RISK:
        return (24, 24, 24)
    if spec.industry.high_risk == "construction":
        return (12, 10, 10)
    return (8, 8, 8)


class Training:
    def __init__(self, records: EnterpriseRecords, work: Workforce) -> None:
        self.records, self.work = records, work
        self.rng: random.Random = records.rng
        self.spec, self.today = records.spec, records.today
        self.high_risk = self.spec.industry.high_risk in TRAINING_HIGH_RISK

    def session(self, kind: str, title: str, ended: date, hours: int, provider: str) -> str:
        days = max(1, -(-hours // 8))  # at most 8 class hours a day, as courses run
        return self.records.put(
            TRAINING_SESSIONS,
            kind=kind,
            title=title,
            provider=provider,
            place=PLACE_INSIDE if provider == PROVIDER_INSIDE else provider,
            started_on=ended - timedelta(days=days - 1),
            ended_on=ended,
            hours=Decimal(hours).quantize(Decimal("0.1")),
        )

    def attend(self, session_id: str, people: list[PersonPlan], hours: int) -> None:
        for person in people:
            self.records.put(
                TRAINING_ATTENDANCES,
                session_id=session_id,
                person_id=person.id,
                hours=Decimal(hours).quantize(Decimal("0.1")),
                passed=True,
            )

    def write(self) -> None:
        self.inductions()
        self.job_changes()
        self.annual()
        self.leaders_and_officers()

    def inductions(self) -> None:
        hired: dict[date, list[PersonPlan]] = {}
        for person in self.work.people:
            hired.setdefault(person.hire_date, []).append(person)
        latest = max(hired)
        for day in sorted(hired):
            if day < PACK_EFFECTIVE:
                continue
            for (kind, title), hours in zip(LEVELS, _induction_hours(self.spec), strict=True):
                if kind == "team_level" and day == latest and "induction_gap" in self.spec.defects:
                    continue
                session = self.session(
                    kind, f"新员工{title}（{day:%Y年%m月}）", day, hours, PROVIDER_INSIDE
                )
                self.attend(session, hired[day], hours)

    def job_changes(self) -> None:
        for person in self.work.people:
            for changed, department, _ in person.job_changes:
                for kind, title in LEVELS[1:]:
                    session = self.session(
                        kind, f"调岗{title}（{department}）", changed, 8, PROVIDER_INSIDE
                    )
                    self.attend(session, [person], 8)

    def annual(self) -> None:
        """Each calendar year's training for everyone in service: last year's (which 24.1
        judges) and this year's so far. Earlier years are not kept: they would double the
        district's rows and no rule reads them."""
        rng, today = self.rng, self.today
        # 20 h in training high-risk sectors and in construction (24.1), else 8.
        hours = 20 if self.high_risk or self.spec.industry.high_risk == "construction" else 8
        last_year = date(today.year - 1, 1, 1) + timedelta(days=rng.randint(30, 330))
        this_year = date(today.year, 1, 1) + timedelta(days=rng.randint(0, 364))
        for ended in (last_year, this_year):
            if ended > today:
                continue
            present = [p for p in self.work.people if p.in_service(ended)]
            veterans = [p for p in present if p.hire_date <= date(ended.year, 1, 1)]
            if veterans and "annual_training_gap" in self.spec.defects:
                missing = {id(p) for p in rng.sample(veterans, max(1, len(veterans) // 8))}
                present = [p for p in present if id(p) not in missing]
            title = f"{ended.year}年度全员安全生产再培训"
            session = self.session("annual", title, ended, hours, PROVIDER_INSIDE)
            self.attend(session, present, hours)

    def leaders_and_officers(self) -> None:
        """Initial training on taking the post, then re-training in every year counted from
        it (anniversary to anniversary, as HJ2014-18.6 counts them)."""
        work = self.work
        principal_start = max(work.principal_since, work.principal.hire_date)
        self.manager(work.principal, principal_start, "principal", "主要负责人")
        since = self.records.officer_since
        for officer in work.full_time_officers + work.part_time_officers:
            self.manager(officer, since[officer.id], "officer", "安全生产管理人员")

    def manager(self, person: PersonPlan, start: date, role: str, title: str) -> None:
        initial, yearly = (48, 16) if self.high_risk else (32, 12)
        session = self.session(
            f"{role}_initial", f"{title}初次安全培训", start, initial, PROVIDER_CITY
        )
        self.attend(session, [person], initial)
        year = 1
        while (end := add_years(start, year)) <= self.today:
            if end >= PACK_EFFECTIVE:
                ended = end - some_days(self.rng, 15, 300)
                title_year = f"{title}再培训（{ended.year}年）"
                session = self.session(f"{role}_annual", title_year, ended, yearly, PROVIDER_CITY)
                self.attend(session, [person], yearly)
            year += 1


def _exam(
    records: EnterpriseRecords,
    person: PersonPlan,
    kind: str,
    day: date,
    factors: str,
    institution: str,
) -> None:
    rng = records.rng
    conclusion = "normal" if rng.random() < 0.93 else rng.choice(("recheck", "other_disease"))
    records.put(
        HEALTH_EXAMS,
        person_id=person.id,
        kind=kind,
        examined_on=day,
        factors=factors,
        institution=institution,
        report_number=f"ZJ{day:%Y}{records.numbers.next()}",
        conclusion=conclusion,
    )


def write_health(records: EnterpriseRecords, work: Workforce) -> None:
    """Exams of everyone exposed and the declaration of the factors met in service."""
    rng, today, spec = records.rng, records.today, records.spec
    exposed = [p for p in work.people if p.exposures]
    if not exposed:
        return
    skipping = "exam_missing" in spec.defects
    for person in exposed:
        factors = " ".join(dict.fromkeys(f for f, _, _, _ in person.exposures))
        institution = rng.choice(EXAM_INSTITUTIONS)

        exam = partial(_exam, records, person, factors=factors, institution=institution)

        exam("pre_job", person.hire_date - some_days(rng, 3, 20))
        end = person.leave_date or today
        if (end - person.hire_date).days > 300:
            recent = end - some_days(rng, 20, 320)
            if skipping and person.leave_date is None and rng.random() < 0.3:
                recent = today - some_days(rng, 430, 600)
            if recent > person.hire_date:
                exam("periodic", recent)
        if person.leave_date is not None:
            exam("exit", max(person.hire_date, person.leave_date - some_days(rng, 0, 10)))
    if "declaration_missing" in spec.defects:
        return
    in_service = [p for p in exposed if p.in_service(today)]
    declared_factors = dict.fromkeys(f for p in in_service for f, _, _, _ in p.exposures)
    declared = today - some_days(rng, 30, 600)
    records.put(
        HAZARD_DECLARATIONS,
        declared_on=declared,
        factors=" ".join(declared_factors),
        exposed_headcount=len(in_service),
        authority="郑州市惠济区卫生健康委员会",
        receipt_number=f"惠卫职申〔{declared.year}〕{records.numbers.next()}号",
    )
