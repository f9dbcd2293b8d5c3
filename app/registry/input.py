"""The base of every registry input: an unknown field is an error, not silently dropped."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RecordInput(BaseModel):
    # A misspelt field ("hourz") must not pass as an empty change: 422 naming it.
    model_config = ConfigDict(extra="forbid")
