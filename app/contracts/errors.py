"""The problems of service contracts between firms and enterprises."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain, ErrorType

CONTRACTS = ErrorDomain("contracts")

ENTERPRISE_ONLY = CONTRACTS.error(
    403,
    "enterprise_only",
    "For the enterprise",
    "Only the enterprise's admin may take this step (accept or reject a proposal).",
)
FIRM_ONLY = CONTRACTS.error(
    403, "firm_only", "For the firm", "Only the firm may take this step (withdraw its proposal)."
)
# The step needs another status than the contract's: the code names the contract's (clients
# tell them apart).
CONTRACT_IN_STATUS: dict[str, ErrorType] = {
    status: CONTRACTS.error(
        409,
        f"contract_{status}",
        f"Contract {status}",
        f"The contract is {status}, which does not allow this step.",
    )
    for status in ("proposed", "active", "rejected", "withdrawn", "ended")
}
CONTRACT_EXPIRED = CONTRACTS.error(
    409,
    "contract_expired",
    "Contract period over",
    "The proposal cannot be accepted: its period is over.",
)
ENTERPRISE_NOT_VERIFIED = CONTRACTS.error(
    409,
    "enterprise_not_verified",
    "Enterprise not verified",
    "A regulator has not verified the enterprise's claim to its credit code yet: no contract "
    "with it takes effect before.",
)
ONE_OF = CONTRACTS.error(
    422,
    "one_of",
    "Name the enterprise once",
    "The enterprise is named by neither or both of enterprise_id and enterprise_credit_code.",
)
UNKNOWN_ENTERPRISE = CONTRACTS.error(
    422,
    "unknown_enterprise",
    "Unknown enterprise",
    "No enterprise is registered under the id or credit code given.",
)
INVALID_PERIOD = CONTRACTS.error(
    422,
    "invalid_period",
    "Invalid period",
    "valid_to is before valid_from, or the contract would have ended already.",
)
ENGINEER_REQUIRED = CONTRACTS.error(
    422,
    "engineer_required",
    "Engineer required",
    "An entrusting contract names the registered safety engineer responsible.",
)
REASON_REQUIRED = CONTRACTS.error(
    422, "reason_required", "Reason required", "Ending a contract needs a reason."
)
