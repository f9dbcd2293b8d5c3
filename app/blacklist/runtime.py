"""The blacklist's background parts in each API process: the snapshot refresher, the query
log writer and the periodic expiry of listings (until the worker of issue 7 takes it)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from fastapi import FastAPI
from sqlalchemy import Engine

from app.blacklist.expiry import expire_due
from app.blacklist.query_log import QueryLog
from app.blacklist.receipts import Receipting
from app.blacklist.snapshot import SnapshotHolder
from app.core.config import Settings
from app.core.db import session_factory

logger = logging.getLogger("anxin.blacklist")


@dataclass
class BlacklistRuntime:
    snapshot: SnapshotHolder
    log: QueryLog
    expiry: threading.Thread
    stopping: threading.Event

    @classmethod
    def start(cls, app: FastAPI, settings: Settings, engine: Engine) -> BlacklistRuntime:
        snapshot = SnapshotHolder(engine, settings.blacklist_refresh_seconds)
        snapshot.start()
        log = QueryLog(engine, settings.query_log_flush_seconds)
        log.start()
        app.state.blacklist_snapshot = snapshot
        app.state.receipting = Receipting(app.state.receipt_keys, settings.token_issuer, log)
        stopping = threading.Event()
        expiry = threading.Thread(
            target=_expire_periodically,
            args=(engine, settings.blacklist_expiry_check_seconds, stopping),
            name="blacklist-expiry",
            daemon=True,
        )
        expiry.start()
        return cls(snapshot, log, expiry, stopping)

    def stop(self) -> None:
        self.stopping.set()
        self.snapshot.stop()
        self.log.stop()
        self.expiry.join(timeout=5)


def _expire_periodically(engine: Engine, interval: float, stopping: threading.Event) -> None:
    sessions = session_factory(engine, write=True)
    while not stopping.wait(interval):
        try:
            with sessions() as session:
                expired = expire_due(session)
                session.commit()
            if expired:
                logger.info("expired %d blacklist entries", expired)
        except Exception:
            logger.exception("blacklist expiry failed; retrying at the next interval")
