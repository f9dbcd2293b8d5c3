"""The blacklist's background parts in each API process: the snapshot refresher and the
query log writer. (Listings expire in the worker's scheduler: app/worker/scheduler.py.)"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI
from sqlalchemy import Engine

from app.blacklist.query_log import QueryLog
from app.blacklist.receipts import Receipting
from app.blacklist.snapshot import SnapshotHolder
from app.core.config import Settings


@dataclass
class BlacklistRuntime:
    snapshot: SnapshotHolder
    log: QueryLog

    @classmethod
    def start(cls, app: FastAPI, settings: Settings, engine: Engine) -> BlacklistRuntime:
        snapshot = SnapshotHolder(engine, settings.blacklist_refresh_seconds)
        snapshot.start()
        log = QueryLog(engine, settings.query_log_flush_seconds)
        log.start()
        app.state.blacklist_snapshot = snapshot
        app.state.receipting = Receipting(app.state.receipt_keys, settings.token_issuer, log)
        return cls(snapshot, log)

    def stop(self) -> None:
        self.snapshot.stop()
        self.log.stop()
