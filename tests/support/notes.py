"""A small internal resource, mounted only in tests, that exercises the API conventions.

Notes have everything a real resource has (prefixed ids, cursor lists, ETag and If-Match,
Idempotency-Key on create) plus endpoints that fail on purpose at each stage of a request,
to prove that the unit of work leaves nothing half-written. Its tables live in a metadata of
their own, created by the test fixtures, so the production schema stays untouched.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

import anyio.to_thread
from fastapi import Path, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine, ForeignKey, MetaData, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.core import clock
from app.core.errors import Conflict, NotFound
from app.core.etags import IfMatch, check_if_match, etag_for
from app.core.ids import id_pattern, new_id
from app.core.orm import NAMING_CONVENTION, UTCDateTime, Versioned
from app.core.pagination import CursorParam, LimitParam, Page, paginate
from app.core.routing import api_router
from app.core.unit_of_work import DbSession


class TestBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Note(Versioned, TestBase):
    __tablename__ = "test_notes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NotePin(TestBase):
    """A row whose foreign key is checked only at COMMIT, to make a commit fail for real."""

    __tablename__ = "test_note_pins"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    note_id: Mapped[str] = mapped_column(
        ForeignKey("test_notes.id", deferrable=True, initially="DEFERRED")
    )


class NoteIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)


class NotePatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)


class NoteOut(BaseModel):
    id: str
    title: str
    version: int
    created_at: datetime


NoteId = Annotated[str, Path(pattern=id_pattern("note"))]
router = api_router(prefix="/v1/test-notes", tags=["test-notes"])


def _get(session: DbSession, note_id: str) -> Note:
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound(f"No note {note_id}.")
    return note


@router.post("", status_code=201, summary="Create a note")
def create_note(body: NoteIn, session: DbSession, response: Response) -> NoteOut:
    note = Note(id=new_id("note"), title=body.title, created_at=clock.now())
    session.add(note)
    session.flush()
    response.headers["Location"] = f"/v1/test-notes/{note.id}"
    response.headers["ETag"] = etag_for(note.id, note.version)
    return NoteOut.model_validate(note, from_attributes=True)


@router.get("", summary="List notes")
def list_notes(
    session: DbSession, limit: LimitParam = 50, cursor: CursorParam = None
) -> Page[NoteOut]:
    rows, next_cursor = paginate(session, select(Note), keys=[Note.id], limit=limit, cursor=cursor)
    return Page(
        data=[NoteOut.model_validate(n, from_attributes=True) for n in rows],
        next_cursor=next_cursor,
    )


@router.get("/{note_id}", summary="Get a note")
def get_note(note_id: NoteId, session: DbSession, response: Response) -> NoteOut:
    note = _get(session, note_id)
    response.headers["ETag"] = etag_for(note.id, note.version)
    return NoteOut.model_validate(note, from_attributes=True)


@router.patch("/{note_id}", summary="Update a note")
def update_note(
    note_id: NoteId,
    body: NotePatch,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> NoteOut:
    note = _get(session, note_id)
    check_if_match(if_match, etag_for(note.id, note.version))
    if body.title is not None:
        note.title = body.title
    session.flush()
    response.headers["ETag"] = etag_for(note.id, note.version)
    return NoteOut.model_validate(note, from_attributes=True)


@router.post("/fail-halfway", status_code=201, summary="Write, then crash")
def fail_halfway(body: NoteIn, session: DbSession) -> NoteOut:
    session.add(Note(id=new_id("note"), title=body.title, created_at=clock.now()))
    session.flush()
    raise RuntimeError("boom after a write: SELECT secret FROM internals")


@router.post("/refuse-halfway", status_code=201, summary="Write, then refuse")
def refuse_halfway(body: NoteIn, session: DbSession) -> NoteOut:
    session.add(Note(id=new_id("note"), title=body.title, created_at=clock.now()))
    session.flush()
    raise Conflict("refused after a write", code="refused")


@router.post("/dangling-pin", status_code=201, summary="Write a row that fails at COMMIT")
def dangling_pin(session: DbSession) -> dict[str, str]:
    session.add(
        Note(id=new_id("note"), title="kept only if the commit succeeds", created_at=clock.now())
    )
    session.add(NotePin(id=new_id("pin"), note_id="note_does_not_exist"))
    session.flush()
    return {"status": "written"}


@dataclass
class ThreadsBusyProbe:
    """What `commit_while_threads_busy` saw: whether its write was committed while it held
    every thread of the request pool."""

    done: threading.Event = field(default_factory=threading.Event)
    committed: bool | None = None
    tasks: set[asyncio.Task[None]] = field(default_factory=set)


threads_busy_probe = ThreadsBusyProbe()


@router.post(
    "/commit-while-threads-busy",
    status_code=201,
    summary="Write, then hold every request thread until the write is committed (or 10 s)",
)
async def commit_while_threads_busy(body: NoteIn, session: DbSession, request: Request) -> NoteOut:
    # In the event loop on purpose: the handler itself must not need a thread.
    note = Note(id=new_id("note"), title=body.title, created_at=clock.now())
    session.add(note)
    session.flush()
    limiter = anyio.to_thread.current_default_thread_limiter()
    borrowers = [object() for _ in range(int(limiter.total_tokens))]
    for borrower in borrowers:
        await limiter.acquire_on_behalf_of(borrower)
    engine: Engine = request.app.state.database.engine  # reads without the write lock
    probe = threads_busy_probe

    async def give_back_once_committed() -> None:
        probe.committed = False
        for _ in range(200):
            with engine.connect() as connection:
                if connection.scalar(select(Note.id).where(Note.id == note.id)):
                    probe.committed = True
                    break
            await anyio.sleep(0.05)
        for borrower in borrowers:
            limiter.release_on_behalf_of(borrower)
        probe.done.set()

    task = asyncio.get_running_loop().create_task(give_back_once_committed())
    probe.tasks.add(task)
    task.add_done_callback(probe.tasks.discard)
    return NoteOut.model_validate(note, from_attributes=True)
