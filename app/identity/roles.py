"""Organization kinds, roles and capabilities: what each kind of member may do.

A capability is what the policy checks. Users get the capabilities of their role within
their organization's kind; machine clients get the scopes they were granted, which are
capabilities too (and can never exceed what their organization's kind allows).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class OrganizationKind(StrEnum):
    PLATFORM = "platform"
    REGULATOR = "regulator"
    ENTERPRISE = "enterprise"
    SERVICE_FIRM = "service_firm"
    INSTITUTION = "institution"


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"
    APPROVER = "approver"  # regulators only: the second person who publishes a listing


class Capability(StrEnum):
    RECORDS_READ = "records:read"
    RECORDS_WRITE = "records:write"
    MEMBERS_MANAGE = "members:manage"
    ENTERPRISES_VERIFY = "enterprises:verify"
    ORGANIZATIONS_CREATE = "organizations:create"
    AUDIT_READ = "audit:read"
    BLACKLIST_READ = "blacklist:read"
    BLACKLIST_PROPOSE = "blacklist:propose"
    BLACKLIST_APPROVE = "blacklist:approve"
    WATCHLISTS_READ = "watchlists:read"
    WATCHLISTS_WRITE = "watchlists:write"
    WEBHOOKS_MANAGE = "webhooks:manage"
    # Proposing, accepting and ending service contracts: a firm's or an enterprise's admin.
    CONTRACTS_MANAGE = "contracts:manage"
    # Never part of a role: granted explicitly to a user (or a client), and each use audited.
    PII_READ = "pii:read"
    HEALTH_READ = "health:read"


ORGANIZATION_KINDS: Final = tuple(kind.value for kind in OrganizationKind)
ROLES: Final = tuple(role.value for role in Role)

_C = Capability
_TENANT_ROLES: Final[dict[Role, frozenset[Capability]]] = {
    Role.VIEWER: frozenset({_C.RECORDS_READ}),
    Role.EDITOR: frozenset({_C.RECORDS_READ, _C.RECORDS_WRITE}),
    Role.ADMIN: frozenset({_C.RECORDS_READ, _C.RECORDS_WRITE, _C.MEMBERS_MANAGE, _C.AUDIT_READ}),
}
# An enterprise's admin also manages its webhook endpoints (alerts about its own records);
# its admin and a firm's sign and end service contracts.
_ENTERPRISE_ROLES: Final[dict[Role, frozenset[Capability]]] = {
    **_TENANT_ROLES,
    Role.ADMIN: _TENANT_ROLES[Role.ADMIN] | {_C.WEBHOOKS_MANAGE, _C.CONTRACTS_MANAGE},
}
_FIRM_ROLES: Final[dict[Role, frozenset[Capability]]] = {
    **_TENANT_ROLES,
    Role.ADMIN: _TENANT_ROLES[Role.ADMIN] | {_C.CONTRACTS_MANAGE},
}
_REGULATOR_READ = frozenset({_C.RECORDS_READ, _C.BLACKLIST_READ})

ROLE_CAPABILITIES: Final[dict[OrganizationKind, dict[Role, frozenset[Capability]]]] = {
    OrganizationKind.PLATFORM: {
        Role.VIEWER: frozenset({_C.AUDIT_READ}),
        Role.EDITOR: frozenset({_C.AUDIT_READ, _C.ORGANIZATIONS_CREATE}),
        Role.ADMIN: frozenset({_C.AUDIT_READ, _C.ORGANIZATIONS_CREATE, _C.MEMBERS_MANAGE}),
    },
    OrganizationKind.ENTERPRISE: _ENTERPRISE_ROLES,
    OrganizationKind.SERVICE_FIRM: _FIRM_ROLES,
    OrganizationKind.REGULATOR: {
        Role.VIEWER: _REGULATOR_READ,
        Role.EDITOR: _REGULATOR_READ | {_C.ENTERPRISES_VERIFY, _C.BLACKLIST_PROPOSE},
        Role.APPROVER: _REGULATOR_READ
        | {_C.ENTERPRISES_VERIFY, _C.BLACKLIST_PROPOSE, _C.BLACKLIST_APPROVE},
        Role.ADMIN: _REGULATOR_READ
        | {_C.ENTERPRISES_VERIFY, _C.BLACKLIST_PROPOSE, _C.MEMBERS_MANAGE, _C.AUDIT_READ},
    },
    OrganizationKind.INSTITUTION: {
        Role.VIEWER: frozenset({_C.BLACKLIST_READ, _C.WATCHLISTS_READ}),
        Role.EDITOR: frozenset({_C.BLACKLIST_READ, _C.WATCHLISTS_READ, _C.WATCHLISTS_WRITE}),
        Role.ADMIN: frozenset(
            {
                _C.BLACKLIST_READ,
                _C.WATCHLISTS_READ,
                _C.WATCHLISTS_WRITE,
                _C.WEBHOOKS_MANAGE,
                _C.MEMBERS_MANAGE,
                _C.AUDIT_READ,
            }
        ),
    },
}

# Sensitive permissions an organization admin may grant to one of its users explicitly.
GRANTABLE: Final[dict[OrganizationKind, frozenset[Capability]]] = {
    OrganizationKind.PLATFORM: frozenset(),
    OrganizationKind.ENTERPRISE: frozenset({_C.PII_READ, _C.HEALTH_READ}),
    OrganizationKind.SERVICE_FIRM: frozenset({_C.PII_READ, _C.HEALTH_READ}),
    OrganizationKind.REGULATOR: frozenset({_C.HEALTH_READ}),
    OrganizationKind.INSTITUTION: frozenset(),
}

# What a machine client of each kind of organization may be granted.
CLIENT_SCOPES: Final[dict[OrganizationKind, frozenset[Capability]]] = {
    OrganizationKind.PLATFORM: frozenset(),
    OrganizationKind.ENTERPRISE: frozenset(
        {_C.RECORDS_READ, _C.RECORDS_WRITE, _C.PII_READ, _C.HEALTH_READ, _C.WEBHOOKS_MANAGE}
    ),
    OrganizationKind.SERVICE_FIRM: frozenset(
        {_C.RECORDS_READ, _C.RECORDS_WRITE, _C.PII_READ, _C.HEALTH_READ}
    ),
    OrganizationKind.REGULATOR: frozenset({_C.RECORDS_READ, _C.BLACKLIST_READ}),
    OrganizationKind.INSTITUTION: frozenset(
        {_C.BLACKLIST_READ, _C.WATCHLISTS_READ, _C.WATCHLISTS_WRITE, _C.WEBHOOKS_MANAGE}
    ),
}


def roles_for(kind: OrganizationKind) -> frozenset[Role]:
    return frozenset(ROLE_CAPABILITIES[kind])


def capabilities_of(kind: OrganizationKind, role: Role) -> frozenset[Capability]:
    return ROLE_CAPABILITIES[kind].get(role, frozenset())
