"""Proposing, publishing and withdrawing listings; the four-eyes rule lives here.

Every step locks the entry row first, so two regulators acting at once meet on the lock and
the second sees the first one's result (409), and every step that changes what the public
sees also appends to the change feed in the same transaction.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.blacklist import basis_rules, feed
from app.blacklist.catalog import BASES, EntryStatus, LegalBasis
from app.blacklist.models import BlacklistEntry
from app.blacklist.names import name_key
from app.blacklist.public import public_fields
from app.blacklist.schemas import EntryIn, ResponsiblePersonIn
from app.blacklist.state import record_event
from app.core import clock
from app.core.calendar import add_months
from app.core.crypto import PersonalDataCipher
from app.core.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from app.core.ids import new_id
from app.core.validators import check_resident_id, mask_resident_id
from app.enterprises.catalog import VerificationStatus
from app.enterprises.models import Enterprise
from app.enterprises.service import require_valid_credit_code
from app.identity import policy
from app.identity.auditing import audit
from app.identity.principal import Principal
from app.identity.roles import Capability
from app.outbox.events import emit
from app.regions.service import require_region

ID_NUMBER_CONTEXT = "blacklist.responsible_people.id_number"


def _invalid(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(
        f"{field.removeprefix('body.')}: {message}.",
        code=code,
        errors=[FieldError(field=field, message=message, code=code)],
    )


def listing_months(basis: LegalBasis, stated: int | None, field: str) -> int:
    """The listing period: fixed by the basis, or stated by the decision where it sets none."""
    fixed = BASES[basis].listing_months
    if fixed is None:
        if stated is None:
            raise _invalid(
                field, f"{basis.value} sets no period: state it", "listing_months_required"
            )
        return stated
    if stated is not None and stated != fixed:
        raise _invalid(field, f"{basis.value} fixes {fixed} months", "listing_months_fixed")
    return fixed


def last_day_listed(effective_from: date, months: int) -> date:
    return add_months(effective_from, months) - timedelta(days=1)


def sealed_people(people: list[ResponsiblePersonIn], cipher: PersonalDataCipher, field: str) -> str:
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
                    "invalid_id_number",
                )
            item["id_number_ciphertext"] = cipher.seal(check.number, context=ID_NUMBER_CONTEXT)
            item["id_number_masked"] = mask_resident_id(check.number)
        stored.append(item)
    return json.dumps(stored, ensure_ascii=False)


def _placement(session: Session, principal: Principal, data: EntryIn) -> str:
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
                "region_code_required",
            )
    require_region(session, code, field="body.region_code")
    return code


def propose(
    session: Session,
    principal: Principal,
    data: EntryIn,
    cipher: PersonalDataCipher,
    request_id: str | None,
) -> BlacklistEntry:
    require_valid_credit_code(data.credit_code)
    region_code = _placement(session, principal, data)
    policy.authorize_blacklist_action(principal, region_code, Capability.BLACKLIST_PROPOSE)
    months = listing_months(data.legal_basis, data.listing_months, "body.listing_months")
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
        expires_on=last_day_listed(data.effective_from, months),
        responsible_people=sealed_people(
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
    record_event(session, entry, "proposed", actor_id=principal.id)
    audit_entry(session, principal, entry, "blacklist.propose", request_id)
    return entry


def locked(session: Session, principal: Principal, entry_id: str) -> BlacklistEntry:
    """The entry, row-locked for a change, if the principal keeps it (else 404)."""
    entry = session.scalar(
        select(BlacklistEntry)
        .where(
            BlacklistEntry.id == entry_id,
            policy.blacklist_entry_condition(principal, BlacklistEntry.region_code),
        )
        .with_for_update()
        # The access check may have loaded the row before the lock: read it again under the
        # lock, or a change committed in between would be judged on stale values.
        .execution_options(populate_existing=True)
    )
    if entry is None:
        raise NotFound(f"No blacklist entry {entry_id}.")
    return entry


def require_status(entry: BlacklistEntry, *allowed: EntryStatus) -> None:
    if entry.status not in {s.value for s in allowed}:
        raise Conflict(
            f"Entry {entry.id} is {entry.status}; this needs it "
            f"{' or '.join(s.value for s in allowed)}.",
            code="wrong_entry_status",
        )


def require_second_person(principal: Principal, proposer: str, what: str) -> None:
    if principal.id == proposer:
        raise Forbidden(
            f"You proposed this {what}; a second person must approve it (four eyes).",
            code="four_eyes",
        )


def publish(
    session: Session, principal: Principal, entry: BlacklistEntry, request_id: str | None
) -> BlacklistEntry:
    policy.authorize_blacklist_action(principal, entry.region_code, Capability.BLACKLIST_APPROVE)
    require_status(entry, EntryStatus.PROPOSED)
    require_second_person(principal, entry.proposed_by, "listing")
    now = clock.now()
    entry.status = EntryStatus.PUBLISHED.value
    entry.public_version = 1
    entry.published_by = principal.id
    entry.published_at = now
    entry.updated_at = now
    session.flush()
    seq = publicize(session, entry, "published")
    record_event(session, entry, "published", actor_id=principal.id, change_seq=seq)
    audit_entry(session, principal, entry, "blacklist.publish", request_id)
    return entry


def withdraw(
    session: Session, principal: Principal, entry: BlacklistEntry, request_id: str | None
) -> BlacklistEntry:
    """A proposal taken back before publication; it never becomes public."""
    policy.authorize_blacklist_action(principal, entry.region_code, Capability.BLACKLIST_PROPOSE)
    require_status(entry, EntryStatus.PROPOSED)
    entry.status = EntryStatus.WITHDRAWN.value
    entry.updated_at = clock.now()
    session.flush()
    record_event(session, entry, "withdrawn", actor_id=principal.id)
    audit_entry(session, principal, entry, "blacklist.withdraw", request_id)
    return entry


def publicize(
    session: Session, entry: BlacklistEntry, action: str, event_type: str | None = None
) -> int:
    """Append the entry's new public state to the change feed, and tell the watchers of its
    credit code through the outbox, in the same transaction; returns the feed number. The
    webhook event is `blacklist.entry.<action>` unless `event_type` names another (a
    restoration is told as the state it leaves, decision 65)."""
    public = public_fields(entry)
    seq = feed.append(
        session,
        entry_id=entry.id,
        entry_version=entry.public_version,
        action=action,
        public=public,
        at=entry.updated_at,
    )
    # Receivers order by the entry version and the feed cursor (DESIGN §9): delivery is at
    # least once, not globally ordered.
    emit(
        session,
        f"blacklist.entry.{event_type or action}",
        f"credit_code:{entry.credit_code}",
        {
            "action": action,
            "credit_code": entry.credit_code,
            "entry_id": entry.id,
            "entry_version": entry.public_version,
            "change_seq": seq,
            "entry": public,
        },
    )
    return seq


def audit_entry(
    session: Session,
    principal: Principal | None,
    entry: BlacklistEntry,
    action: str,
    request_id: str | None,
    changes: dict[str, Any] | None = None,
) -> None:
    audit(
        session,
        actor=principal,
        action=action,
        resource_type="blacklist_entry",
        resource_id=entry.id,
        subject_organization_id=entry.regulator_id,
        request_id=request_id,
        changes=changes or {"status": entry.status, "public_version": entry.public_version},
    )
