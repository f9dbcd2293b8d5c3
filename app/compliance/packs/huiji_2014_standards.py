"""Rules of pack `huiji-2014` on standards: safety standardization (art. 19), the verification
of fixed hidden dangers (art. 20) and the filing of major hazard sources (art. 23)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from app.compliance.facts import Facts
from app.compliance.model import Finding, Rule, Severity, Text
from app.compliance.packs import sectors as art19
from app.compliance.packs import verdicts
from app.enterprises.catalog import DesignatedSize
from app.registry.dangers.models import HiddenDanger

VERIFICATION_DAYS: Final = 30  # a fix is verified within 30 days (a parameter of the pack)

_pass, _fail, _na, _unknown = (
    verdicts.passed,
    verdicts.failed,
    verdicts.not_applicable,
    verdicts.unknown,
)


@dataclass(frozen=True)
class _Binding:
    """When art. 19 first binds the enterprise under one reading of its profile, and why."""

    deadline: date | None
    sector: art19.Sector | None


def _binding(sectors: Iterable[art19.Sector], above: bool) -> _Binding:
    dated = sorted(
        ((deadline, s.key, s) for s in sectors if (deadline := s.deadline(above)) is not None),
        key=lambda item: (item[0], item[1]),
    )
    # The enterprise is in every sector it belongs to, so the earliest deadline binds it.
    return _Binding(dated[0][0], dated[0][2]) if dated else _Binding(None, None)


def _readings(facts: Facts) -> set[_Binding]:
    """Every binding the recorded profile allows: one when the profile is complete, several
    when the size class or the industry division (only a section letter) is missing."""
    profile = facts.enterprise
    declared = art19.DECLARED.get(profile.high_risk_category or "")
    by_code = art19.sectors_of_code(profile.industry_code or "")
    choices = [frozenset({s}) for s in by_code] or [frozenset[art19.Sector]()]
    sizes = {DesignatedSize.ABOVE.value: (True,), DesignatedSize.BELOW.value: (False,)}.get(
        profile.designated_size or "", (True, False)
    )
    return {
        _binding(choice | ({declared} if declared else set()), above)
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


def _verify_by(fixed_on: date) -> date:
    return fixed_on + timedelta(days=VERIFICATION_DAYS)


def _verified(danger: HiddenDanger, day: date) -> bool:
    """Verified by then by an outside expert or by a colleague other than the person
    responsible (the seed's 'evaluated by professionals')."""
    independent = danger.external_verifier is not None or (
        danger.verifier_person_id is not None
        and danger.verifier_person_id != danger.responsible_person_id
    )
    return danger.verified_on is not None and danger.verified_on <= day and independent


def fixes_verified(facts: Facts) -> Finding:
    """20.3: every hidden danger fixed more than 30 days ago has been verified."""
    due: list[tuple[HiddenDanger, date]] = []
    pending: list[date] = []  # fixed recently, not verified yet: when they fall due
    for danger in facts.dangers:
        if danger.fixed_on is None or danger.fixed_on > facts.as_of:
            continue
        verify_by = _verify_by(danger.fixed_on)
        if verify_by < facts.as_of:
            due.append((danger, verify_by))
        elif not _verified(danger, facts.as_of):
            pending.append(verify_by)
    next_due = min(pending) if pending else None
    if not due:
        return _na(
            f"无整改完成超过{VERIFICATION_DAYS}日的隐患。",
            f"No hidden danger was fixed more than {VERIFICATION_DAYS} days ago.",
            due=next_due,
        )
    unverified = [(d, by) for d, by in due if not _verified(d, facts.as_of)]
    if unverified:
        return _fail(
            f"{len(unverified)}项隐患整改完成超过{VERIFICATION_DAYS}日仍未经责任人以外的"
            "专业人员验收。",
            f"{len(unverified)} hidden danger(s) fixed over {VERIFICATION_DAYS} days ago lack "
            "a verification by someone other than the person responsible.",
            tuple(d.id for d, _ in unverified),
            min(by for _, by in unverified),
        )
    return _pass(
        "整改完成的隐患均已验收。",
        "Every fixed hidden danger has been verified.",
        tuple(d.id for d, _ in due),
        next_due,
    )


def hazard_sources_filed(facts: Facts) -> Finding:
    """23.2: every major hazard source identified by the date is filed with the regulator."""
    sources = [s for s in facts.hazard_sources if s.identified_on <= facts.as_of]
    if not sources:
        return _na("未登记重大危险源。", "No major hazard source is recorded.")
    unfiled = [s for s in sources if s.filed_on is None or s.filed_on > facts.as_of]
    if unfiled:
        return _fail(
            f"{len(unfiled)}处重大危险源未报监管部门备案。",
            f"{len(unfiled)} major hazard source(s) are not filed with the regulator.",
            tuple(s.id for s in unfiled),
            min(s.identified_on for s in unfiled),  # the seed gives no grace period
        )
    return _pass(
        "重大危险源均已备案。",
        "Every major hazard source is filed.",
        tuple(s.id for s in sources),
    )


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
    ),
    Rule(
        "HJ2014-20.3",
        "20",
        Text("隐患整改验收", "Verification of fixes"),
        Text(
            f"整改完成超过{VERIFICATION_DAYS}日的隐患",
            f"Hidden dangers fixed more than {VERIFICATION_DAYS} days ago",
        ),
        Text(
            "由责任人以外的安全专业人员（或外部专家）对整改结果评估验收。",
            "Have a safety professional other than the person responsible (or an outside "
            "expert) verify each fix.",
        ),
        Severity.MINOR,
        fixes_verified,
    ),
    Rule(
        "HJ2014-23.2",
        "23",
        Text("重大危险源备案", "Filing of major hazard sources"),
        Text("有重大危险源的企业", "Enterprises with major hazard sources"),
        Text(
            "将每处重大危险源报监管部门备案。",
            "File every major hazard source with the regulator.",
        ),
        Severity.CRITICAL,
        hazard_sources_filed,
    ),
)
