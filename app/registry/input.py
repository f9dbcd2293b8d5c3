"""The base of every registry input: an unknown field is an error, not silently dropped.

A PATCH may leave out a field that its kind requires, but not null it: the write refuses
that with 422 "cannot be removed" (app/registry/writes.py `effective`). The contract says so
too: in a `…Patch` model, a field that the kind's `…In` model requires is declared without
`null`, so that a generated client will not send it.
"""

from __future__ import annotations

import sys
from typing import Any

from pydantic import BaseModel, ConfigDict

from app.core.validators.json_types import without_null


def _required_fields_not_nullable(schema: dict[str, Any], model: type[BaseModel]) -> None:
    if not model.__name__.endswith("Patch"):
        return
    created = getattr(sys.modules[model.__module__], model.__name__[: -len("Patch")] + "In", None)
    if created is None:
        return
    properties = schema.get("properties", {})
    for name, field in created.model_fields.items():
        if field.is_required() and name in properties:
            properties[name] = without_null(properties[name])


class RecordInput(BaseModel):
    # A misspelt field ("hourz") must not pass as an empty change: 422 naming it.
    model_config = ConfigDict(extra="forbid", json_schema_extra=_required_fields_not_nullable)
