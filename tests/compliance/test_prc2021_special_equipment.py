"""特种设备安全法 arts. 14, 33 and 40 in pack `prc-2021` (PRC2021-SE14.1 operators,
PRC2021-SE33.1 registration for use, PRC2021-SE40.1 periodic inspection), each shown in the
five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import judge
from app.compliance.rules import Severity, Status
from app.compliance.stack import alone
from app.registry.equipment.models import EquipmentOperatorCertificate, SpecialEquipment
from app.registry.people.models import Person
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, pack_of, status

D = date(2025, 6, 1)
BEFORE = date(2021, 8, 31)
IN_USE = date(2025, 3, 1)
REGISTRATION_DUE = date(2025, 3, 31)  # 30 days after use began
INSPECTION_DUE = date(2025, 9, 30)
REQUEST_DUE = date(2025, 8, 30)  # a month before


def item(
    builder: FactsBuilder,
    category: str = "lifting_machinery",
    in_use: date = IN_USE,
    registered: date | None = date(2025, 3, 20),
    last_inspected: date | None = None,
    due: date | None = INSPECTION_DUE,
    requested: date | None = None,
    retired: date | None = None,
) -> SpecialEquipment:
    return builder.add(  # type: ignore[no-any-return]
        "special_equipment",
        SpecialEquipment(
            **builder.common("seq"),
            category=category,
            name="桥式起重机",
            model=None,
            serial_number="2025-QZ-0001",
            registration_number="起17豫A01234(25)" if registered else None,
            put_into_use_on=in_use,
            registered_on=registered,
            last_inspected_on=last_inspected,
            next_inspection_due=due,
            inspection_requested_on=requested,
            retired_on=retired,
        ),
    )


def certificate(
    builder: FactsBuilder,
    person: Person,
    category: str = "lifting_machinery",
    issued: date = date(2022, 7, 1),
    valid_to: date = date(2026, 6, 30),
) -> EquipmentOperatorCertificate:
    return builder.add(  # type: ignore[no-any-return]
        "equipment_operator_certificates",
        EquipmentOperatorCertificate(
            **builder.common("eoc"),
            person_id=person.id,
            category=category,
            certificate_number="TS-Q2-4101082022",
            issued_on=issued,
            valid_to=valid_to,
        ),
    )


def deadlines(rule_id: str, builder: FactsBuilder, day: date) -> list[tuple]:
    evaluation = judge(alone(pack_of(rule_id)), builder.facts(day))
    return [(d.kind, d.due, d.record_id) for r, d in evaluation.deadlines if r.id == rule_id]


# --- PRC2021-SE33.1 ---------------------------------------------------------------------------
REG = "PRC2021-SE33.1"


@covers(REG, "pass", "fail", "boundary")
def test_se33_an_item_is_registered_within_30_days_of_use() -> None:
    builder = FactsBuilder()
    record = item(builder, registered=None)
    waiting = finding(REG, builder, REGISTRATION_DUE)
    assert (waiting.status, waiting.due, waiting.evidence) == (
        Status.PASS,
        REGISTRATION_DUE,
        (record.id,),
    )
    late = finding(REG, builder, REGISTRATION_DUE + DAY)
    assert (late.status, late.due, late.evidence) == (Status.FAIL, REGISTRATION_DUE, (record.id,))
    assert deadlines(REG, builder, D) == [
        ("equipment_registration_due", REGISTRATION_DUE, record.id)
    ]
    record.registered_on, record.registration_number = date(2025, 4, 15), "起17豫A01234(25)"
    passed = finding(REG, builder, D)  # late, but registered now
    assert (passed.status, passed.due) == (Status.PASS, None)
    assert deadlines(REG, builder, D) == []


@covers(REG, "pass")
def test_se33_a_registration_before_use_counts() -> None:
    builder = FactsBuilder()
    item(builder, registered=IN_USE - 10 * DAY)
    assert status(REG, builder, D) is Status.PASS


@covers(REG, "not_applicable", "boundary")
def test_se33_applies_to_items_in_use_only() -> None:
    builder = FactsBuilder()
    assert status(REG, builder, D) is Status.NOT_APPLICABLE
    item(builder, registered=None, in_use=date(2024, 1, 1), retired=D)
    assert status(REG, builder, D - DAY) is Status.FAIL
    assert status(REG, builder, D) is Status.NOT_APPLICABLE  # retired that day
    assert status(REG, builder, BEFORE) is Status.NOT_APPLICABLE


@covers(REG, "after_as_of")
def test_se33_a_registration_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    record = item(builder, registered=None)

    def register() -> None:
        record.registered_on, record.registration_number = D + DAY, "起17豫A01234(25)"

    assert ignores_later(REG, builder, D, register).status is Status.FAIL
    assert status(REG, builder, D + DAY) is Status.PASS


# --- PRC2021-SE40.1 ---------------------------------------------------------------------------
INSP = "PRC2021-SE40.1"


@covers(INSP, "pass", "fail", "boundary")
def test_se40_the_inspection_is_requested_a_month_before_it_falls_due() -> None:
    builder = FactsBuilder()
    record = item(builder)
    on_time = finding(INSP, builder, REQUEST_DUE)
    assert (on_time.status, on_time.due) == (Status.PASS, REQUEST_DUE)
    late = finding(INSP, builder, REQUEST_DUE + DAY)
    assert (late.status, late.branch, late.severity, late.due, late.evidence) == (
        Status.FAIL,
        "request_overdue",
        Severity.MAJOR,
        REQUEST_DUE,
        (record.id,),
    )
    assert deadlines(INSP, builder, D) == [
        ("inspection_request_due", REQUEST_DUE, record.id),
        ("inspection_due", INSPECTION_DUE, record.id),
    ]
    record.inspection_requested_on = REQUEST_DUE
    passed = finding(INSP, builder, REQUEST_DUE + DAY)
    assert (passed.status, passed.due) == (Status.PASS, INSPECTION_DUE)
    assert deadlines(INSP, builder, REQUEST_DUE) == [("inspection_due", INSPECTION_DUE, record.id)]


@covers(INSP, "fail", "boundary")
def test_se40_no_item_is_used_past_its_inspection_date() -> None:
    builder = FactsBuilder()
    record = item(builder, requested=date(2025, 8, 1))
    assert status(INSP, builder, INSPECTION_DUE) is Status.PASS
    overdue = finding(INSP, builder, INSPECTION_DUE + DAY)
    assert (overdue.status, overdue.branch, overdue.severity, overdue.evidence) == (
        Status.FAIL,
        "inspection_overdue",
        Severity.CRITICAL,
        (record.id,),
    )
    # Inspected: the next due date moves on, and the old request answered no longer counts.
    record.last_inspected_on, record.next_inspection_due = INSPECTION_DUE, date(2027, 9, 29)
    assert status(INSP, builder, date(2025, 12, 1)) is Status.PASS
    assert status(INSP, builder, date(2027, 8, 30)) is Status.FAIL  # not requested again


def test_se40_an_item_without_a_due_date_is_unknown() -> None:
    builder = FactsBuilder()
    record = item(builder, due=None)
    found = finding(INSP, builder, D)
    assert (found.status, found.evidence) == (Status.UNKNOWN, (record.id,))


@covers(INSP, "not_applicable")
def test_se40_applies_to_items_in_use_only() -> None:
    builder = FactsBuilder()
    item(builder, in_use=date(2020, 1, 1), due=date(2021, 1, 1), retired=date(2021, 1, 1))
    assert status(INSP, builder, D) is Status.NOT_APPLICABLE
    assert status(INSP, builder, BEFORE) is Status.NOT_APPLICABLE


@covers(INSP, "after_as_of")
def test_se40_an_inspection_after_d_takes_its_due_date_with_it() -> None:
    builder = FactsBuilder()
    record = item(builder, due=date(2025, 5, 1))
    day = date(2025, 5, 10)

    def inspect_later() -> None:
        record.last_inspected_on, record.next_inspection_due = day + DAY, date(2027, 5, 10)

    # Before the inspection was recorded the item was overdue on D; recorded later, the due
    # date known on D is not stored and the finding asks for it rather than passing.
    assert finding(INSP, builder, day).status is Status.FAIL
    record.inspection_requested_on = day + DAY
    assert status(INSP, builder, day) is Status.FAIL
    inspect_later()
    assert status(INSP, builder, day) is Status.UNKNOWN
    assert status(INSP, builder, day + DAY) is Status.PASS


@covers(INSP, "after_as_of")
def test_se40_a_request_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    record = item(builder)
    day = REQUEST_DUE + DAY
    later = ignores_later(
        INSP, builder, day, lambda: setattr(record, "inspection_requested_on", day + DAY)
    )
    assert later.status is Status.FAIL


# --- PRC2021-SE14.1 ---------------------------------------------------------------------------
OPS = "PRC2021-SE14.1"


@covers(OPS, "pass", "fail", "boundary")
def test_se14_each_category_in_use_has_a_certified_operator_in_service() -> None:
    builder = FactsBuilder()
    crane = item(builder)
    forklift = item(builder, category="in_plant_vehicle")
    driver = builder.person()
    held = certificate(builder, driver)
    lacking = finding(OPS, builder, D)
    assert (lacking.status, lacking.evidence) == (Status.FAIL, (forklift.id,))
    assert "in_plant_vehicle" in lacking.message.en
    other = certificate(builder, builder.person(), "in_plant_vehicle", valid_to=date(2028, 1, 1))
    passed = finding(OPS, builder, date(2026, 6, 30))
    assert (passed.status, passed.evidence, passed.due) == (
        Status.PASS,
        (held.id, other.id),
        date(2026, 6, 30),
    )
    assert passed.provisional  # the categories are the catalogue's as remembered
    expired = finding(OPS, builder, date(2026, 7, 1))
    assert (expired.status, expired.evidence) == (Status.FAIL, (crane.id,))
    assert deadlines(OPS, builder, D) == [
        ("operator_certificate_expiry", date(2026, 6, 30), held.id),
        ("operator_certificate_expiry", date(2028, 1, 1), other.id),
    ]


@covers(OPS, "fail", "boundary")
def test_se14_a_holder_who_left_does_not_count() -> None:
    builder = FactsBuilder()
    item(builder)
    certificate(builder, builder.person(left=D))
    assert status(OPS, builder, D) is Status.PASS
    assert status(OPS, builder, D + DAY) is Status.FAIL


@covers(OPS, "not_applicable")
def test_se14_applies_to_the_categories_that_have_operators() -> None:
    builder = FactsBuilder()
    assert status(OPS, builder, D) is Status.NOT_APPLICABLE
    for category in ("pressure_vessel", "pressure_piping", "elevator"):
        item(builder, category=category)
    assert status(OPS, builder, D) is Status.NOT_APPLICABLE
    item(builder, category="boiler")
    assert status(OPS, builder, D) is Status.FAIL
    assert status(OPS, builder, BEFORE) is Status.NOT_APPLICABLE


@covers(OPS, "after_as_of")
def test_se14_a_certificate_issued_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    item(builder)
    person = builder.person()
    later = ignores_later(OPS, builder, D, lambda: certificate(builder, person, issued=D + DAY))
    assert later.status is Status.FAIL
    assert status(OPS, builder, D + DAY) is Status.PASS
