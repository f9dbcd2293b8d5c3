"""Henan art. 16 para 4 (HN2019-16.1): every session held in the look-back has its place,
participants and results on file, in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.packs.henan_2019.training_files import training_files_deadlines
from app.compliance.rules import Status
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, status

RULE = "HN2019-16.1"
D = date(2024, 1, 1)


@covers(RULE, "pass", "fail")
def test_a_session_without_a_place_fails() -> None:
    builder = FactsBuilder()
    person = builder.person()
    builder.training("induction", date(2023, 6, 1), "24", [person], place="三楼会议室")
    assert status(RULE, builder, D) is Status.PASS
    placeless = builder.training("annual", date(2023, 9, 1), "8", [person])
    found = finding(RULE, builder, D)
    assert (found.status, found.evidence, found.due) == (
        Status.FAIL,
        (placeless.id,),
        date(2023, 9, 1),
    )


def test_a_blank_place_or_no_participant_fails() -> None:
    builder = FactsBuilder()
    person = builder.person()
    blank = builder.training("annual", date(2023, 6, 1), "8", [person], place="  ")
    nobody = builder.training("annual", date(2023, 7, 1), "8", [], place="车间")
    assert finding(RULE, builder, D).evidence == (blank.id, nobody.id)


@covers(RULE, "not_applicable", "boundary")
def test_a_session_leaves_the_look_back_after_12_months() -> None:
    builder = FactsBuilder()
    builder.training("annual", date(2023, 1, 1), "8", [builder.person()])
    assert status(RULE, builder, date(2023, 12, 31)) is Status.FAIL
    assert status(RULE, builder, D) is Status.NOT_APPLICABLE
    leaving = [
        d for d in training_files_deadlines(builder.facts(date(2023, 12, 31))) if not d.alert
    ]
    assert [d.due for d in leaving] == [D]


def test_no_session_no_file() -> None:
    assert status(RULE, FactsBuilder(), D) is Status.NOT_APPLICABLE


@covers(RULE, "after_as_of")
def test_a_session_ending_after_the_date_is_ignored() -> None:
    builder = FactsBuilder()
    person = builder.person()
    builder.training("annual", date(2023, 6, 1), "8", [person], place="车间")
    later = ignores_later(
        RULE, builder, D, lambda: builder.training("annual", D + DAY, "8", [person])
    )
    assert later.status is Status.PASS
    assert status(RULE, builder, D + DAY) is Status.FAIL
