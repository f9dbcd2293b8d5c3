"""Art. 19 of pack `huiji-2014`: safety standardization by each sector's deadline (19.1)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import STANDARDIZATION
from app.compliance.packs.huiji_2014 import sectors as art19
from app.compliance.packs.huiji_2014.params import (
    STANDARDIZATION_DEADLINES,
    STANDARDIZATION_SECTOR_CODES,
)
from app.compliance.packs.huiji_2014.quotes import ART_19
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.enterprises.catalog import DesignatedSize


@dataclass(frozen=True)
class _Binding:
    """When art. 19 first binds the enterprise under one reading of its profile, and why."""

    deadline: date | None
    sector: art19.Sector | None


def _binding(
    sectors: Iterable[art19.Sector], above: bool, deadlines: Mapping[str, date]
) -> _Binding:
    dated = sorted(
        (
            (deadline, s.key, s)
            for s in sectors
            if (deadline := s.deadline(above, deadlines)) is not None
        ),
        key=lambda item: (item[0], item[1]),
    )
    # The enterprise is in every sector it belongs to, so the earliest deadline binds it.
    return _Binding(dated[0][0], dated[0][2]) if dated else _Binding(None, None)


def _readings(facts: Facts) -> set[_Binding]:
    """Every binding the recorded profile allows: one when the profile is complete, several
    when the size class or the industry division (only a section letter) is missing."""
    profile = facts.enterprise
    declared = art19.DECLARED.get(profile.high_risk_category or "")
    by_code = art19.sectors_of_code(
        profile.industry_code or "", facts.value(STANDARDIZATION_SECTOR_CODES)
    )
    deadlines = facts.value(STANDARDIZATION_DEADLINES)
    choices = [frozenset({s}) for s in by_code] or [frozenset[art19.Sector]()]
    sizes = {DesignatedSize.ABOVE.value: (True,), DesignatedSize.BELOW.value: (False,)}.get(
        profile.designated_size or "", (True, False)
    )
    return {
        _binding(choice | ({declared} if declared else set()), above, deadlines)
        for choice in choices
        for above in sizes
    }


def _missing_profile(facts: Facts) -> tuple[str, str]:
    zh: list[str] = []
    en: list[str] = []
    if facts.enterprise.designated_size is None:
        zh.append("是否规模以上企业")
        en.append("whether it is above designated size (designated_size)")
    if len(facts.enterprise.industry_code or "") <= 1:
        zh.append("国民经济行业大类代码（如C33）")
        en.append("the industry division (e.g. C33)")
    return "、".join(zh), " and ".join(en)


def standardization(facts: Facts) -> Finding:
    """19.1: from its sector's deadline, a standardization certificate valid on the date."""
    readings = _readings(facts)
    applies = {r.deadline is not None and r.deadline <= facts.as_of for r in readings}
    if applies == {True, False}:
        zh, en = _missing_profile(facts)
        return _unknown(
            f"未登记{zh}，无法判断安全生产标准化达标期限。",
            f"Record {en} to decide the standardization deadline.",
        )
    if applies == {False}:
        future = sorted(r.deadline for r in readings if r.deadline is not None)
        if not future:
            return _na(
                "不属于第十九条限期达标的行业（规模以上其他行业或非工矿商贸企业）。",
                "Not in a sector article 19 sets a deadline for (an above-size enterprise "
                "of another sector, or not an industrial, mining, commercial or transport one).",
            )
        return _na(
            f"安全生产标准化达标期限为{future[0]}，尚未到期。",
            f"The standardization deadline is {future[0]}; not due yet.",
            due=future[0],
        )
    # Due under every reading; the latest deadline is the one the data makes certain.
    deadline, sector = max(
        ((r.deadline, r.sector) for r in readings if r.deadline and r.sector),
        key=lambda pair: pair[0],
    )
    valid = [c for c in facts.standardization if c.issued_on <= facts.as_of <= c.expires_on]
    if valid:
        return _pass(
            "持有有效期内的安全生产标准化达标证书。",
            "A standardization certificate is valid on this date.",
            tuple(c.id for c in valid),
            max(c.expires_on for c in valid),  # when the coverage runs out
        )
    lapsed = tuple(c.id for c in facts.standardization)
    return _fail(
        f"{sector.name.zh}企业应自{deadline}起持有有效的安全生产标准化达标证书"
        f"{'（现有证书已过期或尚未生效）' if lapsed else ''}。",
        f"A {sector.name.en} enterprise must hold a valid standardization certificate from "
        f"{deadline}{' (the recorded ones are expired or not yet issued)' if lapsed else ''}.",
        lapsed,
        deadline,
    )


def expiry_deadlines(facts: Facts) -> list[Deadline]:
    """Certificates held on the date run out, unless already renewed past their expiry."""
    found = []
    for grade in facts.standardization:
        renewed = any(
            other.issued_on <= facts.as_of
            and other.issued_on <= grade.expires_on + timedelta(days=1) <= other.expires_on
            for other in facts.standardization
        )
        if grade.issued_on <= facts.as_of <= grade.expires_on and not renewed:
            found.append(
                Deadline(
                    grade.expires_on,
                    "standardization_expiry",
                    Text("安全生产标准化证书到期", "Standardization certificate expires"),
                    grade.id,
                    concerns=("standardization-certificates",),
                )
            )
    return found


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-19.1",
        "19",
        Text("安全生产标准化达标", "Safety standardization"),
        Text(
            "工矿商贸和交通运输企业：危险化学品、烟花爆竹自2015年起；冶金、机械、轻工、建材、"
            "冻品、建筑施工规模以上企业自2016年起；规模以下企业自2017年起",
            "Industrial, mining, commercial and transport enterprises: hazardous chemicals and "
            "fireworks from 2015; metallurgy, machinery, light industry, building materials, "
            "frozen food and construction above designated size from 2016; below designated "
            "size from 2017",
        ),
        Text(
            "开展安全生产标准化建设，取得达标证书并在到期前复评。",
            "Obtain a safety standardization certificate and renew it before it expires.",
        ),
        Severity.CRITICAL,
        standardization,
        (STANDARDIZATION_DEADLINES, STANDARDIZATION_SECTOR_CODES),
        expiry_deadlines,
        duty=STANDARDIZATION,
        article_text=ART_19,
    ),
)
