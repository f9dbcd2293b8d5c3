"""The one authorization layer: which enterprises and organizations a principal may reach.

Reads start from `can_read_enterprises(principal, column)`: a SQL condition that keeps only
the enterprises the principal may see, so a record outside its reach is simply not found.
Writes and other actions ask `authorize_enterprise` / `authorize_organization` explicitly.
Something the principal may not see answers 404, exactly like something that does not exist;
403 is only for a resource the principal can see but not act on in that way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.core.errors import NOT_FOUND
from app.identity import errors
from app.identity.models import Organization
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind
from app.regions.containment import contains
from app.regions.models import Region
from app.regions.service import in_subtree

# A service firm reaches an enterprise through a contract (app/contracts). That domain
# provides a source: given the firm's principal, a capability and the record kind asked
# for (a registry path such as "health-exams"; None for the enterprise as a whole: its
# profile, its compliance report), the ids of the enterprises whose data the firm may use
# that way today. Only service firms' reach goes through sources; the kind changes nothing
# for anyone else. The application sets its sources when it is built (app/main.py), never
# an import: without them a firm reaches nothing (docs/decisions.md, 79).
DelegationSource = Callable[[Principal, Capability, str | None], Select[str]]
_delegation_sources: list[DelegationSource] = []


def set_delegation_sources(*sources: DelegationSource) -> None:
    """The sources a firm's reach goes through from now on, replacing any set before (an app
    built twice in one process sets the same ones, not twice as many)."""
    _delegation_sources[:] = sources


def delegation_sources() -> tuple[DelegationSource, ...]:
    return tuple(_delegation_sources)


@contextmanager
def delegation_source(source: DelegationSource) -> Iterator[None]:
    """One more source for the duration of a block (tests)."""
    _delegation_sources.append(source)
    try:
        yield
    finally:
        _delegation_sources.remove(source)


def can_read_enterprises(
    principal: Principal,
    column: InstrumentedAttribute[str],
    capability: Capability = Capability.RECORDS_READ,
    record_kind: str | None = None,
) -> ColumnElement[bool]:
    """SQL condition on an enterprise id column: true for enterprises `principal` may reach
    with `capability` (reading, unless told otherwise), on records of `record_kind` when
    given (it narrows a service firm's reach to its contracts' scope)."""
    kind = principal.organization_kind
    if kind is OrganizationKind.SERVICE_FIRM:
        sources = [source(principal, capability, record_kind) for source in _delegation_sources]
        if not sources or not principal.can(capability):
            return false()
        return column.in_(sources[0].union(*sources[1:]) if len(sources) > 1 else sources[0])
    if not principal.can(capability):
        return false()
    if kind is OrganizationKind.ENTERPRISE:
        return column == principal.organization_id
    if kind is OrganizationKind.REGULATOR and principal.region_code:
        in_region = select(Organization.id).where(
            Organization.kind == OrganizationKind.ENTERPRISE.value,
            in_subtree(Organization.region_code, principal.region_code),
        )
        return column.in_(in_region)
    return false()


def authorize_enterprise(
    session: Session,
    principal: Principal,
    enterprise_id: str,
    capability: Capability,
    record_kind: str | None = None,
) -> Organization:
    """The enterprise organization, if `principal` may act on its data with `capability`
    (on records of `record_kind`, when given: 403 for a service firm whose contract with a
    client it may see does not cover that kind)."""
    visible = session.scalar(
        select(Organization).where(
            Organization.id == enterprise_id,
            Organization.kind == OrganizationKind.ENTERPRISE.value,
            can_read_enterprises(principal, Organization.id),
        )
    )
    if visible is None:
        raise NOT_FOUND.problem(f"No enterprise {enterprise_id}.")
    # Only a firm's reach depends on the kind: nobody else pays a second query for reads.
    by_kind = (
        record_kind is not None and principal.organization_kind is OrganizationKind.SERVICE_FIRM
    )
    if capability is not Capability.RECORDS_READ or by_kind:
        allowed = session.scalar(
            select(true()).where(
                Organization.id == enterprise_id,
                can_read_enterprises(principal, Organization.id, capability, record_kind),
            )
        )
        if not allowed and by_kind and principal.can(capability):
            raise errors.OUTSIDE_CONTRACT_SCOPE.problem(
                f"Your contracts with enterprise {enterprise_id} do not cover "
                f"{record_kind} ({capability.value}) today."
            )
        if not allowed:
            raise errors.MISSING_CAPABILITY.problem(
                f"You may read enterprise {enterprise_id} but not {capability.value} on it."
            )
    return visible


def authorize_region(session: Session, principal: Principal, code: str) -> Region:
    """A region whose enterprises `principal` may watch as a whole: for a regulator, its own
    region or one below it. Regions are public reference data, so one outside the
    regulator's reach is 403, not 404."""
    region = session.get(Region, code)
    if region is None:
        raise NOT_FOUND.problem(f"No region {code}.")
    if (
        principal.organization_kind is not OrganizationKind.REGULATOR
        or not principal.region_code
        or not principal.can(Capability.RECORDS_READ)
    ):
        raise errors.REGULATORS_ONLY.problem("Regional views are for regulators.")
    if not contains(principal.region_code, code):
        raise errors.OUTSIDE_YOUR_REGION.problem(
            f"Region {code} is outside your region {principal.region_code}."
        )
    return region


def _is_regulator(principal: Principal) -> bool:
    return principal.organization_kind is OrganizationKind.REGULATOR and bool(principal.region_code)


def can_read_blacklist_entries(
    principal: Principal, region_column: InstrumentedAttribute[str]
) -> ColumnElement[bool]:
    """Blacklist entries (with their proposals and history) a principal may see as their
    keeper: a regulator's members and clients with `blacklist:read` see those placed in its
    subtree; nobody else does (the public and institutions see published fields through
    their own endpoints; lookups, with their receipts and quotas, are institutions')."""
    if not _is_regulator(principal) or not principal.can(Capability.BLACKLIST_READ):
        return false()
    return in_subtree(region_column, str(principal.region_code))


def authorize_blacklist_action(
    principal: Principal, region_code: str, capability: Capability
) -> None:
    """May `principal` propose (or approve …) a listing of a subject placed in `region_code`?"""
    if not _is_regulator(principal):
        raise errors.REGULATORS_ONLY.problem("The blacklist is kept by regulators.")
    require(principal, capability)
    if not contains(str(principal.region_code), region_code):
        raise errors.OUTSIDE_YOUR_REGION.problem(
            f"Region {region_code} is outside your region {principal.region_code}."
        )


def can_read_organizations(
    principal: Principal, column: InstrumentedAttribute[str]
) -> ColumnElement[bool]:
    """Organizations whose own administration `principal` may see: its own; all, for the
    platform."""
    if principal.is_platform:
        return true()
    return column == principal.organization_id


def authorize_organization(
    session: Session, principal: Principal, organization_id: str, capability: Capability
) -> Organization:
    organization = session.scalar(
        select(Organization).where(
            Organization.id == organization_id, can_read_organizations(principal, Organization.id)
        )
    )
    if organization is None:
        raise NOT_FOUND.problem(f"No organization {organization_id}.")
    require(principal, capability)
    return organization


def require(principal: Principal, capability: Capability) -> None:
    if not principal.can(capability):
        raise errors.MISSING_CAPABILITY.problem(
            f"This needs the {capability.value} capability, which you do not have."
        )


def can_read_audit_events(
    principal: Principal, subject_column: InstrumentedAttribute[str | None]
) -> ColumnElement[bool]:
    """Audit events `principal` may read: all for the platform; its own organization's; and,
    for a regulator, those of the enterprises in its region."""
    if not principal.can(Capability.AUDIT_READ):
        return false()
    if principal.is_platform:
        return true()
    own = subject_column == principal.organization_id
    if principal.organization_kind is OrganizationKind.REGULATOR:
        return own | can_read_enterprises(principal, subject_column)  # type: ignore[arg-type]
    return own
