"""Typed dependencies of the blacklist routes: who may call them, decided before the body
is read, so someone outside an entry's region learns nothing from a 422."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path
from starlette.concurrency import run_in_threadpool

from app.blacklist import reads
from app.core.ids import id_pattern
from app.core.unit_of_work import DbSession
from app.identity.auth import Regulator

EntryIdParam = Annotated[str, Path(pattern=id_pattern("bl"), description="Entry id (`bl_…`).")]


async def _kept_entry(entry_id: EntryIdParam, principal: Regulator, session: DbSession) -> str:
    """The entry's id, once the policy says the principal keeps it (404 otherwise)."""
    await run_in_threadpool(reads.visible_entry, session, principal, entry_id)
    return entry_id


# An entry placed in the calling regulator's region: its id.
KeptEntryId = Annotated[str, Depends(_kept_entry)]
