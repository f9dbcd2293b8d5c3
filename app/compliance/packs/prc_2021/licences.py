"""安全生产许可证条例 arts. 2 and 9 in pack `prc-2021`: mines, construction firms and producers
of hazardous chemicals, fireworks and civil explosives hold a safety production licence in
force, and apply to extend it 3 months before it expires (decision 138)."""

from __future__ import annotations

from datetime import date

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import SAFETY_LICENCE
from app.compliance.packs.prc_2021.high_risk import HIGH_RISK_PARAMETERS, sector
from app.compliance.packs.prc_2021.params import (
    LICENCE_NON_PRODUCING_SECTIONS,
    LICENCE_RENEWAL_MONTHS,
    LICENCE_SCOPES,
    LICENCE_VALIDITY_YEARS,
    latest,
)
from app.compliance.packs.prc_2021.quotes import SL_2_9
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.core.calendar import add_months
from app.registry.licences.models import SafetyLicence

# Scopes art. 2 licenses only for producers (生产企业); mines and construction are licensed
# whatever else they do.
_PRODUCTION_SCOPES = frozenset({"hazardous_chemicals", "fireworks", "civil_explosives"})
NO_LICENCE, RENEWAL_OVERDUE = "no_licence", "renewal_overdue"


def required_scope(facts: Facts) -> str | None:
    """The licence scope the enterprise needs, or None: its category (declared, else placed
    by its industry code, as for art. 24) where art. 2 names it — for the three producing
    scopes, only when the industry code does not place it in trade or transport."""
    scope: str | None = facts.value(LICENCE_SCOPES).get(sector(facts) or "")
    if scope in _PRODUCTION_SCOPES:
        section = (facts.enterprise.industry_code or "")[:1].upper()
        if section in facts.value(LICENCE_NON_PRODUCING_SECTIONS):
            return None
    return scope


def in_force(licence: SafetyLicence, facts: Facts) -> bool:
    """Issued, not past its last valid day, not revoked by then (a licence revoked on a day
    no longer covers that day)."""
    day, revoked = facts.as_of, licence.revoked_on
    return licence.issued_on <= day <= licence.valid_to and (revoked is None or revoked > day)


def _renewal_due(licence: SafetyLicence, facts: Facts) -> date:
    """The last day to apply for the extension: 3 months before the licence expires."""
    return add_months(licence.valid_to, -facts.value(LICENCE_RENEWAL_MONTHS))


def _applied(licence: SafetyLicence, facts: Facts) -> bool:
    """An extension applied for in the current term: an extension moves `valid_to` of the
    same licence and keeps the application that earned it, so one made 3 years or more
    before the last valid day was the previous term's."""
    applied = licence.renewal_applied_on
    term_start = add_months(licence.valid_to, -12 * facts.value(LICENCE_VALIDITY_YEARS))
    return applied is not None and applied > term_start


def licensed(facts: Facts) -> Finding:
    """SL2.1: a unit art. 2 names holds a licence of its scope in force on the date (critical
    if not), and has applied to extend each one whose application day (3 months before it
    expires) has passed (major if not)."""
    scope = required_scope(facts)
    if scope is None:
        return _na(
            "仅适用于矿山企业、建筑施工企业和危险化学品、烟花爆竹、民用爆炸物品生产企业。",
            "Mines, construction firms and producers of hazardous chemicals, fireworks and "
            "civil explosives only.",
        )
    held = [lic for lic in facts.safety_licences if lic.scope == scope]
    valid = [lic for lic in held if in_force(lic, facts)]
    if not valid:
        return _fail(
            "当日无有效的安全生产许可证（未取得、已过期或已被吊销、注销），不得从事生产活动。",
            "No safety production licence of the scope is in force on the date (none "
            "obtained, expired, or revoked): the enterprise may not produce.",
            tuple(lic.id for lic in held),
            branch=NO_LICENCE,
        )
    pending = [lic for lic in valid if not _applied(lic, facts)]
    late = [lic for lic in pending if facts.as_of > _renewal_due(lic, facts)]
    if late:
        due = min(_renewal_due(lic, facts) for lic in late)
        return _fail(
            f"安全生产许可证将于{min(lic.valid_to for lic in late)}期满，未在期满前"
            f"{facts.value(LICENCE_RENEWAL_MONTHS)}个月（{due}前）申请延期。",
            f"The licence expires on {min(lic.valid_to for lic in late)} and no extension was "
            f"applied for by {due}, {facts.value(LICENCE_RENEWAL_MONTHS)} months before.",
            tuple(lic.id for lic in late),
            due,
            branch=RENEWAL_OVERDUE,
            severity=Severity.MAJOR,
        )
    if pending:
        due = min(_renewal_due(lic, facts) for lic in pending)
        return _pass(
            f"持有有效的安全生产许可证；应于{due}前申请延期。",
            f"A safety production licence is in force; apply to extend it by {due}.",
            tuple(lic.id for lic in valid),
            due,
        )
    return _pass(
        "持有有效的安全生产许可证，已申请延期。",
        "A safety production licence is in force and its extension has been applied for.",
        tuple(lic.id for lic in valid),
        min(lic.valid_to for lic in valid),
    )


def licence_deadlines(facts: Facts) -> list[Deadline]:
    """The extension of each licence in force to apply for (overdue once past), and its
    expiry."""
    scope = required_scope(facts)
    if scope is None:
        return []
    found: list[Deadline] = []
    for lic in facts.safety_licences:
        if lic.scope != scope or not in_force(lic, facts):
            continue
        if not _applied(lic, facts):
            found.append(
                Deadline(
                    _renewal_due(lic, facts),
                    "licence_renewal_due",
                    Text("安全生产许可证应申请延期", "Apply to extend the safety licence"),
                    lic.id,
                    concerns=("safety-licences",),
                )
            )
        found.append(
            Deadline(
                lic.valid_to,
                "licence_expiry",
                Text("安全生产许可证期满", "Safety production licence expires"),
                lic.id,
                concerns=("safety-licences",),
            )
        )
    return found


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-SL2.1",
        "SL2",
        Text("安全生产许可证", "Safety production licence"),
        Text(
            "矿山企业、建筑施工企业和危险化学品、烟花爆竹、民用爆炸物品生产企业",
            "Mines, construction firms, producers of hazardous chemicals, fireworks and civil "
            "explosives",
        ),
        Text(
            "取得安全生产许可证并保持有效；有效期满需要延期的，于期满前"
            f"{latest(LICENCE_RENEWAL_MONTHS)}个月申请延期。",
            "Hold a safety production licence in force; apply to extend it "
            f"{latest(LICENCE_RENEWAL_MONTHS)} months before it expires.",
        ),
        Severity.CRITICAL,
        licensed,
        (
            LICENCE_SCOPES,
            LICENCE_NON_PRODUCING_SECTIONS,
            LICENCE_VALIDITY_YEARS,
            LICENCE_RENEWAL_MONTHS,
            *HIGH_RISK_PARAMETERS[1:],
        ),
        licence_deadlines,
        duty=SAFETY_LICENCE,
        article_text=SL_2_9,
    ),
)
