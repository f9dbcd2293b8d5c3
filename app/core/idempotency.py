"""`Idempotency-Key` for POSTs: a retried request replays the first answer instead of acting twice.

The key is scoped to the principal, the method and the path. The claim is written in the
same transaction as the work it protects and completed with the response just before that
transaction commits, so there is never a stored answer without its work, nor work without
its answer. Same key and same body → the stored response (`Idempotent-Replayed: true`);
same key, different body → 422; same key while the first request still runs → 409.
Successful (2xx) responses are stored; a failed request leaves no trace and may be retried.
Stored bodies are sealed with the platform's data key: some hold secrets shown once (a
client's secret, a webhook signing secret), which must not lie in the clear for a day.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Header, Request, Response
from sqlalchemy import Integer, LargeBinary, String, Text, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from app.core import clock
from app.core.crypto import PersonalDataCipher
from app.core.errors import IDEMPOTENCY_KEY_IN_USE, IDEMPOTENCY_KEY_REUSED
from app.core.orm import Base, UTCDateTime

IDEMPOTENCY_HEADER = "Idempotency-Key"
# 1–255 visible ASCII characters, declared on the header (so FastAPI enforces it and the
# contract states it).
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"
# Response headers worth replaying; the rest (dates, request ids) belong to the new response.
_REPLAYED_HEADERS = ("content-type", "location", "etag", "cache-control")
_SEALED = b"sealed:"
_BODY_CONTEXT = "idempotency_records.response_body"
_FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
ANONYMOUS = "anonymous"


class IdempotencyRecord(Base):
    """A POST's idempotency key and, once it succeeded, the response it produced."""

    __tablename__ = "idempotency_records"

    scope_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_headers: Mapped[str | None] = mapped_column(Text)
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class IdempotentReplay(Exception):
    """Raised by the guard to answer with a stored response instead of running the handler.

    It carries plain values, not the ORM row: the transaction is rolled back before the
    answer is built, and a lazy load then would block the event loop on the database.
    """

    def __init__(self, record: IdempotencyRecord, cipher: PersonalDataCipher | None) -> None:
        super().__init__("idempotent replay")
        self.status_code = record.status_code or 200
        self.body = _open_body(record.response_body or b"", cipher)
        self.headers = dict(
            line.split(": ", 1) for line in (record.response_headers or "").splitlines()
        )

    def response(self) -> Response:
        headers = {**self.headers, "Idempotent-Replayed": "true"}
        return Response(content=self.body, status_code=self.status_code, headers=headers)


def _seal_body(body: bytes, cipher: PersonalDataCipher | None) -> bytes:
    if cipher is None:  # an app without keys (never the API itself)
        return body
    return _SEALED + cipher.seal(base64.b64encode(body).decode(), context=_BODY_CONTEXT).encode()


def _open_body(stored: bytes, cipher: PersonalDataCipher | None) -> bytes:
    if not stored.startswith(_SEALED) or cipher is None:
        return stored  # stored before bodies were sealed
    plain = cipher.open(stored[len(_SEALED) :].decode(), context=_BODY_CONTEXT)
    return base64.b64decode(plain)


def _sha256(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()


async def idempotency_guard(
    request: Request,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias=IDEMPOTENCY_HEADER,
            pattern=IDEMPOTENCY_KEY_PATTERN,
            min_length=1,
            max_length=255,
            description="Client-chosen key (1–255 visible ASCII characters). Retrying a POST "
            "with the same key and body replays the first response for 24 hours.",
        ),
    ] = None,
) -> None:
    if idempotency_key is None:
        return
    # The app supplies how to name the caller (core knows nothing of identity); a request
    # without valid credentials shares the anonymous scope.
    resolver = getattr(request.app.state, "principal_key_resolver", None)
    principal = (resolver(request) if resolver else None) or ANONYMOUS
    scope_hash = _sha256(principal, request.method, request.url.path, idempotency_key)
    request_hash = await _body_hash(request)
    session: Session = request.state.session
    ttl = timedelta(hours=request.app.state.settings.idempotency_ttl_hours)
    cipher = getattr(request.app.state, "cipher", None)
    await run_in_threadpool(_claim, session, scope_hash, request_hash, ttl, cipher)
    request.state.idempotency_scope = scope_hash


async def _body_hash(request: Request) -> str:
    """What "the same body" means: the bytes, except for forms, which are compared by their
    fields and files. FastAPI has read a form from the stream by now without keeping the
    bytes (asking for them fails), and a client picks a new multipart boundary each time
    it sends, so a retried upload would never match its first try byte for byte."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type not in _FORM_MEDIA_TYPES:
        return _sha256(await request.body())
    parts: list[str | bytes] = []
    for name, value in (await request.form()).multi_items():
        if isinstance(value, UploadFile):
            content = await value.read()
            await value.seek(0)  # the endpoint reads it next
            parts += [name, value.filename or "", value.content_type or "", content]
        else:
            parts += [name, value]
    return _sha256(media_type, *parts)


def _claim(
    session: Session,
    scope_hash: str,
    request_hash: str,
    ttl: timedelta,
    cipher: PersonalDataCipher | None,
) -> None:
    if session.get_bind().dialect.name == "postgresql":
        # A second request with the same key while the first still runs must not wait on the
        # first's row lock and then act: it is told to come back (409).
        lock_id = int(scope_hash[:15], 16)
        acquired = session.execute(
            text("SELECT pg_try_advisory_xact_lock(:id)"), {"id": lock_id}
        ).scalar_one()
        if not acquired:
            raise IDEMPOTENCY_KEY_IN_USE.problem(
                "A request with this Idempotency-Key is still being processed; retry later."
            )
    now = clock.now()
    existing = session.get(IdempotencyRecord, scope_hash)
    if existing is not None and existing.expires_at <= now:
        session.delete(existing)
        session.flush()
        existing = None
    if existing is None:
        try:
            with session.begin_nested():
                session.add(
                    IdempotencyRecord(
                        scope_hash=scope_hash,
                        request_hash=request_hash,
                        created_at=now,
                        expires_at=now + ttl,
                    )
                )
            return
        except IntegrityError:
            # Another request with this key committed in between: judge against its answer.
            existing = session.get(IdempotencyRecord, scope_hash, populate_existing=True)
            if existing is None:
                raise
    if existing.request_hash != request_hash:
        raise IDEMPOTENCY_KEY_REUSED.problem(
            "This Idempotency-Key was already used with a different request body."
        )
    raise IdempotentReplay(existing, cipher)


def record_response(request: Request, session: Session, response: Response) -> None:
    """Store a successful response under the request's key, in the request's transaction."""
    scope_hash = getattr(request.state, "idempotency_scope", None)
    if scope_hash is None:
        return
    record = session.get(IdempotencyRecord, scope_hash)
    if record is None:
        return
    record.status_code = response.status_code
    record.response_headers = "\n".join(
        f"{name}: {response.headers[name]}"
        for name in _REPLAYED_HEADERS
        if name in response.headers
    )
    record.response_body = _seal_body(
        bytes(response.body), getattr(request.app.state, "cipher", None)
    )
