"""Standardization, commitment, analyses and filings (HJ2014-19.1, 21.1, 23.1, 23.2): the
aspects the other tests do not show (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Status
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import (
    FactsBuilder,
    MajorHazardSource,
    RiskAnalysis,
    SafetyCommitment,
    StandardizationCertificate,
)
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

# --- HJ2014-19.1 -------------------------------------------------------------------------


@covers("HJ2014-19.1", "after_as_of")
def test_hj2014_19_1_a_certificate_issued_after_d_is_ignored() -> None:
    builder = FactsBuilder()  # machinery above designated size: bound since 2016
    day = date(2024, 9, 19)

    def certify() -> None:
        builder.add(
            "standardization",
            StandardizationCertificate(
                **builder.common("stc"),
                grade=3,
                certificate_number="豫AQBJXIII202400123",
                issuing_authority="郑州市应急管理局",
                issued_on=day + DAY,
                expires_on=date(2027, 9, 19),
            ),
        )

    later = ignores_later("HJ2014-19.1", builder, day, certify)
    assert (later.status, later.evidence, later.due) == (Status.FAIL, (), date(2016, 1, 1))
    assert status("HJ2014-19.1", builder, day + DAY) is Status.PASS


# --- HJ2014-21.1 -------------------------------------------------------------------------


def commitment(
    builder: FactsBuilder, signed: date, published: date, signer: Person | None = None
) -> SafetyCommitment:
    """The year's commitment, signed by `signer`, else by a principal in post since 2015."""
    if signer is None:
        signer = builder.person()
        builder.principal(signer)
    return builder.add(  # type: ignore[no-any-return]
        "commitments",
        SafetyCommitment(
            **builder.common("scm"),
            year=signed.year,
            items='["安全承诺"]',
            signed_by_person_id=signer.id,
            signed_on=signed,
            published_on=published,
        ),
    )


@covers("HJ2014-21.1", "not_applicable", "fail", "boundary")
def test_hj2014_21_1_is_asked_for_from_the_day_after_31_january() -> None:
    builder = FactsBuilder()
    on_due = finding("HJ2014-21.1", builder, date(2024, 1, 31))
    assert (on_due.status, on_due.due) == (Status.NOT_APPLICABLE, date(2024, 1, 31))
    day_after = finding("HJ2014-21.1", builder, date(2024, 2, 1))
    assert (day_after.status, day_after.evidence) == (Status.FAIL, ("2024",))


@covers("HJ2014-21.1", "pass")
def test_hj2014_21_1_a_signed_and_published_commitment_passes() -> None:
    builder = FactsBuilder()
    signed = commitment(builder, date(2024, 1, 20), date(2024, 1, 25))
    judged = finding("HJ2014-21.1", builder, date(2024, 3, 1))
    assert (judged.status, judged.evidence) == (Status.PASS, (signed.id,))


@covers("HJ2014-21.1", "after_as_of")
def test_hj2014_21_1_a_commitment_signed_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    principal = builder.person()
    builder.principal(principal)
    day = date(2024, 3, 1)
    later = ignores_later(
        "HJ2014-21.1",
        builder,
        day,
        lambda: commitment(builder, day + DAY, day + 2 * DAY, signer=principal),
    )
    assert later.status is Status.FAIL
    assert status("HJ2014-21.1", builder, day + 2 * DAY) is Status.PASS


def test_hj2014_21_1_a_commitment_signed_by_someone_other_than_the_principal_is_not_met() -> None:
    """rules.md 21.1: "a safety commitment for that year signed by the principal person and
    published". The rule reads only that someone signed (a defect: reported, not marked)."""
    builder = FactsBuilder()
    builder.principal(builder.person())
    clerk = builder.person()
    commitment(builder, date(2024, 1, 20), date(2024, 1, 25), signer=clerk)
    assert status("HJ2014-21.1", builder, date(2024, 3, 1)) is Status.FAIL


# --- HJ2014-23.1 -------------------------------------------------------------------------


def analysis(builder: FactsBuilder, month: str, conducted: date) -> None:
    builder.add(
        "analyses",
        RiskAnalysis(
            **builder.common("rka"),
            month=month,
            conducted_on=conducted,
            risks_identified=1,
            summary="月度分析",
        ),
    )


@covers("HJ2014-23.1", "not_applicable", "fail", "boundary")
def test_hj2014_23_1_the_first_month_is_due_at_the_end_of_the_next() -> None:
    builder = FactsBuilder()
    founded = {"founded_on": date(2020, 1, 1)}
    # Due on 2020-02-29, which can still be met that day: late from 2020-03-01.
    assert status("HJ2014-23.1", builder, date(2020, 2, 29), **founded) is Status.NOT_APPLICABLE
    first_due = finding("HJ2014-23.1", builder, date(2020, 3, 1), **founded)
    assert (first_due.status, first_due.evidence) == (Status.FAIL, ("2020-01",))


@covers("HJ2014-23.1", "pass", "fail", "boundary")
def test_hj2014_23_1_a_months_analysis_is_missing_from_the_end_of_the_next_month() -> None:
    builder = FactsBuilder()
    for month in ("2024-02", "2024-03", "2024-04"):
        analysis(builder, month, date.fromisoformat(f"{month}-28"))
    assert status("HJ2014-23.1", builder, date(2024, 6, 30)) is Status.PASS  # due that day
    missing = finding("HJ2014-23.1", builder, date(2024, 7, 1))
    assert (missing.status, missing.evidence) == (Status.FAIL, ("2024-05",))


@covers("HJ2014-23.1", "after_as_of")
def test_hj2014_23_1_an_analysis_conducted_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    for month in ("2024-03", "2024-04"):
        analysis(builder, month, date.fromisoformat(f"{month}-28"))
    day = date(2024, 7, 1)
    later = ignores_later(
        "HJ2014-23.1", builder, day, lambda: analysis(builder, "2024-05", day + DAY)
    )
    assert (later.status, later.evidence) == (Status.FAIL, ("2024-05",))
    assert status("HJ2014-23.1", builder, day + DAY) is Status.PASS


def test_hj2014_23_1_a_month_begun_before_the_founding_is_not_asked_for() -> None:
    """rules.md, "Due periods": a periodic duty (monthly analysis …) is checked only for
    periods which start after the enterprise's founding (or registration). March 2024
    began before a founding on 15 March, and no later month is due on 30 April (a defect:
    reported, not marked)."""
    builder = FactsBuilder()
    judged = finding("HJ2014-23.1", builder, date(2024, 4, 30), founded_on=date(2024, 3, 15))
    assert (judged.status, judged.evidence) == (Status.NOT_APPLICABLE, ())


# --- HJ2014-23.2 -------------------------------------------------------------------------


@covers("HJ2014-23.2", "after_as_of")
def test_hj2014_23_2_a_filing_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    source = builder.add(
        "hazard_sources",
        MajorHazardSource(
            **builder.common("mhs"),
            name="液氨储罐区",
            grade=3,
            identified_on=date(2025, 3, 1),
            filed_on=None,
        ),
    )
    day = date(2025, 3, 19)

    def file() -> None:
        source.filed_on, source.filing_number = day + DAY, "BA-2025-001"

    later = ignores_later("HJ2014-23.2", builder, day, file)
    assert (later.status, later.evidence) == (Status.FAIL, (source.id,))
    assert status("HJ2014-23.2", builder, day + DAY) is Status.PASS
