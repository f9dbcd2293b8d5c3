"""Records of a generated enterprise other than people, training and health: the safety body,
appointments and assessments, engineers, special operations, hidden dangers, commitments,
monthly analyses, standardization and major hazard sources."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from app.cli.demo_catalog import ENGINEER_SPECIALTY, OFFICE
from app.cli.demo_people import SAFETY_DEPARTMENT, PersonPlan, Workforce
from app.cli.demo_profiles import EnterpriseSpec
from app.cli.demo_rows import Rows
from app.cli.demo_teams import write_teams
from app.registry.certificates.assignments import OPERATION_ASSIGNMENTS
from app.registry.certificates.periods import add_years
from app.registry.certificates.special import SPECIAL_OPERATION_CERTIFICATES
from app.registry.certificates.standardization import STANDARDIZATION_CERTIFICATES
from app.registry.commitments.analyses import RISK_ANALYSES
from app.registry.commitments.commitment import SAFETY_COMMITMENTS
from app.registry.dangers.kind import HIDDEN_DANGERS
from app.registry.filings.kind import MAJOR_HAZARD_SOURCES
from app.registry.kinds import RecordKind
from app.registry.staffing.assessments import ASSESSMENT_CERTIFICATES
from app.registry.staffing.bodies import SAFETY_BODIES
from app.registry.staffing.engineers import REGISTERED_ENGINEERS
from app.registry.staffing.leaders import LEADER_APPOINTMENTS
from app.registry.staffing.officers import OFFICER_APPOINTMENTS

CITY_AUTHORITY = "郑州市应急管理局"
COMMITMENT_ITEMS = (
    "严格遵守安全生产法律法规，落实全员安全生产责任制",
    "不违法违规组织生产经营，不超能力、超强度、超定员组织生产",
    "及时排查治理事故隐患，重大隐患挂牌督办、限期整改",
    "从业人员经培训合格上岗，特种作业人员持证上岗",
)
DANGERS = (
    ("配电箱未上锁，部分电缆线路老化破损", "更换老化电缆，配电箱加锁并张贴警示标识"),
    ("灭火器压力不足，部分已过检验期", "更换过期灭火器，建立月度检查台账"),
    ("安全出口及疏散通道被货物堵塞", "清理通道杂物，划定禁止堆放区域"),
    ("设备传动部位防护罩缺失", "加装防护罩，开展设备安全检查"),
    ("作业人员未按规定佩戴劳动防护用品", "补发防护用品，开展专项教育并加强巡查"),
    ("除尘设施运行不正常，作业场所粉尘积聚", "检修除尘系统，落实每班清扫制度"),
    ("叉车未按期检验，司机证件未随车携带", "送检叉车，规范持证作业管理"),
    ("燃气管道软管老化，未安装燃气泄漏报警装置", "更换金属软管，安装可燃气体报警器"),
)
CONTINGENCY = "整改期间设置警戒区域和警示标识，安排专人监护，必要时停止相关作业"
MAJOR_DANGER = ("储存场所与周边建筑安全距离不足", "调整储存布局，减少储存量并增设隔离设施")
HAZARD_SOURCE_NAMES = ("甲醇储罐区", "液氨储罐区", "苯类储罐区", "成品油储罐区", "原料仓库")


@dataclass
class Counter:
    """Serial numbers unique within the enterprise (certificate numbers must be)."""

    prefix: str
    value: int = 0

    def next(self) -> str:
        self.value += 1
        return f"{self.prefix}{self.value:04d}"


def some_days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, max(low, high)))


class EnterpriseRecords:
    """Writes one enterprise's records into `rows`; `today` anchors every date."""

    def __init__(
        self, rows: Rows, rng: random.Random, spec: EnterpriseSpec, eid: str, today: date
    ) -> None:
        self.rows, self.rng, self.spec, self.eid, self.today = rows, rng, spec, eid, today
        self.numbers = Counter(f"{spec.index:05d}")
        self.officer_since: dict[str, date] = {}  # appointment days, for officers' training

    def put(self, kind: RecordKind[Any], /, **values: Any) -> str:
        return self.rows.add(kind, self.eid, values)

    def staffing(self, work: Workforce) -> None:
        rng, spec = self.rng, self.spec
        established = spec.first_branch or spec.employees > 100 or rng.random() < 0.3
        self.put(
            SAFETY_BODIES,
            form="established" if established else "designated",
            name=SAFETY_DEPARTMENT if established else f"{OFFICE}（安全生产管理）",
            document_number=f"{spec.town}安字〔{spec.founded_on.year}〕{rng.randint(1, 30)}号",
            established_on=spec.founded_on + some_days(rng, 0, 90),
            ended_on=None,
        )
        principal_passed = work.principal_since - some_days(rng, 5, 90)
        if "principal_unassessed" in spec.defects:
            principal_passed = min(self.today, work.principal_since + some_days(rng, 20, 200))
        self._leader(work.principal, "principal", work.principal_since, None, principal_passed)
        if work.previous_principal is not None:
            previous = work.previous_principal
            self._leader(
                previous,
                "principal",
                previous.hire_date,
                previous.leave_date,
                previous.hire_date - some_days(rng, 5, 60),
            )
        if work.deputy is not None:
            self.put(
                LEADER_APPOINTMENTS,
                person_id=work.deputy.id,
                position="deputy",
                took_office_on=work.deputy.hire_date,
                left_office_on=None,
            )
        teams = write_teams(self, work)  # the part-time officers serve their department's team
        for officer in work.full_time_officers + work.part_time_officers:
            full = officer in work.full_time_officers
            appointed = min(
                self.today - timedelta(days=10), officer.hire_date + some_days(rng, 0, 120)
            )
            self.officer_since[officer.id] = appointed
            self.put(
                OFFICER_APPOINTMENTS,
                person_id=officer.id,
                duty="safety_officer",
                employment="full_time" if full else "part_time",
                department=SAFETY_DEPARTMENT if full else officer.department,
                team_id=None if full else teams.get(officer.department),
                appointed_on=appointed,
                ended_on=None,
            )
            self._assessments(officer, "safety_officer", appointed - some_days(rng, 10, 120))
        if work.health_supervisor is not None:
            self.put(
                OFFICER_APPOINTMENTS,
                person_id=work.health_supervisor.id,
                duty="occupational_health_supervisor",
                employment="part_time",
                department=OFFICE,
                appointed_on=work.health_supervisor.hire_date + some_days(rng, 0, 60),
                ended_on=None,
            )
        self._engineer(work)

    def _leader(
        self, person: PersonPlan, position: str, took: date, left: date | None, passed: date
    ) -> None:
        self.put(
            LEADER_APPOINTMENTS,
            person_id=person.id,
            position=position,
            took_office_on=took,
            left_office_on=left,
        )
        if passed <= self.today:
            self._assessments(person, "principal", passed, until=left)

    def _assessments(
        self, person: PersonPlan, role: str, passed: date, until: date | None = None
    ) -> None:
        """The certificate passed before the post and, once it has expired (3 years), the
        current one passed at the renewal assessment."""
        expires = add_years(passed, 3)
        self._assessment(person, role, passed, expires)
        end = until or self.today
        if expires < end:
            renewed = max(passed + timedelta(days=1), end - some_days(self.rng, 30, 900))
            self._assessment(person, role, renewed, add_years(renewed, 3))

    def _assessment(self, person: PersonPlan, role: str, passed: date, expires: date) -> None:
        self.put(
            ASSESSMENT_CERTIFICATES,
            person_id=person.id,
            assessed_role=role,
            certificate_number=f"豫安考{passed.year}{self.numbers.next()}",
            issuing_authority=CITY_AUTHORITY,
            passed_on=passed,
            expires_on=expires,
        )

    def _engineer(self, work: Workforce) -> None:
        spec = self.spec
        if spec.industry.high_risk is None or "no_engineer" in spec.defects:
            return
        if not work.full_time_officers:
            return
        valid_from = self.today - some_days(self.rng, 60, 5 * 365 - 60)
        self.put(
            REGISTERED_ENGINEERS,
            person_id=work.full_time_officers[0].id,
            registration_number=f"ZCAQ{valid_from.year}{self.numbers.next()}",
            level="intermediate",
            specialty=ENGINEER_SPECIALTY[spec.industry.high_risk],
            employer_credit_code=spec.credit_code,
            valid_from=valid_from,
            valid_to=add_years(valid_from, 5),
        )

    def special_operations(self, work: Workforce) -> None:
        rng, today = self.rng, self.today
        holders = [p for p in work.people if p.operations]
        broken = (
            rng.choice(holders) if holders and "certificate_expired" in self.spec.defects else None
        )
        for person in holders:
            for category in person.operations:
                started = min(today, person.hire_date + some_days(rng, 0, 30))
                if person.leave_date is not None:
                    started = min(started, person.leave_date)
                self.put(
                    OPERATION_ASSIGNMENTS,
                    person_id=person.id,
                    category=category,
                    started_on=started,
                    ended_on=person.leave_date,
                )
                if person is broken and rng.random() < 0.5:
                    issued = today - timedelta(days=6 * 365) - some_days(rng, 20, 400)
                elif person is broken:
                    issued = today - timedelta(days=3 * 365) - some_days(rng, 40, 700)
                else:
                    issued = today - some_days(rng, 20, 6 * 365 - 40)
                review_by = add_years(issued, 3)
                reviewed = None
                if review_by <= today and person is not broken:
                    reviewed = review_by - some_days(rng, 0, 60)
                self.put(
                    SPECIAL_OPERATION_CERTIFICATES,
                    person_id=person.id,
                    category=category,
                    certificate_number=f"T41{self.numbers.next()}{issued:%y}",
                    issued_on=issued,
                    expires_on=add_years(issued, 6),
                    last_review_on=reviewed,
                    review_applied_on=None,
                    six_year_review=False,
                )

    def hidden_dangers(self, work: Workforce) -> None:
        rng, today, spec = self.rng, self.today, self.spec
        in_service = work.in_service(today)
        responsible = [p for p in [*work.part_time_officers, work.principal] if p.in_service(today)]
        checkers = work.full_time_officers or work.part_time_officers or [work.principal]
        count = min(12, 2 + spec.employees // 40)
        for number in range(count):
            description, measures = rng.choice(DANGERS)
            found = today - some_days(rng, 5, 700)
            level = "general"
            if number == 0 and ("major_unreported" in spec.defects or rng.random() < 0.05):
                description, measures, level = *MAJOR_DANGER, "major"
                found = today - some_days(rng, 20, 300)
            owner = rng.choice(responsible or in_service)
            values: dict[str, Any] = {
                "found_on": found,
                "description": description,
                "location": f"{rng.choice(work.departments)}作业区域",
                "level": level,
                "measures": measures,
                "responsible_person_id": owner.id,
                "funds": Decimal(rng.randint(5, 800) * 100),
                "deadline": found + some_days(rng, 15, 60),
                "contingency_plan": CONTINGENCY,
                "status": "verified",
                "fixed_on": None,
                "verified_on": None,
                "verifier_person_id": None,
                "external_verifier": None,
                "reported_at": None,
            }
            if level == "major" and "major_unreported" not in spec.defects:
                reported = found + some_days(rng, 1, 6)
                values["reported_at"] = datetime.combine(reported, time(2, 30), tzinfo=UTC)
            overdue = number == 1 and "danger_overdue" in spec.defects
            incomplete = number == count - 1 and "danger_incomplete" in spec.defects
            if overdue:
                values["found_on"] = today - some_days(rng, 60, 240)
                values["deadline"] = values["found_on"] + some_days(rng, 15, 30)
                values["status"] = rng.choice(("open", "fixing"))
            elif incomplete or values["deadline"] >= today:
                values["status"] = rng.choice(("open", "fixing"))
                if incomplete:
                    values["contingency_plan"] = None
                    values["funds"] = None
            else:
                fixed = min(today, found + some_days(rng, 3, (values["deadline"] - found).days))
                values["fixed_on"] = fixed
                if (today - fixed).days <= 30 and rng.random() < 0.5:
                    values["status"] = "fixed"
                else:
                    values["verified_on"] = min(today, fixed + some_days(rng, 1, 15))
                    others = [c for c in checkers if c.id != owner.id]
                    if others:
                        values["verifier_person_id"] = rng.choice(others).id
                    else:
                        values["external_verifier"] = "郑州安信安全技术服务有限公司 注册安全工程师"
            self.put(HIDDEN_DANGERS, **values)

    def commitments(self, work: Workforce) -> None:
        rng, spec, today = self.rng, self.spec, self.today
        for year in range(max(2015, spec.founded_on.year), today.year + 1):
            if year == today.year - 1 and "commitment_missing" in spec.defects:
                continue
            signed = max(date(year, 1, rng.randint(4, 28)), spec.founded_on + some_days(rng, 1, 10))
            if signed > today:
                continue
            signer = work.principal
            if signed < work.principal_since and work.previous_principal is not None:
                signer = work.previous_principal
            self.put(
                SAFETY_COMMITMENTS,
                year=year,
                items=json.dumps(rng.sample(COMMITMENT_ITEMS, 3), ensure_ascii=False),
                signed_by_person_id=signer.id,
                signed_on=signed,
                published_on=min(today, signed + some_days(rng, 1, 5)),
            )

    def risk_analyses(self) -> None:
        rng, today = self.rng, self.today
        month = today.replace(day=1)
        skipped = "analysis_missing" in self.spec.defects
        due_seen = 0
        for _ in range(12):
            month = (month - timedelta(days=1)).replace(day=1)
            if month < self.spec.founded_on.replace(day=1):
                return
            next_month = (month + timedelta(days=32)).replace(day=1)
            conducted = min(today, next_month + some_days(rng, 0, 20))
            due_seen += 1
            if skipped and due_seen == 2:
                continue
            self.put(
                RISK_ANALYSES,
                month=month.strftime("%Y-%m"),
                conducted_on=conducted,
                risks_identified=rng.randint(0, 6),
                summary=f"{month.month}月安全生产形势平稳，排查风险点并落实管控措施。",
            )

    def standardization(self) -> None:
        spec, rng, today = self.spec, self.rng, self.today
        if not spec.industry.standardization:
            return
        issued = today - some_days(rng, 30, 3 * 365 - 30)
        if "standardization_expired" in spec.defects:
            issued = today - timedelta(days=3 * 365) - some_days(rng, 30, 400)
        grade = 2 if spec.designated_size == "above" and rng.random() < 0.3 else 3
        self.put(
            STANDARDIZATION_CERTIFICATES,
            grade=grade,
            certificate_number=f"豫AQB{spec.region_code[-3:]}{grade}{issued.year}{self.numbers.next()}",
            issuing_authority="河南省应急管理厅" if grade == 2 else CITY_AUTHORITY,
            issued_on=issued,
            expires_on=add_years(issued, 3),
        )

    def hazard_sources(self) -> None:
        spec, rng = self.spec, self.rng
        if spec.industry.sector != "chemical" and spec.industry.code != "F5162":
            return
        if spec.employees < 30 and rng.random() < 0.5:
            return
        names = rng.sample(HAZARD_SOURCE_NAMES, rng.randint(1, 2))
        for position, name in enumerate(names):
            identified = spec.founded_on + some_days(rng, 30, 400)
            unfiled = position == len(names) - 1 and "hazard_source_unfiled" in spec.defects
            filed = None if unfiled else min(self.today, identified + some_days(rng, 10, 60))
            self.put(
                MAJOR_HAZARD_SOURCES,
                name=name,
                grade=rng.randint(2, 4),
                location=f"厂区{rng.choice('东南西北')}侧",
                identified_on=identified,
                filed_on=filed,
                filing_number=None
                if filed is None
                else f"郑危源备〔{filed.year}〕{self.numbers.next()}号",
                authority=None if filed is None else CITY_AUTHORITY,
            )
