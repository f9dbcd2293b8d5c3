"""The base of every registry input: an unknown field is an error, not silently dropped.

A PATCH may leave out a field that its kind requires, but not null it: the write refuses
that with 422 "cannot be removed" (app/registry/writes.py `effective`). The contract says so
too: in a `…Patch` model, a field that the kind's `…In` model requires is declared without
`null`, so that a generated client will not send it.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, Optional, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

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


def patch_of(created: type[RecordInput]) -> type[RecordInput]:
    """The `…Patch` model of a `…In` model: every field optional, of the same type with the
    same constraints, with the type's own description (a grade's range) but not the field's
    (that is about creating: "needs `filing_number`"); a list replaces the stored one."""
    hints = get_type_hints(created, include_extras=True)
    fields: dict[str, Any] = {}
    for name, info in created.model_fields.items():
        hint = hints[name]
        # Constraints given on the field (Field(max_length=50)) rather than in its type.
        typed = FieldInfo.from_annotation(hint).metadata
        own = [item for item in info.metadata if item not in typed]
        if own:
            hint = Annotated[(hint, *own)]
        listed = get_origin(info.annotation) is list
        described = Field(default=None, description="Replaces the list." if listed else None)
        fields[name] = (Optional[hint], described)  # noqa: UP045 (hint is a value here)
    name = created.__name__.removesuffix("In") + "Patch"
    patch: type[RecordInput] = create_model(
        name, __base__=RecordInput, __module__=created.__module__, **fields
    )
    return patch
