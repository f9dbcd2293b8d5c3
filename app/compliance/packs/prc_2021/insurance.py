"""Art. 51 of pack `prc-2021`: work-injury insurance for every unit (para 1), work-safety
liability insurance for the high-risk sectors the state names (para 2)."""

from __future__ import annotations

from collections.abc import Callable

from app.compliance.facts import Facts
from app.compliance.packs.common_duties import INSURANCE_LIABILITY, INSURANCE_WORK_INJURY
from app.compliance.packs.prc_2021.high_risk import HIGH_RISK_PARAMETERS, sector
from app.compliance.packs.prc_2021.params import (
    LIABILITY_CATEGORIES,
    LIABILITY_CODES_PROVISIONAL,
    LIABILITY_MIN_COVER,
    latest,
)
from app.compliance.packs.prc_2021.quotes import ART_51_1, ART_51_2
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.registry.catalog import InsurancePolicyType
from app.registry.insurance.models import InsurancePolicy


def in_force(facts: Facts, policy_type: str) -> list[InsurancePolicy]:
    """The policies of the type covering the as-of date: begun, not yet expired, and not
    cancelled (a policy cancelled on a day no longer covers that day)."""
    day = facts.as_of
    return [
        p
        for p in facts.insurance_policies
        if p.policy_type == policy_type
        and p.valid_from <= day
        and (p.valid_to is None or p.valid_to >= day)
        and (p.cancelled_on is None or p.cancelled_on > day)
    ]


def _ids(policies: list[InsurancePolicy]) -> tuple[str, ...]:
    return tuple(p.id for p in policies)


def _headcount_short(facts: Facts, policies: list[InsurancePolicy]) -> int:
    """How many of the people in service the policies' insured headcounts leave out."""
    return max(0, len(facts.people_in_service()) - sum(p.insured_headcount for p in policies))


def work_injury(facts: Facts) -> Finding:
    """51.0: every unit is enrolled in work-injury insurance on the date, for at least as
    many people as it has in service (the enrolments of its branches add up)."""
    policies = in_force(facts, InsurancePolicyType.WORK_INJURY)
    if not policies:
        return _fail(
            "当日无有效的工伤保险参保记录。",
            "No work-injury insurance enrolment is in force on the date.",
        )
    short = _headcount_short(facts, policies)
    if short:
        return _fail(
            f"工伤保险参保人数少于在岗从业人员（少{short}人）。",
            f"The work-injury enrolment covers fewer people than are in service ({short} short).",
            _ids(policies),
        )
    return _pass(
        "已参加工伤保险，参保人数覆盖在岗从业人员。",
        "Enrolled in work-injury insurance for everyone in service.",
        _ids(policies),
        min((p.valid_to for p in policies if p.valid_to is not None), default=None),
    )


def _liable(facts: Facts) -> bool:
    return sector(facts, LIABILITY_CODES_PROVISIONAL) in facts.value(LIABILITY_CATEGORIES)


def liability(facts: Facts) -> Finding:
    """51.1: a unit of the named sectors holds a liability policy in force on the date that
    covers temporary and dispatched workers, insures at least everyone in service, and
    insures each person for at least the minimum in force on the date."""
    if not _liable(facts):
        return _na(
            "仅适用于国家规定的高危行业、领域的生产经营单位。",
            "Units in the high-risk industries the state names only.",
        )
    policies = in_force(facts, InsurancePolicyType.SAFETY_LIABILITY)
    if not policies:
        return _fail(
            "高危行业单位当日无有效的安全生产责任保险（未投保、已到期或已退保）。",
            "A high-risk unit with no work-safety liability policy in force on the date "
            "(none taken out, expired or cancelled).",
        )
    minimum = facts.value(LIABILITY_MIN_COVER)
    unstated = [p for p in policies if p.cover_per_person_yuan is None]
    if unstated:
        return _unknown(
            "未登记责任保险的每人保险金额。",
            "The policy's insured amount per person is not recorded; record it to decide.",
            _ids(unstated),
        )
    low = [p for p in policies if (p.cover_per_person_yuan or 0) < minimum]
    partial = [p for p in policies if not p.covers_temporary_and_dispatched]
    if low or partial:
        return _fail(
            "责任保险"
            + (f"每人保险金额低于{minimum}元" if low else "")
            + ("；" if low and partial else "")
            + ("未覆盖临时聘用和劳务派遣人员" if partial else "")
            + "。",
            "The liability policy"
            + (f" insures less than {minimum} yuan per person" if low else "")
            + (" and" if low and partial else "")
            + (" leaves out temporary and dispatched workers" if partial else "")
            + ".",
            _ids(low + [p for p in partial if p not in low]),
        )
    short = _headcount_short(facts, policies)
    if short:
        return _fail(
            f"责任保险投保人数少于在岗从业人员（少{short}人）。",
            f"The liability policy insures fewer people than are in service ({short} short).",
            _ids(policies),
        )
    return _pass(
        f"已投保安全生产责任保险，覆盖全部从业人员，每人保险金额不低于{minimum}元。",
        f"A liability policy covers everyone in service at {minimum} yuan or more per person.",
        _ids(policies),
        min((p.valid_to for p in policies if p.valid_to is not None), default=None),
    )


def _expiries(
    policy_type: str, applies: Callable[[Facts], bool]
) -> Callable[[Facts], list[Deadline]]:
    def deadlines(facts: Facts) -> list[Deadline]:
        """The policies in force on the date run out."""
        if not applies(facts):
            return []
        return [
            Deadline(
                p.valid_to,
                "insurance_expiry",
                Text(
                    "工伤保险参保期满"
                    if policy_type == InsurancePolicyType.WORK_INJURY
                    else "安全生产责任保险到期",
                    "Work-injury enrolment ends"
                    if policy_type == InsurancePolicyType.WORK_INJURY
                    else "Liability policy expires",
                ),
                p.id,
                concerns=("insurance-policies",),
            )
            for p in in_force(facts, policy_type)
            if p.valid_to is not None
        ]

    return deadlines


def _always(facts: Facts) -> bool:
    return True


RULES: tuple[Rule, ...] = (
    Rule(
        "PRC2021-51.0",
        "51",
        Text("工伤保险", "Work-injury insurance"),
        Text("所有生产经营单位", "All units"),
        Text(
            "依法参加工伤保险，为全部在岗从业人员缴纳保险费。",
            "Enrol in work-injury insurance and pay the premiums for everyone in service.",
        ),
        Severity.MAJOR,
        work_injury,
        (),
        _expiries(InsurancePolicyType.WORK_INJURY, _always),
        duty=INSURANCE_WORK_INJURY,
        article_text=ART_51_1,
    ),
    Rule(
        "PRC2021-51.1",
        "51",
        Text("安全生产责任保险", "Work-safety liability insurance"),
        Text(
            "矿山、危险化学品、烟花爆竹、交通运输、建筑施工、民用爆炸物品、金属冶炼、渔业生产等"
            "高危行业单位",
            "Mines, dangerous chemicals, fireworks, transport, construction, civil explosives, "
            "metal smelting, fishing",
        ),
        Text(
            "投保安全生产责任保险并保持有效（不得中途退保、延迟续保），覆盖临时聘用和劳务派遣"
            f"在内的全部从业人员，每人死亡伤残保险金额不低于{latest(LIABILITY_MIN_COVER)}元。",
            "Keep a work-safety liability policy in force (no mid-term cancellation or late "
            "renewal) covering everyone in service, temporary and dispatched workers included, "
            f"at {latest(LIABILITY_MIN_COVER)} yuan or more per person for death or disability.",
        ),
        Severity.MAJOR,
        liability,
        (
            LIABILITY_CATEGORIES,
            LIABILITY_CODES_PROVISIONAL,
            LIABILITY_MIN_COVER,
            *HIGH_RISK_PARAMETERS[1:],
        ),
        _expiries(InsurancePolicyType.SAFETY_LIABILITY, _liable),
        duty=INSURANCE_LIABILITY,
        article_text=ART_51_2,
    ),
)
