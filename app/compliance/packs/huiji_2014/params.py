"""The numbers, dates and lists of pack `huiji-2014` (arts. 5 and 17–24), each named once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from app.registry.catalog import ExamConclusion, ExamKind, TrainingKind

EFFECTIVE_FROM: Final = date(2014, 6, 17)
LOOK_BACK_DAYS: Final = 365  # "the last 12 months" of 5.1, 22.4 and 24.1

# Art. 5: major hidden dangers.
MAJOR_REPORT_DAYS: Final = 7

# Art. 17: staffing.
STAFFING_THRESHOLD: Final = 300  # the seed's; national law uses 100 (another pack)
FULL_TIME_OFFICERS_REQUIRED: Final = 2
ENGINEER_RULE_FROM: Final = date(2016, 1, 1)  # "by the end of 2015"

# Arts. 18 and 24: training. The sectors with the higher training hours.
TRAINING_HIGH_RISK: Final = {
    "coal_mining",
    "non_coal_mining",
    "hazardous_chemicals",
    "fireworks",
    "metal_smelting",
}
NEW_HIRE_HOURS: Final = Decimal(24)  # order No. 3, art. 13
NEW_HIRE_HOURS_HIGH_RISK: Final = Decimal(72)
NEW_HIRE_HOURS_CONSTRUCTION: Final = Decimal(32)  # 安委〔2012〕10号
CONSTRUCTION_CATEGORY: Final = "construction"
CONSTRUCTION_SECTION: Final = "E"  # GB/T 4754 section E, 建筑业
RETURN_AFTER_DAYS: Final = 365  # art. 17; some local rules use 6 months
MANAGER_INITIAL_HOURS, MANAGER_INITIAL_HOURS_HIGH_RISK = Decimal(32), Decimal(48)  # art. 9
MANAGER_ANNUAL_HOURS, MANAGER_ANNUAL_HOURS_HIGH_RISK = Decimal(12), Decimal(16)
ANNUAL_HOURS, ANNUAL_HOURS_HIGH_RISK = Decimal(8), Decimal(20)  # art. 24, everyone
THREE_LEVELS: Final = frozenset(
    {TrainingKind.COMPANY_LEVEL, TrainingKind.WORKSHOP_LEVEL, TrainingKind.TEAM_LEVEL}
)
RENEWED_LEVELS: Final = frozenset({TrainingKind.WORKSHOP_LEVEL, TrainingKind.TEAM_LEVEL})

# Art. 20: hidden dangers.
VERIFICATION_DAYS: Final = 30  # a fix is verified within 30 days

# Art. 21 and 23: periodic duties.
COMMITMENT_DUE_MONTH_DAY: Final = (1, 31)  # a house rule: the seed sets no date
ANALYSIS_MONTHS_CHECKED: Final = 3

# Art. 22: occupational health (the exam intervals are in gbz188.py).
EXIT_EXAM_SUBSTITUTE_DAYS: Final = 90  # a periodic exam this close before leaving stands for it
# Exams from which the periodic interval runs: the pre-job exam starts the clock.
INTERVAL_BASE_KINDS: Final = (ExamKind.PERIODIC, ExamKind.PRE_JOB)
# Later conclusions that lift a contraindication for the factors the exam covered.
CLEARING_CONCLUSIONS: Final = (ExamConclusion.NORMAL, ExamConclusion.OTHER_DISEASE)
