"""Rules 19.1 (standardization), 20.3 (verified fixes) and 23.2 (filed hazard sources): pass,
fail, not applicable and each boundary, on in-memory facts; and 19.1 once through the API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from app.compliance.facts import Facts
from app.compliance.packs import PACKS
from app.compliance.packs.huiji_2014 import sectors as art19
from app.compliance.rules import Finding, Status
from app.enterprises.catalog import INDUSTRY_SECTIONS, industry_code_problem
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import (
    FactsBuilder,
    HiddenDanger,
    MajorHazardSource,
    StandardizationCertificate,
)
from tests.compliance.test_report import _finding, _post, _report
from tests.support.world import World


def check(rule_id: str, facts: Facts) -> Finding:
    rule = PACKS["huiji-2014"].rule(rule_id)
    assert rule is not None
    return rule.check(facts)


# --- HJ2014-19.1 -------------------------------------------------------------------------


def certified(issued: date = date(2024, 9, 20), expires: date = date(2027, 9, 19)) -> Any:
    builder = FactsBuilder()
    certificate = builder.add(
        "standardization",
        StandardizationCertificate(
            **builder.common("stc"),
            grade=3,
            certificate_number="豫AQBJXIII202400123",
            issuing_authority="郑州市应急管理局",
            issued_on=issued,
            expires_on=expires,
        ),
    )
    return builder, certificate


def standardization(as_of: date, builder: FactsBuilder | None = None, **profile: Any) -> Finding:
    profile.setdefault("industry_code", "C3311")  # machinery (金属结构制造)
    profile.setdefault("designated_size", "above")
    return check("HJ2014-19.1", (builder or FactsBuilder()).facts(as_of, **profile))


@covers("HJ2014-19.1", "pass", "fail", "boundary")
def test_a_valid_certificate_passes_until_its_expiry_day() -> None:
    builder, certificate = certified()
    on_expiry = standardization(date(2027, 9, 19), builder)
    assert on_expiry.status is Status.PASS
    assert on_expiry.evidence == (certificate.id,)
    assert on_expiry.due == date(2027, 9, 19)
    after = standardization(date(2027, 9, 20), builder)
    assert after.status is Status.FAIL
    assert after.evidence == (certificate.id,)  # the lapsed certificate
    assert after.due == date(2016, 1, 1)  # machinery above designated size


@covers("HJ2014-19.1", "pass", "fail", "boundary")
def test_a_certificate_counts_from_its_issue_day() -> None:
    builder, _ = certified(issued=date(2024, 9, 20))
    assert standardization(date(2024, 9, 19), builder).status is Status.FAIL
    assert standardization(date(2024, 9, 20), builder).status is Status.PASS


@covers("HJ2014-19.1", "not_applicable", "fail", "boundary")
def test_named_sectors_above_size_from_2016() -> None:
    before = standardization(date(2015, 12, 31))
    assert before.status is Status.NOT_APPLICABLE
    assert before.due == date(2016, 1, 1)
    on = standardization(date(2016, 1, 1))
    assert on.status is Status.FAIL
    assert on.due == date(2016, 1, 1)
    for code in ("C3011", "C3110", "C1511", "C1361", "E4710", "C2922"):
        assert standardization(date(2016, 1, 1), industry_code=code).status is Status.FAIL, code


def test_hazardous_chemicals_and_fireworks_from_2015_whatever_the_size() -> None:
    for code in ("C2614", "C2511", "C2672"):
        before = standardization(date(2014, 12, 31), industry_code=code, designated_size=None)
        assert before.status is Status.NOT_APPLICABLE
        assert before.due == date(2015, 1, 1)
        on = standardization(date(2015, 1, 1), industry_code=code, designated_size="below")
        assert on.status is Status.FAIL, code
    # A trader coded as wholesale is bound through its declared category.
    trader = standardization(
        date(2015, 1, 1), industry_code="F5169", high_risk_category="hazardous_chemicals"
    )
    assert trader.status is Status.FAIL
    assert trader.due == date(2015, 1, 1)


def test_below_designated_size_from_2017() -> None:
    before = standardization(date(2016, 12, 31), designated_size="below")
    assert before.status is Status.NOT_APPLICABLE
    assert before.due == date(2017, 1, 1)
    assert standardization(date(2017, 1, 1), designated_size="below").status is Status.FAIL
    for code in ("F5211", "G5430", "B1011", "D4411", "C2710"):
        below = standardization(date(2017, 1, 1), industry_code=code, designated_size="below")
        assert below.status is Status.FAIL, code


@pytest.mark.parametrize("code", ["F5211", "G5430", "B1011", "C2710"])
@covers("HJ2014-19.1", "not_applicable")
def test_above_size_enterprises_of_other_sectors_are_outside(code: str) -> None:
    finding = standardization(date(2026, 6, 1), industry_code=code)
    assert finding.status is Status.NOT_APPLICABLE
    assert finding.due is None


def test_services_are_outside_article_19() -> None:
    for size in ("above", "below", None):
        finding = standardization(date(2026, 6, 1), industry_code="H6210", designated_size=size)
        assert finding.status is Status.NOT_APPLICABLE


def test_unknown_size_only_where_it_decides() -> None:
    between = standardization(date(2016, 6, 1), designated_size=None)
    assert between.status is Status.UNKNOWN
    assert "designated_size" in between.message.en
    # Before 2016 neither class is due, from 2017 both are: the size does not matter.
    assert standardization(date(2015, 6, 1), designated_size=None).status is (Status.NOT_APPLICABLE)
    assert standardization(date(2017, 1, 1), designated_size=None).status is Status.FAIL
    commerce = standardization(date(2017, 1, 1), industry_code="F5211", designated_size=None)
    assert commerce.status is Status.UNKNOWN


def test_a_bare_section_is_unknown_where_the_division_decides() -> None:
    assert standardization(date(2016, 6, 1), industry_code="C").status is Status.UNKNOWN
    declared = standardization(
        date(2016, 6, 1), industry_code="C", high_risk_category="hazardous_chemicals"
    )
    assert declared.status is Status.FAIL
    assert standardization(date(2016, 6, 1), industry_code="E").status is Status.FAIL


def test_the_sector_table_covers_every_industrial_division() -> None:
    for section in "BCDEFG":
        for division in INDUSTRY_SECTIONS[section][1]:
            code = f"{section}{division:02d}"
            assert art19.sectors_of_code(code), f"{code} has no article-19 sector"
    for prefix in art19.CODES:
        assert industry_code_problem(prefix) is None, prefix
    assert art19.sectors_of_code("C1361") == {art19.FROZEN_FOOD}  # 水产品冷冻加工
    assert art19.sectors_of_code("C1363") == {art19.LIGHT_INDUSTRY}  # 鱼油提取及制品制造
    assert art19.sectors_of_code("G5930") == {art19.FROZEN_FOOD}  # 低温仓储
    assert art19.sectors_of_code("H61") == frozenset()


# --- HJ2014-20.3 -------------------------------------------------------------------------

AS_OF = date(2026, 6, 1)


def danger(builder: FactsBuilder, fixed_days_ago: int | None, **fields: Any) -> Any:
    fixed = AS_OF - timedelta(days=fixed_days_ago) if fixed_days_ago is not None else None
    values: dict[str, Any] = {
        "found_on": date(2026, 1, 5),
        "description": "配电柜接地线松动",
        "level": "general",
        "status": "fixed" if fixed else "fixing",
        "responsible_person_id": "per_00000000000000000000000042",
        "fixed_on": fixed,
        **fields,
    }
    return builder.add("dangers", HiddenDanger(**builder.common("hdg"), **values))


@covers("HJ2014-20.3", "not_applicable", "fail", "boundary")
def test_a_fix_falls_due_for_verification_after_30_days() -> None:
    builder = FactsBuilder()
    recent = danger(builder, 30)
    finding = check("HJ2014-20.3", builder.facts(AS_OF))
    assert finding.status is Status.NOT_APPLICABLE
    assert finding.due == AS_OF  # the last day to verify it
    late = check("HJ2014-20.3", builder.facts(AS_OF + timedelta(days=1)))
    assert late.status is Status.FAIL
    assert late.evidence == (recent.id,)
    assert late.due == AS_OF


@covers("HJ2014-20.3", "pass")
def test_verified_by_a_colleague_or_an_outside_expert_passes() -> None:
    builder = FactsBuilder()
    by_colleague = danger(
        builder,
        60,
        status="verified",
        verified_on=AS_OF - timedelta(days=50),
        verifier_person_id="per_00000000000000000000000043",
    )
    by_expert = danger(
        builder, 45, status="verified", verified_on=AS_OF, external_verifier="郑州安信 李工"
    )
    danger(builder, 10)  # not due yet
    finding = check("HJ2014-20.3", builder.facts(AS_OF))
    assert finding.status is Status.PASS
    assert set(finding.evidence) == {by_colleague.id, by_expert.id}
    assert finding.due == AS_OF + timedelta(days=20)


@covers("HJ2014-20.3", "fail")
def test_verification_by_the_person_responsible_or_after_the_date_does_not_count() -> None:
    builder = FactsBuilder()
    own = danger(
        builder,
        40,
        status="verified",
        verified_on=AS_OF - timedelta(days=35),
        verifier_person_id="per_00000000000000000000000042",  # the person responsible
    )
    later = danger(
        builder, 40, status="verified", verified_on=AS_OF + timedelta(days=1), external_verifier="x"
    )
    finding = check("HJ2014-20.3", builder.facts(AS_OF))
    assert finding.status is Status.FAIL
    assert set(finding.evidence) == {own.id, later.id}
    assert check("HJ2014-20.3", builder.facts(AS_OF + timedelta(days=1))).evidence == (own.id,)


@covers("HJ2014-20.3", "not_applicable")
def test_no_fixed_danger_is_not_applicable() -> None:
    builder = FactsBuilder()
    danger(builder, None)
    finding = check("HJ2014-20.3", builder.facts(AS_OF))
    assert finding.status is Status.NOT_APPLICABLE
    assert finding.due is None


# --- HJ2014-23.2 -------------------------------------------------------------------------


def source(builder: FactsBuilder, filed: date | None, identified: date = date(2025, 3, 1)) -> Any:
    return builder.add(
        "hazard_sources",
        MajorHazardSource(
            **builder.common("mhs"),
            name="液氨储罐区",
            grade=3,
            identified_on=identified,
            filed_on=filed,
        ),
    )


@covers("HJ2014-23.2", "pass", "fail")
def test_every_identified_source_must_be_filed() -> None:
    builder = FactsBuilder()
    filed = source(builder, date(2025, 3, 20))
    unfiled = source(builder, None, identified=date(2025, 4, 2))
    finding = check("HJ2014-23.2", builder.facts(AS_OF))
    assert finding.status is Status.FAIL
    assert finding.evidence == (unfiled.id,)
    assert finding.due == date(2025, 4, 2)
    # Before the second source was identified, only the filed one counts.
    passed = check("HJ2014-23.2", builder.facts(date(2025, 4, 1)))
    assert passed.status is Status.PASS
    assert passed.evidence == (filed.id,)


@covers("HJ2014-23.2", "pass", "fail", "boundary")
def test_a_filing_counts_from_its_day() -> None:
    builder = FactsBuilder()
    source(builder, date(2025, 3, 20))
    assert check("HJ2014-23.2", builder.facts(date(2025, 3, 19))).status is Status.FAIL
    assert check("HJ2014-23.2", builder.facts(date(2025, 3, 20))).status is Status.PASS


@covers("HJ2014-23.2", "not_applicable")
def test_no_major_hazard_source_is_not_applicable() -> None:
    builder = FactsBuilder()
    assert check("HJ2014-23.2", builder.facts(AS_OF)).status is Status.NOT_APPLICABLE
    source(builder, None, identified=AS_OF + timedelta(days=1))
    assert check("HJ2014-23.2", builder.facts(AS_OF)).status is Status.NOT_APPLICABLE


# --- through the API ---------------------------------------------------------------------


def test_a_stored_certificate_passes_standardization(world: World) -> None:
    # Enterprise A is machinery (C3311) of unrecorded size: due from 2017 whatever its size.
    assert _finding(_report(world, as_of="2026-06-01"), "HJ2014-19.1")["status"] == "fail"
    stored = _post(
        world,
        "standardization-certificates",
        {
            "grade": 3,
            "certificate_number": "豫AQBJXIII202400123",
            "issuing_authority": "郑州市应急管理局",
            "issued_on": "2024-09-20",
            "expires_on": "2027-09-19",
        },
    )
    finding = _finding(_report(world, as_of="2026-06-01"), "HJ2014-19.1")
    assert finding["status"] == "pass"
    assert finding["evidence"] == [stored["id"]]
    assert finding["due"] == "2027-09-19"
    assert finding["article"] == "19"
