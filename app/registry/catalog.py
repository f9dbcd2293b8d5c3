"""Closed lists of the registries: hazard factors, certificate categories, exam kinds …

Values and their Chinese names come from shared/domain/regulations.md. They are data: a
correction is a one-line change here, and rules (issue 5) read the same lists.
"""

from __future__ import annotations

from enum import StrEnum


class HazardFactor(StrEnum):
    """Occupational hazard factors (GBZ 188 examples; `other` for any factor not listed)."""

    NOISE = "noise"  # 噪声
    DUST = "dust"  # 生产性粉尘
    LEAD = "lead"  # 铅
    MANGANESE = "manganese"  # 锰
    CADMIUM = "cadmium"  # 镉
    CHROMIUM = "chromium"  # 铬
    BENZENE = "benzene"  # 苯
    TOLUENE = "toluene"  # 甲苯
    XYLENE = "xylene"  # 二甲苯
    CARBON_DISULFIDE = "carbon_disulfide"  # 二硫化碳
    N_HEXANE = "n_hexane"  # 正己烷
    CHLORINE = "chlorine"  # 氯气
    SULFUR_DIOXIDE = "sulfur_dioxide"  # 二氧化硫
    NITROGEN_OXIDES = "nitrogen_oxides"  # 氮氧化物
    AMMONIA = "ammonia"  # 氨
    FORMALDEHYDE = "formaldehyde"  # 甲醛
    METHANOL = "methanol"  # 甲醇
    CARBON_MONOXIDE = "carbon_monoxide"  # 一氧化碳
    HYDROGEN_SULFIDE = "hydrogen_sulfide"  # 硫化氢
    PHOSGENE = "phosgene"  # 光气
    TRICHLOROETHYLENE = "trichloroethylene"  # 三氯乙烯
    HIGH_TEMPERATURE = "high_temperature"  # 高温
    OTHER = "other"


class EmploymentStatus(StrEnum):
    IN_SERVICE = "in_service"
    LEFT = "left"


class OfficerDuty(StrEnum):
    SAFETY_OFFICER = "safety_officer"  # 安全生产管理人员
    OCCUPATIONAL_HEALTH_SUPERVISOR = "occupational_health_supervisor"  # 职业卫生管理人员


class Employment(StrEnum):
    FULL_TIME = "full_time"  # 专职
    PART_TIME = "part_time"  # 兼职


class SafetyBodyForm(StrEnum):
    ESTABLISHED = "established"  # 设置安全生产管理机构
    DESIGNATED = "designated"  # 指定（明确）负责安全生产管理的机构


class LeaderPosition(StrEnum):
    PRINCIPAL = "principal"  # 主要负责人
    DEPUTY = "deputy"  # 分管安全负责人 / 其他负责人


class AssessedRole(StrEnum):
    PRINCIPAL = "principal"
    SAFETY_OFFICER = "safety_officer"


class EngineerLevel(StrEnum):
    SENIOR = "senior"  # 高级
    INTERMEDIATE = "intermediate"  # 中级
    ASSISTANT = "assistant"  # 初级 (助理)


class EngineerSpecialty(StrEnum):
    COAL_MINE = "coal_mine"
    METAL_NONMETAL_MINE = "metal_nonmetal_mine"
    CHEMICAL = "chemical"
    METAL_SMELTING = "metal_smelting"
    CONSTRUCTION = "construction"
    ROAD_TRANSPORT = "road_transport"
    OTHER = "other"  # 其他安全（不包括消防安全）


class TrainingKind(StrEnum):
    COMPANY_LEVEL = "company_level"  # 厂（矿）级
    WORKSHOP_LEVEL = "workshop_level"  # 车间（工段、区、队）级
    TEAM_LEVEL = "team_level"  # 班组级
    ANNUAL = "annual"  # 年度再培训
    JOB_CHANGE = "job_change"  # 调岗
    RETURN_TO_WORK = "return_to_work"  # 离岗一年以上重新上岗
    PRINCIPAL_INITIAL = "principal_initial"
    PRINCIPAL_ANNUAL = "principal_annual"
    OFFICER_INITIAL = "officer_initial"
    OFFICER_ANNUAL = "officer_annual"
    SPECIAL = "special"  # 专项


class ExamKind(StrEnum):
    PRE_JOB = "pre_job"  # 上岗前
    PERIODIC = "periodic"  # 在岗期间
    EXIT = "exit"  # 离岗时
    EMERGENCY = "emergency"  # 应急


class ExamConclusion(StrEnum):
    NORMAL = "normal"  # 未见异常
    RECHECK = "recheck"  # 复查
    CONTRAINDICATION = "contraindication"  # 职业禁忌证
    SUSPECTED_OCCUPATIONAL_DISEASE = "suspected_occupational_disease"  # 疑似职业病
    OTHER_DISEASE = "other_disease"  # 其他疾患


class DangerLevel(StrEnum):
    GENERAL = "general"  # 一般隐患
    MAJOR = "major"  # 重大隐患


class DangerStatus(StrEnum):
    OPEN = "open"
    FIXING = "fixing"
    FIXED = "fixed"
    VERIFIED = "verified"


class InspectionKind(StrEnum):
    """Kinds of hidden-danger inspection (隐患排查): the everyday one, the whole-site one, and
    those a change, a season or a holiday calls for (河南省安全生产条例 art. 25)."""

    ROUTINE = "routine"  # 日常排查
    COMPREHENSIVE = "comprehensive"  # 综合性排查
    SPECIAL = "special"  # 专项排查
    SEASONAL = "seasonal"  # 季节性排查
    HOLIDAY = "holiday"  # 节假日排查


class RescueForm(StrEnum):
    """How an enterprise provides emergency rescue (安全生产法 art. 82; 河南省安全生产条例
    art. 50; 生产安全事故应急条例 art. 10)."""

    OWN_TEAM = "own_team"  # 应急救援组织（队伍）, its own or one set up jointly in a park
    DESIGNATED_RESCUERS = "designated_rescuers"  # 指定的专职或者兼职应急救援人员
    AGREEMENT = "agreement"  # 与邻近的应急救援队伍签订的应急救援协议


class LicenceScope(StrEnum):
    """What a safety production licence (安全生产许可证) covers: the enterprises that need
    one (安全生产许可证条例 art. 2)."""

    MINING = "mining"  # 矿山企业 (煤矿 and 非煤矿山)
    CONSTRUCTION = "construction"  # 建筑施工企业
    HAZARDOUS_CHEMICALS = "hazardous_chemicals"  # 危险化学品生产企业
    FIREWORKS = "fireworks"  # 烟花爆竹生产企业
    CIVIL_EXPLOSIVES = "civil_explosives"  # 民用爆炸物品生产企业


class EquipmentCategory(StrEnum):
    """Special equipment (特种设备), the eight categories of 特种设备安全法 art. 2; an
    operator's certificate (作业人员证, art. 14) names the category it qualifies for."""

    BOILER = "boiler"  # 锅炉
    PRESSURE_VESSEL = "pressure_vessel"  # 压力容器（含气瓶）
    PRESSURE_PIPING = "pressure_piping"  # 压力管道
    ELEVATOR = "elevator"  # 电梯
    LIFTING_MACHINERY = "lifting_machinery"  # 起重机械
    PASSENGER_ROPEWAY = "passenger_ropeway"  # 客运索道
    AMUSEMENT_RIDE = "amusement_ride"  # 大型游乐设施
    IN_PLANT_VEHICLE = "in_plant_vehicle"  # 场（厂）内专用机动车辆


class InsurancePolicyType(StrEnum):
    WORK_INJURY = "work_injury"  # 工伤保险 (安全生产法 art. 51 para 1)
    SAFETY_LIABILITY = "safety_liability"  # 安全生产责任保险 (art. 51 para 2)


class EmergencyPlanType(StrEnum):
    """The three parts of an enterprise's emergency plans, and what a drill exercises."""

    COMPREHENSIVE = "comprehensive"  # 综合应急预案
    SPECIAL = "special"  # 专项应急预案
    ON_SITE = "on_site"  # 现场处置方案


class WorkplaceTestType(StrEnum):
    """What an occupational-hazard service organisation did at the workplace (职业病防治法
    art. 26 para 2: 检测、评价)."""

    DETECTION = "detection"  # 职业病危害因素检测
    STATUS_EVALUATION = "status_evaluation"  # 职业病危害现状评价


# The special-operation catalogue (特种作业目录) is dated law: app/law/special_operations.py.
