"""Entity tags and `If-Match`: optimistic concurrency for updates (412 stale, 428 missing).

Every versioned resource carries an integer version bumped on each change; its ETag is an
opaque strong tag derived from the id and that version.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import Header

from app.core.errors import ETAG_MISMATCH, IF_MATCH_REQUIRED

# RFC 9110 §13.1.1: `*`, or a comma-separated list of entity tags, each [W/]"<etagc>*".
_ENTITY_TAG = r'(W/)?"[\x21\x23-\x7e]*"'
IF_MATCH_PATTERN = rf"^(\*|{_ENTITY_TAG}(\s*,\s*{_ENTITY_TAG})*)$"

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        pattern=IF_MATCH_PATTERN,
        max_length=1024,
        description="The ETag you last read (or `*`). Required where the operation documents "
        "428; a stale one is 412.",
    ),
]


def etag_for(resource_id: str, version: int) -> str:
    digest = hashlib.sha256(f"{resource_id}:{version}".encode()).hexdigest()[:20]
    return f'"{digest}"'


def check_if_match(if_match: str | None, current_etag: str, *, required: bool = True) -> None:
    """Refuse an update made against another version than the current one."""
    if if_match is None:
        if required:
            raise IF_MATCH_REQUIRED.problem(
                "This update needs an If-Match header with the ETag you last read."
            )
        return
    candidates = {tag.strip() for tag in if_match.split(",")}
    if "*" in candidates or current_etag in candidates:
        return
    raise ETAG_MISMATCH.problem("The resource changed since you read it; read it again and retry.")


def document_required_if_match(schema: dict[str, Any]) -> dict[str, Any]:
    """Mark `If-Match` required in the OpenAPI document wherever its absence is 428.

    FastAPI can only declare the header optional (a missing required header would be its 422,
    where RFC 6585 says 428), so the document is told here, from the one fact that decides
    it: the operation answers 428 when the header is missing.
    """
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if "428" not in operation.get("responses", {}):
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header" and parameter["name"] == "If-Match":
                    parameter["required"] = True
    return schema
