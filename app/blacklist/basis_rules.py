"""What a legal basis asks of a listing and of its early removal (decisions 66, 67): its
period, reasons that fit it, the day it took force, the penalty decision it rests on, the
earliest removal and the credit-repair conditions, and the industries outside its scope (a
warning, not a refusal).

Checks apply to writes (proposals, corrections, removals); listings made before them keep
what they have.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.blacklist import errors
from app.blacklist.catalog import BASES, LegalBasis, ReasonCategory, RemovalReason
from app.blacklist.models import BlacklistEntry
from app.blacklist.schemas import PenaltyDecisionIn, RepairConditionIn
from app.core.calendar import add_months
from app.core.errors import ErrorType, FieldError, Problem
from app.enterprises.catalog import VerificationStatus
from app.enterprises.models import Enterprise


def _refuse(field: str, message: str, error: ErrorType, detail: str | None = None) -> Problem:
    return error.problem(
        detail or f"{field.removeprefix('body.')}: {message}.",
        errors=[FieldError(field=field, message=message, code=error.code)],
    )


def listing_months(basis: LegalBasis, stated: int | None, field: str) -> int:
    """The listing period: fixed by the basis, or stated by the decision where it sets none."""
    fixed = BASES[basis].listing_months
    if fixed is None:
        if stated is None:
            raise _refuse(
                field, f"{basis.value} sets no period: state it", errors.LISTING_MONTHS_REQUIRED
            )
        return stated
    if stated is not None and stated != fixed:
        raise _refuse(field, f"{basis.value} fixes {fixed} months", errors.LISTING_MONTHS_FIXED)
    return fixed


def last_day_listed(effective_from: date, months: int) -> date:
    return add_months(effective_from, months) - timedelta(days=1)


def check_reason(basis: LegalBasis, reason: ReasonCategory, field: str) -> None:
    allowed = BASES[basis].reasons
    if reason not in allowed:
        raise _refuse(
            field,
            f"{basis.value} does not list for {reason.value}; it lists for "
            f"{', '.join(sorted(r.value for r in allowed))}",
            errors.REASON_OUTSIDE_BASIS,
        )


def check_start(basis: LegalBasis, effective_from: date, field: str) -> None:
    start = BASES[basis].in_force_from
    if start is not None and effective_from < start:
        raise _refuse(
            field,
            f"{basis.value} is in force from {start.isoformat()}; no listing under it starts "
            "earlier",
            errors.BEFORE_BASIS_IN_FORCE,
        )


def check_penalty(
    basis: LegalBasis,
    penalty: PenaltyDecisionIn | None,
    effective_from: date,
    field: str,
) -> None:
    """Order 11 art. 3: a listing rests on an administrative penalty decision, made before the
    listing starts."""
    if penalty is None:
        if BASES[basis].penalty_required:
            raise _refuse(
                field,
                f"{basis.value} lists only on an administrative penalty decision: give its "
                "number, date and authority",
                errors.PENALTY_DECISION_REQUIRED,
            )
        return
    if penalty.decided_on > effective_from:
        raise _refuse(
            f"{field}.decided_on",
            f"the penalty decision ({penalty.decided_on.isoformat()}) is after the listing "
            f"starts ({effective_from.isoformat()})",
            errors.PENALTY_AFTER_LISTING,
        )


def check_listing(
    basis: LegalBasis,
    reason: ReasonCategory,
    effective_from: date,
    penalty: PenaltyDecisionIn | None,
    prefix: str = "body",
) -> None:
    """Every check a listing's own fields must pass, in the order a proposer fixes them."""
    check_reason(basis, reason, f"{prefix}.reason")
    check_start(basis, effective_from, f"{prefix}.effective_from")
    check_penalty(basis, penalty, effective_from, f"{prefix}.penalty_decision")


def penalty_of(entry: BlacklistEntry) -> PenaltyDecisionIn | None:
    if entry.penalty_decision_number is None or entry.penalty_decided_on is None:
        return None
    return PenaltyDecisionIn(
        number=entry.penalty_decision_number,
        decided_on=entry.penalty_decided_on,
        authority=entry.penalty_authority or entry.deciding_authority,
    )


def set_penalty(entry: BlacklistEntry, penalty: PenaltyDecisionIn | None) -> None:
    entry.penalty_decision_number = penalty.number if penalty else None
    entry.penalty_decided_on = penalty.decided_on if penalty else None
    entry.penalty_authority = penalty.authority if penalty else None


def repair_conditions_json(
    basis: LegalBasis,
    reason: RemovalReason,
    declared: Sequence[RepairConditionIn] | None,
    field: str = "body.repair_conditions",
) -> str | None:
    """The conditions an early removal relies on, checked and as stored: each once; under a
    basis that names them, all of them; only for credit repair."""
    if reason is not RemovalReason.CREDIT_REPAIR:
        if declared:
            raise _refuse(
                field,
                "only an early removal (credit_repair) relies on them",
                errors.NOT_CREDIT_REPAIR,
            )
        return None
    named = [item.condition for item in declared or []]
    for index, condition in enumerate(named):
        if condition in named[:index]:
            raise _refuse(
                f"{field}[{index}].condition",
                f"{condition.value} twice",
                errors.DUPLICATE_CONDITION,
            )
    missing = [c.value for c in BASES[basis].repair_conditions if c not in named]
    if missing:
        raise _refuse(
            field,
            f"an early removal under {basis.value} must declare every repair condition; "
            f"missing: {', '.join(missing)}",
            errors.REPAIR_CONDITIONS_MISSING,
        )
    if not declared:
        return None
    return json.dumps(
        [{"condition": i.condition.value, "evidence": i.evidence} for i in declared],
        ensure_ascii=False,
    )


@dataclass(frozen=True)
class ScopeWarning:
    code: str
    message: str


def scope_warnings(
    session: Session, entries: Sequence[BlacklistEntry]
) -> dict[str, list[ScopeWarning]]:
    """Entries whose verified subject the registry places outside its basis's scope (order
    11 art. 2: no construction): one query for any number of entries."""
    concerned = [
        e
        for e in entries
        if BASES[LegalBasis(e.legal_basis)].outside_scope_sections
        or BASES[LegalBasis(e.legal_basis)].outside_scope_categories
    ]
    if not concerned:
        return {}
    rows = session.execute(
        select(
            Enterprise.credit_code, Enterprise.industry_code, Enterprise.high_risk_category
        ).where(
            Enterprise.credit_code.in_(sorted({e.credit_code for e in concerned})),
            Enterprise.verification_status == VerificationStatus.VERIFIED.value,
        )
    ).all()
    profile: dict[str, tuple[str, str | None]] = {r[0]: (r[1], r[2]) for r in rows}
    found: dict[str, list[ScopeWarning]] = {}
    for entry in concerned:
        if entry.credit_code not in profile:
            continue
        industry, category = profile[entry.credit_code]
        basis = BASES[LegalBasis(entry.legal_basis)]
        if industry[:1] in basis.outside_scope_sections or (
            category is not None and category in basis.outside_scope_categories
        ):
            found[entry.id] = [
                ScopeWarning(
                    "outside_basis_scope",
                    f"The registry places this subject in industry {industry}"
                    f"{f' ({category})' if category else ''}, outside the scope of "
                    f"{entry.legal_basis} (order 11 art. 2 names no construction): check the "
                    "legal basis before publishing.",
                )
            ]
    return found


def repair_conditions_out(stored: str | None) -> list[dict[str, Any]] | None:
    return None if stored is None else list(json.loads(stored))


def check_removal_date(entry: BlacklistEntry, reason: RemovalReason, removed_on: date) -> None:
    if removed_on < entry.effective_from:
        raise errors.REMOVAL_BEFORE_EFFECT.problem(
            "An entry cannot be removed before it took effect.",
            errors=[_too_early("before effective_from")],
        )
    wait = BASES[LegalBasis(entry.legal_basis)].early_removal_after_months
    if reason is RemovalReason.CREDIT_REPAIR and wait is not None:
        earliest = add_months(entry.effective_from, wait)
        if removed_on < earliest:
            raise errors.EARLY_REMOVAL_TOO_SOON.problem(
                f"Under {entry.legal_basis}, credit repair can remove an entry from {earliest} "
                f"on ({wait} months after it took effect).",
                errors=[_too_early(f"before {earliest}")],
            )


def _too_early(message: str) -> FieldError:
    return FieldError(field="body.removed_on", message=message, code="too_early")


def check_corrected(entry: BlacklistEntry, changes: dict[str, Any]) -> None:
    """The entry as the correction would leave it must still fit its basis."""
    basis = LegalBasis(entry.legal_basis)
    effective_from = (
        date.fromisoformat(changes["effective_from"])
        if "effective_from" in changes
        else entry.effective_from
    )
    penalty = (
        PenaltyDecisionIn.model_validate(changes["penalty_decision"])
        if "penalty_decision" in changes
        else penalty_of(entry)
    )
    reason = ReasonCategory(changes.get("reason", entry.reason))
    if "reason" in changes:
        check_reason(basis, reason, "body.reason")
    if "effective_from" in changes:
        check_start(basis, effective_from, "body.effective_from")
    # A correction may leave an older listing without a penalty decision, never a date after
    # the listing start.
    if penalty is not None:
        check_penalty(basis, penalty, effective_from, "body.penalty_decision")
