"""The problems of identity: who may call, and managing organizations, users and clients."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain

IDENTITY = ErrorDomain("identity")

MISSING_CAPABILITY = IDENTITY.error(
    403,
    "missing_capability",
    "Missing capability",
    "Your role, grants or client scopes lack the capability the operation needs.",
)
OUTSIDE_CONTRACT_SCOPE = IDENTITY.error(
    403,
    "outside_contract_scope",
    "Outside your contracts",
    "A service firm's contracts with the enterprise do not cover this kind of record today.",
)
REGULATORS_ONLY = IDENTITY.error(
    403, "regulators_only", "For regulators", "Only a regulator's users and clients may do this."
)
OUTSIDE_YOUR_REGION = IDENTITY.error(
    403,
    "outside_your_region",
    "Outside your region",
    "The region (or the subject's region) is not your regulator's region or one below it.",
)
INSTITUTIONS_ONLY = IDENTITY.error(
    403,
    "institutions_only",
    "For institutions",
    "Only banks', insurers' and licensing bodies' users and clients may do this.",
)
INVITATION_INVALID = IDENTITY.error(
    404,
    "invitation_invalid",
    "Invitation not valid",
    "The invitation does not exist, was used already, was revoked or has expired.",
)
EMAIL_TAKEN = IDENTITY.error(
    409, "email_taken", "Email in use", "A user with this email already exists."
)
SELF_CHANGE = IDENTITY.error(
    409,
    "self_change",
    "Cannot change yourself",
    "A user tried to disable themselves or change their own role.",
)
ORGANIZATION_KIND_NOT_CREATABLE = IDENTITY.error(
    422,
    "organization_kind_not_creatable",
    "Kind not creatable here",
    "Only regulators, institutions and service firms are created by the platform; "
    "enterprises sign up.",
)
REGION_REQUIRED = IDENTITY.error(
    422, "region_required", "Region required", "A regulator is created without its region."
)
ROLE_NOT_ALLOWED = IDENTITY.error(
    422,
    "role_not_allowed",
    "Role not allowed",
    "The role does not exist in this kind of organization.",
)
GRANT_NOT_ALLOWED = IDENTITY.error(
    422,
    "grant_not_allowed",
    "Grant not allowed",
    "A grant asked for a user is not grantable in this kind of organization.",
)
SCOPE_NOT_ALLOWED = IDENTITY.error(
    422,
    "scope_not_allowed",
    "Scope not allowed",
    "A machine client asked for a scope this kind of organization may not hold.",
)
