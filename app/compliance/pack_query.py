"""`?pack=`: one pack alone instead of the enterprise's stack, on every compliance read."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.compliance.packs import pack_or_404
from app.compliance.rules import Pack

PackQuery = Annotated[
    str | None,
    Query(
        max_length=40,
        pattern=r"^[a-z0-9-]{1,40}$",
        description="One rule pack alone (see `GET /v1/compliance/packs`); by default every "
        "pack whose jurisdiction and period cover the enterprise and the date (its stack).",
    ),
]


def chosen(pack_id: str | None) -> Pack | None:
    """The pack asked for, or None for the stack; an unknown id is a 404 problem."""
    return None if pack_id is None else pack_or_404(pack_id)
