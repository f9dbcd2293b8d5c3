"""职业病防治法 arts. 16, 20, 26 and 35 and 安全生产法 art. 45 in pack `prc-2021`: the hazard
declaration, the occupational-health supervisor, workplace detection and evaluation, pre-job,
periodic (GBZ 188) and exit exams, people with a contraindication kept off the exposure, and
protective equipment. The checks are the district's art. 22 ones
(app/compliance/packs/occupational.py, workplace_monitoring.py, protective_equipment.py);
these rules cite the national law."""

from __future__ import annotations

from app.compliance.packs.common_duties import (
    OCCUPATIONAL_CONTRAINDICATIONS,
    OCCUPATIONAL_DECLARATION,
    OCCUPATIONAL_EXAMS_EXIT,
    OCCUPATIONAL_EXAMS_PERIODIC,
    OCCUPATIONAL_EXAMS_PRE_JOB,
    OCCUPATIONAL_MONITORING,
    OCCUPATIONAL_SUPERVISOR,
    PROTECTIVE_EQUIPMENT,
)
from app.compliance.packs.gbz188 import EDITION
from app.compliance.packs.occupational import (
    APPLIES,
    contraindications,
    declared,
    exam_deadlines,
    exit_exams,
    leaver_deadlines,
    periodic_exams,
    pre_job_exams,
    supervisor,
)
from app.compliance.packs.prc_2021.params import (
    EXIT_EXAM_SUBSTITUTE_DAYS,
    LOOK_BACK_MONTHS,
    MONITORING_DETECTION_MONTHS,
    MONITORING_EVALUATION_MONTHS,
    latest,
)
from app.compliance.packs.prc_2021.quotes import ART_45, OD_16, OD_20, OD_26, OD_35_1, OD_35_2
from app.compliance.packs.protective_equipment import equipment_deadlines, issued
from app.compliance.packs.workplace_monitoring import monitored, monitoring_deadlines
from app.compliance.rules import Rule, Severity, Text

RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-OD16",
        "OD16",
        Text("职业病危害项目申报", "Occupational hazard declaration"),
        APPLIES,
        Text(
            "向卫生行政部门申报职业病危害项目，涵盖全部接触因素。",
            "Declare the hazard items to the health authority, covering every factor people "
            "are exposed to.",
        ),
        Severity.MAJOR,
        declared,
        duty=OCCUPATIONAL_DECLARATION,
        article_text=OD_16,
    ),
    Rule(
        "PRC2021-OD20",
        "OD20",
        Text("职业卫生管理人员", "Occupational-health supervisor"),
        APPLIES,
        Text(
            "配备专职或兼职的职业卫生管理人员。",
            "Appoint a full- or part-time occupational-health supervisor.",
        ),
        Severity.MAJOR,
        supervisor,
        duty=OCCUPATIONAL_SUPERVISOR,
        article_text=OD_20,
    ),
    Rule(
        "PRC2021-OD35.1",
        "OD35",
        Text("上岗前职业健康检查", "Pre-job health exams"),
        APPLIES,
        Text(
            "接触职业病危害因素前进行上岗前职业健康检查。",
            "Examine each person before their first exposure to each factor.",
        ),
        Severity.CRITICAL,
        pre_job_exams,
        duty=OCCUPATIONAL_EXAMS_PRE_JOB,
        article_text=OD_35_2,
    ),
    Rule(
        "PRC2021-OD35.2",
        "OD35",
        Text("在岗期间职业健康检查", "Periodic health exams"),
        APPLIES,
        Text(
            "按GBZ 188规定的周期进行在岗期间职业健康检查。",
            "Examine exposed people within the GBZ 188 interval of each factor.",
        ),
        Severity.MAJOR,
        periodic_exams,
        (EDITION,),
        exam_deadlines,
        duty=OCCUPATIONAL_EXAMS_PERIODIC,
        article_text=OD_35_1,
    ),
    Rule(
        "PRC2021-OD35.3",
        "OD35",
        Text("离岗时职业健康检查", "Exit health exams"),
        Text(
            f"近{latest(LOOK_BACK_MONTHS)}个月离岗的接触职业病危害因素人员",
            f"Exposed people who left in the last {latest(LOOK_BACK_MONTHS)} months",
        ),
        Text(
            "接触人员离岗前进行离岗时职业健康检查。",
            f"Give exposed people an exit exam before they leave (or a periodic exam within "
            f"{latest(EXIT_EXAM_SUBSTITUTE_DAYS)} days before).",
        ),
        Severity.MAJOR,
        exit_exams(LOOK_BACK_MONTHS, EXIT_EXAM_SUBSTITUTE_DAYS),
        (LOOK_BACK_MONTHS, EXIT_EXAM_SUBSTITUTE_DAYS),
        leaver_deadlines(LOOK_BACK_MONTHS),
        duty=OCCUPATIONAL_EXAMS_EXIT,
        article_text=OD_35_1,
    ),
    Rule(
        "PRC2021-OD35.4",
        "OD35",
        Text("职业禁忌者调离", "Contraindicated people kept off the exposure"),
        APPLIES,
        Text(
            "不安排有职业禁忌的劳动者从事其所禁忌的作业。",
            "Keep people with a contraindication off the exposure it concerns.",
        ),
        Severity.CRITICAL,
        contraindications,
        duty=OCCUPATIONAL_CONTRAINDICATIONS,
        article_text=OD_35_2,
    ),
    Rule(
        "PRC2021-OD26",
        "OD26",
        Text("职业病危害因素检测、评价", "Workplace hazard detection and evaluation"),
        APPLIES,
        Text(
            "委托职业卫生技术服务机构定期对工作场所进行职业病危害因素检测、评价："
            f"每{latest(MONITORING_DETECTION_MONTHS)}个月至少检测一次，涵盖全部接触因素；检测结果"
            f"超标的（职业病危害严重，本规则包的解读），每{latest(MONITORING_EVALUATION_MONTHS)}"
            "个月至少进行一次现状评价（周期暂定）。",
            "Have an accredited service organisation detect the workplace's hazard factors at "
            f"least every {latest(MONITORING_DETECTION_MONTHS)} months, covering every factor "
            "people are exposed to, and where results exceeded the limits (a serious hazard, "
            "this pack's reading) evaluate the current status at least every "
            f"{latest(MONITORING_EVALUATION_MONTHS)} months (provisional intervals).",
        ),
        Severity.MAJOR,
        monitored(MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        (MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        monitoring_deadlines(MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        duty=OCCUPATIONAL_MONITORING,
        article_text=OD_26,
    ),
    Rule(
        "PRC2021-45.1",
        "45",
        Text("劳动防护用品", "Protective equipment"),
        APPLIES,
        Text(
            "为接触职业病危害因素的从业人员针对每种因素提供符合国家标准或者行业标准的劳动防护"
            "用品，并在更换周期内更换。",
            "Provide every exposed employee with protective equipment meeting national or "
            "industry standards for each factor, replaced within its replacement period.",
        ),
        Severity.MAJOR,
        # The article says "provide", not "free": an issue counts however paid for here;
        # the province's art. 18 and the district's art. 22 add 免费 (decision 137).
        issued(free_only=False),
        deadlines=equipment_deadlines(free_only=False),
        duty=PROTECTIVE_EQUIPMENT,
        article_text=ART_45,
    ),
)
