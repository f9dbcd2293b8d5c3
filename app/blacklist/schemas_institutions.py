"""Shapes of the institutions' answers (documentation: hot routes serialize themselves)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

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
