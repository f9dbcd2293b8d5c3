"""Entity tags and `If-Match`: optimistic concurrency for updates (412 stale, 428 missing).

Every versioned resource carries an integer version bumped on each change; its ETag is an
opaque strong tag derived from the id and that version.
"""

from __future__ import annotations

import hashlib

from app.core.errors import PreconditionFailed, PreconditionRequired


def etag_for(resource_id: str, version: int) -> str:
    digest = hashlib.sha256(f"{resource_id}:{version}".encode()).hexdigest()[:20]
    return f'"{digest}"'


def check_if_match(if_match: str | None, current_etag: str, *, required: bool = True) -> None:
    """Refuse an update made against another version than the current one."""
    if if_match is None:
        if required:
            raise PreconditionRequired(
                "This update needs an If-Match header with the ETag you last read.",
                code="if_match_required",
            )
        return
    candidates = {tag.strip() for tag in if_match.split(",")}
    if "*" in candidates or current_etag in candidates:
        return
    raise PreconditionFailed(
        "The resource changed since you read it; read it again and retry.",
        code="etag_mismatch",
    )
