"""安全生产许可证条例 arts. 2 and 9 in pack `prc-2021` (PRC2021-SL2.1), shown in the five ways
(coverage.py): a licence of the unit's scope in force, and its extension applied for 3 months
before it expires."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import judge
from app.compliance.rules import Severity, Status
from app.compliance.stack import alone
from app.registry.licences.models import SafetyLicence
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, pack_of, status

RULE = "PRC2021-SL2.1"
D = date(2025, 6, 1)
BEFORE = date(2021, 8, 31)
ISSUED, VALID_TO = date(2024, 3, 18), date(2027, 3, 17)
RENEWAL_DUE = date(2026, 12, 17)  # 3 months before the last valid day
CHEMICALS = {"high_risk_category": "hazardous_chemicals", "industry_code": "C2614"}
MANUFACTURER = {"high_risk_category": None, "industry_code": "C3311"}


def licence(
    builder: FactsBuilder,
    scope: str = "hazardous_chemicals",
    issued: date = ISSUED,
    valid_to: date = VALID_TO,
    applied: date | None = None,
    revoked: date | None = None,
) -> SafetyLicence:
    return builder.add(  # type: ignore[no-any-return]
        "safety_licences",
        SafetyLicence(
            **builder.common("spl"),
            licence_number="（豫）WH安许证字〔2024〕000123",
            scope=scope,
            issuing_authority="河南省应急管理厅",
            issued_on=issued,
            valid_to=valid_to,
            renewal_applied_on=applied,
            revoked_on=revoked,
        ),
    )


def deadlines(builder: FactsBuilder, day: date, **profile: object) -> list[tuple]:
    evaluation = judge(alone(pack_of(RULE)), builder.facts(day, **profile))
    return [(d.kind, d.due, d.record_id) for r, d in evaluation.deadlines if r.id == RULE]


@covers(RULE, "pass", "fail", "boundary")
def test_a_licence_in_force_passes_until_its_last_valid_day() -> None:
    builder = FactsBuilder()
    record = licence(builder, applied=date(2026, 11, 1))
    passed = finding(RULE, builder, VALID_TO, **CHEMICALS)
    assert (passed.status, passed.evidence, passed.due) == (Status.PASS, (record.id,), VALID_TO)
    assert not passed.provisional  # art. 2 and the confirmed code tables
    failed = finding(RULE, builder, VALID_TO + DAY, **CHEMICALS)
    assert (failed.status, failed.evidence, failed.branch) == (
        Status.FAIL,
        (record.id,),
        "no_licence",
    )
    assert status(RULE, builder, ISSUED - DAY, **CHEMICALS) is Status.FAIL


@covers(RULE, "fail")
def test_no_licence_or_one_of_another_scope_fails_as_critical() -> None:
    builder = FactsBuilder()
    found = finding(RULE, builder, D, **CHEMICALS)
    assert (found.status, found.evidence, found.severity) == (Status.FAIL, (), Severity.CRITICAL)
    licence(builder, scope="construction")
    assert status(RULE, builder, D, **CHEMICALS) is Status.FAIL


@covers(RULE, "fail", "boundary")
def test_a_licence_revoked_stops_on_its_revocation_day() -> None:
    builder = FactsBuilder()
    licence(builder, revoked=D)
    assert status(RULE, builder, D - DAY, **CHEMICALS) is Status.PASS
    assert status(RULE, builder, D, **CHEMICALS) is Status.FAIL


@covers(RULE, "fail", "boundary")
def test_the_extension_is_applied_for_three_months_before_expiry() -> None:
    builder = FactsBuilder()
    record = licence(builder)
    on_time = finding(RULE, builder, RENEWAL_DUE, **CHEMICALS)
    assert (on_time.status, on_time.due) == (Status.PASS, RENEWAL_DUE)
    late = finding(RULE, builder, RENEWAL_DUE + DAY, **CHEMICALS)
    assert (late.status, late.branch, late.severity, late.due, late.evidence) == (
        Status.FAIL,
        "renewal_overdue",
        Severity.MAJOR,
        RENEWAL_DUE,
        (record.id,),
    )
    assert deadlines(builder, D, **CHEMICALS) == [
        ("licence_renewal_due", RENEWAL_DUE, record.id),
        ("licence_expiry", VALID_TO, record.id),
    ]
    record.renewal_applied_on = RENEWAL_DUE + DAY  # late, but made: the licence runs on
    assert status(RULE, builder, date(2027, 1, 1), **CHEMICALS) is Status.PASS
    assert deadlines(builder, date(2027, 1, 1), **CHEMICALS) == [
        ("licence_expiry", VALID_TO, record.id)
    ]


@covers(RULE, "fail", "boundary")
def test_an_extended_licence_keeps_the_previous_terms_application_which_does_not_count() -> None:
    builder = FactsBuilder()
    # Extended in place: issued 2021-03-18, valid to 2024-03-17, applied 2023-11-20, then
    # valid_to moved 3 years on.
    licence(builder, issued=date(2021, 3, 18), applied=date(2023, 11, 20))
    assert status(RULE, builder, RENEWAL_DUE + DAY, **CHEMICALS) is Status.FAIL
    builder.records["safety_licences"][0].renewal_applied_on = date(2024, 3, 18)  # this term
    assert status(RULE, builder, RENEWAL_DUE + DAY, **CHEMICALS) is Status.PASS


@covers(RULE, "not_applicable")
def test_only_the_sectors_art_2_names_need_a_licence() -> None:
    builder = FactsBuilder()
    assert status(RULE, builder, D, **MANUFACTURER) is Status.NOT_APPLICABLE
    assert status(RULE, builder, BEFORE, **CHEMICALS) is Status.NOT_APPLICABLE
    # Traders and fuel stations of hazardous chemicals hold other permits (section F).
    for code in ("F5162", "F5265"):
        profile = {"high_risk_category": "hazardous_chemicals", "industry_code": code}
        assert status(RULE, builder, D, **profile) is Status.NOT_APPLICABLE, code
    assert status(RULE, builder, D, high_risk_category="metal_smelting") is Status.NOT_APPLICABLE


def test_sectors_by_declared_category_or_industry_code() -> None:
    builder = FactsBuilder()
    cases = {
        ("coal_mining", None): "mining",
        (None, "B0810"): "mining",
        (None, "E4710"): "construction",
        (None, "C2672"): "fireworks",
        (None, "C2671"): "civil_explosives",
        (None, "C2614"): "hazardous_chemicals",
        ("fireworks", "C2672"): "fireworks",
    }
    for (category, code), scope in cases.items():
        profile = {"high_risk_category": category, "industry_code": code}
        assert status(RULE, builder, D, **profile) is Status.FAIL, profile
        licence(builder, scope=scope)
        assert status(RULE, builder, D, **profile) is Status.PASS, profile
        builder.records["safety_licences"].clear()
    # A unit placed only by a provisional code says so.
    licence(builder, scope="mining")
    assert finding(RULE, builder, D, high_risk_category=None, industry_code="B0810").provisional


@covers(RULE, "after_as_of")
def test_an_application_or_revocation_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    record = licence(builder)
    day = RENEWAL_DUE + DAY
    later = ignores_later(
        RULE, builder, day, lambda: setattr(record, "renewal_applied_on", day + DAY), **CHEMICALS
    )
    assert later.status is Status.FAIL
    later = ignores_later(
        RULE, builder, D, lambda: setattr(record, "revoked_on", D + DAY), **CHEMICALS
    )
    assert later.status is Status.PASS
    assert status(RULE, builder, D + DAY, **CHEMICALS) is Status.FAIL
