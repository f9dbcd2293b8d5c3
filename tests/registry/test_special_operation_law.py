"""Special operations and engineer registrations judged by the law dated to the record: the
catalogue and periods of SAWS order 30 and MEM order 19, the review application date, and
the registration period switch of 2019-03-01."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.core import clock
from app.law.engineers import REGISTRATION_VALIDITY_YEARS
from app.law.parameters import Dated, NotInForce, Parameter, Source
from app.law.reads import Reads
from app.law.special_operations import (
    CATALOGUE,
    CATALOGUE_2026,
    ELECTRICAL_2018,
    ORDER_19,
    ORDER_30,
    PARAMETERS,
    REVIEW_APPLICATION_DAYS,
    REVIEW_YEARS,
    VALIDITY_YEARS,
    all_codes,
    catalogue_on,
)
from app.registry.certificates.models import SpecialOperationCertificate
from app.registry.certificates.periods import (
    ReviewRegime,
    applied_on_time,
    latest_expiry,
    review_due,
    review_pending,
    review_regimes,
)
from app.registry.certificates.special import review_due_before
from app.registry.staffing.engineers import longest_registration
from tests.registry.test_certificates import SOC, _post, _rejected, _url, _wang, certificate
from tests.support.world import World

# The law as data ------------------------------------------------------------------------------


def test_every_value_is_dated_with_its_source_and_says_when_it_is_unconfirmed() -> None:
    for parameter in (*PARAMETERS, REGISTRATION_VALIDITY_YEARS):
        assert parameter.unit
        assert parameter.description
        for dated in parameter.values:
            assert dated.source.document, parameter.key
            if dated.provisional:
                assert dated.note, f"{parameter.key} {dated.effective_from}: say why"
        assert parameter.values[0].effective_from <= date(2010, 7, 1)


def test_order_19_takes_over_on_2026_06_01_provisionally() -> None:
    for parameter in PARAMETERS:
        before, after = parameter.at(date(2026, 5, 31)), parameter.at(date(2026, 6, 1))
        assert after.effective_from == date(2026, 6, 1), parameter.key
        assert after.provisional, parameter.key
        assert "not seen" in after.note, parameter.key
        assert before.effective_from < after.effective_from
    for parameter in PARAMETERS[1:]:
        assert parameter.at(date(2026, 5, 31)).source.document == ORDER_30
        assert parameter.at(date(2026, 6, 1)).source.document == ORDER_19
    assert VALIDITY_YEARS.at(date(2026, 5, 31)).source.article == "第十九条"
    assert REVIEW_YEARS.at(date(2015, 1, 1)).source.cite() == f"{ORDER_30} 第二十一条"
    # Carried over, not changed: the same numbers either side of the switch.
    assert [VALIDITY_YEARS.at(date(y, 6, 1)).value for y in (2011, 2026)] == [6, 6]
    assert REVIEW_APPLICATION_DAYS.at(date(2020, 1, 1)).provisional, "60 days is [M]"


def test_the_catalogue_in_force_on_a_date() -> None:
    with pytest.raises(NotInForce):
        catalogue_on(date(2010, 6, 30))
    order_30 = catalogue_on(date(2010, 7, 1))
    assert order_30.name_of("1.2") == "低压电工作业"
    assert "1.4" not in order_30, "the 2018 electrical operations came later"
    assert catalogue_on(date(2017, 12, 31)) is order_30
    electrical = catalogue_on(date(2018, 1, 1))
    assert electrical.name_of("1.4") == "电力电缆作业"
    assert ELECTRICAL_2018 in electrical.title
    assert CATALOGUE.at(date(2018, 1, 1)).provisional
    order_19 = catalogue_on(date(2026, 6, 1))
    assert order_19.title == CATALOGUE_2026
    assert catalogue_on(date(2026, 5, 31)) is electrical
    assert dict(order_19.categories) == dict(electrical.categories), "carried over"
    assert all_codes()[:7] == ("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1")
    assert set(all_codes()) == set(electrical.categories)


# Periods as pure helpers ----------------------------------------------------------------------


def test_review_application_window() -> None:
    due = date(2026, 8, 1)
    assert applied_on_time(due - timedelta(days=60), due)
    assert not applied_on_time(due - timedelta(days=61), due), "too early"
    assert applied_on_time(due, due)
    assert not applied_on_time(due + timedelta(days=1), due), "late"
    assert review_pending(date(2026, 7, 1), None)
    assert review_pending(date(2026, 7, 1), date(2023, 8, 1)), "applied after the last review"
    assert not review_pending(date(2026, 7, 1), date(2026, 7, 20)), "that review answered it"
    assert not review_pending(None, date(2026, 7, 20))


def test_review_due_reads_the_periods_of_the_issue_date_into_a_trace() -> None:
    reads = Reads()
    due = review_due(date(2026, 7, 1), None, date(2032, 6, 30), False, reads.value)
    assert due == date(2029, 7, 1)
    (read,) = reads.all()
    assert read.parameter is REVIEW_YEARS
    assert read.dated.source.document == ORDER_19
    assert read.day == date(2026, 7, 1), "read on the issue date, not today"
    reads = Reads()
    assert applied_on_time(date(2029, 5, 15), due, reads.value)
    assert [r.parameter for r in reads.all()] == [REVIEW_APPLICATION_DAYS]
    assert latest_expiry(date(2020, 2, 29)) == date(2026, 2, 28)
    # A certificate older than order 30 is judged by it (decision 70), never a crash.
    assert review_due(date(2009, 1, 1), None, date(2015, 1, 1), False) == date(2012, 1, 1)


def _years(key: str, *values: tuple[int, date]) -> Parameter[int]:
    return Parameter(
        key,
        "years",
        "test",
        tuple(Dated(v, d, Source("test", "")) for v, d in values),
    )


# A law whose review interval shortens for certificates issued from 2022 and whose extended
# interval shortens from 2023: what the filter must follow if order 19 turns out so.
CHANGING_REVIEW = _years("t.review", (3, date(2010, 7, 1)), (2, date(2022, 1, 1)))
CHANGING_EXTENDED = _years("t.extended", (6, date(2010, 7, 1)), (4, date(2023, 1, 1)))


def test_review_regimes_are_the_runs_of_equal_periods() -> None:
    assert review_regimes() == (ReviewRegime(None, None, 3, 6),), "one run so far"
    assert review_regimes(CHANGING_REVIEW, CHANGING_EXTENDED) == (
        ReviewRegime(None, date(2021, 12, 31), 3, 6),
        ReviewRegime(date(2022, 1, 1), date(2022, 12, 31), 2, 6),
        ReviewRegime(date(2023, 1, 1), None, 2, 4),
    )


def test_review_due_filter_follows_periods_that_change_by_issue_date(
    world: World, engine: Engine
) -> None:
    """The SQL of `review_due_before` against `review_due`, both with a changing law, on the
    lane's database: certificates either side of each change, leap days included."""
    person = _wang(world)
    variants = [
        ("2021-12-31", "2027-12-30", None, False),
        ("2022-01-01", "2027-12-31", None, False),
        ("2021-06-01", "2027-05-31", "2024-02-29", False),
        ("2022-12-31", "2028-12-30", None, True),
        ("2023-01-01", "2028-12-31", None, True),
        ("2024-02-29", "2030-02-28", None, True),
        ("2024-02-29", "2030-02-28", None, False),
    ]
    for number, (issued, expires, review, six) in enumerate(variants):
        body = certificate(
            person,
            certificate_number=f"C{number}",
            issued_on=issued,
            expires_on=expires,
            last_review_on=review,
            six_year_review=six,
        )
        assert _post(world, SOC, body).status_code == 201
    law: dict[str, Any] = {"review": CHANGING_REVIEW, "extended": CHANGING_EXTENDED}
    with Session(engine) as session:
        rows = session.scalars(
            select(SpecialOperationCertificate).where(
                SpecialOperationCertificate.person_id == person
            )
        ).all()
        due = {
            c.id: review_due(c.issued_on, c.last_review_on, c.expires_on, c.six_year_review, **law)
            for c in rows
        }
        # Issued a day apart either side of the change, the later one falls due a year sooner.
        assert sorted(due.values())[:2] == [date(2024, 1, 1), date(2024, 12, 31)]
        assert date(2027, 1, 1) in due.values(), "4 years for an extended one from 2023"
        cutoffs = sorted({d + timedelta(days=k) for d in due.values() for k in (0, 1)})
        for cutoff in cutoffs:
            listed = session.scalars(
                select(SpecialOperationCertificate.id).where(
                    SpecialOperationCertificate.person_id == person,
                    review_due_before(cutoff, **law),
                )
            ).all()
            assert set(listed) == {i for i, d in due.items() if d < cutoff}, cutoff


# The registry judges a certificate by its issue date --------------------------------------------


def test_a_category_must_be_in_the_catalogue_of_the_issue_date(world: World) -> None:
    person = _wang(world)
    cable = {"category": "1.4", "issued_on": "2017-06-01", "expires_on": "2023-05-31"}
    refused = _post(world, SOC, certificate(person, **cable))
    _rejected(refused, "body.category", "not_in_catalogue")
    assert "特种作业目录（原国家安全生产监督管理总局令第30号附件）" in refused.text
    assert "2017-06-01" in refused.text
    created = _post(world, SOC, certificate(person, **{**cable, "issued_on": "2018-03-01"}))
    assert created.status_code == 201, created.text
    assert created.json()["category_name"] == "电力电缆作业"
    moved = world.client.patch(
        created.headers["location"],
        json={"issued_on": "2017-12-31"},
        headers={**world["a_editor"].headers, "If-Match": created.headers["etag"]},
    )
    _rejected(moved, "body.issued_on", "not_in_catalogue")
    old = certificate(person, issued_on="2010-06-30", expires_on="2016-06-29")
    _rejected(_post(world, SOC, old), "body.issued_on", "not_in_catalogue")
    # A code no catalogue ever had is refused by the schema, as before.
    _rejected(_post(world, SOC, certificate(person, category="1.9")), "body.category")


def test_the_longest_validity_is_the_one_in_force_on_the_issue_date(world: World) -> None:
    person = _wang(world)
    too_long = certificate(person, issued_on="2020-07-01", expires_on="2026-07-02")
    refused = _post(world, SOC, too_long)
    _rejected(refused, "body.expires_on", "validity_too_long")
    assert "issued on 2020-07-01 is valid at most 6 years" in refused.text
    assert (
        _post(world, SOC, certificate(person, issued_on="2020-07-01", expires_on="2026-07-01"))
    ).status_code == 201
    # Issued under order 19 (provisionally the same 6 years).
    under_19 = certificate(person, certificate_number="T2", issued_on="2026-06-01")
    _rejected(_post(world, SOC, {**under_19, "expires_on": "2032-06-02"}), "body.expires_on")
    created = _post(world, SOC, {**under_19, "expires_on": "2032-06-01"})
    assert created.status_code == 201, created.text
    assert created.json()["next_review_due"] == "2029-06-01"


# The review application date -------------------------------------------------------------------


def test_review_applied_on_round_trip_and_checks(world: World) -> None:
    headers = world["a_editor"].headers
    person = _wang(world)
    body = certificate(person, last_review_on="2025-04-10", review_applied_on="2025-03-01")
    created = _post(world, SOC, body)
    assert created.status_code == 201, created.text
    assert created.json()["review_applied_on"] == "2025-03-01"
    location, etag = created.headers["location"], created.headers["etag"]
    assert world.client.get(location, headers=headers).json()["review_applied_on"] == "2025-03-01"

    def patch(change: dict[str, Any]) -> Any:
        nonlocal etag
        response = world.client.patch(location, json=change, headers={**headers, "If-Match": etag})
        if response.status_code == 200:
            etag = response.headers["etag"]
        return response

    # An application after the last review is the pending one for the next review.
    pending = patch({"review_applied_on": "2026-11-20"})
    assert pending.status_code == 200, pending.text
    assert pending.json()["review_applied_on"] == "2026-11-20"
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert history[-1]["data"]["review_applied_on"] == "2026-11-20"
    _rejected(patch({"review_applied_on": "2022-04-18"}), "body.review_applied_on", "date_order")
    _rejected(patch({"review_applied_on": "2028-04-18"}), "body.review_applied_on", "date_order")
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    _rejected(patch({"review_applied_on": tomorrow}), "body.review_applied_on", "in_future")
    # A stored application the new dates would leave outside the certificate names them.
    _rejected(
        patch({"issued_on": "2026-11-20", "expires_on": "2032-11-19", "last_review_on": None}),
        "body.issued_on",
        "date_order",
    )
    cleared = patch({"review_applied_on": None})
    assert cleared.status_code == 200
    assert cleared.json()["review_applied_on"] is None
    listed = world.client.get(_url(world, SOC), headers=headers).json()["data"]
    assert listed[0]["review_applied_on"] is None


# Registered engineers ----------------------------------------------------------------------------


def test_registration_period_switches_on_2019_03_01() -> None:
    assert longest_registration(date(2019, 2, 28)) == 3
    assert longest_registration(date(2019, 3, 1)) == 5
    before = REGISTRATION_VALIDITY_YEARS.at(date(2019, 2, 28))
    after = REGISTRATION_VALIDITY_YEARS.at(date(2019, 3, 1))
    assert before.provisional
    assert not after.provisional
    assert "注册安全工程师职业资格制度规定" in after.source.document
    assert longest_registration(date(2001, 5, 1)) == 3, "older ones judged by the first value"


@given(st.dates(min_value=date(2016, 1, 1), max_value=date(2036, 12, 31)))
def test_the_periods_of_a_day_never_crash_and_never_shrink(day: date) -> None:
    assert VALIDITY_YEARS.at(day).value == 6
    assert review_due(day, None, latest_expiry(day), False) <= latest_expiry(day)
