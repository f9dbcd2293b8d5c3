"""The duties more than one layer of law imposes, by key: a rule of any pack that governs
one of them names it, so a report shows every layer's finding on it side by side. A duty
only one pack knows may be declared in that pack's own package."""

from __future__ import annotations

from app.compliance.rules import Duty, Text

STAFFING = Duty("staffing", Text("安全生产管理机构和人员", "Safety body and safety officers"))
REGISTERED_ENGINEERS = Duty(
    "registered_engineers", Text("注册安全工程师", "Registered safety engineers")
)
TEAM_SAFETY_STAFF = Duty(
    "team_safety_staff", Text("车间、班组安全员", "Workshop and team safety staff")
)
ASSESSMENT = Duty(
    "assessment",
    Text("主要负责人和安全生产管理人员考核", "Assessment of the principal and safety officers"),
)
SPECIAL_OPERATIONS = Duty(
    "special_operations", Text("特种作业持证上岗", "Special operations by certified workers")
)
TRAINING_INDUCTION = Duty(
    "training.induction", Text("新上岗从业人员安全培训", "Safety training before starting work")
)
TRAINING_REASSIGNMENT = Duty(
    "training.reassignment", Text("转岗、复岗培训", "Training after a change of post or a return")
)
TRAINING_MANAGERS = Duty(
    "training.managers",
    Text("主要负责人和安全生产管理人员培训", "Training of the principal and safety officers"),
)
TRAINING_ANNUAL = Duty("training.annual", Text("年度再培训", "Annual re-training"))
STANDARDIZATION = Duty("standardization", Text("安全生产标准化", "Work-safety standardization"))
HIDDEN_DANGERS_REPORTED = Duty(
    "hidden_dangers.reported", Text("重大事故隐患报告", "Major hidden dangers reported")
)
HIDDEN_DANGERS_PLANNED = Duty(
    "hidden_dangers.planned", Text("隐患治理“五落实”", "Hidden dangers' remediation planned")
)
HIDDEN_DANGERS_FIXED = Duty(
    "hidden_dangers.fixed", Text("隐患按期整改", "Hidden dangers fixed by their deadlines")
)
HIDDEN_DANGERS_VERIFIED = Duty(
    "hidden_dangers.verified", Text("隐患整改验收", "Hidden dangers' fixes verified")
)
SAFETY_COMMITMENT = Duty("safety_commitment", Text("年度安全承诺", "Yearly safety commitment"))
RISK_ANALYSIS = Duty("risk_analysis", Text("月度安全风险分析", "Monthly risk analysis"))
MAJOR_HAZARD_SOURCES = Duty(
    "major_hazard_sources.filed", Text("重大危险源登记备案", "Major hazard sources filed")
)
OCCUPATIONAL_DECLARATION = Duty(
    "occupational.declaration", Text("职业病危害项目申报", "Occupational hazard declaration")
)
OCCUPATIONAL_EXAMS_PRE_JOB = Duty(
    "occupational.exams.pre_job", Text("上岗前职业健康检查", "Pre-job health exams")
)
OCCUPATIONAL_EXAMS_PERIODIC = Duty(
    "occupational.exams.periodic", Text("在岗期间职业健康检查", "Periodic health exams")
)
OCCUPATIONAL_EXAMS_EXIT = Duty(
    "occupational.exams.exit", Text("离岗时职业健康检查", "Exit health exams")
)
OCCUPATIONAL_CONTRAINDICATIONS = Duty(
    "occupational.contraindications",
    Text("职业禁忌者调离", "Contraindicated people kept off the exposure"),
)
OCCUPATIONAL_SUPERVISOR = Duty(
    "occupational.supervisor", Text("职业卫生管理人员", "Occupational-health supervisor")
)
TRAINING_FILES = Duty("training.files", Text("安全生产教育和培训档案", "Safety training files"))
HIDDEN_DANGERS_INSPECTED = Duty(
    "hidden_dangers.inspected",
    Text("事故隐患定期排查", "Regular hidden-danger inspections"),
)
HIDDEN_DANGER_STATISTICS = Duty(
    "hidden_dangers.statistics",
    Text("事故隐患排查治理月度统计分析", "Monthly hidden-danger statistics"),
)
INSURANCE_LIABILITY = Duty(
    "insurance.liability", Text("安全生产责任保险", "Work-safety liability insurance")
)
EMERGENCY_DRILLS = Duty(
    "emergency.drills", Text("应急预案和应急演练", "Emergency plans and drills")
)
INSURANCE_WORK_INJURY = Duty("insurance.work_injury", Text("工伤保险", "Work-injury insurance"))
SAFETY_LICENCE = Duty("safety_licence", Text("安全生产许可证", "Safety production licence"))
# A rescue team, or designated rescuers where the unit may (安全生产法 art. 82, 应急条例
# art. 10, 河南省安全生产条例 art. 50). Not part of `emergency.drills`: a unit can drill its
# plan on time and have nobody to rescue with.
EMERGENCY_RESCUE = Duty(
    "emergency.rescue",
    Text("应急救援组织或应急救援人员", "A rescue team or designated rescuers"),
)
LEADERS_ON_SITE = Duty("leaders_on_site", Text("领导带班", "Leaders on site in shifts"))
OCCUPATIONAL_MONITORING = Duty(
    "occupational.monitoring",
    Text("职业病危害因素检测、评价", "Workplace hazard detection and evaluation"),
)
PROTECTIVE_EQUIPMENT = Duty(
    "protective_equipment", Text("劳动防护用品发放", "Protective equipment issued")
)
