"""The use cases of the blacklist's keepers, one function each: propose a listing, publish
or withdraw it; propose a correction, removal or restoration of a published entry, approve
it, reject or withdraw it; and mark the entries whose period has run out.

Each takes the entry by id and locks its row first, so two regulators acting at once meet
on the lock and the second sees the first one's result (409). Each then asks the policy
(app/identity/policy), checks what the legal basis asks (basis_rules), changes the entry
and leaves its trail (history: the event, and for a public change the feed and the webhook
in the same transaction). Every change the public sees needs a second person (DESIGN §9's
four eyes).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.blacklist import basis_rules, errors, history
from app.blacklist.catalog import (
    EntryStatus,
    LegalBasis,
    ProposalKind,
    ProposalStatus,
    RemovalReason,
)
from app.blacklist.models import BlacklistEntry, BlacklistProposal
from app.blacklist.names import name_key
from app.blacklist.schemas import (
    CorrectionIn,
    EntryIn,
    PenaltyDecisionIn,
    RemovalIn,
    ResponsiblePersonIn,
    RestorationIn,
)
from app.core import clock
from app.core.crypto import PersonalDataCipher
from app.core.errors import NOT_FOUND, ErrorType, FieldError, Problem
from app.core.ids import new_id
from app.core.validators import check_resident_id, mask_resident_id
from app.enterprises.catalog import VerificationStatus
from app.enterprises.models import Enterprise
from app.enterprises.service import require_valid_credit_code
from app.identity import policy
from app.identity.principal import Principal
from app.identity.roles import Capability
from app.regions.service import require_region

ID_NUMBER_CONTEXT = "blacklist.responsible_people.id_number"
EXPIRY_BATCH = 200

# A proposed change of a published entry, by its body.
ChangeIn = CorrectionIn | RemovalIn | RestorationIn

_CORRECTABLE = (
    "subject_name",
    "legal_representative",
    "reason",
    "facts",
    "deciding_authority",
    "decision_number",
    "penalty_decision",
    "effective_from",
    "listing_months",
    "responsible_people",
)


# Listings ---------------------------------------------------------------------------------


def propose(
    session: Session,
    principal: Principal,
    data: EntryIn,
    cipher: PersonalDataCipher,
    request_id: str | None,
) -> BlacklistEntry:
    require_valid_credit_code(data.credit_code)
    region_code = _placement(session, data)
    policy.authorize_blacklist_action(principal, region_code, Capability.BLACKLIST_PROPOSE)
    months = basis_rules.listing_months(
        data.legal_basis, data.listing_months, "body.listing_months"
    )
    basis_rules.check_listing(
        data.legal_basis, data.reason, data.effective_from, data.penalty_decision
    )
    now = clock.now()
    entry = BlacklistEntry(
        id=new_id("bl"),
        version=1,
        region_code=region_code,
        regulator_id=principal.organization_id,
        credit_code=data.credit_code,
        subject_name=data.subject_name,
        name_key=name_key(data.subject_name),
        legal_representative=data.legal_representative,
        reason=data.reason.value,
        legal_basis=data.legal_basis.value,
        facts=data.facts,
        deciding_authority=data.deciding_authority,
        decision_number=data.decision_number,
        effective_from=data.effective_from,
        listing_months=months,
        expires_on=basis_rules.last_day_listed(data.effective_from, months),
        responsible_people=_sealed_people(
            data.responsible_people, cipher, "body.responsible_people"
        ),
        status=EntryStatus.PROPOSED.value,
        public_version=0,
        proposed_by=principal.id,
        proposed_at=now,
        created_at=now,
        updated_at=now,
    )
    basis_rules.set_penalty(entry, data.penalty_decision)
    session.add(entry)
    session.flush()
    history.record_event(session, entry, "proposed", actor_id=principal.id)
    history.audit_entry(session, principal, entry, "blacklist.propose", request_id)
    return entry


def publish(
    session: Session, principal: Principal, entry_id: str, request_id: str | None
) -> BlacklistEntry:
    entry = _locked(session, principal, entry_id)
    policy.authorize_blacklist_action(principal, entry.region_code, Capability.BLACKLIST_APPROVE)
    _require_status(entry, EntryStatus.PROPOSED)
    _require_second_person(principal, entry.proposed_by, "listing")
    now = clock.now()
    entry.status = EntryStatus.PUBLISHED.value
    entry.public_version = 1
    entry.published_by = principal.id
    entry.published_at = now
    entry.updated_at = now
    session.flush()
    seq = history.publicize(session, entry, "published")
    history.record_event(session, entry, "published", actor_id=principal.id, change_seq=seq)
    history.audit_entry(session, principal, entry, "blacklist.publish", request_id)
    return entry


def withdraw(
    session: Session, principal: Principal, entry_id: str, request_id: str | None
) -> BlacklistEntry:
    """A proposal taken back before publication; it never becomes public."""
    entry = _locked(session, principal, entry_id)
    policy.authorize_blacklist_action(principal, entry.region_code, Capability.BLACKLIST_PROPOSE)
    _require_status(entry, EntryStatus.PROPOSED)
    entry.status = EntryStatus.WITHDRAWN.value
    entry.updated_at = clock.now()
    session.flush()
    history.record_event(session, entry, "withdrawn", actor_id=principal.id)
    history.audit_entry(session, principal, entry, "blacklist.withdraw", request_id)
    return entry


def expire_due(session: Session, today: date | None = None) -> int:
    """Mark published entries whose last listed day is before `today` `expired`; returns
    how many. Answers never wait for this (whether an entry is in force on a day follows
    from its dates alone): it tells the change feed, so every mirror and the public notice.
    Idempotent and safe in several processes at once: rows are locked, locked ones skipped."""
    day = today or clock.today()
    due = list(
        session.scalars(
            select(BlacklistEntry)
            .where(
                BlacklistEntry.status == EntryStatus.PUBLISHED.value,
                BlacklistEntry.expires_on < day,
            )
            .order_by(BlacklistEntry.id)
            .limit(EXPIRY_BATCH)
            .with_for_update(skip_locked=True)
        )
    )
    for entry in due:
        entry.status = EntryStatus.EXPIRED.value
        entry.public_version += 1
        entry.updated_at = clock.now()
        session.flush()
        seq = history.publicize(session, entry, "expired")
        history.record_event(session, entry, "expired", actor_id=None, change_seq=seq)
        history.audit_entry(session, None, entry, "blacklist.expire", None)
    return len(due)


# Changes of a published entry -------------------------------------------------------------


def propose_change(
    session: Session,
    principal: Principal,
    entry_id: str,
    data: ChangeIn,
    cipher: PersonalDataCipher,
    request_id: str | None,
) -> BlacklistProposal:
    """A correction, a removal or (of an early removal obtained by deceit, decision 65) a
    restoration, pending until a second person approves it."""
    entry = _locked(session, principal, entry_id)
    values: dict[str, Any]
    if isinstance(data, CorrectionIn):
        kind, values = ProposalKind.CORRECTION, _correction(entry, data, cipher)
    elif isinstance(data, RemovalIn):
        kind, values = ProposalKind.REMOVAL, _removal(entry, data)
    else:
        kind = ProposalKind.RESTORATION
        values = {"changes": "{}", "reason": data.basis, "deceit": data.deceit.value}
    policy.authorize_blacklist_action(principal, entry.region_code, Capability.BLACKLIST_PROPOSE)
    _require_status_for(entry, kind)
    _no_other_pending(session, entry)
    proposal = BlacklistProposal(
        id=new_id("blp"),
        entry_id=entry.id,
        kind=kind.value,
        status=ProposalStatus.PENDING.value,
        proposed_by=principal.id,
        proposed_at=clock.now(),
        **values,
    )
    session.add(proposal)
    session.flush()
    history.record_event(
        session, entry, f"{kind.value}_proposed", actor_id=principal.id, proposal_id=proposal.id
    )
    history.audit_entry(session, principal, entry, f"blacklist.propose_{kind.value}", request_id)
    return proposal


def approve(
    session: Session,
    principal: Principal,
    entry_id: str,
    proposal_id: str,
    note: str | None,
    request_id: str | None,
) -> BlacklistEntry:
    """The change applied: a new public version, a change in the feed, the watchers told."""
    entry = _locked(session, principal, entry_id)
    proposal = _proposal_of(session, entry, proposal_id)
    policy.authorize_blacklist_action(principal, entry.region_code, Capability.BLACKLIST_APPROVE)
    _require_pending(proposal)
    _require_status_for(entry, proposal.kind)
    _require_second_person(principal, proposal.proposed_by, proposal.kind)
    event_type = None
    if proposal.kind == ProposalKind.CORRECTION.value:
        changes = json.loads(proposal.changes)
        basis_rules.check_corrected(entry, changes)
        _apply_correction(entry, changes)
        action = "corrected"
    elif proposal.kind == ProposalKind.RESTORATION.value:
        event_type = _restore(entry)
        action = "restored"
    else:
        removed_on = proposal.removed_on or clock.today()
        basis_rules.check_removal_date(
            entry, RemovalReason(str(proposal.removal_reason)), removed_on
        )
        entry.status = EntryStatus.REMOVED.value
        entry.removed_on = removed_on
        entry.removal_reason = proposal.removal_reason
        entry.removal_basis = proposal.reason
        entry.repair_conditions = proposal.repair_conditions
        action = "removed"
    now = clock.now()
    entry.public_version += 1
    entry.updated_at = now
    proposal.status = ProposalStatus.APPROVED.value
    proposal.decided_by, proposal.decided_at, proposal.decision_note = principal.id, now, note
    session.flush()
    seq = history.publicize(session, entry, action, event_type)
    history.record_event(
        session,
        entry,
        action,
        actor_id=principal.id,
        note=note,
        proposal_id=proposal.id,
        change_seq=seq,
    )
    history.audit_entry(session, principal, entry, f"blacklist.{action}", request_id)
    return entry


def close(
    session: Session,
    principal: Principal,
    entry_id: str,
    proposal_id: str,
    status: ProposalStatus,
    note: str | None,
    request_id: str | None,
) -> BlacklistProposal:
    """Reject (an approver, not the proposer) or withdraw (anyone who may propose) a pending
    proposal; the entry stays as it is."""
    entry = _locked(session, principal, entry_id)
    proposal = _proposal_of(session, entry, proposal_id)
    capability = (
        Capability.BLACKLIST_APPROVE
        if status is ProposalStatus.REJECTED
        else Capability.BLACKLIST_PROPOSE
    )
    policy.authorize_blacklist_action(principal, entry.region_code, capability)
    _require_pending(proposal)
    if status is ProposalStatus.REJECTED:
        _require_second_person(principal, proposal.proposed_by, proposal.kind)
    proposal.status = status.value
    proposal.decided_by, proposal.decided_at, proposal.decision_note = (
        principal.id,
        clock.now(),
        note,
    )
    session.flush()
    history.record_event(
        session,
        entry,
        f"{proposal.kind}_{status.value}",
        actor_id=principal.id,
        note=note,
        proposal_id=proposal.id,
    )
    history.audit_entry(
        session, principal, entry, f"blacklist.{proposal.kind}_{status.value}", request_id
    )
    return proposal


# What the use cases share -----------------------------------------------------------------


def _locked(session: Session, principal: Principal, entry_id: str) -> BlacklistEntry:
    """The entry, row-locked for a change, if the principal keeps it (else 404)."""
    entry = session.scalar(
        select(BlacklistEntry)
        .where(
            BlacklistEntry.id == entry_id,
            policy.can_read_blacklist_entries(principal, BlacklistEntry.region_code),
        )
        .with_for_update()
        # The access check may have loaded the row before the lock: read it again under the
        # lock, or a change committed in between would be judged on stale values.
        .execution_options(populate_existing=True)
    )
    if entry is None:
        raise NOT_FOUND.problem(f"No blacklist entry {entry_id}.")
    return entry


def _proposal_of(session: Session, entry: BlacklistEntry, proposal_id: str) -> BlacklistProposal:
    proposal = session.get(BlacklistProposal, proposal_id)
    if proposal is None or proposal.entry_id != entry.id:
        raise NOT_FOUND.problem(f"No proposal {proposal_id} for entry {entry.id}.")
    return proposal


def _placement(session: Session, data: EntryIn) -> str:
    """The region of the subject: as named, or the verified enterprise's own (DESIGN §9: the
    division code inside a credit code is only a hint)."""
    code = data.region_code
    if code is None:
        registered = session.scalar(
            select(Enterprise).where(
                Enterprise.credit_code == data.credit_code,
                Enterprise.verification_status == VerificationStatus.VERIFIED.value,
            )
        )
        code = registered.organization.region_code if registered is not None else None
        if code is None:
            raise _invalid(
                "body.region_code",
                "the subject is not a verified enterprise here: name its region "
                f"(its credit code hints at {data.credit_code[2:8]})",
                errors.REGION_CODE_REQUIRED,
            )
    require_region(session, code, field="body.region_code")
    return code


def _sealed_people(
    people: list[ResponsiblePersonIn], cipher: PersonalDataCipher, field: str
) -> str:
    """The JSON stored for the people held responsible: ID numbers sealed and masked."""
    stored: list[dict[str, Any]] = []
    for index, person in enumerate(people):
        item: dict[str, Any] = {"role": person.role.value, "name": person.name}
        if person.id_number is not None:
            check = check_resident_id(person.id_number)
            if not check.ok:
                raise _invalid(
                    f"{field}[{index}].id_number",
                    f"not a valid resident ID number ({check.problem})",
                    errors.INVALID_ID_NUMBER,
                )
            item["id_number_ciphertext"] = cipher.seal(check.number, context=ID_NUMBER_CONTEXT)
            item["id_number_masked"] = mask_resident_id(check.number)
        stored.append(item)
    return json.dumps(stored, ensure_ascii=False)


def _correction(
    entry: BlacklistEntry, data: CorrectionIn, cipher: PersonalDataCipher
) -> dict[str, Any]:
    changes = data.model_dump(mode="json", include=set(_CORRECTABLE), exclude_none=True)
    if not changes:
        raise errors.EMPTY_CORRECTION.problem(
            "A correction must change at least one field.",
            errors=[FieldError(field="body", message="no field to correct", code="empty")],
        )
    if data.listing_months is not None:
        basis_rules.listing_months(
            LegalBasis(entry.legal_basis), data.listing_months, "body.listing_months"
        )
    basis_rules.check_corrected(entry, changes)
    if data.responsible_people is not None:
        # Sealed now: the proposal must not hold plaintext ID numbers while it waits.
        changes["responsible_people"] = _sealed_people(
            data.responsible_people, cipher, "body.responsible_people"
        )
    return {
        "changes": json.dumps(changes, ensure_ascii=False),
        "reason": data.reason_for_correction,
    }


def _removal(entry: BlacklistEntry, data: RemovalIn) -> dict[str, Any]:
    if data.removed_on is not None:
        basis_rules.check_removal_date(entry, data.reason, data.removed_on)
    elif data.reason is RemovalReason.CREDIT_REPAIR:
        # Undated, it takes effect on approval: today is the earliest it could.
        basis_rules.check_removal_date(entry, data.reason, clock.today())
    return {
        "changes": "{}",
        "reason": data.basis,
        "removal_reason": data.reason.value,
        "removed_on": data.removed_on,
        "repair_conditions": basis_rules.repair_conditions_json(
            LegalBasis(entry.legal_basis), data.reason, data.repair_conditions
        ),
    }


def _apply_correction(entry: BlacklistEntry, changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        if field == "effective_from":
            entry.effective_from = date.fromisoformat(value)
        elif field == "penalty_decision":
            basis_rules.set_penalty(entry, PenaltyDecisionIn.model_validate(value))
        else:
            setattr(entry, field, value)
    entry.name_key = name_key(entry.subject_name)
    entry.expires_on = basis_rules.last_day_listed(entry.effective_from, entry.listing_months)


def _restore(entry: BlacklistEntry) -> str:
    """The early removal undone: the entry is listed as if never removed, to its original
    end (`expires_on` never moved). Where that end has passed meanwhile, the listing ran its
    course: the entry is `expired` at once, and answers `as_of` a day between the removal
    and the end now say listed (decision 65). Returns the webhook event type: the state the
    entry is left in, so every subscriber to listings or expiries hears of it."""
    entry.removed_on = None
    entry.removal_reason = None
    entry.removal_basis = None
    entry.repair_conditions = None  # relied on deceit; the history keeps what was declared
    if entry.expires_on < clock.today():
        entry.status = EntryStatus.EXPIRED.value
        return "expired"
    entry.status = EntryStatus.PUBLISHED.value
    return "published"


def _require_status_for(entry: BlacklistEntry, kind: ProposalKind | str) -> None:
    if kind != ProposalKind.RESTORATION.value:
        _require_status(entry, EntryStatus.PUBLISHED)
        return
    # Only an early removal (credit repair) can be revoked for deceit (order 11).
    _require_status(entry, EntryStatus.REMOVED)
    if entry.removal_reason != RemovalReason.CREDIT_REPAIR.value:
        raise errors.NOT_AN_EARLY_REMOVAL.problem(
            f"Entry {entry.id} was removed for {entry.removal_reason}, not by an early removal "
            "(credit_repair): there is no early removal to revoke."
        )


def _require_status(entry: BlacklistEntry, *allowed: EntryStatus) -> None:
    if entry.status not in {s.value for s in allowed}:
        raise errors.WRONG_ENTRY_STATUS.problem(
            f"Entry {entry.id} is {entry.status}; this needs it "
            f"{' or '.join(s.value for s in allowed)}."
        )


def _no_other_pending(session: Session, entry: BlacklistEntry) -> None:
    pending = session.scalar(
        select(BlacklistProposal.id).where(
            BlacklistProposal.entry_id == entry.id,
            BlacklistProposal.status == ProposalStatus.PENDING.value,
        )
    )
    if pending is not None:
        raise errors.PROPOSAL_PENDING.problem(
            f"Proposal {pending} for this entry is still pending; decide or withdraw it first."
        )


def _require_pending(proposal: BlacklistProposal) -> None:
    if proposal.status != ProposalStatus.PENDING.value:
        raise errors.PROPOSAL_DECIDED.problem(f"Proposal {proposal.id} is {proposal.status}.")


def _require_second_person(principal: Principal, proposer: str, what: str) -> None:
    if principal.id == proposer:
        raise errors.FOUR_EYES.problem(
            f"You proposed this {what}; a second person must approve it (four eyes)."
        )


def _invalid(field: str, message: str, error: ErrorType) -> Problem:
    return error.problem(
        f"{field.removeprefix('body.')}: {message}.",
        errors=[FieldError(field=field, message=message, code=error.code)],
    )
