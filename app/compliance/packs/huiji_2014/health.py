"""Art. 22 of pack `huiji-2014`: health declarations, pre-job exams and supervisor (the
checks are shared with national law's rules: app/compliance/packs/occupational.py)."""

from __future__ import annotations

from app.compliance.packs.common_duties import (
    OCCUPATIONAL_DECLARATION,
    OCCUPATIONAL_EXAMS_PRE_JOB,
    OCCUPATIONAL_SUPERVISOR,
)
from app.compliance.packs.occupational import APPLIES, declared, pre_job_exams, supervisor
from app.compliance.rules import Rule, Severity, Text

RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-22.1",
        "22",
        Text("职业病危害项目申报", "Occupational hazard declaration"),
        APPLIES,
        Text(
            "申报职业病危害项目，涵盖全部接触因素。",
            "Declare the occupational hazards, covering every factor people are exposed to.",
        ),
        Severity.MAJOR,
        declared,
        duty=OCCUPATIONAL_DECLARATION,
    ),
    Rule(
        "HJ2014-22.2",
        "22",
        Text("上岗前职业健康检查", "Pre-job health exams"),
        APPLIES,
        Text(
            "接触职业病危害因素前进行上岗前职业健康检查。",
            "Examine each person before their first exposure to each factor.",
        ),
        Severity.CRITICAL,
        pre_job_exams,
        duty=OCCUPATIONAL_EXAMS_PRE_JOB,
    ),
    Rule(
        "HJ2014-22.6",
        "22",
        Text("职业卫生管理人员", "Occupational-health supervisor"),
        APPLIES,
        Text(
            "配备专职或兼职职业卫生管理人员。",
            "Appoint a full- or part-time occupational-health supervisor.",
        ),
        Severity.MINOR,
        supervisor,
        duty=OCCUPATIONAL_SUPERVISOR,
    ),
)
