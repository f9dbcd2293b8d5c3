"""Delivering claimed messages over HTTP and recording what happened.

One attempt is one POST with the Standard Webhooks headers, within a timeout, following no
redirect; a 2xx answer delivers the message. Anything else is recorded as an attempt and the
message waits for its next try; after the last one it fails, and its endpoint — which has
then been failing for about a day — is disabled, with an event to its organization.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core import clock
from app.core.config import Settings
from app.core.crypto import PersonalDataCipher
from app.core.ids import new_id
from app.core.rows import rows_changed
from app.outbox.events import emit
from app.webhooks import signing
from app.webhooks.addresses import RefusedDestination, pinned
from app.webhooks.claims import Claim, claim_due
from app.webhooks.messages import DELIVERED, FAILED, PENDING
from app.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookMessage
from app.webhooks.retries import exhausted, wait_after
from app.webhooks.service import secrets_in_force

logger = logging.getLogger("anxin.webhooks")

_ERROR_LENGTH = 500


@dataclass(frozen=True)
class Outcome:
    started_at: datetime
    latency_ms: int
    status_code: int | None
    outcome: str  # delivered | http_error | timeout | connection_error | refused
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.outcome == "delivered"


@dataclass(frozen=True)
class Job:
    """A claimed attempt with everything needed to make it without the database."""

    claim: Claim
    url: str
    headers: dict[str, str]
    body: str


def post(client: httpx.Client, job: Job, settings: Settings) -> Outcome:
    started, clock_start = clock.now(), time.perf_counter()

    def done(outcome: str, status: int | None = None, error: str | None = None) -> Outcome:
        elapsed = round((time.perf_counter() - clock_start) * 1000)
        return Outcome(started, elapsed, status, outcome, error and error[:_ERROR_LENGTH])

    try:
        # Checked again now (DNS may have changed since registration), and connected to
        # the address checked: a name resolved twice could be rebound in between.
        target = pinned(job.url, settings)
        with client.stream(
            "POST",
            target.url,
            content=job.body.encode(),
            headers={**job.headers, **target.headers},
            timeout=settings.webhook_timeout_seconds,
            extensions=target.extensions,
        ) as response:  # the body is not read: only the status matters
            if 200 <= response.status_code < 300:
                return done("delivered", response.status_code)
            return done("http_error", response.status_code, f"HTTP {response.status_code}")
    except RefusedDestination as refused:
        return done("refused", error=str(refused))
    except httpx.TimeoutException as exc:
        return done("timeout", error=f"timed out: {type(exc).__name__}")
    except httpx.HTTPError as exc:
        return done("connection_error", error=f"{type(exc).__name__}: {exc}")


class Deliverer:
    """Claims due messages and delivers them, a few at a time, from one worker."""

    def __init__(
        self,
        sessions: Callable[[], Session],
        settings: Settings,
        cipher: PersonalDataCipher,
        owner: str,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._cipher = cipher
        self.owner = owner
        self._client = httpx.Client(follow_redirects=False, trust_env=False)
        self._pool = ThreadPoolExecutor(
            max_workers=settings.webhook_concurrency, thread_name_prefix="webhook-delivery"
        )
        self._rng = random.Random()  # noqa: S311 (jitter, not secrets)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._client.close()

    def deliver_due(self) -> int:
        """One round: claim, deliver, record; returns how many attempts were made."""
        jobs = self._claim()
        outcomes = list(self._pool.map(lambda job: post(self._client, job, self._settings), jobs))
        for job, outcome in zip(jobs, outcomes, strict=True):
            with self._sessions() as session:
                record(session, job.claim, outcome, self.owner, self._settings, self._rng)
                session.commit()
        return len(jobs)

    def _claim(self) -> list[Job]:
        settings = self._settings
        lease = timedelta(
            seconds=settings.webhook_timeout_seconds + settings.webhook_lease_margin_seconds
        )
        with self._sessions() as session:
            now = clock.now()
            claims = claim_due(session, self.owner, now, lease, settings.webhook_concurrency * 2)
            session.commit()
            if not claims:
                return []
            ids = [c.message_id for c in claims]
            messages = {
                m.id: m
                for m in session.scalars(select(WebhookMessage).where(WebhookMessage.id.in_(ids)))
            }
            endpoints = {
                e.id: e
                for e in session.scalars(
                    select(WebhookEndpoint).where(
                        WebhookEndpoint.id.in_({c.endpoint_id for c in claims})
                    )
                )
            }
            timestamp = int(now.timestamp())
            jobs = []
            for claim in claims:
                message, endpoint = messages[claim.message_id], endpoints[claim.endpoint_id]
                secrets = secrets_in_force(endpoint, self._cipher, now)
                headers = signing.headers(secrets, message.id, timestamp, message.body)
                headers["user-agent"] = "Anxin-Webhooks/1"
                jobs.append(Job(claim, endpoint.url, headers, message.body))
            return jobs


def record(
    session: Session,
    claim: Claim,
    outcome: Outcome,
    owner: str,
    settings: Settings,
    rng: random.Random,
) -> None:
    """Store the attempt and move the message on, if this worker still holds its lease (one
    whose lease ran out keeps its attempt in the log but decides nothing)."""
    message = session.get(WebhookMessage, claim.message_id)
    if message is None:
        return
    session.add(
        WebhookAttempt(
            id=new_id("wha"),
            message_id=message.id,
            endpoint_id=message.endpoint_id,
            organization_id=message.organization_id,
            number=claim.attempt,
            worker=owner,
            started_at=outcome.started_at,
            latency_ms=outcome.latency_ms,
            status_code=outcome.status_code,
            outcome=outcome.outcome,
            error=outcome.error,
        )
    )
    now = clock.now()
    values: dict[str, object] = {
        "lease_owner": None,
        "lease_until": None,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
    }
    failed_for_good = False
    if outcome.delivered:
        values |= {"status": DELIVERED, "finished_at": now}
    elif exhausted(claim.attempt, settings.webhook_retry_schedule_seconds):
        values |= {"status": FAILED, "finished_at": now}
        failed_for_good = True
    else:
        wait = wait_after(claim.attempt, settings.webhook_retry_schedule_seconds, rng)
        values["next_attempt_at"] = now + wait
    moved = rows_changed(
        session.execute(
            update(WebhookMessage)
            .where(
                WebhookMessage.id == message.id,
                WebhookMessage.status == PENDING,
                WebhookMessage.lease_owner == owner,
                WebhookMessage.lease_until == claim.lease_until,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    )
    if moved and failed_for_good:
        _disable_failing(session, message, outcome, now)


def _disable_failing(
    session: Session, message: WebhookMessage, outcome: Outcome, now: datetime
) -> None:
    endpoint = session.get(WebhookEndpoint, message.endpoint_id)
    if endpoint is None or not endpoint.enabled or endpoint.deleted_at is not None:
        return
    endpoint.enabled = False
    endpoint.disabled_reason = "failing"
    endpoint.disabled_at = now
    endpoint.updated_at = now
    logger.warning("webhook endpoint %s disabled after persistent failure", endpoint.id)
    emit(
        session,
        "webhook_endpoint.disabled",
        f"webhook_endpoint:{endpoint.id}",
        {
            "endpoint_id": endpoint.id,
            "url": endpoint.url,
            "reason": "failing",
            "failed_message_id": message.id,
            "last_error": outcome.error,
        },
        organization_id=endpoint.organization_id,
    )
