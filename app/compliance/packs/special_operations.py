"""Special-operation certificates (特种作业操作证) judged on a date: valid, reviewed in time
(SAWS order 30, MEM order 19 from 2026-06-01: app/law/special_operations.py), and held by
everyone assigned a special operation. Shared by the district's 18.3 and national law's
art. 30."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from app.compliance.facts import Facts, derived, in_period
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Deadline, Finding, Text
from app.law.special_operations import CATALOGUE
from app.registry.certificates.models import OperationAssignment, SpecialOperationCertificate
from app.registry.certificates.periods import applied_on_time, first_review_due

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Standing:
    """A special-operation certificate on the as-of date."""

    valid: bool
    pending: bool  # a review applied for on time awaits the authority
    next_change: date  # the first day it would lapse (review due or expiry)


def certificate_standing(facts: Facts, c: SpecialOperationCertificate) -> Standing:
    """The certificate's standing on the as-of date (see `_standing`)."""
    known = _standings(facts).get(c.id)
    return known if known is not None else _standing(facts, c)


@derived  # every layer's special-operation rule and deadline asks, per certificate
def _standings(facts: Facts) -> dict[str, Standing]:
    return {c.id: _standing(facts, c) for c in facts.certificates}


def _standing(facts: Facts, c: SpecialOperationCertificate) -> Standing:
    """A missed review voids the certificate from its due date, and a review made after it
    does not revive it (order 30 art. 26) — unless the holder applied within the window
    before the due date (art. 22) and the authority confirmed later (art. 24)."""
    expiry_lapse = c.expires_on + _DAY
    if c.issued_on > facts.as_of or c.expires_on < facts.as_of:
        return Standing(False, False, expiry_lapse)
    due = first_review_due(c.issued_on, c.expires_on, c.six_year_review, facts.value)
    if due >= c.expires_on:  # no review inside the validity
        return Standing(True, False, expiry_lapse)
    reviewed, applied = c.last_review_on, c.review_applied_on
    applied_in_time = applied is not None and applied_on_time(applied, due, facts.value)
    if reviewed is not None and (reviewed <= due or applied_in_time):
        return Standing(True, False, expiry_lapse)
    if facts.as_of <= due:
        return Standing(True, False, due + _DAY)
    if applied_in_time:
        return Standing(False, True, expiry_lapse)
    return Standing(False, False, expiry_lapse)


def _assigned(facts: Facts) -> list[OperationAssignment]:
    return [
        a
        for a in facts.assignments
        if in_period(a.started_on, a.ended_on, facts.as_of) and facts.in_service(a.person_id)
    ]


def _held(facts: Facts) -> dict[tuple[str, str], list[SpecialOperationCertificate]]:
    held: dict[tuple[str, str], list[SpecialOperationCertificate]] = defaultdict(list)
    for certificate in facts.certificates:
        held[certificate.person_id, certificate.category].append(certificate)
    return held


@dataclass(frozen=True)
class Judged:
    """Assignments judged on the as-of date, each as `person:category`."""

    assigned: int
    lacking: tuple[str, ...]  # no valid, reviewed certificate of the category
    pending: tuple[str, ...]  # only a review applied for on time, awaiting the authority
    used: tuple[str, ...]  # the certificates that carry the others
    next_change: date | None  # the first day one of those would lapse


def _judge(facts: Facts, assigned: list[OperationAssignment]) -> Judged:
    held = _held(facts)
    lacking: list[str] = []
    pending: list[str] = []
    used: list[str] = []
    changes: list[date] = []
    for assignment in assigned:
        standings = [
            (c, certificate_standing(facts, c))
            for c in held.get((assignment.person_id, assignment.category), [])
        ]
        valid = [(c, s) for c, s in standings if s.valid]
        key = f"{assignment.person_id}:{assignment.category}"
        if valid:
            used.extend(c.id for c, _ in valid)
            changes.append(max(s.next_change for _, s in valid))
        elif any(s.pending for _, s in standings):
            pending.append(key)
            used.extend(c.id for c, s in standings if s.pending)
        else:
            lacking.append(key)
    return Judged(
        len(assigned), tuple(lacking), tuple(pending), tuple(used), min(changes, default=None)
    )


@derived  # the district's 18.3 and 24.2 (no uncertified work) read the same judgement
def assignments_judged(facts: Facts) -> Judged:
    """Every assignment in force on the date, of a person in service, judged."""
    return _judge(facts, _assigned(facts))


def special_operations(facts: Facts) -> Finding:
    """Everyone assigned a special operation holds a valid, reviewed certificate (the
    district's 18.3)."""
    return _finding(assignments_judged(facts))


def special_operations_in_catalogue(facts: Facts) -> Finding:
    """As `special_operations`, for the assignments whose category is in the catalogue in
    force on the date (law art. 30 para 2: the state sets the scope): an operation the
    catalogue of the day does not list is not a special operation that day."""
    catalogue = facts.value(CATALOGUE)
    return judge_assignments(facts, [a for a in _assigned(facts) if a.category in catalogue])


def judge_assignments(facts: Facts, assigned: list[OperationAssignment]) -> Finding:
    """Each assignment has a certificate of its category valid and reviewed on the date."""
    return _finding(_judge(facts, assigned))


def _finding(judged: Judged) -> Finding:
    if not judged.assigned:
        return _na("未登记特种作业岗位人员。", "No special-operation assignment is recorded.")
    lacking, pending, used = judged.lacking, judged.pending, judged.used
    if lacking:
        return _fail(
            f"{len(lacking)}人次特种作业人员无有效操作证或逾期未复审（逾期复审不能恢复证书效力）。",
            f"{len(lacking)} assignment(s) lack a valid, reviewed certificate (a review made "
            "after its due date does not revive a certificate).",
            lacking,
        )
    if pending:
        return _unknown(
            f"{len(pending)}人次特种作业操作证已按期申请复审，等待考核发证机关确认。",
            f"{len(pending)} assignment(s): review applied for on time, awaiting the authority.",
            pending + used,
            branch="review_pending",
        )
    return _pass(
        "特种作业人员均持有效操作证。",
        "Every special operation is done with a valid certificate.",
        used,
        due=judged.next_change - _DAY if judged.next_change else None,
    )


@derived  # the district's 18.3 and national law's 30.1 declare the same deadlines
def special_operation_deadlines(facts: Facts) -> list[Deadline]:
    """Reviews falling due and expiries of the certificates of people in service (assigned
    or not: an assignment may come, or go unrecorded), overdue reviews included."""
    found = []
    for c in facts.certificates:
        if not facts.in_service(c.person_id) or c.issued_on > facts.as_of:
            continue
        standing = certificate_standing(facts, c)
        due = first_review_due(c.issued_on, c.expires_on, c.six_year_review, facts.value)
        if due < c.expires_on and c.last_review_on is None and not standing.pending:
            found.append(
                Deadline(
                    due,
                    "review_due",
                    Text("特种作业操作证应复审", "Special-operation certificate review due"),
                    c.id,
                    c.person_id,
                    concerns=("special-operation-certificates",),
                )
            )
        if c.expires_on >= facts.as_of or any(
            a.person_id == c.person_id and a.category == c.category for a in _assigned(facts)
        ):
            found.append(
                Deadline(
                    c.expires_on,
                    "certificate_expiry",
                    Text("特种作业操作证到期", "Special-operation certificate expires"),
                    c.id,
                    c.person_id,
                    concerns=("special-operation-certificates",),
                )
            )
    return found
