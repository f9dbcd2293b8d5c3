"""Region representations."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class RegionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    parent_code: str | None
    level: int
    valid_from: date | None
    valid_to: date | None
