"""Shapes of the institutions' answers (documentation: hot routes serialize themselves)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from app.core.dates import Day
from app.core.validators.json_types import JSON_INTEGER

DatasetVersionIn = Annotated[int, Field(ge=0), JSON_INTEGER]

RECEIPT = (
    "Compact JWS (ES256, `kid` in the header) signed with the platform's receipt key; its "
    "payload records who asked what, the answer, `as_of` and `dataset_version`. Verify it "
    "with /.well-known/jwks.json (docs/institutions.md)."
)


class PublicEntry(BaseModel):
    id: str
    version: int
    status: str
    credit_code: str
    subject_name: str
    legal_representative: str
    responsible_people: list[dict[str, str]] = Field(description="Roles and names only.")
    region_code: str
    reason: str
    legal_basis: str
    facts: str
    deciding_authority: str
    decision_number: str
    effective_from: date
    expires_on: date = Field(description="The last day listed.")
    removed_on: date | None
    removal_reason: str | None


class LookupOut(BaseModel):
    credit_code: str
    listed: bool = Field(description="In force on `as_of`; absence from the list is an answer.")
    entries: list[PublicEntry]
    as_of: date
    dataset_version: int = Field(description="The change-feed number the answer was served at.")
    receipt_id: str
    receipt: str = Field(description=RECEIPT)


class QueryOut(BaseModel):
    id: str = Field(description="The receipt id.")
    principal_id: str
    kind: str
    query: dict[str, Any]
    answer: dict[str, Any]
    as_of: date
    dataset_version: int
    created_at: datetime
    receipt: str


class ScreeningItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    credit_code: str | None = Field(default=None, max_length=40)
    name: str | None = Field(default=None, max_length=200)
    reference: str | None = Field(
        default=None, max_length=100, description="Your own key for the item, echoed back."
    )


class ScreeningIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-06-30",
                    "items": [
                        {"credit_code": "91410108MA9X8TQM1U", "reference": "loan-1001"},
                        {"name": "郑州某化工有限公司", "reference": "loan-1002"},
                    ],
                }
            ]
        },
    )

    items: list[ScreeningItemIn] = Field(min_length=1, max_length=1000)
    as_of: Day | None = None
    dataset_version: DatasetVersionIn | None = None


class ScreeningResult(BaseModel):
    index: int = Field(description="Position of the item in the request.")
    reference: str | None
    status: str = Field(description="listed, not_listed or invalid.")
    listed: bool | None = Field(description="Null for an invalid item.")
    credit_code: str | None = None
    matched_by: list[str] = Field(description="credit_code and/or name.")
    entries: list[PublicEntry]
    errors: list[dict[str, str]] | None = None


class ScreeningOut(BaseModel):
    as_of: date
    dataset_version: int
    results: list[ScreeningResult] = Field(description="In request order.")
    receipt_id: str
    receipt: str = Field(description=RECEIPT)


class SearchHit(BaseModel):
    score: float = Field(description="1 for the same name; containment ranks next.")
    entry: PublicEntry


class SearchOut(BaseModel):
    q: str
    normalized: str = Field(description="The query as matched: width, spacing, suffixes.")
    as_of: date
    dataset_version: int
    results: list[SearchHit]
    receipt_id: str
    receipt: str = Field(description=RECEIPT)


class ChangeOut(BaseModel):
    seq: int
    action: str = Field(
        description="published, corrected, removed, expired or restored (an early removal "
        "revoked for deceit: the entry is listed again to its original end)."
    )
    entry_id: str
    entry_version: int
    occurred_at: datetime
    entry: PublicEntry = Field(description="The entry's public fields after the change.")


class ChangesOut(BaseModel):
    data: list[ChangeOut]
    next_cursor: str = Field(
        description="Pass as `after` next time; on the last page it is where to poll from."
    )
    has_more: bool
    dataset_version: int
