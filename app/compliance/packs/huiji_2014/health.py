"""Art. 22 of pack `huiji-2014`: health declarations, pre-job exams, supervisor, workplace
monitoring and protective equipment (the checks are shared with national and provincial
law's rules: app/compliance/packs/occupational.py, workplace_monitoring.py,
protective_equipment.py)."""

from __future__ import annotations

from app.compliance.packs.common_duties import (
    OCCUPATIONAL_DECLARATION,
    OCCUPATIONAL_EXAMS_PRE_JOB,
    OCCUPATIONAL_MONITORING,
    OCCUPATIONAL_SUPERVISOR,
    PROTECTIVE_EQUIPMENT,
)
from app.compliance.packs.huiji_2014.params import (
    MONITORING_DETECTION_MONTHS,
    MONITORING_EVALUATION_MONTHS,
    latest,
)
from app.compliance.packs.huiji_2014.quotes import ART_22
from app.compliance.packs.occupational import APPLIES, declared, pre_job_exams, supervisor
from app.compliance.packs.protective_equipment import equipment_deadlines, issued
from app.compliance.packs.workplace_monitoring import monitored, monitoring_deadlines
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
        article_text=ART_22,
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
        article_text=ART_22,
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
        article_text=ART_22,
    ),
    Rule(
        "HJ2014-22.7",
        "22",
        Text("职业病危害因素检测、评价", "Workplace hazard detection and evaluation"),
        APPLIES,
        Text(
            f"每{latest(MONITORING_DETECTION_MONTHS)}个月至少进行一次职业病危害因素检测，涵盖全部"
            f"接触因素；检测结果超标的（职业病危害严重，本规则包的解读），每"
            f"{latest(MONITORING_EVALUATION_MONTHS)}个月至少进行一次职业病危害现状评价（周期暂定）。",
            f"Have the workplace's hazard factors detected at least every "
            f"{latest(MONITORING_DETECTION_MONTHS)} months, covering every factor people are "
            "exposed to; where results exceeded the limits (a serious hazard, this pack's "
            f"reading), a current-status evaluation at least every "
            f"{latest(MONITORING_EVALUATION_MONTHS)} months. The intervals are provisional.",
        ),
        Severity.MAJOR,
        monitored(MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        (MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        monitoring_deadlines(MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        duty=OCCUPATIONAL_MONITORING,
        article_text=ART_22,
    ),
    Rule(
        "HJ2014-22.8",
        "22",
        Text("免费发放个体防护用品", "Protective equipment issued free"),
        APPLIES,
        Text(
            "为每名接触人员针对每种危害因素免费发放个体防护用品，并在更换周期内更换。",
            "Issue every exposed person protective equipment for each factor, free of charge, "
            "and replace it within its replacement period.",
        ),
        Severity.MAJOR,
        issued(free_only=True),
        deadlines=equipment_deadlines(free_only=True),
        duty=PROTECTIVE_EQUIPMENT,
        article_text=ART_22,
    ),
)
