"""Occupational health (职业病防治法 arts. 16, 20 and 35; the district's art. 22): who is
exposed to what, and the checks every pack's health rules share — declarations, the
supervisor, pre-job, periodic (GBZ 188) and exit exams, contraindications. A pack's rules name
these checks with their own citations; the look-back and the exit-exam substitute are each
pack's parameters."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from app.compliance.facts import Facts, derived, in_period
from app.compliance.packs.gbz188 import EDITION, Applied, edition_named
from app.compliance.packs.look_back import leaves_look_back, look_back_start
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Text
from app.core.calendar import add_months
from app.law.parameters import Parameter
from app.registry.catalog import ExamConclusion, ExamKind, OfficerDuty
from app.registry.health.factors import decode
from app.registry.health.models import HealthExam
from app.registry.people.models import Person, PersonExposure

# Exams from which the periodic interval runs: the pre-job exam starts the clock.
INTERVAL_BASE_KINDS = (ExamKind.PERIODIC, ExamKind.PRE_JOB)
# Later conclusions that lift a contraindication for the factors the exam covered.
CLEARING_CONCLUSIONS = (ExamConclusion.NORMAL, ExamConclusion.OTHER_DISEASE)

APPLIES = Text(
    "职业病危害行业及有接触职业病危害因素在岗人员的企业",
    "Occupational-hazard trades and enterprises with exposed people in service",
)


@derived
def current_exposures(facts: Facts) -> dict[tuple[str, str], PersonExposure]:
    """(person, factor) → the exposure in effect on the date, for people in service (the
    latest started where two records overlap)."""
    current: dict[tuple[str, str], PersonExposure] = {}
    for person in sorted(facts.people_in_service(), key=lambda p: p.id):
        for exposure in facts.exposures_of(person.id):
            if in_period(exposure.started_on, exposure.ended_on, facts.as_of):
                key = (person.id, exposure.factor)
                if key not in current or current[key].started_on < exposure.started_on:
                    current[key] = exposure
    return current


@derived
def exams_by_person(facts: Facts) -> dict[str, list[HealthExam]]:
    """Exams taken by the date, grouped once so a rule's cost stays linear in the records."""
    grouped: dict[str, list[HealthExam]] = defaultdict(list)
    for exam in facts.exams:
        if exam.examined_on <= facts.as_of:
            grouped[exam.person_id].append(exam)
    return grouped


def covers(exam: HealthExam, factor: str) -> bool:
    return factor in _factor_set(exam.factors)


@functools.lru_cache(maxsize=4096)  # bounded: the strings come from enterprises' records
def _factor_set(stored: str) -> frozenset[str]:
    # The stored form is space-separated values, and a handful of combinations recur in
    # thousands of exams: split each once, without parsing every value into its enum.
    return frozenset(stored.split())


def out_of_scope(facts: Facts) -> Finding | None:
    """The rules apply to hazard trades and to anyone with exposed people in service."""
    if facts.enterprise.occupational_hazard_trade or current_exposures(facts):
        return None
    return _na(
        "非职业病危害行业，且无接触职业病危害因素的在岗人员。",
        "Not an occupational-hazard trade, and nobody in service is exposed to a hazard factor.",
    )


def no_exposures() -> Finding:
    return _unknown(
        "职业病危害行业未登记任何在岗人员的危害因素接触情况；请登记接触人员及其因素。",
        "An occupational-hazard trade with no exposure recorded for anyone in service; "
        "record who is exposed to which factor.",
    )


def declared(facts: Facts) -> Finding:
    """The declarations on file name every factor anyone is exposed to (22.1; OD16)."""
    if (out := out_of_scope(facts)) is not None:
        return out
    filed = [d for d in facts.declarations if d.declared_on <= facts.as_of]
    named = {factor for d in filed for factor in decode(d.factors)}
    missing = tuple(sorted({f for _, f in current_exposures(facts)} - named))
    if not filed:
        return _fail(
            "未申报职业病危害项目。", "No occupational hazard declaration is on file.", missing
        )
    if missing:
        return _fail(
            f"职业病危害项目申报未涵盖：{'、'.join(missing)}。",
            f"The hazard declarations do not cover: {', '.join(missing)}.",
            missing,
        )
    return _pass(
        "职业病危害项目申报涵盖全部接触因素。",
        "The hazard declarations cover every factor people are exposed to.",
        tuple(d.id for d in filed),
    )


# A finding several layers reach on the same facts (22.2 and OD35.1 …) is computed once.
@derived
def pre_job_exams(facts: Facts) -> Finding:
    """A pre-job exam on or before the first day of exposure to each factor (22.2; OD35.1)."""
    if (out := out_of_scope(facts)) is not None:
        return out
    current = current_exposures(facts)
    if not current:
        return no_exposures()
    exams = exams_by_person(facts)
    pre_job = ExamKind.PRE_JOB.value
    lacking: list[str] = []
    for person_id, factor in current:
        first = min(e.started_on for e in facts.exposures_of(person_id) if e.factor == factor)
        for x in exams.get(person_id, ()):
            if x.kind == pre_job and x.examined_on <= first and covers(x, factor):
                break
        else:
            lacking.append(f"{person_id}:{factor}")
    if lacking:
        return _fail(
            f"{len(lacking)}人次接触职业病危害因素前未进行上岗前职业健康检查。",
            f"{len(lacking)} exposure(s) began without a pre-job health exam.",
            tuple(lacking),
        )
    return _pass(
        "接触人员均在上岗前进行了职业健康检查。",
        "Everyone exposed had a pre-job exam before the exposure began.",
    )


def supervisor(facts: Facts) -> Finding:
    """An occupational-health supervisor, full or part time, in service (22.6; OD20)."""
    if (out := out_of_scope(facts)) is not None:
        return out
    appointed = [
        a
        for a in facts.officers
        if a.duty == OfficerDuty.OCCUPATIONAL_HEALTH_SUPERVISOR
        and in_period(a.appointed_on, a.ended_on, facts.as_of)
        and facts.in_service(a.person_id)
    ]
    if appointed:
        return _pass(
            "已配备职业卫生管理人员。",
            "An occupational-health supervisor is in service.",
            tuple(a.id for a in appointed),
        )
    return _fail(
        "未配备在岗的专职或兼职职业卫生管理人员。",
        "No full- or part-time occupational-health supervisor is in service.",
    )


class PeriodicDue(NamedTuple):
    """When one person's next periodic exam for one factor falls due."""

    person_id: str
    factor: str
    last_exam: HealthExam | None  # None: the clock runs from the start of the exposure
    applied: Applied
    started_on: date  # of the exposure in effect
    due: date  # base + the interval applied
    # The due date if the unread level were in the lowest band (= due when read).
    due_at_lowest_band: date

    @property
    def base(self) -> date:
        return self.last_exam.examined_on if self.last_exam else self.started_on

    @property
    def evidence(self) -> str:
        return f"{self.person_id}:{self.factor}"


@derived  # two layers judge periodic exams by the same schedule: computed once
def periodic_schedule(facts: Facts) -> list[PeriodicDue]:
    """Each current exposure's next periodic exam: last exam (or exposure start) + interval
    of the GBZ 188 edition in force on the date. Alerts read the same schedule."""
    by_person = exams_by_person(facts)
    edition = edition_named(facts.value(EDITION))
    schedule: list[PeriodicDue] = []
    for (person_id, factor), exposure in current_exposures(facts).items():
        # The latest exam of a base kind covering the factor (the first of a tie).
        last: HealthExam | None = None
        for x in by_person.get(person_id, ()):
            if (
                x.kind in _BASE_KINDS
                and covers(x, factor)
                and (last is None or x.examined_on > last.examined_on)
            ):
                last = x
        applied = edition.interval_for(factor, exposure.level)
        base = last.examined_on if last else exposure.started_on
        due = _add_months(base, applied.interval.months)
        lowest = _add_months(base, applied.longest.months)
        schedule.append(
            PeriodicDue(person_id, factor, last, applied, exposure.started_on, due, lowest)
        )
    return schedule


_BASE_KINDS = frozenset(INTERVAL_BASE_KINDS)
# Pure, and asked for ~1,000 exposures whose exam dates mostly recur.
_add_months = functools.lru_cache(maxsize=4096)(add_months)


def provisional_note(applied: list[Applied]) -> Text:
    """What a finding or alert adds when it used an interval not yet confirmed."""
    return _note_for(tuple(sorted({a.edition for a in applied if a.provisional})))


@functools.lru_cache(maxsize=64)  # asked once per exposure; the editions are a handful
def _note_for(editions: tuple[str, ...]) -> Text:
    if not editions:
        return Text("", "")
    name = "、".join(editions)
    return Text(
        f"（{name}的检查周期尚未确认，暂按上一版执行，结果为暂定。）",
        f" (The {name} intervals are not confirmed yet; the previous edition's values were "
        "used provisionally.)",
    )


@derived
def periodic_exams(facts: Facts) -> Finding:
    """A periodic exam within each factor's interval, by exposure level (22.3; OD35.2)."""
    if (out := out_of_scope(facts)) is not None:
        return out
    schedule = periodic_schedule(facts)
    if not schedule:
        return no_exposures()
    note = provisional_note([d.applied for d in schedule])
    late = [d for d in schedule if facts.as_of > d.due_at_lowest_band]
    undecided = [d for d in schedule if d.due < facts.as_of <= d.due_at_lowest_band]
    if late:
        return _fail(
            f"{len(late)}人次超过职业健康检查周期未进行在岗期间检查。{note.zh}",
            f"{len(late)} exposure(s) are past their periodic exam interval.{note.en}",
            tuple(d.evidence for d in late),
            min(d.due for d in late),
        )
    if undecided:
        return _unknown(
            f"{len(undecided)}人次未登记可识别的接触水平（噪声dB(A)、粉尘分级），无法确定检查周期；"
            f"请登记接触水平。{note.zh}",
            f"{len(undecided)} exposure(s) have no readable level (noise dB(A), dust grade) "
            f"to set the interval; record the level.{note.en}",
            tuple(d.evidence for d in undecided),
        )
    return _pass(
        f"接触人员均在检查周期内进行了在岗期间职业健康检查。{note.zh}",
        f"Every exposed person had a periodic exam within the interval.{note.en}",
        due=min(d.due for d in schedule),
    )


def _exposed_factors_at_leaving(facts: Facts, person: Person, left: date) -> list[str]:
    return sorted({e.factor for e in facts.exposures_of(person.id) if e.started_on <= left})


def exit_exams(look_back: Parameter[int], substitute: Parameter[int]) -> Callable[[Facts], Finding]:
    """Exposed leavers of the look-back (`look_back` months) had an exit exam, or a periodic
    one at most `substitute` days before leaving (the district's 22.4, law art. 35)."""
    return functools.partial(_exit_exams, look_back, substitute)


def _exit_exams(look_back: Parameter[int], substitute: Parameter[int], facts: Facts) -> Finding:
    year_ago = look_back_start(facts, look_back)
    leavers = [
        (p, p.leave_date)
        for p in sorted(facts.people.values(), key=lambda p: p.id)
        if p.leave_date is not None
        and year_ago < p.leave_date <= facts.as_of
        and _exposed_factors_at_leaving(facts, p, p.leave_date)
    ]
    if not leavers:
        return _na(
            "近12个月无接触职业病危害因素的离岗人员。",
            "Nobody exposed to a hazard factor left in the last 12 months.",
        )
    exams = exams_by_person(facts)
    substitute_days = facts.value(substitute)
    lacking: list[str] = []
    for person, left in leavers:
        recent = left - timedelta(days=substitute_days)
        for factor in _exposed_factors_at_leaving(facts, person, left):
            if not any(
                covers(x, factor)
                and (
                    (x.kind == ExamKind.EXIT and person.hire_date <= x.examined_on <= left)
                    or (x.kind == ExamKind.PERIODIC and recent <= x.examined_on <= left)
                )
                for x in exams.get(person.id, [])
            ):
                lacking.append(f"{person.id}:{factor}")
    if lacking:
        return _fail(
            f"{len(lacking)}人次离岗前未进行离岗时职业健康检查。",
            f"{len(lacking)} leaver exposure(s) lack an exit exam "
            f"(or a periodic exam within {substitute_days} days before leaving).",
            tuple(lacking),
        )
    return _pass(
        "离岗人员均进行了离岗时职业健康检查。",
        "Every exposed leaver had an exit exam.",
        tuple(p.id for p, _ in leavers),
    )


def _exposed_after(exposure: PersonExposure, after: date, until: date) -> bool:
    """The exposure covers some day strictly after `after` and on or before `until`."""
    end = until if exposure.ended_on is None else min(exposure.ended_on, until)
    return max(exposure.started_on, after + timedelta(days=1)) <= end


def contraindications(facts: Facts) -> Finding:
    """Nobody stays exposed to a factor after an exam found a contraindication to it,
    until a later exam covering the factor lifts it."""
    if (out := out_of_scope(facts)) is not None:
        return out
    found = [
        x
        for x in facts.exams
        if x.conclusion == ExamConclusion.CONTRAINDICATION
        and x.examined_on <= facts.as_of
        and facts.in_service(x.person_id)
    ]
    by_person = exams_by_person(facts)
    exposed: set[str] = set()
    for exam in found:
        later = by_person[exam.person_id]
        for factor in decode(exam.factors):
            lifted = [
                x.examined_on
                for x in later
                if x.examined_on > exam.examined_on
                and x.conclusion in CLEARING_CONCLUSIONS
                and covers(x, factor)
            ]
            until = min(lifted) - timedelta(days=1) if lifted else facts.as_of
            if any(
                e.factor == factor and _exposed_after(e, exam.examined_on, until)
                for e in facts.exposures_of(exam.person_id)
            ):
                exposed.add(f"{exam.person_id}:{factor}")
    if exposed:
        return _fail(
            f"{len(exposed)}人次有职业禁忌证仍从事所禁忌的接触作业。",
            f"{len(exposed)} person(s) with a contraindication stayed exposed to that factor.",
            tuple(sorted(exposed)),
        )
    return _pass(
        "无职业禁忌证人员从事所禁忌的作业。",
        "Nobody with a contraindication is exposed to that factor.",
        tuple(x.id for x in found),
    )


@derived
def exam_deadlines(facts: Facts) -> list[Deadline]:
    """Each current exposure's next periodic exam (overdue ones included)."""
    if out_of_scope(facts) is not None:
        return []
    found = []
    for exam in periodic_schedule(facts):
        # An interval not yet confirmed says so here as in the finding (rules.md).
        note = _note_for((exam.applied.edition,) if exam.applied.provisional else ())
        found.append(
            Deadline(
                exam.due,
                "periodic_exam_due",
                Text(
                    f"在岗期间职业健康检查到期（{exam.factor}）{note.zh}",
                    f"Periodic health exam due ({exam.factor}){note.en}",
                ),
                exam.last_exam.id if exam.last_exam else None,
                exam.person_id,
                concerns=("health-exams",),
            )
        )
    return found


def leaver_deadlines(look_back: Parameter[int]) -> Callable[[Facts], list[Deadline]]:
    """Leavers of the look-back: the day each leaves it."""
    return functools.partial(_leaver_deadlines, look_back)


def _leaver_deadlines(look_back: Parameter[int], facts: Facts) -> list[Deadline]:
    return [
        Deadline(
            leaves_look_back(facts, look_back, p.leave_date),
            "look_back_ends",
            Text("离岗人员移出回溯期", "A leaver leaves the look-back"),
            None,
            p.id,
            alert=False,
        )
        for p in facts.people.values()
        if p.leave_date is not None
        and p.leave_date <= facts.as_of < leaves_look_back(facts, look_back, p.leave_date)
    ]
