"""Occupational health in pack `henan-2019`: protective equipment issued free and never
replaced by cash (河南省安全生产条例 art. 18), and workplace hazard detection (河南省职业病
防治条例 art. 18). The checks are shared with the national and district rules
(app/compliance/packs/protective_equipment.py, workplace_monitoring.py)."""

from __future__ import annotations

from app.compliance.packs.common_duties import OCCUPATIONAL_MONITORING, PROTECTIVE_EQUIPMENT
from app.compliance.packs.henan_2019.params import (
    MONITORING_DETECTION_MONTHS,
    MONITORING_EVALUATION_MONTHS,
    latest,
)
from app.compliance.packs.occupational import APPLIES
from app.compliance.packs.protective_equipment import equipment_deadlines, issued
from app.compliance.packs.workplace_monitoring import monitored, monitoring_deadlines
from app.compliance.rules import Rule, Severity, Text

RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-18.1",
        "18",
        Text("免费发放劳动防护用品", "Protective equipment issued free"),
        APPLIES,
        Text(
            "为接触职业病危害因素的从业人员针对每种因素免费发放符合国家标准或者行业标准的劳动"
            "防护用品，并在更换周期内更换；不得以货币或者其他物品替代。",
            "Issue every exposed employee protective equipment meeting the standards for each "
            "factor, free of charge and replaced within its replacement period; never cash or "
            "other goods instead.",
        ),
        Severity.MAJOR,
        # Cash instead of equipment leaves nothing issued; an issue charged for counts for
        # nothing (免费发放).
        issued(free_only=True),
        deadlines=equipment_deadlines(free_only=True),
        duty=PROTECTIVE_EQUIPMENT,
        article_text=Text(
            "第十八条 生产经营单位应当按照国家和本省规定，为从业人员免费发放符合国家标准或者"
            "行业标准的劳动防护用品，并监督、教育从业人员按照使用规则佩戴、使用，不得以货币或者"
            "其他物品替代应当按规定配备的劳动防护用品。",
            "Art. 18. A unit shall, as the state and the province provide, issue its employees "
            "protective equipment meeting national or industry standards free of charge, and "
            "supervise and educate them to wear and use it by the rules; it shall not replace "
            "the equipment it must provide with money or other goods.",
        ),
    ),
    Rule(
        "HN2019-OD18",
        "OD18",
        Text("职业危害因素定期检测", "Workplace hazard detection"),
        APPLIES,
        Text(
            f"根据国家规定定期检测职业危害因素：每{latest(MONITORING_DETECTION_MONTHS)}个月至少"
            f"一次，涵盖全部接触因素；检测结果超标的，每{latest(MONITORING_EVALUATION_MONTHS)}"
            "个月至少进行一次现状评价（周期暂定）。",
            "Have the hazard factors detected periodically as the state provides: at least "
            f"every {latest(MONITORING_DETECTION_MONTHS)} months, covering every factor people "
            "are exposed to; where results exceeded the limits, a current-status evaluation at "
            f"least every {latest(MONITORING_EVALUATION_MONTHS)} months (provisional intervals).",
        ),
        Severity.MAJOR,
        monitored(MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        (MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        monitoring_deadlines(MONITORING_DETECTION_MONTHS, MONITORING_EVALUATION_MONTHS),
        duty=OCCUPATIONAL_MONITORING,
        article_text=Text(
            "河南省职业病防治条例第十八条 有害作业单位应当根据国家规定，对本单位的职业危害因素"
            "定期进行检测。无检测条件的单位应当委托职业病防治机构定期进行检测。\n"
            "有害作业单位应当将检测结果及时报告卫生行政部门，并定期如实向职工公布。",
            "Henan Occupational Disease Regulation art. 18. A unit with harmful work shall have "
            "its occupational hazard factors detected periodically as the state provides; one "
            "unable to detect them itself shall engage an occupational-disease prevention "
            "institution. It shall report the results to the health authority promptly and "
            "publish them truthfully to its workers periodically.",
        ),
    ),
)
