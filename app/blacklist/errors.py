"""The problems of the blacklist: regulators' listings and proposals, institutions' lookups
and the public notice."""

from __future__ import annotations

from app.core.error_catalog import ErrorDomain

BLACKLIST = ErrorDomain("blacklist")

FOUR_EYES = BLACKLIST.error(
    403,
    "four_eyes",
    "Second person needed",
    "The proposer of a listing or change cannot approve it: a second regulator user must.",
)
NOT_AN_EARLY_REMOVAL = BLACKLIST.error(
    409,
    "not_an_early_removal",
    "Not an early removal",
    "Only an entry removed early (credit_repair) can be restored; this one was removed otherwise.",
)
WRONG_ENTRY_STATUS = BLACKLIST.error(
    409,
    "wrong_entry_status",
    "Wrong entry status",
    "The entry's status does not allow this step; the detail names the status it needs.",
)
PROPOSAL_PENDING = BLACKLIST.error(
    409,
    "proposal_pending",
    "Proposal pending",
    "Another proposal for the entry is still pending: decide or withdraw it first.",
)
PROPOSAL_DECIDED = BLACKLIST.error(
    409,
    "proposal_decided",
    "Proposal decided",
    "The proposal was approved, rejected or withdrawn already.",
)
REGION_CODE_REQUIRED = BLACKLIST.error(
    422,
    "region_code_required",
    "Region required",
    "The subject is not a verified enterprise, so the listing must name its region.",
)
INVALID_ID_NUMBER = BLACKLIST.error(
    422,
    "invalid_id_number",
    "Invalid ID number",
    "A responsible person's resident ID number fails its format or check digit.",
)
EMPTY_CORRECTION = BLACKLIST.error(
    422, "empty_correction", "Empty correction", "A correction changes no field."
)
# What a legal basis asks of a listing (decisions 66, 67).
LISTING_MONTHS_REQUIRED = BLACKLIST.error(
    422,
    "listing_months_required",
    "Listing period required",
    "The legal basis sets no listing period, so the listing must state it.",
)
LISTING_MONTHS_FIXED = BLACKLIST.error(
    422,
    "listing_months_fixed",
    "Listing period fixed",
    "The legal basis fixes the listing period: a different one was stated.",
)
REASON_OUTSIDE_BASIS = BLACKLIST.error(
    422,
    "reason_outside_basis",
    "Reason outside the basis",
    "The legal basis does not list for this reason; the detail names those it lists for.",
)
BEFORE_BASIS_IN_FORCE = BLACKLIST.error(
    422,
    "before_basis_in_force",
    "Before the basis took force",
    "The listing would start before its legal basis was in force.",
)
PENALTY_DECISION_REQUIRED = BLACKLIST.error(
    422,
    "penalty_decision_required",
    "Penalty decision required",
    "The legal basis lists only on an administrative penalty decision, and none was given.",
)
PENALTY_AFTER_LISTING = BLACKLIST.error(
    422,
    "penalty_after_listing",
    "Penalty after listing",
    "The penalty decision is dated after the listing starts.",
)
NOT_CREDIT_REPAIR = BLACKLIST.error(
    422,
    "not_credit_repair",
    "Not a credit repair",
    "Repair conditions were given for a removal that is not an early one (credit_repair).",
)
DUPLICATE_CONDITION = BLACKLIST.error(
    422,
    "duplicate_condition",
    "Condition twice",
    "A repair condition is declared twice.",
)
REPAIR_CONDITIONS_MISSING = BLACKLIST.error(
    422,
    "repair_conditions_missing",
    "Repair conditions missing",
    "An early removal must declare every repair condition its basis asks; the detail names "
    "the missing ones.",
)
REMOVAL_BEFORE_EFFECT = BLACKLIST.error(
    422,
    "removal_before_effect",
    "Removal before effect",
    "The removal date is before the entry took effect.",
)
EARLY_REMOVAL_TOO_SOON = BLACKLIST.error(
    422,
    "early_removal_too_soon",
    "Early removal too soon",
    "Credit repair can remove the entry only some months after it took effect; the detail "
    "names the earliest day.",
)
# Institutions' reads and the public notice.
EMPTY_QUERY = BLACKLIST.error(
    422,
    "empty_query",
    "Empty query",
    "The name searched for is empty once spaces and company suffixes are removed.",
)
UNKNOWN_DATASET_VERSION = BLACKLIST.error(
    422,
    "unknown_dataset_version",
    "Unknown dataset version",
    "The dataset version asked for is ahead of the data this server holds.",
)
INVALID_DATE_RANGE = BLACKLIST.error(
    422, "invalid_date_range", "Invalid date range", "`listed_from` is after `listed_to`."
)
AS_OF_IN_FUTURE = BLACKLIST.error(
    422,
    "as_of_in_future",
    "Day to come",
    "The notice of a day to come is not known yet: `as_of` must be today or earlier.",
)

# The rules of a legal basis a listing's writes are checked against.
LISTING_RULES = (
    LISTING_MONTHS_REQUIRED,
    LISTING_MONTHS_FIXED,
    REASON_OUTSIDE_BASIS,
    BEFORE_BASIS_IN_FORCE,
    PENALTY_DECISION_REQUIRED,
    PENALTY_AFTER_LISTING,
)
REMOVAL_RULES = (
    NOT_CREDIT_REPAIR,
    DUPLICATE_CONDITION,
    REPAIR_CONDITIONS_MISSING,
    REMOVAL_BEFORE_EFFECT,
    EARLY_REMOVAL_TOO_SOON,
)
