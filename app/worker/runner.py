"""The worker loop: dispatch events, deliver what is due, run scheduled jobs; sleep only when
there was nothing to do. Runs as `anxin worker` or inside `anxin serve` (the embedded
default), and any number of them may run against one database."""

from __future__ import annotations

import logging
import os
import socket
import threading

from sqlalchemy import Engine

from app.core.config import Settings
from app.core.crypto import PersonalDataCipher
from app.core.database import session_factory
from app.core.ids import new_id
from app.webhooks.dispatch import dispatch_pending
from app.webhooks.sender import Deliverer
from app.worker.scheduler import Scheduler

logger = logging.getLogger("anxin.worker")


def worker_name() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{new_id('wkr')[-6:]}"


class Worker:
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        cipher: PersonalDataCipher,
        *,
        schedule: bool = True,
        name: str | None = None,
    ) -> None:
        self.name = name or worker_name()
        self._sessions = session_factory(engine, write=True)
        self._settings = settings
        self.deliverer = Deliverer(self._sessions, settings, cipher, self.name)
        self.scheduler = Scheduler(engine, settings, self.name) if schedule else None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> int:
        """One round of everything; returns how much work it found."""
        with self._sessions() as session:
            dispatched = dispatch_pending(session)
            session.commit()
        delivered = self.deliverer.deliver_due()
        scheduled = self.scheduler.tick() if self.scheduler is not None else 0
        return dispatched + delivered + scheduled

    def run_until_stopped(self) -> None:
        logger.info("outbox worker %s started", self.name)
        while not self._stopping.is_set():
            try:
                busy = self.run_once()
            except Exception:
                logger.exception("worker round failed; retrying")
                busy = 0
            if not busy:
                self._stopping.wait(self._settings.outbox_poll_seconds)
        logger.info("outbox worker %s stopped", self.name)

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self.run_until_stopped, name="outbox-worker", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self.deliverer.close()
        if self.scheduler is not None:
            self.scheduler.stop()
