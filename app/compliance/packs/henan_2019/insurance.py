"""Art. 29 para 2 of pack `henan-2019`: work-safety liability insurance in the sectors the
province names, on the terms the state sets (安全生产责任保险实施办法)."""

from __future__ import annotations

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import INSURANCE_LIABILITY
from app.compliance.packs.henan_2019.high_risk import listed_category
from app.compliance.packs.henan_2019.params import (
    HIGH_RISK_CODES,
    HIGH_RISK_CODES_PROVISIONAL,
    LIABILITY_INSURANCE_CATEGORIES,
    LIABILITY_MINIMUM_COVER,
    latest,
)
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.registry.insurance.models import InsurancePolicy

CONCERNS = ("insurance-policies",)


def _in_force(facts: Facts) -> list[InsurancePolicy]:
    """Liability policies covering the date, not cancelled by it (the cut hides a later
    cancellation and a policy starting later)."""
    return [
        p
        for p in facts.insurance_policies
        if p.policy_type == "safety_liability"
        and (p.valid_to is None or p.valid_to >= facts.as_of)
        and p.cancelled_on is None
    ]


def _shortfalls(facts: Facts, policy: InsurancePolicy) -> list[Text]:
    """What keeps an in-force policy from meeting the state's terms."""
    lacking: list[Text] = []
    if not policy.covers_temporary_and_dispatched:
        lacking.append(
            Text("未覆盖临时聘用和劳务派遣人员", "does not cover temporary and dispatched workers")
        )
    staff = len(facts.people_in_service())
    if policy.insured_headcount < staff:
        lacking.append(
            Text(
                f"投保{policy.insured_headcount}人，少于在岗{staff}人",
                f"insures {policy.insured_headcount} people of {staff} in service",
            )
        )
    minimum = facts.value(LIABILITY_MINIMUM_COVER)
    cover = policy.cover_per_person_yuan
    if cover is None or cover < minimum:
        shown = "未记录" if cover is None else f"{cover}元"
        lacking.append(
            Text(
                f"每人保额{shown}，低于{minimum}元",
                f"cover per person {'not recorded' if cover is None else f'{cover} yuan'}, "
                f"below {minimum} yuan",
            )
        )
    return lacking


def liability_insured(facts: Facts) -> Finding:
    """29.1: a liability policy in force on the date meets every term."""
    category = listed_category(facts, LIABILITY_INSURANCE_CATEGORIES)
    if category is None:
        return _na(
            "非条例第二十九条第二款所列行业，不强制投保安全生产责任保险。",
            "Not a sector art. 29 para 2 names: liability insurance is encouraged, not required.",
        )
    policies = _in_force(facts)
    if not policies:
        return _fail(
            "无有效的安全生产责任保险。",
            "No work-safety liability insurance policy is in force.",
            ("safety_liability",),
        )
    judged = [(p, _shortfalls(facts, p)) for p in policies]
    good = [p for p, lacking in judged if not lacking]
    if good:
        return _pass(
            "安全生产责任保险有效，覆盖全部从业人员且保额达标。",
            "A liability policy is in force, covering every person in service at the "
            "required amount.",
            tuple(p.id for p in good),
            min((p.valid_to for p in good if p.valid_to is not None), default=None),
        )
    lacking = [t for _, shortfalls in judged for t in shortfalls]
    return _fail(
        "安全生产责任保险不符合要求：" + "；".join(t.zh for t in lacking) + "。",
        "The liability policy falls short: " + "; ".join(t.en for t in lacking) + ".",
        tuple(p.id for p in policies),
    )


def insurance_deadlines(facts: Facts) -> list[Deadline]:
    """Where the unit must insure: the last day of each policy in force (renew by then)."""
    if listed_category(facts, LIABILITY_INSURANCE_CATEGORIES) is None:
        return []
    return [
        Deadline(
            p.valid_to,
            "liability_insurance_expiry",
            Text("安全生产责任保险到期，应续保", "Liability insurance ends: renew it"),
            p.id,
            concerns=CONCERNS,
        )
        for p in _in_force(facts)
        if p.valid_to is not None
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-29.1",
        "29",
        Text("安全生产责任保险", "Work-safety liability insurance"),
        Text(
            "矿山、道路运输、危险化学品、建筑施工、民用爆炸物品、金属冶炼、渔业生产单位",
            "Mines, road transport, hazardous chemicals, construction, civil explosives, "
            "metal smelting and fishing",
        ),
        Text(
            "投保安全生产责任保险，覆盖全部从业人员（含临时聘用和劳务派遣人员），每人保额不低于"
            f"{latest(LIABILITY_MINIMUM_COVER)}元，不得中途退保。",
            "Carry work-safety liability insurance covering everyone in service, temporary "
            f"and dispatched workers included, at {latest(LIABILITY_MINIMUM_COVER)} yuan or "
            "more per person, never cancelled mid-term.",
        ),
        Severity.MAJOR,
        liability_insured,
        (
            LIABILITY_INSURANCE_CATEGORIES,
            HIGH_RISK_CODES,
            HIGH_RISK_CODES_PROVISIONAL,
            LIABILITY_MINIMUM_COVER,
        ),
        insurance_deadlines,
        duty=INSURANCE_LIABILITY,
        article_text=Text(
            "第二十九条 ……矿山、道路运输、危险化学品、建筑施工、民用爆炸物品、金属冶炼、渔业生产"
            "等行业和领域应当根据国家规定实施安全生产责任保险制度。",
            "Art. 29. … Mines, road transport, hazardous chemicals, construction, civil "
            "explosives, metal smelting, fishing and similar sectors shall carry work-safety "
            "liability insurance as the state provides.",
        ),
    ),
)
