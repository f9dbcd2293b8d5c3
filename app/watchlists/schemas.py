"""Request and response shapes of `/v1/watchlists`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.upload_limits import WATCHLIST_CSV_LIMITS
from app.core.validators.text import NOT_BLANK, TRIMMED

# One request of JSON members; a CSV upload may carry up to IMPORT_MAX_ROWS.
REQUEST_MAX_MEMBERS = 10_000
IMPORT_MAX_ROWS = WATCHLIST_CSV_LIMITS.rows
REFERENCE_MAX_LENGTH = 100

Name = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]
Description = Annotated[str, StringConstraints(max_length=500), TRIMMED]
RawCode = Annotated[str, Field(max_length=40, description="Unified social credit code.")]
Reference = Annotated[
    str,
    Field(
        max_length=REFERENCE_MAX_LENGTH,
        description="Your own key for the member (customer, loan or policy number).",
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored


class WatchlistIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "对公贷款客户", "description": "Corporate loan portfolio"}]
        },
    )

    name: Name = Field(description="Unique among your organization's lists.")
    description: Description | None = None


class WatchlistPatch(Strict):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "对公贷款客户（华中）"}]}
    )

    name: Name | None = None
    description: Description | None = None


class WatchlistOut(BaseModel):
    id: str
    name: str
    description: str | None
    member_count: int
    created_at: datetime
    updated_at: datetime


class MemberIn(Strict):
    credit_code: RawCode
    reference: Reference | None = None


class MembersIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "members": [
                        {"credit_code": "91410108MA9X8TQM1U", "reference": "loan-1001"},
                        {"credit_code": "914101003261299473"},
                    ]
                }
            ]
        },
    )

    members: list[MemberIn] = Field(min_length=1, max_length=REQUEST_MAX_MEMBERS)


class MembersAdded(BaseModel):
    added: int = Field(description="Codes that were not on the list.")
    updated: int = Field(description="Codes already on the list whose reference changed.")
    unchanged: int = Field(description="Codes already on the list as given.")
    duplicates: int = Field(description="Rows repeating an earlier row exactly (ignored).")
    member_count: int = Field(description="Members of the list after the request.")


class MembersRemoveIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"credit_codes": ["91410108MA9X8TQM1U"]}]},
    )

    credit_codes: list[RawCode] = Field(min_length=1, max_length=REQUEST_MAX_MEMBERS)


class MembersRemoved(BaseModel):
    removed: int
    absent: int = Field(description="Codes that were not on the list (nothing to do).")
    member_count: int


class ListedEntry(BaseModel):
    """A published entry in force for the member's code (public fields)."""

    id: str
    version: int = Field(description="The entry's public version.")
    subject_name: str
    reason: str
    legal_basis: str
    deciding_authority: str
    decision_number: str
    effective_from: date
    expires_on: date = Field(description="The last day listed.")
    removed_on: date | None = Field(description="The first day no longer listed, if decided.")


class MemberOut(BaseModel):
    credit_code: str
    reference: str | None
    added_at: datetime
    updated_at: datetime
    listed: bool = Field(description="On the blacklist today (Asia/Shanghai).")
    entries: list[ListedEntry] = Field(description="The entries in force today for the code.")


class MembersPage(BaseModel):
    data: list[MemberOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )
    as_of: date = Field(description="The day `listed` is about: today, Asia/Shanghai.")
