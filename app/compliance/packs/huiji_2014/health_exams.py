"""Art. 22 of pack `huiji-2014`: periodic, exit and contraindication health exams (the
checks are shared with national law's rules: app/compliance/packs/occupational.py)."""

from __future__ import annotations

from app.compliance.packs.common_duties import (
    OCCUPATIONAL_CONTRAINDICATIONS,
    OCCUPATIONAL_EXAMS_EXIT,
    OCCUPATIONAL_EXAMS_PERIODIC,
)
from app.compliance.packs.gbz188 import EDITION
from app.compliance.packs.huiji_2014.params import (
    EXIT_EXAM_SUBSTITUTE_DAYS,
    LOOK_BACK_MONTHS,
    latest,
)
from app.compliance.packs.huiji_2014.quotes import ART_22
from app.compliance.packs.occupational import (
    APPLIES,
    contraindications,
    exam_deadlines,
    exit_exams,
    leaver_deadlines,
    periodic_exams,
)
from app.compliance.rules import Rule, Severity, Text

RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-22.3",
        "22",
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
        article_text=ART_22,
    ),
    Rule(
        "HJ2014-22.4",
        "22",
        Text("离岗时职业健康检查", "Exit health exams"),
        Text(
            "近12个月离岗的接触职业病危害因素人员",
            "Exposed people who left in the last 12 months",
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
        article_text=ART_22,
    ),
    Rule(
        "HJ2014-22.5",
        "22",
        Text("职业禁忌证人员调离", "Contraindicated people kept off the exposure"),
        APPLIES,
        Text(
            "将有职业禁忌证的人员调离所禁忌的作业岗位。",
            "Move people with a contraindication off the exposure it concerns.",
        ),
        Severity.CRITICAL,
        contraindications,
        duty=OCCUPATIONAL_CONTRAINDICATIONS,
        article_text=ART_22,
    ),
)
