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
