"""The application's handle on its database: the engine and its two kinds of sessions."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import Settings
from app.core.db import create_db_engine, session_factory


@dataclass
class Database:
    engine: Engine
    _readers: sessionmaker[Session] = field(init=False)
    _writers: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self._readers = session_factory(self.engine, write=False)
        self._writers = session_factory(self.engine, write=True)

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(create_db_engine(settings))

    def session(self, *, write: bool) -> Session:
        """A new session; `write` sessions take the write lock up front on SQLite."""
        return (self._writers if write else self._readers)()

    def dispose(self) -> None:
        self.engine.dispose()
