"""Profiles of generated enterprises: name, town, industry, size, founding and defects.

Each enterprise draws from its own random stream, seeded by (seed, index): the same seed
gives the same district whatever the chunk size, and enterprise 7 does not change when
enterprise 6 does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from app.cli.demo_catalog import BRANDS, DEFECTS, EXEMPLARY_SHARE, INDUSTRIES, TOWNS, Industry
from app.core.validators import organization_code_check_character, uscc_check_character

# Credit-code bodies of generated enterprises: far from the dozen hand-made ones.
_CODE_BASE = 30_000_000
_CODE_STRIDE = 7_919  # a prime: consecutive enterprises get unrelated-looking codes


@dataclass(frozen=True)
class EnterpriseSpec:
    index: int
    name: str
    credit_code: str
    region_code: str
    town: str
    industry: Industry
    employees: int
    designated_size: str
    sme_class: str
    founded_on: date
    defects: frozenset[str]

    @property
    def first_branch(self) -> bool:
        """The first staffing branch of art. 17: high-risk, or more than 300 employees."""
        return self.industry.high_risk is not None or self.employees > 300


def enterprise_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"anxin-demo-district:{seed}:{index}")  # noqa: S311 (demo data)


def generated_credit_code(index: int) -> str:
    body = f"{(_CODE_BASE + index * _CODE_STRIDE) % 100_000_000:08d}"
    first17 = "91410108" + body + organization_code_check_character(body)
    return first17 + uscc_check_character(first17)


def _employees(rng: random.Random, industry: Industry) -> int:
    """Mostly 10–100, some above 300, a few around 1,000; shops and restaurants smaller."""
    roll = rng.random()
    if industry.sector in ("catering", "commercial", "service"):
        roll *= 0.97
    if roll < 0.60:
        return rng.randint(10, 16)
    if roll < 0.87:
        return rng.randint(17, 40)
    if roll < 0.96:
        return rng.randint(41, 100)
    if roll < 0.99:
        return rng.randint(101, 300)
    if roll < 0.998:
        return rng.randint(301, 600)
    return rng.randint(950, 1100)


def _size(rng: random.Random, employees: int, industry: Industry) -> tuple[str, str]:
    """The two size fields are separate facts (rules.md): drawn apart, loosely related."""
    industrial = industry.sector in ("industrial", "chemical", "construction")
    above_share = min(0.95, employees / (120 if industrial else 200))
    designated = "above" if rng.random() < above_share else "below"
    if employees >= 1000:
        sme = "large"
    elif employees >= 300:
        sme = "medium"
    elif employees >= 20:
        sme = "small"
    else:
        sme = "micro"
    return designated, sme


def _defects(rng: random.Random) -> frozenset[str]:
    if rng.random() < EXEMPLARY_SHARE:
        return frozenset()
    return frozenset(name for name, share in DEFECTS.items() if rng.random() < share)


def make_spec(seed: int, index: int, today: date) -> tuple[EnterpriseSpec, random.Random]:
    """The profile, and the enterprise's random stream for everything generated after it."""
    rng = enterprise_rng(seed, index)
    industry = rng.choices(INDUSTRIES, weights=[i.weight for i in INDUSTRIES])[0]
    region_code, town, _ = rng.choices(TOWNS, weights=[t[2] for t in TOWNS])[0]
    employees = _employees(rng, industry)
    designated, sme = _size(rng, employees, industry)
    brand = rng.choice(BRANDS) + rng.choice(BRANDS)
    # Older enterprises are fewer; none younger than two years.
    age_days = int(365 * (2 + rng.betavariate(1.4, 2.6) * 26))
    spec = EnterpriseSpec(
        index=index,
        name=f"郑州{town}{brand}{industry.word}有限公司",
        credit_code=generated_credit_code(index),
        region_code=region_code,
        town=town,
        industry=industry,
        employees=employees,
        designated_size=designated,
        sme_class=sme,
        founded_on=today - timedelta(days=age_days),
        defects=_defects(rng),
    )
    return spec, rng
