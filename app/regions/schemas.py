"""Region representations."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from app.regions.name_history import RegionName


class RegionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str = Field(description="The name in force on `as_of`; without it, the name now.")
    parent_code: str | None
    level: int
    valid_from: date | None
    valid_to: date | None


class RegionNameOut(BaseModel):
    """One name of the region and the days it was in force (both ends inclusive)."""

    name: str
    effective_from: date | None = Field(
        description="First day in force; null where the start is not recorded (the name "
        "then applies on any earlier day)."
    )
    effective_to: date | None = Field(description="Last day in force; null: in force now.")
    source: str = Field(description="Where the name and its days come from.")
    provisional: bool = Field(
        description="True where a day (or the name) is not confirmed from a primary text."
    )
    note: str | None = Field(description="What is known, where provisional.")

    @classmethod
    def of(cls, named: RegionName) -> RegionNameOut:
        return cls(
            name=named.name,
            effective_from=named.effective_from,
            effective_to=named.effective_to,
            source=named.source.cite(),
            provisional=named.provisional,
            note=named.note or None,
        )


class RegionRefOut(BaseModel):
    """A region named in passing: its code and its name (on `as_of`, where asked)."""

    code: str
    name: str


class RegionDetailOut(RegionOut):
    names: list[RegionNameOut] = Field(description="Every recorded name, oldest first.")
    ancestors: list[RegionRefOut] = Field(
        description="The regions above it, from China (100000) down to its parent."
    )
